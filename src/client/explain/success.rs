//! The explanation of a success, per endpoint: what happened and what comes next.

use super::request::{Mask, RequestView};
use super::text::{Explanation, t};
use crate::api::{Scene, paths, ttl, wire};
use crate::client::ReceivedResponse;

pub(super) fn success(
    e: &mut Explanation,
    view: &RequestView,
    response: Option<&ReceivedResponse>,
    mask: &Mask,
) {
    let body = response.map(|r| r.body.as_slice()).unwrap_or_default();
    e.code = None;
    match view.path.as_str() {
        paths::SMS_SEND => sms_sent(e, view, mask),
        paths::CAPTCHA => captcha_issued(e, body, mask),
        paths::CAPTCHA_VERIFY => captcha_passed(e, view, mask),
        paths::LOGIN_MOBILE => logged_in(e, body),
        other => {
            e.title = t("Success", "成功");
            e.meaning = t(
                format!("{other} answered with a 2xx status."),
                format!("{other} 返回了 2xx 状态。"),
            );
        }
    }
}

fn sms_sent(e: &mut Explanation, view: &RequestView, mask: &Mask) {
    let m = view
        .field("mobile")
        .value()
        .map(|m| mask.mobile(m))
        .unwrap_or_default();
    let scene_text = view.field("type").value().unwrap_or_default().to_string();
    e.title = t("SMS code sent", "短信验证码已发送");
    e.meaning = t(
        format!(
            "The server accepted the request and sent a 6-digit code to {m}; the code lives {} s, is single use and dies after {} wrong attempts.",
            ttl::SMS_CODE.as_secs(),
            ttl::SMS_CODE_MAX_WRONG
        ),
        format!(
            "服务器已受理，向 {m} 发送了 6 位验证码；有效期 {} 秒，只能使用一次，错误 {} 次后失效。",
            ttl::SMS_CODE.as_secs(),
            ttl::SMS_CODE_MAX_WRONG
        ),
    );
    e.in_this_request.push(t(
        format!("scene {scene_text}; the pass token is now consumed"),
        format!("场景 {scene_text}；通过令牌已被消耗"),
    ));
    e.in_this_request.push(t(
        format!(
            "another code for the same mobile and scene can be sent after {} s; at most {} per mobile and day",
            ttl::RESEND_COOLDOWN.as_secs(),
            ttl::DAILY_CAP
        ),
        format!(
            "同一手机号同一场景 {} 秒后才能再次发送；每个手机号每天最多 {} 条",
            ttl::RESEND_COOLDOWN.as_secs(),
            ttl::DAILY_CAP
        ),
    ));
    if let Some(scene) = Scene::from_code(&scene_text) {
        e.step(t(
            format!("use the code with {}", scene.consumer()),
            format!("用该验证码调用 {}", scene.consumer()),
        ));
        if scene == Scene::LoginSms {
            e.step(t(
                format!(
                    "POST {} {{\"mobile\", \"verify_code\"}}",
                    paths::LOGIN_MOBILE
                ),
                format!(
                    "POST {} {{\"mobile\", \"verify_code\"}}",
                    paths::LOGIN_MOBILE
                ),
            ));
        }
    }
    e.step(t(
        format!(
            "on the simulator, read the code from GET {}",
            paths::SIM_OUTBOX
        ),
        format!("使用模拟器时，可从 GET {} 读取验证码", paths::SIM_OUTBOX),
    ));
}

fn captcha_issued(e: &mut Explanation, body: &[u8], mask: &Mask) {
    let c: Option<wire::CaptchaResponse> = serde_json::from_slice(body).ok();
    let token = c.as_ref().and_then(|c| c.token.clone()).unwrap_or_default();
    e.title = t("Captcha puzzle issued", "已获取滑块验证码");
    e.meaning = t(
        format!(
            "Puzzle token {}; it lives {} s and allows one verify attempt.",
            mask.token(&token),
            ttl::PUZZLE.as_secs()
        ),
        format!(
            "拼图 token {}；有效期 {} 秒，只允许校验一次。",
            mask.token(&token),
            ttl::PUZZLE.as_secs()
        ),
    );
    if c.as_ref().and_then(|c| c.secret_key.as_ref()).is_some() {
        e.in_this_request.push(t(
            "secretKey is set: point_json must be sent AES-128-ECB encrypted and base64 encoded",
            "secretKey 非空：point_json 需用 AES-128-ECB 加密并 base64 编码后发送",
        ));
    }
    e.step(t(
        format!(
            "slide the piece and POST {} {{point_json, token, sender}}; y is always 5",
            paths::CAPTCHA_VERIFY
        ),
        format!(
            "拖动拼图后 POST {} {{point_json, token, sender}}；y 恒为 5",
            paths::CAPTCHA_VERIFY
        ),
    ));
}

fn captcha_passed(e: &mut Explanation, view: &RequestView, mask: &Mask) {
    e.title = t("Captcha passed", "图形验证码校验通过");
    e.meaning = t(
        format!(
            "The response holds the pass token (captcha_token); it lives {} s and is single use.",
            ttl::PASS_TOKEN.as_secs()
        ),
        format!(
            "响应中的 captcha_token 即通过令牌；有效期 {} 秒，只能使用一次。",
            ttl::PASS_TOKEN.as_secs()
        ),
    );
    if let Some(s) = view.field("sender").value() {
        e.in_this_request.push(t(
            format!(
                "sender was {}: send the code to this same mobile",
                mask.mobile(s)
            ),
            format!(
                "sender 为 {}：发送验证码时 mobile 必须与之相同",
                mask.mobile(s)
            ),
        ));
    }
    e.step(t(
        format!(
            "POST {} with captcha_token exactly as returned (TOKEN---POINT_JSON)",
            paths::SMS_SEND
        ),
        format!(
            "原样把 captcha_token（TOKEN---POINT_JSON）用于 POST {}",
            paths::SMS_SEND
        ),
    ));
}

fn logged_in(e: &mut Explanation, body: &[u8]) {
    let l: Option<wire::LoginResponse> = serde_json::from_slice(body).ok();
    e.title = t("Logged in", "登录成功");
    let expire = l.map(|l| l.expire).unwrap_or_default();
    e.meaning = t(
        format!("The code was accepted; the session token and id_token are valid for {expire} s."),
        format!("验证码正确；session_token 与 id_token 有效期 {expire} 秒。"),
    );
    e.step(t(
        "use the id_token as a Bearer token for the endpoints that need one",
        "需要鉴权的接口使用 id_token 作为 Bearer 令牌",
    ));
}

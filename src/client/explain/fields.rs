//! The body fields of sms/send: mobile, scene and pass token present and well formed; a refused send.

use super::ExplainContext;
use super::request::{Found, Mask, RequestView, body_field, presence, presence_named};
use super::table::{Entry, Out};
use super::text::t;
use crate::api::catalogue::codes;
use crate::api::{Lang, Scene, mobile, ttl};

/// One line per code: the code and the function that explains it.
pub(super) const TABLE: &[Entry] = &[
    (codes::USER_0004, user_0004),
    (codes::PARAM_0007, param_0007),
    (codes::PARAM_0008, param_0008),
    (codes::CAPTCHA_0005, captcha_0005),
    (codes::CAPTCHA_0006, captcha_0006),
];

fn user_0004(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    let mobile_field = view.mobile_field();
    let f = view.field(mobile_field);
    out.line(presence_named(&body_field(mobile_field), &f));
    if !view.body_is_json_object() {
        out.line(t("the body was not a JSON object", "请求体不是 JSON 对象"));
    }
    let strays: Vec<String> = view
        .field_names()
        .into_iter()
        .filter(|n| {
            let l = n.to_ascii_lowercase();
            n != mobile_field
                && (l.contains("mobile") || l.contains("phone") || l.contains("sender"))
        })
        .collect();
    if !strays.is_empty() {
        out.line(t(
            format!("the body has {strays:?}: the field must be named `{mobile_field}`"),
            format!("请求体中有 {strays:?}：字段名必须是 `{mobile_field}`"),
        ));
    }
}

fn param_0007(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    out.line(presence_named(
        &t("body field `type` (the scene)", "请求体字段 `type`（场景）"),
        &view.field("type"),
    ));
    out.step(t(
        format!("one of: {}", Scene::ALL.map(|s| s.code()).join(", ")),
        format!("可选：{}", Scene::ALL.map(|s| s.code()).join("、")),
    ));
}

fn param_0008(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    out.line(presence_named(
        &body_field("captcha_token"),
        &view.field("captcha_token"),
    ));
    out.step(t(
        "get one with `vflow captcha get` + `vflow captcha verify`, or run `vflow flow`",
        "用 `vflow captcha get` + `vflow captcha verify` 获取，或运行 `vflow flow`",
    ));
}

fn captcha_0005(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    let sent = view.field("type");
    out.line(presence_named(&t("the scene `type`", "场景 `type`"), &sent));
    if let Some(v) = sent.value() {
        match Scene::nearest(v) {
            Some(s) => out.line(t(
                format!("did you mean {}? ({})", s.code(), s.description()),
                format!("是否想用 {}？", s.code()),
            )),
            None => out.line(t(
                "it is not close to any of the six scenes",
                "它与六个场景都不接近",
            )),
        }
        if v.trim() == "CHANGE_PWD_SMS" {
            out.line(t(
                "CHANGE_PWD_SMS is the EIAM name; CIAM calls it UPDATE_PWD_SMS",
                "CHANGE_PWD_SMS 是 EIAM 的名称；CIAM 中为 UPDATE_PWD_SMS",
            ));
        }
    }
    // The catalogue's advice lists the six scenes; add the one fix that fits.
    if let Some(v) = sent.value()
        && let Some(sc) = Scene::from_code(&v.trim().to_ascii_uppercase())
    {
        out.step(t(
            format!("scenes are case-sensitive: send {sc}"),
            format!("场景区分大小写：请发送 {sc}"),
        ));
    }
}

/// The catalogue's CAPTCHA.0006 next steps this request's explanation can say better
/// (their index in its `todo`).
pub(super) mod todo_0006 {
    pub const CHECK_MOBILE: usize = 0;
    pub const WAIT_COOLDOWN: usize = 1;
}
use todo_0006::{CHECK_MOBILE as TODO_CHECK_MOBILE, WAIT_COOLDOWN as TODO_WAIT_COOLDOWN};

fn captcha_0006(view: &RequestView, ctx: &ExplainContext, mask: &Mask, out: &mut Out) {
    match view.field("mobile") {
        Found::Value(m) => match mobile::problem(&m) {
            Some(p) => {
                out.line(t(
                    format!("mobile {} is malformed: {p}", mask.mobile(&m)),
                    format!(
                        "手机号 {} 格式错误：{}",
                        mask.mobile(&m),
                        mobile::problem_in(&m, Lang::Zh).unwrap_or_default()
                    ),
                ));
                out.step(t(
                    "fix the mobile number: 5 to 20 digits after an optional +",
                    "修正手机号：可选的 + 号后跟 5 到 20 位数字",
                ));
                // The server turns a malformed number away before any cooldown.
                out.supersede(TODO_CHECK_MOBILE);
                out.supersede(TODO_WAIT_COOLDOWN);
            }
            None => {
                out.line(t(
                    format!("mobile {} is well formed", mask.mobile(&m)),
                    format!("手机号 {} 格式正确", mask.mobile(&m)),
                ));
                let cooldown = ttl::RESEND_COOLDOWN;
                if let Some(ago) = ctx.recent_send.filter(|a| *a < cooldown) {
                    let scene = view.field("type").value().unwrap_or_default().to_string();
                    let c = cooldown.as_secs();
                    let (s, left) = ttl::cooldown_split(ago);
                    out.line(t(
                        format!("this session sent a code to this mobile for {scene} {s} s before this request: that is the {c} s resend cooldown"),
                        format!("本会话在此请求前 {s} 秒已向该手机号发送过 {scene} 验证码：这正是 {c} 秒的重发冷却"),
                    ));
                    out.step(t(
                        format!("wait {left} s more, or send to another mobile or scene"),
                        format!("再等待 {left} 秒，或换一个手机号或场景发送"),
                    ));
                    // the catalogue's "check the mobile number" and "wait for the cooldown,
                    // or use another number": said above, for this request
                    out.supersede(TODO_CHECK_MOBILE);
                    out.supersede(TODO_WAIT_COOLDOWN);
                    return;
                }
                out.line(t(
                    format!(
                        "so the likely causes are: a resend within {} s for the same mobile and scene, the daily cap of {} codes for this mobile, or the SMS gateway failing",
                        ttl::RESEND_COOLDOWN.as_secs(),
                        ttl::DAILY_CAP
                    ),
                    format!(
                        "因此可能是：同一手机号同一场景 {} 秒内重复发送、该手机号已达每日 {} 条上限，或短信网关故障",
                        ttl::RESEND_COOLDOWN.as_secs(),
                        ttl::DAILY_CAP
                    ),
                ));
                if view.field("type").value() == Some(Scene::UpdatePwdSms.code())
                    && !m.starts_with('+')
                {
                    out.line(t(
                        "UPDATE_PWD_SMS wants the mobile with its full area code (+86...)",
                        "UPDATE_PWD_SMS 要求手机号带完整区号（+86...）",
                    ));
                }
            }
        },
        other => out.line(presence("mobile", &other)),
    }
    // The cooldown advice only where the number itself is fine.
    if view.field("mobile").value().is_some_and(mobile::is_valid) {
        out.step(t(
            format!(
                "wait {} s before sending to the same mobile and scene again",
                ttl::RESEND_COOLDOWN.as_secs()
            ),
            format!(
                "同一手机号同一场景请等待 {} 秒后再发送",
                ttl::RESEND_COOLDOWN.as_secs()
            ),
        ));
    }
}

//! Pre-send checks: what will likely make an sms/send fail, known before it
//! is sent, and whether a send spends its pass token. Pure functions shared by
//! the TUI's review and `vflow send`.

use super::{HeaderSetting, Outcome, RequestSpec, Text};
use crate::api::catalogue::codes;
use crate::api::{self, Scene, headers as h};
use std::time::Duration;

/// A pass token with this many seconds left or fewer is flagged as about to expire.
pub const TOKEN_SOON: u64 = 30;

/// What is known about a pass token captcha/verify issued (the one being sent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedToken {
    /// The mobile number given as `sender` to captcha/verify.
    pub sender: Option<String>,
    /// Time since captcha/verify issued it.
    pub age: Duration,
    /// A send already used it (pass tokens are single use).
    pub used: bool,
}

/// The request about to be sent, and what is known around it.
#[derive(Clone, Debug, Default)]
pub struct Input<'a> {
    pub headers: &'a [HeaderSetting],
    pub mobile: &'a str,
    /// The `type` field.
    pub scene: &'a str,
    pub captcha_token: &'a str,
    /// Set when this token came from captcha/verify in this session.
    pub issued: Option<IssuedToken>,
    /// A successful send to the same target, mobile and scene this long ago.
    pub recent_send: Option<Duration>,
}

/// One problem found before sending.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// The answer this problem will likely bring, when one code is expected.
    pub expect: Option<&'static str>,
    pub text: Text,
}

impl Warning {
    fn new(expect: Option<&'static str>, en: String, zh: String) -> Warning {
        Warning {
            expect,
            text: Text::new(en, zh),
        }
    }
}

/// The warnings for a request as built (fields not sent count as empty),
/// with nothing known about where its token came from. The headers are
/// judged on every endpoint; the body fields only on sms/send. An imported
/// body kept byte for byte is read as JSON for its fields.
pub fn for_spec(spec: &RequestSpec) -> Vec<Warning> {
    if !spec.path.starts_with(api::paths::SMS_SEND) {
        return headers(&spec.headers);
    }
    let raw: Option<serde_json::Map<String, serde_json::Value>> = spec
        .raw_body
        .as_ref()
        .and_then(|b| serde_json::from_slice(b).ok());
    let field = |name: &str| -> String {
        if let Some(m) = &raw {
            return m
                .get(name)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
        }
        spec.field(name)
            .filter(|f| f.enabled)
            .map(|f| f.value.clone())
            .unwrap_or_default()
    };
    let (mobile, scene, token) = (field("mobile"), field("type"), field("captcha_token"));
    warnings(&Input {
        headers: &spec.headers,
        mobile: &mobile,
        scene: &scene,
        captcha_token: &token,
        issued: None,
        recent_send: None,
    })
}

/// Problems that will likely make the send fail, most basic first (the
/// order the server checks them in).
pub fn warnings(i: &Input<'_>) -> Vec<Warning> {
    let mut w = headers(i.headers);
    w.extend(fields(i));
    w.extend(token(i));
    if let Some(ago) = i.recent_send {
        let (ago, left) = api::ttl::cooldown_split(ago);
        let scene = i.scene;
        w.push(Warning::new(
            Some(codes::CAPTCHA_0006),
            format!(
                "a code went to this mobile for {scene} {ago} s ago: CAPTCHA.0006 likely (cooldown: wait {left} s)"
            ),
            format!("{ago} 秒前已向该手机号发送过 {scene} 验证码：很可能返回 CAPTCHA.0006（冷却中，请等待 {left} 秒）"),
        ));
    }
    w.extend(issued(i));
    w
}

fn headers(hs: &[HeaderSetting]) -> Vec<Warning> {
    let required = h::REQUIRED_DEVICE.iter().map(|n| (*n, codes::PARAM_0001));
    let mut w = Vec::new();
    for (name, code) in required.chain([(h::CLIENT_ID, codes::PARAM_0002)]) {
        let (en, zh) = match hs.iter().find(|x| x.name.eq_ignore_ascii_case(name)) {
            None => ("is not in the header list", "不在请求头列表中"),
            Some(x) if !x.enabled => ("is omitted", "被省略"),
            Some(x) if x.value.trim().is_empty() => ("is blank", "为空"),
            _ => continue,
        };
        let short = short(code);
        w.push(Warning::new(
            Some(code),
            format!("{name} {en}: {short}"),
            format!("{name} {zh}：{short}"),
        ));
    }
    w
}

/// `IDAAS.SDK.PARAM.0001` → `PARAM.0001`.
fn short(code: &str) -> &str {
    code.strip_prefix("IDAAS.SDK.").unwrap_or(code)
}

fn fields(i: &Input<'_>) -> Vec<Warning> {
    let mut w = Vec::new();
    if i.mobile.trim().is_empty() {
        w.push(Warning::new(
            Some(codes::USER_0004),
            "mobile is empty: USER.0004".into(),
            "手机号为空：USER.0004".into(),
        ));
    } else if let Some(p) = api::mobile::problem(i.mobile) {
        let p_zh = api::mobile::problem_in(i.mobile, api::Lang::Zh).unwrap_or_default();
        w.push(Warning::new(
            Some(codes::CAPTCHA_0006),
            format!("mobile {p}: CAPTCHA.0006"),
            format!("手机号有误（{p_zh}）：CAPTCHA.0006"),
        ));
    }
    let scene = i.scene;
    if scene == Scene::UpdatePwdSms.code()
        && !i.mobile.trim().is_empty()
        && !i.mobile.trim_start().starts_with('+')
    {
        w.push(Warning::new(
            None,
            format!(
                "{scene} takes the mobile with its full area code (+86{}): without it the code may not arrive",
                i.mobile.trim()
            ),
            format!(
                "{scene} 需要带完整区号的手机号（+86{}）：缺少区号时验证码可能无法送达",
                i.mobile.trim()
            ),
        ));
    }
    if scene.trim().is_empty() {
        w.push(Warning::new(
            Some(codes::PARAM_0007),
            "scene (type) is empty: PARAM.0007".into(),
            "场景（type）为空：PARAM.0007".into(),
        ));
    } else if Scene::from_code(scene).is_none() {
        let near = Scene::nearest(scene);
        let hint = near
            .map(|s| format!(" (did you mean {s}?)"))
            .unwrap_or_default();
        let hint_zh = near
            .map(|s| format!("（是否想用 {s}？）"))
            .unwrap_or_default();
        w.push(Warning::new(
            Some(codes::CAPTCHA_0005),
            format!("scene {scene:?} is not one of the six{hint}: CAPTCHA.0005"),
            format!("场景 {scene:?} 不是六个场景之一{hint_zh}：CAPTCHA.0005"),
        ));
    }
    w
}

fn token(i: &Input<'_>) -> Vec<Warning> {
    let tok = i.captcha_token;
    if tok.trim().is_empty() {
        return vec![Warning::new(
            Some(codes::PARAM_0008),
            "captcha token is empty: PARAM.0008".into(),
            "验证码通过令牌为空：PARAM.0008".into(),
        )];
    }
    match api::token::parse_pass_token(tok) {
        // A token captcha/verify issued is sent as issued, whatever its shape
        // (with a secretKey its POINT_JSON part is AES-encrypted).
        Err(_) if i.issued.is_some() => vec![],
        Err(e) => vec![Warning::new(
            Some(codes::CAPTCHA_0004),
            format!("captcha token: {e}: CAPTCHA.0004"),
            format!(
                "验证码通过令牌格式有误（{}）：CAPTCHA.0004",
                super::words::token_error(&e, crate::api::Lang::Zh)
            ),
        )],
        Ok(t) => api::token::warnings(&t)
            .iter()
            .map(|x| {
                use super::words::token_warning;
                use crate::api::Lang;
                Warning::new(
                    None,
                    format!(
                        "captcha token: {}: CAPTCHA.0003 or 0004 likely",
                        token_warning(x, Lang::En)
                    ),
                    format!(
                        "验证码通过令牌：{}：很可能返回 CAPTCHA.0003 或 0004",
                        token_warning(x, Lang::Zh)
                    ),
                )
            })
            .collect(),
    }
}

fn issued(i: &Input<'_>) -> Vec<Warning> {
    let Some(m) = &i.issued else {
        return vec![];
    };
    let mut w = Vec::new();
    let left = api::ttl::PASS_TOKEN.saturating_sub(m.age).as_secs();
    if m.used {
        w.push(Warning::new(
            Some(codes::CAPTCHA_0003),
            "this pass token was already used by a send: CAPTCHA.0003".into(),
            "该通过令牌已被一次发送用过：CAPTCHA.0003".into(),
        ));
    } else if m.age >= api::ttl::PASS_TOKEN {
        let age = m.age.as_secs();
        w.push(Warning::new(
            Some(codes::CAPTCHA_0003),
            format!("this pass token is {age} s old (it lives 180 s): CAPTCHA.0003"),
            format!("该通过令牌已有 {age} 秒（有效期 180 秒）：CAPTCHA.0003"),
        ));
    } else if left <= TOKEN_SOON {
        w.push(Warning::new(
            None,
            format!("this pass token expires in {left} s: send now or get a new one"),
            format!("该通过令牌将在 {left} 秒后过期：请立即发送或重新获取"),
        ));
    }
    if let Some(sender) = &m.sender
        && sender != i.mobile
        && !i.mobile.is_empty()
    {
        w.push(Warning::new(
            Some(codes::CAPTCHA_0004),
            format!("mobile differs from the captcha's sender {sender}: CAPTCHA.0004"),
            format!("手机号与验证码的 sender {sender} 不一致：CAPTCHA.0004"),
        ));
    }
    w
}

/// Did the server use up the pass token? The documented order of checks
/// consumes a live token at step 10 and after (success, a sender mismatch,
/// the gateway step); earlier failures (headers, empty fields, unknown scene,
/// a malformed token) leave it live. CAPTCHA.0003 means it is dead anyway.
pub fn spends_token(outcome: &Outcome, token: &str) -> bool {
    match outcome {
        Outcome::Success => true,
        Outcome::ApiError { code, .. } => match code.as_str() {
            codes::CAPTCHA_0003 | codes::CAPTCHA_0006 => true,
            // 0004 from the shape check (step 8) does not consume; from the
            // comparison with the issued token (step 10) it does.
            codes::CAPTCHA_0004 => token
                .split_once(crate::api::token::SEPARATOR)
                .is_some_and(|(t, p)| !t.trim().is_empty() && !p.trim().is_empty()),
            _ => false,
        },
        _ => false,
    }
}

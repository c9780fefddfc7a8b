//! Outcome + request → a plain-language explanation of what happened, what in
//! *this* request caused it, and what to do next, in English and Chinese.
//!
//! The same [`Explanation`] is printed by the CLI and drawn by the TUI.

use super::{Outcome, ReceivedResponse, SentRequest, TransportKind};
use crate::api::catalogue::codes;
use crate::api::headers as h;
use crate::api::{Catalogue, Lang, Scene, mobile, paths, redact, token, ttl, wire};
use std::time::Duration;

pub mod consumer;

/// One sentence in both languages.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

fn t(en: impl Into<String>, zh: impl Into<String>) -> Text {
    Text::new(en, zh)
}

fn from_list(list: &crate::api::catalogue::Bilingual<Vec<String>>) -> Vec<Text> {
    list.en
        .iter()
        .zip(&list.zh)
        .map(|(en, zh)| t(en.clone(), zh.clone()))
        .collect()
}

/// A structured explanation; render with [`Explanation::render`] or read the fields.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Explanation {
    /// The language of the request's `X-L` header (the other one is always available).
    pub lang: Lang,
    /// `success`, `api_error`, `http_error`, `bad_body`, `transport`, `cancelled`.
    pub class: String,
    pub title: Text,
    /// The error code, or the transport kind (`connection_refused`, ...).
    pub code: Option<String>,
    /// `error_msg` exactly as the server sent it.
    pub server_message: Option<String>,
    /// The catalogue's message for the code, both languages.
    pub catalogue_message: Option<Text>,
    pub meaning: Text,
    /// What in this request caused it.
    pub in_this_request: Vec<Text>,
    /// The usual causes, in general.
    pub general_causes: Vec<Text>,
    pub next_steps: Vec<Text>,
}

impl Explanation {
    /// A plain-text block in `lang` (no colours).
    pub fn render(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let mut out = String::new();
        match &self.code {
            Some(code) => out.push_str(&format!("{} ({code})\n", self.title.get(lang))),
            None => out.push_str(&format!("{}\n", self.title.get(lang))),
        }
        if let Some(m) = &self.server_message {
            out.push_str(&format!(
                "  {}: {m:?}\n",
                if zh {
                    "服务器消息"
                } else {
                    "server message"
                }
            ));
        }
        if let Some(m) = &self.catalogue_message {
            out.push_str(&format!(
                "  {}: {} / {}\n",
                if zh {
                    "文档消息"
                } else {
                    "documented message"
                },
                m.en,
                m.zh
            ));
        }
        out.push_str(&format!("  {}\n", self.meaning.get(lang)));
        let section = |out: &mut String, head: &str, items: &[Text]| {
            if !items.is_empty() {
                out.push_str(&format!("{head}\n"));
                for i in items {
                    out.push_str(&format!("  - {}\n", i.get(lang)));
                }
            }
        };
        section(
            &mut out,
            if zh {
                "本次请求中:"
            } else {
                "In this request:"
            },
            &self.in_this_request,
        );
        section(
            &mut out,
            if zh { "常见原因:" } else { "Usual causes:" },
            &self.general_causes,
        );
        section(
            &mut out,
            if zh { "下一步:" } else { "Next steps:" },
            &self.next_steps,
        );
        // the code and the server's message are the server's bytes
        crate::api::text::visible_lines(&out).into_owned()
    }
}

/// What vflow knows beyond the request itself; all optional.
#[derive(Clone, Debug, Default)]
pub struct ExplainContext {
    /// The `sender` given to captcha/verify for the pass token in use.
    pub captcha_sender: Option<String>,
    /// The `captcha_token` captcha/verify returned.
    pub issued_pass_token: Option<String>,
    /// How long ago that pass token was issued.
    pub pass_token_age: Option<Duration>,
    /// An earlier send already spent that pass token (known to the TUI).
    pub pass_token_spent: bool,
    /// Registered client ids, when known (the built-in simulator).
    pub registered_client_ids: Option<Vec<String>>,
    /// The configured timeouts, to name them in a timeout explanation.
    pub connect_timeout: Option<Duration>,
    pub timeout: Option<Duration>,
    /// Mask mobile numbers, tokens and client ids in the text.
    pub redact: bool,
    /// The codes the session sent, for the consumers' answers ([`consumer::refine`]).
    pub session: consumer::SessionFacts,
}

/// A header as found in the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    Missing,
    Blank,
    Value(String),
}

impl Found {
    fn value(&self) -> Option<&str> {
        match self {
            Found::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// Read access to a recorded request.
pub struct RequestView<'a> {
    pub request: &'a SentRequest,
    body: Option<serde_json::Map<String, serde_json::Value>>,
    pub path: String,
}

impl<'a> RequestView<'a> {
    pub fn new(request: &'a SentRequest) -> Self {
        let body = serde_json::from_slice::<serde_json::Value>(&request.body)
            .ok()
            .and_then(|v| v.as_object().cloned());
        // a tenant root may carry a path prefix: keep the endpoint part
        let path = reqwest::Url::parse(&request.url)
            .map(|u| {
                let p = u.path();
                p.find("/api/v2/sdk/")
                    .map(|i| p[i..].to_string())
                    .unwrap_or_else(|| p.to_string())
            })
            .unwrap_or_default();
        RequestView {
            request,
            body,
            path,
        }
    }

    pub fn header(&self, name: &str) -> Found {
        match self
            .request
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            None => Found::Missing,
            Some((_, v)) if v.trim().is_empty() => Found::Blank,
            Some((_, v)) => Found::Value(v.clone()),
        }
    }

    /// A body field; a non-string value is reported as its JSON text.
    pub fn field(&self, name: &str) -> Found {
        match self.body.as_ref().and_then(|b| b.get(name)) {
            None => Found::Missing,
            Some(serde_json::Value::String(s)) if s.trim().is_empty() => Found::Blank,
            Some(serde_json::Value::String(s)) => Found::Value(s.clone()),
            Some(serde_json::Value::Null) => Found::Blank,
            Some(v) => Found::Value(v.to_string()),
        }
    }

    pub fn body_is_json_object(&self) -> bool {
        self.body.is_some()
    }

    pub fn field_names(&self) -> Vec<String> {
        self.body
            .as_ref()
            .map(|b| b.keys().cloned().collect())
            .unwrap_or_default()
    }

    pub fn lang(&self) -> Lang {
        Lang::from_header(self.header(h::LANG).value())
    }

    fn host(&self) -> String {
        reqwest::Url::parse(&self.request.url)
            .ok()
            .map(|u| match (u.host_str(), u.port_or_known_default()) {
                (Some(h), Some(p)) => format!("{h}:{p}"),
                (Some(h), None) => h.to_string(),
                _ => self.request.url.clone(),
            })
            .unwrap_or_else(|| self.request.url.clone())
    }
}

struct Mask(bool);

impl Mask {
    fn mobile(&self, m: &str) -> String {
        if self.0 {
            redact::mobile(m)
        } else {
            m.to_string()
        }
    }
    fn client(&self, c: &str) -> String {
        if self.0 {
            redact::middle(c)
        } else {
            c.to_string()
        }
    }
    fn token(&self, s: &str) -> String {
        if self.0 {
            redact::pass_token(s)
        } else {
            s.to_string()
        }
    }
}

/// Explain one exchange.
pub fn explain_exchange(x: &super::Exchange, ctx: &ExplainContext) -> Explanation {
    explain(&x.request, x.response.as_ref(), &x.outcome, ctx)
}

/// Explain an outcome of a recorded request (and its response, when there was one).
pub fn explain(
    request: &SentRequest,
    response: Option<&ReceivedResponse>,
    outcome: &Outcome,
    ctx: &ExplainContext,
) -> Explanation {
    let view = RequestView::new(request);
    let mask = Mask(ctx.redact);
    let mut e = Explanation {
        lang: view.lang(),
        class: String::new(),
        title: t("", ""),
        code: None,
        server_message: None,
        catalogue_message: None,
        meaning: t("", ""),
        in_this_request: Vec::new(),
        general_causes: Vec::new(),
        next_steps: Vec::new(),
    };
    match outcome {
        Outcome::Success => {
            e.class = "success".into();
            success(&mut e, &view, response, &mask);
        }
        Outcome::ApiError {
            status,
            code,
            message,
            known,
        } => {
            e.class = "api_error".into();
            e.code = Some(code.clone());
            e.server_message = Some(message.clone());
            match Catalogue::get().find(code).filter(|_| *known) {
                Some(entry) => {
                    e.title = t(
                        format!("API error: {}", entry.msg.en),
                        format!("接口错误：{}", entry.msg.zh),
                    );
                    e.catalogue_message = Some(t(entry.msg.en.clone(), entry.msg.zh.clone()));
                    e.meaning = t(entry.meaning.en.clone(), entry.meaning.zh.clone());
                    e.general_causes = from_list(&entry.causes);
                    let (lines, steps) = specific(&entry.code, &view, ctx, &mask);
                    e.in_this_request = lines;
                    e.next_steps = steps;
                    e.next_steps.extend(from_list(&entry.todo));
                    if message.trim() != entry.msg.en && message.trim() != entry.msg.zh {
                        e.in_this_request.push(t(
                            format!(
                                "the server's message {message:?} differs from the documented one (another product version?); the code is what counts"
                            ),
                            format!("服务器消息 {message:?} 与文档不同（产品版本不同？）；以错误码为准"),
                        ));
                    }
                }
                None => unknown_code(&mut e, *status, code, message),
            }
        }
        Outcome::HttpError { status } => {
            e.class = "http_error".into();
            http_error(&mut e, *status, &view, response);
        }
        Outcome::BadBody { status, reason } => {
            e.class = "bad_body".into();
            e.title = t(
                format!("Unexpected response body (HTTP {status})"),
                format!("响应体无法解析（HTTP {status}）"),
            );
            e.meaning = t(
                "The server answered, but the body is not what this endpoint returns.",
                "服务器有应答，但响应体不是该接口应返回的格式。",
            );
            e.in_this_request.push(t(reason.clone(), reason.clone()));
            if let Some(s) = response.map(|r| snippet(&r.body)).filter(|s| !s.is_empty()) {
                e.in_this_request.push(t(
                    format!("the body starts with: {s}"),
                    format!("响应体开头：{s}"),
                ));
            }
            e.next_steps.push(t(
                "check that the target is the tenant's API root (not a login page, a proxy or another service)",
                "确认目标地址是租户的 API 根地址（而不是登录页、代理或其他服务）",
            ));
            e.next_steps.push(t(
                "look at the raw response above; a gateway or WAF may have replaced the answer",
                "查看上面的原始响应；网关或 WAF 可能替换了应答",
            ));
        }
        Outcome::Transport { kind, detail } => {
            e.class = "transport".into();
            transport(&mut e, *kind, detail, &view, ctx);
        }
        Outcome::Cancelled => {
            e.class = "cancelled".into();
            e.title = t("Cancelled", "已取消");
            e.meaning = t(
                "You cancelled before an answer came.",
                "在收到应答之前取消了请求。",
            );
            e.in_this_request.push(t(
                "the request may already have reached the server: a pass token may be consumed and a code may be sent",
                "请求可能已到达服务器：通过令牌可能已被消耗，验证码可能已发送",
            ));
            e.next_steps.push(t(
                "solve a new captcha before sending again",
                "再次发送前重新完成图形验证码",
            ));
        }
    }
    consumer::refine(&mut e, &view, response, outcome, ctx);
    visible_texts(&mut e);
    e
}

/// The prose quotes what the server sent (codes, messages, body snippets, transport errors):
/// write its control characters visibly (`code` and `server_message` stay exact for `--json`;
/// [`Explanation::render`] shows them through the same sanitiser).
fn visible_texts(e: &mut Explanation) {
    let fix = |s: &mut String| {
        if let std::borrow::Cow::Owned(v) = crate::api::text::visible(s) {
            *s = v;
        }
    };
    let all = [&mut e.title, &mut e.meaning]
        .into_iter()
        .chain(e.catalogue_message.iter_mut())
        .chain(e.in_this_request.iter_mut())
        .chain(e.general_causes.iter_mut())
        .chain(e.next_steps.iter_mut());
    for text in all {
        fix(&mut text.en);
        fix(&mut text.zh);
    }
}

fn success(
    e: &mut Explanation,
    view: &RequestView,
    response: Option<&ReceivedResponse>,
    mask: &Mask,
) {
    let body = response.map(|r| r.body.as_slice()).unwrap_or_default();
    e.code = None;
    match view.path.as_str() {
        paths::SMS_SEND => {
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
                e.next_steps.push(t(
                    format!("use the code with {}", scene.consumer()),
                    format!("用该验证码调用 {}", scene.consumer()),
                ));
                if scene == Scene::LoginSms {
                    e.next_steps.push(t(
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
            e.next_steps.push(t(
                format!(
                    "on the simulator, read the code from GET {}",
                    paths::SIM_OUTBOX
                ),
                format!("使用模拟器时，可从 GET {} 读取验证码", paths::SIM_OUTBOX),
            ));
        }
        paths::CAPTCHA => {
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
            e.next_steps.push(t(
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
        paths::CAPTCHA_VERIFY => {
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
            e.next_steps.push(t(
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
        paths::LOGIN_MOBILE => {
            let l: Option<wire::LoginResponse> = serde_json::from_slice(body).ok();
            e.title = t("Logged in", "登录成功");
            let expire = l.map(|l| l.expire).unwrap_or_default();
            e.meaning = t(
                format!(
                    "The code was accepted; the session token and id_token are valid for {expire} s."
                ),
                format!("验证码正确；session_token 与 id_token 有效期 {expire} 秒。"),
            );
            e.next_steps.push(t(
                "use the id_token as a Bearer token for the endpoints that need one",
                "需要鉴权的接口使用 id_token 作为 Bearer 令牌",
            ));
        }
        other => {
            e.title = t("Success", "成功");
            e.meaning = t(
                format!("{other} answered with a 2xx status."),
                format!("{other} 返回了 2xx 状态。"),
            );
        }
    }
}

fn unknown_code(e: &mut Explanation, status: u16, code: &str, message: &str) {
    e.title = t(
        format!("Unknown error code (HTTP {status})"),
        format!("未知错误码（HTTP {status}）"),
    );
    e.meaning = t(
        "The server answered with the API's error shape, but vflow's catalogue does not know this code.",
        "服务器返回了标准错误格式，但 vflow 的错误码目录中没有这个码。",
    );
    e.in_this_request.push(t(
        format!("code {code:?}, message {message:?}"),
        format!("错误码 {code:?}，消息 {message:?}"),
    ));
    if code.trim().starts_with("SDK.COMMON.") {
        e.in_this_request.push(t(
            "SDK.COMMON codes come from employee-identity (EIAM) tenants, which also use CHANGE_PWD_SMS instead of UPDATE_PWD_SMS",
            "SDK.COMMON 错误码来自员工身份（EIAM）租户，该类租户使用 CHANGE_PWD_SMS 而非 UPDATE_PWD_SMS",
        ));
    }
    e.next_steps.push(t(
        "read the message; look the code up in the vendor's documentation for this product version",
        "阅读消息内容；在对应产品版本的厂商文档中查找该错误码",
    ));
    e.next_steps.push(t(
        "`vflow codes` lists the codes vflow knows; compare the request with a working one",
        "`vflow codes` 列出 vflow 已知的错误码；与一个成功的请求对比",
    ));
}

fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if let (Some(a), Some(b)) = (text.find("<title>"), text.find("</title>"))
        && a + 7 <= b
    {
        return format!("<title>{}</title>", text[a + 7..b].trim());
    }
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut s: String = flat.chars().take(120).collect();
    if flat.chars().count() > 120 {
        s.push('…');
    }
    s
}

fn http_error(
    e: &mut Explanation,
    status: u16,
    view: &RequestView,
    response: Option<&ReceivedResponse>,
) {
    e.title = t(
        format!("HTTP {status} without an API error body"),
        format!("HTTP {status}，且不是接口错误格式"),
    );
    e.code = Some(format!("HTTP {status}"));
    e.meaning = t(
        "The answer did not come from the API's error handling (no {\"error_code\", \"error_msg\"}): usually a gateway, proxy, WAF or a wrong URL.",
        "应答不是接口的错误处理返回的（没有 {\"error_code\", \"error_msg\"}）：通常来自网关、代理、WAF 或错误的地址。",
    );
    if let Some(s) = response.map(|r| snippet(&r.body)).filter(|s| !s.is_empty()) {
        e.in_this_request.push(t(
            format!("the body starts with: {s}"),
            format!("响应体开头：{s}"),
        ));
    }
    let (en, zh, step_en, step_zh): (String, String, &str, &str) = match status {
        404 => (
            format!("nothing is served at {}", view.request.url),
            format!("{} 上没有服务", view.request.url),
            "the target must be the tenant's root URL (vflow appends /api/v2/sdk/...); check for a doubled or missing path prefix",
            "目标地址应为租户根地址（vflow 会自动拼接 /api/v2/sdk/...）；检查路径前缀是否重复或缺失",
        ),
        405 => (
            format!("{} is not allowed on this path", view.request.method),
            format!("该路径不允许 {} 方法", view.request.method),
            "sms/send, captcha/verify and login are POST; captcha is GET",
            "sms/send、captcha/verify 和 login 用 POST；captcha 用 GET",
        ),
        401 | 403 => (
            "a gateway or firewall refused the request before the API saw it".to_string(),
            "网关或防火墙在接口处理前拒绝了请求".to_string(),
            "check IP allow-lists, WAF rules and whether the tenant needs extra authentication headers",
            "检查 IP 白名单、WAF 规则，以及租户是否需要额外的鉴权请求头",
        ),
        413 => (
            format!(
                "the body ({} bytes) is too large for the server",
                view.request.body.len()
            ),
            format!("请求体（{} 字节）超出服务器限制", view.request.body.len()),
            "send a smaller body",
            "缩小请求体",
        ),
        415 => (
            format!(
                "content-type was {}",
                found_text(&view.header(h::CONTENT_TYPE))
            ),
            format!(
                "content-type 为 {}",
                found_text(&view.header(h::CONTENT_TYPE))
            ),
            "send content-type: application/json",
            "发送 content-type: application/json",
        ),
        429 => (
            "rate limited by the server or a gateway".to_string(),
            "被服务器或网关限流".to_string(),
            "wait and retry more slowly",
            "稍候再以更低频率重试",
        ),
        502..=504 => (
            "a gateway in front of the API got no (timely) answer from it".to_string(),
            "API 前面的网关没有（及时）收到后端应答".to_string(),
            "retry later; check the tenant's status; if it persists, ask the tenant's operators",
            "稍后重试；查看租户服务状态；持续出现请联系租户运维",
        ),
        500..=599 => (
            "the server failed on this request".to_string(),
            "服务器处理该请求时出错".to_string(),
            "retry once; if it repeats, report it with the request shown above (use --redact)",
            "重试一次；若重复出现，带上上面的请求（使用 --redact）报告问题",
        ),
        _ => (
            format!("status {status} without the API's error body"),
            format!("状态 {status}，且没有接口错误体"),
            "look at the raw response above",
            "查看上面的原始响应",
        ),
    };
    e.in_this_request.push(t(en, zh));
    e.next_steps.push(t(step_en, step_zh));
}

fn found_text(f: &Found) -> String {
    match f {
        Found::Missing => "not sent".into(),
        Found::Blank => "blank".into(),
        Found::Value(v) => format!("{v:?}"),
    }
}

/// The fixed next steps of each transport failure.
fn transport_steps(kind: TransportKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        TransportKind::ConnectionRefused => &[
            ("check the target URL and port", "检查目标地址和端口"),
            (
                "for a local simulator, start it with `vflow serve` (it listens on 127.0.0.1:8080)",
                "本地模拟器请先运行 `vflow serve`（监听 127.0.0.1:8080）",
            ),
        ],
        TransportKind::Dns => &[
            ("check the spelling of the target URL", "检查目标地址的拼写"),
            (
                "check DNS, VPN and the HTTP(S)_PROXY / NO_PROXY environment variables",
                "检查 DNS、VPN 以及 HTTP(S)_PROXY / NO_PROXY 环境变量",
            ),
        ],
        TransportKind::Tls => &[
            (
                "for a private CA, pass it with --ca-file FILE (PEM)",
                "私有 CA 请用 --ca-file FILE（PEM）指定",
            ),
            (
                "for a test system only: --insecure skips certificate verification",
                "仅限测试环境：--insecure 跳过证书校验",
            ),
            (
                "check the machine's clock and the host name in the URL",
                "检查本机时间和 URL 中的主机名",
            ),
        ],
        TransportKind::Timeout => &[
            (
                "raise --connect-timeout / --timeout if the server is just slow",
                "如果只是服务器较慢，调大 --connect-timeout / --timeout",
            ),
            (
                "check firewalls and proxies that silently drop packets",
                "检查是否有防火墙或代理静默丢包",
            ),
            (
                "the request may have been processed: a pass token may be consumed",
                "请求可能已被处理：通过令牌可能已被消耗",
            ),
        ],
        TransportKind::ConnectionReset => &[(
            "retry once; check proxies, load balancers and the server's logs",
            "重试一次；检查代理、负载均衡和服务器日志",
        )],
        TransportKind::Other => &[(
            "check that the target URL points at an HTTP API",
            "确认目标地址是一个 HTTP 接口",
        )],
    }
}

fn transport(
    e: &mut Explanation,
    kind: TransportKind,
    detail: &str,
    view: &RequestView,
    ctx: &ExplainContext,
) {
    let host = view.host();
    let https = view.request.url.starts_with("https:");
    e.code = serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string));
    e.in_this_request
        .push(t(format!("error: {detail}"), format!("错误：{detail}")));
    let lower = detail.to_ascii_lowercase();
    let (title, (en, zh)) = match kind {
        TransportKind::ConnectionRefused => (
            t("Connection refused", "连接被拒绝"),
            (
                format!("Nothing accepts connections on {host}."),
                format!("{host} 上没有服务在接受连接。"),
            ),
        ),
        TransportKind::Dns => (
            t("Host name not found (DNS)", "域名解析失败（DNS）"),
            (
                format!("The name in {host} could not be resolved to an address."),
                format!("{host} 中的域名无法解析为地址。"),
            ),
        ),
        TransportKind::Tls => (
            t("TLS failure", "TLS 握手失败"),
            (
                format!("The secure connection to {host} could not be established or verified."),
                format!("无法与 {host} 建立或验证安全连接。"),
            ),
        ),
        TransportKind::Timeout => {
            let secs = |d: Option<Duration>| d.map(|d| humantime::format_duration(d).to_string());
            let limits = match (secs(ctx.connect_timeout), secs(ctx.timeout)) {
                (Some(c), Some(a)) => format!(" (connect {c}, total {a})"),
                _ => String::new(),
            };
            (
                t("Timed out", "超时"),
                (
                    format!("{host} did not answer completely in time{limits}."),
                    format!("{host} 未在限定时间内完成应答{limits}。"),
                ),
            )
        }
        TransportKind::ConnectionReset => (
            t("Connection reset or closed", "连接被重置或关闭"),
            (
                format!("{host} closed the connection before a complete answer."),
                format!("{host} 在完整应答之前关闭了连接。"),
            ),
        ),
        TransportKind::Other => (
            t("Transport failure", "传输失败"),
            (
                format!("The exchange with {host} failed without an HTTP answer."),
                format!("与 {host} 的交互失败，没有得到 HTTP 应答。"),
            ),
        ),
    };
    e.title = title;
    e.meaning = t(en, zh);
    let hint = match kind {
        TransportKind::Tls if https && !lower.contains("certificate") => Some((
            "the server did not speak TLS: is the target http:// rather than https://, or the port wrong?",
            "服务器没有使用 TLS：目标是否应为 http:// 而不是 https://，或端口错误？",
        )),
        TransportKind::ConnectionReset if !https => Some((
            "plain http was used: if the port expects TLS, use https://",
            "使用的是明文 http：如果该端口需要 TLS，请改用 https://",
        )),
        TransportKind::Other if lower.contains("invalid") || lower.contains("parse") => Some((
            "the server answered with something that is not HTTP",
            "服务器返回的内容不是 HTTP",
        )),
        _ => None,
    };
    if let Some((en, zh)) = hint {
        e.in_this_request.push(t(en, zh));
    }
    e.next_steps
        .extend(transport_steps(kind).iter().map(|(en, zh)| t(*en, *zh)));
}

/// Shorthand for "X was missing / blank / had value" lines.
fn presence(name: &str, f: &Found) -> Text {
    presence_named(&t(name, name), f)
}

/// [`presence`] for a thing whose name reads differently in Chinese.
fn presence_named(name: &Text, f: &Found) -> Text {
    let (en, zh) = (&name.en, &name.zh);
    match f {
        Found::Missing => t(
            format!("{en} was not sent at all"),
            format!("完全没有发送 {zh}"),
        ),
        Found::Blank => t(
            format!("{en} was sent with a blank value"),
            format!("{zh} 发送了，但值为空"),
        ),
        Found::Value(v) => t(format!("{en} was {v:?}"), format!("{zh} 为 {v:?}")),
    }
}

/// "body field `NAME`" in both languages.
fn body_field(name: &str) -> Text {
    t(
        format!("body field `{name}`"),
        format!("请求体字段 `{name}`"),
    )
}

/// The request-specific cause lines and extra next steps for a catalogue code.
fn specific(
    code: &str,
    view: &RequestView,
    ctx: &ExplainContext,
    mask: &Mask,
) -> (Vec<Text>, Vec<Text>) {
    let mut lines = Vec::new();
    let mut steps = Vec::new();
    let mobile_field = if view.path == paths::CAPTCHA_VERIFY {
        "sender"
    } else {
        "mobile"
    };
    match code {
        codes::PARAM_0001 => {
            let mut bad = 0;
            for name in h::REQUIRED_DEVICE {
                let f = view.header(name);
                match f {
                    Found::Missing | Found::Blank => {
                        bad += 1;
                        lines.push(presence(name, &f));
                    }
                    Found::Value(_) => lines.push(t(
                        format!("{name} was sent with a value (fine)"),
                        format!("{name} 已带值发送（正常）"),
                    )),
                }
            }
            if bad == 0 {
                lines.push(t(
                    "all three device headers left vflow with values: something on the way (proxy, gateway) may strip X- headers",
                    "三个设备请求头发出时都有值：链路上的代理或网关可能去掉了 X- 请求头",
                ));
            }
            steps.push(t(
                "apply a device preset (CLI: --device android|iphone|windows|macos-safari|wechat; TUI: F2, then p)",
                "套用设备预设（命令行：--device android|iphone|windows|macos-safari|wechat；TUI：F2 后按 p）",
            ));
        }
        codes::PARAM_0002 => {
            let f = view.header(h::CLIENT_ID);
            lines.push(match f {
                Found::Missing => t(
                    "X-client-id was absent: the header was not sent at all",
                    "X-client-id 缺失：根本没有发送这个请求头",
                ),
                Found::Blank => t(
                    "X-client-id was sent, but blank",
                    "X-client-id 发送了，但值为空",
                ),
                Found::Value(v) => t(
                    format!(
                        "X-client-id was {:?}, yet the server saw none: a proxy may strip it",
                        mask.client(&v)
                    ),
                    format!(
                        "X-client-id 为 {:?}，服务器却没收到：可能被代理去掉",
                        mask.client(&v)
                    ),
                ),
            });
            steps.push(t(
                "set the client id (CLI: --client-id ID or the profile; TUI: F2, then Enter on X-client-id)",
                "设置 client id（命令行：--client-id ID 或配置档；TUI：F2，在 X-client-id 上按 Enter）",
            ));
        }
        codes::PARAM_0003 => {
            match view.header(h::CLIENT_ID) {
                Found::Value(v) => {
                    lines.push(t(
                        format!(
                            "X-client-id {:?} is not a registered application here",
                            mask.client(&v)
                        ),
                        format!(
                            "X-client-id {:?} 在此租户中不是已注册的应用",
                            mask.client(&v)
                        ),
                    ));
                    if v != v.trim() {
                        lines.push(t(
                            "it has blanks around it; they are part of the value",
                            "其前后带有空白，空白也算作值的一部分",
                        ));
                    }
                    if let Some(ids) = &ctx.registered_client_ids
                        && let Some(near) = ids
                            .iter()
                            .filter(|id| strsim::levenshtein(id, v.trim()) <= 3)
                            .min_by_key(|id| strsim::levenshtein(id, v.trim()))
                    {
                        lines.push(t(
                            format!(
                                "it is a near miss of the registered id {:?}",
                                mask.client(near)
                            ),
                            format!("它与已注册的 {:?} 只差几个字符", mask.client(near)),
                        ));
                    }
                    if v.trim().len() != 32 {
                        lines.push(t(
                            format!(
                                "it is {} characters long; client ids are usually 32",
                                v.trim().chars().count()
                            ),
                            format!(
                                "长度为 {}；client id 通常为 32 个字符",
                                v.trim().chars().count()
                            ),
                        ));
                    }
                }
                other => lines.push(presence(h::CLIENT_ID, &other)),
            }
            steps.push(t(
                format!(
                    "the built-in simulator registers the documentation's example id {}",
                    mask.client(h::EXAMPLE_CLIENT_ID)
                ),
                format!(
                    "内置模拟器注册了文档中的示例 id {}",
                    mask.client(h::EXAMPLE_CLIENT_ID)
                ),
            ));
        }
        codes::USER_0004 => {
            let f = view.field(mobile_field);
            lines.push(presence_named(&body_field(mobile_field), &f));
            if !view.body_is_json_object() {
                lines.push(t("the body was not a JSON object", "请求体不是 JSON 对象"));
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
                lines.push(t(
                    format!("the body has {strays:?}: the field must be named `{mobile_field}`"),
                    format!("请求体中有 {strays:?}：字段名必须是 `{mobile_field}`"),
                ));
            }
        }
        codes::PARAM_0007 => {
            lines.push(presence_named(
                &t("body field `type` (the scene)", "请求体字段 `type`（场景）"),
                &view.field("type"),
            ));
            steps.push(t(
                format!("one of: {}", Scene::ALL.map(|s| s.code()).join(", ")),
                format!("可选：{}", Scene::ALL.map(|s| s.code()).join("、")),
            ));
        }
        codes::PARAM_0008 => {
            lines.push(presence_named(
                &body_field("captcha_token"),
                &view.field("captcha_token"),
            ));
            steps.push(t(
                "get one with `vflow captcha get` + `vflow captcha verify`, or run `vflow flow`",
                "用 `vflow captcha get` + `vflow captcha verify` 获取，或运行 `vflow flow`",
            ));
        }
        codes::CAPTCHA_0005 => {
            let sent = view.field("type");
            lines.push(presence_named(&t("the scene `type`", "场景 `type`"), &sent));
            if let Some(v) = sent.value() {
                match Scene::nearest(v) {
                    Some(s) => lines.push(t(
                        format!("did you mean {}? ({})", s.code(), s.description()),
                        format!("是否想用 {}？", s.code()),
                    )),
                    None => lines.push(t(
                        "it is not close to any of the six scenes",
                        "它与六个场景都不接近",
                    )),
                }
                if v.trim() == "CHANGE_PWD_SMS" {
                    lines.push(t(
                        "CHANGE_PWD_SMS is the EIAM name; CIAM calls it UPDATE_PWD_SMS",
                        "CHANGE_PWD_SMS 是 EIAM 的名称；CIAM 中为 UPDATE_PWD_SMS",
                    ));
                }
            }
            // The catalogue's advice lists the six scenes; add the one fix that fits.
            if let Some(v) = sent.value()
                && let Some(sc) = Scene::from_code(&v.trim().to_ascii_uppercase())
            {
                steps.push(t(
                    format!("scenes are case-sensitive: send {sc}"),
                    format!("场景区分大小写：请发送 {sc}"),
                ));
            }
        }
        codes::CAPTCHA_0004 => {
            let f = view.field("captcha_token");
            match f.value() {
                None => lines.push(presence("captcha_token", &f)),
                Some(v) => match token::parse_pass_token(v) {
                    Err(err) => lines.push(t(
                        format!("the token's shape is wrong: {err}"),
                        format!("令牌格式错误：{}", err.message(Lang::Zh)),
                    )),
                    Ok(pt) => {
                        let mut explained = false;
                        for (en, zh) in token::warnings(&pt)
                            .into_iter()
                            .zip(token::warnings_in(&pt, Lang::Zh))
                        {
                            lines.push(t(en, zh));
                        }
                        if let (Some(sender), Found::Value(m)) =
                            (&ctx.captcha_sender, view.field("mobile"))
                            && sender != &m
                        {
                            explained = true;
                            lines.push(t(
                                format!(
                                    "mobile {} differs from the sender {} given to captcha/verify",
                                    mask.mobile(&m),
                                    mask.mobile(sender)
                                ),
                                format!(
                                    "mobile {} 与 captcha/verify 时的 sender {} 不同",
                                    mask.mobile(&m),
                                    mask.mobile(sender)
                                ),
                            ));
                        }
                        if let Some(issued) = &ctx.issued_pass_token
                            && issued != v
                        {
                            explained = true;
                            lines.push(t(
                                    format!(
                                        "the token differs from what captcha/verify returned ({}); it must be sent unchanged",
                                        mask.token(issued)
                                    ),
                                    format!("令牌与 captcha/verify 返回的（{}）不一致；必须原样发送", mask.token(issued)),
                                ));
                        }
                        if !explained {
                            lines.push(t(
                                "the shape is fine: the token was altered after captcha/verify (e.g. point_json re-serialized) or mobile is not the sender used at captcha/verify",
                                "格式正确：令牌在 captcha/verify 之后被改动（如 point_json 被重新序列化），或 mobile 与 captcha/verify 时的 sender 不同",
                            ));
                        }
                    }
                },
            }
        }
        codes::CAPTCHA_0003 => {
            lines.push(t(
                format!(
                    "a pass token is single use and lives {} s; this one was never issued by this server, has expired, or was already used",
                    ttl::PASS_TOKEN.as_secs()
                ),
                format!(
                    "通过令牌只能用一次，有效期 {} 秒；此令牌不是该服务器签发的、已过期或已被使用",
                    ttl::PASS_TOKEN.as_secs()
                ),
            ));
            if ctx.pass_token_spent {
                lines.push(t(
                    "an earlier send already used this pass token: it is single use",
                    "之前的一次发送已经使用了这个通过令牌：它只能用一次",
                ));
            } else if let Some(age) = ctx.pass_token_age {
                let secs = age.as_secs();
                lines.push(if age > ttl::PASS_TOKEN {
                    t(
                        format!("it was issued {secs} s ago: expired"),
                        format!("它在 {secs} 秒前签发：已过期"),
                    )
                } else {
                    t(
                        format!("it was issued {secs} s ago, so it was most likely already used"),
                        format!("它在 {secs} 秒前签发，很可能已被使用过"),
                    )
                });
            }
            if let Found::Value(v) = view.field("captcha_token")
                && let Ok(pt) = token::parse_pass_token(&v)
            {
                lines.push(t(
                    format!("TOKEN part sent: {}", mask.token(&pt.token)),
                    format!("发送的 TOKEN 部分：{}", mask.token(&pt.token)),
                ));
            }
        }
        codes::CAPTCHA_0006 => {
            match view.field("mobile") {
                Found::Value(m) => match mobile::problem(&m) {
                    Some(p) => {
                        lines.push(t(
                            format!("mobile {} is malformed: {p}", mask.mobile(&m)),
                            format!(
                                "手机号 {} 格式错误：{}",
                                mask.mobile(&m),
                                mobile::problem_in(&m, Lang::Zh).unwrap_or_default()
                            ),
                        ));
                        steps.push(t(
                            "fix the mobile number: 5 to 20 digits after an optional +",
                            "修正手机号：可选的 + 号后跟 5 到 20 位数字",
                        ));
                    }
                    None => {
                        lines.push(t(
                            format!("mobile {} is well formed", mask.mobile(&m)),
                            format!("手机号 {} 格式正确", mask.mobile(&m)),
                        ));
                        lines.push(t(
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
                            lines.push(t(
                                "UPDATE_PWD_SMS wants the mobile with its full area code (+86...)",
                                "UPDATE_PWD_SMS 要求手机号带完整区号（+86...）",
                            ));
                        }
                    }
                },
                other => lines.push(presence("mobile", &other)),
            }
            // The cooldown advice only where the number itself is fine.
            if view.field("mobile").value().is_some_and(mobile::is_valid) {
                steps.push(t(
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
        codes::CAPTCHA_0002 => {
            match view.field("point_json") {
                Found::Value(p) => match token::parse_point_json(&p) {
                    Ok(pt) => {
                        let (x, y) = pt.truncated();
                        lines.push(t(
                            format!(
                                "point_json says x = {x}, y = {y}; it passes only within ±{} of the hole's x and with y = {}",
                                crate::api::captcha::TOLERANCE,
                                crate::api::captcha::Y
                            ),
                            format!(
                                "point_json 为 x = {x}，y = {y}；只有与缺口 x 相差不超过 ±{} 且 y = {} 才能通过",
                                crate::api::captcha::TOLERANCE,
                                crate::api::captcha::Y
                            ),
                        ));
                        if y != crate::api::captcha::Y {
                            lines.push(t(format!("y must be 5, not {y}"), format!("y 必须为 5，而不是 {y}")));
                        }
                    }
                    Err(_) => lines.push(t(
                        "point_json is not plain {\"x\":..,\"y\":..} JSON (fine only if the puzzle had a secretKey and it is AES-encrypted)",
                        "point_json 不是明文的 {\"x\":..,\"y\":..}（只有在拼图带 secretKey 且已 AES 加密时才正常）",
                    )),
                },
                other => lines.push(presence("point_json", &other)),
            }
            lines.push(presence("token", &view.field("token")));
            lines.push(t(
                format!(
                    "a puzzle allows ONE verify attempt and lives {} s: after any verify, get a new one",
                    ttl::PUZZLE.as_secs()
                ),
                format!("每个拼图只允许校验一次，有效期 {} 秒：校验过后需重新获取", ttl::PUZZLE.as_secs()),
            ));
        }
        codes::CAPTCHA_0007 => {
            lines.push(presence("verify_code", &view.field("verify_code")));
            if let Found::Value(m) = view.field("mobile") {
                lines.push(t(
                    format!(
                        "mobile {}: the code must have been sent to it for LOGIN_SMS",
                        mask.mobile(&m)
                    ),
                    format!(
                        "手机号 {}：验证码必须是以 LOGIN_SMS 场景发给该号码的",
                        mask.mobile(&m)
                    ),
                ));
            }
            lines.push(t(
                format!(
                    "a code lives {} s, is single use and dies after {} wrong attempts",
                    ttl::SMS_CODE.as_secs(),
                    ttl::SMS_CODE_MAX_WRONG
                ),
                format!(
                    "验证码有效期 {} 秒，只能用一次，错误 {} 次后失效",
                    ttl::SMS_CODE.as_secs(),
                    ttl::SMS_CODE_MAX_WRONG
                ),
            ));
        }
        codes::PARAM_0016 => {
            lines.push(presence("Authorization", &view.header("authorization")));
        }
        codes::SIM_CONTENT_TYPE => {
            lines.push(presence("content-type", &view.header(h::CONTENT_TYPE)));
        }
        codes::SIM_BAD_JSON => {
            let s = snippet(&view.request.body);
            lines.push(t(
                format!(
                    "the body sent ({} bytes) is not JSON: {s}",
                    view.request.body.len()
                ),
                format!(
                    "发送的请求体（{} 字节）不是 JSON：{s}",
                    view.request.body.len()
                ),
            ));
        }
        codes::SIM_FIELD_TYPE => {
            let odd: Vec<String> = view
                .body
                .as_ref()
                .map(|b| {
                    b.iter()
                        .filter(|(_, v)| !v.is_string())
                        .map(|(k, _)| k.clone())
                        .collect()
                })
                .unwrap_or_default();
            lines.push(t(
                format!("fields that are not strings: {odd:?}"),
                format!("不是字符串的字段：{odd:?}"),
            ));
        }
        codes::SIM_BODY_TOO_LARGE => lines.push(t(
            format!("the body was {} bytes", view.request.body.len()),
            format!("请求体为 {} 字节", view.request.body.len()),
        )),
        codes::SIM_NOT_FOUND => lines.push(t(
            format!("path {} does not exist", view.path),
            format!("路径 {} 不存在", view.path),
        )),
        codes::SIM_METHOD => lines.push(t(
            format!("{} is not allowed on {}", view.request.method, view.path),
            format!("{} 不允许 {} 方法", view.path, view.request.method),
        )),
        codes::SIM_BAD_REQUEST => lines.push(t(
            "vflow sends well-formed HTTP: a proxy or another program between vflow and the server must have changed the request",
            "vflow 发送的是格式正确的 HTTP：一定是 vflow 与服务器之间的代理或其他程序改动了请求",
        )),
        codes::SIM_HEADERS_TOO_LARGE => {
            let bytes: usize = view
                .request
                .headers
                .iter()
                .map(|(n, v)| n.len() + v.len())
                .sum();
            let n = view.request.headers.len();
            lines.push(t(
                format!("{n} headers were sent, {bytes} bytes of names and values"),
                format!("发送了 {n} 个请求头，名称和值共 {bytes} 字节"),
            ));
        }
        codes::SIM_URI_TOO_LONG => lines.push(t(
            format!("the URL was {} characters long", view.request.url.len()),
            format!("URL 长 {} 个字符", view.request.url.len()),
        )),
        codes::SIM_BAD_PATH => lines.push(t(
            format!("path {}", view.path),
            format!("路径 {}", view.path),
        )),
        codes::SIM_BODY_TIMEOUT => lines.push(t(
            format!(
                "the body was {} bytes: it stalled on the way (a proxy or a slow link)",
                view.request.body.len()
            ),
            format!(
                "请求体为 {} 字节：传输途中停滞（代理或慢速链路）",
                view.request.body.len()
            ),
        )),
        codes::SIM_BUSY => lines.push(t(
            "this request was fine: other clients (a load test, stalled connections) held all the simulator's connections",
            "本次请求没有问题：其他客户端（压测、停滞的连接）占满了模拟器的连接",
        )),
        _ => {}
    }
    (lines, steps)
}

#[cfg(test)]
mod tests;

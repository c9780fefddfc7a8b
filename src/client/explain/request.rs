//! The recorded request as explanations read it ([`RequestView`], [`Found`]),
//! what vflow knows beyond it ([`ExplainContext`]), and the small phrases every
//! explanation uses (presence of a value, masking, a body snippet).

use super::text::{Text, t};
use crate::api::headers as h;
use crate::api::{Lang, paths, redact};
use crate::client::SentRequest;
use std::time::Duration;

/// What vflow knows beyond the request itself; all optional.
#[derive(Clone, Debug, Default)]
pub struct ExplainContext {
    /// The `sender` given to captcha/verify for the pass token in use.
    pub captcha_sender: Option<String>,
    /// The `captcha_token` captcha/verify returned.
    pub issued_pass_token: Option<String>,
    /// How long ago that pass token was issued.
    pub pass_token_age: Option<Duration>,
    /// A successful send to the same target, mobile and scene this long before
    /// the request explained (known to the TUI's session).
    pub recent_send: Option<Duration>,
    /// An earlier send already spent that pass token (known to the TUI).
    pub pass_token_spent: bool,
    /// Registered client ids, when known (the built-in simulator).
    pub registered_client_ids: Option<Vec<String>>,
    /// The configured timeouts, to name them in a timeout explanation.
    pub connect_timeout: Option<Duration>,
    pub timeout: Option<Duration>,
    /// Mask mobile numbers, tokens and client ids in the text.
    pub redact: bool,
    /// The codes the session sent, for the consumers' answers ([`super::consumer::refine`]).
    pub session: super::consumer::SessionFacts,
}

/// A header as found in the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    Missing,
    Blank,
    Value(String),
}

impl Found {
    pub(super) fn value(&self) -> Option<&str> {
        match self {
            Found::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// Read access to a recorded request.
pub struct RequestView<'a> {
    pub request: &'a SentRequest,
    pub(super) body: Option<serde_json::Map<String, serde_json::Value>>,
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

    /// The body field holding the mobile: `sender` for captcha/verify, else `mobile`.
    pub fn mobile_field(&self) -> &'static str {
        if self.path == paths::CAPTCHA_VERIFY {
            "sender"
        } else {
            "mobile"
        }
    }

    pub fn lang(&self) -> Lang {
        Lang::from_header(self.header(h::LANG).value())
    }

    pub(super) fn host(&self) -> String {
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

/// Masks values in explanation text when redaction is on.
pub(super) struct Mask(pub(super) bool);

impl Mask {
    pub(super) fn mobile(&self, m: &str) -> String {
        if self.0 {
            redact::mobile(m)
        } else {
            m.to_string()
        }
    }
    pub(super) fn client(&self, c: &str) -> String {
        if self.0 {
            redact::middle(c)
        } else {
            c.to_string()
        }
    }
    pub(super) fn token(&self, s: &str) -> String {
        if self.0 {
            redact::pass_token(s)
        } else {
            s.to_string()
        }
    }
}

pub(super) fn snippet(body: &[u8]) -> String {
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

pub(super) fn found_text(f: &Found) -> String {
    match f {
        Found::Missing => "not sent".into(),
        Found::Blank => "blank".into(),
        Found::Value(v) => format!("{v:?}"),
    }
}

/// Shorthand for "X was missing / blank / had value" lines.
pub(super) fn presence(name: &str, f: &Found) -> Text {
    presence_named(&t(name, name), f)
}

/// [`presence`] for a thing whose name reads differently in Chinese.
pub(super) fn presence_named(name: &Text, f: &Found) -> Text {
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
pub(super) fn body_field(name: &str) -> Text {
    t(
        format!("body field `{name}`"),
        format!("请求体字段 `{name}`"),
    )
}

//! Building a [`RequestSpec`] (pure data) and turning it into the exact bytes
//! that go over the wire ([`materialize`]).
//!
//! The HTTP stack is not allowed to add anything behind our back: `host`,
//! `user-agent`, `accept` and `content-length` are put into the header map
//! explicitly, so the recorded [`SentRequest`] is what hyper writes, in order
//! (proved by `tests/client_wire.rs` with a raw TCP listener).

use super::{BodyField, HeaderSetting, RequestSpec, SentRequest};
use crate::api::paths;
use http::{HeaderMap, HeaderName, HeaderValue};

/// The `user-agent` vflow sends unless the spec sets or omits one.
pub const USER_AGENT: &str = concat!("vflow/", env!("CARGO_PKG_VERSION"));

/// Headers the HTTP stack insists on; vflow computes them itself and ignores
/// any value given in the spec (the wire must stay valid HTTP/1.1).
pub const COMPUTED: [&str; 2] = ["host", "content-length"];

/// A spec that cannot be put on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    Url {
        url: String,
        reason: UrlProblem,
    },
    Method(String),
    HeaderName(String),
    /// A header value with control characters (such as a line break).
    HeaderValue {
        name: String,
    },
}

/// What is wrong with a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    /// The URL parser's own words.
    Parse(String),
    /// Not http or https.
    Scheme,
    NoHost,
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::api::Lang::En))
    }
}

impl std::error::Error for BuildError {}

impl BuildError {
    /// What is wrong with the request, in `lang` (`Display` is the English).
    pub fn text(&self, lang: crate::api::Lang) -> String {
        use crate::t;
        match self {
            BuildError::Url { url, reason } => {
                let reason = match reason {
                    UrlProblem::Parse(detail) => detail.clone(),
                    UrlProblem::Scheme => t!(lang, "client-build-url-scheme"),
                    UrlProblem::NoHost => t!(lang, "client-build-url-no-host"),
                };
                t!(
                    lang,
                    "client-build-url",
                    url = format!("{url:?}"),
                    reason = reason
                )
            }
            BuildError::Method(m) => t!(lang, "client-build-method", method = format!("{m:?}")),
            BuildError::HeaderName(n) => {
                t!(lang, "client-build-header-name", name = format!("{n:?}"))
            }
            BuildError::HeaderValue { name } => {
                t!(lang, "client-build-header-value", name = name)
            }
        }
    }
}

/// An enabled header with a value (possibly blank).
pub fn header(name: &str, value: &str) -> HeaderSetting {
    HeaderSetting {
        name: name.to_string(),
        value: value.to_string(),
        enabled: true,
    }
}

/// An enabled body field.
pub fn field(name: &str, value: &str) -> BodyField {
    BodyField {
        name: name.to_string(),
        value: value.to_string(),
        enabled: true,
    }
}

fn post(
    base_url: &str,
    path: &str,
    headers: Vec<HeaderSetting>,
    body: Vec<BodyField>,
) -> RequestSpec {
    RequestSpec {
        method: "POST".into(),
        base_url: base_url.to_string(),
        path: path.to_string(),
        headers,
        body: Some(body),
        raw_body: None,
    }
}

/// `POST /api/v2/sdk/sms/send {mobile, type, captcha_token}`.
pub fn sms_send(
    base_url: &str,
    headers: Vec<HeaderSetting>,
    scene: &str,
    mobile: &str,
    captcha_token: &str,
) -> RequestSpec {
    post(
        base_url,
        paths::SMS_SEND,
        headers,
        vec![
            field("mobile", mobile),
            field("type", scene),
            field("captcha_token", captcha_token),
        ],
    )
}

/// `GET /api/v2/sdk/captcha`.
pub fn captcha_get(base_url: &str, headers: Vec<HeaderSetting>) -> RequestSpec {
    RequestSpec {
        method: "GET".into(),
        base_url: base_url.to_string(),
        path: paths::CAPTCHA.into(),
        headers,
        body: None,
        raw_body: None,
    }
}

/// `POST /api/v2/sdk/captcha/verify {point_json, token, sender}`.
pub fn captcha_verify(
    base_url: &str,
    headers: Vec<HeaderSetting>,
    point_json: &str,
    token: &str,
    sender: &str,
) -> RequestSpec {
    post(
        base_url,
        paths::CAPTCHA_VERIFY,
        headers,
        vec![
            field("point_json", point_json),
            field("token", token),
            field("sender", sender),
        ],
    )
}

/// `POST /api/v2/sdk/login/mobile-verify-code {mobile, verify_code}`.
pub fn login(
    base_url: &str,
    headers: Vec<HeaderSetting>,
    mobile: &str,
    verify_code: &str,
) -> RequestSpec {
    post(
        base_url,
        paths::LOGIN_MOBILE,
        headers,
        vec![field("mobile", mobile), field("verify_code", verify_code)],
    )
}

/// A plain GET of one of the simulator's `/_sim/` helpers.
pub fn sim_get(base_url: &str, path: &str) -> RequestSpec {
    RequestSpec {
        method: "GET".into(),
        base_url: base_url.to_string(),
        path: path.to_string(),
        headers: Vec::new(),
        body: None,
        raw_body: None,
    }
}

impl RequestSpec {
    /// Base URL and path joined with exactly one slash.
    pub fn url(&self) -> String {
        let base = self.base_url.trim_end_matches('/');
        if self.path.is_empty() || self.path.starts_with('/') {
            format!("{base}{}", self.path)
        } else {
            format!("{base}/{}", self.path)
        }
    }

    /// The header setting with this name (case-insensitive), first one.
    pub fn header(&self, name: &str) -> Option<&HeaderSetting> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
    }

    /// Give a header a value (enabling it); appended when not configured yet.
    /// Every existing entry of that name is replaced by the one setting.
    pub fn set_header(&mut self, name: &str, value: &str) {
        match self
            .headers
            .iter()
            .position(|h| h.name.eq_ignore_ascii_case(name))
        {
            Some(i) => {
                self.headers[i] = header(name, value);
                let mut j = i + 1;
                while j < self.headers.len() {
                    if self.headers[j].name.eq_ignore_ascii_case(name) {
                        self.headers.remove(j);
                    } else {
                        j += 1;
                    }
                }
            }
            None => self.headers.push(header(name, value)),
        }
    }

    /// Do not send this header at all (kept in the list, disabled, so it can be re-enabled).
    pub fn omit_header(&mut self, name: &str) {
        let mut found = false;
        for h in self
            .headers
            .iter_mut()
            .filter(|h| h.name.eq_ignore_ascii_case(name))
        {
            h.enabled = false;
            found = true;
        }
        if !found {
            self.headers.push(HeaderSetting {
                name: name.to_string(),
                value: String::new(),
                enabled: false,
            });
        }
    }

    /// A body field (exact name), first one.
    pub fn field(&self, name: &str) -> Option<&BodyField> {
        self.body.as_ref()?.iter().find(|f| f.name == name)
    }

    /// Set a body field's value (enabling it), appending when absent.
    /// On a raw JSON-object body the field is set in that object (order and
    /// other fields kept); any other raw body is replaced by fields.
    pub fn set_field(&mut self, name: &str, value: &str) {
        if let Some(raw) = &self.raw_body {
            if let Ok(serde_json::Value::Object(mut m)) = serde_json::from_slice(raw) {
                m.insert(
                    name.to_string(),
                    serde_json::Value::String(value.to_string()),
                );
                self.raw_body = Some(serde_json::to_vec(&m).expect("a JSON map serializes"));
                return;
            }
            self.raw_body = None;
        }
        let body = self.body.get_or_insert_with(Vec::new);
        match body.iter_mut().find(|f| f.name == name) {
            Some(f) => *f = field(name, value),
            None => body.push(field(name, value)),
        }
    }

    /// The body bytes: the raw body when set, else one JSON object of the
    /// enabled fields, in order, values as strings. `None` when the spec has no body.
    pub fn body_bytes(&self) -> Option<Vec<u8>> {
        if let Some(raw) = &self.raw_body {
            return Some(raw.clone());
        }
        let fields = self.body.as_ref()?;
        let mut out = String::from("{");
        for (i, f) in fields.iter().filter(|f| f.enabled).enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&json_string(&f.name));
            out.push(':');
            out.push_str(&json_string(&f.value));
        }
        out.push('}');
        Some(out.into_bytes())
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serializes")
}

/// A spec turned into exactly what will be sent.
#[derive(Debug, Clone)]
pub struct Materialized {
    pub method: reqwest::Method,
    pub url: reqwest::Url,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// The record of the above, for display and export.
    pub sent: SentRequest,
}

/// Turn a spec into the method, URL, header map (in wire order, nothing left
/// for the stack to add) and body bytes, plus their record.
pub fn materialize(spec: &RequestSpec) -> Result<Materialized, BuildError> {
    let method = reqwest::Method::from_bytes(spec.method.trim().as_bytes())
        .map_err(|_| BuildError::Method(spec.method.clone()))?;
    let url_text = spec.url();
    let url = reqwest::Url::parse(&url_text).map_err(|e| BuildError::Url {
        url: url_text.clone(),
        reason: UrlProblem::Parse(e.to_string()),
    })?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(BuildError::Url {
            url: url_text,
            reason: UrlProblem::Scheme,
        });
    }
    let host = url.host_str().ok_or_else(|| BuildError::Url {
        url: url_text.clone(),
        reason: UrlProblem::NoHost,
    })?;
    let host = match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    };
    let body = spec.body_bytes().unwrap_or_default();

    let mut map = HeaderMap::new();
    let value = |name: &str, v: &str| {
        HeaderValue::from_bytes(v.as_bytes()).map_err(|_| BuildError::HeaderValue {
            name: name.to_string(),
        })
    };
    map.append(http::header::HOST, value("host", &host)?);
    for h in spec.headers.iter().filter(|h| h.enabled) {
        let name = HeaderName::from_bytes(h.name.trim().as_bytes())
            .map_err(|_| BuildError::HeaderName(h.name.clone()))?;
        if COMPUTED.contains(&name.as_str()) {
            continue;
        }
        map.append(name, value(&h.name, &h.value)?);
    }
    let configured = |name: &str| {
        spec.headers
            .iter()
            .any(|h| h.name.trim().eq_ignore_ascii_case(name))
    };
    if !configured("user-agent") {
        map.append(
            http::header::USER_AGENT,
            HeaderValue::from_static(USER_AGENT),
        );
    }
    // reqwest adds `accept: */*` unless one is present, so an omitted accept is still sent.
    if !map.contains_key(http::header::ACCEPT) {
        map.append(http::header::ACCEPT, HeaderValue::from_static("*/*"));
    }
    let has_body = spec.body.is_some() || spec.raw_body.is_some() || !body.is_empty();
    if has_body || matches!(method.as_str(), "POST" | "PUT" | "PATCH") {
        map.append(http::header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    }

    let sent = SentRequest {
        method: method.to_string(),
        url: url.to_string(),
        headers: map
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: body.clone(),
    };
    Ok(Materialized {
        method,
        url,
        headers: map,
        body,
        sent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> RequestSpec {
        sms_send(
            "http://127.0.0.1:9/",
            vec![
                header("X-agent", "a"),
                header("X-L", ""),
                header("X-client-id", "c"),
            ],
            "LOGIN_SMS",
            "13800138000",
            "t---{\"x\":1,\"y\":5}",
        )
    }

    #[test]
    fn body_is_exact_json_of_enabled_fields_in_order() {
        let mut s = spec();
        assert_eq!(
            String::from_utf8(s.body_bytes().unwrap()).unwrap(),
            r#"{"mobile":"13800138000","type":"LOGIN_SMS","captcha_token":"t---{\"x\":1,\"y\":5}"}"#
        );
        s.body.as_mut().unwrap()[1].enabled = false;
        s.set_field("mobile", "");
        assert_eq!(
            String::from_utf8(s.body_bytes().unwrap()).unwrap(),
            r#"{"mobile":"","captcha_token":"t---{\"x\":1,\"y\":5}"}"#
        );
    }

    #[test]
    fn materialize_records_every_header_in_order() {
        let mut s = spec();
        s.omit_header("x-agent");
        s.set_header("X-Extra", "1");
        s.set_header("Content-Length", "999");
        let m = materialize(&s).unwrap();
        let names: Vec<&str> = m.sent.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "host",
                "x-l",
                "x-client-id",
                "x-extra",
                "user-agent",
                "accept",
                "content-length"
            ]
        );
        assert_eq!(m.sent.headers[0].1, "127.0.0.1:9");
        assert_eq!(m.sent.headers[1].1, "", "blank is sent blank");
        assert_eq!(m.sent.headers[6].1, m.body.len().to_string());
        assert_eq!(m.sent.url, "http://127.0.0.1:9/api/v2/sdk/sms/send");
        assert_eq!(m.sent.body, m.body);
    }

    #[test]
    fn bad_inputs_are_build_errors() {
        let mut s = spec();
        s.set_header("X-agent", "a\nb");
        assert!(matches!(
            materialize(&s),
            Err(BuildError::HeaderValue { .. })
        ));
        let mut s = spec();
        s.set_header("bad name", "x");
        assert!(matches!(materialize(&s), Err(BuildError::HeaderName(_))));
        let mut s = spec();
        s.base_url = "ftp://x".into();
        assert!(matches!(materialize(&s), Err(BuildError::Url { .. })));
        let mut s = spec();
        s.base_url = "not a url".into();
        assert!(matches!(materialize(&s), Err(BuildError::Url { .. })));
    }

    #[test]
    fn get_has_no_content_length_and_spec_user_agent_wins() {
        let mut s = captcha_get("http://h", vec![header("User-Agent", "mine")]);
        s.omit_header("accept");
        let m = materialize(&s).unwrap();
        assert_eq!(
            m.sent.headers,
            vec![
                ("host".to_string(), "h".to_string()),
                ("user-agent".to_string(), "mine".to_string()),
                ("accept".to_string(), "*/*".to_string()),
            ]
        );
    }
}

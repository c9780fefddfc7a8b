//! Presenting an exchange: redaction, the human-readable form, the JSON report
//! (the `--json` object of `vflow send`) and exit codes.

use super::explain::Explanation;
use super::{Exchange, Outcome, ReceivedResponse, SentRequest};
use crate::api::redact;
use crate::api::text::{self, visible};
use serde_json::{Value, json};

/// The process exit code for an outcome: 0 success, 1 the server said no
/// (API error, HTTP error, unexpected body), 3 no answer (transport, cancelled).
pub fn exit_code(outcome: &Outcome) -> u8 {
    use crate::exit;
    match outcome {
        Outcome::Success => exit::OK,
        Outcome::ApiError { .. } | Outcome::HttpError { .. } | Outcome::BadBody { .. } => {
            exit::API_ERROR
        }
        Outcome::Transport { .. } | Outcome::Cancelled => exit::TRANSPORT,
    }
}

/// Masks the secrets and personal values it has learnt, wherever they appear.
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    /// (original, masked), longest originals first when applied.
    pairs: Vec<(String, String)>,
}

const MOBILE_KEYS: [&str; 2] = ["mobile", "sender"];
const TOKEN_KEYS: [&str; 3] = ["captcha_token", "token", "captchaVerification"];
const SECRET_KEYS: [&str; 5] = [
    "session_token",
    "id_token",
    "client_id",
    "state_token",
    "password",
];

impl Redactor {
    pub fn new() -> Self {
        Self::default()
    }

    fn add(&mut self, original: &str, masked: String) {
        if original.chars().count() < 4 || original == masked {
            return;
        }
        // also its JSON-escaped form, as it appears inside a raw JSON body
        let escaped = serde_json::to_string(original).unwrap_or_default();
        let escaped = escaped[1..escaped.len() - 1].to_string();
        if escaped != original {
            let m = serde_json::to_string(&masked).unwrap_or_default();
            self.pairs.push((escaped, m[1..m.len() - 1].to_string()));
        }
        self.pairs.push((original.to_string(), masked));
        self.pairs.sort_by_key(|(o, _)| std::cmp::Reverse(o.len()));
        self.pairs.dedup();
    }

    pub fn add_mobile(&mut self, m: &str) {
        self.add(m, redact::mobile(m));
    }

    pub fn add_token(&mut self, t: &str) {
        self.add(t, redact::pass_token(t));
        if let Some((tok, _)) = t.split_once("---") {
            self.add(tok, redact::pass_token(tok));
        }
    }

    pub fn add_client_id(&mut self, c: &str) {
        self.add(c, redact::middle(c));
    }

    /// A short secret such as an SMS code: masked whole, whatever its length.
    pub fn add_code(&mut self, c: &str) {
        if !c.is_empty() {
            self.pairs
                .push((c.to_string(), "*".repeat(c.chars().count())));
            self.pairs.sort_by_key(|(o, _)| std::cmp::Reverse(o.len()));
            self.pairs.dedup();
        }
    }

    fn learn_json(&mut self, v: &Value) {
        match v {
            Value::Object(map) => {
                for (k, val) in map {
                    if let Some(s) = val.as_str() {
                        if MOBILE_KEYS.contains(&k.as_str()) {
                            self.add_mobile(s);
                        } else if TOKEN_KEYS.contains(&k.as_str()) {
                            self.add_token(s);
                        } else if SECRET_KEYS.contains(&k.as_str()) {
                            self.add_client_id(s);
                        } else if k == "verify_code" || k == "code" {
                            // the SMS code: as the login sends it, as the outbox lists it
                            self.add_code(s);
                        }
                    }
                    self.learn_json(val);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| self.learn_json(i)),
            _ => {}
        }
    }

    /// Learn the client id, mobile number and tokens of a request.
    pub fn learn_request(&mut self, r: &SentRequest) {
        for (n, v) in &r.headers {
            if n.eq_ignore_ascii_case(crate::api::headers::CLIENT_ID) {
                self.add_client_id(v);
            }
        }
        if let Ok(v) = serde_json::from_slice::<Value>(&r.body) {
            self.learn_json(&v);
        }
    }

    /// Learn the client id, mobile numbers and tokens of an exchange.
    pub fn learn(&mut self, x: &Exchange) {
        self.learn_request(&x.request);
        if let Some(r) = &x.response
            && let Ok(v) = serde_json::from_slice::<Value>(&r.body)
        {
            self.learn_json(&v);
        }
    }

    pub fn apply(&self, s: &str) -> String {
        let mut out = s.to_string();
        for (o, m) in &self.pairs {
            if out.contains(o.as_str()) {
                out = out.replace(o.as_str(), m);
            }
        }
        out
    }

    fn bytes(&self, b: &[u8]) -> Vec<u8> {
        match std::str::from_utf8(b) {
            Ok(s) => self.apply(s).into_bytes(),
            Err(_) => b.to_vec(),
        }
    }

    fn pairs_of(&self, h: &[(String, String)]) -> Vec<(String, String)> {
        h.iter().map(|(n, v)| (n.clone(), self.apply(v))).collect()
    }

    pub fn request(&self, r: &SentRequest) -> SentRequest {
        SentRequest {
            method: r.method.clone(),
            url: self.apply(&r.url),
            headers: self.pairs_of(&r.headers),
            body: self.bytes(&r.body),
        }
    }

    pub fn response(&self, r: &ReceivedResponse) -> ReceivedResponse {
        ReceivedResponse {
            headers: self.pairs_of(&r.headers),
            body: self.bytes(&r.body),
            ..r.clone()
        }
    }

    /// A copy of the exchange with everything learnt masked.
    pub fn exchange(&self, x: &Exchange) -> Exchange {
        Exchange {
            request: self.request(&x.request),
            response: x.response.as_ref().map(|r| self.response(r)),
            outcome: match &x.outcome {
                Outcome::Transport { kind, detail } => Outcome::Transport {
                    kind: *kind,
                    detail: self.apply(detail),
                },
                o => o.clone(),
            },
            ..x.clone()
        }
    }
}

fn ms(d: std::time::Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

fn headers_json(h: &[(String, String)]) -> Value {
    Value::Array(
        h.iter()
            .map(|(n, v)| json!({"name": n, "value": v}))
            .collect(),
    )
}

/// The `--json` object: see README "Command line" for the schema.
pub fn json_report(x: &Exchange, explanation: &Explanation) -> Value {
    json!({
        "request": {
            "method": x.request.method,
            "url": x.request.url,
            "headers": headers_json(&x.request.headers),
            "body": String::from_utf8_lossy(&x.request.body),
        },
        "response": x.response.as_ref().map(|r| json!({
            "status": r.status,
            "version": r.version,
            "headers": headers_json(&r.headers),
            "body": String::from_utf8_lossy(&r.body),
            "truncated": r.truncated,
        })),
        "timing": {
            "total_ms": ms(x.timing.total),
            "ttfb_ms": x.timing.ttfb.map(ms),
        },
        "outcome": x.outcome,
        "explanation": explanation,
        "exit_code": exit_code(&x.outcome),
    })
}

/// The request as sent, `> ` prefixed.
pub fn render_request(r: &SentRequest) -> String {
    let mut out = format!("> {} {}\n", visible(&r.method), visible(&r.url));
    for (n, v) in &r.headers {
        out.push_str(&format!("> {}: {}\n", visible(n), visible(v)));
    }
    if !r.body.is_empty() {
        out.push_str(">\n");
        out.push_str(&format!("> {}\n", text::visible_bytes(&r.body)));
    }
    out
}

/// The response, `< ` prefixed, with timing.
pub fn render_response(x: &Exchange) -> String {
    let timing = match x.timing.ttfb {
        Some(t) => format!("{:.1} ms, first byte {:.1} ms", ms(x.timing.total), ms(t)),
        None => format!("{:.1} ms", ms(x.timing.total)),
    };
    let Some(r) = &x.response else {
        return format!("< (no response, {timing})\n");
    };
    let reason = http::StatusCode::from_u16(r.status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let mut out = format!("< {} {} {reason}   ({timing})\n", r.version, r.status);
    for (n, v) in &r.headers {
        out.push_str(&format!("< {}: {}\n", visible(n), visible(v)));
    }
    if !r.body.is_empty() {
        out.push_str("<\n");
        let text = String::from_utf8_lossy(&r.body);
        let shown: String = text.chars().take(4000).collect();
        out.push_str(&format!("< {}\n", text::visible_lines(&shown)));
        if text.chars().count() > 4000 {
            out.push_str(&format!("< … ({} bytes in all)\n", r.body.len()));
        }
    }
    if r.truncated {
        out.push_str("< (body cut at 16 MiB)\n");
    }
    out
}

/// Request, response and the explanation in the request's language, then the other one.
/// Every string from the network is shown through [`text::visible`].
pub fn render_exchange(x: &Exchange, explanation: &Explanation) -> String {
    let lang = explanation.lang;
    format!(
        "{}\n{}\n{}\n--- {} ---\n{}",
        render_request(&x.request),
        render_response(x),
        explanation.render(lang),
        lang.other().code(),
        explanation.render(lang.other())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redactor_masks_everywhere_it_learnt() {
        let mut r = Redactor::new();
        r.add_mobile("13800138000");
        r.add_token("71dd26999e314f9abb0c635336976635---{\"x\":237.0,\"y\":5.0}");
        r.add_client_id("nTo1eRIub60vPb54WeE6aojPwYwImtl4");
        let body = r#"{"mobile":"13800138000","captcha_token":"71dd26999e314f9abb0c635336976635---{\"x\":237.0,\"y\":5.0}"}"#;
        let out = r.apply(body);
        assert!(!out.contains("13800138000"), "{out}");
        assert!(!out.contains("26999e314f"), "{out}");
        assert!(out.contains("138******00"), "{out}");
        assert!(
            serde_json::from_str::<Value>(&out).is_ok(),
            "still JSON: {out}"
        );
        assert_eq!(
            r.apply("x nTo1eRIub60vPb54WeE6aojPwYwImtl4"),
            "x nTo1************************mtl4"
        );
        assert_eq!(
            r.apply("/_sim/captcha/71dd26999e314f9abb0c635336976635"),
            "/_sim/captcha/71dd****************************"
        );
    }
}

//! Request checks shared by the endpoints: device headers and client id (spec §3 checks 1-3),
//! the content type, and the JSON body with its string fields.

use crate::api::catalogue::codes;
use crate::api::headers;
use axum::http::HeaderMap;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// A rejected request: the error code to answer with.
pub type Code = &'static str;

/// Blank means missing, empty or only whitespace.
fn blank(headers: &HeaderMap, name: &str) -> bool {
    headers
        .get(name)
        .is_none_or(|v| v.as_bytes().iter().all(u8::is_ascii_whitespace))
}

/// Checks 1-3 of every `/api/v2/sdk` endpoint: device headers, client id present, registered.
pub fn device_and_client(headers: &HeaderMap, clients: &HashSet<String>) -> Result<(), Code> {
    if headers::REQUIRED_DEVICE.iter().any(|h| blank(headers, h)) {
        return Err(codes::PARAM_0001);
    }
    if blank(headers, headers::CLIENT_ID) {
        return Err(codes::PARAM_0002);
    }
    let id = headers
        .get(headers::CLIENT_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !clients.contains(id) {
        return Err(codes::PARAM_0003);
    }
    Ok(())
}

/// The body of a POST endpoint: a JSON object whose named fields are strings (or absent/null).
#[derive(Debug)]
pub struct Body(Map<String, Value>);

impl Body {
    /// Content type first (415), then JSON syntax and shape (400), then field types (400).
    pub fn parse(headers: &HeaderMap, bytes: &[u8], fields: &[&str]) -> Result<Body, Code> {
        let is_json = headers
            .get(headers::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(codes::SIM_CONTENT_TYPE);
        }
        let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(bytes) else {
            return Err(codes::SIM_BAD_JSON);
        };
        let wrong_type = fields
            .iter()
            .any(|f| !matches!(map.get(*f), None | Some(Value::Null | Value::String(_))));
        if wrong_type {
            return Err(codes::SIM_FIELD_TYPE);
        }
        Ok(Body(map))
    }

    /// The field's value verbatim, when present and not blank.
    pub fn field(&self, name: &str) -> Option<&str> {
        match self.0.get(name) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn header_checks_in_order() {
        let clients: HashSet<String> = [headers::EXAMPLE_CLIENT_ID.to_string()].into();
        let device = [
            (headers::OS_VERSION, "Android 10"),
            (headers::FINGERPRINT, "abc"),
            (headers::AGENT, "ua"),
        ];
        assert_eq!(
            device_and_client(&headers(&[]), &clients),
            Err(codes::PARAM_0001)
        );
        let mut h = headers(&device);
        h.insert(headers::AGENT, HeaderValue::from_static("  "));
        assert_eq!(
            device_and_client(&h, &clients),
            Err(codes::PARAM_0001),
            "blank"
        );
        assert_eq!(
            device_and_client(&headers(&device), &clients),
            Err(codes::PARAM_0002)
        );
        let mut h = headers(&device);
        h.insert(headers::CLIENT_ID, HeaderValue::from_static("nope"));
        assert_eq!(device_and_client(&h, &clients), Err(codes::PARAM_0003));
        h.insert(
            headers::CLIENT_ID,
            HeaderValue::from_static(headers::EXAMPLE_CLIENT_ID),
        );
        assert_eq!(device_and_client(&h, &clients), Ok(()));
    }

    #[test]
    fn body_checks() {
        let json = headers(&[("content-type", "Application/JSON; charset=utf8")]);
        let b = Body::parse(
            &json,
            br#"{"a":" ","b":"x","c":null,"d":1}"#,
            &["a", "b", "c"],
        )
        .unwrap();
        assert_eq!(b.field("a"), None);
        assert_eq!(b.field("b"), Some("x"));
        assert_eq!(b.field("c"), None);
        assert_eq!(
            Body::parse(&json, br#"{"d":1}"#, &["d"]).unwrap_err(),
            codes::SIM_FIELD_TYPE
        );
        assert_eq!(
            Body::parse(&json, b"[1]", &[]).unwrap_err(),
            codes::SIM_BAD_JSON
        );
        assert_eq!(
            Body::parse(&json, b"", &[]).unwrap_err(),
            codes::SIM_BAD_JSON
        );
        let form = headers(&[("content-type", "application/x-www-form-urlencoded")]);
        assert_eq!(
            Body::parse(&form, b"{}", &[]).unwrap_err(),
            codes::SIM_CONTENT_TYPE
        );
        assert_eq!(
            Body::parse(&headers(&[]), b"{}", &[]).unwrap_err(),
            codes::SIM_CONTENT_TYPE
        );
    }
}

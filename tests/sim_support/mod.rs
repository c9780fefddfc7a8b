//! Shared helpers of the simulator tests: an in-process simulator on a [`ManualClock`],
//! driven through `tower::ServiceExt::oneshot` (no socket, no sleeping).
#![allow(dead_code)]

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt as _;
use vflow::api::headers::{self, EXAMPLE_CLIENT_ID};
use vflow::api::wire::{OutboxEntry, RevealResponse};
use vflow::clock::ManualClock;
use vflow::sim::{self, SimConfig};

pub const MOBILE: &str = "13800138000";
pub const CAPTCHA: &str = "/api/v2/sdk/captcha";
pub const VERIFY: &str = "/api/v2/sdk/captcha/verify";
pub const SEND: &str = "/api/v2/sdk/sms/send";
pub const LOGIN: &str = "/api/v2/sdk/login/mobile-verify-code";

/// The headers of a well-formed request (device headers, registered client id, JSON).
pub fn good_headers() -> Vec<(String, String)> {
    [
        (headers::OS_VERSION, "Android 10"),
        (headers::FINGERPRINT, "156aysdna213sc50"),
        (headers::AGENT, "vflow-tests"),
        (headers::CLIENT_ID, EXAMPLE_CLIENT_ID),
        (headers::CONTENT_TYPE, "application/json"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// `good_headers` with `name` replaced by `value`, or removed when `value` is `None`.
pub fn headers_with(name: &str, value: Option<&str>) -> Vec<(String, String)> {
    let mut h: Vec<_> = good_headers()
        .into_iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case(name))
        .collect();
    if let Some(v) = value {
        h.push((name.to_string(), v.to_string()));
    }
    h
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {:?}", self.body))
    }

    /// `error_code` of an error response ("" for a success).
    pub fn code(&self) -> String {
        if self.status == 200 {
            return String::new();
        }
        self.json()["error_code"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn msg(&self) -> String {
        self.json()["error_msg"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Assert an error answer: status, code, and the catalogue's English message.
    #[track_caller]
    pub fn assert_error(&self, code: &str) {
        let entry = vflow::api::Catalogue::get().entry(code);
        assert_eq!(
            (self.status, self.code()),
            (entry.http, code.to_string()),
            "body: {:?}",
            self.body
        );
        assert_eq!(self.msg(), entry.msg.en);
    }

    #[track_caller]
    pub fn assert_ok(&self) {
        assert_eq!(self.status, 200, "body: {:?}", self.body);
    }
}

pub struct Sim {
    pub router: Router,
    pub clock: ManualClock,
}

impl Sim {
    /// Reveal on, quiet, on a manual clock.
    pub fn new() -> Sim {
        Sim::with(|_| {})
    }

    pub fn with(tweak: impl FnOnce(&mut SimConfig)) -> Sim {
        let clock = ManualClock::new();
        let mut config = SimConfig {
            reveal_solutions: true,
            quiet: true,
            clock: Arc::new(clock.clone()),
            ..SimConfig::default()
        };
        tweak(&mut config);
        Sim {
            router: sim::router(config),
            clock,
        }
    }

    pub fn advance(&self, secs: u64) {
        self.clock.advance(Duration::from_secs(secs));
    }

    pub async fn request(&self, req: Request<Body>) -> Resp {
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap();
        Resp {
            status,
            headers,
            body,
        }
    }

    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(String, String)],
        body: impl Into<Body>,
    ) -> Resp {
        let mut req = Request::builder().method(method).uri(path);
        for (k, v) in headers {
            req = req.header(k.as_str(), v.as_str());
        }
        self.request(req.body(body.into()).unwrap()).await
    }

    /// Assert the answers of checks 1-3 for `method path` with `body`.
    pub async fn assert_header_checks(&self, method: &str, path: &str, body: &str) {
        use vflow::api::catalogue::codes;
        let cases = [
            (headers_with(headers::OS_VERSION, None), codes::PARAM_0001),
            (
                headers_with(headers::FINGERPRINT, Some("")),
                codes::PARAM_0001,
            ),
            (headers_with(headers::AGENT, Some(" ")), codes::PARAM_0001),
            (headers_with(headers::CLIENT_ID, None), codes::PARAM_0002),
            (
                headers_with(headers::CLIENT_ID, Some(" ")),
                codes::PARAM_0002,
            ),
            (
                headers_with(headers::CLIENT_ID, Some("unregistered")),
                codes::PARAM_0003,
            ),
        ];
        for (h, code) in cases {
            self.raw(method, path, &h, body.to_string())
                .await
                .assert_error(code);
        }
    }

    /// POST each body to `path` with good headers and assert that each gets `code`.
    pub async fn assert_posts(&self, path: &str, bodies: &[Value], code: &str) {
        for body in bodies {
            let r = self.post(path, body).await;
            assert_eq!(r.code(), code, "{body}");
            r.assert_error(code);
        }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.raw("GET", path, &good_headers(), Body::empty()).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Resp {
        self.post_with(path, &good_headers(), body).await
    }

    pub async fn post_with(&self, path: &str, headers: &[(String, String)], body: &Value) -> Resp {
        self.raw("POST", path, headers, body.to_string()).await
    }

    /// A fresh puzzle: (token, true x) through the reveal helper.
    pub async fn puzzle(&self) -> (String, u32) {
        let r = self.get(CAPTCHA).await;
        r.assert_ok();
        let token = r.json()["token"].as_str().unwrap().to_string();
        let reveal = self.reveal(&token).await;
        (token, reveal.x)
    }

    pub async fn reveal(&self, token: &str) -> RevealResponse {
        let r = self.get(&format!("/_sim/captcha/{token}")).await;
        r.assert_ok();
        serde_json::from_slice(&r.body).unwrap()
    }

    pub async fn verify(&self, token: &str, point_json: &str, sender: &str) -> Resp {
        self.post(
            VERIFY,
            &json!({"token": token, "point_json": point_json, "sender": sender}),
        )
        .await
    }

    /// A live pass token for `mobile` (solved at the true x).
    pub async fn pass(&self, mobile: &str) -> String {
        let (token, x) = self.puzzle().await;
        let r = self
            .verify(&token, &format!("{{\"x\":{x}.0,\"y\":5.0}}"), mobile)
            .await;
        r.assert_ok();
        r.json()["captcha_token"].as_str().unwrap().to_string()
    }

    pub async fn send(&self, mobile: &str, scene: &str, captcha_token: &str) -> Resp {
        self.post(
            SEND,
            &json!({"mobile": mobile, "type": scene, "captcha_token": captcha_token}),
        )
        .await
    }

    /// Solve a captcha and send a code to `mobile` for `scene`.
    pub async fn send_fresh(&self, mobile: &str, scene: &str) -> Resp {
        let pass = self.pass(mobile).await;
        self.send(mobile, scene, &pass).await
    }

    pub async fn outbox(&self) -> Vec<OutboxEntry> {
        let r = self.get("/_sim/outbox").await;
        r.assert_ok();
        serde_json::from_slice(&r.body).unwrap()
    }

    /// The code last delivered to `mobile`.
    pub async fn last_code(&self, mobile: &str) -> String {
        self.outbox()
            .await
            .into_iter()
            .rev()
            .find(|e| e.mobile == mobile)
            .expect("a delivered code")
            .code
    }
}

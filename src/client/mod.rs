//! Building, sending and recording one exchange with reqwest, and classifying
//! its outcome. Depends on `api`.
//!
//! Typical use (TUI and CLI alike):
//!
//! ```no_run
//! # async fn demo(overrides: &vflow::config::Overrides) -> Result<(), Box<dyn std::error::Error>> {
//! use vflow::client::{explain::explain_exchange, Http};
//! let profile = vflow::config::resolve(overrides)?;         // flags > VFLOW_* > file > defaults
//! let http = Http::new(&profile.http)?;                       // off the UI thread: TLS set-up
//! let spec = profile.sms_send("http://127.0.0.1:8080", "LOGIN_SMS", "13800138000", "T---{}");
//! let (cancel_tx, cancel_rx) = tokio::sync::oneshot::channel::<()>();
//! let exchange = http.send_until(&spec, async { let _ = cancel_rx.await; }).await?;
//! let explanation = explain_exchange(&exchange, &profile.explain_context());
//! println!("{}", explanation.render(explanation.lang));
//! # drop(cancel_tx); Ok(()) }
//! ```
//!
//! SKELETON: these types are the contract the TUI and CLI build on. They may
//! grow fields; renaming needs a word with the TUI's owner.

use std::time::{Duration, SystemTime};

pub mod build;
pub mod consumer;
pub mod curl;
pub mod explain;
pub mod export;
pub mod history;
pub mod import;
pub mod precheck;
pub mod proxy;
pub(crate) mod report;
pub mod send;
pub mod simflow;
pub mod words;

pub use build::BuildError;
pub use explain::{ExplainContext, Explanation, Text, explain};
pub use send::{Http, HttpOptions, MAX_BODY};

/// One header as configured: a value, a blank value, or omitted entirely.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HeaderSetting {
    pub name: String,
    pub value: String,
    /// false: the header is not sent at all (as opposed to sent blank).
    pub enabled: bool,
}

/// One JSON body field as configured: like a header, it can be sent blank or omitted.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BodyField {
    pub name: String,
    pub value: String,
    pub enabled: bool,
}

/// Everything needed to send one request.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RequestSpec {
    pub method: String,
    /// Base URL of the tenant, e.g. `http://127.0.0.1:40123` (no trailing slash needed).
    pub base_url: String,
    /// Path such as `/api/v2/sdk/sms/send`.
    pub path: String,
    /// In the order they will be sent.
    pub headers: Vec<HeaderSetting>,
    /// Serialized as one JSON object of strings; `None` for GET.
    pub body: Option<Vec<BodyField>>,
    /// Exact body bytes that replace `body` on the wire when set: an imported
    /// body that is not a JSON object of strings in vflow's compact form
    /// (numbers, nested objects, other spacing, form data) is sent unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_body: Option<Vec<u8>>,
}

/// What went over the wire.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SentRequest {
    pub method: String,
    pub url: String,
    /// Every header in the order sent, including those the HTTP stack adds.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReceivedResponse {
    pub status: u16,
    pub version: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The body was longer than the read limit and was cut.
    pub truncated: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Timing {
    pub total: Duration,
    pub ttfb: Option<Duration>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransportKind {
    ConnectionRefused,
    Dns,
    Tls,
    Timeout,
    ConnectionReset,
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "class", rename_all = "snake_case")]
pub enum Outcome {
    /// 2xx.
    Success,
    /// `{"error_code","error_msg"}`; `known` when the code is in the catalogue.
    ApiError {
        status: u16,
        code: String,
        message: String,
        known: bool,
    },
    /// A non-2xx without the JSON error shape (e.g. a 502 HTML page).
    HttpError { status: u16 },
    /// A 2xx or error body that cannot be parsed as expected.
    BadBody { status: u16, reason: String },
    /// No response at all.
    Transport { kind: TransportKind, detail: String },
    /// The person cancelled before an answer came.
    Cancelled,
}

impl TransportKind {
    /// Short words for lists and labels: `connection refused`, `timeout`, ...
    pub fn label(self) -> &'static str {
        match self {
            TransportKind::ConnectionRefused => "connection refused",
            TransportKind::Dns => "DNS failure",
            TransportKind::Tls => "TLS failure",
            TransportKind::Timeout => "timeout",
            TransportKind::ConnectionReset => "connection reset",
            TransportKind::Other => "transport error",
        }
    }
}

impl Outcome {
    /// Short status for lists: `200 OK`, `400 IDAAS.SDK.CAPTCHA.0003`, `connection refused`, ...
    pub fn label(&self) -> String {
        match self {
            Outcome::Success => "200 OK".into(),
            Outcome::ApiError { status, code, .. } => {
                format!("{status} {}", crate::api::text::visible(code))
            }
            Outcome::HttpError { status } => format!("{status} (not JSON)"),
            Outcome::BadBody { status, .. } => format!("{status} bad body"),
            Outcome::Transport { kind, .. } => kind.label().into(),
            Outcome::Cancelled => "cancelled".into(),
        }
    }
}

/// One recorded exchange.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Exchange {
    pub started_at: SystemTime,
    pub request: SentRequest,
    pub response: Option<ReceivedResponse>,
    pub timing: Timing,
    pub outcome: Outcome,
}

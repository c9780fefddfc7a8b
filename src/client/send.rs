//! Sending one request with reqwest, recording the answer and classifying the outcome.

use super::build::{self, BuildError};
use super::{Exchange, Outcome, ReceivedResponse, RequestSpec, SentRequest, Timing, TransportKind};
use crate::api::{Catalogue, paths, wire};
use std::future::Future;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

/// Response bodies are read up to this many bytes; the rest is cut and flagged.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// Transport options of a profile.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct HttpOptions {
    #[serde(serialize_with = "human_duration")]
    pub connect_timeout: Duration,
    /// Whole exchange, body included.
    #[serde(serialize_with = "human_duration")]
    pub timeout: Duration,
    /// Accept any TLS certificate (`--insecure`).
    pub insecure: bool,
    /// Extra trusted root certificates (PEM, one or more).
    pub ca_file: Option<PathBuf>,
    /// Ignore the `HTTP(S)_PROXY` environment variables.
    pub no_proxy: bool,
}

fn human_duration<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&humantime::format_duration(*d).to_string())
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            insecure: false,
            ca_file: None,
            no_proxy: false,
        }
    }
}

/// The HTTP client could not be set up (e.g. an unreadable CA file): what
/// went wrong, with the OS's or library's own words as `detail`. `Display` is
/// English; [`HttpInitError::text`] says it in the UI language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpInitError {
    CaRead { path: String, detail: String },
    CaNotPem { path: String, detail: String },
    CaEmpty { path: String },
    Setup { detail: String },
}

impl HttpInitError {
    pub fn text(&self, lang: crate::api::Lang) -> String {
        use crate::t;
        match self {
            HttpInitError::CaRead { path, detail } => {
                t!(lang, "client-http-ca-read", path = path, detail = detail)
            }
            HttpInitError::CaNotPem { path, detail } => {
                t!(lang, "client-http-ca-not-pem", path = path, detail = detail)
            }
            HttpInitError::CaEmpty { path } => t!(lang, "client-http-ca-empty", path = path),
            HttpInitError::Setup { detail } => t!(lang, "client-http-setup", detail = detail),
        }
    }
}

impl std::fmt::Display for HttpInitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::api::Lang::En))
    }
}

impl std::error::Error for HttpInitError {}

/// Install the ring crypto provider for rustls once per process (idempotent).
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// A configured HTTP client. Cheap to clone; build it once (off the UI thread:
/// loading the CA file and the platform verifier takes a moment).
#[derive(Clone, Debug)]
pub struct Http {
    client: reqwest::Client,
    pub options: HttpOptions,
}

impl Http {
    pub fn new(options: &HttpOptions) -> Result<Http, HttpInitError> {
        install_crypto_provider();
        let mut b = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .http1_only()
            .redirect(reqwest::redirect::Policy::none())
            .tls_danger_accept_invalid_certs(options.insecure);
        if options.no_proxy {
            b = b.no_proxy();
        }
        if let Some(path) = &options.ca_file {
            let shown = path.display().to_string();
            let pem = std::fs::read(path).map_err(|e| HttpInitError::CaRead {
                path: shown.clone(),
                detail: e.to_string(),
            })?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                HttpInitError::CaNotPem {
                    path: shown.clone(),
                    detail: e.to_string(),
                }
            })?;
            if certs.is_empty() {
                return Err(HttpInitError::CaEmpty { path: shown });
            }
            b = b.tls_certs_merge(certs);
        }
        let client = b
            .build()
            .map_err(|e| HttpInitError::Setup { detail: chain(&e) })?;
        Ok(Http {
            client,
            options: options.clone(),
        })
    }

    /// Send one request and record it. Cancel by dropping the future, or use [`Http::send_until`].
    pub async fn send(&self, spec: &RequestSpec) -> Result<Exchange, BuildError> {
        self.send_until(spec, std::future::pending::<()>()).await
    }

    /// Like [`Http::send`], but when `cancel` completes first the exchange ends
    /// with [`Outcome::Cancelled`] (the request as recorded, no response).
    pub async fn send_until(
        &self,
        spec: &RequestSpec,
        cancel: impl Future<Output = ()>,
    ) -> Result<Exchange, BuildError> {
        let m = build::materialize(spec)?;
        let sent = m.sent.clone();
        let started_at = SystemTime::now();
        let t0 = Instant::now();
        let req = self
            .client
            .request(m.method, m.url)
            .headers(m.headers)
            .body(m.body);
        let mut ttfb = None;
        let run = async {
            let resp = req.send().await.map_err(|e| (None, e))?;
            ttfb = Some(t0.elapsed());
            read_response(resp).await
        };
        let result = tokio::select! {
            r = run => Some(r),
            _ = cancel => None,
        };
        let timing = Timing {
            total: t0.elapsed(),
            ttfb,
        };
        let (response, outcome) = match result {
            None => (None, Outcome::Cancelled),
            Some(Ok(resp)) => {
                let outcome = classify(&spec.path, &resp);
                (Some(resp), outcome)
            }
            Some(Err((partial, e))) => {
                let (kind, detail) = classify_error(&e);
                (partial, Outcome::Transport { kind, detail })
            }
        };
        Ok(Exchange {
            started_at,
            request: sent,
            response,
            timing,
            outcome,
        })
    }
}

type ReadError = (Option<ReceivedResponse>, reqwest::Error);

async fn read_response(mut resp: reqwest::Response) -> Result<ReceivedResponse, ReadError> {
    let mut rec = ReceivedResponse {
        status: resp.status().as_u16(),
        version: format!("{:?}", resp.version()),
        headers: resp
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: Vec::new(),
        truncated: false,
    };
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                let room = MAX_BODY - rec.body.len();
                if chunk.len() > room {
                    rec.body.extend_from_slice(&chunk[..room]);
                    rec.truncated = true;
                    return Ok(rec);
                }
                rec.body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(rec),
            Err(e) => return Err((Some(rec), e)),
        }
    }
}

/// The error and all its sources, joined with ": ".
pub fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        cur = s.source();
    }
    parts.join(": ")
}

/// Which transport failure this is: walks the source chain for io error kinds
/// and rustls errors, then falls back on hyper's messages.
pub fn classify_error(e: &reqwest::Error) -> (TransportKind, String) {
    let detail = chain(e);
    if e.is_timeout() {
        return (TransportKind::Timeout, detail);
    }
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if err.downcast_ref::<rustls::Error>().is_some() {
            return (TransportKind::Tls, detail);
        }
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if io
                .get_ref()
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some())
            {
                return (TransportKind::Tls, detail);
            }
            use std::io::ErrorKind as K;
            match io.kind() {
                K::ConnectionRefused => return (TransportKind::ConnectionRefused, detail),
                K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => {
                    return (TransportKind::ConnectionReset, detail);
                }
                K::TimedOut => return (TransportKind::Timeout, detail),
                _ => {}
            }
        }
        cur = err.source();
    }
    let lower = detail.to_ascii_lowercase();
    let kind = if lower.contains("dns error") || lower.contains("failed to lookup address") {
        TransportKind::Dns
    } else if [
        "tls",
        "certificate",
        "handshake",
        "corrupt message",
        "alert",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        TransportKind::Tls
    } else if lower.contains("connection closed before message completed")
        || lower.contains("connection reset")
    {
        TransportKind::ConnectionReset
    } else if lower.contains("timed out") {
        TransportKind::Timeout
    } else {
        TransportKind::Other
    };
    (kind, detail)
}

fn is_json_content_type(resp: &ReceivedResponse) -> bool {
    resp.headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("content-type") && v.to_ascii_lowercase().contains("json")
    })
}

/// The `{"error_code","error_msg"}` shape, tolerant of blanks and a missing message.
fn api_error(body: &[u8]) -> Option<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let code = v.get("error_code")?.as_str()?.to_string();
    let msg = v
        .get("error_msg")
        .and_then(|m| m.as_str())
        .unwrap_or_default()
        .to_string();
    Some((code, msg))
}

/// Classify a received response for the endpoint at `path`.
pub fn classify(path: &str, resp: &ReceivedResponse) -> Outcome {
    let status = resp.status;
    let cut = || Outcome::BadBody {
        status,
        reason: format!("the body is longer than {} MiB and was cut", MAX_BODY >> 20),
    };
    if let Some((code, message)) = api_error(&resp.body) {
        let known = Catalogue::get().find(&code).is_some();
        return Outcome::ApiError {
            status,
            code: code.trim().to_string(),
            message,
            known,
        };
    }
    if !(200..300).contains(&status) {
        if resp.truncated {
            return cut();
        }
        return match serde_json::from_slice::<serde_json::Value>(&resp.body) {
            Ok(_) => Outcome::BadBody {
                status,
                reason: "a JSON error body without the {\"error_code\", \"error_msg\"} shape"
                    .into(),
            },
            Err(e) if is_json_content_type(resp) => Outcome::BadBody {
                status,
                reason: format!("content-type says JSON but the body is not: {e}"),
            },
            Err(_) => Outcome::HttpError { status },
        };
    }
    if resp.truncated {
        return cut();
    }
    let check = |r: Result<(), serde_json::Error>, what: &str| match r {
        Ok(()) => Outcome::Success,
        Err(e) => Outcome::BadBody {
            status,
            reason: format!("not the {what} body: {e}"),
        },
    };
    match path {
        paths::CAPTCHA => check(
            serde_json::from_slice::<wire::CaptchaResponse>(&resp.body).and_then(|c| {
                c.token
                    .map(|_| ())
                    .ok_or_else(|| serde::de::Error::custom("token is null"))
            }),
            "captcha",
        ),
        paths::CAPTCHA_VERIFY => check(
            serde_json::from_slice::<wire::VerifyResponse>(&resp.body).map(|_| ()),
            "captcha/verify",
        ),
        paths::LOGIN_MOBILE
        | paths::REGISTER_MOBILE
        | paths::SOCIAL_REGISTER_BIND
        | paths::SOCIAL_BIND => check(
            serde_json::from_slice::<wire::LoginResponse>(&resp.body).map(|_| ()),
            "session (status, session_token, expire, id_token)",
        ),
        paths::SESSION_TO_ID_TOKEN => check(
            serde_json::from_slice::<wire::IdTokenResponse>(&resp.body).map(|_| ()),
            "id_token",
        ),
        _ => Outcome::Success,
    }
}

/// Convenience for one-off sends (CLI): the request record of a spec without sending.
pub fn record(spec: &RequestSpec) -> Result<SentRequest, BuildError> {
    build::materialize(spec).map(|m| m.sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, ct: &str, body: &str) -> ReceivedResponse {
        ReceivedResponse {
            status,
            version: "HTTP/1.1".into(),
            headers: vec![("content-type".into(), ct.into())],
            body: body.as_bytes().to_vec(),
            truncated: false,
        }
    }

    #[test]
    fn classification_of_bodies() {
        let p = paths::SMS_SEND;
        assert_eq!(classify(p, &resp(200, "", "")), Outcome::Success);
        assert_eq!(
            classify(
                p,
                &resp(
                    400,
                    "application/json",
                    r#"{"error_code":" IDAAS.SDK.PARAM.0001 ","error_msg":" Device information is incomplete"}"#
                )
            ),
            Outcome::ApiError {
                status: 400,
                code: "IDAAS.SDK.PARAM.0001".into(),
                message: " Device information is incomplete".into(),
                known: true
            }
        );
        assert!(matches!(
            classify(
                p,
                &resp(
                    400,
                    "application/json",
                    r#"{"error_code":"X.Y","error_msg":"z"}"#
                )
            ),
            Outcome::ApiError { known: false, .. }
        ));
        assert_eq!(
            classify(p, &resp(502, "text/html", "<html>Bad gateway</html>")),
            Outcome::HttpError { status: 502 }
        );
        assert!(matches!(
            classify(p, &resp(500, "application/json", "{oops")),
            Outcome::BadBody { status: 500, .. }
        ));
        assert!(matches!(
            classify(p, &resp(400, "text/plain", r#"{"message":"x"}"#)),
            Outcome::BadBody { status: 400, .. }
        ));
        assert!(matches!(
            classify(
                paths::CAPTCHA_VERIFY,
                &resp(200, "application/json", "garbage")
            ),
            Outcome::BadBody { status: 200, .. }
        ));
        assert_eq!(
            classify(
                paths::CAPTCHA_VERIFY,
                &resp(200, "application/json", r#"{"captcha_token":"a---b"}"#)
            ),
            Outcome::Success
        );
        let mut big = resp(200, "", "");
        big.truncated = true;
        assert!(matches!(classify(p, &big), Outcome::BadBody { .. }));
    }
}

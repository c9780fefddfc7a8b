//! The core of `vflow proxy`: a reverse proxy for the vendor API that forwards
//! every request unchanged (hop-by-hop headers aside; `Host` names the
//! upstream) and records each exchange in a bounded [`Store`] that anyone
//! (the CLI printer, a future TUI Traffic screen) can read or subscribe to.
//!
//! Header names keep their case in both directions (hyper's
//! `preserve_header_case`), bodies are forwarded whole; what is *recorded* is
//! capped at [`MAX_BODY`] per body. It is not an open proxy: CONNECT and
//! absolute-form requests for another host get a JSON error and are recorded
//! as refused.

use super::{Exchange, MAX_BODY, Outcome, ReceivedResponse, SentRequest, Timing, TransportKind};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo};
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};
use tokio::sync::broadcast;

/// Newest exchanges kept in memory by default.
pub const DEFAULT_KEEP: usize = 10_000;
/// Largest request body the proxy accepts (it must hold it to forward it).
pub const MAX_REQUEST_BODY: usize = 16 << 20;

/// Hop-by-hop headers (RFC 9110 §7.6.1) that a proxy does not forward.
const HOP_BY_HOP: [&str; 9] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// One proxied (or refused) exchange.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    /// 1, 2, 3... in arrival order; ids keep counting when old ones are dropped.
    pub id: u64,
    pub client: SocketAddr,
    /// The request as received (URL with the proxy's own host) and the response as returned.
    pub exchange: Exchange,
    /// Why the proxy refused to forward it (not an open proxy), if it did.
    pub refused: Option<String>,
}

/// The newest exchanges, bounded, with a channel of new ones.
pub struct Store {
    inner: Mutex<(VecDeque<Arc<Recorded>>, u64)>,
    keep: usize,
    tx: broadcast::Sender<Arc<Recorded>>,
}

impl Store {
    /// A store that keeps the newest `keep` exchanges (at least one).
    pub fn new(keep: usize) -> Arc<Store> {
        // room for bursts: a subscriber that falls this far behind skips (and is told)
        let (tx, _) = broadcast::channel(8192);
        Arc::new(Store {
            inner: Mutex::new((VecDeque::new(), 0)),
            keep: keep.max(1),
            tx,
        })
    }

    /// Record one exchange; the oldest goes when the store is full.
    pub fn push(
        &self,
        client: SocketAddr,
        exchange: Exchange,
        refused: Option<String>,
    ) -> Arc<Recorded> {
        let mut g = self.inner.lock().expect("store lock");
        g.1 += 1;
        let rec = Arc::new(Recorded {
            id: g.1,
            client,
            exchange,
            refused,
        });
        if g.0.len() == self.keep {
            g.0.pop_front();
        }
        g.0.push_back(rec.clone());
        // Sent under the lock, so that `snapshot_and_subscribe` sees each exchange
        // exactly once; nobody listening is fine.
        let _ = self.tx.send(rec.clone());
        rec
    }

    /// The exchanges in memory, oldest first.
    pub fn snapshot(&self) -> Vec<Arc<Recorded>> {
        self.inner
            .lock()
            .expect("store lock")
            .0
            .iter()
            .cloned()
            .collect()
    }

    pub fn len(&self) -> usize {
        self.inner.lock().expect("store lock").0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many exchanges were recorded in all (including those dropped).
    pub fn total(&self) -> u64 {
        self.inner.lock().expect("store lock").1
    }

    pub fn capacity(&self) -> usize {
        self.keep
    }

    /// New exchanges as they are recorded (a slow reader skips, see `broadcast`).
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Recorded>> {
        self.tx.subscribe()
    }

    /// The exchanges in memory and a channel of the ones after them, taken together: an
    /// exchange recorded meanwhile is in one of the two, never in both, never in neither.
    pub fn snapshot_and_subscribe(
        &self,
    ) -> (Vec<Arc<Recorded>>, broadcast::Receiver<Arc<Recorded>>) {
        let g = self.inner.lock().expect("store lock");
        (g.0.iter().cloned().collect(), self.tx.subscribe())
    }
}

/// Where to forward to.
#[derive(Clone, Debug)]
pub struct ProxyConfig {
    /// `http(s)://host[:port]` of the upstream (a path prefix is kept in front of request paths).
    pub upstream: String,
    /// Exchanges kept in memory.
    pub keep: usize,
}

/// A running proxy.
pub struct ProxyHandle {
    pub addr: SocketAddr,
    pub store: Arc<Store>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl ProxyHandle {
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stop accepting and wait for the accept loop to end.
    pub async fn shutdown(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        let _ = (&mut self.task).await;
    }
}

type HttpsClient = Client<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    Full<Bytes>,
>;

struct Shared {
    upstream: reqwest::Url,
    client: HttpsClient,
    store: Arc<Store>,
}

/// Check the upstream URL: http or https with a host.
pub fn parse_upstream(s: &str) -> Result<reqwest::Url, String> {
    let u = reqwest::Url::parse(s.trim()).map_err(|e| format!("--upstream {s:?}: {e}"))?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none() {
        return Err(format!("--upstream {s:?}: expected http(s)://host[:port]"));
    }
    Ok(u)
}

/// Bind and serve until [`ProxyHandle::shutdown`].
pub async fn start(config: ProxyConfig, bind: SocketAddr) -> std::io::Result<ProxyHandle> {
    let upstream = parse_upstream(&config.upstream).map_err(std::io::Error::other)?;
    super::send::install_crypto_provider();
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .try_with_platform_verifier()
        .map_err(std::io::Error::other)?
        .https_or_http()
        .enable_http1()
        .wrap_connector({
            let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
            http.enforce_http(false);
            http.set_nodelay(true);
            http
        });
    let client: HttpsClient = Client::builder(TokioExecutor::new())
        .http1_preserve_header_case(true)
        .build(connector);
    let store = Store::new(config.keep);
    let shared = Arc::new(Shared {
        upstream,
        client,
        store: store.clone(),
    });
    let listener = tokio::net::TcpListener::bind(bind).await?;
    let addr = listener.local_addr()?;
    let (stop_tx, mut stop_rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        loop {
            let (io, peer) = tokio::select! {
                _ = &mut stop_rx => break,
                r = listener.accept() => match r {
                    Ok(x) => x,
                    Err(_) => continue,
                },
            };
            let _ = io.set_nodelay(true);
            let shared = shared.clone();
            tokio::spawn(async move {
                let svc = hyper::service::service_fn(move |req| {
                    let shared = shared.clone();
                    async move { Ok::<_, std::convert::Infallible>(handle(&shared, peer, req).await) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .preserve_header_case(true)
                    .header_read_timeout(std::time::Duration::from_secs(30))
                    .timer(hyper_util::rt::TokioTimer::new())
                    .serve_connection(TokioIo::new(io), svc)
                    .await;
            });
        }
    });
    Ok(ProxyHandle {
        addr,
        store,
        stop: Some(stop_tx),
        task,
    })
}

fn error_body(code: &str, msg: &str) -> String {
    serde_json::json!({"error_code": code, "error_msg": msg}).to_string()
}

fn json_error(status: StatusCode, code: &str, msg: &str) -> Response<Full<Bytes>> {
    let body = error_body(code, msg);
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body)))
        .expect("a valid response")
}

fn pairs(h: &http::HeaderMap) -> Vec<(String, String)> {
    h.iter()
        .map(|(n, v)| {
            (
                n.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

fn capped(b: &[u8]) -> (Vec<u8>, bool) {
    if b.len() > MAX_BODY {
        (b[..MAX_BODY].to_vec(), true)
    } else {
        (b.to_vec(), false)
    }
}

fn strip_hop_by_hop(h: &mut http::HeaderMap) {
    let listed: Vec<String> = h
        .get_all(http::header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    let drop = |n: &str| HOP_BY_HOP.contains(&n) || listed.iter().any(|l| l == n);
    if !h.keys().any(|n| drop(n.as_str())) {
        return;
    }
    // rebuilt rather than `remove`d: removing swaps the last header into the gap
    let old = std::mem::take(h);
    let mut name = None;
    for (n, v) in old {
        if let Some(n) = n {
            name = Some(n);
        }
        let n = name.as_ref().expect("the first item has a name");
        if !drop(n.as_str()) {
            h.append(n.clone(), v);
        }
    }
}

fn version(v: http::Version) -> String {
    format!("{v:?}")
}

/// Answer a request that is not forwarded, and record it as refused.
fn refused(
    shared: &Shared,
    peer: SocketAddr,
    started_at: SystemTime,
    t0: Instant,
    sent: SentRequest,
    status: StatusCode,
    why: String,
) -> Response<Full<Bytes>> {
    let resp = json_error(status, "VFLOW.PROXY.REFUSED", &why);
    let x = Exchange {
        started_at,
        request: sent,
        response: Some(ReceivedResponse {
            status: status.as_u16(),
            version: "HTTP/1.1".into(),
            headers: pairs(resp.headers()),
            body: error_body("VFLOW.PROXY.REFUSED", &why).into_bytes(),
            truncated: false,
        }),
        timing: Timing {
            total: t0.elapsed(),
            ttfb: None,
        },
        outcome: Outcome::HttpError {
            status: status.as_u16(),
        },
    };
    shared.store.push(peer, x, Some(why));
    resp
}

/// Why a request is not forwarded at all: CONNECT, or an absolute-form
/// request for another host than the upstream (this is not an open proxy).
fn open_proxy_refusal(
    parts: &http::request::Parts,
    upstream: &reqwest::Url,
) -> Option<(StatusCode, String)> {
    if parts.method == http::Method::CONNECT {
        return Some((
            StatusCode::METHOD_NOT_ALLOWED,
            "CONNECT refused: vflow proxy is a reverse proxy for its upstream only, not an open proxy".into(),
        ));
    }
    let a = parts.uri.authority()?;
    let same = a
        .host()
        .eq_ignore_ascii_case(upstream.host_str().unwrap_or(""))
        && a.port_u16().or(upstream.port_or_known_default()) == upstream.port_or_known_default();
    (!same).then(|| {
        (
            StatusCode::FORBIDDEN,
            format!(
                "request for another host ({a}) refused: vflow proxy forwards only to its upstream, it is not an open proxy"
            ),
        )
    })
}

/// The record of an exchange the upstream did not complete.
fn failed(
    started_at: SystemTime,
    request: SentRequest,
    t0: Instant,
    ttfb: Option<std::time::Duration>,
    kind: TransportKind,
    detail: String,
) -> Exchange {
    Exchange {
        started_at,
        request,
        response: None,
        timing: Timing {
            total: t0.elapsed(),
            ttfb,
        },
        outcome: Outcome::Transport { kind, detail },
    }
}

async fn handle(
    shared: &Shared,
    peer: SocketAddr,
    req: Request<Incoming>,
) -> Response<Full<Bytes>> {
    let started_at = SystemTime::now();
    let t0 = Instant::now();
    let (parts, body) = req.into_parts();
    let host = parts
        .headers
        .get(http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let path_q = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let received_url = match parts.uri.authority() {
        Some(a) => format!("{}://{a}{path_q}", parts.uri.scheme_str().unwrap_or("http")),
        None => format!("http://{host}{path_q}"),
    };
    let mut sent = SentRequest {
        method: parts.method.to_string(),
        url: received_url,
        headers: pairs(&parts.headers),
        body: Vec::new(),
    };
    let refuse = |sent: SentRequest, status: StatusCode, why: String| {
        refused(shared, peer, started_at, t0, sent, status, why)
    };
    if let Some((status, why)) = open_proxy_refusal(&parts, &shared.upstream) {
        return refuse(sent, status, why);
    }
    let bytes = match Limited::new(body, MAX_REQUEST_BODY).collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) => {
            return refuse(
                sent,
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("request body not forwarded: {e}"),
            );
        }
    };
    sent.body = capped(&bytes).0;

    // the upstream request: same method, path, headers (case kept), body
    let base = shared.upstream.as_str().trim_end_matches('/');
    let uri: http::Uri = match format!("{base}{path_q}").parse() {
        Ok(u) => u,
        Err(e) => {
            return refuse(
                sent,
                StatusCode::BAD_REQUEST,
                format!("bad request target: {e}"),
            );
        }
    };
    let mut headers = parts.headers.clone();
    strip_hop_by_hop(&mut headers);
    if let Some(a) = uri.authority()
        && let Ok(v) = http::HeaderValue::from_str(a.as_str())
    {
        headers.insert(http::header::HOST, v);
    }
    let mut up = Request::new(Full::new(bytes.clone()));
    *up.method_mut() = parts.method.clone();
    *up.uri_mut() = uri;
    *up.headers_mut() = headers;
    // carries hyper's record of the header names' original case
    *up.extensions_mut() = parts.extensions;

    let resp = match shared.client.request(up).await {
        Ok(r) => r,
        Err(e) => {
            let detail = super::send::chain(&e);
            let kind = if detail.contains("refused") {
                TransportKind::ConnectionRefused
            } else {
                TransportKind::Other
            };
            let resp = json_error(
                StatusCode::BAD_GATEWAY,
                "VFLOW.PROXY.UPSTREAM",
                &format!("the upstream {base} did not answer: {detail}"),
            );
            let x = failed(started_at, sent, t0, None, kind, detail);
            shared.store.push(peer, x, None);
            return resp;
        }
    };
    let ttfb = t0.elapsed();
    let (rparts, rbody) = resp.into_parts();
    let rbytes = match rbody.collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) => {
            let detail = super::send::chain(&e);
            let x = failed(
                started_at,
                sent,
                t0,
                Some(ttfb),
                TransportKind::ConnectionReset,
                detail.clone(),
            );
            shared.store.push(peer, x, None);
            return json_error(StatusCode::BAD_GATEWAY, "VFLOW.PROXY.UPSTREAM", &detail);
        }
    };
    let (body_rec, truncated) = capped(&rbytes);
    let mut out_headers = rparts.headers.clone();
    strip_hop_by_hop(&mut out_headers);
    let received = ReceivedResponse {
        status: rparts.status.as_u16(),
        version: version(rparts.version),
        headers: pairs(&rparts.headers),
        body: body_rec,
        truncated,
    };
    let path = path_q.split('?').next().unwrap_or("/").to_string();
    let outcome = super::send::classify(&path, &received);
    let mut out = Response::new(Full::new(rbytes));
    *out.status_mut() = rparts.status;
    *out.headers_mut() = out_headers;
    *out.extensions_mut() = rparts.extensions;
    let x = Exchange {
        started_at,
        request: sent,
        response: Some(received),
        timing: Timing {
            total: t0.elapsed(),
            ttfb: Some(ttfb),
        },
        outcome,
    };
    shared.store.push(peer, x, None);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(n: u8) -> Exchange {
        Exchange {
            started_at: SystemTime::UNIX_EPOCH,
            request: SentRequest {
                method: "GET".into(),
                url: format!("http://h/{n}"),
                headers: vec![],
                body: vec![n],
            },
            response: None,
            timing: Timing {
                total: std::time::Duration::ZERO,
                ttfb: None,
            },
            outcome: Outcome::Cancelled,
        }
    }

    #[test]
    fn store_keeps_the_newest_n_and_counts_all() {
        let s = Store::new(3);
        let mut rx = s.subscribe();
        let peer: SocketAddr = "127.0.0.1:1".parse().unwrap();
        for n in 1..=5 {
            s.push(peer, x(n), None);
        }
        let ids: Vec<u64> = s.snapshot().iter().map(|r| r.id).collect();
        assert_eq!(ids, [3, 4, 5]);
        assert_eq!(s.len(), 3);
        assert_eq!(s.total(), 5);
        assert_eq!(
            rx.try_recv().unwrap().id,
            1,
            "subscribers see every new one"
        );
    }

    #[test]
    fn a_snapshot_and_its_channel_hand_over_each_exchange_once() {
        let s = Store::new(10);
        let peer: SocketAddr = "127.0.0.1:1".parse().unwrap();
        s.push(peer, x(1), None);
        s.push(peer, x(2), None);
        let (snap, mut rx) = s.snapshot_and_subscribe();
        s.push(peer, x(3), None);
        let snap: Vec<u64> = snap.iter().map(|r| r.id).collect();
        assert_eq!(snap, [1, 2]);
        assert_eq!(rx.try_recv().unwrap().id, 3);
        assert!(rx.try_recv().is_err(), "nothing twice");
    }

    #[test]
    fn hop_by_hop_and_connection_listed_headers_are_dropped() {
        let mut h = http::HeaderMap::new();
        h.insert("connection", "keep-alive, X-Secret".parse().unwrap());
        h.insert("x-secret", "1".parse().unwrap());
        h.insert("keep-alive", "timeout=5".parse().unwrap());
        h.insert("x-agent", "a".parse().unwrap());
        strip_hop_by_hop(&mut h);
        let names: Vec<&str> = h.keys().map(|k| k.as_str()).collect();
        assert_eq!(names, ["x-agent"]);
    }
}

//! The accept loop: connection cap, header-read / idle / body timeouts, JSON answers for the
//! requests the HTTP library refuses before routing, and a shutdown that does not wait for
//! idle or stalled clients.
//!
//! hyper's own `header_read_timeout` also runs while a keep-alive connection waits for its next
//! request, so it cannot give a 10 s header timeout and a 60 s idle timeout at once. Each
//! connection therefore has a watchdog with one deadline:
//! - accepted: header deadline (the first request must arrive within `header_read_timeout`);
//! - a response was produced: idle deadline (`idle_timeout`);
//! - the first byte of a next request arrives: header deadline again;
//! - a request head was parsed: no deadline (the body has `body_timeout`, applied where the
//!   body is read, see `routes::body_limit`).
//!
//! When the deadline passes the connection is dropped (closed without an answer, as nginx does
//! for `client_header_timeout` and `keepalive_timeout`).
//!
//! hyper answers a request it cannot parse (bad request line or header, too many or too large
//! headers, a URI over 64 KiB) itself, with an empty body. The connection's writer recognises
//! such an answer (a status line written while no request was handed to the router) and
//! replaces it by the simulator's JSON error with a `VFLOW.SIM.*` code.

use crate::api::Lang;
use crate::api::catalogue::codes;
use axum::Router;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt as _, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, Semaphore, oneshot, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;

/// Connection-level limits of the simulator (`vflow serve` options).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    /// A request's line and headers must arrive within this (from the connection's start or
    /// from a next request's first byte).
    pub header_read_timeout: Duration,
    /// A keep-alive connection with no request under way is closed after this.
    pub idle_timeout: Duration,
    /// A request body must arrive within this once the headers are in (408 otherwise).
    pub body_timeout: Duration,
    /// Connections open at once; a further one is answered 503 `VFLOW.SIM.BUSY` and closed.
    pub max_connections: usize,
    /// On shutdown, requests under way get this long to finish; then every connection is closed.
    pub shutdown_grace: Duration,
}

impl Default for ServerLimits {
    fn default() -> Self {
        ServerLimits {
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            body_timeout: Duration::from_secs(10),
            max_connections: 4096,
            shutdown_grace: Duration::from_millis(500),
        }
    }
}

/// Most header lines hyper parses; past [`super::MAX_HEADERS`] the router answers 431 in JSON.
const HYPER_MAX_HEADERS: usize = 1000;
/// hyper's read buffer for a request head; past [`super::MAX_HEADER_BYTES`] the router
/// answers 431 in JSON, past this hyper does (rewritten to JSON here). It bounds the memory a
/// connection can hold.
const HYPER_MAX_BUF: usize = 256 * 1024;
/// Refusals (503 BUSY) written at once; past this a connection over the cap is just closed.
const MAX_REFUSING: usize = 64;

/// Serve `app` on `listener` until `stop` fires; then close within `shutdown_grace` (plus a
/// few milliseconds).
pub(super) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ServerLimits,
    stop: oneshot::Receiver<()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    // (the live count below is max - available permits)
    let refusing = Arc::new(Semaphore::new(MAX_REFUSING));
    let (closing_tx, closing) = watch::channel(false);
    let mut conns = JoinSet::new();
    let mut builder =
        hyper_util::server::conn::auto::Builder::new(hyper_util::rt::TokioExecutor::new());
    builder
        .http1()
        .max_headers(HYPER_MAX_HEADERS)
        .max_buf_size(HYPER_MAX_BUF)
        // a client that half-closes after its request (`nc -N`, shutdown(SHUT_WR)) still gets
        // the answer; hyper's default drops the connection at the read EOF, answer unsent
        .half_close(true)
        // our watchdog does this job (hyper's would also cut idle keep-alive at 10 s)
        .header_read_timeout(None)
        .timer(hyper_util::rt::TokioTimer::new());
    let builder = Arc::new(builder);
    let max = limits.max_connections.max(1);
    let mut trim = Trim::default();
    let mut tick = tokio::time::interval(TRIM_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tokio::pin!(stop);
    loop {
        // reap finished connection tasks so the set does not grow
        while conns.try_join_next().is_some() {}
        let accepted = tokio::select! {
            _ = &mut stop => break,
            _ = tick.tick() => {
                trim.check(max - permits.available_permits());
                continue;
            }
            a = listener.accept() => a,
        };
        let stream = match accepted {
            Ok((s, _)) => s,
            Err(e) => {
                // EMFILE and the like: back off a little instead of spinning
                tracing::warn!(target: super::LOG_TARGET, "accept: {e}");
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        trim.seen(max - permits.available_permits() + 1);
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            if let Ok(r) = refusing.clone().try_acquire_owned() {
                conns.spawn(async move {
                    refuse(stream).await;
                    drop(r);
                });
            }
            continue;
        };
        let app = app.clone();
        let builder = builder.clone();
        let closing = closing.clone();
        conns.spawn(async move {
            connection(stream, app, &builder, limits, closing).await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = closing_tx.send(true);
    let deadline = Instant::now() + limits.shutdown_grace;
    while !conns.is_empty() {
        match tokio::time::timeout_at(deadline, conns.join_next()).await {
            Ok(_) => {}
            Err(_) => break,
        }
    }
    conns.abort_all();
    while conns.join_next().await.is_some() {}
}

/// How often the accept loop looks whether a crowd of connections has gone.
const TRIM_EVERY: Duration = Duration::from_secs(1);
/// A crowd worth giving memory back after.
const TRIM_AFTER_PEAK: usize = 256;

/// Gives the allocator's free memory back to the system once most of a crowd of connections
/// (a flood, thousands of stalled clients) has gone. Each connection's buffers are freed when
/// it closes, but glibc keeps freed memory in its arenas: without this, RSS stayed at the
/// crowd's high-water mark (+105 MiB after 5,000 stalled connections).
#[derive(Default)]
struct Trim {
    peak: usize,
}

impl Trim {
    fn seen(&mut self, live: usize) {
        self.peak = self.peak.max(live);
    }

    fn check(&mut self, live: usize) {
        if self.peak >= TRIM_AFTER_PEAK && live * 4 <= self.peak {
            release_free_memory();
            self.peak = live;
        }
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_free_memory() {
    // SAFETY: malloc_trim only returns free pages of glibc's heaps to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_free_memory() {}

/// 503 `VFLOW.SIM.BUSY`, `Connection: close`, then close.
async fn refuse(mut stream: TcpStream) {
    let bytes = error_response(codes::SIM_BUSY);
    let _ = tokio::time::timeout(Duration::from_millis(200), async {
        let _ = stream.write_all(&bytes).await;
        let _ = stream.shutdown().await;
        // read what the client sent so the close is not a reset that loses the answer
        let mut sink = [0u8; 4096];
        let mut total = 0;
        while total < 64 * 1024 {
            match tokio::io::AsyncReadExt::read(&mut stream, &mut sink).await {
                Ok(0) | Err(_) => break,
                Ok(n) => total += n,
            }
        }
    })
    .await;
}

/// A complete HTTP/1.1 answer with the simulator's JSON error for `code`, closing the connection.
fn error_response(code: &'static str) -> Vec<u8> {
    let entry = crate::api::Catalogue::get().entry(code);
    let body = serde_json::to_vec(&crate::api::wire::ApiError {
        error_code: code.to_string(),
        error_msg: entry.msg.get(Lang::En).clone(),
    })
    .expect("JSON");
    let reason = http::StatusCode::from_u16(entry.http)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    let mut out = format!(
        "HTTP/1.1 {} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        entry.http,
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(&body);
    out
}

/// The watchdog's view of one connection.
struct Watch {
    deadline: Mutex<Phase>,
    changed: Notify,
    /// Responses the router produced (hyper's own error answers are not among them).
    produced: AtomicU64,
    limits: ServerLimits,
}

#[derive(Clone, Copy, Debug)]
enum Phase {
    /// Waiting for a request head (or its first byte on keep-alive), until this instant.
    Waiting { until: Instant, idle: bool },
    /// A request is with the router.
    Busy { requests: usize },
}

impl Watch {
    fn new(limits: ServerLimits) -> Watch {
        Watch {
            deadline: Mutex::new(Phase::Waiting {
                until: Instant::now() + limits.header_read_timeout,
                idle: false,
            }),
            changed: Notify::new(),
            produced: AtomicU64::new(0),
            limits,
        }
    }

    fn phase(&self) -> Phase {
        *self.deadline.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Bytes arrived: on an idle connection, a request has started.
    fn on_bytes(&self) {
        let mut p = self.deadline.lock().unwrap_or_else(|e| e.into_inner());
        if let Phase::Waiting { idle: true, .. } = *p {
            *p = Phase::Waiting {
                until: Instant::now() + self.limits.header_read_timeout,
                idle: false,
            };
            drop(p);
            self.changed.notify_one();
        }
    }

    fn begin_request(&self) {
        let mut p = self.deadline.lock().unwrap_or_else(|e| e.into_inner());
        *p = match *p {
            Phase::Busy { requests } => Phase::Busy {
                requests: requests + 1,
            },
            Phase::Waiting { .. } => Phase::Busy { requests: 1 },
        };
        drop(p);
        self.changed.notify_one();
    }

    fn end_request(&self) {
        self.produced.fetch_add(1, Ordering::SeqCst);
        let mut p = self.deadline.lock().unwrap_or_else(|e| e.into_inner());
        *p = match *p {
            Phase::Busy { requests } if requests > 1 => Phase::Busy {
                requests: requests - 1,
            },
            _ => Phase::Waiting {
                until: Instant::now() + self.limits.idle_timeout,
                idle: true,
            },
        };
        drop(p);
        self.changed.notify_one();
    }

    /// Resolves when the current deadline has passed.
    async fn expired(&self) {
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            match self.phase() {
                Phase::Busy { .. } => notified.await,
                Phase::Waiting { until, .. } => {
                    tokio::select! {
                        _ = tokio::time::sleep_until(until) => {
                            if let Phase::Waiting { until: now_until, .. } = self.phase()
                                && now_until <= Instant::now()
                            {
                                return;
                            }
                        }
                        _ = &mut notified => {}
                    }
                }
            }
        }
    }
}

async fn connection(
    stream: TcpStream,
    app: Router,
    builder: &hyper_util::server::conn::auto::Builder<hyper_util::rt::TokioExecutor>,
    limits: ServerLimits,
    mut closing: watch::Receiver<bool>,
) {
    let watch = Arc::new(Watch::new(limits));
    let io = hyper_util::rt::TokioIo::new(WatchedIo {
        inner: stream,
        watch: watch.clone(),
        written_heads: 0,
        replacement: None,
    });
    let service = {
        let watch = watch.clone();
        hyper::service::service_fn(move |req: http::Request<hyper::body::Incoming>| {
            let app = app.clone();
            let watch = watch.clone();
            async move {
                watch.begin_request();
                let resp = tower::ServiceExt::oneshot(app, req.map(axum::body::Body::new)).await;
                watch.end_request();
                resp
            }
        })
    };
    let conn = builder.serve_connection(io, service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = watch.expired() => return,
        _ = closing.wait_for(|c| *c) => {}
    }
    // shutting down: an idle connection closes now, one with a request under way finishes it
    // (the accept loop aborts it after the grace period); a stalled one is dropped.
    if matches!(watch.phase(), Phase::Waiting { .. }) {
        return;
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

/// The TCP stream with the watchdog's hooks: reads mark a request's start; a response that
/// hyper wrote on its own (a parse error) is replaced by a JSON one.
struct WatchedIo {
    inner: TcpStream,
    watch: Arc<Watch>,
    /// Status lines written so far.
    written_heads: u64,
    /// The JSON answer being written in place of hyper's, and how much of it is out.
    replacement: Option<(Vec<u8>, usize)>,
}

impl WatchedIo {
    fn poll_replacement(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some((bytes, done)) = &mut self.replacement {
            if *done >= bytes.len() {
                break;
            }
            let n = std::task::ready!(Pin::new(&mut self.inner).poll_write(cx, &bytes[*done..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *done += n;
        }
        Poll::Ready(Ok(()))
    }
}

/// The code for an answer hyper wrote itself, from its status line.
fn code_for_hyper_status(head: &[u8]) -> Option<&'static str> {
    let status = head.get(9..12)?;
    match status {
        b"431" => Some(codes::SIM_HEADERS_TOO_LARGE),
        b"414" => Some(codes::SIM_URI_TOO_LONG),
        s if s.first() == Some(&b'4') || s.first() == Some(&b'5') => Some(codes::SIM_BAD_REQUEST),
        _ => None,
    }
}

impl AsyncRead for WatchedIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = r
            && buf.filled().len() > before
        {
            self.watch.on_bytes();
        }
        r
    }
}

impl AsyncWrite for WatchedIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        std::task::ready!(self.poll_replacement(cx))?;
        if self.replacement.is_some() {
            // hyper's own answer was replaced: swallow whatever it still writes
            return Poll::Ready(Ok(buf.len()));
        }
        if buf.starts_with(b"HTTP/1.") {
            let produced = self.watch.produced.load(Ordering::SeqCst);
            let informational = buf.get(9) == Some(&b'1');
            if !informational {
                if self.written_heads >= produced
                    && let Some(code) = code_for_hyper_status(buf)
                {
                    self.replacement = Some((error_response(code), 0));
                    std::task::ready!(self.poll_replacement(cx))?;
                    return Poll::Ready(Ok(buf.len()));
                }
                self.written_heads += 1;
            }
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        std::task::ready!(self.poll_replacement(cx))?;
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        std::task::ready!(self.poll_replacement(cx))?;
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyper_statuses_map_to_codes() {
        assert_eq!(
            code_for_hyper_status(b"HTTP/1.1 431 Request Header Fields Too Large\r\n"),
            Some(codes::SIM_HEADERS_TOO_LARGE)
        );
        assert_eq!(
            code_for_hyper_status(b"HTTP/1.1 414 URI Too Long\r\n"),
            Some(codes::SIM_URI_TOO_LONG)
        );
        assert_eq!(
            code_for_hyper_status(b"HTTP/1.1 400 Bad Request\r\n"),
            Some(codes::SIM_BAD_REQUEST)
        );
        assert_eq!(code_for_hyper_status(b"HTTP/1.1 200 OK\r\n"), None);
    }

    #[test]
    fn error_response_is_complete_json() {
        let r = String::from_utf8(error_response(codes::SIM_BUSY)).unwrap();
        let (head, body) = r.split_once("\r\n\r\n").unwrap();
        assert!(
            head.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
            "{head}"
        );
        assert!(head.contains(&format!("content-length: {}", body.len())));
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["error_code"], codes::SIM_BUSY);
    }
}

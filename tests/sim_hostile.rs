//! The simulator under hostile clients, over real loopback sockets: stalled connections are
//! closed by the header-read / idle / body timeouts while normal requests are answered; the
//! connection cap refuses cleanly; requests the HTTP library cannot parse get JSON errors;
//! shutdown does not wait for idle or stalled clients.
//!
//! Timeouts are set short (a few hundred ms) and the tests wait on the condition (the
//! connection closed) under a bounded overall deadline; nothing sleeps to let time pass.

use serde_json::Value;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use vflow::api::catalogue::codes;
use vflow::sim::{self, ServerLimits, SimConfig, SimHandle};

/// Upper bound for any wait in these tests (a failure, never a pass, takes this long).
const DEADLINE: Duration = Duration::from_secs(10);

async fn start(limits: ServerLimits) -> SimHandle {
    let cfg = SimConfig {
        quiet: true,
        reveal_solutions: true,
        server: limits,
        ..SimConfig::default()
    };
    sim::start(cfg, ([127, 0, 0, 1], 0).into()).await.unwrap()
}

fn short() -> ServerLimits {
    ServerLimits {
        header_read_timeout: Duration::from_millis(200),
        idle_timeout: Duration::from_millis(300),
        body_timeout: Duration::from_millis(200),
        ..ServerLimits::default()
    }
}

/// Read until the server closes; `None` when it has not closed within [`DEADLINE`].
async fn read_to_close(s: &mut TcpStream) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    tokio::time::timeout(DEADLINE, async {
        let mut buf = [0u8; 8192];
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await
    .ok()?;
    Some(out)
}

/// One request with `Connection: close`, answered and closed.
async fn exchange(h: &SimHandle, raw: &[u8]) -> (u16, String, String) {
    let mut s = TcpStream::connect(h.addr).await.unwrap();
    s.write_all(raw).await.unwrap();
    let out = read_to_close(&mut s).await.expect("answered and closed");
    split(&out)
}

/// Status, lower-cased head, body.
fn split(out: &[u8]) -> (u16, String, String) {
    let text = String::from_utf8_lossy(out).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    (status, head.to_ascii_lowercase(), body.to_string())
}

fn assert_json_error(status: u16, head: &str, body: &str, code: &str, what: &str) {
    assert!(
        head.contains("content-type: application/json"),
        "{what}: {head}"
    );
    let v: Value =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {body:?}"));
    assert_eq!(v["error_code"], code, "{what}: {body}");
    assert!(v["error_msg"].as_str().is_some_and(|m| !m.is_empty()));
    let entry = vflow::api::Catalogue::get().entry(code);
    assert_eq!(status, entry.http, "{what}");
}

const OUTBOX: &[u8] = b"GET /_sim/outbox HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";

#[tokio::test]
async fn stalled_connections_are_closed_while_normal_requests_are_answered() {
    let h = start(short()).await;
    let mut stalled = Vec::new();
    let partial: [&[u8]; 4] = [
        b"",                                        // nothing at all
        b"GET /_sim/out",                            // a partial request line
        b"GET /_sim/outbox HTTP/1.1\r\nHost: t\r\nX-", // partial headers
        b"POST /api/v2/sdk/sms/send HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\"", // short body
    ];
    for _ in 0..10 {
        for p in partial {
            let mut s = TcpStream::connect(h.addr).await.unwrap();
            s.write_all(p).await.unwrap();
            stalled.push((p, s));
        }
    }
    // the server answers a normal client while 40 others stall
    let (status, _, body) = exchange(&h, OUTBOX).await;
    assert_eq!(status, 200, "{body}");
    // every stalled connection is closed by the server (the short body gets a 408 first)
    for (p, mut s) in stalled {
        let out = read_to_close(&mut s)
            .await
            .unwrap_or_else(|| panic!("{:?} still open", String::from_utf8_lossy(p)));
        if p.starts_with(b"POST") {
            let (status, head, body) = split(&out);
            assert_json_error(status, &head, &body, codes::SIM_BODY_TIMEOUT, "short body");
        } else {
            assert!(out.is_empty(), "{:?}", String::from_utf8_lossy(&out));
        }
    }
    // and still serves
    assert_eq!(exchange(&h, OUTBOX).await.0, 200);
    h.shutdown().await;
}

#[tokio::test]
async fn keep_alive_idles_for_the_idle_timeout_not_the_header_timeout() {
    let limits = ServerLimits {
        header_read_timeout: Duration::from_millis(100),
        idle_timeout: Duration::from_millis(600),
        ..ServerLimits::default()
    };
    let h = start(limits).await;
    let mut s = TcpStream::connect(h.addr).await.unwrap();
    s.write_all(b"GET /_sim/outbox HTTP/1.1\r\nHost: t\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 4096];
    let n = s.read(&mut buf).await.unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    let answered = Instant::now();
    let rest = read_to_close(&mut s).await.expect("closed when idle");
    assert!(rest.is_empty());
    // timers never fire early: closing before 600 ms would mean the 100 ms header timeout
    // cut an idle keep-alive connection
    assert!(
        answered.elapsed() >= Duration::from_millis(550),
        "closed after {:?}",
        answered.elapsed()
    );
    h.shutdown().await;
}

#[tokio::test]
async fn connections_over_the_cap_get_503_busy_and_later_ones_are_served() {
    let limits = ServerLimits {
        max_connections: 3,
        ..ServerLimits::default()
    };
    let h = start(limits).await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(TcpStream::connect(h.addr).await.unwrap());
    }
    let (status, head, body) = exchange(&h, OUTBOX).await;
    assert_json_error(status, &head, &body, codes::SIM_BUSY, "over the cap");
    assert!(head.contains("connection: close"));
    drop(held.pop());
    // the freed place is taken again once the server has seen the close
    let start = Instant::now();
    loop {
        let (status, _, _) = exchange(&h, OUTBOX).await;
        if status == 200 {
            break;
        }
        assert!(start.elapsed() < DEADLINE, "no place freed");
        tokio::task::yield_now().await;
    }
    h.shutdown().await;
}

#[tokio::test]
async fn requests_the_http_library_refuses_get_json_errors() {
    let h = start(ServerLimits::default()).await;
    let many_headers: Vec<u8> = (0..150)
        .flat_map(|i| format!("X-{i}: y\r\n").into_bytes())
        .collect();
    let big_header = format!("X-Big: {}\r\n", "a".repeat(70 * 1024));
    let huge_header = format!("X-Big: {}\r\n", "a".repeat(1 << 20));
    let long_uri = format!("/{}", "a".repeat(100 * 1024));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "HTTP/9.9",
            b"GET / HTTP/9.9\r\nHost: t\r\n\r\n".to_vec(),
            codes::SIM_BAD_REQUEST,
        ),
        (
            "no leading slash",
            b"GET a/b HTTP/1.1\r\nHost: t\r\n\r\n".to_vec(),
            codes::SIM_BAD_REQUEST,
        ),
        (
            "NUL in a value",
            b"GET / HTTP/1.1\r\nHost: t\r\nX: a\0b\r\n\r\n".to_vec(),
            codes::SIM_BAD_REQUEST,
        ),
        (
            "bare CR",
            b"GET / HTTP/1.1\r\nHost: t\r\nX: a\rb\r\n\r\n".to_vec(),
            codes::SIM_BAD_REQUEST,
        ),
        (
            "obs-fold",
            b"GET / HTTP/1.1\r\nHost: t\r\nX: a\r\n b\r\n\r\n".to_vec(),
            codes::SIM_BAD_REQUEST,
        ),
        (
            "space before colon",
            b"GET / HTTP/1.1\r\nHost : t\r\n\r\n".to_vec(),
            codes::SIM_BAD_REQUEST,
        ),
        (
            "bad header name",
            b"GET / HTTP/1.1\r\nHost: t\r\nA(b): c\r\n\r\n".to_vec(),
            codes::SIM_BAD_REQUEST,
        ),
        (
            "negative length",
            b"POST / HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n".to_vec(),
            codes::SIM_BAD_REQUEST,
        ),
        (
            "two lengths",
            b"POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"
                .to_vec(),
            codes::SIM_BAD_REQUEST,
        ),
        (
            "2^64 length",
            b"POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 18446744073709551616\r\n\r\n".to_vec(),
            codes::SIM_BAD_REQUEST,
        ),
        (
            "TE gzip",
            b"POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n".to_vec(),
            codes::SIM_BAD_REQUEST,
        ),
        (
            "150 headers",
            [
                b"GET / HTTP/1.1\r\nHost: t\r\n".to_vec(),
                many_headers,
                b"\r\n".to_vec(),
            ]
            .concat(),
            codes::SIM_HEADERS_TOO_LARGE,
        ),
        (
            "70 KiB header",
            format!("GET / HTTP/1.1\r\nHost: t\r\n{big_header}\r\n").into_bytes(),
            codes::SIM_HEADERS_TOO_LARGE,
        ),
        (
            "1 MiB header",
            format!("GET / HTTP/1.1\r\nHost: t\r\n{huge_header}\r\n").into_bytes(),
            codes::SIM_HEADERS_TOO_LARGE,
        ),
        (
            "100 KiB URI",
            format!("GET {long_uri} HTTP/1.1\r\nHost: t\r\n\r\n").into_bytes(),
            codes::SIM_URI_TOO_LONG,
        ),
        (
            "%ff token",
            b"GET /_sim/captcha/%ff HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
            codes::SIM_BAD_PATH,
        ),
    ];
    for (what, raw, code) in cases {
        let mut s = TcpStream::connect(h.addr).await.unwrap();
        // the server may answer and close before it has read everything we send
        let _ = s.write_all(&raw).await;
        let _ = s.shutdown().await;
        let out = read_to_close(&mut s).await.expect(what);
        let (status, head, body) = split(&out);
        assert_json_error(status, &head, &body, code, what);
    }
    h.shutdown().await;
}

#[tokio::test]
async fn shutdown_closes_idle_and_stalled_connections_at_once() {
    // default (long) timeouts: only the shutdown can close these connections
    let h = start(ServerLimits::default()).await;
    // idle keep-alive
    let mut idle = TcpStream::connect(h.addr).await.unwrap();
    idle.write_all(b"GET /_sim/outbox HTTP/1.1\r\nHost: t\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 4096];
    assert!(idle.read(&mut buf).await.unwrap() > 0);
    // stalled in the headers
    let mut stalled = TcpStream::connect(h.addr).await.unwrap();
    stalled.write_all(b"GET / HTTP/1.1\r\nHo").await.unwrap();
    tokio::time::timeout(DEADLINE, h.shutdown())
        .await
        .expect("shutdown did not wait for idle or stalled clients");
    assert_eq!(read_to_close(&mut idle).await, Some(Vec::new()));
    assert_eq!(read_to_close(&mut stalled).await, Some(Vec::new()));
}

#[tokio::test]
async fn a_client_that_half_closes_after_its_request_still_gets_the_answer() {
    // the vendor endpoints wait 50 ms: the server reads the client's EOF before it answers
    let cfg = SimConfig {
        quiet: true,
        latency: Duration::from_millis(50),
        ..SimConfig::default()
    };
    let h = sim::start(cfg, ([127, 0, 0, 1], 0).into()).await.unwrap();
    let mut s = TcpStream::connect(h.addr).await.unwrap();
    s.write_all(b"GET /api/v2/sdk/captcha HTTP/1.1\r\nHost: t\r\n\r\n")
        .await
        .unwrap();
    s.shutdown().await.unwrap();
    let out = read_to_close(&mut s).await.expect("closed");
    let (status, head, body) = split(&out);
    // no device headers: the answer is the vendor's PARAM.0001, and it arrives
    assert_json_error(status, &head, &body, "IDAAS.SDK.PARAM.0001", "half-closed");
    h.shutdown().await;
}

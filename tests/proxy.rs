//! `vflow proxy`'s core on 127.0.0.1: forwarding byte for byte (a raw TCP
//! upstream compares what it received), no open proxy, bounded memory, and the
//! HAR written as exchanges come.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use vflow::client::Outcome;
use vflow::client::proxy::{self, ProxyConfig, ProxyHandle};

mod support;

/// Read one HTTP/1.1 message (head + content-length body) from a stream.
fn read_message(r: &mut BufReader<TcpStream>) -> Option<Vec<u8>> {
    let mut msg = Vec::new();
    let mut len = 0usize;
    loop {
        let mut line = Vec::new();
        if r.read_until(b'\n', &mut line).ok()? == 0 {
            return None;
        }
        let text = String::from_utf8_lossy(&line).to_ascii_lowercase();
        if let Some(v) = text.strip_prefix("content-length:") {
            len = v.trim().parse().unwrap();
        }
        msg.extend_from_slice(&line);
        if line == b"\r\n" {
            break;
        }
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body).ok()?;
    msg.extend_from_slice(&body);
    Some(msg)
}

const UPSTREAM_REPLY: &[u8] = b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nX-Vendor-Trace: AbC-1\r\nContent-Length: 84\r\n\r\n{\"error_code\":\"IDAAS.SDK.PARAM.0001\",\"error_msg\":\"Device information is incomplete\"}";

/// A keep-alive upstream that records every request's bytes and answers [`UPSTREAM_REPLY`].
/// Every request's bytes, as the upstream received them.
type Received = Arc<std::sync::Mutex<Vec<Vec<u8>>>>;

fn upstream() -> (String, Received, Arc<AtomicUsize>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", l.local_addr().unwrap());
    let got = Arc::new(std::sync::Mutex::new(Vec::new()));
    let conns = Arc::new(AtomicUsize::new(0));
    let (g, c) = (got.clone(), conns.clone());
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(s) = s else { break };
            c.fetch_add(1, Ordering::SeqCst);
            let g = g.clone();
            std::thread::spawn(move || {
                let mut w = s.try_clone().unwrap();
                let mut r = BufReader::new(s);
                while let Some(m) = read_message(&mut r) {
                    g.lock().unwrap().push(m);
                    if w.write_all(UPSTREAM_REPLY).is_err() {
                        break;
                    }
                }
            });
        }
    });
    (base, got, conns)
}

async fn start(upstream: &str, keep: usize) -> ProxyHandle {
    proxy::start(
        ProxyConfig {
            upstream: upstream.to_string(),
            keep,
        },
        ([127, 0, 0, 1], 0).into(),
    )
    .await
    .unwrap()
}

/// Send raw bytes to the proxy on a blocking thread; the reply's bytes.
async fn raw(addr: std::net::SocketAddr, req: Vec<u8>) -> Vec<u8> {
    tokio::task::spawn_blocking(move || {
        let s = TcpStream::connect(addr).unwrap();
        (&s).write_all(&req).unwrap();
        let mut r = BufReader::new(s);
        read_message(&mut r).unwrap_or_default()
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwards_byte_for_byte_and_records_the_exchange() {
    let (base, got, _) = upstream();
    let p = start(&base, 100).await;
    let body = r#"{"mobile":"13800138000","type":"LOGIN_SMS","captcha_token":"t---{\"x\":1}","extra":[1,2]}"#;
    let head = format!(
        "POST /api/v2/sdk/sms/send?trace=1 HTTP/1.1\r\nHost: {}\r\nX-operating-sys-version: Android 10\r\nx-DEVICE-fingerprint: f\r\nX-agent: okhttp/4.12.0\r\nX-client-id: nTo1eRIub60vPb54WeE6aojPwYwImtl4\r\nConnection: keep-alive, X-Hop\r\nX-Hop: drop me\r\nContent-Type: application/json;charset=utf8\r\nContent-Length: {}\r\n\r\n",
        p.addr,
        body.len()
    );
    let mut sent = head.clone().into_bytes();
    sent.extend_from_slice(body.as_bytes());
    let reply = raw(p.addr, sent).await;

    // upstream: the same request line, header names in their case and order, body;
    // Host names the upstream, hop-by-hop headers (and those Connection lists) are gone
    let up = String::from_utf8(got.lock().unwrap()[0].clone()).unwrap();
    let expected = format!(
        "POST /api/v2/sdk/sms/send?trace=1 HTTP/1.1\r\nHost: {}\r\nX-operating-sys-version: Android 10\r\nx-DEVICE-fingerprint: f\r\nX-agent: okhttp/4.12.0\r\nX-client-id: nTo1eRIub60vPb54WeE6aojPwYwImtl4\r\nContent-Type: application/json;charset=utf8\r\nContent-Length: {}\r\n\r\n{body}",
        base.trim_start_matches("http://"),
        body.len()
    );
    assert_eq!(up, expected);

    // client: the upstream's answer, header case kept
    let reply = String::from_utf8(reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains("\r\nX-Vendor-Trace: AbC-1\r\n"), "{reply}");
    assert!(reply.ends_with("\"error_msg\":\"Device information is incomplete\"}"));

    // the record: request as received, response as returned, classified
    let recs = p.store.snapshot();
    assert_eq!(recs.len(), 1);
    let x = &recs[0].exchange;
    assert_eq!(
        x.request.url,
        format!("http://{}/api/v2/sdk/sms/send?trace=1", p.addr)
    );
    assert_eq!(x.request.body, body.as_bytes());
    assert!(
        x.request
            .headers
            .iter()
            .any(|(n, v)| n == "x-hop" && v == "drop me"),
        "as received"
    );
    assert_eq!(x.response.as_ref().unwrap().status, 400);
    assert!(matches!(&x.outcome, Outcome::ApiError { code, .. } if code == "IDAAS.SDK.PARAM.0001"));
    assert!(recs[0].refused.is_none());
    p.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn is_not_an_open_proxy() {
    let (base, got, conns) = upstream();
    let p = start(&base, 100).await;
    let mut sub = p.store.subscribe();
    let reply = raw(
        p.addr,
        b"GET http://example.com/steal HTTP/1.1\r\nHost: example.com\r\n\r\n".to_vec(),
    )
    .await;
    let reply = String::from_utf8(reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 403"), "{reply}");
    let body = reply.split("\r\n\r\n").nth(1).unwrap();
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(v["error_code"], "VFLOW.PROXY.REFUSED");
    assert!(
        v["error_msg"]
            .as_str()
            .unwrap()
            .contains("not an open proxy")
    );

    let reply = raw(
        p.addr,
        b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n".to_vec(),
    )
    .await;
    assert!(
        String::from_utf8(reply)
            .unwrap()
            .starts_with("HTTP/1.1 405")
    );

    // logged (recorded as refused), and the upstream never saw a byte
    let first = sub.recv().await.unwrap();
    assert!(first.refused.as_deref().unwrap().contains("example.com"));
    let second = sub.recv().await.unwrap();
    assert!(
        second
            .refused
            .as_deref()
            .unwrap()
            .starts_with("CONNECT refused")
    );
    assert_eq!(conns.load(Ordering::SeqCst), 0);
    assert!(got.lock().unwrap().is_empty());

    // an absolute-form request for the upstream itself is forwarded
    let up = base.trim_start_matches("http://");
    let reply = raw(
        p.addr,
        format!("GET {base}/api/v2/sdk/captcha HTTP/1.1\r\nHost: {up}\r\n\r\n").into_bytes(),
    )
    .await;
    assert!(
        String::from_utf8(reply)
            .unwrap()
            .starts_with("HTTP/1.1 400")
    );
    assert_eq!(got.lock().unwrap().len(), 1);
    p.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memory_is_bounded_to_the_newest_n() {
    let (base, got, _) = upstream();
    let p = start(&base, 50).await;
    let addr = p.addr;
    // 300 requests on one keep-alive connection
    tokio::task::spawn_blocking(move || {
        let s = TcpStream::connect(addr).unwrap();
        let mut r = BufReader::new(s.try_clone().unwrap());
        for i in 0..300 {
            // one write per request (write! would split it and meet Nagle's delay)
            let req = format!("GET /api/v2/sdk/captcha?n={i} HTTP/1.1\r\nHost: x\r\n\r\n");
            (&s).write_all(req.as_bytes()).unwrap();
            assert!(read_message(&mut r).is_some());
        }
    })
    .await
    .unwrap();
    assert_eq!(got.lock().unwrap().len(), 300);
    assert_eq!(p.store.total(), 300);
    assert_eq!(p.store.len(), 50);
    let recs = p.store.snapshot();
    assert_eq!(recs.first().unwrap().id, 251);
    assert!(
        recs.last()
            .unwrap()
            .exchange
            .request
            .url
            .ends_with("?n=299")
    );
    p.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upstream_down_is_a_502_json_error_and_recorded() {
    // a port that was just free: nothing listens
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let p = start(&format!("http://127.0.0.1:{port}"), 10).await;
    let reply = raw(
        p.addr,
        b"GET /api/v2/sdk/captcha HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
    )
    .await;
    let reply = String::from_utf8(reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 502"), "{reply}");
    assert!(reply.contains("VFLOW.PROXY.UPSTREAM"));
    let x = &p.store.snapshot()[0].exchange;
    assert!(
        matches!(x.outcome, Outcome::Transport { .. }),
        "{:?}",
        x.outcome
    );
    p.shutdown().await;
}

#[test]
fn the_har_file_is_valid_after_every_exchange() {
    let dir = support::scratch("proxy-har");
    let path = dir.join("live.har");
    let mut w = vflow::cli::proxy::HarWriter::create(&path).unwrap();
    assert!(support::har_schema_errors(&std::fs::read_to_string(&path).unwrap()).is_empty());
    let spec = vflow::client::build::captcha_get("http://127.0.0.1:9", vec![]);
    let x = vflow::client::Exchange {
        started_at: std::time::SystemTime::now(),
        request: vflow::client::send::record(&spec).unwrap(),
        response: None,
        timing: vflow::client::Timing {
            total: std::time::Duration::from_millis(2),
            ttfb: None,
        },
        outcome: Outcome::Cancelled,
    };
    for n in 1..=3 {
        w.add(&x).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let errors = support::har_schema_errors(&text);
        assert!(errors.is_empty(), "{errors:?}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["log"]["entries"].as_array().unwrap().len(), n);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn cli_prints_a_line_per_exchange_and_writes_jsonl() {
    use std::process::Stdio;
    let dir = support::scratch("proxy-cli");
    let jsonl = dir.join("t.jsonl");
    let mut child = support::command(&support::empty_config("proxy-cli"))
        .args([
            "proxy",
            "--bind",
            "127.0.0.1:0",
            "--no-tui",
            "--redact",
            "--jsonl",
        ])
        .arg(&jsonl)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A proxy that never prints what is awaited fails the test instead of hanging it: the
    // child is killed after a minute, which ends its output.
    let (done, watchdog) = std::sync::mpsc::channel::<()>();
    let pid = child.id() as i32;
    std::thread::spawn(move || {
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
            watchdog.recv_timeout(std::time::Duration::from_secs(60))
        {
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
    });
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut addr = None;
    let mut banner = String::new();
    for _ in 0..10 {
        let mut l = String::new();
        assert!(out.read_line(&mut l).unwrap() > 0, "output ended: {banner}");
        banner.push_str(&l);
        if let Some(a) = l.trim().strip_prefix("listening on http://") {
            addr = Some(a.to_string());
            break;
        }
    }
    assert!(
        banner.contains("forwarding to the built-in simulator"),
        "{banner}"
    );
    let addr = addr.expect("the address it listens on");
    let body = r#"{"mobile":"13800138000","type":"LOGIN_SMS","captcha_token":"t---{}"}"#;
    let req = format!(
        "POST /api/v2/sdk/sms/send HTTP/1.1\r\nHost: {addr}\r\nX-agent: a\r\nX-operating-sys-version: b\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let s = TcpStream::connect(&addr).unwrap();
    (&s).write_all(req.as_bytes()).unwrap();
    let reply = read_message(&mut BufReader::new(s)).unwrap();
    assert!(
        String::from_utf8(reply)
            .unwrap()
            .contains("IDAAS.SDK.PARAM.0001")
    );
    let mut line = String::new();
    while !line.contains("/api/v2/sdk/sms/send") {
        line.clear();
        // a closed stdout fails the test instead of looping on empty reads
        assert!(
            out.read_line(&mut line).unwrap() > 0,
            "the proxy's output ended"
        );
    }
    assert!(line.contains(" POST "), "{line}");
    assert!(line.contains(" 400 "), "{line}");
    assert!(line.contains("IDAAS.SDK.PARAM.0001"), "{line}");
    let _ = done.send(());
    // SIGTERM stops it cleanly
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let status = child.wait().unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&jsonl).unwrap();
    assert_eq!(text.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(v["id"], 1);
    assert!(
        !text.contains("13800138000"),
        "--redact masks the mobile: {text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&jsonl).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

//! The client against tiny raw-TCP servers on 127.0.0.1: what goes over the
//! wire is what is recorded, and every outcome class is produced and classified.

use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use vflow::api::paths;
use vflow::client::build::{self, header};
use vflow::client::{Http, HttpOptions, Outcome, RequestSpec, TransportKind};

fn http(timeout: Duration) -> Http {
    Http::new(&HttpOptions {
        connect_timeout: timeout,
        timeout,
        no_proxy: true,
        ..HttpOptions::default()
    })
    .unwrap()
}

/// Read one request (head + content-length body) from the stream.
async fn read_request(s: &mut TcpStream) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    for _ in 0..1000 {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map(|v| v.trim().parse().unwrap())
                .unwrap_or(0);
            if buf.len() >= end + 4 + len {
                return buf;
            }
        }
        let n = s.read(&mut chunk).await.unwrap();
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    buf
}

/// A one-connection server: reads a request, then does `answer`; returns its base URL
/// and a handle yielding the raw request bytes.
async fn server<F, Fut>(answer: F) -> (String, tokio::task::JoinHandle<Vec<u8>>)
where
    F: FnOnce(TcpStream, Vec<u8>) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    let h = tokio::spawn(async move {
        let (mut s, _) = l.accept().await.unwrap();
        let req = read_request(&mut s).await;
        answer(s, req.clone()).await;
        req
    });
    (format!("http://{addr}"), h)
}

/// A server that answers with these raw bytes and closes.
async fn answering(bytes: Vec<u8>) -> (String, tokio::task::JoinHandle<Vec<u8>>) {
    server(move |mut s, _| async move {
        s.write_all(&bytes).await.unwrap();
        s.shutdown().await.ok();
    })
    .await
}

/// A server that reads the request and never answers (until the client gives up, at most 5 s).
async fn silent() -> (String, tokio::task::JoinHandle<Vec<u8>>) {
    server(|mut s, _| async move {
        let mut b = [0u8; 1];
        let _ = tokio::time::timeout(Duration::from_secs(5), s.read(&mut b)).await;
    })
    .await
}

/// A complete HTTP/1.1 response with a content-length.
fn response(status: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Send the standard sms/send spec to `base` with a 5 s timeout.
async fn send_to(base: &str) -> vflow::client::Exchange {
    http(Duration::from_secs(5))
        .send(&spec(base))
        .await
        .unwrap()
}

#[track_caller]
fn assert_transport(x: &vflow::client::Exchange, want: TransportKind) {
    match &x.outcome {
        Outcome::Transport { kind, .. } if *kind == want => {}
        other => panic!("expected a {want:?} transport failure, got {other:?}"),
    }
}

fn spec(base: &str) -> RequestSpec {
    build::sms_send(
        base,
        vec![
            header("X-operating-sys-version", "Android 14"),
            header("X-device-fingerprint", "156aysdna213sc50"),
            header("X-agent", "Mozilla/5.0 (X)"),
            header("X-L", ""),
            header("X-client-id", "nTo1eRIub60vPb54WeE6aojPwYwImtl4"),
            header("content-type", "application/json"),
        ],
        "LOGIN_SMS",
        "13800138000",
        "71dd26999e314f9abb0c635336976635---{\"x\":237.0,\"y\":5.0}",
    )
}

#[tokio::test]
async fn recorded_request_is_byte_for_byte_what_the_server_received() {
    let (base, h) = answering(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n".to_vec()).await;
    let mut s = spec(&base);
    s.omit_header("X-agent");
    s.set_header("X-Extra", "  spaced  ");
    let x = http(Duration::from_secs(5)).send(&s).await.unwrap();
    assert_eq!(x.outcome, Outcome::Success);
    let raw = h.await.unwrap();
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8(raw[..end].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    assert_eq!(lines.next().unwrap(), "POST /api/v2/sdk/sms/send HTTP/1.1");
    let wire: Vec<(String, String)> = lines
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.to_string(), v.strip_prefix(' ').unwrap_or(v).to_string())
        })
        .collect();
    assert_eq!(
        wire, x.request.headers,
        "names, values and order as recorded"
    );
    assert!(
        wire.iter().all(|(n, _)| n != "x-agent"),
        "omitted header not sent"
    );
    assert!(
        wire.contains(&("x-l".into(), "".into())),
        "blank header sent blank"
    );
    for stack in ["host", "user-agent", "accept", "content-length"] {
        assert!(wire.iter().any(|(n, _)| n == stack), "{stack} recorded");
    }
    assert_eq!(
        &raw[end + 4..],
        x.request.body.as_slice(),
        "body byte-exact"
    );
    assert_eq!(x.request.url, format!("{base}/api/v2/sdk/sms/send"));
    let r = x.response.unwrap();
    assert_eq!(
        (r.status, r.version.as_str(), r.truncated),
        (200, "HTTP/1.1", false)
    );
    assert!(x.timing.ttfb.is_some());
    assert!(x.timing.ttfb.unwrap() <= x.timing.total);
}

#[tokio::test]
async fn api_error_with_blanks_is_matched_to_the_catalogue() {
    let body =
        r#"{"error_code":"IDAAS.SDK.PARAM.0001","error_msg":" Device information is incomplete"}"#;
    let (base, _h) = answering(response("400 Bad Request", "application/json", body)).await;
    let x = send_to(&base).await;
    assert_eq!(
        x.outcome,
        Outcome::ApiError {
            status: 400,
            code: "IDAAS.SDK.PARAM.0001".into(),
            message: " Device information is incomplete".into(),
            known: true
        }
    );
}

#[tokio::test]
async fn html_502_is_an_http_error() {
    let body = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let (base, _h) = answering(response("502 Bad Gateway", "text/html", body)).await;
    let x = send_to(&base).await;
    assert_eq!(x.outcome, Outcome::HttpError { status: 502 });
    assert_eq!(x.response.unwrap().body, body.as_bytes());
}

#[tokio::test]
async fn garbage_body_on_a_json_endpoint_is_a_bad_body() {
    let resp =
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 7\r\n\r\ngarbage";
    let (base, _h) = answering(resp.as_bytes().to_vec()).await;
    let s = build::captcha_verify(&base, vec![], "{}", "t", "1");
    let x = http(Duration::from_secs(5)).send(&s).await.unwrap();
    assert!(
        matches!(x.outcome, Outcome::BadBody { status: 200, .. }),
        "{:?}",
        x.outcome
    );
    assert_eq!(x.request.url, format!("{base}{}", paths::CAPTCHA_VERIFY));
}

#[tokio::test]
async fn garbage_instead_of_http_is_a_transport_failure() {
    let (base, _h) = answering(b"\x00\x01garbage that is not HTTP\r\n\r\n".to_vec()).await;
    let x = send_to(&base).await;
    assert_transport(&x, TransportKind::Other);
    assert!(x.response.is_none());
}

#[tokio::test]
async fn closed_port_is_connection_refused() {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    let x = http(Duration::from_secs(5))
        .send(&spec(&format!("http://{addr}")))
        .await
        .unwrap();
    assert_transport(&x, TransportKind::ConnectionRefused);
}

#[tokio::test]
async fn unresolvable_name_is_dns() {
    let x = http(Duration::from_secs(10))
        .send(&spec("http://nonexistent.invalid"))
        .await
        .unwrap();
    assert_transport(&x, TransportKind::Dns);
}

#[tokio::test]
async fn silent_server_times_out() {
    let (base, _h) = silent().await;
    let x = http(Duration::from_millis(200))
        .send(&spec(&base))
        .await
        .unwrap();
    assert_transport(&x, TransportKind::Timeout);
}

#[tokio::test]
async fn reset_connection_is_connection_reset() {
    let (base, _h) = server(|s, _| async move {
        #[allow(deprecated)] // SO_LINGER 0 is exactly how to make a RST
        s.set_linger(Some(Duration::ZERO)).unwrap();
        drop(s); // RST
    })
    .await;
    let x = send_to(&base).await;
    assert_transport(&x, TransportKind::ConnectionReset);
}

#[tokio::test]
async fn https_to_a_plain_port_is_a_tls_failure() {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut s, _) = l.accept().await.unwrap();
        let mut b = [0u8; 1024];
        let _ = s.read(&mut b).await;
        let _ = s
            .write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n")
            .await;
    });
    let x = http(Duration::from_secs(5))
        .send(&spec(&format!("https://{addr}")))
        .await
        .unwrap();
    assert_transport(&x, TransportKind::Tls);
}

#[tokio::test]
async fn long_bodies_are_cut_at_16_mib_and_flagged() {
    let len = vflow::client::MAX_BODY + 1024;
    let (base, _h) = server(move |mut s, _| async move {
        let head = format!("HTTP/1.1 200 OK\r\ncontent-length: {len}\r\n\r\n");
        s.write_all(head.as_bytes()).await.unwrap();
        let chunk = vec![b'a'; 64 * 1024];
        let mut sent = 0;
        while sent < len {
            let n = chunk.len().min(len - sent);
            if s.write_all(&chunk[..n]).await.is_err() {
                break; // the client stopped reading
            }
            sent += n;
        }
    })
    .await;
    let x = http(Duration::from_secs(20))
        .send(&spec(&base))
        .await
        .unwrap();
    let r = x.response.as_ref().unwrap();
    assert!(r.truncated);
    assert_eq!(r.body.len(), vflow::client::MAX_BODY);
    assert!(
        matches!(x.outcome, Outcome::BadBody { .. }),
        "{:?}",
        x.outcome
    );
}

#[tokio::test]
async fn cancelling_gives_cancelled_with_the_request_recorded() {
    let (base, _h) = silent().await;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let h = http(Duration::from_secs(30));
    let s = spec(&base);
    let fut = h.send_until(&s, async move {
        let _ = rx.await;
    });
    tx.send(()).unwrap();
    let x = fut.await.unwrap();
    assert_eq!(x.outcome, Outcome::Cancelled);
    assert!(x.response.is_none());
    assert_eq!(x.request.method, "POST");
}

#[test]
fn bad_ca_files_are_reported() {
    let dir = std::env::temp_dir().join(format!("vflow-ca-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let missing = dir.join("missing.pem");
    let e = Http::new(&HttpOptions {
        ca_file: Some(missing.clone()),
        ..HttpOptions::default()
    })
    .unwrap_err();
    assert!(e.to_string().contains("missing.pem"), "{e}");
    let empty = dir.join("empty.pem");
    std::fs::write(&empty, "not a certificate\n").unwrap();
    let e = Http::new(&HttpOptions {
        ca_file: Some(empty),
        ..HttpOptions::default()
    })
    .unwrap_err();
    assert!(e.to_string().contains("empty.pem"), "{e}");
    assert!(
        Http::new(&HttpOptions {
            insecure: true,
            ..HttpOptions::default()
        })
        .is_ok()
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `GET /_sim/info` tells whether a vflow simulator reveals captcha solutions; any other
/// target (here one answering 404, and a closed port) does not say.
#[tokio::test]
async fn the_simulator_says_whether_it_reveals_solutions() {
    use vflow::client::simflow::reveals_solutions;
    use vflow::sim::{SimConfig, spawn_in_process};
    let h = http(Duration::from_secs(5));
    for reveal in [true, false] {
        let sim = spawn_in_process(SimConfig {
            quiet: true,
            reveal_solutions: reveal,
            ..SimConfig::default()
        })
        .await
        .unwrap();
        assert_eq!(reveals_solutions(&h, &sim.base_url()).await, Some(reveal));
    }
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (mut s, _) = listener.accept().await.unwrap();
        let req = read_request(&mut s).await;
        s.write_all(
            b"HTTP/1.1 404 Not Found\r\ncontent-length: 9\r\nconnection: close\r\n\r\nnot found",
        )
        .await
        .unwrap();
        req
    });
    assert_eq!(reveals_solutions(&h, &format!("http://{addr}")).await, None);
    let req = String::from_utf8(server.await.unwrap()).unwrap();
    assert!(req.starts_with("GET /_sim/info "), "{req}");
    // nothing listens there any more
    assert_eq!(reveals_solutions(&h, &format!("http://{addr}")).await, None);
}

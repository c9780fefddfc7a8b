//! The simulator as an HTTP server: bad inputs (413, bad JSON, content type, field types,
//! 404, 405), the /_sim helpers and OpenAPI document, the log line, the latency knob, and a
//! real server on 127.0.0.1:0 (single use under 20 concurrent sends, shutdown).

mod sim_support;

use axum::body::Body;
use serde_json::{Value, json};
use sim_support::*;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use vflow::api::catalogue::codes;
use vflow::api::headers;
use vflow::clock::ManualClock;
use vflow::sim::{self, Limits, SimConfig};

#[tokio::test]
async fn body_over_64_kib_gets_413_json() {
    let sim = Sim::new();
    let big = vec![b' '; sim::BODY_LIMIT + 1];
    sim.raw("POST", SEND, &good_headers(), big)
        .await
        .assert_error(codes::SIM_BODY_TOO_LARGE);
    // at the limit the body is read (and here is not JSON)
    let at_limit = vec![b' '; sim::BODY_LIMIT];
    sim.raw("POST", SEND, &good_headers(), at_limit)
        .await
        .assert_error(codes::SIM_BAD_JSON);
    // a streamed body without Content-Length is cut off at the limit too
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        (0..20).map(|_| Ok(vec![b'x'; 4096])).collect();
    let streamed = Body::from_stream(futures_util::stream::iter(chunks));
    let r = sim.raw("POST", SEND, &good_headers(), streamed).await;
    r.assert_error(codes::SIM_BODY_TOO_LARGE);
}

#[tokio::test]
async fn malformed_json_gets_400_bad_json() {
    let sim = Sim::new();
    for body in [
        "",
        "{",
        "not json",
        "[1,2]",
        "\"a string\"",
        "null",
        "{\"mobile\":}",
    ] {
        for path in [VERIFY, SEND, LOGIN] {
            let r = sim.raw("POST", path, &good_headers(), body).await;
            r.assert_error(codes::SIM_BAD_JSON);
        }
    }
}

#[tokio::test]
async fn wrong_content_type_gets_415() {
    let sim = Sim::new();
    let body = json!({"mobile": MOBILE}).to_string();
    for ct in [
        None,
        Some("application/x-www-form-urlencoded"),
        Some("text/plain"),
    ] {
        let h = headers_with(headers::CONTENT_TYPE, ct);
        for path in [VERIFY, SEND, LOGIN] {
            let r = sim.raw("POST", path, &h, body.clone()).await;
            r.assert_error(codes::SIM_CONTENT_TYPE);
        }
    }
    // OneAccess's spelling with a charset parameter is accepted
    let h = headers_with(headers::CONTENT_TYPE, Some("application/json;charset=utf8"));
    sim.raw("POST", SEND, &h, body)
        .await
        .assert_error(codes::PARAM_0007);
}

#[tokio::test]
async fn non_string_field_values_get_400_field_type() {
    let sim = Sim::new();
    let cases = [
        (
            SEND,
            json!({"mobile": 13800138000u64, "type": "LOGIN_SMS", "captcha_token": "a---b"}),
        ),
        (
            SEND,
            json!({"mobile": MOBILE, "type": ["LOGIN_SMS"], "captcha_token": "a---b"}),
        ),
        (
            SEND,
            json!({"mobile": MOBILE, "type": "LOGIN_SMS", "captcha_token": {"t": 1}}),
        ),
        (
            VERIFY,
            json!({"token": "t", "point_json": {"x": 237, "y": 5}, "sender": MOBILE}),
        ),
        (
            VERIFY,
            json!({"token": true, "point_json": "{}", "sender": MOBILE}),
        ),
        (LOGIN, json!({"mobile": MOBILE, "verify_code": 123456})),
    ];
    for (path, body) in cases {
        sim.post(path, &body)
            .await
            .assert_error(codes::SIM_FIELD_TYPE);
    }
    // unknown fields are ignored whatever their type
    let r = sim
        .post(SEND, &json!({"extra": 1, "type": "LOGIN_SMS"}))
        .await;
    r.assert_error(codes::USER_0004);
}

#[tokio::test]
async fn unknown_paths_get_404_and_wrong_methods_405() {
    let sim = Sim::new();
    for path in [
        "/",
        "/api/v2/sdk/nope",
        "/api/v2/sdk/sms/send/",
        "/_sim/nope",
    ] {
        sim.get(path).await.assert_error(codes::SIM_NOT_FOUND);
    }
    let r = sim.raw("GET", SEND, &good_headers(), Body::empty()).await;
    r.assert_error(codes::SIM_METHOD);
    let r = sim.raw("POST", CAPTCHA, &good_headers(), "{}").await;
    r.assert_error(codes::SIM_METHOD);
    let r = sim
        .raw("DELETE", "/_sim/outbox", &good_headers(), Body::empty())
        .await;
    r.assert_error(codes::SIM_METHOD);
    // in the caller's language too
    let h = headers_with(headers::LANG, Some("zh"));
    assert_eq!(
        sim.raw("GET", "/x", &h, Body::empty()).await.msg(),
        "接口不存在"
    );
}

#[tokio::test]
async fn odd_inputs_never_give_a_5xx() {
    let sim = Sim::new();
    let bodies = [
        "\u{0}",
        "{\"mobile\":\"\u{1F600}\",\"type\":\"LOGIN_SMS\",\"captcha_token\":\"\u{1F600}---\u{1F600}\"}",
        "{\"mobile\":\"1\",\"type\":\"LOGIN_SMS\",\"captcha_token\":\"------\"}",
        "{\"token\":\"../../etc\",\"point_json\":\"{\\\"x\\\":1e400,\\\"y\\\":5}\",\"sender\":\"x\"}",
        "{\"token\":\"t\",\"point_json\":\"{\\\"x\\\":-9e18,\\\"y\\\":5}\",\"sender\":\"x\"}",
        "{\"mobile\":\"1\",\"verify_code\":\"\"}",
    ];
    for body in bodies {
        for path in [VERIFY, SEND, LOGIN, CAPTCHA, "/_sim/captcha/%00"] {
            for method in ["POST", "GET", "PUT"] {
                let r = sim.raw(method, path, &good_headers(), body).await;
                assert!(
                    (200..500).contains(&r.status),
                    "{method} {path} {body:?}: {r:?}"
                );
                if r.status != 200 {
                    assert!(r.json()["error_code"].is_string(), "{r:?}");
                }
            }
        }
    }
}

#[tokio::test]
async fn openapi_document_describes_the_four_endpoints_and_the_codes() {
    let sim = Sim::new();
    let r = sim.get("/_sim/openapi.json").await;
    r.assert_ok();
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let doc = r.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for (path, method) in [
        (CAPTCHA, "get"),
        (VERIFY, "post"),
        (SEND, "post"),
        (LOGIN, "post"),
    ] {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} missing");
        assert!(op["responses"]["200"].is_object(), "{path} 200");
        assert!(op["responses"]["400"].is_object(), "{path} 400");
    }
    let text = String::from_utf8_lossy(&r.body);
    let mut all: Vec<&str> = codes::SMS_SEND.to_vec();
    all.extend([
        codes::CAPTCHA_0002,
        codes::CAPTCHA_0007,
        codes::SIM_BAD_JSON,
        codes::SIM_FIELD_TYPE,
        codes::SIM_CONTENT_TYPE,
        codes::SIM_BODY_TOO_LARGE,
    ]);
    for code in all {
        assert!(text.contains(code), "{code} not in the OpenAPI document");
    }
    // the status and message listed for each code are the catalogue's
    let listed = doc["components"]["schemas"]["ErrorResponse"]["x-error-codes"]
        .as_object()
        .unwrap();
    assert!(listed.len() >= 16, "{}", listed.len());
    for (code, v) in listed {
        let entry = vflow::api::Catalogue::get().entry(code);
        assert_eq!(v["http"], entry.http, "{code}");
        assert_eq!(v["error_msg"], entry.msg.en.as_str(), "{code}");
    }
    for mobile in sim::GATEWAY_FAILURE_MOBILES {
        assert!(text.contains(mobile), "magic number {mobile} undocumented");
    }
    // every header of the vendor is a parameter of sms/send
    let params: Vec<String> = doc["paths"][SEND]["post"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| resolve(&doc, p)["name"].as_str().unwrap().to_string())
        .collect();
    for h in headers::HEADERS
        .iter()
        .filter(|h| h.name != headers::CONTENT_TYPE)
    {
        assert!(
            params.iter().any(|p| p == h.name),
            "{} not a parameter",
            h.name
        );
    }
}

/// Follow a local `$ref` once.
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v["$ref"].as_str() {
        Some(r) => r
            .trim_start_matches("#/")
            .split('/')
            .fold(doc, |node, key| &node[key]),
        None => v,
    }
}

#[tokio::test]
async fn outbox_keeps_the_newest_entries() {
    let sim = Sim::with(|c| {
        c.limits = Limits {
            outbox: 2,
            ..Limits::default()
        }
    });
    for m in ["13800000001", "13800000002", "13800000003"] {
        sim.send_fresh(m, "LOGIN_SMS").await.assert_ok();
    }
    let mobiles: Vec<_> = sim.outbox().await.into_iter().map(|e| e.mobile).collect();
    assert_eq!(mobiles, ["13800000002", "13800000003"]);
}

#[tokio::test]
async fn latency_knob_delays_vendor_endpoints_only() {
    let sim = Sim::with(|c| c.latency = Duration::from_secs(3600));
    let pending = tokio::time::timeout(Duration::from_millis(50), sim.get(CAPTCHA)).await;
    assert!(pending.is_err(), "an hour of latency answered at once");
    let helper = tokio::time::timeout(Duration::from_secs(60), sim.get("/_sim/outbox")).await;
    helper.expect("helpers are not delayed").assert_ok();
}

/// A `tracing` writer that collects the lines in memory.
#[derive(Clone, Default)]
struct Lines(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Lines {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

async fn log_of(quiet: bool) -> String {
    let lines = Lines::default();
    let writer = lines.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let sim = Sim::with(|c| c.quiet = quiet);
    sim.post_with(SEND, &headers_with(headers::AGENT, None), &json!({}))
        .await;
    sim.send_fresh(MOBILE, "LOGIN_SMS").await.assert_ok();
    let code = sim.last_code(MOBILE).await;
    let text = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
    text.replace(&code, "CODE")
}

#[tokio::test(flavor = "current_thread")]
async fn one_log_line_per_request_unless_quiet() {
    let log = log_of(false).await;
    let line = log
        .lines()
        .find(|l| l.contains("POST /api/v2/sdk/sms/send 400"))
        .unwrap_or_else(|| panic!("no line for the failed send in:\n{log}"));
    assert!(line.contains("IDAAS.SDK.PARAM.0001"), "{line}");
    assert!(line.contains("vflow::sim"), "{line}");
    assert!(line.trim_end().ends_with("ms"), "{line}");
    assert!(log.contains("POST /api/v2/sdk/sms/send 200 -"), "{log}");
    assert!(
        log.contains(&format!("mobile={MOBILE} scene=LOGIN_SMS code=CODE")),
        "{log}"
    );
    assert_eq!(log_of(true).await, "");
}

async fn started(config: SimConfig) -> sim::SimHandle {
    sim::start(config, "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap()
}

fn client() -> reqwest::Client {
    // reqwest is built without a bundled TLS provider; plain http still wants one installed
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().no_proxy().build().unwrap()
}

fn with_headers(rb: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    good_headers()
        .into_iter()
        .fold(rb, |rb, (k, v)| rb.header(k, v))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_parallel_sends_with_one_pass_token_give_exactly_one_200() {
    let clock = ManualClock::new();
    let handle = started(SimConfig {
        quiet: true,
        reveal_solutions: true,
        clock: Arc::new(clock),
        ..SimConfig::default()
    })
    .await;
    let base = handle.base_url();
    let http = client();
    let captcha: Value = with_headers(http.get(format!("{base}{CAPTCHA}")))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .map(|b| serde_json::from_slice(&b).unwrap())
        .unwrap();
    let token = captcha["token"].as_str().unwrap();
    let solution = handle.solution(token).expect("reveal is on");
    let verify = with_headers(http.post(format!("{base}{VERIFY}")))
        .body(
            json!({"token": token, "point_json": solution.point_json, "sender": MOBILE})
                .to_string(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(verify.status(), 200);
    let pass: Value = serde_json::from_slice(&verify.bytes().await.unwrap()).unwrap();
    let body =
        json!({"mobile": MOBILE, "type": "LOGIN_SMS", "captcha_token": pass["captcha_token"]})
            .to_string();

    let barrier = Arc::new(tokio::sync::Barrier::new(20));
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (http, url, body, barrier) = (
                client(),
                format!("{base}{SEND}"),
                body.clone(),
                barrier.clone(),
            );
            tokio::spawn(async move {
                barrier.wait().await;
                let r = with_headers(http.post(url))
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                let status = r.status().as_u16();
                let v: Value = if status == 200 {
                    Value::Null
                } else {
                    serde_json::from_slice(&r.bytes().await.unwrap()).unwrap()
                };
                (status, v["error_code"].as_str().unwrap_or("").to_string())
            })
        })
        .collect();
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.unwrap());
    }
    let ok = results.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!(ok, 1, "{results:?}");
    assert!(
        results
            .iter()
            .all(|(s, c)| *s == 200 || (*s == 400 && c == codes::CAPTCHA_0003)),
        "{results:?}"
    );
    assert_eq!(handle.outbox().len(), 1);
    handle.shutdown().await;
}

#[tokio::test]
async fn shutdown_stops_the_server_and_the_port_is_loopback() {
    let handle = started(SimConfig {
        quiet: true,
        ..SimConfig::default()
    })
    .await;
    assert!(handle.addr.ip().is_loopback());
    let url = format!("{}/_sim/outbox", handle.base_url());
    let http = client();
    assert_eq!(http.get(&url).send().await.unwrap().status(), 200);
    assert!(handle.solution("anything").is_none(), "reveal is off");
    handle.shutdown().await;
    assert!(
        client().get(&url).send().await.is_err(),
        "still answering after shutdown"
    );
}

#[tokio::test]
async fn a_real_413_reaches_the_client_over_the_socket() {
    let handle = started(SimConfig {
        quiet: true,
        ..SimConfig::default()
    })
    .await;
    let r = with_headers(client().post(format!("{}{SEND}", handle.base_url())))
        .body(vec![b'a'; 100 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let v: Value = serde_json::from_slice(&r.bytes().await.unwrap()).unwrap();
    assert_eq!(v["error_code"], codes::SIM_BODY_TOO_LARGE);
}

#[test]
fn vflow_serve_prints_its_banner_and_stops_cleanly_on_sigterm() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_vflow"))
        .args(["serve", "--quiet", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut banner = String::new();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    while !banner.contains("Ctrl-C") {
        assert_ne!(
            out.read_line(&mut banner).unwrap(),
            0,
            "banner ended early:\n{banner}"
        );
    }
    assert!(banner.contains(headers::EXAMPLE_CLIENT_ID), "{banner}");
    let addr = banner
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://"))
        .expect("listening address")
        .to_string();
    assert!(
        banner.contains(&format!("curl -s http://{addr}/_sim/outbox")),
        "{banner}"
    );

    let mut conn = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        conn,
        "GET /_sim/outbox HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    conn.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("[]"), "{answer}");

    // SAFETY: sending a signal to our own child process.
    let rc = unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    assert_eq!(rc, 0, "SIGTERM delivered");
    let status = child.wait().unwrap();
    assert!(status.success(), "exit after SIGTERM: {status:?}");
}

/// The TUI binds the simulator's socket before its first frame (the address is on it) and
/// serves after: a connection made in between waits in the backlog and is answered.
#[tokio::test]
async fn a_bound_simulator_answers_a_connection_made_before_it_served() {
    use std::io::{Read, Write};
    let bound = sim::bind_in_process().unwrap();
    let url = bound.base_url();
    assert!(bound.addr().ip().is_loopback());
    let mut early = std::net::TcpStream::connect(bound.addr()).unwrap();
    early
        .write_all(b"GET /_sim/outbox HTTP/1.1\r\nHost: sim\r\nConnection: close\r\n\r\n")
        .unwrap();
    let handle = bound.serve(SimConfig::in_process()).unwrap();
    assert_eq!(handle.base_url(), url);
    let answer = tokio::task::spawn_blocking(move || {
        early
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut out = String::new();
        early.read_to_string(&mut out).map(|_| out)
    })
    .await
    .unwrap()
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("[]"), "{answer}");
}

//! Bring your own request: real-world samples of every import format, bad
//! inputs with located errors, `vflow import` / `vflow send --from` on the built
//! binary (a raw TCP server compares the bytes it received), and HAR export
//! validated against the HAR 1.2 JSON schema and imported back.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use vflow::client::import::{self, Format, Imported, Parsed, Pos};
use vflow::client::{build, curl, export, send};

mod support;

fn sample(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/import")
            .join(name),
    )
    .unwrap()
}

fn sample_path(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import")
        .join(name)
        .display()
        .to_string()
}

fn one(text: &str) -> Imported {
    match import::parse(text).unwrap() {
        Parsed::One(r) => r,
        Parsed::Har(_) => panic!("expected one request"),
    }
}

fn names(r: &Imported) -> Vec<&str> {
    r.headers.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn chrome_curl_with_ansi_c_quoting() {
    let r = one(&sample("chrome.curl"));
    assert_eq!(r.format, Format::Curl);
    assert_eq!(r.method, "POST", "--data-raw makes it a POST");
    assert_eq!(r.url(), "https://tenant.example.com/api/v2/sdk/sms/send");
    assert_eq!(
        names(&r),
        [
            "Accept",
            "Accept-Language",
            "Connection",
            "Content-Type",
            "Cookie",
            "Origin",
            "Referer",
            "X-agent",
            "X-client-id",
            "X-device-fingerprint",
            "X-operating-sys-version",
            "X-L",
            "sec-ch-ua"
        ]
    );
    assert_eq!(
        r.header("content-type"),
        Some("application/json;charset=UTF-8")
    );
    assert_eq!(r.header("cookie"), Some("JSESSIONID=0F3A9C1E; lang=zh"));
    assert_eq!(
        r.header("sec-ch-ua"),
        Some(r#""Chromium";v="131", "Not_A Brand";v="24""#)
    );
    // $'...': \\ \' and \u0021 decoded; the unknown and non-string fields kept
    let body = String::from_utf8(r.body.clone().unwrap()).unwrap();
    assert_eq!(
        body,
        r#"{"mobile":"13800138000","type":"LOGIN_SMS","captcha_token":"71dd26999e314f9abb0c635336976635---{\"x\":237.0,\"y\":5.0}","remark":"it's me!","attempt":2}"#
    );
    let fields = r.body_fields().unwrap();
    let keys: Vec<&str> = fields.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["mobile", "type", "captcha_token", "remark", "attempt"]
    );
    assert!(
        r.notes
            .iter()
            .any(|n| n.to_string().contains("--compressed"))
    );
    // the spec sends these exact bytes and headers in this order
    let spec = r.to_spec();
    assert_eq!(spec.body_bytes().unwrap(), body.as_bytes());
    let sent = send::record(&spec).unwrap();
    let wire: Vec<&str> = sent.headers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(wire[0], "host");
    assert_eq!(
        wire[1..14].join(","),
        names(&r).join(",").to_ascii_lowercase()
    );
    assert_eq!(sent.body, body.as_bytes());
}

#[test]
fn firefox_and_safari_curl() {
    let f = one(&sample("firefox.curl"));
    assert_eq!(f.method, "POST");
    assert_eq!(f.headers.len(), 10);
    assert_eq!(f.headers[0].0, "User-Agent");
    assert_eq!(
        f.body_fields().unwrap()["captcha_token"],
        r#"abc---{"x":1,"y":5}"#
    );
    // a JSON object of strings in compact form becomes editable fields
    let spec = f.to_spec();
    assert!(spec.raw_body.is_none());
    assert_eq!(spec.field("type").unwrap().value, "REGISTER_SMS");

    let s = one(&sample("safari.curl"));
    assert_eq!(s.method, "POST");
    assert_eq!(
        s.header("x-agent"),
        Some("Mozilla/5.0 (Macintosh) Safari/605.1.15")
    );
    assert_eq!(s.body_fields().unwrap()["captcha_token"], "");
}

#[test]
fn what_vflow_send_curl_prints_reads_back_to_the_same_request() {
    let mut spec = build::sms_send(
        "http://127.0.0.1:8080",
        vec![
            build::header("X-agent", "it's \"me\"!"),
            build::header("X-L", ""),
            build::header("X-client-id", "c"),
        ],
        "LOGIN_SMS",
        "13800138000",
        "t---{\"x\":1,\"y\":5}",
    );
    spec.omit_header("user-agent");
    let sent = send::record(&spec).unwrap();
    let text = curl::curl(&sent);
    let r = one(&text);
    assert_eq!(r.omitted, ["User-Agent", "Content-Type"]);
    assert_eq!(r.header("x-l"), Some(""), "`-H 'x-l;'` is a blank header");
    let again = send::record(&r.to_spec()).unwrap();
    assert_eq!(again, sent);
}

#[test]
fn raw_requests_with_crlf_and_lf() {
    let crlf = sample("raw-crlf.http");
    assert!(crlf.contains("\r\n"));
    let r = one(&crlf);
    assert_eq!(r.format, Format::Raw);
    assert_eq!(r.url(), "https://tenant.example.com/api/v2/sdk/sms/send");
    assert_eq!(r.headers.len(), 9);
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(r.body.as_ref().unwrap().len(), 106);
    assert_eq!(r.body_fields().unwrap()["type"], "LOGIN_SMS");

    let lf = sample("raw-lf.http");
    assert!(!lf.contains('\r'));
    let r = one(&lf);
    assert_eq!(
        r.url(),
        "http://10.0.2.2:8080/api/v2/sdk/sms/send",
        "an emulator's host is plain http"
    );
    assert_eq!(
        names(&r)[1..3],
        ["x-operating-sys-version", "x-device-fingerprint"]
    );
    assert_eq!(r.header("x-device-fingerprint"), Some(""));
    assert_eq!(
        r.body.as_deref(),
        Some(&br#"{"mobile":"13800138000","type":"LOGIN_SMS","captcha_token":"x---{}"}"#[..]),
        "the editor's final newline is not part of the body"
    );
    // the same text with CRLF reads the same
    assert_eq!(one(&lf.replace('\n', "\r\n")), r);
}

#[test]
fn har_with_several_entries_lists_the_vendor_api_ones() {
    let Parsed::Har(h) = import::parse(&sample("chrome-session.har")).unwrap() else {
        panic!("a HAR")
    };
    let listed: Vec<(usize, &str)> = h
        .entries
        .iter()
        .map(|(n, r)| (*n, r.path.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            (4, "/api/v2/sdk/captcha"),
            (5, "/api/v2/sdk/captcha/verify"),
            (6, "/api/v2/sdk/sms/send")
        ]
    );
    let skipped: Vec<(usize, String)> = h
        .skipped
        .iter()
        .map(|(n, _, why)| (*n, why.to_string()))
        .collect();
    assert_eq!(skipped.len(), 4);
    assert!(skipped[2].1.contains("preflight"), "{skipped:?}");
    assert!(skipped[3].1.contains("not a vendor-API path"));
    let send = import::pick(Parsed::Har(h.clone()), Some(6)).unwrap();
    assert!(
        send.headers.iter().all(|(n, _)| !n.starts_with(':')),
        "HTTP/2 pseudo-headers left out"
    );
    assert_eq!(send.headers[2], ("X-L".to_string(), "zh".to_string()));
    assert_eq!(send.header("x-request-id"), Some("7f1c"));
    assert_eq!(send.body_fields().unwrap()["channel"], "web");
    let e = import::pick(Parsed::Har(h.clone()), None).unwrap_err();
    assert!(e.message().contains("--entry N"), "{e}");
    let e = import::pick(Parsed::Har(h), Some(3)).unwrap_err();
    assert_eq!(
        e.message(),
        "--entry 3: it was skipped (a CORS preflight (OPTIONS))"
    );
}

#[test]
fn bad_inputs_name_the_line_column_or_option() {
    let err = |name: &str| import::parse(&sample(name)).unwrap_err();
    let e = err("bad/form.curl");
    assert_eq!(e.message(), "unsupported curl option --form");
    assert_eq!(e.pos, Some(Pos { line: 1, col: 55 }));
    let e = err("bad/unterminated.curl");
    assert_eq!(e.pos, Some(Pos { line: 3, col: 14 }), "{e}");
    let e = err("bad/header.http");
    assert_eq!(e.pos.unwrap().line, 3, "{e}");
    let e = err("bad/broken.har");
    assert_eq!(e.pos, Some(Pos { line: 2, col: 28 }), "{e}");
    let e = err("bad/prose.txt");
    assert!(e.message().starts_with("not a curl command"), "{e}");
    for (text, msg) in [
        ("curl -d @body.json http://h/api", "reads a file"),
        ("curl http://h/a http://h/b", "a second URL"),
        ("curl -H 'nocolon' http://h/", "expected 'Name: value'"),
        ("curl -X", "needs a value"),
        ("curl 'ftp://h/x'", "scheme must be http or https"),
        ("curl $'\\xZZ' http://h/", "\\x without hex digits"),
    ] {
        let e = import::parse(text).unwrap_err();
        assert!(e.message().contains(msg), "{text}: {e}");
    }
}

fn config() -> PathBuf {
    support::empty_config("import")
}

#[test]
fn cli_import_prints_what_it_understood_and_fails_with_exit_2() {
    let out = support::run(&config(), &["import", &sample_path("chrome.curl")]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("read as: curl command"), "{text}");
    assert!(text.contains("POST https://tenant.example.com/api/v2/sdk/sms/send\n"));
    assert!(
        text.contains("  X-operating-sys-version: iOS 13.3\n"),
        "{text}"
    );
    assert!(text.contains("  remark = \"it's me!\"  (not a field of sms/send: kept and sent)"));
    assert!(text.contains("probably spent or expired"), "{text}");

    let out = support::run(&config(), &["import", &sample_path("chrome-session.har")]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("7 entries, 3 vendor-API request(s), 4 skipped"),
        "{text}"
    );
    assert!(text.contains("  #6  POST https://tenant.example.com/api/v2/sdk/sms/send\n"));

    let out = support::run(&config(), &["import", &sample_path("bad/form.curl")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.ends_with("unsupported curl option --form at 1:55\n"),
        "{err}"
    );

    let mut child = support::command(&config())
        .args(["import", "-", "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(sample("raw-lf.http").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "raw");
    assert_eq!(
        v["headers"][1],
        serde_json::json!(["x-operating-sys-version", "Android 10"])
    );
    assert!(
        v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == "X-device-fingerprint is blank: PARAM.0001"),
        "{v}"
    );
}

/// A one-shot HTTP server on 127.0.0.1 that records the request bytes and answers 400 PARAM.0001.
fn capture_server() -> (String, std::thread::JoinHandle<Vec<u8>>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", l.local_addr().unwrap());
    let h = std::thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = s.read(&mut buf).unwrap();
            got.extend_from_slice(&buf[..n]);
            if let Some(i) = got.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&got[..i]).to_ascii_lowercase();
                let len: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length: "))
                    .map(|v| v.trim().parse().unwrap())
                    .unwrap_or(0);
                if got.len() >= i + 4 + len || n == 0 {
                    break;
                }
            }
        }
        let body = r#"{"error_code":"IDAAS.SDK.PARAM.0001","error_msg":"Device information is incomplete"}"#;
        write!(
            s,
            "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        got
    });
    (base, h)
}

#[test]
fn send_from_sends_the_imported_request_byte_for_byte_with_overrides() {
    let (base, server) = capture_server();
    let dir = support::scratch("import-send");
    let har = dir.join("out.har");
    let out = support::run(
        &config(),
        &[
            "send",
            "--from",
            &sample_path("chrome.curl"),
            "--target",
            &base,
            "--header",
            "X-L: en",
            "--omit-header",
            "Cookie",
            "--har",
            har.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "an API error: {out:?}");
    let got = String::from_utf8(server.join().unwrap()).unwrap();
    let (head, body) = got.split_once("\r\n\r\n").unwrap();
    let lines: Vec<&str> = head.lines().collect();
    assert_eq!(lines[0], "POST /api/v2/sdk/sms/send HTTP/1.1");
    let host = base.trim_start_matches("http://");
    let expected = format!(
        "host: {host}|accept: application/json, text/plain, */*|accept-language: zh-CN,zh;q=0.9,en;q=0.8|\
connection: keep-alive|content-type: application/json;charset=UTF-8|origin: https://tenant.example.com|\
referer: https://tenant.example.com/login|x-agent: Mozilla/5.0 (iPhone; CPU iPhone OS 13_3 like Mac OS X)|\
x-client-id: nTo1eRIub60vPb54WeE6aojPwYwImtl4|x-device-fingerprint: 156aysdna213sc50|\
x-operating-sys-version: iOS 13.3|x-l: en|sec-ch-ua: \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"|\
user-agent: vflow/{}|content-length: {}",
        env!("CARGO_PKG_VERSION"),
        body.len()
    );
    assert_eq!(lines[1..].join("|"), expected);
    assert_eq!(
        body,
        r#"{"mobile":"13800138000","type":"LOGIN_SMS","captcha_token":"71dd26999e314f9abb0c635336976635---{\"x\":237.0,\"y\":5.0}","remark":"it's me!","attempt":2}"#
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("probably spent or expired"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("IDAAS.SDK.PARAM.0001"), "{stdout}");

    // the HAR it wrote: owner-only, valid HAR 1.2, and it imports back to the same request
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&har).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(&har).unwrap();
    assert_valid_har(&text);
    let Parsed::Har(h) = import::parse(&text).unwrap() else {
        panic!()
    };
    let back = import::pick(Parsed::Har(h), None).unwrap();
    let resent = send::record(&back.to_spec()).unwrap();
    assert_eq!(resent.body, body.as_bytes());
    let wire: Vec<String> = resent
        .headers
        .iter()
        .map(|(n, v)| format!("{n}: {v}"))
        .collect();
    assert_eq!(wire.join("|"), expected);
}

#[test]
fn send_from_overrides_body_fields_and_refuses_bad_input_without_sending() {
    let (base, server) = capture_server();
    let out = support::run(
        &config(),
        &[
            "send",
            "--from",
            &sample_path("raw-lf.http"),
            "--target",
            &base,
            "--mobile",
            "+8613900000000",
            "--captcha-token",
            "",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let got = String::from_utf8(server.join().unwrap()).unwrap();
    assert!(
        got.ends_with(r#"{"mobile":"+8613900000000","type":"LOGIN_SMS","captcha_token":""}"#),
        "{got}"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        !stderr.contains("probably spent"),
        "a new token was given: {stderr}"
    );

    // nothing listens here: a bad input must fail before any connection is tried
    let out = support::run(
        &config(),
        &[
            "send",
            "--from",
            &sample_path("bad/form.curl"),
            "--target",
            "http://127.0.0.1:9",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// Validate against the har-schema package's HAR 1.2 schema.
fn assert_valid_har(text: &str) {
    let errors = support::har_schema_errors(text);
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_schema_check_rejects_a_broken_har() {
    // the validator is real: a HAR without entries' required fields fails
    let errors = support::har_schema_errors(
        r#"{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[{"time":1}]}}"#,
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("\"request\" is a required property")),
        "{errors:?}"
    );
}

#[test]
fn exported_exchanges_without_a_response_are_valid_too() {
    let spec = build::captcha_get("http://127.0.0.1:9", vec![build::header("X-agent", "a")]);
    let x = vflow::client::Exchange {
        started_at: std::time::SystemTime::UNIX_EPOCH
            + std::time::Duration::from_millis(1_700_000_000_123),
        request: send::record(&spec).unwrap(),
        response: None,
        timing: vflow::client::Timing {
            total: std::time::Duration::from_micros(1500),
            ttfb: None,
        },
        outcome: vflow::client::Outcome::Transport {
            kind: vflow::client::TransportKind::ConnectionRefused,
            detail: "refused".into(),
        },
    };
    let text = ::har::to_json(&export::har([&x])).unwrap();
    assert_valid_har(&text);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let e = &v["log"]["entries"][0];
    assert_eq!(e["startedDateTime"], "2023-11-14T22:13:20.123Z");
    assert_eq!(e["time"], 1.5);
    assert_eq!(e["response"]["status"], 0);
    assert_eq!(e["response"]["comment"], "connection refused: refused");
    assert!(e["request"].get("postData").is_none(), "a GET has no body");
}

#[test]
fn flow_and_check_write_valid_hars_that_import_back() {
    let dir = support::scratch("import-flow-har");
    let flow = dir.join("flow.har");
    let out = support::run(&config(), &["flow", "--har", flow.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(&flow).unwrap();
    assert_valid_har(&text);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entries = doc["log"]["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 5, "captcha, verify, send, outbox, login");
    let Parsed::Har(h) = import::parse(&text).unwrap() else {
        panic!()
    };
    let paths: Vec<&str> = h.entries.iter().map(|(_, r)| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/api/v2/sdk/captcha",
            "/api/v2/sdk/captcha/verify",
            "/api/v2/sdk/sms/send",
            "/api/v2/sdk/login/mobile-verify-code"
        ]
    );
    assert_eq!(h.skipped.len(), 1, "the simulator's /_sim/outbox helper");
    // every request imports back to the same request as recorded
    for (n, r) in &h.entries {
        let e = &entries[n - 1]["request"];
        let again = send::record(&r.to_spec()).unwrap();
        let recorded: Vec<(String, String)> = e["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["name"].as_str().unwrap().into(),
                    h["value"].as_str().unwrap().into(),
                )
            })
            .collect();
        assert_eq!(again.headers, recorded, "entry {n}");
        assert_eq!(again.url, e["url"].as_str().unwrap());
        assert_eq!(
            String::from_utf8(again.body).unwrap(),
            e["postData"]["text"].as_str().unwrap_or_default()
        );
    }

    let check = dir.join("check.har");
    let out = support::run(
        &config(),
        &[
            "check",
            "--only",
            "device-header-missing",
            "success",
            "--har",
            check.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(&check).unwrap();
    assert_valid_har(&text);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(doc["log"]["entries"].as_array().unwrap().len() >= 2);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&check).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

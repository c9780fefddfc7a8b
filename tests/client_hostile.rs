//! `vflow send` against an evil loopback server whose answers carry terminal escapes (ESC, BEL,
//! CSI, OSC, C1 controls, bidi overrides and isolates) in every field: the text output shows
//! them visibly and never emits them; `--json` keeps the exact strings. Also `--timeout 0s`.

use serde_json::Value;
use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Output;
use vflow::api::text::is_unsafe;

mod support;

/// ESC ] 0 ; ... BEL (set the window title), CSI (7-bit and the C1 one), RLO, an isolate, DEL.
const EVIL: &str = "X\u{1b}]0;pwned\u{7}\u{1b}[31mred\u{9b}2J\u{202e}txt.exe\u{2066}i\u{7f}";

fn config() -> PathBuf {
    support::empty_config("client-hostile")
}

/// A server on 127.0.0.1 that answers each of its next `n` connections with `response` and
/// closes it; the thread ends after `n` connections.
fn evil_server(response: Vec<u8>, n: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for _ in 0..n {
            let Ok((mut s, _)) = listener.accept() else {
                return;
            };
            // read the request head (and a small body) before answering
            let mut buf = [0u8; 16384];
            let _ = s.set_read_timeout(Some(std::time::Duration::from_millis(500)));
            let mut got = Vec::new();
            while let Ok(k) = s.read(&mut buf) {
                if k == 0 {
                    break;
                }
                got.extend_from_slice(&buf[..k]);
                if let Some(end) = got.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&got[..end]).to_ascii_lowercase();
                    let len = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(0);
                    if got.len() >= end + 4 + len {
                        break;
                    }
                }
            }
            let _ = s.write_all(&response);
        }
    });
    format!("http://{addr}")
}

fn http_response(status: &str, headers: &[(&str, &[u8])], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for (n, v) in headers {
        out.extend_from_slice(n.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(v);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(
        format!(
            "content-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(body);
    out
}

fn send(target: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "--target",
        target,
        "send",
        "--scene",
        "LOGIN_SMS",
        "--mobile",
        "13800138000",
        "--captcha-token",
        "t",
    ];
    args.extend_from_slice(extra);
    support::run(&config(), &args)
}

/// No unsafe character other than line feed and tab reaches the terminal.
fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<String> = text
        .chars()
        .filter(|c| is_unsafe(*c) && *c != '\n' && *c != '\t')
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?} emitted in:\n{text}");
}

/// The evil strings the server sent are shown visibly.
fn assert_shown(what: &str, out: &str) {
    for esc in [
        "\\u{1b}]0;pwned\\u{7}",
        "\\u{9b}2J",
        "\\u{202e}txt.exe",
        "\\u{2066}",
    ] {
        assert!(out.contains(esc), "{what}: {esc} not shown in:\n{out}");
    }
}

fn error_json(code: &str, msg: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({"error_code": code, "error_msg": msg})).unwrap()
}

#[test]
fn an_error_code_and_message_full_of_escapes_are_shown_as_text() {
    let evil_header: &[u8] = "a\u{9b}31m\u{202e}b".as_bytes(); // C1 CSI and RLO as UTF-8 bytes
    let resp = http_response(
        "400 Bad Request",
        &[
            ("content-type", b"application/json"),
            ("x-evil", evil_header),
        ],
        &error_json(EVIL, EVIL),
    );
    let target = evil_server(resp, 4);
    for lang in ["en", "zh"] {
        let out = send(&target, &["-H", &format!("X-L: {lang}")]);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        assert_terminal_safe("stdout", &out.stdout);
        assert_terminal_safe("stderr", &out.stderr);
        let text = String::from_utf8_lossy(&out.stdout);
        assert_shown(lang, &text);
        // the header value's C1 byte pair and RLO are visible too
        assert!(text.contains("\\u{202e}b"), "{text}");
        // both explanations (the request's language and the other) are in the output
        assert!(text.contains("--- "), "{text}");
    }
    // --json keeps the exact strings (JSON escapes them)
    let out = send(&target, &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["outcome"]["code"], EVIL);
    assert_eq!(v["outcome"]["message"], EVIL);
    assert_eq!(v["explanation"]["code"], EVIL);
    assert_eq!(v["explanation"]["server_message"], EVIL);
    assert_terminal_safe("--json", &out.stdout);
}

/// bash's `$'...'` quoting that `--curl` uses gives back exactly the bytes.
#[test]
fn shell_quoting_round_trips_through_bash() {
    let s = "a'b\\c\n\u{1b}[2J\u{9b}\u{202e}\u{7f}";
    let q = vflow::client::curl::shell_quote(s);
    assert!(!q.chars().any(is_unsafe), "{q}");
    // bash writes \uXXXX in the locale's encoding: UTF-8
    let out = std::process::Command::new("bash")
        .env("LC_ALL", "C.UTF-8")
        .arg("-c")
        .arg(format!("printf %s {q}"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), s);
}

#[test]
fn a_known_code_with_an_escaped_message_is_shown_as_text() {
    let resp = http_response(
        "400 Bad Request",
        &[("content-type", b"application/json")],
        &error_json("IDAAS.SDK.PARAM.0001", EVIL),
    );
    let target = evil_server(resp, 1);
    let out = send(&target, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_terminal_safe("stdout", &out.stdout);
    assert_shown("known code", &String::from_utf8_lossy(&out.stdout));
}

#[test]
fn a_plain_text_or_html_body_is_quoted_as_text() {
    for (status, ct, body) in [
        ("502 Bad Gateway", "text/plain", EVIL.to_string()),
        (
            "503 Service Unavailable",
            "text/html",
            format!("<html><title>{EVIL}</title></html>"),
        ),
        ("200 OK", "text/plain", EVIL.to_string()),
    ] {
        let resp = http_response(status, &[("content-type", ct.as_bytes())], body.as_bytes());
        let target = evil_server(resp, 1);
        let out = send(&target, &[]);
        assert_terminal_safe(status, &out.stdout);
        assert_terminal_safe(status, &out.stderr);
        let text = String::from_utf8_lossy(&out.stdout);
        assert_shown(status, &text);
        // the explanation's "the body starts with" quotes it visibly, in both languages
        if !status.starts_with("200") {
            assert!(text.contains("the body starts with"), "{text}");
            assert!(text.contains("响应体开头"), "{text}");
        }
    }
}

#[test]
fn curl_output_quotes_control_characters_visibly_and_exactly() {
    let out = support::run(
        &config(),
        &[
            "send",
            "--curl",
            "--scene",
            "LOGIN_SMS",
            "--mobile",
            "13800138000",
            "--captcha-token",
            EVIL,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_terminal_safe("--curl", &out.stdout);
    let text = String::from_utf8_lossy(&out.stdout);
    // the body is JSON (serde escapes C0 itself); C1, bidi and DEL are quoted for bash
    assert!(text.contains("--data-binary $'"), "{text}");
    assert!(
        text.contains("\\u009b2J\\u202etxt.exe\\u2066i\\x7f"),
        "{text}"
    );
}

#[test]
fn zero_timeouts_are_rejected_with_a_clear_message() {
    for flag in ["--timeout", "--connect-timeout"] {
        let out = support::run(
            &config(),
            &[
                flag,
                "0s",
                "send",
                "--scene",
                "LOGIN_SMS",
                "--mobile",
                "13800138000",
                "--captcha-token",
                "t",
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{flag}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(flag), "{err}");
        assert!(err.contains("greater than zero"), "{err}");
    }
}

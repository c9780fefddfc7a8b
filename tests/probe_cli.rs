//! `vflow probe` as a command: exit codes, the table, the JSON / JUnit / HAR reports, a run
//! against `vflow serve --weak race`, and consent: against a target that is not loopback
//! nothing is sent without --authorized, nor without a confirmation (--yes with no terminal).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

mod support;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn against_the_built_in_simulator_every_probe_holds_and_the_reports_agree() {
    let dir = support::scratch("probe-reports");
    let cfg = support::empty_config("probe-reports");
    let (json, junit, har) = (dir.join("p.json"), dir.join("p.xml"), dir.join("p.har"));
    let o = support::run(
        &cfg,
        &[
            "probe",
            "--json",
            json.to_str().unwrap(),
            "--junit",
            junit.to_str().unwrap(),
            "--har",
            har.to_str().unwrap(),
        ],
    );
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}\n{}", text(&o.stderr));
    let rows: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("probe "))
        .skip(2)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(rows.len(), 9, "{out}");
    assert!(
        rows.iter()
            .all(|r| r.split_whitespace().nth(1) == Some("held")),
        "{out}"
    );
    assert!(
        out.contains("9 probes: 9 held, 0 finding(s), 0 skipped"),
        "{out}"
    );

    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let probes = v["probes"].as_array().unwrap();
    assert_eq!(probes.len(), 9);
    let mut exchanges = 0;
    for p in probes {
        assert_eq!(p["verdict"], "held", "{}", p["name"]);
        assert!(p["meaning"]["zh"].as_str().is_some_and(|s| !s.is_empty()));
        exchanges += p["exchanges"].as_array().unwrap().len();
        assert_eq!(
            p["requests"].as_u64().unwrap() as usize,
            p["exchanges"].as_array().unwrap().len()
        );
    }
    let sms: u64 = probes.iter().map(|p| p["sms"].as_u64().unwrap()).sum();
    assert_eq!(v["budget"]["sms_sent"].as_u64(), Some(sms));

    let har_text = std::fs::read_to_string(&har).unwrap();
    assert_valid_har(&har_text);
    let h: serde_json::Value = serde_json::from_str(&har_text).unwrap();
    assert_eq!(
        h["log"]["entries"].as_array().unwrap().len(),
        exchanges,
        "HAR = every exchange"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&har).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let x = std::fs::read_to_string(&junit).unwrap();
    assert!(
        x.contains(r#"name="vflow probe" tests="9" failures="0""#),
        "{x}"
    );
    assert_eq!(x.matches("<testcase ").count(), 9);
}

/// `vflow serve --reveal-solutions` with extra args on a free port; killed on drop.
struct Serve {
    child: Child,
    base: String,
}

impl Serve {
    fn start(extra: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vflow"))
            .args([
                "serve",
                "--quiet",
                "--reveal-solutions",
                "--bind",
                "127.0.0.1:0",
            ])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut banner = String::new();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        while !banner.contains("Ctrl-C") {
            assert_ne!(out.read_line(&mut banner).unwrap(), 0, "{banner}");
        }
        assert!(extra.is_empty() || banner.contains("WEAK:"), "{banner}");
        let base = banner
            .split_whitespace()
            .find_map(|w| w.strip_prefix("http://"))
            .map(|a| format!("http://{a}"))
            .expect("listening address");
        Serve { child, base }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        // SAFETY: sending a signal to our own child process.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let _ = self.child.wait();
    }
}

#[test]
fn against_serve_weak_race_only_the_race_is_a_finding_and_the_exit_code_is_1() {
    let serve = Serve::start(&["--weak", "race"]);
    let cfg = support::empty_config("probe-weak-race");
    let o = support::run(&cfg, &["probe", "--target", &serve.base]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}\n{}", text(&o.stderr));
    let verdict = |name: &str| {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .map(|l| l.split_whitespace().nth(1).unwrap().to_string())
            .unwrap_or_default()
    };
    assert_eq!(verdict("race"), "FINDING", "{out}");
    for p in [
        "replay",
        "other-mobile",
        "forged",
        "captcha-retry",
        "cooldown",
        "daily-cap",
        "code-guessing",
        "enumeration",
    ] {
        assert_eq!(verdict(p), "held", "{p}: {out}");
    }
    assert!(
        out.contains("what it means: A pass token is checked and consumed in two steps"),
        "{out}"
    );
    assert!(out.contains("含义"), "{out}");
    assert!(
        out.contains(&format!("> POST {}/api/v2/sdk/sms/send", serve.base)),
        "evidence: {out}"
    );
}

#[test]
fn serve_help_lists_every_weak_knob() {
    let cfg = support::empty_config("probe-help");
    let o = support::run(&cfg, &["serve", "--help"]);
    let help = text(&o.stdout);
    for w in vflow::sim::Weakness::ALL {
        assert!(help.contains(w.name()), "{w}: {help}");
    }
    let bad = support::run(&cfg, &["serve", "--weak", "racy"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("unknown weakness"));
}

/// A loopback HTTP proxy that counts connections and answers 502 to each.
async fn counting_proxy() -> (String, Arc<AtomicUsize>) {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = format!("http://{}", l.local_addr().unwrap());
    let n = Arc::new(AtomicUsize::new(0));
    let count = n.clone();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = l.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let _ = s.read(&mut buf).await;
                let _ = s
                    .write_all(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                    .await;
            });
        }
    });
    (addr, n)
}

async fn probe_through(proxy: &str, args: &[&str]) -> std::process::Output {
    let cfg = support::empty_config("probe-consent");
    let mut c = support::command(&cfg);
    c.env("HTTP_PROXY", proxy)
        .env("http_proxy", proxy)
        .env("NO_PROXY", "")
        .env("no_proxy", "")
        .stdin(Stdio::null())
        .args(["probe", "--target", "http://tenant.example.com"])
        .args(args);
    tokio::task::spawn_blocking(move || c.output().unwrap())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_target_that_is_not_loopback_gets_nothing_without_consent() {
    let (proxy, seen) = counting_proxy().await;
    let o = probe_through(&proxy, &[]).await;
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--authorized") && err.contains("nothing was sent"),
        "{err}"
    );
    assert!(
        err.contains("race") && err.contains("more than 3 SMS"),
        "the plan: {err}"
    );
    let o = probe_through(&proxy, &["--authorized"]).await;
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("no terminal") && err.contains("--yes"),
        "{err}"
    );
    assert_eq!(
        seen.load(Ordering::SeqCst),
        0,
        "a connection was made without consent"
    );

    // with consent the same setup does reach the target (through the proxy), which is what
    // makes the zero above mean something
    let o = probe_through(&proxy, &["--authorized", "--yes", "--only", "forged"]).await;
    assert!(seen.load(Ordering::SeqCst) > 0, "{}", text(&o.stderr));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
}

#[test]
fn no_answer_at_all_is_exit_3() {
    // a loopback port nobody listens on
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let cfg = support::empty_config("probe-no-answer");
    let o = support::run(
        &cfg,
        &[
            "probe",
            "--target",
            &format!("http://127.0.0.1:{port}"),
            "--only",
            "forged",
            "captcha-retry",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}\n{}",
        text(&o.stdout),
        text(&o.stderr)
    );
}

/// Any 11-digit run that starts with 139 (the numbers the probes make up).
fn probe_numbers(s: &str) -> Vec<String> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let j = (i..b.len())
            .find(|&j| !b[j].is_ascii_digit())
            .unwrap_or(b.len());
        if j - i == 11 && s[i..j].starts_with("139") {
            out.push(s[i..j].to_string());
        }
        i = j + 1;
    }
    out
}

#[test]
fn redact_masks_the_numbers_in_the_table_the_progress_and_the_json() {
    let serve = Serve::start(&["--weak", "sender"]);
    let dir = support::scratch("probe-redact");
    let cfg = support::empty_config("probe-redact");
    let json = dir.join("p.json");
    let args = [
        "--target",
        &serve.base,
        "--only",
        "other-mobile",
        "cooldown",
        "--json",
        json.to_str().unwrap(),
    ];
    let plain = support::run(&cfg, &[&["probe"][..], &args[..]].concat());
    assert_eq!(plain.status.code(), Some(1));
    assert!(
        !probe_numbers(&text(&plain.stdout)).is_empty(),
        "without --redact the numbers show"
    );
    let o = support::run(&cfg, &[&["--redact", "probe"][..], &args[..]].concat());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    let doc = std::fs::read_to_string(&json).unwrap();
    assert!(err.contains("FINDING"), "{err}");
    for (what, s) in [("stdout", &out), ("stderr", &err), ("json", &doc)] {
        assert_eq!(probe_numbers(s), Vec::<String>::new(), "{what}");
    }
}

struct SchemaDir;

impl jsonschema::Retrieve for SchemaDir {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .path()
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/har-schema")
            .join(name);
        Ok(serde_json::from_str(&std::fs::read_to_string(p)?)?)
    }
}

/// Validate against the har-schema package's HAR 1.2 schema (as tests/import.rs does).
fn assert_valid_har(text: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/har-schema/har.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir).unwrap()).unwrap();
    let v = jsonschema::options()
        .with_base_uri("file:///har-schema/")
        .with_retriever(SchemaDir)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    let errors: Vec<String> = v
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

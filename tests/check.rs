//! `vflow check`: the built-in suite against the simulator, deliberately broken
//! servers (a proxy that swaps two codes, one that answers 200 to everything),
//! suite files under tests/suites/, the JUnit and JSON reports, and the exit codes
//! of the built binary. Only loopback traffic.

use axum::body::Bytes;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;
use std::time::Duration;
use vflow::check::{self, Env, Report, Suite, Verdict};

mod support;
use vflow::client::{Http, HttpOptions};
use vflow::config::{self, ConfigFile};
use vflow::sim::{self, SimConfig, SimHandle};

async fn simulator(reveal: bool) -> SimHandle {
    let cfg = SimConfig {
        reveal_solutions: reveal,
        quiet: true,
        ..SimConfig::default()
    };
    sim::start(cfg, ([127, 0, 0, 1], 0).into()).await.unwrap()
}

fn http() -> Http {
    Http::new(&HttpOptions {
        no_proxy: true,
        timeout: Duration::from_secs(20),
        ..HttpOptions::default()
    })
    .unwrap()
}

fn env(base: &str, simulator: Option<bool>) -> Env {
    let p =
        config::resolve_with(&config::Overrides::default(), None, &ConfigFile::default()).unwrap();
    let mut e = Env::new(http(), base, p.headers());
    e.explain = p.explain_context();
    e.simulator = simulator;
    e
}

async fn run(suite: &Suite, env: &Env) -> Report {
    let all: Vec<usize> = (0..suite.cases.len()).collect();
    let mut events = 0;
    let r = check::run::run(suite, &all, env, |_| events += 1).await;
    assert_eq!(events, 2 * suite.cases.len(), "a start and an end per case");
    r
}

/// The case needs a valid pass token: its own, or one for a delivered code or a login.
fn needs_token(c: &check::suite::Case) -> bool {
    c.pass_token || c.deliver.is_some() || c.login
}

fn verdicts(r: &Report) -> Vec<(String, &'static str)> {
    r.results
        .iter()
        .map(|c| (c.name.clone(), c.verdict.word()))
        .collect()
}

fn failed(r: &Report) -> Vec<&str> {
    r.results
        .iter()
        .filter(|c| matches!(c.verdict, Verdict::Fail { .. }))
        .map(|c| c.name.as_str())
        .collect()
}

#[tokio::test]
async fn builtin_suite_passes_against_the_simulator() {
    let sim = simulator(true).await;
    let suite = Suite::builtin();
    // the gateway case uses one of the simulator's magic numbers
    let gw = suite
        .cases
        .iter()
        .find(|c| c.name == "gateway-failure")
        .unwrap();
    assert!(gw.simulator_only);
    assert!(sim::GATEWAY_FAILURE_MOBILES.contains(&gw.fields[0].1.as_str()));
    // every code of the sms/send table, success, verify failure, single use and cooldown
    let codes: Vec<String> = suite.cases.iter().map(|c| c.expect.label()).collect();
    for code in [
        "PARAM.0001",
        "PARAM.0002",
        "PARAM.0003",
        "USER.0004",
        "PARAM.0007",
        "PARAM.0008",
        "CAPTCHA.0002",
        "CAPTCHA.0003",
        "CAPTCHA.0004",
        "CAPTCHA.0005",
        "CAPTCHA.0006",
        "200 OK",
    ] {
        assert!(codes.iter().any(|c| c.ends_with(code)), "{code} is covered");
    }
    // unknown whether a simulator: the runner probes /_sim/openapi.json
    let mut e = env(&sim.base_url(), None);
    e.run_number = 1;
    let r = run(&suite, &e).await;
    assert!(r.ok(), "{:#?}", verdicts(&r));
    assert_eq!(r.passed(), suite.cases.len(), "{:#?}", verdicts(&r));
    assert!(r.simulator);
    let single = r
        .results
        .iter()
        .find(|c| c.name == "pass-token-single-use")
        .unwrap();
    assert_eq!(single.sends.len(), 2, "the same token sent twice");
    assert_eq!(single.sends[0].spec, single.sends[1].spec);
    let cool = r
        .results
        .iter()
        .find(|c| c.name == "resend-cooldown")
        .unwrap();
    assert_eq!(cool.sends.len(), 2);
    assert_ne!(
        cool.sends[0].spec.field("captcha_token"),
        cool.sends[1].spec.field("captcha_token"),
        "the resend has its own fresh token"
    );
    // a second run against the same server: {run} gives other mobiles, no cooldown met
    e.run_number = 2;
    let again = run(&suite, &e).await;
    assert!(again.ok(), "{:#?}", verdicts(&again));
}

#[tokio::test]
async fn without_reveal_token_cases_are_skipped_with_the_reason() {
    let sim = simulator(false).await;
    let suite = Suite::builtin();
    let r = run(&suite, &env(&sim.base_url(), None)).await;
    assert!(r.ok(), "skips are not failures: {:#?}", verdicts(&r));
    let need: Vec<&str> = suite
        .cases
        .iter()
        .filter(|c| needs_token(c))
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(r.skipped(), need.len());
    for c in r.results.iter().filter(|c| need.contains(&c.name.as_str())) {
        let reason = c.verdict.reason().unwrap();
        assert!(
            reason.contains("does not reveal captcha solutions"),
            "{reason}"
        );
        assert!(reason.contains("--reveal-solutions"), "{reason}");
    }
}

/// A server in front of a simulator that swaps two codes in its answers
/// (`swap`), or answers every request with 200 and an empty body (`None`).
async fn broken(upstream: Option<String>, swap: (&'static str, &'static str)) -> String {
    let upstream = Arc::new(upstream);
    let app = axum::Router::new().fallback(move |req: Request| {
        let upstream = upstream.clone();
        async move {
            let Some(base) = upstream.as_ref() else {
                return (axum::http::StatusCode::OK, "").into_response();
            };
            let client = reqwest::Client::builder().no_proxy().build().unwrap();
            let (parts, body) = req.into_parts();
            let body = axum::body::to_bytes(body, 1 << 20).await.unwrap();
            let url = format!("{base}{}", parts.uri);
            let mut r = client.request(parts.method, url).body(body);
            for (n, v) in &parts.headers {
                if n != "host" && n != "content-length" {
                    r = r.header(n, v);
                }
            }
            let resp = r.send().await.unwrap();
            let status = resp.status();
            let ct = resp.headers().get("content-type").cloned();
            let text = resp.text().await.unwrap();
            let swapped = text
                .replace(swap.0, "\u{0}")
                .replace(swap.1, swap.0)
                .replace('\u{0}', swap.1);
            let mut out: Response = (status, Bytes::from(swapped)).into_response();
            if let Some(ct) = ct {
                out.headers_mut().insert("content-type", ct);
            }
            out
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// The simulator behind a proxy that swaps PARAM.0007 and PARAM.0008.
async fn swapping_0007_0008(sim: &SimHandle) -> String {
    broken(
        Some(sim.base_url()),
        ("IDAAS.SDK.PARAM.0007", "IDAAS.SDK.PARAM.0008"),
    )
    .await
}

#[tokio::test]
async fn a_server_that_swaps_two_codes_fails_exactly_those_cases() {
    let sim = simulator(true).await;
    let mock = swapping_0007_0008(&sim).await;
    let r = run(&Suite::builtin(), &env(&mock, None)).await;
    assert_eq!(failed(&r), ["scene-missing", "captcha-token-missing"]);
    let c = r
        .results
        .iter()
        .find(|c| c.name == "scene-missing")
        .unwrap();
    assert_eq!(
        c.verdict.reason().unwrap(),
        "expected 400 IDAAS.SDK.PARAM.0007, got 400 IDAAS.SDK.PARAM.0008"
    );
    // the explanation is of what it got
    assert_eq!(
        c.explanation.as_ref().unwrap().code.as_deref(),
        Some("IDAAS.SDK.PARAM.0008")
    );
    assert!(r.simulator, "the proxy passes /_sim/ through");
}

#[tokio::test]
async fn a_server_that_answers_200_to_everything_fails_every_error_case() {
    let mock = broken(None, ("", "")).await;
    let suite = Suite::builtin();
    let r = run(&suite, &env(&mock, None)).await;
    let errors: Vec<&str> = suite
        .cases
        .iter()
        .filter(|c| !c.pass_token && !c.simulator_only)
        .map(|c| c.name.as_str())
        .collect();
    for name in &errors {
        assert!(failed(&r).contains(name), "{name}: {:#?}", verdicts(&r));
    }
    let c = r
        .results
        .iter()
        .find(|c| c.name == "scene-unknown")
        .unwrap();
    assert_eq!(
        c.verdict.reason().unwrap(),
        "expected 400 IDAAS.SDK.CAPTCHA.0005, got 200 OK"
    );
    // the captcha answer is not a puzzle: the verify case fails in its setup
    let v = r
        .results
        .iter()
        .find(|c| c.name == "verify-wrong-position")
        .unwrap();
    assert!(
        v.verdict.reason().unwrap().starts_with("setup:"),
        "{:?}",
        v.verdict
    );
    assert!(!r.ok());
}

// ---- suite files --------------------------------------------------------------------

fn suites(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/suites")
        .join(kind);
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    assert!(!v.is_empty());
    v
}

#[test]
fn valid_suite_files_parse() {
    for f in suites("valid") {
        let s = Suite::load(&f).unwrap_or_else(|e| panic!("{e}"));
        assert!(!s.cases.is_empty(), "{}", f.display());
    }
    let s = Suite::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suites/valid/everything.toml"),
    )
    .unwrap();
    assert_eq!(s.defaults.scene, "REGISTER_SMS");
    assert_eq!(s.cases.len(), 5);
    assert_eq!(s.cases[1].setup, Some(check::suite::Setup::Resend));
    assert_eq!(s.cases[2].endpoint, check::suite::Endpoint::CaptchaVerify);
}

#[test]
fn invalid_suite_files_name_file_line_and_reason() {
    for f in suites("invalid") {
        let text = std::fs::read_to_string(&f).unwrap();
        // the first line says what the message must contain: `# expect: LINE:COL: reason`
        let want = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{} has no `# expect:` line", f.display()));
        let e = Suite::load(&f).unwrap_err().to_string();
        let prefix = format!("{}:{want}", f.display());
        assert!(e.starts_with(&prefix), "{e}\n  should start with\n{prefix}");
    }
}

#[tokio::test]
async fn the_everything_suite_runs() {
    let sim = simulator(true).await;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suites/valid/everything.toml");
    let s = Suite::load(&path).unwrap();
    let r = run(&s, &env(&sim.base_url(), Some(true))).await;
    assert_eq!(failed(&r), Vec::<&str>::new(), "{:#?}", r.results);
}

// ---- reports and the binary ---------------------------------------------------------

fn tmp(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("check-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn vflow(args: &[&str]) -> Output {
    support::run(&support::empty_config("check"), args)
}

async fn vflow_bg(args: &[&str]) -> Output {
    support::run_bg(&support::empty_config("check"), args).await
}

/// (testcases, failures, skipped) counted in a JUnit file, checking the totals agree.
fn junit_counts(xml: &str) -> (usize, usize, usize) {
    let mut r = Reader::from_str(xml);
    let (mut cases, mut failures, mut skipped) = (0, 0, 0);
    let mut declared = None;
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => match e.name().0 {
                "testcase" => cases += 1,
                "failure" => failures += 1,
                "skipped" => skipped += 1,
                "testsuite" => {
                    let attr = |n: &str| {
                        e.try_get_attribute(n)
                            .unwrap()
                            .map(|a| a.value.parse::<usize>().unwrap())
                    };
                    declared = Some((
                        attr("tests").unwrap(),
                        attr("failures").unwrap(),
                        attr("skipped").unwrap(),
                    ));
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(declared, Some((cases, failures, skipped)));
    (cases, failures, skipped)
}

#[test]
fn binary_all_pass_against_its_own_simulator_with_reports() {
    let (junit, json) = (tmp("all.xml"), tmp("all.json"));
    let out = vflow(&[
        "check",
        "--junit",
        junit.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    let n = Suite::builtin().cases.len();
    assert!(
        stdout.contains(&format!("{n} cases: {n} passed, 0 failed, 0 skipped")),
        "{stdout}"
    );
    assert!(
        stdout.contains("case ") && stdout.contains("verdict"),
        "{stdout}"
    );
    assert_eq!(
        stderr.matches(" PASS ").count(),
        n,
        "a progress line per case: {stderr}"
    );
    assert_eq!(
        junit_counts(&std::fs::read_to_string(&junit).unwrap()),
        (n, 0, 0)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["summary"]["passed"], n);
    let cases = v["cases"].as_array().unwrap();
    assert_eq!(cases.len(), n);
    let single = cases
        .iter()
        .find(|c| c["name"] == "pass-token-single-use")
        .unwrap();
    assert_eq!(single["exchanges"].as_array().unwrap().len(), 2);
    assert_eq!(
        single["exchanges"][1]["outcome"]["code"],
        "IDAAS.SDK.CAPTCHA.0003"
    );
}

#[tokio::test]
async fn binary_exit_1_and_reports_for_a_broken_server() {
    let sim = simulator(true).await;
    let mock = swapping_0007_0008(&sim).await;
    let (junit, json) = (tmp("broken.xml"), tmp("broken.json"));
    let out = vflow_bg(&[
        "check",
        "--target",
        &mock,
        "--junit",
        junit.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ])
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "FAIL scene-missing: expected 400 IDAAS.SDK.PARAM.0007, got 400 IDAAS.SDK.PARAM.0008"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("what it got:"),
        "the explanation follows: {stdout}"
    );
    let n = Suite::builtin().cases.len();
    assert_eq!(
        junit_counts(&std::fs::read_to_string(&junit).unwrap()),
        (n, 2, 0)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["summary"]["failed"], 2);
    let c = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "captcha-token-missing")
        .unwrap();
    assert_eq!(c["verdict"], "fail");
    assert_eq!(c["got"], "400 IDAAS.SDK.PARAM.0007");
}

#[tokio::test]
async fn binary_skips_without_reveal_and_exits_0() {
    let sim = simulator(false).await;
    let junit = tmp("skips.xml");
    let out = vflow_bg(&[
        "check",
        "--target",
        &sim.base_url(),
        "--junit",
        junit.to_str().unwrap(),
    ])
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("(skips are not failures)"), "{stdout}");
    let skipped = Suite::builtin()
        .cases
        .iter()
        .filter(|c| needs_token(c))
        .count();
    assert_eq!(
        junit_counts(&std::fs::read_to_string(&junit).unwrap()).2,
        skipped
    );
}

#[test]
fn binary_usage_errors_exit_2() {
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suites/invalid/expect-typo.toml");
    let out = vflow(&["check", "--suite", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("expect-typo.toml:4:12: unknown field `sucess`"),
        "{err}"
    );
    let out = vflow(&["check", "--only", "sucess"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean success"));
    let out = vflow(&["check", "--only", "success", "resend-cooldown"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 cases: 2 passed"));
    let out = vflow(&["check", "--only", "success,resend-cooldown"]);
    assert_eq!(out.status.code(), Some(0), "commas separate names too");
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 cases: 2 passed"));
    let out = vflow(&["check", "--print-suite"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), check::suite::BUILTIN);
    let out = vflow(&["check", "--list"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("gateway-failure"));
}

#[test]
fn a_target_that_never_answers_is_a_transport_failure_exit_3() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let target = format!("http://127.0.0.1:{port}");
    let out = vflow(&[
        "check",
        "--target",
        &target,
        "--only",
        "success",
        "scene-unknown",
    ]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("never answered"));
}

#[tokio::test]
async fn consumer_cases_cover_the_codes_and_fail_where_the_server_differs() {
    let suite = Suite::builtin();
    let codes: Vec<String> = suite.cases.iter().map(|c| c.expect.label()).collect();
    for code in ["CAPTCHA.0007", "PARAM.0016", "PARAM.0014"] {
        assert!(codes.iter().any(|c| c.ends_with(code)), "{code} is covered");
    }
    // the 5-wrong-attempts case sends five wrong codes before the checked one
    let sim = simulator(true).await;
    let mut e = env(&sim.base_url(), Some(true));
    e.run_number = 7;
    let r = run(&suite, &e).await;
    assert!(r.ok(), "{:#?}", verdicts(&r));
    let five = r
        .results
        .iter()
        .find(|c| c.name == "consumer-5-wrong-attempts")
        .unwrap();
    let roles: Vec<&str> = five.sends.iter().map(|s| s.role).collect();
    // pass token (not a send), sms/send, then five wrong tries, then the check
    assert_eq!(
        roles,
        [
            "setup", "setup", "setup", "setup", "setup", "setup", "check"
        ]
    );
    let expl = five.explanation.as_ref().unwrap();
    let text = expl.render(vflow::api::Lang::En);
    assert!(text.contains("died after 5 wrong tries"), "{text}");
    // a tenant without automatic registration: exactly the cases that need a new user fail
    let strict = sim::start(
        SimConfig {
            reveal_solutions: true,
            quiet: true,
            auto_register: false,
            ..SimConfig::default()
        },
        ([127, 0, 0, 1], 0).into(),
    )
    .await
    .unwrap();
    let r = run(&suite, &env(&strict.base_url(), Some(true))).await;
    assert_eq!(
        failed(&r),
        [
            "consumer-login-right-code",
            "consumer-4-wrong-then-right",
            "consumer-password-change",
            "consumer-forget-code-with-bearer",
            "consumer-update-mobile",
            "consumer-code-to-the-old-number",
            "consumer-bearer-of-another-user",
            "consumer-bind"
        ],
        "{:#?}",
        verdicts(&r)
    );
    let login = r
        .results
        .iter()
        .find(|c| c.name == "consumer-login-right-code")
        .unwrap();
    assert_eq!(
        login.verdict.reason().unwrap(),
        "expected 200 OK, got 400 VFLOW.SIM.USER_NOT_FOUND"
    );
}

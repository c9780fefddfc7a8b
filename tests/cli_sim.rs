//! The built binary against the real simulator on 127.0.0.1: every error of
//! README's sms/send table reproduced by `vflow send` with exit code 1 and a
//! request-specific explanation, success with 0, the whole `vflow flow`, and
//! `vflow captcha get/verify`.

use std::path::PathBuf;
use std::process::Output;
use vflow::api::catalogue::codes;
use vflow::client::{Http, HttpOptions, Outcome};
use vflow::config::{self, ConfigFile, ResolvedProfile};
use vflow::sim::{SimConfig, SimHandle};

mod support;

fn empty_config() -> PathBuf {
    support::empty_config("cli-sim")
}

fn vflow(args: &[&str]) -> Output {
    support::run(&empty_config(), args)
}

/// [`vflow`] on a blocking thread, so the test's simulator keeps serving.
async fn vflow_bg(args: &[&str]) -> Output {
    support::run_bg(&empty_config(), args).await
}

async fn sim(reveal: bool, aes: bool) -> SimHandle {
    let cfg = SimConfig {
        reveal_solutions: reveal,
        aes,
        quiet: true,
        ..SimConfig::default()
    };
    vflow::sim::start(cfg, ([127, 0, 0, 1], 0).into())
        .await
        .unwrap()
}

fn profile() -> ResolvedProfile {
    config::resolve_with(&config::Overrides::default(), None, &ConfigFile::default()).unwrap()
}

/// A fresh pass token for `sender`, via the library client and the revealed solution.
async fn pass_token(sim: &SimHandle, sender: &str) -> String {
    let p = profile();
    let http = Http::new(&HttpOptions {
        no_proxy: true,
        ..HttpOptions::default()
    })
    .unwrap();
    let base = sim.base_url();
    let x = http.send(&p.captcha_get(&base)).await.unwrap();
    assert_eq!(x.outcome, Outcome::Success);
    let c: vflow::api::wire::CaptchaResponse =
        serde_json::from_slice(&x.response.unwrap().body).unwrap();
    let token = c.token.unwrap();
    let sol = sim.solution(&token).unwrap();
    let x = http
        .send(&p.captcha_verify(&base, &sol.point_json, &token, sender))
        .await
        .unwrap();
    assert_eq!(x.outcome, Outcome::Success, "{:?}", x.response);
    let v: vflow::api::wire::VerifyResponse =
        serde_json::from_slice(&x.response.unwrap().body).unwrap();
    v.captcha_token
}

/// Run `vflow send --json` in a blocking thread; returns (exit code, report).
async fn send_json(base: &str, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args: Vec<String> = vec![
        "--target".into(),
        base.into(),
        "send".into(),
        "--json".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = vflow_bg(&refs).await;
    let v = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    (o.status.code().unwrap(), v)
}

fn causes(v: &serde_json::Value) -> String {
    v["explanation"]["in_this_request"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["en"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join(" | ")
}

const M: &str = "13800138000";
const NEVER_ISSUED: &str = "0123456789abcdef0123456789abcdef---{\"x\":120.0,\"y\":5.0}";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_documented_send_error_is_reproduced_with_exit_1() {
    let sim = sim(true, false).await;
    let base = sim.base_url();
    let std_args = [
        "--scene",
        "LOGIN_SMS",
        "--mobile",
        M,
        "--captcha-token",
        NEVER_ISSUED,
    ];
    let with = |over: &[&'static str]| -> Vec<&'static str> {
        let mut a: Vec<&'static str> = std_args.to_vec();
        for pair in over.chunks(2) {
            match a.iter().position(|x| *x == pair[0]) {
                Some(i) if pair.len() == 2 => a[i + 1] = pair[1],
                _ => a.extend_from_slice(pair),
            }
        }
        a
    };
    let cases: Vec<(&str, Vec<&str>, &str)> = vec![
        (
            codes::PARAM_0001,
            with(&["--omit-header", "X-agent"]),
            "X-agent was not sent at all",
        ),
        (
            codes::PARAM_0002,
            with(&["--omit-header", "X-client-id"]),
            "absent",
        ),
        (
            codes::PARAM_0003,
            with(&["--client-id", "not-a-registered-app"]),
            "not-a-registered-app",
        ),
        (codes::USER_0004, with(&["--mobile", ""]), "blank"),
        (codes::PARAM_0007, with(&["--scene", ""]), "`type`"),
        (
            codes::PARAM_0008,
            with(&["--captcha-token", ""]),
            "`captcha_token`",
        ),
        (codes::CAPTCHA_0003, with(&[]), "180 s"),
        (
            codes::CAPTCHA_0004,
            with(&["--captcha-token", "no-separator"]),
            "separator",
        ),
        (
            codes::CAPTCHA_0005,
            with(&["--scene", "LOGIN_SMSS"]),
            "did you mean LOGIN_SMS?",
        ),
    ];
    for (code, args, cause) in cases {
        let (rc, v) = send_json(&base, &args).await;
        assert_eq!(rc, 1, "{code}: {v}");
        assert_eq!(v["outcome"]["code"], code, "{v}");
        assert_eq!(v["outcome"]["known"], true);
        assert_eq!(v["explanation"]["code"], code);
        assert!(causes(&v).contains(cause), "{code}: {}", causes(&v));
        assert_eq!(v["response"]["status"], 400);
    }
    // CAPTCHA.0006: a live pass token for a malformed mobile
    let bad = "138-0013-8000";
    let t = pass_token(&sim, bad).await;
    let (rc, v) = send_json(
        &base,
        &[
            "--scene",
            "LOGIN_SMS",
            "--mobile",
            bad,
            "--captcha-token",
            &t,
        ],
    )
    .await;
    assert_eq!(rc, 1, "{v}");
    assert_eq!(v["outcome"]["code"], codes::CAPTCHA_0006);
    assert!(causes(&v).contains("malformed"), "{}", causes(&v));
    // CAPTCHA.0004 for a live token sent for another mobile, explained with --sender
    let t = pass_token(&sim, "13900139000").await;
    let (rc, v) = send_json(
        &base,
        &[
            "--scene",
            "LOGIN_SMS",
            "--mobile",
            M,
            "--captcha-token",
            &t,
            "--sender",
            "13900139000",
        ],
    )
    .await;
    assert_eq!(rc, 1);
    assert_eq!(v["outcome"]["code"], codes::CAPTCHA_0004);
    assert!(
        causes(&v).contains("differs from the sender"),
        "{}",
        causes(&v)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn success_exits_0_and_the_token_is_single_use() {
    let sim = sim(true, false).await;
    let base = sim.base_url();
    let t = pass_token(&sim, M).await;
    let args = [
        "--scene",
        "LOGIN_SMS",
        "--mobile",
        M,
        "--captcha-token",
        t.as_str(),
    ];
    let (rc, v) = send_json(&base, &args).await;
    assert_eq!(rc, 0, "{v}");
    assert_eq!(v["outcome"]["class"], "success");
    assert_eq!(v["response"]["status"], 200);
    assert!(v["timing"]["total_ms"].as_f64().unwrap() >= 0.0);
    assert!(
        v["explanation"]["meaning"]["en"]
            .as_str()
            .unwrap()
            .contains("300 s")
    );
    assert!(
        sim.outbox()
            .iter()
            .any(|e| e.mobile == M && e.scene == "LOGIN_SMS")
    );
    let (rc, v) = send_json(&base, &args).await;
    assert_eq!(rc, 1);
    assert_eq!(v["outcome"]["code"], codes::CAPTCHA_0003);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn human_output_shows_request_response_and_both_languages() {
    let sim = sim(false, false).await;
    let base = sim.base_url();
    let o = vflow_bg(&[
        "--target",
        &base,
        "--lang",
        "zh",
        "send",
        "--scene",
        "LOGIN_SMSS",
        "--mobile",
        M,
        "--captcha-token",
        NEVER_ISSUED,
    ])
    .await;
    assert_eq!(o.status.code(), Some(1));
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(
        t.contains("> x-l: zh") && t.contains("< HTTP/1.1 400"),
        "{t}"
    );
    assert!(
        t.contains("未知的发送场景") && t.contains("Unknown sending scenario"),
        "{t}"
    );
    assert!(t.contains("LOGIN_SMS"), "{t}");
}

#[test]
fn flow_in_process_completes_the_chain() {
    let o = vflow(&["flow", "--scene", "LOGIN_SMS", "--mobile", M]);
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{t}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for step in [
        "captcha",
        "solution",
        "verify",
        "send",
        "outbox",
        "login",
        "flow complete",
    ] {
        assert!(t.contains(step), "{step}: {t}");
    }
    let o = vflow(&[
        "--redact",
        "flow",
        "--scene",
        "REGISTER_SMS",
        "--mobile",
        M,
        "--json",
    ]);
    assert!(o.status.success());
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(!t.contains(M), "redacted: {t}");
    // The delivered SMS code in the outbox body is masked too.
    let marker = r#"\"code\":\""#;
    let codes: Vec<&str> = t
        .match_indices(marker)
        .map(|(i, _)| &t[i + marker.len()..])
        .collect();
    assert!(!codes.is_empty(), "the outbox body is in the report: {t}");
    for rest in codes {
        assert!(
            rest.starts_with("******"),
            "code not masked: {}",
            &rest[..10]
        );
    }
    let v: serde_json::Value = serde_json::from_str(&t).unwrap();
    assert_eq!(v["ok"], true);
    let names: Vec<&str> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "captcha", "solution", "verify", "send", "outbox", "register"
        ],
        "REGISTER_SMS ends with its own consumer"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flow_against_a_target_with_aes_and_without_reveal() {
    let aes = sim(true, true).await;
    let base = aes.base_url();
    let o = vflow_bg(&[
        "--target",
        &base,
        "flow",
        "--scene",
        "LOGIN_SMS",
        "--mobile",
        M,
    ])
    .await;
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{t}");
    assert!(t.contains("secretKey set (AES)"), "{t}");
    let plain = sim(false, false).await;
    let base = plain.base_url();
    let o = vflow_bg(&["--target", &base, "flow"]).await;
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--reveal-solutions"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn captcha_get_saves_pngs_and_verify_prints_the_pass_token() {
    let sim = sim(true, false).await;
    let base = sim.base_url();
    let dir = std::env::temp_dir().join(format!("vflow-pngs-{}", std::process::id()));
    let (b, d) = (base.clone(), dir.clone());
    let o = vflow_bg(&[
        "--target",
        &b,
        "captcha",
        "get",
        "--save",
        d.to_str().unwrap(),
    ])
    .await;
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    let token = out
        .lines()
        .find_map(|l| l.strip_prefix("token: "))
        .unwrap()
        .to_string();
    for suffix in ["background", "piece"] {
        let png = std::fs::read(dir.join(format!("{token}-{suffix}.png"))).unwrap();
        assert_eq!(&png[..4], b"\x89PNG");
    }
    let x = sim.solution(&token).unwrap().x.to_string();
    let (b, t) = (base.clone(), token.clone());
    let o = vflow_bg(&[
        "--target", &b, "captcha", "verify", "--token", &t, "--x", &x, "--sender", M,
    ])
    .await;
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let pass = String::from_utf8_lossy(&o.stdout).trim().to_string();
    assert!(
        pass.starts_with(&format!("{token}---")),
        "stdout is only the pass token: {pass}"
    );
    // a second verify of the same puzzle fails: one attempt only
    let o = vflow_bg(&[
        "--target", &base, "captcha", "verify", "--token", &token, "--x", "150", "--sender", M,
    ])
    .await;
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains(codes::CAPTCHA_0002));
    assert!(o.stdout.is_empty(), "stdout is for the pass token alone");
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simulator_fault_knobs_give_timeout_gateway_failure_and_cooldown() {
    // latency beyond the configured timeout: a transport timeout, exit 3
    let slow = vflow::sim::start(
        SimConfig {
            latency: std::time::Duration::from_secs(3),
            quiet: true,
            ..SimConfig::default()
        },
        ([127, 0, 0, 1], 0).into(),
    )
    .await
    .unwrap();
    let args: Vec<String> = [
        "--target",
        &slow.base_url(),
        "--timeout",
        "200ms",
        "send",
        "--json",
        "--scene",
        "LOGIN_SMS",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = vflow_bg(&refs).await;
    assert_eq!(o.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["outcome"]["kind"], "timeout");
    assert!(
        v["explanation"]["meaning"]["en"]
            .as_str()
            .unwrap()
            .contains("total 200ms")
    );

    // the gateway always fails: CAPTCHA.0006 for a well-formed mobile
    let failing = vflow::sim::start(
        SimConfig {
            gateway_failure_rate: 1.0,
            reveal_solutions: true,
            quiet: true,
            ..SimConfig::default()
        },
        ([127, 0, 0, 1], 0).into(),
    )
    .await
    .unwrap();
    let t = pass_token(&failing, M).await;
    let (rc, v) = send_json(
        &failing.base_url(),
        &["--scene", "LOGIN_SMS", "--mobile", M, "--captcha-token", &t],
    )
    .await;
    assert_eq!(rc, 1);
    assert_eq!(v["outcome"]["code"], codes::CAPTCHA_0006);
    let c = causes(&v);
    assert!(c.contains("well formed") && c.contains("gateway"), "{c}");

    // a resend within the cooldown: CAPTCHA.0006 too
    let sim = sim(true, false).await;
    let base = sim.base_url();
    for expected in [0, 1] {
        let t = pass_token(&sim, M).await;
        let (rc, v) = send_json(
            &base,
            &["--scene", "LOGIN_SMS", "--mobile", M, "--captcha-token", &t],
        )
        .await;
        assert_eq!(rc, expected, "{v}");
        if expected == 1 {
            assert_eq!(v["outcome"]["code"], codes::CAPTCHA_0006);
            assert!(causes(&v).contains("60 s"), "{}", causes(&v));
        }
    }
}

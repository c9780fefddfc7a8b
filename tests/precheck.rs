//! The client's pre-send checks against the simulator: `spends_token` agrees
//! with what the simulator consumes at every step of its validation order
//! (spec §3), and `vflow send` prints the warnings before the exchange and
//! carries them in `--json`.

use vflow::api::catalogue::codes;
use vflow::client::precheck::spends_token;
use vflow::client::{Exchange, HeaderSetting, Http, HttpOptions, Outcome, build, simflow};
use vflow::tui::fixtures;

fn http() -> Http {
    Http::new(&HttpOptions {
        no_proxy: true,
        ..HttpOptions::default()
    })
    .unwrap()
}

fn code(x: &Exchange) -> String {
    match &x.outcome {
        Outcome::Success => "200".into(),
        Outcome::ApiError { code, .. } => code.clone(),
        other => panic!("unexpected outcome {other:?}"),
    }
}

fn without(headers: &[HeaderSetting], name: &str) -> Vec<HeaderSetting> {
    let mut hs = headers.to_vec();
    for h in hs.iter_mut().filter(|h| h.name.eq_ignore_ascii_case(name)) {
        h.enabled = false;
    }
    hs
}

/// One failing request per step: (step, expected code, headers, scene, mobile, token to send).
/// `live` is a pass token captcha/verify issued for `sender`.
fn request_for_step(
    step: u8,
    headers: &[HeaderSetting],
    sender: &str,
    live: &str,
) -> (&'static str, Vec<HeaderSetting>, String, String, String) {
    let hs = headers.to_vec();
    let (m, t) = (sender.to_string(), live.to_string());
    let ok = "LOGIN_SMS".to_string();
    match step {
        1 => (codes::PARAM_0001, without(&hs, "X-agent"), ok, m, t),
        2 => (codes::PARAM_0002, without(&hs, "X-client-id"), ok, m, t),
        3 => {
            let mut hs = hs;
            for h in hs
                .iter_mut()
                .filter(|h| h.name.eq_ignore_ascii_case("X-client-id"))
            {
                h.value = "not-a-registered-app".into();
            }
            (codes::PARAM_0003, hs, ok, m, t)
        }
        4 => (codes::USER_0004, hs, ok, String::new(), t),
        5 => (codes::PARAM_0007, hs, String::new(), m, t),
        6 => (codes::PARAM_0008, hs, ok, m, String::new()),
        7 => (codes::CAPTCHA_0005, hs, "NOT_A_SCENE".into(), m, t),
        // the live token's TOKEN part with an empty POINT_JSON: fails the shape check
        8 => {
            let token_part = live.split("---").next().unwrap().to_string();
            (codes::CAPTCHA_0004, hs, ok, m, format!("{token_part}---"))
        }
        9 => (
            codes::CAPTCHA_0003,
            hs,
            ok,
            m,
            "0123456789abcdef0123456789abcdef---{\"x\":120.0,\"y\":5.0}".into(),
        ),
        // live, but another mobile than the captcha's sender
        10 => (codes::CAPTCHA_0004, hs, ok, "13900139000".into(), t),
        // the sender itself is not a valid mobile number (step 11)
        11 => (codes::CAPTCHA_0006, hs, ok, m, t),
        12 => ("200", hs, ok, m, t),
        _ => unreachable!(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spends_token_matches_what_the_simulator_consumes_at_every_step() {
    let sim = fixtures::simulator(false).await;
    let base = sim.base_url();
    let http = http();
    let headers = fixtures::headers();
    for step in 1..=12u8 {
        // A sender of its own per step (no cooldown between steps); step 11's
        // is malformed on purpose.
        let sender = if step == 11 {
            "123".to_string()
        } else {
            format!("138001380{step:02}")
        };
        let live = simflow::token_from_simulator(&http, &base, &headers, &sender)
            .await
            .unwrap();
        let (expected, hs, scene, mobile, sent) = request_for_step(step, &headers, &sender, &live);
        let x = http
            .send(&build::sms_send(&base, hs, &scene, &mobile, &sent))
            .await
            .unwrap();
        assert_eq!(code(&x), expected, "step {step} fails where it should");
        // Is the token that was sent (the live one where none was sent) still usable?
        let probe = if sent.is_empty() { &live } else { &sent };
        let again = http
            .send(&build::sms_send(
                &base,
                headers.clone(),
                "REGISTER_SMS",
                &sender,
                probe,
            ))
            .await
            .unwrap();
        let consumed = code(&again) == codes::CAPTCHA_0003;
        assert_eq!(
            spends_token(&x.outcome, &sent),
            consumed,
            "step {step} ({expected}): spends_token says {}, the simulator {} the token (then {})",
            spends_token(&x.outcome, &sent),
            if consumed { "consumed" } else { "kept" },
            code(&again)
        );
    }
}

#[test]
fn send_prints_the_warning_before_the_exchange_and_json_carries_it() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sim = rt.block_on(fixtures::simulator(false));
    let base = sim.base_url();
    let dir = std::env::temp_dir().join(format!("vflow-precheck-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cfg = dir.join("config.toml");
    std::fs::write(&cfg, "").unwrap();
    let run = |json: bool| {
        let mut args = vec![
            "--config",
            cfg.to_str().unwrap(),
            "--target",
            &base,
            "send",
            "--scene",
            "LOGIN_SMS",
            "--mobile",
            "13800138000",
            "--captcha-token",
            "0123456789abcdef0123456789abcdef---{\"x\":120.0,\"y\":5.0}",
            "--omit-header",
            "X-device-fingerprint",
        ];
        if json {
            args.push("--json");
        }
        std::process::Command::new(env!("CARGO_BIN_EXE_vflow"))
            .args(&args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let o = run(false);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("warning: X-device-fingerprint is omitted: PARAM.0001"),
        "{stderr}"
    );
    // the exchange happened after it, and failed as warned
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains(codes::PARAM_0001), "{stdout}");
    let o = run(true);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let w = v["warnings"].as_array().expect("a warnings array");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0]["expect"], codes::PARAM_0001);
    assert_eq!(
        w[0]["text"]["en"],
        "X-device-fingerprint is omitted: PARAM.0001"
    );
    assert!(
        w[0]["text"]["zh"]
            .as_str()
            .unwrap()
            .contains("X-device-fingerprint")
    );
}

/// The review's cooldown warning: the seconds since the send and the seconds left are
/// read from the same instant and add up to the 60 s cooldown (2.9 s ago: 2 s, wait 58 s).
#[test]
fn the_cooldown_warning_adds_up_to_the_cooldown() {
    use vflow::client::precheck::{Input, warnings};
    let headers = fixtures::headers();
    for (ms, ago, left) in [(2_900, 2, 58), (35_000, 35, 25), (59_999, 59, 1)] {
        let w = warnings(&Input {
            headers: &headers,
            mobile: "13800138000",
            scene: "LOGIN_SMS",
            captcha_token: fixtures::TOKEN,
            issued: None,
            recent_send: Some(std::time::Duration::from_millis(ms)),
        });
        let w = w
            .iter()
            .find(|w| w.expect == Some(codes::CAPTCHA_0006))
            .expect("the cooldown warning");
        assert!(
            w.text.en.contains(&format!("{ago} s ago"))
                && w.text.en.contains(&format!("wait {left} s)")),
            "{}",
            w.text.en
        );
        assert!(
            w.text.zh.contains(&format!("{ago} 秒前"))
                && w.text.zh.contains(&format!("等待 {left} 秒")),
            "{}",
            w.text.zh
        );
    }
}

/// A malformed mobile's warning says what is wrong in each language (the Chinese text once
/// carried the English reason: "手机号有误（3 digits: at least 5 are needed）").
#[test]
fn the_malformed_mobile_warning_reads_in_each_language() {
    use vflow::client::precheck::{Input, warnings};
    let headers = fixtures::headers();
    for (mobile, en, zh) in [
        (
            "138",
            "3 digits: at least 5 are needed",
            "3 位数字：至少需要 5 位",
        ),
        ("138 0013 8000", "only digits", "只允许数字"),
    ] {
        let w = warnings(&Input {
            headers: &headers,
            mobile,
            scene: "LOGIN_SMS",
            captcha_token: fixtures::TOKEN,
            issued: None,
            recent_send: None,
        });
        let w = w
            .iter()
            .find(|w| w.expect == Some(codes::CAPTCHA_0006))
            .expect("the malformed-mobile warning");
        assert!(w.text.en.contains(en), "{}", w.text.en);
        assert!(w.text.zh.contains(zh), "{}", w.text.zh);
        assert!(
            !w.text.zh.contains("digit"),
            "no English in the Chinese text: {}",
            w.text.zh
        );
    }
}

//! Every catalogue code, unknown codes, HTTP errors, bad bodies and each
//! transport kind get a request-specific explanation. No server needed.

use super::*;
use crate::api::Lang;
use crate::api::catalogue::codes;
use crate::api::headers as h;
use crate::client::TransportKind;
use crate::client::build::{self, header};
use crate::client::{RequestSpec, send};
use std::time::Duration;

const TOKEN: &str = "71dd26999e314f9abb0c635336976635---{\"x\":237.0,\"y\":5.0}";

fn base_spec() -> RequestSpec {
    build::sms_send(
        "http://127.0.0.1:8080",
        vec![
            header(h::OS_VERSION, "Android 14"),
            header(h::FINGERPRINT, "156aysdna213sc50"),
            header(h::AGENT, "Mozilla/5.0"),
            header(h::LANG, "en"),
            header(h::CLIENT_ID, h::EXAMPLE_CLIENT_ID),
            header(h::CONTENT_TYPE, "application/json"),
        ],
        "LOGIN_SMS",
        "13800138000",
        TOKEN,
    )
}

fn api(code: &str) -> Outcome {
    let entry = Catalogue::get().entry(code);
    Outcome::ApiError {
        status: 400,
        code: code.into(),
        message: entry.msg.en.clone(),
        known: true,
    }
}

fn explain_spec(spec: &RequestSpec, outcome: &Outcome, ctx: &ExplainContext) -> Explanation {
    let sent = send::record(spec).unwrap();
    explain(&sent, None, outcome, ctx)
}

/// All cause lines, English, joined.
fn causes(e: &Explanation) -> String {
    e.in_this_request
        .iter()
        .map(|t| t.en.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

fn run(edit: impl FnOnce(&mut RequestSpec), code: &str) -> String {
    let mut s = base_spec();
    edit(&mut s);
    let e = explain_spec(&s, &api(code), &ExplainContext::default());
    assert_eq!(e.code.as_deref(), Some(code));
    assert!(!e.next_steps.is_empty(), "{code} has next steps");
    assert!(!e.meaning.en.is_empty() && !e.meaning.zh.is_empty());
    for t in e
        .in_this_request
        .iter()
        .chain(e.next_steps.iter().map(|s| &s.text))
    {
        assert!(!t.zh.is_empty(), "{code}: every line has Chinese: {t:?}");
    }
    causes(&e)
}

#[test]
fn param_0001_names_missing_versus_blank_device_headers() {
    let c = run(
        |s| {
            s.omit_header(h::OS_VERSION);
            s.set_header(h::AGENT, "  ");
        },
        codes::PARAM_0001,
    );
    assert!(
        c.contains("X-operating-sys-version was not sent at all"),
        "{c}"
    );
    assert!(c.contains("X-agent was sent with a blank value"), "{c}");
    assert!(
        c.contains("X-device-fingerprint was sent with a value (fine)"),
        "{c}"
    );
    let c = run(|_| {}, codes::PARAM_0001);
    assert!(c.contains("strip X- headers"), "{c}");
}

#[test]
fn param_0002_absent_versus_blank_client_id() {
    let c = run(|s| s.omit_header(h::CLIENT_ID), codes::PARAM_0002);
    assert!(c.contains("absent"), "{c}");
    let c = run(|s| s.set_header(h::CLIENT_ID, ""), codes::PARAM_0002);
    assert!(c.contains("sent, but blank"), "{c}");
}

#[test]
fn param_0003_names_the_unknown_client_id_and_near_misses() {
    let typo = "nTo1eRIub60vPb54WeE6aojPwYwImtl5";
    let mut s = base_spec();
    s.set_header(h::CLIENT_ID, typo);
    let ctx = ExplainContext {
        registered_client_ids: Some(vec![h::EXAMPLE_CLIENT_ID.into()]),
        ..Default::default()
    };
    let c = causes(&explain_spec(&s, &api(codes::PARAM_0003), &ctx));
    assert!(
        c.contains(typo) && c.contains("not a registered application"),
        "{c}"
    );
    assert!(c.contains("near miss"), "{c}");
    let c = run(|s| s.set_header(h::CLIENT_ID, "short"), codes::PARAM_0003);
    assert!(c.contains("5 characters long"), "{c}");
}

#[test]
fn user_0004_missing_blank_and_misspelled_field() {
    let c = run(
        |s| {
            s.body.as_mut().unwrap()[0].enabled = false;
            s.set_field("phone", "13800138000");
        },
        codes::USER_0004,
    );
    assert!(c.contains("`mobile` was not sent at all"), "{c}");
    assert!(c.contains("\"phone\""), "{c}");
    let c = run(|s| s.set_field("mobile", ""), codes::USER_0004);
    assert!(c.contains("blank"), "{c}");
}

#[test]
fn param_0007_and_0008_name_the_field() {
    let c = run(|s| s.set_field("type", ""), codes::PARAM_0007);
    assert!(c.contains("`type`") && c.contains("blank"), "{c}");
    let c = run(
        |s| s.body.as_mut().unwrap()[2].enabled = false,
        codes::PARAM_0008,
    );
    assert!(c.contains("`captcha_token` was not sent at all"), "{c}");
}

#[test]
fn captcha_0005_names_the_scene_and_the_nearest() {
    let c = run(|s| s.set_field("type", "LOGIN_SMSS"), codes::CAPTCHA_0005);
    assert!(c.contains("\"LOGIN_SMSS\""), "{c}");
    assert!(c.contains("did you mean LOGIN_SMS?"), "{c}");
    let c = run(
        |s| s.set_field("type", "CHANGE_PWD_SMS"),
        codes::CAPTCHA_0005,
    );
    assert!(c.contains("UPDATE_PWD_SMS") && c.contains("EIAM"), "{c}");
    let c = run(
        |s| s.set_field("type", "HELLO_WORLD_ENTIRELY_DIFFERENT"),
        codes::CAPTCHA_0005,
    );
    assert!(c.contains("not close"), "{c}");
}

#[test]
fn captcha_0004_names_the_token_shape_problem_or_the_sender_mismatch() {
    let c = run(
        |s| s.set_field("captcha_token", "71dd{\"x\":1,\"y\":5}"),
        codes::CAPTCHA_0004,
    );
    assert!(c.contains("no \"---\" separator"), "{c}");
    let c = run(
        |s| s.set_field("captcha_token", "abc---"),
        codes::CAPTCHA_0004,
    );
    assert!(c.contains("POINT_JSON part after \"---\" is empty"), "{c}");
    let ctx = ExplainContext {
        captcha_sender: Some("13900139000".into()),
        ..Default::default()
    };
    let c = causes(&explain_spec(&base_spec(), &api(codes::CAPTCHA_0004), &ctx));
    assert!(c.contains("differs from the sender 13900139000"), "{c}");
    let ctx = ExplainContext {
        issued_pass_token: Some(TOKEN.replace("237.0", "237")),
        ..Default::default()
    };
    let c = causes(&explain_spec(&base_spec(), &api(codes::CAPTCHA_0004), &ctx));
    assert!(
        c.contains("differs from what captcha/verify returned"),
        "{c}"
    );
}

#[test]
fn captcha_0003_single_use_and_180_s() {
    let c = run(|_| {}, codes::CAPTCHA_0003);
    assert!(c.contains("single use") && c.contains("180 s"), "{c}");
    let ctx = ExplainContext {
        pass_token_age: Some(Duration::from_secs(200)),
        ..Default::default()
    };
    let c = causes(&explain_spec(&base_spec(), &api(codes::CAPTCHA_0003), &ctx));
    assert!(c.contains("200 s ago: expired"), "{c}");
}

#[test]
fn captcha_0006_malformed_mobile_or_cooldown_cap_gateway() {
    let c = run(
        |s| s.set_field("mobile", "138-0013-8000"),
        codes::CAPTCHA_0006,
    );
    assert!(c.contains("malformed") && c.contains("'-'"), "{c}");
    let c = run(|_| {}, codes::CAPTCHA_0006);
    assert!(
        c.contains("well formed")
            && c.contains("60 s")
            && c.contains("daily cap")
            && c.contains("gateway"),
        "{c}"
    );
    let c = run(
        |s| s.set_field("type", "UPDATE_PWD_SMS"),
        codes::CAPTCHA_0006,
    );
    assert!(c.contains("full area code"), "{c}");
}

#[test]
fn other_family_and_simulator_codes_are_specific() {
    let mut v = build::captcha_verify(
        "http://h",
        vec![header(h::LANG, "zh")],
        "{\"x\":120.0,\"y\":7.0}",
        "tok",
        "13800138000",
    );
    let e = explain_spec(&v, &api(codes::CAPTCHA_0002), &ExplainContext::default());
    assert_eq!(e.lang, Lang::Zh, "X-L: zh");
    let c = causes(&e);
    assert!(
        c.contains("x = 120, y = 7")
            && c.contains("y must be 5")
            && c.contains("ONE verify attempt"),
        "{c}"
    );
    v.set_field("sender", "");
    let c = causes(&explain_spec(
        &v,
        &api(codes::USER_0004),
        &ExplainContext::default(),
    ));
    assert!(c.contains("`sender`"), "{c}");
    let l = build::login("http://h", vec![], "13800138000", "");
    let c = causes(&explain_spec(
        &l,
        &api(codes::CAPTCHA_0007),
        &ExplainContext::default(),
    ));
    assert!(
        c.contains("verify_code was sent with a blank value") && c.contains("5 wrong attempts"),
        "{c}"
    );
    let c = causes(&explain_spec(
        &l,
        &api(codes::PARAM_0016),
        &ExplainContext::default(),
    ));
    assert!(c.contains("Authorization was not sent"), "{c}");
    let c = run(|s| s.omit_header(h::CONTENT_TYPE), codes::SIM_CONTENT_TYPE);
    assert!(c.contains("content-type was not sent"), "{c}");
    // the simulator's own check: a real tenant may differ; charset parameters are fine
    assert!(c.contains("a real tenant may answer differently"), "{c}");
    assert!(c.contains("charset=UTF-8) is accepted"), "{c}");
    let e = Catalogue::get().find(codes::SIM_CONTENT_TYPE).unwrap();
    assert!(
        e.meaning
            .en
            .contains("a real tenant may answer differently")
    );
    assert!(e.meaning.en.contains(";charset="));
    let c = run(|s| s.path = "/api/v2/sdk/nope".into(), codes::SIM_NOT_FOUND);
    assert!(c.contains("/api/v2/sdk/nope"), "{c}");
    let c = run(|s| s.method = "PUT".into(), codes::SIM_METHOD);
    assert!(c.contains("PUT"), "{c}");
    for code in [
        codes::SIM_BAD_JSON,
        codes::SIM_FIELD_TYPE,
        codes::SIM_BODY_TOO_LARGE,
    ] {
        assert!(!run(|_| {}, code).is_empty(), "{code}");
    }
}

#[test]
fn every_catalogue_code_has_a_request_specific_line() {
    for entry in &Catalogue::get().entries {
        let c = run(|_| {}, &entry.code);
        assert!(!c.is_empty(), "{} has an in-this-request line", entry.code);
    }
}

#[test]
fn unknown_codes_http_errors_bad_bodies_and_transport_kinds() {
    let s = base_spec();
    let unknown = Outcome::ApiError {
        status: 400,
        code: "SDK.COMMON.1001".into(),
        message: "Parameter X-client-id cannot be left blank.".into(),
        known: false,
    };
    let e = explain_spec(&s, &unknown, &ExplainContext::default());
    assert!(e.title.en.contains("Unknown error code") && causes(&e).contains("EIAM"));
    let sent = send::record(&s).unwrap();
    let html = crate::client::ReceivedResponse {
        status: 502,
        version: "HTTP/1.1".into(),
        headers: vec![],
        body: b"<html><title>502 Bad Gateway</title></html>".to_vec(),
        truncated: false,
    };
    let e = explain(
        &sent,
        Some(&html),
        &Outcome::HttpError { status: 502 },
        &ExplainContext::default(),
    );
    let c = causes(&e);
    assert!(
        c.contains("<title>502 Bad Gateway</title>") && c.contains("gateway"),
        "{c}"
    );
    let e = explain_spec(
        &s,
        &Outcome::HttpError { status: 404 },
        &ExplainContext::default(),
    );
    assert!(e.next_steps[0].text.en.contains("root URL"));
    let e = explain_spec(
        &s,
        &Outcome::BadBody {
            status: 200,
            reason: "not the captcha body".into(),
        },
        &ExplainContext::default(),
    );
    assert_eq!(e.class, "bad_body");
    let kinds = [
        (TransportKind::ConnectionRefused, "vflow serve"),
        (TransportKind::Dns, "spelling"),
        (TransportKind::Tls, "--ca-file"),
        (TransportKind::Timeout, "--timeout"),
        (TransportKind::ConnectionReset, "proxies"),
        (TransportKind::Other, "HTTP API"),
    ];
    let mut titles = std::collections::HashSet::new();
    for (kind, step) in kinds {
        let o = Outcome::Transport {
            kind,
            detail: "x".into(),
        };
        let e = explain_spec(&s, &o, &ExplainContext::default());
        assert!(
            titles.insert(e.title.en.clone()),
            "{kind:?} has its own title"
        );
        assert!(
            e.next_steps.iter().any(|t| t.text.en.contains(step)),
            "{kind:?}: {:?}",
            e.next_steps
        );
    }
    let e = explain_spec(&s, &Outcome::Cancelled, &ExplainContext::default());
    assert_eq!(e.class, "cancelled");
    // the timeouts are named in each language
    let ctx = ExplainContext {
        connect_timeout: Some(std::time::Duration::from_secs(10)),
        timeout: Some(std::time::Duration::from_secs(30)),
        ..ExplainContext::default()
    };
    let o = Outcome::Transport {
        kind: TransportKind::Timeout,
        detail: "x".into(),
    };
    let e = explain_spec(&s, &o, &ctx);
    assert!(
        e.meaning.en.contains("(connect 10s, total 30s)"),
        "{}",
        e.meaning.en
    );
    assert!(
        e.meaning.zh.contains("（连接 10s，总计 30s）"),
        "{}",
        e.meaning.zh
    );
    assert!(!e.meaning.zh.contains("connect"), "{}", e.meaning.zh);
}

#[test]
fn success_says_what_comes_next_and_rendering_has_both_languages() {
    let e = explain_spec(&base_spec(), &Outcome::Success, &ExplainContext::default());
    assert!(e.meaning.en.contains("300 s"), "{}", e.meaning.en);
    assert!(
        e.next_steps
            .iter()
            .any(|t| t.text.en.contains("login/mobile-verify-code"))
    );
    let text = e.render(Lang::Zh);
    assert!(text.contains("下一步"), "{text}");
    assert!(e.render(Lang::En).contains("Next steps:"));
}

#[test]
fn a_tenant_path_prefix_does_not_hide_the_endpoint() {
    let mut s = base_spec();
    s.base_url = "https://idaas.example.com/tenant-a/".into();
    let e = explain_spec(&s, &Outcome::Success, &ExplainContext::default());
    assert_eq!(e.title.en, "SMS code sent");
}

#[test]
fn redaction_masks_values_in_the_text() {
    let mut s = base_spec();
    s.set_field("mobile", "138-0013-8000");
    let ctx = ExplainContext {
        redact: true,
        ..Default::default()
    };
    let e = explain_spec(&s, &api(codes::CAPTCHA_0006), &ctx);
    let c = causes(&e);
    assert!(
        !c.contains("138-0013-8000") && c.contains("138********00"),
        "{c}"
    );
}

#[test]
fn next_steps_fit_what_the_request_shows() {
    let steps = |edit: &dyn Fn(&mut RequestSpec), code: &str| {
        let mut s = base_spec();
        edit(&mut s);
        let e = explain_spec(&s, &api(code), &ExplainContext::default());
        e.next_steps
            .iter()
            .map(|t| t.text.en.clone())
            .collect::<Vec<_>>()
    };
    // A malformed number: fixing it comes first, no "wait 60 s" of our own.
    let st = steps(&|s| s.set_field("mobile", "138"), codes::CAPTCHA_0006);
    assert!(st[0].starts_with("fix the mobile number"), "{st:?}");
    assert!(!st.iter().any(|x| x.starts_with("wait 60 s")), "{st:?}");
    // ... and not the catalogue's "wait for the cooldown" either: the cause is known.
    assert!(!st.iter().any(|x| x.contains("cooldown")), "{st:?}");
    // A well-formed one: the cooldown is the likely cause.
    let st = steps(&|_| {}, codes::CAPTCHA_0006);
    assert!(st.iter().any(|x| x.starts_with("wait 60 s")), "{st:?}");
    // A lower-case scene: the exact value to send, and the six scenes listed once.
    let st = steps(&|s| s.set_field("type", "login_sms"), codes::CAPTCHA_0005);
    assert!(st.iter().any(|x| x.ends_with("send LOGIN_SMS")), "{st:?}");
    let listed = st.iter().filter(|x| x.contains("BIND_MOBILE_SMS")).count();
    assert_eq!(listed, 1, "{st:?}");
}

#[test]
fn chinese_lines_carry_no_english_fragments_for_shapes_and_numbers() {
    let zh = |edit: &dyn Fn(&mut RequestSpec), code: &str| {
        let mut s = base_spec();
        edit(&mut s);
        let e = explain_spec(&s, &api(code), &ExplainContext::default());
        e.in_this_request
            .iter()
            .map(|t| t.zh.clone())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let c = zh(
        &|s| s.set_field("captcha_token", "no-separator"),
        codes::CAPTCHA_0004,
    );
    assert!(
        c.contains("缺少 \"---\" 分隔符") && !c.contains("separator"),
        "{c}"
    );
    let c = zh(&|s| s.set_field("mobile", "138"), codes::CAPTCHA_0006);
    assert!(c.contains("至少需要 5 位") && !c.contains("digits"), "{c}");
    let c = zh(&|s| s.set_field("type", "LOGN_SMS"), codes::CAPTCHA_0005);
    assert!(
        c.contains("场景 `type` 为") && !c.contains("the scene"),
        "{c}"
    );
}

#[test]
fn steps_name_actions_and_the_cli_says_its_flag() {
    let e = explain_spec(
        &base_spec(),
        &api(codes::PARAM_0001),
        &ExplainContext::default(),
    );
    let preset = e
        .next_steps
        .iter()
        .find(|s| s.action == Some(UiAction::ApplyPreset))
        .expect("PARAM_0001 points at the preset action");
    assert_eq!(preset.text.en, "apply a device preset");
    let cli = preset.cli();
    assert!(cli.en.contains("--device android|iphone"), "{}", cli.en);
    assert!(cli.zh.contains("--device"), "{}", cli.zh);
    assert!(
        e.render(Lang::En)
            .contains("apply a device preset (--device")
    );
    let json = serde_json::to_value(preset).unwrap();
    assert_eq!(json["action"], "apply_preset");
    assert_eq!(json["en"], cli.en.as_str());
    let e = explain_spec(
        &base_spec(),
        &api(codes::PARAM_0002),
        &ExplainContext::default(),
    );
    assert!(
        e.next_steps
            .iter()
            .any(|s| s.action == Some(UiAction::EditClientId)
                && s.cli().en.contains("--client-id ID"))
    );
    // An action without a flag is named in words.
    let login = Step::with(t("use the code", "使用验证码"), UiAction::Login);
    assert_eq!(
        login.cli().en,
        "use the code (in the TUI: log in with the code)"
    );
    let plain = serde_json::to_value(Step::plain(t("a", "甲"))).unwrap();
    assert_eq!(plain, serde_json::json!({"en": "a", "zh": "甲"}));
}

#[test]
fn no_explanation_names_a_tui_key() {
    let spec = base_spec();
    let entries = &Catalogue::get().entries;
    for entry in entries {
        let e = explain_spec(&spec, &api(&entry.code), &ExplainContext::default());
        for s in &e.next_steps {
            for text in [&s.text, &s.cli()] {
                for line in [&text.en, &text.zh] {
                    assert!(
                        !line.contains("TUI:") && !line.contains("F2") && !line.contains("TUI："),
                        "{}: {line}",
                        entry.code
                    );
                }
            }
        }
    }
}

#[test]
fn a_resend_in_the_cooldown_says_what_to_do_once_and_the_seconds_add_up() {
    let todo = &Catalogue::get().entry(codes::CAPTCHA_0006).todo;
    // the steps the explainer supersedes are the ones it says better
    assert!(todo.en[fields::todo_0006::CHECK_MOBILE].contains("mobile number"));
    assert!(todo.en[fields::todo_0006::WAIT_COOLDOWN].contains("cooldown"));
    let ctx = ExplainContext {
        recent_send: Some(Duration::from_millis(35_600)),
        ..Default::default()
    };
    let e = explain_spec(&base_spec(), &api(codes::CAPTCHA_0006), &ctx);
    let en: Vec<&str> = e.next_steps.iter().map(|s| s.text.en.as_str()).collect();
    let zh: Vec<&str> = e.next_steps.iter().map(|s| s.text.zh.as_str()).collect();
    // 35 s before, 25 s more: 60 in all
    assert!(
        causes(&e).contains("for LOGIN_SMS 35 s before"),
        "{}",
        causes(&e)
    );
    assert_eq!(
        en.iter()
            .filter(|s| s.contains("wait") || s.contains("another"))
            .count(),
        1,
        "{en:?}"
    );
    assert!(
        en.contains(&"wait 25 s more, or send to another mobile or scene"),
        "{en:?}"
    );
    assert!(
        !en.iter().any(|s| s.contains("check the mobile number")),
        "{en:?}"
    );
    assert!(
        zh.contains(&"再等待 25 秒，或换一个手机号或场景发送"),
        "{zh:?}"
    );
    assert!(!zh.iter().any(|s| s.contains("等待冷却结束")), "{zh:?}");
    // the consumed pass token is still worth saying
    assert!(
        en.iter().any(|s| s.contains("solve a new captcha")),
        "{en:?}"
    );
    // a malformed number: "fix it" once, not "check it" as well
    let mut s = base_spec();
    s.set_field("mobile", "138");
    let e = explain_spec(&s, &api(codes::CAPTCHA_0006), &ExplainContext::default());
    let en: Vec<&str> = e.next_steps.iter().map(|s| s.text.en.as_str()).collect();
    assert!(
        !en.iter().any(|s| s.contains("check the mobile number")),
        "{en:?}"
    );
}

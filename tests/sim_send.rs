//! `POST /api/v2/sdk/sms/send`: one test per error code, the success path, the validation
//! order, the cooldown and daily cap on a manual clock, and the language of messages.

mod sim_support;

use serde_json::json;
use sim_support::*;
use vflow::api::Scene;
use vflow::api::catalogue::codes;
use vflow::api::headers;
use vflow::sim::GATEWAY_FAILURE_MOBILES;

#[tokio::test]
async fn success_delivers_a_six_digit_code_to_the_outbox() {
    let sim = Sim::new();
    let r = sim.send_fresh(MOBILE, "LOGIN_SMS").await;
    r.assert_ok();
    assert!(r.body.is_empty(), "200 has no body: {:?}", r.body);
    let outbox = sim.outbox().await;
    assert_eq!(outbox.len(), 1);
    let e = &outbox[0];
    assert_eq!((e.mobile.as_str(), e.scene.as_str()), (MOBILE, "LOGIN_SMS"));
    assert!(
        e.code.len() == 6 && e.code.chars().all(|c| c.is_ascii_digit()),
        "{e:?}"
    );
    assert_eq!(
        e.time, "2026-01-01T00:00:00.000Z",
        "time comes from the injected clock"
    );
}

#[tokio::test]
async fn every_scene_is_accepted_and_the_outbox_is_newest_last() {
    let sim = Sim::new();
    for (i, scene) in Scene::ALL.iter().enumerate() {
        let mobile = format!("+861380013800{i}");
        sim.send_fresh(&mobile, scene.code()).await.assert_ok();
    }
    let scenes: Vec<_> = sim.outbox().await.into_iter().map(|e| e.scene).collect();
    let want: Vec<_> = Scene::ALL.iter().map(|s| s.code().to_string()).collect();
    assert_eq!(scenes, want);
}

#[tokio::test]
async fn param_0001_each_device_header_missing_or_blank() {
    let sim = Sim::new();
    let body = json!({"mobile": MOBILE, "type": "LOGIN_SMS", "captcha_token": "a---b"});
    for name in headers::REQUIRED_DEVICE {
        for value in [None, Some(""), Some("   ")] {
            let r = sim.post_with(SEND, &headers_with(name, value), &body).await;
            r.assert_error(codes::PARAM_0001);
        }
    }
    // the optional device IP is not required
    let r = sim
        .post_with(SEND, &headers_with(headers::DEVICE_IP, None), &body)
        .await;
    assert_ne!(r.code(), codes::PARAM_0001);
}

#[tokio::test]
async fn param_0002_client_id_missing_or_blank() {
    let sim = Sim::new();
    let body = json!({"mobile": MOBILE});
    for value in [None, Some(""), Some(" ")] {
        let r = sim
            .post_with(SEND, &headers_with(headers::CLIENT_ID, value), &body)
            .await;
        r.assert_error(codes::PARAM_0002);
    }
}

#[tokio::test]
async fn param_0003_unregistered_client_id_and_extra_ids_register() {
    let sim = Sim::with(|c| c.extra_client_ids = vec!["my-app".into()]);
    let body = json!({});
    let r = sim
        .post_with(SEND, &headers_with(headers::CLIENT_ID, Some("nope")), &body)
        .await;
    r.assert_error(codes::PARAM_0003);
    let r = sim
        .post_with(
            SEND,
            &headers_with(headers::CLIENT_ID, Some("my-app")),
            &body,
        )
        .await;
    r.assert_error(codes::USER_0004); // got past check 3
}

#[tokio::test]
async fn user_0004_mobile_missing_blank_or_null() {
    let sim = Sim::new();
    sim.assert_posts(
        SEND,
        &[
            json!({"type": "LOGIN_SMS", "captcha_token": "a---b"}),
            json!({"mobile": "", "type": "LOGIN_SMS", "captcha_token": "a---b"}),
            json!({"mobile": "  ", "type": "LOGIN_SMS", "captcha_token": "a---b"}),
            json!({"mobile": null, "type": "LOGIN_SMS", "captcha_token": "a---b"}),
            json!({"phone": MOBILE, "type": "LOGIN_SMS", "captcha_token": "a---b"}),
        ],
        codes::USER_0004,
    )
    .await;
}

#[tokio::test]
async fn param_0007_type_missing_or_blank() {
    let sim = Sim::new();
    sim.assert_posts(
        SEND,
        &[
            json!({"mobile": MOBILE, "captcha_token": "a---b"}),
            json!({"mobile": MOBILE, "type": " ", "captcha_token": "a---b"}),
            json!({"mobile": MOBILE, "scene": "LOGIN_SMS", "captcha_token": "a---b"}),
        ],
        codes::PARAM_0007,
    )
    .await;
}

#[tokio::test]
async fn param_0008_captcha_token_missing_or_blank() {
    let sim = Sim::new();
    sim.assert_posts(
        SEND,
        &[
            json!({"mobile": MOBILE, "type": "LOGIN_SMS"}),
            json!({"mobile": MOBILE, "type": "LOGIN_SMS", "captcha_token": ""}),
        ],
        codes::PARAM_0008,
    )
    .await;
}

#[tokio::test]
async fn captcha_0005_unknown_scene_is_case_sensitive() {
    let sim = Sim::new();
    for scene in ["login_sms", "CHANGE_PWD_SMS", "LOGIN_SMS "] {
        sim.send(MOBILE, scene, "a---b")
            .await
            .assert_error(codes::CAPTCHA_0005);
    }
}

#[tokio::test]
async fn captcha_0004_malformed_pass_token() {
    let sim = Sim::new();
    for token in [
        "71dd26999e314f9abb0c635336976635{\"x\":237.0,\"y\":5.0}",
        "---{\"x\":237.0,\"y\":5.0}",
        "71dd26999e314f9abb0c635336976635---",
        "  ---  ",
    ] {
        sim.send(MOBILE, "LOGIN_SMS", token)
            .await
            .assert_error(codes::CAPTCHA_0004);
    }
}

#[tokio::test]
async fn captcha_0003_token_never_issued() {
    let sim = Sim::new();
    let r = sim
        .send(
            MOBILE,
            "LOGIN_SMS",
            "71dd26999e314f9abb0c635336976635---{\"x\":237.0,\"y\":5.0}",
        )
        .await;
    r.assert_error(codes::CAPTCHA_0003);
}

#[tokio::test]
async fn captcha_0003_token_expired_after_180_s() {
    let sim = Sim::new();
    let pass = sim.pass(MOBILE).await;
    sim.advance(180);
    sim.send(MOBILE, "LOGIN_SMS", &pass)
        .await
        .assert_error(codes::CAPTCHA_0003);

    let pass = sim.pass(MOBILE).await;
    sim.advance(179);
    sim.send(MOBILE, "LOGIN_SMS", &pass).await.assert_ok();
}

#[tokio::test]
async fn captcha_0003_token_already_used() {
    let sim = Sim::new();
    let pass = sim.pass(MOBILE).await;
    sim.send(MOBILE, "LOGIN_SMS", &pass).await.assert_ok();
    sim.send(MOBILE, "REGISTER_SMS", &pass)
        .await
        .assert_error(codes::CAPTCHA_0003);
}

#[tokio::test]
async fn captcha_0004_live_token_with_a_different_string_is_consumed() {
    let sim = Sim::new();
    let pass = sim.pass(MOBILE).await; // ends in {"x":N.0,"y":5.0}
    let (token, point) = pass.split_once("---").unwrap();
    let altered = format!("{token}---{}", point.replace(".0", ""));
    assert_ne!(altered, pass);
    sim.send(MOBILE, "LOGIN_SMS", &altered)
        .await
        .assert_error(codes::CAPTCHA_0004);
    // found live at step 10, so consumed: the genuine string is now dead
    sim.send(MOBILE, "LOGIN_SMS", &pass)
        .await
        .assert_error(codes::CAPTCHA_0003);
}

#[tokio::test]
async fn captcha_0004_mobile_differs_from_sender() {
    let sim = Sim::new();
    let pass = sim.pass(MOBILE).await;
    sim.send("13900139000", "LOGIN_SMS", &pass)
        .await
        .assert_error(codes::CAPTCHA_0004);
    sim.send(MOBILE, "LOGIN_SMS", &pass)
        .await
        .assert_error(codes::CAPTCHA_0003);
}

#[tokio::test]
async fn captcha_0006_malformed_mobile() {
    let sim = Sim::new();
    for mobile in [
        "1234",
        "138-0013-8000",
        "+",
        "1+3800138000",
        "1".repeat(21).as_str(),
    ] {
        let pass = sim.pass(mobile).await;
        sim.send(mobile, "LOGIN_SMS", &pass)
            .await
            .assert_error(codes::CAPTCHA_0006);
    }
    assert!(sim.outbox().await.is_empty());
}

#[tokio::test]
async fn captcha_0006_resend_cooldown_is_60_s_per_mobile_and_scene() {
    let sim = Sim::new();
    sim.send_fresh(MOBILE, "LOGIN_SMS").await.assert_ok();
    sim.advance(59);
    sim.send_fresh(MOBILE, "LOGIN_SMS")
        .await
        .assert_error(codes::CAPTCHA_0006);
    // another scene or another mobile is not cooling down
    sim.send_fresh(MOBILE, "REGISTER_SMS").await.assert_ok();
    sim.send_fresh("13900139000", "LOGIN_SMS").await.assert_ok();
    sim.advance(1);
    sim.send_fresh(MOBILE, "LOGIN_SMS").await.assert_ok();
}

#[tokio::test]
async fn pass_token_is_consumed_even_when_step_11_fails() {
    let sim = Sim::new();
    sim.send_fresh(MOBILE, "LOGIN_SMS").await.assert_ok();
    let pass = sim.pass(MOBILE).await;
    sim.send(MOBILE, "LOGIN_SMS", &pass)
        .await
        .assert_error(codes::CAPTCHA_0006);
    sim.advance(60);
    sim.send(MOBILE, "LOGIN_SMS", &pass)
        .await
        .assert_error(codes::CAPTCHA_0003);
}

#[tokio::test]
async fn captcha_0006_daily_cap_of_10_per_mobile_resets_at_utc_midnight() {
    let sim = Sim::new();
    for i in 0..10 {
        let scene = Scene::ALL[i % Scene::ALL.len()].code();
        sim.send_fresh(MOBILE, scene).await.assert_ok();
        sim.advance(61);
    }
    sim.send_fresh(MOBILE, "LOGIN_SMS")
        .await
        .assert_error(codes::CAPTCHA_0006);
    sim.send_fresh("13900139000", "LOGIN_SMS").await.assert_ok();
    assert_eq!(sim.outbox().await.len(), 11);
    sim.advance(24 * 3600);
    sim.send_fresh(MOBILE, "LOGIN_SMS").await.assert_ok();
}

#[tokio::test]
async fn captcha_0006_magic_mobiles_make_the_gateway_fail() {
    let sim = Sim::new();
    for mobile in GATEWAY_FAILURE_MOBILES {
        sim.send_fresh(mobile, "LOGIN_SMS")
            .await
            .assert_error(codes::CAPTCHA_0006);
    }
    assert!(sim.outbox().await.is_empty());
}

#[tokio::test]
async fn captcha_0006_gateway_failure_rate_one_always_fails() {
    let sim = Sim::with(|c| c.gateway_failure_rate = 1.0);
    for _ in 0..5 {
        sim.send_fresh(MOBILE, "LOGIN_SMS")
            .await
            .assert_error(codes::CAPTCHA_0006);
    }
    // a failed delivery starts no cooldown: nothing was sent
    assert!(sim.outbox().await.is_empty());
}

#[tokio::test]
async fn validation_order_first_failing_check_wins() {
    let sim = Sim::new();
    let empty = json!({"mobile": "", "type": "", "captcha_token": ""});
    // 1 before 4: missing device header and empty mobile
    let r = sim
        .post_with(SEND, &headers_with(headers::AGENT, None), &empty)
        .await;
    r.assert_error(codes::PARAM_0001);
    // 1 before 2
    let mut h = headers_with(headers::CLIENT_ID, None);
    h.retain(|(k, _)| k != headers::FINGERPRINT);
    sim.post_with(SEND, &h, &empty)
        .await
        .assert_error(codes::PARAM_0001);
    // 3 before the body is even parsed
    let h = headers_with(headers::CLIENT_ID, Some("nope"));
    sim.raw("POST", SEND, &h, "not json")
        .await
        .assert_error(codes::PARAM_0003);
    // 4 before 5 before 6
    sim.post(SEND, &empty).await.assert_error(codes::USER_0004);
    let r = sim
        .post(
            SEND,
            &json!({"mobile": MOBILE, "type": "", "captcha_token": ""}),
        )
        .await;
    r.assert_error(codes::PARAM_0007);
    // 6 before 7: empty token and unknown scene
    let r = sim
        .post(
            SEND,
            &json!({"mobile": MOBILE, "type": "NOPE", "captcha_token": ""}),
        )
        .await;
    r.assert_error(codes::PARAM_0008);
    // 7 before 8: unknown scene and malformed token
    sim.send(MOBILE, "NOPE", "no-separator")
        .await
        .assert_error(codes::CAPTCHA_0005);
    // 9 before 11: unknown token for a malformed mobile
    sim.send("12", "LOGIN_SMS", "abc---{}")
        .await
        .assert_error(codes::CAPTCHA_0003);
}

#[tokio::test]
async fn x_l_selects_the_language_of_error_msg() {
    let sim = Sim::new();
    let body = json!({"type": "LOGIN_SMS"});
    let with_lang = |l: &str| {
        let mut h = good_headers();
        h.push((headers::LANG.to_string(), l.to_string()));
        h
    };
    let zh = sim.post_with(SEND, &with_lang("zh"), &body).await;
    assert_eq!((zh.status, zh.code().as_str()), (400, codes::USER_0004));
    assert_eq!(zh.msg(), "手机号不能为空");
    let en = sim.post_with(SEND, &with_lang("en"), &body).await;
    assert_eq!(en.msg(), "Mobile number cannot be empty");
    let other = sim.post_with(SEND, &with_lang("fr"), &body).await;
    assert_eq!(other.msg(), "Mobile number cannot be empty");
    let none = sim.post(SEND, &body).await;
    assert_eq!(none.msg(), "Mobile number cannot be empty");
    // headers checks answer in the chosen language too
    let mut h = with_lang("zh");
    h.retain(|(k, _)| k != headers::AGENT);
    assert_eq!(sim.post_with(SEND, &h, &body).await.msg(), "设备信息不完整");
}

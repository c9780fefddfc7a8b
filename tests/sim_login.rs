//! `POST /api/v2/sdk/login/mobile-verify-code`: success, every way a code is refused
//! (wrong, expired, used, 5 wrong attempts, other scene), and checks 1-3.

mod sim_support;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use serde_json::{Value, json};
use sim_support::*;
use vflow::api::catalogue::codes;

async fn login(sim: &Sim, mobile: &str, code: &str) -> Resp {
    sim.post(LOGIN, &json!({"mobile": mobile, "verify_code": code}))
        .await
}

/// A sim with a LOGIN_SMS code delivered to MOBILE, and that code.
async fn with_code() -> (Sim, String) {
    let sim = Sim::new();
    sim.send_fresh(MOBILE, "LOGIN_SMS").await.assert_ok();
    let code = sim.last_code(MOBILE).await;
    (sim, code)
}

fn wrong(code: &str) -> String {
    let n: u32 = code.parse().unwrap();
    format!("{:06}", (n + 1) % 1_000_000)
}

#[tokio::test]
async fn login_success_returns_a_session_and_a_jwt_shaped_id_token() {
    let (sim, code) = with_code().await;
    let r = login(&sim, MOBILE, &code).await;
    r.assert_ok();
    let v = r.json();
    assert_eq!(v["status"], "SUCCESS");
    assert_eq!(v["expire"], 432000);
    assert_eq!(v["session_token"].as_str().unwrap().len(), 32);
    assert_eq!(v.as_object().unwrap().len(), 4);
    let id_token = v["id_token"].as_str().unwrap();
    let parts: Vec<&str> = id_token.split('.').collect();
    assert_eq!(parts.len(), 3, "{id_token}");
    let header: Value = serde_json::from_slice(&B64URL.decode(parts[0]).unwrap()).unwrap();
    assert_eq!(header["typ"], "JWT");
    let claims: Value = serde_json::from_slice(&B64URL.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(claims["sub"], MOBILE);
    assert_eq!(
        claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap(),
        7200,
        "an id_token lives 2 hours (spec section 6)"
    );
}

#[tokio::test]
async fn login_user_0004_mobile_missing() {
    let (sim, code) = with_code().await;
    let r = sim.post(LOGIN, &json!({"verify_code": code})).await;
    r.assert_error(codes::USER_0004);
    login(&sim, " ", &code).await.assert_error(codes::USER_0004);
}

#[tokio::test]
async fn login_captcha_0007_code_missing() {
    let (sim, _) = with_code().await;
    let r = sim.post(LOGIN, &json!({"mobile": MOBILE})).await;
    r.assert_error(codes::CAPTCHA_0007);
}

#[tokio::test]
async fn login_captcha_0007_wrong_code() {
    let (sim, code) = with_code().await;
    login(&sim, MOBILE, &wrong(&code))
        .await
        .assert_error(codes::CAPTCHA_0007);
    login(&sim, MOBILE, &code).await.assert_ok();
}

#[tokio::test]
async fn login_captcha_0007_no_code_sent_to_that_mobile_or_scene() {
    let sim = Sim::new();
    login(&sim, MOBILE, "123456")
        .await
        .assert_error(codes::CAPTCHA_0007);
    sim.send_fresh(MOBILE, "REGISTER_SMS").await.assert_ok();
    let code = sim.last_code(MOBILE).await;
    login(&sim, MOBILE, &code)
        .await
        .assert_error(codes::CAPTCHA_0007);
    // the code of another mobile does not work either
    let (sim, code) = with_code().await;
    login(&sim, "13900139000", &code)
        .await
        .assert_error(codes::CAPTCHA_0007);
}

#[tokio::test]
async fn login_captcha_0007_code_expired_after_300_s() {
    let (sim, code) = with_code().await;
    sim.advance(300);
    login(&sim, MOBILE, &code)
        .await
        .assert_error(codes::CAPTCHA_0007);

    let (sim, code) = with_code().await;
    sim.advance(299);
    login(&sim, MOBILE, &code).await.assert_ok();
}

#[tokio::test]
async fn login_captcha_0007_code_is_single_use() {
    let (sim, code) = with_code().await;
    login(&sim, MOBILE, &code).await.assert_ok();
    login(&sim, MOBILE, &code)
        .await
        .assert_error(codes::CAPTCHA_0007);
}

#[tokio::test]
async fn login_code_dies_after_5_wrong_attempts() {
    let (sim, code) = with_code().await;
    for _ in 0..4 {
        login(&sim, MOBILE, &wrong(&code))
            .await
            .assert_error(codes::CAPTCHA_0007);
    }
    login(&sim, MOBILE, &code).await.assert_ok(); // 4 wrong attempts are tolerated

    let (sim, code) = with_code().await;
    for _ in 0..5 {
        login(&sim, MOBILE, &wrong(&code))
            .await
            .assert_error(codes::CAPTCHA_0007);
    }
    login(&sim, MOBILE, &code)
        .await
        .assert_error(codes::CAPTCHA_0007);
}

#[tokio::test]
async fn a_resend_replaces_the_previous_code() {
    let (sim, first) = with_code().await;
    sim.advance(60);
    sim.send_fresh(MOBILE, "LOGIN_SMS").await.assert_ok();
    let second = sim.last_code(MOBILE).await;
    if first != second {
        login(&sim, MOBILE, &first)
            .await
            .assert_error(codes::CAPTCHA_0007);
    }
    login(&sim, MOBILE, &second).await.assert_ok();
}

#[tokio::test]
async fn login_applies_checks_1_to_3() {
    let (sim, code) = with_code().await;
    let body = json!({"mobile": MOBILE, "verify_code": code}).to_string();
    sim.assert_header_checks("POST", LOGIN, &body).await;
    // none of them spent the code
    login(&sim, MOBILE, &code).await.assert_ok();
}

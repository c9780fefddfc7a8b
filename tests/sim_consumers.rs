//! The code consumers of spec section 6 at the HTTP level: each one's success, each error
//! code, the order of the checks, the binding of a code to its mobile and scene, the
//! FORGET/UPDATE distinction on the shared password path, the user store, and the clocks
//! (id_token, state token and session expiry on the manual clock).

mod sim_support;

use serde_json::{Value, json};
use sim_support::*;
use vflow::api::catalogue::codes;
use vflow::api::consumer::decode_id_token;

const REGISTER: &str = "/api/v2/sdk/register/mobile-verify-code";
const REGISTER_BIND: &str = "/api/v2/sdk/social/register-bind";
const PWD: &str = "/api/v2/sdk/pwd/update-by-mobile";
const UPDATE_MOBILE: &str = "/api/v2/sdk/profile/update-mobile";
const BIND: &str = "/api/v2/sdk/social/bind";
const REFRESH: &str = "/api/v2/sdk/sso/session-token/id-token";
const OTHER: &str = "13900139000";

fn wrong(code: &str) -> String {
    let n: u32 = code.parse().unwrap();
    format!("{:06}", (n + 1) % 1_000_000)
}

/// Deliver a code to `mobile` for `scene` and return it.
async fn code(sim: &Sim, mobile: &str, scene: &str) -> String {
    sim.send_fresh(mobile, scene).await.assert_ok();
    sim.outbox()
        .await
        .into_iter()
        .rev()
        .find(|e| e.mobile == mobile && e.scene == scene)
        .unwrap()
        .code
}

fn with(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut h = good_headers();
    for (k, v) in extra {
        h.push((k.to_string(), v.to_string()));
    }
    h
}

fn bearer(id_token: &str) -> Vec<(String, String)> {
    with(&[("Authorization", &format!("Bearer {id_token}"))])
}

fn state(token: &str) -> Vec<(String, String)> {
    with(&[("X-state-token", token)])
}

/// Log `mobile` in with a fresh LOGIN_SMS code: (id_token, session_token).
async fn login(sim: &Sim, mobile: &str) -> (String, String) {
    let c = code(sim, mobile, "LOGIN_SMS").await;
    let r = sim
        .post(LOGIN, &json!({"mobile": mobile, "verify_code": c}))
        .await;
    r.assert_ok();
    let v = r.json();
    (
        v["id_token"].as_str().unwrap().to_string(),
        v["session_token"].as_str().unwrap().to_string(),
    )
}

async fn state_token(sim: &Sim, provider: Option<&str>) -> String {
    let body = provider
        .map(|p| json!({"provider": p}).to_string())
        .unwrap_or_default();
    let r = sim
        .raw("POST", "/_sim/state-token", &good_headers(), body)
        .await;
    r.assert_ok();
    let v = r.json();
    assert_eq!(v["expires_in"], 600);
    v["state_token"].as_str().unwrap().to_string()
}

async fn users(sim: &Sim) -> Vec<Value> {
    let r = sim.get("/_sim/users").await;
    r.assert_ok();
    r.json().as_array().unwrap().clone()
}

fn assert_session(r: &Resp, mobile: &str) {
    r.assert_ok();
    let v = r.json();
    assert_eq!(v["status"], "SUCCESS");
    assert_eq!(v["expire"], 432000);
    assert_eq!(v["session_token"].as_str().unwrap().len(), 32);
    let claims = decode_id_token(v["id_token"].as_str().unwrap()).unwrap();
    assert_eq!(claims.sub.as_deref(), Some(mobile));
    assert_eq!(claims.exp.unwrap() - claims.iat.unwrap(), 7200);
}

fn assert_empty_json_200(r: &Resp) {
    r.assert_ok();
    assert!(r.body.is_empty(), "{:?}", r.body);
    assert_eq!(r.headers["content-type"], "application/json");
}

// ---- register/mobile-verify-code ----

#[tokio::test]
async fn register_creates_the_user_and_answers_like_login() {
    let sim = Sim::new();
    let c = code(&sim, MOBILE, "REGISTER_SMS").await;
    let r = sim
        .post(
            REGISTER,
            &json!({"mobile": MOBILE, "verify_code": c, "pwd": "Secret#1", "name": "QA",
                    "extension": {"team": "qa"}}),
        )
        .await;
    assert_session(&r, MOBILE);
    let u = users(&sim).await;
    assert_eq!(u.len(), 1);
    assert_eq!(u[0]["mobile"], MOBILE);
    assert_eq!(u[0]["created_by"], "register");
    assert_eq!(u[0]["password"], "Secret#1");
    // spent
    sim.post(REGISTER, &json!({"mobile": MOBILE, "verify_code": c}))
        .await
        .assert_error(codes::CAPTCHA_0007);
}

#[tokio::test]
async fn register_of_an_existing_mobile_is_refused_and_the_code_stays_live() {
    let sim = Sim::new();
    login(&sim, MOBILE).await; // automatic registration
    let c = code(&sim, MOBILE, "REGISTER_SMS").await;
    let body = json!({"mobile": MOBILE, "verify_code": c});
    sim.post(REGISTER, &body)
        .await
        .assert_error(codes::SIM_USER_EXISTS);
    // the code was not spent: register-bind of another... the same code is still live
    let r = sim.post(REGISTER, &body).await;
    r.assert_error(codes::SIM_USER_EXISTS);
    assert_eq!(users(&sim).await.len(), 1);
}

#[tokio::test]
async fn a_code_is_bound_to_its_scene_and_its_mobile() {
    let sim = Sim::new();
    // a LOGIN_SMS code at register
    let login_code = code(&sim, MOBILE, "LOGIN_SMS").await;
    sim.post(
        REGISTER,
        &json!({"mobile": MOBILE, "verify_code": login_code}),
    )
    .await
    .assert_error(codes::CAPTCHA_0007);
    // the REGISTER_SMS code of another number
    let other = code(&sim, OTHER, "REGISTER_SMS").await;
    sim.post(REGISTER, &json!({"mobile": MOBILE, "verify_code": other}))
        .await
        .assert_error(codes::CAPTCHA_0007);
    // a REGISTER_SMS code at login
    sim.post(LOGIN, &json!({"mobile": OTHER, "verify_code": other}))
        .await
        .assert_error(codes::CAPTCHA_0007);
    // both still work where they belong
    sim.post(LOGIN, &json!({"mobile": MOBILE, "verify_code": login_code}))
        .await
        .assert_ok();
    sim.post(REGISTER, &json!({"mobile": OTHER, "verify_code": other}))
        .await
        .assert_ok();
}

#[tokio::test]
async fn register_field_errors_in_order() {
    let sim = Sim::new();
    let c = code(&sim, MOBILE, "REGISTER_SMS").await;
    sim.assert_posts(
        REGISTER,
        &[json!({}), json!({"verify_code": c})],
        codes::USER_0004,
    )
    .await;
    sim.assert_posts(
        REGISTER,
        &[
            json!({"mobile": MOBILE}),
            json!({"mobile": MOBILE, "verify_code": " "}),
        ],
        codes::CAPTCHA_0007,
    )
    .await;
    sim.assert_posts(
        REGISTER,
        &[json!({"mobile": MOBILE, "verify_code": c, "email": 5})],
        codes::SIM_FIELD_TYPE,
    )
    .await;
    // two blank codes are not wrong attempts; the right one still works
    sim.post(REGISTER, &json!({"mobile": MOBILE, "verify_code": c}))
        .await
        .assert_ok();
}

#[tokio::test]
async fn the_5_wrong_attempts_rule_holds_at_every_consumer() {
    // 4 wrong then right: fine; 5 wrong: the code is dead
    let sim = Sim::new();
    let c = code(&sim, MOBILE, "REGISTER_SMS").await;
    for _ in 0..4 {
        sim.post(
            REGISTER,
            &json!({"mobile": MOBILE, "verify_code": wrong(&c)}),
        )
        .await
        .assert_error(codes::CAPTCHA_0007);
    }
    sim.post(REGISTER, &json!({"mobile": MOBILE, "verify_code": c}))
        .await
        .assert_ok();

    let sim = Sim::new();
    let c = code(&sim, MOBILE, "FORGET_PWD_SMS").await;
    login(&sim, MOBILE).await;
    let body = |v: &str| json!({"mobile": MOBILE, "verify_code": v, "password": "N3w#pass"});
    for _ in 0..5 {
        sim.post(PWD, &body(&wrong(&c)))
            .await
            .assert_error(codes::CAPTCHA_0007);
    }
    sim.post(PWD, &body(&c))
        .await
        .assert_error(codes::CAPTCHA_0007);

    // wrong tries at two consumers of one scene add up on the one code
    let sim = Sim::new();
    let c = code(&sim, MOBILE, "REGISTER_SMS").await;
    let st = state_token(&sim, None).await;
    for i in 0..5 {
        let path = if i % 2 == 0 { REGISTER } else { REGISTER_BIND };
        sim.post_with(
            path,
            &state(&st),
            &json!({"mobile": MOBILE, "verify_code": wrong(&c)}),
        )
        .await
        .assert_error(codes::CAPTCHA_0007);
    }
    sim.post(REGISTER, &json!({"mobile": MOBILE, "verify_code": c}))
        .await
        .assert_error(codes::CAPTCHA_0007);
}

#[tokio::test]
async fn consumer_codes_expire_after_300_s() {
    let sim = Sim::new();
    let c = code(&sim, MOBILE, "REGISTER_SMS").await;
    sim.advance(300);
    sim.post(REGISTER, &json!({"mobile": MOBILE, "verify_code": c}))
        .await
        .assert_error(codes::CAPTCHA_0007);
}

// ---- login and the user store ----

#[tokio::test]
async fn login_registers_an_unknown_mobile_unless_auto_registration_is_off() {
    let sim = Sim::new();
    login(&sim, MOBILE).await;
    sim.advance(60); // the resend cooldown
    login(&sim, MOBILE).await;
    let u = users(&sim).await;
    assert_eq!(u.len(), 1, "{u:?}");
    assert_eq!(u[0]["created_by"], "login");

    let sim = Sim::with(|c| c.auto_register = false);
    let c = code(&sim, MOBILE, "LOGIN_SMS").await;
    let body = json!({"mobile": MOBILE, "verify_code": c});
    sim.post(LOGIN, &body)
        .await
        .assert_error(codes::SIM_USER_NOT_FOUND);
    assert!(users(&sim).await.is_empty());
    // the code stays usable once the user exists
    let rc = code(&sim, MOBILE, "REGISTER_SMS").await;
    sim.post(REGISTER, &json!({"mobile": MOBILE, "verify_code": rc}))
        .await
        .assert_ok();
    sim.post(LOGIN, &body).await.assert_ok();
}

// ---- social/register-bind and social/bind ----

#[tokio::test]
async fn register_bind_needs_a_live_single_use_state_token() {
    let sim = Sim::new();
    let c = code(&sim, MOBILE, "REGISTER_SMS").await;
    let body = json!({"mobile": MOBILE, "verify_code": c});
    sim.post(REGISTER_BIND, &body)
        .await
        .assert_error(codes::PARAM_0014);
    sim.post_with(REGISTER_BIND, &state(" "), &body)
        .await
        .assert_error(codes::PARAM_0014);
    sim.post_with(REGISTER_BIND, &state("never-issued"), &body)
        .await
        .assert_error(codes::PARAM_0014);
    let st = state_token(&sim, Some("alipay")).await;
    let r = sim.post_with(REGISTER_BIND, &state(&st), &body).await;
    assert_session(&r, MOBILE);
    let u = users(&sim).await;
    assert_eq!(u[0]["created_by"], "social/register-bind");
    assert_eq!(u[0]["social"], json!(["alipay"]));
    // single use
    let c2 = {
        sim.advance(60);
        code(&sim, OTHER, "REGISTER_SMS").await
    };
    sim.post_with(
        REGISTER_BIND,
        &state(&st),
        &json!({"mobile": OTHER, "verify_code": c2}),
    )
    .await
    .assert_error(codes::PARAM_0014);
}

#[tokio::test]
async fn state_tokens_expire_after_10_minutes_and_a_wrong_code_does_not_spend_them() {
    let sim = Sim::new();
    let st = state_token(&sim, None).await;
    sim.advance(599);
    let c = code(&sim, MOBILE, "BIND_MOBILE_SMS").await;
    sim.post_with(
        BIND,
        &state(&st),
        &json!({"mobile": MOBILE, "verify_code": wrong(&c)}),
    )
    .await
    .assert_error(codes::CAPTCHA_0007);
    sim.advance(1);
    sim.post_with(
        BIND,
        &state(&st),
        &json!({"mobile": MOBILE, "verify_code": c}),
    )
    .await
    .assert_error(codes::PARAM_0014);
    // a fresh one works with the same code
    let st = state_token(&sim, None).await;
    let r = sim
        .post_with(
            BIND,
            &state(&st),
            &json!({"mobile": MOBILE, "verify_code": c}),
        )
        .await;
    assert_session(&r, MOBILE);
}

#[tokio::test]
async fn social_bind_binds_an_existing_user_or_creates_one() {
    let sim = Sim::new();
    login(&sim, MOBILE).await;
    let c = code(&sim, MOBILE, "BIND_MOBILE_SMS").await;
    let st = state_token(&sim, Some("wechat")).await;
    sim.post_with(
        BIND,
        &state(&st),
        &json!({"mobile": MOBILE, "verify_code": c}),
    )
    .await
    .assert_ok();
    let u = users(&sim).await;
    assert_eq!(u.len(), 1);
    assert_eq!(u[0]["created_by"], "login");
    assert_eq!(u[0]["social"], json!(["wechat"]));
    // a REGISTER_SMS code does not bind; register-bind of an existing mobile is refused
    let rc = code(&sim, MOBILE, "REGISTER_SMS").await;
    let st = state_token(&sim, None).await;
    sim.post_with(
        BIND,
        &state(&st),
        &json!({"mobile": MOBILE, "verify_code": rc}),
    )
    .await
    .assert_error(codes::CAPTCHA_0007);
    sim.post_with(
        REGISTER_BIND,
        &state(&st),
        &json!({"mobile": MOBILE, "verify_code": rc}),
    )
    .await
    .assert_error(codes::SIM_USER_EXISTS);

    let sim = Sim::with(|c| c.auto_register = false);
    let c = code(&sim, MOBILE, "BIND_MOBILE_SMS").await;
    let st = state_token(&sim, None).await;
    sim.post_with(
        BIND,
        &state(&st),
        &json!({"mobile": MOBILE, "verify_code": c}),
    )
    .await
    .assert_error(codes::SIM_USER_NOT_FOUND);
}

// ---- pwd/update-by-mobile: FORGET (no Authorization) and UPDATE (Bearer) ----

#[tokio::test]
async fn forgotten_password_reset_without_authorization() {
    let sim = Sim::new();
    login(&sim, MOBILE).await;
    let c = code(&sim, MOBILE, "FORGET_PWD_SMS").await;
    sim.assert_posts(
        PWD,
        &[json!({"verify_code": c, "password": "x"})],
        codes::USER_0004,
    )
    .await;
    sim.assert_posts(
        PWD,
        &[json!({"mobile": MOBILE, "password": "x"})],
        codes::CAPTCHA_0007,
    )
    .await;
    sim.assert_posts(
        PWD,
        &[
            json!({"mobile": MOBILE, "verify_code": c}),
            json!({"mobile": MOBILE, "verify_code": c, "password": " "}),
        ],
        codes::SIM_PASSWORD_EMPTY,
    )
    .await;
    let r = sim
        .post(
            PWD,
            &json!({"mobile": MOBILE, "verify_code": c, "password": "N3w#pass"}),
        )
        .await;
    assert_empty_json_200(&r);
    assert_eq!(users(&sim).await[0]["password"], "N3w#pass");
}

#[tokio::test]
async fn forgotten_password_of_an_unknown_mobile_is_user_not_found() {
    let sim = Sim::new();
    let c = code(&sim, MOBILE, "FORGET_PWD_SMS").await;
    sim.post(
        PWD,
        &json!({"mobile": MOBILE, "verify_code": c, "password": "p"}),
    )
    .await
    .assert_error(codes::SIM_USER_NOT_FOUND);
}

#[tokio::test]
async fn the_shared_password_path_tells_forget_from_update_by_the_authorization_header() {
    let sim = Sim::new();
    let (id_token, _) = login(&sim, MOBILE).await;
    let forget = code(&sim, MOBILE, "FORGET_PWD_SMS").await;
    let update = code(&sim, MOBILE, "UPDATE_PWD_SMS").await;
    // an UPDATE_PWD_SMS code without Authorization is the forgotten-password reset: wrong scene
    sim.post(
        PWD,
        &json!({"mobile": MOBILE, "verify_code": update, "password": "a"}),
    )
    .await
    .assert_error(codes::CAPTCHA_0007);
    // a FORGET_PWD_SMS code with a Bearer is the logged-in change: wrong scene
    sim.post_with(
        PWD,
        &bearer(&id_token),
        &json!({"verify_code": forget, "password": "a"}),
    )
    .await
    .assert_error(codes::CAPTCHA_0007);
    // each in its place (the Bearer change needs no mobile: the user comes from the token)
    let r = sim
        .post_with(
            PWD,
            &bearer(&id_token),
            &json!({"verify_code": update, "password": "Upd#1"}),
        )
        .await;
    assert_empty_json_200(&r);
    assert_eq!(users(&sim).await[0]["password"], "Upd#1");
    let r = sim
        .post(
            PWD,
            &json!({"mobile": MOBILE, "verify_code": forget, "password": "Fgt#1"}),
        )
        .await;
    assert_empty_json_200(&r);
    assert_eq!(users(&sim).await[0]["password"], "Fgt#1");
}

#[tokio::test]
async fn update_password_takes_the_code_sent_with_the_full_area_code() {
    let sim = Sim::new();
    let (id_token, _) = login(&sim, MOBILE).await;
    let c = code(&sim, &format!("+86{MOBILE}"), "UPDATE_PWD_SMS").await;
    sim.post_with(
        PWD,
        &bearer(&id_token),
        &json!({"verify_code": c, "password": "p"}),
    )
    .await
    .assert_ok();
}

#[tokio::test]
async fn bearer_problems_are_param_0016() {
    let sim = Sim::new();
    let (id_token, _) = login(&sim, MOBILE).await;
    let c = code(&sim, MOBILE, "UPDATE_PWD_SMS").await;
    let body = json!({"verify_code": c, "password": "p"});
    let bad = [
        with(&[("Authorization", "")]),
        with(&[("Authorization", &id_token)]), // no scheme
        with(&[("Authorization", "Bearer ")]),
        with(&[("Authorization", "Bearer a.b")]), // not three parts
        with(&[("Authorization", &format!("Basic {id_token}"))]),
        bearer(&format!("{id_token}x")), // never issued
    ];
    for h in bad {
        sim.post_with(PWD, &h, &body)
            .await
            .assert_error(codes::PARAM_0016);
    }
    // none of them spent or counted against the code
    sim.post_with(PWD, &bearer(&id_token), &body)
        .await
        .assert_ok();
}

// ---- profile/update-mobile ----

#[tokio::test]
async fn update_mobile_takes_the_code_of_the_new_number() {
    let sim = Sim::new();
    let (id_token, _) = login(&sim, MOBILE).await;
    let body = |m: &str, c: &str| json!({"mobile": m, "verify_code": c});
    // no Bearer at all
    let new_code = code(&sim, OTHER, "UPDATE_MOBILE_SMS").await;
    sim.post(UPDATE_MOBILE, &body(OTHER, &new_code))
        .await
        .assert_error(codes::PARAM_0016);
    // a code sent to the OLD number does not move the user
    let old_code = code(&sim, MOBILE, "UPDATE_MOBILE_SMS").await;
    sim.post_with(UPDATE_MOBILE, &bearer(&id_token), &body(OTHER, &old_code))
        .await
        .assert_error(codes::CAPTCHA_0007);
    // ... nor does a change to the current number
    sim.post_with(UPDATE_MOBILE, &bearer(&id_token), &body(MOBILE, &old_code))
        .await
        .assert_error(codes::SIM_MOBILE_IN_USE);
    sim.post_with(
        UPDATE_MOBILE,
        &bearer(&id_token),
        &json!({"verify_code": new_code}),
    )
    .await
    .assert_error(codes::USER_0004);
    let r = sim
        .post_with(UPDATE_MOBILE, &bearer(&id_token), &body(OTHER, &new_code))
        .await;
    assert_empty_json_200(&r);
    let u = users(&sim).await;
    assert_eq!((u.len(), u[0]["mobile"].as_str()), (1, Some(OTHER)));
    // the same id_token still names the user: it can change the number again
    let back = code(&sim, "13700137000", "UPDATE_MOBILE_SMS").await;
    sim.post_with(
        UPDATE_MOBILE,
        &bearer(&id_token),
        &body("13700137000", &back),
    )
    .await
    .assert_ok();
}

#[tokio::test]
async fn update_mobile_to_another_users_number_is_refused() {
    let sim = Sim::new();
    let (id_token, _) = login(&sim, MOBILE).await;
    login(&sim, OTHER).await;
    let c = code(&sim, OTHER, "UPDATE_MOBILE_SMS").await;
    sim.post_with(
        UPDATE_MOBILE,
        &bearer(&id_token),
        &json!({"mobile": OTHER, "verify_code": c}),
    )
    .await
    .assert_error(codes::SIM_MOBILE_IN_USE);
}

#[tokio::test]
async fn id_tokens_expire_after_2_hours_on_the_clock() {
    let sim = Sim::new();
    let (id_token, session) = login(&sim, MOBILE).await;
    sim.advance(7000);
    let c = code(&sim, OTHER, "UPDATE_MOBILE_SMS").await;
    sim.advance(199);
    let body = json!({"mobile": OTHER, "verify_code": c});
    // one second before expiry a wrong code is still judged on the code
    sim.post_with(
        UPDATE_MOBILE,
        &bearer(&id_token),
        &json!({"mobile": OTHER, "verify_code": wrong(&c)}),
    )
    .await
    .assert_error(codes::CAPTCHA_0007);
    sim.advance(1); // 7200 s
    sim.post_with(UPDATE_MOBILE, &bearer(&id_token), &body)
        .await
        .assert_error(codes::PARAM_0016);
    // the session gives a new id_token, which works
    let r = sim
        .post_with(REFRESH, &with(&[("session-token", &session)]), &json!({}))
        .await;
    r.assert_ok();
    let fresh = r.json()["id_token"].as_str().unwrap().to_string();
    assert_ne!(fresh, id_token);
    sim.post_with(
        UPDATE_MOBILE,
        &bearer(&fresh),
        &json!({"mobile": OTHER, "verify_code": c}),
    )
    .await
    .assert_ok();
}

// ---- sso/session-token/id-token ----

#[tokio::test]
async fn refresh_needs_a_live_session_token() {
    let sim = Sim::new();
    let (id_token, session) = login(&sim, MOBILE).await;
    for h in [
        good_headers(),
        with(&[("session-token", " ")]),
        with(&[("session-token", &id_token)]), // the id_token is not the session token
    ] {
        sim.raw("POST", REFRESH, &h, "")
            .await
            .assert_error(codes::PARAM_0023);
    }
    sim.advance(432_000 - 1);
    sim.raw("POST", REFRESH, &with(&[("session-token", &session)]), "")
        .await
        .assert_ok();
    sim.advance(1);
    sim.raw("POST", REFRESH, &with(&[("session-token", &session)]), "")
        .await
        .assert_error(codes::PARAM_0023);
}

// ---- order of the checks ----

#[tokio::test]
async fn device_and_client_checks_come_first_at_every_consumer() {
    let sim = Sim::new();
    for path in [
        REGISTER,
        REGISTER_BIND,
        LOGIN,
        PWD,
        UPDATE_MOBILE,
        BIND,
        REFRESH,
    ] {
        // no state token, no Bearer, no session, a body that is not even JSON
        sim.assert_header_checks("POST", path, "not json").await;
    }
}

#[tokio::test]
async fn the_credential_header_is_checked_before_the_body() {
    let sim = Sim::new();
    let (id_token, _) = login(&sim, MOBILE).await;
    // without the credential, a broken body is not looked at
    for path in [REGISTER_BIND, BIND, UPDATE_MOBILE] {
        sim.raw("POST", path, &good_headers(), "not json")
            .await
            .assert_error(if path == UPDATE_MOBILE {
                codes::PARAM_0016
            } else {
                codes::PARAM_0014
            });
    }
    sim.raw(
        "POST",
        PWD,
        &with(&[("Authorization", "Bearer x")]),
        "not json",
    )
    .await
    .assert_error(codes::PARAM_0016);
    // with it, the body is
    let st = state_token(&sim, None).await;
    sim.raw("POST", BIND, &state(&st), "not json")
        .await
        .assert_error(codes::SIM_BAD_JSON);
    sim.raw("POST", UPDATE_MOBILE, &bearer(&id_token), "not json")
        .await
        .assert_error(codes::SIM_BAD_JSON);
    sim.raw("POST", PWD, &good_headers(), "not json")
        .await
        .assert_error(codes::SIM_BAD_JSON);
    // then mobile, then the code, then the password
    sim.post(PWD, &json!({"password": ""}))
        .await
        .assert_error(codes::USER_0004);
    sim.post(PWD, &json!({"mobile": MOBILE}))
        .await
        .assert_error(codes::CAPTCHA_0007);
    sim.post(PWD, &json!({"mobile": MOBILE, "verify_code": "123456"}))
        .await
        .assert_error(codes::SIM_PASSWORD_EMPTY);
    sim.post(
        PWD,
        &json!({"mobile": MOBILE, "verify_code": "123456", "password": "p"}),
    )
    .await
    .assert_error(codes::CAPTCHA_0007);
}

#[tokio::test]
async fn consumer_errors_speak_chinese_with_x_l_zh() {
    let sim = Sim::new();
    let r = sim
        .post_with(BIND, &with(&[("X-L", "zh")]), &json!({}))
        .await;
    assert_eq!(r.code(), codes::PARAM_0014);
    assert_eq!(r.msg(), "状态令牌无效");
    let r = sim
        .post_with(UPDATE_MOBILE, &with(&[("X-L", "zh")]), &json!({}))
        .await;
    assert_eq!(r.msg(), "IdToken无效或已过期");
}

#[tokio::test]
async fn sim_helpers_state_token_and_users() {
    let sim = Sim::new();
    assert!(users(&sim).await.is_empty());
    let a = state_token(&sim, None).await;
    let b = state_token(&sim, Some("alipay")).await;
    assert_ne!(a, b);
    let r = sim
        .raw("POST", "/_sim/state-token", &good_headers(), "[1]")
        .await;
    r.assert_error(codes::SIM_BAD_JSON);
    let r = sim
        .raw("GET", "/_sim/state-token", &good_headers(), "")
        .await;
    r.assert_error(codes::SIM_METHOD);
    let r = sim.raw("POST", "/_sim/users", &good_headers(), "").await;
    r.assert_error(codes::SIM_METHOD);
}

#[tokio::test]
async fn openapi_document_describes_every_consumer_and_its_codes() {
    let sim = Sim::new();
    let r = sim.get("/_sim/openapi.json").await;
    r.assert_ok();
    let doc = r.json();
    let text = String::from_utf8_lossy(&r.body).to_string();
    for c in vflow::api::Consumer::ALL {
        let op = &doc["paths"][c.path()]["post"];
        assert!(op.is_object(), "{c} missing");
        assert!(op["responses"]["200"].is_object(), "{c} 200");
        let examples = op["responses"]["400"]["content"]["application/json"]["examples"]
            .as_object()
            .unwrap();
        assert!(examples.contains_key(codes::CAPTCHA_0007), "{c}");
        assert!(examples.contains_key(codes::PARAM_0001), "{c}");
    }
    // the credential headers are required parameters with minLength 1
    for (name, path) in [
        ("authorization_bearer", UPDATE_MOBILE),
        ("x_state_token", BIND),
        ("session_token", REFRESH),
    ] {
        let p = &doc["components"]["parameters"][name];
        assert_eq!(p["required"], true, "{name}");
        assert_eq!(p["schema"]["minLength"], 1, "{name}");
        let refs = doc["paths"][path]["post"]["parameters"].to_string();
        assert!(refs.contains(name), "{path} takes {name}");
    }
    for code in [
        codes::PARAM_0014,
        codes::PARAM_0016,
        codes::PARAM_0023,
        codes::SIM_PASSWORD_EMPTY,
        codes::SIM_USER_EXISTS,
        codes::SIM_USER_NOT_FOUND,
        codes::SIM_MOBILE_IN_USE,
    ] {
        let listed = &doc["components"]["schemas"]["ErrorResponse"]["x-error-codes"][code];
        assert_eq!(
            listed["error_msg"],
            vflow::api::Catalogue::get().entry(code).msg.en.as_str(),
            "{code}"
        );
    }
    for helper in ["/_sim/state-token", "/_sim/users"] {
        assert!(text.contains(helper), "{helper}");
    }
    assert!(doc["paths"]["/_sim/users"]["get"].is_object());
}

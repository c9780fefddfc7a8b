//! `GET /api/v2/sdk/captcha` and `POST /api/v2/sdk/captcha/verify`: images, token shapes,
//! the tolerance edges, single attempt, expiry, AES mode, the reveal helper and store caps.

mod sim_support;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::json;
use sim_support::*;
use vflow::api::catalogue::codes;
use vflow::api::headers;
use vflow::api::wire::CaptchaResponse;
use vflow::sim::Limits;

fn decode_png(b64: &str) -> (png::OutputInfo, Vec<u8>) {
    assert!(!b64.starts_with("data:"), "no data: prefix");
    let bytes = B64.decode(b64).expect("standard base64");
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info, buf)
}

fn point(x: i64) -> String {
    format!("{{\"x\":{x}.0,\"y\":5.0}}")
}

#[tokio::test]
async fn captcha_success_has_the_fifteen_keys_and_real_pngs() {
    let sim = Sim::new();
    let r = sim.get(CAPTCHA).await;
    r.assert_ok();
    let v = r.json();
    assert_eq!(v.as_object().unwrap().len(), 15);
    let c: CaptchaResponse = serde_json::from_value(v.clone()).unwrap();
    let token = c.token.as_deref().unwrap();
    assert!(token.len() == 32 && token.chars().all(|ch| matches!(ch, '0'..='9' | 'a'..='f')));
    assert_eq!(c.result, Some(false));
    assert_eq!(c.secret_key, None);
    assert!(v["point"].is_null() && v["captchaId"].is_null() && v["wordList"].is_null());

    let (bg, _) = decode_png(c.original_image_base64.as_deref().unwrap());
    assert_eq!((bg.width, bg.height), (310, 155));
    let (piece, px) = decode_png(c.jigsaw_image_base64.as_deref().unwrap());
    assert_eq!((piece.width, piece.height), (47, 155));
    assert_eq!(piece.color_type, png::ColorType::Rgba);
    let alphas: Vec<u8> = px.chunks(4).map(|p| p[3]).collect();
    let clear = alphas.iter().filter(|&&a| a == 0).count();
    let opaque = alphas.iter().filter(|&&a| a == 255).count();
    assert!(
        clear > 47 * 155 / 2,
        "mostly transparent outside the shape: {clear}"
    );
    assert!(opaque > 1000, "the shape itself is opaque: {opaque}");
    // the hole is inside the documented range
    let x = sim.reveal(token).await.x;
    assert!((100..=262).contains(&x), "{x}");
}

#[tokio::test]
async fn captcha_applies_checks_1_to_3() {
    let sim = Sim::new();
    sim.assert_header_checks("GET", CAPTCHA, "").await;
    // GET has no body, so no content type is needed
    let h = headers_with(headers::CONTENT_TYPE, None);
    sim.raw("GET", CAPTCHA, &h, "").await.assert_ok();
}

#[tokio::test]
async fn verify_success_returns_token_and_point_json_verbatim_in_both_forms() {
    let sim = Sim::new();
    for form in ["{\"x\":X.0,\"y\":5.0}", "{\"x\":X,\"y\":5}"] {
        let (token, x) = sim.puzzle().await;
        let pj = form.replace('X', &x.to_string());
        let r = sim.verify(&token, &pj, MOBILE).await;
        r.assert_ok();
        assert_eq!(
            r.json(),
            json!({"captcha_token": format!("{token}---{pj}")})
        );
    }
}

#[tokio::test]
async fn verify_tolerance_edges() {
    let sim = Sim::new();
    for (dx, passes) in [(-5, true), (5, true), (-6, false), (6, false), (0, true)] {
        let (token, x) = sim.puzzle().await;
        let r = sim.verify(&token, &point(x as i64 + dx), MOBILE).await;
        if passes {
            r.assert_ok();
        } else {
            r.assert_error(codes::CAPTCHA_0002);
        }
    }
}

#[tokio::test]
async fn verify_truncates_and_wants_y_5() {
    let sim = Sim::new();
    let cases = [
        ("{\"x\":X.9,\"y\":5.9}", 5, true),  // truncation, not rounding
        ("{\"x\":X.0,\"y\":6.0}", 0, false), // y other than 5
        ("{\"x\":X.0,\"y\":4.9}", 0, false), // 4.9 truncates to 4
    ];
    for (form, dx, passes) in cases {
        let (token, x) = sim.puzzle().await;
        let pj = form.replace('X', &(x as i64 + dx).to_string());
        let r = sim.verify(&token, &pj, MOBILE).await;
        assert_eq!(r.status == 200, passes, "{pj} for x={x}: {:?}", r.body);
    }
}

#[tokio::test]
async fn verify_allows_one_attempt_per_puzzle() {
    let sim = Sim::new();
    let (token, x) = sim.puzzle().await;
    sim.verify(&token, &point(x as i64), MOBILE)
        .await
        .assert_ok();
    let again = sim.verify(&token, &point(x as i64), MOBILE).await;
    again.assert_error(codes::CAPTCHA_0002);

    let (token, x) = sim.puzzle().await;
    let wrong = sim.verify(&token, &point(x as i64 + 20), MOBILE).await;
    wrong.assert_error(codes::CAPTCHA_0002);
    let right = sim.verify(&token, &point(x as i64), MOBILE).await;
    right.assert_error(codes::CAPTCHA_0002);
}

#[tokio::test]
async fn a_verify_without_point_json_is_the_one_attempt_too() {
    let sim = Sim::new();
    let (token, x) = sim.puzzle().await;
    sim.post(VERIFY, &json!({"token": token, "sender": MOBILE}))
        .await
        .assert_error(codes::CAPTCHA_0002);
    // The puzzle is gone: even the right answer fails now.
    sim.verify(&token, &point(x as i64), MOBILE)
        .await
        .assert_error(codes::CAPTCHA_0002);
}

#[tokio::test]
async fn absurd_coordinates_get_captcha_0002_not_a_crash() {
    let sim = Sim::new();
    for pj in [
        "{\"x\":-1e300,\"y\":5}",
        "{\"x\":1e300,\"y\":5}",
        "{\"x\":9223372036854775807,\"y\":5}",
        "{\"x\":-9223372036854775808,\"y\":5}",
        "{\"x\":100,\"y\":-1e300}",
    ] {
        let (token, _) = sim.puzzle().await;
        sim.verify(&token, pj, MOBILE)
            .await
            .assert_error(codes::CAPTCHA_0002);
    }
}

#[tokio::test]
async fn puzzle_expires_after_120_s() {
    let sim = Sim::new();
    let (token, x) = sim.puzzle().await;
    sim.advance(120);
    sim.verify(&token, &point(x as i64), MOBILE)
        .await
        .assert_error(codes::CAPTCHA_0002);
    let (token, x) = sim.puzzle().await;
    sim.advance(119);
    sim.verify(&token, &point(x as i64), MOBILE)
        .await
        .assert_ok();
}

#[tokio::test]
async fn verify_user_0004_sender_missing_or_blank() {
    let sim = Sim::new();
    let (token, x) = sim.puzzle().await;
    sim.assert_posts(
        VERIFY,
        &[
            json!({"token": token, "point_json": point(x as i64)}),
            json!({"token": token, "point_json": point(x as i64), "sender": " "}),
        ],
        codes::USER_0004,
    )
    .await;
    // the puzzle was not spent by requests that never reached it
    sim.verify(&token, &point(x as i64), MOBILE)
        .await
        .assert_ok();
}

#[tokio::test]
async fn verify_captcha_0002_for_missing_unknown_or_unparsable_input() {
    let sim = Sim::new();
    let (token, x) = sim.puzzle().await;
    let p = point(x as i64);
    let cases = [
        json!({"point_json": p, "sender": MOBILE}),
        json!({"token": token, "sender": MOBILE}),
        json!({"token": "0123456789abcdef0123456789abcdef", "point_json": p, "sender": MOBILE}),
        json!({"token": token, "point_json": "{x:1}", "sender": MOBILE}),
    ];
    sim.assert_posts(VERIFY, &cases, codes::CAPTCHA_0002).await;
}

#[tokio::test]
async fn verify_applies_checks_1_to_3() {
    let sim = Sim::new();
    sim.assert_header_checks("POST", VERIFY, "{}").await;
}

#[tokio::test]
async fn aes_mode_round_trip() {
    let sim = Sim::with(|c| c.aes = true);
    let r = sim.get(CAPTCHA).await;
    r.assert_ok();
    let c: CaptchaResponse = serde_json::from_slice(&r.body).unwrap();
    let key = c.secret_key.expect("secretKey in AES mode");
    assert!(
        key.len() == 16 && key.chars().all(|ch| ch.is_ascii_alphanumeric()),
        "{key}"
    );
    let token = c.token.unwrap();
    let reveal = sim.reveal(&token).await;
    assert_eq!(reveal.secret_key.as_deref(), Some(key.as_str()));
    let encrypted = vflow::api::captcha::encrypt_point(&reveal.point_json, &key).unwrap();
    let r = sim.verify(&token, &encrypted, MOBILE).await;
    r.assert_ok();
    let pass = r.json()["captcha_token"].as_str().unwrap().to_string();
    assert_eq!(pass, format!("{token}---{encrypted}"), "point_json as sent");
    sim.send(MOBILE, "LOGIN_SMS", &pass).await.assert_ok();
}

#[tokio::test]
async fn aes_mode_rejects_a_plain_point_json() {
    let sim = Sim::with(|c| c.aes = true);
    let (token, x) = sim.puzzle().await;
    sim.verify(&token, &point(x as i64), MOBILE)
        .await
        .assert_error(codes::CAPTCHA_0002);
}

#[tokio::test]
async fn reveal_needs_the_flag_and_a_live_puzzle() {
    let sim = Sim::new();
    let r = sim
        .get("/_sim/captcha/0123456789abcdef0123456789abcdef")
        .await;
    r.assert_error(codes::SIM_NOT_FOUND);

    let hidden = Sim::with(|c| c.reveal_solutions = false);
    let r = hidden.get(CAPTCHA).await;
    let token = r.json()["token"].as_str().unwrap().to_string();
    let r = hidden.get(&format!("/_sim/captcha/{token}")).await;
    r.assert_error(codes::SIM_NOT_FOUND);
    assert!(!String::from_utf8_lossy(&r.body).contains("\"x\""));
}

#[tokio::test]
async fn live_puzzles_are_capped_oldest_first() {
    let sim = Sim::with(|c| {
        c.limits = Limits {
            puzzles: 2,
            ..Limits::default()
        }
    });
    let (first, x1) = sim.puzzle().await;
    let (second, x2) = sim.puzzle().await;
    let (third, x3) = sim.puzzle().await;
    sim.verify(&first, &point(x1 as i64), MOBILE)
        .await
        .assert_error(codes::CAPTCHA_0002);
    sim.verify(&second, &point(x2 as i64), MOBILE)
        .await
        .assert_ok();
    sim.verify(&third, &point(x3 as i64), MOBILE)
        .await
        .assert_ok();
}

#[tokio::test]
async fn live_pass_tokens_are_capped_oldest_first() {
    let sim = Sim::with(|c| {
        c.limits = Limits {
            pass_tokens: 1,
            ..Limits::default()
        }
    });
    let first = sim.pass(MOBILE).await;
    let second = sim.pass(MOBILE).await;
    sim.send(MOBILE, "LOGIN_SMS", &first)
        .await
        .assert_error(codes::CAPTCHA_0003);
    sim.send(MOBILE, "LOGIN_SMS", &second).await.assert_ok();
}

//! Deterministic sample data for the screen snapshots and the render benchmark:
//! a fixed header set, inputs typed as a person would, and exchanges recorded
//! from real request specs by the client's own recording and classification.

use super::app::{App, Msg, Screen, Step, Target, TokenMeta, update};
use super::record::Record;
use crate::api::{Catalogue, headers as h};
use crate::client::{
    Exchange, HeaderSetting, Outcome, ReceivedResponse, RequestSpec, Timing, TransportKind, send,
};
use crate::clock::{Clock, ManualClock, SharedClock};
use crossterm::event::{KeyCode, KeyEvent};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

pub const TOKEN: &str = "71dd26999e314f9abb0c635336976635---{\"x\":237.0,\"y\":5.0}";
pub const MOBILE: &str = "13800138000";

pub fn headers() -> Vec<HeaderSetting> {
    let hs = |n: &str, v: &str, e: bool| HeaderSetting {
        name: n.into(),
        value: v.into(),
        enabled: e,
    };
    vec![
        hs(h::OS_VERSION, "Android 14", true),
        hs(h::FINGERPRINT, "156aysdna213sc50", true),
        hs(h::DEVICE_IP, "192.168.1.2", false),
        hs(
            h::AGENT,
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36",
            true,
        ),
        hs(h::LANG, "en", true),
        hs(h::CLIENT_ID, h::EXAMPLE_CLIENT_ID, true),
        hs(h::CONTENT_TYPE, "application/json", true),
        hs(h::TENANT_ID, "", false),
    ]
}

/// A fresh app on a manual clock, targeting a simulator at a fixed address.
pub fn app() -> (App, ManualClock) {
    let clock = ManualClock::new();
    let shared: SharedClock = Arc::new(clock.clone());
    let target = Target {
        base_url: "http://127.0.0.1:40123".into(),
        simulator: true,
        profile: "default".into(),
    };
    (App::new(target, headers(), shared), clock)
}

pub fn key(app: &mut App, code: KeyCode) {
    update(app, Msg::Key(KeyEvent::from(code)));
}

pub fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Token, scene (LOGIN_SMS) and mobile filled in through key presses; on `step`.
pub fn filled(step: Step) -> (App, ManualClock) {
    let (mut a, clock) = app();
    typed(&mut a, TOKEN);
    a.token_meta = Some(TokenMeta {
        token: TOKEN.into(),
        sender: Some(MOBILE.into()),
        obtained_at: clock.now(),
        used: false,
    });
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    typed(&mut a, MOBILE);
    key(&mut a, KeyCode::Enter);
    a.screen = Screen::Wizard(step);
    (a, clock)
}

pub fn json_response(status: u16, body: &str) -> ReceivedResponse {
    ReceivedResponse {
        status,
        version: "HTTP/1.1".into(),
        headers: vec![
            ("content-type".into(), "application/json".into()),
            ("content-length".into(), body.len().to_string()),
            ("date".into(), "Thu, 01 Jan 2026 00:00:00 GMT".into()),
        ],
        body: body.as_bytes().to_vec(),
        truncated: false,
    }
}

/// The 200 with an empty body that a successful sms/send gets.
pub fn ok_response() -> ReceivedResponse {
    ReceivedResponse {
        headers: vec![("content-length".into(), "0".into())],
        ..json_response(200, "")
    }
}

/// `{"error_code","error_msg"}` of a catalogue code, in English.
pub fn error_body(code: &str) -> String {
    let e = Catalogue::get().entry(code);
    serde_json::json!({"error_code": e.code, "error_msg": e.msg.en}).to_string()
}

/// An exchange for `spec`; no response means connection refused.
pub fn exchange(spec: &RequestSpec, resp: Option<ReceivedResponse>) -> Exchange {
    let outcome = match &resp {
        Some(r) => send::classify(&spec.path, r),
        None => Outcome::Transport {
            kind: TransportKind::ConnectionRefused,
            detail: "tcp connect error: Connection refused (os error 111)".into(),
        },
    };
    Exchange {
        started_at: SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600),
        request: send::record(spec).expect("fixture specs are valid"),
        response: resp,
        timing: Timing {
            total: Duration::from_micros(1_840),
            ttfb: Some(Duration::from_micros(1_620)),
        },
        outcome,
    }
}

/// Put the result of sending the current inputs on screen.
pub fn with_result(mut a: App, resp: Option<ReceivedResponse>) -> App {
    let spec = a.send_spec();
    let ex = exchange(&spec, resp);
    let mut rec = Record::new(a.history.len() as u64 + 1, spec, ex, Some(MOBILE.into()));
    if rec.exchange.outcome == Outcome::Success {
        rec.delivered_code = Some("042917".into());
    }
    a.history.push(rec);
    a.current = Some(a.history.len() - 1);
    a.screen = Screen::Result;
    a.panes.focus = 2;
    a
}

/// The hole's x in [`puzzle`].
pub const PUZZLE_HOLE_X: u32 = crate::term::puzzle_image::SAMPLE_HOLE_X;

/// A fixed puzzle drawn by the simulator's own code (background 3, hole at
/// x = 150, shape 40 px from the top), as the client decodes it.
pub fn puzzle() -> crate::term::puzzle_image::Puzzle {
    crate::term::puzzle_image::sample()
}

/// The puzzle screen showing [`puzzle`] (half-blocks), opened from the token step.
pub fn puzzle_screen() -> (App, ManualClock) {
    let (mut a, clock) = app();
    update(
        &mut a,
        Msg::Key(KeyEvent::new(
            KeyCode::Char('p'),
            crossterm::event::KeyModifiers::CONTROL,
        )),
    );
    update(
        &mut a,
        Msg::PuzzleFetched(Ok(Box::new(super::puzzle::Fetched {
            puzzle: puzzle(),
            picker: Some(ratatui_image::picker::Picker::halfblocks()),
        }))),
    );
    (a, clock)
}

/// A runtime as the tests drive it: loopback without proxies, a 30 s
/// transport timeout, copies kept in memory.
pub fn runtime() -> super::runtime::Runtime {
    let mut rt = super::runtime::Runtime::new(crate::client::HttpOptions {
        no_proxy: true,
        timeout: Duration::from_secs(30),
        ..Default::default()
    });
    rt.clipboard = super::runtime::Clipboard::Memory(Vec::new());
    rt
}

/// An app whose target is the simulator `sim` (as the TUI starts on its in-process one),
/// with `headers` and the system clock.
pub fn app_on(sim: &crate::sim::SimHandle, headers: Vec<HeaderSetting>) -> App {
    let target = Target {
        base_url: sim.base_url(),
        simulator: true,
        profile: "default".into(),
    };
    App::new(target, headers, crate::clock::system())
}

/// A simulator on 127.0.0.1 that reveals solutions (and encrypts points with `aes`).
pub async fn simulator(aes: bool) -> crate::sim::SimHandle {
    simulator_with(true, aes).await
}

/// A quiet simulator on 127.0.0.1: `reveal` serves `/_sim/captcha/{token}`
/// (without it, it stands for a real tenant), `aes` turns point encryption on.
pub async fn simulator_with(reveal: bool, aes: bool) -> crate::sim::SimHandle {
    let cfg = crate::sim::SimConfig {
        aes,
        reveal_solutions: reveal,
        ..crate::sim::SimConfig::in_process()
    };
    crate::sim::spawn_in_process(cfg)
        .await
        .expect("the simulator starts on a free loopback port")
}

/// An app on the Traffic screen holding `n` proxied exchanges (keeping at
/// least that many): a success, a missing device header (PARAM.0001), a spent
/// token (CAPTCHA.0003) and a refused CONNECT, in turn, a millisecond apart.
pub fn traffic(n: usize) -> App {
    use crate::client::proxy::Recorded;
    let (mut a, _) = filled(super::app::Step::Review);
    a.traffic.listen = "http://127.0.0.1:8081".into();
    a.traffic.upstream = "http://127.0.0.1:40123".into();
    a.traffic.keep = n.max(crate::client::proxy::DEFAULT_KEEP);
    let spec = a.send_spec();
    let mut no_fp = spec.clone();
    no_fp.omit_header(crate::api::headers::FINGERPRINT);
    let samples = [
        exchange(&spec, Some(ok_response())),
        exchange(
            &no_fp,
            Some(json_response(400, &error_body("IDAAS.SDK.PARAM.0001"))),
        ),
        exchange(
            &spec,
            Some(json_response(400, &error_body("IDAAS.SDK.CAPTCHA.0003"))),
        ),
    ];
    let refused = {
        let mut x = exchange(&spec, Some(json_response(405, "{}")));
        x.request.method = "CONNECT".into();
        x.request.url = "http://example.com:443/".into();
        x
    };
    for i in 0..n {
        let (mut x, why) = match i % 4 {
            3 => (
                refused.clone(),
                Some("CONNECT: not an open proxy".to_string()),
            ),
            k => (samples[k].clone(), None),
        };
        x.started_at += Duration::from_millis(i as u64);
        a.traffic.push(
            std::sync::Arc::new(Recorded {
                id: i as u64 + 1,
                client: ([127, 0, 0, 1], 50_000 + (i % 7) as u16).into(),
                exchange: x,
                refused: why,
            }),
            a.ui_lang,
        );
    }
    a.screen = Screen::Traffic;
    a
}

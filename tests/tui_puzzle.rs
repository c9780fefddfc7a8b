//! The slider-captcha screen: half-block rendering of a known puzzle
//! (snapshots on TestBackend), sliding with keys and the mouse, the lifetime
//! on an injected clock, and the whole loop against the simulator on
//! 127.0.0.1: the true x (from the simulator's reveal) gives a pass token and
//! a send that succeeds, with and without AES; a wrong x gives CAPTCHA.0002
//! and the offer of a new puzzle.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Color;
use std::sync::Arc;
use std::time::Duration;
use vflow::client::Outcome;
use vflow::clock::ManualClock;
use vflow::sim::SimHandle;
use vflow::tui::app::{App, Msg, Screen, Step, Target, update};
use vflow::tui::fixtures::{self, PUZZLE_HOLE_X};
use vflow::tui::puzzle::{self, Phase};
use vflow::tui::runtime::Runtime;
use vflow::tui::view;

mod zh_screens;

fn render(a: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    a.size = (w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(a, f)).unwrap();
    t
}

fn screen_text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// The picture as brightness: one character per half-block pixel pair (the
/// cell's mean luminance), so the snapshot shows the hole and the piece.
fn brightness_map(t: &Terminal<TestBackend>, r: Rect) -> String {
    const RAMP: &[u8] = b" .:-=+*#%@";
    let buf = t.backend().buffer();
    let lum = |c: Color| match c {
        Color::Rgb(r, g, b) => 0.2126 * r as f64 + 0.7152 * g as f64 + 0.0722 * b as f64,
        _ => 0.0,
    };
    let mut s = String::new();
    for y in r.y..r.bottom() {
        for x in r.x..r.right() {
            let c = &buf[(x, y)];
            let l = (lum(c.fg) + lum(c.bg)) / 2.0;
            let i = ((l / 256.0) * RAMP.len() as f64) as usize;
            s.push(RAMP[i.min(RAMP.len() - 1)] as char);
        }
        s.push('\n');
    }
    s
}

fn key(a: &mut App, code: KeyCode) {
    update(a, Msg::Key(KeyEvent::from(code)));
}

fn shift(a: &mut App, code: KeyCode) {
    update(a, Msg::Key(KeyEvent::new(code, KeyModifiers::SHIFT)));
}

fn x_of(a: &App) -> u32 {
    a.puzzle.current.as_ref().expect("a puzzle on screen").x
}

#[test]
fn halfblock_rendering_of_a_known_puzzle() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (mut a, _) = fixtures::puzzle_screen();
        let t = render(&mut a, w, h);
        insta::assert_snapshot!(format!("puzzle_start_{w}x{h}"), t.backend());
        let pic = puzzle::areas(&a, Rect::new(0, 0, w, h)).picture;
        insta::assert_snapshot!(
            format!("puzzle_start_brightness_{w}x{h}"),
            brightness_map(&t, pic)
        );
        // the piece slid onto the hole: the dark hole is covered
        for _ in 0..PUZZLE_HOLE_X / 10 {
            key(&mut a, KeyCode::PageDown);
        }
        assert_eq!(x_of(&a), PUZZLE_HOLE_X);
        let t = render(&mut a, w, h);
        insta::assert_snapshot!(
            format!("puzzle_solved_brightness_{w}x{h}"),
            brightness_map(&t, pic)
        );
    }
}

#[test]
fn the_piece_is_drawn_where_x_says_and_the_hole_is_darker() {
    let (mut a, _) = fixtures::puzzle_screen();
    let t = render(&mut a, 120, 40);
    let pic = puzzle::areas(&a, Rect::new(0, 0, 120, 40)).picture;
    assert!(pic.width >= 100, "scaled to fit 120 columns: {pic:?}");
    let map = brightness_map(&t, pic);
    // mean brightness of the columns of the hole vs. after the piece covers it
    let col_mean = |m: &str, a: u16, b: u16| -> f64 {
        let ramp = " .:-=+*#%@";
        let mut sum = 0.0;
        let mut n = 0.0;
        for line in m.lines() {
            for (i, ch) in line.chars().enumerate() {
                if (a as usize..b as usize).contains(&i) {
                    sum += ramp.find(ch).unwrap() as f64;
                    n += 1.0;
                }
            }
        }
        sum / n
    };
    let (h0, h1) = vflow::term::puzzle_image::piece_columns(PUZZLE_HOLE_X, pic.width);
    let hole = col_mean(&map, h0 + 1, h1 - 1);
    a.puzzle.current.as_mut().unwrap().x = PUZZLE_HOLE_X;
    let t = render(&mut a, 120, 40);
    let covered = col_mean(&brightness_map(&t, pic), h0 + 1, h1 - 1);
    assert!(
        covered > hole,
        "the hole ({hole:.2}) is darker than the piece over it ({covered:.2})"
    );
}

#[test]
fn keys_slide_the_piece_within_the_background() {
    let (mut a, _) = fixtures::puzzle_screen();
    assert_eq!(a.screen, Screen::Puzzle);
    assert_eq!(x_of(&a), 0);
    key(&mut a, KeyCode::Right);
    assert_eq!(x_of(&a), 1);
    shift(&mut a, KeyCode::Right);
    assert_eq!(x_of(&a), 11);
    key(&mut a, KeyCode::PageDown);
    assert_eq!(x_of(&a), 21);
    key(&mut a, KeyCode::PageUp);
    shift(&mut a, KeyCode::Left);
    key(&mut a, KeyCode::Left);
    assert_eq!(x_of(&a), 0);
    key(&mut a, KeyCode::Left);
    assert_eq!(x_of(&a), 0, "never below 0");
    key(&mut a, KeyCode::End);
    assert_eq!(x_of(&a), 310 - 47, "the piece stays inside");
    key(&mut a, KeyCode::Right);
    assert_eq!(x_of(&a), 263);
    key(&mut a, KeyCode::Home);
    assert_eq!(x_of(&a), 0);
    let t = render(&mut a, 80, 24);
    let text = screen_text(&t);
    assert!(text.contains("x =   0 of 0–263"), "{text}");
    assert!(text.contains("Enter verify"), "footer: {text}");
}

#[test]
fn dragging_the_mouse_moves_the_piece() {
    let (mut a, _) = fixtures::puzzle_screen();
    a.size = (120, 40);
    let ar = puzzle::areas(&a, Rect::new(0, 0, 120, 40));
    let pic = ar.picture;
    let mouse = |kind, column, row| {
        Msg::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let mid = pic.y + pic.height / 2;
    update(
        &mut a,
        mouse(MouseEventKind::Down(MouseButton::Left), pic.x + 2, mid),
    );
    let x1 = x_of(&a);
    assert!(x1 < 10, "pressed near the left edge: {x1}");
    update(
        &mut a,
        mouse(
            MouseEventKind::Drag(MouseButton::Left),
            pic.x + pic.width / 2,
            mid,
        ),
    );
    let x2 = x_of(&a);
    assert!(
        (130..=145).contains(&x2),
        "the piece's middle follows the pointer to the middle: {x2}"
    );
    // dragging past the edge (even below the picture) clamps
    update(
        &mut a,
        mouse(MouseEventKind::Drag(MouseButton::Left), 119, 39),
    );
    assert_eq!(x_of(&a), 263);
    // the slider track under the picture works too
    update(
        &mut a,
        mouse(MouseEventKind::Down(MouseButton::Left), pic.x, ar.track.y),
    );
    assert!(x_of(&a) < 5);
}

#[test]
fn the_puzzle_lifetime_counts_down_on_the_injected_clock() {
    let (mut a, clock) = fixtures::puzzle_screen();
    let text = screen_text(&render(&mut a, 80, 24));
    assert!(text.contains("expires in 120 s"), "{text}");
    clock.advance(Duration::from_secs(105));
    let text = screen_text(&render(&mut a, 80, 24));
    assert!(text.contains("expires in 15 s"), "{text}");
    clock.advance(Duration::from_secs(20));
    let text = screen_text(&render(&mut a, 80, 24));
    assert!(text.contains("expired (120 s): r for a new one"), "{text}");
    assert!(
        puzzle::ticking(&a),
        "the screen asks for a redraw every second"
    );
}

#[test]
fn enter_asks_for_the_sender_when_the_mobile_is_not_known() {
    let (mut a, _) = fixtures::puzzle_screen();
    key(&mut a, KeyCode::Right);
    key(&mut a, KeyCode::Enter);
    assert!(a.puzzle.editing_mobile, "asks for the mobile");
    assert!(a.typing());
    for c in "13800138000".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    assert_eq!(
        a.mobile.value(),
        "13800138000",
        "typed into the mobile step's field"
    );
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    assert!(
        matches!(cmds.as_slice(), [vflow::tui::Cmd::VerifyPuzzle { sender, .. }] if sender == "13800138000"),
        "{cmds:?}"
    );
    assert_eq!(a.puzzle.phase, Phase::Verifying);
}

// ---- against the simulator -------------------------------------------------

struct Harness {
    app: App,
    rt: Runtime,
    clock: ManualClock,
    sim: SimHandle,
}

impl Harness {
    async fn new(aes: bool) -> Harness {
        Self::targeting(aes, true).await
    }

    /// `simulator: false` is how vflow sees `vflow serve` given as `--target`:
    /// a server like any tenant (no automatic tokens).
    async fn targeting(aes: bool, simulator: bool) -> Harness {
        let sim = fixtures::simulator(aes).await;
        let target = Target {
            base_url: sim.base_url(),
            simulator,
            profile: "default".into(),
        };
        let clock = ManualClock::new();
        let mut app = App::new(target, fixtures::headers(), Arc::new(clock.clone()));
        app.size = (120, 40);
        Harness {
            app,
            rt: fixtures::runtime(),
            clock,
            sim,
        }
    }

    fn key(&mut self, k: KeyEvent) {
        self.rt.dispatch(&mut self.app, Msg::Key(k));
    }

    fn press(&mut self, code: KeyCode) {
        self.key(KeyEvent::from(code));
    }

    fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    async fn settle(&mut self) {
        self.rt
            .settle(&mut self.app, Duration::from_secs(10))
            .await
            .unwrap();
    }

    async fn open_puzzle(&mut self) -> (String, u32) {
        self.key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL));
        assert_eq!(self.app.screen, Screen::Puzzle);
        self.settle().await;
        assert_eq!(self.app.puzzle.phase, Phase::Sliding);
        let c = self.app.puzzle.current.as_ref().unwrap();
        let token = c.puzzle.token.clone();
        let truth = self.sim.solution(&token).expect("revealed").x;
        (token, truth)
    }

    /// Slide to `x` the way a person does: 10-px jumps, then single pixels.
    fn slide_to(&mut self, x: u32) {
        self.press(KeyCode::Home);
        for _ in 0..x / 10 {
            self.key(KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT));
        }
        for _ in 0..x % 10 {
            self.press(KeyCode::Right);
        }
        assert_eq!(x_of(&self.app), x);
    }

    fn screen(&mut self) -> String {
        let (w, h) = self.app.size;
        screen_text(&render(&mut self.app, w, h))
    }
}

async fn solve_then_send(aes: bool) {
    let mut t = Harness::new(aes).await;
    let (_, truth) = t.open_puzzle().await;
    let secret = t
        .app
        .puzzle
        .current
        .as_ref()
        .unwrap()
        .puzzle
        .secret_key
        .clone();
    assert_eq!(secret.is_some(), aes);
    let text = t.screen();
    assert!(text.contains("expires in 120 s"), "{text}");
    t.slide_to(truth);
    t.press(KeyCode::Enter);
    assert!(t.app.puzzle.editing_mobile, "asks for the sender first");
    t.type_text("13800138000");
    t.press(KeyCode::Enter);
    t.settle().await;
    assert_eq!(
        t.app.screen,
        Screen::Wizard(Step::Scene),
        "moves on: {:?}",
        t.app.puzzle.phase
    );
    let tok = t.app.token.value().to_string();
    let (_, point) = tok.split_once("---").expect("TOKEN---POINT_JSON");
    let point = match &secret {
        // with a secretKey the pass token carries the encrypted point_json
        Some(k) => vflow::api::captcha::decrypt_point(point, k).expect("AES point"),
        None => point.to_string(),
    };
    let parsed = vflow::api::token::parse_point_json(&point).expect("point_json");
    assert_eq!(parsed.x, truth as f64);
    let meta = t.app.current_token_meta().expect("token meta").clone();
    assert_eq!(meta.sender.as_deref(), Some("13800138000"));
    // the token's age shows on the token step, and nears expiry on the clock
    t.clock.advance(Duration::from_secs(12));
    t.app.screen = Screen::Wizard(Step::Token);
    let text = t.screen();
    assert!(
        text.contains("obtained 12 s ago for sender 13800138000; expires in 168 s"),
        "{text}"
    );
    t.press(KeyCode::Enter); // to the scene (LOGIN_SMS preselected)
    t.press(KeyCode::Enter); // on to the review: the mobile is known, carried over
    assert_eq!(t.app.mobile.value(), "13800138000");
    assert_eq!(t.app.screen, Screen::Wizard(Step::Review));
    assert!(t.app.warnings().is_empty(), "{:?}", t.app.warnings());
    t.press(KeyCode::Enter);
    t.settle().await;
    assert_eq!(t.app.screen, Screen::Result);
    assert_eq!(
        t.app.history.last().unwrap().exchange.outcome,
        Outcome::Success
    );
    // a send used it: flagged on the token step and in the review
    t.app.screen = Screen::Wizard(Step::Token);
    let text = t.screen();
    assert!(text.contains("already used by a send"), "{text}");
}

#[tokio::test]
async fn true_x_gives_a_pass_token_and_the_send_succeeds() {
    solve_then_send(false).await;
}

#[tokio::test]
async fn true_x_verifies_with_aes_too() {
    solve_then_send(true).await;
}

#[tokio::test]
async fn a_wrong_x_gives_captcha_0002_and_one_key_gets_a_new_puzzle() {
    let mut t = Harness::new(false).await;
    t.type_text(""); // the token field stays empty
    t.app.mobile = tui_input::Input::new("13800138001".into());
    let (first, truth) = t.open_puzzle().await;
    let wrong = if truth > 150 { truth - 6 } else { truth + 6 };
    t.slide_to(wrong);
    t.press(KeyCode::Enter);
    t.settle().await;
    assert_eq!(t.app.screen, Screen::Puzzle);
    match &t.app.puzzle.phase {
        Phase::Failed { title, .. } => assert!(title.contains("CAPTCHA.0002"), "{title}"),
        p => panic!("expected a failure, got {p:?}"),
    }
    let text = t.screen();
    assert!(text.contains("ONE attempt"), "{text}");
    assert!(text.contains("r gets a new puzzle"), "{text}");
    assert!(t.app.token.value().is_empty(), "no token on failure");
    // sliding does nothing now; r fetches a new puzzle
    t.press(KeyCode::Right);
    assert_eq!(x_of(&t.app), wrong);
    t.press(KeyCode::Char('r'));
    t.settle().await;
    assert_eq!(t.app.puzzle.phase, Phase::Sliding);
    let second = t.app.puzzle.current.as_ref().unwrap().puzzle.token.clone();
    assert_ne!(first, second, "a new puzzle");
    assert_eq!(x_of(&t.app), 0);
}

#[tokio::test]
async fn a_pass_token_about_to_expire_is_flagged_in_the_review() {
    let mut t = Harness::new(false).await;
    t.app.mobile = tui_input::Input::new("13800138002".into());
    let (_, truth) = t.open_puzzle().await;
    t.slide_to(truth);
    t.press(KeyCode::Enter);
    t.settle().await;
    assert_eq!(t.app.screen, Screen::Wizard(Step::Scene));
    t.clock.advance(Duration::from_secs(160));
    assert!(
        t.app
            .warnings()
            .iter()
            .any(|w| w.contains("expires in 20 s")),
        "{:?}",
        t.app.warnings()
    );
    t.clock.advance(Duration::from_secs(30));
    assert!(
        t.app.warnings().iter().any(|w| w.contains("CAPTCHA.0003")),
        "{:?}",
        t.app.warnings()
    );
}

#[test]
fn an_expired_puzzle_that_fails_says_so() {
    let (mut a, clock) = fixtures::puzzle_screen();
    a.mobile = tui_input::Input::new(fixtures::MOBILE.into());
    key(&mut a, KeyCode::Right);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.puzzle.phase, Phase::Verifying);
    clock.advance(Duration::from_secs(125));
    let spec = vflow::client::build::captcha_verify(
        "http://127.0.0.1:40123",
        fixtures::headers(),
        "{\"x\":0.0,\"y\":5.0}",
        "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        fixtures::MOBILE,
    );
    let body = fixtures::error_body("IDAAS.SDK.CAPTCHA.0002");
    let exchange = fixtures::exchange(&spec, Some(fixtures::json_response(400, &body)));
    update(
        &mut a,
        Msg::PuzzleVerified {
            sender: fixtures::MOBILE.into(),
            exchange: Box::new(exchange),
        },
    );
    let t = render(&mut a, 80, 24);
    insta::assert_snapshot!("puzzle_failed_expired_80x24", t.backend());
    let text = screen_text(&t);
    assert!(text.contains("r gets a new puzzle"), "{text}");
    assert!(text.contains("r/Enter new puzzle"), "footer: {text}");
    let t = render(&mut a, 120, 40);
    assert!(
        screen_text(&t).contains("The puzzle had expired (it lives 120 s)."),
        "{}",
        screen_text(&t)
    );
}

#[tokio::test]
async fn against_vflow_serve_given_as_target() {
    let mut t = Harness::targeting(false, false).await;
    t.app.mobile = tui_input::Input::new("13800138003".into());
    let (_, truth) = t.open_puzzle().await;
    t.slide_to(truth);
    t.press(KeyCode::Enter);
    t.settle().await;
    assert_eq!(t.app.screen, Screen::Wizard(Step::Scene));
    t.press(KeyCode::Enter); // scene: on to the review (the mobile is known)
    assert_eq!(t.app.screen, Screen::Wizard(Step::Review));
    t.press(KeyCode::Enter); // send
    t.settle().await;
    assert_eq!(t.app.screen, Screen::Result);
    assert_eq!(
        t.app.history.last().unwrap().exchange.outcome,
        Outcome::Success
    );
}

#[test]
fn retry_against_a_remote_tenant_opens_a_new_puzzle() {
    let (mut a, _) = fixtures::filled(Step::Review);
    a.target = Target {
        base_url: "https://tenant.example.com".into(),
        simulator: false,
        profile: "staging".into(),
    };
    let body = fixtures::error_body("IDAAS.SDK.CAPTCHA.0003");
    let mut a = fixtures::with_result(a, Some(fixtures::json_response(400, &body)));
    // r reviews first (issue 15.3); Enter there opens the puzzle, which
    // returns to the review when solved (issue 15.5).
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('r'))));
    assert!(cmds.is_empty(), "{cmds:?}");
    assert_eq!(a.screen, Screen::Wizard(Step::Review));
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    assert_eq!(a.screen, Screen::Puzzle);
    assert_eq!(a.puzzle.back_to, Screen::Wizard(Step::Review));
    assert!(a.token.value().is_empty(), "the used token is cleared");
    match cmds.as_slice() {
        [vflow::tui::Cmd::FetchPuzzle { spec, .. }] => {
            assert_eq!(spec.url(), "https://tenant.example.com/api/v2/sdk/captcha")
        }
        other => panic!("expected a puzzle fetch, got {other:?}"),
    }
}

#[test]
fn no_color_keeps_the_picture_in_colour() {
    let (mut a, _) = fixtures::puzzle_screen();
    a.no_color = true;
    let t = render(&mut a, 80, 24);
    let pic = puzzle::areas(&a, Rect::new(0, 0, 80, 24)).picture;
    let buf = t.backend().buffer();
    let mid = &buf[(pic.x + pic.width / 2, pic.y + pic.height / 2)];
    assert!(
        matches!(mid.fg, Color::Rgb(..)),
        "the image keeps its colours"
    );
    let frame = &buf[(0, 1)];
    assert_eq!(frame.fg, Color::Reset, "text has no colour");
}

#[test]
fn help_lists_the_puzzle_keys() {
    let (mut a, _) = fixtures::puzzle_screen();
    update(&mut a, Msg::Key(KeyEvent::from(KeyCode::F(1))));
    let t = render(&mut a, 80, 24);
    insta::assert_snapshot!("puzzle_help_80x24", t.backend());
}

#[test]
fn tiny_and_odd_sizes_draw_without_panicking() {
    let (mut a, _) = fixtures::puzzle_screen();
    for (w, h) in [
        (1, 1),
        (10, 5),
        (20, 8),
        (40, 12),
        (80, 10),
        (300, 12),
        (79, 100),
    ] {
        let t = render(&mut a, w, h);
        let pic = puzzle::areas(&a, Rect::new(0, 0, w, h)).picture;
        assert!(pic.right() <= w && pic.bottom() <= h, "{w}x{h}: {pic:?}");
        drop(t);
        update(
            &mut a,
            Msg::Mouse(MouseEvent {
                kind: MouseEventKind::Drag(MouseButton::Left),
                column: w / 2,
                row: h / 2,
                modifiers: KeyModifiers::NONE,
            }),
        );
    }
}

// ---- precision and safety for a person (issue 14) ---------------------------

fn chars(a: &mut App, s: &str) {
    for c in s.chars() {
        key(a, KeyCode::Char(c));
    }
}

#[test]
fn typed_digits_set_x_like_the_cli() {
    let (mut a, _) = fixtures::puzzle_screen();
    chars(&mut a, "127");
    assert_eq!(x_of(&a), 127);
    let text = screen_text(&render(&mut a, 120, 40));
    assert!(
        text.contains("x = 127") && text.contains("typed 127"),
        "{text}"
    );
    key(&mut a, KeyCode::Backspace);
    assert_eq!(x_of(&a), 12);
    key(&mut a, KeyCode::Right);
    assert_eq!(x_of(&a), 13, "an arrow goes on from the typed x");
    chars(&mut a, "999");
    assert_eq!(x_of(&a), puzzle_image_limit(), "capped at the largest x");
}

fn puzzle_image_limit() -> u32 {
    vflow::term::puzzle_image::X_LIMIT
}

#[test]
fn enter_on_a_fresh_puzzle_does_not_verify() {
    let (mut a, _) = fixtures::puzzle_screen();
    a.mobile = tui_input::Input::new(fixtures::MOBILE.into());
    let text = screen_text(&render(&mut a, 80, 24));
    assert!(
        text.contains("Enter verify (after a move)"),
        "footer: {text}"
    );
    for _ in 0..2 {
        let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Enter)));
        assert!(cmds.is_empty(), "{cmds:?}");
        assert_eq!(a.puzzle.phase, Phase::Sliding);
    }
    let notice = a.notice.as_ref().expect("says why").text.clone();
    assert!(notice.contains("move the piece first"), "{notice}");
    // a typed x counts as a move
    chars(&mut a, "150");
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    assert!(
        matches!(cmds.as_slice(), [vflow::tui::Cmd::VerifyPuzzle { .. }]),
        "{cmds:?}"
    );
}

#[tokio::test]
async fn a_double_enter_after_a_failure_gets_a_puzzle_and_does_not_spend_it() {
    let mut t = Harness::new(false).await;
    t.app.mobile = tui_input::Input::new(fixtures::MOBILE.into());
    let (_, truth) = t.open_puzzle().await;
    let wrong = if truth > 100 { 10 } else { 200 };
    t.slide_to(wrong);
    t.press(KeyCode::Enter);
    t.settle().await;
    assert!(puzzle::failed(&t.app));
    let size_before = puzzle::areas(&t.app, Rect::new(0, 0, 80, 24)).picture;
    t.press(KeyCode::Enter); // new puzzle
    t.settle().await;
    assert_eq!(t.app.puzzle.phase, Phase::Sliding);
    let token = t.app.puzzle.current.as_ref().unwrap().puzzle.token.clone();
    t.press(KeyCode::Enter); // the second Enter: nothing is verified
    assert!(t.rt.idle(), "no request went out");
    assert_eq!(t.app.puzzle.phase, Phase::Sliding);
    assert!(
        t.sim.solution(&token).is_some(),
        "the puzzle is still alive"
    );
    assert_eq!(
        puzzle::areas(&t.app, Rect::new(0, 0, 80, 24)).picture,
        size_before,
        "the picture keeps its size across attempts"
    );
}

#[test]
fn the_picture_keeps_its_size_in_every_phase() {
    let (mut a, _) = fixtures::puzzle_screen();
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        a.size = (w, h);
        let area = Rect::new(0, 0, w, h);
        a.puzzle.phase = Phase::Sliding;
        let sliding = puzzle::areas(&a, area).picture;
        a.puzzle.phase = Phase::Verifying;
        assert_eq!(puzzle::areas(&a, area).picture, sliding);
        a.puzzle.phase = Phase::Failed {
            title: "no".into(),
            lines: vec!["a".into(), "b".into()],
        };
        assert_eq!(puzzle::areas(&a, area).picture, sliding, "{w}x{h}");
    }
}

/// Cells whose colour is the piece's outline (magenta), as half-blocks.
fn outline_cells(t: &Terminal<TestBackend>, r: Rect) -> Vec<(u16, u16)> {
    let buf = t.backend().buffer();
    let magenta = |c: Color| matches!(c, Color::Rgb(r, g, b) if r > 200 && g < 80 && b > 200);
    let mut v = vec![];
    for y in r.y..r.bottom() {
        for x in r.x..r.right() {
            let c = &buf[(x, y)];
            if magenta(c.fg) || magenta(c.bg) {
                v.push((x, y));
            }
        }
    }
    v
}

#[test]
fn the_piece_is_outlined_in_a_contrasting_colour_even_without_colour() {
    for no_color in [false, true] {
        let (mut a, _) = fixtures::puzzle_screen();
        a.no_color = no_color;
        chars(&mut a, "60");
        let t = render(&mut a, 80, 24);
        let pic = puzzle::areas(&a, Rect::new(0, 0, 80, 24)).picture;
        let cells = outline_cells(&t, pic);
        assert!(cells.len() >= 10, "no_color {no_color}: {cells:?}");
        let (c0, c1) = vflow::term::puzzle_image::piece_columns(60, pic.width);
        assert!(
            cells
                .iter()
                .all(|&(x, _)| (pic.x + c0..=pic.x + c1).contains(&x)),
            "the outline is where the piece is: {cells:?}"
        );
    }
}

#[test]
fn the_loupe_at_80x24_shows_the_piece_edge_and_the_hole_magnified() {
    let (mut a, _) = fixtures::puzzle_screen();
    // 3 px left of the hole (fixture's hole at x = 150): both edges in the loupe
    chars(&mut a, "147");
    let t = render(&mut a, 80, 24);
    let ar = puzzle::areas(&a, Rect::new(0, 0, 80, 24));
    // 3 rows; 2 while the status (x, typed digits, no mobile yet) takes two
    assert_eq!(ar.loupe.height, 2, "a loupe at 80x24");
    assert!(ar.loupe.width >= 70);
    insta::assert_snapshot!("puzzle_loupe_80x24", brightness_map(&t, ar.loupe));
    // the outline's left edge is in the middle half of the loupe
    let cells = outline_cells(&t, ar.loupe);
    let left = cells
        .iter()
        .map(|c| c.0)
        .min()
        .expect("outline in the loupe");
    let (q, w) = (ar.loupe.x + ar.loupe.width / 4, ar.loupe.width);
    assert!(
        (q..q + w / 2).contains(&left),
        "left edge at {left}, loupe {:?}",
        ar.loupe
    );
    // one pixel to the right moves it by two columns: a person can count pixels
    key(&mut a, KeyCode::Right);
    let t2 = render(&mut a, 80, 24);
    let first = |t: &Terminal<TestBackend>| {
        (0..ar.loupe.width)
            .map(|i| ar.loupe.x + i)
            .find(|&x| !outline_cells(t, Rect::new(x, ar.loupe.y, 1, ar.loupe.height)).is_empty())
    };
    // the window stays (it moves in quarter steps): the edge moves 2 columns
    assert_eq!(first(&t2), first(&t).map(|c| c + 2));
    // the hole shows through the half see-through piece: darker cells right
    // of the piece's edge, 3 px = 6 columns from it (hole at 150, piece at 147)
    let lum = |t: &Terminal<TestBackend>, x: u16| {
        let buf = t.backend().buffer();
        (ar.loupe.y..ar.loupe.bottom())
            .map(|y| match buf[(x, y)].bg {
                Color::Rgb(r, g, b) => u32::from(r) + u32::from(g) + u32::from(b),
                _ => 0,
            })
            .sum::<u32>()
    };
    let edge = left + 6;
    let mean =
        |xs: std::ops::Range<u16>| xs.clone().map(|x| lum(&t, x)).sum::<u32>() / xs.len() as u32;
    let (before, inside) = (mean(left + 2..edge), mean(edge + 2..edge + 12));
    assert!(
        inside + 100 < before,
        "the hole is darker: {inside} vs {before}"
    );
    // a picture fine enough (about 2 px per column or less) needs no loupe
    a.size = (200, 60);
    assert!(puzzle::areas(&a, Rect::new(0, 0, 200, 60)).loupe.is_empty());
}

// ---- in Chinese -------------------------------------------------------------

/// The catalogue file of the puzzle screen.
const FILES: &[&str] = &["tui-puzzle"];

/// [`fixtures::puzzle_screen`] with the UI in Chinese from the start.
fn puzzle_screen_zh() -> (App, ManualClock) {
    let (mut a, clock) = fixtures::app();
    zh_screens::in_chinese(&mut a);
    let ctrl_p = KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL);
    update(&mut a, Msg::Key(ctrl_p));
    assert_eq!(a.screen, Screen::Puzzle);
    update(
        &mut a,
        Msg::PuzzleFetched(Ok(Box::new(puzzle::Fetched {
            puzzle: fixtures::puzzle(),
            picker: Some(ratatui_image::picker::Picker::halfblocks()),
        }))),
    );
    (a, clock)
}

/// Snapshots of `a` at 80x24 and 160x48, each reading in Chinese and fitting its width;
/// the text of both, for the test to look into.
fn snap_zh(name: &str, a: &mut App) -> [String; 2] {
    [(80, 24), (160, 48)].map(|(w, h)| {
        let t = zh_screens::draw(a, w, h);
        zh_screens::assert_rows_fit(&t);
        let text = zh_screens::text(&t);
        zh_screens::assert_chinese(&text, FILES);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
        text
    })
}

#[test]
fn the_puzzle_loading_and_sliding_in_chinese() {
    let (mut a, _) = fixtures::app();
    zh_screens::in_chinese(&mut a);
    let ctrl_p = KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL);
    update(&mut a, Msg::Key(ctrl_p));
    let [small, _] = snap_zh("puzzle_loading_zh", &mut a);
    assert!(small.contains("正在获取拼图…"), "{small}");
    assert!(
        small.contains("正在获取验证码拼图…"),
        "the busy line: {small}"
    );
    // Ctrl+P on the token step while the puzzle still loads: said in Chinese
    a.screen = Screen::Wizard(Step::Token);
    update(&mut a, Msg::Key(ctrl_p));
    assert_eq!(
        a.notice.clone().unwrap().text,
        "请等待进行中的请求完成，然后再按 Ctrl+P"
    );

    let (mut a, _) = puzzle_screen_zh();
    let [small, large] = snap_zh("puzzle_start_zh", &mut a);
    for want in [
        "验证码滑块拼图：把滑块拖进缺口",
        "拼图 0f1e2d3c4b5a69788796a5b4c3d2e1f0  120 秒后过期",
        "x =   0（0–263）",
        "手机号：尚未填写，按 Enter 时会询问（m 编辑）",
    ] {
        assert!(small.contains(want), "{want}\n{small}");
    }
    for want in [
        "←→ 1 像素 · Shift+←→ / PgUp PgDn 10 像素 · Home/End · 数字键输入 x · 拖动",
        "把滑块移到深色缺口上（←→、拖动或输入 x）；移动后按 Enter 验证（每个拼图只能尝试一次）。",
    ] {
        assert!(large.contains(want), "{want}\n{large}");
    }
    // Enter before a move: why not, in Chinese
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        a.notice.clone().unwrap().text,
        "请先移动滑块（←→、拖动或输入 x）：每个拼图只能尝试一次"
    );
    // typed digits move the piece: the loupe and the hint that follows
    for c in "147".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    let [small, large] = snap_zh("puzzle_moved_zh", &mut a);
    assert!(small.contains("x = 147（0–263）  已输入 147"), "{small}");
    assert!(
        large.contains("放大镜 ×2：x ") && large.contains("；将滑块轮廓对准缺口的左边缘"),
        "{large}"
    );
    assert!(
        large.contains(
            "把滑块的品红色轮廓与深色缺口对齐，然后按 Enter 验证（每个拼图只能尝试一次）。"
        ),
        "{large}"
    );
}

#[test]
fn asking_for_the_sender_in_chinese_puts_the_cursor_after_the_wide_label() {
    let (mut a, _) = puzzle_screen_zh();
    key(&mut a, KeyCode::Right);
    key(&mut a, KeyCode::Enter);
    assert!(a.puzzle.editing_mobile);
    assert_eq!(
        a.notice.clone().unwrap().text,
        "请输入接收短信验证码的手机号（验证码的 sender），然后按 Enter 验证"
    );
    for c in "1380".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    let [small, large] = snap_zh("puzzle_sender_zh", &mut a);
    for text in [&small, &large] {
        assert!(
            text.contains("手机号：1380   按 Enter 验证，按 Esc 返回滑块"),
            "{text}"
        );
    }
    // the cursor stands after the four digits: "手机号：" takes 8 columns, not 4
    for (w, h) in [(80, 24), (160, 48)] {
        let mut t = zh_screens::draw(&mut a, w, h);
        let sender = puzzle::areas(&a, Rect::new(0, 0, w, h)).sender;
        let at = t.get_cursor_position().unwrap();
        let rows = zh_screens::rows(&t);
        let label = zh_screens::column_of(&rows[usize::from(at.y)], "手机号：1380")
            .expect("the sender on the cursor's row") as u16;
        assert!(sender.contains(at), "{w}x{h}: {sender:?}");
        assert_eq!(at.x, label + 8 + 4, "{w}x{h}: {sender:?}");
    }
}

#[test]
fn a_verify_in_chinese_says_so_and_fails_with_reasons_in_chinese() {
    let (mut a, clock) = puzzle_screen_zh();
    a.mobile = tui_input::Input::new(fixtures::MOBILE.into());
    key(&mut a, KeyCode::Right);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.puzzle.phase, Phase::Verifying);
    let [small, large] = snap_zh("puzzle_verifying_zh", &mut a);
    assert!(large.contains("验证中…"), "{large}");
    assert!(
        small.contains("正在验证滑块位置…"),
        "the busy line: {small}"
    );
    clock.advance(Duration::from_secs(125));
    let spec = vflow::client::build::captcha_verify(
        "http://127.0.0.1:40123",
        zh_screens::headers_in(vflow::api::Lang::Zh),
        "{\"x\":1.0,\"y\":5.0}",
        "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        fixtures::MOBILE,
    );
    let body = fixtures::error_body("IDAAS.SDK.CAPTCHA.0002");
    let exchange = fixtures::exchange(&spec, Some(fixtures::json_response(400, &body)));
    update(
        &mut a,
        Msg::PuzzleVerified {
            sender: fixtures::MOBILE.into(),
            exchange: Box::new(exchange),
        },
    );
    let [small, large] = snap_zh("puzzle_failed_expired_zh", &mut a);
    assert!(
        small.contains("✗ 400 IDAAS.SDK.CAPTCHA.0002：滑块没有对准缺口（x = 1）"),
        "{small}"
    );
    assert!(
        small.contains("已过期（120 秒）：按 r 获取新拼图"),
        "{small}"
    );
    // at 80x24 the two rows under the title hold the whole sentence
    assert!(
        zh_screens::flat(&small).contains("与缺口相差 5 像素以内即可通过；按 r 获取新拼图。"),
        "{small}"
    );
    let flat = zh_screens::flat(&large);
    for want in [
        "每个拼图只能尝试一次（无论对错，服务器在这次验证时已删除它），与缺口相差 5 像素以内即可通过；按 r 获取新拼图。",
        "服务器：",
        "拼图已过期（有效期 120 秒）。",
    ] {
        assert!(flat.contains(want), "{want}\n{large}");
    }
}

#[test]
fn a_solved_puzzle_says_so_in_chinese() {
    let (mut a, _) = puzzle_screen_zh();
    a.mobile = tui_input::Input::new(fixtures::MOBILE.into());
    key(&mut a, KeyCode::Right);
    key(&mut a, KeyCode::Enter);
    let spec = vflow::client::build::captcha_verify(
        "http://127.0.0.1:40123",
        zh_screens::headers_in(vflow::api::Lang::Zh),
        "{\"x\":1.0,\"y\":5.0}",
        "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        fixtures::MOBILE,
    );
    let token = "0f1e2d3c4b5a69788796a5b4c3d2e1f0---{\"x\":1.0,\"y\":5.0}";
    let body = serde_json::json!({ "captcha_token": token }).to_string();
    update(
        &mut a,
        Msg::PuzzleVerified {
            sender: fixtures::MOBILE.into(),
            exchange: Box::new(fixtures::exchange(
                &spec,
                Some(fixtures::json_response(200, &body)),
            )),
        },
    );
    assert_eq!(a.token.value(), token);
    assert_eq!(
        a.notice.clone().unwrap().text,
        "已在 x = 1 处解出：已填入通过令牌（有效期 180 秒，仅可使用一次）"
    );
}

#[test]
fn fetch_failures_in_chinese() {
    // the headers as edited refused: why, and Ctrl+F
    let (mut a, _) = fixtures::app();
    zh_screens::in_chinese(&mut a);
    update(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL)),
    );
    update(
        &mut a,
        Msg::PuzzleFetched(Err(
            "GET /captcha: 400 IDAAS.SDK.PARAM.0001: Device information is incomplete".into(),
        )),
    );
    let [small, large] = snap_zh("puzzle_headers_refused_zh", &mut a);
    assert!(small.contains("✗ 验证码拒绝了编辑后的请求头"), "{small}");
    let flat = zh_screens::flat(&large);
    for want in [
        "使用这些请求头的真实应用在这一步就已失败。",
        "按 Ctrl+F 用配置档的完整请求头获取拼图（sms/send 仍使用编辑后的请求头）；按 Esc 返回。",
    ] {
        assert!(flat.contains(want), "{want}\n{large}");
    }
    // any other failure: try again or go back
    let (mut a, _) = fixtures::app();
    zh_screens::in_chinese(&mut a);
    update(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL)),
    );
    update(
        &mut a,
        Msg::PuzzleFetched(Err("GET /captcha: connection refused".into())),
    );
    let [small, _] = snap_zh("puzzle_fetch_failed_zh", &mut a);
    assert!(
        small.contains("✗ 无法获取拼图") && small.contains("按 r 重试；按 Esc 返回。"),
        "{small}"
    );
}

#[test]
fn solving_for_a_check_case_in_chinese() {
    let (mut a, _) = puzzle_screen_zh();
    a.puzzle.for_check = Some("13900000024".into());
    a.redact = true;
    let [small, _] = snap_zh("puzzle_for_check_zh", &mut a);
    assert!(
        small.contains("手机号：139******24（用于检查用例；按 Esc 跳过）"),
        "{small}"
    );
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Check);
    assert_eq!(
        a.notice.clone().unwrap().text,
        "没有通过令牌：需要令牌的用例将被跳过"
    );
}

/// On a short screen x and the sender share a row: typed digits widen x's part, the
/// sender moves right instead of covering them (in either language).
#[test]
fn typed_digits_are_not_covered_by_the_sender_at_80x24() {
    for zh in [false, true] {
        let (mut a, _) = if zh {
            puzzle_screen_zh()
        } else {
            fixtures::puzzle_screen()
        };
        chars(&mut a, "147");
        let rows = zh_screens::rows(&render(&mut a, 80, 24));
        let (typed, sender) = if zh {
            ("已输入 147", "手机号：")
        } else {
            ("typed 147", "sender: ")
        };
        let row = rows
            .iter()
            .find(|r| r.contains("x = 147"))
            .expect("the readout");
        let end = zh_screens::column_of(row, typed).map(|c| c + zh_screens::cols(typed));
        let start = zh_screens::column_of(row, sender);
        assert!(matches!((end, start), (Some(e), Some(s)) if e < s), "{row}");
    }
}

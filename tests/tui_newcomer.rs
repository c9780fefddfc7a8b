//! What newcomers tripped over (issue 15), driven through the TUI's real update loop
//! against the simulator on 127.0.0.1 at 80x24: a notice wider than the status row is
//! read in full, Ctrl+G on the mobile step comes back where the person was, a captcha
//! that refuses the edited headers says so and offers the full headers.

mod zh_screens;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use std::time::Duration;
use vflow::api::Lang;
use vflow::api::headers as h;
use vflow::client::Outcome;
use vflow::sim::SimHandle;
use vflow::tui::app::{App, Busy, Msg, Notice, Screen, Step, update};
use vflow::tui::fixtures;
use vflow::tui::layout;
use vflow::tui::runtime::Runtime;
use zh_screens::{assert_rows_fit, draw, in_chinese, rows, text};

const LIMIT: Duration = Duration::from_secs(10);

struct Harness {
    app: App,
    rt: Runtime,
    /// Keys pressed so far (a typed character is one).
    keys: usize,
    _sim: SimHandle,
}

impl Harness {
    async fn new(w: u16, h: u16) -> Harness {
        let sim = vflow::tui::fixtures::simulator(false).await;
        let mut app = vflow::tui::fixtures::app_on(&sim, vflow::tui::fixtures::headers());
        app.size = (w, h);
        Harness {
            app,
            rt: vflow::tui::fixtures::runtime(),
            keys: 0,
            _sim: sim,
        }
    }

    fn key(&mut self, k: KeyEvent) {
        self.keys += 1;
        self.rt.dispatch(&mut self.app, Msg::Key(k));
    }

    fn press(&mut self, code: KeyCode) {
        self.key(KeyEvent::from(code));
    }

    fn ctrl(&mut self, c: char) {
        self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    async fn settle(&mut self) {
        self.rt.settle(&mut self.app, LIMIT).await.unwrap();
    }

    /// The screen as drawn at the app's size.
    fn screen(&mut self) -> String {
        let (w, h) = self.app.size;
        text(&draw(&mut self.app, w, h))
    }

    /// Omit X-agent in the headers editor (F2, down to it, Space, Esc).
    fn omit_agent(&mut self) {
        let back = self.app.screen;
        self.press(KeyCode::F(2));
        assert_eq!(self.app.screen, Screen::Headers);
        let idx = self
            .app
            .headers
            .iter()
            .position(|x| x.name == h::AGENT)
            .unwrap();
        for _ in 0..idx {
            self.press(KeyCode::Down);
        }
        self.press(KeyCode::Char(' '));
        assert!(!self.app.headers[idx].enabled);
        self.press(KeyCode::Esc);
        assert_eq!(self.app.screen, back);
    }
}

/// `s` without white space: a wrapped text reads the same as the one it came from.
fn flat(s: &str) -> String {
    s.split_whitespace().collect()
}

/// The notice is on screen in full, none of it cut.
#[track_caller]
fn assert_notice_in_full(a: &mut App) {
    let text = a.notice.clone().expect("a notice").text;
    let (w, h) = a.size;
    let t = draw(a, w, h);
    assert_rows_fit(&t);
    let screen = rows(&t).join("\n");
    assert!(
        flat(&screen).contains(&flat(&text)),
        "notice {text:?} not read in full at {w}x{h}:\n{screen}"
    );
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// The fixtures' app at `w`x`h` after a Ctrl+G that the captcha refused for the
/// edited headers (the answer the simulator gives with X-agent omitted).
fn refused(lang: Lang, w: u16, h: u16) -> App {
    let (mut a, _) = fixtures::app();
    if lang == Lang::Zh {
        in_chinese(&mut a);
    }
    a.size = (w, h);
    fixtures::key(&mut a, KeyCode::Tab);
    fixtures::key(&mut a, KeyCode::Tab);
    fixtures::typed(&mut a, fixtures::MOBILE);
    fixtures::key(&mut a, KeyCode::BackTab);
    fixtures::key(&mut a, KeyCode::BackTab);
    assert_eq!(a.screen, Screen::Wizard(Step::Token));
    let cmds = update(&mut a, ctrl('g'));
    assert_eq!(cmds.len(), 1, "{cmds:?}");
    assert_eq!(a.busy, Some(Busy::Token));
    update(
        &mut a,
        Msg::TokenFetched(Err(vflow::client::simflow::TokenError::Failed(
            "captcha: 400 IDAAS.SDK.PARAM.0001".into(),
        ))),
    );
    a
}

#[test]
fn a_header_refusal_is_read_in_full_at_80x24_in_english_and_chinese() {
    for lang in [Lang::En, Lang::Zh] {
        let mut a = refused(lang, 80, 24);
        let n = a.notice.clone().unwrap();
        assert!(n.error && n.text.contains("Ctrl+F"), "{n:?}");
        assert!(n.text.contains("IDAAS.SDK.PARAM.0001"), "{n:?}");
        assert!(
            unicode_width::UnicodeWidthStr::width(n.text.as_str()) > 80,
            "the case is a notice wider than the status row"
        );
        assert_notice_in_full(&mut a);
        let t = draw(&mut a, 80, 24);
        let r = rows(&t);
        // under a rule, just above the footer; the footer is still there
        let area = layout::notice(&a, ratatui::layout::Rect::new(0, 0, 80, 24)).unwrap();
        assert_eq!(area.area.y + area.area.height, 23);
        assert!(r[area.area.y as usize].chars().all(|c| c == '─'), "{r:?}");
        assert!(r[23].contains("Ctrl+P"), "{r:?}");
        let name = match lang {
            Lang::En => "header_refusal_80x24",
            Lang::Zh => "header_refusal_zh_80x24",
        };
        insta::assert_snapshot!(name, t.backend());
        // wider screens: read in full too; at 200 columns on the status row alone
        for (w, h) in [(120, 40), (200, 50)] {
            a.size = (w, h);
            let n = layout::notice(&a, ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
            assert_eq!(n.area.height == 1, w == 200, "at {w}x{h}");
            assert_notice_in_full(&mut a);
        }
    }
}

#[test]
fn a_notice_that_fits_stays_on_the_status_row() {
    let (mut a, _) = fixtures::app();
    a.size = (80, 24);
    a.notice = Some(Notice {
        text: "a short notice".into(),
        error: true,
    });
    let area = layout::notice(&a, ratatui::layout::Rect::new(0, 0, 80, 24)).unwrap();
    assert_eq!(area.area, ratatui::layout::Rect::new(0, 22, 80, 1));
    let r = rows(&draw(&mut a, 80, 24));
    assert_eq!(r[22].trim_end(), "a short notice");
    assert!(r[21].starts_with('└'), "the body keeps its last row: {r:?}");
}

#[test]
fn a_very_long_notice_takes_a_third_of_the_screen_and_ends_with_an_ellipsis() {
    let (mut a, _) = fixtures::app();
    let long = (1..=60)
        .map(|i| format!("word{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    a.notice = Some(Notice {
        text: long.clone(),
        error: true,
    });
    for (w, h) in [(80, 24), (120, 40), (60, 16)] {
        a.size = (w, h);
        let n = layout::notice(&a, ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
        let fits = long.len().div_ceil(usize::from(w) - 8);
        if fits < usize::from(h / 3) {
            assert_notice_in_full(&mut a);
            continue;
        }
        assert_eq!(n.area.height, h / 3, "at {w}x{h}");
        let r = rows(&draw(&mut a, w, h));
        let last = r[usize::from(h) - 2].trim_end();
        assert!(last.ends_with('…'), "{last:?}");
        assert!(
            r[usize::from(h) - 1].contains("Enter"),
            "footer kept: {r:?}"
        );
    }
}

#[test]
fn a_click_on_a_notice_over_the_scene_list_dismisses_it_and_selects_nothing() {
    let (mut a, _) = fixtures::app();
    a.size = (80, 24);
    fixtures::key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Wizard(Step::Scene));
    let sel = a.scene_sel;
    a.notice = Some(Notice {
        text: "x ".repeat(400),
        error: true,
    });
    let n = layout::notice(&a, ratatui::layout::Rect::new(0, 0, 80, 24)).unwrap();
    assert!(n.area.height > 1);
    let click = |row| {
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 40,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // a row of the list lies under the notice
    let under = n.area.y + 1;
    assert!(layout::hit(&a, ratatui::layout::Rect::new(0, 0, 80, 24), 40, under).is_some());
    update(&mut a, click(under));
    assert!(a.notice.is_none(), "dismissed");
    assert_eq!(a.scene_sel, sel, "the row under it was not clicked");
}

/// The three roles' flow at 80x24: Ctrl+G where it was pressed, the mobile, Enter
/// ... the first send and the login with the delivered code; the keys counted.
async fn first_send_and_login(t: &mut Harness) -> (usize, usize) {
    assert_eq!(t.app.screen, Screen::Wizard(Step::Review));
    assert!(t.app.warnings().is_empty(), "{:?}", t.app.warnings());
    t.press(KeyCode::Enter);
    t.settle().await;
    assert_eq!(t.app.screen, Screen::Result);
    assert_eq!(
        t.app.history.last().unwrap().exchange.outcome,
        Outcome::Success
    );
    let send = t.keys;
    t.press(KeyCode::Char('l'));
    t.settle().await;
    let login = t.app.history.last().unwrap().login.clone().expect("login");
    assert_eq!(login.outcome, Outcome::Success);
    (send, t.keys)
}

#[tokio::test]
async fn ctrl_g_on_the_token_step_counts_15_keys_to_the_first_send_and_16_to_the_login() {
    let mut t = Harness::new(80, 24).await;
    t.ctrl('g');
    assert_eq!(t.app.screen, Screen::Wizard(Step::Mobile));
    t.type_text("13800138000");
    t.press(KeyCode::Enter);
    t.settle().await;
    assert!(t.app.token_meta.is_some());
    assert_eq!(
        t.app.screen,
        Screen::Wizard(Step::Scene),
        "the token step done"
    );
    t.press(KeyCode::Enter);
    assert_eq!(
        t.app.screen,
        Screen::Wizard(Step::Review),
        "the mobile is known"
    );
    assert_eq!(first_send_and_login(&mut t).await, (15, 16));
}

#[tokio::test]
async fn ctrl_g_on_an_empty_mobile_step_comes_back_to_it_and_goes_on_to_the_review() {
    let mut t = Harness::new(80, 24).await;
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    assert_eq!(t.app.screen, Screen::Wizard(Step::Mobile));
    t.ctrl('g');
    assert_eq!(
        t.app.screen,
        Screen::Wizard(Step::Mobile),
        "stays on the mobile step"
    );
    let n = t.app.notice.clone().unwrap();
    assert!(n.text.contains("mobile number first"), "{n:?}");
    assert!(t.screen().contains("mobile number first"));
    t.type_text("13800138000");
    t.press(KeyCode::Enter);
    assert_eq!(
        t.app.screen,
        Screen::Wizard(Step::Mobile),
        "fetching on the step where it was asked for, not the token step"
    );
    t.settle().await;
    assert!(t.app.token_meta.is_some());
    assert_eq!(
        t.app.screen,
        Screen::Wizard(Step::Review),
        "Enter on the mobile step goes on, the scene already chosen"
    );
    // Before: Mobile -> Token -> Scene and one Enter more (17 and 18).
    assert_eq!(first_send_and_login(&mut t).await, (16, 17));
}

#[tokio::test]
async fn g_on_the_review_with_an_empty_mobile_comes_back_to_the_review() {
    let mut t = Harness::new(80, 24).await;
    t.press(KeyCode::Tab);
    t.press(KeyCode::Tab);
    t.press(KeyCode::Tab);
    assert_eq!(t.app.screen, Screen::Wizard(Step::Review));
    t.press(KeyCode::Char('g'));
    assert_eq!(t.app.screen, Screen::Wizard(Step::Mobile));
    // Enter on the empty field asks again, and still gets the token afterwards
    t.press(KeyCode::Enter);
    assert_eq!(t.app.screen, Screen::Wizard(Step::Mobile));
    assert!(t.app.notice.as_ref().unwrap().error);
    t.type_text("13800138000");
    t.press(KeyCode::Enter);
    assert_eq!(t.app.screen, Screen::Wizard(Step::Review));
    t.settle().await;
    assert!(t.app.token_meta.is_some());
    assert_eq!(t.app.screen, Screen::Wizard(Step::Review));
}

/// Ctrl+G with X-agent omitted: the captcha refuses the edited headers. The person
/// reads why and the way on (Ctrl+F), at 80x24, in English and in Chinese, from the
/// token step and from the mobile step, and the notice stays until a key is pressed.
#[tokio::test]
async fn header_refused_ctrl_g_leaves_a_visible_notice_and_the_full_headers_offer() {
    for (lang, on_mobile) in [
        (Lang::En, false),
        (Lang::En, true),
        (Lang::Zh, false),
        (Lang::Zh, true),
    ] {
        let mut t = Harness::new(80, 24).await;
        if lang == Lang::Zh {
            in_chinese(&mut t.app);
        }
        t.omit_agent();
        if on_mobile {
            t.press(KeyCode::Tab);
            t.press(KeyCode::Tab);
            t.type_text("13800138000");
        }
        t.ctrl('g');
        if !on_mobile {
            assert_eq!(t.app.screen, Screen::Wizard(Step::Mobile));
            t.type_text("13800138000");
            t.press(KeyCode::Enter);
        }
        t.settle().await;
        // what arrives later (ticks, what the target reveals) leaves it alone
        t.rt.dispatch(&mut t.app, Msg::Tick);
        t.rt.dispatch(&mut t.app, Msg::Reveals(Some(true)));
        let n = t.app.notice.clone().expect("a failure notice");
        assert!(n.error, "{n:?}");
        assert!(n.text.contains("IDAAS.SDK.PARAM.0001"), "{n:?}");
        assert!(n.text.contains("Ctrl+F"), "{n:?}");
        assert!(t.app.header_refusal.is_some());
        assert!(t.app.token_meta.is_none());
        let want = if on_mobile { Step::Mobile } else { Step::Token };
        assert_eq!(t.app.screen, Screen::Wizard(want), "{lang:?}");
        assert_notice_in_full(&mut t.app);
        // Ctrl+F: the token with the profile's full headers
        t.ctrl('f');
        t.settle().await;
        assert!(t.app.token_meta.is_some(), "{:?}", t.app.notice);
        assert!(t.app.header_refusal.is_none());
    }
}

#[test]
fn on_the_puzzle_a_long_notice_stays_below_the_picture_and_its_track() {
    let (mut a, _) = fixtures::puzzle_screen();
    assert_eq!(a.screen, Screen::Puzzle);
    assert!(a.busy.is_none());
    a.notice = Some(Notice {
        text: "word ".repeat(600),
        error: true,
    });
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        a.size = (w, h);
        let area = ratatui::layout::Rect::new(0, 0, w, h);
        let track = vflow::tui::screens::puzzle::areas(&a, area).track;
        let n = layout::notice(&a, area).unwrap();
        assert!(
            n.area.y > track.y,
            "at {w}x{h}: {:?} over {track:?}",
            n.area
        );
        let r = rows(&draw(&mut a, w, h));
        assert!(r[usize::from(h) - 2].trim_end().ends_with('…'), "{r:?}");
    }
}

#[test]
fn ctrl_f_with_the_mobile_cleared_since_the_refusal_says_so_and_keeps_the_offer() {
    let mut a = refused(Lang::En, 80, 24);
    assert!(a.header_refusal.is_some());
    fixtures::key(&mut a, KeyCode::Tab);
    fixtures::key(&mut a, KeyCode::Tab);
    assert_eq!(a.screen, Screen::Wizard(Step::Mobile));
    update(&mut a, ctrl('u'));
    assert!(a.mobile.value().is_empty());
    let cmds = update(&mut a, ctrl('f'));
    assert!(cmds.is_empty(), "{cmds:?}");
    let n = a.notice.clone().expect("a notice, not silence");
    assert!(n.error && n.text.contains("mobile number first"), "{n:?}");
    assert!(a.header_refusal.is_some(), "Ctrl+F still offered");
    fixtures::typed(&mut a, fixtures::MOBILE);
    let cmds = update(&mut a, ctrl('f'));
    assert_eq!(cmds.len(), 1, "{cmds:?}");
    assert_eq!(a.busy, Some(Busy::Token));
}

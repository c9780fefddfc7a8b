//! Drive the TUI's real update loop with key events against the simulator on
//! 127.0.0.1: every command `update` returns is executed by the same runtime
//! the terminal uses, and its answers are fed back through `update`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};
use vflow::api::headers as h;
use vflow::client::Outcome;
use vflow::clock;
use vflow::sim::SimHandle;
use vflow::tui::app::{App, Msg, Screen, Step, Target};
use vflow::tui::runtime::{Clipboard, Runtime};
use vflow::tui::view;

const LIMIT: Duration = Duration::from_secs(10);

struct Harness {
    app: App,
    rt: Runtime,
    _sim: Option<SimHandle>,
}

impl Harness {
    async fn simulator() -> Harness {
        let sim = vflow::tui::fixtures::simulator(false).await;
        let target = Target {
            base_url: sim.base_url(),
            simulator: true,
            profile: "default".into(),
        };
        Self::with(target, Some(sim))
    }

    fn with(target: Target, sim: Option<SimHandle>) -> Harness {
        let mut app = App::new(target, vflow::tui::fixtures::headers(), clock::system());
        app.size = (160, 48);
        let rt = vflow::tui::fixtures::runtime();
        Harness { app, rt, _sim: sim }
    }

    fn key(&mut self, k: KeyEvent) {
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

    /// The text of the screen as drawn at the app's size.
    fn screen(&self) -> String {
        let backend = ratatui::backend::TestBackend::new(self.app.size.0, self.app.size.1);
        let mut term = ratatui::Terminal::new(backend).unwrap();
        term.draw(|f| view(&self.app, f)).unwrap();
        let buf = term.backend().buffer().clone();
        let mut s = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                s.push_str(buf[(x, y)].symbol());
            }
            s.push('\n');
        }
        s
    }

    /// The last exchange ended with this API error code.
    #[track_caller]
    fn expect_code(&self, want: &str) {
        match self.last_outcome() {
            Outcome::ApiError { code, .. } => assert_eq!(code, want),
            o => panic!("expected {want}, got {o:?}"),
        }
    }

    /// The review flags a problem containing `needle`.
    #[track_caller]
    fn assert_warning(&self, needle: &str) {
        let w = self.app.warnings();
        assert!(
            w.iter().any(|x| x.contains(needle)),
            "no {needle:?} in {w:?}"
        );
    }

    fn last_outcome(&self) -> Outcome {
        self.app.history.last().unwrap().exchange.outcome.clone()
    }

    fn explanation(&self) -> String {
        let r = self.app.current_record().unwrap();
        vflow::tui::record::plain(&vflow::tui::record::pane_lines(
            r,
            2,
            false,
            &self.app.explain_base,
            self.app.ui_lang,
            true,
        ))
    }

    /// Get a token through Ctrl+G (asking for the mobile first), keep LOGIN_SMS, review.
    async fn token_scene_mobile(&mut self, mobile: &str) {
        assert_eq!(self.app.screen, Screen::Wizard(Step::Token));
        self.ctrl('g');
        assert_eq!(
            self.app.screen,
            Screen::Wizard(Step::Mobile),
            "Ctrl+G asks for the mobile (the captcha's sender) first"
        );
        self.type_text(mobile);
        self.press(KeyCode::Enter);
        self.settle().await;
        let tok = self.app.token.value().to_string();
        vflow::api::token::parse_pass_token(&tok).expect("a well-formed pass token");
        assert_eq!(self.app.screen, Screen::Wizard(Step::Scene));
        self.press(KeyCode::Enter); // LOGIN_SMS is preselected
        assert_eq!(
            self.app.mobile.value(),
            mobile,
            "the sender was carried over"
        );
        assert_eq!(
            self.app.screen,
            Screen::Wizard(Step::Review),
            "the mobile is known: straight to review"
        );
    }
}

#[tokio::test]
async fn happy_path_sends_and_logs_in_with_the_delivered_code() {
    let mut t = Harness::simulator().await;
    t.token_scene_mobile("13800138000").await;
    assert!(
        t.app.warnings().is_empty(),
        "no warnings: {:?}",
        t.app.warnings()
    );
    t.press(KeyCode::Enter);
    assert_eq!(t.app.screen, Screen::Sending);
    t.settle().await;
    assert_eq!(t.app.screen, Screen::Result);
    assert_eq!(t.last_outcome(), Outcome::Success);
    let code = t.app.history[0]
        .delivered_code
        .clone()
        .expect("code read from outbox");
    assert_eq!(code.len(), 6);
    let screen = t.screen();
    assert!(
        screen.contains(&format!("Delivered code: {code}")),
        "{screen}"
    );
    assert!(
        screen.contains("l log in with code"),
        "login offered: {screen}"
    );

    t.press(KeyCode::Char('l'));
    t.settle().await;
    let login = t.app.history[0]
        .login
        .clone()
        .expect("login exchange recorded");
    assert_eq!(login.outcome, Outcome::Success);
    let body: serde_json::Value = serde_json::from_slice(&login.response.unwrap().body).unwrap();
    assert_eq!(body["status"], "SUCCESS");
    let screen = t.screen();
    assert!(
        screen.contains("Logged in: the code was accepted"),
        "{screen}"
    );
    assert!(
        screen.contains("login request"),
        "login exchange shown too: {screen}"
    );
    // the code is spent: the advice is what comes after a login, not to log in again
    let ex = t.explanation();
    let todo = ex.split("What to do").nth(1).expect("a next step");
    assert!(
        !ex.contains("use the code with") && !ex.contains("read the code from GET"),
        "{ex}"
    );
    assert!(todo.contains("id_token as Authorization: Bearer"), "{ex}");
    t.app.ui_lang = vflow::api::Lang::Zh;
    let ex = t.explanation();
    assert!(
        ex.contains("Bearer") && !ex.contains("用该验证码调用") && !ex.contains("读取验证码"),
        "{ex}"
    );
}

#[tokio::test]
async fn omitted_device_header_gives_param_0001_naming_the_header() {
    let mut t = Harness::simulator().await;
    t.token_scene_mobile("13800138001").await;
    // Headers editor: omit X-agent.
    t.press(KeyCode::F(2));
    assert_eq!(t.app.screen, Screen::Headers);
    let idx = t
        .app
        .headers
        .iter()
        .position(|x| x.name == h::AGENT)
        .unwrap();
    for _ in 0..idx {
        t.press(KeyCode::Down);
    }
    t.press(KeyCode::Char(' '));
    assert!(!t.app.headers[idx].enabled);
    t.press(KeyCode::Esc);
    assert_eq!(t.app.screen, Screen::Wizard(Step::Review));
    t.assert_warning("X-agent is omitted");
    t.press(KeyCode::Enter);
    t.settle().await;
    t.expect_code("IDAAS.SDK.PARAM.0001");
    let sent = &t.app.history[0].exchange.request.headers;
    assert!(
        !sent.iter().any(|(n, _)| n.eq_ignore_ascii_case(h::AGENT)),
        "X-agent really was not sent"
    );
    let ex = t.explanation();
    assert!(ex.contains("X-agent"), "explanation names the header: {ex}");

    // The debugging loop: put the header back and send the same request again.
    // PARAM.0001 is checked before the token is looked up, so it is still live.
    t.press(KeyCode::Char('e'));
    assert_eq!(t.app.screen, Screen::Headers);
    t.press(KeyCode::Char(' '));
    assert!(t.app.headers[idx].enabled);
    t.press(KeyCode::Esc);
    assert_eq!(t.app.screen, Screen::Result);
    t.press(KeyCode::Esc);
    assert_eq!(t.app.screen, Screen::Wizard(Step::Review));
    assert!(t.app.warnings().is_empty(), "{:?}", t.app.warnings());
    t.press(KeyCode::Enter);
    t.settle().await;
    assert_eq!(
        t.last_outcome(),
        Outcome::Success,
        "same token, header back: 200"
    );
}

#[tokio::test]
async fn reused_token_gives_captcha_0003() {
    let mut t = Harness::simulator().await;
    t.token_scene_mobile("13800138002").await;
    t.press(KeyCode::Enter);
    t.settle().await;
    assert_eq!(t.last_outcome(), Outcome::Success);
    // Back to review with the same token: it is flagged, then sent anyway.
    t.press(KeyCode::Esc);
    assert_eq!(t.app.screen, Screen::Wizard(Step::Review));
    assert!(
        t.app.warnings().iter().any(|w| w.contains("already used")),
        "{:?}",
        t.app.warnings()
    );
    // The sidebar agrees with the review: the spent token is no longer a ✓.
    let screen = t.screen();
    assert!(screen.contains("1 ! Captcha token"), "{screen}");
    assert!(screen.contains("2 warning(s)"), "{screen}");
    t.press(KeyCode::Enter);
    t.settle().await;
    t.expect_code("IDAAS.SDK.CAPTCHA.0003");
    let ex = t.explanation();
    assert!(ex.contains("180"), "explains the lifetime: {ex}");
    assert!(
        ex.contains("an earlier send already used this pass token"),
        "names the cause it knows: {ex}"
    );
    // r: the review again, first (issue 15.3): nothing is sent and no token is
    // spent yet, and the cooldown the simulator will apply is predicted.
    t.press(KeyCode::Char('r'));
    t.settle().await;
    assert_eq!(t.app.screen, Screen::Wizard(Step::Review));
    assert_eq!(t.app.history.len(), 2, "r alone sends nothing");
    t.assert_warning("CAPTCHA.0006 likely (cooldown");
    assert!(
        !t.app.warnings().iter().any(|w| w.contains("already used")),
        "the used token is not the one Enter will send"
    );
    // The sidebar counts what the review lists: the cooldown, not the empty token that
    // Enter fetches.
    let screen = t.screen();
    assert!(screen.contains("1 warning(s)"), "{screen}");
    assert_eq!(t.app.warnings().len(), 1, "{:?}", t.app.warnings());
    // Enter gets a fresh token and sends: within the 60 s cooldown the
    // simulator refuses the same mobile and scene: CAPTCHA.0006, as documented.
    t.press(KeyCode::Enter);
    t.settle().await;
    assert_eq!(t.app.history.len(), 3);
    t.expect_code("IDAAS.SDK.CAPTCHA.0006");
    let ex = t.explanation();
    assert!(
        ex.contains("s before this request: that is the 60 s resend cooldown"),
        "states what the session knows: {ex}"
    );
}

#[tokio::test]
async fn unknown_scene_gives_captcha_0005_with_a_suggestion() {
    let mut t = Harness::simulator().await;
    t.token_scene_mobile("13800138003").await;
    t.press(KeyCode::Char('s'));
    assert_eq!(t.app.screen, Screen::Wizard(Step::Scene));
    t.press(KeyCode::End); // "Other value…"
    t.press(KeyCode::Enter);
    assert!(t.app.editing_other);
    t.type_text("LOGIN_SMSS");
    t.press(KeyCode::Enter);
    assert_eq!(t.app.screen, Screen::Wizard(Step::Review));
    t.assert_warning("did you mean LOGIN_SMS");
    t.press(KeyCode::Enter);
    t.settle().await;
    t.expect_code("IDAAS.SDK.CAPTCHA.0005");
    let ex = t.explanation();
    assert!(ex.contains("LOGIN_SMSS"), "names the scene sent: {ex}");
    assert!(ex.contains("LOGIN_SMS"), "suggests the nearest: {ex}");
}

#[tokio::test]
async fn sending_to_a_server_that_never_answers_can_be_cancelled() {
    // Accepts connections, reads each request, answers nothing; tells the test what it read.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (got_tx, mut got) = tokio::sync::mpsc::unbounded_channel();
    let holder = tokio::spawn(async move {
        let mut conns = Vec::new();
        while let Ok((mut s, _)) = listener.accept().await {
            let request = read_request(&mut s).await;
            let _ = got_tx.send(request);
            conns.push(s);
        }
    });
    let target = Target {
        base_url: format!("http://{addr}"),
        simulator: false,
        profile: "test".into(),
    };
    let mut t = Harness::with(target, None);
    t.type_text("71dd26999e314f9abb0c635336976635---{\"x\":237.0,\"y\":5.0}");
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    t.type_text("13800138000");
    t.press(KeyCode::Enter);
    assert_eq!(t.app.screen, Screen::Wizard(Step::Review));
    let before_send = Instant::now();
    t.press(KeyCode::Enter);
    let after_send = Instant::now();
    assert_eq!(t.app.screen, Screen::Sending);
    // The request reaches the server, then the app is still waiting.
    let request = tokio::time::timeout(LIMIT, got.recv())
        .await
        .expect("the request reached the server")
        .expect("the server is listening");
    assert!(
        request.starts_with("POST /api/v2/sdk/sms/send "),
        "the send request: {request}"
    );
    while let Ok(m) = t.rt.rx.try_recv() {
        t.rt.dispatch(&mut t.app, m);
    }
    assert_eq!(
        t.app.screen,
        Screen::Sending,
        "still waiting: no answer came"
    );
    assert!(
        t.screen().contains("Esc cancel"),
        "the screen offers cancel"
    );
    let before_esc = Instant::now();
    t.press(KeyCode::Esc);
    let after_esc = Instant::now();
    t.settle().await;
    assert_eq!(t.app.screen, Screen::Result);
    assert_eq!(t.last_outcome(), Outcome::Cancelled);
    assert!(t.app.busy.is_none());
    // the time waited, from the send to the cancel, as far as the test can see both
    let waited = t.app.history.last().unwrap().exchange.timing.total;
    assert!(
        waited >= before_esc - after_send && waited <= after_esc - before_send,
        "the cancelled exchange records the time waited: {waited:?}, not within {:?}..{:?}",
        before_esc - after_send,
        after_esc - before_send
    );
    holder.abort();
}

/// Read one HTTP/1 request (its head, then as many body bytes as its content-length says);
/// return it as text.
async fn read_request(s: &mut tokio::net::TcpStream) -> String {
    use tokio::io::AsyncReadExt;
    let mut got = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        if let Some(end) = got.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&got[..end]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if got.len() >= end + 4 + len {
                break;
            }
        }
        match s.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}

#[tokio::test]
async fn copy_puts_the_curl_command_in_the_clipboard() {
    let mut t = Harness::simulator().await;
    t.token_scene_mobile("13800138004").await;
    t.press(KeyCode::Enter);
    t.settle().await;
    t.press(KeyCode::Char('c'));
    assert!(t.app.copy_menu);
    t.press(KeyCode::Char('1'));
    t.settle().await;
    let Clipboard::Memory(copied) = &t.rt.clipboard else {
        unreachable!()
    };
    assert_eq!(copied.len(), 1);
    assert!(copied[0].starts_with("curl "), "{}", copied[0]);
    assert!(copied[0].contains("13800138004"));
    assert!(
        t.app
            .notice
            .as_ref()
            .unwrap()
            .text
            .contains("clipboard (OSC 52)")
    );
    // Masked: the mobile number no longer appears.
    t.press(KeyCode::Char('x'));
    t.press(KeyCode::Char('c'));
    t.press(KeyCode::Char('1'));
    t.settle().await;
    let Clipboard::Memory(copied) = &t.rt.clipboard else {
        unreachable!()
    };
    assert!(!copied[1].contains("13800138004"), "{}", copied[1]);
    assert!(t.screen().contains("MASKED"));
}

#[tokio::test]
async fn without_revealed_solutions_the_automatic_token_falls_back_to_the_puzzle() {
    // A `vflow serve` on this machine started without --reveal-solutions.
    let sim = vflow::tui::fixtures::simulator_with(false, false).await;
    let target = Target {
        base_url: sim.base_url(),
        simulator: false,
        profile: "test".into(),
    };
    let mut t = Harness::with(target, Some(sim));
    t.ctrl('g');
    t.type_text("13800138000");
    t.press(KeyCode::Enter);
    t.settle().await;
    assert_eq!(t.app.screen, Screen::Puzzle, "a person solves it instead");
    assert!(
        t.app
            .notice
            .as_ref()
            .unwrap()
            .text
            .contains("does not reveal captcha solutions")
    );
    assert!(t.app.busy.is_none() || matches!(t.app.busy, Some(vflow::tui::app::Busy::Puzzle(_))));
}

#[tokio::test]
async fn a_simulator_elsewhere_says_at_once_whether_ctrl_g_can_work() {
    for reveal in [false, true] {
        // A `vflow serve` on this machine, with or without --reveal-solutions.
        let sim = vflow::tui::fixtures::simulator_with(reveal, false).await;
        let target = Target {
            base_url: sim.base_url(),
            simulator: false,
            profile: "test".into(),
        };
        let mut t = Harness::with(target, Some(sim));
        assert_eq!(t.app.reveals, None, "unknown before it is asked");
        assert!(t.app.auto_token());
        t.rt.execute(&t.app, vflow::tui::Cmd::AskReveals);
        t.settle().await;
        assert_eq!(t.app.reveals, Some(reveal));
        // the first screen offers Ctrl+G only where it works
        assert_eq!(t.app.auto_token(), reveal);
        assert_eq!(t.screen().contains("Ctrl+G"), reveal, "{}", t.screen());
        // and counts the ways it lists
        let ways = if reveal { "Three ways" } else { "Two ways" };
        assert!(t.screen().contains(ways), "{}", t.screen());
    }
}

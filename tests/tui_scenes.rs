//! Every scene, end to end in the TUI (issue 12): after a successful send, `l` takes
//! the code to its scene's consumer and `u` to one the person picks.
//!
//! The update-loop tests drive the real update loop and runtime against the simulator
//! on 127.0.0.1 with the keys the footer shows; the snapshots render each consumer's
//! success and two cross-scene mistakes from fixture exchanges (deterministic).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;
use vflow::api::{Consumer, Scene};
use vflow::client::Outcome;
use vflow::sim::SimHandle;
use vflow::tui::app::{App, Cmd, Msg, Screen, Step, update};
use vflow::tui::fixtures::{self, MOBILE, error_body, filled, json_response, ok_response};
use vflow::tui::runtime::Runtime;
use vflow::tui::{keymap, record, view};

const LIMIT: Duration = Duration::from_secs(10);
const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

struct Harness {
    app: App,
    rt: Runtime,
    _sim: SimHandle,
}

fn ev(code: KeyCode) -> KeyEvent {
    KeyEvent::from(code)
}

impl Harness {
    async fn new(size: (u16, u16)) -> Harness {
        let sim = fixtures::simulator(false).await;
        let mut app = vflow::tui::fixtures::app_on(&sim, fixtures::headers());
        app.size = size;
        Harness {
            app,
            rt: fixtures::runtime(),
            _sim: sim,
        }
    }

    fn key(&mut self, k: KeyEvent) {
        self.rt.dispatch(&mut self.app, Msg::Key(k));
    }

    fn press(&mut self, code: KeyCode) {
        self.key(ev(code));
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

    /// The footer (keys line) as drawn: the last row of the screen.
    fn footer(&self) -> String {
        let (w, h) = self.app.size;
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view(&self.app, f)).unwrap();
        let buf = t.backend().buffer();
        (0..w).map(|x| buf[(x, h - 1)].symbol()).collect()
    }

    /// The whole screen as drawn, row by row.
    fn screen(&self) -> String {
        let (w, h) = self.app.size;
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view(&self.app, f)).unwrap();
        let buf = t.backend().buffer();
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
            .collect()
    }

    /// Press `k` only if the footer shows it with `desc` (the keys a person sees).
    #[track_caller]
    fn press_shown(&mut self, label: &str, desc: &str, code: KeyCode) {
        let footer = self.footer();
        assert!(
            footer.contains(&format!("{label} {desc}")),
            "the footer shows {label} {desc}: {footer}"
        );
        self.press(code);
    }

    /// Send `scene`'s code to `mobile` from the token step or a result: footer keys
    /// only (n new, Tab, the scene's digit, Enter, t/s/m, Ctrl+G, Enter).
    async fn send(&mut self, scene: Scene, mobile: &str) {
        if self.app.screen == Screen::Result {
            // the footer (when it fits) or the explanation's keys show it
            let screen = self.screen();
            assert!(
                screen.contains("n new") || screen.contains("n  new request"),
                "n is shown: {screen}"
            );
            self.press(KeyCode::Char('n'));
        }
        assert_eq!(self.app.screen, Screen::Wizard(Step::Token));
        self.press(KeyCode::Tab);
        assert_eq!(self.app.screen, Screen::Wizard(Step::Scene));
        let i = Scene::ALL.iter().position(|s| *s == scene).unwrap();
        self.press(KeyCode::Char(char::from(b'1' + i as u8)));
        self.press(KeyCode::Enter);
        if self.app.screen == Screen::Wizard(Step::Review) {
            self.press(KeyCode::Char('m'));
        }
        assert_eq!(self.app.screen, Screen::Wizard(Step::Mobile));
        self.ctrl('u');
        self.type_text(mobile);
        self.ctrl('g');
        self.settle().await;
        for _ in 0..3 {
            if self.app.screen == Screen::Wizard(Step::Review) {
                break;
            }
            self.press(KeyCode::Enter);
            self.settle().await;
        }
        assert_eq!(self.app.screen, Screen::Wizard(Step::Review));
        assert_eq!(self.app.scene_value(), scene.code());
        self.press(KeyCode::Enter);
        self.settle().await;
        assert_eq!(self.app.screen, Screen::Result);
        let r = self.app.current_record().unwrap();
        assert_eq!(r.exchange.outcome, Outcome::Success, "{scene} sent");
        assert!(r.delivered_code.is_some(), "the outbox gave the code");
    }

    /// `l`, named for the scene in the footer; answer the prompts with `answers`.
    async fn use_code(&mut self, scene: Scene, answers: &[&str]) {
        let desc = vflow::tui::screens::next_step::verb(Consumer::for_scene(scene));
        self.press_shown("l", desc, KeyCode::Char('l'));
        self.answer(answers).await;
    }

    async fn answer(&mut self, answers: &[&str]) {
        self.settle().await;
        for a in answers {
            assert!(self.app.next.prompt.is_some(), "a prompt asks for {a:?}");
            assert!(self.footer().contains("Enter go on"), "{}", self.footer());
            self.type_text(a);
            self.press(KeyCode::Enter);
            self.settle().await;
        }
        assert!(self.app.next.prompt.is_none(), "nothing more is asked");
    }

    fn consumer_exchange(&self) -> vflow::client::Exchange {
        self.app
            .current_record()
            .and_then(|r| r.login.clone())
            .expect("the consumer's exchange is recorded on the send")
    }

    /// The Authorization headers the consumer's request carried.
    fn authorization(&self) -> Vec<String> {
        let x = self.consumer_exchange();
        let auth = x.request.headers.iter();
        auth.filter(|(n, _)| n.eq_ignore_ascii_case("authorization"))
            .map(|(_, v)| v.clone())
            .collect()
    }

    #[track_caller]
    fn assert_worked(&self, c: Consumer) {
        let x = self.consumer_exchange();
        assert!(x.request.url.ends_with(c.path()), "{}", x.request.url);
        assert!(
            vflow::client::consumer::accepted(c, &x),
            "{c:?} said yes: {:?}",
            x.outcome
        );
        let expl = self.explanation();
        let want = format!("{}: the code was accepted", c.success().0);
        assert!(expl.contains(&want), "{want} in {expl}");
        let notice = self.app.notice.as_ref().unwrap();
        assert!(!notice.error && notice.text.contains("the code worked"));
    }

    fn explanation(&self) -> String {
        let r = self.app.current_record().unwrap();
        record::plain(&record::pane_lines(
            r,
            2,
            false,
            &self.app.explain_base,
            self.app.ui_lang,
            true,
        ))
    }
}

/// All six scenes, send to "the code worked", in one session at `size`.
async fn every_scene_at(size: (u16, u16)) {
    let mut t = Harness::new(size).await;
    let (a, b, c, d) = ("13800138010", "13800138011", "13800138012", "13800138013");
    // LOGIN_SMS: l logs in (and registers the user: auto-registration)
    t.send(Scene::LoginSms, a).await;
    t.use_code(Scene::LoginSms, &[]).await;
    t.assert_worked(Consumer::Login);
    // REGISTER_SMS: a new number
    t.send(Scene::RegisterSms, b).await;
    t.use_code(Scene::RegisterSms, &[]).await;
    t.assert_worked(Consumer::Register);
    // FORGET_PWD_SMS: asks only for the new password
    t.send(Scene::ForgetPwdSms, a).await;
    t.use_code(Scene::ForgetPwdSms, &["N3w#Pass2026"]).await;
    t.assert_worked(Consumer::ForgetPwd);
    assert!(
        t.authorization().is_empty(),
        "the forgotten-password reset goes without Bearer"
    );
    // UPDATE_PWD_SMS: the Bearer of a's login, taken from the session
    t.send(Scene::UpdatePwdSms, a).await;
    t.use_code(Scene::UpdatePwdSms, &["An0ther#Pass"]).await;
    t.assert_worked(Consumer::UpdatePwd);
    let bearer = t.authorization();
    let login_token = vflow::client::consumer::session_of(t.app.history[0].login.as_ref().unwrap())
        .unwrap()
        .id_token;
    assert_eq!(
        bearer,
        [format!("Bearer {login_token}")],
        "a's own id_token"
    );
    // UPDATE_MOBILE_SMS: the code goes to the NEW number; the Bearer of a login
    t.send(Scene::UpdateMobileSms, c).await;
    t.use_code(Scene::UpdateMobileSms, &[]).await;
    t.assert_worked(Consumer::UpdateMobile);
    // BIND_MOBILE_SMS: the state token comes from the simulator by itself
    t.send(Scene::BindMobileSms, d).await;
    t.use_code(Scene::BindMobileSms, &[]).await;
    t.assert_worked(Consumer::SocialBind);
    let x = t.consumer_exchange();
    assert!(
        x.request
            .headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("x-state-token") && !v.is_empty())
    );
    // every exchange of the session, consumers included, is in the history
    assert_eq!(t.app.history.len(), 6);
    assert!(t.app.history.iter().all(|r| r.login.is_some()));
    // the code is spent: l is no longer offered
    assert!(!t.footer().contains("l bind"), "{}", t.footer());
}

#[tokio::test]
async fn every_scene_goes_from_send_to_the_code_worked_at_80x24() {
    every_scene_at((80, 24)).await;
}

#[tokio::test]
async fn every_scene_goes_from_send_to_the_code_worked_at_160x48() {
    every_scene_at((160, 48)).await;
}

#[tokio::test]
async fn a_login_code_at_register_is_explained_as_another_scenes_code() {
    let mut t = Harness::new((160, 48)).await;
    t.send(Scene::LoginSms, "13800138020").await;
    t.press(KeyCode::Char('u'));
    assert!(
        t.footer().contains("1-7 use the code there"),
        "{}",
        t.footer()
    );
    t.press(KeyCode::Char('1')); // register/mobile-verify-code
    t.answer(&[]).await;
    let x = t.consumer_exchange();
    match &x.outcome {
        Outcome::ApiError { code, .. } => assert_eq!(code, "IDAAS.SDK.CAPTCHA.0007"),
        o => panic!("refused, got {o:?}"),
    }
    let expl = t.explanation();
    assert!(expl.contains("LOGIN_SMS"), "{expl}");
    assert!(expl.contains("REGISTER_SMS"), "{expl}");
    assert!(t.app.notice.as_ref().unwrap().error);
    // the code is still good where it belongs: l logs in
    t.use_code(Scene::LoginSms, &[]).await;
    t.assert_worked(Consumer::Login);
}

#[tokio::test]
async fn a_password_change_without_a_login_sends_no_bearer_when_asked_to() {
    let mut t = Harness::new((80, 24)).await;
    t.send(Scene::UpdatePwdSms, "13800138030").await;
    t.press(KeyCode::Char('l'));
    t.settle().await;
    let p = t.app.next.prompt.as_ref().unwrap();
    assert_eq!(p.asking, vflow::client::consumer::Missing::NewPassword);
    t.type_text("N3w#Pass2026");
    t.press(KeyCode::Enter);
    let p = t.app.next.prompt.as_ref().unwrap();
    assert_eq!(
        p.asking,
        vflow::client::consumer::Missing::IdToken,
        "no login in the session: it asks (or offers to log in first)"
    );
    t.press(KeyCode::Enter); // empty: send without a Bearer
    t.settle().await;
    let auth = t.authorization();
    assert!(auth.is_empty(), "no Bearer at all, not {auth:?}");
    // Without a Bearer the same path is the forgotten-password reset, which needs the
    // mobile (README: "a password change without Bearer: USER.0004").
    match &t.consumer_exchange().outcome {
        Outcome::ApiError { code, .. } => assert_eq!(code, "IDAAS.SDK.USER.0004"),
        o => panic!("refused, got {o:?}"),
    }
    // Esc in a prompt sends nothing
    t.press(KeyCode::Char('l'));
    let before = t.app.history[0].login.clone();
    t.press(KeyCode::Esc);
    assert!(t.app.next.prompt.is_none());
    assert_eq!(t.app.history[0].login, before);
}

/// A try after the code was taken (another consumer with `u`, then the spent code again)
/// keeps the code spent and the login's session: `l` is neither shown nor sent again, and
/// a later password change carries that user's Bearer, not an earlier user's.
#[tokio::test]
async fn a_refused_try_after_a_login_keeps_the_code_spent_and_the_session() {
    let mut t = Harness::new((160, 48)).await;
    let (a, b) = ("13900139001", "13900139055");
    t.send(Scene::LoginSms, a).await;
    t.use_code(Scene::LoginSms, &[]).await;
    t.assert_worked(Consumer::Login);
    t.send(Scene::LoginSms, b).await;
    t.use_code(Scene::LoginSms, &[]).await;
    t.assert_worked(Consumer::Login);
    let b_token = vflow::client::consumer::session_of(&t.consumer_exchange())
        .unwrap()
        .id_token;
    // the spent code at register: refused (another scene's code)
    t.press(KeyCode::Char('u'));
    t.press(KeyCode::Char('1'));
    t.answer(&[]).await;
    assert!(t.app.notice.as_ref().unwrap().error);
    let expl = t.explanation();
    assert!(
        expl.contains("Logged in (an earlier try): the code was accepted"),
        "the explanation says the code was taken before: {expl}"
    );
    assert!(
        !expl.contains("l  use the code"),
        "nor offers it again: {expl}"
    );
    // the request pane keeps both tries, the login first
    let r = t.app.current_record().unwrap();
    let req = record::plain(&record::pane_lines(
        r,
        0,
        false,
        &t.app.explain_base,
        t.app.ui_lang,
        true,
    ));
    let (login, register) = (
        req.find("── login request ──"),
        req.find("register/mobile-verify-code request"),
    );
    assert!(login.is_some() && login < register, "{req}");
    let login_verb = vflow::tui::screens::next_step::verb(Consumer::Login);
    assert!(
        !t.footer().contains(&format!("l {login_verb}")),
        "the code is spent: l is not offered again: {}",
        t.footer()
    );
    // l anyway: nothing is sent, the person is told why
    let tried = t.consumer_exchange();
    t.press(KeyCode::Char('l'));
    t.settle().await;
    assert_eq!(
        t.consumer_exchange(),
        tried,
        "the spent code is not sent again"
    );
    let notice = t.app.notice.as_ref().unwrap();
    assert!(notice.text.contains("already"), "{}", notice.text);
    // a password change for b: b's own Bearer, from b's login
    t.send(Scene::UpdatePwdSms, b).await;
    t.use_code(Scene::UpdatePwdSms, &["An0ther#Pass"]).await;
    t.assert_worked(Consumer::UpdatePwd);
    assert_eq!(
        t.authorization(),
        [format!("Bearer {b_token}")],
        "b's id_token"
    );
}

// ---- snapshots -------------------------------------------------------------------

fn snap(name: &str, a: &mut App) {
    for (w, h) in SIZES {
        a.size = (w, h);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view(a, f)).unwrap();
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

const SESSION: &str = r#"{"status":"SUCCESS","session_token":"3f9a0c7e5b2d4e6f8a1c3e5b7d9f0a2c","expire":432000,"id_token":"eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMzgwMDEzODAwMCJ9.c2ln"}"#;

/// A send of `scene` on the result (fixture exchange, code 042917), the session
/// knowing it sent that code.
fn sent(mut a: App, scene: Scene) -> App {
    a.scene_sel = Scene::ALL.iter().position(|s| *s == scene).unwrap();
    let mut a = fixtures::with_result(a, Some(ok_response()));
    let at = a.current_record().unwrap().exchange.started_at;
    a.explain_base
        .session
        .sent(MOBILE, scene, Some("042917".into()), at);
    a
}

/// Press `keys`, answer a state-token fetch, and feed the consumer's `resp`.
fn consume(a: &mut App, keys: &[KeyCode], resp: vflow::client::ReceivedResponse) {
    let mut cmds = vec![];
    for k in keys {
        cmds = update(a, Msg::Key(ev(*k)));
    }
    if let [Cmd::FetchStateToken { id }] = cmds.as_slice() {
        cmds = update(
            a,
            Msg::StateToken {
                id: *id,
                result: Ok("st-7c1e9a0b".into()),
            },
        );
    }
    let [Cmd::Consume { id, spec }] = cmds.as_slice() else {
        panic!("a consumer request: {cmds:?}");
    };
    let x = fixtures::exchange(spec, Some(resp));
    update(
        a,
        Msg::Consumed {
            id: *id,
            exchange: Box::new(x),
        },
    );
}

fn typed(s: &str) -> Vec<KeyCode> {
    s.chars().map(KeyCode::Char).collect()
}

fn empty_200() -> vflow::client::ReceivedResponse {
    json_response(200, "")
}

/// A session that logged in first (for the Bearer scenes).
fn logged_in() -> App {
    let (a, _) = filled(Step::Review);
    let mut a = sent(a, Scene::LoginSms);
    consume(&mut a, &[KeyCode::Char('l')], json_response(200, SESSION));
    a
}

#[test]
fn each_consumers_success() {
    let pw = |mut k: Vec<KeyCode>| {
        k.insert(0, KeyCode::Char('l'));
        k.push(KeyCode::Enter);
        k
    };
    let cases: [(Scene, Vec<KeyCode>, bool); 6] = [
        (Scene::LoginSms, vec![KeyCode::Char('l')], false),
        (Scene::RegisterSms, vec![KeyCode::Char('l')], false),
        (Scene::ForgetPwdSms, pw(typed("N3w#Pass2026")), false),
        (Scene::UpdatePwdSms, pw(typed("N3w#Pass2026")), true),
        (Scene::UpdateMobileSms, vec![KeyCode::Char('l')], true),
        (Scene::BindMobileSms, vec![KeyCode::Char('l')], false),
    ];
    for (scene, keys, bearer) in cases {
        let mut a = if bearer {
            logged_in()
        } else {
            filled(Step::Review).0
        };
        a = sent(a, scene);
        let c = Consumer::for_scene(scene);
        let resp = if c.returns_session() {
            json_response(200, SESSION)
        } else {
            empty_200()
        };
        consume(&mut a, &keys, resp);
        let name = format!("consumer_ok_{}", scene.code().to_lowercase());
        snap(&name, &mut a);
    }
}

#[test]
fn cross_scene_mistakes() {
    // a LOGIN_SMS code at register (u, 1)
    let (a, _) = filled(Step::Review);
    let mut a = sent(a, Scene::LoginSms);
    update(&mut a, Msg::Key(ev(KeyCode::Char('u'))));
    snap("consumer_picker", &mut a);
    consume(
        &mut a,
        &[KeyCode::Char('1')],
        json_response(400, &error_body("IDAAS.SDK.CAPTCHA.0007")),
    );
    snap("mistake_login_code_at_register", &mut a);
    // a REGISTER_SMS code at login (u, 3)
    let (a, _) = filled(Step::Review);
    let mut a = sent(a, Scene::RegisterSms);
    consume(
        &mut a,
        &[KeyCode::Char('u'), KeyCode::Char('3')],
        json_response(400, &error_body("IDAAS.SDK.CAPTCHA.0007")),
    );
    snap("mistake_register_code_at_login", &mut a);
}

#[test]
fn the_prompt_asks_for_the_new_password() {
    let (a, _) = filled(Step::Review);
    let mut a = sent(a, Scene::ForgetPwdSms);
    update(&mut a, Msg::Key(ev(KeyCode::Char('l'))));
    assert_eq!(keymap::mode(&a), keymap::Mode::NextInput);
    for c in "N3w#".chars() {
        update(&mut a, Msg::Key(ev(KeyCode::Char(c))));
    }
    snap("prompt_new_password", &mut a);
}

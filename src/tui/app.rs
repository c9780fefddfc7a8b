//! The application state and `update`, the only place where state changes.
//!
//! `update` is synchronous and pure apart from mutating `App`: anything slow or
//! with side effects is returned as a [`Cmd`] that the runtime executes in a
//! tokio task, which answers with another [`Msg`].

use crate::api::{self, Scene, headers as h};
use crate::client::{Exchange, HeaderSetting, Outcome, RequestSpec, build};
use crate::clock::SharedClock;
use crate::config::DevicePreset;
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::time::{Duration, SystemTime};
use tui_input::backend::crossterm::EventHandler as _;
use tui_input::{Input, InputRequest};

use super::layout;
use super::record::Record;

/// The steps of the guided flow, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Token,
    Scene,
    Mobile,
    Review,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Token, Step::Scene, Step::Mobile, Step::Review];

    pub fn title(self) -> &'static str {
        match self {
            Step::Token => "Captcha token",
            Step::Scene => "Scene",
            Step::Mobile => "Mobile",
            Step::Review => "Review & send",
        }
    }

    fn next(self) -> Step {
        match self {
            Step::Token => Step::Scene,
            Step::Scene => Step::Mobile,
            Step::Mobile | Step::Review => Step::Review,
        }
    }

    fn prev(self) -> Step {
        match self {
            Step::Token | Step::Scene => Step::Token,
            Step::Mobile => Step::Scene,
            Step::Review => Step::Mobile,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Wizard(Step),
    Sending,
    Result,
    Headers,
    History,
    /// The check suite's results (F4).
    Check,
    /// The slider captcha (see [`super::puzzle`]).
    Puzzle,
}

/// What the spinner is waiting for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Busy {
    Send {
        id: u64,
    },
    Token,
    Login {
        id: u64,
    },
    /// The captcha puzzle screen waits (what for).
    Puzzle(&'static str),
}

pub use crate::config::Target;

/// A transient message in the footer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// A captcha pass token obtained (or typed) and what we know about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenMeta {
    /// The token string this metadata is about (stale once the field changes).
    pub token: String,
    /// The mobile number given as `sender` to captcha/verify.
    pub sender: Option<String>,
    pub obtained_at: SystemTime,
    /// A send already used it (pass tokens are single use).
    pub used: bool,
}

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// Spinner tick, only sent while something runs.
    Tick,
    Sent {
        id: u64,
        exchange: Box<Exchange>,
    },
    TokenFetched(Result<(String, String), crate::client::simflow::TokenError>),
    OutboxCode {
        id: u64,
        code: Option<String>,
    },
    LoginDone {
        id: u64,
        exchange: Box<Exchange>,
    },
    HistoryLoaded(Vec<Record>),
    /// Progress of a check run.
    Check(super::check::CheckMsg),
    /// `GET /captcha` answered (or failed), images decoded.
    PuzzleFetched(Result<Box<super::puzzle::Fetched>, String>),
    /// `captcha/verify` answered, for `sender`.
    PuzzleVerified {
        sender: String,
        exchange: Box<Exchange>,
    },
    Notice(Notice),
    /// SIGTERM / SIGHUP.
    Quit,
}

#[derive(Debug, PartialEq)]
pub enum Cmd {
    Send {
        id: u64,
        spec: Box<RequestSpec>,
    },
    Cancel {
        id: u64,
    },
    /// captcha get, solve through /_sim/, verify with `mobile` as sender,
    /// sending `headers` (the profile's: a header omitted on purpose for the
    /// sms/send under test must not stop the captcha calls).
    FetchToken {
        mobile: String,
        headers: Vec<HeaderSetting>,
    },
    FetchOutbox {
        id: u64,
        mobile: String,
        scene: String,
    },
    Login {
        id: u64,
        spec: Box<RequestSpec>,
    },
    Copy {
        what: &'static str,
        text: String,
    },
    SaveReport(String),
    AppendHistory(Box<Record>),
    SaveHeaders(Vec<HeaderSetting>),
    /// Run the check suite (answers with `Msg::Check` per case, then `Finished`).
    RunCheck {
        run: u64,
    },
    StopCheck {
        run: u64,
    },
    /// `GET /captcha`, decode the images (and choose the graphics protocol once).
    FetchPuzzle {
        spec: Box<RequestSpec>,
        need_picker: bool,
    },
    VerifyPuzzle {
        spec: Box<RequestSpec>,
        sender: String,
    },
    Quit,
}

/// The header being edited in the headers screen.
#[derive(Debug, Clone)]
pub enum HeaderEdit {
    Value(Input),
    /// A new header, typed as `Name: value`.
    New(Input),
}

pub const SCENE_OTHER: usize = Scene::ALL.len();
/// A pass token with this many seconds left or fewer is flagged as about to expire.
pub const TOKEN_SOON: u64 = 30;
pub const PANES: usize = 3;

pub struct App {
    pub screen: Screen,
    /// Where Esc returns to from the headers and history screens.
    pub back_to: Screen,
    pub target: Target,
    pub clock: SharedClock,
    pub token: Input,
    pub token_meta: Option<TokenMeta>,
    pub mobile: Input,
    pub scene_sel: usize,
    pub other_scene: Input,
    pub editing_other: bool,
    /// Mobile must be entered before a token can be fetched (it is the captcha's sender).
    pub token_after_mobile: bool,
    pub headers: Vec<HeaderSetting>,
    pub header_sel: usize,
    pub header_edit: Option<HeaderEdit>,
    pub preset_idx: usize,
    pub busy: Option<Busy>,
    pub busy_since: SystemTime,
    pub spinner: usize,
    pub history: Vec<Record>,
    /// Index into `history` shown on the result screen.
    pub current: Option<usize>,
    /// The result screen was opened from the history list (Esc goes back there).
    pub result_from_history: bool,
    pub history_sel: usize,
    pub pane_focus: usize,
    pub scroll: [u16; PANES],
    pub notice: Option<Notice>,
    pub help: bool,
    /// First line of the help overlay shown (small windows scroll it).
    pub help_scroll: u16,
    pub copy_menu: bool,
    pub redact: bool,
    pub no_color: bool,
    pub size: (u16, u16),
    pub next_id: u64,
    pub should_quit: bool,
    /// Send right after a fresh token arrives (the "retry with a fresh token" key).
    pub send_after_token: bool,
    /// The sms/send request being sent (recorded with its answer).
    pub in_flight: Option<RequestSpec>,
    /// A recorded request to send again once a fresh token arrives (history `r`).
    pub replay: Option<RequestSpec>,
    /// The profile's headers as loaded: used for the automatic token.
    pub base_headers: Vec<HeaderSetting>,
    /// Values of headers switched to blank with `b`, to switch them back.
    pub blanked: std::collections::HashMap<String, String>,
    /// The total timeout of a request (shown while waiting).
    pub timeout: Option<Duration>,
    /// What the profile tells the explanations (timeouts, registered client ids).
    pub explain_base: crate::client::ExplainContext,
    /// The Check screen.
    pub check: super::check::CheckState,
    /// The slider-captcha screen.
    pub puzzle: super::puzzle::PuzzleState,
}

impl App {
    pub fn new(target: Target, headers: Vec<HeaderSetting>, clock: SharedClock) -> App {
        let now = clock.now();
        let headers_for_base = headers.clone();
        App {
            screen: Screen::Wizard(Step::Token),
            back_to: Screen::Wizard(Step::Token),
            target,
            clock,
            token: Input::default(),
            token_meta: None,
            mobile: Input::default(),
            scene_sel: 1, // LOGIN_SMS: the scene of the demo flow
            other_scene: Input::default(),
            editing_other: false,
            token_after_mobile: false,
            headers,
            header_sel: 0,
            header_edit: None,
            preset_idx: 0,
            busy: None,
            busy_since: now,
            spinner: 0,
            history: Vec::new(),
            current: None,
            result_from_history: false,
            history_sel: 0,
            pane_focus: 0,
            scroll: [0; PANES],
            notice: None,
            help: false,
            help_scroll: 0,
            copy_menu: false,
            redact: false,
            no_color: false,
            size: (80, 24),
            // Ids of earlier sessions (in the history file) are smaller: each
            // session starts at its start time in microseconds.
            next_id: now
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_micros() as u64)
                .unwrap_or(1),
            should_quit: false,
            send_after_token: false,
            explain_base: crate::client::ExplainContext::default(),
            timeout: None,
            in_flight: None,
            replay: None,
            base_headers: headers_for_base,
            blanked: Default::default(),
            check: super::check::CheckState::default(),
            puzzle: Default::default(),
        }
    }

    /// The scene value that will be sent as `type`.
    pub fn scene_value(&self) -> String {
        match Scene::ALL.get(self.scene_sel) {
            Some(s) => s.code().to_string(),
            None => self.other_scene.value().to_string(),
        }
    }

    /// True while a text field takes the keyboard (letters type instead of acting).
    pub fn typing(&self) -> bool {
        match self.screen {
            Screen::Wizard(Step::Token) | Screen::Wizard(Step::Mobile) => true,
            Screen::Wizard(Step::Scene) => self.editing_other,
            Screen::Headers => self.header_edit.is_some(),
            Screen::Puzzle => self.puzzle.editing_mobile,
            _ => false,
        }
    }

    pub fn client_id(&self) -> Option<&HeaderSetting> {
        self.headers
            .iter()
            .find(|x| x.name.eq_ignore_ascii_case(h::CLIENT_ID))
    }

    /// The sms/send request as it will be sent with the current inputs.
    pub fn send_spec(&self) -> RequestSpec {
        build::sms_send(
            &self.target.base_url,
            self.headers.clone(),
            &self.scene_value(),
            self.mobile.value(),
            self.token.value(),
        )
    }

    /// The login request that consumes a delivered code.
    pub fn login_spec(&self, mobile: &str, code: &str) -> RequestSpec {
        build::login(&self.target.base_url, self.headers.clone(), mobile, code)
    }

    /// The metadata of the token currently in the field, if we know where it came from.
    pub fn current_token_meta(&self) -> Option<&TokenMeta> {
        self.token_meta
            .as_ref()
            .filter(|m| m.token == self.token.value())
    }

    /// Seconds since the current token was obtained.
    pub fn token_age(&self) -> Option<Duration> {
        let m = self.current_token_meta()?;
        Some(
            self.clock
                .now()
                .duration_since(m.obtained_at)
                .unwrap_or_default(),
        )
    }

    /// A live token's age is on screen: redraw once a second so it counts.
    pub fn shows_token_age(&self) -> bool {
        matches!(
            self.screen,
            Screen::Wizard(Step::Token) | Screen::Wizard(Step::Review)
        ) && self
            .token_age()
            .is_some_and(|age| age <= api::ttl::PASS_TOKEN + Duration::from_secs(1))
    }

    /// How long ago this session's history has a successful send to the same
    /// target, mobile and scene, when that is within the resend cooldown.
    pub fn recent_send_to_same_number(&self) -> Option<Duration> {
        let (mobile, scene) = (self.mobile.value(), self.scene_value());
        let now = self.clock.now();
        self.history
            .iter()
            .rev()
            .filter(|r| r.exchange.outcome == Outcome::Success)
            .filter(|r| r.spec.base_url == self.target.base_url)
            .filter(|r| r.mobile() == mobile && r.scene() == scene)
            .find_map(|r| now.duration_since(r.exchange.started_at).ok())
            .filter(|ago| *ago < api::ttl::RESEND_COOLDOWN)
    }

    /// Problems that will likely make the send fail, shown on the review screen.
    pub fn warnings(&self) -> Vec<String> {
        let mut w = Vec::new();
        let required = h::REQUIRED_DEVICE.iter().map(|n| (*n, "PARAM.0001"));
        for (name, code) in required.chain([(h::CLIENT_ID, "PARAM.0002")]) {
            let problem = match self
                .headers
                .iter()
                .find(|x| x.name.eq_ignore_ascii_case(name))
            {
                None => "is not in the header list",
                Some(x) if !x.enabled => "is omitted",
                Some(x) if x.value.trim().is_empty() => "is blank",
                _ => continue,
            };
            w.push(format!("{name} {problem}: {code}"));
        }
        if self.mobile.value().trim().is_empty() {
            w.push("mobile is empty: USER.0004".into());
        } else if let Some(p) = api::mobile::problem(self.mobile.value()) {
            w.push(format!("mobile {p}: CAPTCHA.0006"));
        }
        let scene = self.scene_value();
        if scene.trim().is_empty() {
            w.push("scene (type) is empty: PARAM.0007".into());
        } else if Scene::from_code(&scene).is_none() {
            let hint = Scene::nearest(&scene)
                .map(|s| format!(" (did you mean {s}?)"))
                .unwrap_or_default();
            w.push(format!(
                "scene {scene:?} is not one of the six{hint}: CAPTCHA.0005"
            ));
        }
        let tok = self.token.value();
        if tok.trim().is_empty() {
            w.push("captcha token is empty: PARAM.0008".into());
        } else {
            match api::token::parse_pass_token(tok) {
                // A token captcha/verify issued is sent as issued, whatever its shape
                // (with a secretKey its POINT_JSON part is AES-encrypted).
                Err(_) if self.current_token_meta().is_some() => {}
                Err(e) => w.push(format!("captcha token: {e}: CAPTCHA.0004")),
                Ok(t) => w.extend(
                    api::token::warnings(&t)
                        .into_iter()
                        .map(|x| format!("captcha token: {x}: CAPTCHA.0003 or 0004 likely")),
                ),
            }
        }
        if let Some(ago) = self.recent_send_to_same_number() {
            let left = api::ttl::RESEND_COOLDOWN.saturating_sub(ago).as_secs();
            w.push(format!(
                "a code went to this mobile for {scene} {} s ago: CAPTCHA.0006 likely (cooldown: wait {left} s)",
                ago.as_secs()
            ));
        }
        if let Some(m) = self.current_token_meta() {
            if m.used {
                w.push("this pass token was already used by a send: CAPTCHA.0003".into());
            } else if let Some(age) = self.token_age() {
                let left = api::ttl::PASS_TOKEN.saturating_sub(age).as_secs();
                if age >= api::ttl::PASS_TOKEN {
                    w.push(format!(
                        "this pass token is {} s old (it lives 180 s): CAPTCHA.0003",
                        age.as_secs()
                    ));
                } else if left <= TOKEN_SOON {
                    w.push(format!(
                        "this pass token expires in {left} s: send now or get a new one"
                    ));
                }
            }
            if let Some(sender) = &m.sender
                && sender != self.mobile.value()
                && !self.mobile.value().is_empty()
            {
                w.push(format!(
                    "mobile differs from the captcha's sender {sender}: CAPTCHA.0004"
                ));
            }
        }
        w
    }

    fn notice(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: true,
        });
    }

    fn alloc_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn start_busy(&mut self, b: Busy) {
        self.busy = Some(b);
        self.busy_since = self.clock.now();
        self.spinner = 0;
    }

    pub fn current_record(&self) -> Option<&Record> {
        self.current.and_then(|i| self.history.get(i))
    }
}

/// The only place state changes.
pub fn update(app: &mut App, msg: Msg) -> Vec<Cmd> {
    let before = app.screen;
    let cmds = dispatch(app, msg);
    if app.screen != before && app.screen == Screen::Wizard(Step::Review) {
        // The review always opens at its top, where the warnings are.
        app.scroll[0] = 0;
    }
    cmds
}

fn dispatch(app: &mut App, msg: Msg) -> Vec<Cmd> {
    match msg {
        Msg::Key(k) if k.kind == KeyEventKind::Release => vec![],
        Msg::Key(k) => on_key(app, k),
        Msg::Paste(text) => on_paste(app, &text),
        Msg::Mouse(m) => on_mouse(app, m),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            vec![]
        }
        Msg::Tick => {
            if app.busy.is_some() {
                app.spinner = app.spinner.wrapping_add(1);
            }
            vec![]
        }
        Msg::Sent { id, exchange } => on_sent(app, id, *exchange),
        Msg::TokenFetched(res) => on_token(app, res),
        Msg::OutboxCode { id, code } => {
            if let Some(r) = app.history.iter_mut().rev().find(|r| r.id == id) {
                r.delivered_code = code;
            }
            vec![]
        }
        Msg::LoginDone { id, exchange } => {
            if app.busy == Some(Busy::Login { id }) {
                app.busy = None;
            }
            let ok = exchange.outcome == Outcome::Success;
            if let Some(r) = app.history.iter_mut().rev().find(|r| r.id == id) {
                r.login = Some(*exchange);
            }
            if ok {
                app.notice("logged in: the code was accepted by login/mobile-verify-code");
            } else {
                app.error("login failed: see the panes");
            }
            vec![]
        }
        Msg::HistoryLoaded(mut old) => {
            // Older sessions first, then this session's exchanges.
            let n = old.len();
            old.append(&mut app.history);
            app.history = old;
            app.current = app.current.map(|i| i + n);
            if let Some(max) = old_max_id(&app.history) {
                app.next_id = app.next_id.max(max + 1);
            }
            vec![]
        }
        Msg::Check(m) => super::check::on_msg(app, m),
        Msg::PuzzleFetched(res) => super::puzzle::on_fetched(app, res),
        Msg::PuzzleVerified { sender, exchange } => {
            super::puzzle::on_verified(app, sender, *exchange)
        }
        Msg::Notice(n) => {
            app.notice = Some(n);
            vec![]
        }
        Msg::Quit => quit(app),
    }
}

fn old_max_id(h: &[Record]) -> Option<u64> {
    h.iter().map(|r| r.id).max()
}

pub(super) fn quit(app: &mut App) -> Vec<Cmd> {
    app.should_quit = true;
    let mut cmds = vec![];
    if let Some(Busy::Send { id } | Busy::Login { id }) = app.busy {
        cmds.push(Cmd::Cancel { id });
    }
    cmds.push(Cmd::Quit);
    cmds
}

fn ctrl(k: &KeyEvent, c: char) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char(c)
}

fn on_key(app: &mut App, k: KeyEvent) -> Vec<Cmd> {
    if ctrl(&k, 'c') {
        return quit(app);
    }
    // Any key press clears an old notice, except while it is being read on busy screens.
    if app.busy.is_none() {
        app.notice = None;
    }
    if app.help {
        match k.code {
            KeyCode::Esc
            | KeyCode::Char('?')
            | KeyCode::F(1)
            | KeyCode::Char('q')
            | KeyCode::Enter => {
                app.help = false;
                app.help_scroll = 0;
            }
            KeyCode::Down | KeyCode::Char('j') => {
                app.help_scroll = (app.help_scroll + 1).min(super::view::help_max_scroll(app))
            }
            KeyCode::Up | KeyCode::Char('k') => app.help_scroll = app.help_scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => {
                app.help_scroll = (app.help_scroll + 10).min(super::view::help_max_scroll(app))
            }
            KeyCode::PageUp => app.help_scroll = app.help_scroll.saturating_sub(10),
            _ => {}
        }
        return vec![];
    }
    if app.copy_menu {
        return on_copy_menu(app, k);
    }
    if k.code == KeyCode::F(1) || (!app.typing() && k.code == KeyCode::Char('?')) {
        app.help = true;
        return vec![];
    }
    if app.busy.is_some() && app.screen == Screen::Sending {
        return on_sending_key(app, k);
    }
    // Screen-independent function keys (they work while typing too).
    match k.code {
        KeyCode::F(2) if app.screen != Screen::Headers => return open_headers(app),
        KeyCode::F(3) if app.screen != Screen::History => return open_history(app),
        KeyCode::F(4) if app.screen != Screen::Check => return super::check::open(app),
        _ => {}
    }
    match app.screen {
        Screen::Wizard(step) => on_wizard_key(app, step, k),
        Screen::Sending => on_sending_key(app, k),
        Screen::Result => on_result_key(app, k),
        Screen::Headers => on_headers_key(app, k),
        Screen::History => on_history_key(app, k),
        Screen::Check => super::check::on_key(app, k),
        Screen::Puzzle => super::puzzle::on_key(app, k),
    }
}

fn open_headers(app: &mut App) -> Vec<Cmd> {
    if !matches!(
        app.screen,
        Screen::Headers | Screen::History | Screen::Sending
    ) {
        app.back_to = app.screen;
    }
    app.screen = Screen::Headers;
    app.header_edit = None;
    vec![]
}

fn open_history(app: &mut App) -> Vec<Cmd> {
    if !matches!(
        app.screen,
        Screen::Headers | Screen::History | Screen::Sending
    ) {
        app.back_to = app.screen;
    }
    app.screen = Screen::History;
    if !app.history.is_empty() {
        app.history_sel = app.current.unwrap_or(app.history.len() - 1);
    }
    vec![]
}

fn go_back(app: &mut App) {
    app.screen = match app.back_to {
        Screen::Result if app.current.is_none() => Screen::Wizard(Step::Review),
        s => s,
    };
}

fn input_key(input: &mut Input, k: &KeyEvent) {
    input.handle_event(&crossterm::event::Event::Key(*k));
}

fn on_wizard_key(app: &mut App, step: Step, k: KeyEvent) -> Vec<Cmd> {
    let typing = app.typing();
    match k.code {
        KeyCode::Tab => {
            app.editing_other = false;
            app.screen = Screen::Wizard(step.next());
            return vec![];
        }
        KeyCode::BackTab => {
            app.editing_other = false;
            app.screen = Screen::Wizard(step.prev());
            return vec![];
        }
        KeyCode::Char('q') if !typing => return quit(app),
        KeyCode::Char('h') if !typing => return open_headers(app),
        KeyCode::Char('y') if !typing => return open_history(app),
        _ => {}
    }
    match step {
        Step::Token => match k.code {
            KeyCode::Enter => {
                app.screen = Screen::Wizard(Step::Scene);
                vec![]
            }
            KeyCode::Esc => {
                app.notice("this is the first step: Ctrl+C quits, F1 shows help");
                vec![]
            }
            _ if ctrl(&k, 'g') => fetch_token(app),
            _ if ctrl(&k, 'p') => super::puzzle::open(app),
            _ => {
                input_key(&mut app.token, &k);
                vec![]
            }
        },
        Step::Scene => on_scene_key(app, k),
        Step::Mobile => match k.code {
            KeyCode::Enter => {
                if app.token_after_mobile {
                    app.token_after_mobile = false;
                    if app.mobile.value().trim().is_empty() {
                        app.error("enter the mobile number first: the captcha is bound to it");
                        app.token_after_mobile = true;
                        return vec![];
                    }
                    app.screen = Screen::Wizard(Step::Token);
                    return fetch_token(app);
                }
                app.screen = Screen::Wizard(Step::Review);
                vec![]
            }
            KeyCode::Esc => {
                app.token_after_mobile = false;
                app.screen = Screen::Wizard(Step::Scene);
                vec![]
            }
            _ if ctrl(&k, 'g') => fetch_token(app),
            _ => {
                input_key(&mut app.mobile, &k);
                vec![]
            }
        },
        Step::Review => match k.code {
            KeyCode::Enter => send(app),
            KeyCode::Down
            | KeyCode::Char('j')
            | KeyCode::Up
            | KeyCode::Char('k')
            | KeyCode::PageDown
            | KeyCode::PageUp
            | KeyCode::Home
            | KeyCode::End => {
                let max = super::view::review_max_scroll(app);
                let page = app.size.1.saturating_sub(6).max(1);
                let cur = app.scroll[0].min(max);
                app.scroll[0] = match k.code {
                    KeyCode::Down | KeyCode::Char('j') => cur.saturating_add(1),
                    KeyCode::Up | KeyCode::Char('k') => cur.saturating_sub(1),
                    KeyCode::PageDown => cur.saturating_add(page),
                    KeyCode::PageUp => cur.saturating_sub(page),
                    KeyCode::Home => 0,
                    _ => max,
                }
                .min(max);
                vec![]
            }
            KeyCode::Esc => {
                app.screen = Screen::Wizard(Step::Mobile);
                vec![]
            }
            KeyCode::Char('t') => {
                app.screen = Screen::Wizard(Step::Token);
                vec![]
            }
            KeyCode::Char('s') => {
                app.screen = Screen::Wizard(Step::Scene);
                vec![]
            }
            KeyCode::Char('m') => {
                app.screen = Screen::Wizard(Step::Mobile);
                vec![]
            }
            KeyCode::Char('g') => fetch_token(app),
            KeyCode::Char('c') => {
                let text = super::record::curl(&app.send_spec(), app.redact);
                vec![Cmd::Copy {
                    what: "curl command",
                    text,
                }]
            }
            KeyCode::Char('x') => {
                app.redact = !app.redact;
                vec![]
            }
            _ => vec![],
        },
    }
}

fn on_scene_key(app: &mut App, k: KeyEvent) -> Vec<Cmd> {
    if app.editing_other {
        match k.code {
            KeyCode::Enter => {
                app.editing_other = false;
                app.screen = Screen::Wizard(after_scene(app));
            }
            KeyCode::Esc => app.editing_other = false,
            _ => input_key(&mut app.other_scene, &k),
        }
        return vec![];
    }
    match k.code {
        KeyCode::Up | KeyCode::Char('k') => app.scene_sel = app.scene_sel.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => app.scene_sel = (app.scene_sel + 1).min(SCENE_OTHER),
        KeyCode::Home => app.scene_sel = 0,
        KeyCode::End => app.scene_sel = SCENE_OTHER,
        KeyCode::Char(c @ '1'..='7') => {
            app.scene_sel = (c as usize - '1' as usize).min(SCENE_OTHER)
        }
        KeyCode::Enter => {
            if app.scene_sel == SCENE_OTHER {
                app.editing_other = true;
            } else {
                app.screen = Screen::Wizard(after_scene(app));
            }
        }
        KeyCode::Esc => app.screen = Screen::Wizard(Step::Token),
        _ => {}
    }
    vec![]
}

/// After the scene: the mobile step, or straight to review when the number is
/// already there (e.g. it was asked for first, as the captcha's sender).
fn after_scene(app: &App) -> Step {
    if app.mobile.value().trim().is_empty() {
        Step::Mobile
    } else {
        Step::Review
    }
}

/// Start obtaining a pass token from the simulator (captcha get, solve, verify).
fn fetch_token(app: &mut App) -> Vec<Cmd> {
    if !app.target.has_sim_helpers() {
        app.error(
            "automatic tokens need the simulator: paste the captcha_token your app got from captcha/verify",
        );
        return vec![];
    }
    if app.busy.is_some() {
        return vec![];
    }
    let mobile = app.mobile.value().trim().to_string();
    if mobile.is_empty() {
        app.token_after_mobile = true;
        app.screen = Screen::Wizard(Step::Mobile);
        app.notice(
            "enter the mobile number first (the captcha's sender), then Enter gets the token",
        );
        return vec![];
    }
    app.start_busy(Busy::Token);
    vec![Cmd::FetchToken {
        mobile,
        headers: app.base_headers.clone(),
    }]
}

fn on_token(
    app: &mut App,
    res: Result<(String, String), crate::client::simflow::TokenError>,
) -> Vec<Cmd> {
    if app.busy != Some(Busy::Token) {
        return vec![]; // given up with Esc
    }
    app.busy = None;
    match res {
        Ok((token, sender)) => {
            app.token = Input::new(token.clone());
            app.token_meta = Some(TokenMeta {
                token,
                sender: Some(sender),
                obtained_at: app.clock.now(),
                used: false,
            });
            if std::mem::take(&mut app.send_after_token) {
                return match app.replay.take() {
                    Some(mut spec) => {
                        spec.set_field("captcha_token", app.token.value());
                        send_spec(app, spec)
                    }
                    None => send(app),
                };
            }
            app.notice("got a fresh pass token from the simulator (lives 180 s, single use)");
            if app.screen == Screen::Wizard(Step::Token) {
                app.screen = Screen::Wizard(Step::Scene);
            }
            vec![]
        }
        Err(e) => {
            app.send_after_token = false;
            app.replay = None;
            if app.screen == Screen::Sending {
                // A retry waited for this token: go back to where it started.
                app.screen = if app.current.is_some() {
                    Screen::Result
                } else {
                    Screen::Wizard(Step::Review)
                };
            }
            match e {
                // Not a revealing simulator: a person solves the puzzle instead.
                crate::client::simflow::TokenError::NoReveal(_) => {
                    let cmds = super::puzzle::open(app);
                    app.notice(
                        "this target does not reveal captcha solutions: slide the piece into the hole, Enter verifies",
                    );
                    cmds
                }
                crate::client::simflow::TokenError::Failed(m) => {
                    app.error(format!("automatic token failed: {m}"));
                    vec![]
                }
            }
        }
    }
}

fn send(app: &mut App) -> Vec<Cmd> {
    let spec = app.send_spec();
    send_spec(app, spec)
}

fn send_spec(app: &mut App, spec: RequestSpec) -> Vec<Cmd> {
    if app.busy.is_some() {
        app.error("another request is still in flight: wait for it (Esc cancels it)");
        return vec![];
    }
    let id = app.alloc_id();
    app.in_flight = Some(spec.clone());
    app.start_busy(Busy::Send { id });
    app.screen = Screen::Sending;
    vec![Cmd::Send {
        id,
        spec: Box::new(spec),
    }]
}

fn on_sending_key(app: &mut App, k: KeyEvent) -> Vec<Cmd> {
    if k.code != KeyCode::Esc {
        return vec![];
    }
    match app.busy {
        // The runtime aborts the task and answers with a Cancelled exchange.
        Some(Busy::Send { id } | Busy::Login { id }) => vec![Cmd::Cancel { id }],
        // Waiting for a token to resend with: stop waiting (the answer is ignored).
        Some(Busy::Token) => {
            app.busy = None;
            app.send_after_token = false;
            app.replay = None;
            app.screen = if app.current.is_some() {
                Screen::Result
            } else {
                Screen::Wizard(Step::Review)
            };
            app.notice("stopped waiting for the token");
            vec![]
        }
        // The puzzle screen shows its own waiting (never the sending screen).
        Some(Busy::Puzzle(_)) => vec![],
        None => {
            app.screen = Screen::Wizard(Step::Review);
            vec![]
        }
    }
}

fn on_sent(app: &mut App, id: u64, exchange: Exchange) -> Vec<Cmd> {
    if app.busy != Some(Busy::Send { id }) {
        return vec![]; // a late answer for a request already given up
    }
    app.busy = None;
    let spec = app.in_flight.take().unwrap_or_else(|| app.send_spec());
    let sent_token = body_field(&spec, "captcha_token");
    let meta = app.token_meta.as_ref().filter(|m| m.token == sent_token);
    let sender = meta.and_then(|m| m.sender.clone());
    let token_age = meta.and_then(|m| exchange.started_at.duration_since(m.obtained_at).ok());
    let token_spent = meta.is_some_and(|m| m.used);
    if let Some(m) = app.token_meta.as_mut()
        && m.token == sent_token
        && spends_token(&exchange.outcome, &sent_token)
    {
        m.used = true;
    }
    let mut record = Record::new(id, spec, exchange, sender);
    record.token_age = token_age;
    record.token_spent = token_spent;
    let mut cmds = vec![];
    if record.exchange.outcome == Outcome::Success && app.target.has_sim_helpers() {
        cmds.push(Cmd::FetchOutbox {
            id,
            mobile: record.mobile(),
            scene: record.scene(),
        });
    }
    cmds.push(Cmd::AppendHistory(Box::new(record.clone())));
    app.history.push(record);
    app.current = Some(app.history.len() - 1);
    app.screen = Screen::Result;
    app.result_from_history = false;
    app.scroll = [0; PANES];
    app.pane_focus = 2;
    cmds
}

fn body_field(spec: &RequestSpec, name: &str) -> String {
    spec.field(name)
        .filter(|f| f.enabled)
        .map(|f| f.value.clone())
        .unwrap_or_default()
}

/// Did the server use up the pass token? The documented order of checks
/// consumes a live token at step 10 and after (success, a sender mismatch,
/// the gateway step); earlier failures (headers, empty fields, unknown scene,
/// a malformed token) leave it live. CAPTCHA.0003 means it is dead anyway.
pub fn spends_token(outcome: &Outcome, token: &str) -> bool {
    use crate::api::catalogue::codes;
    match outcome {
        Outcome::Success => true,
        Outcome::ApiError { code, .. } => match code.as_str() {
            codes::CAPTCHA_0003 | codes::CAPTCHA_0006 => true,
            // 0004 from the shape check (step 8) does not consume; from the
            // comparison with the issued token (step 10) it does.
            codes::CAPTCHA_0004 => token
                .split_once(crate::api::token::SEPARATOR)
                .is_some_and(|(t, p)| !t.trim().is_empty() && !p.trim().is_empty()),
            _ => false,
        },
        _ => false,
    }
}

fn on_result_key(app: &mut App, k: KeyEvent) -> Vec<Cmd> {
    let page = app.size.1.saturating_sub(8).max(1);
    match k.code {
        KeyCode::Char('q') => return quit(app),
        KeyCode::Tab | KeyCode::Right => app.pane_focus = (app.pane_focus + 1) % PANES,
        KeyCode::BackTab | KeyCode::Left => app.pane_focus = (app.pane_focus + PANES - 1) % PANES,
        KeyCode::Char(c @ '1'..='3') => app.pane_focus = c as usize - '1' as usize,
        KeyCode::Down | KeyCode::Char('j') => scroll(app, 1),
        KeyCode::Up | KeyCode::Char('k') => scroll(app, -1),
        KeyCode::PageDown | KeyCode::Char(' ') => scroll(app, page as i32),
        KeyCode::PageUp => scroll(app, -(page as i32)),
        KeyCode::Home => app.scroll[app.pane_focus] = 0,
        KeyCode::End => scroll(app, i32::MAX / 2),
        // Back where the result was opened from: the history list, or the review.
        KeyCode::Esc if std::mem::take(&mut app.result_from_history) => {
            app.screen = Screen::History
        }
        KeyCode::Esc => app.screen = Screen::Wizard(Step::Review),
        KeyCode::Char('r') => return retry_fresh(app, false),
        KeyCode::Char('e') | KeyCode::Char('h') => return open_headers(app),
        KeyCode::Char('s') => app.screen = Screen::Wizard(Step::Scene),
        KeyCode::Char('t') => app.screen = Screen::Wizard(Step::Token),
        KeyCode::Char('m') => app.screen = Screen::Wizard(Step::Mobile),
        KeyCode::Char('n') => {
            app.token = Input::default();
            app.screen = Screen::Wizard(Step::Token);
        }
        KeyCode::Char('l') => return login(app),
        KeyCode::Char('c') => app.copy_menu = true,
        KeyCode::Char('w') => {
            if let Some(r) = app.current_record() {
                return vec![Cmd::SaveReport(super::record::report(
                    r,
                    app.redact,
                    &app.explain_base,
                ))];
            }
        }
        KeyCode::Char('x') => app.redact = !app.redact,
        KeyCode::Char('y') => return open_history(app),
        _ => {}
    }
    vec![]
}

/// The login step is offered after a LOGIN_SMS code was delivered by the simulator.
pub fn login_available(app: &App) -> bool {
    app.current_record().is_some_and(|r| {
        r.delivered_code.is_some() && r.scene() == Scene::LoginSms.code() && r.login.is_none()
    })
}

fn login(app: &mut App) -> Vec<Cmd> {
    if app.busy.is_some() {
        return vec![];
    }
    if app.current_record().is_some_and(|r| r.login.is_some()) {
        app.notice("already logged in with this code (it is single use): n starts a new request");
        return vec![];
    }
    let Some(r) = app.current_record() else {
        return vec![];
    };
    let Some(code) = r.delivered_code.clone() else {
        app.error("no delivered code to log in with");
        return vec![];
    };
    if r.scene() != Scene::LoginSms.code() {
        app.error("login/mobile-verify-code consumes LOGIN_SMS codes only");
        return vec![];
    }
    let id = r.id;
    let spec = app.login_spec(&r.mobile(), &code);
    app.start_busy(Busy::Login { id });
    vec![Cmd::Login {
        id,
        spec: Box::new(spec),
    }]
}

/// Send again with a fresh token: the current inputs (`replay` false), or the
/// recorded request of the current record, headers and body as they were
/// (`replay` true), to the current target.
fn retry_fresh(app: &mut App, replay: bool) -> Vec<Cmd> {
    app.replay = None;
    if let Some(r) = app.current_record() {
        let replayed = replay.then(|| {
            let mut spec = r.spec.clone();
            spec.base_url = app.target.base_url.clone();
            spec
        });
        let mobile = r.mobile();
        let scene = r.scene();
        app.replay = replayed;
        app.mobile = Input::new(mobile);
        match Scene::from_code(&scene).and_then(|s| Scene::ALL.iter().position(|x| *x == s)) {
            Some(i) => app.scene_sel = i,
            None => {
                app.scene_sel = SCENE_OTHER;
                app.other_scene = Input::new(scene);
            }
        }
    }
    if !app.target.has_sim_helpers() {
        // A real target: solve a new puzzle (it lands on the scene step, then
        // Enter through to Review and send).
        app.token = Input::default();
        app.screen = Screen::Wizard(Step::Token);
        return super::puzzle::open(app);
    }
    app.send_after_token = true;
    let cmds = fetch_token(app);
    if cmds.is_empty() {
        app.send_after_token = false;
        app.replay = None;
    } else {
        app.screen = Screen::Sending;
    }
    cmds
}

fn scroll(app: &mut App, delta: i32) {
    let i = app.pane_focus;
    let max = super::view::pane_max_scroll(app, i) as i32;
    let v = (app.scroll[i] as i32 + delta).clamp(0, max.max(0));
    app.scroll[i] = v as u16;
}

fn on_copy_menu(app: &mut App, k: KeyEvent) -> Vec<Cmd> {
    app.copy_menu = false;
    let Some(r) = app.current_record() else {
        return vec![];
    };
    let redact = app.redact;
    match k.code {
        KeyCode::Char('1') | KeyCode::Char('c') => vec![Cmd::Copy {
            what: "curl command",
            text: super::record::curl(&r.spec, redact),
        }],
        KeyCode::Char('2') | KeyCode::Char('b') => vec![Cmd::Copy {
            what: "response body",
            text: super::record::response_body(r),
        }],
        KeyCode::Char('3') | KeyCode::Char('r') => vec![Cmd::Copy {
            what: "report",
            text: super::record::report(r, redact, &app.explain_base),
        }],
        KeyCode::Char('4') | KeyCode::Char('w') => {
            vec![Cmd::SaveReport(super::record::report(
                r,
                redact,
                &app.explain_base,
            ))]
        }
        _ => vec![],
    }
}

fn on_headers_key(app: &mut App, k: KeyEvent) -> Vec<Cmd> {
    if let Some(edit) = app.header_edit.as_mut() {
        match k.code {
            KeyCode::Enter => {
                let edit = app.header_edit.take().unwrap();
                match edit {
                    HeaderEdit::Value(input) => {
                        if let Some(hs) = app.headers.get_mut(app.header_sel) {
                            hs.value = input.value().to_string();
                            hs.enabled = true;
                        }
                    }
                    HeaderEdit::New(input) => {
                        if !add_header(app, input.value()) {
                            app.header_edit = Some(HeaderEdit::New(input));
                        }
                    }
                }
            }
            KeyCode::Esc => app.header_edit = None,
            _ => match edit {
                HeaderEdit::Value(i) | HeaderEdit::New(i) => input_key(i, &k),
            },
        }
        return vec![];
    }
    let n = app.headers.len();
    match k.code {
        KeyCode::Up | KeyCode::Char('k') => app.header_sel = app.header_sel.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => {
            app.header_sel = (app.header_sel + 1).min(n.saturating_sub(1))
        }
        KeyCode::Enter | KeyCode::Char('e') => {
            if let Some(hs) = app.headers.get(app.header_sel) {
                app.header_edit = Some(HeaderEdit::Value(Input::new(hs.value.clone())));
            }
        }
        KeyCode::Char(' ') | KeyCode::Char('o') => {
            if let Some(hs) = app.headers.get_mut(app.header_sel) {
                hs.enabled = !hs.enabled;
                let state = if hs.enabled { "sent" } else { "omitted" };
                let name = hs.name.clone();
                app.notice(format!("{name} is now {state}"));
            }
        }
        KeyCode::Char('b') => {
            if let Some(hs) = app.headers.get_mut(app.header_sel) {
                let name = hs.name.clone();
                hs.enabled = true;
                let text = if hs.value.is_empty() {
                    match app.blanked.remove(&name) {
                        Some(v) => {
                            hs.value = v;
                            format!("{name} has its value back")
                        }
                        None => format!("{name} is blank already: Enter types a value"),
                    }
                } else {
                    app.blanked
                        .insert(name.clone(), std::mem::take(&mut hs.value));
                    format!("{name} will be sent blank (b again brings the value back)")
                };
                app.notice(text);
            }
        }
        KeyCode::Char('p') => {
            let presets = DevicePreset::ALL;
            app.preset_idx = (app.preset_idx + 1) % presets.len();
            let p = presets[app.preset_idx];
            apply_preset(&mut app.headers, p);
            app.notice(format!(
                "applied device preset: {} (new fingerprint)",
                p.label()
            ));
        }
        KeyCode::Char('f') => {
            let fp = crate::config::presets::fresh_fingerprint();
            if let Some(hs) = app
                .headers
                .iter_mut()
                .find(|x| x.name.eq_ignore_ascii_case(h::FINGERPRINT))
            {
                hs.value = fp.clone();
                hs.enabled = true;
            }
            app.notice(format!("new device fingerprint {fp}"));
        }
        KeyCode::Char('a') => app.header_edit = Some(HeaderEdit::New(Input::default())),
        KeyCode::Char('d') | KeyCode::Delete => {
            if let Some(hs) = app.headers.get(app.header_sel) {
                if h::is_documented(&hs.name) {
                    app.error(format!(
                        "{} is a documented header: omit it with Space instead",
                        hs.name
                    ));
                } else {
                    app.headers.remove(app.header_sel);
                    app.header_sel = app.header_sel.min(app.headers.len().saturating_sub(1));
                }
            }
        }
        KeyCode::Char('s') => return vec![Cmd::SaveHeaders(app.headers.clone())],
        KeyCode::Char('q') => return quit(app),
        KeyCode::Esc => go_back(app),
        KeyCode::Char('y') => return open_history(app),
        _ => {}
    }
    vec![]
}

/// Set the device headers to a preset's values (with a fresh fingerprint), sending them.
pub fn apply_preset(headers: &mut [HeaderSetting], p: DevicePreset) {
    let d = p.headers();
    for hs in headers.iter_mut() {
        let v = [
            (h::OS_VERSION, &d.os_version),
            (h::FINGERPRINT, &d.fingerprint),
            (h::AGENT, &d.agent),
            (h::DEVICE_IP, &d.device_ip),
        ]
        .into_iter()
        .find(|(n, _)| hs.name.eq_ignore_ascii_case(n));
        if let Some((_, v)) = v {
            hs.value = v.clone();
            hs.enabled = true;
        }
    }
}

/// Add (or replace) a header typed as `Name: value`; false when the line is not that.
fn add_header(app: &mut App, line: &str) -> bool {
    let Some((name, value)) = line.split_once(':') else {
        app.error("type the new header as  Name: value");
        return false;
    };
    let name = name.trim();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic() && b != b':') {
        app.error(format!("{name:?} is not a valid header name"));
        return false;
    }
    if let Some(i) = app
        .headers
        .iter()
        .position(|x| x.name.eq_ignore_ascii_case(name))
    {
        app.headers[i].value = value.trim().to_string();
        app.headers[i].enabled = true;
        app.header_sel = i;
        let shown = app.headers[i].name.clone();
        app.notice(format!(
            "{shown} was already in the list: its value is replaced"
        ));
    } else {
        app.headers.push(HeaderSetting {
            name: name.to_string(),
            value: value.trim().to_string(),
            enabled: true,
        });
        app.header_sel = app.headers.len() - 1;
    }
    true
}

fn on_history_key(app: &mut App, k: KeyEvent) -> Vec<Cmd> {
    let n = app.history.len();
    match k.code {
        KeyCode::Up | KeyCode::Char('k') => app.history_sel = app.history_sel.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => {
            app.history_sel = (app.history_sel + 1).min(n.saturating_sub(1))
        }
        KeyCode::Home => app.history_sel = 0,
        KeyCode::End => app.history_sel = n.saturating_sub(1),
        KeyCode::Enter if n > 0 => {
            app.current = Some(app.history_sel.min(n - 1));
            app.scroll = [0; PANES];
            app.screen = Screen::Result;
            app.result_from_history = true;
        }
        KeyCode::Char('r') if n > 0 => {
            app.current = Some(app.history_sel.min(n - 1));
            return retry_fresh(app, true);
        }
        KeyCode::Char('q') => return quit(app),
        KeyCode::Char('h') => return open_headers(app),
        KeyCode::Esc => go_back(app),
        _ => {}
    }
    vec![]
}

fn on_paste(app: &mut App, text: &str) -> Vec<Cmd> {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    let target = match app.screen {
        Screen::Wizard(Step::Token) => Some(&mut app.token),
        Screen::Wizard(Step::Mobile) => Some(&mut app.mobile),
        Screen::Wizard(Step::Scene) if app.editing_other => Some(&mut app.other_scene),
        Screen::Headers => match app.header_edit.as_mut() {
            Some(HeaderEdit::Value(i) | HeaderEdit::New(i)) => Some(i),
            None => None,
        },
        _ => None,
    };
    if let Some(input) = target {
        for c in clean.chars() {
            input.handle(InputRequest::InsertChar(c));
        }
    }
    vec![]
}

fn on_mouse(app: &mut App, m: MouseEvent) -> Vec<Cmd> {
    if app.screen == Screen::Check {
        return super::check::on_mouse(app, m);
    }
    if app.screen == Screen::Puzzle && !app.help {
        return super::puzzle::on_mouse(app, m);
    }
    let area = ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1);
    let hit = layout::hit(app, area, m.column, m.row);
    match (m.kind, hit) {
        (MouseEventKind::ScrollDown, Some(layout::Hit::Pane(i))) => {
            app.pane_focus = i;
            scroll(app, 3);
        }
        (MouseEventKind::ScrollUp, Some(layout::Hit::Pane(i))) => {
            app.pane_focus = i;
            scroll(app, -3);
        }
        (MouseEventKind::Down(MouseButton::Left), Some(layout::Hit::Pane(i))) => app.pane_focus = i,
        (MouseEventKind::Down(MouseButton::Left), Some(layout::Hit::Tab(i))) => app.pane_focus = i,
        (MouseEventKind::Down(MouseButton::Left), Some(layout::Hit::Row(i))) => match app.screen {
            Screen::Wizard(Step::Scene) => {
                if app.scene_sel == i && i < SCENE_OTHER {
                    app.screen = Screen::Wizard(after_scene(app));
                } else {
                    app.scene_sel = i.min(SCENE_OTHER);
                    app.editing_other = i == SCENE_OTHER;
                }
            }
            Screen::History => {
                if app.history_sel == i && i < app.history.len() {
                    app.current = Some(i);
                    app.scroll = [0; PANES];
                    app.screen = Screen::Result;
                    app.result_from_history = true;
                } else {
                    app.history_sel = i.min(app.history.len().saturating_sub(1));
                }
            }
            Screen::Headers => app.header_sel = i.min(app.headers.len().saturating_sub(1)),
            _ => {}
        },
        (MouseEventKind::Down(MouseButton::Left), Some(layout::Hit::Step(s))) => {
            if matches!(app.screen, Screen::Wizard(_)) {
                app.editing_other = false;
                app.screen = Screen::Wizard(s);
            }
        }
        (MouseEventKind::ScrollDown, Some(layout::Hit::Row(_))) => {
            return on_key(app, KeyEvent::from(KeyCode::Down));
        }
        (MouseEventKind::ScrollUp, Some(layout::Hit::Row(_))) => {
            return on_key(app, KeyEvent::from(KeyCode::Up));
        }
        _ => {}
    }
    vec![]
}

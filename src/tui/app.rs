//! The application state and `update`, the only place where state changes.
//!
//! `update` is synchronous and pure apart from mutating `App`: anything slow or
//! with side effects is returned as a [`Cmd`] that the runtime executes in a
//! tokio task, which answers with another [`Msg`].

use crate::api::{Scene, headers as h};
use crate::client::{HeaderSetting, RequestSpec, build};
use crate::clock::SharedClock;
use crossterm::event::{KeyEvent, KeyEventKind};
use std::time::{Duration, SystemTime};
use tui_input::Input;

use super::keymap;
pub use super::msg::{Busy, Cmd, Msg, Notice, TokenMeta};
use super::record::Record;
use super::screens;
pub use super::screens::headers::HeaderEdit;
pub use super::screens::wizard::Step;
pub use crate::config::Target;

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
    /// Bring your own request: paste or read a curl / HAR / raw request.
    Import,
    /// `vflow proxy`'s exchanges, live.
    Traffic,
}

pub const SCENE_OTHER: usize = Scene::ALL.len();
/// A pass token with this many seconds left or fewer is flagged as about to expire.
pub const TOKEN_SOON: u64 = crate::client::precheck::TOKEN_SOON;
pub use super::panes::PANES;

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
    /// Mobile must be entered before a token can be fetched (it is the captcha's sender):
    /// the step where the token was asked for, where Enter on the mobile step goes back to.
    pub token_after_mobile: Option<Step>,
    /// When the token that Enter on the mobile step fetches arrives, go on to the review
    /// (the token was asked for on the mobile step: Enter there means "next" too).
    pub review_after_token: bool,
    pub headers: Vec<HeaderSetting>,
    /// The headers editor's own state.
    pub editor: super::screens::headers::EditorState,
    pub busy: Option<Busy>,
    pub busy_since: SystemTime,
    pub spinner: usize,
    pub history: Vec<Record>,
    /// Index into `history` shown on the result screen.
    pub current: Option<usize>,
    /// The result screen was opened from the history list (Esc goes back there).
    pub result_from_history: bool,
    /// The history list's own state.
    pub history_list: super::screens::history::ListState,
    /// The result's request, response and explanation panes.
    pub panes: super::panes::PaneSet,
    /// The review's own state.
    pub review: super::screens::review::ReviewState,
    pub notice: Option<Notice>,
    /// The help overlay (F1 / `?`).
    pub help: screens::help::HelpState,
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
    /// The total timeout of a request (shown while waiting).
    pub timeout: Option<Duration>,
    /// What the profile tells the explanations (timeouts, registered client ids).
    pub explain_base: crate::client::ExplainContext,
    /// The Check screen.
    pub check: screens::check::CheckState,
    /// The slider-captcha screen.
    pub puzzle: screens::puzzle::PuzzleState,
    /// The probes on the Check screen (Tab switches).
    pub probe: screens::probe::ProbeState,
    /// The scene's next step on the result (consumer picker, prompt).
    pub next: screens::next_step::NextState,
    /// The captcha calls of Ctrl+G were refused for the headers as edited
    /// (PARAM.0001/0002): Ctrl+F fetches with the profile's full headers.
    pub header_refusal: Option<screens::token::HeaderRefusal>,
    /// Whether the target reveals captcha solutions (Ctrl+G): unknown until
    /// tried, except for the in-process simulator, which does.
    pub reveals: Option<bool>,
    /// The language of vflow's own words (independent of the X-L header).
    pub ui_lang: crate::api::Lang,
    /// The Import screen.
    pub import: screens::import::ImportState,
    /// The request in use was imported: sends start from it.
    pub imported: Option<screens::import::ImportedRequest>,
    /// The Traffic screen (`vflow proxy` on a terminal).
    pub traffic: screens::traffic::TrafficState,
}

impl App {
    /// The language asked of the server: the X-L header as edited.
    pub fn server_lang(&self) -> crate::api::Lang {
        let v = self
            .headers
            .iter()
            .find(|h| h.enabled && h.name.eq_ignore_ascii_case(crate::api::headers::LANG))
            .map(|h| h.value.as_str());
        crate::api::Lang::from_header(v)
    }

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
            token_after_mobile: None,
            review_after_token: false,
            headers,
            editor: Default::default(),
            busy: None,
            busy_since: now,
            spinner: 0,
            history: Vec::new(),
            current: None,
            result_from_history: false,
            history_list: Default::default(),
            panes: Default::default(),
            review: Default::default(),
            notice: None,
            help: Default::default(),
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
            // The suites are parsed when the Check screen first opens, not before the first frame.
            check: screens::check::CheckState::deferred(),
            puzzle: Default::default(),
            probe: screens::probe::ProbeState::deferred(),
            header_refusal: None,
            reveals: None,
            ui_lang: crate::api::Lang::En,
            next: Default::default(),
            import: Default::default(),
            imported: None,
            traffic: Default::default(),
        }
    }

    /// The scene value that will be sent as `type`.
    pub fn scene_value(&self) -> String {
        match Scene::ALL.get(self.scene_sel) {
            Some(s) => s.code().to_string(),
            None => self.other_scene.value().to_string(),
        }
    }

    pub fn client_id(&self) -> Option<&HeaderSetting> {
        self.headers
            .iter()
            .find(|x| x.name.eq_ignore_ascii_case(h::CLIENT_ID))
    }

    /// The sms/send request as it will be sent with the current inputs.
    pub fn send_spec(&self) -> RequestSpec {
        if let Some(imp) = &self.imported {
            return screens::import::spec_for(self, imp);
        }
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

    pub(crate) fn notice(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: false,
        });
    }

    pub(crate) fn error(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: true,
        });
    }

    pub(crate) fn alloc_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    pub(crate) fn start_busy(&mut self, b: Busy) {
        self.busy = Some(b);
        self.busy_since = self.clock.now();
        self.spinner = 0;
    }

    /// Ctrl+G can get a token here: a simulator that is not known to keep
    /// its solutions to itself.
    pub fn auto_token(&self) -> bool {
        self.target.has_sim_helpers() && self.reveals != Some(false)
    }

    pub fn current_record(&self) -> Option<&Record> {
        self.current.and_then(|i| self.history.get(i))
    }
}

/// The only place state changes.
pub fn update(app: &mut App, msg: Msg) -> Vec<Cmd> {
    let before = app.screen;
    ensure_suites(app);
    let cmds = dispatch(app, msg);
    ensure_suites(app);
    if app.screen != before && app.screen == Screen::Wizard(Step::Review) {
        // The review always opens at its top, where the warnings are.
        app.review.scroll = 0;
    }
    cmds
}

/// The Check screen (and a puzzle asked for by a check) reads the suites: parse them on the way in.
fn ensure_suites(app: &mut App) {
    if matches!(app.screen, Screen::Check | Screen::Puzzle) {
        app.check.ensure_loaded();
        app.probe.ensure_loaded();
    }
}

fn dispatch(app: &mut App, msg: Msg) -> Vec<Cmd> {
    match msg {
        Msg::Key(k) if k.kind == KeyEventKind::Release => vec![],
        Msg::Key(k) => on_key(app, k),
        Msg::Paste(text) => super::input::on_paste(app, &text),
        Msg::Mouse(m) => screens::on_mouse(app, m),
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
        Msg::Sent { id, exchange } => screens::result::on_sent(app, id, *exchange),
        Msg::TokenFetched(res) => screens::token::on_token(app, res),
        Msg::OutboxCode { id, code } => {
            screens::next_step::on_code_delivered(app, id, code);
            vec![]
        }
        Msg::Consumed { id, exchange } => screens::next_step::on_consumed(app, id, *exchange),
        Msg::StateToken { id, result } => screens::next_step::on_state_token(app, id, result),
        // What trying found out stays (a tenant that said nothing is only known by trying).
        Msg::Reveals(r) => {
            app.reveals = app.reveals.or(r);
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
        Msg::Check(m) => screens::check::on_msg(app, m),
        Msg::Probe(m) => screens::probe::on_msg(app, m),
        Msg::PuzzleFetched(res) => screens::puzzle::on_fetched(app, res),
        Msg::PuzzleVerified { sender, exchange } => {
            screens::puzzle::on_verified(app, sender, *exchange)
        }
        Msg::Notice(n) => {
            app.notice = Some(n);
            vec![]
        }
        Msg::ImportRead { path, result } => screens::import::on_read(app, path, result),
        Msg::Traffic(r) => screens::traffic::on_exchange(app, r),
        Msg::TrafficMissed(n) => {
            app.traffic.missed += n;
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
    if let Some(Busy::Send { id } | Busy::Consume { id }) = app.busy {
        cmds.push(Cmd::Cancel { id });
    }
    cmds.push(Cmd::Quit);
    cmds
}

/// A key press: the key map says which action it is and which screen takes it.
pub(crate) fn on_key(app: &mut App, k: KeyEvent) -> Vec<Cmd> {
    let resolved = keymap::resolve(app, &k);
    // Any key press clears an old notice, except while it is being read on busy screens.
    if app.busy.is_none() {
        app.notice = None;
    }
    match resolved {
        Some((mode, action)) => screens::route(app, mode, action, k),
        None => {
            if app.copy_menu {
                app.copy_menu = false; // any other key closes it
            } else if app.screen == Screen::Headers
                && !app.help.open
                && screens::headers::unbound_key(app, &k)
            {
            } else {
                super::input::typed(app, &k);
            }
            vec![]
        }
    }
}

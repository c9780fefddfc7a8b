//! The Check screen (F4): runs the `check` suite against the target with live
//! progress (each case's result arrives as a message), a results table, and a
//! case's three panes (request, response, explanation) on Enter or a click.
//!
//! State, update, view and hit-testing of the screen live here; `app`, `view`,
//! `runtime`, `keys` and `layout` only dispatch to it.
//!
//! Hook for pass tokens: the runtime gives the runner a [`TokenSource`]. Today it
//! is the simulator's reveal (cases needing a token are skipped with the reason
//! against a target without it); a source that asks the person to solve the
//! puzzle in the terminal can replace it in [`token_source`] without touching
//! the runner.

use crate::api::Lang;
use crate::check::{CaseResult, Expected, Sent, SimulatorReveal, Suite, TokenSource, Verdict};
use crate::client::simflow::TokenError;
use crate::client::{HeaderSetting, Http};
use crate::t;
use crate::tui::app::{App, Cmd, Msg, Screen};
use crate::tui::keymap::{Action, Binding, ch, key, plain};
use crate::tui::layout;
use crate::tui::panes;
use crate::tui::record::{self, Record};
use crate::tui::theme::{self, Themed};
use crate::tui::wrap::wrap_text;
use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use futures_util::future::BoxFuture;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::mpsc::UnboundedSender;

/// One row of the table.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseState {
    Pending,
    Running,
    Done(Box<CaseResult>),
}

/// What the runtime's check task reports.
#[derive(Debug)]
pub enum CheckMsg {
    Started {
        run: u64,
        index: usize,
    },
    Done {
        run: u64,
        index: usize,
        result: Box<CaseResult>,
    },
    /// The run ended (`stopped`: by the person).
    Finished {
        run: u64,
        stopped: bool,
    },
    /// A case needs a pass token that only a person can get here: solve a puzzle.
    NeedToken(TokenRequest),
}

/// A running check waits for a pass token verified for `sender`.
#[derive(Debug)]
pub struct TokenRequest {
    pub run: u64,
    pub sender: String,
    pub reply: tokio::sync::oneshot::Sender<Result<String, TokenError>>,
}

pub struct CheckState {
    pub suite: Arc<Suite>,
    pub rows: Vec<CaseState>,
    /// The id of the run in progress.
    pub running: Option<u64>,
    /// Ids of runs, so that late messages of a stopped run are ignored.
    pub last_run: u64,
    pub sel: usize,
    /// The row whose panes are shown.
    pub open: Option<usize>,
    /// The open case's request, response and check panes.
    pub panes: crate::tui::panes::PaneSet,
    /// The run was stopped before its end.
    pub stopped: bool,
    /// A case waits for the person to solve a puzzle.
    pub asking: Option<TokenRequest>,
    /// `r` was pressed while a run is going: the next `r` restarts it.
    pub confirm_restart: bool,
    /// The built-in suite is not parsed yet (see [`CheckState::deferred`]).
    pub deferred: bool,
    /// The headers the last run started from (F2's, as they were then).
    pub ran_with: Option<Vec<HeaderSetting>>,
    /// The selection follows the running case (until the person moves it), so the table
    /// scrolls with the run.
    pub follow: bool,
}

impl Default for CheckState {
    fn default() -> Self {
        CheckState::new(Suite::builtin_shared())
    }
}

impl CheckState {
    pub fn new(suite: Arc<Suite>) -> CheckState {
        let n = suite.cases.len();
        CheckState {
            suite,
            rows: vec![CaseState::Pending; n],
            running: None,
            last_run: 0,
            sel: 0,
            open: None,
            panes: crate::tui::panes::PaneSet::focused(2),
            stopped: false,
            asking: None,
            confirm_restart: false,
            deferred: false,
            ran_with: None,
            follow: false,
        }
    }

    /// The built-in suite, parsed when the Check screen first opens ([`CheckState::ensure_loaded`],
    /// which `update` calls) rather than before the first frame.
    pub fn deferred() -> CheckState {
        CheckState {
            deferred: true,
            ..CheckState::new(Arc::new(Suite::empty()))
        }
    }

    /// Parse the built-in suite now if it was deferred (its rows follow it; the rest stays).
    pub fn ensure_loaded(&mut self) {
        if self.deferred {
            self.suite = Suite::builtin_shared();
            self.rows = vec![CaseState::Pending; self.suite.cases.len()];
            self.deferred = false;
        }
    }

    pub fn result(&self, i: usize) -> Option<&CaseResult> {
        match self.rows.get(i) {
            Some(CaseState::Done(r)) => Some(r),
            _ => None,
        }
    }

    fn results(&self) -> impl Iterator<Item = &CaseResult> {
        self.rows.iter().filter_map(|r| match r {
            CaseState::Done(r) => Some(r.as_ref()),
            _ => None,
        })
    }

    /// The case a token is asked for, with `k of n` among the cases that need one.
    pub fn asking_case(&self) -> Option<(&crate::check::Case, usize, usize)> {
        self.asking.as_ref()?;
        let i = self.rows.iter().position(|r| *r == CaseState::Running)?;
        let needing: Vec<usize> = (0..self.suite.cases.len())
            .filter(|&j| needs_token(&self.suite.cases[j]))
            .collect();
        let k = needing.iter().filter(|&&j| j <= i).count().max(1);
        Some((&self.suite.cases[i], k, needing.len().max(k)))
    }

    fn count(&self, word: &str) -> usize {
        self.results().filter(|r| r.verdict.word() == word).count()
    }

    /// `12/17 done · 11 passed · 1 failed · 0 skipped`.
    pub fn summary(&self) -> String {
        self.summary_in(Lang::En)
    }

    /// [`CheckState::summary`] in `lang`.
    pub fn summary_in(&self, lang: Lang) -> String {
        t!(
            lang,
            "tui-check-summary",
            done = self.results().count(),
            total = self.rows.len(),
            passed = self.count("PASS"),
            failed = self.count("FAIL"),
            skipped = self.count("SKIP"),
        )
    }
}

/// The case needs a pass token: its own send, or a delivered code or login behind it.
pub fn needs_token(case: &crate::check::Case) -> bool {
    case.pass_token || case.deliver.is_some() || case.login
}

/// The mobile number as the screen shows it (masked with `x`, like every pane).
fn shown_mobile(app: &App, m: &str) -> String {
    if app.redact {
        crate::api::redact::mobile(m)
    } else {
        m.to_string()
    }
}

/// `case NAME (k of n) needs a pass token for MOBILE`.
fn asking_text(app: &App) -> Option<String> {
    let sender = &app.check.asking.as_ref()?.sender;
    let who = shown_mobile(app, sender);
    let lang = app.ui_lang;
    Some(match app.check.asking_case() {
        Some((case, k, n)) => t!(
            lang,
            "tui-check-asking-case",
            name = case.name.as_str(),
            k = k,
            n = n,
            who = who,
        ),
        None => t!(lang, "tui-check-asking-any", who = who),
    })
}

/// Where the check's pass tokens come from in the TUI: the simulator's reveal
/// when the target has it, otherwise the person solves the slider puzzle.
pub fn token_source(tx: UnboundedSender<Msg>, run: u64, lang: Lang) -> Arc<dyn TokenSource> {
    Arc::new(AskThePerson {
        reveal: SimulatorReveal::default(),
        no_reveal: AtomicBool::new(false),
        tx,
        run,
        lang,
    })
}

/// Tries the reveal first; once the target turns out not to have it, every
/// token is asked of the person (the puzzle screen opens for it).
struct AskThePerson {
    reveal: SimulatorReveal,
    no_reveal: AtomicBool,
    tx: UnboundedSender<Msg>,
    run: u64,
    /// The UI language (the skip reason the hint ends is in it).
    lang: Lang,
}

impl TokenSource for AskThePerson {
    fn pass_token<'a>(
        &'a self,
        http: &'a Http,
        base: &'a str,
        headers: &'a [HeaderSetting],
        sender: &'a str,
    ) -> BoxFuture<'a, Result<String, TokenError>> {
        Box::pin(async move {
            if !self.no_reveal.load(Ordering::Relaxed) {
                match self.reveal.pass_token(http, base, headers, sender).await {
                    Err(TokenError::NoReveal(_)) => self.no_reveal.store(true, Ordering::Relaxed),
                    other => return other,
                }
            }
            let (reply, answer) = tokio::sync::oneshot::channel();
            let ask = TokenRequest {
                run: self.run,
                sender: sender.to_string(),
                reply,
            };
            if self.tx.send(Msg::Check(CheckMsg::NeedToken(ask))).is_err() {
                return Err(TokenError::NoReveal("the screen is gone".into()));
            }
            answer
                .await
                .unwrap_or_else(|_| Err(TokenError::NoReveal("no puzzle was solved".into())))
        })
    }

    // Read on the Check screen itself: its own keys, not "F4".
    fn hint(&self) -> String {
        t!(
            self.lang,
            "tui-check-token-hint",
            again = own_key(Action::RunAgain),
            solve = own_key(Action::SolvePuzzle)
        )
    }
}

/// The Check screen's own key for `action` (`r`), for text read on that screen.
fn own_key(action: Action) -> String {
    KEYS.iter()
        .find(|b| b.action == action)
        .and_then(|b| b.keys.first())
        .map(|k| k.label())
        .unwrap_or_default()
}

/// Open the puzzle for the waiting case (when the Check screen is in front).
fn ask_person(app: &mut App) -> Vec<Cmd> {
    let Some(sender) = app.check.asking.as_ref().map(|a| a.sender.clone()) else {
        return vec![];
    };
    let text = asking_text(app).unwrap_or_default();
    app.puzzle.for_check = Some(sender);
    let cmds = super::puzzle::open(app);
    app.notice = Some(crate::tui::app::Notice {
        text: t!(app.ui_lang, "tui-check-ask-person", text = text),
        error: false,
    });
    cmds
}

/// Give the waiting case its token (or the reason there is none).
pub fn answer_token(app: &mut App, token: Result<String, TokenError>) {
    if let Some(ask) = app.check.asking.take() {
        let _ = ask.reply.send(token);
    }
}

/// F4: show the screen; the first time, start the run.
pub fn open(app: &mut App) -> Vec<Cmd> {
    app.check.ensure_loaded();
    app.probe.ensure_loaded();
    if !matches!(
        app.screen,
        Screen::Headers | Screen::History | Screen::Sending | Screen::Check | Screen::Puzzle
    ) {
        app.back_to = app.screen;
    }
    app.screen = Screen::Check;
    if app.check.asking.is_some() {
        // the table first, with the question in it: p opens the puzzle
        say_asking(app);
        return vec![];
    }
    let never_ran = app.check.last_run == 0;
    if never_ran { start(app) } else { vec![] }
}

/// The notice while a case waits for a token.
fn say_asking(app: &mut App) {
    if let Some(text) = asking_text(app) {
        app.notice = Some(crate::tui::app::Notice {
            text: t!(app.ui_lang, "tui-check-say-asking", text = text),
            error: false,
        });
    }
}

/// Stop the run in progress and start a new one.
fn restart(app: &mut App) -> Vec<Cmd> {
    let mut cmds = Vec::new();
    if let Some(run) = app.check.running.take() {
        cmds.push(Cmd::StopCheck { run });
    }
    // a case waiting for a token gets none; the old run's late messages are ignored
    answer_token(
        app,
        Err(TokenError::NoReveal("the run was restarted".into())),
    );
    app.puzzle.for_check = None;
    cmds.extend(start(app));
    app.notice = Some(crate::tui::app::Notice {
        text: t!(app.ui_lang, "tui-check-restarted"),
        error: false,
    });
    cmds
}

/// Start a run of every case (nothing when one is running).
pub fn start(app: &mut App) -> Vec<Cmd> {
    let c = &mut app.check;
    if c.running.is_some() {
        return vec![];
    }
    c.ran_with = Some(app.headers.clone());
    c.last_run += 1;
    c.running = Some(c.last_run);
    c.stopped = false;
    c.open = None;
    c.follow = true;
    c.rows = vec![CaseState::Pending; c.suite.cases.len()];
    vec![Cmd::RunCheck { run: c.last_run }]
}

pub fn on_msg(app: &mut App, m: CheckMsg) -> Vec<Cmd> {
    if let CheckMsg::NeedToken(ask) = m {
        if app.check.running != Some(ask.run) {
            return vec![]; // an older run: dropping the request ends its wait
        }
        app.check.asking = Some(ask);
        if app.screen == Screen::Check {
            say_asking(app);
            return vec![];
        }
        app.notice = Some(crate::tui::app::Notice {
            text: t!(app.ui_lang, "tui-check-needs-captcha"),
            error: false,
        });
        return vec![];
    }
    let c = &mut app.check;
    match m {
        CheckMsg::Started { run, index } if c.running == Some(run) => {
            if let Some(r) = c.rows.get_mut(index) {
                *r = CaseState::Running;
                if c.follow && c.open.is_none() {
                    c.sel = index;
                }
            }
        }
        CheckMsg::Done { run, index, result } if c.running == Some(run) => {
            if let Some(r) = c.rows.get_mut(index) {
                *r = CaseState::Done(result);
            }
        }
        CheckMsg::Finished { run, stopped } if c.running == Some(run) => {
            if std::mem::take(&mut c.follow) && c.open.is_none() {
                // The run is over: the first failure (or the top) is what to look at.
                c.sel = c
                    .rows
                    .iter()
                    .position(|r| matches!(r, CaseState::Done(x) if x.verdict.word() == "FAIL"))
                    .unwrap_or(0);
            }
            c.running = None;
            c.stopped = stopped;
            c.asking = None;
            c.confirm_restart = false;
            if app.puzzle.for_check.take().is_some() && app.screen == Screen::Puzzle {
                app.screen = Screen::Check;
            }
            let c = &mut app.check;
            for r in &mut c.rows {
                if *r == CaseState::Running {
                    *r = CaseState::Pending;
                }
            }
        }
        _ => {} // a message of an older run
    }
    vec![]
}

fn running(app: &App) -> bool {
    app.check.running.is_some()
}

fn asking(app: &App) -> bool {
    app.check.asking.is_some()
}

pub const KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Up), ch('k')],
        Action::Up,
        "↑↓",
        "tui-keys-move",
    ),
    key(&[plain(KeyCode::Down), ch('j')], Action::Down, "↑↓", "").grouped(),
    key(
        &[plain(KeyCode::Enter)],
        Action::Accept,
        "Enter",
        "tui-keys-open-case",
    ),
    key(&[ch('s')], Action::Stop, "s", "tui-keys-stop").shown_when(running),
    key(
        &[ch('p')],
        Action::SolvePuzzle,
        "p",
        "tui-keys-solve-puzzle",
    )
    .shown_when(asking),
    key(&[ch('r')], Action::RunAgain, "r", "tui-keys-run-again").shown_when(|a| !running(a)),
    key(
        &[plain(KeyCode::Tab)],
        Action::SwitchSuite,
        "Tab",
        "tui-keys-probes",
    ),
    key(
        &[ch('r')],
        Action::RunAgain,
        "r",
        "tui-keys-while-running-restart-asks-first",
    )
    .help_only(),
    key(&[ch('x')], Action::ToggleMask, "x", "tui-keys-mask"),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "tui-keys-back"),
    key(&[ch('q')], Action::Quit, "q", "tui-keys-quit"),
    key(
        &[plain(KeyCode::Home)],
        Action::Top,
        "Home/End",
        "tui-keys-first-last",
    )
    .help_only(),
    key(&[plain(KeyCode::End)], Action::Bottom, "Home/End", "").grouped(),
    key(
        &[plain(KeyCode::PageUp)],
        Action::PageUp,
        "PgUp/PgDn",
        "tui-keys-10-rows",
    )
    .help_only(),
    key(
        &[plain(KeyCode::PageDown)],
        Action::PageDown,
        "PgUp/PgDn",
        "",
    )
    .grouped(),
];

/// One case open in the three panes.
pub const CASE_KEYS: &[Binding] = &[
    panes::NEXT_PANE,
    panes::PICK_PANE,
    panes::SCROLL_DOWN,
    panes::SCROLL_UP,
    panes::PAGE_DOWN,
    panes::PAGE_UP,
    key(
        &[ch('n')],
        Action::NextCase,
        "n/p",
        "tui-keys-next-previous-case",
    ),
    key(&[ch('p')], Action::PrevCase, "n/p", "").grouped(),
    key(&[ch('x')], Action::ToggleMask, "x", "tui-keys-mask"),
    key(
        &[plain(KeyCode::Esc), plain(KeyCode::Enter)],
        Action::Back,
        "Esc",
        "tui-keys-results",
    ),
    key(&[ch('q')], Action::Quit, "q", "tui-keys-quit"),
    panes::PREV_PANE,
    panes::TOP,
    panes::BOTTOM,
];

pub(crate) fn on_action(app: &mut App, action: Action, k: KeyEvent) -> Vec<Cmd> {
    if app.check.open.is_some() {
        return on_case_action(app, action, k);
    }
    let n = app.check.rows.len();
    if std::mem::take(&mut app.check.confirm_restart) {
        if action == Action::RunAgain && running(app) {
            return restart(app);
        }
        app.notice = Some(crate::tui::app::Notice {
            text: t!(app.ui_lang, "tui-check-run-goes-on"),
            error: false,
        });
    }
    let c = &mut app.check;
    if matches!(
        action,
        Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageDown
            | Action::PageUp
    ) {
        c.follow = false;
    }
    match action {
        Action::Up => c.sel = c.sel.saturating_sub(1),
        Action::Down => c.sel = (c.sel + 1).min(n.saturating_sub(1)),
        Action::Top => c.sel = 0,
        Action::Bottom => c.sel = n.saturating_sub(1),
        Action::PageDown => c.sel = (c.sel + 10).min(n.saturating_sub(1)),
        Action::PageUp => c.sel = c.sel.saturating_sub(10),
        Action::Accept => open_row(app, app.check.sel),
        Action::RunAgain if running(app) => {
            app.check.confirm_restart = true;
            app.notice = Some(crate::tui::app::Notice {
                text: t!(
                    app.ui_lang,
                    "tui-check-confirm-restart",
                    summary = app.check.summary_in(app.ui_lang),
                ),
                error: false,
            });
        }
        Action::RunAgain => return start(app),
        Action::SolvePuzzle if asking(app) => return ask_person(app),
        Action::Stop => {
            if let Some(run) = app.check.running {
                return vec![Cmd::StopCheck { run }];
            }
        }
        Action::ToggleMask => app.redact = !app.redact,
        Action::Back => back(app),
        Action::SwitchSuite => return super::probe::show(app),
        _ => {}
    }
    vec![]
}

pub(crate) fn back(app: &mut App) {
    app.screen = match app.back_to {
        Screen::Check | Screen::Sending => Screen::Wizard(crate::tui::app::Step::Token),
        Screen::Result if app.current.is_none() => Screen::Wizard(crate::tui::app::Step::Review),
        s => s,
    };
}

fn open_row(app: &mut App, i: usize) {
    if i < app.check.rows.len() {
        app.check.sel = i;
        app.check.open = Some(i);
        app.check.panes.reset(2);
    }
}

fn on_case_action(app: &mut App, action: Action, k: KeyEvent) -> Vec<Cmd> {
    let page = app.size.1.saturating_sub(10).max(1) as i32;
    let n = app.check.rows.len();
    let sel = app.check.sel;
    let c = &mut app.check;
    if c.panes.on_action(action, k, page) {
        return vec![];
    }
    match action {
        // the next and previous case without going back to the table
        Action::NextCase => open_row(app, (sel + 1).min(n.saturating_sub(1))),
        Action::PrevCase => open_row(app, sel.saturating_sub(1)),
        Action::ToggleMask => app.redact = !app.redact,
        Action::Back => c.open = None,
        _ => {}
    }
    vec![]
}

pub fn on_mouse(app: &mut App, m: MouseEvent) -> Vec<Cmd> {
    if app.check.open.is_some() && app.check.panes.on_mouse(m) {
        return vec![];
    }
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let hit = layout::hit(app, area, m.column, m.row);
    match (m.kind, hit) {
        (MouseEventKind::Down(MouseButton::Left), Some(layout::Hit::Row(i))) => {
            if app.check.sel == i {
                open_row(app, i);
            } else if i < app.check.rows.len() {
                app.check.sel = i;
                app.check.follow = false;
            }
        }
        (MouseEventKind::ScrollDown, Some(layout::Hit::Row(_))) => {
            return on_action(app, Action::Down, KeyEvent::from(KeyCode::Down));
        }
        (MouseEventKind::ScrollUp, Some(layout::Hit::Row(_))) => {
            return on_action(app, Action::Up, KeyEvent::from(KeyCode::Up));
        }
        _ => {}
    }
    vec![]
}

// ---- layout -------------------------------------------------------------------------

/// Rows `lines` take wrapped at `width`, between `min` and `max`.
fn wrapped_height(lines: Vec<Line<'static>>, width: u16, min: u16, max: u16) -> u16 {
    let n = crate::tui::wrap::wrapped_height(&Text::from(lines), width);
    (n.min(u16::MAX as usize) as u16).clamp(min, max.max(min))
}

/// The results table and the box about the selected case under it (tall
/// enough for its wrapped text, up to half the body).
pub fn table_areas(app: &App, body: Rect) -> (Rect, Rect) {
    let text = about(app, app.check.sel);
    table_and_box(body, text)
}

/// A table and, under it, a bordered box tall enough for `text` wrapped
/// (at least 3 or 5 rows, at most half the body): shared with the probes' table.
pub fn table_and_box(body: Rect, text: Vec<Line<'static>>) -> (Rect, Rect) {
    let min = if body.height >= 16 { 5 } else { 3 };
    let about = wrapped_height(text, body.width.saturating_sub(2), min - 2, body.height / 2) + 2;
    let [table, info] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(about)]).areas(body);
    (table, info)
}

/// The case's header lines (wrapped, never cut) and the three panes under them.
pub fn detail_areas(app: &App, body: Rect) -> (Rect, layout::ResultAreas) {
    let head_h = app.check.open.map_or(2, |i| {
        wrapped_height(head_lines(app, i), body.width, 2, body.height / 3)
    });
    let [head, panes] =
        Layout::vertical([Constraint::Length(head_h), Constraint::Min(3)]).areas(body);
    (head, layout::result(panes))
}

fn inside(r: Rect, x: u16, y: u16) -> bool {
    x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
}

/// What is at (x, y) in the body of the Check screen.
pub fn hit(app: &App, body: Rect, x: u16, y: u16) -> Option<layout::Hit> {
    let c = &app.check;
    if c.open.is_none() {
        let (_, body) = edits_split(app, body);
        let (table, _) = table_areas(app, body);
        // bordered, with a header row: data starts two rows down
        let first = table.y + 2;
        if !inside(table, x, y) || y < first || y + 1 >= table.y + table.height {
            return None;
        }
        let offset = layout::list_offset(c.sel, c.rows.len(), table.height);
        return Some(layout::Hit::Row(offset + (y - first) as usize));
    }
    let (_, r) = detail_areas(app, body);
    if let Some(tabs) = r.tabs {
        if inside(tabs, x, y) {
            return layout::tab_spans(tabs, app.ui_lang)
                .iter()
                .position(|(a, b)| x >= *a && x < *b)
                .map(layout::Hit::Tab);
        }
        return inside(r.panes[0], x, y).then_some(layout::Hit::Pane(c.panes.focus));
    }
    r.panes
        .iter()
        .position(|p| inside(*p, x, y))
        .map(layout::Hit::Pane)
}

// ---- view ---------------------------------------------------------------------------

fn verdict_style(v: &Verdict) -> Style {
    match v {
        Verdict::Pass => theme::OK,
        Verdict::Fail { .. } => theme::ERROR,
        Verdict::Skip { .. } => theme::WARN,
    }
}

/// The verdict's word in `lang` (`PASS`, `FAIL`, `SKIP` in English).
pub fn verdict_word(lang: Lang, v: &Verdict) -> String {
    match v {
        Verdict::Pass => t!(lang, "tui-check-pass"),
        Verdict::Fail { .. } => t!(lang, "tui-check-fail"),
        Verdict::Skip { .. } => t!(lang, "tui-check-skip"),
    }
}

/// What a case expects, in `lang` (codes and statuses are the same in both).
fn expected_label(lang: Lang, e: &Expected) -> String {
    match e {
        Expected::Error {
            status: None,
            error_code: None,
        } => t!(lang, "tui-check-any-error"),
        e => e.label(),
    }
}

/// Why a case failed or was skipped. The usual "expected X, got Y" is said again from the
/// result's fields in `lang`; the runner's other reasons (setup, skips) are its own
/// English text, shared with `vflow check`.
fn reason_text(lang: Lang, r: &CaseResult) -> String {
    let reason = r.verdict.reason().unwrap_or_default();
    match (&r.verdict, &r.got) {
        (Verdict::Fail { .. }, Some(got))
            if reason == format!("expected {}, got {got}", r.expected.label()) =>
        {
            t!(
                lang,
                "tui-check-mismatch",
                expected = expected_label(lang, &r.expected),
                got = got,
            )
        }
        _ => reason.to_string(),
    }
}

/// How [`Suite::builtin`] names its source.
const BUILTIN_SOURCE: &str = "built-in suite (assets/check-suite.toml)";

/// Where a suite came from, in `lang` (a file of the person's own stays its path).
fn source_label(lang: Lang, source: &str) -> String {
    if source == BUILTIN_SOURCE {
        t!(lang, "tui-check-builtin-suite")
    } else {
        source.to_string()
    }
}

/// `s` padded with spaces to `w` terminal columns (a CJK character takes two).
pub(crate) fn pad(s: &str, w: usize) -> String {
    let n = Span::raw(s).width();
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

/// `s` right-aligned in `w` terminal columns.
pub(crate) fn pad_left(s: &str, w: usize) -> String {
    let n = Span::raw(s).width();
    format!("{}{s}", " ".repeat(w.saturating_sub(n)))
}

fn ms(r: &CaseResult) -> String {
    if r.got.is_none() {
        return String::new();
    }
    crate::check::ms(r.time)
}

pub fn view(app: &App, f: &mut Frame, body: Rect) {
    match app.check.open {
        Some(i) => detail(app, f, body, i),
        None => {
            let (notice, rest) = edits_split(app, body);
            if let Some(area) = notice {
                let text = Text::from(edits_lines(app));
                f.render_widget(Paragraph::new(wrap_text(&text, area.width)), area);
            }
            table(app, f, rest)
        }
    }
}

// ---- headers edited in F2 ----------------------------------------------------------

/// How one header the check sends differs from the profile's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderChange {
    /// In the list but switched off: not sent.
    Omitted(String),
    /// Sent with no value where the profile has one.
    Blank(String),
    /// Sent with another value.
    Changed(String),
    /// Sent, and the profile does not send it.
    Added(String),
    /// Deleted from the list: not sent.
    Removed(String),
}

impl HeaderChange {
    pub fn name(&self) -> &str {
        match self {
            HeaderChange::Omitted(n)
            | HeaderChange::Blank(n)
            | HeaderChange::Changed(n)
            | HeaderChange::Added(n)
            | HeaderChange::Removed(n) => n,
        }
    }

    /// The header is not sent (or sent empty) where the profile sends a value.
    fn missing(&self) -> bool {
        matches!(
            self,
            HeaderChange::Omitted(_) | HeaderChange::Blank(_) | HeaderChange::Removed(_)
        )
    }

    fn text(&self, lang: Lang) -> String {
        let name = self.name();
        match self {
            HeaderChange::Omitted(_) => t!(lang, "tui-check-header-omitted", name = name),
            HeaderChange::Blank(_) => t!(lang, "tui-check-header-blank", name = name),
            HeaderChange::Changed(_) => t!(lang, "tui-check-header-changed", name = name),
            HeaderChange::Added(_) => t!(lang, "tui-check-header-added", name = name),
            HeaderChange::Removed(_) => t!(lang, "tui-check-header-removed", name = name),
        }
    }
}

/// How the headers `now` (F2's) differ from the profile's `base`, in the profile's order
/// (then the added ones); header names compare without case.
pub fn header_changes(base: &[HeaderSetting], now: &[HeaderSetting]) -> Vec<HeaderChange> {
    let find = |hs: &[HeaderSetting], name: &str| {
        hs.iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .cloned()
    };
    let mut out = Vec::new();
    for b in base {
        let name = b.name.clone();
        match find(now, &b.name) {
            None if b.enabled => out.push(HeaderChange::Removed(name)),
            None => {}
            Some(n) if b.enabled && !n.enabled => out.push(HeaderChange::Omitted(name)),
            Some(n) if !b.enabled && n.enabled => out.push(HeaderChange::Added(name)),
            Some(n) if !n.enabled || n.value == b.value => {}
            Some(n) if n.value.trim().is_empty() => out.push(HeaderChange::Blank(name)),
            Some(_) => out.push(HeaderChange::Changed(name)),
        }
    }
    for n in now.iter().filter(|n| n.enabled) {
        if find(base, &n.name).is_none() {
            out.push(HeaderChange::Added(n.name.clone()));
        }
    }
    out
}

/// The changes as one phrase: `X-agent omitted, X-L changed`.
fn changes_text(changes: &[HeaderChange], lang: Lang) -> String {
    let sep = if lang == Lang::Zh { "，" } else { ", " };
    changes
        .iter()
        .map(|c| c.text(lang))
        .collect::<Vec<_>>()
        .join(sep)
}

/// The headers the table's results were sent with (the last run's; before any run,
/// the ones the next run will send) against the profile's.
fn table_changes(app: &App) -> Vec<HeaderChange> {
    let now = app.check.ran_with.as_deref().unwrap_or(&app.headers);
    header_changes(&app.base_headers, now)
}

/// The line over the table when the check sends other headers than the profile's.
fn edits_lines(app: &App) -> Vec<Line<'static>> {
    let changes = table_changes(app);
    if changes.is_empty() {
        return vec![];
    }
    let lang = app.ui_lang;
    vec![
        Line::from(t!(
            lang,
            "tui-check-edited-headers",
            changes = changes_text(&changes, lang),
            key = crate::tui::keymap::key_label_in(Action::OpenHeaders, lang),
        ))
        .themed(theme::WARN),
    ]
}

/// The notice's rows (none when the headers are the profile's) and the rest of the body.
fn edits_split(app: &App, body: Rect) -> (Option<Rect>, Rect) {
    let lines = edits_lines(app);
    if lines.is_empty() {
        return (None, body);
    }
    let h = wrapped_height(lines, body.width, 1, 3).min(body.height.saturating_sub(8));
    if h == 0 {
        return (None, body);
    }
    let [notice, rest] = Layout::vertical([Constraint::Length(h), Constraint::Min(0)]).areas(body);
    (Some(notice), rest)
}

/// The F2 edits that explain a failing case's answer: a device header not sent for
/// PARAM.0001, X-client-id not sent for PARAM.0002 or changed for PARAM.0003.
fn edits_behind(app: &App, r: &CaseResult) -> Vec<HeaderChange> {
    use crate::api::catalogue::codes;
    use crate::api::headers as h;
    if !matches!(r.verdict, Verdict::Fail { .. }) {
        return vec![];
    }
    let said = format!(
        "{} {}",
        r.got.as_deref().unwrap_or_default(),
        r.verdict.reason().unwrap_or_default()
    );
    let Some(ran_with) = app.check.ran_with.as_deref() else {
        return vec![];
    };
    header_changes(&app.base_headers, ran_with)
        .into_iter()
        .filter(|c| {
            let is = |n: &str| c.name().eq_ignore_ascii_case(n);
            (said.contains(codes::PARAM_0001)
                && c.missing()
                && h::REQUIRED_DEVICE.iter().any(|n| is(n)))
                || (said.contains(codes::PARAM_0002) && c.missing() && is(h::CLIENT_ID))
                || (said.contains(codes::PARAM_0003)
                    && matches!(c, HeaderChange::Changed(_))
                    && is(h::CLIENT_ID))
        })
        .collect()
}

fn title(app: &App) -> String {
    let c = &app.check;
    let lang = app.ui_lang;
    let state = if c.running.is_some() {
        t!(lang, "tui-check-state-running")
    } else if c.stopped {
        t!(lang, "tui-check-state-stopped")
    } else if c.results().count() == c.rows.len() && !c.rows.is_empty() {
        t!(lang, "tui-check-state-done")
    } else {
        t!(lang, "tui-check-state-not-run")
    };
    let summary = c.summary_in(lang);
    format!(
        " {} ",
        t!(lang, "tui-check-title", state = state, summary = summary)
    )
}

fn table(app: &App, f: &mut Frame, body: Rect) {
    let c = &app.check;
    let lang = app.ui_lang;
    let (area, info) = table_areas(app, body);
    // the descriptions get a column when there is room for them
    let name_w = c
        .suite
        .cases
        .iter()
        .map(|x| Span::raw(x.name.as_str()).width())
        .max()
        .unwrap_or(4) as u16;
    let fixed = name_w + 16 + 16 + 7 + 7 + 5;
    let wide = area.width.saturating_sub(2) >= fixed + 24;
    let rows: Vec<TableRow> = c
        .suite
        .cases
        .iter()
        .zip(&c.rows)
        .map(|(case, state)| {
            let expected = crate::check::short(&expected_label(lang, &case.expect));
            let (got, verdict, time, style) = match state {
                CaseState::Done(r) => (
                    r.got
                        .as_deref()
                        .map(crate::check::short)
                        .unwrap_or_default(),
                    (verdict_word(lang, &r.verdict), verdict_style(&r.verdict)),
                    ms(r),
                    theme::PLAIN,
                ),
                CaseState::Running => (
                    "…".to_string(),
                    (t!(lang, "tui-check-running-cell"), theme::ACCENT),
                    String::new(),
                    theme::PLAIN,
                ),
                CaseState::Pending => (
                    String::new(),
                    ("·".to_string(), Style::default()),
                    String::new(),
                    theme::MUTED,
                ),
            };
            let mut cells = vec![
                (case.name.clone(), Style::default()),
                (expected, Style::default()),
                (got, Style::default()),
                verdict,
                (time, Style::default()),
            ];
            if wide {
                cells.push((case.description_in(app.ui_lang).to_string(), theme::MUTED));
            }
            TableRow { cells, style }
        })
        .collect();
    let mut widths = vec![
        if wide {
            Constraint::Length(name_w)
        } else {
            Constraint::Min(12)
        },
        Constraint::Length(16),
        Constraint::Length(16),
        Constraint::Length(7),
        Constraint::Length(9),
    ];
    let mut header = vec![
        t!(lang, "tui-check-col-case"),
        t!(lang, "tui-check-col-expected"),
        t!(lang, "tui-check-col-got"),
        t!(lang, "tui-check-col-verdict"),
        t!(lang, "tui-check-col-time"),
    ];
    if wide {
        widths.push(Constraint::Fill(1));
        header.push(t!(lang, "tui-check-col-what"));
    }
    draw_results(
        app,
        f,
        area,
        info,
        ResultsTable {
            title: title(app),
            source: source_label(lang, &c.suite.source),
            rows,
            widths,
            header,
            sel: c.sel,
            about: about(app, c.sel),
        },
    );
}

/// A results table (check cases or probes) with the box about the selected row under it.
pub(crate) struct ResultsTable {
    pub title: String,
    /// Where the suite came from (in the UI language), shown with the target under the table.
    pub source: String,
    pub rows: Vec<TableRow>,
    pub widths: Vec<Constraint>,
    pub header: Vec<String>,
    pub sel: usize,
    pub about: Vec<Line<'static>>,
}

/// One row of a results table: each cell's text and style, and the row's style.
pub(crate) struct TableRow {
    pub cells: Vec<(String, Style)>,
    pub style: Style,
}

/// `s` cut to `w` columns, ending with `…` when something was cut.
pub(crate) fn ellipsized(s: &str, w: usize) -> String {
    if crate::typeset::display_width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true) {
        let gw = crate::typeset::display_width(g);
        if used + gw + 1 > w {
            break;
        }
        out.push_str(g);
        used += gw;
    }
    if w > 0 {
        out.push('…');
    }
    out
}

/// The widths `Table` gives its columns in `area` (bordered, no highlight
/// symbol, one column of spacing, `Flex::Start`).
fn column_widths(widths: &[Constraint], area: Rect) -> Vec<usize> {
    let inner = Rect::new(0, 0, area.width.saturating_sub(2), 1);
    Layout::horizontal(widths.to_vec())
        .flex(ratatui::layout::Flex::Start)
        .spacing(1)
        .split(inner)
        .iter()
        .map(|r| usize::from(r.width))
        .collect()
}

/// Draw `t` into `area` (the table) and `info` (the box about its selected row).
/// A cell cut to its column ends with `…`; the box shows the selected row in full.
pub(crate) fn draw_results(app: &App, f: &mut Frame, area: Rect, info: Rect, t: ResultsTable) {
    let cols = column_widths(&t.widths, area);
    let rows: Vec<Row<'static>> = t
        .rows
        .into_iter()
        .map(|r| {
            let cells = r.cells.into_iter().enumerate().map(|(i, (text, style))| {
                let w = cols.get(i).copied().unwrap_or(0);
                Cell::from(ellipsized(&text, w)).style(style)
            });
            Row::new(cells.collect::<Vec<_>>()).style(r.style)
        })
        .collect();
    let block = Block::bordered()
        .title(t.title)
        .title_bottom(
            Line::from(format!(" {} → {} ", t.source, app.target.base_url))
                .alignment(Alignment::Right),
        )
        .border_style(theme::ACCENT);
    let len = rows.len();
    let table = Table::new(rows, t.widths)
        .header(Row::new(t.header).themed(theme::HEADING))
        .row_highlight_style(theme::SELECTED)
        .block(block);
    let mut st = TableState::default().with_selected(Some(t.sel));
    *st.offset_mut() = layout::list_offset(t.sel, len, area.height);
    f.render_stateful_widget(table, area, &mut st);
    let block = Block::bordered().border_style(theme::FRAME);
    let about = wrap_text(&Text::from(t.about), block.inner(info).width);
    f.render_widget(Paragraph::new(about).block(block), info);
}

/// The verdict line of a case that ran: `FAIL: why`, and `PASS: got X as expected` in the
/// box under the table (`in_about`) or `PASS: got X` over the open case's panes.
fn verdict_line(lang: Lang, r: &CaseResult, in_about: bool) -> String {
    let verdict = verdict_word(lang, &r.verdict);
    let got = r.got.clone().unwrap_or_default();
    match &r.verdict {
        Verdict::Pass if in_about => {
            t!(lang, "tui-check-about-pass", verdict = verdict, got = got)
        }
        Verdict::Pass => t!(lang, "tui-check-head-pass", verdict = verdict, got = got),
        Verdict::Fail { .. } | Verdict::Skip { .. } => t!(
            lang,
            "tui-check-about-reason",
            verdict = verdict,
            reason = reason_text(lang, r),
        ),
    }
}

/// The selected case in a few lines: what it checks and what came of it.
fn about(app: &App, i: usize) -> Vec<Line<'static>> {
    let c = &app.check;
    let lang = app.ui_lang;
    let Some(case) = c.suite.cases.get(i) else {
        return vec![];
    };
    let mut flags = Vec::new();
    if case.pass_token {
        flags.push(t!(lang, "tui-check-flag-pass-token"));
    }
    if case.simulator_only {
        flags.push(t!(lang, "tui-check-flag-simulator-only"));
    }
    let mut head = vec![Span::styled(case.name.clone(), theme::STRONG)];
    if !case.description.is_empty() {
        head.push(Span::raw(t!(
            lang,
            "tui-check-about-description",
            description = case.description_in(lang),
        )));
    }
    let flags = match flags.as_slice() {
        [] => None,
        [a] => Some(t!(lang, "tui-check-flags-one", a = a)),
        [a, b, ..] => Some(t!(lang, "tui-check-flags-two", a = a, b = b)),
    };
    if let Some(flags) = flags {
        // A full-width bracket needs no space before it (Chinese).
        let gap = if lang == Lang::Zh { "" } else { " " };
        head.push(Span::styled(format!("{gap}{flags}"), theme::MUTED));
    }
    let mut lines = vec![Line::from(head)];
    match c.rows.get(i) {
        Some(CaseState::Done(r)) => {
            lines.push(Line::styled(
                verdict_line(lang, r, true),
                verdict_style(&r.verdict),
            ));
            if !r.sends.is_empty() {
                lines.push(Line::from(t!(lang, "tui-check-enter-shows")).themed(theme::MUTED));
            }
        }
        Some(CaseState::Running) => {
            lines.push(Line::from(t!(lang, "tui-check-running")).themed(theme::ACCENT))
        }
        _ => lines.push(
            Line::from(t!(
                lang,
                "tui-check-expects",
                expected = expected_label(lang, &case.expect),
            ))
            .themed(theme::MUTED),
        ),
    }
    lines
}

/// The open case's name, verdict and description.
fn head_lines(app: &App, i: usize) -> Vec<Line<'static>> {
    let c = &app.check;
    let lang = app.ui_lang;
    let Some(case) = c.suite.cases.get(i) else {
        return vec![];
    };
    let verdict = c
        .result(i)
        .map(|r| Span::styled(verdict_line(lang, r, false), verdict_style(&r.verdict)));
    let mut first = vec![
        Span::styled(
            format!(
                "{} ",
                t!(lang, "tui-check-case-of", i = i + 1, n = c.rows.len())
            ),
            theme::MUTED,
        ),
        Span::styled(case.name.clone(), theme::STRONG),
        Span::raw("  "),
    ];
    first.extend(verdict);
    vec![
        Line::from(first),
        Line::from(case.description_in(app.ui_lang).to_string()).themed(theme::MUTED),
    ]
}

fn detail(app: &App, f: &mut Frame, body: Rect, i: usize) {
    let c = &app.check;
    let lang = app.ui_lang;
    let (head, areas) = detail_areas(app, body);
    if c.suite.cases.get(i).is_none() {
        return;
    }
    let text = Text::from(head_lines(app, i));
    f.render_widget(Paragraph::new(wrap_text(&text, head.width)), head);
    let status = c
        .result(i)
        .and_then(|r| r.got.clone())
        .unwrap_or_else(|| t!(lang, "tui-check-none"));
    let titles = [
        format!(" {} ", t!(lang, "tui-check-pane-request")),
        format!(" {} ", t!(lang, "tui-check-pane-response", status = status)),
        format!(" {} ", t!(lang, "tui-check-pane-check")),
    ];
    let summary = match c.result(i) {
        Some(r) => match r.checked() {
            Some(s) => {
                let red = app.redact.then(|| record_of(r, s).redactor());
                crate::tui::record::summary_line_in(&s.exchange, red.as_ref(), lang)
            }
            None => Line::from(t!(
                lang,
                "tui-check-no-request-checked",
                verdict = verdict_word(lang, &r.verdict),
            ))
            .themed(theme::MUTED),
        },
        None => Line::from(t!(lang, "tui-check-not-run-yet")).themed(theme::MUTED),
    };
    c.panes
        .draw(f, &areas, lang, summary, titles, |p| pane_text(app, p));
}

fn record_of(r: &CaseResult, s: &Sent) -> Record {
    Record::new(
        0,
        s.spec.clone(),
        s.exchange.clone(),
        r.token_sender.clone(),
    )
}

/// The lines of pane `i` for the open case: every request it sent (setup first).
pub fn pane_lines(app: &App, i: usize) -> Vec<Line<'static>> {
    let c = &app.check;
    let lang = app.ui_lang;
    let Some(idx) = c.open else {
        return vec![];
    };
    let Some(r) = c.result(idx) else {
        return vec![Line::from(t!(lang, "tui-check-not-run-yet")).themed(theme::MUTED)];
    };
    let mut out = Vec::new();
    if i == 2 {
        check_lines(app, r, &mut out);
        // the explanation of what it got (computed by the runner)
        if let Some(e) = &r.explanation {
            crate::tui::explain_view::render(e, lang, &mut out);
        }
        if app.redact {
            let mut red = crate::client::report::Redactor::new();
            for s in &r.sends {
                red.learn(&s.exchange);
            }
            if let Some(sender) = &r.token_sender {
                red.add_mobile(sender);
            }
            for line in &mut out {
                for span in &mut line.spans {
                    span.content = red.apply(&span.content).into();
                }
            }
        }
        return out;
    }
    if r.sends.is_empty() {
        out.push(Line::from(t!(lang, "tui-check-nothing-sent")).themed(theme::MUTED));
        return out;
    }
    let many = r.sends.len() > 1;
    for (n, s) in r.sends.iter().enumerate() {
        if many {
            if n > 0 {
                out.push(Line::from(""));
            }
            let label = if s.role == "check" {
                t!(lang, "tui-check-checked-send")
            } else {
                t!(lang, "tui-check-setup-send", n = n + 1)
            };
            out.push(Line::from(format!("── {label} ──")).themed(theme::REMOTE));
        }
        let rec = record_of(r, s);
        out.extend(record::pane_lines(
            &rec,
            i,
            app.redact,
            &app.explain_base,
            lang,
            false,
        ));
    }
    out
}

/// Width of the labels before the values in the check pane (`expected  `).
const LABEL_COLS: usize = 10;

fn check_lines(app: &App, r: &CaseResult, out: &mut Vec<Line<'static>>) {
    let lang = app.ui_lang;
    let label = |s: String| Span::raw(pad(&s, LABEL_COLS)).themed(theme::MUTED);
    out.push(Line::from(vec![
        label(t!(lang, "tui-check-label-expected")),
        Span::raw(expected_label(lang, &r.expected)),
    ]));
    out.push(Line::from(vec![
        label(t!(lang, "tui-check-label-got")),
        Span::raw(r.got.clone().unwrap_or_else(|| "-".into())),
    ]));
    out.push(Line::from(vec![
        label(t!(lang, "tui-check-label-verdict")),
        Span::styled(verdict_word(lang, &r.verdict), verdict_style(&r.verdict)),
    ]));
    // "expected X, got Y" is said by the lines above; anything else (setup, skip) is not
    if let Some(reason) = r.verdict.reason().filter(|x| !x.starts_with("expected ")) {
        out.push(Line::from(reason.to_string()).style(verdict_style(&r.verdict)));
    }
    let behind = edits_behind(app, r);
    if !behind.is_empty() {
        out.push(
            Line::from(t!(
                lang,
                "tui-check-failed-by-edit",
                changes = changes_text(&behind, lang),
                key = crate::tui::keymap::key_label_in(Action::OpenHeaders, lang),
                again = own_key(Action::RunAgain),
            ))
            .themed(theme::WARN),
        );
    }
    if r.sends.len() > 1 {
        out.push(
            Line::from(t!(lang, "tui-check-sends-setup", n = r.sends.len())).themed(theme::MUTED),
        );
    }
    if r.checked().is_none() && r.explanation.is_none() && !r.sends.is_empty() {
        // the preparation went well as far as it was sent, then stopped (the reason is
        // above): no answer of the case's own to show
        out.push(Line::from(""));
        out.push(Line::from(t!(lang, "tui-check-stopped-in-preparation")).themed(theme::MUTED));
        return;
    }
    if r.sends.is_empty() && r.explanation.is_none() {
        // nothing went out (a skip, or a setup that stopped first): no answer to show
        let why = match &r.verdict {
            Verdict::Skip { .. } => t!(lang, "tui-check-skipped-nothing-sent"),
            _ => t!(lang, "tui-check-nothing-to-explain"),
        };
        out.push(Line::from(""));
        out.push(Line::from(why).themed(theme::MUTED));
        return;
    }
    out.push(Line::from(""));
    out.push(
        Line::from(t!(lang, "tui-check-what-it-got"))
            .themed(theme::STRONG)
            .themed(theme::UNDERLINE),
    );
}

fn pane_text(app: &App, i: usize) -> Text<'static> {
    Text::from(pane_lines(app, i))
}

/// How far pane `i` of the open case can scroll at the current size.
pub fn max_scroll(app: &App, i: usize) -> u16 {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let (_, r) = detail_areas(app, layout::frame(area).body);
    crate::tui::view::text_max_scroll(&pane_text(app, i), r.panes[i])
}

/// The message the runtime's task sends for a progress event.
pub fn progress_msg(run: u64, p: crate::check::Progress<'_>) -> Msg {
    Msg::Check(match p {
        crate::check::Progress::Started { index, .. } => CheckMsg::Started { run, index },
        crate::check::Progress::Finished { index, result } => CheckMsg::Done {
            run,
            index,
            result: Box::new(result.clone()),
        },
    })
}

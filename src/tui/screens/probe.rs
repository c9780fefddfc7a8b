//! The probes on the Check screen (F4, Tab switches from the conformance suite): the
//! bounded attacks of `vflow probe` with live progress, a table (probe, verdict, SMS,
//! requests, time) and a probe's evidence on Enter: what it saw, what a finding means (in
//! the language of the UI, the other under it) and each exchange in the three panes.
//!
//! Cost and consent as on the command line ([`crate::check::probe_plan`]): before a run the
//! plan (requests, SMS, parallelism per probe and the SMS budget) is shown and must be
//! confirmed; against a target that is not on this machine nothing is sent unless vflow was
//! started with `--authorized`. The budget is `--max-sms` (3 unless given, none against a
//! vflow simulator).

use super::check::TableRow;
use crate::api::Lang;
use crate::check::probe::{ProbeResult, ProbeSuite, ProbeVerdict, Severity};
use crate::check::probe_plan::{self, Consent};
use crate::t;
use crate::tui::app::{App, Cmd, Msg, Screen};
use crate::tui::keymap::{Action, Binding, ch, key, plain};
use crate::tui::layout;
use crate::tui::panes;
use crate::tui::record::{self, Record};
use crate::tui::theme::{self, Themed};
use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Paragraph;
use std::sync::Arc;

/// One row of the probe table.
#[derive(Clone, Debug, PartialEq)]
pub enum ProbeRow {
    Pending,
    Running,
    Done(Box<ProbeResult>),
}

/// What the runtime's probe task reports.
#[derive(Debug)]
pub enum ProbeMsg {
    /// The run knows where it is: a vflow simulator or not, and so its SMS budget.
    Began {
        run: u64,
        simulator: bool,
        max_sms: Option<u32>,
    },
    Started {
        run: u64,
        index: usize,
    },
    Done {
        run: u64,
        index: usize,
        result: Box<ProbeResult>,
    },
    /// The run ended (`stopped`: by the person).
    Finished {
        run: u64,
        stopped: bool,
    },
}

/// The question before a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    /// The plan is shown; y starts.
    Confirm,
    /// The plan is shown with why nothing may be sent (in the UI language).
    Refused(String),
}

pub struct ProbeState {
    /// The Check screen shows the probes (not the conformance suite).
    pub shown: bool,
    pub suite: Arc<ProbeSuite>,
    pub rows: Vec<ProbeRow>,
    pub running: Option<u64>,
    pub last_run: u64,
    pub sel: usize,
    /// The probe whose evidence is shown.
    pub open: Option<usize>,
    /// The exchange of the open probe in the request and response panes.
    pub exchange: usize,
    pub panes: crate::tui::panes::PaneSet,
    pub stopped: bool,
    pub ask: Option<Ask>,
    /// vflow was started with `--authorized` (the person may test a tenant elsewhere).
    pub authorized: bool,
    /// `--max-sms` as given.
    pub max_sms: Option<u32>,
    /// What the running (or last) run found out: the target is a vflow simulator, and
    /// the budget that follows.
    pub began: Option<(bool, Option<u32>)>,
    /// The built-in probes are not parsed yet (see [`ProbeState::deferred`]).
    pub deferred: bool,
}

impl Default for ProbeState {
    fn default() -> Self {
        ProbeState::new(ProbeSuite::builtin_shared())
    }
}

impl ProbeState {
    pub fn new(suite: Arc<ProbeSuite>) -> ProbeState {
        let n = suite.probes.len();
        ProbeState {
            shown: false,
            suite,
            rows: vec![ProbeRow::Pending; n],
            running: None,
            last_run: 0,
            sel: 0,
            open: None,
            exchange: 0,
            panes: crate::tui::panes::PaneSet::focused(2),
            stopped: false,
            ask: None,
            authorized: false,
            max_sms: None,
            began: None,
            deferred: false,
        }
    }

    /// The built-in probes, parsed when the Check screen first opens
    /// ([`ProbeState::ensure_loaded`], which `update` calls) rather than before the first frame.
    pub fn deferred() -> ProbeState {
        ProbeState {
            deferred: true,
            ..ProbeState::new(Arc::new(ProbeSuite::empty()))
        }
    }

    /// Parse the built-in probes now if they were deferred (their rows follow them; the rest,
    /// such as what the command line set, stays).
    pub fn ensure_loaded(&mut self) {
        if self.deferred {
            self.suite = ProbeSuite::builtin_shared();
            self.rows = vec![ProbeRow::Pending; self.suite.probes.len()];
            self.deferred = false;
        }
    }

    pub fn result(&self, i: usize) -> Option<&ProbeResult> {
        match self.rows.get(i) {
            Some(ProbeRow::Done(r)) => Some(r),
            _ => None,
        }
    }

    fn results(&self) -> impl Iterator<Item = &ProbeResult> {
        self.rows.iter().filter_map(|r| match r {
            ProbeRow::Done(r) => Some(r.as_ref()),
            _ => None,
        })
    }

    /// `3/9 · 2 held · 1 FINDING · 0 skipped · 3 SMS (budget 3)`.
    pub fn summary(&self) -> String {
        self.summary_in(Lang::En)
    }

    /// [`ProbeState::summary`] in `lang`.
    pub fn summary_in(&self, lang: Lang) -> String {
        let done = self.results().count();
        let held = self
            .results()
            .filter(|r| r.verdict == ProbeVerdict::Held)
            .count();
        let found = self.results().filter(|r| r.verdict.is_finding()).count();
        let sms: u32 = self.results().map(|r| r.sms).sum();
        let budget = match self.began {
            Some((_, Some(m))) => format!(" {}", t!(lang, "tui-probe-budget", n = m)),
            Some((_, None)) => format!(" {}", t!(lang, "tui-probe-no-limit")),
            None => String::new(),
        };
        // a full-width bracket brings its own space
        let budget = match lang {
            Lang::Zh => budget.trim_start().to_string(),
            Lang::En => budget,
        };
        t!(
            lang,
            "tui-probe-summary",
            done = done,
            total = self.rows.len(),
            held = held,
            found = found,
            skipped = done - held - found,
            sms = sms,
            budget = budget,
        )
    }
}

/// The budget shown with the plan before a run (the run itself decides it once it knows
/// whether a loopback target is a vflow simulator).
fn plan_budget(app: &App) -> Option<u32> {
    let p = &app.probe;
    match p.max_sms {
        Some(n) => Some(n),
        None if app.target.simulator => None,
        None if probe_plan::is_loopback(&app.target.base_url) => None,
        None => Some(probe_plan::DEFAULT_MAX_SMS),
    }
}

/// Tab on the conformance table: show the probes.
pub fn show(app: &mut App) -> Vec<Cmd> {
    app.probe.shown = true;
    vec![]
}

/// `r`: show the plan and ask (or say why nothing may be sent).
pub fn ask(app: &mut App) -> Vec<Cmd> {
    if app.probe.running.is_some() {
        return vec![];
    }
    app.probe.ask = Some(
        match probe_plan::consent_in(&app.target.base_url, app.probe.authorized, app.ui_lang) {
            Consent::Go | Consent::Confirm => Ask::Confirm,
            // probe_plan's reason, said in the UI language
            Consent::Refused(_) => Ask::Refused(t!(
                app.ui_lang,
                "tui-probe-refused",
                url = app.target.base_url.as_str(),
            )),
        },
    );
    vec![]
}

/// Start a run of every probe (only once the plan was confirmed, and never against a
/// target elsewhere without authorization).
fn start(app: &mut App) -> Vec<Cmd> {
    let p = &mut app.probe;
    if p.running.is_some() || p.ask != Some(Ask::Confirm) {
        return vec![];
    }
    p.ask = None;
    if let Consent::Refused(_) =
        probe_plan::consent_in(&app.target.base_url, p.authorized, app.ui_lang)
    {
        return vec![];
    }
    p.last_run += 1;
    p.running = Some(p.last_run);
    p.stopped = false;
    p.open = None;
    p.began = None;
    p.rows = vec![ProbeRow::Pending; p.suite.probes.len()];
    vec![Cmd::RunProbes { run: p.last_run }]
}

pub fn on_msg(app: &mut App, m: ProbeMsg) -> Vec<Cmd> {
    let p = &mut app.probe;
    match m {
        ProbeMsg::Began {
            run,
            simulator,
            max_sms,
        } if p.running == Some(run) => p.began = Some((simulator, max_sms)),
        ProbeMsg::Started { run, index } if p.running == Some(run) => {
            if let Some(r) = p.rows.get_mut(index) {
                *r = ProbeRow::Running;
            }
        }
        ProbeMsg::Done { run, index, result } if p.running == Some(run) => {
            if let Some(r) = p.rows.get_mut(index) {
                *r = ProbeRow::Done(result);
            }
        }
        ProbeMsg::Finished { run, stopped } if p.running == Some(run) => {
            p.running = None;
            p.stopped = stopped;
            for r in &mut p.rows {
                if *r == ProbeRow::Running {
                    *r = ProbeRow::Pending;
                }
            }
        }
        _ => {} // a message of an older run
    }
    vec![]
}

/// The message the runtime's task sends for a progress event.
pub fn progress_msg(run: u64, p: crate::check::probe::ProbeProgress<'_>) -> Msg {
    use crate::check::probe::ProbeProgress;
    Msg::Probe(match p {
        ProbeProgress::Started { index, .. } => ProbeMsg::Started { run, index },
        ProbeProgress::Finished { index, result } => ProbeMsg::Done {
            run,
            index,
            result: Box::new(result.clone()),
        },
    })
}

fn running(app: &App) -> bool {
    app.probe.running.is_some()
}

/// The probe table.
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
        "tui-keys-evidence",
    ),
    key(&[ch('s')], Action::Stop, "s", "tui-keys-stop").shown_when(running),
    key(&[ch('r')], Action::RunAgain, "r", "tui-keys-run-probes").shown_when(|a| !running(a)),
    key(
        &[plain(KeyCode::Tab)],
        Action::SwitchSuite,
        "Tab",
        "tui-keys-conformance",
    ),
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
];

fn confirmable(app: &App) -> bool {
    app.probe.ask == Some(Ask::Confirm)
}

/// The plan shown before a run.
pub const PLAN_KEYS: &[Binding] = &[
    key(
        &[ch('y'), plain(KeyCode::Enter)],
        Action::Accept,
        "y",
        "tui-keys-start-the-probes",
    )
    .when(confirmable),
    key(
        &[ch('n'), plain(KeyCode::Esc)],
        Action::Back,
        "n/Esc",
        "tui-keys-cancel",
    ),
    key(&[ch('q')], Action::Quit, "q", "tui-keys-quit"),
];

/// One probe's evidence.
pub const EVIDENCE_KEYS: &[Binding] = &[
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
        "tui-keys-next-previous-exchange",
    ),
    key(&[ch('p')], Action::PrevCase, "n/p", "").grouped(),
    key(&[ch('x')], Action::ToggleMask, "x", "tui-keys-mask"),
    key(
        &[plain(KeyCode::Esc), plain(KeyCode::Enter)],
        Action::Back,
        "Esc",
        "tui-keys-probes",
    ),
    key(&[ch('q')], Action::Quit, "q", "tui-keys-quit"),
    panes::PREV_PANE,
    panes::TOP,
    panes::BOTTOM,
];

pub(crate) fn on_action(app: &mut App, action: Action, k: KeyEvent) -> Vec<Cmd> {
    if app.probe.ask.is_some() {
        return match action {
            Action::Accept => start(app),
            Action::Back => {
                app.probe.ask = None;
                vec![]
            }
            _ => vec![],
        };
    }
    if app.probe.open.is_some() {
        return on_evidence_action(app, action, k);
    }
    let n = app.probe.rows.len();
    let p = &mut app.probe;
    match action {
        Action::Up => p.sel = p.sel.saturating_sub(1),
        Action::Down => p.sel = (p.sel + 1).min(n.saturating_sub(1)),
        Action::Top => p.sel = 0,
        Action::Bottom => p.sel = n.saturating_sub(1),
        Action::Accept => open_row(app, app.probe.sel),
        Action::RunAgain => return ask(app),
        Action::Stop => {
            if let Some(run) = p.running {
                return vec![Cmd::StopProbes { run }];
            }
        }
        Action::SwitchSuite => p.shown = false,
        Action::ToggleMask => app.redact = !app.redact,
        Action::Back => super::check::back(app),
        _ => {}
    }
    vec![]
}

fn open_row(app: &mut App, i: usize) {
    if app.probe.result(i).is_some() {
        app.probe.sel = i;
        app.probe.open = Some(i);
        app.probe.exchange = 0;
        app.probe.panes.reset(2);
    } else if i < app.probe.rows.len() {
        app.notice(t!(app.ui_lang, "tui-probe-not-run-yet"));
    }
}

fn on_evidence_action(app: &mut App, action: Action, k: KeyEvent) -> Vec<Cmd> {
    let page = app.size.1.saturating_sub(10).max(1) as i32;
    let n = app
        .probe
        .open
        .and_then(|i| app.probe.result(i))
        .map(|r| r.sends.len())
        .unwrap_or(0);
    let p = &mut app.probe;
    if p.panes.on_action(action, k, page) {
        return vec![];
    }
    match action {
        Action::NextCase => {
            p.exchange = (p.exchange + 1).min(n.saturating_sub(1));
            p.panes.scroll = [0; crate::tui::panes::PANES];
        }
        Action::PrevCase => {
            p.exchange = p.exchange.saturating_sub(1);
            p.panes.scroll = [0; crate::tui::panes::PANES];
        }
        Action::ToggleMask => app.redact = !app.redact,
        Action::Back => p.open = None,
        _ => {}
    }
    vec![]
}

pub fn on_mouse(app: &mut App, m: MouseEvent) -> Vec<Cmd> {
    if app.probe.ask.is_some() {
        return vec![];
    }
    if app.probe.open.is_some() {
        app.probe.panes.on_mouse(m);
        return vec![];
    }
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let Some(i) = row_at(app, layout::frame(area).body, m.column, m.row) else {
        return vec![];
    };
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) if app.probe.sel == i => open_row(app, i),
        MouseEventKind::Down(MouseButton::Left) if i < app.probe.rows.len() => app.probe.sel = i,
        MouseEventKind::ScrollDown => {
            return on_action(app, Action::Down, KeyEvent::from(KeyCode::Down));
        }
        MouseEventKind::ScrollUp => {
            return on_action(app, Action::Up, KeyEvent::from(KeyCode::Up));
        }
        _ => {}
    }
    vec![]
}

/// The table row at (x, y) of the body.
fn row_at(app: &App, body: Rect, x: u16, y: u16) -> Option<usize> {
    let (table, _) = super::check::table_and_box(body, about(app, app.probe.sel));
    let first = table.y + 2;
    let inside = x >= table.x && x < table.x + table.width;
    if !inside || y < first || y + 1 >= table.y + table.height {
        return None;
    }
    let p = &app.probe;
    let offset = layout::list_offset(p.sel, p.rows.len(), table.height);
    Some(offset + (y - first) as usize)
}

// ---- view ---------------------------------------------------------------------------

fn verdict_style(v: &ProbeVerdict) -> Style {
    match v {
        ProbeVerdict::Held => theme::OK,
        ProbeVerdict::Finding { .. } => theme::ERROR,
        ProbeVerdict::Skipped { .. } => theme::WARN,
    }
}

/// The language of the UI.
fn lang(app: &App) -> Lang {
    app.ui_lang
}

/// A severity's word in `lang` (`low` … `critical` in English).
pub fn severity_word(lang: Lang, s: Severity) -> String {
    match s {
        Severity::Low => t!(lang, "tui-probe-low"),
        Severity::Medium => t!(lang, "tui-probe-medium"),
        Severity::High => t!(lang, "tui-probe-high"),
        Severity::Critical => t!(lang, "tui-probe-critical"),
    }
}

/// The verdict's word in `lang` (`held`, `FINDING (high)`, `skipped` in English).
pub fn verdict_word(lang: Lang, v: &ProbeVerdict) -> String {
    match v {
        ProbeVerdict::Held => t!(lang, "tui-probe-held"),
        ProbeVerdict::Finding { severity, .. } => t!(
            lang,
            "tui-probe-finding",
            severity = severity_word(lang, *severity),
        ),
        ProbeVerdict::Skipped { .. } => t!(lang, "tui-probe-skipped"),
    }
}

/// What an exchange of a probe was for, in `lang` (a role vflow does not know stays as is).
fn role_word(lang: Lang, role: &str) -> String {
    match role {
        "setup" => t!(lang, "tui-probe-role-setup"),
        "pass token" => t!(lang, "tui-probe-role-pass-token"),
        "race" => t!(lang, "tui-probe-role-race"),
        "failed send" => t!(lang, "tui-probe-role-failed-send"),
        "replay" => t!(lang, "tui-probe-role-replay"),
        "send" => t!(lang, "tui-probe-role-send"),
        "forged" => t!(lang, "tui-probe-role-forged"),
        "captcha" => t!(lang, "tui-probe-role-captcha"),
        "wrong attempt" => t!(lang, "tui-probe-role-wrong-attempt"),
        "retry" => t!(lang, "tui-probe-role-retry"),
        "resend" => t!(lang, "tui-probe-role-resend"),
        "clear cooldown" => t!(lang, "tui-probe-role-clear-cooldown"),
        "wrong code" => t!(lang, "tui-probe-role-wrong-code"),
        "right code" => t!(lang, "tui-probe-role-right-code"),
        "parallel wrong codes" => t!(lang, "tui-probe-role-parallel-wrong-codes"),
        "registered" => t!(lang, "tui-probe-role-registered"),
        "unregistered" => t!(lang, "tui-probe-role-unregistered"),
        other => other.to_string(),
    }
}

/// How [`ProbeSuite::builtin`] names its source.
const BUILTIN_SOURCE: &str = "built-in probes";

/// Where the probes came from, in `lang` (a file of the person's own stays its path).
fn source_label(lang: Lang, source: &str) -> String {
    if source == BUILTIN_SOURCE {
        t!(lang, "tui-probe-builtin-suite")
    } else {
        source.to_string()
    }
}

pub fn view(app: &App, f: &mut Frame, body: Rect) {
    match app.probe.open {
        Some(i) => evidence(app, f, body, i),
        None => table(app, f, body),
    }
    if let Some(ask) = &app.probe.ask {
        plan_popup(app, f, body, ask);
    }
}

fn title(app: &App) -> String {
    let p = &app.probe;
    let lang = lang(app);
    let state = if p.running.is_some() {
        t!(lang, "tui-check-state-running")
    } else if p.stopped {
        t!(lang, "tui-check-state-stopped")
    } else if p.results().count() == p.rows.len() && !p.rows.is_empty() {
        t!(lang, "tui-check-state-done")
    } else {
        t!(lang, "tui-check-state-not-run")
    };
    let summary = p.summary_in(lang);
    format!(
        " {} ",
        t!(lang, "tui-probe-title", state = state, summary = summary)
    )
}

fn table(app: &App, f: &mut Frame, body: Rect) {
    let p = &app.probe;
    let lang = lang(app);
    let (area, info) = super::check::table_and_box(body, about(app, p.sel));
    let name_w = p
        .suite
        .probes
        .iter()
        .map(|x| Span::raw(x.name.as_str()).width())
        .max()
        .unwrap_or(5) as u16;
    let fixed = name_w + 20 + 5 + 9 + 10 + 5;
    let wide = area.width.saturating_sub(2) >= fixed + 24;
    let rows: Vec<TableRow> = p
        .suite
        .probes
        .iter()
        .zip(&p.rows)
        .map(|(probe, row)| {
            let plain = |s: String| (s, Style::default());
            let cells = match row {
                ProbeRow::Done(r) => vec![
                    (verdict_word(lang, &r.verdict), verdict_style(&r.verdict)),
                    plain(r.sms.to_string()),
                    plain(r.requests().to_string()),
                    plain(crate::check::ms(r.elapsed)),
                ],
                ProbeRow::Running => vec![(t!(lang, "tui-check-running-cell"), theme::ACCENT)],
                ProbeRow::Pending => vec![("·".to_string(), theme::MUTED)],
            };
            let mut all = vec![plain(probe.name.clone())];
            all.extend(cells);
            while all.len() < 5 {
                all.push(plain(String::new()));
            }
            if wide {
                all.push((probe.title_in(app.ui_lang).to_string(), theme::MUTED));
            }
            TableRow {
                cells: all,
                style: Style::default(),
            }
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(name_w.max(5)),
        Constraint::Length(20),
        Constraint::Length(5),
        Constraint::Length(8),
        Constraint::Length(10),
    ];
    let mut header = vec![
        t!(lang, "tui-probe-col-probe"),
        t!(lang, "tui-probe-col-verdict"),
        t!(lang, "tui-probe-col-sms"),
        t!(lang, "tui-probe-col-requests"),
        t!(lang, "tui-probe-col-time"),
    ];
    if wide {
        widths.push(Constraint::Fill(1));
        header.push(t!(lang, "tui-probe-col-attack"));
    }
    super::check::draw_results(
        app,
        f,
        area,
        info,
        super::check::ResultsTable {
            title: title(app),
            source: source_label(lang, &p.suite.source),
            rows,
            widths,
            header,
            sel: p.sel,
            about: about(app, p.sel),
        },
    );
}

/// The selected probe in a few lines: the attack, its cost, and what came of it.
fn about(app: &App, i: usize) -> Vec<Line<'static>> {
    let p = &app.probe;
    let lang = lang(app);
    let Some(probe) = p.suite.probes.get(i) else {
        return vec![];
    };
    let c = probe.cost();
    let mut lines = vec![Line::from(vec![
        Span::styled(probe.name.clone(), theme::STRONG),
        Span::raw(format!(
            "{}{}",
            t!(lang, "tui-probe-about-title", title = probe.title_in(lang)),
            // A full-width bracket needs no space before it (Chinese).
            if lang == Lang::Zh { "" } else { " " },
        )),
        Span::styled(
            t!(
                lang,
                "tui-probe-cost",
                requests = c.requests,
                sms = c.sms,
                parallel = c.parallel,
                severity = severity_word(lang, probe.severity),
            ),
            theme::MUTED,
        ),
    ])];
    match p.rows.get(i) {
        Some(ProbeRow::Done(r)) => {
            let line = match &r.verdict {
                ProbeVerdict::Held => t!(
                    lang,
                    "tui-probe-about-held",
                    notes = r.notes.join(&t!(lang, "tui-probe-notes-separator")),
                ),
                ProbeVerdict::Finding { severity, what } => t!(
                    lang,
                    "tui-probe-about-finding",
                    severity = severity_word(lang, *severity),
                    what = what.as_str(),
                ),
                ProbeVerdict::Skipped { reason } => {
                    t!(lang, "tui-probe-about-skipped", reason = reason.as_str())
                }
            };
            lines.push(Line::styled(shown(app, r, line), verdict_style(&r.verdict)));
            if !r.sends.is_empty() {
                lines.push(Line::from(t!(lang, "tui-probe-enter-shows")).themed(theme::MUTED));
            }
        }
        Some(ProbeRow::Running) => {
            lines.push(Line::from(t!(lang, "tui-check-running")).themed(theme::ACCENT))
        }
        _ if p.running.is_none() => {
            lines.push(Line::from(t!(lang, "tui-probe-r-runs")).themed(theme::MUTED))
        }
        _ => lines.push(Line::from(t!(lang, "tui-probe-waiting")).themed(theme::MUTED)),
    }
    lines
}

/// Text of a result, masked when masking is on.
fn shown(app: &App, r: &ProbeResult, text: String) -> String {
    let text = crate::api::text::visible(&text).into_owned();
    match redactor(app, r) {
        Some(red) => red.apply(&text),
        None => text,
    }
}

fn redactor(app: &App, r: &ProbeResult) -> Option<crate::client::report::Redactor> {
    app.redact.then(|| {
        let mut red = crate::client::report::Redactor::new();
        for s in &r.sends {
            red.learn(&s.exchange);
        }
        for m in &r.mobiles {
            red.add_mobile(m);
        }
        red
    })
}

/// Columns of the plan's table: probe, requests, SMS, parallel.
const PLAN_COLS: [usize; 4] = [14, 8, 5, 8];

/// One row of the plan's table, padded by terminal columns (a CJK heading takes two per
/// character).
fn plan_row(cells: [&str; 4]) -> String {
    use super::check::{pad, pad_left};
    format!(
        "{} {} {} {}",
        pad(cells[0], PLAN_COLS[0]),
        pad_left(cells[1], PLAN_COLS[1]),
        pad_left(cells[2], PLAN_COLS[2]),
        pad_left(cells[3], PLAN_COLS[3]),
    )
}

fn plan_popup(app: &App, f: &mut Frame, body: Rect, ask: &Ask) {
    let p = &app.probe;
    let lang = lang(app);
    let all: Vec<usize> = (0..p.suite.probes.len()).collect();
    let rows = probe_plan::plan_rows(&p.suite, &all);
    let mut lines = vec![Line::from(vec![
        Span::raw(format!("{} ", t!(lang, "tui-probe-against"))),
        Span::styled(app.target.base_url.clone(), theme::STRONG),
    ])];
    // what to do comes first: a small window cuts the end of the popup
    match ask {
        Ask::Confirm => {
            lines.push(Line::from(t!(lang, "tui-probe-plan-confirm")).themed(theme::KEY))
        }
        Ask::Refused(why) => {
            lines.push(
                Line::from(t!(lang, "tui-probe-refused-line", why = why.as_str()))
                    .themed(theme::ERROR),
            );
            lines.push(Line::from(t!(lang, "tui-probe-authorized-hint")));
        }
    }
    lines.push(
        Line::from(plan_row([
            &t!(lang, "tui-probe-plan-col-probe"),
            &t!(lang, "tui-probe-plan-col-requests"),
            &t!(lang, "tui-probe-plan-col-sms"),
            &t!(lang, "tui-probe-plan-col-parallel"),
        ]))
        .themed(theme::HEADING),
    );
    for r in &rows {
        lines.push(Line::from(plan_row([
            &r.name,
            &format!("≤{}", r.requests),
            &format!("≤{}", r.sms),
            &r.parallel.to_string(),
        ])));
    }
    let req: u32 = rows.iter().map(|r| r.requests).sum();
    let sms: u32 = rows.iter().map(|r| r.sms).sum();
    lines.push(Line::from(t!(
        lang,
        "tui-probe-plan-total",
        requests = req,
        sms = sms,
    )));
    let budget = match plan_budget(app) {
        None if app.target.simulator => t!(lang, "tui-probe-plan-no-budget-simulator"),
        Some(n) => t!(lang, "tui-probe-plan-budget", n = n),
        None => t!(lang, "tui-probe-plan-budget-rule"),
    };
    lines.push(Line::from(budget).themed(theme::MUTED));
    let w = 66.min(body.width);
    let h = crate::tui::view::popup_height(&lines, w);
    let title = format!(" {} ", t!(lang, "tui-probe-plan-title"));
    crate::tui::view::popup(f, body, w, h, &title, lines);
}

fn evidence_areas(body: Rect) -> (Rect, layout::ResultAreas) {
    let [head, panes] = Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(body);
    (head, layout::result(panes))
}

fn evidence(app: &App, f: &mut Frame, body: Rect, i: usize) {
    let p = &app.probe;
    let lang = lang(app);
    let (head, areas) = evidence_areas(body);
    let Some(r) = p.result(i) else {
        return;
    };
    let n = r.sends.len();
    let sent = r.sends.get(p.exchange);
    let first = Line::from(vec![
        Span::styled(
            format!(
                "{} ",
                t!(lang, "tui-probe-probe-of", i = i + 1, n = p.rows.len())
            ),
            theme::MUTED,
        ),
        Span::styled(r.probe.name.clone(), theme::STRONG),
        Span::raw("  "),
        Span::styled(verdict_word(lang, &r.verdict), verdict_style(&r.verdict)),
        Span::raw(format!("  {}", t!(lang, "tui-probe-sms-count", n = r.sms))),
    ]);
    let second = match sent {
        Some(s) => Line::from(t!(
            lang,
            "tui-probe-exchange-of",
            k = p.exchange + 1,
            n = n,
            role = role_word(lang, s.role),
        )),
        None => Line::from(t!(lang, "tui-probe-nothing-sent")),
    }
    .themed(theme::MUTED);
    f.render_widget(Paragraph::new(vec![first, second]), head);
    let status = sent
        .map(|s| record::outcome_label(&s.exchange.outcome))
        .unwrap_or_else(|| t!(lang, "tui-probe-none"));
    let titles = [
        format!(" {} ", t!(lang, "tui-probe-pane-request")),
        format!(" {} ", t!(lang, "tui-probe-pane-response", status = status)),
        format!(" {} ", t!(lang, "tui-probe-pane-saw")),
    ];
    let summary = match sent {
        Some(s) => {
            let red = app.redact.then(|| {
                let mut r = crate::client::report::Redactor::new();
                r.learn(&s.exchange);
                r
            });
            record::summary_line_in(&s.exchange, red.as_ref(), lang)
        }
        None => Line::from(t!(
            lang,
            "tui-probe-verdict-nothing-sent",
            verdict = verdict_word(lang, &r.verdict),
        )),
    };
    p.panes.draw(f, &areas, lang, summary, titles, |k| {
        Text::from(pane_lines(app, k))
    });
}

/// The lines of pane `k` of the open probe: the request and response of the exchange in
/// view; the third pane says what the probe saw, what a finding means, and explains the
/// exchange.
pub fn pane_lines(app: &App, k: usize) -> Vec<Line<'static>> {
    let p = &app.probe;
    let lang = lang(app);
    let Some(r) = p.open.and_then(|i| p.result(i)) else {
        return vec![];
    };
    let mut out = Vec::new();
    if k == 2 {
        verdict_lines(app, r, &mut out);
    }
    match r.sends.get(p.exchange) {
        Some(s) => {
            let rec = Record::new(0, s.spec.clone(), s.exchange.clone(), None);
            if k == 2 {
                out.push(Line::from(""));
                out.push(
                    Line::from(t!(
                        lang,
                        "tui-probe-exchange-heading",
                        k = p.exchange + 1,
                        role = role_word(lang, s.role),
                    ))
                    .themed(theme::STRONG)
                    .themed(theme::UNDERLINE),
                );
            }
            out.extend(record::pane_lines(
                &rec,
                k,
                app.redact,
                &app.explain_base,
                lang,
                false,
            ));
        }
        None if k < 2 => {
            out.push(Line::from(t!(lang, "tui-probe-nothing-sent")).themed(theme::MUTED))
        }
        None => {}
    }
    if let Some(red) = redactor(app, r) {
        for line in &mut out {
            for span in &mut line.spans {
                span.content = red.apply(&span.content).into();
            }
        }
    }
    out
}

fn verdict_lines(app: &App, r: &ProbeResult, out: &mut Vec<Line<'static>>) {
    let lang = lang(app);
    let visible = |s: &str| crate::api::text::visible(s).into_owned();
    out.push(Line::from(vec![
        Span::raw(super::check::pad(&t!(lang, "tui-probe-label-verdict"), 10)).themed(theme::MUTED),
        Span::styled(verdict_word(lang, &r.verdict), verdict_style(&r.verdict)),
    ]));
    match &r.verdict {
        ProbeVerdict::Finding { what, .. } => {
            out.push(Line::from(visible(what)).style(theme::ERROR));
        }
        ProbeVerdict::Skipped { reason } => {
            out.push(Line::from(visible(reason)).style(theme::WARN));
        }
        ProbeVerdict::Held => {}
    }
    out.push(Line::from(t!(
        lang,
        "tui-probe-accepted",
        sms = r.sms,
        requests = r.requests(),
        time = crate::check::ms(r.elapsed),
    )));
    if !r.notes.is_empty() {
        out.push(Line::from(""));
        out.push(Line::from(t!(lang, "tui-probe-what-it-saw")).themed(theme::STRONG));
        for n in &r.notes {
            out.push(Line::from(format!("• {}", visible(n))));
        }
    }
    if r.verdict.is_finding() {
        let (mine, other, other_code) = match lang {
            Lang::Zh => (&r.probe.finding_zh, &r.probe.finding_en, "en"),
            Lang::En => (&r.probe.finding_en, &r.probe.finding_zh, "zh"),
        };
        out.push(Line::from(""));
        out.push(Line::from(t!(lang, "tui-probe-what-it-means")).themed(theme::STRONG));
        out.push(Line::from(visible(mine)));
        out.push(Line::from(format!("[{other_code}] {}", visible(other))).themed(theme::MUTED));
    }
}

/// The screen's mode for the key map: the plan, a probe's evidence, or the table.
pub fn mode(app: &App) -> crate::tui::keymap::Mode {
    use crate::tui::keymap::Mode;
    if app.probe.ask.is_some() {
        Mode::ProbePlan
    } else if app.probe.open.is_some() {
        Mode::ProbeEvidence
    } else {
        Mode::Probe
    }
}

/// Whether the Check screen shows the probes now.
pub fn showing(app: &App) -> bool {
    app.screen == Screen::Check && app.probe.shown
}

//! Traffic (`vflow proxy` on a terminal): the proxied exchanges as they
//! happen, newest at the bottom, like mitmproxy's flow list; `/` filters,
//! Enter opens the request, response and explanation panes, `e` takes an
//! exchange into the review to edit and resend, `w`/`W` write HAR.
//!
//! The list can hold the proxy's whole store (10,000 by default, any
//! `--keep`): only the rows on screen are drawn, and the filter keeps a list
//! of matching positions that is updated as exchanges come and go.

use super::super::app::{App, Cmd, Screen};
use super::super::keymap::{Action, Binding, Key, ch, key, plain};
use super::super::record::Record;
use crate::api::Lang;
use crate::api::headers as h;
use crate::client::import::{Format, Imported};
use crate::client::proxy::Recorded;
use crate::client::{Outcome, RequestSpec, SentRequest};
use crate::t;
use crate::tui::panes;
use crossterm::event::{KeyCode, KeyEvent};
use std::collections::VecDeque;
use std::sync::Arc;
use tui_input::Input;

/// What the Traffic screen keeps.
#[derive(Debug)]
pub struct TrafficState {
    /// The exchanges, oldest first (at most `keep`).
    pub list: VecDeque<Arc<Recorded>>,
    pub keep: usize,
    /// How many were dropped from the front (positions count from the first ever).
    pub dropped: u64,
    /// Exchanges the proxy recorded but this screen never saw (it fell behind).
    pub missed: u64,
    pub filter: Input,
    pub filtering: bool,
    /// Positions (counted from the first ever) that match the filter; `None`: no filter.
    pub matches: Option<VecDeque<u64>>,
    /// The selected row among those shown.
    pub sel: usize,
    /// The selection stays on the newest row as exchanges come.
    pub follow: bool,
    /// The exchange open in the panes.
    pub open: Option<Box<Record>>,
    /// Proxy ids of the exchanges opened, each added to the history once.
    pub kept: std::collections::HashSet<u64>,
    /// Where the proxy listens and where it forwards to (for the title).
    pub listen: String,
    pub upstream: String,
}

impl Default for TrafficState {
    fn default() -> Self {
        TrafficState {
            list: VecDeque::new(),
            keep: crate::client::proxy::DEFAULT_KEEP,
            dropped: 0,
            missed: 0,
            filter: Input::default(),
            filtering: false,
            matches: None,
            sel: 0,
            follow: true,
            open: None,
            kept: Default::default(),
            listen: String::new(),
            upstream: String::new(),
        }
    }
}

impl TrafficState {
    /// The screen is fed by a proxy (F5 comes back to it).
    pub fn live(&self) -> bool {
        !self.listen.is_empty()
    }

    /// How many rows are shown (all, or those matching the filter).
    pub fn shown(&self) -> usize {
        match &self.matches {
            Some(m) => m.len(),
            None => self.list.len(),
        }
    }

    /// Row `i` of those shown.
    pub fn row(&self, i: usize) -> Option<&Arc<Recorded>> {
        let pos = match &self.matches {
            Some(m) => *m.get(i)?,
            None => self.dropped + i as u64,
        };
        self.list.get((pos - self.dropped) as usize)
    }

    /// A new exchange: appended (the oldest dropped past `keep`); the filter
    /// matches its row as drawn in `lang`.
    pub fn push(&mut self, r: Arc<Recorded>, lang: Lang) {
        // Ids come in arrival order: one listed already is not listed twice (the store hands
        // its snapshot and channel over without overlap; this keeps the list right even so).
        if self.list.back().is_some_and(|last| r.id <= last.id) {
            return;
        }
        if self.list.len() >= self.keep.max(1) {
            self.list.pop_front();
            self.dropped += 1;
            if let Some(m) = self.matches.as_mut() {
                while m.front().is_some_and(|p| *p < self.dropped) {
                    m.pop_front();
                    self.sel = self.sel.saturating_sub(1);
                }
            } else {
                self.sel = self.sel.saturating_sub(1);
            }
        }
        let pos = self.dropped + self.list.len() as u64;
        let hit = matches(&r, &self.filter_text(), lang);
        self.list.push_back(r);
        if let Some(m) = self.matches.as_mut()
            && hit
        {
            m.push_back(pos);
        }
        if self.follow {
            self.sel = self.shown().saturating_sub(1);
        }
    }

    fn filter_text(&self) -> String {
        self.filter.value().trim().to_lowercase()
    }

    /// The filter changed: find the matching rows again (as drawn in `lang`).
    pub fn refilter(&mut self, lang: Lang) {
        let f = self.filter_text();
        self.matches = if f.is_empty() {
            None
        } else {
            Some(
                self.list
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| matches(r, &f, lang))
                    .map(|(i, _)| self.dropped + i as u64)
                    .collect(),
            )
        };
        self.sel = self.shown().saturating_sub(1);
        self.follow = true;
    }
}

/// Does the exchange match the (lower-case) filter: method, path, status,
/// code, client address or device, as its row shows them in `lang`?
fn matches(r: &Recorded, f: &str, lang: Lang) -> bool {
    if f.is_empty() {
        return true;
    }
    let x = &r.exchange;
    let hay = format!(
        "{} {} {} {} {} {}",
        x.request.method,
        x.request.url,
        status(r),
        code(r, lang),
        r.client,
        device(&x.request, lang)
    );
    hay.to_lowercase().contains(f)
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
        "tui-keys-open",
    ),
    key(&[ch('/')], Action::Filter, "/", "tui-keys-filter"),
    key(&[ch('e')], Action::Edit, "e", "tui-keys-edit-resend"),
    key(
        &[ch('w')],
        Action::ExportHar,
        "w/W",
        "tui-keys-har-this-all-shown",
    ),
    key(&[ch('W')], Action::ExportAllHar, "w/W", "").grouped(),
    key(
        &[plain(KeyCode::Esc)],
        Action::Back,
        "Esc",
        "tui-keys-clear-filter",
    ),
    key(&[ch('q')], Action::Quit, "q", "tui-keys-quit"),
    key(
        &[plain(KeyCode::PageUp)],
        Action::PageUp,
        "PgUp/PgDn",
        "tui-keys-a-page",
    )
    .help_only(),
    key(
        &[plain(KeyCode::PageDown)],
        Action::PageDown,
        "PgUp/PgDn",
        "",
    )
    .grouped(),
    key(
        &[plain(KeyCode::Home)],
        Action::Top,
        "Home/End",
        "tui-keys-first-newest-follows",
    )
    .help_only(),
    key(&[plain(KeyCode::End)], Action::Bottom, "Home/End", "").grouped(),
];

/// Typing the filter.
pub const FILTER_KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Enter)],
        Action::Accept,
        "Enter",
        "tui-keys-keep-filter",
    ),
    key(
        &[plain(KeyCode::Esc)],
        Action::Back,
        "Esc",
        "tui-keys-clear-filter",
    ),
    key(&[Key::Ctrl('c')], Action::Quit, "Ctrl+C", "tui-keys-quit"),
];

/// One exchange open in the three panes.
pub const DETAIL_KEYS: &[Binding] = &[
    panes::NEXT_PANE,
    panes::PICK_PANE,
    panes::SCROLL_DOWN,
    panes::SCROLL_UP,
    panes::PAGE_DOWN,
    panes::PAGE_UP,
    key(&[ch('e')], Action::Edit, "e", "tui-keys-edit-resend"),
    key(&[ch('w')], Action::ExportHar, "w", "tui-keys-har"),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "tui-keys-list"),
    key(&[ch('q')], Action::Quit, "q", "tui-keys-quit"),
    panes::PREV_PANE,
    panes::TOP,
    panes::BOTTOM,
];

/// F5: back to the proxy's list (from any screen, while a proxy feeds it).
pub(crate) fn show(app: &mut App) -> Vec<Cmd> {
    app.screen = Screen::Traffic;
    vec![]
}

/// Start on the Traffic screen with what the proxy has recorded so far; the
/// receiver brings the rest. Subscribed first, then the snapshot taken:
/// nothing falls in between.
pub(crate) fn attach(
    app: &mut App,
    feed: &crate::tui::TrafficFeed,
) -> tokio::sync::broadcast::Receiver<Arc<Recorded>> {
    app.traffic.listen = feed.listen.clone();
    app.traffic.upstream = feed.upstream.clone();
    app.traffic.keep = feed.store.capacity();
    let (kept, rx) = feed.store.snapshot_and_subscribe();
    for r in kept {
        app.traffic.push(r, app.ui_lang);
    }
    app.screen = Screen::Traffic;
    rx
}

/// A new exchange from the proxy.
pub(crate) fn on_exchange(app: &mut App, r: Arc<Recorded>) -> Vec<Cmd> {
    app.traffic.push(r, app.ui_lang);
    vec![]
}

pub(crate) fn on_action(app: &mut App, action: Action, k: KeyEvent) -> Vec<Cmd> {
    let lang = app.ui_lang;
    let t = &mut app.traffic;
    if t.filtering {
        match action {
            Action::Accept => t.filtering = false,
            Action::Back => {
                t.filtering = false;
                t.filter = Input::default();
                t.refilter(lang);
            }
            _ => {}
        }
        return vec![];
    }
    if t.open.is_some() {
        let page = app.size.1.saturating_sub(8).max(1) as i32;
        if app.panes.on_action(action, k, page) {
            return vec![];
        }
        match action {
            Action::Back => app.traffic.open = None,
            Action::Edit => return edit(app),
            Action::ExportHar => {
                if let Some(r) = app.traffic.open.as_deref() {
                    return vec![export(app, [&r.exchange])];
                }
            }
            _ => {}
        }
        return vec![];
    }
    let n = t.shown();
    let page = app.size.1.saturating_sub(7).max(1) as usize;
    let last = n.saturating_sub(1);
    match action {
        Action::Up => t.sel = t.sel.saturating_sub(1),
        Action::Down => t.sel = (t.sel + 1).min(last),
        Action::PageUp => t.sel = t.sel.saturating_sub(page),
        Action::PageDown => t.sel = (t.sel + page).min(last),
        Action::Top => t.sel = 0,
        Action::Bottom => t.sel = last,
        Action::Filter => t.filtering = true,
        Action::Back if t.matches.is_some() => {
            t.filter = Input::default();
            t.refilter(lang);
        }
        Action::Back => app.notice(t!(app.ui_lang, "tui-lists-traffic-newest-bottom")),
        Action::Accept => return open(app),
        Action::Edit => return edit(app),
        Action::ExportHar => {
            if let Some(r) = app.traffic.row(app.traffic.sel) {
                return vec![export(app, [&r.exchange])];
            }
            app.error(t!(app.ui_lang, "tui-lists-traffic-no-exchange"));
        }
        Action::ExportAllHar => {
            let t = &app.traffic;
            if t.shown() == 0 {
                app.error(t!(app.ui_lang, "tui-lists-traffic-no-exchange"));
                return vec![];
            }
            let rows: Vec<_> = (0..t.shown()).filter_map(|i| t.row(i)).cloned().collect();
            return vec![export(app, rows.iter().map(|r| &r.exchange))];
        }
        _ => {}
    }
    let t = &mut app.traffic;
    if matches!(
        action,
        Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top
    ) {
        t.follow = t.sel + 1 >= t.shown();
    }
    if action == Action::Bottom {
        t.follow = true;
    }
    vec![]
}

fn export<'a>(app: &App, xs: impl IntoIterator<Item = &'a crate::client::Exchange>) -> Cmd {
    let xs: Vec<_> = xs.into_iter().cloned().collect();
    let xs = if app.redact {
        let mut red = crate::client::report::Redactor::new();
        for x in &xs {
            red.learn(x);
        }
        xs.iter().map(|x| red.exchange(x)).collect()
    } else {
        xs
    };
    Cmd::ExportHar(xs)
}

/// The selected exchange as a history-style record (for the panes).
fn record_of(r: &Recorded) -> Record {
    let mut rec = Record::new(r.id, spec_of(&r.exchange.request), r.exchange.clone(), None);
    rec.source = crate::client::history::Source::Proxy;
    rec
}

/// Enter: the three panes for the selected exchange. An exchange looked at
/// joins the history (as the proxy's), once.
fn open(app: &mut App) -> Vec<Cmd> {
    let Some(r) = app.traffic.row(app.traffic.sel) else {
        return vec![];
    };
    let rec = record_of(r);
    let proxy_id = r.id;
    app.traffic.open = Some(Box::new(rec.clone()));
    app.panes.reset(2);
    if !app.traffic.kept.insert(proxy_id) {
        return vec![];
    }
    let mut rec = rec;
    rec.id = app.alloc_id();
    app.history.push(rec.clone());
    vec![Cmd::AppendHistory(Box::new(rec))]
}

/// Headers the proxy received that are the connection's, not the app's.
const NOT_THE_APPS: [&str; 5] = [
    "host",
    "content-length",
    "connection",
    "keep-alive",
    "transfer-encoding",
];

/// The request as received, as a request to send again.
fn imported_of(req: &SentRequest) -> Option<Imported> {
    let u = reqwest::Url::parse(&req.url).ok()?;
    let host = u.host_str()?;
    Some(Imported {
        format: Format::Raw,
        method: req.method.clone(),
        base_url: match u.port() {
            Some(p) => format!("{}://{host}:{p}", u.scheme()),
            None => format!("{}://{host}", u.scheme()),
        },
        path: match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        },
        headers: req
            .headers
            .iter()
            .filter(|(n, _)| !NOT_THE_APPS.iter().any(|x| n.eq_ignore_ascii_case(x)))
            .cloned()
            .collect(),
        omitted: vec![],
        body: (!req.body.is_empty()).then(|| req.body.clone()),
        notes: vec![],
    })
}

fn spec_of(req: &SentRequest) -> RequestSpec {
    match imported_of(req) {
        Some(i) => i.to_spec(),
        None => RequestSpec {
            method: req.method.clone(),
            base_url: String::new(),
            path: req.url.clone(),
            headers: vec![],
            body: None,
            raw_body: Some(req.body.clone()),
        },
    }
}

/// `e`: the selected (or open) exchange into the review, exactly as the app
/// sent it, to edit and send again to the upstream.
fn edit(app: &mut App) -> Vec<Cmd> {
    let r = match app.traffic.open.as_deref() {
        Some(rec) => rec.exchange.request.clone(),
        None => match app.traffic.row(app.traffic.sel) {
            Some(r) => r.exchange.request.clone(),
            None => {
                app.error(t!(app.ui_lang, "tui-lists-traffic-no-exchange"));
                return vec![];
            }
        },
    };
    let id = app
        .traffic
        .open
        .as_ref()
        .map(|o| o.id)
        .or_else(|| app.traffic.row(app.traffic.sel).map(|r| r.id))
        .unwrap_or_default();
    match imported_of(&r) {
        Some(i) => {
            app.back_to = Screen::Traffic;
            let source = t!(app.ui_lang, "tui-lists-traffic-source", id = id);
            super::import::use_request(app, &i, &source);
            if let Some(imp) = app.imported.as_mut() {
                imp.from_traffic = true;
            }
        }
        None => app.error(t!(app.ui_lang, "tui-lists-traffic-no-url")),
    }
    vec![]
}

// ---- row texts -------------------------------------------------------------------------

fn status(r: &Recorded) -> String {
    r.exchange
        .response
        .as_ref()
        .map(|x| x.status.to_string())
        .unwrap_or_else(|| "---".into())
}

/// The code column in `lang`: the API's error code as it is, else a word.
fn code(r: &Recorded, lang: Lang) -> String {
    if r.refused.is_some() {
        return t!(lang, "tui-lists-traffic-code-refused");
    }
    match &r.exchange.outcome {
        Outcome::Success => t!(lang, "tui-lists-traffic-code-ok"),
        Outcome::ApiError { code, .. } => code.trim_start_matches("IDAAS.SDK.").to_string(),
        Outcome::HttpError { .. } => t!(lang, "tui-lists-traffic-code-not-api"),
        Outcome::BadBody { .. } => t!(lang, "tui-lists-traffic-code-bad-body"),
        Outcome::Transport { kind, .. } => crate::tui::record::transport_label_in(*kind, lang),
        Outcome::Cancelled => t!(lang, "tui-lists-traffic-code-cancelled"),
    }
}

/// A short device summary from the app's headers: OS version, the agent's gist.
fn device(req: &SentRequest, lang: Lang) -> String {
    let get = |name: &str| {
        req.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let os = get(h::OS_VERSION).unwrap_or("");
    let agent = get(h::AGENT).unwrap_or("");
    // The agent's first parenthesised part is the platform ("Linux; Android 14; Pixel 8").
    let gist = agent
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(p, _)| p)
        .unwrap_or(agent);
    match (os.is_empty(), gist.is_empty()) {
        (false, false) => format!("{os} · {gist}"),
        (false, true) => os.to_string(),
        (true, false) => gist.to_string(),
        (true, true) => t!(lang, "tui-lists-traffic-no-device"),
    }
}

/// `s` cut to `width` characters keeping its end: `…/sdk/sms/send`.
fn keep_end(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n <= width || width < 2 {
        return s.to_string();
    }
    let mut out = String::from("…");
    out.extend(s.chars().skip(n - (width - 1)));
    out
}

fn path_of(url: &str) -> String {
    // After scheme://authority: the path and query.
    match url.find("://").map(|i| i + 3) {
        Some(i) => match url[i..].find('/') {
            Some(j) => url[i + j..].to_string(),
            None => "/".into(),
        },
        None => url.to_string(),
    }
}

// ---- drawing ------------------------------------------------------------------------

use crate::api::text::visible;
use crate::tui::layout;
use crate::tui::theme::{self, Themed};
use crate::tui::view::{ellipsize, focused_block, input_box};
use crate::tui::wrap::wrap_text;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

/// The list, and below it the filter box while there is a filter.
fn areas(app: &App, body: Rect) -> (Rect, Option<Rect>) {
    if app.traffic.filtering || app.traffic.matches.is_some() {
        let [a, b] = Layout::vertical([Constraint::Min(3), Constraint::Length(3)]).areas(body);
        (a, Some(b))
    } else {
        (body, None)
    }
}

/// The list row (among those shown) under the pointer, for clicks and the wheel.
pub(crate) fn hit(app: &App, body: Rect, x: u16, y: u16) -> Option<layout::Hit> {
    let t = &app.traffic;
    let (list, _) = areas(app, body);
    // Bordered table with a header row: data starts two rows down.
    let first = list.y + 2;
    let last = list.y + list.height.saturating_sub(1);
    if t.open.is_some() || x < list.x || x >= list.x + list.width || y < first || y >= last {
        return None;
    }
    let n = t.shown();
    let offset = layout::list_offset(t.sel.min(n.saturating_sub(1)), n, list.height);
    let i = offset + (y - first) as usize;
    (i < n).then_some(layout::Hit::Row(i))
}

/// A click on row `i`: open it when already selected (as in History).
pub(crate) fn click_row(app: &mut App, i: usize) -> Vec<Cmd> {
    if app.traffic.sel == i {
        return open(app);
    }
    app.traffic.sel = i;
    app.traffic.follow = i + 1 >= app.traffic.shown();
    vec![]
}

pub(crate) fn draw(app: &App, f: &mut Frame, body: Rect) {
    match app.traffic.open.as_deref() {
        Some(rec) => draw_detail(app, f, body, rec),
        None => draw_list(app, f, body),
    }
}

/// An opened exchange: the summary line and the request, response and explanation panes.
fn draw_detail(app: &App, f: &mut Frame, body: Rect, rec: &crate::tui::record::Record) {
    let areas = layout::result(body);
    let lang = app.ui_lang;
    let status = crate::tui::record::outcome_label_in(&rec.exchange.outcome, lang);
    let titles = [
        format!(
            " {} ",
            t!(lang, "tui-lists-traffic-pane-request", id = rec.id)
        ),
        format!(
            " {} ",
            t!(lang, "tui-result-pane-response", status = status)
        ),
        format!(" {} ", t!(lang, "tui-result-pane-explanation")),
    ];
    let red = app.redact.then(|| rec.redactor());
    let summary = crate::tui::record::summary_line_in(&rec.exchange, red.as_ref(), lang);
    app.panes
        .draw(f, &areas, app.ui_lang, summary, titles, |i| {
            // Without the result screen's keys (r, s, m, l...): they do not work
            // here; the footer has this screen's (e takes it to the review).
            let lines = crate::tui::record::pane_lines(
                rec,
                i,
                app.redact,
                &app.explain_base,
                app.ui_lang,
                false,
            );
            Text::from(lines)
        });
}

/// The list title: where the proxy listens and forwards, how many exchanges (shown of all).
fn list_title(t: &TrafficState, lang: crate::api::Lang) -> String {
    let n = t.shown();
    format!(
        " {}  {}{} ",
        t!(
            lang,
            "tui-lists-traffic-title",
            listen = visible(&t.listen),
            upstream = visible(&t.upstream)
        ),
        match &t.matches {
            Some(_) => t!(
                lang,
                "tui-lists-traffic-shown-of",
                n = n,
                total = t.list.len()
            ),
            None => t!(lang, "tui-lists-traffic-count", n = n),
        },
        if t.missed > 0 {
            t!(lang, "tui-lists-traffic-missed", n = t.missed)
        } else {
            String::new()
        }
    )
}

/// The list of exchanges (and the filter box when there is one).
fn draw_list(app: &App, f: &mut Frame, body: Rect) {
    let t = &app.traffic;
    let (list_area, filter_area) = areas(app, body);
    if let Some(fa) = filter_area {
        let filter_title = format!(" {} ", t!(app.ui_lang, "tui-lists-traffic-filter"));
        input_box(f, fa, &t.filter, &filter_title, t.filtering);
    }
    let n = t.shown();
    let lang = app.ui_lang;
    let block = focused_block(list_title(t, lang), !t.filtering);
    if n == 0 {
        let text = if t.list.is_empty() {
            t!(
                lang,
                "tui-lists-traffic-waiting",
                listen = visible(&t.listen)
            )
        } else {
            t!(lang, "tui-lists-traffic-no-match")
        };
        let text = Text::from(Line::from(text).themed(theme::MUTED));
        let text = wrap_text(&text, block.inner(list_area).width);
        f.render_widget(Paragraph::new(text).block(block), list_area);
        return;
    }
    // Only the rows on screen are built.
    let visible_rows = list_area.height.saturating_sub(3).max(1) as usize;
    let sel = t.sel.min(n - 1);
    let offset = layout::list_offset(sel, n, list_area.height);
    // Narrow windows: seconds without milliseconds, a shorter code and
    // device; under 100 columns no device (the path needs the room).
    let (time_w, code_w, device_w): (u16, u16, u16) = match list_area.width {
        w if w >= 140 => (12, 20, 40),
        w if w >= 100 => (8, 13, 14),
        _ => (8, 13, 0),
    };
    let with_device = device_w > 0;
    let path_w = list_area
        .width
        .saturating_sub(2 + time_w + 7 + 3 + code_w + 9 + device_w + 5 + u16::from(with_device))
        .max(8) as usize;
    let rows: Vec<Row> = (offset..(offset + visible_rows).min(n))
        .filter_map(|i| t.row(i))
        .map(|r| {
            let x = &r.exchange;
            let time = humantime::format_rfc3339_millis(x.started_at).to_string();
            let time = time
                .get(11..11 + time_w as usize)
                .unwrap_or(&time)
                .to_string();
            // A refused request shows where it wanted to go (its start: the
            // host); a path keeps its end (`…/sdk/sms/send`) when cut.
            let path = match &r.refused {
                Some(_) => ellipsize(&visible(&x.request.url), path_w),
                None => keep_end(&visible(&path_of(&x.request.url)), path_w),
            };
            let style = match (&r.refused, &x.outcome) {
                (Some(_), _) => theme::BAD,
                (None, Outcome::Success) => theme::OK,
                (None, Outcome::ApiError { .. }) => theme::WARN,
                _ => theme::BAD,
            };
            let mut cells = vec![
                Cell::from(time),
                Cell::from(visible(&x.request.method).into_owned()),
                Cell::from(path),
                Cell::from(status(r)),
                Cell::from(code(r, lang)),
                Cell::from(format!("{:.1} ms", x.timing.total.as_secs_f64() * 1e3)),
            ];
            if with_device {
                cells.push(Cell::from(ellipsize(
                    &visible(&device(&x.request, lang)),
                    device_w as usize,
                )));
            }
            Row::new(cells).style(style)
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(time_w),
        Constraint::Length(7),
        Constraint::Min(8),
        Constraint::Length(3),
        Constraint::Length(code_w),
        Constraint::Length(9),
    ];
    let mut header = vec![
        t!(lang, "tui-lists-col-time"),
        t!(lang, "tui-lists-col-method"),
        t!(lang, "tui-lists-col-path"),
        t!(lang, "tui-lists-col-status"),
        t!(lang, "tui-lists-col-code"),
        t!(lang, "tui-lists-col-took"),
    ];
    if with_device {
        widths.push(Constraint::Length(device_w));
        header.push(t!(lang, "tui-lists-col-device"));
    }
    let table = Table::new(rows, widths)
        .header(
            Row::new(header)
                .themed(theme::STRONG)
                .themed(theme::UNDERLINE),
        )
        .row_highlight_style(theme::SELECTED)
        .block(block);
    let mut st = TableState::default().with_selected(Some(sel - offset));
    f.render_stateful_widget(table, list_area, &mut st);
}

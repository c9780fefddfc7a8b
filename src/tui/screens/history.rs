//! The history of exchanges (F3): open one, or send it again with a fresh token.

use super::super::app::{App, Cmd, PANES, Screen, Step};
use super::super::keymap::{Action, Binding, ch, key, plain};
use crossterm::event::KeyCode;

/// What the history list keeps between key presses.
#[derive(Debug, Default)]
pub struct ListState {
    /// The selected row.
    pub sel: usize,
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
    key(
        &[ch('r')],
        Action::Resend,
        "r",
        "tui-keys-resend-fresh-token",
    ),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "tui-keys-back"),
    key(&[ch('q')], Action::Quit, "q", "tui-keys-quit"),
    key(
        &[ch('w')],
        Action::ExportHar,
        "w/W",
        "tui-keys-har-this-all",
    )
    .help_only(),
    key(&[ch('W')], Action::ExportAllHar, "w/W", "").grouped(),
    key(
        &[plain(KeyCode::Home)],
        Action::Top,
        "Home/End",
        "tui-keys-first-last",
    )
    .help_only(),
    key(&[plain(KeyCode::End)], Action::Bottom, "Home/End", "").grouped(),
    key(&[ch('h')], Action::OpenHeaders, "h", "tui-keys-headers").help_only(),
];

/// Open the list at the exchange on screen (Esc comes back here).
pub(crate) fn open(app: &mut App) -> Vec<Cmd> {
    if !matches!(
        app.screen,
        Screen::Headers | Screen::History | Screen::Sending
    ) {
        app.back_to = app.screen;
    }
    app.screen = Screen::History;
    if !app.history.is_empty() {
        app.history_list.sel = app.current.unwrap_or(app.history.len() - 1);
    }
    vec![]
}

/// Esc from the headers editor and the history: where they were opened from.
pub(crate) fn go_back(app: &mut App) {
    app.screen = match app.back_to {
        Screen::Result if app.current.is_none() => Screen::Wizard(Step::Review),
        s => s,
    };
}

pub(crate) fn on_action(app: &mut App, action: Action) -> Vec<Cmd> {
    let n = app.history.len();
    match action {
        Action::Up => app.history_list.sel = app.history_list.sel.saturating_sub(1),
        Action::Down => app.history_list.sel = (app.history_list.sel + 1).min(n.saturating_sub(1)),
        Action::Top => app.history_list.sel = 0,
        Action::Bottom => app.history_list.sel = n.saturating_sub(1),
        Action::Accept if n > 0 => show(app, app.history_list.sel.min(n - 1)),
        Action::Resend if n > 0 => {
            app.current = Some(app.history_list.sel.min(n - 1));
            return super::result::retry_fresh(app, true);
        }
        Action::ExportHar if n > 0 => {
            let r = &app.history[app.history_list.sel.min(n - 1)];
            return vec![export_cmd(app, std::slice::from_ref(r))];
        }
        Action::ExportAllHar if n > 0 => return vec![export_cmd(app, &app.history)],
        Action::ExportHar | Action::ExportAllHar => app.error(crate::t!(
            app.ui_lang,
            "tui-lists-history-nothing-to-export"
        )),
        Action::Back => go_back(app),
        _ => {}
    }
    vec![]
}

/// Write these records' exchanges (each send, and its code's consumers) as one HAR 1.2
/// file; masked when masking is on.
pub(crate) fn export_cmd(app: &App, records: &[crate::tui::record::Record]) -> Cmd {
    let mut xs = Vec::new();
    for r in records {
        xs.push(r.exchange.clone());
        xs.extend(r.consumer_exchanges().cloned());
    }
    if app.redact {
        let mut red = crate::client::report::Redactor::new();
        for x in &xs {
            red.learn(x);
        }
        xs = xs.iter().map(|x| red.exchange(x)).collect();
    }
    Cmd::ExportHar(xs)
}

/// Show exchange `i` on the result screen (Esc comes back to the list).
pub(crate) fn show(app: &mut App, i: usize) {
    app.current = Some(i);
    app.panes.scroll = [0; PANES];
    app.screen = Screen::Result;
    app.result_from_history = true;
}

/// A click on row `i`: open it when already selected.
pub(crate) fn click_row(app: &mut App, i: usize) {
    if app.history_list.sel == i && i < app.history.len() {
        show(app, i);
    } else {
        app.history_list.sel = i.min(app.history.len().saturating_sub(1));
    }
}

// ---- drawing ------------------------------------------------------------------------

use crate::api;
use crate::tui::layout;
use crate::tui::record::{Record, Source};
use crate::tui::theme::{self, Themed};
use crate::tui::view::focused_block;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

pub(crate) fn history(app: &App, f: &mut Frame, body: Rect) {
    if app.history.is_empty() {
        f.render_widget(
            Paragraph::new(crate::t!(app.ui_lang, "tui-lists-history-empty")).block(
                Block::bordered().title(format!(
                    " {} ",
                    crate::t!(app.ui_lang, "tui-lists-history-title")
                )),
            ),
            body,
        );
        return;
    }
    let cols = Columns::of(app, body.width);
    let lang = app.ui_lang;
    let rows: Vec<Row> = app.history.iter().map(|r| cols.row(r, lang)).collect();
    let table = Table::new(rows, cols.widths())
        .header(
            Row::new(cols.header(lang))
                .themed(theme::STRONG)
                .themed(theme::UNDERLINE),
        )
        .row_highlight_style(theme::SELECTED)
        .block(focused_block(
            format!(
                " {} ",
                crate::t!(
                    app.ui_lang,
                    "tui-lists-history-title-n",
                    n = app.history.len()
                )
            ),
            true,
        ));
    let mut st = TableState::default().with_selected(Some(app.history_list.sel));
    *st.offset_mut() = layout::list_offset(app.history_list.sel, app.history.len(), body.height);
    f.render_stateful_widget(table, body, &mut st);
}

/// Which columns the list has: where an exchange came from (TUI, CLI,
/// proxy) and its target only when the records differ in them (or from the
/// target in the header line); then a narrow window drops the date and cuts
/// the target short.
struct Columns {
    from: bool,
    target: bool,
    narrow: bool,
    /// Masking is on (`x`): mobiles are masked here as everywhere else.
    redact: bool,
}

impl Columns {
    fn of(app: &App, width: u16) -> Columns {
        let here = crate::client::history::host_port(&app.target.base_url);
        let from = app.history.iter().any(|r| r.source != Source::Tui);
        let target = app.history.iter().any(|r| r.target() != here);
        Columns {
            from,
            target,
            narrow: (from || target) && width < 100,
            redact: app.redact,
        }
    }

    fn mobile_w(&self) -> usize {
        if self.from || self.target { 11 } else { 12 }
    }

    fn target_w(&self) -> u16 {
        if self.narrow { 15 } else { 21 }
    }

    fn header(&self, lang: crate::api::Lang) -> Vec<String> {
        use crate::t;
        let mut h = vec![t!(lang, "tui-lists-col-time")];
        if self.from {
            h.push(t!(lang, "tui-lists-col-from"));
        }
        if self.target {
            h.push(t!(lang, "tui-lists-col-target"));
        }
        h.extend([
            t!(lang, "tui-lists-col-scene"),
            t!(lang, "tui-lists-col-mobile"),
            t!(lang, "tui-lists-col-result"),
            t!(lang, "tui-lists-col-took"),
        ]);
        h
    }

    fn widths(&self) -> Vec<Constraint> {
        let mut w = vec![Constraint::Length(if self.narrow { 8 } else { 14 })];
        if self.from {
            w.push(Constraint::Length(5));
        }
        if self.target {
            w.push(Constraint::Length(self.target_w()));
        }
        w.extend([
            Constraint::Length(if self.narrow { 12 } else { 16 }),
            Constraint::Length(self.mobile_w() as u16),
            Constraint::Min(12),
            Constraint::Length(if self.from || self.target { 8 } else { 9 }),
        ]);
        w
    }

    fn row(&self, r: &Record, lang: crate::api::Lang) -> Row<'static> {
        let t = humantime::format_rfc3339_seconds(r.exchange.started_at).to_string();
        let time = if self.narrow {
            t.get(11..19).unwrap_or(&t).to_string()
        } else {
            format!(
                "{} {}",
                t.get(5..10).unwrap_or(""),
                t.get(11..19).unwrap_or(&t)
            )
        };
        let mut cells = vec![Cell::from(time)];
        if self.from {
            cells.push(Cell::from(source_label(r.source, lang)));
        }
        if self.target {
            cells.push(Cell::from(crate::tui::view::ellipsize(
                &crate::api::text::visible(&r.target()),
                self.target_w() as usize,
            )));
        }
        cells.extend([
            Cell::from(r.scene()),
            Cell::from(crate::tui::view::ellipsize(
                &api::text::visible(&if self.redact {
                    api::redact::mobile(&r.mobile())
                } else {
                    r.mobile()
                }),
                self.mobile_w(),
            )),
            Cell::from(
                crate::tui::record::outcome_label_in(&r.exchange.outcome, lang)
                    .replace("IDAAS.SDK.", ""),
            ),
            Cell::from(format!(
                "{:.1} ms",
                r.exchange.timing.total.as_secs_f64() * 1000.0
            )),
        ]);
        let ok = r.exchange.outcome == crate::client::Outcome::Success;
        Row::new(cells).style(if ok { theme::OK } else { theme::PLAIN })
    }
}

/// Where an exchange was made (the history's "from" column), in `lang`.
pub fn source_label(s: Source, lang: crate::api::Lang) -> String {
    match s {
        Source::Tui => crate::t!(lang, "tui-lists-source-tui"),
        Source::Cli => crate::t!(lang, "tui-lists-source-cli"),
        Source::Proxy => crate::t!(lang, "tui-lists-source-proxy"),
    }
}

//! Waiting for the answer (Esc gives up), and starting a send.

use super::super::app::{App, Busy, Cmd, Screen, Step};
use super::super::keymap::{Action, Binding, Key, key, plain};
use crate::client::RequestSpec;
use crossterm::event::KeyCode;

pub const KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Esc)],
        Action::Cancel,
        "Esc",
        "tui-keys-cancel",
    ),
    key(&[Key::Ctrl('c')], Action::Quit, "Ctrl+C", "tui-keys-quit"),
];

pub(crate) fn on_action(app: &mut App, action: Action) -> Vec<Cmd> {
    if action != Action::Cancel {
        return vec![];
    }
    match app.busy {
        // The runtime aborts the task and answers with a Cancelled exchange.
        Some(Busy::Send { id } | Busy::Consume { id }) => vec![Cmd::Cancel { id }],
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
            app.notice(crate::t!(app.ui_lang, "tui-flow-stopped-waiting"));
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

/// Send the request built from the current inputs.
pub(crate) fn send(app: &mut App) -> Vec<Cmd> {
    let spec = app.send_spec();
    send_spec(app, spec)
}

pub(crate) fn send_spec(app: &mut App, spec: RequestSpec) -> Vec<Cmd> {
    if app.busy.is_some() {
        app.error(crate::t!(app.ui_lang, "tui-flow-in-flight"));
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

// ---- drawing ------------------------------------------------------------------------

use crate::api;
use crate::tui::theme::{self, Themed};
use crate::tui::view::{SPINNER, centered};
use crate::tui::wrap::wrap_text;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Paragraph};

pub(crate) fn sending(app: &App, f: &mut Frame, body: Rect) {
    let lang = app.ui_lang;
    let what = match &app.busy {
        Some(Busy::Token) => crate::t!(lang, "tui-flow-sending-token"),
        Some(Busy::Consume { .. }) => crate::t!(lang, "tui-flow-sending-consume"),
        _ => crate::t!(
            lang,
            "tui-flow-sending-post",
            path = api::paths::SMS_SEND,
            url = app.target.base_url.as_str()
        ),
    };
    let elapsed = format!("{:.1}", crate::tui::view::elapsed(app));
    let lines = vec![
        Line::from(""),
        Line::from(format!("{}  {what}", SPINNER[app.spinner % SPINNER.len()]))
            .themed(theme::STRONG),
        Line::from(""),
        Line::from(match app.timeout {
            Some(t) => crate::t!(
                lang,
                "tui-flow-elapsed-limit",
                s = elapsed,
                limit = t.as_secs()
            ),
            None => crate::t!(lang, "tui-flow-elapsed", s = elapsed),
        }),
        Line::from(""),
        Line::from(crate::t!(lang, "tui-flow-sending-esc")).themed(theme::MUTED),
    ];
    let area = centered(body, 70.min(body.width), 8.min(body.height));
    let block = Block::bordered();
    // centred lines: wrapped without a hanging indent
    let text = Text::from(lines).alignment(Alignment::Center);
    let text = wrap_text(&text, block.inner(area).width);
    f.render_widget(Paragraph::new(text).block(block), area);
}

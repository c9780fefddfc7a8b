//! The help overlay (F1 or ?): this screen's keys and the global ones.

use super::super::app::{App, Cmd};
use super::super::keymap::{Action, Binding, ch, key, plain};
use crossterm::event::KeyCode;

pub const KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Down), ch('j')],
        Action::Down,
        "↑↓ jk",
        "scroll",
    ),
    key(&[plain(KeyCode::Up), ch('k')], Action::Up, "↑↓ jk", "").grouped(),
    key(
        &[plain(KeyCode::PageDown), ch(' ')],
        Action::PageDown,
        "PgUp PgDn Space",
        "page",
    ),
    key(
        &[plain(KeyCode::PageUp)],
        Action::PageUp,
        "PgUp PgDn Space",
        "",
    )
    .grouped(),
    key(
        &[
            plain(KeyCode::Esc),
            ch('?'),
            plain(KeyCode::F(1)),
            ch('q'),
            plain(KeyCode::Enter),
        ],
        Action::Back,
        "Esc ? F1 q Enter",
        "closes this help",
    ),
];

/// The overlay's own keys, as its last line says them.
pub(crate) fn keys_line() -> String {
    KEYS.iter()
        .filter(|b| b.show != super::super::keymap::Show::Grouped)
        .map(|b| format!("{} {}", b.label, b.desc))
        .collect::<Vec<_>>()
        .join(" · ")
}

pub(crate) fn on_action(app: &mut App, action: Action) -> Vec<Cmd> {
    let max = app.help_max.get();
    match action {
        Action::Back => {
            app.help = false;
            app.help_scroll = 0;
        }
        Action::Down => app.help_scroll = (app.help_scroll + 1).min(max),
        Action::Up => app.help_scroll = app.help_scroll.saturating_sub(1),
        Action::PageDown => app.help_scroll = (app.help_scroll + 10).min(max),
        Action::PageUp => app.help_scroll = app.help_scroll.saturating_sub(10),
        _ => {}
    }
    vec![]
}

// ---- drawing ------------------------------------------------------------------------

use crate::tui::keymap;
use crate::tui::theme::{self, Themed};
use crate::tui::view::{centered, max_scroll};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// The help overlay's text for the current screen.
pub(crate) fn help_lines(app: &App) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from("The flow: captcha token → scene → mobile → review → send → result.")
            .themed(theme::STRONG),
        Line::from("Enter accepts and moves on, Esc goes back, Tab moves to the next step."),
        Line::from(""),
    ];
    let screen = keymap::help(app);
    let global: Vec<(&str, &str)> = keymap::GLOBAL
        .iter()
        .filter(|b| (b.shown)(app))
        .map(|b| (b.label, b.desc))
        .collect();
    let cell = |k: &(&str, &str)| {
        vec![
            Span::styled(format!(" {:<13}", k.0), theme::KEY),
            Span::raw(format!("{:<20}", k.1)),
        ]
    };
    // Two columns of keys: this screen on the left, everywhere on the right.
    lines.push(Line::from(vec![
        Span::raw(format!("{:<34}", "This screen"))
            .themed(theme::STRONG)
            .themed(theme::UNDERLINE),
        Span::raw("Everywhere").themed(theme::HEADING),
    ]));
    for i in 0..screen.len().max(global.len()) {
        let mut spans = match screen.get(i) {
            Some(k) => cell(k),
            None => vec![Span::raw(" ".repeat(34))],
        };
        if let Some(k) = global.get(i) {
            spans.extend(cell(k));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));
    lines.push(
        Line::from("Mouse: click steps, list rows and panes; the wheel scrolls.")
            .themed(theme::MUTED),
    );
    lines.push(Line::from(keys_line()).themed(theme::MUTED));
    lines
}

/// Where the help overlay goes and how far it can scroll.
pub(crate) fn help_layout(app: &App, area: Rect) -> (Rect, Paragraph<'static>, u16) {
    let lines = help_lines(app);
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = centered(area, 76.min(area.width), h);
    let p = Paragraph::new(lines).wrap(Wrap { trim: false });
    let max = max_scroll(&p, r);
    (r, p, max)
}

/// How far the help overlay can scroll at the app's size.
pub(crate) fn help_max_scroll(app: &App) -> u16 {
    help_layout(app, Rect::new(0, 0, app.size.0, app.size.1)).2
}

pub(crate) fn help(app: &App, f: &mut Frame, area: Rect) {
    let (r, p, max) = help_layout(app, area);
    app.help_max.set(max);
    let pos = app.help_scroll.min(max);
    let mut block = Block::bordered()
        .title(" Help ")
        .border_type(BorderType::Double);
    if max > 0 {
        block = block
            .title_bottom(Line::from(format!(" {pos}/{max} ↑↓ more ")).alignment(Alignment::Right));
    }
    f.render_widget(Clear, r);
    f.render_widget(p.scroll((pos, 0)).block(block), r);
}

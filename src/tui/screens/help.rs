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
    let max = super::super::view::help_max_scroll(app);
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

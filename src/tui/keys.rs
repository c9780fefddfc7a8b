//! The key table: one source for the footer and the help overlay.

use super::app::{App, HeaderEdit, Screen, Step, login_available};

pub type Key = (&'static str, &'static str);

/// Keys that work on every screen.
pub const GLOBAL: [Key; 5] = [
    ("Ctrl+C", "quit (always)"),
    ("F1 / ?", "help (? when not typing)"),
    ("F2", "device headers editor"),
    ("F3", "history of exchanges"),
    ("F4", "check: run the suite"),
];

/// The keys that work on the current screen, most useful first.
pub fn for_screen(app: &App) -> Vec<Key> {
    if app.copy_menu {
        return vec![
            ("1", "copy as curl"),
            ("2", "copy response body"),
            ("3", "copy report"),
            ("4", "save report to file"),
            ("Esc", "close"),
        ];
    }
    match app.screen {
        Screen::Wizard(Step::Token) => {
            let mut k = vec![("Enter", "next"), ("Ctrl+P", "solve puzzle")];
            if app.target.has_sim_helpers() {
                k.push(("Ctrl+G", "get token"));
            }
            k.extend([
                ("Tab", "next step"),
                ("F2", "headers"),
                ("F3", "history"),
                ("Ctrl+C", "quit"),
            ]);
            k
        }
        Screen::Wizard(Step::Scene) if app.editing_other => {
            vec![("Enter", "use this value"), ("Esc", "back to list")]
        }
        Screen::Wizard(Step::Scene) => vec![
            ("↑↓/jk", "move"),
            ("Enter", "choose"),
            ("Esc", "back"),
            ("h", "headers"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Screen::Wizard(Step::Mobile) => vec![
            ("Enter", "next"),
            ("Esc", "back"),
            ("Ctrl+G", "get token"),
            ("F2", "headers"),
            ("F3", "history"),
            ("Ctrl+C", "quit"),
        ],
        Screen::Wizard(Step::Review) => vec![
            ("Enter", "send"),
            ("Esc", "back"),
            ("h", "headers"),
            ("t/s/m", "token/scene/mobile"),
            ("g", "new token"),
            ("c", "copy curl"),
            ("x", "mask"),
            ("q", "quit"),
        ],
        Screen::Sending => vec![("Esc", "cancel"), ("Ctrl+C", "quit")],
        Screen::Result => {
            let mut k = vec![("Tab/1-3", "pane"), ("↑↓ PgUp/PgDn", "scroll")];
            if login_available(app) {
                k.push(("l", "log in with code"));
            }
            k.extend([
                ("r", "retry fresh token"),
                ("e", "headers"),
                ("s", "scene"),
                ("n", "new"),
                ("c", "copy"),
                ("w", "save"),
                ("x", "mask"),
                ("y", "history"),
                ("Esc", "review"),
                ("q", "quit"),
            ]);
            k
        }
        Screen::Headers => match app.header_edit {
            Some(HeaderEdit::Value(_)) => vec![("Enter", "set value"), ("Esc", "cancel")],
            Some(HeaderEdit::New(_)) => vec![("Enter", "add  Name: value"), ("Esc", "cancel")],
            None => vec![
                ("↑↓", "move"),
                ("Enter", "edit"),
                ("Space", "send/omit"),
                ("b", "blank"),
                ("p", "preset"),
                ("f", "new fingerprint"),
                ("a", "add"),
                ("d", "delete"),
                ("s", "save to profile"),
                ("Esc", "back"),
            ],
        },
        Screen::Check => super::check::keys(app),
        Screen::Puzzle if app.puzzle.editing_mobile => {
            vec![("Enter", "verify"), ("Esc", "back to slider")]
        }
        Screen::Puzzle => {
            let failed = matches!(app.puzzle.phase, super::puzzle::Phase::Failed { .. });
            let mut k = if failed {
                vec![("r/Enter", "new puzzle")]
            } else {
                vec![
                    ("←→", "1 px"),
                    ("Shift+←→", "10 px"),
                    ("Enter", "verify"),
                    ("r", "new puzzle"),
                ]
            };
            // A check case brings its own sender: no mobile to edit then.
            if app.puzzle.for_check.is_none() {
                k.push(("m", "mobile"));
            }
            k.push((
                "Esc",
                if app.puzzle.for_check.is_some() {
                    "skip (no token)"
                } else {
                    "back"
                },
            ));
            if !failed {
                k.extend([
                    ("PgUp/PgDn", "10 px"),
                    ("Home/End", "ends"),
                    ("drag", "slide with the mouse"),
                    ("q", "quit"),
                ]);
            }
            k
        }
        Screen::History => vec![
            ("↑↓", "move"),
            ("Enter", "open"),
            ("r", "resend (fresh token)"),
            ("Esc", "back"),
            ("q", "quit"),
        ],
    }
}

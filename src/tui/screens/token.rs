//! Step 1: the captcha pass token (typed, pasted, fetched or solved).

use super::super::app::{App, Cmd, Screen, Step};
use super::super::keymap::{Action, Binding, Key, key, plain};
use super::wizard;
use crossterm::event::KeyCode;

pub const KEYS: &[Binding] = &[
    key(&[plain(KeyCode::Enter)], Action::Accept, "Enter", "next"),
    key(
        &[Key::Ctrl('p')],
        Action::SolvePuzzle,
        "Ctrl+P",
        "solve puzzle",
    ),
    key(&[Key::Ctrl('g')], Action::GetToken, "Ctrl+G", "get token")
        .shown_when(|a| a.target.has_sim_helpers()),
    key(&[plain(KeyCode::Tab)], Action::NextStep, "Tab", "next step"),
    key(
        &[plain(KeyCode::F(2))],
        Action::OpenHeaders,
        "F2",
        "headers",
    ),
    key(
        &[plain(KeyCode::F(3))],
        Action::OpenHistory,
        "F3",
        "history",
    ),
    key(&[Key::Ctrl('c')], Action::Quit, "Ctrl+C", "quit"),
    key(
        &[plain(KeyCode::BackTab)],
        Action::PrevStep,
        "Shift+Tab",
        "previous step",
    )
    .help_only(),
    key(
        &[plain(KeyCode::Esc)],
        Action::Back,
        "Esc",
        "(first step: nothing before)",
    )
    .help_only(),
];

pub(crate) fn on_action(app: &mut App, action: Action) -> Vec<Cmd> {
    match action {
        Action::Accept => app.screen = Screen::Wizard(Step::Scene),
        Action::Back => app.notice("this is the first step: Ctrl+C quits, F1 shows help"),
        Action::GetToken => return wizard::fetch_token(app),
        Action::SolvePuzzle => return super::puzzle::open(app),
        Action::NextStep => return wizard::step_by(app, true),
        Action::PrevStep => return wizard::step_by(app, false),
        _ => {}
    }
    vec![]
}

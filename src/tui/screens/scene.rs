//! Step 2: the scene (`type`), one of the six or another value typed in.

use super::super::app::{App, Cmd, SCENE_OTHER, Screen, Step};
use super::super::keymap::{Action, Binding, Key, ch, key, plain};
use super::wizard;
use crossterm::event::{KeyCode, KeyEvent};

fn not_typing(app: &App) -> bool {
    !app.typing()
}

pub const KEYS: &[Binding] = &[
    key(&[plain(KeyCode::Up), ch('k')], Action::Up, "↑↓/jk", "move"),
    key(
        &[plain(KeyCode::Down), ch('j')],
        Action::Down,
        "↑↓/jk",
        "move",
    )
    .grouped(),
    key(&[plain(KeyCode::Enter)], Action::Accept, "Enter", "choose"),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "back"),
    key(&[ch('h')], Action::OpenHeaders, "h", "headers").when(not_typing),
    key(&[ch('?')], Action::Help, "?", "help"),
    key(&[ch('q')], Action::Quit, "q", "quit").when(not_typing),
    key(
        &[Key::Chars('1', '7')],
        Action::Pick,
        "1-7",
        "choose the row",
    )
    .help_only(),
    key(
        &[plain(KeyCode::Home)],
        Action::Top,
        "Home/End",
        "first / last row",
    )
    .help_only(),
    key(
        &[plain(KeyCode::End)],
        Action::Bottom,
        "Home/End",
        "first / last row",
    )
    .grouped(),
    key(&[ch('y')], Action::OpenHistory, "y", "history")
        .help_only()
        .when(not_typing),
    key(
        &[plain(KeyCode::Tab)],
        Action::NextStep,
        "Tab/Shift+Tab",
        "next / previous step",
    )
    .help_only(),
    key(
        &[plain(KeyCode::BackTab)],
        Action::PrevStep,
        "Tab/Shift+Tab",
        "",
    )
    .grouped(),
];

/// Typing another scene value.
pub const OTHER_KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Enter)],
        Action::Accept,
        "Enter",
        "use this value",
    ),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "back to list"),
    key(
        &[plain(KeyCode::Tab)],
        Action::NextStep,
        "Tab/Shift+Tab",
        "next / previous step",
    )
    .help_only(),
    key(
        &[plain(KeyCode::BackTab)],
        Action::PrevStep,
        "Tab/Shift+Tab",
        "",
    )
    .grouped(),
];

pub(crate) fn on_action(app: &mut App, action: Action, k: KeyEvent) -> Vec<Cmd> {
    if app.editing_other {
        match action {
            Action::Accept => {
                app.editing_other = false;
                app.screen = Screen::Wizard(wizard::after_scene(app));
            }
            Action::Back => app.editing_other = false,
            Action::NextStep => return wizard::step_by(app, true),
            Action::PrevStep => return wizard::step_by(app, false),
            _ => {}
        }
        return vec![];
    }
    match action {
        Action::Up => app.scene_sel = app.scene_sel.saturating_sub(1),
        Action::Down => app.scene_sel = (app.scene_sel + 1).min(SCENE_OTHER),
        Action::Top => app.scene_sel = 0,
        Action::Bottom => app.scene_sel = SCENE_OTHER,
        Action::Pick => {
            if let KeyCode::Char(c @ '1'..='9') = k.code {
                app.scene_sel = (c as usize - '1' as usize).min(SCENE_OTHER);
            }
        }
        Action::Accept => {
            if app.scene_sel == SCENE_OTHER {
                app.editing_other = true;
            } else {
                app.screen = Screen::Wizard(wizard::after_scene(app));
            }
        }
        Action::Back => app.screen = Screen::Wizard(Step::Token),
        Action::NextStep => return wizard::step_by(app, true),
        Action::PrevStep => return wizard::step_by(app, false),
        _ => {}
    }
    vec![]
}

/// A click on row `i` of the list: choose it when already selected.
pub(crate) fn click_row(app: &mut App, i: usize) {
    if app.scene_sel == i && i < SCENE_OTHER {
        app.screen = Screen::Wizard(wizard::after_scene(app));
    } else {
        app.scene_sel = i.min(SCENE_OTHER);
        app.editing_other = i == SCENE_OTHER;
    }
}

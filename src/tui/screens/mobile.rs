//! Step 3: the mobile number (also the captcha's sender).

use super::super::app::{App, Cmd, Screen, Step};
use super::super::keymap::{Action, Binding, Key, key, plain};
use super::wizard;
use crossterm::event::KeyCode;

pub const KEYS: &[Binding] = &[
    key(&[plain(KeyCode::Enter)], Action::Accept, "Enter", "next"),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "back"),
    key(&[Key::Ctrl('g')], Action::GetToken, "Ctrl+G", "get token"),
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

pub(crate) fn on_action(app: &mut App, action: Action) -> Vec<Cmd> {
    match action {
        Action::Accept => {
            if app.token_after_mobile {
                app.token_after_mobile = false;
                if app.mobile.value().trim().is_empty() {
                    app.error("enter the mobile number first: the captcha is bound to it");
                    app.token_after_mobile = true;
                    return vec![];
                }
                app.screen = Screen::Wizard(Step::Token);
                return wizard::fetch_token(app);
            }
            app.screen = Screen::Wizard(Step::Review);
        }
        Action::Back => {
            app.token_after_mobile = false;
            app.screen = Screen::Wizard(Step::Scene);
        }
        Action::GetToken => return wizard::fetch_token(app),
        Action::NextStep => return wizard::step_by(app, true),
        Action::PrevStep => return wizard::step_by(app, false),
        _ => {}
    }
    vec![]
}

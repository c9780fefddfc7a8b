//! What the four steps of the guided flow share: moving between steps,
//! typing into a field, getting a pass token.

use super::super::app::{App, Busy, Cmd, Screen, Step};
use crossterm::event::KeyEvent;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler as _;

/// Tab / Shift+Tab: the next or previous step.
pub(crate) fn step_by(app: &mut App, forward: bool) -> Vec<Cmd> {
    if let Screen::Wizard(step) = app.screen {
        app.editing_other = false;
        app.screen = Screen::Wizard(if forward { step.next() } else { step.prev() });
    }
    vec![]
}

/// A key typed into a text field.
pub(crate) fn input_key(input: &mut Input, k: &KeyEvent) {
    input.handle_event(&crossterm::event::Event::Key(*k));
}

/// After the scene: the mobile step, or straight to review when the number is
/// already there (e.g. it was asked for first, as the captcha's sender).
pub(crate) fn after_scene(app: &App) -> Step {
    if app.mobile.value().trim().is_empty() {
        Step::Mobile
    } else {
        Step::Review
    }
}

/// Start obtaining a pass token from the simulator (captcha get, solve, verify).
pub(crate) fn fetch_token(app: &mut App) -> Vec<Cmd> {
    if !app.target.has_sim_helpers() {
        app.error(
            "automatic tokens need the simulator: paste the captcha_token your app got from captcha/verify",
        );
        return vec![];
    }
    if app.busy.is_some() {
        return vec![];
    }
    let mobile = app.mobile.value().trim().to_string();
    if mobile.is_empty() {
        app.token_after_mobile = true;
        app.screen = Screen::Wizard(Step::Mobile);
        app.notice(
            "enter the mobile number first (the captcha's sender), then Enter gets the token",
        );
        return vec![];
    }
    app.start_busy(Busy::Token);
    vec![Cmd::FetchToken {
        mobile,
        headers: app.base_headers.clone(),
    }]
}

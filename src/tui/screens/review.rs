//! Step 4: the request as it will be sent, its warnings, and the send.

use super::super::app::{App, Cmd, Screen, Step};
use super::super::keymap::{Action, Binding, ch, key, plain};
use super::wizard;
use crossterm::event::KeyCode;

pub const KEYS: &[Binding] = &[
    key(&[plain(KeyCode::Enter)], Action::Send, "Enter", "send"),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "back"),
    key(&[ch('h')], Action::OpenHeaders, "h", "headers"),
    key(&[ch('t')], Action::GoToken, "t/s/m", "token/scene/mobile"),
    key(&[ch('s')], Action::GoScene, "t/s/m", "").grouped(),
    key(&[ch('m')], Action::GoMobile, "t/s/m", "").grouped(),
    key(&[ch('g')], Action::GetToken, "g", "new token"),
    key(&[ch('c')], Action::CopyCurl, "c", "copy curl"),
    key(&[ch('x')], Action::ToggleMask, "x", "mask"),
    key(&[ch('q')], Action::Quit, "q", "quit"),
    key(
        &[plain(KeyCode::Down), ch('j')],
        Action::Down,
        "↑↓/jk",
        "scroll",
    )
    .help_only(),
    key(&[plain(KeyCode::Up), ch('k')], Action::Up, "↑↓/jk", "").grouped(),
    key(
        &[plain(KeyCode::PageDown)],
        Action::PageDown,
        "PgUp/PgDn",
        "scroll a page",
    )
    .help_only(),
    key(&[plain(KeyCode::PageUp)], Action::PageUp, "PgUp/PgDn", "").grouped(),
    key(
        &[plain(KeyCode::Home)],
        Action::Top,
        "Home/End",
        "top / bottom",
    )
    .help_only(),
    key(&[plain(KeyCode::End)], Action::Bottom, "Home/End", "").grouped(),
    key(&[ch('y')], Action::OpenHistory, "y", "history").help_only(),
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
        Action::Send => return super::sending::send(app),
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => scroll(app, action),
        Action::Back => app.screen = Screen::Wizard(Step::Mobile),
        Action::GoToken => app.screen = Screen::Wizard(Step::Token),
        Action::GoScene => app.screen = Screen::Wizard(Step::Scene),
        Action::GoMobile => app.screen = Screen::Wizard(Step::Mobile),
        Action::GetToken => return wizard::fetch_token(app),
        Action::CopyCurl => {
            let text = super::super::record::curl(&app.send_spec(), app.redact);
            return vec![Cmd::Copy {
                what: "curl command",
                text,
            }];
        }
        Action::ToggleMask => app.redact = !app.redact,
        Action::NextStep => return wizard::step_by(app, true),
        Action::PrevStep => return wizard::step_by(app, false),
        _ => {}
    }
    vec![]
}

fn scroll(app: &mut App, action: Action) {
    let max = super::super::view::review_max_scroll(app);
    let page = app.size.1.saturating_sub(6).max(1);
    let cur = app.scroll[0].min(max);
    app.scroll[0] = match action {
        Action::Down => cur.saturating_add(1),
        Action::Up => cur.saturating_sub(1),
        Action::PageDown => cur.saturating_add(page),
        Action::PageUp => cur.saturating_sub(page),
        Action::Top => 0,
        _ => max,
    }
    .min(max);
}

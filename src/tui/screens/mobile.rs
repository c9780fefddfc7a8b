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

// ---- drawing ------------------------------------------------------------------------

use crate::api::{self, Scene};
use crate::tui::theme::{self, Themed};
use crate::tui::view::{input_box, shown_mobile};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub(crate) fn mobile_step(app: &App, f: &mut Frame, area: Rect) {
    let [intro, field, hint] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(3),
        Constraint::Min(1),
    ])
    .areas(area);
    let intro_text = if app.token_after_mobile {
        "The captcha is bound to this number (its sender). Enter gets the token."
    } else {
        "The number that receives the code."
    };
    f.render_widget(Paragraph::new(intro_text).wrap(Wrap { trim: false }), intro);
    input_box(f, field, &app.mobile, " Mobile number ", true);
    let v = app.mobile.value();
    let mut lines = vec![if api::mobile::is_valid(v) {
        Line::from(api::mobile::hint(v)).themed(theme::OK)
    } else if v.is_empty() {
        Line::from("(empty: the server answers IDAAS.SDK.USER.0004)").themed(theme::MUTED)
    } else {
        Line::from(api::mobile::hint(v)).themed(theme::WARN)
    }];
    if app.scene_value() == Scene::UpdatePwdSms.code() && !v.starts_with('+') {
        lines.push(
            Line::from("! UPDATE_PWD_SMS: the documentation asks for the full +area code")
                .themed(theme::WARN),
        );
    }
    if let Some(sender) = app.current_token_meta().and_then(|m| m.sender.as_deref())
        && !v.is_empty()
        && sender != v
    {
        lines.push(
            Line::from(format!(
                "! the captcha token was verified for {}: CAPTCHA.0004 expected",
                shown_mobile(app, sender)
            ))
            .themed(theme::WARN),
        );
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), hint);
}

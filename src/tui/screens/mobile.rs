//! Step 3: the mobile number (also the captcha's sender).

use super::super::app::{App, Cmd, Screen, Step};
use super::super::keymap::{Action, Binding, Key, key, plain};
use super::wizard;
use crossterm::event::KeyCode;

pub const KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Enter)],
        Action::Accept,
        "Enter",
        "tui-keys-next",
    ),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "tui-keys-back"),
    key(
        &[Key::Ctrl('g')],
        Action::GetToken,
        "Ctrl+G",
        "tui-keys-get-token",
    ),
    key(
        &[plain(KeyCode::F(2))],
        Action::OpenHeaders,
        "F2",
        "tui-keys-headers",
    ),
    key(
        &[plain(KeyCode::F(3))],
        Action::OpenHistory,
        "F3",
        "tui-keys-history",
    ),
    key(&[Key::Ctrl('c')], Action::Quit, "Ctrl+C", "tui-keys-quit"),
    key(
        &[plain(KeyCode::Tab)],
        Action::NextStep,
        "Tab/Shift+Tab",
        "tui-keys-next-previous-step",
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
            if let Some(asked_on) = app.token_after_mobile {
                if app.mobile.value().trim().is_empty() {
                    app.error(crate::t!(app.ui_lang, "tui-flow-mobile-first"));
                    return vec![];
                }
                app.token_after_mobile = None;
                // Back where the token was asked for; asked for here, the token
                // is fetched here and Enter goes on to the review once it came.
                app.screen = Screen::Wizard(asked_on);
                let cmds = wizard::fetch_token(app);
                app.review_after_token = asked_on == Step::Mobile && !cmds.is_empty();
                return cmds;
            }
            app.screen = Screen::Wizard(Step::Review);
        }
        Action::Back => {
            app.token_after_mobile = None;
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

use crate::api::{self, Lang, Scene};
use crate::t;
use crate::tui::theme::{self, Themed};
use crate::tui::view::{input_box, shown_mobile};
use crate::tui::wrap::wrap_text;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::Paragraph;

/// The live hint under the field (`api::mobile::hint`) in `lang`: digit count, area
/// code, validity.
pub fn hint_in(mobile: &str, lang: Lang) -> String {
    let digits = mobile.chars().filter(|c| c.is_ascii_digit()).count();
    let area = if mobile.starts_with('+') {
        t!(lang, "tui-flow-mobile-with-area")
    } else {
        t!(lang, "tui-flow-mobile-no-area")
    };
    match api::mobile::problem_in(mobile, lang) {
        None => t!(lang, "tui-flow-mobile-ok", digits = digits, area = area),
        Some(p) => t!(lang, "tui-flow-mobile-will-fail", problem = p),
    }
}

pub(crate) fn mobile_step(app: &App, f: &mut Frame, area: Rect) {
    let lang = app.ui_lang;
    let [intro, field, hint] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(3),
        Constraint::Min(1),
    ])
    .areas(area);
    let intro_text = if app.token_after_mobile.is_some() {
        t!(lang, "tui-flow-mobile-intro-sender")
    } else {
        t!(lang, "tui-flow-mobile-intro")
    };
    let intro_text = wrap_text(&Text::from(intro_text), intro.width);
    f.render_widget(Paragraph::new(intro_text), intro);
    let title = format!(" {} ", t!(lang, "tui-flow-mobile-box"));
    input_box(f, field, &app.mobile, &title, true);
    let v = app.mobile.value();
    let mut lines = vec![if api::mobile::is_valid(v) {
        Line::from(hint_in(v, lang)).themed(theme::OK)
    } else if v.is_empty() {
        Line::from(t!(lang, "tui-flow-mobile-empty")).themed(theme::MUTED)
    } else {
        Line::from(hint_in(v, lang)).themed(theme::WARN)
    }];
    if app.scene_value() == Scene::UpdatePwdSms.code() && !v.starts_with('+') {
        lines.push(
            Line::from(format!("! {}", t!(lang, "tui-flow-mobile-update-pwd"))).themed(theme::WARN),
        );
    }
    if let Some(sender) = app.current_token_meta().and_then(|m| m.sender.as_deref())
        && !v.is_empty()
        && sender != v
    {
        lines.push(
            Line::from(format!(
                "! {}",
                t!(
                    lang,
                    "tui-flow-mobile-sender-differs",
                    sender = shown_mobile(app, sender)
                )
            ))
            .themed(theme::WARN),
        );
    }
    let lines = wrap_text(&Text::from(lines), hint.width);
    f.render_widget(Paragraph::new(lines), hint);
}

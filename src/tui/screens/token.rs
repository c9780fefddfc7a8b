//! Step 1: the captcha pass token (typed, pasted, fetched or solved).

use super::super::app::{App, Busy, Cmd, Screen, Step, TokenMeta};
use super::super::keymap::{Action, Binding, Key, key, plain};
use super::wizard;
use crate::t;
use crossterm::event::KeyCode;
use tui_input::Input;

pub const KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Enter)],
        Action::Accept,
        "Enter",
        "tui-keys-next",
    ),
    key(
        &[Key::Ctrl('p')],
        Action::SolvePuzzle,
        "Ctrl+P",
        "tui-keys-solve-puzzle",
    ),
    key(
        &[Key::Ctrl('g')],
        Action::GetToken,
        "Ctrl+G",
        "tui-keys-get-token",
    )
    .shown_when(|a| a.auto_token()),
    key(
        &[Key::Ctrl('o')],
        Action::OpenImport,
        "Ctrl+O",
        "tui-keys-import-a-request",
    )
    .help_only(),
    key(
        &[plain(KeyCode::Tab)],
        Action::NextStep,
        "Tab",
        "tui-keys-next-step",
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
        &[plain(KeyCode::BackTab)],
        Action::PrevStep,
        "Shift+Tab",
        "tui-keys-previous-step",
    )
    .help_only(),
    key(
        &[plain(KeyCode::Esc)],
        Action::Back,
        "Esc",
        "tui-keys-first-step-nothing-before",
    )
    .help_only(),
];

pub(crate) fn on_action(app: &mut App, action: Action) -> Vec<Cmd> {
    match action {
        Action::Accept => app.screen = Screen::Wizard(Step::Scene),
        Action::Back => app.notice(t!(app.ui_lang, "tui-token-first-step")),
        Action::GetToken => return wizard::fetch_token(app),
        Action::SolvePuzzle => return super::puzzle::open(app),
        Action::OpenImport => return super::import::open(app),
        Action::NextStep => return wizard::step_by(app, true),
        Action::PrevStep => return wizard::step_by(app, false),
        _ => {}
    }
    vec![]
}

/// A pass token from the simulator arrived (or could not be had).
pub(crate) fn on_token(
    app: &mut App,
    res: Result<(String, String), crate::client::simflow::TokenError>,
) -> Vec<Cmd> {
    if app.busy != Some(Busy::Token) {
        return vec![]; // given up with Esc
    }
    app.busy = None;
    match res {
        Ok((token, sender)) => {
            app.token = Input::new(token.clone());
            app.token_meta = Some(TokenMeta {
                token,
                sender: Some(sender),
                obtained_at: app.clock.now(),
                used: false,
            });
            if std::mem::take(&mut app.send_after_token) {
                return match app.replay.take() {
                    Some(mut spec) => {
                        spec.set_field("captcha_token", app.token.value());
                        super::sending::send_spec(app, spec)
                    }
                    None => super::sending::send(app),
                };
            }
            app.notice(t!(
                app.ui_lang,
                "tui-token-fresh",
                secs = api::ttl::PASS_TOKEN.as_secs()
            ));
            let review = std::mem::take(&mut app.review_after_token);
            if app.screen == Screen::Wizard(Step::Token) {
                app.screen = Screen::Wizard(Step::Scene);
            } else if review && app.screen == Screen::Wizard(Step::Mobile) {
                app.screen = Screen::Wizard(Step::Review);
            }
            vec![]
        }
        Err(e) => {
            app.review_after_token = false;
            let send_after = std::mem::take(&mut app.send_after_token);
            app.replay = None;
            if app.screen == Screen::Sending {
                // A retry waited for this token: go back to where it started.
                app.screen = if app.current.is_some() {
                    Screen::Result
                } else {
                    Screen::Wizard(Step::Review)
                };
            }
            match e {
                // Not a revealing simulator: a person solves the puzzle instead.
                crate::client::simflow::TokenError::NoReveal(_) => {
                    app.reveals = Some(false);
                    let cmds = super::puzzle::open(app);
                    app.notice(t!(app.ui_lang, "tui-token-no-reveal"));
                    cmds
                }
                crate::client::simflow::TokenError::Failed(m) if is_header_refusal(&m) => {
                    app.header_refusal = Some(HeaderRefusal { send_after });
                    app.error(t!(app.ui_lang, "tui-token-headers-refused", message = m));
                    vec![]
                }
                crate::client::simflow::TokenError::Failed(m) => {
                    app.error(t!(app.ui_lang, "tui-token-auto-failed", message = m));
                    vec![]
                }
            }
        }
    }
}

// ---- drawing ------------------------------------------------------------------------

use crate::api;
use crate::tui::theme::{self, Themed};
use crate::tui::view::{input_box, shown_mobile, shown_token};
use crate::tui::wrap::{wrap_text, wrapped_height};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Paragraph;

/// The first screen's words for a person: what a pass token is and the ways
/// to get one (the protocol's detail is under the field).
fn intro(app: &App) -> Text<'static> {
    let lang = app.ui_lang;
    let way = |k: &'static str, text: String| {
        Line::from(vec![
            Span::raw("  "),
            Span::styled(format!("{k:<7}"), theme::KEY),
            Span::raw(text),
        ])
    };
    let mut lines = vec![
        Line::from(t!(
            lang,
            "tui-token-what",
            secs = api::ttl::PASS_TOKEN.as_secs()
        ))
        .themed(theme::STRONG),
        // How many ways this target offers (Ctrl+G only where it works).
        Line::from(t!(
            lang,
            "tui-token-ways",
            n = if app.auto_token() { 3u32 } else { 2u32 }
        )),
        way("Ctrl+P", t!(lang, "tui-token-way-puzzle")),
    ];
    if app.auto_token() && app.target.simulator {
        lines.push(way("Ctrl+G", t!(lang, "tui-token-way-auto")));
    } else if app.auto_token() {
        lines.push(way("Ctrl+G", t!(lang, "tui-token-way-auto-maybe")));
    }
    lines.push(Line::from(format!("  {}", t!(lang, "tui-token-way-paste"))));
    Text::from(lines)
}

pub(crate) fn token_step(app: &App, f: &mut Frame, area: Rect) {
    let lang = app.ui_lang;
    let intro = intro(app);
    // The intro as tall as it wraps, leaving the field and a line under it.
    let intro_height =
        wrapped_height(&intro, area.width).min(usize::from(area.height.saturating_sub(4)));
    let [intro_area, field, analysis] = Layout::vertical([
        Constraint::Length(intro_height as u16),
        Constraint::Length(3),
        Constraint::Min(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(wrap_text(&intro, intro_area.width)),
        intro_area,
    );
    let title = format!(" {} ", t!(lang, "tui-token-field"));
    input_box(f, field, &app.token, &title, true);

    let mut lines = vec![Line::from(t!(lang, "tui-token-protocol")).themed(theme::MUTED)];
    let v = app.token.value();
    if v.is_empty() {
        lines.push(Line::from(t!(lang, "tui-token-empty")).themed(theme::MUTED));
    } else {
        match api::token::parse_pass_token(v) {
            Ok(t) => {
                lines.push(Line::from(t!(lang, "tui-token-shape-ok")).themed(theme::OK));
                lines.push(Line::from(format!(
                    "  token  {}",
                    shown_token(app, &t.token)
                )));
                lines.push(Line::from(format!("  x      {}", t.point.x)));
                lines.push(Line::from(format!("  y      {}", t.point.y)));
                for w in crate::client::words::token_warnings(&t, lang) {
                    lines.push(Line::from(format!("! {w}")).themed(theme::WARN));
                }
            }
            Err(_) if app.current_token_meta().is_some() => {
                lines.push(Line::from(t!(lang, "tui-token-issued")).themed(theme::OK));
                lines.push(
                    Line::from(format!("  {}", t!(lang, "tui-token-encrypted")))
                        .themed(theme::MUTED),
                );
            }
            Err(e) => {
                lines.push(
                    Line::from(format!("✗ {}", crate::client::words::token_error(&e, lang)))
                        .themed(theme::BAD),
                );
                lines.push(
                    Line::from(format!("  {}", t!(lang, "tui-token-still-send")))
                        .themed(theme::MUTED),
                );
            }
        }
    }
    if let (Some(m), Some(age)) = (app.current_token_meta(), app.token_age()) {
        let left = api::ttl::PASS_TOKEN.as_secs() as i64 - age.as_secs() as i64;
        let state = if m.used {
            t!(lang, "tui-token-used")
        } else if left > 0 {
            t!(lang, "tui-token-expires-in", secs = left)
        } else {
            t!(lang, "tui-token-expired")
        };
        let age_secs = age.as_secs();
        let line = match m.sender.as_deref() {
            Some(s) => t!(
                lang,
                "tui-token-obtained-for",
                secs = age_secs,
                sender = shown_mobile(app, s),
                state = state
            ),
            None => t!(lang, "tui-token-obtained", secs = age_secs, state = state),
        };
        lines.push(Line::from(""));
        let line = Line::from(line);
        lines.push(if m.used || left <= 30 {
            line.themed(theme::WARN)
        } else {
            line.themed(theme::MUTED)
        });
    }
    f.render_widget(
        Paragraph::new(wrap_text(&Text::from(lines), analysis.width)),
        analysis,
    );
}

/// What Ctrl+F needs to fetch the token again with the profile's headers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderRefusal {
    /// Send once the token arrives (the refused fetch was for a send).
    pub send_after: bool,
}

/// A captcha answer that refused the headers (device headers, client id).
pub fn is_header_refusal(message: &str) -> bool {
    use crate::api::catalogue::codes;
    [codes::PARAM_0001, codes::PARAM_0002]
        .iter()
        .any(|c| message.contains(c))
}

//! Step 1: the captcha pass token (typed, pasted, fetched or solved).

use super::super::app::{App, Busy, Cmd, Screen, Step, TokenMeta};
use super::super::keymap::{Action, Binding, Key, key, plain};
use super::wizard;
use crossterm::event::KeyCode;
use tui_input::Input;

pub const KEYS: &[Binding] = &[
    key(&[plain(KeyCode::Enter)], Action::Accept, "Enter", "next"),
    key(
        &[Key::Ctrl('p')],
        Action::SolvePuzzle,
        "Ctrl+P",
        "solve puzzle",
    ),
    key(&[Key::Ctrl('g')], Action::GetToken, "Ctrl+G", "get token").shown_when(|a| a.auto_token()),
    key(
        &[Key::Ctrl('o')],
        Action::OpenImport,
        "Ctrl+O",
        "import a request",
    )
    .help_only(),
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
            app.notice("got a fresh pass token from the simulator (lives 180 s, single use)");
            if app.screen == Screen::Wizard(Step::Token) {
                app.screen = Screen::Wizard(Step::Scene);
            }
            vec![]
        }
        Err(e) => {
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
                    app.notice(
                        "this target does not reveal captcha solutions: slide the piece into the hole, Enter verifies",
                    );
                    cmds
                }
                crate::client::simflow::TokenError::Failed(m) if is_header_refusal(&m) => {
                    app.header_refusal = Some(HeaderRefusal { send_after });
                    app.error(format!(
                        "the captcha refused the headers as edited ({m}), as a real app's would be: Ctrl+F gets the token with the profile's full headers"
                    ));
                    vec![]
                }
                crate::client::simflow::TokenError::Failed(m) => {
                    app.error(format!("automatic token failed: {m}"));
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
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub(crate) fn token_step(app: &App, f: &mut Frame, area: Rect) {
    let [intro, field, analysis] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(3),
        Constraint::Min(1),
    ])
    .areas(area);
    let mut intro_lines = vec![Line::from(
        "Paste the captcha_token from captcha/verify (TOKEN---POINT_JSON).",
    )];
    intro_lines
        .push(Line::from("Ctrl+P solves the slider puzzle right here.").themed(theme::ACCENT));
    if app.auto_token() && app.target.simulator {
        intro_lines.push(Line::from("Ctrl+G gets one from the simulator.").themed(theme::ACCENT));
    } else if app.auto_token() {
        intro_lines.push(
            Line::from(
                "Ctrl+G gets one from the simulator if it reveals solutions (else: the puzzle).",
            )
            .themed(theme::ACCENT),
        );
    }
    f.render_widget(
        Paragraph::new(intro_lines).wrap(Wrap { trim: false }),
        intro,
    );
    input_box(f, field, &app.token, " Captcha pass token ", true);

    let mut lines = Vec::new();
    let v = app.token.value();
    if v.is_empty() {
        lines.push(
            Line::from("(empty: the server answers IDAAS.SDK.PARAM.0008)").themed(theme::MUTED),
        );
    } else {
        match api::token::parse_pass_token(v) {
            Ok(t) => {
                lines.push(Line::from("✓ shape TOKEN---POINT_JSON").themed(theme::OK));
                lines.push(Line::from(format!(
                    "  token  {}",
                    shown_token(app, &t.token)
                )));
                lines.push(Line::from(format!("  x      {}", t.point.x)));
                lines.push(Line::from(format!("  y      {}", t.point.y)));
                for w in api::token::warnings(&t) {
                    lines.push(Line::from(format!("! {w}")).themed(theme::WARN));
                }
            }
            Err(_) if app.current_token_meta().is_some() => {
                lines.push(Line::from("✓ as issued by captcha/verify").themed(theme::OK));
                lines.push(
                    Line::from(
                        "  its POINT_JSON is not plain JSON: AES-encrypted (the puzzle had a secretKey)",
                    )
                    .themed(theme::MUTED),
                );
            }
            Err(e) => {
                lines.push(Line::from(format!("✗ {e}")).themed(theme::BAD));
                lines.push(
                    Line::from("  (you can still send it: the server should answer CAPTCHA.0004)")
                        .themed(theme::MUTED),
                );
            }
        }
    }
    if let (Some(m), Some(age)) = (app.current_token_meta(), app.token_age()) {
        let left = api::ttl::PASS_TOKEN.as_secs() as i64 - age.as_secs() as i64;
        let sender = m
            .sender
            .as_deref()
            .map(|s| format!(" for sender {}", shown_mobile(app, s)))
            .unwrap_or_default();
        lines.push(Line::from(""));
        let line = Line::from(format!(
            "obtained {} s ago{sender}; {}",
            age.as_secs(),
            if m.used {
                "already used by a send (single use)".to_string()
            } else if left > 0 {
                format!("expires in {left} s")
            } else {
                "expired".to_string()
            }
        ));
        lines.push(if m.used || left <= 30 {
            line.themed(theme::WARN)
        } else {
            line.themed(theme::MUTED)
        });
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), analysis);
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

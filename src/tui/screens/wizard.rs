//! What the four steps of the guided flow share: moving between steps,
//! typing into a field, getting a pass token.

use super::super::app::{App, Busy, Cmd, Screen};
use crossterm::event::KeyEvent;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler as _;

/// The steps of the guided flow, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Token,
    Scene,
    Mobile,
    Review,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Token, Step::Scene, Step::Mobile, Step::Review];

    pub fn title(self) -> &'static str {
        match self {
            Step::Token => "Captcha token",
            Step::Scene => "Scene",
            Step::Mobile => "Mobile",
            Step::Review => "Review & send",
        }
    }

    /// [`Step::title`] in `lang`.
    pub fn title_in(self, lang: crate::api::Lang) -> String {
        match self {
            Step::Token => crate::t!(lang, "tui-flow-step-token"),
            Step::Scene => crate::t!(lang, "tui-flow-step-scene"),
            Step::Mobile => crate::t!(lang, "tui-flow-step-mobile"),
            Step::Review => crate::t!(lang, "tui-flow-step-review"),
        }
    }

    pub(crate) fn next(self) -> Step {
        match self {
            Step::Token => Step::Scene,
            Step::Scene => Step::Mobile,
            Step::Mobile | Step::Review => Step::Review,
        }
    }

    pub(crate) fn prev(self) -> Step {
        match self {
            Step::Token | Step::Scene => Step::Token,
            Step::Mobile => Step::Scene,
            Step::Review => Step::Mobile,
        }
    }
}

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
        app.error(crate::t!(app.ui_lang, "tui-flow-auto-token-needs-sim"));
        return vec![];
    }
    if app.busy.is_some() {
        return vec![];
    }
    if app.reveals == Some(false) {
        // Known: this simulator keeps its solutions: the puzzle, straight away.
        return super::puzzle::open(app);
    }
    let mobile = app.mobile.value().trim().to_string();
    if mobile.is_empty() {
        // asked for elsewhere than on a step (a result's retry): back to the review
        app.token_after_mobile = Some(match app.screen {
            Screen::Wizard(step) => step,
            _ => Step::Review,
        });
        app.screen = Screen::Wizard(Step::Mobile);
        app.notice(crate::t!(app.ui_lang, "tui-flow-mobile-then-token"));
        return vec![];
    }
    app.header_refusal = None;
    app.review_after_token = false;
    app.start_busy(Busy::Token);
    // The headers as edited: the real app sends them to every endpoint, so a
    // header the server refuses fails here already (Ctrl+F then uses the profile's).
    vec![Cmd::FetchToken {
        mobile,
        headers: app.headers.clone(),
    }]
}

/// Ctrl+F after a refusal: the same fetch with the profile's full headers, so
/// that sms/send's own answer to the edited headers can still be tested.
pub(crate) fn fetch_token_full_headers(app: &mut App) -> Vec<Cmd> {
    if app.header_refusal.is_none() || app.busy.is_some() {
        return vec![];
    }
    let mobile = app.mobile.value().trim().to_string();
    if mobile.is_empty() {
        // cleared since the refusal: say so, and keep the offer
        app.error(crate::t!(app.ui_lang, "tui-flow-mobile-first"));
        return vec![];
    }
    let Some(r) = app.header_refusal.take() else {
        return vec![];
    };
    app.send_after_token = r.send_after;
    if r.send_after {
        app.screen = Screen::Sending;
    }
    app.start_busy(Busy::Token);
    app.notice(crate::t!(app.ui_lang, "tui-flow-full-headers-token"));
    vec![Cmd::FetchToken {
        mobile,
        headers: app.base_headers.clone(),
    }]
}

// ---- drawing ------------------------------------------------------------------------

use crate::api::{self, Scene};
use crate::tui::layout;
use crate::tui::theme::{self, Themed};
use crate::tui::view::ellipsize;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

pub(crate) fn wizard(app: &App, f: &mut Frame, body: Rect, step: Step) {
    let (side, main) = layout::wizard(body, step);
    if let Some(side) = side {
        sidebar(app, f, side, step);
    }
    let main = if step == Step::Review {
        main // the review draws its own block
    } else {
        let n = Step::ALL.iter().position(|s| *s == step).unwrap_or(0) + 1;
        let title = crate::t!(
            app.ui_lang,
            "tui-flow-step-of",
            n = n,
            title = step.title_in(app.ui_lang)
        );
        let block = Block::bordered()
            .title(format!(" {title} "))
            .border_style(theme::FRAME);
        f.render_widget(block, main);
        layout::step_content(main, step)
    };
    match step {
        Step::Token => super::token::token_step(app, f, main),
        Step::Scene => super::scene::scene_step(app, f, main),
        Step::Mobile => super::mobile::mobile_step(app, f, main),
        Step::Review => super::review::review_step(app, f, main),
    }
}

/// The review's verdict belongs on the sidebar once the person has come that far:
/// on the review itself, or when every field before it has a value. Before that,
/// warnings about fields not reached yet would only be noise.
fn review_reached(app: &App, current: Step) -> bool {
    current == Step::Review
        || (!app.token.value().is_empty()
            && !app.scene_value().is_empty()
            && !app.mobile.value().is_empty())
}

pub(crate) fn sidebar(app: &App, f: &mut Frame, area: Rect, current: Step) {
    let lang = app.ui_lang;
    let mut lines = Vec::new();
    let width = area.width.saturating_sub(4) as usize;
    for (i, s) in Step::ALL.iter().enumerate() {
        let (value, ok) = match s {
            Step::Token => {
                let v = app.token.value();
                // A well-formed token that a send already spent (or that expired) is no
                // longer a ✓: the review says CAPTCHA.0003 of it.
                let spent = || {
                    app.prechecks()
                        .iter()
                        .any(|w| w.expect == Some(crate::api::catalogue::codes::CAPTCHA_0003))
                };
                let ok = api::token::parse_pass_token(v).is_ok() && !spent();
                (
                    if v.is_empty() {
                        "—".into()
                    } else {
                        v.to_string()
                    },
                    ok,
                )
            }
            Step::Scene => {
                let v = app.scene_value();
                let ok = Scene::from_code(&v).is_some();
                (if v.is_empty() { "—".into() } else { v }, ok)
            }
            Step::Mobile => {
                let v = app.mobile.value();
                (
                    if v.is_empty() {
                        "—".into()
                    } else {
                        v.to_string()
                    },
                    api::mobile::is_valid(v),
                )
            }
            Step::Review if !review_reached(app, current) => ("—".into(), false),
            Step::Review => {
                let n = app.warnings().len();
                (
                    if n == 0 {
                        crate::t!(lang, "tui-flow-no-problems")
                    } else {
                        crate::t!(lang, "tui-flow-n-warnings", n = n)
                    },
                    n == 0,
                )
            }
        };
        let mark = if ok {
            "✓"
        } else if value == "—" {
            "·"
        } else {
            "!"
        };
        let style = if *s == current {
            theme::KEY
        } else {
            theme::PLAIN
        };
        lines.push(Line::styled(
            format!("{} {} {}", i + 1, mark, s.title_in(lang)),
            style,
        ));
        let shown = if app.redact && value != "—" {
            match s {
                Step::Token => api::redact::pass_token(&value),
                Step::Mobile => api::redact::mobile(&value),
                _ => value,
            }
        } else {
            value
        };
        lines.push(
            Line::from(format!(
                "    {}",
                ellipsize(&shown, width.saturating_sub(4))
            ))
            .themed(theme::MUTED),
        );
        lines.push(Line::from(""));
    }
    f.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(" {} ", crate::t!(lang, "tui-flow-sidebar")))),
        area,
    );
}

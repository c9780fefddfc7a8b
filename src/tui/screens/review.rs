//! Step 4: the request as it will be sent, its warnings, and the send.

use super::super::app::{App, Cmd, Screen, Step, TokenMeta};
use super::super::keymap::{Action, Binding, ch, key, plain};
use super::wizard;
use crate::api;
use crate::api::Lang;
use crate::client::Outcome;
use crossterm::event::KeyCode;
use std::time::Duration;

/// What the review keeps between frames.
#[derive(Debug, Default)]
pub struct ReviewState {
    /// First line shown.
    pub scroll: u16,
    /// How far it could scroll at the last draw.
    pub max: std::cell::Cell<u16>,
    /// Opened by `r` on a result: Enter gets a fresh pass token, then sends.
    pub fresh_token: bool,
}

pub const KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Enter)],
        Action::Send,
        "Enter",
        "tui-keys-send",
    ),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "tui-keys-back"),
    key(&[ch('h')], Action::OpenHeaders, "h", "tui-keys-headers"),
    key(
        &[ch('t')],
        Action::GoToken,
        "t/s/m",
        "tui-keys-token-scene-mobile",
    ),
    key(&[ch('s')], Action::GoScene, "t/s/m", "").grouped(),
    key(&[ch('m')], Action::GoMobile, "t/s/m", "").grouped(),
    key(&[ch('g')], Action::GetToken, "g", "tui-keys-new-token"),
    key(&[ch('c')], Action::CopyCurl, "c", "tui-keys-copy-curl"),
    key(&[ch('x')], Action::ToggleMask, "x", "tui-keys-mask"),
    key(&[ch('q')], Action::Quit, "q", "tui-keys-quit"),
    key(
        &[plain(KeyCode::Down), ch('j')],
        Action::Down,
        "↑↓/jk",
        "tui-keys-scroll",
    )
    .help_only(),
    key(&[plain(KeyCode::Up), ch('k')], Action::Up, "↑↓/jk", "").grouped(),
    key(
        &[plain(KeyCode::PageDown)],
        Action::PageDown,
        "PgUp/PgDn",
        "tui-keys-scroll-a-page",
    )
    .help_only(),
    key(&[plain(KeyCode::PageUp)], Action::PageUp, "PgUp/PgDn", "").grouped(),
    key(
        &[plain(KeyCode::Home)],
        Action::Top,
        "Home/End",
        "tui-keys-top-bottom",
    )
    .help_only(),
    key(&[plain(KeyCode::End)], Action::Bottom, "Home/End", "").grouped(),
    key(&[ch('y')], Action::OpenHistory, "y", "tui-keys-history").help_only(),
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
        Action::Send => {
            if std::mem::take(&mut app.review.fresh_token) && app.token.value().is_empty() {
                return super::result::fetch_and_send(app);
            }
            return super::sending::send(app);
        }
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => scroll(app, action),
        Action::Back => {
            app.screen = match &app.imported {
                // taken from the proxy's list with `e`: back to it
                Some(i) if i.from_traffic && app.traffic.live() => Screen::Traffic,
                _ => Screen::Wizard(Step::Mobile),
            }
        }
        Action::GoToken => app.screen = Screen::Wizard(Step::Token),
        Action::GoScene => app.screen = Screen::Wizard(Step::Scene),
        Action::GoMobile => app.screen = Screen::Wizard(Step::Mobile),
        Action::GetToken => return wizard::fetch_token(app),
        Action::CopyCurl => {
            let text = super::super::record::curl_in(&app.send_spec(), app.redact, app.ui_lang);
            return vec![Cmd::Copy {
                what: "tui-runtime-what-curl",
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
    let max = app.review.max.get();
    let page = app.size.1.saturating_sub(6).max(1);
    let cur = app.review.scroll.min(max);
    app.review.scroll = match action {
        Action::Down => cur.saturating_add(1),
        Action::Up => cur.saturating_sub(1),
        Action::PageDown => cur.saturating_add(page),
        Action::PageUp => cur.saturating_sub(page),
        Action::Top => 0,
        _ => max,
    }
    .min(max);
}

/// What the review shows about the request as it stands: the token's story,
/// recent sends, and the client's pre-send checks.
impl App {
    /// The metadata of the token currently in the field, if we know where it came from.
    pub fn current_token_meta(&self) -> Option<&TokenMeta> {
        self.token_meta
            .as_ref()
            .filter(|m| m.token == self.token.value())
    }

    /// Seconds since the current token was obtained.
    pub fn token_age(&self) -> Option<Duration> {
        let m = self.current_token_meta()?;
        Some(
            self.clock
                .now()
                .duration_since(m.obtained_at)
                .unwrap_or_default(),
        )
    }

    /// A live token's age is on screen: redraw once a second so it counts.
    pub fn shows_token_age(&self) -> bool {
        matches!(
            self.screen,
            Screen::Wizard(Step::Token) | Screen::Wizard(Step::Review)
        ) && self
            .token_age()
            .is_some_and(|age| age <= api::ttl::PASS_TOKEN + Duration::from_secs(1))
    }

    /// How long ago this session's history has a successful send to the same
    /// target, mobile and scene, when that is within the resend cooldown.
    pub fn recent_send_to_same_number(&self) -> Option<Duration> {
        let (mobile, scene) = (self.mobile.value(), self.scene_value());
        let now = self.clock.now();
        self.history
            .iter()
            .rev()
            .filter(|r| r.exchange.outcome == Outcome::Success)
            .filter(|r| r.spec.base_url == self.target.base_url)
            .filter(|r| r.mobile() == mobile && r.scene() == scene)
            .find_map(|r| now.duration_since(r.exchange.started_at).ok())
            .filter(|ago| *ago < api::ttl::RESEND_COOLDOWN)
    }

    /// Problems that will likely make the send fail, shown on the review screen (in English).
    pub fn warnings(&self) -> Vec<String> {
        self.warnings_in(Lang::En)
    }

    /// [`App::warnings`] in `lang`: what the review lists and the sidebar counts (one list).
    /// A resend that fetches a fresh token first is not warned of its empty token.
    pub fn warnings_in(&self, lang: Lang) -> Vec<String> {
        let fresh = self.review.fresh_token && self.token.value().is_empty();
        super::import::token_warning(self)
            .into_iter()
            .chain(
                self.prechecks()
                    .into_iter()
                    .filter(|w| {
                        !(fresh && w.expect == Some(crate::api::catalogue::codes::PARAM_0008))
                    })
                    .map(|w| w.text.get(lang).to_string()),
            )
            .collect()
    }

    /// The client's pre-send checks for the request as it stands.
    pub fn prechecks(&self) -> Vec<crate::client::precheck::Warning> {
        let scene = self.scene_value();
        let issued = self
            .current_token_meta()
            .map(|m| crate::client::precheck::IssuedToken {
                sender: m.sender.clone(),
                age: self.token_age().unwrap_or_default(),
                used: m.used,
            });
        crate::client::precheck::warnings(&crate::client::precheck::Input {
            headers: &self.headers,
            mobile: self.mobile.value(),
            scene: &scene,
            captcha_token: self.token.value(),
            issued,
            recent_send: self.recent_send_to_same_number(),
        })
    }
}

// ---- drawing ------------------------------------------------------------------------

use crate::api::headers as h;
use crate::t;
use crate::tui::theme::{self, Themed};
use crate::tui::view::{STACK_HEADERS, focused_block, text_max_scroll};
use crate::tui::wrap::wrap_text;
use crate::tui::{layout, record};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Paragraph;

/// The review text: warnings, then the exact request about to be sent.
pub fn review_lines(app: &App) -> Vec<Line<'static>> {
    let lang = app.ui_lang;
    let spec = app.send_spec();
    let mut lines = Vec::new();
    let fresh = app.review.fresh_token && app.token.value().is_empty();
    let warnings = app.warnings_in(lang);
    if fresh {
        // Against a target that does not reveal solutions the token is a puzzle away.
        let text = if app.auto_token() {
            t!(lang, "tui-flow-review-resend")
        } else {
            t!(lang, "tui-flow-review-resend-puzzle")
        };
        lines.push(Line::from(text).themed(theme::ACCENT));
    }
    if warnings.is_empty() {
        lines.push(Line::from(t!(lang, "tui-flow-review-ok")).themed(theme::OK));
    } else {
        lines.push(
            Line::from(t!(lang, "tui-flow-review-likely-fail"))
                .themed(theme::WARN)
                .themed(theme::STRONG),
        );
        for w in warnings {
            lines.push(Line::from(format!("! {w}")).themed(theme::WARN));
        }
    }
    lines.push(Line::from(""));
    let prepared = match crate::client::send::record(&spec) {
        Ok(p) => p,
        Err(e) => {
            lines.push(
                Line::from(t!(
                    lang,
                    "tui-flow-review-cannot-build",
                    error = e.to_string()
                ))
                .themed(theme::BAD),
            );
            return lines;
        }
    };
    lines.push(Line::from(format!("{} {}", prepared.method, prepared.url)).themed(theme::STRONG));
    if let Some(note) = super::import::review_note(app) {
        lines.push(Line::from(note).themed(theme::MUTED));
    }
    for (name, value) in &prepared.headers {
        let flag = match h::spec(name) {
            Some(s) if s.required => t!(lang, "tui-flow-flag-required"),
            Some(_) => t!(lang, "tui-flow-flag-optional"),
            None if STACK_HEADERS.iter().any(|x| x.eq_ignore_ascii_case(name)) => {
                t!(lang, "tui-flow-flag-stack")
            }
            None => t!(lang, "tui-flow-flag-custom"),
        };
        let flag = Span::styled(format!("  {flag}"), theme::FRAME);
        let val = if value.is_empty() {
            Span::styled(t!(lang, "tui-flow-blank"), theme::WARN)
        } else {
            Span::raw(value.clone())
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{name}: "), theme::ACCENT),
            val,
            flag,
        ]));
    }
    for hs in spec.headers.iter().filter(|x| !x.enabled) {
        let req = h::spec(&hs.name).is_some_and(|s| s.required);
        let line = Line::from(format!(
            "{}{}",
            t!(lang, "tui-result-omitted", name = hs.name.as_str()),
            if req {
                format!("  {}", t!(lang, "tui-flow-arrow-required"))
            } else {
                String::new()
            }
        ));
        lines.push(if req {
            line.themed(theme::WARN)
        } else {
            line.themed(theme::MUTED)
        });
    }
    lines.push(Line::from(""));
    let body = String::from_utf8_lossy(&prepared.body).into_owned();
    lines.push(Line::from(body));
    if app.redact {
        let mut red = record::spec_redactor(&spec);
        if let Some(sender) = app.current_token_meta().and_then(|m| m.sender.as_deref()) {
            red.add_mobile(sender);
        }
        for l in &mut lines {
            for s in &mut l.spans {
                s.content = red.apply(&s.content).into();
            }
        }
    }
    lines
}

pub(crate) fn review_step(app: &App, f: &mut Frame, area: Rect) {
    let text = Text::from(review_lines(app));
    let max = text_max_scroll(&text, area);
    app.review.max.set(max);
    let pos = app.review.scroll.min(max);
    let lang = app.ui_lang;
    let title = format!(" {} ", t!(lang, "tui-flow-review-title"));
    let mut block = focused_block(title, true);
    if max > 0 {
        let hint = if pos < max {
            t!(lang, "tui-flow-review-more")
        } else {
            t!(lang, "tui-flow-review-back-up")
        };
        block = block
            .title_bottom(Line::from(format!(" {pos}/{max} {hint} ")).alignment(Alignment::Right));
    }
    let text = wrap_text(&text, block.inner(area).width);
    f.render_widget(Paragraph::new(text).scroll((pos, 0)).block(block), area);
}

/// How far the review can scroll at the app's size.
pub(crate) fn review_max_scroll(app: &App) -> u16 {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let (_, main) = layout::wizard(layout::frame(area).body, Step::Review);
    text_max_scroll(&Text::from(review_lines(app)), main)
}

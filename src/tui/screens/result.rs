//! The answer: request, response and explanation panes, and what to do next
//! (retry with a fresh token, log in with the delivered code, copy, save).

use super::super::app::{App, Busy, Cmd, SCENE_OTHER, Screen, Step};
use super::super::keymap::{Action, Binding, ch, key, plain};
use super::super::record::{self, Record};
use super::next_step;
use crate::api::Scene;
use crate::client::{Exchange, Outcome, RequestSpec};
use crate::tui::panes;
use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;

pub const KEYS: &[Binding] = &[
    // What to do next first: at 80 columns the footer keeps these (the
    // panes are named on the tabs row, their keys in the help).
    // The scene's own next step: one key, named for the scene.
    key(&[ch('l')], Action::Login, "l", "tui-keys-log-in-with-code")
        .when(|a| next_step::offered(a, Scene::LoginSms))
        .shown_when(next_step::available),
    key(
        &[ch('l')],
        Action::Login,
        "l",
        "tui-keys-register-with-code",
    )
    .when(|a| next_step::offered(a, Scene::RegisterSms))
    .shown_when(next_step::available),
    key(
        &[ch('l')],
        Action::Login,
        "l",
        "tui-keys-reset-the-password",
    )
    .when(|a| next_step::offered(a, Scene::ForgetPwdSms))
    .shown_when(next_step::available),
    key(
        &[ch('l')],
        Action::Login,
        "l",
        "tui-keys-change-the-password",
    )
    .when(|a| next_step::offered(a, Scene::UpdatePwdSms))
    .shown_when(next_step::available),
    key(&[ch('l')], Action::Login, "l", "tui-keys-change-the-mobile")
        .when(|a| next_step::offered(a, Scene::UpdateMobileSms))
        .shown_when(next_step::available),
    key(&[ch('l')], Action::Login, "l", "tui-keys-bind-the-mobile")
        .when(|a| next_step::offered(a, Scene::BindMobileSms))
        .shown_when(next_step::available),
    key(
        &[ch('r')],
        Action::Resend,
        "r",
        "tui-keys-resend-review-first",
    ),
    key(&[ch('e')], Action::OpenHeaders, "e", "tui-keys-headers"),
    key(&[ch('s')], Action::GoScene, "s", "tui-keys-scene"),
    key(&[ch('n')], Action::NewRequest, "n", "tui-keys-new"),
    key(&[ch('c')], Action::CopyMenu, "c", "tui-keys-copy"),
    key(&[ch('w')], Action::SaveReport, "w", "tui-keys-save"),
    key(&[ch('x')], Action::ToggleMask, "x", "tui-keys-mask"),
    key(&[ch('y')], Action::OpenHistory, "y", "tui-keys-history"),
    key(
        &[plain(KeyCode::Esc)],
        Action::Back,
        "Esc",
        "tui-keys-review",
    ),
    key(&[ch('q')], Action::Quit, "q", "tui-keys-quit"),
    panes::NEXT_PANE,
    panes::PICK_PANE,
    panes::SCROLL_DOWN,
    panes::SCROLL_UP,
    panes::PAGE_DOWN,
    panes::PAGE_UP,
    panes::PREV_PANE,
    panes::TOP,
    panes::BOTTOM,
    key(&[ch('t')], Action::GoToken, "t", "tui-keys-token").help_only(),
    key(&[ch('m')], Action::GoMobile, "m", "tui-keys-mobile").help_only(),
    key(&[ch('h')], Action::OpenHeaders, "h", "tui-keys-headers").help_only(),
    key(
        &[ch('u')],
        Action::UseElsewhere,
        "u",
        "tui-keys-use-the-code-at-another-consumer-pick-one",
    )
    .help_only()
    .when(next_step::can_pick),
];

/// The copy menu (c on the result).
pub const COPY_KEYS: &[Binding] = &[
    key(
        &[ch('1'), ch('c')],
        Action::CopyCurl,
        "1/c",
        "tui-keys-copy-as-curl",
    ),
    key(
        &[ch('2'), ch('b')],
        Action::CopyBody,
        "2/b",
        "tui-keys-copy-response-body",
    ),
    key(
        &[ch('3'), ch('r')],
        Action::CopyReport,
        "3/r",
        "tui-keys-copy-report",
    ),
    key(
        &[ch('4'), ch('w')],
        Action::SaveReport,
        "4/w",
        "tui-keys-save-report-to-file",
    ),
    key(
        &[plain(KeyCode::Esc)],
        Action::Back,
        "Esc",
        "tui-keys-close",
    ),
];

pub(crate) fn on_action(app: &mut App, action: Action, k: KeyEvent) -> Vec<Cmd> {
    let page = app.size.1.saturating_sub(8).max(1) as i32;
    if app.panes.on_action(action, k, page) {
        return vec![];
    }
    match action {
        // Back where the result was opened from: the history list, or the review.
        Action::Back if std::mem::take(&mut app.result_from_history) => {
            app.screen = Screen::History
        }
        Action::Back => app.screen = Screen::Wizard(Step::Review),
        Action::Resend => review_resend(app),
        Action::GoScene => app.screen = Screen::Wizard(Step::Scene),
        Action::GoToken => app.screen = Screen::Wizard(Step::Token),
        Action::GoMobile => app.screen = Screen::Wizard(Step::Mobile),
        Action::NewRequest => {
            app.token = Input::default();
            app.screen = Screen::Wizard(Step::Token);
        }
        Action::Login => return next_step::start_own(app),
        Action::UseElsewhere => return next_step::open_picker(app),
        Action::CopyMenu => app.copy_menu = true,
        Action::SaveReport => {
            if let Some(r) = app.current_record() {
                return vec![Cmd::SaveReport(record::report(
                    r,
                    app.redact,
                    &app.explain_base,
                    app.ui_lang,
                ))];
            }
        }
        Action::ToggleMask => app.redact = !app.redact,
        _ => {}
    }
    vec![]
}

/// The copy menu closes on any key; its keys copy or save first.
pub(crate) fn on_copy_action(app: &mut App, action: Action) -> Vec<Cmd> {
    app.copy_menu = false;
    let Some(r) = app.current_record() else {
        return vec![];
    };
    let redact = app.redact;
    let lang = app.ui_lang;
    match action {
        Action::CopyCurl => vec![Cmd::Copy {
            what: "tui-runtime-what-curl",
            text: record::curl_in(&r.spec, redact, lang),
        }],
        Action::CopyBody => vec![Cmd::Copy {
            what: "tui-runtime-what-body",
            text: record::response_body(r),
        }],
        Action::CopyReport => vec![Cmd::Copy {
            what: "tui-runtime-what-report",
            text: record::report(r, redact, &app.explain_base, lang),
        }],
        Action::SaveReport => vec![Cmd::SaveReport(record::report(
            r,
            redact,
            &app.explain_base,
            lang,
        ))],
        _ => vec![],
    }
}

/// The scene's own next step is offered (a successful send, its code not used up).
pub fn login_available(app: &App) -> bool {
    next_step::available(app)
}

/// `r`: the review of the same request again, its warnings first (a
/// cooldown after a recent send, say); Enter there gets a fresh token and sends.
pub(crate) fn review_resend(app: &mut App) {
    app.replay = None;
    if let Some(r) = app.current_record() {
        let (mobile, scene) = (r.mobile(), r.scene());
        app.mobile = Input::new(mobile);
        set_scene(app, scene);
    }
    app.token = Input::default();
    app.review.fresh_token = true;
    app.screen = Screen::Wizard(Step::Review);
}

fn set_scene(app: &mut App, scene: String) {
    match Scene::from_code(&scene).and_then(|s| Scene::ALL.iter().position(|x| *x == s)) {
        Some(i) => app.scene_sel = i,
        None => {
            app.scene_sel = SCENE_OTHER;
            app.other_scene = Input::new(scene);
        }
    }
}

/// Send again with a fresh token: the current inputs (`replay` false), or the
/// recorded request of the current record, headers and body as they were
/// (`replay` true), to the current target.
pub(crate) fn retry_fresh(app: &mut App, replay: bool) -> Vec<Cmd> {
    app.replay = None;
    if let Some(r) = app.current_record() {
        let replayed = replay.then(|| {
            let mut spec = r.spec.clone();
            spec.base_url = app.target.base_url.clone();
            spec
        });
        let mobile = r.mobile();
        let scene = r.scene();
        app.replay = replayed;
        app.mobile = Input::new(mobile);
        set_scene(app, scene);
    }
    fetch_and_send(app)
}

/// Get a fresh token, then send the current inputs (or `app.replay`): from
/// the simulator, or through the puzzle on a target that does not reveal.
pub(crate) fn fetch_and_send(app: &mut App) -> Vec<Cmd> {
    if !app.auto_token() {
        // A real target: solve a new puzzle (it lands on the scene step, then
        // Enter through to Review and send).
        app.token = Input::default();
        if app.screen != Screen::Wizard(Step::Review) {
            app.screen = Screen::Wizard(Step::Token);
        }
        return super::puzzle::open(app);
    }
    app.send_after_token = true;
    let cmds = super::wizard::fetch_token(app);
    if cmds.is_empty() {
        app.send_after_token = false;
        app.replay = None;
    } else {
        app.screen = Screen::Sending;
    }
    cmds
}

/// The answer to a send: record it, show it.
pub(crate) fn on_sent(app: &mut App, id: u64, exchange: Exchange) -> Vec<Cmd> {
    if app.busy != Some(Busy::Send { id }) {
        return vec![]; // a late answer for a request already given up
    }
    app.busy = None;
    let spec = app.in_flight.take().unwrap_or_else(|| app.send_spec());
    let sent_token = body_field(&spec, "captcha_token");
    let meta = app.token_meta.as_ref().filter(|m| m.token == sent_token);
    let sender = meta.and_then(|m| m.sender.clone());
    let token_age = meta.and_then(|m| exchange.started_at.duration_since(m.obtained_at).ok());
    let token_spent = meta.is_some_and(|m| m.used);
    if let Some(m) = app.token_meta.as_mut()
        && m.token == sent_token
        && crate::client::precheck::spends_token(&exchange.outcome, &sent_token)
    {
        m.used = true;
    }
    let mut record = Record::new(id, spec, exchange, sender);
    record.token_age = token_age;
    record.token_spent = token_spent;
    record.since_previous_send = app
        .history
        .iter()
        .rev()
        .filter(|r| r.exchange.outcome == Outcome::Success)
        .filter(|r| r.spec.base_url == record.spec.base_url)
        .filter(|r| r.mobile() == record.mobile() && r.scene() == record.scene())
        .find_map(|r| {
            record
                .exchange
                .started_at
                .duration_since(r.exchange.started_at)
                .ok()
        });
    let mut cmds = vec![];
    if record.exchange.outcome == Outcome::Success && app.target.has_sim_helpers() {
        cmds.push(Cmd::FetchOutbox {
            id,
            mobile: record.mobile(),
            scene: record.scene(),
        });
    }
    next_step::on_code_sent(app, &record);
    cmds.push(Cmd::AppendHistory(Box::new(record.clone())));
    app.history.push(record);
    app.current = Some(app.history.len() - 1);
    app.screen = Screen::Result;
    app.result_from_history = false;
    app.panes.reset(2);
    cmds
}

fn body_field(spec: &RequestSpec, name: &str) -> String {
    spec.field(name)
        .filter(|f| f.enabled)
        .map(|f| f.value.clone())
        .unwrap_or_default()
}

// ---- drawing ------------------------------------------------------------------------

use crate::tui::theme::{self, Themed};
use crate::tui::view::{popup, text_max_scroll};
use crate::tui::{keymap, layout};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};

/// The lines of result pane `i` (the pane set wraps them at its width).
pub(crate) fn pane_text(app: &App, i: usize) -> Text<'static> {
    let lines = app
        .current_record()
        .map(|r| record::pane_lines(r, i, app.redact, &app.explain_base, app.ui_lang, true))
        .unwrap_or_default();
    Text::from(lines)
}

/// How far pane `i` can scroll at the current size.
pub(crate) fn pane_max_scroll(app: &App, i: usize) -> u16 {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let r = layout::result(layout::frame(area).body);
    text_max_scroll(&pane_text(app, i), r.panes[i])
}

pub(crate) fn result(app: &App, f: &mut Frame, body: Rect) {
    let areas = layout::result(body);
    let Some(rec) = app.current_record() else {
        return;
    };
    let lang = app.ui_lang;
    let status = record::outcome_label_in(&rec.exchange.outcome, lang);
    let titles = [
        format!(" {} ", crate::t!(lang, "tui-result-pane-request")),
        format!(
            " {} ",
            crate::t!(lang, "tui-result-pane-response", status = status)
        ),
        format!(" {} ", crate::t!(lang, "tui-result-pane-explanation")),
    ];
    let red = app.redact.then(|| rec.redactor());
    let summary = record::summary_line_in(&rec.exchange, red.as_ref(), lang);
    app.panes
        .draw(f, &areas, lang, summary, titles, |i| pane_text(app, i));
    next_step::draw(app, f);
}

pub(crate) fn copy_menu(app: &App, f: &mut Frame, area: Rect) {
    let lines = keymap::footer(app)
        .iter()
        .map(|(k, d)| {
            Line::from(vec![
                Span::raw(format!(" {k:>3}  ")).themed(theme::STRONG),
                Span::raw(d.clone()),
            ])
        })
        .collect();
    let title = format!(" {} ", crate::t!(app.ui_lang, "tui-result-copy-title"));
    popup(f, area, 34, 7, &title, lines);
}

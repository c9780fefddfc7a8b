//! The scene's next step on the result (spec §6): the delivered code goes to the
//! consumer of its scene (`l`: log in / register / reset the password / change the
//! password / change the mobile / bind), or on purpose to another consumer (`u`, a
//! picker: the classic mistakes, e.g. a LOGIN_SMS code at register).
//!
//! It asks only for what it cannot know, in a small prompt: the code (when the
//! simulator's outbox did not give it), the new password, an id_token when no login
//! of this session gave one, a state token when the target is not a simulator (a
//! simulator issues one by itself). The answer is recorded on the send's record (its
//! panes show the exchange) and explained with what the session sent
//! ([`SessionFacts`], kept up to date here as codes are sent and consumed).

use super::super::app::{App, Busy, Cmd};
use super::super::keymap::{Action, Binding, Key, ch, key, plain};
use super::super::record::Record;
use crate::api::{Consumer, Lang, Scene};
use crate::client::consumer::{self, Known, Missing};
use crate::client::explain::consumer::SessionFacts;
use crate::client::{Exchange, Outcome};
use crate::t;
use crossterm::event::KeyCode;
use tui_input::Input;

/// Keys of the consumer picker (`u` on the result).
pub const PICKER_KEYS: &[Binding] = &[
    key(
        &[Key::Chars('1', '7')],
        Action::Pick,
        "1-7",
        "tui-keys-use-the-code-there",
    ),
    key(
        &[plain(KeyCode::Down), ch('j')],
        Action::Down,
        "↑↓",
        "tui-keys-move",
    ),
    key(&[plain(KeyCode::Up), ch('k')], Action::Up, "↑↓", "").grouped(),
    key(
        &[plain(KeyCode::Enter)],
        Action::Accept,
        "Enter",
        "tui-keys-use-it",
    ),
    key(
        &[plain(KeyCode::Esc)],
        Action::Back,
        "Esc",
        "tui-keys-close",
    ),
];

/// Keys of the prompt for a missing value (everything else types).
pub const PROMPT_KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Enter)],
        Action::Accept,
        "Enter",
        "tui-keys-go-on-empty-send-it-blank",
    ),
    key(
        &[plain(KeyCode::Esc)],
        Action::Back,
        "Esc",
        "tui-keys-cancel",
    ),
];

/// The state of the next step: at most one of picker, prompt, waiting.
#[derive(Debug, Default)]
pub struct NextState {
    /// The consumer picker is open; the selected row.
    pub picker: Option<usize>,
    /// A value is being asked for.
    pub prompt: Option<Prompt>,
    /// A state token is being fetched from the simulator for this step.
    pub awaiting: Option<Pending>,
    /// The step sent, waiting for the consumer's answer.
    pub sent: Option<Pending>,
}

/// A consumer request being put together for the code of record `id`.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub id: u64,
    pub consumer: Consumer,
    pub known: Known,
    /// Asked already (a blank answer is sent blank, on purpose).
    pub asked: Vec<Missing>,
}

#[derive(Debug)]
pub struct Prompt {
    pub pending: Pending,
    pub asking: Missing,
    pub input: Input,
}

impl NextState {
    pub fn is_open(&self) -> bool {
        self.picker.is_some() || self.prompt.is_some()
    }
}

/// How the footer and help name the scene's own step.
pub fn verb(c: Consumer) -> &'static str {
    match c {
        Consumer::Register | Consumer::SocialRegisterBind => "register with code",
        Consumer::Login => "log in with code",
        Consumer::ForgetPwd => "reset the password",
        Consumer::UpdatePwd => "change the password",
        Consumer::UpdateMobile => "change the mobile",
        Consumer::SocialBind => "bind the mobile",
    }
}

/// [`verb`] in `lang`.
pub fn verb_in(c: Consumer, lang: Lang) -> String {
    match c {
        Consumer::Register | Consumer::SocialRegisterBind => t!(lang, "tui-flow-verb-register"),
        Consumer::Login => t!(lang, "tui-flow-verb-login"),
        Consumer::ForgetPwd => t!(lang, "tui-flow-verb-forget-pwd"),
        Consumer::UpdatePwd => t!(lang, "tui-flow-verb-update-pwd"),
        Consumer::UpdateMobile => t!(lang, "tui-flow-verb-update-mobile"),
        Consumer::SocialBind => t!(lang, "tui-flow-verb-bind"),
    }
}

/// A consumer as the TUI names it (`Consumer::label`) in `lang`: its path, and the
/// password path's `(no login)` in words.
pub fn consumer_label(c: Consumer, lang: Lang) -> String {
    match c {
        Consumer::ForgetPwd => format!("{} ({})", c.name(), t!(lang, "tui-flow-no-login")),
        _ => c.label(),
    }
}

/// The consumer the exchange went to (its path, and for the shared password path
/// whether it carried a Bearer).
pub fn consumer_of(x: &Exchange) -> Option<Consumer> {
    let path = reqwest::Url::parse(&x.request.url)
        .map(|u| u.path().to_string())
        .unwrap_or_default();
    let auth = x
        .request
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("authorization"));
    Consumer::from_request(&path, auth)
}

/// The consumer of the scene the current record's code was sent for.
fn own_consumer(r: &Record) -> Option<Consumer> {
    Scene::from_code(&r.scene()).map(Consumer::for_scene)
}

/// The consumer exchange that said yes to this record's code (it is spent), if any: the
/// newest try, or the one a later try took the place of.
pub(crate) fn accepted_exchange(r: &Record) -> Option<&Exchange> {
    r.accepted
        .as_ref()
        .or_else(|| r.login.as_ref().filter(|x| took_the_code(x)))
}

fn took_the_code(x: &Exchange) -> bool {
    consumer_of(x).is_some_and(|c| consumer::accepted(c, x))
}

/// The consumer already said yes to this record's code (it is spent).
fn consumed(r: &Record) -> bool {
    accepted_exchange(r).is_some()
}

/// The scene's own step is offered: a successful send of one of the six scenes,
/// its code not used up yet.
pub fn available(app: &App) -> bool {
    app.current_record().is_some_and(|r| {
        r.exchange.outcome == Outcome::Success && own_consumer(r).is_some() && !consumed(r)
    })
}

/// `l` acts for a successful send of `scene` (one footer wording per scene); it is
/// written down only while the code is not used up ([`available`]), and says so after.
pub fn offered(app: &App, scene: Scene) -> bool {
    app.current_record()
        .is_some_and(|r| r.exchange.outcome == Outcome::Success && r.scene() == scene.code())
}

/// `u`: a successful send whose code can be tried elsewhere.
pub fn can_pick(app: &App) -> bool {
    app.current_record()
        .is_some_and(|r| r.exchange.outcome == Outcome::Success)
}

/// The id_token of the newest login (or registration, or bind) of the session: of
/// `mobile`'s user when there is one, else of the newest.
pub fn session_id_token(app: &App, mobile: &str) -> Option<String> {
    let sessions: Vec<(String, String)> = app
        .history
        .iter()
        .rev()
        .filter_map(|r| {
            let s = consumer::session_of(accepted_exchange(r)?)?;
            (!s.id_token.is_empty()).then(|| (r.mobile(), s.id_token))
        })
        .collect();
    sessions
        .iter()
        .find(|(m, _)| m == mobile)
        .or(sessions.first())
        .map(|(_, t)| t.clone())
}

/// `l`: the code to the consumer of its own scene.
pub(crate) fn start_own(app: &mut App) -> Vec<Cmd> {
    let Some(c) = app.current_record().and_then(own_consumer) else {
        app.error(t!(app.ui_lang, "tui-flow-no-consumer"));
        return vec![];
    };
    start(app, c)
}

/// `u`: open the consumer picker, on the scene's own consumer.
pub(crate) fn open_picker(app: &mut App) -> Vec<Cmd> {
    if busy(app) {
        return vec![];
    }
    let own = app.current_record().and_then(own_consumer);
    let row = own
        .and_then(|c| Consumer::ALL.iter().position(|x| *x == c))
        .unwrap_or(0);
    app.next.picker = Some(row);
    vec![]
}

fn busy(app: &mut App) -> bool {
    if app.busy.is_some() || app.next.awaiting.is_some() {
        app.notice(t!(app.ui_lang, "tui-flow-wait-answer"));
        return true;
    }
    false
}

/// Put the request of `c` together for the current record's code.
pub(crate) fn start(app: &mut App, c: Consumer) -> Vec<Cmd> {
    if busy(app) {
        return vec![];
    }
    let Some(r) = app.current_record() else {
        return vec![];
    };
    if r.exchange.outcome != Outcome::Success {
        app.error(t!(app.ui_lang, "tui-flow-send-failed"));
        return vec![];
    }
    if consumed(r) && own_consumer(r) == Some(c) {
        app.notice(t!(app.ui_lang, "tui-flow-code-used"));
        return vec![];
    }
    let pending = Pending {
        id: r.id,
        consumer: c,
        known: Known {
            mobile: Some(r.mobile()),
            code: r.delivered_code.clone(),
            id_token: session_id_token(app, &r.mobile()),
            state_token: None,
            new_password: None,
        },
        asked: Vec::new(),
    };
    advance(app, pending)
}

/// Ask for the next missing value, fetch a state token, or send.
fn advance(app: &mut App, p: Pending) -> Vec<Cmd> {
    let next = consumer::missing(p.consumer, &p.known)
        .into_iter()
        .find(|m| !p.asked.contains(m));
    match next {
        Some(Missing::StateToken) if app.target.has_sim_helpers() => {
            let id = p.id;
            app.next.awaiting = Some(p);
            app.notice(t!(app.ui_lang, "tui-flow-state-token-fetch"));
            vec![Cmd::FetchStateToken { id }]
        }
        Some(asking) => {
            app.next.prompt = Some(Prompt {
                pending: p,
                asking,
                input: Input::default(),
            });
            vec![]
        }
        None => send(app, p),
    }
}

fn send(app: &mut App, p: Pending) -> Vec<Cmd> {
    let step = consumer::request(
        &app.target.base_url,
        app.headers.clone(),
        p.consumer,
        &p.known,
    );
    let id = p.id;
    app.next.sent = Some(p);
    app.start_busy(Busy::Consume { id });
    vec![Cmd::Consume {
        id,
        spec: Box::new(step.spec),
    }]
}

pub(crate) fn on_picker_action(
    app: &mut App,
    action: Action,
    k: crossterm::event::KeyEvent,
) -> Vec<Cmd> {
    let n = Consumer::ALL.len();
    let Some(sel) = app.next.picker else {
        return vec![];
    };
    match action {
        Action::Down => app.next.picker = Some((sel + 1) % n),
        Action::Up => app.next.picker = Some((sel + n - 1) % n),
        Action::Back => app.next.picker = None,
        Action::Accept | Action::Pick => {
            let i = match (action, k.code) {
                (Action::Pick, KeyCode::Char(d)) => d.to_digit(10).unwrap_or(1) as usize - 1,
                _ => sel,
            };
            app.next.picker = None;
            if let Some(c) = Consumer::ALL.get(i) {
                return start(app, *c);
            }
        }
        _ => {}
    }
    vec![]
}

pub(crate) fn on_prompt_action(app: &mut App, action: Action) -> Vec<Cmd> {
    match action {
        Action::Back => {
            app.next.prompt = None;
            app.notice(t!(app.ui_lang, "tui-flow-prompt-cancelled"));
            vec![]
        }
        Action::Accept => {
            let Some(Prompt {
                mut pending,
                asking,
                input,
            }) = app.next.prompt.take()
            else {
                return vec![];
            };
            let v = Some(input.value().trim().to_string());
            let k = &mut pending.known;
            match asking {
                Missing::Mobile => k.mobile = v,
                Missing::Code => k.code = v,
                // empty: no Bearer at all (`consumer::request` leaves a blank one out)
                Missing::IdToken => k.id_token = v,
                Missing::StateToken => k.state_token = v,
                Missing::NewPassword => k.new_password = v,
            }
            pending.asked.push(asking);
            advance(app, pending)
        }
        _ => vec![],
    }
}

/// The prompt's text field, while it is open on the result.
pub(crate) fn input(app: &mut App) -> Option<&mut Input> {
    app.next.prompt.as_mut().map(|p| &mut p.input)
}

/// The simulator issued (or refused) a state token.
pub(crate) fn on_state_token(app: &mut App, id: u64, result: Result<String, String>) -> Vec<Cmd> {
    let Some(mut p) = app.next.awaiting.take_if(|p| p.id == id) else {
        return vec![];
    };
    match result {
        Ok(t) => {
            app.notice = None;
            p.known.state_token = Some(t);
            advance(app, p)
        }
        Err(e) => {
            app.error(t!(
                app.ui_lang,
                "tui-flow-no-state-token",
                error = e.to_string()
            ));
            app.next.prompt = Some(Prompt {
                pending: p,
                asking: Missing::StateToken,
                input: Input::default(),
            });
            vec![]
        }
    }
}

/// A successful send: the session sent a code (its value comes with the outbox).
pub(crate) fn on_code_sent(app: &mut App, r: &Record) {
    if r.exchange.outcome != Outcome::Success {
        return;
    }
    if let Some(scene) = Scene::from_code(&r.scene()) {
        app.explain_base
            .session
            .sent(&r.mobile(), scene, None, r.exchange.started_at);
    }
}

/// The simulator's outbox gave the code of record `id`.
pub(crate) fn on_code_delivered(app: &mut App, id: u64, code: Option<String>) {
    let Some(r) = app.history.iter_mut().rev().find(|r| r.id == id) else {
        return;
    };
    r.delivered_code = code.clone();
    let (mobile, scene) = (r.mobile(), r.scene());
    if let Some(c) = app
        .explain_base
        .session
        .sent
        .iter_mut()
        .rev()
        .find(|c| c.mobile == mobile && c.scene.code() == scene && c.code.is_none())
    {
        c.code = code;
    }
}

/// The mobile the session's record of the code is under (the user of the Bearer for
/// a password change: the newest UPDATE_PWD_SMS code's number).
fn target_mobile(facts: &SessionFacts, c: Consumer, known: &Known) -> String {
    if c == Consumer::UpdatePwd {
        return facts
            .sent
            .iter()
            .rev()
            .find(|s| s.scene == Scene::UpdatePwdSms)
            .map(|s| s.mobile.clone())
            .unwrap_or_default();
    }
    known.mobile.clone().unwrap_or_default()
}

/// The consumer answered: record it on the send's record, explain it against what
/// the session knew before the answer, keep the session's facts, say it.
pub(crate) fn on_consumed(app: &mut App, id: u64, exchange: Exchange) -> Vec<Cmd> {
    if app.busy == Some(Busy::Consume { id }) {
        app.busy = None;
    }
    let pending = app.next.sent.take_if(|p| p.id == id);
    let c = pending
        .as_ref()
        .map(|p| p.consumer)
        .or_else(|| consumer_of(&exchange));
    let mut facts = app.explain_base.session.clone();
    facts.now = Some(app.clock.now());
    let ok = c.is_some_and(|c| consumer::accepted(c, &exchange));
    if let (Some(c), Some(p)) = (c, &pending) {
        let given = p.known.code.clone().unwrap_or_default();
        let mobile = target_mobile(&facts, c, &p.known);
        app.explain_base.session.answered(c, &mobile, &given, ok);
    }
    let Some(r) = app.history.iter_mut().rev().find(|r| r.id == id) else {
        return vec![];
    };
    // A try after the code was taken keeps the exchange that took it.
    if let Some(prev) = r.login.take()
        && r.accepted.is_none()
        && took_the_code(&prev)
    {
        r.accepted = Some(prev);
    }
    r.login = Some(exchange);
    r.consumer_facts = Some(facts);
    let rec = r.clone();
    let lang = app.ui_lang;
    let name = c
        .map(|c| c.name().to_string())
        .unwrap_or_else(|| t!(lang, "tui-flow-the-consumer"));
    match c {
        Some(c) if ok => {
            let (en, zh) = c.success();
            let what = if lang == Lang::Zh { zh } else { en };
            app.notice(t!(lang, "tui-flow-code-worked", what = what, name = name))
        }
        _ => app.error(t!(lang, "tui-flow-code-refused", name = name)),
    }
    app.panes.reset(2);
    vec![Cmd::AppendHistory(Box::new(rec))]
}

// ---- drawing ------------------------------------------------------------------------

use crate::tui::theme::{self, Themed};
use crate::tui::view::{centered, input_box, popup};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

/// The picker or the prompt over the result, when open.
pub(crate) fn draw(app: &App, f: &mut Frame) {
    let area = f.area();
    if let Some(sel) = app.next.picker {
        let lang = app.ui_lang;
        let own = app.current_record().and_then(own_consumer);
        let mut lines = vec![
            Line::from(t!(lang, "tui-flow-picker-question")).themed(theme::STRONG),
            Line::from(t!(lang, "tui-flow-picker-mistakes")).themed(theme::MUTED),
        ];
        for (i, c) in Consumer::ALL.iter().enumerate() {
            let mark = if i == sel { "▶" } else { " " };
            let own_mark = if Some(*c) == own {
                format!("  {}", t!(lang, "tui-flow-picker-own"))
            } else {
                String::new()
            };
            let label = consumer_label(*c, lang);
            // padded by display width: a CJK character takes two columns
            let pad = " ".repeat(32usize.saturating_sub(label.width()));
            let line = Line::from(format!(
                "{mark} {}  {label}{pad} {}{own_mark}",
                i + 1,
                c.scene()
            ));
            lines.push(if i == sel {
                line.themed(theme::ACCENT)
            } else {
                line
            });
        }
        let w = area.width.saturating_sub(4).min(96);
        popup(
            f,
            area,
            w,
            crate::tui::view::popup_height(&lines, w),
            &format!(" {} ", t!(lang, "tui-flow-picker-title")),
            lines,
        );
    }
    if let Some(p) = &app.next.prompt {
        prompt(f, area, p, app.ui_lang);
    }
}

fn prompt(f: &mut Frame, area: Rect, p: &Prompt, lang: Lang) {
    let w = area.width.saturating_sub(4).min(96);
    // the UI language's words first, the other language's under them
    let mut lines = vec![
        Line::from(p.asking.prompt(lang).to_string()).themed(theme::STRONG),
        Line::from(p.asking.prompt(lang.other()).to_string()).themed(theme::MUTED),
    ];
    if p.asking == Missing::IdToken {
        lines.push(Line::from(t!(lang, "tui-flow-prompt-no-login")));
    }
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let title = format!(
        " {}{colon}{} ",
        p.pending.consumer.name(),
        verb_in(p.pending.consumer, lang)
    );
    // the wrapped lines, and three rows for the input field under them
    let h = crate::tui::view::popup_height(&lines, w) + 3;
    popup(f, area, w, h, &title, lines);
    let r = centered(area, w.min(area.width), h.min(area.height));
    let field = Rect::new(
        r.x + 1,
        r.y + r.height.saturating_sub(4),
        r.width.saturating_sub(2),
        3,
    );
    input_box(
        f,
        field,
        &p.input,
        &format!(" {} ", t!(lang, "tui-flow-prompt-value")),
        true,
    );
}

//! The one key map: an [`Action`] per thing a person can do, and one binding
//! table per [`Mode`] (a screen, or a state of a screen that takes other
//! keys). The tables are the only source for dispatch ([`resolve`]), the
//! footer ([`footer`]) and the help overlay ([`help`]); each screen module
//! under `screens/` owns its table.

use super::app::{App, HeaderEdit, Screen, Step};
use super::screens;
use crate::api::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::borrow::Cow;

/// Everything a person can do with a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    // everywhere
    Quit,
    Help,
    OpenHeaders,
    OpenHistory,
    OpenCheck,
    // moving around lists and text
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    /// A digit picks a list row or a pane (the key says which).
    Pick,
    NextPane,
    PrevPane,
    // the guided flow
    Accept,
    Back,
    NextStep,
    PrevStep,
    GoToken,
    GoScene,
    GoMobile,
    GetToken,
    /// Fetch the token or puzzle again with the profile's full headers
    /// (after the captcha endpoint refused the headers as edited).
    FetchFullHeaders,
    SolvePuzzle,
    Send,
    Cancel,
    CopyCurl,
    ToggleMask,
    // the result
    Resend,
    NewRequest,
    /// The scene's own next step: the code to its consumer.
    Login,
    /// The code to a consumer the person picks (another scene's: a classic mistake).
    UseElsewhere,
    CopyMenu,
    CopyBody,
    CopyReport,
    SaveReport,
    // the headers editor
    Edit,
    /// Keep the old value and move the cursor in it (the key moves it too).
    EditInPlace,
    ClearField,
    ToggleSend,
    Blank,
    ApplyPreset,
    NewFingerprint,
    AddHeader,
    DeleteHeader,
    SaveHeaders,
    // the check
    RunAgain,
    Stop,
    NextCase,
    PrevCase,
    /// The Check screen: conformance suite or probes.
    SwitchSuite,
    // the puzzle
    Nudge,
    Slide,
    SlideEnds,
    Drag,
    Verify,
    NewPuzzle,
    EditMobile,
    /// A digit (or Backspace) types the piece's x.
    TypeX,
    // bring your own request
    OpenImport,
    DropImport,
    ExportHar,
    ExportAllHar,
    // the proxy's traffic
    OpenTraffic,
    Filter,
}

/// A key (or a family of keys) a binding answers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// This key without Ctrl or Alt (Shift allowed: `?`, Shift+Tab).
    Plain(KeyCode),
    Ctrl(char),
    Shift(KeyCode),
    /// Any character in this range.
    Chars(char, char),
    /// Not a key: the mouse (documented, never dispatched).
    Mouse,
}

impl Key {
    pub fn matches(self, k: &KeyEvent) -> bool {
        let ctrl_alt = k
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match self {
            Key::Plain(code) => k.code == code && !ctrl_alt,
            Key::Ctrl(c) => {
                k.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(k.code, KeyCode::Char(x) if x.eq_ignore_ascii_case(&c))
            }
            Key::Shift(code) => k.code == code && shifted(k),
            Key::Chars(a, b) => {
                !ctrl_alt && matches!(k.code, KeyCode::Char(c) if (a..=b).contains(&c))
            }
            Key::Mouse => false,
        }
    }

    /// A key event that matches (the first of a range).
    pub fn example(self) -> Option<KeyEvent> {
        Some(match self {
            Key::Plain(code) => KeyEvent::from(code),
            Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
            Key::Shift(code) => KeyEvent::new(code, KeyModifiers::SHIFT),
            Key::Chars(a, _) => KeyEvent::from(KeyCode::Char(a)),
            Key::Mouse => return None,
        })
    }

    /// How the key is written for a person.
    pub fn label(self) -> String {
        match self {
            Key::Plain(code) => code_label(code),
            Key::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            Key::Shift(code) => format!("Shift+{}", code_label(code)),
            Key::Chars(a, b) => format!("{a}-{b}"),
            Key::Mouse => "mouse".into(),
        }
    }
}

fn shifted(k: &KeyEvent) -> bool {
    k.modifiers.contains(KeyModifiers::SHIFT)
}

fn code_label(code: KeyCode) -> String {
    match code {
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::BackTab => "Shift+Tab".into(),
        other => other.to_string(),
    }
}

/// Where a binding is written down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    /// The footer (as much as fits) and the help overlay.
    Footer,
    /// The help overlay only.
    Help,
    /// Under the label of the binding just before it (e.g. `↑↓/jk`).
    Grouped,
}

/// One line of a screen's key table.
#[derive(Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// The keys as written in the footer and help ("↑↓/jk"). A label that is a word rather
    /// than key names ("drag") is a message id of `tui-keys.ftl` (`tui-keys-label-…`), so that
    /// it reads in the UI language: see [`Binding::label_in`].
    pub label: &'static str,
    /// What the binding does: a message id of `tui-keys.ftl` (read it with
    /// [`Binding::describe`]); empty for a binding grouped under the one before.
    pub desc: &'static str,
    pub show: Show,
    /// The binding takes effect only when this holds.
    pub active: fn(&App) -> bool,
    /// It is written down only when this holds (and it is active).
    pub shown: fn(&App) -> bool,
}

pub fn always(_: &App) -> bool {
    true
}

/// A binding shown in the footer.
pub const fn key(
    keys: &'static [Key],
    action: Action,
    label: &'static str,
    desc: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        label,
        desc,
        show: Show::Footer,
        active: always,
        shown: always,
    }
}

impl Binding {
    /// The label as written in `lang`: key names as they are, a word from the catalogue.
    pub fn label_in(&self, lang: Lang) -> Cow<'static, str> {
        label_in(self.label, lang)
    }

    /// What the binding does, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        if self.desc.is_empty() {
            String::new()
        } else {
            crate::i18n::text(lang, self.desc)
        }
    }

    /// Only in the help overlay.
    pub const fn help_only(mut self) -> Binding {
        self.show = Show::Help;
        self
    }

    /// Written under the label of the binding before it.
    pub const fn grouped(mut self) -> Binding {
        self.show = Show::Grouped;
        self
    }

    pub const fn when(mut self, active: fn(&App) -> bool) -> Binding {
        self.active = active;
        self
    }

    pub const fn shown_when(mut self, shown: fn(&App) -> bool) -> Binding {
        self.shown = shown;
        self
    }
}

pub const fn plain(code: KeyCode) -> Key {
    Key::Plain(code)
}

pub const fn ch(c: char) -> Key {
    Key::Plain(KeyCode::Char(c))
}

/// Keys that work on every screen (checked before the screen's own).
pub const GLOBAL: &[Binding] = &[
    key(
        &[Key::Ctrl('c')],
        Action::Quit,
        "Ctrl+C",
        "tui-keys-quit-always",
    ),
    key(
        &[plain(KeyCode::F(1)), ch('?')],
        Action::Help,
        "F1 / ?",
        "tui-keys-help-when-not-typing",
    ),
    key(
        &[plain(KeyCode::F(2))],
        Action::OpenHeaders,
        "F2",
        "tui-keys-device-headers-editor",
    )
    .when(|a| a.screen != Screen::Headers && !sending(a)),
    key(
        &[plain(KeyCode::F(3))],
        Action::OpenHistory,
        "F3",
        "tui-keys-history-of-exchanges",
    )
    .when(|a| a.screen != Screen::History && !sending(a)),
    key(
        &[plain(KeyCode::F(4))],
        Action::OpenCheck,
        "F4",
        "tui-keys-check-run-the-suite",
    )
    .when(|a| a.screen != Screen::Check && !sending(a)),
    key(
        &[Key::Ctrl('f')],
        Action::FetchFullHeaders,
        "Ctrl+F",
        "tui-keys-get-the-token-with-the-profile-s-full-headers",
    )
    .when(|a| a.header_refusal.is_some() && a.busy.is_none())
    .shown_when(|a| a.header_refusal.is_some() && a.busy.is_none()),
    key(
        &[plain(KeyCode::F(5))],
        Action::OpenTraffic,
        "F5",
        "tui-keys-the-proxy-s-traffic",
    )
    .when(|a| a.screen != Screen::Traffic && !sending(a) && a.traffic.live())
    .shown_when(|a| a.traffic.live()),
];

fn sending(app: &App) -> bool {
    app.busy.is_some() && app.screen == Screen::Sending
}

/// A screen, or a state of one with keys of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Token,
    Scene,
    SceneOther,
    Mobile,
    Review,
    Sending,
    Result,
    CopyMenu,
    /// The consumer picker over the result.
    Consumers,
    /// The prompt for a value the next step needs.
    NextInput,
    Headers,
    HeaderValue,
    HeaderNew,
    PresetPicker,
    History,
    Check,
    CheckCase,
    Probe,
    ProbePlan,
    ProbeEvidence,
    Puzzle,
    PuzzleFailed,
    PuzzleMobile,
    Import,
    Traffic,
    TrafficFilter,
    TrafficDetail,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 28] = [
        Mode::Token,
        Mode::Scene,
        Mode::SceneOther,
        Mode::Mobile,
        Mode::Review,
        Mode::Sending,
        Mode::Result,
        Mode::CopyMenu,
        Mode::Consumers,
        Mode::NextInput,
        Mode::Headers,
        Mode::HeaderValue,
        Mode::HeaderNew,
        Mode::PresetPicker,
        Mode::History,
        Mode::Check,
        Mode::CheckCase,
        Mode::Probe,
        Mode::ProbePlan,
        Mode::ProbeEvidence,
        Mode::Puzzle,
        Mode::PuzzleFailed,
        Mode::PuzzleMobile,
        Mode::Import,
        Mode::Traffic,
        Mode::TrafficFilter,
        Mode::TrafficDetail,
        Mode::Help,
    ];

    /// The key table of this mode.
    pub fn bindings(self) -> &'static [Binding] {
        use screens::*;
        match self {
            Mode::Token => token::KEYS,
            Mode::Scene => scene::KEYS,
            Mode::SceneOther => scene::OTHER_KEYS,
            Mode::Mobile => mobile::KEYS,
            Mode::Review => review::KEYS,
            Mode::Sending => sending::KEYS,
            Mode::Result => result::KEYS,
            Mode::CopyMenu => result::COPY_KEYS,
            Mode::Consumers => next_step::PICKER_KEYS,
            Mode::NextInput => next_step::PROMPT_KEYS,
            Mode::Headers => headers::KEYS,
            Mode::HeaderValue => headers::VALUE_KEYS,
            Mode::HeaderNew => headers::NEW_KEYS,
            Mode::PresetPicker => headers::PRESET_KEYS,
            Mode::History => history::KEYS,
            Mode::Check => check::KEYS,
            Mode::CheckCase => check::CASE_KEYS,
            Mode::Probe => probe::KEYS,
            Mode::ProbePlan => probe::PLAN_KEYS,
            Mode::ProbeEvidence => probe::EVIDENCE_KEYS,
            Mode::Puzzle => puzzle::KEYS,
            Mode::PuzzleFailed => puzzle::FAILED_KEYS,
            Mode::PuzzleMobile => puzzle::MOBILE_KEYS,
            Mode::Import => import::KEYS,
            Mode::Traffic => traffic::KEYS,
            Mode::TrafficFilter => traffic::FILTER_KEYS,
            Mode::TrafficDetail => traffic::DETAIL_KEYS,
            Mode::Help => help::KEYS,
        }
    }

    /// How a person gets to this mode from anywhere, when a key does it.
    fn reached_by(self) -> Option<Action> {
        match self {
            Mode::Headers => Some(Action::OpenHeaders),
            Mode::History => Some(Action::OpenHistory),
            Mode::Check => Some(Action::OpenCheck),
            Mode::Traffic => Some(Action::OpenTraffic),
            _ => None,
        }
    }

    /// The screen's name after "on the" (English) or before "中" (Chinese).
    fn name(self, lang: Lang) -> String {
        use crate::t;
        match self {
            Mode::Token => t!(lang, "tui-keys-mode-token"),
            Mode::Scene | Mode::SceneOther => t!(lang, "tui-keys-mode-scene"),
            Mode::Mobile => t!(lang, "tui-keys-mode-mobile"),
            Mode::Review => t!(lang, "tui-keys-mode-review"),
            Mode::Sending => t!(lang, "tui-keys-mode-sending"),
            Mode::Result | Mode::CopyMenu | Mode::Consumers | Mode::NextInput => {
                t!(lang, "tui-keys-mode-result")
            }
            Mode::Headers | Mode::HeaderValue | Mode::HeaderNew | Mode::PresetPicker => {
                t!(lang, "tui-keys-mode-headers")
            }
            Mode::History => t!(lang, "tui-keys-mode-history"),
            Mode::Check | Mode::CheckCase => t!(lang, "tui-keys-mode-check"),
            Mode::Probe | Mode::ProbePlan | Mode::ProbeEvidence => t!(lang, "tui-keys-mode-probes"),
            Mode::Puzzle | Mode::PuzzleFailed | Mode::PuzzleMobile => {
                t!(lang, "tui-keys-mode-puzzle")
            }
            Mode::Import => t!(lang, "tui-keys-mode-import"),
            Mode::Traffic | Mode::TrafficFilter | Mode::TrafficDetail => {
                t!(lang, "tui-keys-mode-traffic")
            }
            Mode::Help => t!(lang, "tui-keys-mode-help"),
        }
    }
}

/// The mode of the screen under any overlay (what the footer and help describe).
pub fn screen_mode(app: &App) -> Mode {
    if app.copy_menu {
        return Mode::CopyMenu;
    }
    match app.screen {
        Screen::Wizard(Step::Token) => Mode::Token,
        Screen::Wizard(Step::Scene) if app.editing_other => Mode::SceneOther,
        Screen::Wizard(Step::Scene) => Mode::Scene,
        Screen::Wizard(Step::Mobile) => Mode::Mobile,
        Screen::Wizard(Step::Review) => Mode::Review,
        Screen::Sending => Mode::Sending,
        Screen::Result if app.next.prompt.is_some() => Mode::NextInput,
        Screen::Result if app.next.picker.is_some() => Mode::Consumers,
        Screen::Result => Mode::Result,
        Screen::Headers if app.editor.picker.is_some() => Mode::PresetPicker,
        Screen::Headers => match app.editor.edit {
            Some(HeaderEdit::Value(_)) => Mode::HeaderValue,
            Some(HeaderEdit::New(_)) => Mode::HeaderNew,
            None => Mode::Headers,
        },
        Screen::History => Mode::History,
        Screen::Check if app.probe.shown => screens::probe::mode(app),
        Screen::Check if app.check.open.is_some() => Mode::CheckCase,
        Screen::Check => Mode::Check,
        Screen::Puzzle if app.puzzle.editing_mobile => Mode::PuzzleMobile,
        Screen::Puzzle if screens::puzzle::failed(app) => Mode::PuzzleFailed,
        Screen::Puzzle => Mode::Puzzle,
        Screen::Import => Mode::Import,
        Screen::Traffic if app.traffic.filtering => Mode::TrafficFilter,
        Screen::Traffic if app.traffic.open.is_some() => Mode::TrafficDetail,
        Screen::Traffic => Mode::Traffic,
    }
}

/// The mode that takes the next key.
pub fn mode(app: &App) -> Mode {
    if app.help.open {
        Mode::Help
    } else {
        screen_mode(app)
    }
}

/// The first active binding for `k`; a `Shift+` binding wins over the plain key.
fn find(bindings: &[Binding], app: &App, k: &KeyEvent) -> Option<Action> {
    let first = |shift_only: bool| {
        bindings.iter().find(|b| {
            (b.active)(app)
                && b.keys
                    .iter()
                    .any(|key| (!shift_only || matches!(key, Key::Shift(_))) && key.matches(k))
        })
    };
    first(true).or_else(|| first(false)).map(|b| b.action)
}

/// What a key press does now: the mode that handles it and the action.
/// `None`: nothing (or, while typing, the key goes into the text field).
/// The help overlay and the copy menu take every key; the global keys come
/// next (F1 and `?` only when not typing, the F keys not while sending).
pub fn resolve(app: &App, k: &KeyEvent) -> Option<(Mode, Action)> {
    let m = mode(app);
    if Key::Ctrl('c').matches(k) {
        return Some((m, Action::Quit));
    }
    if matches!(m, Mode::Help | Mode::CopyMenu) {
        return find(m.bindings(), app, k).map(|a| (m, a));
    }
    let help = Key::Plain(KeyCode::F(1)).matches(k) || (!app.typing() && ch('?').matches(k));
    if help {
        return Some((m, Action::Help));
    }
    if let Some(a) = find(&GLOBAL[2..], app, k) {
        return Some((m, a));
    }
    find(m.bindings(), app, k).map(|a| (m, a))
}

/// The footer's items for the current screen, in table order: the label and
/// what it does in the UI language.
pub fn footer(app: &App) -> Vec<(Cow<'static, str>, String)> {
    described(footer_bindings(app), app.ui_lang)
}

/// The footer's bindings for the current screen, in table order.
pub fn footer_bindings(app: &App) -> Vec<&'static Binding> {
    listed(screen_mode(app), app, false)
}

/// The help overlay's items for the current screen (footer items first).
pub fn help(app: &App) -> Vec<(Cow<'static, str>, String)> {
    described(listed(screen_mode(app), app, true), app.ui_lang)
}

fn described(bindings: Vec<&'static Binding>, lang: Lang) -> Vec<(Cow<'static, str>, String)> {
    bindings
        .into_iter()
        .map(|b| (b.label_in(lang), b.describe(lang)))
        .collect()
}

fn listed(m: Mode, app: &App, help: bool) -> Vec<&'static Binding> {
    m.bindings()
        .iter()
        .filter(|b| b.show == Show::Footer || (help && b.show == Show::Help))
        .filter(|b| (b.active)(app) && (b.shown)(app))
        .collect()
}

/// A binding's label as written in `lang` ([`Binding::label`]).
pub fn label_in(label: &'static str, lang: Lang) -> Cow<'static, str> {
    if label.starts_with(LABEL_WORD) {
        Cow::Owned(crate::i18n::text(lang, label))
    } else {
        Cow::Borrowed(label)
    }
}

/// How a label that is a word (a message id) begins.
const LABEL_WORD: &str = "tui-keys-label-";

/// The label a binding is written under (its own, or its group's).
pub fn written_label(bindings: &[Binding], i: usize) -> &'static str {
    bindings[..=i]
        .iter()
        .rev()
        .find(|b| b.show != Show::Grouped)
        .map(|b| b.label)
        .unwrap_or(bindings[i].label)
}

/// How a person does `action`, for texts outside the key tables (e.g. the
/// client's explanations): the global key, or the key on the first screen
/// that has it, after the key that opens that screen ("F2, then p"), or with
/// the screen named ("r on the result"). In English.
pub fn key_label_for(action: Action) -> String {
    key_label_in(action, Lang::En)
}

/// [`key_label_for`] in `lang` ("F2，然后按 p", "结果页中按 r").
pub fn key_label_in(action: Action, lang: Lang) -> String {
    let first_key = |b: &Binding| b.keys.first().map(|k| k.label());
    if let Some(k) = GLOBAL
        .iter()
        .find(|b| b.action == action)
        .and_then(first_key)
    {
        return k;
    }
    for m in Mode::ALL {
        let Some(k) = m
            .bindings()
            .iter()
            .find(|b| b.action == action)
            .and_then(first_key)
        else {
            continue;
        };
        return match m.reached_by() {
            Some(open) => crate::t!(
                lang,
                "tui-keys-then",
                first = key_label_in(open, lang),
                key = k
            ),
            None => crate::t!(lang, "tui-keys-on-screen", key = k, screen = m.name(lang)),
        };
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::{Busy, Msg, SCENE_OTHER, update};
    use crate::tui::fixtures::{filled, ok_response, puzzle_screen, with_result};
    use crate::tui::screens::probe::Ask;
    use crate::tui::screens::puzzle::Phase;
    use tui_input::Input;

    /// Apps in every mode, the conditional bindings both ways.
    fn states() -> Vec<App> {
        let wizard = |step| {
            let (mut a, _) = filled(Step::Review);
            a.screen = Screen::Wizard(step);
            a
        };
        let result = || with_result(filled(Step::Review).0, Some(ok_response()));
        let mut out = vec![
            wizard(Step::Token),
            wizard(Step::Scene),
            wizard(Step::Mobile),
            wizard(Step::Review),
        ];
        let mut a = wizard(Step::Scene);
        a.scene_sel = SCENE_OTHER;
        a.editing_other = true;
        out.push(a);
        let mut a = wizard(Step::Review);
        a.busy = Some(Busy::Send { id: 1 });
        a.screen = Screen::Sending;
        out.push(a);
        out.push(result());
        let mut a = result();
        let i = a.current.expect("a current record");
        a.history[i].delivered_code = Some("123456".into());
        assert!(crate::tui::screens::result::login_available(&a));
        out.push(a);
        // the scene's own step, worded per scene
        for (i, _) in crate::api::Scene::ALL.iter().enumerate() {
            let (mut a, _) = filled(Step::Review);
            a.scene_sel = i;
            out.push(with_result(a, Some(ok_response())));
        }
        let mut a = result();
        a.next.picker = Some(0);
        out.push(a);
        let mut a = result();
        update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('u'))));
        update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('4'))));
        assert!(
            a.next.prompt.is_some(),
            "the password reset asks for a password"
        );
        out.push(a);
        let mut a = result();
        a.copy_menu = true;
        out.push(a);
        for edit in [
            None,
            Some(HeaderEdit::Value(Input::default())),
            Some(HeaderEdit::New(Input::default())),
        ] {
            let mut a = result();
            a.screen = Screen::Headers;
            a.editor.edit = edit;
            out.push(a);
        }
        let mut a = result();
        a.screen = Screen::Headers;
        a.editor.picker = Some(1);
        out.push(a);
        let mut a = result();
        a.screen = Screen::History;
        out.push(a);
        for (running, open) in [(None, None), (Some(1), None), (None, Some(0))] {
            let mut a = result();
            a.screen = Screen::Check;
            a.check.running = running;
            a.check.open = open;
            out.push(a);
        }
        for (running, ask, open) in [
            (None, None, None),
            (Some(1), None, None),
            (None, Some(Ask::Confirm), None),
            (None, Some(Ask::Refused("elsewhere".into())), None),
        ] {
            let mut a = result();
            a.screen = Screen::Check;
            a.probe.shown = true;
            a.probe.running = running;
            a.probe.ask = ask;
            a.probe.open = open;
            out.push(a);
        }
        let mut a = result();
        a.screen = Screen::Check;
        a.probe.shown = true;
        a.probe.open = Some(0);
        out.push(a);
        // a running check waits for a pass token: p solves the puzzle
        let mut a = result();
        a.screen = Screen::Check;
        a.check.running = Some(1);
        let (reply, _) = tokio::sync::oneshot::channel();
        a.check.asking = Some(crate::tui::check::TokenRequest {
            run: 1,
            sender: "13800138000".into(),
            reply,
        });
        out.push(a);
        for (for_check, failed, mobile) in [
            (None, false, false),
            (Some("13800138000".to_string()), false, false),
            (None, true, false),
            (Some("13800138000".to_string()), true, false),
            (None, false, true),
        ] {
            let (mut a, _) = puzzle_screen();
            a.puzzle.for_check = for_check;
            a.puzzle.editing_mobile = mobile;
            if failed {
                a.puzzle.phase = Phase::Failed {
                    title: "expired".into(),
                    lines: vec![],
                };
            }
            out.push(a);
        }
        let (mut a, _) = puzzle_screen();
        a.puzzle.header_refused = true;
        a.puzzle.phase = Phase::Failed {
            title: "refused".into(),
            lines: vec![],
        };
        out.push(a);
        // the piece moved: Enter verifies (before, it asks for a move)
        let (mut a, _) = puzzle_screen();
        if let Some(c) = a.puzzle.current.as_mut() {
            c.moved = true;
        }
        out.push(a);
        out.extend(import_and_traffic_states());
        let mut a = result();
        a.help.open = true;
        out.push(a);
        out
    }

    /// The Import screen (with and without a request imported) and the
    /// Traffic screen (list, filter, one exchange open, F5 from elsewhere).
    fn import_and_traffic_states() -> Vec<App> {
        let mut out = vec![];
        for imported in [false, true] {
            let (mut a, _) = filled(Step::Review);
            if imported {
                let curl =
                    "curl 'http://t.example/api/v2/sdk/sms/send' -H 'X-A: 1' --data-raw '{}'";
                let Ok(crate::client::import::Parsed::One(r)) = crate::client::import::parse(curl)
                else {
                    panic!("the sample parses");
                };
                screens::import::use_request(&mut a, &r, "test");
            }
            a.screen = Screen::Import;
            out.push(a);
        }
        for state in 0..4 {
            let (mut a, _) = filled(Step::Review);
            a.traffic.listen = "http://127.0.0.1:8081".into();
            let x = crate::tui::fixtures::exchange(&a.send_spec(), None);
            a.traffic.push(
                std::sync::Arc::new(crate::client::proxy::Recorded {
                    id: 1,
                    client: "127.0.0.1:5000".parse().unwrap(),
                    exchange: x,
                    refused: None,
                }),
                crate::api::Lang::En,
            );
            a.screen = Screen::Traffic;
            match state {
                1 => a.traffic.filtering = true,
                2 => screens::route(
                    &mut a,
                    Mode::Traffic,
                    Action::Accept,
                    KeyEvent::from(KeyCode::Enter),
                )
                .clear(),
                3 => a.screen = Screen::Wizard(Step::Review), // F5 back to the traffic
                _ => {}
            }
            out.push(a);
        }
        out
    }

    /// Every binding of every mode: its key reaches its action, and where it
    /// is written down (help overlay, or the copy menu, or the help's own
    /// line) lists its label.
    #[test]
    fn every_binding_dispatches_to_its_action_and_is_documented() {
        let mut covered = std::collections::HashSet::new();
        for app in states() {
            let m = mode(&app);
            let table = m.bindings();
            let written: Vec<String> = match m {
                Mode::Help => vec![screens::help::keys_line(app.ui_lang)],
                _ => help(&app).iter().map(|(k, d)| format!("{k} {d}")).collect(),
            };
            for (i, b) in table.iter().enumerate() {
                if !(b.active)(&app) {
                    continue;
                }
                for key in b.keys {
                    let Some(ev) = key.example() else {
                        continue; // the mouse: written down, never dispatched
                    };
                    assert_eq!(
                        resolve(&app, &ev),
                        Some((m, b.action)),
                        "{m:?}: {} reaches {:?}",
                        key.label(),
                        b.action
                    );
                }
                let label = label_in(written_label(table, i), app.ui_lang);
                if (b.shown)(&app) || b.show == Show::Grouped {
                    assert!(
                        written.iter().any(|w| w.contains(label.as_ref())),
                        "{m:?}: {label} for {:?} is written down in {written:?}",
                        b.action
                    );
                    covered.insert((m as usize, i));
                }
            }
        }
        for m in Mode::ALL {
            for (i, b) in m.bindings().iter().enumerate() {
                assert!(
                    covered.contains(&(m as usize, i)),
                    "{m:?}: {} ({:?}) was checked in some state",
                    b.label,
                    b.action
                );
            }
        }
    }

    /// A label that is a word ("drag") is written in the UI language; key names stay as they are.
    #[test]
    fn a_label_that_is_a_word_reads_in_the_ui_language() {
        let mut words = 0;
        let tables = Mode::ALL.iter().map(|m| (format!("{m:?}"), m.bindings()));
        for (m, table) in tables.chain([("Global".to_string(), GLOBAL)]) {
            for b in table {
                let (en, zh) = (b.label_in(Lang::En), b.label_in(Lang::Zh));
                if b.label.starts_with(LABEL_WORD) {
                    words += 1;
                    assert!(
                        en != b.label && zh != b.label,
                        "{} is in the catalogue",
                        b.label
                    );
                    assert!(en.is_ascii() && !zh.is_ascii(), "{}: {en} / {zh}", b.label);
                } else {
                    assert!(
                        en == b.label && zh == b.label,
                        "key names are not translated: {}",
                        b.label
                    );
                    // Key names are capitalised (Enter, PgUp) or one or two letters (q, jk).
                    let word = b
                        .label
                        .split(|c: char| !c.is_ascii_alphabetic())
                        .any(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase()));
                    assert!(
                        !word,
                        "{m}: the label {:?} reads like a word: make it a tui-keys-label- id",
                        b.label
                    );
                }
            }
        }
        assert!(words >= 1, "the puzzle's drag label is a word");
    }

    /// The keys that used to work without being written anywhere are in the help now.
    #[test]
    fn formerly_undocumented_keys_are_in_the_help() {
        let has = |m: Mode, k: KeyEvent, a: Action| {
            m.bindings()
                .iter()
                .any(|b| b.action == a && b.keys.iter().any(|key| key.matches(&k)))
        };
        let c = |ch: char| KeyEvent::from(KeyCode::Char(ch));
        assert!(has(Mode::Result, c('t'), Action::GoToken));
        assert!(has(Mode::Result, c('m'), Action::GoMobile));
        assert!(has(Mode::Result, c('h'), Action::OpenHeaders));
        for d in '1'..='7' {
            assert!(has(Mode::Scene, c(d), Action::Pick));
        }
        assert!(has(Mode::Scene, KeyEvent::from(KeyCode::Home), Action::Top));
        assert!(has(
            Mode::Scene,
            KeyEvent::from(KeyCode::End),
            Action::Bottom
        ));
        assert!(has(Mode::Headers, c('q'), Action::Quit));
        assert!(has(Mode::Headers, c('y'), Action::OpenHistory));
        assert!(has(
            Mode::Headers,
            KeyEvent::from(KeyCode::Delete),
            Action::DeleteHeader
        ));
        assert!(has(Mode::History, c('h'), Action::OpenHeaders));
        assert!(has(
            Mode::History,
            KeyEvent::from(KeyCode::Home),
            Action::Top
        ));
        assert!(has(
            Mode::History,
            KeyEvent::from(KeyCode::End),
            Action::Bottom
        ));
    }

    /// Every binding's description is a message of both catalogues (an
    /// unknown id comes back as the id itself), and the two differ.
    #[test]
    fn every_binding_desc_is_a_message_in_both_languages() {
        let mut n = 0;
        for b in GLOBAL
            .iter()
            .chain(Mode::ALL.iter().flat_map(|m| m.bindings()))
        {
            if b.desc.is_empty() {
                assert_eq!(
                    b.show,
                    Show::Grouped,
                    "{}: only grouped keys go without",
                    b.label
                );
                continue;
            }
            assert!(
                b.desc.starts_with("tui-keys-"),
                "{:?} is a message id",
                b.desc
            );
            for lang in [Lang::En, Lang::Zh] {
                let text = b.describe(lang);
                assert_ne!(text, b.desc, "{} has no {lang:?} text", b.desc);
                assert!(!text.trim().is_empty(), "{} is empty in {lang:?}", b.desc);
            }
            n += 1;
        }
        assert!(n > 200, "{n} bindings checked");
        let (mut a, _) = filled(Step::Review);
        a.screen = Screen::Wizard(Step::Token);
        a.ui_lang = Lang::Zh;
        let footer = footer(&a);
        assert!(
            footer.iter().any(|(k, d)| *k == "Enter" && d == "下一步"),
            "{footer:?}"
        );
        a.ui_lang = Lang::En;
        assert!(footer_has(&a, "Enter", "next"));
    }

    fn footer_has(a: &App, key: &str, desc: &str) -> bool {
        footer(a).iter().any(|(k, d)| *k == key && d == desc)
    }

    #[test]
    fn key_label_in_chinese_names_the_way_there() {
        assert_eq!(key_label_in(Action::ApplyPreset, Lang::Zh), "F2，然后按 p");
        assert_eq!(key_label_in(Action::Resend, Lang::Zh), "结果页中按 r");
        assert_eq!(
            key_label_in(Action::GetToken, Lang::Zh),
            "令牌步骤中按 Ctrl+G"
        );
    }

    #[test]
    fn key_label_for_names_the_way_there() {
        assert_eq!(key_label_for(Action::OpenHeaders), "F2");
        assert_eq!(key_label_for(Action::ApplyPreset), "F2, then p");
        assert_eq!(key_label_for(Action::GetToken), "Ctrl+G on the token step");
        assert_eq!(key_label_for(Action::Resend), "r on the result");
        assert_eq!(key_label_for(Action::Quit), "Ctrl+C");
    }

    #[test]
    fn shift_arrows_slide_ten_pixels_plain_arrows_one() {
        let (a, _) = puzzle_screen();
        let shift = KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT);
        assert_eq!(resolve(&a, &shift), Some((Mode::Puzzle, Action::Slide)));
        let plain = KeyEvent::from(KeyCode::Left);
        assert_eq!(resolve(&a, &plain), Some((Mode::Puzzle, Action::Nudge)));
    }
}

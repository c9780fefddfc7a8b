//! The slider-captcha screen: fetch a puzzle with the profile's headers, draw
//! it, slide the piece (keys or mouse), verify, and hand the pass token to the
//! wizard. State, update and view of the screen live here; `app.rs`,
//! `view.rs`, `runtime.rs`, `keys.rs` and `layout.rs` only dispatch to it.

use crate::api::{self, Lang, captcha, token::format_point_json, wire};
use crate::client::{Exchange, Outcome, build};
use crate::t;
use crate::term::graphics;
use crate::term::puzzle_image::{self, Puzzle, X_LIMIT};
use crate::tui::app::{App, Busy, Cmd, Notice, Screen, Step, TokenMeta};
use crate::tui::keymap::{Action, Binding, Key, ch, key, plain};
use crate::tui::theme::{self, Themed};
use crate::tui::wrap::{wrap_text, wrapped_height};
use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect, Size};
use ratatui::text::Text;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::Protocol;
use std::cell::RefCell;
use std::sync::OnceLock;
use std::time::SystemTime;
use tui_input::Input;

/// A fetched puzzle, ready to show (built by the runtime's task).
#[derive(Debug)]
pub struct Fetched {
    pub puzzle: Puzzle,
    /// Chosen once, with the first fetch (see [`puzzle_image::Graphics`]).
    pub picker: Option<Picker>,
}

/// Where the screen is in its cycle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Waiting for `GET /captcha`.
    Loading,
    /// The person slides the piece.
    Sliding,
    /// Waiting for `captcha/verify`.
    Verifying,
    /// verify said no (or the puzzle could not be fetched): why, and what now.
    Failed { title: String, lines: Vec<String> },
}

/// The puzzle on screen.
pub struct Current {
    pub puzzle: Puzzle,
    /// The piece's left edge, in the server's 310-px space.
    pub x: u32,
    pub fetched_at: SystemTime,
    /// The person moved the piece (keys, mouse or a typed x): only then does
    /// Enter verify, so a double Enter cannot spend a fresh puzzle at x = 0.
    pub moved: bool,
    /// Digits typed for x (as in `vflow captcha solve`); any other move clears them.
    pub typed: String,
    /// The encoded picture for (x, cells): encoding runs when drawing, only when
    /// one of them changed, so key presses cost nothing until the next frame.
    cache: RefCell<Option<(u32, Size, Protocol)>>,
}

/// The screen's state, kept in [`App::puzzle`].
pub struct PuzzleState {
    pub current: Option<Current>,
    pub phase: Phase,
    pub picker: Option<Picker>,
    /// The mobile number (the captcha's sender) is being typed.
    pub editing_mobile: bool,
    /// Where Esc goes back to.
    pub back_to: Screen,
    /// Solving for a check case: the sender it needs (the wizard's mobile is not touched).
    pub for_check: Option<String>,
    /// The captcha calls send the profile's full headers (Ctrl+F after the
    /// headers as edited were refused), not the edited ones.
    pub full_headers: bool,
    /// The last fetch was refused for its headers (Ctrl+F is offered).
    pub header_refused: bool,
}

impl Default for PuzzleState {
    fn default() -> Self {
        PuzzleState {
            current: None,
            phase: Phase::Loading,
            picker: None,
            editing_mobile: false,
            back_to: Screen::Wizard(Step::Token),
            for_check: None,
            full_headers: false,
            header_refused: false,
        }
    }
}

impl PuzzleState {
    /// Seconds the puzzle on screen still lives (negative once expired).
    pub fn remaining(&self, now: SystemTime) -> Option<i64> {
        let c = self.current.as_ref()?;
        let age = now.duration_since(c.fetched_at).unwrap_or_default();
        Some(api::ttl::PUZZLE.as_secs() as i64 - age.as_secs() as i64)
    }
}

fn say(app: &mut App, text: impl Into<String>, error: bool) {
    app.notice = Some(Notice {
        text: text.into(),
        error,
    });
}

/// What the busy line says while the screen waits.
#[derive(Clone, Copy)]
enum Waiting {
    Fetch,
    Verify,
}

/// The busy line's words in `lang`: [`Busy::Puzzle`] holds a `&'static str`, so each
/// is looked up once per language and kept.
fn busy_text(lang: Lang, what: Waiting) -> &'static str {
    static EN: OnceLock<[String; 2]> = OnceLock::new();
    static ZH: OnceLock<[String; 2]> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    let words = cell.get_or_init(|| {
        [
            t!(lang, "tui-puzzle-busy-fetching"),
            t!(lang, "tui-puzzle-busy-verifying"),
        ]
    });
    match what {
        Waiting::Fetch => &words[0],
        Waiting::Verify => &words[1],
    }
}

fn start_busy(app: &mut App, what: Waiting) {
    app.busy = Some(Busy::Puzzle(busy_text(app.ui_lang, what)));
    app.busy_since = app.clock.now();
    app.spinner = 0;
}

/// Open the screen and fetch a puzzle (Ctrl+P on the captcha step).
pub fn open(app: &mut App) -> Vec<Cmd> {
    if app.busy.is_some() {
        say(app, t!(app.ui_lang, "tui-puzzle-busy-elsewhere"), true);
        return vec![];
    }
    if app.screen != Screen::Puzzle {
        app.puzzle.back_to = app.screen;
        app.puzzle.full_headers = false;
    }
    app.screen = Screen::Puzzle;
    new_puzzle(app)
}

/// Fetch a new puzzle (the old one, if any, is dropped).
pub fn new_puzzle(app: &mut App) -> Vec<Cmd> {
    if app.busy.is_some() {
        return vec![];
    }
    app.puzzle.current = None;
    app.puzzle.phase = Phase::Loading;
    app.puzzle.editing_mobile = false;
    start_busy(app, Waiting::Fetch);
    vec![Cmd::FetchPuzzle {
        spec: Box::new(build::captcha_get(
            &app.target.base_url,
            captcha_headers(app),
        )),
        need_picker: app.puzzle.picker.is_none(),
    }]
}

/// The headers of the captcha calls: as edited (as the real app would send
/// them), or the profile's after Ctrl+F.
fn captcha_headers(app: &App) -> Vec<crate::client::HeaderSetting> {
    if app.puzzle.full_headers {
        app.base_headers.clone()
    } else {
        app.headers.clone()
    }
}

/// An answer for the puzzle screen counts only while the screen still waits for it:
/// after Esc (or a newer request) it is dropped, never applied to another screen.
fn waiting_for(app: &App, phase: &Phase) -> bool {
    app.screen == Screen::Puzzle
        && matches!(app.busy, Some(Busy::Puzzle(_)))
        && app.puzzle.phase == *phase
}

pub fn on_fetched(app: &mut App, res: Result<Box<Fetched>, String>) -> Vec<Cmd> {
    if !waiting_for(app, &Phase::Loading) {
        return vec![];
    }
    app.busy = None;
    let lang = app.ui_lang;
    match res {
        Ok(f) => {
            let Fetched { puzzle, picker } = *f;
            if app.puzzle.picker.is_none() {
                app.puzzle.picker = Some(picker.unwrap_or_else(Picker::halfblocks));
            }
            app.puzzle.current = Some(Current {
                puzzle,
                x: 0,
                fetched_at: app.clock.now(),
                moved: false,
                typed: String::new(),
                cache: RefCell::new(None),
            });
            app.puzzle.phase = Phase::Sliding;
        }
        Err(e) if super::token::is_header_refusal(&e) && !app.puzzle.full_headers => {
            app.puzzle.header_refused = true;
            app.puzzle.phase = Phase::Failed {
                title: t!(lang, "tui-puzzle-headers-refused"),
                lines: vec![
                    e,
                    t!(lang, "tui-puzzle-headers-refused-real-app"),
                    t!(lang, "tui-puzzle-headers-refused-ctrl-f"),
                ],
            };
        }
        Err(e) => {
            app.puzzle.phase = Phase::Failed {
                title: t!(lang, "tui-puzzle-fetch-failed"),
                lines: vec![t!(lang, "tui-puzzle-fetch-retry"), e],
            };
        }
    }
    vec![]
}

fn verify(app: &mut App) -> Vec<Cmd> {
    if app.busy.is_some() || app.puzzle.phase != Phase::Sliding {
        return vec![];
    }
    let Some(c) = &app.puzzle.current else {
        return vec![];
    };
    if !c.moved {
        say(app, t!(app.ui_lang, "tui-puzzle-move-first"), false);
        return vec![];
    }
    let sender = match &app.puzzle.for_check {
        Some(s) => s.clone(),
        None => app.mobile.value().trim().to_string(),
    };
    if sender.is_empty() {
        app.puzzle.editing_mobile = true;
        say(app, t!(app.ui_lang, "tui-puzzle-type-mobile"), false);
        return vec![];
    }
    let plain = format_point_json(f64::from(c.x), captcha::Y as f64);
    let point = match &c.puzzle.secret_key {
        Some(k) => match captcha::encrypt_point(&plain, k) {
            Ok(p) => p,
            Err(e) => {
                let text = t!(
                    app.ui_lang,
                    "tui-puzzle-cannot-encrypt",
                    error = e.to_string()
                );
                say(app, text, true);
                return vec![];
            }
        },
        None => plain,
    };
    let spec = build::captcha_verify(
        &app.target.base_url,
        captcha_headers(app),
        &point,
        &c.puzzle.token,
        &sender,
    );
    app.puzzle.editing_mobile = false;
    app.puzzle.phase = Phase::Verifying;
    start_busy(app, Waiting::Verify);
    vec![Cmd::VerifyPuzzle {
        spec: Box::new(spec),
        sender,
    }]
}

pub fn on_verified(app: &mut App, sender: String, x: Exchange) -> Vec<Cmd> {
    if !waiting_for(app, &Phase::Verifying) {
        return vec![];
    }
    app.busy = None;
    let lang = app.ui_lang;
    let at = app.puzzle.current.as_ref().map(|c| c.x).unwrap_or_default();
    let expired = app
        .puzzle
        .remaining(app.clock.now())
        .is_some_and(|left| left <= 0);
    let pass = (x.outcome == Outcome::Success)
        .then_some(x.response.as_ref())
        .flatten()
        .and_then(|r| serde_json::from_slice::<wire::VerifyResponse>(&r.body).ok());
    if let Some(v) = &pass
        && app.puzzle.for_check.take().is_some()
    {
        // For a check case: hand the token to the waiting run, back to its screen.
        app.puzzle.current = None;
        app.puzzle.phase = Phase::Loading;
        app.screen = Screen::Check;
        say(app, t!(lang, "tui-puzzle-solved-for-check", x = at), false);
        super::check::answer_token(app, Ok(v.captcha_token.clone()));
        return vec![];
    }
    if let Some(v) = pass {
        app.token = Input::new(v.captcha_token.clone());
        app.token_meta = Some(TokenMeta {
            token: v.captcha_token,
            sender: Some(sender),
            obtained_at: app.clock.now(),
            used: false,
        });
        app.puzzle.current = None;
        app.puzzle.phase = Phase::Loading;
        // Opened from the review (g there, or r's resend): back to it, Enter sends.
        app.screen = if app.puzzle.back_to == Screen::Wizard(Step::Review) {
            Screen::Wizard(Step::Review)
        } else {
            Screen::Wizard(Step::Scene)
        };
        say(app, t!(lang, "tui-puzzle-solved", x = at), false);
        return vec![];
    }
    let label = crate::tui::record::outcome_label(&x.outcome);
    let server = |message: &str| t!(lang, "tui-puzzle-server-said", message = message);
    // the wrong place says how to go on in its first line; the others get it put first
    let (title, mut lines, says_next) = match &x.outcome {
        Outcome::ApiError { code, message, .. } if code.ends_with("CAPTCHA.0002") => (
            t!(
                lang,
                "tui-puzzle-not-in-hole",
                label = label.as_str(),
                x = at
            ),
            vec![
                t!(
                    lang,
                    "tui-puzzle-one-attempt",
                    tolerance = captcha::TOLERANCE
                ),
                server(message),
            ]
            .into_iter()
            .chain(expired.then(|| t!(lang, "tui-puzzle-had-expired")))
            .collect(),
            true,
        ),
        Outcome::ApiError { message, .. } => (label, vec![server(message)], false),
        Outcome::Success => (
            t!(lang, "tui-puzzle-no-token-in-body", label = label.as_str()),
            vec![],
            false,
        ),
        Outcome::Transport { detail, .. } => (label, vec![detail.clone()], false),
        _ => (label, vec![], false),
    };
    if !says_next {
        lines.insert(0, t!(lang, "tui-puzzle-new-or-back"));
    }
    app.puzzle.phase = Phase::Failed { title, lines };
    vec![]
}

fn own_sender(app: &App) -> bool {
    // A check case brings its own sender: no mobile to edit then.
    app.puzzle.for_check.is_none()
}

fn for_check(app: &App) -> bool {
    !own_sender(app)
}

/// The attempt failed (expired, wrong place, an error): only a new puzzle helps.
pub fn failed(app: &App) -> bool {
    matches!(app.puzzle.phase, Phase::Failed { .. })
}

/// Sliding the piece.
pub const KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Left), plain(KeyCode::Right)],
        Action::Nudge,
        "←→",
        "tui-keys-1-px",
    ),
    key(
        &[Key::Shift(KeyCode::Left), Key::Shift(KeyCode::Right)],
        Action::Slide,
        "Shift+←→",
        "tui-keys-10-px",
    ),
    key(
        &[plain(KeyCode::Enter)],
        Action::Verify,
        "Enter",
        "tui-keys-verify",
    )
    .shown_when(moved),
    key(
        &[plain(KeyCode::Enter)],
        Action::Verify,
        "Enter",
        "tui-keys-verify-after-a-move",
    )
    .shown_when(not_moved),
    key(&[ch('r')], Action::NewPuzzle, "r", "tui-keys-new-puzzle"),
    key(&[ch('m')], Action::EditMobile, "m", "tui-keys-mobile").when(own_sender),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "tui-keys-back").shown_when(own_sender),
    key(
        &[plain(KeyCode::Esc)],
        Action::Back,
        "Esc",
        "tui-keys-skip-no-token",
    )
    .shown_when(for_check),
    key(
        &[Key::Chars('0', '9'), plain(KeyCode::Backspace)],
        Action::TypeX,
        "0-9",
        "tui-keys-type-x",
    ),
    key(
        &[plain(KeyCode::PageUp), plain(KeyCode::PageDown)],
        Action::Slide,
        "PgUp/PgDn",
        "tui-keys-10-px",
    ),
    key(
        &[plain(KeyCode::Home), plain(KeyCode::End)],
        Action::SlideEnds,
        "Home/End",
        "tui-keys-ends",
    ),
    key(
        &[Key::Mouse],
        Action::Drag,
        "tui-keys-label-drag",
        "tui-keys-slide-with-the-mouse",
    ),
    key(&[ch('q')], Action::Quit, "q", "tui-keys-quit"),
    key(&[ch('h'), ch('l')], Action::Nudge, "h/l", "tui-keys-1-px").help_only(),
];

fn moved(app: &App) -> bool {
    app.puzzle.current.as_ref().is_some_and(|c| c.moved)
}

fn not_moved(app: &App) -> bool {
    !moved(app)
}

/// After a failed attempt.
pub const FAILED_KEYS: &[Binding] = &[
    key(
        &[ch('r'), plain(KeyCode::Enter)],
        Action::NewPuzzle,
        "r/Enter",
        "tui-keys-new-puzzle",
    ),
    key(&[ch('m')], Action::EditMobile, "m", "tui-keys-mobile").when(own_sender),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "tui-keys-back").shown_when(own_sender),
    key(
        &[plain(KeyCode::Esc)],
        Action::Back,
        "Esc",
        "tui-keys-skip-no-token",
    )
    .shown_when(for_check),
    key(
        &[Key::Ctrl('f')],
        Action::FetchFullHeaders,
        "Ctrl+F",
        "tui-keys-with-the-profile-s-full-headers",
    )
    .when(|a| a.puzzle.header_refused),
    key(&[ch('q')], Action::Quit, "q", "tui-keys-quit").help_only(),
];

/// Typing the mobile number (the captcha's sender).
pub const MOBILE_KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Enter)],
        Action::Verify,
        "Enter",
        "tui-keys-verify",
    ),
    key(
        &[plain(KeyCode::Esc)],
        Action::Back,
        "Esc",
        "tui-keys-back-to-slider",
    ),
];

/// Keys of the puzzle screen.
pub(crate) fn on_action(app: &mut App, action: Action, k: KeyEvent) -> Vec<Cmd> {
    if app.puzzle.editing_mobile {
        match action {
            Action::Verify => return verify(app),
            Action::Back => app.puzzle.editing_mobile = false,
            _ => {}
        }
        return vec![];
    }
    let right = matches!(
        k.code,
        KeyCode::Right | KeyCode::Char('l') | KeyCode::PageDown | KeyCode::End
    );
    let sign = if right { 1 } else { -1 };
    let step: i64 = match action {
        Action::Nudge => sign,
        Action::Slide => 10 * sign,
        Action::SlideEnds => sign * X_LIMIT as i64,
        Action::NewPuzzle => return new_puzzle(app),
        Action::FetchFullHeaders => {
            app.puzzle.full_headers = true;
            app.puzzle.header_refused = false;
            return new_puzzle(app);
        }
        Action::TypeX => {
            type_x(app, k.code);
            return vec![];
        }
        Action::Verify => return verify(app),
        Action::EditMobile => {
            app.puzzle.editing_mobile = true;
            return vec![];
        }
        Action::Back => {
            leave(app);
            return vec![];
        }
        _ => return vec![],
    };
    slide_to(app, |x| x as i64 + step);
    vec![]
}

/// Back to where the puzzle was opened from; a request still in flight is
/// given up (its answer will be dropped), so nothing stays blocked.
fn leave(app: &mut App) {
    if matches!(app.busy, Some(Busy::Puzzle(_))) {
        app.busy = None;
        app.puzzle.phase = Phase::Loading;
        app.puzzle.current = None;
        say(app, t!(app.ui_lang, "tui-puzzle-left"), false);
    }
    app.screen = app.puzzle.back_to;
    if app.puzzle.for_check.take().is_some() {
        app.screen = Screen::Check;
        // English: it ends the runner's English skip reason (check::run)
        super::check::answer_token(
            app,
            Err(crate::client::simflow::TokenError::NoReveal(
                "the puzzle was left unsolved".into(),
            )),
        );
        say(app, t!(app.ui_lang, "tui-puzzle-no-token-skipped"), false);
    }
}

fn slide_to(app: &mut App, f: impl FnOnce(u32) -> i64) {
    if app.puzzle.phase != Phase::Sliding {
        return;
    }
    if let Some(c) = app.puzzle.current.as_mut() {
        c.x = f(c.x).clamp(0, X_LIMIT as i64) as u32;
        c.moved = true;
        c.typed.clear();
    }
}

/// A digit appends to the typed x (at most 3), Backspace takes one back; the
/// piece goes there at once (capped at the largest x).
fn type_x(app: &mut App, code: KeyCode) {
    if app.puzzle.phase != Phase::Sliding {
        return;
    }
    let Some(c) = app.puzzle.current.as_mut() else {
        return;
    };
    match code {
        KeyCode::Char(d) if d.is_ascii_digit() => {
            if c.typed.len() >= 3 {
                c.typed.clear();
            }
            c.typed.push(d);
        }
        KeyCode::Backspace => {
            c.typed.pop();
        }
        _ => return,
    }
    c.x = c.typed.parse::<u32>().unwrap_or(0).min(X_LIMIT);
    c.moved = true;
}

/// Press or drag on the picture (or the track under it) moves the piece there.
pub fn on_mouse(app: &mut App, m: MouseEvent) -> Vec<Cmd> {
    let pressing = matches!(
        m.kind,
        MouseEventKind::Down(MouseButton::Left) | MouseEventKind::Drag(MouseButton::Left)
    );
    if !pressing {
        return vec![];
    }
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let a = areas(app, area);
    let pic = a.picture;
    let rows = pic.y..a.track.y + 1;
    let dragging = matches!(m.kind, MouseEventKind::Drag(_));
    if (dragging || rows.contains(&m.row)) && pic.width > 0 {
        let col = m.column.clamp(pic.x, pic.x + pic.width - 1) - pic.x;
        let x = puzzle_image::x_at_column(col, pic.width);
        slide_to(app, |_| x as i64);
    }
    vec![]
}

/// Inner heights below this use the compact layout.
const COMPACT_BELOW: u16 = 24;
/// Rows under the picture for the loupe, the hint or a failure: the same in
/// every phase, so the picture keeps its size across attempts.
const BELOW_COMPACT: u16 = 3;
const BELOW: u16 = 6;
/// Rows of the loupe (half-blocks: twice as many pixel rows), with its label
/// (dropped on short screens).
const LOUPE_ROWS: u16 = 4;
/// The loupe's widest (its window: 40 px of the 310-px space).
const LOUPE_MAX_COLS: u16 = 80;
/// A loupe is shown when one column of the picture is coarser than this (pixels of the 310-px space).
const LOUPE_ABOVE: f64 = 2.0;

/// Where the parts of the screen are (shared by drawing and mouse hit-testing).
pub struct Areas {
    /// x and the sender share the status (short screens), wrapped over the
    /// rows of `readout` (`sender` is the same): no key hint after x.
    pub compact: bool,
    pub block: Rect,
    pub info: Rect,
    pub picture: Rect,
    pub track: Rect,
    pub readout: Rect,
    pub sender: Rect,
    /// The magnified strip (zero-sized when the picture is fine enough, or after a failure).
    pub loupe: Rect,
    pub message: Rect,
}

pub fn areas(app: &App, area: Rect) -> Areas {
    let block = crate::tui::layout::frame(area).body;
    let inner = Block::bordered().inner(block);
    // Short screens (80x24) put x and the sender on one row, so the picture gets the rows.
    let compact = inner.height < COMPACT_BELOW;
    // Short screens: x and the sender share the status, wrapped over as many
    // rows as it needs; its extra rows come from under the picture, so the
    // picture keeps its size.
    let status_rows = if compact {
        app.puzzle.current.as_ref().map_or(1, |c| {
            let (line, _) = status_line(app, c);
            (wrapped_height(&Text::from(line), inner.width) as u16).clamp(1, BELOW_COMPACT)
        })
    } else {
        1
    };
    let below_rows = if compact {
        BELOW_COMPACT + 1 - status_rows
    } else {
        BELOW
    };
    let [info, pic_and_track, readout, sender_row, below] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(status_rows),
        Constraint::Length(if compact { 0 } else { 1 }),
        Constraint::Length(below_rows),
    ])
    .areas(inner);
    let sender = if compact { readout } else { sender_row };
    let avail = Size::new(pic_and_track.width, pic_and_track.height.saturating_sub(1));
    let picker = app.puzzle.picker.as_ref();
    let cells = match picker {
        Some(p) => puzzle_image::cells_for(p, avail),
        None => puzzle_image::fit(avail, ratatui_image::FontSize::new(10, 20), None),
    };
    let x = pic_and_track.x + (pic_and_track.width - cells.width) / 2;
    let picture = Rect::new(x, pic_and_track.y, cells.width, cells.height);
    // pixels of the 310-px space per column of the picture
    let px_per_col = f64::from(captcha_width())
        / (f64::from(cells.width.max(1))
            * match picker.map(|p| p.protocol_type()) {
                Some(ProtocolType::Halfblocks) | None => 1.0,
                Some(_) => f64::from(picker.map_or(10, |p| p.font_size().width)),
            });
    let loupe_wanted = px_per_col > LOUPE_ABOVE
        && matches!(
            app.puzzle.phase,
            Phase::Sliding | Phase::Verifying | Phase::Loading
        );
    let (loupe, message) = if loupe_wanted {
        let rows = LOUPE_ROWS.min(below.height);
        let [l, m] = Layout::vertical([Constraint::Length(rows), Constraint::Min(0)]).areas(below);
        // ±20 px around the edge is enough to align; wider costs bytes per move
        let w = l.width.min(LOUPE_MAX_COLS);
        (Rect::new(l.x + (l.width - w) / 2, l.y, w, l.height), m)
    } else {
        (Rect::new(below.x, below.y, 0, 0), below)
    };
    Areas {
        compact,
        block,
        info,
        picture,
        track: Rect::new(x, picture.bottom(), cells.width, 1),
        readout,
        sender,
        loupe,
        message,
    }
}

fn captcha_width() -> u32 {
    captcha::BG_WIDTH
}

/// The rows that hold pictures (kept in colour under NO_COLOR: a picture is content).
pub fn pictures(app: &App, area: Rect) -> Rect {
    let a = areas(app, area);
    if a.loupe.is_empty() {
        a.picture
    } else {
        a.picture.union(a.loupe)
    }
}

/// Whether the picture is drawn with real pixels after the frame (the cells
/// under it are left alone), rather than as half-block cells.
fn pixels(app: &App) -> bool {
    app.puzzle
        .picker
        .as_ref()
        .is_some_and(|p| p.protocol_type() != ProtocolType::Halfblocks)
}

/// What the graphics painter should show after this frame (see
/// [`crate::term::graphics`]): the puzzle at its x in the picture's cells,
/// `covered` while an overlay is open. `None` off this screen.
pub fn picture(app: &App, area: Rect) -> Option<graphics::Want<'_>> {
    if app.screen != Screen::Puzzle || !pixels(app) {
        return None;
    }
    let c = app.puzzle.current.as_ref()?;
    Some(graphics::Want {
        key: &c.puzzle.token,
        puzzle: &c.puzzle,
        x: c.x,
        area: areas(app, area).picture,
        covered: app.help.open || app.copy_menu,
        screen: area.as_size(),
    })
}

/// The line over the picture: the puzzle's token, AES, its lifetime.
fn info_line(app: &App, now: std::time::SystemTime) -> Line<'static> {
    let st = &app.puzzle;
    let lang = app.ui_lang;
    let mut info = vec![];
    if let Some(c) = &st.current {
        let tok = if app.redact {
            api::redact::pass_token(&c.puzzle.token)
        } else {
            c.puzzle.token.clone()
        };
        info.push(Span::raw(t!(lang, "tui-puzzle-token", token = tok)).themed(theme::MUTED));
        if c.puzzle.secret_key.is_some() {
            info.push(Span::raw(format!("  {}", t!(lang, "tui-puzzle-aes"))).themed(theme::MUTED));
        }
        let left = st.remaining(now).unwrap_or_default();
        let life = if left > 0 {
            format!("  {}", t!(lang, "tui-puzzle-expires-in", seconds = left))
        } else {
            format!("  {}", t!(lang, "tui-puzzle-expired"))
        };
        info.push(if left <= 20 {
            Span::raw(life).themed(theme::WARN_STRONG)
        } else {
            Span::raw(life)
        });
    }
    Line::from(info)
}

pub fn draw(app: &App, f: &mut Frame) {
    let a = areas(app, f.area());
    let st = &app.puzzle;
    let lang = app.ui_lang;
    let title = format!(" {} ", t!(lang, "tui-puzzle-title"));
    f.render_widget(
        Block::bordered().title(title).border_style(theme::ACCENT),
        a.block,
    );
    let now = app.clock.now();
    f.render_widget(Paragraph::new(info_line(app, now)), a.info);

    match (&st.current, st.picker.as_ref()) {
        (Some(c), Some(_)) if pixels(app) => {
            // Drawn with real pixels after the frame: the cells stay untouched
            // (nothing erases the picture before it is drawn again).
            for y in a.picture.top()..a.picture.bottom() {
                for x in a.picture.left()..a.picture.right() {
                    if let Some(cell) = f.buffer_mut().cell_mut((x, y)) {
                        cell.set_diff_option(ratatui::buffer::CellDiffOption::Skip);
                    }
                }
            }
            track(f, a.track, c.x);
            loupe(f, a.loupe, c, lang);
        }
        (Some(c), Some(picker)) => {
            let cells = Size::new(a.picture.width, a.picture.height);
            let mut cache = c.cache.borrow_mut();
            let fresh = !matches!(&*cache, Some((x, s, _)) if *x == c.x && *s == cells);
            if fresh {
                *cache = c
                    .puzzle
                    .protocol(c.x, picker, cells)
                    .map(|p| (c.x, cells, p));
            }
            if let Some((_, _, p)) = &*cache {
                f.render_widget(ratatui_image::Image::new(p), a.picture);
            }
            track(f, a.track, c.x);
            loupe(f, a.loupe, c, lang);
        }
        _ => {
            let text = match &st.phase {
                Phase::Loading => t!(lang, "tui-puzzle-loading"),
                _ => String::new(),
            };
            f.render_widget(Paragraph::new(text).themed(theme::MUTED), a.picture);
        }
    }

    if let Some(c) = &st.current {
        if a.compact {
            let (line, cursor) = status_line(app, c);
            let text = Text::from(line);
            f.render_widget(Paragraph::new(wrap_text(&text, a.readout.width)), a.readout);
            if let Some(at) = cursor {
                set_cursor(f, &text, at, a.readout);
            }
        } else {
            let mut spans = readout_spans(app, c);
            spans.push(
                Span::raw(format!("   {}", t!(lang, "tui-puzzle-readout-keys")))
                    .themed(theme::MUTED),
            );
            f.render_widget(Paragraph::new(Line::from(spans)), a.readout);
        }
    }
    if !a.compact || st.current.is_none() {
        let (line, cursor) = sender_line(app);
        let text = Text::from(line);
        f.render_widget(Paragraph::new(wrap_text(&text, a.sender.width)), a.sender);
        if let Some(at) = cursor {
            set_cursor(f, &text, at, a.sender);
        }
    }

    let msg: Vec<Line> = match &st.phase {
        Phase::Failed { title, lines } => {
            let mut v = vec![Line::from(format!("✗ {title}")).themed(theme::ERROR)];
            v.extend(
                lines
                    .iter()
                    .map(|l| Line::from(l.clone()).themed(theme::WARN)),
            );
            v
        }
        Phase::Verifying => vec![Line::from(t!(lang, "tui-puzzle-verifying")).themed(theme::WARN)],
        Phase::Sliding if st.current.as_ref().is_some_and(|c| !c.moved) => {
            vec![Line::from(t!(lang, "tui-puzzle-hint-move")).themed(theme::MUTED)]
        }
        Phase::Sliding => {
            vec![Line::from(t!(lang, "tui-puzzle-hint-line-up")).themed(theme::MUTED)]
        }
        Phase::Loading => vec![],
    };
    let msg = wrap_text(&Text::from(msg), a.message.width);
    f.render_widget(Paragraph::new(msg), a.message);
}

/// `x = NNN of 0–263`, and the digits typed for x.
fn readout_spans(app: &App, c: &Current) -> Vec<Span<'static>> {
    let lang = app.ui_lang;
    let mut spans = vec![
        Span::raw("x = "),
        Span::raw(format!("{:>3}", c.x)).themed(theme::KEY),
        Span::raw(format!(
            // A full-width bracket needs no space before it (Chinese).
            "{}{}",
            if lang == Lang::Zh { "" } else { " " },
            t!(lang, "tui-puzzle-of-range", limit = X_LIMIT)
        )),
    ];
    if !c.typed.is_empty() {
        spans.push(
            Span::raw(format!(
                "  {}",
                t!(lang, "tui-puzzle-typed", digits = c.typed.as_str())
            ))
            .themed(theme::STRONG),
        );
    }
    spans
}

/// Who the puzzle is for: the sender (`sender: 13800138000`, being typed, or
/// a check case's), and where the cursor goes while it is typed (a byte
/// offset in the line's text).
fn sender_line(app: &App) -> (Line<'static>, Option<usize>) {
    let st = &app.puzzle;
    let lang = app.ui_lang;
    let mobile = app.mobile.value();
    if st.editing_mobile {
        // the label is the message with no number in it (`sender: `)
        let label = t!(lang, "tui-puzzle-sender", mobile = "");
        let cursor = label.len()
            + mobile
                .char_indices()
                .nth(app.mobile.cursor())
                .map_or(mobile.len(), |(i, _)| i);
        let line = Line::from(vec![
            Span::raw(label).themed(theme::STRONG),
            Span::raw(mobile.to_string()),
            Span::raw(format!("   {}", t!(lang, "tui-puzzle-sender-editing"))).themed(theme::MUTED),
        ]);
        return (line, Some(cursor));
    }
    let text = if let Some(sender) = &st.for_check {
        let shown = if app.redact {
            api::redact::mobile(sender)
        } else {
            sender.clone()
        };
        t!(lang, "tui-puzzle-sender-for-check", mobile = shown)
    } else {
        let shown = if mobile.is_empty() {
            t!(lang, "tui-puzzle-mobile-unknown")
        } else if app.redact {
            t!(
                lang,
                "tui-puzzle-mobile-edits",
                mobile = api::redact::mobile(mobile)
            )
        } else {
            t!(lang, "tui-puzzle-mobile-edits", mobile = mobile)
        };
        t!(lang, "tui-puzzle-sender", mobile = shown)
    };
    (Line::from(text).themed(theme::MUTED), None)
}

/// The status of short screens: x, the digits typed, then the sender; the
/// cursor's offset when the sender is typed.
fn status_line(app: &App, c: &Current) -> (Line<'static>, Option<usize>) {
    let mut spans = readout_spans(app, c);
    spans.push(Span::raw("   "));
    let before: usize = spans.iter().map(|s| s.content.len()).sum();
    let (sender, cursor) = sender_line(app);
    spans.extend(
        sender
            .spans
            .into_iter()
            .map(|s| s.patch_style(sender.style)),
    );
    (Line::from(spans), cursor.map(|at| before + at))
}

/// Put the cursor at byte `at` of `text`'s only line as wrapped into `area`.
fn set_cursor(f: &mut Frame, text: &Text<'_>, at: usize, area: Rect) {
    let content: String = text.lines[0]
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    let ranges = crate::typeset::lines(&content, usize::from(area.width));
    let Some((row, r)) = ranges.iter().enumerate().rev().find(|(_, r)| r.start <= at) else {
        return;
    };
    let col =
        r.indent + crate::typeset::display_width(&content[r.start..at.min(r.end).max(r.start)]);
    let x = area.x + col as u16;
    let y = area.y + (row as u16).min(area.height.saturating_sub(1));
    f.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), y));
}

/// The slider track under the picture: the piece's span is highlighted.
fn track(f: &mut Frame, area: Rect, x: u32) {
    if area.width == 0 {
        return;
    }
    let (a, b) = puzzle_image::piece_columns(x, area.width);
    let line = Line::from(vec![
        Span::raw("─".repeat(a as usize)).themed(theme::FRAME),
        Span::raw("█".repeat((b - a) as usize)).themed(theme::ACCENT),
        Span::raw("─".repeat((area.width - b) as usize)).themed(theme::FRAME),
    ]);
    f.render_widget(Paragraph::new(line), area);
}

/// The loupe: the strip around the piece's left edge, magnified (see
/// [`Puzzle::loupe`]), with a label of what it shows.
fn loupe(f: &mut Frame, area: Rect, c: &Current, lang: Lang) {
    if area.height < 2 || area.width < 8 {
        return;
    }
    let label_rows = u16::from(area.height >= LOUPE_ROWS);
    let [label, mut pic] =
        Layout::vertical([Constraint::Length(label_rows), Constraint::Min(1)]).areas(area);
    if label_rows == 0 {
        // Short screens: a short label in a narrow column on the left (`loupe` / `×2`).
        let short = t!(
            lang,
            "tui-puzzle-loupe-short",
            zoom = puzzle_image::LOUPE_ZOOM
        );
        let col = short
            .split_whitespace()
            .map(crate::typeset::display_width)
            .max()
            .unwrap_or(0);
        let rows = crate::typeset::wrap(&short, col);
        if rows.len() <= usize::from(pic.height) && usize::from(pic.width) > col + 1 + 20 {
            let [l, _, p] = Layout::horizontal([
                Constraint::Length(col as u16),
                Constraint::Length(1),
                Constraint::Min(1),
            ])
            .areas(pic);
            let text: Vec<Line> = rows.into_iter().map(Line::from).collect();
            f.render_widget(Paragraph::new(text).themed(theme::MUTED), l);
            pic = p;
        }
    }
    let Some((img, start)) = c.puzzle.loupe(c.x, pic.width, pic.height) else {
        return;
    };
    let span = img.width() / puzzle_image::LOUPE_ZOOM;
    if label_rows > 0 {
        f.render_widget(
            Paragraph::new(t!(
                lang,
                "tui-puzzle-loupe",
                zoom = puzzle_image::LOUPE_ZOOM,
                from = start,
                to = start + span.saturating_sub(1),
            ))
            .themed(theme::MUTED),
            label,
        );
    }
    let size = Size::new(pic.width.min(img.width() as u16), pic.height);
    if let Ok(p) = ratatui_image::protocol::halfblocks::Halfblocks::new(
        image::DynamicImage::ImageRgba8(img),
        size,
    ) {
        let p = Protocol::Halfblocks(p);
        f.render_widget(
            ratatui_image::Image::new(&p),
            Rect::new(pic.x, pic.y, size.width, size.height),
        );
    }
}

/// The puzzle screen wants a redraw every second (its lifetime counts down).
pub fn ticking(app: &App) -> bool {
    app.screen == Screen::Puzzle && app.puzzle.current.is_some()
}

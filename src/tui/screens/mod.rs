//! The screens. Each module owns its key table (`KEYS`, see
//! [`super::keymap`]), what its actions do (`on_action`) and, where it has
//! any, its own state, messages and drawing. `App` keeps what they share and
//! [`route`] hands each action to the screen that has it.
//!
//! Adding a screen (one new file, five one-line-or-so edits):
//! 1. `screens/NAME.rs`: its state struct, `pub const KEYS: &[Binding]`,
//!    `on_action(app, action, key)`, and its `draw`;
//! 2. here: `pub mod NAME;` and an arm in [`route`] (and in [`on_mouse`] if it
//!    takes the mouse);
//! 3. `app.rs`: a `Screen` variant (and its state field on `App`);
//! 4. `keymap.rs`: a `Mode` variant, in `Mode::ALL`, `bindings`, `name` and
//!    `screen_mode` (the key-walk test then covers its keys);
//! 5. `view.rs`: an arm calling its `draw`; `layout.rs`: its arm in `hit`.

pub mod check;
pub mod headers;
pub mod help;
pub mod history;
pub mod import;
pub mod mobile;
pub mod next_step;
pub mod probe;
pub mod puzzle;
pub mod result;
pub mod review;
pub mod scene;
pub mod sending;
pub mod token;
pub mod traffic;
pub(crate) mod wizard;

use super::app::{App, Cmd, Screen, Step};
use super::keymap::{Action, Mode};
use super::layout;
use crossterm::event::KeyEvent;
use crossterm::event::{KeyCode, MouseButton, MouseEvent, MouseEventKind};

/// Run `action` (resolved from `k` by the key map) on the screen of `mode`.
pub(crate) fn route(app: &mut App, mode: Mode, action: Action, k: KeyEvent) -> Vec<Cmd> {
    match action {
        Action::Quit => return super::app::quit(app),
        Action::Help if mode != Mode::Help => {
            app.help.open = true;
            return vec![];
        }
        Action::OpenHeaders => return headers::open(app),
        Action::OpenHistory => return history::open(app),
        Action::OpenCheck => return check::open(app),
        Action::FetchFullHeaders if mode != Mode::Puzzle && mode != Mode::PuzzleFailed => {
            return wizard::fetch_token_full_headers(app);
        }
        Action::OpenTraffic => return traffic::show(app),
        _ => {}
    }
    match mode {
        Mode::Token => token::on_action(app, action),
        Mode::Scene | Mode::SceneOther => scene::on_action(app, action, k),
        Mode::Mobile => mobile::on_action(app, action),
        Mode::Review => review::on_action(app, action),
        Mode::Sending => sending::on_action(app, action),
        Mode::Result => result::on_action(app, action, k),
        Mode::CopyMenu => result::on_copy_action(app, action),
        Mode::Consumers => next_step::on_picker_action(app, action, k),
        Mode::NextInput => next_step::on_prompt_action(app, action),
        Mode::Headers | Mode::HeaderValue | Mode::HeaderNew | Mode::PresetPicker => {
            headers::on_action(app, action, k)
        }
        Mode::History => history::on_action(app, action),
        Mode::Check | Mode::CheckCase => check::on_action(app, action, k),
        Mode::Probe | Mode::ProbePlan | Mode::ProbeEvidence => probe::on_action(app, action, k),
        Mode::Puzzle | Mode::PuzzleFailed | Mode::PuzzleMobile => puzzle::on_action(app, action, k),
        Mode::Import => import::on_action(app, action),
        Mode::Traffic | Mode::TrafficFilter | Mode::TrafficDetail => {
            traffic::on_action(app, action, k)
        }
        Mode::Help => help::on_action(app, action),
    }
}

/// A mouse event: what is under the pointer (from the layout) decides.
pub(crate) fn on_mouse(app: &mut App, m: MouseEvent) -> Vec<Cmd> {
    // A notice drawn over the body: a click there dismisses it, never reaches
    // what is under it (a drag already under way goes on).
    let area = ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1);
    if !app.help.open
        && !app.copy_menu
        && !matches!(m.kind, MouseEventKind::Drag(_) | MouseEventKind::Up(_))
        && let Some(n) = layout::notice(app, area)
        && n.area
            .contains(ratatui::layout::Position::new(m.column, m.row))
    {
        if matches!(m.kind, MouseEventKind::Down(_)) {
            app.notice = None;
        }
        return vec![];
    }
    if probe::showing(app) {
        return probe::on_mouse(app, m);
    }
    if app.screen == Screen::Check {
        return check::on_mouse(app, m);
    }
    if app.screen == Screen::Puzzle && !app.help.open {
        return puzzle::on_mouse(app, m);
    }
    if (app.screen == Screen::Result
        || (app.screen == Screen::Traffic && app.traffic.open.is_some()))
        && app.panes.on_mouse(m)
    {
        return vec![];
    }
    let hit = layout::hit(app, area, m.column, m.row);
    match (m.kind, hit) {
        (MouseEventKind::Down(MouseButton::Left), Some(layout::Hit::Row(i))) => match app.screen {
            Screen::Wizard(Step::Scene) => scene::click_row(app, i),
            Screen::History => history::click_row(app, i),
            Screen::Traffic => return traffic::click_row(app, i),
            // not while a value is typed: Enter would set it on the clicked row
            Screen::Headers if app.editor.edit.is_none() => {
                app.editor.sel = i.min(app.headers.len().saturating_sub(1))
            }
            _ => {}
        },
        (MouseEventKind::Down(MouseButton::Left), Some(layout::Hit::Step(s))) => {
            if matches!(app.screen, Screen::Wizard(_)) {
                app.editing_other = false;
                app.screen = Screen::Wizard(s);
            }
        }
        (MouseEventKind::ScrollDown, Some(layout::Hit::Row(_))) => {
            return super::app::on_key(app, KeyEvent::from(KeyCode::Down));
        }
        (MouseEventKind::ScrollUp, Some(layout::Hit::Row(_))) => {
            return super::app::on_key(app, KeyEvent::from(KeyCode::Up));
        }
        _ => {}
    }
    vec![]
}

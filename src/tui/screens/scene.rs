//! Step 2: the scene (`type`), one of the six or another value typed in.

use super::super::app::{App, Cmd, SCENE_OTHER, Screen, Step};
use super::super::keymap::{Action, Binding, Key, ch, key, plain};
use super::wizard;
use crossterm::event::{KeyCode, KeyEvent};

fn not_typing(app: &App) -> bool {
    !app.typing()
}

pub const KEYS: &[Binding] = &[
    key(&[plain(KeyCode::Up), ch('k')], Action::Up, "↑↓/jk", "move"),
    key(
        &[plain(KeyCode::Down), ch('j')],
        Action::Down,
        "↑↓/jk",
        "move",
    )
    .grouped(),
    key(&[plain(KeyCode::Enter)], Action::Accept, "Enter", "choose"),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "back"),
    key(&[ch('h')], Action::OpenHeaders, "h", "headers").when(not_typing),
    key(&[ch('?')], Action::Help, "?", "help"),
    key(&[ch('q')], Action::Quit, "q", "quit").when(not_typing),
    key(
        &[Key::Chars('1', '7')],
        Action::Pick,
        "1-7",
        "choose the row",
    )
    .help_only(),
    key(
        &[plain(KeyCode::Home)],
        Action::Top,
        "Home/End",
        "first / last row",
    )
    .help_only(),
    key(
        &[plain(KeyCode::End)],
        Action::Bottom,
        "Home/End",
        "first / last row",
    )
    .grouped(),
    key(&[ch('y')], Action::OpenHistory, "y", "history")
        .help_only()
        .when(not_typing),
    key(
        &[plain(KeyCode::Tab)],
        Action::NextStep,
        "Tab/Shift+Tab",
        "next / previous step",
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

/// Typing another scene value.
pub const OTHER_KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Enter)],
        Action::Accept,
        "Enter",
        "use this value",
    ),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "back to list"),
    key(
        &[plain(KeyCode::Tab)],
        Action::NextStep,
        "Tab/Shift+Tab",
        "next / previous step",
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

pub(crate) fn on_action(app: &mut App, action: Action, k: KeyEvent) -> Vec<Cmd> {
    if app.editing_other {
        match action {
            Action::Accept => {
                app.editing_other = false;
                app.screen = Screen::Wizard(wizard::after_scene(app));
            }
            Action::Back => app.editing_other = false,
            Action::NextStep => return wizard::step_by(app, true),
            Action::PrevStep => return wizard::step_by(app, false),
            _ => {}
        }
        return vec![];
    }
    match action {
        Action::Up => app.scene_sel = app.scene_sel.saturating_sub(1),
        Action::Down => app.scene_sel = (app.scene_sel + 1).min(SCENE_OTHER),
        Action::Top => app.scene_sel = 0,
        Action::Bottom => app.scene_sel = SCENE_OTHER,
        Action::Pick => {
            if let KeyCode::Char(c @ '1'..='9') = k.code {
                app.scene_sel = (c as usize - '1' as usize).min(SCENE_OTHER);
            }
        }
        Action::Accept => {
            if app.scene_sel == SCENE_OTHER {
                app.editing_other = true;
            } else {
                app.screen = Screen::Wizard(wizard::after_scene(app));
            }
        }
        Action::Back => app.screen = Screen::Wizard(Step::Token),
        Action::NextStep => return wizard::step_by(app, true),
        Action::PrevStep => return wizard::step_by(app, false),
        _ => {}
    }
    vec![]
}

/// A click on row `i` of the list: choose it when already selected.
pub(crate) fn click_row(app: &mut App, i: usize) {
    if app.scene_sel == i && i < SCENE_OTHER {
        app.screen = Screen::Wizard(wizard::after_scene(app));
    } else {
        app.scene_sel = i.min(SCENE_OTHER);
        app.editing_other = i == SCENE_OTHER;
    }
}

// ---- drawing ------------------------------------------------------------------------

use crate::api::Scene;
use crate::tui::layout;
use crate::tui::theme::{self, Themed};
use crate::tui::view::{ellipsize, focused_block, input_box};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

pub(crate) fn scene_step(app: &App, f: &mut Frame, area: Rect) {
    let (list_area, detail) = layout::scene(area);
    let width = list_area.width.saturating_sub(4) as usize;
    let mut items: Vec<ListItem> = Scene::ALL
        .iter()
        .map(|s| {
            ListItem::new(vec![
                Line::from(s.code()).themed(theme::STRONG),
                Line::from(format!(
                    "  {}",
                    ellipsize(s.description(), width.saturating_sub(2))
                ))
                .themed(theme::MUTED),
            ])
        })
        .collect();
    items.push(ListItem::new(vec![
        Line::from("Other value…").themed(theme::STRONG),
        Line::from("  send any string as type (to test CAPTCHA.0005)").themed(theme::MUTED),
    ]));
    let list = List::new(items)
        .block(focused_block(" Send scene (type) ", !app.editing_other))
        .highlight_style(theme::SELECTED)
        .highlight_symbol("");
    let mut st = ListState::default().with_selected(Some(app.scene_sel));
    f.render_stateful_widget(list, list_area, &mut st);

    if app.scene_sel == SCENE_OTHER {
        let [field, hint] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(detail);
        input_box(
            f,
            field,
            &app.other_scene,
            " Other scene value ",
            app.editing_other,
        );
        let v = app.other_scene.value();
        let text = if v.is_empty() {
            "Enter to type a value; empty gives PARAM.0007".to_string()
        } else if let Some(s) = Scene::from_code(v) {
            format!("{s} is a valid scene")
        } else {
            match Scene::nearest(v) {
                Some(s) => format!("not a scene: CAPTCHA.0005 expected (nearest: {s})"),
                None => "not a scene: CAPTCHA.0005 expected".to_string(),
            }
        };
        f.render_widget(Paragraph::new(text).themed(theme::WARN), hint);
    } else if let Some(s) = Scene::ALL.get(app.scene_sel) {
        let p = Paragraph::new(vec![
            Line::from(s.description()),
            Line::from(vec![
                Span::raw("consumed by: ").themed(theme::MUTED),
                Span::raw(s.consumer()),
            ]),
        ])
        .wrap(Wrap { trim: false });
        f.render_widget(p, detail);
    }
}

//! Step 2: the scene (`type`), one of the six or another value typed in.

use super::super::app::{App, Cmd, SCENE_OTHER, Screen, Step};
use super::super::keymap::{Action, Binding, Key, ch, key, plain};
use super::wizard;
use crossterm::event::{KeyCode, KeyEvent};

fn not_typing(app: &App) -> bool {
    !app.typing()
}

pub const KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Up), ch('k')],
        Action::Up,
        "↑↓/jk",
        "tui-keys-move",
    ),
    key(
        &[plain(KeyCode::Down), ch('j')],
        Action::Down,
        "↑↓/jk",
        "tui-keys-move",
    )
    .grouped(),
    key(
        &[plain(KeyCode::Enter)],
        Action::Accept,
        "Enter",
        "tui-keys-choose",
    ),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "tui-keys-back"),
    key(&[ch('h')], Action::OpenHeaders, "h", "tui-keys-headers").when(not_typing),
    key(&[ch('?')], Action::Help, "?", "tui-keys-help"),
    key(&[ch('q')], Action::Quit, "q", "tui-keys-quit").when(not_typing),
    key(
        &[Key::Chars('1', '7')],
        Action::Pick,
        "1-7",
        "tui-keys-choose-the-row",
    )
    .help_only(),
    key(
        &[plain(KeyCode::Home)],
        Action::Top,
        "Home/End",
        "tui-keys-first-last-row",
    )
    .help_only(),
    key(
        &[plain(KeyCode::End)],
        Action::Bottom,
        "Home/End",
        "tui-keys-first-last-row",
    )
    .grouped(),
    key(&[ch('y')], Action::OpenHistory, "y", "tui-keys-history")
        .help_only()
        .when(not_typing),
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

/// Typing another scene value.
pub const OTHER_KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Enter)],
        Action::Accept,
        "Enter",
        "tui-keys-use-this-value",
    ),
    key(
        &[plain(KeyCode::Esc)],
        Action::Back,
        "Esc",
        "tui-keys-back-to-list",
    ),
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

use crate::api::{Lang, Scene};
use crate::t;
use crate::tui::layout;
use crate::tui::theme::{self, Themed};
use crate::tui::view::{ellipsize, focused_block, input_box};
use crate::tui::wrap::wrap_text;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

/// What a scene is for, in `lang` (`Scene::description` in English).
pub fn description(s: Scene, lang: Lang) -> String {
    match s {
        Scene::RegisterSms => t!(lang, "tui-flow-scene-desc-register"),
        Scene::LoginSms => t!(lang, "tui-flow-scene-desc-login"),
        Scene::ForgetPwdSms => t!(lang, "tui-flow-scene-desc-forget-pwd"),
        Scene::UpdatePwdSms => t!(lang, "tui-flow-scene-desc-update-pwd"),
        Scene::UpdateMobileSms => t!(lang, "tui-flow-scene-desc-update-mobile"),
        Scene::BindMobileSms => t!(lang, "tui-flow-scene-desc-bind-mobile"),
    }
}

/// The APIs that consume a scene's code, in `lang` (`Scene::consumer` in English).
fn consumers(s: Scene, lang: Lang) -> String {
    match s {
        Scene::ForgetPwdSms => t!(lang, "tui-flow-scene-consumer-forget-pwd"),
        s => s.consumer().to_string(),
    }
}

pub(crate) fn scene_step(app: &App, f: &mut Frame, area: Rect) {
    let lang = app.ui_lang;
    let (list_area, detail) = layout::scene(area);
    let width = list_area.width.saturating_sub(4) as usize;
    let mut items: Vec<ListItem> = Scene::ALL
        .iter()
        .map(|s| {
            ListItem::new(vec![
                Line::from(s.code()).themed(theme::STRONG),
                Line::from(format!(
                    "  {}",
                    ellipsize(&description(*s, lang), width.saturating_sub(2))
                ))
                .themed(theme::MUTED),
            ])
        })
        .collect();
    items.push(ListItem::new(vec![
        Line::from(t!(lang, "tui-flow-scene-other")).themed(theme::STRONG),
        Line::from(format!(
            "  {}",
            ellipsize(&t!(lang, "tui-flow-scene-other-hint"), width)
        ))
        .themed(theme::MUTED),
    ]));
    let list = List::new(items)
        .block(focused_block(
            format!(" {} ", t!(lang, "tui-flow-scene-block")),
            !app.editing_other,
        ))
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
            &format!(" {} ", t!(lang, "tui-flow-scene-other-box")),
            app.editing_other,
        );
        let v = app.other_scene.value();
        let text = if v.is_empty() {
            t!(lang, "tui-flow-scene-other-empty")
        } else if let Some(s) = Scene::from_code(v) {
            t!(lang, "tui-flow-scene-valid", scene = s.to_string())
        } else {
            match Scene::nearest(v) {
                Some(s) => t!(
                    lang,
                    "tui-flow-scene-invalid-nearest",
                    nearest = s.to_string()
                ),
                None => t!(lang, "tui-flow-scene-invalid"),
            }
        };
        f.render_widget(Paragraph::new(text).themed(theme::WARN), hint);
    } else if let Some(s) = Scene::ALL.get(app.scene_sel) {
        let text = Text::from(vec![
            Line::from(description(*s, lang)),
            Line::from(vec![
                // a full-width colon carries its own space
                Span::raw(match lang {
                    Lang::En => format!("{} ", t!(lang, "tui-flow-scene-consumed-by")),
                    Lang::Zh => t!(lang, "tui-flow-scene-consumed-by"),
                })
                .themed(theme::MUTED),
                Span::raw(consumers(*s, lang)),
            ]),
        ]);
        f.render_widget(Paragraph::new(wrap_text(&text, detail.width)), detail);
    }
}

//! The headers editor (F2): send, omit, blank, edit, add, presets, save.

use super::super::app::{App, Cmd, Screen};
use super::super::keymap::{Action, Binding, Key, ch, key, plain};
use crate::api::headers as h;
use crate::client::HeaderSetting;
use crate::config::DevicePreset;
use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;

/// The header being edited in the headers screen.
#[derive(Debug, Clone)]
pub enum HeaderEdit {
    Value(Input),
    /// A new header, typed as `Name: value`.
    New(Input),
}

/// What the headers editor keeps between key presses.
#[derive(Debug, Default)]
pub struct EditorState {
    /// The selected row.
    pub sel: usize,
    /// The value or new header being typed.
    pub edit: Option<HeaderEdit>,
    /// The device preset `p` applied last.
    pub preset_idx: usize,
    /// The preset picker `p` opens: the highlighted preset.
    pub picker: Option<usize>,
    /// Values of headers switched to blank with `b`, to switch them back.
    pub blanked: std::collections::HashMap<String, String>,
    /// The old value is selected: the first typed key replaces it.
    pub replace: bool,
}

pub const KEYS: &[Binding] = &[
    key(&[plain(KeyCode::Up)], Action::Up, "↑↓", "tui-keys-move"),
    key(&[plain(KeyCode::Down)], Action::Down, "↑↓", "").grouped(),
    key(
        &[plain(KeyCode::Home)],
        Action::Top,
        "Home/End",
        "tui-keys-first-last-2",
    )
    .help_only(),
    key(&[plain(KeyCode::End)], Action::Bottom, "Home/End", "").grouped(),
    key(
        &[plain(KeyCode::Enter)],
        Action::Edit,
        "Enter",
        "tui-keys-edit",
    ),
    key(
        &[ch(' ')],
        Action::ToggleSend,
        "Space",
        "tui-keys-send-omit",
    ),
    key(&[ch('b')], Action::Blank, "b", "tui-keys-blank"),
    key(&[ch('p')], Action::ApplyPreset, "p", "tui-keys-preset"),
    key(
        &[ch('f')],
        Action::NewFingerprint,
        "f",
        "tui-keys-new-fingerprint",
    ),
    key(&[ch('a')], Action::AddHeader, "a", "tui-keys-add"),
    key(&[ch('d')], Action::DeleteHeader, "d", "tui-keys-delete"),
    key(
        &[ch('s')],
        Action::SaveHeaders,
        "s",
        "tui-keys-save-to-profile",
    ),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "tui-keys-back"),
    key(&[ch('k')], Action::Up, "jk", "tui-keys-move").help_only(),
    key(&[ch('j')], Action::Down, "jk", "").grouped(),
    key(&[ch('e')], Action::Edit, "e", "tui-keys-edit").help_only(),
    key(&[ch('o')], Action::ToggleSend, "o", "tui-keys-send-omit").help_only(),
    key(
        &[plain(KeyCode::Delete)],
        Action::DeleteHeader,
        "Delete",
        "tui-keys-delete",
    )
    .help_only(),
    key(&[ch('y')], Action::OpenHistory, "y", "tui-keys-history").help_only(),
    key(&[ch('q')], Action::Quit, "q", "tui-keys-quit").help_only(),
];

/// The device preset picker (`p`).
pub const PRESET_KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Up), ch('k')],
        Action::Up,
        "↑↓",
        "tui-keys-choose",
    ),
    key(&[plain(KeyCode::Down), ch('j')], Action::Down, "↑↓", "").grouped(),
    key(
        &[plain(KeyCode::Enter)],
        Action::Accept,
        "Enter",
        "tui-keys-apply-preset",
    ),
    key(
        &[plain(KeyCode::Esc), ch('p')],
        Action::Back,
        "Esc",
        "tui-keys-cancel",
    ),
];

const CURSOR_KEYS: &[Key] = &[
    plain(KeyCode::Left),
    plain(KeyCode::Right),
    plain(KeyCode::Home),
    plain(KeyCode::End),
];

/// Typing a header's value (the old value selected first: typing replaces it).
pub const VALUE_KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Enter)],
        Action::Accept,
        "Enter",
        "tui-keys-set-value",
    ),
    key(
        &[plain(KeyCode::Esc)],
        Action::Back,
        "Esc",
        "tui-keys-cancel",
    ),
    key(
        CURSOR_KEYS,
        Action::EditInPlace,
        "←→",
        "tui-keys-edit-in-place",
    ),
    key(
        &[Key::Ctrl('u')],
        Action::ClearField,
        "Ctrl+U",
        "tui-keys-clear",
    ),
];

/// Typing a new header.
pub const NEW_KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Enter)],
        Action::Accept,
        "Enter",
        "tui-keys-add-name-value",
    ),
    key(
        &[plain(KeyCode::Esc)],
        Action::Back,
        "Esc",
        "tui-keys-cancel",
    ),
    key(
        CURSOR_KEYS,
        Action::EditInPlace,
        "←→ Home/End",
        "tui-keys-move-the-cursor",
    )
    .help_only(),
    key(
        &[Key::Ctrl('u')],
        Action::ClearField,
        "Ctrl+U",
        "tui-keys-clear",
    ),
];

/// Open the editor (Esc comes back here).
pub(crate) fn open(app: &mut App) -> Vec<Cmd> {
    if !matches!(
        app.screen,
        Screen::Headers | Screen::History | Screen::Sending
    ) {
        app.back_to = app.screen;
    }
    app.screen = Screen::Headers;
    app.editor.edit = None;
    vec![]
}

fn on_picker_action(app: &mut App, action: Action, sel: usize) {
    let n = DevicePreset::ALL.len();
    match action {
        Action::Up => app.editor.picker = Some(sel.saturating_sub(1)),
        Action::Down => app.editor.picker = Some((sel + 1).min(n - 1)),
        Action::Accept => {
            app.editor.picker = None;
            app.editor.preset_idx = sel;
            let p = DevicePreset::ALL[sel];
            apply_preset(&mut app.headers, p);
            let label = preset_label(p, app.ui_lang);
            app.notice(crate::t!(
                app.ui_lang,
                "tui-flow-preset-applied",
                label = label
            ));
        }
        Action::Back => app.editor.picker = None,
        _ => {}
    }
}

pub(crate) fn on_action(app: &mut App, action: Action, k: KeyEvent) -> Vec<Cmd> {
    if let Some(sel) = app.editor.picker {
        on_picker_action(app, action, sel);
        return vec![];
    }
    if let Some(edit) = app.editor.edit.as_mut() {
        let input = match edit {
            HeaderEdit::Value(i) | HeaderEdit::New(i) => i,
        };
        match action {
            Action::Accept => finish_edit(app),
            Action::Back => app.editor.edit = None,
            Action::EditInPlace => {
                app.editor.replace = false;
                super::wizard::input_key(input, &k);
            }
            Action::ClearField => {
                app.editor.replace = false;
                *input = Input::default();
            }
            _ => {}
        }
        return vec![];
    }
    let n = app.headers.len();
    match action {
        Action::Up => app.editor.sel = app.editor.sel.saturating_sub(1),
        Action::Down => app.editor.sel = (app.editor.sel + 1).min(n.saturating_sub(1)),
        Action::Top => app.editor.sel = 0,
        Action::Bottom => app.editor.sel = n.saturating_sub(1),
        Action::Edit => {
            if let Some(hs) = app.headers.get(app.editor.sel) {
                app.editor.edit = Some(HeaderEdit::Value(Input::new(hs.value.clone())));
                app.editor.replace = !hs.value.is_empty();
            }
        }
        Action::ToggleSend => toggle_send(app),
        Action::Blank => blank(app),
        // a picker that shows the presets and their values (the last one applied selected)
        Action::ApplyPreset => app.editor.picker = Some(app.editor.preset_idx),
        Action::NewFingerprint => {
            let fp = crate::config::presets::fresh_fingerprint();
            if let Some(hs) = app
                .headers
                .iter_mut()
                .find(|x| x.name.eq_ignore_ascii_case(h::FINGERPRINT))
            {
                hs.value = fp.clone();
                hs.enabled = true;
            }
            app.notice(crate::t!(
                app.ui_lang,
                "tui-flow-new-fingerprint",
                fp = fp.as_str()
            ));
        }
        Action::AddHeader => {
            app.editor.edit = Some(HeaderEdit::New(Input::default()));
            app.editor.replace = false;
        }
        Action::DeleteHeader => delete(app),
        Action::SaveHeaders => return vec![Cmd::SaveHeaders(app.headers.clone())],
        Action::Back => super::history::go_back(app),
        _ => {}
    }
    vec![]
}

fn finish_edit(app: &mut App) {
    match app.editor.edit.take() {
        Some(HeaderEdit::Value(input)) => {
            if let Some(hs) = app.headers.get_mut(app.editor.sel) {
                hs.value = input.value().to_string();
                hs.enabled = true;
            }
        }
        // a line that is not `Name: value` stays in the field to be fixed
        Some(HeaderEdit::New(input)) if !add_header(app, input.value()) => {
            app.editor.edit = Some(HeaderEdit::New(input));
        }
        Some(HeaderEdit::New(_)) | None => {}
    }
}

fn toggle_send(app: &mut App) {
    let lang = app.ui_lang;
    if let Some(hs) = app.headers.get_mut(app.editor.sel) {
        hs.enabled = !hs.enabled;
        let name = hs.name.clone();
        let text = if hs.enabled {
            crate::t!(lang, "tui-flow-header-now-sent", name = name)
        } else {
            crate::t!(lang, "tui-flow-header-now-omitted", name = name)
        };
        app.notice(text);
    }
}

fn blank(app: &mut App) {
    let Some(hs) = app.headers.get_mut(app.editor.sel) else {
        return;
    };
    let name = hs.name.clone();
    let lang = app.ui_lang;
    hs.enabled = true;
    let text = if hs.value.is_empty() {
        match app.editor.blanked.remove(&name) {
            Some(v) => {
                hs.value = v;
                crate::t!(lang, "tui-flow-header-value-back", name = name)
            }
            None => crate::t!(lang, "tui-flow-header-blank-already", name = name),
        }
    } else {
        app.editor
            .blanked
            .insert(name.clone(), std::mem::take(&mut hs.value));
        crate::t!(lang, "tui-flow-header-sent-blank", name = name)
    };
    app.notice(text);
}

fn delete(app: &mut App) {
    if let Some(hs) = app.headers.get(app.editor.sel) {
        if h::is_documented(&hs.name) {
            app.error(crate::t!(
                app.ui_lang,
                "tui-flow-header-documented",
                name = hs.name.as_str()
            ));
        } else {
            app.headers.remove(app.editor.sel);
            app.editor.sel = app.editor.sel.min(app.headers.len().saturating_sub(1));
        }
    }
}

/// A key that no binding takes, on the headers screen: while a value is
/// typed, the first one replaces the selected old value; in the list, a
/// letter says that nothing is being edited (instead of acting on a row).
pub(crate) fn unbound_key(app: &mut App, k: &KeyEvent) -> bool {
    if app.editor.edit.is_none() {
        if let KeyCode::Char(_) = k.code {
            let name = app.headers.get(app.editor.sel).map(|h| h.name.clone());
            let lang = app.ui_lang;
            let name = name.unwrap_or_else(|| crate::t!(lang, "tui-flow-header-the-selected"));
            app.error(crate::t!(lang, "tui-flow-header-not-editing", name = name));
            return true;
        }
        return false;
    }
    if std::mem::take(&mut app.editor.replace)
        && matches!(
            k.code,
            KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete
        )
        && let Some(HeaderEdit::Value(i)) = app.editor.edit.as_mut()
    {
        *i = Input::default();
        if matches!(k.code, KeyCode::Backspace | KeyCode::Delete) {
            return true; // the selection is what they deleted
        }
    }
    false
}

/// Set the device headers to a preset's values (with a fresh fingerprint), sending them.
pub fn apply_preset(headers: &mut [HeaderSetting], p: DevicePreset) {
    let d = p.headers();
    for hs in headers.iter_mut() {
        let v = [
            (h::OS_VERSION, &d.os_version),
            (h::FINGERPRINT, &d.fingerprint),
            (h::AGENT, &d.agent),
            (h::DEVICE_IP, &d.device_ip),
        ]
        .into_iter()
        .find(|(n, _)| hs.name.eq_ignore_ascii_case(n));
        if let Some((_, v)) = v {
            hs.value = v.clone();
            hs.enabled = true;
        }
    }
}

/// Add (or replace) a header typed as `Name: value`; false when the line is not that.
fn add_header(app: &mut App, line: &str) -> bool {
    let Some((name, value)) = line.split_once(':') else {
        app.error(crate::t!(app.ui_lang, "tui-flow-header-type-new"));
        return false;
    };
    let name = name.trim();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic() && b != b':') {
        app.error(crate::t!(
            app.ui_lang,
            "tui-flow-header-bad-name",
            name = format!("{name:?}")
        ));
        return false;
    }
    if let Some(i) = app
        .headers
        .iter()
        .position(|x| x.name.eq_ignore_ascii_case(name))
    {
        app.headers[i].value = value.trim().to_string();
        app.headers[i].enabled = true;
        app.editor.sel = i;
        let shown = app.headers[i].name.clone();
        app.notice(crate::t!(
            app.ui_lang,
            "tui-flow-header-replaced",
            name = shown
        ));
    } else {
        app.headers.push(HeaderSetting {
            name: name.to_string(),
            value: value.trim().to_string(),
            enabled: true,
        });
        app.editor.sel = app.headers.len() - 1;
    }
    true
}

// ---- drawing ------------------------------------------------------------------------

use crate::api;
use crate::tui::layout;
use crate::tui::theme::{self, Themed};
use crate::tui::view::{focused_block, input_box};
use crate::tui::wrap::wrap_text;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

/// A device preset's label in `lang` (`DevicePreset::label` in English).
fn preset_label(p: DevicePreset, lang: crate::api::Lang) -> String {
    match p {
        DevicePreset::Android => crate::t!(lang, "cli-device-android"),
        DevicePreset::Iphone => crate::t!(lang, "cli-device-iphone"),
        DevicePreset::Windows => crate::t!(lang, "cli-device-windows"),
        DevicePreset::MacosSafari => crate::t!(lang, "cli-device-macos-safari"),
        DevicePreset::Wechat => crate::t!(lang, "cli-device-wechat"),
    }
}

/// What a documented header is for, in `lang` (`HeaderSpec::meaning` in English).
fn header_meaning(name: &str, lang: crate::api::Lang) -> Option<String> {
    let n = name.to_ascii_lowercase();
    let is = |h: &str| h.eq_ignore_ascii_case(&n);
    Some(if is(h::OS_VERSION) {
        crate::t!(lang, "tui-flow-header-os-version")
    } else if is(h::FINGERPRINT) {
        crate::t!(lang, "tui-flow-header-fingerprint")
    } else if is(h::DEVICE_IP) {
        crate::t!(lang, "tui-flow-header-device-ip")
    } else if is(h::AGENT) {
        crate::t!(lang, "tui-flow-header-agent")
    } else if is(h::LANG) {
        crate::t!(lang, "tui-flow-header-lang")
    } else if is(h::CLIENT_ID) {
        crate::t!(lang, "tui-flow-header-client-id")
    } else if is(h::CONTENT_TYPE) {
        crate::t!(lang, "tui-flow-header-content-type")
    } else if is(h::TENANT_ID) {
        crate::t!(lang, "tui-flow-header-tenant-id")
    } else {
        return None;
    })
}

pub(crate) fn headers(app: &App, f: &mut Frame, body: Rect) {
    let lang = app.ui_lang;
    let [table_area, edit_area, info] = Layout::vertical([
        Constraint::Min(5),
        Constraint::Length(3),
        Constraint::Length(3),
    ])
    .areas(body);
    // state, name and `required` columns, borders, and two spaces between columns
    let value_w = (table_area.width as usize).saturating_sub(5 + 24 + 8 + 2 + 3 * 2);
    let rows: Vec<Row> = app
        .headers
        .iter()
        .map(|hs| {
            let spec = h::spec(&hs.name);
            let req = match spec {
                Some(s) if s.required => crate::t!(lang, "tui-flow-headers-required"),
                Some(_) => crate::t!(lang, "tui-flow-headers-optional"),
                None => crate::t!(lang, "tui-flow-headers-custom"),
            };
            let (state, style) = if !hs.enabled {
                (crate::t!(lang, "tui-flow-headers-state-omit"), theme::MUTED)
            } else if hs.value.is_empty() {
                (crate::t!(lang, "tui-flow-headers-state-blank"), theme::WARN)
            } else {
                (crate::t!(lang, "tui-flow-headers-state-send"), theme::PLAIN)
            };
            let value = if app.redact && hs.name.eq_ignore_ascii_case(h::CLIENT_ID) {
                api::redact::middle(&hs.value)
            } else {
                hs.value.clone()
            };
            Row::new(vec![
                Cell::from(state),
                Cell::from(hs.name.clone()),
                // cut with a mark, never running into the next column
                Cell::from(crate::tui::view::ellipsize(&value, value_w)),
                Cell::from(req),
            ])
            .style(style)
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(5),
            Constraint::Length(24),
            Constraint::Min(10),
            Constraint::Length(8),
        ],
    )
    .column_spacing(2)
    .header(
        Row::new([
            String::new(),
            crate::t!(lang, "tui-flow-headers-col-header"),
            crate::t!(lang, "tui-flow-headers-col-value"),
            String::new(),
        ])
        .themed(theme::HEADING),
    )
    .row_highlight_style(theme::SELECTED)
    .block(focused_block(
        format!(" {} ", crate::t!(lang, "tui-flow-headers-title")),
        app.editor.edit.is_none(),
    ));
    let mut st = TableState::default().with_selected(Some(app.editor.sel));
    *st.offset_mut() = layout::list_offset(app.editor.sel, app.headers.len(), table_area.height);
    f.render_stateful_widget(table, table_area, &mut st);

    match &app.editor.edit {
        Some(HeaderEdit::Value(input)) => {
            let name = app
                .headers
                .get(app.editor.sel)
                .map(|x| x.name.as_str())
                .unwrap_or("");
            if app.editor.replace {
                let title = format!(
                    " {} ",
                    crate::t!(lang, "tui-flow-headers-replace", name = name)
                );
                let p = Paragraph::new(Line::from(Span::styled(
                    input.value().to_string(),
                    theme::SELECTED,
                )))
                .block(focused_block(title, true));
                f.render_widget(p, edit_area);
                let w = Span::raw(input.value()).width() as u16;
                let x = (edit_area.x + 1 + w).min(edit_area.x + edit_area.width.saturating_sub(2));
                f.set_cursor_position(ratatui::layout::Position::new(x, edit_area.y + 1));
            } else {
                input_box(f, edit_area, input, &format!(" {name} "), true);
            }
        }
        Some(HeaderEdit::New(input)) => {
            let title = format!(" {} ", crate::t!(lang, "tui-flow-headers-new"));
            input_box(f, edit_area, input, &title, true)
        }
        None => {
            let names: Vec<&str> = crate::config::DevicePreset::ALL
                .iter()
                .map(|p| p.name())
                .collect();
            let text = Text::from(crate::t!(
                lang,
                "tui-flow-headers-presets",
                names = names.join(", ")
            ));
            f.render_widget(
                Paragraph::new(wrap_text(&text, edit_area.width)).themed(theme::MUTED),
                edit_area,
            );
        }
    }
    let meaning = app
        .headers
        .get(app.editor.sel)
        .and_then(|x| h::spec(&x.name))
        .map(|s| {
            let meaning = header_meaning(s.name, lang).unwrap_or_else(|| s.meaning.to_string());
            if s.example.is_empty() {
                crate::t!(
                    lang,
                    "tui-flow-headers-meaning",
                    name = s.name,
                    meaning = meaning
                )
            } else {
                crate::t!(
                    lang,
                    "tui-flow-headers-meaning-example",
                    name = s.name,
                    meaning = meaning,
                    example = s.example
                )
            }
        })
        .unwrap_or_else(|| crate::t!(lang, "tui-flow-headers-custom-meaning"));
    let meaning = wrap_text(&Text::from(meaning), info.width);
    f.render_widget(Paragraph::new(meaning).themed(theme::MUTED), info);
}

/// The preset picker over the editor: each preset's name, label and values.
pub(crate) fn preset_picker(app: &App, f: &mut Frame, body: Rect) {
    let Some(sel) = app.editor.picker else {
        return;
    };
    let lang = app.ui_lang;
    let mut lines = Vec::new();
    for (i, p) in DevicePreset::ALL.iter().enumerate() {
        let d = p.headers();
        let (mark, style) = if i == sel {
            ("› ", theme::SELECTED)
        } else {
            ("  ", theme::PLAIN)
        };
        lines.push(
            ratatui::text::Line::from(format!("{mark}{:<13} {}", p.name(), preset_label(*p, lang)))
                .style(style),
        );
        lines.push(
            ratatui::text::Line::from(format!("    {} · {}", d.os_version, d.device_ip))
                .themed(theme::MUTED),
        );
    }
    // the long value only for the highlighted preset, wrapped in full
    let agent = DevicePreset::ALL[sel].headers().agent;
    lines.push(ratatui::text::Line::from(""));
    lines.push(ratatui::text::Line::from(format!("X-agent: {agent}")));
    lines.push(
        ratatui::text::Line::from(crate::t!(lang, "tui-flow-preset-apply")).themed(theme::MUTED),
    );
    let w = body.width.saturating_sub(4).min(110);
    let h = crate::tui::view::popup_height(&lines, w);
    crate::tui::view::popup(
        f,
        body,
        w,
        h,
        &format!(" {} ", crate::t!(lang, "tui-flow-preset-title")),
        lines,
    );
}

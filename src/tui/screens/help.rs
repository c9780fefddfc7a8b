//! The help overlay (F1 or ?): this screen's keys and the global ones.

use super::super::app::{App, Cmd};
use super::super::keymap::{Action, Binding, ch, key, plain};
use crate::api::Lang;
use crate::t;
use crossterm::event::KeyCode;

/// The help overlay's own state.
#[derive(Debug, Default)]
pub struct HelpState {
    /// The overlay is shown (over the current screen).
    pub open: bool,
    /// First line shown (small windows scroll it).
    pub scroll: u16,
    /// How far it could scroll at the last draw.
    pub max: std::cell::Cell<u16>,
}

pub const KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Down), ch('j')],
        Action::Down,
        "↑↓ jk",
        "tui-keys-scroll",
    ),
    key(&[plain(KeyCode::Up), ch('k')], Action::Up, "↑↓ jk", "").grouped(),
    key(
        &[plain(KeyCode::PageDown), ch(' ')],
        Action::PageDown,
        "PgUp PgDn Space",
        "tui-keys-page",
    ),
    key(
        &[plain(KeyCode::PageUp)],
        Action::PageUp,
        "PgUp PgDn Space",
        "",
    )
    .grouped(),
    key(
        &[
            plain(KeyCode::Esc),
            ch('?'),
            plain(KeyCode::F(1)),
            ch('q'),
            plain(KeyCode::Enter),
        ],
        Action::Back,
        "Esc ? F1 q Enter",
        "tui-keys-closes-this-help",
    ),
];

/// The overlay's own keys, as its last line says them.
pub(crate) fn keys_line(lang: Lang) -> String {
    KEYS.iter()
        .filter(|b| b.show != super::super::keymap::Show::Grouped)
        .map(|b| format!("{} {}", b.label_in(lang), b.describe(lang)))
        .collect::<Vec<_>>()
        .join(" · ")
}

pub(crate) fn on_action(app: &mut App, action: Action) -> Vec<Cmd> {
    let max = app.help.max.get();
    match action {
        Action::Back => {
            app.help.open = false;
            app.help.scroll = 0;
        }
        Action::Down => app.help.scroll = (app.help.scroll + 1).min(max),
        Action::Up => app.help.scroll = app.help.scroll.saturating_sub(1),
        Action::PageDown => app.help.scroll = (app.help.scroll + 10).min(max),
        Action::PageUp => app.help.scroll = app.help.scroll.saturating_sub(10),
        _ => {}
    }
    vec![]
}

// ---- drawing ------------------------------------------------------------------------

use crate::tui::keymap;
use crate::tui::theme::{self, Themed};
use crate::tui::view::{centered, clear_for_overlay};
use crate::tui::wrap::{wrap_text, wrapped_height};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Paragraph};
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// `s` padded with spaces to `width` terminal columns (a Chinese character takes two).
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

/// The key column of the help overlay (a leading space, the key, a space).
const KEY_COLUMNS: usize = 14;
/// The narrowest description column kept beside another column.
const MIN_DESCRIPTION: usize = 16;

/// One help entry at `width` columns: the key in its column, the description
/// wrapped beside it (a hanging indent under the description), each row
/// exactly `width` columns wide.
fn entry_rows(key: &str, description: &str, width: usize) -> Vec<Vec<Span<'static>>> {
    let key_width = KEY_COLUMNS - 2;
    let desc_width = width.saturating_sub(KEY_COLUMNS).max(1);
    let keys = crate::typeset::wrap(key, key_width);
    let descs = crate::typeset::wrap(description, desc_width);
    (0..keys.len().max(descs.len()))
        .map(|i| {
            let k = keys.get(i).map_or("", String::as_str);
            let d = descs.get(i).map_or("", String::as_str);
            vec![
                Span::styled(format!(" {} ", pad(k, key_width)), theme::KEY),
                Span::raw(pad(d, width.saturating_sub(KEY_COLUMNS))),
            ]
        })
        .collect()
}

/// The help overlay's text for the current screen, laid out for `width`
/// columns: two columns of keys (this screen on the left, everywhere on the
/// right) when they fit, else one after the other.
pub(crate) fn help_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let lang = app.ui_lang;
    let width = usize::from(width);
    let mut lines = vec![
        Line::from(t!(lang, "tui-help-flow")).themed(theme::STRONG),
        Line::from(t!(lang, "tui-help-moving")),
        Line::from(""),
    ];
    let screen = keymap::help(app);
    let global: Vec<(Cow<str>, String)> = keymap::GLOBAL
        .iter()
        .filter(|b| (b.shown)(app))
        .map(|b| (b.label_in(lang), b.describe(lang)))
        .collect();
    let this_screen = t!(lang, "tui-help-this-screen");
    let everywhere = t!(lang, "tui-help-everywhere");
    // The left column ends with a one-column gap before the right one; the
    // split is the one with the fewest rows (the nearest to the middle of those).
    let narrowest = KEY_COLUMNS + MIN_DESCRIPTION;
    let two = width > 2 * narrowest;
    let rows_at = |left: usize| -> usize {
        let h = |k: Option<&(Cow<str>, String)>, w: usize| {
            k.map_or(0, |k| {
                crate::typeset::height(&k.1, w - KEY_COLUMNS)
                    .max(crate::typeset::height(&k.0, KEY_COLUMNS - 2))
            })
        };
        (0..screen.len().max(global.len()))
            .map(|i| h(screen.get(i), left - 1).max(h(global.get(i), width - left)))
            .sum()
    };
    let left = if two {
        (narrowest + 1..=width - narrowest)
            .min_by_key(|&l| (rows_at(l), l.abs_diff(width / 2)))
            .unwrap_or(width / 2)
    } else {
        width
    };
    let right = width - left;
    if two {
        lines.push(Line::from(vec![
            Span::raw(pad(&this_screen, left))
                .themed(theme::STRONG)
                .themed(theme::UNDERLINE),
            Span::raw(everywhere).themed(theme::HEADING),
        ]));
        for i in 0..screen.len().max(global.len()) {
            let l = screen
                .get(i)
                .map_or_else(Vec::new, |k| entry_rows(&k.0, &k.1, left - 1));
            let r = global
                .get(i)
                .map_or_else(Vec::new, |k| entry_rows(&k.0, &k.1, right));
            // Rows of one entry stay beside the rows of the other.
            for j in 0..l.len().max(r.len()) {
                let mut spans = match l.get(j) {
                    Some(row) => row.clone(),
                    None => vec![Span::raw(" ".repeat(left - 1))],
                };
                spans.push(Span::raw(" "));
                if let Some(row) = r.get(j) {
                    spans.extend(row.iter().cloned());
                }
                lines.push(Line::from(spans));
            }
        }
    } else {
        for (heading, keys, style) in [
            (this_screen, &screen, theme::STRONG),
            (everywhere, &global, theme::HEADING),
        ] {
            lines.push(Line::from(heading).themed(style));
            for k in keys {
                lines.extend(entry_rows(&k.0, &k.1, width).into_iter().map(Line::from));
            }
        }
    }
    for line in &mut lines[3..] {
        // No trailing padding: the overlay's own background fills the rest.
        if let Some(last) = line.spans.last_mut() {
            let trimmed = last.content.trim_end().to_string();
            last.content = trimmed.into();
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(t!(lang, "tui-help-mouse")).themed(theme::MUTED));
    lines.push(Line::from(keys_line(lang)).themed(theme::MUTED));
    lines
}

/// Where the help overlay goes, its text wrapped to fit, and how far it can scroll.
pub(crate) fn help_layout(app: &App, area: Rect) -> (Rect, Text<'static>, u16) {
    let w = 76.min(area.width);
    let inner_width = w.saturating_sub(2);
    let text = Text::from(help_lines(app, inner_width));
    let height = wrapped_height(&text, inner_width);
    let h = (height as u16).saturating_add(2).min(area.height);
    let r = centered(area, w, h);
    let max = height.saturating_sub(r.height.saturating_sub(2) as usize);
    let max = u16::try_from(max).unwrap_or(u16::MAX);
    (r, wrap_text(&text, inner_width), max)
}

/// How far the help overlay can scroll at the app's size.
pub(crate) fn help_max_scroll(app: &App) -> u16 {
    help_layout(app, Rect::new(0, 0, app.size.0, app.size.1)).2
}

pub(crate) fn help(app: &App, f: &mut Frame, area: Rect) {
    let (r, text, max) = help_layout(app, area);
    app.help.max.set(max);
    let pos = app.help.scroll.min(max);
    let mut block = Block::bordered()
        .title(format!(" {} ", t!(app.ui_lang, "tui-help-title")))
        .border_type(BorderType::Double);
    if max > 0 {
        block = block.title_bottom(
            Line::from(format!(
                " {} ",
                t!(app.ui_lang, "tui-help-more", pos = pos, max = max)
            ))
            .alignment(Alignment::Right),
        );
    }
    clear_for_overlay(f, r);
    f.render_widget(Paragraph::new(text).scroll((pos, 0)).block(block), r);
}

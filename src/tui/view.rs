//! `view(&App, &mut Frame)`: pure drawing, no state changes.

use super::app::{App, Busy, Screen};
use super::{keymap, layout, screens};
use crate::api;
use crate::tui::theme::{self, Themed};
use crate::tui::wrap::{wrap_text, wrapped_height};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};
use std::borrow::Cow;
use tui_input::Input;

/// Headers every HTTP client adds on its own.
pub(crate) const STACK_HEADERS: [&str; 4] = ["host", "user-agent", "accept", "content-length"];

/// The result panes' tabs on a narrow screen, in `lang`.
pub fn tab_labels(lang: api::Lang) -> [String; 3] {
    [
        crate::t!(lang, "tui-result-tab-request"),
        crate::t!(lang, "tui-result-tab-response"),
        crate::t!(lang, "tui-result-tab-explanation"),
    ]
}
pub(crate) const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// Below this size the screens cannot show their content; say so instead.
pub const MIN_SIZE: (u16, u16) = (60, 16);

pub fn view(app: &App, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let text = crate::t!(
            app.ui_lang,
            "tui-flow-too-small",
            min = format!("{}x{}", MIN_SIZE.0, MIN_SIZE.1),
            size = format!("{}x{}", area.width, area.height)
        );
        let text = Text::from(text);
        f.render_widget(Paragraph::new(wrap_text(&text, area.width)), area);
        return;
    }
    let fr = layout::frame(area);
    title_bar(app, f, fr.title);
    match app.screen {
        Screen::Wizard(step) => screens::wizard::wizard(app, f, fr.body, step),
        Screen::Sending => screens::sending::sending(app, f, fr.body),
        Screen::Result => screens::result::result(app, f, fr.body),
        Screen::Headers => {
            screens::headers::headers(app, f, fr.body);
            screens::headers::preset_picker(app, f, fr.body);
        }
        Screen::History => screens::history::history(app, f, fr.body),
        Screen::Check if app.probe.shown => screens::probe::view(app, f, fr.body),
        Screen::Check => screens::check::view(app, f, fr.body),
        Screen::Puzzle => screens::puzzle::draw(app, f),
        Screen::Import => screens::import::draw(app, f, fr.body),
        Screen::Traffic => screens::traffic::draw(app, f, fr.body),
    }
    status_line(app, f, fr.status);
    key_line(app, f, fr.keys);
    if app.copy_menu {
        screens::result::copy_menu(app, f, area);
    }
    if app.help.open {
        screens::help::help(app, f, area);
    }
    if app.no_color {
        // The puzzle's picture is an image, not coloured text: it keeps its colours.
        let keep = (app.screen == Screen::Puzzle && !app.help.open && !app.copy_menu)
            .then(|| screens::puzzle::pictures(app, area));
        theme::strip_colors(f, keep);
    }
}

fn title_bar(app: &App, f: &mut Frame, area: Rect) {
    let lang = app.ui_lang;
    let target = if app.target.simulator {
        format!(
            "{} {}",
            crate::t!(lang, "tui-flow-simulator"),
            app.target.base_url.trim_start_matches("http://")
        )
    } else {
        app.target.base_url.clone()
    };
    let client = match app.client_id() {
        Some(c) if !c.enabled => crate::t!(lang, "tui-flow-client-omitted"),
        Some(c) if c.value.is_empty() => crate::t!(lang, "tui-flow-client-blank"),
        Some(c) => mask_short(&c.value),
        None => crate::t!(lang, "tui-flow-client-none"),
    };
    let mut spans = vec![
        Span::styled(" vflow ", theme::BADGE),
        Span::raw(" "),
        Span::styled(
            target,
            if app.target.simulator {
                theme::WARN_STRONG
            } else {
                theme::REMOTE_STRONG
            },
        ),
        Span::raw(format!(
            " │ {} {} │ {} {}",
            crate::t!(lang, "tui-flow-profile"),
            app.target.profile,
            crate::t!(lang, "tui-flow-client"),
            client
        )),
    ];
    if app.redact {
        spans.push(Span::styled(
            format!(" │ {}", crate::t!(lang, "tui-flow-masked")),
            theme::ERROR,
        ));
    }
    let server = app.server_lang();
    if server != app.ui_lang {
        let both = crate::t!(
            app.ui_lang,
            "ui-lang-mismatch",
            ui = crate::i18n::native_name(app.ui_lang),
            server = server.code()
        );
        spans.push(Span::raw(format!(" │ {both}")));
    }
    let line = ellipsize_line(Line::from(spans), area.width as usize);
    f.render_widget(Paragraph::new(line), area);
}

/// A client id shortened for the title bar: first 4 and last 4 characters.
pub(crate) fn mask_short(s: &str) -> String {
    let n = s.chars().count();
    if n <= 10 {
        return api::redact::middle(s);
    }
    let head: String = s.chars().take(4).collect();
    let tail: String = s.chars().skip(n - 4).collect();
    format!("{head}…{tail}")
}

fn status_line(app: &App, f: &mut Frame, area: Rect) {
    let line = if let Some(b) = &app.busy {
        let lang = app.ui_lang;
        let what = match b {
            Busy::Send { .. } => crate::t!(lang, "tui-flow-busy-sending"),
            Busy::Token => crate::t!(lang, "tui-flow-busy-token"),
            Busy::Consume { .. } => crate::t!(lang, "tui-flow-busy-consume"),
            Busy::Puzzle(what) => what.to_string(),
        };
        Line::from(format!(
            "{} {}",
            SPINNER[app.spinner % SPINNER.len()],
            crate::t!(
                lang,
                "tui-flow-busy-elapsed",
                what = what,
                s = format!("{:.1}", elapsed(app))
            )
        ))
        .themed(theme::WARN)
    } else if let Some(n) = layout::notice(app, f.area()) {
        notice(app, f, n);
        return;
    } else {
        Line::from("")
    };
    f.render_widget(Paragraph::new(line), area);
}

/// The notice on the status row, or, wider than that row, wrapped over the
/// bottom of the body under a rule in the notice's colour: read in full.
fn notice(app: &App, f: &mut Frame, n: layout::NoticeArea) {
    let style = match &app.notice {
        Some(x) if x.error => theme::ERROR,
        _ => theme::OK,
    };
    clear_for_overlay(f, n.area);
    let mut block = Block::new();
    if n.lines.len() > 1 {
        block = block.borders(Borders::TOP).border_style(style);
    }
    f.render_widget(Paragraph::new(Text::from(n.lines)).block(block), n.area);
}

pub(crate) fn elapsed(app: &App) -> f64 {
    app.clock
        .now()
        .duration_since(app.busy_since)
        .unwrap_or_default()
        .as_secs_f64()
}

/// The keys of this screen, as many as fit, always ending with the help key.
fn key_line(app: &App, f: &mut Frame, area: Rect) {
    let help_word = crate::t!(app.ui_lang, "tui-keys-help");
    let help: (Cow<str>, String) = if app.typing() {
        ("F1".into(), help_word)
    } else {
        ("?".into(), help_word)
    };
    let width = area.width as usize;
    let width_of = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let item_width = |(k, d): &(Cow<str>, String)| width_of(k) + width_of(d) + 3;
    let mut budget = width.saturating_sub(item_width(&help));
    let mut items: Vec<(Cow<str>, String)> = Vec::new();
    for b in keymap::footer_bindings(app) {
        if b.action == keymap::Action::Help {
            continue;
        }
        let item = (b.label_in(app.ui_lang), b.describe(app.ui_lang));
        let w = item_width(&item);
        if w > budget {
            break;
        }
        budget -= w;
        items.push(item);
    }
    if !app.copy_menu {
        items.push(help);
    }
    let mut spans = Vec::new();
    for (i, (k, d)) in items.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(k, theme::KEY));
        spans.push(Span::raw(format!(" {d}")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub(crate) fn focused_block(title: impl Into<Line<'static>>, focused: bool) -> Block<'static> {
    let b = Block::bordered().title(title);
    if focused {
        b.border_type(BorderType::Thick).border_style(theme::ACCENT)
    } else {
        b.border_style(theme::FRAME)
    }
}

/// An input field in a bordered box, with the cursor placed when focused.
pub(crate) fn input_box(f: &mut Frame, area: Rect, input: &Input, title: &str, focused: bool) {
    let width = area.width.saturating_sub(2).max(1) as usize;
    let scroll = input.visual_scroll(width);
    let p = Paragraph::new(input.value())
        .scroll((0, scroll as u16))
        .block(focused_block(title.to_string(), focused));
    f.render_widget(p, area);
    if focused {
        let x = area.x + 1 + (input.visual_cursor().saturating_sub(scroll)) as u16;
        f.set_cursor_position(Position::new(x.min(area.x + area.width - 2), area.y + 1));
    }
}

/// `s` cut to `width` terminal columns with a `…` (a CJK character takes two columns).
pub(crate) fn ellipsize(s: &str, width: usize) -> String {
    if unicode_width::UnicodeWidthStr::width(s) <= width || width < 2 {
        return s.to_string();
    }
    cut_with_ellipsis(s, width)
}

/// What of `s` fits in `width - 1` columns (a wide character is not cut in two), then `…`.
fn cut_with_ellipsis(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `line` cut to `width` terminal columns with a `…` in the style of the span it cuts.
pub(crate) fn ellipsize_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width || width < 2 {
        return line;
    }
    let mut spans = Vec::new();
    let mut left = width;
    for span in line.spans {
        let w = span.width();
        if w < left {
            left -= w;
            spans.push(span);
            continue;
        }
        spans.push(Span::styled(
            cut_with_ellipsis(&span.content, left),
            span.style,
        ));
        break;
    }
    Line { spans, ..line }
}

pub(crate) fn shown_token(app: &App, t: &str) -> String {
    if app.redact {
        api::redact::pass_token(t)
    } else {
        t.to_string()
    }
}

pub(crate) fn shown_mobile(app: &App, m: &str) -> String {
    if app.redact {
        api::redact::mobile(m)
    } else {
        m.to_string()
    }
}

pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let x = area.x + (area.width.saturating_sub(w)) / 2;
    let y = area.y + (area.height.saturating_sub(h)) / 2;
    Rect::new(x, y, w.min(area.width), h.min(area.height))
}

/// How far `text`, wrapped (by [`wrap_text`]) at the inner width of the
/// bordered `pane`, can scroll.
pub(crate) fn text_max_scroll(text: &Text<'_>, pane: Rect) -> u16 {
    let total = wrapped_height(text, layout::inner_width(pane));
    let visible = pane.height.saturating_sub(2) as usize;
    total.saturating_sub(visible).min(u16::MAX as usize) as u16
}

/// The height of a bordered popup `w` columns wide that shows all of `lines`
/// (wrapped as [`popup`] wraps them).
pub(crate) fn popup_height(lines: &[Line<'_>], w: u16) -> u16 {
    let text = Text::from(lines.to_vec());
    let rows = wrapped_height(&text, w.saturating_sub(2));
    (rows.min(u16::MAX as usize - 2) as u16) + 2
}

/// Clear `r` for an overlay. A wide character (Chinese) that starts just left of it would
/// be drawn over the overlay's left border (ratatui writes it whole and skips the cell it
/// covers): it is cut anyway, so it is blanked.
pub(crate) fn clear_for_overlay(f: &mut Frame, r: Rect) {
    f.render_widget(Clear, r);
    let Some(x) = r.x.checked_sub(1) else {
        return;
    };
    let buf = f.buffer_mut();
    for y in r.y..r.bottom() {
        let cell = &mut buf[(x, y)];
        if unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

pub(crate) fn popup(
    f: &mut Frame,
    area: Rect,
    w: u16,
    h: u16,
    title: &str,
    lines: Vec<Line<'static>>,
) {
    // wrapped here, at the popup's inner width (`popup_height` measures them)
    let r = centered(area, w.min(area.width), h.min(area.height));
    clear_for_overlay(f, r);
    let text = wrap_text(&Text::from(lines), layout::inner_width(r));
    f.render_widget(
        Paragraph::new(text).block(
            Block::bordered()
                .title(title.to_string())
                .border_type(BorderType::Double),
        ),
        r,
    );
}

/// How far the help overlay can scroll at the app's size.
pub fn help_max_scroll(app: &App) -> u16 {
    screens::help::help_max_scroll(app)
}

/// How far the review can scroll at the app's size.
pub fn review_max_scroll(app: &App) -> u16 {
    screens::review::review_max_scroll(app)
}

/// How far result pane `i` can scroll at the app's size.
pub fn pane_max_scroll(app: &App, i: usize) -> u16 {
    screens::result::pane_max_scroll(app, i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    /// A popup whose left border falls on the second half of a Chinese character keeps its
    /// border on the terminal: the backend gets what a terminal gets (ratatui writes a wide
    /// character whole and skips the cell it covers).
    #[test]
    fn a_popup_over_chinese_text_keeps_its_left_border() {
        let mut t = Terminal::new(TestBackend::new(20, 5)).unwrap();
        t.draw(|f| {
            let row = Line::from("中".repeat(10));
            f.render_widget(Paragraph::new(vec![row; 5]), f.area());
            // 9 wide in 20: it starts at x = 5, the second half of the third 中
            popup(f, f.area(), 9, 3, "", vec![Line::from("ok")]);
        })
        .unwrap();
        let buf = t.backend().buffer();
        let left: Vec<&str> = (1..4).map(|y| buf[(5, y)].symbol()).collect();
        assert_eq!(left, ["╔", "║", "╚"], "{buf:?}");
        // the rows the popup does not cover keep their characters
        assert_eq!(buf[(4, 0)].symbol(), "中");
    }

    #[test]
    fn a_long_styled_line_ends_with_an_ellipsis_in_the_style_it_cuts() {
        use ratatui::style::{Color, Style};
        let red = Style::default().fg(Color::Red);
        let line = Line::from(vec![
            Span::styled("✗ 400", red),
            Span::raw(" \"Graphic verification code 图形验证码\""),
        ]);
        let cut = ellipsize_line(line.clone(), 20);
        assert_eq!(cut.width(), 20);
        assert_eq!(cut.to_string(), "✗ 400 \"Graphic veri…");
        assert_eq!(cut.spans[0].style, red);
        // a wide character that would straddle the edge is left out, not cut in two
        let cut = ellipsize_line(line.clone(), 36);
        assert!(cut.width() <= 36 && cut.to_string().ends_with('…'), "{cut}");
        // a line that fits is as it was
        assert_eq!(ellipsize_line(line.clone(), 80), line);
        // the cut falls where a span ends one column short of the edge
        let two = Line::from(vec![Span::raw("abcd"), Span::raw("efgh")]);
        assert_eq!(ellipsize_line(two.clone(), 5).to_string(), "abcd…");
        assert_eq!(ellipsize_line(two.clone(), 4).to_string(), "abc…");
        let wide = Line::from(vec![Span::raw("abcd"), Span::raw("中文字")]);
        assert_eq!(ellipsize_line(wide.clone(), 5).to_string(), "abcd…");
        assert_eq!(ellipsize_line(wide, 7).to_string(), "abcd中…");
    }
}

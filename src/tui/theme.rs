//! The TUI's styles, by what they mean, and NO_COLOR. Every style on screen
//! comes from here: a new look (or a colour-blind friendly one) is one file.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style, Styled};

const fn fg(c: Color) -> Style {
    Style::new().fg(c)
}

const fn bold(s: Style) -> Style {
    s.add_modifier(Modifier::BOLD)
}

/// Secondary text: hints, descriptions, explanations of a value.
pub const MUTED: Style = Style::new().add_modifier(Modifier::DIM);
/// Emphasis without colour.
pub const STRONG: Style = bold(Style::new());
/// Table headings.
pub const HEADING: Style = Style::new()
    .add_modifier(Modifier::BOLD)
    .add_modifier(Modifier::UNDERLINED);
/// No style of its own.
pub const PLAIN: Style = Style::new();
/// Quoted text (what a server said, an empty body).
pub const QUOTE: Style = Style::new().add_modifier(Modifier::ITALIC);
/// Underlined (with [`STRONG`]: a heading).
pub const UNDERLINE: Style = Style::new().add_modifier(Modifier::UNDERLINED);
/// Keys, the focused frame, the current step.
pub const ACCENT: Style = fg(Color::Cyan);
/// A key name in the footer and the help.
pub const KEY: Style = bold(fg(Color::Cyan));
/// Frames without focus.
pub const FRAME: Style = fg(Color::DarkGray);
/// The selected row.
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED);
/// The app's name badge.
pub const BADGE: Style = Style::new()
    .add_modifier(Modifier::BOLD)
    .add_modifier(Modifier::REVERSED);
/// Something went well (a valid value, a success).
pub const OK: Style = fg(Color::Green);
pub const OK_STRONG: Style = bold(fg(Color::Green));
/// Worth a look (a warning, something running).
pub const WARN: Style = fg(Color::Yellow);
pub const WARN_STRONG: Style = bold(fg(Color::Yellow));
/// Wrong (an invalid value, a failure).
pub const BAD: Style = fg(Color::Red);
/// An error message, masking on.
pub const ERROR: Style = bold(fg(Color::Red));
/// A real (remote) target, and other rare highlights.
pub const REMOTE: Style = fg(Color::Magenta);
pub const REMOTE_STRONG: Style = bold(fg(Color::Magenta));

/// Apply a theme style on top of what a widget already has (as `Stylize` does).
pub trait Themed: Styled + Sized {
    fn themed(self, s: Style) -> Self::Item {
        let style = self.style().patch(s);
        self.set_style(style)
    }
}

impl<T: Styled + Sized> Themed for T {}

/// The NO_COLOR convention (<https://no-color.org>): set and not empty.
pub fn no_color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// NO_COLOR: keep bold/underline/reverse, drop every colour (except inside
/// `keep`, e.g. a picture that is an image, not coloured text).
pub fn strip_colors(f: &mut Frame, keep: Option<Rect>) {
    let buf = f.buffer_mut();
    let area = buf.area;
    for (i, cell) in buf.content.iter_mut().enumerate() {
        let pos = Position::new(
            area.x + (i % area.width as usize) as u16,
            area.y + (i / area.width as usize) as u16,
        );
        if keep.is_some_and(|r| r.contains(pos)) {
            continue;
        }
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
    }
}

//! Wrapping styled ratatui text with the typesetting rules of
//! [`crate::typeset`] (UAX #14 line breaking, numbers kept with their units,
//! URLs and JSON broken at sensible points, bullets with a hanging indent).
//!
//! Use instead of `Paragraph::wrap`, which breaks only at ASCII spaces:
//!
//! ```ignore
//! // before
//! Paragraph::new(text).wrap(Wrap { trim: false }).scroll((offset, 0))
//! // after: the lines are already as wide as the area
//! Paragraph::new(wrap_text(&text, area.width)).scroll((offset, 0))
//! // the scroll maximum, without building a Paragraph
//! let max = wrapped_height(&text, area.width).saturating_sub(area.height as usize);
//! ```
//!
//! Each input [`Line`] is one paragraph; each output line keeps the style and
//! alignment of the line it came from, and every piece of text keeps its
//! span's style across the breaks. A bullet's continuation lines start with
//! an unstyled indent span (left-aligned lines only: a centred or
//! right-aligned line is not indented).

use crate::typeset::{self, LineRange};
use ratatui::layout::Alignment;
use ratatui::text::{Line, Span, Text};
use std::borrow::Cow;

/// `text` wrapped to `width` columns: the same style and alignment, with
/// lines no wider than `width` (see [`crate::typeset`] for the one exception).
pub fn wrap_text(text: &Text<'_>, width: u16) -> Text<'static> {
    let mut lines = Vec::with_capacity(text.lines.len());
    for line in &text.lines {
        wrap_into(line, text.alignment, width, &mut lines);
    }
    Text {
        lines,
        style: text.style,
        alignment: text.alignment,
    }
}

/// One styled line wrapped to `width` columns.
pub fn wrap_line(line: &Line<'_>, width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    wrap_into(line, None, width, &mut lines);
    lines
}

/// How many lines [`wrap_text`] makes of `text` at `width` columns (for
/// scroll maxima), without building them.
pub fn wrapped_height(text: &Text<'_>, width: u16) -> usize {
    text.lines
        .iter()
        .map(|line| typeset::height(&joined(line), usize::from(width)).max(1))
        .sum()
}

/// The text of a line's spans, borrowed when there is a single span.
fn joined<'a>(line: &'a Line<'_>) -> Cow<'a, str> {
    match line.spans.as_slice() {
        [] => Cow::Borrowed(""),
        [one] => Cow::Borrowed(one.content.as_ref()),
        spans => Cow::Owned(spans.iter().map(|s| s.content.as_ref()).collect()),
    }
}

fn wrap_into(
    line: &Line<'_>,
    text_alignment: Option<Alignment>,
    width: u16,
    out: &mut Vec<Line<'static>>,
) {
    let content = joined(line);
    let ranges = typeset::lines(&content, usize::from(width));
    let indented = matches!(
        line.alignment.or(text_alignment),
        None | Some(Alignment::Left)
    );
    let new_line = |spans: Vec<Span<'static>>| Line {
        spans,
        style: line.style,
        alignment: line.alignment,
    };
    if ranges.is_empty() {
        out.push(new_line(Vec::new()));
        return;
    }
    // Byte offset in `content` where each span starts.
    let mut starts = Vec::with_capacity(line.spans.len());
    let mut at = 0;
    for span in &line.spans {
        starts.push(at);
        at += span.content.len();
    }
    for LineRange {
        start, end, indent, ..
    } in ranges
    {
        let mut spans = Vec::new();
        if indent > 0 && indented {
            spans.push(Span::raw(" ".repeat(indent)));
        }
        // The first span that ends after `start`.
        let first = starts.partition_point(|&s| s <= start).saturating_sub(1);
        for (span, &s) in line.spans[first..].iter().zip(&starts[first..]) {
            if s >= end {
                break;
            }
            let e = s + span.content.len();
            let (a, b) = (start.max(s), end.min(e));
            if a < b {
                spans.push(Span::styled(
                    span.content[a - s..b - s].to_string(),
                    span.style,
                ));
            }
        }
        out.push(new_line(spans));
    }
}

#[cfg(test)]
mod tests;

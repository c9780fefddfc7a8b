//! Typesetting plain text for a terminal: where a paragraph may break into
//! lines, and how wide each line is.
//!
//! A low layer: plain strings in, byte ranges out; no ratatui and nothing
//! else from vflow (the ratatui adapter is `tui::wrap`).
//!
//! # Rules
//!
//! * **Hard breaks.** `\n`, `\r\n`, `\r` and the other mandatory breaks of
//!   UAX #14 (VT, FF, NEL, U+2028, U+2029) end a paragraph; as with
//!   [`str::lines`], a break at the very end of the text adds no empty line.
//! * **Break opportunities** come from the Unicode line breaking algorithm
//!   (UAX #14, the `unicode-linebreak` crate): between CJK characters, after
//!   spaces, never before closing punctuation (`，。；：、）」！？` …), never
//!   inside `300ms`, `100%`, `3.5`, `LOGIN_SMS`.
//! * **Tailorings** of UAX #14, in this order:
//!   1. *Number and unit stay together*: no break between a digit and a
//!      following unit, with or without spaces between them: `300 秒`,
//!      `300秒`, `60 s`, `5 days`, `10 %`. A unit is any CJK ideograph (a
//!      Chinese measure word: 秒, 次, 条, 位, 小时 …) or one of the English
//!      unit words in `UNITS` (case does not matter). Likewise `第 3`.
//!   2. *Words are primary, their insides secondary.* An opportunity after
//!      white space, or next to a wide (CJK) character, is primary. An
//!      opportunity between two narrow non-space characters (after the `/`
//!      and `?` of a URL, after the `-` of `X-device-fingerprint` or of a
//!      UUID) is secondary: a run of text between primary opportunities (a
//!      "word": a URL, a header value, a token, a JSON body) is kept whole
//!      and moved to the next line when it does not fit where it is.
//!   3. *A word wider than a whole line* breaks at secondary points: the
//!      UAX #14 ones inside it, plus after a run of `/ ? & , ; = : |`,
//!      after a `.` followed by a letter (`tenant.|example.com`, never
//!      `3.|5`), and before `{` or `[` (a nested JSON object or array; not
//!      right after `{`, `[` or a quote). Never at the very start of the
//!      word, never before white space or closing punctuation. `, ; & ?` and
//!      `{ [` separate items and are preferred over `/ : = | .` and the UAX
//!      #14 points, and a word boundary over both: where the line runs out
//!      inside such a word, it ends at the latest point of the best kind
//!      that keeps it at least half full (else at the last point that fits).
//!      So `…LOGIN_SMS&` rather than `…LOGIN_SMS&mobile=`, and
//!      `{"mobile":"13800138000",` rather than `…,"scene":`.
//!   4. *Short bracketed notes stay whole*: inside a pair of full-width
//!      brackets (`（…）`, `「…」`, `『…』`, `【…】`, `《…》`, `〈…〉`, `〔…〕`,
//!      `〖…〗`) whose content is at most `SHORT_NOTE` columns wide, such as
//!      `（必填）`, `（可选）` or `（HTTP 库添加）`, there is no break: the
//!      note moves to the next line whole rather than leaving `（必` at the end
//!      of one line and `填）` at the start of the next. A longer bracketed
//!      text, or a note wider than the line, breaks as any other. A full-width
//!      opening bracket glued to Latin text (`code（仅限模拟器）`) may start a
//!      line. Likewise a short code span in backticks (at most `SHORT_CODE`
//!      columns, `` `vflow serve --reveal-solutions` ``) is kept whole.
//!
//!      *4a. Paths and URLs* (a word with a `/`) break after a separator
//!      only: a segment between slashes that fits a line is not broken at its `-`
//!      or `.` (`…/reports/` then `vflow-report-2026-12-02T224010Z.txt`).
//!
//!      *4b. Short tokens stay with their neighbours*: a one-character key or
//!      variable stays with the word after it (`p solves`), and with up to
//!      two ideographs either side of it (`y 恒为 5`); an HTTP status stays
//!      with the error code after it (`400 IDAAS.SDK.PARAM.0001`).
//!   5. *Only when nothing fits* (a piece with no point left is wider than
//!      the line) it starts a line of its own and is broken between grapheme
//!      clusters, each line full (CSS `overflow-wrap: break-word`); never so
//!      that a line starts with closing punctuation when moving one
//!      character back avoids it.
//! * **Hanging indent.** A paragraph starting with leading spaces, a bullet
//!   (`• `, `◦ `, `▪ `, `‣ `, `· `, `- `, `* `, `+ `, `→ `) or a number
//!   (`1. `, `2) `, `(3) `) continues under its text, not under the bullet:
//!   continuation lines carry `indent` columns ([`LineRange::indent`]). The
//!   indent is dropped (0) when it would take more than half the width.
//! * **Spaces at a break** are dropped (they end no line and start none); a
//!   break never produces an empty line. Trailing spaces at the end of a
//!   paragraph are kept as far as they fit. Leading spaces wider than the
//!   line are dropped with the break that they cause.
//! * **Width.** Display columns as ratatui's buffer draws them: grapheme
//!   clusters measured with `unicode-width` (CJK and fullwidth forms are 2
//!   columns), control characters 0 (the buffer skips them). No line is wider
//!   than `width`, with one exception: a single grapheme wider than the room
//!   on a line (a CJK character when `width` is 1, or 2 or 3 with a 1-column
//!   indent) gets a line of its own, which overflows, rather than being lost
//!   (ratatui then clips it, as it would without wrapping). A `width` of 0 is
//!   treated as 1.
//!
//! Lines are filled greedily (first fit), as terminals and browsers do; the
//! look-back of rule 3 is the only exception.

/// The widest content of a bracketed note kept whole (tailoring 4), in columns.
const SHORT_NOTE: usize = 12;

use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One output line: the text `text[start..end]`, drawn after `indent` spaces.
///
/// Ranges are byte offsets into the text given to [`lines`], on `char`
/// (indeed grapheme) boundaries, in order and never overlapping; what lies
/// between two ranges is a hard break or white space dropped at a soft break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRange {
    /// Byte offset of the line's first character.
    pub start: usize,
    /// Byte offset just past the line's last character.
    pub end: usize,
    /// Columns of blank space before the text (a bullet's continuation).
    pub indent: usize,
    /// Display width of `text[start..end]`, without the indent.
    pub width: usize,
}

impl LineRange {
    /// The width of the line as drawn: the indent plus the text.
    pub fn columns(&self) -> usize {
        self.indent + self.width
    }
}

/// Wrap `text` to `width` columns: one string per output line, the hanging
/// indent written out as spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    lines(text, width)
        .into_iter()
        .map(|r| {
            let mut line = " ".repeat(r.indent);
            line.push_str(&text[r.start..r.end]);
            line
        })
        .collect()
}

/// How many lines `text` takes at `width` columns.
pub fn height(text: &str, width: usize) -> usize {
    lines(text, width).len()
}

/// Where `text` breaks at `width` columns: one [`LineRange`] per output line.
pub fn lines(text: &str, width: usize) -> Vec<LineRange> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut allowed = Vec::new();
    let mut start = 0;
    for (pos, kind) in linebreaks(text) {
        match kind {
            BreakOpportunity::Allowed => allowed.push(pos),
            BreakOpportunity::Mandatory => {
                if pos == start && pos == text.len() {
                    break; // the text ended with a hard break
                }
                let end = before_hard_break(text, start, pos);
                lay_out(text, start, end, &allowed, width, &mut out);
                allowed.clear();
                start = pos;
            }
        }
    }
    out
}

/// Display width of `s` in terminal columns (see the module's rules).
pub fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// The width of one grapheme cluster as ratatui's buffer draws it: control
/// characters are skipped; halfwidth katakana sound marks take a column of
/// their own (ratatui's terminal compatibility rule).
fn grapheme_width(g: &str) -> usize {
    if g.contains(char::is_control) {
        0
    } else if g.len() == 1 {
        1
    } else {
        g.width()
            + g.chars()
                .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
                .count()
    }
}

/// English words that are units when they follow a number (tailoring 1).
const UNITS: &[&str] = &[
    "s",
    "sec",
    "secs",
    "second",
    "seconds",
    "ms",
    "us",
    "µs",
    "μs",
    "ns",
    "m",
    "min",
    "mins",
    "minute",
    "minutes",
    "h",
    "hr",
    "hrs",
    "hour",
    "hours",
    "d",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "b",
    "byte",
    "bytes",
    "kb",
    "mb",
    "gb",
    "tb",
    "kib",
    "mib",
    "gib",
    "bit",
    "bits",
    "px",
    "char",
    "chars",
    "character",
    "characters",
    "digit",
    "digits",
    "time",
    "times",
    "attempt",
    "attempts",
    "try",
    "tries",
    "retry",
    "retries",
    "request",
    "requests",
    "req",
    "code",
    "codes",
    "sms",
    "message",
    "messages",
];

/// Priority of a break: higher is better (see the module's rule 3).
const PRIMARY: u8 = 3;
const ITEM: u8 = 2;
const INNER: u8 = 1;

/// A run of text placed as a unit: content `start..content_end`, then white
/// space up to `end` that is dropped when the line breaks after it.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    content_end: usize,
    end: usize,
    width: usize,
    space: usize,
    /// Priority of the break before this piece.
    prio: u8,
}

/// The end of a paragraph's text: `pos` without the hard break before it.
fn before_hard_break(text: &str, start: usize, pos: usize) -> usize {
    let body = text[start..pos].trim_end_matches(|c: char| {
        matches!(
            break_property(c as u32),
            BreakClass::Mandatory
                | BreakClass::CarriageReturn
                | BreakClass::LineFeed
                | BreakClass::NextLine
        )
    });
    start + body.len()
}

/// Lay out one paragraph `text[ps..pe]` (no hard break inside) into `out`.
fn lay_out(
    text: &str,
    ps: usize,
    pe: usize,
    allowed: &[usize],
    width: usize,
    out: &mut Vec<LineRange>,
) {
    if ps == pe {
        out.push(LineRange {
            start: ps,
            end: ps,
            indent: 0,
            width: 0,
        });
        return;
    }
    let (prefix_len, prefix_width) = hanging_prefix(&text[ps..pe]);
    let indent = if prefix_width * 2 <= width {
        prefix_width
    } else {
        0
    };
    let rest = width - indent;

    // Tailorings 1, 2 and 4: drop opportunities, sort the rest into word
    // boundaries and points inside words.
    let mut notes = short_notes(text, ps, pe);
    // A full-width opening bracket glued to Latin text (`code（仅限模拟器）`,
    // which UAX #14 keeps together) may start a line: CJK typesetting breaks
    // before an opening bracket.
    let mut allowed = allowed.to_vec();
    for &(a, _) in &notes {
        let after_text = text[..a]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace() && !is_opening(c));
        if a > ps
            && after_text
            && let Err(at) = allowed.binary_search(&a)
        {
            allowed.insert(at, a);
        }
    }
    notes.extend(code_spans(text, ps, pe));
    let notes: Vec<(usize, usize)> = notes
        .into_iter()
        .filter(|&(a, b)| {
            // The note with what UAX #14 glues to it (`JWT（…）、`) must fit a line:
            // one that cannot breaks as before rather than between graphemes.
            let left = allowed
                .iter()
                .rev()
                .find(|&&p| p <= a)
                .map_or(ps, |&p| p.max(ps));
            let right = allowed.iter().find(|&&p| p >= b).map_or(pe, |&p| p.min(pe));
            display_width(text[left..right].trim()) <= rest
        })
        .collect();
    let mut bounds = vec![ps];
    let mut inner = Vec::new();
    for &p in &allowed {
        if p <= ps + prefix_len
            || p >= pe
            || keeps_together(text, p)
            || notes.iter().any(|&(a, b)| a < p && p < b)
        {
            continue;
        }
        if is_primary(text, p) {
            bounds.push(p);
        } else {
            inner.push(p);
        }
    }
    bounds.push(pe);

    let mut pieces: Vec<Piece> = Vec::new();
    let mut word_start = ps;
    let mut inner_at = 0;
    for &b in &bounds[1..] {
        let a = word_start;
        let content_end = a + text[a..b].trim_end().len();
        if content_end == a {
            // White space alone (UAX #14 breaks after ` ` even before `\u{3000}`):
            // it trails the word before it, or leads the next one.
            if let Some(prev) = pieces.last_mut() {
                prev.end = b;
                prev.space += display_width(&text[a..b]);
                word_start = b;
                continue;
            }
            if b < pe {
                continue;
            }
        }
        word_start = b;
        let width_of = display_width(&text[a..content_end]);
        let space = display_width(&text[content_end..b]);
        while inner_at < inner.len() && inner[inner_at] <= a {
            inner_at += 1;
        }
        let first_inner = inner_at;
        while inner_at < inner.len() && inner[inner_at] < content_end {
            inner_at += 1;
        }
        if width_of > rest {
            split_word(
                text,
                rest,
                a,
                content_end,
                b,
                &inner[first_inner..inner_at],
                &mut pieces,
            );
        } else {
            pieces.push(Piece {
                start: a,
                content_end,
                end: b,
                width: width_of,
                space,
                prio: PRIMARY,
            });
        }
    }
    fill(text, &pieces, width, indent, out);
}

/// Rule 3: cut a word wider than a line at its secondary points.
fn split_word(
    text: &str,
    rest: usize,
    a: usize,
    content_end: usize,
    end: usize,
    uax14: &[usize],
    pieces: &mut Vec<Piece>,
) {
    let mut points: Vec<(usize, u8)> = uax14.iter().map(|&p| (p, INNER)).collect();
    sensible_points(text, a, content_end, &mut points);
    if text[a..content_end].contains('/') {
        // A path or URL: inside a segment that fits a line (a file name such
        // as `vflow-report-2026-12-02T224010Z.txt`), only after a separator.
        points.retain(|&(p, _)| {
            after_separator(&text[a..p]) || segment_width(text, a, content_end, p) > rest
        });
    }
    points.sort_unstable();
    // One point per position, with the best priority.
    points.dedup_by(|later, earlier| {
        if later.0 == earlier.0 {
            earlier.1 = earlier.1.max(later.1);
            true
        } else {
            false
        }
    });
    let mut start = a;
    let mut prio = PRIMARY;
    for (p, p_prio) in points.into_iter().chain(std::iter::once((content_end, 0))) {
        let piece_end = if p == content_end { end } else { p };
        // A point before `{` may follow a space (`{ {`, which UAX #14 keeps
        // together): the space goes with the break, as after a word.
        let piece_content_end = start + text[start..p].trim_end().len();
        if piece_content_end == start && p < content_end {
            continue; // only white space before the point: no line of its own
        }
        pieces.push(Piece {
            start,
            content_end: piece_content_end,
            end: piece_end,
            width: display_width(&text[start..piece_content_end]),
            space: display_width(&text[piece_content_end..piece_end]),
            prio,
        });
        start = p;
        prio = p_prio;
    }
}

/// The points of rule 3 in `text[a..content_end]` that UAX #14 does not give.
fn sensible_points(text: &str, a: usize, content_end: usize, points: &mut Vec<(usize, u8)>) {
    let word = &text[a..content_end];
    let mut seen_other = false;
    let mut prev: Option<char> = None;
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if (c == '{' || c == '[')
            && seen_other
            && prev.is_some_and(|p| !matches!(p, '{' | '[' | '"' | '\''))
        {
            points.push((a + i, ITEM));
        }
        if let Some(n) = next {
            let sep_prio = match c {
                ',' | ';' | '&' | '?' => Some(ITEM),
                '/' | ':' | '=' | '|' => Some(INNER),
                '.' if n.is_alphabetic() => Some(INNER),
                _ => None,
            };
            let run_goes_on = matches!(n, ',' | ';' | '&' | '?' | '/' | ':' | '=' | '|');
            if let Some(prio) = sep_prio
                && seen_other
                && !run_goes_on
                && can_start_line(n)
            {
                points.push((a + i + c.len_utf8(), prio));
            }
        }
        if !c.is_whitespace() && !matches!(c, ',' | ';' | '&' | '?' | '/' | ':' | '=' | '|' | '.') {
            seen_other = true;
        }
        prev = Some(c);
    }
}

/// Whether `s` ends with a separator of rule 3 (a break after it is kept in a path).
fn after_separator(s: &str) -> bool {
    s.ends_with(['/', '?', '&', ',', ';', '=', ':', '|'])
}

/// The width of the `/`-separated segment of `text[a..b]` around the point `p`
/// (with its closing `/`).
fn segment_width(text: &str, a: usize, b: usize, p: usize) -> usize {
    let from = text[a..p].rfind('/').map_or(a, |i| a + i + 1);
    let to = text[p..b].find('/').map_or(b, |i| p + i + 1);
    display_width(&text[from..to])
}

/// Opening punctuation: UAX #14 forbids a break after these.
fn is_opening(c: char) -> bool {
    matches!(
        break_property(c as u32),
        BreakClass::OpenPunctuation | BreakClass::Quotation
    )
}

/// Whether a line may start with `c` after a break inside a word.
fn can_start_line(c: char) -> bool {
    !c.is_whitespace() && !is_closing(c) && !is_joining(c)
}

/// Closing punctuation: UAX #14 forbids a break before these.
fn is_closing(c: char) -> bool {
    matches!(
        break_property(c as u32),
        BreakClass::ClosePunctuation
            | BreakClass::CloseParenthesis
            | BreakClass::Exclamation
            | BreakClass::InfixSeparator
            | BreakClass::NonStarter
    )
}

/// Characters that belong to the one before them (combining marks, joiners).
fn is_joining(c: char) -> bool {
    matches!(
        break_property(c as u32),
        BreakClass::CombiningMark | BreakClass::ZeroWidthJoiner | BreakClass::WordJoiner
    )
}

/// Tailoring 4: the byte ranges (from the opening bracket to just past the
/// closing one) of the short bracketed notes in `text[ps..pe]`.
fn short_notes(text: &str, ps: usize, pe: usize) -> Vec<(usize, usize)> {
    const PAIRS: [(char, char); 8] = [
        ('（', '）'),
        ('「', '」'),
        ('『', '』'),
        ('【', '】'),
        ('《', '》'),
        ('〈', '〉'),
        ('〔', '〕'),
        ('〖', '〗'),
    ];
    let para = &text[ps..pe];
    let mut out = Vec::new();
    for (i, c) in para.char_indices() {
        let Some(&(_, close)) = PAIRS.iter().find(|(open, _)| *open == c) else {
            continue;
        };
        let from = i + c.len_utf8();
        // The nearest closing bracket of the same kind, with no opening
        // bracket of that kind before it (a nested pair is not a short note).
        let Some(len) = para[from..].find([c, close]) else {
            continue;
        };
        let inside = &para[from..from + len];
        let end = from + len + close.len_utf8();
        if para[from + len..].starts_with(close)
            && !inside.trim().is_empty()
            && display_width(inside) <= SHORT_NOTE
        {
            out.push((ps + i, ps + end));
        }
    }
    out
}

/// Tailoring 4 for code: the byte ranges of the short `` `…` `` spans in
/// `text[ps..pe]` (a command such as `` `vflow serve --reveal-solutions` ``).
fn code_spans(text: &str, ps: usize, pe: usize) -> Vec<(usize, usize)> {
    let para = &text[ps..pe];
    let ticks: Vec<usize> = para.match_indices('`').map(|(i, _)| i).collect();
    ticks
        .chunks_exact(2)
        .filter(|pair| {
            let inside = &para[pair[0] + 1..pair[1]];
            !inside.trim().is_empty() && display_width(inside) <= SHORT_CODE
        })
        .map(|pair| (ps + pair[0], ps + pair[1] + 1))
        .collect()
}

/// Tailorings 1 and 6: a UAX #14 opportunity at `p` that must not break.
fn keeps_together(text: &str, p: usize) -> bool {
    let before = text[..p].trim_end_matches(' ');
    let after = &text[p..];
    let (Some(c1), Some(c2)) = (before.chars().next_back(), after.chars().next()) else {
        return false;
    };
    if is_digit(c1) {
        return is_unit(after) || (is_status(before) && is_error_code(after));
    }
    if c1 == '第' && is_digit(c2) {
        return true;
    }
    // A one-character key or variable stays with the word after it
    // (`p solves the puzzle`), and with the Chinese word either side of it
    // (`y 恒为 5`: up to two ideographs).
    let spaced = before.len() < p;
    if spaced && ends_with_lone_token(before) {
        return true;
    }
    if is_ideograph(c1) {
        let before1 = &before[..before.len() - c1.len_utf8()];
        if spaced && starts_with_lone_token(after) {
            return true;
        }
        if !spaced && is_ideograph(c2) {
            let after1 = after[c2.len_utf8()..].trim_start_matches(' ');
            let glued_right = after.len() - c2.len_utf8() > after1.len();
            let glued_left = before1.len() > before1.trim_end_matches(' ').len();
            return (glued_left && ends_with_lone_token(before1.trim_end_matches(' ')))
                || (glued_right && starts_with_lone_token(after1));
        }
    }
    false
}

/// The widest content of a `` `…` `` span kept whole, in columns.
const SHORT_CODE: usize = 48;

/// A lone ASCII letter or digit: what may come before or after it.
fn token_edge(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || is_ideograph(c) || is_opening(c) || is_closing(c))
}

/// Whether `s` ends with a one-character token (` p`, `y`).
fn ends_with_lone_token(s: &str) -> bool {
    let mut cs = s.chars().rev();
    cs.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && cs.next().is_none_or(|c| c.is_whitespace() || is_wide(c))
}

/// Whether `s` starts with a one-character token (`5`, `p 键`).
/// A digit before a unit (`5 次`) is not one: tailoring 1 keeps it with its unit.
fn starts_with_lone_token(s: &str) -> bool {
    let mut cs = s.chars();
    let Some(c) = cs.next().filter(char::is_ascii_alphanumeric) else {
        return false;
    };
    token_edge(cs.next()) && !(c.is_ascii_digit() && is_unit(s[1..].trim_start_matches(' ')))
}

/// Whether `s` ends with an HTTP status (`400`), a word of its own.
fn is_status(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3
        && matches!(b[b.len() - 3], b'1'..=b'5')
        && b[b.len() - 3..].iter().all(u8::is_ascii_digit)
        && (b.len() == 3 || !b[b.len() - 4].is_ascii_alphanumeric())
}

/// Whether `s` starts with an error code (`IDAAS.SDK.PARAM.0001`, `CAPTCHA_0006`).
fn is_error_code(s: &str) -> bool {
    let code = &s[..s.find(|c: char| c.is_whitespace()).unwrap_or(s.len())];
    let code = code.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
    code.len() >= 3
        && code.starts_with(|c: char| c.is_ascii_uppercase())
        && code.contains(['.', '_'])
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '_'))
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Whether `s` starts with a unit (tailoring 1).
fn is_unit(s: &str) -> bool {
    let Some(c) = s.chars().next() else {
        return false;
    };
    if is_ideograph(c) || matches!(c, '%' | '％' | '‰' | '℃' | '℉' | '°') {
        return true;
    }
    let word_len = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let word = &s[..word_len];
    !word.is_empty() && UNITS.iter().any(|u| u.eq_ignore_ascii_case(word))
}

/// CJK unified ideographs (with extension A, the compatibility block and
/// the supplementary planes' extensions).
fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Tailoring 2: whether the opportunity at `p` is primary.
fn is_primary(text: &str, p: usize) -> bool {
    let (Some(before), Some(after)) = (text[..p].chars().next_back(), text[p..].chars().next())
    else {
        return true;
    };
    before.is_whitespace() || before == '\u{200B}' || is_wide(before) || is_wide(after)
}

fn is_wide(c: char) -> bool {
    c.width().unwrap_or(0) >= 2
}

/// Leading spaces and a bullet or number, with the spaces after it: the
/// paragraph's continuation lines go under the text that follows. Returns
/// (bytes, columns); (0, 0) when there is none or nothing follows it.
fn hanging_prefix(para: &str) -> (usize, usize) {
    let lead = para.len() - para.trim_start_matches([' ', '\u{3000}']).len();
    let end = lead + marker_len(&para[lead..]);
    if end == 0 || para[end..].trim().is_empty() {
        return (0, 0);
    }
    (end, display_width(&para[..end]))
}

/// Bytes of a list marker at the start of `s` with the spaces after it; 0
/// when `s` does not start with one.
fn marker_len(s: &str) -> usize {
    let Some(first) = s.chars().next() else {
        return 0;
    };
    let marker = if matches!(first, '•' | '◦' | '▪' | '‣' | '·' | '-' | '*' | '+' | '→')
    {
        first.len_utf8()
    } else {
        let open = usize::from(first == '(');
        let digits = s[open..].bytes().take_while(u8::is_ascii_digit).count();
        let close = s[open + digits..].chars().next();
        let closed = if open == 1 {
            close == Some(')')
        } else {
            matches!(close, Some('.' | ')'))
        };
        if !(1..=3).contains(&digits) || !closed {
            return 0;
        }
        open + digits + 1
    };
    let spaces = s[marker..].len() - s[marker..].trim_start_matches(' ').len();
    if spaces == 0 { 0 } else { marker + spaces }
}

/// Greedy (first fit) filling of a paragraph's pieces into lines, with the
/// look-back of rule 3 and the grapheme breaking of rule 5.
fn fill(text: &str, pieces: &[Piece], width: usize, indent: usize, out: &mut Vec<LineRange>) {
    let rest = width - indent;
    let mut first = true;
    let mut i = 0;
    let mut fits_at: Vec<(usize, usize)> = Vec::new();
    while i < pieces.len() {
        let mut line_indent = if first { 0 } else { indent };
        let mut avail = if first { width } else { rest };
        let piece = pieces[i];
        let (mut start, mut used) = (piece.start, piece.width);
        if piece.width > avail {
            // Rule 5: nothing fits; every chunk but the last is a line.
            let chunks = graphemes_into_lines(text, piece.start, piece.content_end, avail, rest);
            let Some((&last, full)) = chunks.split_last() else {
                i += 1;
                continue;
            };
            for &(s, e, w) in full {
                out.push(LineRange {
                    start: s,
                    end: e,
                    indent: line_indent,
                    width: w,
                });
                (line_indent, avail) = (indent, rest);
            }
            (start, _, used) = last;
        }
        let mut space = piece.space;
        i += 1;
        fits_at.clear();
        while i < pieces.len() && used + space + pieces[i].width <= avail {
            fits_at.push((i, used));
            used += space + pieces[i].width;
            space = pieces[i].space;
            i += 1;
        }
        if i == pieces.len() {
            // The paragraph's end: its trailing spaces stay as far as they fit.
            let last = pieces[i - 1];
            let (end, w) = if used < avail {
                fit(text, last.content_end, last.end, avail - used)
            } else {
                (last.content_end, 0)
            };
            out.push(LineRange {
                start,
                end,
                indent: line_indent,
                width: used + w,
            });
            break;
        }
        // Break before piece i, or before an earlier piece of better priority
        // if the line stays at least half full.
        let (mut k, mut k_used) = (i, used);
        for &(j, j_used) in fits_at.iter().rev() {
            if pieces[j].prio > pieces[k].prio && j_used * 2 >= avail {
                (k, k_used) = (j, j_used);
            }
        }
        out.push(LineRange {
            start,
            end: pieces[k - 1].content_end,
            indent: line_indent,
            width: k_used,
        });
        i = k;
        first = false;
    }
}

/// Rule 5: break `text[a..b]` between grapheme clusters into (start, end,
/// width) chunks, the first at most `first` columns, the others `rest`. White
/// space at a break is dropped; a chunk does not start with closing
/// punctuation when moving one grapheme back avoids it; a grapheme wider than
/// the line gets a chunk of its own.
fn graphemes_into_lines(
    text: &str,
    a: usize,
    b: usize,
    first: usize,
    rest: usize,
) -> Vec<(usize, usize, usize)> {
    struct G {
        at: usize,
        width: usize,
        space: bool,
        closing: bool,
    }
    let gs: Vec<G> = text[a..b]
        .grapheme_indices(true)
        .map(|(i, g)| G {
            at: a + i,
            width: grapheme_width(g),
            space: g.chars().all(char::is_whitespace),
            closing: g.chars().next().is_some_and(is_closing),
        })
        .collect();
    let byte_at = |j: usize| gs.get(j).map_or(b, |g| g.at);
    let mut chunks = Vec::new();
    let mut avail = first;
    let mut j = 0;
    while j < gs.len() {
        if j > 0 {
            while j < gs.len() && gs[j].space {
                j += 1;
            }
            if j == gs.len() {
                break;
            }
        }
        let s = j;
        let mut w = gs[j].width;
        j += 1;
        while j < gs.len() && w + gs[j].width <= avail {
            w += gs[j].width;
            j += 1;
        }
        if j < gs.len() && gs[j].closing && j - s >= 2 && !gs[j - 1].closing {
            j -= 1;
            w -= gs[j].width;
        }
        let mut e = j;
        while e > s && gs[e - 1].space {
            e -= 1;
            w -= gs[e].width;
        }
        if e > s {
            chunks.push((gs[s].at, byte_at(e), w));
        }
        avail = rest;
    }
    chunks
}

/// The longest grapheme-boundary prefix of `text[a..b]` at most `room`
/// columns wide: (its end, its width).
fn fit(text: &str, a: usize, b: usize, room: usize) -> (usize, usize) {
    let mut used = 0;
    for (i, g) in text[a..b].grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > room {
            return (a + i, used);
        }
        used += w;
    }
    (b, used)
}

#[cfg(test)]
mod tests;

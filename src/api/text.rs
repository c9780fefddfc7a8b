//! The one sanitiser for text that came from the network (or from anything else not typed by
//! the person) before it is shown on a terminal: control characters and bidirectional
//! overrides are written visibly as `\u{1b}`, never emitted.
//!
//! What is escaped: C0 controls (U+0000-U+001F, including ESC and BEL), DEL (U+007F), C1
//! controls (U+0080-U+009F, the 8-bit CSI/OSC/ST among them), the bidi embeddings and
//! overrides U+202A-U+202E, the isolates U+2066-U+2069, and the marks U+200E, U+200F, U+061C.
//! [`visible`] escapes line feeds and tabs too (for one-line fields: a code, a header value);
//! [`visible_lines`] keeps them (for bodies and multi-line reports).
//!
//! `--json` output does not go through here: JSON escapes control characters itself and keeps
//! the exact strings.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as is.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

fn escape(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && !keep(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` with every unsafe character (line feed and tab included) written as `\u{..}`.
pub fn visible(s: &str) -> Cow<'_, str> {
    escape(s, |_| false)
}

/// Like [`visible`], but line feeds and tabs stay (a carriage return does not: it would let a
/// line overwrite what came before it).
pub fn visible_lines(s: &str) -> Cow<'_, str> {
    escape(s, |c| c == '\n' || c == '\t')
}

/// Serialised JSON made terminal-safe without changing what it means: serde_json escapes C0
/// controls but writes DEL, C1 controls and bidi characters raw; here they become `\uXXXX`
/// escapes (they can only occur inside string literals, where such an escape is the same
/// character), so the parsed strings stay exact.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    // line feeds and tabs outside strings are the pretty printer's whitespace
    let unsafe_in_json = |c: char| is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r' | ' ');
    if !json.chars().any(unsafe_in_json) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_in_json(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `value` as pretty JSON, terminal-safe ([`json_safe`]).
pub fn json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let s = serde_json::to_string_pretty(value).expect("JSON");
    json_safe(&s).into_owned()
}

/// Bytes from the network as text: invalid UTF-8 replaced (U+FFFD), then [`visible_lines`].
pub fn visible_bytes(b: &[u8]) -> String {
    visible_lines(&String::from_utf8_lossy(b)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_written_visibly() {
        assert_eq!(visible("X\u{1b}]0;pwned\u{7}"), "X\\u{1b}]0;pwned\\u{7}");
        assert_eq!(visible("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(visible("a\u{9b}2Jb\u{9d}"), "a\\u{9b}2Jb\\u{9d}");
        assert_eq!(visible("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(visible("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
        assert_eq!(visible("a\u{7f}b\0"), "a\\u{7f}b\\u{0}");
        assert_eq!(visible("l1\nl2\tx\r"), "l1\\u{a}l2\\u{9}x\\u{d}");
        assert_eq!(visible_lines("l1\nl2\tx\ry"), "l1\nl2\tx\\u{d}y");
    }

    #[test]
    fn json_stays_exact_and_becomes_terminal_safe() {
        let s = "X\u{1b}]0;t\u{7}\u{9b}2J\u{202e}x\u{7f}";
        let v = serde_json::json!({ "code": s, "n": 1 });
        let out = json_pretty(&v);
        assert!(!out.chars().any(|c| is_unsafe(c) && c != '\n'), "{out}");
        assert!(out.contains("\\u202e"), "{out}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["code"], s);
    }

    #[test]
    fn clean_text_is_borrowed_and_unchanged() {
        for s in ["IDAAS.SDK.PARAM.0001", "请求头缺失", "émoji 🙂", ""] {
            assert!(matches!(visible(s), Cow::Borrowed(x) if x == s));
        }
    }

    #[test]
    fn nothing_unsafe_survives() {
        let all: String = (0u32..0x2100).filter_map(char::from_u32).collect();
        assert!(!visible(&all).chars().any(is_unsafe));
        assert!(
            !visible_lines(&all)
                .chars()
                .any(|c| is_unsafe(c) && c != '\n' && c != '\t')
        );
    }
}

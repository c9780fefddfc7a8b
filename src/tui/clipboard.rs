//! Copying through the terminal: the OSC 52 sequence, wrapped for tmux or GNU
//! screen when vflow runs inside one (both drop or swallow a bare OSC 52 unless
//! configured for it).
//!
//! No terminal answers an OSC 52, so a copy is never confirmed; inside a
//! multiplexer it depends on its settings, which the notice says.

use crossterm::Command;
use crossterm::clipboard::CopyToClipboard;

/// The terminal multiplexer vflow runs in, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mux {
    None,
    /// `TMUX` is set.
    Tmux,
    /// `STY` is set (GNU screen).
    Screen,
}

impl Mux {
    /// From the environment (`var` looks a variable up: `std::env::var` at run time).
    pub fn detect(var: impl Fn(&str) -> Option<String>) -> Mux {
        let set = |k: &str| var(k).is_some_and(|v| !v.is_empty());
        if set("TMUX") {
            Mux::Tmux
        } else if set("STY") {
            Mux::Screen
        } else {
            Mux::None
        }
    }

    /// The multiplexer in this process's environment.
    pub fn from_env() -> Mux {
        Mux::detect(|k| std::env::var(k).ok())
    }
}

/// The bare OSC 52 sequence (`ESC ] 52 ; c ; base64 ESC \`), as crossterm writes it.
pub fn osc52(text: &str) -> String {
    let mut s = String::new();
    // writing to a String cannot fail
    let _ = CopyToClipboard::to_clipboard_from(text).write_ansi(&mut s);
    s
}

/// GNU screen cuts a DCS string at 768 bytes: its passthrough goes in pieces.
const SCREEN_CHUNK: usize = 76;

/// The bytes to write to the terminal to copy `text` when running in `mux`.
///
/// - tmux: the bare sequence first (tmux with `set-clipboard on` keeps it in its
///   buffer and passes it on), then the same in a passthrough
///   (`ESC P tmux; …doubled ESCs… ESC \`) that reaches the outer terminal when
///   `allow-passthrough` is on.
/// - screen: the sequence (ended by BEL, as an ST would end screen's own DCS)
///   in `ESC P … ESC \` pieces of at most 76 bytes.
pub fn sequence(text: &str, mux: Mux) -> Vec<u8> {
    let bare = osc52(text);
    match mux {
        Mux::None => bare.into_bytes(),
        Mux::Tmux => {
            let mut out = bare.clone();
            out.push_str("\x1bPtmux;");
            out.push_str(&bare.replace('\x1b', "\x1b\x1b"));
            out.push_str("\x1b\\");
            out.into_bytes()
        }
        Mux::Screen => {
            let inner = match bare.strip_suffix("\x1b\\") {
                Some(body) => format!("{body}\x07"),
                None => bare,
            };
            let mut out = String::new();
            // the sequence is ASCII (ESC, digits, base64, BEL): byte chunks are char chunks
            for piece in inner.as_bytes().chunks(SCREEN_CHUNK) {
                out.push_str("\x1bP");
                out.push_str(std::str::from_utf8(piece).unwrap_or_default());
                out.push_str("\x1b\\");
            }
            out.into_bytes()
        }
    }
}

/// What the notice says after `what` was copied in `mux`.
pub fn copied_notice(what: &str, mux: Mux, lang: crate::api::Lang) -> String {
    use crate::t;
    match mux {
        Mux::None => t!(lang, "tui-runtime-copied-osc52", what = what),
        Mux::Tmux => t!(lang, "tui-runtime-copied-tmux", what = what),
        Mux::Screen => t!(lang, "tui-runtime-copied-screen", what = what),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let v: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| v.iter().find(|(a, _)| a == k).map(|(_, b)| b.clone())
    }

    #[test]
    fn tmux_and_screen_are_detected_from_the_environment() {
        assert_eq!(Mux::detect(env(&[])), Mux::None);
        assert_eq!(
            Mux::detect(env(&[("TMUX", "/tmp/tmux-1000/default,123,0")])),
            Mux::Tmux
        );
        assert_eq!(Mux::detect(env(&[("STY", "4242.pts-0.host")])), Mux::Screen);
        assert_eq!(Mux::detect(env(&[("TMUX", "")])), Mux::None);
        // screen inside tmux: the inner one (tmux) gets the passthrough
        assert_eq!(
            Mux::detect(env(&[("STY", "1.x"), ("TMUX", "/t,1,0")])),
            Mux::Tmux
        );
    }

    #[test]
    fn the_bare_sequence_is_osc_52_with_base64() {
        let b64 = base64::engine::general_purpose::STANDARD.encode("curl -X POST");
        assert_eq!(
            sequence("curl -X POST", Mux::None),
            format!("\x1b]52;c;{b64}\x1b\\").into_bytes()
        );
    }

    #[test]
    fn tmux_gets_the_bare_sequence_and_a_passthrough_with_doubled_escapes() {
        let b64 = base64::engine::general_purpose::STANDARD.encode("hi");
        let bare = format!("\x1b]52;c;{b64}\x1b\\");
        let want = format!("{bare}\x1bPtmux;\x1b\x1b]52;c;{b64}\x1b\x1b\\\x1b\\");
        assert_eq!(String::from_utf8(sequence("hi", Mux::Tmux)).unwrap(), want);
    }

    #[test]
    fn screen_gets_dcs_pieces_of_at_most_76_bytes_ending_in_bel() {
        let text = "x".repeat(300);
        let out = String::from_utf8(sequence(&text, Mux::Screen)).unwrap();
        let pieces: Vec<&str> = out
            .split("\x1bP")
            .filter(|p| !p.is_empty())
            .map(|p| p.strip_suffix("\x1b\\").expect("each piece ends with ST"))
            .collect();
        assert!(pieces.len() > 1, "{out:?}");
        assert!(pieces.iter().all(|p| p.len() <= SCREEN_CHUNK));
        let joined: String = pieces.concat();
        let b64 = base64::engine::general_purpose::STANDARD.encode(&text);
        assert_eq!(joined, format!("\x1b]52;c;{b64}\x07"));
    }

    #[test]
    fn the_notice_says_when_delivery_cannot_be_confirmed() {
        use crate::api::Lang;
        assert!(copied_notice("curl command", Mux::Tmux, Lang::En).contains("cannot be confirmed"));
        assert!(
            copied_notice("curl command", Mux::Screen, Lang::En).contains("cannot be confirmed")
        );
        assert!(copied_notice("curl command", Mux::None, Lang::En).contains("do not confirm"));
        let zh = copied_notice("curl 命令", Mux::None, Lang::Zh);
        assert!(zh.contains("剪贴板") && zh.contains("curl 命令"), "{zh}");
    }
}

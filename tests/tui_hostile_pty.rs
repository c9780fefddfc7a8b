//! End to end: the TUI in a pseudo-terminal against an evil loopback server whose answer is
//! full of escape sequences (OSC window title, BEL, CSI colour and clear-screen, C1 CSI, bidi
//! override and isolate) in the error code, the message, a header and the body. The panes show
//! them as text; none reaches the terminal; the terminal is restored on quit.

mod pty_support;

use pty_support::PtyCommand;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

const EVIL: &str = "X\u{1b}]0;pwned\u{7}\u{1b}[31mred\u{1b}[2J\u{9b}2J\u{202e}txt.exe\u{2066}i";

/// What the terminal was asked to do besides drawing.
#[derive(Default)]
struct Seen {
    titles: Vec<Vec<u8>>,
    bells: usize,
}

impl vt100::Callbacks for Seen {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
}

/// Answers each of its next `n` connections with `response` (after reading the request head).
fn evil_server(response: Vec<u8>, n: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for _ in 0..n {
            let Ok((mut s, _)) = listener.accept() else {
                return;
            };
            let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
            let mut got = Vec::new();
            let mut buf = [0u8; 8192];
            while let Ok(k) = s.read(&mut buf) {
                if k == 0 {
                    break;
                }
                got.extend_from_slice(&buf[..k]);
                if let Some(end) = got.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&got[..end]).to_ascii_lowercase();
                    let len = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(0);
                    if got.len() >= end + 4 + len {
                        break;
                    }
                }
            }
            let _ = s.write_all(&response);
        }
    });
    format!("http://{addr}")
}

#[test]
fn escape_sequences_from_a_server_render_as_text_and_leave_the_terminal_intact() {
    let body =
        serde_json::to_vec(&serde_json::json!({"error_code": EVIL, "error_msg": EVIL})).unwrap();
    let mut resp = format!(
        "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nx-evil: a\u{9b}31m\u{202e}b\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    resp.extend_from_slice(&body);
    let target = evil_server(resp, 8);
    let mut t = PtyCommand::new(40, 120)
        .env("NO_PROXY", "*")
        .args(&["--target", &target])
        .spawn_with(Seen::default());
    t.wait_for("Step 1 of 4");
    t.send(b"abc---{\"x\":120.0,\"y\":5.0}\r"); // a pass token of the right shape
    t.wait_for("Step 2 of 4");
    t.send(b"\r"); // LOGIN_SMS
    t.wait_for("Step 3 of 4");
    t.send(b"13800138000\r");
    t.wait_for("Likely to fail");
    t.send(b"\r"); // send
    // the code is the explanation's headline, shown as text
    t.wait_for("X\\u{1b}]0;pwned\\u{7}");
    let screen = t.screen();
    assert!(screen.contains("\\u{202e}txt.exe"), "{screen}");
    assert!(screen.contains("\\u{9b}2J"), "{screen}");
    // every field shows them: the response pane's header, and the headline and the quoted
    // message (ratatui alone drops control characters silently: "X]0;pwned[31mred")
    assert!(screen.contains("x-evil: a\\u{9b}31m\\u{202e}b"), "{screen}");
    assert!(!screen.contains("X]0;pwned"), "{screen}");
    assert!(screen.contains("“X\\u{1b}]0;pwned"), "{screen}");
    // nothing the server sent was obeyed: no title, no bell, the screen was not cleared
    {
        let term = t.lock();
        let seen = term.parser.callbacks();
        assert!(seen.titles.is_empty(), "{:?}", seen.titles);
        assert_eq!(seen.bells, 0);
    }
    // and none of its sequences is in the bytes written to the terminal
    {
        let term = t.lock();
        let raw = &term.raw;
        for needle in [
            &b"\x1b]0;pwned"[..],
            "\u{9b}".as_bytes(),
            "\u{202e}".as_bytes(),
            "\u{2066}".as_bytes(),
            b"\x1b[31mred",
        ] {
            assert!(
                !raw.windows(needle.len()).any(|w| w == needle),
                "{needle:?} reached the terminal"
            );
        }
    }
    t.send(b"\x03"); // Ctrl+C
    let st = t.wait_exit();
    assert!(st.success(), "exit status {st:?}");
    let term = t.lock();
    let s = term.parser.screen();
    assert!(!s.alternate_screen(), "left the alternate screen");
    assert!(!s.hide_cursor(), "cursor visible again");
    assert_eq!(
        s.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse capture switched off"
    );
}

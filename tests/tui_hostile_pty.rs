//! End to end: the TUI in a pseudo-terminal against an evil loopback server whose answer is
//! full of escape sequences (OSC window title, BEL, CSI colour and clear-screen, C1 CSI, bidi
//! override and isolate) in the error code, the message, a header and the body. The panes show
//! them as text; none reaches the terminal; the terminal is restored on quit.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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

struct Pty {
    parser: Arc<Mutex<vt100::Parser<Seen>>>,
    /// Every byte the program wrote to the terminal.
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    home: std::path::PathBuf,
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

impl Pty {
    fn spawn(args: &[&str]) -> Pty {
        let home = std::env::temp_dir().join(format!("vflow-pty-hostile-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&home);
        std::fs::create_dir_all(&home).unwrap();
        let (rows, cols) = (40u16, 120u16);
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_vflow"));
        cmd.args(args);
        cmd.env("HOME", &home);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_PROXY", "*");
        cmd.env_remove("NO_COLOR");
        for (k, _) in std::env::vars() {
            if k.starts_with("VFLOW_") {
                cmd.env_remove(k);
            }
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
            Seen::default(),
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let _master = pair.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Pty {
            parser,
            raw,
            writer,
            child,
            home,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// Wait until the screen shows `text` (a failure after 15 s, not a speed bound).
    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while !self.screen().contains(text) {
            assert!(
                Instant::now() < deadline,
                "screen never showed {text:?}:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100)); // the last bytes
                return st;
            }
            assert!(
                Instant::now() < deadline,
                "vflow did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
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
    let mut t = Pty::spawn(&["--target", &target]);
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
        let p = t.parser.lock().unwrap();
        assert!(
            p.callbacks().titles.is_empty(),
            "{:?}",
            p.callbacks().titles
        );
        assert_eq!(p.callbacks().bells, 0);
    }
    // and none of its sequences is in the bytes written to the terminal
    {
        let raw = t.raw.lock().unwrap();
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
    let p = t.parser.lock().unwrap();
    let s = p.screen();
    assert!(!s.alternate_screen(), "left the alternate screen");
    assert!(!s.hide_cursor(), "cursor visible again");
    assert_eq!(
        s.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse capture switched off"
    );
}

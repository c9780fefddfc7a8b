//! `vflow captcha solve` in a pseudo-terminal, as a person uses it: the
//! puzzle drawn inline, the arrow keys move the piece, Enter verifies; the
//! terminal leaves raw mode on every way out (success, Esc).

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use vflow::sim::SimHandle;
use vflow::tui::fixtures::{simulator, simulator_with};

struct Session {
    out: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Arc<Mutex<Box<dyn MasterPty + Send>>>,
}

impl Session {
    fn start(sim: &SimHandle, sender: &str) -> Session {
        let base = sim.base_url();
        Session::spawn(&["--target", &base, "captcha", "solve", "--sender", sender])
    }

    fn spawn(args: &[&str]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let config =
            std::env::temp_dir().join(format!("vflow-solve-pty-{}.toml", std::process::id()));
        std::fs::write(&config, "").unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_vflow"));
        for (k, _) in std::env::vars() {
            if k.starts_with("VFLOW_") {
                cmd.env_remove(k);
            }
        }
        cmd.env("VFLOW_CONFIG", &config);
        cmd.env("NO_PROXY", "*");
        cmd.env("TERM", "xterm-256color");
        cmd.args(args);
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let out = Arc::new(Mutex::new(Vec::new()));
        let o = out.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                o.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            out,
            writer,
            child,
            master: Arc::new(Mutex::new(pair.master)),
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.out.lock().unwrap()).into_owned()
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// Wait until the output contains `text` (a failure after 15 s, not a speed bound).
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let t = self.text();
            if t.contains(text) {
                return t;
            }
            assert!(Instant::now() < deadline, "never saw {text:?} in:\n{t}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100)); // let the reader drain
                return st.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("vflow did not exit:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal is in canonical (cooked) mode with echo.
    fn cooked(&self) -> bool {
        let t = self.master.lock().unwrap().get_termios().expect("termios");
        let flags = format!("{:?}", t.local_flags);
        flags.contains("ICANON") && flags.contains("ECHO")
    }

    fn assert_cooked(&self) {
        assert!(self.cooked(), "raw mode left on");
    }

    /// The puzzle's token, from the `captcha` step line.
    fn token(&self) -> String {
        let t = self.wait_for("x =   0 of 0-263");
        let at = t.find("token ").expect("the captcha step line") + "token ".len();
        t[at..at + 32].to_string()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arrow_keys_slide_to_the_hole_and_enter_prints_the_pass_token() {
    let sim = simulator(false).await;
    tokio::task::block_in_place(|| {
        let mut s = Session::start(&sim, "13800138020");
        let token = s.token();
        let x = sim.solution(&token).expect("revealed").x;
        assert!(
            s.text().contains('▀'),
            "the picture is drawn with half-blocks"
        );
        assert!(!s.cooked(), "raw mode while sliding");
        for _ in 0..x / 10 {
            s.send(b"\x1b[6~"); // PgDn: 10 px
        }
        for _ in 0..x % 10 {
            s.send(b"\x1b[C"); // →: 1 px
        }
        s.wait_for(&format!("x = {x:>3} of 0-263"));
        s.send(b"\r");
        assert_eq!(s.wait_exit(), 0, "{}", s.text());
        let out = s.text();
        assert!(
            out.contains(&format!("{token}---{{\"x\":{x}.0,\"y\":5.0}}")),
            "the pass token is printed: {out}"
        );
        s.assert_cooked();
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn esc_cancels_with_130_and_restores_the_terminal() {
    let sim = simulator(false).await;
    tokio::task::block_in_place(|| {
        let mut s = Session::start(&sim, "13800138021");
        s.token();
        s.send(b"\x1b[C\x1b[C"); // two steps right, then Esc on its own
        s.wait_for("x =   2 of 0-263");
        s.send(b"\x1b");
        assert_eq!(s.wait_exit(), 130, "{}", s.text());
        assert!(s.text().contains("cancelled"));
        s.assert_cooked();
    });
}

// ---- issue 15, item 7: `vflow flow --target` a tenant without reveal -----------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flow_without_reveal_offers_the_puzzle_inline_and_a_new_one_after_a_miss() {
    let sim = simulator_with(false, false).await;
    tokio::task::block_in_place(|| {
        let base = sim.base_url();
        let mut s = Session::spawn(&[
            "--target",
            &base,
            "flow",
            "--scene",
            "LOGIN_SMS",
            "--mobile",
            "13800138030",
        ]);
        s.wait_for("does not reveal captcha solutions: slide the piece into the hole");
        s.wait_for("x =   0 of 0-263");
        assert!(s.text().contains('▀'), "the puzzle is drawn inline");
        assert!(!s.cooked(), "raw mode while sliding");
        // x = 0 is never the hole (X_MIN > TOLERANCE): a miss, then a new puzzle
        s.send(b"\r");
        s.wait_for("missed at x = 0: a new puzzle (attempt 2 of 5)");
        // the new puzzle is drawn after the miss
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let t = s.text();
            let after = &t[t.find("missed at x = 0").unwrap()..];
            if after.contains("x =   0 of 0-263") {
                break;
            }
            assert!(Instant::now() < deadline, "no second puzzle:\n{t}");
            std::thread::sleep(Duration::from_millis(20));
        }
        s.send(b"\x1b");
        assert_eq!(s.wait_exit(), 130, "{}", s.text());
        assert!(s.text().contains("cancelled"));
        s.assert_cooked();
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flow_without_reveal_and_without_a_terminal_keeps_exit_2() {
    let sim = simulator_with(false, false).await;
    let base = sim.base_url();
    let out = tokio::task::spawn_blocking(move || {
        let config =
            std::env::temp_dir().join(format!("vflow-flow-piped-{}.toml", std::process::id()));
        std::fs::write(&config, "").unwrap();
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_vflow"));
        for (k, _) in std::env::vars() {
            if k.starts_with("VFLOW_") {
                cmd.env_remove(k);
            }
        }
        cmd.env("VFLOW_CONFIG", &config)
            .env("NO_PROXY", "*")
            .args(["--target", &base, "flow", "--mobile", "13800138031"])
            .stdin(std::process::Stdio::piped())
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("does not reveal captcha solutions"), "{err}");
    assert!(err.contains("no terminal to solve the puzzle on"), "{err}");
}

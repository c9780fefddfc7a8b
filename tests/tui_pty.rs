//! End to end: the built binary in a pseudo-terminal, driven with keystrokes,
//! its screen read back through a terminal emulator (vt100).

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _home: tempdir::TempHome,
}

mod tempdir {
    /// A throw-away HOME, so history, logs and reports never touch the real one.
    pub struct TempHome(pub std::path::PathBuf);
    impl TempHome {
        pub fn new(tag: &str) -> TempHome {
            let p = std::env::temp_dir().join(format!("vflow-pty-{tag}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&p);
            std::fs::create_dir_all(&p).unwrap();
            TempHome(p)
        }
    }
    impl Drop for TempHome {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

impl Pty {
    fn spawn(tag: &str, rows: u16, cols: u16, args: &[&str]) -> Pty {
        Self::spawn_env(tag, rows, cols, args, &[])
    }

    fn spawn_env(tag: &str, rows: u16, cols: u16, args: &[&str], env: &[(&str, &str)]) -> Pty {
        let home = tempdir::TempHome::new(tag);
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
        cmd.env("HOME", &home.0);
        cmd.env("XDG_DATA_HOME", home.0.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.0.join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, _) in std::env::vars() {
            if k.starts_with("VFLOW_") {
                cmd.env_remove(k);
            }
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let p = parser.clone();
        std::thread::spawn(move || {
            let _master = pair.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Pty {
            parser,
            writer,
            child,
            _home: home,
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
        loop {
            if self.screen().contains(text) {
                return;
            }
            if Instant::now() > deadline {
                panic!("screen never showed {text:?}:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                // let the reader drain the last bytes
                std::thread::sleep(Duration::from_millis(100));
                return st;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("vflow did not exit:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn assert_restored(&self) {
        let p = self.parser.lock().unwrap();
        let s = p.screen();
        assert!(!s.alternate_screen(), "left the alternate screen");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture switched off"
        );
        assert!(!s.hide_cursor(), "cursor visible again");
    }
}

#[test]
fn walks_the_flow_to_a_login_and_restores_the_terminal() {
    let mut t = Pty::spawn("flow", 24, 80, &[]);
    t.wait_for("SIMULATOR 127.0.0.1:");
    t.wait_for("Step 1 of 4");
    assert!(t.parser.lock().unwrap().screen().alternate_screen());
    t.send(b"\x07"); // Ctrl+G: get a token (asks for the mobile first)
    t.wait_for("Step 3 of 4: Mobile");
    t.send(b"13800138000\r");
    t.wait_for("Step 2 of 4: Scene");
    t.send(b"\r"); // LOGIN_SMS; the mobile is known, so straight to review
    t.wait_for("no problems found");
    t.send(b"\r"); // send
    t.wait_for("Delivered code:");
    t.send(b"l");
    t.wait_for("Logged in: the code was accepted");
    t.send(b"q");
    let st = t.wait_exit();
    assert!(st.success(), "exit status {st:?}");
    t.assert_restored();
}

/// `LANG=zh_CN.UTF-8` and no `--ui-lang`: the whole walk reads in Chinese,
/// from the token step's plain words to the result's panes and the help.
#[test]
fn a_chinese_locale_walks_the_flow_in_chinese() {
    let mut t = Pty::spawn_env(
        "zh",
        40,
        160,
        &[],
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", ""), ("LC_MESSAGES", "")],
    );
    t.wait_for("第 1 步（共 4 步）");
    t.wait_for("通过令牌证明有人解开了验证码");
    t.wait_for("三种获取方式");
    t.wait_for("Enter 下一步");
    t.send(b"\x07"); // Ctrl+G: get a token (asks for the mobile first)
    t.wait_for("第 3 步（共 4 步）");
    t.send(b"13800138000\r");
    t.wait_for("第 2 步（共 4 步）");
    t.send(b"\r");
    t.wait_for("未发现问题");
    t.send(b"\r"); // send
    t.wait_for("收到的验证码");
    t.wait_for("含义");
    let screen = t.screen();
    for zh in [
        "请求（按发送原样）",
        "响应：",
        "解释",
        "怎么办",
        "用验证码登录",
    ] {
        assert!(screen.contains(zh), "{zh} on\n{screen}");
    }
    for en in [
        "What it means",
        "In this request",
        "What to do",
        "Request",
        "Response",
        "Explanation",
        "Step",
        " help",
    ] {
        assert!(!screen.contains(en), "{en:?} on\n{screen}");
    }
    t.send(b"?");
    t.wait_for("任何页面");
    let screen = t.screen();
    for en in [
        "This screen",
        "Everywhere",
        "closes this help",
        "quit (always)",
    ] {
        assert!(!screen.contains(en), "{en:?} on\n{screen}");
    }
    t.send(b"\x1b");
    t.send(b"\x03"); // Ctrl+C
    let st = t.wait_exit();
    assert!(st.success(), "exit status {st:?}");
    t.assert_restored();
}

#[test]
fn an_error_path_then_ctrl_c_restores_the_terminal() {
    let mut t = Pty::spawn("error", 40, 120, &[]);
    t.wait_for("Step 1 of 4");
    t.send(b"not-a-token");
    t.wait_for("no \"---\" separator");
    t.send(b"\r\r13800138000\r");
    t.wait_for("Likely to fail");
    t.send(b"\r");
    t.wait_for("IDAAS.SDK.CAPTCHA.0004");
    t.send(b"\x03"); // Ctrl+C
    let st = t.wait_exit();
    assert!(st.success(), "exit status {st:?}");
    t.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut t = Pty::spawn("term", 24, 80, &[]);
    t.wait_for("Step 1 of 4");
    let pid = t.child.process_id().expect("pid") as i32;
    // SAFETY: sending a signal to our own child process.
    let rc = unsafe { libc::kill(pid, libc::SIGTERM) };
    assert_eq!(rc, 0, "SIGTERM delivered");
    t.wait_exit();
    t.assert_restored();
}

#[test]
fn a_panic_restores_the_terminal_and_prints_the_message_after() {
    let mut t = Pty::spawn_env(
        "panic",
        24,
        80,
        &[],
        &[("VFLOW_TEST_PANIC_KEY", "~"), ("RUST_BACKTRACE", "0")],
    );
    t.wait_for("Step 1 of 4");
    t.send(b"~");
    let st = t.wait_exit();
    assert!(!st.success(), "a panic is a failure exit");
    t.assert_restored();
    let screen = t.screen();
    assert!(
        screen.contains("test panic requested"),
        "the panic message is readable on the normal screen:\n{screen}"
    );
}

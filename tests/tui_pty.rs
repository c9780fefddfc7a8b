//! End to end: the built binary in a pseudo-terminal, driven with keystrokes,
//! its screen read back through a terminal emulator (vt100).

mod pty_support;

use pty_support::{Pty, PtyCommand};

/// The terminal is as the program found it: main screen, no mouse capture, cursor shown.
fn assert_restored(t: &Pty) {
    let term = t.lock();
    let s = term.parser.screen();
    assert!(!s.alternate_screen(), "left the alternate screen");
    assert_eq!(
        s.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse capture switched off"
    );
    assert!(!s.hide_cursor(), "cursor visible again");
}

#[test]
fn walks_the_flow_to_a_login_and_restores_the_terminal() {
    let mut t = PtyCommand::new(24, 80).spawn();
    t.wait_for("SIMULATOR 127.0.0.1:");
    t.wait_for("Step 1 of 4");
    assert!(t.lock().parser.screen().alternate_screen());
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
    assert_restored(&t);
}

/// `LANG=zh_CN.UTF-8` and no `--ui-lang`: the whole walk reads in Chinese,
/// from the token step's plain words to the result's panes and the help.
#[test]
fn a_chinese_locale_walks_the_flow_in_chinese() {
    let mut t = PtyCommand::new(40, 160)
        .envs(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", ""), ("LC_MESSAGES", "")])
        .spawn();
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
    assert_restored(&t);
}

#[test]
fn an_error_path_then_ctrl_c_restores_the_terminal() {
    let mut t = PtyCommand::new(40, 120).spawn();
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
    assert_restored(&t);
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut t = PtyCommand::new(24, 80).spawn();
    t.wait_for("Step 1 of 4");
    let pid = t.pid() as i32;
    // SAFETY: sending a signal to our own child process.
    let rc = unsafe { libc::kill(pid, libc::SIGTERM) };
    assert_eq!(rc, 0, "SIGTERM delivered");
    t.wait_exit();
    assert_restored(&t);
}

/// The first frame goes up before the update loop's handlers are in (the async runtime is built
/// after it): a SIGTERM that comes as the terminal is taken over waits for them and quits
/// through the loop, so the exit is a clean one and the terminal is restored.
#[test]
fn sigterm_as_the_terminal_is_taken_over_quits_through_the_loop() {
    for _ in 0..5 {
        let mut t = PtyCommand::new(24, 80).spawn();
        t.wait_until("the alternate screen", |term| {
            term.parser.screen().alternate_screen()
        });
        // SAFETY: sending a signal to our own child process.
        let rc = unsafe { libc::kill(t.pid() as i32, libc::SIGTERM) };
        assert_eq!(rc, 0, "SIGTERM delivered");
        let st = t.wait_exit();
        assert!(
            st.success(),
            "quit through the update loop, not killed: {st:?}"
        );
        assert_restored(&t);
    }
}

#[test]
fn a_panic_restores_the_terminal_and_prints_the_message_after() {
    let mut t = PtyCommand::new(24, 80)
        .env("VFLOW_TEST_PANIC_KEY", "~")
        .env("RUST_BACKTRACE", "0")
        .spawn();
    t.wait_for("Step 1 of 4");
    t.send(b"~");
    let st = t.wait_exit();
    assert!(!st.success(), "a panic is a failure exit");
    assert_restored(&t);
    let screen = t.screen();
    assert!(
        screen.contains("test panic requested"),
        "the panic message is readable on the normal screen:\n{screen}"
    );
}

#[test]
fn the_harness_knows_a_frame_end_from_a_frame_cut_short() {
    use pty_support::frame_end;
    // whole frames: cursor hidden; cursor shown and placed; a picture painted after the frame
    assert!(frame_end(b"\x1b[1;1Hab\x1b[0m\x1b[?25l"));
    assert!(frame_end(b"\x1b[3;4Hab\x1b[0m\x1b[?25h\x1b[12;40H"));
    assert!(frame_end(b"\x1b[?25l\x1b7\x1b_Ga=p\x1b\\\x1b8"));
    // cut short: in the diff, or in the next frame after a shown cursor
    assert!(!frame_end(b"\x1b[?25l\x1b[2;1Hab"));
    assert!(!frame_end(b"\x1b[?25h\x1b[12;40H\x1b[2;1H"));
    assert!(!frame_end(b"\x1b[?25h\x1b[12;40Hx"));
    assert!(!frame_end(b"\x1b[?25h\x1b[12;"));
    assert!(!frame_end(b""));
}

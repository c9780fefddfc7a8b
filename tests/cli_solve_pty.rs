//! `vflow captcha solve` in a pseudo-terminal, as a person uses it: the
//! puzzle drawn inline, the arrow keys move the piece, Enter verifies; the
//! terminal leaves raw mode on every way out (success, Esc).

mod pty_support;

use pty_support::{Pty, PtyCommand};
use vflow::sim::SimHandle;
use vflow::tui::fixtures::{simulator, simulator_with};

/// `vflow` with `args` in a 30 x 100 terminal, an empty config, no proxy.
fn spawn(args: &[&str]) -> Pty {
    PtyCommand::new(30, 100)
        .empty_config()
        .env("NO_PROXY", "*")
        .args(args)
        .spawn()
}

/// `vflow captcha solve` against `sim` for `sender`.
fn start(sim: &SimHandle, sender: &str) -> Pty {
    let base = sim.base_url();
    spawn(&["--target", &base, "captcha", "solve", "--sender", sender])
}

fn assert_cooked(s: &Pty) {
    assert!(s.cooked(), "raw mode left on");
}

/// The puzzle's token, from the `captcha` step line.
fn token(s: &Pty) -> String {
    let t = s.wait_for_output("x =   0 of 0-263");
    let at = t.find("token ").expect("the captcha step line") + "token ".len();
    t[at..at + 32].to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arrow_keys_slide_to_the_hole_and_enter_prints_the_pass_token() {
    let sim = simulator(false).await;
    tokio::task::block_in_place(|| {
        let mut s = start(&sim, "13800138020");
        let token = token(&s);
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
        s.wait_for_output(&format!("x = {x:>3} of 0-263"));
        s.send(b"\r");
        assert_eq!(s.wait_exit().exit_code(), 0, "{}", s.text());
        let out = s.text();
        assert!(
            out.contains(&format!("{token}---{{\"x\":{x}.0,\"y\":5.0}}")),
            "the pass token is printed: {out}"
        );
        assert_cooked(&s);
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn esc_cancels_with_130_and_restores_the_terminal() {
    let sim = simulator(false).await;
    tokio::task::block_in_place(|| {
        let mut s = start(&sim, "13800138021");
        token(&s);
        s.send(b"\x1b[C\x1b[C"); // two steps right, then Esc on its own
        s.wait_for_output("x =   2 of 0-263");
        s.send(b"\x1b");
        assert_eq!(s.wait_exit().exit_code(), 130, "{}", s.text());
        assert!(s.text().contains("cancelled"));
        assert_cooked(&s);
    });
}

// ---- issue 15, item 7: `vflow flow --target` a tenant without reveal -----------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flow_without_reveal_offers_the_puzzle_inline_and_a_new_one_after_a_miss() {
    let sim = simulator_with(false, false).await;
    tokio::task::block_in_place(|| {
        let base = sim.base_url();
        let mut s = spawn(&[
            "--target",
            &base,
            "flow",
            "--scene",
            "LOGIN_SMS",
            "--mobile",
            "13800138030",
        ]);
        s.wait_for_output("does not reveal captcha solutions: slide the piece into the hole");
        s.wait_for_output("x =   0 of 0-263");
        assert!(s.text().contains('▀'), "the puzzle is drawn inline");
        assert!(!s.cooked(), "raw mode while sliding");
        // x = 0 is never the hole (X_MIN > TOLERANCE): a miss, then a new puzzle
        s.send(b"\r");
        s.wait_for_output("missed at x = 0: a new puzzle (attempt 2 of 5)");
        // the new puzzle is drawn after the miss
        s.wait_until("a second puzzle after the miss", |t| {
            let t = t.text();
            t[t.find("missed at x = 0").unwrap()..].contains("x =   0 of 0-263")
        });
        s.send(b"\x1b");
        assert_eq!(s.wait_exit().exit_code(), 130, "{}", s.text());
        assert!(s.text().contains("cancelled"));
        assert_cooked(&s);
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
        for k in pty_support::dropped_vars() {
            cmd.env_remove(k);
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

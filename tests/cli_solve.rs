//! `vflow captcha solve` as a script runs it: the built binary against a
//! simulator on 127.0.0.1, the x typed on stdin (not a terminal). The test
//! reads the puzzle's token from stderr, asks the simulator for the true x,
//! and types it; the pass token printed on stdout then sends an SMS.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use vflow::sim::SimHandle;
use vflow::tui::fixtures::simulator;

mod support;

fn command(sim: &SimHandle, args: &[&str]) -> Command {
    let mut c = support::command(&support::empty_config("cli-solve"));
    c.arg("--target").arg(sim.base_url()).args(args);
    c
}

struct Solved {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Run `captcha solve`, answering with `answer(true_x)` once the puzzle is up.
fn solve(sim: &SimHandle, sender: &str, answer: impl Fn(u32) -> String) -> Solved {
    let mut child = command(sim, &["captcha", "solve", "--sender", sender])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut stderr = String::new();
    let mut token = None;
    // bounded: ends at the prompt line or at EOF
    for _ in 0..50 {
        let mut line = String::new();
        if err.read_line(&mut line).unwrap() == 0 {
            break;
        }
        stderr.push_str(&line);
        if let Some(rest) = line.strip_prefix("puzzle ") {
            token = Some(rest.split(':').next().unwrap().to_string());
            break;
        }
    }
    let token = token.unwrap_or_else(|| panic!("no puzzle prompt on stderr: {stderr}"));
    let x = sim.solution(&token).expect("revealed").x;
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{}", answer(x)).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut err, &mut rest).unwrap();
    stderr.push_str(&rest);
    Solved {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    }
}

fn send(sim: &SimHandle, mobile: &str, token: &str) -> std::process::Output {
    command(
        sim,
        &[
            "send",
            "--scene",
            "LOGIN_SMS",
            "--mobile",
            mobile,
            "--captcha-token",
            token,
        ],
    )
    .output()
    .unwrap()
}

async fn true_x_prints_a_pass_token_that_sends(aes: bool, mobile: &'static str) {
    let sim = simulator(aes).await;
    tokio::task::block_in_place(|| {
        let s = solve(&sim, mobile, |x| x.to_string());
        assert_eq!(s.code, 0, "stdout {}\nstderr {}", s.stdout, s.stderr);
        let token = s.stdout.trim();
        assert_eq!(s.stdout.lines().count(), 1, "only the token on stdout");
        assert!(token.contains("---"), "{token}");
        let out = send(&sim, mobile, token);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(sim.outbox().iter().any(|e| e.mobile == mobile));
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn solve_reads_x_from_stdin_and_the_token_sends() {
    true_x_prints_a_pass_token_that_sends(false, "13800138010").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn solve_encrypts_the_point_when_the_puzzle_has_a_secret_key() {
    true_x_prints_a_pass_token_that_sends(true, "13800138011").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_x_is_captcha_0002_and_exit_1() {
    let sim = simulator(false).await;
    tokio::task::block_in_place(|| {
        let s = solve(&sim, "13800138012", |x| (x + 20).to_string());
        assert_eq!(s.code, 1, "{}", s.stderr);
        assert!(s.stderr.contains("IDAAS.SDK.CAPTCHA.0002"), "{}", s.stderr);
        assert!(s.stderr.contains("ONE verify attempt"), "{}", s.stderr);
        assert_eq!(s.stdout, "", "stdout is for the pass token alone");
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_a_number_is_a_usage_error() {
    let sim = simulator(false).await;
    tokio::task::block_in_place(|| {
        let s = solve(&sim, "13800138013", |_| "left a bit".into());
        assert_eq!(s.code, 2, "{}", s.stderr);
        assert!(s.stderr.contains("expected a number for x"), "{}", s.stderr);
    });
}

//! `vflow probe --authorized` against a target that is not loopback, on a terminal: the plan is
//! shown and the run waits for "yes"; anything else sends nothing. The target is reached
//! through a loopback HTTP proxy that counts connections (nothing leaves the machine).

mod pty_support;

use pty_support::PtyCommand;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A loopback HTTP proxy that counts connections and answers 502 to each.
async fn counting_proxy() -> (String, Arc<AtomicUsize>) {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = format!("http://{}", l.local_addr().unwrap());
    let n = Arc::new(AtomicUsize::new(0));
    let count = n.clone();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = l.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let _ = s.read(&mut buf).await;
                let _ = s
                    .write_all(
                        b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                    )
                    .await;
            });
        }
    });
    (addr, n)
}

/// Run `vflow probe` in a pty, wait for the question, type `answer`, return (exit code, output).
fn answer(proxy: &str, answer: &str) -> (u32, String) {
    let mut t = PtyCommand::new(40, 120)
        .empty_config()
        .env("HTTP_PROXY", proxy)
        .env("http_proxy", proxy)
        .args(&[
            "probe",
            "--target",
            "http://tenant.example.com",
            "--authorized",
            "--only",
            "forged",
        ])
        .spawn();
    t.wait_for_output("Type yes to start");
    t.send(format!("{answer}\r").as_bytes());
    let code = t.wait_exit().exit_code();
    (code, t.text())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_terminal_the_plan_is_confirmed_with_yes_and_anything_else_sends_nothing() {
    let (proxy, seen) = counting_proxy().await;
    let p = proxy.clone();
    let (code, screen) = tokio::task::spawn_blocking(move || answer(&p, "no"))
        .await
        .unwrap();
    assert_eq!(code, 2, "{screen}");
    assert!(
        screen.contains("forged") && screen.contains("≤4"),
        "the plan: {screen}"
    );
    assert!(
        screen.contains("not confirmed: nothing was sent"),
        "{screen}"
    );
    assert_eq!(seen.load(Ordering::SeqCst), 0, "sent without a yes");

    let p = proxy.clone();
    let (code, screen) = tokio::task::spawn_blocking(move || answer(&p, "yes"))
        .await
        .unwrap();
    assert_eq!(code, 0, "{screen}");
    assert!(seen.load(Ordering::SeqCst) > 0, "{screen}");
}

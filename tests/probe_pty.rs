//! `vflow probe --authorized` against a target that is not loopback, on a terminal: the plan is
//! shown and the run waits for "yes"; anything else sends nothing. The target is reached
//! through a loopback HTTP proxy that counts connections (nothing leaves the machine).

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
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

/// Run `vflow probe` in a pty, wait for the question, type `answer`, return (exit code, screen).
fn answer(proxy: &str, answer: &str) -> (u32, String) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let config = std::env::temp_dir().join(format!("vflow-probe-pty-{}.toml", std::process::id()));
    std::fs::write(&config, "").unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_vflow"));
    for (k, _) in std::env::vars() {
        if k.starts_with("VFLOW_") || k.to_ascii_lowercase().ends_with("_proxy") {
            cmd.env_remove(k);
        }
    }
    cmd.env("VFLOW_CONFIG", &config);
    cmd.env("HTTP_PROXY", proxy);
    cmd.env("http_proxy", proxy);
    cmd.env("TERM", "xterm-256color");
    cmd.args([
        "probe",
        "--target",
        "http://tenant.example.com",
        "--authorized",
        "--only",
        "forged",
    ]);
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
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
    let text = || String::from_utf8_lossy(&out.lock().unwrap()).into_owned();
    let deadline = Instant::now() + Duration::from_secs(15);
    while !text().contains("Type yes to start") {
        assert!(Instant::now() < deadline, "no question in:\n{}", text());
        std::thread::sleep(Duration::from_millis(20));
    }
    writer.write_all(format!("{answer}\r").as_bytes()).unwrap();
    writer.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let code = loop {
        if let Some(st) = child.try_wait().unwrap() {
            std::thread::sleep(Duration::from_millis(100)); // let the reader drain
            break st.exit_code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("vflow did not exit:\n{}", text());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (code, text())
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

//! The built `vflow` binary in a pseudo-terminal, shared by the end-to-end pty tests: a reader
//! thread feeds everything the program writes to a terminal emulator (vt100) and keeps the raw
//! bytes; a waiter thread records the exit. Both notify a `Condvar` on every change, so the
//! tests wait on conditions (`wait_for`, `wait_until`, `wait_exit`) and never poll or sleep.
//! The deadline of a wait bounds a failure, it does not measure speed.
//!
//! The child's environment is the caller's minus what would change vflow's behaviour (see
//! [`dropped`]); a test sets what it needs. HOME and the XDG folders point into a throw-away
//! folder of the session's own.
#![allow(dead_code)] // each test file uses the part it needs

use portable_pty::{CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// How long a wait may take before the test fails (generous: a loaded machine, a debug build).
pub const DEADLINE: Duration = Duration::from_secs(60);

/// The caller's variables that choose vflow's behaviour, dropped from the child's environment
/// unless the test sets them: vflow's own settings, the locale (the UI language follows it),
/// colour, proxies, and what the graphics and clipboard detection look at.
pub const DROPPED: &[&str] = &[
    "LC_ALL",
    "LC_MESSAGES",
    "LANG",
    "NO_COLOR",
    "TMUX",
    "STY",
    "KITTY_WINDOW_ID",
    "TERM_PROGRAM",
    "LC_TERMINAL",
];

/// Should the caller's variable `k` be kept from the child?
pub fn dropped(k: &str) -> bool {
    k.starts_with("VFLOW_") || k.to_ascii_lowercase().ends_with("_proxy") || DROPPED.contains(&k)
}

/// The caller's variables to remove from a child's environment ([`dropped`]).
pub fn dropped_vars() -> Vec<String> {
    std::env::vars_os()
        .filter_map(|(k, _)| k.into_string().ok())
        .filter(|k| dropped(k))
        .collect()
}

/// A folder of this session's own, removed on drop.
struct TempHome(PathBuf);

impl TempHome {
    fn new() -> TempHome {
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "vflow-pty-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
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

/// Does `raw` stop at the end of a frame? ratatui ends each frame by hiding the cursor, or by
/// showing it and moving it to its place; the picture painter's output after a frame ends by
/// restoring the cursor it saved.
pub fn frame_end(r: &[u8]) -> bool {
    if r.ends_with(b"\x1b[?25l") || r.ends_with(b"\x1b8") {
        return true;
    }
    // "\x1b[?25h", then "\x1b[ROW;COLH" and nothing else (a few bytes: look at the tail only)
    let r = &r[r.len().saturating_sub(32)..];
    let show = b"\x1b[?25h";
    let Some(at) = r.windows(show.len()).rposition(|w| w == show) else {
        return false;
    };
    let number =
        |p: Option<&[u8]>| p.is_some_and(|p| !p.is_empty() && p.iter().all(u8::is_ascii_digit));
    r[at + show.len()..]
        .strip_prefix(b"\x1b[")
        .and_then(|t| t.strip_suffix(b"H"))
        .is_some_and(|pos| {
            let mut parts = pos.split(|&b| b == b';');
            number(parts.next()) && number(parts.next()) && parts.next().is_none()
        })
}

/// What the program has written so far, and whether it has ended.
pub struct Term<CB: vt100::Callbacks = ()> {
    /// The emulator fed with every byte.
    pub parser: vt100::Parser<CB>,
    /// Every byte the program wrote to the terminal.
    pub raw: Vec<u8>,
    /// The reader saw the end of the output (every holder of the terminal closed it).
    pub eof: bool,
    /// The program's exit status, once it has exited.
    pub exit: Option<ExitStatus>,
}

impl<CB: vt100::Callbacks> Term<CB> {
    /// The text of the screen.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// All the output as text (lossy), scrolled-off lines included.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    /// The output stops at the end of a frame ([`frame_end`]).
    pub fn at_frame_end(&self) -> bool {
        frame_end(&self.raw)
    }

    /// The state for a failure message: the screen and the last bytes written.
    fn describe(&self) -> String {
        let tail = &self.raw[self.raw.len().saturating_sub(400)..];
        format!(
            "screen:\n{}\nlast bytes: {:?}\nended: {}, exit: {:?}",
            self.screen(),
            String::from_utf8_lossy(tail),
            self.eof,
            self.exit
        )
    }
}

struct Shared<CB: vt100::Callbacks> {
    term: Mutex<Term<CB>>,
    changed: Condvar,
}

impl<CB: vt100::Callbacks> Shared<CB> {
    fn lock(&self) -> MutexGuard<'_, Term<CB>> {
        self.term.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn update(&self, f: impl FnOnce(&mut Term<CB>)) {
        f(&mut self.lock());
        self.changed.notify_all();
    }
}

/// How to start the binary: the terminal's size, arguments, environment.
pub struct PtyCommand {
    rows: u16,
    cols: u16,
    args: Vec<String>,
    env: Vec<(String, String)>,
    empty_config: bool,
}

impl PtyCommand {
    /// `vflow` in a `rows` x `cols` terminal, no arguments.
    pub fn new(rows: u16, cols: u16) -> PtyCommand {
        PtyCommand {
            rows,
            cols,
            args: Vec::new(),
            env: Vec::new(),
            empty_config: false,
        }
    }

    pub fn args(mut self, args: &[&str]) -> PtyCommand {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    pub fn env(mut self, k: &str, v: &str) -> PtyCommand {
        self.env.push((k.into(), v.into()));
        self
    }

    pub fn envs(mut self, vars: &[(&str, &str)]) -> PtyCommand {
        for (k, v) in vars {
            self = self.env(k, v);
        }
        self
    }

    /// Point VFLOW_CONFIG at an empty file in the session's folder.
    pub fn empty_config(mut self) -> PtyCommand {
        self.empty_config = true;
        self
    }

    pub fn spawn(self) -> Pty {
        self.spawn_with(())
    }

    /// Start it, the emulator reporting to `callbacks` (bells, titles...).
    pub fn spawn_with<CB: vt100::Callbacks + Send + 'static>(self, callbacks: CB) -> Pty<CB> {
        let home = TempHome::new();
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: self.rows,
                cols: self.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_vflow"));
        cmd.args(&self.args);
        for k in dropped_vars() {
            cmd.env_remove(k);
        }
        cmd.env("HOME", &home.0);
        cmd.env("XDG_DATA_HOME", home.0.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.0.join("config"));
        cmd.env("TERM", "xterm-256color");
        if self.empty_config {
            let config = home.0.join("empty.toml");
            std::fs::write(&config, "").unwrap();
            cmd.env("VFLOW_CONFIG", config);
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let mut child = pair.slave.spawn_command(cmd).unwrap();
        // the child holds the terminal now: its end of the output is the reader's EOF
        drop(pair.slave);
        let pid = child.process_id().expect("the child's pid");
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let shared = Arc::new(Shared {
            term: Mutex::new(Term {
                parser: vt100::Parser::new_with_callbacks(
                    self.rows.try_into().expect("rows > 0"),
                    self.cols.try_into().expect("cols > 0"),
                    0,
                    callbacks,
                ),
                raw: Vec::new(),
                eof: false,
                exit: None,
            }),
            changed: Condvar::new(),
        });
        let s = shared.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => s.update(|t| {
                        t.raw.extend_from_slice(&buf[..n]);
                        t.parser.process(&buf[..n]);
                    }),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
            s.update(|t| t.eof = true);
        });
        let s = shared.clone();
        std::thread::spawn(move || {
            let st = child
                .wait()
                .unwrap_or_else(|e| ExitStatus::with_signal(&format!("wait failed: {e}")));
            s.update(|t| t.exit = Some(st));
        });
        Pty {
            shared,
            writer,
            master: pair.master,
            pid,
            home,
        }
    }
}

/// A running `vflow` in a pseudo-terminal. Dropping it kills the program if it still runs.
pub struct Pty<CB: vt100::Callbacks = ()> {
    shared: Arc<Shared<CB>>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    pid: u32,
    home: TempHome,
}

impl<CB: vt100::Callbacks> Drop for Pty<CB> {
    fn drop(&mut self) {
        if self.shared.lock().exit.is_none() {
            // SAFETY: a signal to our own child, which the waiter thread has not reaped yet.
            unsafe { libc::kill(self.pid as i32, libc::SIGKILL) };
        }
    }
}

impl<CB: vt100::Callbacks> Pty<CB> {
    /// The state as of now (hold it briefly: the reader waits for it).
    pub fn lock(&self) -> MutexGuard<'_, Term<CB>> {
        self.shared.lock()
    }

    /// The text of the screen.
    pub fn screen(&self) -> String {
        self.lock().screen()
    }

    /// All the output as text (lossy).
    pub fn text(&self) -> String {
        self.lock().text()
    }

    /// How many bytes the program has written.
    pub fn len(&self) -> usize {
        self.lock().raw.len()
    }

    /// The bytes written since the first `from`.
    pub fn since(&self, from: usize) -> Vec<u8> {
        self.lock().raw[from..].to_vec()
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// The session's HOME.
    pub fn home(&self) -> &Path {
        &self.home.0
    }

    /// The terminal is in canonical (cooked) mode with echo, not raw.
    pub fn cooked(&self) -> bool {
        let t = self.master.get_termios().expect("termios");
        let flags = format!("{:?}", t.local_flags);
        flags.contains("ICANON") && flags.contains("ECHO")
    }

    /// Type `bytes`.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// Wait until `f` gives a value; fail after [`DEADLINE`], or as soon as the output has
    /// ended without it (nothing can change any more).
    pub fn wait_map<T>(&self, what: &str, mut f: impl FnMut(&Term<CB>) -> Option<T>) -> T {
        let deadline = Instant::now() + DEADLINE;
        let mut t = self.lock();
        loop {
            if let Some(v) = f(&t) {
                return v;
            }
            let now = Instant::now();
            if t.eof || now >= deadline {
                let why = if t.eof {
                    "the output ended"
                } else {
                    "the deadline passed"
                };
                let state = t.describe();
                drop(t);
                panic!("never saw {what} ({why}); {state}");
            }
            t = self
                .shared
                .changed
                .wait_timeout(t, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Wait until `ok` holds (see [`Pty::wait_map`]).
    pub fn wait_until(&self, what: &str, mut ok: impl FnMut(&Term<CB>) -> bool) {
        self.wait_map(what, |t| ok(t).then_some(()))
    }

    /// Wait until the screen of a full-screen (ratatui) program shows `text` in a whole frame:
    /// the frame is written in several pieces, so the rest of the screen is checked only once
    /// the output has come to a frame's end (see [`Term::at_frame_end`]).
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on the screen, the frame drawn"), |t| {
            t.at_frame_end() && t.screen().contains(text)
        })
    }

    /// Wait until the output, scrolled-off lines included, contains `text`; return the output.
    pub fn wait_for_output(&self, text: &str) -> String {
        self.wait_map(&format!("{text:?} in the output"), |t| {
            let s = t.text();
            s.contains(text).then_some(s)
        })
    }

    /// Wait until `ok` holds for the bytes written since `from`; return those bytes.
    pub fn wait_bytes(&self, from: usize, what: &str, ok: impl Fn(&[u8]) -> bool) -> Vec<u8> {
        self.wait_map(what, |t| ok(&t.raw[from..]).then(|| t.raw[from..].to_vec()))
    }

    /// Wait until the program has exited and the reader has every byte it wrote (its EOF).
    /// Kills the program and fails after [`DEADLINE`].
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + DEADLINE;
        let mut t = self.lock();
        loop {
            if let (true, Some(st)) = (t.eof, &t.exit) {
                return st.clone();
            }
            let now = Instant::now();
            if now >= deadline {
                let state = t.describe();
                drop(t);
                // Drop kills it
                panic!("vflow did not exit; {state}");
            }
            t = self
                .shared
                .changed
                .wait_timeout(t, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}

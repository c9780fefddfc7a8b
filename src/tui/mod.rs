//! The interactive app, in The Elm Architecture: one [`App`] state,
//! [`update`] is the only place it changes, [`view`] is pure, and slow work
//! runs in tokio tasks ([`runtime::Runtime`]) that answer with messages.
//! The screen is redrawn on events (input, resize, task messages, and a
//! spinner tick only while something runs), never on a fixed timer.

pub mod app;
pub mod check;
pub mod explain_view;
#[doc(hidden)]
pub mod fixtures;
pub mod history;
pub mod keys;
pub mod layout;
pub mod puzzle;
pub mod puzzle_image;
pub mod record;
pub mod runtime;
pub mod view;

pub use app::{App, Cmd, Msg, update};
pub use view::view;

use crate::cli::GlobalArgs;
use crate::config::ResolvedProfile;
use crate::{clock, sim};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    EventStream,
};
use futures_util::StreamExt;
use std::process::ExitCode;
use std::time::Duration;

pub fn main(global: &GlobalArgs) -> ExitCode {
    let profile = match crate::config::resolve(&global.overrides()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("vflow: {e}");
            return ExitCode::from(crate::exit::USAGE);
        }
    };
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("vflow: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(global, profile)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vflow: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Saving header edits into the profile: into the config file in effect, or
/// the default one (created when missing).
fn header_saver(global: &GlobalArgs, profile: &ResolvedProfile) -> Option<runtime::HeaderSaver> {
    let file = profile
        .config_file
        .clone()
        .or_else(|| crate::config::path(&global.overrides()))?;
    let name = profile.name.clone();
    Some(Box::new(move |headers| {
        crate::config::save_headers(&file, &name, headers)
            .map(|()| format!("profile {name} in {}", file.display()))
            .map_err(|e| e.to_string())
    }))
}

fn init_logging() {
    let Some(dir) = crate::config::data_dir() else {
        return;
    };
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600); // the log holds delivered codes
    }
    let Ok(file) = opts.open(dir.join("vflow.log")) else {
        return;
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .try_init();
}

/// Restores the terminal when dropped (quit, error, early return).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn restore_terminal() {
    let _ = crossterm::execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
}

async fn run(global: &GlobalArgs, profile: ResolvedProfile) -> std::io::Result<()> {
    init_logging();
    let mut http = profile.http.clone();
    // The built-in simulator, unless a real target is configured.
    let (target, _sim) = match profile.target.clone() {
        Some(url) => (
            app::Target {
                base_url: url.trim_end_matches('/').to_string(),
                simulator: false,
                profile: profile.name.clone(),
            },
            None,
        ),
        None => {
            let cfg = sim::SimConfig {
                reveal_solutions: true,
                quiet: false,
                ..Default::default()
            };
            let handle = sim::start(cfg, "127.0.0.1:0".parse().expect("literal addr")).await?;
            // Loopback to our own simulator never goes through a proxy.
            http.no_proxy = true;
            (
                app::Target {
                    base_url: handle.base_url(),
                    simulator: true,
                    profile: profile.name.clone(),
                },
                Some(handle),
            )
        }
    };

    let mut app = App::new(target, profile.headers(), clock::system());
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    app.redact = profile.redact;
    app.explain_base = profile.explain_context();
    app.timeout = Some(http.timeout);
    let mut rt = runtime::Runtime::new(http);
    rt.reports_dir = crate::config::data_dir().map(|d| d.join("reports"));
    if !global.no_history {
        rt.history = history::HistoryStore::default_path().map(history::HistoryStore::new);
    }
    rt.save_headers = header_saver(global, &profile);

    let signals = signals();
    tokio::pin!(signals);
    let mut terminal = ratatui::try_init()?;
    let _guard = TerminalGuard;
    let _ = crossterm::execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(
            std::io::stdout(),
            DisableMouseCapture,
            DisableBracketedPaste
        );
        prev(info);
    }));
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    terminal.draw(|f| view(&app, f))?;
    // Nothing slow before the first frame: history loads now, in the background.
    rt.load_history();
    // The puzzle's graphics protocol comes from the environment (no terminal
    // round trip). Only on request is the terminal asked, after the first frame
    // and before input is read (the query reads stdin itself).
    rt.graphics = puzzle_image::Graphics::from_env();
    if rt.graphics == puzzle_image::Graphics::Query {
        rt.picker = Some(puzzle_image::query_picker(Duration::from_millis(300)));
    }

    // Test hook: the end-to-end tests check that a panic restores the terminal.
    let panic_key = std::env::var("VFLOW_TEST_PANIC_KEY")
        .ok()
        .and_then(|s| s.chars().next());
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    let mut age_tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        let msg = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => match to_msg(ev) {
                    Some(m) => m,
                    None => continue,
                },
                Some(Err(e)) => return Err(e),
                None => Msg::Quit,
            },
            Some(m) = rt.rx.recv() => m,
            _ = tick.tick(), if app.busy.is_some() => Msg::Tick,
            _ = age_tick.tick(), if app.shows_token_age() || puzzle::ticking(&app) => Msg::Tick,
            _ = &mut signals => Msg::Quit,
        };
        if let (Some(c), Msg::Key(k)) = (panic_key, &msg)
            && k.code == crossterm::event::KeyCode::Char(c)
        {
            panic!("test panic requested with VFLOW_TEST_PANIC_KEY");
        }
        rt.on_msg(&msg);
        for cmd in update(&mut app, msg) {
            rt.execute(&app, cmd);
        }
        if app.should_quit {
            break;
        }
        terminal.draw(|f| view(&app, f))?;
    }
    Ok(())
}

/// Resolves on SIGTERM or SIGHUP (never on other platforms).
/// SIGTERM and SIGHUP, registered when called (before the terminal is taken
/// over, so no signal can arrive with the default "die at once" action).
fn signals() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let term = signal(SignalKind::terminate());
        let hup = signal(SignalKind::hangup());
        async move {
            let (Ok(mut term), Ok(mut hup)) = (term, hup) else {
                return std::future::pending().await;
            };
            tokio::select! {
                _ = term.recv() => {},
                _ = hup.recv() => {},
            }
        }
    }
    #[cfg(not(unix))]
    std::future::pending::<()>()
}

pub fn to_msg(ev: Event) -> Option<Msg> {
    match ev {
        Event::Key(k) => Some(Msg::Key(k)),
        Event::Paste(s) => Some(Msg::Paste(s)),
        Event::Mouse(m) => Some(Msg::Mouse(m)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        _ => None,
    }
}

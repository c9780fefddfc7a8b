//! The interactive app, in The Elm Architecture: one [`App`] state,
//! [`update`] is the only place it changes, [`view`] is pure, and slow work
//! runs in tokio tasks ([`runtime::Runtime`]) that answer with messages.
//! The screen is redrawn on events (input, resize, task messages, and a
//! spinner tick only while something runs), never on a fixed timer.

pub mod app;
pub mod clipboard;
pub mod explain_view;
/// Test helpers (they start the simulator): for this crate's own tests and
/// benchmarks, never part of the shipped library.
#[cfg(any(test, feature = "test-support"))]
pub mod fixtures;
pub mod history;
pub(crate) mod input;
pub mod keymap;
pub mod layout;
pub mod msg;
pub mod panes;
pub mod record;
pub mod runtime;
pub mod screens;
pub mod theme;
pub mod view;
pub mod wrap;

pub use screens::{check, puzzle};

pub use app::{App, Cmd, Msg, update};
pub use view::view;

use crate::config::ResolvedProfile;
use crate::term::{graphics, puzzle_image};
use crate::{clock, quit_signals, sim};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    EventStream,
};
use futures_util::StreamExt;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// What the caller (the command line) resolved for the interactive app.
pub struct Options {
    /// The effective profile (flags > environment > file > defaults).
    pub profile: ResolvedProfile,
    /// Where header edits are saved: the config file in effect, or the
    /// default one (created when missing); `None`: saving is unavailable.
    pub config_path: Option<PathBuf>,
    /// Keep no history file.
    pub no_history: bool,
    /// The person may probe a target that is not on this machine (`--authorized`).
    pub authorized: bool,
    /// The SMS budget of a probe run (`--max-sms`; 3 unless given, none against a simulator).
    pub max_sms: Option<u32>,
    /// A request to start with (`vflow --import FILE`): where it came from, and what it parsed to.
    pub import: Option<(String, crate::client::import::Parsed)>,
    /// Open on the Traffic screen, fed by this proxy (`vflow proxy` on a terminal).
    pub traffic: Option<TrafficFeed>,
}

/// What the Traffic screen shows: a running proxy's exchanges.
pub struct TrafficFeed {
    pub store: std::sync::Arc<crate::client::proxy::Store>,
    /// Where the proxy listens (`http://127.0.0.1:8081`).
    pub listen: String,
    /// Where it forwards to: also the target of sends from the TUI.
    pub upstream: String,
    /// The upstream is a simulator started for this command.
    pub simulator: bool,
}

/// Run the interactive app inside an existing tokio runtime (`vflow proxy`).
pub async fn run_in(opts: Options) -> std::io::Result<()> {
    let signals = signals();
    run(start(opts)?, signals).await
}

/// Run the interactive app until the person quits. The first frame is drawn before the async
/// runtime is built (SIGTERM and SIGHUP wait meanwhile: [`Started::held`]).
pub fn main(opts: Options) -> ExitCode {
    let started = match start(opts) {
        Ok(started) => started,
        Err(e) => {
            eprintln!("vflow: {e}");
            return ExitCode::FAILURE;
        }
    };
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            drop(started); // restores the terminal before the message
            eprintln!("vflow: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let signals = {
        let _runtime = rt.enter();
        signals()
    };
    match rt.block_on(run(started, signals)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vflow: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The error catalogue (every explanation reads it) and the check and probe suites are
/// parsed on another thread once the first frame is up (the first screen shows none of them;
/// the Check screen parses the suites on its way in if the thread has not yet: [`app::App::new`]
/// defers them), so that on two cores the first frame shares the machine only with its own
/// messages ([`crate::i18n::warm_in_background`]).
fn warm_up() {
    let _ = std::thread::Builder::new()
        .name("warm-up".into())
        .spawn(|| {
            let _ = crate::api::catalogue::Catalogue::get();
            let _ = crate::check::Suite::builtin_shared();
            let _ = crate::check::probe::ProbeSuite::builtin_shared();
        });
}

/// Saving header edits into the profile, in `file`.
fn header_saver(file: Option<PathBuf>, profile: &ResolvedProfile) -> Option<runtime::HeaderSaver> {
    let file = file?;
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

type Term =
    ratatui::Terminal<ratatui::backend::CrosstermBackend<std::io::BufWriter<std::io::Stdout>>>;

/// Raw mode, the alternate screen, mouse and bracketed paste. Every frame goes out in one
/// write (a buffer that each draw flushes at its end) rather than in 1 KB pieces.
fn init_terminal() -> std::io::Result<Term> {
    crossterm::terminal::enable_raw_mode()?;
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout());
    crossterm::execute!(
        out,
        crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(out))
}

fn restore_terminal() {
    let _ = crossterm::execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
}

/// What is up when the update loop starts: the state, and the terminal with the first frame.
struct Started {
    app: App,
    rt: runtime::Runtime,
    terminal: Term,
    guard: TerminalGuard,
    /// SIGTERM and SIGHUP wait from before the terminal is taken over until the update loop's
    /// handlers are in (the async runtime is built after the first frame): one that comes
    /// meanwhile quits through the loop, which restores the terminal.
    held: quit_signals::Held,
    /// The built-in simulator's socket: bound (its address is on the first frame), served
    /// once the loop runs.
    sim: Option<sim::Bound>,
    feed_rx:
        Option<tokio::sync::broadcast::Receiver<std::sync::Arc<crate::client::proxy::Recorded>>>,
}

/// Everything the first frame shows, and the frame. What it does not show waits until the
/// frame is up: the simulator serves, the log opens, the history loads, the error catalogue
/// and the suites are parsed ([`run`], [`warm_up`]).
fn start(opts: Options) -> std::io::Result<Started> {
    let Options {
        profile,
        config_path,
        no_history,
        authorized,
        max_sms,
        import,
        traffic,
    } = opts;
    let mut http = profile.http.clone();
    let (target, sim) = target_of(traffic.as_ref(), &profile, &mut http)?;

    let mut app = App::new(target, profile.headers(), clock::system());
    app.no_color = theme::no_color_from_env();
    // NO_COLOR is applied by the view (text loses its colours, pictures keep
    // theirs): crossterm must not drop every colour on its own, or the puzzle
    // turns into black bars.
    crossterm::style::force_color_output(true);
    app.redact = profile.redact;
    app.ui_lang = profile.ui_lang;
    app.explain_base = profile.explain_context();
    app.timeout = Some(http.timeout);
    app.probe.authorized = authorized;
    app.probe.max_sms = max_sms;
    let feed_rx = traffic
        .as_ref()
        .map(|feed| screens::traffic::attach(&mut app, feed));
    if let Some((source, parsed)) = import {
        screens::import::start_with(&mut app, &source, parsed);
    }
    let mut rt = runtime::Runtime::new(http);
    rt.reports_dir = crate::config::data_dir().map(|d| d.join("reports"));
    if !no_history {
        rt.history = crate::config::history_path().map(history::HistoryStore::new);
    }
    rt.save_headers = header_saver(config_path, &profile);

    let held = quit_signals::hold();
    // A panic restores the terminal first, then the usual hook prints it on a sane screen.
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        prev(info);
    }));
    let guard = TerminalGuard;
    let mut terminal = init_terminal()?;
    // The size the terminal was created with (no second query of the terminal).
    let area = terminal.get_frame().area();
    app.size = (area.width, area.height);
    terminal.draw(|f| view(&app, f))?;
    Ok(Started {
        app,
        rt,
        terminal,
        guard,
        held,
        sim,
        feed_rx,
    })
}

async fn run(
    started: Started,
    signals: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let Started {
        mut app,
        mut rt,
        mut terminal,
        guard: _guard,
        held,
        sim,
        feed_rx,
    } = started;
    tokio::pin!(signals);
    // The handlers are in (`signals` is registered): a quit signal that came meanwhile is
    // delivered now.
    drop(held);
    // Nothing slow before the first frame: the log, the simulator, the history and the
    // parsing of what later screens show start now.
    init_logging();
    let _sim = match sim {
        Some(bound) => Some(bound.serve(sim::SimConfig {
            quiet: false, // its log lines go to the log file
            ..sim::SimConfig::in_process()
        })?),
        None => None,
    };
    warm_up();
    rt.load_history();
    // A simulator elsewhere (`vflow serve`) says whether Ctrl+G can work, so that the first
    // screen offers only what works for this target.
    if app.reveals.is_none() && !app.target.simulator && app.target.has_sim_helpers() {
        rt.execute(&app, Cmd::AskReveals);
    }
    if let Some(rx) = feed_rx {
        forward_traffic(rx, rt.tx.clone(), &app);
    }
    // The puzzle's graphics protocol comes from the environment (no terminal
    // round trip). Only on request is the terminal asked, after the first frame
    // and before input is read (the query reads stdin itself).
    rt.graphics = puzzle_image::Graphics::from_env();
    if rt.graphics == puzzle_image::Graphics::Query {
        rt.picker = Some(puzzle_image::query_picker(Duration::from_millis(300)));
    }

    let mut painter: Option<graphics::Painter> = None;
    let panic_key = test_panic_key();
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
        test_panic(panic_key, &msg);
        rt.on_msg(&msg);
        for cmd in update(&mut app, msg) {
            rt.execute(&app, cmd);
        }
        // Whatever else is waiting (a burst of proxied exchanges) goes in
        // before the next frame: one frame per burst, not per message.
        for _ in 0..4096 {
            if app.should_quit {
                break;
            }
            let Ok(msg) = rt.rx.try_recv() else { break };
            rt.on_msg(&msg);
            for cmd in update(&mut app, msg) {
                rt.execute(&app, cmd);
            }
        }
        if app.should_quit {
            break;
        }
        terminal.draw(|f| view(&app, f))?;
        paint_pictures(&app, &mut painter, terminal.backend_mut())?;
    }
    Ok(())
}

/// Where sends go: where the proxy forwards to (`vflow proxy`), the
/// profile's target, or else the built-in simulator, whose socket is bound
/// here (it serves once the update loop runs: [`run`]).
fn target_of(
    traffic: Option<&TrafficFeed>,
    profile: &ResolvedProfile,
    http: &mut crate::client::HttpOptions,
) -> std::io::Result<(app::Target, Option<sim::Bound>)> {
    Ok(match (traffic, app::Target::configured(profile)) {
        // Sends from the Traffic screen go where the proxy forwards to.
        (Some(feed), _) => {
            if feed.simulator {
                http.no_proxy = true;
            }
            let t = app::Target {
                base_url: feed.upstream.trim_end_matches('/').to_string(),
                simulator: feed.simulator,
                profile: profile.name.clone(),
            };
            (t, None)
        }
        (None, Some(t)) => (t, None),
        (None, None) => {
            let bound = sim::bind_in_process()?;
            // Loopback to our own simulator never goes through a proxy.
            http.no_proxy = true;
            let t = app::Target::simulator(bound.base_url(), &profile.name);
            (t, Some(bound))
        }
    })
}

/// The proxy's exchanges after those already listed, as messages to the
/// update loop (an exchange both listed and received is skipped by its id).
fn forward_traffic(
    mut rx: tokio::sync::broadcast::Receiver<std::sync::Arc<crate::client::proxy::Recorded>>,
    tx: tokio::sync::mpsc::UnboundedSender<Msg>,
    app: &App,
) {
    let mut last = app.traffic.list.back().map(|r| r.id).unwrap_or(0);
    tokio::spawn(async move {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            let msg = match rx.recv().await {
                Ok(r) if r.id <= last => continue,
                Ok(r) => {
                    last = r.id;
                    Msg::Traffic(r)
                }
                Err(RecvError::Lagged(n)) => Msg::TrafficMissed(n),
                Err(RecvError::Closed) => break,
            };
            if tx.send(msg).is_err() {
                break;
            }
        }
    });
}

/// After a frame: the puzzle's picture with real pixels (kitty, iTerm2,
/// sixel), written at the cells the frame left for it. The painter is made
/// with the puzzle's picker and remembers what it drew.
fn paint_pictures(
    app: &App,
    painter: &mut Option<graphics::Painter>,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    if painter.is_none()
        && let Some(p) = &app.puzzle.picker
        && let Some(kind) = graphics::Kind::from_protocol(p.protocol_type())
    {
        *painter = Some(graphics::Painter::new(kind, p.font_size()));
    }
    let Some(painter) = painter else {
        return Ok(());
    };
    let area = ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1);
    painter.paint(puzzle::picture(app, area), out)
}

/// Test hook (builds with the `test-support` feature only): the end-to-end
/// tests check that a panic restores the terminal.
#[cfg(feature = "test-support")]
fn test_panic_key() -> Option<char> {
    std::env::var("VFLOW_TEST_PANIC_KEY")
        .ok()
        .and_then(|s| s.chars().next())
}

#[cfg(feature = "test-support")]
fn test_panic(key: Option<char>, msg: &Msg) {
    if let (Some(c), Msg::Key(k)) = (key, msg)
        && k.code == crossterm::event::KeyCode::Char(c)
    {
        panic!("test panic requested with VFLOW_TEST_PANIC_KEY");
    }
}

#[cfg(not(feature = "test-support"))]
fn test_panic_key() -> Option<char> {
    None
}

#[cfg(not(feature = "test-support"))]
fn test_panic(_: Option<char>, _: &Msg) {}

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

//! The built-in simulator of the CIAM SMS API (axum). Depends on `api` only.
//!
//! The public surface below is the contract other modules use (the TUI starts it
//! in-process, tests bind it to 127.0.0.1:0 or drive [`router`] directly).
//!
//! - `routes`: HTTP surface, layers and the order of checks for a request;
//! - `state`: the rules of captcha, verify and sms/send, and the stores;
//! - `consumer`: the code consumers (spec §6), the session refresh, `/_sim` users and state tokens;
//! - `accounts`: users, id_tokens, sessions and state tokens;
//! - `validate`: header and body checks; `store`: bounded, expiring maps;
//! - `puzzle`: the PNG drawing; `log`: the per-request log line (tracing target `vflow::sim`).
//!
//! The simulator never prints: log lines go through `tracing`, and `vflow serve`
//! installs the subscriber that shows them.

mod accounts;
mod consumer;
mod in_process;
mod log;
pub(crate) mod puzzle;
mod routes;
mod server;
mod state;
mod store;
mod validate;
pub mod weak;

pub use in_process::{bind_in_process, spawn_in_process};
pub use log::TARGET as LOG_TARGET;
pub use routes::{BODY_LIMIT, MAX_HEADER_BYTES, MAX_HEADERS};
pub use server::ServerLimits;
pub use state::EXAMPLE_PASS_TOKEN;
pub use weak::{Weakness, Weaknesses};

use crate::api::wire::{OutboxEntry, RevealResponse};
use crate::clock::{self, SharedClock};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Mobile numbers for which the simulated SMS gateway always fails (`IDAAS.SDK.CAPTCHA.0006`
/// at step 11), in the spirit of the test numbers SMS providers publish. Both are valid
/// numbers, so every other check passes first.
pub const GATEWAY_FAILURE_MOBILES: [&str; 2] = ["+15005550006", "13800000006"];

/// Caps of the simulator's stores; when a store is full its oldest entry is evicted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Live captcha puzzles.
    pub puzzles: usize,
    /// Live captcha pass tokens.
    pub pass_tokens: usize,
    /// Live SMS codes (one per mobile and scene).
    pub codes: usize,
    /// Mobiles tracked for the resend cooldown and for the daily cap.
    pub mobiles: usize,
    /// Entries kept in the outbox (the oldest are dropped).
    pub outbox: usize,
    /// Users in the user store (the oldest is dropped when full).
    pub users: usize,
    /// Live id_tokens, sessions and state tokens (each store).
    pub tokens: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            puzzles: 10_000,
            pass_tokens: 10_000,
            codes: 10_000,
            mobiles: 100_000,
            outbox: 1_000,
            users: 100_000,
            tokens: 100_000,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Registered client ids besides the documentation's example id (always registered).
    pub extra_client_ids: Vec<String>,
    /// Delay added before answering every vendor endpoint.
    pub latency: Duration,
    /// Probability in [0, 1] that the SMS gateway fails a send that passed all checks.
    pub gateway_failure_rate: f64,
    /// secretKey on: captcha/verify expects point_json AES-encrypted.
    pub aes: bool,
    /// Serve `GET /_sim/captcha/{token}` with the true x.
    pub reveal_solutions: bool,
    /// No per-request log line (and no line per delivered code).
    pub quiet: bool,
    pub clock: SharedClock,
    /// Store caps (defaults are generous for a person and small enough for a flood).
    pub limits: Limits,
    /// Connection timeouts and cap (used by [`start`]; [`router`] alone has only the body timeout).
    pub server: ServerLimits,
    /// `login/mobile-verify-code` registers an unknown mobile (a tenant setting; on by
    /// default, `vflow serve --no-auto-register` turns it off).
    pub auto_register: bool,
    /// Defences switched off on purpose (`vflow serve --weak`); none by default.
    pub weak: Weaknesses,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            extra_client_ids: Vec::new(),
            latency: Duration::ZERO,
            gateway_failure_rate: 0.0,
            aes: false,
            reveal_solutions: false,
            quiet: false,
            clock: clock::system(),
            limits: Limits::default(),
            server: ServerLimits::default(),
            auto_register: true,
            weak: Weaknesses::default(),
        }
    }
}

/// A running simulator. Dropping it stops the server (in the background);
/// [`SimHandle::shutdown`] stops it and waits until it has stopped.
pub struct SimHandle {
    pub addr: SocketAddr,
    sim: Arc<state::Sim>,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
    sweeper: JoinHandle<()>,
}

impl SimHandle {
    /// `http://ADDR` without a trailing slash.
    pub fn base_url(&self) -> String {
        url_of(self.addr)
    }

    /// The delivered codes, newest last (what `GET /_sim/outbox` returns).
    pub fn outbox(&self) -> Vec<OutboxEntry> {
        self.sim.outbox()
    }

    /// The user store (what `GET /_sim/users` returns).
    pub fn users(&self) -> Vec<crate::api::wire::SimUser> {
        self.sim.users()
    }

    /// A live puzzle's solution, when started with `reveal_solutions` (what
    /// `GET /_sim/captcha/{token}` returns); `None` otherwise or for an unknown token.
    pub fn solution(&self, token: &str) -> Option<RevealResponse> {
        if !self.sim.config.reveal_solutions {
            return None;
        }
        self.sim.reveal(token)
    }

    /// Stop accepting connections, close idle and stalled ones at once, give requests under way
    /// [`ServerLimits::shutdown_grace`] to finish, and wait for the server.
    pub async fn shutdown(mut self) {
        self.signal_stop();
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }

    fn signal_stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.sweeper.abort();
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        self.signal_stop();
    }
}

/// How often [`start`] sweeps expired entries from the stores (inserts also sweep lazily).
const SWEEP_EVERY: Duration = Duration::from_secs(15);

/// The router, for in-process tests (`tower::ServiceExt::oneshot`).
pub fn router(config: SimConfig) -> axum::Router {
    routes::build(Arc::new(state::Sim::new(config)))
}

/// Bind and serve in a background tokio task until the handle is dropped or shut down.
///
/// Returns as soon as the socket is bound (so `bind` may use port 0; read the real
/// address from [`SimHandle::addr`]). Must be called inside a tokio runtime.
pub async fn start(config: SimConfig, bind: SocketAddr) -> std::io::Result<SimHandle> {
    Bound::bind(bind)?.serve(config)
}

/// The simulator's URL at `addr`.
fn url_of(addr: SocketAddr) -> String {
    format!("http://{addr}")
}

/// A socket bound for the simulator that does not serve yet: its address is known (the TUI
/// draws it on its first frame) before the simulator is built, and connections wait in the
/// backlog until [`Bound::serve`]. Binding needs no async runtime.
#[derive(Debug)]
pub struct Bound {
    listener: std::net::TcpListener,
    addr: SocketAddr,
}

impl Bound {
    /// Bind `addr` (port 0: a free port), as tokio's `TcpListener::bind` does: address reuse
    /// on Unix, a backlog of 1024.
    pub fn bind(addr: SocketAddr) -> std::io::Result<Bound> {
        use socket2::{Domain, Protocol, Socket, Type};
        let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
        #[cfg(unix)]
        socket.set_reuse_address(true)?;
        socket.set_nonblocking(true)?;
        socket.bind(&addr.into())?;
        socket.listen(1024)?;
        let listener = std::net::TcpListener::from(socket);
        Ok(Bound {
            addr: listener.local_addr()?,
            listener,
        })
    }

    /// Where it is bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its URL, as [`SimHandle::base_url`] will give it.
    pub fn base_url(&self) -> String {
        url_of(self.addr)
    }

    /// Serve on this socket, as [`start`] does. Must be called inside a tokio runtime.
    pub fn serve(self, config: SimConfig) -> std::io::Result<SimHandle> {
        serve(config, tokio::net::TcpListener::from_std(self.listener)?)
    }
}

fn serve(config: SimConfig, listener: tokio::net::TcpListener) -> std::io::Result<SimHandle> {
    // The backgrounds render in the background so the first puzzle is as fast as the rest,
    // from a task: it starts when the caller first yields (the TUI: after its first frame),
    // so that a start-up does not share the CPU with it.
    drop(tokio::spawn(async {
        drop(tokio::task::spawn_blocking(puzzle::warm));
    }));
    let addr = listener.local_addr()?;
    let server_limits = config.server;
    let sim = Arc::new(state::Sim::new(config));
    let (stop, stopped) = oneshot::channel::<()>();
    // The router is built in the server's task, like the backgrounds: the listener is bound
    // (its port known) now, and connections wait in its backlog until the task first runs.
    let server = tokio::spawn({
        let sim = sim.clone();
        async move {
            let app = routes::build(sim);
            server::serve(listener, app, server_limits, stopped).await
        }
    });
    let sweeper = tokio::spawn({
        let sim = sim.clone();
        async move {
            let mut every = tokio::time::interval(SWEEP_EVERY);
            loop {
                every.tick().await;
                sim.sweep();
            }
        }
    });
    Ok(SimHandle {
        addr,
        sim,
        stop: Some(stop),
        server: Some(server),
        sweeper,
    })
}

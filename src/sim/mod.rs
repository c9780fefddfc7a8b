//! The built-in simulator of the CIAM SMS API (axum). Depends on `api` only.
//!
//! SKELETON: the public surface below is the contract other modules use
//! (the TUI starts it in-process, tests bind it to 127.0.0.1:0).

use crate::clock::{self, SharedClock};
use std::net::SocketAddr;
use std::time::Duration;

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
    /// No per-request log line.
    pub quiet: bool,
    pub clock: SharedClock,
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
        }
    }
}

/// A running simulator.
pub struct SimHandle {
    pub addr: SocketAddr,
}

impl SimHandle {
    /// `http://ADDR` without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// The router, for in-process tests (`tower::ServiceExt::oneshot`).
pub fn router(_config: SimConfig) -> axum::Router {
    todo!("simulator router")
}

/// Bind and serve in a background tokio task until the handle is dropped or shut down.
pub async fn start(_config: SimConfig, _bind: SocketAddr) -> std::io::Result<SimHandle> {
    todo!("simulator start")
}

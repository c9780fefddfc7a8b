//! The built-in simulator started inside another command (the TUI, the client
//! commands, the tests): one place that knows how.

use super::{SimConfig, SimHandle};

impl SimConfig {
    /// The in-process simulator's settings: it reveals captcha solutions (so a
    /// pass token can be obtained automatically) and writes no per-request log
    /// line (the caller decides where its log goes by setting `quiet`).
    pub fn in_process() -> SimConfig {
        SimConfig {
            reveal_solutions: true,
            quiet: true,
            ..SimConfig::default()
        }
    }
}

/// Start the simulator on a free port of 127.0.0.1 (loopback only, never
/// reachable from the network). Dropping the handle stops it.
pub async fn spawn_in_process(config: SimConfig) -> std::io::Result<SimHandle> {
    bind_in_process()?.serve(config)
}

/// The in-process simulator's socket, a free port of 127.0.0.1, bound and not yet served
/// (see [`super::Bound`]).
pub fn bind_in_process() -> std::io::Result<super::Bound> {
    super::Bound::bind(([127, 0, 0, 1], 0).into())
}

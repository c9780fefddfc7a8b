//! One log line per request (method, path, status, error code, milliseconds), through
//! `tracing` with target `vflow::sim`; the simulator itself never prints.

use super::routes::ErrorCode;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;
use std::time::Instant;

/// The tracing target of every simulator log line.
pub const TARGET: &str = "vflow::sim";

pub async fn per_request(
    State(sim): State<Arc<super::state::Sim>>,
    req: Request,
    next: Next,
) -> Response {
    if sim.config.quiet {
        return next.run(req).await;
    }
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    // Wall time of the request for the log line only; no simulator rule depends on it.
    let started = Instant::now();
    let resp = next.run(req).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let code = resp.extensions().get::<ErrorCode>().map_or("-", |c| c.0);
    tracing::info!(
        target: TARGET,
        "{method} {path} {} {code} {ms:.2}ms",
        resp.status().as_u16()
    );
    resp
}

//! `vflow check`: does a tenant behave as the documentation says? A suite of
//! cases kept as data ([`suite`], the built-in one in `assets/check-suite.toml`),
//! a runner that sends each case with the client and compares the answer with
//! its expectation ([`run`]), and the JSON and JUnit reports ([`report`]).
//!
//! Depends on `api`, `client` and `config` only; the CLI and the TUI drive it.

pub mod probe;
pub mod probe_plan;
pub mod probe_report;
pub(crate) mod report;
pub mod run;
pub mod suite;

pub use run::{CaseResult, Env, Progress, Report, Sent, SimulatorReveal, TokenSource, Verdict};
pub use suite::{Case, Expected, Suite, SuiteError};

/// A code without the family prefix, for narrow tables: `400 CAPTCHA.0005`.
pub fn short(label: &str) -> String {
    label.replace("IDAAS.SDK.", "")
}

/// A duration for tables: `12.3 ms`, or `0.04 ms` under a millisecond.
pub fn ms(d: std::time::Duration) -> String {
    let v = d.as_secs_f64() * 1e3;
    if v < 1.0 {
        format!("{v:.2} ms")
    } else {
        format!("{v:.1} ms")
    }
}

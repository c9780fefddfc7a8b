//! vflow: a terminal workbench for the CIAM "send SMS verification code" flow.
//!
//! Layers import downwards only: `api` (protocol as data, no I/O) ← `sim`
//! (the simulator) and `client` (one recorded exchange, explanations) ←
//! `config` (profiles) ← `check` (suites of expected answers, the runner) ←
//! `tui` and `cli`. `clock` and `exit` (the exit codes) are shared by all.

pub mod api;
pub mod check;
pub mod cli;
pub mod client;
pub mod clock;
pub mod config;
pub mod exit;
pub mod i18n;
pub mod quit_signals;
pub mod sim;
pub mod term;
pub mod tui;
pub mod typeset;

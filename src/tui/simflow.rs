//! The simulator helpers now live in [`crate::client::simflow`] (shared with `check`).

pub use crate::client::simflow::{latest_code, token_from_simulator};

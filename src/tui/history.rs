//! The exchange history on disk: the store lives in [`crate::client::history`]
//! (the CLI records into the same file); re-exported here for the TUI.

pub use crate::client::history::{HistoryStore, MAX_BYTES, MAX_RECORDS};

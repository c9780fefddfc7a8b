//! The messages into `update` and the effects it asks for: [`Msg`] in,
//! [`Cmd`] out (`Cmd: PartialEq`, so tests assert effects without running them).

use super::record::Record;
use crate::client::{Exchange, HeaderSetting, RequestSpec};
use crossterm::event::{KeyEvent, MouseEvent};
use std::time::SystemTime;

/// What the spinner is waiting for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Busy {
    Send {
        id: u64,
    },
    Token,
    /// A code's consumer (the scene's next step) is being asked.
    Consume {
        id: u64,
    },
    /// The captcha puzzle screen waits (what for).
    Puzzle(&'static str),
}

/// A transient message in the footer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// A captcha pass token obtained (or typed) and what we know about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenMeta {
    /// The token string this metadata is about (stale once the field changes).
    pub token: String,
    /// The mobile number given as `sender` to captcha/verify.
    pub sender: Option<String>,
    pub obtained_at: SystemTime,
    /// A send already used it (pass tokens are single use).
    pub used: bool,
}

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// Spinner tick, only sent while something runs.
    Tick,
    Sent {
        id: u64,
        exchange: Box<Exchange>,
    },
    TokenFetched(Result<(String, String), crate::client::simflow::TokenError>),
    OutboxCode {
        id: u64,
        code: Option<String>,
    },
    /// A code's consumer answered (or the request was given up); `id` is the send's record.
    Consumed {
        id: u64,
        exchange: Box<Exchange>,
    },
    /// The simulator's `POST /_sim/state-token` answered, for the step of record `id`.
    StateToken {
        id: u64,
        result: Result<String, String>,
    },
    HistoryLoaded(Vec<Record>),
    /// Progress of a check run.
    Check(crate::tui::screens::check::CheckMsg),
    /// Progress of a probe run.
    Probe(crate::tui::screens::probe::ProbeMsg),
    /// `GET /captcha` answered (or failed), images decoded.
    PuzzleFetched(Result<Box<crate::tui::screens::puzzle::Fetched>, String>),
    /// `captcha/verify` answered, for `sender`.
    PuzzleVerified {
        sender: String,
        exchange: Box<Exchange>,
    },
    Notice(Notice),
    /// A file to import was read (or not: the message says why).
    ImportRead {
        path: String,
        result: Result<String, String>,
    },
    /// The proxy recorded an exchange (the Traffic screen).
    Traffic(std::sync::Arc<crate::client::proxy::Recorded>),
    /// The Traffic screen fell this many exchanges behind the proxy.
    TrafficMissed(u64),
    /// What a vflow simulator said about revealing captcha solutions (`None`: it did not say).
    Reveals(Option<bool>),
    /// SIGTERM / SIGHUP.
    Quit,
}

#[derive(Debug, PartialEq)]
pub enum Cmd {
    Send {
        id: u64,
        spec: Box<RequestSpec>,
    },
    Cancel {
        id: u64,
    },
    /// captcha get, solve through /_sim/, verify with `mobile` as sender,
    /// sending `headers` (the profile's: a header omitted on purpose for the
    /// sms/send under test must not stop the captcha calls).
    FetchToken {
        mobile: String,
        headers: Vec<HeaderSetting>,
    },
    FetchOutbox {
        id: u64,
        mobile: String,
        scene: String,
    },
    /// Send a code to its consumer (answers `Msg::Consumed`).
    Consume {
        id: u64,
        spec: Box<RequestSpec>,
    },
    /// A state token from the simulator (answers `Msg::StateToken`).
    FetchStateToken {
        id: u64,
    },
    Copy {
        /// What is copied: a message id (`tui-runtime-what-…`).
        what: &'static str,
        text: String,
    },
    SaveReport(String),
    AppendHistory(Box<Record>),
    SaveHeaders(Vec<HeaderSetting>),
    /// Run the check suite (answers with `Msg::Check` per case, then `Finished`).
    RunCheck {
        run: u64,
    },
    StopCheck {
        run: u64,
    },
    /// Run the probes (answers with `Msg::Probe` per probe, then `Finished`).
    RunProbes {
        run: u64,
    },
    StopProbes {
        run: u64,
    },
    /// `GET /captcha`, decode the images (and choose the graphics protocol once).
    FetchPuzzle {
        spec: Box<RequestSpec>,
        need_picker: bool,
    },
    VerifyPuzzle {
        spec: Box<RequestSpec>,
        sender: String,
    },
    /// Write these exchanges as a HAR 1.2 file next to the saved reports.
    ExportHar(Vec<Exchange>),
    /// Read a file to import (answers with `Msg::ImportRead`).
    ReadImport(std::path::PathBuf),
    /// Ask the target's `GET /_sim/info` whether it reveals captcha solutions
    /// (answers with `Msg::Reveals`).
    AskReveals,
    Quit,
}

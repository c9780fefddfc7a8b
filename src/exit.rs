//! Exit codes of every command and of the TUI, shared by all layers (the
//! client maps an outcome to one; the CLI and the TUI return them).

/// Success.
pub const OK: u8 = 0;
/// The server said no: an API error, an HTTP error or an unexpected body.
pub const API_ERROR: u8 = 1;
/// Bad usage or configuration: nothing was sent.
pub const USAGE: u8 = 2;
/// No answer: a transport failure or a cancelled exchange.
pub const TRANSPORT: u8 = 3;

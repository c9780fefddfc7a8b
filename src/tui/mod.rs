//! The interactive app (The Elm Architecture).

use crate::cli::GlobalArgs;
use std::process::ExitCode;

pub fn main(_global: &GlobalArgs) -> ExitCode {
    todo!("tui")
}

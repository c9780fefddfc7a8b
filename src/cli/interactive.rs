//! `vflow` without a subcommand: resolve the profile (and read `--import FILE`),
//! then hand over to the TUI.

use super::GlobalArgs;
use std::path::Path;
use std::process::ExitCode;

pub fn run(global: &GlobalArgs, import: Option<&Path>) -> ExitCode {
    let profile = match crate::config::resolve(&global.overrides()) {
        Ok(r) => r,
        Err(e) => return super::common::usage_error(e),
    };
    // Bad input is reported before the terminal is taken over (exit 2).
    let import = match import {
        Some(path) => match super::import::load(path, profile.ui_lang) {
            Ok(parsed) => Some((path.display().to_string(), parsed)),
            Err(e) => return super::common::usage_error(e),
        },
        None => None,
    };
    let config_path = profile
        .config_file
        .clone()
        .or_else(|| crate::config::path(&global.overrides()));
    crate::tui::main(crate::tui::Options {
        profile,
        config_path,
        no_history: global.no_history,
        authorized: global.authorized,
        max_sms: global.max_sms,
        import,
        traffic: None,
    })
}

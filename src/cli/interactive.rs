//! `vflow` without a subcommand: resolve the profile, then hand over to the TUI.

use super::GlobalArgs;
use std::process::ExitCode;

pub fn run(global: &GlobalArgs) -> ExitCode {
    let profile = match crate::config::resolve(&global.overrides()) {
        Ok(r) => r,
        Err(e) => return super::common::usage_error(e),
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
    })
}

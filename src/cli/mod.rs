//! Command-line interface (clap). `vflow` without a subcommand opens the TUI.

pub mod serve;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit codes of every command.
pub mod exit {
    pub const OK: u8 = 0;
    pub const API_ERROR: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const TRANSPORT: u8 = 3;
}

#[derive(Debug, Parser)]
#[command(
    name = "vflow",
    version,
    about = "Walk through, send and explain the CIAM \"send SMS verification code\" flow",
    long_about = "vflow walks you through the CIAM SMS verification-code flow (captcha, scene, \
mobile, send) and explains every error code. Without a subcommand it opens the interactive TUI \
against the built-in simulator, or against --target / --profile."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options shared by the TUI and the client commands.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct GlobalArgs {
    /// Base URL of a real tenant (default: the built-in simulator)
    #[arg(long, global = true, env = "VFLOW_TARGET", value_name = "URL")]
    pub target: Option<String>,
    /// Named profile from the config file
    #[arg(long, global = true, env = "VFLOW_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// Do not record or read the exchange history
    #[arg(long, global = true)]
    pub no_history: bool,
    /// Config file (default: vflow's file in the platform config directory)
    #[arg(long, global = true, env = "VFLOW_CONFIG", value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// Application client id sent as X-client-id
    #[arg(long, global = true, env = "VFLOW_CLIENT_ID", value_name = "ID")]
    pub client_id: Option<String>,
    /// OneAccess tenant id sent as X-tenant-id
    #[arg(long, global = true, env = "VFLOW_TENANT_ID", value_name = "ID")]
    pub tenant_id: Option<String>,
    /// Language of error messages sent as X-L (zh or en)
    #[arg(long, global = true, env = "VFLOW_LANG", value_name = "LANG")]
    pub lang: Option<String>,
    /// Device preset for the device headers (fresh fingerprint each run)
    #[arg(long, global = true, env = "VFLOW_DEVICE", value_name = "PRESET")]
    pub device: Option<crate::config::DevicePreset>,
    /// Connect timeout, e.g. 5s or 500ms
    #[arg(long, global = true, env = "VFLOW_CONNECT_TIMEOUT", value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub connect_timeout: Option<std::time::Duration>,
    /// Timeout of a whole exchange, e.g. 30s
    #[arg(long, global = true, env = "VFLOW_TIMEOUT", value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub timeout: Option<std::time::Duration>,
    /// Do not verify TLS certificates (test systems only)
    #[arg(long, global = true, env = "VFLOW_INSECURE")]
    pub insecure: bool,
    /// Extra trusted CA certificates (PEM file)
    #[arg(long, global = true, env = "VFLOW_CA_FILE", value_name = "FILE")]
    pub ca_file: Option<std::path::PathBuf>,
    /// Mask the mobile number, captcha token and client id in all output
    #[arg(long, global = true, env = "VFLOW_REDACT")]
    pub redact: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the built-in simulator of the CIAM SMS API
    Serve(serve::ServeArgs),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => crate::tui::main(&cli.global),
        Some(Command::Serve(args)) => serve::run(args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}

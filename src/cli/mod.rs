//! Command-line interface (clap). `vflow` without a subcommand opens the TUI.

pub(crate) mod captcha;
pub(crate) mod check;
pub(crate) mod codes;
pub(crate) mod common;
pub(crate) mod config;
pub(crate) mod flow;
pub(crate) mod import;
mod interactive;
pub(crate) mod probe;
pub mod proxy;
pub(crate) mod send;
pub(crate) mod serve;
pub(crate) mod solve;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit codes of every command (they live in [`crate::exit`]).
pub use crate::exit;

#[derive(Debug, Parser)]
#[command(
    name = "vflow",
    version,
    about = "Walk through, send and explain the CIAM \"send SMS verification code\" flow",
    long_about = "vflow walks you through the CIAM SMS verification-code flow (captcha, scene, \
mobile, send) and explains every error code. Without a subcommand it opens the interactive TUI \
against the built-in simulator, or against --target / --profile."
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    /// Open the TUI with a request your app sent (curl, HAR 1.2 or raw HTTP/1.1)
    #[arg(long, value_name = "FILE")]
    pub import: Option<std::path::PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options shared by the TUI and the client commands.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Target and profile (every command)")]
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
    // Not `global`: `vflow serve --client-id` registers ids. The client commands
    // have their own `--client-id` (see `ClientIdArg`), merged by `ClientIdArg::overrides`.
    #[arg(long, env = "VFLOW_CLIENT_ID", value_name = "ID")]
    pub client_id: Option<String>,
    /// OneAccess tenant id sent as X-tenant-id
    #[arg(long, global = true, env = "VFLOW_TENANT_ID", value_name = "ID")]
    pub tenant_id: Option<String>,
    /// Language of error messages sent as X-L (zh or en)
    #[arg(long, global = true, env = "VFLOW_LANG", value_name = "LANG")]
    pub lang: Option<String>,
    /// Language of vflow's own words (en or zh); default: the profile's ui_lang, else the
    /// locale (LC_ALL, LC_MESSAGES, LANG)
    #[arg(long, global = true, env = "VFLOW_UI_LANG", value_name = "LANG", value_parser = crate::i18n::parse_ui_lang)]
    pub ui_lang: Option<crate::api::catalogue::Lang>,
    /// Device preset for the device headers (fresh fingerprint each run)
    #[arg(long, global = true, env = "VFLOW_DEVICE", value_name = "PRESET")]
    pub device: Option<crate::config::DevicePreset>,
    /// Connect timeout, e.g. 5s or 500ms
    #[arg(long, global = true, env = "VFLOW_CONNECT_TIMEOUT", value_name = "DURATION", value_parser = crate::config::positive_duration)]
    pub connect_timeout: Option<std::time::Duration>,
    /// Timeout of a whole exchange, e.g. 30s
    #[arg(long, global = true, env = "VFLOW_TIMEOUT", value_name = "DURATION", value_parser = crate::config::positive_duration)]
    pub timeout: Option<std::time::Duration>,
    /// Do not verify TLS certificates (test systems only)
    #[arg(long, global = true, env = "VFLOW_INSECURE", value_parser = clap::builder::BoolishValueParser::new())]
    pub insecure: bool,
    /// Extra trusted CA certificates (PEM file)
    #[arg(long, global = true, env = "VFLOW_CA_FILE", value_name = "FILE")]
    pub ca_file: Option<std::path::PathBuf>,
    /// Mask the mobile number, captcha token and client id in all output
    #[arg(long, global = true, env = "VFLOW_REDACT", value_parser = clap::builder::BoolishValueParser::new())]
    pub redact: bool,
    /// The TUI's probes (F4, Tab): you own the target tenant or may test it (required to
    /// probe a target that is not on this machine; `vflow probe` has its own flag)
    // Not `global`: `vflow probe --authorized` is the command's own.
    #[arg(long)]
    pub authorized: bool,
    /// The TUI's probes: SMS a run may cause at most (default: 3, or no limit against a
    /// vflow simulator)
    #[arg(long, value_name = "N")]
    pub max_sms: Option<u32>,
}

impl GlobalArgs {
    /// What these flags (and their `VFLOW_*` variables) override in the profile.
    pub fn overrides(&self) -> crate::config::Overrides {
        crate::config::Overrides {
            config: self.config.clone(),
            profile: self.profile.clone(),
            target: self.target.clone(),
            client_id: self.client_id.clone(),
            tenant_id: self.tenant_id.clone(),
            lang: self.lang.clone(),
            ui_lang: self.ui_lang,
            locale: crate::i18n::env_locale(|k| std::env::var(k).ok()),
            device: self.device,
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
            insecure: self.insecure,
            ca_file: self.ca_file.clone(),
            redact: self.redact,
        }
    }
}

/// `--client-id` of the client subcommands (the top-level one is in [`GlobalArgs`]).
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct ClientIdArg {
    /// Application client id sent as X-client-id (env: VFLOW_CLIENT_ID)
    #[arg(long = "client-id", value_name = "ID")]
    pub client_id: Option<String>,
}

impl ClientIdArg {
    /// The global overrides with this command's `--client-id` taking precedence.
    pub fn overrides(&self, global: &GlobalArgs) -> crate::config::Overrides {
        let mut o = global.overrides();
        if self.client_id.is_some() {
            o.client_id = self.client_id.clone();
        }
        o
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Run the built-in simulator of the CIAM SMS API
    Serve(serve::ServeArgs),
    /// Send one sms/send request, print it as sent, the response and an explanation
    Send(send::SendArgs),
    /// Show what vflow understands of a request copied from an app (curl, HAR, raw HTTP)
    Import(import::ImportArgs),
    /// Reverse proxy for the vendor API: forward, record and explain every exchange
    Proxy(proxy::ProxyArgs),
    /// Get a captcha puzzle or verify a slider position
    #[command(subcommand)]
    Captcha(captcha::CaptchaCommand),
    /// Run the whole chain (captcha, verify, send, read the code, log in) against a simulator
    Flow(flow::FlowArgs),
    /// Run a suite of cases: does the target behave as the documentation says?
    Check(check::CheckArgs),
    /// Bounded attacks on the SMS defences: can they be raced, replayed, skipped, guessed?
    Probe(probe::ProbeArgs),
    /// The error-code catalogue as a table, or one code in full
    Codes(codes::CodesArgs),
    /// Where the config file is, write an example, show the effective profile
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Print a shell completion script
    Completions(CompletionsArgs),
}

#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to generate completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Printing commands end quietly when their reader goes away (`vflow codes | head`),
/// as command-line tools do, instead of panicking on EPIPE.
fn die_quietly_on_broken_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE at start-up, before
    // any thread is spawned; no handler code runs.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// The subcommands' names (a test holds this list to clap's), to guess before parsing whether
/// the TUI opens.
const SUBCOMMANDS: [&str; 12] = [
    "serve",
    "send",
    "import",
    "proxy",
    "captcha",
    "flow",
    "check",
    "probe",
    "codes",
    "config",
    "completions",
    "help",
];

/// `vflow` alone: nothing on the command line and no `VFLOW_*` variable, so that clap could
/// only give [`GlobalArgs`]' defaults (every variable it reads starts with `VFLOW_`).
fn bare(arg_count: usize, mut env_names: impl Iterator<Item = std::ffi::OsString>) -> bool {
    arg_count <= 1 && !env_names.any(|k| k.as_encoded_bytes().starts_with(b"VFLOW_"))
}

pub fn main() -> ExitCode {
    // `vflow` alone, what a newcomer types first, opens the TUI without building clap's
    // command tree (about half a millisecond, a tenth of the time to the first frame).
    if bare(
        std::env::args_os().len(),
        std::env::vars_os().map(|(k, _)| k),
    ) {
        crate::i18n::warm_in_background(true);
        return interactive::run(&GlobalArgs::default(), None);
    }
    // Nearly every command speaks through the catalogue: parse it while the arguments are.
    let tui = !std::env::args_os()
        .skip(1)
        .any(|a| a.to_str().is_some_and(|a| SUBCOMMANDS.contains(&a)));
    crate::i18n::warm_in_background(tui);
    let cli = Cli::parse();
    if cli.command.is_some() {
        die_quietly_on_broken_pipe();
    }
    if matches!(cli.command, Some(Command::Send(_) | Command::Flow(_))) {
        common::keep_history(&cli.global);
    }
    match cli.command {
        None => interactive::run(&cli.global, cli.import.as_deref()),
        Some(Command::Serve(args)) => serve::run(&cli.global, args),
        Some(Command::Send(args)) => send::run(&cli.global, args),
        Some(Command::Import(args)) => import::run(&cli.global, args),
        Some(Command::Proxy(args)) => proxy::run(&cli.global, args),
        Some(Command::Captcha(cmd)) => captcha::run(&cli.global, cmd),
        Some(Command::Flow(args)) => flow::run(&cli.global, args),
        Some(Command::Check(args)) => check::run(&cli.global, args),
        Some(Command::Probe(args)) => probe::run(&cli.global, args),
        Some(Command::Codes(args)) => codes::run(&cli.global, args),
        Some(Command::Config(cmd)) => config::run(&cli.global, cmd),
        Some(Command::Completions(args)) => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            clap_complete::generate(args.shell, &mut cmd, "vflow", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
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

    /// Every variable clap reads, anywhere in the tree (a global flag's included).
    fn env_names(cmd: &clap::Command, out: &mut Vec<String>) {
        for a in cmd.get_arguments() {
            if let Some(env) = a.get_env() {
                out.push(env.to_string_lossy().into_owned());
            }
        }
        for sub in cmd.get_subcommands() {
            env_names(sub, out);
        }
    }

    #[test]
    fn a_bare_start_gets_what_clap_makes_of_an_empty_command_line() {
        let mut names = Vec::new();
        env_names(&Cli::command(), &mut names);
        assert!(names.len() > 10, "{names:?}");
        for n in &names {
            assert!(
                n.starts_with("VFLOW_"),
                "{n} is read by clap but not a VFLOW_ variable"
            );
        }
        // What clap gives for `vflow` with no variable set (none of this process's own are read).
        let cmd = Cli::command().mut_args(|a| a.env(clap::builder::Resettable::Reset));
        let m = cmd.try_get_matches_from(["vflow"]).unwrap();
        let cli = <Cli as clap::FromArgMatches>::from_arg_matches(&m).unwrap();
        assert!(cli.command.is_none() && cli.import.is_none());
        assert_eq!(
            format!("{:?}", cli.global),
            format!("{:?}", GlobalArgs::default())
        );
    }

    #[test]
    fn only_no_argument_and_no_vflow_variable_is_a_bare_start() {
        let env = |names: &[&str]| {
            names
                .iter()
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert!(bare(1, env(&["HOME", "LANG", "TERM"])));
        assert!(bare(0, env(&[])));
        assert!(!bare(2, env(&["HOME"])));
        assert!(!bare(1, env(&["HOME", "VFLOW_TARGET"])));
        assert!(!bare(1, env(&["VFLOW_UI_LANG"])));
    }

    #[test]
    fn the_subcommand_list_is_claps() {
        let mut names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        names.push("help".into());
        names.sort();
        let mut listed: Vec<String> = SUBCOMMANDS.iter().map(|s| s.to_string()).collect();
        listed.sort();
        assert_eq!(names, listed);
    }

    #[test]
    fn every_global_flag_reaches_the_config_overrides() {
        let cli = Cli::try_parse_from([
            "vflow",
            "--config=c.toml",
            "--profile=qa",
            "--target=https://t.example",
            "--client-id=ID",
            "--tenant-id=T",
            "--lang=zh",
            "--ui-lang=zh",
            "--device=iphone",
            "--connect-timeout=2s",
            "--timeout=9s",
            "--insecure",
            "--ca-file=ca.pem",
            "--redact",
        ])
        .unwrap();
        let want = crate::config::Overrides {
            config: Some("c.toml".into()),
            profile: Some("qa".into()),
            target: Some("https://t.example".into()),
            client_id: Some("ID".into()),
            tenant_id: Some("T".into()),
            lang: Some("zh".into()),
            ui_lang: Some(crate::api::Lang::Zh),
            // The locale is read from the environment as it is.
            locale: crate::i18n::env_locale(|k| std::env::var(k).ok()),
            device: Some(crate::config::DevicePreset::Iphone),
            connect_timeout: Some(std::time::Duration::from_secs(2)),
            timeout: Some(std::time::Duration::from_secs(9)),
            insecure: true,
            ca_file: Some("ca.pem".into()),
            redact: true,
        };
        assert_eq!(cli.global.overrides(), want);
        // A client command's own --client-id wins over the global one.
        let mine = ClientIdArg {
            client_id: Some("MINE".into()),
        };
        assert_eq!(
            mine.overrides(&cli.global).client_id.as_deref(),
            Some("MINE")
        );
        let none = ClientIdArg::default();
        assert_eq!(none.overrides(&cli.global).client_id.as_deref(), Some("ID"));
    }
}

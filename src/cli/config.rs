//! `vflow config path|init|show`.

use super::common::usage_error;
use super::{ClientIdArg, GlobalArgs};
use crate::config::{self, EXAMPLE};
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum ConfigCommand {
    /// Print the config file's path (--config / VFLOW_CONFIG, else the platform config directory)
    Path,
    /// Write a commented example config file
    Init {
        /// Overwrite an existing file
        #[arg(long)]
        force: bool,
    },
    /// Show the effective profile (flags > VFLOW_* environment > file > defaults)
    Show {
        #[command(flatten)]
        client_id: ClientIdArg,
        /// As JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(global: &GlobalArgs, cmd: ConfigCommand) -> ExitCode {
    match cmd {
        ConfigCommand::Path => match config::path(&global.overrides()) {
            Some(p) => {
                println!("{}", p.display());
                ExitCode::SUCCESS
            }
            None => usage_error("no home directory: pass --config FILE"),
        },
        ConfigCommand::Init { force } => {
            let Some(p) = config::path(&global.overrides()) else {
                return usage_error("no home directory: pass --config FILE");
            };
            if p.exists() && !force {
                return usage_error(format!(
                    "{} exists; pass --force to overwrite it",
                    p.display()
                ));
            }
            if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty())
                && let Err(e) = std::fs::create_dir_all(dir)
            {
                return usage_error(format!("cannot create {}: {e}", dir.display()));
            }
            match std::fs::write(&p, EXAMPLE) {
                Ok(()) => {
                    println!("wrote {}", p.display());
                    ExitCode::SUCCESS
                }
                Err(e) => usage_error(format!("cannot write {}: {e}", p.display())),
            }
        }
        ConfigCommand::Show { client_id, json } => {
            let mut p = match config::resolve(&client_id.overrides(global)) {
                Ok(p) => p,
                Err(e) => return usage_error(e),
            };
            if p.redact {
                p.client_id = crate::api::redact::middle(&p.client_id);
            }
            if json {
                println!("{}", serde_json::to_string_pretty(&p).expect("JSON"));
            } else {
                let file = p
                    .config_file
                    .as_ref()
                    .map(|f| f.display().to_string())
                    .unwrap_or_else(|| "(none)".into());
                println!("profile:     {}", p.name);
                println!("config file: {file}");
                println!(
                    "target:      {}",
                    p.target.as_deref().unwrap_or("(built-in simulator)")
                );
                println!(
                    "device:      {}",
                    p.device_preset.map(|d| d.label()).unwrap_or("(custom)")
                );
                println!(
                    "timeouts:    connect {}, total {}",
                    humantime::format_duration(p.http.connect_timeout),
                    humantime::format_duration(p.http.timeout)
                );
                println!("insecure:    {}", p.http.insecure);
                if let Some(ca) = &p.http.ca_file {
                    println!("ca file:     {}", ca.display());
                }
                println!("headers:");
                for h in p.headers() {
                    if h.enabled
                        && h.name == crate::api::headers::FINGERPRINT
                        && p.fingerprint_generated
                    {
                        println!(
                            "  {}: {}  (generated for this run: a new one each time; set fingerprint = \"...\" in the profile to keep one)",
                            h.name, h.value
                        );
                    } else if h.enabled {
                        println!("  {}: {}", h.name, h.value);
                    } else {
                        println!("  ({} not sent)", h.name);
                    }
                }
            }
            ExitCode::SUCCESS
        }
    }
}

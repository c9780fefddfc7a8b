//! `vflow config path|init|show`.

use super::common::{cannot_create, cannot_write, ui_lang, usage_error};
use super::{ClientIdArg, GlobalArgs};
use crate::api::Lang;
use crate::config::{self, EXAMPLE, ResolvedProfile};
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

/// Where a setting came from, for `config show`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Whence {
    /// The command-line flag (its name).
    Flag(&'static str),
    /// The environment variable (its name).
    Env(&'static str),
    /// The profile's key (its name).
    Profile(&'static str),
    /// A locale variable and its value (`LANG=zh_CN.UTF-8`).
    Locale(String),
    /// X-L without a flag or a profile value: the UI language's.
    FollowsUi,
    Default,
}

impl Whence {
    pub fn words(&self, lang: Lang) -> String {
        match self {
            Whence::Flag(f) | Whence::Env(f) => (*f).to_string(),
            Whence::Profile(key) => crate::t!(lang, "cli-config-from-profile", key = *key),
            Whence::Locale(var) => crate::t!(lang, "cli-config-from-locale", var = var.as_str()),
            Whence::FollowsUi => crate::t!(lang, "cli-config-follows-ui"),
            Whence::Default => crate::t!(lang, "cli-config-from-default"),
        }
    }
}

/// Whether `--flag` is on the command line (`--flag v` or `--flag=v`); else its value came
/// from the environment variable.
fn on_command_line(args: &[String], flag: &str) -> bool {
    args.iter()
        .any(|a| a == flag || a.strip_prefix(flag).is_some_and(|r| r.starts_with('=')))
}

/// Where the UI language and X-L came from: the flag, its variable, the profile, the locale
/// (LC_ALL, LC_MESSAGES, LANG) or the default. `args` is the command line, `env` reads a
/// variable, `file_profile` is the profile as the file has it.
pub fn whence(
    global: &GlobalArgs,
    args: &[String],
    env: impl Fn(&str) -> Option<String>,
    file_profile: Option<&config::Profile>,
) -> (Whence, Whence) {
    let ui = if global.ui_lang.is_some() {
        if on_command_line(args, "--ui-lang") {
            Whence::Flag("--ui-lang")
        } else {
            Whence::Env("VFLOW_UI_LANG")
        }
    } else if file_profile.is_some_and(|p| p.ui_lang.is_some()) {
        Whence::Profile("ui_lang")
    } else {
        match ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| env(k).filter(|v| !v.trim().is_empty()).map(|v| (k, v)))
        {
            Some((k, v)) => Whence::Locale(format!("{k}={}", crate::api::text::visible(&v))),
            None => Whence::Default,
        }
    };
    let x_l = if global.lang.is_some() {
        if on_command_line(args, "--lang") {
            Whence::Flag("--lang")
        } else {
            Whence::Env("VFLOW_LANG")
        }
    } else if file_profile.is_some_and(|p| p.lang.is_some()) {
        Whence::Profile("lang")
    } else {
        Whence::FollowsUi
    };
    (ui, x_l)
}

/// A device preset as people say it, in `lang` (English: the preset's own label).
pub fn device_label(d: config::DevicePreset, lang: Lang) -> String {
    use config::DevicePreset as D;
    match d {
        D::Android => crate::t!(lang, "cli-device-android"),
        D::Iphone => crate::t!(lang, "cli-device-iphone"),
        D::Windows => crate::t!(lang, "cli-device-windows"),
        D::MacosSafari => crate::t!(lang, "cli-device-macos-safari"),
        D::Wechat => crate::t!(lang, "cli-device-wechat"),
    }
}

/// `label:` padded to the width of the longest label, then the value.
fn row(label: &str, width: usize, value: &str) -> String {
    format!("{} {value}", crate::check::pad(label, width))
}

/// The human form of `config show`, every label in the UI language.
pub fn show(p: &ResolvedProfile, ui_whence: &Whence, x_l_whence: &Whence) -> String {
    let lang = p.ui_lang;
    let labels = [
        crate::t!(lang, "cli-config-profile"),
        crate::t!(lang, "cli-config-file"),
        crate::t!(lang, "cli-config-target"),
        crate::t!(lang, "cli-config-ui-lang"),
        crate::t!(lang, "cli-config-device"),
        crate::t!(lang, "cli-config-timeouts"),
        crate::t!(lang, "cli-config-insecure"),
        crate::t!(lang, "cli-config-ca-file"),
    ];
    let w = labels
        .iter()
        .map(|l| crate::check::width(l))
        .max()
        .unwrap_or(0);
    let [
        l_profile,
        l_file,
        l_target,
        l_ui,
        l_device,
        l_timeouts,
        l_insecure,
        l_ca,
    ] = &labels;
    let mut out = Vec::new();
    let file = p
        .config_file
        .as_ref()
        .map(|f| f.display().to_string())
        .unwrap_or_else(|| crate::t!(lang, "cli-config-no-file"));
    out.push(row(l_profile, w, &p.name));
    out.push(row(l_file, w, &file));
    out.push(row(
        l_target,
        w,
        &p.target
            .clone()
            .unwrap_or_else(|| crate::t!(lang, "cli-config-builtin-sim")),
    ));
    out.push(row(
        l_ui,
        w,
        &crate::t!(
            lang,
            "cli-config-ui-lang-value",
            ui = crate::i18n::native_name(lang),
            ui_whence = ui_whence.words(lang),
            x_l = p.lang.as_str(),
            x_l_whence = x_l_whence.words(lang)
        ),
    ));
    out.push(row(
        l_device,
        w,
        &p.device_preset
            .map(|d| device_label(d, lang))
            .unwrap_or_else(|| crate::t!(lang, "cli-config-custom-device")),
    ));
    out.push(row(
        l_timeouts,
        w,
        &crate::t!(
            lang,
            "cli-config-timeouts-value",
            connect = humantime::format_duration(p.http.connect_timeout).to_string(),
            total = humantime::format_duration(p.http.timeout).to_string()
        ),
    ));
    out.push(row(
        l_insecure,
        w,
        &if p.http.insecure {
            crate::t!(lang, "cli-config-yes")
        } else {
            crate::t!(lang, "cli-config-no")
        },
    ));
    if let Some(ca) = &p.http.ca_file {
        out.push(row(l_ca, w, &ca.display().to_string()));
    }
    out.push(crate::t!(lang, "cli-config-headers"));
    for h in p.headers() {
        if h.enabled && h.name == crate::api::headers::FINGERPRINT && p.fingerprint_generated {
            out.push(format!(
                "  {}: {}  {}",
                h.name,
                h.value,
                crate::t!(lang, "cli-config-fingerprint-generated")
            ));
        } else if h.enabled {
            out.push(format!("  {}: {}", h.name, h.value));
        } else {
            out.push(format!(
                "  {}",
                crate::t!(lang, "cli-config-header-not-sent", name = h.name.as_str())
            ));
        }
    }
    out.join("\n") + "\n"
}

pub fn run(global: &GlobalArgs, cmd: ConfigCommand) -> ExitCode {
    match cmd {
        ConfigCommand::Path => match config::path(&global.overrides()) {
            Some(p) => {
                println!("{}", p.display());
                ExitCode::SUCCESS
            }
            None => usage_error(crate::t!(ui_lang(global), "cli-config-no-home")),
        },
        ConfigCommand::Init { force } => {
            let lang = ui_lang(global);
            let Some(p) = config::path(&global.overrides()) else {
                return usage_error(crate::t!(lang, "cli-config-no-home"));
            };
            if p.exists() && !force {
                return usage_error(crate::t!(
                    lang,
                    "cli-config-exists",
                    path = p.display().to_string()
                ));
            }
            if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty())
                && let Err(e) = std::fs::create_dir_all(dir)
            {
                return usage_error(cannot_create(lang, dir, &e.to_string()));
            }
            match std::fs::write(&p, EXAMPLE) {
                Ok(()) => {
                    println!(
                        "{}",
                        crate::t!(lang, "cli-config-wrote", path = p.display().to_string())
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => usage_error(cannot_write(lang, &p, &e.to_string())),
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
                // the file was read by `resolve` just now: read again for what it says itself
                let file = p.config_file.as_deref().and_then(|f| config::load(f).ok());
                let profile = file.as_ref().and_then(|f| f.profiles.get(&p.name));
                let args: Vec<String> = std::env::args_os()
                    .map(|a| a.to_string_lossy().into_owned())
                    .collect();
                let (ui, x_l) = whence(global, &args, |k| std::env::var(k).ok(), profile);
                print!("{}", show(&p, &ui, &x_l));
            }
            ExitCode::SUCCESS
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn global(ui: Option<Lang>, x_l: Option<&str>) -> GlobalArgs {
        GlobalArgs {
            ui_lang: ui,
            lang: x_l.map(String::from),
            ..GlobalArgs::default()
        }
    }

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_ui_language_says_where_it_came_from() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let zh_profile = config::Profile {
            ui_lang: Some(Lang::Zh),
            ..Default::default()
        };
        let none: &[(&str, &str)] = &[];
        let cases = [
            (
                whence(
                    &global(Some(Lang::Zh), None),
                    &args(&["vflow", "--ui-lang=zh"]),
                    env(none),
                    None,
                )
                .0,
                Whence::Flag("--ui-lang"),
            ),
            (
                whence(
                    &global(Some(Lang::Zh), None),
                    &args(&["vflow"]),
                    env(none),
                    None,
                )
                .0,
                Whence::Env("VFLOW_UI_LANG"),
            ),
            (
                whence(
                    &global(None, None),
                    &args(&["vflow"]),
                    env(&[("LANG", "zh_CN.UTF-8")]),
                    Some(&zh_profile),
                )
                .0,
                Whence::Profile("ui_lang"),
            ),
            (
                whence(
                    &global(None, None),
                    &args(&["vflow"]),
                    env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")]),
                    None,
                )
                .0,
                Whence::Locale("LC_ALL=en_US.UTF-8".into()),
            ),
            (
                whence(
                    &global(None, None),
                    &args(&["vflow"]),
                    env(&[("LC_ALL", "")]),
                    None,
                )
                .0,
                Whence::Default,
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
        let (_, x_l) = whence(
            &global(None, Some("zh")),
            &args(&["vflow", "--lang", "zh"]),
            env(none),
            None,
        );
        assert_eq!(x_l, Whence::Flag("--lang"));
        let (_, x_l) = whence(&global(None, None), &args(&["vflow"]), env(none), None);
        assert_eq!(x_l, Whence::FollowsUi);
        assert_eq!(
            Whence::Locale("LANG=zh_CN.UTF-8".into()).words(Lang::Zh),
            "区域设置 LANG=zh_CN.UTF-8"
        );
    }

    #[test]
    fn device_labels_in_english_are_the_presets() {
        use config::DevicePreset as D;
        for d in [D::Android, D::Iphone, D::Windows, D::MacosSafari, D::Wechat] {
            assert_eq!(device_label(d, Lang::En), d.label());
            assert_ne!(device_label(d, Lang::Zh), d.label());
        }
    }

    #[test]
    fn show_lines_up_its_labels_in_both_languages() {
        let cfg = config::ConfigFile::default();
        for ui in [Lang::En, Lang::Zh] {
            let o = config::Overrides {
                ui_lang: Some(ui),
                ..Default::default()
            };
            let p = config::resolve_with(&o, None, &cfg).unwrap();
            let text = show(&p, &Whence::Flag("--ui-lang"), &Whence::FollowsUi);
            // the value starts in the same terminal column on every line
            let starts: Vec<usize> = text
                .lines()
                .take(7)
                .map(|l| {
                    let colon = l.find([':', '：']).unwrap();
                    let after = colon + l[colon..].chars().next().unwrap().len_utf8();
                    let spaces = l[after..].len() - l[after..].trim_start().len();
                    crate::check::width(&l[..after + spaces])
                })
                .collect();
            assert!(starts.windows(2).all(|w| w[0] == w[1]), "{ui:?}: {text}");
        }
    }
}

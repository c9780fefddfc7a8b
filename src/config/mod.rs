//! Profiles: the TOML config file, built-in device presets, and the effective
//! profile after merging (flags > `VFLOW_*` environment > file > defaults).
//!
//! The TUI and the CLI both call [`resolve`] with the [`Overrides`] the command
//! line filled in (clap merges each flag with its `VFLOW_*` variable).

pub(crate) mod presets;
mod save;
mod target;
pub use save::save_headers;
pub use target::Target;

pub use presets::{DeviceHeaders, DevicePreset};

use crate::api::catalogue::Lang;
use crate::api::headers as h;
use crate::client::build::{self, header};
use crate::client::{ExplainContext, HeaderSetting, HttpOptions, RequestSpec};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The profile used when neither `--profile` nor `default_profile` names one.
pub const DEFAULT_PROFILE: &str = "default";

/// The config file's name inside the platform config directory.
pub(crate) const FILE_NAME: &str = "config.toml";

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Profile used when `--profile` is not given.
    pub default_profile: Option<toml::Spanned<String>>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// One named profile as written in the file; every key is optional.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Base URL of the tenant; absent: the built-in simulator.
    #[serde(default, deserialize_with = "de_url")]
    pub target: Option<String>,
    pub client_id: Option<String>,
    pub tenant_id: Option<String>,
    /// Sent as X-L; absent: follows the UI language.
    pub lang: Option<String>,
    /// The language vflow itself speaks (`en` or `zh`); absent: the locale.
    #[serde(default, deserialize_with = "de_ui_lang")]
    pub ui_lang: Option<Lang>,
    /// Device preset; the four values below override it one by one.
    pub device: Option<DevicePreset>,
    pub os_version: Option<String>,
    pub fingerprint: Option<String>,
    pub agent: Option<String>,
    pub device_ip: Option<String>,
    #[serde(default, deserialize_with = "de_duration")]
    pub connect_timeout: Option<Duration>,
    #[serde(default, deserialize_with = "de_duration")]
    pub timeout: Option<Duration>,
    pub insecure: Option<bool>,
    pub ca_file: Option<PathBuf>,
    pub redact: Option<bool>,
    /// Extra headers, sent after the documented ones.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Headers not to send at all.
    #[serde(default)]
    pub omit_headers: Vec<String>,
}

/// A duration such as `5s` or `500ms` that is greater than zero (a zero timeout would make
/// every exchange race its own deadline).
pub fn positive_duration(s: &str) -> Result<Duration, String> {
    let d = humantime::parse_duration(s.trim())
        .map_err(|e| format!("{s:?} is not a duration like \"5s\" or \"500ms\": {e}"))?;
    if d.is_zero() {
        return Err(format!("{s:?}: must be greater than zero"));
    }
    Ok(d)
}

fn de_duration<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
    let s = String::deserialize(d)?;
    positive_duration(&s)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

fn de_ui_lang<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Lang>, D::Error> {
    let s = String::deserialize(d)?;
    crate::i18n::parse_ui_lang(&s)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

fn de_url<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = String::deserialize(d)?;
    check_target(&s).map(Some).map_err(serde::de::Error::custom)
}

/// A target must be an http(s) URL.
pub(crate) fn check_target(s: &str) -> Result<String, String> {
    let u = reqwest::Url::parse(s.trim()).map_err(|e| format!("{s:?} is not a URL: {e}"))?;
    if u.scheme() != "http" && u.scheme() != "https" {
        return Err(format!(
            "{s:?}: the target must start with http:// or https://"
        ));
    }
    Ok(s.trim().trim_end_matches('/').to_string())
}

/// A config problem; the message names the file, line and key when there are ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// What the command line says, over the file's profile: each value is the flag
/// or, without the flag, its `VFLOW_*` variable (the CLI merges the two).
/// `None`/`false`: the file's profile (or the default) decides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// The config file to read instead of the default one.
    pub config: Option<PathBuf>,
    /// The profile to use instead of the file's `default_profile`.
    pub profile: Option<String>,
    pub target: Option<String>,
    pub client_id: Option<String>,
    pub tenant_id: Option<String>,
    pub lang: Option<String>,
    /// `--ui-lang` / `VFLOW_UI_LANG`.
    pub ui_lang: Option<Lang>,
    /// The locale's language (`LC_ALL`, `LC_MESSAGES`, `LANG`), below the profile's `ui_lang`.
    pub locale: Option<Lang>,
    pub device: Option<DevicePreset>,
    pub connect_timeout: Option<Duration>,
    pub timeout: Option<Duration>,
    /// `true` turns TLS verification off whatever the file says.
    pub insecure: bool,
    pub ca_file: Option<PathBuf>,
    /// `true` turns redaction on whatever the file says.
    pub redact: bool,
}

/// The effective profile.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ResolvedProfile {
    pub name: String,
    /// The config file that was read, if any.
    pub config_file: Option<PathBuf>,
    /// `None`: the built-in simulator.
    pub target: Option<String>,
    pub client_id: String,
    pub tenant_id: Option<String>,
    pub lang: String,
    /// The language of vflow's own words (flag, profile, locale, English: in that order).
    pub ui_lang: Lang,
    pub device_preset: Option<DevicePreset>,
    pub device: DeviceHeaders,
    /// The fingerprint is not in the profile: a fresh one is generated each run.
    pub fingerprint_generated: bool,
    pub extra_headers: Vec<(String, String)>,
    pub omit_headers: Vec<String>,
    pub http: HttpOptions,
    pub redact: bool,
}

/// The platform data directory (history, reports, the log file).
pub(crate) fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "vflow").map(|d| d.data_dir().to_path_buf())
}

/// The exchange history shared by the TUI and the CLI: `<data dir>/history.jsonl`.
pub fn history_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join("history.jsonl"))
}

/// The default config file path in the platform config directory.
pub(crate) fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "vflow").map(|d| d.config_dir().join(FILE_NAME))
}

/// The config file in effect: `--config` / `VFLOW_CONFIG`, else the default path.
pub(crate) fn path(args: &Overrides) -> Option<PathBuf> {
    args.config.clone().or_else(default_path)
}

/// 1-based line and column of a byte offset in `text` (for error messages).
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.len() - before.rfind('\n').map(|i| i + 1).unwrap_or(0) + 1;
    (line, col)
}

/// The dotted key at a line: the last table header above it plus the key on it.
fn key_at(text: &str, line: usize) -> Option<String> {
    let mut table = String::new();
    for (i, l) in text.lines().enumerate() {
        let l = l.trim();
        if l.starts_with('[') {
            table = l.trim_matches(|c| c == '[' || c == ']').trim().to_string();
        }
        if i + 1 == line {
            let key = l
                .split_once('=')
                .map(|(k, _)| k.trim().trim_matches('"').to_string());
            return match (key, table.is_empty()) {
                (Some(k), true) => Some(k),
                (Some(k), false) => Some(format!("{table}.{k}")),
                (None, false) => Some(table),
                (None, true) => None,
            };
        }
    }
    None
}

/// Parse a config file's text; `file` only names it in errors.
pub(crate) fn parse(text: &str, file: &Path) -> Result<ConfigFile, ConfigError> {
    let cfg: ConfigFile = toml::from_str(text).map_err(|e| {
        let msg = e.message().trim().to_string();
        match e.span() {
            Some(span) => {
                let (line, col) = line_col(text, span.start);
                let key = key_at(text, line)
                    .map(|k| format!(" key `{k}`:"))
                    .unwrap_or_default();
                ConfigError(format!("{}:{line}:{col}:{key} {msg}", file.display()))
            }
            None => ConfigError(format!("{}: {msg}", file.display())),
        }
    })?;
    if let Some(d) = &cfg.default_profile
        && d.get_ref() != DEFAULT_PROFILE
        && !cfg.profiles.contains_key(d.get_ref())
    {
        let (line, col) = line_col(text, d.span().start);
        return Err(ConfigError(format!(
            "{}:{line}:{col}: key `default_profile`: no profile named {:?} (known: {})",
            file.display(),
            d.get_ref(),
            known(&cfg)
        )));
    }
    Ok(cfg)
}

fn known(cfg: &ConfigFile) -> String {
    let mut names: Vec<&str> = cfg.profiles.keys().map(String::as_str).collect();
    if !names.contains(&DEFAULT_PROFILE) {
        names.insert(0, DEFAULT_PROFILE);
    }
    names.join(", ")
}

/// Read and parse a config file.
pub(crate) fn load(file: &Path) -> Result<ConfigFile, ConfigError> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        ConfigError(format!(
            "{}: cannot read the config file: {e}",
            file.display()
        ))
    })?;
    parse(&text, file)
}

/// The effective profile: the overrides (flags and their `VFLOW_*` variables)
/// over the file's profile over the defaults. A missing default config file is
/// fine; a missing file named by `--config`/`VFLOW_CONFIG`, an unreadable or
/// malformed one, or an unknown profile name is an error.
pub fn resolve(args: &Overrides) -> Result<ResolvedProfile, ConfigError> {
    let (file, cfg) = match (&args.config, default_path()) {
        (Some(p), _) => (Some(p.clone()), load(p)?),
        (None, Some(p)) if p.exists() => (Some(p.clone()), load(&p)?),
        _ => (None, ConfigFile::default()),
    };
    resolve_with(args, file, &cfg)
}

/// [`resolve`] with an already loaded file.
pub fn resolve_with(
    args: &Overrides,
    file: Option<PathBuf>,
    cfg: &ConfigFile,
) -> Result<ResolvedProfile, ConfigError> {
    let name = args
        .profile
        .clone()
        .or_else(|| cfg.default_profile.as_ref().map(|d| d.get_ref().clone()))
        .unwrap_or_else(|| DEFAULT_PROFILE.to_string());
    let p = match cfg.profiles.get(&name) {
        Some(p) => p.clone(),
        None if name == DEFAULT_PROFILE => Profile::default(),
        None => {
            let place = file
                .as_ref()
                .map(|f| f.display().to_string())
                .unwrap_or_else(|| "(no config file)".into());
            return Err(ConfigError(format!(
                "{place}: no profile named {name:?} (known: {})",
                known(cfg)
            )));
        }
    };
    let target = match &args.target {
        Some(t) => Some(
            check_target(t).map_err(|e| ConfigError(format!("--target / VFLOW_TARGET: {e}")))?,
        ),
        None => p.target.clone(),
    };
    let preset = args.device.or(p.device).or(Some(DevicePreset::Android));
    let base = preset
        .map(|d| d.headers())
        .unwrap_or_else(|| DevicePreset::Android.headers());
    // --device / VFLOW_DEVICE is a flag: it wins over the file's device values too.
    let device = if args.device.is_some() {
        base
    } else {
        DeviceHeaders {
            os_version: p.os_version.clone().unwrap_or(base.os_version),
            fingerprint: p.fingerprint.clone().unwrap_or(base.fingerprint),
            agent: p.agent.clone().unwrap_or(base.agent),
            device_ip: p.device_ip.clone().unwrap_or(base.device_ip),
        }
    };
    let fingerprint_generated = args.device.is_some() || p.fingerprint.is_none();
    let ui_lang = crate::i18n::choose(args.ui_lang, p.ui_lang, args.locale);
    let defaults = HttpOptions::default();
    Ok(ResolvedProfile {
        fingerprint_generated,
        name,
        config_file: file,
        target,
        client_id: args
            .client_id
            .clone()
            .or(p.client_id.clone())
            .unwrap_or_else(|| h::EXAMPLE_CLIENT_ID.to_string()),
        tenant_id: args
            .tenant_id
            .clone()
            .or(p.tenant_id.clone())
            .filter(|t| !t.is_empty()),
        lang: args.lang.clone().or(p.lang.clone()).unwrap_or_else(|| {
            match ui_lang {
                Lang::Zh => "zh",
                Lang::En => "en",
            }
            .into()
        }),
        ui_lang,
        device_preset: preset,
        device,
        extra_headers: p.headers.clone().into_iter().collect(),
        omit_headers: p.omit_headers.clone(),
        http: HttpOptions {
            connect_timeout: args
                .connect_timeout
                .or(p.connect_timeout)
                .unwrap_or(defaults.connect_timeout),
            timeout: args.timeout.or(p.timeout).unwrap_or(defaults.timeout),
            insecure: args.insecure || p.insecure.unwrap_or(false),
            ca_file: args.ca_file.clone().or(p.ca_file.clone()),
            no_proxy: false,
        },
        redact: args.redact || p.redact.unwrap_or(false),
    })
}

impl ResolvedProfile {
    /// The headers of every `/api/v2/sdk` request, in the documentation's order,
    /// then the profile's extra headers; omitted ones are kept but disabled.
    pub fn headers(&self) -> Vec<HeaderSetting> {
        let mut v = vec![
            header(h::OS_VERSION, &self.device.os_version),
            header(h::FINGERPRINT, &self.device.fingerprint),
            header(h::DEVICE_IP, &self.device.device_ip),
            header(h::AGENT, &self.device.agent),
            header(h::LANG, &self.lang),
            header(h::CLIENT_ID, &self.client_id),
            header(h::CONTENT_TYPE, "application/json"),
        ];
        match &self.tenant_id {
            Some(t) => v.push(header(h::TENANT_ID, t)),
            None => v.push(HeaderSetting {
                name: h::TENANT_ID.into(),
                value: String::new(),
                enabled: false,
            }),
        }
        let mut spec = RequestSpec {
            method: String::new(),
            base_url: String::new(),
            path: String::new(),
            headers: v,
            body: None,
            raw_body: None,
        };
        for (n, val) in &self.extra_headers {
            spec.set_header(n, val);
        }
        for n in &self.omit_headers {
            spec.omit_header(n);
        }
        spec.headers
    }

    pub fn sms_send(
        &self,
        base_url: &str,
        scene: &str,
        mobile: &str,
        captcha_token: &str,
    ) -> RequestSpec {
        build::sms_send(base_url, self.headers(), scene, mobile, captcha_token)
    }

    pub fn captcha_get(&self, base_url: &str) -> RequestSpec {
        build::captcha_get(base_url, self.headers())
    }

    pub fn captcha_verify(
        &self,
        base_url: &str,
        point_json: &str,
        token: &str,
        sender: &str,
    ) -> RequestSpec {
        build::captcha_verify(base_url, self.headers(), point_json, token, sender)
    }

    pub fn login(&self, base_url: &str, mobile: &str, verify_code: &str) -> RequestSpec {
        build::login(base_url, self.headers(), mobile, verify_code)
    }

    /// What `explain` should know from the profile (timeouts, redaction,
    /// the simulator's registered ids when the target is the built-in one).
    pub fn explain_context(&self) -> ExplainContext {
        ExplainContext {
            connect_timeout: Some(self.http.connect_timeout),
            timeout: Some(self.http.timeout),
            redact: self.redact,
            registered_client_ids: self
                .target
                .is_none()
                .then(|| vec![h::EXAMPLE_CLIENT_ID.to_string()]),
            ..ExplainContext::default()
        }
    }
}

/// The commented example written by `vflow config init`.
pub const EXAMPLE: &str = r#"# vflow configuration: named profiles for `vflow --profile NAME` (or VFLOW_PROFILE).
# Precedence: command-line flags > VFLOW_* environment variables > this file > defaults.
# Unknown keys are errors. Durations are written like "5s", "500ms", "1m".

# The profile used when --profile is not given (default: "default").
default_profile = "default"

# The built-in simulator (no target): the documentation's example client id is registered.
[profiles.default]
device = "android"            # android | iphone | windows | macos-safari | wechat
lang = "en"                   # X-L: "zh" for Chinese messages, anything else English

# A real tenant. Every key is optional.
[profiles.staging]
target = "https://staging.example.com"   # the tenant's root URL; vflow appends /api/v2/sdk/...
client_id = "nTo1eRIub60vPb54WeE6aojPwYwImtl4"
# tenant_id = ""              # X-tenant-id, OneAccess ISV applications only
lang = "zh"
device = "iphone"             # preset values; a fresh fingerprint is generated each run
# os_version = "iOS 17.4.1"   # override single device headers
# fingerprint = "156aysdna213sc50"
# agent = "Mozilla/5.0 (iPhone; CPU iPhone OS 13_3 like Mac OS X)"
# device_ip = "192.168.1.2"
connect_timeout = "5s"
timeout = "30s"
# insecure = false            # true skips TLS certificate verification (test systems only)
# ca_file = "/etc/ssl/private-ca.pem"
# redact = true               # mask mobile, captcha token and client id in all output
# omit_headers = ["X-device-ip"]   # headers not sent at all

# Extra headers sent after the documented ones.
[profiles.staging.headers]
# "X-Request-Source" = "qa"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn args() -> Overrides {
        Overrides::default()
    }

    #[test]
    fn example_parses_and_defaults_target_the_simulator() {
        let cfg = parse(EXAMPLE, Path::new("example.toml")).unwrap();
        let p = resolve_with(&args(), None, &cfg).unwrap();
        assert_eq!(p.name, "default");
        assert_eq!(p.target, None);
        assert_eq!(p.client_id, h::EXAMPLE_CLIENT_ID);
        let mut a = args();
        a.profile = Some("staging".into());
        let p = resolve_with(&a, None, &cfg).unwrap();
        assert_eq!(p.target.as_deref(), Some("https://staging.example.com"));
        assert_eq!(p.http.connect_timeout, Duration::from_secs(5));
        assert_eq!(p.device_preset, Some(DevicePreset::Iphone));
    }

    #[test]
    fn headers_in_documented_order_with_tenant_disabled() {
        let p = resolve_with(&args(), None, &ConfigFile::default()).unwrap();
        let headers = p.headers();
        let names: Vec<(&str, bool)> = headers
            .iter()
            .map(|h| (h.name.as_str(), h.enabled))
            .collect();
        assert_eq!(
            names,
            [
                (h::OS_VERSION, true),
                (h::FINGERPRINT, true),
                (h::DEVICE_IP, true),
                (h::AGENT, true),
                (h::LANG, true),
                (h::CLIENT_ID, true),
                (h::CONTENT_TYPE, true),
                (h::TENANT_ID, false)
            ]
        );
    }

    #[test]
    fn errors_name_line_and_key() {
        let text = "[profiles.a]\ntarget = \"http://x\"\ntimeout = \"soon\"\n";
        let e = parse(text, Path::new("c.toml")).unwrap_err().0;
        assert!(e.starts_with("c.toml:3:"), "{e}");
        assert!(e.contains("profiles.a.timeout"), "{e}");
    }
}

//! What the client commands share: runtime, profile, target, printing.

use super::{ClientIdArg, GlobalArgs, exit};
use crate::api::Lang;
use crate::client::explain::{ExplainContext, Explanation, explain_exchange};
use crate::client::history::{HistoryStore, Record, Source};
use crate::client::report::{self, Redactor};
use crate::client::{Exchange, Http, RequestSpec};
use crate::config::{self, ResolvedProfile, Target};
use crate::sim::{SimConfig, SimHandle};
use std::process::ExitCode;

/// A single-threaded runtime: one request per command needs no more.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// Print `vflow: MESSAGE` on stderr and return the usage/config exit code.
pub fn usage_error(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("vflow: {msg}");
    ExitCode::from(exit::USAGE)
}

/// The UI language of a command that needs no profile (codes, import, serve, listings):
/// `--ui-lang` / `VFLOW_UI_LANG`, else the profile's `ui_lang` when the config can be read,
/// else the locale, else English.
pub fn ui_lang(global: &GlobalArgs) -> Lang {
    match config::resolve(&global.overrides()) {
        Ok(p) => p.ui_lang,
        Err(_) => crate::i18n::choose(
            global.ui_lang,
            None,
            crate::i18n::env_locale(|k| std::env::var(k).ok()),
        ),
    }
}

/// `vflow: warning: TEXT` on stderr, in `lang`.
pub fn warn(lang: Lang, text: &str) {
    eprintln!("{}", crate::t!(lang, "cli-warning", text = text));
}

/// The effective profile for a client command.
pub fn profile(global: &GlobalArgs, client_id: &ClientIdArg) -> Result<ResolvedProfile, ExitCode> {
    config::resolve(&client_id.overrides(global)).map_err(usage_error)
}

pub fn http(profile: &ResolvedProfile) -> Result<Http, ExitCode> {
    Http::new(&profile.http).map_err(|e| usage_error(e.text(profile.ui_lang)))
}

/// The effective profile and its HTTP client.
pub fn setup(
    global: &GlobalArgs,
    client_id: &ClientIdArg,
) -> Result<(ResolvedProfile, Http), ExitCode> {
    let p = profile(global, client_id)?;
    let h = http(&p)?;
    Ok((p, h))
}

/// Where requests go: the profile's target, or an in-process simulator on
/// 127.0.0.1 when the profile has none (its handle keeps it alive for the
/// command's duration).
pub async fn target(
    profile: &ResolvedProfile,
    note: bool,
) -> Result<(Target, Option<SimHandle>), ExitCode> {
    if let Some(t) = Target::configured(profile) {
        return Ok((t, None));
    }
    let sim = crate::sim::spawn_in_process(SimConfig::in_process())
        .await
        .map_err(|e| {
            usage_error(crate::t!(
                profile.ui_lang,
                "cli-sim-start-failed",
                error = e.to_string()
            ))
        })?;
    if note {
        eprintln!(
            "vflow: {}",
            crate::t!(profile.ui_lang, "cli-in-process-note", url = sim.base_url())
        );
    }
    Ok((Target::simulator(sim.base_url(), &profile.name), Some(sim)))
}

/// The history the sending commands record into (set once by [`keep_history`]).
static HISTORY: std::sync::OnceLock<Option<HistoryStore>> = std::sync::OnceLock::new();

/// Record this command's exchanges in the history the TUI shows (`send`,
/// `flow`), unless `--no-history`.
pub fn keep_history(global: &GlobalArgs) {
    let store = if global.no_history {
        None
    } else {
        config::history_path().map(HistoryStore::new)
    };
    let _ = HISTORY.set(store);
    let _ = HISTORY_LANG.set(ui_lang(global));
}

/// The UI language of the command that keeps history (for its warning).
static HISTORY_LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// Add an exchange to the history, as made by the CLI. The captcha calls of
/// a flow are steps towards a send, not exchanges to look at again: left out.
fn record(spec: &RequestSpec, x: &Exchange) {
    let Some(Some(store)) = HISTORY.get() else {
        return;
    };
    let path = spec.path.split('?').next().unwrap_or_default();
    if path == crate::api::paths::CAPTCHA || path == crate::api::paths::CAPTCHA_VERIFY {
        return;
    }
    // Ids are microseconds since the epoch, as the TUI's: they sort by time.
    static LAST: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros() as u64)
        .unwrap_or(1);
    let prev = LAST.load(std::sync::atomic::Ordering::Relaxed);
    let id = now.max(prev + 1);
    LAST.store(id, std::sync::atomic::Ordering::Relaxed);
    let mut rec = Record::new(id, spec.clone(), x.clone(), None);
    rec.source = Source::Cli;
    if let Err(e) = store.append(&rec) {
        let lang = HISTORY_LANG.get().copied().unwrap_or(Lang::En);
        let text = crate::t!(
            lang,
            "cli-history-not-added",
            path = store.path.display().to_string(),
            error = e.to_string()
        );
        warn(lang, &text);
    }
}

/// Send and return the exchange; a spec that cannot be sent is a usage error.
/// The exchange goes into the history when the command keeps one.
pub async fn send(http: &Http, spec: &RequestSpec, lang: Lang) -> Result<Exchange, ExitCode> {
    let x = http
        .send(spec)
        .await
        .map_err(|e| usage_error(e.text(lang)))?;
    record(spec, &x);
    Ok(x)
}

/// A redactor that knows this exchange's secrets when redaction is on.
pub fn redactor(on: bool, x: &Exchange) -> Option<Redactor> {
    on.then(|| {
        let mut r = Redactor::new();
        r.learn(x);
        r
    })
}

/// Print one exchange (human or JSON) and return its exit code; with `json`,
/// a top-level `"warnings"` array (the human output printed them before).
pub fn print_exchange_warned(
    x: &Exchange,
    ctx: &ExplainContext,
    json: bool,
    warnings: &[crate::client::precheck::Warning],
    lang: Lang,
) -> ExitCode {
    print_exchange_with(x, ctx, json, Some(warnings), lang)
}

fn print_exchange_with(
    x: &Exchange,
    ctx: &ExplainContext,
    json: bool,
    warnings: Option<&[crate::client::precheck::Warning]>,
    lang: Lang,
) -> ExitCode {
    let expl: Explanation = explain_exchange(x, ctx);
    let shown = match redactor(ctx.redact, x) {
        Some(r) => r.exchange(x),
        None => x.clone(),
    };
    if json {
        let mut v = report::json_report(&shown, &expl);
        if let (Some(warnings), Some(obj)) = (warnings, v.as_object_mut()) {
            obj.insert("warnings".into(), serde_json::json!(warnings));
        }
        println!("{}", crate::api::text::json_pretty(&v));
    } else {
        print!("{}", report::render_exchange(&shown, &expl, lang));
    }
    ExitCode::from(report::exit_code(&x.outcome))
}

/// A path as one shell word, for the commands vflow suggests.
pub fn shell_arg(p: &std::path::Path) -> String {
    crate::client::curl::shell_quote(&p.display().to_string())
}

/// `--har FILE`: write exchanges as HAR 1.2 (0600), masked when redaction is on.
/// A failure is printed (in `lang`); `false` then (the command ends with the usage exit code).
pub fn write_har_all(
    path: Option<&std::path::Path>,
    xs: &[Exchange],
    redact: bool,
    lang: Lang,
) -> bool {
    let Some(path) = path else { return true };
    let shown: Vec<Exchange> = if redact {
        let mut r = Redactor::new();
        for x in xs {
            r.learn(x);
        }
        xs.iter().map(|x| r.exchange(x)).collect()
    } else {
        xs.to_vec()
    };
    match crate::client::export::write_har(path, &shown) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("vflow: {}", cannot_write(lang, path, &e.to_string()));
            false
        }
    }
}

/// `--har FILE` for one exchange, then the exchange printed; the exit code of both.
pub fn print_and_write_har(
    x: &Exchange,
    ctx: &ExplainContext,
    json: bool,
    har: Option<&std::path::Path>,
    warnings: &[crate::client::precheck::Warning],
    lang: Lang,
) -> ExitCode {
    let written = write_har_all(har, std::slice::from_ref(x), ctx.redact, lang);
    let code = print_exchange_warned(x, ctx, json, warnings, lang);
    if written {
        code
    } else {
        ExitCode::from(exit::USAGE)
    }
}

/// `cannot write PATH: ERROR` in `lang`.
pub fn cannot_write(lang: Lang, path: &std::path::Path, error: &str) -> String {
    crate::t!(
        lang,
        "cli-cannot-write",
        path = path.display().to_string(),
        error = error
    )
}

/// `cannot create DIR: ERROR` in `lang`.
pub fn cannot_create(lang: Lang, dir: &std::path::Path, error: &str) -> String {
    crate::t!(
        lang,
        "cli-cannot-create",
        path = dir.display().to_string(),
        error = error
    )
}

/// Text from outside (a file, the network) made safe to print: control
/// characters are shown escaped, never sent to the terminal.
pub fn printable(s: &str) -> String {
    crate::api::text::visible(s).into_owned()
}

/// A value parser that takes any string (so a wrong value reaches the server or
/// gets vflow's own hint) and offers known values to shell completion and help.
#[derive(Clone)]
pub struct Suggest(pub fn() -> Vec<&'static str>);

impl clap::builder::TypedValueParser for Suggest {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.0)()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

/// The six send scenes (`type`), for completion.
pub fn scene_values() -> Vec<&'static str> {
    crate::api::Scene::ALL.iter().map(|s| s.code()).collect()
}

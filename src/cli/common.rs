//! What the client commands share: runtime, profile, target, printing.

use super::{ClientIdArg, GlobalArgs, exit};
use crate::client::explain::{ExplainContext, Explanation, explain_exchange};
use crate::client::report::{self, Redactor};
use crate::client::{Exchange, Http, RequestSpec};
use crate::config::{self, ResolvedProfile};
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

/// The effective profile for a client command.
pub fn profile(global: &GlobalArgs, client_id: &ClientIdArg) -> Result<ResolvedProfile, ExitCode> {
    config::resolve(&client_id.effective_args(global)).map_err(usage_error)
}

pub fn http(profile: &ResolvedProfile) -> Result<Http, ExitCode> {
    Http::new(&profile.http).map_err(usage_error)
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

/// Where requests go: the profile's target, or an in-process simulator.
pub struct Target {
    pub base_url: String,
    /// Kept alive for the command's duration when in-process.
    pub sim: Option<SimHandle>,
}

impl Target {
    pub fn in_process(&self) -> bool {
        self.sim.is_some()
    }
}

/// Start an in-process simulator on 127.0.0.1 when the profile has no target.
pub async fn target(profile: &ResolvedProfile, note: bool) -> Result<Target, ExitCode> {
    if let Some(t) = &profile.target {
        return Ok(Target {
            base_url: t.clone(),
            sim: None,
        });
    }
    let cfg = SimConfig {
        reveal_solutions: true,
        quiet: true,
        ..SimConfig::default()
    };
    let sim = crate::sim::start(cfg, ([127, 0, 0, 1], 0).into())
        .await
        .map_err(|e| usage_error(format!("cannot start the built-in simulator: {e}")))?;
    if note {
        eprintln!(
            "vflow: no --target: using an in-process simulator at {} (its state lasts for this command only; \
run `vflow serve` and pass --target http://127.0.0.1:8080 to keep state between commands)",
            sim.base_url()
        );
    }
    Ok(Target {
        base_url: sim.base_url(),
        sim: Some(sim),
    })
}

/// Send and return the exchange; a spec that cannot be sent is a usage error.
pub async fn send(http: &Http, spec: &RequestSpec) -> Result<Exchange, ExitCode> {
    http.send(spec).await.map_err(usage_error)
}

/// A redactor that knows this exchange's secrets when redaction is on.
pub fn redactor(on: bool, x: &Exchange) -> Option<Redactor> {
    on.then(|| {
        let mut r = Redactor::new();
        r.learn(x);
        r
    })
}

/// Print one exchange (human or JSON) and return its exit code.
pub fn print_exchange(x: &Exchange, ctx: &ExplainContext, json: bool) -> ExitCode {
    let expl: Explanation = explain_exchange(x, ctx);
    let shown = match redactor(ctx.redact, x) {
        Some(r) => r.exchange(x),
        None => x.clone(),
    };
    if json {
        let v = report::json_report(&shown, &expl);
        println!("{}", crate::api::text::json_pretty(&v));
    } else {
        print!("{}", report::render_exchange(&shown, &expl));
    }
    ExitCode::from(report::exit_code(&x.outcome))
}

/// A path as one shell word, for the commands vflow suggests.
pub fn shell_arg(p: &std::path::Path) -> String {
    crate::client::curl::shell_quote(&p.display().to_string())
}

/// `--har FILE`: write exchanges as HAR 1.2 (0600), masked when redaction is on.
/// A failure is printed; `false` then (the command ends with the usage exit code).
pub fn write_har_all(path: Option<&std::path::Path>, xs: &[Exchange], redact: bool) -> bool {
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
            eprintln!("vflow: cannot write {}: {e}", path.display());
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
) -> ExitCode {
    let written = write_har_all(har, std::slice::from_ref(x), ctx.redact);
    let code = print_exchange(x, ctx, json);
    if written {
        code
    } else {
        ExitCode::from(exit::USAGE)
    }
}

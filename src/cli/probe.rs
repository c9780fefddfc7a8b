//! `vflow probe`: bounded attacks on the tenant's SMS defences, with cost and consent.

use super::check::write_file;
use super::common;
use super::{ClientIdArg, GlobalArgs, exit};
use crate::api::Lang;
use crate::check::probe::{
    self, Budget, ProbeProgress, ProbeReport, ProbeResult, ProbeSuite, ProbeVerdict,
};
use crate::check::probe_plan::{self, Consent, is_loopback, plan};
use crate::check::{Env, probe_report};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Each probe is a small attack with the defence it expects: held, FINDING (with severity and the
exchanges as evidence) or skipped (with the reason). Probes that need valid pass tokens get them
through the simulator's /_sim/ reveal; against a target without it they are skipped.

Cost and consent: every sms/send that could be accepted is counted against --max-sms (default 3
against anything but a vflow simulator; none against the simulator) and a probe stops before it
would exceed it. Against a target that is not on this machine (not loopback) nothing is sent
without --authorized (you own the tenant or may test it); the plan (probes, requests, SMS budget)
is printed and confirmed on a terminal, or with --yes.

Try a weak simulator: vflow serve --weak race,cooldown --reveal-solutions, then
vflow probe --target http://127.0.0.1:8080

Exit codes: 0 every probe held (or was skipped), 1 a finding, 2 usage or refused, 3 no answer.

Examples:
  vflow probe
  vflow probe --only race --only cooldown --json probe.json --har probe.har
  vflow probe --target https://tenant.example.com --authorized --max-sms 5")]
pub struct ProbeArgs {
    /// A probe suite file instead of the built-in one (format: vflow probe --print-suite)
    #[arg(long, value_name = "FILE")]
    pub suite: Option<PathBuf>,
    /// Run only these probes (repeatable, or several names after one --only)
    #[arg(long, value_name = "NAME", num_args = 1..)]
    pub only: Vec<String>,
    /// SMS the run may cause at most (default: 3, or no limit against a vflow simulator)
    #[arg(long, value_name = "N")]
    pub max_sms: Option<u32>,
    /// Requests the parallel probes fire at once (race, code-guessing; default 10)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..=probe::MAX_PARALLEL as i64))]
    pub parallel: Option<u32>,
    /// You own the target tenant or are allowed to test it (required for a target that is
    /// not on this machine)
    #[arg(long)]
    pub authorized: bool,
    /// Start without asking (when there is no terminal to ask on)
    #[arg(long)]
    pub yes: bool,
    /// Write a JUnit XML report (a finding is a failure)
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Write a JSON report (every exchange, as `vflow send --json`)
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write every exchange of the run as a HAR 1.2 file (mode 0600)
    #[arg(long, value_name = "FILE")]
    pub har: Option<PathBuf>,
    /// List the probes with their cost and exit
    #[arg(long)]
    pub list: bool,
    /// Print the built-in probe suite and exit
    #[arg(long, conflicts_with_all = ["suite", "list"])]
    pub print_suite: bool,
    #[command(flatten)]
    pub client_id: ClientIdArg,
}

fn load(args: &ProbeArgs) -> Result<ProbeSuite, ExitCode> {
    let mut suite = match &args.suite {
        Some(p) => ProbeSuite::load(p).map_err(common::usage_error)?,
        None => ProbeSuite::builtin(),
    };
    if let Some(n) = args.parallel {
        for p in &mut suite.probes {
            if p.parallel.is_some() {
                p.parallel = Some(n);
            }
        }
    }
    Ok(suite)
}

/// Ask on the terminal; `true` when the person typed yes.
fn confirm(host: &str, lang: Lang) -> bool {
    eprint!("{} ", crate::t!(lang, "cli-probe-confirm", host = host));
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    line.trim().eq_ignore_ascii_case("yes")
}

/// The probes named by `--only` (several after one flag, or comma-separated).
fn only(args: &ProbeArgs) -> Vec<String> {
    args.only
        .iter()
        .flat_map(|o| o.split(','))
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(String::from)
        .collect()
}

/// `--list`: the plan of every probe and what each is, in `lang`.
fn list(suite: &ProbeSuite, max_sms: Option<u32>, lang: Lang) -> ExitCode {
    let all: Vec<usize> = (0..suite.probes.len()).collect();
    print!("{}", plan(suite, &all, max_sms, lang));
    for p in &suite.probes {
        println!(
            "{}",
            crate::t!(
                lang,
                "cli-probe-list-line",
                name = p.name.as_str(),
                title = p.title_in(lang),
                severity = p.severity.word_in(lang),
                weak = p.weak.join(", ")
            )
        );
    }
    ExitCode::SUCCESS
}

/// Against a target that is not on this machine: the plan, then `--authorized` and a
/// confirmation (a terminal, or `--yes`). `Err` when nothing may be sent.
fn consent(
    target: &str,
    suite: &ProbeSuite,
    selected: &[usize],
    args: &ProbeArgs,
    lang: Lang,
) -> Result<(), ExitCode> {
    let refused = match probe_plan::consent_in(target, args.authorized, lang) {
        Consent::Go => return Ok(()),
        Consent::Confirm => None,
        Consent::Refused(why) => Some(why),
    };
    let budget = Some(args.max_sms.unwrap_or(probe_plan::DEFAULT_MAX_SMS));
    eprintln!(
        "vflow probe: {}",
        crate::t!(lang, "cli-probe-plan-against", target = target)
    );
    eprint!("{}", plan(suite, selected, budget, lang));
    if let Some(why) = refused {
        eprintln!(
            "vflow probe: {}",
            crate::t!(lang, "cli-probe-refused", why = why)
        );
        return Err(ExitCode::from(exit::USAGE));
    }
    if args.yes {
        return Ok(());
    }
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !terminal {
        eprintln!("vflow probe: {}", crate::t!(lang, "cli-probe-no-terminal"));
        return Err(ExitCode::from(exit::USAGE));
    }
    if !confirm(target, lang) {
        eprintln!(
            "vflow probe: {}",
            crate::t!(lang, "cli-probe-not-confirmed")
        );
        return Err(ExitCode::from(exit::USAGE));
    }
    Ok(())
}

/// One line on stderr as each probe ends (masked with `--redact`).
struct ProgressLine {
    n: usize,
    done: usize,
    red: Option<crate::client::report::Redactor>,
    lang: Lang,
}

impl ProgressLine {
    fn finished(&mut self, result: &ProbeResult) {
        self.done += 1;
        if let Some(r) = self.red.as_mut() {
            for s in &result.sends {
                r.learn(&s.exchange);
            }
            for m in &result.mobiles {
                r.add_mobile(m);
            }
        }
        let why = match &result.verdict {
            ProbeVerdict::Held => String::new(),
            ProbeVerdict::Finding { what, .. } => format!(": {what}"),
            ProbeVerdict::Skipped { reason } => format!(
                ": {}",
                super::check::first_words(reason, &['(', ':', '（', '：'])
            ),
        };
        let why = match &self.red {
            Some(r) => r.apply(&why),
            None => why,
        };
        let width = self.n.to_string().len();
        eprintln!(
            "[{:>width$}/{}] {} {}{}{}",
            self.done,
            self.n,
            result.verdict.word_in(self.lang),
            result.probe.name,
            crate::api::text::visible(&why),
            crate::t!(
                self.lang,
                "cli-probe-progress-cost",
                sms = result.sms,
                requests = result.requests()
            )
        );
        let _ = std::io::stderr().flush();
    }
}

/// The table, the details and the summary on stdout; the report files; the exit code.
fn finish(report: &ProbeReport, args: &ProbeArgs, redact: bool, lang: Lang) -> ExitCode {
    println!();
    let visible = |s: String| crate::api::text::visible_lines(&s).into_owned();
    print!("{}", visible(probe_report::table(report, lang)));
    print!("{}", visible(probe_report::details(report, redact, lang)));
    println!("\n{}", visible(probe_report::summary(report, lang)));
    if let Some(p) = &args.junit
        && let Err(code) = write_file(p, &probe_report::junit(report, redact), "JUnit", lang)
    {
        return code;
    }
    if let Some(p) = &args.json {
        let v = probe_report::json(report, redact);
        let text = crate::api::text::json_pretty(&v) + "\n";
        if let Err(code) = write_file(p, &text, "JSON", lang) {
            return code;
        }
    }
    let all: Vec<crate::client::Exchange> = report
        .results
        .iter()
        .flat_map(|r| r.sends.iter().map(|s| s.exchange.clone()))
        .collect();
    if !common::write_har_all(args.har.as_deref(), &all, redact, lang) {
        return ExitCode::from(exit::USAGE);
    }
    if report.findings() > 0 {
        ExitCode::from(exit::API_ERROR)
    } else if report.no_answer() {
        eprintln!(
            "vflow probe: {}",
            crate::t!(lang, "cli-probe-never-answered")
        );
        ExitCode::from(exit::TRANSPORT)
    } else {
        ExitCode::SUCCESS
    }
}

/// Start the target (or the in-process simulator), run the probes, report.
async fn probe_target(
    profile: crate::config::ResolvedProfile,
    suite: ProbeSuite,
    selected: Vec<usize>,
    args: ProbeArgs,
) -> ExitCode {
    let lang = profile.ui_lang;
    let mut http_opts = profile.http.clone();
    let (target, _sim) = match common::target(&profile, false).await {
        Ok(t) => t,
        Err(code) => return code,
    };
    if target.simulator {
        http_opts.no_proxy = true;
    }
    let http = match crate::client::Http::new(&http_opts) {
        Ok(h) => h,
        Err(e) => return common::usage_error(e.text(lang)),
    };
    let mut env = Env::new(http, &target.base_url, profile.headers());
    env.explain = profile.explain_context();
    env.lang = lang;
    env.tokens = std::sync::Arc::new(crate::check::SimulatorReveal::in_lang(lang));
    let simulator = if target.simulator {
        true
    } else if is_loopback(&target.base_url) {
        crate::check::run::probe_simulator(&env.http, &env.base_url).await
    } else {
        false
    };
    env.simulator = Some(simulator);
    let max = probe_plan::max_sms(args.max_sms, simulator);
    let (n, source, url) = (
        selected.len(),
        suite.source_in(lang),
        target.base_url.as_str(),
    );
    let start = if target.simulator {
        crate::t!(
            lang,
            "cli-probe-start-in-process",
            n = n,
            suite = source,
            url = url
        )
    } else if simulator {
        crate::t!(
            lang,
            "cli-probe-start-sim",
            n = n,
            suite = source,
            url = url
        )
    } else {
        crate::t!(
            lang,
            "cli-probe-start-target",
            n = n,
            suite = source,
            url = url
        )
    };
    eprintln!("vflow probe: {start}");
    // (the plan against a target elsewhere was shown before the consent)
    if is_loopback(&target.base_url) && !simulator {
        eprint!("{}", plan(&suite, &selected, max, lang));
    }
    let mut line = ProgressLine {
        n: selected.len(),
        done: 0,
        red: profile.redact.then(crate::client::report::Redactor::new),
        lang,
    };
    let report = probe::run(&suite, &selected, &env, Budget::new(max), |p| {
        if let ProbeProgress::Finished { result, .. } = p {
            line.finished(result);
        }
    })
    .await;
    finish(&report, &args, profile.redact, lang)
}

pub fn run(global: &GlobalArgs, args: ProbeArgs) -> ExitCode {
    if args.print_suite {
        print!("{}", probe::BUILTIN);
        return ExitCode::SUCCESS;
    }
    let suite = match load(&args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let selected = match suite.select_in(&only(&args), common::ui_lang(global)) {
        Ok(s) => s,
        Err(e) => return common::usage_error(e),
    };
    if args.list {
        return list(&suite, args.max_sms, common::ui_lang(global));
    }
    let profile = match common::profile(global, &args.client_id) {
        Ok(p) => p,
        Err(code) => return code,
    };
    // Consent comes before anything is sent (even before the simulator check).
    if let Some(t) = &profile.target
        && let Err(code) = consent(t, &suite, &selected, &args, profile.ui_lang)
    {
        return code;
    }
    common::runtime().block_on(probe_target(profile, suite, selected, args))
}

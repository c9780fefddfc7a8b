//! `vflow probe`: bounded attacks on the tenant's SMS defences, with cost and consent.

use super::common;
use super::{ClientIdArg, GlobalArgs, exit};
use crate::check::probe::{self, Budget, ProbeProgress, ProbeSuite, ProbeVerdict};
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

/// Whether `base_url` names this machine (a loopback address or `localhost`).
pub fn is_loopback(base_url: &str) -> bool {
    let Ok(u) = reqwest::Url::parse(base_url) else {
        return false;
    };
    let Some(host) = u.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = host.parse::<std::net::IpAddr>() {
        return ip.is_loopback();
    }
    let host = host.to_ascii_lowercase();
    host == "localhost" || host.ends_with(".localhost")
}

/// The plan: one line per probe with its requests, SMS and parallelism at most.
pub fn plan(suite: &ProbeSuite, selected: &[usize], budget: Option<u32>) -> String {
    let w = selected
        .iter()
        .map(|&i| suite.probes[i].name.len())
        .max()
        .unwrap_or(5);
    let mut out = format!(
        "{:<w$}  {:>8}  {:>7}  {:>8}\n",
        "probe", "requests", "SMS", "parallel"
    );
    let (mut req, mut sms) = (0, 0);
    for &i in selected {
        let p = &suite.probes[i];
        let c = p.cost();
        req += c.requests;
        sms += c.sms;
        out.push_str(&format!(
            "{:<w$}  {:>8}  {:>7}  {:>8}\n",
            p.name,
            format!("≤{}", c.requests),
            format!("≤{}", c.sms),
            c.parallel
        ));
    }
    let budget = match budget {
        Some(b) => format!("the run stops before it would cause more than {b} SMS (--max-sms)"),
        None => {
            "the SMS budget is --max-sms: 3 unless given, none against a vflow simulator".into()
        }
    };
    out.push_str(&format!(
        "at most {req} requests and {sms} SMS in all; {budget}\n"
    ));
    out
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
fn confirm(host: &str) -> bool {
    eprint!("Send these requests to {host}? Type yes to start: ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    line.trim().eq_ignore_ascii_case("yes")
}

fn write_file(path: &PathBuf, text: &str, what: &str) -> Result<(), ExitCode> {
    std::fs::write(path, text).map_err(|e| {
        common::usage_error(format!(
            "cannot write the {what} report {}: {e}",
            path.display()
        ))
    })
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
    let only: Vec<String> = args
        .only
        .iter()
        .flat_map(|o| o.split(','))
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(String::from)
        .collect();
    let selected = match suite.select(&only) {
        Ok(s) => s,
        Err(e) => return common::usage_error(e),
    };
    if args.list {
        let all: Vec<usize> = (0..suite.probes.len()).collect();
        print!("{}", plan(&suite, &all, args.max_sms));
        for p in &suite.probes {
            println!(
                "{}: {} [{}; weak knob: {}]",
                p.name,
                p.title,
                p.severity.word(),
                p.weak.join(", ")
            );
        }
        return ExitCode::SUCCESS;
    }
    let (profile, mut http_opts) = match common::profile(global, &args.client_id) {
        Ok(p) => {
            let o = p.http.clone();
            (p, o)
        }
        Err(code) => return code,
    };
    // Consent comes before anything is sent (even before the simulator check).
    if let Some(t) = &profile.target
        && !is_loopback(t)
    {
        let budget = Some(args.max_sms.unwrap_or(3));
        eprintln!("vflow probe: the plan against {t}:");
        eprint!("{}", plan(&suite, &selected, budget));
        if !args.authorized {
            eprintln!(
                "vflow probe: {t} is not on this machine: nothing was sent. Probing a tenant sends \
real SMS to numbers of the probe's own making and attacks its defences; add --authorized if you own \
the tenant or are allowed to test it."
            );
            return ExitCode::from(exit::USAGE);
        }
        let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        if !args.yes {
            if !terminal {
                eprintln!(
                    "vflow probe: no terminal to confirm the plan on: nothing was sent (add --yes to start without asking)"
                );
                return ExitCode::from(exit::USAGE);
            }
            if !confirm(t) {
                eprintln!("vflow probe: not confirmed: nothing was sent");
                return ExitCode::from(exit::USAGE);
            }
        }
    }
    common::runtime().block_on(async move {
        let (target, _sim) = match common::target(&profile, false).await {
            Ok(t) => t,
            Err(code) => return code,
        };
        if target.simulator {
            http_opts.no_proxy = true;
        }
        let http = match crate::client::Http::new(&http_opts) {
            Ok(h) => h,
            Err(e) => return common::usage_error(e),
        };
        let mut env = Env::new(http, &target.base_url, profile.headers());
        env.explain = profile.explain_context();
        let simulator = if target.simulator {
            true
        } else if is_loopback(&target.base_url) {
            crate::check::run::probe_simulator(&env.http, &env.base_url).await
        } else {
            false
        };
        env.simulator = Some(simulator);
        let max = match args.max_sms {
            Some(n) => Some(n),
            None if simulator => None,
            None => Some(3),
        };
        let whence = if target.simulator {
            "the in-process simulator"
        } else if simulator {
            "the vflow simulator"
        } else {
            "target"
        };
        eprintln!(
            "vflow probe: {} probe(s) of the {} against {whence} {}",
            selected.len(),
            suite.source,
            target.base_url,
        );
        // (the plan against a target elsewhere was shown before the consent)
        if is_loopback(&target.base_url) && !simulator {
            eprint!("{}", plan(&suite, &selected, max));
        }
        let n = selected.len();
        let width = n.to_string().len();
        let mut done = 0;
        let mut red = profile.redact.then(crate::client::report::Redactor::new);
        let report = probe::run(&suite, &selected, &env, Budget::new(max), |p| {
            if let ProbeProgress::Finished { result, .. } = p {
                done += 1;
                if let Some(r) = red.as_mut() {
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
                        reason.split(['(', ':']).next().unwrap_or_default().trim()
                    ),
                };
                eprintln!(
                    "[{done:>width$}/{n}] {} {}{} ({} SMS, {} requests)",
                    result.verdict.word(),
                    result.probe.name,
                    crate::api::text::visible(&match &red {
                        Some(r) => r.apply(&why),
                        None => why,
                    }),
                    result.sms,
                    result.requests()
                );
                let _ = std::io::stderr().flush();
            }
        })
        .await;
        println!();
        let visible = |s: String| crate::api::text::visible_lines(&s).into_owned();
        print!("{}", visible(probe_report::table(&report)));
        print!(
            "{}",
            visible(probe_report::details(&report, profile.redact))
        );
        println!("\n{}", visible(probe_report::summary(&report)));
        if let Some(p) = &args.junit
            && let Err(code) = write_file(p, &probe_report::junit(&report, profile.redact), "JUnit")
        {
            return code;
        }
        if let Some(p) = &args.json {
            let v = probe_report::json(&report, profile.redact);
            let text = crate::api::text::json_pretty(&v) + "\n";
            if let Err(code) = write_file(p, &text, "JSON") {
                return code;
            }
        }
        let all: Vec<crate::client::Exchange> = report
            .results
            .iter()
            .flat_map(|r| r.sends.iter().map(|s| s.exchange.clone()))
            .collect();
        if !common::write_har_all(args.har.as_deref(), &all, profile.redact) {
            return ExitCode::from(exit::USAGE);
        }
        if report.findings() > 0 {
            ExitCode::from(exit::API_ERROR)
        } else if report.no_answer() {
            eprintln!("vflow probe: the target never answered: exit 3");
            ExitCode::from(exit::TRANSPORT)
        } else {
            ExitCode::SUCCESS
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_targets_are_this_machine() {
        for u in [
            "http://127.0.0.1:8080",
            "http://127.3.4.5",
            "http://[::1]:80/",
            "http://localhost:1",
            "http://LOCALHOST",
        ] {
            assert!(is_loopback(u), "{u}");
        }
        for u in [
            "https://tenant.example.com",
            "http://10.0.0.1",
            "http://192.168.1.2:8080",
            "http://localhost.example.com",
            "not a url",
        ] {
            assert!(!is_loopback(u), "{u}");
        }
    }

    #[test]
    fn the_plan_shows_every_probe_with_its_bounds_and_the_budget() {
        let s = ProbeSuite::builtin();
        let all: Vec<usize> = (0..s.probes.len()).collect();
        let p = plan(&s, &all, Some(3));
        assert!(
            p.lines().any(|l| l.starts_with("race")
                && l.contains("≤10")
                && l.trim_end().ends_with("10")),
            "{p}"
        );
        assert!(p.contains("more than 3 SMS"), "{p}");
        assert_eq!(p.lines().count(), 1 + 9 + 1);
    }
}

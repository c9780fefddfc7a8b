//! `vflow check`: run a suite of cases against a target and say which behave as documented.

use super::common;
use super::{ClientIdArg, GlobalArgs, exit};
use crate::check::{self, CaseResult, Env, Progress, Report, Suite, Verdict};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Without --target the cases run against an in-process simulator. Cases that need a valid pass
token get one through the simulator's /_sim/ reveal; against a target without it (a real tenant,
or `vflow serve` without --reveal-solutions) they are skipped, with the reason. Skips are not
failures.

Exit codes: 0 every case passed (or was skipped), 1 a case failed, 2 usage, config or suite error.

Examples:
  vflow check
  vflow check --target http://127.0.0.1:8080 --junit check.xml --json check.json
  vflow check --only success --only resend-cooldown
  vflow check --suite my-suite.toml        (same format as the built-in: vflow check --print-suite)")]
pub struct CheckArgs {
    /// A suite file instead of the built-in suite
    #[arg(long, value_name = "FILE")]
    pub suite: Option<PathBuf>,
    /// Run only these cases (repeatable, or several names after one --only)
    #[arg(long, value_name = "NAME", num_args = 1..)]
    pub only: Vec<String>,
    /// Write a JUnit XML report
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Write a JSON report (every exchange, as `vflow send --json`)
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write every exchange of the run as a HAR 1.2 file (mode 0600)
    #[arg(long, value_name = "FILE")]
    pub har: Option<PathBuf>,
    /// List the suite's cases and exit
    #[arg(long)]
    pub list: bool,
    /// Print the built-in suite (a starting point for your own) and exit
    #[arg(long, conflicts_with_all = ["suite", "list"])]
    pub print_suite: bool,
    #[command(flatten)]
    pub client_id: ClientIdArg,
}

fn load(args: &CheckArgs) -> Result<Suite, ExitCode> {
    match &args.suite {
        Some(p) => Suite::load(p).map_err(common::usage_error),
        None => Ok(Suite::builtin()),
    }
}

fn list(suite: &Suite) {
    let w = suite.cases.iter().map(|c| c.name.len()).max().unwrap_or(4);
    for c in &suite.cases {
        let mut flags = Vec::new();
        if c.pass_token {
            flags.push("pass token");
        }
        if c.simulator_only {
            flags.push("simulator only");
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!("  [{}]", flags.join(", "))
        };
        println!(
            "{:<w$}  {:<26}  {}{flags}",
            c.name,
            check::short(&c.expect.label()),
            c.description
        );
    }
}

fn ms(r: &CaseResult) -> String {
    if r.got.is_none() {
        return "-".into();
    }
    check::ms(r.time)
}

/// The results table.
pub fn table(report: &Report) -> String {
    let rows: Vec<[String; 5]> = report
        .results
        .iter()
        .map(|r| {
            [
                r.name.clone(),
                check::short(&r.expected.label()),
                r.got
                    .as_deref()
                    .map(check::short)
                    .unwrap_or_else(|| "-".into()),
                r.verdict.word().into(),
                ms(r),
            ]
        })
        .collect();
    let head = ["case", "expected", "got", "verdict", "time"];
    let mut w = head.map(str::len);
    for row in &rows {
        for (i, c) in row.iter().enumerate() {
            w[i] = w[i].max(c.chars().count());
        }
    }
    let line = |c: [&str; 5]| {
        format!(
            "{:<a$}  {:<b$}  {:<c$}  {:<d$}  {:>e$}\n",
            c[0],
            c[1],
            c[2],
            c[3],
            c[4],
            a = w[0],
            b = w[1],
            c = w[2],
            d = w[3],
            e = w[4]
        )
        .trim_end()
        .to_string()
            + "\n"
    };
    let mut out = line(head);
    out.push_str(&line(
        w.map(|n| "─".repeat(n)).each_ref().map(String::as_str),
    ));
    for row in &rows {
        out.push_str(&line(row.each_ref().map(String::as_str)));
    }
    out
}

/// `N cases: P passed, F failed, S skipped` and what a skip means.
pub fn summary(report: &Report) -> String {
    let mut s = format!(
        "{} cases: {} passed, {} failed, {} skipped in {:.2} s",
        report.results.len(),
        report.passed(),
        report.failed(),
        report.skipped(),
        report.elapsed.as_secs_f64()
    );
    if report.skipped() > 0 {
        s.push_str(" (skips are not failures)");
    }
    s
}

/// What differed in each failing case, and the explanation of what it got; the reason of each skip.
pub fn details(report: &Report, redact: bool) -> String {
    let red = check::report::redactor(report, redact);
    let mut out = String::new();
    let mut skips: Vec<(&str, Vec<&str>)> = Vec::new();
    for r in &report.results {
        match &r.verdict {
            Verdict::Pass => {}
            Verdict::Fail { reason } => {
                out.push_str(&format!("\nFAIL {}: {reason}\n", r.name));
                if !r.description.is_empty() {
                    out.push_str(&format!("  case: {}\n", r.description));
                }
                if let Some(e) = &r.explanation {
                    out.push_str("  what it got:\n");
                    for l in check::report::explanation_text(e).lines() {
                        out.push_str(&format!("    {l}\n"));
                    }
                }
            }
            Verdict::Skip { reason } => match skips.iter_mut().find(|(why, _)| why == reason) {
                Some((_, names)) => names.push(&r.name),
                None => skips.push((reason, vec![&r.name])),
            },
        }
    }
    for (reason, names) in skips {
        out.push_str(&format!("\nSKIP {}: {reason}\n", names.join(", ")));
    }
    match red {
        Some(r) => r.apply(&out),
        None => out,
    }
}

fn write_file(path: &PathBuf, text: &str, what: &str) -> Result<(), ExitCode> {
    std::fs::write(path, text).map_err(|e| {
        common::usage_error(format!(
            "cannot write the {what} report {}: {e}",
            path.display()
        ))
    })
}

pub fn run(global: &GlobalArgs, args: CheckArgs) -> ExitCode {
    if args.print_suite {
        print!("{}", check::suite::BUILTIN);
        return ExitCode::SUCCESS;
    }
    let suite = match load(&args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if args.list {
        list(&suite);
        return ExitCode::SUCCESS;
    }
    // `--only a,b` works like `--only a b`.
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
    let (profile, mut http_opts) = match common::profile(global, &args.client_id) {
        Ok(p) => {
            let o = p.http.clone();
            (p, o)
        }
        Err(code) => return code,
    };
    common::runtime().block_on(async move {
        let target = match common::target(&profile, false).await {
            Ok(t) => t,
            Err(code) => return code,
        };
        if target.in_process() {
            // loopback to our own simulator never goes through a proxy
            http_opts.no_proxy = true;
        }
        let http = match crate::client::Http::new(&http_opts) {
            Ok(h) => h,
            Err(e) => return common::usage_error(e),
        };
        let mut env = Env::new(http, &target.base_url, profile.headers());
        env.explain = profile.explain_context();
        if target.in_process() {
            env.simulator = Some(true);
        }
        let whence = if target.in_process() {
            "the in-process simulator"
        } else {
            "target"
        };
        eprintln!(
            "vflow check: {} case(s) of the {} against {whence} {} (profile {})",
            selected.len(),
            suite.source,
            target.base_url,
            profile.name
        );
        let n = selected.len();
        let width = n.to_string().len();
        let mut done = 0;
        let report = check::run::run(&suite, &selected, &env, |p| {
            if let Progress::Finished { result, .. } = p {
                done += 1;
                let (got, extra) = match &result.verdict {
                    // the first words of the reason; the whole of it follows the table
                    Verdict::Skip { reason } => (
                        reason
                            .split([',', '('])
                            .next()
                            .unwrap_or_default()
                            .trim()
                            .to_string(),
                        String::new(),
                    ),
                    _ => (
                        check::short(result.got.as_deref().unwrap_or("-")),
                        format!(" {}", ms(result)),
                    ),
                };
                eprintln!(
                    "[{done:>width$}/{n}] {:<4} {}: {}{extra}",
                    result.verdict.word(),
                    result.name,
                    crate::api::text::visible(&got),
                );
                let _ = std::io::stderr().flush();
            }
        })
        .await;
        println!();
        // codes and messages in the report came from the server
        let visible = |s: String| crate::api::text::visible_lines(&s).into_owned();
        print!("{}", visible(table(&report)));
        print!("{}", visible(details(&report, profile.redact)));
        println!("\n{}", visible(summary(&report)));
        if let Some(p) = &args.junit
            && let Err(code) =
                write_file(p, &check::report::junit(&report, profile.redact), "JUnit")
        {
            return code;
        }
        if let Some(p) = &args.json {
            let v = check::report::json(&report, profile.redact);
            let text = crate::api::text::json_pretty(&v) + "\n";
            if let Err(code) = write_file(p, &text, "JSON") {
                return code;
            }
        }
        let all: Vec<crate::client::Exchange> = report
            .results
            .iter()
            .flat_map(|c| c.sends.iter().map(|s| s.exchange.clone()))
            .collect();
        if !common::write_har_all(args.har.as_deref(), &all, profile.redact) {
            return ExitCode::from(exit::USAGE);
        }
        if report.ok() {
            ExitCode::SUCCESS
        } else if no_answer_at_all(&report) {
            eprintln!(
                "vflow check: the target never answered (every case that ran got a transport failure): exit 3"
            );
            ExitCode::from(exit::TRANSPORT)
        } else {
            ExitCode::from(exit::API_ERROR)
        }
    })
}

/// Every case that ran ended without any response: the target is not reachable,
/// which is a transport failure (exit 3) rather than a tenant that misbehaves.
fn no_answer_at_all(report: &check::Report) -> bool {
    let ran: Vec<_> = report
        .results
        .iter()
        .filter(|r| !matches!(r.verdict, check::Verdict::Skip { .. }))
        .collect();
    !ran.is_empty()
        && ran
            .iter()
            .all(|r| r.sends.iter().all(|s| s.exchange.response.is_none()))
}

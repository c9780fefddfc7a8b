//! `vflow check`: run a suite of cases against a target and say which behave as documented.

use super::common;
use super::{ClientIdArg, GlobalArgs, exit};
use crate::api::Lang;
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

fn list(suite: &Suite, lang: Lang) {
    let w = suite.cases.iter().map(|c| c.name.len()).max().unwrap_or(4);
    for c in &suite.cases {
        let mut flags = Vec::new();
        if c.pass_token {
            flags.push(crate::t!(lang, "cli-check-flag-pass-token"));
        }
        if c.simulator_only {
            flags.push(crate::t!(lang, "cli-check-flag-simulator-only"));
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
            c.description_in(lang)
        );
    }
}

fn ms(r: &CaseResult) -> String {
    if r.got.is_none() {
        return "-".into();
    }
    check::ms(r.time)
}

/// The results table, its headings and verdicts in `lang`.
pub fn table(report: &Report, lang: Lang) -> String {
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
                r.verdict.word_in(lang),
                ms(r),
            ]
        })
        .collect();
    let head = [
        crate::t!(lang, "cli-check-head-case"),
        crate::t!(lang, "cli-check-head-expected"),
        crate::t!(lang, "cli-check-head-got"),
        crate::t!(lang, "cli-check-head-verdict"),
        crate::t!(lang, "cli-check-head-time"),
    ];
    let mut w = head.each_ref().map(|h| check::width(h));
    for row in &rows {
        for (i, c) in row.iter().enumerate() {
            w[i] = w[i].max(check::width(c));
        }
    }
    let line = |c: [&str; 5]| {
        format!(
            "{}  {}  {}  {}  {}",
            check::pad(c[0], w[0]),
            check::pad(c[1], w[1]),
            check::pad(c[2], w[2]),
            check::pad(c[3], w[3]),
            check::pad_left(c[4], w[4]),
        )
        .trim_end()
        .to_string()
            + "\n"
    };
    let mut out = line(head.each_ref().map(String::as_str));
    out.push_str(&line(
        w.map(|n| "─".repeat(n)).each_ref().map(String::as_str),
    ));
    for row in &rows {
        out.push_str(&line(row.each_ref().map(String::as_str)));
    }
    out
}

/// `N cases: P passed, F failed, S skipped` and what a skip means, in `lang`.
pub fn summary(report: &Report, lang: Lang) -> String {
    let mut s = crate::t!(
        lang,
        "cli-check-summary",
        n = report.results.len(),
        passed = report.passed(),
        failed = report.failed(),
        skipped = report.skipped(),
        secs = format!("{:.2}", report.elapsed.as_secs_f64())
    );
    if report.skipped() > 0 {
        s.push_str(&crate::t!(lang, "cli-check-skips-are-not-failures"));
    }
    s
}

/// What differed in each failing case, and the explanation of what it got; the reason of
/// each skip. The words, the cases' descriptions and the explanations in `lang`.
pub fn details(report: &Report, suite: &Suite, redact: bool, lang: Lang) -> String {
    let red = check::report::redactor(report, redact);
    let description = |r: &CaseResult| -> String {
        suite
            .cases
            .iter()
            .find(|c| c.name == r.name)
            .map(|c| c.description_in(lang).to_string())
            .unwrap_or_else(|| r.description.clone())
    };
    let mut out = String::new();
    let mut skips: Vec<(&str, Vec<&str>)> = Vec::new();
    for r in &report.results {
        match &r.verdict {
            Verdict::Pass => {}
            Verdict::Fail { reason } => {
                out.push_str(&format!(
                    "\n{}\n",
                    crate::t!(
                        lang,
                        "cli-check-fail-line",
                        verdict = r.verdict.word_in(lang),
                        name = r.name.as_str(),
                        reason = reason.as_str()
                    )
                ));
                let d = description(r);
                if !d.is_empty() {
                    out.push_str(&format!(
                        "  {}\n",
                        crate::t!(lang, "cli-check-case", description = d)
                    ));
                }
                if let Some(e) = &r.explanation {
                    out.push_str(&format!("  {}\n", crate::t!(lang, "cli-check-what-it-got")));
                    for l in check::report::explanation_text_in(e, lang).lines() {
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
    let skip = Verdict::Skip {
        reason: String::new(),
    }
    .word_in(lang);
    for (reason, names) in skips {
        out.push_str(&format!(
            "\n{}\n",
            crate::t!(
                lang,
                "cli-check-fail-line",
                verdict = skip.as_str(),
                name = names.join(", "),
                reason = reason
            )
        ));
    }
    match red {
        Some(r) => r.apply(&out),
        None => out,
    }
}

pub(super) fn write_file(
    path: &PathBuf,
    text: &str,
    what: &str,
    lang: Lang,
) -> Result<(), ExitCode> {
    std::fs::write(path, text).map_err(|e| {
        common::usage_error(crate::t!(
            lang,
            "cli-check-cannot-write-report",
            what = what,
            path = path.display().to_string(),
            error = e.to_string()
        ))
    })
}

/// The first words of a skip's reason, for the progress line.
pub(super) fn first_words(reason: &str, stops: &[char]) -> String {
    reason
        .split(stops)
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
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
        list(&suite, common::ui_lang(global));
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
    let selected = match suite.select_in(&only, common::ui_lang(global)) {
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
    let lang = profile.ui_lang;
    common::runtime().block_on(async move {
        let (target, _sim) = match common::target(&profile, false).await {
            Ok(t) => t,
            Err(code) => return code,
        };
        if target.simulator {
            // loopback to our own simulator never goes through a proxy
            http_opts.no_proxy = true;
        }
        let http = match crate::client::Http::new(&http_opts) {
            Ok(h) => h,
            Err(e) => return common::usage_error(e.text(lang)),
        };
        let mut env = Env::new(http, &target.base_url, profile.headers());
        env.explain = profile.explain_context();
        env.lang = lang;
        env.tokens = std::sync::Arc::new(check::SimulatorReveal::in_lang(lang));
        if target.simulator {
            env.simulator = Some(true);
        }
        let start = start_line(&suite, selected.len(), &target, &profile.name, lang);
        eprintln!("vflow check: {start}");
        let n = selected.len();
        let width = n.to_string().len();
        let mut done = 0;
        let report = check::run::run(&suite, &selected, &env, |p| {
            if let Progress::Finished { result, .. } = p {
                done += 1;
                progress_line(result, done, n, width, lang);
            }
        })
        .await;
        println!();
        // codes and messages in the report came from the server
        let visible = |s: String| crate::api::text::visible_lines(&s).into_owned();
        print!("{}", visible(table(&report, lang)));
        print!(
            "{}",
            visible(details(&report, &suite, profile.redact, lang))
        );
        println!("\n{}", visible(summary(&report, lang)));
        if let Some(p) = &args.junit
            && let Err(code) = write_file(
                p,
                &check::report::junit(&report, profile.redact),
                "JUnit",
                lang,
            )
        {
            return code;
        }
        if let Some(p) = &args.json {
            let v = check::report::json(&report, profile.redact);
            let text = crate::api::text::json_pretty(&v) + "\n";
            if let Err(code) = write_file(p, &text, "JSON", lang) {
                return code;
            }
        }
        let all: Vec<crate::client::Exchange> = report
            .results
            .iter()
            .flat_map(|c| c.sends.iter().map(|s| s.exchange.clone()))
            .collect();
        if !common::write_har_all(args.har.as_deref(), &all, profile.redact, lang) {
            return ExitCode::from(exit::USAGE);
        }
        exit_code(&report, lang)
    })
}

/// `vflow check: 17 cases of the built-in suite against … (profile …)`.
fn start_line(
    suite: &check::Suite,
    n: usize,
    target: &crate::config::Target,
    profile: &str,
    lang: crate::api::Lang,
) -> String {
    let source = suite.source_in(lang);
    let url = target.base_url.as_str();
    if target.simulator {
        crate::t!(
            lang,
            "cli-check-start-sim",
            n = n,
            suite = source.as_str(),
            url = url,
            profile = profile
        )
    } else {
        crate::t!(
            lang,
            "cli-check-start-target",
            n = n,
            suite = source.as_str(),
            url = url,
            profile = profile
        )
    }
}

/// `[ 3/17] PASS name: got 12 ms` on stderr as each case finishes.
fn progress_line(
    result: &check::CaseResult,
    done: usize,
    n: usize,
    width: usize,
    lang: crate::api::Lang,
) {
    let (got, extra) = match &result.verdict {
        // the first words of the reason; the whole of it follows the table
        Verdict::Skip { reason } => (first_words(reason, &[',', '(', '，', '（']), String::new()),
        _ => (
            check::short(result.got.as_deref().unwrap_or("-")),
            format!(" {}", ms(result)),
        ),
    };
    eprintln!(
        "[{done:>width$}/{n}] {} {}: {}{extra}",
        check::pad(&result.verdict.word_in(lang), 4),
        result.name,
        crate::api::text::visible(&got),
    );
    let _ = std::io::stderr().flush();
}

/// 0 when every case passed; 3 when no case got any answer (the target is not reachable);
/// else 1.
fn exit_code(report: &check::Report, lang: crate::api::Lang) -> ExitCode {
    if report.ok() {
        ExitCode::SUCCESS
    } else if no_answer_at_all(report) {
        eprintln!(
            "vflow check: {}",
            crate::t!(lang, "cli-check-never-answered")
        );
        ExitCode::from(exit::TRANSPORT)
    } else {
        ExitCode::from(exit::API_ERROR)
    }
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

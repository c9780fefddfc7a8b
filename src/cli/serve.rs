//! `vflow serve`: the built-in simulator on its own, for curl, scripts or another client.

use crate::api::{Lang, headers, paths};
use crate::cli::exit;
use crate::sim::{self, SimConfig};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    pub bind: SocketAddr,
    /// Port to listen on at 127.0.0.1 (short for --bind 127.0.0.1:PORT)
    #[arg(long, value_name = "PORT", conflicts_with = "bind")]
    pub port: Option<u16>,
    /// Register another application client id (repeatable); the documentation's example id
    /// is always registered
    #[arg(long = "client-id", value_name = "ID")]
    pub client_ids: Vec<String>,
    /// Delay every vendor endpoint's answer by this many milliseconds
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub latency_ms: u64,
    /// Probability (0 to 1) that the SMS gateway fails a send that passed every check
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = parse_rate)]
    pub gateway_failure_rate: f64,
    /// Turn captcha point encryption on: secretKey is returned and point_json must be
    /// AES-128-ECB encrypted with it
    #[arg(long)]
    pub aes: bool,
    /// Serve GET /_sim/captcha/{token} with the puzzle's true x (for automation)
    #[arg(long)]
    pub reveal_solutions: bool,
    /// Turn the tenant's automatic registration off: logging in with a code for an unknown
    /// mobile gets VFLOW.SIM.USER_NOT_FOUND instead of creating the user
    #[arg(long)]
    pub no_auto_register: bool,
    /// Switch defences off on purpose, to see what `vflow probe` finds (comma-separated):
    /// race, replay, sender, forged, captcha, cooldown, mobile-format, daily-cap, guessing,
    /// enumeration. Never on by default; see the README's "vflow probe" section
    #[arg(long, value_name = "KNOB,...", value_delimiter = ',', value_parser = parse_weak)]
    pub weak: Vec<sim::Weakness>,
    /// No log line per request
    #[arg(long, short)]
    pub quiet: bool,
    /// Close a connection whose request line and headers have not arrived within this
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_limit)]
    pub header_read_timeout: Duration,
    /// Close a keep-alive connection idle for this long
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_limit)]
    pub idle_timeout: Duration,
    /// Answer 408 VFLOW.SIM.BODY_TIMEOUT when a request body has not arrived within this
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_limit)]
    pub body_timeout: Duration,
    /// Connections open at once; a further one is answered 503 VFLOW.SIM.BUSY and closed
    #[arg(long, value_name = "N", default_value_t = 4096, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
}

/// A positive duration such as `10s` or `500ms`.
fn parse_limit(s: &str) -> Result<Duration, String> {
    crate::config::positive_duration(s)
}

fn parse_weak(s: &str) -> Result<sim::Weakness, String> {
    s.parse()
}

fn parse_rate(s: &str) -> Result<f64, String> {
    let p: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(format!("{p} is outside 0..=1"))
    }
}

impl ServeArgs {
    /// Where to listen: `--port` on 127.0.0.1, else `--bind`.
    pub fn addr(&self) -> SocketAddr {
        match self.port {
            Some(p) => SocketAddr::from(([127, 0, 0, 1], p)),
            None => self.bind,
        }
    }

    pub fn config(&self) -> SimConfig {
        SimConfig {
            extra_client_ids: self.client_ids.clone(),
            latency: Duration::from_millis(self.latency_ms),
            gateway_failure_rate: self.gateway_failure_rate,
            aes: self.aes,
            reveal_solutions: self.reveal_solutions,
            quiet: self.quiet,
            server: sim::ServerLimits {
                header_read_timeout: self.header_read_timeout,
                idle_timeout: self.idle_timeout,
                body_timeout: self.body_timeout,
                max_connections: self.max_connections as usize,
                ..sim::ServerLimits::default()
            },
            auto_register: !self.no_auto_register,
            weak: sim::Weaknesses::new(self.weak.iter().copied()),
            ..SimConfig::default()
        }
    }
}

/// What a `--weak` knob switches off, in `lang` (English: the simulator's own words).
pub fn weakness_words(w: sim::Weakness, lang: Lang) -> String {
    use sim::Weakness as W;
    match w {
        W::Race => crate::t!(lang, "cli-serve-weak-race"),
        W::Replay => crate::t!(lang, "cli-serve-weak-replay"),
        W::Sender => crate::t!(lang, "cli-serve-weak-sender"),
        W::Forged => crate::t!(lang, "cli-serve-weak-forged"),
        W::Captcha => crate::t!(lang, "cli-serve-weak-captcha"),
        W::Cooldown => crate::t!(lang, "cli-serve-weak-cooldown"),
        W::MobileFormat => crate::t!(lang, "cli-serve-weak-mobile-format"),
        W::DailyCap => crate::t!(lang, "cli-serve-weak-daily-cap"),
        W::Guessing => crate::t!(lang, "cli-serve-weak-guessing"),
        W::Enumeration => crate::t!(lang, "cli-serve-weak-enumeration"),
    }
}

/// What `vflow serve` prints once it listens, in `lang`.
pub fn banner(args: &ServeArgs, addr: SocketAddr, lang: Lang) -> String {
    let base = format!("http://{addr}");
    // `  label:     value`, the values lined up (a longer label pushes its value on)
    let row = |label: String, value: String| {
        format!("  {}{value}", crate::check::pad(&format!("{label} "), 12))
    };
    let mut lines = vec![
        crate::t!(lang, "cli-serve-listening", url = base.as_str()),
        row(
            crate::t!(lang, "cli-serve-client-id"),
            crate::t!(
                lang,
                "cli-serve-client-id-default",
                id = headers::EXAMPLE_CLIENT_ID
            ),
        ),
    ];
    for id in &args.client_ids {
        lines.push(row(crate::t!(lang, "cli-serve-client-id"), id.clone()));
    }
    lines.push(row(
        crate::t!(lang, "cli-serve-outbox"),
        crate::t!(
            lang,
            "cli-serve-outbox-value",
            command = format!("curl -s {base}{}", paths::SIM_OUTBOX)
        ),
    ));
    lines.push(row(
        crate::t!(lang, "cli-serve-users"),
        crate::t!(
            lang,
            "cli-serve-users-value",
            command = format!("curl -s {base}{}", paths::SIM_USERS),
            state = format!("curl -s -X POST {base}{}", paths::SIM_STATE_TOKEN)
        ),
    ));
    lines.push(row(
        crate::t!(lang, "cli-serve-openapi"),
        format!("{base}{}", paths::SIM_OPENAPI),
    ));
    if args.reveal_solutions {
        lines.push(row(
            crate::t!(lang, "cli-serve-solutions"),
            format!("curl -s {base}/_sim/captcha/TOKEN"),
        ));
    }
    lines.push(row(
        crate::t!(lang, "cli-serve-gateway-fails"),
        sim::GATEWAY_FAILURE_MOBILES.join(", "),
    ));
    let mut knobs = Vec::new();
    if args.latency_ms > 0 {
        knobs.push(crate::t!(lang, "cli-serve-latency", ms = args.latency_ms));
    }
    if args.gateway_failure_rate > 0.0 {
        knobs.push(crate::t!(
            lang,
            "cli-serve-failure-rate",
            rate = args.gateway_failure_rate.to_string()
        ));
    }
    if args.aes {
        knobs.push(crate::t!(lang, "cli-serve-aes"));
    }
    if args.no_auto_register {
        knobs.push(crate::t!(lang, "cli-serve-no-auto-register"));
    }
    if !knobs.is_empty() {
        lines.push(row(
            crate::t!(lang, "cli-serve-faults"),
            knobs.join(crate::t!(lang, "cli-list-separator").as_str()),
        ));
    }
    for w in sim::Weaknesses::new(args.weak.iter().copied()).iter() {
        lines.push(row(
            crate::t!(lang, "cli-serve-weak"),
            format!("{w}: {}", weakness_words(w, lang)),
        ));
    }
    if !addr.ip().is_loopback() {
        lines.push(row(
            crate::t!(lang, "cli-serve-warning"),
            crate::t!(lang, "cli-serve-reachable", ip = addr.ip().to_string()),
        ));
    }
    lines.push(crate::t!(lang, "cli-ctrl-c"));
    lines.join("\n")
}

pub fn run(global: &crate::cli::GlobalArgs, args: ServeArgs) -> ExitCode {
    let lang = crate::cli::common::ui_lang(global);
    if !args.quiet {
        let only_sim = tracing_subscriber::filter::Targets::new()
            .with_target(sim::LOG_TARGET, tracing::Level::INFO);
        use tracing_subscriber::layer::SubscriberExt as _;
        use tracing_subscriber::util::SubscriberInitExt as _;
        let _ = tracing_subscriber::registry()
            .with(
                tracing_subscriber::fmt::layer()
                    .with_target(false)
                    .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
                    .with_writer(std::io::stderr),
            )
            .with(only_sim)
            .try_init();
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!(
                "vflow serve: {}",
                crate::t!(lang, "cli-no-runtime", error = e.to_string())
            );
            return ExitCode::from(exit::TRANSPORT);
        }
    };
    let code = runtime.block_on(async {
        let handle = match sim::start(args.config(), args.addr()).await {
            Ok(h) => h,
            Err(e) => {
                eprintln!(
                    "vflow serve: {}",
                    crate::t!(
                        lang,
                        "cli-cannot-listen",
                        addr = args.addr().to_string(),
                        error = e.to_string()
                    )
                );
                return ExitCode::from(exit::TRANSPORT);
            }
        };
        let stop = stop_signal();
        println!("{}", banner(&args, handle.addr, lang));
        stop.await;
        eprintln!("vflow serve: {}", crate::t!(lang, "cli-serve-stopping"));
        // Idle and stalled connections are closed at once; requests under way get the
        // server's short grace (ServerLimits::shutdown_grace), then are cut.
        handle.shutdown().await;
        ExitCode::from(exit::OK)
    });
    // Do not wait for blocking work still running (the puzzle backgrounds warming up): dropping
    // the runtime would, and that made a stop right after the start take over a second.
    runtime.shutdown_background();
    code
}

/// Ctrl-C, or SIGTERM on Unix. The handlers are registered when this is
/// called, so call it before announcing the server: a signal sent right after
/// the banner then stops it cleanly instead of killing it.
pub(crate) fn stop_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let int = signal(SignalKind::interrupt());
        let term = signal(SignalKind::terminate());
        async move {
            match (int, term) {
                (Ok(mut int), Ok(mut term)) => {
                    tokio::select! {
                        _ = int.recv() => {},
                        _ = term.recv() => {},
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct T {
        #[command(flatten)]
        args: ServeArgs,
    }

    #[test]
    fn rate_is_validated_and_flags_map_to_config() {
        assert!(T::try_parse_from(["t", "--gateway-failure-rate", "1.5"]).is_err());
        assert!(T::try_parse_from(["t", "--gateway-failure-rate", "x"]).is_err());
        let t = T::try_parse_from([
            "t",
            "--gateway-failure-rate",
            "0.25",
            "--client-id",
            "a",
            "--client-id",
            "b",
            "--latency-ms",
            "30",
            "--aes",
        ])
        .unwrap();
        let c = t.args.config();
        assert_eq!(c.gateway_failure_rate, 0.25);
        assert_eq!(c.extra_client_ids, ["a", "b"]);
        assert_eq!(c.latency, Duration::from_millis(30));
        assert!(c.aes && !c.reveal_solutions && !c.quiet);
        assert_eq!(t.args.bind.to_string(), "127.0.0.1:8080");
    }

    #[test]
    fn port_is_short_for_a_loopback_bind_and_conflicts_with_bind() {
        let t = T::try_parse_from(["t", "--port", "18093"]).unwrap();
        assert_eq!(t.args.addr().to_string(), "127.0.0.1:18093");
        let t = T::try_parse_from(["t", "--bind", "0.0.0.0:9"]).unwrap();
        assert_eq!(t.args.addr().to_string(), "0.0.0.0:9");
        assert!(T::try_parse_from(["t", "--bind", "127.0.0.1:1", "--port", "2"]).is_err());
    }

    #[test]
    fn banner_says_where_and_how_to_read_the_outbox() {
        let t = T::try_parse_from(["t"]).unwrap();
        let b = banner(&t.args, "127.0.0.1:8080".parse().unwrap(), Lang::En);
        assert!(b.contains("listening on http://127.0.0.1:8080"));
        assert!(b.contains(headers::EXAMPLE_CLIENT_ID));
        assert!(b.contains("curl -s http://127.0.0.1:8080/_sim/outbox"));
        assert!(!b.contains("warning"));
        let b = banner(&t.args, "0.0.0.0:80".parse().unwrap(), Lang::En);
        assert!(b.contains("warning"));
    }

    #[test]
    fn automatic_registration_is_on_unless_turned_off() {
        let t = T::try_parse_from(["t"]).unwrap();
        assert!(t.args.config().auto_register);
        let b = banner(&t.args, "127.0.0.1:8080".parse().unwrap(), Lang::En);
        assert!(
            b.contains("curl -s http://127.0.0.1:8080/_sim/users"),
            "{b}"
        );
        assert!(!b.contains("automatic registration off"));
        let t = T::try_parse_from(["t", "--no-auto-register"]).unwrap();
        assert!(!t.args.config().auto_register);
        let b = banner(&t.args, "127.0.0.1:8080".parse().unwrap(), Lang::En);
        assert!(b.contains("faults:     automatic registration off"), "{b}");
    }

    #[test]
    fn the_banner_in_chinese_keeps_commands_and_urls() {
        let t = T::try_parse_from(["t", "--weak", "race,cooldown", "--latency-ms", "30"]).unwrap();
        let b = banner(&t.args, "0.0.0.0:8080".parse().unwrap(), Lang::Zh);
        assert!(b.contains("模拟器正在监听 http://0.0.0.0:8080"), "{b}");
        assert!(b.contains("curl -s http://0.0.0.0:8080/_sim/outbox"), "{b}");
        assert!(
            b.contains("发件箱：") && b.contains("警告：") && b.contains("按 Ctrl-C 停止"),
            "{b}"
        );
        assert!(b.contains("race: ") && b.contains("延迟 30 毫秒"), "{b}");
        for english in [
            "listening on",
            "outbox:",
            "warning:",
            "faults:",
            "Ctrl-C to stop",
            "registered by default",
        ] {
            assert!(!b.contains(english), "{english}: {b}");
        }
        // the values line up after the labels, as in English
        let col = |l: &str| crate::check::width(&l[..l.find("curl").unwrap()]);
        let lines: Vec<&str> = b.lines().filter(|l| l.contains("curl -s")).collect();
        assert!(
            lines.len() >= 2 && lines.iter().all(|l| col(l) == col(lines[0])),
            "{b}"
        );
    }

    #[test]
    fn weakness_words_in_english_are_the_simulators() {
        for w in sim::Weakness::ALL {
            assert_eq!(weakness_words(w, Lang::En), w.describe(), "{w}");
            assert_ne!(weakness_words(w, Lang::Zh), w.describe(), "{w}");
        }
    }
}

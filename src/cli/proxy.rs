//! `vflow proxy`: a reverse proxy for the vendor API that records and explains
//! every exchange (the core is `client::proxy`). It prints one line per
//! exchange; `--har` / `--jsonl` write them as they come.

use super::{GlobalArgs, common, exit};
use crate::api::Lang;
use crate::client::explain::explain_exchange;
use crate::client::proxy::{self, ProxyConfig, Recorded};
use crate::client::report::{self, Redactor};
use crate::sim::{SimConfig, SimHandle};
use std::io::{Seek, SeekFrom, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Point the app (or the vendor's web page, or curl) at the proxy instead of the tenant: every \
exchange is forwarded unchanged (hop-by-hop headers aside; Host names the upstream) and shown \
with its code and a short explanation. Without --upstream it forwards to a built-in simulator \
(an Android emulator reaches a proxy on the host at http://10.0.2.2:PORT).

It is not an open proxy: CONNECT and requests for other hosts are refused with a JSON error.

Examples:
  vflow proxy
  vflow proxy --upstream https://tenant.example.com --bind 0.0.0.0:8081 --har traffic.har
  vflow proxy --no-tui --jsonl traffic.jsonl --redact")]
pub struct ProxyArgs {
    /// Where to forward to (default: a built-in simulator started for this command)
    #[arg(long, value_name = "URL")]
    pub upstream: Option<String>,
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1:8081", value_name = "ADDR:PORT")]
    pub bind: SocketAddr,
    /// Print one line per exchange even on a terminal (instead of the TUI's Traffic screen)
    #[arg(long)]
    pub no_tui: bool,
    /// Write the exchanges as a HAR 1.2 file as they come (mode 0600)
    #[arg(long, value_name = "FILE")]
    pub har: Option<PathBuf>,
    /// Write one JSON object per exchange and line as they come (mode 0600)
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,
    /// Exchanges kept in memory (the newest)
    #[arg(long, value_name = "N", default_value_t = proxy::DEFAULT_KEEP)]
    pub keep: usize,
}

/// A HAR file that stays a valid document after every entry: the closing
/// `]}}` is written after each entry and overwritten by the next.
pub struct HarWriter {
    file: std::fs::File,
    entries: u64,
}

const HAR_TAIL: &str = "\n]}}\n";

impl HarWriter {
    pub fn create(path: &std::path::Path) -> std::io::Result<HarWriter> {
        let mut file = crate::client::export::create_private(path)?;
        let head = serde_json::json!({
            "version": "1.2",
            "creator": {"name": "vflow", "version": env!("CARGO_PKG_VERSION")},
        })
        .to_string();
        // `{"log":{...,"entries":[` then the tail
        write!(file, "{{\"log\":{},\"entries\":[", &head[..head.len() - 1])?;
        file.write_all(HAR_TAIL.as_bytes())?;
        Ok(HarWriter { file, entries: 0 })
    }

    pub fn add(&mut self, x: &crate::client::Exchange) -> std::io::Result<()> {
        let entry = serde_json::to_string(&crate::client::export::entry(x))
            .map_err(std::io::Error::other)?;
        self.file.seek(SeekFrom::End(-(HAR_TAIL.len() as i64)))?;
        if self.entries > 0 {
            self.file.write_all(b",")?;
        }
        self.file.write_all(b"\n")?;
        self.file.write_all(entry.as_bytes())?;
        self.file.write_all(HAR_TAIL.as_bytes())?;
        self.file.flush()?;
        self.entries += 1;
        Ok(())
    }
}

/// One line for one exchange: time, id, client, method, path, status, code, duration, why
/// (the explanation's title in `lang`, the UI language).
pub fn line(
    r: &Recorded,
    ctx: &crate::client::ExplainContext,
    red: Option<&Redactor>,
    lang: Lang,
) -> String {
    // Borrowed unless masking rewrites it: no copy of the bodies per line.
    let x: std::borrow::Cow<'_, crate::client::Exchange> = match red {
        Some(red) => std::borrow::Cow::Owned(red.exchange(&r.exchange)),
        None => std::borrow::Cow::Borrowed(&r.exchange),
    };
    let path = reqwest::Url::parse(&x.request.url)
        .map(|u| match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        })
        .unwrap_or_else(|_| x.request.url.clone());
    let time = humantime::format_rfc3339_millis(x.started_at).to_string();
    let time = time.get(11..23).unwrap_or(&time).to_string();
    let status = x
        .response
        .as_ref()
        .map(|r| r.status.to_string())
        .unwrap_or_else(|| "---".into());
    let why = match &r.refused {
        Some(reason) => crate::t!(lang, "cli-proxy-refused", reason = reason.as_str()),
        None => {
            let e = explain_exchange(&r.exchange, ctx);
            let title = e.title.get(lang).to_string();
            let title = match red {
                Some(red) => red.apply(&title),
                None => title,
            };
            match (&e.code, e.class.as_str()) {
                (Some(c), _) => format!("{c}  {title}"),
                (None, _) => title,
            }
        }
    };
    common::printable(&format!(
        "{time}  #{:<5} {:<21} {:<6} {:<40} {status}  {:>7.1} ms  {why}",
        r.id,
        r.client,
        x.request.method,
        path,
        x.timing.total.as_secs_f64() * 1e3,
    ))
}

fn listen_addresses(bind: SocketAddr) -> Vec<String> {
    if !bind.ip().is_unspecified() {
        return vec![format!("http://{bind}")];
    }
    let mut v: Vec<String> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| i.ip().is_ipv4() == bind.is_ipv4())
        .map(|i| match i.ip() {
            std::net::IpAddr::V6(ip) => format!("http://[{ip}]:{}", bind.port()),
            ip => format!("http://{ip}:{}", bind.port()),
        })
        .collect();
    v.sort();
    v
}

pub fn run(global: &GlobalArgs, args: ProxyArgs) -> ExitCode {
    let profile = match common::profile(global, &super::ClientIdArg::default()) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let lang = profile.ui_lang;
    if let Some(u) = &args.upstream
        && let Err(e) = proxy::parse_upstream(u)
    {
        return common::usage_error(e);
    }
    let mut har = match &args.har {
        Some(p) => match HarWriter::create(p) {
            Ok(w) => Some(w),
            Err(e) => return common::usage_error(common::cannot_write(lang, p, &e.to_string())),
        },
        None => None,
    };
    let mut jsonl = match &args.jsonl {
        Some(p) => match crate::client::export::create_private(p) {
            Ok(f) => Some(std::io::BufWriter::new(f)),
            Err(e) => return common::usage_error(common::cannot_write(lang, p, &e.to_string())),
        },
        None => None,
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            return common::usage_error(crate::t!(lang, "cli-no-runtime", error = e.to_string()));
        }
    };
    runtime.block_on(async move {
        let (upstream, sim) = match upstream_of(&args, lang).await {
            Ok(u) => u,
            Err(code) => return code,
        };
        let handle = match proxy::start(
            ProxyConfig {
                upstream: upstream.clone(),
                keep: args.keep,
            },
            args.bind,
        )
        .await
        {
            Ok(h) => h,
            Err(e) => {
                eprintln!(
                    "vflow proxy: {}",
                    crate::t!(
                        lang,
                        "cli-cannot-listen",
                        addr = args.bind.to_string(),
                        error = e.to_string()
                    )
                );
                return ExitCode::from(exit::TRANSPORT);
            }
        };
        // Subscribed before the address is announced: an exchange that follows the banner at
        // once is printed and written too (a receiver sees only what is sent after it exists).
        let mut rx = handle.store.subscribe();
        let stop = super::serve::stop_signal();
        announce(&handle, &upstream, sim.is_some(), lang);
        let tui = std::io::IsTerminal::is_terminal(&std::io::stdout()) && !args.no_tui;
        if !tui {
            println!("{}", crate::t!(lang, "cli-ctrl-c"));
        }
        let ctx = profile.explain_context();
        let feed = tui.then(|| crate::tui::TrafficFeed {
            store: handle.store.clone(),
            listen: format!("http://{}", handle.addr),
            upstream: upstream.clone(),
            simulator: sim.is_some(),
        });
        let mut red = profile.redact.then(Redactor::new);
        // lines are flushed whenever the printer has caught up, not one write per line
        let mut stdout = std::io::BufWriter::new(std::io::stdout());
        // On a terminal the TUI shows the exchanges (this loop only writes the
        // files) and quitting it stops the proxy.
        let stop = match feed {
            Some(feed) => the_tui(global, &profile, feed),
            None => Box::pin(stop),
        };
        tokio::pin!(stop);
        loop {
            let r: Arc<Recorded> = tokio::select! {
                _ = &mut stop => break,
                r = rx.recv() => match r {
                    Ok(r) => r,
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                        eprintln!("vflow proxy: {}", crate::t!(lang, "cli-proxy-lagged", n = n));
                        continue;
                    }
                    Err(_) => break,
                },
            };
            if let Some(red) = red.as_mut() {
                red.learn(&r.exchange);
            }
            if !tui {
                let _ = writeln!(stdout, "{}", line(&r, &ctx, red.as_ref(), lang));
            }
            // (no copy of the exchange for files when there are none)
            if har.is_some() || jsonl.is_some() {
                let caught_up = rx.is_empty();
                write_files(
                    &r,
                    red.as_ref(),
                    &ctx,
                    (&mut har, &mut jsonl),
                    caught_up,
                    lang,
                );
            }
            if rx.is_empty() {
                let _ = stdout.flush();
            }
        }
        let _ = stdout.flush();
        if let Some(f) = jsonl.as_mut() {
            let _ = f.flush();
        }
        let total = handle.store.total();
        eprintln!(
            "vflow proxy: {}",
            crate::t!(lang, "cli-proxy-stopping", n = total)
        );
        let _ = tokio::time::timeout(std::time::Duration::from_secs(5), handle.shutdown()).await;
        if let Some(s) = sim {
            s.shutdown().await;
        }
        ExitCode::SUCCESS
    })
}

/// Where the proxy forwards to: `--upstream`, or a simulator started for this command.
async fn upstream_of(
    args: &ProxyArgs,
    lang: crate::api::Lang,
) -> Result<(String, Option<SimHandle>), ExitCode> {
    if let Some(u) = &args.upstream {
        return Ok((u.clone(), None));
    }
    let cfg = SimConfig {
        quiet: true,
        ..SimConfig::default()
    };
    match crate::sim::start(cfg, ([127, 0, 0, 1], 0).into()).await {
        Ok(s) => Ok((s.base_url(), Some(s))),
        Err(e) => Err(common::usage_error(crate::t!(
            lang,
            "cli-sim-start-failed",
            error = e.to_string()
        ))),
    }
}

/// What the proxy forwards to and where it listens (and a warning when it is reachable from
/// other machines).
fn announce(handle: &proxy::ProxyHandle, upstream: &str, simulator: bool, lang: crate::api::Lang) {
    let forwarding = if simulator {
        crate::t!(lang, "cli-proxy-forwarding-sim", url = upstream)
    } else {
        crate::t!(lang, "cli-proxy-forwarding", url = upstream)
    };
    println!("vflow proxy: {forwarding}");
    for a in listen_addresses(handle.addr) {
        println!("  {}", crate::t!(lang, "cli-proxy-listening", url = a));
    }
    if !handle.addr.ip().is_loopback() {
        eprintln!(
            "vflow proxy: {}",
            crate::t!(
                lang,
                "cli-proxy-reachable",
                addr = handle.addr.to_string(),
                upstream = upstream
            )
        );
    }
}

/// On a terminal: the TUI on the Traffic screen, fed by the proxy; the
/// proxy stops when it is quit.
fn the_tui(
    global: &GlobalArgs,
    profile: &crate::config::ResolvedProfile,
    feed: crate::tui::TrafficFeed,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> {
    let config_path = profile
        .config_file
        .clone()
        .or_else(|| crate::config::path(&global.overrides()));
    let opts = crate::tui::Options {
        profile: profile.clone(),
        config_path,
        no_history: global.no_history,
        authorized: global.authorized,
        max_sms: global.max_sms,
        import: None,
        traffic: Some(feed),
    };
    Box::pin(async move {
        if let Err(e) = crate::tui::run_in(opts).await {
            eprintln!("vflow proxy: {e}");
        }
    })
}

/// One exchange into the HAR and JSONL files (masked when masking is on); a
/// file that fails to write is said once and dropped. The JSONL file is
/// flushed once the writer has caught up.
fn write_files(
    r: &Recorded,
    red: Option<&Redactor>,
    ctx: &crate::client::ExplainContext,
    (har, jsonl): (
        &mut Option<HarWriter>,
        &mut Option<std::io::BufWriter<std::fs::File>>,
    ),
    caught_up: bool,
    lang: Lang,
) {
    let shown = match red {
        Some(red) => red.exchange(&r.exchange),
        None => r.exchange.clone(),
    };
    if let Some(w) = har.as_mut()
        && let Err(e) = w.add(&shown)
    {
        eprintln!(
            "vflow proxy: {}",
            crate::t!(lang, "cli-proxy-cannot-write-har", error = e.to_string())
        );
        *har = None;
    }
    if let Some(f) = jsonl.as_mut() {
        let expl = explain_exchange(&r.exchange, ctx);
        let mut v = report::json_report(&shown, &expl);
        v["id"] = serde_json::json!(r.id);
        v["client"] = serde_json::json!(r.client.to_string());
        v["refused"] = serde_json::json!(r.refused);
        if let Err(e) = writeln!(f, "{v}").and_then(|_| if caught_up { f.flush() } else { Ok(()) })
        {
            eprintln!(
                "vflow proxy: {}",
                crate::t!(lang, "cli-proxy-cannot-write-jsonl", error = e.to_string())
            );
            *jsonl = None;
        }
    }
}

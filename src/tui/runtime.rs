//! Executes the [`Cmd`]s that `update` returns: each slow one runs in a tokio
//! task that answers with a [`Msg`]. Shared by the terminal loop and the tests.

use super::app::{App, Cmd, Msg, Notice};
use super::check::CheckMsg;
use super::history::HistoryStore;
use super::screens::probe::ProbeMsg;
use crate::client::{self, Exchange, HeaderSetting, Outcome, RequestSpec, Timing};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OnceCell, mpsc};
use tokio::task::AbortHandle;

/// Where copied text goes.
pub enum Clipboard {
    /// OSC 52 escape sequence to the terminal (works over SSH).
    Osc52,
    /// Kept in memory (tests).
    Memory(Vec<String>),
}

/// A request in flight: how to stop it, and what to record if it is stopped.
struct InFlight {
    handle: AbortHandle,
    spec: Box<RequestSpec>,
    started_at: std::time::SystemTime,
    t0: std::time::Instant,
    /// A code's consumer (answers `Msg::Consumed`), not an sms/send.
    consumer: bool,
}

/// Persists header edits into the profile; answers where it saved them.
pub type HeaderSaver = Box<dyn Fn(&[client::HeaderSetting]) -> Result<String, String>>;

pub struct Runtime {
    pub tx: mpsc::UnboundedSender<Msg>,
    pub rx: mpsc::UnboundedReceiver<Msg>,
    /// Requests in flight, by id, with the spec (to record a cancelled exchange).
    inflight: HashMap<u64, InFlight>,
    /// Other tasks still running (token fetch, outbox, history, ...).
    pending: usize,
    http: Arc<OnceCell<client::Http>>,
    opts: client::HttpOptions,
    pub clipboard: Clipboard,
    pub history: Option<HistoryStore>,
    pub reports_dir: Option<PathBuf>,
    /// Called to persist header changes into the profile; returns where it saved.
    pub save_headers: Option<HeaderSaver>,
    /// The check run in progress, by run id.
    check_task: Option<(u64, AbortHandle)>,
    /// The probe run in progress, by run id.
    probe_task: Option<(u64, AbortHandle)>,
    /// How the captcha puzzle is drawn (half-blocks unless the terminal loop says otherwise).
    pub graphics: crate::term::puzzle_image::Graphics,
    /// A picker made at start-up (`VFLOW_GRAPHICS=query`); used instead of `graphics`.
    pub picker: Option<ratatui_image::picker::Picker>,
    /// The UI language of the last effect run: the words of errors made here.
    lang: crate::api::Lang,
}

impl Runtime {
    pub fn new(opts: client::HttpOptions) -> Runtime {
        let (tx, rx) = mpsc::unbounded_channel();
        Runtime {
            tx,
            rx,
            inflight: HashMap::new(),
            pending: 0,
            http: Arc::new(OnceCell::new()),
            opts,
            clipboard: Clipboard::Osc52,
            history: None,
            reports_dir: None,
            save_headers: None,
            check_task: None,
            probe_task: None,
            graphics: Default::default(),
            picker: None,
            lang: crate::api::Lang::En,
        }
    }

    /// Nothing is running that will send a message back.
    pub fn idle(&self) -> bool {
        self.inflight.is_empty() && self.pending == 0
    }

    /// Book-keeping when a task's message arrives.
    pub fn on_msg(&mut self, msg: &Msg) {
        match msg {
            Msg::Sent { id, .. } | Msg::Consumed { id, .. } => {
                self.inflight.remove(id);
            }
            Msg::TokenFetched(_)
            | Msg::OutboxCode { .. }
            | Msg::StateToken { .. }
            | Msg::HistoryLoaded(_)
            | Msg::PuzzleFetched(_)
            | Msg::PuzzleVerified { .. }
            | Msg::ImportRead { .. }
            | Msg::Reveals(_) => {
                self.pending = self.pending.saturating_sub(1);
            }
            Msg::Check(CheckMsg::Finished { run, .. })
                if self.check_task.as_ref().is_some_and(|(r, _)| r == run) =>
            {
                self.check_task = None;
                self.pending = self.pending.saturating_sub(1);
            }
            Msg::Probe(ProbeMsg::Finished { run, .. })
                if self.probe_task.as_ref().is_some_and(|(r, _)| r == run) =>
            {
                self.probe_task = None;
                self.pending = self.pending.saturating_sub(1);
            }
            _ => {}
        }
    }

    /// The HTTP client, set up on first use; an error in `lang`.
    fn http(&self) -> impl std::future::Future<Output = Result<client::Http, String>> + use<> {
        let lang = self.lang;
        let cell = self.http.clone();
        let opts = self.opts.clone();
        async move {
            cell.get_or_try_init(|| async { client::Http::new(&opts).map_err(|e| e.text(lang)) })
                .await
                .cloned()
        }
    }

    fn spawn_pending<F>(&mut self, fut: F)
    where
        F: std::future::Future<Output = Msg> + Send + 'static,
    {
        self.pending += 1;
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let _ = tx.send(fut.await);
        });
    }

    /// Run one effect `update` asked for; slow ones in a task that answers
    /// with a message.
    pub fn execute(&mut self, app: &App, cmd: Cmd) {
        let base = || app.target.base_url.clone();
        let lang = app.ui_lang;
        self.lang = lang;
        match cmd {
            Cmd::Send { id, spec } => self.send(id, spec, false),
            Cmd::Consume { id, spec } => self.send(id, spec, true),
            Cmd::FetchStateToken { id } => self.fetch_state_token(base(), id),
            Cmd::AskReveals => {
                let (http, base) = (self.http(), base());
                self.spawn_pending(async move {
                    Msg::Reveals(match http.await {
                        Ok(http) => client::simflow::reveals_solutions(&http, &base).await,
                        Err(_) => None,
                    })
                });
            }
            Cmd::Cancel { id } => self.cancel(id),
            Cmd::FetchToken { mobile, headers } => self.fetch_token(base(), mobile, headers),
            Cmd::FetchOutbox { id, mobile, scene } => self.fetch_outbox(base(), id, mobile, scene),
            Cmd::Copy { what, text } => {
                let mux = match self.clipboard {
                    Clipboard::Osc52 => super::clipboard::Mux::from_env(),
                    Clipboard::Memory(_) => super::clipboard::Mux::None,
                };
                let n = notices::copied(lang, what, mux, self.copy(text, mux));
                self.notify(n);
            }
            Cmd::SaveReport(text) => {
                let n =
                    notices::report_saved(lang, save_report(self.reports_dir.as_deref(), &text));
                self.notify(n);
            }
            Cmd::AppendHistory(rec) => {
                if let Some(store) = &self.history
                    && let Err(e) = store.append(&rec)
                {
                    self.notify(notices::history_not_saved(lang, e));
                }
            }
            Cmd::SaveHeaders(headers) => {
                let n =
                    notices::headers_saved(lang, self.save_headers.as_ref().map(|f| f(&headers)));
                self.notify(n);
            }
            Cmd::RunCheck { run } => self.run_check(app, run),
            Cmd::StopCheck { run } => self.stop_check(run),
            Cmd::RunProbes { run } => self.run_probes(app, run),
            Cmd::StopProbes { run } => self.stop_probes(run),
            Cmd::FetchPuzzle { spec, need_picker } => self.fetch_puzzle(spec, need_picker),
            Cmd::VerifyPuzzle { spec, sender } => self.verify_puzzle(spec, sender),
            Cmd::ReadImport(path) => self.read_import(path, lang),
            Cmd::ExportHar(xs) => {
                let n =
                    notices::har_saved(lang, xs.len(), save_har(self.reports_dir.as_deref(), &xs));
                self.notify(n);
            }
            Cmd::Quit => self.abort_all(),
        }
    }

    /// Read a file to import, off the UI thread.
    fn read_import(&mut self, path: PathBuf, lang: crate::api::Lang) {
        self.spawn_pending(async move {
            let shown = path.display().to_string();
            let result = match tokio::fs::read(&path).await {
                Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
                    crate::t!(
                        lang,
                        "tui-runtime-import-not-utf8",
                        path = shown.as_str(),
                        byte = e.utf8_error().valid_up_to()
                    )
                }),
                Err(e) => Err(crate::t!(
                    lang,
                    "tui-runtime-import-cannot-read",
                    path = shown.as_str(),
                    error = e.to_string()
                )),
            };
            Msg::ImportRead {
                path: shown,
                result,
            }
        });
    }

    fn notify(&self, n: Notice) {
        let _ = self.tx.send(Msg::Notice(n));
    }

    /// Give up a request: abort its task and answer with a Cancelled exchange.
    fn cancel(&mut self, id: u64) {
        let Some(InFlight {
            handle,
            spec,
            started_at,
            t0,
            consumer,
        }) = self.inflight.remove(&id)
        else {
            return;
        };
        handle.abort();
        let mut exchange = cancelled(&spec);
        // what was waited for before giving up
        exchange.started_at = started_at;
        exchange.timing.total = t0.elapsed();
        let exchange = Box::new(exchange);
        let _ = self.tx.send(if consumer {
            Msg::Consumed { id, exchange }
        } else {
            Msg::Sent { id, exchange }
        });
        // keep the count honest: the message we just sent is for a removed id
    }

    fn fetch_token(&mut self, base: String, mobile: String, headers: Vec<HeaderSetting>) {
        let http = self.http();
        self.spawn_pending(async move {
            let res = match http.await {
                Ok(http) => client::simflow::token_from_simulator(&http, &base, &headers, &mobile)
                    .await
                    .map(|t| (t, mobile)),
                Err(e) => Err(client::simflow::TokenError::Failed(e)),
            };
            Msg::TokenFetched(res)
        });
    }

    fn fetch_outbox(&mut self, base: String, id: u64, mobile: String, scene: String) {
        let http = self.http();
        self.spawn_pending(async move {
            let code = match http.await {
                Ok(http) => client::simflow::latest_code(&http, &base, &mobile, &scene)
                    .await
                    .ok()
                    .flatten(),
                Err(_) => None,
            };
            Msg::OutboxCode { id, code }
        });
    }

    fn fetch_state_token(&mut self, base: String, id: u64) {
        let http = self.http();
        self.spawn_pending(async move {
            let result = match http.await {
                Ok(http) => {
                    client::simflow::state_token_from_simulator(&http, &base, "wechat").await
                }
                Err(e) => Err(e),
            };
            Msg::StateToken { id, result }
        });
    }

    fn copy(&mut self, text: String, mux: super::clipboard::Mux) -> Result<(), String> {
        match &mut self.clipboard {
            Clipboard::Memory(v) => {
                v.push(text);
                Ok(())
            }
            Clipboard::Osc52 => osc52(&text, mux).map_err(|e| e.to_string()),
        }
    }

    fn stop_check(&mut self, run: u64) {
        if let Some((r, h)) = &self.check_task
            && *r == run
        {
            h.abort();
            let _ = self
                .tx
                .send(Msg::Check(CheckMsg::Finished { run, stopped: true }));
        }
    }

    fn fetch_puzzle(&mut self, spec: Box<RequestSpec>, need_picker: bool) {
        let (http, lang) = (self.http(), self.lang);
        let picker = need_picker.then(|| {
            self.picker
                .clone()
                .unwrap_or_else(|| self.graphics.picker())
        });
        self.spawn_pending(async move {
            let res = match http.await {
                Ok(http) => fetch_puzzle(&http, &spec, lang).await,
                Err(e) => Err(e),
            };
            Msg::PuzzleFetched(
                res.map(|puzzle| Box::new(super::puzzle::Fetched { puzzle, picker })),
            )
        });
    }

    fn verify_puzzle(&mut self, spec: Box<RequestSpec>, sender: String) {
        let (http, lang) = (self.http(), self.lang);
        self.spawn_pending(async move {
            let exchange = match http.await {
                Ok(http) => http
                    .send(&spec)
                    .await
                    .unwrap_or_else(|e| failed_before_sending(&spec, e.text(lang), lang)),
                Err(e) => failed_before_sending(&spec, e, lang),
            };
            Msg::PuzzleVerified {
                sender,
                exchange: Box::new(exchange),
            }
        });
    }

    fn abort_all(&mut self) {
        for (_, f) in self.inflight.drain() {
            f.handle.abort();
        }
        if let Some((_, h)) = self.check_task.take() {
            h.abort();
        }
        if let Some((_, h)) = self.probe_task.take() {
            h.abort();
        }
    }

    fn send(&mut self, id: u64, spec: Box<RequestSpec>, consumer: bool) {
        let (http, lang) = (self.http(), self.lang);
        let tx = self.tx.clone();
        let s = spec.clone();
        let handle = tokio::spawn(async move {
            let exchange = match http.await {
                Ok(http) => http
                    .send(&s)
                    .await
                    .unwrap_or_else(|e| failed_before_sending(&s, e.text(lang), lang)),
                Err(e) => failed_before_sending(&s, e, lang),
            };
            let exchange = Box::new(exchange);
            let _ = tx.send(if consumer {
                Msg::Consumed { id, exchange }
            } else {
                Msg::Sent { id, exchange }
            });
        });
        self.inflight.insert(
            id,
            InFlight {
                handle: handle.abort_handle(),
                spec,
                started_at: std::time::SystemTime::now(),
                t0: std::time::Instant::now(),
                consumer,
            },
        );
    }

    /// Run the check suite in a task: a message as each case starts and ends, then `Finished`.
    fn run_check(&mut self, app: &App, run: u64) {
        if let Some((_, h)) = self.check_task.take() {
            h.abort();
            self.pending = self.pending.saturating_sub(1);
        }
        let http = self.http();
        let tx = self.tx.clone();
        let suite = app.check.suite.clone();
        let base = app.target.base_url.clone();
        let headers = app.headers.clone();
        let explain = app.explain_base.clone();
        let simulator = app.target.simulator.then_some(true);
        let lang = app.ui_lang;
        let tokens = super::check::token_source(self.tx.clone(), run, lang);
        let handle = tokio::spawn(async move {
            match http.await {
                Ok(http) => {
                    let mut env = crate::check::Env::new(http, &base, headers);
                    env.explain = explain;
                    env.lang = lang;
                    env.simulator = simulator;
                    env.tokens = tokens;
                    let all: Vec<usize> = (0..suite.cases.len()).collect();
                    crate::check::run::run(&suite, &all, &env, |p| {
                        let _ = tx.send(super::check::progress_msg(run, p));
                    })
                    .await;
                }
                Err(e) => {
                    let _ = tx.send(Msg::Notice(Notice {
                        text: crate::t!(lang, "tui-check-cannot-run", error = e.to_string()),
                        error: true,
                    }));
                }
            }
            let _ = tx.send(Msg::Check(CheckMsg::Finished {
                run,
                stopped: false,
            }));
        });
        self.pending += 1;
        self.check_task = Some((run, handle.abort_handle()));
    }

    fn stop_probes(&mut self, run: u64) {
        if let Some((r, h)) = &self.probe_task
            && *r == run
        {
            h.abort();
            let _ = self
                .tx
                .send(Msg::Probe(ProbeMsg::Finished { run, stopped: true }));
        }
    }

    /// Run every probe in a task: where the target is and the budget, a message as each
    /// probe starts and ends, then `Finished`. Consent is checked again here: against a
    /// target that is not on this machine nothing is sent without authorization.
    fn run_probes(&mut self, app: &App, run: u64) {
        use crate::check::probe_plan::{self, Consent};
        let base = app.target.base_url.clone();
        let lang = app.ui_lang;
        if let Consent::Refused(_) = probe_plan::consent(&base, app.probe.authorized) {
            self.notify(Notice {
                text: crate::t!(lang, "tui-probe-refused", url = base.as_str()),
                error: true,
            });
            let _ = self
                .tx
                .send(Msg::Probe(ProbeMsg::Finished { run, stopped: true }));
            return;
        }
        if let Some((_, h)) = self.probe_task.take() {
            h.abort();
            self.pending = self.pending.saturating_sub(1);
        }
        let http = self.http();
        let tx = self.tx.clone();
        let suite = app.probe.suite.clone();
        let headers = app.headers.clone();
        let explain = app.explain_base.clone();
        let in_process = app.target.simulator;
        let given = app.probe.max_sms;
        let handle = tokio::spawn(async move {
            match http.await {
                Ok(http) => {
                    let mut env = crate::check::Env::new(http, &base, headers);
                    env.explain = explain;
                    env.lang = lang;
                    let simulator = in_process
                        || (probe_plan::is_loopback(&base)
                            && crate::check::run::probe_simulator(&env.http, &base).await);
                    env.simulator = Some(simulator);
                    let max_sms = probe_plan::max_sms(given, simulator);
                    let _ = tx.send(Msg::Probe(ProbeMsg::Began {
                        run,
                        simulator,
                        max_sms,
                    }));
                    let all: Vec<usize> = (0..suite.probes.len()).collect();
                    let budget = crate::check::probe::Budget::new(max_sms);
                    crate::check::probe::run(&suite, &all, &env, budget, |p| {
                        let _ = tx.send(super::screens::probe::progress_msg(run, p));
                    })
                    .await;
                }
                Err(e) => {
                    let _ = tx.send(Msg::Notice(Notice {
                        text: crate::t!(lang, "tui-probe-cannot-run", error = e.to_string()),
                        error: true,
                    }));
                }
            }
            let _ = tx.send(Msg::Probe(ProbeMsg::Finished {
                run,
                stopped: false,
            }));
        });
        self.pending += 1;
        self.probe_task = Some((run, handle.abort_handle()));
    }

    /// Load the persisted history in the background (after the first frame).
    pub fn load_history(&mut self) {
        if let Some(store) = self.history.clone() {
            self.spawn_pending(async move {
                let recs = tokio::task::spawn_blocking(move || store.load())
                    .await
                    .unwrap_or_default();
                Msg::HistoryLoaded(recs)
            });
        }
    }
}

/// `GET /captcha` and decode the answer's images.
async fn fetch_puzzle(
    http: &client::Http,
    spec: &RequestSpec,
    lang: crate::api::Lang,
) -> Result<crate::term::puzzle_image::Puzzle, String> {
    use crate::t;
    let x = http
        .send(spec)
        .await
        .map_err(|e| t!(lang, "client-send-not-sent", reason = e.text(lang)))?;
    let body = x
        .response
        .as_ref()
        .map(|r| r.body.as_slice())
        .unwrap_or(&[]);
    if x.outcome != Outcome::Success {
        let outcome = super::record::outcome_label_in(&x.outcome, lang);
        return Err(match &x.outcome {
            Outcome::ApiError { message, .. } => t!(
                lang,
                "client-captcha-failed-detail",
                outcome = outcome,
                detail = message
            ),
            Outcome::Transport { detail, .. } => t!(
                lang,
                "client-captcha-failed-detail",
                outcome = outcome,
                detail = detail
            ),
            _ => t!(lang, "client-captcha-failed", outcome = outcome),
        });
    }
    let c: crate::api::wire::CaptchaResponse = serde_json::from_slice(body).map_err(|e| {
        t!(
            lang,
            "client-captcha-unexpected-body",
            detail = e.to_string()
        )
    })?;
    crate::term::puzzle_image::Puzzle::from_response(&c)
        .map_err(|e| t!(lang, "client-captcha-bad-image", detail = e))
}

fn cancelled(spec: &RequestSpec) -> Exchange {
    Exchange {
        started_at: std::time::SystemTime::now(),
        request: client::send::record(spec).unwrap_or_else(|_| client::SentRequest {
            method: spec.method.clone(),
            url: spec.url(),
            headers: Vec::new(),
            body: Vec::new(),
        }),
        response: None,
        timing: Timing {
            total: Duration::ZERO,
            ttfb: None,
        },
        outcome: Outcome::Cancelled,
    }
}

/// An exchange for a request that never left: `reason` is already in `lang`.
fn failed_before_sending(spec: &RequestSpec, reason: String, lang: crate::api::Lang) -> Exchange {
    Exchange {
        outcome: Outcome::Transport {
            kind: client::TransportKind::Other,
            detail: crate::t!(lang, "client-send-not-sent", reason = reason),
        },
        ..cancelled(spec)
    }
}

/// OSC 52 to the terminal, wrapped for tmux or screen when inside one.
fn osc52(text: &str, mux: super::clipboard::Mux) -> std::io::Result<()> {
    let mut out = std::io::stdout();
    out.write_all(&super::clipboard::sequence(text, mux))?;
    out.flush()
}

/// Exchanges as a HAR 1.2 file `vflow-<time>.har` (mode 0600) in `dir`.
fn save_har(dir: Option<&std::path::Path>, xs: &[Exchange]) -> std::io::Result<PathBuf> {
    let dir = dir.ok_or_else(|| std::io::Error::other("no data directory"))?;
    std::fs::create_dir_all(dir)?;
    let stamp = humantime::format_rfc3339_seconds(std::time::SystemTime::now())
        .to_string()
        .replace(':', "");
    let mut path = dir.join(format!("vflow-{stamp}.har"));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("vflow-{stamp}-{n}.har"));
    }
    client::export::write_har(&path, xs)?;
    Ok(path)
}

fn save_report(dir: Option<&std::path::Path>, text: &str) -> std::io::Result<PathBuf> {
    let dir = dir.ok_or_else(|| std::io::Error::other("no data directory"))?;
    std::fs::create_dir_all(dir)?;
    let stamp = humantime::format_rfc3339_seconds(std::time::SystemTime::now())
        .to_string()
        .replace(':', "");
    let mut path = dir.join(format!("vflow-report-{stamp}.txt"));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("vflow-report-{stamp}-{n}.txt"));
    }
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600); // reports hold tokens, client ids and codes
    }
    o.open(&path)?.write_all(text.as_bytes())?;
    Ok(path)
}

impl Runtime {
    /// Feed one message through `update` and execute the commands it returns:
    /// the same step the terminal loop takes for every event.
    pub fn dispatch(&mut self, app: &mut App, msg: Msg) {
        self.on_msg(&msg);
        for cmd in super::app::update(app, msg) {
            self.execute(app, cmd);
        }
    }

    /// Process task messages until nothing is running any more (or `limit`
    /// passes without a message, which is returned as an error).
    pub async fn settle(&mut self, app: &mut App, limit: Duration) -> Result<(), String> {
        loop {
            // Notices and other immediate messages are queued too: drain them.
            while let Ok(msg) = self.rx.try_recv() {
                self.dispatch(app, msg);
            }
            if self.idle() {
                return Ok(());
            }
            match tokio::time::timeout(limit, self.rx.recv()).await {
                Ok(Some(msg)) => self.dispatch(app, msg),
                Ok(None) => return Err("message channel closed".into()),
                Err(_) => return Err(format!("no message within {limit:?}")),
            }
        }
    }
}

/// The footer notices of the runtime's effects, in the UI language.
mod notices {
    use super::Notice;
    use crate::api::Lang;
    use crate::t;

    fn ok(text: String) -> Notice {
        Notice { text, error: false }
    }

    fn err(text: String) -> Notice {
        Notice { text, error: true }
    }

    /// `what` is a message id (`tui-runtime-what-…`).
    pub fn copied(
        lang: Lang,
        what: &str,
        mux: crate::tui::clipboard::Mux,
        r: Result<(), String>,
    ) -> Notice {
        match r {
            Ok(()) => {
                let what = crate::i18n::text(lang, what);
                ok(crate::tui::clipboard::copied_notice(&what, mux, lang))
            }
            Err(e) => err(t!(lang, "tui-runtime-copy-failed", error = e)),
        }
    }

    pub fn report_saved(lang: Lang, r: std::io::Result<std::path::PathBuf>) -> Notice {
        match r {
            Ok(p) => ok(t!(
                lang,
                "tui-runtime-report-saved",
                path = p.display().to_string()
            )),
            Err(e) => err(t!(lang, "tui-runtime-report-failed", error = e.to_string())),
        }
    }

    pub fn har_saved(lang: Lang, n: usize, r: std::io::Result<std::path::PathBuf>) -> Notice {
        match r {
            Ok(p) => ok(t!(
                lang,
                "tui-runtime-har-saved",
                n = n,
                path = p.display().to_string()
            )),
            Err(e) => err(t!(lang, "tui-runtime-har-failed", error = e.to_string())),
        }
    }

    pub fn history_not_saved(lang: Lang, e: impl std::fmt::Display) -> Notice {
        err(t!(
            lang,
            "tui-runtime-history-not-saved",
            error = e.to_string()
        ))
    }

    pub fn headers_saved(lang: Lang, r: Option<Result<String, String>>) -> Notice {
        match r {
            Some(Ok(where_)) => ok(t!(lang, "tui-runtime-headers-saved", path = where_)),
            Some(Err(e)) => err(t!(lang, "tui-runtime-headers-failed", error = e)),
            None => err(t!(lang, "tui-runtime-headers-no-profile")),
        }
    }
}

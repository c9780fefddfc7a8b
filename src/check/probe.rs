//! `vflow probe`: does the tenant stop SMS bombing and code guessing? A suite of bounded
//! attacks kept as data (`assets/probe-suite.toml`), each with the defence it expects, run
//! with the same [`Env`] as `vflow check` and reported per probe as held, a finding (with
//! severity and evidence) or skipped (with the reason). Every possible SMS is reserved
//! from a [`Budget`] before the request goes out, so a run never exceeds it.

use super::run::{BoxFuture, Env, Sent, probe_simulator};
use crate::api::consumer::Consumer;
use crate::api::{Lang, Scene, captcha, wire};
use crate::client::consumer::{self, Known};
use crate::client::simflow::{self, TokenError};
use crate::client::{Exchange, Outcome, RequestSpec, build};
use serde::Deserialize;
use std::time::{Duration, Instant, SystemTime};

/// The built-in probes.
pub const BUILTIN: &str = include_str!("../../assets/probe-suite.toml");

/// Upper bound of the parallel requests a probe may fire at once.
pub const MAX_PARALLEL: u32 = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Race,
    Replay,
    OtherMobile,
    Forged,
    CaptchaRetry,
    Cooldown,
    DailyCap,
    CodeGuessing,
    Enumeration,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// [`Severity::word`] in `lang`.
    pub fn word_in(self, lang: Lang) -> String {
        match self {
            Severity::Low => crate::t!(lang, "check-severity-low"),
            Severity::Medium => crate::t!(lang, "check-severity-medium"),
            Severity::High => crate::t!(lang, "check-severity-high"),
            Severity::Critical => crate::t!(lang, "check-severity-critical"),
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// One probe of the suite.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Probe {
    pub name: String,
    pub kind: Kind,
    pub severity: Severity,
    pub title: String,
    /// The title in Chinese; a suite without it shows the English one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_zh: Option<String>,
    /// What a finding means, in English and Chinese.
    pub finding_en: String,
    pub finding_zh: String,
    /// The `vflow serve --weak` knobs that switch this defence off.
    #[serde(default)]
    pub weak: Vec<String>,
    /// Parallel requests (race: sends with one token; code-guessing: wrong guesses).
    #[serde(default)]
    pub parallel: Option<u32>,
    /// Daily cap per mobile to go one past.
    #[serde(default)]
    pub cap: Option<u32>,
    /// Wrong codes that use a code up.
    #[serde(default)]
    pub limit: Option<u32>,
    /// Requests per mobile and consumer (enumeration).
    #[serde(default)]
    pub samples: Option<u32>,
}

impl Probe {
    /// The title in `lang`: `title_zh` in Chinese when the suite has it, else `title`.
    /// The CLI's `probe` and the TUI's probe screen show this.
    pub fn title_in(&self, lang: Lang) -> &str {
        match (lang, &self.title_zh) {
            (Lang::Zh, Some(zh)) if !zh.trim().is_empty() => zh,
            _ => &self.title,
        }
    }

    /// What a finding means: `(in lang, in the other language)`.
    pub fn finding_in(&self, lang: Lang) -> (&str, &str) {
        match lang {
            Lang::En => (&self.finding_en, &self.finding_zh),
            Lang::Zh => (&self.finding_zh, &self.finding_en),
        }
    }

    fn parallel(&self) -> u32 {
        self.parallel.unwrap_or(10).clamp(2, MAX_PARALLEL)
    }
    fn cap(&self) -> u32 {
        self.cap.unwrap_or(crate::api::ttl::DAILY_CAP).clamp(1, 50)
    }
    fn limit(&self) -> u32 {
        self.limit
            .unwrap_or(crate::api::ttl::SMS_CODE_MAX_WRONG)
            .clamp(1, 20)
    }
    fn samples(&self) -> u32 {
        self.samples.unwrap_or(3).clamp(1, 10)
    }

    /// The plan: requests at most, SMS at most (every sms/send that could be accepted), and
    /// how many requests go out at once at most.
    pub fn cost(&self) -> Cost {
        let (requests, sms, parallel) = match self.kind {
            // token (3) + N sends
            Kind::Race => (3 + self.parallel(), self.parallel(), self.parallel()),
            // two tokens, 2 + 2 sends
            Kind::Replay => (6 + 4, 4, 1),
            Kind::OtherMobile => (3 + 1, 1, 1),
            Kind::Forged => (FORGED.len() as u32, FORGED.len() as u32, 1),
            // get + wrong + sweep
            Kind::CaptchaRetry => (2 + SWEEP.len() as u32, 0, 1),
            // 5 tokens, 5 sends
            Kind::Cooldown => (15 + 5, 5, 1),
            // per send: clear, token (3), send
            Kind::DailyCap => ((self.cap() + 1) * 5, self.cap() + 1, 1),
            // two deliveries (token, send, outbox), limit wrong + right, N parallel + right
            Kind::CodeGuessing => (
                10 + self.limit() + 1 + self.parallel() + 1,
                2,
                self.parallel(),
            ),
            // delivery, login, then samples x 2 mobiles x 3 consumers
            Kind::Enumeration => (6 + self.samples() * 6, 1, 1),
        };
        Cost {
            requests,
            sms,
            parallel,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Cost {
    pub requests: u32,
    pub sms: u32,
    pub parallel: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    probe: Vec<Probe>,
}

#[derive(Clone, Debug)]
pub struct ProbeSuite {
    pub source: String,
    pub probes: Vec<Probe>,
}

/// The built-in probe suite's `source`.
pub const BUILTIN_SOURCE: &str = "built-in probes";

impl ProbeSuite {
    pub fn builtin() -> ProbeSuite {
        ProbeSuite::parse(BUILTIN, BUILTIN_SOURCE).expect("the built-in probe suite parses")
    }

    /// Where the suite came from, in `lang`: the built-in one by name, else its file.
    pub fn source_in(&self, lang: Lang) -> String {
        if self.source == BUILTIN_SOURCE {
            crate::t!(lang, "check-probe-builtin-suite")
        } else {
            self.source.clone()
        }
    }

    /// The built-in probes, parsed once per process (see `Suite::builtin_shared`).
    /// A suite with no probes: what the Check screen holds until it first opens.
    pub fn empty() -> ProbeSuite {
        ProbeSuite {
            source: BUILTIN_SOURCE.into(),
            probes: Vec::new(),
        }
    }

    pub fn builtin_shared() -> std::sync::Arc<ProbeSuite> {
        static S: std::sync::LazyLock<std::sync::Arc<ProbeSuite>> =
            std::sync::LazyLock::new(|| std::sync::Arc::new(ProbeSuite::builtin()));
        S.clone()
    }

    pub fn parse(text: &str, source: &str) -> Result<ProbeSuite, String> {
        let f: File = toml::from_str(text).map_err(|e| format!("{source}: {e}"))?;
        let mut seen = std::collections::HashSet::new();
        for p in &f.probe {
            if !seen.insert(p.name.as_str()) {
                return Err(format!("{source}: probe {:?} appears twice", p.name));
            }
        }
        Ok(ProbeSuite {
            source: source.into(),
            probes: f.probe,
        })
    }

    pub fn load(path: &std::path::Path) -> Result<ProbeSuite, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        ProbeSuite::parse(&text, &path.display().to_string())
    }

    /// Indices of the probes named (all when `only` is empty); an unknown name is an error.
    pub fn select(&self, only: &[String]) -> Result<Vec<usize>, String> {
        self.select_in(only, Lang::En)
    }

    /// [`ProbeSuite::select`] with the error in `lang`.
    pub fn select_in(&self, only: &[String], lang: Lang) -> Result<Vec<usize>, String> {
        if only.is_empty() {
            return Ok((0..self.probes.len()).collect());
        }
        only.iter()
            .map(|n| {
                self.probes
                    .iter()
                    .position(|p| &p.name == n)
                    .ok_or_else(|| {
                        let names: Vec<_> = self.probes.iter().map(|p| p.name.as_str()).collect();
                        crate::t!(
                            lang,
                            "check-probe-unknown",
                            name = format!("{n:?}"),
                            names = names.join(", ")
                        )
                    })
            })
            .collect()
    }
}

/// The SMS a run may cause. Every sms/send that could be accepted is reserved first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// `None`: no limit (the simulator).
    pub max: Option<u32>,
    /// Reserved and not given back: accepted sends, plus those in flight.
    pub used: u32,
}

impl Budget {
    pub fn new(max: Option<u32>) -> Budget {
        Budget { max, used: 0 }
    }
    fn reserve(&mut self, n: u32) -> bool {
        match self.max {
            Some(m) if self.used + n > m => false,
            _ => {
                self.used += n;
                true
            }
        }
    }
    /// Whether `n` more would fit.
    pub fn can(&self, n: u32) -> bool {
        self.max.is_none_or(|m| self.used + n <= m)
    }
    fn give_back(&mut self, n: u32) {
        self.used = self.used.saturating_sub(n);
    }
    fn left(&self, lang: Lang) -> String {
        match self.max {
            Some(m) => m.saturating_sub(self.used).to_string(),
            None => crate::t!(lang, "check-probe-unlimited"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum ProbeVerdict {
    Held,
    Finding { severity: Severity, what: String },
    Skipped { reason: String },
}

impl ProbeVerdict {
    /// [`ProbeVerdict::word`] in `lang`.
    pub fn word_in(&self, lang: Lang) -> String {
        match self {
            ProbeVerdict::Held => crate::t!(lang, "check-probe-held"),
            ProbeVerdict::Finding { severity, .. } => crate::t!(
                lang,
                "check-probe-finding",
                severity = severity.word_in(lang)
            ),
            ProbeVerdict::Skipped { .. } => crate::t!(lang, "check-probe-skipped"),
        }
    }

    pub fn word(&self) -> String {
        match self {
            ProbeVerdict::Held => "held".into(),
            ProbeVerdict::Finding { severity, .. } => format!("FINDING ({})", severity.word()),
            ProbeVerdict::Skipped { .. } => "skipped".into(),
        }
    }
    pub fn is_finding(&self) -> bool {
        matches!(self, ProbeVerdict::Finding { .. })
    }
}

/// What one probe gave.
#[derive(Clone, Debug, PartialEq)]
pub struct ProbeResult {
    pub probe: Probe,
    pub verdict: ProbeVerdict,
    /// What was observed, one line per sub-check.
    pub notes: Vec<String>,
    /// SMS the target accepted to send (sms/send answered 2xx).
    pub sms: u32,
    pub elapsed: Duration,
    /// Every request, in order; `role` names the step.
    pub sends: Vec<Sent>,
    /// The numbers the probe made up (some only reach the target through a pass token's
    /// `sender`): for masking with `--redact`.
    pub mobiles: Vec<String>,
}

impl ProbeResult {
    /// Requests the probe made, those that got its pass tokens included.
    pub fn requests(&self) -> usize {
        self.sends.len()
    }
}

#[derive(Clone, Debug)]
pub struct ProbeReport {
    pub suite: String,
    pub target: String,
    pub simulator: bool,
    pub budget: Budget,
    pub started_at: SystemTime,
    pub elapsed: Duration,
    pub results: Vec<ProbeResult>,
}

impl ProbeReport {
    pub fn findings(&self) -> usize {
        self.results
            .iter()
            .filter(|r| r.verdict.is_finding())
            .count()
    }
    pub fn held(&self) -> usize {
        self.results
            .iter()
            .filter(|r| r.verdict == ProbeVerdict::Held)
            .count()
    }
    pub fn skipped(&self) -> usize {
        self.results.len() - self.findings() - self.held()
    }
    pub fn sms(&self) -> u32 {
        self.results.iter().map(|r| r.sms).sum()
    }
    /// Every probe that ran got no response to any request.
    pub fn no_answer(&self) -> bool {
        let ran: Vec<_> = self
            .results
            .iter()
            .filter(|r| !r.sends.is_empty())
            .collect();
        !ran.is_empty()
            && ran
                .iter()
                .all(|r| r.sends.iter().all(|s| s.exchange.response.is_none()))
    }
}

/// What the runner reports while it works (as `check::Progress`).
pub enum ProbeProgress<'a> {
    Started {
        index: usize,
        probe: &'a Probe,
    },
    Finished {
        index: usize,
        result: &'a ProbeResult,
    },
}

/// What the forged pass token `k` of [`FORGED`] is, in `lang`.
pub fn forged_label(k: usize, lang: Lang) -> String {
    match k {
        0 => crate::t!(lang, "check-probe-forged-never-issued"),
        1 => crate::t!(lang, "check-probe-forged-example"),
        2 => crate::t!(lang, "check-probe-forged-empty-point"),
        _ => crate::t!(lang, "check-probe-forged-other-tenant"),
    }
}

/// Forged pass tokens: (what it is, the token).
pub const FORGED: [(&str, &str); 4] = [
    (
        "right shape, never issued",
        r#"0123456789abcdef0123456789abcdef---{"x":237.0,"y":5.0}"#,
    ),
    (
        "the documentation's example",
        r#"71dd26999e314f9abb0c635336976635---{"x":237.0,"y":5.0}"#,
    ),
    ("empty POINT_JSON", "0123456789abcdef0123456789abcdee---"),
    (
        "another tenant's shape (a UUID with dashes, a short point)",
        r#"3f2b8c1e-9d4a-4e6b-8a7c-5d1e2f3a4b5c---{"x":1,"y":5}"#,
    ),
];

/// Slider positions that together cover [X_MIN, X_MAX] within the tolerance.
pub const SWEEP: [u32; 15] = [
    105, 116, 127, 138, 149, 160, 171, 182, 193, 204, 215, 226, 237, 248, 259,
];

enum Stop {
    Skip(String),
    /// The probe could not run as planned (a setup step failed).
    Broken(String),
}

struct Ctx<'e> {
    env: &'e Env,
    budget: &'e mut Budget,
    index: usize,
    sends: Vec<Sent>,
    notes: Vec<String>,
    sms: u32,
    simulator: bool,
    mobiles: Vec<String>,
    sleep: Sleep,
    /// What the sub-checks found so far (kept when a later step stops the probe).
    found: Vec<String>,
}

fn accepted(x: &Exchange) -> bool {
    x.outcome == Outcome::Success
}

impl Ctx<'_> {
    /// A number of this run, probe and step: `139PPRRRRKK` (11 digits).
    fn mobile(&mut self, k: u32) -> String {
        let m = format!(
            "139{:02}{:04}{:02}",
            self.index % 100,
            self.env.run_number,
            k % 100
        );
        if !self.mobiles.contains(&m) {
            self.mobiles.push(m.clone());
        }
        m
    }

    async fn send(&mut self, role: &'static str, spec: RequestSpec) -> Result<Exchange, Stop> {
        let x = self.env.http.send(&spec).await.map_err(|e| {
            Stop::Broken(crate::t!(
                self.env.lang,
                "check-fail-cannot-build",
                error = e.to_string()
            ))
        })?;
        self.sends.push(Sent {
            role,
            spec,
            exchange: x.clone(),
        });
        Ok(x)
    }

    fn reserve(&mut self, n: u32) -> Result<(), Stop> {
        if self.budget.reserve(n) {
            Ok(())
        } else {
            Err(Stop::Skip(crate::t!(
                self.env.lang,
                "check-probe-over-budget",
                n = n,
                left = self.budget.left(self.env.lang)
            )))
        }
    }

    /// sms/send, with one SMS reserved first and given back when not accepted.
    async fn sms_send(
        &mut self,
        role: &'static str,
        mobile: &str,
        scene: Scene,
        token: &str,
    ) -> Result<Exchange, Stop> {
        self.reserve(1)?;
        let env = self.env;
        let spec = build::sms_send(
            &env.base_url,
            env.headers.clone(),
            scene.code(),
            mobile,
            token,
        );
        let x = self.send(role, spec).await;
        match &x {
            Ok(x) if accepted(x) => self.sms += 1,
            _ => self.budget.give_back(1),
        }
        x
    }

    /// Send `specs` all at once; the SMS they could cause must be reserved by the caller.
    async fn parallel(&mut self, role: &'static str, specs: Vec<RequestSpec>) -> Vec<Exchange> {
        let http = &self.env.http;
        let xs = futures_util::future::join_all(specs.iter().map(|s| http.send(s))).await;
        let mut out = Vec::new();
        for (spec, x) in specs.into_iter().zip(xs) {
            if let Ok(x) = x {
                self.sends.push(Sent {
                    role,
                    spec,
                    exchange: x.clone(),
                });
                out.push(x);
            }
        }
        out
    }

    /// A fresh pass token for `sender` (through the env's token source).
    async fn token(&mut self, sender: &str) -> Result<String, Stop> {
        let env = self.env;
        let (got, log) = env
            .tokens
            .pass_token_recorded(&env.http, &env.base_url, &env.headers, sender)
            .await;
        for (spec, exchange) in log {
            self.sends.push(Sent {
                role: "pass token",
                spec,
                exchange,
            });
        }
        match got {
            Ok(t) => Ok(t),
            Err(TokenError::NoReveal(d)) => Err(Stop::Skip(crate::t!(
                env.lang,
                "check-probe-no-reveal",
                detail = d,
                hint = env.tokens.hint()
            ))),
            Err(TokenError::Failed(e)) => Err(Stop::Broken(crate::t!(
                env.lang,
                "check-probe-no-pass-token",
                error = e.to_string()
            ))),
        }
    }

    /// A code delivered to `mobile` for `scene` and read from the simulator's outbox.
    async fn deliver(&mut self, mobile: &str, scene: Scene) -> Result<String, Stop> {
        let lang = self.env.lang;
        if !self.simulator {
            return Err(Stop::Skip(crate::t!(
                lang,
                "check-probe-simulator-only-outbox"
            )));
        }
        let token = self.token(mobile).await?;
        let x = self.sms_send("setup", mobile, scene, &token).await?;
        if !accepted(&x) {
            return Err(Stop::Broken(crate::t!(
                lang,
                "check-probe-setup-send",
                mobile = mobile,
                got = x.outcome.label()
            )));
        }
        simflow::latest_code(&self.env.http, &self.env.base_url, mobile, scene.code())
            .await
            .map_err(|e| {
                Stop::Broken(crate::t!(
                    lang,
                    "check-fail-no-outbox",
                    error = e.to_string()
                ))
            })?
            .ok_or_else(|| {
                Stop::Broken(crate::t!(
                    lang,
                    "check-probe-setup-no-code",
                    scene = scene.code(),
                    mobile = mobile
                ))
            })
    }

    fn consumer(&self, c: Consumer, mobile: &str, code: &str) -> RequestSpec {
        let env = self.env;
        let known = Known {
            mobile: Some(mobile.into()),
            code: Some(code.into()),
            new_password: Some(super::run::CHECK_PASSWORD.into()),
            ..Known::default()
        };
        consumer::request(&env.base_url, env.headers.clone(), c, &known).spec
    }

    fn note(&mut self, s: String) {
        self.notes.push(s);
    }
}

/// The verdict of a probe: `Some(what)` is a finding.
type Found = Option<String>;

async fn race(c: &mut Ctx<'_>, p: &Probe) -> Result<Found, Stop> {
    let n = p.parallel();
    let m = c.mobile(0);
    let token = c.token(&m).await?;
    c.reserve(n)?;
    let env = c.env;
    // scenes rotate so that a per-scene cooldown cannot hide a race
    let specs: Vec<_> = (0..n as usize)
        .map(|i| {
            build::sms_send(
                &env.base_url,
                env.headers.clone(),
                Scene::ALL[i % Scene::ALL.len()].code(),
                &m,
                &token,
            )
        })
        .collect();
    let xs = c.parallel("race", specs).await;
    let ok = xs.iter().filter(|x| accepted(x)).count() as u32;
    c.sms += ok;
    c.budget.give_back(n - ok);
    let lang = c.env.lang;
    c.note(crate::t!(lang, "check-probe-race-note", n = n, ok = ok));
    Ok((ok > 1).then(|| crate::t!(lang, "check-probe-race-found", n = n, ok = ok)))
}

/// The same token with another POINT_JSON (the string captcha/verify did not return).
fn tampered(token: &str) -> String {
    let (t, p) = token.split_once("---").unwrap_or((token, ""));
    let other = if p.contains("\"x\":1.0") {
        r#"{"x":2.0,"y":5.0}"#
    } else {
        r#"{"x":1.0,"y":5.0}"#
    };
    format!("{t}---{other}")
}

async fn replay(c: &mut Ctx<'_>, _: &Probe) -> Result<Found, Stop> {
    let lang = c.env.lang;
    // after a failed send
    let m1 = c.mobile(1);
    let t1 = c.token(&m1).await?;
    let first = c
        .sms_send("failed send", &m1, Scene::LoginSms, &tampered(&t1))
        .await?;
    if accepted(&first) {
        c.note(crate::t!(lang, "check-probe-replay-tampered-note"));
        c.found
            .push(crate::t!(lang, "check-probe-replay-tampered-found"));
    } else {
        let again = c.sms_send("replay", &m1, Scene::LoginSms, &t1).await?;
        c.note(crate::t!(
            lang,
            "check-probe-replay-after-failure",
            first = first.outcome.label(),
            again = again.outcome.label()
        ));
        if accepted(&again) {
            c.found
                .push(crate::t!(lang, "check-probe-replay-after-failure-found"));
        }
    }
    // after a success
    let m2 = c.mobile(2);
    let t2 = c.token(&m2).await?;
    let ok = c.sms_send("send", &m2, Scene::LoginSms, &t2).await?;
    if !accepted(&ok) {
        c.note(crate::t!(
            lang,
            "check-probe-replay-not-tried",
            got = ok.outcome.label()
        ));
    } else {
        let again = c.sms_send("replay", &m2, Scene::RegisterSms, &t2).await?;
        c.note(crate::t!(
            lang,
            "check-probe-replay-after-success",
            again = again.outcome.label()
        ));
        if accepted(&again) {
            c.found
                .push(crate::t!(lang, "check-probe-replay-after-success-found"));
        }
    }
    Ok(None)
}

async fn other_mobile(c: &mut Ctx<'_>, _: &Probe) -> Result<Found, Stop> {
    let (sender, victim) = (c.mobile(1), c.mobile(2));
    let token = c.token(&sender).await?;
    let x = c.sms_send("send", &victim, Scene::LoginSms, &token).await?;
    let lang = c.env.lang;
    c.note(crate::t!(
        lang,
        "check-probe-other-mobile-note",
        sender = sender.as_str(),
        victim = victim.as_str(),
        got = x.outcome.label()
    ));
    Ok(accepted(&x).then(|| {
        crate::t!(
            lang,
            "check-probe-other-mobile-found",
            sender = sender.as_str(),
            victim = victim.as_str()
        )
    }))
}

async fn forged(c: &mut Ctx<'_>, _: &Probe) -> Result<Found, Stop> {
    let lang = c.env.lang;
    for (k, (_, token)) in FORGED.iter().enumerate() {
        let what = forged_label(k, lang);
        let m = c.mobile(k as u32 + 1);
        let x = c.sms_send("forged", &m, Scene::LoginSms, token).await?;
        c.note(crate::t!(
            lang,
            "check-probe-forged-note",
            what = what.as_str(),
            got = x.outcome.label()
        ));
        if accepted(&x) {
            c.found
                .push(crate::t!(lang, "check-probe-forged-found", what = what));
        }
    }
    Ok(None)
}

async fn captcha_retry(c: &mut Ctx<'_>, _: &Probe) -> Result<Found, Stop> {
    let env = c.env;
    let lang = env.lang;
    let get = build::captcha_get(&env.base_url, env.headers.clone());
    let x = c.send("captcha", get).await?;
    let puzzle: wire::CaptchaResponse = x
        .response
        .as_ref()
        .filter(|_| accepted(&x))
        .and_then(|r| serde_json::from_slice(&r.body).ok())
        .ok_or_else(|| Stop::Broken(format!("captcha: {}", x.outcome.label())))?;
    let token = puzzle
        .token
        .clone()
        .ok_or_else(|| Stop::Broken(crate::t!(lang, "check-probe-captcha-no-token")))?;
    let sender = c.mobile(1);
    let point = |x: u32| -> Result<String, Stop> {
        let plain = crate::api::token::format_point_json(f64::from(x), captcha::Y as f64);
        match &puzzle.secret_key {
            Some(k) => captcha::encrypt_point(&plain, k).map_err(|e| Stop::Broken(e.to_string())),
            None => Ok(plain),
        }
    };
    // x = 0 is left of every hole: always wrong
    let wrong = build::captcha_verify(
        &env.base_url,
        env.headers.clone(),
        &point(0)?,
        &token,
        &sender,
    );
    let first = c.send("wrong attempt", wrong).await?;
    if accepted(&first) {
        return Ok(Some(crate::t!(lang, "check-probe-captcha-x0")));
    }
    for x in SWEEP {
        let v = build::captcha_verify(
            &env.base_url,
            env.headers.clone(),
            &point(x)?,
            &token,
            &sender,
        );
        let got = c.send("retry", v).await?;
        if accepted(&got) {
            c.note(crate::t!(lang, "check-probe-captcha-passed-note", x = x));
            return Ok(Some(crate::t!(
                lang,
                "check-probe-captcha-passed-found",
                x = x
            )));
        }
    }
    c.note(crate::t!(lang, "check-probe-captcha-held", n = SWEEP.len()));
    Ok(None)
}

async fn cooldown(c: &mut Ctx<'_>, _: &Probe) -> Result<Found, Stop> {
    let lang = c.env.lang;
    let m = c.mobile(1);
    let t = c.token(&m).await?;
    let first = c.sms_send("send", &m, Scene::LoginSms, &t).await?;
    if !accepted(&first) {
        return Err(Stop::Broken(crate::t!(
            lang,
            "check-probe-first-send",
            got = first.outcome.label()
        )));
    }
    let spaced = format!("{} {} {}", &m[..3], &m[3..7], &m[7..]);
    let full_width: String = m
        .chars()
        .map(|ch| char::from_u32(ch as u32 - '0' as u32 + 0xFF10).unwrap_or(ch))
        .collect();
    let variants = [
        (crate::t!(lang, "check-probe-cooldown-same"), m.clone()),
        (
            crate::t!(lang, "check-probe-cooldown-plus86"),
            format!("+86{m}"),
        ),
        (crate::t!(lang, "check-probe-cooldown-spaces"), spaced),
        (
            crate::t!(lang, "check-probe-cooldown-full-width"),
            full_width,
        ),
    ];
    for (what, v) in variants {
        let t = c.token(&v).await?;
        let x = c.sms_send("resend", &v, Scene::LoginSms, &t).await?;
        c.note(crate::t!(
            lang,
            "check-probe-cooldown-note",
            what = what.as_str(),
            mobile = v.as_str(),
            got = x.outcome.label()
        ));
        if accepted(&x) {
            c.found
                .push(crate::t!(lang, "check-probe-cooldown-found", what = what));
        }
    }
    Ok(None)
}

async fn daily_cap(c: &mut Ctx<'_>, p: &Probe) -> Result<Found, Stop> {
    let lang = c.env.lang;
    let cap = p.cap();
    let need = cap + 1;
    // Against a real tenant: only with a budget that covers every send, waiting out the
    // cooldown between rounds of the six scenes.
    // (and on the simulator too: short of the cap the sends would prove nothing)
    if !c.budget.can(need) {
        let left = c.budget.left(lang);
        return Err(Stop::Skip(if c.simulator {
            crate::t!(lang, "check-probe-cap-budget", need = need, left = left)
        } else {
            crate::t!(
                lang,
                "check-probe-cap-budget-tenant",
                need = need,
                left = left
            )
        }));
    }
    let m = c.mobile(1);
    let env = c.env;
    let mut accepted_n = 0;
    let mut last = None;
    let mut waited = Duration::ZERO;
    for i in 0..=cap {
        let scenes = Scene::ALL.len() as u32;
        if !c.simulator && i > 0 && i % scenes == 0 {
            let pause = crate::api::ttl::RESEND_COOLDOWN + Duration::from_secs(1);
            (c.sleep)(pause).await;
            waited += pause;
        }
        if !c.simulator {
            let t = c.token(&m).await?;
            let scene = Scene::ALL[(i % scenes) as usize];
            let x = c.sms_send("send", &m, scene, &t).await?;
            accepted_n += u32::from(accepted(&x));
            last = Some(x.outcome.label());
            continue;
        }
        let clear = RequestSpec {
            method: "POST".into(),
            base_url: env.base_url.clone(),
            path: crate::api::paths::SIM_COOLDOWN_CLEAR.into(),
            headers: vec![build::header("content-type", "application/json")],
            body: Some(vec![build::field("mobile", &m)]),
            raw_body: None,
        };
        c.send("clear cooldown", clear).await?;
        let t = c.token(&m).await?;
        let scene = Scene::ALL[i as usize % Scene::ALL.len()];
        let x = c.sms_send("send", &m, scene, &t).await?;
        if accepted(&x) {
            accepted_n += 1;
        }
        last = Some(x.outcome.label());
    }
    let how = if c.simulator {
        crate::t!(lang, "check-probe-cap-cleared")
    } else {
        crate::t!(lang, "check-probe-cap-waited", secs = waited.as_secs())
    };
    c.note(crate::t!(
        lang,
        "check-probe-cap-note",
        need = need,
        how = how,
        accepted = accepted_n,
        last = last.unwrap_or_default()
    ));
    Ok((accepted_n > cap).then(|| {
        crate::t!(
            lang,
            "check-probe-cap-found",
            accepted = accepted_n,
            cap = cap
        )
    }))
}

async fn code_guessing(c: &mut Ctx<'_>, p: &Probe) -> Result<Found, Stop> {
    let lang = c.env.lang;
    let limit = p.limit();
    let m = c.mobile(1);
    let code = c.deliver(&m, Scene::LoginSms).await?;
    let wrong = format!("{:06}", (code.parse::<u32>().unwrap_or(0) + 1) % 1_000_000);
    for _ in 0..limit {
        let spec = c.consumer(Consumer::Login, &m, &wrong);
        c.send("wrong code", spec).await?;
    }
    let spec = c.consumer(Consumer::Login, &m, &code);
    let right = c.send("right code", spec).await?;
    c.note(crate::t!(
        lang,
        "check-probe-guess-note",
        n = limit,
        got = right.outcome.label()
    ));
    if accepted(&right) {
        c.found
            .push(crate::t!(lang, "check-probe-guess-found", n = limit));
    }
    let n = p.parallel();
    let m2 = c.mobile(2);
    let code = c.deliver(&m2, Scene::LoginSms).await?;
    let specs: Vec<_> = (0..n)
        .map(|i| {
            let w = format!(
                "{:06}",
                (code.parse::<u32>().unwrap_or(0) + 1 + i) % 1_000_000
            );
            c.consumer(Consumer::Login, &m2, &w)
        })
        .collect();
    c.parallel("parallel wrong codes", specs).await;
    let spec = c.consumer(Consumer::Login, &m2, &code);
    let right = c.send("right code", spec).await?;
    c.note(crate::t!(
        lang,
        "check-probe-guess-parallel-note",
        n = n,
        got = right.outcome.label()
    ));
    if accepted(&right) {
        c.found
            .push(crate::t!(lang, "check-probe-guess-parallel-found", n = n));
    }
    Ok(None)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn answer_of(x: &Exchange) -> String {
    match &x.outcome {
        Outcome::ApiError { message, .. } => format!("{} {message:?}", x.outcome.label()),
        o => o.label(),
    }
}

async fn enumeration(c: &mut Ctx<'_>, p: &Probe) -> Result<Found, Stop> {
    let lang = c.env.lang;
    let registered = c.mobile(1);
    let code = c.deliver(&registered, Scene::LoginSms).await?;
    let login = c.consumer(Consumer::Login, &registered, &code);
    let x = c.send("setup", login).await?;
    if !accepted(&x) {
        return Err(Stop::Broken(crate::t!(
            lang,
            "check-probe-enum-setup",
            mobile = registered.as_str(),
            got = x.outcome.label()
        )));
    }
    let unregistered = c.mobile(2);
    for consumer in [Consumer::Login, Consumer::ForgetPwd, Consumer::Register] {
        let mut answers: [Vec<String>; 2] = Default::default();
        let mut times: [Vec<Duration>; 2] = Default::default();
        for _ in 0..p.samples() {
            for (i, m) in [&registered, &unregistered].into_iter().enumerate() {
                let spec = c.consumer(consumer, m, "000000");
                let x = c
                    .send(if i == 0 { "registered" } else { "unregistered" }, spec)
                    .await?;
                answers[i].push(answer_of(&x));
                times[i].push(x.timing.total);
            }
        }
        let path = consumer.path();
        let (a, b) = (&answers[0][0], &answers[1][0]);
        let (ta, tb) = (median(times[0].clone()), median(times[1].clone()));
        c.note(crate::t!(
            lang,
            "check-probe-enum-note",
            path = path,
            a = a.as_str(),
            ta = super::ms(ta),
            b = b.as_str(),
            tb = super::ms(tb)
        ));
        if a != b {
            c.found.push(crate::t!(
                lang,
                "check-probe-enum-answers",
                path = path,
                a = a.as_str(),
                b = b.as_str()
            ));
        } else {
            let gap = ta.abs_diff(tb);
            let spread = |t: &Vec<Duration>| {
                t.iter().max().copied().unwrap_or_default()
                    - t.iter().min().copied().unwrap_or_default()
            };
            let noise = spread(&times[0]).max(spread(&times[1]));
            if gap > Duration::from_millis(50) && gap > noise * 3 {
                c.found.push(crate::t!(
                    lang,
                    "check-probe-enum-timing",
                    path = path,
                    ta = super::ms(ta),
                    tb = super::ms(tb)
                ));
            }
        }
    }
    Ok(None)
}

fn attack<'a>(c: &'a mut Ctx<'_>, p: &'a Probe) -> BoxFuture<'a, Result<Found, Stop>> {
    match p.kind {
        Kind::Race => Box::pin(race(c, p)),
        Kind::Replay => Box::pin(replay(c, p)),
        Kind::OtherMobile => Box::pin(other_mobile(c, p)),
        Kind::Forged => Box::pin(forged(c, p)),
        Kind::CaptchaRetry => Box::pin(captcha_retry(c, p)),
        Kind::Cooldown => Box::pin(cooldown(c, p)),
        Kind::DailyCap => Box::pin(daily_cap(c, p)),
        Kind::CodeGuessing => Box::pin(code_guessing(c, p)),
        Kind::Enumeration => Box::pin(enumeration(c, p)),
    }
}

/// How a probe waits (the daily cap against a real tenant waits out the cooldown); tests
/// pass one that moves a manual clock instead.
pub type Sleep = std::sync::Arc<dyn Fn(Duration) -> BoxFuture<'static, ()> + Send + Sync>;

/// Waiting in real time.
pub fn real_sleep() -> Sleep {
    std::sync::Arc::new(|d| Box::pin(tokio::time::sleep(d)))
}

/// Run the probes `selected` (indices into the suite) one after the other within `budget`.
pub async fn run<F>(
    suite: &ProbeSuite,
    selected: &[usize],
    env: &Env,
    budget: Budget,
    on: F,
) -> ProbeReport
where
    F: FnMut(ProbeProgress<'_>),
{
    run_with(suite, selected, env, budget, real_sleep(), on).await
}

/// [`run`] with the way probes wait given.
pub async fn run_with<F>(
    suite: &ProbeSuite,
    selected: &[usize],
    env: &Env,
    budget: Budget,
    sleep: Sleep,
    mut on: F,
) -> ProbeReport
where
    F: FnMut(ProbeProgress<'_>),
{
    let started_at = SystemTime::now();
    let t0 = Instant::now();
    let simulator = match env.simulator {
        Some(s) => s,
        None => probe_simulator(&env.http, &env.base_url).await,
    };
    let mut budget = budget;
    let mut results = Vec::new();
    for &index in selected {
        let Some(p) = suite.probes.get(index) else {
            continue;
        };
        on(ProbeProgress::Started { index, probe: p });
        let t = Instant::now();
        let mut c = Ctx {
            env,
            budget: &mut budget,
            index,
            sends: Vec::new(),
            notes: Vec::new(),
            sms: 0,
            simulator,
            mobiles: Vec::new(),
            sleep: sleep.clone(),
            found: Vec::new(),
        };
        let got = attack(&mut c, p).await;
        let mut found = std::mem::take(&mut c.found);
        let stopped = match got {
            Ok(what) => {
                found.extend(what);
                None
            }
            Err(Stop::Skip(reason)) => Some(reason),
            Err(Stop::Broken(reason)) => {
                Some(crate::t!(env.lang, "check-probe-broken", reason = reason))
            }
        };
        // what a probe found before it was stopped (by the budget, a failed step) still counts
        let verdict = match (found.is_empty(), stopped) {
            (true, None) => ProbeVerdict::Held,
            (true, Some(reason)) => ProbeVerdict::Skipped { reason },
            (false, stopped) => ProbeVerdict::Finding {
                severity: p.severity,
                what: {
                    let sep = crate::t!(env.lang, "check-probe-found-separator");
                    match stopped {
                        None => found.join(&sep),
                        Some(r) => crate::t!(
                            env.lang,
                            "check-probe-then-stopped",
                            found = found.join(&sep),
                            reason = r
                        ),
                    }
                },
            },
        };
        let result = ProbeResult {
            probe: p.clone(),
            verdict,
            notes: c.notes,
            sms: c.sms,
            elapsed: t.elapsed(),
            sends: c.sends,
            mobiles: c.mobiles,
        };
        on(ProbeProgress::Finished {
            index,
            result: &result,
        });
        results.push(result);
    }
    ProbeReport {
        suite: suite.source.clone(),
        target: env.base_url.clone(),
        simulator,
        budget,
        started_at,
        elapsed: t0.elapsed(),
        results,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_suite_has_the_nine_probes_with_both_languages() {
        let s = ProbeSuite::builtin();
        assert_eq!(s.probes.len(), 9);
        for p in &s.probes {
            assert!(
                !p.finding_en.is_empty() && !p.finding_zh.is_empty(),
                "{}",
                p.name
            );
            assert!(!p.weak.is_empty(), "{}", p.name);
            for w in &p.weak {
                w.parse::<crate::sim::Weakness>().unwrap();
            }
        }
        assert!(
            s.select(&["nope".into()])
                .unwrap_err()
                .contains("race, replay")
        );
    }

    #[test]
    fn a_suite_file_sets_parameters_and_unknown_keys_are_errors() {
        let text = r#"
[[probe]]
name = "small-race"
kind = "race"
severity = "medium"
parallel = 3
title = "t"
finding_en = "e"
finding_zh = "z"
"#;
        let s = ProbeSuite::parse(text, "mine.toml").unwrap();
        let c = s.probes[0].cost();
        assert_eq!((c.requests, c.sms, c.parallel), (6, 3, 3));
        let bad = text.replace("parallel = 3", "paralel = 3");
        let e = ProbeSuite::parse(&bad, "mine.toml").unwrap_err();
        assert!(e.starts_with("mine.toml") && e.contains("paralel"), "{e}");
        let twice = format!("{text}{text}");
        assert!(
            ProbeSuite::parse(&twice, "x")
                .unwrap_err()
                .contains("twice")
        );
        // parallelism is bounded whatever the file says
        let huge = text.replace("parallel = 3", "parallel = 5000");
        assert_eq!(
            ProbeSuite::parse(&huge, "x").unwrap().probes[0]
                .cost()
                .parallel,
            MAX_PARALLEL
        );
    }

    #[test]
    fn budget_reserves_and_refuses_past_the_max() {
        let mut b = Budget::new(Some(3));
        assert!(b.reserve(2));
        assert!(!b.reserve(2), "2 + 2 > 3");
        b.give_back(1);
        assert!(b.reserve(2));
        assert_eq!(b.used, 3);
        assert!(Budget::new(None).reserve(1_000));
    }

    #[test]
    fn the_sweep_covers_every_hole_position() {
        for x in captcha::X_MIN..=captcha::X_MAX {
            assert!(
                SWEEP.iter().any(|&s| captcha::position_passes(
                    i64::from(s),
                    captcha::Y,
                    i64::from(x)
                )),
                "x = {x} not covered"
            );
        }
    }

    #[test]
    fn a_tampered_token_differs_in_its_point_only() {
        let t = r#"abc---{"x":1.0,"y":5.0}"#;
        let u = tampered(t);
        assert!(u.starts_with("abc---") && u != t);
    }
}

//! Running a suite: one case after the other, each built from the profile's
//! request, sent with the client, compared with its expectation and explained.

use super::suite::{Case, Endpoint, Expected, PASS_TOKEN, PUZZLE_TOKEN, RUN, Setup, Suite};
use crate::api::paths;
use crate::client::explain::{ExplainContext, Explanation, explain_exchange};
use crate::client::simflow::{self, TokenError};
use crate::client::{Exchange, HeaderSetting, Http, Outcome, RequestSpec, build};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Where valid pass tokens come from. The simulator's reveal is built in; a
/// front end can ask a person to solve a puzzle instead (the TUI's hook).
pub trait TokenSource: Send + Sync {
    /// A fresh pass token verified for `sender`. [`TokenError::NoReveal`] means
    /// "not available here": the case is skipped, and so are the later ones.
    fn pass_token<'a>(
        &'a self,
        http: &'a Http,
        base: &'a str,
        headers: &'a [HeaderSetting],
        sender: &'a str,
    ) -> BoxFuture<'a, Result<String, TokenError>>;

    /// What to do when tokens are not available (ends the skip reason).
    fn hint(&self) -> String;
}

/// Pass tokens solved through the simulator's `/_sim/captcha/{token}` reveal.
pub struct SimulatorReveal {
    /// Ends the skip reason when the target does not reveal solutions.
    pub hint: String,
}

impl Default for SimulatorReveal {
    fn default() -> Self {
        SimulatorReveal {
            hint: "run against the built-in simulator (no --target) or `vflow serve --reveal-solutions`".into(),
        }
    }
}

impl TokenSource for SimulatorReveal {
    fn pass_token<'a>(
        &'a self,
        http: &'a Http,
        base: &'a str,
        headers: &'a [HeaderSetting],
        sender: &'a str,
    ) -> BoxFuture<'a, Result<String, TokenError>> {
        Box::pin(simflow::token_from_simulator(http, base, headers, sender))
    }

    fn hint(&self) -> String {
        self.hint.clone()
    }
}

/// Everything a run needs.
#[derive(Clone)]
pub struct Env {
    pub http: Http,
    pub base_url: String,
    /// The profile's headers (every request starts from them).
    pub headers: Vec<HeaderSetting>,
    /// The profile's explanation context (timeouts, registered ids, masking).
    pub explain: ExplainContext,
    /// `Some(true)`: a vflow simulator (in-process); `None`: probe `GET /_sim/openapi.json`
    /// when a case is simulator-only.
    pub simulator: Option<bool>,
    pub tokens: Arc<dyn TokenSource>,
    /// Replaces `{run}`: 4 digits, fresh each run unless fixed (tests).
    pub run_number: u16,
}

impl Env {
    pub fn new(http: Http, base_url: &str, headers: Vec<HeaderSetting>) -> Env {
        Env {
            http,
            base_url: base_url.trim_end_matches('/').to_string(),
            headers,
            explain: ExplainContext::default(),
            simulator: None,
            tokens: Arc::new(SimulatorReveal::default()),
            run_number: rand::random_range(0..10_000),
        }
    }
}

/// The verdict of one case.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Fail { reason: String },
    Skip { reason: String },
}

impl Verdict {
    pub fn word(&self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Fail { .. } => "FAIL",
            Verdict::Skip { .. } => "SKIP",
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Verdict::Pass => None,
            Verdict::Fail { reason } | Verdict::Skip { reason } => Some(reason),
        }
    }
}

/// One request a case sent: a setup send, or the checked one (the last).
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    /// `setup` or `check`.
    pub role: &'static str,
    pub spec: RequestSpec,
    pub exchange: Exchange,
}

/// What one case gave.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseResult {
    pub name: String,
    pub description: String,
    pub expected: Expected,
    /// The checked answer's label; `None` when the case never got that far.
    pub got: Option<String>,
    pub verdict: Verdict,
    /// Time of the checked exchange (zero when there was none).
    pub time: Duration,
    /// The whole case, setup included.
    pub elapsed: Duration,
    /// Every request sent, in order.
    pub sends: Vec<Sent>,
    /// The explanation of what the checked exchange got.
    pub explanation: Option<Explanation>,
    /// The mobile the pass token was verified for, when the case got one.
    pub token_sender: Option<String>,
}

impl CaseResult {
    /// The checked request and its exchange.
    pub fn checked(&self) -> Option<&Sent> {
        self.sends.last().filter(|s| s.role == "check")
    }

    fn skipped(case: &Case, reason: String) -> CaseResult {
        CaseResult {
            name: case.name.clone(),
            description: case.description.clone(),
            expected: case.expect.clone(),
            got: None,
            verdict: Verdict::Skip { reason },
            time: Duration::ZERO,
            elapsed: Duration::ZERO,
            sends: Vec::new(),
            explanation: None,
            token_sender: None,
        }
    }
}

/// A whole run.
#[derive(Clone, Debug)]
pub struct Report {
    pub suite: String,
    pub target: String,
    pub simulator: bool,
    pub started_at: SystemTime,
    pub elapsed: Duration,
    pub results: Vec<CaseResult>,
}

impl Report {
    fn count(&self, word: &str) -> usize {
        self.results
            .iter()
            .filter(|r| r.verdict.word() == word)
            .count()
    }
    pub fn passed(&self) -> usize {
        self.count("PASS")
    }
    pub fn failed(&self) -> usize {
        self.count("FAIL")
    }
    pub fn skipped(&self) -> usize {
        self.count("SKIP")
    }
    /// No case failed (skips are not failures).
    pub fn ok(&self) -> bool {
        self.failed() == 0
    }
}

/// What the runner reports while it works.
pub enum Progress<'a> {
    Started {
        index: usize,
        case: &'a Case,
    },
    Finished {
        index: usize,
        result: &'a CaseResult,
    },
}

/// Does `outcome` meet `expected`? `Err` says what differed.
pub fn compare(expected: &Expected, outcome: &Outcome) -> Result<(), String> {
    let ok = match (expected, outcome) {
        (Expected::Success, Outcome::Success) => true,
        (Expected::Success, _) => false,
        (Expected::Error { status, error_code }, o) => {
            let (got_status, got_code) = match o {
                Outcome::ApiError { status, code, .. } => (Some(*status), Some(code.as_str())),
                Outcome::HttpError { status } | Outcome::BadBody { status, .. } => {
                    (Some(*status), None)
                }
                Outcome::Success => (Some(200), None),
                Outcome::Transport { .. } | Outcome::Cancelled => (None, None),
            };
            status.is_none_or(|s| got_status == Some(s))
                && error_code.as_deref().is_none_or(|c| got_code == Some(c))
                && !matches!(o, Outcome::Success)
        }
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "expected {}, got {}",
            expected.label(),
            outcome.label()
        ))
    }
}

/// The case's request from `headers` (the profile's), with `{run}` filled in and
/// the other placeholders (`{pass_token}`, `{puzzle_token}`) left for the runner.
pub fn request(
    case: &Case,
    suite: &Suite,
    base_url: &str,
    headers: &[HeaderSetting],
    run_number: u16,
) -> RequestSpec {
    let d = &suite.defaults;
    let headers = headers.to_vec();
    let mut spec = match case.endpoint {
        Endpoint::SmsSend => {
            let token = if case.pass_token {
                PASS_TOKEN
            } else {
                d.captcha_token.as_str()
            };
            build::sms_send(base_url, headers, &d.scene, &d.mobile, token)
        }
        Endpoint::CaptchaVerify => build::captcha_verify(
            base_url,
            headers,
            r#"{"x":0.0,"y":5.0}"#,
            PUZZLE_TOKEN,
            &d.mobile,
        ),
    };
    for (n, v) in &case.headers {
        spec.set_header(n, v);
    }
    for n in &case.omit_headers {
        spec.omit_header(n);
    }
    for (n, v) in &case.fields {
        spec.set_field(n, v);
    }
    if let Some(body) = spec.body.as_mut() {
        for f in body
            .iter_mut()
            .filter(|f| case.omit_fields.contains(&f.name))
        {
            f.enabled = false;
        }
    }
    fill(&mut spec, RUN, &format!("{run_number:04}"));
    spec
}

/// Replace `from` by `to` in every header and body value.
fn fill(spec: &mut RequestSpec, from: &str, to: &str) {
    for h in &mut spec.headers {
        if h.value.contains(from) {
            h.value = h.value.replace(from, to);
        }
    }
    for f in spec.body.iter_mut().flatten() {
        if f.value.contains(from) {
            f.value = f.value.replace(from, to);
        }
    }
}

fn uses(spec: &RequestSpec, what: &str) -> bool {
    spec.headers.iter().any(|h| h.value.contains(what))
        || spec.body.iter().flatten().any(|f| f.value.contains(what))
}

/// Whether the target is a vflow simulator: `GET /_sim/openapi.json` answers its document.
pub async fn probe_simulator(http: &Http, base: &str) -> bool {
    let Ok(x) = http.send(&build::sim_get(base, paths::SIM_OPENAPI)).await else {
        return false;
    };
    x.outcome == Outcome::Success
        && x.response
            .as_ref()
            .and_then(|r| serde_json::from_slice::<serde_json::Value>(&r.body).ok())
            .is_some_and(|v| v.get("openapi").is_some())
}

/// State shared by the cases of one run.
struct Runner<'e> {
    env: &'e Env,
    simulator: Option<bool>,
    /// Set when the token source said "not available": later cases skip at once.
    no_tokens: Option<String>,
}

enum Stop {
    Skip(String),
    Fail(String),
}

impl Runner<'_> {
    async fn is_simulator(&mut self) -> bool {
        if let Some(s) = self.simulator {
            return s;
        }
        let s = probe_simulator(&self.env.http, &self.env.base_url).await;
        self.simulator = Some(s);
        s
    }

    /// A pass token for `sender`, obtained with the profile's headers (not the case's:
    /// a case about a blank header must still get its token).
    async fn token(&mut self, sender: &str) -> Result<String, Stop> {
        if let Some(reason) = &self.no_tokens {
            return Err(Stop::Skip(reason.clone()));
        }
        let headers = self.env.headers.clone();
        match self
            .env
            .tokens
            .pass_token(&self.env.http, &self.env.base_url, &headers, sender)
            .await
        {
            Ok(t) => Ok(t),
            Err(TokenError::NoReveal(detail)) => {
                let reason = format!(
                    "needs a valid pass token, and the target does not reveal captcha solutions ({detail}): {}",
                    self.env.tokens.hint()
                );
                self.no_tokens = Some(reason.clone());
                Err(Stop::Skip(reason))
            }
            Err(TokenError::Failed(e)) => Err(Stop::Fail(format!(
                "setup: could not get a pass token: {e}"
            ))),
        }
    }

    async fn send(
        &self,
        role: &'static str,
        spec: &RequestSpec,
        sends: &mut Vec<Sent>,
    ) -> Result<(), Stop> {
        let exchange = self
            .env
            .http
            .send(spec)
            .await
            .map_err(|e| Stop::Fail(format!("the request cannot be built: {e}")))?;
        sends.push(Sent {
            role,
            spec: spec.clone(),
            exchange,
        });
        Ok(())
    }

    /// Setup and the checked send; `sends` keeps what was sent even when it stops early.
    async fn steps(
        &mut self,
        case: &Case,
        suite: &Suite,
        sends: &mut Vec<Sent>,
        sender_out: &mut Option<String>,
    ) -> Result<(), Stop> {
        if case.simulator_only && !self.is_simulator().await {
            return Err(Stop::Skip(
                "simulator only (it relies on the vflow simulator's own behaviour, e.g. a magic number), and the target is not a vflow simulator".into(),
            ));
        }
        if case.pass_token
            && let Some(reason) = &self.no_tokens
        {
            return Err(Stop::Skip(reason.clone()));
        }
        let env = self.env;
        let mut spec = request(case, suite, &env.base_url, &env.headers, env.run_number);
        let run = format!("{:04}", env.run_number);
        if uses(&spec, PUZZLE_TOKEN) {
            let p = simflow::puzzle(&self.env.http, &self.env.base_url, &self.env.headers)
                .await
                .map_err(|e| Stop::Fail(format!("setup: could not get a captcha puzzle: {e}")))?;
            let token = p.token.unwrap_or_default();
            fill(&mut spec, PUZZLE_TOKEN, &token);
        }
        if !case.pass_token {
            return self.send("check", &spec, sends).await;
        }
        let sender = match &case.sender {
            Some(s) => s.replace(RUN, &run),
            None => spec
                .field("mobile")
                .map(|f| f.value.clone())
                .unwrap_or_default(),
        };
        *sender_out = Some(sender.clone());
        if case.setup == Some(Setup::Resend) {
            let first_token = self.token(&sender).await?;
            let mut first = spec.clone();
            fill(&mut first, PASS_TOKEN, &first_token);
            self.send("setup", &first, sends).await?;
            setup_ok(sends)?;
        }
        let token = self.token(&sender).await?;
        fill(&mut spec, PASS_TOKEN, &token);
        if case.setup == Some(Setup::SendTwice) {
            self.send("setup", &spec, sends).await?;
            setup_ok(sends)?;
        }
        self.send("check", &spec, sends).await
    }

    async fn case(&mut self, case: &Case, suite: &Suite) -> CaseResult {
        let t0 = Instant::now();
        let mut sends = Vec::new();
        let mut sender = None;
        let stop = self.steps(case, suite, &mut sends, &mut sender).await.err();
        let mut result = CaseResult::skipped(case, String::new());
        result.elapsed = t0.elapsed();
        result.token_sender = sender;
        result.verdict = match stop {
            Some(Stop::Skip(reason)) => Verdict::Skip { reason },
            Some(Stop::Fail(reason)) => Verdict::Fail { reason },
            None => Verdict::Pass,
        };
        if let Some(checked) = sends.last().filter(|s| s.role == "check") {
            let x = &checked.exchange;
            let ctx = ExplainContext {
                captcha_sender: result.token_sender.clone(),
                issued_pass_token: case
                    .pass_token
                    .then(|| checked.spec.field("captcha_token").map(|f| f.value.clone()))
                    .flatten(),
                ..self.env.explain.clone()
            };
            result.got = Some(x.outcome.label());
            result.time = x.timing.total;
            result.explanation = Some(explain_exchange(x, &ctx));
            if let Err(reason) = compare(&case.expect, &x.outcome) {
                result.verdict = Verdict::Fail { reason };
            }
        } else if let Some(first) = sends.last() {
            // a setup send that did not succeed: show what it got
            result.explanation = Some(explain_exchange(&first.exchange, &self.env.explain));
        }
        result.sends = sends;
        result
    }
}

fn setup_ok(sends: &[Sent]) -> Result<(), Stop> {
    match sends.last() {
        Some(s) if s.exchange.outcome == Outcome::Success => Ok(()),
        Some(s) => Err(Stop::Fail(format!(
            "setup: the first send must succeed, it got {}",
            s.exchange.outcome.label()
        ))),
        None => Err(Stop::Fail("setup: nothing was sent".into())),
    }
}

/// Run the cases `selected` (indices into the suite) one after the other,
/// reporting progress as each starts and ends.
pub async fn run<F>(suite: &Suite, selected: &[usize], env: &Env, mut on: F) -> Report
where
    F: FnMut(Progress<'_>),
{
    let started_at = SystemTime::now();
    let t0 = Instant::now();
    let mut runner = Runner {
        env,
        simulator: env.simulator,
        no_tokens: None,
    };
    let mut results = Vec::new();
    for &index in selected {
        let Some(case) = suite.cases.get(index) else {
            continue;
        };
        on(Progress::Started { index, case });
        let result = runner.case(case, suite).await;
        on(Progress::Finished {
            index,
            result: &result,
        });
        results.push(result);
    }
    Report {
        suite: suite.source.clone(),
        target: env.base_url.clone(),
        simulator: runner.simulator.unwrap_or(false),
        started_at,
        elapsed: t0.elapsed(),
        results,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_says_what_differed() {
        let e = Expected::Error {
            status: Some(400),
            error_code: Some("IDAAS.SDK.CAPTCHA.0005".into()),
        };
        assert_eq!(
            compare(&e, &Outcome::Success).unwrap_err(),
            "expected 400 IDAAS.SDK.CAPTCHA.0005, got 200 OK"
        );
        let got = Outcome::ApiError {
            status: 400,
            code: "IDAAS.SDK.CAPTCHA.0005".into(),
            message: String::new(),
            known: true,
        };
        assert!(compare(&e, &got).is_ok());
        assert!(compare(&Expected::Success, &got).is_err());
        let status_only = Expected::Error {
            status: Some(400),
            error_code: None,
        };
        assert!(compare(&status_only, &got).is_ok());
        assert!(compare(&status_only, &Outcome::HttpError { status: 502 }).is_err());
    }
}

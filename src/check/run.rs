//! Running a suite: one case after the other, each built from the profile's
//! request, sent with the client, compared with its expectation and explained.

use super::suite::{
    CODE, Case, EXPIRED_ID_TOKEN, Endpoint, Expected, ID_TOKEN, PASS_TOKEN, PUZZLE_TOKEN, RUN,
    STATE_TOKEN, Setup, Suite, WRONG_CODE,
};
use crate::api::paths;
use crate::api::{Lang, Scene};
use crate::client::consumer::{self, Known};
use crate::client::explain::consumer::SessionFacts;
use crate::client::explain::{ExplainContext, Explanation, explain_exchange};
use crate::client::simflow::{self, TokenError};
use crate::client::{Exchange, HeaderSetting, Http, Outcome, RequestSpec, build};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A pass token (or why not) and the requests made to get it, with their exchanges.
pub type Recorded = (Result<String, TokenError>, Vec<(RequestSpec, Exchange)>);

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

    /// [`TokenSource::pass_token`] with the requests it made and their exchanges, for
    /// reports that show how a token was obtained; none by default.
    fn pass_token_recorded<'a>(
        &'a self,
        http: &'a Http,
        base: &'a str,
        headers: &'a [HeaderSetting],
        sender: &'a str,
    ) -> BoxFuture<'a, Recorded> {
        Box::pin(async move {
            (
                self.pass_token(http, base, headers, sender).await,
                Vec::new(),
            )
        })
    }
}

/// Pass tokens solved through the simulator's `/_sim/captcha/{token}` reveal.
pub struct SimulatorReveal {
    /// Ends the skip reason when the target does not reveal solutions.
    pub hint: String,
}

impl Default for SimulatorReveal {
    fn default() -> Self {
        SimulatorReveal::in_lang(Lang::En)
    }
}

impl SimulatorReveal {
    /// The command line's hint, in `lang`.
    pub fn in_lang(lang: Lang) -> Self {
        SimulatorReveal {
            hint: crate::t!(lang, "check-hint-reveal"),
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

    fn pass_token_recorded<'a>(
        &'a self,
        http: &'a Http,
        base: &'a str,
        headers: &'a [HeaderSetting],
        sender: &'a str,
    ) -> BoxFuture<'a, Recorded> {
        Box::pin(async move {
            let mut log = Vec::new();
            let t =
                simflow::token_from_simulator_recorded(http, base, headers, sender, &mut log).await;
            (t, log)
        })
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
    /// The language of the verdicts' reasons (the UI language; English by default).
    pub lang: Lang,
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
            lang: Lang::En,
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

    /// [`Verdict::word`] in `lang` (`PASS`, `FAIL`, `SKIP` in English), for people.
    pub fn word_in(&self, lang: Lang) -> String {
        match self {
            Verdict::Pass => crate::t!(lang, "check-verdict-pass"),
            Verdict::Fail { .. } => crate::t!(lang, "check-verdict-fail"),
            Verdict::Skip { .. } => crate::t!(lang, "check-verdict-skip"),
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

/// Does `outcome` meet `expected`? `Err` says what differed (in English).
pub fn compare(expected: &Expected, outcome: &Outcome) -> Result<(), String> {
    compare_in(expected, outcome, Lang::En)
}

/// [`compare`] with the difference said in `lang`.
pub fn compare_in(expected: &Expected, outcome: &Outcome, lang: Lang) -> Result<(), String> {
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
        Err(crate::t!(
            lang,
            "check-expected-got",
            expected = expected.label(),
            got = outcome.label()
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
        e => {
            let bearer = case.login
                || case
                    .headers
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case("authorization"));
            let c = e.consumer(bearer).expect("a consumer endpoint");
            let known = Known {
                mobile: Some(case.mobile.clone().unwrap_or_else(|| d.mobile.clone())),
                code: Some(
                    if case.deliver.is_some() {
                        CODE
                    } else {
                        "000000"
                    }
                    .into(),
                ),
                id_token: Some(
                    if case.login {
                        ID_TOKEN
                    } else {
                        EXPIRED_ID_TOKEN
                    }
                    .into(),
                ),
                state_token: Some(
                    if case.state_token {
                        STATE_TOKEN
                    } else {
                        "vflow-check-never-issued-state-token"
                    }
                    .into(),
                ),
                new_password: Some(CHECK_PASSWORD.into()),
            };
            consumer::request(base_url, headers, c, &known).spec
        }
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

/// The new password the consumer cases send.
pub const CHECK_PASSWORD: &str = "Vflow#Check2026";

/// A JWT-shaped id_token that expired on 2020-01-01 (`{expired_id_token}`).
pub fn expired_id_token(sub: &str) -> String {
    use base64::Engine as _;
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    format!(
        "{}.{}.{}",
        b64(r#"{"alg":"HS256","typ":"JWT"}"#),
        b64(&format!(
            r#"{{"iss":"vflow-check","sub":"{sub}","iat":1577829600,"exp":1577836800}}"#
        )),
        b64("vflow-check-not-signed")
    )
}

/// The delivered code plus one, six digits: wrong, and of the right shape.
fn wrong_code(code: &str) -> String {
    let n: u32 = code.trim().parse().unwrap_or(0);
    format!("{:06}", (n + 1) % 1_000_000)
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
    /// The codes this case delivered, for the explanation of a consumer's answer.
    facts: SessionFacts,
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
                let reason = crate::t!(
                    self.env.lang,
                    "check-skip-no-reveal",
                    detail = detail,
                    hint = self.env.tokens.hint()
                );
                self.no_tokens = Some(reason.clone());
                Err(Stop::Skip(reason))
            }
            Err(TokenError::Failed(e)) => Err(Stop::Fail(crate::t!(
                self.env.lang,
                "check-fail-no-pass-token",
                error = e.to_string()
            ))),
        }
    }

    async fn send(
        &self,
        role: &'static str,
        spec: &RequestSpec,
        sends: &mut Vec<Sent>,
    ) -> Result<(), Stop> {
        let exchange = self.env.http.send(spec).await.map_err(|e| {
            Stop::Fail(crate::t!(
                self.env.lang,
                "check-fail-cannot-build",
                error = e.to_string()
            ))
        })?;
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
            return Err(Stop::Skip(crate::t!(
                self.env.lang,
                "check-skip-simulator-only"
            )));
        }
        if case.pass_token
            && let Some(reason) = &self.no_tokens
        {
            return Err(Stop::Skip(reason.clone()));
        }
        let env = self.env;
        let lang = env.lang;
        let mut spec = request(case, suite, &env.base_url, &env.headers, env.run_number);
        let run = format!("{:04}", env.run_number);
        if uses(&spec, PUZZLE_TOKEN) {
            let p = simflow::puzzle(&self.env.http, &self.env.base_url, &self.env.headers)
                .await
                .map_err(|e| {
                    Stop::Fail(crate::t!(
                        lang,
                        "check-fail-no-puzzle",
                        error = e.to_string()
                    ))
                })?;
            let token = p.token.unwrap_or_default();
            fill(&mut spec, PUZZLE_TOKEN, &token);
        }
        if case.endpoint.consumer(false).is_some() {
            return self.consumer_steps(case, spec, sends).await;
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
            setup_ok(sends, lang)?;
        }
        let token = self.token(&sender).await?;
        fill(&mut spec, PASS_TOKEN, &token);
        if case.setup == Some(Setup::SendTwice) {
            self.send("setup", &spec, sends).await?;
            setup_ok(sends, lang)?;
        }
        self.send("check", &spec, sends).await
    }

    /// A code delivered to `mobile` for `scene` through the simulator (sms/send, outbox).
    async fn deliver(
        &mut self,
        scene: Scene,
        mobile: &str,
        sends: &mut Vec<Sent>,
    ) -> Result<String, Stop> {
        let token = self.token(mobile).await?;
        let env = self.env;
        let lang = env.lang;
        let spec = build::sms_send(
            &env.base_url,
            env.headers.clone(),
            scene.code(),
            mobile,
            &token,
        );
        self.send("setup", &spec, sends).await?;
        setup_ok(sends, lang)?;
        let code = simflow::latest_code(&env.http, &env.base_url, mobile, scene.code())
            .await
            .map_err(|e| {
                Stop::Fail(crate::t!(
                    lang,
                    "check-fail-no-outbox",
                    error = e.to_string()
                ))
            })?
            .ok_or_else(|| {
                Stop::Fail(crate::t!(
                    lang,
                    "check-fail-no-code",
                    scene = scene.code(),
                    mobile = mobile
                ))
            })?;
        self.facts
            .sent(mobile, scene, Some(code.clone()), SystemTime::now());
        Ok(code)
    }

    /// A consumer case: the setups it asks for, then the checked request.
    async fn consumer_steps(
        &mut self,
        case: &Case,
        mut spec: RequestSpec,
        sends: &mut Vec<Sent>,
    ) -> Result<(), Stop> {
        let env = self.env;
        let lang = env.lang;
        let run = format!("{:04}", env.run_number);
        let mobile = case.mobile.clone().unwrap_or_default().replace(RUN, &run);
        let mobile = if mobile.is_empty() {
            spec.field("mobile")
                .map(|f| f.value.clone())
                .unwrap_or_default()
        } else {
            mobile
        };
        fill(&mut spec, EXPIRED_ID_TOKEN, &expired_id_token(&mobile));
        if case.login {
            let code = self.deliver(Scene::LoginSms, &mobile, sends).await?;
            let login = build::login(&env.base_url, env.headers.clone(), &mobile, &code);
            self.send("setup", &login, sends).await?;
            setup_ok(sends, lang)?;
            let id_token = sends
                .last()
                .and_then(|s| consumer::session_of(&s.exchange))
                .map(|l| l.id_token)
                .ok_or_else(|| Stop::Fail(crate::t!(lang, "check-fail-no-id-token")))?;
            fill(&mut spec, ID_TOKEN, &id_token);
        }
        if case.state_token {
            let st = consumer::sim_state_token(&env.base_url, "wechat");
            self.send("setup", &st, sends).await?;
            setup_ok(sends, lang)?;
            let token = sends
                .last()
                .and_then(|s| consumer::state_token_of(&s.exchange))
                .ok_or_else(|| Stop::Fail(crate::t!(lang, "check-fail-no-state-token")))?;
            fill(&mut spec, STATE_TOKEN, &token);
        }
        if let Some(scene) = case.deliver {
            let to = match &case.deliver_to {
                Some(to) => to.replace(RUN, &run),
                None => spec
                    .field("mobile")
                    .map(|f| f.value.clone())
                    .unwrap_or_else(|| mobile.clone()),
            };
            let code = self.deliver(scene, &to, sends).await?;
            let wrong = wrong_code(&code);
            let mut bad = spec.clone();
            fill(&mut bad, CODE, &wrong);
            fill(&mut bad, WRONG_CODE, &wrong);
            for _ in 0..case.wrong_first {
                self.send("setup", &bad, sends).await?;
                if let Some(sent) = self.facts.sent.last_mut() {
                    sent.wrong_tries += 1;
                }
            }
            fill(&mut spec, CODE, &code);
            fill(&mut spec, WRONG_CODE, &wrong);
        }
        self.send("check", &spec, sends).await
    }

    async fn case(&mut self, case: &Case, suite: &Suite) -> CaseResult {
        self.facts = SessionFacts::default();
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
                session: SessionFacts {
                    now: Some(SystemTime::now()),
                    ..self.facts.clone()
                },
                ..self.env.explain.clone()
            };
            result.got = Some(x.outcome.label());
            result.time = x.timing.total;
            result.explanation = Some(explain_exchange(x, &ctx));
            if let Err(reason) = compare_in(&case.expect, &x.outcome, self.env.lang) {
                result.verdict = Verdict::Fail { reason };
            }
        } else if let Some(first) = sends
            .last()
            .filter(|s| s.exchange.outcome != Outcome::Success)
        {
            // a setup send that did not succeed: show what it got (a setup that went well
            // and then stopped, for a pass token say, has no answer to show)
            result.explanation = Some(explain_exchange(&first.exchange, &self.env.explain));
        }
        result.sends = sends;
        result
    }
}

fn setup_ok(sends: &[Sent], lang: Lang) -> Result<(), Stop> {
    match sends.last() {
        Some(s) if s.exchange.outcome == Outcome::Success => Ok(()),
        Some(s) => Err(Stop::Fail(crate::t!(
            lang,
            "check-fail-setup-send",
            got = s.exchange.outcome.label()
        ))),
        None => Err(Stop::Fail(crate::t!(lang, "check-fail-nothing-sent"))),
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
        facts: SessionFacts::default(),
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
        assert_eq!(
            compare_in(&e, &Outcome::Success, Lang::Zh).unwrap_err(),
            "应为 400 IDAAS.SDK.CAPTCHA.0005，实际为 200 OK"
        );
    }
}

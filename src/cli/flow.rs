//! `vflow flow`: the whole chain against a simulator, one step per line.

use super::common;
use super::{ClientIdArg, GlobalArgs};
use crate::api::consumer::Auth;
use crate::api::{Consumer, Lang, Scene, captcha, paths, wire};
use crate::client::consumer::{self, Known};
use crate::client::explain::{ExplainContext, explain_exchange};
use crate::client::report::{self, Redactor};
use crate::client::{Exchange, Http, Outcome, RequestSpec};
use crate::config::ResolvedProfile;
use serde_json::{Value, json};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Without --target an in-process simulator is started (with solutions revealed). With --target a
vflow simulator started with `vflow serve --reveal-solutions` is solved by itself; without reveal,
on a terminal you slide the puzzle (a new one after a miss), else the command exits 2.

The chain ends with the scene's own consumer; exit 0 only when it accepts the code:
  REGISTER_SMS       register/mobile-verify-code (--social: social/register-bind)
  LOGIN_SMS          login/mobile-verify-code
  FORGET_PWD_SMS     pwd/update-by-mobile without Authorization (logs in first when the
                     simulator has no such user, so there is a password to forget)
  UPDATE_PWD_SMS     logs in, then pwd/update-by-mobile with the Bearer id_token
  UPDATE_MOBILE_SMS  logs in, sends the code to --new-mobile, then profile/update-mobile
  BIND_MOBILE_SMS    gets a state token from the simulator (or --state-token), then social/bind

Example:
  vflow flow --scene UPDATE_MOBILE_SMS --mobile 13800138000 --new-mobile 13900139000")]
pub struct FlowArgs {
    /// The send scene, e.g. LOGIN_SMS
    #[arg(long, value_name = "SCENE", default_value = "LOGIN_SMS", value_parser = super::common::Suggest(super::common::scene_values))]
    pub scene: String,
    /// The mobile number
    #[arg(long, value_name = "M", default_value = "13800138000")]
    pub mobile: String,
    /// The new password (FORGET_PWD_SMS, UPDATE_PWD_SMS)
    #[arg(long, value_name = "PW", default_value = DEFAULT_NEW_PASSWORD)]
    pub new_password: String,
    /// The new mobile number (UPDATE_MOBILE_SMS; the code goes to it) [default: --mobile
    /// with its last digit changed]
    #[arg(long, value_name = "M")]
    pub new_mobile: Option<String>,
    /// The state token of a social login (BIND_MOBILE_SMS, --social) [default: one from the
    /// simulator's POST /_sim/state-token]
    #[arg(long, value_name = "T")]
    pub state_token: Option<String>,
    /// An id_token to use as Bearer (UPDATE_PWD_SMS, UPDATE_MOBILE_SMS) instead of logging in
    #[arg(long, value_name = "JWT")]
    pub id_token: Option<String>,
    /// REGISTER_SMS: register through social/register-bind (with a state token)
    #[arg(long)]
    pub social: bool,
    #[command(flatten)]
    pub client_id: ClientIdArg,
    /// Print every exchange in full, not one line per step
    #[arg(long, short)]
    pub verbose: bool,
    /// Print one JSON object with every step's report
    #[arg(long)]
    pub json: bool,
    /// Also write every step's exchange as a HAR 1.2 file (mode 0600)
    #[arg(long, value_name = "FILE")]
    pub har: Option<std::path::PathBuf>,
}

/// The default of `--new-password`: a test password that passes usual policies.
pub const DEFAULT_NEW_PASSWORD: &str = "Vflow#Test2026";

/// `--new-mobile`'s default: the same number with its last digit changed.
pub fn default_new_mobile(mobile: &str) -> String {
    let mut chars: Vec<char> = mobile.chars().collect();
    match chars.last_mut() {
        Some(c) if c.is_ascii_digit() => {
            let d = c.to_digit(10).unwrap_or(0);
            *c = char::from_digit((d + 1) % 10, 10).unwrap_or('0');
        }
        _ => chars.push('1'),
    }
    chars.into_iter().collect()
}

/// One run of the chain: the client, where to, and what was printed so far.
pub struct Run {
    pub http: Http,
    pub profile: ResolvedProfile,
    pub base: String,
    pub verbose: bool,
    pub json: bool,
    pub redactor: Redactor,
    pub steps: Vec<Value>,
    pub ctx: ExplainContext,
    /// Step lines go to stderr (stdout is kept for a value scripts capture).
    pub lines_to_stderr: bool,
    /// Every exchange so far, for `--har`.
    pub exchanges: Vec<Exchange>,
}

impl Run {
    pub fn new(
        http: Http,
        profile: ResolvedProfile,
        base: String,
        verbose: bool,
        json: bool,
    ) -> Run {
        let ctx = profile.explain_context();
        Run {
            http,
            profile,
            base,
            verbose,
            json,
            redactor: Redactor::new(),
            steps: Vec::new(),
            ctx,
            lines_to_stderr: false,
            exchanges: Vec::new(),
        }
    }

    /// The UI language.
    pub fn lang(&self) -> Lang {
        self.profile.ui_lang
    }

    fn mask(&self, s: &str) -> String {
        if self.profile.redact {
            self.redactor.apply(s)
        } else {
            s.to_string()
        }
    }

    /// Send one step; print its line (or everything when it failed or in verbose mode).
    pub async fn step(&mut self, name: &str, spec: &RequestSpec) -> Result<Exchange, ExitCode> {
        let x = common::send(&self.http, spec, self.lang()).await?;
        let ok = x.outcome == Outcome::Success;
        self.step_sent(name, x, ok).await
    }

    /// A consumer's request with the profile's headers, filled from `known`.
    pub fn next_step(&self, c: Consumer, known: &Known) -> consumer::NextStep {
        consumer::request(&self.base, self.profile.headers(), c, known)
    }

    /// Report an exchange already sent; `ok` says whether the chain goes on.
    pub async fn step_sent(
        &mut self,
        name: &str,
        x: Exchange,
        ok: bool,
    ) -> Result<Exchange, ExitCode> {
        self.redactor.learn(&x);
        self.ctx.session.now = Some(std::time::SystemTime::now());
        self.exchanges.push(x.clone());
        let expl = explain_exchange(&x, &self.ctx);
        let shown = if self.profile.redact {
            self.redactor.exchange(&x)
        } else {
            x.clone()
        };
        if self.json {
            self.steps
                .push(json!({"step": name, "report": report::json_report(&shown, &expl)}));
        } else if self.verbose || !ok {
            let text = format!(
                "== {} {}\n{}",
                self.steps.len() + 1,
                step_label(name, self.lang()),
                report::render_exchange(&shown, &expl, self.lang())
            );
            let text = crate::api::text::visible_lines(&text);
            // Commands whose stdout is a value for scripts (captcha verify/solve)
            // keep every report on stderr.
            if self.lines_to_stderr {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
            self.steps.push(Value::Null);
        } else {
            self.steps.push(Value::Null);
        }
        if ok {
            Ok(x)
        } else if x.outcome == Outcome::Success {
            // a 200 that is not a yes (a login status other than SUCCESS)
            Err(ExitCode::from(super::exit::API_ERROR))
        } else {
            Err(ExitCode::from(report::exit_code(&x.outcome)))
        }
    }

    /// The one-line summary of a successful step.
    pub fn line(&self, name: &str, x: &Exchange, summary: &str) {
        if self.json || self.verbose {
            if self.verbose {
                println!("   -> {}\n", crate::api::text::visible(&self.mask(summary)));
            }
            return;
        }
        let mut path = reqwest::Url::parse(&x.request.url)
            .map(|u| u.path().to_string())
            .unwrap_or_default();
        let reveal = format!("{}/captcha/", paths::SIM_PREFIX);
        if path.starts_with(&reveal) {
            path = format!("{reveal}{{token}}");
        }
        let status = x.response.as_ref().map(|r| r.status).unwrap_or_default();
        let text = format!(
            "{:>2}. {} {:<4} {:<40} {status}  {:>6.1} ms  {}",
            self.steps.len(),
            crate::check::pad(&step_label(name, self.lang()), 9),
            x.request.method,
            self.mask(&path),
            x.timing.total.as_secs_f64() * 1e3,
            self.mask(summary)
        );
        let text = crate::api::text::visible(&text);
        if self.lines_to_stderr {
            eprintln!("{text}");
        } else {
            println!("{text}");
        }
    }

    /// Print the JSON document (in JSON mode) and pass the exit code on.
    pub fn finish(&self, code: ExitCode, ok: bool) -> ExitCode {
        if self.json {
            let v = json!({"ok": ok, "steps": self.steps});
            println!("{}", crate::api::text::json_pretty(&v));
        }
        code
    }
}

/// A step's name as the one-line report shows it (`--json` keeps the English one).
pub fn step_label(name: &str, lang: Lang) -> String {
    match name {
        "captcha" => crate::t!(lang, "cli-step-captcha"),
        "solution" => crate::t!(lang, "cli-step-solution"),
        "verify" => crate::t!(lang, "cli-step-verify"),
        "send" => crate::t!(lang, "cli-step-send"),
        "outbox" => crate::t!(lang, "cli-step-outbox"),
        "register" => crate::t!(lang, "cli-step-register"),
        "reg-bind" => crate::t!(lang, "cli-step-reg-bind"),
        "login" => crate::t!(lang, "cli-step-login"),
        "pwd-reset" => crate::t!(lang, "cli-step-pwd-reset"),
        "pwd-chg" => crate::t!(lang, "cli-step-pwd-chg"),
        "mobile" => crate::t!(lang, "cli-step-mobile"),
        "bind" => crate::t!(lang, "cli-step-bind"),
        "state" => crate::t!(lang, "cli-step-state"),
        "users" => crate::t!(lang, "cli-step-users"),
        other => other.to_string(),
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    x: &Exchange,
    what: &str,
    lang: Lang,
) -> Result<T, ExitCode> {
    let body = x
        .response
        .as_ref()
        .map(|r| r.body.as_slice())
        .unwrap_or_default();
    serde_json::from_slice(body).map_err(|e| {
        eprintln!(
            "vflow: {}",
            crate::t!(
                lang,
                "cli-flow-unexpected-body",
                what = what,
                error = crate::api::text::visible(&e.to_string())
            )
        );
        ExitCode::from(super::exit::API_ERROR)
    })
}

/// GET a captcha puzzle.
pub async fn get_captcha(run: &mut Run) -> Result<wire::CaptchaResponse, ExitCode> {
    let spec = run.profile.captcha_get(&run.base);
    let x = run.step("captcha", &spec).await?;
    let lang = run.lang();
    let c: wire::CaptchaResponse = parse(&x, "captcha", lang)?;
    let token = c.token.clone().unwrap_or_default();
    let summary = if c.secret_key.is_some() {
        crate::t!(lang, "cli-flow-captcha-aes", token = token)
    } else {
        format!("token {token}")
    };
    run.line("captcha", &x, &summary);
    Ok(c)
}

/// Verify a point; returns the pass token.
pub async fn verify(
    run: &mut Run,
    token: &str,
    point_json: &str,
    secret_key: Option<&str>,
    sender: &str,
) -> Result<String, ExitCode> {
    let sent_point = match secret_key {
        Some(k) => captcha::encrypt_point(point_json, k).map_err(|e| {
            common::usage_error(crate::t!(
                run.lang(),
                "cli-flow-cannot-encrypt",
                error = e.to_string()
            ))
        })?,
        None => point_json.to_string(),
    };
    let spec = run
        .profile
        .captcha_verify(&run.base, &sent_point, token, sender);
    let x = run.step("verify", &spec).await?;
    let v: wire::VerifyResponse = parse(&x, "captcha/verify", run.lang())?;
    run.line("verify", &x, &format!("captcha_token {}", v.captcha_token));
    Ok(v.captcha_token)
}

/// Captcha, solution, verify, send and the outbox: the code delivered to `mobile` for `scene`.
async fn deliver(run: &mut Run, scene: Scene, mobile: &str) -> Result<String, ExitCode> {
    let lang = run.lang();
    // 1. puzzle
    let c = get_captcha(run).await?;
    let token = c.token.clone().unwrap_or_default();
    // 2. the simulator reveals the true position
    let spec =
        crate::client::build::sim_get(&run.base, &format!("{}/captcha/{token}", paths::SIM_PREFIX));
    let x = common::send(&run.http, &spec, run.lang()).await?;
    run.redactor.learn(&x);
    let status = x.response.as_ref().map(|r| r.status);
    let pass = if status == Some(200) {
        let reveal: wire::RevealResponse = parse(&x, "reveal", lang)?;
        run.steps.push(if run.json {
            json!({"step": "solution", "x": reveal.x, "y": reveal.y})
        } else {
            Value::Null
        });
        run.line(
            "solution",
            &x,
            &crate::t!(lang, "cli-flow-solution", x = reveal.x.to_string()),
        );
        // 3. verify
        let key = reveal.secret_key.clone().or(c.secret_key.clone());
        verify(run, &token, &reveal.point_json, key.as_deref(), mobile).await?
    } else if super::solve::can_ask() {
        // 2-3. no reveal: the person solves it at the terminal, as `captcha solve`
        super::solve::by_hand(run, c, mobile).await?
    } else {
        eprintln!(
            "vflow: {}",
            crate::t!(
                lang,
                "cli-flow-no-reveal",
                base = run.base.as_str(),
                path = format!("{}/captcha/TOKEN", paths::SIM_PREFIX),
                status = status
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| crate::t!(lang, "cli-flow-no-answer"))
            )
        );
        return Err(ExitCode::from(super::exit::USAGE));
    };
    // 4. send
    run.ctx.captcha_sender = Some(mobile.to_string());
    run.ctx.issued_pass_token = Some(pass.clone());
    let spec = run.profile.sms_send(&run.base, scene.code(), mobile, &pass);
    let x = run.step("send", &spec).await?;
    run.line(
        "send",
        &x,
        &crate::t!(lang, "cli-flow-sent", mobile = mobile, scene = scene.code()),
    );
    // 5. the outbox
    let spec = crate::client::build::sim_get(&run.base, paths::SIM_OUTBOX);
    let x = run.step("outbox", &spec).await?;
    let outbox: Vec<wire::OutboxEntry> = parse(&x, "outbox", lang)?;
    let Some(entry) = outbox
        .iter()
        .rev()
        .find(|e| e.mobile == mobile && e.scene == scene.code())
    else {
        eprintln!(
            "vflow: {}",
            crate::t!(
                lang,
                "cli-flow-no-code",
                mobile = mobile,
                scene = scene.code()
            )
        );
        return Err(ExitCode::from(super::exit::API_ERROR));
    };
    let code = entry.code.clone();
    run.ctx.session.sent(
        mobile,
        scene,
        Some(code.clone()),
        std::time::SystemTime::now(),
    );
    run.line(
        "outbox",
        &x,
        &crate::t!(lang, "cli-flow-code", code = code.as_str()),
    );
    Ok(code)
}

/// The step name of a consumer in the one-line report.
fn step_name(c: Consumer) -> &'static str {
    match c {
        Consumer::Register => "register",
        Consumer::SocialRegisterBind => "reg-bind",
        Consumer::Login => "login",
        Consumer::ForgetPwd => "pwd-reset",
        Consumer::UpdatePwd => "pwd-chg",
        Consumer::UpdateMobile => "mobile",
        Consumer::SocialBind => "bind",
    }
}

/// Send a consumer's request and report it; Ok only when the consumer said yes.
pub async fn consume(run: &mut Run, step: &consumer::NextStep) -> Result<Exchange, ExitCode> {
    let c = step.consumer;
    let mobile = step
        .spec
        .field("mobile")
        .map(|f| f.value.clone())
        .unwrap_or_default();
    let given = step
        .spec
        .field("verify_code")
        .map(|f| f.value.clone())
        .unwrap_or_default();
    let sent = common::send(&run.http, &step.spec, run.lang()).await?;
    let accepted = consumer::accepted(c, &sent);
    // the session's record of the code, for later explanations
    let target = if c == Consumer::UpdatePwd {
        run.ctx
            .session
            .sent
            .iter()
            .rev()
            .find(|s| s.scene == Scene::UpdatePwdSms)
            .map(|s| s.mobile.clone())
            .unwrap_or_default()
    } else {
        mobile
    };
    // explain against what was known before this answer
    let x = run.step_sent(step_name(c), sent, accepted).await?;
    run.ctx.session.answered(c, &target, &given, accepted);
    let lang = run.lang();
    let success = match lang {
        Lang::En => c.success().0,
        Lang::Zh => c.success().1,
    };
    let summary = match consumer::session_of(&x) {
        Some(l) => crate::t!(
            lang,
            "cli-flow-session",
            success = success,
            status = l.status.to_string(),
            expire = l.expire.to_string()
        ),
        None if c == Consumer::UpdateMobile => crate::t!(
            lang,
            "cli-flow-empty-body-to",
            success = success,
            target = target.as_str()
        ),
        None => crate::t!(lang, "cli-flow-empty-body", success = success),
    };
    run.line(step_name(c), &x, &summary);
    Ok(x)
}

/// Log `mobile` in with a fresh LOGIN_SMS code; its id_token.
async fn log_in(run: &mut Run, mobile: &str) -> Result<String, ExitCode> {
    let code = deliver(run, Scene::LoginSms, mobile).await?;
    let known = Known {
        mobile: Some(mobile.to_string()),
        code: Some(code),
        ..Known::default()
    };
    let step = run.next_step(Consumer::Login, &known);
    let x = consume(run, &step).await?;
    Ok(consumer::session_of(&x)
        .map(|l| l.id_token)
        .unwrap_or_default())
}

/// A state token from the simulator's `POST /_sim/state-token`.
async fn state_token(run: &mut Run) -> Result<String, ExitCode> {
    let spec = consumer::sim_state_token(&run.base, "wechat");
    let x = run.step("state", &spec).await?;
    let lang = run.lang();
    let Some(t) = consumer::state_token_of(&x) else {
        eprintln!(
            "vflow: {}",
            crate::t!(
                lang,
                "cli-flow-unexpected-answer",
                request = format!("POST {}", paths::SIM_STATE_TOKEN)
            )
        );
        return Err(ExitCode::from(super::exit::API_ERROR));
    };
    run.line(
        "state",
        &x,
        &crate::t!(lang, "cli-flow-state-token", token = t.as_str()),
    );
    Ok(t)
}

/// Does the simulator know a user with this mobile (`GET /_sim/users`)?
async fn has_user(run: &mut Run, mobile: &str) -> Result<bool, ExitCode> {
    let spec = crate::client::build::sim_get(&run.base, paths::SIM_USERS);
    let x = run.step("users", &spec).await?;
    let lang = run.lang();
    let users: Vec<wire::SimUser> = parse(&x, "users", lang)?;
    let known = users.iter().any(|u| u.mobile == mobile);
    let summary = if known {
        crate::t!(lang, "cli-flow-users-one", n = users.len(), mobile = mobile)
    } else {
        crate::t!(
            lang,
            "cli-flow-users-not-one",
            n = users.len(),
            mobile = mobile
        )
    };
    run.line("users", &x, &summary);
    Ok(known)
}

/// What the chain needs beyond the scene and the mobile.
#[derive(Clone, Debug, Default)]
pub struct Extras {
    pub new_password: String,
    pub new_mobile: Option<String>,
    pub state_token: Option<String>,
    pub id_token: Option<String>,
    pub social: bool,
}

/// The whole chain for `scene`, ending with its consumer; Ok when the consumer said yes.
pub async fn run_chain(
    run: &mut Run,
    scene: Scene,
    mobile: &str,
    extras: &Extras,
) -> Result<Consumer, ExitCode> {
    let consumer = match scene {
        Scene::RegisterSms if extras.social => Consumer::SocialRegisterBind,
        s => Consumer::for_scene(s),
    };
    let mut known = Known {
        mobile: Some(mobile.to_string()),
        new_password: Some(extras.new_password.clone()),
        state_token: extras.state_token.clone(),
        id_token: extras.id_token.clone(),
        ..Known::default()
    };
    match consumer.auth() {
        Auth::Bearer if known.id_token.is_none() => {
            known.id_token = Some(log_in(run, mobile).await?);
        }
        Auth::StateToken if known.state_token.is_none() => {
            known.state_token = Some(state_token(run).await?);
        }
        _ => {}
    }
    if consumer == Consumer::ForgetPwd && !has_user(run, mobile).await? {
        if !run.json {
            println!(
                "   {}",
                crate::t!(run.lang(), "cli-flow-no-user-yet", mobile = mobile)
            );
        }
        log_in(run, mobile).await?;
    }
    let target = match consumer {
        Consumer::UpdateMobile => extras
            .new_mobile
            .clone()
            .unwrap_or_else(|| default_new_mobile(mobile)),
        _ => mobile.to_string(),
    };
    run.redactor.add_mobile(&target);
    known.code = Some(deliver(run, scene, &target).await?);
    known.mobile = Some(target);
    let step = run.next_step(consumer, &known);
    consume(run, &step).await?;
    Ok(consumer)
}

pub fn run(global: &GlobalArgs, args: FlowArgs) -> ExitCode {
    let (profile, http) = match common::setup(global, &args.client_id) {
        Ok(ph) => ph,
        Err(code) => return code,
    };
    let lang = profile.ui_lang;
    let Some(scene) = Scene::from_code(&args.scene) else {
        let all = Scene::ALL.map(|s| s.code()).join(", ");
        let scene = format!("{:?}", args.scene);
        return common::usage_error(match Scene::nearest(&args.scene) {
            Some(near) => crate::t!(
                lang,
                "cli-flow-not-a-scene-near",
                scene = scene,
                near = near.code(),
                all = all
            ),
            None => crate::t!(lang, "cli-flow-not-a-scene", scene = scene, all = all),
        });
    };
    common::runtime().block_on(async move {
        let (target, _sim) = match common::target(&profile, false).await {
            Ok(t) => t,
            Err(code) => return code,
        };
        if !args.json {
            let scene = args.scene.as_str();
            let mobile = mask_mobile(&profile, &args.mobile);
            let url = target.base_url.as_str();
            println!(
                "vflow flow: {}",
                if target.simulator {
                    crate::t!(
                        lang,
                        "cli-flow-start-sim",
                        scene = scene,
                        mobile = mobile,
                        url = url
                    )
                } else {
                    crate::t!(
                        lang,
                        "cli-flow-start-target",
                        scene = scene,
                        mobile = mobile,
                        url = url
                    )
                }
            );
        }
        let mut run = Run::new(
            http,
            profile,
            target.base_url.clone(),
            args.verbose,
            args.json,
        );
        run.redactor.add_mobile(&args.mobile);
        let extras = Extras {
            new_password: args.new_password.clone(),
            new_mobile: args.new_mobile.clone(),
            state_token: args.state_token.clone(),
            id_token: args.id_token.clone(),
            social: args.social,
        };
        let result = run_chain(&mut run, scene, &args.mobile, &extras).await;
        let har_ok = common::write_har_all(
            args.har.as_deref(),
            &run.exchanges,
            run.profile.redact,
            lang,
        );
        let code = match result {
            Ok(c) => {
                if !args.json {
                    println!(
                        "{}",
                        crate::t!(
                            lang,
                            "cli-flow-complete",
                            consumer = consumer_label(c, lang),
                            scene = scene.code()
                        )
                    );
                }
                run.finish(ExitCode::SUCCESS, true)
            }
            Err(code) => run.finish(code, false),
        };
        if har_ok {
            code
        } else {
            ExitCode::from(super::exit::USAGE)
        }
    })
}

/// A consumer as people say it: `pwd/update-by-mobile (no login)`, in `lang`.
pub fn consumer_label(c: Consumer, lang: Lang) -> String {
    match c {
        Consumer::ForgetPwd => crate::t!(lang, "cli-consumer-no-login", name = c.name()),
        Consumer::UpdatePwd => format!("{} (Bearer)", c.name()),
        _ => c.name().to_string(),
    }
}

fn mask_mobile(p: &ResolvedProfile, m: &str) -> String {
    if p.redact {
        crate::api::redact::mobile(m)
    } else {
        m.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_names_in_chinese_and_the_english_ones_unchanged() {
        for name in [
            "captcha",
            "solution",
            "verify",
            "send",
            "outbox",
            "register",
            "reg-bind",
            "login",
            "pwd-reset",
            "pwd-chg",
            "mobile",
            "bind",
            "state",
            "users",
        ] {
            assert_eq!(step_label(name, Lang::En), name);
            let zh = step_label(name, Lang::Zh);
            assert!(!zh.is_ascii(), "{name}: {zh}");
            assert!(crate::check::width(&zh) <= 9, "{zh} fits the column");
        }
        assert_eq!(
            consumer_label(Consumer::ForgetPwd, Lang::En),
            Consumer::ForgetPwd.label()
        );
        for c in Consumer::ALL {
            assert_eq!(consumer_label(c, Lang::En), c.label());
        }
    }
}

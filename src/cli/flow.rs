//! `vflow flow`: the whole chain against a simulator, one step per line.

use super::common::{self, Target};
use super::{ClientIdArg, GlobalArgs};
use crate::api::{Scene, captcha, paths, wire};
use crate::client::explain::{ExplainContext, explain_exchange};
use crate::client::report::{self, Redactor};
use crate::client::{Exchange, Http, Outcome, RequestSpec};
use crate::config::ResolvedProfile;
use serde_json::{Value, json};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Without --target an in-process simulator is started (with solutions revealed). With --target the
server must be a vflow simulator started with `vflow serve --reveal-solutions`.

Example:
  vflow flow --scene LOGIN_SMS --mobile 13800138000")]
pub struct FlowArgs {
    /// The send scene, e.g. LOGIN_SMS
    #[arg(long, value_name = "SCENE", default_value = "LOGIN_SMS")]
    pub scene: String,
    /// The mobile number
    #[arg(long, value_name = "M", default_value = "13800138000")]
    pub mobile: String,
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

    fn mask(&self, s: &str) -> String {
        if self.profile.redact {
            self.redactor.apply(s)
        } else {
            s.to_string()
        }
    }

    /// Send one step; print its line (or everything when it failed or in verbose mode).
    pub async fn step(&mut self, name: &str, spec: &RequestSpec) -> Result<Exchange, ExitCode> {
        let x = common::send(&self.http, spec).await?;
        self.redactor.learn(&x);
        self.exchanges.push(x.clone());
        let expl = explain_exchange(&x, &self.ctx);
        let shown = if self.profile.redact {
            self.redactor.exchange(&x)
        } else {
            x.clone()
        };
        let ok = x.outcome == Outcome::Success;
        if self.json {
            self.steps
                .push(json!({"step": name, "report": report::json_report(&shown, &expl)}));
        } else if self.verbose || !ok {
            let text = format!(
                "== {} {name}\n{}",
                self.steps.len() + 1,
                report::render_exchange(&shown, &expl)
            );
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
        } else {
            Err(ExitCode::from(report::exit_code(&x.outcome)))
        }
    }

    /// The one-line summary of a successful step.
    pub fn line(&self, name: &str, x: &Exchange, summary: &str) {
        if self.json || self.verbose {
            if self.verbose {
                println!("   -> {}\n", self.mask(summary));
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
            "{}. {name:<9} {:<4} {:<38} {status}  {:>6.1} ms  {}",
            self.steps.len(),
            x.request.method,
            self.mask(&path),
            x.timing.total.as_secs_f64() * 1e3,
            self.mask(summary)
        );
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
            println!("{}", serde_json::to_string_pretty(&v).expect("JSON"));
        }
        code
    }
}

fn parse<T: serde::de::DeserializeOwned>(x: &Exchange, what: &str) -> Result<T, ExitCode> {
    let body = x
        .response
        .as_ref()
        .map(|r| r.body.as_slice())
        .unwrap_or_default();
    serde_json::from_slice(body).map_err(|e| {
        eprintln!("vflow: unexpected {what} body: {e}");
        ExitCode::from(super::exit::API_ERROR)
    })
}

/// GET a captcha puzzle.
pub async fn get_captcha(run: &mut Run) -> Result<wire::CaptchaResponse, ExitCode> {
    let spec = run.profile.captcha_get(&run.base);
    let x = run.step("captcha", &spec).await?;
    let c: wire::CaptchaResponse = parse(&x, "captcha")?;
    let token = c.token.clone().unwrap_or_default();
    let aes = if c.secret_key.is_some() {
        ", secretKey set (AES)"
    } else {
        ""
    };
    run.line("captcha", &x, &format!("token {token}{aes}"));
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
        Some(k) => captcha::encrypt_point(point_json, k)
            .map_err(|e| common::usage_error(format!("cannot encrypt point_json: {e}")))?,
        None => point_json.to_string(),
    };
    let spec = run
        .profile
        .captcha_verify(&run.base, &sent_point, token, sender);
    let x = run.step("verify", &spec).await?;
    let v: wire::VerifyResponse = parse(&x, "captcha/verify")?;
    run.line("verify", &x, &format!("captcha_token {}", v.captcha_token));
    Ok(v.captcha_token)
}

async fn run_flow(run: &mut Run, scene: &str, mobile: &str) -> Result<(), ExitCode> {
    // 1. puzzle
    let c = get_captcha(run).await?;
    let token = c.token.clone().unwrap_or_default();
    // 2. the simulator reveals the true position
    let spec =
        crate::client::build::sim_get(&run.base, &format!("{}/captcha/{token}", paths::SIM_PREFIX));
    let x = common::send(&run.http, &spec).await?;
    run.redactor.learn(&x);
    let status = x.response.as_ref().map(|r| r.status);
    if status != Some(200) {
        eprintln!(
            "vflow: {} does not reveal captcha solutions (GET {}/captcha/TOKEN gave {}): \
start it with `vflow serve --reveal-solutions`, or leave out --target",
            run.base,
            paths::SIM_PREFIX,
            status
                .map(|s| s.to_string())
                .unwrap_or_else(|| "no answer".into())
        );
        return Err(ExitCode::from(super::exit::USAGE));
    }
    let reveal: wire::RevealResponse = parse(&x, "reveal")?;
    run.steps.push(if run.json {
        json!({"step": "solution", "x": reveal.x, "y": reveal.y})
    } else {
        Value::Null
    });
    run.line(
        "solution",
        &x,
        &format!("x = {} (slider position)", reveal.x),
    );
    // 3. verify
    let key = reveal.secret_key.clone().or(c.secret_key.clone());
    let pass = verify(run, &token, &reveal.point_json, key.as_deref(), mobile).await?;
    // 4. send
    run.ctx.captcha_sender = Some(mobile.to_string());
    run.ctx.issued_pass_token = Some(pass.clone());
    let spec = run.profile.sms_send(&run.base, scene, mobile, &pass);
    let x = run.step("send", &spec).await?;
    run.line("send", &x, &format!("SMS code sent to {mobile} ({scene})"));
    // 5. the outbox
    let spec = crate::client::build::sim_get(&run.base, paths::SIM_OUTBOX);
    let x = run.step("outbox", &spec).await?;
    let outbox: Vec<wire::OutboxEntry> = parse(&x, "outbox")?;
    let Some(entry) = outbox
        .iter()
        .rev()
        .find(|e| e.mobile == mobile && e.scene == scene)
    else {
        eprintln!("vflow: no code for {mobile} / {scene} in the simulator's outbox");
        return Err(ExitCode::from(super::exit::API_ERROR));
    };
    let code = entry.code.clone();
    run.line("outbox", &x, &format!("code {code}"));
    // 6. log in with it
    if scene == Scene::LoginSms.code() {
        let spec = run.profile.login(&run.base, mobile, &code);
        let x = run.step("login", &spec).await?;
        let l: wire::LoginResponse = parse(&x, "login")?;
        run.line(
            "login",
            &x,
            &format!("status {}, session expires in {} s", l.status, l.expire),
        );
    } else if let Some(sc) = Scene::from_code(scene)
        && !run.json
    {
        println!(
            "   the code is consumed by {} (not called by vflow)",
            sc.consumer()
        );
    }
    Ok(())
}

pub fn run(global: &GlobalArgs, args: FlowArgs) -> ExitCode {
    let (profile, http) = match common::setup(global, &args.client_id) {
        Ok(ph) => ph,
        Err(code) => return code,
    };
    common::runtime().block_on(async move {
        let target: Target = match common::target(&profile, false).await {
            Ok(t) => t,
            Err(code) => return code,
        };
        if !args.json {
            let whence = if target.in_process() {
                "in-process simulator"
            } else {
                "target"
            };
            println!(
                "vflow flow: {} for {} against the {whence} {}",
                args.scene,
                mask_mobile(&profile, &args.mobile),
                target.base_url
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
        let result = run_flow(&mut run, &args.scene, &args.mobile).await;
        let har_ok = common::write_har_all(args.har.as_deref(), &run.exchanges, run.profile.redact);
        let code = match result {
            Ok(()) => {
                if !args.json {
                    println!("flow complete");
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

fn mask_mobile(p: &ResolvedProfile, m: &str) -> String {
    if p.redact {
        crate::api::redact::mobile(m)
    } else {
        m.to_string()
    }
}

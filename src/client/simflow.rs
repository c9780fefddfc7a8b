//! Talking to the built-in simulator's automation helpers: obtain a valid
//! pass token (captcha get → /_sim/ reveal → verify) and read the outbox.
//! Used by the TUI (Ctrl+G, the outbox code) and by `check`.

use crate::api::{self, wire};
use crate::client::{Exchange, HeaderSetting, Http, Outcome, RequestSpec, build};

/// Why no pass token could be obtained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenError {
    /// The target does not reveal captcha solutions (not a vflow simulator, or one
    /// started without `--reveal-solutions`): a person has to solve the puzzle.
    NoReveal(String),
    /// A step failed (the captcha or verify answer, a transport failure, ...).
    Failed(String),
}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenError::NoReveal(m) => write!(f, "{m} (is --reveal-solutions on?)"),
            TokenError::Failed(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for TokenError {}

fn body_json<T: serde::de::DeserializeOwned>(x: &Exchange, step: &str) -> Result<T, String> {
    if x.outcome != Outcome::Success {
        return Err(format!("{step}: {}", x.outcome.label()));
    }
    let body = x
        .response
        .as_ref()
        .map(|r| r.body.as_slice())
        .unwrap_or(&[]);
    serde_json::from_slice(body).map_err(|e| format!("{step}: unexpected body: {e}"))
}

/// The token of a fresh captcha puzzle (`GET /captcha`; works against any target).
pub async fn puzzle(
    http: &Http,
    base: &str,
    headers: &[HeaderSetting],
) -> Result<wire::CaptchaResponse, String> {
    let get = build::captcha_get(base, headers.to_vec());
    let x = http.send(&get).await.map_err(|e| e.to_string())?;
    body_json(&x, "captcha")
}

/// A fresh, valid pass token for `sender`, from a simulator started with reveal on.
pub async fn token_from_simulator(
    http: &Http,
    base: &str,
    headers: &[HeaderSetting],
    sender: &str,
) -> Result<String, TokenError> {
    token_from_simulator_recorded(http, base, headers, sender, &mut Vec::new()).await
}

/// [`token_from_simulator`], keeping each request and its exchange in `log` (the captcha,
/// the reveal, the verify), for reports that show how the token was obtained.
pub async fn token_from_simulator_recorded(
    http: &Http,
    base: &str,
    headers: &[HeaderSetting],
    sender: &str,
    log: &mut Vec<(RequestSpec, Exchange)>,
) -> Result<String, TokenError> {
    let failed = TokenError::Failed;
    let get = build::captcha_get(base, headers.to_vec());
    let x = http.send(&get).await.map_err(|e| failed(e.to_string()))?;
    log.push((get, x.clone()));
    let puzzle: wire::CaptchaResponse = body_json(&x, "captcha").map_err(failed)?;
    let token = puzzle
        .token
        .ok_or_else(|| failed("captcha: no token in the answer".into()))?;
    let reveal = build::sim_get(base, &format!("{}/captcha/{token}", api::paths::SIM_PREFIX));
    let x = http
        .send(&reveal)
        .await
        .map_err(|e| failed(e.to_string()))?;
    log.push((reveal, x.clone()));
    let sol: wire::RevealResponse = match x.outcome {
        Outcome::Success => body_json(&x, "reveal").map_err(failed)?,
        // no answer at all is a transport problem
        Outcome::Transport { .. } | Outcome::Cancelled => {
            return Err(failed(format!("reveal: {}", x.outcome.label())));
        }
        // any other answer: this target does not reveal solutions
        _ => {
            return Err(TokenError::NoReveal(format!(
                "GET {}/captcha/TOKEN answered {}",
                api::paths::SIM_PREFIX,
                x.outcome.label()
            )));
        }
    };
    let point = match &puzzle.secret_key {
        Some(k) => {
            api::captcha::encrypt_point(&sol.point_json, k).map_err(|e| failed(e.to_string()))?
        }
        None => sol.point_json.clone(),
    };
    let verify = build::captcha_verify(base, headers.to_vec(), &point, &token, sender);
    let x = http
        .send(&verify)
        .await
        .map_err(|e| failed(e.to_string()))?;
    log.push((verify, x.clone()));
    let v: wire::VerifyResponse = body_json(&x, "captcha/verify").map_err(failed)?;
    Ok(v.captcha_token)
}

/// The newest code the simulator delivered to `mobile` for `scene`.
pub async fn latest_code(
    http: &Http,
    base: &str,
    mobile: &str,
    scene: &str,
) -> Result<Option<String>, String> {
    let x = http
        .send(&build::sim_get(base, api::paths::SIM_OUTBOX))
        .await
        .map_err(|e| e.to_string())?;
    let outbox: Vec<wire::OutboxEntry> = body_json(&x, "outbox")?;
    Ok(outbox
        .into_iter()
        .rev()
        .find(|e| e.mobile == mobile && e.scene == scene)
        .map(|e| e.code))
}

/// A fresh state token from the simulator's `POST /_sim/state-token` (for the bind scenes).
pub async fn state_token_from_simulator(
    http: &Http,
    base: &str,
    provider: &str,
) -> Result<String, String> {
    let spec = crate::client::consumer::sim_state_token(base, provider);
    let x = http.send(&spec).await.map_err(|e| e.to_string())?;
    let r: wire::StateTokenResponse = body_json(&x, "state-token")?;
    Ok(r.state_token)
}

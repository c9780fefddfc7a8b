//! The scene's next step: building the request of the code's consumer (spec §6) from
//! what a session knows, and saying what it still lacks.
//!
//! Pure functions, for the CLI (`vflow flow`), `check` and the TUI alike:
//!
//! ```
//! use vflow::api::Scene;
//! use vflow::client::consumer::{Known, Missing, next_step};
//! let known = Known { mobile: Some("13800138000".into()), code: Some("123456".into()), ..Known::default() };
//! // the forgotten-password reset needs a new password vflow cannot guess
//! let step = next_step(Scene::ForgetPwdSms, &known);
//! assert_eq!(step.missing(), vec![Missing::NewPassword]);
//! ```

use super::build::{field, header};
use super::{Exchange, HeaderSetting, Outcome, RequestSpec};
use crate::api::consumer::{Auth, SESSION_TOKEN_HEADER, STATE_TOKEN_HEADER, bearer};
use crate::api::wire::{IdTokenResponse, LoginResponse, StateTokenResponse};
use crate::api::{Consumer, Lang, Scene, paths};

/// What the session knows that a consumer request may need; every item optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Known {
    /// The number the code was sent to (for UPDATE_MOBILE_SMS: the NEW number).
    pub mobile: Option<String>,
    /// The delivered code (typed by the person, or read from the simulator's outbox).
    pub code: Option<String>,
    /// The id_token of an earlier login in the session (Bearer scenes).
    pub id_token: Option<String>,
    /// The state token of a social login (bind scenes).
    pub state_token: Option<String>,
    /// The new password (password scenes).
    pub new_password: Option<String>,
}

/// An input the consumer needs that the session does not have yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    Mobile,
    Code,
    /// Log in first (LOGIN_SMS) or paste an id_token.
    IdToken,
    /// A social login's state token; the simulator can issue one.
    StateToken,
    NewPassword,
}

impl Missing {
    /// A short prompt, in `lang`.
    pub fn prompt(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Missing::Mobile, Lang::En) => "the mobile number the code was sent to",
            (Missing::Mobile, Lang::Zh) => "接收验证码的手机号",
            (Missing::Code, Lang::En) => "the 6-digit code from the SMS",
            (Missing::Code, Lang::Zh) => "短信中的 6 位验证码",
            (Missing::IdToken, Lang::En) => {
                "an id_token: log in first (LOGIN_SMS) or paste one (CLI: --id-token)"
            }
            (Missing::IdToken, Lang::Zh) => {
                "id_token：先登录（LOGIN_SMS）或粘贴一个（命令行：--id-token）"
            }
            (Missing::StateToken, Lang::En) => {
                "a social login's state token (the simulator issues one: POST /_sim/state-token; CLI: --state-token)"
            }
            (Missing::StateToken, Lang::Zh) => {
                "社交登录的状态令牌（模拟器可签发：POST /_sim/state-token；命令行：--state-token）"
            }
            (Missing::NewPassword, Lang::En) => "the new password (CLI: --new-password)",
            (Missing::NewPassword, Lang::Zh) => "新密码（命令行：--new-password）",
        }
    }
}

/// The consumer request a scene's code goes to, with what is still missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextStep {
    pub consumer: Consumer,
    /// Ready to send when `missing` is empty; gaps are sent blank otherwise, and a missing
    /// id_token as no Bearer (on purpose, to see the server's answer to them).
    pub spec: RequestSpec,
    missing: Vec<Missing>,
}

impl NextStep {
    pub fn missing(&self) -> Vec<Missing> {
        self.missing.clone()
    }

    pub fn is_ready(&self) -> bool {
        self.missing.is_empty()
    }
}

fn has(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// What `consumer` needs that `known` lacks, in the order a person would supply it.
pub fn missing(consumer: Consumer, known: &Known) -> Vec<Missing> {
    let mut out = Vec::new();
    if consumer.fields().contains(&"mobile") && !has(&known.mobile) {
        out.push(Missing::Mobile);
    }
    if !has(&known.code) {
        out.push(Missing::Code);
    }
    if consumer.fields().contains(&"password") && !has(&known.new_password) {
        out.push(Missing::NewPassword);
    }
    match consumer.auth() {
        Auth::Bearer if !has(&known.id_token) => out.push(Missing::IdToken),
        Auth::StateToken if !has(&known.state_token) => out.push(Missing::StateToken),
        _ => {}
    }
    out
}

/// The request of `consumer` with the profile's `headers`, filled from `known`.
pub fn request(
    base_url: &str,
    mut headers: Vec<HeaderSetting>,
    consumer: Consumer,
    known: &Known,
) -> NextStep {
    let val = |v: &Option<String>| v.clone().unwrap_or_default();
    match consumer.auth() {
        // No id_token is no Bearer at all (the server's answer to that is the one to see),
        // not `Authorization: Bearer ` with nothing after it.
        Auth::Bearer => {
            if let Some(t) = known.id_token.as_deref().filter(|t| !t.trim().is_empty()) {
                headers.push(header("Authorization", &bearer(t)));
            }
        }
        Auth::StateToken => headers.push(header(STATE_TOKEN_HEADER, &val(&known.state_token))),
        Auth::None => {}
    }
    let body = consumer
        .fields()
        .iter()
        .map(|f| {
            let v = match *f {
                "mobile" => val(&known.mobile),
                "verify_code" => val(&known.code),
                "password" => val(&known.new_password),
                _ => String::new(),
            };
            field(f, &v)
        })
        .collect();
    NextStep {
        consumer,
        spec: RequestSpec {
            method: "POST".into(),
            base_url: base_url.to_string(),
            path: consumer.path().into(),
            headers,
            body: Some(body),
            raw_body: None,
        },
        missing: missing(consumer, known),
    }
}

/// [`request`] for the scene's own consumer, without a base URL or headers yet (the
/// caller's profile sets them): the pure (scene, knowledge) → request mapping.
pub fn next_step(scene: Scene, known: &Known) -> NextStep {
    request("", Vec::new(), Consumer::for_scene(scene), known)
}

/// `POST sso/session-token/id-token` with the `session-token` header.
pub fn refresh(
    base_url: &str,
    mut headers: Vec<HeaderSetting>,
    session_token: &str,
) -> RequestSpec {
    headers.push(header(SESSION_TOKEN_HEADER, session_token));
    RequestSpec {
        method: "POST".into(),
        base_url: base_url.to_string(),
        path: paths::SESSION_TO_ID_TOKEN.into(),
        headers,
        body: None,
        raw_body: None,
    }
}

/// The simulator's `POST /_sim/state-token {"provider"}`.
pub fn sim_state_token(base_url: &str, provider: &str) -> RequestSpec {
    RequestSpec {
        method: "POST".into(),
        base_url: base_url.to_string(),
        path: paths::SIM_STATE_TOKEN.into(),
        headers: vec![header("content-type", "application/json")],
        body: Some(vec![field("provider", provider)]),
        raw_body: None,
    }
}

fn body<T: serde::de::DeserializeOwned>(x: &Exchange) -> Option<T> {
    if x.outcome != Outcome::Success {
        return None;
    }
    serde_json::from_slice(&x.response.as_ref()?.body).ok()
}

/// The session a successful login, registration or bind answered with.
pub fn session_of(x: &Exchange) -> Option<LoginResponse> {
    body(x)
}

/// The id_token of a successful refresh.
pub fn refreshed_id_token(x: &Exchange) -> Option<String> {
    body::<IdTokenResponse>(x).map(|r| r.id_token)
}

/// The state token the simulator issued.
pub fn state_token_of(x: &Exchange) -> Option<String> {
    body::<StateTokenResponse>(x).map(|r| r.state_token)
}

/// Did the consumer say yes? A 2xx, and for the session answers a `status` that leaves
/// the user logged in (SUCCESS or PASSWORD_WARN).
pub fn accepted(consumer: Consumer, x: &Exchange) -> bool {
    if x.outcome != Outcome::Success {
        return false;
    }
    if !consumer.returns_session() {
        return true;
    }
    session_of(x)
        .and_then(|l| crate::api::LoginStatus::from_code(&l.status))
        .is_some_and(|s| s.logged_in())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Known {
        Known {
            mobile: Some("13800138000".into()),
            code: Some("123456".into()),
            ..Known::default()
        }
    }

    fn body_of(s: &RequestSpec) -> String {
        String::from_utf8(s.body_bytes().unwrap()).unwrap()
    }

    #[test]
    fn without_an_id_token_a_bearer_consumer_sends_no_authorization_header() {
        let auth = |k: &Known| {
            request("http://h", vec![], Consumer::UpdatePwd, k)
                .spec
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case("authorization"))
                .map(|h| h.value.clone())
        };
        let mut k = known();
        assert_eq!(auth(&k), None, "no id_token");
        k.id_token = Some(" ".into());
        assert_eq!(auth(&k), None, "a blank id_token");
        k.id_token = Some("h.p.s".into());
        assert_eq!(auth(&k).as_deref(), Some("Bearer h.p.s"));
    }

    #[test]
    fn each_scene_maps_to_its_consumer_request() {
        let mut k = known();
        k.id_token = Some("h.p.s".into());
        k.state_token = Some("st".into());
        k.new_password = Some("N3w#pass".into());
        let cases = [
            (
                Scene::RegisterSms,
                paths::REGISTER_MOBILE,
                r#"{"mobile":"13800138000","verify_code":"123456"}"#,
            ),
            (
                Scene::LoginSms,
                paths::LOGIN_MOBILE,
                r#"{"mobile":"13800138000","verify_code":"123456"}"#,
            ),
            (
                Scene::ForgetPwdSms,
                paths::PWD_UPDATE_BY_MOBILE,
                r#"{"mobile":"13800138000","verify_code":"123456","password":"N3w#pass"}"#,
            ),
            (
                Scene::UpdatePwdSms,
                paths::PWD_UPDATE_BY_MOBILE,
                r#"{"verify_code":"123456","password":"N3w#pass"}"#,
            ),
            (
                Scene::UpdateMobileSms,
                paths::PROFILE_UPDATE_MOBILE,
                r#"{"mobile":"13800138000","verify_code":"123456"}"#,
            ),
            (
                Scene::BindMobileSms,
                paths::SOCIAL_BIND,
                r#"{"mobile":"13800138000","verify_code":"123456"}"#,
            ),
        ];
        for (scene, path, body) in cases {
            let step = next_step(scene, &k);
            assert!(step.is_ready(), "{scene}");
            assert_eq!(step.spec.path, path);
            assert_eq!(body_of(&step.spec), body, "{scene}");
            let auth = step.spec.header("Authorization").map(|h| h.value.clone());
            let state = step
                .spec
                .header(STATE_TOKEN_HEADER)
                .map(|h| h.value.clone());
            match scene {
                Scene::UpdatePwdSms | Scene::UpdateMobileSms => {
                    assert_eq!(auth.as_deref(), Some("Bearer h.p.s"));
                }
                Scene::BindMobileSms => assert_eq!(state.as_deref(), Some("st")),
                _ => assert_eq!((auth, state), (None, None), "{scene}"),
            }
        }
    }

    #[test]
    fn missing_inputs_are_named_and_sent_blank() {
        let step = next_step(Scene::UpdatePwdSms, &known());
        assert_eq!(step.missing(), [Missing::NewPassword, Missing::IdToken]);
        // The id_token's gap is no Bearer at all (what "Enter on empty" promises).
        assert!(step.spec.header("Authorization").is_none());
        let step = next_step(Scene::BindMobileSms, &Known::default());
        assert_eq!(
            step.missing(),
            [Missing::Mobile, Missing::Code, Missing::StateToken]
        );
        let step = request("http://h", vec![], Consumer::SocialRegisterBind, &known());
        assert_eq!(step.missing(), [Missing::StateToken]);
        assert_eq!(step.spec.url(), "http://h/api/v2/sdk/social/register-bind");
        let blank = Known {
            code: Some("  ".into()),
            ..known()
        };
        assert_eq!(
            next_step(Scene::LoginSms, &blank).missing(),
            [Missing::Code]
        );
        for m in [Missing::Mobile, Missing::IdToken, Missing::NewPassword] {
            assert_ne!(m.prompt(Lang::En), m.prompt(Lang::Zh));
        }
    }

    fn answered(path: &str, status: u16, body: &str) -> Exchange {
        let resp = crate::client::ReceivedResponse {
            status,
            version: "HTTP/1.1".into(),
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
            truncated: false,
        };
        Exchange {
            started_at: std::time::SystemTime::UNIX_EPOCH,
            request: crate::client::SentRequest {
                method: "POST".into(),
                url: format!("http://h{path}"),
                headers: vec![],
                body: vec![],
            },
            outcome: crate::client::send::classify(path, &resp),
            response: Some(resp),
            timing: crate::client::Timing {
                total: std::time::Duration::ZERO,
                ttfb: None,
            },
        }
    }

    #[test]
    fn a_yes_is_a_2xx_and_a_login_status_that_leaves_the_user_logged_in() {
        let session = |st: &str| {
            format!(r#"{{"status":"{st}","session_token":"s","expire":432000,"id_token":"a.b.c"}}"#)
        };
        for (st, yes) in [
            ("SUCCESS", true),
            ("PASSWORD_WARN", true),
            ("PASSWORD_EXPIRED", false),
            ("ACCESS_DENIED", false),
            ("MFA_AUTH", false),
            ("SOMETHING_NEW", false),
        ] {
            let x = answered(paths::SOCIAL_BIND, 200, &session(st));
            assert_eq!(accepted(Consumer::SocialBind, &x), yes, "{st}");
        }
        let x = answered(paths::LOGIN_MOBILE, 200, "");
        assert!(
            !accepted(Consumer::Login, &x),
            "an empty body is not a session"
        );
        let x = answered(paths::PROFILE_UPDATE_MOBILE, 200, "");
        assert!(accepted(Consumer::UpdateMobile, &x));
        let x = answered(
            paths::PROFILE_UPDATE_MOBILE,
            400,
            r#"{"error_code":"IDAAS.SDK.PARAM.0016","error_msg":"x"}"#,
        );
        assert!(!accepted(Consumer::UpdateMobile, &x));
        let x = answered(paths::SESSION_TO_ID_TOKEN, 200, r#"{"id_token":"n.e.w"}"#);
        assert_eq!(refreshed_id_token(&x).as_deref(), Some("n.e.w"));
    }

    #[test]
    fn refresh_and_state_token_requests() {
        let r = refresh("http://h", vec![], "sess");
        assert_eq!(r.header("session-token").unwrap().value, "sess");
        assert_eq!(r.path, paths::SESSION_TO_ID_TOKEN);
        let s = sim_state_token("http://h", "wechat");
        assert_eq!(body_of(&s), r#"{"provider":"wechat"}"#);
    }
}

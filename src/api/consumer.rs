//! The code's consumers (spec §6): which endpoint uses the code of which scene, with
//! which extra header and body, and what a successful answer looks like. Pure data.

use super::{Lang, Scene, paths};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use serde::{Deserialize, Serialize};

/// One consumer operation. `pwd/update-by-mobile` is two operations on one path: the
/// forgotten-password reset (no `Authorization`) and the logged-in change (Bearer).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Consumer {
    Register,
    SocialRegisterBind,
    Login,
    ForgetPwd,
    UpdatePwd,
    UpdateMobile,
    SocialBind,
}

/// What a consumer needs besides the device headers and the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    None,
    /// `Authorization: Bearer {id_token}` of a logged-in user.
    Bearer,
    /// `X-state-token` of a social login that needs a mobile bound.
    StateToken,
}

/// The header that carries a social login's state token.
pub const STATE_TOKEN_HEADER: &str = "X-state-token";
/// The header of the session refresh.
pub const SESSION_TOKEN_HEADER: &str = "session-token";

impl Consumer {
    pub const ALL: [Consumer; 7] = [
        Consumer::Register,
        Consumer::SocialRegisterBind,
        Consumer::Login,
        Consumer::ForgetPwd,
        Consumer::UpdatePwd,
        Consumer::UpdateMobile,
        Consumer::SocialBind,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Consumer::Register => paths::REGISTER_MOBILE,
            Consumer::SocialRegisterBind => paths::SOCIAL_REGISTER_BIND,
            Consumer::Login => paths::LOGIN_MOBILE,
            Consumer::ForgetPwd | Consumer::UpdatePwd => paths::PWD_UPDATE_BY_MOBILE,
            Consumer::UpdateMobile => paths::PROFILE_UPDATE_MOBILE,
            Consumer::SocialBind => paths::SOCIAL_BIND,
        }
    }

    /// The path without `/api/v2/sdk/`, as people say it: `register/mobile-verify-code`.
    pub fn name(self) -> &'static str {
        self.path().trim_start_matches("/api/v2/sdk/")
    }

    /// The name with the variant for the shared path: `pwd/update-by-mobile (Bearer)`.
    pub fn label(self) -> String {
        match self {
            Consumer::ForgetPwd => format!("{} (no login)", self.name()),
            Consumer::UpdatePwd => format!("{} (Bearer)", self.name()),
            _ => self.name().to_string(),
        }
    }

    /// The scene whose code this consumer takes.
    pub fn scene(self) -> Scene {
        match self {
            Consumer::Register | Consumer::SocialRegisterBind => Scene::RegisterSms,
            Consumer::Login => Scene::LoginSms,
            Consumer::ForgetPwd => Scene::ForgetPwdSms,
            Consumer::UpdatePwd => Scene::UpdatePwdSms,
            Consumer::UpdateMobile => Scene::UpdateMobileSms,
            Consumer::SocialBind => Scene::BindMobileSms,
        }
    }

    /// The scene's own consumer (REGISTER_SMS: the plain registration).
    pub fn for_scene(scene: Scene) -> Consumer {
        match scene {
            Scene::RegisterSms => Consumer::Register,
            Scene::LoginSms => Consumer::Login,
            Scene::ForgetPwdSms => Consumer::ForgetPwd,
            Scene::UpdatePwdSms => Consumer::UpdatePwd,
            Scene::UpdateMobileSms => Consumer::UpdateMobile,
            Scene::BindMobileSms => Consumer::SocialBind,
        }
    }

    pub fn auth(self) -> Auth {
        match self {
            Consumer::UpdatePwd | Consumer::UpdateMobile => Auth::Bearer,
            Consumer::SocialRegisterBind | Consumer::SocialBind => Auth::StateToken,
            _ => Auth::None,
        }
    }

    /// The required body fields, in the documentation's order.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Consumer::ForgetPwd => &["mobile", "verify_code", "password"],
            Consumer::UpdatePwd => &["verify_code", "password"],
            _ => &["mobile", "verify_code"],
        }
    }

    /// A 200 carries `{status, session_token, expire, id_token}` (else an empty body).
    pub fn returns_session(self) -> bool {
        matches!(
            self,
            Consumer::Register
                | Consumer::SocialRegisterBind
                | Consumer::Login
                | Consumer::SocialBind
        )
    }

    /// Which consumer a recorded request was: by path, and on the shared password path
    /// by the presence of an `Authorization` header (as the simulator decides).
    pub fn from_request(path: &str, has_authorization: bool) -> Option<Consumer> {
        match path {
            paths::PWD_UPDATE_BY_MOBILE if has_authorization => Some(Consumer::UpdatePwd),
            paths::PWD_UPDATE_BY_MOBILE => Some(Consumer::ForgetPwd),
            p => Consumer::ALL.into_iter().find(|c| c.path() == p),
        }
    }

    /// What a success means, both languages.
    pub fn success(self) -> (&'static str, &'static str) {
        match self {
            Consumer::Register => ("Registered", "注册成功"),
            Consumer::SocialRegisterBind => (
                "Registered and bound to the social account",
                "注册并绑定社交账号成功",
            ),
            Consumer::Login => ("Logged in", "登录成功"),
            Consumer::ForgetPwd => ("Password reset", "密码已重置"),
            Consumer::UpdatePwd => ("Password changed", "密码已修改"),
            Consumer::UpdateMobile => ("Mobile number changed", "手机号已更换"),
            Consumer::SocialBind => ("Mobile bound to the social account", "手机号已绑定社交账号"),
        }
    }
}

impl std::fmt::Display for Consumer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// The five documented login `status` values (OneAccess).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LoginStatus {
    Success,
    PasswordWarn,
    PasswordExpired,
    AccessDenied,
    MfaAuth,
}

impl LoginStatus {
    pub const ALL: [LoginStatus; 5] = [
        LoginStatus::Success,
        LoginStatus::PasswordWarn,
        LoginStatus::PasswordExpired,
        LoginStatus::AccessDenied,
        LoginStatus::MfaAuth,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LoginStatus::Success => "SUCCESS",
            LoginStatus::PasswordWarn => "PASSWORD_WARN",
            LoginStatus::PasswordExpired => "PASSWORD_EXPIRED",
            LoginStatus::AccessDenied => "ACCESS_DENIED",
            LoginStatus::MfaAuth => "MFA_AUTH",
        }
    }

    pub fn from_code(s: &str) -> Option<LoginStatus> {
        LoginStatus::ALL.into_iter().find(|x| x.code() == s.trim())
    }

    /// The session is usable: SUCCESS, or PASSWORD_WARN (logged in, with a warning).
    pub fn logged_in(self) -> bool {
        matches!(self, LoginStatus::Success | LoginStatus::PasswordWarn)
    }

    /// What the status means and what to do, in `lang`.
    pub fn meaning(self, lang: Lang) -> &'static str {
        let zh = lang == Lang::Zh;
        match (self, zh) {
            (LoginStatus::Success, false) => "logged in: the session_token and id_token are usable",
            (LoginStatus::Success, true) => "登录成功：session_token 与 id_token 可以使用",
            (LoginStatus::PasswordWarn, false) => {
                "logged in, but the password expires soon: suggest a password change (UPDATE_PWD_SMS)"
            }
            (LoginStatus::PasswordWarn, true) => {
                "已登录，但密码即将过期：建议修改密码（UPDATE_PWD_SMS）"
            }
            (LoginStatus::PasswordExpired, false) => {
                "the password has expired: the user must set a new one before the session is usable (FORGET_PWD_SMS or UPDATE_PWD_SMS)"
            }
            (LoginStatus::PasswordExpired, true) => {
                "密码已过期：用户必须先设置新密码才能使用会话（FORGET_PWD_SMS 或 UPDATE_PWD_SMS）"
            }
            (LoginStatus::AccessDenied, false) => {
                "the code was right but the tenant refuses this user (disabled, locked, or not allowed in this application): ask the tenant's administrator"
            }
            (LoginStatus::AccessDenied, true) => {
                "验证码正确，但租户拒绝了该用户（已停用、已锁定或无权访问该应用）：请联系租户管理员"
            }
            (LoginStatus::MfaAuth, false) => {
                "a second factor is required: the login is not complete until the MFA step is done"
            }
            (LoginStatus::MfaAuth, true) => "需要二次认证：完成 MFA 步骤后登录才算完成",
        }
    }
}

/// The claims vflow reads from a JWT-shaped id_token.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdClaims {
    #[serde(default)]
    pub sub: Option<String>,
    #[serde(default)]
    pub iat: Option<u64>,
    #[serde(default)]
    pub exp: Option<u64>,
}

/// Why a string is not a JWT.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JwtError {
    /// Not three dot-separated parts; the count found.
    Parts(usize),
    /// The payload is not base64url JSON.
    Payload,
}

/// The payload of a JWT-shaped token (no signature check: vflow only reads it).
pub fn decode_id_token(token: &str) -> Result<IdClaims, JwtError> {
    let parts: Vec<&str> = token.trim().split('.').collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(JwtError::Parts(parts.len()));
    }
    let bytes = B64URL
        .decode(parts[1].trim_end_matches('='))
        .map_err(|_| JwtError::Payload)?;
    serde_json::from_slice(&bytes).map_err(|_| JwtError::Payload)
}

/// The `Authorization` value for an id_token.
pub fn bearer(id_token: &str) -> String {
    format!("Bearer {id_token}")
}

/// The token of an `Authorization: Bearer TOKEN` value (scheme case-insensitive), if any.
pub fn bearer_token(value: &str) -> Option<&str> {
    let v = value.trim();
    let (scheme, rest) = v.split_once(' ')?;
    let token = rest.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scene_has_its_own_consumer_and_paths_resolve_back() {
        for s in Scene::ALL {
            assert_eq!(Consumer::for_scene(s).scene(), s);
        }
        for c in Consumer::ALL {
            let auth = c.auth() == Auth::Bearer;
            assert_eq!(Consumer::from_request(c.path(), auth), Some(c), "{c}");
        }
        assert_eq!(
            Consumer::from_request(paths::PWD_UPDATE_BY_MOBILE, false),
            Some(Consumer::ForgetPwd)
        );
        assert_eq!(Consumer::from_request(paths::SMS_SEND, false), None);
        assert_eq!(Consumer::Register.name(), "register/mobile-verify-code");
        assert_eq!(Consumer::UpdatePwd.fields(), ["verify_code", "password"]);
    }

    #[test]
    fn login_status_values_and_jwt_reading() {
        assert_eq!(
            LoginStatus::from_code("MFA_AUTH"),
            Some(LoginStatus::MfaAuth)
        );
        assert_eq!(LoginStatus::from_code("OK"), None);
        assert!(LoginStatus::PasswordWarn.logged_in());
        assert!(!LoginStatus::AccessDenied.logged_in());
        let payload = B64URL.encode(r#"{"sub":"138","iat":1,"exp":7201}"#);
        let c = decode_id_token(&format!("e30.{payload}.sig")).unwrap();
        assert_eq!((c.sub.as_deref(), c.exp), (Some("138"), Some(7201)));
        assert_eq!(decode_id_token("a.b"), Err(JwtError::Parts(2)));
        assert_eq!(decode_id_token("a..c"), Err(JwtError::Parts(3)));
        assert_eq!(decode_id_token("a.!!.c"), Err(JwtError::Payload));
        assert_eq!(bearer_token("Bearer x.y.z"), Some("x.y.z"));
        assert_eq!(bearer_token("bearer  t "), Some("t"));
        assert_eq!(bearer_token("Basic t"), None);
        assert_eq!(bearer_token("Bearer"), None);
    }
}

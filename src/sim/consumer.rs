//! The rules of the code consumers (spec §5-§6), the session refresh and the `/_sim`
//! helpers for users and state tokens.
//!
//! Order of the checks of every consumer (first failing wins):
//! 1. checks 1-3 (device headers, client id), as every vendor endpoint;
//! 2. the credential in a header, before the body is looked at (as a gateway
//!    authenticates first): `X-state-token` for the social endpoints (PARAM.0014),
//!    `Authorization: Bearer` for profile/update-mobile and for pwd/update-by-mobile
//!    when the header is present at all (PARAM.0016);
//! 3. content type, JSON object, string fields;
//! 4. `mobile` (USER.0004; not for the Bearer password change), `verify_code`
//!    (CAPTCHA.0007), `password` (VFLOW.SIM.PASSWORD_EMPTY);
//! 5. the code: the live code sent to that mobile for the consumer's scene; a wrong one
//!    counts towards its 5 attempts (CAPTCHA.0007);
//! 6. the user store (USER_EXISTS, USER_NOT_FOUND, MOBILE_IN_USE): the code stays live;
//! 7. success: the code is spent (and the state token).

use super::state::{Sim, Sms, lock};
use super::validate::{Body, Code};
use super::weak::Weakness;
use crate::api::catalogue::codes;
use crate::api::consumer::{SESSION_TOKEN_HEADER, STATE_TOKEN_HEADER, bearer_token};
use crate::api::wire::{IdTokenResponse, LoginResponse, SimUser, StateTokenResponse};
use crate::api::{Scene, ttl};
use axum::http::HeaderMap;
use std::time::SystemTime;

/// The optional profile fields of register/mobile-verify-code (strings; `extension` is an object).
const REGISTER_FIELDS: [&str; 16] = [
    "mobile",
    "verify_code",
    "user_name",
    "name",
    "email",
    "pwd",
    "head_img",
    "attr_gender",
    "attr_birthday",
    "attr_nick_name",
    "mailing_address",
    "zip_code",
    "first_name",
    "middle_name",
    "last_name",
    "industry",
];

type Key = (String, Scene);

/// Step 5 under the held lock: which of `keys` holds the live code equal to `given`.
/// A wrong code counts against the live code it was meant for; the 5th wrong kills it.
fn check_code(
    sms: &mut Sms,
    keys: &[Key],
    given: &str,
    now: SystemTime,
    unlimited: bool,
) -> Result<Key, Code> {
    let key = keys
        .iter()
        .find(|k| sms.codes.get(k, now).is_some())
        .ok_or(codes::CAPTCHA_0007)?
        .clone();
    let live = sms.codes.get_mut(&key, now).ok_or(codes::CAPTCHA_0007)?;
    if live.code != given {
        live.wrong += 1;
        if live.wrong >= ttl::SMS_CODE_MAX_WRONG && !unlimited {
            sms.codes.take(&key, now);
        }
        return Err(codes::CAPTCHA_0007);
    }
    Ok(key)
}

/// The same number with and without China's `+86`, for UPDATE_PWD_SMS, whose code the
/// documentation sends to the mobile "with full area code" while users log in without it.
fn with_area_code_twin(mobile: &str) -> Vec<String> {
    let twin = match mobile.strip_prefix("+86") {
        Some(national) => national.to_string(),
        None if !mobile.starts_with('+') => format!("+86{mobile}"),
        None => return vec![mobile.to_string()],
    };
    vec![mobile.to_string(), twin]
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

impl Sim {
    /// Step 2 for the Bearer endpoints: the user of a live id_token.
    fn bearer_user(&self, headers: &HeaderMap, now: SystemTime) -> Result<u64, Code> {
        let token = header(headers, "authorization")
            .and_then(bearer_token)
            .ok_or(codes::PARAM_0016)?;
        lock(&self.accounts)
            .by_id_token(token, now)
            .ok_or(codes::PARAM_0016)
    }

    /// Step 2 for the social endpoints: a live state token and its provider.
    fn state_token(&self, headers: &HeaderMap, now: SystemTime) -> Result<(String, String), Code> {
        let token = header(headers, STATE_TOKEN_HEADER).ok_or(codes::PARAM_0014)?;
        let provider = lock(&self.accounts)
            .state(token, now)
            .ok_or(codes::PARAM_0014)?;
        Ok((token.to_string(), provider))
    }

    /// `POST /api/v2/sdk/login/mobile-verify-code` with a LOGIN_SMS code; an unknown
    /// mobile is registered when automatic registration is on.
    pub fn login(&self, headers: &HeaderMap, bytes: &[u8]) -> Result<LoginResponse, Code> {
        self.check_headers(headers)?;
        let body = Body::parse(headers, bytes, &["mobile", "verify_code"])?;
        let mobile = body.field("mobile").ok_or(codes::USER_0004)?;
        let given = body.field("verify_code").ok_or(codes::CAPTCHA_0007)?;
        let now = self.now();
        let mut sms = lock(&self.sms);
        let key = check_code(
            &mut sms,
            &[(mobile.to_string(), Scene::LoginSms)],
            given,
            now,
            self.weak(Weakness::Guessing),
        )?;
        let mut acc = lock(&self.accounts);
        let id = match acc.by_mobile(mobile) {
            Some(u) => u.id,
            None if self.config.auto_register => acc.create(mobile, "login", now),
            None => return Err(codes::SIM_USER_NOT_FOUND),
        };
        sms.codes.take(&key, now);
        Ok(acc.session(id, now))
    }

    /// `POST /api/v2/sdk/register/mobile-verify-code` with a REGISTER_SMS code.
    pub fn register(&self, headers: &HeaderMap, bytes: &[u8]) -> Result<LoginResponse, Code> {
        self.check_headers(headers)?;
        let body = Body::parse(headers, bytes, &REGISTER_FIELDS)?;
        let mobile = body.field("mobile").ok_or(codes::USER_0004)?;
        let given = body.field("verify_code").ok_or(codes::CAPTCHA_0007)?;
        let now = self.now();
        let mut sms = lock(&self.sms);
        let key = check_code(
            &mut sms,
            &[(mobile.to_string(), Scene::RegisterSms)],
            given,
            now,
            self.weak(Weakness::Guessing),
        )?;
        let mut acc = lock(&self.accounts);
        if acc.by_mobile(mobile).is_some() {
            return Err(codes::SIM_USER_EXISTS);
        }
        let id = acc.create(mobile, "register", now);
        if let Some(u) = acc.user_mut(id) {
            u.password = body.field("pwd").map(str::to_string);
        }
        sms.codes.take(&key, now);
        Ok(acc.session(id, now))
    }

    /// `POST /api/v2/sdk/social/register-bind` (X-state-token) with a REGISTER_SMS code:
    /// a new user with this mobile, bound to the social login.
    pub fn register_bind(&self, headers: &HeaderMap, bytes: &[u8]) -> Result<LoginResponse, Code> {
        self.social(headers, bytes, Scene::RegisterSms)
    }

    /// `POST /api/v2/sdk/social/bind` (X-state-token) with a BIND_MOBILE_SMS code: the
    /// social login is bound to the user of this mobile (created when automatic
    /// registration is on).
    pub fn social_bind(&self, headers: &HeaderMap, bytes: &[u8]) -> Result<LoginResponse, Code> {
        self.social(headers, bytes, Scene::BindMobileSms)
    }

    fn social(
        &self,
        headers: &HeaderMap,
        bytes: &[u8],
        scene: Scene,
    ) -> Result<LoginResponse, Code> {
        self.check_headers(headers)?;
        let now = self.now();
        let (state, provider) = self.state_token(headers, now)?;
        let body = Body::parse(headers, bytes, &["mobile", "verify_code"])?;
        let mobile = body.field("mobile").ok_or(codes::USER_0004)?;
        let given = body.field("verify_code").ok_or(codes::CAPTCHA_0007)?;
        let mut sms = lock(&self.sms);
        let key = check_code(
            &mut sms,
            &[(mobile.to_string(), scene)],
            given,
            now,
            self.weak(Weakness::Guessing),
        )?;
        let mut acc = lock(&self.accounts);
        // the state token may have been spent by a concurrent bind since step 2
        if acc.state(&state, now).is_none() {
            return Err(codes::PARAM_0014);
        }
        let existing = acc.by_mobile(mobile).map(|u| u.id);
        let id = match (scene, existing) {
            (Scene::RegisterSms, Some(_)) => return Err(codes::SIM_USER_EXISTS),
            (Scene::RegisterSms, None) => acc.create(mobile, "social/register-bind", now),
            (_, Some(id)) => id,
            (_, None) if self.config.auto_register => acc.create(mobile, "social/bind", now),
            (_, None) => return Err(codes::SIM_USER_NOT_FOUND),
        };
        if let Some(u) = acc.user_mut(id)
            && !u.social.contains(&provider)
        {
            u.social.push(provider);
            u.updated_at = now;
        }
        acc.spend_state(&state, now);
        sms.codes.take(&key, now);
        Ok(acc.session(id, now))
    }

    /// `POST /api/v2/sdk/pwd/update-by-mobile`: with an `Authorization` header the
    /// logged-in change (UPDATE_PWD_SMS code of the token's user), without one the
    /// forgotten-password reset (FORGET_PWD_SMS code of `mobile`).
    pub fn update_password(&self, headers: &HeaderMap, bytes: &[u8]) -> Result<(), Code> {
        self.check_headers(headers)?;
        let now = self.now();
        let bearer = headers.contains_key("authorization");
        let user = if bearer {
            Some(self.bearer_user(headers, now)?)
        } else {
            None
        };
        let body = Body::parse(headers, bytes, &["mobile", "verify_code", "password"])?;
        let mobile = match user {
            Some(_) => None,
            None => Some(body.field("mobile").ok_or(codes::USER_0004)?),
        };
        let given = body.field("verify_code").ok_or(codes::CAPTCHA_0007)?;
        let password = body.field("password").ok_or(codes::SIM_PASSWORD_EMPTY)?;
        let mut sms = lock(&self.sms);
        let keys: Vec<Key> = match (user, mobile) {
            (Some(id), _) => {
                let current = lock(&self.accounts)
                    .user(id)
                    .map(|u| u.mobile.clone())
                    .ok_or(codes::PARAM_0016)?;
                with_area_code_twin(&current)
                    .into_iter()
                    .map(|m| (m, Scene::UpdatePwdSms))
                    .collect()
            }
            (None, m) => vec![(m.unwrap_or_default().to_string(), Scene::ForgetPwdSms)],
        };
        if user.is_none() && self.weak(Weakness::Enumeration) {
            let m = keys.first().map(|k| k.0.clone()).unwrap_or_default();
            if lock(&self.accounts).by_mobile(&m).is_none() {
                return Err(codes::SIM_USER_NOT_FOUND);
            }
        }
        let key = check_code(&mut sms, &keys, given, now, self.weak(Weakness::Guessing))?;
        let mut acc = lock(&self.accounts);
        let id = match user {
            Some(id) => id,
            None => acc
                .by_mobile(&key.0)
                .map(|u| u.id)
                .ok_or(codes::SIM_USER_NOT_FOUND)?,
        };
        if let Some(u) = acc.user_mut(id) {
            u.password = Some(password.to_string());
            u.updated_at = now;
        }
        sms.codes.take(&key, now);
        Ok(())
    }

    /// `POST /api/v2/sdk/profile/update-mobile` (Bearer): the UPDATE_MOBILE_SMS code sent
    /// to the NEW number moves the token's user to it.
    pub fn update_mobile(&self, headers: &HeaderMap, bytes: &[u8]) -> Result<(), Code> {
        self.check_headers(headers)?;
        let now = self.now();
        let id = self.bearer_user(headers, now)?;
        let body = Body::parse(headers, bytes, &["mobile", "verify_code"])?;
        let new = body.field("mobile").ok_or(codes::USER_0004)?;
        let given = body.field("verify_code").ok_or(codes::CAPTCHA_0007)?;
        let mut sms = lock(&self.sms);
        let key = check_code(
            &mut sms,
            &[(new.to_string(), Scene::UpdateMobileSms)],
            given,
            now,
            self.weak(Weakness::Guessing),
        )?;
        let mut acc = lock(&self.accounts);
        if acc.by_mobile(new).is_some() {
            return Err(codes::SIM_MOBILE_IN_USE);
        }
        acc.change_mobile(id, new, now);
        sms.codes.take(&key, now);
        Ok(())
    }

    /// `POST /api/v2/sdk/sso/session-token/id-token` with the `session-token` header.
    pub fn refresh(&self, headers: &HeaderMap) -> Result<IdTokenResponse, Code> {
        self.check_headers(headers)?;
        let now = self.now();
        let session = header(headers, SESSION_TOKEN_HEADER).ok_or(codes::PARAM_0023)?;
        let mut acc = lock(&self.accounts);
        let id = acc.by_session(session, now).ok_or(codes::PARAM_0023)?;
        Ok(IdTokenResponse {
            id_token: acc.id_token(id, now),
        })
    }

    /// `POST /_sim/state-token` `{"provider": "wechat"}` (body optional).
    pub fn new_state_token(
        &self,
        headers: &HeaderMap,
        bytes: &[u8],
    ) -> Result<StateTokenResponse, Code> {
        let provider = if bytes.iter().all(u8::is_ascii_whitespace) {
            "wechat".to_string()
        } else {
            let body = Body::parse(headers, bytes, &["provider"])?;
            // a provider name is a short word; a long one is cut to keep the store small
            body.field("provider")
                .unwrap_or("wechat")
                .trim()
                .chars()
                .take(64)
                .collect()
        };
        let now = self.now();
        let state_token = lock(&self.accounts).new_state(&provider, now);
        Ok(StateTokenResponse {
            state_token,
            provider,
            expires_in: ttl::STATE_TOKEN.as_secs(),
        })
    }

    /// `GET /_sim/users`.
    pub fn users(&self) -> Vec<SimUser> {
        lock(&self.accounts).list()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_code_twins() {
        assert_eq!(
            with_area_code_twin("13800138000"),
            ["13800138000", "+8613800138000"]
        );
        assert_eq!(
            with_area_code_twin("+8613800138000"),
            ["+8613800138000", "13800138000"]
        );
        assert_eq!(with_area_code_twin("+15005550006"), ["+15005550006"]);
    }
}

//! Request and response bodies as they travel on the wire.

use serde::{Deserialize, Serialize};

/// The error shape of every 4xx of the API: `{"error_code", "error_msg"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub error_code: String,
    pub error_msg: String,
}

/// 200 body of `GET /api/v2/sdk/captcha`: exactly 15 keys, unused ones `null`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaptchaResponse {
    pub captcha_id: Option<String>,
    pub project_code: Option<String>,
    pub captcha_original_path: Option<String>,
    pub captcha_font_type: Option<String>,
    pub captcha_font_size: Option<i64>,
    pub secret_key: Option<String>,
    pub original_image_base64: Option<String>,
    pub point: Option<serde_json::Value>,
    pub jigsaw_image_base64: Option<String>,
    pub word_list: Option<serde_json::Value>,
    pub point_list: Option<serde_json::Value>,
    pub point_json: Option<String>,
    pub token: Option<String>,
    pub result: Option<bool>,
    pub captcha_verification: Option<String>,
}

/// 200 body of captcha/verify.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyResponse {
    pub captcha_token: String,
}

/// 200 body of login/mobile-verify-code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginResponse {
    pub status: String,
    pub session_token: String,
    pub expire: u64,
    pub id_token: String,
}

/// 200 body of `sso/session-token/id-token`: a fresh id_token for the session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdTokenResponse {
    pub id_token: String,
}

/// `POST /_sim/state-token` answer: a simulated social login's state token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateTokenResponse {
    pub state_token: String,
    pub provider: String,
    /// Seconds the token lives (it is single use).
    pub expires_in: u64,
}

/// One user of the simulator's store (`GET /_sim/users`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimUser {
    pub user_id: String,
    pub mobile: String,
    /// `login` (automatic registration), `register`, `social/register-bind`, `social/bind`.
    pub created_by: String,
    /// The simulator keeps test passwords in clear so a change can be checked.
    pub password: Option<String>,
    /// Social providers bound to this user (from state tokens).
    pub social: Vec<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub updated_at: String,
}

/// `GET /_sim/info`: what a vflow simulator is and does, so a client can offer only what
/// works against it (an automatic pass token needs `reveal_solutions`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimInfo {
    /// Always `"vflow"`.
    pub simulator: String,
    pub version: String,
    /// `GET /_sim/captcha/{token}` answers with the solution (`--reveal-solutions`).
    pub reveal_solutions: bool,
    /// Points are AES-encrypted with the puzzle's `secretKey` (`--aes`).
    pub aes: bool,
}

/// One delivered code in the simulator's outbox (`GET /_sim/outbox`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub mobile: String,
    pub scene: String,
    pub code: String,
    /// RFC 3339, UTC.
    pub time: String,
}

/// `GET /_sim/captcha/{token}` with `--reveal-solutions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevealResponse {
    pub token: String,
    pub x: u32,
    pub y: u32,
    /// The ready-to-send `point_json` (plain, before any AES).
    pub point_json: String,
    pub secret_key: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captcha_response_has_the_fifteen_documented_keys() {
        let v = serde_json::to_value(CaptchaResponse::default()).unwrap();
        let mut keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        let mut want = vec![
            "captchaId",
            "projectCode",
            "captchaOriginalPath",
            "captchaFontType",
            "captchaFontSize",
            "secretKey",
            "originalImageBase64",
            "point",
            "jigsawImageBase64",
            "wordList",
            "pointList",
            "pointJson",
            "token",
            "result",
            "captchaVerification",
        ];
        want.sort();
        assert_eq!(keys, want);
        assert!(v.as_object().unwrap().values().all(|x| x.is_null()));
    }
}

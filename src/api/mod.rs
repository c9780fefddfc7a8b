//! The vendor protocol as data and pure functions: no I/O happens here.
//!
//! Everything the simulator, the client and the TUI know about the CIAM SMS API
//! (paths, headers, scenes, error codes, captcha rules, token shapes) lives in
//! this module so that the three agree by construction.

pub mod captcha;
pub mod catalogue;
pub mod consumer;
pub mod headers;
pub mod mobile;
pub mod redact;
pub mod scene;
pub mod text;
pub mod token;
pub mod wire;

pub use catalogue::{Catalogue, ErrorEntry, Lang};
pub use consumer::{Consumer, LoginStatus};
pub use scene::Scene;
pub use token::{PassToken, Point, TokenError, TokenWarning};

/// Paths of the vendor endpoints (relative to the tenant's base URL).
pub mod paths {
    pub const CAPTCHA: &str = "/api/v2/sdk/captcha";
    pub const CAPTCHA_VERIFY: &str = "/api/v2/sdk/captcha/verify";
    pub const SMS_SEND: &str = "/api/v2/sdk/sms/send";
    pub const LOGIN_MOBILE: &str = "/api/v2/sdk/login/mobile-verify-code";
    pub const REGISTER_MOBILE: &str = "/api/v2/sdk/register/mobile-verify-code";
    pub const SOCIAL_REGISTER_BIND: &str = "/api/v2/sdk/social/register-bind";
    pub const PWD_UPDATE_BY_MOBILE: &str = "/api/v2/sdk/pwd/update-by-mobile";
    pub const PROFILE_UPDATE_MOBILE: &str = "/api/v2/sdk/profile/update-mobile";
    pub const SOCIAL_BIND: &str = "/api/v2/sdk/social/bind";
    pub const SESSION_TO_ID_TOKEN: &str = "/api/v2/sdk/sso/session-token/id-token";
    /// Prefix of the simulator's own helpers; never part of the vendor API.
    pub const SIM_PREFIX: &str = "/_sim";
    pub const SIM_OUTBOX: &str = "/_sim/outbox";
    /// What this simulator is and does (e.g. whether it reveals captcha solutions).
    pub const SIM_INFO: &str = "/_sim/info";
    pub const SIM_OPENAPI: &str = "/_sim/openapi.json";
    pub const SIM_STATE_TOKEN: &str = "/_sim/state-token";
    pub const SIM_USERS: &str = "/_sim/users";
    pub const SIM_COOLDOWN_CLEAR: &str = "/_sim/cooldown/clear";
}

/// Time rules of the protocol (spec §3-§5).
pub mod ttl {
    use std::time::Duration;
    /// A captcha puzzle lives 120 s and allows one verify attempt.
    pub const PUZZLE: Duration = Duration::from_secs(120);
    /// A captcha pass token lives 180 s and is single use.
    pub const PASS_TOKEN: Duration = Duration::from_secs(180);
    /// An SMS code lives 300 s, is single use, and dies after 5 wrong attempts.
    pub const SMS_CODE: Duration = Duration::from_secs(300);
    pub const SMS_CODE_MAX_WRONG: u32 = 5;
    /// Resend cooldown per mobile and scene.
    pub const RESEND_COOLDOWN: Duration = Duration::from_secs(60);
    /// A send `ago` before now, in whole seconds, and the seconds of cooldown left, so that
    /// the two always add up to the cooldown (`2 s ago`, `wait 58 s`): `ago` rounds down,
    /// the wait rounds up (waiting the extra part of a second is always safe).
    pub fn cooldown_split(ago: Duration) -> (u64, u64) {
        let c = RESEND_COOLDOWN.as_secs();
        let ago = ago.as_secs().min(c);
        (ago, c - ago)
    }

    /// Daily cap of codes per mobile.
    pub const DAILY_CAP: u32 = 10;
    pub const DAY: Duration = Duration::from_secs(24 * 3600);
    /// An id_token is "valid for 2 hours by default" (spec §6).
    pub const ID_TOKEN: Duration = Duration::from_secs(2 * 3600);
    /// `expire` of a session_token, in seconds (the vendor's example: 5 days).
    pub const SESSION_EXPIRE_SECS: u64 = 432_000;
    /// A simulated social-login state token lives 10 minutes and is single use.
    pub const STATE_TOKEN: Duration = Duration::from_secs(600);

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_time_since_a_send_and_the_wait_left_add_up_to_the_cooldown() {
            let c = RESEND_COOLDOWN.as_secs();
            for ms in [
                0, 1, 999, 2_000, 2_900, 34_999, 35_000, 59_999, 60_000, 90_000,
            ] {
                let (ago, left) = cooldown_split(Duration::from_millis(ms));
                assert_eq!(ago + left, c, "{ms} ms");
                assert!(
                    Duration::from_secs(left) + Duration::from_millis(ms) >= RESEND_COOLDOWN
                        || ms >= 60_000
                );
            }
            assert_eq!(cooldown_split(Duration::from_millis(2_900)), (2, 58));
        }
    }
}

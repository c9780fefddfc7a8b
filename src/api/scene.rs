//! The six send scenes (`type` of sms/send).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Scene {
    RegisterSms,
    LoginSms,
    ForgetPwdSms,
    UpdatePwdSms,
    UpdateMobileSms,
    BindMobileSms,
}

impl Scene {
    pub const ALL: [Scene; 6] = [
        Scene::RegisterSms,
        Scene::LoginSms,
        Scene::ForgetPwdSms,
        Scene::UpdatePwdSms,
        Scene::UpdateMobileSms,
        Scene::BindMobileSms,
    ];

    /// The wire value sent as `type`.
    pub fn code(self) -> &'static str {
        match self {
            Scene::RegisterSms => "REGISTER_SMS",
            Scene::LoginSms => "LOGIN_SMS",
            Scene::ForgetPwdSms => "FORGET_PWD_SMS",
            Scene::UpdatePwdSms => "UPDATE_PWD_SMS",
            Scene::UpdateMobileSms => "UPDATE_MOBILE_SMS",
            Scene::BindMobileSms => "BIND_MOBILE_SMS",
        }
    }

    /// One line: what the scene is for.
    pub fn description(self) -> &'static str {
        match self {
            Scene::RegisterSms => "Register by mobile code; bind a mobile or register a user",
            Scene::LoginSms => "Log in with a mobile code",
            Scene::ForgetPwdSms => "Forgotten password (reset without logging in)",
            Scene::UpdatePwdSms => "Change own password via mobile (mobile with full area code)",
            Scene::UpdateMobileSms => "Change own mobile number (code goes to the new number)",
            Scene::BindMobileSms => "Bind a mobile number to a user",
        }
    }

    /// The API that later consumes the code.
    pub fn consumer(self) -> &'static str {
        match self {
            Scene::RegisterSms => "register/mobile-verify-code, social/register-bind",
            Scene::LoginSms => "login/mobile-verify-code",
            Scene::ForgetPwdSms => "pwd/update-by-mobile (no login)",
            Scene::UpdatePwdSms => "pwd/update-by-mobile (Bearer id_token)",
            Scene::UpdateMobileSms => "profile/update-mobile (Bearer id_token)",
            Scene::BindMobileSms => "social/bind",
        }
    }

    /// Exact wire value to scene (the server is case-sensitive).
    pub fn from_code(s: &str) -> Option<Scene> {
        Scene::ALL.into_iter().find(|sc| sc.code() == s)
    }

    /// The valid scene nearest to an invalid value, for "did you mean" hints.
    ///
    /// Case and surrounding blanks are ignored first; EIAM's `CHANGE_PWD_SMS`
    /// maps to `UPDATE_PWD_SMS`; otherwise the closest by edit distance, when
    /// it is close enough to be a plausible typo.
    pub fn nearest(s: &str) -> Option<Scene> {
        let norm = s.trim().to_ascii_uppercase().replace(['-', ' '], "_");
        if let Some(sc) = Scene::from_code(&norm) {
            return Some(sc);
        }
        if norm == "CHANGE_PWD_SMS" {
            return Some(Scene::UpdatePwdSms);
        }
        let (best, dist) = Scene::ALL
            .into_iter()
            .map(|sc| (sc, strsim::levenshtein(&norm, sc.code())))
            .min_by_key(|(_, d)| *d)?;
        (dist <= 4.max(norm.len() / 3)).then_some(best)
    }
}

impl std::fmt::Display for Scene {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_serde_agrees() {
        for sc in Scene::ALL {
            assert_eq!(Scene::from_code(sc.code()), Some(sc));
            let json = serde_json::to_string(&sc).unwrap();
            assert_eq!(json, format!("\"{}\"", sc.code()));
        }
        assert_eq!(
            Scene::from_code("login_sms"),
            None,
            "server is case-sensitive"
        );
    }

    #[test]
    fn nearest_finds_typos_and_eiam_names() {
        assert_eq!(Scene::nearest("LOGIN_SMSS"), Some(Scene::LoginSms));
        assert_eq!(Scene::nearest("login_sms"), Some(Scene::LoginSms));
        assert_eq!(Scene::nearest("LOGIN-SMS"), Some(Scene::LoginSms));
        assert_eq!(Scene::nearest("REGISTR_SMS"), Some(Scene::RegisterSms));
        assert_eq!(Scene::nearest("CHANGE_PWD_SMS"), Some(Scene::UpdatePwdSms));
        assert_eq!(Scene::nearest("FORGOT_PWD_SMS"), Some(Scene::ForgetPwdSms));
        assert_eq!(Scene::nearest("HELLO_WORLD_ENTIRELY_DIFFERENT"), None);
    }
}

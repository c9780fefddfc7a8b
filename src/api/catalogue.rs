//! The error catalogue, kept as data in `assets/error-codes.toml` and embedded at build time.

use serde::Deserialize;
use std::sync::OnceLock;

const SOURCE: &str = include_str!("../../assets/error-codes.toml");

/// Language of messages: the `X-L` header picks Chinese with `zh`, English otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The server's rule for `X-L`: `zh` (case-insensitive, trimmed) is Chinese, anything else English.
    pub fn from_header(v: Option<&str>) -> Lang {
        match v {
            Some(s) if s.trim().eq_ignore_ascii_case("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// A value in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bilingual<T> {
    pub en: T,
    pub zh: T,
}

impl<T> Bilingual<T> {
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Vendor,
    Simulator,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorEntry {
    pub code: String,
    pub http: u16,
    pub source: Source,
    pub endpoints: Vec<String>,
    /// The server's `error_msg`, verbatim.
    pub msg: Bilingual<String>,
    pub meaning: Bilingual<String>,
    pub causes: Bilingual<Vec<String>>,
    pub todo: Bilingual<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    #[serde(rename = "error")]
    pub entries: Vec<ErrorEntry>,
}

impl Catalogue {
    /// The embedded catalogue, parsed once.
    pub fn get() -> &'static Catalogue {
        static CAT: OnceLock<Catalogue> = OnceLock::new();
        CAT.get_or_init(|| Catalogue::parse(SOURCE).expect("embedded error catalogue is valid"))
    }

    pub fn parse(text: &str) -> Result<Catalogue, toml::de::Error> {
        toml::from_str(text)
    }

    /// Look up a code; surrounding blanks are ignored.
    pub fn find(&self, code: &str) -> Option<&ErrorEntry> {
        let code = code.trim();
        self.entries.iter().find(|e| e.code == code)
    }

    /// Look up a code that must exist (used by the simulator for its own responses).
    pub fn entry(&self, code: &str) -> &ErrorEntry {
        self.find(code)
            .unwrap_or_else(|| panic!("{code} is not in assets/error-codes.toml"))
    }

    /// Which code has this error_msg (in either language), ignoring surrounding blanks:
    /// a client must not depend on exact whitespace (the vendor's own example has a leading space).
    pub fn find_by_message(&self, msg: &str) -> Option<&ErrorEntry> {
        let msg = msg.trim();
        self.entries
            .iter()
            .find(|e| e.msg.en == msg || e.msg.zh == msg)
    }
}

/// Codes used by the simulator, as constants so typos fail to compile.
pub mod codes {
    pub const PARAM_0001: &str = "IDAAS.SDK.PARAM.0001";
    pub const PARAM_0002: &str = "IDAAS.SDK.PARAM.0002";
    pub const PARAM_0003: &str = "IDAAS.SDK.PARAM.0003";
    pub const USER_0004: &str = "IDAAS.SDK.USER.0004";
    pub const PARAM_0007: &str = "IDAAS.SDK.PARAM.0007";
    pub const PARAM_0008: &str = "IDAAS.SDK.PARAM.0008";
    pub const CAPTCHA_0002: &str = "IDAAS.SDK.CAPTCHA.0002";
    pub const CAPTCHA_0003: &str = "IDAAS.SDK.CAPTCHA.0003";
    pub const CAPTCHA_0004: &str = "IDAAS.SDK.CAPTCHA.0004";
    pub const CAPTCHA_0005: &str = "IDAAS.SDK.CAPTCHA.0005";
    pub const CAPTCHA_0006: &str = "IDAAS.SDK.CAPTCHA.0006";
    pub const CAPTCHA_0007: &str = "IDAAS.SDK.CAPTCHA.0007";
    pub const PARAM_0014: &str = "IDAAS.SDK.PARAM.0014";
    pub const PARAM_0016: &str = "IDAAS.SDK.PARAM.0016";
    pub const PARAM_0023: &str = "IDAAS.SDK.PARAM.0023";
    pub const SIM_BAD_JSON: &str = "VFLOW.SIM.BAD_JSON";
    pub const SIM_FIELD_TYPE: &str = "VFLOW.SIM.FIELD_TYPE";
    pub const SIM_CONTENT_TYPE: &str = "VFLOW.SIM.CONTENT_TYPE";
    pub const SIM_BODY_TOO_LARGE: &str = "VFLOW.SIM.BODY_TOO_LARGE";
    pub const SIM_NOT_FOUND: &str = "VFLOW.SIM.NOT_FOUND";
    pub const SIM_METHOD: &str = "VFLOW.SIM.METHOD";
    pub const SIM_BAD_REQUEST: &str = "VFLOW.SIM.BAD_REQUEST";
    pub const SIM_HEADERS_TOO_LARGE: &str = "VFLOW.SIM.HEADERS_TOO_LARGE";
    pub const SIM_URI_TOO_LONG: &str = "VFLOW.SIM.URI_TOO_LONG";
    pub const SIM_BAD_PATH: &str = "VFLOW.SIM.BAD_PATH";
    pub const SIM_BODY_TIMEOUT: &str = "VFLOW.SIM.BODY_TIMEOUT";
    pub const SIM_BUSY: &str = "VFLOW.SIM.BUSY";
    pub const SIM_PASSWORD_EMPTY: &str = "VFLOW.SIM.PASSWORD_EMPTY";
    pub const SIM_USER_EXISTS: &str = "VFLOW.SIM.USER_EXISTS";
    pub const SIM_USER_NOT_FOUND: &str = "VFLOW.SIM.USER_NOT_FOUND";
    pub const SIM_MOBILE_IN_USE: &str = "VFLOW.SIM.MOBILE_IN_USE";

    /// The ten codes of the sms/send table, in the documentation's order.
    pub const SMS_SEND: [&str; 10] = [
        PARAM_0001,
        PARAM_0002,
        PARAM_0003,
        USER_0004,
        PARAM_0007,
        PARAM_0008,
        CAPTCHA_0003,
        CAPTCHA_0004,
        CAPTCHA_0005,
        CAPTCHA_0006,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalogue_parses_and_is_complete() {
        let cat = Catalogue::get();
        let mut all: Vec<&str> = codes::SMS_SEND.to_vec();
        all.extend([
            codes::CAPTCHA_0002,
            codes::CAPTCHA_0007,
            codes::PARAM_0014,
            codes::PARAM_0016,
            codes::PARAM_0023,
            codes::SIM_PASSWORD_EMPTY,
            codes::SIM_USER_EXISTS,
            codes::SIM_USER_NOT_FOUND,
            codes::SIM_MOBILE_IN_USE,
            codes::SIM_BAD_JSON,
            codes::SIM_FIELD_TYPE,
            codes::SIM_CONTENT_TYPE,
            codes::SIM_BODY_TOO_LARGE,
            codes::SIM_NOT_FOUND,
            codes::SIM_METHOD,
            codes::SIM_BAD_REQUEST,
            codes::SIM_HEADERS_TOO_LARGE,
            codes::SIM_URI_TOO_LONG,
            codes::SIM_BAD_PATH,
            codes::SIM_BODY_TIMEOUT,
            codes::SIM_BUSY,
        ]);
        for code in &all {
            let e = cat.find(code).unwrap_or_else(|| panic!("{code} missing"));
            for lang in [Lang::En, Lang::Zh] {
                assert!(!e.msg.get(lang).trim().is_empty(), "{code} msg");
                assert!(!e.meaning.get(lang).trim().is_empty(), "{code} meaning");
                assert!(!e.causes.get(lang).is_empty(), "{code} causes");
                assert!(!e.todo.get(lang).is_empty(), "{code} todo");
            }
        }
        assert_eq!(cat.entries.len(), all.len(), "no stray entries");
        let mut seen = std::collections::HashSet::new();
        assert!(
            cat.entries.iter().all(|e| seen.insert(&e.code)),
            "codes unique"
        );
        for e in &cat.entries {
            let vendor = e.code.starts_with("IDAAS.");
            assert_eq!(vendor, e.source == Source::Vendor, "{}", e.code);
            if vendor {
                assert_eq!(e.http, 400, "{}", e.code);
            }
        }
    }

    #[test]
    fn messages_are_the_documented_strings() {
        let cat = Catalogue::get();
        let want = [
            (
                codes::PARAM_0001,
                "Device information is incomplete",
                "设备信息不完整",
            ),
            (
                codes::PARAM_0002,
                "clientId cannot be empty",
                "clientId不能为空",
            ),
            (
                codes::PARAM_0003,
                "The app is not registered, please register the app first",
                "应用未注册,请先注册应用",
            ),
            (
                codes::USER_0004,
                "Mobile number cannot be empty",
                "手机号不能为空",
            ),
            (
                codes::PARAM_0007,
                "Send scene cannot be empty",
                "发送场景不能为空",
            ),
            (
                codes::PARAM_0008,
                "Graphic verification code verification pass token cannot be empty",
                "图形验证码校验通过令牌不能为空",
            ),
            (
                codes::CAPTCHA_0003,
                "Graphic verification code verification passed the token has been invalid",
                "图形验证码校验通过令牌已失效",
            ),
            (
                codes::CAPTCHA_0004,
                "Graphic verification code verification passed token verification failed",
                "图形验证码校验通过令牌校验失败",
            ),
            (
                codes::CAPTCHA_0005,
                "Unknown sending scenario",
                "未知的发送场景",
            ),
            (
                codes::CAPTCHA_0006,
                "Failed to send verification code",
                "验证码发送失败",
            ),
        ];
        for (code, en, zh) in want {
            let e = cat.entry(code);
            assert_eq!(e.msg.en, en);
            assert_eq!(e.msg.zh, zh);
        }
        assert_eq!(
            cat.entry(codes::CAPTCHA_0002).msg.en,
            "Graphic verification code verification failed"
        );
        // the consumers' codes (spec section 6); zh texts marked [choice] there
        let consumers = [
            (
                codes::CAPTCHA_0007,
                "Incorrect verification code",
                "验证码错误",
            ),
            (
                codes::PARAM_0016,
                "IdToken is invalid or expired",
                "IdToken无效或已过期",
            ),
            (codes::PARAM_0014, "Invalid state token", "状态令牌无效"),
            (
                codes::PARAM_0023,
                "Invalid or expired session token",
                "会话令牌无效或已过期",
            ),
            (
                codes::SIM_PASSWORD_EMPTY,
                "Password cannot be empty",
                "密码不能为空",
            ),
            (
                codes::SIM_USER_EXISTS,
                "A user with this mobile number already exists",
                "该手机号已注册",
            ),
            (
                codes::SIM_USER_NOT_FOUND,
                "No user with this mobile number",
                "该手机号没有对应的用户",
            ),
            (
                codes::SIM_MOBILE_IN_USE,
                "The mobile number is already bound to a user",
                "该手机号已绑定其他用户",
            ),
        ];
        for (code, en, zh) in consumers {
            let e = cat.entry(code);
            assert_eq!((e.msg.en.as_str(), e.msg.zh.as_str()), (en, zh), "{code}");
        }
        // CAPTCHA.0007 is listed for every consumer of a code
        let e = cat.entry(codes::CAPTCHA_0007);
        for c in crate::api::Consumer::ALL {
            assert!(e.endpoints.iter().any(|x| x == c.name()), "{c}");
        }
    }

    #[test]
    fn lookup_ignores_whitespace_and_lang_rule() {
        let cat = Catalogue::get();
        assert_eq!(
            cat.find_by_message(" Device information is incomplete")
                .unwrap()
                .code,
            codes::PARAM_0001
        );
        assert!(cat.find(" IDAAS.SDK.PARAM.0002 ").is_some());
        assert!(cat.find("IDAAS.SDK.NOPE").is_none());
        assert_eq!(Lang::from_header(Some("zh")), Lang::Zh);
        assert_eq!(Lang::from_header(Some(" ZH ")), Lang::Zh);
        assert_eq!(Lang::from_header(Some("en")), Lang::En);
        assert_eq!(Lang::from_header(Some("fr")), Lang::En);
        assert_eq!(Lang::from_header(None), Lang::En);
    }

    #[test]
    fn malformed_catalogue_is_rejected_with_position() {
        let err = Catalogue::parse("[[error]]\ncode = 1\n").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}

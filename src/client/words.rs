//! The client's words for data from lower layers, in the UI language: the
//! pass token's shape errors and warnings ([`crate::api::token`] returns them
//! as data), and the sentences around a failed send.

use crate::api::Lang;
use crate::api::token::{TokenError, TokenWarning};
use crate::t;

/// A malformed pass token, said in `lang` (the English is
/// [`TokenError`]'s `Display`).
pub fn token_error(e: &TokenError, lang: Lang) -> String {
    use TokenError::*;
    match e {
        Empty => t!(lang, "client-token-empty"),
        NoSeparator => t!(lang, "client-token-no-separator"),
        EmptyToken => t!(lang, "client-token-empty-token"),
        EmptyPoint => t!(lang, "client-token-empty-point"),
        PointNotJson(detail) => t!(lang, "client-token-point-not-json", detail = detail),
        PointNotObject => t!(lang, "client-token-point-not-object"),
        MissingX => t!(lang, "client-token-missing-x"),
        MissingY => t!(lang, "client-token-missing-y"),
        XNotNumber(v) => t!(lang, "client-token-x-not-number", value = v),
        YNotNumber(v) => t!(lang, "client-token-y-not-number", value = v),
    }
}

/// A warning on a well-formed pass token, said in `lang`.
pub fn token_warning(w: &TokenWarning, lang: Lang) -> String {
    match w {
        TokenWarning::Length { chars, hex: true } => {
            t!(lang, "client-token-length-hex", n = *chars)
        }
        TokenWarning::Length { chars, hex: false } => {
            t!(lang, "client-token-length-not-hex", n = *chars)
        }
        TokenWarning::Blanks => t!(lang, "client-token-blanks"),
        // `{}` of an f64, not Fluent's number formatting: `7.5`, `5`, `-0.5`.
        TokenWarning::Y(y) => t!(lang, "client-token-y-not-5", y = y.to_string()),
    }
}

/// Every warning on `t`, said in `lang`.
pub fn token_warnings(t: &crate::api::PassToken, lang: Lang) -> Vec<String> {
    crate::api::token::warnings(t)
        .iter()
        .map(|w| token_warning(w, lang))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::token::parse_pass_token;

    #[test]
    fn token_errors_in_english_are_the_display_and_in_chinese_have_no_english_sentence() {
        let errors = [
            TokenError::Empty,
            TokenError::NoSeparator,
            TokenError::EmptyToken,
            TokenError::EmptyPoint,
            TokenError::PointNotJson("expected value at line 1 column 2".into()),
            TokenError::PointNotObject,
            TokenError::MissingX,
            TokenError::MissingY,
            TokenError::XNotNumber("\"12\"".into()),
            TokenError::YNotNumber("null".into()),
        ];
        for e in &errors {
            assert_eq!(token_error(e, Lang::En), e.to_string());
            let zh = token_error(e, Lang::Zh);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            for english in ["is empty", "separator", "not a number", "has no", "is not"] {
                assert!(!zh.contains(english), "{zh}");
            }
        }
        assert_eq!(
            token_error(&TokenError::XNotNumber("\"12\"".into()), Lang::Zh),
            "\"x\" 为 \"12\"，不是数字"
        );
        // The library's own detail is kept as it is, inside the Chinese sentence.
        assert_eq!(
            token_error(&TokenError::PointNotJson("EOF".into()), Lang::Zh),
            "POINT_JSON 部分不是 JSON：EOF"
        );
    }

    #[test]
    fn token_warnings_in_both_languages() {
        let t = parse_pass_token(" xyz---{\"x\":237,\"y\":7.5}").unwrap();
        assert_eq!(
            token_warnings(&t, Lang::En),
            [
                "TOKEN is 3 characters (not all hex); captcha/verify issues 32 hex characters",
                "blanks around a part: the server compares the token verbatim",
                "y is 7.5: the slider puzzle always has y = 5",
            ]
        );
        assert_eq!(
            token_warnings(&t, Lang::Zh),
            [
                "TOKEN 为 3 个字符（并非全是十六进制）；captcha/verify 签发的是 32 个十六进制字符",
                "某部分首尾有空白：服务器按原样比较令牌",
                "y 为 7.5：滑块拼图的 y 恒为 5",
            ]
        );
        let t = parse_pass_token("abc---{\"x\":1,\"y\":5}").unwrap();
        assert_eq!(
            token_warnings(&t, Lang::En),
            ["TOKEN is 3 characters (hex); captcha/verify issues 32 hex characters"]
        );
        assert_eq!(
            token_warnings(&t, Lang::Zh),
            ["TOKEN 为 3 个字符（十六进制）；captcha/verify 签发的是 32 个十六进制字符"]
        );
    }
}

#[cfg(test)]
mod send_tests {
    use crate::api::Lang;
    use crate::client::build::{BuildError, UrlProblem};
    use crate::client::send::HttpInitError;

    #[test]
    fn build_and_set_up_errors_in_both_languages() {
        let e = BuildError::Url {
            url: "ftp://h/".into(),
            reason: UrlProblem::Scheme,
        };
        assert_eq!(
            e.to_string(),
            "invalid URL \"ftp://h/\": the scheme must be http or https"
        );
        assert_eq!(
            e.text(Lang::Zh),
            "URL \"ftp://h/\" 无效：协议必须是 http 或 https"
        );
        let e = BuildError::HeaderValue {
            name: "x-agent".into(),
        };
        assert_eq!(
            e.to_string(),
            "invalid value for header x-agent: control characters (such as a line break) are not allowed"
        );
        assert_eq!(
            e.text(Lang::Zh),
            "请求头 x-agent 的值无效：不允许控制字符（如换行）"
        );
        assert_eq!(
            BuildError::Method("G T".into()).to_string(),
            "invalid HTTP method \"G T\""
        );
        let e = HttpInitError::CaRead {
            path: "/x.pem".into(),
            detail: "No such file or directory (os error 2)".into(),
        };
        assert_eq!(
            e.to_string(),
            "cannot read CA file /x.pem: No such file or directory (os error 2)"
        );
        assert_eq!(
            e.text(Lang::Zh),
            "无法读取 CA 文件 /x.pem：No such file or directory (os error 2)"
        );
    }
}

//! The mobile-number rule the simulator enforces (spec §3, step 11) and the
//! live hints the TUI shows while a person types.

use super::Lang;

/// Valid: 5 to 20 ASCII digits after an optional leading `+`.
pub fn is_valid(mobile: &str) -> bool {
    problem(mobile).is_none()
}

/// What is wrong with a mobile number, in one short English sentence, or `None`.
pub fn problem(mobile: &str) -> Option<String> {
    problem_in(mobile, Lang::En)
}

/// [`problem`] in English or Chinese.
pub fn problem_in(mobile: &str, lang: Lang) -> Option<String> {
    let zh = lang == Lang::Zh;
    if mobile.trim().is_empty() {
        return Some(if zh { "为空" } else { "empty" }.into());
    }
    if mobile != mobile.trim() {
        return Some(
            if zh {
                "首尾有空白"
            } else {
                "has leading or trailing blanks"
            }
            .into(),
        );
    }
    let digits = mobile.strip_prefix('+').unwrap_or(mobile);
    if let Some(c) = digits.chars().find(|c| !c.is_ascii_digit()) {
        return Some(match (c == '+', zh) {
            (true, false) => "'+' is only allowed as the first character".into(),
            (true, true) => "'+' 只能出现在开头".into(),
            (false, false) => format!("contains {c:?}: only digits (and a leading +) are allowed"),
            (false, true) => format!("含有 {c:?}：只允许数字（以及开头的 +）"),
        });
    }
    match (digits.len(), zh) {
        (n, false) if n < 5 => Some(format!("{n} digits: at least 5 are needed")),
        (n, true) if n < 5 => Some(format!("{n} 位数字：至少需要 5 位")),
        (n, false) if n > 20 => Some(format!("{n} digits: at most 20 are allowed")),
        (n, true) if n > 20 => Some(format!("{n} 位数字：最多 20 位")),
        _ => None,
    }
}

/// A one-line hint for the mobile field: digit count, area code, validity.
pub fn hint(mobile: &str) -> String {
    let digits = mobile.chars().filter(|c| c.is_ascii_digit()).count();
    let area = if mobile.starts_with('+') {
        "with + area code"
    } else {
        "no area code"
    };
    match problem(mobile) {
        None => format!("ok: {digits} digits, {area}"),
        Some(p) => format!("will likely fail (IDAAS.SDK.CAPTCHA.0006): {p}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity_bounds() {
        assert!(is_valid("13800138000"));
        assert!(is_valid("+8613800138000"));
        assert!(is_valid("12345"));
        assert!(!is_valid("1234"));
        assert!(is_valid(&"1".repeat(20)));
        assert!(!is_valid(&"1".repeat(21)));
        assert!(!is_valid("+"));
        assert!(!is_valid("138-0013-8000"));
        assert!(!is_valid("1+3800138000"));
        assert!(!is_valid(" 13800138000"));
        assert!(
            !is_valid("１３８００１３８０００"),
            "full-width digits are not ASCII digits"
        );
    }

    #[test]
    fn problems_read_in_chinese_too() {
        assert_eq!(
            problem_in("1234", Lang::Zh).unwrap(),
            "4 位数字：至少需要 5 位"
        );
        assert!(
            problem_in("12a45", Lang::Zh)
                .unwrap()
                .contains("只允许数字")
        );
        assert_eq!(problem_in("13800138000", Lang::Zh), None);
    }

    #[test]
    fn problems_are_specific() {
        assert_eq!(problem("").unwrap(), "empty");
        assert!(problem("12a45").unwrap().contains("'a'"));
        assert!(problem("1234").unwrap().contains("at least 5"));
        assert!(problem("1+2345").unwrap().contains("first character"));
        assert!(hint("+8613800138000").starts_with("ok: 13 digits, with + area code"));
        assert!(hint("12").contains("CAPTCHA.0006"));
    }
}

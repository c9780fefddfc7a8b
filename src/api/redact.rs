//! Masking of personal and secret values for printed or exported output.

/// Keep the first 3 and last 2 characters of a mobile number.
pub fn mobile(m: &str) -> String {
    keep_ends(m, 3, 2)
}

/// Keep 4 characters at each end of a client id or similar identifier.
pub fn middle(s: &str) -> String {
    keep_ends(s, 4, 4)
}

/// Mask a captcha pass token: the first 4 characters of the token survive,
/// the point part is kept (it is not secret and helps debugging).
pub fn pass_token(t: &str) -> String {
    match t.split_once("---") {
        Some((tok, point)) => format!("{}---{point}", keep_ends(tok, 4, 0)),
        None => keep_ends(t, 4, 0),
    }
}

fn keep_ends(s: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..head].iter().collect();
    out.push_str(&"*".repeat(chars.len() - head - tail));
    out.extend(&chars[chars.len() - tail..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(mobile("13800138000"), "138******00");
        assert_eq!(mobile("+8613800138000"), "+86*********00");
        assert_eq!(mobile("1234"), "****");
        assert_eq!(
            middle("nTo1eRIub60vPb54WeE6aojPwYwImtl4"),
            "nTo1************************mtl4"
        );
        assert_eq!(
            pass_token("71dd26999e314f9abb0c635336976635---{\"x\":237.0,\"y\":5.0}"),
            "71dd****************************---{\"x\":237.0,\"y\":5.0}"
        );
    }
}

//! An equivalent `curl` command for a recorded request.

use super::SentRequest;

/// Quote for a POSIX shell (single quotes). A string with control characters or bidi
/// overrides (which must not reach the terminal, and can come from a server's token) is
/// written in bash's ANSI-C quoting instead, `$'\x1b...'`, which sends the same bytes.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c))
    {
        return s.to_string();
    }
    if s.chars().any(crate::api::text::is_unsafe) {
        let mut out = String::from("$'");
        for c in s.chars() {
            match c {
                '\'' => out.push_str("\\'"),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if (c as u32) < 0x80 && crate::api::text::is_unsafe(c) => {
                    out.push_str(&format!("\\x{:02x}", c as u32))
                }
                c if crate::api::text::is_unsafe(c) => {
                    out.push_str(&format!("\\u{:04x}", c as u32))
                }
                c => out.push(c),
            }
        }
        out.push('\'');
        return out;
    }
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// A curl command line that sends the same method, URL, headers (same values,
/// blank ones blank, omitted ones removed from curl's defaults) and body bytes.
/// `host` and `content-length` are left to curl, which computes the same values.
pub fn curl(sent: &SentRequest) -> String {
    let mut parts = vec!["curl".to_string(), "-sS".into(), "-i".into()];
    let has_body = !sent.body.is_empty()
        || sent
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-length"));
    if sent.method != "GET" || has_body {
        parts.push("-X".into());
        parts.push(sent.method.clone());
    }
    parts.push(shell_quote(&sent.url));
    let present = |name: &str| {
        sent.headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    for (name, value) in &sent.headers {
        if name.eq_ignore_ascii_case("host") || name.eq_ignore_ascii_case("content-length") {
            continue;
        }
        let h = if value.is_empty() {
            // curl's syntax for "send this header with an empty value"
            format!("{name};")
        } else {
            format!("{name}: {value}")
        };
        parts.push("-H".into());
        parts.push(shell_quote(&h));
    }
    // curl adds these on its own: remove them when vflow did not send them.
    for name in ["User-Agent", "Accept"] {
        if !present(name) {
            parts.push("-H".into());
            parts.push(shell_quote(&format!("{name}:")));
        }
    }
    if has_body {
        if !present("content-type") {
            parts.push("-H".into());
            parts.push(shell_quote("Content-Type:"));
        }
        parts.push("--data-binary".into());
        parts.push(shell_quote(&String::from_utf8_lossy(&sent.body)));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curl_keeps_blank_and_removes_defaults() {
        let sent = SentRequest {
            method: "POST".into(),
            url: "http://127.0.0.1:8080/api/v2/sdk/sms/send".into(),
            headers: vec![
                ("host".into(), "127.0.0.1:8080".into()),
                ("x-l".into(), "".into()),
                ("x-agent".into(), "it's me".into()),
                ("accept".into(), "*/*".into()),
                ("content-length".into(), "2".into()),
            ],
            body: b"{}".to_vec(),
        };
        assert_eq!(
            curl(&sent),
            "curl -sS -i -X POST http://127.0.0.1:8080/api/v2/sdk/sms/send -H 'x-l;' \
-H 'x-agent: it'\\''s me' -H 'accept: */*' -H User-Agent: -H Content-Type: --data-binary '{}'"
        );
    }
}

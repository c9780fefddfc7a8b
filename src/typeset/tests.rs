use super::*;

const URL: &str =
    "https://tenant.example.com/api/v2/sdk/sms/send?scene=LOGIN_SMS&mobile=13800138000";

/// Every line at most `width` columns, measured on the output strings.
fn assert_fits(lines: &[String], width: usize) {
    for l in lines {
        assert!(display_width(l) <= width, "{l:?} is wider than {width}");
    }
}

#[test]
fn cjk_breaks_between_characters() {
    let lines = wrap("服务器已受理向手机发送了验证码", 10);
    assert_eq!(lines, ["服务器已受", "理向手机发", "送了验证码"]);
    // Mixed with Latin: the break falls between a CJK character and a word.
    assert_eq!(
        wrap("省略了X-client-id的值", 14),
        ["省略了", "X-client-id的", "值"]
    );
}

#[test]
fn a_number_stays_with_its_unit() {
    // UAX #14 alone would break at each of these places; the tailoring must not.
    for (text, unit) in [
        ("有效期 300 秒，只能使用一次", "300 秒"),
        ("有效期300秒，只能使用一次", "300秒"),
        ("the code lives 60 s and is single use", "60 s"),
        ("the pass token expires after 5 days of disuse", "5 days"),
        ("每个手机号每天最多 10 条", "10 条"),
        ("这是第 3 次发送", "第 3 次"),
        ("at most 10 % of the requests", "10 %"),
    ] {
        let at = text.find(unit).unwrap();
        assert!(
            linebreaks(text).any(|(p, _)| p > at && p < at + unit.len()),
            "UAX #14 gives no break inside {unit:?}: the test proves nothing"
        );
        // From the width where the unit and a closing mark after it fit (below
        // that, rule 5 must break somewhere).
        for width in display_width(unit) + 2..=40 {
            let lines = wrap(text, width);
            assert!(
                lines.iter().any(|l| l.contains(unit)),
                "{unit:?} split at width {width}: {lines:?}"
            );
        }
    }
    // A number before an ordinary word is not glued to it.
    assert_eq!(
        wrap("HTTP 400 Bad Request", 9),
        ["HTTP 400", "Bad", "Request"]
    );
}

#[test]
fn closing_punctuation_never_starts_a_line() {
    let text = "缺少必填的设备请求头或其值为空：X-operating-sys-version、X-device-fingerprint 和 X-agent 都必须带值发送。\
                应用未注册，请先注册应用（见控制台）；「发送」按钮已禁用！是否重试？";
    // From 6 columns, the widest run of CJK punctuation (`台）；`).
    for width in 6..=60 {
        for l in wrap(text, width).iter().skip(1) {
            let c = l.chars().next().unwrap();
            assert!(!"，。；：、）」！？".contains(c), "{l:?} at width {width}");
        }
    }
}

#[test]
fn a_url_that_fits_moves_whole() {
    let text = "see https://tenant.example.com/api/v2/sdk/sms/send for details";
    assert_eq!(
        wrap(text, 48),
        [
            "see",
            "https://tenant.example.com/api/v2/sdk/sms/send",
            "for details"
        ]
    );
    // Header names are not broken at their hyphens while they fit.
    assert_eq!(
        wrap("send X-device-fingerprint and X-agent", 22),
        ["send", "X-device-fingerprint", "and X-agent"]
    );
}

#[test]
fn a_long_url_breaks_after_separators_preferring_items() {
    let lines = wrap(URL, 40);
    assert_eq!(
        lines,
        [
            "https://tenant.example.com/api/v2/sdk/",
            "sms/send?scene=LOGIN_SMS&",
            "mobile=13800138000"
        ]
    );
    // Starting after text, the URL's first part fills the line.
    let lines = wrap(&format!("请求地址 {URL} 已发送"), 40);
    assert_eq!(
        lines,
        [
            "请求地址 https://tenant.example.com/api/",
            "v2/sdk/sms/send?scene=LOGIN_SMS&",
            "mobile=13800138000 已发送"
        ]
    );
    // Every width: each break follows a separator, never mid-name.
    for width in 20..=80 {
        let lines = wrap(URL, width);
        assert_fits(&lines, width);
        assert_eq!(lines.concat(), URL);
        for l in &lines[..lines.len() - 1] {
            assert!(
                l.ends_with(['/', '?', '&', '=', '.']),
                "{l:?} at width {width}"
            );
        }
    }
}

#[test]
fn a_json_body_breaks_between_items() {
    let body = r#"{"mobile":"13800138000","scene":"LOGIN_SMS","captchaVerification":"dG9rZW4="}"#;
    assert_eq!(
        wrap(body, 40),
        [
            r#"{"mobile":"13800138000","#,
            r#""scene":"LOGIN_SMS","#,
            r#""captchaVerification":"dG9rZW4="}"#
        ]
    );
    // A nested object starts a line of its own rather than its key.
    let nested = r#"{"result":"ok","data":{"captcha_token":"abc"}}"#;
    assert_eq!(
        wrap(nested, 30),
        [r#"{"result":"ok","data":"#, r#"{"captcha_token":"abc"}}"#]
    );
}

#[test]
fn breaks_inside_only_when_nothing_fits() {
    let token =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ";
    let lines = wrap(&format!("Authorization: Bearer {token}"), 30);
    assert_eq!(lines[0], "Authorization: Bearer");
    assert_eq!(lines[1..].concat(), token);
    // Each line of the token is full but the last.
    for l in &lines[1..lines.len() - 1] {
        assert_eq!(l.len(), 30, "{lines:?}");
    }
}

#[test]
fn a_wide_character_wider_than_the_line_gets_its_own_line() {
    assert_eq!(wrap("中文", 1), ["中", "文"]);
    assert_eq!(wrap("a中b", 1), ["a", "中", "b"]);
    // Width 0 is treated as 1: nothing is lost.
    assert_eq!(wrap("ab", 0), ["a", "b"]);
}

#[test]
fn bullets_continue_under_their_text() {
    let text = "• 缺少必填的设备请求头或其值为空：X-operating-sys-version、X-device-fingerprint 和 X-agent 都必须带值发送。";
    let out = wrap(text, 30);
    assert!(out.len() > 2, "{out:?}");
    assert!(out[0].starts_with("• 缺少"));
    for l in &out[1..] {
        assert!(l.starts_with("  ") && !l[2..].starts_with(' '), "{l:?}");
    }
    assert_fits(&out, 30);

    for (text, indent) in [
        ("- send all three device headers with realistic values", 2),
        ("* send all three device headers with realistic values", 2),
        ("1. send all three device headers with realistic values", 3),
        (
            "  12) send all three device headers with realistic values",
            6,
        ),
        ("    send all three device headers with realistic values", 4),
    ] {
        let ranges = lines(text, 24);
        assert!(ranges.len() > 1);
        assert_eq!(ranges[0].indent, 0);
        assert_eq!(
            ranges[0].start, 0,
            "the first line keeps the marker: {text:?}"
        );
        for r in &ranges[1..] {
            assert_eq!(r.indent, indent, "{text:?}");
        }
    }
    // Not a bullet: a negative number, a word.
    assert!(
        lines("-5 degrees is the lowest value we accept", 12)[1..]
            .iter()
            .all(|r| r.indent == 0)
    );
    // An indent over half the width is dropped.
    assert!(
        lines("1. send all three device headers", 5)
            .iter()
            .all(|r| r.indent == 0)
    );
}

#[test]
fn hard_breaks_and_empty_lines() {
    assert_eq!(wrap("a\n\nb", 10), ["a", "", "b"]);
    assert_eq!(wrap("a\n", 10), ["a"]);
    assert_eq!(wrap("\n", 10), [""]);
    assert!(wrap("", 10).is_empty());
    assert_eq!(wrap("a\r\nb\rc", 10), ["a", "b", "c"]);
    assert_eq!(height("a\n\nb", 10), 3);
}

#[test]
fn spaces_at_a_break_are_dropped() {
    let ranges = lines("aaa   bbb", 4);
    assert_eq!(
        ranges,
        [
            LineRange {
                start: 0,
                end: 3,
                indent: 0,
                width: 3
            },
            LineRange {
                start: 6,
                end: 9,
                indent: 0,
                width: 3
            },
        ]
    );
    // At the end of a paragraph they stay, as far as they fit.
    assert_eq!(wrap("aaa   ", 10), ["aaa   "]);
    assert_eq!(wrap("aaa      ", 5), ["aaa  "]);
    // Leading spaces wider than the line go with the break they cause.
    assert_eq!(wrap(&format!("{}word", " ".repeat(30)), 10), ["word"]);
}

#[test]
fn widths_are_display_columns() {
    assert_eq!(display_width("有效期 300"), 10);
    assert_eq!(display_width("ｓｍｓ"), 6);
    assert_eq!(
        display_width("a\u{1b}b"),
        2,
        "control characters are not drawn"
    );
    assert_eq!(
        display_width("e\u{301}"),
        1,
        "a combining accent joins its letter"
    );
    let r = lines("有效期 300 秒", 80)[0];
    assert_eq!((r.width, r.columns()), (13, 13));
}

#[test]
fn a_short_bracketed_note_is_never_split() {
    // The review pane's header line at 160x48: `（必填）` ran past the end and
    // was split `（必` / `填）`.
    let agent = "x-agent: Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 \
                 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36  （必填）";
    let at = agent.find('必').unwrap();
    assert!(
        linebreaks(agent).any(|(p, _)| p == at + '必'.len_utf8()),
        "UAX #14 allows a break between 必 and 填: the test proves nothing"
    );
    for width in [40, 60, 126, 127, 128, 129, 130] {
        let lines = wrap(agent, width);
        assert_fits(&lines, width);
        assert!(
            lines.iter().any(|l| l.contains("（必填）")),
            "{width}: {lines:?}"
        );
    }
    // The note goes to the next line whole, its spaces dropped at the break.
    assert_eq!(
        wrap(agent, 128).last().map(String::as_str),
        Some("（必填）")
    );
    for (text, note) in [
        ("请求头 x-l 可以不填写（可选）", "（可选）"),
        (
            "user-agent: vflow/0.1.0  （HTTP 库添加）",
            "（HTTP 库添加）",
        ),
        ("请先完成滑块拼图【验证码】再发送", "【验证码】"),
    ] {
        for width in display_width(note)..display_width(text) {
            let lines = wrap(text, width);
            assert_fits(&lines, width);
            let whole = lines.iter().any(|l| l.contains(note));
            assert!(whole, "{width}: {lines:?}");
        }
    }
    // A long bracketed text still breaks inside, as any other text.
    let long = "短信验证码（五分钟内有效，只能使用一次，过期后需要重新发送）";
    let lines = wrap(long, 20);
    assert_fits(&lines, 20);
    assert_eq!(lines[0], "短信验证码（五分钟内");
    // A note glued to a word and a comma (`JWT（…）、`) that cannot fit a line breaks
    // as before: never so that the comma starts a line.
    let glued = "不是 JWT（三段以点分隔）、本租户未签发";
    for width in 6..=30 {
        for l in wrap(glued, width).iter().skip(1) {
            assert!(!l.starts_with('、'), "{width}: {l:?}");
        }
    }
    // Too narrow for the note: it is broken rather than lost.
    assert_eq!(wrap("（必填）", 4).concat(), "（必填）");
}

#[test]
fn a_path_breaks_after_slashes_not_at_hyphens() {
    // The CLI's "report written to" line at 80 columns was split
    // `…/reports/vflow-` / `report-2026-12-02T224010Z.txt`.
    let text = "report written to /tmp/lay-home/.local/share/vflow/reports/\
                vflow-report-2026-12-02T224010Z.txt (open it with less -R)";
    let file = "vflow-report-2026-12-02T224010Z.txt";
    for width in display_width(file)..=90 {
        let lines = wrap(text, width);
        assert_fits(&lines, width);
        assert!(lines.iter().any(|l| l.contains(file)), "{width}: {lines:?}");
        for l in &lines {
            assert!(!l.ends_with('-'), "{width}: {lines:?}");
        }
    }
    // A URL's name with hyphens moves whole to the next line.
    let url = "https://tenant.example.com/api/v2/sdk/sms-send-with-captcha-verification";
    for width in 42..=70 {
        let lines = wrap(url, width);
        assert!(
            lines
                .iter()
                .any(|l| l == "sms-send-with-captcha-verification"),
            "{width}: {lines:?}"
        );
    }
    // A segment longer than the line still breaks inside, at its hyphens.
    let lines = wrap(url, 20);
    assert_fits(&lines, 20);
    assert_eq!(lines.concat(), url);
}

#[test]
fn a_short_backticked_command_stays_whole() {
    // The puzzle's help text at 80 columns: `` `vflow serve `` / `` --reveal-solutions` ``.
    let text =
        "the simulator shows the answer when it runs as `vflow serve --reveal-solutions` only";
    let cmd = "`vflow serve --reveal-solutions`";
    for width in display_width(cmd)..display_width(text) {
        let lines = wrap(text, width);
        assert_fits(&lines, width);
        assert!(lines.iter().any(|l| l.contains(cmd)), "{width}: {lines:?}");
    }
    // Narrower than the command: it breaks as before, nothing lost.
    let lines = wrap(text, 20);
    assert_fits(&lines, 20);
    assert!(lines.iter().any(|l| l.starts_with("--reveal")), "{lines:?}");
}

#[test]
fn a_one_letter_key_stays_with_the_next_word() {
    // The token step's advice: `…for 13900010094: p` / `solves the puzzle`.
    let text = "no pass token yet for 13900010094: p solves the puzzle, g gets one";
    for width in 12..display_width(text) {
        let lines = wrap(text, width);
        assert_fits(&lines, width);
        for l in &lines {
            assert!(
                !l.ends_with(" p") && !l.ends_with(" g"),
                "{width}: {lines:?}"
            );
            assert!(l != "p" && l != "g", "{width}: {lines:?}");
        }
    }
    // A one-character token glued to the Chinese word next to it.
    let zh = "拖动拼图后提交 point_json；y 恒为 5";
    for width in 10..display_width(zh) {
        let lines = wrap(zh, width);
        assert_fits(&lines, width);
        assert!(
            lines.iter().any(|l| l.contains("y 恒为 5")),
            "{width}: {lines:?}"
        );
    }
}

#[test]
fn an_http_status_stays_with_its_code() {
    // The result pane: `captcha: 400` / `IDAAS.SDK.PARAM.0001`.
    let text = "the server refused the captcha: 400 IDAAS.SDK.PARAM.0001 (a parameter is missing)";
    let code = "400 IDAAS.SDK.PARAM.0001";
    for width in display_width(code)..display_width(text) {
        let lines = wrap(text, width);
        assert_fits(&lines, width);
        assert!(lines.iter().any(|l| l.contains(code)), "{width}: {lines:?}");
    }
    // A number before an ordinary word still breaks (see a_number_stays_with_its_unit).
    assert_eq!(
        wrap("HTTP 400 Bad Request", 9),
        ["HTTP 400", "Bad", "Request"]
    );
}

#[test]
fn a_short_note_after_a_space_or_latin_text_stays_whole() {
    // The explanation of a header and the check list at 80 columns split
    // `（正` / `常）` and `（仅限` / `模拟器）`.
    for (text, note) in [
        ("x-device-fingerprint 已带值发送（正常）", "（正常）"),
        ("X-agent 已带值发送 （正常）", "（正常）"),
        ("绑定手机号（仅限模拟器）", "（仅限模拟器）"),
        (
            "consumer-bind-mobile 绑定手机号 （仅限模拟器）",
            "（仅限模拟器）",
        ),
        ("register-right-code（仅限模拟器）", "（仅限模拟器）"),
    ] {
        for width in display_width(note)..display_width(text) {
            let lines = wrap(text, width);
            assert_fits(&lines, width);
            assert!(lines.iter().any(|l| l.contains(note)), "{width}: {lines:?}");
        }
    }
}

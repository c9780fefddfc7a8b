//! The command line in Chinese: `--ui-lang zh`, the profile's `ui_lang`, or a Chinese locale
//! (LC_ALL, LC_MESSAGES, LANG) turn every human line into Chinese, with the technical tokens
//! as they are; the English runs stay English; `--json` does not change with the UI language.
//! Every run points VFLOW_CONFIG at a file of the test's own and starts from no locale.

use std::path::{Path, PathBuf};
use std::process::Output;

mod support;

/// The binary run with `env` set (on top of no locale and no VFLOW_* variable).
fn run(config: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = support::command(config);
    for (k, v) in env {
        c.env(k, v);
    }
    c.args(args).output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn config(tag: &str, text: &str) -> PathBuf {
    let f = support::scratch(&format!("i18n-{tag}")).join("config.toml");
    std::fs::write(&f, text).unwrap();
    f
}

/// Every one of `want` is in `text`, none of `not`.
#[track_caller]
fn has(text: &str, want: &[&str], not: &[&str]) {
    for w in want {
        assert!(text.contains(w), "{w:?} missing in:\n{text}");
    }
    for n in not {
        assert!(!text.contains(n), "{n:?} present in:\n{text}");
    }
}

const ZH_LOCALE: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8")];
/// LC_ALL wins over LANG: English.
const EN_OVER_ZH: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")];

const CODE_EN: &[&str] = &[
    "message:",
    "meaning:",
    "causes:",
    "what to do:",
    "endpoints:",
];
const CODE_ZH: &[&str] = &["消息：", "含义：", "常见原因：", "处理办法：", "接口："];

#[test]
fn one_code_in_chinese_has_chinese_labels_and_its_chinese_section_first() {
    let cfg = config("codes", "");
    for env in [&[][..], ZH_LOCALE] {
        let args: &[&str] = if env.is_empty() {
            &["--ui-lang", "zh", "codes", "CAPTCHA.0006"]
        } else {
            &["codes", "CAPTCHA.0006"]
        };
        let o = run(&cfg, env, args);
        assert!(o.status.success(), "{}", err(&o));
        let t = out(&o);
        has(&t, CODE_ZH, CODE_EN);
        // both languages' texts, the Chinese one first
        let (zh, en) = t.split_once("\n[en]\n").expect("an English section");
        has(
            zh,
            &["[zh]", "验证码发送失败"],
            &["Failed to send verification code"],
        );
        has(en, &["Failed to send verification code"], &[]);
        assert!(t.starts_with("IDAAS.SDK.CAPTCHA.0006  （HTTP 400"), "{t}");
    }
    // English: as it was, the English section first
    for env in [&[][..], EN_OVER_ZH] {
        let o = run(&cfg, env, &["codes", "CAPTCHA.0006"]);
        let t = out(&o);
        has(&t, CODE_EN, &["消息：", "处理办法："]);
        assert!(t.find("[en]").unwrap() < t.find("[zh]").unwrap(), "{t}");
    }
    // the table: Chinese headings and messages by default in Chinese, `--in` still chooses
    let t = out(&run(&cfg, &[], &["--ui-lang", "zh", "codes"]));
    has(
        &t,
        &["错误码", "消息", "设备信息不完整"],
        &["CODE", "MESSAGE", "Device information is incomplete"],
    );
    let t = out(&run(&cfg, &[], &["--ui-lang", "zh", "codes", "--in", "en"]));
    has(
        &t,
        &["错误码", "Device information is incomplete"],
        &["CODE"],
    );
    let o = run(&cfg, ZH_LOCALE, &["codes", "0002"]);
    assert_eq!(o.status.code(), Some(2));
    has(&err(&o), &["有歧义"], &["ambiguous"]);
}

#[test]
fn the_profiles_ui_lang_speaks_chinese_and_the_flag_beats_it() {
    let cfg = config("profile", "[profiles.default]\nui_lang = \"zh\"\n");
    let t = out(&run(&cfg, &[], &["codes", "CAPTCHA.0006"]));
    has(&t, CODE_ZH, CODE_EN);
    let t = out(&run(
        &cfg,
        &[],
        &["--ui-lang", "en", "codes", "CAPTCHA.0006"],
    ));
    has(&t, CODE_EN, CODE_ZH);
    // VFLOW_UI_LANG is the flag's variable
    let t = out(&run(
        &cfg,
        &[("VFLOW_UI_LANG", "en")],
        &["codes", "CAPTCHA.0006"],
    ));
    has(&t, CODE_EN, CODE_ZH);
}

#[test]
fn config_show_says_the_ui_language_and_where_it_came_from() {
    let cfg = config("show", "");
    let line = |o: &Output| {
        out(o)
            .lines()
            .nth(3)
            .unwrap_or_default()
            .trim_end()
            .to_string()
    };
    let o = run(&cfg, &[], &["--ui-lang", "zh", "config", "show"]);
    assert_eq!(
        line(&o),
        "界面语言：     中文（--ui-lang）· X-L：zh（跟随界面语言）"
    );
    has(
        &out(&o),
        &[
            "配置档：",
            "配置文件：",
            "目标：",
            "（内置模拟器）",
            "请求头：",
            "X-L: zh",
        ],
        &[
            "profile:",
            "config file:",
            "target:",
            "headers:",
            "(built-in simulator)",
        ],
    );
    let o = run(&cfg, ZH_LOCALE, &["config", "show"]);
    assert_eq!(
        line(&o),
        "界面语言：     中文（区域设置 LANG=zh_CN.UTF-8）· X-L：zh（跟随界面语言）"
    );
    let o = run(&cfg, EN_OVER_ZH, &["config", "show"]);
    assert_eq!(
        line(&o),
        "ui language: English (locale LC_ALL=en_US.UTF-8) · X-L: en (follows the UI language)"
    );
    let o = run(&cfg, &[], &["config", "show"]);
    assert_eq!(
        line(&o),
        "ui language: English (default) · X-L: en (follows the UI language)"
    );
    has(
        &out(&o),
        &[
            "profile:     default",
            "target:      (built-in simulator)",
            "headers:",
        ],
        &["配置档"],
    );
    let o = run(
        &cfg,
        &[("VFLOW_UI_LANG", "zh")],
        &["--lang", "en", "config", "show"],
    );
    assert_eq!(
        line(&o),
        "界面语言：     中文（VFLOW_UI_LANG）· X-L：en（--lang）"
    );
    let cfg = config(
        "show-profile",
        "[profiles.default]\nui_lang = \"zh\"\nlang = \"en\"\n",
    );
    let o = run(&cfg, &[], &["config", "show"]);
    assert_eq!(
        line(&o),
        "界面语言：     中文（配置档的 ui_lang）· X-L：en（配置档的 lang）"
    );
    // --json is the same document whatever the UI language (ui_lang is in it)
    let a: serde_json::Value =
        serde_json::from_slice(&run(&cfg, &[], &["config", "show", "--json"]).stdout).unwrap();
    assert_eq!(a["ui_lang"], "zh");
    assert_eq!(a["lang"], "en");
}

/// Flags for one sms/send with a wrong scene (the answer is CAPTCHA.0005).
const BAD_SCENE: &[&str] = &[
    "send",
    "--scene",
    "LOGIN_SMSS",
    "--mobile",
    "13800138000",
    "--captcha-token",
    "x",
];

#[test]
fn send_in_chinese_explains_in_chinese_first_and_the_english_run_is_unchanged() {
    let cfg = config("send", "");
    let args: Vec<&str> = ["--ui-lang", "zh"]
        .iter()
        .chain(BAD_SCENE)
        .copied()
        .collect();
    for (env, args) in [(&[][..], &args[..]), (ZH_LOCALE, BAD_SCENE)] {
        let o = run(&cfg, env, args);
        assert_eq!(o.status.code(), Some(1), "{}", err(&o));
        let t = out(&o);
        let (zh, en) = t
            .split_once("\n--- en ---\n")
            .expect("the English explanation after");
        has(
            zh,
            &[
                "> POST ",
                "< HTTP/1.1 400 Bad Request",
                "毫秒，首字节",
                "接口错误：未知的发送场景",
            ],
            &["first byte", " ms)", "API error:"],
        );
        has(en, &["API error: Unknown sending scenario"], &[]);
        has(
            &err(&o),
            &["vflow: 未指定 --target", "vflow: 警告：场景 \"LOGIN_SMSS\""],
            &["no --target", "warning:"],
        );
    }
    for env in [&[][..], EN_OVER_ZH] {
        let o = run(&cfg, env, BAD_SCENE);
        assert_eq!(o.status.code(), Some(1));
        let t = out(&o);
        let (en, zh) = t
            .split_once("\n--- zh ---\n")
            .expect("the Chinese explanation after");
        has(
            en,
            &["ms, first byte", "API error: Unknown sending scenario"],
            &["毫秒"],
        );
        has(zh, &["接口错误：未知的发送场景"], &[]);
        has(
            &err(&o),
            &["vflow: no --target", "vflow: warning: "],
            &["警告"],
        );
    }
}

#[test]
fn send_json_does_not_change_with_the_ui_language() {
    let cfg = config("json", "");
    // X-L follows the UI language: fix it, so that the requests are the same
    let json = |ui: &str| -> serde_json::Value {
        let mut args = vec!["--ui-lang", ui, "--lang", "en"];
        args.extend_from_slice(BAD_SCENE);
        args.push("--json");
        let o = run(&cfg, &[], &args);
        assert_eq!(o.status.code(), Some(1));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let (en, zh) = (json("en"), json("zh"));
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&en), keys(&zh));
    for k in ["explanation", "outcome", "exit_code", "warnings"] {
        assert_eq!(en[k], zh[k], "{k}");
    }
    assert!(
        en["warnings"][0]["text"]["en"]
            .as_str()
            .unwrap()
            .contains("LOGIN_SMSS")
    );
}

#[test]
fn flow_in_chinese_names_its_steps_in_chinese() {
    let cfg = config("flow", "");
    for (env, args) in [
        (&[][..], &["--ui-lang", "zh", "flow"][..]),
        (ZH_LOCALE, &["flow"][..]),
    ] {
        let o = run(&cfg, env, args);
        assert!(o.status.success(), "{}{}", out(&o), err(&o));
        has(
            &out(&o),
            &[
                "vflow flow: LOGIN_SMS，手机号 13800138000，目标为进程内模拟器 http://127.0.0.1:",
                " 1. 验证码    GET  /api/v2/sdk/captcha",
                "发件箱",
                "短信验证码已发送至 13800138000（LOGIN_SMS）",
                "登录成功：status SUCCESS",
                "流程完成：login/mobile-verify-code 接受了 LOGIN_SMS 验证码",
            ],
            &[
                "flow complete",
                "SMS code sent",
                "slider position",
                "against the",
            ],
        );
    }
    let o = run(&cfg, EN_OVER_ZH, &["flow"]);
    assert!(o.status.success());
    has(
        &out(&o),
        &[
            " 1. captcha   GET ",
            "SMS code sent to 13800138000 (LOGIN_SMS)",
            "flow complete",
        ],
        &["流程完成", "验证码"],
    );
    // a usage error in Chinese too
    let o = run(&cfg, ZH_LOCALE, &["flow", "--scene", "LOGIN"]);
    assert_eq!(o.status.code(), Some(2));
    has(
        &err(&o),
        &["\"LOGIN\" 不是场景", "LOGIN_SMS"],
        &["is not a scene"],
    );
}

#[test]
fn check_in_chinese_has_chinese_headings_verdicts_and_descriptions() {
    let cfg = config("check", "");
    let only = ["check", "--only", "success", "scene-unknown"];
    let zh_args: Vec<&str> = ["--ui-lang", "zh"].iter().chain(&only).copied().collect();
    for (env, args) in [(&[][..], &zh_args[..]), (ZH_LOCALE, &only[..])] {
        let o = run(&cfg, env, args);
        assert!(o.status.success(), "{}", err(&o));
        let t = out(&o);
        has(
            &t,
            &[
                "用例",
                "预期",
                "实际",
                "结论",
                "耗时",
                "通过",
                "2 个用例：通过 2 个，失败 0 个，跳过 0 个",
            ],
            &["case ", "expected", "verdict", "PASS", "cases:", "passed"],
        );
        has(
            &err(&o),
            &[
                "vflow check: 检查进程内模拟器",
                "用例集：内置用例集",
                "] 通过 success: 200 OK",
            ],
            &["case(s) of the", "PASS"],
        );
    }
    let o = run(&cfg, EN_OVER_ZH, &only);
    has(
        &out(&o),
        &["case", "verdict", "PASS", "2 cases: 2 passed"],
        &["用例", "通过"],
    );
    // the cases' descriptions in the UI language
    let t = out(&run(&cfg, ZH_LOCALE, &["check", "--list"]));
    has(
        &t,
        &[
            "未发送 X-agent：设备信息不完整",
            "需要通过令牌",
            "仅限模拟器",
        ],
        &["X-agent is not sent", "pass token]", "simulator only"],
    );
    let t = out(&run(&cfg, &[], &["check", "--list"]));
    has(&t, &["X-agent is not sent", "[pass token]"], &["未发送"]);
    let o = run(&cfg, ZH_LOCALE, &["check", "--only", "sucess"]);
    assert_eq!(o.status.code(), Some(2));
    has(
        &err(&o),
        &["没有名为该名称的用例", "success"],
        &["did you mean"],
    );
}

#[test]
fn a_failing_case_in_chinese_says_what_differed_in_chinese() {
    let suite = support::scratch("i18n-suite").join("suite.toml");
    std::fs::write(
        &suite,
        "[[case]]\nname = \"agent-less-success\"\ndescription = \"expects success without X-agent\"\n\
description_zh = \"不带 X-agent 却预期成功\"\nomit_headers = [\"X-agent\"]\nexpect = { success = true }\n\n\
[[case]]\nname = \"english-only\"\ndescription = \"no Chinese description\"\nomit_headers = [\"X-agent\"]\n\
expect = { success = true }\n",
    )
    .unwrap();
    let cfg = config("check-fail", "");
    let o = run(
        &cfg,
        ZH_LOCALE,
        &["check", "--suite", suite.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    let t = out(&o);
    has(
        &t,
        &[
            "失败 agent-less-success：应为 200 OK，实际为 400 IDAAS.SDK.PARAM.0001",
            "  用例：不带 X-agent 却预期成功",
            "  实际得到：",
            "接口错误：设备信息不完整",
            // a suite without description_zh shows the English one
            "  用例：no Chinese description",
        ],
        &["FAIL ", "what it got", "expected 200 OK", "API error"],
    );
}

#[test]
fn probe_in_chinese_has_chinese_headings_verdicts_and_titles() {
    let cfg = config("probe", "");
    let o = run(&cfg, ZH_LOCALE, &["probe", "--only", "forged"]);
    assert!(o.status.success(), "{}", err(&o));
    has(
        &out(&o),
        &[
            "探测",
            "结论",
            "短信",
            "请求数",
            "守住 forged：伪造的通过令牌",
            "文档中的示例：400 IDAAS.SDK.CAPTCHA.0003",
            "1 个探测：守住 1 个",
        ],
        &["held", "verdict", "probes:", "the documentation's example"],
    );
    has(
        &err(&o),
        &["探测进程内模拟器", "守住 forged（0 条短信，4 个请求）"],
        &["probe(s) of the", "requests)"],
    );
    let o = run(&cfg, &[], &["probe", "--only", "forged"]);
    has(
        &out(&o),
        &["held forged: forged pass tokens", "1 probes: 1 held"],
        &["守住"],
    );
}

#[test]
fn import_in_chinese_and_its_json_in_english() {
    let dir = support::scratch("i18n-import");
    let f = dir.join("r.curl");
    std::fs::write(
        &f,
        "curl http://127.0.0.1:9/api/v2/sdk/sms/send -H 'Content-Type: application/json' \
-d '{\"mobile\":\"13800138000\",\"type\":\"LOGIN_SMS\",\"captcha_token\":\"a---b\"}'",
    )
    .unwrap();
    let cfg = config("import", "");
    let o = run(&cfg, ZH_LOCALE, &["import", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    has(
        &out(&o),
        &[
            "读取为：curl 命令",
            "请求头（1 个",
            "请求体：JSON 对象，3 个字段：",
            "发送前的警告：",
            "通过令牌只能使用一次",
            "发送命令：vflow send --from",
        ],
        &[
            "read as:",
            "headers (",
            "warnings before sending",
            "send it with",
        ],
    );
    let o = run(&cfg, ZH_LOCALE, &["import", f.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v["warnings"][0]
            .as_str()
            .unwrap()
            .starts_with("the request carries a captcha pass token"),
        "{v}"
    );
}

#[test]
fn captcha_in_chinese_keeps_the_lines_scripts_read() {
    let cfg = config("captcha", "");
    let o = run(&cfg, ZH_LOCALE, &["captcha", "get"]);
    assert!(o.status.success(), "{}", err(&o));
    let t = out(&o);
    // `token:` is the API's field, read by scripts: as it is
    assert!(t.lines().any(|l| l.starts_with("token: ")), "{t}");
    has(
        &t,
        &["注意：这个拼图来自进程内模拟器"],
        &["note: this puzzle"],
    );
    has(&err(&o), &[" 1. 验证码 "], &[" 1. captcha "]);

    // solve, with the x on stdin: x = 0 misses every hole
    let mut c = support::command(&cfg);
    c.env("LANG", "zh_CN.UTF-8")
        .args(["captcha", "solve", "--sender", "13800138000"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, "0").unwrap();
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(o.stdout.is_empty(), "no pass token: {}", out(&o));
    has(
        &err(&o),
        &[
            "从标准输入读取拼图块左边缘的 x（0-263）",
            "== 2 校验",
            "--- en ---",
        ],
        &["reading the x", "== 2 verify", "--- zh ---"],
    );
}

#[test]
fn the_proxys_line_says_why_in_the_ui_language() {
    use vflow::api::Lang;
    use vflow::client::proxy::Recorded;
    use vflow::tui::fixtures;
    let spec = vflow::client::build::sms_send(
        "http://127.0.0.1:8081",
        fixtures::headers(),
        "LOGIN_SMS",
        "13800138000",
        "x",
    );
    let code = "IDAAS.SDK.CAPTCHA.0005";
    let x = fixtures::exchange(
        &spec,
        Some(fixtures::json_response(400, &fixtures::error_body(code))),
    );
    let r = Recorded {
        id: 1,
        client: "127.0.0.1:50000".parse().unwrap(),
        exchange: x,
        refused: None,
    };
    let ctx = vflow::client::ExplainContext::default();
    let line = |lang| vflow::cli::proxy::line(&r, &ctx, None, lang);
    has(
        &line(Lang::En),
        &[code, "API error: Unknown sending scenario"],
        &["接口错误"],
    );
    has(
        &line(Lang::Zh),
        &[code, "接口错误：未知的发送场景"],
        &["API error"],
    );
    let refused = Recorded {
        refused: Some("CONNECT is not forwarded".into()),
        ..r
    };
    let zh = vflow::cli::proxy::line(&refused, &ctx, None, Lang::Zh);
    has(&zh, &["已拒绝：CONNECT is not forwarded"], &["REFUSED"]);
}

/// Import problems come from the client as data and are worded in the UI language: the
/// reason, and where, in Chinese; the input's words and the parsers' own details as they are.
#[test]
fn import_errors_and_notes_in_chinese_and_the_english_run_is_unchanged() {
    let cfg = config("import-errors", "");
    let dir = support::scratch("i18n-import-errors");
    let prose = dir.join("prose.txt");
    std::fs::write(&prose, "hello world\n").unwrap();
    let option = dir.join("form.curl");
    std::fs::write(
        &option,
        "curl 'http://127.0.0.1:9/api/v2/sdk/sms/send' --form x=1\n",
    )
    .unwrap();
    let har = dir.join("broken.har");
    std::fs::write(&har, "{\"log\": {\"version\": \"1.2\", \"entries\": [}").unwrap();
    let compressed = dir.join("compressed.curl");
    std::fs::write(
        &compressed,
        "curl 'http://127.0.0.1:9/api/v2/sdk/sms/send' --compressed --data-raw '{\"mobile\":\"13800138000\"}'\n",
    )
    .unwrap();
    let path = |p: &PathBuf| p.to_str().unwrap().to_string();

    let zh = err(&run(&cfg, ZH_LOCALE, &["import", &path(&prose)]));
    has(
        &zh,
        &[
            "既不是 curl 命令、HAR 文件，也不是原始 HTTP/1.1 请求",
            "（第 1 行第 1 列）",
        ],
        &["not a curl command", " at 1:1"],
    );
    let zh = err(&run(&cfg, ZH_LOCALE, &["import", &path(&option)]));
    has(
        &zh,
        &["不支持的 curl 选项 --form（第 1 行第 "],
        &["unsupported"],
    );
    let zh = err(&run(&cfg, ZH_LOCALE, &["import", &path(&har)]));
    has(
        &zh,
        &["不是有效的 HAR 文件：", "（第 1 行第 "],
        &["not a valid"],
    );
    // `vflow send --from` reads the file the same way
    let zh = err(&run(
        &cfg,
        ZH_LOCALE,
        &[
            "send",
            "--from",
            &path(&option),
            "--target",
            "http://127.0.0.1:9",
        ],
    ));
    has(&zh, &["不支持的 curl 选项 --form"], &["unsupported"]);
    let o = run(&cfg, ZH_LOCALE, &["import", &path(&compressed)]);
    assert!(o.status.success(), "{}", err(&o));
    has(
        &out(&o),
        &[
            "--compressed：原客户端接受压缩的响应",
            "未指定 Content-Type",
        ],
        &["the original client", "no Content-Type given"],
    );

    // English as before
    let en = err(&run(&cfg, EN_OVER_ZH, &["import", &path(&prose)]));
    has(
        &en,
        &[
            "not a curl command, a HAR file or a raw HTTP/1.1 request (METHOD /path HTTP/1.1) at 1:1",
        ],
        &["第"],
    );
    let en = err(&run(&cfg, EN_OVER_ZH, &["import", &path(&option)]));
    has(&en, &["unsupported curl option --form at 1:"], &[]);
    // --json keeps its English notes whatever the UI language
    let j = out(&run(
        &cfg,
        ZH_LOCALE,
        &["import", "--json", &path(&compressed)],
    ));
    let v: serde_json::Value = serde_json::from_str(&j).unwrap();
    assert_eq!(
        v["notes"][0],
        "--compressed: the original client accepted compressed answers; vflow asks for none"
    );
}

/// A CA file that cannot be read: the sentence in Chinese, the OS's words kept as the detail.
#[test]
fn http_set_up_errors_in_chinese() {
    let cfg = config("ca-file", "");
    let missing = support::scratch("i18n-ca-file").join("missing.pem");
    let args = [
        "send",
        "--ca-file",
        missing.to_str().unwrap(),
        "--target",
        "https://127.0.0.1:9",
    ];
    let zh = err(&run(&cfg, ZH_LOCALE, &args));
    has(&zh, &["无法读取 CA 文件", "os error"], &["cannot read"]);
    let en = err(&run(&cfg, EN_OVER_ZH, &args));
    has(&en, &["cannot read CA file", "os error"], &["无法"]);
}

#[test]
fn a_history_that_cannot_be_written_is_a_warning_in_the_ui_language() {
    let cfg = config("history-blocked", "");
    // history.jsonl is a directory: appending to it fails, the send itself does not.
    let data = cfg.parent().unwrap().join("data/vflow/history.jsonl");
    std::fs::create_dir_all(&data).unwrap();
    let o = run(&cfg, ZH_LOCALE, BAD_SCENE);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    has(
        &err(&o),
        &["vflow: 警告：本次请求未写入历史（", "history.jsonl）："],
        &["was not added to the history"],
    );
    let o = run(&cfg, &[], BAD_SCENE);
    has(
        &err(&o),
        &["vflow: warning: the exchange was not added to the history ("],
        &["未写入历史"],
    );
}

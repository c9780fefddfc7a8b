//! The built binary, without a simulator: help, codes, config, completions,
//! usage and config errors (exit 2), transport failures (exit 3), --curl and --json.
//! Every run points VFLOW_CONFIG at a temporary file: the real user config is never read.

use std::path::PathBuf;
use std::process::{Command, Output};

mod support;

fn tmp(name: &str) -> PathBuf {
    support::scratch(&format!("cli-{name}"))
}

fn vflow(config: &std::path::Path, args: &[&str]) -> Output {
    support::run(config, args)
}

fn empty_config(name: &str) -> PathBuf {
    let f = tmp(name).join("config.toml");
    std::fs::write(&f, "").unwrap();
    f
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn closed_port() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let a = l.local_addr().unwrap();
    drop(l);
    format!("http://{a}")
}

#[test]
fn help_everywhere() {
    let cfg = empty_config("help");
    for cmd in [
        vec!["--help"],
        vec!["send", "--help"],
        vec!["captcha", "--help"],
        vec!["captcha", "get", "--help"],
        vec!["captcha", "verify", "--help"],
        vec!["flow", "--help"],
        vec!["codes", "--help"],
        vec!["config", "--help"],
        vec!["config", "init", "--help"],
        vec!["completions", "--help"],
    ] {
        let o = vflow(&cfg, &cmd);
        assert!(o.status.success(), "{cmd:?}");
        assert!(text(&o).contains("Usage:"), "{cmd:?}");
    }
}

#[test]
fn codes_table_and_one_code() {
    let cfg = empty_config("codes");
    let o = vflow(&cfg, &["codes"]);
    assert!(o.status.success());
    let t = text(&o);
    assert!(t.contains("IDAAS.SDK.PARAM.0001") && t.contains("Device information is incomplete"));
    let o = vflow(&cfg, &["codes", "CAPTCHA.0003"]);
    assert!(o.status.success());
    assert!(text(&o).contains("图形验证码校验通过令牌已失效"));
    let o = vflow(&cfg, &["codes", "NOPE.1"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn config_path_init_refuses_overwrite_and_show() {
    let f = tmp("init").join("sub").join("vflow.toml");
    let o = vflow(&f, &["config", "path"]);
    assert_eq!(text(&o).trim(), f.display().to_string());
    let o = vflow(&f, &["config", "init"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), vflow::config::EXAMPLE);
    let o = vflow(&f, &["config", "init"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--force"));
    let o = vflow(&f, &["config", "init", "--force"]);
    assert!(o.status.success());
    let o = vflow(&f, &["--profile", "staging", "config", "show", "--json"]);
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["target"], "https://staging.example.com");
    assert_eq!(v["lang"], "zh");
}

#[test]
fn env_overrides_file_and_flags_override_env() {
    let f = tmp("prec").join("c.toml");
    std::fs::write(&f, "[profiles.default]\nlang = \"zh\"\ntimeout = \"9s\"\n").unwrap();
    let show = |extra_env: &[(&str, &str)], args: &[&str]| {
        let mut c = support::command(&f);
        for (k, v) in extra_env {
            c.env(k, v);
        }
        let mut all = args.to_vec();
        all.extend(["config", "show", "--json"]);
        let o = c.args(all).output().unwrap();
        assert!(o.status.success(), "{}", err(&o));
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    let v = show(&[], &[]);
    assert_eq!(v["lang"], "zh");
    assert_eq!(v["http"]["timeout"], "9s");
    let v = show(&[("VFLOW_LANG", "en"), ("VFLOW_TIMEOUT", "3s")], &[]);
    assert_eq!(v["lang"], "en");
    assert_eq!(v["http"]["timeout"], "3s");
    let v = show(&[("VFLOW_LANG", "en")], &["--lang", "fr"]);
    assert_eq!(v["lang"], "fr");
    let v = show(&[("VFLOW_CLIENT_ID", "env-id")], &[]);
    assert_eq!(v["client_id"], "env-id");
    let v = show(&[("VFLOW_INSECURE", "1"), ("VFLOW_REDACT", "yes")], &[]);
    assert_eq!(
        (v["http"]["insecure"].as_bool(), v["redact"].as_bool()),
        (Some(true), Some(true))
    );
    let v = show(&[("VFLOW_INSECURE", "0"), ("VFLOW_REDACT", "false")], &[]);
    assert_eq!(
        (v["http"]["insecure"].as_bool(), v["redact"].as_bool()),
        (Some(false), Some(false))
    );
}

#[test]
fn malformed_config_is_exit_2_with_file_and_line() {
    let f = tmp("bad").join("bad.toml");
    std::fs::write(&f, "[profiles.default]\ntimeout = 5\n").unwrap();
    let o = vflow(&f, &["send", "--scene", "LOGIN_SMS"]);
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(
        e.contains("bad.toml:2:") && e.contains("profiles.default.timeout"),
        "{e}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let cfg = empty_config("usage");
    assert_eq!(vflow(&cfg, &["send", "--bogus"]).status.code(), Some(2));
    assert_eq!(
        vflow(&cfg, &["send", "--header", "no colon"]).status.code(),
        Some(2)
    );
    assert_eq!(
        vflow(&cfg, &["--timeout", "soon", "codes"]).status.code(),
        Some(2)
    );
    assert_eq!(
        vflow(&cfg, &["--target", "ftp://x", "send"]).status.code(),
        Some(2)
    );
}

#[test]
fn transport_failure_exits_3_and_json_parses_back() {
    let cfg = empty_config("transport");
    let target = closed_port();
    let o = vflow(
        &cfg,
        &[
            "--target",
            &target,
            "send",
            "--scene",
            "LOGIN_SMS",
            "--mobile",
            "13800138000",
            "--captcha-token",
            "t---{}",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(3), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["outcome"]["class"], "transport");
    assert_eq!(v["outcome"]["kind"], "connection_refused");
    assert_eq!(v["exit_code"], 3);
    assert!(v["response"].is_null());
    assert_eq!(v["explanation"]["code"], "connection_refused");
    assert_eq!(v["request"]["method"], "POST");
    let names: Vec<&str> = v["request"]["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert_eq!(names[0], "host");
    assert!(names.contains(&"x-client-id") && names.contains(&"content-length"));
    let body: serde_json::Value =
        serde_json::from_str(v["request"]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["type"], "LOGIN_SMS");
    // human form: request, no response, explanation in both languages
    let o = vflow(
        &cfg,
        &["--target", &target, "--lang", "zh", "send", "--scene", "X"],
    );
    assert_eq!(o.status.code(), Some(3));
    let t = text(&o);
    assert!(
        t.contains("> POST ") && t.contains("连接被拒绝") && t.contains("Connection refused"),
        "{t}"
    );
}

#[test]
fn curl_and_redact() {
    let cfg = empty_config("curl");
    let o = vflow(
        &cfg,
        &[
            "--target",
            "http://127.0.0.1:8080",
            "--redact",
            "send",
            "--scene",
            "LOGIN_SMS",
            "--mobile",
            "13800138000",
            "--captcha-token",
            "71dd26999e314f9abb0c635336976635---{\"x\":237.0,\"y\":5.0}",
            "--omit-header",
            "X-agent",
            "--header",
            "X-L:",
            "--curl",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let t = text(&o);
    assert!(t.starts_with("curl "), "{t}");
    assert!(
        t.contains("138******00") && !t.contains("13800138000"),
        "{t}"
    );
    assert!(
        !t.contains("26999e314f") && !t.contains("WeE6aojPwY"),
        "{t}"
    );
    assert!(
        t.contains("'x-l;'") && !t.to_ascii_lowercase().contains("x-agent"),
        "{t}"
    );
}

#[test]
fn omitted_body_fields_are_not_sent() {
    let cfg = empty_config("omit");
    let o = vflow(
        &cfg,
        &[
            "--target",
            "http://127.0.0.1:8080",
            "send",
            "--scene",
            "LOGIN_SMS",
            "--mobile",
            "",
            "--curl",
        ],
    );
    let t = text(&o);
    assert!(t.contains(r#"{"mobile":"","type":"LOGIN_SMS"}"#), "{t}");
}

#[test]
fn completions_for_bash() {
    let cfg = empty_config("compl");
    let o = vflow(&cfg, &["completions", "bash"]);
    assert!(o.status.success());
    assert!(text(&o).contains("vflow"));
}

#[test]
fn http_proxy_from_the_environment_is_used() {
    use std::io::{Read, Write};
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy = format!("http://{}", l.local_addr().unwrap());
    let h = std::thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = s.read(&mut chunk).unwrap();
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        s.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            .unwrap();
        String::from_utf8_lossy(&buf).into_owned()
    });
    let cfg = empty_config("proxy");
    // Not support::command: that one bypasses proxies, and this test needs one.
    let mut c = Command::new(env!("CARGO_BIN_EXE_vflow"));
    for (k, _) in std::env::vars() {
        if k.starts_with("VFLOW_") || k.to_ascii_lowercase().ends_with("_proxy") {
            c.env_remove(k);
        }
    }
    let o = c
        .env("VFLOW_CONFIG", &cfg)
        .env("HTTP_PROXY", &proxy)
        .args([
            "--target",
            "http://tenant.invalid",
            "send",
            "--scene",
            "LOGIN_SMS",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let head = h.join().unwrap();
    assert!(
        head.starts_with("POST http://tenant.invalid/api/v2/sdk/sms/send HTTP/1.1\r\n"),
        "{head}"
    );
}

// ---- issue 15, item 12: CLI details ---------------------------------------------------

#[test]
fn codes_are_listed_in_order() {
    let cfg = empty_config("codes-sorted");
    let o = vflow(&cfg, &["codes"]);
    assert!(o.status.success());
    let codes: Vec<String> = text(&o)
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    assert!(codes.len() > 10, "{codes:?}");
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted);
    let at = |c: &str| codes.iter().position(|x| x.ends_with(c)).unwrap();
    assert!(at("CAPTCHA.0002") < at("CAPTCHA.0006"));
}

#[test]
fn bash_completion_offers_the_scenes_and_the_codes() {
    let cfg = empty_config("compl-values");
    let o = vflow(&cfg, &["completions", "bash"]);
    assert!(o.status.success());
    let script = text(&o);
    let scenes =
        "LOGIN_SMS REGISTER_SMS FORGET_PWD_SMS UPDATE_PWD_SMS UPDATE_MOBILE_SMS BIND_MOBILE_SMS";
    for s in scenes.split(' ') {
        assert!(script.contains(s), "{s} in the bash script");
    }
    // --scene of send completes the scenes, not file names
    let send = script
        .split("vflow__subcmd__send)")
        .nth(1)
        .expect("the send section");
    let scene = send.split("--scene)").nth(1).expect("--scene case");
    let scene = scene.split(";;").next().unwrap();
    assert!(
        scene.contains("LOGIN_SMS") && !scene.contains("compgen -f"),
        "{scene}"
    );
    // vflow codes <TAB>: the catalogue's codes
    let codes = script
        .split("vflow__subcmd__codes)")
        .nth(1)
        .expect("the codes section");
    let codes = codes.split("opts=").nth(1).unwrap().lines().next().unwrap();
    assert!(codes.contains("IDAAS.SDK.CAPTCHA.0002"), "{codes}");
    assert!(codes.contains("IDAAS.SDK.PARAM.0001"), "{codes}");
    // any scene is still accepted (to test how the server answers an unknown one)
    let o = vflow(
        &cfg,
        &[
            "send",
            "--scene",
            "NOT_A_SCENE",
            "--mobile",
            "1",
            "--captcha-token",
            "x",
            "--curl",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
}

#[test]
fn config_show_says_the_fingerprint_is_generated_per_run_unless_the_profile_keeps_one() {
    let cfg = empty_config("fp");
    let fp = |o: &Output| {
        text(o)
            .lines()
            .find(|l| l.trim_start().starts_with("X-device-fingerprint:"))
            .unwrap_or_default()
            .to_string()
    };
    let o = vflow(&cfg, &["config", "show"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(fp(&o).contains("generated for this run"), "{}", text(&o));
    let f = tmp("fp-kept").join("config.toml");
    std::fs::write(
        &f,
        "[profiles.default]\nfingerprint = \"156aysdna213sc50\"\n",
    )
    .unwrap();
    let a = vflow(&f, &["config", "show"]);
    let b = vflow(&f, &["config", "show"]);
    assert!(a.status.success(), "{}", err(&a));
    assert_eq!(fp(&a), fp(&b));
    assert!(fp(&a).contains("156aysdna213sc50"), "{}", text(&a));
    assert!(!fp(&a).contains("generated"), "{}", text(&a));
}

#[test]
fn send_help_at_80_columns_keeps_the_captcha_token_option_whole() {
    let cfg = empty_config("help80");
    let o = support::command(&cfg)
        .args(["send", "--help"])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    assert!(o.status.success());
    let t = text(&o);
    assert!(t.lines().all(|l| l.chars().count() <= 80), "{t}");
    let examples = t.split("Examples:").nth(1).expect("examples");
    for l in examples.lines() {
        // a flag is never split: every `--` word is a whole option name
        for w in l.split_whitespace().filter(|w| w.starts_with("--")) {
            let known = [
                "--target",
                "--scene",
                "--mobile",
                "--captcha-token",
                "--omit-header",
                "--json",
                "--curl",
                "--redact",
            ];
            assert!(known.contains(&w), "{w} in {l:?}:\n{t}");
        }
    }
    assert!(examples.contains("--captcha-token 'TOKEN---"), "{examples}");
}

/// A file name that is not UTF-8 (legal on Linux) is reported like any missing file, by the
/// command and by the TUI's `--import`: exit 2 and the name, never a panic.
#[test]
fn an_argument_that_is_not_utf8_gets_a_message_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let cfg = empty_config("non-utf8");
    let dir = tmp("non-utf8");
    let mut name = dir.as_os_str().as_bytes().to_vec();
    name.extend_from_slice(b"/no\xffsuch.txt");
    let path = std::ffi::OsStr::from_bytes(&name);
    for args in [
        vec!["import".as_ref(), path],
        vec!["--import".as_ref(), path],
    ] {
        let out = support::command(&cfg).args(&args).output().unwrap();
        let e = err(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {e}");
        assert!(
            e.contains("no\u{fffd}such.txt") && e.contains("cannot read"),
            "{e}"
        );
        assert!(!e.contains("panicked"), "{e}");
    }
}

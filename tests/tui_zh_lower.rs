//! Words from the layers below the TUI on Chinese screens: the pass token's analysis,
//! import problems, notes and HAR skip reasons, the history's sources and results, the
//! Traffic screen's code column (and its filter, which matches what the row shows). The
//! lower layers return data; the words are the UI language's, the English ones unchanged.

mod zh_screens;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use vflow::api::Lang;
use vflow::client::history::Source;
use vflow::tui::app::{App, Msg, Screen, Step, update};
use vflow::tui::fixtures::{app, filled, key, typed, with_result};
use zh_screens::{assert_chinese, assert_rows_fit, english_left, in_chinese};

/// The catalogue files whose English must not show on these Chinese screens.
const FILES: &[&str] = &["client", "tui-lists", "tui-token"];

/// Snapshots at both sizes, each screen checked for Chinese, no English phrase of
/// [`FILES`] and its rows' width; the screens' text.
fn snap_zh(name: &str, a: &mut App) -> Vec<String> {
    let mut screens = vec![];
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let t = zh_screens::draw(a, w, h);
        assert_rows_fit(&t);
        let text = zh_screens::text(&t);
        assert_chinese(&text, FILES);
        insta::assert_snapshot!(format!("{name}_zh_{w}x{h}"), t.backend());
        screens.push(text);
    }
    screens
}

fn flat(screens: &[String]) -> String {
    zh_screens::flat(&screens.join("\n"))
}

/// The screen at 160x48 as text (for the English runs).
fn screen(a: &mut App) -> String {
    zh_screens::flat(&zh_screens::text(&zh_screens::draw(a, 160, 48)))
}

#[test]
fn the_token_analysis_warns_in_chinese() {
    // Well formed, but TOKEN is short and not hex, and y is not 5.
    let token = "xyz---{\"x\":237.0,\"y\":7.5}";
    let (mut a, _) = app();
    in_chinese(&mut a);
    typed(&mut a, token);
    let f = flat(&snap_zh("token_warnings", &mut a));
    for want in [
        "TOKEN 为 3 个字符（并非全是十六进制）",
        "y 为 7.5：滑块拼图的 y 恒为 5",
    ] {
        assert!(f.contains(want), "{want} in {f}");
    }
    let (mut a, _) = app();
    typed(&mut a, token);
    let f = screen(&mut a);
    assert!(
        f.contains(
            "! TOKEN is 3 characters (not all hex); captcha/verify issues 32 hex characters"
        ),
        "{f}"
    );
    assert!(
        f.contains("! y is 7.5: the slider puzzle always has y = 5"),
        "{f}"
    );

    // Malformed: the shape's error in Chinese, the JSON parser's detail as it is.
    let (mut a, _) = app();
    in_chinese(&mut a);
    typed(&mut a, "abc---{\"x\":1}");
    let f = screen(&mut a);
    assert!(f.contains("✗ POINT_JSON 部分缺少 \"y\""), "{f}");
    assert!(english_left(&f, &["client"]).is_empty(), "{f}");
}

fn open_import(a: &mut App) {
    update(
        a,
        Msg::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL)),
    );
    assert_eq!(a.screen, Screen::Import);
}

const HAR: &str = r#"{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[
{"startedDateTime":"2026-01-01T00:00:00Z","time":1,"request":{"method":"OPTIONS","url":"https://t.example/api/v2/sdk/sms/send","httpVersion":"HTTP/1.1","cookies":[],"headers":[],"queryString":[],"headersSize":-1,"bodySize":0},"response":{"status":204,"statusText":"","httpVersion":"HTTP/1.1","cookies":[],"headers":[],"content":{"size":0,"mimeType":""},"redirectURL":"","headersSize":-1,"bodySize":0},"cache":{},"timings":{"send":0,"wait":0,"receive":0}},
{"startedDateTime":"2026-01-01T00:00:00Z","time":1,"request":{"method":"GET","url":"https://t.example/static/app.js","httpVersion":"HTTP/1.1","cookies":[],"headers":[],"queryString":[],"headersSize":-1,"bodySize":0},"response":{"status":200,"statusText":"","httpVersion":"HTTP/1.1","cookies":[],"headers":[],"content":{"size":0,"mimeType":""},"redirectURL":"","headersSize":-1,"bodySize":0},"cache":{},"timings":{"send":0,"wait":0,"receive":0}},
{"startedDateTime":"2026-01-01T00:00:00Z","time":1,"request":{"method":"POST","url":"https://t.example/api/v2/sdk/sms/send","httpVersion":"HTTP/2","cookies":[],"headers":[{"name":":path","value":"/api/v2/sdk/sms/send"},{"name":"content-type","value":"application/json"}],"queryString":[],"postData":{"mimeType":"application/json","text":"{\"mobile\":\"13800138000\",\"type\":\"LOGIN_SMS\"}"},"headersSize":-1,"bodySize":0},"response":{"status":200,"statusText":"","httpVersion":"HTTP/1.1","cookies":[],"headers":[],"content":{"size":0,"mimeType":""},"redirectURL":"","headersSize":-1,"bodySize":0},"cache":{},"timings":{"send":0,"wait":0,"receive":0}}
]}}"#;

#[test]
fn import_problems_notes_and_skip_reasons_in_chinese() {
    let (mut a, _) = app();
    in_chinese(&mut a);
    open_import(&mut a);
    update(
        &mut a,
        Msg::Paste("curl 'https://t.example/api/v2/sdk/sms/send' --form x=1".into()),
    );
    let f = flat(&snap_zh("import_error", &mut a));
    assert!(f.contains("✗ 不支持的 curl 选项 --form（第 1 行第 "), "{f}");

    let (mut a, _) = app();
    in_chinese(&mut a);
    open_import(&mut a);
    update(&mut a, Msg::Paste(HAR.into()));
    let f = flat(&snap_zh("import_har", &mut a));
    for want in [
        "CORS 预检请求（OPTIONS）",
        "不是厂商接口路径（/api/v2/sdk/...）",
        "已略去 HTTP/2 伪请求头",
        "HAR：POST https://t.example/api/v2/sdk/sms/send",
    ] {
        assert!(f.contains(want), "{want} in {f}");
    }

    // The English screen as before.
    let (mut a, _) = app();
    open_import(&mut a);
    update(&mut a, Msg::Paste(HAR.into()));
    let f = screen(&mut a);
    for want in [
        "a CORS preflight (OPTIONS)",
        "not a vendor-API path (/api/v2/sdk/...)",
        "HTTP/2 pseudo-headers (:method, :path, ...) left out: vflow sends HTTP/1.1",
        "HAR: POST https://t.example/api/v2/sdk/sms/send",
    ] {
        assert!(f.contains(want), "{want} in {f}");
    }
}

/// A history of three failed sends: from the TUI, the CLI and the proxy.
fn three_sources() -> App {
    let (a, _) = filled(Step::Review);
    let mut a = with_result(a, None);
    let mut cli = a.history[0].clone();
    cli.source = Source::Cli;
    let mut proxy = a.history[0].clone();
    proxy.source = Source::Proxy;
    a.history.extend([cli, proxy]);
    a
}

#[test]
fn history_sources_and_results_in_chinese() {
    let mut a = three_sources();
    let mut en = three_sources();
    in_chinese(&mut a);
    key(&mut a, KeyCode::F(3));
    assert_eq!(a.screen, Screen::History);
    let s = snap_zh("history_sources", &mut a);
    let big = &s[1];
    let row = |text: &str, n: usize| {
        text.lines()
            .filter(|l| l.contains("LOGIN_SMS"))
            .nth(n)
            .unwrap_or_default()
            .to_string()
    };
    assert!(row(big, 1).contains("CLI"), "{big}");
    assert!(row(big, 2).contains("代理"), "{big}");
    assert!(row(big, 0).contains("连接被拒绝"), "{big}");
    assert!(
        !big.contains("proxy") && !big.contains("connection refused"),
        "{big}"
    );

    key(&mut en, KeyCode::F(3));
    let f = zh_screens::text(&zh_screens::draw(&mut en, 160, 48));
    assert!(row(&f, 2).contains("proxy"), "{f}");
    assert!(row(&f, 0).contains("connection refused"), "{f}");
}

/// Type `filter` into the Traffic screen's filter: how many rows match.
fn filtered(a: &mut App, filter: &str) -> usize {
    key(a, KeyCode::Char('/'));
    assert!(a.traffic.filtering);
    typed(a, filter);
    key(a, KeyCode::Enter);
    let n = a.traffic.shown();
    key(a, KeyCode::Esc);
    n
}

#[test]
fn the_traffic_filter_matches_the_code_column_as_shown() {
    // 8 exchanges: 2 each of ok, PARAM.0001, CAPTCHA.0003 and a refused CONNECT.
    let mut a = vflow::tui::fixtures::traffic(8);
    in_chinese(&mut a);
    let f = screen(&mut a);
    assert!(f.contains("200 成功") && f.contains("405 已拒绝"), "{f}");
    assert!(!f.contains("REFUSED") && !f.contains(" ok "), "{f}");
    assert_eq!(filtered(&mut a, "已拒绝"), 2);
    assert_eq!(filtered(&mut a, "成功"), 2);
    assert_eq!(filtered(&mut a, "refused"), 0, "not shown, not matched");
    assert_eq!(filtered(&mut a, "CAPTCHA.0003"), 2, "codes as they are");

    let mut a = vflow::tui::fixtures::traffic(8);
    assert_eq!(a.ui_lang, Lang::En);
    assert_eq!(filtered(&mut a, "refused"), 2);
    assert_eq!(filtered(&mut a, "已拒绝"), 0);
}

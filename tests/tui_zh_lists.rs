//! The token step, the help overlay, History, Import and Traffic in Chinese
//! (`ui_lang = zh`): snapshots at 80x24 and 160x48 beside the English ones,
//! no English phrase of these screens' catalogue files left on screen, and
//! every row exactly as wide as the screen.

mod zh_screens;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Duration;
use vflow::tui::app::{App, Msg, Screen, Step, update};
use vflow::tui::fixtures::{app, error_body, filled, json_response, key, typed, with_result};
use zh_screens::{assert_chinese, assert_rows_fit, in_chinese};

/// The catalogue files of these screens (their English phrases must not show in Chinese).
const FILES: &[&str] = &[
    "tui-keys",
    "tui-help",
    "tui-token",
    "tui-lists",
    "tui-runtime",
];

/// Snapshots at both sizes, each screen checked for Chinese and its rows' width.
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

#[test]
fn token_step_empty_speaks_to_a_person_first() {
    let (mut a, _) = app();
    in_chinese(&mut a);
    let s = snap_zh("token_empty", &mut a);
    let small = &s[0];
    // the plain words first, the protocol a line further down
    let what = small.find("通过令牌证明").expect("what a pass token is");
    let protocol = small.find("TOKEN---POINT_JSON").expect("the protocol");
    assert!(what < protocol, "{small}");
    let f = flat(&s);
    for want in [
        "三种获取方式",
        "解滑块拼图",
        "自动获取",
        "粘贴",
        "IDAAS.SDK.PARAM.0008",
    ] {
        assert!(f.contains(want), "{want} in {f}");
    }
    // the footer in Chinese, the key names as they are
    assert!(small.contains("Enter 下一步"), "{small}");
    assert!(small.contains("Ctrl+P 解滑块拼图"), "{small}");
}

#[test]
fn token_step_valid_and_malformed() {
    let (mut a, clock) = filled(Step::Token);
    clock.advance(Duration::from_secs(42));
    a.screen = Screen::Wizard(Step::Token);
    in_chinese(&mut a);
    let s = snap_zh("token_valid", &mut a);
    let f = flat(&s);
    assert!(f.contains("✓ 格式为 TOKEN---POINT_JSON"), "{f}");
    assert!(
        f.contains("42 秒前为发送方 13800138000 获取；138 秒后过期"),
        "{f}"
    );

    let (mut a, _) = app();
    in_chinese(&mut a);
    typed(
        &mut a,
        "71dd26999e314f9abb0c635336976635{\"x\":237.0,\"y\":5.0}",
    );
    let s = snap_zh("token_malformed", &mut a);
    assert!(flat(&s).contains("仍可发送：服务器应返回 CAPTCHA.0004"));
}

#[test]
fn help_overlay_in_chinese() {
    let (a, _) = filled(Step::Review);
    let mut a = with_result(
        a,
        Some(json_response(400, &error_body("IDAAS.SDK.PARAM.0002"))),
    );
    in_chinese(&mut a);
    key(&mut a, KeyCode::Char('?'));
    assert!(a.help.open);
    let s = snap_zh("help", &mut a);
    let f = flat(&s);
    for want in [
        "帮助",
        "本页",
        "任何页面",
        "流程：",
        "退出（任何时候）",
        "关闭本帮助",
    ] {
        assert!(f.contains(want), "{want} in {f}");
    }
    for gone in ["This screen", "Everywhere", "closes this help"] {
        assert!(!f.contains(gone), "{gone} in {f}");
    }
    // the columns line up: the global keys start at the same column on every row
    let big = &s[1];
    let cols: Vec<usize> = big
        .lines()
        .filter_map(|r| zh_screens::column_of(r, "Ctrl+C").or(zh_screens::column_of(r, "F2  ")))
        .collect();
    assert!(
        !cols.is_empty() && cols.iter().all(|c| *c == cols[0]),
        "{cols:?}\n{big}"
    );
}

#[test]
fn history_in_chinese() {
    let (a, _) = filled(Step::Review);
    let a = with_result(
        a,
        Some(json_response(400, &error_body("IDAAS.SDK.CAPTCHA.0003"))),
    );
    let mut a = with_result(a, None);
    in_chinese(&mut a);
    key(&mut a, KeyCode::F(3));
    assert_eq!(a.screen, Screen::History);
    let s = snap_zh("history", &mut a);
    let f = flat(&s);
    for want in ["历史（2 次请求）", "时间", "场景", "手机号", "结果", "耗时"] {
        assert!(f.contains(want), "{want} in {f}");
    }
}

const CURL: &str = r#"curl 'https://tenant.example.com/api/v2/sdk/sms/send' -H 'content-type: application/json' -H 'X-client-id: nTo1eRIub60vPb54WeE6aojPwYwImtl4' --data-raw '{"mobile":"13800138000","type":"LOGIN_SMS","remark":"x"}'"#;

#[test]
fn import_in_chinese() {
    let (mut a, _) = app();
    in_chinese(&mut a);
    update(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL)),
    );
    assert_eq!(a.screen, Screen::Import);
    let s = snap_zh("import_empty", &mut a);
    assert!(flat(&s).contains("粘贴你的 App 发出的请求"));
    update(&mut a, Msg::Paste(CURL.into()));
    let s = snap_zh("import_parsed", &mut a);
    let f = flat(&s);
    for want in [
        "已识别",
        "请求头（2 个",
        "不是 sms/send 的字段",
        "Enter：进入核对",
    ] {
        assert!(f.contains(want), "{want} in {f}");
    }
    // Enter: the review, with the notice in Chinese
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Wizard(Step::Review));
    let n = a.notice.as_ref().expect("a notice");
    assert!(n.text.contains("已按 App 发出的原样导入"), "{}", n.text);
}

#[test]
fn traffic_list_and_detail_in_chinese() {
    let mut a = vflow::tui::fixtures::traffic(9);
    in_chinese(&mut a);
    let s = snap_zh("traffic_list", &mut a);
    let f = flat(&s);
    for want in ["流量：", "9 次请求", "方法", "路径", "错误码"] {
        assert!(f.contains(want), "{want} in {f}");
    }
    key(&mut a, KeyCode::Enter);
    assert!(a.traffic.open.is_some());
    let s = snap_zh("traffic_detail", &mut a);
    let f = flat(&s);
    assert!(f.contains("请求（收到的原样）"), "{f}");
    for gone in ["Request (as received)", "Explanation", "Response:"] {
        assert!(!f.contains(gone), "{gone} in {f}");
    }
}

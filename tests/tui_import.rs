//! The Import screen (Ctrl+O on the token step): paste a request copied from
//! an app, see what was understood, review it exactly as imported, send it
//! to the simulator on 127.0.0.1 through the real update loop and runtime.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;
use vflow::client::Outcome;
use vflow::client::import::{self, Parsed};
use vflow::tui::app::{App, Cmd, Msg, Screen, Step, update};
use vflow::tui::fixtures::{app, key};
use vflow::tui::view;

mod support;

/// Chrome's "Copy as cURL (bash)" of the app's sms/send, without the
/// X-device-fingerprint header (the app forgot it), with a content-type
/// parameter, an extra header, header casing of its own and an unknown field.
const DEVTOOLS_CURL: &str = r#"curl 'https://tenant.example.com/api/v2/sdk/sms/send' \
  -H 'Accept: application/json, text/plain, */*' \
  -H 'content-type: application/json;charset=UTF-8' \
  -H 'x-AGENT: Mozilla/5.0 (Linux; Android 14; Pixel 8)' \
  -H 'X-client-id: nTo1eRIub60vPb54WeE6aojPwYwImtl4' \
  -H 'X-operating-sys-version: Android 14' \
  -H 'X-app-build: 4711' \
  --data-raw $'{"mobile":"13800138000","type":"LOGIN_SMS","captcha_token":"71dd26999e314f9abb0c635336976635---{\\"x\\":237.0,\\"y\\":5.0}","remark":"it\'s me"}' \
  --compressed"#;

fn screen_text(a: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(a.size.0, a.size.1)).unwrap();
    t.draw(|f| view(a, f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

fn ctrl(a: &mut App, c: char) -> Vec<Cmd> {
    update(
        a,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

fn snap(name: &str, a: &mut App) {
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        a.size = (w, h);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view(a, f)).unwrap();
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

#[test]
fn ctrl_o_opens_import_and_a_paste_shows_every_header_as_sent() {
    let (mut a, _) = app();
    ctrl(&mut a, 'o');
    assert_eq!(a.screen, Screen::Import);
    update(&mut a, Msg::Paste(DEVTOOLS_CURL.into()));
    a.size = (160, 48);
    let s = screen_text(&a);
    for want in [
        "curl command: POST https://tenant.example.com/api/v2/sdk/sms/send",
        "headers (6, as the app sent them, in order):",
        "content-type: application/json;charset=UTF-8",
        "x-AGENT: Mozilla/5.0 (Linux; Android 14; Pixel 8)",
        "X-app-build: 4711",
        "remark = \"it's me\"  (not a field of sms/send: kept and sent)",
    ] {
        assert!(s.contains(want), "{want:?} on\n{s}");
    }
    snap("import_parsed", &mut a);
}

#[test]
fn bad_input_names_line_and_column_and_imports_nothing() {
    let (mut a, _) = app();
    ctrl(&mut a, 'o');
    update(
        &mut a,
        Msg::Paste("curl 'https://t.example/api/v2/sdk/sms/send' --form 'a=b'".into()),
    );
    a.size = (160, 48);
    let s = screen_text(&a);
    assert!(
        s.contains("unsupported curl option --form at 1:"),
        "the error names the option and where:\n{s}"
    );
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Import, "nothing to take to the review");
    assert!(a.imported.is_none());
    snap("import_error", &mut a);
}

#[test]
fn the_review_keeps_the_request_exactly_and_warns_about_the_imported_token() {
    let (mut a, _) = app();
    ctrl(&mut a, 'o');
    update(&mut a, Msg::Paste(DEVTOOLS_CURL.into()));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Wizard(Step::Review));
    let Ok(Parsed::One(r)) = import::parse(DEVTOOLS_CURL) else {
        panic!("the sample parses");
    };
    let spec = a.send_spec();
    let names: Vec<&str> = spec.headers.iter().map(|h| h.name.as_str()).collect();
    let want: Vec<&str> = r.headers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, want, "names, order and casing as imported");
    assert_eq!(
        spec.body_bytes().unwrap(),
        r.body.clone().unwrap(),
        "the body byte for byte, unknown field included"
    );
    assert_eq!(spec.path, "/api/v2/sdk/sms/send");
    assert_eq!(
        spec.base_url, a.target.base_url,
        "sent to the target in use"
    );
    let w = a.warnings();
    assert!(
        w[0].contains("came with the imported request")
            && w[0].contains("probably spent or expired"),
        "{w:?}"
    );
    assert!(
        w.iter().any(|x| x.contains("X-device-fingerprint")),
        "the missing header is flagged before sending: {w:?}"
    );
    snap("import_review", &mut a);

    // Editing the token changes only that field; the rest stays as imported.
    key(&mut a, KeyCode::Char('t'));
    assert_eq!(a.screen, Screen::Wizard(Step::Token));
    for _ in 0..200 {
        key(&mut a, KeyCode::Backspace);
    }
    for c in "abc---{\"x\":1,\"y\":2}".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    let body = String::from_utf8(a.send_spec().body_bytes().unwrap()).unwrap();
    assert_eq!(
        body,
        r#"{"mobile":"13800138000","type":"LOGIN_SMS","captcha_token":"abc---{\"x\":1,\"y\":2}","remark":"it's me"}"#
    );
    assert!(
        !a.warnings().iter().any(|w| w.contains("imported request")),
        "a new token: no warning about the imported one"
    );
}

#[test]
fn a_har_with_several_entries_lets_one_be_picked() {
    let text = std::fs::read_to_string("tests/import/chrome-session.har").unwrap();
    let Ok(Parsed::Har(h)) = import::parse(&text) else {
        panic!("a HAR");
    };
    assert!(
        h.entries.len() > 1,
        "the sample has several vendor-API entries"
    );
    let (mut a, _) = app();
    ctrl(&mut a, 'o');
    update(&mut a, Msg::Paste(text));
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Wizard(Step::Review));
    let imp = a.imported.as_ref().unwrap();
    assert_eq!(imp.spec.path, h.entries[1].1.path);
    assert!(imp.label.contains(&format!("entry #{}", h.entries[1].0)));
}

#[test]
fn a_typed_path_is_read_by_the_runtime_and_parsed() {
    let (mut a, _) = app();
    ctrl(&mut a, 'o');
    for c in "tests/import/raw-crlf.http".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    assert_eq!(
        cmds,
        vec![Cmd::ReadImport("tests/import/raw-crlf.http".into())]
    );
    let text = std::fs::read_to_string("tests/import/raw-crlf.http").unwrap();
    update(
        &mut a,
        Msg::ImportRead {
            path: "tests/import/raw-crlf.http".into(),
            result: Ok(text),
        },
    );
    assert!(matches!(a.import.parsed, Some(Ok(Parsed::One(_)))));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Wizard(Step::Review));
    // Ctrl+D on the Import screen forgets it: the profile's request again.
    key(&mut a, KeyCode::Char('t'));
    ctrl(&mut a, 'o');
    ctrl(&mut a, 'd');
    assert!(a.imported.is_none());
    assert_eq!(a.headers, a.base_headers);
}

/// The whole way through: paste the devtools curl, review, send to the
/// simulator; the explanation names the header the app left out.
#[tokio::test]
async fn pasted_request_is_sent_and_the_explanation_names_the_missing_header() {
    let sim = vflow::tui::fixtures::simulator(false).await;
    let mut a = vflow::tui::fixtures::app_on(&sim, vflow::tui::fixtures::headers());
    a.size = (160, 48);
    let mut rt = vflow::tui::fixtures::runtime();
    rt.dispatch(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL)),
    );
    rt.dispatch(&mut a, Msg::Paste(DEVTOOLS_CURL.into()));
    rt.dispatch(&mut a, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    assert_eq!(a.screen, Screen::Wizard(Step::Review));
    rt.dispatch(&mut a, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    rt.settle(&mut a, Duration::from_secs(10)).await.unwrap();
    assert_eq!(a.screen, Screen::Result);
    let r = a.current_record().unwrap();
    let sent: Vec<&str> = r
        .exchange
        .request
        .headers
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    assert!(
        sent.contains(&"x-AGENT") || sent.contains(&"x-agent"),
        "{sent:?}"
    );
    assert!(sent.iter().any(|n| n.eq_ignore_ascii_case("X-app-build")));
    assert!(
        matches!(&r.exchange.outcome, Outcome::ApiError { code, .. } if code == "IDAAS.SDK.PARAM.0001"),
        "{:?}",
        r.exchange.outcome
    );
    let explanation = vflow::tui::record::plain(&vflow::tui::record::pane_lines(
        r,
        2,
        false,
        &a.explain_base,
        a.ui_lang,
        true,
    ));
    assert!(
        explanation.contains("X-device-fingerprint"),
        "the explanation names the header the app left out:\n{explanation}"
    );
}

/// `vflow --import FILE` with input it cannot read: the message names the
/// option and where, exit 2, and the terminal is never taken over.
#[test]
fn import_flag_with_bad_input_exits_2_before_the_terminal() {
    let config = support::empty_config("tui-import");
    let out = support::run(&config, &["--import", "tests/import/bad/form.curl"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tests/import/bad/form.curl: unsupported curl option --form at "),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "no screen drawn: {:?}", out.stdout);
}

/// `vflow send` records into the TUI's history (unless --no-history), as
/// the CLI's, with its target; History lists it with both; `w` and `W`
/// export the selected / all exchanges as HAR 1.2 that passes the schema.
#[tokio::test]
async fn cli_sends_join_the_history_and_history_exports_har() {
    let sim = vflow::tui::fixtures::simulator(false).await;
    let config = support::empty_config("tui-import-history");
    let data = config.parent().unwrap().join("data");
    let _ = std::fs::remove_dir_all(&data);
    let args = |extra: &[&str]| {
        let mut v = vec![
            "send".to_string(),
            "--target".into(),
            sim.base_url(),
            "--mobile".into(),
            "13800138000".into(),
            "--scene".into(),
            "LOGIN_SMS".into(),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    for extra in [&[][..], &["--no-history"][..]] {
        let a = args(extra);
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        let out = support::run_bg(&config, &refs).await;
        assert!(out.status.code().is_some(), "{out:?}");
    }
    let store = vflow::tui::history::HistoryStore::new(data.join("vflow/history.jsonl"));
    let recs = store.load();
    assert_eq!(recs.len(), 1, "one send recorded, the --no-history one not");
    assert_eq!(recs[0].source, vflow::client::history::Source::Cli);
    let host = sim.base_url().trim_start_matches("http://").to_string();
    assert_eq!(recs[0].target(), host);

    let (mut a, _) = app();
    update(&mut a, Msg::HistoryLoaded(recs.clone()));
    update(&mut a, Msg::Key(KeyEvent::from(KeyCode::F(3))));
    assert_eq!(a.screen, Screen::History);
    a.size = (160, 48);
    let s = screen_text(&a);
    assert!(s.contains("from") && s.contains("target"), "{s}");
    let words = s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(&format!("CLI {host} LOGIN_SMS")),
        "source and target listed:\n{s}"
    );

    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('w'))));
    assert_eq!(cmds, vec![Cmd::ExportHar(vec![recs[0].exchange.clone()])]);
    let mut a2 = a;
    update(&mut a2, Msg::HistoryLoaded(recs.clone()));
    let cmds = update(&mut a2, Msg::Key(KeyEvent::from(KeyCode::Char('W'))));
    let Some(Cmd::ExportHar(xs)) = cmds.first() else {
        panic!("{cmds:?}");
    };
    assert_eq!(xs.len(), 2, "W exports every exchange in the list");

    // The runtime writes the file; it passes the HAR 1.2 schema and imports back.
    let mut rt = vflow::tui::fixtures::runtime();
    let dir = config.parent().unwrap().join("reports");
    rt.reports_dir = Some(dir.clone());
    rt.dispatch(&mut a2, Msg::Key(KeyEvent::from(KeyCode::Char('w'))));
    rt.settle(&mut a2, Duration::from_secs(10)).await.unwrap();
    let har = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "har"))
        .expect("a .har written");
    let text = std::fs::read_to_string(&har).unwrap();
    assert_eq!(support::har_schema_errors(&text), Vec::<String>::new());
    let Ok(Parsed::Har(h)) = import::parse(&text) else {
        panic!("reads back");
    };
    assert_eq!(h.entries.len(), 1);
    assert_eq!(h.entries[0].1.path, "/api/v2/sdk/sms/send");
}

/// A whole request pasted into the token field (where a person on the token
/// step is likely to paste it) opens the Import screen with it; a pass token
/// pasted there stays a token.
#[test]
fn a_curl_command_pasted_into_the_token_field_opens_the_import() {
    let (mut a, _) = app();
    assert_eq!(a.screen, Screen::Wizard(Step::Token));
    update(&mut a, Msg::Paste("tok123---{\"x\":1,\"y\":2}".into()));
    assert_eq!(a.screen, Screen::Wizard(Step::Token));
    assert_eq!(a.token.value(), "tok123---{\"x\":1,\"y\":2}");
    update(&mut a, Msg::Paste(DEVTOOLS_CURL.into()));
    assert_eq!(a.screen, Screen::Import);
    assert!(
        matches!(a.import.parsed, Some(Ok(Parsed::One(_)))),
        "{:?}",
        a.import.parsed
    );
    assert_eq!(
        a.token.value(),
        "tok123---{\"x\":1,\"y\":2}",
        "the token is untouched"
    );
    a.size = (160, 48);
    assert!(screen_text(&a).contains("X-app-build: 4711"));
}

/// History has the from and target columns only when they tell something:
/// this session's TUI sends to the target in the header line leave the room
/// to the result; a CLI record adds "from", another target adds "target".
#[test]
fn history_lists_from_and_target_only_when_they_differ() {
    use vflow::client::history::Source;
    use vflow::tui::fixtures::{filled, ok_response, with_result};
    let (a, _) = filled(Step::Review);
    let mut a = with_result(with_result(a, Some(ok_response())), None);
    a.screen = Screen::History;
    a.size = (160, 48);
    let header = |a: &App| {
        let s = screen_text(a);
        s.lines().nth(2).unwrap_or_default().to_string()
    };
    let h = header(&a);
    assert!(h.contains("time") && h.contains("result"), "{h}");
    assert!(!h.contains("from") && !h.contains("target"), "{h}");
    a.history[0].source = Source::Cli;
    let h = header(&a);
    assert!(h.contains("from") && !h.contains("target"), "{h}");
    assert!(screen_text(&a).contains("CLI"));
    a.history[1].exchange.request.url = "https://tenant.example.com/api/v2/sdk/sms/send".into();
    let h = header(&a);
    assert!(h.contains("from") && h.contains("target"), "{h}");
    assert!(screen_text(&a).contains("tenant.example.com"));
}

/// A terminal pastes a line break as CR (tmux's paste-buffer and most
/// terminals do): a multi-line curl command pasted so reads the same as
/// with LF, and so does a raw request pasted with CR LF.
#[test]
fn a_paste_with_cr_line_breaks_reads_like_the_copied_text() {
    let want = match import::parse(DEVTOOLS_CURL) {
        Ok(Parsed::One(r)) => r,
        other => panic!("{other:?}"),
    };
    for text in [
        DEVTOOLS_CURL.replace('\n', "\r"),
        DEVTOOLS_CURL.replace('\n', "\r\n"),
    ] {
        let (mut a, _) = app();
        ctrl(&mut a, 'o');
        update(&mut a, Msg::Paste(text));
        match &a.import.parsed {
            Some(Ok(Parsed::One(r))) => assert_eq!(r, &want),
            other => panic!("{other:?}"),
        }
    }
    let raw = "POST /api/v2/sdk/sms/send HTTP/1.1\rHost: t.example\rContent-Type: application/json\r\r{\"mobile\":\"13800138000\"}";
    let (mut a, _) = app();
    update(&mut a, Msg::Paste(raw.into()));
    assert_eq!(
        a.screen,
        Screen::Import,
        "a raw request pasted on the token step"
    );
    let Some(Ok(Parsed::One(r))) = &a.import.parsed else {
        panic!("{:?}", a.import.parsed)
    };
    assert_eq!(r.headers.len(), 2);
    assert_eq!(
        r.body.as_deref(),
        Some(&b"{\"mobile\":\"13800138000\"}"[..])
    );
}

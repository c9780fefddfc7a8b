//! `update` alone: key and mouse handling, the headers editor, history on disk.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use vflow::api::headers as h;
use vflow::tui::app::{Cmd, Msg, Screen, Step, update};
use vflow::tui::fixtures::{
    app, error_body, filled, json_response, key, ok_response, typed, with_result,
};
use vflow::tui::history::{HistoryStore, MAX_RECORDS};

fn click(a: &mut vflow::tui::App, x: u16, y: u16) -> Vec<Cmd> {
    update(
        a,
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        }),
    )
}

fn wheel_down(a: &mut vflow::tui::App, x: u16, y: u16) {
    update(
        a,
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        }),
    );
}

#[test]
fn letters_type_into_fields_but_act_elsewhere() {
    let (mut a, _) = app();
    typed(&mut a, "q?h");
    assert_eq!(
        a.token.value(),
        "q?h",
        "on a text field q, ? and h are text"
    );
    assert!(!a.should_quit && !a.help.open);
    key(&mut a, KeyCode::Enter); // to the scene list: not typing
    assert_eq!(a.screen, Screen::Wizard(Step::Scene));
    key(&mut a, KeyCode::Char('?'));
    assert!(a.help.open, "? opens help when not typing");
    key(&mut a, KeyCode::Esc);
    assert!(!a.help.open);
    let cmds = update(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(
        a.should_quit && cmds.contains(&Cmd::Quit),
        "Ctrl+C always quits"
    );
}

#[test]
fn paste_goes_into_the_focused_field_without_newlines() {
    let (mut a, _) = app();
    update(&mut a, Msg::Paste("abc---{\"x\":1,\n\"y\":5}\n".into()));
    assert_eq!(a.token.value(), "abc---{\"x\":1,\"y\":5}");
}

#[test]
fn tab_and_esc_move_between_steps() {
    let (mut a, _) = app();
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.screen, Screen::Wizard(Step::Mobile));
    key(&mut a, KeyCode::BackTab);
    assert_eq!(a.screen, Screen::Wizard(Step::Scene));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Wizard(Step::Token));
}

#[test]
fn mouse_clicks_steps_scene_rows_and_panes() {
    let (mut a, _) = filled(Step::Token);
    a.size = (160, 48);
    // Sidebar: the third step block starts at row 1 (border) + 2*3.
    click(&mut a, 5, 1 + 1 + 2 * 3);
    assert_eq!(a.screen, Screen::Wizard(Step::Mobile));
    click(&mut a, 5, 1 + 1 + 3);
    assert_eq!(a.screen, Screen::Wizard(Step::Scene));
    // Scene list: two rows per scene, inside the step block and the list block.
    let (side, main) = vflow::tui::layout::wizard(
        vflow::tui::layout::frame(ratatui::layout::Rect::new(0, 0, 160, 48)).body,
        Step::Scene,
    );
    assert!(side.is_some());
    let (list, _) = vflow::tui::layout::scene(vflow::tui::layout::step_content(main, Step::Scene));
    // Either line of an item selects it.
    click(&mut a, list.x + 3, list.y + 1 + 2 * 3 + 1); // UPDATE_PWD_SMS, description line
    assert_eq!(a.scene_value(), "UPDATE_PWD_SMS");
    click(&mut a, list.x + 3, list.y + 1 + 2 * 3); // second click chooses
    // (the mobile is filled in already: on to the review)
    assert_eq!(a.screen, Screen::Wizard(Step::Review));

    // Result panes side by side at 160 columns: click focuses, wheel scrolls.
    let (a2, _) = filled(Step::Review);
    let mut a = with_result(
        a2,
        Some(json_response(400, &error_body("IDAAS.SDK.PARAM.0001"))),
    );
    a.size = (160, 20);
    // The mouse hits what the last frame drew (the runtime draws after every update).
    let draw = |a: &vflow::tui::App| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 20)).unwrap();
        t.draw(|f| vflow::tui::view(a, f)).unwrap();
    };
    draw(&a);
    click(&mut a, 10, 5);
    assert_eq!(a.panes.focus, 0);
    draw(&a);
    wheel_down(&mut a, 10, 5);
    assert!(a.panes.scroll[0] > 0, "the request pane scrolled");
    assert_eq!(a.panes.scroll[2], 0, "the others did not");
}

#[test]
fn headers_editor_edits_omits_blanks_adds_and_applies_presets() {
    let (mut a, _) = filled(Step::Review);
    key(&mut a, KeyCode::Char('h'));
    assert_eq!(a.screen, Screen::Headers);
    // Edit X-operating-sys-version (row 0).
    key(&mut a, KeyCode::Enter);
    update(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    typed(&mut a, "windows10.1.1");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.headers[0].value, "windows10.1.1");
    // Blank the fingerprint (row 1), omit the agent (row 3).
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Char('b'));
    assert_eq!(a.headers[1].value, "");
    assert!(a.headers[1].enabled, "blank is still sent");
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Char(' '));
    assert!(!a.headers[3].enabled);
    // New fingerprint.
    key(&mut a, KeyCode::Char('f'));
    assert_eq!(a.headers[1].value.len(), 16);
    // A custom header.
    key(&mut a, KeyCode::Char('a'));
    typed(&mut a, "X-Debug: on");
    key(&mut a, KeyCode::Enter);
    let last = a.headers.last().unwrap();
    assert_eq!((last.name.as_str(), last.value.as_str()), ("X-Debug", "on"));
    // Documented headers cannot be deleted (only omitted); custom ones can.
    key(&mut a, KeyCode::Up);
    key(&mut a, KeyCode::Char('d'));
    assert!(a.notice.as_ref().unwrap().error);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Char('d'));
    assert!(!a.headers.iter().any(|x| x.name == "X-Debug"));
    // The change reaches the next request: X-agent omitted is flagged.
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Wizard(Step::Review));
    let w = a.warnings();
    assert!(w.iter().any(|w| w.contains("X-agent is omitted")), "{w:?}");
    // A preset sets (and sends) every device header, with a fresh fingerprint.
    key(&mut a, KeyCode::Char('h'));
    let fp_before = a.headers[1].value.clone();
    // p opens the picker on the first preset: the second one is iPhone
    key(&mut a, KeyCode::Char('p'));
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    assert!(a.headers[3].enabled, "the preset sends X-agent again");
    assert_eq!(
        a.headers[0].value, "iOS 17.4.1",
        "the second preset: iPhone"
    );
    assert!(a.headers[3].value.contains("iPhone"));
    assert_ne!(a.headers[1].value, fp_before);
    key(&mut a, KeyCode::Esc);
    assert!(a.warnings().is_empty(), "{:?}", a.warnings());
    let spec = a.send_spec();
    let agent = spec.headers.iter().find(|x| x.name == h::AGENT).unwrap();
    assert!(agent.value.contains("iPhone"), "the next request uses it");
}

#[test]
fn result_keys_offer_login_only_after_a_delivered_login_code() {
    let (a, _) = filled(Step::Review);
    let mut a = with_result(a, Some(ok_response()));
    assert!(vflow::tui::screens::result::login_available(&a));
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('l'))));
    assert!(matches!(cmds.as_slice(), [Cmd::Consume { .. }]), "{cmds:?}");
    let (a, _) = filled(Step::Review);
    let a = with_result(
        a,
        Some(json_response(400, &error_body("IDAAS.SDK.CAPTCHA.0003"))),
    );
    assert!(!vflow::tui::screens::result::login_available(&a));
}

#[test]
fn history_file_is_private_bounded_and_survives_a_bad_line() {
    let dir = std::env::temp_dir().join(format!("vflow-hist-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = HistoryStore::new(dir.join("sub/history.jsonl"));
    let (a, _) = filled(Step::Review);
    let a = with_result(a, Some(ok_response()));
    let rec = a.history[0].clone();
    store.append(&rec).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&store.path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner-only");
    }
    // A torn line (crash mid-write) is skipped, the rest is kept.
    std::fs::OpenOptions::new()
        .append(true)
        .open(&store.path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"{\"id\":\n"))
        .unwrap();
    store.append(&rec).unwrap();
    let loaded = store.load();
    assert_eq!(loaded.len(), 2);
    assert_eq!(loaded[0], rec, "round trip");
    for _ in 0..MAX_RECORDS + 20 {
        store.append(&rec).unwrap();
    }
    assert_eq!(store.load().len(), MAX_RECORDS, "bounded");
    store.compact().unwrap();
    assert!(store.load().len() <= MAX_RECORDS);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn history_loaded_later_keeps_this_sessions_exchanges_last() {
    let (a, _) = filled(Step::Review);
    let mut a = with_result(a, Some(ok_response()));
    let old = a.history.clone();
    let current_id = a.history[0].id;
    update(&mut a, Msg::HistoryLoaded(old.clone()));
    assert_eq!(a.history.len(), 2);
    assert_eq!(a.current, Some(1), "still showing this session's exchange");
    assert_eq!(a.history[1].id, current_id);
    assert!(
        a.next_id > current_id,
        "new ids do not collide with loaded ones"
    );
}

#[test]
fn only_errors_past_the_token_checks_spend_the_pass_token() {
    use vflow::client::Outcome;
    use vflow::client::precheck::spends_token;
    let err = |code: &str| Outcome::ApiError {
        status: 400,
        code: code.into(),
        message: String::new(),
        known: true,
    };
    let tok = vflow::tui::fixtures::TOKEN;
    assert!(spends_token(&Outcome::Success, tok));
    assert!(spends_token(&err("IDAAS.SDK.CAPTCHA.0006"), tok));
    assert!(
        spends_token(&err("IDAAS.SDK.CAPTCHA.0004"), tok),
        "step 10 mismatch"
    );
    assert!(
        !spends_token(&err("IDAAS.SDK.CAPTCHA.0004"), "no-separator"),
        "step 8 shape"
    );
    for early in [
        "IDAAS.SDK.PARAM.0001",
        "IDAAS.SDK.PARAM.0002",
        "IDAAS.SDK.CAPTCHA.0005",
    ] {
        assert!(
            !spends_token(&err(early), tok),
            "{early} comes before the token is looked up"
        );
    }
    assert!(!spends_token(&Outcome::Cancelled, tok));
}

#[test]
fn simulator_helpers_are_only_tried_on_this_machine() {
    use vflow::tui::app::Target;
    let t = |url: &str| Target {
        base_url: url.into(),
        simulator: false,
        profile: "p".into(),
    };
    assert!(
        t("http://127.0.0.1:8080").has_sim_helpers(),
        "a local vflow serve"
    );
    assert!(t("http://localhost:8080/").has_sim_helpers());
    assert!(t("http://[::1]:8080").has_sim_helpers());
    assert!(
        !t("https://tenant.example.com").has_sim_helpers(),
        "never a remote tenant"
    );
    assert!(!t("http://10.0.0.5:8080").has_sim_helpers());

    // Against a remote tenant Ctrl+G sends nothing and says why.
    let (mut a, _) = app();
    a.target = t("https://tenant.example.com");
    let cmds = update(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL)),
    );
    assert!(cmds.is_empty());
    let n = a.notice.clone().unwrap();
    assert!(n.error && n.text.contains("paste"), "{n:?}");
}

#[test]
fn help_scrolls_in_a_small_window_and_stops_at_its_end() {
    let (a, _) = filled(Step::Review);
    let mut a = with_result(a, Some(ok_response()));
    a.size = (60, 16);
    key(&mut a, KeyCode::Char('?'));
    assert!(a.help.open);
    let screen = |a: &vflow::tui::App| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 16)).unwrap();
        t.draw(|f| vflow::tui::view(a, f)).unwrap();
        format!("{}", t.backend())
    };
    let first = screen(&a);
    assert!(first.contains("↑↓ more"), "says there is more:\n{first}");
    assert!(!first.contains("closes this help"));
    for _ in 0..100 {
        key(&mut a, KeyCode::Down);
    }
    let max = vflow::tui::view::help_max_scroll(&a);
    assert!(max > 0);
    assert_eq!(a.help.scroll, max, "clamped at the end");
    assert!(
        screen(&a).contains("closes this help"),
        "the end is reachable"
    );
    key(&mut a, KeyCode::Up);
    assert_eq!(a.help.scroll, max - 1, "one Up goes back one line");
    key(&mut a, KeyCode::Esc);
    assert!(!a.help.open && a.help.scroll == 0);
}

/// A 200 from captcha/verify with this pass token.
fn verify_ok(token: &str) -> Box<vflow::client::Exchange> {
    use vflow::tui::fixtures::exchange;
    let spec = vflow::client::build::captcha_verify(
        "http://127.0.0.1:40123",
        vflow::tui::fixtures::headers(),
        "{\"x\":150.0,\"y\":5.0}",
        "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "13800138000",
    );
    let body = serde_json::json!({ "captcha_token": token }).to_string();
    Box::new(exchange(&spec, Some(json_response(200, &body))))
}

#[test]
fn leaving_the_puzzle_mid_verify_drops_the_late_answer() {
    let (mut a, _) = vflow::tui::fixtures::puzzle_screen();
    typed_mobile(&mut a, "13800138000");
    assert_eq!(a.screen, Screen::Puzzle);
    update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Right))); // Enter verifies after a move
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    assert!(
        matches!(cmds.as_slice(), [Cmd::VerifyPuzzle { .. }]),
        "{cmds:?}"
    );
    // Esc while the verify is in flight: back, and nothing stays blocked.
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Wizard(Step::Token));
    assert!(a.busy.is_none(), "no request blocks the app any more");
    typed(&mut a, "mine---{\"x\":1,\"y\":5}");
    // The late answer must not replace the token typed meanwhile or move the screen.
    update(
        &mut a,
        Msg::PuzzleVerified {
            sender: "13800138000".into(),
            exchange: verify_ok("late---{\"x\":150.0,\"y\":5.0}"),
        },
    );
    assert_eq!(a.token.value(), "mine---{\"x\":1,\"y\":5}");
    assert_eq!(a.screen, Screen::Wizard(Step::Token));
}

fn typed_mobile(a: &mut vflow::tui::App, m: &str) {
    a.mobile = tui_input::Input::new(m.into());
}

#[test]
fn a_second_l_does_not_log_in_twice() {
    let (a, _) = filled(Step::Review);
    let mut a = with_result(a, Some(ok_response()));
    let first = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('l'))));
    assert!(matches!(first.as_slice(), [Cmd::Consume { .. }]));
    let second = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('l'))));
    assert!(
        second.is_empty(),
        "one login in flight at a time: {second:?}"
    );
    // After the login answered, the code is spent: no second attempt either.
    let id = a.history[0].id;
    let login = a.login_spec("13800138000", "042917");
    update(
        &mut a,
        Msg::Consumed {
            id,
            exchange: Box::new(vflow::tui::fixtures::exchange(
                &login,
                Some(json_response(
                    200,
                    r#"{"status":"SUCCESS","session_token":"s","expire":432000,"id_token":"a.b.c"}"#,
                )),
            )),
        },
    );
    assert!(!vflow::tui::screens::result::login_available(&a));
    let third = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('l'))));
    assert!(third.is_empty());
    assert!(a.notice.as_ref().unwrap().text.contains("single use"));
}

#[test]
fn a_line_that_is_not_utf8_hides_nothing_after_it() {
    let dir = std::env::temp_dir().join(format!("vflow-hist-utf8-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = HistoryStore::new(dir.join("history.jsonl"));
    let (a, _) = filled(Step::Review);
    let a = with_result(a, Some(ok_response()));
    let rec = a.history[0].clone();
    store.append(&rec).unwrap();
    // a write torn in the middle of a multi-byte character
    std::fs::OpenOptions::new()
        .append(true)
        .open(&store.path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"{\"error_msg\":\"\xe8\xae\n"))
        .unwrap();
    store.append(&rec).unwrap();
    store.append(&rec).unwrap();
    assert_eq!(store.load().len(), 3, "only the torn line is skipped");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn masking_covers_the_captcha_sender_named_in_an_explanation() {
    let (mut a, _) = filled(Step::Review);
    a.mobile = tui_input::Input::new("13912345678".into());
    let mut a = with_result(
        a,
        Some(json_response(400, &error_body("IDAAS.SDK.CAPTCHA.0004"))),
    );
    a.history[0].token_sender = Some("13800138000".into());
    let r = &a.history[0];
    let plain = vflow::tui::record::report(r, false, &a.explain_base, a.ui_lang);
    assert!(
        plain.contains("13800138000"),
        "the sender is named:\n{plain}"
    );
    let masked = vflow::tui::record::report(r, true, &a.explain_base, a.ui_lang);
    assert!(!masked.contains("13800138000"), "{masked}");
    assert!(!masked.contains("13912345678"), "{masked}");
}

#[test]
fn the_saved_report_holds_the_curl_command() {
    let (a, _) = filled(Step::Review);
    let mut a = with_result(a, Some(ok_response()));
    let r = a.history[0].clone();
    let curl = vflow::tui::record::curl(&r.spec, false);
    assert!(curl.starts_with("curl"), "{curl}");
    let report = vflow::tui::record::report(&r, false, &a.explain_base, a.ui_lang);
    assert!(report.contains("==== CURL ===="), "{report}");
    assert!(report.contains(&curl), "{report}");
    // w on the result saves that report
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('w'))));
    let [Cmd::SaveReport(saved)] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    assert!(saved.contains(&curl), "{saved}");
}

#[test]
fn esc_from_a_result_opened_in_history_goes_back_to_the_list() {
    let (a, _) = filled(Step::Review);
    let mut a = with_result(a, Some(ok_response()));
    key(&mut a, KeyCode::Esc);
    assert_eq!(
        a.screen,
        Screen::Wizard(Step::Review),
        "a fresh result: back to review"
    );
    key(&mut a, KeyCode::F(3));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Result);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::History);
}

#[test]
fn review_warns_about_the_resend_cooldown_from_this_sessions_history() {
    let (a, clock) = filled(Step::Review);
    let mut a = with_result(a, Some(ok_response()));
    key(&mut a, KeyCode::Esc);
    clock.advance(std::time::Duration::from_secs(25));
    let w = a.warnings();
    assert!(
        w.iter()
            .any(|x| x.contains("25 s ago") && x.contains("wait 35 s")),
        "{w:?}"
    );
    clock.advance(std::time::Duration::from_secs(40));
    assert!(
        !a.warnings().iter().any(|x| x.contains("s ago")),
        "past the cooldown: no warning"
    );
}

#[test]
fn p_in_the_headers_editor_opens_a_picker_that_shows_the_presets() {
    use vflow::config::DevicePreset;
    let (mut a, _) = filled(Step::Review);
    key(&mut a, KeyCode::F(2));
    let before = a.headers.clone();
    key(&mut a, KeyCode::Char('p'));
    assert_eq!(a.headers, before, "p alone changes nothing");
    assert_eq!(
        vflow::tui::keymap::mode(&a),
        vflow::tui::keymap::Mode::PresetPicker
    );
    // every preset is on screen, with its values
    a.size = (120, 40);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    t.draw(|f| vflow::tui::view(&a, f)).unwrap();
    let screen = format!("{:?}", t.backend());
    for p in DevicePreset::ALL {
        assert!(
            screen.contains(p.name()) && screen.contains(p.label()),
            "{}: {screen}",
            p.name()
        );
    }
    // Esc cancels; p, ↓↓, Enter applies the third preset
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Headers);
    assert_eq!(a.headers, before);
    key(&mut a, KeyCode::Char('p'));
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        vflow::tui::keymap::mode(&a),
        vflow::tui::keymap::Mode::Headers
    );
    let chosen = DevicePreset::ALL[2];
    let os = a
        .headers
        .iter()
        .find(|x| x.name.eq_ignore_ascii_case(h::OS_VERSION))
        .unwrap();
    assert_eq!(os.value, chosen.headers().os_version);
    assert!(a.notice.unwrap().text.contains(chosen.label()));
}

/// Issue 15.11: UPDATE_PWD_SMS wants the mobile with its full area code; the
/// review warns when it is missing (and only for that scene).
#[test]
fn update_pwd_sms_without_an_area_code_is_flagged_in_the_review() {
    use vflow::api::Scene;
    let (mut a, _) = filled(Step::Review);
    let pos = |s: Scene| Scene::ALL.iter().position(|x| *x == s).unwrap();
    a.scene_sel = pos(Scene::UpdatePwdSms);
    a.mobile = tui_input::Input::new("13800138000".into());
    let w = a.warnings();
    assert!(
        w.iter()
            .any(|x| x.contains("UPDATE_PWD_SMS") && x.contains("+8613800138000")),
        "{w:?}"
    );
    a.mobile = tui_input::Input::new("+8613800138000".into());
    assert!(!a.warnings().iter().any(|x| x.contains("area code")));
    a.mobile = tui_input::Input::new("13800138000".into());
    a.scene_sel = pos(Scene::LoginSms);
    assert!(!a.warnings().iter().any(|x| x.contains("area code")));
}

/// Issue 15.3: `r` on a result opens the review (nothing sent), Enter then
/// gets a fresh token and sends.
#[test]
fn r_on_a_result_reviews_first_and_enter_fetches_a_fresh_token() {
    let (a, clock) = filled(Step::Review);
    let mut a = with_result(a, Some(ok_response()));
    clock.advance(std::time::Duration::from_secs(25));
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('r'))));
    assert!(cmds.is_empty(), "{cmds:?}");
    assert_eq!(a.screen, Screen::Wizard(Step::Review));
    let text = vflow::tui::record::plain(&vflow::tui::screens::review::review_lines(&a));
    assert!(text.contains("Enter gets a fresh pass token"), "{text}");
    assert!(text.contains("25 s ago"), "{text}");
    assert!(!text.contains("PARAM.0008"), "{text}");
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    assert!(
        cmds.iter().any(|c| matches!(c, Cmd::FetchToken { .. })),
        "{cmds:?}"
    );
    assert_eq!(a.screen, Screen::Sending);
}

/// Against a target that does not reveal solutions, `r`'s review says what Enter really does:
/// the puzzle first, then back to this review, then Enter sends.
#[test]
fn r_against_a_tenant_without_reveal_says_the_puzzle_comes_first() {
    let (a, _) = filled(Step::Review);
    let mut a = with_result(a, Some(ok_response()));
    a.reveals = Some(false);
    update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('r'))));
    assert_eq!(a.screen, Screen::Wizard(Step::Review));
    let text = vflow::tui::record::plain(&vflow::tui::screens::review::review_lines(&a));
    assert!(text.contains("Enter opens the puzzle"), "{text}");
    assert!(!text.contains("then sends this request"), "{text}");
    update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    assert_eq!(a.screen, Screen::Puzzle);
}

/// Issue 15.2: Home/End move in the list, Enter selects the old value so
/// typing replaces it, ←→ keep it to edit, a letter typed outside the field
/// changes no row, and the footer names every key that works.
#[test]
fn headers_editor_replaces_the_selected_value_and_touches_no_other_row() {
    let (mut a, _) = filled(Step::Review);
    key(&mut a, KeyCode::F(2));
    let before = a.headers.clone();
    key(&mut a, KeyCode::End);
    assert_eq!(a.editor.sel, a.headers.len() - 1);
    key(&mut a, KeyCode::Home);
    assert_eq!(a.editor.sel, 0);
    let agent = a.headers.iter().position(|x| x.name == h::AGENT).unwrap();
    for _ in 0..agent {
        key(&mut a, KeyCode::Down);
    }
    key(&mut a, KeyCode::Enter);
    let footer: Vec<String> = vflow::tui::keymap::footer(&a)
        .iter()
        .map(|(k, d)| format!("{k} {d}"))
        .collect();
    for want in [
        "Enter set value",
        "Esc cancel",
        "←→ edit in place",
        "Ctrl+U clear",
    ] {
        assert!(footer.iter().any(|f| f == want), "{want}: {footer:?}");
    }
    typed(&mut a, "Android 13");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        a.headers[agent].value, "Android 13",
        "replaced, not appended"
    );
    for (i, (x, y)) in before.iter().zip(&a.headers).enumerate() {
        if i != agent {
            assert_eq!(x, y, "row {i} untouched");
        }
    }
    // → keeps the old value: typing appends at the cursor.
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Right);
    typed(&mut a, ".1");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.headers[agent].value, "Android 13.1");
    // Backspace on the selection deletes it; a paste replaces it.
    key(&mut a, KeyCode::Enter);
    update(&mut a, Msg::Paste("Android 14".into()));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.headers[agent].value, "Android 14");
    // Not editing: a letter with no binding says so and changes nothing.
    let now = a.headers.clone();
    key(&mut a, KeyCode::Char('z'));
    assert_eq!(a.headers, now);
    let n = a.notice.clone().unwrap();
    assert!(
        n.error && n.text.contains("Enter edits the value of X-agent"),
        "{n:?}"
    );
    // A click on another row while typing does not move the edit there.
    key(&mut a, KeyCode::Enter);
    update(
        &mut a,
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 10,
            row: 3,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert_eq!(a.editor.sel, agent);
}

/// Issue 15.4: Ctrl+G and Ctrl+P use the headers as edited; a header refusal
/// is said, and Ctrl+F fetches with the profile's full headers.
#[test]
fn captcha_fetches_use_the_edited_headers_and_ctrl_f_the_profiles() {
    use vflow::client::simflow::TokenError;
    let ctrl = |c| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    let (mut a, _) = filled(Step::Token);
    let fp = a
        .headers
        .iter()
        .position(|x| x.name == h::FINGERPRINT)
        .unwrap();
    a.headers[fp].enabled = false;
    let cmds = update(&mut a, ctrl('g'));
    match &cmds[..] {
        [Cmd::FetchToken { headers, .. }] => assert!(!headers[fp].enabled, "as edited"),
        other => panic!("{other:?}"),
    }
    update(
        &mut a,
        Msg::TokenFetched(Err(TokenError::Failed(
            "captcha get: 400 IDAAS.SDK.PARAM.0001".into(),
        ))),
    );
    let n = a.notice.clone().unwrap();
    assert!(
        n.error && n.text.contains("refused the headers as edited") && n.text.contains("Ctrl+F"),
        "{n:?}"
    );
    let cmds = update(&mut a, ctrl('f'));
    match &cmds[..] {
        [Cmd::FetchToken { headers, .. }] => {
            assert_eq!(headers, &a.base_headers, "the profile's full headers")
        }
        other => panic!("{other:?}"),
    }
    assert!(
        a.headers.iter().any(|x| !x.enabled),
        "the edit stays for sms/send"
    );
    // The puzzle: the same, with Ctrl+F on its failure.
    a.busy = None;
    a.screen = Screen::Wizard(Step::Token);
    let cmds = update(&mut a, ctrl('p'));
    match &cmds[..] {
        [Cmd::FetchPuzzle { spec, .. }] => assert!(!spec.headers[fp].enabled),
        other => panic!("{other:?}"),
    }
    update(
        &mut a,
        Msg::PuzzleFetched(Err(
            "GET /captcha: 400 IDAAS.SDK.PARAM.0001: Device information is incomplete".into(),
        )),
    );
    let cmds = update(&mut a, ctrl('f'));
    match &cmds[..] {
        [Cmd::FetchPuzzle { spec, .. }] => assert_eq!(spec.headers, a.base_headers),
        other => panic!("{other:?}"),
    }
}

/// Issue 15.5: once the target is known not to reveal solutions, the token
/// step no longer offers Ctrl+G; a puzzle opened from the review (g, or r's
/// resend) returns to the review when solved.
#[test]
fn without_reveal_the_token_step_offers_what_works_and_a_solved_puzzle_returns_to_the_review() {
    use vflow::client::simflow::TokenError;
    let (mut a, _) = filled(Step::Review);
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('g'))));
    assert!(matches!(&cmds[..], [Cmd::FetchToken { .. }]), "{cmds:?}");
    update(
        &mut a,
        Msg::TokenFetched(Err(TokenError::NoReveal("no /_sim/captcha".into()))),
    );
    assert_eq!(a.screen, Screen::Puzzle);
    assert_eq!(a.reveals, Some(false));
    // The first screen: Ctrl+G neither in the footer nor in the text.
    a.screen = Screen::Wizard(Step::Token);
    a.busy = None;
    assert!(
        !vflow::tui::keymap::footer(&a)
            .iter()
            .any(|(k, _)| *k == "Ctrl+G"),
        "{:?}",
        vflow::tui::keymap::footer(&a)
    );
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| vflow::tui::view(&a, f)).unwrap();
    let screen = format!("{:?}", t.backend());
    assert!(!screen.contains("Ctrl+G"), "{screen}");
    assert!(screen.contains("Ctrl+P"), "{screen}");
    // From the review, solved: back to the review.
    a.screen = Screen::Wizard(Step::Review);
    let (mut p, _) = vflow::tui::fixtures::puzzle_screen();
    p.puzzle.back_to = Screen::Wizard(Step::Review);
    p.mobile = tui_input::Input::new("13800138000".into());
    key(&mut p, KeyCode::Right); // Enter verifies only a moved piece
    let verify = update(&mut p, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    let sender = match &verify[..] {
        [Cmd::VerifyPuzzle { sender, .. }] => sender.clone(),
        other => panic!("{other:?}"),
    };
    update(
        &mut p,
        Msg::PuzzleVerified {
            sender,
            exchange: verify_ok("tok---{\"x\":150,\"y\":40}"),
        },
    );
    assert_eq!(p.screen, Screen::Wizard(Step::Review));
}

#[test]
fn a_record_appended_again_after_its_code_was_consumed_loads_once_with_the_consumer() {
    let dir = std::env::temp_dir().join(format!("vflow-hist-again-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = HistoryStore::new(dir.join("history.jsonl"));
    let (a, _) = filled(Step::Review);
    let a = with_result(a, Some(ok_response()));
    let mut rec = a.history[0].clone();
    store.append(&rec).unwrap();
    let login = a.login_spec("13800138000", "042917");
    rec.login = Some(vflow::tui::fixtures::exchange(&login, Some(ok_response())));
    store.append(&rec).unwrap();
    let loaded = store.load();
    assert_eq!(loaded.len(), 1, "one record per id");
    assert!(loaded[0].login.is_some(), "the later line wins");
    let _ = std::fs::remove_dir_all(&dir);
}

//! Snapshots of every screen on ratatui's TestBackend, at 80x24 and 160x48.
//!
//! The app is built with a manual clock and exchanges recorded from real
//! request specs (the client's own recording and classification), so the
//! screens are deterministic. Review a change with `cargo insta review`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;
use vflow::tui::app::{App, Busy, Msg, Screen, Step, update};
use vflow::tui::fixtures::{
    app, error_body, filled, json_response, key, ok_response, typed, with_result,
};
use vflow::tui::view;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn render(a: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    a.size = (w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(a, f)).unwrap();
    t
}

fn snap(name: &str, mut a: App) {
    for (w, h) in SIZES {
        let t = render(&mut a, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

#[test]
fn wizard_token_empty() {
    snap("token_empty", app().0);
}

#[test]
fn wizard_token_valid_with_age() {
    let (mut a, clock) = filled(Step::Token);
    clock.advance(Duration::from_secs(42));
    a.screen = Screen::Wizard(Step::Token);
    snap("token_valid", a);
}

#[test]
fn wizard_token_malformed() {
    let (mut a, _) = app();
    typed(
        &mut a,
        "71dd26999e314f9abb0c635336976635{\"x\":237.0,\"y\":5.0}",
    );
    snap("token_malformed", a);
}

#[test]
fn wizard_scene_list() {
    let (a, _) = filled(Step::Scene);
    snap("scene", a);
}

#[test]
fn wizard_scene_other_value() {
    let (mut a, _) = filled(Step::Scene);
    key(&mut a, KeyCode::End);
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "LOGIN_SMSS");
    snap("scene_other", a);
}

#[test]
fn wizard_mobile_malformed() {
    let (mut a, _) = filled(Step::Mobile);
    // Ctrl+U clears the field, then a number with a letter in it.
    update(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    typed(&mut a, "1380013800O");
    snap("mobile_malformed", a);
}

#[test]
fn review_without_problems() {
    let (a, _) = filled(Step::Review);
    assert!(a.warnings().is_empty(), "{:?}", a.warnings());
    snap("review_ok", a);
}

#[test]
fn review_with_warnings() {
    let (mut a, _) = filled(Step::Review);
    a.headers[3].enabled = false; // X-agent omitted
    a.headers[1].value.clear(); // fingerprint blank
    a.mobile = tui_input::Input::new("13900000000".into()); // differs from sender
    let w = a.warnings();
    assert_eq!(w.len(), 3, "{w:?}");
    snap("review_warnings", a);
}

#[test]
fn sending_spinner() {
    let (mut a, clock) = filled(Step::Review);
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.busy, Some(Busy::Send { .. })));
    clock.advance(Duration::from_millis(2_300));
    update(&mut a, Msg::Tick);
    update(&mut a, Msg::Tick);
    snap("sending", a);
}

#[test]
fn result_success_with_delivered_code() {
    let (a, _) = filled(Step::Review);
    snap("result_success", with_result(a, Some(ok_response())));
}

#[test]
fn result_param_0001_omitted_agent() {
    let (mut a, _) = filled(Step::Review);
    a.headers[3].enabled = false;
    let body = error_body("IDAAS.SDK.PARAM.0001");
    snap(
        "result_param_0001",
        with_result(a, Some(json_response(400, &body))),
    );
}

#[test]
fn result_captcha_0003_reused_token() {
    let (a, _) = filled(Step::Review);
    let body = error_body("IDAAS.SDK.CAPTCHA.0003");
    snap(
        "result_captcha_0003",
        with_result(a, Some(json_response(400, &body))),
    );
}

#[test]
fn result_captcha_0005_unknown_scene() {
    let (mut a, _) = filled(Step::Scene);
    key(&mut a, KeyCode::End);
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "LOGIN_SMSS");
    key(&mut a, KeyCode::Enter);
    let body = error_body("IDAAS.SDK.CAPTCHA.0005");
    snap(
        "result_captcha_0005",
        with_result(a, Some(json_response(400, &body))),
    );
}

#[test]
fn result_connection_refused() {
    let (a, _) = filled(Step::Review);
    snap("result_refused", with_result(a, None));
}

#[test]
fn headers_editor() {
    let (mut a, _) = filled(Step::Review);
    key(&mut a, KeyCode::F(2));
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    assert_eq!(a.screen, Screen::Headers);
    snap("headers", a);
}

#[test]
fn headers_editor_preset_picker() {
    let (mut a, _) = filled(Step::Review);
    key(&mut a, KeyCode::F(2));
    key(&mut a, KeyCode::Char('p'));
    key(&mut a, KeyCode::Down);
    snap("headers_preset_picker", a);
}

#[test]
fn headers_editor_editing_a_value() {
    let (mut a, _) = filled(Step::Review);
    key(&mut a, KeyCode::F(2));
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::End); // edit in place: the cursor at the end
    typed(&mut a, ".1");
    snap("headers_editing", a);
}

/// Issue 15.2: Enter selects the old value (typing replaces it), the title
/// and the footer say how to keep it, the cursor stands in the field.
#[test]
fn headers_editor_value_selected() {
    let (mut a, _) = filled(Step::Review);
    key(&mut a, KeyCode::F(2));
    key(&mut a, KeyCode::End);
    key(&mut a, KeyCode::Home);
    for _ in 0..3 {
        key(&mut a, KeyCode::Down); // X-agent
    }
    key(&mut a, KeyCode::Enter);
    assert!(a.editor.replace);
    let mut t = render(&mut a, 80, 24);
    let pos = t.get_cursor_position().unwrap();
    assert!(pos.y > 10, "the cursor is in the edit box: {pos:?}");
    snap("headers_value_selected", a);
}

#[test]
fn history_list() {
    let (a, _) = filled(Step::Review);
    let a = with_result(
        a,
        Some(json_response(400, &error_body("IDAAS.SDK.CAPTCHA.0003"))),
    );
    let mut a = with_result(a, None);
    key(&mut a, KeyCode::F(3));
    assert_eq!(a.screen, Screen::History);
    // The mobile column follows masking (x), like every other screen.
    let shown = |a: &mut App| format!("{:?}", render(a, 120, 40).backend());
    a.redact = true;
    let masked = shown(&mut a);
    assert!(masked.contains("138******00") && !masked.contains("13800138000"));
    a.redact = false;
    assert!(shown(&mut a).contains("13800138000"));
    snap("history", a);
}

#[test]
fn help_overlay() {
    let (a, _) = filled(Step::Review);
    let mut a = with_result(
        a,
        Some(json_response(400, &error_body("IDAAS.SDK.PARAM.0002"))),
    );
    key(&mut a, KeyCode::Char('?'));
    assert!(a.help.open);
    snap("help", a);
}

#[test]
fn no_color_drops_every_colour() {
    let (a, _) = filled(Step::Review);
    let mut a = with_result(
        a,
        Some(json_response(400, &error_body("IDAAS.SDK.PARAM.0002"))),
    );
    let coloured = render(&mut a, 160, 48);
    let has_colour =
        |t: &Terminal<TestBackend>| {
            t.backend().buffer().content.iter().any(|c| {
                c.fg != ratatui::style::Color::Reset || c.bg != ratatui::style::Color::Reset
            })
        };
    assert!(has_colour(&coloured), "the normal screen has colours");
    a.no_color = true;
    let plain = render(&mut a, 160, 48);
    assert!(!has_colour(&plain), "NO_COLOR: no colour anywhere");
    assert_eq!(
        format!("{}", coloured.backend()),
        format!("{}", plain.backend()),
        "same text either way"
    );
}

/// The row just under the title bar, as text.
fn row(t: &Terminal<TestBackend>, y: u16) -> String {
    let b = t.backend().buffer();
    (0..b.area.width).map(|x| b[(x, y)].symbol()).collect()
}

/// Issue 15.1: at every size, whichever pane or tab has the focus, the
/// status, the code and the time stay on screen above the panes.
#[test]
fn result_summary_line_is_visible_at_every_size_and_tab() {
    let (a, _) = filled(Step::Review);
    let body = error_body("IDAAS.SDK.CAPTCHA.0006");
    let mut a = with_result(a, Some(json_response(400, &body)));
    for (w, h) in [(80, 24), (120, 40), (200, 50), (60, 16)] {
        for tab in ['1', '2', '3'] {
            key(&mut a, KeyCode::Char(tab));
            let t = render(&mut a, w, h);
            let line = row(&t, 1);
            assert!(
                line.contains("400 IDAAS.SDK.CAPTCHA.0006") && line.contains(" ms"),
                "{w}x{h} tab {tab}: {line:?}"
            );
        }
    }
}

/// Issue 15.10: at 120 (and 80) columns a long X-agent is cut with a mark and
/// two spaces before the `required` column, never running into it.
#[test]
fn headers_long_values_stop_before_the_required_column() {
    let (mut a, _) = filled(Step::Review);
    key(&mut a, KeyCode::F(2));
    for (w, h) in [(80, 24), (120, 40)] {
        let t = render(&mut a, w, h);
        let agent = (0..h)
            .map(|y| row(&t, y))
            .find(|r| r.contains("X-agent"))
            .unwrap();
        assert!(agent.contains("…  required"), "{w}: {agent:?}");
    }
}

/// Issue 15.10: at 80 columns the result's footer keeps what to do next
/// (resend, headers, scene, new, copy, save), not four navigation keys.
#[test]
fn result_footer_at_80_columns_keeps_the_next_actions() {
    let (a, _) = filled(Step::Review);
    let mut a = with_result(
        a,
        Some(json_response(400, &error_body("IDAAS.SDK.PARAM.0001"))),
    );
    let t = render(&mut a, 80, 24);
    let footer = row(&t, 23);
    for want in [
        "r resend",
        "e headers",
        "s scene",
        "n new",
        "c copy",
        "w save",
        "? help",
    ] {
        assert!(footer.contains(want), "{want}: {footer:?}");
    }
}

/// The text rows inside the bordered `pane` (without the borders), as drawn.
fn pane_rows(t: &Terminal<TestBackend>, pane: ratatui::layout::Rect) -> Vec<String> {
    let b = t.backend().buffer();
    (pane.y + 1..pane.y + pane.height - 1)
        .map(|y| {
            (pane.x + 1..pane.x + pane.width - 1)
                .map(|x| b[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// "Chinese UI" issue: panes wrap with the UAX #14 engine; a URL wider than
/// the pane breaks after a `/` (or another separator), never in the middle of
/// a path segment, and loses nothing.
#[test]
fn result_request_pane_breaks_the_url_only_after_a_slash() {
    let (a, _) = filled(Step::Review);
    let mut a = with_result(a, Some(ok_response()));
    key(&mut a, KeyCode::Char('1'));
    let (w, h) = (120, 40);
    let t = render(&mut a, w, h);
    let body = vflow::tui::layout::frame(ratatui::layout::Rect::new(0, 0, w, h)).body;
    let pane = vflow::tui::layout::result(body).panes[0];
    let rows = pane_rows(&t, pane);
    let first = rows.iter().position(|r| r.starts_with("POST")).unwrap();
    let last = rows.iter().position(|r| r.starts_with("host:")).unwrap();
    let url_rows: Vec<&str> = rows[first..last].iter().map(|r| r.trim()).collect();
    // the URL is wider than the pane, so it does break somewhere
    assert!(url_rows.len() > 1, "{rows:#?}");
    let joined = url_rows.concat();
    let path = "/api/v2/sdk/sms/send";
    let start = joined.find(path).expect(&joined) + 1;
    let end = start - 1 + path.len();
    let mut at = 0;
    for r in &url_rows[..url_rows.len() - 1] {
        at += r.len();
        if (start..end).contains(&at) {
            assert!(r.ends_with('/'), "broken inside {path}: {url_rows:#?}");
        }
    }
    // nothing runs under the border: every row fits the pane's inner width
    for r in &rows {
        assert!(
            ratatui::text::Span::raw(r.as_str()).width() <= pane.width as usize - 2,
            "{r:?}"
        );
    }
}

/// On the result, `G` and `g` take the focused pane to its bottom and back to the top, as
/// End and Home do (`G` used to do nothing while j/k scrolled).
#[test]
fn g_and_shift_g_scroll_the_focused_pane_to_the_ends() {
    let (mut a, _) = filled(Step::Review);
    a.headers[3].enabled = false;
    let body = error_body("IDAAS.SDK.PARAM.0001");
    let mut a = with_result(a, Some(json_response(400, &body)));
    render(&mut a, 80, 24); // the pane heights of the last draw bound the scroll
    let focus = a.panes.focus;
    assert_eq!(a.panes.scroll[focus], 0);
    update(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)),
    );
    let bottom = a.panes.scroll[focus];
    assert!(bottom > 0, "G scrolled down");
    key(&mut a, KeyCode::End);
    assert_eq!(a.panes.scroll[focus], bottom, "End goes as far");
    key(&mut a, KeyCode::Char('g'));
    assert_eq!(a.panes.scroll[focus], 0, "g goes back to the top");
}

/// A title bar wider than the screen ends with … rather than in the middle of a word.
#[test]
fn a_title_bar_wider_than_the_screen_ends_with_an_ellipsis() {
    let (mut a, _) = app();
    let t = render(&mut a, 60, 20);
    let buf = t.backend().buffer();
    let row: String = (0..60).map(|x| buf[(x, 0)].symbol()).collect();
    assert!(row.trim_end().ends_with('…'), "{row:?}");
    let t = render(&mut a, 160, 20);
    let buf = t.backend().buffer();
    let row: String = (0..160).map(|x| buf[(x, 0)].symbol()).collect();
    assert!(
        !row.trim_end().ends_with('…'),
        "a title that fits is whole: {row:?}"
    );
}

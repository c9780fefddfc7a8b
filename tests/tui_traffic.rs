//! The Traffic screen (`vflow proxy` on a terminal): exchanges appear as the
//! proxy records them, `/` filters, Enter opens the three panes with the
//! explanation, `e` takes one into the review to edit and resend, `w`/`W`
//! export HAR. Driven through the real update loop; the proxy and the
//! simulator run on 127.0.0.1.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;
use vflow::client::proxy::{self, ProxyConfig};
use vflow::tui::app::{App, Cmd, Msg, Screen, Step, update};
use vflow::tui::fixtures::traffic;
use vflow::tui::view;

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

fn press(a: &mut App, code: KeyCode) -> Vec<Cmd> {
    update(a, Msg::Key(KeyEvent::from(code)))
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
fn the_list_follows_the_newest_filters_and_opens_the_panes() {
    let mut a = traffic(9);
    a.size = (160, 48);
    assert_eq!(a.traffic.sel, 8, "the newest is selected while following");
    let s = screen_text(&a);
    assert!(s.contains("9 exchanges"), "{s}");
    for want in ["PARAM.0001", "REFUSED", "CONNECT", "CAPTCHA.0003"] {
        assert!(s.contains(want), "{want} in\n{s}");
    }
    snap("traffic_list", &mut a);

    press(&mut a, KeyCode::Char('/'));
    assert!(a.typing(), "the filter takes letters");
    for c in "param".chars() {
        press(&mut a, KeyCode::Char(c));
    }
    assert_eq!(a.traffic.shown(), 2, "exchanges 2 and 6 hold PARAM.0001");
    press(&mut a, KeyCode::Enter);
    assert!(!a.typing());
    a.size = (160, 48);
    let s = screen_text(&a);
    assert!(s.contains("2 of 9 shown"), "{s}");
    snap("traffic_filtered", &mut a);

    // New exchanges that match join the filtered list; others do not.
    let more = traffic(12);
    for r in more.traffic.list.iter().skip(9) {
        update(&mut a, Msg::Traffic(r.clone()));
    }
    assert_eq!(a.traffic.shown(), 3, "exchange 10 is a PARAM.0001 too");

    let cmds = press(&mut a, KeyCode::Enter);
    let open = a.traffic.open.as_ref().expect("Enter opens the panes");
    assert_eq!(open.id, 10, "the newest match was selected");
    let kept = a
        .history
        .last()
        .expect("an exchange looked at joins the history");
    assert_eq!(kept.source, vflow::client::history::Source::Proxy);
    assert_eq!(kept.exchange, open.exchange);
    assert_eq!(cmds, vec![Cmd::AppendHistory(Box::new(kept.clone()))]);
    a.size = (160, 48);
    let s = screen_text(&a);
    assert!(
        s.contains("X-device-fingerprint"),
        "the explanation names the missing header:\n{s}"
    );
    snap("traffic_detail", &mut a);
    press(&mut a, KeyCode::Esc);
    assert!(a.traffic.open.is_none());
    assert!(
        press(&mut a, KeyCode::Enter).is_empty() && a.history.len() == 1,
        "opened again: not recorded twice"
    );
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.traffic.shown(), 12, "Esc clears the filter");
}

#[test]
fn an_exchange_already_listed_is_not_listed_twice() {
    // attach subscribes, then lists the store's snapshot: an exchange recorded in between
    // arrives both ways.
    let mut a = traffic(3);
    let again: Vec<_> = a.traffic.list.iter().cloned().collect();
    for r in again {
        update(&mut a, Msg::Traffic(r));
    }
    assert_eq!(a.traffic.shown(), 3);
    let ids: Vec<u64> = a.traffic.list.iter().map(|r| r.id).collect();
    assert_eq!(ids, [1, 2, 3]);
}

#[test]
fn the_list_is_bounded_and_the_selection_stays_on_its_row() {
    let mut a = traffic(5);
    a.traffic.keep = 5;
    press(&mut a, KeyCode::Up);
    press(&mut a, KeyCode::Up);
    assert_eq!(a.traffic.sel, 2);
    assert!(!a.traffic.follow, "moved up: no longer following");
    let id = a.traffic.row(a.traffic.sel).unwrap().id;
    let more = traffic(7);
    for r in more.traffic.list.iter().skip(5) {
        update(&mut a, Msg::Traffic(r.clone()));
    }
    assert_eq!(a.traffic.list.len(), 5, "the oldest went");
    assert_eq!(a.traffic.list.front().unwrap().id, 3);
    assert_eq!(a.traffic.row(a.traffic.sel).unwrap().id, id);
}

#[test]
fn w_and_capital_w_export_the_selected_and_all_shown_as_har() {
    let mut a = traffic(8);
    let cmds = press(&mut a, KeyCode::Char('w'));
    let [Cmd::ExportHar(xs)] = &cmds[..] else {
        panic!("{cmds:?}")
    };
    assert_eq!(xs.len(), 1);
    assert_eq!(xs[0], a.traffic.list[7].exchange);
    let cmds = press(&mut a, KeyCode::Char('W'));
    let [Cmd::ExportHar(xs)] = &cmds[..] else {
        panic!("{cmds:?}")
    };
    assert_eq!(xs.len(), 8);
}

/// At 80 columns the path gets the room (no device column) and a long one
/// keeps its end, where the paths differ.
#[test]
fn a_narrow_list_keeps_the_end_of_a_long_path() {
    let mut a = traffic(3);
    let mut r = (*a.traffic.list[0]).clone();
    r.id = 4;
    r.exchange.request.url =
        "http://127.0.0.1:40123/api/v2/sdk/register/mobile-verify-code?lang=zh-CN&x=1".into();
    update(&mut a, Msg::Traffic(std::sync::Arc::new(r)));
    a.size = (80, 24);
    let s = screen_text(&a);
    assert!(!s.contains("device"), "{s}");
    assert!(s.contains("/api/v2/sdk/sms/send "), "{s}");
    assert!(s.contains("…obile-verify-code?lang=zh-CN&x=1 200"), "{s}");
    a.size = (160, 48);
    let s = screen_text(&a);
    assert!(s.contains("device") && s.contains("Android 14"), "{s}");
    assert!(
        s.contains("/api/v2/sdk/register/mobile-verify-code?lang=zh-CN&x=1"),
        "{s}"
    );
}

/// The mouse on the list: a click selects the row under it (and stops
/// following), a click on the selected row opens it, the wheel moves.
#[test]
fn a_click_selects_a_row_and_a_second_click_opens_it() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut a = traffic(9);
    a.size = (160, 48);
    let mouse = |kind, row| {
        Msg::Mouse(MouseEvent {
            kind,
            column: 20,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let click = |row| mouse(MouseEventKind::Down(MouseButton::Left), row);
    // header line, list border, column header: the first exchange is row 3
    let row_of = |i: u16| 3 + i;
    let s = screen_text(&a);
    let line = s.lines().nth(row_of(2) as usize).unwrap();
    assert!(
        line.contains("CAPTCHA.0003"),
        "exchange 3 on that row: {line}"
    );
    assert!(update(&mut a, click(row_of(2))).is_empty());
    assert_eq!(a.traffic.sel, 2);
    assert!(!a.traffic.follow);
    assert!(a.traffic.open.is_none(), "the first click only selects");
    update(&mut a, mouse(MouseEventKind::ScrollDown, row_of(2)));
    assert_eq!(a.traffic.sel, 3, "the wheel moves the selection");
    update(&mut a, click(row_of(3)));
    assert_eq!(
        a.traffic
            .open
            .as_ref()
            .map(|r| r.exchange.request.method.as_str()),
        Some("CONNECT")
    );
    // below the last exchange: nothing
    press(&mut a, KeyCode::Esc);
    update(&mut a, click(row_of(20)));
    assert_eq!(a.traffic.sel, 3);
}

/// An app talks to `vflow proxy`'s core; the exchanges reach the screen
/// through the store's subscription; `e` takes one into the review with
/// the app's headers and the resend goes to the upstream (the simulator).
#[tokio::test]
async fn proxied_exchanges_are_listed_and_one_is_edited_and_resent() {
    let sim = vflow::tui::fixtures::simulator(false).await;
    let handle = proxy::start(
        ProxyConfig {
            upstream: sim.base_url(),
            keep: 100,
        },
        ([127, 0, 0, 1], 0).into(),
    )
    .await
    .unwrap();
    let mut rx = handle.store.subscribe();
    // The app: no fingerprint header, an extra header.
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let resp = client
        .post(format!("{}/api/v2/sdk/sms/send", handle.base_url()))
        .header("content-type", "application/json;charset=UTF-8")
        .header("X-agent", "Mozilla/5.0 (Linux; Android 14; Pixel 8)")
        .header("X-client-id", vflow::api::headers::EXAMPLE_CLIENT_ID)
        .header("X-operating-sys-version", "Android 14")
        .header("X-app-build", "4711")
        .body(r#"{"mobile":"13800138000","type":"LOGIN_SMS","captcha_token":"x---{}"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let rec = tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .unwrap()
        .unwrap();

    let mut a = vflow::tui::fixtures::app_on(&sim, vflow::tui::fixtures::headers());
    a.size = (160, 48);
    a.traffic.listen = handle.base_url();
    a.screen = Screen::Traffic;
    let mut rt = vflow::tui::fixtures::runtime();
    rt.dispatch(&mut a, Msg::Traffic(rec));
    let s = screen_text(&a);
    assert!(s.contains("/api/v2/sdk/sms/send"), "{s}");
    assert!(
        s.contains("Android 14 · Linux; Android 14; Pixel 8"),
        "device summary:\n{s}"
    );
    assert!(s.contains("PARAM.0001"), "{s}");

    rt.dispatch(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('e'))));
    assert_eq!(a.screen, Screen::Wizard(Step::Review));
    // Esc goes back to the list it came from; `e` there takes it again.
    rt.dispatch(&mut a, Msg::Key(KeyEvent::from(KeyCode::Esc)));
    assert_eq!(a.screen, Screen::Traffic);
    rt.dispatch(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('e'))));
    assert_eq!(a.screen, Screen::Wizard(Step::Review));
    let spec = a.send_spec();
    let names: Vec<&str> = spec.headers.iter().map(|h| h.name.as_str()).collect();
    // (reqwest writes names in lower case: the app's own casing is what the proxy received)
    assert!(names.contains(&"x-app-build"), "{names:?}");
    assert!(!names.iter().any(|n| n.eq_ignore_ascii_case("host")));
    // Add the missing header in the editor's list and resend to the upstream.
    a.headers.push(vflow::client::build::header(
        vflow::api::headers::FINGERPRINT,
        "156aysdna213sc50",
    ));
    rt.dispatch(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('g'))));
    rt.settle(&mut a, Duration::from_secs(10)).await.unwrap();
    rt.dispatch(&mut a, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    rt.settle(&mut a, Duration::from_secs(10)).await.unwrap();
    assert_eq!(a.screen, Screen::Result);
    let r = a.current_record().unwrap();
    assert_eq!(
        r.exchange.outcome,
        vflow::client::Outcome::Success,
        "{:?}",
        r.exchange
    );
    assert!(r.exchange.request.url.starts_with(&sim.base_url()));
    // F5 goes back to the traffic.
    rt.dispatch(&mut a, Msg::Key(KeyEvent::from(KeyCode::F(5))));
    assert_eq!(a.screen, Screen::Traffic);
    handle.shutdown().await;
}

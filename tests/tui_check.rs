//! The Check screen (F4): snapshots of a run in progress and of a finished run
//! with a failure (80x24 and 160x48), and the real update loop driving the
//! suite against the simulator on 127.0.0.1 through the runtime.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;
use vflow::api::Lang;
use vflow::check::{self, CaseResult, Sent, Suite, Verdict};
use vflow::client::ReceivedResponse;
use vflow::client::explain::{ExplainContext, explain_exchange};
use vflow::clock;
use vflow::sim::SimHandle;
use vflow::tui::app::{App, Cmd, Msg, Screen, Target, update};
use vflow::tui::check::CaseState;
use vflow::tui::fixtures::{self, error_body, json_response, ok_response};
use vflow::tui::runtime::Runtime;
use vflow::tui::view;

mod zh_screens;
use zh_screens::{assert_chinese, assert_rows_fit, in_chinese};

/// The catalogue files of the Check screen (its probes and the puzzle it opens included).
const FILES: &[&str] = &["tui-check", "tui-probe", "tui-puzzle"];

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn snap(name: &str, a: &mut App) {
    for (w, h) in SIZES {
        a.size = (w, h);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view(a, f)).unwrap();
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

/// The result of a case that got `resp` (deterministic: the fixtures' exchange), its
/// request sent with X-L `lang` (so its explanation is in that language).
fn result_in(lang: Lang, suite: &Suite, i: usize, resp: Option<ReceivedResponse>) -> CaseResult {
    let case = &suite.cases[i];
    let spec = check::run::request(
        case,
        suite,
        "http://127.0.0.1:40123",
        &zh_screens::headers_in(lang),
        42,
    );
    let x = fixtures::exchange(&spec, resp);
    let verdict = match check::run::compare(&case.expect, &x.outcome) {
        Ok(()) => Verdict::Pass,
        Err(reason) => Verdict::Fail { reason },
    };
    CaseResult {
        name: case.name.clone(),
        description: case.description.clone(),
        expected: case.expect.clone(),
        got: Some(x.outcome.label()),
        verdict,
        time: x.timing.total,
        elapsed: x.timing.total,
        explanation: Some(explain_exchange(&x, &ExplainContext::default())),
        sends: vec![Sent {
            role: "check",
            spec,
            exchange: x,
        }],
        token_sender: None,
    }
}

/// What a case expecting an error gets when the server behaves.
fn as_documented(suite: &Suite, i: usize) -> CaseResult {
    as_documented_in(Lang::En, suite, i)
}

fn as_documented_in(lang: Lang, suite: &Suite, i: usize) -> CaseResult {
    match &suite.cases[i].expect {
        check::Expected::Error {
            error_code: Some(c),
            status,
        } => result_in(
            lang,
            suite,
            i,
            Some(json_response(status.unwrap_or(400), &error_body(c))),
        ),
        _ => result_in(lang, suite, i, Some(ok_response())),
    }
}

#[test]
fn the_suites_are_parsed_when_the_check_screen_opens_not_before_the_first_frame() {
    let (mut a, _) = fixtures::app();
    // Start-up: nothing of the suites yet (the first frame does not show them).
    assert!(a.check.deferred && a.check.rows.is_empty());
    assert!(a.probe.deferred && a.probe.rows.is_empty());
    fixtures::key(&mut a, KeyCode::F(4));
    assert!(!a.check.deferred && !a.probe.deferred);
    assert_eq!(a.check.rows.len(), Suite::builtin().cases.len());
    assert_eq!(
        a.probe.rows.len(),
        check::probe::ProbeSuite::builtin().probes.len()
    );
    assert_eq!(
        a.check.running,
        Some(1),
        "the run starts over the whole suite"
    );
}

fn check_app() -> App {
    let (mut a, _) = fixtures::app();
    fixtures::key(&mut a, KeyCode::F(4));
    assert_eq!(a.screen, Screen::Check);
    assert_eq!(a.check.running, Some(1), "the first F4 starts a run");
    a
}

#[test]
fn check_running() {
    let mut a = check_app();
    let suite = a.check.suite.clone();
    for i in 0..5 {
        a.check.rows[i] = CaseState::Done(Box::new(as_documented(&suite, i)));
    }
    a.check.rows[5] = CaseState::Running;
    a.check.sel = 5;
    snap("check_running", &mut a);
}

fn finished_with_a_failure() -> App {
    finished_with_a_failure_in(Lang::En)
}

fn finished_with_a_failure_in(lang: Lang) -> App {
    let mut a = check_app();
    if lang == Lang::Zh {
        in_chinese(&mut a);
    }
    let suite = a.check.suite.clone();
    for (i, case) in suite.cases.iter().enumerate() {
        let r = if case.name == "scene-unknown" {
            // the server sends a code for an unknown scene
            result_in(lang, &suite, i, Some(ok_response()))
        } else if case.pass_token || case.deliver.is_some() || case.login || case.state_token {
            // cases that need a pass token or a delivered code: skipped without reveal
            CaseResult {
                verdict: Verdict::Skip {
                    reason:
                        "needs a valid pass token, and the target does not reveal captcha solutions"
                            .into(),
                },
                got: None,
                sends: Vec::new(),
                explanation: None,
                ..as_documented_in(lang, &suite, i)
            }
        } else {
            as_documented_in(lang, &suite, i)
        };
        a.check.rows[i] = CaseState::Done(Box::new(r));
    }
    vflow::tui::update(
        &mut a,
        Msg::Check(vflow::tui::check::CheckMsg::Finished {
            run: 1,
            stopped: false,
        }),
    );
    a.check.sel = suite
        .cases
        .iter()
        .position(|c| c.name == "scene-unknown")
        .unwrap();
    a
}

#[test]
fn check_done_with_a_failure() {
    let mut a = finished_with_a_failure();
    assert_eq!(a.check.running, None);
    assert!(
        a.check.summary().contains("1 failed"),
        "{}",
        a.check.summary()
    );
    snap("check_done_failure", &mut a);
    // Enter opens the failing case: what differed, then the explanation of what it got
    fixtures::key(&mut a, KeyCode::Enter);
    assert!(a.check.open.is_some());
    snap("check_failure_case", &mut a);
    let text = vflow::tui::record::plain(&vflow::tui::check::pane_lines(&a, 2));
    for want in [
        "expected  400 IDAAS.SDK.CAPTCHA.0005",
        "got       200 OK",
        "verdict   FAIL",
        "SMS code sent",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    fixtures::key(&mut a, KeyCode::Esc);
    assert_eq!(a.check.open, None);
    assert_eq!(a.screen, Screen::Check);
}

// ---- the real update loop -----------------------------------------------------------

const LIMIT: Duration = Duration::from_secs(20);

async fn harness(reveal: bool) -> (App, Runtime, SimHandle) {
    let sim = fixtures::simulator_with(reveal, false).await;
    let target = Target {
        base_url: sim.base_url(),
        // without reveal, the TUI treats it as any other target
        simulator: reveal,
        profile: "default".into(),
    };
    let mut app = App::new(target, fixtures::headers(), clock::system());
    app.size = (120, 40);
    (app, fixtures::runtime(), sim)
}

fn press(rt: &mut Runtime, app: &mut App, code: KeyCode) {
    rt.dispatch(app, Msg::Key(KeyEvent::from(code)));
}

fn verdicts(app: &App) -> Vec<&'static str> {
    app.check
        .rows
        .iter()
        .map(|r| match r {
            CaseState::Done(r) => r.verdict.word(),
            CaseState::Running => "running",
            CaseState::Pending => "pending",
        })
        .collect()
}

#[tokio::test]
async fn f4_runs_the_suite_against_the_simulator_and_opens_a_case() {
    let (mut app, mut rt, _sim) = harness(true).await;
    press(&mut rt, &mut app, KeyCode::F(4));
    assert_eq!(app.screen, Screen::Check);
    assert!(app.check.running.is_some());
    // each case arrives as its own message: count the redraw points
    let mut updates = 0;
    while !rt.idle() {
        let msg = tokio::time::timeout(LIMIT, rt.rx.recv())
            .await
            .expect("a message in time")
            .unwrap();
        if matches!(msg, Msg::Check(_)) {
            updates += 1;
        }
        rt.dispatch(&mut app, msg);
    }
    let n = app.check.suite.cases.len();
    assert_eq!(
        updates,
        2 * n + 1,
        "started and done per case, then finished"
    );
    assert_eq!(app.check.running, None);
    assert!(
        verdicts(&app).iter().all(|v| *v == "PASS"),
        "{:?}",
        verdicts(&app)
    );
    // open the single-use case: both sends are in the request pane
    let i = app
        .check
        .suite
        .cases
        .iter()
        .position(|c| c.name == "pass-token-single-use")
        .unwrap();
    for _ in 0..i {
        press(&mut rt, &mut app, KeyCode::Down);
    }
    press(&mut rt, &mut app, KeyCode::Enter);
    assert_eq!(app.check.open, Some(i));
    let req = vflow::tui::record::plain(&vflow::tui::check::pane_lines(&app, 0));
    assert!(
        req.contains("── setup send 1 ──") && req.contains("── checked send ──"),
        "{req}"
    );
    let resp = vflow::tui::record::plain(&vflow::tui::check::pane_lines(&app, 1));
    assert!(resp.contains("IDAAS.SDK.CAPTCHA.0003"), "{resp}");
    // Esc back to the table, r runs again
    press(&mut rt, &mut app, KeyCode::Esc);
    press(&mut rt, &mut app, KeyCode::Char('r'));
    assert_eq!(app.check.running, Some(2));
    rt.settle(&mut app, LIMIT).await.unwrap();
    assert!(
        verdicts(&app).iter().all(|v| *v == "PASS"),
        "{:?}",
        verdicts(&app)
    );
}

#[tokio::test]
async fn s_stops_a_run() {
    let (mut app, mut rt, _sim) = harness(true).await;
    press(&mut rt, &mut app, KeyCode::F(4));
    press(&mut rt, &mut app, KeyCode::Char('s'));
    rt.settle(&mut app, LIMIT).await.unwrap();
    assert_eq!(app.check.running, None);
    assert!(app.check.stopped);
    assert!(!verdicts(&app).contains(&"running"));
    // Esc goes back where F4 came from
    press(&mut rt, &mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Wizard(_)));
}

#[tokio::test]
async fn without_reveal_the_person_is_asked_and_leaving_the_puzzle_skips_the_token_cases() {
    let (mut app, mut rt, _sim) = harness(false).await;
    press(&mut rt, &mut app, KeyCode::F(4));
    // The run goes until a case needs a pass token: the table stays, with the question.
    while app.check.asking.is_none() {
        let msg = tokio::time::timeout(LIMIT, rt.rx.recv())
            .await
            .expect("the check asks for a token")
            .unwrap();
        rt.dispatch(&mut app, msg);
    }
    assert_eq!(app.screen, Screen::Check, "the table first, no jump");
    let notice = app
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    let (case, k, n) = app.check.asking_case().expect("the running case asks");
    assert!(notice.contains(&case.name), "{notice}");
    assert!(notice.contains(&format!("{k} of {n}")), "{notice}");
    // p opens the puzzle for it
    press(&mut rt, &mut app, KeyCode::Char('p'));
    while app.puzzle.phase != vflow::tui::puzzle::Phase::Sliding {
        let msg = tokio::time::timeout(LIMIT, rt.rx.recv())
            .await
            .expect("the puzzle arrives")
            .unwrap();
        rt.dispatch(&mut app, msg);
    }
    assert_eq!(app.screen, Screen::Puzzle);
    assert!(app.puzzle.for_check.is_some(), "solving for the check");
    assert!(app.check.asking.is_some());
    // The person declines: back to the check, the token cases are skipped with why.
    press(&mut rt, &mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Check);
    rt.settle(&mut app, LIMIT).await.unwrap();
    let suite = app.check.suite.clone();
    for (case, row) in suite.cases.iter().zip(&app.check.rows) {
        let CaseState::Done(r) = row else {
            panic!("{} did not run", case.name)
        };
        // consumer cases with a delivered code or a login need a pass token too
        if case.pass_token || case.deliver.is_some() || case.login {
            let reason = r.verdict.reason().unwrap_or_default();
            assert_eq!(r.verdict.word(), "SKIP", "{}", case.name);
            assert!(reason.contains("left unsolved"), "{reason}");
            // the advice fits the Check screen it is read on: its keys, not "F4"
            assert!(
                reason.contains("r runs the check again: solve the puzzle (p)")
                    && !reason.contains("F4"),
                "{reason}"
            );
            // a setup that went well before the token was refused is no answer of the case's
            assert!(
                r.explanation.as_ref().is_none_or(|e| e.class != "success"),
                "{}: {:?}",
                case.name,
                r.explanation
            );
        } else {
            assert_eq!(r.verdict, Verdict::Pass, "{}", case.name);
        }
    }
}

#[test]
fn a_solved_puzzle_answers_the_waiting_check_case() {
    use vflow::client::simflow::TokenError;
    use vflow::tui::check::{CheckMsg, TokenRequest};
    let (mut app, _) = fixtures::app();
    app.check.running = Some(7);
    app.screen = Screen::Check;
    let (reply, mut answer) = tokio::sync::oneshot::channel();
    let cmds = update(
        &mut app,
        Msg::Check(CheckMsg::NeedToken(TokenRequest {
            run: 7,
            sender: "13900000001".into(),
            reply,
        })),
    );
    assert!(cmds.is_empty(), "the table stays in front: {cmds:?}");
    assert_eq!(app.screen, Screen::Check);
    let cmds = update(&mut app, Msg::Key(KeyEvent::from(KeyCode::Char('p'))));
    assert_eq!(app.screen, Screen::Puzzle);
    assert!(
        matches!(cmds.as_slice(), [Cmd::FetchPuzzle { .. }]),
        "{cmds:?}"
    );
    update(
        &mut app,
        Msg::PuzzleFetched(Ok(Box::new(vflow::tui::puzzle::Fetched {
            puzzle: fixtures::puzzle(),
            picker: Some(ratatui_image::picker::Picker::halfblocks()),
        }))),
    );
    // Enter verifies (once the piece has moved) for the case's sender, not
    // the wizard's (empty) mobile.
    update(&mut app, Msg::Key(KeyEvent::from(KeyCode::Right)));
    let cmds = update(&mut app, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    let [Cmd::VerifyPuzzle { sender, .. }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    assert_eq!(sender, "13900000001");
    assert_eq!(app.mobile.value(), "", "the wizard's mobile is untouched");
    let spec = vflow::client::build::captcha_verify(
        "http://127.0.0.1:40123",
        fixtures::headers(),
        "{\"x\":0.0,\"y\":5.0}",
        "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "13900000001",
    );
    let token = "0f1e2d3c4b5a69788796a5b4c3d2e1f0---{\"x\":0.0,\"y\":5.0}";
    let body = serde_json::json!({ "captcha_token": token }).to_string();
    update(
        &mut app,
        Msg::PuzzleVerified {
            sender: "13900000001".into(),
            exchange: Box::new(fixtures::exchange(
                &spec,
                Some(fixtures::json_response(200, &body)),
            )),
        },
    );
    assert_eq!(app.screen, Screen::Check, "back to the check");
    assert_eq!(
        answer.try_recv().unwrap(),
        Ok::<_, TokenError>(token.to_string())
    );
    assert_eq!(
        app.token.value(),
        "",
        "the wizard's token field is untouched"
    );
}

// ---- issue 15, item 6: F4 against a tenant without revealed solutions ----------------

type TokenAnswer =
    tokio::sync::oneshot::Receiver<Result<String, vflow::client::simflow::TokenError>>;

fn asking_app(redact: bool) -> (App, TokenAnswer) {
    asking_app_in(Lang::En, redact)
}

/// A run waiting for the second case that needs a token, the UI in `lang`.
fn asking_app_in(lang: Lang, redact: bool) -> (App, TokenAnswer) {
    use vflow::tui::check::{CheckMsg, TokenRequest};
    let mut a = check_app();
    if lang == Lang::Zh {
        in_chinese(&mut a);
    }
    a.redact = redact;
    let suite = a.check.suite.clone();
    let i = suite
        .cases
        .iter()
        .position(vflow::tui::check::needs_token)
        .unwrap();
    let later = suite
        .cases
        .iter()
        .skip(i + 1)
        .position(vflow::tui::check::needs_token)
        .map(|j| i + 1 + j)
        .unwrap();
    for r in 0..later {
        a.check.rows[r] = CaseState::Done(Box::new(as_documented_in(lang, &suite, r)));
    }
    a.check.rows[later] = CaseState::Running;
    let (reply, answer) = tokio::sync::oneshot::channel();
    let cmds = update(
        &mut a,
        Msg::Check(CheckMsg::NeedToken(TokenRequest {
            run: 1,
            sender: "13900000024".into(),
            reply,
        })),
    );
    assert!(cmds.is_empty(), "{cmds:?}");
    (a, answer)
}

#[test]
fn the_token_question_names_the_case_and_k_of_n_over_the_table() {
    let (a, _answer) = asking_app(true);
    assert_eq!(a.screen, Screen::Check, "no jump into a puzzle");
    let suite = a.check.suite.clone();
    let n = suite
        .cases
        .iter()
        .filter(|c| vflow::tui::check::needs_token(c))
        .count();
    let (case, k, total) = a.check.asking_case().unwrap();
    assert_eq!((k, total), (2, n), "the second case needing a token");
    let notice = a.notice.clone().unwrap().text;
    assert!(notice.contains(&case.name), "{notice}");
    assert!(notice.contains(&format!("2 of {n}")), "{notice}");
    assert!(notice.contains("p solves the puzzle"), "{notice}");
    // the footer offers p
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut a = a;
    a.size = (120, 40);
    t.draw(|f| view(&a, f)).unwrap();
    let screen = format!("{:?}", t.backend());
    assert!(screen.contains("p solve puzzle"), "{screen}");
}

/// The question is wider than the status row at 80x24: read in full (wrapped over the
/// bottom of the table's detail, above the footer), not cut at the screen's edge.
#[test]
fn the_token_question_is_read_in_full_at_80x24() {
    for lang in [Lang::En, Lang::Zh] {
        let (mut a, _answer) = asking_app_in(lang, true);
        let notice = a.notice.clone().unwrap().text;
        assert!(
            unicode_width::UnicodeWidthStr::width(notice.as_str()) > 80,
            "{notice}"
        );
        let t = zh_screens::draw(&mut a, 80, 24);
        let flat = |s: &str| s.split_whitespace().collect::<String>();
        let screen = zh_screens::rows(&t).join("\n");
        assert!(flat(&screen).contains(&flat(&notice)), "{notice}\n{screen}");
        if lang == Lang::En {
            insta::assert_snapshot!("check_asking_80x24", t.backend());
        }
    }
}

#[test]
fn the_status_and_the_puzzle_panel_mask_the_mobile_alike() {
    for redact in [true, false] {
        let (mut a, _answer) = asking_app(redact);
        fixtures::key(&mut a, KeyCode::Char('p'));
        assert_eq!(a.screen, Screen::Puzzle);
        let notice = a.notice.clone().unwrap().text;
        let masked = vflow::api::redact::mobile("13900000024");
        if redact {
            assert!(
                notice.contains(&masked) && !notice.contains("13900000024"),
                "{notice}"
            );
        } else {
            assert!(notice.contains("13900000024"), "{notice}");
        }
        // the puzzle screen's sender line shows it the same way
        a.size = (120, 40);
        update(
            &mut a,
            Msg::PuzzleFetched(Ok(Box::new(vflow::tui::puzzle::Fetched {
                puzzle: fixtures::puzzle(),
                picker: Some(ratatui_image::picker::Picker::halfblocks()),
            }))),
        );
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| view(&a, f)).unwrap();
        let screen = format!("{:?}", t.backend());
        assert_eq!(screen.contains("13900000024"), !redact, "{screen}");
    }
}

#[test]
fn r_while_a_run_is_going_asks_before_restarting() {
    let (mut a, mut answer) = asking_app(true);
    let done_before = a.check.summary();
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('r'))));
    assert!(cmds.is_empty(), "no restart yet: {cmds:?}");
    assert_eq!(a.check.running, Some(1));
    assert_eq!(a.check.summary(), done_before, "nothing lost");
    let notice = a.notice.clone().unwrap().text;
    assert!(notice.contains("r again restarts"), "{notice}");
    // any other key keeps the run
    update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Down)));
    assert!(!a.check.confirm_restart);
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('r'))));
    assert!(cmds.is_empty(), "asks again: {cmds:?}");
    // r, r: stop the run, start a new one
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('r'))));
    assert!(
        matches!(
            cmds.as_slice(),
            [Cmd::StopCheck { run: 1 }, Cmd::RunCheck { run: 2 }]
        ),
        "{cmds:?}"
    );
    assert_eq!(a.check.running, Some(2));
    assert!(a.check.asking.is_none());
    assert!(
        matches!(answer.try_recv(), Ok(Err(_))),
        "the waiting case of the old run gets no token"
    );
}

fn screen_text(a: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(a, f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The text of the screen with borders and line breaks gone, to find wrapped words.
fn flat(s: &str) -> String {
    s.chars()
        .map(|c| {
            if "│─┌┐└┘├┤".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn long_descriptions_and_skip_reasons_wrap_instead_of_being_cut_at_80_columns() {
    let mut a = finished_with_a_failure();
    let suite = a.check.suite.clone();
    let long = "needs a valid pass token, and the target does not reveal captcha solutions (the puzzle was left unsolved): solve the puzzle when the check asks for it (F4), or run against the built-in simulator";
    let i = suite.cases.iter().position(|c| c.pass_token).unwrap();
    if let CaseState::Done(r) = &mut a.check.rows[i] {
        r.verdict = Verdict::Skip {
            reason: long.into(),
        };
    }
    let agent = suite
        .cases
        .iter()
        .position(|c| {
            c.description
                .contains("the device information is incomplete")
        })
        .unwrap();
    a.size = (80, 24);
    // the box under the table
    for sel in [agent, i] {
        a.check.sel = sel;
        let text = flat(&screen_text(&a, 80, 24));
        let want = if sel == i {
            long
        } else {
            &suite.cases[agent].description
        };
        assert!(text.contains(&flat(want)), "{want}\n{text}");
    }
    // the open case's header
    for sel in [agent, i] {
        a.check.sel = sel;
        a.check.open = Some(sel);
        let text = flat(&screen_text(&a, 80, 24));
        let want = if sel == i {
            long
        } else {
            &suite.cases[agent].description
        };
        assert!(text.contains(&flat(want)), "{want}\n{text}");
    }
}

#[test]
fn a_skipped_case_says_why_instead_of_an_empty_what_it_got() {
    let mut a = finished_with_a_failure();
    let i = a
        .check
        .suite
        .cases
        .iter()
        .position(|c| c.pass_token)
        .unwrap();
    a.check.open = Some(i);
    let text = vflow::tui::record::plain(&vflow::tui::check::pane_lines(&a, 2));
    assert!(!text.contains("What it got"), "{text}");
    assert!(text.contains("skipped before sending"), "{text}");
    assert!(text.contains("does not reveal captcha solutions"), "{text}");
    // a case that got an answer keeps its heading
    let j = a
        .check
        .suite
        .cases
        .iter()
        .position(|c| c.name == "scene-unknown")
        .unwrap();
    a.check.open = Some(j);
    let text = vflow::tui::record::plain(&vflow::tui::check::pane_lines(&a, 2));
    assert!(text.contains("What it got"), "{text}");
}

/// Issue 15.1: an open case keeps its status, code and time on one line above
/// the panes at every size, whichever tab is in front.
#[test]
fn an_open_case_shows_its_summary_line_at_every_size() {
    let mut a = finished_with_a_failure();
    fixtures::key(&mut a, KeyCode::Enter);
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        for tab in ['1', '2', '3'] {
            fixtures::key(&mut a, KeyCode::Char(tab));
            a.size = (w, h);
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| view(&a, f)).unwrap();
            let b = t.backend().buffer();
            let line: String = (0..w).map(|x| b[(x, 3)].symbol()).collect();
            assert!(
                line.contains("200 OK") && line.contains(" ms"),
                "{w}x{h} tab {tab}: {line:?}"
            );
        }
    }
}

// ---- in Chinese ---------------------------------------------------------------------

/// The skip reason of the fixture (the runner's words, English in both languages).
const RUNNER_SKIP: &str =
    "needs a valid pass token, and the target does not reveal captcha solutions";

/// Snapshots of `a` at both sizes; each screen reads in Chinese (but for the runner's
/// skip reason) and fits its width.
fn snap_zh(name: &str, a: &mut App) {
    for (w, h) in SIZES {
        let t = zh_screens::draw(a, w, h);
        assert_rows_fit(&t);
        let text = zh_screens::text(&t);
        let runner = zh_screens::flat(&text).contains(RUNNER_SKIP);
        let allowed: &[&str] = if runner {
            &["needs a valid pass token"]
        } else {
            &[]
        };
        zh_screens::assert_chinese_but(&text, FILES, allowed);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

#[test]
fn check_running_in_chinese() {
    let mut a = check_app();
    in_chinese(&mut a);
    let suite = a.check.suite.clone();
    for i in 0..5 {
        a.check.rows[i] = CaseState::Done(Box::new(as_documented_in(Lang::Zh, &suite, i)));
    }
    a.check.rows[5] = CaseState::Running;
    a.check.sel = 5;
    snap_zh("check_running_zh", &mut a);
    let t = zh_screens::text(&zh_screens::draw(&mut a, 160, 48));
    let n = suite.cases.len();
    for want in [
        format!("检查（运行中）· 已完成 5/{n} · 通过 5 · 失败 0 · 跳过 0"),
        "用例".into(),
        "预期".into(),
        "实际".into(),
        "结论".into(),
        "耗时".into(),
        "检查内容".into(),
        "运行中…".into(),
        "内置套件（assets/check-suite.toml）".into(),
    ] {
        assert!(t.contains(&want), "{want}\n{t}");
    }
    for english in ["what it checks", "passed", "built-in suite", "PASS"] {
        assert!(!t.contains(english), "{english}\n{t}");
    }
}

#[test]
fn check_done_with_a_failure_in_chinese() {
    let mut a = finished_with_a_failure_in(Lang::Zh);
    snap_zh("check_done_failure_zh", &mut a);
    let t = zh_screens::text(&zh_screens::draw(&mut a, 80, 24));
    assert!(
        t.contains("失败：预期 400 IDAAS.SDK.CAPTCHA.0005，实际 200 OK"),
        "{t}"
    );
    assert!(t.contains("按 Enter 查看请求、响应和解释"), "{t}");
    // the verdicts line up under their heading, by terminal columns
    let rows = zh_screens::rows(&zh_screens::draw(&mut a, 160, 48));
    let head = rows.iter().find(|r| r.contains("检查内容")).unwrap();
    let col = zh_screens::column_of(head, "结论").unwrap();
    let pass = rows
        .iter()
        .find(|r| r.contains("device-header-missing"))
        .unwrap();
    let fail = rows.iter().find(|r| r.contains("scene-unknown ")).unwrap();
    assert_eq!(zh_screens::column_of(pass, "通过"), Some(col), "{pass}");
    assert_eq!(zh_screens::column_of(fail, "失败"), Some(col), "{fail}");
    // Enter opens the failing case: its head and the check pane in Chinese
    fixtures::key(&mut a, KeyCode::Enter);
    assert!(a.check.open.is_some());
    snap_zh("check_failure_case_zh", &mut a);
    let text = vflow::tui::record::plain(&vflow::tui::check::pane_lines(&a, 2));
    for want in [
        "预期      400 IDAAS.SDK.CAPTCHA.0005",
        "实际      200 OK",
        "结论      失败",
        "实际结果",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    assert!(!text.contains("What it got"), "{text}");
    let t = zh_screens::text(&zh_screens::draw(&mut a, 80, 24));
    assert!(t.contains("检查与解释"), "{t}");
    assert!(t.contains("失败：预期 400 IDAAS.SDK.CAPTCHA.0005"), "{t}");
}

#[test]
fn a_skipped_case_in_chinese() {
    let mut a = finished_with_a_failure_in(Lang::Zh);
    let i = a
        .check
        .suite
        .cases
        .iter()
        .position(|c| c.pass_token)
        .unwrap();
    a.check.sel = i;
    fixtures::key(&mut a, KeyCode::Enter);
    assert_eq!(a.check.open, Some(i));
    snap_zh("check_skipped_case_zh", &mut a);
    let text = vflow::tui::record::plain(&vflow::tui::check::pane_lines(&a, 2));
    assert!(text.contains("结论      跳过"), "{text}");
    // the runner's reason stays its English sentence (shared with `vflow check`)
    assert!(text.contains(RUNNER_SKIP), "{text}");
    assert!(
        text.contains("发送前已跳过：没有发送任何请求，因此没有可解释的响应（原因见上）"),
        "{text}"
    );
    let t = zh_screens::text(&zh_screens::draw(&mut a, 80, 24));
    assert!(t.contains("跳过：没有检查任何请求"), "{t}");
}

#[test]
fn the_token_question_in_chinese() {
    let (mut a, _answer) = asking_app_in(Lang::Zh, true);
    let (case, _, n) = a.check.asking_case().unwrap();
    let notice = a.notice.clone().unwrap().text;
    let want = format!(
        "用例 {}（需令牌用例 2/{n}）需要 {} 的通过令牌：按 p 解滑块拼图",
        case.name,
        vflow::api::redact::mobile("13900000024")
    );
    assert!(notice.starts_with(&want), "{notice}");
    snap_zh("check_asking_zh", &mut a);
    // p opens the puzzle for it, said in Chinese
    fixtures::key(&mut a, KeyCode::Char('p'));
    assert_eq!(a.screen, Screen::Puzzle);
    let notice = a.notice.clone().unwrap().text;
    assert!(
        notice.contains("：把滑块拖进缺口（按 Esc 跳过这些用例）"),
        "{notice}"
    );
    // r while it runs asks first, in Chinese
    fixtures::key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Check);
    assert_eq!(
        a.notice.clone().unwrap().text,
        "没有通过令牌：需要令牌的用例将被跳过"
    );
}

#[test]
fn r_while_running_asks_in_chinese() {
    let (mut a, _answer) = asking_app_in(Lang::Zh, false);
    fixtures::key(&mut a, KeyCode::Char('r'));
    let notice = a.notice.clone().unwrap().text;
    assert!(
        notice.starts_with("正在运行（已完成 ")
            && notice.ends_with("再按一次 r 从第一个用例重新开始，按其他键继续运行"),
        "{notice}"
    );
    fixtures::key(&mut a, KeyCode::Char('r'));
    assert_eq!(a.notice.clone().unwrap().text, "检查已重新开始");
}

#[tokio::test]
async fn a_check_run_in_chinese_through_the_update_loop() {
    let (mut app, mut rt, _sim) = harness(true).await;
    in_chinese(&mut app);
    press(&mut rt, &mut app, KeyCode::F(4));
    let mut updates = 0;
    while !rt.idle() {
        let msg = tokio::time::timeout(LIMIT, rt.rx.recv())
            .await
            .expect("a message in time")
            .unwrap();
        if matches!(msg, Msg::Check(_)) {
            updates += 1;
        }
        rt.dispatch(&mut app, msg);
        // every redraw point of the run reads in Chinese
        let t = zh_screens::draw(&mut app, 120, 40);
        assert_rows_fit(&t);
        assert_chinese(&zh_screens::text(&t), FILES);
    }
    let n = app.check.suite.cases.len();
    assert_eq!(updates, 2 * n + 1);
    assert!(
        verdicts(&app).iter().all(|v| *v == "PASS"),
        "{:?}",
        verdicts(&app)
    );
    let t = zh_screens::text(&zh_screens::draw(&mut app, 120, 40));
    assert!(
        t.contains(&format!(
            "检查（已完成）· 已完成 {n}/{n} · 通过 {n} · 失败 0 · 跳过 0"
        )),
        "{t}"
    );
    // the single-use case: its setup send and the checked one, named in Chinese
    let i = app
        .check
        .suite
        .cases
        .iter()
        .position(|c| c.name == "pass-token-single-use")
        .unwrap();
    for _ in 0..i {
        press(&mut rt, &mut app, KeyCode::Down);
    }
    press(&mut rt, &mut app, KeyCode::Enter);
    assert_eq!(app.check.open, Some(i));
    let req = vflow::tui::record::plain(&vflow::tui::check::pane_lines(&app, 0));
    assert!(
        req.contains("── 准备发送 1 ──") && req.contains("── 被检查的发送 ──"),
        "{req}"
    );
    let check = vflow::tui::record::plain(&vflow::tui::check::pane_lines(&app, 2));
    assert!(check.contains("结论      通过"), "{check}");
    assert!(
        check.contains("共 2 次发送：检查的是最后一次，之前的都是它的准备步骤"),
        "{check}"
    );
    let t = zh_screens::draw(&mut app, 120, 40);
    assert_chinese(&zh_screens::text(&t), FILES);
}

/// Issue: the person omitted X-agent in F2, then ran the check: 33 cases fail with
/// PARAM.0001 and nothing said why. The table says the headers are F2's (what is
/// different, how to change them back); a failing case explained by that edit says so; a
/// case that failed while preparing does not show a setup's "Success" as what it got.
/// English, then Chinese, through the real update loop against the simulator.
#[tokio::test]
async fn the_check_says_when_the_headers_edited_in_f2_are_the_cause() {
    for lang in [Lang::En, Lang::Zh] {
        let (mut app, mut rt, _sim) = harness(true).await;
        if lang == Lang::Zh {
            in_chinese(&mut app);
        }
        // F2, down to X-agent, Space omits it, Esc
        press(&mut rt, &mut app, KeyCode::F(2));
        assert_eq!(app.screen, Screen::Headers);
        let idx = app
            .headers
            .iter()
            .position(|h| h.name == vflow::api::headers::AGENT)
            .unwrap();
        for _ in 0..idx {
            press(&mut rt, &mut app, KeyCode::Down);
        }
        press(&mut rt, &mut app, KeyCode::Char(' '));
        assert!(!app.headers[idx].enabled);
        press(&mut rt, &mut app, KeyCode::Esc);
        press(&mut rt, &mut app, KeyCode::F(4));
        rt.settle(&mut app, LIMIT).await.unwrap();
        assert_eq!(app.check.running, None);
        let (notice, fail_line, prep, got) = match lang {
            Lang::En => (
                "Headers as edited in F2, not the profile's: X-agent omitted. Every case starts from them; F2 to change them back.",
                "This failure comes from the F2 edit (X-agent omitted), not from the server",
                "The case stopped while preparing",
                "What it got",
            ),
            Lang::Zh => (
                "请求头按 F2 中的编辑发送，而不是配置档中的：X-agent 被省略。每个用例都以此为起点；按 F2 改回。",
                "这一失败源于 F2 中的编辑（X-agent 被省略），而不是服务器的问题",
                "用例在准备阶段停止",
                "实际结果",
            ),
        };
        let screen = |app: &mut App, w: u16, h: u16| {
            app.size = (w, h);
            zh_screens::flat(&zh_screens::text(&zh_screens::draw(app, w, h)))
        };
        for (w, h) in [(80, 24), (120, 40)] {
            let text = screen(&mut app, w, h);
            // a wrapped line may break inside a Chinese phrase: compare without spaces
            let tight = |s: &str| s.split_whitespace().collect::<String>();
            assert!(tight(&text).contains(&tight(notice)), "{w}x{h}: {text}");
        }
        // a case whose checked request failed with PARAM.0001 because of the edit
        let suite = app.check.suite.clone();
        let pos = |name: &str| suite.cases.iter().position(|c| c.name == name).unwrap();
        let i = pos("scene-unknown");
        let CaseState::Done(r) = &app.check.rows[i] else {
            panic!("ran")
        };
        assert!(r.got.as_deref().unwrap_or_default().contains("PARAM.0001"));
        app.check.open = Some(i);
        let text = vflow::tui::record::plain(&vflow::tui::check::pane_lines(&app, 2));
        assert!(text.contains(fail_line), "{text}");
        assert!(text.contains(got), "{text}");
        // a case that failed getting its pass token: no "Success" of a setup send
        let i = pos("consumer-bind");
        app.check.open = Some(i);
        let text = vflow::tui::record::plain(&vflow::tui::check::pane_lines(&app, 2));
        assert!(text.contains("PARAM.0001"), "{text}");
        assert!(text.contains(fail_line), "{text}");
        assert!(text.contains(prep), "{text}");
        for wrong in [got, "Success", "成功", "/_sim/state-token returned 2xx"] {
            assert!(!text.contains(wrong), "{wrong}: {text}");
        }
        // the edit undone, the next run's table says nothing
        app.check.open = None;
        app.headers[idx].enabled = true;
        press(&mut rt, &mut app, KeyCode::Char('r'));
        rt.settle(&mut app, LIMIT).await.unwrap();
        let text = screen(&mut app, 120, 40);
        assert!(!text.contains("F2"), "{text}");
    }
}

/// The table follows the running case (a long suite scrolls with the run) until the person
/// moves the selection; at the end the first failure is selected.
#[test]
fn the_selection_follows_the_run_until_the_person_moves_it_and_ends_on_the_first_failure() {
    use vflow::tui::check::CheckMsg;
    let mut a = check_app();
    let run = a.check.running.unwrap();
    let suite = a.check.suite.clone();
    let n = suite.cases.len();
    assert!(n > 25, "a suite longer than an 80x24 table");
    update(&mut a, Msg::Check(CheckMsg::Started { run, index: 20 }));
    assert_eq!(a.check.sel, 20, "follows the running case");
    fixtures::key(&mut a, KeyCode::Up);
    assert_eq!(a.check.sel, 19);
    update(&mut a, Msg::Check(CheckMsg::Started { run, index: 25 }));
    assert_eq!(a.check.sel, 19, "the person moved: the selection stays");
    update(
        &mut a,
        Msg::Check(CheckMsg::Finished {
            run,
            stopped: false,
        }),
    );
    assert_eq!(
        a.check.sel, 19,
        "not following: still where the person put it"
    );
    // A second run followed to its end: the first failing case is selected.
    a.check.running = None;
    fixtures::key(&mut a, KeyCode::Char('r'));
    let run = a.check.running.unwrap();
    for i in 0..n {
        update(&mut a, Msg::Check(CheckMsg::Started { run, index: i }));
        let result = if i == 7 {
            result_in(Lang::En, &suite, i, Some(ok_response())) // expected an error: FAIL
        } else {
            as_documented(&suite, i)
        };
        update(
            &mut a,
            Msg::Check(CheckMsg::Done {
                run,
                index: i,
                result: Box::new(result),
            }),
        );
    }
    assert_eq!(a.check.sel, n - 1);
    update(
        &mut a,
        Msg::Check(CheckMsg::Finished {
            run,
            stopped: false,
        }),
    );
    assert_eq!(a.check.sel, 7, "the first failure");
}

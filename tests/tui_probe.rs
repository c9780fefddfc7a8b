//! The probes on the Check screen (F4, then Tab): snapshots of the probe table while it
//! runs and when done with a finding, of a finding's evidence and of the plan (80x24 and
//! 160x48); the real update loop running every probe against a weak simulator on
//! 127.0.0.1; and consent: against a target that is not on this machine nothing is sent
//! without `--authorized`.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;
use vflow::api::{Lang, Scene};
use vflow::check::Sent;
use vflow::check::probe::{ProbeResult, ProbeSuite, ProbeVerdict, Severity};
use vflow::client::build;
use vflow::clock;
use vflow::sim::{SimConfig, Weakness, Weaknesses};
use vflow::tui::app::{App, Cmd, Msg, Screen, Target, update};
use vflow::tui::fixtures::{self, error_body, json_response, ok_response};
use vflow::tui::record::plain;
use vflow::tui::runtime::Runtime;
use vflow::tui::screens::probe::{self, Ask, ProbeMsg, ProbeRow};
use vflow::tui::view;

mod zh_screens;
use zh_screens::{assert_chinese, assert_rows_fit, headers_in, in_chinese};

/// The catalogue files of the probes (on the Check screen).
const FILES: &[&str] = &["tui-check", "tui-probe"];

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];
const BASE: &str = "http://127.0.0.1:40123";

fn snap(name: &str, a: &mut App) {
    for (w, h) in SIZES {
        a.size = (w, h);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view(a, f)).unwrap();
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

/// The three requests that get a pass token, as the probes record them (X-L `lang`).
fn token_sends(lang: Lang, mobile: &str) -> Vec<Sent> {
    let h = headers_in(lang);
    let get = build::captcha_get(BASE, h.clone());
    let verify = build::captcha_verify(
        BASE,
        h,
        "{\"x\":237.0,\"y\":5.0}",
        "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        mobile,
    );
    let token = format!(
        "{{\"captcha_token\":{}}}",
        serde_json::to_string(fixtures::TOKEN).unwrap()
    );
    vec![
        Sent {
            role: "pass token",
            exchange: fixtures::exchange(&get, Some(json_response(200, "{\"token\":\"0f1e\"}"))),
            spec: get,
        },
        Sent {
            role: "pass token",
            exchange: fixtures::exchange(&verify, Some(json_response(200, &token))),
            spec: verify,
        },
    ]
}

/// The race probe as a weak simulator (`--weak race`) answers it: every parallel send
/// with the one pass token accepted.
fn race_finding(s: &ProbeSuite) -> ProbeResult {
    race_finding_in(Lang::En, s)
}

fn race_finding_in(lang: Lang, s: &ProbeSuite) -> ProbeResult {
    let probe = s.probes.iter().find(|p| p.name == "race").unwrap().clone();
    let m = "13900420000";
    let mut sends = token_sends(lang, m);
    for i in 0..3 {
        let spec = build::sms_send(
            BASE,
            headers_in(lang),
            Scene::ALL[i].code(),
            m,
            fixtures::TOKEN,
        );
        sends.push(Sent {
            role: "race",
            exchange: fixtures::exchange(&spec, Some(ok_response())),
            spec,
        });
    }
    ProbeResult {
        verdict: ProbeVerdict::Finding {
            severity: Severity::High,
            what: "3 of 3 parallel sends with one pass token were accepted: 3 SMS went out".into(),
        },
        notes: vec!["3 parallel sends with one pass token: 3 accepted".into()],
        sms: 3,
        elapsed: Duration::from_millis(42),
        sends,
        mobiles: vec![m.into()],
        probe,
    }
}

/// A probe that held: its one send refused as the defence should.
fn held(s: &ProbeSuite, i: usize) -> ProbeResult {
    held_in(Lang::En, s, i)
}

fn held_in(lang: Lang, s: &ProbeSuite, i: usize) -> ProbeResult {
    let probe = s.probes[i].clone();
    let spec = build::sms_send(
        BASE,
        headers_in(lang),
        "LOGIN_SMS",
        "13900420001",
        fixtures::TOKEN,
    );
    let resp = json_response(400, &error_body("IDAAS.SDK.CAPTCHA.0003"));
    ProbeResult {
        verdict: ProbeVerdict::Held,
        notes: vec![format!("{}: refused as it should be", probe.name)],
        sms: 0,
        elapsed: Duration::from_millis(5 + i as u64),
        sends: vec![Sent {
            role: "attack",
            exchange: fixtures::exchange(&spec, Some(resp)),
            spec,
        }],
        mobiles: vec!["13900420001".into()],
        probe,
    }
}

/// F4, stop the conformance run it starts, Tab to the probes.
fn probe_app() -> App {
    probe_app_in(Lang::En)
}

fn probe_app_in(lang: Lang) -> App {
    let (mut a, _) = fixtures::app();
    if lang == Lang::Zh {
        in_chinese(&mut a);
    }
    fixtures::key(&mut a, KeyCode::F(4));
    fixtures::key(&mut a, KeyCode::Char('s'));
    update(
        &mut a,
        Msg::Check(vflow::tui::check::CheckMsg::Finished {
            run: 1,
            stopped: true,
        }),
    );
    fixtures::key(&mut a, KeyCode::Tab);
    assert!(a.probe.shown, "Tab switches to the probes");
    a
}

/// `r`, then `y`: the run starts (as the runtime would be asked to).
fn start_run(a: &mut App) -> u64 {
    fixtures::key(a, KeyCode::Char('r'));
    assert_eq!(a.probe.ask, Some(Ask::Confirm), "the plan is shown first");
    let cmds = update(a, Msg::Key(KeyEvent::from(KeyCode::Char('y'))));
    let [Cmd::RunProbes { run }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    update(
        a,
        Msg::Probe(ProbeMsg::Began {
            run: *run,
            simulator: true,
            max_sms: None,
        }),
    );
    *run
}

#[test]
fn probe_plan_and_running() {
    let mut a = probe_app();
    fixtures::key(&mut a, KeyCode::Char('r'));
    snap("probe_plan", &mut a);
    fixtures::key(&mut a, KeyCode::Esc);
    assert_eq!(a.probe.ask, None, "Esc cancels: nothing started");
    let run = start_run(&mut a);
    let s = a.probe.suite.clone();
    let results = [race_finding(&s), held(&s, 1), held(&s, 2)];
    for (i, r) in results.into_iter().enumerate() {
        update(&mut a, Msg::Probe(ProbeMsg::Started { run, index: i }));
        update(
            &mut a,
            Msg::Probe(ProbeMsg::Done {
                run,
                index: i,
                result: Box::new(r),
            }),
        );
    }
    update(&mut a, Msg::Probe(ProbeMsg::Started { run, index: 3 }));
    assert_eq!(a.probe.rows[3], ProbeRow::Running);
    a.probe.sel = 3;
    snap("probe_running", &mut a);
}

fn done_with_a_finding() -> App {
    done_with_a_finding_in(Lang::En)
}

fn done_with_a_finding_in(lang: Lang) -> App {
    let mut a = probe_app_in(lang);
    let run = start_run(&mut a);
    let s = a.probe.suite.clone();
    for i in 0..s.probes.len() {
        let r = if i == 0 {
            race_finding_in(lang, &s)
        } else {
            held_in(lang, &s, i)
        };
        update(
            &mut a,
            Msg::Probe(ProbeMsg::Done {
                run,
                index: i,
                result: Box::new(r),
            }),
        );
    }
    update(
        &mut a,
        Msg::Probe(ProbeMsg::Finished {
            run,
            stopped: false,
        }),
    );
    a
}

#[test]
fn probe_done_with_a_finding_and_its_evidence() {
    let mut a = done_with_a_finding();
    assert_eq!(a.probe.running, None);
    let sum = a.probe.summary();
    assert!(
        sum == "9/9 · 8 held · 1 FINDING · 0 skipped · 3 SMS (no limit)",
        "{sum}"
    );
    snap("probe_done_finding", &mut a);
    // Enter opens the race's evidence; n steps to the first parallel send
    fixtures::key(&mut a, KeyCode::Enter);
    assert_eq!(a.probe.open, Some(0));
    for _ in 0..2 {
        fixtures::key(&mut a, KeyCode::Char('n'));
    }
    assert_eq!(a.probe.exchange, 2);
    snap("probe_evidence", &mut a);
    let third = plain(&probe::pane_lines(&a, 2));
    let race = &a.probe.suite.probes[0];
    for want in [
        "verdict   FINDING (high)",
        "3 of 3 parallel sends with one pass token were accepted",
        "What it saw",
        "What it means",
        race.finding_en.as_str(),
        "[zh]",
        "Exchange 3 (race)",
    ] {
        assert!(third.contains(want), "{want}: {third}");
    }
    assert!(plain(&probe::pane_lines(&a, 0)).contains("/api/v2/sdk/sms/send"));
    // the meaning comes in the language of the UI first (not X-L's: that is the server's)
    a.ui_lang = vflow::api::Lang::Zh;
    let zh = plain(&probe::pane_lines(&a, 2));
    let first_zh = zh.find(race.finding_zh.as_str()).expect("the Chinese text");
    let en = zh.find("[en]").expect("the English one under it");
    assert!(first_zh < en, "{zh}");
    // masking hides the probe's numbers
    fixtures::key(&mut a, KeyCode::Char('x'));
    assert!(!plain(&probe::pane_lines(&a, 0)).contains("13900420000"));
    // p, n stay within the exchanges; Esc back to the table, Tab back to conformance
    for _ in 0..20 {
        fixtures::key(&mut a, KeyCode::Char('n'));
    }
    assert_eq!(a.probe.exchange, 4);
    fixtures::key(&mut a, KeyCode::Esc);
    assert_eq!(a.probe.open, None);
    fixtures::key(&mut a, KeyCode::Tab);
    assert!(!a.probe.shown);
    assert_eq!(a.screen, Screen::Check);
}

// ---- consent --------------------------------------------------------------------------

fn elsewhere() -> App {
    let target = Target {
        // TEST-NET-1: a documentation address, not on this machine
        base_url: "http://192.0.2.10:8080".into(),
        simulator: false,
        profile: "default".into(),
    };
    let mut a = App::new(target, fixtures::headers(), clock::system());
    a.screen = Screen::Check;
    a.check.last_run = 1; // the conformance suite is not what this test is about
    a
}

#[test]
fn against_a_target_elsewhere_nothing_is_sent_without_authorization() {
    let mut a = elsewhere();
    let mut cmds = Vec::new();
    for k in [
        KeyCode::Tab,
        KeyCode::Char('r'),
        KeyCode::Char('y'),
        KeyCode::Enter,
    ] {
        cmds.extend(update(&mut a, Msg::Key(KeyEvent::from(k))));
    }
    assert!(cmds.is_empty(), "{cmds:?}");
    assert!(matches!(&a.probe.ask, Some(Ask::Refused(why)) if why.contains("nothing was sent")));
    assert!(a.probe.rows.iter().all(|r| *r == ProbeRow::Pending));
    snap("probe_refused", &mut a);
    // with --authorized the plan asks, and y starts
    fixtures::key(&mut a, KeyCode::Esc);
    a.probe.authorized = true;
    fixtures::key(&mut a, KeyCode::Char('r'));
    assert_eq!(a.probe.ask, Some(Ask::Confirm));
    let cmds = update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('y'))));
    assert_eq!(cmds, vec![Cmd::RunProbes { run: 1 }]);
}

#[tokio::test]
async fn the_runtime_refuses_a_probe_run_elsewhere_without_authorization() {
    let a = elsewhere();
    let mut rt = fixtures::runtime();
    rt.execute(&a, Cmd::RunProbes { run: 1 });
    let mut got = Vec::new();
    while let Ok(Some(m)) = tokio::time::timeout(Duration::from_millis(200), rt.rx.recv()).await {
        got.push(m);
    }
    assert!(rt.idle());
    assert!(
        matches!(got.as_slice(), [Msg::Notice(n), Msg::Probe(ProbeMsg::Finished { stopped: true, .. })] if n.error && n.text.contains("not on this machine")),
        "{got:?}"
    );
}

// ---- the real update loop -------------------------------------------------------------

const LIMIT: Duration = Duration::from_secs(30);

#[tokio::test]
async fn the_probes_run_from_the_tui_against_a_weak_simulator_to_the_end() {
    let cfg = SimConfig {
        reveal_solutions: true,
        weak: Weaknesses::new([Weakness::Race]),
        ..SimConfig::in_process()
    };
    let sim = vflow::sim::spawn_in_process(cfg).await.unwrap();
    let mut app = vflow::tui::fixtures::app_on(&sim, fixtures::headers());
    app.size = (120, 40);
    let mut rt: Runtime = fixtures::runtime();
    let press = |rt: &mut Runtime, app: &mut App, k: KeyCode| {
        rt.dispatch(app, Msg::Key(KeyEvent::from(k)));
    };
    press(&mut rt, &mut app, KeyCode::F(4));
    press(&mut rt, &mut app, KeyCode::Char('s')); // the conformance run: not this test
    rt.settle(&mut app, LIMIT).await.unwrap();
    press(&mut rt, &mut app, KeyCode::Tab);
    press(&mut rt, &mut app, KeyCode::Char('r'));
    assert!(rt.idle(), "nothing runs before the plan is confirmed");
    press(&mut rt, &mut app, KeyCode::Char('y'));
    assert!(app.probe.running.is_some());
    let mut started = 0;
    let mut done = 0;
    while !rt.idle() {
        let msg = tokio::time::timeout(LIMIT, rt.rx.recv())
            .await
            .expect("a message in time")
            .unwrap();
        match &msg {
            Msg::Probe(ProbeMsg::Started { .. }) => started += 1,
            Msg::Probe(ProbeMsg::Done { .. }) => done += 1,
            _ => {}
        }
        rt.dispatch(&mut app, msg);
    }
    let n = app.probe.suite.probes.len();
    assert_eq!((started, done), (n, n), "each probe arrives as it runs");
    assert_eq!(app.probe.running, None);
    assert_eq!(
        app.probe.began,
        Some((true, None)),
        "no budget on the simulator"
    );
    for (p, row) in app.probe.suite.probes.iter().zip(&app.probe.rows) {
        let ProbeRow::Done(r) = row else {
            panic!("{} did not run", p.name)
        };
        if p.name == "race" {
            assert!(r.verdict.is_finding(), "{:?}", r.verdict);
            assert!(r.sms > 1);
        } else {
            assert_eq!(r.verdict, ProbeVerdict::Held, "{}", p.name);
        }
    }
    // the race's evidence: its parallel sends, each in the panes
    press(&mut rt, &mut app, KeyCode::Enter);
    assert_eq!(app.probe.open, Some(0));
    let third = plain(&probe::pane_lines(&app, 2));
    assert!(third.contains("What it means"), "{third}");
    let races = app
        .probe
        .result(0)
        .unwrap()
        .sends
        .iter()
        .filter(|s| s.role == "race")
        .count();
    assert_eq!(races, 10);
}

// ---- in Chinese -----------------------------------------------------------------------

/// Snapshots of `a` at both sizes; each screen reads in Chinese and fits its width.
fn snap_zh(name: &str, a: &mut App) {
    for (w, h) in SIZES {
        let t = zh_screens::draw(a, w, h);
        assert_rows_fit(&t);
        assert_chinese(&zh_screens::text(&t), FILES);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

#[test]
fn probe_plan_and_running_in_chinese() {
    let mut a = probe_app_in(Lang::Zh);
    let t = zh_screens::text(&zh_screens::draw(&mut a, 160, 48));
    assert!(
        t.contains("按 r 显示计划（请求、短信、预算）并运行探测"),
        "{t}"
    );
    fixtures::key(&mut a, KeyCode::Char('r'));
    snap_zh("probe_plan_zh", &mut a);
    // the plan's numbers stand right under their headings, by terminal columns
    let rows = zh_screens::rows(&zh_screens::draw(&mut a, 160, 48));
    let head = rows
        .iter()
        .find(|r| r.contains("并发") && r.contains("请求数"))
        .unwrap();
    let race = rows
        .iter()
        .find(|r| r.contains("race ") && r.contains('≤'))
        .unwrap();
    let end = |r: &str, s: &str| zh_screens::column_of(r, s).map(|c| c + zh_screens::cols(s));
    let p = &a.probe.suite.probes[0];
    let c = p.cost();
    assert_eq!(
        end(head, "请求数"),
        end(race, &format!("≤{}", c.requests)),
        "{head}\n{race}"
    );
    assert_eq!(end(head, "短信"), end(race, &format!("≤{}", c.sms)));
    assert_eq!(
        end(head, "并发"),
        end(race, &format!("≤{} ", c.sms)).map(|e| e + 8),
        "parallel is 8 columns wide, right-aligned"
    );
    let t = rows.join("\n");
    for want in [
        "探测计划",
        "目标 http://127.0.0.1:40123",
        "按 y 开始探测 · 按 n 或 Esc 取消",
        "对内置模拟器不设短信预算",
    ] {
        assert!(t.contains(want), "{want}\n{t}");
    }
    fixtures::key(&mut a, KeyCode::Esc);
    let run = start_run(&mut a);
    let s = a.probe.suite.clone();
    let results = [
        race_finding_in(Lang::Zh, &s),
        held_in(Lang::Zh, &s, 1),
        held_in(Lang::Zh, &s, 2),
    ];
    for (i, r) in results.into_iter().enumerate() {
        update(&mut a, Msg::Probe(ProbeMsg::Started { run, index: i }));
        update(
            &mut a,
            Msg::Probe(ProbeMsg::Done {
                run,
                index: i,
                result: Box::new(r),
            }),
        );
    }
    update(&mut a, Msg::Probe(ProbeMsg::Started { run, index: 3 }));
    a.probe.sel = 3;
    snap_zh("probe_running_zh", &mut a);
    let t = zh_screens::text(&zh_screens::draw(&mut a, 160, 48));
    for want in [
        "探测（运行中）· 3/9 · 防住 2 · 发现问题 1 · 跳过 0 · 短信 3 条（不限）",
        "发现问题（高）",
        "已防住",
        "运行中…",
        "攻击方式",
        "内置探测",
    ] {
        assert!(t.contains(want), "{want}\n{t}");
    }
}

#[test]
fn probe_done_and_evidence_in_chinese() {
    let mut a = done_with_a_finding_in(Lang::Zh);
    assert_eq!(
        a.probe.summary_in(Lang::Zh),
        "9/9 · 防住 8 · 发现问题 1 · 跳过 0 · 短信 3 条（不限）"
    );
    assert_eq!(
        a.probe.summary(),
        "9/9 · 8 held · 1 FINDING · 0 skipped · 3 SMS (no limit)",
        "the English summary as before"
    );
    snap_zh("probe_done_finding_zh", &mut a);
    let t = zh_screens::text(&zh_screens::draw(&mut a, 80, 24));
    assert!(
        t.contains("发现问题（高）：3 of 3 parallel sends"),
        "the runner's finding after the Chinese verdict: {t}"
    );
    // the verdicts line up under their heading
    let rows = zh_screens::rows(&zh_screens::draw(&mut a, 160, 48));
    let head = rows.iter().find(|r| r.contains("攻击方式")).unwrap();
    let col = zh_screens::column_of(head, "结论").unwrap();
    let race = rows.iter().find(|r| r.starts_with("│race ")).unwrap();
    let held = rows.iter().find(|r| r.contains("已防住")).unwrap();
    assert_eq!(zh_screens::column_of(race, "发现问题"), Some(col), "{race}");
    assert_eq!(zh_screens::column_of(held, "已防住"), Some(col), "{held}");
    fixtures::key(&mut a, KeyCode::Enter);
    for _ in 0..2 {
        fixtures::key(&mut a, KeyCode::Char('n'));
    }
    snap_zh("probe_evidence_zh", &mut a);
    let third = plain(&probe::pane_lines(&a, 2));
    let race = &a.probe.suite.probes[0];
    for want in [
        "结论      发现问题（高）",
        "接受短信 3 条，请求 5 个，耗时 42.0 ms",
        "观察到的情况",
        "含义",
        race.finding_zh.as_str(),
        "[en]",
        "交换 3（并发竞争）",
    ] {
        assert!(third.contains(want), "{want}: {third}");
    }
    // Chinese first, the English meaning under it
    assert!(third.find(race.finding_zh.as_str()) < third.find(race.finding_en.as_str()));
    let t = zh_screens::text(&zh_screens::draw(&mut a, 160, 48));
    for want in [
        "探测 1/9",
        "短信 3 条",
        "交换 3/5 · 并发竞争 · n/p：下一个/上一个交换",
        "观察结果与解释",
        "请求（按发送原样）",
        "响应：200 OK",
    ] {
        assert!(t.contains(want), "{want}\n{t}");
    }
    // the pass token's exchanges are named in Chinese too
    fixtures::key(&mut a, KeyCode::Char('p'));
    fixtures::key(&mut a, KeyCode::Char('p'));
    let t = zh_screens::text(&zh_screens::draw(&mut a, 160, 48));
    assert!(t.contains("交换 1/5 · 通过令牌 ·"), "{t}");
}

#[test]
fn against_a_target_elsewhere_the_refusal_is_in_chinese() {
    let mut a = elsewhere();
    in_chinese(&mut a);
    let mut cmds = Vec::new();
    for k in [KeyCode::Tab, KeyCode::Char('r'), KeyCode::Char('y')] {
        cmds.extend(update(&mut a, Msg::Key(KeyEvent::from(k))));
    }
    assert!(cmds.is_empty(), "{cmds:?}");
    let Some(Ask::Refused(why)) = &a.probe.ask else {
        panic!("{:?}", a.probe.ask)
    };
    assert!(
        why.starts_with("http://192.0.2.10:8080 不在本机：什么都没有发送。"),
        "{why}"
    );
    snap_zh("probe_refused_zh", &mut a);
    let t = zh_screens::flat(&zh_screens::text(&zh_screens::draw(&mut a, 160, 48)));
    for want in [
        "如果你拥有该租户或已获准测试它，请用 --authorized 启动 vflow。",
        "运行会在短信超过 3 条之前停止（--max-sms）",
    ] {
        assert!(t.contains(want), "{want}\n{t}");
    }
}

#[tokio::test]
async fn a_probe_run_in_chinese_through_the_update_loop() {
    let cfg = SimConfig {
        reveal_solutions: true,
        weak: Weaknesses::new([Weakness::Race]),
        ..SimConfig::in_process()
    };
    let sim = vflow::sim::spawn_in_process(cfg).await.unwrap();
    let mut app = vflow::tui::fixtures::app_on(&sim, headers_in(Lang::Zh));
    in_chinese(&mut app);
    let mut rt: Runtime = fixtures::runtime();
    let press = |rt: &mut Runtime, app: &mut App, k: KeyCode| {
        rt.dispatch(app, Msg::Key(KeyEvent::from(k)));
    };
    press(&mut rt, &mut app, KeyCode::F(4));
    press(&mut rt, &mut app, KeyCode::Char('s')); // the conformance run: not this test
    rt.settle(&mut app, LIMIT).await.unwrap();
    press(&mut rt, &mut app, KeyCode::Tab);
    press(&mut rt, &mut app, KeyCode::Char('r'));
    let t = zh_screens::text(&zh_screens::draw(&mut app, 120, 40));
    assert!(t.contains("探测计划"), "{t}");
    press(&mut rt, &mut app, KeyCode::Char('y'));
    assert!(app.probe.running.is_some());
    while !rt.idle() {
        let msg = tokio::time::timeout(LIMIT, rt.rx.recv())
            .await
            .expect("a message in time")
            .unwrap();
        rt.dispatch(&mut app, msg);
        // every redraw point of the run reads in Chinese
        let t = zh_screens::draw(&mut app, 120, 40);
        assert_rows_fit(&t);
        assert_chinese(&zh_screens::text(&t), FILES);
    }
    let n = app.probe.suite.probes.len();
    let t = zh_screens::text(&zh_screens::draw(&mut app, 120, 40));
    assert!(
        t.contains(&format!(
            "探测（已完成）· {n}/{n} · 防住 {} · 发现问题 1 · 跳过 0",
            n - 1
        )),
        "{t}"
    );
    // the race's evidence: its meaning in Chinese first, then the English one
    press(&mut rt, &mut app, KeyCode::Enter);
    assert_eq!(app.probe.open, Some(0));
    let third = plain(&probe::pane_lines(&app, 2));
    let race = &app.probe.suite.probes[0];
    let zh = third
        .find(race.finding_zh.as_str())
        .expect("the Chinese meaning");
    let en = third.find("[en]").expect("the English one");
    assert!(zh < en, "{third}");
    assert!(
        third.contains("含义") && !third.contains("What it saw"),
        "{third}"
    );
    let t = zh_screens::draw(&mut app, 120, 40);
    assert_chinese(&zh_screens::text(&t), FILES);
}

#[tokio::test]
async fn the_runtime_refuses_a_probe_run_elsewhere_in_chinese() {
    let mut a = elsewhere();
    in_chinese(&mut a);
    let mut rt = fixtures::runtime();
    rt.execute(&a, Cmd::RunProbes { run: 1 });
    let mut got = Vec::new();
    while let Ok(Some(m)) = tokio::time::timeout(Duration::from_millis(200), rt.rx.recv()).await {
        got.push(m);
    }
    assert!(
        matches!(got.as_slice(), [Msg::Notice(n), Msg::Probe(ProbeMsg::Finished { stopped: true, .. })] if n.error && n.text.starts_with("http://192.0.2.10:8080 不在本机：什么都没有发送。")),
        "{got:?}"
    );
}

/// The evidence's headline follows the exchange's endpoint: a fetched captcha, a passed
/// captcha and a simulator helper are not "SMS code sent" (and no code goes to a phone);
/// the sms/send exchanges still are. In English and in Chinese.
#[test]
fn each_exchange_of_the_evidence_is_headed_by_its_own_endpoint() {
    for lang in [Lang::En, Lang::Zh] {
        let mut a = done_with_a_finding_in(lang);
        fixtures::key(&mut a, KeyCode::Enter);
        assert_eq!(a.probe.open, Some(0));
        // a simulator helper answered 2xx, as the probes' token step records it
        let helper = build::sim_get(BASE, "/_sim/captcha/0f1e");
        let p = &mut a.probe;
        let i = p.open.unwrap();
        let Some(probe::ProbeRow::Done(r)) = p.rows.get_mut(i) else {
            panic!("the race is done")
        };
        r.sends.insert(
            1,
            Sent {
                role: "pass token",
                exchange: fixtures::exchange(&helper, Some(json_response(200, "{\"x\":237}"))),
                spec: helper,
            },
        );
        let (sent_en, sent_zh) = ("SMS code sent", "短信验证码已发送");
        let (phone_en, phone_zh) = ("The code goes to the phone", "验证码发到了手机上");
        let wants: [(&str, &str); 4] = [
            ("200 OK: Captcha puzzle issued", "200 OK：已获取滑块验证码"),
            ("200 OK: Success", "200 OK：成功"),
            ("200 OK: Captcha passed", "200 OK：图形验证码校验通过"),
            ("200 OK: SMS code sent", "200 OK：短信验证码已发送"),
        ];
        for (k, (en, zh)) in wants.into_iter().enumerate() {
            assert_eq!(a.probe.exchange, k);
            let third = plain(&probe::pane_lines(&a, 2));
            // the pane in the UI language, before the other language's block
            let other = if lang == Lang::Zh {
                "\n[en]\n"
            } else {
                "\n[zh]\n"
            };
            let ui = third.split(other).next().unwrap().to_string();
            let want = if lang == Lang::Zh { zh } else { en };
            assert!(ui.contains(want), "{k}: {want}\n{third}");
            if k < 3 {
                for wrong in [sent_en, sent_zh, phone_en, phone_zh] {
                    assert!(!third.contains(wrong), "{k}: {wrong}\n{third}");
                }
            } else {
                let phone = if lang == Lang::Zh { phone_zh } else { phone_en };
                assert!(ui.contains(phone), "{third}");
            }
            fixtures::key(&mut a, KeyCode::Char('n'));
        }
    }
}

//! `vflow probe`: every probe holds against the default simulator; against each `--weak`
//! knob exactly the probes for that knob report a finding; the SMS budget stops a run before
//! it would exceed it (the simulator's outbox is the ground truth); the race probe's sends
//! really are in flight together.

use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use vflow::check::Env;
use vflow::check::probe::{self, Budget, ProbeReport, ProbeSuite, ProbeVerdict};
use vflow::client::{Http, HttpOptions};
use vflow::config::{self, ConfigFile};
use vflow::sim::{self, SimConfig, Weakness, Weaknesses};

fn config(weak: &[Weakness]) -> SimConfig {
    SimConfig {
        reveal_solutions: true,
        quiet: true,
        weak: Weaknesses::new(weak.iter().copied()),
        ..SimConfig::default()
    }
}

fn env(base: &str) -> Env {
    let http = Http::new(&HttpOptions {
        no_proxy: true,
        timeout: Duration::from_secs(20),
        ..HttpOptions::default()
    })
    .unwrap();
    let p =
        config::resolve_with(&config::Overrides::default(), None, &ConfigFile::default()).unwrap();
    let mut env = Env::new(http, base, p.headers());
    env.simulator = Some(true);
    env
}

async fn probe_all(weak: &[Weakness], budget: Option<u32>) -> (ProbeReport, usize) {
    probe_only(weak, budget, &[]).await
}

async fn probe_only(weak: &[Weakness], budget: Option<u32>, only: &[&str]) -> (ProbeReport, usize) {
    let sim = sim::start(config(weak), ([127, 0, 0, 1], 0).into())
        .await
        .unwrap();
    let suite = ProbeSuite::builtin();
    let only: Vec<String> = only.iter().map(|s| s.to_string()).collect();
    let all = suite.select(&only).unwrap();
    let report = probe::run(
        &suite,
        &all,
        &env(&sim.base_url()),
        Budget::new(budget),
        |_| {},
    )
    .await;
    let delivered = sim.outbox().len();
    sim.shutdown().await;
    (report, delivered)
}

fn findings(r: &ProbeReport) -> Vec<String> {
    r.results
        .iter()
        .filter(|p| p.verdict.is_finding())
        .map(|p| p.probe.name.clone())
        .collect()
}

#[tokio::test]
async fn every_probe_holds_against_the_default_simulator() {
    let (r, delivered) = probe_all(&[], None).await;
    for p in &r.results {
        assert_eq!(
            p.verdict,
            ProbeVerdict::Held,
            "{}: {:?}",
            p.probe.name,
            p.notes
        );
        assert!(!p.sends.is_empty(), "{} sent nothing", p.probe.name);
    }
    assert_eq!(r.results.len(), 9);
    assert_eq!(
        r.sms() as usize,
        delivered,
        "SMS counted = codes in the outbox"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_weak_knob_makes_exactly_its_probes_report_a_finding() {
    let suite = ProbeSuite::builtin();
    let runs = Weakness::ALL.map(|w| async move { (w, probe_all(&[w], None).await.0) });
    for (w, report) in futures_util::future::join_all(runs).await {
        let expected: Vec<String> = suite
            .probes
            .iter()
            .filter(|p| p.weak.iter().any(|k| k == w.name()))
            .map(|p| p.name.clone())
            .collect();
        assert!(!expected.is_empty(), "no probe for --weak {w}");
        assert_eq!(findings(&report), expected, "--weak {w}");
        for p in report.results.iter().filter(|p| p.verdict.is_finding()) {
            assert!(
                !p.sends.is_empty(),
                "--weak {w}: a finding without evidence"
            );
        }
        assert_eq!(report.skipped(), 0, "--weak {w}");
    }
}

#[tokio::test]
async fn a_race_finding_says_how_many_sms_went_out() {
    let (r, delivered) = probe_all(&[Weakness::Race], None).await;
    let race = &r.results[0];
    let ProbeVerdict::Finding { what, .. } = &race.verdict else {
        panic!("{:?}", race.verdict)
    };
    assert!(race.sms > 1, "{what}");
    assert!(
        what.contains(&format!("{} SMS went out", race.sms)),
        "{what}"
    );
    assert_eq!(r.sms() as usize, delivered);
}

#[tokio::test]
async fn the_budget_stops_the_run_before_it_would_exceed_it() {
    for (weak, max) in [
        (vec![], 3),
        (vec![Weakness::Cooldown], 2),
        (
            vec![Weakness::Race, Weakness::Forged, Weakness::DailyCap],
            4,
        ),
    ] {
        let (r, delivered) = probe_all(&weak, Some(max)).await;
        assert!(
            delivered <= max as usize,
            "{weak:?}: {delivered} SMS, budget {max}"
        );
        assert_eq!(r.sms() as usize, delivered);
        let stopped: Vec<_> = r
            .results
            .iter()
            .filter_map(|p| match &p.verdict {
                ProbeVerdict::Skipped { reason } if reason.contains("--max-sms") => {
                    Some(&p.probe.name)
                }
                _ => None,
            })
            .collect();
        assert!(!stopped.is_empty(), "{weak:?}: the budget stopped nothing");
        // short of the cap the daily-cap probe would prove nothing: it sends none
        let cap = r
            .results
            .iter()
            .find(|p| p.probe.name == "daily-cap")
            .unwrap();
        assert!(
            matches!(&cap.verdict, ProbeVerdict::Skipped { reason } if reason.contains("--max-sms 11"))
        );
        assert!(cap.sends.is_empty());
    }
    // a finding made before the budget stopped the probe still counts
    let (r, delivered) = probe_only(&[Weakness::Cooldown], Some(2), &["cooldown"]).await;
    let cooldown = r
        .results
        .iter()
        .find(|p| p.probe.name == "cooldown")
        .unwrap();
    match &cooldown.verdict {
        ProbeVerdict::Finding { what, .. } => {
            assert!(
                what.contains("then the probe stopped") && what.contains("--max-sms"),
                "{what}"
            )
        }
        v => panic!("{v:?}"),
    }
    assert!(delivered <= 2);
    // the race needs 10 at once: with 4 it sends none of them
    let (r, _) = probe_all(&[Weakness::Race], Some(4)).await;
    assert!(
        matches!(&r.results[0].verdict, ProbeVerdict::Skipped { reason } if reason.contains("10 SMS"))
    );
    assert!(r.results[0].sends.iter().all(|s| s.role != "race"));
}

/// Holds every sms/send until `n` are in flight together (or 10 s pass) and records the most
/// seen at once.
#[derive(Default)]
struct InFlight {
    now: AtomicUsize,
    most: AtomicUsize,
    arrived: tokio::sync::Notify,
}

async fn hold(state: Arc<(InFlight, usize)>, req: Request, next: Next) -> Response {
    let (f, n) = (&state.0, state.1);
    if !req.uri().path().ends_with("/sms/send") {
        return next.run(req).await;
    }
    let here = f.now.fetch_add(1, Ordering::SeqCst) + 1;
    f.most.fetch_max(here, Ordering::SeqCst);
    f.arrived.notify_waiters();
    let _ = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let notified = f.arrived.notified();
            if f.most.load(Ordering::SeqCst) >= n {
                break;
            }
            notified.await;
        }
    })
    .await;
    let res = next.run(req).await;
    f.now.fetch_sub(1, Ordering::SeqCst);
    res
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_race_probes_sends_are_in_flight_together() {
    let n = 10;
    let state = Arc::new((InFlight::default(), n));
    let app = sim::router(config(&[])).layer(middleware::from_fn({
        let state = state.clone();
        move |req, next| hold(state.clone(), req, next)
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let suite = ProbeSuite::builtin();
    let race = suite.select(&["race".into()]).unwrap();
    let r = probe::run(&suite, &race, &env(&base), Budget::new(None), |_| {}).await;
    server.abort();
    assert_eq!(
        state.0.most.load(Ordering::SeqCst),
        n,
        "sends in flight at once"
    );
    assert_eq!(
        r.results[0].verdict,
        ProbeVerdict::Held,
        "{:?}",
        r.results[0].notes
    );
    let roles: Vec<&str> = r.results[0].sends.iter().map(|s| s.role).collect();
    assert_eq!(
        roles.iter().filter(|r| **r == "race").count(),
        n,
        "{roles:?}"
    );
    // the evidence shows how the one token was obtained: captcha, reveal, verify
    assert_eq!(
        roles.iter().filter(|r| **r == "pass token").count(),
        3,
        "{roles:?}"
    );
}

/// The daily cap against a target that is not known as a simulator: it needs an explicit
/// budget, and waits out the cooldown between rounds of the six scenes (here on the
/// simulator's manual clock, so nothing sleeps).
#[tokio::test]
async fn the_daily_cap_against_a_tenant_needs_a_budget_and_waits_out_the_cooldown() {
    use vflow::clock::ManualClock;
    for (weak, max, expect) in [
        (vec![], Some(3), "skipped"),
        (vec![], Some(11), "held"),
        (vec![Weakness::DailyCap], Some(11), "finding"),
    ] {
        let clock = ManualClock::new();
        let cfg = SimConfig {
            clock: Arc::new(clock.clone()),
            ..config(&weak)
        };
        let sim = sim::start(cfg, ([127, 0, 0, 1], 0).into()).await.unwrap();
        let mut e = env(&sim.base_url());
        e.simulator = Some(false);
        let waits = Arc::new(std::sync::Mutex::new(Vec::new()));
        let sleep: probe::Sleep = Arc::new({
            let (clock, waits) = (clock.clone(), waits.clone());
            move |d| {
                clock.advance(d);
                waits.lock().unwrap().push(d);
                Box::pin(async {})
            }
        });
        let suite = ProbeSuite::builtin();
        let cap = suite.select(&["daily-cap".into()]).unwrap();
        let r = probe::run_with(&suite, &cap, &e, Budget::new(max), sleep, |_| {}).await;
        let p = &r.results[0];
        let got = match &p.verdict {
            ProbeVerdict::Held => "held",
            ProbeVerdict::Finding { .. } => "finding",
            ProbeVerdict::Skipped { reason } => {
                assert!(reason.contains("--max-sms 11"), "{reason}");
                "skipped"
            }
        };
        assert_eq!(got, expect, "{weak:?} {max:?}: {:?}", p.notes);
        if expect == "skipped" {
            assert!(p.sends.is_empty());
            assert!(sim.outbox().is_empty(), "nothing sent");
        } else {
            assert_eq!(p.sends.iter().filter(|s| s.role == "send").count(), 11);
            assert!(
                p.sends.iter().all(|s| s.role != "clear cooldown"),
                "no simulator helper"
            );
            assert_eq!(*waits.lock().unwrap(), vec![Duration::from_secs(61)]);
            assert_eq!(sim.outbox().len(), if expect == "held" { 10 } else { 11 });
        }
        sim.shutdown().await;
    }
}

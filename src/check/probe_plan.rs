//! Cost and consent of a probe run, shared by `vflow probe` and the TUI's probes: whether a
//! target is on this machine, the plan (requests, SMS and parallelism per probe), the SMS
//! budget and whether a run may start. Pure: nothing here reads a terminal or sends.

use super::probe::ProbeSuite;

/// The SMS budget against anything but a vflow simulator when none is given.
pub const DEFAULT_MAX_SMS: u32 = 3;

/// Whether `base_url` names this machine (a loopback address or `localhost`).
pub fn is_loopback(base_url: &str) -> bool {
    let Ok(u) = reqwest::Url::parse(base_url) else {
        return false;
    };
    let Some(host) = u.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = host.parse::<std::net::IpAddr>() {
        return ip.is_loopback();
    }
    let host = host.to_ascii_lowercase();
    host == "localhost" || host.ends_with(".localhost")
}

/// The budget of a run: the one given, else none against a vflow simulator and
/// [`DEFAULT_MAX_SMS`] against anything else.
pub fn max_sms(given: Option<u32>, simulator: bool) -> Option<u32> {
    match given {
        Some(n) => Some(n),
        None if simulator => None,
        None => Some(DEFAULT_MAX_SMS),
    }
}

/// May a run against `base_url` start?
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Consent {
    /// This machine: no question asked.
    Go,
    /// Elsewhere and authorized: show the plan and ask the person first.
    Confirm,
    /// Elsewhere and not authorized: nothing may be sent (the text says why).
    Refused(String),
}

/// Whether a run may start against `base_url` (`authorized`: the person stated they own the
/// tenant or may test it).
pub fn consent(base_url: &str, authorized: bool) -> Consent {
    if is_loopback(base_url) {
        Consent::Go
    } else if authorized {
        Consent::Confirm
    } else {
        Consent::Refused(format!(
            "{base_url} is not on this machine: nothing was sent. Probing a tenant sends real SMS \
to numbers of the probe's own making and attacks its defences"
        ))
    }
}

/// One row of the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanRow {
    pub name: String,
    pub requests: u32,
    pub sms: u32,
    pub parallel: u32,
}

/// The plan of the probes `selected`: one row per probe (requests, SMS and parallelism at most).
pub fn plan_rows(suite: &ProbeSuite, selected: &[usize]) -> Vec<PlanRow> {
    selected
        .iter()
        .filter_map(|&i| suite.probes.get(i))
        .map(|p| {
            let c = p.cost();
            PlanRow {
                name: p.name.clone(),
                requests: c.requests,
                sms: c.sms,
                parallel: c.parallel,
            }
        })
        .collect()
}

/// What the budget line of a plan says.
pub fn budget_line(budget: Option<u32>) -> String {
    match budget {
        Some(b) => format!("the run stops before it would cause more than {b} SMS (--max-sms)"),
        None => {
            "the SMS budget is --max-sms: 3 unless given, none against a vflow simulator".into()
        }
    }
}

/// The plan as text: one line per probe with its requests, SMS and parallelism at most,
/// then the totals and the budget.
pub fn plan(suite: &ProbeSuite, selected: &[usize], budget: Option<u32>) -> String {
    let rows = plan_rows(suite, selected);
    let w = rows.iter().map(|r| r.name.len()).max().unwrap_or(5);
    let mut out = format!(
        "{:<w$}  {:>8}  {:>7}  {:>8}\n",
        "probe", "requests", "SMS", "parallel"
    );
    for r in &rows {
        out.push_str(&format!(
            "{:<w$}  {:>8}  {:>7}  {:>8}\n",
            r.name,
            format!("≤{}", r.requests),
            format!("≤{}", r.sms),
            r.parallel
        ));
    }
    let req: u32 = rows.iter().map(|r| r.requests).sum();
    let sms: u32 = rows.iter().map(|r| r.sms).sum();
    out.push_str(&format!(
        "at most {req} requests and {sms} SMS in all; {}\n",
        budget_line(budget)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_targets_are_this_machine() {
        for u in [
            "http://127.0.0.1:8080",
            "http://127.3.4.5",
            "http://[::1]:80/",
            "http://localhost:1",
            "http://LOCALHOST",
        ] {
            assert!(is_loopback(u), "{u}");
        }
        for u in [
            "https://tenant.example.com",
            "http://10.0.0.1",
            "http://192.168.1.2:8080",
            "http://localhost.example.com",
            "not a url",
        ] {
            assert!(!is_loopback(u), "{u}");
        }
    }

    #[test]
    fn the_plan_shows_every_probe_with_its_bounds_and_the_budget() {
        let s = ProbeSuite::builtin();
        let all: Vec<usize> = (0..s.probes.len()).collect();
        let p = plan(&s, &all, Some(3));
        assert!(
            p.lines().any(|l| l.starts_with("race")
                && l.contains("≤10")
                && l.trim_end().ends_with("10")),
            "{p}"
        );
        assert!(p.contains("more than 3 SMS"), "{p}");
        assert_eq!(p.lines().count(), 1 + 9 + 1);
    }

    #[test]
    fn consent_and_budget_depend_on_where_the_target_is() {
        assert_eq!(consent("http://127.0.0.1:9", false), Consent::Go);
        assert_eq!(consent("https://t.example", true), Consent::Confirm);
        let Consent::Refused(why) = consent("https://t.example", false) else {
            panic!("refused without authorization")
        };
        assert!(why.contains("nothing was sent"), "{why}");
        assert_eq!(max_sms(None, true), None);
        assert_eq!(max_sms(None, false), Some(DEFAULT_MAX_SMS));
        assert_eq!(max_sms(Some(7), true), Some(7));
    }
}

//! A probe run as a table, as text details with the evidence, as JSON (every exchange in
//! the `vflow send --json` shape) and as JUnit XML (a finding is a `<failure>`).

use super::probe::{ProbeReport, ProbeResult, ProbeVerdict};
use crate::client::explain::{ExplainContext, explain_exchange};
use crate::client::report::{Redactor, json_report, render_request, render_response};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use serde_json::{Value, json};
use std::time::Duration;

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

/// A redactor that knows every secret of the run (when masking is on).
pub fn redactor(report: &ProbeReport, on: bool) -> Option<Redactor> {
    on.then(|| {
        let mut r = Redactor::new();
        for s in report.results.iter().flat_map(|c| &c.sends) {
            r.learn(&s.exchange);
        }
        for m in report.results.iter().flat_map(|c| &c.mobiles) {
            r.add_mobile(m);
        }
        r
    })
}

/// The results table: probe, verdict, SMS caused, requests, time.
pub fn table(report: &ProbeReport) -> String {
    let rows: Vec<[String; 5]> = report
        .results
        .iter()
        .map(|r| {
            [
                r.probe.name.clone(),
                r.verdict.word(),
                r.sms.to_string(),
                r.requests().to_string(),
                super::ms(r.elapsed),
            ]
        })
        .collect();
    let head = ["probe", "verdict", "SMS", "requests", "time"];
    let mut w = head.map(str::len);
    for row in &rows {
        for (i, c) in row.iter().enumerate() {
            w[i] = w[i].max(c.chars().count());
        }
    }
    let line = |c: [&str; 5]| {
        format!(
            "{:<a$}  {:<b$}  {:>c$}  {:>d$}  {:>e$}",
            c[0],
            c[1],
            c[2],
            c[3],
            c[4],
            a = w[0],
            b = w[1],
            c = w[2],
            d = w[3],
            e = w[4]
        )
        .trim_end()
        .to_string()
            + "\n"
    };
    let mut out = line(head);
    out.push_str(&line(
        w.map(|n| "─".repeat(n)).each_ref().map(String::as_str),
    ));
    for row in &rows {
        out.push_str(&line(row.each_ref().map(String::as_str)));
    }
    out
}

/// `9 probes: 8 held, 1 finding, 0 skipped; 3 SMS sent (budget 3)`.
pub fn summary(report: &ProbeReport) -> String {
    let budget = match report.budget.max {
        Some(m) => format!("budget {m}"),
        None => "no budget limit: simulator".into(),
    };
    format!(
        "{} probes: {} held, {} finding(s), {} skipped; {} SMS sent ({budget}) in {:.2} s",
        report.results.len(),
        report.held(),
        report.findings(),
        report.skipped(),
        report.sms(),
        report.elapsed.as_secs_f64()
    )
}

/// The exchanges of a probe in the text form (request, response, explanation).
pub fn evidence(r: &ProbeResult, red: Option<&Redactor>) -> String {
    let mut s = String::new();
    for (i, sent) in r.sends.iter().enumerate() {
        let x = match red {
            Some(red) => red.exchange(&sent.exchange),
            None => sent.exchange.clone(),
        };
        let e = explain_exchange(&x, &ExplainContext::default());
        s.push_str(&format!("\n[{} {}]\n", i + 1, sent.role));
        s.push_str(&render_request(&x.request));
        s.push_str(&render_response(&x));
        s.push_str(&format!("-- explanation --\n{}\n", e.render(e.lang)));
    }
    match red {
        Some(red) => red.apply(&s),
        None => s,
    }
}

/// Per probe what it saw; for a finding what it means (English and Chinese) and the
/// evidence; for a skip why.
pub fn details(report: &ProbeReport, redact: bool) -> String {
    let red = redactor(report, redact);
    let mut out = String::new();
    for r in &report.results {
        match &r.verdict {
            ProbeVerdict::Held => {
                out.push_str(&format!("\nheld {}: {}\n", r.probe.name, r.probe.title));
                for n in &r.notes {
                    out.push_str(&format!("  - {n}\n"));
                }
            }
            ProbeVerdict::Skipped { reason } => {
                out.push_str(&format!("\nskipped {}: {reason}\n", r.probe.name));
            }
            ProbeVerdict::Finding { severity, what } => {
                out.push_str(&format!(
                    "\nFINDING ({}) {}: {what}\n",
                    severity.word(),
                    r.probe.name
                ));
                out.push_str(&format!("  probe: {}\n", r.probe.title));
                for n in &r.notes {
                    out.push_str(&format!("  - {n}\n"));
                }
                out.push_str(&format!("  what it means: {}\n", r.probe.finding_en));
                out.push_str(&format!("  含义: {}\n", r.probe.finding_zh));
                out.push_str(&format!(
                    "  SMS this probe caused: {}; evidence ({} exchanges):\n",
                    r.sms,
                    r.sends.len()
                ));
                for l in evidence(r, red.as_ref()).lines() {
                    out.push_str(&format!("    {l}\n"));
                }
            }
        }
    }
    match red {
        Some(r) => r.apply(&out),
        None => out,
    }
}

fn probe_json(r: &ProbeResult, red: Option<&Redactor>) -> Value {
    let exchanges: Vec<Value> = r
        .sends
        .iter()
        .map(|s| {
            let x = match red {
                Some(red) => red.exchange(&s.exchange),
                None => s.exchange.clone(),
            };
            let mut v = json_report(&x, &explain_exchange(&x, &ExplainContext::default()));
            v["role"] = json!(s.role);
            v
        })
        .collect();
    let (what, reason, severity) = match &r.verdict {
        ProbeVerdict::Held => (None, None, None),
        ProbeVerdict::Finding { severity, what } => (Some(what.as_str()), None, Some(*severity)),
        ProbeVerdict::Skipped { reason } => (None, Some(reason.as_str()), None),
    };
    let cost = r.probe.cost();
    let mask = |s: &str| match red {
        Some(red) => red.apply(s),
        None => s.to_string(),
    };
    let what = what.map(mask);
    let reason = reason.map(mask);
    let notes: Vec<String> = r.notes.iter().map(|n| mask(n)).collect();
    json!({
        "name": r.probe.name,
        "title": r.probe.title,
        "kind": r.probe.kind,
        "verdict": match r.verdict {
            ProbeVerdict::Held => "held",
            ProbeVerdict::Finding { .. } => "finding",
            ProbeVerdict::Skipped { .. } => "skipped",
        },
        "severity": severity,
        "finding": what,
        "reason": reason,
        "meaning": { "en": r.probe.finding_en, "zh": r.probe.finding_zh },
        "notes": notes,
        "sms": r.sms,
        "plan": cost,
        "requests": r.sends.len(),
        "elapsed_ms": ms(r.elapsed),
        "exchanges": exchanges,
    })
}

/// The `--json` document of a run.
pub fn json(report: &ProbeReport, redact: bool) -> Value {
    let red = redactor(report, redact);
    json!({
        "suite": report.suite,
        "target": report.target,
        "simulator": report.simulator,
        "started_at": humantime::format_rfc3339_millis(report.started_at).to_string(),
        "elapsed_ms": ms(report.elapsed),
        "ok": report.findings() == 0,
        "budget": { "max_sms": report.budget.max, "sms_sent": report.sms() },
        "summary": {
            "total": report.results.len(),
            "held": report.held(),
            "findings": report.findings(),
            "skipped": report.skipped(),
        },
        "probes": report.results.iter().map(|r| probe_json(r, red.as_ref())).collect::<Vec<_>>(),
    })
}

fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\r'))
        .collect()
}

/// The run as JUnit XML: a finding is a `<failure>`, a skip `<skipped>`; the evidence is
/// in `<system-out>`.
pub fn junit(report: &ProbeReport, redact: bool) -> String {
    let red = redactor(report, redact);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let write = |w: &mut Writer<Vec<u8>>| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let tests = report.results.len().to_string();
        let failures = report.findings().to_string();
        let skipped = report.skipped().to_string();
        let time = format!("{:.3}", report.elapsed.as_secs_f64());
        let attrs = [
            ("name", "vflow probe"),
            ("tests", tests.as_str()),
            ("failures", failures.as_str()),
            ("errors", "0"),
            ("skipped", skipped.as_str()),
            ("time", time.as_str()),
        ];
        w.create_element("testsuites")
            .with_attributes(attrs)
            .write_inner_content(|w| {
                w.create_element("testsuite")
                    .with_attributes(attrs)
                    .write_inner_content(|w| {
                        for r in &report.results {
                            let t = format!("{:.3}", r.elapsed.as_secs_f64());
                            w.create_element("testcase")
                                .with_attributes([
                                    ("name", r.probe.name.as_str()),
                                    ("classname", "vflow.probe"),
                                    ("time", t.as_str()),
                                ])
                                .write_inner_content(|w| {
                                    match &r.verdict {
                                        ProbeVerdict::Held => {}
                                        ProbeVerdict::Finding { severity, what } => {
                                            let body = format!(
                                                "{}\n{}\n{}\n",
                                                r.probe.finding_en,
                                                r.probe.finding_zh,
                                                r.notes.join("\n")
                                            );
                                            w.create_element("failure")
                                                .with_attributes([
                                                    ("message", xml_text(what).as_str()),
                                                    ("type", severity.word()),
                                                ])
                                                .write_text_content(BytesText::new(&xml_text(
                                                    &body,
                                                )))?;
                                        }
                                        ProbeVerdict::Skipped { reason } => {
                                            w.create_element("skipped")
                                                .with_attribute((
                                                    "message",
                                                    xml_text(reason).as_str(),
                                                ))
                                                .write_empty()?;
                                        }
                                    }
                                    if !r.sends.is_empty() {
                                        w.create_element("system-out").write_text_content(
                                            BytesText::new(&xml_text(&evidence(r, red.as_ref()))),
                                        )?;
                                    }
                                    Ok(())
                                })?;
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
        Ok(())
    };
    write(&mut w).expect("writing to memory");
    let mut out = String::from_utf8(w.into_inner()).expect("UTF-8");
    out.push('\n');
    out
}

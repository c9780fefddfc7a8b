//! A run as JSON (every exchange in the `vflow send --json` shape) and as JUnit XML.

use super::run::{CaseResult, Report, Verdict};
use crate::api::Lang;
use crate::client::explain::Explanation;
use crate::client::report::{Redactor, json_report};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use serde_json::{Value, json};
use std::time::Duration;

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

/// A redactor that knows every secret of the run (when masking is on).
pub fn redactor(report: &Report, on: bool) -> Option<Redactor> {
    on.then(|| {
        let mut r = Redactor::new();
        for s in report.results.iter().flat_map(|c| &c.sends) {
            r.learn(&s.exchange);
        }
        r
    })
}

fn case_json(c: &CaseResult, red: Option<&Redactor>) -> Value {
    let sends: Vec<Value> = c
        .sends
        .iter()
        .map(|s| {
            let x = match red {
                Some(r) => r.exchange(&s.exchange),
                None => s.exchange.clone(),
            };
            let expl = match (&c.explanation, s.role) {
                (Some(e), "check") => e.clone(),
                _ => crate::client::explain::explain_exchange(&x, &Default::default()),
            };
            let mut v = json_report(&x, &expl);
            v["role"] = json!(s.role);
            v
        })
        .collect();
    json!({
        "name": c.name,
        "description": c.description,
        "expected": c.expected,
        "expected_label": c.expected.label(),
        "got": c.got,
        "verdict": c.verdict.word().to_lowercase(),
        "reason": c.verdict.reason(),
        "time_ms": ms(c.time),
        "elapsed_ms": ms(c.elapsed),
        "explanation": c.explanation,
        "exchanges": sends,
    })
}

/// The `--json` document of a run.
pub fn json(report: &Report, redact: bool) -> Value {
    let red = redactor(report, redact);
    json!({
        "suite": report.suite,
        "target": report.target,
        "simulator": report.simulator,
        "started_at": humantime::format_rfc3339_millis(report.started_at).to_string(),
        "elapsed_ms": ms(report.elapsed),
        "ok": report.ok(),
        "summary": {
            "total": report.results.len(),
            "passed": report.passed(),
            "failed": report.failed(),
            "skipped": report.skipped(),
        },
        "cases": report.results.iter().map(|c| case_json(c, red.as_ref())).collect::<Vec<_>>(),
    })
}

/// XML 1.0 allows no control characters but tab, line feed and carriage return.
fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\r'))
        .collect()
}

fn secs(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64())
}

/// What a failing or skipped case's JUnit entry says about the answer it got.
fn details(c: &CaseResult, red: Option<&Redactor>) -> String {
    let mut s = String::new();
    if !c.description.is_empty() {
        s.push_str(&format!("{}\n", c.description));
    }
    s.push_str(&format!("expected: {}\n", c.expected.label()));
    if let Some(g) = &c.got {
        s.push_str(&format!("got:      {g}\n"));
    }
    if let Some(e) = &c.explanation {
        s.push('\n');
        s.push_str(&explanation_text(e));
    }
    for sent in &c.sends {
        let x = match red {
            Some(r) => r.exchange(&sent.exchange),
            None => sent.exchange.clone(),
        };
        s.push_str(&format!("\n[{}]\n", sent.role));
        s.push_str(&crate::client::report::render_request(&x.request));
        // the report file keeps its English words (only the verdicts' reasons follow the UI)
        s.push_str(&crate::client::report::render_response(&x, Lang::En));
    }
    match red {
        Some(r) => r.apply(&s),
        None => s,
    }
}

/// The explanation in its language (the request's `X-L`), as the report files have it.
pub fn explanation_text(e: &Explanation) -> String {
    e.render(e.lang)
}

/// The explanation in `lang` (the UI language), for people.
pub fn explanation_text_in(e: &Explanation, lang: Lang) -> String {
    e.render(lang)
}

/// The run as JUnit XML: one `<testsuite>`, a `<testcase>` per case, with
/// `<failure>` or `<skipped>` and the exchanges in `<system-out>`.
pub fn junit(report: &Report, redact: bool) -> String {
    let red = redactor(report, redact);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let write = |w: &mut Writer<Vec<u8>>| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let tests = report.results.len().to_string();
        let failures = report.failed().to_string();
        let skipped = report.skipped().to_string();
        let time = secs(report.elapsed);
        let stamp = humantime::format_rfc3339_seconds(report.started_at).to_string();
        let suite_attrs = [
            ("name", "vflow check"),
            ("tests", tests.as_str()),
            ("failures", failures.as_str()),
            ("errors", "0"),
            ("skipped", skipped.as_str()),
            ("time", time.as_str()),
        ];
        w.create_element("testsuites")
            .with_attributes(suite_attrs)
            .write_inner_content(|w| {
                w.create_element("testsuite")
                    .with_attributes(suite_attrs)
                    .with_attribute(("timestamp", stamp.trim_end_matches('Z')))
                    .with_attribute(("hostname", "localhost"))
                    .write_inner_content(|w| {
                        w.create_element("properties").write_inner_content(|w| {
                            for (name, value) in [
                                ("suite", report.suite.as_str()),
                                ("target", report.target.as_str()),
                            ] {
                                w.create_element("property")
                                    .with_attributes([("name", name), ("value", value)])
                                    .write_empty()?;
                            }
                            Ok(())
                        })?;
                        for c in &report.results {
                            testcase(w, c, red.as_ref())?;
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

fn testcase(
    w: &mut Writer<Vec<u8>>,
    c: &CaseResult,
    red: Option<&Redactor>,
) -> std::io::Result<()> {
    let time = secs(c.elapsed);
    let el = w.create_element("testcase").with_attributes([
        ("name", c.name.as_str()),
        ("classname", "vflow.check"),
        ("time", time.as_str()),
    ]);
    el.write_inner_content(|w| {
        match &c.verdict {
            Verdict::Pass => {}
            Verdict::Fail { reason } => {
                w.create_element("failure")
                    .with_attributes([("message", xml_text(reason).as_str()), ("type", "mismatch")])
                    .write_text_content(BytesText::new(&xml_text(&details(c, red))))?;
            }
            Verdict::Skip { reason } => {
                w.create_element("skipped")
                    .with_attribute(("message", xml_text(reason).as_str()))
                    .write_empty()?;
            }
        }
        if !c.sends.is_empty() && c.verdict == Verdict::Pass {
            w.create_element("system-out")
                .write_text_content(BytesText::new(&xml_text(&details(c, red))))?;
        }
        Ok(())
    })?;
    Ok(())
}

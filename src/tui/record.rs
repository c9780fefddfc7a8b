//! One exchange of the session and the text of its three panes.
//!
//! The panes, the copied report and the saved report are built from the same
//! lines, so what is copied is what is seen.

use crate::api::Lang;
use crate::client::report::Redactor;
use crate::client::{Exchange, ExplainContext, Outcome, RequestSpec, TransportKind};
use crate::t;
use crate::tui::theme::{self, Themed};
use ratatui::text::{Line, Span};

pub use crate::client::history::{Record, Source};

pub fn outcome_label(o: &Outcome) -> String {
    o.label()
}

/// [`outcome_label`] in `lang`: codes and statuses stay, the words are translated.
pub fn outcome_label_in(o: &Outcome, lang: Lang) -> String {
    match o {
        Outcome::HttpError { status } => t!(lang, "tui-result-outcome-not-json", status = *status),
        Outcome::BadBody { status, .. } => {
            t!(lang, "tui-result-outcome-bad-body", status = *status)
        }
        Outcome::Transport { kind, .. } => transport_label_in(*kind, lang),
        Outcome::Cancelled => t!(lang, "tui-result-outcome-cancelled"),
        Outcome::Success | Outcome::ApiError { .. } => o.label(),
    }
}

/// A transport failure's kind in `lang`.
pub fn transport_label_in(k: TransportKind, lang: Lang) -> String {
    match k {
        TransportKind::ConnectionRefused => t!(lang, "tui-result-transport-refused"),
        TransportKind::Dns => t!(lang, "tui-result-transport-dns"),
        TransportKind::Tls => t!(lang, "tui-result-transport-tls"),
        TransportKind::Timeout => t!(lang, "tui-result-transport-timeout"),
        TransportKind::ConnectionReset => t!(lang, "tui-result-transport-reset"),
        TransportKind::Other => t!(lang, "tui-result-transport-other"),
    }
}

/// How long an exchange took, for a person: `0.84 ms`, `3.2 ms`, `87 ms`, `1.42 s` (a loopback
/// simulator answers within a millisecond: never `0 ms`).
pub fn duration_label(d: std::time::Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms < 10.0 {
        crate::check::ms(d) // as the check tables write it
    } else if ms < 1000.0 {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

/// The one-line summary above the panes: status and code, time, and the
/// server's own words (last, so a narrow screen cuts only those).
pub fn summary_line(ex: &Exchange, redact: Option<&Redactor>) -> Line<'static> {
    summary_line_in(ex, redact, Lang::En)
}

/// [`summary_line`] with the status in `lang`.
pub fn summary_line_in(ex: &Exchange, redact: Option<&Redactor>, lang: Lang) -> Line<'static> {
    let ok = ex.outcome == Outcome::Success;
    let (mark, style) = if ok {
        ("✓", theme::OK_STRONG)
    } else {
        ("✗", theme::BAD)
    };
    let mut spans = vec![
        Span::styled(
            format!("{mark} {}", outcome_label_in(&ex.outcome, lang)),
            style,
        )
        .themed(theme::STRONG),
        Span::raw("  "),
        Span::styled(duration_label(ex.timing.total), theme::ACCENT),
    ];
    let said = match &ex.outcome {
        Outcome::ApiError { message, .. } => Some(message.trim().to_string()),
        Outcome::Transport { detail, .. } => Some(detail.clone()),
        Outcome::BadBody { reason, .. } => Some(reason.clone()),
        _ => None,
    };
    if let Some(m) = said.filter(|m| !m.is_empty()) {
        let m = crate::api::text::visible(&m).into_owned();
        let m = redact.map(|r| r.apply(&m)).unwrap_or(m);
        spans.push(Span::raw("  "));
        spans.push(Span::styled(format!("“{m}”"), theme::QUOTE));
    }
    Line::from(spans)
}

fn heading(s: &str) -> Line<'static> {
    Line::from(s.to_string()).themed(theme::STRONG)
}

fn header_line(name: &str, value: &str) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{name}: "), theme::ACCENT),
        Span::raw(value.to_string()),
    ])
}

/// The body exactly as sent (no reformatting: what went over the wire).
fn raw_body_lines(body: &[u8], lang: Lang, out: &mut Vec<Line<'static>>) {
    if body.is_empty() {
        out.push(
            Line::from(t!(lang, "tui-result-empty-body"))
                .themed(theme::QUOTE)
                .themed(theme::MUTED),
        );
        return;
    }
    for l in String::from_utf8_lossy(body).lines() {
        out.push(Line::from(l.to_string()));
    }
}

/// A received body, pretty-printed when it is JSON (key order kept).
fn body_lines(body: &[u8], lang: Lang, out: &mut Vec<Line<'static>>) {
    if body.is_empty() {
        out.push(
            Line::from(t!(lang, "tui-result-empty-body"))
                .themed(theme::QUOTE)
                .themed(theme::MUTED),
        );
        return;
    }
    let text = String::from_utf8_lossy(body);
    let pretty = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok());
    for l in pretty.as_deref().unwrap_or(&text).lines() {
        out.push(Line::from(l.to_string()));
    }
}

fn request_lines(ex: &Exchange, spec: &RequestSpec, lang: Lang, out: &mut Vec<Line<'static>>) {
    let req = &ex.request;
    out.push(heading(&format!("{} {}", req.method, req.url)));
    for (n, v) in &req.headers {
        out.push(header_line(n, v));
    }
    for hs in spec.headers.iter().filter(|h| !h.enabled) {
        out.push(
            Line::from(t!(lang, "tui-result-omitted", name = hs.name.as_str()))
                .themed(theme::MUTED),
        );
    }
    out.push(Line::from(""));
    raw_body_lines(&req.body, lang, out);
}

fn response_lines(ex: &Exchange, lang: Lang, out: &mut Vec<Line<'static>>) {
    match &ex.response {
        Some(resp) => {
            let reason = http::StatusCode::from_u16(resp.status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("");
            let status = format!("{} {} {}", resp.version, resp.status, reason);
            let style = if (200..300).contains(&resp.status) {
                theme::OK_STRONG
            } else {
                theme::ERROR
            };
            out.push(Line::styled(status, style));
            out.push(Line::from(timing(ex, lang)).themed(theme::MUTED));
            for (n, v) in &resp.headers {
                out.push(header_line(n, v));
            }
            out.push(Line::from(""));
            body_lines(&resp.body, lang, out);
            if resp.truncated {
                out.push(Line::from(t!(lang, "tui-result-body-cut")).themed(theme::WARN));
            }
        }
        None => {
            out.push(Line::from(t!(lang, "tui-result-no-response")).themed(theme::ERROR));
            out.push(Line::from(timing(ex, lang)).themed(theme::MUTED));
            if let Outcome::Transport { kind, detail } = &ex.outcome {
                let colon = if lang == Lang::Zh { "：" } else { ": " };
                out.push(Line::from(format!(
                    "{}{colon}{detail}",
                    transport_label_in(*kind, lang)
                )));
            } else if ex.outcome == Outcome::Cancelled {
                out.push(Line::from(t!(lang, "tui-result-cancelled-before-answer")));
            }
        }
    }
}

fn timing(ex: &Exchange, lang: Lang) -> String {
    let ms = |d: std::time::Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    let total = ms(ex.timing.total);
    match ex.timing.ttfb {
        Some(t) => t!(lang, "tui-result-time-ttfb", total = total, ttfb = ms(t)),
        None => t!(lang, "tui-result-time", total = total),
    }
}

/// The logical lines of pane `i` (0 request, 1 response, 2 explanation), in `lang`
/// (the UI language). With `keys`, the explanation ends with the keys for the next
/// actions (on screen); reports leave them out.
pub fn pane_lines(
    r: &Record,
    i: usize,
    redact: bool,
    base: &ExplainContext,
    lang: Lang,
    keys: bool,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    match i {
        0 => {
            request_lines(&r.exchange, &r.spec, lang, &mut out);
            for login in r.consumer_exchanges() {
                out.push(Line::from(""));
                let step = step_name(login, lang);
                out.push(
                    Line::from(t!(lang, "tui-result-consumer-request", step = step))
                        .themed(theme::REMOTE),
                );
                request_lines(login, &r.spec, lang, &mut out);
            }
        }
        1 => {
            response_lines(&r.exchange, lang, &mut out);
            for login in r.consumer_exchanges() {
                out.push(Line::from(""));
                let step = step_name(login, lang);
                out.push(
                    Line::from(t!(lang, "tui-result-consumer-response", step = step))
                        .themed(theme::REMOTE),
                );
                response_lines(login, lang, &mut out);
            }
        }
        _ => super::explain_view::lines(r, base, lang, keys, &mut out),
    }
    visible_spans(&mut out);
    if redact {
        let red = r.redactor();
        for line in &mut out {
            for span in &mut line.spans {
                let masked = red.apply(&span.content);
                if masked != span.content {
                    span.content = masked.into();
                }
            }
        }
    }
    out
}

/// How the consumer exchange is headed in the panes: `login` for the login (as
/// always), else the consumer's path (`register/mobile-verify-code`).
fn step_name(x: &Exchange, lang: Lang) -> String {
    match crate::tui::screens::next_step::consumer_of(x) {
        Some(crate::api::Consumer::Login) | None => t!(lang, "tui-result-step-login"),
        Some(c) => crate::tui::screens::next_step::consumer_label(c, lang),
    }
}

pub fn transport_label(k: TransportKind) -> &'static str {
    k.label()
}

/// Plain text of a set of lines.
pub fn plain(lines: &[Line<'_>]) -> String {
    let mut s = String::new();
    for l in lines {
        for sp in &l.spans {
            s.push_str(&sp.content);
        }
        s.push('\n');
    }
    s
}

/// The plain-text report of an exchange, in `lang`: all three panes, one after the other.
pub fn report(r: &Record, redact: bool, base: &ExplainContext, lang: Lang) -> String {
    let mut s = String::new();
    let titles = [
        t!(lang, "tui-result-report-request"),
        t!(lang, "tui-result-report-response"),
        t!(lang, "tui-result-report-explanation"),
    ];
    for (i, title) in titles.iter().enumerate() {
        s.push_str(&format!("==== {title} ====\n"));
        s.push_str(&plain(&pane_lines(r, i, redact, base, lang, false)));
        s.push('\n');
    }
    // the same request as a command anyone can rerun
    s.push_str("==== CURL ====\n");
    s.push_str(&curl_in(&r.spec, redact, lang));
    s.push_str("\n\n");
    if redact {
        s.push_str(&t!(lang, "tui-result-report-masked"));
        s.push('\n');
    }
    s
}

/// The response body as received (text), for copying.
pub fn response_body(r: &Record) -> String {
    r.exchange
        .response
        .as_ref()
        .map(|resp| String::from_utf8_lossy(&resp.body).into_owned())
        .unwrap_or_default()
}

/// The request as an equivalent curl command.
pub fn curl(spec: &RequestSpec, redact: bool) -> String {
    curl_in(spec, redact, Lang::En)
}

/// [`curl`], the comment for a request that cannot be built in `lang`.
pub fn curl_in(spec: &RequestSpec, redact: bool, lang: Lang) -> String {
    match crate::client::send::record(spec) {
        Ok(sent) => {
            let text = crate::client::curl::curl(&sent);
            if redact {
                spec_redactor(spec).apply(&text)
            } else {
                text
            }
        }
        Err(e) => t!(lang, "tui-result-cannot-build", error = e.to_string()),
    }
}

/// A redactor for a request that has not been sent yet.
pub fn spec_redactor(spec: &RequestSpec) -> Redactor {
    let mut r = Redactor::new();
    // The request as it will go out: the same rules as for a sent one.
    if let Ok(sent) = crate::client::send::record(spec) {
        r.learn_request(&sent);
    }
    r
}

/// Every span of these lines through [`crate::api::text::visible`] (the TUI's panes: headers, bodies,
/// explanations quote the server's bytes).
fn visible_spans(lines: &mut [ratatui::text::Line<'_>]) {
    for line in lines {
        for span in &mut line.spans {
            if let std::borrow::Cow::Owned(v) = crate::api::text::visible(&span.content) {
                span.content = v.into();
            }
        }
    }
}

#[cfg(test)]
mod duration_tests {
    use super::duration_label;
    use std::time::Duration;

    #[test]
    fn a_duration_keeps_its_significant_digits() {
        assert_eq!(duration_label(Duration::from_micros(840)), "0.84 ms");
        assert_eq!(duration_label(Duration::from_micros(3_240)), "3.2 ms");
        assert_eq!(duration_label(Duration::from_micros(87_400)), "87 ms");
        assert_eq!(duration_label(Duration::from_millis(1_420)), "1.42 s");
    }
}

//! One exchange of the session and the text of its three panes.
//!
//! The panes, the copied report and the saved report are built from the same
//! lines, so what is copied is what is seen.

use crate::client::report::Redactor;
use crate::client::{Exchange, ExplainContext, Outcome, RequestSpec, TransportKind};
use crate::tui::theme::{self, Themed};
use ratatui::text::{Line, Span};

pub use crate::client::history::{Record, Source};

pub fn outcome_label(o: &Outcome) -> String {
    o.label()
}

/// How long an exchange took, for a person: `87 ms`, `1.42 s`.
pub fn duration_label(d: std::time::Duration) -> String {
    if d < std::time::Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

/// The one-line summary above the panes: status and code, time, and the
/// server's own words (last, so a narrow screen cuts only those).
pub fn summary_line(ex: &Exchange, redact: Option<&Redactor>) -> Line<'static> {
    let ok = ex.outcome == Outcome::Success;
    let (mark, style) = if ok {
        ("✓", theme::OK_STRONG)
    } else {
        ("✗", theme::BAD)
    };
    let mut spans = vec![
        Span::styled(format!("{mark} {}", outcome_label(&ex.outcome)), style).themed(theme::STRONG),
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
fn raw_body_lines(body: &[u8], out: &mut Vec<Line<'static>>) {
    if body.is_empty() {
        out.push(
            Line::from("(empty body)")
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
fn body_lines(body: &[u8], out: &mut Vec<Line<'static>>) {
    if body.is_empty() {
        out.push(
            Line::from("(empty body)")
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

fn request_lines(ex: &Exchange, spec: &RequestSpec, out: &mut Vec<Line<'static>>) {
    let req = &ex.request;
    out.push(heading(&format!("{} {}", req.method, req.url)));
    for (n, v) in &req.headers {
        out.push(header_line(n, v));
    }
    for hs in spec.headers.iter().filter(|h| !h.enabled) {
        out.push(Line::from(format!("(omitted) {}", hs.name)).themed(theme::MUTED));
    }
    out.push(Line::from(""));
    raw_body_lines(&req.body, out);
}

fn response_lines(ex: &Exchange, out: &mut Vec<Line<'static>>) {
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
            out.push(Line::from(timing(ex)).themed(theme::MUTED));
            for (n, v) in &resp.headers {
                out.push(header_line(n, v));
            }
            out.push(Line::from(""));
            body_lines(&resp.body, out);
            if resp.truncated {
                out.push(Line::from("(body cut at the read limit)").themed(theme::WARN));
            }
        }
        None => {
            out.push(Line::from("No response").themed(theme::ERROR));
            out.push(Line::from(timing(ex)).themed(theme::MUTED));
            if let Outcome::Transport { kind, detail } = &ex.outcome {
                out.push(Line::from(format!("{}: {detail}", transport_label(*kind))));
            } else if ex.outcome == Outcome::Cancelled {
                out.push(Line::from("cancelled before an answer came"));
            }
        }
    }
}

fn timing(ex: &Exchange) -> String {
    let ms = |d: std::time::Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    match ex.timing.ttfb {
        Some(t) => format!("time {} · first byte {}", ms(ex.timing.total), ms(t)),
        None => format!("time {}", ms(ex.timing.total)),
    }
}

/// The logical lines of pane `i` (0 request, 1 response, 2 explanation).
/// With `keys`, the explanation ends with the keys for the next actions (on
/// screen); reports leave them out.
pub fn pane_lines(
    r: &Record,
    i: usize,
    redact: bool,
    base: &ExplainContext,
    keys: bool,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    match i {
        0 => {
            request_lines(&r.exchange, &r.spec, &mut out);
            if let Some(login) = &r.login {
                out.push(Line::from(""));
                out.push(
                    Line::from(format!("── {} request ──", step_name(login))).themed(theme::REMOTE),
                );
                request_lines(login, &r.spec, &mut out);
            }
        }
        1 => {
            response_lines(&r.exchange, &mut out);
            if let Some(login) = &r.login {
                out.push(Line::from(""));
                out.push(
                    Line::from(format!("── {} response ──", step_name(login)))
                        .themed(theme::REMOTE),
                );
                response_lines(login, &mut out);
            }
        }
        _ => super::explain_view::lines(r, base, keys, &mut out),
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
fn step_name(x: &Exchange) -> String {
    match crate::tui::screens::next_step::consumer_of(x) {
        Some(crate::api::Consumer::Login) | None => "login".into(),
        Some(c) => c.label(),
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

/// The plain-text report of an exchange: all three panes, one after the other.
pub fn report(r: &Record, redact: bool, base: &ExplainContext) -> String {
    let mut s = String::new();
    for (i, title) in ["REQUEST (as sent)", "RESPONSE", "EXPLANATION"]
        .iter()
        .enumerate()
    {
        s.push_str(&format!("==== {title} ====\n"));
        s.push_str(&plain(&pane_lines(r, i, redact, base, false)));
        s.push('\n');
    }
    // the same request as a command anyone can rerun
    s.push_str("==== CURL ====\n");
    s.push_str(&curl(&r.spec, redact));
    s.push_str("\n\n");
    if redact {
        s.push_str("(mobile number, captcha token and client id are masked)\n");
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
    match crate::client::send::record(spec) {
        Ok(sent) => {
            let text = crate::client::curl::curl(&sent);
            if redact {
                spec_redactor(spec).apply(&text)
            } else {
                text
            }
        }
        Err(e) => format!("# this request cannot be built: {e}"),
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

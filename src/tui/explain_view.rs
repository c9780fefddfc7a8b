//! The explanation pane: what happened, why in this request, what to do next.

use super::record::Record;
use crate::api::{Lang, Scene};
use crate::client::Outcome;
use crate::client::explain::{Explanation, explain};
use ratatui::style::{Modifier, Stylize};
use ratatui::text::Line;

/// Append the explanation of the record to `out`.
pub fn lines(r: &Record, out: &mut Vec<Line<'static>>) {
    let ex = explain(&r.exchange, &r.spec, r.token_sender.as_deref());
    render(&ex, out);
    if r.exchange.outcome == Outcome::Success {
        success_extra(r, out);
    } else {
        out.push(Line::from(""));
        out.push(Line::from("Next").add_modifier(Modifier::BOLD));
        out.push(Line::from("  r  retry with a fresh token"));
        out.push(Line::from("  e  edit headers   s  change scene"));
        out.push(Line::from("  m  change mobile  t  change token"));
    }
}

fn render(ex: &Explanation, out: &mut Vec<Line<'static>>) {
    let title = Line::from(ex.title.clone()).add_modifier(Modifier::BOLD);
    out.push(if ex.success { title.green() } else { title.red() });
    if let Some(code) = &ex.code {
        out.push(Line::from(code.clone()).yellow());
    }
    for (lang, msg) in &ex.server_messages {
        out.push(Line::from(format!("{}: {msg}", lang_label(*lang))).italic());
    }
    if !ex.meaning.is_empty() {
        out.push(Line::from(""));
        out.push(Line::from("What it means").add_modifier(Modifier::BOLD));
        out.push(Line::from(ex.meaning.clone()));
    }
    if !ex.causes.is_empty() {
        out.push(Line::from(""));
        out.push(Line::from("In this request").add_modifier(Modifier::BOLD));
        for c in &ex.causes {
            out.push(Line::from(format!("• {c}")).cyan());
        }
    }
    if !ex.next_steps.is_empty() {
        out.push(Line::from(""));
        out.push(Line::from("What to do").add_modifier(Modifier::BOLD));
        for s in &ex.next_steps {
            out.push(Line::from(format!("→ {s}")));
        }
    }
    if let Some(other) = &ex.other_language {
        out.push(Line::from(""));
        out.push(Line::from(format!("[{}]", lang_label(other.0))).dim());
        out.push(Line::from(other.1.clone()).dim());
    }
}

fn lang_label(l: Lang) -> &'static str {
    match l {
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}

fn success_extra(r: &Record, out: &mut Vec<Line<'static>>) {
    out.push(Line::from(""));
    match &r.delivered_code {
        Some(code) => {
            out.push(Line::from(format!("Delivered code: {code}")).green().bold());
            out.push(Line::from("(read from the simulator's outbox)").dim());
        }
        None => out.push(Line::from("The code went to the phone: read it there.").dim()),
    }
    if let Some(login) = &r.login {
        out.push(Line::from(""));
        match &login.outcome {
            Outcome::Success => {
                out.push(Line::from("Logged in: the code was accepted").green().bold());
                if let Some(resp) = &login.response
                    && let Ok(v) = serde_json::from_slice::<serde_json::Value>(&resp.body)
                {
                    for key in ["status", "expire"] {
                        if let Some(val) = v.get(key) {
                            out.push(Line::from(format!("  {key}: {val}")));
                        }
                    }
                }
            }
            other => out.push(
                Line::from(format!(
                    "Login failed: {}",
                    super::record::outcome_label(other)
                ))
                .red(),
            ),
        }
    } else if r.delivered_code.is_some() && r.scene() == Scene::LoginSms.code() {
        out.push(Line::from(""));
        out.push(Line::from("Next").add_modifier(Modifier::BOLD));
        out.push(Line::from("  l  log in with this code (login/mobile-verify-code)"));
    }
    out.push(Line::from(""));
    out.push(Line::from("  n  new request   r  send again with a fresh token"));
}

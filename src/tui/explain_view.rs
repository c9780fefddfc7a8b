//! The explanation pane: what happened, why in this request, what to do next.

use super::record::Record;
use crate::api::{Consumer, Lang, Scene};
use crate::client::Outcome;
use crate::client::consumer;
use crate::client::explain::{ExplainContext, Explanation, Step, UiAction, explain_exchange};
use crate::tui::screens::next_step;
use crate::tui::theme::{self, Themed};
use ratatui::text::Line;

/// Append the explanation of the record to `out`; with `keys`, the keys for
/// the next actions too (on screen, not in a copied or saved report).
pub fn lines(r: &Record, base: &ExplainContext, keys: bool, out: &mut Vec<Line<'static>>) {
    let ctx = ExplainContext {
        captcha_sender: r.token_sender.clone(),
        pass_token_age: r.token_age,
        pass_token_spent: r.token_spent,
        // Masking is applied to the rendered lines, the same way for every pane.
        redact: false,
        ..base.clone()
    };
    let ex = explain_exchange(&r.exchange, &ctx);
    if r.exchange.outcome == Outcome::Success {
        // What the person came for first: the code, and the next step.
        success_extra(r, &ctx, keys, out);
        render_parts(&ex, false, out);
    } else {
        render(&ex, out);
    }
    if keys && r.exchange.outcome != Outcome::Success {
        out.push(Line::from(""));
        out.push(Line::from("Keys").themed(theme::STRONG));
        out.push(Line::from("  r  retry with a fresh token"));
        out.push(Line::from("  e  edit headers   s  change scene"));
        out.push(Line::from("  m  change mobile  t  change token"));
    }
    let other = ex.lang.other();
    out.push(Line::from(""));
    out.push(Line::from(format!("[{}]", other.code())).themed(theme::MUTED));
    out.push(Line::from(ex.title.get(other).to_string()).themed(theme::MUTED));
    if !ex.meaning.get(other).is_empty() {
        out.push(Line::from(ex.meaning.get(other).to_string()).themed(theme::MUTED));
    }
    for c in &ex.in_this_request {
        out.push(Line::from(format!("• {}", c.get(other))).themed(theme::MUTED));
    }
}

/// An explanation as pane lines (headline, meaning, causes in this request, next steps).
pub fn render(ex: &Explanation, out: &mut Vec<Line<'static>>) {
    render_parts(ex, true, out)
}

/// [`render`], optionally without the headline (when the caller wrote its own).
fn render_parts(ex: &Explanation, headline: bool, out: &mut Vec<Line<'static>>) {
    let lang = ex.lang;
    match (&ex.code, ex.class.as_str()) {
        _ if !headline => {}
        // An API error: the code is the headline, the server's words under it.
        (Some(code), "api_error") => {
            out.push(
                Line::from(code.clone())
                    .themed(theme::BAD)
                    .themed(theme::STRONG),
            );
            if let Some(msg) = &ex.server_message {
                out.push(Line::from(format!("“{}”", msg.trim())).themed(theme::QUOTE));
            }
            if let Some(m) = &ex.catalogue_message {
                let other = lang.other();
                out.push(
                    Line::from(format!("{}: {}", other.code(), m.get(other))).themed(theme::MUTED),
                );
            }
        }
        _ => {
            let title = Line::from(ex.title.get(lang).to_string()).themed(theme::STRONG);
            out.push(if ex.class == "success" {
                title.themed(theme::OK)
            } else {
                title.themed(theme::BAD)
            });
            // A transport kind's identifier (connection_refused) says nothing the title does not.
            if let Some(code) = ex.code.as_ref().filter(|_| ex.class != "transport") {
                out.push(Line::from(code.clone()).themed(theme::WARN));
            }
            if let Some(msg) = &ex.server_message {
                out.push(Line::from(format!("server said: {msg}")).themed(theme::QUOTE));
            }
        }
    }
    let meaning = ex.meaning.get(lang);
    if !meaning.is_empty() {
        out.push(Line::from(""));
        out.push(Line::from("What it means").themed(theme::STRONG));
        out.push(Line::from(meaning.to_string()));
    }
    if !ex.in_this_request.is_empty() {
        out.push(Line::from(""));
        out.push(Line::from("In this request").themed(theme::STRONG));
        for c in &ex.in_this_request {
            out.push(Line::from(format!("• {}", c.get(lang))).themed(theme::ACCENT));
        }
    }
    if !ex.next_steps.is_empty() {
        out.push(Line::from(""));
        out.push(Line::from("What to do").themed(theme::STRONG));
        for s in &ex.next_steps {
            out.push(Line::from(format!("→ {}", step_text(s, lang))));
        }
    }
}

fn success_extra(r: &Record, base: &ExplainContext, keys: bool, out: &mut Vec<Line<'static>>) {
    out.push(Line::from("200 OK: SMS code sent").themed(theme::OK_STRONG));
    match &r.delivered_code {
        Some(code) => {
            out.push(Line::from(format!("Delivered code: {code}")).themed(theme::OK_STRONG));
            out.push(Line::from("(read from the simulator's outbox)").themed(theme::MUTED));
        }
        None => {
            out.push(Line::from("The code goes to the phone: read it there.").themed(theme::MUTED))
        }
    }
    let own = Scene::from_code(&r.scene()).map(Consumer::for_scene);
    if let Some(login) = &r.login {
        out.push(Line::from(""));
        let c = next_step::consumer_of(login);
        // The consumer's explanation judges the code against what the session had
        // sent when it answered.
        let ctx = ExplainContext {
            session: r
                .consumer_facts
                .clone()
                .unwrap_or_else(|| base.session.clone()),
            ..base.clone()
        };
        match &login.outcome {
            Outcome::Success if c.is_none_or(|c| consumer::accepted(c, login)) => {
                let what = c.unwrap_or(Consumer::Login).success().0;
                out.push(
                    Line::from(format!("{what}: the code was accepted"))
                        .themed(theme::OK)
                        .themed(theme::STRONG),
                );
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
            other => {
                let what = match c {
                    Some(Consumer::Login) | None => {
                        format!("Login failed: {}", super::record::outcome_label(other))
                    }
                    Some(c) => format!("{} did not accept it:", c.label()),
                };
                out.push(Line::from(what).themed(theme::BAD).themed(theme::STRONG));
                let ex = explain_exchange(login, &ctx);
                render(&ex, out);
            }
        }
        if keys && c != own {
            out.push(Line::from(""));
            out.push(Line::from(
                "  l  use the code where it belongs; u  pick another consumer",
            ));
        }
    } else if keys && let Some(c) = own {
        out.push(Line::from(""));
        out.push(Line::from("Next").themed(theme::STRONG));
        let verb = match c {
            Consumer::Login => "log in with this code".to_string(),
            c => next_step::verb(c).replace(" with code", " with this code"),
        };
        if r.delivered_code.is_some() {
            out.push(Line::from(format!("  l  {verb} ({})", c.label())));
        } else {
            out.push(Line::from(format!(
                "  l  {verb} ({}): vflow asks for the code from the phone",
                c.label()
            )));
        }
    }
    if keys {
        out.push(Line::from("  n  new request"));
        out.push(Line::from("  r  send again with a fresh token"));
    }
}

/// The TUI's key for an action an explanation names: the one place that maps
/// them (to be pointed at the screens' key map).
fn action_key(a: UiAction, lang: Lang) -> &'static str {
    match (a, lang) {
        (UiAction::EditHeaders, _) => "F2",
        (UiAction::ApplyPreset, Lang::En) => "F2, then p",
        (UiAction::ApplyPreset, Lang::Zh) => "F2 后按 p",
        (UiAction::EditClientId, Lang::En) => "F2, then Enter on X-client-id",
        (UiAction::EditClientId, Lang::Zh) => "F2，在 X-client-id 上按 Enter",
        (UiAction::NewToken, _) => "t",
        (UiAction::Resend, _) => "r",
        (UiAction::ChangeScene, _) => "s",
        (UiAction::ChangeMobile, _) => "m",
        (UiAction::Login, _) => "l",
    }
}

/// A next step as the TUI shows it: with the action's flag and its key.
fn step_text(s: &Step, lang: Lang) -> String {
    let text = s.text.get(lang);
    let Some(a) = s.action else {
        return text.to_string();
    };
    let key = action_key(a, lang);
    match (a.cli_flag(), lang) {
        (Some(flag), Lang::En) => format!("{text} (CLI: {}; TUI: {key})", flag.en),
        (Some(flag), Lang::Zh) => format!("{text}（命令行：{}；TUI：{key}）", flag.zh),
        (None, Lang::En) => format!("{text} (TUI: {key})"),
        (None, Lang::Zh) => format!("{text}（TUI：{key}）"),
    }
}

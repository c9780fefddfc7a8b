//! The explanation pane: what happened, why in this request, what to do next.

use super::record::Record;
use crate::api::{Consumer, Lang, Scene, paths};
use crate::client::Outcome;
use crate::client::consumer;
use crate::client::explain::{ExplainContext, Explanation, Step, UiAction, explain_exchange};
use crate::t;
use crate::tui::screens::next_step;
use crate::tui::theme::{self, Themed};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Append the explanation of the record to `out`, in `lang` (the UI language) first and
/// the other language after; with `keys`, the keys for the next actions too (on screen,
/// not in a copied or saved report).
pub fn lines(
    r: &Record,
    base: &ExplainContext,
    lang: Lang,
    keys: bool,
    out: &mut Vec<Line<'static>>,
) {
    let ctx = ExplainContext {
        captcha_sender: r.token_sender.clone(),
        pass_token_age: r.token_age,
        pass_token_spent: r.token_spent,
        recent_send: r.since_previous_send,
        // Masking is applied to the rendered lines, the same way for every pane.
        redact: false,
        ..base.clone()
    };
    let mut ex = explain_exchange(&r.exchange, &ctx);
    let sms_send = crate::client::explain::endpoint(&r.exchange.request) == paths::SMS_SEND;
    if r.exchange.outcome == Outcome::Success && sms_send {
        // What the person came for first: the code, and the next step.
        success_extra(r, &ctx, lang, keys, out);
        if let Some(login) = next_step::accepted_exchange(r) {
            // The code is spent: "use the code with ..." is done; what comes next is the
            // consumer's own next step (the id_token, ...), if it has one.
            ex.next_steps = explain_exchange(login, &ctx).next_steps;
        }
        render_parts(&ex, lang, false, out);
    } else if r.exchange.outcome == Outcome::Success {
        // Another endpoint (captcha, verify, a consumer, a simulator helper): its own
        // headline, from the same explanation as the rest of the pane.
        out.push(Line::from(success_headline(&r.exchange, &ex, lang)).themed(theme::OK_STRONG));
        render_parts(&ex, lang, false, out);
    } else {
        render(&ex, lang, out);
    }
    if keys && r.exchange.outcome != Outcome::Success {
        out.push(Line::from(""));
        out.push(Line::from(t!(lang, "tui-result-keys")).themed(theme::STRONG));
        out.push(Line::from(format!(
            "  r  {}",
            t!(lang, "tui-result-key-resend")
        )));
        let pairs = [
            (
                ("e", t!(lang, "tui-result-key-edit-headers")),
                ("s", t!(lang, "tui-result-key-change-scene")),
            ),
            (
                ("m", t!(lang, "tui-result-key-change-mobile")),
                ("t", t!(lang, "tui-result-key-change-token")),
            ),
        ];
        // the second column lines up by display width (a CJK character is two columns)
        let col = pairs.iter().map(|((_, d), _)| d.width()).max().unwrap_or(0) + 2;
        for ((k1, d1), (k2, d2)) in pairs {
            let pad = " ".repeat(col - d1.width());
            out.push(Line::from(format!("  {k1}  {d1}{pad}{k2}  {d2}")));
        }
    }
    let other = lang.other();
    out.push(Line::from(""));
    out.push(Line::from(format!("[{}]", other.code())).themed(theme::MUTED));
    out.push(prose(ex.title.get(other), other, theme::MUTED));
    if !ex.meaning.get(other).is_empty() {
        out.push(prose(ex.meaning.get(other), other, theme::MUTED));
    }
    for c in &ex.in_this_request {
        out.push(prose(&format!("• {}", c.get(other)), other, theme::MUTED));
    }
}

/// An explanation as pane lines (headline, meaning, causes in this request, next steps),
/// in `lang` (the UI language: the explanation's own `lang` is the server's).
pub fn render(ex: &Explanation, lang: Lang, out: &mut Vec<Line<'static>>) {
    render_parts(ex, lang, true, out)
}

/// [`render`], optionally without the headline (when the caller wrote its own).
fn render_parts(ex: &Explanation, lang: Lang, headline: bool, out: &mut Vec<Line<'static>>) {
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
                out.push(
                    Line::from(t!(lang, "tui-result-server-said", message = msg.as_str()))
                        .themed(theme::QUOTE),
                );
            }
        }
    }
    let meaning = ex.meaning.get(lang);
    if !meaning.is_empty() {
        out.push(Line::from(""));
        out.push(Line::from(t!(lang, "tui-result-what-it-means")).themed(theme::STRONG));
        out.push(prose(meaning, lang, theme::PLAIN));
    }
    if !ex.in_this_request.is_empty() {
        out.push(Line::from(""));
        out.push(Line::from(t!(lang, "tui-result-in-this-request")).themed(theme::STRONG));
        for c in &ex.in_this_request {
            out.push(prose(&format!("• {}", c.get(lang)), lang, theme::ACCENT));
        }
    }
    if !ex.next_steps.is_empty() {
        out.push(Line::from(""));
        out.push(Line::from(t!(lang, "tui-result-what-to-do")).themed(theme::STRONG));
        let mut seen = std::collections::HashSet::new();
        for s in &ex.next_steps {
            let text = step_text(s, lang);
            // The same advice from two sources (catalogue, request) once.
            if seen.insert(s.text.get(lang).to_string()) {
                out.push(prose(&format!("→ {text}"), lang, theme::PLAIN));
            }
        }
    }
}

/// Whether the consumer exchange took the code (a 2xx is not always a yes).
fn code_accepted(login: &crate::client::Exchange) -> bool {
    login.outcome == Outcome::Success
        && next_step::consumer_of(login).is_none_or(|c| consumer::accepted(c, login))
}

/// `200 OK: Captcha puzzle issued`: the status as received and the explanation's title.
fn success_headline(x: &crate::client::Exchange, ex: &Explanation, lang: Lang) -> String {
    let status = x
        .response
        .as_ref()
        .map(|r| {
            let reason = http::StatusCode::from_u16(r.status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("");
            format!("{} {reason}", r.status).trim_end().to_string()
        })
        .unwrap_or_else(|| x.outcome.label());
    t!(
        lang,
        "tui-result-success-headline",
        status = status,
        title = ex.title.get(lang)
    )
}

fn success_extra(
    r: &Record,
    base: &ExplainContext,
    lang: Lang,
    keys: bool,
    out: &mut Vec<Line<'static>>,
) {
    out.push(Line::from(t!(lang, "tui-result-sms-sent")).themed(theme::OK_STRONG));
    match &r.delivered_code {
        Some(code) => {
            out.push(
                Line::from(t!(lang, "tui-result-delivered-code", code = code.as_str()))
                    .themed(theme::OK_STRONG),
            );
            out.push(Line::from(t!(lang, "tui-result-from-outbox")).themed(theme::MUTED));
        }
        None => out.push(Line::from(t!(lang, "tui-result-code-on-phone")).themed(theme::MUTED)),
    }
    let own = Scene::from_code(&r.scene()).map(Consumer::for_scene);
    // A later try (shown below) took the place of the one that took the code: say so first.
    if let Some(earlier) = &r.accepted {
        let (en, zh) = next_step::consumer_of(earlier)
            .unwrap_or(Consumer::Login)
            .success();
        let what = if lang == Lang::Zh { zh } else { en };
        out.push(Line::from(""));
        out.push(
            Line::from(t!(lang, "tui-result-code-accepted-earlier", what = what))
                .themed(theme::OK)
                .themed(theme::STRONG),
        );
    }
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
            Outcome::Success if code_accepted(login) => {
                let (en, zh) = c.unwrap_or(Consumer::Login).success();
                let what = if lang == Lang::Zh { zh } else { en };
                out.push(
                    Line::from(t!(lang, "tui-result-code-accepted", what = what))
                        .themed(theme::OK)
                        .themed(theme::STRONG),
                );
                if let Some(resp) = &login.response
                    && let Ok(v) = serde_json::from_slice::<serde_json::Value>(&resp.body)
                {
                    if let Some(val) = v.get("status") {
                        out.push(Line::from(format!("  status: {val}")));
                    }
                    if let Some(val) = v.get("expire") {
                        let unit = val
                            .as_u64()
                            .map(|s| seconds_label(s, lang))
                            .unwrap_or_default();
                        out.push(Line::from(format!("  expire: {val}{unit}")));
                    }
                }
            }
            other => {
                let what = match c {
                    Some(Consumer::Login) | None => t!(
                        lang,
                        "tui-result-login-failed",
                        outcome = super::record::outcome_label_in(other, lang)
                    ),
                    Some(c) => t!(
                        lang,
                        "tui-result-not-accepted",
                        consumer = next_step::consumer_label(c, lang)
                    ),
                };
                out.push(Line::from(what).themed(theme::BAD).themed(theme::STRONG));
                let ex = explain_exchange(login, &ctx);
                render(&ex, lang, out);
            }
        }
        if keys {
            out.push(Line::from(""));
            out.push(Line::from(t!(lang, "tui-result-next")).themed(theme::STRONG));
            // Not once the code is spent (by this try or an earlier one).
            if c != own && next_step::accepted_exchange(r).is_none() {
                out.push(Line::from(format!(
                    "  {}",
                    t!(lang, "tui-result-next-elsewhere")
                )));
            }
        }
    } else if keys {
        out.push(Line::from(""));
        out.push(Line::from(t!(lang, "tui-result-next")).themed(theme::STRONG));
        if let Some(c) = own {
            let verb = match c {
                Consumer::Login => t!(lang, "tui-result-verb-login-this"),
                Consumer::Register | Consumer::SocialRegisterBind => {
                    t!(lang, "tui-result-verb-register-this")
                }
                c => next_step::verb_in(c, lang),
            };
            let consumer = next_step::consumer_label(c, lang);
            let line = if r.delivered_code.is_some() {
                t!(
                    lang,
                    "tui-result-next-own",
                    verb = verb,
                    consumer = consumer
                )
            } else {
                t!(
                    lang,
                    "tui-result-next-own-ask",
                    verb = verb,
                    consumer = consumer
                )
            };
            out.push(Line::from(format!("  {line}")));
        }
    }
    if keys {
        out.push(Line::from(format!(
            "  n  {}",
            t!(lang, "tui-result-key-new-request")
        )));
        out.push(Line::from(format!(
            "  r  {}",
            t!(lang, "tui-result-key-resend")
        )));
    }
}

/// The TUI's key for an action an explanation names, read from the key map
/// (so it is always the real binding).
fn action_key(a: UiAction, lang: Lang) -> String {
    use crate::tui::keymap::{Action, key_label_in};
    let action = match a {
        UiAction::EditHeaders => Action::OpenHeaders,
        UiAction::ApplyPreset => Action::ApplyPreset,
        UiAction::EditClientId => Action::Edit,
        UiAction::NewToken => Action::GoToken,
        UiAction::Resend => Action::Resend,
        UiAction::ChangeScene => Action::GoScene,
        UiAction::ChangeMobile => Action::GoMobile,
        UiAction::Login => Action::Login,
    };
    let k = key_label_in(action, lang);
    match (a, lang) {
        (UiAction::EditClientId, Lang::En) => format!("{k} on X-client-id"),
        (UiAction::EditClientId, Lang::Zh) => format!("{k}（X-client-id 行）"),
        _ => k,
    }
}

/// `432000` seconds for a person, after the number: ` s = 5 days` (` 秒 = 5 天`).
pub fn seconds_label(s: u64, lang: Lang) -> String {
    let unit_s = t!(lang, "tui-result-unit-s");
    let (unit, human) = match s {
        0..60 => return format!(" {unit_s}"),
        60..3600 => (60, t!(lang, "tui-result-minutes", n = s / 60)),
        3600..86400 => (3600, t!(lang, "tui-result-hours", n = s / 3600)),
        _ => (86400, t!(lang, "tui-result-days", n = s / 86400)),
    };
    let approx = if !s.is_multiple_of(unit) { "≈ " } else { "" };
    format!(" {unit_s} = {approx}{human}")
}

/// A line of explanation text: `code` spans without their backticks, styled;
/// in Chinese a code span stays on the line of the words around it.
pub fn prose(text: &str, lang: Lang, base: Style) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, part) in text.split('`').enumerate() {
        if part.is_empty() {
            continue;
        }
        if i % 2 == 1 {
            spans.push(Span::styled(part.to_string(), base.patch(theme::STRONG)));
        } else {
            let mut p = part.to_string();
            if lang == Lang::Zh {
                // no break between a code span and the words around it
                if i > 0 && p.starts_with(' ') {
                    p.replace_range(..1, "\u{a0}");
                }
                if p.ends_with(' ') && text.split('`').nth(i + 1).is_some() {
                    p.pop();
                    p.push('\u{a0}');
                }
            }
            spans.push(Span::styled(p, base));
        }
    }
    if text.matches('`').count() % 2 == 1 {
        // an unmatched backtick is text, not markup
        return Line::styled(text.to_string(), base);
    }
    Line::from(spans)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Scene;
    use crate::tui::app::{Screen, Step};
    use crate::tui::fixtures::{error_body, filled, json_response, ok_response, with_result};
    use crate::tui::keymap::{Action, key_label_for};
    use crate::tui::record::plain;

    fn text_of(a: &crate::tui::app::App) -> String {
        let mut out = vec![];
        lines(
            a.current_record().unwrap(),
            &a.explain_base,
            a.ui_lang,
            true,
            &mut out,
        );
        plain(&out)
    }

    #[test]
    fn code_spans_lose_their_backticks_and_keep_their_place_in_chinese() {
        let l = prose("The `type` field", Lang::En, theme::PLAIN);
        let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(s, "The type field");
        assert_eq!(l.spans[1].content, "type");
        assert_eq!(l.spans[1].style, theme::STRONG);
        let l = prose(
            "请求中的 `type` 字段不是六个场景之一",
            Lang::Zh,
            theme::PLAIN,
        );
        let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(s, "请求中的\u{a0}type\u{a0}字段不是六个场景之一");
        // wrapped narrow, `type` never stands alone on a line
        let rows = crate::tui::wrap::wrap_line(&l, 12);
        assert!(rows.len() > 1, "{rows:?}");
        for row in rows {
            let row: String = row.spans.iter().map(|s| s.content.as_ref()).collect();
            assert_ne!(row.trim(), "type", "{row:?}");
        }
        // an odd backtick is text
        let l = prose("a ` b", Lang::En, theme::PLAIN);
        assert_eq!(l.spans[0].content, "a ` b");
    }

    #[test]
    fn durations_carry_their_unit() {
        assert_eq!(seconds_label(432_000, Lang::En), " s = 5 days");
        assert_eq!(seconds_label(86_400, Lang::En), " s = 1 day");
        assert_eq!(seconds_label(7200, Lang::En), " s = 2 h");
        assert_eq!(seconds_label(45, Lang::En), " s");
        assert_eq!(seconds_label(90, Lang::En), " s = ≈ 1 min");
        assert_eq!(seconds_label(432_000, Lang::Zh), " 秒 = 5 天");
        assert_eq!(seconds_label(7200, Lang::Zh), " 秒 = 2 小时");
        assert_eq!(seconds_label(90, Lang::Zh), " 秒 = ≈ 1 分钟");
    }

    #[test]
    fn next_steps_show_the_real_key_once_each() {
        let (mut a, _) = filled(Step::Review);
        a.headers[3].enabled = false;
        let a = with_result(
            a,
            Some(json_response(400, &error_body("IDAAS.SDK.PARAM.0001"))),
        );
        let t = text_of(&a);
        assert_eq!(t.matches("apply a device preset").count(), 1, "{t}");
        assert!(
            t.contains(&format!("TUI: {}", key_label_for(Action::ApplyPreset))),
            "{t}"
        );
    }

    #[test]
    fn the_next_heading_comes_before_the_keys_in_every_scene() {
        for scene in [Scene::LoginSms, Scene::RegisterSms] {
            let (mut a, _) = filled(Step::Review);
            a.scene_sel = Scene::ALL.iter().position(|s| *s == scene).unwrap();
            let a = with_result(a, Some(ok_response()));
            assert_eq!(a.screen, Screen::Result);
            let t = text_of(&a);
            let next = t.find("\nNext\n").expect(&t);
            let r = t.find("  r  resend").expect(&t);
            let n = t.find("  n  new request").expect(&t);
            assert!(next < r && next < n, "{scene:?}: {t}");
        }
    }

    #[test]
    fn a_resend_within_the_cooldown_is_stated_not_guessed() {
        let (a, _) = filled(Step::Review);
        let mut a = with_result(
            a,
            Some(json_response(400, &error_body("IDAAS.SDK.CAPTCHA.0006"))),
        );
        let i = a.current.unwrap();
        let hedge = text_of(&a);
        assert!(hedge.contains("likely causes"), "{hedge}");
        a.history[i].since_previous_send = Some(std::time::Duration::from_secs(14));
        let t = text_of(&a);
        assert!(
            t.contains("LOGIN_SMS 14 s before this request") && t.contains("wait 46 s"),
            "{t}"
        );
        assert!(!t.contains("likely causes"), "{t}");
    }
}

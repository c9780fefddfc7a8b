//! Outcome + request → a plain-language explanation of what happened, what in
//! *this* request caused it, and what to do next, in English and Chinese.
//!
//! The same [`Explanation`] is printed by the CLI and drawn by the TUI. Next
//! steps name vflow [`UiAction`]s, never keys: each front end says how to do one.
//!
//! Where things are:
//! - `text`: [`Text`], [`Step`], [`Explanation`] and its plain-text form;
//!   `action`: [`UiAction`].
//! - `request`: the request as read by explanations, [`ExplainContext`].
//! - `success`, `failure`, `transport`: explanations by outcome.
//! - `table`: catalogue code → explainer; the explainers by group in
//!   `headers`, `fields`, `captcha`, `consumer` (endpoints that consume a code)
//!   and `sim`. A new code is a function in its group and one line in that
//!   group's `TABLE`.

mod action;
mod captcha;
pub mod consumer;
mod failure;
mod fields;
mod headers;
mod request;
mod sim;
mod success;
mod table;
mod text;
mod transport;

pub use action::UiAction;
pub use request::ExplainContext;
pub use text::{Explanation, Step, Text};

use super::{Outcome, ReceivedResponse, SentRequest};
use crate::api::Catalogue;
use crate::api::catalogue::ErrorEntry;
use request::{Mask, RequestView};
use text::{from_list, t};

/// Explain one exchange.
pub fn explain_exchange(x: &super::Exchange, ctx: &ExplainContext) -> Explanation {
    explain(&x.request, x.response.as_ref(), &x.outcome, ctx)
}

/// The endpoint a request went to, as the explanations read it (`/api/v2/sdk/sms/send`,
/// a tenant root's prefix cut; a simulator helper's full path): what tells a fetched
/// captcha from a sent SMS code wherever a screen words an exchange.
pub fn endpoint(request: &SentRequest) -> String {
    RequestView::new(request).path
}

/// Explain an outcome of a recorded request (and its response, when there was one).
pub fn explain(
    request: &SentRequest,
    response: Option<&ReceivedResponse>,
    outcome: &Outcome,
    ctx: &ExplainContext,
) -> Explanation {
    let view = RequestView::new(request);
    let mask = Mask(ctx.redact);
    let mut e = Explanation {
        lang: view.lang(),
        class: String::new(),
        title: t("", ""),
        code: None,
        server_message: None,
        catalogue_message: None,
        meaning: t("", ""),
        in_this_request: Vec::new(),
        general_causes: Vec::new(),
        next_steps: Vec::new(),
    };
    match outcome {
        Outcome::Success => {
            e.class = "success".into();
            success::success(&mut e, &view, response, &mask);
        }
        Outcome::ApiError {
            status,
            code,
            message,
            known,
        } => {
            e.class = "api_error".into();
            e.code = Some(code.clone());
            e.server_message = Some(message.clone());
            match Catalogue::get().find(code).filter(|_| *known) {
                Some(entry) => api_error(&mut e, entry, message, &view, ctx, &mask),
                None => failure::unknown_code(&mut e, *status, code, message),
            }
        }
        Outcome::HttpError { status } => {
            e.class = "http_error".into();
            failure::http_error(&mut e, *status, &view, response);
        }
        Outcome::BadBody { status, reason } => {
            e.class = "bad_body".into();
            failure::bad_body(&mut e, *status, reason, response);
        }
        Outcome::Transport { kind, detail } => {
            e.class = "transport".into();
            transport::transport(&mut e, *kind, detail, &view, ctx);
        }
        Outcome::Cancelled => {
            e.class = "cancelled".into();
            failure::cancelled(&mut e);
        }
    }
    consumer::refine(&mut e, &view, response, outcome, ctx);
    visible_texts(&mut e);
    e
}

/// The prose quotes what the server sent (codes, messages, body snippets, transport errors):
/// write its control characters visibly (`code` and `server_message` stay exact for `--json`;
/// [`Explanation::render`] shows them through the same sanitiser).
fn visible_texts(e: &mut Explanation) {
    let fix = |s: &mut String| {
        if let std::borrow::Cow::Owned(v) = crate::api::text::visible(s) {
            *s = v;
        }
    };
    let all = [&mut e.title, &mut e.meaning]
        .into_iter()
        .chain(e.catalogue_message.iter_mut())
        .chain(e.in_this_request.iter_mut())
        .chain(e.general_causes.iter_mut())
        .chain(e.next_steps.iter_mut().map(|s| &mut s.text));
    for text in all {
        fix(&mut text.en);
        fix(&mut text.zh);
    }
}

/// A catalogued error: the catalogue's text, then what this request shows.
fn api_error(
    e: &mut Explanation,
    entry: &ErrorEntry,
    message: &str,
    view: &RequestView,
    ctx: &ExplainContext,
    mask: &Mask,
) {
    e.title = t(
        format!("API error: {}", entry.msg.en),
        format!("接口错误：{}", entry.msg.zh),
    );
    e.catalogue_message = Some(t(entry.msg.en.clone(), entry.msg.zh.clone()));
    e.meaning = t(entry.meaning.en.clone(), entry.meaning.zh.clone());
    e.general_causes = from_list(&entry.causes);
    let out = table::specific(&entry.code, view, ctx, mask);
    e.in_this_request = out.lines;
    e.next_steps = out.steps;
    for (i, todo) in from_list(&entry.todo).into_iter().enumerate() {
        if !out.superseded.contains(&i) {
            e.step(todo);
        }
    }
    if message.trim() != entry.msg.en && message.trim() != entry.msg.zh {
        e.in_this_request.push(t(
            format!(
                "the server's message {message:?} differs from the documented one (another product version?); the code is what counts"
            ),
            format!("服务器消息 {message:?} 与文档不同（产品版本不同？）；以错误码为准"),
        ));
    }
}

#[cfg(test)]
mod tests;

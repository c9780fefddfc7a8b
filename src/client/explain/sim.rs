//! The simulator's own codes for malformed requests (not in the vendor's catalogue).

use super::ExplainContext;
use super::request::{Mask, RequestView, presence, snippet};
use super::table::{Entry, Out};
use super::text::t;
use crate::api::catalogue::codes;
use crate::api::headers as h;

/// One line per code: the code and the function that explains it.
pub(super) const TABLE: &[Entry] = &[
    (codes::SIM_CONTENT_TYPE, sim_content_type),
    (codes::SIM_BAD_JSON, sim_bad_json),
    (codes::SIM_FIELD_TYPE, sim_field_type),
    (codes::SIM_BODY_TOO_LARGE, sim_body_too_large),
    (codes::SIM_NOT_FOUND, sim_not_found),
    (codes::SIM_METHOD, sim_method),
];

fn sim_content_type(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    out.line(presence("content-type", &view.header(h::CONTENT_TYPE)));
}

fn sim_bad_json(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    let s = snippet(&view.request.body);
    out.line(t(
        format!(
            "the body sent ({} bytes) is not JSON: {s}",
            view.request.body.len()
        ),
        format!(
            "发送的请求体（{} 字节）不是 JSON：{s}",
            view.request.body.len()
        ),
    ));
}

fn sim_field_type(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    let odd: Vec<String> = view
        .body
        .as_ref()
        .map(|b| {
            b.iter()
                .filter(|(_, v)| !v.is_string())
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    out.line(t(
        format!("fields that are not strings: {odd:?}"),
        format!("不是字符串的字段：{odd:?}"),
    ));
}

fn sim_body_too_large(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    out.line(t(
        format!("the body was {} bytes", view.request.body.len()),
        format!("请求体为 {} 字节", view.request.body.len()),
    ));
}

fn sim_not_found(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    out.line(t(
        format!("path {} does not exist", view.path),
        format!("路径 {} 不存在", view.path),
    ));
}

fn sim_method(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    out.line(t(
        format!("{} is not allowed on {}", view.request.method, view.path),
        format!("{} 不允许 {} 方法", view.path, view.request.method),
    ));
}

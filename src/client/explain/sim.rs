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
    (codes::SIM_BAD_REQUEST, sim_bad_request),
    (codes::SIM_HEADERS_TOO_LARGE, sim_headers_too_large),
    (codes::SIM_URI_TOO_LONG, sim_uri_too_long),
    (codes::SIM_BAD_PATH, sim_bad_path),
    (codes::SIM_BODY_TIMEOUT, sim_body_timeout),
    (codes::SIM_BUSY, sim_busy),
];

fn sim_content_type(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    out.line(presence("content-type", &view.header(h::CONTENT_TYPE)));
    out.line(t(
        "application/json with parameters (application/json; charset=UTF-8) is accepted; only another media type or none gets this answer",
        "带参数的 application/json（application/json; charset=UTF-8）可以接受；只有其他媒体类型或缺失才会得到此回答",
    ));
    out.line(t(
        "this is the vflow simulator's own check: a real tenant may answer differently (another status or code, or none)",
        "这是 vflow 模拟器自己的检查：真实租户的回答可能不同（其他状态码、错误码，或不报错）",
    ));
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

fn sim_bad_request(_view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    out.line(t(
        "vflow sends well-formed HTTP: a proxy or another program between vflow and the server must have changed the request",
        "vflow 发送的是格式正确的 HTTP：一定是 vflow 与服务器之间的代理或其他程序改动了请求",
    ));
}

fn sim_headers_too_large(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    let bytes: usize = view
        .request
        .headers
        .iter()
        .map(|(n, v)| n.len() + v.len())
        .sum();
    let n = view.request.headers.len();
    out.line(t(
        format!("{n} headers were sent, {bytes} bytes of names and values"),
        format!("发送了 {n} 个请求头，名称和值共 {bytes} 字节"),
    ));
}

fn sim_uri_too_long(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    out.line(t(
        format!("the URL was {} characters long", view.request.url.len()),
        format!("URL 长 {} 个字符", view.request.url.len()),
    ));
}

fn sim_bad_path(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    out.line(t(
        format!("path {}", view.path),
        format!("路径 {}", view.path),
    ));
}

fn sim_body_timeout(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    let n = view.request.body.len();
    out.line(t(
        format!("the body was {n} bytes: it stalled on the way (a proxy or a slow link)"),
        format!("请求体为 {n} 字节：传输途中停滞（代理或慢速链路）"),
    ));
}

fn sim_busy(_view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    out.line(t(
        "this request was fine: other clients (a load test, stalled connections) held all the simulator's connections",
        "本次请求没有问题：其他客户端（压测、停滞的连接）占满了模拟器的连接",
    ));
}

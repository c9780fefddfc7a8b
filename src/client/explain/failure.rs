//! Answers that are not the API's success or a catalogued error: an unknown
//! code, an HTTP error without the API's body, an unparsable body, a cancel.

use super::request::{RequestView, found_text, snippet};
use super::text::{Explanation, t};
use crate::api::headers as h;
use crate::client::ReceivedResponse;

pub(super) fn unknown_code(e: &mut Explanation, status: u16, code: &str, message: &str) {
    e.title = t(
        format!("Unknown error code (HTTP {status})"),
        format!("未知错误码（HTTP {status}）"),
    );
    e.meaning = t(
        "The server answered with the API's error shape, but vflow's catalogue does not know this code.",
        "服务器返回了标准错误格式，但 vflow 的错误码目录中没有这个码。",
    );
    e.in_this_request.push(t(
        format!("code {code:?}, message {message:?}"),
        format!("错误码 {code:?}，消息 {message:?}"),
    ));
    if code.trim().starts_with("SDK.COMMON.") {
        e.in_this_request.push(t(
            "SDK.COMMON codes come from employee-identity (EIAM) tenants, which also use CHANGE_PWD_SMS instead of UPDATE_PWD_SMS",
            "SDK.COMMON 错误码来自员工身份（EIAM）租户，该类租户使用 CHANGE_PWD_SMS 而非 UPDATE_PWD_SMS",
        ));
    }
    e.step(t(
        "read the message; look the code up in the vendor's documentation for this product version",
        "阅读消息内容；在对应产品版本的厂商文档中查找该错误码",
    ));
    e.step(t(
        "`vflow codes` lists the codes vflow knows; compare the request with a working one",
        "`vflow codes` 列出 vflow 已知的错误码；与一个成功的请求对比",
    ));
}

pub(super) fn http_error(
    e: &mut Explanation,
    status: u16,
    view: &RequestView,
    response: Option<&ReceivedResponse>,
) {
    e.title = t(
        format!("HTTP {status} without an API error body"),
        format!("HTTP {status}，且不是接口错误格式"),
    );
    e.code = Some(format!("HTTP {status}"));
    e.meaning = t(
        "The answer did not come from the API's error handling (no {\"error_code\", \"error_msg\"}): usually a gateway, proxy, WAF or a wrong URL.",
        "应答不是接口的错误处理返回的（没有 {\"error_code\", \"error_msg\"}）：通常来自网关、代理、WAF 或错误的地址。",
    );
    if let Some(s) = response.map(|r| snippet(&r.body)).filter(|s| !s.is_empty()) {
        e.in_this_request.push(t(
            format!("the body starts with: {s}"),
            format!("响应体开头：{s}"),
        ));
    }
    let (en, zh, step_en, step_zh): (String, String, &str, &str) = match status {
        404 => (
            format!("nothing is served at {}", view.request.url),
            format!("{} 上没有服务", view.request.url),
            "the target must be the tenant's root URL (vflow appends /api/v2/sdk/...); check for a doubled or missing path prefix",
            "目标地址应为租户根地址（vflow 会自动拼接 /api/v2/sdk/...）；检查路径前缀是否重复或缺失",
        ),
        405 => (
            format!("{} is not allowed on this path", view.request.method),
            format!("该路径不允许 {} 方法", view.request.method),
            "sms/send, captcha/verify and login are POST; captcha is GET",
            "sms/send、captcha/verify 和 login 用 POST；captcha 用 GET",
        ),
        401 | 403 => (
            "a gateway or firewall refused the request before the API saw it".to_string(),
            "网关或防火墙在接口处理前拒绝了请求".to_string(),
            "check IP allow-lists, WAF rules and whether the tenant needs extra authentication headers",
            "检查 IP 白名单、WAF 规则，以及租户是否需要额外的鉴权请求头",
        ),
        413 => (
            format!(
                "the body ({} bytes) is too large for the server",
                view.request.body.len()
            ),
            format!("请求体（{} 字节）超出服务器限制", view.request.body.len()),
            "send a smaller body",
            "缩小请求体",
        ),
        415 => (
            format!(
                "content-type was {}",
                found_text(&view.header(h::CONTENT_TYPE))
            ),
            format!(
                "content-type 为 {}",
                found_text(&view.header(h::CONTENT_TYPE))
            ),
            "send content-type: application/json",
            "发送 content-type: application/json",
        ),
        429 => (
            "rate limited by the server or a gateway".to_string(),
            "被服务器或网关限流".to_string(),
            "wait and retry more slowly",
            "稍候再以更低频率重试",
        ),
        502..=504 => (
            "a gateway in front of the API got no (timely) answer from it".to_string(),
            "API 前面的网关没有（及时）收到后端应答".to_string(),
            "retry later; check the tenant's status; if it persists, ask the tenant's operators",
            "稍后重试；查看租户服务状态；持续出现请联系租户运维",
        ),
        500..=599 => (
            "the server failed on this request".to_string(),
            "服务器处理该请求时出错".to_string(),
            "retry once; if it repeats, report it with the request shown above (use --redact)",
            "重试一次；若重复出现，带上上面的请求（使用 --redact）报告问题",
        ),
        _ => (
            format!("status {status} without the API's error body"),
            format!("状态 {status}，且没有接口错误体"),
            "look at the raw response above",
            "查看上面的原始响应",
        ),
    };
    e.in_this_request.push(t(en, zh));
    e.step(t(step_en, step_zh));
}

pub(super) fn bad_body(
    e: &mut Explanation,
    status: u16,
    reason: &str,
    response: Option<&ReceivedResponse>,
) {
    e.title = t(
        format!("Unexpected response body (HTTP {status})"),
        format!("响应体无法解析（HTTP {status}）"),
    );
    e.meaning = t(
        "The server answered, but the body is not what this endpoint returns.",
        "服务器有应答，但响应体不是该接口应返回的格式。",
    );
    e.in_this_request.push(t(reason, reason));
    if let Some(s) = response.map(|r| snippet(&r.body)).filter(|s| !s.is_empty()) {
        e.in_this_request.push(t(
            format!("the body starts with: {s}"),
            format!("响应体开头：{s}"),
        ));
    }
    e.step(t(
        "check that the target is the tenant's API root (not a login page, a proxy or another service)",
        "确认目标地址是租户的 API 根地址（而不是登录页、代理或其他服务）",
    ));
    e.step(t(
        "look at the raw response above; a gateway or WAF may have replaced the answer",
        "查看上面的原始响应；网关或 WAF 可能替换了应答",
    ));
}

pub(super) fn cancelled(e: &mut Explanation) {
    e.title = t("Cancelled", "已取消");
    e.meaning = t(
        "You cancelled before an answer came.",
        "在收到应答之前取消了请求。",
    );
    e.in_this_request.push(t(
        "the request may already have reached the server: a pass token may be consumed and a code may be sent",
        "请求可能已到达服务器：通过令牌可能已被消耗，验证码可能已发送",
    ));
    e.step(t(
        "solve a new captcha before sending again",
        "再次发送前重新完成图形验证码",
    ));
}

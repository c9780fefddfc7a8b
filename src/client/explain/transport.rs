//! Exchanges that got no HTTP answer: what failed, why it may have, what to try.

use super::ExplainContext;
use super::request::RequestView;
use super::text::{Explanation, t};
use crate::client::TransportKind;
use std::time::Duration;

/// The fixed next steps of each transport failure.
fn transport_steps(kind: TransportKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        TransportKind::ConnectionRefused => &[
            ("check the target URL and port", "检查目标地址和端口"),
            (
                "for a local simulator, start it with `vflow serve` (it listens on 127.0.0.1:8080)",
                "本地模拟器请先运行 `vflow serve`（监听 127.0.0.1:8080）",
            ),
        ],
        TransportKind::Dns => &[
            ("check the spelling of the target URL", "检查目标地址的拼写"),
            (
                "check DNS, VPN and the HTTP(S)_PROXY / NO_PROXY environment variables",
                "检查 DNS、VPN 以及 HTTP(S)_PROXY / NO_PROXY 环境变量",
            ),
        ],
        TransportKind::Tls => &[
            (
                "for a private CA, pass it with --ca-file FILE (PEM)",
                "私有 CA 请用 --ca-file FILE（PEM）指定",
            ),
            (
                "for a test system only: --insecure skips certificate verification",
                "仅限测试环境：--insecure 跳过证书校验",
            ),
            (
                "check the machine's clock and the host name in the URL",
                "检查本机时间和 URL 中的主机名",
            ),
        ],
        TransportKind::Timeout => &[
            (
                "raise --connect-timeout / --timeout if the server is just slow",
                "如果只是服务器较慢，调大 --connect-timeout / --timeout",
            ),
            (
                "check firewalls and proxies that silently drop packets",
                "检查是否有防火墙或代理静默丢包",
            ),
            (
                "the request may have been processed: a pass token may be consumed",
                "请求可能已被处理：通过令牌可能已被消耗",
            ),
        ],
        TransportKind::ConnectionReset => &[(
            "retry once; check proxies, load balancers and the server's logs",
            "重试一次；检查代理、负载均衡和服务器日志",
        )],
        TransportKind::Other => &[(
            "check that the target URL points at an HTTP API",
            "确认目标地址是一个 HTTP 接口",
        )],
    }
}

pub(super) fn transport(
    e: &mut Explanation,
    kind: TransportKind,
    detail: &str,
    view: &RequestView,
    ctx: &ExplainContext,
) {
    let host = view.host();
    let https = view.request.url.starts_with("https:");
    e.code = serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string));
    e.in_this_request
        .push(t(format!("error: {detail}"), format!("错误：{detail}")));
    let lower = detail.to_ascii_lowercase();
    let (title, (en, zh)) = match kind {
        TransportKind::ConnectionRefused => (
            t("Connection refused", "连接被拒绝"),
            (
                format!("Nothing accepts connections on {host}."),
                format!("{host} 上没有服务在接受连接。"),
            ),
        ),
        TransportKind::Dns => (
            t("Host name not found (DNS)", "域名解析失败（DNS）"),
            (
                format!("The name in {host} could not be resolved to an address."),
                format!("{host} 中的域名无法解析为地址。"),
            ),
        ),
        TransportKind::Tls => (
            t("TLS failure", "TLS 握手失败"),
            (
                format!("The secure connection to {host} could not be established or verified."),
                format!("无法与 {host} 建立或验证安全连接。"),
            ),
        ),
        TransportKind::Timeout => {
            let secs = |d: Option<Duration>| d.map(|d| humantime::format_duration(d).to_string());
            let (limits, limits_zh) = match (secs(ctx.connect_timeout), secs(ctx.timeout)) {
                (Some(c), Some(a)) => (
                    format!(" (connect {c}, total {a})"),
                    format!("（连接 {c}，总计 {a}）"),
                ),
                _ => (String::new(), String::new()),
            };
            (
                t("Timed out", "超时"),
                (
                    format!("{host} did not answer completely in time{limits}."),
                    format!("{host} 未在限定时间内完成应答{limits_zh}。"),
                ),
            )
        }
        TransportKind::ConnectionReset => (
            t("Connection reset or closed", "连接被重置或关闭"),
            (
                format!("{host} closed the connection before a complete answer."),
                format!("{host} 在完整应答之前关闭了连接。"),
            ),
        ),
        TransportKind::Other => (
            t("Transport failure", "传输失败"),
            (
                format!("The exchange with {host} failed without an HTTP answer."),
                format!("与 {host} 的交互失败，没有得到 HTTP 应答。"),
            ),
        ),
    };
    e.title = title;
    e.meaning = t(en, zh);
    let hint = match kind {
        TransportKind::Tls if https && !lower.contains("certificate") => Some((
            "the server did not speak TLS: is the target http:// rather than https://, or the port wrong?",
            "服务器没有使用 TLS：目标是否应为 http:// 而不是 https://，或端口错误？",
        )),
        TransportKind::ConnectionReset if !https => Some((
            "plain http was used: if the port expects TLS, use https://",
            "使用的是明文 http：如果该端口需要 TLS，请改用 https://",
        )),
        TransportKind::Other if lower.contains("invalid") || lower.contains("parse") => Some((
            "the server answered with something that is not HTTP",
            "服务器返回的内容不是 HTTP",
        )),
        _ => None,
    };
    if let Some((en, zh)) = hint {
        e.in_this_request.push(t(en, zh));
    }
    for (en, zh) in transport_steps(kind) {
        e.step(t(*en, *zh));
    }
}

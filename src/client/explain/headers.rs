//! The request headers: device headers and the application's client id.

use super::ExplainContext;
use super::action::UiAction;
use super::request::{Found, Mask, RequestView, presence};
use super::table::{Entry, Out};
use super::text::t;
use crate::api::catalogue::codes;
use crate::api::headers as h;

/// One line per code: the code and the function that explains it.
pub(super) const TABLE: &[Entry] = &[
    (codes::PARAM_0001, param_0001),
    (codes::PARAM_0002, param_0002),
    (codes::PARAM_0003, param_0003),
];

fn param_0001(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    let mut bad = 0;
    for name in h::REQUIRED_DEVICE {
        let f = view.header(name);
        match f {
            Found::Missing | Found::Blank => {
                bad += 1;
                out.line(presence(name, &f));
            }
            Found::Value(_) => out.line(t(
                format!("{name} was sent with a value (fine)"),
                format!("{name} 已带值发送（正常）"),
            )),
        }
    }
    if bad == 0 {
        out.line(t(
            "all three device headers left vflow with values: something on the way (proxy, gateway) may strip X- headers",
            "三个设备请求头发出时都有值：链路上的代理或网关可能去掉了 X- 请求头",
        ));
    }
    out.step_with(UiAction::ApplyPreset.words(), UiAction::ApplyPreset);
}

fn param_0002(view: &RequestView, _ctx: &ExplainContext, mask: &Mask, out: &mut Out) {
    let f = view.header(h::CLIENT_ID);
    out.line(match f {
        Found::Missing => t(
            "X-client-id was absent: the header was not sent at all",
            "X-client-id 缺失：根本没有发送这个请求头",
        ),
        Found::Blank => t(
            "X-client-id was sent, but blank",
            "X-client-id 发送了，但值为空",
        ),
        Found::Value(v) => t(
            format!(
                "X-client-id was {:?}, yet the server saw none: a proxy may strip it",
                mask.client(&v)
            ),
            format!(
                "X-client-id 为 {:?}，服务器却没收到：可能被代理去掉",
                mask.client(&v)
            ),
        ),
    });
    out.step_with(UiAction::EditClientId.words(), UiAction::EditClientId);
}

fn param_0003(view: &RequestView, ctx: &ExplainContext, mask: &Mask, out: &mut Out) {
    match view.header(h::CLIENT_ID) {
        Found::Value(v) => {
            out.line(t(
                format!(
                    "X-client-id {:?} is not a registered application here",
                    mask.client(&v)
                ),
                format!(
                    "X-client-id {:?} 在此租户中不是已注册的应用",
                    mask.client(&v)
                ),
            ));
            if v != v.trim() {
                out.line(t(
                    "it has blanks around it; they are part of the value",
                    "其前后带有空白，空白也算作值的一部分",
                ));
            }
            if let Some(ids) = &ctx.registered_client_ids
                && let Some(near) = ids
                    .iter()
                    .filter(|id| strsim::levenshtein(id, v.trim()) <= 3)
                    .min_by_key(|id| strsim::levenshtein(id, v.trim()))
            {
                out.line(t(
                    format!(
                        "it is a near miss of the registered id {:?}",
                        mask.client(near)
                    ),
                    format!("它与已注册的 {:?} 只差几个字符", mask.client(near)),
                ));
            }
            if v.trim().len() != 32 {
                out.line(t(
                    format!(
                        "it is {} characters long; client ids are usually 32",
                        v.trim().chars().count()
                    ),
                    format!(
                        "长度为 {}；client id 通常为 32 个字符",
                        v.trim().chars().count()
                    ),
                ));
            }
        }
        other => out.line(presence(h::CLIENT_ID, &other)),
    }
    out.step(t(
        format!(
            "the built-in simulator registers the documentation's example id {}",
            mask.client(h::EXAMPLE_CLIENT_ID)
        ),
        format!(
            "内置模拟器注册了文档中的示例 id {}",
            mask.client(h::EXAMPLE_CLIENT_ID)
        ),
    ));
}

//! The captcha: the puzzle's verify, and the pass token it issues.

use super::ExplainContext;
use super::request::{Found, Mask, RequestView, presence};
use super::table::{Entry, Out};
use super::text::t;
use crate::api::catalogue::codes;
use crate::api::{Lang, token, ttl};

/// One line per code: the code and the function that explains it.
pub(super) const TABLE: &[Entry] = &[
    (codes::CAPTCHA_0002, captcha_0002),
    (codes::CAPTCHA_0003, captcha_0003),
    (codes::CAPTCHA_0004, captcha_0004),
];

fn captcha_0002(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    match view.field("point_json") {
        Found::Value(p) => match token::parse_point_json(&p) {
            Ok(pt) => {
                let (x, y) = pt.truncated();
                out.line(t(
                    format!(
                        "point_json says x = {x}, y = {y}; it passes only within ±{} of the hole's x and with y = {}",
                        crate::api::captcha::TOLERANCE,
                        crate::api::captcha::Y
                    ),
                    format!(
                        "point_json 为 x = {x}，y = {y}；只有与缺口 x 相差不超过 ±{} 且 y = {} 才能通过",
                        crate::api::captcha::TOLERANCE,
                        crate::api::captcha::Y
                    ),
                ));
                if y != crate::api::captcha::Y {
                    out.line(t(format!("y must be 5, not {y}"), format!("y 必须为 5，而不是 {y}")));
                }
            }
            Err(_) => out.line(t(
                "point_json is not plain {\"x\":..,\"y\":..} JSON (fine only if the puzzle had a secretKey and it is AES-encrypted)",
                "point_json 不是明文的 {\"x\":..,\"y\":..}（只有在拼图带 secretKey 且已 AES 加密时才正常）",
            )),
        },
        other => out.line(presence("point_json", &other)),
    }
    out.line(presence("token", &view.field("token")));
    out.line(t(
        format!(
            "a puzzle allows ONE verify attempt and lives {} s: after any verify, get a new one",
            ttl::PUZZLE.as_secs()
        ),
        format!(
            "每个拼图只允许校验一次，有效期 {} 秒：校验过后需重新获取",
            ttl::PUZZLE.as_secs()
        ),
    ));
}

fn captcha_0003(view: &RequestView, ctx: &ExplainContext, mask: &Mask, out: &mut Out) {
    out.line(t(
        format!(
            "a pass token is single use and lives {} s; this one was never issued by this server, has expired, or was already used",
            ttl::PASS_TOKEN.as_secs()
        ),
        format!(
            "通过令牌只能用一次，有效期 {} 秒；此令牌不是该服务器签发的、已过期或已被使用",
            ttl::PASS_TOKEN.as_secs()
        ),
    ));
    if ctx.pass_token_spent {
        out.line(t(
            "an earlier send already used this pass token: it is single use",
            "之前的一次发送已经使用了这个通过令牌：它只能用一次",
        ));
    } else if let Some(age) = ctx.pass_token_age {
        let secs = age.as_secs();
        out.line(if age > ttl::PASS_TOKEN {
            t(
                format!("it was issued {secs} s ago: expired"),
                format!("它在 {secs} 秒前签发：已过期"),
            )
        } else {
            t(
                format!("it was issued {secs} s ago, so it was most likely already used"),
                format!("它在 {secs} 秒前签发，很可能已被使用过"),
            )
        });
    }
    if let Found::Value(v) = view.field("captcha_token")
        && let Ok(pt) = token::parse_pass_token(&v)
    {
        out.line(t(
            format!("TOKEN part sent: {}", mask.token(&pt.token)),
            format!("发送的 TOKEN 部分：{}", mask.token(&pt.token)),
        ));
    }
}

fn captcha_0004(view: &RequestView, ctx: &ExplainContext, mask: &Mask, out: &mut Out) {
    let f = view.field("captcha_token");
    match f.value() {
        None => out.line(presence("captcha_token", &f)),
        Some(v) => match token::parse_pass_token(v) {
            Err(err) => out.line(t(
                format!("the token's shape is wrong: {err}"),
                format!(
                    "令牌格式错误：{}",
                    crate::client::words::token_error(&err, Lang::Zh)
                ),
            )),
            Ok(pt) => {
                let mut explained = false;
                for w in token::warnings(&pt) {
                    use crate::client::words::token_warning;
                    out.line(t(token_warning(&w, Lang::En), token_warning(&w, Lang::Zh)));
                }
                if let (Some(sender), Found::Value(m)) = (&ctx.captcha_sender, view.field("mobile"))
                    && sender != &m
                {
                    explained = true;
                    out.line(t(
                        format!(
                            "mobile {} differs from the sender {} given to captcha/verify",
                            mask.mobile(&m),
                            mask.mobile(sender)
                        ),
                        format!(
                            "mobile {} 与 captcha/verify 时的 sender {} 不同",
                            mask.mobile(&m),
                            mask.mobile(sender)
                        ),
                    ));
                }
                if let Some(issued) = &ctx.issued_pass_token
                    && issued != v
                {
                    explained = true;
                    out.line(t(
                            format!(
                                "the token differs from what captcha/verify returned ({}); it must be sent unchanged",
                                mask.token(issued)
                            ),
                            format!("令牌与 captcha/verify 返回的（{}）不一致；必须原样发送", mask.token(issued)),
                        ));
                }
                if !explained {
                    out.line(t(
                        "the shape is fine: the token was altered after captcha/verify (e.g. point_json re-serialized) or mobile is not the sender used at captcha/verify",
                        "格式正确：令牌在 captcha/verify 之后被改动（如 point_json 被重新序列化），或 mobile 与 captcha/verify 时的 sender 不同",
                    ));
                }
            }
        },
    }
}

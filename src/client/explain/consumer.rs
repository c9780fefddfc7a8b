//! The endpoints that consume a delivered code (login, ...) and what they need.

use super::ExplainContext;
use super::request::{Found, Mask, RequestView, presence};
use super::table::{Entry, Out};
use super::text::t;
use crate::api::catalogue::codes;
use crate::api::ttl;

/// One line per code: the code and the function that explains it.
pub(super) const TABLE: &[Entry] = &[
    (codes::CAPTCHA_0007, captcha_0007),
    (codes::PARAM_0016, param_0016),
];

fn captcha_0007(view: &RequestView, _ctx: &ExplainContext, mask: &Mask, out: &mut Out) {
    out.line(presence("verify_code", &view.field("verify_code")));
    if let Found::Value(m) = view.field("mobile") {
        out.line(t(
            format!(
                "mobile {}: the code must have been sent to it for LOGIN_SMS",
                mask.mobile(&m)
            ),
            format!(
                "手机号 {}：验证码必须是以 LOGIN_SMS 场景发给该号码的",
                mask.mobile(&m)
            ),
        ));
    }
    out.line(t(
        format!(
            "a code lives {} s, is single use and dies after {} wrong attempts",
            ttl::SMS_CODE.as_secs(),
            ttl::SMS_CODE_MAX_WRONG
        ),
        format!(
            "验证码有效期 {} 秒，只能用一次，错误 {} 次后失效",
            ttl::SMS_CODE.as_secs(),
            ttl::SMS_CODE_MAX_WRONG
        ),
    ));
}

fn param_0016(view: &RequestView, _ctx: &ExplainContext, _mask: &Mask, out: &mut Out) {
    out.line(presence("Authorization", &view.header("authorization")));
}

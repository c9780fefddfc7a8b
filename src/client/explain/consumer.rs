//! Explanations of the code consumers' answers (spec §6): what happened in THIS request.
//!
//! A consumer's refusal is almost always one of the classic mistakes: the code of another
//! scene (a LOGIN_SMS code used to register), of another number (UPDATE_MOBILE_SMS: the code
//! goes to the NEW number), expired, spent, dead after 5 wrong tries; a Bearer that is
//! missing, malformed, expired or for another user; a state token that is gone. The server
//! only says "Incorrect verification code": what the session sent ([`SessionFacts`], filled
//! by the caller like the rest of [`ExplainContext`]) tells which one it was.
//!
//! Entry point: [`refine`], called once at the end of `explain` for every exchange; it only
//! touches exchanges with a consumer's path.

use super::request::{Found, RequestView};
use super::table::{Entry, Out};
use super::{ExplainContext, Explanation, Step, Text};
use crate::api::catalogue::codes;
use crate::api::consumer::{
    Auth, JwtError, SESSION_TOKEN_HEADER, STATE_TOKEN_HEADER, bearer_token, decode_id_token,
};
use crate::api::{Consumer, Lang, LoginStatus, Scene, redact, ttl, wire};
use crate::client::{Outcome, ReceivedResponse};
use std::time::{Duration, SystemTime};

/// One code this session had sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentCode {
    pub mobile: String,
    pub scene: Scene,
    /// The code, when the session knows it (the simulator's outbox, or typed in).
    pub code: Option<String>,
    pub sent_at: Option<SystemTime>,
    /// A consumer already accepted it.
    pub spent: bool,
    /// Refusals of this code seen so far (it dies at 5).
    pub wrong_tries: u32,
}

/// What the session knows beyond the request: the codes it sent and the caller's clock.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionFacts {
    /// Oldest first.
    pub sent: Vec<SentCode>,
    /// The time to judge ages and an id_token's `exp` against (the caller's clock);
    /// without it nothing is said about expiry.
    pub now: Option<SystemTime>,
}

impl SessionFacts {
    /// Record a code (newest last).
    pub fn sent(&mut self, mobile: &str, scene: Scene, code: Option<String>, at: SystemTime) {
        self.sent.push(SentCode {
            mobile: mobile.to_string(),
            scene,
            code,
            sent_at: Some(at),
            spent: false,
            wrong_tries: 0,
        });
    }

    /// Note the answer of a consumer to the code `given`: spent on success, one more
    /// wrong try on a refusal of the live code of that mobile and scene.
    pub fn answered(&mut self, consumer: Consumer, mobile: &str, given: &str, accepted: bool) {
        let scene = consumer.scene();
        let Some(c) = self
            .sent
            .iter_mut()
            .rev()
            .find(|c| c.scene == scene && c.mobile == mobile)
        else {
            return;
        };
        if accepted {
            c.spent = true;
        } else if c.code.as_deref() != Some(given) {
            c.wrong_tries += 1;
        }
    }
}

fn t(en: impl Into<String>, zh: impl Into<String>) -> Text {
    Text::new(en, zh)
}

fn presence(name: &str, f: &Found) -> Text {
    match f {
        Found::Missing => t(
            format!("{name} was not sent at all"),
            format!("完全没有发送 {name}"),
        ),
        Found::Blank => t(
            format!("{name} was sent with a blank value"),
            format!("{name} 发送了，但值为空"),
        ),
        Found::Value(v) => t(format!("{name} was {v:?}"), format!("{name} 为 {v:?}")),
    }
}

fn value(f: Found) -> Option<String> {
    match f {
        Found::Value(v) => Some(v),
        _ => None,
    }
}

fn secs_since(then: SystemTime, now: SystemTime) -> u64 {
    now.duration_since(then).unwrap_or_default().as_secs()
}

fn unix(s: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(s)
}

struct Ctx<'a> {
    consumer: Consumer,
    view: &'a RequestView<'a>,
    facts: &'a SessionFacts,
    redact: bool,
}

impl Ctx<'_> {
    fn m(&self, mobile: &str) -> String {
        if self.redact {
            redact::mobile(mobile)
        } else {
            mobile.to_string()
        }
    }

    /// The Bearer's token and its claims, when one was sent.
    fn bearer(&self) -> Option<(String, Result<crate::api::consumer::IdClaims, JwtError>)> {
        let v = value(self.view.header("authorization"))?;
        let token = bearer_token(&v).unwrap_or(v.trim()).to_string();
        let claims = decode_id_token(&token);
        Some((token, claims))
    }

    /// The number whose code the server looked for.
    fn target_mobile(&self) -> Option<String> {
        match self.consumer {
            Consumer::UpdatePwd => self.bearer().and_then(|(_, c)| c.ok()).and_then(|c| c.sub),
            _ => value(self.view.field("mobile")),
        }
    }
}

/// Add what only a consumer's answer can say; leaves other exchanges alone.
pub fn refine(
    e: &mut Explanation,
    view: &RequestView,
    response: Option<&ReceivedResponse>,
    outcome: &Outcome,
    ctx: &ExplainContext,
) {
    let has_auth = !matches!(view.header("authorization"), Found::Missing);
    let refresh = view.path == crate::api::paths::SESSION_TO_ID_TOKEN;
    let Some(consumer) = Consumer::from_request(&view.path, has_auth) else {
        if refresh {
            refine_refresh(e, view, outcome, ctx.redact);
        } else if view.path == crate::api::paths::SMS_SEND && *outcome == Outcome::Success {
            after_send(e, view);
        } else {
            elsewhere(e, view, outcome);
        }
        return;
    };
    let c = Ctx {
        consumer,
        view,
        facts: &ctx.session,
        redact: ctx.redact,
    };
    match outcome {
        Outcome::Success => success(e, &c, response),
        Outcome::ApiError { code, .. } => {
            let (lines, steps) = match code.as_str() {
                codes::CAPTCHA_0007 => wrong_code(&c),
                codes::PARAM_0016 => bad_bearer(&c),
                codes::PARAM_0014 => bad_state(&c),
                codes::SIM_PASSWORD_EMPTY => password_empty(&c),
                codes::SIM_USER_EXISTS | codes::SIM_USER_NOT_FOUND | codes::SIM_MOBILE_IN_USE => {
                    user_store(&c, code)
                }
                _ => return,
            };
            // keep the note that the server's message differs from the documented one
            let tail: Vec<Text> = e
                .in_this_request
                .iter()
                .filter(|l| l.en.starts_with("the server's message"))
                .cloned()
                .collect();
            e.in_this_request = lines;
            e.in_this_request.extend(tail);
            let mut next: Vec<Step> = steps.into_iter().map(Step::plain).collect();
            next.append(&mut e.next_steps);
            e.next_steps = next;
        }
        _ => {}
    }
}

fn scene_line(c: &Ctx) -> Text {
    let s = c.consumer.scene();
    t(
        format!("{} takes {s} codes", c.consumer.label()),
        format!("{} 使用 {s} 场景的验证码", c.consumer.label()),
    )
}

fn success(e: &mut Explanation, c: &Ctx, response: Option<&ReceivedResponse>) {
    let (en, zh) = c.consumer.success();
    e.title = t(en, zh);
    e.in_this_request.clear();
    e.next_steps.clear();
    e.meaning = t(
        format!(
            "{} accepted the {} code; the code is now spent.",
            c.consumer.label(),
            c.consumer.scene()
        ),
        format!(
            "{} 接受了 {} 验证码；该验证码已被使用。",
            c.consumer.label(),
            c.consumer.scene()
        ),
    );
    if c.consumer.returns_session() {
        let body = response.map(|r| r.body.as_slice()).unwrap_or_default();
        let Ok(l) = serde_json::from_slice::<wire::LoginResponse>(body) else {
            return;
        };
        match LoginStatus::from_code(&l.status) {
            Some(LoginStatus::Success) => {}
            Some(s) => {
                e.title = t(
                    format!("{}: status {}", c.consumer.label(), s.code()),
                    format!("{}：状态 {}", c.consumer.label(), s.code()),
                );
                e.meaning = t(s.meaning(Lang::En), s.meaning(Lang::Zh));
            }
            None => {
                e.title = t(
                    format!("{}: undocumented status {:?}", c.consumer.label(), l.status),
                    format!("{}：未在文档中的状态 {:?}", c.consumer.label(), l.status),
                );
                e.meaning = t(
                    format!(
                        "HTTP 200, but the status is none of {}: treat the login as not done",
                        LoginStatus::ALL.map(|s| s.code()).join(", ")
                    ),
                    format!(
                        "HTTP 200，但状态不是 {} 之一：视为登录未完成",
                        LoginStatus::ALL.map(|s| s.code()).join("、")
                    ),
                );
            }
        }
        e.in_this_request.push(t(
            format!(
                "status {}; session_token valid for {} s; the id_token is a JWT (2 h by default)",
                l.status, l.expire
            ),
            format!(
                "状态 {}；session_token 有效期 {} 秒；id_token 为 JWT（默认 2 小时）",
                l.status, l.expire
            ),
        ));
        e.next_steps.push(Step::plain(t(
            "send the id_token as `Authorization: Bearer ID_TOKEN` to the logged-in endpoints (UPDATE_PWD_SMS, UPDATE_MOBILE_SMS)",
            "以 `Authorization: Bearer ID_TOKEN` 把 id_token 发给需要登录的接口（UPDATE_PWD_SMS、UPDATE_MOBILE_SMS）",
        )));
        e.next_steps.push(Step::plain(t(
            "when it expires, get a new one with POST sso/session-token/id-token and the session-token header",
            "过期后用 session-token 请求头 POST sso/session-token/id-token 获取新的",
        )));
    } else if c.consumer == Consumer::UpdateMobile
        && let Some(m) = value(c.view.field("mobile"))
    {
        e.in_this_request.push(t(
            format!("the user's mobile is now {}", c.m(&m)),
            format!("用户的手机号现在是 {}", c.m(&m)),
        ));
    } else {
        e.in_this_request.push(t(
            "200 with an empty body is the documented success; the new password is in effect",
            "200 且响应体为空即文档中的成功；新密码已生效",
        ));
    }
}

/// CAPTCHA.0007 at a consumer: which of the classic mistakes it was.
fn wrong_code(c: &Ctx) -> (Vec<Text>, Vec<Text>) {
    let mut lines = Vec::new();
    let mut steps = Vec::new();
    let scene = c.consumer.scene();
    let given = value(c.view.field("verify_code"));
    if given.is_none() {
        lines.push(presence("verify_code", &c.view.field("verify_code")));
    }
    let target = c.target_mobile();
    lines.push(match &target {
        Some(m) => t(
            format!(
                "{}; the server looked for a live {scene} code sent to {}",
                scene_line(c).en,
                c.m(m)
            ),
            format!(
                "{}；服务器查找的是发给 {} 的有效 {scene} 验证码",
                scene_line(c).zh,
                c.m(m)
            ),
        ),
        None => scene_line(c),
    });
    let facts = c.facts;
    let now = facts.now;
    let same = |x: &SentCode| Some(&x.mobile) == target.as_ref() && x.scene == scene;
    if let Some(g) = &given {
        if let Some(sent) = facts
            .sent
            .iter()
            .rev()
            .find(|x| x.code.as_deref() == Some(g))
        {
            if sent.scene != scene {
                other_scene(c, sent, &mut lines, &mut steps);
            } else if Some(&sent.mobile) != target.as_ref() {
                other_number(c, sent, target.as_deref(), &mut lines, &mut steps);
            } else {
                life_of(sent, facts, now, &mut lines, &mut steps);
            }
        } else if let Some(live) = facts.sent.iter().rev().find(|x| same(x)) {
            lines.push(t(
                format!(
                    "this is not the {scene} code the session received for that number: a typo? (refusals of that code so far: {} of {})",
                    live.wrong_tries.max(1),
                    ttl::SMS_CODE_MAX_WRONG
                ),
                format!(
                    "这不是本会话为该号码收到的 {scene} 验证码：输错了？（该验证码已被拒 {} 次，上限 {} 次）",
                    live.wrong_tries.max(1),
                    ttl::SMS_CODE_MAX_WRONG
                ),
            ));
        } else if !facts.sent.is_empty() {
            lines.push(t(
                format!("this session sent no {scene} code to that number"),
                format!("本会话没有向该号码发送过 {scene} 验证码"),
            ));
        }
    }
    if !lines.iter().any(|l| l.en.contains("another user"))
        && let Some(l) = bearer_of_another_user(c)
    {
        lines.push(l);
    }
    lines.push(t(
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
    (lines, steps)
}

/// The code was sent for another scene than this consumer's.
fn other_scene(c: &Ctx, sent: &SentCode, lines: &mut Vec<Text>, steps: &mut Vec<Text>) {
    let scene = c.consumer.scene();
    lines.push(t(
        format!(
            "this code was sent for {}; {} takes {scene} codes",
            sent.scene,
            c.consumer.name()
        ),
        format!(
            "这个验证码是为 {} 发送的；{} 需要 {scene} 场景的验证码",
            sent.scene,
            c.consumer.name()
        ),
    ));
    match (c.consumer, sent.scene) {
            (Consumer::UpdatePwd, Scene::ForgetPwdSms) => steps.push(t(
                "with an Authorization header pwd/update-by-mobile is the logged-in change (UPDATE_PWD_SMS); to reset a forgotten password drop the header and send `mobile`",
                "带 Authorization 请求头时 pwd/update-by-mobile 是登录后的修改（UPDATE_PWD_SMS）；要重置忘记的密码，请去掉该请求头并发送 `mobile`",
            )),
            (Consumer::ForgetPwd, Scene::UpdatePwdSms) => steps.push(t(
                "without an Authorization header pwd/update-by-mobile is the forgotten-password reset (FORGET_PWD_SMS); for the logged-in change send `Authorization: Bearer ID_TOKEN`",
                "不带 Authorization 请求头时 pwd/update-by-mobile 是忘记密码的重置（FORGET_PWD_SMS）；登录后修改请发送 `Authorization: Bearer ID_TOKEN`",
            )),
            _ => {}
        }
    steps.push(t(
        format!("send a new code with type {scene} and use that one"),
        format!("以 type {scene} 重新发送验证码并使用新的验证码"),
    ));
}

/// The code was sent to another number than the one this request names.
fn other_number(
    c: &Ctx,
    sent: &SentCode,
    target: Option<&str>,
    lines: &mut Vec<Text>,
    steps: &mut Vec<Text>,
) {
    let scene = c.consumer.scene();
    let to = target.map(|m| c.m(m)).unwrap_or_default();
    if c.consumer == Consumer::UpdateMobile {
        lines.push(t(
                format!(
                    "this code was sent to {}, but `mobile` is {to}: for UPDATE_MOBILE_SMS the code goes to the NEW number, the one in `mobile`",
                    c.m(&sent.mobile)
                ),
                format!(
                    "这个验证码发给了 {}，而 `mobile` 是 {to}：UPDATE_MOBILE_SMS 的验证码要发给新号码，即 `mobile` 中的号码",
                    c.m(&sent.mobile)
                ),
            ));
    } else if c.consumer == Consumer::UpdatePwd {
        lines.push(t(
                format!(
                    "this code was sent to {}, but the id_token is for another user ({to}): the Bearer and the code must belong to the same person",
                    c.m(&sent.mobile)
                ),
                format!(
                    "这个验证码发给了 {}，但 id_token 属于另一个用户（{to}）：Bearer 与验证码必须属于同一人",
                    c.m(&sent.mobile)
                ),
            ));
    } else {
        lines.push(t(
            format!(
                "this code was sent to {}, not to {to}: a code is bound to its number",
                c.m(&sent.mobile)
            ),
            format!(
                "这个验证码发给了 {}，而不是 {to}：验证码与号码绑定",
                c.m(&sent.mobile)
            ),
        ));
    }
    steps.push(t(
        format!("send a {scene} code to {to} and use that one"),
        format!("向 {to} 发送 {scene} 验证码并使用它"),
    ));
}

/// UPDATE_PWD_SMS: the Bearer's user is not the one the session's code went to.
fn bearer_of_another_user(c: &Ctx) -> Option<Text> {
    let facts = c.facts;
    if c.consumer == Consumer::UpdatePwd
        && let Some((_, Ok(claims))) = c.bearer()
        && let Some(sub) = &claims.sub
        && let Some(other) = facts
            .sent
            .iter()
            .rev()
            .find(|x| x.scene == Scene::UpdatePwdSms && !same_subscriber(&x.mobile, sub))
        && !facts
            .sent
            .iter()
            .any(|x| x.scene == Scene::UpdatePwdSms && same_subscriber(&x.mobile, sub))
    {
        return Some(t(
            format!(
                "the id_token is for {} but the session's UPDATE_PWD_SMS code went to {}: a Bearer for another user",
                c.m(sub),
                c.m(&other.mobile)
            ),
            format!(
                "id_token 属于 {}，而本会话的 UPDATE_PWD_SMS 验证码发给了 {}：Bearer 属于另一个用户",
                c.m(sub),
                c.m(&other.mobile)
            ),
        ));
    }
    None
}

/// Equal numbers, ignoring China's `+86` (UPDATE_PWD_SMS codes go to the full number).
fn same_subscriber(a: &str, b: &str) -> bool {
    a.strip_prefix("+86").unwrap_or(a) == b.strip_prefix("+86").unwrap_or(b)
}

/// The right code of the right scene and number was refused: spent, expired, replaced or dead.
fn life_of(
    sent: &SentCode,
    facts: &SessionFacts,
    now: Option<SystemTime>,
    lines: &mut Vec<Text>,
    steps: &mut Vec<Text>,
) {
    let newer = facts
        .sent
        .iter()
        .rev()
        .take_while(|x| !std::ptr::eq(*x, sent))
        .any(|x| x.mobile == sent.mobile && x.scene == sent.scene);
    let age = sent.sent_at.zip(now).map(|(a, n)| secs_since(a, n));
    let line = if sent.spent {
        t(
            "this code was already used by an earlier request: a code is single use",
            "这个验证码已被之前的请求使用：验证码只能使用一次",
        )
    } else if newer {
        t(
            "a newer code was sent to the same number for the same scene: it replaced this one",
            "之后又向同一号码发送了同一场景的验证码：新验证码取代了这个",
        )
    } else if let Some(age) = age.filter(|a| *a >= ttl::SMS_CODE.as_secs()) {
        t(
            format!(
                "this code was sent {age} s ago: expired (a code lives {} s)",
                ttl::SMS_CODE.as_secs()
            ),
            format!(
                "这个验证码在 {age} 秒前发送：已过期（有效期 {} 秒）",
                ttl::SMS_CODE.as_secs()
            ),
        )
    } else if sent.wrong_tries >= ttl::SMS_CODE_MAX_WRONG {
        t(
            format!(
                "this code died after {} wrong tries: even the right code is refused now",
                sent.wrong_tries
            ),
            format!(
                "这个验证码在错误 {} 次后失效：现在即使输入正确也会被拒绝",
                sent.wrong_tries
            ),
        )
    } else {
        t(
            "the session's code for this number and scene was refused although it matches: the server may not have delivered it, or it was used elsewhere",
            "本会话收到的该号码该场景的验证码虽然一致仍被拒绝：服务器可能并未下发，或已在别处使用",
        )
    };
    lines.push(line);
    steps.push(t(
        format!(
            "send a new {} code and use it within {} s",
            sent.scene,
            ttl::SMS_CODE.as_secs()
        ),
        format!(
            "重新发送 {} 验证码并在 {} 秒内使用",
            sent.scene,
            ttl::SMS_CODE.as_secs()
        ),
    ));
}

/// PARAM.0016: what is wrong with the Bearer.
fn bad_bearer(c: &Ctx) -> (Vec<Text>, Vec<Text>) {
    let mut lines = Vec::new();
    let mut steps = Vec::new();
    let f = c.view.header("authorization");
    match &f {
        Found::Missing | Found::Blank => {
            lines.push(presence("Authorization", &f));
            if c.consumer.auth() == Auth::Bearer {
                lines.push(t(
                    format!(
                        "{} needs `Authorization: Bearer ID_TOKEN` of a logged-in user",
                        c.consumer.name()
                    ),
                    format!(
                        "{} 需要登录用户的 `Authorization: Bearer ID_TOKEN`",
                        c.consumer.name()
                    ),
                ));
            }
            if c.consumer == Consumer::UpdatePwd {
                lines.push(t(
                    "a blank Authorization header still makes pwd/update-by-mobile the logged-in change; leave it out entirely for the forgotten-password reset",
                    "空的 Authorization 请求头仍会让 pwd/update-by-mobile 视为登录后修改；忘记密码重置时请完全去掉该请求头",
                ));
            }
        }
        Found::Value(v) => {
            if bearer_token(v).is_none() {
                lines.push(t(
                    "the value does not start with `Bearer `: send `Bearer ` followed by the id_token",
                    "该值不是以 `Bearer ` 开头：请发送 `Bearer ` 加 id_token",
                ));
            }
            match c.bearer().map(|(_, claims)| claims) {
                Some(Err(JwtError::Parts(n))) => lines.push(t(
                    format!(
                        "the token is malformed: {n} dot-separated part(s), a JWT has three (header.payload.signature); was it cut when copied?"
                    ),
                    format!(
                        "令牌格式错误：有 {n} 段，JWT 应为三段（header.payload.signature）；复制时被截断了吗？"
                    ),
                )),
                Some(Err(JwtError::Payload)) => lines.push(t(
                    "the token has three parts but its payload is not base64url JSON: it is not an id_token",
                    "令牌有三段，但 payload 不是 base64url 编码的 JSON：它不是 id_token",
                )),
                Some(Ok(claims)) => {
                    let expired = claims.exp.zip(c.facts.now).and_then(|(exp, now)| {
                        (unix(exp) <= now).then(|| secs_since(unix(exp), now))
                    });
                    match expired {
                        Some(ago) => lines.push(t(
                            format!(
                                "the id_token expired {ago} s ago (exp {}); id_tokens live {} h",
                                claims.exp.unwrap_or_default(),
                                ttl::ID_TOKEN.as_secs() / 3600
                            ),
                            format!(
                                "id_token 已于 {ago} 秒前过期（exp {}）；id_token 有效期 {} 小时",
                                claims.exp.unwrap_or_default(),
                                ttl::ID_TOKEN.as_secs() / 3600
                            ),
                        )),
                        None => lines.push(t(
                            format!(
                                "the token is a well-formed JWT{} that has not expired by its own exp: this server did not issue it (another tenant, a restarted simulator) or its user is gone",
                                claims.sub.as_deref().map(|s| format!(" for {}", c.m(s))).unwrap_or_default()
                            ),
                            format!(
                                "令牌是格式正确的 JWT{}，按其 exp 也未过期：它不是本服务器签发的（其他租户、重启过的模拟器），或其用户已不存在",
                                claims.sub.as_deref().map(|s| format!("（属于 {}）", c.m(s))).unwrap_or_default()
                            ),
                        )),
                    }
                }
                None => {}
            }
        }
    }
    steps.push(t(
        "log in (LOGIN_SMS, login/mobile-verify-code) and send its id_token; vflow flow does this itself for the Bearer scenes",
        "先登录（LOGIN_SMS，login/mobile-verify-code）并发送返回的 id_token；vflow flow 会为需要 Bearer 的场景自动完成",
    ));
    (lines, steps)
}

/// PARAM.0014: the state token.
/// [`presence`] of a secret header: masked when redacting.
fn secret(name: &str, f: Found, redact: bool) -> Text {
    match f {
        Found::Value(v) if redact => presence(name, &Found::Value(redact::middle(&v))),
        f => presence(name, &f),
    }
}

fn bad_state(c: &Ctx) -> (Vec<Text>, Vec<Text>) {
    let f = c.view.header(STATE_TOKEN_HEADER);
    let mut lines = vec![secret(STATE_TOKEN_HEADER, f.clone(), c.redact)];
    if matches!(f, Found::Value(_)) {
        lines.push(t(
            format!(
                "a state token is single use and lives {} min: this one is unknown here, expired, or an earlier bind used it",
                ttl::STATE_TOKEN.as_secs() / 60
            ),
            format!(
                "状态令牌只能使用一次，有效期 {} 分钟：此令牌在这里未知、已过期，或已被之前的绑定使用",
                ttl::STATE_TOKEN.as_secs() / 60
            ),
        ));
    }
    lines.push(t(
        format!(
            "{} is for a social login that needs a mobile bound: the state token comes from that login",
            c.consumer.name()
        ),
        format!(
            "{} 用于需要绑定手机号的社交登录：状态令牌来自该次登录",
            c.consumer.name()
        ),
    ));
    let steps = vec![t(
        "vflow flow obtains one from the simulator itself, or takes --state-token",
        "vflow flow 会自动从模拟器获取，也可用 --state-token 指定",
    )];
    (lines, steps)
}

fn password_empty(c: &Ctx) -> (Vec<Text>, Vec<Text>) {
    let mut lines = vec![presence("password", &c.view.field("password"))];
    let strays: Vec<String> = c
        .view
        .field_names()
        .into_iter()
        .filter(|n| {
            let l = n.to_ascii_lowercase();
            n != "password" && (l.contains("pwd") || l.contains("pass"))
        })
        .collect();
    if !strays.is_empty() {
        lines.push(t(
            format!("the body has {strays:?}: the field must be named `password`"),
            format!("请求体中有 {strays:?}：字段名必须是 `password`"),
        ));
    }
    (lines, Vec::new())
}

fn user_store(c: &Ctx, code: &str) -> (Vec<Text>, Vec<Text>) {
    let mut lines = Vec::new();
    let mobile = c.target_mobile().unwrap_or_default();
    let m = c.m(&mobile);
    lines.push(t(
        "the code itself was right and stays usable: nothing was changed",
        "验证码本身正确且仍可使用：没有做任何更改",
    ));
    match code {
        codes::SIM_USER_EXISTS => lines.push(t(
            format!(
                "{m} already has a user (an earlier registration, or an automatic one at login)"
            ),
            format!("{m} 已有用户（之前注册过，或登录时自动注册）"),
        )),
        codes::SIM_USER_NOT_FOUND => lines.push(t(
            format!("no user has {m}; automatic registration at login is off on this server"),
            format!("没有用户使用 {m}；该服务器关闭了登录时的自动注册"),
        )),
        _ => {
            let own = c
                .bearer()
                .and_then(|(_, cl)| cl.ok())
                .and_then(|cl| cl.sub)
                .is_some_and(|sub| sub == mobile);
            lines.push(if own {
                t(
                    format!(
                        "{m} is the number the id_token was issued for: the user's current number"
                    ),
                    format!("{m} 就是 id_token 签发时的号码：用户当前的号码"),
                )
            } else {
                t(
                    format!("{m} belongs to another user"),
                    format!("{m} 属于另一个用户"),
                )
            });
        }
    }
    (lines, Vec::new())
}

/// A code was sent: the exact request of the scene's consumer, as the next step.
fn after_send(e: &mut Explanation, view: &RequestView) {
    let Some(scene) = value(view.field("type")).and_then(|s| Scene::from_code(&s)) else {
        return;
    };
    if scene == Scene::LoginSms {
        return; // the general explanation spells out the login already
    }
    let mut consumers = vec![Consumer::for_scene(scene)];
    if scene == Scene::RegisterSms {
        consumers.push(Consumer::SocialRegisterBind);
    }
    let mut steps: Vec<Text> = consumers
        .into_iter()
        .map(|c| {
            let (auth_en, auth_zh) = match c.auth() {
                Auth::Bearer => (
                    " with Authorization: Bearer ID_TOKEN (log in first)",
                    "，带 Authorization: Bearer ID_TOKEN（先登录）",
                ),
                Auth::StateToken => (
                    " with X-state-token of the social login",
                    "，带社交登录的 X-state-token",
                ),
                Auth::None if c == Consumer::ForgetPwd => {
                    (" without Authorization", "，不带 Authorization")
                }
                Auth::None => ("", ""),
            };
            let fields = c.fields().join(", ");
            t(
                format!("next: POST {} {{{fields}}}{auth_en}", c.path()),
                format!("下一步：POST {} {{{fields}}}{auth_zh}", c.path()),
            )
        })
        .collect();
    if scene == Scene::UpdateMobileSms {
        steps.push(t(
            "this number is the NEW one: send it as `mobile` to profile/update-mobile, with the Bearer of the user's current login",
            "这个号码就是新号码：把它作为 `mobile` 发给 profile/update-mobile，并带上用户当前登录的 Bearer",
        ));
    }
    let at = e
        .next_steps
        .iter()
        .position(|l| l.text.en.starts_with("on the simulator"))
        .unwrap_or(e.next_steps.len());
    e.next_steps
        .splice(at..at, steps.into_iter().map(Step::plain));
}

/// A consumer's code at another endpoint (e.g. PARAM.0014 from sms/send): say where it
/// belongs, so the line is never empty.
fn elsewhere(e: &mut Explanation, view: &RequestView, outcome: &Outcome) {
    let Outcome::ApiError { code, .. } = outcome else {
        return;
    };
    let Some(entry) = crate::api::Catalogue::get().find(code) else {
        return;
    };
    let here = view.path.trim_start_matches("/api/v2/sdk/");
    if !e.in_this_request.is_empty() || entry.endpoints.iter().any(|x| x == here) {
        return;
    }
    let list = entry.endpoints.join(", ");
    e.in_this_request.push(t(
        format!("{code} is documented for {list}, not for {here}: is the answer from the endpoint you meant?"),
        format!("{code} 在文档中属于 {list}，而不是 {here}：这个应答来自你想调用的接口吗？"),
    ));
}

fn refine_refresh(e: &mut Explanation, view: &RequestView, outcome: &Outcome, redact: bool) {
    match outcome {
        Outcome::Success => {
            e.title = t("New id_token issued", "已签发新的 id_token");
            e.meaning = t(
                format!(
                    "The session is live; the new id_token is valid for {} h.",
                    ttl::ID_TOKEN.as_secs() / 3600
                ),
                format!(
                    "会话有效；新的 id_token 有效期 {} 小时。",
                    ttl::ID_TOKEN.as_secs() / 3600
                ),
            );
        }
        Outcome::ApiError { code, .. } if code == codes::PARAM_0023 => {
            let f = view.header(SESSION_TOKEN_HEADER);
            let mut lines = vec![secret(SESSION_TOKEN_HEADER, f.clone(), redact)];
            if let Found::Value(v) = &f
                && decode_id_token(v).is_ok()
            {
                lines.push(t(
                    "that is a JWT: the id_token was sent instead of the session_token",
                    "这是 JWT：发送的是 id_token 而不是 session_token",
                ));
            }
            e.in_this_request = lines;
        }
        _ => {}
    }
}

// ---- the catalogue's request-specific lines for the consumers' codes (the table) ----

/// One line per code: the code and the function that explains it.
pub(super) const TABLE: &[Entry] = &[
    (codes::CAPTCHA_0007, captcha_0007),
    (codes::PARAM_0016, param_0016),
];

fn captcha_0007(
    view: &RequestView,
    _ctx: &ExplainContext,
    mask: &super::request::Mask,
    out: &mut Out,
) {
    out.line(super::request::presence(
        "verify_code",
        &view.field("verify_code"),
    ));
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

fn param_0016(
    view: &RequestView,
    _ctx: &ExplainContext,
    _mask: &super::request::Mask,
    out: &mut Out,
) {
    out.line(super::request::presence(
        "Authorization",
        &view.header("authorization"),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::explain;
    use super::*;
    use crate::api::headers as h;
    use crate::client::build::header;
    use crate::client::consumer::{Known, next_step};
    use crate::client::{RequestSpec, send};
    use base64::Engine as _;

    const M: &str = "13800138001";
    const NEW: &str = "13900139001";

    fn headers() -> Vec<crate::client::HeaderSetting> {
        vec![
            header(h::OS_VERSION, "Android 14"),
            header(h::FINGERPRINT, "f"),
            header(h::AGENT, "a"),
            header(h::CLIENT_ID, h::EXAMPLE_CLIENT_ID),
            header(h::CONTENT_TYPE, "application/json"),
        ]
    }

    fn jwt(sub: &str, exp: u64) -> String {
        let p = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!(
            r#"{{"sub":"{sub}","iat":{},"exp":{exp}}}"#,
            exp.saturating_sub(7200)
        ));
        format!("eyJhbGciOiJIUzI1NiJ9.{p}.c2ln")
    }

    fn spec(scene: Scene, known: Known) -> RequestSpec {
        let mut s = next_step(scene, &known).spec;
        s.base_url = "http://127.0.0.1:9".into();
        s.headers.splice(0..0, headers());
        s
    }

    fn known(mobile: &str, code: &str) -> Known {
        Known {
            mobile: Some(mobile.into()),
            code: Some(code.into()),
            id_token: Some(jwt(M, 1_000_000)),
            state_token: Some("st".into()),
            new_password: Some("p".into()),
        }
    }

    fn err(code: &str) -> Outcome {
        Outcome::ApiError {
            status: 400,
            code: code.into(),
            message: crate::api::Catalogue::get().entry(code).msg.en.clone(),
            known: true,
        }
    }

    fn facts(sent: &[(&str, Scene, &str)], now: u64) -> SessionFacts {
        let mut f = SessionFacts {
            now: Some(unix(now)),
            ..SessionFacts::default()
        };
        for (m, s, c) in sent {
            f.sent(m, *s, Some(c.to_string()), unix(100));
        }
        f
    }

    fn lines(
        s: &RequestSpec,
        o: &Outcome,
        f: SessionFacts,
        resp: Option<&ReceivedResponse>,
    ) -> (String, Explanation) {
        let ctx = ExplainContext {
            session: f,
            ..ExplainContext::default()
        };
        let e = explain(&send::record(s).unwrap(), resp, o, &ctx);
        for l in e
            .in_this_request
            .iter()
            .chain(e.next_steps.iter().map(|s| &s.text))
        {
            assert!(!l.zh.is_empty() && !l.en.is_empty(), "{l:?}");
        }
        let all = e
            .in_this_request
            .iter()
            .chain(e.next_steps.iter().map(|s| &s.text))
            .map(|t| t.en.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        (all, e)
    }

    #[test]
    fn a_code_of_another_scene_is_named() {
        let s = spec(Scene::RegisterSms, known(M, "111111"));
        let (c, _) = lines(
            &s,
            &err(codes::CAPTCHA_0007),
            facts(&[(M, Scene::LoginSms, "111111")], 200),
            None,
        );
        assert!(
            c.contains("this code was sent for LOGIN_SMS; register/mobile-verify-code takes REGISTER_SMS codes"),
            "{c}"
        );
        assert!(!c.contains("for LOGIN_SMS\""), "no login-only wording: {c}");
        // FORGET code with a Bearer: the shared path
        let s = spec(Scene::UpdatePwdSms, known(M, "222222"));
        let (c, _) = lines(
            &s,
            &err(codes::CAPTCHA_0007),
            facts(&[(M, Scene::ForgetPwdSms, "222222")], 200),
            None,
        );
        assert!(
            c.contains("sent for FORGET_PWD_SMS") && c.contains("drop the header"),
            "{c}"
        );
    }

    #[test]
    fn update_mobile_code_sent_to_the_old_number_is_named() {
        let s = spec(Scene::UpdateMobileSms, known(NEW, "333333"));
        let (c, _) = lines(
            &s,
            &err(codes::CAPTCHA_0007),
            facts(&[(M, Scene::UpdateMobileSms, "333333")], 200),
            None,
        );
        assert!(c.contains("the code goes to the NEW number"), "{c}");
        assert!(
            c.contains(&format!("send a UPDATE_MOBILE_SMS code to {NEW}")),
            "{c}"
        );
    }

    #[test]
    fn expired_spent_replaced_and_dead_codes() {
        let s = spec(Scene::LoginSms, known(M, "444444"));
        let f = facts(&[(M, Scene::LoginSms, "444444")], 100 + 301);
        let (c, _) = lines(&s, &err(codes::CAPTCHA_0007), f, None);
        assert!(c.contains("sent 301 s ago: expired"), "{c}");
        let mut f = facts(&[(M, Scene::LoginSms, "444444")], 150);
        f.answered(Consumer::Login, M, "444444", true);
        let (c, _) = lines(&s, &err(codes::CAPTCHA_0007), f, None);
        assert!(c.contains("already used"), "{c}");
        let f = facts(
            &[
                (M, Scene::LoginSms, "444444"),
                (M, Scene::LoginSms, "555555"),
            ],
            150,
        );
        let (c, _) = lines(&s, &err(codes::CAPTCHA_0007), f, None);
        assert!(c.contains("a newer code"), "{c}");
        let mut f = facts(&[(M, Scene::LoginSms, "444444")], 150);
        for _ in 0..5 {
            f.answered(Consumer::Login, M, "000000", false);
        }
        let (c, _) = lines(&s, &err(codes::CAPTCHA_0007), f, None);
        assert!(c.contains("died after 5 wrong tries"), "{c}");
        // a typo
        let s = spec(Scene::LoginSms, known(M, "999999"));
        let (c, _) = lines(
            &s,
            &err(codes::CAPTCHA_0007),
            facts(&[(M, Scene::LoginSms, "444444")], 150),
            None,
        );
        assert!(c.contains("a typo?"), "{c}");
    }

    #[test]
    fn bearer_missing_malformed_expired_and_for_another_user() {
        let mut k = known(M, "1");
        k.id_token = None;
        let mut s = spec(Scene::UpdateMobileSms, k);
        s.omit_header("Authorization");
        let (c, _) = lines(&s, &err(codes::PARAM_0016), SessionFacts::default(), None);
        assert!(
            c.contains("Authorization was not sent at all")
                && c.contains("needs `Authorization: Bearer"),
            "{c}"
        );
        let mut s = spec(Scene::UpdateMobileSms, known(NEW, "1"));
        s.set_header("Authorization", "Bearer abc.def");
        let (c, _) = lines(&s, &err(codes::PARAM_0016), SessionFacts::default(), None);
        assert!(
            c.contains("2 dot-separated part(s), a JWT has three"),
            "{c}"
        );
        let mut s = spec(Scene::UpdateMobileSms, known(NEW, "1"));
        s.set_header("Authorization", &jwt(M, 9_000));
        let (c, _) = lines(&s, &err(codes::PARAM_0016), facts(&[], 9_060), None);
        assert!(
            c.contains("does not start with `Bearer `") && c.contains("expired 60 s ago"),
            "{c}"
        );
        // a Bearer for another user: the UPDATE_PWD_SMS code went elsewhere
        let s = spec(Scene::UpdatePwdSms, known(M, "777777"));
        let (c, _) = lines(
            &s,
            &err(codes::CAPTCHA_0007),
            facts(&[(NEW, Scene::UpdatePwdSms, "777777")], 200),
            None,
        );
        assert!(c.contains("the id_token is for another user"), "{c}");
    }

    #[test]
    fn state_token_refresh_and_user_store_codes() {
        let s = spec(Scene::BindMobileSms, known(M, "1"));
        let (c, _) = lines(&s, &err(codes::PARAM_0014), SessionFacts::default(), None);
        assert!(
            c.contains("single use and lives 10 min") && c.contains("--state-token"),
            "{c}"
        );
        let mut s = spec(Scene::UpdateMobileSms, known(M, "1"));
        s.set_field("mobile", M);
        let (c, _) = lines(
            &s,
            &err(codes::SIM_MOBILE_IN_USE),
            SessionFacts::default(),
            None,
        );
        assert!(c.contains("the user's current number"), "{c}");
        let mut s = spec(Scene::ForgetPwdSms, known(M, "1"));
        s.set_field("password", "");
        s.set_field("new_password", "x");
        let (c, _) = lines(
            &s,
            &err(codes::SIM_PASSWORD_EMPTY),
            SessionFacts::default(),
            None,
        );
        assert!(c.contains("must be named `password`"), "{c}");
        let r = crate::client::consumer::refresh("http://h", headers(), &jwt(M, 10));
        let (c, _) = lines(&r, &err(codes::PARAM_0023), SessionFacts::default(), None);
        assert!(
            c.contains("the id_token was sent instead of the session_token"),
            "{c}"
        );
    }

    #[test]
    fn a_sent_code_names_its_consumer_request() {
        let s = crate::client::build::sms_send("http://h", headers(), "UPDATE_PWD_SMS", M, "t---p");
        let (c, _) = lines(&s, &Outcome::Success, SessionFacts::default(), None);
        assert!(
            c.contains("next: POST /api/v2/sdk/pwd/update-by-mobile {verify_code, password} with Authorization: Bearer"),
            "{c}"
        );
        let s = crate::client::build::sms_send("http://h", headers(), "REGISTER_SMS", M, "t---p");
        let (c, _) = lines(&s, &Outcome::Success, SessionFacts::default(), None);
        assert!(
            c.contains("register/mobile-verify-code {mobile, verify_code}")
                && c.contains("social/register-bind"),
            "{c}"
        );
    }

    #[test]
    fn every_login_status_is_explained() {
        let s = spec(Scene::LoginSms, known(M, "1"));
        let mut seen = std::collections::HashSet::new();
        for st in LoginStatus::ALL {
            let body = format!(
                r#"{{"status":"{}","session_token":"s","expire":432000,"id_token":"a.b.c"}}"#,
                st.code()
            );
            let resp = ReceivedResponse {
                status: 200,
                version: "HTTP/1.1".into(),
                headers: vec![],
                body: body.into_bytes(),
                truncated: false,
            };
            let (_, e) = lines(&s, &Outcome::Success, SessionFacts::default(), Some(&resp));
            assert!(
                seen.insert(e.meaning.en.clone()),
                "{st:?} has its own meaning"
            );
            if st != LoginStatus::Success {
                assert!(e.title.en.contains(st.code()), "{:?}", e.title);
            }
        }
        // the other consumers' successes have their own titles
        let s = spec(Scene::UpdateMobileSms, known(NEW, "1"));
        let (c, e) = lines(&s, &Outcome::Success, SessionFacts::default(), None);
        assert_eq!(e.title.en, "Mobile number changed");
        assert!(c.contains(NEW), "{c}");
    }
}

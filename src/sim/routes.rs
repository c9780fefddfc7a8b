//! The HTTP surface: the vendor endpoints, the `/_sim` helpers, and the layers around
//! them (body limit, latency, log line, JSON 404/405).
//!
//! Order of the checks for a request (first failing wins):
//! 1. body over 64 KiB → 413 `VFLOW.SIM.BODY_TOO_LARGE` (a transport limit, as a front proxy
//!    would apply it, before routing);
//! 2. unknown path → 404 `VFLOW.SIM.NOT_FOUND`; known path, wrong method → 405 `VFLOW.SIM.METHOD`;
//! 3. vendor endpoints: device headers and client id (spec checks 1-3), *before* the body is
//!    looked at, as a real gateway authenticates the caller before parsing;
//! 4. the consumers' credential header, still before the body (`X-state-token`:
//!    PARAM.0014; `Authorization` where required or present: PARAM.0016; see `consumer.rs`);
//! 5. POST endpoints: content type (415), JSON object (400 `BAD_JSON`), string fields
//!    (400 `FIELD_TYPE`); then the endpoint's own checks.

use super::state::Sim;
use crate::api::catalogue::codes;
use crate::api::wire::ApiError;
use crate::api::{Catalogue, Lang, headers, paths};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::StreamExt as _;
use std::sync::Arc;

/// Largest accepted request body.
pub const BODY_LIMIT: usize = 64 * 1024;
/// Most header lines accepted (431 `VFLOW.SIM.HEADERS_TOO_LARGE` beyond).
pub const MAX_HEADERS: usize = 100;
/// Largest accepted size of all header names and values together.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;
/// How much of an oversized body is read and discarded before answering 413.
const DRAIN_LIMIT: usize = 4 * 1024 * 1024;

const OPENAPI: &str = include_str!("../../assets/openapi.json");

/// The error code of a response, kept as an extension for the log line.
#[derive(Clone, Copy, Debug)]
pub struct ErrorCode(pub &'static str);

fn lang(headers: &HeaderMap) -> Lang {
    Lang::from_header(headers.get(headers::LANG).and_then(|v| v.to_str().ok()))
}

/// `{"error_code","error_msg"}` with the catalogue's status and message in the request's language.
pub fn error(code: &'static str, lang: Lang) -> Response {
    let entry = Catalogue::get().entry(code);
    let status = StatusCode::from_u16(entry.http).unwrap_or(StatusCode::BAD_REQUEST);
    let body = ApiError {
        error_code: code.to_string(),
        error_msg: entry.msg.get(lang).clone(),
    };
    let mut resp = (status, axum::Json(body)).into_response();
    resp.extensions_mut().insert(ErrorCode(code));
    resp
}

fn reply<T: serde::Serialize>(headers: &HeaderMap, result: Result<T, &'static str>) -> Response {
    match result {
        Ok(body) => axum::Json(body).into_response(),
        Err(code) => error(code, lang(headers)),
    }
}

pub fn build(sim: Arc<Sim>) -> Router {
    let vendor = Router::new()
        .route(paths::CAPTCHA, get(captcha))
        .route(paths::CAPTCHA_VERIFY, post(verify))
        .route(paths::SMS_SEND, post(send))
        .route(paths::LOGIN_MOBILE, post(login))
        .route(paths::REGISTER_MOBILE, post(register))
        .route(paths::SOCIAL_REGISTER_BIND, post(register_bind))
        .route(paths::PWD_UPDATE_BY_MOBILE, post(update_password))
        .route(paths::PROFILE_UPDATE_MOBILE, post(update_mobile))
        .route(paths::SOCIAL_BIND, post(social_bind))
        .route(paths::SESSION_TO_ID_TOKEN, post(refresh))
        .route_layer(middleware::from_fn_with_state(sim.clone(), latency));
    let mut helpers = Router::new()
        .route(paths::SIM_OUTBOX, get(outbox))
        .route(paths::SIM_OPENAPI, get(openapi))
        .route(paths::SIM_STATE_TOKEN, post(state_token))
        .route(paths::SIM_USERS, get(users))
        .route(paths::SIM_COOLDOWN_CLEAR, post(clear_cooldown));
    if sim.config.reveal_solutions {
        helpers = helpers.route("/_sim/captcha/{token}", get(reveal));
    }
    vendor
        .merge(helpers)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(sim.clone(), body_limit))
        .layer(middleware::from_fn_with_state(
            sim.clone(),
            super::log::per_request,
        ))
        .with_state(sim)
}

async fn captcha(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Response {
    reply(&headers, sim.captcha(&headers))
}

async fn verify(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    let result = sim
        .verify(&headers, &body)
        .map(|captcha_token| crate::api::wire::VerifyResponse { captcha_token });
    reply(&headers, result)
}

async fn send(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    let result = if sim.weak(super::weak::Weakness::Race) {
        // check, wait, consume, deliver: the window parallel sends slip through
        match sim.send_check(&headers, &body, true) {
            Ok(checked) => {
                tokio::time::sleep(super::weak::RACE_WINDOW).await;
                sim.consume_pass(&checked);
                sim.deliver(&checked)
            }
            Err(code) => Err(code),
        }
    } else {
        sim.send(&headers, &body)
    };
    match result {
        Ok(()) => StatusCode::OK.into_response(),
        Err(code) => error(code, lang(&headers)),
    }
}

async fn login(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    reply(&headers, sim.login(&headers, &body))
}

async fn register(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    reply(&headers, sim.register(&headers, &body))
}

async fn register_bind(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    reply(&headers, sim.register_bind(&headers, &body))
}

async fn social_bind(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    reply(&headers, sim.social_bind(&headers, &body))
}

/// 200 with `Content-Type: application/json` and an empty body, as documented.
fn empty_json(headers: &HeaderMap, result: Result<(), &'static str>) -> Response {
    match result {
        Ok(()) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            "",
        )
            .into_response(),
        Err(code) => error(code, lang(headers)),
    }
}

async fn update_password(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    empty_json(&headers, sim.update_password(&headers, &body))
}

async fn update_mobile(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    empty_json(&headers, sim.update_mobile(&headers, &body))
}

async fn refresh(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Response {
    reply(&headers, sim.refresh(&headers))
}

async fn state_token(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    reply(&headers, sim.new_state_token(&headers, &body))
}

async fn clear_cooldown(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    let result = sim
        .clear_cooldown(&headers, &body)
        .map(|n| serde_json::json!({ "cleared": n }));
    reply(&headers, result)
}

async fn users(State(sim): State<Arc<Sim>>) -> Response {
    axum::Json(sim.users()).into_response()
}

async fn outbox(State(sim): State<Arc<Sim>>) -> Response {
    axum::Json(sim.outbox()).into_response()
}

async fn openapi() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        OPENAPI,
    )
        .into_response()
}

async fn reveal(
    State(sim): State<Arc<Sim>>,
    token: Result<Path<String>, axum::extract::rejection::PathRejection>,
    headers: HeaderMap,
) -> Response {
    // a path segment that is not UTF-8 once percent-decoded (`%ff`)
    let Ok(Path(token)) = token else {
        return error(codes::SIM_BAD_PATH, lang(&headers));
    };
    match sim.reveal(&token) {
        Some(r) => axum::Json(r).into_response(),
        None => error(codes::SIM_NOT_FOUND, lang(&headers)),
    }
}

async fn not_found(headers: HeaderMap) -> Response {
    error(codes::SIM_NOT_FOUND, lang(&headers))
}

async fn method_not_allowed(headers: HeaderMap) -> Response {
    error(codes::SIM_METHOD, lang(&headers))
}

async fn latency(State(sim): State<Arc<Sim>>, req: Request, next: Next) -> Response {
    if !sim.config.latency.is_zero() {
        tokio::time::sleep(sim.config.latency).await;
    }
    next.run(req).await
}

/// Refuse too many or too large headers (431), then buffer the body up to [`BODY_LIMIT`];
/// anything larger is refused with 413 before routing, a body that does not arrive within the
/// body timeout with 408.
///
/// An oversized body is still read (and discarded) up to [`DRAIN_LIMIT`], so that the client
/// gets the 413 instead of a connection reset for unread data; memory use stays at the limit.
async fn body_limit(State(sim): State<Arc<Sim>>, req: Request, next: Next) -> Response {
    let lang = lang(req.headers());
    let header_bytes: usize = req
        .headers()
        .iter()
        .map(|(n, v)| n.as_str().len() + v.len())
        .sum();
    if req.headers().len() > MAX_HEADERS || header_bytes > MAX_HEADER_BYTES {
        return error(codes::SIM_HEADERS_TOO_LARGE, lang);
    }
    let deadline = tokio::time::Instant::now() + sim.config.server.body_timeout;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > DRAIN_LIMIT as u64) {
        return error(codes::SIM_BODY_TOO_LARGE, lang);
    }
    let (parts, body) = req.into_parts();
    let mut stream = body.into_data_stream();
    let mut buf = Vec::new();
    let mut total = 0usize;
    loop {
        let chunk = match tokio::time::timeout_at(deadline, stream.next()).await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            Err(_) => return error(codes::SIM_BODY_TIMEOUT, lang),
        };
        let Ok(chunk) = chunk else {
            return error(codes::SIM_BAD_JSON, lang); // the client broke off mid-body
        };
        total += chunk.len();
        if total <= BODY_LIMIT {
            buf.extend_from_slice(&chunk);
        } else if total > DRAIN_LIMIT {
            break;
        }
    }
    if total > BODY_LIMIT {
        return error(codes::SIM_BODY_TOO_LARGE, lang);
    }
    next.run(Request::from_parts(parts, Body::from(buf))).await
}

//! The simulator's state and the rules of captcha, verify and sms/send (spec §3-§4); the
//! consumers of the code are in `consumer.rs`.
//!
//! Every function here is synchronous and takes its time from `config.clock`; the HTTP
//! layer (`routes.rs`) only moves bytes in and out.

use super::accounts::Accounts;
use super::puzzle;
use super::store::Bounded;
use super::validate::{self, Body, Code};
use super::weak::{Weakness, counted_mobile};
use super::{GATEWAY_FAILURE_MOBILES, SimConfig};
use crate::api::catalogue::codes;
use crate::api::token::{SEPARATOR, format_point_json, parse_point_json};
use crate::api::wire::{CaptchaResponse, OutboxEntry, RevealResponse};
use crate::api::{Scene, captcha, headers, mobile, ttl};
use axum::http::HeaderMap;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use rand::RngExt as _;
use std::collections::{HashSet, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

/// A live puzzle: the hole's true x and, in AES mode, the key the client encrypts with.
#[derive(Debug)]
struct Puzzle {
    x: u32,
    secret_key: Option<String>,
}

/// A live pass token: the exact string captcha/verify returned and the `sender` it was for.
#[derive(Debug)]
struct Pass {
    captcha_token: String,
    sender: String,
}

/// The documentation's example pass token (spec §3), accepted under `--weak forged`.
pub const EXAMPLE_PASS_TOKEN: &str = r#"71dd26999e314f9abb0c635336976635---{"x":237.0,"y":5.0}"#;

/// A send whose pass token passed steps 1-10.
#[derive(Debug, Clone)]
pub struct Checked {
    mobile: String,
    scene: Scene,
    token: String,
}

#[derive(Debug)]
pub(super) struct SmsCode {
    pub(super) code: String,
    pub(super) wrong: u32,
}

/// Everything sms/send and login touch, under one lock so that cooldown, cap and
/// delivery are decided atomically per request.
#[derive(Debug)]
pub(super) struct Sms {
    pub(super) codes: Bounded<(String, Scene), SmsCode>,
    cooldown: Bounded<(String, Scene), ()>,
    /// Codes delivered per mobile today (UTC); expires at the next midnight.
    daily: Bounded<String, u32>,
    outbox: VecDeque<OutboxEntry>,
}

#[derive(Debug)]
pub struct Sim {
    pub config: SimConfig,
    clients: HashSet<String>,
    puzzles: Mutex<Bounded<String, Puzzle>>,
    passes: Mutex<Bounded<String, Pass>>,
    pub(super) sms: Mutex<Sms>,
    /// Users, id_tokens, sessions, state tokens; locked after `sms` when both are needed.
    pub(super) accounts: Mutex<Accounts>,
}

/// A poisoned lock only means another request panicked mid-update; the stores stay usable.
pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn random_alnum(n: usize) -> String {
    rand::rng()
        .sample_iter(rand::distr::Alphanumeric)
        .take(n)
        .map(char::from)
        .collect()
}

fn next_utc_midnight(now: SystemTime) -> SystemTime {
    let secs = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    let day = ttl::DAY.as_secs();
    SystemTime::UNIX_EPOCH + Duration::from_secs((secs / day + 1) * day)
}

impl Sim {
    pub fn new(config: SimConfig) -> Sim {
        let clients = std::iter::once(headers::EXAMPLE_CLIENT_ID.to_string())
            .chain(config.extra_client_ids.iter().cloned())
            .collect();
        let l = config.limits;
        Sim {
            clients,
            puzzles: Mutex::new(Bounded::new(l.puzzles)),
            passes: Mutex::new(Bounded::new(l.pass_tokens)),
            sms: Mutex::new(Sms {
                codes: Bounded::new(l.codes),
                cooldown: Bounded::new(l.mobiles),
                daily: Bounded::new(l.mobiles),
                outbox: VecDeque::new(),
            }),
            accounts: Mutex::new(Accounts::new(l.users, l.tokens)),
            config,
        }
    }

    pub(super) fn now(&self) -> SystemTime {
        self.config.clock.now()
    }

    /// Checks 1-3, shared by every vendor endpoint.
    pub fn check_headers(&self, headers: &HeaderMap) -> Result<(), Code> {
        validate::device_and_client(headers, &self.clients)
    }

    /// `GET /api/v2/sdk/captcha`.
    pub fn captcha(&self, headers: &HeaderMap) -> Result<CaptchaResponse, Code> {
        self.check_headers(headers)?;
        let images = puzzle::generate();
        let token = uuid::Uuid::new_v4().simple().to_string();
        let secret_key = self.config.aes.then(|| random_alnum(16));
        let now = self.now();
        lock(&self.puzzles).insert(
            token.clone(),
            Puzzle {
                x: images.x,
                secret_key: secret_key.clone(),
            },
            now + ttl::PUZZLE,
            now,
        );
        Ok(CaptchaResponse {
            secret_key,
            original_image_base64: Some(B64.encode(&images.background_png)),
            jigsaw_image_base64: Some(B64.encode(&images.piece_png)),
            token: Some(token),
            result: Some(false),
            ..CaptchaResponse::default()
        })
    }

    /// `POST /api/v2/sdk/captcha/verify`: the puzzle is consumed by the first attempt.
    pub fn verify(&self, headers: &HeaderMap, bytes: &[u8]) -> Result<String, Code> {
        self.check_headers(headers)?;
        let body = Body::parse(headers, bytes, &["point_json", "token", "sender"])?;
        let sender = body.field("sender").ok_or(codes::USER_0004)?;
        let token = body.field("token").ok_or(codes::CAPTCHA_0002)?;
        let now = self.now();
        // Taken before anything else is checked: one attempt per puzzle, right or wrong
        // (a verify without point_json is an attempt too). `--weak captcha` only looks.
        let puzzle = if self.weak(Weakness::Captcha) {
            lock(&self.puzzles)
                .get(&token.to_string(), now)
                .map(|p| Puzzle {
                    x: p.x,
                    secret_key: p.secret_key.clone(),
                })
        } else {
            lock(&self.puzzles).take(&token.to_string(), now)
        }
        .ok_or(codes::CAPTCHA_0002)?;
        let point_json = body.field("point_json").ok_or(codes::CAPTCHA_0002)?;
        let plain = match &puzzle.secret_key {
            Some(key) => {
                captcha::decrypt_point(point_json, key).map_err(|_| codes::CAPTCHA_0002)?
            }
            None => point_json.to_string(),
        };
        let (x, y) = parse_point_json(&plain)
            .map_err(|_| codes::CAPTCHA_0002)?
            .truncated();
        if !captcha::position_passes(x, y, i64::from(puzzle.x)) {
            return Err(codes::CAPTCHA_0002);
        }
        if self.weak(Weakness::Captcha) {
            lock(&self.puzzles).take(&token.to_string(), now);
        }
        let captcha_token = format!("{token}{SEPARATOR}{point_json}");
        lock(&self.passes).insert(
            token.to_string(),
            Pass {
                captcha_token: captcha_token.clone(),
                sender: sender.to_string(),
            },
            now + ttl::PASS_TOKEN,
            now,
        );
        Ok(captcha_token)
    }

    /// `POST /api/v2/sdk/sms/send`, steps 1-12 of the spec; the first failing check wins.
    pub fn send(&self, headers: &HeaderMap, bytes: &[u8]) -> Result<(), Code> {
        let checked = self.send_check(headers, bytes, false)?;
        self.deliver(&checked)
    }

    /// Whether a defence is switched off (`vflow serve --weak`).
    pub fn weak(&self, w: Weakness) -> bool {
        self.config.weak.has(w)
    }

    /// Steps 1-10: the request and its pass token. The live pass is consumed here unless
    /// `peek` (the racy variant of `--weak race`, which consumes it later with
    /// [`Sim::consume_pass`]); `--weak replay` consumes it only when it matches.
    pub fn send_check(
        &self,
        headers: &HeaderMap,
        bytes: &[u8],
        peek: bool,
    ) -> Result<Checked, Code> {
        self.check_headers(headers)?; // 1-3
        let body = Body::parse(headers, bytes, &["mobile", "type", "captcha_token"])?;
        let mobile = body.field("mobile").ok_or(codes::USER_0004)?; // 4
        let scene = body.field("type").ok_or(codes::PARAM_0007)?; // 5
        let pass = body.field("captcha_token").ok_or(codes::PARAM_0008)?; // 6
        let scene = Scene::from_code(scene).ok_or(codes::CAPTCHA_0005)?; // 7
        let token = match pass.split_once(SEPARATOR) {
            Some((t, p)) if !t.trim().is_empty() && !p.trim().is_empty() => t,
            _ => return Err(codes::CAPTCHA_0004), // 8
        };
        let checked = Checked {
            mobile: mobile.to_string(),
            scene,
            token: token.to_string(),
        };
        if self.weak(Weakness::Forged) && pass == EXAMPLE_PASS_TOKEN {
            return Ok(checked); // the backdoor: 9-10 skipped
        }
        let now = self.now();
        let mut passes = lock(&self.passes);
        // 9-10: taking the live pass consumes it, whatever the outcome below
        let live = passes.get(&checked.token, now).ok_or(codes::CAPTCHA_0003)?;
        let matches =
            live.captcha_token == pass && (live.sender == mobile || self.weak(Weakness::Sender));
        if !matches && self.weak(Weakness::Replay) {
            return Err(codes::CAPTCHA_0004);
        }
        if !matches || !peek {
            passes.take(&checked.token, now);
        }
        if !matches {
            return Err(codes::CAPTCHA_0004);
        }
        Ok(checked)
    }

    /// The delayed consumption of `--weak race` (whoever else used the token meanwhile).
    pub fn consume_pass(&self, checked: &Checked) {
        lock(&self.passes).take(&checked.token, self.now());
    }

    /// Steps 11-12: mobile, cooldown, daily cap, gateway, then the code goes to the outbox.
    pub fn deliver(&self, checked: &Checked) -> Result<(), Code> {
        let (mobile, scene) = (checked.mobile.as_str(), checked.scene);
        let now = self.now();
        if !mobile::is_valid(mobile) {
            return Err(codes::CAPTCHA_0006); // 11
        }
        let counted = counted_mobile(mobile, &self.config.weak);
        let key = (mobile.to_string(), scene);
        let cool_key = (counted.clone(), scene);
        let mut sms = lock(&self.sms);
        if sms.cooldown.get(&cool_key, now).is_some() && !self.weak(Weakness::Cooldown) {
            return Err(codes::CAPTCHA_0006);
        }
        let sent_today = sms.daily.get(&counted, now).copied().unwrap_or(0);
        if sent_today >= ttl::DAILY_CAP && !self.weak(Weakness::DailyCap) {
            return Err(codes::CAPTCHA_0006);
        }
        if self.gateway_fails(mobile) {
            return Err(codes::CAPTCHA_0006);
        }
        // 12: deliver
        let code = format!("{:06}", rand::random_range(0..1_000_000u32));
        match sms.daily.get_mut(&counted, now) {
            Some(n) => *n += 1,
            None => sms
                .daily
                .insert(counted.clone(), 1, next_utc_midnight(now), now),
        }
        sms.cooldown
            .insert(cool_key, (), now + ttl::RESEND_COOLDOWN, now);
        sms.codes.insert(
            key,
            SmsCode {
                code: code.clone(),
                wrong: 0,
            },
            now + ttl::SMS_CODE,
            now,
        );
        let entry = OutboxEntry {
            mobile: mobile.to_string(),
            scene: scene.code().to_string(),
            code,
            time: humantime::format_rfc3339_millis(now).to_string(),
        };
        if !self.config.quiet {
            tracing::info!(
                target: super::LOG_TARGET,
                "sms delivered: mobile={} scene={} code={}",
                entry.mobile, entry.scene, entry.code
            );
        }
        if sms.outbox.len() >= self.config.limits.outbox.max(1) {
            sms.outbox.pop_front();
        }
        sms.outbox.push_back(entry);
        Ok(())
    }

    /// `POST /_sim/cooldown/clear {"mobile"}`: end the resend cooldown of every scene of
    /// `mobile` (counted as the cooldown counts it), so that the daily cap can be reached
    /// without waiting. Returns how many cooldowns ended.
    pub fn clear_cooldown(&self, headers: &HeaderMap, bytes: &[u8]) -> Result<usize, Code> {
        let body = Body::parse(headers, bytes, &["mobile"])?;
        let mobile = body.field("mobile").ok_or(codes::USER_0004)?;
        let counted = counted_mobile(mobile, &self.config.weak);
        let now = self.now();
        let mut sms = lock(&self.sms);
        Ok(Scene::ALL
            .into_iter()
            .filter(|s| sms.cooldown.take(&(counted.clone(), *s), now).is_some())
            .count())
    }

    fn gateway_fails(&self, mobile: &str) -> bool {
        let rate = self.config.gateway_failure_rate;
        GATEWAY_FAILURE_MOBILES.contains(&mobile) || (rate > 0.0 && rand::random::<f64>() < rate)
    }

    /// The outbox, newest last.
    pub fn outbox(&self) -> Vec<OutboxEntry> {
        lock(&self.sms).outbox.iter().cloned().collect()
    }

    /// The solution of a live puzzle (the caller decides whether revealing is allowed).
    pub fn reveal(&self, token: &str) -> Option<RevealResponse> {
        let puzzles = lock(&self.puzzles);
        let p = puzzles.get(&token.to_string(), self.now())?;
        Some(RevealResponse {
            token: token.to_string(),
            x: p.x,
            y: captcha::Y as u32,
            point_json: format_point_json(f64::from(p.x), captcha::Y as f64),
            secret_key: p.secret_key.clone(),
        })
    }

    /// Drop every expired entry (the periodic sweeper; inserts also sweep lazily).
    pub fn sweep(&self) {
        let now = self.now();
        lock(&self.puzzles).sweep(now);
        lock(&self.passes).sweep(now);
        let mut sms = lock(&self.sms);
        sms.codes.sweep(now);
        sms.cooldown.sweep(now);
        sms.daily.sweep(now);
        drop(sms);
        lock(&self.accounts).sweep(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use axum::http::HeaderValue;
    use std::sync::Arc;

    fn good() -> HeaderMap {
        let mut h = HeaderMap::new();
        for name in headers::REQUIRED_DEVICE {
            h.insert(name, HeaderValue::from_static("x"));
        }
        h.insert(
            headers::CLIENT_ID,
            HeaderValue::from_static(headers::EXAMPLE_CLIENT_ID),
        );
        h
    }

    #[test]
    fn sweep_frees_expired_puzzles() {
        let clock = ManualClock::new();
        let sim = Sim::new(SimConfig {
            clock: Arc::new(clock.clone()),
            ..SimConfig::default()
        });
        for _ in 0..3 {
            sim.captcha(&good()).unwrap();
        }
        assert_eq!(lock(&sim.puzzles).len(), 3);
        clock.advance(ttl::PUZZLE - Duration::from_secs(1));
        sim.sweep();
        assert_eq!(lock(&sim.puzzles).len(), 3, "still live");
        clock.advance(Duration::from_secs(1));
        sim.sweep();
        assert_eq!(lock(&sim.puzzles).len(), 0);
    }

    #[test]
    fn next_midnight_is_the_start_of_the_next_utc_day() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600 + 3_600);
        let m = next_utc_midnight(t);
        assert_eq!(
            m.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs(),
            1_767_225_600 + 86_400
        );
    }
}

//! The simulator's users, id_tokens, sessions and social state tokens (spec §6, model).
//!
//! Users are keyed by a stable id (a mobile change keeps the user), with an index by
//! mobile. id_tokens are JWT-shaped (header.payload.signature, base64url; the signature is
//! random: nobody verifies it) and live 2 h on the simulator's clock; sessions live
//! `expire` seconds; state tokens 10 min, single use. Every store is bounded.

use super::store::Bounded;
use crate::api::wire::{LoginResponse, SimUser};
use crate::api::{LoginStatus, ttl};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, SystemTime};

#[derive(Debug, Clone)]
pub struct User {
    pub id: u64,
    pub mobile: String,
    pub created_by: &'static str,
    pub password: Option<String>,
    pub social: Vec<String>,
    pub created_at: SystemTime,
    pub updated_at: SystemTime,
}

#[derive(Debug)]
pub struct Accounts {
    users: BTreeMap<u64, User>,
    by_mobile: HashMap<String, u64>,
    next_id: u64,
    cap: usize,
    id_tokens: Bounded<String, u64>,
    sessions: Bounded<String, u64>,
    states: Bounded<String, String>,
}

fn secs(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs()
}

fn rfc3339(t: SystemTime) -> String {
    humantime::format_rfc3339_seconds(t).to_string()
}

impl Accounts {
    pub fn new(users: usize, tokens: usize) -> Accounts {
        Accounts {
            users: BTreeMap::new(),
            by_mobile: HashMap::new(),
            next_id: 1,
            cap: users.max(1),
            id_tokens: Bounded::new(tokens),
            sessions: Bounded::new(tokens),
            states: Bounded::new(tokens),
        }
    }

    pub fn by_mobile(&self, mobile: &str) -> Option<&User> {
        self.by_mobile.get(mobile).and_then(|id| self.users.get(id))
    }

    pub fn user(&self, id: u64) -> Option<&User> {
        self.users.get(&id)
    }

    pub fn user_mut(&mut self, id: u64) -> Option<&mut User> {
        self.users.get_mut(&id)
    }

    /// A new user; when the store is full the oldest user is dropped.
    pub fn create(&mut self, mobile: &str, created_by: &'static str, now: SystemTime) -> u64 {
        while self.users.len() >= self.cap {
            let Some((_, old)) = self.users.pop_first() else {
                break;
            };
            self.by_mobile.remove(&old.mobile);
        }
        let id = self.next_id;
        self.next_id += 1;
        self.users.insert(
            id,
            User {
                id,
                mobile: mobile.to_string(),
                created_by,
                password: None,
                social: Vec::new(),
                created_at: now,
                updated_at: now,
            },
        );
        self.by_mobile.insert(mobile.to_string(), id);
        id
    }

    /// Move a user to another mobile number (the caller checked it is free).
    pub fn change_mobile(&mut self, id: u64, new: &str, now: SystemTime) {
        if let Some(u) = self.users.get_mut(&id) {
            self.by_mobile.remove(&u.mobile);
            u.mobile = new.to_string();
            u.updated_at = now;
            self.by_mobile.insert(new.to_string(), id);
        }
    }

    /// A fresh id_token for the user (2 h).
    pub fn id_token(&mut self, id: u64, now: SystemTime) -> String {
        let mobile = self
            .users
            .get(&id)
            .map(|u| u.mobile.clone())
            .unwrap_or_default();
        let iat = secs(now);
        let header = r#"{"alg":"HS256","typ":"JWT"}"#;
        let payload = serde_json::json!({
            "iss": "vflow-sim",
            "sub": mobile,
            "uid": format!("u{id:06}"),
            "iat": iat,
            "exp": iat + ttl::ID_TOKEN.as_secs(),
        });
        let sig: [u8; 32] = rand::random();
        let token = format!(
            "{}.{}.{}",
            B64URL.encode(header),
            B64URL.encode(payload.to_string()),
            B64URL.encode(sig)
        );
        self.id_tokens
            .insert(token.clone(), id, now + ttl::ID_TOKEN, now);
        token
    }

    /// The answer of a login, a registration or a bind: a new session and id_token.
    pub fn session(&mut self, id: u64, now: SystemTime) -> LoginResponse {
        let session_token = uuid::Uuid::new_v4().simple().to_string();
        self.sessions.insert(
            session_token.clone(),
            id,
            now + Duration::from_secs(ttl::SESSION_EXPIRE_SECS),
            now,
        );
        LoginResponse {
            status: LoginStatus::Success.code().into(),
            session_token,
            expire: ttl::SESSION_EXPIRE_SECS,
            id_token: self.id_token(id, now),
        }
    }

    /// The user of a live id_token (that user still exists).
    pub fn by_id_token(&self, token: &str, now: SystemTime) -> Option<u64> {
        let id = *self.id_tokens.get(&token.to_string(), now)?;
        self.users.contains_key(&id).then_some(id)
    }

    /// The user of a live session.
    pub fn by_session(&self, token: &str, now: SystemTime) -> Option<u64> {
        let id = *self.sessions.get(&token.to_string(), now)?;
        self.users.contains_key(&id).then_some(id)
    }

    pub fn new_state(&mut self, provider: &str, now: SystemTime) -> String {
        let token = uuid::Uuid::new_v4().simple().to_string();
        self.states.insert(
            token.clone(),
            provider.to_string(),
            now + ttl::STATE_TOKEN,
            now,
        );
        token
    }

    /// The provider of a live state token (not consumed).
    pub fn state(&self, token: &str, now: SystemTime) -> Option<String> {
        self.states.get(&token.to_string(), now).cloned()
    }

    pub fn spend_state(&mut self, token: &str, now: SystemTime) {
        self.states.take(&token.to_string(), now);
    }

    pub fn list(&self) -> Vec<SimUser> {
        self.users
            .values()
            .map(|u| SimUser {
                user_id: format!("u{:06}", u.id),
                mobile: u.mobile.clone(),
                created_by: u.created_by.to_string(),
                password: u.password.clone(),
                social: u.social.clone(),
                created_at: rfc3339(u.created_at),
                updated_at: rfc3339(u.updated_at),
            })
            .collect()
    }

    pub fn sweep(&mut self, now: SystemTime) {
        self.id_tokens.sweep(now);
        self.sessions.sweep(now);
        self.states.sweep(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600 + s)
    }

    #[test]
    fn a_full_user_store_drops_the_oldest_user_and_its_index() {
        let mut a = Accounts::new(2, 10);
        a.create("1", "login", t(0));
        a.create("2", "login", t(0));
        a.create("3", "login", t(0));
        assert!(a.by_mobile("1").is_none());
        assert_eq!(a.list().len(), 2);
    }

    #[test]
    fn tokens_follow_the_user_across_a_mobile_change_and_expire() {
        let mut a = Accounts::new(10, 10);
        let id = a.create("111", "login", t(0));
        let tok = a.id_token(id, t(0));
        a.change_mobile(id, "222", t(1));
        assert!(a.by_mobile("111").is_none());
        assert_eq!(a.by_mobile("222").map(|u| u.id), Some(id));
        assert_eq!(a.by_id_token(&tok, t(7199)), Some(id));
        assert_eq!(a.by_id_token(&tok, t(7200)), None);
        let claims = crate::api::consumer::decode_id_token(&tok).unwrap();
        assert_eq!(claims.sub.as_deref(), Some("111"));
        assert_eq!(claims.exp.unwrap() - claims.iat.unwrap(), 7200);
    }
}

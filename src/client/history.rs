//! The exchange history: one [`Record`] per exchange, kept as JSON lines
//! (readable by the owner only, mode 0600, bounded in size) and shared by the
//! TUI, the CLI commands that send (`send`, `flow`) and the proxy. The
//! default file is [`crate::config::history_path`].
//!
//! The format only grows: fields added later have serde defaults, so lines
//! written by older versions still load.

use super::report::Redactor;
use super::{Exchange, RequestSpec};
use serde::{Deserialize, Serialize};
use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// Where an exchange was made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    #[default]
    Tui,
    Cli,
    Proxy,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::Tui => "TUI",
            Source::Cli => "CLI",
            Source::Proxy => "proxy",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: u64,
    /// The request as configured (used for resend, curl, explanations).
    pub spec: RequestSpec,
    pub exchange: Exchange,
    /// The mobile number the captcha token was verified for, when vflow obtained it.
    pub token_sender: Option<String>,
    /// The code the simulator delivered for this send.
    pub delivered_code: Option<String>,
    /// The newest exchange with a consumer of the code (the login, or another consumer
    /// tried with `u`), accepted or not.
    pub login: Option<Exchange>,
    /// The consumer exchange that accepted the code, kept when a later try (the spent code
    /// again, another consumer) took `login`'s place: the code stays spent, and the
    /// session's id_token stays known.
    #[serde(default)]
    pub accepted: Option<Exchange>,
    /// How old the pass token was when sent, when vflow obtained it.
    #[serde(default)]
    pub token_age: Option<std::time::Duration>,
    /// An earlier send had already spent the pass token.
    #[serde(default)]
    pub token_spent: bool,
    /// This session's previous successful send to the same target, mobile and
    /// scene, this long before this one (the resend explanation states it).
    #[serde(default)]
    pub since_previous_send: Option<std::time::Duration>,
    /// What the session had sent when the consumer answered (its explanation's
    /// facts). Kept in memory only: a reloaded record explains without them.
    #[serde(skip)]
    pub consumer_facts: Option<super::explain::consumer::SessionFacts>,
    /// Where the exchange was made: the TUI, a CLI command, the proxy.
    /// Lines written before this field existed are the TUI's.
    #[serde(default)]
    pub source: Source,
}

impl Record {
    pub fn new(id: u64, spec: RequestSpec, exchange: Exchange, sender: Option<String>) -> Record {
        Record {
            id,
            spec,
            exchange,
            token_sender: sender,
            delivered_code: None,
            login: None,
            accepted: None,
            token_age: None,
            token_spent: false,
            since_previous_send: None,
            consumer_facts: None,
            source: Source::Tui,
        }
    }

    fn field(&self, name: &str) -> String {
        self.spec
            .body
            .iter()
            .flatten()
            .find(|f| f.name == name && f.enabled)
            .map(|f| f.value.clone())
            .unwrap_or_default()
    }

    pub fn scene(&self) -> String {
        self.field("type")
    }

    pub fn mobile(&self) -> String {
        self.field("mobile")
    }

    pub fn token(&self) -> String {
        self.field("captcha_token")
    }

    /// Short status for lists: `200`, `400 IDAAS.SDK.CAPTCHA.0003`, `refused`, ...
    pub fn status_label(&self) -> String {
        self.exchange.outcome.label()
    }

    /// The host (and port) the request went to, from the URL as sent.
    pub fn target(&self) -> String {
        host_port(&self.exchange.request.url)
    }

    /// The exchanges with the code's consumers, oldest first: the one that took the code when
    /// a later try took its place, then the newest try.
    pub fn consumer_exchanges(&self) -> impl Iterator<Item = &Exchange> {
        self.accepted.iter().chain(self.login.iter())
    }

    /// Masks this record's mobile numbers, tokens and client id.
    pub fn redactor(&self) -> Redactor {
        let mut r = Redactor::new();
        r.learn(&self.exchange);
        for l in self.consumer_exchanges() {
            r.learn(l);
        }
        if let Some(code) = &self.delivered_code {
            r.add_code(code);
        }
        if let Some(sender) = &self.token_sender {
            // the explanation names it when it differs from the mobile
            r.add_mobile(sender);
        }
        r
    }
}

/// The host and port of a URL (`127.0.0.1:8080`, `tenant.example.com`); the
/// URL itself when it has no host.
pub fn host_port(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(u) => match (u.host_str(), u.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            _ => url.to_string(),
        },
        Err(_) => url.to_string(),
    }
}

/// At most this many records are kept.
pub const MAX_RECORDS: usize = 200;
/// When the file grows past this, it is compacted to the newest records.
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Clone, Debug)]
pub struct HistoryStore {
    pub path: PathBuf,
}

impl HistoryStore {
    pub fn new(path: PathBuf) -> HistoryStore {
        HistoryStore { path }
    }

    fn open_append(path: &Path) -> std::io::Result<fs::File> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut o = OpenOptions::new();
        o.create(true).append(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.mode(0o600);
        }
        o.open(path)
    }

    pub fn append(&self, rec: &Record) -> std::io::Result<()> {
        let line = serde_json::to_string(rec).map_err(std::io::Error::other)?;
        let mut f = Self::open_append(&self.path)?;
        writeln!(f, "{line}")?;
        if f.metadata()?.len() > MAX_BYTES {
            drop(f);
            self.compact()?;
        }
        Ok(())
    }

    /// Records on disk, oldest first; unreadable lines are skipped (a crash
    /// mid-write must not lose the rest).
    pub fn load(&self) -> Vec<Record> {
        let Ok(f) = fs::File::open(&self.path) else {
            return Vec::new();
        };
        // Line by line as bytes: a torn or non-UTF-8 line is skipped, never the rest.
        let lines = BufReader::new(f)
            .split(b'\n')
            .map_while(Result::ok)
            .filter_map(|l| serde_json::from_slice(&l).ok());
        let mut recs = latest_lines(lines);
        if recs.len() > MAX_RECORDS {
            recs.drain(..recs.len() - MAX_RECORDS);
        }
        recs
    }

    /// Rewrite the file with the newest records that fit in half the byte budget.
    pub fn compact(&self) -> std::io::Result<()> {
        let recs = self.load();
        let mut lines: Vec<String> = recs
            .iter()
            .rev()
            .filter_map(|r| serde_json::to_string(r).ok())
            .collect();
        let mut total = 0u64;
        lines.retain(|l| {
            total += l.len() as u64 + 1;
            total <= MAX_BYTES / 2
        });
        lines.reverse();
        let tmp = self.path.with_extension("jsonl.tmp");
        {
            let _ = fs::remove_file(&tmp);
            let mut f = Self::open_append(&tmp)?;
            for l in &lines {
                writeln!(f, "{l}")?;
            }
        }
        fs::rename(tmp, &self.path)
    }
}

/// The records of these lines, oldest first, where a record appended again once
/// its code was consumed (same id and source, the same send, another consumer
/// exchange) replaces its earlier line instead of being listed twice.
fn latest_lines(lines: impl Iterator<Item = Record>) -> Vec<Record> {
    let mut at: std::collections::HashMap<(u64, Source), usize> = Default::default();
    let mut kept: Vec<Record> = Vec::new();
    for r in lines {
        let key = (r.id, r.source);
        match at.get(&key).copied() {
            Some(i) if kept[i].exchange == r.exchange && kept[i].login != r.login => kept[i] = r,
            _ => {
                at.insert(key, kept.len());
                kept.push(r);
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{Outcome, SentRequest, Timing};
    use std::time::{Duration, UNIX_EPOCH};

    fn record() -> Record {
        let spec = crate::client::build::sms_send(
            "http://127.0.0.1:9",
            vec![],
            "LOGIN_SMS",
            "13800138000",
            "",
        );
        let x = Exchange {
            started_at: UNIX_EPOCH + Duration::from_secs(1_700_000_000),
            request: SentRequest {
                method: "POST".into(),
                url: "http://127.0.0.1:9/api/v2/sdk/sms/send".into(),
                headers: vec![],
                body: vec![],
            },
            response: None,
            timing: Timing {
                total: Duration::from_millis(3),
                ttfb: None,
            },
            outcome: Outcome::Cancelled,
        };
        Record::new(7, spec, x, None)
    }

    /// A line written before `source` existed (the format of earlier
    /// versions) still loads, as the TUI's; new lines keep their source.
    #[test]
    fn old_lines_load_as_the_tuis_and_new_ones_keep_their_source() {
        let dir = std::env::temp_dir().join(format!("vflow-hist-{}", std::process::id()));
        let store = HistoryStore::new(dir.join("history.jsonl"));
        let _ = fs::remove_file(&store.path);
        let mut old = serde_json::to_value(record()).unwrap();
        old.as_object_mut().unwrap().remove("source");
        for k in ["token_age", "token_spent"] {
            old.as_object_mut().unwrap().remove(k); // older still: these came later too
        }
        fs::create_dir_all(&dir).unwrap();
        fs::write(&store.path, format!("{old}\n")).unwrap();
        let mut cli = record();
        cli.id = 8;
        cli.source = Source::Cli;
        store.append(&cli).unwrap();
        let back = store.load();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].source, Source::Tui);
        assert_eq!(back[0].id, 7);
        assert_eq!(back[1].source, Source::Cli);
        assert_eq!(back[1], cli);
        assert_eq!(back[1].target(), "127.0.0.1:9");
        let line = fs::read_to_string(&store.path).unwrap();
        assert!(line.lines().nth(1).unwrap().contains(r#""source":"cli""#));
    }

    /// A send appended again once a consumer used its code (main's scenes:
    /// the record gains the consumer exchange) loads once, as the later line;
    /// a record of another source under the same id is another exchange.
    /// The time since the previous send survives the file; the session facts
    /// are the session's only.
    #[test]
    fn a_record_appended_again_replaces_its_earlier_line_of_the_same_source() {
        let dir = std::env::temp_dir().join(format!("vflow-hist-again-{}", std::process::id()));
        let store = HistoryStore::new(dir.join("history.jsonl"));
        let _ = fs::remove_file(&store.path);
        let mut tui = record();
        tui.since_previous_send = Some(Duration::from_secs(42));
        tui.consumer_facts = Some(Default::default());
        store.append(&tui).unwrap();
        let mut proxy = record();
        proxy.source = Source::Proxy;
        store.append(&proxy).unwrap();
        let mut used = tui.clone();
        used.login = Some(record().exchange);
        store.append(&used).unwrap();
        // the proxy's record gains a login too: it replaces only its own line
        let mut proxy_used = proxy.clone();
        proxy_used.login = Some(record().exchange);
        store.append(&proxy_used).unwrap();
        let back = store.load();
        assert_eq!(back.len(), 2, "{back:?}");
        assert_eq!(back[0].source, Source::Tui);
        assert!(back[0].login.is_some(), "the later line wins");
        assert_eq!(back[0].since_previous_send, Some(Duration::from_secs(42)));
        assert_eq!(back[0].consumer_facts, None, "not written to the file");
        assert_eq!(back[1].source, Source::Proxy);
        assert!(back[1].login.is_some());
        // another send under the same id (a new session) is kept beside it
        let mut again = record();
        again.exchange.started_at += Duration::from_secs(60);
        store.append(&again).unwrap();
        assert_eq!(store.load().len(), 3);
        let _ = fs::remove_dir_all(&dir);
    }
}

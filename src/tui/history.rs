//! The exchange history on disk: JSON lines in the platform data directory,
//! readable by the owner only (mode 0600), bounded in size.

use super::record::Record;
use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

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

    /// The default location: `<data dir>/history.jsonl`.
    pub fn default_path() -> Option<PathBuf> {
        crate::config::data_dir().map(|d| d.join("history.jsonl"))
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
        let recs: Vec<Record> = BufReader::new(f)
            .split(b'\n')
            .map_while(Result::ok)
            .filter_map(|l| serde_json::from_slice(&l).ok())
            .collect();
        // A record appended again once its code was consumed (same send, another
        // consumer exchange) replaces the earlier line.
        let mut at = std::collections::HashMap::new();
        let mut kept: Vec<Record> = Vec::with_capacity(recs.len());
        for r in recs {
            match at.get(&r.id).copied() {
                Some(i)
                    if {
                        let k: &Record = &kept[i];
                        k.exchange == r.exchange && k.login != r.login
                    } =>
                {
                    kept[i] = r
                }
                _ => {
                    at.insert(r.id, kept.len());
                    kept.push(r);
                }
            }
        }
        let mut recs = kept;
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

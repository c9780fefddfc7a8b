//! `vflow codes [CODE]`: the error catalogue.

use super::common::usage_error;
use crate::api::{Catalogue, ErrorEntry, Lang};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct CodesArgs {
    /// A code (full, or a unique suffix such as PARAM.0001 or 0006) to show in full
    #[arg(value_name = "CODE", value_parser = super::common::Suggest(code_values), hide_possible_values = true)]
    pub code: Option<String>,
    /// Language of the table's message column (en or zh)
    #[arg(long = "in", value_name = "LANG", default_value = "en")]
    pub in_lang: String,
}

/// The catalogue's codes, sorted (for shell completion).
fn code_values() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Catalogue::get()
        .entries
        .iter()
        .map(|e| e.code.as_str())
        .collect();
    v.sort();
    v
}

/// Find by full code or by unique, case-insensitive suffix.
pub fn lookup(q: &str) -> Result<&'static ErrorEntry, String> {
    let cat = Catalogue::get();
    if let Some(e) = cat.find(q) {
        return Ok(e);
    }
    let q_up = q.trim().to_ascii_uppercase();
    let hits: Vec<&ErrorEntry> = cat
        .entries
        .iter()
        .filter(|e| e.code.ends_with(&q_up) && !q_up.is_empty())
        .collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "no code {q:?} in the catalogue; `vflow codes` lists them all"
        )),
        many => Err(format!(
            "{q:?} is ambiguous: {}",
            many.iter()
                .map(|e| e.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The catalogue as a table.
pub fn table(lang: Lang) -> String {
    let cat = Catalogue::get();
    let w = cat.entries.iter().map(|e| e.code.len()).max().unwrap_or(0);
    let mut out = format!("{:<w$}  HTTP  {}\n", "CODE", "MESSAGE");
    let mut entries: Vec<&ErrorEntry> = cat.entries.iter().collect();
    entries.sort_by(|a, b| a.code.cmp(&b.code));
    for e in entries {
        out.push_str(&format!(
            "{:<w$}  {:>4}  {}\n",
            e.code,
            e.http,
            e.msg.get(lang)
        ));
    }
    out
}

/// One entry in full, both languages.
pub fn full(e: &ErrorEntry) -> String {
    let endpoints = if e.endpoints.is_empty() {
        "any path".to_string()
    } else {
        e.endpoints.join(", ")
    };
    let mut out = format!(
        "{}  (HTTP {}, {:?}; endpoints: {endpoints})\n",
        e.code, e.http, e.source,
    );
    for lang in [Lang::En, Lang::Zh] {
        out.push_str(&format!("\n[{}]\n", lang.code()));
        out.push_str(&format!("message: {}\n", e.msg.get(lang)));
        out.push_str(&format!("meaning: {}\n", e.meaning.get(lang)));
        out.push_str("causes:\n");
        for c in e.causes.get(lang) {
            out.push_str(&format!("  - {c}\n"));
        }
        out.push_str("what to do:\n");
        for t in e.todo.get(lang) {
            out.push_str(&format!("  - {t}\n"));
        }
    }
    out
}

pub fn run(args: CodesArgs) -> ExitCode {
    match &args.code {
        None => {
            print!("{}", table(Lang::from_header(Some(&args.in_lang))));
            ExitCode::SUCCESS
        }
        Some(q) => match lookup(q) {
            Ok(e) => {
                print!("{}", full(e));
                ExitCode::SUCCESS
            }
            Err(msg) => usage_error(msg),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_by_suffix() {
        assert_eq!(lookup("PARAM.0001").unwrap().code, "IDAAS.SDK.PARAM.0001");
        assert_eq!(
            lookup("captcha.0006").unwrap().code,
            "IDAAS.SDK.CAPTCHA.0006"
        );
        assert!(lookup("0002").unwrap_err().contains("ambiguous"));
        assert!(lookup("NOPE").is_err());
        assert!(table(Lang::Zh).contains("设备信息不完整"));
        assert!(full(lookup("IDAAS.SDK.CAPTCHA.0003").unwrap()).contains("[zh]"));
    }
}

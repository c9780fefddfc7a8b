//! `vflow codes [CODE]`: the error catalogue.

use super::common::usage_error;
use crate::api::catalogue::Source;
use crate::api::{Catalogue, ErrorEntry, Lang};
use crate::check::{pad, width};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct CodesArgs {
    /// A code (full, or a unique suffix such as PARAM.0001 or 0006) to show in full
    #[arg(value_name = "CODE", value_parser = super::common::Suggest(code_values), hide_possible_values = true)]
    pub code: Option<String>,
    /// Language of the table's message column (en or zh) [default: the UI language]
    #[arg(long = "in", value_name = "LANG")]
    pub in_lang: Option<String>,
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

/// Find by full code or by unique, case-insensitive suffix, the number written with or without
/// its leading zeros (`captcha.6` is CAPTCHA.0006); the error in `lang`, with the nearest code
/// when one is close.
pub fn lookup(q: &str, lang: Lang) -> Result<&'static ErrorEntry, String> {
    let cat = Catalogue::get();
    if let Some(e) = cat.find(q) {
        return Ok(e);
    }
    let q_up = without_leading_zeros(&q.trim().to_ascii_uppercase());
    let hits: Vec<&ErrorEntry> = cat
        .entries
        .iter()
        .filter(|e| {
            // whole parts: `6` is CAPTCHA.0006, not PARAM.0016
            let c = without_leading_zeros(&e.code);
            !q_up.is_empty() && (c == q_up || c.ends_with(&format!(".{q_up}")))
        })
        .collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(match nearest(&q_up) {
            Some(near) => crate::t!(
                lang,
                "cli-codes-unknown-near",
                code = format!("{q:?}"),
                near = near
            ),
            None => crate::t!(lang, "cli-codes-unknown", code = format!("{q:?}")),
        }),
        many => Err(crate::t!(
            lang,
            "cli-codes-ambiguous",
            code = format!("{q:?}"),
            codes = many
                .iter()
                .map(|e| e.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// `CAPTCHA.0006` → `CAPTCHA.6`: each dot-separated part that is a number, without its
/// leading zeros.
fn without_leading_zeros(code: &str) -> String {
    code.split('.')
        .map(|p| match p.trim_start_matches('0') {
            "" if !p.is_empty() && p.bytes().all(|b| b == b'0') => "0",
            t if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => t,
            _ => p,
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The code nearest to an unknown one (`CAPTHCA.0006`), when it is close: by edit distance
/// to the code without its `IDAAS.SDK.` prefix.
fn nearest(q_up: &str) -> Option<&'static str> {
    Catalogue::get()
        .entries
        .iter()
        .map(|e| {
            let short = without_leading_zeros(e.code.strip_prefix("IDAAS.SDK.").unwrap_or(&e.code));
            (strsim::levenshtein(q_up, &short), e.code.as_str())
        })
        .filter(|(d, _)| *d <= 2.max(q_up.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The catalogue as a table: the headings in `ui`, the messages in `lang`.
pub fn table(lang: Lang, ui: Lang) -> String {
    let cat = Catalogue::get();
    let head = crate::t!(ui, "cli-codes-head-code");
    let w = cat
        .entries
        .iter()
        .map(|e| e.code.len())
        .chain([width(&head)])
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "{}  HTTP  {}\n",
        pad(&head, w),
        crate::t!(ui, "cli-codes-head-message")
    );
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

/// Who defines a code, in `ui`.
fn source(s: Source, ui: Lang) -> String {
    match s {
        Source::Vendor => crate::t!(ui, "cli-codes-source-vendor"),
        Source::Simulator => crate::t!(ui, "cli-codes-source-simulator"),
    }
}

/// One entry in full, both languages: the UI language's section first, every label in `ui`.
pub fn full(e: &ErrorEntry, ui: Lang) -> String {
    let endpoints = if e.endpoints.is_empty() {
        crate::t!(ui, "cli-codes-any-path")
    } else {
        e.endpoints.join(", ")
    };
    let mut out = format!(
        "{}  {}\n",
        e.code,
        crate::t!(
            ui,
            "cli-codes-entry-head",
            http = e.http,
            source = source(e.source, ui),
            endpoints = endpoints
        )
    );
    for lang in [ui, ui.other()] {
        out.push_str(&format!("\n[{}]\n", lang.code()));
        out.push_str(&format!(
            "{}\n",
            crate::t!(ui, "cli-codes-message", text = e.msg.get(lang))
        ));
        out.push_str(&format!(
            "{}\n",
            crate::t!(ui, "cli-codes-meaning", text = e.meaning.get(lang))
        ));
        out.push_str(&format!("{}\n", crate::t!(ui, "cli-codes-causes")));
        for c in e.causes.get(lang) {
            out.push_str(&format!("  - {c}\n"));
        }
        out.push_str(&format!("{}\n", crate::t!(ui, "cli-codes-todo")));
        for t in e.todo.get(lang) {
            out.push_str(&format!("  - {t}\n"));
        }
    }
    out
}

pub fn run(global: &super::GlobalArgs, args: CodesArgs) -> ExitCode {
    let ui = super::common::ui_lang(global);
    match &args.code {
        None => {
            let lang = match &args.in_lang {
                Some(l) => Lang::from_header(Some(l)),
                None => ui,
            };
            print!("{}", table(lang, ui));
            ExitCode::SUCCESS
        }
        Some(q) => match lookup(q, ui) {
            Ok(e) => {
                print!("{}", full(e, ui));
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
        let en = Lang::En;
        assert_eq!(
            lookup("PARAM.0001", en).unwrap().code,
            "IDAAS.SDK.PARAM.0001"
        );
        assert_eq!(
            lookup("captcha.0006", en).unwrap().code,
            "IDAAS.SDK.CAPTCHA.0006"
        );
        assert!(lookup("0002", en).unwrap_err().contains("ambiguous"));
        assert!(lookup("0002", Lang::Zh).unwrap_err().contains("有歧义"));
        assert!(lookup("NOPE", en).is_err());
        // the number with or without its zeros
        for q in ["CAPTCHA.06", "captcha.6", "IDAAS.SDK.CAPTCHA.6"] {
            assert_eq!(lookup(q, en).unwrap().code, "IDAAS.SDK.CAPTCHA.0006", "{q}");
        }
        assert!(lookup("0.6", en).is_err(), "a part is matched whole");
        // whole parts: 0016 is not read as ...6
        assert_eq!(lookup("0016", en).unwrap().code, "IDAAS.SDK.PARAM.0016");
        // a near miss names the nearest code
        let e = lookup("CAPTHCA.0006", en).unwrap_err();
        assert!(e.contains("did you mean IDAAS.SDK.CAPTCHA.0006"), "{e}");
        let e = lookup("CAPTHCA.0006", Lang::Zh).unwrap_err();
        assert!(e.contains("IDAAS.SDK.CAPTCHA.0006"), "{e}");
        assert!(!lookup("NOPE", en).unwrap_err().contains("did you mean"));
        assert!(table(Lang::Zh, en).contains("设备信息不完整"));
        assert!(full(lookup("IDAAS.SDK.CAPTCHA.0003", en).unwrap(), en).contains("[zh]"));
    }

    #[test]
    fn one_code_in_chinese_puts_its_chinese_section_first_with_chinese_labels() {
        let e = lookup("CAPTCHA.0006", Lang::Zh).unwrap();
        let zh = full(e, Lang::Zh);
        let (first, second) = zh.split_once("\n[en]\n").expect("an English section");
        assert!(first.contains("[zh]") && first.contains(&e.msg.zh), "{zh}");
        assert!(second.contains(&e.msg.en), "{zh}");
        for label in [
            "message:",
            "meaning:",
            "causes:",
            "what to do:",
            "endpoints:",
        ] {
            assert!(!zh.contains(label), "{label} in {zh}");
        }
        for label in ["消息：", "含义：", "常见原因：", "处理办法："] {
            assert_eq!(zh.matches(label).count(), 2, "{label} in {zh}");
        }
        // English: as before, the English section first.
        let en = full(e, Lang::En);
        assert!(en.find("[en]").unwrap() < en.find("[zh]").unwrap(), "{en}");
        assert!(
            en.contains("what to do:") && !en.contains("处理办法"),
            "{en}"
        );
    }

    #[test]
    fn the_table_heading_lines_up_in_chinese() {
        let w = Catalogue::get()
            .entries
            .iter()
            .map(|e| e.code.len())
            .max()
            .unwrap();
        for ui in [Lang::En, Lang::Zh] {
            let t = table(ui, ui);
            let head = t.lines().next().unwrap();
            // HTTP starts in the same terminal column as the rows' status (after the code).
            assert_eq!(width(&head[..head.find("HTTP").unwrap()]), w + 2, "{head}");
        }
        let zh = table(Lang::Zh, Lang::Zh);
        assert!(zh.starts_with("错误码") && zh.lines().next().unwrap().ends_with("消息"));
        assert!(table(Lang::En, Lang::En).starts_with("CODE "));
    }
}

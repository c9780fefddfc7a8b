//! `vflow import FILE|-`: show what vflow understood of a request copied from
//! an app (curl, HAR 1.2, raw HTTP/1.1) and the warnings before sending it.
//! `vflow send --from FILE|-` (in `send.rs`) sends it; both share [`load`].

use super::{GlobalArgs, common};
use crate::api::{self, Lang};
use crate::client::RequestSpec;
use crate::client::import::{self, Format, Imported, Parsed};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Formats, detected automatically: a curl command as browsers' devtools copy it (\"Copy as cURL (bash)\") \
or as `vflow send --curl` prints it; a HAR 1.2 file (devtools \"Save all as HAR\", Charles, Proxyman, mitmproxy); \
a raw HTTP/1.1 request as Burp, Charles or Proxyman copy it (CRLF or LF line ends).

Exit codes: 0 understood, 2 input not understood (the message names the line:column or the option).

Examples:
  vflow import request.curl
  pbpaste | vflow import -
  vflow import session.har --entry 6
  vflow send --from request.curl --target http://127.0.0.1:8080 --header 'X-L: en'")]
pub struct ImportArgs {
    /// The file to read, or - for standard input
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
    /// Which entry of a HAR file (its number as listed)
    #[arg(long, value_name = "N")]
    pub entry: Option<usize>,
    /// Print one JSON object (format, request as a spec, notes, warnings)
    #[arg(long)]
    pub json: bool,
}

/// Read a file or stdin as text; the errors in `lang`.
pub fn read_input(path: &Path, lang: Lang) -> Result<String, String> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| crate::t!(lang, "cli-import-cannot-read-stdin", error = e.to_string()))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| {
            crate::t!(
                lang,
                "cli-import-cannot-read",
                path = path.display().to_string(),
                error = e.to_string()
            )
        })?;
    }
    String::from_utf8(bytes).map_err(|e| {
        crate::t!(
            lang,
            "cli-import-not-utf8",
            path = path.display().to_string(),
            byte = e.utf8_error().valid_up_to()
        )
    })
}

/// Read and parse; errors are already worded for the user (`FILE: message at L:C`).
pub fn load(path: &Path, lang: Lang) -> Result<Parsed, String> {
    let text = read_input(path, lang)?;
    import::parse(&text).map_err(|e| format!("{}: {}", path.display(), e.text(lang)))
}

/// What the input was read as, in `lang`.
fn format_label(f: Format, lang: Lang) -> String {
    match f {
        Format::Curl => crate::t!(lang, "cli-import-format-curl"),
        Format::Har => crate::t!(lang, "cli-import-format-har"),
        Format::Raw => crate::t!(lang, "cli-import-format-raw"),
    }
}

/// Control characters from an imported file are shown escaped, never sent to the terminal.
fn shown(s: &str) -> String {
    common::printable(s)
}

/// The warning about a pass token found in an imported request, in `lang`.
pub fn token_warning(r: &Imported, lang: Lang) -> Option<String> {
    r.captcha_token()
        .map(|_| crate::t!(lang, "cli-import-token-warning"))
}

/// Pre-send warnings on the request as it will be sent (the client's
/// pre-send checks, as `vflow send` prints them), in `lang`.
pub fn presend_warnings(spec: &RequestSpec, lang: Lang) -> Vec<String> {
    crate::client::precheck::for_spec(spec)
        .into_iter()
        .map(|w| w.text.get(lang).to_string())
        .collect()
}

/// A human description of one imported request, in `lang`.
pub fn describe(r: &Imported, spec: &RequestSpec, lang: Lang) -> String {
    let mut out = format!("{} {}\n", shown(&r.method), shown(&r.url()));
    out.push_str(&format!(
        "{}\n",
        crate::t!(lang, "cli-import-headers", n = r.headers.len())
    ));
    for (n, v) in &r.headers {
        out.push_str(&format!("  {}: {}\n", shown(n), shown(v)));
    }
    if !r.omitted.is_empty() {
        out.push_str(&format!(
            "  {}\n",
            crate::t!(
                lang,
                "cli-import-not-sent",
                names = r
                    .omitted
                    .iter()
                    .map(|n| shown(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        ));
    }
    match (&r.body, r.body_fields()) {
        (None, _) => out.push_str(&format!("{}\n", crate::t!(lang, "cli-import-no-body"))),
        (Some(_), Some(m)) => {
            out.push_str(&format!(
                "{}\n",
                crate::t!(lang, "cli-import-body-json", n = m.len())
            ));
            let known: &[&str] = if spec.path.starts_with(api::paths::SMS_SEND) {
                &["mobile", "type", "captcha_token"]
            } else {
                &[]
            };
            for (k, v) in &m {
                let value = match v {
                    serde_json::Value::String(s) => format!("{:?}", s),
                    other => format!("{other}{}", crate::t!(lang, "cli-import-not-a-string")),
                };
                let extra = if !known.is_empty() && !known.contains(&k.as_str()) {
                    format!("  {}", crate::t!(lang, "cli-import-unknown-field"))
                } else {
                    String::new()
                };
                out.push_str(&format!("  {} = {}{extra}\n", shown(k), shown(&value)));
            }
        }
        (Some(b), None) => out.push_str(&format!(
            "{}\n  {}\n",
            crate::t!(lang, "cli-import-body-raw", bytes = b.len()),
            shown(&String::from_utf8_lossy(b))
        )),
    }
    if spec.raw_body.is_some() && r.body_fields().is_some() {
        out.push_str(&format!(
            "  {}\n",
            crate::t!(lang, "cli-import-byte-for-byte")
        ));
    }
    out
}

fn print_list(file: &Path, h: &import::HarImport, lang: Lang) {
    println!(
        "{}",
        crate::t!(
            lang,
            "cli-import-har-list",
            file = shown(&file.display().to_string()),
            all = h.entries.len() + h.skipped.len(),
            vendor = h.entries.len(),
            skipped = h.skipped.len()
        )
    );
    for (n, r) in &h.entries {
        println!("  #{n}  {} {}", shown(&r.method), shown(&r.url()));
    }
    if !h.skipped.is_empty() {
        println!("{}", crate::t!(lang, "cli-import-skipped"));
        for (n, what, why) in &h.skipped {
            println!("  #{n}  {}: {}", shown(what), why.text(lang));
        }
    }
}

pub fn run(global: &GlobalArgs, args: ImportArgs) -> ExitCode {
    let lang = common::ui_lang(global);
    let parsed = match load(&args.file, lang) {
        Ok(p) => p,
        Err(e) => return common::usage_error(e),
    };
    let listing = match &parsed {
        Parsed::Har(h) if args.entry.is_none() && h.entries.len() != 1 => Some(h.clone()),
        _ => None,
    };
    if let Some(h) = listing {
        if args.json {
            let v = serde_json::json!({
                "format": "har",
                "entries": h.entries.iter().map(|(n, r)| serde_json::json!({"entry": n, "method": r.method, "url": r.url()})).collect::<Vec<_>>(),
                "skipped": h.skipped.iter().map(|(n, w, why)| serde_json::json!({"entry": n, "request": w, "reason": why.to_string()})).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&v).expect("JSON"));
        } else {
            print_list(&args.file, &h, lang);
            if let Some((n, _)) = h.entries.first() {
                println!(
                    "{}",
                    crate::t!(
                        lang,
                        "cli-import-show-one",
                        command =
                            format!("vflow import {} --entry {n}", common::shell_arg(&args.file))
                    )
                );
            }
        }
        return if h.entries.is_empty() {
            common::usage_error(crate::t!(lang, "cli-import-har-empty"))
        } else {
            ExitCode::SUCCESS
        };
    }
    let skipped = match &parsed {
        Parsed::Har(h) => h.skipped.len(),
        Parsed::One(_) => 0,
    };
    let r = match import::pick(parsed, args.entry) {
        Ok(r) => r,
        Err(e) => {
            return common::usage_error(format!("{}: {}", args.file.display(), e.text(lang)));
        }
    };
    let spec = r.to_spec();
    // `--json` says them in English, as it always has; the human form in the UI language
    let warnings_in = |l: Lang| {
        let mut w: Vec<String> = token_warning(&r, l).into_iter().collect();
        w.extend(presend_warnings(&spec, l));
        w
    };
    if args.json {
        let warnings = warnings_in(Lang::En);
        let v = serde_json::json!({
            "format": match r.format { Format::Curl => "curl", Format::Har => "har", Format::Raw => "raw" },
            "method": r.method,
            "url": r.url(),
            "headers": r.headers.iter().map(|(n, v)| serde_json::json!([n, v])).collect::<Vec<_>>(),
            "omitted_headers": r.omitted,
            "body": r.body.as_ref().map(|b| String::from_utf8_lossy(b).into_owned()),
            "body_fields": r.body_fields(),
            "notes": r.notes.iter().map(|n| n.to_string()).collect::<Vec<_>>(),
            "warnings": warnings,
        });
        println!("{}", serde_json::to_string_pretty(&v).expect("JSON"));
        return ExitCode::SUCCESS;
    }
    let file = shown(&args.file.display().to_string());
    println!(
        "{}",
        if skipped > 0 {
            crate::t!(
                lang,
                "cli-import-read-as-har-skipped",
                format = format_label(r.format, lang),
                file = file,
                skipped = skipped
            )
        } else {
            crate::t!(
                lang,
                "cli-import-read-as",
                format = format_label(r.format, lang),
                file = file
            )
        }
    );
    print!("{}", describe(&r, &spec, lang));
    for n in &r.notes {
        println!(
            "{}",
            crate::t!(lang, "cli-import-note", text = shown(&n.text(lang)))
        );
    }
    let warnings = warnings_in(lang);
    if warnings.is_empty() {
        println!("{}", crate::t!(lang, "cli-import-no-warnings"));
    } else {
        println!("{}", crate::t!(lang, "cli-import-warnings"));
        for w in &warnings {
            println!("  ! {}", shown(w));
        }
    }
    println!(
        "{}",
        crate::t!(
            lang,
            "cli-import-send-it",
            command = format!(
                "vflow send --from {}{} [--target URL]",
                common::shell_arg(&args.file),
                args.entry
                    .map(|n| format!(" --entry {n}"))
                    .unwrap_or_default()
            )
        )
    );
    ExitCode::SUCCESS
}

/// `vflow send --from FILE|-`: the imported request, with single fields
/// overridden by the other options, sent to --target or to its own host.
pub fn send_from(global: &GlobalArgs, args: super::send::SendArgs) -> ExitCode {
    let from = args.from.clone().expect("--from is given");
    let profile = match common::profile(global, &args.client_id) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let lang = profile.ui_lang;
    let r = match load(&from, lang).and_then(|p| {
        import::pick(p, args.entry).map_err(|e| format!("{}: {}", from.display(), e.text(lang)))
    }) {
        Ok(r) => r,
        Err(e) => return common::usage_error(e),
    };
    let mut spec = r.to_spec();
    if let Some(t) = &global.target {
        spec.base_url = t.trim_end_matches('/').to_string();
    }
    for h in &args.headers {
        match super::send::parse_header(h, lang) {
            Ok((n, v)) => spec.set_header(&n, &v),
            Err(e) => return common::usage_error(e),
        }
    }
    for n in &args.omit_headers {
        spec.omit_header(n);
    }
    if let Some(c) = &args.client_id.client_id {
        spec.set_header(api::headers::CLIENT_ID, c);
    }
    for (name, v) in [
        ("mobile", &args.mobile),
        ("type", &args.scene),
        ("captcha_token", &args.captcha_token),
    ] {
        if let Some(v) = v {
            spec.set_field(name, v);
        }
    }
    if args.captcha_token.is_none()
        && let Some(w) = token_warning(&r, lang)
    {
        common::warn(lang, &w);
    }
    let warnings = crate::client::precheck::for_spec(&spec);
    for w in &warnings {
        common::warn(lang, &shown(w.text.get(lang)));
    }
    if args.curl {
        return match crate::client::send::record(&spec) {
            Ok(sent) => {
                let sent = if profile.redact {
                    let mut red = crate::client::report::Redactor::new();
                    red.learn_request(&sent);
                    red.request(&sent)
                } else {
                    sent
                };
                println!("{}", crate::client::curl::curl(&sent));
                ExitCode::SUCCESS
            }
            Err(e) => common::usage_error(e),
        };
    }
    let http = match common::http(&profile) {
        Ok(h) => h,
        Err(code) => return code,
    };
    common::runtime().block_on(async move {
        let x = match common::send(&http, &spec, lang).await {
            Ok(x) => x,
            Err(code) => return code,
        };
        let mut ctx = profile.explain_context();
        ctx.captcha_sender = args.sender.clone();
        common::print_and_write_har(&x, &ctx, args.json, args.har.as_deref(), &warnings, lang)
    })
}

//! `vflow import FILE|-`: show what vflow understood of a request copied from
//! an app (curl, HAR 1.2, raw HTTP/1.1) and the warnings before sending it.
//! `vflow send --from FILE|-` (in `send.rs`) sends it; both share [`load`].

use super::{GlobalArgs, common};
use crate::api;
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

/// Read a file or stdin as text.
pub fn read_input(path: &Path) -> Result<String, String> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 text (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Read and parse; errors are already worded for the user (`FILE: message at L:C`).
pub fn load(path: &Path) -> Result<Parsed, String> {
    let text = read_input(path)?;
    import::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Control characters from an imported file are shown escaped, never sent to the terminal.
fn shown(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// The warning about a pass token found in an imported request.
pub fn token_warning(r: &Imported) -> Option<String> {
    r.captcha_token().map(|_| {
        "the request carries a captcha pass token: pass tokens are single-use and live 180 s, \
so this one is probably spent or expired (expect IDAAS.SDK.CAPTCHA.0003); solve a new puzzle \
(`vflow captcha get` / `vflow captcha verify`) and give it with --captcha-token"
            .to_string()
    })
}

/// Pre-send warnings on the request as it will be sent.
///
/// PRECHECK: the single call site of the pre-send checks for imported requests.
/// When `client::precheck` lands, the lead replaces this body by a call to it.
pub fn presend_warnings(spec: &RequestSpec) -> Vec<String> {
    let mut w = Vec::new();
    for h in api::headers::HEADERS.iter().filter(|h| h.required) {
        match spec.header(h.name).filter(|s| s.enabled) {
            None => w.push(format!("header {} is missing (required)", h.name)),
            Some(s) if s.value.trim().is_empty() => {
                w.push(format!("header {} is blank (required)", h.name))
            }
            _ => {}
        }
    }
    let body: Option<serde_json::Map<String, serde_json::Value>> = spec
        .body_bytes()
        .and_then(|b| serde_json::from_slice(&b).ok());
    if spec.path.starts_with(api::paths::SMS_SEND) {
        let get = |k: &str| {
            body.as_ref()
                .and_then(|m| m.get(k))
                .and_then(|v| v.as_str())
        };
        if let Some(m) = get("mobile")
            && let Some(p) = api::mobile::problem(m)
        {
            w.push(format!("mobile: {p}"));
        }
        if let Some(t) = get("captcha_token").filter(|t| !t.is_empty()) {
            match api::token::parse_pass_token(t) {
                Ok(pt) => w.extend(
                    api::token::warnings(&pt)
                        .into_iter()
                        .map(|s| format!("captcha_token: {s}")),
                ),
                Err(e) => w.push(format!("captcha_token: {}", e.message(api::Lang::En))),
            }
        }
    }
    w
}

/// A human description of one imported request.
pub fn describe(r: &Imported, spec: &RequestSpec) -> String {
    let mut out = format!("{} {}\n", shown(&r.method), shown(&r.url()));
    out.push_str(&format!(
        "headers ({}, as the app sent them, in order):\n",
        r.headers.len()
    ));
    for (n, v) in &r.headers {
        out.push_str(&format!("  {}: {}\n", shown(n), shown(v)));
    }
    if !r.omitted.is_empty() {
        out.push_str(&format!(
            "  (not sent: {})\n",
            r.omitted
                .iter()
                .map(|n| shown(n))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    match (&r.body, r.body_fields()) {
        (None, _) => out.push_str("no body\n"),
        (Some(_), Some(m)) => {
            out.push_str(&format!("body: a JSON object, {} fields:\n", m.len()));
            let known: &[&str] = if spec.path.starts_with(api::paths::SMS_SEND) {
                &["mobile", "type", "captcha_token"]
            } else {
                &[]
            };
            for (k, v) in &m {
                let value = match v {
                    serde_json::Value::String(s) => format!("{:?}", s),
                    other => format!("{other} (not a string)"),
                };
                let extra = if !known.is_empty() && !known.contains(&k.as_str()) {
                    "  (not a field of sms/send: kept and sent)"
                } else {
                    ""
                };
                out.push_str(&format!("  {} = {}{extra}\n", shown(k), shown(&value)));
            }
        }
        (Some(b), None) => out.push_str(&format!(
            "body ({} bytes, not a JSON object, sent unchanged):\n  {}\n",
            b.len(),
            shown(&String::from_utf8_lossy(b))
        )),
    }
    if spec.raw_body.is_some() && r.body_fields().is_some() {
        out.push_str("  (sent byte for byte as imported)\n");
    }
    out
}

fn print_list(file: &Path, h: &import::HarImport) {
    println!(
        "read as: HAR ({}): {} entries, {} vendor-API request(s), {} skipped",
        shown(&file.display().to_string()),
        h.entries.len() + h.skipped.len(),
        h.entries.len(),
        h.skipped.len()
    );
    for (n, r) in &h.entries {
        println!("  #{n}  {} {}", shown(&r.method), shown(&r.url()));
    }
    if !h.skipped.is_empty() {
        println!("skipped:");
        for (n, what, why) in &h.skipped {
            println!("  #{n}  {}: {why}", shown(what));
        }
    }
}

pub fn run(args: ImportArgs) -> ExitCode {
    let parsed = match load(&args.file) {
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
                "skipped": h.skipped.iter().map(|(n, w, why)| serde_json::json!({"entry": n, "request": w, "reason": why})).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&v).expect("JSON"));
        } else {
            print_list(&args.file, &h);
            if let Some((n, _)) = h.entries.first() {
                println!(
                    "show one with: vflow import {} --entry {n}",
                    common::shell_arg(&args.file)
                );
            }
        }
        return if h.entries.is_empty() {
            common::usage_error("the HAR holds no vendor-API request")
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
        Err(e) => return common::usage_error(format!("{}: {e}", args.file.display())),
    };
    let spec = r.to_spec();
    let mut warnings: Vec<String> = token_warning(&r).into_iter().collect();
    warnings.extend(presend_warnings(&spec));
    if args.json {
        let v = serde_json::json!({
            "format": match r.format { Format::Curl => "curl", Format::Har => "har", Format::Raw => "raw" },
            "method": r.method,
            "url": r.url(),
            "headers": r.headers.iter().map(|(n, v)| serde_json::json!([n, v])).collect::<Vec<_>>(),
            "omitted_headers": r.omitted,
            "body": r.body.as_ref().map(|b| String::from_utf8_lossy(b).into_owned()),
            "body_fields": r.body_fields(),
            "notes": r.notes,
            "warnings": warnings,
        });
        println!("{}", serde_json::to_string_pretty(&v).expect("JSON"));
        return ExitCode::SUCCESS;
    }
    let skipped = if skipped > 0 {
        format!(", {skipped} other HAR entries skipped")
    } else {
        String::new()
    };
    println!(
        "read as: {} ({}{skipped})",
        r.format.label(),
        shown(&args.file.display().to_string())
    );
    print!("{}", describe(&r, &spec));
    for n in &r.notes {
        println!("note: {}", shown(n));
    }
    if warnings.is_empty() {
        println!("no warnings before sending");
    } else {
        println!("warnings before sending:");
        for w in &warnings {
            println!("  ! {}", shown(w));
        }
    }
    println!(
        "send it with: vflow send --from {}{} [--target URL]",
        common::shell_arg(&args.file),
        args.entry
            .map(|n| format!(" --entry {n}"))
            .unwrap_or_default()
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
    let r = match load(&from)
        .and_then(|p| import::pick(p, args.entry).map_err(|e| format!("{}: {e}", from.display())))
    {
        Ok(r) => r,
        Err(e) => return common::usage_error(e),
    };
    let mut spec = r.to_spec();
    if let Some(t) = &global.target {
        spec.base_url = t.trim_end_matches('/').to_string();
    }
    for h in &args.headers {
        match super::send::parse_header(h) {
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
        && let Some(w) = token_warning(&r)
    {
        eprintln!("vflow: warning: {w}");
    }
    for w in presend_warnings(&spec) {
        eprintln!("vflow: warning: {}", shown(&w));
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
        let x = match common::send(&http, &spec).await {
            Ok(x) => x,
            Err(code) => return code,
        };
        let mut ctx = profile.explain_context();
        ctx.captcha_sender = args.sender.clone();
        common::print_and_write_har(&x, &ctx, args.json, args.har.as_deref())
    })
}

//! HAR 1.2 files (devtools "Save all as HAR", Charles, Proxyman, mitmproxy),
//! read with the `har` crate. Only the vendor API's requests are imported;
//! the others are counted and skipped with a reason.

use super::{Format, HarImport, ImportError, Imported, Note, Pos, Problem, Skip, is_vendor_api};

/// Parse a HAR document.
pub fn parse(text: &str) -> Result<HarImport, ImportError> {
    let har = ::har::from_str(text).map_err(|e| error(text, e))?;
    let entries: Vec<::har::v1_2::Entries> = match har.log {
        ::har::Spec::V1_2(log) => log.entries,
        ::har::Spec::V1_3(log) => serde_json::to_value(log.entries)
            .and_then(serde_json::from_value)
            .map_err(|e| {
                ImportError::new(
                    Problem::Har13Entries {
                        detail: e.to_string(),
                    },
                    None,
                )
            })?,
    };
    let mut out = HarImport {
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for (i, e) in entries.into_iter().enumerate() {
        let n = i + 1;
        let label = format!("{} {}", e.request.method, e.request.url);
        match entry(&e.request) {
            Ok(r) if r.method.eq_ignore_ascii_case("OPTIONS") => {
                out.skipped.push((n, label, Skip::Preflight))
            }
            Ok(r) if !is_vendor_api(&r.path) => out.skipped.push((n, label, Skip::NotVendor)),
            Ok(r) => out.entries.push((n, r)),
            Err(why) => out
                .skipped
                .push((n, label, Skip::Unreadable(Box::new(why)))),
        }
    }
    Ok(out)
}

fn entry(r: &::har::v1_2::Request) -> Result<Imported, Problem> {
    let mut req = Imported::new(Format::Har);
    req.method = r.method.clone();
    req.set_url(&r.url)?;
    let mut pseudo = false;
    for h in &r.headers {
        if h.name.starts_with(':') {
            pseudo = true;
            continue;
        }
        req.headers.push((h.name.clone(), h.value.clone()));
    }
    if pseudo {
        req.notes.push(Note::PseudoHeaders);
    }
    if let Some(pd) = &r.post_data {
        match (&pd.text, &pd.params) {
            (Some(t), _) => req.body = Some(t.clone().into_bytes()),
            (None, Some(p)) if !p.is_empty() => {
                return Err(Problem::FormParamsOnly);
            }
            _ => req.body = Some(Vec::new()),
        }
    }
    Ok(req)
}

fn error(text: &str, e: ::har::Error) -> ImportError {
    match e {
        ::har::Error::DecodeJson { source } if source.line() > 0 => {
            let msg = source.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            let pos = Pos {
                line: source.line(),
                col: source.column().max(1),
            };
            let _ = text;
            ImportError::new(Problem::HarInvalid { detail: msg }, Some(pos))
        }
        ::har::Error::DecodeJson { source } => {
            let detail = source.to_string();
            ImportError::new(Problem::Har12Invalid { detail }, None)
        }
        other => ImportError::new(
            Problem::HarInvalid {
                detail: other.to_string(),
            },
            None,
        ),
    }
}

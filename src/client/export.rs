//! Exchanges out as HAR 1.2 (the `har` crate's types), written owner-only (0600).
//!
//! A HAR that vflow writes imports back ([`super::import`]) to the same request.

use super::{Exchange, Outcome};
use ::har::v1_2;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0
}

fn headers(h: &[(String, String)]) -> Vec<v1_2::Headers> {
    h.iter()
        .map(|(n, v)| v1_2::Headers {
            name: n.clone(),
            value: v.clone(),
            comment: None,
        })
        .collect()
}

fn find<'a>(h: &'a [(String, String)], name: &str) -> Option<&'a str> {
    h.iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// One exchange as a HAR entry.
pub fn entry(x: &Exchange) -> v1_2::Entries {
    let req = &x.request;
    let query_string = reqwest::Url::parse(&req.url)
        .map(|u| {
            u.query_pairs()
                .map(|(n, v)| v1_2::QueryString {
                    name: n.into_owned(),
                    value: v.into_owned(),
                    comment: None,
                })
                .collect()
        })
        .unwrap_or_default();
    let has_body = !req.body.is_empty() || find(&req.headers, "content-length").is_some();
    let request = v1_2::Request {
        method: req.method.clone(),
        url: req.url.clone(),
        http_version: "HTTP/1.1".into(),
        cookies: Vec::new(),
        headers: headers(&req.headers),
        query_string,
        post_data: has_body.then(|| v1_2::PostData {
            mime_type: find(&req.headers, "content-type")
                .unwrap_or_default()
                .to_string(),
            text: Some(String::from_utf8_lossy(&req.body).into_owned()),
            params: None,
            comment: None,
        }),
        headers_size: -1,
        body_size: req.body.len() as i64,
        comment: None,
    };
    let response = match &x.response {
        Some(r) => v1_2::Response {
            status: r.status as i64,
            status_text: http::StatusCode::from_u16(r.status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or_default()
                .to_string(),
            http_version: if r.version.is_empty() {
                "HTTP/1.1".into()
            } else {
                r.version.clone()
            },
            cookies: Vec::new(),
            headers: headers(&r.headers),
            content: v1_2::Content {
                size: r.body.len() as i64,
                compression: None,
                mime_type: Some(
                    find(&r.headers, "content-type")
                        .unwrap_or_default()
                        .to_string(),
                ),
                text: Some(String::from_utf8_lossy(&r.body).into_owned()),
                encoding: None,
                comment: r
                    .truncated
                    .then(|| "body cut at vflow's read limit".to_string()),
            },
            redirect_url: Some(find(&r.headers, "location").unwrap_or_default().to_string()),
            headers_size: -1,
            body_size: r.body.len() as i64,
            comment: None,
        },
        // No answer: status 0, as browsers' devtools record a failed request.
        None => v1_2::Response {
            status: 0,
            status_text: String::new(),
            http_version: String::new(),
            cookies: Vec::new(),
            headers: Vec::new(),
            content: v1_2::Content {
                size: 0,
                compression: None,
                mime_type: Some(String::new()),
                text: None,
                encoding: None,
                comment: None,
            },
            redirect_url: Some(String::new()),
            headers_size: -1,
            body_size: -1,
            comment: Some(match &x.outcome {
                Outcome::Transport { detail, .. } => format!("{}: {detail}", x.outcome.label()),
                o => o.label(),
            }),
        },
    };
    let total = ms(x.timing.total);
    let wait = x.timing.ttfb.map(ms).unwrap_or(total);
    v1_2::Entries {
        pageref: None,
        started_date_time: humantime::format_rfc3339_millis(x.started_at).to_string(),
        time: total,
        request,
        response,
        cache: v1_2::Cache {
            before_request: None,
            after_request: None,
        },
        timings: v1_2::Timings {
            blocked: Some(-1.0),
            dns: Some(-1.0),
            connect: Some(-1.0),
            send: 0.0,
            wait,
            receive: ((total - wait) * 1000.0).round().max(0.0) / 1000.0,
            ssl: Some(-1.0),
            comment: None,
        },
        server_ip_address: None,
        connection: None,
        comment: Some(x.outcome.label()),
    }
}

/// Exchanges as one HAR 1.2 document.
pub fn har<'a>(exchanges: impl IntoIterator<Item = &'a Exchange>) -> ::har::Har {
    ::har::Har {
        log: ::har::Spec::V1_2(v1_2::Log {
            creator: v1_2::Creator {
                name: "vflow".into(),
                version: env!("CARGO_PKG_VERSION").into(),
                comment: None,
            },
            browser: None,
            pages: None,
            entries: exchanges.into_iter().map(entry).collect(),
            comment: None,
        }),
    }
}

/// Create (or truncate) a file readable and writable by its owner only.
pub fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let f = o.open(path)?;
    // an existing file keeps its mode on open: tighten it
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(f)
}

/// Write exchanges as a HAR 1.2 file (mode 0600). `-` writes to stdout.
pub fn write_har<'a>(
    path: &Path,
    exchanges: impl IntoIterator<Item = &'a Exchange>,
) -> std::io::Result<()> {
    let text = ::har::to_json(&har(exchanges)).map_err(std::io::Error::other)?;
    if path == Path::new("-") {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        return out.write_all(b"\n");
    }
    let mut f = create_private(path)?;
    f.write_all(text.as_bytes())?;
    f.write_all(b"\n")
}

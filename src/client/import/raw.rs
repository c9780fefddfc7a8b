//! A raw HTTP/1.1 request (request line, headers, blank line, body) as Burp,
//! Charles or Proxyman copy it, with CRLF or bare LF line ends. The head is
//! parsed by `httparse`.

use super::{Format, ImportError, Imported, Note, Pos, Problem, RawSyntax};

const MAX_HEADERS: usize = 256;

/// Parse a raw request.
pub fn parse(text: &str) -> Result<Imported, ImportError> {
    let mut req = Imported::new(Format::Raw);
    // Burp shows HTTP/2 requests with an `HTTP/2` request line: same fields.
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_end].trim_end_matches('\r');
    let owned: String;
    let mut input = text;
    for v in [" HTTP/2", " HTTP/2.0"] {
        if let Some(start) = first.strip_suffix(v) {
            owned = format!("{start} HTTP/1.1{}", &text[first.len()..]);
            input = owned.as_str();
            req.notes.push(Note::Http2);
            break;
        }
    }
    let bytes = input.as_bytes();
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    let (head_len, complete) = match parsed.parse(bytes) {
        Ok(httparse::Status::Complete(n)) => (n, true),
        Ok(httparse::Status::Partial) => (bytes.len(), false),
        Err(e) => return Err(locate(input, e)),
    };
    if !complete {
        // no blank line after the headers: the copy is head only
        let mut with_end = input.trim_end_matches(['\r', '\n']).to_string();
        with_end.push_str("\r\n\r\n");
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut p = httparse::Request::new(&mut headers);
        match p.parse(with_end.as_bytes()) {
            Ok(httparse::Status::Complete(_)) => {
                fill(&mut req, &p)?;
                return Ok(req);
            }
            Ok(httparse::Status::Partial) => {
                return Err(ImportError::new(
                    Problem::RawHeadEndsEarly,
                    Some(Pos::of(input, input.len())),
                ));
            }
            Err(e) => return Err(locate(input, e)),
        }
    }
    fill(&mut req, &parsed)?;
    let mut body = bytes[head_len..].to_vec();
    match req
        .header("content-length")
        .map(|v| v.trim().parse::<usize>())
    {
        Some(Ok(n)) if body.len() > n => {
            let extra = &body[n..];
            if !extra.iter().all(|b| b.is_ascii_whitespace()) {
                req.notes.push(Note::BodyLonger {
                    len: body.len(),
                    declared: n,
                });
            }
            body.truncate(n);
        }
        Some(Ok(n)) if body.len() < n => req.notes.push(Note::BodyShorter {
            len: body.len(),
            declared: n,
        }),
        Some(Err(_)) => {
            return Err(ImportError::new(
                Problem::RawContentLength,
                header_pos(input, "content-length"),
            ));
        }
        _ => {
            while matches!(body.last(), Some(b'\n' | b'\r')) {
                body.pop();
            }
        }
    }
    if req
        .header("transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"))
    {
        return Err(ImportError::new(
            Problem::RawChunked,
            header_pos(input, "transfer-encoding"),
        ));
    }
    if !body.is_empty() || req.header("content-length").is_some() {
        req.body = Some(body);
    }
    Ok(req)
}

fn fill(req: &mut Imported, p: &httparse::Request) -> Result<(), ImportError> {
    req.method = p.method.unwrap_or_default().to_string();
    for h in p.headers.iter() {
        let value = String::from_utf8(h.value.to_vec()).map_err(|_| {
            ImportError::new(
                Problem::RawHeaderNotUtf8 {
                    name: h.name.to_string(),
                },
                None,
            )
        })?;
        req.headers.push((h.name.to_string(), value));
    }
    let target = p.path.unwrap_or("/");
    if target.starts_with("http://") || target.starts_with("https://") {
        req.set_url(target)
            .map_err(|e| ImportError::new(e, Some(Pos::START)))?;
        return Ok(());
    }
    if !target.starts_with('/') {
        return Err(ImportError::new(
            Problem::RawTarget {
                target: target.to_string(),
            },
            Some(Pos::START),
        ));
    }
    let host = req
        .header("host")
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .ok_or_else(|| ImportError::new(Problem::RawNoHost, None))?
        .to_string();
    let hostname = host.rsplit_once(':').map(|(h, _)| h).unwrap_or(&host);
    let plain = host.ends_with(":80")
        || host.ends_with(":8080")
        || matches!(hostname, "localhost" | "[::1]" | "10.0.2.2")
        || hostname.starts_with("127.");
    let scheme = if plain { "http" } else { "https" };
    req.notes.push(Note::SchemeAssumed { scheme });
    req.set_url(&format!("{scheme}://{host}{target}"))
        .map_err(|e| ImportError::new(e, None))?;
    Ok(())
}

/// The position of the first header line with this name.
fn header_pos(text: &str, name: &str) -> Option<Pos> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line
            .split_once(':')
            .is_some_and(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        {
            return Some(Pos::of(text, offset));
        }
        offset += line.len();
    }
    None
}

/// Find the line httparse stumbled on: the first prefix of whole lines that fails.
fn locate(text: &str, e: httparse::Error) -> ImportError {
    let what = match e {
        httparse::Error::HeaderName => RawSyntax::HeaderName,
        httparse::Error::HeaderValue => RawSyntax::HeaderValue,
        httparse::Error::NewLine => RawSyntax::NewLine,
        httparse::Error::Token => RawSyntax::Token,
        httparse::Error::Version => RawSyntax::Version,
        httparse::Error::TooManyHeaders => RawSyntax::TooManyHeaders,
        httparse::Error::Status => RawSyntax::Status,
    };
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let upto = &text[..offset + line.len()];
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut p = httparse::Request::new(&mut headers);
        let mut probe = upto.trim_end_matches(['\r', '\n']).to_string();
        probe.push_str("\r\n\r\n");
        if p.parse(probe.as_bytes()).is_err() {
            let col = if line.contains(':') || offset == 0 {
                1
            } else {
                line.trim_end().chars().count() + 1
            };
            let mut pos = Pos::of(text, offset);
            pos.col = col;
            let header_hint = offset > 0 && !line.contains(':');
            return ImportError::new(Problem::RawSyntax { what, header_hint }, Some(pos));
        }
        offset += line.len();
        if line.trim().is_empty() {
            break;
        }
    }
    ImportError::new(
        Problem::RawSyntax {
            what,
            header_hint: false,
        },
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lf_and_crlf_read_the_same() {
        let lf = "POST /api/v2/sdk/sms/send HTTP/1.1\nHost: t.example\nX-Agent: a b\nContent-Type: application/json;charset=utf8\nContent-Length: 2\n\n{}";
        let crlf = lf.replace('\n', "\r\n");
        let a = parse(lf).unwrap();
        let b = parse(&crlf).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.url(), "https://t.example/api/v2/sdk/sms/send");
        assert_eq!(a.headers[1], ("X-Agent".into(), "a b".into()));
        assert_eq!(
            a.header("content-type"),
            Some("application/json;charset=utf8")
        );
        assert_eq!(a.body.as_deref(), Some(&b"{}"[..]));
    }

    #[test]
    fn bad_header_line_is_located() {
        let e = parse("POST /a HTTP/1.1\nHost: h\nthis is not a header\n\n").unwrap_err();
        assert_eq!(e.pos.map(|p| p.line), Some(3), "{e}");
        assert!(e.message().contains("Name: value"), "{e}");
        let e = parse("POST /a HTTP/1.1\n\n").unwrap_err();
        assert!(e.message().contains("no Host"), "{e}");
    }

    #[test]
    fn head_only_and_http2_and_absolute_form() {
        let r = parse("GET http://127.0.0.1:8080/api/v2/sdk/captcha HTTP/2\nx-agent: a").unwrap();
        assert_eq!(r.url(), "http://127.0.0.1:8080/api/v2/sdk/captcha");
        assert_eq!(r.body, None);
        assert_eq!(r.notes, [Note::Http2]);
    }
}

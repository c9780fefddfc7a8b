//! Bring your own request: a curl command, a HAR 1.2 file or a raw HTTP/1.1
//! request, read into an [`Imported`] request exactly as the app sent it
//! (header names, order and casing; body bytes; unknown body fields) and
//! turned into a [`RequestSpec`] to review, edit and send.
//!
//! ```
//! use vflow::client::import::{parse, Parsed};
//! let text = "curl 'https://t.example/api/v2/sdk/sms/send' -H 'X-client-id: abc' \
//!             --data-raw '{\"mobile\":\"13800138000\"}'";
//! let Parsed::One(req) = parse(text).unwrap() else { unreachable!() };
//! assert_eq!(req.method, "POST");
//! let spec = req.to_spec();
//! assert_eq!(spec.path, "/api/v2/sdk/sms/send");
//! ```

pub mod curl;
pub mod har;
mod problem;
pub mod raw;

pub use problem::{Note, Problem, RawSyntax, Skip};

use super::{HeaderSetting, RequestSpec};

/// Where in the input something is: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, col: 1 };

    /// The position of a byte offset in `text`.
    pub fn of(text: &str, offset: usize) -> Pos {
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        Pos {
            line,
            col: before[line_start..].chars().count() + 1,
        }
    }
}

/// Input that could not be imported: what, and where when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub problem: Problem,
    pub pos: Option<Pos>,
}

impl ImportError {
    pub fn new(problem: Problem, pos: Option<Pos>) -> Self {
        ImportError { problem, pos }
    }

    /// What is wrong, in English, without the position.
    pub fn message(&self) -> String {
        self.problem.to_string()
    }

    /// What is wrong and where, in `lang` (`Display` is the English).
    pub fn text(&self, lang: crate::api::Lang) -> String {
        let message = self.problem.text(lang);
        match self.pos {
            Some(p) => crate::t!(
                lang,
                "client-import-at",
                message = message,
                line = p.line,
                col = p.col
            ),
            None => message,
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::api::Lang::En))
    }
}

impl std::error::Error for ImportError {}

/// The format an input was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Curl,
    Har,
    Raw,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Curl => "curl command",
            Format::Har => "HAR",
            Format::Raw => "raw HTTP request",
        }
    }
}

/// One request as the app sent it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub format: Format,
    pub method: String,
    /// `scheme://authority` of the request, e.g. `https://tenant.example`.
    pub base_url: String,
    /// Path and query, e.g. `/api/v2/sdk/sms/send`.
    pub path: String,
    /// Every header in order, names as written (HTTP/2 pseudo-headers dropped).
    pub headers: Vec<(String, String)>,
    /// Headers the command removed from curl's defaults (`-H 'Accept:'`).
    pub omitted: Vec<String>,
    /// The body bytes as sent; `None` when there was no body.
    pub body: Option<Vec<u8>>,
    /// Things worth knowing that are not errors (e.g. `--compressed`).
    pub notes: Vec<Note>,
}

impl Imported {
    fn new(format: Format) -> Self {
        Imported {
            format,
            method: String::new(),
            base_url: String::new(),
            path: String::new(),
            headers: Vec::new(),
            omitted: Vec::new(),
            body: None,
            notes: Vec::new(),
        }
    }

    /// Split an absolute http(s) URL into base and path+query (fragment dropped).
    fn set_url(&mut self, url: &str) -> Result<(), Problem> {
        let u = reqwest::Url::parse(url.trim()).map_err(|e| Problem::BadUrl {
            url: url.to_string(),
            detail: e.to_string(),
        })?;
        if u.scheme() != "http" && u.scheme() != "https" {
            return Err(Problem::UrlScheme {
                url: url.to_string(),
            });
        }
        let host = u.host_str().ok_or_else(|| Problem::UrlNoHost {
            url: url.to_string(),
        })?;
        self.base_url = match u.port() {
            Some(p) => format!("{}://{host}:{p}", u.scheme()),
            None => format!("{}://{host}", u.scheme()),
        };
        self.path = match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        };
        Ok(())
    }

    pub fn url(&self) -> String {
        format!("{}{}", self.base_url, self.path)
    }

    /// The first header of this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn has_header(&self, name: &str) -> bool {
        self.header(name).is_some()
    }

    fn is_omitted(&self, name: &str) -> bool {
        self.omitted.iter().any(|n| n.eq_ignore_ascii_case(name))
    }

    /// The body as a JSON object (field order kept), when it is one.
    pub fn body_fields(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        match serde_json::from_slice(self.body.as_deref()?) {
            Ok(serde_json::Value::Object(m)) => Some(m),
            _ => None,
        }
    }

    /// A pass token in the body (`captcha_token`), if any.
    pub fn captcha_token(&self) -> Option<String> {
        match self.body_fields()?.get("captcha_token")? {
            serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
            _ => None,
        }
    }

    /// The request to send: same method, URL, headers (order and casing) and body.
    ///
    /// A JSON object of strings in vflow's compact form becomes editable body
    /// fields; any other body is kept as exact bytes ([`RequestSpec::raw_body`]).
    pub fn to_spec(&self) -> RequestSpec {
        let mut headers: Vec<HeaderSetting> = self
            .headers
            .iter()
            .map(|(n, v)| super::build::header(n, v))
            .collect();
        for n in &self.omitted {
            headers.push(HeaderSetting {
                name: n.clone(),
                value: String::new(),
                enabled: false,
            });
        }
        let mut spec = RequestSpec {
            method: self.method.clone(),
            base_url: self.base_url.clone(),
            path: self.path.clone(),
            headers,
            body: None,
            raw_body: None,
        };
        if let Some(bytes) = &self.body {
            let fields = self.body_fields().and_then(|m| {
                m.iter()
                    .map(|(k, v)| v.as_str().map(|s| super::build::field(k, s)))
                    .collect::<Option<Vec<_>>>()
            });
            let as_fields = fields.map(|f| {
                spec.body = Some(f);
                spec.body_bytes().as_deref() == Some(bytes.as_slice())
            });
            if as_fields != Some(true) {
                spec.body = None;
                spec.raw_body = Some(bytes.clone());
            }
        }
        spec
    }
}

/// Several requests from one HAR file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HarImport {
    /// Vendor-API entries: (1-based entry number in the file, request).
    pub entries: Vec<(usize, Imported)>,
    /// Entries left out: (entry number, `METHOD URL`, reason).
    pub skipped: Vec<(usize, String, Skip)>,
}

/// What an input turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    One(Imported),
    Har(HarImport),
}

/// Guess the format from the first non-blank characters.
pub fn detect(text: &str) -> Option<Format> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') {
        return Some(Format::Har);
    }
    let first_word = t.split_whitespace().next().unwrap_or_default();
    let prog = first_word.trim_matches(['\'', '"']);
    let prog = prog.rsplit('/').next().unwrap_or_default();
    if prog == "curl" || prog == "curl.exe" {
        return Some(Format::Curl);
    }
    let line = t.lines().next().unwrap_or_default();
    let mut parts = line.split(' ');
    let method_ok = parts
        .next()
        .is_some_and(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_uppercase()));
    let _target = parts.next();
    if method_ok
        && parts
            .next()
            .is_some_and(|v| v.trim_end().starts_with("HTTP/"))
    {
        return Some(Format::Raw);
    }
    None
}

/// Read any supported format, detected automatically.
pub fn parse(text: &str) -> Result<Parsed, ImportError> {
    match detect(text) {
        Some(Format::Curl) => curl::parse(text.trim_start_matches('\u{feff}')).map(Parsed::One),
        Some(Format::Har) => har::parse(text).map(Parsed::Har),
        Some(Format::Raw) => raw::parse(text.trim_start_matches('\u{feff}')).map(Parsed::One),
        None => {
            let offset = text.len() - text.trim_start().len();
            Err(ImportError::new(
                Problem::UnknownFormat,
                Some(Pos::of(text, offset)),
            ))
        }
    }
}

/// One request: the only one, or entry `entry` (1-based) of a HAR.
pub fn pick(parsed: Parsed, entry: Option<usize>) -> Result<Imported, ImportError> {
    match parsed {
        Parsed::One(r) => match entry {
            None | Some(1) => Ok(r),
            Some(n) => Err(ImportError::new(Problem::EntryNotHar { n }, None)),
        },
        Parsed::Har(h) => match entry {
            Some(n) => h
                .entries
                .into_iter()
                .find(|(i, _)| *i == n)
                .map(|(_, r)| r)
                .ok_or_else(|| {
                    let problem = h
                        .skipped
                        .iter()
                        .find(|(i, _, _)| *i == n)
                        .map(|(_, _, why)| Problem::EntrySkipped {
                            n,
                            why: why.clone(),
                        })
                        .unwrap_or(Problem::NoSuchEntry { n });
                    ImportError::new(problem, None)
                }),
            None if h.entries.len() == 1 => Ok(h.entries.into_iter().next().expect("one entry").1),
            None if h.entries.is_empty() => Err(ImportError::new(
                Problem::HarNoVendor {
                    skipped: h.skipped.len(),
                },
                None,
            )),
            None => Err(ImportError::new(
                Problem::HarMany { n: h.entries.len() },
                None,
            )),
        },
    }
}

/// Is this path one of the vendor API's (`/api/v2/sdk/...`)?
pub fn is_vendor_api(path: &str) -> bool {
    path.split('?')
        .next()
        .unwrap_or_default()
        .contains("/api/v2/sdk/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_chars() {
        let t = "ab\n中c d";
        assert_eq!(Pos::of(t, 0), Pos { line: 1, col: 1 });
        assert_eq!(Pos::of(t, 3), Pos { line: 2, col: 1 });
        assert_eq!(Pos::of(t, t.find('d').unwrap()), Pos { line: 2, col: 4 });
    }

    #[test]
    fn detection() {
        assert_eq!(detect("  curl 'http://x'"), Some(Format::Curl));
        assert_eq!(detect("/usr/bin/curl http://x"), Some(Format::Curl));
        assert_eq!(detect("\n{\"log\":{}}"), Some(Format::Har));
        assert_eq!(
            detect("POST /a HTTP/1.1\r\nHost: h\r\n\r\n"),
            Some(Format::Raw)
        );
        assert_eq!(detect("hello world"), None);
        let e = parse("\n  hello").unwrap_err();
        assert_eq!(e.pos, Some(Pos { line: 2, col: 3 }));
    }

    #[test]
    fn spec_keeps_fields_when_bytes_match_and_raw_otherwise() {
        let mut r = Imported::new(Format::Raw);
        r.method = "POST".into();
        r.set_url("https://t.example:8443/api/v2/sdk/sms/send?a=1#frag")
            .unwrap();
        assert_eq!(r.base_url, "https://t.example:8443");
        assert_eq!(r.path, "/api/v2/sdk/sms/send?a=1");
        r.headers = vec![("X-Agent".into(), "A".into()), ("x-L".into(), "".into())];
        r.body = Some(br#"{"mobile":"1","type":"LOGIN_SMS"}"#.to_vec());
        let s = r.to_spec();
        assert_eq!(s.headers[0].name, "X-Agent");
        assert_eq!(s.headers[1].name, "x-L");
        assert_eq!(s.field("type").unwrap().value, "LOGIN_SMS");
        assert!(s.raw_body.is_none());
        r.body = Some(b"{\"mobile\": \"1\", \"n\": 2}".to_vec());
        let s = r.to_spec();
        assert!(s.body.is_none());
        assert_eq!(s.body_bytes().unwrap(), r.body.clone().unwrap());
        r.body = Some(b"mobile=1".to_vec());
        assert_eq!(r.to_spec().body_bytes().unwrap(), b"mobile=1");
    }
}

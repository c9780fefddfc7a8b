//! What can go wrong, or be worth knowing, when reading an import: typed, so
//! the TUI and the CLI say it in the UI language ([`Problem::text`],
//! [`Note::text`], [`Skip::text`]); `Display` is the English text (and what
//! `--json` prints).

use crate::api::Lang;
use crate::t;

/// Why an input could not be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Neither curl, HAR nor a raw request.
    UnknownFormat,
    /// `--entry N` on an input that holds one request.
    EntryNotHar {
        n: usize,
    },
    /// `--entry N` names a HAR entry that was skipped.
    EntrySkipped {
        n: usize,
        why: Skip,
    },
    /// `--entry N` names no entry.
    NoSuchEntry {
        n: usize,
    },
    /// The HAR holds no vendor-API request.
    HarNoVendor {
        skipped: usize,
    },
    /// The HAR holds several vendor-API requests and none was picked.
    HarMany {
        n: usize,
    },
    /// The URL does not parse.
    BadUrl {
        url: String,
        detail: String,
    },
    /// The URL is not http(s).
    UrlScheme {
        url: String,
    },
    /// The URL has no host.
    UrlNoHost {
        url: String,
    },
    /// A HAR 1.3 log's entries do not read as HAR 1.2 entries.
    Har13Entries {
        detail: String,
    },
    /// Not a valid HAR document (JSON or structure): the parser's words.
    HarInvalid {
        detail: String,
    },
    /// Not a valid HAR 1.2 document: the parser's words.
    Har12Invalid {
        detail: String,
    },
    /// A HAR body recorded as form parameters only.
    FormParamsOnly,
    CurlEmpty,
    CurlNotCurl {
        first: String,
    },
    CurlNeedsValue {
        opt: String,
    },
    CurlCookieFile {
        opt: String,
        value: String,
    },
    CurlUnsupported {
        opt: String,
    },
    CurlNoUrl,
    CurlDataFile {
        opt: String,
        value: String,
    },
    CurlSecondUrl {
        url: String,
        first: String,
    },
    CurlHeaderFile {
        opt: String,
        file: String,
    },
    CurlHeaderNoName {
        opt: String,
        header: String,
    },
    CurlHeaderShape {
        opt: String,
        header: String,
    },
    /// `shell-words` could not split the command: its words.
    ShellWords {
        detail: String,
    },
    ShellSyntax {
        c: char,
    },
    ShellExpansion {
        c: char,
    },
    UnclosedSingle,
    UnclosedDouble,
    AnsiCUnclosed,
    AnsiCNotUtf8,
    /// `\x`, `\u` or `\U` without hex digits in `$'...'` (`escape` is the letter).
    AnsiCNoHex {
        escape: char,
    },
    /// `\u` or `\U` with a value that is no Unicode scalar value (`escape` as written).
    AnsiCNotScalar {
        escape: String,
    },
    RawHeadEndsEarly,
    RawContentLength,
    RawChunked,
    RawHeaderNotUtf8 {
        name: String,
    },
    RawTarget {
        target: String,
    },
    RawNoHost,
    /// The request head does not parse; `header_hint` when the line is a header
    /// line without a colon.
    RawSyntax {
        what: RawSyntax,
        header_hint: bool,
    },
}

/// Which part of a raw request head `httparse` refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawSyntax {
    HeaderName,
    HeaderValue,
    NewLine,
    Token,
    Version,
    TooManyHeaders,
    Status,
}

/// Something worth knowing about an imported request that is not an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// curl's `--compressed`.
    Compressed,
    /// curl's `-k`/`--insecure`.
    Insecure,
    /// `-d` without a Content-Type: curl's form type was added.
    FormContentType,
    /// HTTP/2 pseudo-headers left out of a HAR entry.
    PseudoHeaders,
    /// A raw request with an `HTTP/2` request line.
    Http2,
    /// The body is longer than Content-Length: the rest was dropped.
    BodyLonger { len: usize, declared: usize },
    /// The body is shorter than Content-Length: the copy may be cut.
    BodyShorter { len: usize, declared: usize },
    /// A raw request's scheme was guessed.
    SchemeAssumed { scheme: &'static str },
}

/// Why a HAR entry was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    Preflight,
    NotVendor,
    /// The entry could not be read as a request.
    Unreadable(Box<Problem>),
}

/// `"text"` as Rust's `{:?}` writes it (the input quoted, escapes visible).
fn q(s: &str) -> String {
    format!("{s:?}")
}

impl Problem {
    /// The problem in `lang` (technical tokens, the input's words and the
    /// parsers' own details stay as they are).
    pub fn text(&self, lang: Lang) -> String {
        use Problem::*;
        match self {
            UnknownFormat => t!(lang, "client-import-unknown-format"),
            EntryNotHar { n } => t!(lang, "client-import-entry-not-har", n = *n),
            EntrySkipped { n, why } => {
                t!(
                    lang,
                    "client-import-entry-skipped",
                    n = *n,
                    why = why.text(lang)
                )
            }
            NoSuchEntry { n } => t!(lang, "client-import-no-such-entry", n = *n),
            HarNoVendor { skipped } => {
                t!(lang, "client-import-har-no-vendor", skipped = *skipped)
            }
            HarMany { n } => t!(lang, "client-import-har-many", n = *n),
            BadUrl { url, detail } => {
                t!(lang, "client-import-bad-url", url = q(url), detail = detail)
            }
            UrlScheme { url } => t!(lang, "client-import-url-scheme", url = q(url)),
            UrlNoHost { url } => t!(lang, "client-import-url-no-host", url = q(url)),
            Har13Entries { detail } => t!(lang, "client-import-har13-entries", detail = detail),
            HarInvalid { detail } => t!(lang, "client-import-har-invalid", detail = detail),
            Har12Invalid { detail } => t!(lang, "client-import-har12-invalid", detail = detail),
            FormParamsOnly => t!(lang, "client-import-form-params-only"),
            CurlEmpty => t!(lang, "client-import-curl-empty"),
            CurlNotCurl { first } => t!(lang, "client-import-curl-not-curl", first = q(first)),
            CurlNeedsValue { opt } => t!(lang, "client-import-curl-needs-value", opt = opt),
            CurlCookieFile { opt, value } => t!(
                lang,
                "client-import-curl-cookie-file",
                opt = opt,
                value = q(value)
            ),
            CurlUnsupported { opt } => t!(lang, "client-import-curl-unsupported", opt = opt),
            CurlNoUrl => t!(lang, "client-import-curl-no-url"),
            CurlDataFile { opt, value } => {
                t!(
                    lang,
                    "client-import-curl-data-file",
                    opt = opt,
                    value = value
                )
            }
            CurlSecondUrl { url, first } => t!(
                lang,
                "client-import-curl-second-url",
                url = q(url),
                first = q(first)
            ),
            CurlHeaderFile { opt, file } => {
                t!(
                    lang,
                    "client-import-curl-header-file",
                    opt = opt,
                    file = file
                )
            }
            CurlHeaderNoName { opt, header } => t!(
                lang,
                "client-import-curl-header-no-name",
                opt = opt,
                header = q(header)
            ),
            CurlHeaderShape { opt, header } => t!(
                lang,
                "client-import-curl-header-shape",
                opt = opt,
                header = q(header)
            ),
            ShellWords { detail } => t!(lang, "client-import-shell-words", detail = detail),
            ShellSyntax { c } => t!(lang, "client-import-shell-syntax", c = format!("{c:?}")),
            ShellExpansion { c } => {
                t!(lang, "client-import-shell-expansion", c = format!("{c:?}"))
            }
            UnclosedSingle => t!(lang, "client-import-unclosed-single"),
            UnclosedDouble => t!(lang, "client-import-unclosed-double"),
            AnsiCUnclosed => t!(lang, "client-import-ansi-c-unclosed"),
            AnsiCNotUtf8 => t!(lang, "client-import-ansi-c-not-utf8"),
            AnsiCNoHex { escape } => t!(
                lang,
                "client-import-ansi-c-no-hex",
                escape = format!("\\{escape}")
            ),
            AnsiCNotScalar { escape } => {
                t!(lang, "client-import-ansi-c-not-scalar", escape = escape)
            }
            RawHeadEndsEarly => t!(lang, "client-import-raw-head-ends-early"),
            RawContentLength => t!(lang, "client-import-raw-content-length"),
            RawChunked => t!(lang, "client-import-raw-chunked"),
            RawHeaderNotUtf8 { name } => {
                t!(lang, "client-import-raw-header-not-utf8", name = name)
            }
            RawTarget { target } => t!(lang, "client-import-raw-target", target = q(target)),
            RawNoHost => t!(lang, "client-import-raw-no-host"),
            RawSyntax { what, header_hint } => {
                let what = what.text(lang);
                if *header_hint {
                    t!(lang, "client-import-raw-header-hint", what = what)
                } else {
                    what
                }
            }
        }
    }
}

impl RawSyntax {
    pub fn text(self, lang: Lang) -> String {
        match self {
            RawSyntax::HeaderName => t!(lang, "client-import-raw-header-name"),
            RawSyntax::HeaderValue => t!(lang, "client-import-raw-header-value"),
            RawSyntax::NewLine => t!(lang, "client-import-raw-new-line"),
            RawSyntax::Token => t!(lang, "client-import-raw-request-line"),
            RawSyntax::Version => t!(lang, "client-import-raw-version"),
            RawSyntax::TooManyHeaders => t!(lang, "client-import-raw-too-many-headers"),
            RawSyntax::Status => t!(lang, "client-import-raw-status"),
        }
    }
}

impl Note {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Note::Compressed => t!(lang, "client-import-note-compressed"),
            Note::Insecure => t!(lang, "client-import-note-insecure"),
            Note::FormContentType => t!(lang, "client-import-note-form-content-type"),
            Note::PseudoHeaders => t!(lang, "client-import-note-pseudo-headers"),
            Note::Http2 => t!(lang, "client-import-note-http2"),
            Note::BodyLonger { len, declared } => t!(
                lang,
                "client-import-note-body-longer",
                len = *len,
                declared = *declared
            ),
            Note::BodyShorter { len, declared } => t!(
                lang,
                "client-import-note-body-shorter",
                len = *len,
                declared = *declared
            ),
            Note::SchemeAssumed { scheme } => {
                t!(lang, "client-import-note-scheme-assumed", scheme = *scheme)
            }
        }
    }
}

impl Skip {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Skip::Preflight => t!(lang, "client-import-skip-preflight"),
            Skip::NotVendor => t!(lang, "client-import-skip-not-vendor"),
            Skip::Unreadable(p) => p.text(lang),
        }
    }
}

macro_rules! english_display {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.text(Lang::En))
            }
        }
    )*};
}
english_display!(Problem, Note, Skip);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::import::{ImportError, Pos, parse, pick};

    fn has_chinese(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_problem_has_both_languages_the_english_as_before() {
        let cases: Vec<(&str, &str)> = vec![
            (
                "hello world",
                "not a curl command, a HAR file or a raw HTTP/1.1 request (METHOD /path HTTP/1.1) at 1:1",
            ),
            (
                "curl http://h/a http://h/b",
                "a second URL \"http://h/b\" (the first is \"http://h/a\"): import one request at a time at 1:17",
            ),
            (
                "curl -H 'nocolon' http://h/",
                "curl option -H \"nocolon\": expected 'Name: value' at 1:6",
            ),
            (
                "curl -d @body.json http://h/",
                "curl option -d @body.json reads a file: paste the body instead (or use --data-raw) at 1:6",
            ),
            (
                "curl 'ftp://h/x'",
                "URL \"ftp://h/x\": the scheme must be http or https at 1:6",
            ),
            (
                "curl $'\\xZZ' http://h/",
                "\\x without hex digits in $'...' at 1:8",
            ),
            (
                "curl 'http://h/ | sh",
                "missing closing ' of the quote that starts here at 1:6",
            ),
            (
                "GET /a HTTP/1.1\nx-agent: a\n\n",
                "no Host header: the raw request does not say which server it went to",
            ),
            (
                "POST /a HTTP/1.1\nHost: h\nbroken line\n\n",
                "invalid header name: a header line needs `Name: value` at 3:12",
            ),
        ];
        for (input, en) in cases {
            let e = parse(input).unwrap_err();
            assert_eq!(e.to_string(), en, "{input}");
            assert_eq!(e.text(Lang::En), en);
            let zh = e.text(Lang::Zh);
            assert!(has_chinese(&zh), "{input}: {zh}");
            assert_ne!(zh, en);
            if let Some(p) = e.pos {
                assert!(
                    zh.ends_with(&format!("（第 {} 行第 {} 列）", p.line, p.col)),
                    "{zh}"
                );
            }
        }
        let e = parse("curl http://h/ --form x").unwrap_err();
        assert_eq!(e.problem.text(Lang::Zh), "不支持的 curl 选项 --form");
        assert_eq!(
            ImportError::new(Problem::UnknownFormat, Some(Pos { line: 2, col: 3 })).text(Lang::Zh),
            "既不是 curl 命令、HAR 文件，也不是原始 HTTP/1.1 请求（METHOD /path HTTP/1.1）（第 2 行第 3 列）"
        );
    }

    #[test]
    fn har_skips_and_entry_problems_in_both_languages() {
        let e = pick(
            crate::client::import::Parsed::Har(crate::client::import::HarImport {
                entries: vec![],
                skipped: vec![(3, "OPTIONS https://h/".into(), Skip::Preflight)],
            }),
            Some(3),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "--entry 3: it was skipped (a CORS preflight (OPTIONS))"
        );
        assert_eq!(
            e.text(Lang::Zh),
            "--entry 3：该条记录已被跳过（CORS 预检请求（OPTIONS））"
        );
        let unreadable = Skip::Unreadable(Box::new(Problem::FormParamsOnly));
        assert_eq!(
            unreadable.text(Lang::En),
            "the body is recorded as form parameters only, not as text"
        );
        assert_eq!(
            unreadable.text(Lang::Zh),
            "请求体只以表单参数记录，没有原文"
        );
        assert_eq!(
            Problem::HarMany { n: 2 }.text(Lang::En),
            "the HAR holds 2 vendor-API requests: pick one with --entry N (see `vflow import`)"
        );
    }

    #[test]
    fn notes_in_both_languages() {
        let notes = [
            Note::Compressed,
            Note::Insecure,
            Note::FormContentType,
            Note::PseudoHeaders,
            Note::Http2,
            Note::BodyLonger {
                len: 12,
                declared: 10,
            },
            Note::BodyShorter {
                len: 8,
                declared: 10,
            },
            Note::SchemeAssumed { scheme: "https" },
        ];
        for n in &notes {
            assert!(has_chinese(&n.text(Lang::Zh)), "{n:?}");
            assert!(!has_chinese(&n.to_string()), "{n:?}");
        }
        assert_eq!(
            notes[5].to_string(),
            "the body is 12 bytes but Content-Length says 10: the rest was dropped"
        );
        assert_eq!(
            notes[5].text(Lang::Zh),
            "请求体有 12 字节，但 Content-Length 为 10：多出的部分已丢弃"
        );
        assert_eq!(
            notes[7].to_string(),
            "a raw request does not say http or https: https assumed (give --target to choose)"
        );
    }
}

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
    EntryNotHar { n: usize },
    /// `--entry N` names a HAR entry that was skipped.
    EntrySkipped { n: usize, why: Skip },
    /// `--entry N` names no entry.
    NoSuchEntry { n: usize },
    /// The HAR holds no vendor-API request.
    HarNoVendor { skipped: usize },
    /// The HAR holds several vendor-API requests and none was picked.
    HarMany { n: usize },
    /// The URL does not parse.
    BadUrl { url: String, detail: String },
    /// The URL is not http(s).
    UrlScheme { url: String },
    /// The URL has no host.
    UrlNoHost { url: String },
    /// A HAR 1.3 log's entries do not read as HAR 1.2 entries.
    Har13Entries { detail: String },
    /// Not a valid HAR document (JSON or structure): the parser's words.
    HarInvalid { detail: String },
    /// Not a valid HAR 1.2 document: the parser's words.
    Har12Invalid { detail: String },
    /// A HAR body recorded as form parameters only.
    FormParamsOnly,
    CurlEmpty,
    CurlNotCurl { first: String },
    CurlNeedsValue { opt: String },
    CurlCookieFile { opt: String, value: String },
    CurlUnsupported { opt: String },
    CurlNoUrl,
    CurlDataFile { opt: String, value: String },
    CurlSecondUrl { url: String, first: String },
    CurlHeaderFile { opt: String, file: String },
    CurlHeaderNoName { opt: String, header: String },
    CurlHeaderShape { opt: String, header: String },
    /// `shell-words` could not split the command: its words.
    ShellWords { detail: String },
    ShellSyntax { c: char },
    ShellExpansion { c: char },
    UnclosedSingle,
    UnclosedDouble,
    AnsiCUnclosed,
    AnsiCNotUtf8,
    /// `\x`, `\u` or `\U` without hex digits in `$'...'` (`escape` is the letter).
    AnsiCNoHex { escape: char },
    /// `\u` or `\U` with a value that is no Unicode scalar value (`escape` as written).
    AnsiCNotScalar { escape: String },
    RawHeadEndsEarly,
    RawContentLength,
    RawChunked,
    RawHeaderNotUtf8 { name: String },
    RawTarget { target: String },
    RawNoHost,
    /// The request head does not parse; `header_hint` when the line is a header
    /// line without a colon.
    RawSyntax { what: RawSyntax, header_hint: bool },
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
                t!(lang, "client-import-entry-skipped", n = *n, why = why.text(lang))
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
                t!(lang, "client-import-curl-data-file", opt = opt, value = value)
            }
            CurlSecondUrl { url, first } => t!(
                lang,
                "client-import-curl-second-url",
                url = q(url),
                first = q(first)
            ),
            CurlHeaderFile { opt, file } => {
                t!(lang, "client-import-curl-header-file", opt = opt, file = file)
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

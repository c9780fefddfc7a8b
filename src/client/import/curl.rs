//! A curl command as browsers' devtools copy it ("Copy as cURL (bash)"), or as
//! `vflow send --curl` prints it, read back into an [`Imported`] request.
//!
//! Words are split by the `shell-words` crate (POSIX rules, `\` line
//! continuations included). Bash's ANSI-C quoting `$'...'`, which Chrome emits
//! when a value holds a quote, `!` or a control character, is not POSIX: a
//! pre-pass decodes each `$'...'` and re-quotes it as a plain `'...'` word part,
//! and records where each word starts so errors can name a line and column.

use super::{Format, ImportError, Imported, Note, Pos, Problem};

/// One word of the command and where it starts in the original text.
#[derive(Debug)]
struct Word {
    text: String,
    pos: Option<Pos>,
}

/// Parse a curl command line.
pub fn parse(text: &str) -> Result<Imported, ImportError> {
    let words = split(text)?;
    let mut it = words.into_iter().peekable();
    let first = it
        .next()
        .ok_or_else(|| ImportError::new(Problem::CurlEmpty, Some(Pos::START)))?;
    let prog = first.text.rsplit('/').next().unwrap_or_default();
    if prog != "curl" && prog != "curl.exe" {
        return Err(ImportError::new(
            Problem::CurlNotCurl { first: first.text },
            first.pos,
        ));
    }
    let mut st = State {
        req: Imported::new(Format::Curl),
        method: None,
        url: None,
        data: Vec::new(),
        json_body: false,
    };
    while let Some(w) = it.next() {
        let pos = w.pos;
        if !w.text.starts_with('-') || w.text == "-" {
            set_url(&mut st.url, w.text, pos)?;
            continue;
        }
        let (opts, attached) = expand(&w.text);
        let n = opts.len();
        for (i, opt) in opts.into_iter().enumerate() {
            let mut value = || {
                if i + 1 == n
                    && let Some(a) = attached.clone()
                {
                    return Ok(a);
                }
                it.next().map(|w| w.text).ok_or_else(|| {
                    ImportError::new(Problem::CurlNeedsValue { opt: opt.clone() }, pos)
                })
            };
            st.option(&opt, &mut value, pos)?;
        }
    }
    st.finish()
}

/// Split `-XPOST`, `-sSi`, `-H'a: b'` into (options, the last one's attached value);
/// a long option stays whole.
fn expand(word: &str) -> (Vec<String>, Option<String>) {
    if word.starts_with("--") {
        return (vec![word.to_string()], None);
    }
    let letters: Vec<char> = word[1..].chars().collect();
    let mut opts = Vec::new();
    for (i, c) in letters.iter().enumerate() {
        opts.push(format!("-{c}"));
        if takes_value(&format!("-{c}")) {
            let rest: String = letters[i + 1..].iter().collect();
            return (opts, Some(rest).filter(|r| !r.is_empty()));
        }
    }
    (opts, None)
}

/// What the options read so far say about the request.
struct State {
    req: Imported,
    method: Option<String>,
    url: Option<(String, Option<Pos>)>,
    data: Vec<String>,
    json_body: bool,
}

impl State {
    /// Apply one option; `value` takes its value (attached or the next word).
    fn option(
        &mut self,
        opt: &str,
        value: &mut dyn FnMut() -> Result<String, ImportError>,
        pos: Option<Pos>,
    ) -> Result<(), ImportError> {
        let req = &mut self.req;
        match opt {
            "-H" | "--header" => add_header(req, &value()?, opt, pos)?,
            "-X" | "--request" => self.method = Some(value()?),
            "--url" => set_url(&mut self.url, value()?, pos)?,
            "--data-raw" => self.data.push(value()?),
            "-d" | "--data" | "--data-binary" | "--data-ascii" => {
                let d = value()?;
                self.data.push(data_value(opt, d, pos)?);
            }
            "--json" => {
                self.data.push(value()?);
                self.json_body = true;
            }
            "-b" | "--cookie" => {
                let c = value()?;
                if !c.contains('=') {
                    return Err(ImportError::new(
                        Problem::CurlCookieFile {
                            opt: opt.into(),
                            value: c,
                        },
                        pos,
                    ));
                }
                req.headers.push(("Cookie".into(), c));
            }
            "-A" | "--user-agent" => req.headers.push(("User-Agent".into(), value()?)),
            "-e" | "--referer" => req.headers.push(("Referer".into(), value()?)),
            "-u" | "--user" => {
                use base64::Engine;
                let b = base64::engine::general_purpose::STANDARD.encode(value()?.as_bytes());
                req.headers
                    .push(("Authorization".into(), format!("Basic {b}")));
            }
            "--compressed" => req.notes.push(Note::Compressed),
            "-k" | "--insecure" => req.notes.push(Note::Insecure),
            // Options that change curl's output or transport, not the request.
            "-s"
            | "--silent"
            | "-S"
            | "--show-error"
            | "-i"
            | "--include"
            | "-v"
            | "--verbose"
            | "-L"
            | "--location"
            | "-g"
            | "--globoff"
            | "-f"
            | "--fail"
            | "--http1.1"
            | "--http2"
            | "--no-progress-meter"
            | "--path-as-is"
            | "-N"
            | "--no-buffer" => {}
            other => {
                return Err(ImportError::new(
                    Problem::CurlUnsupported { opt: other.into() },
                    pos,
                ));
            }
        }
        Ok(())
    }

    /// The request, once every word is read.
    fn finish(self) -> Result<Imported, ImportError> {
        let State {
            mut req,
            method,
            url,
            data,
            json_body,
        } = self;
        let (url, url_pos) = url.ok_or_else(|| ImportError::new(Problem::CurlNoUrl, None))?;
        req.set_url(&url)
            .map_err(|e| ImportError::new(e, url_pos))?;
        if !data.is_empty() {
            req.body = Some(data.join("&").into_bytes());
            if json_body {
                if !req.has_header("content-type") {
                    req.headers
                        .push(("Content-Type".into(), "application/json".into()));
                }
                if !req.has_header("accept") {
                    req.headers
                        .push(("Accept".into(), "application/json".into()));
                }
            } else if !req.has_header("content-type") && !req.is_omitted("content-type") {
                // what curl itself adds to -d bodies
                req.headers.push((
                    "Content-Type".into(),
                    "application/x-www-form-urlencoded".into(),
                ));
                req.notes.push(Note::FormContentType);
            }
        }
        req.method = method.unwrap_or_else(|| if data.is_empty() { "GET" } else { "POST" }.into());
        Ok(req)
    }
}

/// The value of `-d`/`--data`/`--data-binary`/`--data-ascii` as curl sends it.
fn data_value(opt: &str, d: String, pos: Option<Pos>) -> Result<String, ImportError> {
    if d.starts_with('@') {
        return Err(ImportError::new(
            Problem::CurlDataFile {
                opt: opt.into(),
                value: d,
            },
            pos,
        ));
    }
    Ok(if opt == "--data-binary" {
        d
    } else {
        // curl's -d strips carriage returns and newlines
        d.replace(['\r', '\n'], "")
    })
}

fn set_url(
    url: &mut Option<(String, Option<Pos>)>,
    text: String,
    pos: Option<Pos>,
) -> Result<(), ImportError> {
    if let Some((first, _)) = url {
        return Err(ImportError::new(
            Problem::CurlSecondUrl {
                url: text,
                first: first.clone(),
            },
            pos,
        ));
    }
    *url = Some((text, pos));
    Ok(())
}

fn takes_value(opt: &str) -> bool {
    matches!(
        opt,
        "-H" | "-X" | "-d" | "-b" | "-A" | "-e" | "-u" | "-o" | "-F" | "-T" | "-x" | "-c"
    )
}

/// `Name: value`; `Name;` sends it blank; `Name:` removes one of curl's own headers.
fn add_header(req: &mut Imported, h: &str, opt: &str, pos: Option<Pos>) -> Result<(), ImportError> {
    if let Some(file) = h.strip_prefix('@') {
        return Err(ImportError::new(
            Problem::CurlHeaderFile {
                opt: opt.into(),
                file: file.into(),
            },
            pos,
        ));
    }
    if let Some((name, value)) = h.split_once(':') {
        let name = name.trim();
        if name.is_empty() {
            return Err(ImportError::new(
                Problem::CurlHeaderNoName {
                    opt: opt.into(),
                    header: h.into(),
                },
                pos,
            ));
        }
        let value = value.trim();
        if value.is_empty() {
            req.omitted.push(name.to_string());
        } else {
            req.headers.push((name.to_string(), value.to_string()));
        }
        return Ok(());
    }
    if let Some(name) = h.strip_suffix(';')
        && !name.trim().is_empty()
        && !name.contains(char::is_whitespace)
    {
        req.headers.push((name.trim().to_string(), String::new()));
        return Ok(());
    }
    Err(ImportError::new(
        Problem::CurlHeaderShape {
            opt: opt.into(),
            header: h.into(),
        },
        pos,
    ))
}

/// Split into words with `shell-words`, after decoding `$'...'` and noting word starts.
fn split(text: &str) -> Result<Vec<Word>, ImportError> {
    let (posix, starts) = prepass(text)?;
    let words = shell_words::split(&posix).map_err(|e| {
        ImportError::new(
            Problem::ShellWords {
                detail: e.to_string(),
            },
            None,
        )
    })?;
    let aligned = words.len() == starts.len();
    Ok(words
        .into_iter()
        .enumerate()
        .map(|(i, text)| Word {
            text,
            pos: if aligned { Some(starts[i]) } else { None },
        })
        .collect())
}

/// Rewrite `$'...'` as `'...'` and CRLF line ends as LF (outside quotes), and
/// return where each word starts in the original text.
fn prepass(text: &str) -> Result<(String, Vec<Pos>), ImportError> {
    #[derive(PartialEq)]
    enum St {
        Top,
        Single,
        Double,
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut starts = Vec::new();
    let mut st = St::Top;
    let mut in_word = false;
    let mut quote_start = 0usize;
    let mut i = 0;
    let pos = |offset: usize| Pos::of(text, offset);
    while i < chars.len() {
        let (off, c) = chars[i];
        let next = chars.get(i + 1).map(|&(_, c)| c);
        match st {
            St::Top => {
                let mut begin = |in_word: &mut bool| {
                    if !*in_word {
                        starts.push(pos(off));
                        *in_word = true;
                    }
                };
                match c {
                    ' ' | '\t' | '\n' => {
                        in_word = false;
                        out.push(c);
                    }
                    '\r' if next == Some('\n') => {}
                    '\\' if next == Some('\n') => {
                        out.push_str("\\\n");
                        i += 1;
                    }
                    '\\' if next == Some('\r') && chars.get(i + 2).map(|x| x.1) == Some('\n') => {
                        out.push_str("\\\n");
                        i += 2;
                    }
                    '\\' => {
                        begin(&mut in_word);
                        out.push(c);
                        if let Some(n) = next {
                            out.push(n);
                            i += 1;
                        }
                    }
                    '\'' => {
                        begin(&mut in_word);
                        out.push(c);
                        st = St::Single;
                        quote_start = off;
                    }
                    '"' => {
                        begin(&mut in_word);
                        out.push(c);
                        st = St::Double;
                        quote_start = off;
                    }
                    '$' if next == Some('\'') => {
                        begin(&mut in_word);
                        let (decoded, consumed) = ansi_c(&chars[i + 2..])
                            .map_err(|(msg, k)| {
                                let at = chars.get(i + 2 + k).map(|x| x.0).unwrap_or(off);
                                ImportError::new(msg, Some(pos(at)))
                            })?
                            .ok_or_else(|| {
                                ImportError::new(Problem::AnsiCUnclosed, Some(pos(off)))
                            })?;
                        out.push('\'');
                        out.push_str(&decoded.replace('\'', "'\\''"));
                        out.push('\'');
                        i += 2 + consumed;
                        continue;
                    }
                    '`' | '|' | ';' | '&' | '<' | '>' | '(' | ')' => {
                        return Err(ImportError::new(Problem::ShellSyntax { c }, Some(pos(off))));
                    }
                    _ => {
                        begin(&mut in_word);
                        out.push(c);
                    }
                }
            }
            St::Single => {
                out.push(c);
                if c == '\'' {
                    st = St::Top;
                }
            }
            St::Double => {
                out.push(c);
                if c == '\\' {
                    if let Some(n) = next {
                        out.push(n);
                        i += 1;
                    }
                } else if c == '"' {
                    st = St::Top;
                } else if c == '$' || c == '`' {
                    return Err(ImportError::new(
                        Problem::ShellExpansion { c },
                        Some(pos(off)),
                    ));
                }
            }
        }
        i += 1;
    }
    match st {
        St::Top => Ok((out, starts)),
        St::Single => Err(ImportError::new(
            Problem::UnclosedSingle,
            Some(pos(quote_start)),
        )),
        St::Double => Err(ImportError::new(
            Problem::UnclosedDouble,
            Some(pos(quote_start)),
        )),
    }
}

/// Decode the inside of `$'...'` (bash's ANSI-C quoting) starting after `$'`.
/// Returns the text and how many chars were consumed including the closing `'`;
/// `Ok(None)` when the closing quote is missing; `Err((message, index))` for a bad escape.
#[allow(clippy::type_complexity)]
fn ansi_c(chars: &[(usize, char)]) -> Result<Option<(String, usize)>, (Problem, usize)> {
    let mut bytes: Vec<u8> = Vec::new();
    let mut i = 0;
    let push_char = |bytes: &mut Vec<u8>, c: char| {
        let mut b = [0u8; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
    };
    let hex_digits = |from: usize, max: usize| {
        let mut v: u32 = 0;
        let mut n = 0;
        while n < max {
            match chars.get(from + n).and_then(|x| x.1.to_digit(16)) {
                Some(d) => v = v * 16 + d,
                None => break,
            }
            n += 1;
        }
        (v, n)
    };
    while i < chars.len() {
        let c = chars[i].1;
        if c == '\'' {
            let s = String::from_utf8(bytes).map_err(|_| (Problem::AnsiCNotUtf8, 0))?;
            return Ok(Some((s, i + 1)));
        }
        if c != '\\' {
            push_char(&mut bytes, c);
            i += 1;
            continue;
        }
        let Some(&(_, e)) = chars.get(i + 1) else {
            return Ok(None);
        };
        i += 2;
        match e {
            'a' => bytes.push(0x07),
            'b' => bytes.push(0x08),
            'e' | 'E' => bytes.push(0x1b),
            'f' => bytes.push(0x0c),
            'n' => bytes.push(b'\n'),
            'r' => bytes.push(b'\r'),
            't' => bytes.push(b'\t'),
            'v' => bytes.push(0x0b),
            '\\' | '\'' | '"' | '?' => push_char(&mut bytes, e),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                let mut n = 0;
                while n < 2 {
                    match chars.get(i).and_then(|x| x.1.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            i += 1;
                            n += 1;
                        }
                        None => break,
                    }
                }
                bytes.push((v & 0xff) as u8);
            }
            'x' => {
                let (v, n) = hex_digits(i, 2);
                if n == 0 {
                    return Err((Problem::AnsiCNoHex { escape: 'x' }, i - 2));
                }
                bytes.push(v as u8);
                i += n;
            }
            'u' | 'U' => {
                let (v, n) = hex_digits(i, if e == 'u' { 4 } else { 8 });
                if n == 0 {
                    return Err((Problem::AnsiCNoHex { escape: e }, i - 2));
                }
                let ch = char::from_u32(v).ok_or_else(|| {
                    (
                        Problem::AnsiCNotScalar {
                            escape: format!("\\{e}{v:X}"),
                        },
                        i - 2,
                    )
                })?;
                push_char(&mut bytes, ch);
                i += n;
            }
            'c' => {
                let Some(&(_, x)) = chars.get(i) else {
                    return Ok(None);
                };
                bytes.push((x as u32 & 0x1f) as u8);
                i += 1;
            }
            other => {
                // bash keeps unknown escapes as written
                bytes.push(b'\\');
                push_char(&mut bytes, other);
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        split(s).unwrap().into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn ansi_c_quoting_is_decoded() {
        assert_eq!(
            words(r#"curl $'{"a":"it\'s"}' $'x\u0021y' $'\x41\101\n\t' a$'b'c"#),
            ["curl", r#"{"a":"it's"}"#, "x!y", "AA\n\t", "abc"]
        );
        // a $' inside plain quotes is not ANSI-C
        assert_eq!(words(r#"curl '$'"'"'x'"#), ["curl", "$'x"]);
        assert_eq!(words(r#"curl $'\u4e2d\U0001F600'"#), ["curl", "中😀"]);
    }

    #[test]
    fn continuations_and_crlf() {
        assert_eq!(
            words("curl 'http://h/' \\\r\n  -H 'a: b' \\\n  --compressed"),
            ["curl", "http://h/", "-H", "a: b", "--compressed"]
        );
    }

    #[test]
    fn word_positions_follow_lines() {
        let w = split("curl 'http://h/' \\\n  -H 'a: b' \\\n  --form x").unwrap();
        assert_eq!(w[4].text, "--form");
        assert_eq!(w[4].pos, Some(Pos { line: 3, col: 3 }));
    }

    #[test]
    fn bad_quoting_is_located() {
        let e = split("curl 'http://h/' -H 'a: b").unwrap_err();
        assert_eq!(
            e.to_string(),
            "missing closing ' of the quote that starts here at 1:21"
        );
        let e = split("curl $'abc").unwrap_err();
        assert_eq!(e.to_string(), "missing closing ' of $'...' at 1:6");
        let e = split("curl http://h | sh").unwrap_err();
        assert!(e.to_string().ends_with("at 1:15"), "{e}");
    }
}

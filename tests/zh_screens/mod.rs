//! The Check, Probe and Puzzle screens in Chinese: an app that speaks Chinese as the real one
//! does with `--ui-lang zh` (and X-L following it), the screen's text as a person reads it
//! (a CJK character is one character on two columns), and the English phrases of these
//! screens' catalogue files that must not be left on a Chinese screen.
#![allow(dead_code)] // each test file uses the part it needs

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::text::Span;
use vflow::api::Lang;
use vflow::api::headers as h;
use vflow::client::HeaderSetting;
use vflow::tui::app::App;
use vflow::tui::view;

/// The fixtures' headers with X-L set to `lang` (X-L follows the UI language unless set).
pub fn headers_in(lang: Lang) -> Vec<HeaderSetting> {
    let mut hs = vflow::tui::fixtures::headers();
    for x in &mut hs {
        if x.name.eq_ignore_ascii_case(h::LANG) {
            x.value = lang.code().into();
        }
    }
    hs
}

/// `a` speaking Chinese: the UI language, and X-L as `--ui-lang zh` leaves it.
pub fn in_chinese(a: &mut App) {
    a.ui_lang = Lang::Zh;
    a.headers = headers_in(Lang::Zh);
    a.base_headers = headers_in(Lang::Zh);
    // a check run already started did so with these headers too (as if Chinese all along)
    if a.check.ran_with.is_some() {
        a.check.ran_with = Some(headers_in(Lang::Zh));
    }
}

/// The terminal after drawing `a` at `w`x`h`.
pub fn draw(a: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    a.size = (w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(a, f)).unwrap();
    t
}

/// The rows of the screen as text: the cell a wide character covers is not repeated.
pub fn rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0usize;
        for x in 0..buf.area.width {
            let s = buf[(x, y)].symbol();
            if skip == 0 {
                line.push_str(s);
            }
            skip = skip.max(Span::raw(s).width()).saturating_sub(1);
        }
        out.push(line);
    }
    out
}

/// The whole screen as text, one row per line.
pub fn text(t: &Terminal<TestBackend>) -> String {
    rows(t).join("\n")
}

/// Terminal columns `s` takes.
pub fn cols(s: &str) -> usize {
    Span::raw(s).width()
}

/// The column where `needle` starts in `row` (in terminal columns).
pub fn column_of(row: &str, needle: &str) -> Option<usize> {
    row.find(needle).map(|i| cols(&row[..i]))
}

/// Every row takes exactly the screen's width: a CJK character counted as one column
/// would push the border out of line.
pub fn assert_rows_fit(t: &Terminal<TestBackend>) {
    let w = t.backend().buffer().area.width as usize;
    for (y, r) in rows(t).iter().enumerate() {
        assert_eq!(cols(r), w, "row {y} is {} columns: {r:?}", cols(r));
    }
}

/// The English phrases (three words or more, no placeable) of `files`
/// (`assets/locales/en/en-US/NAME.ftl`). The probes' role names (`pass token`, `wrong code`)
/// are left out: the suites' own English texts use them as words.
pub fn english_phrases(files: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        let path = format!(
            "{}/assets/locales/en/en-US/{f}.ftl",
            env!("CARGO_MANIFEST_DIR")
        );
        let src = std::fs::read_to_string(&path).unwrap();
        for line in src.lines() {
            let Some((id, value)) = line.split_once(" = ") else {
                continue;
            };
            let words = value.split_whitespace().count();
            if id.starts_with('#') || id.contains("-role-") || value.contains('{') || words < 3 {
                continue;
            }
            out.push(value.trim().to_string());
        }
    }
    assert!(out.len() > 10, "{files:?}: {out:?}");
    out
}

/// The English phrases of `files` found on a Chinese screen (none is right).
pub fn english_left(screen: &str, files: &[&str]) -> Vec<String> {
    english_phrases(files)
        .into_iter()
        .filter(|p| screen.contains(p.as_str()))
        .collect()
}

/// Phrases of these screens' catalogue that the explanation pane (`tui::explain_view`,
/// not these screens' words) also uses as a heading.
const ELSEWHERE: &[&str] = &["What it means"];

/// The screen has Chinese and none of the screens' English phrases.
pub fn assert_chinese(screen: &str, files: &[&str]) {
    assert_chinese_but(screen, files, &[]);
}

/// [`assert_chinese`], but for the phrases in `allowed` (where a lower layer's English
/// sentence, shown as it is, contains them).
pub fn assert_chinese_but(screen: &str, files: &[&str], allowed: &[&str]) {
    assert!(
        screen
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "no Chinese on screen:\n{screen}"
    );
    let left: Vec<_> = english_left(screen, files)
        .into_iter()
        .filter(|p| !allowed.contains(&p.as_str()) && !ELSEWHERE.contains(&p.as_str()))
        .collect();
    assert!(left.is_empty(), "English left: {left:?}\n{screen}");
}

/// The text with borders and line breaks gone, to find wrapped words.
pub fn flat(s: &str) -> String {
    s.chars()
        .map(|c| {
            if "│─┌┐└┘├┤┏┓┗┛┃━".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

//! Bring your own request (Ctrl+O on the token step, or `vflow --import FILE`):
//! paste a curl command, a HAR or a raw HTTP/1.1 request, or give a file's
//! path; see what was understood; Enter takes it to the review exactly as
//! imported (header names, order and casing, body fields, unknown ones kept).

use super::super::app::{App, Cmd, SCENE_OTHER, Screen, Step};
use super::super::keymap::{Action, Binding, Key, key, plain};
use crate::api::{Scene, text::visible};
use crate::client::RequestSpec;
use crate::client::import::{self, Imported, Parsed};
use crate::t;
use crossterm::event::KeyCode;
use tui_input::Input;

/// What the Import screen keeps.
#[derive(Debug, Default)]
pub struct ImportState {
    /// The path typed (or a one-line command).
    pub input: Input,
    /// Where the text came from ("pasted text", a path).
    pub source: String,
    /// What the last text parsed to.
    pub parsed: Option<Result<Parsed, import::ImportError>>,
    /// The selected entry of a HAR with several.
    pub sel: usize,
    /// A file being read.
    pub reading: bool,
    /// First line of the summary shown.
    pub scroll: u16,
}

/// The request in use came from an import: sends start from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedRequest {
    /// The request as imported (its own URL).
    pub spec: RequestSpec,
    /// "curl command from pasted text", "HAR entry #6 of app.har", ...
    pub label: String,
    /// The pass token the request carried, if any.
    pub token: Option<String>,
    /// (mobile, scene, token) in the inputs right after the import: a body
    /// field changes only when its input was edited since.
    pub inputs: (String, String, String),
    /// Taken from the Traffic screen (`e`): Esc on the review goes back there.
    pub from_traffic: bool,
}

pub const KEYS: &[Binding] = &[
    key(
        &[plain(KeyCode::Enter)],
        Action::Accept,
        "Enter",
        "tui-keys-read-path-use-it",
    ),
    key(
        &[plain(KeyCode::Up)],
        Action::Up,
        "↑↓",
        "tui-keys-entry-scroll",
    ),
    key(&[plain(KeyCode::Down)], Action::Down, "↑↓", "").grouped(),
    key(
        &[Key::Ctrl('d')],
        Action::DropImport,
        "Ctrl+D",
        "tui-keys-forget-import",
    )
    .shown_when(|a| a.imported.is_some()),
    key(&[plain(KeyCode::Esc)], Action::Back, "Esc", "tui-keys-back"),
    key(&[Key::Ctrl('c')], Action::Quit, "Ctrl+C", "tui-keys-quit"),
];

/// Open the Import screen (from the token step).
pub(crate) fn open(app: &mut App) -> Vec<Cmd> {
    app.screen = Screen::Import;
    vec![]
}

pub(crate) fn on_action(app: &mut App, action: Action) -> Vec<Cmd> {
    match action {
        Action::Back => app.screen = Screen::Wizard(Step::Token),
        Action::Up => move_sel(app, false),
        Action::Down => move_sel(app, true),
        Action::DropImport => {
            app.imported = None;
            app.headers = app.base_headers.clone();
            app.notice(t!(app.ui_lang, "tui-lists-import-forgotten"));
        }
        Action::Accept => return accept(app),
        _ => {}
    }
    vec![]
}

fn move_sel(app: &mut App, down: bool) {
    let st = &mut app.import;
    match &st.parsed {
        Some(Ok(Parsed::Har(h))) if h.entries.len() > 1 => {
            st.sel = if down {
                (st.sel + 1).min(h.entries.len() - 1)
            } else {
                st.sel.saturating_sub(1)
            };
        }
        _ => {
            st.scroll = if down {
                st.scroll.saturating_add(1)
            } else {
                st.scroll.saturating_sub(1)
            }
        }
    }
}

/// Enter: a typed path (or command) is read; a parsed request is taken.
fn accept(app: &mut App) -> Vec<Cmd> {
    let typed = app.import.input.value().trim().to_string();
    if !typed.is_empty() {
        app.import.input = Input::default();
        if import::detect(&typed).is_some() {
            // A one-line command typed or pasted into the field.
            let source = t!(app.ui_lang, "tui-lists-import-typed");
            set_text(app, &source, &typed);
            return vec![];
        }
        app.import.reading = true;
        return vec![Cmd::ReadImport(typed.into())];
    }
    let chosen = match &app.import.parsed {
        Some(Ok(Parsed::One(r))) => Some((r.clone(), app.import.source.clone())),
        Some(Ok(Parsed::Har(h))) => h.entries.get(app.import.sel).map(|(n, r)| {
            (
                r.clone(),
                t!(
                    app.ui_lang,
                    "tui-lists-import-entry-of",
                    n = *n,
                    source = app.import.source.as_str()
                ),
            )
        }),
        _ => None,
    };
    match chosen {
        Some((r, source)) => use_request(app, &r, &source),
        None => app.error(t!(app.ui_lang, "tui-lists-import-nothing")),
    }
    vec![]
}

/// Text arrived (pasted, typed, or read from a file): parse it.
pub(crate) fn set_text(app: &mut App, source: &str, text: &str) {
    let st = &mut app.import;
    st.source = source.to_string();
    st.parsed = Some(import::parse(text));
    st.sel = 0;
    st.scroll = 0;
}

/// Whether the Import screen takes this paste: any paste on it, and a whole
/// request (a curl command or a raw HTTP request, never a token) pasted into
/// the token step's field, which opens it.
pub(crate) fn takes_paste(app: &App, text: &str) -> bool {
    match app.screen {
        Screen::Import => true,
        Screen::Wizard(Step::Token) => matches!(
            import::detect(text),
            Some(import::Format::Curl | import::Format::Raw)
        ),
        _ => false,
    }
}

/// A bracketed paste the Import screen takes: the whole text, newlines kept.
pub(crate) fn on_paste(app: &mut App, text: &str) -> Vec<Cmd> {
    if app.screen != Screen::Import {
        app.import = ImportState::default();
        app.screen = Screen::Import;
    }
    // A terminal pastes a line break as CR (what Enter sends): the text is
    // read with the line breaks it was copied with.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let source = t!(app.ui_lang, "tui-lists-import-pasted");
    set_text(app, &source, &text);
    vec![]
}

/// A file asked for with Enter was read (or not).
pub(crate) fn on_read(app: &mut App, path: String, res: Result<String, String>) -> Vec<Cmd> {
    app.import.reading = false;
    match res {
        Ok(text) => set_text(app, &path, &text),
        Err(e) => app.error(e),
    }
    vec![]
}

/// What `vflow --import FILE` hands over: one request goes straight to the
/// review, a HAR with several waits on the Import screen for a choice.
pub fn start_with(app: &mut App, source: &str, parsed: Parsed) {
    let one = match &parsed {
        Parsed::One(r) => Some(r.clone()),
        Parsed::Har(h) if h.entries.len() == 1 => Some(h.entries[0].1.clone()),
        Parsed::Har(_) => None,
    };
    match one {
        Some(r) => use_request(app, &r, source),
        None => {
            app.import.source = source.to_string();
            app.import.parsed = Some(Ok(parsed));
            app.screen = Screen::Import;
        }
    }
}

/// Take `r` as the request to review and send: its headers exactly, its
/// body fields into the inputs; then the review.
pub fn use_request(app: &mut App, r: &Imported, source: &str) {
    let spec = r.to_spec();
    let fields = r.body_fields().unwrap_or_default();
    let text = |k: &str| match fields.get(k) {
        Some(serde_json::Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    app.headers = spec.headers.clone();
    app.mobile = Input::new(text("mobile"));
    let scene = text("type");
    if !scene.is_empty() {
        match Scene::from_code(&scene).and_then(|s| Scene::ALL.iter().position(|x| *x == s)) {
            Some(i) => app.scene_sel = i,
            None => {
                app.scene_sel = SCENE_OTHER;
                app.other_scene = Input::new(scene);
            }
        }
    }
    app.token = Input::new(text("captcha_token"));
    app.token_meta = None;
    app.imported = Some(ImportedRequest {
        spec,
        label: t!(
            app.ui_lang,
            "tui-lists-import-label",
            format = r.format.label(),
            source = source
        ),
        token: r.captcha_token(),
        inputs: (
            app.mobile.value().to_string(),
            app.scene_value(),
            app.token.value().to_string(),
        ),
        from_traffic: false,
    });
    app.import = ImportState::default();
    app.screen = Screen::Wizard(Step::Review);
    // Short enough for 80 columns: the review above shows the request.
    app.notice(t!(
        app.ui_lang,
        "tui-lists-import-done",
        n = r.headers.len(),
        target = visible(&app.target.base_url)
    ));
}

/// The request to send when one was imported: the imported one, sent to the
/// current target, with the headers as edited and the body fields whose
/// inputs were edited since the import.
pub(crate) fn spec_for(app: &App, imp: &ImportedRequest) -> RequestSpec {
    let mut spec = imp.spec.clone();
    spec.base_url = app.target.base_url.clone();
    spec.headers = app.headers.clone();
    let now = (
        app.mobile.value().to_string(),
        app.scene_value(),
        app.token.value().to_string(),
    );
    if now.0 != imp.inputs.0 {
        spec.set_field("mobile", &now.0);
    }
    if now.1 != imp.inputs.1 {
        spec.set_field("type", &now.1);
    }
    if now.2 != imp.inputs.2 {
        spec.set_field("captcha_token", &now.2);
    }
    spec
}

/// The review's line about an imported request: where from, and that the
/// HTTP stack writes header names in lower case on the wire.
pub(crate) fn review_note(app: &App) -> Option<String> {
    let imp = app.imported.as_ref()?;
    Some(t!(
        app.ui_lang,
        "tui-lists-import-review-note",
        label = visible(&imp.label)
    ))
}

/// The review's warning about a pass token that came with the import.
pub(crate) fn token_warning(app: &App) -> Option<String> {
    let imp = app.imported.as_ref()?;
    let t = imp.token.as_deref()?;
    (app.token.value() == t).then(|| {
        let how = if app.auto_token() {
            t!(app.ui_lang, "tui-lists-import-token-auto")
        } else {
            t!(app.ui_lang, "tui-lists-import-token-no-auto")
        };
        t!(
            app.ui_lang,
            "tui-lists-import-token-warning",
            secs = crate::api::ttl::PASS_TOKEN.as_secs(),
            how = how
        )
    })
}

// ---- drawing ------------------------------------------------------------------------

use crate::tui::theme::{self, Themed};
use crate::tui::view::{focused_block, input_box, text_max_scroll};
use crate::tui::wrap::wrap_text;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Paragraph;

pub(crate) fn draw(app: &App, f: &mut Frame, body: Rect) {
    let [intro, field, out] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(3),
        Constraint::Min(1),
    ])
    .areas(body);
    let text = Text::from(vec![
        Line::from(t!(app.ui_lang, "tui-lists-import-intro")),
        Line::from(t!(app.ui_lang, "tui-lists-import-intro-path")).themed(theme::MUTED),
    ]);
    f.render_widget(Paragraph::new(wrap_text(&text, intro.width)), intro);
    let field_title = format!(" {} ", t!(app.ui_lang, "tui-lists-import-field"));
    input_box(f, field, &app.import.input, &field_title, true);
    let title = match &app.import.parsed {
        Some(Ok(_)) => format!(
            " {} ",
            t!(
                app.ui_lang,
                "tui-lists-import-understood",
                source = visible(&app.import.source)
            )
        ),
        Some(Err(_)) => format!(
            " {} ",
            t!(
                app.ui_lang,
                "tui-lists-import-not-understood",
                source = visible(&app.import.source)
            )
        ),
        None => format!(" {} ", t!(app.ui_lang, "tui-lists-import-nothing-yet")),
    };
    let block = focused_block(title, false);
    let text = Text::from(summary(app));
    let max = text_max_scroll(&text, out);
    let lines = wrap_text(&text, block.inner(out).width);
    f.render_widget(
        Paragraph::new(lines)
            .scroll((app.import.scroll.min(max), 0))
            .block(block),
        out,
    );
}

/// What the screen says about the text: the request, or the error and where.
pub(crate) fn summary(app: &App) -> Vec<Line<'static>> {
    let lang = app.ui_lang;
    let mut lines = Vec::new();
    if app.import.reading {
        lines.push(Line::from(t!(lang, "tui-lists-import-reading")).themed(theme::MUTED));
        return lines;
    }
    if let Some(imp) = &app.imported {
        lines.push(
            Line::from(t!(
                lang,
                "tui-lists-import-in-use",
                label = visible(&imp.label)
            ))
            .themed(theme::MUTED),
        );
    }
    match &app.import.parsed {
        None => lines.push(Line::from(t!(lang, "tui-lists-import-formats")).themed(theme::MUTED)),
        Some(Err(e)) => {
            lines.push(Line::from(format!("✗ {}", visible(&e.text(lang)))).themed(theme::BAD));
            lines.push(Line::from(t!(lang, "tui-lists-import-fix")).themed(theme::MUTED));
        }
        Some(Ok(Parsed::One(r))) => {
            request_lines(r, lang, &mut lines);
            lines.push(Line::from(""));
            lines.push(
                Line::from(t!(
                    lang,
                    "tui-lists-import-enter-review",
                    target = app.target.base_url.as_str()
                ))
                .themed(theme::ACCENT),
            );
        }
        Some(Ok(Parsed::Har(h))) => {
            lines.push(
                Line::from(t!(
                    lang,
                    "tui-lists-import-har",
                    n = h.entries.len(),
                    skipped = h.skipped.len()
                ))
                .themed(theme::STRONG),
            );
            for (i, (n, r)) in h.entries.iter().enumerate() {
                let line = Line::from(format!(
                    "{} #{n}  {} {}",
                    if i == app.import.sel { "▶" } else { " " },
                    visible(&r.method),
                    visible(&r.url())
                ));
                lines.push(if i == app.import.sel {
                    line.themed(theme::ACCENT)
                } else {
                    line
                });
            }
            for (n, what, why) in &h.skipped {
                lines.push(
                    Line::from(format!(
                        "  {}",
                        t!(
                            lang,
                            "tui-lists-import-skipped-entry",
                            n = *n,
                            request = visible(what),
                            why = why.text(lang)
                        )
                    ))
                    .themed(theme::MUTED),
                );
            }
            if let Some((_, r)) = h.entries.get(app.import.sel) {
                lines.push(Line::from(""));
                request_lines(r, lang, &mut lines);
                lines.push(Line::from(""));
                lines.push(Line::from(t!(lang, "tui-lists-import-pick")).themed(theme::ACCENT));
            }
        }
    }
    lines
}

/// The format's name in `lang`.
fn format_label(f: import::Format, lang: crate::api::Lang) -> String {
    match f {
        import::Format::Curl => t!(lang, "tui-lists-import-format-curl"),
        import::Format::Har => t!(lang, "tui-lists-import-format-har"),
        import::Format::Raw => t!(lang, "tui-lists-import-format-raw"),
    }
}

fn request_lines(r: &Imported, lang: crate::api::Lang, lines: &mut Vec<Line<'static>>) {
    lines.push(
        Line::from(t!(
            lang,
            "tui-lists-import-request-line",
            format = format_label(r.format, lang),
            method = visible(&r.method),
            url = visible(&r.url())
        ))
        .themed(theme::STRONG),
    );
    lines.push(Line::from(t!(
        lang,
        "tui-lists-import-headers",
        n = r.headers.len()
    )));
    for (n, v) in &r.headers {
        lines.push(Line::from(vec![
            Span::styled(format!("  {}: ", visible(n)), theme::ACCENT),
            Span::raw(visible(v).into_owned()),
        ]));
    }
    for n in &r.omitted {
        lines.push(
            Line::from(format!(
                "  {}",
                t!(lang, "tui-lists-import-not-sent", name = visible(n))
            ))
            .themed(theme::WARN),
        );
    }
    match (&r.body, r.body_fields()) {
        (None, _) => {
            lines.push(Line::from(t!(lang, "tui-lists-import-no-body")).themed(theme::MUTED))
        }
        (Some(_), Some(m)) => {
            lines.push(Line::from(t!(
                lang,
                "tui-lists-import-body-json",
                n = m.len()
            )));
            let sms = r.path.starts_with(crate::api::paths::SMS_SEND);
            for (k, v) in &m {
                let value = match v {
                    serde_json::Value::String(s) => format!("{s:?}"),
                    other => t!(
                        lang,
                        "tui-lists-import-not-string",
                        value = other.to_string()
                    ),
                };
                let extra = if sms && !["mobile", "type", "captcha_token"].contains(&k.as_str()) {
                    format!("  {}", t!(lang, "tui-lists-import-extra-field"))
                } else {
                    String::new()
                };
                lines.push(Line::from(format!(
                    "  {} = {}{extra}",
                    visible(k),
                    visible(&value)
                )));
            }
        }
        (Some(b), None) => lines.push(Line::from(t!(
            lang,
            "tui-lists-import-body-raw",
            n = b.len(),
            body = visible(&String::from_utf8_lossy(b))
        ))),
    }
    for n in &r.notes {
        lines.push(
            Line::from(t!(
                lang,
                "tui-lists-import-note",
                note = visible(&n.text(lang))
            ))
            .themed(theme::MUTED),
        );
    }
}

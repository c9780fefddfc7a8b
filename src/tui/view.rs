//! `view(&App, &mut Frame)`: pure drawing, no state changes.

use super::app::{App, Busy, HeaderEdit, SCENE_OTHER, Screen, Step};
use super::{keys, layout, record};
use crate::api::{self, Scene, headers as h};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, BorderType, Cell, Clear, List, ListItem, ListState, Paragraph, Row, Table, TableState,
    Tabs, Wrap,
};
use tui_input::Input;

/// Headers every HTTP client adds on its own.
const STACK_HEADERS: [&str; 4] = ["host", "user-agent", "accept", "content-length"];

pub const TAB_LABELS: [&str; 3] = ["1 Request", "2 Response", "3 Explanation"];
const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// Below this size the screens cannot show their content; say so instead.
pub const MIN_SIZE: (u16, u16) = (60, 16);

pub fn view(app: &App, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let text = format!(
            "vflow needs at least {}x{}; this window is {}x{}. Make it larger (Ctrl+C quits).",
            MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
        );
        f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let fr = layout::frame(area);
    title_bar(app, f, fr.title);
    match app.screen {
        Screen::Wizard(step) => wizard(app, f, fr.body, step),
        Screen::Sending => sending(app, f, fr.body),
        Screen::Result => result(app, f, fr.body),
        Screen::Headers => headers(app, f, fr.body),
        Screen::History => history(app, f, fr.body),
        Screen::Check => super::check::view(app, f, fr.body),
        Screen::Puzzle => super::puzzle::draw(app, f),
    }
    status_line(app, f, fr.status);
    key_line(app, f, fr.keys);
    if app.copy_menu {
        copy_menu(app, f, area);
    }
    if app.help {
        help(app, f, area);
    }
    if app.no_color {
        // The puzzle's picture is an image, not coloured text: it keeps its colours.
        let keep = (app.screen == Screen::Puzzle && !app.help && !app.copy_menu)
            .then(|| super::puzzle::areas(app, area).picture);
        strip_colors(f, keep);
    }
}

/// NO_COLOR: keep bold/underline/reverse, drop every colour (except inside `keep`).
fn strip_colors(f: &mut Frame, keep: Option<Rect>) {
    let buf = f.buffer_mut();
    let area = buf.area;
    for (i, cell) in buf.content.iter_mut().enumerate() {
        let pos = Position::new(
            area.x + (i % area.width as usize) as u16,
            area.y + (i / area.width as usize) as u16,
        );
        if keep.is_some_and(|r| r.contains(pos)) {
            continue;
        }
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
    }
}

fn title_bar(app: &App, f: &mut Frame, area: Rect) {
    let target = if app.target.simulator {
        format!(
            "SIMULATOR {}",
            app.target.base_url.trim_start_matches("http://")
        )
    } else {
        app.target.base_url.clone()
    };
    let client = match app.client_id() {
        Some(c) if !c.enabled => "(omitted)".to_string(),
        Some(c) if c.value.is_empty() => "(blank)".to_string(),
        Some(c) => mask_short(&c.value),
        None => "(none)".to_string(),
    };
    let mut spans = vec![
        Span::styled(" vflow ", Style::new().bold().reversed()),
        Span::raw(" "),
        Span::styled(
            target,
            if app.target.simulator {
                Style::new().yellow().bold()
            } else {
                Style::new().magenta().bold()
            },
        ),
        Span::raw(format!(
            " │ profile {} │ client {}",
            app.target.profile, client
        )),
    ];
    if app.redact {
        spans.push(Span::styled(" │ MASKED", Style::new().red().bold()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A client id shortened for the title bar: first 4 and last 4 characters.
fn mask_short(s: &str) -> String {
    let n = s.chars().count();
    if n <= 10 {
        return api::redact::middle(s);
    }
    let head: String = s.chars().take(4).collect();
    let tail: String = s.chars().skip(n - 4).collect();
    format!("{head}…{tail}")
}

fn status_line(app: &App, f: &mut Frame, area: Rect) {
    let line = if let Some(b) = &app.busy {
        let what = match b {
            Busy::Send { .. } => "sending",
            Busy::Token => "getting a pass token from the simulator",
            Busy::Login { .. } => "logging in with the delivered code",
            Busy::Puzzle(what) => what,
        };
        Line::from(format!(
            "{} {what}… {:.1} s",
            SPINNER[app.spinner % SPINNER.len()],
            elapsed(app)
        ))
        .yellow()
    } else if let Some(n) = &app.notice {
        let style = if n.error {
            Style::new().red().bold()
        } else {
            Style::new().green()
        };
        Line::styled(crate::api::text::visible(&n.text).into_owned(), style)
    } else {
        Line::from("")
    };
    f.render_widget(Paragraph::new(line), area);
}

fn elapsed(app: &App) -> f64 {
    app.clock
        .now()
        .duration_since(app.busy_since)
        .unwrap_or_default()
        .as_secs_f64()
}

/// The keys of this screen, as many as fit, always ending with the help key.
fn key_line(app: &App, f: &mut Frame, area: Rect) {
    let help: (&str, &str) = if app.typing() {
        ("F1", "help")
    } else {
        ("?", "help")
    };
    let width = area.width as usize;
    let item_width = |(k, d): &(&str, &str)| k.chars().count() + d.chars().count() + 3;
    let mut budget = width.saturating_sub(item_width(&help));
    let mut items: Vec<(&str, &str)> = Vec::new();
    for item in keys::for_screen(app) {
        if item.1 == "help" {
            continue;
        }
        let w = item_width(&item);
        if w > budget {
            break;
        }
        budget -= w;
        items.push(item);
    }
    if !app.copy_menu {
        items.push(help);
    }
    let mut spans = Vec::new();
    for (i, (k, d)) in items.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(*k, Style::new().bold().cyan()));
        spans.push(Span::raw(format!(" {d}")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn focused_block(title: impl Into<Line<'static>>, focused: bool) -> Block<'static> {
    let b = Block::bordered().title(title);
    if focused {
        b.border_type(BorderType::Thick)
            .border_style(Style::new().cyan())
    } else {
        b.border_style(Style::new().dark_gray())
    }
}

/// An input field in a bordered box, with the cursor placed when focused.
fn input_box(f: &mut Frame, area: Rect, input: &Input, title: &str, focused: bool) {
    let width = area.width.saturating_sub(2).max(1) as usize;
    let scroll = input.visual_scroll(width);
    let p = Paragraph::new(input.value())
        .scroll((0, scroll as u16))
        .block(focused_block(title.to_string(), focused));
    f.render_widget(p, area);
    if focused {
        let x = area.x + 1 + (input.visual_cursor().saturating_sub(scroll)) as u16;
        f.set_cursor_position(Position::new(x.min(area.x + area.width - 2), area.y + 1));
    }
}

fn wizard(app: &App, f: &mut Frame, body: Rect, step: Step) {
    let (side, main) = layout::wizard(body, step);
    if let Some(side) = side {
        sidebar(app, f, side, step);
    }
    let main = if step == Step::Review {
        main // the review draws its own block
    } else {
        let n = Step::ALL.iter().position(|s| *s == step).unwrap_or(0) + 1;
        let block = Block::bordered()
            .title(format!(" Step {n} of 4: {} ", step.title()))
            .border_style(Style::new().dark_gray());
        f.render_widget(block, main);
        layout::step_content(main, step)
    };
    match step {
        Step::Token => token_step(app, f, main),
        Step::Scene => scene_step(app, f, main),
        Step::Mobile => mobile_step(app, f, main),
        Step::Review => review_step(app, f, main),
    }
}

fn sidebar(app: &App, f: &mut Frame, area: Rect, current: Step) {
    let mut lines = Vec::new();
    let width = area.width.saturating_sub(4) as usize;
    for (i, s) in Step::ALL.iter().enumerate() {
        let (value, ok) = match s {
            Step::Token => {
                let v = app.token.value();
                let ok = api::token::parse_pass_token(v).is_ok();
                (
                    if v.is_empty() {
                        "—".into()
                    } else {
                        v.to_string()
                    },
                    ok,
                )
            }
            Step::Scene => {
                let v = app.scene_value();
                let ok = Scene::from_code(&v).is_some();
                (if v.is_empty() { "—".into() } else { v }, ok)
            }
            Step::Mobile => {
                let v = app.mobile.value();
                (
                    if v.is_empty() {
                        "—".into()
                    } else {
                        v.to_string()
                    },
                    api::mobile::is_valid(v),
                )
            }
            Step::Review => {
                let n = app.warnings().len();
                (
                    if n == 0 {
                        "no problems found".into()
                    } else {
                        format!("{n} warning(s)")
                    },
                    n == 0,
                )
            }
        };
        let mark = if ok {
            "✓"
        } else if value == "—" {
            "·"
        } else {
            "!"
        };
        let style = if *s == current {
            Style::new().bold().cyan()
        } else {
            Style::new()
        };
        lines.push(Line::styled(
            format!("{} {} {}", i + 1, mark, s.title()),
            style,
        ));
        let shown = if app.redact && value != "—" {
            match s {
                Step::Token => api::redact::pass_token(&value),
                Step::Mobile => api::redact::mobile(&value),
                _ => value,
            }
        } else {
            value
        };
        lines.push(
            Line::from(format!(
                "    {}",
                ellipsize(&shown, width.saturating_sub(4))
            ))
            .dim(),
        );
        lines.push(Line::from(""));
    }
    f.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Flow ")),
        area,
    );
}

fn ellipsize(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n <= width || width < 2 {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width - 1).collect();
    out.push('…');
    out
}

fn token_step(app: &App, f: &mut Frame, area: Rect) {
    let [intro, field, analysis] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(3),
        Constraint::Min(1),
    ])
    .areas(area);
    let mut intro_lines = vec![Line::from(
        "Paste the captcha_token from captcha/verify (TOKEN---POINT_JSON).",
    )];
    intro_lines.push(Line::from("Ctrl+P solves the slider puzzle right here.").cyan());
    if app.target.has_sim_helpers() {
        intro_lines.push(Line::from("Ctrl+G gets one from the simulator.").cyan());
    }
    f.render_widget(
        Paragraph::new(intro_lines).wrap(Wrap { trim: false }),
        intro,
    );
    input_box(f, field, &app.token, " Captcha pass token ", true);

    let mut lines = Vec::new();
    let v = app.token.value();
    if v.is_empty() {
        lines.push(Line::from("(empty: the server answers IDAAS.SDK.PARAM.0008)").dim());
    } else {
        match api::token::parse_pass_token(v) {
            Ok(t) => {
                lines.push(Line::from("✓ shape TOKEN---POINT_JSON").green());
                lines.push(Line::from(format!(
                    "  token  {}",
                    shown_token(app, &t.token)
                )));
                lines.push(Line::from(format!("  x      {}", t.point.x)));
                lines.push(Line::from(format!("  y      {}", t.point.y)));
                for w in api::token::warnings(&t) {
                    lines.push(Line::from(format!("! {w}")).yellow());
                }
            }
            Err(_) if app.current_token_meta().is_some() => {
                lines.push(Line::from("✓ as issued by captcha/verify").green());
                lines.push(
                    Line::from(
                        "  its POINT_JSON is not plain JSON: AES-encrypted (the puzzle had a secretKey)",
                    )
                    .dim(),
                );
            }
            Err(e) => {
                lines.push(Line::from(format!("✗ {e}")).red());
                lines.push(
                    Line::from("  (you can still send it: the server should answer CAPTCHA.0004)")
                        .dim(),
                );
            }
        }
    }
    if let (Some(m), Some(age)) = (app.current_token_meta(), app.token_age()) {
        let left = api::ttl::PASS_TOKEN.as_secs() as i64 - age.as_secs() as i64;
        let sender = m
            .sender
            .as_deref()
            .map(|s| format!(" for sender {}", shown_mobile(app, s)))
            .unwrap_or_default();
        lines.push(Line::from(""));
        let line = Line::from(format!(
            "obtained {} s ago{sender}; {}",
            age.as_secs(),
            if m.used {
                "already used by a send (single use)".to_string()
            } else if left > 0 {
                format!("expires in {left} s")
            } else {
                "expired".to_string()
            }
        ));
        lines.push(if m.used || left <= 30 {
            line.yellow()
        } else {
            line.dim()
        });
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), analysis);
}

fn shown_token(app: &App, t: &str) -> String {
    if app.redact {
        api::redact::pass_token(t)
    } else {
        t.to_string()
    }
}

fn shown_mobile(app: &App, m: &str) -> String {
    if app.redact {
        api::redact::mobile(m)
    } else {
        m.to_string()
    }
}

fn scene_step(app: &App, f: &mut Frame, area: Rect) {
    let (list_area, detail) = layout::scene(area);
    let width = list_area.width.saturating_sub(4) as usize;
    let mut items: Vec<ListItem> = Scene::ALL
        .iter()
        .map(|s| {
            ListItem::new(vec![
                Line::from(s.code()).bold(),
                Line::from(format!(
                    "  {}",
                    ellipsize(s.description(), width.saturating_sub(2))
                ))
                .dim(),
            ])
        })
        .collect();
    items.push(ListItem::new(vec![
        Line::from("Other value…").bold(),
        Line::from("  send any string as type (to test CAPTCHA.0005)").dim(),
    ]));
    let list = List::new(items)
        .block(focused_block(" Send scene (type) ", !app.editing_other))
        .highlight_style(Style::new().reversed())
        .highlight_symbol("");
    let mut st = ListState::default().with_selected(Some(app.scene_sel));
    f.render_stateful_widget(list, list_area, &mut st);

    if app.scene_sel == SCENE_OTHER {
        let [field, hint] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(detail);
        input_box(
            f,
            field,
            &app.other_scene,
            " Other scene value ",
            app.editing_other,
        );
        let v = app.other_scene.value();
        let text = if v.is_empty() {
            "Enter to type a value; empty gives PARAM.0007".to_string()
        } else if let Some(s) = Scene::from_code(v) {
            format!("{s} is a valid scene")
        } else {
            match Scene::nearest(v) {
                Some(s) => format!("not a scene: CAPTCHA.0005 expected (nearest: {s})"),
                None => "not a scene: CAPTCHA.0005 expected".to_string(),
            }
        };
        f.render_widget(Paragraph::new(text).yellow(), hint);
    } else if let Some(s) = Scene::ALL.get(app.scene_sel) {
        let p = Paragraph::new(vec![
            Line::from(s.description()),
            Line::from(vec![
                Span::raw("consumed by: ").dim(),
                Span::raw(s.consumer()),
            ]),
        ])
        .wrap(Wrap { trim: false });
        f.render_widget(p, detail);
    }
}

fn mobile_step(app: &App, f: &mut Frame, area: Rect) {
    let [intro, field, hint] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(3),
        Constraint::Min(1),
    ])
    .areas(area);
    let intro_text = if app.token_after_mobile {
        "The captcha is bound to this number (its sender). Enter gets the token."
    } else {
        "The number that receives the code."
    };
    f.render_widget(Paragraph::new(intro_text).wrap(Wrap { trim: false }), intro);
    input_box(f, field, &app.mobile, " Mobile number ", true);
    let v = app.mobile.value();
    let mut lines = vec![if api::mobile::is_valid(v) {
        Line::from(api::mobile::hint(v)).green()
    } else if v.is_empty() {
        Line::from("(empty: the server answers IDAAS.SDK.USER.0004)").dim()
    } else {
        Line::from(api::mobile::hint(v)).yellow()
    }];
    if app.scene_value() == Scene::UpdatePwdSms.code() && !v.starts_with('+') {
        lines.push(
            Line::from("! UPDATE_PWD_SMS: the documentation asks for the full +area code").yellow(),
        );
    }
    if let Some(sender) = app.current_token_meta().and_then(|m| m.sender.as_deref())
        && !v.is_empty()
        && sender != v
    {
        lines.push(
            Line::from(format!(
                "! the captcha token was verified for {}: CAPTCHA.0004 expected",
                shown_mobile(app, sender)
            ))
            .yellow(),
        );
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), hint);
}

/// The review text: warnings, then the exact request about to be sent.
pub fn review_lines(app: &App) -> Vec<Line<'static>> {
    let spec = app.send_spec();
    let mut lines = Vec::new();
    let warnings = app.warnings();
    if warnings.is_empty() {
        lines.push(Line::from("✓ no problems found: Enter sends").green());
    } else {
        lines.push(
            Line::from("Likely to fail (you can still send):")
                .yellow()
                .bold(),
        );
        for w in warnings {
            lines.push(Line::from(format!("! {w}")).yellow());
        }
    }
    lines.push(Line::from(""));
    let prepared = match crate::client::send::record(&spec) {
        Ok(p) => p,
        Err(e) => {
            lines.push(Line::from(format!("✗ this request cannot be built: {e}")).red());
            return lines;
        }
    };
    lines.push(Line::from(format!("{} {}", prepared.method, prepared.url)).bold());
    for (name, value) in &prepared.headers {
        let flag = match h::spec(name) {
            Some(s) if s.required => "  (required)",
            Some(_) => "  (optional)",
            None if STACK_HEADERS.iter().any(|x| x.eq_ignore_ascii_case(name)) => "  (HTTP stack)",
            None => "  (custom)",
        };
        let flag = Span::styled(flag, Style::new().dark_gray());
        let val = if value.is_empty() {
            Span::styled("(blank)", Style::new().yellow())
        } else {
            Span::raw(value.clone())
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{name}: "), Style::new().cyan()),
            val,
            flag,
        ]));
    }
    for hs in spec.headers.iter().filter(|x| !x.enabled) {
        let req = h::spec(&hs.name).is_some_and(|s| s.required);
        let line = Line::from(format!(
            "(omitted) {}{}",
            hs.name,
            if req { "  ← required" } else { "" }
        ));
        lines.push(if req { line.yellow() } else { line.dim() });
    }
    lines.push(Line::from(""));
    let body = String::from_utf8_lossy(&prepared.body).into_owned();
    lines.push(Line::from(body));
    if app.redact {
        let mut red = record::spec_redactor(&spec);
        if let Some(sender) = app.current_token_meta().and_then(|m| m.sender.as_deref()) {
            red.add_mobile(sender);
        }
        for l in &mut lines {
            for s in &mut l.spans {
                s.content = red.apply(&s.content).into();
            }
        }
    }
    lines
}

fn review_step(app: &App, f: &mut Frame, area: Rect) {
    let p = Paragraph::new(review_lines(app)).wrap(Wrap { trim: false });
    let max = max_scroll(&p, area);
    let pos = app.scroll[0].min(max);
    let mut block = focused_block(" Review: the request about to be sent ", true);
    if max > 0 {
        let hint = if pos < max { "↓ more" } else { "↑ back up" };
        block = block
            .title_bottom(Line::from(format!(" {pos}/{max} {hint} ")).alignment(Alignment::Right));
    }
    f.render_widget(p.scroll((pos, 0)).block(block), area);
}

/// How far the review can scroll at the app's size.
pub fn review_max_scroll(app: &App) -> u16 {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let (_, main) = layout::wizard(layout::frame(area).body, Step::Review);
    let p = Paragraph::new(review_lines(app)).wrap(Wrap { trim: false });
    max_scroll(&p, main)
}

fn sending(app: &App, f: &mut Frame, body: Rect) {
    let what = match &app.busy {
        Some(Busy::Token) => "Getting a fresh pass token from the simulator…".to_string(),
        Some(Busy::Login { .. }) => "Logging in with the delivered code…".to_string(),
        _ => format!(
            "Sending POST {} to {}…",
            api::paths::SMS_SEND,
            app.target.base_url
        ),
    };
    let lines = vec![
        Line::from(""),
        Line::from(format!("{}  {what}", SPINNER[app.spinner % SPINNER.len()])).bold(),
        Line::from(""),
        Line::from(match app.timeout {
            Some(t) => format!(
                "elapsed {:.1} s (gives up after {} s)",
                elapsed(app),
                t.as_secs()
            ),
            None => format!("elapsed {:.1} s", elapsed(app)),
        }),
        Line::from(""),
        Line::from("Esc cancels; the screen stays responsive while waiting.").dim(),
    ];
    let area = centered(body, 70.min(body.width), 8.min(body.height));
    f.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: false })
            .block(Block::bordered()),
        area,
    );
}

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let x = area.x + (area.width.saturating_sub(w)) / 2;
    let y = area.y + (area.height.saturating_sub(h)) / 2;
    Rect::new(x, y, w.min(area.width), h.min(area.height))
}

/// The paragraph of result pane `i`, as drawn (wrapping included).
pub fn pane_paragraph(app: &App, i: usize) -> Paragraph<'static> {
    let lines = app
        .current_record()
        .map(|r| record::pane_lines(r, i, app.redact, &app.explain_base, true))
        .unwrap_or_default();
    Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false })
}

/// How far pane `i` can scroll at the current size.
pub fn pane_max_scroll(app: &App, i: usize) -> u16 {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let r = layout::result(layout::frame(area).body);
    max_scroll(&pane_paragraph(app, i), r.panes[i])
}

/// How far a paragraph drawn in the bordered `pane` can scroll.
pub(super) fn max_scroll(p: &Paragraph<'_>, pane: Rect) -> u16 {
    let total = p.line_count(layout::inner_width(pane));
    let visible = pane.height.saturating_sub(2) as usize;
    total.saturating_sub(visible) as u16
}

fn result(app: &App, f: &mut Frame, body: Rect) {
    let areas = layout::result(body);
    let Some(rec) = app.current_record() else {
        return;
    };
    let status = record::outcome_label(&rec.exchange.outcome);
    let titles = [
        " Request (as sent) ".to_string(),
        format!(" Response: {status} "),
        " Explanation ".to_string(),
    ];
    let panes = Panes {
        titles,
        focus: app.pane_focus,
        scroll: app.scroll,
    };
    panes.draw(f, &areas, |i| pane_paragraph(app, i));
}

/// Three scrollable panes, side by side or as tabs: the result screen and a check case.
pub(super) struct Panes {
    pub titles: [String; 3],
    pub focus: usize,
    pub scroll: [u16; 3],
}

impl Panes {
    pub(super) fn draw(
        &self,
        f: &mut Frame,
        areas: &layout::ResultAreas,
        paragraph: impl Fn(usize) -> Paragraph<'static>,
    ) {
        if let Some(tabs) = areas.tabs {
            let t = Tabs::new(TAB_LABELS.iter().map(|s| Line::from(*s)))
                .select(self.focus)
                .highlight_style(Style::new().reversed().bold())
                .divider(" ")
                .padding("", "");
            f.render_widget(t, tabs);
            self.pane(
                f,
                areas.panes[self.focus],
                self.focus,
                paragraph(self.focus),
            );
        } else {
            for i in 0..3 {
                self.pane(f, areas.panes[i], i, paragraph(i));
            }
        }
    }

    fn pane(&self, f: &mut Frame, area: Rect, i: usize, p: Paragraph<'static>) {
        let max = max_scroll(&p, area);
        let pos = self.scroll[i].min(max);
        let mut block = focused_block(self.titles[i].clone(), self.focus == i);
        if max > 0 {
            block = block
                .title_bottom(Line::from(format!(" {pos}/{max} ↑↓ ")).alignment(Alignment::Right));
        }
        f.render_widget(p.scroll((pos, 0)).block(block), area);
    }
}

fn headers(app: &App, f: &mut Frame, body: Rect) {
    let [table_area, edit_area, info] = Layout::vertical([
        Constraint::Min(5),
        Constraint::Length(3),
        Constraint::Length(3),
    ])
    .areas(body);
    let rows: Vec<Row> = app
        .headers
        .iter()
        .map(|hs| {
            let spec = h::spec(&hs.name);
            let req = match spec {
                Some(s) if s.required => "required",
                Some(_) => "optional",
                None => "custom",
            };
            let (state, style) = if !hs.enabled {
                ("omit", Style::new().dim())
            } else if hs.value.is_empty() {
                ("blank", Style::new().yellow())
            } else {
                ("send", Style::new())
            };
            let value = if app.redact && hs.name.eq_ignore_ascii_case(h::CLIENT_ID) {
                api::redact::middle(&hs.value)
            } else {
                hs.value.clone()
            };
            Row::new(vec![
                Cell::from(state),
                Cell::from(hs.name.clone()),
                Cell::from(value),
                Cell::from(req),
            ])
            .style(style)
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(5),
            Constraint::Length(24),
            Constraint::Min(10),
            Constraint::Length(8),
        ],
    )
    .header(Row::new(["", "header", "value", ""]).bold().underlined())
    .row_highlight_style(Style::new().reversed())
    .block(focused_block(
        " Device & request headers (apply to the next send) ",
        app.header_edit.is_none(),
    ));
    let mut st = TableState::default().with_selected(Some(app.header_sel));
    *st.offset_mut() = layout::list_offset(app.header_sel, app.headers.len(), table_area.height);
    f.render_stateful_widget(table, table_area, &mut st);

    match &app.header_edit {
        Some(HeaderEdit::Value(input)) => {
            let name = app
                .headers
                .get(app.header_sel)
                .map(|x| x.name.as_str())
                .unwrap_or("");
            input_box(f, edit_area, input, &format!(" {name} "), true);
        }
        Some(HeaderEdit::New(input)) => {
            input_box(f, edit_area, input, " New header  Name: value ", true)
        }
        None => {
            let names: Vec<&str> = crate::config::DevicePreset::ALL
                .iter()
                .map(|p| p.name())
                .collect();
            f.render_widget(
                Paragraph::new(format!(
                    "p applies the next device preset: {}",
                    names.join(", ")
                ))
                .wrap(Wrap { trim: false })
                .dim(),
                edit_area,
            );
        }
    }
    let meaning = app
        .headers
        .get(app.header_sel)
        .and_then(|x| h::spec(&x.name))
        .map(|s| {
            if s.example.is_empty() {
                format!("{}: {}", s.name, s.meaning)
            } else {
                format!("{}: {} (e.g. {})", s.name, s.meaning, s.example)
            }
        })
        .unwrap_or_else(|| "custom header: sent as is".into());
    f.render_widget(
        Paragraph::new(meaning).wrap(Wrap { trim: false }).dim(),
        info,
    );
}

fn history(app: &App, f: &mut Frame, body: Rect) {
    if app.history.is_empty() {
        f.render_widget(
            Paragraph::new("No exchanges yet: send a request and it appears here.")
                .block(Block::bordered().title(" History ")),
            body,
        );
        return;
    }
    let rows: Vec<Row> = app
        .history
        .iter()
        .map(|r| {
            let t = humantime::format_rfc3339_seconds(r.exchange.started_at).to_string();
            let time = format!(
                "{} {}",
                t.get(5..10).unwrap_or(""),
                t.get(11..19).unwrap_or(&t)
            );
            let ok = r.exchange.outcome == crate::client::Outcome::Success;
            Row::new(vec![
                Cell::from(time),
                Cell::from(r.scene()),
                Cell::from(api::redact::mobile(&r.mobile())),
                Cell::from(r.status_label().replace("IDAAS.SDK.", "")),
                Cell::from(format!(
                    "{:.1} ms",
                    r.exchange.timing.total.as_secs_f64() * 1000.0
                )),
            ])
            .style(if ok {
                Style::new().green()
            } else {
                Style::new()
            })
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(14),
            Constraint::Length(16),
            Constraint::Length(12),
            Constraint::Min(12),
            Constraint::Length(9),
        ],
    )
    .header(
        Row::new(["time", "scene", "mobile", "result", "took"])
            .bold()
            .underlined(),
    )
    .row_highlight_style(Style::new().reversed())
    .block(focused_block(
        format!(" History ({} exchanges) ", app.history.len()),
        true,
    ));
    let mut st = TableState::default().with_selected(Some(app.history_sel));
    *st.offset_mut() = layout::list_offset(app.history_sel, app.history.len(), body.height);
    f.render_stateful_widget(table, body, &mut st);
}

fn popup(f: &mut Frame, area: Rect, w: u16, h: u16, title: &str, lines: Vec<Line<'static>>) {
    let r = centered(area, w.min(area.width), h.min(area.height));
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(title.to_string())
                .border_type(BorderType::Double),
        ),
        r,
    );
}

fn copy_menu(app: &App, f: &mut Frame, area: Rect) {
    let lines = keys::for_screen(app)
        .iter()
        .map(|(k, d)| Line::from(vec![Span::raw(format!(" {k:>3}  ")).bold(), Span::raw(*d)]))
        .collect();
    popup(f, area, 34, 7, " Copy / save ", lines);
}

/// The help overlay's text for the current screen.
fn help_lines(app: &App) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from("The flow: captcha token → scene → mobile → review → send → result.").bold(),
        Line::from("Enter accepts and moves on, Esc goes back, Tab moves to the next step."),
        Line::from(""),
    ];
    let screen = keys::for_screen(app);
    let global = keys::GLOBAL;
    let cell = |k: &(&str, &str)| {
        vec![
            Span::styled(
                format!(" {:<13}", k.0),
                Style::new().cyan().add_modifier(Modifier::BOLD),
            ),
            Span::raw(format!("{:<20}", k.1)),
        ]
    };
    // Two columns of keys: this screen on the left, everywhere on the right.
    lines.push(Line::from(vec![
        Span::raw(format!("{:<34}", "This screen"))
            .bold()
            .underlined(),
        Span::raw("Everywhere").bold().underlined(),
    ]));
    for i in 0..screen.len().max(global.len()) {
        let mut spans = match screen.get(i) {
            Some(k) => cell(k),
            None => vec![Span::raw(" ".repeat(34))],
        };
        if let Some(k) = global.get(i) {
            spans.extend(cell(k));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));
    lines.push(Line::from("Mouse: click steps, list rows and panes; the wheel scrolls.").dim());
    lines.push(Line::from("Esc, ? or F1 closes this help.").dim());
    lines
}

/// Where the help overlay goes and how far it can scroll.
fn help_layout(app: &App, area: Rect) -> (Rect, Paragraph<'static>, u16) {
    let lines = help_lines(app);
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = centered(area, 76.min(area.width), h);
    let p = Paragraph::new(lines).wrap(Wrap { trim: false });
    let max = max_scroll(&p, r);
    (r, p, max)
}

/// How far the help overlay can scroll at the app's size.
pub fn help_max_scroll(app: &App) -> u16 {
    help_layout(app, Rect::new(0, 0, app.size.0, app.size.1)).2
}

fn help(app: &App, f: &mut Frame, area: Rect) {
    let (r, p, max) = help_layout(app, area);
    let pos = app.help_scroll.min(max);
    let mut block = Block::bordered()
        .title(" Help ")
        .border_type(BorderType::Double);
    if max > 0 {
        block = block
            .title_bottom(Line::from(format!(" {pos}/{max} ↑↓ more ")).alignment(Alignment::Right));
    }
    f.render_widget(Clear, r);
    f.render_widget(p.scroll((pos, 0)).block(block), r);
}

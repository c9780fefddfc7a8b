use super::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::widgets::Paragraph;

const URL: &str =
    "https://tenant.example.com/api/v2/sdk/sms/send?scene=LOGIN_SMS&mobile=13800138000";

fn plain(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// The text of each style, in order, without white space.
fn by_style(lines: &[Line<'_>], style: Style) -> String {
    lines
        .iter()
        .flat_map(|l| &l.spans)
        .filter(|s| s.style == style)
        .flat_map(|s| s.content.chars())
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn spans_keep_their_style_across_breaks() {
    let (label, value, note) = (
        Style::new().bold(),
        Style::new().fg(Color::Yellow),
        Style::new().fg(Color::Red).add_modifier(Modifier::ITALIC),
    );
    let line = Line::from(vec![
        Span::styled("验证码有效期 ", label),
        Span::styled("300 秒，只能使用一次，错误 5 次后失效", value),
        Span::styled("; the code lives 300 s and is single use", note),
    ]);
    for width in 8..=60 {
        let out = wrap_line(&line, width);
        assert!(out.len() > 1 || width >= 50, "width {width}: {out:?}");
        for l in &out {
            assert!(l.width() <= usize::from(width), "{l:?} at width {width}");
            for s in &l.spans {
                assert!(
                    [label, value, note].contains(&s.style),
                    "{s:?} lost its style"
                );
            }
        }
        // Nothing lost, nothing moved to another style.
        for (style, text) in [
            (label, "验证码有效期"),
            (value, "300秒，只能使用一次，错误5次后失效"),
            (note, ";thecodelives300sandissingleuse"),
        ] {
            assert_eq!(by_style(&out, style), text, "width {width}");
        }
    }
    // The break inside the second span splits it into two styled spans.
    let out = wrap_line(&line, 22);
    assert_eq!(plain(&out[0]), "验证码有效期 300 秒，");
    assert_eq!(out[0].spans[1], Span::styled("300 秒，", value));
    assert_eq!(out[1].spans[0], Span::styled("只能使用一次，错误", value));
}

#[test]
fn lines_keep_their_style_and_alignment() {
    let text = Text::from(vec![
        Line::from("服务器已受理，向 138****8000 发送了 6 位验证码")
            .centered()
            .on_blue(),
        Line::from("同一手机号同一场景 60 秒后才能再次发送").right_aligned(),
        Line::default(),
    ])
    .style(Style::new().fg(Color::Gray))
    .alignment(Alignment::Center);
    let out = wrap_text(&text, 16);
    assert_eq!((out.style, out.alignment), (text.style, text.alignment));
    let first = wrap_line(&text.lines[0], 16);
    let second = wrap_line(&text.lines[1], 16);
    assert!(first.len() > 1 && second.len() > 1);
    assert_eq!(out.lines.len(), first.len() + second.len() + 1);
    for l in &out.lines[..first.len()] {
        assert_eq!(
            (l.alignment, l.style),
            (Some(Alignment::Center), Style::new().on_blue())
        );
    }
    for l in &out.lines[first.len()..out.lines.len() - 1] {
        assert_eq!(l.alignment, Some(Alignment::Right));
    }
    // The empty line stays one empty line.
    assert!(out.lines.last().unwrap().spans.is_empty());
}

#[test]
fn bullets_get_an_indent_span_when_left_aligned() {
    let line = Line::from(vec![
        Span::styled("• ", Style::new().fg(Color::Cyan)),
        Span::raw(
            "缺少必填的设备请求头或其值为空：X-device-fingerprint 和 X-agent 都必须带值发送。",
        ),
    ]);
    let out = wrap_line(&line, 24);
    assert!(out.len() > 2);
    assert_eq!(
        out[0].spans[0],
        Span::styled("• ", Style::new().fg(Color::Cyan))
    );
    for l in &out[1..] {
        assert_eq!(l.spans[0], Span::raw("  "), "{l:?}");
        assert!(!l.spans[1].content.starts_with(' '));
    }
    // Centred, the continuation lines are not indented.
    let centred = wrap_line(&line.clone().centered(), 24);
    assert_eq!(centred.len(), out.len());
    assert!(centred[1..].iter().all(|l| !plain(l).starts_with(' ')));
    // Nor when the text, not the line, is centred.
    let text = wrap_text(&Text::from(line).centered(), 24);
    assert!(text.lines[1..].iter().all(|l| !plain(l).starts_with(' ')));
}

#[test]
fn wrapped_height_counts_the_wrapped_lines() {
    let text = Text::from(vec![
        Line::from(vec![Span::raw("请求 "), Span::raw(URL)]),
        Line::default(),
        // A newline inside a span is a hard break.
        Line::from(Span::raw("first\nsecond")),
        Line::from(
            "The server accepted the request and sent a 6-digit code; the code lives 300 s.",
        ),
    ]);
    for width in 1..=100 {
        assert_eq!(
            wrapped_height(&text, width),
            wrap_text(&text, width).lines.len(),
            "width {width}"
        );
    }
    assert_eq!(
        wrapped_height(&text, 200),
        5,
        "one line each, the newline splits one"
    );
}

/// Drawn by a plain Paragraph (no ratatui wrap), nothing is cut off at the
/// right edge: every character of the input is on the screen.
#[test]
fn drawn_in_a_paragraph_nothing_is_cut() {
    let text = Text::from(vec![
        Line::from(vec![
            Span::styled("meaning ", Style::new().bold()),
            Span::raw(
                "缺少必填的设备请求头或其值为空：X-operating-sys-version、X-device-fingerprint 和 X-agent 都必须带值发送。",
            ),
        ]),
        Line::from(
            r#"{"mobile":"13800138000","scene":"LOGIN_SMS","captchaVerification":"dG9rZW4="}"#,
        ),
        Line::from(format!("• POST {}", URL)),
    ]);
    for width in [20u16, 33, 40, 57] {
        let wrapped = wrap_text(&text, width);
        let height = wrapped_height(&text, width) as u16;
        let mut term = Terminal::new(TestBackend::new(width, height)).unwrap();
        term.draw(|f| f.render_widget(Paragraph::new(wrapped.clone()), f.area()))
            .unwrap();
        let screen: String = term
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect::<String>()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let input: String = text
            .lines
            .iter()
            .map(plain)
            .collect::<String>()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(screen, input, "width {width}");
    }
}

proptest::proptest! {
    /// However the text is cut into spans (empty ones too), each output line
    /// holds exactly the text of its range, every byte in its span's style.
    #[test]
    fn any_span_cuts_give_the_ranges_text_in_its_styles(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "有效期 ", "300 秒，", "只能使用一次", "", "• ", "the code ", "lives 60 s",
                URL, "\n", "  ", "X-device-fingerprint",
            ]),
            0..12,
        ),
        width in 1u16..=60,
    ) {
        let styles: Vec<Style> = (0..parts.len()).map(|i| Style::new().fg(Color::Indexed(i as u8))).collect();
        let line = Line::from(
            parts.iter().zip(&styles).map(|(p, s)| Span::styled(*p, *s)).collect::<Vec<_>>(),
        );
        let text: String = parts.concat();
        // The style of each byte of `text`.
        let style_at: Vec<Style> =
            parts.iter().zip(&styles).flat_map(|(p, s)| std::iter::repeat_n(*s, p.len())).collect();
        let ranges = typeset::lines(&text, usize::from(width));
        let out = wrap_line(&line, width);
        proptest::prop_assert_eq!(out.len(), ranges.len().max(1));
        for (l, r) in out.iter().zip(&ranges) {
            let indent = usize::from(r.indent > 0);
            proptest::prop_assert_eq!(plain(l).len(), r.indent + r.end - r.start);
            let mut at = r.start;
            for s in &l.spans[indent..] {
                proptest::prop_assert!(!s.content.is_empty());
                proptest::prop_assert_eq!(s.content.as_ref(), &text[at..at + s.content.len()]);
                proptest::prop_assert_eq!(s.style, style_at[at]);
                at += s.content.len();
            }
            proptest::prop_assert_eq!(at, r.end);
        }
    }
}

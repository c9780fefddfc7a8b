//! Time to wrap a 2 KB paragraph of mixed Chinese, English, numbers, a URL
//! and a JSON body at 80 columns: the engine alone (`typeset::lines`), the
//! styled ratatui adapter (`tui::wrap::wrap_text`), and, for scale, the line
//! count of ratatui's own `Paragraph::wrap` on the same text.
//! Run: `cargo bench --bench wrap`.

use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};
use vflow::tui::wrap::{wrap_text, wrapped_height};
use vflow::typeset;

fn main() {
    divan::main();
}

const SENTENCES: &[&str] = &[
    "服务器已受理，向 138****8000 发送了 6 位验证码；有效期 300 秒，只能使用一次，错误 5 次后失效。",
    "The server accepted the request and sent a 6-digit code to 138****8000; the code lives 300 s, is single use and dies after 5 wrong attempts. ",
    "请求 POST https://tenant.example.com/api/v2/sdk/sms/send?scene=LOGIN_SMS&mobile=13800138000 ",
    r#"body {"mobile":"13800138000","scene":"LOGIN_SMS","captchaVerification":"aGVsbG8gd29ybGQ="} "#,
    "缺少必填的设备请求头或其值为空：X-operating-sys-version、X-device-fingerprint 和 X-agent 都必须带值发送。",
    "another code for the same mobile and scene can be sent after 60 s; at most 10 per mobile and day. ",
];

/// At least 2048 bytes of the sentences above, in turn.
fn paragraph() -> String {
    let mut text = String::new();
    for s in SENTENCES.iter().cycle() {
        if text.len() >= 2048 {
            break;
        }
        text.push_str(s);
    }
    text
}

/// The paragraph as styled spans (one per sentence, alternating colours).
fn styled() -> Text<'static> {
    let text = paragraph();
    let mut spans = Vec::new();
    let mut rest = text.as_str();
    let mut i = 0;
    while !rest.is_empty() {
        let s = SENTENCES[i % SENTENCES.len()];
        let n = s.len().min(rest.len());
        let colour = if i % 2 == 0 {
            Color::Yellow
        } else {
            Color::Cyan
        };
        spans.push(Span::styled(rest[..n].to_string(), Style::new().fg(colour)));
        rest = &rest[n..];
        i += 1;
    }
    Text::from(Line::from(spans))
}

#[divan::bench]
fn typeset_lines_2k_at_80(bencher: divan::Bencher) {
    let text = paragraph();
    assert!(text.len() >= 2048);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench_local(|| typeset::lines(divan::black_box(&text), 80));
}

#[divan::bench]
fn wrap_text_2k_at_80(bencher: divan::Bencher) {
    let text = styled();
    bencher.bench_local(|| wrap_text(divan::black_box(&text), 80));
}

#[divan::bench]
fn wrapped_height_2k_at_80(bencher: divan::Bencher) {
    let text = styled();
    bencher.bench_local(|| wrapped_height(divan::black_box(&text), 80));
}

/// ratatui's own word wrapper (ASCII spaces only), for scale.
#[divan::bench]
fn ratatui_paragraph_line_count_2k_at_80(bencher: divan::Bencher) {
    let paragraph = Paragraph::new(styled()).wrap(Wrap { trim: false });
    bencher.bench_local(|| divan::black_box(&paragraph).line_count(80));
}

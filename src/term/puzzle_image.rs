//! The slider puzzle's pictures in a terminal: decode the two PNGs of a
//! `GET /api/v2/sdk/captcha` answer, lay the piece over the background at the
//! slider's x, and turn the result into a ratatui-image [`Protocol`] (kitty,
//! iTerm2, sixel or Unicode half-blocks) scaled to the cells available.
//! Shared by the TUI's puzzle screen and `vflow captcha solve`.

use crate::api::captcha::{BG_HEIGHT, BG_WIDTH, PIECE_HEIGHT, PIECE_WIDTH};
use crate::api::wire::CaptchaResponse;
use base64::Engine as _;
use image::imageops::FilterType;
use image::{DynamicImage, RgbaImage};
use ratatui::layout::Size;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::Protocol;
use ratatui_image::protocol::halfblocks::Halfblocks;
use ratatui_image::{FontSize, Resize};

/// The largest x of the piece's left edge: the piece stays inside the background.
pub const X_LIMIT: u32 = BG_WIDTH - PIECE_WIDTH;

/// A puzzle as the server sent it, images decoded.
#[derive(Clone, Debug)]
pub struct Puzzle {
    pub token: String,
    pub secret_key: Option<String>,
    pub background: RgbaImage,
    pub piece: RgbaImage,
}

fn png(field: &str, b64: Option<&str>, w: u32, h: u32) -> Result<RgbaImage, String> {
    let b64 = b64.ok_or_else(|| format!("the answer has no {field}"))?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|e| format!("{field} is not base64: {e}"))?;
    let img = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .map_err(|e| format!("{field} is not a PNG: {e}"))?
        .to_rgba8();
    if img.dimensions() != (w, h) {
        // Still usable: scale to the documented size so x stays in the 310-px space.
        return Ok(image::imageops::resize(&img, w, h, FilterType::Triangle));
    }
    Ok(img)
}

impl Puzzle {
    /// Decode a captcha answer (token, secretKey and the two base64 PNGs).
    pub fn from_response(c: &CaptchaResponse) -> Result<Puzzle, String> {
        let token = c
            .token
            .clone()
            .filter(|t| !t.is_empty())
            .ok_or("the answer has no token")?;
        Ok(Puzzle {
            token,
            secret_key: c.secret_key.clone().filter(|k| !k.is_empty()),
            background: png(
                "originalImageBase64",
                c.original_image_base64.as_deref(),
                BG_WIDTH,
                BG_HEIGHT,
            )?,
            piece: png(
                "jigsawImageBase64",
                c.jigsaw_image_base64.as_deref(),
                PIECE_WIDTH,
                PIECE_HEIGHT,
            )?,
        })
    }

    /// The background with the piece laid over it, its left edge at `x`.
    pub fn compose(&self, x: u32) -> RgbaImage {
        let mut img = self.background.clone();
        image::imageops::overlay(&mut img, &self.piece, x.min(X_LIMIT) as i64, 0);
        img
    }

    /// The composed picture encoded for `picker`, scaled to fit `avail` cells.
    pub fn protocol(&self, x: u32, picker: &Picker, avail: Size) -> Option<Protocol> {
        let font = picker.font_size();
        let cells = cells_for(picker, avail);
        if cells.width == 0 || cells.height == 0 {
            return None;
        }
        if picker.protocol_type() == ProtocolType::Halfblocks {
            // One pixel per half cell: scale straight to that (a detour through
            // font-sized pixels would cost megabytes for nothing).
            let (w, h) = (u32::from(cells.width), u32::from(cells.height) * 2);
            let img = image::imageops::resize(&self.compose(x), w, h, FilterType::Triangle);
            return Halfblocks::new(DynamicImage::ImageRgba8(img), cells)
                .ok()
                .map(Protocol::Halfblocks);
        }
        // Scale once, with a smoothing filter, to exactly the cells' pixels: the
        // protocol then needs no resize of its own (which would use Nearest).
        let w = u32::from(cells.width) * u32::from(font.width);
        let h = u32::from(cells.height) * u32::from(font.height);
        let img = image::imageops::resize(&self.compose(x), w, h, FilterType::Triangle);
        picker
            .new_protocol(DynamicImage::ImageRgba8(img), cells, Resize::Fit(None))
            .ok()
    }
}

/// Real pixels (kitty, iTerm2, sixel) are sent again on every move of the
/// piece: at most this many times the puzzle's own size (a 620x310 picture).
pub const MAX_PIXEL_SCALE: f64 = 2.0;

/// The cells the picture takes in `avail` with `picker` (see [`fit`]).
pub fn cells_for(picker: &Picker, avail: Size) -> Size {
    let max = (picker.protocol_type() != ProtocolType::Halfblocks).then_some(MAX_PIXEL_SCALE);
    fit(avail, picker.font_size(), max)
}

/// The cells a 310x155 picture takes when scaled to fit `avail` at `font`
/// (aspect kept), at most `max_scale` times its size.
pub fn fit(avail: Size, font: FontSize, max_scale: Option<f64>) -> Size {
    let (fw, fh) = (f64::from(font.width.max(1)), f64::from(font.height.max(1)));
    let sx = f64::from(avail.width) * fw / f64::from(BG_WIDTH);
    let sy = f64::from(avail.height) * fh / f64::from(BG_HEIGHT);
    let s = sx.min(sy).min(max_scale.unwrap_or(f64::INFINITY));
    // (the epsilon keeps 99.999... from rounding a whole column away)
    let w = (f64::from(BG_WIDTH) * s / fw + 1e-9).floor() as u16;
    let h = (f64::from(BG_HEIGHT) * s / fh + 1e-9).floor() as u16;
    Size::new(w.min(avail.width), h.min(avail.height))
}

/// The x (piece's left edge, 310-px space) that puts the piece's middle under
/// column `col` of a picture `width` cells wide.
pub fn x_at_column(col: u16, width: u16) -> u32 {
    if width == 0 {
        return 0;
    }
    let px = (f64::from(col) + 0.5) / f64::from(width) * f64::from(BG_WIDTH);
    let x = px - f64::from(PIECE_WIDTH) / 2.0;
    x.round().clamp(0.0, f64::from(X_LIMIT)) as u32
}

/// The columns the piece covers at `x` in a picture `width` cells wide.
pub fn piece_columns(x: u32, width: u16) -> (u16, u16) {
    let scale = f64::from(width) / f64::from(BG_WIDTH);
    let a = (f64::from(x) * scale).floor() as u16;
    let b = (f64::from(x + PIECE_WIDTH) * scale).ceil() as u16;
    (a.min(width), b.min(width))
}

/// Which graphics protocol to draw with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Graphics {
    /// Unicode half-blocks: works everywhere, renders on a TestBackend.
    #[default]
    Halfblocks,
    /// From the environment (TERM, TERM_PROGRAM, ...) and the window's pixel
    /// size (one ioctl): no escape sequence is written, nothing waits for the
    /// terminal, so the first frame is never delayed.
    Auto,
    /// Forced with `VFLOW_GRAPHICS=kitty|sixel|iterm2`.
    Force(ProtocolType),
    /// `VFLOW_GRAPHICS=query`: ask the terminal (ratatui-image's stdio query),
    /// once, at start-up after the first frame.
    Query,
}

impl Graphics {
    /// `VFLOW_GRAPHICS`: `auto` (default), `halfblocks`, `kitty`, `sixel`, `iterm2`, `query`.
    pub fn from_env() -> Graphics {
        match std::env::var("VFLOW_GRAPHICS")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .as_str()
        {
            "halfblocks" | "blocks" | "unicode" => Graphics::Halfblocks,
            "kitty" => Graphics::Force(ProtocolType::Kitty),
            "sixel" => Graphics::Force(ProtocolType::Sixel),
            "iterm2" | "iterm" => Graphics::Force(ProtocolType::Iterm2),
            "query" => Graphics::Query,
            _ => Graphics::Auto,
        }
    }

    /// A picker for this choice, without talking to the terminal.
    pub fn picker(self) -> Picker {
        match self {
            Graphics::Halfblocks => Picker::halfblocks(),
            Graphics::Auto => match (env_protocol(), cell_pixels()) {
                (Some(p), Some(font)) => with_protocol(font, p),
                _ => Picker::halfblocks(),
            },
            Graphics::Force(p) => with_protocol(cell_pixels().unwrap_or(FontSize::new(10, 20)), p),
            // The query itself runs in the TUI's start-up (it reads stdin).
            Graphics::Query => Picker::halfblocks(),
        }
    }
}

#[allow(deprecated)] // from_fontsize is the only constructor that takes a known font size
fn with_protocol(font: FontSize, p: ProtocolType) -> Picker {
    let mut picker = Picker::from_fontsize(font);
    picker.set_protocol_type(p);
    picker
}

/// Ask the terminal which protocol it supports (writes queries, reads answers
/// within `timeout`); half-blocks when it does not answer.
pub fn query_picker(timeout: std::time::Duration) -> Picker {
    let opts = ratatui_image::picker::cap_parser::QueryStdioOptions {
        timeout,
        ..Default::default()
    };
    Picker::from_query_stdio_with_options(opts).unwrap_or_else(|_| Picker::halfblocks())
}

/// The protocol the environment names. Inside tmux the graphics protocols need
/// passthrough that is often off: half-blocks there unless forced.
fn env_protocol() -> Option<ProtocolType> {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if !var("TMUX").is_empty()
        || var("TERM").starts_with("tmux")
        || var("TERM").starts_with("screen")
    {
        return None;
    }
    let term = var("TERM");
    let program = var("TERM_PROGRAM");
    if term.contains("kitty")
        || term.contains("ghostty")
        || !var("KITTY_WINDOW_ID").is_empty()
        || program.eq_ignore_ascii_case("ghostty")
    {
        return Some(ProtocolType::Kitty);
    }
    if ["iTerm", "WezTerm", "mintty", "rio", "WarpTerminal"]
        .iter()
        .any(|p| program.contains(p))
        || var("LC_TERMINAL").contains("iTerm")
    {
        return Some(ProtocolType::Iterm2);
    }
    if term.contains("foot") || term.contains("mlterm") || term.contains("sixel") {
        return Some(ProtocolType::Sixel);
    }
    None
}

/// The size of one cell in pixels, from the window size ioctl (no terminal round trip).
fn cell_pixels() -> Option<FontSize> {
    let ws = crossterm::terminal::window_size().ok()?;
    if ws.width == 0 || ws.height == 0 || ws.columns == 0 || ws.rows == 0 {
        return None;
    }
    Some(FontSize::new(ws.width / ws.columns, ws.height / ws.rows))
}

/// A picture drawn with half-blocks as lines of 24-bit ANSI colour, for
/// printing outside a full-screen app (`vflow captcha solve`).
pub fn ansi_halfblocks(p: &Puzzle, x: u32, avail: Size) -> Vec<String> {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Color;
    let picker = Picker::halfblocks();
    let Some(proto) = p.protocol(x, &picker, avail) else {
        return Vec::new();
    };
    let size = proto.size();
    let area = Rect::new(0, 0, size.width, size.height);
    let mut buf = Buffer::empty(area);
    ratatui::widgets::Widget::render(ratatui_image::Image::new(&proto), area, &mut buf);
    let rgb = |c: Color| match c {
        Color::Rgb(r, g, b) => (r, g, b),
        _ => (0, 0, 0),
    };
    (0..size.height)
        .map(|y| {
            let mut line = String::new();
            for x in 0..size.width {
                let cell = &buf[(x, y)];
                let (fr, fg, fb) = rgb(cell.fg);
                let (br, bg, bb) = rgb(cell.bg);
                line.push_str(&format!(
                    "\x1b[38;2;{fr};{fg};{fb}m\x1b[48;2;{br};{bg};{bb}m{}",
                    cell.symbol()
                ));
            }
            line.push_str("\x1b[0m");
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_keeps_the_aspect_in_halfblock_cells() {
        let f = FontSize::new(10, 20);
        // 2:1 picture, half-block pixels are square: width = 4 x rows
        assert_eq!(fit(Size::new(200, 10), f, None), Size::new(40, 10));
        assert_eq!(fit(Size::new(62, 100), f, None), Size::new(62, 15));
        assert_eq!(fit(Size::new(0, 10), f, None), Size::new(0, 0));
        // real pixels: at most twice the puzzle's size (620x310 px at 10x20 cells)
        let k = FontSize::new(10, 20);
        assert_eq!(fit(Size::new(200, 60), k, Some(2.0)), Size::new(62, 15));
    }

    #[test]
    fn every_protocol_encodes_the_composed_picture() {
        let p = crate::tui::fixtures::puzzle();
        let avail = Size::new(100, 30);
        for proto in [
            ProtocolType::Halfblocks,
            ProtocolType::Kitty,
            ProtocolType::Sixel,
            ProtocolType::Iterm2,
        ] {
            let picker = with_protocol(FontSize::new(10, 20), proto);
            let cells = cells_for(&picker, avail);
            let encoded = p.protocol(120, &picker, avail).expect("encodes");
            assert_eq!(encoded.size(), cells, "{proto:?}");
            let want = if proto == ProtocolType::Halfblocks {
                Size::new(100, 25)
            } else {
                Size::new(62, 15) // capped at twice the puzzle's size
            };
            assert_eq!(cells, want, "{proto:?}");
        }
    }

    #[test]
    fn columns_map_to_x_and_back() {
        assert_eq!(x_at_column(0, 62), 0);
        assert_eq!(x_at_column(61, 62), X_LIMIT);
        let x = x_at_column(30, 62);
        let (a, b) = piece_columns(x, 62);
        assert!(a <= 30 && 30 < b, "{a}..{b} covers 30 (x {x})");
    }
}

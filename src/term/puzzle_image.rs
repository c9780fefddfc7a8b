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

    /// The composed picture encoded for `picker`, scaled to fit `avail` cells
    /// (the half-blocks the TUI draws as cells; the other protocols are drawn
    /// by [`super::graphics::Painter`], this is their one-shot form).
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
            let img = Scene::new(self, w, h, 1).compose(x);
            return Halfblocks::new(DynamicImage::ImageRgba8(img), cells)
                .ok()
                .map(Protocol::Halfblocks);
        }
        let w = u32::from(cells.width) * u32::from(font.width);
        let h = u32::from(cells.height) * u32::from(font.height);
        let img = Scene::new(self, w, h, 2).compose(x);
        picker
            .new_protocol(DynamicImage::ImageRgba8(img), cells, Resize::Fit(None))
            .ok()
    }

    /// The rows (310x155 space) where the piece has pixels: only they change
    /// when the piece moves.
    pub fn piece_rows(&self) -> (u32, u32) {
        let opaque = |y: u32| (0..self.piece.width()).any(|x| self.piece.get_pixel(x, y)[3] >= 128);
        let h = self.piece.height();
        let top = (0..h).find(|&y| opaque(y)).unwrap_or(0);
        let bottom = (0..h).rev().find(|&y| opaque(y)).map_or(h, |y| y + 1);
        (top, bottom.max(top + 1))
    }

    /// The magnified strip ("loupe") around the piece's left edge: `cols` x `rows`
    /// half-block cells, [`LOUPE_ZOOM`] columns per pixel of the 310-px space,
    /// the piece's left edge near the middle, the rows the piece covers squeezed
    /// into the height (vertical edges stay sharp, which is what aligning needs).
    /// Returns the image (one pixel per half cell) and the first x it shows.
    pub fn loupe(&self, x: u32, cols: u16, rows: u16) -> Option<(RgbaImage, u32)> {
        let (cols, rows) = (u32::from(cols), u32::from(rows));
        let span = cols / LOUPE_ZOOM;
        if span == 0 || rows == 0 {
            return None;
        }
        let x = x.min(X_LIMIT);
        // The window moves in steps of a quarter (the edge stays in its middle
        // half): a 1-px move then redraws a few cells, not the whole strip.
        let step = (span / 4).max(1);
        let start = (x.saturating_sub(span / 2) / step * step).min(BG_WIDTH.saturating_sub(span));
        let span = span.min(BG_WIDTH - start);
        let (top, bottom) = self.piece_rows();
        // the composed picture at its own size, the piece outlined 1 px
        // the piece half see-through (its outline solid): the hole's edge
        // shows under it, so both edges are in view when they are close
        let mut scene = Scene::new(self, BG_WIDTH, BG_HEIGHT, 1);
        for p in scene.piece.pixels_mut() {
            if *p != OUTLINE {
                p[3] /= 2;
            }
        }
        let full = scene.compose(x);
        let crop = image::imageops::crop_imm(&full, start, top, span, bottom - top).to_image();
        let squeezed = image::imageops::resize(&crop, span, rows * 2, FilterType::Triangle);
        let wide =
            image::imageops::resize(&squeezed, span * LOUPE_ZOOM, rows * 2, FilterType::Nearest);
        Some((wide, start))
    }
}

/// Columns per pixel (310-px space) in the loupe.
pub const LOUPE_ZOOM: u32 = 2;

/// The piece's outline: a colour that stands out on sky, grass and rock alike.
pub const OUTLINE: image::Rgba<u8> = image::Rgba([255, 0, 255, 255]);
/// The inner line of a thick outline (dark, so the magenta reads on light pixels too).
pub const OUTLINE_INNER: image::Rgba<u8> = image::Rgba([20, 0, 30, 255]);

/// A puzzle scaled to `w` x `h` pixels: the background, and the piece scaled
/// the same way, outlined in a contrasting colour. Built once per puzzle and
/// size; composing at an x is then cheap.
#[derive(Clone, Debug)]
pub struct Scene {
    pub background: RgbaImage,
    pub piece: RgbaImage,
    /// Pixels per pixel of the 310-px space, horizontally.
    pub scale: f64,
    /// The rows (in this scene's pixels) the piece's shape covers.
    pub piece_rows: (u32, u32),
}

impl Scene {
    /// `outline`: its thickness in this scene's pixels (1 is the outline only;
    /// 2 or more adds a dark inner line).
    pub fn new(p: &Puzzle, w: u32, h: u32, outline: u32) -> Scene {
        let (w, h) = (w.max(1), h.max(1));
        let scale = f64::from(w) / f64::from(BG_WIDTH);
        let background = if (w, h) == (BG_WIDTH, BG_HEIGHT) {
            p.background.clone()
        } else {
            image::imageops::resize(&p.background, w, h, FilterType::Triangle)
        };
        let pw = ((f64::from(PIECE_WIDTH) * scale).round() as u32).max(1);
        let mut piece = if (pw, h) == (PIECE_WIDTH, PIECE_HEIGHT) {
            p.piece.clone()
        } else {
            image::imageops::resize(&p.piece, pw, h, FilterType::Triangle)
        };
        outline_piece(&mut piece, outline);
        let (t, b) = p.piece_rows();
        let sy = f64::from(h) / f64::from(BG_HEIGHT);
        let piece_rows = (
            (f64::from(t) * sy).floor() as u32,
            ((f64::from(b) * sy).ceil() as u32).min(h),
        );
        Scene {
            background,
            piece,
            scale,
            piece_rows,
        }
    }

    pub fn width(&self) -> u32 {
        self.background.width()
    }

    pub fn height(&self) -> u32 {
        self.background.height()
    }

    /// Where the piece's left edge is, in this scene's pixels.
    pub fn piece_left(&self, x: u32) -> u32 {
        let px = (f64::from(x.min(X_LIMIT)) * self.scale).round() as u32;
        px.min(self.width().saturating_sub(self.piece.width()))
    }

    /// The whole picture with the piece at `x`.
    pub fn compose(&self, x: u32) -> RgbaImage {
        self.region(x, 0, 0, self.width(), self.height())
    }

    /// Part of the picture with the piece at `x` (clamped to the scene).
    pub fn region(&self, x: u32, left: u32, top: u32, w: u32, h: u32) -> RgbaImage {
        let left = left.min(self.width());
        let top = top.min(self.height());
        let w = w.min(self.width() - left);
        let h = h.min(self.height() - top);
        let mut img = image::imageops::crop_imm(&self.background, left, top, w, h).to_image();
        let px = i64::from(self.piece_left(x)) - i64::from(left);
        image::imageops::overlay(&mut img, &self.piece, px, -i64::from(top));
        img
    }
}

/// Paint the piece's border pixels (opaque, next to a transparent one within
/// `thickness`) in [`OUTLINE`], the innermost of a thick border in [`OUTLINE_INNER`].
fn outline_piece(piece: &mut RgbaImage, thickness: u32) {
    if thickness == 0 {
        return;
    }
    let (w, h) = piece.dimensions();
    let opaque = |img: &RgbaImage, x: i64, y: i64| {
        x >= 0
            && y >= 0
            && x < i64::from(w)
            && y < i64::from(h)
            && img.get_pixel(x as u32, y as u32)[3] >= 128
    };
    let src = piece.clone();
    let t = i64::from(thickness);
    for y in 0..h {
        for x in 0..w {
            let (xi, yi) = (i64::from(x), i64::from(y));
            if !opaque(&src, xi, yi) {
                continue;
            }
            // distance (in rings) to the nearest transparent pixel, up to t
            let ring = (1..=t).find(|&d| {
                (-d..=d).any(|dx| {
                    !opaque(&src, xi + dx, yi - d)
                        || !opaque(&src, xi + dx, yi + d)
                        || !opaque(&src, xi - d, yi + dx)
                        || !opaque(&src, xi + d, yi + dx)
                })
            });
            match ring {
                Some(d) if d == t && t >= 2 => piece.put_pixel(x, y, OUTLINE_INNER),
                Some(_) => piece.put_pixel(x, y, OUTLINE),
                None => {}
            }
        }
    }
}

/// The cells the picture takes in `avail` with `picker` (see [`fit`]).
/// Every protocol fills the area like half-blocks do: moving the piece
/// re-sends only a small image (see [`super::graphics`]).
pub fn cells_for(picker: &Picker, avail: Size) -> Size {
    let font = picker.font_size();
    let avail = if picker.protocol_type() == ProtocolType::Sixel {
        // xterm draws no sixel image larger than its maxGraphicSize (1000x1000
        // by default): a bigger picture would simply not appear
        Size::new(
            avail.width.min(SIXEL_MAX_PX / font.width.max(1)),
            avail.height.min(SIXEL_MAX_PX / font.height.max(1)),
        )
    } else {
        avail
    };
    fit(avail, font, None)
}

/// The largest sixel picture, in pixels each way (xterm's default maxGraphicSize).
pub const SIXEL_MAX_PX: u16 = 1000;

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

/// The x of the hole in [`sample`].
#[cfg(any(test, feature = "test-support"))]
pub const SAMPLE_HOLE_X: u32 = 150;

/// A fixed puzzle drawn by the simulator's painter (tests and benchmarks).
#[cfg(any(test, feature = "test-support"))]
pub fn sample() -> Puzzle {
    use base64::Engine as _;
    let img = crate::sim::puzzle::draw(3, SAMPLE_HOLE_X, 40);
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let c = crate::api::wire::CaptchaResponse {
        token: Some("0f1e2d3c4b5a69788796a5b4c3d2e1f0".into()),
        original_image_base64: Some(b64(&img.background_png)),
        jigsaw_image_base64: Some(b64(&img.piece_png)),
        result: Some(false),
        ..Default::default()
    };
    Puzzle::from_response(&c).expect("the simulator's PNGs decode")
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
        let p = sample();
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
            // every protocol fills the area (2:1 picture, 10x20 cells)
            assert_eq!(cells, Size::new(100, 25), "{proto:?}");
        }
    }

    #[test]
    fn sixel_pictures_stay_within_xterms_largest_graphic() {
        let picker = with_protocol(FontSize::new(10, 20), ProtocolType::Sixel);
        let cells = cells_for(&picker, Size::new(158, 40));
        assert!(cells.width * 10 <= SIXEL_MAX_PX && cells.height * 20 <= SIXEL_MAX_PX);
        assert_eq!(cells, Size::new(100, 25));
        let kitty = with_protocol(FontSize::new(10, 20), ProtocolType::Kitty);
        assert_eq!(cells_for(&kitty, Size::new(158, 40)).width, 158);
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

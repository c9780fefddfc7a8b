//! The puzzle's picture with real pixels (kitty, iTerm2, sixel), written as
//! escape sequences after a frame is drawn, each protocol the way it is meant
//! to be used:
//!
//! - **kitty**: background and piece transmitted once per puzzle (PNG, by
//!   image id), shown by direct placement; a move re-places the piece (about
//!   60 bytes); overlays delete the placements and closing them places the
//!   images again without sending pixels; a new puzzle deletes the old images
//!   (data freed). Direct placement works in every kitty with graphics (0.20+),
//!   so no grid of Unicode placeholders ever shows in a kitty older than 0.28.
//! - **sixel** and **iTerm2**: the whole picture once per puzzle (and after an
//!   overlay covered it); a move draws only the strip the piece leaves and
//!   enters, over the old pixels (nothing is erased first, so nothing blinks).
//!   iTerm2 images are sent at about the puzzle's own resolution and scaled by
//!   the terminal to the cells; sixel at the cells' pixels.
//!
//! The caller (the TUI) says what should be on screen ([`Want`]); the painter
//! remembers what it drew and writes only the difference. The cells under the
//! picture must be left alone by the cell renderer (ratatui's `Skip`).

use super::puzzle_image::{Puzzle, Scene};
use base64::Engine as _;
use ratatui::layout::{Rect, Size};
use ratatui_image::FontSize;
use std::io::{self, Write};

/// A graphics protocol drawn by the [`Painter`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Kitty,
    Iterm2,
    Sixel,
}

impl Kind {
    pub fn from_protocol(p: ratatui_image::picker::ProtocolType) -> Option<Kind> {
        use ratatui_image::picker::ProtocolType as P;
        match p {
            P::Kitty => Some(Kind::Kitty),
            P::Iterm2 => Some(Kind::Iterm2),
            P::Sixel => Some(Kind::Sixel),
            P::Halfblocks => None,
        }
    }
}

/// What the screen should show.
pub struct Want<'a> {
    /// Identifies the puzzle (its token): a new key is a new puzzle.
    pub key: &'a str,
    pub puzzle: &'a Puzzle,
    pub x: u32,
    /// The cells the picture fills.
    pub area: Rect,
    /// An overlay (help, a menu) covers the picture: hide it, keep the puzzle.
    pub covered: bool,
    /// The terminal's size (a resize redraws everything).
    pub screen: Size,
}

struct Shown {
    key: String,
    area: Rect,
    screen: Size,
    x: u32,
    visible: bool,
    scene: Scene,
    /// kitty image ids (background, piece)
    ids: (u32, u32),
}

/// Draws the puzzle's picture with one graphics protocol, incrementally.
pub struct Painter {
    kind: Kind,
    font: FontSize,
    shown: Option<Shown>,
    next_id: u32,
}

/// kitty image ids start here (out of the way of other programs' small ids).
const FIRST_ID: u32 = 0x5f10_0000;
/// Base64 bytes per kitty chunk (the protocol's limit is 4096).
const KITTY_CHUNK: usize = 4096;

impl Painter {
    pub fn new(kind: Kind, font: FontSize) -> Painter {
        Painter {
            kind,
            font: FontSize::new(font.width.max(1), font.height.max(1)),
            shown: None,
            next_id: FIRST_ID,
        }
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Bring the terminal from what was drawn to `want`, writing to `out`.
    /// The cursor is saved and restored around the output.
    pub fn paint(&mut self, want: Option<Want<'_>>, out: &mut impl Write) -> io::Result<()> {
        let mut buf = Vec::new();
        self.paint_into(want, &mut buf);
        if !buf.is_empty() {
            out.write_all(b"\x1b7")?;
            out.write_all(&buf)?;
            out.write_all(b"\x1b8")?;
            out.flush()?;
        }
        Ok(())
    }

    fn paint_into(&mut self, want: Option<Want<'_>>, out: &mut Vec<u8>) {
        let Some(w) = want.filter(|w| w.area.width > 0 && w.area.height > 0) else {
            // Gone (another screen, or the puzzle was dropped): kitty frees the
            // images; sixel and iTerm2 pixels are overwritten by the cells.
            if let Some(s) = self.shown.take() {
                self.free(&s, out);
            }
            return;
        };
        let same = self
            .shown
            .as_ref()
            .is_some_and(|s| s.key == w.key && s.area == w.area && s.screen == w.screen);
        if !same {
            if let Some(s) = self.shown.take() {
                self.free(&s, out);
            }
            let scene = self.scene(w.puzzle, w.area);
            let ids = (self.next_id, self.next_id + 1);
            self.next_id = self.next_id.wrapping_add(2).max(FIRST_ID);
            self.shown = Some(Shown {
                key: w.key.to_string(),
                area: w.area,
                screen: w.screen,
                x: w.x,
                visible: false,
                scene,
                ids,
            });
            if self.kind == Kind::Kitty {
                let s = self.shown.as_ref().expect("just set");
                kitty_transmit(out, s);
            }
        }
        let kind = self.kind;
        let font = self.font;
        let s = self.shown.as_mut().expect("set above");
        if w.covered {
            if s.visible && kind == Kind::Kitty {
                // placements only: the pixels stay in the terminal for later
                kitty_delete(out, s.ids.0, false);
                kitty_delete(out, s.ids.1, false);
            }
            s.visible = false;
            s.x = w.x;
            return;
        }
        if !s.visible {
            match kind {
                Kind::Kitty => {
                    kitty_place_background(out, s);
                    kitty_place_piece(out, s, w.x, font);
                }
                Kind::Sixel | Kind::Iterm2 => {
                    let (cols, rows) = (s.area.width, s.area.height);
                    draw_cells(out, kind, s, w.x, 0, cols, 0, rows, font);
                }
            }
            s.visible = true;
            s.x = w.x;
            return;
        }
        if s.x == w.x {
            return;
        }
        match kind {
            Kind::Kitty => kitty_place_piece(out, s, w.x, font),
            Kind::Sixel | Kind::Iterm2 => {
                // The strip the piece leaves and enters, in whole cells.
                let (cw, ch) = cell_px(kind, s, font);
                let pw = s.scene.piece.width();
                let a = s.scene.piece_left(s.x).min(s.scene.piece_left(w.x));
                let b = s.scene.piece_left(s.x).max(s.scene.piece_left(w.x)) + pw;
                let c0 = (a / cw) as u16;
                let c1 = (b.div_ceil(cw) as u16).min(s.area.width);
                let (t, bt) = s.scene.piece_rows;
                let r0 = (t / ch) as u16;
                // sixel heights are cut to whole 6-px bands: one more row
                // keeps the piece's last pixel rows inside the strip
                let extra = u16::from(kind == Kind::Sixel);
                let r1 = (bt.div_ceil(ch) as u16 + extra).min(s.area.height);
                draw_cells(out, kind, s, w.x, c0, c1, r0, r1, font);
            }
        }
        s.x = w.x;
    }

    fn scene(&self, p: &Puzzle, area: Rect) -> Scene {
        let (cw, ch) = match self.kind {
            // iTerm2 scales the image to the cells: send about the puzzle's own
            // resolution (a whole number of pixels per cell).
            Kind::Iterm2 => transfer_cell(area),
            _ => (u32::from(self.font.width), u32::from(self.font.height)),
        };
        let (w, h) = (u32::from(area.width) * cw, u32::from(area.height) * ch);
        Scene::new(p, w, h, if cw >= 3 { 2 } else { 1 })
    }

    fn free(&self, s: &Shown, out: &mut Vec<u8>) {
        if self.kind == Kind::Kitty {
            kitty_delete(out, s.ids.0, true);
            kitty_delete(out, s.ids.1, true);
        }
    }
}

/// Pixels per cell of an iTerm2 picture in `area`: enough for the puzzle's own
/// 310x155 resolution, no more.
fn transfer_cell(area: Rect) -> (u32, u32) {
    use crate::api::captcha::{BG_HEIGHT, BG_WIDTH};
    (
        BG_WIDTH.div_ceil(u32::from(area.width.max(1))).max(1),
        BG_HEIGHT.div_ceil(u32::from(area.height.max(1))).max(1),
    )
}

fn cell_px(kind: Kind, s: &Shown, font: FontSize) -> (u32, u32) {
    match kind {
        Kind::Iterm2 => transfer_cell(s.area),
        _ => (u32::from(font.width), u32::from(font.height)),
    }
}

fn move_to(out: &mut Vec<u8>, col: u16, row: u16) {
    let _ = write!(out, "\x1b[{};{}H", u32::from(row) + 1, u32::from(col) + 1);
}

/// Draw cells `c0..c1` x `r0..r1` of the picture (sixel or iTerm2) at their place.
#[allow(clippy::too_many_arguments)]
fn draw_cells(
    out: &mut Vec<u8>,
    kind: Kind,
    s: &Shown,
    x: u32,
    c0: u16,
    c1: u16,
    r0: u16,
    r1: u16,
    font: FontSize,
) {
    if c1 <= c0 || r1 <= r0 {
        return;
    }
    let (cw, ch) = cell_px(kind, s, font);
    let (left, top) = (u32::from(c0) * cw, u32::from(r0) * ch);
    let (w, mut h) = (u32::from(c1 - c0) * cw, u32::from(r1 - r0) * ch);
    if kind == Kind::Sixel {
        // sixel bands are 6 px: a last partial band would spill into the row below
        h -= h % 6;
        if h == 0 {
            return;
        }
    }
    let img = s.scene.region(x, left, top, w, h);
    move_to(out, s.area.x + c0, s.area.y + r0);
    match kind {
        Kind::Sixel => out.extend_from_slice(sixel(&img).as_bytes()),
        Kind::Iterm2 => iterm2(out, &img, c1 - c0, r1 - r0),
        Kind::Kitty => {}
    }
}

/// The sixel encoding of `img` (256 colours, light dithering).
pub fn sixel(img: &image::RgbaImage) -> String {
    let opts = icy_sixel::EncodeOptions {
        max_colors: 256,
        diffusion: 0.0,
        ..Default::default()
    };
    icy_sixel::sixel_encode(
        img.as_raw(),
        img.width() as usize,
        img.height() as usize,
        &opts,
    )
    .unwrap_or_default()
}

fn png(img: &image::RgbaImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    let enc = image::codecs::png::PngEncoder::new_with_quality(
        &mut bytes,
        image::codecs::png::CompressionType::Best,
        image::codecs::png::FilterType::Adaptive,
    );
    let _ = image::ImageEncoder::write_image(
        enc,
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgba8,
    );
    bytes
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// An iTerm2 inline image (OSC 1337) stretched over `cols` x `rows` cells.
fn iterm2(out: &mut Vec<u8>, img: &image::RgbaImage, cols: u16, rows: u16) {
    let data = png(img);
    let _ = write!(
        out,
        "\x1b]1337;File=inline=1;size={};width={cols};height={rows};preserveAspectRatio=0;doNotMoveCursor=1:{}\x07",
        data.len(),
        b64(&data)
    );
}

/// Transmit a PNG under image id `id` (no placement), in chunks.
fn kitty_send(out: &mut Vec<u8>, id: u32, img: &image::RgbaImage) {
    let data = b64(&png(img));
    let chunks: Vec<&[u8]> = data.as_bytes().chunks(KITTY_CHUNK).collect();
    let n = chunks.len();
    for (i, c) in chunks.into_iter().enumerate() {
        let more = u8::from(i + 1 < n);
        if i == 0 {
            let _ = write!(out, "\x1b_Ga=t,f=100,i={id},q=2,m={more};");
        } else {
            let _ = write!(out, "\x1b_Gm={more};");
        }
        out.extend_from_slice(c);
        out.extend_from_slice(b"\x1b\\");
    }
}

fn kitty_transmit(out: &mut Vec<u8>, s: &Shown) {
    kitty_send(out, s.ids.0, &s.scene.background);
    kitty_send(out, s.ids.1, &s.scene.piece);
}

fn kitty_place_background(out: &mut Vec<u8>, s: &Shown) {
    move_to(out, s.area.x, s.area.y);
    let _ = write!(
        out,
        "\x1b_Ga=p,i={},p=1,c={},r={},z=0,C=1,q=2\x1b\\",
        s.ids.0, s.area.width, s.area.height
    );
}

/// Place (or move: same placement id) the piece with its left edge at `x`.
fn kitty_place_piece(out: &mut Vec<u8>, s: &Shown, x: u32, font: FontSize) {
    let px = s.scene.piece_left(x);
    let fw = u32::from(font.width);
    let col = (px / fw) as u16;
    move_to(out, s.area.x + col, s.area.y);
    let _ = write!(
        out,
        "\x1b_Ga=p,i={},p=1,X={},z=1,C=1,q=2\x1b\\",
        s.ids.1,
        px % fw
    );
}

/// Delete an image's placements (`free`: and its data).
fn kitty_delete(out: &mut Vec<u8>, id: u32, free: bool) {
    let d = if free { 'I' } else { 'i' };
    let _ = write!(out, "\x1b_Ga=d,d={d},i={id},q=2\x1b\\");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn want<'a>(p: &'a Puzzle, key: &'a str, x: u32, covered: bool) -> Want<'a> {
        Want {
            key,
            puzzle: p,
            x,
            area: Rect::new(2, 3, 60, 15),
            covered,
            screen: Size::new(80, 24),
        }
    }

    fn run(kind: Kind) -> (Painter, Puzzle) {
        (
            Painter::new(kind, FontSize::new(10, 20)),
            crate::term::puzzle_image::sample(),
        )
    }

    fn paint(pt: &mut Painter, w: Option<Want<'_>>) -> String {
        let mut v = Vec::new();
        pt.paint_into(w, &mut v);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn kitty_sends_pixels_once_then_moves_the_placement() {
        let (mut pt, p) = run(Kind::Kitty);
        let first = paint(&mut pt, Some(want(&p, "a", 0, false)));
        assert_eq!(
            first.matches("a=t,f=100").count(),
            2,
            "background and piece"
        );
        assert!(first.contains("a=p,i=1594884096,p=1,c=60,r=15"));
        let mv = paint(&mut pt, Some(want(&p, "a", 1, false)));
        assert!(!mv.contains("a=t"), "{mv}");
        assert!(mv.contains("a=p,i=1594884097,p=1,"), "{mv}");
        assert!(mv.len() < 100, "{}", mv.len());
        assert_eq!(paint(&mut pt, Some(want(&p, "a", 1, false))), "");
        // help over it: placements go, pixels stay; closing places them again
        let cover = paint(&mut pt, Some(want(&p, "a", 1, true)));
        assert!(cover.contains("a=d,d=i,i=1594884096"), "{cover}");
        let back = paint(&mut pt, Some(want(&p, "a", 1, false)));
        assert!(
            !back.contains("a=t") && back.matches("a=p").count() == 2,
            "{back}"
        );
        // a new puzzle frees the old images
        let next = paint(&mut pt, Some(want(&p, "b", 0, false)));
        assert!(next.contains("a=d,d=I,i=1594884096") && next.contains("a=d,d=I,i=1594884097"));
        assert!(next.contains("a=t,f=100,i=1594884098"));
    }

    #[test]
    fn sixel_and_iterm2_redraw_only_the_piece_strip() {
        for kind in [Kind::Sixel, Kind::Iterm2] {
            let (mut pt, p) = run(kind);
            let first = paint(&mut pt, Some(want(&p, "a", 100, false)));
            let mv = paint(&mut pt, Some(want(&p, "a", 101, false)));
            assert!(!mv.is_empty());
            assert!(
                mv.len() * 4 < first.len(),
                "{kind:?}: {} vs {}",
                mv.len(),
                first.len()
            );
            // the strip starts at the cell the piece is in, on the piece's rows
            let col = 2 + (100 * 600 / 310) / 10 + 1;
            assert!(mv.contains(&format!(";{col}H")), "{kind:?}: {}", &mv[..20]);
            // covered, then uncovered: the whole picture again
            paint(&mut pt, Some(want(&p, "a", 101, true)));
            let back = paint(&mut pt, Some(want(&p, "a", 101, false)));
            assert!(back.starts_with("\x1b[4;3H"), "{kind:?}");
            assert!(back.len() * 2 > first.len(), "{kind:?}");
        }
    }

    #[test]
    fn a_sixel_strip_covers_every_row_of_the_piece() {
        // sixel heights are cut to 6-px bands: at some picture sizes that cut
        // would leave the piece's last rows behind
        for rows in 8..=24u16 {
            let (mut pt, p) = run(Kind::Sixel);
            let w = |x| Want {
                area: Rect::new(2, 3, rows * 4, rows),
                ..want(&p, "a", x, false)
            };
            paint(&mut pt, Some(w(100)));
            let mv = paint(&mut pt, Some(w(101)));
            let (top, bottom) = pt.shown.as_ref().unwrap().scene.piece_rows;
            let row: u32 = mv[2..mv.find(';').unwrap()].parse().unwrap();
            let top_px = (row - 1 - 3) * 20;
            let i = mv.find("\"1;1;").unwrap() + 5;
            let h: u32 = mv[i..]
                .split(';')
                .nth(1)
                .unwrap()
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap()
                .parse()
                .unwrap();
            assert!(
                top_px <= top && top_px + h >= bottom,
                "{rows} rows: strip {top_px}+{h} px, piece {top}..{bottom}"
            );
        }
    }
}

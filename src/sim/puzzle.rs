//! The slider-puzzle images, drawn by the simulator itself (no downloads, no image assets).
//!
//! A background is a little landscape (sky gradient, sun, two mountain ridges, a few
//! translucent shapes) so that a person can find the hole by eye. Backgrounds are rendered
//! once, lazily, from fixed seeds; a puzzle copies one, cuts the jigsaw-shaped hole at the
//! chosen x (darkened, with a light outline) and lifts the same pixels into a 47x155 RGBA
//! piece that is transparent outside the shape. Both images are encoded with the PNG
//! encoder's fastest setting, which keeps generation well above 1,000 puzzles/s.

use crate::api::captcha::{BG_HEIGHT, BG_WIDTH, PIECE_HEIGHT, PIECE_WIDTH, X_MAX, X_MIN};
use std::sync::OnceLock;

const W: usize = BG_WIDTH as usize;
const H: usize = BG_HEIGHT as usize;
const PW: usize = PIECE_WIDTH as usize;
const PH: usize = PIECE_HEIGHT as usize;
/// The jigsaw shape fits in a PW x SHAPE box placed at a random height inside the piece.
const SHAPE: usize = 47;
/// How many distinct backgrounds exist.
const BACKGROUNDS: usize = 12;

/// One generated puzzle: the hole's true x and the two PNG files.
#[derive(Debug, Clone)]
pub struct Images {
    pub x: u32,
    pub background_png: Vec<u8>,
    pub piece_png: Vec<u8>,
}

/// Render the backgrounds now rather than on the first captcha request.
pub fn warm() {
    backgrounds();
    mask();
}

/// Draw a puzzle whose hole is at a random x in [X_MIN, X_MAX].
pub fn generate() -> Images {
    let x = rand::random_range(X_MIN..=X_MAX);
    let top = rand::random_range(4..=(PH - SHAPE - 4));
    let bg = rand::random_range(0..BACKGROUNDS);
    draw(bg, x, top)
}

/// Draw a puzzle with background `bg`, the hole's left edge at `x` and the shape's top at `top`.
pub fn draw(bg: usize, x: u32, top: usize) -> Images {
    let x = x.clamp(X_MIN, X_MAX) as usize;
    let top = top.min(PH - SHAPE);
    let mut background = backgrounds()[bg % BACKGROUNDS].clone();
    let mut piece = vec![0u8; PW * PH * 4];
    for (j, row) in mask().iter().enumerate() {
        for (i, &cell) in row.iter().enumerate() {
            if cell == Cell::Out {
                continue;
            }
            let b = ((top + j) * W + x + i) * 3;
            let p = ((top + j) * PW + i) * 4;
            let src = [background[b], background[b + 1], background[b + 2]];
            let (piece_rgb, hole_rgb) = match cell {
                Cell::Edge => (
                    mix(src, [255, 255, 255], 0.7),
                    mix(src, [255, 255, 255], 0.6),
                ),
                _ => (src, mix(src, [0, 0, 0], 0.55)),
            };
            piece[p..p + 3].copy_from_slice(&piece_rgb);
            piece[p + 3] = 255;
            background[b..b + 3].copy_from_slice(&hole_rgb);
        }
    }
    Images {
        x: x as u32,
        background_png: encode(&background, BG_WIDTH, BG_HEIGHT, png::ColorType::Rgb),
        piece_png: encode(&piece, PIECE_WIDTH, PIECE_HEIGHT, png::ColorType::Rgba),
    }
}

fn encode(data: &[u8], width: u32, height: u32, color: png::ColorType) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 3);
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(color);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fastest);
    // Writing to a Vec of the right size cannot fail; the buffer sizes are fixed above.
    let mut writer = enc.write_header().expect("PNG header to a Vec");
    writer
        .write_image_data(data)
        .expect("PNG data of the declared size");
    writer.finish().expect("PNG end to a Vec");
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cell {
    Out,
    In,
    Edge,
}

/// The jigsaw shape: a square body with a knob on top and on the right and a notch on the left.
fn mask() -> &'static [[Cell; PW]; SHAPE] {
    static MASK: OnceLock<[[Cell; PW]; SHAPE]> = OnceLock::new();
    MASK.get_or_init(|| {
        let inside = |i: isize, j: isize| -> bool {
            if i < 0 || j < 0 || i >= PW as isize || j >= SHAPE as isize {
                return false;
            }
            let (x, y) = (i as f32 + 0.5, j as f32 + 0.5);
            let within = |cx: f32, cy: f32, r: f32| (x - cx).powi(2) + (y - cy).powi(2) <= r * r;
            let body = x < 37.0 && y >= 10.0;
            let top_knob = within(18.5, 10.0, 7.0);
            let right_knob = within(37.0, 28.5, 7.0);
            let left_notch = within(0.0, 28.5, 6.0);
            (body || top_knob || right_knob) && !left_notch
        };
        let mut m = [[Cell::Out; PW]; SHAPE];
        for (j, row) in m.iter_mut().enumerate() {
            for (i, cell) in row.iter_mut().enumerate() {
                let (i, j) = (i as isize, j as isize);
                if !inside(i, j) {
                    continue;
                }
                let near_outside = [
                    (1, 0),
                    (-1, 0),
                    (0, 1),
                    (0, -1),
                    (2, 0),
                    (-2, 0),
                    (0, 2),
                    (0, -2),
                ]
                .iter()
                .any(|(di, dj)| !inside(i + di, j + dj));
                *cell = if near_outside { Cell::Edge } else { Cell::In };
            }
        }
        m
    })
}

fn backgrounds() -> &'static [Vec<u8>; BACKGROUNDS] {
    static BGS: OnceLock<[Vec<u8>; BACKGROUNDS]> = OnceLock::new();
    BGS.get_or_init(|| std::array::from_fn(|i| landscape(0x9E37_79B9_7F4A_7C15 ^ (i as u64 + 1))))
}

/// A tiny deterministic generator (xorshift64*), so backgrounds are the same on every run.
struct Seq(u64);

impl Seq {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [lo, hi).
    fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (self.next() >> 40) as f32 / (1u64 << 24) as f32 * (hi - lo)
    }
}

fn landscape(seed: u64) -> Vec<u8> {
    let mut rng = Seq(seed | 1);
    let hue = rng.range(0.0, 360.0);
    let sky_top = hsv(hue, 0.55, 0.95);
    let sky_low = hsv(hue + 40.0, 0.25, 1.0);
    let far = hsv(hue + 150.0, 0.35, 0.65);
    let near = hsv(hue + 190.0, 0.55, 0.45);
    let mut img = vec![0u8; W * H * 3];
    for y in 0..H {
        let c = mix(sky_top, sky_low, y as f32 / H as f32);
        for x in 0..W {
            img[(y * W + x) * 3..][..3].copy_from_slice(&c);
        }
    }
    // the sun
    let (sx, sy, sr) = (
        rng.range(20.0, 290.0),
        rng.range(15.0, 60.0),
        rng.range(12.0, 24.0),
    );
    blend_where(&mut img, hsv(hue + 60.0, 0.7, 1.0), 0.85, |x, y| {
        (x - sx).powi(2) + (y - sy).powi(2) <= sr * sr
    });
    // two mountain ridges (sums of sines), the nearer one darker and lower
    for (color, base, amp) in [(far, 85.0, 30.0), (near, 115.0, 22.0)] {
        let waves: Vec<(f32, f32, f32)> = (0..3)
            .map(|_| {
                (
                    rng.range(0.01, 0.06),
                    rng.range(0.0, 6.3),
                    rng.range(0.3, 1.0),
                )
            })
            .collect();
        blend_where(&mut img, color, 1.0, |x, y| {
            let h: f32 = waves.iter().map(|(f, p, a)| a * (f * x + p).sin()).sum();
            y >= base - amp * h / 1.5
        });
    }
    // translucent shapes: circles and rectangles, to give every column something to look at
    for k in 0..7 {
        let color = hsv(hue + rng.range(0.0, 360.0), 0.6, 0.9);
        let (cx, cy) = (rng.range(0.0, W as f32), rng.range(0.0, H as f32));
        let size = rng.range(8.0, 26.0);
        if k % 2 == 0 {
            blend_where(&mut img, color, 0.45, |x, y| {
                (x - cx).powi(2) + (y - cy).powi(2) <= size * size
            });
        } else {
            let tall = rng.range(0.5, 2.0);
            blend_where(&mut img, color, 0.4, |x, y| {
                (x - cx).abs() <= size && (y - cy).abs() <= size * tall
            });
        }
    }
    img
}

fn blend_where(img: &mut [u8], color: [u8; 3], alpha: f32, inside: impl Fn(f32, f32) -> bool) {
    for y in 0..H {
        for x in 0..W {
            if inside(x as f32 + 0.5, y as f32 + 0.5) {
                let p = &mut img[(y * W + x) * 3..][..3];
                let c = mix([p[0], p[1], p[2]], color, alpha);
                p.copy_from_slice(&c);
            }
        }
    }
}

/// `a` moved towards `b` by `t` in [0, 1].
fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    std::array::from_fn(|i| (a[i] as f32 + (b[i] as f32 - a[i] as f32) * t).round() as u8)
}

fn hsv(h: f32, s: f32, v: f32) -> [u8; 3] {
    let h = h.rem_euclid(360.0) / 60.0;
    let c = v * s;
    let x = c * (1.0 - (h % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = v - c;
    [r, g, b].map(|u| ((u + m) * 255.0).round() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(png_bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (info, buf)
    }

    #[test]
    fn hole_and_piece_are_where_the_shape_is() {
        let img = draw(3, 150, 40);
        assert_eq!(img.x, 150);
        let (bg_info, bg) = decode(&img.background_png);
        assert_eq!((bg_info.width, bg_info.height), (310, 155));
        let clean = &backgrounds()[3];
        // inside the body of the shape the background is darkened, outside it is untouched
        let at = |buf: &[u8], x: usize, y: usize| buf[(y * W + x) * 3..][..3].to_vec();
        let (hx, hy) = (150 + 18, 40 + 30);
        let dark: u32 = at(&bg, hx, hy).iter().map(|&c| c as u32).sum();
        let orig: u32 = at(clean, hx, hy).iter().map(|&c| c as u32).sum();
        assert!(dark < orig, "hole pixel {dark} not darker than {orig}");
        assert_eq!(at(&bg, 100, 20), at(clean, 100, 20));
        let (p_info, piece) = decode(&img.piece_png);
        assert_eq!((p_info.width, p_info.height), (47, 155));
        assert_eq!(p_info.color_type, png::ColorType::Rgba);
        let alpha = |x: usize, y: usize| piece[(y * PW + x) * 4 + 3];
        assert_eq!(alpha(18, 70), 255);
        assert_eq!(alpha(18, 5), 0, "above the shape");
        assert_eq!(alpha(46, 150), 0, "corner");
        assert_eq!(piece[(70 * PW + 18) * 4..][..3], at(clean, hx, hy)[..]);
    }

    #[test]
    fn random_puzzles_stay_in_range() {
        for _ in 0..50 {
            let p = generate();
            assert!((X_MIN..=X_MAX).contains(&p.x));
        }
    }

    #[test]
    fn mask_has_inside_and_edge() {
        let m = mask();
        let count = |c| m.iter().flatten().filter(|&&x| x == c).count();
        assert!(count(Cell::In) > 600);
        assert!(count(Cell::Edge) > 100);
        assert_eq!(m[0][0], Cell::Out);
        assert_eq!(m[28][2], Cell::Out, "left notch");
        assert_ne!(m[28][42], Cell::Out, "right knob");
    }
}

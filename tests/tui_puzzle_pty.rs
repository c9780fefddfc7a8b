//! The puzzle's picture per graphics protocol, end to end: the built binary
//! in a pseudo-terminal with `VFLOW_GRAPHICS` forcing the protocol, and the
//! bytes it writes parsed: one background transmission per puzzle, moves
//! within their byte budget, old kitty images deleted, the picture drawn again
//! after the help closes, nothing written into the picture's cells before a
//! redraw; with half-blocks, NO_COLOR keeps the picture's colours.

mod pty_support;

use pty_support::{Pty, PtyCommand};

fn count(hay: &[u8], needle: &str) -> usize {
    hay.windows(needle.len())
        .filter(|w| *w == needle.as_bytes())
        .count()
}

fn has(hay: &[u8], needle: &str) -> bool {
    count(hay, needle) > 0
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Proto {
    Kitty,
    Sixel,
    Iterm2,
}

impl Proto {
    fn env(self) -> &'static str {
        match self {
            Proto::Kitty => "kitty",
            Proto::Sixel => "sixel",
            Proto::Iterm2 => "iterm2",
        }
    }

    /// The bytes that end the painter's output after a frame.
    fn done(self, b: &[u8]) -> bool {
        match self {
            // the piece's placement is the last thing written
            Proto::Kitty => has(b, ",z=1,C=1,q=2\x1b\\\x1b8"),
            Proto::Sixel => has(b, "\x1b\\\x1b8"),
            Proto::Iterm2 => has(b, "\x07\x1b8"),
        }
    }

    /// Background transmissions (or whole-picture draws) in `b`, given the
    /// picture's size in cells.
    fn full_draws(self, b: &[u8], cols: u16, rows: u16) -> usize {
        match self {
            // background then piece, each sent once: count the background's
            // transmission by its placement with the picture's size
            Proto::Kitty => count(b, &format!(",p=1,c={cols},r={rows},z=0")),
            // raster attributes: 1;1;width;height in pixels (10x20 cells)
            Proto::Sixel => count(b, &format!("\"1;1;{};", u32::from(cols) * 10)),
            Proto::Iterm2 => count(b, &format!(";width={cols};height={rows};")),
        }
    }
}

/// The picture's cells (column, row, width, height) from the first full draw.
fn picture_rect(p: Proto, b: &[u8]) -> (u16, u16, u16, u16) {
    let s = String::from_utf8_lossy(b);
    let key = match p {
        Proto::Kitty => ",p=1,c=",
        Proto::Sixel => "\x1bP",
        Proto::Iterm2 => "File=inline=1;",
    };
    let at = s.find(key).expect("a picture was drawn");
    // the cursor move just before it
    let before = &s[..at];
    let h = before.rfind("\x1b[").unwrap();
    let pos = &before[h + 2..before[h..].find('H').unwrap() + h];
    let (row, col) = pos.split_once(';').unwrap();
    let (row, col): (u16, u16) = (row.parse().unwrap(), col.parse().unwrap());
    let after = &s[at..];
    let num = |k: &str| -> u16 {
        let i = after.find(k).unwrap() + k.len();
        after[i..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect::<String>()
            .parse()
            .unwrap()
    };
    let (w, h) = match p {
        Proto::Kitty => (num(",c="), num(",r=")),
        Proto::Iterm2 => (num("width="), num("height=")),
        Proto::Sixel => {
            let i = after.find("\"1;1;").unwrap() + 5;
            let mut it = after[i..].split(|c: char| !c.is_ascii_digit());
            let w: u16 = it.next().unwrap().parse().unwrap();
            let h: u16 = it.next().unwrap().parse().unwrap();
            (w / 10, h.div_ceil(20))
        }
    };
    (col - 1, row - 1, w, h)
}

/// Text or erases written into the picture's cells (outside the graphics
/// escapes themselves): a redraw must not be preceded by them.
fn writes_into(b: &[u8], r: (u16, u16, u16, u16)) -> Vec<String> {
    let (x0, y0, w, h) = r;
    let inside = |c: u16, l: u16| (x0..x0 + w).contains(&c) && (y0..y0 + h).contains(&l);
    let (mut col, mut row) = (0u16, 0u16);
    let mut bad = vec![];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0x1b if i + 1 < b.len() => {
                let k = b[i + 1];
                match k {
                    b'[' => {
                        let mut j = i + 2;
                        while j < b.len() && !(0x40..=0x7e).contains(&b[j]) {
                            j += 1;
                        }
                        let params = String::from_utf8_lossy(&b[i + 2..j]).to_string();
                        let fin = b.get(j).copied().unwrap_or(b'?');
                        match fin {
                            b'H' => {
                                let (r, c) = params.split_once(';').unwrap_or(("1", "1"));
                                row = r.parse::<u16>().unwrap_or(1) - 1;
                                col = c.parse::<u16>().unwrap_or(1) - 1;
                            }
                            b'J' => bad.push(format!("erase display {params}")),
                            b'K' if inside(col, row) => {
                                bad.push(format!("erase line at {col},{row}"))
                            }
                            b'X' if inside(col, row) => {
                                bad.push(format!("erase chars at {col},{row}"))
                            }
                            _ => {}
                        }
                        i = j + 1;
                    }
                    b'P' | b'_' | b']' => {
                        // DCS, APC, OSC: to ST (or BEL for OSC)
                        let mut j = i + 2;
                        while j < b.len() {
                            if b[j] == 0x07 && k == b']' {
                                break;
                            }
                            if b[j] == 0x1b && b.get(j + 1) == Some(&b'\\') {
                                j += 1;
                                break;
                            }
                            j += 1;
                        }
                        i = j + 1;
                    }
                    _ => i += 2,
                }
            }
            b'\r' => {
                col = 0;
                i += 1;
            }
            b'\n' => {
                row += 1;
                i += 1;
            }
            c if c >= 0x20 => {
                if inside(col, row) {
                    bad.push(format!("text at {col},{row}"));
                }
                // one column per character (UTF-8 continuation bytes add none)
                if c & 0xc0 != 0x80 {
                    col += 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    bad
}

/// Open the puzzle in a `cols` x `rows` terminal drawing with `p`.
fn open(p: Proto, cols: u16, rows: u16) -> (Pty, Vec<u8>) {
    let mut t = PtyCommand::new(rows, cols)
        .env("VFLOW_GRAPHICS", p.env())
        .spawn();
    t.wait_for("Step 1 of 4");
    let from = t.len();
    t.send(b"\x10"); // Ctrl+P
    let b = t.wait_bytes(from, "the first picture", |b| p.done(b));
    (t, b)
}

/// Press a key and return what was written until the painter finished.
fn press(t: &mut Pty, p: Proto, key: &[u8]) -> Vec<u8> {
    let from = t.len();
    t.send(key);
    t.wait_bytes(from, "the picture's update", |b| p.done(b))
}

const RIGHT: &[u8] = b"\x1b[C";

fn budget(p: Proto) -> usize {
    match p {
        Proto::Kitty | Proto::Iterm2 => 8 * 1024,
        Proto::Sixel => 40 * 1024,
    }
}

fn protocol_contract(p: Proto, cols: u16, rows: u16) {
    let (mut t, first) = open(p, cols, rows);
    let r = picture_rect(p, &first);
    assert!(r.2 >= cols / 2, "{p:?}: the picture fills the area: {r:?}");
    assert_eq!(p.full_draws(&first, r.2, r.3), 1, "{p:?}: one background");
    let mut moves = vec![];
    for _ in 0..5 {
        let b = press(&mut t, p, RIGHT);
        assert_eq!(
            p.full_draws(&b, r.2, r.3),
            0,
            "{p:?}: a move sends no background"
        );
        assert!(
            writes_into(&b, r).is_empty(),
            "{p:?}: nothing erased under the picture: {:?}",
            writes_into(&b, r)
        );
        moves.push(b.len());
    }
    t.wait_for("x =   5");
    let worst = *moves.iter().max().unwrap();
    assert!(
        worst <= budget(p),
        "{p:?} {cols}x{rows}: {worst} bytes per move"
    );
    if p == Proto::Kitty {
        assert_eq!(count(&first, "a=t,f=100"), 2, "background and piece, once");
        assert!(
            !has(&first, "U=1"),
            "direct placement, no Unicode placeholders"
        );
    }
    // the help covers the picture; closing it draws the picture again
    let from = t.len();
    t.send(b"?");
    t.wait_for("closes this help");
    if p == Proto::Kitty {
        // the painter writes after the frame, between a cursor save and its restore (the
        // moves before `from` were waited to their restore, so this one is the help's)
        let opened = t.wait_bytes(from, "the painter's output after the help", |b| {
            has(b, "\x1b8")
        });
        assert!(
            has(&opened, "a=d,d=i,"),
            "placements removed under the help"
        );
    }
    let closed = press(&mut t, p, b"\x1b");
    match p {
        Proto::Kitty => {
            assert!(!has(&closed, "a=t"), "no pixels sent again");
            assert_eq!(p.full_draws(&closed, r.2, r.3), 1, "placed again");
        }
        _ => assert_eq!(p.full_draws(&closed, r.2, r.3), 1, "{p:?}: drawn again"),
    }
    // a new puzzle: the old kitty images are deleted (data freed)
    let next = press(&mut t, p, b"r");
    assert_eq!(
        p.full_draws(&next, r.2, r.3),
        1,
        "{p:?}: the new puzzle's background"
    );
    if p == Proto::Kitty {
        let s = String::from_utf8_lossy(&next);
        let del = s.find("a=d,d=I,").expect("old images freed");
        let send = s.find("a=t,").expect("new images sent");
        assert!(del < send, "deleted before the new ones arrive");
        assert_eq!(count(&next, "a=d,d=I,"), 2, "background and piece freed");
    }
    t.send(b"q");
}

#[test]
fn kitty_transmits_once_and_moves_by_placement() {
    protocol_contract(Proto::Kitty, 80, 24);
    protocol_contract(Proto::Kitty, 160, 48);
}

#[test]
fn sixel_draws_the_picture_once_and_then_only_the_piece_strip() {
    protocol_contract(Proto::Sixel, 80, 24);
    protocol_contract(Proto::Sixel, 160, 48);
}

#[test]
fn iterm2_draws_the_picture_once_and_then_only_the_piece_strip() {
    protocol_contract(Proto::Iterm2, 80, 24);
    protocol_contract(Proto::Iterm2, 160, 48);
}

#[test]
fn halfblocks_moves_are_small_and_no_color_keeps_the_picture() {
    for (cols, rows) in [(80u16, 24u16), (160, 48)] {
        let mut t = PtyCommand::new(rows, cols)
            .env("VFLOW_GRAPHICS", "halfblocks")
            .env("NO_COLOR", "1")
            .spawn();
        t.wait_for("Step 1 of 4");
        t.send(b"\x10");
        t.wait_for("x =   0");
        // the picture's middle cell keeps a 24-bit colour; the frame has none
        {
            let term = t.lock();
            let s = term.parser.screen();
            let cell = s.cell(rows / 3, cols / 2).unwrap();
            assert!(
                matches!(cell.bgcolor(), vt100::Color::Rgb(..))
                    || matches!(cell.fgcolor(), vt100::Color::Rgb(..)),
                "{cols}x{rows}: the picture keeps its colours under NO_COLOR: {:?} {:?}\n{}",
                cell.fgcolor(),
                cell.bgcolor(),
                s.contents()
            );
            let title = s.cell(0, 1).unwrap();
            assert_eq!(title.fgcolor(), vt100::Color::Default);
        }
        // from x = 100, 25 px: the loupe's window moves on the way (its worst case)
        t.send(b"100");
        t.wait_for("x = 100");
        let mut worst = 0;
        for i in 101..=125 {
            let from = t.len();
            t.send(RIGHT);
            t.wait_for(&format!("x = {i:>3}"));
            // ratatui ends each frame by hiding the cursor
            let b = t.wait_bytes(from, "the frame's end", |b| has(b, "\x1b[?25l"));
            worst = worst.max(b.len());
        }
        assert!(worst <= 16 * 1024, "{cols}x{rows}: {worst} bytes per move");
        t.send(b"q");
    }
}

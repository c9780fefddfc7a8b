//! `vflow captcha solve`: get a puzzle, show it inline (Unicode half-blocks on
//! stderr), read the x from the arrow keys (stdin a terminal) or as a number
//! (stdin not a terminal), verify, print the pass token on stdout.

use super::common;
use super::flow::{self, Run};
use crate::api::captcha::Y;
use crate::api::token::format_point_json;
use crate::term::puzzle_image::{self, Puzzle, X_LIMIT};
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::{cursor, terminal};
use ratatui::layout::Size;
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Exit code when the person cancels (as a shell reports Ctrl+C).
const CANCELLED: u8 = 130;

pub async fn run(run: &mut Run, sender: &str) -> ExitCode {
    let c = match flow::get_captcha(run).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let puzzle = match Puzzle::from_response(&c) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("vflow: {e}");
            return ExitCode::from(super::exit::API_ERROR);
        }
    };
    let x = if can_ask() {
        match slide(&puzzle) {
            Ok(Some(x)) => x,
            Ok(None) => {
                eprintln!("vflow: cancelled; the puzzle was not verified");
                return ExitCode::from(CANCELLED);
            }
            Err(e) => return common::usage_error(format!("terminal: {e}")),
        }
    } else {
        match read_number(&puzzle) {
            Ok(x) => x,
            Err(e) => return common::usage_error(e),
        }
    };
    let point = format_point_json(x, Y as f64);
    let res = flow::verify(
        run,
        &puzzle.token,
        &point,
        puzzle.secret_key.as_deref(),
        sender,
    )
    .await;
    super::captcha::print_pass_token(run.profile.redact, res)
}

/// How many puzzles a person gets in `flow` before it gives up.
const ATTEMPTS: u32 = 5;

/// The person can slide a puzzle here (stdin and stderr are terminals).
pub fn can_ask() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// `flow` against a target without revealed solutions: the person solves
/// `first` (and a new puzzle after each miss, up to 5) as in `vflow captcha
/// solve`; the pass token verified for `sender`.
pub async fn by_hand(
    run: &mut Run,
    first: crate::api::wire::CaptchaResponse,
    sender: &str,
) -> Result<String, ExitCode> {
    eprintln!(
        "vflow: {} does not reveal captcha solutions: slide the piece into the hole",
        run.base
    );
    let mut c = first;
    for attempt in 1..=ATTEMPTS {
        let puzzle = Puzzle::from_response(&c).map_err(|e| {
            eprintln!("vflow: {e}");
            ExitCode::from(super::exit::API_ERROR)
        })?;
        let x = match slide(&puzzle) {
            Ok(Some(x)) => x,
            Ok(None) => {
                eprintln!("vflow: cancelled; the puzzle was not verified");
                return Err(ExitCode::from(CANCELLED));
            }
            Err(e) => return Err(common::usage_error(format!("terminal: {e}"))),
        };
        let point = format_point_json(x, Y as f64);
        match flow::verify(
            run,
            &puzzle.token,
            &point,
            puzzle.secret_key.as_deref(),
            sender,
        )
        .await
        {
            Ok(pass) => return Ok(pass),
            // the server said no (a miss, or the puzzle expired): another puzzle
            Err(code) if code == ExitCode::from(super::exit::API_ERROR) && attempt < ATTEMPTS => {
                eprintln!(
                    "vflow: missed at x = {x}: a new puzzle (attempt {} of {ATTEMPTS})",
                    attempt + 1
                );
                c = flow::get_captcha(run).await?;
            }
            Err(code) => return Err(code),
        }
    }
    Err(ExitCode::from(super::exit::API_ERROR))
}

/// stdin is not a terminal: read one number (the piece's left edge).
fn read_number(p: &Puzzle) -> Result<f64, String> {
    let mut err = std::io::stderr();
    if err.is_terminal() {
        for line in puzzle_image::ansi_halfblocks(p, 0, picture_size()) {
            let _ = writeln!(err, "{line}");
        }
    }
    let _ = writeln!(
        err,
        "puzzle {}: reading the x of the piece's left edge (0-{X_LIMIT}) from stdin",
        p.token
    );
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read stdin: {e}"))?;
    parse_x(&line)
}

fn parse_x(s: &str) -> Result<f64, String> {
    let t = s.trim();
    t.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| format!("expected a number for x, got {t:?}"))
}

/// The picture's cells: the terminal's width (at most 100 columns), leaving
/// room for the status lines.
fn picture_size() -> Size {
    let (cols, rows) = terminal::size().unwrap_or((80, 24));
    Size::new(cols.min(100), rows.saturating_sub(6).clamp(4, 30))
}

/// Leaves raw mode and shows the cursor again however `slide` ends (return,
/// error, panic).
struct RawGuard;

impl Drop for RawGuard {
    fn drop(&mut self) {
        let _ = crossterm::execute!(std::io::stderr(), cursor::Show);
        let _ = terminal::disable_raw_mode();
    }
}

/// Interactive: arrows move the piece, digits type an x, Enter accepts.
/// `None` when the person cancels.
fn slide(p: &Puzzle) -> std::io::Result<Option<f64>> {
    terminal::enable_raw_mode()?;
    let _guard = RawGuard;
    let mut err = std::io::stderr();
    crossterm::execute!(err, cursor::Hide)?;
    let started = Instant::now();
    let mut x: u32 = 0;
    let mut typed = String::new();
    let mut drawn = 0u16;
    loop {
        let size = picture_size();
        if drawn > 0 {
            write!(err, "\r\x1b[{drawn}A")?;
        }
        let lines = puzzle_image::ansi_halfblocks(p, x, size);
        for l in &lines {
            write!(err, "{l}\x1b[K\r\n")?;
        }
        let left = crate::api::ttl::PUZZLE
            .as_secs()
            .saturating_sub(started.elapsed().as_secs());
        let typing = if typed.is_empty() {
            String::new()
        } else {
            format!("  typed {typed}")
        };
        write!(
            err,
            "x = {x:>3} of 0-{X_LIMIT}{typing}   puzzle expires in {left} s\x1b[K\r\n\
←→ 1 px · Shift+←→ / PgUp PgDn 10 px · Home/End · digits type x · Enter verifies · Esc cancels\x1b[K\r\n"
        )?;
        err.flush()?;
        drawn = lines.len() as u16 + 2;
        if !event::poll(Duration::from_secs(1))? {
            continue; // redraw the countdown
        }
        let Event::Key(k) = event::read()? else {
            continue;
        };
        if k.kind == KeyEventKind::Release {
            continue;
        }
        let shift = k.modifiers.contains(KeyModifiers::SHIFT);
        let step: i64 = match k.code {
            KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => return Ok(None),
            KeyCode::Esc | KeyCode::Char('q') => return Ok(None),
            KeyCode::Enter => return Ok(Some(f64::from(x))),
            KeyCode::Left if shift => -10,
            KeyCode::Right if shift => 10,
            KeyCode::Left => -1,
            KeyCode::Right => 1,
            KeyCode::PageUp => -10,
            KeyCode::PageDown => 10,
            KeyCode::Home => -(X_LIMIT as i64),
            KeyCode::End => X_LIMIT as i64,
            KeyCode::Char(d) if d.is_ascii_digit() && typed.len() < 3 => {
                typed.push(d);
                x = typed.parse::<u32>().unwrap_or(0).min(X_LIMIT);
                continue;
            }
            KeyCode::Backspace => {
                typed.pop();
                x = typed.parse::<u32>().unwrap_or(0).min(X_LIMIT);
                continue;
            }
            _ => continue,
        };
        typed.clear();
        x = (i64::from(x) + step).clamp(0, X_LIMIT as i64) as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_from_stdin() {
        assert_eq!(parse_x(" 183\n"), Ok(183.0));
        assert_eq!(parse_x("183.0"), Ok(183.0));
        assert!(parse_x("").is_err());
        assert!(parse_x("abc").is_err());
        assert!(parse_x("NaN").is_err());
    }
}

//! Where things are on screen. Shared by `view` (drawing) and `update`
//! (mouse hit-testing), so a click always lands on what was drawn there.

use super::app::{App, SCENE_OTHER, Screen, Step};
use ratatui::layout::{Constraint, Layout, Rect};

/// Result panes stand side by side from this width on; narrower they become tabs.
pub const WIDE: u16 = 120;
/// The wizard's step sidebar is shown from this width on.
pub const SIDEBAR_MIN: u16 = 70;

pub struct Frame {
    pub title: Rect,
    pub body: Rect,
    pub status: Rect,
    pub keys: Rect,
}

pub fn frame(area: Rect) -> Frame {
    let [title, body, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Frame {
        title,
        body,
        status,
        keys,
    }
}

/// Sidebar and main area of the wizard. The review needs the room more than
/// the sidebar on narrow screens.
pub fn wizard(body: Rect, step: Step) -> (Option<Rect>, Rect) {
    let min = if step == Step::Review {
        WIDE
    } else {
        SIDEBAR_MIN
    };
    if body.width >= min {
        let [side, main] =
            Layout::horizontal([Constraint::Length(28), Constraint::Min(20)]).areas(body);
        (Some(side), main)
    } else {
        (None, body)
    }
}

/// The content area of a wizard step: inside the step's bordered block
/// (the review draws its own block, so it gets the whole main area).
pub fn step_content(main: Rect, step: Step) -> Rect {
    if step == Step::Review {
        main
    } else {
        ratatui::widgets::Block::bordered().inner(main)
    }
}

/// Rows of the sidebar: each step takes 3 rows inside the block.
pub const STEP_ROWS: u16 = 3;

/// The scene list and the detail box under it.
pub fn scene(main: Rect) -> (Rect, Rect) {
    let [list, detail] =
        Layout::vertical([Constraint::Length(2 * 7 + 2), Constraint::Min(0)]).areas(main);
    (list, detail)
}

/// Result screen: the one-line summary, the three pane rectangles (tabs row when narrow).
pub struct ResultAreas {
    /// The summary (status, code, time): always on screen, above the panes or tabs.
    pub summary: Rect,
    pub tabs: Option<Rect>,
    /// Pane rectangles; on narrow screens only the focused one is drawn, all share one Rect.
    pub panes: [Rect; 3],
}

pub fn result(body: Rect) -> ResultAreas {
    let [summary, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
    if body.width >= WIDE {
        let [a, b, c] = Layout::horizontal([
            Constraint::Percentage(32),
            Constraint::Percentage(33),
            Constraint::Percentage(35),
        ])
        .areas(body);
        ResultAreas {
            summary,
            tabs: None,
            panes: [a, b, c],
        }
    } else {
        let [tabs, pane] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
        ResultAreas {
            summary,
            tabs: Some(tabs),
            panes: [pane, pane, pane],
        }
    }
}

/// Inner text width of a bordered pane.
pub fn inner_width(r: Rect) -> u16 {
    r.width.saturating_sub(2)
}

/// The tab labels and their x ranges on a narrow result screen.
pub fn tab_spans(tabs: Rect, lang: crate::api::Lang) -> [(u16, u16); 3] {
    let labels = super::view::tab_labels(lang);
    let mut x = tabs.x;
    let mut out = [(0, 0); 3];
    for (i, l) in labels.iter().enumerate() {
        // display width: a CJK character takes two columns
        let w = unicode_width::UnicodeWidthStr::width(l.as_str()) as u16 + 2;
        out[i] = (x, x + w);
        x += w + 1;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Pane(usize),
    Tab(usize),
    /// A row of the list on the current screen (scenes, history, headers).
    Row(usize),
    Step(Step),
}

fn inside(r: Rect, x: u16, y: u16) -> bool {
    x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
}

/// What is at (x, y) on the current screen.
pub fn hit(app: &App, area: Rect, x: u16, y: u16) -> Option<Hit> {
    let f = frame(area);
    if !inside(f.body, x, y) {
        return None;
    }
    match app.screen {
        Screen::Wizard(step) => {
            let (side, main) = wizard(f.body, step);
            if let Some(side) = side
                && inside(side, x, y)
            {
                let i = (y.saturating_sub(side.y + 1) / STEP_ROWS) as usize;
                return Step::ALL.get(i).map(|s| Hit::Step(*s));
            }
            if step == Step::Scene {
                let (list, _) = scene(step_content(main, step));
                if inside(list, x, y) && y > list.y {
                    let i = ((y - list.y - 1) / 2) as usize;
                    return (i <= SCENE_OTHER).then_some(Hit::Row(i));
                }
            }
            None
        }
        Screen::Result => {
            let r = result(f.body);
            if let Some(tabs) = r.tabs {
                if inside(tabs, x, y) {
                    return tab_spans(tabs, app.ui_lang)
                        .iter()
                        .position(|(a, b)| x >= *a && x < *b)
                        .map(Hit::Tab);
                }
                return Some(Hit::Pane(app.panes.focus));
            }
            r.panes.iter().position(|p| inside(*p, x, y)).map(Hit::Pane)
        }
        Screen::History | Screen::Headers => {
            // Bordered table with a header row: data starts two rows down.
            let first = f.body.y + 2;
            if y < first {
                return None;
            }
            let offset = if app.screen == Screen::History {
                list_offset(app.history_list.sel, app.history.len(), f.body.height)
            } else {
                list_offset(
                    app.editor.sel,
                    app.headers.len(),
                    f.body.height.saturating_sub(6),
                )
            };
            Some(Hit::Row(offset + (y - first) as usize))
        }
        Screen::Traffic => super::screens::traffic::hit(app, f.body, x, y),
        Screen::Sending | Screen::Puzzle | Screen::Import => None,
        Screen::Check => super::check::hit(app, f.body, x, y),
    }
}

/// First visible row of a list of `len` rows, `sel` selected, in a block `height` high
/// (borders and header row included), so that the selection stays visible.
pub fn list_offset(sel: usize, len: usize, height: u16) -> usize {
    let visible = height.saturating_sub(3).max(1) as usize;
    if len <= visible || sel < visible {
        0
    } else {
        (sel + 1 - visible).min(len - visible)
    }
}

/// A notice as drawn: on the status row when it fits there; a wider one wrapped
/// over the bottom rows of the body too, under a rule, growing upwards.
pub struct NoticeArea {
    /// Every row the notice takes: its rule, its lines, the status row.
    pub area: Rect,
    /// The notice's lines, wrapped at the screen's width (the last one ends
    /// with `…` when even [`NOTICE_SHARE`] of the screen is not enough).
    pub lines: Vec<ratatui::text::Line<'static>>,
}

/// A notice takes at most this share of the screen's rows (rule included).
pub const NOTICE_SHARE: u16 = 3;

/// Where the current notice goes and its lines (none while busy: the busy line
/// has the status row then). Shared by `view` and the mouse, so a click on a
/// notice drawn over the body never lands on what is under it.
pub fn notice(app: &App, area: Rect) -> Option<NoticeArea> {
    use crate::tui::theme;
    use ratatui::text::{Line, Text};
    if app.busy.is_some() {
        return None;
    }
    let n = app.notice.as_ref()?;
    let f = frame(area);
    let style = if n.error { theme::ERROR } else { theme::OK };
    let text = crate::api::text::visible(&n.text).into_owned();
    let width = f.status.width;
    let one = Line::styled(text.clone(), style);
    if one.width() <= usize::from(width) {
        return Some(NoticeArea {
            area: f.status,
            lines: vec![one],
        });
    }
    let mut lines = super::wrap::wrap_text(&Text::from(one), width).lines;
    // A rule above the lines; the last line on the status row.
    let mut most = (area.height / NOTICE_SHARE).max(2) - 1;
    if app.screen == Screen::Puzzle {
        // never over the picture or its track
        let track = super::screens::puzzle::areas(app, area).track;
        let below = f.status.y.saturating_sub(track.y + 1);
        most = most.min(below.saturating_sub(1)).max(1);
    }
    let most = usize::from(most);
    if lines.len() > most {
        lines.truncate(most);
        if let Some(last) = lines.last_mut() {
            let s: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let cut = super::view::ellipsize(&format!("{}…", s.trim_end()), usize::from(width));
            *last = Line::styled(cut, style);
        }
    }
    let rows = lines.len() as u16 + u16::from(lines.len() > 1);
    let top = (f.status.y + 1).saturating_sub(rows).max(f.body.y);
    Some(NoticeArea {
        area: Rect::new(f.status.x, top, width, f.status.y + 1 - top),
        lines,
    })
}

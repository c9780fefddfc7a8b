//! The pane set: request, response and explanation side by side (or as tabs
//! on narrow screens), used by the result screen and a check case. It keeps
//! focus and scroll, takes the pane keys and the mouse, and draws itself; the
//! draw records where the panes went and how far each can scroll, so `update`
//! clamps and hit-tests against what is on screen without laying it out again.

use super::keymap::{Action, Binding, Key, ch, key, plain};
use super::layout::{self, Hit, ResultAreas};
use super::theme;
use super::view::{focused_block, tab_labels};
use super::wrap::wrap_text;
use crate::api::Lang;
use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Tabs};
use std::cell::Cell;

// The pane set's keys, one binding each, for the key table of every screen that shows it
// (result, check case, probe evidence, traffic detail): dispatch, footer and help agree.
pub(crate) const NEXT_PANE: Binding = key(
    &[plain(KeyCode::Tab), plain(KeyCode::Right)],
    Action::NextPane,
    "Tab/1-3",
    "tui-keys-pane",
);
pub(crate) const PICK_PANE: Binding =
    key(&[Key::Chars('1', '3')], Action::Pick, "Tab/1-3", "").grouped();
pub(crate) const SCROLL_DOWN: Binding = key(
    &[plain(KeyCode::Down), ch('j')],
    Action::Down,
    "↑↓ PgUp/PgDn",
    "tui-keys-scroll",
);
pub(crate) const SCROLL_UP: Binding = key(
    &[plain(KeyCode::Up), ch('k')],
    Action::Up,
    "↑↓ PgUp/PgDn",
    "",
)
.grouped();
pub(crate) const PAGE_DOWN: Binding = key(
    &[plain(KeyCode::PageDown), ch(' ')],
    Action::PageDown,
    "↑↓ PgUp/PgDn",
    "",
)
.grouped();
pub(crate) const PAGE_UP: Binding = key(
    &[plain(KeyCode::PageUp)],
    Action::PageUp,
    "↑↓ PgUp/PgDn",
    "",
)
.grouped();
pub(crate) const PREV_PANE: Binding = key(
    &[plain(KeyCode::BackTab), plain(KeyCode::Left)],
    Action::PrevPane,
    "Shift+Tab/←→",
    "tui-keys-previous-next-pane",
)
.help_only();
pub(crate) const TOP: Binding = key(
    &[plain(KeyCode::Home), ch('g')],
    Action::Top,
    "Home/End g/G",
    "tui-keys-top-bottom",
)
.help_only();
pub(crate) const BOTTOM: Binding = key(
    &[plain(KeyCode::End), ch('G')],
    Action::Bottom,
    "Home/End g/G",
    "",
)
.grouped();

pub const PANES: usize = 3;

/// What the last draw left on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Drawn {
    tabs: Option<Rect>,
    /// The columns each tab took (its label's display width in the UI language).
    tab_spans: [(u16, u16); PANES],
    panes: [Rect; PANES],
    max: [u16; PANES],
}

#[derive(Debug, Default)]
pub struct PaneSet {
    pub focus: usize,
    pub scroll: [u16; PANES],
    drawn: Cell<Drawn>,
}

impl PaneSet {
    /// A pane set at the top, focus on `focus`.
    pub fn focused(focus: usize) -> PaneSet {
        PaneSet {
            focus,
            ..PaneSet::default()
        }
    }

    /// Back to the top of every pane, focus on `focus`.
    pub fn reset(&mut self, focus: usize) {
        self.focus = focus;
        self.scroll = [0; PANES];
    }

    /// How far pane `i` could scroll at the last draw.
    pub fn max_scroll(&self, i: usize) -> u16 {
        self.drawn.get().max[i]
    }

    pub fn scroll_by(&mut self, delta: i32) {
        let i = self.focus;
        let max = self.max_scroll(i) as i32;
        self.scroll[i] = (self.scroll[i] as i32 + delta).clamp(0, max.max(0)) as u16;
    }

    /// The pane actions; false when `action` is not one of them.
    pub fn on_action(&mut self, action: Action, k: KeyEvent, page: i32) -> bool {
        match action {
            Action::NextPane => self.focus = (self.focus + 1) % PANES,
            Action::PrevPane => self.focus = (self.focus + PANES - 1) % PANES,
            Action::Pick => {
                if let KeyCode::Char(c @ '1'..='3') = k.code {
                    self.focus = c as usize - '1' as usize;
                }
            }
            Action::Down => self.scroll_by(1),
            Action::Up => self.scroll_by(-1),
            Action::PageDown => self.scroll_by(page),
            Action::PageUp => self.scroll_by(-page),
            Action::Top => self.scroll[self.focus] = 0,
            Action::Bottom => self.scroll_by(i32::MAX / 2),
            _ => return false,
        }
        true
    }

    /// What of the panes is at (x, y) on the last drawn screen.
    pub fn hit(&self, x: u16, y: u16) -> Option<Hit> {
        let d = self.drawn.get();
        let pos = ratatui::layout::Position::new(x, y);
        if let Some(tabs) = d.tabs {
            if tabs.contains(pos) {
                return d
                    .tab_spans
                    .iter()
                    .position(|(a, b)| x >= *a && x < *b)
                    .map(Hit::Tab);
            }
            return d.panes[0].contains(pos).then_some(Hit::Pane(self.focus));
        }
        d.panes.iter().position(|p| p.contains(pos)).map(Hit::Pane)
    }

    /// A click focuses a pane (or tab), the wheel scrolls the pane under it;
    /// false when the event is not on the panes.
    pub fn on_mouse(&mut self, m: MouseEvent) -> bool {
        let Some(hit) = self.hit(m.column, m.row) else {
            return false;
        };
        let (Hit::Pane(i) | Hit::Tab(i)) = hit else {
            return false;
        };
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) => self.focus = i,
            MouseEventKind::ScrollDown if matches!(hit, Hit::Pane(_)) => {
                self.focus = i;
                self.scroll_by(3);
            }
            MouseEventKind::ScrollUp if matches!(hit, Hit::Pane(_)) => {
                self.focus = i;
                self.scroll_by(-3);
            }
            _ => return false,
        }
        true
    }

    /// Draw the summary line and the panes in `areas` with these titles and
    /// contents (`text(i)`: pane `i`'s lines, wrapped here at the pane's inner
    /// width; the tabs in `lang`), and record where they went.
    pub fn draw(
        &self,
        f: &mut Frame,
        areas: &ResultAreas,
        lang: Lang,
        summary: Line<'static>,
        titles: [String; PANES],
        text: impl Fn(usize) -> Text<'static>,
    ) {
        let summary = crate::tui::view::ellipsize_line(summary, areas.summary.width as usize);
        f.render_widget(Paragraph::new(summary), areas.summary);
        let mut drawn = Drawn {
            tabs: areas.tabs,
            tab_spans: areas
                .tabs
                .map(|t| layout::tab_spans(t, lang))
                .unwrap_or_default(),
            panes: areas.panes,
            max: self.drawn.get().max,
        };
        if let Some(tabs) = areas.tabs {
            let t = Tabs::new(tab_labels(lang).into_iter().map(Line::from))
                .select(self.focus)
                .highlight_style(theme::BADGE)
                .divider(" ")
                .padding("", "");
            f.render_widget(t, tabs);
            // only the focused pane is drawn (and only it can scroll until
            // the focus changes, which draws again)
            let i = self.focus;
            drawn.max[i] = self.pane(f, areas.panes[i], i, &titles[i], &text(i));
        } else {
            for (i, (area, title)) in areas.panes.iter().zip(&titles).enumerate() {
                drawn.max[i] = self.pane(f, *area, i, title, &text(i));
            }
        }
        self.drawn.set(drawn);
    }

    /// Draw pane `i` in `area` and say how far it can scroll.
    fn pane(&self, f: &mut Frame, area: Rect, i: usize, title: &str, text: &Text<'_>) -> u16 {
        let lines = wrap_text(text, layout::inner_width(area));
        let visible = area.height.saturating_sub(2) as usize;
        let max = lines
            .lines
            .len()
            .saturating_sub(visible)
            .min(u16::MAX as usize) as u16;
        let pos = self.scroll[i].min(max);
        let mut block = focused_block(title.to_string(), self.focus == i);
        if max > 0 {
            block = block
                .title_bottom(Line::from(format!(" {pos}/{max} ↑↓ ")).alignment(Alignment::Right));
        }
        f.render_widget(Paragraph::new(lines).scroll((pos, 0)).block(block), area);
        max
    }
}

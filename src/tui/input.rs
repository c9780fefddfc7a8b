//! Text typed or pasted: which field takes it. A key no binding claims is
//! typed into the field of the screen on show (when it has one); a bracketed
//! paste goes there whole, control characters dropped, except on the Import
//! screen, which takes the text as it came (newlines and all).

use super::app::{App, Cmd, HeaderEdit, Screen, Step};
use super::screens;
use crossterm::event::KeyEvent;
use tui_input::{Input, InputRequest};

impl App {
    /// True while a text field takes the keyboard (letters type instead of acting).
    pub fn typing(&self) -> bool {
        match self.screen {
            Screen::Wizard(Step::Token) | Screen::Wizard(Step::Mobile) => true,
            Screen::Wizard(Step::Scene) => self.editing_other,
            Screen::Headers => self.editor.edit.is_some(),
            Screen::Puzzle => self.puzzle.editing_mobile,
            Screen::Result => self.next.prompt.is_some(),
            Screen::Import => true,
            Screen::Traffic => self.traffic.filtering,
            _ => false,
        }
    }
}

/// A key no binding claimed: typed into the field on show, if any.
pub(crate) fn typed(app: &mut App, k: &KeyEvent) {
    if let Some(input) = typing_field(app) {
        screens::wizard::input_key(input, k);
        if app.screen == Screen::Traffic {
            app.traffic.refilter(app.ui_lang);
        }
    }
}

/// The text field that takes typed keys now, if any.
fn typing_field(app: &mut App) -> Option<&mut Input> {
    if app.help.open || !app.typing() {
        return None;
    }
    match app.screen {
        Screen::Wizard(Step::Token) => Some(&mut app.token),
        Screen::Wizard(Step::Mobile) => Some(&mut app.mobile),
        Screen::Wizard(Step::Scene) => Some(&mut app.other_scene),
        Screen::Headers => match app.editor.edit.as_mut() {
            Some(HeaderEdit::Value(i) | HeaderEdit::New(i)) => Some(i),
            None => None,
        },
        Screen::Puzzle => Some(&mut app.mobile),
        Screen::Result => screens::next_step::input(app),
        Screen::Import => Some(&mut app.import.input),
        Screen::Traffic => Some(&mut app.traffic.filter),
        _ => None,
    }
}

/// A bracketed paste.
pub(crate) fn on_paste(app: &mut App, text: &str) -> Vec<Cmd> {
    if !app.help.open && screens::import::takes_paste(app, text) {
        return screens::import::on_paste(app, text);
    }
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    // A pasted value replaces a selected old one, as typing does.
    if app.screen == Screen::Headers
        && std::mem::take(&mut app.editor.replace)
        && let Some(HeaderEdit::Value(i)) = app.editor.edit.as_mut()
    {
        *i = Input::default();
    }
    let target = match app.screen {
        Screen::Wizard(Step::Token) => Some(&mut app.token),
        Screen::Wizard(Step::Mobile) => Some(&mut app.mobile),
        Screen::Wizard(Step::Scene) if app.editing_other => Some(&mut app.other_scene),
        Screen::Headers => match app.editor.edit.as_mut() {
            Some(HeaderEdit::Value(i) | HeaderEdit::New(i)) => Some(i),
            None => None,
        },
        Screen::Result => screens::next_step::input(app),
        Screen::Traffic if app.traffic.filtering => Some(&mut app.traffic.filter),
        _ => None,
    };
    if let Some(input) = target {
        for c in clean.chars() {
            input.handle(InputRequest::InsertChar(c));
        }
        if app.screen == Screen::Traffic {
            app.traffic.refilter(app.ui_lang);
        }
    }
    vec![]
}

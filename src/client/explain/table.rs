//! The lookup from a catalogue code to the function that explains it for one
//! request. Each group of codes keeps its own `TABLE` (one line per code) in its
//! file; a new group is one more line in [`TABLES`].

use super::action::UiAction;
use super::request::{ExplainContext, Mask, RequestView};
use super::text::{Step, Text};
use super::{captcha, consumer, fields, headers, sim};

/// What one code's explainer adds: cause lines and next steps.
#[derive(Default)]
pub(super) struct Out {
    pub(super) lines: Vec<Text>,
    pub(super) steps: Vec<Step>,
    /// The catalogue's generic next steps (by their index in its `todo`) that this
    /// request's own lines and steps make needless ("check the mobile number" when the
    /// mobile is known to be well formed): not repeated under them.
    pub(super) superseded: Vec<usize>,
}

impl Out {
    /// A line under "in this request".
    pub(super) fn line(&mut self, text: Text) {
        self.lines.push(text);
    }

    /// A next step vflow has no action for.
    pub(super) fn step(&mut self, text: Text) {
        self.steps.push(Step::plain(text));
    }

    /// The catalogue's `todo` step number `i` says nothing this request's explanation
    /// does not say better.
    pub(super) fn supersede(&mut self, i: usize) {
        self.superseded.push(i);
    }

    /// A next step done by a vflow action (each front end names its key or flag).
    pub(super) fn step_with(&mut self, text: Text, action: UiAction) {
        self.steps.push(Step::with(text, action));
    }
}

/// Explains one code for one request.
pub(super) type Explainer = fn(&RequestView, &ExplainContext, &Mask, &mut Out);

/// A code and its explainer.
pub(super) type Entry = (&'static str, Explainer);

/// Every group's table.
pub(super) const TABLES: &[&[Entry]] = &[
    headers::TABLE,
    fields::TABLE,
    captcha::TABLE,
    consumer::TABLE,
    sim::TABLE,
];

/// The explainer registered for `code`.
pub(super) fn lookup(code: &str) -> Option<Explainer> {
    TABLES
        .iter()
        .flat_map(|t| t.iter())
        .find(|(c, _)| *c == code)
        .map(|(_, f)| *f)
}

/// The request-specific cause lines, extra next steps and superseded catalogue steps
/// for a catalogue code (none for a code without an explainer: the catalogue's text
/// stands alone).
pub(super) fn specific(code: &str, view: &RequestView, ctx: &ExplainContext, mask: &Mask) -> Out {
    let mut out = Out::default();
    if let Some(f) = lookup(code) {
        f(view, ctx, mask, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Catalogue;

    #[test]
    fn every_code_is_registered_once() {
        let mut seen = std::collections::HashSet::new();
        for (code, _) in TABLES.iter().flat_map(|t| t.iter()) {
            assert!(seen.insert(*code), "{code} is registered twice");
        }
        assert!(seen.len() >= 19, "{} codes", seen.len());
    }

    #[test]
    fn every_registered_code_is_in_the_catalogue() {
        for (code, _) in TABLES.iter().flat_map(|t| t.iter()) {
            assert!(
                Catalogue::get().find(code).is_some(),
                "{code} has an explainer but no catalogue entry"
            );
        }
    }
}

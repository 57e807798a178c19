//! Commands whose result is a sentence ("Imported ...", "Recorded ...")
//! rather than a report: the sentence for people, and the same facts as
//! JSON for scripts.

use serde::Serialize;

use super::{Render, Style, json, markdown};

/// A sentence for people, with data for `--format json`.
#[derive(Debug)]
pub struct Message<T: Serialize> {
    pub text: String,
    pub data: T,
}

impl<T: Serialize> Render for Message<T> {
    fn table(&self, _style: &Style) -> String {
        format!("{}\n", self.text)
    }

    fn markdown(&self) -> String {
        format!("{}\n", markdown::escape(&self.text))
    }

    fn json(&self) -> String {
        json(&self.data)
    }
}

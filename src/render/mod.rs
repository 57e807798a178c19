//! Turning domain values into text for people (tables), documents
//! (Markdown) and scripts (JSON). Renderers return strings and never touch
//! the terminal themselves, so tests compare them with golden files.

pub mod archetype;
pub mod frameworks;
pub mod ladder;
pub mod markdown;

use comfy_table::{ContentArrangement, Table, presets};

/// How text output should look where it is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colour and bold: only for a terminal, and never with `NO_COLOR`.
    pub colour: bool,
    /// Columns to fit tables in.
    pub width: u16,
}

/// Tables written to a pipe or a file wrap at this width, so output is the
/// same on every machine.
pub const PIPE_WIDTH: u16 = 100;

impl Style {
    /// Plain text at [`PIPE_WIDTH`]: what tests and pipes get.
    pub fn plain() -> Style {
        Style {
            colour: false,
            width: PIPE_WIDTH,
        }
    }

    /// The style for standard output as it is now.
    pub fn for_stdout() -> Style {
        let term = console::Term::stdout();
        if term.is_term() {
            Style {
                colour: console::colors_enabled(),
                width: term.size().1.max(40),
            }
        } else {
            Style::plain()
        }
    }

    pub fn heading(&self, text: &str) -> String {
        if self.colour {
            console::style(text).bold().to_string()
        } else {
            text.to_string()
        }
    }

    pub fn dim(&self, text: &str) -> String {
        if self.colour {
            console::style(text).dim().to_string()
        } else {
            text.to_string()
        }
    }

    /// A bordered table that wraps its cells to fit the width.
    pub fn table(&self) -> Table {
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(self.width);
        if !self.colour {
            table.force_no_tty();
        }
        table
    }

    /// A borderless two-column layout: a narrow key, then wrapped text.
    pub fn list(&self) -> Table {
        let mut table = self.table();
        table.load_style(presets::NOTHING);
        table
    }
}

/// Pretty JSON with a trailing newline.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|error| {
        // Our view types serialise infallibly; keep a valid document anyway.
        serde_json::json!({ "error": error.to_string() }).to_string()
    });
    text.push('\n');
    text
}

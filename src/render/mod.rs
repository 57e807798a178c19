//! Turning domain values into text for people (tables), documents
//! (Markdown) and scripts (JSON). Renderers return strings and never touch
//! the terminal themselves, so tests compare them with golden files.

pub mod archetype;
pub mod compare;
pub mod frameworks;
pub mod gap;
pub mod html;
pub mod ladder;
pub mod markdown;
pub mod packet;
pub mod versus;

use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};

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

    /// A bordered table with this header whose cells wrap to fit the width.
    pub fn table(&self, header: &[&str]) -> Table {
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(self.width)
            .set_header(header.to_vec());
        if !self.colour {
            table.force_no_tty();
        }
        table
    }

    /// A table whose first column (a code or an id) is never wrapped.
    pub fn keyed_table(&self, header: &[&str]) -> Table {
        let mut table = self.table(header);
        table.set_constraints([ColumnConstraint::ContentWidth]);
        table
    }

    /// Borderless rows of a key and wrapped text, indented by `indent`.
    pub fn list<'a>(&self, rows: impl IntoIterator<Item = [&'a str; 2]>, indent: &str) -> String {
        let mut table = Table::new();
        table
            .load_style(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(self.width.saturating_sub(indent.len() as u16));
        table.force_no_tty();
        for row in rows {
            table.add_row(row.to_vec());
        }
        table.set_constraints([ColumnConstraint::ContentWidth]);
        let mut out = String::new();
        for line in table.lines() {
            out.push_str(indent);
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
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

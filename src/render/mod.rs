//! The output layer's renderers: each report a command produces becomes
//! text for people (a table), a document (Markdown), data for scripts
//! (JSON) and, where offered, a page (HTML). Renderers return strings and
//! never touch the terminal; [`crate::output::Output`] decides where the
//! text goes and makes it safe on the way.
//!
//! Adding a report: a type implementing [`Render`], in its own module
//! here. Adding a format: a method on [`Render`] and an arm in
//! [`Render::render`].

pub mod archetype;
pub mod compare;
pub mod finished;
pub mod focus;
pub mod frameworks;
pub mod gap;
pub mod html;
pub mod imported;
pub mod journal;
pub mod ladder;
pub mod list;
pub mod markdown;
pub mod message;
pub mod packet;
pub mod paths;
pub mod progress;
pub mod team;
pub mod versus;

use crate::text;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};

/// The formats a report can be asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table or a report laid out for people.
    Table,
    /// JSON for scripts: a stable interface.
    Json,
    /// Markdown, to paste into a document.
    Md,
}

/// A report: plain data that knows how to show itself in each format.
pub trait Render {
    /// For people, fitted to `style`'s width, coloured when it allows.
    fn table(&self, style: &Style) -> String;
    /// A Markdown document; every piece of file text escaped.
    fn markdown(&self) -> String;
    /// The stable JSON, pretty-printed with a trailing newline.
    fn json(&self) -> String;
    /// Long reports go through the pager when written to a terminal.
    fn long(&self) -> bool {
        false
    }

    /// The one place a format is chosen.
    fn render(&self, format: Format, style: &Style) -> String {
        match format {
            Format::Table => self.table(style),
            Format::Md => self.markdown(),
            Format::Json => self.json(),
        }
    }
}

/// How text output should look where it is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colour and bold: only for a terminal, and never with `NO_COLOR`.
    pub colour: bool,
    /// Columns to fit tables in.
    pub width: u16,
}

/// Tables written to a pipe or a file wrap at this width unless `COLUMNS`
/// says otherwise, so output is the same on every machine.
pub const PIPE_WIDTH: u16 = 100;

impl Style {
    /// Plain text at [`PIPE_WIDTH`]: what tests and pipes get.
    pub fn plain() -> Style {
        Style {
            colour: false,
            width: PIPE_WIDTH,
        }
    }

    /// Bold, for headings. The text is made [`text::visible`] first, so a
    /// heading made of file text cannot carry sequences of its own.
    pub fn heading(&self, text: &str) -> String {
        let text = text::visible(text);
        if self.colour {
            format!("\u{1b}[1m{text}\u{1b}[0m")
        } else {
            text.into_owned()
        }
    }

    /// Dim, for details.
    pub fn dim(&self, text: &str) -> String {
        let text = text::visible(text);
        if self.colour {
            format!("\u{1b}[2m{text}\u{1b}[0m")
        } else {
            text.into_owned()
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

    /// The table as text, each column at least as wide as its widest
    /// word: a narrow terminal wraps cells between words, never inside
    /// one (a table too wide for the terminal is better than `Vers/ion`).
    pub fn render_table(&self, mut table: Table) -> String {
        let mut widest: Vec<u16> = Vec::new();
        let rows = table
            .header()
            .into_iter()
            .chain(table.row_iter())
            .map(|row| {
                row.cell_iter()
                    .map(|cell| cell.content())
                    .collect::<Vec<String>>()
            })
            .collect::<Vec<_>>();
        for row in rows {
            for (i, content) in row.iter().enumerate() {
                let word = content
                    .split_whitespace()
                    .map(text::width)
                    .max()
                    .unwrap_or(0);
                let word = u16::try_from(word).unwrap_or(u16::MAX);
                if widest.len() <= i {
                    widest.resize(i + 1, 0);
                }
                widest[i] = widest[i].max(word);
            }
        }
        // When the widest words alone need more than the width, the table
        // may run past it rather than cut a word.
        let needed = widest.iter().map(|w| usize::from(*w) + 3).sum::<usize>() + 1;
        if needed > usize::from(self.width) {
            table.set_width(u16::try_from(needed).unwrap_or(u16::MAX));
        }
        for (i, width) in widest.into_iter().enumerate() {
            if let Some(column) = table.column_mut(i)
                && column.constraint().is_none()
            {
                // comfy-table's bounds count the cell's padding too.
                let width = width.saturating_add(column.padding_width());
                column.set_constraint(ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(
                    width,
                )));
            }
        }
        table.to_string()
    }

    /// Columns aligned with spaces, for long tables: the header, then one
    /// line a row, columns two spaces apart and padded by display width
    /// to `widths` (see [`aligned_width`]); no trailing spaces. `cell`
    /// gives the text of a row and column (its place in `header`) and its
    /// display width: the text may carry colour, which takes no room.
    pub fn aligned<'c>(
        &self,
        header: &[&str],
        widths: &[usize],
        count: usize,
        cell: impl Fn(usize, usize) -> (&'c str, usize),
    ) -> String {
        let mut out = String::with_capacity((count + 1) * (aligned_width(widths) + 8));
        let mut head = String::new();
        for (n, title) in header.iter().enumerate() {
            if n > 0 {
                head.push_str("  ");
            }
            head.push_str(title);
            pad(&mut head, widths[n].saturating_sub(text::width(title)));
        }
        out.push_str(&self.heading(head.trim_end()));
        out.push('\n');
        for row in 0..count {
            let start = out.len();
            for (n, width) in widths.iter().enumerate() {
                if n > 0 {
                    out.push_str("  ");
                }
                let (text, used) = cell(row, n);
                out.push_str(text);
                pad(&mut out, width.saturating_sub(used));
            }
            out.truncate(start + out[start..].trim_end().len());
            out.push('\n');
        }
        out
    }

    /// A table whose first column (a code or an id) is never wrapped.
    pub fn keyed_table(&self, header: &[&str]) -> Table {
        let mut table = self.table(header);
        table.set_constraints([ColumnConstraint::ContentWidth]);
        table
    }

    /// Borderless rows of a key and wrapped text, indented by `indent`:
    /// the keys in a column as wide as the widest, the text wrapped beside
    /// it by display width. A key too wide to leave a readable column
    /// (a 46-character id at 80 columns) gets its own line, with the text
    /// below it.
    pub fn list<'a>(&self, rows: impl IntoIterator<Item = [&'a str; 2]>, indent: &str) -> String {
        let rows: Vec<[&str; 2]> = rows.into_iter().collect();
        let total = usize::from(self.width).saturating_sub(text::width(indent));
        let key_width = rows
            .iter()
            .map(|[key, _]| text::width(key))
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        // One space of padding each side of each column, as a borderless
        // table has.
        let beside = total.saturating_sub(key_width + 4);
        if beside >= MIN_TEXT_COLUMN || beside * 2 >= total {
            let blank = " ".repeat(key_width);
            for [key, value] in rows {
                let pad = " ".repeat(key_width - text::width(key));
                for (i, line) in text::wrap(value, beside).iter().enumerate() {
                    let (k, p) = if i == 0 {
                        (key, pad.as_str())
                    } else {
                        ("", blank.as_str())
                    };
                    let line = format!("{indent} {k}{p}  {line}");
                    out.push_str(line.trim_end());
                    out.push('\n');
                }
            }
        } else {
            let below = total.saturating_sub(4).max(1);
            for [key, value] in rows {
                out.push_str(&format!("{indent} {key}\n"));
                for line in text::wrap(value, below) {
                    let line = format!("{indent}   {line}");
                    out.push_str(line.trim_end());
                    out.push('\n');
                }
            }
        }
        out
    }
}

/// Width of [`Style::aligned`] with these column widths: two spaces
/// between columns.
pub fn aligned_width(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1)
}

/// Every cell of a long table, written one after another into one buffer
/// with its display width: laying out hundreds of rows then holds no cell
/// on its own, and reads what the rows come from once, in order.
#[derive(Debug)]
pub struct Cells {
    columns: usize,
    text: String,
    /// Where each cell ends in `text`, and its width; row after row.
    ends: Vec<(usize, usize)>,
}

impl Cells {
    /// Room for `rows` rows of `columns` cells, about `bytes` each.
    pub fn new(columns: usize, rows: usize, bytes: usize) -> Cells {
        Cells {
            columns,
            text: String::with_capacity(rows * columns * bytes),
            ends: Vec::with_capacity(rows * columns),
        }
    }

    /// Adds the next cell, row after row: `write` writes it and returns
    /// its display width.
    pub fn push(&mut self, write: impl FnOnce(&mut String) -> usize) {
        let width = write(&mut self.text);
        self.ends.push((self.text.len(), width));
    }

    /// Adds the next cell: `args` written out.
    pub fn push_fmt(&mut self, args: std::fmt::Arguments<'_>) {
        self.push(|out| {
            let start = out.len();
            let _ = std::fmt::Write::write_fmt(out, args);
            text::width(&out[start..])
        });
    }

    /// Adds the next cell: `text` as it is.
    pub fn push_str(&mut self, text: &str) {
        self.push(|out| {
            out.push_str(text);
            text::width(text)
        });
    }

    /// Complete rows so far.
    pub fn rows(&self) -> usize {
        self.ends.len() / self.columns.max(1)
    }

    /// The cell of row `n` and `column`, and its width.
    pub fn get(&self, n: usize, column: usize) -> (&str, usize) {
        let at = n * self.columns + column;
        let start = match at.checked_sub(1) {
            Some(before) => self.ends[before].0,
            None => 0,
        };
        let (end, width) = self.ends[at];
        (&self.text[start..end], width)
    }

    /// The widest cell of each column, `header` included.
    pub fn widths(&self, header: &[&str]) -> Vec<usize> {
        let mut widths: Vec<usize> = header.iter().map(|h| text::width(h)).collect();
        widths.resize(self.columns, 0);
        for row in self.ends.chunks(self.columns.max(1)) {
            for (widest, &(_, width)) in widths.iter_mut().zip(row) {
                *widest = (*widest).max(width);
            }
        }
        widths
    }

    /// Each row's cells on their own, for the layouts that change them.
    pub fn owned_rows(&self) -> Vec<Vec<String>> {
        (0..self.rows())
            .map(|n| {
                (0..self.columns)
                    .map(|column| self.get(n, column).0.to_string())
                    .collect()
            })
            .collect()
    }
}

/// `n` spaces, many at a time.
pub fn pad(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                ";
    while n > 0 {
        let some = n.min(SPACES.len());
        out.push_str(&SPACES[..some]);
        n -= some;
    }
}

/// A row folded for a narrow terminal: `heading` on a line of its own,
/// then `facts` [`pack`]ed into lines of at most `width` columns,
/// indented by two.
pub fn push_stacked(
    out: &mut String,
    style: &Style,
    heading: &str,
    facts: &[String],
    width: usize,
) {
    out.push_str(&style.heading(heading));
    out.push('\n');
    for line in pack(facts, width.saturating_sub(2)) {
        out.push_str("  ");
        out.push_str(&line);
        out.push('\n');
    }
}

/// `facts` joined by ` · ` into lines of at most `width` columns, a line
/// breaking only between facts unless one is longer than a line.
pub fn pack(facts: &[String], width: usize) -> Vec<String> {
    const BETWEEN: &str = " · ";
    let mut lines = Vec::new();
    let mut line = String::new();
    for fact in facts {
        if !line.is_empty() && text::width(&line) + text::width(BETWEEN) + text::width(fact) > width
        {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str(BETWEEN);
        } else if text::width(fact) > width {
            let mut parts = text::wrap(fact, width);
            line = parts.pop().unwrap_or_default();
            lines.extend(parts);
            continue;
        }
        line.push_str(fact);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The narrowest text column [`Style::list`] puts beside its keys.
const MIN_TEXT_COLUMN: usize = 40;

/// Pretty JSON with a trailing newline.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|error| {
        // Our view types serialise infallibly; keep a valid document anyway.
        serde_json::json!({ "error": error.to_string() }).to_string()
    });
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A column held at its widest word keeps that word whole: comfy-table
    /// counts a cell's padding in its bounds. This row fits in 98 of 100
    /// columns, and the date was cut as `2026-11-` / `25`.
    #[test]
    fn a_column_at_its_widest_word_keeps_it_whole() {
        let style = Style::plain();
        let mut table = style.keyed_table(&[
            "ID", "Person", "Assessor", "Roles", "Updated", "Rated", "Status",
        ]);
        table.add_row(vec![
            "zoe-li-lei-spe-2026-11-25",
            "Zoë 李雷",
            "self",
            "SPE → LSE",
            "2026-11-25",
            "2/164",
            "in progress",
        ]);
        let text = style.render_table(table);
        assert_eq!(text.lines().count(), 5, "{text}");
        assert!(text.contains("┆ 2026-11-25 ┆"), "{text}");
    }
}

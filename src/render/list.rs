//! `rungs list`: stored assessments, newest last, with how far each got.
//!
//! A bordered table when it fits the width; with long names, the person
//! and assessor are shortened and the date dropped; when even that does
//! not fit, each assessment takes two lines (its id, then its facts), so
//! no word is ever broken.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Cells, Render, Style, aligned_width, json, markdown, push_stacked};
use crate::assessment::{AssessmentKind, Status, Timestamp};
use crate::summary::Summary;
use crate::text;

/// One assessment in `rungs list --format json`. A stable interface.
#[derive(Debug, Serialize)]
pub struct ListJson<'a> {
    pub id: &'a str,
    pub person: &'a str,
    /// The assessor's name, or `self`.
    pub assessor: &'a str,
    pub framework: &'a str,
    pub role: &'a str,
    pub to: Option<&'a str>,
    /// `full`, or `check-in` for one that rates only the cores of both
    /// roles.
    pub kind: AssessmentKind,
    pub started: Timestamp,
    pub updated: Timestamp,
    pub completed: Option<Timestamp>,
    pub rated: usize,
    /// Statements the assessment covers; absent when its framework is not
    /// available.
    pub total: Option<usize>,
    pub status: Status,
    /// When it was imported from another data directory; null when it was
    /// recorded here.
    pub imported: Option<Timestamp>,
}

/// The stored assessments to list, in the order shown.
#[derive(Debug)]
pub struct List<'a> {
    pub summaries: &'a [&'a Summary],
    /// The `--person` asked for, for the message when there are none.
    pub person: Option<&'a str>,
    /// The `--status` asked for, likewise.
    pub status: Option<Status>,
}

const HEADER: [&str; 7] = [
    "ID", "Person", "Assessor", "Roles", "Updated", "Rated", "Status",
];
const ID: usize = 0;
const PERSON: usize = 1;
const ASSESSOR: usize = 2;
const ROLES: usize = 3;
const UPDATED: usize = 4;
const RATED: usize = 5;

/// Person and assessor are never shortened below this many columns.
const MIN_NAME: usize = 12;

impl List<'_> {
    fn rows(&self) -> Vec<ListJson<'_>> {
        self.summaries.iter().map(|s| row(s)).collect()
    }

    fn empty(&self) -> String {
        let what = match self.status {
            Some(status) => format!("No {status} assessments"),
            None => "No assessments".to_string(),
        };
        match self.person {
            Some(person) => {
                format!("{what} of {person} yet. Start one with `rungs assess`.\n")
            }
            None => format!("{what} yet. Start one with `rungs assess`.\n"),
        }
    }
}

impl Render for List<'_> {
    fn table(&self, style: &Style) -> String {
        let summaries = self.summaries;
        if summaries.is_empty() {
            return self.empty();
        }
        let width = usize::from(style.width);
        // A long list that fits as it is is laid out from one buffer of
        // its cells, with no cell held on its own.
        if summaries.len() > BORDERED_ROWS {
            // The summaries lie all over memory: each is read once, in
            // order, into one buffer.
            let mut cells = Cells::new(HEADER.len(), summaries.len(), 12);
            for summary in summaries {
                for column in 0..HEADER.len() {
                    cells.push(|out| cell(summary, column, out));
                }
            }
            let widths = cells.widths(&HEADER);
            if aligned_width(&widths) <= width {
                return style.aligned(&HEADER, &widths, summaries.len(), |n, c| cells.get(n, c));
            }
            return fitted(cells.owned_rows(), width, style);
        }
        fitted(summaries.iter().map(|s| cells(s)).collect(), width, style)
    }

    fn markdown(&self) -> String {
        let rows: Vec<Vec<String>> = self.summaries.iter().map(|s| cells(s)).collect();
        if rows.is_empty() {
            return self.empty();
        }
        format!("# Assessments\n\n{}", markdown::table(&HEADER, &rows))
    }

    fn json(&self) -> String {
        json(&self.rows())
    }
}

/// The widest cell of each column, header included.
fn widths(columns: &[usize], rows: &[Vec<String>]) -> Vec<usize> {
    columns
        .iter()
        .map(|&column| {
            rows.iter()
                .map(|row| text::width(&row[column]))
                .chain([text::width(HEADER[column])])
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// Width of a bordered table with these column widths: one space of
/// padding each side of each cell, and a border between and around.
fn table_width(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + 3 * widths.len() + 1
}

fn fitted(mut rows: Vec<Vec<String>>, width: usize, style: &Style) -> String {
    let all: Vec<usize> = (0..HEADER.len()).collect();
    let natural = widths(&all, &rows);
    let layout_width: fn(&[usize]) -> usize = if rows.len() > BORDERED_ROWS {
        aligned_width
    } else {
        table_width
    };
    if layout_width(&natural) <= width {
        return bordered(&all, &rows, style);
    }
    // Without the date, and with the names shortened as far as needed.
    let columns: Vec<usize> = all.iter().copied().filter(|&c| c != UPDATED).collect();
    let fixed: usize = columns
        .iter()
        .filter(|&&c| c != PERSON && c != ASSESSOR)
        .map(|&c| natural[c])
        .sum();
    let edges = layout_width(&vec![0; columns.len()]);
    let room = width.saturating_sub(fixed + edges);
    let (person, assessor) = share(natural[PERSON], natural[ASSESSOR], room);
    if person >= MIN_NAME.min(natural[PERSON]) && assessor >= MIN_NAME.min(natural[ASSESSOR]) {
        for row in &mut rows {
            for (column, most) in [(PERSON, person), (ASSESSOR, assessor)] {
                if text::width(&row[column]) > most {
                    row[column] = text::shorten(&row[column], most);
                }
            }
        }
        return bordered(&columns, &rows, style);
    }
    stacked(&rows, width, style)
}

/// Splits `room` columns between two names of natural widths `a` and `b`,
/// giving neither more than it needs.
fn share(a: usize, b: usize, room: usize) -> (usize, usize) {
    if a + b <= room {
        return (a, b);
    }
    let half = room / 2;
    match (a <= half, b <= half) {
        (true, _) => (a, room - a),
        (_, true) => (room - b, b),
        _ => (half, room - half),
    }
}

/// Above this many rows, columns aligned with spaces instead of a
/// bordered table: as readable at that length, and laid out in a fraction
/// of the time.
const BORDERED_ROWS: usize = 200;

fn bordered(columns: &[usize], rows: &[Vec<String>], style: &Style) -> String {
    if rows.len() > BORDERED_ROWS {
        let widths = widths(columns, rows);
        let cell = |n: usize, column: usize| {
            let cell = rows[n][column].as_str();
            (cell, text::width(cell))
        };
        let header: Vec<&str> = columns.iter().map(|&c| HEADER[c]).collect();
        return style.aligned(&header, &widths, rows.len(), |n, c| cell(n, columns[c]));
    }
    let header: Vec<&str> = columns.iter().map(|&c| HEADER[c]).collect();
    let mut table = style.keyed_table(&header);
    for row in rows {
        table.add_row(columns.iter().map(|&c| row[c].clone()).collect::<Vec<_>>());
    }
    format!("{}\n", style.render_table(table))
}

/// Two lines an assessment: its id, then its facts, wrapped between
/// facts (`in progress` is not split) and within one only when it is
/// longer than a line.
fn stacked(rows: &[Vec<String>], width: usize, style: &Style) -> String {
    let mut out = String::new();
    for row in rows {
        let facts = [
            row[PERSON].clone(),
            format!("by {}", row[ASSESSOR]),
            row[ROLES].clone(),
            row[UPDATED].clone(),
            format!("{} rated", row[RATED]),
            row[6].clone(),
        ];
        push_stacked(&mut out, style, &row[0], &facts, width);
    }
    out
}

fn row(assessment: &Summary) -> ListJson<'_> {
    ListJson {
        id: &assessment.id,
        person: &assessment.person,
        assessor: assessment.view(),
        framework: &assessment.framework,
        role: &assessment.role,
        to: assessment.to.as_deref(),
        kind: assessment.kind,
        started: assessment.started,
        updated: assessment.updated,
        completed: assessment.completed,
        rated: assessment.rated,
        total: assessment.total,
        status: assessment.status(),
        imported: assessment.imported,
    }
}

/// The cells of an assessment's row.
fn cells(summary: &Summary) -> Vec<String> {
    (0..HEADER.len())
        .map(|column| {
            let mut text = String::new();
            cell(summary, column, &mut text);
            text
        })
        .collect()
}

/// Writes the cell of `column` of an assessment's row, and returns its
/// display width.
fn cell(summary: &Summary, column: usize, out: &mut String) -> usize {
    let start = out.len();
    match column {
        // Ids are checked to be letters, digits and `.-_` when read; one
        // that was not is still shown as a name is.
        ID => return push_name(out, &summary.id),
        PERSON => return push_name(out, &summary.person),
        ASSESSOR => return push_name(out, summary.view()),
        ROLES => {
            let mut width = push_name(out, &summary.role);
            if let Some(to) = &summary.to {
                const ARROW: &str = " → ";
                out.push_str(ARROW);
                width += text::width(ARROW) + push_name(out, to);
            }
            return width;
        }
        UPDATED => {
            let _ = write!(out, "{}", summary.updated.date_naive());
        }
        RATED => {
            let _ = match summary.total {
                Some(total) => write!(out, "{}/{total}", summary.rated),
                None => write!(out, "{}/?", summary.rated),
            };
        }
        _ => {
            out.push_str(summary.status().as_str());
            if summary.kind == AssessmentKind::CheckIn {
                out.push_str(", check-in");
            }
            if summary.imported.is_some() {
                out.push_str(", imported");
            }
        }
    }
    // The rest is written in ASCII: a column a byte.
    out.len() - start
}

/// Text from a file on one line (runs of white space as one space), its
/// control characters shown as escapes: a newline in a person's name must
/// not make a row of its own, nor an escape sequence upset the widths.
/// Returns the display width of what it wrote.
fn push_name(out: &mut String, name: &str) -> usize {
    // Printable ASCII, most names, is written as it is, a column a byte.
    // Each byte is checked without a branch, so a vector at a time: 1 for
    // one outside ` ` to `~`.
    let outside = |b: u8| u8::from(b.wrapping_sub(b' ') > b'~' - b' ');
    if name.bytes().fold(0, |any, b| any | outside(b)) == 0 {
        out.push_str(name);
        return name.len();
    }
    let start = out.len();
    if name.bytes().any(|b| b.is_ascii_whitespace() && b != b' ') {
        out.push_str(&text::visible(&text::collapse(name)));
    } else {
        out.push_str(&text::visible(name));
    }
    text::width(&out[start..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pack;

    /// A long list is aligned with spaces, by display width, with every
    /// cell whole.
    #[test]
    fn long_lists_are_aligned_without_borders() {
        let rows: Vec<Vec<String>> = (0..=BORDERED_ROWS)
            .map(|n| {
                let person = if n == 1 { "李雷" } else { "Ada" };
                [
                    &format!("id-{n}"),
                    person,
                    "self",
                    "SPE → LSE",
                    "2026-11-25",
                    "3/8",
                    "complete",
                ]
                .iter()
                .map(|c| c.to_string())
                .collect()
            })
            .collect();
        let all: Vec<usize> = (0..HEADER.len()).collect();
        let text = bordered(&all, &rows, &Style::plain());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), rows.len() + 1);
        assert!(
            lines[0].starts_with("ID      Person  Assessor"),
            "{}",
            lines[0]
        );
        assert_eq!(
            lines[1],
            "id-0    Ada     self      SPE → LSE  2026-11-25  3/8    complete"
        );
        assert_eq!(
            lines[2],
            "id-1    李雷    self      SPE → LSE  2026-11-25  3/8    complete"
        );
        assert!(!text.contains('│') && !text.contains(" \n"));
    }

    /// A long list laid out from one buffer of its cells reads as the
    /// same rows laid out one cell at a time: aligned when it fits, with
    /// names shortened or each assessment on two lines when it does not.
    #[test]
    fn a_long_list_reads_the_same_from_its_buffer_of_cells() {
        let sample = crate::testing::assessment(&[("e1.craft.1", Some(2), None)]);
        let summaries: Vec<Summary> = (0..=BORDERED_ROWS)
            .map(|n| {
                let mut summary = Summary::of(&sample, None);
                summary.id = format!("id-{n}");
                if n == 7 {
                    summary.person = "Zoë 李雷 Lovelace-Hopper".into();
                    summary.assessor = Some("Grace (manager)".into());
                    summary.to = Some("LSE".into());
                }
                summary
            })
            .collect();
        let shown: Vec<&Summary> = summaries.iter().collect();
        let list = List {
            summaries: &shown,
            person: None,
            status: None,
        };
        for width in [200, 80, 70, 60, 40] {
            let style = Style {
                colour: false,
                width,
            };
            let rows: Vec<Vec<String>> = shown.iter().map(|s| cells(s)).collect();
            let table = list.table(&style);
            assert_eq!(table, fitted(rows, usize::from(width), &style), "{width}");
            // Aligned, without the date, with names shortened, then two
            // lines an assessment.
            assert_eq!(table.contains("Updated"), width == 200, "{width}");
            assert_eq!(table.contains('…'), width == 70, "{width}");
            assert_eq!(table.contains("id-7\n"), width <= 60, "{width}");
        }
    }

    /// The width a cell is written with is its display width, whatever
    /// the names in it: the columns of a long list are padded by it.
    #[test]
    fn each_cell_knows_its_width() {
        let sample = crate::testing::assessment(&[("e1.craft.1", Some(2), None)]);
        let plain = Summary::of(&sample, None);
        let mut odd = Summary::of(&sample, None);
        odd.id = "ok-1\u{1b}[2J".into();
        odd.person = "Zoë 李雷\nLovelace\t\u{202e}".into();
        odd.assessor = Some("Grace\u{7f} (manager)".into());
        odd.role = "E1\rE9".into();
        odd.to = Some("上級".into());
        odd.imported = Some(odd.started);
        odd.total = Some(10_000);
        odd.updated = "+10000-01-01T00:00:00Z".parse().expect("a time");
        for summary in [&plain, &odd] {
            for column in 0..HEADER.len() {
                let mut out = String::from("before ");
                let width = cell(summary, column, &mut out);
                let written = &out["before ".len()..];
                assert_eq!(width, text::width(written), "{column}: {written:?}");
                assert!(!written.chars().any(char::is_control), "{written:?}");
            }
        }
    }

    /// A name from a hostile file stays in its cell: one line, its escape
    /// sequence shown, in short and long lists alike.
    #[test]
    fn a_name_cannot_make_a_row_of_its_own() {
        let sample = crate::testing::assessment(&[("e1.craft.1", Some(2), None)]);
        let mut hostile = Summary::of(&sample, None);
        hostile.person = "Ada\nfake-1  Mallory\tself\r\n".into();
        hostile.assessor = Some("Eve\u{1b}[2J".into());
        hostile.role = "E1\nE9".into();
        for count in [1, BORDERED_ROWS + 1] {
            let shown: Vec<&Summary> = std::iter::repeat_n(&hostile, count).collect();
            let list = List {
                summaries: &shown,
                person: None,
                status: None,
            };
            let table = list.table(&Style::plain());
            let rows = table
                .lines()
                .filter(|l| l.contains("Ada fake-1 Mallory self"))
                .count();
            assert_eq!(rows, count, "{table}");
            assert!(
                !table.lines().any(|l| l.trim_start().starts_with("fake-1")),
                "{table}"
            );
            assert!(
                table.contains("Eve\\e[2J") && !table.contains('\u{1b}'),
                "{table}"
            );
            assert!(table.contains("E1 E9"), "{table}");
        }
    }

    /// Facts break between one another, and within one only when it is
    /// longer than a line.
    #[test]
    fn facts_wrap_between_facts() {
        let facts: Vec<String> = [
            "Ada",
            "by self",
            "E1 → E2",
            "2026-11-25",
            "1/? rated",
            "in progress",
        ]
        .iter()
        .map(|f| f.to_string())
        .collect();
        assert_eq!(
            pack(&facts, 56),
            [
                "Ada · by self · E1 → E2 · 2026-11-25 · 1/? rated",
                "in progress"
            ]
        );
        assert_eq!(pack(&facts, 200).len(), 1);
        let long = vec![
            "Zoë Lovelace-Hopper of the Analytical Engine".to_string(),
            "in progress".to_string(),
        ];
        assert_eq!(
            pack(&long, 20),
            [
                "Zoë Lovelace-Hopper",
                "of the Analytical",
                "Engine · in progress"
            ]
        );
        for line in pack(&facts, 12).iter().chain(&pack(&long, 12)) {
            assert!(text::width(line) <= 12, "{line:?}");
        }
    }

    #[test]
    fn room_goes_to_the_name_that_needs_it() {
        assert_eq!(share(10, 40, 60), (10, 40));
        assert_eq!(share(10, 40, 30), (10, 20));
        assert_eq!(share(40, 40, 30), (15, 15));
    }
}

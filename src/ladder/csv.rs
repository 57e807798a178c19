//! Spreadsheets exported as CSV, in the two shapes companies keep ladders:
//!
//! - **rows**: one row per statement, with columns for the level, the
//!   section, the category and the statement, and optionally examples and
//!   an expected rating;
//! - **matrix**: one row per competency (a category, optionally with its
//!   section and a description), one column per level, each cell that
//!   level's expectation; a cell of bullet lines is several statements.
//!
//! Header names are matched loosely (case, accents and punctuation do not
//! matter; `Competency`, `Kompetenz` and `Category` are all the category).
//! The delimiter is `,`, `;` or a tab, whichever the header line uses most.
//! An empty level, section or category cell takes the value above it, as
//! merged cells export.

use std::ops::Range;

use super::{Draft, Place, StatementDraft, ids};
use crate::diagnostic::{Diagnostic, InvalidFile, SourceFile};
use crate::text::collapse;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Level,
    Code,
    Section,
    Category,
    Statement,
    Examples,
    Expected,
    Description,
    Id,
    /// Unrecognised: a level, in a matrix.
    Other,
}

/// Names a header may have, after [`key`]: exact ones first.
const EXACT: [(Column, &[&str]); 9] = [
    (
        Column::Level,
        &[
            "level",
            "role",
            "archetype",
            "grade",
            "rung",
            "position",
            "jobtitle",
            "stufe",
            "ebene",
            "rolle",
            "niveau",
            "karrierestufe",
            "reberu",
        ],
    ),
    (
        Column::Code,
        &["code", "levelcode", "rolecode", "kurzel", "abbreviation"],
    ),
    (
        Column::Section,
        &[
            "section",
            "area",
            "pillar",
            "dimension",
            "type",
            "kind",
            "bereich",
            "abschnitt",
            "domain",
        ],
    ),
    (
        Column::Category,
        &[
            "category",
            "competency",
            "competence",
            "group",
            "theme",
            "attribute",
            "capability",
            "kategorie",
            "kompetenz",
            "gruppe",
            "thema",
        ],
    ),
    (
        Column::Statement,
        &[
            "statement",
            "expectation",
            "expectations",
            "behaviour",
            "behavior",
            "text",
            "criteria",
            "criterion",
            "indicator",
            "aussage",
            "erwartung",
            "verhalten",
            "kriterium",
        ],
    ),
    (
        Column::Examples,
        &[
            "examples",
            "example",
            "evidence",
            "signals",
            "beispiele",
            "beispiel",
            "nachweise",
            "belege",
        ],
    ),
    (
        Column::Expected,
        &[
            "expected",
            "expectedlevel",
            "requiredlevel",
            "expectedrating",
            "target",
            "proficiency",
            "required",
            "sollniveau",
            "zielniveau",
            "erwartet",
        ],
    ),
    (
        Column::Description,
        &["description", "beschreibung", "details", "notes"],
    ),
    (Column::Id, &["id", "statementid", "key"]),
];

/// Parts of names, in the order they are tried, when no exact name fits.
const PARTS: [(Column, &[&str]); 8] = [
    (
        Column::Expected,
        &["expected", "required", "target", "erwartet", "soll", "ziel"],
    ),
    (
        Column::Examples,
        &["example", "evidence", "signal", "beispiel"],
    ),
    (Column::Code, &["code"]),
    (
        Column::Statement,
        &[
            "statement",
            "expectation",
            "behavio",
            "criteri",
            "indicator",
            "aussage",
        ],
    ),
    (
        Column::Category,
        &["categor", "competenc", "kompetenz", "group", "theme"],
    ),
    (
        Column::Section,
        &["section", "area", "pillar", "dimension", "bereich"],
    ),
    (
        Column::Level,
        &["level", "role", "grade", "rung", "stufe", "ebene"],
    ),
    (Column::Description, &["descr", "beschreib"]),
];

/// A header reduced for matching: lower-case ASCII letters and digits.
fn key(header: &str) -> String {
    deunicode::deunicode(header)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn column(header: &str) -> Column {
    let key = key(header);
    if key.is_empty() {
        return Column::Other;
    }
    for (column, names) in EXACT {
        if names.contains(&key.as_str()) {
            return column;
        }
    }
    for (column, parts) in PARTS {
        if parts.iter().any(|p| key.contains(p)) {
            return column;
        }
    }
    Column::Other
}

/// One cell with where it is in the file.
#[derive(Debug, Clone)]
struct Cell {
    text: String,
    span: Range<usize>,
}

/// Reads a CSV file into the draft.
pub fn read(draft: &mut Draft, source: SourceFile) -> Result<(), InvalidFile> {
    let rows = records(&source)?;
    let name = source.origin.to_string();
    let file = draft.add_source(source);
    let place = |span: Range<usize>| Place { file, span };
    let Some(header_row) = rows
        .iter()
        .position(|r| r.iter().any(|c| !c.text.trim().is_empty()))
    else {
        return Err(draft.error(
            &place(0..0),
            Diagnostic::new(0..0, "an empty spreadsheet")
                .label("no rows")
                .help("export the sheet with its header row and a row per statement or competency"),
        ));
    };
    let header = &rows[header_row];
    let columns: Vec<Column> = header.iter().map(|c| column(&c.text)).collect();
    let find = |wanted: Column| columns.iter().position(|&c| c == wanted);
    let levels_named = columns.iter().filter(|&&c| c == Column::Level).count();
    // A `Description` column is the statement only in a sheet whose every
    // column is recognised; next to unrecognised (level) columns it
    // describes a matrix's competency.
    let all_known = columns.iter().all(|&c| c != Column::Other);
    let statement = find(Column::Statement)
        .or_else(|| find(Column::Description).filter(|_| levels_named == 1 && all_known));
    let data = &rows[header_row + 1..];
    let header_span = header.first().map_or(0..0, |c| c.span.clone());

    let mut mapped: Vec<String> = header
        .iter()
        .zip(&columns)
        .filter(|(c, _)| !c.text.trim().is_empty())
        .map(|(cell, column)| {
            format!(
                "`{}` → {}",
                cell.text.trim(),
                describe(*column, statement.is_some() && levels_named == 1)
            )
        })
        .collect();

    if let (Some(statement), 1) = (statement, levels_named) {
        draft.mapped.push(format!(
            "{name}: CSV, one row per statement; columns {}",
            mapped.join(", ")
        ));
        rows_shape(draft, file, &columns, statement, data)
    } else if find(Column::Category).or(find(Column::Section)).is_some() {
        let level_columns: Vec<usize> = columns
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c, Column::Other | Column::Level))
            .filter(|(i, _)| !header[*i].text.trim().is_empty())
            .map(|(i, _)| i)
            .collect();
        if level_columns.is_empty() {
            return Err(draft.error(
                &place(header_span.clone()),
                Diagnostic::new(header_span, "no level columns in this matrix")
                    .label("a column per level is expected after the competency")
                    .help("name each level's column after the level (`E1`, `Senior Engineer`); or, for one row per statement, add a `Level` and a `Statement` column"),
            ));
        }
        for cell in &mut mapped {
            if cell.ends_with("(unrecognised)") {
                *cell = cell.replace("(unrecognised)", "a level");
            }
        }
        draft.mapped.push(format!(
            "{name}: CSV matrix, one row per competency and a column per level; columns {}",
            mapped.join(", ")
        ));
        matrix_shape(draft, file, &columns, header, &level_columns, data)
    } else {
        let found: Vec<String> = header
            .iter()
            .map(|c| format!("`{}`", c.text.trim()))
            .collect();
        Err(draft.error(
            &place(header_span.clone()),
            Diagnostic::new(header_span, "cannot tell what this spreadsheet's columns hold")
                .label(format!("columns: {}", found.join(", ")))
                .help("one row per statement needs a `Level` and a `Statement` column (and optionally `Section`, `Category`, `Examples`, `Expected`); a matrix needs a `Competency` (or `Category`) column and a column per level"),
        ))
    }
}

fn describe(column: Column, rows: bool) -> &'static str {
    match column {
        Column::Level if rows => "level",
        Column::Level => "a level",
        Column::Code => "level code",
        Column::Section => "section",
        Column::Category => "category",
        Column::Statement => "statement",
        Column::Examples => "examples",
        Column::Expected => "expected rating",
        Column::Description if rows => "statement",
        Column::Description => "category description",
        Column::Id => "ignored (ids are derived from the structure)",
        Column::Other if rows => "ignored",
        Column::Other => "(unrecognised)",
    }
}

/// Every record as cells with their spans in the file.
fn records(source: &SourceFile) -> Result<Vec<Vec<Cell>>, InvalidFile> {
    let text = source.text.as_str();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    let delimiter = delimiter(body);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let at = error.position().map_or(0, |p| p.byte() as usize + bom);
                return Err(InvalidFile::new(
                    crate::diagnostic::FileKind::Ladder,
                    source,
                    vec![
                        Diagnostic::new(at..at, format!("cannot read this CSV: {error}"))
                            .label("here")
                            .help("export the sheet again as CSV (UTF-8)"),
                    ],
                ));
            }
        };
        let start = record.position().map_or(0, |p| p.byte() as usize) + bom;
        let mut cursor = start;
        let mut cells = Vec::new();
        for field in record.iter() {
            let first_line = field.lines().next().unwrap_or_default();
            let span = if first_line.is_empty() {
                cursor..cursor
            } else {
                match text.get(cursor..).and_then(|rest| rest.find(first_line)) {
                    Some(found) => {
                        let begin = cursor + found;
                        let end = begin + first_line.len();
                        cursor = end;
                        begin..end
                    }
                    None => cursor..cursor,
                }
            };
            cells.push(Cell {
                text: field.to_string(),
                span,
            });
        }
        rows.push(cells);
    }
    Ok(rows)
}

/// `,`, `;` or a tab: whichever the first line has most of, outside quotes.
fn delimiter(text: &str) -> u8 {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let delimiters = [b',', b';', b'\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    delimiters[best]
}

/// A cell's lines as items: a line starting with a bullet or a number
/// starts one; other lines continue it. A cell with no bullet is one item.
fn items(text: &str) -> Vec<String> {
    let bullet = |line: &str| -> Option<String> {
        let line = line.trim();
        let mut chars = line.chars();
        let first = chars.next()?;
        if ['•', '◦', '▪', '‣', '·', '-', '*', '–'].contains(&first)
            && chars.as_str().starts_with(char::is_whitespace)
        {
            return Some(chars.as_str().trim().to_string());
        }
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let rest = &line[digits..];
        if digits > 0 && (rest.starts_with(". ") || rest.starts_with(") ")) {
            return Some(rest[2..].trim().to_string());
        }
        None
    };
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if !lines.iter().any(|l| bullet(l).is_some()) {
        let one = collapse(text);
        return if one.is_empty() {
            Vec::new()
        } else {
            vec![one]
        };
    }
    let mut items: Vec<String> = Vec::new();
    for line in lines {
        match bullet(line) {
            Some(item) => items.push(item),
            None => match items.last_mut() {
                Some(last) => {
                    last.push(' ');
                    last.push_str(line.trim());
                }
                None => items.push(line.trim().to_string()),
            },
        }
    }
    items
        .into_iter()
        .map(|i| collapse(&i))
        .filter(|i| !i.is_empty())
        .collect()
}

fn cell(row: &[Cell], index: Option<usize>) -> Option<&Cell> {
    index
        .and_then(|i| row.get(i))
        .filter(|c| !c.text.trim().is_empty())
}

/// The default section of a sheet with no section column.
const DEFAULT_SECTION: &str = "Competencies";

fn rows_shape(
    draft: &mut Draft,
    file: usize,
    columns: &[Column],
    statement: usize,
    data: &[Vec<Cell>],
) -> Result<(), InvalidFile> {
    let find = |wanted: Column| columns.iter().position(|&c| c == wanted);
    let (level_col, code_col) = (find(Column::Level), find(Column::Code));
    let (section_col, category_col) = (find(Column::Section), find(Column::Category));
    let (examples_col, expected_col) = (find(Column::Examples), find(Column::Expected));
    if section_col.is_none() {
        draft.guess(
            None,
            format!("no section column: every statement in a section \"{DEFAULT_SECTION}\""),
        );
    }
    let mut above: [Option<Cell>; 3] = [None, None, None];
    let mut filled = false;
    for row in data {
        if row.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        let Some(text) = cell(row, Some(statement)) else {
            let span = row.first().map_or(0..0, |c| c.span.clone());
            return Err(draft.error(
                &Place {
                    file,
                    span: span.clone(),
                },
                Diagnostic::new(span, "a row with no statement")
                    .label("the statement cell of this row is empty")
                    .help("write the statement, or delete the row"),
            ));
        };
        let given = [
            cell(row, level_col),
            cell(row, section_col),
            cell(row, category_col),
        ];
        let level_now = given[0].cloned().or_else(|| above[0].clone());
        let section_now = given[1]
            .cloned()
            .or_else(|| section_col.and(above[1].clone()));
        let same_block = level_now.as_ref().map(|c| &c.text) == above[0].as_ref().map(|c| &c.text)
            && section_now.as_ref().map(|c| &c.text) == above[1].as_ref().map(|c| &c.text);
        let category_now = given[2].cloned().or_else(|| {
            if same_block {
                category_col.and(above[2].clone())
            } else {
                None
            }
        });
        filled |= (given[0].is_none() && level_now.is_some())
            || (given[1].is_none() && section_now.is_some())
            || (given[2].is_none() && category_now.is_some());
        let current = [level_now, section_now, category_now];
        let Some(level) = current[0].clone() else {
            let span = text.span.clone();
            return Err(draft.error(
                &Place {
                    file,
                    span: span.clone(),
                },
                Diagnostic::new(span, "a statement with no level")
                    .label("no level on this row or above it")
                    .help("fill in the level column of the first row"),
            ));
        };
        above = current.clone();
        let code_cell = cell(row, code_col).map(|c| c.text.trim().to_string());
        let (split, title) = ids::split_code(&level.text);
        let code = code_cell.or(split);
        let level_index = draft.level(
            &title,
            code.as_deref(),
            &Place {
                file,
                span: level.span.clone(),
            },
        );
        let section_name = current[1]
            .as_ref()
            .map_or(DEFAULT_SECTION.to_string(), |c| collapse(&c.text));
        let section_place = Place {
            file,
            span: current[1]
                .as_ref()
                .map_or(level.span.clone(), |c| c.span.clone()),
        };
        let section = draft.section(&section_name, &section_place);
        let category = current[2].as_ref().map(|c| collapse(&c.text));
        let examples = cell(row, examples_col)
            .map(|c| items(&c.text))
            .unwrap_or_default();
        let expected = cell(row, expected_col).map(|c| {
            (
                c.text.trim().to_string(),
                Place {
                    file,
                    span: c.span.clone(),
                },
            )
        });
        for item in items(&text.text) {
            draft.add(
                level_index,
                section,
                category.as_deref(),
                StatementDraft {
                    title: None,
                    text: item,
                    examples: examples.clone(),
                    expected: expected.clone(),
                    place: Place {
                        file,
                        span: text.span.clone(),
                    },
                },
            );
        }
    }
    if filled {
        draft.guess(
            None,
            "empty level, section or category cells take the value above them (merged cells)",
        );
    }
    Ok(())
}

fn matrix_shape(
    draft: &mut Draft,
    file: usize,
    columns: &[Column],
    header: &[Cell],
    level_columns: &[usize],
    data: &[Vec<Cell>],
) -> Result<(), InvalidFile> {
    let find = |wanted: Column| columns.iter().position(|&c| c == wanted);
    let (section_col, category_col, description_col) = (
        find(Column::Section),
        find(Column::Category),
        find(Column::Description),
    );
    // Levels in column order, before any cell is read.
    let levels: Vec<usize> = level_columns
        .iter()
        .map(|&i| {
            let (code, title) = ids::split_code(&header[i].text);
            draft.level(
                &title,
                code.as_deref(),
                &Place {
                    file,
                    span: header[i].span.clone(),
                },
            )
        })
        .collect();
    if section_col.is_none() {
        draft.guess(
            None,
            format!("no section column: every competency in a section \"{DEFAULT_SECTION}\""),
        );
    }
    let mut section_above: Option<Cell> = None;
    for row in data {
        if row.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        let section_cell = cell(row, section_col)
            .cloned()
            .or_else(|| section_above.clone());
        section_above = section_cell.clone();
        let category = cell(row, category_col).map(|c| collapse(&c.text));
        let section_name = section_cell
            .as_ref()
            .map_or(DEFAULT_SECTION.to_string(), |c| collapse(&c.text));
        let row_span = row.first().map_or(0..0, |c| c.span.clone());
        let section = draft.section(
            &section_name,
            &Place {
                file,
                span: section_cell
                    .as_ref()
                    .map_or(row_span.clone(), |c| c.span.clone()),
            },
        );
        if category_col.is_some() && category.is_none() {
            return Err(draft.error(
                &Place {
                    file,
                    span: row_span.clone(),
                },
                Diagnostic::new(row_span, "a row with no competency")
                    .label("the competency cell of this row is empty")
                    .help("name the competency this row's cells describe, or delete the row"),
            ));
        }
        if let (Some(category), Some(description)) = (&category, cell(row, description_col)) {
            draft.describe_group(section, category, collapse(&description.text));
        }
        for (&column, &level) in level_columns.iter().zip(&levels) {
            let Some(text) = cell(row, Some(column)) else {
                continue;
            };
            for item in items(&text.text) {
                draft.add(
                    level,
                    section,
                    category.as_deref(),
                    StatementDraft {
                        title: None,
                        text: item,
                        examples: Vec::new(),
                        expected: None,
                        place: Place {
                            file,
                            span: text.span.clone(),
                        },
                    },
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_matched_loosely() {
        assert_eq!(column("Level"), Column::Level);
        assert_eq!(column(" Karriere-Stufe "), Column::Level);
        assert_eq!(column("Competency"), Column::Category);
        assert_eq!(column("Kompetenz"), Column::Category);
        assert_eq!(column("Expected level"), Column::Expected);
        assert_eq!(column("Example evidence"), Column::Examples);
        assert_eq!(column("What we expect (statement)"), Column::Statement);
        assert_eq!(column("Senior Engineer"), Column::Other);
    }

    #[test]
    fn the_delimiter_is_the_one_the_header_uses() {
        assert_eq!(delimiter("a,b,c\n"), b',');
        assert_eq!(delimiter("Stufe;Bereich;\"a,b\"\n"), b';');
        assert_eq!(delimiter("a\tb\n"), b'\t');
    }

    #[test]
    fn a_cell_of_bullets_is_several_items() {
        assert_eq!(items("• one\n  more\n• two"), ["one more", "two"]);
        assert_eq!(items("1. one\n2) two"), ["one", "two"]);
        assert_eq!(items("just one\nline"), ["just one line"]);
        assert!(items("  ").is_empty());
    }
}

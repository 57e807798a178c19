//! Spreadsheets exported as CSV, and every other grid of cells (pipe
//! tables and HTML tables in pages go through [`grid`] too), in the three
//! shapes companies keep ladders:
//!
//! - **rows**: one row per statement, with columns for the level, the
//!   section (or track), the category and the statement, and optionally
//!   examples and an expected rating;
//! - **levels in columns**: one row per competency (a category, optionally
//!   with its section and a description), one column per level, each cell
//!   that level's expectation;
//! - **levels in rows**: one row per level, one column per competency.
//!
//! A cell of bullet lines, or of paragraphs separated by blank lines, is
//! several statements. Header names are matched loosely (case, accents and
//! punctuation do not matter; `Competency`, `Kompetenz` and `Category` are
//! all the category); without names it knows, a first column or a header
//! row of level names (`E1`, `Senior`, `Level 3`) says which way the levels
//! run, and `--levels rows|columns` says it when that guess is wrong. The
//! delimiter is `,`, `;` or a tab, whichever the header line uses most. An
//! empty level, section or category cell takes the value above it, as
//! merged cells export.

use std::ops::Range;

use super::{Draft, Levels, Place, Sections, StatementDraft, ids};
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
    /// A column `--sections none` says to leave out.
    Ignored,
    /// Unrecognised: a level, in a matrix; a competency, in a sheet of a
    /// row per level.
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
            "track",
            "stream",
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
        &["section", "area", "pillar", "dimension", "bereich", "track"],
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

/// One cell with where it is in the file. `items` are its statements when
/// the source already split them (the `<li>` of an HTML cell).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub span: Range<usize>,
    pub items: Option<Vec<String>>,
}

impl Cell {
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty() && self.items.iter().flatten().all(|i| i.trim().is_empty())
    }

    /// The cell as a name: its text, else its items.
    fn label(&self) -> String {
        let text = collapse(&self.text);
        if text.is_empty() {
            collapse(
                &self
                    .items
                    .iter()
                    .flatten()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        } else {
            text
        }
    }

    fn items(&self) -> Vec<String> {
        match &self.items {
            Some(items) => items
                .iter()
                .map(|i| collapse(i))
                .filter(|i| !i.is_empty())
                .collect(),
            None => items(&self.text),
        }
    }
}

/// Where a grid sits, for what it is read as.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// How the grid is named in the report: "x.csv: CSV" or "x.md:12:1: a table".
    pub name: String,
    /// The section of rows that name none: the heading above a table.
    pub section: Option<String>,
    /// The level a table sits under, on a page of one level.
    pub level: Option<usize>,
    /// "the sheet" or "the table", for guesses that point at it.
    pub noun: &'static str,
}

/// Reads a CSV file into the draft.
pub fn read(draft: &mut Draft, source: SourceFile) -> Result<(), InvalidFile> {
    let rows = match records(&source.text) {
        Ok(rows) => rows,
        Err((at, message, help)) => {
            return Err(InvalidFile::new(
                crate::diagnostic::FileKind::Ladder,
                &source,
                vec![Diagnostic::new(at..at, message).label("here").help(help)],
            ));
        }
    };
    let name = source.origin.to_string();
    let file = draft.add_source(source);
    if let Levels::Heading(_) | Levels::Files = draft.hints.levels {
        // Said, not left to look as if it had been followed.
        draft.guess_fix(
            None,
            format!(
                "{name}: --levels {} is for pages; a sheet's levels are its rows or its columns, found from its header",
                draft.hints.levels
            ),
            Some("--levels rows or --levels columns"),
        );
    }
    let context = Context {
        name: format!("{name}: CSV"),
        noun: "the sheet",
        ..Context::default()
    };
    grid(draft, file, &rows, &context)
}

/// Reads a grid of cells in whichever shape its header and the hints say.
pub fn grid(
    draft: &mut Draft,
    file: usize,
    rows: &[Vec<Cell>],
    context: &Context,
) -> Result<(), InvalidFile> {
    let place = |span: Range<usize>| Place { file, span };
    let Some(header_row) = rows.iter().position(|r| r.iter().any(|c| !c.is_blank())) else {
        return Err(draft.error(
            &place(0..0),
            Diagnostic::new(0..0, "an empty spreadsheet")
                .label("no rows")
                .help("export the sheet with its header row and a row per statement or competency"),
        ));
    };
    let header = &rows[header_row];
    let mut columns: Vec<Column> = header.iter().map(|c| column(&c.text)).collect();
    match &draft.hints.sections {
        Sections::Column(name) => {
            let wanted = key(name);
            match header.iter().position(|c| key(&c.text) == wanted) {
                Some(index) => {
                    for column in &mut columns {
                        if *column == Column::Section {
                            *column = Column::Other;
                        }
                    }
                    columns[index] = Column::Section;
                }
                None => {
                    let span = header.first().map_or(0..0, |c| c.span.clone());
                    return Err(draft.error(
                        &place(span.clone()),
                        Diagnostic::new(span, format!("no column `{name}` for --sections"))
                            .label(format!("columns: {}", header_names(header)))
                            .help("name a column of the header row, `none`, or `h2`...`h6` for a page"),
                    ));
                }
            }
        }
        Sections::None => {
            for column in &mut columns {
                if *column == Column::Section {
                    *column = Column::Ignored;
                }
            }
        }
        _ => {}
    }
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
    let hint = draft.hints.levels;
    // Cells past the header's last column belong to no column.
    let beyond: Vec<&Cell> = data
        .iter()
        .flat_map(|row| row.iter().skip(header.len()))
        .filter(|c| !c.is_blank())
        .collect();
    if let Some(first) = beyond.first() {
        let count = beyond.len();
        draft.leave_out(
            Some(&place(first.span.clone())),
            format!(
                "{count} cell{} past the header's last column: {} no column name",
                if count == 1 { "" } else { "s" },
                if count == 1 { "it has" } else { "they have" }
            ),
        );
    }

    // Which way the levels run.
    let shape = if let (Some(statement), 1, Levels::Auto) = (statement, levels_named, hint) {
        Shape::Rows(statement)
    } else if let (Some(statement), Some(_), Levels::Auto) = (statement, context.level, hint) {
        Shape::Rows(statement)
    } else {
        match hint {
            Levels::Columns => Shape::Columns,
            Levels::Rows => Shape::LevelRows,
            _ => {
                let has_category = find(Column::Category).or(find(Column::Section)).is_some();
                let others = columns
                    .iter()
                    .zip(header)
                    .filter(|(c, cell)| **c == Column::Other && !cell.is_blank())
                    .count();
                if levels_named >= 1 && !has_category && others > 0 && statement.is_none() {
                    Shape::LevelRows
                } else if has_category && statement.is_none() {
                    Shape::Columns
                } else if first_column_levels(data) {
                    Shape::LevelRows
                } else if header_levels(header) {
                    Shape::Columns
                } else if context.level.is_some() && header.len() >= 2 {
                    // A table under a level's heading: a competency and
                    // what it expects, row by row.
                    Shape::Rows(1)
                } else {
                    return Err(draft.error(
                        &place(header_span.clone()),
                        Diagnostic::new(header_span, "cannot tell what this spreadsheet's columns hold")
                            .label(format!("columns: {}", header_names(header)))
                            .help("one row per statement needs a `Level` and a `Statement` column (and optionally `Section` or `Track`, `Category`, `Examples`, `Expected`); a row per competency needs a `Competency` (or `Category`) column and a column per level; a row per level, a `Level` column and a column per competency; or say which way the levels run with --levels rows or --levels columns"),
                    ));
                }
            }
        }
    };
    match shape {
        Shape::Rows(statement) => {
            let mapped = mapping(header, &columns, |c| describe(c, true, Some(statement)));
            draft.mapped.push(format!(
                "{}, one row per statement; columns {}",
                context.name,
                mapped.join(", ")
            ));
            rows_shape(draft, file, &columns, statement, data, context)
        }
        Shape::Columns => {
            // The competency: the category column, else the first column
            // that is not a level's.
            let category = find(Column::Category).or_else(|| {
                (find(Column::Section).is_none()).then(|| {
                    columns
                        .iter()
                        .position(|c| !matches!(c, Column::Section | Column::Ignored))
                        .unwrap_or(0)
                })
            });
            let level_columns: Vec<usize> = columns
                .iter()
                .enumerate()
                .filter(|(i, c)| {
                    matches!(c, Column::Other | Column::Level | Column::Statement)
                        && Some(*i) != category
                })
                .filter(|(i, _)| !header[*i].is_blank())
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
            let is_level: std::collections::HashSet<usize> =
                level_columns.iter().copied().collect();
            let mapped = mapping(header, &columns, |c| match c {
                (i, _) if Some(i) == category => "category",
                (i, _) if is_level.contains(&i) => "a level",
                (_, column) => describe((0, column), false, None),
            });
            draft.mapped.push(format!(
                "{}, one row per competency and a column per level; columns {}",
                context.name,
                mapped.join(", ")
            ));
            if find(Column::Category).is_none() && hint != Levels::Columns {
                draft.guess_fix(
                    Some(&place(header_span.clone())),
                    format!(
                        "{}: its header row names levels, so each column is a level",
                        context.noun
                    ),
                    Some("--levels rows"),
                );
            }
            matrix_shape(
                draft,
                file,
                &columns,
                category,
                header,
                &level_columns,
                data,
                context,
            )
        }
        Shape::LevelRows => {
            let level = find(Column::Level).unwrap_or(0);
            let competencies: Vec<usize> = columns
                .iter()
                .enumerate()
                .filter(|(i, c)| {
                    *i != level
                        && matches!(c, Column::Other | Column::Category | Column::Statement)
                        && !header[*i].is_blank()
                })
                .map(|(i, _)| i)
                .collect();
            if competencies.is_empty() {
                return Err(draft.error(
                    &place(header_span.clone()),
                    Diagnostic::new(header_span, "no competency columns beside the level")
                        .label(format!("columns: {}", header_names(header)))
                        .help("a row per level needs a column per competency, each cell that level's expectation"),
                ));
            }
            let is_competency: std::collections::HashSet<usize> =
                competencies.iter().copied().collect();
            let mapped = mapping(header, &columns, |c| match c {
                (i, _) if i == level => "level",
                (i, _) if is_competency.contains(&i) => "a competency",
                (_, column) => describe((0, column), false, None),
            });
            draft.mapped.push(format!(
                "{}, one row per level and a column per competency; columns {}",
                context.name,
                mapped.join(", ")
            ));
            if find(Column::Level).is_none() && hint != Levels::Rows {
                draft.guess_fix(
                    Some(&place(header_span.clone())),
                    format!(
                        "{}: its first column names levels, so each row is a level",
                        context.noun
                    ),
                    Some("--levels columns"),
                );
            }
            level_rows_shape(
                draft,
                file,
                &columns,
                level,
                &competencies,
                header,
                data,
                context,
            )
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Shape {
    /// One row per statement; the statement's column.
    Rows(usize),
    Columns,
    LevelRows,
}

fn header_names(header: &[Cell]) -> String {
    header
        .iter()
        .map(|c| format!("`{}`", crate::text::shorten(&c.text, 40)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "`Level` → level" for each named column; past the first dozen, how
/// many more there are.
fn mapping(
    header: &[Cell],
    columns: &[Column],
    describe: impl Fn((usize, Column)) -> &'static str,
) -> Vec<String> {
    const SHOWN: usize = 12;
    let named: Vec<(usize, &Cell, &Column)> = header
        .iter()
        .zip(columns)
        .enumerate()
        .filter(|(_, (c, _))| !c.is_blank())
        .map(|(i, (cell, column))| (i, cell, column))
        .collect();
    let mut out: Vec<String> = named
        .iter()
        .take(SHOWN)
        .map(|(i, cell, column)| {
            format!(
                "`{}` → {}",
                crate::text::shorten(&cell.text, 40),
                describe((*i, **column))
            )
        })
        .collect();
    if named.len() > SHOWN {
        out.push(format!("and {} more", named.len() - SHOWN));
    }
    out
}

/// True when a grid names its levels itself (a level column, a header row
/// or first column of level names, or a competency column beside others),
/// so it can be read without a level around it.
pub(super) fn names_levels(rows: &[Vec<Cell>]) -> bool {
    let Some(header_row) = rows.iter().position(|r| r.iter().any(|c| !c.is_blank())) else {
        return false;
    };
    let header = &rows[header_row];
    let columns: Vec<Column> = header.iter().map(|c| column(&c.text)).collect();
    columns.contains(&Column::Level)
        || (columns.contains(&Column::Category) && columns.contains(&Column::Other))
        || header_levels(header)
        || first_column_levels(&rows[header_row + 1..])
}

/// Most of a first column's filled cells below the header are level names.
fn first_column_levels(data: &[Vec<Cell>]) -> bool {
    let cells: Vec<&Cell> = data
        .iter()
        .filter_map(|r| r.first())
        .filter(|c| !c.is_blank())
        .collect();
    cells.len() >= 2
        && cells
            .iter()
            .filter(|c| ids::looks_like_level(&c.text))
            .count()
            * 3
            >= cells.len() * 2
}

/// Most of a header's cells after the first are level names.
fn header_levels(header: &[Cell]) -> bool {
    let cells: Vec<&Cell> = header.iter().skip(1).filter(|c| !c.is_blank()).collect();
    cells.len() >= 2
        && cells
            .iter()
            .filter(|c| ids::looks_like_level(&c.text))
            .count()
            * 3
            >= cells.len() * 2
}

fn describe((_, column): (usize, Column), rows: bool, _statement: Option<usize>) -> &'static str {
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
        Column::Ignored => "ignored (--sections none)",
        Column::Other => "ignored",
    }
}

/// Every record of a CSV text as cells with their byte spans: fields
/// separated by the delimiter, quoted fields with `""` for a quote and
/// line breaks inside, records ended by `\n`, `\r\n` or `\r`. A span
/// covers the field's text, past its opening quote, so a diagnostic
/// points at the first character of the cell (on the right line after a
/// CRLF). An opening quote that is never closed is an error at that quote,
/// not a cell that swallows the rest of the file.
fn records(text: &str) -> Result<Vec<Vec<Cell>>, (usize, String, String)> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let delimiter = delimiter(&text[bom..]);
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut i = bom;
    let end = bytes.len();
    if i == end {
        return Ok(rows);
    }
    loop {
        // One field, from `i`.
        let mut value = String::new();
        let start;
        let mut field_end;
        if bytes.get(i) == Some(&b'"') {
            let quote = i;
            start = i + 1;
            i += 1;
            let mut piece = i;
            loop {
                match memchr_quote(bytes, i) {
                    None => {
                        return Err((
                            quote,
                            "this quote is never closed".into(),
                            "a cell that starts with `\"` ends at the next `\"`: close it, or write a quote inside a cell as `\"\"`".into(),
                        ));
                    }
                    Some(q) => {
                        if bytes.get(q + 1) == Some(&b'"') {
                            value.push_str(&text[piece..=q]);
                            i = q + 2;
                            piece = i;
                        } else {
                            value.push_str(&text[piece..q]);
                            i = q + 1;
                            break;
                        }
                    }
                }
            }
            field_end = i - 1;
            // Anything after the closing quote, up to the delimiter, is kept.
            let rest = i;
            while i < end && bytes[i] != delimiter && bytes[i] != b'\n' && bytes[i] != b'\r' {
                i += 1;
            }
            if i > rest {
                value.push_str(&text[rest..i]);
                field_end = i;
            }
        } else {
            start = i;
            while i < end && bytes[i] != delimiter && bytes[i] != b'\n' && bytes[i] != b'\r' {
                i += 1;
            }
            value.push_str(&text[start..i]);
            field_end = i;
        }
        let span_end = field_end.max(start);
        row.push(Cell {
            text: value,
            span: start..span_end,
            items: None,
        });
        if i < end && bytes[i] == delimiter {
            i += 1;
            continue;
        }
        // End of a record.
        rows.push(std::mem::take(&mut row));
        if i < end && bytes[i] == b'\r' {
            i += 1;
        }
        if i < end && bytes[i] == b'\n' {
            i += 1;
        }
        if i >= end {
            break;
        }
    }
    Ok(rows)
}

/// The next `"` at or after `from`.
fn memchr_quote(bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == b'"')
        .map(|p| from + p)
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

/// A cell's text as items: a line starting with a bullet or a number
/// starts one, other lines continue it; without bullets, paragraphs
/// separated by a blank line are items. A cell of one paragraph is one
/// item.
pub(super) fn items(text: &str) -> Vec<String> {
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
    let lines: Vec<&str> = text.lines().collect();
    if !lines.iter().any(|l| bullet(l).is_some()) {
        let mut items = Vec::new();
        let mut current = String::new();
        for line in lines {
            if line.trim().is_empty() {
                if !current.trim().is_empty() {
                    items.push(collapse(&current));
                }
                current.clear();
            } else {
                current.push(' ');
                current.push_str(line);
            }
        }
        if !current.trim().is_empty() {
            items.push(collapse(&current));
        }
        return items;
    }
    let mut items: Vec<String> = Vec::new();
    for line in lines.into_iter().filter(|l| !l.trim().is_empty()) {
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
    index.and_then(|i| row.get(i)).filter(|c| !c.is_blank())
}

/// The default section of a sheet with no section column.
const DEFAULT_SECTION: &str = "Competencies";

/// A section or category name without a grade suffix: "Craftsmanship (C2)"
/// is "Craftsmanship", so one track is one section at every grade.
fn without_grade(name: &str) -> (String, bool) {
    let name = collapse(name);
    if let Some((rest, inner)) = name.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        let inner = inner.trim();
        let rest = rest.trim();
        let grade = ids::looks_like_code(inner)
            || inner.chars().all(|c| c.is_ascii_digit())
            || ids::looks_like_level(inner);
        if grade && !inner.is_empty() && !rest.is_empty() {
            return (rest.to_string(), true);
        }
    }
    (name, false)
}

/// The section of a row: its cell (without a grade), else the context's,
/// else the default.
fn section_of(
    draft: &mut Draft,
    file: usize,
    cell: Option<&Cell>,
    fallback: Range<usize>,
    context: &Context,
    graded: &mut Option<(String, Range<usize>)>,
) -> usize {
    let (name, span) = match cell {
        Some(cell) => {
            let (name, stripped) = without_grade(&cell.label());
            if stripped && graded.is_none() {
                *graded = Some((cell.label(), cell.span.clone()));
            }
            (name, cell.span.clone())
        }
        None => (
            context
                .section
                .clone()
                .unwrap_or_else(|| DEFAULT_SECTION.to_string()),
            fallback,
        ),
    };
    draft.section(&name, &Place { file, span })
}

fn grade_guess(draft: &mut Draft, file: usize, graded: Option<(String, Range<usize>)>) {
    if let Some((name, span)) = graded {
        let (plain, _) = without_grade(&name);
        draft.guess(
            Some(&Place { file, span }),
            format!("section and category names lose a grade suffix: \"{name}\" is \"{plain}\", one section at every level"),
        );
    }
}

fn no_section_guess(
    draft: &mut Draft,
    file: usize,
    what: &str,
    context: &Context,
    at: Range<usize>,
) {
    // A table under a heading: the heading is its section.
    if context.section.is_some() {
        return;
    }
    let name = context
        .section
        .clone()
        .unwrap_or_else(|| DEFAULT_SECTION.to_string());
    draft.guess_fix(
        Some(&Place { file, span: at }),
        format!(
            "{}: no section column: every {what} in a section \"{name}\"",
            context.noun
        ),
        Some("--sections COLUMN"),
    );
}

fn rows_shape(
    draft: &mut Draft,
    file: usize,
    columns: &[Column],
    statement: usize,
    data: &[Vec<Cell>],
    context: &Context,
) -> Result<(), InvalidFile> {
    let find = |wanted: Column| columns.iter().position(|&c| c == wanted);
    let (level_col, code_col) = (find(Column::Level), find(Column::Code));
    let (section_col, category_col) = (find(Column::Section), find(Column::Category));
    // A table under a level's heading with no category column: its first
    // other column names the competency.
    let category_col = category_col
        .or_else(|| (context.level.is_some() && statement > 0 && level_col.is_none()).then_some(0));
    let (examples_col, expected_col) = (find(Column::Examples), find(Column::Expected));
    if section_col.is_none() {
        no_section_guess(
            draft,
            file,
            "statement",
            context,
            data.first()
                .and_then(|r| r.first())
                .map_or(0..0, |c| c.span.clone()),
        );
    }
    let mut above: [Option<Cell>; 3] = [None, None, None];
    let mut filled = false;
    let mut graded = None;
    for row in data {
        if row.iter().all(Cell::is_blank) {
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
        let level_index = match (&current[0], context.level) {
            (Some(level), _) => {
                let code_cell = cell(row, code_col).map(|c| c.text.trim().to_string());
                let (split, title, note) = ids::split_code_note(&level.text);
                let code = code_cell.or(split);
                let index = draft.level(
                    &title,
                    code.as_deref(),
                    &Place {
                        file,
                        span: level.span.clone(),
                    },
                );
                if let Some(note) = note
                    && !draft.levels[index].summary.contains(&note)
                {
                    draft.levels[index].summary.push(note);
                }
                index
            }
            (None, Some(level)) => level,
            (None, None) => {
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
            }
        };
        above = current.clone();
        let fallback = current[0]
            .as_ref()
            .map_or(text.span.clone(), |c| c.span.clone());
        let section = section_of(
            draft,
            file,
            current[1].as_ref(),
            fallback,
            context,
            &mut graded,
        );
        let category = current[2].as_ref().map(|c| without_grade(&c.label()).0);
        let examples = cell(row, examples_col).map(Cell::items).unwrap_or_default();
        let expected = cell(row, expected_col).map(|c| {
            (
                collapse(&c.text),
                Place {
                    file,
                    span: c.span.clone(),
                },
            )
        });
        for item in text.items() {
            let mut statement = StatementDraft::new(
                item,
                Place {
                    file,
                    span: text.span.clone(),
                },
            );
            statement.examples = examples.clone();
            statement.expected = expected.clone();
            draft.add(level_index, section, category.as_deref(), statement);
        }
    }
    if filled {
        draft.guess(
            None,
            "empty level, section or category cells take the value above them (merged cells)",
        );
    }
    grade_guess(draft, file, graded);
    Ok(())
}

/// The row after the header when it names or describes the header's
/// columns: its key cell is empty and the columns it would describe are
/// filled ("E1" over "~ 1 year", "TECH" over "Technical skill").
fn second_header<'a>(
    data: &'a [Vec<Cell>],
    key: Option<usize>,
    columns: &[usize],
) -> Option<&'a [Cell]> {
    let row = data.first()?;
    let key_blank = key.is_none_or(|k| row.get(k).is_none_or(Cell::is_blank));
    let filled = columns
        .iter()
        .filter(|&&c| row.get(c).is_some_and(|cell| !cell.is_blank()))
        .count();
    (key_blank && filled * 2 > columns.len() && data.len() > 1).then_some(row.as_slice())
}

#[allow(clippy::too_many_arguments)]
fn matrix_shape(
    draft: &mut Draft,
    file: usize,
    columns: &[Column],
    category_col: Option<usize>,
    header: &[Cell],
    level_columns: &[usize],
    data: &[Vec<Cell>],
    context: &Context,
) -> Result<(), InvalidFile> {
    let find = |wanted: Column| columns.iter().position(|&c| c == wanted);
    let (section_col, description_col) = (find(Column::Section), find(Column::Description));
    // Levels in column order, before any cell is read.
    let levels: Vec<usize> = level_columns
        .iter()
        .map(|&i| {
            let (code, title, note) = ids::split_code_note(&header[i].text);
            let index = draft.level(
                &collapse(&title),
                code.as_deref(),
                &Place {
                    file,
                    span: header[i].span.clone(),
                },
            );
            if let Some(note) = note
                && !draft.levels[index].summary.contains(&note)
            {
                draft.levels[index].summary.push(note);
            }
            index
        })
        .collect();
    let mut data = data;
    if let Some(second) = second_header(data, category_col, level_columns) {
        for (&column, &level) in level_columns.iter().zip(&levels) {
            if let Some(cell) = second.get(column).filter(|c| !c.is_blank()) {
                let note = collapse(&cell.text);
                if !draft.levels[level].summary.contains(&note) {
                    draft.levels[level].summary.push(note);
                }
            }
        }
        let span = second.first().map_or(0..0, |c| c.span.clone());
        draft.guess(
            Some(&Place { file, span }),
            format!(
                "{}: the row under the header has no competency: read as the levels' summaries",
                context.noun
            ),
        );
        data = &data[1..];
    }
    if section_col.is_none() {
        no_section_guess(
            draft,
            file,
            "competency",
            context,
            data.first()
                .and_then(|r| r.first())
                .map_or(0..0, |c| c.span.clone()),
        );
    }
    let mut section_above: Option<Cell> = None;
    let mut graded = None;
    for row in data {
        if row.iter().all(Cell::is_blank) {
            continue;
        }
        let section_cell = cell(row, section_col)
            .cloned()
            .or_else(|| section_above.clone());
        section_above = section_cell.clone();
        let category = cell(row, category_col).map(|c| without_grade(&c.label()).0);
        let row_span = row.first().map_or(0..0, |c| c.span.clone());
        let section = section_of(
            draft,
            file,
            section_cell.as_ref(),
            row_span.clone(),
            context,
            &mut graded,
        );
        if category_col.is_some() && category.is_none() {
            if level_columns.iter().all(|&c| cell(row, Some(c)).is_none()) {
                continue;
            }
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
            for item in text.items() {
                draft.add(
                    level,
                    section,
                    category.as_deref(),
                    StatementDraft::new(
                        item,
                        Place {
                            file,
                            span: text.span.clone(),
                        },
                    ),
                );
            }
        }
    }
    grade_guess(draft, file, graded);
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn level_rows_shape(
    draft: &mut Draft,
    file: usize,
    columns: &[Column],
    level_col: usize,
    competencies: &[usize],
    header: &[Cell],
    data: &[Vec<Cell>],
    context: &Context,
) -> Result<(), InvalidFile> {
    let find = |wanted: Column| columns.iter().position(|&c| c == wanted);
    let (section_col, code_col) = (find(Column::Section), find(Column::Code));
    // Competency names: the header's, or a second header row's longer
    // names under short codes ("TECH" over "Technical skill").
    let mut names: Vec<String> = competencies
        .iter()
        .map(|&c| without_grade(&header[c].label()).0)
        .collect();
    let mut data = data;
    if let Some(second) = second_header(data, Some(level_col), competencies) {
        let codes = competencies
            .iter()
            .all(|&c| ids::looks_like_code(header[c].text.trim()));
        let span = second.first().map_or(0..0, |c| c.span.clone());
        let section = draft.section(
            context.section.as_deref().unwrap_or(DEFAULT_SECTION),
            &Place {
                file,
                span: span.clone(),
            },
        );
        for (name, &c) in names.iter_mut().zip(competencies) {
            let Some(long) = second.get(c).filter(|c| !c.is_blank()) else {
                continue;
            };
            let long = collapse(&long.text);
            if codes {
                *name = long;
            } else {
                draft.describe_group(section, name, long);
            }
        }
        draft.guess(
            Some(&Place { file, span }),
            format!(
                "{}: the row under the header has no level: {}",
                context.noun,
                if codes {
                    "its cells name the competencies whose codes head the columns"
                } else {
                    "its cells describe the competencies"
                }
            ),
        );
        data = &data[1..];
    }
    if section_col.is_none() {
        no_section_guess(
            draft,
            file,
            "competency",
            context,
            data.first()
                .and_then(|r| r.first())
                .map_or(0..0, |c| c.span.clone()),
        );
    }
    let mut level_above: Option<usize> = None;
    let mut section_above: Option<Cell> = None;
    let mut graded = None;
    let mut filled = false;
    for row in data {
        if row.iter().all(Cell::is_blank) {
            continue;
        }
        let level = match cell(row, Some(level_col)) {
            Some(level_cell) => {
                let code_cell = cell(row, code_col).map(|c| c.text.trim().to_string());
                let (split, title, note) = ids::split_code_note(&level_cell.text);
                let index = draft.level(
                    &collapse(&title),
                    code_cell.or(split).as_deref(),
                    &Place {
                        file,
                        span: level_cell.span.clone(),
                    },
                );
                if let Some(note) = note
                    && !draft.levels[index].summary.contains(&note)
                {
                    draft.levels[index].summary.push(note);
                }
                index
            }
            None => match level_above {
                Some(index) => {
                    filled = true;
                    index
                }
                None => {
                    let span = row.first().map_or(0..0, |c| c.span.clone());
                    return Err(draft.error(
                        &Place {
                            file,
                            span: span.clone(),
                        },
                        Diagnostic::new(span, "a row with no level")
                            .label("the level cell of this row is empty, and of every row above it")
                            .help("name the level this row's cells describe, or delete the row"),
                    ));
                }
            },
        };
        level_above = Some(level);
        let section_cell = cell(row, section_col)
            .cloned()
            .or_else(|| section_above.clone());
        section_above = section_cell.clone();
        let row_span = row.first().map_or(0..0, |c| c.span.clone());
        let section = section_of(
            draft,
            file,
            section_cell.as_ref(),
            row_span,
            context,
            &mut graded,
        );
        for (name, &column) in names.iter().zip(competencies) {
            let Some(text) = cell(row, Some(column)) else {
                continue;
            };
            for item in text.items() {
                draft.add(
                    level,
                    section,
                    Some(name),
                    StatementDraft::new(
                        item,
                        Place {
                            file,
                            span: text.span.clone(),
                        },
                    ),
                );
            }
        }
    }
    if filled {
        draft.guess(
            None,
            "rows with an empty level cell belong to the level above them (merged cells)",
        );
    }
    grade_guess(draft, file, graded);
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
    fn records_know_where_each_cell_starts() {
        let rows = records("Competency,E1,E2\r\nA,x,z\r\n,n1,n2\r\n").expect("reads");
        assert_eq!(rows.len(), 3);
        // The empty first cell of the third row is at its start, not at
        // the end of the line above.
        assert_eq!(rows[2][0].span, 25..25);
        assert_eq!(rows[2][1].span, 26..28);
        let rows = records("a,\"say \"\"hi\"\"\",\"x\ny\"\nb").expect("reads");
        assert_eq!(rows[0][1].text, "say \"hi\"");
        assert_eq!(rows[0][2].text, "x\ny");
        assert_eq!(rows[1][0].text, "b");
        let (at, message, _) = records("a,\"open\nb,c\n").expect_err("unclosed");
        assert_eq!((at, message.as_str()), (2, "this quote is never closed"));
    }

    #[test]
    fn a_cell_of_bullets_is_several_items() {
        assert_eq!(items("• one\n  more\n• two"), ["one more", "two"]);
        assert_eq!(items("1. one\n2) two"), ["one", "two"]);
        assert_eq!(items("just one\nline"), ["just one line"]);
        assert_eq!(items("one\n\ntwo\n  \nthree"), ["one", "two", "three"]);
        assert!(items("  ").is_empty());
    }
}

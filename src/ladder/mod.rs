//! Bringing a company's ladder in from where it lives: a spreadsheet
//! exported as CSV, or Markdown and plain-text pages.
//!
//! Each reader ([`csv`], [`markdown`]) turns its file into a [`Draft`]: a
//! neutral model of levels, sections, groups and statements with the place
//! each came from. Tables in pages (pipe tables, HTML tables) go through
//! the same grid reader as spreadsheets ([`csv::grid`]). [`build`] then
//! gives everything an id ([`ids`]), decides what it could not read (the
//! order of levels, the `next` links, whether a section's groups are shared
//! categories, the rating scale) and writes a framework file ([`write`]),
//! with a [`Report`] of what became what, of every guess (with the option
//! that changes it) and of everything left out.
//!
//! Every step is linear in the size of the input: names are looked up in
//! maps, never searched for in lists, and places are turned into lines
//! with a table of line starts per file.

pub mod csv;
mod html;
pub mod ids;
pub mod markdown;
mod outline;
mod page;
mod write;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::diagnostic::{Diagnostic, FileKind, InvalidFile, Origin, SourceFile};
use crate::framework::{self, Framework, Scale};

/// The starter file of `rungs ladder new`: every field, commented.
pub const STARTER: &str = include_str!("starter.toml");

/// The first line of every file the import writes: `--output` replaces a
/// file only when it carries it (or with `--force`).
pub const MARK: &str = "# Imported with `rungs ladder import`";

/// Where something was read: a file of the import and a byte range in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: usize,
    pub span: Range<usize>,
}

/// Where the levels are, when the guess is wrong (`--levels`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Levels {
    /// Guessed from headings, tables and repetition.
    #[default]
    Auto,
    /// Each file is one level.
    Files,
    /// Headings of this depth (1 for `#`) are levels.
    Heading(u8),
    /// Each row of a sheet or table is a level; its columns are competencies.
    Rows,
    /// Each column of a sheet or table is a level; its rows are competencies.
    Columns,
}

/// As `--levels` takes it.
impl std::fmt::Display for Levels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Levels::Auto => f.write_str("auto"),
            Levels::Files => f.write_str("files"),
            Levels::Heading(depth) => write!(f, "h{depth}"),
            Levels::Rows => f.write_str("rows"),
            Levels::Columns => f.write_str("columns"),
        }
    }
}

/// What the sections are, when the guess is wrong (`--sections`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Sections {
    #[default]
    Auto,
    /// Headings of this depth are sections, deeper ones categories.
    Heading(u8),
    /// One section: every heading under a level is a category.
    None,
    /// This column of a sheet names the section.
    Column(String),
}

/// The order of pages (`--order`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// Front matter's `weight` (or `order`) when every page has one, else
    /// the order given.
    #[default]
    Auto,
    /// The order the files are given in, whatever their front matter says.
    Given,
}

/// What the person said about the input's shape.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    pub levels: Levels,
    pub sections: Sections,
    pub order: Order,
}

/// A guess made for many levels: (what, the first place, the levels, the
/// option that changes it).
type Grouped = (String, Option<Place>, Vec<String>, Option<String>);

/// A ladder as read, before ids and links are decided.
#[derive(Debug, Default)]
pub struct Draft {
    pub sources: Vec<SourceFile>,
    pub hints: Hints,
    /// The ladder's name, when a page gives one.
    pub name: Option<String>,
    pub levels: Vec<Level>,
    pub sections: Vec<SectionDraft>,
    /// How each file was read, and which column or heading became what.
    pub mapped: Vec<String>,
    /// What was decided without the source saying so.
    pub guesses: Vec<Guess>,
    /// What was read and not imported, and why.
    pub left_out: Vec<Guess>,
    /// Guesses made the same way for many levels, said once with the
    /// levels listed: (what, first place, levels, fix).
    grouped: Vec<Grouped>,
    /// Start of every line of each source, for [`Draft::at`].
    lines: Vec<Vec<usize>>,
    /// The last place turned into a column: (file, line start, offset,
    /// column). Places along one long line (a header of ten thousand
    /// level columns) count characters from there, not from the line's
    /// start.
    cursor: std::cell::Cell<(usize, usize, usize, usize)>,
    level_titles: HashMap<String, usize>,
    level_codes: HashMap<String, usize>,
    section_names: HashMap<String, usize>,
}

#[derive(Debug, Clone)]
pub struct SectionDraft {
    pub name: String,
    pub description: Option<String>,
    /// Descriptions of group headings, by heading.
    pub group_descriptions: Vec<(String, String)>,
    pub place: Place,
    described: HashSet<String>,
}

/// One role on the ladder.
#[derive(Debug, Clone)]
pub struct Level {
    pub title: String,
    /// A code the source gives; derived from the title when `None`.
    pub code: Option<String>,
    pub sfia: Option<Vec<u8>>,
    pub summary: Vec<String>,
    /// Role codes a page lists (its ladder's codes), to match initials to.
    pub listed_codes: Vec<String>,
    /// The page's front matter `weight` or `order`, to sort pages by.
    pub weight: Option<f64>,
    /// The heading above a page's levels when they sit under several
    /// ("Individual contributor", "Management"): a track of its own.
    pub track: Option<String>,
    pub place: Place,
    pub groups: Vec<GroupDraft>,
    /// Groups by (section, normalised heading).
    group_index: HashMap<(usize, Option<String>), usize>,
}

impl Level {
    /// Rebuilds the map of groups after groups were removed.
    fn reindex(&mut self) {
        self.group_index = self
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| ((g.section, g.heading.as_deref().map(normal)), i))
            .collect();
    }
}

/// Statements of one level in one section, under one heading or none.
#[derive(Debug, Clone)]
pub struct GroupDraft {
    pub section: usize,
    pub heading: Option<String>,
    pub statements: Vec<StatementDraft>,
}

#[derive(Debug, Clone)]
pub struct StatementDraft {
    /// A short title: a bold lead-in, or a heading over a single paragraph.
    pub title: Option<String>,
    pub text: String,
    pub examples: Vec<String>,
    /// An expected rating as written (a number or a scale label), with
    /// where it was written.
    pub expected: Option<(String, Place)>,
    pub place: Place,
}

impl StatementDraft {
    pub fn new(text: String, place: Place) -> StatementDraft {
        StatementDraft {
            title: None,
            text,
            examples: Vec::new(),
            expected: None,
            place,
        }
    }
}

/// Something decided without the source saying so, or left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guess {
    /// `file:line:column`, when the guess is about one place.
    pub at: Option<String>,
    pub what: String,
    /// The option that decides it otherwise (`--levels h3`).
    pub fix: Option<String>,
}

pub(crate) fn normal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

impl Draft {
    pub fn new(hints: Hints) -> Draft {
        Draft {
            hints,
            ..Draft::default()
        }
    }

    /// Adds a file and returns its index for [`Place`]s.
    pub fn add_source(&mut self, source: SourceFile) -> usize {
        self.lines.push(line_starts(&source.text));
        self.sources.push(source);
        self.sources.len() - 1
    }

    /// `file:line:column` of a place.
    pub fn at(&self, place: &Place) -> String {
        let Some(source) = self.sources.get(place.file) else {
            return String::new();
        };
        let (line, column) = self.line_col(place.file, place.span.start);
        format!("{}:{line}:{column}", source.origin)
    }

    /// One-based line and column (in characters) of a byte offset, found
    /// in the file's table of line starts.
    pub fn line_col(&self, file: usize, offset: usize) -> (usize, usize) {
        let (Some(source), Some(lines)) = (self.sources.get(file), self.lines.get(file)) else {
            return (1, 1);
        };
        let mut offset = offset.min(source.text.len());
        while !source.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = lines.partition_point(|&start| start <= offset).max(1);
        let start = lines[line - 1];
        let (cached_file, cached_start, cached_offset, cached_column) = self.cursor.get();
        let column = if cached_file == file && cached_start == start && cached_offset <= offset {
            cached_column + source.text[cached_offset..offset].chars().count()
        } else {
            source.text[start..offset].chars().count() + 1
        };
        self.cursor.set((file, start, offset, column));
        (line, column)
    }

    pub fn guess(&mut self, place: Option<&Place>, what: impl Into<String>) {
        self.guess_fix(place, what, None::<String>);
    }

    /// A guess and the option that decides it otherwise.
    pub fn guess_fix(
        &mut self,
        place: Option<&Place>,
        what: impl Into<String>,
        fix: Option<impl Into<String>>,
    ) {
        let at = place.map(|p| self.at(p));
        self.guesses.push(Guess {
            at,
            what: what.into(),
            fix: fix.map(Into::into),
        });
    }

    /// A guess made the same way for many levels: said once, with each
    /// level it was made for.
    pub fn guess_for(&mut self, place: &Place, what: &str, level: &str, fix: Option<String>) {
        match self.grouped.iter_mut().find(|(w, ..)| w == what) {
            Some((_, _, levels, _)) => levels.push(level.to_string()),
            None => self.grouped.push((
                what.to_string(),
                Some(place.clone()),
                vec![level.to_string()],
                fix,
            )),
        }
    }

    fn flush_grouped(&mut self) {
        for (what, place, levels, fix) in std::mem::take(&mut self.grouped) {
            let shown: Vec<&str> = levels.iter().take(6).map(String::as_str).collect();
            let more = if levels.len() > shown.len() {
                format!(" and {} more", levels.len() - shown.len())
            } else {
                String::new()
            };
            let at = if levels.len() == 1 { place } else { None };
            self.guess_fix(
                at.as_ref(),
                format!("{what}: {}{more}", shown.join(", ")),
                fix,
            );
        }
    }

    /// Records something read and not imported, and why.
    pub fn leave_out(&mut self, place: Option<&Place>, what: impl Into<String>) {
        let at = place.map(|p| self.at(p));
        self.left_out.push(Guess {
            at,
            what: what.into(),
            fix: None,
        });
    }

    /// The index of the section with this name (any case and spacing),
    /// added when new.
    pub fn section(&mut self, name: &str, place: &Place) -> usize {
        let name = if name.trim().is_empty() {
            "Competencies"
        } else {
            name
        };
        let key = normal(name);
        if let Some(&index) = self.section_names.get(&key) {
            return index;
        }
        self.sections.push(SectionDraft {
            name: name.trim().to_string(),
            description: None,
            group_descriptions: Vec::new(),
            place: place.clone(),
            described: HashSet::new(),
        });
        self.section_names.insert(key, self.sections.len() - 1);
        self.sections.len() - 1
    }

    /// The index of the level with this title or code, added when new:
    /// rows of a sheet that name the same level are one level.
    pub fn level(&mut self, title: &str, code: Option<&str>, place: &Place) -> usize {
        let key = normal(title);
        let found = self
            .level_titles
            .get(&key)
            .copied()
            .or_else(|| code.and_then(|c| self.level_codes.get(&c.to_uppercase()).copied()));
        match found {
            Some(index) => index,
            None => self.new_level(title, code, place),
        }
    }

    /// A new level, even when another has its title: pages and columns
    /// given in order are distinct levels.
    pub fn new_level(&mut self, title: &str, code: Option<&str>, place: &Place) -> usize {
        let index = self.levels.len();
        let untitled = format!("Level {}", index + 1);
        let title = if title.trim().is_empty() {
            untitled.as_str()
        } else {
            title
        };
        self.levels.push(Level {
            title: title.trim().to_string(),
            code: code.map(str::to_string),
            sfia: None,
            summary: Vec::new(),
            listed_codes: Vec::new(),
            weight: None,
            track: None,
            place: place.clone(),
            groups: Vec::new(),
            group_index: HashMap::new(),
        });
        self.level_titles.entry(normal(title)).or_insert(index);
        if let Some(code) = code {
            self.level_codes.entry(code.to_uppercase()).or_insert(index);
        }
        index
    }

    /// True when a level already has this title (any case and spacing).
    pub fn has_level_titled(&self, title: &str) -> bool {
        self.level_titles.contains_key(&normal(title))
    }

    /// Adds a statement to a level's group of a section (and heading).
    pub fn add(
        &mut self,
        level: usize,
        section: usize,
        heading: Option<&str>,
        statement: StatementDraft,
    ) {
        let heading = heading.filter(|h| !h.trim().is_empty());
        let key = (section, heading.map(normal));
        let level = &mut self.levels[level];
        let index = match level.group_index.get(&key) {
            Some(&index) => index,
            None => {
                level.groups.push(GroupDraft {
                    section,
                    heading: heading.map(|h| h.trim().to_string()),
                    statements: Vec::new(),
                });
                level.group_index.insert(key, level.groups.len() - 1);
                level.groups.len() - 1
            }
        };
        level.groups[index].statements.push(statement);
    }

    /// Records a description of a group heading of a section.
    pub fn describe_group(&mut self, section: usize, heading: &str, description: String) {
        let section = &mut self.sections[section];
        if section.described.insert(normal(heading)) {
            section
                .group_descriptions
                .push((heading.to_string(), description));
        }
    }

    pub fn statement_count(&self) -> usize {
        self.levels
            .iter()
            .flat_map(|l| &l.groups)
            .map(|g| g.statements.len())
            .sum()
    }

    /// An error pointing into one of the files.
    pub fn error(&self, place: &Place, diagnostic: Diagnostic) -> InvalidFile {
        let source = self
            .sources
            .get(place.file)
            .cloned()
            .unwrap_or_else(|| SourceFile::new(Origin::File("".into()), ""));
        InvalidFile::new(FileKind::Ladder, &source, vec![diagnostic])
    }

    /// Leaves out sections no statement ended up in (a heading over a
    /// list of links, a table that was left out).
    fn drop_empty_sections(&mut self) {
        let mut used = vec![false; self.sections.len()];
        for group in self.levels.iter().flat_map(|l| &l.groups) {
            if !group.statements.is_empty() {
                used[group.section] = true;
            }
        }
        if used.iter().all(|&u| u) {
            return;
        }
        let mut new_index = vec![usize::MAX; self.sections.len()];
        let mut kept = Vec::new();
        for (index, section) in std::mem::take(&mut self.sections).into_iter().enumerate() {
            if used[index] {
                new_index[index] = kept.len();
                kept.push(section);
            }
        }
        self.sections = kept;
        self.section_names = self
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| (normal(&s.name), i))
            .collect();
        for level in &mut self.levels {
            level.groups.retain(|g| !g.statements.is_empty());
            for group in &mut level.groups {
                group.section = new_index[group.section];
            }
            level.reindex();
        }
    }

    /// Sorts the levels of pages by their front matter's `weight` when
    /// every one has a weight (and `--order given` was not said).
    fn order_levels(&mut self) {
        if self.levels.len() < 2 {
            return;
        }
        let weights: Vec<Option<f64>> = self.levels.iter().map(|l| l.weight).collect();
        let weighted = weights.iter().filter(|w| w.is_some()).count();
        if weighted == 0 {
            return;
        }
        if self.hints.order == Order::Given {
            self.guess_fix(
                None,
                "pages have a front-matter weight: kept the order the files were given in (--order given)",
                Some("--order auto"),
            );
            return;
        }
        if weighted < self.levels.len() {
            self.guess(
                None,
                format!(
                    "{weighted} of {} levels have a front-matter weight: kept the order the files were given in",
                    self.levels.len()
                ),
            );
            return;
        }
        let mut order: Vec<usize> = (0..self.levels.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (weights[a].unwrap_or(0.0), weights[b].unwrap_or(0.0));
            a.total_cmp(&b)
        });
        if order.iter().enumerate().all(|(i, &o)| i == o) {
            self.guess(
                None,
                "levels in the order of their pages' front-matter weight, which is the order given",
            );
            return;
        }
        let mut levels: Vec<Option<Level>> = std::mem::take(&mut self.levels)
            .into_iter()
            .map(Some)
            .collect();
        self.levels = order.iter().filter_map(|&i| levels[i].take()).collect();
        let titles: Vec<&str> = self.levels.iter().map(|l| l.title.as_str()).collect();
        let what = format!(
            "levels ordered by their pages' front-matter weight, not the order given: {}",
            titles.join(", ")
        );
        self.guess_fix(None, what, Some("--order given"));
        self.level_titles.clear();
        self.level_codes.clear();
        for (index, level) in self.levels.iter().enumerate() {
            self.level_titles
                .entry(normal(&level.title))
                .or_insert(index);
            if let Some(code) = &level.code {
                self.level_codes.entry(code.to_uppercase()).or_insert(index);
            }
        }
    }
}

/// What `build` may use besides the draft.
#[derive(Debug, Default)]
pub struct Options {
    /// The framework id; from the name when absent.
    pub id: Option<String>,
    /// The framework name; from the page, or the first file's name.
    pub name: Option<String>,
    /// The rating scale's labels, lowest first (`--scale`).
    pub scale: Option<Vec<String>>,
    /// The previous import of this ladder (the output file, when it
    /// exists): its ids, scale, version and links are kept.
    pub previous: Option<Framework>,
}

/// The result of an import: the framework file's text and the report.
#[derive(Debug)]
pub struct Imported {
    pub toml: String,
    pub framework: Framework,
    pub report: Report,
}

/// What became what, and what was guessed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub id: String,
    pub name: String,
    /// How each file was read, and which column or heading became what.
    pub read: Vec<String>,
    pub levels: Vec<LevelReport>,
    pub sections: Vec<SectionReport>,
    pub statements: usize,
    /// Statements that kept the id of the previous import.
    pub ids_kept: usize,
    pub ids_new: usize,
    /// Ids of the previous import no statement kept, now listed as retired.
    pub ids_retired: usize,
    /// The scale's labels, lowest first, when the import made one.
    pub scale: Option<Vec<String>>,
    pub guesses: Vec<GuessReport>,
    /// What was read and not imported, and why.
    pub left_out: Vec<GuessReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LevelReport {
    pub from: String,
    pub at: String,
    pub code: String,
    pub title: String,
    pub statements: usize,
    pub next: Vec<String>,
    /// The level's groups as the tree preview shows them.
    pub groups: Vec<GroupReport>,
}

/// One group of a level: its section, its category or name, its count and
/// its first statement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GroupReport {
    pub section: String,
    pub group: Option<String>,
    pub statements: usize,
    pub first: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SectionReport {
    pub from: String,
    pub id: String,
    /// `categories`, `named groups` or `a flat list`.
    pub kind: String,
    /// The category ids, or the group names.
    pub groups: Vec<String>,
    pub statements: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GuessReport {
    pub at: Option<String>,
    pub what: String,
    /// The option that decides it otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// What an import did: the report of what became what and what was
/// guessed, and where the file went.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportOutcome {
    pub report: Report,
    pub archetypes: usize,
    /// The file written, or that would be written with `--dry-run`.
    pub output: std::path::PathBuf,
    pub written: bool,
    /// The output file existed: it was read as the previous import, and
    /// replaced (unless `--dry-run`).
    pub replaced: bool,
}

/// Reads one file in whichever shape its name and content say: `.csv` and
/// `.tsv` as a spreadsheet, anything else as a page (Markdown, or plain
/// text with headings and `•` bullets).
pub fn read(draft: &mut Draft, source: SourceFile) -> Result<(), InvalidFile> {
    let is_sheet = match &source.origin {
        Origin::File(path) => path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv")),
        Origin::BuiltIn(name) => name.ends_with(".csv"),
    };
    if is_sheet {
        csv::read(draft, source)
    } else {
        markdown::read(draft, source)
    }
}

/// Decides ids, codes and links, writes the framework file and checks it
/// with the framework loader.
pub fn build(mut draft: Draft, options: Options) -> Result<Imported, crate::error::Error> {
    draft.flush_grouped();
    draft.order_levels();
    page::promote_lead_ins(&mut draft);
    draft.drop_empty_sections();
    let built = write::build(&mut draft, &options)?;
    let source = SourceFile::new(
        Origin::File(format!("{}.toml", built.report.id).into()),
        built.toml.clone(),
    );
    match framework::parse(&source) {
        Ok(framework) => Ok(Imported {
            toml: built.toml,
            framework,
            report: built.report,
        }),
        Err(error) => Err(crate::error::Error::Usage {
            message: format!(
                "the imported ladder does not pass the framework checks:\n{}",
                error.render(false)
            ),
            help: "this is a bug in the import: please report it with the file that was imported"
                .into(),
        }),
    }
}

/// Resolves an expected rating as written: a value on the scale, or one
/// of its labels (any case).
pub fn expected_value(written: &str, scale: &Scale) -> Option<u8> {
    let written = written.trim();
    if let Ok(value) = written.parse::<u8>() {
        return scale.level(value).map(|l| l.value);
    }
    scale
        .levels
        .iter()
        .find(|l| normal(&l.label) == normal(written))
        .map(|l| l.value)
}

/// Distinct values, in order.
fn dedup(values: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    values
        .into_iter()
        .filter(|v| seen.insert(v.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::Archetype;

    fn fixture(name: &str) -> SourceFile {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name);
        let text = std::fs::read_to_string(&path).expect("fixture");
        SourceFile::new(
            Origin::File(format!("tests/fixtures/import/{name}").into()),
            text,
        )
    }

    fn import(names: &[&str]) -> Imported {
        let mut draft = Draft::default();
        for name in names {
            if let Err(error) = read(&mut draft, fixture(name)) {
                panic!("{}", error.render(false));
            }
        }
        match build(draft, Options::default()) {
            Ok(imported) => imported,
            Err(error) => panic!("{}", error.render(false)),
        }
    }

    /// (section id, group heading, statement count) of an archetype.
    fn shape(framework: &Framework, archetype: &Archetype) -> Vec<(String, String, usize)> {
        archetype
            .groups
            .iter()
            .map(|g| {
                (
                    framework.sections[g.section].id.clone(),
                    framework.group_title(g).unwrap_or_default().to_string(),
                    g.statements.len(),
                )
            })
            .collect()
    }

    #[test]
    fn a_page_in_the_seed_shape_imports_to_the_spe_structure() {
        let imported = import(&["senior-platform-engineer.txt"]);
        let framework = &imported.framework;
        assert_eq!(framework.name, "Platform Engineering Track");
        let spe = framework
            .archetype("SPE")
            .expect("SPE from the initials and the code line");
        assert_eq!(spe.title, "Senior Platform Engineer");
        assert_eq!(
            spe.sfia.as_ref().map(ToString::to_string).as_deref(),
            Some("4-5")
        );
        let shape = shape(framework, spe);
        let count = |section: &str| -> Vec<usize> {
            shape
                .iter()
                .filter(|(s, _, _)| s == section)
                .map(|(_, _, n)| *n)
                .collect()
        };
        let sections: Vec<&str> = framework.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            sections,
            [
                "key-responsibilities",
                "role-specific",
                "behaviours",
                "skills",
                "ai-automation"
            ]
        );
        assert_eq!(count("key-responsibilities"), [5, 5, 5, 5]);
        assert_eq!(
            count("role-specific"),
            [3],
            "three focus areas, each a heading and a paragraph"
        );
        assert_eq!(count("behaviours"), [6, 6, 6, 6, 6, 6, 7]);
        assert_eq!(count("skills"), [8]);
        assert_eq!(count("ai-automation"), [6]);
        assert_eq!(spe.statement_count(), 80);
        let behaviours: Vec<&str> = framework.sections[2]
            .categories
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(behaviours[0], "Learning & Growth");
        assert!(
            spe.summary
                .as_deref()
                .is_some_and(|s| s.contains("Leads reliability at scale")),
            "Overview joins the summary"
        );
        let focus = &spe
            .groups
            .iter()
            .find(|g| framework.sections[g.section].id == "role-specific")
            .expect("focus")
            .statements[0];
        assert!(
            focus.text.starts_with("Developer Platform as a Product: "),
            "{}",
            focus.text
        );
        assert_eq!(spe.groups[0].statements[0].id, "spe.stewardship-internal.1");
    }

    fn statements_of(framework: &Framework, code: &str) -> Vec<(String, String)> {
        framework
            .archetype(code)
            .expect("code")
            .statements()
            .map(|(_, s)| (s.id.clone(), s.text.clone()))
            .collect()
    }

    #[test]
    fn csv_rows_become_levels_sections_and_categories() {
        let imported = import(&["rows.csv"]);
        let framework = &imported.framework;
        assert_eq!(framework.codes(), ["E1", "E2", "E3"]);
        assert_eq!(framework.archetypes[0].next, ["E2"]);
        assert_eq!(framework.archetypes[0].title, "Engineer");
        let e1 = shape(framework, &framework.archetypes[0]);
        assert_eq!(
            e1,
            [
                ("behaviours".into(), "Delivery".into(), 2),
                ("behaviours".into(), "Communication".into(), 1),
                ("skills".into(), String::new(), 1)
            ]
        );
        let first = &framework.archetypes[0].groups[0].statements[0];
        assert_eq!(first.id, "e1.delivery.1");
        assert_eq!(first.examples.len(), 2, "a cell of bullet lines");
        let skill = &framework.archetypes[0].groups[2].statements[0];
        assert_eq!((skill.id.as_str(), skill.met), ("e1.skills.1", 1));
        let e2 = &framework.archetypes[1].groups;
        assert_eq!(e2[0].statements[0].met, 3);
        assert_eq!(e2[1].statements[0].met, 2, "the label Demonstrated");
        assert!(
            imported
                .report
                .guesses
                .iter()
                .any(|g| g.what.contains("E1 → E2 → E3"))
        );
        assert!(imported.toml.contains("format_version = 2"));
    }

    #[test]
    fn a_csv_matrix_has_a_level_per_column() {
        let imported = import(&["matrix.csv"]);
        let framework = &imported.framework;
        let codes = framework.codes();
        assert_eq!(codes.len(), 3);
        let titles: Vec<&str> = framework
            .archetypes
            .iter()
            .map(|a| a.title.as_str())
            .collect();
        assert_eq!(titles, ["Junior", "Mid-level", "Senior"]);
        let sections: Vec<&str> = framework.sections.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(sections, ["Craft", "People"]);
        let testing = &framework.sections[0].categories[0];
        assert_eq!(
            (testing.id.as_str(), testing.description.as_deref()),
            ("testing", Some("Tests that make change safe."))
        );
        let mid = &framework.archetypes[1];
        assert_eq!(mid.statement_count(), 5);
        assert_eq!(
            framework.archetypes[0].statement_count(),
            3,
            "the empty mentoring cell adds nothing"
        );
    }

    #[test]
    fn markdown_role_pages_are_levels_in_the_order_given() {
        let imported = import(&[
            "role-pages/1-engineer.md",
            "role-pages/2-senior-engineer.md",
        ]);
        let framework = &imported.framework;
        assert_eq!(framework.codes(), ["E1", "E2"]);
        assert_eq!(
            framework.sections[0].description.as_deref(),
            Some("How the work is done. Every level shares these categories.")
        );
        let e1 = statements_of(framework, "E1");
        assert_eq!(
            e1[0],
            (
                "e1.delivery.1".to_string(),
                "Slices work: breaks a ticket into changes small enough to review in one sitting."
                    .to_string()
            )
        );
        let first = &framework.archetypes[0].groups[0].statements[0];
        assert_eq!(
            first.examples,
            ["Three pull requests of under 200 lines for one feature."]
        );
        assert_eq!(
            framework.archetypes[0]
                .sfia
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("3")
        );
        let e2 = statements_of(framework, "E2");
        assert_eq!(
            e2.len(),
            5,
            "the image and the HTML block are left out: {e2:?}"
        );
    }

    #[test]
    fn a_whole_ladder_page_has_levels_sections_and_categories() {
        let imported = import(&["whole-ladder.md"]);
        let framework = &imported.framework;
        assert_eq!(framework.name, "Example Co Engineering Ladder");
        assert_eq!(framework.id, "example-co-engineering");
        assert_eq!(framework.codes(), ["E1", "E2", "E3"]);
        let e1 = shape(framework, &framework.archetypes[0]);
        assert_eq!(
            e1,
            [
                ("craft".into(), "Code".into(), 2),
                ("craft".into(), "Operations".into(), 1),
                ("impact".into(), String::new(), 1)
            ]
        );
        let e1 = statements_of(framework, "E1");
        assert!(e1[0].1.starts_with("Adopts: "), "{e1:?}");
        assert_eq!(
            framework.archetypes[0].summary.as_deref(),
            Some("Delivers well-scoped work with review.")
        );
    }

    #[test]
    fn non_english_pages_and_sheets_import() {
        let imported = import(&["japanese.md"]);
        let framework = &imported.framework;
        assert_eq!(framework.codes(), ["J1", "J2"]);
        assert_eq!(framework.archetypes[0].title, "エンジニア");
        let j1 = statements_of(framework, "J1");
        assert!(
            j1.iter()
                .any(|(_, t)| t
                    == "リリース: チームのパイプラインで変更をリリースし、本番で確認する。"),
            "{j1:?}"
        );
        assert!(j1.iter().all(|(id, _)| id.is_ascii()), "{j1:?}");
        assert_eq!(framework.name, "エンジニアリング職務等級");
        assert!(framework.id.is_ascii() && !framework.id.is_empty());

        let imported = import(&["german.csv"]);
        let framework = &imported.framework;
        let titles: Vec<&str> = framework
            .archetypes
            .iter()
            .map(|a| a.title.as_str())
            .collect();
        assert_eq!(titles, ["Entwickler", "Senior-Entwickler"]);
        let first = &framework.archetypes[0].groups[0].statements[0];
        assert!(first.text.starts_with("Zerlegt ein Ticket in Änderungen"));
        assert_eq!(first.id, "l1.lieferung.1", "one word: no initials to use");
        let last = statements_of(framework, &framework.codes()[1]);
        assert!(
            last[1].1.contains("Tages; Kommentare"),
            "a quoted `;` stays in the cell"
        );
    }

    #[test]
    fn importing_an_edited_sheet_keeps_the_ids_of_unchanged_statements() {
        let first = import(&["rows.csv"]);
        let edited = fixture("rows.csv").text.replace(
            ",,Delivery,Releases a change",
            ",,Delivery,A new first-year expectation.,,\n,,Delivery,Releases a change",
        );
        let mut draft = Draft::default();
        read(
            &mut draft,
            SourceFile::new(Origin::File("rows.csv".into()), edited),
        )
        .expect("reads");
        let options = Options {
            previous: Some(first.framework.clone()),
            ..Options::default()
        };
        let second = build(draft, options).expect("builds");
        let before = statements_of(&first.framework, "E1");
        let after = statements_of(&second.framework, "E1");
        for (id, text) in &before {
            assert!(
                after.contains(&(id.clone(), text.clone())),
                "{id} lost: {after:?}"
            );
        }
        let new = after
            .iter()
            .find(|(_, t)| t == "A new first-year expectation.")
            .expect("new");
        assert_eq!(
            new.0, "e1.delivery.3",
            "not the id of the statement it pushed down"
        );
        assert_eq!(
            (second.report.ids_kept, second.report.ids_new),
            (first.report.statements, 1)
        );
    }

    /// Builds `text` (a version of `rows.csv`) over `previous`.
    fn reimport(text: String, previous: &Framework) -> Imported {
        let mut draft = Draft::default();
        read(
            &mut draft,
            SourceFile::new(Origin::File("rows.csv".into()), text),
        )
        .expect("reads");
        let options = Options {
            previous: Some(previous.clone()),
            ..Options::default()
        };
        build(draft, options).expect("builds")
    }

    #[test]
    fn a_statement_dropped_from_the_sheet_is_retired_and_its_id_never_returns() {
        let first = import(&["rows.csv"]);
        let dropped = statements_of(&first.framework, "E1")
            .into_iter()
            .find(|(_, text)| text.starts_with("Releases a change"))
            .expect("in the sheet")
            .0;
        let without = fixture("rows.csv").text.replace(
            ",,Delivery,Releases a change through the team's pipeline and checks it in production.,,\n",
            "",
        );
        let second = reimport(without.clone(), &first.framework);
        assert!(
            second.toml.contains("format_version = 3"),
            "{}",
            second.toml
        );
        let e1 = second.framework.archetype("E1").expect("E1");
        assert_eq!(e1.retired, std::slice::from_ref(&dropped));
        assert_eq!(second.report.ids_retired, 1);

        // Next time a different statement stands where it stood: a new id,
        // and the retired one stays listed.
        let with_other = without.replace(
            ",,Communication,",
            ",,Delivery,Rolls back a change that harms production.,,\n,,Communication,",
        );
        let third = reimport(with_other, &second.framework);
        let e1 = third.framework.archetype("E1").expect("E1");
        assert_eq!(e1.retired, std::slice::from_ref(&dropped));
        assert_eq!(third.report.ids_retired, 0, "retired before");
        let ids: Vec<String> = statements_of(&third.framework, "E1")
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert!(!ids.contains(&dropped), "{ids:?}");
    }

    #[test]
    fn what_cannot_be_mapped_is_an_error_with_its_place() {
        let mut draft = Draft::default();
        let source = SourceFile::new(Origin::File("x.csv".into()), "Name,Colour\nAda,red\n");
        let error = read(&mut draft, source).expect_err("no known columns");
        assert_eq!(error.locations(), [(1, 1)]);
        assert!(
            error.diagnostics[0].message.contains("cannot tell"),
            "{:?}",
            error.diagnostics
        );

        let mut draft = Draft::default();
        let source = SourceFile::new(
            Origin::File("x.csv".into()),
            "Level,Statement\nE1,Ships.\n,\nE2,\n",
        );
        let error = read(&mut draft, source).expect_err("empty statement");
        assert_eq!(error.locations(), [(4, 1)]);

        let mut draft = Draft::default();
        let source = SourceFile::new(
            Origin::File("x.csv".into()),
            "Level,Statement,Expected\nE1,Ships.,Guru\n",
        );
        read(&mut draft, source).expect("reads");
        let options = Options {
            scale: Some(vec!["Aware".into(), "Expert".into()]),
            ..Options::default()
        };
        let error = build(draft, options).expect_err("not on the scale");
        let crate::error::Error::InvalidFile(error) = error else {
            panic!("an invalid file");
        };
        assert_eq!(error.locations(), [(2, 11)]);

        let mut draft = Draft::default();
        let source = SourceFile::new(Origin::File("x.md".into()), "Just a line of text.\n");
        let error = read(&mut draft, source).expect_err("no headings");
        assert!(error.diagnostics[0].message.contains("no headings"));
    }

    fn import_text(name: &str, text: &str) -> Imported {
        let mut draft = Draft::default();
        if let Err(error) = read(&mut draft, SourceFile::new(Origin::File(name.into()), text)) {
            panic!("{}", error.render(false));
        }
        match build(draft, Options::default()) {
            Ok(imported) => imported,
            Err(error) => panic!("{}", error.render(false)),
        }
    }

    #[test]
    fn levels_under_two_headings_are_two_tracks() {
        let imported = import_text(
            "paths.md",
            "# Paths\n## Individual contributor\n### IC1 Engineer\n- Ships.\n### IC2 Senior\n- Leads.\n## Management\n### M1 Manager\n- Manages.\n",
        );
        let framework = &imported.framework;
        assert_eq!(framework.codes(), ["IC1", "IC2", "M1"]);
        assert!(
            framework.archetypes[1].next.is_empty(),
            "the top of its track"
        );
        assert_eq!(framework.archetypes[0].next, ["IC2"]);
    }

    #[test]
    fn bold_lines_and_recurring_lead_ins_become_categories() {
        let imported = import_text(
            "bold.md",
            "# Ladder\n## L3 Engineer\n**Technical**\n\n- Writes code.\n\n## L4 Senior Engineer\n**Technical**\n\n- Designs.\n",
        );
        let framework = &imported.framework;
        assert_eq!(framework.sections[0].categories[0].name, "Technical");
        let imported = import_text(
            "leads.md",
            "# Ladder\n## L3 Engineer\n- **Delivery**: ships.\n- **Adopts**: tools.\n## L4 Senior Engineer\n- **Delivery**: plans.\n",
        );
        let framework = &imported.framework;
        let names: Vec<&str> = framework.sections[0]
            .categories
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["General", "Delivery"],
            "a lead-in of one level stays in its text"
        );
        let l3 = statements_of(framework, "L3");
        assert!(l3.iter().any(|(_, t)| t == "ships."), "{l3:?}");
        assert!(l3.iter().any(|(_, t)| t == "Adopts: tools."), "{l3:?}");
    }

    #[test]
    fn headings_a_table_of_contents_links_to_are_levels() {
        let imported = import_text(
            "names.md",
            "# Our ladder\n\n- [Explorer](#explorer)\n- [Builder](#builder)\n- [Shaper](#shaper)\n\n## About\n\nWhy we have levels.\n\n## Explorer\n- Learns.\n## Builder\n- Builds.\n## Shaper\n- Shapes.\n",
        );
        let titles: Vec<&str> = imported
            .framework
            .archetypes
            .iter()
            .map(|a| a.title.as_str())
            .collect();
        assert_eq!(titles, ["Explorer", "Builder", "Shaper"], "not \"About\"");
        assert!(
            imported
                .report
                .left_out
                .iter()
                .any(|g| g.what.contains("only a link")),
            "{:?}",
            imported.report.left_out
        );
    }

    #[test]
    fn a_page_of_prose_and_one_heading_is_one_level() {
        let imported = import_text(
            "engineer.md",
            "# Engineer\n\nShips changes with tests.\n\nAsks for help early.\n",
        );
        assert_eq!(imported.framework.archetypes.len(), 1);
        assert_eq!(imported.framework.archetypes[0].statement_count(), 2);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Damaged or odd input is an error or a framework that loads,
        /// never a panic.
        #[test]
        fn any_input_imports_or_fails_cleanly(
            text in "(#{0,4} |- |  • |\\*\\*|: |,|;|\"|\n|E1 |SFIA 4-5|Level|Statement|Competency|[a-zé日本]{1,6}| ){0,60}",
            csv in proptest::bool::ANY,
        ) {
            let name = if csv { "x.csv" } else { "x.md" };
            let mut draft = Draft::default();
            if read(&mut draft, SourceFile::new(Origin::File(name.into()), text)).is_ok()
                && let Err(crate::error::Error::Usage { message, .. }) = build(draft, Options::default())
            {
                proptest::prop_assert!(!message.contains("does not pass"), "{}", message);
            }
        }
    }
}

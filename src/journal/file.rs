//! One month file of a person's journal: parsing with every problem
//! located (line and column), and writing it back in a stable shape.
//!
//! The layout is described in [`super`].

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{Entry, EntryId, FORMAT_VERSION, Month};
use crate::diagnostic::{Diagnostic, SourceFile};

/// The entries of one person in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFile {
    pub person: String,
    pub month: Month,
    /// Oldest first.
    pub entries: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    format_version: Spanned<i64>,
    person: Spanned<String>,
    #[serde(default)]
    entry: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: Spanned<String>,
    date: Spanned<String>,
    text: Spanned<String>,
    #[serde(default)]
    links: Vec<Spanned<String>>,
    #[serde(default, rename = "for")]
    tags: Vec<Spanned<String>>,
    recorded: Spanned<String>,
}

/// The format version alone, read first so a newer file is refused with
/// "upgrade" rather than an unknown field of the newer format.
#[derive(Deserialize)]
struct Probe {
    format_version: Option<Spanned<i64>>,
}

fn version_problem(version: Option<Spanned<i64>>) -> Option<Diagnostic> {
    match version {
        None => Some(
            Diagnostic::new(0..0, "missing `format_version`")
                .label("not a journal file of rungs")
                .help("restore the file from a backup, or move it out of the journal directory"),
        ),
        Some(version) if *version.get_ref() > FORMAT_VERSION => Some(
            Diagnostic::new(
                version.span(),
                format!(
                    "this journal file uses format version {}, newer than this rungs reads",
                    version.get_ref()
                ),
            )
            .label(format!("this rungs reads format version {FORMAT_VERSION}"))
            .help("upgrade rungs to read it; the file is left as it is"),
        ),
        Some(version) if *version.get_ref() < 1 => Some(
            Diagnostic::new(version.span(), "format versions start at 1")
                .help(format!("this rungs writes format version {FORMAT_VERSION}")),
        ),
        Some(_) => None,
    }
}

/// Parses the file of `month`. With `person`, the file must be that
/// person's (without regard to case): two names can share a folder name.
pub fn parse(
    source: &SourceFile,
    month: Month,
    person: Option<&str>,
) -> Result<MonthFile, Vec<Diagnostic>> {
    // The version alone is read again only when the whole does not fit,
    // or is newer: parsing twice would double the cost of every read.
    let probe = || {
        toml::from_str::<Probe>(&source.text)
            .ok()
            .and_then(|p| version_problem(p.format_version))
    };
    if let Some(conflict) = crate::diagnostic::merge_conflict(source) {
        return Err(vec![conflict]);
    }
    let raw = match toml::from_str::<RawFile>(&source.text) {
        Ok(raw) => raw,
        Err(error) => {
            return Err(vec![
                probe().unwrap_or_else(|| Diagnostic::from_toml(&error, source)),
            ]);
        }
    };
    if let Some(problem) = version_problem(Some(raw.format_version.clone())) {
        return Err(vec![problem]);
    }
    let mut problems = Vec::new();
    let owner = raw.person.get_ref().trim();
    if owner.is_empty() {
        problems.push(
            Diagnostic::new(raw.person.span(), "`person` is empty")
                .help("write the name of the person whose journal this is"),
        );
    } else if let Some(person) = person
        && !owner.eq_ignore_ascii_case(person.trim())
    {
        problems.push(
            Diagnostic::new(
                raw.person.span(),
                format!("this journal file is {owner}'s, not {person}'s"),
            )
            .label("the file says whose it is")
            .help("two names share this folder: move the file to the right person's folder"),
        );
    }
    let mut seen: BTreeMap<String, Range<usize>> = BTreeMap::new();
    let mut entries = Vec::new();
    for raw_entry in raw.entry {
        let table_span = raw_entry.span();
        if let Some(entry) = check_entry(raw_entry.into_inner(), month, &mut problems) {
            if let Some(first) = seen.get(&entry.id) {
                let (line, _) = source.line_col(first.start);
                problems.push(
                    Diagnostic::new(
                        table_span.clone(),
                        format!("entry id `{}` is used twice", entry.id),
                    )
                    .label(format!("the first is on line {line}"))
                    .help("give one of them the next free number of its day, or remove it"),
                );
                continue;
            }
            seen.insert(entry.id.clone(), table_span);
            entries.push(entry);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    super::sort(&mut entries);
    Ok(MonthFile {
        person: owner.to_string(),
        month,
        entries,
    })
}

/// Journal entries sent after an exported assessment, under `[[journal]]`
/// (see [`super::carried`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCarried {
    #[serde(default)]
    journal: Vec<Spanned<RawEntry>>,
}

/// Parses the `[[journal]]` tables of an exported assessment file: each
/// entry checked as in a month file, its month the one its id names.
pub fn parse_carried(source: &SourceFile) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    let raw = toml::from_str::<RawCarried>(&source.text)
        .map_err(|error| vec![Diagnostic::from_toml(&error, source)])?;
    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, Range<usize>> = BTreeMap::new();
    let mut entries = Vec::new();
    for raw_entry in raw.journal {
        let span = raw_entry.span();
        let raw_entry = raw_entry.into_inner();
        let month = EntryId::parse(raw_entry.id.get_ref()).map(|id| id.month());
        let Some(entry) = check_entry_in(raw_entry, month, &mut problems) else {
            continue;
        };
        if seen.insert(entry.id.clone(), span.clone()).is_some() {
            problems.push(Diagnostic::new(
                span,
                format!("entry id `{}` is used twice", entry.id),
            ));
            continue;
        }
        entries.push(entry);
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

#[derive(Serialize)]
struct OutCarried<'a> {
    journal: Vec<OutEntry<'a>>,
}

/// `[[journal]]` tables for entries sent with an exported assessment.
pub fn carried_to_toml(entries: &[Entry]) -> Result<String, std::io::Error> {
    let out = OutCarried {
        journal: entries.iter().map(out_entry).collect(),
    };
    toml::to_string(&out).map_err(std::io::Error::other)
}

fn check_entry(raw: RawEntry, month: Month, problems: &mut Vec<Diagnostic>) -> Option<Entry> {
    check_entry_in(raw, Some(month), problems)
}

/// An entry checked against the month that holds it; with none (its id
/// unreadable), the id's problem is the one reported.
fn check_entry_in(
    raw: RawEntry,
    month: Option<Month>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Entry> {
    let before = problems.len();
    let id = EntryId::parse(raw.id.get_ref());
    let month = month.or(id.map(|id| id.month()));
    match id {
        None => problems.push(
            Diagnostic::new(
                raw.id.span(),
                format!("`{}` is not an entry id", raw.id.get_ref()),
            )
            .label("expected the entry's date and a number: 2026-11-25-1"),
        ),
        Some(id) if Some(id.month()) != month => problems.push(
            Diagnostic::new(
                raw.id.span(),
                format!("entry `{id}` belongs in {}", id.month().file_name()),
            )
            .label(format!(
                "this file holds {}",
                month.map(|m| m.to_string()).unwrap_or_default()
            ))
            .help("an entry's id names the month file that holds it: move the entry there"),
        ),
        Some(_) => {}
    }
    let date = super::parse_date(raw.date.get_ref().trim());
    match date {
        None => problems.push(
            Diagnostic::new(
                raw.date.span(),
                format!("`{}` is not a date", raw.date.get_ref()),
            )
            .label("expected YYYY-MM-DD"),
        ),
        Some(date) if month.is_some_and(|month| !month.contains(date)) => problems.push(
            Diagnostic::new(
                raw.date.span(),
                format!(
                    "{date} is not in {}",
                    month.map(|m| m.to_string()).unwrap_or_default()
                ),
            )
            .label(format!(
                "this file holds {}",
                month.map(|m| m.to_string()).unwrap_or_default()
            ))
            .help("to move an entry to another month: `rungs log --edit ID --date DATE`"),
        ),
        Some(_) => {}
    }
    let text = raw.text.get_ref().trim();
    if text.is_empty() {
        problems.push(Diagnostic::new(
            raw.text.span(),
            "the entry's `text` is empty",
        ));
    }
    let mut strings = |values: Vec<Spanned<String>>, what: &str| -> Vec<String> {
        values
            .into_iter()
            .filter_map(|value| {
                let trimmed = value.get_ref().trim();
                if trimmed.is_empty() {
                    problems.push(Diagnostic::new(value.span(), format!("empty {what}")));
                    None
                } else {
                    Some(trimmed.to_string())
                }
            })
            .collect()
    };
    let links = strings(raw.links, "link");
    let tags = strings(raw.tags, "id in `for`");
    let recorded = chrono::DateTime::parse_from_rfc3339(raw.recorded.get_ref().trim()).ok();
    if recorded.is_none() {
        problems.push(
            Diagnostic::new(
                raw.recorded.span(),
                format!("`{}` is not an RFC 3339 time", raw.recorded.get_ref()),
            )
            .label("expected a time like 2026-11-25T17:02:11+01:00"),
        );
    }
    if problems.len() > before {
        return None;
    }
    Some(Entry {
        id: id?.to_string(),
        date: date?,
        text: text.to_string(),
        links,
        tags,
        recorded: recorded?,
        imported: false,
    })
}

#[derive(Serialize)]
struct OutFile<'a> {
    format_version: i64,
    person: &'a str,
    entry: Vec<OutEntry<'a>>,
}

#[derive(Serialize)]
struct OutEntry<'a> {
    id: &'a str,
    date: String,
    text: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    links: &'a [String],
    #[serde(rename = "for", skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    recorded: String,
}

fn out_entry(entry: &Entry) -> OutEntry<'_> {
    OutEntry {
        id: &entry.id,
        date: entry.date.format("%Y-%m-%d").to_string(),
        text: &entry.text,
        links: &entry.links,
        tags: &entry.tags,
        recorded: entry
            .recorded
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false),
    }
}

/// The file text: the header, then one `[[entry]]` table per entry, oldest
/// first.
pub fn to_toml(file: &MonthFile) -> Result<String, std::io::Error> {
    let mut entries: Vec<&Entry> = file.entries.iter().collect();
    entries.sort_by_cached_key(|e| e.sort_key());
    let out = OutFile {
        format_version: FORMAT_VERSION,
        person: &file.person,
        entry: entries.into_iter().map(out_entry).collect(),
    };
    toml::to_string(&out).map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Origin;

    fn november() -> Month {
        Month {
            year: 2026,
            month: 11,
        }
    }

    fn entry(id: &str, date: &str, text: &str) -> Entry {
        Entry {
            id: id.into(),
            date: date.parse().expect("date"),
            text: text.into(),
            links: vec!["https://example.com/pr/1".into()],
            tags: vec!["spe.delivery.1".into(), "collaboration".into()],
            recorded: "2026-11-25T17:02:11+01:00".parse().expect("time"),
            imported: false,
        }
    }

    fn source(text: &str) -> SourceFile {
        SourceFile::new(Origin::File("2026-11.toml".into()), text)
    }

    fn problems(text: &str) -> Vec<(usize, usize, String)> {
        let source = source(text);
        parse(&source, november(), Some("Ada"))
            .expect_err("refused")
            .into_iter()
            .map(|d| {
                let (line, column) = source.line_col(d.span.start);
                (line, column, d.message)
            })
            .collect()
    }

    #[test]
    fn a_file_round_trips_with_quotes_newlines_and_control_characters() {
        let file = MonthFile {
            person: "Ada".into(),
            month: november(),
            entries: vec![
                entry(
                    "2026-11-02-1",
                    "2026-11-02",
                    "Said \"no\" to a\nsecond line",
                ),
                entry(
                    "2026-11-25-1",
                    "2026-11-25",
                    "bell \u{7} and escape \u{1b}[31m",
                ),
            ],
        };
        let text = to_toml(&file).expect("toml");
        assert!(
            text.starts_with("format_version = 1\nperson = \"Ada\"\n"),
            "{text}"
        );
        assert!(
            text.contains("[[entry]]\nid = \"2026-11-02-1\"\ndate = \"2026-11-02\"\n"),
            "{text}"
        );
        assert!(
            text.contains("for = [\"spe.delivery.1\", \"collaboration\"]"),
            "{text}"
        );
        assert_eq!(parse(&source(&text), november(), Some("ada")), Ok(file));
    }

    #[test]
    fn empty_links_and_tags_are_left_out() {
        let mut plain = entry("2026-11-25-1", "2026-11-25", "Plain");
        plain.links.clear();
        plain.tags.clear();
        let file = MonthFile {
            person: "Ada".into(),
            month: november(),
            entries: vec![plain],
        };
        let text = to_toml(&file).expect("toml");
        assert!(
            !text.contains("links =") && !text.contains("for ="),
            "{text}"
        );
        assert_eq!(parse(&source(&text), november(), None), Ok(file));
    }

    const HEADER: &str = "format_version = 1\nperson = \"Ada\"\n";

    #[test]
    fn every_problem_is_reported_with_its_line_and_column() {
        let text = format!(
            "{HEADER}\n[[entry]]\nid = \"2026-12-01-1\"\ndate = \"2026-10-31\"\ntext = \" \"\nrecorded = \"yesterday\"\n"
        );
        let found = problems(&text);
        assert_eq!(
            found,
            vec![
                (
                    5,
                    6,
                    "entry `2026-12-01-1` belongs in 2026-12.toml".to_string()
                ),
                (6, 8, "2026-10-31 is not in 2026-11".to_string()),
                (7, 8, "the entry's `text` is empty".to_string()),
                (8, 12, "`yesterday` is not an RFC 3339 time".to_string()),
            ]
        );
    }

    #[test]
    fn syntax_errors_unknown_fields_and_duplicates_are_located() {
        assert_eq!(problems(&format!("{HEADER}[[entry]\n"))[0].0, 3);
        let unknown = format!(
            "{HEADER}[[entry]]\nid = \"2026-11-01-1\"\ndate = \"2026-11-01\"\ntext = \"x\"\ntags = []\nrecorded = \"2026-11-01T10:00:00Z\"\n"
        );
        let found = problems(&unknown);
        assert_eq!((found[0].0, found[0].1), (7, 1), "{found:?}");
        assert!(found[0].2.starts_with("unknown field `tags`"), "{found:?}");
        let one = "[[entry]]\nid = \"2026-11-01-1\"\ndate = \"2026-11-01\"\ntext = \"x\"\nrecorded = \"2026-11-01T10:00:00Z\"\n";
        let found = problems(&format!("{HEADER}{one}{one}"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].0, found[0].2.as_str()),
            (8, "entry id `2026-11-01-1` is used twice")
        );
    }

    #[test]
    fn a_newer_format_and_another_person_are_refused() {
        let found = problems("format_version = 2\nperson = \"Ada\"\n[[entry]]\nnew_field = 1\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].0, found[0].1), (1, 18));
        assert!(found[0].2.contains("format version 2"), "{found:?}");
        let found = problems("format_version = 1\nperson = \"Bob\"\n");
        assert_eq!((found[0].0, found[0].1), (2, 10));
        assert!(found[0].2.contains("Bob's, not Ada's"), "{found:?}");
        assert!(
            problems("person = \"Ada\"\n")[0]
                .2
                .contains("missing `format_version`")
        );
    }
}

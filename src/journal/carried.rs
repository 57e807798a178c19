//! Journal entries that travel with an exported assessment: `rungs export
//! ID --format toml --journal tagged|all` writes them after the assessment
//! as `[[journal]]` tables, and `rungs import` records them as that
//! person's entries, apart from the receiver's own journal (see
//! [`super::store::Journal::imported`]).

use super::Entry;
use super::tags::Vocabulary;
use crate::assessment::Assessment;
use crate::diagnostic::SourceFile;
use crate::framework::Framework;

/// Which of the person's entries go with an exported assessment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Choice {
    /// None: the journal stays here.
    #[default]
    None,
    /// Those tagged to the assessment's statements (directly, or through
    /// their category or section).
    Tagged,
    /// Every entry of the person.
    All,
}

/// The table header that starts the carried entries.
const HEADER: &str = "[[journal]]";

/// The entries of `entries` that `choice` sends with `assessment`.
pub fn choose(
    entries: Vec<Entry>,
    assessment: &Assessment,
    framework: &Framework,
    choice: Choice,
) -> Vec<Entry> {
    match choice {
        Choice::None => Vec::new(),
        Choice::All => entries,
        Choice::Tagged => {
            let vocabulary = Vocabulary::new(framework);
            let walk: std::collections::HashSet<&str> = assessment
                .walk(framework)
                .iter()
                .map(|item| item.statement.id.as_str())
                .collect();
            entries
                .into_iter()
                .filter(|entry| {
                    entry
                        .tags
                        .iter()
                        .any(|tag| vocabulary.covers(tag).iter().any(|id| walk.contains(id)))
                })
                .collect()
        }
    }
}

/// The exported file: the assessment's text, then the entries.
pub fn append(assessment_text: &str, entries: &[Entry]) -> Result<String, std::io::Error> {
    let mut text = assessment_text.to_string();
    if entries.is_empty() {
        return Ok(text);
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(
        "\n# Journal entries sent with this assessment: `rungs import` records them\n\
         # as the person's, apart from the receiver's own journal.\n",
    );
    text.push_str(&super::file::carried_to_toml(entries)?);
    Ok(text)
}

/// An exported file split into the assessment and the entries carried
/// after it (the entries' part padded with blank lines, so problems keep
/// the file's line numbers). The split is at the first `[[journal]]` line
/// before which the text is whole TOML: one inside a string of evidence
/// is not it.
pub fn split(source: &SourceFile) -> (SourceFile, Option<SourceFile>) {
    let text = &source.text;
    let mut tried = 0;
    let mut at = 0;
    while let Some(found) = text[at..].find(HEADER) {
        let start = at + found;
        at = start + HEADER.len();
        let line_start = start == 0 || text.as_bytes()[start - 1] == b'\n';
        let line_end = text[at..].starts_with('\n') || text[at..].starts_with("\r\n");
        if !line_start || !line_end {
            continue;
        }
        tried += 1;
        // A few tries at most: a file built to hold many such lines in
        // strings is refused as it stands rather than parsed again and
        // again.
        if tried > 8 {
            break;
        }
        let before = &text[..start];
        if toml::from_str::<toml::Table>(before).is_ok() {
            let padding = "\n".repeat(before.matches('\n').count());
            return (
                SourceFile::new(source.origin.clone(), before),
                Some(SourceFile::new(
                    source.origin.clone(),
                    format!("{padding}{}", &text[start..]),
                )),
            );
        }
    }
    (source.clone(), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Origin;

    fn entry(id: &str, text: &str, tags: &[&str]) -> Entry {
        Entry {
            id: id.into(),
            date: id[..10].parse().expect("date"),
            text: text.into(),
            links: vec!["https://adr.example/12".into()],
            tags: tags.iter().map(|t| t.to_string()).collect(),
            recorded: "2026-10-21T17:00:00+01:00".parse().expect("time"),
            imported: false,
        }
    }

    #[test]
    fn carried_entries_round_trip_after_the_assessment() {
        let assessment = crate::testing::assessment(&[(
            "e1.craft.1",
            Some(4),
            Some("a line\n[[journal]]\nin evidence"),
        )]);
        let stored = assessment.to_toml().expect("toml");
        let entries = vec![
            entry(
                "2026-10-21-1",
                "Wrote ADR-12\nover two lines",
                &["e1.craft.1"],
            ),
            entry("2026-11-02-1", "Paired", &["craft"]),
        ];
        let text = append(&stored, &entries).expect("append");
        let source = SourceFile::new(Origin::File("for-grace.toml".into()), text);
        let (assessment_part, carried) = split(&source);
        // The assessment as stored, then the comment that introduces the
        // entries; the `[[journal]]` line inside the evidence is not where
        // it splits.
        assert!(assessment_part.text.starts_with(&stored));
        assert!(
            assessment_part.text[stored.len()..]
                .lines()
                .all(|l| l.is_empty() || l.starts_with('#'))
        );
        let carried = carried.expect("entries");
        assert_eq!(
            super::super::file::parse_carried(&carried).expect("parsed"),
            entries
        );
        // Nothing carried: the file as it was.
        let (whole, none) = split(&SourceFile::new(Origin::File("x".into()), stored.clone()));
        assert_eq!(whole.text, stored);
        assert!(none.is_none());
    }

    #[test]
    fn tagged_keeps_entries_for_the_assessments_statements_only() {
        let framework = crate::testing::acme();
        let assessment = crate::testing::assessment(&[]);
        let entries = vec![
            entry("2026-10-21-1", "direct", &["e1.craft.1"]),
            entry("2026-10-22-1", "category", &["impact"]),
            entry("2026-10-23-1", "untagged", &[]),
            entry("2026-10-24-1", "elsewhere", &["unknown.1"]),
        ];
        let texts = |choice| {
            choose(entries.clone(), &assessment, &framework, choice)
                .into_iter()
                .map(|e| e.text)
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(Choice::Tagged), ["direct", "category"]);
        assert_eq!(texts(Choice::All).len(), 4);
        assert!(texts(Choice::None).is_empty());
    }
}

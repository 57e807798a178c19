//! Journal entries as evidence for the walk and the reports: which entries
//! are tagged to each statement (directly, or through its category or
//! section), and which untagged entries look like evidence for one.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::Entry;
use super::rank::{Index, SUGGESTIONS};
use super::store::{Journal, Span};
use super::tags::Vocabulary;
use crate::error::Error;
use crate::framework::{Framework, Statement};

/// A BM25 score below this is a shared word or two, not a match worth
/// offering as evidence.
pub const MATCH_SCORE: f64 = 2.5;

/// A person's entries since a date, by the statements they are tagged to.
#[derive(Debug, Clone, Default)]
pub struct Tagged {
    /// Newest first.
    entries: Vec<Entry>,
    /// Statement id: indices into `entries`, newest first.
    by_statement: HashMap<String, Vec<usize>>,
}

impl Tagged {
    /// Groups `entries` dated `since` or later by the statements of
    /// `framework` their tags cover. Tags the framework does not know are
    /// ignored here (they stay in the files).
    pub fn new(framework: &Framework, entries: Vec<Entry>, since: Option<NaiveDate>) -> Tagged {
        let vocabulary = Vocabulary::new(framework);
        let mut entries: Vec<Entry> = entries
            .into_iter()
            .filter(|e| since.is_none_or(|since| e.date >= since))
            .collect();
        super::sort(&mut entries);
        entries.reverse();
        let mut by_statement: HashMap<String, Vec<usize>> = HashMap::new();
        let mut covered: HashMap<String, Vec<&str>> = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            let mut ids: Vec<&str> = Vec::new();
            for tag in &entry.tags {
                let ids_of_tag = covered
                    .entry(tag.to_lowercase())
                    .or_insert_with(|| vocabulary.covers(tag).into_iter().collect());
                ids.extend(ids_of_tag.iter().copied());
            }
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                by_statement.entry(id.to_string()).or_default().push(index);
            }
        }
        Tagged {
            entries,
            by_statement,
        }
    }

    /// Every entry considered, newest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entries tagged to a statement, newest first.
    pub fn of(&self, statement_id: &str) -> Vec<&Entry> {
        self.by_statement
            .get(statement_id)
            .map(|indices| indices.iter().map(|&i| &self.entries[i]).collect())
            .unwrap_or_default()
    }

    pub fn count(&self, statement_id: &str) -> usize {
        self.by_statement.get(statement_id).map_or(0, Vec::len)
    }

    /// The newest entry tagged to a statement: its first line is what the
    /// walk shows.
    pub fn newest(&self, statement_id: &str) -> Option<&Entry> {
        self.by_statement
            .get(statement_id)
            .and_then(|indices| indices.first())
            .map(|&i| &self.entries[i])
    }

    /// Entries with no tag at all, newest first.
    pub fn untagged(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.tags.is_empty())
    }
}

/// A person's journal entries dated `since` or later, by statement of
/// `framework`: what the walk shows on each statement (count and newest)
/// and what the reports list as evidence.
pub fn tagged(
    journal: &Journal,
    person: &str,
    framework: &Framework,
    since: Option<NaiveDate>,
) -> Result<Tagged, Error> {
    let span = Span { since, until: None };
    let mut entries = journal.entries(person, span)?;
    // Entries sent with an imported assessment count too, shown as
    // imported; one the person's own journal already holds, once.
    let imported = journal.imported_shelf().entries(person, span)?;
    for entry in imported {
        let known = entries.iter().any(|own| {
            own.date == entry.date && own.recorded == entry.recorded && own.text == entry.text
        });
        if !known {
            entries.push(entry);
        }
    }
    Ok(Tagged::new(framework, entries, since))
}

/// Untagged entries that look like evidence for statements of `scope`: an
/// entry matches a statement when the statement is among the few
/// `rungs log` would have suggested for it, scoring at least
/// [`MATCH_SCORE`]. Keyed by statement id; entries newest first.
pub fn untagged_matches<'e>(
    entries: impl IntoIterator<Item = &'e Entry>,
    scope: &[&Statement],
) -> BTreeMap<String, Vec<&'e Entry>> {
    let index = Index::new(scope.iter().copied());
    let mut untagged: Vec<&Entry> = entries.into_iter().filter(|e| e.tags.is_empty()).collect();
    untagged.sort_by_cached_key(|e| std::cmp::Reverse(e.sort_key()));
    let mut matches: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
    for entry in untagged {
        for hit in index.top(&entry.text, SUGGESTIONS) {
            if hit.score >= MATCH_SCORE {
                matches
                    .entry(hit.statement.id.clone())
                    .or_default()
                    .push(entry);
            }
        }
    }
    matches
}

/// The untagged entries that look like evidence for one statement, among
/// the statements of `scope` (which should include it), newest first.
pub fn untagged_for<'e>(
    entries: impl IntoIterator<Item = &'e Entry>,
    statement: &Statement,
    scope: &[&Statement],
) -> Vec<&'e Entry> {
    untagged_matches(entries, scope)
        .remove(&statement.id)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::rank::scope;
    use crate::testing::acme;

    fn entry(id: &str, text: &str, tags: &[&str]) -> Entry {
        Entry {
            id: id.into(),
            date: id[..10].parse().expect("date"),
            text: text.into(),
            links: Vec::new(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            recorded: "2026-11-25T17:00:00+01:00".parse().expect("time"),
            imported: false,
        }
    }

    #[test]
    fn entries_count_for_statements_directly_and_through_categories_and_sections() {
        let framework = acme();
        let entries = vec![
            entry("2026-09-01-1", "too old", &["e1.craft.1"]),
            entry("2026-10-01-1", "direct", &["e1.craft.1"]),
            entry("2026-10-15-1", "whole category", &["Craft"]),
            entry("2026-10-20-1", "whole section", &["competencies"]),
            entry("2026-10-21-1", "twice over", &["e1.craft.1", "craft"]),
            entry("2026-10-22-1", "unknown tag", &["retired.1"]),
            entry("2026-10-23-1", "untagged", &[]),
        ];
        let since = "2026-10-01".parse().ok();
        let tagged = Tagged::new(&framework, entries, since);
        let texts = |id: &str| -> Vec<String> {
            tagged.of(id).into_iter().map(|e| e.text.clone()).collect()
        };
        assert_eq!(
            texts("e1.craft.1"),
            ["twice over", "whole section", "whole category", "direct"]
        );
        assert_eq!(
            texts("e2.craft.2"),
            ["twice over", "whole section", "whole category"]
        );
        assert_eq!(texts("e2.impact.1"), ["whole section"]);
        assert_eq!(tagged.count("e1.craft.1"), 4);
        assert_eq!(tagged.count("nope"), 0);
        assert_eq!(
            tagged.newest("e1.craft.1").map(|e| e.id.as_str()),
            Some("2026-10-21-1")
        );
        assert_eq!(tagged.entries().len(), 6);
        assert_eq!(
            tagged
                .untagged()
                .map(|e| e.text.as_str())
                .collect::<Vec<_>>(),
            ["untagged"]
        );
    }

    #[test]
    fn untagged_entries_are_offered_for_the_statements_they_match() {
        let framework = acme();
        let statements = scope(&framework, &[]);
        let entries = [
            entry(
                "2026-10-01-1",
                "Wrote runbook steps for every page of the billing alerts",
                &[],
            ),
            entry(
                "2026-10-02-1",
                "Added runbook links to the alerts of the search service",
                &[],
            ),
            entry(
                "2026-10-03-1",
                "Runbook for every alert, already tagged",
                &["e2.craft.2"],
            ),
            entry("2026-10-04-1", "Lunch with the team", &[]),
        ];
        let matches = untagged_matches(&entries, &statements);
        let ids: Vec<&str> = matches["e2.craft.2"]
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(ids, ["2026-10-02-1", "2026-10-01-1"]);
        assert!(matches.values().flatten().all(|e| e.tags.is_empty()));
        assert!(
            !matches
                .values()
                .flatten()
                .any(|e| e.text.starts_with("Lunch"))
        );
        let e2_craft_2 = statements
            .iter()
            .find(|s| s.id == "e2.craft.2")
            .expect("statement");
        assert_eq!(untagged_for(&entries, e2_craft_2, &statements).len(), 2);
    }
}

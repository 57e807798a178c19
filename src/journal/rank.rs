//! Which statements a line of evidence most likely proves: Okapi BM25 over
//! each statement's text and examples, offline.
//!
//! Written here rather than taken from a crate: the whole ranking is a few
//! dozen lines, the corpus is at most a few hundred short statements built
//! afresh per run, and owning the tokeniser lets it drop stop words and
//! fold simple English endings ("reviewed", "reviews" and "review" meet)
//! the same way for statements and entries.

use std::collections::HashMap;

use crate::framework::{Archetype, Framework, Statement};

/// BM25's usual constants: how fast repeated terms saturate, and how much
/// a long statement's score is scaled down.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Words too common to say anything about which statement is meant;
/// sorted, for a binary search.
const STOP_WORDS: &[&str] = &[
    "a", "about", "across", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "between", "both", "but", "by", "can", "did", "do", "does", "each", "every",
    "first", "for", "from", "get", "got", "had", "has", "have", "how", "i", "if", "in", "into",
    "is", "it", "its", "just", "made", "make", "makes", "me", "more", "most", "my", "new", "no",
    "not", "of", "on", "one", "only", "or", "other", "our", "out", "over", "own", "same",
    "several", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "up", "us", "very", "was", "we", "well",
    "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "within",
    "without", "you", "your",
];

/// Lower-case words of letters and digits, without stop words, each with
/// its ending folded. A hyphenated word counts as its parts and as one
/// word, so "right-sizing" meets both "rightsizing" and "sizing".
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for compound in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let parts: Vec<&str> = compound.split('-').filter(|p| !p.is_empty()).collect();
        out.extend(parts.iter().filter_map(|part| term(part)));
        if parts.len() > 1 {
            out.extend(term(&parts.concat()));
        }
    }
    out
}

fn term(word: &str) -> Option<String> {
    let word = word.to_lowercase();
    (word.chars().count() > 1 && STOP_WORDS.binary_search(&word.as_str()).is_err())
        .then(|| stem(&word))
}

/// Words people write in entries that statements put another way: a
/// query with the first also looks for the second. Kept short, and about
/// evidence, not about any one framework.
const RELATED: &[(&str, &str)] = &[
    ("adr", "architecture decision"),
    ("bill", "cost"),
    ("ci", "pipeline"),
    ("k8s", "kubernetes"),
    ("coach", "mentor"),
    ("mentee", "mentor"),
    ("mentor", "mentee coach grow"),
    ("onboard", "mentor"),
    ("oncall", "incident"),
    ("outage", "incident"),
    ("postmortem", "incident review"),
    ("pr", "pull request review"),
    ("retro", "retrospective"),
    ("rfc", "proposal design"),
    ("spend", "cost"),
    ("talk", "present"),
];

/// The terms of a query with their weights: its own words and those
/// [`RELATED`] adds count whole; the parts of a compound ("cross-team":
/// "cross", "team", "crossteam") count half, so that one compound does
/// not outweigh the entry's other words
/// ("Mentored Ben through his first cross-team RFC" found no mentoring
/// statement, issue 28). Each term once, at its highest weight, in order.
fn query_terms(text: &str) -> Vec<(String, f64)> {
    let mut weighted: Vec<(String, f64)> = Vec::new();
    let mut add = |term: String, weight: f64| match weighted.iter_mut().find(|(t, _)| *t == term) {
        Some((_, w)) => *w = w.max(weight),
        None => weighted.push((term, weight)),
    };
    let mut own = Vec::new();
    for compound in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let parts: Vec<&str> = compound.split('-').filter(|p| !p.is_empty()).collect();
        let weight = if parts.len() > 1 { 0.5 } else { 1.0 };
        for part in parts.iter().filter_map(|part| term(part)) {
            own.push(part.clone());
            add(part, weight);
        }
        if parts.len() > 1
            && let Some(joined) = term(&parts.concat())
        {
            add(joined, 0.5);
        }
    }
    for (word, related) in RELATED {
        if term(word).is_some_and(|word| own.contains(&word)) {
            for related in tokens(related) {
                add(related, 1.0);
            }
        }
    }
    weighted
}

/// Folds common English endings, at most two, keeping a stem of three
/// letters or more: "migrated", "migration" and "migrate" become "migr".
/// Crude, but applied alike to both sides of the comparison.
fn stem(word: &str) -> String {
    const ENDINGS: &[&str] = &[
        "ations", "ation", "ments", "ment", "ating", "ated", "ates", "ate", "ings", "ing", "ions",
        "ion", "ers", "er", "ies", "ied", "es", "ed", "ly", "s", "e",
    ];
    let mut word = word.to_string();
    for _ in 0..2 {
        let Some(ending) = ENDINGS
            .iter()
            .find(|ending| word.ends_with(*ending) && word.chars().count() >= ending.len() + 3)
        else {
            break;
        };
        word.truncate(word.len() - ending.len());
    }
    word
}

/// One statement, as terms.
#[derive(Debug)]
struct Document<'a> {
    statement: &'a Statement,
    counts: HashMap<String, u32>,
    length: usize,
}

/// Statements ready to be ranked against any number of texts.
#[derive(Debug)]
pub struct Index<'a> {
    documents: Vec<Document<'a>>,
    /// How many statements each term occurs in.
    frequency: HashMap<String, usize>,
    average_length: f64,
}

/// A statement and how well it matches.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    pub statement: &'a Statement,
    pub score: f64,
}

impl<'a> Index<'a> {
    /// Indexes each statement's text and examples.
    pub fn new(statements: impl IntoIterator<Item = &'a Statement>) -> Index<'a> {
        let mut frequency: HashMap<String, usize> = HashMap::new();
        let documents: Vec<Document<'a>> = statements
            .into_iter()
            .map(|statement| {
                let mut counts: HashMap<String, u32> = HashMap::new();
                let mut length = 0;
                let texts = std::iter::once(&statement.text).chain(&statement.examples);
                for term in texts.flat_map(|text| tokens(text)) {
                    *counts.entry(term).or_default() += 1;
                    length += 1;
                }
                for term in counts.keys() {
                    *frequency.entry(term.clone()).or_default() += 1;
                }
                Document {
                    statement,
                    counts,
                    length,
                }
            })
            .collect();
        let total: usize = documents.iter().map(|d| d.length).sum();
        let average_length = total as f64 / documents.len().max(1) as f64;
        Index {
            documents,
            frequency,
            average_length: average_length.max(1.0),
        }
    }

    pub fn len(&self) -> usize {
        self.documents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// Every statement sharing a term with `text`, best first (ties in the
    /// order the statements were given), scored by BM25.
    pub fn rank(&self, text: &str) -> Vec<Hit<'a>> {
        let query = query_terms(text);
        let n = self.documents.len() as f64;
        let weights: Vec<(&str, f64)> = query
            .iter()
            .filter_map(|(term, weight)| {
                let df = *self.frequency.get(term)? as f64;
                Some((
                    term.as_str(),
                    weight * ((n - df + 0.5) / (df + 0.5) + 1.0).ln(),
                ))
            })
            .collect();
        let mut hits: Vec<Hit<'a>> = self
            .documents
            .iter()
            .filter_map(|document| {
                let norm = K1 * (1.0 - B + B * document.length as f64 / self.average_length);
                let score: f64 = weights
                    .iter()
                    .filter_map(|(term, idf)| {
                        let tf = f64::from(*document.counts.get(*term)?);
                        Some(idf * tf * (K1 + 1.0) / (tf + norm))
                    })
                    .sum();
                (score > 0.0).then_some(Hit {
                    statement: document.statement,
                    score,
                })
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits
    }

    /// The `limit` best statements for `text`.
    pub fn top(&self, text: &str, limit: usize) -> Vec<Hit<'a>> {
        let mut hits = self.rank(text);
        hits.truncate(limit);
        hits
    }
}

/// The statements suggestions are drawn from: those of the current role
/// and the next, or of every role when neither is known.
pub fn scope<'a>(framework: &'a Framework, roles: &[&'a Archetype]) -> Vec<&'a Statement> {
    let archetypes: Vec<&Archetype> = if roles.is_empty() {
        framework.archetypes.iter().collect()
    } else {
        roles.to_vec()
    };
    archetypes
        .into_iter()
        .flat_map(|a| a.statements().map(|(_, s)| s))
        .collect()
}

/// How many suggestions `rungs log` offers.
pub const SUGGESTIONS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn stop_words_are_sorted_for_the_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn tokens_drop_stop_words_and_fold_endings() {
        assert_eq!(
            tokens("Reviewed the migration of 40 services, and migrated X!"),
            ["review", "migr", "40", "servic", "migr"]
        );
        assert_eq!(stem("management"), stem("managed"));
        assert_eq!(stem("postmortems"), stem("postmortem"));
        assert_eq!(stem("alerting"), stem("alerts"));
        assert_eq!(stem("documentation"), stem("documents"));
        assert_eq!(stem("use"), "use");
        assert_eq!(
            tokens("on-call right-sizing"),
            ["call", "oncall", "right", "siz", "rightsiz"]
        );
    }

    #[test]
    fn related_words_widen_a_query() {
        let terms: Vec<String> = query_terms("Ran the postmortem of the DNS outage")
            .into_iter()
            .map(|(term, _)| term)
            .collect();
        assert!(terms.contains(&"incident".to_string()), "{terms:?}");
        assert!(terms.contains(&"review".to_string()), "{terms:?}");
        let plain: Vec<(String, f64)> = tokens("Wrote tests")
            .into_iter()
            .map(|term| (term, 1.0))
            .collect();
        assert_eq!(query_terms("Wrote tests"), plain);
        // A compound's parts count half.
        let weighted = query_terms("first cross-team RFC");
        assert!(
            weighted.contains(&("team".to_string(), 0.5)),
            "{weighted:?}"
        );
        assert!(
            weighted.contains(&("crossteam".to_string(), 0.5)),
            "{weighted:?}"
        );
        assert!(weighted.contains(&("rfc".to_string(), 1.0)), "{weighted:?}");
    }

    #[test]
    fn nothing_matches_nothing() {
        let statements = [Statement {
            id: "a.1".into(),
            text: "Writes tests.".into(),
            examples: Vec::new(),
            met: 2,
        }];
        let index = Index::new(&statements);
        assert!(index.rank("the and of").is_empty());
        assert!(index.rank("").is_empty());
        assert_eq!(index.top("tests", 3).len(), 1);
        assert!(Index::new(&[]).rank("tests").is_empty());
    }

    /// The built-in ladder, Senior Platform Engineer and the roles above
    /// it: realistic entries rank the obvious statement first.
    #[test]
    fn the_obvious_statement_ranks_first_for_realistic_entries() {
        let catalog = Catalog::load(None, &[]).expect("built-ins");
        let framework = catalog.selected().expect("default");
        let roles: Vec<&Archetype> = ["SPE", "LSE"]
            .iter()
            .map(|code| framework.archetype(code).expect("role"))
            .collect();
        let statements = scope(framework, &roles);
        let index = Index::new(statements.iter().copied());
        let first = |text: &str| {
            let hits = index.top(text, 3);
            assert!(!hits.is_empty(), "nothing for {text:?}");
            let described: Vec<String> = hits
                .iter()
                .map(|h| format!("{} {:.2} {}", h.statement.id, h.score, h.statement.text))
                .collect();
            (hits[0].statement.text.to_lowercase(), described)
        };
        for (entry, expected) in [
            (
                "Wrote the postmortem for the ingress outage and followed up every action item",
                "incident",
            ),
            (
                "Led the postmortem for the ingress outage; every action closed",
                "incident",
            ),
            (
                "Mentoring two junior engineers: agreed a plan with each, and both now own a platform module",
                "mentor",
            ),
            // Issue 28: this one offered no mentoring statement at all.
            ("Mentored Ben through his first cross-team RFC", "mentor"),
            (
                "Wrote an ADR comparing two service mesh options and got it reviewed by the architects",
                "decision",
            ),
            (
                "Cut the monthly cloud bill by 18% by rightsizing node pools",
                "cost",
            ),
        ] {
            let (text, described) = first(entry);
            assert!(
                text.contains(expected),
                "{entry:?} ranked first:\n{}",
                described.join("\n")
            );
        }
    }
}

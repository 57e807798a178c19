//! What `rungs log` did, as data: each result serialises to the command's
//! JSON, and `render::journal` shows it to people.

use chrono::NaiveDate;
use serde::Serialize;

use super::Entry;
use super::git::Draft;

/// A statement an entry may be evidence for.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    pub id: String,
    pub text: String,
    /// BM25 score, for comparing suggestions of one entry.
    pub score: f64,
}

/// What was done to the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    Recorded,
    Changed,
    Removed,
}

/// The result of recording, changing or removing an entry.
#[derive(Debug, Serialize)]
pub struct Done {
    pub person: String,
    pub action: Action,
    pub entry: Entry,
    /// The id an entry had before its date moved it to another month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<String>,
    /// For an entry recorded untagged: statements it may be evidence for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
}

impl Done {
    pub fn new(person: &str, action: Action, entry: Entry) -> Done {
        Done {
            person: person.to_string(),
            action,
            entry,
            moved_from: None,
            suggestions: Vec::new(),
        }
    }
}

/// Entries of a person, as listed.
#[derive(Debug, Serialize)]
pub struct Listing {
    pub person: String,
    /// Oldest first.
    pub entries: Vec<Entry>,
    /// Whether any filter was given (for the message when nothing is listed).
    #[serde(skip)]
    pub filtered: bool,
}

/// Entries proposed from a repository, and those recorded.
#[derive(Debug, Serialize)]
pub struct Drafted {
    pub person: String,
    pub repository: String,
    pub since: NaiveDate,
    /// Commits left out as trivial.
    pub trivial: usize,
    /// Commits left out for a date after tomorrow, as `log --date` would.
    pub future: usize,
    /// Records of git's output that could not be read.
    pub unreadable: usize,
    /// Drafts left out because the journal already has them.
    pub already_recorded: usize,
    /// Drafts left out because they were dropped on an earlier run.
    #[serde(skip_serializing_if = "is_zero")]
    pub dropped_before: usize,
    pub drafts: Vec<Draft>,
    pub recorded: Vec<Entry>,
    /// True when drafts were shown for a person to confirm elsewhere.
    #[serde(skip)]
    pub dry_run: bool,
}

/// What a run of `rungs log` produced.
#[derive(Debug)]
pub enum Outcome {
    Done(Done),
    Listing(Listing),
    Drafted(Drafted),
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

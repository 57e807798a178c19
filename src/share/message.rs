//! The message of a commit rungs makes: a subject naming each person and
//! what changed for them ("Ada: self-assessment SPE -> LSE complete; 3
//! journal entries"), and a body listing each file. Names come from the
//! files and pass the one-line sanitiser: no control character, no line
//! break of their own.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::Repository;
use crate::assessment::{Assessment, Status};
use crate::diagnostic::{FileKind, Origin, SourceFile};
use crate::fsio;
use crate::journal::{Month, file as month_file};
use crate::text::visible_line;

/// A commit message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    /// One line a file: its path in the data directory and what happened.
    pub lines: Vec<String>,
}

impl Message {
    /// The whole message: the subject, a blank line, the body.
    pub fn text(&self) -> String {
        if self.lines.is_empty() {
            return self.subject.clone();
        }
        format!("{}\n\n{}\n", self.subject, self.lines.join("\n"))
    }
}

/// What one changed file says happened, for one person.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fact {
    Assessment(String),
    Journal {
        added: usize,
        edited: usize,
        removed: usize,
    },
    /// A file whose content could not be read: its path.
    Other(String),
}

/// Describes `changed` (paths relative to the repository's top).
pub fn describe(repository: &Repository, changed: &[PathBuf]) -> Message {
    // People in the order first met, each with their facts.
    let mut people: Vec<(String, Vec<Fact>)> = Vec::new();
    let mut lines = Vec::new();
    for path in changed {
        let inside = path.strip_prefix(&repository.prefix).unwrap_or(path);
        let shown = visible_line(&inside.to_string_lossy()).into_owned();
        let (person, fact) = fact(repository, path, inside);
        let line = match &fact {
            Fact::Assessment(what) => what.clone(),
            Fact::Journal {
                added,
                edited,
                removed,
            } => journal_words(*added, *edited, *removed).unwrap_or_else(|| "rewritten".into()),
            Fact::Other(_) => "changed".into(),
        };
        lines.push(format!("{shown}: {line}"));
        let person = visible_line(person.trim()).into_owned();
        match people.iter_mut().find(|(name, _)| *name == person) {
            Some((_, facts)) => facts.push(fact),
            None => people.push((person, vec![fact])),
        }
    }
    let subject = people
        .iter()
        .map(|(person, facts)| {
            let words = summary(facts);
            if person.is_empty() {
                words
            } else {
                format!("{person}: {words}")
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    Message { subject, lines }
}

/// "self-assessment SPE -> LSE complete; 3 journal entries".
fn summary(facts: &[Fact]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let (mut added, mut edited, mut removed) = (0, 0, 0);
    let mut other = BTreeSet::new();
    for fact in facts {
        match fact {
            Fact::Assessment(what) => parts.push(what.clone()),
            Fact::Journal {
                added: a,
                edited: e,
                removed: r,
            } => {
                added += a;
                edited += e;
                removed += r;
            }
            Fact::Other(path) => {
                other.insert(path.clone());
            }
        }
    }
    let journal_touched = facts.iter().any(|f| matches!(f, Fact::Journal { .. }));
    if let Some(words) = journal_words(added, edited, removed) {
        parts.push(words);
    } else if journal_touched {
        parts.push("journal rewritten".into());
    }
    parts.extend(other.into_iter().map(|path| format!("{path} changed")));
    parts.join("; ")
}

/// "3 journal entries", "1 journal entry edited, 1 removed".
fn journal_words(added: usize, edited: usize, removed: usize) -> Option<String> {
    let entries = |n: usize| if n == 1 { "entry" } else { "entries" };
    let mut words = Vec::new();
    if added > 0 {
        words.push(format!("{added} journal {}", entries(added)));
    }
    for (n, what) in [(edited, "edited"), (removed, "removed")] {
        if n > 0 {
            words.push(match words.is_empty() {
                true => format!("{n} journal {} {what}", entries(n)),
                false => format!("{n} {what}"),
            });
        }
    }
    (!words.is_empty()).then(|| words.join(", "))
}

/// Whose file `path` is and what happened to it.
fn fact(repository: &Repository, path: &Path, inside: &Path) -> (String, Fact) {
    let other = || {
        (
            String::new(),
            Fact::Other(inside.to_string_lossy().into_owned()),
        )
    };
    let now = repository.top.join(path);
    let exists = std::fs::symlink_metadata(&now).is_ok();
    let before = || repository.committed(path).map(|b| text(&b, &now));
    match inside.components().next().map(|c| c.as_os_str()) {
        Some(top) if top == "assessments" => {
            let parse = |source: SourceFile| Assessment::parse(&source).ok();
            if !exists {
                let id = inside
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let person = before()
                    .and_then(parse)
                    .map(|a| a.person)
                    .unwrap_or_default();
                let id = visible_line(&id).into_owned();
                return (person, Fact::Assessment(format!("assessment {id} deleted")));
            }
            match fsio::read_source(&now, FileKind::Assessment)
                .ok()
                .and_then(parse)
            {
                Some(assessment) => {
                    let what = assessment_words(&assessment);
                    (assessment.person, Fact::Assessment(what))
                }
                None => other(),
            }
        }
        Some(top) if top == "journal" => {
            let Some(month) = inside
                .file_stem()
                .and_then(|s| Month::parse(&s.to_string_lossy()))
            else {
                return other();
            };
            let read = |source: SourceFile| month_file::parse(&source, month, None).ok();
            let old = before().and_then(read);
            let new = match exists {
                true => match fsio::read_source(&now, FileKind::Journal)
                    .ok()
                    .and_then(read)
                {
                    Some(file) => Some(file),
                    None => return other(),
                },
                false => None,
            };
            let person = new
                .as_ref()
                .or(old.as_ref())
                .map(|f| f.person.clone())
                .unwrap_or_default();
            let entries = |file: &Option<month_file::MonthFile>| {
                file.as_ref().map(|f| f.entries.clone()).unwrap_or_default()
            };
            let (old, new) = (entries(&old), entries(&new));
            let added = new
                .iter()
                .filter(|e| !old.iter().any(|o| o.id == e.id))
                .count();
            let removed = old
                .iter()
                .filter(|o| !new.iter().any(|e| e.id == o.id))
                .count();
            let edited = new
                .iter()
                .filter(|e| old.iter().any(|o| o.id == e.id && o != *e))
                .count();
            (
                person,
                Fact::Journal {
                    added,
                    edited,
                    removed,
                },
            )
        }
        _ => other(),
    }
}

fn text(bytes: &[u8], path: &Path) -> SourceFile {
    SourceFile::new(
        Origin::File(path.to_path_buf()),
        String::from_utf8_lossy(bytes).into_owned(),
    )
}

/// "self-assessment SPE -> LSE complete", "assessment by Grace (manager)
/// SPE -> LSE in progress", "... imported".
fn assessment_words(assessment: &Assessment) -> String {
    let view = match &assessment.assessor {
        Some(assessor) => format!("assessment by {}", visible_line(assessor.trim())),
        None => "self-assessment".to_string(),
    };
    let roles = match &assessment.to {
        Some(to) => format!("{} -> {}", visible_line(&assessment.role), visible_line(to)),
        None => visible_line(&assessment.role).into_owned(),
    };
    let status = match (assessment.completed.is_some(), &assessment.sections) {
        (true, Some(_)) => Status::Partial,
        (completed, _) => Status::stored(completed.then_some(&assessment.updated)),
    };
    let imported = match assessment.imported {
        Some(_) => ", imported",
        None => "",
    };
    format!("{view} {roles} {status}{imported}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_changes_read_as_a_person_would_say_them() {
        assert_eq!(journal_words(3, 0, 0).as_deref(), Some("3 journal entries"));
        assert_eq!(journal_words(1, 0, 0).as_deref(), Some("1 journal entry"));
        assert_eq!(
            journal_words(0, 1, 2).as_deref(),
            Some("1 journal entry edited, 2 removed")
        );
        assert_eq!(journal_words(0, 0, 0), None);
    }

    #[test]
    fn an_assessment_says_whose_view_which_roles_and_how_far() {
        let mut assessment = crate::assessment::tests::sample();
        assessment.person = "Ada".into();
        assessment.assessor = None;
        assessment.role = "SPE".into();
        assessment.to = Some("LSE".into());
        assessment.sections = None;
        assessment.imported = None;
        assessment.completed = Some(assessment.updated);
        assert_eq!(
            assessment_words(&assessment),
            "self-assessment SPE -> LSE complete"
        );
        assessment.assessor = Some("Grace\n(manager)".into());
        assessment.completed = None;
        assert_eq!(
            assessment_words(&assessment),
            "assessment by Grace\\n(manager) SPE -> LSE in progress"
        );
    }

    #[test]
    fn a_subject_names_each_person_once() {
        let facts = [
            Fact::Assessment("self-assessment SPE -> LSE complete".into()),
            Fact::Journal {
                added: 2,
                edited: 0,
                removed: 0,
            },
            Fact::Journal {
                added: 1,
                edited: 0,
                removed: 0,
            },
        ];
        assert_eq!(
            summary(&facts),
            "self-assessment SPE -> LSE complete; 3 journal entries"
        );
    }
}

//! Drafts of journal entries from a local repository's history, offline:
//! `git log` run on the repository, merge commits and trivial ones ("fix
//! typo", "wip", "bump version") left out, the rest grouped by ISO week,
//! one draft a week.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::Error;

/// At most this many commits are read, newest first: years of a busy
/// repository.
const MAX_COMMITS: usize = 20_000;

/// At most this many subjects go into one week's draft.
const MAX_SUBJECTS: usize = 12;

/// One commit as read from `git log`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commit {
    pub hash: String,
    pub email: String,
    /// The author date, in the author's time zone.
    pub date: NaiveDate,
    pub subject: String,
}

/// A proposed entry: a week of one repository's commits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    /// ISO week: `2026-W47`.
    pub week: String,
    /// The day of the week's last commit.
    pub date: NaiveDate,
    pub text: String,
    pub commits: Vec<Commit>,
}

/// What was read from a repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// The repository's folder name.
    pub name: String,
    /// Commits kept, oldest first.
    pub commits: Vec<Commit>,
    /// How many were left out as trivial.
    pub trivial: usize,
    /// How many were left out for a date later than `log` takes (after
    /// tomorrow): a clock set wrong, or a date written by hand.
    pub future: usize,
    /// How many records of git's output could not be read.
    pub unreadable: usize,
}

/// The format asked of `git log`: full hash, author date (ISO 8601),
/// author email and subject, each ended by a NUL, which none of them can
/// hold (`-z` ends each commit with one too). Any other separator could
/// be part of a subject or an address, and split it.
const FORMAT: &str = "--format=%H%x00%aI%x00%ae%x00%s";

/// The most characters of one subject in a draft: a subject line, not a
/// commit message pasted into one.
const MAX_SUBJECT: usize = 200;

/// Reads the non-merge commits of the repository at `path` authored on or
/// after `since`, and no later than `latest` (the latest day `log`
/// takes), by `author` (an email address, any case) when given.
pub fn read(
    path: &Path,
    author: Option<&str>,
    since: NaiveDate,
    latest: NaiveDate,
) -> Result<History, Error> {
    if !path.is_dir() {
        return Err(Error::Usage {
            message: format!("{} is not a folder", path.display()),
            help: "give the path of a local git repository: rungs log --from-git ~/src/project"
                .into(),
        });
    }
    let top = git(path, &["rev-parse", "--show-toplevel"])?;
    let top = String::from_utf8_lossy(&top);
    let name = Path::new(top.trim())
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| top.trim().to_string());
    let max = format!("--max-count={MAX_COMMITS}");
    // No --since for git: it stops at the first commit older than the
    // limit, so a tip with an old date (a rebase, a skewed clock) would
    // hide everything. The author date is checked below instead.
    let out = git(
        path,
        &[
            "log",
            "--no-merges",
            "--no-show-signature",
            // Whatever `i18n.logOutputEncoding` the repository sets.
            "--encoding=UTF-8",
            "-z",
            FORMAT,
            &max,
        ],
    )?;
    Ok(History {
        name,
        ..parse_log(&out, author, since, latest)
    })
}

/// The commits in the output of `git log -z` with [`FORMAT`], as
/// [`read`] keeps them (its `name` left empty). Never fails: a record
/// that cannot be read is counted, and reading goes on at the next
/// record that starts with a hash.
pub fn parse_log(out: &[u8], author: Option<&str>, since: NaiveDate, latest: NaiveDate) -> History {
    let fields: Vec<&[u8]> = out.split(|&b| b == 0).collect();
    let mut history = History {
        name: String::new(),
        commits: Vec::new(),
        trivial: 0,
        future: 0,
        unreadable: 0,
    };
    let mut at = 0;
    // The last field is what follows the last NUL: nothing, in whole output.
    let end = fields.len().saturating_sub(1);
    let mut lost = false;
    while at < end {
        let record = fields.get(at..at + 4).filter(|_| at + 4 <= end);
        let parsed = record.and_then(read_record);
        let Some((hash, date, email, subject)) = parsed else {
            // Not a record: count it once, and look for the next hash.
            if !lost {
                history.unreadable += 1;
                lost = true;
            }
            at += 1;
            continue;
        };
        lost = false;
        at += 4;
        if date < since || author.is_some_and(|a| !a.trim().eq_ignore_ascii_case(&email)) {
            continue;
        }
        if date > latest {
            history.future += 1;
            continue;
        }
        if is_trivial(&subject) {
            history.trivial += 1;
            continue;
        }
        history.commits.push(Commit {
            hash,
            email,
            date,
            subject,
        });
    }
    history.commits.sort_by_key(|c| c.date);
    history
}

/// One record: a full hash (SHA-1 or SHA-256), an RFC 3339 author date,
/// an address and a subject (spaces at its ends dropped, and cut to
/// [`MAX_SUBJECT`] characters).
fn read_record(record: &[&[u8]]) -> Option<(String, NaiveDate, String, String)> {
    let [hash, date, email, subject] = record else {
        return None;
    };
    let hash = String::from_utf8_lossy(hash)
        .trim_start_matches('\n')
        .to_string();
    let is_hash = matches!(hash.len(), 40 | 64) && hash.bytes().all(|b| b.is_ascii_hexdigit());
    if !is_hash {
        return None;
    }
    let date = chrono::DateTime::parse_from_rfc3339(std::str::from_utf8(date).ok()?)
        .ok()?
        .date_naive();
    let email = String::from_utf8_lossy(email).into_owned();
    let subject = String::from_utf8_lossy(subject);
    let subject = subject.trim();
    let subject = if subject.chars().count() > MAX_SUBJECT {
        super::tags::clip(subject, MAX_SUBJECT)
    } else {
        subject.to_string()
    };
    Some((hash, date, email, subject))
}

/// Runs git in `path` with no pager, no colour, output in UTF-8, and
/// nothing taken from the environment's `GIT_*` variables (a repository,
/// a configuration, a command to run); standard output on success.
fn git(path: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let mut command = Command::new("git");
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("GIT_") {
            command.env_remove(name);
        }
    }
    let output = command
        .arg("-C")
        .arg(path)
        .args([
            "-c",
            "core.pager=cat",
            "-c",
            "color.ui=false",
            "-c",
            "i18n.logOutputEncoding=UTF-8",
            "-c",
            "core.fsmonitor=false",
        ])
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|error| Error::Usage {
            message: format!("cannot run git: {error}"),
            help: "install git, or put it on PATH".into(),
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or("git failed").trim();
        return Err(Error::Usage {
            message: format!("git could not read {}: {}", path.display(), first),
            help: "give the path of a local git repository (a folder inside it is fine)".into(),
        });
    }
    Ok(output.stdout)
}

/// Subjects that say nothing a promotion case could use.
pub fn is_trivial(subject: &str) -> bool {
    // Trivial as the whole subject.
    const WHOLE: &[&str] = &[
        "cleanup",
        "fix build",
        "fix ci",
        "fix lint",
        "fix test",
        "fix tests",
        "fmt",
        "format",
        "formatting",
        "initial commit",
        "lint",
        "minor",
        "minor fixes",
        "reformat",
        "tidy",
        "update readme",
        "whitespace",
    ];
    // Trivial whatever follows.
    const START: &[&str] = &[
        "bump",
        "cargo fmt",
        "fix typo",
        "fix typos",
        "fixup!",
        "merge branch",
        "merge pull request",
        "squash!",
        "typo",
        "typos",
        "update changelog",
        "version bump",
        "wip",
    ];
    let lower = subject.trim().to_lowercase();
    // "chore(deps): bump serde" and "style: rustfmt" are trivial by type.
    let (kind, rest) = match lower.split_once(':') {
        Some((kind, rest)) if !kind.contains(' ') => (Some(kind.trim()), rest.trim()),
        _ => (None, lower.as_str()),
    };
    if kind.is_some_and(|k| k == "style" || k.starts_with("chore(deps") || k == "wip") {
        return true;
    }
    let rest = rest.trim_end_matches(['.', '!']).trim();
    rest.is_empty()
        || WHOLE.contains(&rest)
        || START.iter().any(|t| {
            rest == *t
                || rest
                    .strip_prefix(t)
                    .is_some_and(|after| after.starts_with([' ', '(', ':', '-', '!']))
        })
}

/// One draft per ISO week that has commits, oldest first: "repo: subject;
/// subject; ...".
pub fn drafts(repository: &str, commits: &[Commit]) -> Vec<Draft> {
    let mut weeks: BTreeMap<(i32, u32), Vec<&Commit>> = BTreeMap::new();
    for commit in commits {
        let week = commit.date.iso_week();
        weeks
            .entry((week.year(), week.week()))
            .or_default()
            .push(commit);
    }
    weeks
        .into_iter()
        .filter_map(|((year, week), mut commits)| {
            commits.sort_by_key(|c| c.date);
            let date = commits.last()?.date;
            let mut subjects: Vec<&str> = Vec::new();
            for commit in &commits {
                if !subjects.contains(&commit.subject.as_str()) {
                    subjects.push(&commit.subject);
                }
            }
            let more = subjects.len().saturating_sub(MAX_SUBJECTS);
            subjects.truncate(MAX_SUBJECTS);
            let mut text = format!("{repository}: {}", subjects.join("; "));
            if more > 0 {
                text.push_str(&format!(" (and {more} more)"));
            }
            // Within what an entry holds, whatever the repository's name.
            let text = super::tags::clip(&text, super::MAX_TEXT);
            Some(Draft {
                week: format!("{year}-W{week:02}"),
                date,
                text,
                commits: commits.into_iter().cloned().collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trivial_subjects_are_recognised() {
        for subject in [
            "Fix typo",
            "fix typos in README.",
            "WIP",
            "wip: half of the parser",
            "Formatting",
            "cargo fmt",
            "Bump version to 1.2.3",
            "chore(deps): bump serde from 1.0.1 to 1.0.2",
            "style: rustfmt",
            "Merge branch 'main' into feature",
            "fixup! Add login",
            "",
        ] {
            assert!(is_trivial(subject), "{subject:?}");
        }
        for subject in [
            "Add the journal store with atomic writes",
            "Fix typography of the packet headings",
            "Formatter for durations in the gap report",
            "Bumper rails for the ingress rollout",
            "feat: one lock per month file",
            "Fix race in the index refresh",
            "Format the gap report as JSON",
            "Cleanup of the legacy DNS zone after the migration",
        ] {
            assert!(!is_trivial(subject), "{subject:?}");
        }
    }

    fn commit(date: &str, subject: &str) -> Commit {
        Commit {
            hash: "0".repeat(40),
            email: "ada@example.com".into(),
            date: date.parse().expect("date"),
            subject: subject.into(),
        }
    }

    #[test]
    fn commits_are_grouped_by_iso_week() {
        // 2026-11-22 is a Sunday: the end of week 47.
        let commits = [
            commit("2026-11-16", "Add month files"),
            commit("2026-11-22", "Add locks"),
            commit("2026-11-23", "Add BM25 suggestions"),
            commit("2026-11-24", "Add BM25 suggestions"),
        ];
        let drafts = drafts("rungs", &commits);
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].week, "2026-W47");
        assert_eq!(drafts[0].date.to_string(), "2026-11-22");
        assert_eq!(drafts[0].text, "rungs: Add month files; Add locks");
        assert_eq!(drafts[1].week, "2026-W48");
        assert_eq!(drafts[1].text, "rungs: Add BM25 suggestions");
        assert_eq!(drafts[1].commits.len(), 2);
    }

    #[test]
    fn a_busy_week_is_cut_short() {
        let commits: Vec<Commit> = (0..15)
            .map(|n| commit("2026-11-18", &format!("Change {n}")))
            .collect();
        let drafts = drafts("r", &commits);
        assert!(
            drafts[0].text.ends_with("Change 11 (and 3 more)"),
            "{}",
            drafts[0].text
        );
    }
}

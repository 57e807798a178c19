//! Property tests of the journal, on stable Rust (see loader_fuzz.rs):
//!
//! - the month file reader never panics on damaged input, and every error
//!   it returns points at a place in the file;
//! - the reader of `git log` output never panics, and what it keeps obeys
//!   the rules `rungs log` applies (dates in range, subjects a line long);
//! - every entry the journal accepts (texts, links, tags and dates of any
//!   characters) is read back exactly as it was returned; one it refuses
//!   leaves nothing behind.
//!
//! Seeded with small inputs, so each runs in seconds in a debug build.

use chrono::NaiveDate;
mod mutate;

use proptest::prelude::*;
use rungs::assessment::store::Store;
use rungs::diagnostic::{Origin, SourceFile};
use rungs::journal::store::{Journal, NewEntry, Span};
use rungs::journal::{self, Month, file, git};

/// A month file as rungs writes it, with what hand edits bring: quotes,
/// escapes, a multi-line string, links and tags.
const MONTH: &str = r#"format_version = 1
person = "Ada"

[[entry]]
id = "2026-11-02-1"
date = "2026-11-02"
text = "Led the \"ingress\" postmortem"
links = ["https://wiki.example.com/pm/1", "https://example.com/pr/2"]
for = ["spe.ownership.2", "collaboration"]
recorded = "2026-11-02T17:02:11+01:00"

[[entry]]
id = "2026-11-25-1"
date = "2026-11-25"
text = """
Two lines
of text"""
recorded = "2026-11-25T09:00:00Z"

[[entry]]
id = "2026-11-25-2"
date = "2026-11-25"
text = 'literal \ text'
for = ["e1.craft.1"]
recorded = "2026-11-25T10:00:00-05:00"
"#;

/// Fragments that change the meaning of a month file the most.
const FRAGMENTS: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "[[entry]]",
    "{",
    "}",
    "=",
    ",",
    "#",
    "\n",
    "\\",
    "\"\"\"",
    "format_version = 2",
    "format_version = 0",
    "person = \"Bob\"",
    "id = \"2026-11-02-1\"",
    "id = \"2026-12-01-1\"",
    "id = \"2026-11-02-4294967296\"",
    "date = \"-0001-12-01\"",
    "date = \"2026-1-1\"",
    "date = \"+2026-11-02\"",
    "recorded = \"yesterday\"",
    "links = [\"\"]",
    "for = []",
    "tags = []",
    "é",
    "🚀",
    "\u{0}",
    "\r",
    "\u{1b}[2J",
];

fn november() -> Month {
    Month::parse("2026-11").expect("month")
}

/// What `git log -z --format=%H%x00%aI%x00%ae%x00%s` prints for three
/// commits (NUL-separated fields, each commit ended by a NUL).
fn git_output() -> Vec<u8> {
    let mut out = Vec::new();
    for (n, (date, email, subject)) in [
        (
            "2026-11-02T10:00:00+01:00",
            "ada@example.com",
            "Add runbook steps",
        ),
        ("2026-11-03T10:00:00-05:00", "bob@example.com", "fix typo"),
        (
            "2026-11-10T23:30:00+14:00",
            "ADA@example.com",
            "Plan the \u{1f}migration",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let hash = format!("{n}").repeat(40);
        for field in [hash.as_str(), date, email, subject] {
            out.extend_from_slice(field.as_bytes());
            out.push(0);
        }
    }
    out
}

/// Bytes that change the meaning of git's output the most.
const GIT_FRAGMENTS: &[&[u8]] = &[
    b"\0",
    b"\0\0",
    b"\n",
    b"\x1f",
    b"\xff\xfe",
    b"2099-01-01T00:00:00Z",
    b"-0001-12-01T00:00:00Z",
    b"not a date",
    b"0123456789abcdef0123456789abcdef01234567",
    b"wip",
    b"\xe2\x80\xae",
];

#[derive(Debug, Clone)]
enum ByteMutation {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, usize),
    Flip(usize, u8),
}

fn byte_mutation(len: usize) -> impl Strategy<Value = ByteMutation> {
    prop_oneof![
        (0..len).prop_map(ByteMutation::Truncate),
        (0..len, 1..50usize).prop_map(|(at, n)| ByteMutation::Delete(at, n)),
        (0..len, 0..GIT_FRAGMENTS.len()).prop_map(|(at, f)| ByteMutation::Insert(at, f)),
        (0..len, any::<u8>()).prop_map(|(at, b)| ByteMutation::Flip(at, b)),
    ]
}

fn apply_bytes(bytes: &mut Vec<u8>, mutation: &ByteMutation) {
    let at = |n: usize| n.min(bytes.len());
    match *mutation {
        ByteMutation::Truncate(n) => bytes.truncate(at(n)),
        ByteMutation::Delete(n, len) => {
            let (start, end) = (at(n), at(n + len));
            bytes.drain(start..end);
        }
        ByteMutation::Insert(n, f) => {
            let start = at(n);
            bytes.splice(start..start, GIT_FRAGMENTS[f].iter().copied());
        }
        ByteMutation::Flip(n, b) => {
            if let Some(byte) = bytes.get_mut(n) {
                *byte = b;
            }
        }
    }
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

/// Any text, weighted towards what breaks files and terminals: quotes,
/// backslashes, line breaks, control characters, spaces at the ends,
/// letters beyond ASCII.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::string::string_regex(&format!(
            "[ a-zA-Z0-9\"'\\\\\\n\\r\\t\\x00-\\x1f\\x7f\u{80}-\u{9f}éß🚀\u{2028}\u{202e}=#\\[\\]{{}}.,:-]{{0,{max}}}"
        ))
        .expect("regex"),
        1 => any::<String>().prop_map(move |s| s.chars().take(max).collect()),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i32..=9999, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("a date"))
}

/// A link or a tag: mostly printable, sometimes anything.
fn word(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::string::string_regex(&format!("[ -~éß🚀]{{0,{max}}}")).expect("regex"),
        1 => text(max),
    ]
}

fn new_entry() -> impl Strategy<Value = NewEntry> {
    (
        date(),
        text(60),
        prop::collection::vec(word(30), 0..3),
        prop::collection::vec(word(20), 0..3),
    )
        .prop_map(|(date, text, links, tags)| NewEntry {
            date,
            text,
            links,
            tags,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn damaged_month_files_never_panic_and_every_error_has_a_location(
        mutations in prop::collection::vec(mutate::mutation(MONTH.len(), FRAGMENTS.len(), 40, 100), 1..4)
    ) {
        let mut text = MONTH.to_string();
        for m in &mutations {
            text = mutate::apply(&text, m, FRAGMENTS);
        }
        let source = SourceFile::new(Origin::File("2026-11.toml".into()), text);
        match file::parse(&source, november(), Some("Ada")) {
            Ok(month) => {
                // What was read writes out and reads back the same.
                let again = file::to_toml(&month).expect("toml");
                let source = SourceFile::new(Origin::File("again.toml".into()), again);
                prop_assert_eq!(file::parse(&source, november(), Some("Ada")).ok(), Some(month));
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                let error = rungs::diagnostic::InvalidFile::new(
                    rungs::diagnostic::FileKind::Journal,
                    &source,
                    problems,
                );
                let lines = source.text.lines().count() + 1;
                for (diagnostic, (line, column)) in error.diagnostics.iter().zip(error.locations()) {
                    prop_assert!(diagnostic.span.start <= source.text.len(), "{diagnostic:?}");
                    prop_assert!(line >= 1 && line <= lines && column >= 1, "{diagnostic:?}");
                }
                let rendered = error.render(false);
                prop_assert!(rendered.contains("2026-11.toml:"), "{rendered}");
            }
        }
    }

    #[test]
    fn damaged_git_output_never_panics_and_keeps_to_the_rules(
        mutations in prop::collection::vec(byte_mutation(200), 1..5),
        author in prop::option::of(Just("ada@example.com")),
    ) {
        let mut out = git_output();
        for m in &mutations {
            apply_bytes(&mut out, m);
        }
        let (since, latest) = (day("2026-11-01"), day("2026-11-30"));
        let history = git::parse_log(&out, author, since, latest);
        let records = out.iter().filter(|&&b| b == 0).count() / 4 + 1;
        prop_assert!(history.commits.len() + history.trivial + history.future <= records);
        for commit in &history.commits {
            prop_assert!(commit.date >= since && commit.date <= latest, "{commit:?}");
            prop_assert!(commit.subject.chars().count() <= 200);
            prop_assert!(!commit.subject.is_empty());
            prop_assert!(commit.hash.len() == 40 || commit.hash.len() == 64);
            if let Some(author) = author {
                prop_assert!(commit.email.eq_ignore_ascii_case(author));
            }
        }
        // Every draft is an entry the journal takes.
        for draft in git::drafts("repo", &history.commits) {
            prop_assert!(journal::check_input(&draft.text, &[], &[], draft.date).is_ok(), "{draft:?}");
        }
    }
}

proptest! {
    // Each case writes files (with fsync): fewer cases.
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_accepted_entry_reads_back_as_it_was_recorded(
        entries in prop::collection::vec(new_entry(), 1..4)
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = Journal::new(&Store::new(dir.path().join("data")));
        let at = "2026-11-25T17:00:00+01:00".parse().expect("time");
        let accepted = entries
            .iter()
            .all(|e| journal::check_input(&e.text, &e.links, &e.tags, e.date).is_ok());
        match journal.add("Ada", entries.clone(), at) {
            Ok(added) => {
                prop_assert!(accepted);
                prop_assert_eq!(added.len(), entries.len());
                let mut read = journal.entries("Ada", Span::default()).expect("read back");
                let mut expected = added.clone();
                journal::sort(&mut expected);
                read.sort_by(|a, b| a.id.cmp(&b.id));
                expected.sort_by(|a, b| a.id.cmp(&b.id));
                prop_assert_eq!(read, expected);
                for (entry, new) in added.iter().zip(&entries) {
                    prop_assert_eq!(&entry.text, new.text.trim());
                    prop_assert_eq!(entry.date, new.date);
                    // And one by one, by id.
                    prop_assert_eq!(&journal.find("Ada", &entry.id).expect("find"), entry);
                }
            }
            Err(error) => {
                prop_assert!(!accepted, "refused: {error}");
                prop_assert!(journal.months("Ada").expect("months").is_empty());
            }
        }
    }
}

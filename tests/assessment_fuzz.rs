//! Property tests: the assessment-file and answers-file loaders never panic
//! on damaged input, and every error they return points at a place in the
//! file (issue 11: files anyone sends are checked as strictly as they are
//! located).
//!
//! As `loader_fuzz.rs` does for frameworks: proptest truncates, deletes,
//! inserts TOML-significant and meaningful fragments, repeats and swaps
//! lines of a valid file, thousands of times.

use std::sync::OnceLock;

use proptest::prelude::*;
use rungs::assessment::{self, Timestamp, answers};
use rungs::catalog::Catalog;
use rungs::diagnostic::{InvalidFile, Origin, SourceFile};
use rungs::error::Error;

/// A stored assessment of the built-in framework with every kind of field.
const STORED: &str = include_str!("fixtures/data/assessments/ada-spe-2026-11-20.toml");

/// An answers file of the built-in framework.
const ANSWERS: &str = r#"person = "Ada"
assessor = "Grace (manager)"
framework = "platform-engineering"
role = "SPE"
to = "LSE"
notes = "Quarterly review"

[ratings]
"spe.idp.1" = { rating = 3, evidence = "Platform roadmap 2027" }
"lse.arch.1" = { rating = 2, evidence = "ADR-7 adopted by four teams" }
"lse.arch.2" = { rating = 1 }
"lse.collaboration.1" = { rating = 0, evidence = "Not yet" }
"#;

const FRAGMENTS: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    "#",
    "\n",
    "\\",
    "\"\"\"",
    "format_version = 0",
    "format_version = -5",
    "format_version = 99",
    "rating = 9",
    "rating = 255",
    "rating = -1",
    "rating = 99999999999999999999",
    "role = \"SPX\"",
    "to = \"SPE\"",
    "to = \"GPE\"",
    "sections = [\"nope\"]",
    "framework = \"elsewhere\"",
    "updated = \"9999-12-31T23:59:59+14:00\"",
    "at = \"not a time\"",
    "imported = \"2026-11-25T10:00:00+00:00\"",
    "[[focus]]\ntarget = \"x\"\naction = \"y\"\nagreed = \"2026-11-25T10:00:00+00:00\"\n",
    "[ratings.\"spe.idp.1\"]",
    "\"spe.idp.9\" = { rating = 2 }",
    "person = \"\"",
    "é",
    "🚀",
    "\u{0}",
    "\r",
];

fn floor(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, usize),
    RepeatLine(usize),
    SwapLines(usize, usize),
}

fn mutation(len: usize) -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0..len).prop_map(Mutation::Truncate),
        (0..len, 1..200usize).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (0..len, 0..FRAGMENTS.len()).prop_map(|(at, f)| Mutation::Insert(at, f)),
        (0..2000usize).prop_map(Mutation::RepeatLine),
        (0..2000usize, 0..2000usize).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    match *mutation {
        Mutation::Truncate(at) => text[..floor(text, at)].to_string(),
        Mutation::Delete(at, n) => {
            let (start, end) = (floor(text, at), floor(text, at + n));
            format!("{}{}", &text[..start], &text[end..])
        }
        Mutation::Insert(at, fragment) => {
            let at = floor(text, at);
            format!("{}{}{}", &text[..at], FRAGMENTS[fragment], &text[at..])
        }
        Mutation::RepeatLine(line) => {
            let mut lines: Vec<&str> = text.lines().collect();
            if lines.is_empty() {
                return text.to_string();
            }
            let line = line % lines.len();
            lines.insert(line, lines[line]);
            lines.join("\n")
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.lines().collect();
            let n = lines.len();
            if n == 0 {
                return text.to_string();
            }
            lines.swap(a % n, b % n);
            lines.join("\n")
        }
    }
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(None, &[]).expect("built-in frameworks"))
}

/// Every problem inside the text, at a line and column that exist, and a
/// rendering that names the file.
fn located(error: &InvalidFile, source: &SourceFile) -> Result<(), TestCaseError> {
    prop_assert!(!error.diagnostics.is_empty());
    let lines = source.text.lines().count() + 1;
    for (diagnostic, (line, column)) in error.diagnostics.iter().zip(error.locations()) {
        prop_assert!(diagnostic.span.start <= source.text.len(), "{diagnostic:?}");
        prop_assert!(
            line >= 1 && line <= lines && column >= 1,
            "{diagnostic:?} at {line}:{column}"
        );
    }
    let rendered = error.render(false);
    prop_assert!(rendered.contains("fuzz.toml:"), "{rendered}");
    Ok(())
}

fn damaged(base: &str, mutations: &[Mutation]) -> SourceFile {
    let mut text = base.to_string();
    for m in mutations {
        text = apply(&text, m);
    }
    SourceFile::new(Origin::File("fuzz.toml".into()), text)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn damaged_assessment_files_never_panic_and_every_error_is_located(
        mutations in prop::collection::vec(mutation(STORED.len()), 1..4)
    ) {
        let source = damaged(STORED, &mutations);
        match assessment::read(&source, catalog()) {
            Ok(_) => {}
            Err(Error::InvalidFile(error)) => located(&error, &source)?,
            Err(other) => prop_assert!(false, "not a located error: {other:?}"),
        }
        match assessment::read_import(&source, catalog()) {
            Ok(_) => {}
            Err(Error::InvalidFile(error)) => located(&error, &source)?,
            Err(other) => prop_assert!(false, "not a located error: {other:?}"),
        }
    }

    #[test]
    fn damaged_answers_files_never_panic_and_every_error_is_located(
        mutations in prop::collection::vec(mutation(ANSWERS.len()), 1..4)
    ) {
        let source = damaged(ANSWERS, &mutations);
        let at: Timestamp = "2026-11-25T10:00:00+00:00".parse().expect("time");
        match answers::framework_id(&source) {
            Err(error) => located(&error, &source)?,
            Ok(_) => {
                let framework = catalog().selected().expect("default framework");
                if let Err(error) = answers::parse(&source, framework, at) {
                    located(&error, &source)?;
                }
            }
        }
    }
}

/// The fixtures themselves load: the properties above start from valid
/// files.
#[test]
fn the_starting_files_are_valid() {
    let stored = SourceFile::new(Origin::File("fuzz.toml".into()), STORED);
    assert!(assessment::read_import(&stored, catalog()).is_ok());
    let answers = SourceFile::new(Origin::File("fuzz.toml".into()), ANSWERS);
    let framework = catalog().selected().expect("default");
    let at: Timestamp = "2026-11-25T10:00:00+00:00".parse().expect("time");
    let parsed = answers::parse(&answers, framework, at).expect("valid answers");
    assert_eq!(parsed.ratings.len(), 4);
}

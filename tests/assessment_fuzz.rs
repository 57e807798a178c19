//! Property tests: the assessment-file and answers-file loaders never panic
//! on damaged input, and every error they return points at a place in the
//! file (issue 11: files anyone sends are checked as strictly as they are
//! located).
//!
//! As `loader_fuzz.rs` does for frameworks: proptest truncates, deletes,
//! inserts TOML-significant and meaningful fragments, repeats and swaps
//! lines of a valid file, thousands of times.

use std::sync::OnceLock;

mod mutate;

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

fn damaged(base: &str, mutations: &[mutate::Mutation]) -> SourceFile {
    let mut text = base.to_string();
    for m in mutations {
        text = mutate::apply(&text, m, FRAGMENTS);
    }
    SourceFile::new(Origin::File("fuzz.toml".into()), text)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn damaged_assessment_files_never_panic_and_every_error_is_located(
        mutations in prop::collection::vec(mutate::mutation(STORED.len(), FRAGMENTS.len(), 200, 2000), 1..4)
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
        mutations in prop::collection::vec(mutate::mutation(ANSWERS.len(), FRAGMENTS.len(), 200, 2000), 1..4)
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

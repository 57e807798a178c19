//! Property test: `rungs ladder import` turns any Markdown page or CSV
//! sheet into a framework that loads, or fails with an error located in
//! one of its files; never a panic, never a file the loader refuses.
//!
//! Stable-Rust fuzzing: proptest builds pages and sheets from the pieces
//! real ladders are made of (headings that do and do not name levels,
//! bullets, bold lead-ins, links, pipe and HTML tables, front matter,
//! quoted and multi-line cells), and mutates the import fixtures
//! (truncation, deletion, insertion of significant fragments, repeated and
//! swapped lines).

use proptest::prelude::*;
use rungs::diagnostic::{Origin, SourceFile};
use rungs::error::Error;
use rungs::framework;
use rungs::ladder::{self, Draft, Hints, Levels, Options, Sections};

/// Lines a page is made of.
const PAGE_LINES: &[&str] = &[
    "# Engineering ladder",
    "## D1 - Developer 1",
    "## Senior Engineer",
    "## Behaviours",
    "### Delivery",
    "#### Deep",
    "# 시니어 엔지니어",
    "## Staff II",
    "- Ships a change with tests.",
    "- **Delivery**: plans the work.",
    "  - an example",
    "- [Home](index.md)",
    "- <p>Writes docs</p>",
    "[Back](../)",
    "A paragraph of prose.",
    "SFIA 4-5",
    "Code: E9",
    "| Competency | Junior | Senior |",
    "|---|---|---|",
    "| Testing | Adds tests<br>Runs them | Sets the approach |",
    "| [E1](#e1) | Engineer |",
    "<table><tr><th>Skill</th><th>L1</th><th>L2</th></tr><tr><td>Ops</td><td><ul><li>Runs</li></ul></td><td>x</td></tr></table>",
    "<ul><li>Item<ul><li>nested</li></ul></li></ul>",
    "<div>note</div>",
    "---",
    "title: \"Associate\"",
    "weight: 3",
    "+++",
    "weight = 2",
    "```",
    "> quoted",
    "![img](x.png)",
    "",
    "Senior Engineer\n===",
];

/// Cells and separators a sheet is made of.
const SHEET_PIECES: &[&str] = &[
    "Level",
    "Statement",
    "Competency",
    "Track",
    "Expected",
    "Examples",
    "Section",
    "E1",
    "E2, ~ 1 yr",
    "Senior",
    "Awareness",
    "Expert",
    "2",
    "Ships.",
    "\"a, b\"",
    "\"x\ny\"",
    "\"one\n\ntwo\"",
    "\"unclosed",
    "• bullet",
    "Craft (C2)",
    "",
    ",",
    ",",
    ";",
    "\t",
    "\n",
    "\r\n",
    "\"\"",
    "日本",
    "\u{feff}",
];

fn floor(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Checks an import: a framework that loads, or an error with a place.
fn check(files: Vec<(String, String)>, hints: Hints) -> Result<(), TestCaseError> {
    let mut draft = Draft::new(hints);
    for (name, text) in files {
        let source = SourceFile::new(Origin::File(name.into()), text);
        let length = source.text.len();
        if let Err(error) = ladder::read(&mut draft, source) {
            prop_assert!(!error.diagnostics.is_empty());
            for diagnostic in &error.diagnostics {
                prop_assert!(diagnostic.span.start <= length, "{diagnostic:?}");
            }
            let _ = error.render(false);
            return Ok(());
        }
    }
    match ladder::build(draft, Options::default()) {
        Ok(imported) => {
            let again = SourceFile::new(Origin::File("out.toml".into()), imported.toml);
            prop_assert!(framework::parse(&again).is_ok(), "the written file loads");
        }
        Err(Error::InvalidFile(error)) => {
            prop_assert!(!error.diagnostics.is_empty());
            prop_assert!(!error.locations().is_empty());
        }
        Err(other) => prop_assert!(false, "an error with no place: {other:?}"),
    }
    Ok(())
}

fn hints() -> impl Strategy<Value = Hints> {
    (0..6usize, 0..3usize).prop_map(|(levels, sections)| Hints {
        levels: match levels {
            0 | 1 => Levels::Auto,
            2 => Levels::Files,
            3 => Levels::Heading(2),
            4 => Levels::Rows,
            _ => Levels::Columns,
        },
        sections: match sections {
            0 => Sections::Auto,
            1 => Sections::None,
            _ => Sections::Heading(3),
        },
        ..Hints::default()
    })
}

const FIXTURES: &[(&str, &str)] = &[
    (
        "toc.md",
        include_str!("fixtures/import/shapes/whole-ladder-toc.md"),
    ),
    (
        "pipe.md",
        include_str!("fixtures/import/shapes/pipe-table.md"),
    ),
    (
        "html.md",
        include_str!("fixtures/import/shapes/html-table.md"),
    ),
    (
        "front.md",
        include_str!("fixtures/import/shapes/front-matter/a-senior.md"),
    ),
    (
        "rows.csv",
        include_str!("fixtures/import/shapes/levels-in-rows.csv"),
    ),
    (
        "prof.csv",
        include_str!("fixtures/import/shapes/proficiency.csv"),
    ),
    ("matrix.csv", include_str!("fixtures/import/matrix.csv")),
    ("whole.md", include_str!("fixtures/import/whole-ladder.md")),
];

const FRAGMENTS: &[&str] = &[
    "\"", "|", "\n", "## ", "- ", "<td>", "</table>", "---\n", ",", ";", "**", "[x](#d1)", "\r\n",
    "é", "\u{0}",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_page_imports_to_a_loadable_framework_or_a_located_error(
        lines in prop::collection::vec(0..PAGE_LINES.len(), 0..40),
        hints in hints(),
    ) {
        let text: Vec<&str> = lines.iter().map(|&i| PAGE_LINES[i]).collect();
        check(vec![("page.md".into(), text.join("\n"))], hints)?;
    }

    #[test]
    fn any_sheet_imports_to_a_loadable_framework_or_a_located_error(
        pieces in prop::collection::vec(0..SHEET_PIECES.len(), 0..60),
        hints in hints(),
    ) {
        let text: String = pieces.iter().map(|&i| SHEET_PIECES[i]).collect();
        check(vec![("sheet.csv".into(), text)], hints)?;
    }

    #[test]
    fn damaged_fixtures_import_or_fail_with_a_place(
        fixture in 0..FIXTURES.len(),
        cuts in prop::collection::vec((0..4000usize, 0..80usize, 0..FRAGMENTS.len()), 1..4),
        hints in hints(),
    ) {
        let (name, original) = FIXTURES[fixture];
        let mut text = original.to_string();
        for (at, n, fragment) in cuts {
            let start = floor(&text, at % (text.len() + 1));
            let end = floor(&text, start + n);
            text = format!("{}{}{}", &text[..start], FRAGMENTS[fragment], &text[end..]);
        }
        check(vec![(name.into(), text)], hints)?;
    }
}

//! Property test: the framework loader never panics on damaged input, and
//! every error it returns points at a place in the file.
//!
//! Stable-Rust fuzzing: proptest mutates a small but complete framework
//! file (truncation, deletion, insertion of TOML-significant fragments,
//! repeated and swapped lines) thousands of times. A small seed keeps each
//! case fast; every shape of the format is in it (sections with and
//! without categories, several archetypes with `next` links, a scale).

use proptest::prelude::*;
use rungs::diagnostic::{Origin, SourceFile};
use rungs::framework;

const SEED: &str = include_str!("../examples/acme.toml");

/// Fragments that change the meaning of TOML the most.
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
    "format_version = 99",
    "format_version = 0",
    "[[archetype]]",
    "[[archetype.group]]",
    "next = [\"E2\"]",
    "next = [\"E1\"]",
    "code = \"E2\"",
    "met = 7",
    "value = 11",
    "section = \"nope\"",
    "category = \"craft\"",
    "text = \"\"",
    "id = \"e1.craft.1\"",
    "sfia = [9]",
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

fn mutation() -> impl Strategy<Value = Mutation> {
    let len = SEED.len();
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
            let line = line % lines.len();
            lines.insert(line, lines[line]);
            lines.join("\n")
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.lines().collect();
            let n = lines.len();
            lines.swap(a % n, b % n);
            lines.join("\n")
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn damaged_files_never_panic_and_every_error_has_a_location(
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let mut text = SEED.to_string();
        for m in &mutations {
            text = apply(&text, m);
        }
        let source = SourceFile::new(Origin::File("fuzz.toml".into()), text);
        if let Err(error) = framework::parse(&source) {
            prop_assert!(!error.diagnostics.is_empty());
            let lines = source.text.lines().count() + 1;
            for (diagnostic, (line, column)) in error.diagnostics.iter().zip(error.locations()) {
                prop_assert!(diagnostic.span.start <= source.text.len(), "{diagnostic:?}");
                prop_assert!(line >= 1 && line <= lines && column >= 1, "{diagnostic:?} at {line}:{column}");
            }
            // Rendering a located error must not panic either.
            let rendered = error.render(false);
            prop_assert!(rendered.contains("fuzz.toml:"), "{rendered}");
        }
    }
}

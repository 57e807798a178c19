//! Property test: the framework loader never panics on damaged input, and
//! every error it returns points at a place in the file.
//!
//! Stable-Rust fuzzing: proptest mutates a small but complete framework
//! file (truncation, deletion, insertion of TOML-significant fragments,
//! repeated and swapped lines) thousands of times. A small seed keeps each
//! case fast; every shape of the format is in it (sections with and
//! without categories, several archetypes with `next` links, a scale).

mod mutate;

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

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn damaged_files_never_panic_and_every_error_has_a_location(
        mutations in prop::collection::vec(mutate::mutation(SEED.len(), FRAGMENTS.len(), 200, 2000), 1..4)
    ) {
        let mut text = SEED.to_string();
        for m in &mutations {
            text = mutate::apply(&text, m, FRAGMENTS);
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

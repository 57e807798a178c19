//! `rungs validate`: every kind of framework error names the file, the line
//! and the column of the offending text.

use crate::support::{TestEnv, fixture};

/// (fixture, message, line, column) for files with exactly one problem.
const SINGLE_ERRORS: &[(&str, &str, usize, usize)] = &[
    ("syntax-error.toml", "invalid basic string", 21, 18),
    (
        "future-version.toml",
        "this file uses framework format version 99, newer than this rungs reads",
        1,
        18,
    ),
    ("unknown-key.toml", "unknown field `nxt`", 22, 1),
    ("missing-field.toml", "missing field `title`", 32, 1),
    (
        "duplicate-statement-id.toml",
        "duplicate statement id `e1.code.2`",
        40,
        10,
    ),
    (
        "duplicate-code.toml",
        "duplicate archetype code `e1`",
        33,
        8,
    ),
    (
        "unknown-next.toml",
        "`next` names unknown archetype `E3`",
        22,
        9,
    ),
    ("cycle.toml", "the ladder has a cycle: E1 → E2 → E1", 35, 9),
    ("empty-statement.toml", "empty statement", 29, 30),
    (
        "scale-no-met.toml",
        "the rating scale has no met threshold",
        6,
        1,
    ),
    (
        "scale-duplicate-values.toml",
        "duplicate rating value 1",
        11,
        13,
    ),
    (
        "met-not-on-scale.toml",
        "met threshold 5 is not a rating on the scale",
        7,
        7,
    ),
    ("unknown-section.toml", "unknown section `crafts`", 37, 11),
    ("unknown-category.toml", "unknown category `opps`", 38, 12),
];

#[test]
fn each_error_names_file_line_and_column() {
    let env = TestEnv::new();
    for &(file, message, line, column) in SINGLE_ERRORS {
        let path = format!("tests/fixtures/invalid/{file}");
        let stderr = env.fails(&["validate", &path], 3);
        assert!(
            stderr.contains(&format!("error: {message}")),
            "{file}: no `{message}` in\n{stderr}"
        );
        assert!(
            stderr.contains(&format!("--> {path}:{line}:{column}\n")),
            "{file}: not at {line}:{column}:\n{stderr}"
        );
        assert!(
            stderr.contains("(1 error)"),
            "{file}: expected exactly one error:\n{stderr}"
        );
    }
}

#[test]
fn every_semantic_error_of_a_file_is_reported() {
    let env = TestEnv::new();
    let stderr = env.fails(&["validate", "tests/fixtures/invalid/many-errors.toml"], 3);
    let expected = [
        ("`next` names unknown archetype `E3`", 22, 9),
        ("empty statement", 29, 30),
        ("unknown category `opps`", 38, 12),
        ("duplicate statement id `e1.code.1`", 40, 10),
    ];
    for (message, line, column) in expected {
        let at = format!(
            "error: {message}\n  --> tests/fixtures/invalid/many-errors.toml:{line}:{column}"
        );
        assert!(stderr.contains(&at), "missing {at:?} in\n{stderr}");
    }
    assert!(stderr.contains("(4 errors)"), "{stderr}");
}

#[test]
fn errors_show_the_offending_line_and_advice() {
    let env = TestEnv::new();
    let stderr = env.fails(&["validate", "tests/fixtures/invalid/unknown-key.toml"], 3);
    insta::assert_snapshot!(stderr);
}

#[test]
fn valid_files_pass_and_invalid_ones_are_counted() {
    let env = TestEnv::new();
    let output = env.run(&[
        "validate",
        "tests/fixtures/valid.toml",
        "examples/acme.toml",
        "tests/fixtures/invalid/cycle.toml",
    ]);
    assert_eq!(output.code, 3);
    assert!(output.stdout.contains(
        "ok: tests/fixtures/valid.toml (framework `fixture` 1, 2 archetypes, 3 statements)"
    ));
    assert!(output.stdout.contains("ok: examples/acme.toml"));
    assert!(output.stderr.ends_with("error: 1 of 3 framework files are invalid\n  help: fix the errors above and run `rungs validate` again\n"), "{}", output.stderr);
}

#[test]
fn a_directory_is_validated_file_by_file() {
    let env = TestEnv::new();
    let stderr = env.fails(&["validate", "tests/fixtures/invalid"], 3);
    let count = std::fs::read_dir(fixture("invalid"))
        .expect("fixtures")
        .count();
    assert!(
        stderr.contains(&format!(
            "error: {count} of {count} framework files are invalid"
        )),
        "{stderr}"
    );
}

#[test]
fn the_shipped_framework_and_example_validate() {
    let env = TestEnv::new();
    env.ok(&["validate", "frameworks", "examples/acme.toml"]);
}

/// Every framework file in `examples/`, whatever its format version.
#[test]
fn every_example_validates() {
    let env = TestEnv::new();
    let count = std::fs::read_dir(crate::support::repo().join("examples"))
        .expect("examples")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "toml"))
        })
        .count();
    assert!(count >= 2, "acme.toml and acme-v2.toml at least");
    let stdout = env.ok(&["validate", "examples"]);
    assert_eq!(stdout.matches("ok: ").count(), count, "{stdout}");
}

/// A version-2 file: moves both ways between tracks, and `gap --to` a
/// lateral archetype.
#[test]
fn the_version_two_example_loads_and_reaches_lateral_roles() {
    let env = TestEnv::new();
    let stdout = env.ok(&["validate", "examples/acme-v2.toml"]);
    assert!(
        stdout.contains("framework `acme-engineering-tracks` 2026.2, 3 archetypes, 10 statements"),
        "{stdout}"
    );
    let answers = env.path().join("answers.toml");
    std::fs::write(
        &answers,
        "person = \"Ada\"\nrole = \"E3\"\nto = \"M3\"\n[ratings]\n\"m3.craft.1\" = { rating = 2 }\n\"m3.people.1\" = { rating = 3 }\n",
    )
    .expect("write answers");
    let path = answers.to_string_lossy().into_owned();
    env.ok(&[
        "--framework",
        "examples/acme-v2.toml",
        "assess",
        "--answers",
        &path,
    ]);
    // Two statements answered: a draft, asked for as it is.
    let gap = env.ok(&[
        "--framework",
        "examples/acme-v2.toml",
        "gap",
        "--person",
        "Ada",
        "--any-status",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&gap).expect("json");
    // m3.craft.1 is expected at 2 (its group), m3.people.1 at the scale's 3.
    assert_eq!(json["readiness"], 66, "{gap}");
}

#[test]
fn a_missing_file_is_reported_and_counted() {
    let env = TestEnv::new();
    let stderr = env.fails(&["validate", "no-such-file.toml", "examples/acme.toml"], 3);
    assert!(
        stderr.contains("cannot read no-such-file.toml: No such file or directory"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 of 2 framework files are invalid"),
        "{stderr}"
    );
}

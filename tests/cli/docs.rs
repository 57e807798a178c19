//! The documentation shows real output and valid files: these tests fail
//! when it drifts from what the binary does.

use crate::support::{TestEnv, repo};

/// The first fenced block of `lang` after `marker` in a Markdown file.
fn block_after(file: &str, marker: &str, lang: &str) -> String {
    let text = std::fs::read_to_string(repo().join(file)).expect("doc file");
    let from = text
        .find(marker)
        .unwrap_or_else(|| panic!("{marker:?} not in {file}"));
    let fence = format!("```{lang}\n");
    let start = text[from..]
        .find(&fence)
        .map(|i| from + i + fence.len())
        .expect("opening fence");
    let end = text[start..]
        .find("```")
        .map(|i| start + i)
        .expect("closing fence");
    text[start..end].to_string()
}

#[test]
fn the_format_example_in_frameworks_readme_is_valid() {
    let env = TestEnv::new();
    let path = env.path().join("example.toml");
    std::fs::write(
        &path,
        block_after(
            "frameworks/README.md",
            "## A complete small example",
            "toml",
        ),
    )
    .expect("write");
    let stdout = env.ok(&["validate", path.to_str().expect("utf-8 path")]);
    assert!(stdout.contains("2 archetypes, 3 statements"), "{stdout}");
}

#[test]
fn the_readme_shows_the_real_roles_output() {
    let shown = block_after(
        "README.md",
        "`rungs roles` on the built-in framework",
        "text",
    );
    assert_eq!(shown, TestEnv::new().ok(&["roles"]));
}

#[test]
fn the_readme_shows_the_real_validate_output() {
    let shown = block_after(
        "README.md",
        "reports every problem of a file at once",
        "text",
    );
    let stderr = TestEnv::new().fails(&["validate", "tests/fixtures/invalid/unknown-key.toml"], 3);
    assert!(
        stderr.starts_with(&shown),
        "README:\n{shown}\nactual:\n{stderr}"
    );
}

#[test]
fn the_answers_file_example_in_the_readme_records() {
    let env = TestEnv::new();
    let path = env.path().join("ada.toml");
    std::fs::write(&path, block_after("README.md", "### Answers files", "toml")).expect("write");
    let stdout = env.ok(&["assess", "--answers", path.to_str().expect("utf-8 path")]);
    assert!(stdout.contains("2 of 164 statements rated"), "{stdout}");
}

//! The documentation shows real output and valid files: these tests fail
//! when it drifts from what the binary does.

use crate::support::{TestEnv, repo};

/// The first fenced block of `lang` after `marker` in a Markdown file.
pub(crate) fn block_after(file: &str, marker: &str, lang: &str) -> String {
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

/// A command line of the README as arguments: words, with double quotes
/// around words that hold spaces; a trailing `# comment` dropped.
fn words(line: &str) -> Vec<String> {
    let line = line.split("  #").next().unwrap_or(line);
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[test]
fn every_command_of_the_readme_one_on_one_section_runs() {
    let block = block_after("README.md", "## 1:1s and promotion cases", "sh");
    let shared = tempfile::tempdir().expect("shared directory");
    let manager = TestEnv::new();
    let engineer = TestEnv::new();
    let recorded = |stdout: String| -> String {
        let rest = stdout.strip_prefix("Recorded ").expect("a recorded line");
        rest[..rest.find(':').expect("id ends at a colon")].to_string()
    };
    // Complete assessments: every statement of SPE and LSE answered.
    let answers = |name: &str, assessor: &str, rating: u8| {
        let path = shared.path().join(name);
        let arch = format!("{{ rating = {rating}, evidence = \"ADR-7\" }}");
        std::fs::write(
            &path,
            crate::support::full_answers(
                &format!("person = \"Ada\"\n{assessor}"),
                &[("lse.arch.1", arch.as_str())],
            ),
        )
        .expect("answers file");
        path.to_str().expect("utf-8 path").to_string()
    };
    // Ada's own assessment, recorded earlier in the README's tour.
    let own = recorded(engineer.ok(&["assess", "--answers", &answers("own.toml", "", 3)]));
    let grace_file = answers("grace.toml", "assessor = \"Grace (manager)\"\n", 1);

    let mut env = &manager;
    let mut grace = String::new();
    let mut ran = 0;
    for line in block.lines() {
        if line.starts_with("# the engineer") {
            env = &engineer;
        }
        let Some(command) = line.strip_prefix("rungs ") else {
            continue;
        };
        let mut args = words(command);
        if args[0] == "assess" {
            // The walk needs a terminal: the same view from a file.
            grace = recorded(env.ok(&["assess", "--answers", &grace_file]));
            ran += 1;
            continue;
        }
        let redirect = args.iter().position(|a| a == ">>" || a == ">");
        let target = redirect.map(|at| {
            let file = shared.path().join(&args[at + 1]);
            args.truncate(at);
            file
        });
        let args: Vec<String> = args
            .iter()
            .map(|a| {
                a.replace("ada-spe-2026-11-25-by-grace-manager", "\u{0}")
                    .replace("ada-spe-2026-11-25", &own)
                    .replace('\u{0}', &grace)
            })
            .collect();
        let output = env
            .command()
            .current_dir(shared.path())
            .args(&args)
            .output()
            .expect("run rungs");
        assert!(
            output.status.success(),
            "rungs {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        if let Some(file) = target {
            std::fs::write(file, &output.stdout).expect("redirect");
        }
        ran += 1;
    }
    assert!(ran >= 11, "{ran} commands in:\n{block}");
    for file in ["for-ada.toml", "1on1-notes.md", "packet.html", "case.html"] {
        let text = std::fs::read_to_string(shared.path().join(file)).expect(file);
        assert!(!text.is_empty(), "{file}");
    }
    let notes = std::fs::read_to_string(shared.path().join("1on1-notes.md")).expect("notes");
    assert!(
        notes.starts_with("## 1:1 agenda: Ada, self and Grace (manager)"),
        "{notes}"
    );
    assert!(notes.contains("`lse.arch.1`"), "{notes}");
    let case = std::fs::read_to_string(shared.path().join("case.html")).expect("case");
    assert!(
        case.contains("<h1>Ada</h1>"),
        "the two-view panel packet, written last"
    );
}

//! How output meets the terminal: widths, wrapping, the pager, colour and
//! the manual page.

use rexpect::session::spawn_command;

use crate::support::{TestEnv, repo};

/// A long name assessed by someone with a long name and role.
const PERSON: &str = "Maximiliana Konstantinopoulou-Ng";
const ASSESSOR: &str = "Bartholomew Fitzgerald (engineering manager)";

fn long_names() -> TestEnv {
    let env = TestEnv::new();
    let answers = env.path().join("answers.toml");
    std::fs::write(
        &answers,
        format!(
            "person = \"{PERSON}\"\nassessor = \"{ASSESSOR}\"\nrole = \"E1\"\nto = \"E2\"\n[ratings]\n\"e1.craft.1\" = {{ rating = 4 }}\n"
        ),
    )
    .expect("answers");
    let recorded = env.run(&[
        "--framework",
        "examples/acme.toml",
        "assess",
        "--answers",
        answers.to_str().expect("utf-8"),
    ]);
    assert_eq!(recorded.code, 0, "{}", recorded.stderr);
    env
}

fn list_at(env: &TestEnv, columns: &str) -> String {
    let output = env
        .command()
        .args(["--framework", "examples/acme.toml", "list"])
        .env("COLUMNS", columns)
        .output()
        .expect("run");
    assert!(output.status.success());
    String::from_utf8(output.stdout).expect("utf-8")
}

/// Every word of `text` (split on whitespace and table rules) that is a
/// piece of one of `words` but not the whole of it: a word broken across
/// lines.
fn broken_words(text: &str, words: &[&str]) -> Vec<String> {
    let pieces: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || "│┆".contains(c))
        .filter(|p| !p.is_empty())
        .collect();
    pieces
        .iter()
        .filter(|piece| {
            !words.contains(piece)
                && words
                    .iter()
                    .any(|w| w.len() > piece.len() && w.starts_with(**piece) && piece.len() > 2)
        })
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn list_fits_eighty_columns_with_long_names_and_breaks_no_word() {
    let env = long_names();
    for columns in ["80", "60", "40"] {
        let text = list_at(&env, columns);
        let width: usize = columns.parse().expect("number");
        // Every line fits, unless it is one word (the id) longer than the
        // whole width, which is shown whole rather than cut.
        for line in text.lines() {
            let single_word = !line.trim().contains(' ');
            assert!(
                line.chars().count() <= width || (single_word && width < 80),
                "{columns} columns: a line of {}:\n{text}",
                line.chars().count()
            );
        }
        let words: Vec<&str> = PERSON
            .split(' ')
            .chain(ASSESSOR.split(' '))
            .chain(["2026", "in", "progress", "1/8"])
            .collect();
        assert!(
            broken_words(&text, &words).is_empty(),
            "{columns} columns:\n{text}"
        );
        // The id is whole on one line: it is what people type next.
        let listed: serde_json::Value = serde_json::from_str(&env.ok(&[
            "--framework",
            "examples/acme.toml",
            "list",
            "--format",
            "json",
        ]))
        .expect("json");
        let id = listed[0]["id"].as_str().expect("id");
        assert!(id.len() <= 64, "{id}");
        assert!(
            text.lines().any(|l| l.contains(id)),
            "{columns} columns:\n{text}"
        );
    }
}

#[test]
fn piped_output_follows_columns_and_never_breaks_a_word() {
    let env = TestEnv::new();
    let narrow = env
        .command()
        .args(["show", "SPE"])
        .env("COLUMNS", "60")
        .output()
        .expect("run");
    let text = String::from_utf8(narrow.stdout).expect("utf-8");
    assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
    // Without COLUMNS, a pipe gets 100 columns, the same on every machine.
    let wide = env.ok(&["show", "SPE"]);
    assert!(wide.lines().any(|l| l.chars().count() > 80));
    assert!(wide.lines().all(|l| l.chars().count() <= 100));
}

#[test]
fn long_reports_go_through_the_pager_on_a_terminal_only() {
    let env = TestEnv::new();
    let mut command = env.std_command();
    // `sed` stands in for less: it marks every line it pages.
    command
        .env("RUNGS_PAGER", "sed s/^/paged:/")
        .args(["show", "SPE"]);
    let mut session = spawn_command(command, Some(10_000)).expect("spawn");
    let screen = session.exp_eof().expect("ends");
    assert!(
        screen.contains("paged:SPE Senior Platform Engineer"),
        "{screen}"
    );

    // --no-pager, or a pipe: straight out.
    let mut command = env.std_command();
    command
        .env("RUNGS_PAGER", "sed s/^/paged:/")
        .args(["--no-pager", "show", "SPE"]);
    let mut session = spawn_command(command, Some(10_000)).expect("spawn");
    let screen = session.exp_eof().expect("ends");
    assert!(!screen.contains("paged:"), "{screen}");
    let piped = env
        .command()
        .env("RUNGS_PAGER", "sed s/^/paged:/")
        .args(["show", "SPE"])
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&piped.stdout).contains("paged:"));
}

#[test]
fn colour_follows_the_flag_and_the_environment() {
    let env = TestEnv::new();
    let run = |args: &[&str], vars: &[(&str, &str)]| {
        let mut command = env.command();
        command.env_remove("NO_COLOR").args(args);
        for (k, v) in vars {
            command.env(k, v);
        }
        String::from_utf8(command.output().expect("run").stdout).expect("utf-8")
    };
    assert!(
        !run(&["roles"], &[]).contains('\u{1b}'),
        "no colour in a pipe"
    );
    assert!(run(&["--color", "always", "roles"], &[]).contains("\u{1b}[1m"));
    assert!(run(&["roles"], &[("CLICOLOR_FORCE", "1")]).contains("\u{1b}[1m"));
    assert!(!run(&["roles"], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\u{1b}'));
    assert!(!run(&["--color", "never", "roles"], &[("CLICOLOR_FORCE", "1")]).contains('\u{1b}'));

    // A damaged file's problems on standard error (in full with
    // --verbose): coloured when asked,
    // not shown as escapes; plain otherwise.
    env.add_assessment("ada-1", "person = [");
    let stderr = |colour: &str| {
        let output = env
            .command()
            .env_remove("NO_COLOR")
            .args(["--color", colour, "list", "--verbose"])
            .output()
            .expect("run");
        String::from_utf8(output.stderr).expect("utf-8")
    };
    let coloured = stderr("always");
    assert!(coloured.contains("\u{1b}[1m"), "{coloured}");
    assert!(!coloured.contains("\\e["), "{coloured}");
    let plain = stderr("never");
    assert!(
        plain.contains("ada-1.toml") && !plain.contains('\u{1b}') && !plain.contains("\\e["),
        "{plain}"
    );
}

#[test]
fn the_manual_page_documents_every_command() {
    let env = TestEnv::new();
    let page = env.ok(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH rungs 1"),
        "{page}"
    );
    assert!(page.contains(".TH rungs 1"));
    for command in ["assess", "gap", "compare", "export", "paths", "man"] {
        assert!(
            page.contains(command),
            "{command} missing from the manual page"
        );
    }
    // The repository's own copy is the same page.
    let _ = repo();
}

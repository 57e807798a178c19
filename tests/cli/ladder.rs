//! `rungs ladder import` and `rungs ladder new`: every input shape imports,
//! validates, takes an answers file and reports a gap.

use std::path::{Path, PathBuf};

use crate::support::{TestEnv, repo};

fn fixture(name: &str) -> String {
    format!("tests/fixtures/import/{name}")
}

fn text(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Imports `files` into `<temp>/<out>`, returning the file and stdout.
fn import(env: &TestEnv, files: &[&str], out: &str) -> (PathBuf, String) {
    let output = env.path().join(out);
    let mut args = vec!["ladder".to_string(), "import".to_string()];
    args.extend(files.iter().map(|f| fixture(f)));
    args.extend(["--output".to_string(), text(&output).to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let stdout = env.ok(&args);
    (output, stdout)
}

/// Validates the imported file, records an answers file for its first
/// role against the next one, and returns the gap report.
fn assess_and_gap(env: &TestEnv, framework: &Path) -> String {
    let file = text(framework);
    let validated = env.ok(&["validate", file]);
    assert!(validated.starts_with("ok: "), "{validated}");
    let roles: serde_json::Value =
        serde_json::from_str(&env.ok(&["--framework", file, "roles", "--format", "json"]))
            .expect("roles json");
    let role = roles[0]["code"].as_str().expect("a first role").to_string();
    let to = roles[0]["next"][0]
        .as_str()
        .expect("a next role")
        .to_string();
    let mut answers = format!("person = \"Ada\"\nrole = \"{role}\"\nto = \"{to}\"\n[ratings]\n");
    for (code, rating) in [(&role, 2), (&to, 1)] {
        let shown: serde_json::Value =
            serde_json::from_str(&env.ok(&["--framework", file, "show", code, "--format", "json"]))
                .expect("show json");
        let first = shown["statements"][0]["id"].as_str().expect("a statement");
        answers.push_str(&format!(
            "\"{first}\" = {{ rating = {rating}, evidence = \"seen\" }}\n"
        ));
    }
    let answers_path = env.path().join("answers.toml");
    std::fs::write(&answers_path, answers).expect("write answers");
    env.ok(&[
        "--framework",
        file,
        "assess",
        "--answers",
        text(&answers_path),
    ]);
    // Two statements answered: a draft, asked for as it is.
    let gap = env.ok(&[
        "--framework",
        file,
        "gap",
        "--person",
        "Ada",
        "--any-status",
    ]);
    assert!(gap.contains(&format!("Readiness for {to}: 0%")), "{gap}");
    gap
}

#[test]
fn csv_rows_import_validate_assess_and_gap() {
    let env = TestEnv::new();
    let (file, stdout) = import(&env, &["rows.csv"], "rows.toml");
    assert!(stdout.contains("CSV, one row per statement"), "{stdout}");
    assert!(stdout.contains("`Competency` → category"), "{stdout}");
    assert!(
        stdout.contains("E1 Engineer (4 statements, next E2)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("the order of levels is the order found"),
        "{stdout}"
    );
    assert!(stdout.contains("Wrote "), "{stdout}");
    assess_and_gap(&env, &file);
}

#[test]
fn a_csv_matrix_imports_validates_assesses_and_gaps() {
    let env = TestEnv::new();
    let (file, stdout) = import(&env, &["matrix.csv"], "matrix.toml");
    assert!(stdout.contains("CSV matrix"), "{stdout}");
    assert!(stdout.contains("`Senior` → a level"), "{stdout}");
    assess_and_gap(&env, &file);
}

#[test]
fn markdown_pages_per_role_import_validate_assess_and_gap() {
    let env = TestEnv::new();
    let (file, stdout) = import(
        &env,
        &[
            "role-pages/1-engineer.md",
            "role-pages/2-senior-engineer.md",
        ],
        "pages.toml",
    );
    assert!(stdout.contains("one role, \"Engineer (E1)\""), "{stdout}");
    assess_and_gap(&env, &file);
}

#[test]
fn a_whole_ladder_page_imports_validates_assesses_and_gaps() {
    let env = TestEnv::new();
    let (file, stdout) = import(&env, &["whole-ladder.md"], "whole.toml");
    assert!(stdout.contains("the whole ladder"), "{stdout}");
    let gap = assess_and_gap(&env, &file);
    assert!(gap.contains("Code"), "{gap}");
}

#[test]
fn a_japanese_page_imports_and_renders() {
    let env = TestEnv::new();
    let (file, stdout) = import(&env, &["japanese.md"], "ja.toml");
    assert!(stdout.contains("J1 エンジニア"), "{stdout}");
    let gap = assess_and_gap(&env, &file);
    assert!(gap.contains("シニアエンジニア"), "{gap}");
    let shown = env.ok(&["--framework", text(&file), "show", "J1"]);
    assert!(
        shown.contains("チケットを、一度でレビューできる"),
        "{shown}"
    );
}

#[test]
fn a_german_sheet_imports_validates_assesses_and_gaps() {
    let env = TestEnv::new();
    let (file, stdout) = import(&env, &["german.csv"], "de.toml");
    assert!(stdout.contains("`Stufe` → level"), "{stdout}");
    assess_and_gap(&env, &file);
}

#[test]
fn a_page_in_the_seed_shape_imports_with_the_spe_structure() {
    let env = TestEnv::new();
    let (file, stdout) = import(&env, &["senior-platform-engineer.txt"], "spe.toml");
    assert!(
        stdout.contains("SPE Senior Platform Engineer (80 statements"),
        "{stdout}"
    );
    assert!(
        stdout.contains("behaviours from \"Behaviours\", 43 statements in categories"),
        "{stdout}"
    );
    let validated = env.ok(&["validate", text(&file)]);
    assert!(
        validated.contains("1 archetypes, 80 statements"),
        "{validated}"
    );
}

#[test]
fn dry_run_writes_nothing() {
    let env = TestEnv::new();
    let output = env.path().join("dry.toml");
    let stdout = env.ok(&[
        "ladder",
        "import",
        &fixture("rows.csv"),
        "--dry-run",
        "--output",
        text(&output),
    ]);
    assert!(stdout.contains("Nothing written (--dry-run)"), "{stdout}");
    assert!(!output.exists());
}

#[test]
fn the_written_file_is_private_and_named_after_the_id_by_default() {
    let env = TestEnv::new();
    let mut command = env.command();
    command.current_dir(env.path());
    let rows = repo().join(fixture("rows.csv"));
    let output = command
        .args([
            "ladder",
            "import",
            text(&rows),
            "--id",
            "acme-rows",
            "--name",
            "Acme",
        ])
        .output()
        .expect("run");
    assert!(output.status.success(), "{output:?}");
    let written = env.path().join("acme-rows.toml");
    let framework = std::fs::read_to_string(&written).expect("written");
    assert!(
        framework.contains("id = \"acme-rows\"\nname = \"Acme\""),
        "{framework}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&written)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn importing_again_keeps_ids_and_says_so() {
    let env = TestEnv::new();
    let (file, _) = import(&env, &["rows.csv"], "rows.toml");
    let before = std::fs::read_to_string(&file).expect("first");
    let edited = env.path().join("rows.csv");
    let sheet = std::fs::read_to_string(repo().join(fixture("rows.csv"))).expect("sheet");
    std::fs::write(
        &edited,
        sheet.replace(
            ",,Delivery,Releases a change",
            ",,Delivery,A new expectation.,,\n,,Delivery,Releases a change",
        ),
    )
    .expect("write");
    let stdout = env.ok(&["ladder", "import", text(&edited), "--output", text(&file)]);
    assert!(stdout.contains("11 kept their ids"), "{stdout}");
    assert!(stdout.contains("1 new"), "{stdout}");
    assert!(stdout.contains("Replaced "), "{stdout}");
    let after = std::fs::read_to_string(&file).expect("second");
    let kept = "{ id = \"e1.delivery.2\", text = \"Releases a change through the team's pipeline and checks it in production.\" }";
    assert!(before.contains(kept) && after.contains(kept), "{after}");
    assert!(after.contains("{ id = \"e1.delivery.3\", text = \"A new expectation.\" }"));
}

#[test]
fn what_cannot_be_mapped_names_the_line_and_column() {
    let env = TestEnv::new();
    let sheet = env.path().join("odd.csv");
    std::fs::write(&sheet, "Name,Colour\nAda,red\n").expect("write");
    let stderr = env.fails(&["ladder", "import", text(&sheet), "--dry-run"], 3);
    assert!(
        stderr.contains("cannot tell what this spreadsheet's columns hold"),
        "{stderr}"
    );
    assert!(stderr.contains("odd.csv:1:1"), "{stderr}");
    // A file that is not a framework is never replaced.
    let notes = env.path().join("notes.toml");
    std::fs::write(&notes, "my = \"notes\"\n").expect("write");
    let stderr = env.fails(
        &[
            "ladder",
            "import",
            &fixture("rows.csv"),
            "--output",
            text(&notes),
        ],
        2,
    );
    assert!(stderr.contains("is not a valid framework file"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&notes).expect("kept"),
        "my = \"notes\"\n"
    );
}

#[test]
fn the_starter_file_validates_and_is_never_written_over_a_file() {
    let env = TestEnv::new();
    let printed = env.ok(&["ladder", "new"]);
    let path = env.path().join("starter.toml");
    let stdout = env.ok(&["ladder", "new", "--output", text(&path)]);
    assert!(stdout.contains("Wrote "), "{stdout}");
    assert_eq!(std::fs::read_to_string(&path).expect("written"), printed);
    let validated = env.ok(&["validate", text(&path)]);
    assert!(validated.contains("4 archetypes"), "{validated}");
    let stderr = env.fails(&["ladder", "new", "--output", text(&path)], 2);
    assert!(stderr.contains("already exists"), "{stderr}");
}

// A company ladder installed, and made the default in config.toml.

const ACME: &str = include_str!("../../examples/acme.toml");

fn with_acme_as_default() -> TestEnv {
    let env = TestEnv::new();
    env.add_user_framework("acme.toml", ACME);
    std::fs::write(
        env.config_dir().join("config.toml"),
        "format_version = 1\ndefault_framework = \"acme-engineering\"\n",
    )
    .expect("write config");
    env
}

#[test]
fn the_default_framework_of_the_settings_file_is_used_without_flags() {
    let env = with_acme_as_default();
    let roles = env.ok(&["roles"]);
    assert!(
        roles.contains("E1") && roles.contains("Staff Engineer"),
        "{roles}"
    );
    assert!(!roles.contains("SPE"), "{roles}");
    // An answers file that names no framework is checked against it.
    let answers = env.path().join("answers.toml");
    std::fs::write(
        &answers,
        "person = \"Ada\"\nrole = \"E1\"\n[ratings]\n\"e2.craft.1\" = { rating = 4 }\n",
    )
    .expect("write");
    let stdout = env.ok(&["assess", "--answers", text(&answers)]);
    assert!(stdout.contains("Readiness for E2"), "{stdout}");
}

#[test]
fn a_framework_file_wins_over_the_installed_copy_and_says_so_once() {
    let env = with_acme_as_default();
    let edited = env.path().join("acme-edited.toml");
    std::fs::write(
        &edited,
        ACME.replace("Staff Engineer", "Principal Engineer"),
    )
    .expect("write");
    let output = env.run(&["--framework", text(&edited), "roles"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        output.stdout.contains("Principal Engineer"),
        "{}",
        output.stdout
    );
    let note = format!(
        "note: using {} for framework `acme-engineering`, instead of the installed ",
        edited.display()
    );
    assert_eq!(output.stderr.matches(&note).count(), 1, "{}", output.stderr);
    assert_eq!(output.stderr.lines().count(), 1, "{}", output.stderr);
}

#[test]
fn a_default_framework_that_is_not_loaded_says_how_to_load_it() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.config_dir()).expect("config dir");
    std::fs::write(
        env.config_dir().join("config.toml"),
        "format_version = 1\ndefault_framework = \"acme-engineering\"\n",
    )
    .expect("write config");
    let stderr = env.fails(&["roles"], 3);
    assert!(
        stderr.contains("no framework with id `acme-engineering` is loaded"),
        "{stderr}"
    );
    assert!(stderr.contains("config.toml:2:21"), "{stderr}");
    assert!(stderr.contains("pass `--framework FILE`"), "{stderr}");
    let frameworks_dir = env.config_dir().join("frameworks");
    assert!(
        stderr.contains(&format!("copy it into {}", frameworks_dir.display())),
        "{stderr}"
    );
}

#[test]
fn an_unknown_framework_id_says_how_to_load_it() {
    let env = TestEnv::new();
    let stderr = env.fails(&["--framework", "acme-engineering", "roles"], 2);
    assert!(
        stderr.contains("no framework with id `acme-engineering`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("To load a framework file, pass `--framework FILE`, or copy it into"),
        "{stderr}"
    );
}

#[test]
fn a_broken_settings_file_names_its_line_and_column() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.config_dir()).expect("config dir");
    std::fs::write(
        env.config_dir().join("config.toml"),
        "format_version = 1\ndefault_frameworks = \"x\"\n",
    )
    .expect("write config");
    let stderr = env.fails(&["roles"], 3);
    assert!(stderr.contains("config.toml:2:1"), "{stderr}");
    assert!(
        stderr.contains("did you mean `default_framework`?"),
        "{stderr}"
    );
}

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
        stdout.contains("E1 Engineer (4 statements, next E2) at rows.csv:2:1"),
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
    assert!(
        stdout.contains("one row per competency and a column per level"),
        "{stdout}"
    );
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
    assert!(stdout.contains("one level, \"Engineer (E1)\""), "{stdout}");
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

/// Imports `files` with `extra` options into `<temp>/<out>`, returning the
/// file and the report as JSON.
fn import_json(
    env: &TestEnv,
    files: &[&str],
    extra: &[&str],
    out: &str,
) -> (PathBuf, serde_json::Value) {
    let output = env.path().join(out);
    let mut args = vec!["ladder".to_string(), "import".to_string()];
    args.extend(files.iter().map(|f| fixture(f)));
    args.extend(extra.iter().map(|a| a.to_string()));
    args.extend([
        "--output".to_string(),
        text(&output).to_string(),
        "--format".to_string(),
        "json".to_string(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let json = serde_json::from_str(&env.ok(&args)).expect("import json");
    (output, json)
}

/// (levels, statements) of an import's report, and the levels' titles.
fn shape_of(report: &serde_json::Value) -> (usize, u64, Vec<String>) {
    let levels = report["report"]["levels"].as_array().expect("levels");
    let titles = levels
        .iter()
        .map(|l| l["title"].as_str().unwrap_or_default().to_string())
        .collect();
    (
        levels.len(),
        report["report"]["statements"].as_u64().expect("statements"),
        titles,
    )
}

fn said(report: &serde_json::Value, list: &str, needle: &str) -> bool {
    report["report"][list].as_array().is_some_and(|l| {
        l.iter()
            .any(|g| g["what"].as_str().is_some_and(|w| w.contains(needle)))
    })
}

// Regression: a whole-ladder page with a heading per level and bullets
// right under each became ONE level whose categories were the levels.

#[test]
fn a_whole_ladder_page_with_a_table_of_contents_has_a_level_per_heading() {
    let env = TestEnv::new();
    let (file, report) = import_json(&env, &["shapes/whole-ladder-toc.md"], &[], "toc.toml");
    let (levels, statements, titles) = shape_of(&report);
    assert_eq!((levels, statements), (4, 12), "{titles:?}");
    assert_eq!(titles[0], "Developer 1");
    assert_eq!(report["report"]["levels"][3]["code"], "D4");
    assert!(said(&report, "left_out", "outside any level"), "{report}");
    assess_and_gap(&env, &file);
}

#[test]
fn a_page_of_level_headings_and_no_title_has_a_level_per_heading() {
    let env = TestEnv::new();
    let (file, report) = import_json(&env, &["shapes/h1-levels.md"], &[], "h1.toml");
    let (levels, statements, titles) = shape_of(&report);
    assert_eq!((levels, statements), (3, 8), "{titles:?}");
    assert_eq!(
        titles,
        ["Associate Designer", "Designer", "Senior Designer"]
    );
    let shown = env.ok(&["--framework", text(&file), "show", "L1"]);
    assert!(
        shown.contains("Works on parts of a flow"),
        "the paragraph is the summary: {shown}"
    );
    assess_and_gap(&env, &file);
}

#[test]
fn levels_of_paragraphs_have_a_statement_per_paragraph() {
    let env = TestEnv::new();
    let (file, report) = import_json(&env, &["shapes/programmer-levels.md"], &[], "p.toml");
    let (levels, statements, titles) = shape_of(&report);
    assert_eq!((levels, statements), (4, 8), "{titles:?}");
    assert_eq!(
        titles[1], "Programmer",
        "the stem alone between level words"
    );
    assert!(said(&report, "guesses", "a statement per paragraph"));
    assess_and_gap(&env, &file);
}

// Regression: tables in Markdown were dropped without a word.

#[test]
fn pipe_tables_of_competency_by_level_import_with_their_headings_as_sections() {
    let env = TestEnv::new();
    let (file, report) = import_json(&env, &["shapes/pipe-table.md"], &[], "pipe.toml");
    let (levels, statements, titles) = shape_of(&report);
    assert_eq!((levels, statements), (3, 10), "{titles:?}");
    assert_eq!(titles, ["Junior", "Mid-level", "Senior"]);
    let sections: Vec<&str> = report["report"]["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(sections, ["craft", "people"]);
    let written = std::fs::read_to_string(&file).expect("written");
    assert!(
        written.contains("\"Adds unit tests for the code they change.\"")
            && written.contains("\"Runs the suite before review.\""),
        "a `<br>` splits a cell into statements: {written}"
    );
    assess_and_gap(&env, &file);
}

#[test]
fn an_html_table_with_a_list_per_cell_imports() {
    let env = TestEnv::new();
    let (file, report) = import_json(&env, &["shapes/html-table.md"], &[], "html.toml");
    let (levels, statements, titles) = shape_of(&report);
    assert_eq!((levels, statements), (3, 8), "{titles:?}");
    let written = std::fs::read_to_string(&file).expect("written");
    assert!(
        written.contains("time & tone"),
        "entities decoded: {written}"
    );
    assess_and_gap(&env, &file);
}

// Regression: front matter was read as a setext heading, and pages were
// levels in glob order.

#[test]
fn front_matter_names_the_levels_and_its_weight_orders_them() {
    let env = TestEnv::new();
    let pages = [
        "shapes/front-matter/a-senior.md",
        "shapes/front-matter/b-associate.md",
        "shapes/front-matter/c-analyst.md",
    ];
    let (file, report) = import_json(&env, &pages, &[], "fm.toml");
    let (levels, statements, titles) = shape_of(&report);
    assert_eq!((levels, statements), (3, 9));
    assert_eq!(titles, ["Associate Analyst", "Analyst", "Senior Analyst"]);
    assert!(said(&report, "guesses", "front-matter weight"), "{report}");
    assess_and_gap(&env, &file);
    // The guess corrected: the order given.
    let (_, given) = import_json(&env, &pages, &["--order", "given"], "fm-given.toml");
    assert_eq!(
        shape_of(&given).2,
        ["Senior Analyst", "Associate Analyst", "Analyst"]
    );
}

// Regression: links to the other pages at the top and bottom of every
// page became statements to rate.

#[test]
fn navigation_lists_are_left_out_and_counted() {
    let env = TestEnv::new();
    let (file, report) = import_json(
        &env,
        &[
            "shapes/navigation/Data Analyst 1.md",
            "shapes/navigation/Data Analyst 2.md",
        ],
        &[],
        "nav.toml",
    );
    let (levels, statements, titles) = shape_of(&report);
    assert_eq!((levels, statements), (2, 6), "{titles:?}");
    assert!(
        said(&report, "left_out", "5 lines that are only a link"),
        "{report}"
    );
    let written = std::fs::read_to_string(&file).expect("written");
    assert!(!written.contains("Data%20Analyst"), "{written}");
    assert!(
        written.contains("examples = [\"A chart that replaced a table in the weekly report.\"]"),
        "{written}"
    );
    assess_and_gap(&env, &file);
}

// Regression: two pages with the same title merged into one level.

#[test]
fn two_pages_with_one_title_are_two_levels_and_a_warning() {
    let env = TestEnv::new();
    let (file, report) = import_json(
        &env,
        &[
            "shapes/duplicate/principal-1.md",
            "shapes/duplicate/principal-2.md",
        ],
        &[],
        "dup.toml",
    );
    let (levels, statements, titles) = shape_of(&report);
    assert_eq!((levels, statements), (2, 5));
    assert_eq!(titles, ["Principal I", "principal 2"]);
    assert!(said(
        &report,
        "guesses",
        "\"Principal I\" is the title of an earlier level"
    ));
    assess_and_gap(&env, &file);
}

// Regression: a sheet with a row per level was refused; blank lines in a
// cell did not separate statements; "E1, ~ 1 yr" was titled "~ 1 yr".

#[test]
fn a_sheet_with_a_row_per_level_imports_with_blank_lines_splitting_cells() {
    let env = TestEnv::new();
    let (file, report) = import_json(&env, &["shapes/levels-in-rows.csv"], &[], "rows.toml");
    let (levels, statements, titles) = shape_of(&report);
    assert_eq!((levels, statements), (3, 11), "{titles:?}");
    assert_eq!(titles, ["E1", "E2", "E3"]);
    let written = std::fs::read_to_string(&file).expect("written");
    assert!(
        written.contains("name = \"Delivery and planning\""),
        "the second header row names the competencies: {written}"
    );
    assert!(written.contains("summary = \"~ 1 yr\""), "{written}");
    assess_and_gap(&env, &file);
}

// Regression: an Expected column in the ladder's own words was refused.

#[test]
fn proficiency_words_make_the_scale_and_set_expected_ratings() {
    let env = TestEnv::new();
    let (file, report) = import_json(&env, &["shapes/proficiency.csv"], &[], "prof.toml");
    let (levels, statements, _) = shape_of(&report);
    assert_eq!((levels, statements), (4, 8));
    assert_eq!(
        report["report"]["scale"],
        serde_json::json!([
            "Not yet",
            "Awareness",
            "Foundational",
            "Working knowledge",
            "Practitioner",
            "Expert"
        ])
    );
    let written = std::fs::read_to_string(&file).expect("written");
    assert!(
        written.contains("text = \"Designs the data platform others build on.\", expected = 5"),
        "{written}"
    );
    assess_and_gap(&env, &file);
    // The words' order corrected with --scale.
    let (_, named) = import_json(
        &env,
        &["shapes/proficiency.csv"],
        &[
            "--scale",
            "Awareness, Foundational, Practitioner, Working knowledge, Expert",
        ],
        "prof2.toml",
    );
    assert_eq!(named["report"]["scale"][4], "Working knowledge");
}

// Regression: a Track column was ignored, and "Craftsmanship (C2)" made a
// section per grade.

#[test]
fn a_track_column_gives_one_section_per_track() {
    let env = TestEnv::new();
    let (file, report) = import_json(&env, &["shapes/tracks.csv"], &[], "tracks.toml");
    let (levels, statements, _) = shape_of(&report);
    assert_eq!((levels, statements), (3, 8));
    let sections: Vec<&str> = report["report"]["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(sections, ["craftsmanship", "collaboration"]);
    let gap = assess_and_gap(&env, &file);
    assert!(gap.contains("Code"), "{gap}");
}

#[test]
fn a_korean_whole_ladder_page_imports() {
    let env = TestEnv::new();
    let (file, report) = import_json(&env, &["shapes/korean.md"], &[], "ko.toml");
    let (levels, statements, titles) = shape_of(&report);
    assert_eq!((levels, statements), (3, 7));
    assert_eq!(titles[2], "스태프 엔지니어");
    let codes: Vec<&str> = report["report"]["levels"]
        .as_array()
        .expect("levels")
        .iter()
        .filter_map(|l| l["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        ["L1", "L2", "L3"],
        "no initials of a transliteration"
    );
    let gap = assess_and_gap(&env, &file);
    assert!(gap.contains("시니어 엔지니어"), "{gap}");
}

#[test]
fn wrong_guesses_are_corrected_with_options_alone() {
    let env = TestEnv::new();
    // The whole page as one level, its level headings its categories.
    let (_, report) = import_json(
        &env,
        &["shapes/whole-ladder-toc.md"],
        &["--levels", "files"],
        "a.toml",
    );
    assert_eq!(shape_of(&report).0, 1);
    // Headings under each level as sections, not categories.
    let (_, report) = import_json(
        &env,
        &[
            "shapes/navigation/Data Analyst 1.md",
            "shapes/navigation/Data Analyst 2.md",
        ],
        &["--sections", "h2"],
        "b.toml",
    );
    let sections: Vec<&str> = report["report"]["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(sections, ["skills", "impact"]);
    // The levels are the `##` headings of a page the guess read as one.
    let (_, report) = import_json(
        &env,
        &["role-pages/1-engineer.md"],
        &["--levels", "h2"],
        "c.toml",
    );
    assert_eq!(shape_of(&report).2, ["Behaviours", "Responsibilities"]);
    // A sheet whose section column has an unusual name.
    let sheet = env.path().join("odd.csv");
    std::fs::write(
        &sheet,
        "Level,Family,Statement\nE1,Craft,Ships.\nE2,Craft,Plans.\n",
    )
    .expect("write");
    let stdout = env.ok(&[
        "ladder",
        "import",
        text(&sheet),
        "--sections",
        "Family",
        "--dry-run",
    ]);
    assert!(stdout.contains("craft from \"Craft\""), "{stdout}");
    let stderr = env.fails(&["ladder", "import", text(&sheet), "--levels", "h9"], 2);
    assert!(stderr.contains("--levels `h9`"), "{stderr}");
}

#[test]
fn the_dry_run_tree_fits_80_columns() {
    let env = TestEnv::new();
    let output = env
        .command()
        .env("COLUMNS", "80")
        .args([
            "ladder",
            "import",
            &fixture("shapes/pipe-table.md"),
            "--dry-run",
        ])
        .output()
        .expect("run");
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    for line in stdout.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    insta::assert_snapshot!(stdout);
}

// Regression: in a CRLF file an error in a row's first cell pointed one
// line too high (2:7 for 3:1).

#[test]
fn an_error_in_the_first_cell_of_a_crlf_row_names_its_line() {
    let env = TestEnv::new();
    let sheet = env.path().join("crlf.csv");
    std::fs::write(&sheet, "Competency,E1,E2\r\nA,x,z\r\n,n1,n2\r\n").expect("write");
    let stderr = env.fails(&["ladder", "import", text(&sheet), "--dry-run"], 3);
    assert!(stderr.contains("crlf.csv:3:1"), "{stderr}");
    assert!(stderr.contains("a row with no competency"), "{stderr}");
}

// Regression: an unterminated quote swallowed the rest of the file into
// one statement, with exit 0.

#[test]
fn an_unterminated_quote_is_an_error_at_the_quote() {
    let env = TestEnv::new();
    let sheet = env.path().join("quote.csv");
    std::fs::write(
        &sheet,
        "Level,Statement\nE1,Ships.\nE1,\"Plans\nE2,Leads.\n",
    )
    .expect("write");
    let stderr = env.fails(&["ladder", "import", text(&sheet), "--dry-run"], 3);
    assert!(stderr.contains("quote.csv:3:4"), "{stderr}");
    assert!(stderr.contains("this quote is never closed"), "{stderr}");
}

// Regression: `--output` over a framework written by hand replaced it.

#[test]
fn output_never_replaces_a_framework_the_import_did_not_write_unless_forced() {
    let env = TestEnv::new();
    // The starter file, filled in by hand: a valid framework with the
    // default scale, which the import used to read as its previous
    // import and replace.
    let mine = env.path().join("mine.toml");
    env.ok(&["ladder", "new", "--output", text(&mine)]);
    let written = std::fs::read_to_string(&mine).expect("starter");
    let args = [
        "ladder",
        "import",
        &fixture("rows.csv"),
        "--output",
        text(&mine),
    ];
    let stderr = env.fails(&args, 2);
    assert!(stderr.contains("did not write"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&mine).expect("kept"), written);
    let mut forced = args.to_vec();
    forced.push("--force");
    let stdout = env.ok(&forced);
    assert!(stdout.contains("Replaced "), "{stdout}");
    // What the import wrote carries its mark: importing again needs no
    // --force.
    let again = env.ok(&args);
    assert!(again.contains("kept their ids"), "{again}");
}

// Regression: temporary files of a killed import stayed beside the output
// for good.

#[test]
fn temporary_files_of_a_killed_import_are_removed_and_ones_in_use_are_not() {
    let env = TestEnv::new();
    let output = env.path().join("acme.toml");
    let dead = env.path().join(".rungs-acme+dead01.tmp");
    std::fs::write(&dead, "half a file").expect("write");
    let live = env.path().join(".rungs-acme+live01.tmp");
    std::fs::write(&live, "being written").expect("write");
    let held = std::fs::File::open(&live).expect("open");
    held.lock().expect("lock, as a running import does");
    let other = env.path().join(".rungs-other+dead02.tmp");
    std::fs::write(&other, "another file's").expect("write");
    env.ok(&[
        "ladder",
        "import",
        &fixture("rows.csv"),
        "--output",
        text(&output),
    ]);
    assert!(!dead.exists(), "a leftover of a killed import");
    assert!(live.exists(), "a temporary file another import holds");
    assert!(other.exists(), "another file's temporary file");
    drop(held);
    let leftovers: Vec<_> = std::fs::read_dir(env.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".rungs-acme+"))
        .collect();
    assert_eq!(leftovers.len(), 1, "only the held one: {leftovers:?}");
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

/// `--levels` of the wrong kind for a file is said, with the options that
/// do apply, rather than looking as if it had been followed.
#[test]
fn levels_that_do_not_apply_to_a_file_are_said() {
    let env = TestEnv::new();
    let (_, sheet) = import_json(
        &env,
        &["shapes/levels-in-rows.csv"],
        &["--levels", "h2"],
        "sheet.toml",
    );
    assert!(
        said(&sheet, "guesses", "--levels h2 is for pages"),
        "{sheet:#}"
    );
    let (_, page) = import_json(
        &env,
        &["shapes/h1-levels.md"],
        &["--levels", "rows"],
        "page.toml",
    );
    assert!(
        said(&page, "guesses", "--levels rows is for tables of levels"),
        "{page:#}"
    );
    // Where they apply, nothing is said of them.
    let (_, plain) = import_json(&env, &["shapes/levels-in-rows.csv"], &[], "plain.toml");
    assert!(!said(&plain, "guesses", "--levels"), "{plain:#}");
}

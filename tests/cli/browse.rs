//! `rungs roles`, `show` and `frameworks` on built-in and user frameworks.

use serde_json::Value;

use crate::support::TestEnv;

const ACME: &str = "examples/acme.toml";

#[test]
fn roles_table_is_pinned() {
    insta::assert_snapshot!(TestEnv::new().ok(&["roles"]));
}

#[test]
fn roles_markdown_is_pinned() {
    insta::assert_snapshot!(TestEnv::new().ok(&["roles", "--format", "md"]));
}

#[test]
fn roles_json_lists_every_archetype_with_its_ladder_data() {
    let json: Value =
        serde_json::from_str(&TestEnv::new().ok(&["roles", "--format", "json"])).expect("json");
    let roles = json.as_array().expect("an array");
    let codes: Vec<&str> = roles
        .iter()
        .map(|r| r["code"].as_str().expect("code"))
        .collect();
    assert_eq!(
        codes,
        [
            "GPE", "JPE", "IMPE", "SPE", "TTL", "LSE", "EM", "PA", "HoE", "VP"
        ]
    );
    let spe = &roles[3];
    assert_eq!(spe["title"], "Senior Platform Engineer");
    assert_eq!(spe["sfia"], serde_json::json!([4, 5]));
    assert_eq!(spe["next"], serde_json::json!(["LSE"]));
    assert_eq!(spe["lateral"], serde_json::json!(["TTL"]));
    assert_eq!(
        roles[4]["lateral"],
        serde_json::json!(["SPE"]),
        "TTL, both ways"
    );
    assert_eq!(roles[9]["next"], serde_json::json!([]));
}

#[test]
fn roles_of_a_custom_framework_file() {
    insta::assert_snapshot!(TestEnv::new().ok(&["--framework", ACME, "roles"]));
}

#[test]
fn show_matches_codes_without_case() {
    let env = TestEnv::new();
    assert_eq!(env.ok(&["show", "spe"]), env.ok(&["show", "SPE"]));
}

#[test]
fn show_table_is_pinned() {
    insta::assert_snapshot!(TestEnv::new().ok(&["--framework", ACME, "show", "E2"]));
}

#[test]
fn show_markdown_is_pinned() {
    insta::assert_snapshot!(TestEnv::new().ok(&[
        "--framework",
        ACME,
        "show",
        "e2",
        "--format",
        "md"
    ]));
}

#[test]
fn show_json_lists_every_statement_with_id_and_text() {
    let json: Value =
        serde_json::from_str(&TestEnv::new().ok(&["show", "SPE", "--format", "json"]))
            .expect("json");
    let statements = json["statements"].as_array().expect("statements");
    assert_eq!(statements.len(), 80);
    assert_eq!(statements[0]["id"], "spe.idp.1");
    assert!(
        statements
            .iter()
            .all(|s| s["text"].as_str().is_some_and(|t| !t.is_empty()))
    );
    let behaviours = statements
        .iter()
        .filter(|s| s["section"] == "behaviours")
        .count();
    assert_eq!(behaviours, 43);
}

/// The core statements, the ones a check-in asks, are marked in the
/// table and in Markdown, and counted in the facts line.
#[test]
fn show_marks_the_core_statements() {
    let env = TestEnv::new();
    let json: Value =
        serde_json::from_str(&env.ok(&["show", "SPE", "--format", "json"])).expect("json");
    let statements = json["statements"].as_array().expect("statements");
    let (core, other): (Vec<&Value>, Vec<&Value>) =
        statements.iter().partition(|s| s["core"] == true);
    assert!(!core.is_empty() && !other.is_empty());
    let id = |s: &Value| s["id"].as_str().expect("an id").to_string();

    let table = env.ok(&["show", "SPE"]);
    let flat = table.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&format!(
            "{} of them core (◆: asked in every check-in)",
            core.len()
        )),
        "{table}"
    );
    for statement in &core {
        assert!(table.contains(&format!("{} ◆", id(statement))), "{table}");
    }
    for statement in &other {
        assert!(!table.contains(&format!("{} ◆", id(statement))), "{table}");
    }
    let markdown = env.ok(&["show", "SPE", "--format", "md"]);
    for statement in &core {
        assert!(
            markdown.contains(&format!("`{}` ◆", id(statement))),
            "{markdown}"
        );
    }
    assert_eq!(markdown.matches(" ◆ ").count(), core.len());
}

#[test]
fn an_unknown_code_lists_the_valid_ones_and_suggests_the_nearest() {
    let stderr = TestEnv::new().fails(&["show", "SPX"], 2);
    assert_eq!(
        stderr,
        "error: no archetype `SPX` in framework `platform-engineering`\n  help: did you mean `SPE`? valid codes: GPE, JPE, IMPE, SPE, TTL, LSE, EM, PA, HoE, VP\n"
    );
}

#[test]
fn an_unknown_framework_id_suggests_the_nearest() {
    let stderr = TestEnv::new().fails(&["--framework", "platform-engneering", "roles"], 2);
    assert!(
        stderr.contains("no framework with id `platform-engneering`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `platform-engineering`?"),
        "{stderr}"
    );
}

#[test]
fn frameworks_lists_built_in_and_user_frameworks() {
    let env = TestEnv::new();
    env.add_user_framework(
        "acme.toml",
        &std::fs::read_to_string(ACME).expect("example"),
    );
    let json: Value =
        serde_json::from_str(&env.ok(&["frameworks", "--format", "json"])).expect("json");
    assert_eq!(json[0]["id"], "platform-engineering");
    assert_eq!(json[0]["source"], "built-in");
    assert_eq!(json[1]["id"], "acme-engineering");
    assert_eq!(json[1]["source"], "config");
    // A framework in the config directory is found by id.
    assert!(
        env.ok(&["--framework", "acme-engineering", "roles"])
            .contains("E1 → E2 → E3")
    );
}

#[test]
fn a_user_framework_with_a_built_in_id_replaces_it() {
    let env = TestEnv::new();
    let text = std::fs::read_to_string(ACME).expect("example").replace(
        r#"id = "acme-engineering""#,
        r#"id = "platform-engineering""#,
    );
    env.add_user_framework("mine.toml", &text);
    let table = env.ok(&["frameworks"]);
    assert!(table.contains("`platform-engineering` from "), "{table}");
    let words = table.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("mine.toml replaces the built-in framework with that id."),
        "{table}"
    );
    let json: Value =
        serde_json::from_str(&env.ok(&["frameworks", "--format", "json"])).expect("json");
    assert_eq!(
        json.as_array().map(Vec::len),
        Some(1),
        "the built-in one is still listed: {json}"
    );
    assert_eq!(json[0]["replaces_built_in"], true);
    assert!(env.ok(&["roles"]).contains("E1 → E2 → E3"));
}

#[test]
fn a_broken_user_framework_is_reported_with_its_path() {
    let env = TestEnv::new();
    let path = env.add_user_framework("broken.toml", "format_version = 1\nid = \n");
    let stderr = env.fails(&["roles"], 3);
    assert!(
        stderr.contains(&format!("{}:2:", path.display())),
        "{stderr}"
    );
}

#[test]
fn two_user_files_with_one_id_are_refused() {
    let env = TestEnv::new();
    let text = std::fs::read_to_string(ACME).expect("example");
    env.add_user_framework("a.toml", &text);
    env.add_user_framework("b.toml", &text);
    let stderr = env.fails(&["frameworks"], 3);
    assert!(
        stderr.contains("two framework files have the id `acme-engineering`"),
        "{stderr}"
    );
}

#[test]
fn completions_are_generated_for_each_shell() {
    let env = TestEnv::new();
    // Each script registers a completer for `rungs` that calls back into
    // rungs with RUNGS_COMPLETE set to the shell's name.
    for (shell, marker) in [
        (
            "bash",
            "complete -o nospace -o bashdefault -o nosort -F _clap_complete_rungs rungs",
        ),
        ("zsh", "compdef _clap_dynamic_completer_rungs rungs"),
        ("fish", "complete --keep-order --exclusive --command rungs"),
        ("elvish", "set edit:completion:arg-completer[rungs]"),
        (
            "powershell",
            "Register-ArgumentCompleter -Native -CommandName rungs",
        ),
    ] {
        let script = env.ok(&["completions", shell]);
        assert!(script.contains(marker), "{shell}:\n{script}");
        assert!(script.contains("RUNGS_COMPLETE"), "{shell}:\n{script}");
    }
}

/// What the completion engine offers for the last word of `words`, as a
/// shell would ask (fish's protocol: one candidate a line, with help after
/// a tab).
fn complete(env: &TestEnv, words: &[&str]) -> Vec<String> {
    let output = env
        .command()
        .env("RUNGS_COMPLETE", "fish")
        .arg("--")
        .arg("rungs")
        .args(words)
        .output()
        .expect("run");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(|line| line.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn completions_offer_codes_ids_and_people_not_file_names() {
    let env = TestEnv::new().with_fixture_assessments();
    let codes = complete(&env, &["show", ""]);
    assert!(
        codes.contains(&"SPE".to_string()) && codes.contains(&"VP".to_string()),
        "{codes:?}"
    );
    assert_eq!(complete(&env, &["assess", "--to", "L"]), ["LSE"]);
    let ids = complete(&env, &["gap", ""]);
    assert!(ids.contains(&"ada-spe-2026-11-20".to_string()), "{ids:?}");
    assert!(ids.iter().all(|id| !id.ends_with(".toml")), "{ids:?}");
    let people = complete(&env, &["progress", "--person", ""]);
    assert!(people.contains(&"Ada".to_string()), "{people:?}");
    let frameworks = complete(&env, &["--framework", "plat"]);
    assert_eq!(frameworks, ["platform-engineering"]);
}

#[test]
fn help_has_examples_for_every_command() {
    use clap::CommandFactory;
    let env = TestEnv::new();
    let commands: Vec<String> = rungs::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    assert!(commands.len() >= 13, "{commands:?}");
    for command in &commands {
        let help = env.ok(&[command, "--help"]);
        assert!(
            help.contains("Examples:"),
            "{command} --help has no examples:\n{help}"
        );
    }
    assert!(env.ok(&["--help"]).contains("Examples:"));
}

#[test]
fn output_to_a_pipe_has_no_escape_codes() {
    let env = TestEnv::new();
    let mut command = env.command();
    command
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "0")
        .args(["show", "SPE"]);
    let output = command.output().expect("run");
    assert!(
        !output.stdout.contains(&0x1b),
        "escape codes in piped output"
    );
}

#[test]
fn versus_table_is_pinned() {
    insta::assert_snapshot!(TestEnv::new().ok(&["--framework", ACME, "show", "E1", "--vs", "e2"]));
}

#[test]
fn versus_markdown_is_pinned() {
    insta::assert_snapshot!(TestEnv::new().ok(&[
        "--framework",
        ACME,
        "show",
        "E1",
        "--vs",
        "E2",
        "--format",
        "md"
    ]));
}

#[test]
fn versus_json_pairs_categories_and_counts_both_sides() {
    let env = TestEnv::new();
    let json: Value =
        serde_json::from_str(&env.ok(&["show", "SPE", "--vs", "LSE", "--format", "json"]))
            .expect("json");
    assert_eq!(json["from"]["code"], "SPE");
    assert_eq!(json["to"]["code"], "LSE");
    assert_eq!(json["is_next_step"], true);
    assert_eq!(json["is_move_across"], false);
    let sections = json["sections"].as_array().expect("sections");
    let ids: Vec<&str> = sections
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    assert_eq!(
        ids,
        ["responsibilities", "focus", "behaviours", "skills", "ai"]
    );
    let behaviours = &sections[2];
    assert_eq!(behaviours["from_count"], 43);
    let categories: Vec<&str> = behaviours["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["category"].as_str().expect("category"))
        .collect();
    assert_eq!(
        categories,
        [
            "learning",
            "delivery",
            "quality",
            "communication",
            "collaboration",
            "ownership",
            "foundation"
        ]
    );
    let total: u64 = sections
        .iter()
        .map(|s| s["to_count"].as_u64().expect("count"))
        .sum();
    assert_eq!(Some(total), json["to"]["statements"].as_u64());

    let json: Value =
        serde_json::from_str(&env.ok(&["show", "GPE", "--vs", "VP", "--format", "json"]))
            .expect("json");
    assert_eq!(json["is_next_step"], false);
    assert_eq!(json["is_move_across"], false);
}

#[test]
fn versus_names_a_lateral_link_a_move_across_either_way() {
    let env = TestEnv::new();
    for (from, to) in [("SPE", "TTL"), ("TTL", "SPE"), ("PA", "HoE")] {
        let json: Value =
            serde_json::from_str(&env.ok(&["show", from, "--vs", to, "--format", "json"]))
                .expect("json");
        assert_eq!(json["is_next_step"], false, "{from} --vs {to}");
        assert_eq!(json["is_move_across"], true, "{from} --vs {to}");
        let text = env.ok(&["show", from, "--vs", to, "--format", "md"]);
        assert!(
            text.contains(&format!("{} is a move across from {}", to, from)),
            "{text}"
        );
    }
}

#[test]
fn versus_with_an_unknown_code_is_a_usage_error() {
    let stderr = TestEnv::new().fails(&["show", "SPE", "--vs", "LES"], 2);
    assert!(stderr.contains("did you mean `LSE`?"), "{stderr}");
}

/// Format version 2 shows what it adds: section and category
/// descriptions, the rating a statement is met at when it differs from the
/// scale's, examples, and lateral moves.
#[test]
fn show_of_a_version_two_framework_is_pinned() {
    let env = TestEnv::new();
    let args = ["--framework", "examples/acme-v2.toml", "show", "E2"];
    insta::assert_snapshot!("show_v2_table", env.ok(&args));
    let mut md = args.to_vec();
    md.extend(["--format", "md"]);
    insta::assert_snapshot!("show_v2_markdown", env.ok(&md));
    let mut json = args.to_vec();
    json.extend(["--format", "json"]);
    let value: Value = serde_json::from_str(&env.ok(&json)).expect("json");
    let statements = value["statements"].as_array().expect("statements");
    assert!(
        statements
            .iter()
            .any(|s| s["examples"].as_array().is_some_and(|e| !e.is_empty()))
    );
    assert!(statements.iter().any(|s| s["met"] == 4));
    assert!(value["lateral"].is_array());
}

/// Issue 11, item 5: a ladder whose roles form a diamond lattice (each
/// level leads to two roles that both lead to the next pair) has 2^40
/// paths at forty levels; `roles` drew every one and never ended. The
/// drawing is now bounded and says how to see every link.
#[test]
fn a_lattice_ladder_is_drawn_in_a_bounded_number_of_lines() {
    let env = TestEnv::new();
    let levels = 40;
    let mut text = String::from(
        "format_version = 1\nid = \"lattice\"\nname = \"Lattice\"\nversion = \"1\"\n\n[[section]]\nid = \"s\"\nname = \"S\"\n",
    );
    for level in 0..levels {
        for side in ["a", "b"] {
            text.push_str(&format!(
                "\n[[archetype]]\ncode = \"L{level}{side}\"\ntitle = \"Level {level} {side}\"\n"
            ));
            if level + 1 < levels {
                text.push_str(&format!("next = [\"L{0}a\", \"L{0}b\"]\n", level + 1));
            }
        }
    }
    let path = env.path().join("lattice.toml");
    std::fs::write(&path, text).expect("write");
    let output = env
        .command()
        .args(["--framework", path.to_str().expect("utf-8"), "roles"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("run");
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert!(stdout.len() < 64 * 1024, "{} bytes", stdout.len());
    assert!(
        stdout.contains("more paths than 40 lines can show"),
        "{stdout}"
    );
    let json: Value = serde_json::from_str(&env.ok(&[
        "--framework",
        path.to_str().expect("utf-8"),
        "roles",
        "--format",
        "json",
    ]))
    .expect("json");
    assert_eq!(json.as_array().map(Vec::len), Some(80));
}

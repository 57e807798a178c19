//! The quarterly check-in in a pseudo-terminal of 80 by 24: the cores of
//! SPE and LSE on the built-in ladder, a first one and a repeat with five
//! changes, counting every key pressed; then a full walk that finds the
//! check-in's answers and the last full walk's.

use serde_json::Value;

use crate::support::{Pty, TestEnv, full_answers};

/// Statements in the cores of SPE (14) and LSE (15).
const CHECK_IN: usize = 29;

fn spawn(env: &TestEnv, args: &[&str]) -> Pty {
    let mut all = vec!["assess"];
    all.extend(args);
    Pty::spawn_with(env, &all, &[("COLUMNS", "80"), ("LINES", "24")])
}

/// Presses one key and counts it.
fn press(session: &mut Pty, key: &str, keys: &mut usize) {
    session.press(key);
    *keys += 1;
}

fn assessments(env: &TestEnv) -> Vec<Value> {
    let json: Value = serde_json::from_str(&env.ok(&["list", "--format", "json"])).expect("json");
    json.as_array().expect("array").clone()
}

fn load(env: &TestEnv, id: &str) -> toml::Table {
    let text = std::fs::read_to_string(env.assessment_path(id)).expect("assessment file");
    text.parse().expect("the file is valid TOML")
}

fn rating(file: &toml::Table, id: &str) -> Option<i64> {
    file["ratings"].get(id)?.get("rating")?.as_integer()
}

/// A first check-in, every core statement rated 2 with no evidence: one
/// judgement each. Returns the keys pressed.
fn first_check_in(env: &TestEnv) -> usize {
    let mut session = spawn(
        env,
        &[
            "--person",
            "Ada",
            "--role",
            "SPE",
            "--to",
            "LSE",
            "--check-in",
        ],
    );
    let mut keys = 0;
    for n in 1..=CHECK_IN {
        session.expect(&format!("{n}/{CHECK_IN}"));
        if n == 1 {
            // The first statement of the SPE core, its examples under it.
            session.expect("Defines versioned platform APIs");
            session.expect("· A versioned platform API");
        }
        press(&mut session, "2", &mut keys);
        session.expect("Evidence");
        press(&mut session, "\r", &mut keys);
    }
    session.expect("Record agreed focus areas now?");
    press(&mut session, "\r", &mut keys);
    session.exp_eof().expect("exits");
    keys
}

#[test]
fn a_first_check_in_rates_the_two_cores_with_their_examples_on_screen() {
    let env = TestEnv::new();
    let keys = first_check_in(&env);
    // 29 judgements: a digit and Enter for the evidence line each, and
    // one key to leave the focus areas for later.
    assert_eq!(keys, 2 * CHECK_IN + 1);
    let rows = assessments(&env);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["kind"], "check-in");
    assert_eq!(rows[0]["status"], "complete");
    assert_eq!(rows[0]["total"], CHECK_IN);
    let id = rows[0]["id"].as_str().expect("id");
    let file = load(&env, id);
    assert_eq!(file["format_version"].as_integer(), Some(2));
    assert_eq!(file["kind"].as_str(), Some("check-in"));
    assert_eq!(
        file["ratings"].as_table().map(toml::Table::len),
        Some(CHECK_IN)
    );
    assert_eq!(rating(&file, "spe.idp.3"), Some(2));
    assert_eq!(rating(&file, "spe.idp.1"), None, "not in the core");
}

#[test]
fn a_repeat_check_in_with_five_changes_takes_at_most_forty_keys() {
    let env = TestEnv::new();
    first_check_in(&env);
    let first = assessments(&env)[0]["id"].as_str().expect("id").to_string();

    // Assessed before: the check-in is offered first.
    let mut session = spawn(&env, &["--person", "Ada", "--role", "SPE", "--to", "LSE"]);
    let mut keys = 0;
    session.expect("Which assessment?");
    session.expect("Check-in: the core of SPE and LSE, 29 statements");
    press(&mut session, "\r", &mut keys);
    let changed = [1, 5, 10, 20, 29];
    for n in 1..=CHECK_IN {
        session.expect(&format!("{n}/{CHECK_IN}"));
        session.expect("last time (");
        if changed.contains(&n) {
            press(&mut session, "3", &mut keys);
            session.expect("Evidence");
            press(&mut session, "\r", &mut keys);
        } else {
            press(&mut session, "k", &mut keys);
        }
    }
    session.expect("Record agreed focus areas now?");
    press(&mut session, "\r", &mut keys);
    session.exp_eof().expect("exits");
    // One key to choose, one per unchanged statement, two per change, one
    // to leave the focus areas.
    assert_eq!(keys, 1 + (CHECK_IN - 5) + 2 * 5 + 1);
    assert!(keys <= 40, "{keys} keys");

    let rows = assessments(&env);
    let repeat = rows
        .iter()
        .find(|row| row["id"] != first.as_str())
        .expect("the repeat");
    assert_eq!(repeat["kind"], "check-in");
    assert_eq!(repeat["status"], "complete");
    let file = load(&env, repeat["id"].as_str().expect("id"));
    assert_eq!(rating(&file, "spe.idp.3"), Some(3), "the first, changed");
    assert_eq!(rating(&file, "spe.cloud.2"), Some(2), "kept");
}

#[test]
fn a_full_walk_after_a_check_in_finds_both_its_answers_and_the_last_full_walks() {
    let env = TestEnv::new();
    // A full assessment earlier in the year: everything rated 1.
    let path = env.path().join("full.toml");
    std::fs::write(&path, full_answers("person = \"Ada\"", &[])).expect("write");
    env.ok(&["assess", "--answers", path.to_str().expect("utf-8")]);
    first_check_in(&env);

    let mut session = spawn(
        &env,
        &["--person", "Ada", "--role", "SPE", "--to", "LSE", "--full"],
    );
    let mut keys = 0;
    // The first category of SPE holds both: idp.3 from the check-in (2),
    // the others from the full walk (1).
    session.expect("1-5/164");
    session.expect("K keep all as last time");
    press(&mut session, "K", &mut keys);
    session.expect("6-10/164");
    press(&mut session, "q", &mut keys);
    session.expect("Saved 5 of 164 answers");
    session.exp_eof().expect("exits");

    let rows = assessments(&env);
    let full = rows
        .iter()
        .find(|row| row["kind"] == "full" && row["status"] == "in-progress")
        .expect("the new full walk");
    let file = load(&env, full["id"].as_str().expect("id"));
    assert_eq!(rating(&file, "spe.idp.3"), Some(2), "from the check-in");
    assert_eq!(rating(&file, "spe.idp.1"), Some(1), "from the full walk");
}

/// The core ids of a role of the built-in ladder, as the file lists them.
fn core_ids(code: &str) -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/frameworks/platform-engineering.toml"
    );
    let ladder: toml::Table = std::fs::read_to_string(path)
        .expect("the ladder")
        .parse()
        .expect("TOML");
    let archetype = ladder["archetype"]
        .as_array()
        .expect("archetypes")
        .iter()
        .find(|a| a["code"].as_str() == Some(code))
        .expect("the role");
    archetype["core"]
        .as_array()
        .expect("a core")
        .iter()
        .map(|id| id.as_str().expect("id").to_string())
        .collect()
}

/// An assessment file of Ada, SPE to LSE, completed at `day`, with these
/// answers: (id, rating, evidence).
fn stored(
    id: &str,
    kind: Option<&str>,
    day: &str,
    answers: &[(String, u8, Option<&str>)],
) -> String {
    let at = format!("{day}T17:00:00+01:00");
    let mut text = format!(
        "format_version = {}\nid = \"{id}\"\nframework = \"platform-engineering\"\nframework_version = \"2.1.0\"\nperson = \"Ada\"\nrole = \"SPE\"\nto = \"LSE\"\n",
        if kind.is_some() { 2 } else { 1 }
    );
    if let Some(kind) = kind {
        text.push_str(&format!("kind = \"{kind}\"\n"));
    }
    text.push_str(&format!(
        "started = \"{at}\"\nupdated = \"{at}\"\ncompleted = \"{at}\"\n"
    ));
    for (statement, rating, evidence) in answers {
        text.push_str(&format!(
            "\n[ratings.\"{statement}\"]\nrating = {rating}\nat = \"{at}\"\n"
        ));
        if let Some(evidence) = evidence {
            text.push_str(&format!("evidence = \"{evidence}\"\n"));
        }
    }
    text
}

/// A full walk in June (everything 1), a check-in in September (the SPE
/// core met, six of the LSE core) and one in November (nine).
fn quarters() -> TestEnv {
    let env = TestEnv::new();
    let all: Vec<String> = crate::support::statement_ids("SPE")
        .into_iter()
        .chain(crate::support::statement_ids("LSE"))
        .collect();
    let june: Vec<(String, u8, Option<&str>)> =
        all.iter().map(|id| (id.clone(), 1, None)).collect();
    env.add_assessment(
        "ada-spe-2026-06-30",
        &stored("ada-spe-2026-06-30", None, "2026-06-30", &june),
    );
    let check_in = |met: usize| -> Vec<(String, u8, Option<&str>)> {
        let spe = core_ids("SPE")
            .into_iter()
            .map(|id| (id, 2, Some("ADR-12 and the platform roadmap")));
        let lse = core_ids("LSE")
            .into_iter()
            .enumerate()
            .map(|(n, id)| (id, if n < met { 2 } else { 1 }, None));
        spe.chain(lse).collect()
    };
    env.add_assessment(
        "ada-spe-2026-09-30",
        &stored(
            "ada-spe-2026-09-30",
            Some("check-in"),
            "2026-09-30",
            &check_in(6),
        ),
    );
    env.add_assessment(
        "ada-spe-2026-11-30",
        &stored(
            "ada-spe-2026-11-30",
            Some("check-in"),
            "2026-11-30",
            &check_in(9),
        ),
    );
    env
}

#[test]
fn the_check_ins_gap_report_is_pinned_and_its_readiness_indicative() {
    let env = quarters();
    let table = env.ok(&["gap", "--person", "Ada"]);
    assert!(
        table.contains("(9 of 15 statements met; indicative, from 15 core statements)"),
        "{table}"
    );
    insta::assert_snapshot!("check_in_gap_table", table);
    insta::assert_snapshot!(
        "check_in_gap_markdown",
        env.ok(&["gap", "--person", "Ada", "--format", "md"])
    );
    let json: Value =
        serde_json::from_str(&env.ok(&["gap", "--person", "Ada", "--format", "json"]))
            .expect("json");
    assert_eq!(json["kind"], "check-in");
    assert_eq!(
        (json["target_met"].as_u64(), json["target_total"].as_u64()),
        (Some(9), Some(15))
    );
    assert_eq!(json["total"], CHECK_IN);
}

#[test]
fn progress_draws_check_ins_and_full_walks_as_one_series_with_the_kind_marked() {
    let env = quarters();
    let table = env.ok(&["progress", "--person", "Ada"]);
    insta::assert_snapshot!("progress_with_both_kinds_table", table);
    insta::assert_snapshot!(
        "progress_with_both_kinds_markdown",
        env.ok(&["progress", "--person", "Ada", "--format", "md"])
    );
    let json: Value =
        serde_json::from_str(&env.ok(&["progress", "--person", "Ada", "--format", "json"]))
            .expect("json");
    let kinds: Vec<&str> = json["assessments"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| p["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, ["full", "check-in", "check-in"]);
}

#[test]
fn the_packet_of_a_check_in_labels_its_readiness_indicative() {
    let env = quarters();
    let packet = env.ok(&["export", "ada-spe-2026-11-30", "--format", "md"]);
    assert!(
        packet.contains("60% (9 of 15 statements met; indicative, from 15 core statements)"),
        "{packet}"
    );
    insta::assert_snapshot!("check_in_packet_markdown", packet);
    let html = env.ok(&["export", "ada-spe-2026-11-30", "--format", "html"]);
    assert!(
        html.contains("9 of 15 statements met; indicative, from 15 core statements"),
        "the HTML packet says it too"
    );
}

#[test]
fn an_answers_file_records_a_check_in_of_core_statements_only() {
    let env = TestEnv::new();
    let mut text = String::from(
        "person = \"Ada\"\nrole = \"SPE\"\nto = \"LSE\"\nkind = \"check-in\"\n[ratings]\n",
    );
    for id in core_ids("SPE").iter().chain(&core_ids("LSE")) {
        text.push_str(&format!("\"{id}\" = {{ rating = 2 }}\n"));
    }
    let path = env.path().join("check-in.toml");
    std::fs::write(&path, &text).expect("write");
    let out = env.ok(&["assess", "--answers", path.to_str().expect("utf-8")]);
    assert!(out.contains("29 of 29 statements rated, complete"), "{out}");

    // A statement outside the core is refused where it is.
    let wrong = text.replace("[ratings]\n", "[ratings]\n\"spe.idp.1\" = { rating = 2 }\n");
    std::fs::write(&path, wrong).expect("write");
    let output = env.run(&["assess", "--answers", path.to_str().expect("utf-8")]);
    assert_ne!(output.code, 0);
    assert!(
        output
            .stderr
            .contains("`spe.idp.1` is not a core statement"),
        "{}",
        output.stderr
    );
}

/// How many statements each category of SPE then LSE holds, in walk
/// order, as `show` lists them.
fn category_sizes(env: &TestEnv) -> Vec<usize> {
    let mut sizes: Vec<usize> = Vec::new();
    for code in ["SPE", "LSE"] {
        let shown: Value =
            serde_json::from_str(&env.ok(&["show", code, "--format", "json"])).expect("json");
        let mut last: Option<(String, String)> = None;
        for statement in shown["statements"].as_array().expect("statements") {
            let group = statement
                .get("category")
                .filter(|c| !c.is_null())
                .or_else(|| statement.get("group"))
                .map(Value::to_string)
                .unwrap_or_default();
            let key = (statement["section"].to_string(), group);
            match sizes.last_mut() {
                Some(size) if last.as_ref() == Some(&key) => *size += 1,
                _ => sizes.push(1),
            }
            last = Some(key);
        }
    }
    sizes
}

/// Issue 32: a first full walk SPE -> LSE with every category at a
/// glance, no evidence typed, in at most 200 keys: `g` once, a digit per
/// line, `a` per category, Enter to leave the focus areas for later.
#[test]
fn a_first_full_walk_at_a_glance_takes_at_most_two_hundred_keys() {
    let env = TestEnv::new();
    let sizes = category_sizes(&env);
    let total: usize = sizes.iter().sum();
    assert_eq!(total, 164);
    let mut session = spawn(
        &env,
        &["--person", "Ada", "--role", "SPE", "--to", "LSE", "--full"],
    );
    let mut keys = 0;
    session.expect(&format!("1/{total}"));
    press(&mut session, "g", &mut keys);
    let mut first = 1;
    for size in &sizes {
        let last = first + size - 1;
        session.expect(&format!("{first}-{last}/{total}"));
        session.expect("a done, next category");
        for _ in 0..*size {
            press(&mut session, "2", &mut keys);
        }
        press(&mut session, "a", &mut keys);
        first = last + 1;
    }
    session.expect("Record agreed focus areas now?");
    press(&mut session, "\r", &mut keys);
    session.exp_eof().expect("exits");
    println!(
        "a first full walk at a glance: {keys} keys, {} categories",
        sizes.len()
    );
    assert_eq!(keys, 1 + total + sizes.len() + 1);
    assert!(keys <= 200, "{keys} keys");

    let rows = assessments(&env);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["kind"], "full");
    assert_eq!(rows[0]["status"], "complete");
    let file = load(&env, rows[0]["id"].as_str().expect("id"));
    let ratings = file["ratings"].as_table().expect("ratings");
    assert_eq!(ratings.len(), total);
    assert!(
        ratings
            .values()
            .all(|a| a.get("rating").and_then(toml::Value::as_integer) == Some(2)),
        "every line rated 2"
    );
    assert_eq!(ratings["spe.idp.1"].get("evidence"), None);
}

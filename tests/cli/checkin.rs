//! The quarterly check-in in a pseudo-terminal of 80 by 24: the cores of
//! SPE and LSE on the built-in ladder, a first one and a repeat with five
//! changes, counting every key pressed; then a full walk that finds the
//! check-in's answers and the last full walk's.

use rexpect::session::{PtySession, spawn_command};
use serde_json::Value;

use crate::support::{TestEnv, full_answers};

const TIMEOUT_MS: u64 = 10_000;

/// Statements in the cores of SPE (14) and LSE (15).
const CHECK_IN: usize = 29;

fn spawn(env: &TestEnv, args: &[&str]) -> PtySession {
    let mut command = env.std_command();
    command
        .arg("assess")
        .args(args)
        .env("COLUMNS", "80")
        .env("LINES", "24");
    spawn_command(command, Some(TIMEOUT_MS)).expect("spawn rungs in a pseudo-terminal")
}

fn expect(session: &mut PtySession, text: &str) -> String {
    match session.exp_string(text) {
        Ok(before) => before,
        Err(error) => panic!("waiting for {text:?}: {error}"),
    }
}

/// Presses one key and counts it.
fn press(session: &mut PtySession, key: &str, keys: &mut usize) {
    session.send(key).expect("send key");
    session.flush().expect("flush");
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
        expect(&mut session, &format!("{n}/{CHECK_IN}"));
        if n == 1 {
            // The first statement of the SPE core, its examples under it.
            expect(&mut session, "Defines versioned platform APIs");
            expect(&mut session, "· A versioned platform API");
        }
        press(&mut session, "2", &mut keys);
        expect(&mut session, "Evidence");
        press(&mut session, "\r", &mut keys);
    }
    expect(&mut session, "Record agreed focus areas now?");
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
    expect(&mut session, "Which assessment?");
    expect(
        &mut session,
        "Check-in: the core of SPE and LSE, 29 statements",
    );
    press(&mut session, "\r", &mut keys);
    let changed = [1, 5, 10, 20, 29];
    for n in 1..=CHECK_IN {
        expect(&mut session, &format!("{n}/{CHECK_IN}"));
        expect(&mut session, "last time (");
        if changed.contains(&n) {
            press(&mut session, "3", &mut keys);
            expect(&mut session, "Evidence");
            press(&mut session, "\r", &mut keys);
        } else {
            press(&mut session, "k", &mut keys);
        }
    }
    expect(&mut session, "Record agreed focus areas now?");
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
    expect(&mut session, "1-5/164");
    expect(&mut session, "K keep all as last time");
    press(&mut session, "K", &mut keys);
    expect(&mut session, "6-10/164");
    press(&mut session, "q", &mut keys);
    expect(&mut session, "Saved 5 of 164 answers");
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

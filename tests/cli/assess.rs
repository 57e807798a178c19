//! `rungs assess` for real: in a pseudo-terminal (keys, evidence, back,
//! skip, quit, resume, SIGKILL, a second session), from answers files, and
//! against damaged files, which must stay byte-for-byte as they were.

use rexpect::process::{Signal, WaitStatus};
use serde_json::Value;

use crate::support::{Pty, TestEnv, full_answers};

const ACME: &str = "examples/acme.toml";

/// `rungs --framework examples/acme.toml assess ARGS` in a terminal.
fn spawn(env: &TestEnv, args: &[&str]) -> Pty {
    let mut all = vec!["--framework", ACME, "assess"];
    all.extend(args);
    Pty::spawn(env, &all)
}

/// `rungs assess ARGS` on the built-in framework, in a terminal.
fn spawn_built_in(env: &TestEnv, args: &[&str]) -> Pty {
    let mut all = vec!["assess"];
    all.extend(args);
    Pty::spawn(env, &all)
}

/// Records an answers file, returning the new assessment's id.
fn record(env: &TestEnv, name: &str, text: &str) -> String {
    let path = env.path().join(name);
    std::fs::write(&path, text).expect("write answers");
    let stdout = env.ok(&["assess", "--answers", path.to_str().expect("utf-8")]);
    let rest = stdout.strip_prefix("Recorded ").expect("recorded");
    rest[..rest.find(':').expect("colon")].to_string()
}

/// Rates the statement on screen and types evidence (empty: press Enter).
fn rate(session: &mut Pty, key: &str, evidence: &str) {
    session.press(key);
    session.expect("Evidence");
    session.send_line(evidence).expect("send evidence");
}

fn load(env: &TestEnv, id: &str) -> toml::Table {
    let text = std::fs::read_to_string(env.assessment_path(id)).expect("assessment file");
    text.parse().expect("the file is valid TOML")
}

fn answer<'a>(file: &'a toml::Table, id: &str) -> Option<&'a toml::Table> {
    file["ratings"].as_table()?.get(id)?.as_table()
}

fn only_id(env: &TestEnv) -> String {
    let json: Value =
        serde_json::from_str(&env.ok(&["--framework", ACME, "list", "--format", "json"]))
            .expect("json");
    let list = json.as_array().expect("array");
    assert_eq!(list.len(), 1, "{json}");
    list[0]["id"].as_str().expect("id").to_string()
}

#[test]
fn a_walk_rates_skips_goes_back_quits_and_resumes() {
    let env = TestEnv::new();
    let mut session = spawn(&env, &["--person", "Ada", "--role", "e1"]);
    session.expect("1/8");
    session.expect("Ships changes with tests");
    rate(&mut session, "4", "Wrote tests for billing");
    session.expect("2/8");
    session.press("s");
    session.expect("3/8");
    session.press("b");
    session.expect("2/8");
    session.expect("this time: skipped");
    session.press("b");
    session.expect("1/8");
    session.expect("this time: 4 Proficient");
    // The evidence given before is one key away: ↑ and Enter keep it.
    rate(&mut session, "5", "\x1b[A");
    session.expect("2/8");
    session.press("?");
    session.expect("Proficient (met)");
    session.press("x");
    session.expect("2/8");
    session.press("q");
    session.expect("Saved 2 of 8 answers");
    session.exp_eof().expect("exits");

    let id = only_id(&env);
    let file = load(&env, &id);
    let first = answer(&file, "e1.craft.1").expect("first answer");
    assert_eq!(first["rating"].as_integer(), Some(5));
    assert_eq!(first["evidence"].as_str(), Some("Wrote tests for billing"));
    let skipped = answer(&file, "e1.craft.2").expect("skip is recorded");
    assert!(skipped.get("rating").is_none());
    assert!(file.get("completed").is_none());

    // Again: offered to resume at the first unanswered statement.
    let mut session = spawn(&env, &["--person", "Ada", "--role", "E1"]);
    session.expect("Resume the assessment started");
    session.send_line("").expect("accept the default");
    for position in 3..=8 {
        session.expect(&format!("{position}/8"));
        rate(&mut session, "3", &format!("evidence {position}"));
    }
    // The skipped statement is offered once more before the end.
    session.expect("2/8");
    session.expect("Skipped earlier, offered once more: 1 of 1.");
    session.press("s");
    session.expect("Done: Ada (self)");
    session.expect("complete");
    session.expect("7 of 8 rated");
    session.expect("Readiness for E2");
    session.expect("Record agreed focus areas now?");
    session.send_line("n").expect("no focus now");
    session.exp_eof().expect("exits");

    assert_eq!(only_id(&env), id, "resuming continues the same assessment");
    let file = load(&env, &id);
    assert!(file.get("completed").is_some());
    assert_eq!(
        answer(&file, "e2.impact.2").and_then(|a| a["evidence"].as_str()),
        Some("evidence 8")
    );
    let json: Value =
        serde_json::from_str(&env.ok(&["--framework", ACME, "list", "--format", "json"]))
            .expect("json");
    assert_eq!(json[0]["status"], "complete");
    assert_eq!(json[0]["rated"], 7);
    assert_eq!(json[0]["total"], 8);
}

#[test]
fn sigkill_mid_walk_loses_no_answer() {
    let env = TestEnv::new();
    let mut session = spawn(&env, &["--person", "Ada", "--role", "E1"]);
    for position in 1..=3 {
        session.expect(&format!("{position}/8"));
        rate(&mut session, "4", &format!("proof {position}"));
    }
    session.expect("4/8");
    // Killed while the fourth statement waits for its key, and again
    // while evidence is being typed for it.
    session.press("2");
    session.expect("Evidence");
    session.press("half-typed");
    session.process_mut().kill(Signal::SIGKILL).expect("kill");

    let id = only_id(&env);
    let file = load(&env, &id);
    for position in 1..=3 {
        let statement = ["e1.craft.1", "e1.craft.2", "e1.impact.1"][position - 1];
        let answer = answer(&file, statement).expect("answered before the kill");
        assert_eq!(
            answer["evidence"].as_str(),
            Some(format!("proof {position}").as_str())
        );
    }
    assert_eq!(
        answer(&file, "e1.impact.2").and_then(|a| a["rating"].as_integer()),
        Some(2)
    );
    // No temporary file is left where assessments live: one file, in Ada's
    // directory.
    let names: Vec<String> = env
        .assessment_files()
        .iter()
        .map(|p| {
            p.strip_prefix(env.data_dir().join("assessments"))
                .expect("inside")
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(names, [format!("ada/{id}.toml")]);
}

#[test]
fn a_second_session_on_the_same_assessment_is_refused_and_changes_nothing() {
    let env = TestEnv::new();
    let mut first = spawn(&env, &["--person", "Ada", "--role", "E1"]);
    first.expect("1/8");
    rate(&mut first, "4", "first");
    first.expect("2/8");
    let id = only_id(&env);
    let before = std::fs::read(env.assessment_path(&id)).expect("file");

    let mut second = spawn(&env, &["--person", "Ada", "--role", "E1"]);
    second.expect("Resume the assessment");
    second.send_line("").expect("accept");
    second.expect("is open in another rungs session");
    let status = second.process_mut().wait().expect("exit status");
    assert!(matches!(status, WaitStatus::Exited(_, 4)), "{status:?}");
    assert_eq!(
        std::fs::read(env.assessment_path(&id)).expect("file"),
        before
    );

    first.press("q");
    first.exp_eof().expect("exits");
}

#[test]
fn without_a_terminal_assess_stops_at_once_and_says_how_to_proceed() {
    let env = TestEnv::new();
    let output = env.run(&["assess"]);
    assert_eq!(output.code, 2);
    assert_eq!(output.stdout, "");
    assert!(
        output.stderr.contains("asks its questions in a terminal"),
        "{}",
        output.stderr
    );
    assert!(
        output.stderr.contains("--answers FILE"),
        "{}",
        output.stderr
    );
    assert!(!output.stderr.contains('\u{1b}'), "escape codes in a pipe");
    assert!(!env.data_dir().exists(), "nothing written");
}

#[test]
fn an_answers_file_is_recorded_without_prompts() {
    let env = TestEnv::new();
    let answers = env.path().join("ada.toml");
    std::fs::write(
        &answers,
        "person = \"Ada\"\nrole = \"SPE\"\nto = \"LSE\"\n[ratings]\n\"spe.delivery.1\" = { rating = 2, evidence = \"Led the move to progressive delivery\" }\n\"lse.delivery.1\" = { rating = 1 }\n",
    )
    .expect("write");
    let stdout = env.ok(&["assess", "--answers", answers.to_str().expect("path")]);
    assert!(stdout.starts_with("Recorded ada-spe-"), "{stdout}");
    // Regression (issue 12): two of 164 statements was recorded as complete.
    assert!(
        stdout.contains("2 of 164 statements rated, in progress"),
        "{stdout}"
    );
    let json: Value = serde_json::from_str(&env.ok(&["list", "--format", "json"])).expect("json");
    let row = &json[0];
    assert!(row["completed"].is_null(), "{row}");
    for (key, value) in [
        ("person", "Ada"),
        ("assessor", "self"),
        ("role", "SPE"),
        ("to", "LSE"),
        ("status", "in-progress"),
    ] {
        assert_eq!(row[key], value, "{key}");
    }
    assert_eq!(
        (row["rated"].as_u64(), row["total"].as_u64()),
        (Some(2), Some(164))
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let id = row["id"].as_str().expect("id");
        let mode = std::fs::metadata(env.assessment_path(id))
            .expect("file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_bad_answers_file_reports_every_problem_with_its_place() {
    let env = TestEnv::new();
    let answers = env.path().join("bad.toml");
    std::fs::write(
        &answers,
        "person = \"Ada\"\nrole = \"SPE\"\nto = \"LSE\"\n[ratings]\n\"spe.delivery.99\" = { rating = 2 }\n\"spe.delivery.2\" = { rating = 7 }\n",
    )
    .expect("write");
    let stderr = env.fails(&["assess", "--answers", answers.to_str().expect("path")], 3);
    let path = answers.display();
    assert!(
        stderr.contains(&format!(
            "error: unknown statement id `spe.delivery.99`\n --> {path}:5:1"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "error: rating 7 is not on the scale\n --> {path}:6:31"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("(2 errors)"), "{stderr}");
    assert!(
        !env.data_dir().join("assessments").exists(),
        "nothing recorded"
    );

    std::fs::write(&answers, "role = \"SPE\"\n").expect("write");
    let stderr = env.fails(&["assess", "--answers", answers.to_str().expect("path")], 3);
    assert!(stderr.contains("missing field `person`"), "{stderr}");
}

/// A valid stored assessment, to damage.
fn valid_assessment() -> String {
    "format_version = 1\nid = \"ada-e1\"\nframework = \"acme-engineering\"\nframework_version = \"2026.1\"\nperson = \"Ada\"\nrole = \"E1\"\nto = \"E2\"\nstarted = \"2026-11-20T09:00:00+00:00\"\nupdated = \"2026-11-20T09:30:00+00:00\"\n\n[ratings.\"e1.craft.1\"]\nrating = 4\nevidence = \"Shipped billing\"\nat = \"2026-11-20T09:30:00+00:00\"\n".to_string()
}

#[test]
fn damaged_and_newer_files_are_reported_and_left_untouched() {
    let valid = valid_assessment();
    let cases = [
        (
            "corrupt",
            valid.replace("rating = 4", "rating = = 4"),
            "12:10",
        ),
        ("truncated", valid[..valid.len() / 2].to_string(), "8:22"),
        (
            "future",
            valid.replace("format_version = 1", "format_version = 9"),
            "1:18",
        ),
    ];
    for (name, text, place) in cases {
        let env = TestEnv::new();
        let path = env.add_assessment("ada-e1", &text);
        // One line naming the file and the place (issue 28: not the
        // whole diagnostic on every `list`).
        let stderr = env.fails(&["--framework", ACME, "list"], 3);
        assert_eq!(
            stderr
                .matches(&format!(
                    "skipping {}: not a valid assessment file at {place}",
                    path.display()
                ))
                .count(),
            1,
            "{name}:\n{stderr}"
        );
        assert!(stderr.ends_with("error: 1 stored assessment could not be read\n  help: `rungs validate FILE` shows every problem of a file with its lines (`rungs list --verbose`, of all of them); fix the file, or move it out of the assessments directory; rungs leaves it as it is\n"), "{stderr}");
        // The whole diagnostic, with its advice, on asking.
        let full = env.fails(&["--framework", ACME, "list", "--verbose"], 3);
        assert_eq!(
            full.matches(&format!("{}:{place}", path.display())).count(),
            1,
            "{name}:\n{full}"
        );
        if name == "future" {
            assert!(stderr.contains("newer than this rungs reads"), "{stderr}");
            assert!(full.contains("upgrade rungs"), "{full}");
        }
        // An assessment that would resume it runs past it and leaves it be.
        let mut session = spawn(&env, &["--person", "Ada", "--role", "E1"]);
        session.expect("skipping an unreadable assessment");
        session.expect("1/8");
        session.press("q");
        session.exp_eof().expect("exits");
        assert_eq!(
            std::fs::read_to_string(&path).expect("file"),
            text,
            "{name} was changed"
        );
    }
}

#[test]
fn list_shows_a_table_per_person() {
    let env = TestEnv::new();
    env.add_assessment("ada-e1", &valid_assessment());
    env.add_assessment(
        "bob-e2",
        &valid_assessment()
            .replace("ada-e1", "bob-e2")
            .replace("\"Ada\"", "\"Bob\"")
            .replace(
                "role = \"E1\"\nto = \"E2\"",
                "role = \"E2\"\nto = \"E3\"\nassessor = \"Grace (manager)\"",
            )
            .replace("2026-11-20", "2026-11-21"),
    );
    insta::assert_snapshot!(env.ok(&["--framework", ACME, "list"]));
    assert!(
        !env.ok(&["--framework", ACME, "list", "--person", "bob"])
            .contains("ada-e1")
    );
    assert!(
        env.ok(&["list", "--person", "Nobody"])
            .contains("No assessments of Nobody yet")
    );
}

/// Regression: without a terminal, a wrong flag used to be hidden behind
/// the "no terminal" error, so fixing one revealed the other.
#[test]
fn wrong_flags_are_reported_before_the_terminal_check() {
    let env = TestEnv::new();
    let stderr = env.fails(&["assess", "--role", "SPX"], 2);
    assert!(
        stderr.contains("no archetype `SPX`") && stderr.contains("did you mean `SPE`?"),
        "{stderr}"
    );
    let stderr = env.fails(&["assess", "--role", "SPE", "--to", "GPE"], 2);
    assert!(
        stderr.contains("GPE is not above SPE on the ladder"),
        "{stderr}"
    );
    let stderr = env.fails(&["assess", "--sections", "behavours"], 2);
    assert!(stderr.contains("did you mean `behaviours`?"), "{stderr}");
}

#[test]
fn quitting_before_any_answer_saves_nothing_and_says_so() {
    let env = TestEnv::new();
    let mut session = spawn(&env, &["--person", "Ada", "--role", "E1"]);
    session.expect("1/8");
    session.press("q");
    session.expect("Nothing answered yet, so nothing was saved.");
    session.exp_eof().expect("exits");
    assert!(env.assessment_files().is_empty(), "no assessment file");
}

/// Regression (issue 12): a one-statement draft started after a complete
/// assessment became "the latest": `gap` reported it and `progress`
/// charted 42% to 0% with every unrated statement "no longer met"; a
/// `--sections skills` assessment charted 100%.
#[test]
fn a_draft_after_a_complete_assessment_leaves_gap_and_progress_on_the_complete_one() {
    let env = TestEnv::new();
    let complete = record(
        &env,
        "complete.toml",
        &full_answers(
            "person = \"Ada\"",
            &[("lse.arch.1", "{ rating = 2, evidence = \"ADR-7\" }")],
        ),
    );
    // A skills-only assessment, complete for its sections: partial.
    let mut skills = String::from(
        "format_version = 1\nid = \"ada-skills\"\nframework = \"platform-engineering\"\nframework_version = \"2.0.0\"\nperson = \"Ada\"\nrole = \"SPE\"\nto = \"LSE\"\nsections = [\"skills\"]\nstarted = \"2026-01-01T09:00:00+00:00\"\nupdated = \"2026-01-01T09:00:00+00:00\"\ncompleted = \"2026-01-01T09:00:00+00:00\"\n",
    );
    for id in crate::support::statement_ids("SPE")
        .iter()
        .chain(&crate::support::statement_ids("LSE"))
        .filter(|id| id.contains(".skills.") || id.contains(".skill."))
    {
        skills.push_str(&format!(
            "\n[ratings.\"{id}\"]\nrating = 3\nat = \"2026-01-01T09:00:00+00:00\"\n"
        ));
    }
    env.add_assessment("ada-skills", &skills);

    // Today: a new full assessment, one answer, then quit.
    let mut session = spawn_built_in(
        &env,
        &["--person", "Ada", "--role", "SPE", "--to", "LSE", "--full"],
    );
    // Last time's answers open each category: go through this one.
    session.expect("K keep all as last time");
    session.press("\r");
    session.expect("1/164");
    rate(&mut session, "2", "");
    session.expect("2/164");
    session.press("q");
    session.expect("Saved 1 of 164 answers");
    session.exp_eof().expect("exits");

    let statuses: Value =
        serde_json::from_str(&env.ok(&["list", "--person", "Ada", "--format", "json"]))
            .expect("json");
    let mut seen: Vec<(String, String)> = statuses
        .as_array()
        .expect("array")
        .iter()
        .map(|row| {
            (
                row["id"].as_str().expect("id").to_string(),
                row["status"].as_str().expect("status").to_string(),
            )
        })
        .collect();
    seen.sort();
    let draft = seen
        .iter()
        .find(|(id, _)| id != &complete && id != "ada-skills")
        .expect("the draft")
        .0
        .clone();
    assert_eq!(
        seen.iter()
            .map(|(_, s)| s.as_str())
            .filter(|s| *s == "partial")
            .count(),
        1,
        "{seen:?}"
    );

    let (gap, note) = env.ok_noted(&["gap", "--person", "Ada"]);
    assert!(
        note.starts_with(&format!("Using {complete}: Ada (self), complete")),
        "{note}"
    );
    assert!(gap.contains("Readiness for LSE: 1% (1 of 84"), "{gap}");

    let (chart, note) = env.ok_noted(&["progress", "--person", "Ada"]);
    assert_eq!(
        note,
        format!(
            "Charting 1 complete self-assessment of Ada; left out: {}\n",
            [
                "ada-skills (partial)".to_string(),
                format!("{draft} (in progress)")
            ]
            .join(", ")
        )
    );
    assert!(!chart.contains("NO LONGER MET"), "{chart}");
    assert!(!chart.contains("100%"), "{chart}");

    // Asked for by id or with --any-status, the draft is still there.
    let (_, note) = env.ok_noted(&["gap", "--person", "Ada", "--any-status"]);
    assert!(note.contains("in progress (1 of 164 answered)"), "{note}");
    assert!(
        env.ok(&["gap", &draft])
            .contains("in progress · 1 of 164 statements rated")
    );

    // `list --status` filters.
    let drafts = env.ok(&["list", "--status", "in-progress", "--format", "json"]);
    let drafts: Value = serde_json::from_str(&drafts).expect("json");
    assert_eq!(drafts.as_array().map(Vec::len), Some(1));
    assert_eq!(drafts[0]["id"], draft.as_str());
    assert!(
        env.ok(&["list", "--person", "Bo", "--status", "complete"])
            .contains("No complete assessments of Bo yet")
    );
}

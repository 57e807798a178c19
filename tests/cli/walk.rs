//! The walk in a pseudo-terminal, as issue 12 tried it: reopening a
//! complete assessment and changing one answer from the review screen, a
//! reassessment kept with one key per category, the editor, `delete` on a
//! terminal, the one-screen summary, the manager's path, Esc, and Ctrl-C
//! at every prompt.

use rexpect::process::WaitStatus;
use serde_json::Value;

use crate::lifecycle::record_acme;
use crate::support::{Pty, TestEnv, full_answers, recorded_id};

const ACME: &str = "examples/acme.toml";

/// `rungs --framework examples/acme.toml ARGS` in a terminal.
fn spawn_with(env: &TestEnv, args: &[&str], vars: &[(&str, &str)]) -> Pty {
    let mut all = vec!["--framework", ACME];
    all.extend(args);
    Pty::spawn_with(env, &all, vars)
}

fn spawn(env: &TestEnv, args: &[&str]) -> Pty {
    spawn_with(env, args, &[])
}

fn exit_code(session: &mut Pty) -> i32 {
    match session.process_mut().wait().expect("exit status") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("{other:?}"),
    }
}

fn load(env: &TestEnv, id: &str) -> toml::Table {
    let text = std::fs::read_to_string(env.assessment_path(id)).expect("assessment file");
    text.parse().expect("the file is valid TOML")
}

fn rating(file: &toml::Table, id: &str) -> Option<i64> {
    file["ratings"].get(id)?.get("rating")?.as_integer()
}

fn ids(env: &TestEnv) -> Vec<Value> {
    let json: Value =
        serde_json::from_str(&env.ok(&["--framework", ACME, "list", "--format", "json"]))
            .expect("json");
    json.as_array().expect("array").clone()
}

#[test]
fn a_complete_assessment_reopens_on_the_review_screen_and_one_answer_changes() {
    let env = TestEnv::new();
    let id = record_acme(
        &env,
        "person = \"Ada\"",
        &[("e1.impact.2", "{ rating = 2 }")],
    );
    let completed = load(&env, &id)["completed"].clone();

    let mut session = spawn(&env, &["assess", &id]);
    session.expect("8/8 answered");
    session.expect("m next unmet (1)");
    // A filter jumps to the next unmet statement.
    session.press("m");
    session.expect("4/8");
    session.expect("this time: 2 Learning");
    // Enter keeps it and goes back to the review.
    session.press("\r");
    session.expect("8/8 answered");
    // A number and Enter opens that statement; change it.
    session.press("6");
    session.expect("go to statement 6");
    session.press("\r");
    session.expect("6/8");
    session.expect("Keeps a service's alerts actionable");
    session.press("5");
    session.expect("Evidence");
    // ↑ brings this time's evidence back onto the line; Enter keeps it.
    session.press("\x1b[A");
    session.press("\r");
    session.expect("8/8 answered");
    // Esc leaves the review: the assessment is done.
    session.press("\x1b");
    session.expect("Done: Ada (self)");
    session.expect("Record agreed focus areas now? [y/N]");
    session.press("\r");
    session.exp_eof().expect("exits");

    let file = load(&env, &id);
    assert_eq!(rating(&file, "e2.craft.2"), Some(5));
    assert_eq!(
        file["ratings"]["e2.craft.2"]["evidence"].as_str(),
        Some("seen")
    );
    assert_eq!(rating(&file, "e1.impact.2"), Some(2));
    assert_eq!(file["completed"], completed, "still complete since then");
    assert_eq!(ids(&env).len(), 1, "no new assessment");
}

#[test]
fn a_reassessment_keeps_last_times_answers_with_one_key_per_category() {
    let env = TestEnv::new();
    let earlier = record_acme(&env, "person = \"Ada\"", &[]);
    std::fs::rename(
        env.assessment_path(&earlier),
        env.assessment_path(&earlier)
            .with_file_name("ada-e1-2026-08-01.toml"),
    )
    .expect("rename");
    let moved = std::fs::read_to_string(env.assessment_path("ada-e1-2026-08-01"))
        .expect("file")
        .replace(&format!("id = \"{earlier}\""), "id = \"ada-e1-2026-08-01\"");
    std::fs::write(env.assessment_path("ada-e1-2026-08-01"), moved).expect("write");

    let mut session = spawn(
        &env,
        &["assess", "--person", "Ada", "--role", "E1", "--to", "E2"],
    );
    let mut keys = 0;
    // E1 Craft: the second changed. Open it, rate, keep the evidence.
    session.expect("4 Proficient");
    session.expect("K keep all as last time");
    session.press("2");
    session.expect("2/8");
    session.expect("last time (");
    session.expect("evidence last time:");
    session.press("5");
    session.expect("Evidence");
    session.press("\x1b[A");
    session.press("\r");
    // Back on the category screen: keep the rest.
    session.expect("5 Expert (this time)");
    session.press("K");
    keys += 5;
    // E1 Impact, one statement at a time: k keeps, K keeps the rest.
    session.expect("3-4/8");
    session.press("\r");
    session.expect("3/8");
    session.press("k");
    session.expect("4/8");
    session.press("K");
    keys += 3;
    // E2: both categories as last time.
    session.expect("5-6/8");
    session.press("K");
    session.expect("7-8/8");
    session.press("K");
    keys += 2;
    session.expect("Record agreed focus areas now?");
    session.press("\r");
    keys += 1;
    session.exp_eof().expect("exits");
    assert_eq!(keys, 11, "eight statements, one changed");

    let new = ids(&env)
        .iter()
        .map(|row| row["id"].as_str().expect("id").to_string())
        .find(|id| id != "ada-e1-2026-08-01")
        .expect("the new assessment");
    let file = load(&env, &new);
    assert!(file.get("completed").is_some());
    for statement in [
        "e1.craft.1",
        "e1.impact.1",
        "e1.impact.2",
        "e2.craft.1",
        "e2.craft.2",
        "e2.impact.1",
        "e2.impact.2",
    ] {
        assert_eq!(rating(&file, statement), Some(4), "{statement}");
        assert_eq!(
            file["ratings"][statement]["evidence"].as_str(),
            Some("seen")
        );
    }
    assert_eq!(rating(&file, "e1.craft.2"), Some(5));
    assert_eq!(
        file["ratings"]["e1.craft.2"]["evidence"].as_str(),
        Some("seen")
    );
}

#[test]
fn e_writes_evidence_over_several_lines_in_the_editor() {
    let env = TestEnv::new();
    let editor = env.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'Led the billing migration\\n\\n- 40 services\\n- no downtime\\n' > \"$1\"\n",
    )
    .expect("script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let editor = editor.to_str().expect("utf-8").to_string();
    let mut session = spawn_with(
        &env,
        &["assess", "--person", "Ada", "--role", "E1"],
        &[("EDITOR", &editor)],
    );
    session.expect("1/8");
    // Before the rating: the evidence waits for it, with no prompt after.
    session.press("e");
    session.expect("evidence written, saved with the answer:");
    session.expect("- 40 services");
    session.expect("Evidence written: it is saved with the answer you give.");
    session.press("4");
    session.expect("2/8");
    // After the rating: saved at once.
    session.press("3");
    session.expect("Evidence");
    session.press("\r");
    session.expect("3/8");
    session.press("b");
    session.expect("2/8");
    session.press("e");
    session.expect("Evidence saved.");
    session.press("q");
    session.expect("Saved 2 of 8 answers");
    session.exp_eof().expect("exits");

    let id = ids(&env)[0]["id"].as_str().expect("id").to_string();
    let file = load(&env, &id);
    let lines = "Led the billing migration\n\n- 40 services\n- no downtime";
    for statement in ["e1.craft.1", "e1.craft.2"] {
        assert_eq!(
            file["ratings"][statement]["evidence"].as_str(),
            Some(lines),
            "{statement}"
        );
    }
}

#[test]
fn delete_asks_on_a_terminal_needs_enter_and_refuses_an_open_assessment() {
    let env = TestEnv::new();
    let id = record_acme(&env, "person = \"Ada\"", &[]);
    let path = env.assessment_path(&id);

    // Enter alone is the default: no.
    let mut session = spawn(&env, &["delete", &id]);
    session.expect(&format!("Delete {id} (Ada (self), complete"));
    session.expect("It cannot");
    session.expect("[y/N]");
    session.press("\r");
    session.expect("Nothing deleted");
    session.exp_eof().expect("exits");
    assert!(path.exists());

    // Open in another session: refused, even with --yes.
    let mut open = spawn(&env, &["assess", &id]);
    open.expect("8/8 answered");
    let stderr = env.fails(&["--framework", ACME, "delete", &id, "--yes"], 4);
    assert!(
        stderr.contains("is open in another rungs session"),
        "{stderr}"
    );
    open.press("q");
    open.exp_eof().expect("exits");
    assert!(path.exists());

    // y alone answers nothing: y, then Backspace, n and Enter keeps the
    // file (had y answered, it would be gone before the rest arrived); y
    // and Enter deletes.
    let mut session = spawn(&env, &["delete", &id]);
    session.expect("[y/N]");
    session.press("y");
    session.expect("[y/N] y\r");
    session.press("\x7f");
    session.press("n");
    session.expect("[y/N] n\r");
    session.press("\r");
    session.expect(&format!("Nothing deleted: {id} is still in"));
    session.exp_eof().expect("exits");
    assert!(path.exists(), "the answer waits for Enter");
    let mut session = spawn(&env, &["delete", &id]);
    session.expect("[y/N]");
    session.press("y");
    session.press("\r");
    session.expect(&format!("Deleted {id}"));
    session.exp_eof().expect("exits");
    assert!(!path.exists());
}

#[test]
fn the_end_of_the_walk_fits_one_80_by_24_screen() {
    let env = TestEnv::new();
    let path = env.path().join("full.toml");
    std::fs::write(&path, full_answers("person = \"Ada\"", &[])).expect("write");
    let stdout = env.ok(&["assess", "--answers", path.to_str().expect("utf-8")]);
    let id = recorded_id(&stdout);
    let mut session = Pty::spawn_with(&env, &["assess", &id], &[("COLUMNS", "80")]);
    session.expect("164/164 answered");
    session.press("\x1b");
    session.expect("Done:");
    let summary = session.expect("Record agreed focus areas now?");
    // The terminal's bytes, read one a character: as text again.
    let bytes: Vec<u8> = summary.chars().map(|c| c as u32 as u8).collect();
    let summary = String::from_utf8_lossy(&bytes).into_owned();
    // From the rest of the "Done:" line to the start of the question's.
    let lines: Vec<&str> = summary.split("\r\n").collect();
    assert!(lines.len() <= 24, "{} lines:\n{summary}", lines.len());
    assert!(summary.contains("Readiness for LSE: 0%"), "{summary}");
    assert!(summary.contains("Technical Foundation"), "{summary}");
    assert!(summary.contains("Focus areas"), "{summary}");
    assert!(
        summary.contains(&format!("Full report: rungs gap {id}")),
        "{summary}"
    );
    assert!(
        summary.contains(&format!(
            "rungs export {id} --format html --output packet.html"
        )),
        "{summary}"
    );
    assert!(summary.contains(&format!("{id}.toml")), "{summary}");
    for line in &lines {
        assert!(line.chars().count() <= 80, "{line}");
    }
    session.press("\r");
    session.exp_eof().expect("exits");
}

#[test]
fn the_managers_path_names_the_person_and_resumes_with_the_same_flags() {
    let env = TestEnv::new();
    let mut session = spawn(
        &env,
        &["assess", "--person", "Ada", "--assessor", "Grace (manager)"],
    );
    session.expect("Ada's current role");
    session.press("\r");
    session.expect("1/8");
    session.press("4");
    session.expect("Evidence");
    session.press("\r");
    session.expect("2/8");
    session.press("q");
    session.expect("Saved 1 of 8 answers in");
    let hint = session.expect("\r\n");
    session.exp_eof().expect("exits");
    let id = ids(&env)[0]["id"].as_str().expect("id").to_string();
    assert!(id.ends_with("-by-grace-manager"), "{id}");
    assert!(
        hint.contains(&format!(
            "Resume with `rungs assess {id}`, or `rungs assess --person Ada --assessor \"Grace (manager)\"`."
        )),
        "{hint}"
    );

    // The hint as written: it offers Grace's view again, and the question
    // waits for Enter.
    let mut session = spawn(
        &env,
        &["assess", "--person", "Ada", "--assessor", "Grace (manager)"],
    );
    session.expect("Resume Ada's assessment by Grace (manager) started");
    // Wider than the terminal (79 columns, a pseudo-terminal given no
    // size): broken between words, with `[Y/n]` whole on its last line.
    let question = session.expect("[Y/n]");
    let last = question.rsplit("\r\n").next().unwrap_or_default();
    assert!(
        question.contains("\r\n") && last.ends_with("1/8 answered)? "),
        "{question:?}"
    );
    // y alone answers nothing: had it answered, the n after it would have
    // been taken by the walk as "no opportunity yet" for statement 2.
    // Each key waits for the line to show it: keys typed before the
    // prompt reads them may be edited by the terminal itself.
    session.press("y");
    session.expect("[Y/n] y\r");
    session.press("\x7f");
    session.press("n");
    session.expect("[Y/n] n\r");
    session.press("\x7f");
    session.press("y");
    session.expect("[Y/n] y\r");
    session.press("\r");
    session.expect("2/8");
    session.press("q");
    session.exp_eof().expect("exits");
    let stored = ids(&env);
    assert_eq!(stored.len(), 1, "resumed, not started anew");
    let id = stored[0]["id"].as_str().expect("an id");
    let file = std::fs::read_to_string(env.assessment_path(id)).expect("the file");
    assert!(
        !file.contains("no_opportunity"),
        "n was not an answer:\n{file}"
    );
}

#[test]
fn esc_cancels_a_question_and_nothing_is_changed() {
    let env = TestEnv::new();
    let mut session = spawn(&env, &["assess"]);
    session.expect("Whose assessment is this? (your name)");
    session.press("Ad");
    session.press("\x1b");
    session.expect("Cancelled: nothing was changed.");
    session.exp_eof().expect("exits");
    assert_eq!(exit_code(&mut session), 0);

    let mut session = spawn(&env, &["assess", "--person", "Ada"]);
    session.expect("Your current role");
    session.press("\x1b");
    session.expect("Cancelled: nothing was changed.");
    assert_eq!(exit_code(&mut session), 0);
    assert!(env.assessment_files().is_empty());
}

/// Ctrl-C, then: one line saying what was saved, exit code 130, and no
/// "error:" or "read interrupted".
fn interrupt(session: &mut Pty, line: &str) {
    session.send_control('c').expect("Ctrl-C");
    let out = session.expect(line);
    let rest = session.exp_eof().expect("exits");
    assert!(!format!("{out}{rest}").contains("error"), "{out}{rest}");
    assert!(
        !format!("{out}{rest}").contains("read interrupted"),
        "{out}{rest}"
    );
    assert_eq!(exit_code(session), 130);
}

#[test]
fn ctrl_c_at_every_prompt_exits_130_with_one_line_of_what_was_saved() {
    let env = TestEnv::new();
    // The name.
    let mut session = spawn(&env, &["assess"]);
    session.expect("Whose assessment is this?");
    interrupt(&mut session, "Interrupted: nothing was saved.");
    // The role, a list.
    let mut session = spawn(&env, &["assess", "--person", "Ada"]);
    session.expect("Your current role");
    interrupt(&mut session, "Interrupted: nothing was saved.");
    // A statement, before any answer.
    let mut session = spawn(&env, &["assess", "--person", "Ada", "--role", "E1"]);
    session.expect("1/8");
    interrupt(
        &mut session,
        "Interrupted: nothing was answered, so nothing was saved.",
    );
    // The evidence line, the rating saved.
    let mut session = spawn(&env, &["assess", "--person", "Ada", "--role", "E1"]);
    session.expect("1/8");
    session.press("4");
    session.expect("Evidence");
    session.press("half-typed");
    interrupt(&mut session, "Interrupted: saved 1 of 8 answers in ");
    let id = ids(&env)[0]["id"].as_str().expect("id").to_string();
    // Resume, a yes/no question.
    let mut session = spawn(&env, &["assess", "--person", "Ada", "--role", "E1"]);
    session.expect("Resume the assessment started");
    interrupt(&mut session, "Interrupted: nothing was saved.");
    // The review screen.
    let mut session = spawn(&env, &["assess", &id]);
    session.expect("2/8");
    session.press("r");
    session.expect("1/8 answered");
    interrupt(&mut session, &format!("Resume with `rungs assess {id}`"));
    // A statement with an answer given: what was saved, and how to resume.
    let mut session = spawn(&env, &["assess", &id]);
    session.expect("2/8");
    interrupt(&mut session, "Interrupted: saved 1 of 8 answers in ");
    // The category screen of a reassessment, and the focus question.
    let complete = record_acme(&env, "person = \"Bo\"", &[]);
    let mut session = spawn(&env, &["assess", "--person", "Bo", "--role", "E1"]);
    session.expect("K keep all as last time");
    interrupt(
        &mut session,
        "Interrupted: nothing was answered, so nothing was saved.",
    );
    let mut session = spawn(&env, &["assess", &complete]);
    session.expect("8/8 answered");
    session.press("\x1b");
    session.expect("Record agreed focus areas now?");
    interrupt(
        &mut session,
        "Interrupted: the assessment is complete and saved in ",
    );
    // delete's question.
    let mut session = spawn(&env, &["delete", &complete]);
    session.expect("[y/N]");
    interrupt(
        &mut session,
        &format!("Interrupted: {complete} was not deleted."),
    );
    assert!(env.assessment_path(&complete).exists());
}

/// The journal waits in the walk: each statement says how many entries
/// are tagged to it, with the newest, and `j` brings them into the
/// evidence through the editor (here one that changes nothing, which
/// accepts them as proposed).
#[test]
fn journal_entries_wait_on_their_statements_and_j_brings_them_in() {
    let env = TestEnv::new();
    env.ok(&[
        "--framework",
        ACME,
        "log",
        "--person",
        "Ada",
        "--date",
        "2026-10-07",
        "--for",
        "e1.craft.1",
        "Wrote contract tests for the billing service",
    ]);
    let mut session = spawn_with(
        &env,
        &["assess", "--person", "Ada", "--role", "E1"],
        &[("EDITOR", "true")],
    );
    session.expect("1/8");
    session.expect("journal: 1 entry since last time; newest 2026-10-07");
    // x: what would show it, and what the category covers.
    session.press("x");
    session.expect("The framework gives no examples for this statement.");
    session.press(" ");
    session.expect("1/8");
    session.press("j");
    session.expect("evidence written, saved with the answer:");
    session.press("4");
    session.expect("2/8");
    session.press("q");
    session.exp_eof().expect("exits");
    let id = ids(&env)[0]["id"].as_str().expect("id").to_string();
    let file = load(&env, &id);
    assert_eq!(
        file["ratings"]["e1.craft.1"]["evidence"].as_str(),
        Some("2026-10-07: Wrote contract tests for the billing service")
    );
}

/// Issue 28, item 1: on a reassessment a changed rating's evidence line
/// started from last time's text with the cursor at its end, and what was
/// typed was glued on ("...as a strategyPublished the 2027 platform
/// strategy"). The line starts empty; ↑ brings last time's back to keep
/// or edit; the file holds exactly what was typed.
#[test]
fn a_changed_rating_saves_exactly_the_evidence_typed() {
    let env = TestEnv::new();
    let earlier = record_acme(
        &env,
        "person = \"Ada\"",
        &[(
            "e1.craft.2",
            "{ rating = 1, evidence = \"Drafted a platform direction, not yet published as a strategy\" }",
        )],
    );
    let mut session = spawn(
        &env,
        &["assess", "--person", "Ada", "--role", "E1", "--to", "E2"],
    );
    session.expect("K keep all as last time");
    session.press("2");
    session.expect("2/8");
    session.expect("not yet published as a strategy");
    session.press("3");
    session.expect("brings back the evidence shown above");
    session.press("Published the 2027 platform strategy; 4 product teams plan against it");
    session.press("\r");
    session.expect("3 Developing (this time)");
    // The next category: one statement changes, last time's evidence
    // brought back with ↑ and added to, in sight.
    session.press("K");
    session.expect("3-4/8");
    session.press("1");
    session.expect("3/8");
    session.press("5");
    session.expect("brings back the evidence shown above");
    session.press("\x1b[A");
    session.expect("seen");
    session.press(" twice");
    session.press("\r");
    session.expect("5 Expert (this time)");
    session.press("K");
    session.expect("5-6/8");
    session.press("K");
    session.expect("7-8/8");
    session.press("K");
    session.expect("Record agreed focus areas now?");
    session.press("\r");
    session.exp_eof().expect("exits");

    let new = ids(&env)
        .iter()
        .map(|row| row["id"].as_str().expect("id").to_string())
        .find(|id| *id != earlier)
        .expect("the new assessment");
    let bytes = std::fs::read(env.assessment_path(&new)).expect("file");
    let text = String::from_utf8(bytes).expect("utf-8");
    let block = |id: &str| {
        let start = text
            .find(&format!("[ratings.\"{id}\"]\n"))
            .unwrap_or_else(|| panic!("{id} in\n{text}"));
        let rest = &text[start..];
        rest[..rest.find("\n\n").unwrap_or(rest.len())].to_string()
    };
    let craft = block("e1.craft.2");
    assert!(
        craft.contains(
            "\nevidence = \"Published the 2027 platform strategy; 4 product teams plan against it\"\n"
        ),
        "{craft}"
    );
    assert!(craft.contains("\nrating = 3\n"), "{craft}");
    let impact = block("e1.impact.1");
    assert!(impact.contains("\nevidence = \"seen twice\"\n"), "{impact}");
    // Kept with K: last time's evidence as it was.
    assert!(block("e2.craft.1").contains("\nevidence = \"seen\"\n"));
}

/// The screen last drawn in `raw` (what the terminal sent, one character a
/// byte): the text after the last clear, as lines of text, escapes out.
fn last_screen(raw: &str) -> Vec<String> {
    let bytes: Vec<u8> = raw.chars().map(|c| c as u32 as u8).collect();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let after = text.rsplit("\x1b[2J").next().unwrap_or_default();
    let mut plain = String::new();
    let mut chars = after.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ parameters, then one final letter.
            if chars.peek() == Some(&'[') {
                chars.next();
                for next in chars.by_ref() {
                    if next.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        if c != '\r' {
            plain.push(c);
        }
    }
    plain
        .trim_start_matches('\n')
        .lines()
        .map(str::to_string)
        .collect()
}

fn fits(screen: &[String], what: &str) {
    assert!(
        screen.len() <= 24,
        "{what}: {} lines:\n{}",
        screen.len(),
        screen.join("\n")
    );
    for line in screen {
        assert!(line.chars().count() <= 80, "{what}: {line}");
    }
}

/// Issue 28, item 5: the closing focus-area picker listed about 45 items
/// wrapping over 2-3 lines each at 80x24; the question scrolled off and
/// every arrow key stacked another copy in the scrollback. It is a screen
/// of its own, one line per item, with a filter.
#[test]
fn the_focus_picker_fits_80_by_24_and_filters() {
    let env = TestEnv::new();
    let path = env.path().join("full.toml");
    std::fs::write(&path, full_answers("person = \"Ada\"", &[])).expect("write");
    let stdout = env.ok(&["assess", "--answers", path.to_str().expect("utf-8")]);
    let id = recorded_id(&stdout);
    let mut session = Pty::spawn(&env, &["assess", &id]);
    session.expect("164/164 answered");
    session.press("\x1b");
    session.expect("Record agreed focus areas now?");
    session.press("y\r");
    let drawn = session.expect("Esc cancel");
    let screen = last_screen(&drawn);
    fits(&screen, "the picker");
    // A row to spare: a 24th line's newline scrolled the question off.
    assert!(screen.len() <= 23, "{}", screen.join("\n"));
    assert!(screen[0].starts_with("Focus on"), "{}", screen.join("\n"));
    // Arrows redraw the one screen: it still fits, the cursor moved.
    for _ in 0..5 {
        session.press("\x1b[B");
    }
    session.press("c");
    session.expect("filter: c");
    let drawn = session.expect("Esc cancel");
    fits(&last_screen(&drawn), "the picker after arrows");
    session.press("ollab");
    session.expect("filter: collab");
    let drawn = session.expect("Esc cancel");
    let screen = last_screen(&drawn);
    fits(&screen, "the filtered picker");
    assert!(
        screen
            .iter()
            .any(|l| l.starts_with("▸ lse.collaboration.1 ")),
        "{}",
        screen.join("\n")
    );
    session.press("\r");
    session.expect("Action: what will be done");
    session.press("Pair with security on the next design review\r");
    session.expect("Due date");
    session.press("2027-03-31\r");
    session.expect("Another?");
    session.press("\r");
    session.expect("Saved 1 agreed focus area");
    session.exp_eof().expect("exits");
    let file = load(&env, &id);
    assert_eq!(
        file["focus"][0]["target"].as_str(),
        Some("lse.collaboration.1")
    );
    assert_eq!(file["focus"][0]["due"].as_str(), Some("2027-03-31"));
}

/// Issue 28, item 7: Esc on a statement opened from the review saved and
/// quit the whole walk; `?` and `x` wrote below the statement and pushed
/// it off a 24-row screen.
#[test]
fn esc_returns_to_the_review_and_help_is_a_screen_of_its_own() {
    let env = TestEnv::new();
    let id = record_acme(&env, "person = \"Ada\"", &[]);
    let mut session = spawn(&env, &["assess", &id]);
    session.expect("8/8 answered");
    session.press("6\r");
    session.expect("6/8");
    session.press("?");
    let drawn = session.expect("Press any key to go back.");
    let screen = last_screen(&drawn);
    fits(&screen, "the help");
    assert!(
        screen.iter().any(|l| l.contains("5 Expert")),
        "{}",
        screen.join("\n")
    );
    session.press(" ");
    session.expect("Keeps a service's alerts actionable");
    session.press("x");
    let drawn = session.expect("Press any key to go back.");
    fits(&last_screen(&drawn), "the details");
    session.press(" ");
    let drawn = session.expect("q save and quit");
    let screen = last_screen(&drawn);
    fits(&screen, "the statement, drawn again");
    assert!(
        screen.iter().any(|l| l.starts_with("Ada (self)")),
        "{}",
        screen.join("\n")
    );
    // Esc: back on the review, the walk goes on.
    session.press("\x1b");
    session.expect("8/8 answered");
    session.press("1\r");
    session.expect("1/8");
    session.press("q");
    session.exp_eof().expect("exits");

    // In a walk, Esc says what it does, and q quits.
    let mut session = spawn(&env, &["assess", "--person", "Bo", "--role", "E1"]);
    session.expect("1/8");
    session.press("\x1b");
    session.expect("Esc cancels a question; q saves and quits.");
    session.press("q");
    session.exp_eof().expect("exits");
}

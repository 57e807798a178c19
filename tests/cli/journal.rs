//! `rungs log`: the evidence journal, recorded, listed, changed and
//! removed; damaged and newer files refused and left as they are; control
//! characters shown safely; drafts from a real git repository; and the
//! suggestions picked in a pseudo-terminal.

use std::path::{Path, PathBuf};

use rexpect::session::{PtySession, spawn_command};
use serde_json::Value;

use crate::support::{TestEnv, git_as_ada};

const ACME: &str = "examples/acme.toml";

/// `rungs --framework examples/acme.toml log --person Ada ARGS`.
fn log(env: &TestEnv, args: &[&str]) -> String {
    env.ok(&with_ada(args))
}

/// [`log`] on a wide terminal, for comparing whole lines.
fn log_wide(env: &TestEnv, args: &[&str]) -> String {
    let output = env
        .command()
        .args(with_ada(args))
        .env("COLUMNS", "200")
        .output()
        .expect("run");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("utf-8")
}

fn with_ada<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--framework", ACME, "log", "--person", "Ada"];
    all.extend(args);
    all
}

fn listed(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--format", "json"];
    all.extend(args);
    let json: Value = serde_json::from_str(&log(env, &all)).expect("json");
    assert_eq!(json["person"], "Ada");
    json["entries"].as_array().expect("entries").clone()
}

fn ids(entries: &[Value]) -> Vec<String> {
    entries
        .iter()
        .map(|e| e["id"].as_str().expect("id").to_string())
        .collect()
}

fn month_file(env: &TestEnv, month: &str) -> PathBuf {
    env.data_dir()
        .join("journal")
        .join("ada")
        .join(format!("{month}.toml"))
}

/// Three entries of Ada's over two months.
fn ada_with_entries() -> TestEnv {
    let env = TestEnv::new();
    log(
        &env,
        &[
            "Wrote runbook steps for every page of the billing alerts",
            "--date",
            "2026-10-28",
            "--for",
            "e2.craft.2",
            "--link",
            "https://git.example.com/billing/pull/42",
        ],
    );
    log(
        &env,
        &[
            "Planned the ledger migration in four milestones",
            "--date",
            "2026-11-03",
            "--for",
            "impact",
        ],
    );
    log(
        &env,
        &["Lunch and learn on tracing", "--date", "2026-11-20"],
    );
    env
}

#[test]
fn entries_are_recorded_in_a_month_file_per_person() {
    let env = ada_with_entries();
    let november = std::fs::read_to_string(month_file(&env, "2026-11")).expect("file");
    assert!(
        november.starts_with("format_version = 1\nperson = \"Ada\"\n\n[[entry]]\nid = \"2026-11-03-1\"\ndate = \"2026-11-03\"\ntext = \"Planned the ledger migration in four milestones\"\nfor = [\"impact\"]\nrecorded = \""),
        "{november}"
    );
    let october = std::fs::read_to_string(month_file(&env, "2026-10")).expect("file");
    assert!(
        october.contains(
            "links = [\"https://git.example.com/billing/pull/42\"]\nfor = [\"e2.craft.2\"]\n"
        ),
        "{october}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&month_file(&env, "2026-11")), 0o600);
        assert_eq!(mode(&env.data_dir().join("journal/ada")), 0o700);
        assert_eq!(mode(&env.data_dir().join("journal")), 0o700);
    }
    // The person is remembered: no --person needed next time.
    let stdout = env.ok(&["--framework", ACME, "log", "--format", "json"]);
    assert_eq!(
        ids(
            serde_json::from_str::<Value>(&stdout).expect("json")["entries"]
                .as_array()
                .expect("entries")
        ),
        ["2026-10-28-1", "2026-11-03-1", "2026-11-20-1"]
    );
}

/// Suggestions are one line each, cut between words (issue 28: "runbo…").
#[test]
fn recording_without_a_terminal_prints_suggestions_and_tags_nothing() {
    let env = TestEnv::new();
    let stdout = log(
        &env,
        &["Added a runbook step to every page", "--date", "2026-11-20"],
    );
    assert_eq!(
        stdout,
        "Recorded in Ada's journal: 2026-11-20-1 (2026-11-20): Added a runbook step to every page
  untagged; it may be evidence for:
    e2.craft.2  Keeps a service's alerts actionable: every page in the last quarter had a runbook…
    e1.craft.1  Ships changes with tests that cover the behaviour they add.
  tag it with: rungs log --retag 2026-11-20-1 --for ID
"
    );
    let json: Value = serde_json::from_str(&log(
        &env,
        &[
            "Reviewed teammates' changes within a day",
            "--date",
            "2026-11-20",
            "--format",
            "json",
        ],
    ))
    .expect("json");
    assert_eq!(json["action"], "recorded");
    assert_eq!(json["entry"]["id"], "2026-11-20-2");
    assert_eq!(json["entry"]["for"], serde_json::json!([]));
    assert_eq!(json["suggestions"][0]["id"], "e2.impact.2");
}

#[test]
fn tags_are_ids_of_any_case_or_words_that_match_one_statement() {
    let env = TestEnv::new();
    let json: Value = serde_json::from_str(&log(
        &env,
        &[
            "Runbooks for the search alerts",
            "--date",
            "2026-11-20",
            "--for",
            "E2.CRAFT.2",
            "--for",
            "Impact",
            "--for",
            "a written proposal the team reviews",
            "--format",
            "json",
        ],
    ))
    .expect("json");
    assert_eq!(
        json["entry"]["for"],
        serde_json::json!(["e2.craft.2", "impact", "e2.craft.1"])
    );
    let stderr = env.fails(
        &with_ada(&["x", "--date", "2026-11-20", "--for", "e2.craft.9"]),
        2,
    );
    assert!(
        stderr.contains("no statement, category or section `e2.craft.9` in acme-engineering"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `e2.craft.1`?"), "{stderr}");
    let stderr = env.fails(
        &with_ada(&["x", "--date", "2026-11-20", "--for", "reviews"]),
        2,
    );
    assert!(
        stderr.contains("`reviews` matches several statements"),
        "{stderr}"
    );
    assert!(stderr.contains("e2.impact.2"), "{stderr}");
    // Nothing was recorded by the refused runs.
    assert_eq!(listed(&env, &[]).len(), 1);
}

#[test]
fn the_list_filters_by_dates_tags_and_untagged_in_every_format() {
    let env = ada_with_entries();
    assert_eq!(
        ids(&listed(&env, &["--since", "2026-11-01"])),
        ["2026-11-03-1", "2026-11-20-1"]
    );
    assert_eq!(
        ids(&listed(&env, &["--until", "2026-11-03"])),
        ["2026-10-28-1", "2026-11-03-1"]
    );
    assert_eq!(
        ids(&listed(
            &env,
            &["--since", "2026-10-29", "--until", "2026-11-19"]
        )),
        ["2026-11-03-1"]
    );
    assert_eq!(ids(&listed(&env, &["--untagged"])), ["2026-11-20-1"]);
    // A category covers its statements, a statement is covered by its
    // category, a section covers everything in it.
    assert_eq!(ids(&listed(&env, &["--for", "craft"])), ["2026-10-28-1"]);
    assert_eq!(
        ids(&listed(&env, &["--for", "e1.impact.1"])),
        ["2026-11-03-1"]
    );
    assert_eq!(
        ids(&listed(&env, &["--for", "competencies"])),
        ["2026-10-28-1", "2026-11-03-1"]
    );
    let entry = &listed(&env, &["--for", "e2.craft.2"])[0];
    assert_eq!(
        entry["links"],
        serde_json::json!(["https://git.example.com/billing/pull/42"])
    );
    assert!(entry["recorded"].as_str().expect("time").contains('T'));

    let table = log(&env, &["--since", "2026-11-01"]);
    assert_eq!(
        table,
        "Ada's journal: 2 entries

2026-11-03-1  2026-11-03  Planned the ledger migration in four milestones
                          for impact
2026-11-20-1  2026-11-20  Lunch and learn on tracing
"
    );
    let markdown = log(&env, &["--until", "2026-10-31", "--format", "md"]);
    assert_eq!(
        markdown,
        "# Ada's journal

| ID | Date | Entry | For |
| --- | --- | --- | --- |
| 2026-10-28-1 | 2026-10-28 | Wrote runbook steps for every page of the billing alerts (https://git.example.com/billing/pull/42) | e2.craft.2 |
"
    );
    assert_eq!(
        log(&env, &["--since", "2027-01-01"]),
        "No entries of Ada's journal match.\n"
    );
    let stderr = env.fails(
        &with_ada(&["--since", "2026-11-02", "--until", "2026-11-01"]),
        2,
    );
    assert!(
        stderr.contains("--since 2026-11-02 is after --until 2026-11-01"),
        "{stderr}"
    );
}

#[test]
fn entries_are_edited_retagged_and_removed_by_id() {
    let env = ada_with_entries();
    let stdout = log(
        &env,
        &[
            "--edit",
            "2026-11-20-1",
            "Ran a lunch and learn on tracing for two teams",
            "--link",
            "https://wiki.example.com/tracing",
        ],
    );
    assert_eq!(
        stdout,
        "Changed: 2026-11-20-1 (2026-11-20): Ran a lunch and learn on tracing for two teams\n  link: https://wiki.example.com/tracing\n  untagged\n"
    );
    log(
        &env,
        &[
            "--retag",
            "2026-11-20-1",
            "--for",
            "e2.impact.2",
            "--for",
            "craft",
        ],
    );
    let entry = &listed(&env, &["--since", "2026-11-20"])[0];
    assert_eq!(entry["for"], serde_json::json!(["e2.impact.2", "craft"]));
    assert_eq!(
        entry["text"],
        "Ran a lunch and learn on tracing for two teams"
    );

    // A date in another month moves the entry, with a new id.
    let json: Value = serde_json::from_str(&log(
        &env,
        &[
            "--edit",
            "2026-11-20-1",
            "--date",
            "2026-10-30",
            "--format",
            "json",
        ],
    ))
    .expect("json");
    assert_eq!(json["entry"]["id"], "2026-10-30-1");
    assert_eq!(json["moved_from"], "2026-11-20-1");
    assert_eq!(
        json["entry"]["for"],
        serde_json::json!(["e2.impact.2", "craft"])
    );

    log(&env, &["--retag", "2026-10-30-1", "--for", ""]);
    assert_eq!(ids(&listed(&env, &["--untagged"])), ["2026-10-30-1"]);
    let stderr = env.fails(&with_ada(&["--retag", "2026-10-30-1"]), 2);
    assert!(
        stderr.contains("--retag needs --for outside a terminal"),
        "{stderr}"
    );

    assert_eq!(
        log_wide(&env, &["--remove", "2026-11-03-1"]),
        "Removed from Ada's journal: 2026-11-03-1 (2026-11-03): Planned the ledger migration in four milestones\n"
    );
    assert!(
        !month_file(&env, "2026-11").exists(),
        "an empty month loses its file"
    );
    let stderr = env.fails(&with_ada(&["--remove", "2026-11-03-1"]), 2);
    assert!(
        stderr.contains("Ada's journal has no entry `2026-11-03-1`"),
        "{stderr}"
    );
    let stderr = env.fails(&with_ada(&["--edit", "2026-10-28-2", "x"]), 2);
    assert!(stderr.contains("did you mean `2026-10-28-1`?"), "{stderr}");
    let stderr = env.fails(&with_ada(&["--edit", "last-tuesday", "x"]), 2);
    assert!(
        stderr.contains("`last-tuesday` is not a journal entry id"),
        "{stderr}"
    );
    assert_eq!(ids(&listed(&env, &[])), ["2026-10-28-1", "2026-10-30-1"]);
}

#[test]
fn a_damaged_month_file_is_refused_with_its_line_and_column() {
    let env = ada_with_entries();
    let path = month_file(&env, "2026-11");
    let text = std::fs::read_to_string(&path)
        .expect("file")
        .replace("date = \"2026-11-03\"", "date = \"2026-11-31\"");
    std::fs::write(&path, &text).expect("write");
    let stderr = env.fails(&with_ada(&[]), 3);
    assert!(
        stderr.contains(&format!("{}:6:8", path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("`2026-11-31` is not a date"), "{stderr}");
    assert!(
        stderr.contains("is not a valid journal file (1 error)"),
        "{stderr}"
    );
    // Recording into that month is refused too, and the file left as it is.
    env.fails(&with_ada(&["More", "--date", "2026-11-21"]), 3);
    assert_eq!(std::fs::read_to_string(&path).expect("file"), text);
    // Other months are still listed when asked for.
    assert_eq!(
        ids(&listed(&env, &["--until", "2026-10-31"])),
        ["2026-10-28-1"]
    );
}

#[test]
fn a_newer_format_is_refused_and_never_overwritten() {
    let env = ada_with_entries();
    let path = month_file(&env, "2026-11");
    let text = std::fs::read_to_string(&path)
        .expect("file")
        .replace("format_version = 1", "format_version = 2")
        + "\n[[entry.attachment]]\nname = \"from the future\"\n";
    std::fs::write(&path, &text).expect("write");
    for args in [
        vec!["More", "--date", "2026-11-21"],
        vec!["--remove", "2026-11-03-1"],
        vec!["--retag", "2026-11-03-1", "--for", "craft"],
        vec![],
    ] {
        let stderr = env.fails(&with_ada(&args), 3);
        assert!(
            stderr.contains(&format!("{}:1:18", path.display())),
            "{stderr}"
        );
        assert!(stderr.contains("newer than this rungs reads"), "{stderr}");
        assert!(stderr.contains("upgrade rungs to read it"), "{stderr}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("file"),
            text,
            "{args:?}"
        );
    }
}

#[test]
fn control_characters_in_entries_are_shown_visibly() {
    let env = TestEnv::new();
    let text = "Fixed \u{1b}[2Jthe \u{7}alerts\u{202e}txt.exe";
    let stdout = log(&env, &[text, "--date", "2026-11-20", "--for", "craft"]);
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(
        stdout.contains(r"Fixed \e[2Jthe \aalerts\u{202e}txt.exe"),
        "{stdout}"
    );
    for format in ["table", "md"] {
        let listed = log(&env, &["--format", format]);
        assert!(
            !listed.contains('\u{1b}') && !listed.contains('\u{7}') && !listed.contains('\u{202e}'),
            "{format}: {listed:?}"
        );
        assert!(listed.contains(r"\e"), "{format}: {listed}");
    }
    // Stored and given to scripts as typed.
    assert_eq!(listed(&env, &[])[0]["text"], text);
    // A hand-written file can hold them too.
    let path = month_file(&env, "2026-11");
    let file = std::fs::read_to_string(&path).expect("file");
    std::fs::write(&path, file.replace("\"craft\"", "\"cr\\u001Baft\"")).expect("write");
    let table = log(&env, &[]);
    assert!(
        table.contains(r"cr\eaft") && !table.contains('\u{1b}'),
        "{table}"
    );
}

/// A repository of commits by Ada (and one by Bob) over two ISO weeks,
/// with trivial ones and a merge.
fn repository(env: &TestEnv) -> PathBuf {
    let dir = env.path().join("billing");
    std::fs::create_dir(&dir).expect("repo dir");
    git_as_ada(&dir, &["init", "-q"], "2026-11-01T09:00:00+01:00");
    let commit = |subject: &str, date: &str, author: Option<&str>| {
        // A file per commit, so the branches merge without conflict.
        let name: String = subject
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        std::fs::write(dir.join(&name), subject).expect("write");
        git_as_ada(&dir, &["add", &name], date);
        let mut args = vec!["commit", "-q", "-m", subject];
        let by;
        if let Some(author) = author {
            by = format!("--author={author}");
            args.push(&by);
        }
        git_as_ada(&dir, &args, date);
    };
    commit(
        "Add runbook steps to every billing alert",
        "2026-11-02T10:00:00+01:00",
        None,
    );
    commit("fix typo", "2026-11-03T10:00:00+01:00", None);
    commit(
        "Plan the ledger migration in milestones",
        "2026-11-05T16:00:00+01:00",
        None,
    );
    commit(
        "Bob's change",
        "2026-11-06T10:00:00+01:00",
        Some("Bob <bob@example.com>"),
    );
    git_as_ada(
        &dir,
        &["checkout", "-q", "-b", "side"],
        "2026-11-09T10:00:00+01:00",
    );
    commit(
        "Review checklist for the ledger service",
        "2026-11-10T10:00:00+01:00",
        None,
    );
    git_as_ada(
        &dir,
        &["checkout", "-q", "main"],
        "2026-11-10T11:00:00+01:00",
    );
    commit("WIP", "2026-11-10T12:00:00+01:00", None);
    git_as_ada(
        &dir,
        &[
            "merge",
            "-q",
            "--no-ff",
            "-m",
            "Merge branch 'side'",
            "side",
        ],
        "2026-11-11T10:00:00+01:00",
    );
    commit("Old work", "2026-09-01T10:00:00+01:00", None);
    dir
}

#[test]
fn drafts_from_git_are_proposed_by_week_and_recorded_with_yes() {
    let env = TestEnv::new();
    let repo = repository(&env);
    let repo = repo.to_str().expect("utf-8 path");
    let args = [
        "--from-git",
        repo,
        "--author",
        "ADA@example.com",
        "--since",
        "2026-10-01",
    ];

    // In a script without --yes: shown, nothing recorded.
    let stdout = log_wide(&env, &args);
    assert_eq!(
        stdout,
        "billing: 2 weeks of commits since 2026-10-01 (2 trivial left out)
  2026-W45  2026-11-05  billing: Add runbook steps to every billing alert; Plan the ledger migration in milestones
  2026-W46  2026-11-10  billing: Review checklist for the ledger service
Nothing recorded. Run again with --yes to record these, or in a terminal to keep, edit, tag or drop each.
"
    );
    assert!(!env.data_dir().join("journal").exists());

    let mut with_yes = args.to_vec();
    with_yes.extend(["--yes", "--format", "json"]);
    let json: Value = serde_json::from_str(&log(&env, &with_yes)).expect("json");
    assert_eq!(json["repository"], "billing");
    assert_eq!(json["trivial"], 2);
    assert_eq!(
        json["drafts"][0]["commits"].as_array().map(Vec::len),
        Some(2)
    );
    let recorded = listed(&env, &[]);
    let texts: Vec<(&str, &str)> = recorded
        .iter()
        .map(|e| {
            (
                e["id"].as_str().expect("id"),
                e["text"].as_str().expect("text"),
            )
        })
        .collect();
    assert_eq!(
        texts,
        [
            (
                "2026-11-05-1",
                "billing: Add runbook steps to every billing alert; Plan the ledger migration in milestones"
            ),
            (
                "2026-11-10-1",
                "billing: Review checklist for the ledger service"
            ),
        ]
    );
    assert!(recorded.iter().all(|e| e["for"] == serde_json::json!([])));

    // Again: nothing is recorded twice.
    let mut again = args.to_vec();
    again.push("--yes");
    assert_eq!(
        log(&env, &again),
        "billing: 0 weeks of commits since 2026-10-01 (2 trivial left out, 2 already recorded)\nNothing recorded.\n"
    );
    assert_eq!(listed(&env, &[]).len(), 2);

    let stderr = env.fails(
        &with_ada(&["--from-git", env.path().to_str().expect("path")]),
        2,
    );
    assert!(stderr.contains("not a git repository"), "{stderr}");
}

#[test]
fn a_suggestion_is_picked_in_a_terminal() {
    let env = TestEnv::new();
    let mut command = env.std_command();
    command.args(with_ada(&[
        "Wrote runbook steps for every page of the billing alerts",
        "--date",
        "2026-11-20",
    ]));
    let mut session: PtySession =
        spawn_command(command, Some(10_000)).expect("spawn rungs in a pseudo-terminal");
    session.exp_string("Tag it with").expect("the suggestions");
    session
        .exp_string("e2.craft.2: Keeps a service's alerts actionable")
        .expect("the best suggestion first");
    session.send(" ").expect("space checks the first");
    session.flush().expect("flush");
    session.send("\r").expect("enter");
    session.flush().expect("flush");
    session
        .exp_string("Recorded in Ada's journal: 2026-11-20-1")
        .expect("recorded");
    session.exp_string("for: e2.craft.2").expect("tagged");
    session.exp_eof().expect("exits");
    let entry = &listed(&env, &[])[0];
    assert_eq!(entry["for"], serde_json::json!(["e2.craft.2"]));
}

/// Issue 28: a git week dropped on a terminal came back on the next
/// `--from-git --yes`. It is remembered and left out, and the run says so.
#[test]
fn a_week_dropped_on_a_terminal_stays_dropped() {
    let env = TestEnv::new();
    let repo = repository(&env);
    let repo = repo.to_str().expect("utf-8 path");
    let args = [
        "--from-git",
        repo,
        "--author",
        "ada@example.com",
        "--since",
        "2026-10-01",
    ];
    let mut command = env.std_command();
    command.args(with_ada(&args));
    let mut session: PtySession =
        spawn_command(command, Some(10_000)).expect("spawn rungs in a pseudo-terminal");
    // The first week: keep (the default). The second: drop.
    session.exp_string("1 of 2").expect("the first week");
    session
        .exp_string("This week's entry")
        .expect("the choices");
    session.send("\r").expect("keep");
    session.flush().expect("flush");
    session.exp_string("2 of 2").expect("the second week");
    session
        .exp_string("This week's entry")
        .expect("the choices");
    for _ in 0..3 {
        session.send("\x1b[B").expect("down");
    }
    session.send("\r").expect("drop");
    session.flush().expect("flush");
    session.exp_eof().expect("exits");
    assert_eq!(listed(&env, &[]).len(), 1);

    let mut with_yes = args.to_vec();
    with_yes.push("--yes");
    let stdout = log_wide(&env, &with_yes);
    assert!(
        stdout.contains("(2 trivial left out, 1 already recorded, 1 dropped before)"),
        "{stdout}"
    );
    assert_eq!(listed(&env, &[]).len(), 1, "the dropped week stays out");
}

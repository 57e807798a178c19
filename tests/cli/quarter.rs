//! Issue 28: a quarter lived by an engineer (Ada) and her manager (Grace),
//! each in their own data directory, files going both ways: the manager's
//! directory works like the engineer's, the journal travels, focus areas
//! carry over, and the reports say what was not assessed.

use serde_json::Value;

use crate::support::{TestEnv, full_answers, recorded_id};

fn answers(env: &TestEnv, name: &str, text: &str) -> String {
    let path = env.path().join(name);
    std::fs::write(&path, text).expect("write answers");
    path.to_str().expect("utf-8 path").to_string()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

/// Ada's complete self-assessment, recorded in `env`; its id.
fn ada_self(env: &TestEnv, overrides: &[(&str, &str)]) -> String {
    let path = answers(
        env,
        "ada.toml",
        &full_answers("person = \"Ada\"", overrides),
    );
    recorded_id(&env.ok(&["assess", "--answers", &path]))
}

/// Grace's view of Ada, recorded in `env`; its id.
fn grace_view(env: &TestEnv, overrides: &[(&str, &str)]) -> String {
    let path = answers(
        env,
        "grace.toml",
        &full_answers(
            "person = \"Ada\"\nassessor = \"Grace (manager)\"",
            overrides,
        ),
    );
    recorded_id(&env.ok(&["assess", "--answers", &path]))
}

/// `from`'s assessment `id` exported as a file and imported into `to`.
fn send(from: &TestEnv, to: &TestEnv, id: &str, extra: &[&str]) -> String {
    let file = from.path().join(format!("{id}.shared.toml"));
    let file = file.to_str().expect("utf-8").to_string();
    let mut args = vec!["export", id, "--format", "toml", "--output", &file];
    args.extend_from_slice(extra);
    from.ok_noted(&args);
    to.ok(&["import", &file])
}

/// Item 2: in Grace's directory, with Ada's self-assessment imported,
/// `compare --person Ada --disconnects` said "no self-assessment of Ada
/// yet", `compare` had no `--assessor`, and `gap` and `progress` needed
/// `--assessor self`.
#[test]
fn a_managers_directory_works_like_the_engineers() {
    let ada = TestEnv::new();
    let grace = TestEnv::new();
    let self_id = ada_self(
        &ada,
        &[("lse.arch.1", "{ rating = 3, evidence = \"ADR-7 adopted\" }")],
    );
    send(&ada, &grace, &self_id, &[]);
    let grace_id = grace_view(&grace, &[("lse.arch.1", "{ rating = 1 }")]);

    let (agenda, note) = grace.ok_noted(&["compare", "--person", "Ada", "--disconnects"]);
    assert!(
        note.starts_with(&format!("Comparing {self_id} (Ada (self), complete"))
            && note.contains(", imported ")
            && note.contains(&format!("with {grace_id} (Ada, as seen by Grace (manager)")),
        "{note}"
    );
    assert!(agenda.contains("lse.arch.1"), "{agenda}");
    let (_, note) = grace.ok_noted(&[
        "compare",
        "--person",
        "Ada",
        "--assessor",
        "Grace (manager)",
        "--format",
        "json",
    ]);
    assert!(note.contains(&grace_id), "{note}");
    // Without --person: the person named last time (Grace assessed Ada).
    grace.ok_noted(&["compare", "--disconnects"]);

    let (gap, note) = grace.ok_noted(&["gap", "--person", "Ada", "--format", "json"]);
    assert!(
        note.starts_with(&format!("Using {self_id}: Ada (self), complete"))
            && note.contains(", imported "),
        "{note}"
    );
    assert_eq!(json(&gap)["assessment"], self_id.as_str());
    let (_, note) = grace.ok_noted(&["progress", "--person", "Ada"]);
    assert!(
        note.starts_with("Charting 1 complete self-assessment of Ada"),
        "{note}"
    );
    // Item 7: progress, as gap and focus, defaults to the person named
    // last time.
    let (_, note) = grace.ok_noted(&["progress"]);
    assert!(note.contains("of Ada"), "{note}");
}

/// Item 3: `export --format toml` carried only the assessment, so the
/// packet Grace printed lacked Ada's journal evidence. Ada chooses what
/// goes (`--journal`); Grace's directory keeps it as Ada's entries, shown
/// as imported, apart from Grace's own journal.
#[test]
fn the_journal_travels_with_the_assessment_when_the_person_chooses() {
    let ada = TestEnv::new();
    let grace = TestEnv::new();
    let self_id = ada_self(&ada, &[]);
    ada.ok(&[
        "log",
        "--person",
        "Ada",
        "--date",
        "2026-10-21",
        "--for",
        "lse.arch.1",
        "--link",
        "https://adr.example/12",
        "Wrote ADR-12 on the shared event schema\nreviewed by three teams",
    ]);
    ada.ok(&[
        "log",
        "--person",
        "Ada",
        "--date",
        "2026-10-22",
        "--for",
        "spe.idp.1",
        "Not to be sent with a tagged export? It is: tagged",
    ]);
    ada.ok(&[
        "log",
        "--person",
        "Ada",
        "--date",
        "2026-10-23",
        "A note for myself, untagged",
    ]);
    // Without --journal the journal stays, and the export says how to
    // send it.
    let file = ada.path().join("plain.toml");
    let file = file.to_str().expect("utf-8");
    let (_, note) = ada.ok_noted(&["export", &self_id, "--format", "toml", "--output", file]);
    assert!(
        note.contains("Ada's journal stays here: --journal tagged sends the 2 entries"),
        "{note}"
    );
    assert!(
        !std::fs::read_to_string(file)
            .expect("file")
            .contains("[[journal]]")
    );
    let refused = ada.fails(
        &["export", &self_id, "--format", "md", "--journal", "all"],
        2,
    );
    assert!(
        refused.contains("--journal chooses what a --format toml export carries"),
        "{refused}"
    );

    let imported = send(&ada, &grace, &self_id, &["--journal", "tagged"]);
    assert!(
        imported.contains("With it, 2 journal entries of Ada: 2 new or changed, kept as imported"),
        "{imported}"
    );
    // Importing again changes nothing.
    let again = send(&ada, &grace, &self_id, &["--journal", "tagged"]);
    assert!(
        again.contains("already here, unchanged") && again.contains("0 new or changed"),
        "{again}"
    );

    let (gap, _) = grace.ok_noted(&["gap", "--person", "Ada", "--format", "md"]);
    assert!(
        gap.contains("Journal 2026-10-21 (imported): Wrote ADR-12 on the shared event schema / reviewed by three teams (https://adr.example/12)"),
        "{gap}"
    );
    assert!(!gap.contains("A note for myself"), "{gap}");
    let (packet, _) = grace.ok_noted(&["export", "--person", "Ada", "--format", "html"]);
    assert!(packet.contains("reviewed by three teams"), "{packet}");
    assert!(packet.contains("journal-imported"), "{packet}");
    // Grace's own journal of Ada is untouched.
    let own = grace.ok(&["log", "--person", "Ada", "--format", "json"]);
    assert_eq!(
        json(&own)["entries"].as_array().map(Vec::len),
        Some(0),
        "{own}"
    );
}

/// Item 4: two open focus areas disappeared from `focus` after the next
/// assessment and had to be added again. Open focus areas carry over until
/// closed (done, dropped), and a closed one stays where it was closed.
/// Item 7: `focus` printed "design choices.. Action:".
#[test]
fn open_focus_areas_carry_over_until_closed() {
    let ada = TestEnv::new();
    let september = ada_self(&ada, &[]);
    for (target, due) in [
        ("lse.arch.1", "2026-12-15"),
        ("collaboration", "2027-01-31"),
    ] {
        ada.ok_noted(&[
            "focus",
            "--add",
            target,
            "--action",
            "Lead the next design review",
            "--due",
            due,
        ]);
    }
    let (listed, _) = ada.ok_noted(&["focus"]);
    let listed = listed.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!listed.contains(".."), "{listed}");
    assert!(
        listed.contains(". Action: Lead the next design review (due 2026-12-15)"),
        "{listed}"
    );

    // December: a new assessment, the focus still open.
    let december = ada_self(&ada, &[("lse.arch.1", "{ rating = 2 }")]);
    assert_ne!(december, september);
    let (focus, note) = ada.ok_noted(&["focus", "--format", "json"]);
    assert!(note.contains(&december), "{note}");
    let focus = json(&focus);
    let targets: Vec<&str> = focus
        .as_array()
        .expect("focus areas")
        .iter()
        .map(|f| f["target"].as_str().expect("target"))
        .collect();
    assert_eq!(targets, ["lse.arch.1", "collaboration"]);
    assert_eq!(focus[1]["due"], "2027-01-31");

    // Closed as done: kept as history, not carried.
    let (done, _) = ada.ok_noted(&["focus", "--done", "1"]);
    assert!(done.contains("[done "), "{done}");
    let refused = ada.fails(&["focus", "--done", "1"], 2);
    assert!(refused.contains("closed already"), "{refused}");
    ada_self(&ada, &[]);
    let (after, _) = ada.ok_noted(&["focus", "--format", "json"]);
    let after = json(&after);
    assert_eq!(after.as_array().map(Vec::len), Some(1), "{after}");
    assert_eq!(after[0]["target"], "collaboration");
}

/// Item 6: `gap --to PA` on an SPE -> LSE assessment printed "Readiness
/// for PA: 0%" with 83 "not rated" lines. A role with nothing answered is
/// not reported on: the error says so and how to assess it.
#[test]
fn a_gap_to_a_role_never_assessed_says_so() {
    let ada = TestEnv::new();
    let id = ada_self(&ada, &[]);
    let stderr = ada.fails(&["gap", &id, "--to", "PA"], 2);
    assert!(
        stderr.contains(&format!(
            "error: PA was not assessed in {id}: none of its 77 statements has an answer"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("rungs assess --person Ada --role SPE --to PA"),
        "{stderr}"
    );
    assert!(!stderr.contains("Readiness"), "{stderr}");
    // The role it was assessed against still reports.
    ada.ok(&["gap", &id, "--to", "LSE"]);
}

/// Item 9: one assessment dated in the future gave about 2,700 lines of
/// standard error on every `list`, and 680 such files 1.8 million lines.
/// One line a file, the first few and a count; the full diagnostic with
/// `rungs validate FILE` or `list --verbose`.
#[test]
fn damaged_files_are_one_line_each_and_counted_beyond_a_few() {
    let ada = TestEnv::new();
    let id = ada_self(&ada, &[]);
    let path = ada.assessment_path(&id);
    let text = std::fs::read_to_string(&path).expect("file");
    let year = &id["ada-spe-".len()..]["".len()..4];
    let future = text.replace(&format!("\"{year}-"), "\"2099-");
    std::fs::remove_file(&path).expect("remove");
    for n in 1..=8 {
        let other = format!("ada-spe-2099-01-0{n}");
        ada.add_assessment(
            &other,
            &future.replace(&format!("id = \"{id}\""), &format!("id = \"{other}\"")),
        );
    }
    let listed = ada.run(&["list"]);
    assert_eq!(listed.code, 3, "{}", listed.stderr);
    let lines: Vec<&str> = listed.stderr.lines().collect();
    assert!(
        lines.len() <= 9,
        "{} lines:\n{}",
        lines.len(),
        listed.stderr
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("warning: skipping "))
            .count(),
        5,
        "{}",
        listed.stderr
    );
    assert!(
        listed.stderr.contains("warning: and 3 more files skipped"),
        "{}",
        listed.stderr
    );
    assert!(
        listed.stderr.contains("is in the future"),
        "{}",
        listed.stderr
    );
    assert!(
        listed.stderr.contains("`rungs validate FILE`"),
        "{}",
        listed.stderr
    );

    let one = ada.assessment_path("ada-spe-2099-01-01");
    let validated = ada.run(&["validate", one.to_str().expect("utf-8")]);
    assert_eq!(validated.code, 3, "{}", validated.stderr);
    assert!(
        validated.stderr.lines().count() > 100,
        "the full diagnostic"
    );
    assert!(
        validated.stderr.contains("later than this machine's clock"),
        "{}",
        validated.stderr
    );
    let verbose = ada.run(&["list", "--verbose"]);
    assert!(
        verbose.stderr.lines().count() > 800,
        "every problem of every file"
    );
}

/// Item 8: an entry tagged to a category was printed under every unmet
/// statement of that category, five times in one `gap`. It is printed
/// once, under the category's heading.
#[test]
fn an_entry_tagged_to_a_category_is_printed_once_in_the_gap() {
    let ada = TestEnv::new();
    ada_self(&ada, &[]);
    ada.ok(&[
        "log",
        "--person",
        "Ada",
        "--date",
        "2026-11-04",
        "--for",
        "collaboration",
        "Paired with security on the ingress design review",
    ]);
    for format in ["md", "table"] {
        let (gap, _) = ada.ok_noted(&["gap", "--format", format]);
        assert_eq!(
            gap.matches("Paired with security on the ingress design review")
                .count(),
            1,
            "once, for LSE's Collaboration (six of its statements unmet):\n{gap}"
        );
        assert!(
            gap.to_lowercase()
                .contains("journal, whole category 2026-11-04"),
            "{gap}"
        );
    }
}

/// Item 7: a merge that completed an assessment skipped the end screen and
/// the second offer of skipped statements.
#[test]
fn a_merge_that_completes_ends_as_a_walk_does() {
    const ACME: &str = "examples/acme.toml";
    let env = TestEnv::new();
    let first = answers(
        &env,
        "first.toml",
        "person = \"Ada\"\nrole = \"E1\"\nto = \"E2\"\nframework = \"acme-engineering\"\n[ratings]\n\
         \"e1.craft.1\" = { rating = 4 }\n\"e1.impact.1\" = { rating = 4 }\n\"e1.impact.2\" = { rating = 4 }\n\
         \"e2.craft.1\" = { rating = 2 }\n\"e2.craft.2\" = { rating = 2 }\n\"e2.impact.1\" = { rating = 2 }\n",
    );
    let id = recorded_id(&env.ok(&["--framework", ACME, "assess", "--answers", &first]));
    // Skipped in a walk: an answer with neither a rating nor no opportunity.
    let path = env.assessment_path(&id);
    let mut text = std::fs::read_to_string(&path).expect("file");
    text.push_str("\n[ratings.\"e1.craft.2\"]\nat = \"2026-11-25T10:00:00+00:00\"\n");
    std::fs::write(&path, text).expect("skip");
    let rest = answers(
        &env,
        "rest.toml",
        "person = \"Ada\"\nrole = \"E1\"\nto = \"E2\"\nframework = \"acme-engineering\"\n[ratings]\n\"e2.impact.2\" = { rating = 3 }\n",
    );
    let (stdout, stderr) = env.ok_noted(&["--framework", ACME, "assess", &id, "--answers", &rest]);
    assert!(stdout.contains("Done: Ada (self)"), "{stdout}");
    assert!(stdout.contains("Readiness for E2"), "{stdout}");
    assert!(
        stdout.contains(&format!("Merged 1 answer into {id}")),
        "{stdout}"
    );
    assert!(
        stderr.contains(&format!(
            "1 statement was skipped: `rungs assess {id}` opens the review, where s goes to each."
        )),
        "{stderr}"
    );
}

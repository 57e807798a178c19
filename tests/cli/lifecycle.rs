//! Living with assessments (issue 12): "no opportunity yet" and evidence
//! over several lines in every format, one answer set with `rate`, an
//! answers file merged into an assessment, and `delete`. The interactive
//! parts (reopen, review, reassessment keys, the editor, the summary,
//! prompts, Ctrl-C) are in `walk.rs`.

use serde_json::Value;

use crate::support::TestEnv;

const ACME: &str = "examples/acme.toml";

/// Every statement of Acme's E1 and E2, in walk order.
const IDS: [&str; 8] = [
    "e1.craft.1",
    "e1.craft.2",
    "e1.impact.1",
    "e1.impact.2",
    "e2.craft.1",
    "e2.craft.2",
    "e2.impact.1",
    "e2.impact.2",
];

/// An answers file of Acme answering every statement (rating 4 unless
/// `overrides` says otherwise), recorded; its id.
pub fn record_acme(env: &TestEnv, header: &str, overrides: &[(&str, &str)]) -> String {
    let mut text = format!(
        "{header}\nrole = \"E1\"\nto = \"E2\"\nframework = \"acme-engineering\"\n[ratings]\n"
    );
    for id in IDS {
        let answer = overrides
            .iter()
            .find(|(o, _)| *o == id)
            .map_or("{ rating = 4, evidence = \"seen\" }", |(_, a)| a);
        text.push_str(&format!("\"{id}\" = {answer}\n"));
    }
    let path = env
        .path()
        .join(format!("answers-{}.toml", env.assessment_files().len()));
    std::fs::write(&path, text).expect("answers file");
    let stdout = env.ok(&[
        "--framework",
        ACME,
        "assess",
        "--answers",
        path.to_str().expect("utf-8"),
    ]);
    let rest = stdout.strip_prefix("Recorded ").expect("recorded");
    rest[..rest.find(':').expect("colon")].to_string()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

const MULTI: &str =
    "Led the billing migration\n\n- 40 services moved\n# no downtime\n| one | pipe |";

#[test]
fn no_opportunity_and_evidence_over_several_lines_in_every_format() {
    let env = TestEnv::new();
    let id = record_acme(
        &env,
        "person = \"Ada\"",
        &[
            ("e1.impact.1", "{ no_opportunity = true }"),
            (
                "e2.impact.1",
                "{ no_opportunity = true, evidence = \"No programme this quarter\" }",
            ),
            (
                "e2.craft.1",
                &format!("{{ rating = 2, evidence = {MULTI:?} }}"),
            ),
        ],
    );
    // Stored as typed, and read back the same.
    let file = std::fs::read_to_string(env.assessment_path(&id)).expect("file");
    let stored: toml::Table = file.parse().expect("toml");
    let answer = &stored["ratings"]["e2.impact.1"];
    assert_eq!(answer["no_opportunity"].as_bool(), Some(true));
    assert!(answer.get("rating").is_none());
    assert_eq!(
        stored["ratings"]["e2.craft.1"]["evidence"].as_str(),
        Some(MULTI)
    );

    // JSON: exact, and the no-opportunity statements on their own.
    let gap = json(&env.ok(&["--framework", ACME, "gap", &id, "--format", "json"]));
    let ids = |key: &str| -> Vec<String> {
        gap[key]
            .as_array()
            .expect("array")
            .iter()
            .map(|i| i["id"].as_str().expect("id").to_string())
            .collect()
    };
    assert_eq!(ids("no_opportunity"), ["e1.impact.1", "e2.impact.1"]);
    assert_eq!(ids("unmet"), ["e2.craft.1"], "not among the unmet");
    assert_eq!(gap["no_opportunity"][1]["answer"], "no-opportunity");
    assert_eq!(gap["readiness"], 50, "counted as not met");
    assert_eq!(gap["unmet"][0]["evidence"], MULTI);
    let expectation = gap["expectations"]
        .as_array()
        .expect("expectations")
        .iter()
        .find(|e| e["id"] == "e2.impact.1")
        .expect("e2.impact.1");
    assert_eq!(expectation["met"], false);

    // The table: a section of its own; evidence lines indented under the
    // first.
    let table = env.ok(&["--framework", ACME, "gap", &id]);
    assert!(table.contains("NO OPPORTUNITY YET (2)"), "{table}");
    assert!(
        table.contains("no opportunity yet · evidence: No programme this quarter"),
        "{table}"
    );
    let first = table
        .lines()
        .position(|l| l.contains("evidence: Led the billing migration"))
        .expect("evidence shown");
    let lines: Vec<&str> = table.lines().collect();
    let column = lines[first].find("2 Learning").expect("rating column");
    assert_eq!(lines[first + 1].trim(), "", "{table}");
    assert!(
        lines[first + 2].starts_with(&format!("{}  - 40 services moved", " ".repeat(column))),
        "{table}"
    );
    assert!(
        lines[first + 3].starts_with(&format!("{}  # no downtime", " ".repeat(column))),
        "{table}"
    );

    // Markdown: lines joined, nothing starts a heading, a list or a row.
    for args in [
        vec!["--framework", ACME, "gap", id.as_str(), "--format", "md"],
        vec!["--framework", ACME, "export", id.as_str(), "--format", "md"],
    ] {
        let md = env.ok(&args);
        assert!(
            md.contains("Led the billing migration / - 40 services moved / \\# no downtime / \\| one \\| pipe \\|"),
            "{args:?}:\n{md}"
        );
        assert!(
            !md.lines()
                .any(|l| l.starts_with("- 40") || l.starts_with("# no")),
            "{md}"
        );
        assert!(md.contains("No programme this quarter"), "{args:?}:\n{md}");
    }
    let md = env.ok(&["--framework", ACME, "gap", &id, "--format", "md"]);
    assert!(md.contains("## No opportunity yet (2)"), "{md}");
    let packet = env.ok(&["--framework", ACME, "export", &id, "--format", "md"]);
    assert!(
        packet.contains("- **no opportunity yet** `e2.impact.1`"),
        "{packet}"
    );
    let panel = env.ok(&["--framework", ACME, "export", &id, "--panel"]);
    assert!(
        panel.contains("## No opportunity yet for E2 (1)"),
        "{panel}"
    );
    assert!(panel.contains("| e2.impact.1 |"), "{panel}");

    // HTML: the evidence whole, its lines kept by the page's style.
    let html = env.ok(&["--framework", ACME, "export", &id, "--format", "html"]);
    assert!(
        html.contains("Led the billing migration\n\n- 40 services moved\n# no downtime"),
        "evidence kept whole"
    );
    assert!(html.contains("no opportunity yet"), "badge and label");
}

#[test]
fn rate_sets_one_answer_checked_as_answers_files_are() {
    let env = TestEnv::new();
    let id = record_acme(
        &env,
        "person = \"Ada\"",
        &[("e2.impact.2", "{ rating = 1 }")],
    );
    let run = |args: &[&str]| {
        let mut all = vec!["--framework", ACME, "rate", id.as_str()];
        all.extend(args);
        env.run(&all)
    };
    let out = run(&[
        "e2.impact.2",
        "5",
        "--evidence",
        "Reviewed 40 changes\nwithin a day",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "e2.impact.2 in {id}: 5 Expert, with evidence. 8 of 8 statements answered, complete.\n"
        )
    );
    // Without --evidence the evidence stays; n/a and skip.
    let out = run(&["e2.impact.2", "n/a", "--format", "json"]);
    let data = json(&out.stdout);
    assert_eq!(data["answer"], "no-opportunity");
    assert_eq!(data["evidence"], "Reviewed 40 changes\nwithin a day");
    assert_eq!(run(&["E2.IMPACT.2", "skip"]).code, 0);
    let stored: toml::Table = std::fs::read_to_string(env.assessment_path(&id))
        .expect("file")
        .parse()
        .expect("toml");
    let answer = stored["ratings"]["e2.impact.2"].as_table().expect("answer");
    assert!(answer.get("rating").is_none() && answer.get("no_opportunity").is_none());

    // Checked: the statement, the scale, the assessment.
    let out = run(&["e2.impact.9", "3"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("has no statement `e2.impact.9`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("did you mean `e2.impact.1`?")
            || out.stderr.contains("did you mean `e2.impact.2`?"),
        "{}",
        out.stderr
    );
    let out = run(&["e2.impact.1", "7"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("rating 7 is not on the scale"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("1 Not yet, 2 Learning"),
        "{}",
        out.stderr
    );
    let out = run(&["e3.craft.1", "3"]);
    assert!(
        out.stderr.contains("it covers the statements of E1 and E2"),
        "{}",
        out.stderr
    );
    let stderr = env.fails(&["rate", "nobody-1", "e1.craft.1", "3"], 2);
    assert!(stderr.contains("no assessment `nobody-1`"), "{stderr}");
}

#[test]
fn an_answers_file_merges_into_an_assessment_and_completes_it() {
    let env = TestEnv::new();
    let draft = env.path().join("draft.toml");
    std::fs::write(
        &draft,
        "person = \"Ada\"\nrole = \"E1\"\nframework = \"acme-engineering\"\n[ratings]\n\"e1.craft.1\" = { rating = 4, evidence = \"first\" }\n",
    )
    .expect("write");
    let stdout = env.ok(&[
        "--framework",
        ACME,
        "assess",
        "--answers",
        draft.to_str().expect("utf-8"),
    ]);
    let id = stdout["Recorded ".len()..stdout.find(':').expect("colon")].to_string();
    assert!(stdout.contains("in progress"), "{stdout}");

    let mut rest = String::from(
        "person = \"ada\"\nrole = \"E1\"\nto = \"E2\"\nframework = \"acme-engineering\"\n[ratings]\n",
    );
    for statement in &IDS[1..] {
        rest.push_str(&format!("\"{statement}\" = {{ rating = 3 }}\n"));
    }
    let more = env.path().join("more.toml");
    std::fs::write(&more, &rest).expect("write");
    let stdout = env.ok(&[
        "--framework",
        ACME,
        "assess",
        &id,
        "--answers",
        more.to_str().expect("utf-8"),
    ]);
    assert!(
        stdout.starts_with(&format!(
            "Merged 7 answers into {id}: 8 of 8 statements answered, complete"
        )),
        "{stdout}"
    );
    let listed = json(&env.ok(&["--framework", ACME, "list", "--format", "json"]));
    assert_eq!(listed[0]["status"], "complete");
    assert!(listed[0]["completed"].is_string());
    let file = std::fs::read_to_string(env.assessment_path(&id)).expect("file");
    assert!(
        file.contains("evidence = \"first\""),
        "the earlier answer stays"
    );

    // Another person's file, or another view, is refused at its place.
    std::fs::write(&more, rest.replace("\"ada\"", "\"Bo\"")).expect("write");
    let stderr = env.fails(
        &[
            "--framework",
            ACME,
            "assess",
            &id,
            "--answers",
            more.to_str().expect("utf-8"),
        ],
        3,
    );
    assert!(stderr.contains("this file is about Bo, and"), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:1:10", more.display())),
        "{stderr}"
    );
    std::fs::write(
        &more,
        rest.replace("role = \"E1\"", "role = \"E1\"\nassessor = \"Grace\""),
    )
    .expect("write");
    let stderr = env.fails(
        &[
            "--framework",
            ACME,
            "assess",
            &id,
            "--answers",
            more.to_str().expect("utf-8"),
        ],
        3,
    );
    assert!(stderr.contains("this file is Grace's view"), "{stderr}");
    std::fs::write(&more, rest.replace("rating = 3", "rating = 9")).expect("write");
    let stderr = env.fails(
        &[
            "--framework",
            ACME,
            "assess",
            &id,
            "--answers",
            more.to_str().expect("utf-8"),
        ],
        3,
    );
    assert!(stderr.contains("rating 9 is not on the scale"), "{stderr}");
}

#[test]
fn delete_needs_yes_without_a_terminal_and_says_what_it_removed() {
    let env = TestEnv::new();
    let id = record_acme(&env, "person = \"Ada\"", &[]);
    let path = env.assessment_path(&id);
    let stderr = env.fails(&["--framework", ACME, "delete", &id], 2);
    assert!(
        stderr.contains(&format!("deleting {id} needs a confirmation")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("rungs delete {id} --yes")),
        "{stderr}"
    );
    assert!(path.exists());
    // The index knows it before; forgets it after.
    assert!(env.ok(&["--framework", ACME, "list"]).contains(&id));
    let index_file = env.data_cache().join("index/ada.bin");
    let holds = |id: &str| {
        let index = std::fs::read(&index_file).expect("the index");
        index.windows(id.len()).any(|w| w == id.as_bytes())
    };
    assert!(holds(&id));
    let stdout = env.ok(&["--framework", ACME, "delete", &id, "--yes"]);
    assert!(
        stdout.starts_with(&format!(
            "Deleted {id} (Ada (self), complete {}, E1 → E2): removed",
            &id["ada-e1-".len()..],
        )),
        "{stdout}"
    );
    assert!(stdout.contains(&path.display().to_string()), "{stdout}");
    assert!(!path.exists());
    assert!(!holds(&id));
    assert!(
        env.ok(&["--framework", ACME, "list"])
            .contains("No assessments yet")
    );
    let stderr = env.fails(&["delete", &id, "--yes"], 2);
    assert!(
        stderr.contains(&format!("no assessment `{id}`")),
        "{stderr}"
    );
}

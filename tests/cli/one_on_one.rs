//! A 1:1 from end to end: an engineer and a manager in separate data
//! directories, an exported view imported, compared, focus agreed, progress
//! across two dates, and the promotion packet; and hostile evidence through
//! every renderer.

use serde_json::Value;

use crate::support::{TestEnv, fixture, full_answers, recorded_id};

/// Evidence a person might type, at its worst.
const HOSTILE: &str = "<script>alert(\"x\")</script> & 'quotes' | pipes | `ticks` *stars* [link](http://x) 🚀 日本語 Ünïcödé";

fn answers(env: &TestEnv, name: &str, text: &str) -> String {
    let path = env.path().join(name);
    std::fs::write(&path, text).expect("write answers");
    path.to_str().expect("utf-8 path").to_string()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn a_one_on_one_from_self_assessment_to_promotion_packet() {
    let engineer = TestEnv::new();
    let manager = TestEnv::new();

    // Last quarter's self assessment, then today's.
    let earlier = std::fs::read_to_string(fixture("data/assessments/ada-spe-2026-11-20.toml"))
        .expect("fixture")
        .replace("ada-spe-2026-11-20", "ada-spe-2026-08-01")
        .replace("2026-11-20T09:30:00+01:00", "2026-08-01T09:30:00+01:00");
    engineer.add_assessment("ada-spe-2026-08-01", &earlier);
    let mine = answers(
        &engineer,
        "self.toml",
        &full_answers(
            "person = \"Ada\"",
            &[
                (
                    "spe.idp.1",
                    "{ rating = 3, evidence = \"Platform roadmap 2027\" }",
                ),
                (
                    "lse.arch.1",
                    "{ rating = 3, evidence = \"ADR-7 adopted by four teams\" }",
                ),
                ("lse.arch.2", "{ rating = 2 }"),
                ("lse.arch.3", "{ rating = 2 }"),
                ("lse.collaboration.1", "{ rating = 2 }"),
            ],
        ),
    );
    let self_id = recorded_id(&engineer.ok(&["assess", "--answers", &mine]));

    // The manager's view, in the manager's own data directory.
    let theirs = answers(
        &manager,
        "grace.toml",
        &full_answers(
            "person = \"Ada\"\nassessor = \"Grace (manager)\"",
            &[
                (
                    "spe.idp.1",
                    "{ rating = 3, evidence = \"Roadmap review in October\" }",
                ),
                (
                    "lse.arch.1",
                    "{ rating = 1, evidence = \"Only one team has adopted ADR-7 so far\" }",
                ),
                ("lse.collaboration.1", "{ rating = 0 }"),
            ],
        ),
    );
    let manager_id = recorded_id(&manager.ok(&["assess", "--answers", &theirs]));
    assert!(manager_id.contains("-by-grace-manager"), "{manager_id}");

    // Shared as a file, imported on the engineer's side.
    let shared = manager.path().join("for-ada.toml");
    let shared_path = shared.to_str().expect("utf-8");
    let written = manager.run(&[
        "export",
        &manager_id,
        "--format",
        "toml",
        "--output",
        shared_path,
    ]);
    assert_eq!(
        (written.code, written.stderr.trim()),
        (0, format!("Wrote {shared_path}").as_str())
    );
    let imported = engineer.ok(&["import", shared_path]);
    assert!(
        imported.starts_with(&format!(
            "Imported {manager_id} (Ada, as seen by Grace (manager)"
        )),
        "{imported}"
    );
    assert!(
        engineer
            .ok(&["import", shared_path])
            .contains("already here, unchanged")
    );
    let original = std::fs::read(engineer.assessment_path(&manager_id)).expect("imported file");
    let altered = std::fs::read_to_string(&shared)
        .expect("export")
        .replace("rating = 0", "rating = 3");
    std::fs::write(&shared, altered).expect("alter");
    let stderr = engineer.fails(&["import", shared_path], 5);
    assert!(
        stderr.contains("already holds a different assessment"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(engineer.assessment_path(&manager_id)).expect("file"),
        original,
        "never overwritten"
    );

    // Regression (issue 12): the imported manager's view became Ada's
    // "latest", and a focus added with no id landed on it.
    let (gap, note) = engineer.ok_noted(&["gap", "--person", "Ada"]);
    assert_eq!(
        note.lines().collect::<Vec<_>>(),
        [format!(
            "Using {self_id}: Ada (self), complete {}",
            &self_id["ada-spe-".len()..]
        )]
    );
    assert!(gap.contains("Gap report · Ada (self)"), "{gap}");

    // Compare: both ratings, never averaged; disconnects marked.
    let (table, note) = engineer.ok_noted(&["compare", "--person", "ada"]);
    assert!(
        note.starts_with(&format!("Comparing {self_id} (Ada (self), complete"))
            && note.contains(&format!(
                "with {manager_id} (Ada, as seen by Grace (manager), complete"
            )),
        "{note}"
    );
    assert!(table.contains("DISCONNECTS (2)"), "{table}");
    assert!(
        table.contains("Grace (manager): Only one team has adopted ADR-7 so far"),
        "{table}"
    );
    let compared = json(
        &engineer
            .ok_noted(&["compare", "--person", "Ada", "--format", "json"])
            .0,
    );
    assert_eq!(compared["a"]["assessor"], "self");
    assert_eq!(compared["b"]["assessor"], "Grace (manager)");
    let arch = compared["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .find(|s| s["id"] == "lse.arch.1")
        .expect("lse.arch.1");
    assert_eq!(
        (arch["a"]["rating"].as_u64(), arch["b"]["rating"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(
        (arch["difference"].as_u64(), arch["disconnect"].as_bool()),
        (Some(2), Some(true))
    );
    let idp = compared["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .find(|s| s["id"] == "spe.idp.1")
        .expect("idp");
    assert_eq!(idp["difference"], 0);

    // Focus agreed on the engineer's own assessment, shown by gap: with no
    // id, as the README shows it, on Ada's latest complete self-assessment.
    let (_, note) = engineer.ok_noted(&[
        "focus",
        "--person",
        "Ada",
        "--add",
        "Collaboration",
        "--action",
        "Pair with security on the next design review",
        "--due",
        "2027-03-31",
    ]);
    assert!(
        note.starts_with(&format!("Using {self_id}: Ada (self)")),
        "{note}"
    );
    engineer.ok(&[
        "focus",
        "--assessment",
        &self_id,
        "--add",
        "lse.arch.2",
        "--action",
        "Chair the Q1 cluster design review",
    ]);
    let stderr = engineer.fails(
        &["focus", &self_id, "--add", "colaboration", "--action", "x"],
        2,
    );
    assert!(stderr.contains("did you mean `collaboration`?"), "{stderr}");
    let gap = engineer.ok(&["gap", &self_id]);
    assert!(gap.contains("AGREED FOCUS"), "{gap}");
    assert!(gap.contains("1. Collaboration. Action: Pair with security on the next design review (due 2027-03-31)"), "{gap}");

    // Progress across the two self assessments.
    let (progress, note) = engineer.ok_noted(&["progress", "--person", "Ada", "--format", "json"]);
    assert_eq!(note, "Charting 2 complete self-assessments of Ada\n");
    let progress = json(&progress);
    let points = progress["assessments"].as_array().expect("assessments");
    assert_eq!(points.len(), 2);
    assert_eq!(points[0]["assessment"], "ada-spe-2026-08-01");
    assert_eq!(points[0]["readiness"], 48);
    assert!(
        points[1]["readiness"].as_u64() < Some(48),
        "the new one rates few LSE statements as met"
    );
    assert!(
        progress["newly_met"]
            .as_array()
            .expect("newly met")
            .iter()
            .any(|id| id == "lse.arch.3")
    );
    assert!(!progress["fell"].as_array().expect("fell").is_empty());
    assert_eq!(progress["focus"].as_array().map(Vec::len), Some(2));
    let chart = engineer.ok_noted(&["progress", "--person", "Ada"]).0;
    assert!(
        chart.contains("2026-08-01  SPE → LSE    █████████░░░░░░░░░░░  48%"),
        "{chart}"
    );

    // The promotion packet.
    let html = engineer.ok(&["export", &self_id, "--format", "html"]);
    assert!(
        html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"),
        "{}",
        &html[..80]
    );
    assert!(html.contains("<svg"));
    assert!(html.contains("Pair with security on the next design review"));
    let packet = engineer.ok(&["export", &self_id, "--format", "md"]);
    assert!(packet.starts_with("# Promotion packet: Ada"), "{packet}");
    assert!(
        packet.contains("## Every expectation of LSE Lead Software Engineer"),
        "{packet}"
    );
    // Rated 2 (met) with no evidence written: the packet asks for it.
    assert!(
        packet.contains("**evidence needed** `lse.arch.2`"),
        "{packet}"
    );
}

/// Every cell of a Markdown table row: the row split on unescaped pipes.
fn cells(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => {
                count += 1;
                escaped = false;
            }
            _ => escaped = false,
        }
    }
    count
}

#[test]
fn hostile_evidence_comes_out_as_typed_and_harmless_in_every_format() {
    let env = TestEnv::new();
    let long = "x".repeat(5000);
    let text = format!(
        "person = \"Ada\"\nrole = \"SPE\"\nto = \"LSE\"\n[ratings]\n\"spe.idp.1\" = {{ rating = 3, evidence = {HOSTILE:?} }}\n\"lse.arch.1\" = {{ rating = 1, evidence = {HOSTILE:?} }}\n\"lse.arch.2\" = {{ rating = 0, evidence = \"{long}\" }}\n\"lse.arch.5\" = {{ rating = 3, evidence = {HOSTILE:?} }}\n"
    );
    let id = recorded_id(&env.ok(&["assess", "--answers", &answers(&env, "hostile.toml", &text)]));
    let manager = text
        .replace(
            "person = \"Ada\"",
            "person = \"Ada\"\nassessor = \"<b>Grace</b> & co\"",
        )
        .replace("rating = 1", "rating = 3");
    let manager_id = recorded_id(&env.ok(&[
        "assess",
        "--answers",
        &answers(&env, "manager.toml", &manager),
    ]));

    // JSON: exactly as typed.
    let gap = json(&env.ok(&["gap", &id, "--format", "json"]));
    let unmet = gap["unmet"].as_array().expect("unmet");
    assert!(unmet.iter().any(|u| u["evidence"] == HOSTILE));
    assert!(unmet.iter().any(|u| u["evidence"] == long.as_str()));
    // Both are drafts: `--any-status` compares them as they are.
    let (compared, _) = env.ok_noted(&[
        "compare",
        "--person",
        "Ada",
        "--any-status",
        "--format",
        "json",
    ]);
    let compared = json(&compared);
    assert_eq!(compared["b"]["assessor"], "<b>Grace</b> & co");

    // Markdown: every table keeps its columns, nothing is live markup.
    for args in [
        vec!["gap", id.as_str(), "--format", "md"],
        vec!["export", id.as_str(), "--format", "md"],
        vec![
            "compare",
            "--person",
            "Ada",
            "--any-status",
            "--format",
            "md",
        ],
        vec![
            "compare",
            "--person",
            "Ada",
            "--any-status",
            "--disconnects",
            "--format",
            "md",
        ],
        vec!["export", id.as_str(), "--panel"],
        vec!["export", id.as_str(), "--with", manager_id.as_str()],
        vec![
            "export",
            id.as_str(),
            "--panel",
            "--with",
            manager_id.as_str(),
        ],
    ] {
        let md = env.ok_noted(&args).0;
        assert!(!md.contains("<script>"), "{args:?}");
        let mut columns = None;
        for line in md.lines() {
            if line.starts_with('|') {
                let n = cells(line);
                assert_eq!(
                    *columns.get_or_insert(n),
                    n,
                    "{args:?}: a broken row: {line}"
                );
            } else {
                columns = None;
            }
        }
        assert!(md.contains("日本語") && md.contains("🚀"), "{args:?}");
    }

    // HTML: escaped, with no way to run or fetch anything, in every
    // packet: full or panel, one view or both.
    for args in [
        vec!["export", id.as_str(), "--format", "html"],
        vec!["export", id.as_str(), "--format", "html", "--panel"],
        vec![
            "export",
            id.as_str(),
            "--format",
            "html",
            "--with",
            manager_id.as_str(),
        ],
        vec![
            "export",
            id.as_str(),
            "--format",
            "html",
            "--panel",
            "--with",
            manager_id.as_str(),
        ],
    ] {
        let html = env.ok(&args);
        assert!(!html.contains("<script"), "{args:?}: a live script tag");
        assert!(
            html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'quotes'"),
            "{args:?}"
        );
        assert!(html.contains("日本語") && html.contains("🚀"), "{args:?}");
        assert!(
            !html.contains("src=") && !html.contains("href=\"http"),
            "{args:?}"
        );
        assert!(
            !html.contains("<b>Grace</b>"),
            "{args:?}: the assessor's name as markup"
        );
        if args.contains(&"--with") {
            assert!(
                html.contains("&lt;b&gt;Grace&lt;/b&gt; &amp; co"),
                "{args:?}"
            );
            // Both views' evidence, each escaped: the hostile text is the
            // evidence of lse.arch.5 in both.
            assert!(
                html.matches("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
                    .count()
                    >= 2,
                "{args:?}"
            );
        }
    }

    // The terminal table: no escape codes in a pipe, text as typed.
    let table = env.ok(&["gap", &id]);
    assert!(
        table.contains("<script>alert(\"x\")</script> & 'quotes'"),
        "{table}"
    );
    assert!(!table.contains('\u{1b}'));
}

//! The JSON of every report is a stable interface for scripts: each is
//! pinned by a golden file, so a change to a field is a reviewed change.
//! The data has fixed times, so the files are the same on every run.

use crate::support::TestEnv;

const ACME: &str = "examples/acme.toml";

/// Bo's manager's view of the fixture self-assessment.
const BO_BY_GRACE: &str = r#"format_version = 1
id = "bo-e1-2026-11-25-by-grace-manager"
framework = "acme-engineering"
framework_version = "2026.1"
person = "Bo"
assessor = "Grace (manager)"
role = "E1"
to = "E2"
started = "2026-11-25T10:00:00+00:00"
updated = "2026-11-25T10:30:00+00:00"
completed = "2026-11-25T10:30:00+00:00"

[ratings."e1.craft.1"]
rating = 4
evidence = "Reviewed the contract tests"
at = "2026-11-25T10:01:00+00:00"

[ratings."e1.craft.2"]
rating = 2
evidence = "Still asks before each release"
at = "2026-11-25T10:02:00+00:00"

[ratings."e1.impact.1"]
rating = 4
at = "2026-11-25T10:03:00+00:00"

[ratings."e2.craft.1"]
rating = 2
at = "2026-11-25T10:05:00+00:00"

[ratings."e2.impact.1"]
rating = 1
at = "2026-11-25T10:07:00+00:00"
"#;

/// Bo's next quarter, with agreed focus areas.
const BO_NEXT: &str = r#"format_version = 1
id = "bo-e1-2026-11-22"
framework = "acme-engineering"
framework_version = "2026.1"
person = "Bo"
role = "E1"
to = "E2"
started = "2026-11-22T09:00:00+00:00"
updated = "2026-11-22T09:40:00+00:00"
completed = "2026-11-22T09:40:00+00:00"

[[focus]]
target = "impact"
action = "Plan the Q2 migration as milestones"
due = "2027-05-31"
agreed = "2026-11-22T09:45:00+00:00"

[[focus]]
target = "e2.craft.2"
action = "Write a runbook step for each page"
agreed = "2026-11-22T09:46:00+00:00"

[ratings."e1.craft.1"]
rating = 5
evidence = "Contract tests now run on every change"
at = "2026-11-22T09:01:00+00:00"

[ratings."e1.craft.2"]
rating = 4
evidence = "Released twelve changes alone"
at = "2026-11-22T09:02:00+00:00"

[ratings."e1.impact.1"]
rating = 4
at = "2026-11-22T09:03:00+00:00"

[ratings."e1.impact.2"]
rating = 4
at = "2026-11-22T09:04:00+00:00"

[ratings."e2.craft.1"]
rating = 3
at = "2026-11-22T09:05:00+00:00"

[ratings."e2.craft.2"]
rating = 4
evidence = "Every page has a runbook step"
at = "2026-11-22T09:06:00+00:00"

[ratings."e2.impact.1"]
rating = 2
at = "2026-11-22T09:07:00+00:00"

[ratings."e2.impact.2"]
rating = 1
at = "2026-11-22T09:08:00+00:00"
"#;

/// Bo's complete assessment of last summer, one statement skipped.
const BO_EARLIER: &str = r#"format_version = 1
id = "bo-e1-2026-08-15"
framework = "acme-engineering"
framework_version = "2026.1"
person = "Bo"
role = "E1"
to = "E2"
started = "2026-08-15T09:00:00+00:00"
updated = "2026-08-15T09:40:00+00:00"
completed = "2026-08-15T09:40:00+00:00"

[ratings."e1.craft.1"]
rating = 4
at = "2026-08-15T09:01:00+00:00"

[ratings."e1.craft.2"]
rating = 3
at = "2026-08-15T09:02:00+00:00"

[ratings."e1.impact.1"]
rating = 4
at = "2026-08-15T09:03:00+00:00"

[ratings."e1.impact.2"]
rating = 2
at = "2026-08-15T09:04:00+00:00"

[ratings."e2.craft.1"]
rating = 2
at = "2026-08-15T09:05:00+00:00"

[ratings."e2.craft.2"]
at = "2026-08-15T09:06:00+00:00"

[ratings."e2.impact.1"]
rating = 4
at = "2026-08-15T09:07:00+00:00"

[ratings."e2.impact.2"]
rating = 1
at = "2026-08-15T09:08:00+00:00"
"#;

fn env() -> TestEnv {
    let env = TestEnv::new().with_fixture_assessments();
    env.add_assessment("bo-e1-2026-11-25-by-grace-manager", BO_BY_GRACE);
    env.add_assessment("bo-e1-2026-11-22", BO_NEXT);
    env.add_assessment("bo-e1-2026-08-15", BO_EARLIER);
    env
}

fn json(env: &TestEnv, args: &[&str]) -> String {
    let mut all = vec!["--framework", ACME];
    all.extend(args);
    all.extend(["--format", "json"]);
    // Standard error may say which assessment a command chose.
    let (text, _) = env.ok_noted(&all);
    // Valid JSON, whatever the golden file says.
    serde_json::from_str::<serde_json::Value>(&text).expect("valid JSON");
    text
}

#[test]
fn list_json_is_pinned() {
    insta::assert_snapshot!(json(&env(), &["list"]));
}

#[test]
fn frameworks_json_is_pinned() {
    insta::assert_snapshot!(json(&env(), &["frameworks"]));
}

#[test]
fn compare_json_is_pinned() {
    insta::assert_snapshot!(json(
        &env(),
        &[
            "compare",
            "bo-e1-2026-11-18",
            "bo-e1-2026-11-25-by-grace-manager"
        ]
    ));
}

/// Complete assessments only: the 2026-11-18 draft is left out; the
/// statement skipped in August and rated in February is neither newly met
/// nor fallen.
#[test]
fn progress_json_is_pinned() {
    let env = env();
    let (_, note) = env.ok_noted(&["--framework", ACME, "progress", "--person", "Bo"]);
    assert_eq!(
        note,
        "Charting 2 complete self-assessments of Bo; left out: bo-e1-2026-11-18 (in progress)\n"
    );
    insta::assert_snapshot!(json(&env, &["progress", "--person", "Bo"]));
}

#[test]
fn focus_json_is_pinned() {
    insta::assert_snapshot!(json(&env(), &["focus", "bo-e1-2026-11-22"]));
}

#[test]
fn paths_json_is_pinned() {
    let env = env();
    let text = json(&env, &["paths"]);
    let root = env.path().to_str().expect("utf-8").to_string();
    // The cache folder's name ends in a hash of the data directory's path.
    let hash = text.find("/cache/data-").expect("the cache folder") + "/cache/data-".len();
    let text = format!("{}[HASH]{}", &text[..hash], &text[hash + 16..]);
    insta::assert_snapshot!(text.replace(&root, "[TMP]"));
}

/// An assessment someone sent is marked as imported wherever it is shown.
#[test]
fn an_imported_assessment_says_so_in_list_and_gap() {
    let sender = env();
    let file = sender.path().join("for-bo.toml");
    let written = sender
        .command()
        .args([
            "--framework",
            ACME,
            "export",
            "bo-e1-2026-11-25-by-grace-manager",
        ])
        .args([
            "--format",
            "toml",
            "--output",
            file.to_str().expect("utf-8"),
        ])
        .output()
        .expect("export");
    assert!(written.status.success());
    let receiver = TestEnv::new();
    receiver.ok(&["--framework", ACME, "import", file.to_str().expect("utf-8")]);
    let listed = receiver.ok(&["--framework", ACME, "list"]);
    // Five of eight answered: in progress, and imported.
    assert!(listed.contains("in progress, imported"), "{listed}");
    let gap = receiver.ok(&[
        "--framework",
        ACME,
        "gap",
        "bo-e1-2026-11-25-by-grace-manager",
    ]);
    assert!(gap.contains(" · imported 20"), "{gap}");
    let theirs: serde_json::Value = serde_json::from_str(&json(
        &receiver,
        &["gap", "bo-e1-2026-11-25-by-grace-manager"],
    ))
    .expect("json");
    assert!(theirs["imported"].is_string(), "{theirs}");
    let own: serde_json::Value =
        serde_json::from_str(&json(&sender, &["gap", "bo-e1-2026-11-18"])).expect("json");
    assert!(own["imported"].is_null());
}

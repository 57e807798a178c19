//! Issue 28: a quarter lived by an engineer (Ada) and her manager (Grace),
//! each in their own data directory, files going both ways: the manager's
//! directory works like the engineer's, the journal travels, focus areas
//! carry over, and the reports say what was not assessed.

use serde_json::Value;

use crate::support::{TestEnv, full_answers};

fn answers(env: &TestEnv, name: &str, text: &str) -> String {
    let path = env.path().join(name);
    std::fs::write(&path, text).expect("write answers");
    path.to_str().expect("utf-8 path").to_string()
}

fn recorded_id(stdout: &str) -> String {
    let rest = stdout.strip_prefix("Recorded ").expect("a recorded line");
    rest[..rest.find(':').expect("id ends at a colon")].to_string()
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

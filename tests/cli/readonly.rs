//! A data directory rungs only reads: a git checkout shared by a team, a
//! folder a manager was given, a read-only mount. Every reading command
//! works on it and leaves it exactly as it was: caches, locks and the
//! name remembered for next time live in the cache directory.

use crate::support::{TestEnv, set_writable, snapshot};

const ACME: &str = "examples/acme.toml";

#[test]
fn every_reading_command_works_on_a_read_only_data_directory_and_writes_nothing_there() {
    let env = TestEnv::new().with_fixture_assessments();
    env.ok(&[
        "log",
        "Led the ingress post-incident review",
        "--person",
        "Ada",
        "--date",
        "2026-11-02",
        "--for",
        "spe.delivery.1",
    ]);
    let data = env.data_dir();
    let packet = env.path().join("packet.html");
    let packet = packet.to_str().expect("utf-8");
    let before = snapshot(&data);
    // As root the mode bits stop nothing: the snapshot is what tells.
    set_writable(&data, false);
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--person", "Ada"],
        vec!["gap", "--person", "Ada"],
        vec!["gap", "ada-spe-2026-11-20", "--format", "json"],
        vec!["compare", "--person", "Ada"],
        vec!["compare", "--person", "Ada", "--disconnects"],
        vec!["progress", "--person", "Ada"],
        vec!["focus", "--person", "Ada"],
        vec!["log", "--person", "Ada"],
        vec!["export", "ada-spe-2026-11-20", "--format", "md"],
        vec![
            "export",
            "ada-spe-2026-11-20",
            "--format",
            "html",
            "--output",
            packet,
        ],
        vec!["--framework", ACME, "gap", "bo-e1-2026-11-18"],
        vec!["--framework", ACME, "list"],
        vec!["roles"],
        vec!["show", "SPE"],
        vec!["paths"],
        vec!["frameworks"],
    ];
    for args in &commands {
        let output = env.run(args);
        assert_eq!(output.code, 0, "rungs {args:?}:\n{}", output.stderr);
        assert!(
            !output.stderr.contains("warning"),
            "rungs {args:?}:\n{}",
            output.stderr
        );
    }
    set_writable(&data, true);
    assert_eq!(snapshot(&data), before, "the data directory changed");
    // The caches were written where they belong.
    assert!(env.data_cache().join("index").is_dir());
}

#[test]
fn writing_commands_leave_only_peoples_files_in_the_data_directory() {
    let env = TestEnv::new().with_fixture_assessments();
    env.ok(&["list"]);
    env.ok(&[
        "log",
        "Wrote the runbook",
        "--person",
        "Ada",
        "--date",
        "2026-11-03",
    ]);
    env.ok(&[
        "rate",
        "ada-spe-2026-11-20",
        "spe.delivery.1",
        "3",
        "--evidence",
        "Shipped",
    ]);
    let mut top: Vec<String> = std::fs::read_dir(env.data_dir())
        .expect("data")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["assessments", "journal"]);
}

#[test]
fn a_cache_that_cannot_be_written_costs_nothing_but_time() {
    let env = TestEnv::new().with_fixture_assessments();
    // A file where the cache directory should be.
    std::fs::write(env.cache_dir(), "not a folder").expect("write");
    let list = env.ok(&["list"]);
    assert!(list.contains("ada-spe-2026-11-20"), "{list}");
    let gap = env.run(&["gap", "--person", "Ada"]);
    assert_eq!(gap.code, 0, "{}", gap.stderr);
    env.ok(&["rate", "ada-spe-2026-11-20", "spe.delivery.1", "2"]);
}

//! Statements a framework retired: their ratings stay in people's files,
//! no report shows them, and naming one to rate says it was retired. The
//! Ada fixtures rated `spe.cloud.3` and `lse.collaboration.6`, which the
//! built-in track retired in 2.1.0 (the first for a statement asking
//! across the organisation, the second merged into `lse.delivery.4`).

use crate::support::TestEnv;

const ADA: &str = "ada-spe-2026-11-20";
const RETIRED: [&str; 2] = ["spe.cloud.3", "lse.collaboration.6"];

fn env() -> TestEnv {
    TestEnv::new().with_fixture_assessments()
}

#[test]
fn reports_leave_retired_statements_out() {
    let env = env();
    let file = std::fs::read_to_string(env.assessment_path(ADA)).expect("fixture");
    for id in RETIRED {
        assert!(
            file.contains(&format!("[ratings.\"{id}\"]")),
            "the fixture rates {id}"
        );
    }
    let outputs = [
        env.ok(&["gap", ADA, "--format", "json"]),
        env.ok(&["gap", ADA, "--format", "md"]),
        env.ok(&["export", ADA, "--panel"]),
        env.ok(&["export", ADA]),
        env.ok(&[
            "compare",
            ADA,
            "ada-spe-2026-11-19-by-grace-manager",
            "--format",
            "json",
        ]),
    ];
    for output in outputs {
        for id in RETIRED {
            assert!(!output.contains(id), "{id} in a report:\n{output}");
        }
    }
}

#[test]
fn rating_a_retired_statement_says_it_was_retired_and_keeps_the_file() {
    let env = env();
    let before = std::fs::read(env.assessment_path(ADA)).expect("fixture");
    let stderr = env.fails(&["rate", ADA, "spe.cloud.3", "2"], 2);
    assert!(
        stderr.contains("statement `spe.cloud.3` was retired: SPE no longer has it"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(env.assessment_path(ADA)).expect("file"),
        before
    );
}

#[test]
fn another_answer_keeps_the_ratings_of_retired_statements() {
    let env = env();
    env.ok(&[
        "rate",
        ADA,
        "spe.cloud.6",
        "3",
        "--evidence",
        "Tagging standard for every team",
    ]);
    let file = std::fs::read_to_string(env.assessment_path(ADA)).expect("file");
    for id in RETIRED {
        assert!(
            file.contains(&format!("[ratings.\"{id}\"]")),
            "{id} dropped:\n{file}"
        );
    }
}

#[test]
fn an_answers_file_naming_a_retired_statement_is_told_so() {
    let env = TestEnv::new();
    let answers = env.path().join("old.toml");
    std::fs::write(
        &answers,
        "person = \"Ada\"\nrole = \"SPE\"\nto = \"LSE\"\n[ratings]\n\"spe.cloud.3\" = { rating = 2 }\n",
    )
    .expect("write");
    let stderr = env.fails(&["assess", "--answers", answers.to_str().expect("path")], 3);
    assert!(
        stderr.contains("statement `spe.cloud.3` was retired"),
        "{stderr}"
    );
    assert!(
        stderr.contains("SPE no longer has it, in platform-engineering 2.1.0"),
        "{stderr}"
    );
    assert!(!stderr.contains("unknown statement id"), "{stderr}");
}

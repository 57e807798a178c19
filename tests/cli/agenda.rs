//! `rungs compare --disconnects`: the agenda of a 1:1, on the fixture
//! views of Ada (her own and Grace's, her manager).

use serde::Deserialize;

use crate::support::TestEnv;

fn env() -> TestEnv {
    TestEnv::new().with_fixture_assessments()
}

#[test]
fn agenda_table_is_pinned() {
    insta::assert_snapshot!(env().ok(&["compare", "--person", "Ada", "--disconnects"]));
}

#[test]
fn agenda_markdown_is_pinned() {
    insta::assert_snapshot!(env().ok(&[
        "compare",
        "--person",
        "Ada",
        "--disconnects",
        "--format",
        "md"
    ]));
}

#[test]
fn agenda_json_is_pinned() {
    insta::assert_snapshot!(env().ok(&[
        "compare",
        "--person",
        "Ada",
        "--disconnects",
        "--format",
        "json"
    ]));
}

/// The documented JSON schema: a field added or renamed fails here first.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct AgendaJson {
    person: String,
    a: ViewJson,
    b: ViewJson,
    threshold: u8,
    categories: Vec<CategoryJson>,
    one_apart: usize,
    rated_by_one: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ViewJson {
    assessment: String,
    assessor: String,
    role: String,
    to: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryJson {
    name: String,
    statements: Vec<PairJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PairJson {
    id: String,
    text: String,
    archetype: String,
    category: String,
    a: AnswerJson,
    b: AnswerJson,
    difference: Option<u8>,
    disconnect: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct AnswerJson {
    rating: Option<u8>,
    evidence: Option<String>,
}

#[test]
fn the_agenda_lists_only_disconnects_largest_first() {
    let text = env().ok(&[
        "compare",
        "--person",
        "Ada",
        "--disconnects",
        "--format",
        "json",
    ]);
    let agenda: AgendaJson = serde_json::from_str(&text).expect("matches the schema");
    assert_eq!(agenda.threshold, 2);
    assert_eq!(agenda.b.assessor, "Grace (manager)");
    let differences: Vec<Vec<u8>> = agenda
        .categories
        .iter()
        .map(|c| c.statements.iter().filter_map(|s| s.difference).collect())
        .collect();
    let all: Vec<u8> = differences.iter().flatten().copied().collect();
    assert_eq!(all.len(), 10);
    assert!(all.iter().all(|&d| d >= 2), "only disconnects: {all:?}");
    for category in &differences {
        assert!(
            category.windows(2).all(|w| w[0] >= w[1]),
            "largest first: {category:?}"
        );
    }
    let firsts: Vec<u8> = differences.iter().map(|c| c[0]).collect();
    assert!(
        firsts.windows(2).all(|w| w[0] >= w[1]),
        "categories by their largest: {firsts:?}"
    );
    for category in &agenda.categories {
        assert!(
            category
                .statements
                .iter()
                .all(|s| s.category == category.name)
        );
    }
    assert_eq!((agenda.one_apart, agenda.rated_by_one), (30, 0));
}

#[test]
fn both_peoples_evidence_is_on_the_agenda() {
    let table = env().ok(&["compare", "--person", "Ada", "--disconnects"]);
    assert!(table.starts_with("1:1 agenda · Ada: self vs Grace (manager) · SPE → LSE\n"));
    assert!(
        table.contains("  lse.arch.1           3 vs 1  Designs the architecture"),
        "{table}"
    );
    assert!(
        table.contains("      self: Led the migration of 40 services"),
        "{table}"
    );
    assert!(
        table.contains("      Grace (manager): Only one team has adopted the ADR"),
        "{table}"
    );
    assert!(!table.contains("AGREEMENT BY CATEGORY"), "only the agenda");
    let md = env().ok(&[
        "compare",
        "--person",
        "Ada",
        "--disconnects",
        "--format",
        "md",
    ]);
    assert!(md.contains(
        "  - Grace (manager): Only one team has adopted the ADR so far; the other two wait on the platform roadmap\n"
    ));
}

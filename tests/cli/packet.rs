//! `rungs export --panel` and `--with`: the packet a promotion panel reads,
//! and two or more views of one person in one packet.

use crate::support::TestEnv;

const ACME: &str = "examples/acme.toml";
const ADA: &str = "ada-spe-2026-11-20";
const GRACE: &str = "ada-spe-2026-11-19-by-grace-manager";

fn env() -> TestEnv {
    TestEnv::new().with_fixture_assessments()
}

/// The fixtures, with focus agreed on Ada's own assessment.
fn with_focus() -> TestEnv {
    let env = env();
    env.ok(&[
        "focus",
        ADA,
        "--add",
        "collaboration",
        "--action",
        "Pair with security on the next design review",
        "--due",
        "2027-03-31",
    ]);
    env.ok(&[
        "focus",
        ADA,
        "--add",
        "lse.arch.3",
        "--action",
        "Chair the Q1 cluster design review",
    ]);
    env
}

/// Dee's view of Bo, for the small two-view golden files.
const BO_BY_DEE: &str = r#"format_version = 1
id = "bo-e1-2026-11-17-by-dee-manager"
framework = "acme-engineering"
framework_version = "2026.1"
person = "Bo"
assessor = "Dee (manager)"
role = "E1"
to = "E2"
started = "2026-11-17T10:00:00+00:00"
updated = "2026-11-17T10:30:00+00:00"
completed = "2026-11-17T10:30:00+00:00"

[ratings."e1.craft.1"]
rating = 4
at = "2026-11-17T10:01:00+00:00"

[ratings."e2.craft.1"]
rating = 2
evidence = "The proposal needed a second round & a <rewrite>"
at = "2026-11-17T10:05:00+00:00"

[ratings."e2.craft.2"]
rating = 3
at = "2026-11-17T10:06:00+00:00"

[ratings."e2.impact.1"]
rating = 4
evidence = "Planned the Q3 billing work alone"
at = "2026-11-17T10:07:00+00:00"
"#;

fn bo_env() -> TestEnv {
    let env = env();
    env.add_assessment("bo-e1-2026-11-17-by-dee-manager", BO_BY_DEE);
    env
}

#[test]
fn panel_markdown_is_pinned() {
    insta::assert_snapshot!(with_focus().ok(&["export", ADA, "--format", "md", "--panel"]));
}

#[test]
fn panel_html_is_pinned() {
    insta::assert_snapshot!(env().ok(&[
        "--framework",
        ACME,
        "export",
        "bo-e1-2026-11-18",
        "--format",
        "html",
        "--panel"
    ]));
}

#[test]
fn two_view_panel_markdown_is_pinned() {
    insta::assert_snapshot!(
        with_focus().ok(&["export", ADA, "--format", "md", "--panel", "--with", GRACE])
    );
}

#[test]
fn two_view_panel_html_is_pinned() {
    insta::assert_snapshot!(bo_env().ok(&[
        "--framework",
        ACME,
        "export",
        "bo-e1-2026-11-18",
        "--format",
        "html",
        "--panel",
        "--with",
        "bo-e1-2026-11-17-by-dee-manager"
    ]));
}

#[test]
fn two_view_full_markdown_is_pinned() {
    insta::assert_snapshot!(bo_env().ok(&[
        "--framework",
        ACME,
        "export",
        "bo-e1-2026-11-18",
        "--with",
        "bo-e1-2026-11-17-by-dee-manager"
    ]));
}

#[test]
fn the_panel_lists_met_with_evidence_then_the_rest_briefly() {
    let md = with_focus().ok(&["export", ADA, "--panel"]);
    let met = md.find("## Met for LSE (41 of 84)").expect("met section");
    let not_met = md
        .find("## Not yet met for LSE (43)")
        .expect("not met section");
    let focus = md.find("## Agreed focus").expect("focus section");
    assert!(met < not_met && not_met < focus, "{md}");
    // Met: each with its rating and evidence under it.
    assert!(
        md[met..not_met]
            .contains("- `lse.arch.1` Designs the architecture of systems that span several product and platform teams")
    );
    assert!(md[met..not_met].contains(
        "  - 3 Role model. Evidence: Led the migration of 40 services to the golden path; adoption dashboard\n"
    ));
    // Not met: one table row each, no evidence.
    assert!(md[not_met..focus].contains("| lse.arch.3 | Chairs the design review for any change"));
    assert!(!md[not_met..focus].contains("Evidence:"));
    assert_eq!(md[not_met..focus].matches("\n| lse.").count(), 43);
    // The plan, with actions and dates.
    assert!(
        md[focus..].contains("1. Pair with security on the next design review (due 2027-03-31)")
    );
    assert!(md[focus..].contains("2. Chair the Q1 cluster design review (no due date)"));
}

#[test]
fn two_views_show_both_ratings_and_mark_disconnects() {
    let env = env();
    let md = env.ok(&["export", ADA, "--panel", "--with", GRACE]);
    assert!(md.starts_with("# Promotion case: Ada\n"), "{md}");
    assert!(md.contains("| Readiness for LSE, Ada (self) | 48% (41 of 84 statements met) |"));
    assert!(md.contains("| Readiness for LSE, Grace (manager) | "));
    assert!(md.contains("| Disconnects | 9 of the 84 statements of LSE rated 2 or more apart |"));
    // lse.arch.1: 3 by Ada, 1 by Grace: both shown, never averaged.
    assert!(md.contains("- `lse.arch.1` Designs the architecture"));
    assert!(md.contains(" **2 apart**\n  - Ada (self): 3 Role model. Evidence: Led the migration"));
    assert!(md.contains(
        "  - Grace (manager): 1 Emerging. Evidence: Only one team has adopted the ADR so far"
    ));
    assert!(!md.contains("2 Demonstrated (average"), "never averaged");

    let html = env.ok(&["export", ADA, "--format", "html", "--with", GRACE]);
    assert_eq!(
        html.matches("<span class=\"badge badge-disconnect\">")
            .count(),
        9 + 1,
        "each LSE disconnect, and the key in the introduction"
    );
    assert!(html.contains("<li class=\"statement is-met is-disconnect\">"));
    assert!(html.contains("<span class=\"who\">Grace (manager)</span> 1 Emerging"));
    assert!(html.contains("Only one team has adopted the ADR so far"));
    assert!(html.contains(
        "<title>Promotion packet: Ada: self and Grace (manager), SPE to LSE, 2026-11-20</title>"
    ));
}

#[test]
fn a_view_of_another_person_or_other_roles_is_refused() {
    let env = env();
    let grace = std::fs::read_to_string(env.assessment_path(GRACE)).expect("fixture");
    env.add_assessment(
        "zoe-spe-2026-11-19-by-grace-manager",
        &grace
            .replace(GRACE, "zoe-spe-2026-11-19-by-grace-manager")
            .replace("person = \"Ada\"", "person = \"Zoe\""),
    );
    env.add_assessment(
        "ada-spe-2026-11-18-by-grace-manager",
        &grace
            .replace(GRACE, "ada-spe-2026-11-18-by-grace-manager")
            .replace("to = \"LSE\"", "to = \"TTL\""),
    );
    env.add_assessment(
        "ada-spe-2026-11-17",
        &grace
            .replace(GRACE, "ada-spe-2026-11-17")
            .replace("assessor = \"Grace (manager)\"\n", ""),
    );
    for (with, says) in [
        (
            "zoe-spe-2026-11-19-by-grace-manager",
            "ada-spe-2026-11-20 is an assessment of Ada and zoe-spe-2026-11-19-by-grace-manager of Zoe",
        ),
        (
            "ada-spe-2026-11-18-by-grace-manager",
            "ada-spe-2026-11-20 assesses SPE → LSE and ada-spe-2026-11-18-by-grace-manager assesses SPE → TTL",
        ),
        (
            "ada-spe-2026-11-17",
            "are both Ada's own view: --with takes another person's view",
        ),
        (ADA, "the assessment being exported"),
        (
            "bo-e1-2026-11-18",
            "uses framework `platform-engineering` and bo-e1-2026-11-18 uses `acme-engineering`",
        ),
    ] {
        for format in ["md", "html"] {
            let stderr = env.fails(
                &["export", ADA, "--format", format, "--panel", "--with", with],
                2,
            );
            assert!(
                stderr.contains("cannot put these two views in one packet"),
                "{stderr}"
            );
            assert!(stderr.contains(says), "{with}: {stderr}");
            assert!(
                stderr.contains("--with takes someone else's view of Ada, SPE → LSE"),
                "{stderr}"
            );
        }
    }
    let stderr = env.fails(&["export", ADA, "--format", "json", "--panel"], 2);
    assert!(
        stderr.contains("--panel and --with shape the md and html packets only"),
        "{stderr}"
    );
    let stderr = env.fails(&["export", ADA, "--format", "toml", "--with", GRACE], 2);
    assert!(
        stderr.contains("--panel and --with shape the md and html packets only"),
        "{stderr}"
    );
    let stderr = env.fails(&["export", ADA, "--with", "nobody-1"], 2);
    assert!(stderr.contains("nobody-1"), "{stderr}");
}

#[test]
fn the_full_packet_stays_the_default() {
    let env = env();
    let md = env.ok(&["export", ADA]);
    assert!(md.starts_with("# Promotion packet: Ada"), "{md}");
    assert!(md.contains("## Every expectation of LSE Lead Software Engineer"));
    let help = env.ok(&["export", "--help"]);
    assert!(help.contains("--panel"), "{help}");
    assert!(help.contains("--with <ID>"), "{help}");
    assert!(
        help.contains("The packet is the full document by default"),
        "{help}"
    );
}

/// Grace's fixture view of Ada as a peer's: another id and assessor, and
/// its own rating and evidence of `lse.arch.1`.
fn peer_view(env: &TestEnv, id: &str, assessor: &str, rating: u8, evidence: &str) {
    let grace = std::fs::read_to_string(env.assessment_path(GRACE)).expect("fixture");
    let text = grace
        .replace(GRACE, id)
        .replace("Grace (manager)", assessor)
        .replace(
            "rating = 1\nevidence = \"Only one team has adopted the ADR so far; the other two wait on the platform roadmap\"",
            &format!("rating = {rating}\nevidence = \"{evidence}\""),
        );
    assert_ne!(
        text,
        grace
            .replace(GRACE, id)
            .replace("Grace (manager)", assessor)
    );
    env.add_assessment(id, &text);
}

const BO: &str = "ada-spe-2026-11-18-by-bo-peer";
const CY: &str = "ada-spe-2026-11-17-by-cy-peer";

/// Ada's fixtures with two peers' views beside Grace's.
fn peers_env() -> TestEnv {
    let env = with_focus();
    peer_view(
        &env,
        BO,
        "Bo (peer)",
        3,
        "Bo: two teams build on the ADR now",
    );
    peer_view(
        &env,
        CY,
        "Cy (peer)",
        0,
        "Cy: I have not seen the design reviewed",
    );
    env
}

#[test]
fn a_manager_and_two_peers_are_each_shown_apart_never_averaged() {
    let env = peers_env();
    let md = env.ok(&[
        "export", ADA, "--panel", "--with", GRACE, "--with", BO, "--with", CY,
    ]);
    assert!(md.starts_with("# Promotion case: Ada\n"), "{md}");
    for view in [
        "| View | Ada (self), assessed 2026-11-20 |",
        "| View | Grace (manager), assessed 2026-11-19 |",
        "| View | Bo (peer), assessed 2026-11-19 |",
        "| View | Cy (peer), assessed 2026-11-19 |",
        "| Readiness for LSE, Ada (self) | 48% (41 of 84 statements met) |",
        "| Readiness for LSE, Bo (peer) | ",
        "| Readiness for LSE, Cy (peer) | ",
        "| Category | SPE met | LSE met | LSE met, Grace (manager) | LSE met, Bo (peer) | LSE met, Cy (peer) | Not yet met |",
        "| ID | Statement | Ada (self) | Grace (manager) | Bo (peer) | Cy (peer) |",
    ] {
        assert!(md.contains(view), "{view}\n{md}");
    }
    // lse.arch.1: 3 by Ada, 1 by Grace, 3 by Bo, 0 by Cy: each view on its
    // own line in the order given, the largest distance marked, no average.
    let arch = md.find("- `lse.arch.1`").expect("lse.arch.1 is met");
    let lines: Vec<&str> = md[arch..].lines().take(5).collect();
    assert!(lines[0].ends_with(" **3 apart**"), "{}", lines[0]);
    assert_eq!(
        &lines[1..],
        [
            "  - Ada (self): 3 Role model. Evidence: Led the migration of 40 services to the golden path; adoption dashboard",
            "  - Grace (manager): 1 Emerging. Evidence: Only one team has adopted the ADR so far; the other two wait on the platform roadmap",
            "  - Bo (peer): 3 Role model. Evidence: Bo: two teams build on the ADR now",
            "  - Cy (peer): 0 No evidence yet. Evidence: Cy: I have not seen the design reviewed",
        ]
    );
    assert!(
        !md.contains("average ") && !md.contains("(average"),
        "never averaged"
    );
    assert!(
        md.contains("Every view is shown on every statement, each apart and never averaged; met and not met follow Ada (self)."),
        "{md}"
    );
    assert!(md.contains("Grace (manager), Bo (peer) or Cy (peer) sees them differently."));
    // The exported view alone decides what is met: the same counts as alone.
    let alone = env.ok(&["export", ADA, "--panel"]);
    assert!(alone.contains("## Met for LSE (41 of 84)"));
    assert!(md.contains("## Met for LSE (41 of 84)"));
    assert!(md.contains("## Not yet met for LSE (43)"));
    // Every view's agreed focus would show; Ada's does, under her name.
    assert!(md.contains("## Agreed focus, recorded with Ada (self)'s view"));

    let html = env.ok(&[
        "export", ADA, "--format", "html", "--panel", "--with", GRACE, "--with", BO, "--with", CY,
    ]);
    assert!(html.contains(
        "<title>Promotion case: Ada: self, Grace (manager), Bo (peer) and Cy (peer), SPE to LSE, 2026-11-20</title>"
    ));
    // Each view's rating and evidence apart, run on in one line a card.
    assert!(html.contains(
        "; <span class=\"view\"><span class=\"who\">Bo (peer)</span> <span class=\"rating-value\">3</span>: <span class=\"evidence\">Bo: two teams build on the ADR now</span></span>; <span class=\"view\"><span class=\"who\">Cy (peer)</span> <span class=\"rating-value\">0</span>: <span class=\"evidence\">Cy: I have not seen the design reviewed</span></span></p>"
    ));
    assert_eq!(
        html.matches("class=\"bar-second\"").count(),
        11,
        "Grace's bars"
    );
    assert_eq!(
        html.matches("class=\"bar-other\"").count(),
        22,
        "Bo's and Cy's bars"
    );
    assert_eq!(html.matches("<p class=\"readiness-second\">").count(), 3);
    assert!(html.contains("<th colspan=\"6\" scope=\"rowgroup\">"));
    assert!(html.contains("Four views of Ada, side by side and never averaged"));
    assert!(html.contains("(assessment <code>ada-spe-2026-11-17-by-cy-peer</code>)."));
}

#[test]
fn two_other_views_panel_markdown_is_pinned() {
    insta::assert_snapshot!(peers_env().ok(&[
        "export", ADA, "--format", "md", "--panel", "--with", GRACE, "--with", BO
    ]));
}

#[test]
fn two_other_views_panel_html_is_pinned() {
    let env = bo_env();
    env.add_assessment(
        "bo-e1-2026-11-16-by-eve-peer",
        &BO_BY_DEE
            .replace(
                "bo-e1-2026-11-17-by-dee-manager",
                "bo-e1-2026-11-16-by-eve-peer",
            )
            .replace("Dee (manager)", "Eve (peer)")
            .replace(
                "rating = 2\nevidence = \"The proposal",
                "rating = 5\nevidence = \"Eve: the proposal",
            ),
    );
    insta::assert_snapshot!(env.ok(&[
        "--framework",
        ACME,
        "export",
        "bo-e1-2026-11-18",
        "--format",
        "html",
        "--panel",
        "--with",
        "bo-e1-2026-11-17-by-dee-manager",
        "--with",
        "bo-e1-2026-11-16-by-eve-peer"
    ]));
}

#[test]
fn three_other_views_full_markdown_shows_each() {
    let md = peers_env().ok(&["export", ADA, "--with", GRACE, "--with", BO, "--with", CY]);
    assert!(md.starts_with("# Promotion packet: Ada\n"), "{md}");
    assert!(md.contains("## Every expectation of LSE Lead Software Engineer (41 of 84 met)"));
    let arch = md.find("`lse.arch.1`").expect("lse.arch.1");
    let block: Vec<&str> = md[arch..].lines().skip(1).take(4).collect();
    assert!(block[0].starts_with("  - Ada (self): 3"), "{block:?}");
    assert!(block[1].starts_with("  - Grace (manager): 1"), "{block:?}");
    assert!(block[2].starts_with("  - Bo (peer): 3"), "{block:?}");
    assert!(block[3].starts_with("  - Cy (peer): 0"), "{block:?}");
}

#[test]
fn every_other_view_is_checked_and_none_twice() {
    let env = peers_env();
    // The same view twice, by id or as another assessment of the same
    // assessor.
    let grace = std::fs::read_to_string(env.assessment_path(GRACE)).expect("fixture");
    env.add_assessment(
        "ada-spe-2026-11-16-by-grace-manager",
        &grace.replace(GRACE, "ada-spe-2026-11-16-by-grace-manager"),
    );
    for again in [GRACE, "ada-spe-2026-11-16-by-grace-manager"] {
        let stderr = env.fails(
            &[
                "export", ADA, "--panel", "--with", GRACE, "--with", BO, "--with", again,
            ],
            2,
        );
        assert!(
            stderr.contains("cannot put these views in one packet"),
            "{stderr}"
        );
        assert!(
            stderr.contains("are both Grace (manager)'s view of Ada: each --with takes a different person's view"),
            "{stderr}"
        );
    }
    // A good view first does not let a bad one through: any view of
    // another person or roles is refused, wherever it comes.
    env.add_assessment(
        "zoe-spe-2026-11-19-by-grace-manager",
        &grace
            .replace(GRACE, "zoe-spe-2026-11-19-by-grace-manager")
            .replace("person = \"Ada\"", "person = \"Zoe\""),
    );
    for format in ["md", "html"] {
        let stderr = env.fails(
            &[
                "export",
                ADA,
                "--format",
                format,
                "--with",
                BO,
                "--with",
                "zoe-spe-2026-11-19-by-grace-manager",
            ],
            2,
        );
        assert!(
            stderr.contains("ada-spe-2026-11-20 is an assessment of Ada and zoe-spe-2026-11-19-by-grace-manager of Zoe"),
            "{stderr}"
        );
        let stderr = env.fails(
            &[
                "export",
                ADA,
                "--format",
                format,
                "--with",
                BO,
                "--with",
                "bo-e1-2026-11-18",
            ],
            2,
        );
        assert!(
            stderr.contains("uses framework `platform-engineering`"),
            "{stderr}"
        );
        let stderr = env.fails(
            &[
                "export", ADA, "--format", format, "--with", BO, "--with", ADA,
            ],
            2,
        );
        assert!(stderr.contains("the assessment being exported"), "{stderr}");
    }
}

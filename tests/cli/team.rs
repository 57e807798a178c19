//! `rungs team`: a manager's team of eight, whose own views came as files
//! from another data directory (`export`, then `import`), beside the
//! manager's views of them: a person overdue, one due, drafts, someone
//! with only a draft, open focus areas (one overdue), disconnects, a move
//! across to another track, and a hostile name and evidence. Every part
//! in every format, and `--from` on a read-only copy.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::support::{TestEnv, snapshot, statement_ids};

const AS_OF: &str = "2026-12-01";

/// Every statement rated 3.
const TOP: usize = 99;

/// A hostile name: a colour sequence, HTML, a CSV quote and comma.
const EVE: &str = "Eve \u{1b}[31m<i>\"Ops\", Lead";
const EVIDENCE: &str = "<script>alert(1)</script>\n=HYPERLINK(\"x\") \u{1b}]0;owned\u{7}";

fn ids(code: &str) -> &'static [String] {
    static IDS: OnceLock<BTreeMap<String, Vec<String>>> = OnceLock::new();
    IDS.get_or_init(|| {
        ["SPE", "LSE", "TTL", "IMPE"]
            .into_iter()
            .map(|c| (c.to_string(), statement_ids(c)))
            .collect()
    })
    .get(code)
    .expect("a role of the built-in ladder")
}

/// One assessment file, every statement of both roles answered (a draft
/// answers a third), ratings from `rate`.
struct File<'a> {
    id: &'a str,
    person: &'a str,
    assessor: Option<&'a str>,
    role: &'a str,
    to: &'a str,
    day: &'a str,
    complete: bool,
    /// Ratings spread by this factor; 0 rates everything 0, [`TOP`]
    /// everything 3.
    rate: usize,
    evidence: fn(usize) -> Option<String>,
    focus: &'a [(&'a str, &'a str)],
}

fn toml(text: &str) -> String {
    serde_json::to_string(text).expect("a string")
}

impl File<'_> {
    fn text(&self) -> String {
        let at = format!("{}T09:00:00+00:00", self.day);
        let mut out = format!(
            "format_version = 1\nid = \"{}\"\nframework = \"platform-engineering\"\nframework_version = \"2.1.0\"\nperson = {}\n",
            self.id,
            toml(self.person)
        );
        if let Some(assessor) = self.assessor {
            out.push_str(&format!("assessor = {}\n", toml(assessor)));
        }
        out.push_str(&format!(
            "role = \"{}\"\nto = \"{}\"\nstarted = \"{at}\"\nupdated = \"{at}\"\n",
            self.role, self.to
        ));
        if self.complete {
            out.push_str(&format!("completed = \"{at}\"\n"));
        }
        for (target, due) in self.focus {
            out.push_str(&format!(
                "\n[[focus]]\ntarget = \"{target}\"\naction = \"Agreed in the 1:1\"\ndue = \"{due}\"\nagreed = \"{at}\"\n"
            ));
        }
        let all: Vec<&String> = ids(self.role).iter().chain(ids(self.to)).collect();
        let answered = if self.complete {
            all.len()
        } else {
            all.len() / 3
        };
        for (n, id) in all.into_iter().take(answered).enumerate() {
            out.push_str(&format!(
                "\n[ratings.\"{id}\"]\nrating = {}\nat = \"{at}\"\n",
                match self.rate {
                    0 => 0,
                    TOP => 3,
                    k => (n * k + n / 7) % 4,
                }
            ));
            if let Some(evidence) = (self.evidence)(n) {
                out.push_str(&format!("evidence = {}\n", toml(&evidence)));
            }
        }
        out
    }
}

/// The id `rungs` gives `person`'s assessment of `day`.
fn id_for(person: &str, role: &str, day: &str) -> String {
    let env = TestEnv::new();
    let answers = env.path().join("a.toml");
    std::fs::write(
        &answers,
        format!(
            "person = {}\nrole = \"SPE\"\n[ratings]\n\"spe.delivery.1\" = {{ rating = 1 }}\n",
            toml(person)
        ),
    )
    .expect("answers");
    let out = env.ok(&["assess", "--answers", answers.to_str().expect("utf-8")]);
    let id = out
        .strip_prefix("Recorded ")
        .and_then(|rest| rest.split(':').next())
        .expect("a recorded id");
    // `ada-spe-2026-11-25`: the start is the person's.
    let start = id.rsplitn(5, '-').last().expect("a person's start");
    format!("{start}-{}-{day}", role.to_lowercase())
}

/// The manager's data directory, with the team's own views imported from
/// the engineers' (returned too).
fn team() -> (TestEnv, TestEnv) {
    let engineers = TestEnv::new();
    let manager = TestEnv::new();
    let none = |_: usize| None;
    let eve = id_for(EVE, "SPE", "2026-11-18");
    let hostile = |n: usize| n.is_multiple_of(9).then(|| EVIDENCE.to_string());
    let own: Vec<File<'_>> = vec![
        File {
            id: "ada-spe-2026-11-20",
            person: "Ada",
            assessor: None,
            role: "SPE",
            to: "LSE",
            day: "2026-11-20",
            complete: true,
            rate: 3,
            evidence: |n| n.is_multiple_of(5).then(|| format!("Ada's evidence {n}")),
            focus: &[
                ("collaboration", "2026-10-31"),
                ("lse.arch.2", "2027-03-31"),
            ],
        },
        File {
            id: "bo-spe-2026-06-01",
            person: "Bo",
            assessor: None,
            role: "SPE",
            to: "LSE",
            day: "2026-06-01",
            complete: true,
            rate: 5,
            evidence: none,
            focus: &[],
        },
        File {
            id: "cy-spe-2026-09-10",
            person: "Cy",
            assessor: None,
            role: "SPE",
            to: "TTL",
            day: "2026-09-10",
            complete: true,
            rate: 7,
            evidence: none,
            focus: &[("quality", "2027-01-15")],
        },
        File {
            id: "dee-impe-2026-11-01",
            person: "Dee",
            assessor: None,
            role: "IMPE",
            to: "SPE",
            day: "2026-11-01",
            complete: true,
            rate: 2,
            evidence: none,
            focus: &[],
        },
        File {
            id: "dee-impe-2026-11-28",
            person: "Dee",
            assessor: None,
            role: "IMPE",
            to: "SPE",
            day: "2026-11-28",
            complete: false,
            rate: 2,
            evidence: none,
            focus: &[],
        },
        File {
            id: &eve,
            person: EVE,
            assessor: None,
            role: "SPE",
            to: "LSE",
            day: "2026-11-18",
            complete: true,
            rate: TOP,
            evidence: hostile,
            focus: &[("collaboration", "2027-02-01")],
        },
        File {
            id: "gus-spe-2026-11-29",
            person: "Gus",
            assessor: None,
            role: "SPE",
            to: "LSE",
            day: "2026-11-29",
            complete: false,
            rate: 1,
            evidence: none,
            focus: &[],
        },
        File {
            id: "hal-spe-2026-11-15",
            person: "Hal",
            assessor: None,
            role: "SPE",
            to: "LSE",
            day: "2026-11-15",
            complete: true,
            rate: 0,
            evidence: none,
            focus: &[],
        },
    ];
    // The engineers' views travel as files: exported from their data
    // directory, imported into the manager's.
    for file in &own {
        engineers.add_assessment(file.id, &file.text());
        let out = manager.path().join(format!("{}.toml", file.id));
        let out = out.to_str().expect("utf-8");
        engineers.ok_noted(&["export", file.id, "--format", "toml", "--output", out]);
        manager.ok(&["import", out]);
    }
    let eve_by_grace = format!("{}-by-grace", eve.replace("2026-11-18", "2026-11-19"));
    let views: Vec<File<'_>> = vec![
        File {
            id: "ada-spe-2026-11-22-by-grace",
            person: "Ada",
            assessor: Some("Grace (manager)"),
            role: "SPE",
            to: "LSE",
            day: "2026-11-22",
            complete: true,
            rate: 1,
            evidence: |n| n.is_multiple_of(5).then(|| format!("Grace on Ada {n}")),
            focus: &[],
        },
        File {
            id: "cy-spe-2026-09-12-by-grace",
            person: "Cy",
            assessor: Some("Grace (manager)"),
            role: "SPE",
            to: "TTL",
            day: "2026-09-12",
            complete: true,
            rate: 7,
            evidence: none,
            focus: &[],
        },
        File {
            id: &eve_by_grace,
            person: EVE,
            assessor: Some("Grace (manager)"),
            role: "SPE",
            to: "LSE",
            day: "2026-11-19",
            complete: true,
            rate: 0,
            evidence: hostile,
            focus: &[],
        },
        File {
            id: "fay-spe-2026-11-10-by-grace",
            person: "Fay",
            assessor: Some("Grace (manager)"),
            role: "SPE",
            to: "LSE",
            day: "2026-11-10",
            complete: true,
            rate: 3,
            evidence: none,
            focus: &[],
        },
        File {
            id: "hal-spe-2026-11-16-by-grace",
            person: "Hal",
            assessor: Some("Grace (manager)"),
            role: "SPE",
            to: "LSE",
            day: "2026-11-16",
            complete: true,
            rate: TOP,
            evidence: none,
            focus: &[],
        },
    ];
    for file in &views {
        let folder = manager.data_dir().join("assessments");
        std::fs::create_dir_all(&folder).expect("folder");
        std::fs::write(folder.join(format!("{}.toml", file.id)), file.text()).expect("a view");
    }
    (manager, engineers)
}

/// The team, made once for every test that only reads it.
fn team_of_eight() -> &'static TestEnv {
    static TEAM: OnceLock<(TestEnv, TestEnv)> = OnceLock::new();
    &TEAM.get_or_init(team).0
}

/// A command against the team, as of a fixed day.
fn run(args: &[&str]) -> crate::support::Output {
    let env = team_of_eight();
    let mut all = vec!["team", "--as-of", AS_OF];
    all.extend_from_slice(args);
    env.run(&all)
}

fn ok(args: &[&str]) -> String {
    let output = run(args);
    assert_eq!(output.code, 0, "rungs team {args:?}:\n{}", output.stderr);
    assert_eq!(output.stderr, "", "rungs team {args:?}");
    output.stdout
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&ok(&all)).expect("json")
}

fn person<'v>(team: &'v serde_json::Value, name: &str) -> &'v serde_json::Value {
    team["people"]
        .as_array()
        .expect("people")
        .iter()
        .find(|p| p["person"] == name)
        .unwrap_or_else(|| panic!("{name} on the roster"))
}

#[test]
fn the_roster_says_who_is_due_whose_focus_is_overdue_and_where_views_disagree() {
    let team = json(&["roster"]);
    assert_eq!(team["people"].as_array().expect("people").len(), 8);
    assert!(team.get("heatmap").is_none(), "one part asked for");
    let ada = person(&team, "Ada");
    assert_eq!(ada["self"]["assessment"], "ada-spe-2026-11-20");
    assert_eq!(ada["self"]["imported"], true);
    assert_eq!(ada["other"]["assessor"], "Grace (manager)");
    assert_eq!(ada["due"], "ok");
    assert_eq!(ada["days_since"], 9);
    assert!(ada["disconnects"].as_u64().expect("both views") > 0);
    let focus = ada["focus"].as_array().expect("focus");
    assert_eq!(focus.len(), 2);
    assert_eq!(focus[0]["overdue"], true, "due 2026-10-31");
    assert_eq!(focus[1]["overdue"], false);
    assert_eq!(person(&team, "Bo")["due"], "overdue");
    assert_eq!(person(&team, "Bo")["disconnects"], serde_json::Value::Null);
    assert_eq!(person(&team, "Cy")["due"], "due", "82 days into 90");
    assert_eq!(person(&team, "Cy")["target"], "TTL");
    assert_eq!(person(&team, "Dee")["drafts"], 1);
    assert_eq!(
        person(&team, "Dee")["self"]["assessment"],
        "dee-impe-2026-11-01"
    );
    assert_eq!(person(&team, "Gus")["due"], "never");
    assert_eq!(person(&team, "Gus")["self"], serde_json::Value::Null);
    assert_eq!(person(&team, "Fay")["self"], serde_json::Value::Null);
    assert_eq!(person(&team, "Fay")["other"]["assessor"], "Grace (manager)");
    // Who needs attention first: never assessed or overdue.
    let order: Vec<&str> = team["people"]
        .as_array()
        .expect("people")
        .iter()
        .map(|p| p["person"].as_str().expect("name"))
        .collect();
    assert_eq!(&order[..2], ["Gus", "Bo"], "{order:?}");
    let by_name = json(&["roster", "--sort", "name"]);
    let names: Vec<&str> = by_name["people"]
        .as_array()
        .expect("people")
        .iter()
        .map(|p| p["person"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["Ada", "Bo", "Cy", "Dee", EVE, "Fay", "Gus", "Hal"]);
}

#[test]
fn cycle_role_and_person_narrow_the_view() {
    let team = json(&["roster", "--cycle", "2w"]);
    assert_eq!(team["cycle_days"], 14);
    assert_eq!(person(&team, "Ada")["due"], "due");
    assert_eq!(person(&team, "Hal")["due"], "overdue");
    let impe = json(&["roster", "--role", "impe"]);
    let people = impe["people"].as_array().expect("people");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0]["person"], "Dee");
    let two = json(&["roster", "--person", "ada", "--person", "Bo"]);
    assert_eq!(two["people"].as_array().expect("people").len(), 2);
    // The cycle from config.toml, and a bad one with its line.
    let env = team_of_eight();
    let config = env.path().join("config-cycle");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("config.toml"),
        "format_version = 1\nteam_cycle = \"4w\"\n",
    )
    .expect("config");
    let mut command = env.command();
    command.env("RUNGS_CONFIG_DIR", &config);
    let out = command
        .args(["team", "roster", "--as-of", AS_OF, "--format", "json"])
        .output()
        .expect("run");
    let team: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(team["cycle_days"], 28);
    std::fs::write(
        config.join("config.toml"),
        "format_version = 1\nteam_cycle = \"monthly\"\n",
    )
    .expect("config");
    let mut command = env.command();
    command.env("RUNGS_CONFIG_DIR", &config);
    let out = command.args(["team"]).output().expect("run");
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("config.toml:2:14"), "{stderr}");
    assert_eq!(
        run(&["--cycle", "soon"]).code,
        2,
        "a cycle is days or weeks"
    );
}

#[test]
fn the_heatmap_compares_different_targets_on_the_categories_they_share() {
    let team = json(&["heatmap"]);
    let map = &team["heatmap"];
    let targets: Vec<(String, u64)> = map["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .map(|t| {
            (
                t[0].as_str().expect("code").into(),
                t[1].as_u64().expect("n"),
            )
        })
        .collect();
    assert_eq!(
        targets,
        [("LSE".into(), 4), ("SPE".into(), 1), ("TTL".into(), 1)]
    );
    let names: Vec<&str> = map["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .map(|c| c["name"].as_str().expect("name"))
        .collect();
    assert!(names.contains(&"Collaboration"), "{names:?}");
    // Fay has only the manager's view, Gus only a draft.
    assert_eq!(map["missing"], serde_json::json!(["Gus", "Fay"]));
    let hal = map["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["person"] == "Hal")
        .expect("Hal");
    assert!(
        hal["cells"]
            .as_array()
            .expect("cells")
            .iter()
            .all(|c| c["share"] == 0),
        "Hal rated everything 0"
    );
    let table = ok(&["heatmap"]);
    assert!(table.contains("█ all met"), "{table}");
    assert!(table.contains("Not on the map (no complete own view): Gus, Fay"));
}

#[test]
fn team_gaps_name_weak_categories_single_points_and_what_focus_covers() {
    let gaps = &json(&["gaps"])["gaps"];
    assert!(!gaps["weakest"].as_array().expect("weakest").is_empty());
    let single = gaps["single"].as_array().expect("single");
    assert!(
        single
            .iter()
            .all(|s| s["met_by"].as_array().expect("met by").len() == 1)
    );
    let nobody = gaps["nobody"].as_array().expect("nobody");
    assert!(nobody.iter().all(|s| s["met_by"] == serde_json::json!([])));
    let focus = gaps["focus"].as_array().expect("focus");
    let collaboration = focus
        .iter()
        .find(|f| f["target"] == "collaboration")
        .expect("collaboration is someone's focus");
    assert_eq!(collaboration["people"], serde_json::json!(["Ada", EVE]));
}

#[test]
fn calibration_shows_each_assessor_beside_the_own_views_and_the_largest_gaps() {
    let calibration = &json(&["calibration"])["calibration"];
    let assessors = calibration["assessors"].as_array().expect("assessors");
    assert_eq!(assessors[0]["name"], "self");
    let grace = &assessors[1];
    assert_eq!(grace["name"], "Grace (manager)");
    assert_eq!(grace["people"], 5, "Ada, Cy, Eve, Fay, Hal");
    // Ada 50, Cy 50, Eve 100, Hal 0: the own views of those with one.
    assert_eq!(grace["own_readiness"], 50);
    let largest = calibration["largest"].as_array().expect("largest");
    // Three a person at most, and three people with disconnects (Cy's
    // two views agree): Ada, Eve and Hal.
    assert_eq!(largest.len(), 9);
    let differences: Vec<u64> = largest
        .iter()
        .map(|a| a["difference"].as_u64().expect("a difference"))
        .collect();
    assert!(differences.is_sorted_by(|a, b| a >= b), "{differences:?}");
    assert!(differences.iter().all(|&d| d >= 2));
    let eves = largest.iter().filter(|a| a["person"] == EVE).count();
    assert_eq!(eves, 3);
    let eve = largest
        .iter()
        .find(|a| a["person"] == EVE && a["own_evidence"].is_string())
        .expect("Eve's evidence is shown");
    assert_eq!(eve["own_evidence"], EVIDENCE, "exact in JSON");
}

#[test]
fn every_format_is_pinned() {
    // The dates are the files' and the day is fixed: nothing moves.
    insta::assert_snapshot!("team_table", ok(&[]));
    insta::assert_snapshot!("team_markdown", ok(&["--format", "md"]));
    insta::assert_snapshot!("team_json", ok(&["--format", "json"]));
    insta::assert_snapshot!("team_csv", ok(&["--format", "csv"]));
    insta::assert_snapshot!("team_aggregate", ok(&["--aggregate"]));
    insta::assert_snapshot!(
        "team_aggregate_json",
        ok(&["--aggregate", "--format", "json"])
    );
}

#[test]
fn hostile_names_and_evidence_stay_text_in_every_format() {
    for format in ["table", "md"] {
        let text = ok(&["--format", format]);
        assert!(
            !text.contains('\u{1b}'),
            "{format}: an escape reached the output"
        );
        assert!(!text.contains('\u{7}'), "{format}");
        assert!(
            text.contains(r"Eve \e"),
            "{format}: the name is shown, visibly"
        );
    }
    let html = ok(&["--format", "html"]);
    assert!(!html.contains("<script>"), "evidence is escaped in HTML");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        html.contains("Eve \\e[31m&lt;i&gt;&quot;Ops&quot;, Lead")
            || html.contains("Eve \\e[31m&lt;i&gt;\"Ops\", Lead"),
        "{}",
        &html[..400]
    );
    assert!(!html.contains('\u{1b}'));
    let csv = ok(&["--format", "csv"]);
    assert!(csv.contains("\"Eve \\e[31m<i>\"\"Ops\"\", Lead\""), "{csv}");
    let mut reader = csv.lines();
    let header = reader.next().expect("header");
    assert!(header.starts_with("person,role,target,self_readiness"));
    assert_eq!(csv.lines().count(), 9);
    // The packet-style page: one document, no script, printable.
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("@media print"));
    assert!(!html.contains("<script"));
}

#[test]
fn the_table_fits_80_columns() {
    at_width(team_of_eight(), 80, &[]);
}

/// Narrower than its nine columns, the roster gives each person a
/// heading and packs their facts below it.
#[test]
fn the_roster_folds_on_a_narrow_terminal() {
    let env = team_of_eight();
    let text = at_width(env, 60, &["roster"]);
    assert!(!text.contains("Drafts"), "{text}");
    assert!(
        text.contains("\nBo\n  SPE→LSE · ready 42/– · latest 2026-06-01, 183 days\n  overdue"),
        "{text}"
    );
    assert!(text.contains("no complete view · never"), "{text}");
}

/// Narrower than its bordered table, calibration gives each assessor a
/// heading and packs their figures below it.
#[test]
fn calibration_folds_on_a_narrow_terminal() {
    let env = team_of_eight();
    let text = at_width(env, 50, &["calibration"]);
    assert!(!text.contains('┌'), "{text}");
    assert!(text.contains("\nGrace (manager)\n  people "), "{text}");
    assert!(text.contains("\nself\n  people "), "{text}");
    assert!(text.contains(" · vs self "), "{text}");
    // At 80 columns the table stays.
    assert!(at_width(env, 80, &["calibration"]).contains("│ Assessor"));
}

/// The team view (only `part`, when given) on a terminal `columns` wide,
/// checked to fit.
fn at_width(env: &TestEnv, columns: usize, part: &[&str]) -> String {
    let out = env
        .command()
        .env("COLUMNS", columns.to_string())
        .arg("team")
        .args(part)
        .args(["--as-of", AS_OF])
        .output()
        .expect("run");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for line in text.lines() {
        let used = line.chars().count();
        assert!(used <= columns, "{used} columns: {line}");
    }
    text
}

#[test]
fn the_aggregate_has_no_names_and_is_refused_for_fewer_than_four() {
    for format in ["table", "md", "json", "csv", "html"] {
        let text = ok(&["--aggregate", "--format", format]);
        for name in ["Ada", "Bo", "Grace", "Eve", "alert", "HYPERLINK"] {
            assert!(!text.contains(name), "{format} names {name}:\n{text}");
        }
    }
    let refused = run(&["--aggregate", "--role", "IMPE"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("at least 4 people"),
        "{}",
        refused.stderr
    );
}

fn chmod(dir: &Path, writable: bool) {
    let status = std::process::Command::new("chmod")
        .args(["-R", if writable { "u+w" } else { "a-w" }])
        .arg(dir)
        .status()
        .expect("chmod");
    assert!(status.success());
}

#[test]
fn from_reads_folders_and_writes_nothing_in_them() {
    let (manager, _) = team();
    // Two clones: the team split between two folders, a stale temporary
    // file left by a killed run in one of them.
    let shared = TestEnv::new();
    let first = shared.path().join("first");
    let second = shared.path().join("second");
    for (n, file) in manager.assessment_files().iter().enumerate() {
        let to = if n % 2 == 0 { &first } else { &second };
        let folder = to.join("assessments");
        std::fs::create_dir_all(&folder).expect("folder");
        std::fs::copy(file, folder.join(file.file_name().expect("name"))).expect("copy");
    }
    let stale = first.join("assessments/.rungs-ada-spe-2026-11-20.toml+abc123.tmp");
    std::fs::write(&stale, "half").expect("stale temporary file");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(48 * 3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .expect("open")
        .set_modified(old)
        .expect("age it");
    let before = snapshot(shared.path());
    chmod(shared.path(), false);
    let reader = TestEnv::new();
    let args = |extra: &[&str]| {
        let mut args: Vec<String> = ["team", "--as-of", AS_OF, "--from"]
            .into_iter()
            .map(String::from)
            .collect();
        args.push(first.to_string_lossy().into_owned());
        args.push("--from".into());
        args.push(second.to_string_lossy().into_owned());
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    };
    let run = |extra: &[&str]| {
        let args = args(extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        reader.ok(&args)
    };
    let from_two: serde_json::Value =
        serde_json::from_str(&run(&["--format", "json"])).expect("json");
    // Twice: the second from the caches.
    let again: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).expect("json");
    assert_eq!(from_two, again);
    run(&[]);
    run(&["--format", "html"]);
    chmod(shared.path(), true);
    assert_eq!(snapshot(shared.path()), before, "a --from folder changed");
    // The same team as from the manager's own data directory.
    let own: serde_json::Value =
        serde_json::from_str(&manager.ok(&["team", "--as-of", AS_OF, "--format", "json"]))
            .expect("json");
    assert_eq!(from_two["people"], own["people"]);
    assert_eq!(from_two["sources"].as_array().expect("sources").len(), 2);
    // Caches went to the cache directory.
    assert!(reader.cache_dir().exists());
    // A folder that is not a data directory is refused with what to do.
    let refused = reader.fails(
        &[
            "team",
            "--from",
            first.join("assessments").to_str().expect("utf-8"),
        ],
        2,
    );
    assert!(
        refused.contains("holds no assessments/ folder"),
        "{refused}"
    );
}

#[test]
fn a_changed_file_is_read_again_not_taken_from_the_cache() {
    let (manager, _) = team();
    let before = json_in(&manager, &["roster"]);
    assert_eq!(person(&before, "Hal")["other"]["readiness"], 100);
    // The manager revises the view of Hal by hand: every rating 0.
    let path = manager
        .data_dir()
        .join("assessments/hal-spe-2026-11-16-by-grace.toml");
    let text = std::fs::read_to_string(&path).expect("view");
    std::fs::write(&path, text.replace("rating = 3", "rating = 0")).expect("revise");
    let after = json_in(&manager, &["roster"]);
    assert_eq!(person(&after, "Hal")["other"]["readiness"], 0);
    assert_eq!(person(&after, "Hal")["disconnects"], 0);
}

fn json_in(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["team", "--as-of", AS_OF, "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&env.ok(&all)).expect("json")
}

/// An empty data directory says how to fill it; filters that match no
/// one say so, not that the team is empty.
#[test]
fn an_empty_team_says_why() {
    let empty = TestEnv::new();
    let output = empty.run(&["team", "--as-of", AS_OF]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        output
            .stdout
            .contains("no assessments in the data directory")
            && output.stdout.contains("rungs import FILE"),
        "{}",
        output.stdout
    );
    let none = ok(&["--person", "Nobody"]);
    assert!(none.contains("No one matches"), "{none}");
    let none = ok(&["--role", "EM"]);
    assert!(none.contains("No one matches"), "{none}");
}

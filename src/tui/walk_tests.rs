//! The walk with scripted answers: every key of the statement screen, the
//! category screen and the review screen.

use std::collections::{BTreeMap, VecDeque};

use super::*;
use crate::testing::{acme, time};

fn fresh() -> Assessment {
    crate::testing::assessment(&[])
}

/// Acme's walk: E1 then E2, two categories each of two statements.
const IDS: [&str; 8] = crate::testing::ACME_WALK;

/// At an evidence line.
#[derive(Debug, Clone, Copy)]
enum Typed {
    /// This text typed on the empty line, then Enter.
    Line(&'static str),
    /// ↑ (the earlier evidence onto the line), then Enter.
    Up,
    Esc,
}

/// Plays back keys, choices and evidence lines, and records what it was
/// shown.
#[derive(Default)]
struct Script {
    actions: VecDeque<Action>,
    categories: VecDeque<CategoryChoice>,
    reviews: VecDeque<ReviewChoice>,
    /// What is done at each evidence line. Once used up, Enter on the
    /// empty line.
    evidence: VecDeque<Typed>,
    edits: VecDeque<Edited>,
    /// Everything shown, in order: `statement 3`, `category 0-2`,
    /// `review 4`, with the note when there was one.
    shown: Vec<String>,
    /// The earlier evidence each line had one ↑ away ("" for none).
    initial_evidence: Vec<String>,
    edited_from: Vec<String>,
    explained: usize,
}

impl Script {
    fn keys(actions: &[Action]) -> Script {
        Script {
            actions: actions.iter().copied().collect(),
            ..Script::default()
        }
    }

    fn positions(&self) -> Vec<String> {
        self.shown.clone()
    }
}

impl Prompter for Script {
    fn action(&mut self, screen: &Screen<'_>) -> Result<Action, Error> {
        let mut line = format!("statement {}", screen.position);
        if let Some(note) = screen.note {
            line.push_str(&format!(" ({note})"));
        }
        self.shown.push(line);
        Ok(self.actions.pop_front().unwrap_or(Action::Quit))
    }
    fn category(&mut self, category: &Category<'_>) -> Result<CategoryChoice, Error> {
        let range = format!(
            "{}-{}",
            category.first,
            category.first + category.items.len()
        );
        self.shown.push(match (category.rate, category.note) {
            (false, _) => format!("category {range}"),
            (true, None) => format!("glance {range} at {}", category.cursor),
            (true, Some(note)) => format!("glance {range} at {} ({note})", category.cursor),
        });
        Ok(self.categories.pop_front().unwrap_or(CategoryChoice::Quit))
    }
    fn review(&mut self, review: &Review<'_>) -> Result<ReviewChoice, Error> {
        let mut line = format!("review {}", review.cursor);
        if let Some(note) = review.note {
            line.push_str(&format!(" ({note})"));
        }
        self.shown.push(line);
        Ok(self.reviews.pop_front().unwrap_or(ReviewChoice::Quit))
    }
    fn explain(&mut self, _: &Scale) -> Result<(), Error> {
        self.explained += 1;
        Ok(())
    }
    fn evidence(&mut self, earlier: Option<&str>) -> Result<Option<String>, Error> {
        self.initial_evidence
            .push(earlier.unwrap_or_default().to_string());
        Ok(match self.evidence.pop_front() {
            Some(Typed::Line(text)) => Some(text.to_string()),
            Some(Typed::Up) => Some(earlier.unwrap_or_default().to_string()),
            Some(Typed::Esc) => None,
            // Enter on the empty line: no evidence.
            None => Some(String::new()),
        })
    }
    fn edit(&mut self, initial: &str, _: &Statement) -> Result<Edited, Error> {
        self.edited_from.push(initial.to_string());
        Ok(self.edits.pop_front().unwrap_or(Edited::Unchanged))
    }
}

fn run_from(
    assessment: &mut Assessment,
    script: &mut Script,
    start: Start,
    previous: &BTreeMap<String, Previous>,
) -> (Outcome, Vec<Assessment>) {
    run_with_journal(assessment, script, start, previous, &[])
}

/// A walk with these journal entries tagged to its statements.
fn run_with_journal(
    assessment: &mut Assessment,
    script: &mut Script,
    start: Start,
    previous: &BTreeMap<String, Previous>,
    entries: &[crate::journal::Entry],
) -> (Outcome, Vec<Assessment>) {
    let framework = acme();
    let items = assessment.walk(&framework);
    let mut saves = Vec::new();
    let mut minute = 0;
    let journal = Tagged::new(&framework, entries.to_vec(), None);
    let walk = Walk {
        framework: &framework,
        items: &items,
        previous,
        journal: &journal,
    };
    let outcome = walk
        .run(
            assessment,
            start,
            script,
            &mut || {
                minute += 1;
                time(minute)
            },
            &mut |a| {
                saves.push(a.clone());
                Ok(())
            },
        )
        .expect("walk");
    (outcome, saves)
}

fn run(assessment: &mut Assessment, script: &mut Script) -> (Outcome, Vec<Assessment>) {
    run_from(assessment, script, Start::At(0), &BTreeMap::new())
}

/// Last time's answers: every statement rated 4 with evidence, except
/// e1.impact.2, never answered.
fn last_time() -> BTreeMap<String, Previous> {
    IDS.iter()
        .filter(|id| **id != "e1.impact.2")
        .map(|id| {
            (
                id.to_string(),
                Previous {
                    kind: Kind::Rated(4),
                    evidence: Some(format!("last time: {id}")),
                    at: time(0),
                },
            )
        })
        .collect()
}

fn kinds(assessment: &Assessment) -> Vec<Option<Kind>> {
    IDS.iter()
        .map(|id| assessment.ratings.get(*id).map(Answer::kind))
        .collect()
}

#[test]
fn walks_the_current_role_then_the_next_and_completes() {
    let mut assessment = fresh();
    let mut script = Script::keys(&[Action::Rate(4); 8]);
    let (outcome, saves) = run(&mut assessment, &mut script);
    assert_eq!(outcome, Outcome::Completed);
    let shown: Vec<String> = (0..8).map(|p| format!("statement {p}")).collect();
    assert_eq!(script.positions(), shown);
    assert!(assessment.completed.is_some());
    // One save per rating, none for unchanged (empty) evidence, one to complete.
    assert_eq!(saves.len(), 9);
}

#[test]
fn every_rating_is_saved_before_evidence_is_asked() {
    let mut assessment = fresh();
    let mut script = Script::keys(&[Action::Rate(3)]);
    script
        .evidence
        .push_back(Typed::Line("Wrote the tests for billing"));
    let (outcome, saves) = run(&mut assessment, &mut script);
    assert_eq!(outcome, Outcome::Quit);
    assert_eq!(saves[0].rating("e1.craft.1"), Some(3));
    assert_eq!(saves[0].ratings["e1.craft.1"].evidence, None);
    assert_eq!(
        saves[1].ratings["e1.craft.1"].evidence.as_deref(),
        Some("Wrote the tests for billing")
    );
}

#[test]
fn skip_no_opportunity_back_enter_and_help() {
    let mut assessment = fresh();
    let mut script = Script::keys(&[
        Action::Skip,          // 0 skipped
        Action::Help,          // at 1
        Action::NoOpportunity, // 1: no opportunity yet, evidence typed
        Action::Back,          // to 1
        Action::Next,          // 1 is answered: kept, on to 2
        Action::Next,          // 2 is not: stays, with a note
        Action::Back,
        Action::Back,    // to 0
        Action::Rate(5), // 0 rated after all
        Action::Quit,
    ]);
    script
        .evidence
        .push_back(Typed::Line("No incident this quarter"));
    script.evidence.push_back(Typed::Line(""));
    run(&mut assessment, &mut script);
    assert_eq!(
        script.positions(),
        [
            "statement 0",
            "statement 1",
            "statement 1",
            "statement 2",
            "statement 1",
            "statement 2",
            "statement 2 (Not answered yet: rate it, s to skip, n for no opportunity yet.)",
            "statement 1",
            "statement 0",
            "statement 1",
        ]
    );
    assert_eq!(script.explained, 1);
    assert_eq!(assessment.rating("e1.craft.1"), Some(5));
    let second = &assessment.ratings["e1.craft.2"];
    assert_eq!(second.kind(), Kind::NoOpportunity);
    assert_eq!(second.evidence.as_deref(), Some("No incident this quarter"));
    assert!(assessment.completed.is_none());
}

#[test]
fn skipped_statements_are_offered_once_more_before_completing() {
    let mut assessment = fresh();
    let mut keys = vec![Action::Skip, Action::Rate(4), Action::Skip];
    keys.extend([Action::Rate(4); 5]);
    // Offered again: the first is rated now, the second skipped again.
    keys.extend([Action::Rate(2), Action::Skip]);
    let mut script = Script::keys(&keys);
    let (outcome, _) = run(&mut assessment, &mut script);
    assert_eq!(outcome, Outcome::Completed);
    let shown = script.positions();
    assert_eq!(
        shown[8..],
        [
            "statement 0 (Skipped earlier, offered once more: 1 of 2.)",
            "statement 2 (Skipped earlier, offered once more: 2 of 2.)",
        ]
    );
    assert_eq!(assessment.rating("e1.craft.1"), Some(2));
    assert_eq!(assessment.ratings["e1.impact.1"].kind(), Kind::Skipped);
    assert!(assessment.completed.is_some(), "a skip is an answer");
}

#[test]
fn a_rating_off_the_scale_says_so_and_asks_again() {
    let mut assessment = fresh();
    let mut script = Script::keys(&[Action::Rate(0), Action::Rate(4)]);
    run(&mut assessment, &mut script);
    assert_eq!(
        script.positions()[..2],
        [
            "statement 0",
            "statement 0 (0 is not on the scale: 1 to 5.)"
        ]
    );
    assert_eq!(assessment.rating("e1.craft.1"), Some(4));
}

#[test]
fn esc_at_the_evidence_prompt_keeps_the_rating_and_stays() {
    let mut assessment = fresh();
    let mut script = Script::keys(&[Action::Rate(4), Action::Next]);
    script.evidence.push_back(Typed::Esc);
    run(&mut assessment, &mut script);
    assert_eq!(
        script.positions()[..3],
        [
            "statement 0",
            "statement 0 (Evidence left as it was.)",
            "statement 1"
        ]
    );
    assert_eq!(assessment.rating("e1.craft.1"), Some(4));
    assert_eq!(assessment.ratings["e1.craft.1"].evidence, None);
}

#[test]
fn the_latest_earlier_evidence_is_one_key_away_and_up_keeps_it() {
    let mut earlier = fresh();
    let answer = |evidence: &str, minute| Answer {
        rating: Some(4),
        no_opportunity: false,
        evidence: Some(evidence.into()),
        at: time(minute),
    };
    earlier
        .ratings
        .insert("e1.craft.1".into(), answer("old", 1));
    let mut later = fresh();
    later
        .ratings
        .insert("e1.craft.1".into(), answer("newer", 5));
    let previous = latest_answers([&later, &earlier]);
    let mut assessment = fresh();
    // The category screen first: go through the statements.
    let mut script = Script::keys(&[Action::Rate(5)]);
    script.evidence.push_back(Typed::Up);
    script.categories.push_back(CategoryChoice::Walk);
    run_from(&mut assessment, &mut script, Start::At(0), &previous);
    assert_eq!(script.initial_evidence, ["newer"]);
    assert_eq!(
        assessment.ratings["e1.craft.1"].evidence.as_deref(),
        Some("newer")
    );
}

#[test]
fn k_keeps_last_times_answer_and_k_says_when_there_is_none() {
    let mut assessment = fresh();
    let mut script = Script::keys(&[Action::Keep, Action::Keep, Action::Rate(2)]);
    let mut previous = last_time();
    previous.remove("e1.craft.2");
    script.categories.push_back(CategoryChoice::Walk);
    run_from(&mut assessment, &mut script, Start::At(0), &previous);
    assert_eq!(assessment.rating("e1.craft.1"), Some(4));
    assert_eq!(
        assessment.ratings["e1.craft.1"].evidence.as_deref(),
        Some("last time: e1.craft.1")
    );
    assert_eq!(
        script.positions()[..4],
        [
            "category 0-2",
            "statement 0",
            "statement 1",
            "statement 1 (Nothing from last time to keep here.)"
        ]
    );
    assert_eq!(assessment.rating("e1.craft.2"), Some(2));
}

#[test]
fn capital_k_keeps_the_rest_of_the_category() {
    let mut assessment = fresh();
    // In the second category, e1.impact.2 has no answer from last time:
    // K keeps e1.impact.1 and stops there.
    let mut script = Script::keys(&[Action::Rate(2), Action::KeepCategory, Action::Rate(3)]);
    script
        .categories
        .extend([CategoryChoice::Walk, CategoryChoice::KeepAll]);
    script.categories.push_back(CategoryChoice::Walk);
    script.actions.extend([Action::KeepCategory, Action::Quit]);
    run_from(&mut assessment, &mut script, Start::At(0), &last_time());
    assert_eq!(
        script.positions(),
        [
            "category 0-2",
            "statement 0",
            "statement 1",
            "category 2-4",
            "statement 3",
            "category 4-6",
            "statement 4",
            "category 6-8",
        ]
    );
    assert_eq!(
        kinds(&assessment),
        [
            Some(Kind::Rated(2)),
            Some(Kind::Rated(4)),
            Some(Kind::Rated(4)),
            Some(Kind::Rated(3)),
            Some(Kind::Rated(4)),
            Some(Kind::Rated(4)),
            None,
            None
        ]
    );
}

#[test]
fn the_category_screen_keeps_all_or_opens_the_one_that_changed() {
    let mut assessment = fresh();
    let mut script = Script::default();
    // Craft of E1: open the second, change it, then keep the rest.
    script.categories.extend([
        CategoryChoice::Open(1),
        CategoryChoice::KeepAll,
        // Impact of E1: keep all; e1.impact.2 has nothing to keep.
        CategoryChoice::KeepAll,
    ]);
    script.actions.push_back(Action::Rate(5));
    script.actions.push_back(Action::Rate(3));
    script.evidence.push_back(Typed::Up);
    script
        .categories
        .extend([CategoryChoice::KeepAll, CategoryChoice::KeepAll]);
    let (outcome, _) = run_from(&mut assessment, &mut script, Start::At(0), &last_time());
    assert_eq!(outcome, Outcome::Completed);
    assert_eq!(
        script.positions(),
        [
            "category 0-2",
            "statement 1",
            "category 0-2",
            "category 2-4",
            "statement 3",
            "category 4-6",
            "category 6-8",
        ]
    );
    assert_eq!(assessment.rating("e1.craft.2"), Some(5));
    assert_eq!(
        assessment.ratings["e1.craft.2"].evidence.as_deref(),
        Some("last time: e1.craft.2"),
        "last time's evidence is one key away, and ↑ Enter keeps it"
    );
    assert_eq!(assessment.rating("e2.impact.2"), Some(4));
}

#[test]
fn the_category_screen_walks_backs_reviews_helps_and_quits() {
    let mut assessment = fresh();
    let mut script = Script::default();
    script.categories.extend([
        CategoryChoice::Help,
        CategoryChoice::Walk,
        CategoryChoice::Back,
        CategoryChoice::Review,
    ]);
    script
        .actions
        .extend([Action::Rate(4), Action::Rate(4), Action::Next]);
    script.reviews.push_back(ReviewChoice::Leave);
    script.categories.push_back(CategoryChoice::Quit);
    let (outcome, _) = run_from(&mut assessment, &mut script, Start::At(0), &last_time());
    assert_eq!(outcome, Outcome::Quit);
    assert_eq!(script.explained, 1);
    assert_eq!(
        script.positions(),
        [
            "category 0-2",
            "category 0-2",
            "statement 0",
            "statement 1",
            "category 2-4",
            "statement 1",
            "category 2-4",
            "review 2",
            "category 2-4",
        ]
    );
}

#[test]
fn e_writes_evidence_in_the_editor_before_or_after_the_rating() {
    let mut assessment = fresh();
    let mut script = Script::keys(&[
        Action::Edit,    // before rating: kept for the answer
        Action::Rate(4), // no evidence prompt: it was just written
        Action::Rate(3),
        Action::Back,
        Action::Edit, // after: saved at once
        Action::Edit, // closed without a change
        Action::Edit, // the editor does not start
        Action::Quit,
    ]);
    script.edits.extend([
        Edited::Text("Led the billing migration\n\n- 40 services\n- no downtime\n".into()),
        Edited::Text("Runbook for each page\r\nreviewed by SRE".into()),
        Edited::Unchanged,
        Edited::Failed("The editor `nope` did not run: not found".into()),
    ]);
    run(&mut assessment, &mut script);
    assert_eq!(
        assessment.ratings["e1.craft.1"].evidence.as_deref(),
        Some("Led the billing migration\n\n- 40 services\n- no downtime")
    );
    assert_eq!(
        assessment.ratings["e1.craft.2"].evidence.as_deref(),
        Some("Runbook for each page\nreviewed by SRE")
    );
    assert_eq!(script.initial_evidence, [""], "one prompt: for the 3");
    assert_eq!(
        script.positions(),
        [
            "statement 0",
            "statement 0 (Evidence written: it is saved with the answer you give.)",
            "statement 1",
            "statement 2",
            "statement 1",
            "statement 1 (Evidence saved.)",
            "statement 1 (Evidence unchanged.)",
            "statement 1 (The editor `nope` did not run: not found)",
        ]
    );
    assert_eq!(script.edited_from[1], "");
    assert_eq!(
        script.edited_from[2],
        "Runbook for each page\nreviewed by SRE"
    );
}

#[test]
fn j_brings_the_journal_into_the_evidence_in_the_editor() {
    let entry = |id: &str, date: &str, text: &str, tags: &[&str]| crate::journal::Entry {
        id: id.into(),
        date: date.parse().expect("date"),
        text: text.into(),
        links: vec!["https://ci.example/1".into()],
        tags: tags.iter().map(|t| t.to_string()).collect(),
        recorded: time(0),
        imported: false,
    };
    let entries = [
        entry(
            "2026-10-07-1",
            "2026-10-07",
            "Wrote contract tests for billing",
            &["e1.craft.1"],
        ),
        entry(
            "2026-10-21-1",
            "2026-10-21",
            "Tests for the ledger change",
            &["craft"],
        ),
    ];
    let mut assessment = fresh();
    let mut script = Script::keys(&[
        Action::Journal, // accepted as proposed: kept for the answer
        Action::Rate(4), // no evidence prompt: it was just written
        Action::Journal, // statement 1: only the category's entry
        Action::Quit,
    ]);
    script
        .edits
        .extend([Edited::Unchanged, Edited::Text("Only this".into())]);
    let (_, _) = run_with_journal(
        &mut assessment,
        &mut script,
        Start::At(0),
        &BTreeMap::new(),
        &entries,
    );
    assert_eq!(
        assessment.ratings["e1.craft.1"].evidence.as_deref(),
        Some(
            "2026-10-21: Tests for the ledger change (https://ci.example/1)\n\
             2026-10-07: Wrote contract tests for billing (https://ci.example/1)"
        ),
        "newest first, each with its link"
    );
    assert_eq!(
        script.edited_from[1],
        "2026-10-21: Tests for the ledger change (https://ci.example/1)"
    );
    assert!(!assessment.ratings.contains_key("e1.craft.2"));
    // Existing evidence stays first and an entry already there is not added twice.
    let kept = with_journal(
        Some("Led it\n2026-10-07: A (x)"),
        &[&crate::journal::Entry {
            links: vec!["x".into()],
            ..entry("2026-10-07-1", "2026-10-07", "A", &[])
        }],
    );
    assert_eq!(kept, "Led it\n2026-10-07: A (x)");
}

#[test]
fn multi_line_evidence_from_last_time_is_offered_whole_and_kept_only_when_asked() {
    let mut previous = last_time();
    if let Some(p) = previous.get_mut("e1.craft.1") {
        p.evidence = Some("line one\nline two".into());
    }
    let mut assessment = fresh();
    let mut script = Script::keys(&[Action::Rate(5), Action::Rate(1), Action::Quit]);
    script
        .evidence
        .extend([Typed::Up, Typed::Line("Typed anew")]);
    script.categories.push_back(CategoryChoice::Walk);
    run_from(&mut assessment, &mut script, Start::At(0), &previous);
    assert_eq!(
        script.initial_evidence,
        ["line one\nline two", "last time: e1.craft.2"]
    );
    assert_eq!(
        assessment.ratings["e1.craft.1"].evidence.as_deref(),
        Some("line one\nline two")
    );
}

/// Issue 28: a changed rating started from last time's evidence with the
/// cursor at its end, and what was typed was glued on:
/// "...not yet published as a strategyPublished the 2027 platform
/// strategy". The line starts empty; what is typed is what is saved.
#[test]
fn a_changed_rating_starts_its_evidence_from_an_empty_line() {
    let mut assessment = fresh();
    let mut script = Script::keys(&[Action::Rate(5), Action::Rate(1), Action::Quit]);
    script
        .evidence
        .extend([Typed::Line("Published the 2027 platform strategy")]);
    script.categories.push_back(CategoryChoice::Walk);
    run_from(&mut assessment, &mut script, Start::At(0), &last_time());
    assert_eq!(
        assessment.ratings["e1.craft.1"].evidence.as_deref(),
        Some("Published the 2027 platform strategy")
    );
    // Enter on the empty line: no evidence, last time's is not carried
    // over unasked.
    assert_eq!(assessment.rating("e1.craft.2"), Some(1));
    assert_eq!(assessment.ratings["e1.craft.2"].evidence, None);
}

#[test]
fn a_finished_assessment_reopens_on_the_review_screen_and_changes_one_answer() {
    let mut assessment = fresh();
    for id in IDS {
        assessment
            .ratings
            .insert(id.into(), Answer::new(Kind::Rated(4), None, time(0)));
    }
    assessment.completed = Some(time(0));
    let mut script = Script::default();
    script.reviews.extend([
        ReviewChoice::Open(5),
        // Back on the review screen at the statement changed.
        ReviewChoice::Jump(Filter::Unmet, 0),
        ReviewChoice::Jump(Filter::Skipped, 0),
        ReviewChoice::Leave,
    ]);
    script.actions.extend([Action::Rate(2), Action::Next]);
    let (outcome, saves) = run_from(
        &mut assessment,
        &mut script,
        Start::Review,
        &BTreeMap::new(),
    );
    assert_eq!(outcome, Outcome::Completed);
    assert_eq!(
        script.positions(),
        [
            "review 0",
            "statement 5",
            "review 5",
            "statement 5",
            "review 5",
            "review 0 (No skipped statements.)",
        ]
    );
    assert_eq!(assessment.rating("e2.craft.2"), Some(2));
    assert_eq!(
        assessment.completed,
        Some(time(0)),
        "a complete assessment keeps when it was completed"
    );
    assert_eq!(saves.len(), 1);
}

#[test]
fn r_opens_the_review_and_leaving_it_returns_to_the_walk() {
    let mut assessment = fresh();
    let mut script = Script::keys(&[Action::Rate(4), Action::Review]);
    script.reviews.extend([
        ReviewChoice::Jump(Filter::Unanswered, 1),
        ReviewChoice::Open(0),
        ReviewChoice::Leave,
    ]);
    // Opened from the review: answered, then back on the review.
    script
        .actions
        .extend([Action::NoOpportunity, Action::Skip, Action::Quit]);
    run(&mut assessment, &mut script);
    assert_eq!(
        script.positions(),
        [
            "statement 0",
            "statement 1",
            "review 1",
            "statement 2",
            "review 2",
            "statement 0",
            "review 0",
            "statement 1",
        ]
    );
    assert_eq!(
        assessment.ratings["e1.impact.1"].kind(),
        Kind::NoOpportunity
    );
    assert_eq!(assessment.ratings["e1.craft.1"].kind(), Kind::Skipped);
}

#[test]
fn review_filters_find_the_next_match_and_wrap() {
    let framework = acme();
    let mut assessment = crate::testing::assessment(&[
        ("e1.craft.1", Some(4), None),
        ("e1.craft.2", Some(2), Some("once")),
        ("e1.impact.1", None, None),
        ("e2.craft.1", Some(5), Some("yes")),
    ]);
    assessment.ratings.insert(
        "e2.craft.2".into(),
        Answer::new(Kind::NoOpportunity, None, time(0)),
    );
    let items = assessment.walk(&framework);
    let next = |filter, after| next_matching(&assessment, &items, filter, after);
    assert_eq!(next(Filter::MetWithoutEvidence, 0), Some(0), "wraps round");
    assert_eq!(next(Filter::Unmet, 0), Some(1));
    assert_eq!(next(Filter::Skipped, 0), Some(2));
    assert_eq!(next(Filter::Unanswered, 0), Some(3));
    assert_eq!(next(Filter::Unanswered, 3), Some(6));
    assert_eq!(next(Filter::NoOpportunity, 6), Some(5));
}

#[test]
fn categories_are_bounded_by_archetype_and_category() {
    let framework = acme();
    let assessment = fresh();
    let items = assessment.walk(&framework);
    assert_eq!(category_bounds(&items, 0), 0..2);
    assert_eq!(category_bounds(&items, 3), 2..4);
    assert_eq!(category_bounds(&items, 4), 4..6);
    assert_eq!(category_bounds(&items, 7), 6..8);
}

#[test]
fn resuming_starts_at_the_first_unanswered_statement() {
    let mut assessment = fresh();
    let mut script = Script::keys(&[Action::Rate(4), Action::Skip, Action::Quit]);
    run(&mut assessment, &mut script);
    let framework = acme();
    let items = assessment.walk(&framework);
    assert_eq!(assessment.first_unanswered(&items), Some(2));
    assert_eq!(assessment.rated(&items), 1);
    assert_eq!(assessment.answered(&items), 2);
    assert_eq!(assessment.rated_and_answered(&items), (1, 2));
}

#[test]
fn latest_answers_keep_no_opportunity_and_drop_bare_skips() {
    let mut earlier = fresh();
    earlier.ratings.insert(
        "e1.craft.1".into(),
        Answer::new(Kind::NoOpportunity, Some("no incident".into()), time(1)),
    );
    earlier.ratings.insert(
        "e1.craft.2".into(),
        Answer::new(Kind::Skipped, None, time(1)),
    );
    let latest = latest_answers([&earlier]);
    assert_eq!(latest["e1.craft.1"].kind, Kind::NoOpportunity);
    assert!(!latest.contains_key("e1.craft.2"));
}

/// Issue 28: on a reassessment, `j` replaced last time's evidence with
/// the journal's entries instead of adding them to it.
#[test]
fn j_adds_the_journal_to_last_times_evidence() {
    let entries = [crate::journal::Entry {
        id: "2026-10-07-1".into(),
        date: "2026-10-07".parse().expect("date"),
        text: "Wrote contract tests for billing".into(),
        links: Vec::new(),
        tags: vec!["e1.craft.1".into()],
        recorded: time(0),
        imported: false,
    }];
    let mut assessment = fresh();
    let mut script = Script::keys(&[Action::Journal, Action::Quit]);
    script.categories.push_back(CategoryChoice::Walk);
    run_with_journal(
        &mut assessment,
        &mut script,
        Start::At(0),
        &last_time(),
        &entries,
    );
    assert_eq!(
        script.edited_from,
        ["last time: e1.craft.1\n2026-10-07: Wrote contract tests for billing"]
    );
}

/// Issue 28: Esc on a statement, even one opened from the review, saved
/// and quit the whole walk. It goes back to the screen the statement was
/// opened from, and elsewhere only says what it does.
#[test]
fn esc_on_a_statement_goes_back_where_it_came_from_and_never_quits() {
    let mut assessment = fresh();
    let mut script = Script::keys(&[Action::Cancel, Action::Cancel, Action::Rate(4)]);
    script
        .reviews
        .extend([ReviewChoice::Open(2), ReviewChoice::Quit]);
    // Opened from the review: Esc is back on the review.
    run_from(
        &mut assessment,
        &mut script,
        Start::Review,
        &BTreeMap::new(),
    );
    assert_eq!(
        script.positions(),
        ["review 0", "statement 2", "review 2"],
        "Esc returns to the review"
    );
    // In the walk: Esc stays, with a note.
    let mut assessment = fresh();
    let mut script = Script::keys(&[Action::Cancel, Action::Rate(4), Action::Quit]);
    run(&mut assessment, &mut script);
    assert_eq!(
        script.positions()[..3],
        [
            "statement 0",
            "statement 0 (Esc cancels a question; q saves and quits.)",
            "statement 1"
        ]
    );
    // From a category screen: back on it.
    let mut assessment = fresh();
    let mut script = Script::keys(&[Action::Cancel]);
    script
        .categories
        .extend([CategoryChoice::Open(1), CategoryChoice::Quit]);
    run_from(&mut assessment, &mut script, Start::At(0), &last_time());
    assert_eq!(
        script.positions(),
        ["category 0-2", "statement 1", "category 0-2"]
    );
}

/// A check-in of Acme with one core statement in each category of E1 and
/// E2: four statements of the eight.
#[test]
fn a_check_in_walks_the_cores_keeps_with_k_and_opens_no_category_screen() {
    let mut framework = acme();
    for (code, core) in [
        ("E1", ["e1.craft.2", "e1.impact.1"]),
        ("E2", ["e2.craft.1", "e2.impact.2"]),
    ] {
        let archetype = framework
            .archetypes
            .iter_mut()
            .find(|a| a.code == code)
            .expect("role");
        archetype.core = core.iter().map(|id| id.to_string()).collect();
    }
    let mut assessment = fresh();
    assessment.kind = crate::assessment::AssessmentKind::CheckIn;
    let items = assessment.walk(&framework);
    let ids: Vec<&str> = items.iter().map(|i| i.statement.id.as_str()).collect();
    assert_eq!(
        ids,
        ["e1.craft.2", "e1.impact.1", "e2.craft.1", "e2.impact.2"]
    );

    // Last time's answers wait on three of them; one changed, one new.
    let mut previous = last_time();
    previous.remove("e2.impact.2");
    let mut script = Script::keys(&[Action::Keep, Action::Rate(5), Action::Keep, Action::Rate(3)]);
    let journal = Tagged::new(&framework, Vec::new(), None);
    let walk = Walk {
        framework: &framework,
        items: &items,
        previous: &previous,
        journal: &journal,
    };
    let outcome = walk
        .run(
            &mut assessment,
            Start::At(0),
            &mut script,
            &mut || time(1),
            &mut |_| Ok(()),
        )
        .expect("walk");
    assert_eq!(outcome, Outcome::Completed);
    assert_eq!(
        script.positions(),
        ["statement 0", "statement 1", "statement 2", "statement 3"],
        "no category screen: each category holds one core statement"
    );
    assert_eq!(assessment.rating("e1.craft.2"), Some(4));
    assert_eq!(assessment.rating("e1.impact.1"), Some(5));
    assert_eq!(assessment.rating("e2.impact.2"), Some(3));
    assert_eq!(assessment.ratings.len(), 4, "only the cores are answered");
    assert!(assessment.status(&framework).is_finished());
}

#[test]
fn g_rates_each_category_of_a_first_walk_line_by_line() {
    let mut assessment = fresh();
    // The first statement: g opens its category at a glance.
    let mut script = Script::keys(&[Action::Glance]);
    script.categories.extend([
        // E1 Craft: both lines rated, the cursor moving down.
        CategoryChoice::Answer(0, Kind::Rated(3)),
        CategoryChoice::Answer(1, Kind::Rated(4)),
        CategoryChoice::Accept,
        // E1 Impact: a rating off the scale says so; a line opened for
        // evidence comes back to the lines, the cursor on the next.
        CategoryChoice::Answer(0, Kind::Rated(9)),
        CategoryChoice::Open(0),
        CategoryChoice::Answer(1, Kind::NoOpportunity),
        CategoryChoice::Accept,
        // E2 Craft: one line left for the end of the walk.
        CategoryChoice::Answer(0, Kind::Skipped),
        CategoryChoice::Accept,
        // E2 Impact.
        CategoryChoice::Answer(0, Kind::Rated(1)),
        CategoryChoice::Answer(1, Kind::Rated(2)),
        CategoryChoice::Accept,
    ]);
    script.actions.extend([
        Action::Rate(2),
        Action::Rate(5),
        Action::Next,
        Action::Next,
        Action::Next,
    ]);
    script.evidence.extend([Typed::Line("Led the review")]);
    let (outcome, _) = run(&mut assessment, &mut script);
    assert_eq!(
        script.positions(),
        [
            "statement 0",
            "glance 0-2 at 0",
            "glance 0-2 at 1",
            "glance 0-2 at 1",
            "glance 2-4 at 0",
            "glance 2-4 at 0 (9 is not on the scale: 1 to 5.)",
            "statement 2",
            "glance 2-4 at 1",
            "glance 2-4 at 1",
            "glance 4-6 at 0",
            "glance 4-6 at 1",
            "glance 6-8 at 0",
            "glance 6-8 at 1",
            "glance 6-8 at 1",
            // The line not answered, at the end, and on from there; then
            // the skipped one offered once more, kept as it is.
            "statement 5 (Not answered yet.)",
            "statement 6",
            "statement 7",
            "statement 4 (Skipped earlier, offered once more: 1 of 1.)",
        ]
    );
    assert_eq!(outcome, Outcome::Completed);
    assert_eq!(
        kinds(&assessment),
        [
            Some(Kind::Rated(3)),
            Some(Kind::Rated(4)),
            Some(Kind::Rated(2)),
            Some(Kind::NoOpportunity),
            Some(Kind::Skipped),
            Some(Kind::Rated(5)),
            Some(Kind::Rated(1)),
            Some(Kind::Rated(2)),
        ]
    );
    assert_eq!(
        assessment.ratings["e1.impact.1"].evidence.as_deref(),
        Some("Led the review")
    );
}

#[test]
fn g_in_a_reassessment_opens_the_screen_of_last_times_answers() {
    // A category with answers from last time shows them, not the lines
    // to rate.
    let mut assessment = fresh();
    let mut script = Script::keys(&[Action::Glance]);
    script.categories.push_back(CategoryChoice::Walk);
    run_from(&mut assessment, &mut script, Start::At(0), &last_time());
    assert_eq!(
        script.positions()[..3],
        ["category 0-2", "statement 0", "category 0-2"]
    );
}

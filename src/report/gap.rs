//! Scoring: from one assessment's ratings to the gap against a target
//! archetype. Pure computation; `render::gap` turns it into text.
//!
//! A statement is met when its rating is at or above its expected rating
//! (`Statement::met`: its own, its group's or the scale's `met`); an
//! unrated, skipped or no-opportunity statement is not met. Statements
//! answered "no opportunity yet" are listed on their own, apart from the
//! target's unmet ones. Categories line
//! up across roles: a section with categories gives one row per category,
//! a section of free groups one row for the whole section.

use std::collections::BTreeMap;

use crate::assessment::{Answer, Assessment, Status};
use crate::framework::{Archetype, Framework, Group, Statement};
use crate::journal::evidence::Tagged;

/// The gap report of one assessment against one target.
#[derive(Debug)]
pub struct Gap<'a> {
    pub framework: &'a Framework,
    pub assessment: &'a Assessment,
    pub role: &'a Archetype,
    /// `None` at the top of the ladder: the report covers the current role.
    pub target: Option<&'a Archetype>,
    /// In progress, complete or partial.
    pub status: Status,
    /// Statements of both roles with a rating, and all of them.
    pub rated: usize,
    pub total: usize,
    pub rows: Vec<Row>,
    /// Percentage of the target's statements met, 0 to 100, rounded down.
    pub readiness: Option<u8>,
    pub target_met: usize,
    pub target_total: usize,
    /// Every statement of the current role and of the target, in walk order.
    pub current_items: Vec<Item<'a>>,
    pub next_items: Vec<Item<'a>>,
    /// The target's statements that are not met, in walk order, except
    /// those answered "no opportunity yet".
    pub unmet: Vec<Item<'a>>,
    /// Statements of either role answered "no opportunity yet": the
    /// situation has not arisen. Counted as not met, listed on their own.
    pub no_opportunity: Vec<Item<'a>>,
    /// Statements of either role rated as met but with no evidence.
    pub unevidenced: Vec<Item<'a>>,
    /// Up to three rows with the largest gap for the target, ranked as
    /// [`FocusArea`]s are; indices into `rows`.
    pub focus: Vec<usize>,
    /// Up to three of the smallest meaningful units (a category, a named
    /// group, or a section that is one flat list) with the largest gap for
    /// the target, largest first. See [`rank`] for the order.
    pub focus_areas: Vec<FocusArea>,
    /// The person's journal entries by the statements they are tagged to,
    /// shown as dated evidence; empty until a command attaches them.
    pub journal: Tagged,
}

/// A suggested focus area: the target's statements of one category, one
/// named group, or one flat section, and how far they are from met.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FocusArea {
    /// The category's or the group's name, or the section's for a flat list.
    pub name: String,
    /// The section's id.
    pub section: String,
    /// The category's id, when the section has categories.
    pub category: Option<String>,
    /// The group's name, for a named group in a section without categories.
    pub group: Option<String>,
    /// What `rungs focus --add` takes for it: the category's id, else the
    /// section's.
    pub target: String,
    pub met: usize,
    pub total: usize,
    /// Rating steps still missing, summed over the unmet statements: an
    /// unrated statement counts from the bottom of the scale.
    pub distance: usize,
}

impl FocusArea {
    pub fn unmet(&self) -> usize {
        self.total - self.met
    }
}

/// How far a set of statements is from met, for ranking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Tally {
    met: usize,
    total: usize,
    distance: usize,
}

impl Tally {
    fn add(&mut self, item: &Item<'_>, lowest: u8) {
        self.total += 1;
        if item.is_met() {
            self.met += 1;
        } else {
            let rating = item.rating().unwrap_or(lowest);
            self.distance += usize::from(item.statement.met.saturating_sub(rating));
        }
    }
}

/// The focus order: the larger share unmet first; among equal shares the
/// larger distance to met per statement, then more statements unmet; the
/// remaining ties by `key` (an id), so the order never depends on where a
/// unit happens to sit in the file.
fn rank<K: Ord>(a: (&Tally, K), b: (&Tally, K)) -> std::cmp::Ordering {
    let ((ta, ka), (tb, kb)) = (a, b);
    let unmet = |t: &Tally| t.total - t.met;
    (unmet(tb) * ta.total)
        .cmp(&(unmet(ta) * tb.total))
        .then((tb.distance * ta.total).cmp(&(ta.distance * tb.total)))
        .then(unmet(tb).cmp(&unmet(ta)))
        .then(ka.cmp(&kb))
}

/// One line of the per-category table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The category's name, or the section's for free groups.
    pub name: String,
    /// The section's id, and the category's id when there is one.
    pub section: String,
    pub category: Option<String>,
    pub current_met: usize,
    pub current_total: usize,
    pub next_met: usize,
    pub next_total: usize,
}

impl Row {
    pub fn next_gap(&self) -> usize {
        self.next_total - self.next_met
    }
}

/// A statement with its place and its answer.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    pub archetype: &'a Archetype,
    pub group: &'a Group,
    pub statement: &'a Statement,
    pub answer: Option<&'a Answer>,
}

impl<'a> Item<'a> {
    pub fn rating(&self) -> Option<u8> {
        self.answer.and_then(|a| a.rating)
    }

    /// Rated at or above the statement's expected rating (its own, its
    /// group's or the scale's `met`).
    pub fn is_met(&self) -> bool {
        self.rating().is_some_and(|r| self.statement.is_met(r))
    }

    pub fn evidence(&self) -> Option<&'a str> {
        self.answer.and_then(|a| a.evidence.as_deref())
    }

    /// Answered "no opportunity yet".
    pub fn is_no_opportunity(&self) -> bool {
        self.answer.is_some_and(|a| a.no_opportunity)
    }
}

/// The target's statements by smallest meaningful unit, ranked, the first
/// three with something unmet.
fn focus_areas(framework: &Framework, next: &[Item<'_>], lowest: u8) -> Vec<FocusArea> {
    let mut areas: Vec<(FocusArea, Tally)> = Vec::new();
    for item in next {
        let section = &framework.sections[item.group.section];
        let category = item.group.category.map(|c| &section.categories[c]);
        let group = match category {
            Some(_) => None,
            None => item.group.name.clone(),
        };
        let name = category
            .map(|c| c.name.clone())
            .or_else(|| group.clone())
            .unwrap_or_else(|| section.name.clone());
        let area = FocusArea {
            name,
            section: section.id.clone(),
            category: category.map(|c| c.id.clone()),
            group,
            target: category.map_or_else(|| section.id.clone(), |c| c.id.clone()),
            met: 0,
            total: 0,
            distance: 0,
        };
        let index = match areas.iter().position(|(a, _)| {
            (&a.section, &a.category, &a.group) == (&area.section, &area.category, &area.group)
        }) {
            Some(index) => index,
            None => {
                areas.push((area, Tally::default()));
                areas.len() - 1
            }
        };
        areas[index].1.add(item, lowest);
    }
    areas.retain(|(_, tally)| tally.met < tally.total);
    areas.sort_by(|(a, ta), (b, tb)| {
        let key = |f: &FocusArea| (f.section.clone(), f.category.clone(), f.group.clone());
        rank((ta, key(a)), (tb, key(b)))
    });
    areas
        .into_iter()
        .take(3)
        .map(|(area, tally)| FocusArea {
            met: tally.met,
            total: tally.total,
            distance: tally.distance,
            ..area
        })
        .collect()
}

/// Which row a group counts towards: (section index, category index).
fn row_key(framework: &Framework, group: &Group) -> (usize, Option<usize>) {
    if framework.sections[group.section].categories.is_empty() {
        (group.section, None)
    } else {
        (group.section, group.category)
    }
}

/// The statements of the current role and of the target, each with its
/// answer, in walk order; only those of the sections chosen, and for a
/// check-in only each role's core.
fn items<'a>(
    framework: &'a Framework,
    assessment: &'a Assessment,
    role: &'a Archetype,
    target: Option<&'a Archetype>,
) -> (Vec<Item<'a>>, Vec<Item<'a>>) {
    let sections = assessment.chosen_sections();
    let chosen = |group: &Group| {
        let id = framework.sections[group.section].id.as_str();
        sections.as_ref().is_none_or(|s| s.contains(id))
    };
    let items_of = |archetype: &'a Archetype| -> Vec<Item<'a>> {
        archetype
            .statements()
            .filter(|(group, statement)| {
                chosen(group) && assessment.covers(archetype, &statement.id)
            })
            .map(|(group, statement)| Item {
                archetype,
                group,
                statement,
                answer: assessment.ratings.get(&statement.id),
            })
            .collect()
    };
    (items_of(role), target.map(items_of).unwrap_or_default())
}

/// The report's rows, in section order, then category order, free
/// sections once, with the key of each.
fn rows(
    framework: &Framework,
    current: &[Item<'_>],
    next: &[Item<'_>],
) -> (Vec<(usize, Option<usize>)>, Vec<Row>) {
    let mut keys: Vec<(usize, Option<usize>)> = current
        .iter()
        .chain(next)
        .map(|item| row_key(framework, item.group))
        .collect();
    keys.sort();
    keys.dedup();
    // (met, total) per row, counted in one pass over each role.
    let count = |items: &[Item<'_>]| {
        let mut counts: BTreeMap<(usize, Option<usize>), (usize, usize)> = BTreeMap::new();
        for item in items {
            let entry = counts.entry(row_key(framework, item.group)).or_default();
            entry.0 += usize::from(item.is_met());
            entry.1 += 1;
        }
        counts
    };
    let (current_counts, next_counts) = (count(current), count(next));
    let rows = keys
        .iter()
        .map(|&key| {
            let (section_index, category) = key;
            let section = &framework.sections[section_index];
            let (current_met, current_total) =
                current_counts.get(&key).copied().unwrap_or_default();
            let (next_met, next_total) = next_counts.get(&key).copied().unwrap_or_default();
            let category = category.map(|c| &section.categories[c]);
            Row {
                name: category.map_or_else(|| section.name.clone(), |c| c.name.clone()),
                section: section.id.clone(),
                category: category.map(|c| c.id.clone()),
                current_met,
                current_total,
                next_met,
                next_total,
            }
        })
        .collect();
    (keys, rows)
}

/// The target's statements met, all of them, and the percentage met
/// (none at the top of the ladder, or for a target with no statements).
fn readiness(target: Option<&Archetype>, next: &[Item<'_>]) -> (usize, usize, Option<u8>) {
    let met = next.iter().filter(|i| i.is_met()).count();
    let total = next.len();
    let readiness =
        (target.is_some() && total > 0).then(|| u8::try_from(met * 100 / total).unwrap_or(100));
    (met, total, readiness)
}

impl<'a> Gap<'a> {
    /// The report's rows and readiness alone, as [`Gap::compute`] gives
    /// them: what the index keeps of every assessment, without the lists
    /// and focus areas of a report no one will read.
    pub fn numbers(
        framework: &Framework,
        assessment: &Assessment,
        role: &Archetype,
        target: Option<&Archetype>,
    ) -> (Vec<Row>, Option<u8>) {
        let (current, next) = items(framework, assessment, role, target);
        let (_, rows) = rows(framework, &current, &next);
        (rows, readiness(target, &next).2)
    }

    /// Computes the report. `target` must be above `role` on the ladder, or
    /// none for the top of the ladder.
    pub fn compute(
        framework: &'a Framework,
        assessment: &'a Assessment,
        role: &'a Archetype,
        target: Option<&'a Archetype>,
    ) -> Gap<'a> {
        let met = |item: &Item<'_>| item.is_met();
        let (current, next) = items(framework, assessment, role, target);
        let (keys, rows) = rows(framework, &current, &next);
        let (target_met, target_total, readiness) = readiness(target, &next);

        let lowest = framework.scale.lowest();
        let row_tallies: Vec<Tally> = keys
            .iter()
            .map(|&key| {
                let mut tally = Tally::default();
                for item in next.iter().filter(|i| row_key(framework, i.group) == key) {
                    tally.add(item, lowest);
                }
                tally
            })
            .collect();
        let mut focus: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].next_gap() > 0)
            .collect();
        focus.sort_by(|&a, &b| {
            let id = |i: usize| (rows[i].section.as_str(), rows[i].category.as_deref());
            rank((&row_tallies[a], id(a)), (&row_tallies[b], id(b)))
        });
        focus.truncate(3);
        let focus_areas = focus_areas(framework, &next, lowest);

        let rated = current
            .iter()
            .chain(&next)
            .filter(|i| i.rating().is_some())
            .count();
        let unevidenced = current
            .iter()
            .chain(&next)
            .filter(|i| met(i) && i.evidence().is_none())
            .copied()
            .collect();
        Gap {
            framework,
            assessment,
            role,
            target,
            status: assessment.status(framework),
            rated,
            total: current.len() + next.len(),
            unmet: next
                .iter()
                .filter(|i| !met(i) && !i.is_no_opportunity())
                .copied()
                .collect(),
            no_opportunity: current
                .iter()
                .chain(&next)
                .filter(|i| i.is_no_opportunity())
                .copied()
                .collect(),
            unevidenced,
            rows,
            readiness,
            target_met,
            target_total,
            focus,
            focus_areas,
            current_items: current,
            next_items: next,
            journal: Tagged::default(),
        }
    }

    /// "indicative, from 15 core statements" for a check-in, whose
    /// readiness rests on the target's core alone; none for a full
    /// assessment.
    pub fn indicative(&self) -> Option<String> {
        self.assessment.is_check_in().then(|| {
            format!(
                "indicative, from {} core statement{}",
                self.target_total,
                if self.target_total == 1 { "" } else { "s" }
            )
        })
    }

    /// True when the item's rating meets its statement's expectation.
    pub fn is_met(&self, item: &Item<'_>) -> bool {
        item.is_met()
    }

    /// The index in `rows` of the row an item counts towards: its
    /// category, or its section when the section has no categories.
    pub fn row_of(&self, item: &Item<'_>) -> Option<usize> {
        let (section, category) = row_key(self.framework, item.group);
        let section = &self.framework.sections[section];
        let category = category.map(|c| section.categories[c].id.as_str());
        self.rows
            .iter()
            .position(|r| r.section == section.id && r.category.as_deref() == category)
    }

    /// "4-5 to 5-6", when both roles have SFIA levels.
    pub fn sfia_step(&self) -> Option<String> {
        let from = self.role.sfia.as_ref()?;
        let to = self.target?.sfia.as_ref()?;
        Some(format!("{from} to {to}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Origin, SourceFile};
    use crate::testing::{acme, assessment};

    #[test]
    fn met_counts_readiness_and_gaps_follow_the_scale() {
        let framework = acme();
        // Acme's scale is met at 4.
        let assessment = assessment(&[
            ("e1.craft.1", Some(4), Some("tests")),
            ("e1.craft.2", Some(3), None),
            ("e1.impact.1", Some(5), None),
            ("e2.craft.1", Some(4), None),
            ("e2.impact.1", None, None),
            ("e2.impact.2", Some(2), Some("reviews")),
            ("retired.9", Some(5), None),
        ]);
        let role = framework.archetype("E1").expect("E1");
        let target = framework.archetype("E2").expect("E2");
        let gap = Gap::compute(&framework, &assessment, role, Some(target));
        let counts: Vec<(&str, usize, usize, usize, usize)> = gap
            .rows
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.current_met,
                    r.current_total,
                    r.next_met,
                    r.next_total,
                )
            })
            .collect();
        assert_eq!(counts, [("Craft", 1, 2, 1, 2), ("Impact", 1, 2, 0, 2)]);
        assert_eq!(
            (gap.target_met, gap.target_total, gap.readiness),
            (1, 4, Some(25))
        );
        assert_eq!((gap.rated, gap.total), (5, 8), "retired ids do not count");
        let unmet: Vec<&str> = gap.unmet.iter().map(|i| i.statement.id.as_str()).collect();
        assert_eq!(unmet, ["e2.craft.2", "e2.impact.1", "e2.impact.2"]);
        let unevidenced: Vec<&str> = gap
            .unevidenced
            .iter()
            .map(|i| i.statement.id.as_str())
            .collect();
        assert_eq!(unevidenced, ["e1.impact.1", "e2.craft.1"]);
        assert_eq!(gap.focus, [1, 0], "Impact has the larger gap");
    }

    #[test]
    fn no_opportunity_counts_as_not_met_and_is_listed_on_its_own() {
        let framework = acme();
        let mut assessment = assessment(&[
            ("e1.craft.1", Some(4), None),
            ("e2.craft.1", Some(4), None),
            ("e2.craft.2", Some(2), None),
        ]);
        for id in ["e1.impact.1", "e2.impact.1"] {
            assessment.ratings.insert(
                id.into(),
                crate::assessment::Answer::new(
                    crate::assessment::Kind::NoOpportunity,
                    Some("No incident this quarter".into()),
                    crate::testing::time(1),
                ),
            );
        }
        let role = framework.archetype("E1").expect("E1");
        let target = framework.archetype("E2").expect("E2");
        let gap = Gap::compute(&framework, &assessment, role, Some(target));
        let ids = |items: &[Item<'_>]| -> Vec<String> {
            items.iter().map(|i| i.statement.id.clone()).collect()
        };
        assert_eq!(ids(&gap.no_opportunity), ["e1.impact.1", "e2.impact.1"]);
        assert_eq!(ids(&gap.unmet), ["e2.craft.2", "e2.impact.2"]);
        assert_eq!((gap.target_met, gap.readiness), (1, Some(25)));
        assert_eq!(gap.rows[1].current_met, 0, "not met");
    }

    #[test]
    fn a_statement_is_met_at_its_own_expected_rating() {
        // Acme's scale is met at 4; e2.craft.1 expects 5, e2.impact asks 3.
        let text = include_str!("../../examples/acme.toml")
            .replace("format_version = 1", "format_version = 2")
            .replace(
                "text = \"Designs a service's changes in a short written proposal that the team reviews before building.\" }",
                "text = \"Designs.\", expected = 5 }",
            )
            .replace(
                "category = \"impact\"\nstatements = [\n  { id = \"e2.impact.1\"",
                "category = \"impact\"\nexpected = 3\nstatements = [\n  { id = \"e2.impact.1\"",
            );
        let framework = crate::framework::parse(&SourceFile::new(Origin::BuiltIn("acme"), text))
            .expect("loads");
        let assessment = assessment(&[
            ("e2.craft.1", Some(4), Some("a note")),
            ("e2.craft.2", Some(4), Some("runbooks")),
            ("e2.impact.1", Some(3), Some("plan")),
            ("e2.impact.2", Some(2), None),
        ]);
        let role = framework.archetype("E1").expect("E1");
        let target = framework.archetype("E2").expect("E2");
        let gap = Gap::compute(&framework, &assessment, role, Some(target));
        let unmet: Vec<&str> = gap.unmet.iter().map(|i| i.statement.id.as_str()).collect();
        assert_eq!(unmet, ["e2.craft.1", "e2.impact.2"]);
        assert_eq!((gap.target_met, gap.readiness), (2, Some(50)));
    }

    /// E1 to E2 over three shapes of section: named groups, categories of
    /// one statement each, and a flat list.
    const SHAPES: &str = r#"
format_version = 2
id = "shapes"
name = "Shapes"
version = "1"

[[section]]
id = "resp"
name = "Responsibilities"

[[section]]
id = "beh"
name = "Behaviours"
categories = [{ id = "c", name = "C" }, { id = "b", name = "B" }, { id = "a", name = "A" }]

[[section]]
id = "skills"
name = "Skills"

[[archetype]]
code = "E1"
title = "Engineer"
next = ["E2"]

[[archetype]]
code = "E2"
title = "Senior Engineer"

[[archetype.group]]
section = "resp"
name = "Alpha"
statements = [{ id = "r1", text = "r1" }, { id = "r2", text = "r2" }]

[[archetype.group]]
section = "resp"
name = "Beta"
statements = [{ id = "r3", text = "r3" }]

[[archetype.group]]
section = "beh"
category = "c"
statements = [{ id = "c1", text = "c1" }]

[[archetype.group]]
section = "beh"
category = "b"
statements = [{ id = "b1", text = "b1" }]

[[archetype.group]]
section = "beh"
category = "a"
statements = [{ id = "a1", text = "a1" }]

[[archetype.group]]
section = "skills"
statements = [
  { id = "s1", text = "s1" }, { id = "s2", text = "s2" },
  { id = "s3", text = "s3" }, { id = "s4", text = "s4", expected = 3 },
]
"#;

    fn shapes_gap(
        ratings: &[(&str, Option<u8>, Option<&str>)],
    ) -> (Framework, crate::assessment::Assessment) {
        let framework =
            crate::framework::parse(&SourceFile::new(Origin::BuiltIn("shapes"), SHAPES))
                .expect("loads");
        let mut assessment = assessment(ratings);
        assessment.framework = "shapes".into();
        (framework, assessment)
    }

    #[test]
    fn focus_areas_rank_by_share_then_distance_then_id() {
        let (framework, assessment) = shapes_gap(&[
            ("r1", Some(2), None),
            ("r2", Some(0), None),
            ("a1", Some(1), None),
            ("b1", Some(0), None),
            ("s1", Some(3), None),
            ("s2", Some(3), None),
            ("s3", Some(3), None),
            ("s4", Some(2), None),
        ]);
        let role = framework.archetype("E1").expect("E1");
        let target = framework.archetype("E2").expect("E2");
        let gap = Gap::compute(&framework, &assessment, role, Some(target));
        let areas: Vec<(&str, &str, usize, usize, usize)> = gap
            .focus_areas
            .iter()
            .map(|f| {
                (
                    f.name.as_str(),
                    f.target.as_str(),
                    f.unmet(),
                    f.total,
                    f.distance,
                )
            })
            .collect();
        // All unmet, two steps away: B and C (category ids b < c, not the
        // file's order c, b), then the named group Beta, not its section.
        // A is one step away; Alpha half met; Skills a quarter.
        assert_eq!(
            areas,
            [
                ("B", "b", 1, 1, 2),
                ("C", "c", 1, 1, 2),
                ("Beta", "resp", 1, 1, 2),
            ]
        );
        assert_eq!(gap.focus_areas[2].group.as_deref(), Some("Beta"));
        let rows: Vec<&str> = gap
            .focus
            .iter()
            .map(|&i| gap.rows[i].name.as_str())
            .collect();
        assert_eq!(rows, ["B", "C", "A"]);
    }

    #[test]
    fn a_flat_section_is_one_focus_area_and_distance_counts_per_statement() {
        let (framework, assessment) = shapes_gap(&[
            ("r1", Some(2), None),
            ("r2", Some(2), None),
            ("r3", Some(2), None),
            ("a1", Some(2), None),
            ("b1", Some(2), None),
            ("c1", Some(1), None),
            ("s1", Some(1), None),
            ("s4", Some(2), None),
        ]);
        let role = framework.archetype("E1").expect("E1");
        let target = framework.archetype("E2").expect("E2");
        let gap = Gap::compute(&framework, &assessment, role, Some(target));
        let areas: Vec<(&str, usize, usize, usize)> = gap
            .focus_areas
            .iter()
            .map(|f| (f.name.as_str(), f.unmet(), f.total, f.distance))
            .collect();
        // C: 1 of 1 unmet; Skills: 4 of 4 unmet, but s4 (expected 3) is
        // one step away and s2, s3 unrated: 1 + 2 + 2 + 1 = 6 over 4.
        assert_eq!(areas, [("Skills", 4, 4, 6), ("C", 1, 1, 1)]);
    }

    #[test]
    fn the_top_of_the_ladder_has_no_readiness() {
        let framework = acme();
        let mut assessment = assessment(&[("e3.craft.1", Some(5), Some("strategy"))]);
        assessment.role = "E3".into();
        assessment.to = None;
        let role = framework.archetype("E3").expect("E3");
        let gap = Gap::compute(&framework, &assessment, role, None);
        assert_eq!(gap.readiness, None);
        assert!(gap.unmet.is_empty() && gap.focus.is_empty() && gap.focus_areas.is_empty());
        assert_eq!(gap.rows[0].current_met, 1);
        assert_eq!(gap.sfia_step(), None);
    }

    #[test]
    fn a_section_limited_assessment_counts_only_its_sections() {
        let text = include_str!("../../frameworks/platform-engineering.toml");
        let framework =
            crate::framework::parse(&SourceFile::new(Origin::BuiltIn("pe"), text)).expect("loads");
        let mut assessment = assessment(&[]);
        assessment.framework = framework.id.clone();
        assessment.role = "SPE".into();
        assessment.to = Some("LSE".into());
        assessment.sections = Some(vec!["skills".into()]);
        let role = framework.archetype("SPE").expect("SPE");
        let target = framework.archetype("LSE").expect("LSE");
        let gap = Gap::compute(&framework, &assessment, role, Some(target));
        assert_eq!(gap.rows.len(), 1);
        assert_eq!((gap.rows[0].current_total, gap.rows[0].next_total), (8, 8));
        assert_eq!(gap.sfia_step().as_deref(), Some("4-5 to 5-6"));
        assert_eq!(gap.readiness, Some(0));
    }

    /// The numbers alone are the full report's: with and without a
    /// target, with sections chosen, and with answers of every kind.
    #[test]
    fn the_numbers_alone_are_the_reports() {
        let framework = acme();
        let mut answered = assessment(&[
            ("e1.craft.1", Some(4), Some("tests")),
            ("e1.craft.2", Some(3), None),
            ("e2.craft.1", Some(5), None),
            ("e2.impact.1", None, None),
            ("e2.impact.2", Some(2), Some("reviews")),
        ]);
        let e1 = framework.archetype("E1").expect("E1");
        let e2 = framework.archetype("E2").expect("E2");
        let e3 = framework.archetype("E3").expect("E3");
        let mut cases = vec![
            (answered.clone(), e1, Some(e2)),
            (answered.clone(), e3, None),
        ];
        answered.sections = Some(vec![framework.sections[0].id.clone()]);
        cases.push((answered, e1, Some(e2)));
        for (assessment, role, target) in &cases {
            let gap = Gap::compute(&framework, assessment, role, *target);
            assert!(!gap.rows.is_empty());
            assert_eq!(
                Gap::numbers(&framework, assessment, role, *target),
                (gap.rows, gap.readiness)
            );
        }
    }
}

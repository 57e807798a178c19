//! Scoring: from one assessment's ratings to the gap against a target
//! archetype. Pure computation; `render::gap` turns it into text.
//!
//! A statement is met when its rating is at or above the scale's `met`
//! threshold; an unrated or skipped statement is not met. Categories line
//! up across roles: a section with categories gives one row per category,
//! a section of free groups one row for the whole section.

use std::collections::BTreeMap;

use crate::assessment::{Answer, Assessment};
use crate::framework::{Archetype, Framework, Group, Statement};

/// The gap report of one assessment against one target.
#[derive(Debug)]
pub struct Gap<'a> {
    pub framework: &'a Framework,
    pub assessment: &'a Assessment,
    pub role: &'a Archetype,
    /// `None` at the top of the ladder: the report covers the current role.
    pub target: Option<&'a Archetype>,
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
    /// The target's statements that are not met, in walk order.
    pub unmet: Vec<Item<'a>>,
    /// Statements of either role rated as met but with no evidence.
    pub unevidenced: Vec<Item<'a>>,
    /// Up to three rows with the largest gap for the target.
    pub focus: Vec<usize>,
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

    pub fn evidence(&self) -> Option<&'a str> {
        self.answer.and_then(|a| a.evidence.as_deref())
    }
}

/// Which row a group counts towards: (section index, category index).
fn row_key(framework: &Framework, group: &Group) -> (usize, Option<usize>) {
    if framework.sections[group.section].categories.is_empty() {
        (group.section, None)
    } else {
        (group.section, group.category)
    }
}

impl<'a> Gap<'a> {
    /// Computes the report. `target` must be above `role` on the ladder, or
    /// none for the top of the ladder.
    pub fn compute(
        framework: &'a Framework,
        assessment: &'a Assessment,
        role: &'a Archetype,
        target: Option<&'a Archetype>,
    ) -> Gap<'a> {
        let met = |item: &Item<'_>| item.rating().is_some_and(|r| framework.scale.is_met(r));
        let sections = assessment.chosen_sections();
        let chosen = |group: &Group| {
            let id = framework.sections[group.section].id.as_str();
            sections.as_ref().is_none_or(|s| s.contains(id))
        };
        let items_of = |archetype: &'a Archetype| -> Vec<Item<'a>> {
            archetype
                .statements()
                .filter(|(group, _)| chosen(group))
                .map(|(group, statement)| Item {
                    archetype,
                    group,
                    statement,
                    answer: assessment.ratings.get(&statement.id),
                })
                .collect()
        };
        let current = items_of(role);
        let next = target.map(items_of).unwrap_or_default();

        // Rows in section order, then category order; free sections once.
        let mut keys: Vec<(usize, Option<usize>)> = current
            .iter()
            .chain(&next)
            .map(|item| row_key(framework, item.group))
            .collect();
        keys.sort();
        keys.dedup();
        // (met, total) per row, counted in one pass over each role.
        let count = |items: &[Item<'_>]| {
            let mut counts: BTreeMap<(usize, Option<usize>), (usize, usize)> = BTreeMap::new();
            for item in items {
                let entry = counts.entry(row_key(framework, item.group)).or_default();
                entry.0 += usize::from(met(item));
                entry.1 += 1;
            }
            counts
        };
        let (current_counts, next_counts) = (count(&current), count(&next));
        let rows: Vec<Row> = keys
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

        let target_met = next.iter().filter(|i| met(i)).count();
        let target_total = next.len();
        let readiness = (target.is_some() && target_total > 0)
            .then(|| u8::try_from(target_met * 100 / target_total).unwrap_or(100));

        let mut focus: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].next_gap() > 0)
            .collect();
        // Largest gap first; among equals, the lower share met, then the
        // framework's order.
        focus.sort_by(|&a, &b| {
            let (ra, rb) = (&rows[a], &rows[b]);
            rb.next_gap()
                .cmp(&ra.next_gap())
                .then((ra.next_met * rb.next_total).cmp(&(rb.next_met * ra.next_total)))
                .then(a.cmp(&b))
        });
        focus.truncate(3);

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
            rated,
            total: current.len() + next.len(),
            unmet: next.iter().filter(|i| !met(i)).copied().collect(),
            unevidenced,
            rows,
            readiness,
            target_met,
            target_total,
            focus,
            current_items: current,
            next_items: next,
        }
    }

    /// True when the item's rating is at or above the scale's threshold.
    pub fn is_met(&self, item: &Item<'_>) -> bool {
        item.rating()
            .is_some_and(|r| self.framework.scale.is_met(r))
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
    fn the_top_of_the_ladder_has_no_readiness() {
        let framework = acme();
        let mut assessment = assessment(&[("e3.craft.1", Some(5), Some("strategy"))]);
        assessment.role = "E3".into();
        assessment.to = None;
        let role = framework.archetype("E3").expect("E3");
        let gap = Gap::compute(&framework, &assessment, role, None);
        assert_eq!(gap.readiness, None);
        assert!(gap.unmet.is_empty() && gap.focus.is_empty());
        assert_eq!(gap.rows[0].current_met, 1);
        assert_eq!(gap.sfia_step(), None);
    }

    #[test]
    fn a_section_limited_assessment_counts_only_its_sections() {
        let text = include_str!("../frameworks/platform-engineering.toml");
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
}

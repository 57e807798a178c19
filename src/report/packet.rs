//! What a promotion packet holds, apart from how it looks.
//!
//! A packet shows one assessment, the first view, and may show other
//! views of the same person and roles beside it (a manager's, peers'):
//! every view's rating on every statement, each apart and never averaged,
//! with how far each is from the first. The first view organises the
//! packet: what it rates as met is listed as met.
//!
//! The panel packet is the case a promotion panel reads: per category the
//! target's statements that are met, with their evidence; those not yet
//! met as a short list, with those that had no opportunity yet apart; then
//! the agreed focus. `render::html` and `render::panel` turn both into
//! documents.

use crate::assessment::{Answer, Assessment};
use crate::report::compare::DISCONNECT;
use crate::report::gap::{Gap, Item};

/// One view of a person against roles, and others of the same person and
/// roles.
#[derive(Debug, Clone, Copy)]
pub struct Packet<'g, 'a> {
    pub gap: &'g Gap<'a>,
    /// Other people's views of the same person and roles, each shown
    /// beside the first, in the order given.
    pub others: &'g [&'g Gap<'a>],
}

/// Why two assessments cannot share a packet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Mismatch {
    #[error("--with names {0}, the assessment being exported")]
    SameAssessment(String),
    #[error("{first} and {second} are both {view}: --with takes another person's view")]
    SameView {
        first: String,
        second: String,
        view: String,
    },
    #[error("{first} and {second} are both {view}: each --with takes a different person's view")]
    SameOther {
        first: String,
        second: String,
        view: String,
    },
    #[error("{first} uses framework `{first_framework}` and {second} uses `{second_framework}`")]
    Framework {
        first: String,
        first_framework: String,
        second: String,
        second_framework: String,
    },
    #[error("{first} is an assessment of {first_person} and {second} of {second_person}")]
    Person {
        first: String,
        first_person: String,
        second: String,
        second_person: String,
    },
    #[error("{first} assesses {first_roles} and {second} assesses {second_roles}")]
    Roles {
        first: String,
        first_roles: String,
        second: String,
        second_roles: String,
    },
}

/// "SPE → LSE", or "SPE" at the top of the ladder.
pub fn roles(gap: &Gap<'_>) -> String {
    match gap.target {
        Some(target) => format!("{} → {}", gap.role.code, target.code),
        None => gap.role.code.clone(),
    }
}

/// How a view is named beside another: "Ada (self)", or the assessor.
pub fn view_name(assessment: &Assessment) -> String {
    match &assessment.assessor {
        Some(assessor) => assessor.clone(),
        None => format!("{} (self)", assessment.person),
    }
}

impl<'g, 'a> Packet<'g, 'a> {
    /// A packet of one view.
    pub fn single(gap: &'g Gap<'a>) -> Packet<'g, 'a> {
        Packet { gap, others: &[] }
    }

    /// A packet of the first view and others, refused unless every other
    /// is a different person's view of the same person, against the same
    /// framework and roles.
    pub fn new(gap: &'g Gap<'a>, others: &'g [&'g Gap<'a>]) -> Result<Packet<'g, 'a>, Mismatch> {
        for (n, other) in others.iter().enumerate() {
            check(gap, other)?;
            for earlier in &others[..n] {
                let (a, b) = (earlier.assessment, other.assessment);
                if a.id == b.id || a.view().eq_ignore_ascii_case(b.view()) {
                    return Err(Mismatch::SameOther {
                        first: a.id.clone(),
                        second: b.id.clone(),
                        view: format!("{}'s view of {}", b.view(), b.person),
                    });
                }
            }
        }
        Ok(Packet { gap, others })
    }

    /// The statements the packet is about: the target's, or at the top of
    /// the ladder the current role's.
    pub fn items(&self) -> &'g [Item<'a>] {
        match self.gap.target {
            Some(_) => &self.gap.next_items,
            None => &self.gap.current_items,
        }
    }

    /// The other views, in the order given.
    pub fn others(&self) -> impl Iterator<Item = &'g Gap<'a>> + use<'g, 'a> {
        self.others.iter().copied()
    }

    /// Whether the packet shows more than one view.
    pub fn has_others(&self) -> bool {
        !self.others.is_empty()
    }

    /// Another view's answer to the item's statement.
    pub fn answer_of(other: &Gap<'a>, item: &Item<'_>) -> Option<&'a Answer> {
        other.assessment.ratings.get(&item.statement.id)
    }

    /// How far another view's rating is from the first's, when both rated
    /// it.
    pub fn difference_with(other: &Gap<'_>, item: &Item<'_>) -> Option<u8> {
        let first = item.rating()?;
        let second = other.assessment.ratings.get(&item.statement.id)?.rating?;
        Some(first.abs_diff(second))
    }

    /// Another view's rating `DISCONNECT` or more from the first's.
    pub fn is_disconnect_with(other: &Gap<'_>, item: &Item<'_>) -> bool {
        Self::difference_with(other, item).is_some_and(|d| d >= DISCONNECT)
    }

    /// The largest distance of any other view's rating from the first's.
    pub fn difference(&self, item: &Item<'_>) -> Option<u8> {
        self.others()
            .filter_map(|other| Self::difference_with(other, item))
            .max()
    }

    /// Any other view's rating `DISCONNECT` or more from the first's.
    pub fn is_disconnect(&self, item: &Item<'_>) -> bool {
        self.difference(item).is_some_and(|d| d >= DISCONNECT)
    }

    /// How many of the packet's statements are disconnects, with any view.
    pub fn disconnects(&self) -> usize {
        self.items()
            .iter()
            .filter(|i| self.is_disconnect(i))
            .count()
    }

    /// How many of the packet's statements `other` rates `DISCONNECT` or
    /// more from the first view.
    pub fn disconnects_with(&self, other: &Gap<'_>) -> usize {
        self.items()
            .iter()
            .filter(|i| Self::is_disconnect_with(other, i))
            .count()
    }
}

/// Refused unless `other` is someone else's view of the same person,
/// against the same framework and roles as `gap`.
fn check(gap: &Gap<'_>, other: &Gap<'_>) -> Result<(), Mismatch> {
    let (a, b) = (gap.assessment, other.assessment);
    let ids = || (a.id.clone(), b.id.clone());
    if a.id == b.id {
        return Err(Mismatch::SameAssessment(a.id.clone()));
    }
    if a.framework != b.framework {
        let (first, second) = ids();
        return Err(Mismatch::Framework {
            first,
            first_framework: a.framework.clone(),
            second,
            second_framework: b.framework.clone(),
        });
    }
    if !a.person.eq_ignore_ascii_case(&b.person) {
        let (first, second) = ids();
        return Err(Mismatch::Person {
            first,
            first_person: a.person.clone(),
            second,
            second_person: b.person.clone(),
        });
    }
    let same_target = gap.target.map(|t| &t.code) == other.target.map(|t| &t.code);
    if gap.role.code != other.role.code || !same_target {
        let (first, second) = ids();
        return Err(Mismatch::Roles {
            first,
            first_roles: roles(gap),
            second,
            second_roles: roles(other),
        });
    }
    if a.view().eq_ignore_ascii_case(b.view()) {
        let (first, second) = ids();
        let view = match &a.assessor {
            Some(assessor) => format!("{assessor}'s view of {}", a.person),
            None => format!("{}'s own view", a.person),
        };
        return Err(Mismatch::SameView {
            first,
            second,
            view,
        });
    }
    Ok(())
}

/// Statements of one row of the gap (a category, or a section without
/// categories), in walk order.
#[derive(Debug, Clone)]
pub struct Category<'a> {
    /// The row's index in the gap's `rows`.
    pub row: usize,
    pub items: Vec<Item<'a>>,
}

/// The panel packet's parts, each by category in the framework's order;
/// categories with nothing in a part are left out of it.
#[derive(Debug, Clone)]
pub struct Panel<'g, 'a> {
    pub packet: Packet<'g, 'a>,
    /// The statements the first view rates as met.
    pub met: Vec<Category<'a>>,
    /// The statements not met, apart from those below.
    pub not_met: Vec<Category<'a>>,
    /// Not met because the situation has not arisen yet: listed on their
    /// own, so a panel does not read them as gaps.
    pub no_opportunity: Vec<Category<'a>>,
}

/// Whether an answer says the situation has not arisen yet ("no
/// opportunity yet"): such statements are listed apart from `not_met`.
fn no_opportunity_yet(answer: Option<&Answer>) -> bool {
    answer.is_some_and(|a| a.no_opportunity)
}

impl<'g, 'a> Panel<'g, 'a> {
    pub fn new(packet: Packet<'g, 'a>) -> Panel<'g, 'a> {
        let gap = packet.gap;
        let mut met: Vec<Category<'a>> = Vec::new();
        let mut not_met: Vec<Category<'a>> = Vec::new();
        let mut no_opportunity: Vec<Category<'a>> = Vec::new();
        for item in packet.items() {
            let part = if gap.is_met(item) {
                &mut met
            } else if no_opportunity_yet(item.answer) {
                &mut no_opportunity
            } else {
                &mut not_met
            };
            let row = gap.row_of(item).unwrap_or(usize::MAX);
            match part.iter_mut().find(|c| c.row == row) {
                Some(category) => category.items.push(*item),
                None => part.push(Category {
                    row,
                    items: vec![*item],
                }),
            }
        }
        for part in [&mut met, &mut not_met, &mut no_opportunity] {
            part.sort_by_key(|c| c.row);
        }
        Panel {
            packet,
            met,
            not_met,
            no_opportunity,
        }
    }

    /// How many statements a part holds.
    pub fn count(part: &[Category<'_>]) -> usize {
        part.iter().map(|c| c.items.len()).sum()
    }

    /// The name of a category's row.
    pub fn name(&self, category: &Category<'_>) -> &'g str {
        self.packet
            .gap
            .rows
            .get(category.row)
            .map_or("", |r| r.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{acme, assessment};

    fn gap<'a>(framework: &'a crate::framework::Framework, assessment: &'a Assessment) -> Gap<'a> {
        let role = framework.archetype(&assessment.role).expect("role");
        let target = assessment
            .to
            .as_deref()
            .map(|code| framework.archetype(code).expect("target"));
        Gap::compute(framework, assessment, role, target)
    }

    #[test]
    fn the_panel_splits_the_target_by_category_and_by_met() {
        let framework = acme();
        let ada = assessment(&[
            ("e2.craft.1", Some(4), Some("proposal")),
            ("e2.craft.2", Some(2), None),
            ("e2.impact.2", Some(5), None),
        ]);
        let gap = gap(&framework, &ada);
        let panel = Panel::new(Packet::single(&gap));
        let ids = |part: &[Category<'_>]| -> Vec<(String, Vec<String>)> {
            part.iter()
                .map(|c| {
                    (
                        panel.name(c).to_string(),
                        c.items.iter().map(|i| i.statement.id.clone()).collect(),
                    )
                })
                .collect()
        };
        assert_eq!(
            ids(&panel.met),
            [
                ("Craft".to_string(), vec!["e2.craft.1".to_string()]),
                ("Impact".to_string(), vec!["e2.impact.2".to_string()]),
            ]
        );
        assert_eq!(
            ids(&panel.not_met),
            [
                ("Craft".to_string(), vec!["e2.craft.2".to_string()]),
                ("Impact".to_string(), vec!["e2.impact.1".to_string()]),
            ]
        );
        assert!(panel.no_opportunity.is_empty());
        assert_eq!(
            (Panel::count(&panel.met), Panel::count(&panel.not_met)),
            (2, 2)
        );
    }

    #[test]
    fn two_views_are_compared_never_averaged() {
        let framework = acme();
        let ada = assessment(&[("e2.craft.1", Some(5), None), ("e2.craft.2", Some(4), None)]);
        let mut grace = assessment(&[("e2.craft.1", Some(2), None), ("e2.craft.2", Some(3), None)]);
        grace.id = "ada-e1-2026-11-25-by-grace".into();
        grace.assessor = Some("Grace (manager)".into());
        let (first, second) = (gap(&framework, &ada), gap(&framework, &grace));
        let others = [&second];
        let packet = Packet::new(&first, &others).expect("same person and roles");
        let items = packet.items();
        assert_eq!(packet.difference(&items[0]), Some(3));
        assert!(packet.is_disconnect(&items[0]));
        assert_eq!(packet.difference(&items[1]), Some(1));
        assert!(!packet.is_disconnect(&items[1]));
        assert_eq!(packet.difference(&items[2]), None, "rated by neither");
        assert_eq!(packet.disconnects(), 1);
        assert_eq!(view_name(&grace), "Grace (manager)");
        assert_eq!(view_name(&ada), "Ada (self)");
    }

    #[test]
    fn each_other_view_is_measured_from_the_first_and_shown_apart() {
        let framework = acme();
        let ada = assessment(&[("e2.craft.1", Some(5), None), ("e2.craft.2", Some(4), None)]);
        let view = |id: &str, assessor: &str, ratings: &[(&str, Option<u8>, Option<&str>)]| {
            let mut other = assessment(ratings);
            other.id = id.into();
            other.assessor = Some(assessor.into());
            other
        };
        let grace = view(
            "by-grace",
            "Grace (manager)",
            &[("e2.craft.1", Some(4), None), ("e2.craft.2", Some(1), None)],
        );
        let bo = view(
            "by-bo",
            "Bo (peer)",
            &[("e2.craft.1", Some(1), None), ("e2.craft.2", Some(4), None)],
        );
        let (first, g, b) = (
            gap(&framework, &ada),
            gap(&framework, &grace),
            gap(&framework, &bo),
        );
        let others = [&g, &b];
        let packet = Packet::new(&first, &others).expect("three views");
        let items = packet.items();
        assert_eq!(Packet::difference_with(&g, &items[0]), Some(1));
        assert_eq!(Packet::difference_with(&b, &items[0]), Some(4));
        assert_eq!(packet.difference(&items[0]), Some(4), "the largest");
        assert_eq!(packet.difference(&items[1]), Some(3));
        assert_eq!(packet.disconnects(), 2);
        assert_eq!(
            (packet.disconnects_with(&g), packet.disconnects_with(&b)),
            (1, 1)
        );
        assert_eq!(
            Packet::answer_of(&b, &items[0]).and_then(|a| a.rating),
            Some(1)
        );

        // The same view twice: by id, or two assessments by one assessor.
        let again = [&g, &b, &g];
        let refused = Packet::new(&first, &again).expect_err("Grace twice");
        assert_eq!(
            refused.to_string(),
            "by-grace and by-grace are both Grace (manager)'s view of Ada: each --with takes a different person's view"
        );
        let mut grace_later = grace.clone();
        grace_later.id = "by-grace-later".into();
        grace_later.assessor = Some("GRACE (manager)".into());
        let later = gap(&framework, &grace_later);
        let twice = [&g, &later];
        assert!(matches!(
            Packet::new(&first, &twice),
            Err(Mismatch::SameOther { .. })
        ));
        // A bad view after good ones is refused all the same.
        let mut zoe = bo.clone();
        zoe.id = "zoe".into();
        zoe.person = "Zoe".into();
        let zoe = gap(&framework, &zoe);
        let bad = [&g, &b, &zoe];
        assert!(matches!(
            Packet::new(&first, &bad),
            Err(Mismatch::Person { .. })
        ));
    }

    #[test]
    fn views_of_other_people_or_roles_are_refused() {
        let framework = acme();
        let ada = assessment(&[]);
        let first = gap(&framework, &ada);
        let mut other = assessment(&[]);
        other.id = "other".into();
        other.assessor = Some("Grace".into());

        let mut bo = other.clone();
        bo.person = "Bo".into();
        let bo_gap = gap(&framework, &bo);
        let refused = Packet::new(&first, &[&bo_gap]).expect_err("another person");
        assert_eq!(
            refused.to_string(),
            "ada-e1-2026-11-25 is an assessment of Ada and other of Bo"
        );

        let mut higher = other.clone();
        higher.role = "E2".into();
        higher.to = Some("E3".into());
        let higher_gap = gap(&framework, &higher);
        let refused = Packet::new(&first, &[&higher_gap]).expect_err("other roles");
        assert_eq!(
            refused.to_string(),
            "ada-e1-2026-11-25 assesses E1 → E2 and other assesses E2 → E3"
        );

        let mut own = other.clone();
        own.assessor = None;
        let own_gap = gap(&framework, &own);
        let refused = Packet::new(&first, &[&own_gap]).expect_err("the same view");
        assert_eq!(
            refused.to_string(),
            "ada-e1-2026-11-25 and other are both Ada's own view: --with takes another person's view"
        );

        let refused = Packet::new(&first, &[&first]).expect_err("itself");
        assert!(matches!(refused, Mismatch::SameAssessment(_)));

        let ada_lower = {
            let mut a = other.clone();
            a.person = "ADA".into();
            a
        };
        let fine = gap(&framework, &ada_lower);
        assert!(
            Packet::new(&first, &[&fine]).is_ok(),
            "names match in any case"
        );
    }
}

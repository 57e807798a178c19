//! The domain model of a career framework: a rating scale, the sections
//! statements are grouped into, and the archetypes of the ladder.
//!
//! Values of these types have passed every check in [`load`]: ids are unique,
//! every `next` code exists, the ladder has no cycle. The rest of the code
//! relies on that and does not check again.

mod load;
mod raw;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use load::{FORMAT_VERSION, FrameworkError, parse};

use crate::suggest;

/// One career track. Serialisable so `build.rs` can check the built-in
/// frameworks once, at build time, and embed them ready to use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Framework {
    pub id: String,
    pub name: String,
    pub version: String,
    pub description: Option<String>,
    pub scale: Scale,
    pub sections: Vec<Section>,
    pub archetypes: Vec<Archetype>,
}

/// The ratings a person can give a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    /// Ascending by value.
    pub levels: Vec<ScaleLevel>,
    /// A statement is met at this rating or above.
    pub met: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleLevel {
    pub value: u8,
    pub label: String,
    pub description: String,
}

/// A kind of expectation ("Behaviours"), declared once per framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// Shared by every archetype so levels line up; empty for free groups.
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub name: String,
    /// A line about what the category covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One role on the ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Archetype {
    pub code: String,
    pub title: String,
    pub sfia: Option<SfiaLevels>,
    /// Codes as declared in the framework; the first is the default path.
    pub next: Vec<String>,
    /// Codes of archetypes on a parallel track, as declared here. The link
    /// goes both ways: see [`Framework::lateral_of`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lateral: Vec<String>,
    /// Ids of statements the archetype no longer has. Ratings people gave
    /// them stay in their files; no report shows them, and no statement of
    /// the framework may take one of these ids again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<String>,
    /// Ids of the statements a check-in rates (the archetype's core), in
    /// the order written; empty when the framework names none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub core: Vec<String>,
    pub summary: Option<String>,
    /// Ordered by section, then by category, then as written.
    pub groups: Vec<Group>,
}

/// Statements of one archetype in one section (and category, if any).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Index into [`Framework::sections`].
    pub section: usize,
    /// Index into that section's categories.
    pub category: Option<usize>,
    /// Heading of a free group.
    pub name: Option<String>,
    pub statements: Vec<Statement>,
}

/// One assessable expectation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Stable across framework versions; assessments key ratings by it.
    pub id: String,
    pub text: String,
    /// Concrete evidence that would show the statement, kept apart from
    /// its text: an artefact, a measure, an event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
    /// The lowest rating at which it counts as met: its own `expected`, its
    /// group's, or the scale's `met`, resolved when the file is loaded so
    /// scoring is a comparison.
    pub met: u8,
}

impl Statement {
    /// True when `rating` meets this statement's expectation.
    pub fn is_met(&self, rating: u8) -> bool {
        rating >= self.met
    }
}

/// SFIA levels of responsibility of an archetype, ascending, each 1 to 7.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SfiaLevels(Vec<u8>);

/// The names SFIA gives its seven levels of responsibility.
pub const SFIA_LEVEL_NAMES: [&str; 7] = [
    "Follow",
    "Assist",
    "Apply",
    "Enable",
    "Ensure and advise",
    "Initiate and influence",
    "Set strategy, inspire and mobilise",
];

impl SfiaLevels {
    /// `levels` must be non-empty, ascending and within 1..=7; the loader
    /// guarantees it for files.
    pub fn new(levels: Vec<u8>) -> Option<Self> {
        let valid = !levels.is_empty()
            && levels.iter().all(|level| (1..=7).contains(level))
            && levels.windows(2).all(|pair| pair[0] < pair[1]);
        valid.then_some(SfiaLevels(levels))
    }

    pub fn levels(&self) -> &[u8] {
        &self.0
    }

    pub fn lowest(&self) -> u8 {
        self.0[0]
    }

    pub fn highest(&self) -> u8 {
        self.0[self.0.len() - 1]
    }
}

impl fmt::Display for SfiaLevels {
    /// `4-5` for a range, `5` for a single level.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.lowest() == self.highest() {
            write!(f, "{}", self.lowest())
        } else {
            write!(f, "{}-{}", self.lowest(), self.highest())
        }
    }
}

impl Scale {
    /// 0 No evidence yet, 1 Emerging, 2 Demonstrated, 3 Role model; met at 2.
    pub fn default_scale() -> Scale {
        let level = |value: u8, label: &str, description: &str| ScaleLevel {
            value,
            label: label.to_string(),
            description: description.to_string(),
        };
        Scale {
            levels: vec![
                level(
                    0,
                    "No evidence yet",
                    "Not done yet, or nothing to point to.",
                ),
                level(1, "Emerging", "Done with support, or once."),
                level(
                    2,
                    "Demonstrated",
                    "Done independently and repeatedly, with evidence you can point to.",
                ),
                level(
                    3,
                    "Role model",
                    "Done consistently; others rely on it or learn it from you.",
                ),
            ],
            met: 2,
        }
    }

    pub fn level(&self, value: u8) -> Option<&ScaleLevel> {
        self.levels.iter().find(|level| level.value == value)
    }

    pub fn is_met(&self, rating: u8) -> bool {
        rating >= self.met
    }

    pub fn lowest(&self) -> u8 {
        self.levels.first().map_or(0, |level| level.value)
    }

    pub fn highest(&self) -> u8 {
        self.levels.last().map_or(0, |level| level.value)
    }
}

impl Framework {
    /// Finds an archetype by code, ignoring case.
    pub fn archetype(&self, code: &str) -> Result<&Archetype, UnknownArchetype> {
        self.archetypes
            .iter()
            .find(|archetype| archetype.code.eq_ignore_ascii_case(code))
            .ok_or_else(|| UnknownArchetype {
                code: code.to_string(),
                framework: self.id.clone(),
                valid: self.codes(),
                suggestion: suggest::nearest(code, self.archetypes.iter().map(|a| a.code.as_str())),
            })
    }

    pub fn codes(&self) -> Vec<String> {
        self.archetypes.iter().map(|a| a.code.clone()).collect()
    }

    /// Archetypes on a parallel track of `archetype`: the ones it names in
    /// `lateral` and the ones that name it, each once, in ladder order.
    pub fn lateral_of<'a>(
        &'a self,
        archetype: &'a Archetype,
    ) -> impl Iterator<Item = &'a Archetype> {
        self.archetypes.iter().filter(move |other| {
            other.code != archetype.code
                && (archetype.lateral.contains(&other.code)
                    || other.lateral.contains(&archetype.code))
        })
    }

    /// Every archetype a person in `from` may be assessed against: the ones
    /// above it along `next`, then the lateral archetypes of `from` and of
    /// each of those, and the ones above them; nearest first, each once,
    /// never `from` itself. A lateral link is followed from `from` and from
    /// the roles above it only, never from a lateral archetype, so a chain
    /// of them never leads down: the loader refuses a lateral link between
    /// roles one above the other, so a role above `from` has no lateral
    /// archetype below `from`.
    pub fn targets_from<'a>(&'a self, from: &'a Archetype) -> Vec<&'a Archetype> {
        let above: Vec<&'a Archetype> = self.reachable_from(from).collect();
        let mut targets = above.clone();
        for step in std::iter::once(from).chain(above) {
            for lateral in self.lateral_of(step) {
                for archetype in std::iter::once(lateral).chain(self.reachable_from(lateral)) {
                    if archetype.code != from.code
                        && !targets.iter().any(|t| t.code == archetype.code)
                    {
                        targets.push(archetype);
                    }
                }
            }
        }
        targets
    }

    /// The archetypes an archetype leads to, in the order declared.
    pub fn next_of<'a>(&'a self, archetype: &'a Archetype) -> impl Iterator<Item = &'a Archetype> {
        archetype
            .next
            .iter()
            .filter_map(|code| self.archetypes.iter().find(|a| &a.code == code))
    }

    /// What a group's category covers, when the framework says.
    pub fn group_description<'a>(&'a self, group: &'a Group) -> Option<&'a str> {
        let section = &self.sections[group.section];
        group
            .category
            .and_then(|index| section.categories[index].description.as_deref())
    }

    /// "3 Role model": the rating at which a statement is met, when it
    /// differs from the scale's own threshold; none when it does not.
    pub fn expected_label(&self, statement: &Statement) -> Option<String> {
        if statement.met == self.scale.met {
            return None;
        }
        Some(match self.scale.level(statement.met) {
            Some(level) => format!("{} {}", level.value, level.label),
            None => statement.met.to_string(),
        })
    }

    /// The heading of a group: its category's name, its own name, or none.
    pub fn group_title<'a>(&'a self, group: &'a Group) -> Option<&'a str> {
        let section = &self.sections[group.section];
        match group.category {
            Some(index) => Some(section.categories[index].name.as_str()),
            None => group.name.as_deref(),
        }
    }

    pub fn statement_count(&self) -> usize {
        self.archetypes.iter().map(Archetype::statement_count).sum()
    }

    /// The archetype that retired statement `id` (matched without case, as
    /// people type ids), when one did.
    pub fn retired_by(&self, id: &str) -> Option<&Archetype> {
        self.archetypes
            .iter()
            .find(|archetype| archetype.retired.iter().any(|r| r.eq_ignore_ascii_case(id)))
    }
}

impl Archetype {
    /// True when statement `id` is in the archetype's core.
    pub fn is_core(&self, id: &str) -> bool {
        self.core.iter().any(|core| core == id)
    }

    /// The core statements with their groups, in walk order.
    pub fn core_statements(&self) -> impl Iterator<Item = (&Group, &Statement)> {
        self.statements()
            .filter(|(_, statement)| self.is_core(&statement.id))
    }

    pub fn statement_count(&self) -> usize {
        self.groups.iter().map(|group| group.statements.len()).sum()
    }

    /// Every statement with the group it belongs to, in walk order.
    pub fn statements(&self) -> impl Iterator<Item = (&Group, &Statement)> {
        self.groups.iter().flat_map(|group| {
            group
                .statements
                .iter()
                .map(move |statement| (group, statement))
        })
    }

    /// "SPE Senior Platform Engineer".
    pub fn label(&self) -> String {
        format!("{} {}", self.code, self.title)
    }
}

/// A role code that the framework does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no archetype `{code}` in framework `{framework}`")]
pub struct UnknownArchetype {
    pub code: String,
    pub framework: String,
    pub valid: Vec<String>,
    pub suggestion: Option<String>,
}

impl UnknownArchetype {
    pub fn help(&self) -> String {
        suggest::did_you_mean(
            self.suggestion.as_deref(),
            &format!("valid codes: {}", self.valid.join(", ")),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sfia_levels_display_as_a_range_or_a_single_level() {
        assert_eq!(
            SfiaLevels::new(vec![4, 5]).map(|s| s.to_string()),
            Some("4-5".into())
        );
        assert_eq!(
            SfiaLevels::new(vec![7]).map(|s| s.to_string()),
            Some("7".into())
        );
    }

    #[test]
    fn sfia_levels_reject_empty_unordered_and_out_of_range() {
        assert_eq!(SfiaLevels::new(vec![]), None);
        assert_eq!(SfiaLevels::new(vec![5, 4]), None);
        assert_eq!(SfiaLevels::new(vec![0]), None);
        assert_eq!(SfiaLevels::new(vec![8]), None);
    }

    fn tracks() -> Framework {
        let text = r#"
format_version = 2
id = "tracks"
name = "Tracks"
version = "1"

[[section]]
id = "craft"
name = "Craft"

[[archetype]]
code = "IC1"
title = "Engineer"
next = ["IC2", "M2"]

[[archetype]]
code = "IC2"
title = "Senior Engineer"
next = ["IC3"]
lateral = ["M2"]

[[archetype]]
code = "IC3"
title = "Staff Engineer"

[[archetype]]
code = "M2"
title = "Manager"
next = ["M3"]

[[archetype]]
code = "M3"
title = "Senior Manager"
"#;
        let source = crate::diagnostic::SourceFile::new(
            crate::diagnostic::Origin::File("tracks.toml".into()),
            text,
        );
        parse(&source).expect("valid")
    }

    fn codes(archetypes: &[&Archetype]) -> Vec<String> {
        archetypes.iter().map(|a| a.code.clone()).collect()
    }

    #[test]
    fn a_lateral_link_goes_both_ways() {
        let framework = tracks();
        let of = |code: &str| {
            let archetype = framework.archetype(code).expect("code");
            codes(&framework.lateral_of(archetype).collect::<Vec<_>>())
        };
        assert_eq!(of("IC2"), ["M2"]);
        assert_eq!(of("M2"), ["IC2"], "declared on IC2 only");
        assert!(of("IC1").is_empty());
    }

    #[test]
    fn targets_are_above_then_across_then_above_across() {
        let framework = tracks();
        let targets = |code: &str| {
            let archetype = framework.archetype(code).expect("code");
            codes(&framework.targets_from(archetype))
        };
        assert_eq!(targets("IC1"), ["IC2", "M2", "IC3", "M3"]);
        assert_eq!(targets("IC2"), ["IC3", "M2", "M3"]);
        assert_eq!(targets("M2"), ["M3", "IC2", "IC3"]);
        assert!(targets("M3").is_empty(), "a lateral link is not inherited");
    }

    #[test]
    fn a_lateral_link_of_a_role_above_is_a_target_too() {
        // IC1 → IC2 → IC3 and M2 → M3, with IC2 ↔ M2: an engineer at IC1
        // may aim for the management track through IC2.
        let text = r#"
format_version = 2
id = "t"
name = "T"
version = "1"

[[section]]
id = "craft"
name = "Craft"

[[archetype]]
code = "IC1"
title = "Engineer"
next = ["IC2"]

[[archetype]]
code = "IC2"
title = "Senior Engineer"
next = ["IC3"]
lateral = ["M2"]

[[archetype]]
code = "IC3"
title = "Staff Engineer"

[[archetype]]
code = "M2"
title = "Manager"
next = ["M3"]

[[archetype]]
code = "M3"
title = "Senior Manager"
"#;
        let source = crate::diagnostic::SourceFile::new(
            crate::diagnostic::Origin::File("t.toml".into()),
            text,
        );
        let framework = parse(&source).expect("valid");
        let targets = |code: &str| {
            let archetype = framework.archetype(code).expect("code");
            codes(&framework.targets_from(archetype))
        };
        assert_eq!(targets("IC1"), ["IC2", "IC3", "M2", "M3"]);
        assert_eq!(targets("M2"), ["M3", "IC2", "IC3"]);
        assert!(targets("IC3").is_empty(), "IC3 has nothing above or across");
    }

    #[test]
    fn default_scale_is_met_at_two() {
        let scale = Scale::default_scale();
        assert!(!scale.is_met(1));
        assert!(scale.is_met(2));
        assert_eq!((scale.lowest(), scale.highest()), (0, 3));
        assert_eq!(
            scale.level(2).map(|l| l.label.as_str()),
            Some("Demonstrated")
        );
    }
}

/// Two archetypes' groups of one section, paired for reading side by side.
#[derive(Debug)]
pub struct SectionPairs<'a> {
    pub section: &'a Section,
    pub pairs: Vec<GroupPair<'a>>,
}

/// Groups of two archetypes that correspond: the same category, or, in
/// sections of free groups (each with its own name), the same position.
#[derive(Debug)]
pub struct GroupPair<'a> {
    pub category: Option<&'a Category>,
    pub from: Option<&'a Group>,
    pub to: Option<&'a Group>,
}

impl Framework {
    /// Pairs the groups of `from` and `to`, section by section, for
    /// `rungs show A --vs B`. Sections neither archetype uses are left out.
    pub fn pair_groups<'a>(
        &'a self,
        from: &'a Archetype,
        to: &'a Archetype,
    ) -> Vec<SectionPairs<'a>> {
        let mut sections = Vec::new();
        for (index, section) in self.sections.iter().enumerate() {
            let groups_of = |archetype: &'a Archetype| -> Vec<&'a Group> {
                archetype
                    .groups
                    .iter()
                    .filter(|g| g.section == index)
                    .collect()
            };
            let (from_groups, to_groups) = (groups_of(from), groups_of(to));
            if from_groups.is_empty() && to_groups.is_empty() {
                continue;
            }
            let pairs = if section.categories.is_empty() {
                let count = from_groups.len().max(to_groups.len());
                (0..count)
                    .map(|i| GroupPair {
                        category: None,
                        from: from_groups.get(i).copied(),
                        to: to_groups.get(i).copied(),
                    })
                    .collect()
            } else {
                section
                    .categories
                    .iter()
                    .enumerate()
                    .filter_map(|(c, category)| {
                        let find = |groups: &[&'a Group]| {
                            groups.iter().copied().find(|g| g.category == Some(c))
                        };
                        let (f, t) = (find(&from_groups), find(&to_groups));
                        (f.is_some() || t.is_some()).then_some(GroupPair {
                            category: Some(category),
                            from: f,
                            to: t,
                        })
                    })
                    .collect()
            };
            sections.push(SectionPairs { section, pairs });
        }
        sections
    }
}

impl Framework {
    /// Every archetype above `from` along `next`, nearest first, each once.
    pub fn reachable_from<'a>(
        &'a self,
        from: &'a Archetype,
    ) -> impl Iterator<Item = &'a Archetype> {
        let mut order: Vec<&'a Archetype> = Vec::new();
        let mut seen: std::collections::HashSet<&'a str> = std::collections::HashSet::new();
        let mut queue: std::collections::VecDeque<&'a Archetype> = self.next_of(from).collect();
        while let Some(archetype) = queue.pop_front() {
            if !seen.insert(archetype.code.as_str()) {
                continue;
            }
            order.push(archetype);
            queue.extend(self.next_of(archetype));
        }
        order.into_iter()
    }
}

impl Framework {
    /// What a focus target names, for people: a statement's id and text, a
    /// category's or a section's name. `None` when the framework has no
    /// such id.
    pub fn describe(&self, target: &str) -> Option<String> {
        if let Some(statement) = self
            .archetypes
            .iter()
            .flat_map(|a| a.statements().map(|(_, s)| s))
            .find(|s| s.id == target)
        {
            return Some(format!("{}: {}", statement.id, statement.text));
        }
        self.sections
            .iter()
            .find_map(|section| {
                section
                    .categories
                    .iter()
                    .find(|c| c.id.eq_ignore_ascii_case(target))
                    .map(|c| c.name.clone())
            })
            .or_else(|| {
                self.sections
                    .iter()
                    .find(|s| s.id.eq_ignore_ascii_case(target))
                    .map(|s| s.name.clone())
            })
    }

    /// Ids a focus target may use: category and section ids. (Statement ids
    /// are too many to list.)
    pub fn focus_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .sections
            .iter()
            .flat_map(|s| s.categories.iter().map(|c| c.id.as_str()))
            .collect();
        ids.extend(self.sections.iter().map(|s| s.id.as_str()));
        ids
    }
}

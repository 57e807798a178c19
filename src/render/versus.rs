//! `rungs show A --vs B`: two archetypes side by side, section by section
//! and category by category, to read what the second asks beyond the first.

use serde::Serialize;

use super::{Render, Style, json, markdown};
use crate::framework::{Archetype, Framework, Group, GroupPair, SectionPairs};

/// `rungs show A --vs B --format json`. Field names are a stable interface.
#[derive(Debug, Serialize)]
pub struct VersusJson<'a> {
    pub framework: &'a str,
    pub from: RoleJson<'a>,
    pub to: RoleJson<'a>,
    /// True when `to` is one of `from`'s next archetypes.
    pub is_next_step: bool,
    /// True when `to` is on a parallel track of `from`, linked by
    /// `lateral` either way: a move across rather than a step up.
    pub is_move_across: bool,
    pub sections: Vec<SectionJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct RoleJson<'a> {
    pub code: &'a str,
    pub title: &'a str,
    pub sfia: &'a [u8],
    pub statements: usize,
}

#[derive(Debug, Serialize)]
pub struct SectionJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub from_count: usize,
    pub to_count: usize,
    pub groups: Vec<PairJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct PairJson<'a> {
    /// Category id, in sections with categories.
    pub category: Option<&'a str>,
    pub from: Option<GroupJson<'a>>,
    pub to: Option<GroupJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct GroupJson<'a> {
    /// The group's own name, in sections of free groups.
    pub name: Option<&'a str>,
    pub statements: Vec<StatementJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct StatementJson<'a> {
    pub id: &'a str,
    pub text: &'a str,
}

/// Statements on each side of a section: (from, to).
fn counts(section: &SectionPairs<'_>) -> (usize, usize) {
    let size = |group: Option<&Group>| group.map_or(0, |g| g.statements.len());
    section
        .pairs
        .iter()
        .fold((0, 0), |(from, to), pair: &GroupPair<'_>| {
            (from + size(pair.from), to + size(pair.to))
        })
}

fn sfia(archetype: &Archetype) -> String {
    archetype
        .sfia
        .as_ref()
        .map_or_else(|| "-".to_string(), ToString::to_string)
}

/// Whether `to` is linked to `from` by `lateral`, either way.
fn is_move_across(framework: &Framework, from: &Archetype, to: &Archetype) -> bool {
    framework.lateral_of(from).any(|a| a.code == to.code)
}

/// "SFIA 4-5 → 5-6 · 80 → 84 statements · LSE is a next step from SPE";
/// "TTL is a move across from SPE" for a lateral link.
fn facts(framework: &Framework, from: &Archetype, to: &Archetype) -> String {
    let mut facts = Vec::new();
    if from.sfia.is_some() || to.sfia.is_some() {
        facts.push(format!("SFIA {} → {}", sfia(from), sfia(to)));
    }
    facts.push(format!(
        "{} → {} statements",
        from.statement_count(),
        to.statement_count()
    ));
    facts.push(if from.next.contains(&to.code) {
        format!("{} is a next step from {}", to.code, from.code)
    } else if is_move_across(framework, from, to) {
        format!("{} is a move across from {}", to.code, from.code)
    } else {
        format!("{} is not a next step from {}", to.code, from.code)
    });
    facts.join(" · ")
}

/// A group as one table cell: its name, then a bullet per statement.
fn cell(group: Option<&Group>) -> String {
    let Some(group) = group else {
        return "—".to_string();
    };
    let mut lines = Vec::new();
    if let Some(name) = &group.name {
        lines.push(format!("{name}:"));
    }
    lines.extend(group.statements.iter().map(|s| format!("• {}", s.text)));
    lines.join("\n")
}

/// `rungs show A --vs B`: two archetypes side by side.
#[derive(Debug)]
pub struct Versus<'a> {
    pub framework: &'a Framework,
    pub from: &'a Archetype,
    pub to: &'a Archetype,
}

impl Render for Versus<'_> {
    fn table(&self, style: &Style) -> String {
        table(self.framework, self.from, self.to, *style)
    }

    fn markdown(&self) -> String {
        markdown(self.framework, self.from, self.to)
    }

    fn json(&self) -> String {
        json_object(self.framework, self.from, self.to)
    }

    fn long(&self) -> bool {
        true
    }
}

pub fn table(framework: &Framework, from: &Archetype, to: &Archetype, style: Style) -> String {
    let mut out = format!(
        "{} → {}\n{}\n",
        style.heading(&from.label()),
        style.heading(&to.label()),
        style.dim(&facts(framework, from, to))
    );
    for section in framework.pair_groups(from, to) {
        let (from_count, to_count) = counts(&section);
        out.push_str(&format!(
            "\n{} {}\n",
            style.heading(&section.section.name.to_uppercase()),
            style.dim(&format!("({from_count} → {to_count})"))
        ));
        let with_categories = !section.section.categories.is_empty();
        let mut header = Vec::new();
        if with_categories {
            header.push("Category");
        }
        header.extend([from.code.as_str(), to.code.as_str()]);
        let mut table = if with_categories {
            style.keyed_table(&header)
        } else {
            style.table(&header)
        };
        // Row lines between pairs: a cell holds several statements.
        table.load_style(comfy_table::presets::UTF8_FULL);
        for pair in &section.pairs {
            let mut row = Vec::new();
            if let Some(category) = pair.category {
                row.push(category.name.clone());
            }
            row.extend([cell(pair.from), cell(pair.to)]);
            table.add_row(row);
        }
        out.push_str(&style.render_table(table));
        out.push('\n');
    }
    out
}

pub fn markdown(framework: &Framework, from: &Archetype, to: &Archetype) -> String {
    let mut out = format!(
        "# {} → {}\n\n*{}*\n",
        markdown::escape(&from.label()),
        markdown::escape(&to.label()),
        markdown::escape(&facts(framework, from, to))
    );
    for section in framework.pair_groups(from, to) {
        let (from_count, to_count) = counts(&section);
        out.push_str(&format!(
            "\n## {} ({from_count} → {to_count})\n",
            markdown::escape(&section.section.name)
        ));
        for pair in &section.pairs {
            if let Some(category) = pair.category {
                out.push_str(&format!("\n### {}\n", markdown::escape(&category.name)));
            }
            for (archetype, group) in [(from, pair.from), (to, pair.to)] {
                out.push_str(&format!("\n**{}**", markdown::escape(&archetype.code)));
                match group {
                    None => out.push_str(": nothing here\n"),
                    Some(group) => {
                        if let Some(name) = &group.name {
                            out.push_str(&format!(": {}", markdown::escape(name)));
                        }
                        out.push_str("\n\n");
                        for statement in &group.statements {
                            out.push_str(&format!("- {}\n", markdown::escape(&statement.text)));
                        }
                    }
                }
            }
        }
    }
    out
}

fn role(archetype: &Archetype) -> RoleJson<'_> {
    RoleJson {
        code: &archetype.code,
        title: &archetype.title,
        sfia: archetype.sfia.as_ref().map_or(&[], |s| s.levels()),
        statements: archetype.statement_count(),
    }
}

fn group_json(group: Option<&Group>) -> Option<GroupJson<'_>> {
    group.map(|group| GroupJson {
        name: group.name.as_deref(),
        statements: group
            .statements
            .iter()
            .map(|s| StatementJson {
                id: &s.id,
                text: &s.text,
            })
            .collect(),
    })
}

pub fn json_object(framework: &Framework, from: &Archetype, to: &Archetype) -> String {
    let sections = framework
        .pair_groups(from, to)
        .iter()
        .map(|section| {
            let (from_count, to_count) = counts(section);
            SectionJson {
                id: &section.section.id,
                name: &section.section.name,
                from_count,
                to_count,
                groups: section
                    .pairs
                    .iter()
                    .map(|pair| PairJson {
                        category: pair.category.map(|c| c.id.as_str()),
                        from: group_json(pair.from),
                        to: group_json(pair.to),
                    })
                    .collect(),
            }
        })
        .collect();
    json(&VersusJson {
        framework: &framework.id,
        from: role(from),
        to: role(to),
        is_next_step: from.next.contains(&to.code),
        is_move_across: is_move_across(framework, from, to),
        sections,
    })
}

//! `rungs show CODE`: one archetype, section by section.

use serde::Serialize;

use super::{Render, Style, json, markdown};
use crate::framework::{Archetype, Framework, SFIA_LEVEL_NAMES, Statement};
use crate::text;

/// `rungs show CODE`: one archetype.
#[derive(Debug)]
pub struct ArchetypeView<'a> {
    pub framework: &'a Framework,
    pub archetype: &'a Archetype,
}

impl Render for ArchetypeView<'_> {
    fn table(&self, style: &Style) -> String {
        table(self.framework, self.archetype, *style)
    }

    fn markdown(&self) -> String {
        markdown(self.framework, self.archetype)
    }

    fn json(&self) -> String {
        json_object(self.framework, self.archetype)
    }

    fn long(&self) -> bool {
        true
    }
}

/// `rungs show --format json`. Field names are a stable interface.
#[derive(Debug, Serialize)]
pub struct ArchetypeJson<'a> {
    pub framework: &'a str,
    pub code: &'a str,
    pub title: &'a str,
    pub sfia: &'a [u8],
    pub next: &'a [String],
    /// Archetypes on a parallel track, reachable both ways.
    pub lateral: Vec<&'a str>,
    pub summary: Option<&'a str>,
    /// Every statement in walk order.
    pub statements: Vec<StatementJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct StatementJson<'a> {
    pub id: &'a str,
    pub text: &'a str,
    /// Section id.
    pub section: &'a str,
    /// Category id, for sections with categories.
    pub category: Option<&'a str>,
    /// Heading of the group: the category's name or the group's own name.
    pub group: Option<&'a str>,
    /// Concrete evidence that would show the statement.
    pub examples: &'a [String],
    /// The lowest rating at which the statement is met.
    pub met: u8,
    /// In the archetype's core: rated by a check-in.
    pub core: bool,
}

/// "SFIA 4-5 (Enable; Ensure and advise)".
fn sfia_line(archetype: &Archetype) -> Option<String> {
    let sfia = archetype.sfia.as_ref()?;
    let names: Vec<&str> = sfia
        .levels()
        .iter()
        .map(|&level| SFIA_LEVEL_NAMES[usize::from(level) - 1])
        .collect();
    Some(format!("SFIA {sfia} ({})", names.join("; ")))
}

fn facts(framework: &Framework, archetype: &Archetype) -> String {
    let mut facts = vec![format!("{} {}", framework.name, framework.version)];
    facts.extend(sfia_line(archetype));
    facts.push(if archetype.next.is_empty() {
        "top of the ladder".to_string()
    } else {
        format!("next: {}", archetype.next.join(", "))
    });
    let lateral: Vec<&str> = framework
        .lateral_of(archetype)
        .map(|a| a.code.as_str())
        .collect();
    if !lateral.is_empty() {
        facts.push(format!("across: {}", lateral.join(", ")));
    }
    let core = archetype.core_statements().count();
    facts.push(match core {
        0 => format!("{} statements", archetype.statement_count()),
        core => format!(
            "{} statements, {core} of them core ({CORE}: asked in every check-in)",
            archetype.statement_count()
        ),
    });
    facts.join(" · ")
}

const NO_STATEMENTS: &str = "This archetype has no statements yet.";

/// What marks a core statement, after its id.
const CORE: &str = "◆";

/// A description under a heading: dim, reflowed to the width.
fn described(description: &str, indent: &str, style: Style) -> String {
    let width = usize::from(style.width).saturating_sub(indent.len());
    let lines: String = text::reflow(description.trim(), width)
        .lines()
        .map(|line| format!("{indent}{line}\n"))
        .collect();
    style.dim(&lines)
}

/// A statement's text, then the rating it is met at when that is not the
/// scale's, then its examples.
fn statement_text(framework: &Framework, statement: &Statement, style: &Style) -> String {
    let mut text = statement.text.clone();
    if let Some(expected) = framework.expected_label(statement) {
        text.push_str(&format!("\n{}", style.dim(&format!("Met at: {expected}"))));
    }
    if !statement.examples.is_empty() {
        let examples = format!("Examples: {}", statement.examples.join("; "));
        text.push_str(&format!("\n{}", style.dim(&examples)));
    }
    text
}

pub fn table(framework: &Framework, archetype: &Archetype, style: Style) -> String {
    let mut out = format!(
        "{}\n{}\n",
        style.heading(&archetype.label()),
        style.dim(&facts(framework, archetype))
    );
    if let Some(summary) = &archetype.summary {
        out.push('\n');
        out.push_str(&text::reflow(summary.trim(), usize::from(style.width)));
        out.push('\n');
    }
    if archetype.groups.is_empty() {
        out.push('\n');
        out.push_str(NO_STATEMENTS);
        out.push('\n');
        return out;
    }
    let mut current_section = None;
    for group in &archetype.groups {
        if current_section != Some(group.section) {
            current_section = Some(group.section);
            let section = &framework.sections[group.section];
            out.push('\n');
            out.push_str(&style.heading(&section.name.to_uppercase()));
            out.push('\n');
            if let Some(description) = &section.description {
                out.push_str(&described(description, "", style));
            }
        }
        if let Some(title) = framework.group_title(group) {
            out.push_str(&format!("\n  {}\n", style.heading(title)));
            if let Some(description) = framework.group_description(group) {
                out.push_str(&described(description, "  ", style));
            }
        }
        let texts: Vec<String> = group
            .statements
            .iter()
            .map(|s| statement_text(framework, s, &style))
            .collect();
        let ids: Vec<String> = group
            .statements
            .iter()
            .map(|s| match archetype.is_core(&s.id) {
                true => format!("{} {CORE}", s.id),
                false => s.id.clone(),
            })
            .collect();
        let rows = ids
            .iter()
            .zip(&texts)
            .map(|(id, text)| [id.as_str(), text.as_str()]);
        out.push_str(&style.list(rows, "   "));
    }
    out
}

pub fn markdown(framework: &Framework, archetype: &Archetype) -> String {
    let mut out = format!(
        "# {}: {}\n\n*{}*\n",
        markdown::escape(&archetype.code),
        markdown::escape(&archetype.title),
        markdown::escape(&facts(framework, archetype))
    );
    if let Some(summary) = &archetype.summary {
        out.push_str(&format!("\n{}\n", markdown::escape(summary.trim())));
    }
    if archetype.groups.is_empty() {
        out.push_str(&format!("\n{NO_STATEMENTS}\n"));
        return out;
    }
    let mut current_section = None;
    for group in &archetype.groups {
        if current_section != Some(group.section) {
            current_section = Some(group.section);
            let section = &framework.sections[group.section];
            out.push_str(&format!("\n## {}\n", markdown::escape(&section.name)));
            if let Some(description) = &section.description {
                out.push_str(&format!("\n*{}*\n", markdown::escape(description.trim())));
            }
        }
        if let Some(title) = framework.group_title(group) {
            out.push_str(&format!("\n### {}\n", markdown::escape(title)));
            if let Some(description) = framework.group_description(group) {
                out.push_str(&format!("\n*{}*\n", markdown::escape(description.trim())));
            }
        }
        out.push('\n');
        for statement in &group.statements {
            let core = match archetype.is_core(&statement.id) {
                true => format!(" {CORE}"),
                false => String::new(),
            };
            out.push_str(&format!(
                "- `{}`{core} {}\n",
                statement.id,
                markdown::escape(&statement.text)
            ));
            if let Some(expected) = framework.expected_label(statement) {
                out.push_str(&format!("  - *Met at:* {}\n", markdown::escape(&expected)));
            }
            if !statement.examples.is_empty() {
                out.push_str(&format!(
                    "  - *Examples:* {}\n",
                    markdown::escape(&statement.examples.join("; "))
                ));
            }
        }
    }
    out
}

pub fn json_object(framework: &Framework, archetype: &Archetype) -> String {
    let statements = archetype
        .statements()
        .map(|(group, statement)| {
            let section = &framework.sections[group.section];
            StatementJson {
                id: &statement.id,
                text: &statement.text,
                section: &section.id,
                category: group.category.map(|i| section.categories[i].id.as_str()),
                group: framework.group_title(group),
                examples: &statement.examples,
                met: statement.met,
                core: archetype.is_core(&statement.id),
            }
        })
        .collect();
    json(&ArchetypeJson {
        framework: &framework.id,
        code: &archetype.code,
        title: &archetype.title,
        sfia: archetype.sfia.as_ref().map_or(&[], |s| s.levels()),
        next: &archetype.next,
        lateral: framework
            .lateral_of(archetype)
            .map(|a| a.code.as_str())
            .collect(),
        summary: archetype.summary.as_deref().map(str::trim),
        statements,
    })
}

//! `rungs show CODE`: one archetype, section by section.

use serde::Serialize;

use super::{Render, Style, json, markdown, text};
use crate::framework::{Archetype, Framework, SFIA_LEVEL_NAMES};

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
    facts.push(format!("{} statements", archetype.statement_count()));
    facts.join(" · ")
}

const NO_STATEMENTS: &str = "This archetype has no statements yet.";

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
        }
        if let Some(title) = framework.group_title(group) {
            out.push_str(&format!("\n  {}\n", style.heading(title)));
        }
        let rows = group
            .statements
            .iter()
            .map(|s| [s.id.as_str(), s.text.as_str()]);
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
            out.push_str(&format!(
                "\n## {}\n",
                markdown::escape(&framework.sections[group.section].name)
            ));
        }
        if let Some(title) = framework.group_title(group) {
            out.push_str(&format!("\n### {}\n", markdown::escape(title)));
        }
        out.push('\n');
        for statement in &group.statements {
            out.push_str(&format!(
                "- `{}` {}\n",
                statement.id,
                markdown::escape(&statement.text)
            ));
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
            }
        })
        .collect();
    json(&ArchetypeJson {
        framework: &framework.id,
        code: &archetype.code,
        title: &archetype.title,
        sfia: archetype.sfia.as_ref().map_or(&[], |s| s.levels()),
        next: &archetype.next,
        summary: archetype.summary.as_deref().map(str::trim),
        statements,
    })
}

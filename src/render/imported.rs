//! `rungs ladder import`: what became what, the ladder as a tree (levels
//! with counts, their sections and categories, the first statement of
//! each), what was guessed and the option that changes each guess, what
//! was left out, and what was written.

use super::text::width;
use super::{Render, Style, json};
use crate::ladder::{GuessReport, ImportOutcome, LevelReport};

impl Render for ImportOutcome {
    fn table(&self, style: &Style) -> String {
        text(self, usize::from(style.width))
    }

    fn markdown(&self) -> String {
        let body = text(self, usize::from(super::PIPE_WIDTH)).replace("```", "` ` `");
        format!("# Ladder import\n\n```text\n{body}```\n")
    }

    fn json(&self) -> String {
        json(self)
    }
}

/// A line cut to `columns` by display width, ending in `…` when cut; its
/// leading rails and spaces kept as they are.
fn fit(line: &str, columns: usize) -> String {
    if width(line) <= columns {
        return line.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        out.push(c);
        used += w;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `at` as the file's name and the line: the tree's lines stay short.
fn short_at(at: &str) -> &str {
    at.rsplit('/').next().unwrap_or(at)
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// One level and its groups, as lines of a tree.
fn level_tree(level: &LevelReport, columns: usize, out: &mut String) {
    let next = if level.next.is_empty() {
        "top of the ladder".to_string()
    } else {
        format!("next {}", level.next.join(", "))
    };
    let title = if level.title == level.code {
        String::new()
    } else {
        format!(" {}", level.title)
    };
    let head = format!(
        "{}{title} ({}, {next}) at {}",
        level.code,
        plural(level.statements, "statement"),
        short_at(&level.at)
    );
    out.push_str(&fit(&head, columns));
    out.push('\n');
    // Sections in order, each with its groups.
    let mut sections: Vec<(&str, Vec<&crate::ladder::GroupReport>)> = Vec::new();
    for group in &level.groups {
        match sections.last_mut() {
            Some((name, groups)) if *name == group.section => groups.push(group),
            _ => sections.push((&group.section, vec![group])),
        }
    }
    for (s, (section, groups)) in sections.iter().enumerate() {
        let last_section = s + 1 == sections.len();
        let (branch, rail) = if last_section {
            ("└─ ", "   ")
        } else {
            ("├─ ", "│  ")
        };
        match groups.as_slice() {
            [only] if only.group.is_none() => {
                let line = format!("{branch}{section} ({}): {}", only.statements, only.first);
                out.push_str(&fit(&line, columns));
                out.push('\n');
            }
            _ => {
                out.push_str(&fit(&format!("{branch}{section}"), columns));
                out.push('\n');
                for (g, group) in groups.iter().enumerate() {
                    let twig = if g + 1 == groups.len() {
                        "└─ "
                    } else {
                        "├─ "
                    };
                    let name = group.group.as_deref().unwrap_or("(no heading)");
                    let line =
                        format!("{rail}{twig}{name} ({}): {}", group.statements, group.first);
                    out.push_str(&fit(&line, columns));
                    out.push('\n');
                }
            }
        }
    }
}

fn guesses(title: &str, list: &[GuessReport], out: &mut String) {
    if list.is_empty() {
        return;
    }
    out.push_str(&format!("\n{title}\n"));
    for guess in list {
        let fix = guess
            .fix
            .as_deref()
            .map_or(String::new(), |f| format!(" [change: {f}]"));
        match &guess.at {
            Some(at) => out.push_str(&format!("  - {}: {}{fix}\n", at, &guess.what)),
            None => out.push_str(&format!("  - {}{fix}\n", &guess.what)),
        }
    }
}

/// What became what, the tree, what was guessed and left out, and what
/// was written.
fn text(outcome: &ImportOutcome, columns: usize) -> String {
    let columns = columns.max(40);
    let report = &outcome.report;
    let mut out = String::from("Read:\n");
    for line in &report.read {
        out.push_str(&format!("  {}\n", line));
    }
    out.push_str(&format!(
        "\nFramework `{}`: {}\n\nLevels, lowest first:\n",
        &report.id, &report.name
    ));
    for level in &report.levels {
        level_tree(level, columns, &mut out);
    }
    out.push_str("\nSections:\n");
    for section in &report.sections {
        let groups = if section.groups.is_empty() {
            String::new()
        } else {
            format!(": {}", &section.groups.join(", "))
        };
        out.push_str(&format!(
            "  {} from \"{}\", {} statements in {}{groups}\n",
            &section.id, &section.from, section.statements, section.kind
        ));
    }
    if let Some(scale) = &report.scale {
        out.push_str(&format!("\nScale, lowest first: {}\n", scale.join(", ")));
    }
    out.push_str(&format!("\nStatements: {}", report.statements));
    if outcome.replaced {
        let retired = if report.ids_retired > 0 {
            format!(", {} retired", report.ids_retired)
        } else {
            String::new()
        };
        out.push_str(&format!(
            " ({} kept their ids from {}, {} new{retired})",
            report.ids_kept,
            outcome.output.display(),
            report.ids_new
        ));
    }
    out.push('\n');
    guesses(
        "Guessed (check these; the option after each decides it otherwise):",
        &report.guesses,
        &mut out,
    );
    guesses("Left out:", &report.left_out, &mut out);
    let path = outcome.output.display();
    if outcome.written {
        out.push_str(&format!(
            "\n{} {path} ({} archetypes, {} statements).\nCheck it: rungs validate {path}\nTry it:   rungs --framework {path} roles\n",
            if outcome.replaced { "Replaced" } else { "Wrote" },
            outcome.archetypes,
            report.statements
        ));
    } else {
        out.push_str(&format!(
            "\nNothing written (--dry-run); without it: {path}\n"
        ));
    }
    out
}

//! `rungs ladder import`: what became what, what was guessed, and what
//! was written.

use super::{Render, Style, json};
use crate::ladder::ImportOutcome;

impl Render for ImportOutcome {
    fn table(&self, _style: &Style) -> String {
        text(self)
    }

    fn markdown(&self) -> String {
        let body = text(self).replace("```", "` ` `");
        format!("# Ladder import\n\n```text\n{body}```\n")
    }

    fn json(&self) -> String {
        json(self)
    }
}

/// What became what, what was guessed, and what was written.
fn text(outcome: &ImportOutcome) -> String {
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
        let next = if level.next.is_empty() {
            "top of the ladder".to_string()
        } else {
            format!("next {}", level.next.join(", "))
        };
        out.push_str(&format!(
            "  {} {} ({} statements, {next}) from \"{}\" at {}\n",
            &level.code, &level.title, level.statements, &level.from, &level.at
        ));
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
    if !report.guesses.is_empty() {
        out.push_str("\nGuessed (check these in the file):\n");
        for guess in &report.guesses {
            match &guess.at {
                Some(at) => out.push_str(&format!("  - {}: {}\n", at, &guess.what)),
                None => out.push_str(&format!("  - {}\n", &guess.what)),
            }
        }
    }
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

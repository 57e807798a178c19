//! `rungs frameworks`: what is available and where each came from.

use serde::Serialize;

use super::{Render, Style, json, markdown};
use crate::catalog::{Entry, Provenance};

/// `rungs frameworks`: every framework of the catalog.
#[derive(Debug)]
pub struct Frameworks<'a> {
    pub entries: &'a [Entry],
}

impl Render for Frameworks<'_> {
    fn table(&self, style: &Style) -> String {
        table(self.entries, *style)
    }

    fn markdown(&self) -> String {
        markdown(self.entries)
    }

    fn json(&self) -> String {
        json_array(self.entries)
    }
}

/// One framework in `rungs frameworks --format json`.
#[derive(Debug, Serialize)]
pub struct FrameworkJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub version: &'a str,
    pub archetypes: usize,
    pub statements: usize,
    /// `built-in`, `config` or `command-line`.
    pub source: &'static str,
    /// The file it was read from; absent for built-in frameworks.
    pub path: Option<String>,
    pub replaces_built_in: bool,
}

fn source_name(entry: &Entry) -> &'static str {
    match entry.provenance {
        Provenance::BuiltIn => "built-in",
        Provenance::UserDir => "config",
        Provenance::CommandLine => "command-line",
    }
}

fn source_text(entry: &Entry) -> String {
    match entry.provenance {
        Provenance::BuiltIn => "built-in".to_string(),
        _ => entry.origin.to_string(),
    }
}

/// A line for each user framework that replaces a built-in one.
fn replacements(entries: &[Entry]) -> String {
    entries
        .iter()
        .filter(|entry| entry.replaces_built_in)
        .map(|entry| {
            format!(
                "`{}` from {} replaces the built-in framework with that id.\n",
                entry.framework.id, entry.origin
            )
        })
        .collect()
}

fn row(entry: &Entry) -> Vec<String> {
    let framework = &entry.framework;
    vec![
        framework.id.clone(),
        framework.name.clone(),
        framework.version.clone(),
        framework.archetypes.len().to_string(),
        framework.statement_count().to_string(),
        source_text(entry),
    ]
}

const HEADER: [&str; 6] = [
    "ID",
    "Name",
    "Version",
    "Archetypes",
    "Statements",
    "Source",
];

/// The table names where each framework came from in a word; the files,
/// whose paths are too long to share a row, are listed below it, one a
/// line, so a path never squeezes the other columns.
pub fn table(entries: &[Entry], style: Style) -> String {
    let mut table = style.keyed_table(&HEADER);
    for entry in entries {
        let mut cells = row(entry);
        cells[5] = source_name(entry).to_string();
        table.add_row(cells);
    }
    let mut out = format!("{}\n", style.render_table(table));
    let files: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.provenance != Provenance::BuiltIn)
        .collect();
    if !files.is_empty() {
        out.push_str(&format!("\n{}\n", style.heading("Files")));
        for entry in files {
            out.push_str(&format!("  {}\n    {}\n", entry.framework.id, entry.origin));
        }
    }
    let notes = replacements(entries);
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes);
    }
    out
}

pub fn markdown(entries: &[Entry]) -> String {
    let rows: Vec<Vec<String>> = entries.iter().map(row).collect();
    let notes = replacements(entries);
    let notes = if notes.is_empty() {
        notes
    } else {
        format!("\n{notes}")
    };
    format!("# Frameworks\n\n{}{notes}", markdown::table(&HEADER, &rows))
}

pub fn json_array(entries: &[Entry]) -> String {
    let list: Vec<FrameworkJson<'_>> = entries
        .iter()
        .map(|entry| FrameworkJson {
            id: &entry.framework.id,
            name: &entry.framework.name,
            version: &entry.framework.version,
            archetypes: entry.framework.archetypes.len(),
            statements: entry.framework.statement_count(),
            source: source_name(entry),
            path: (entry.provenance != Provenance::BuiltIn).then(|| entry.origin.to_string()),
            replaces_built_in: entry.replaces_built_in,
        })
        .collect();
    json(&list)
}

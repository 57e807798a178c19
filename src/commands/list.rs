//! `rungs list`: stored assessments, newest last, with how far each got.

use serde::Serialize;

use crate::app::Context;
use crate::assessment::index::{self, Summary};
use crate::assessment::store::Store;
use crate::assessment::{Status, Timestamp};
use crate::catalog::Catalog;
use crate::cli::Format;
use crate::error::Error;
use crate::render::{self, markdown};

/// One assessment in `rungs list --format json`. A stable interface.
#[derive(Debug, Serialize)]
pub struct ListJson<'a> {
    pub id: &'a str,
    pub person: &'a str,
    /// The assessor's name, or `self`.
    pub assessor: &'a str,
    pub framework: &'a str,
    pub role: &'a str,
    pub to: Option<&'a str>,
    pub started: Timestamp,
    pub updated: Timestamp,
    pub completed: Option<Timestamp>,
    pub rated: usize,
    /// Statements the assessment covers; absent when its framework is not
    /// available.
    pub total: Option<usize>,
    pub status: Status,
}

pub fn run(
    person: Option<&str>,
    format: Format,
    catalog: &Catalog,
    store: &Store,
    ctx: &mut Context<'_>,
) -> Result<(), Error> {
    let mut summaries = index::summaries(store, catalog, None)?;
    let broken = store.take_warnings();
    summaries.retain(|s| person.is_none_or(|p| s.person.eq_ignore_ascii_case(p)));
    summaries.sort_by(|a, b| (a.started, &a.id).cmp(&(b.started, &b.id)));
    let rows: Vec<ListJson<'_>> = summaries.iter().map(row).collect();
    let text = match format {
        Format::Json => render::json(&rows),
        Format::Table | Format::Md if rows.is_empty() => match person {
            Some(person) => {
                format!("No assessments of {person} yet. Start one with `rungs assess`.\n")
            }
            None => "No assessments yet. Start one with `rungs assess`.\n".to_string(),
        },
        Format::Table => {
            let mut table = ctx.style.keyed_table(&HEADER);
            for row in &rows {
                table.add_row(cells(row));
            }
            format!("{table}\n")
        }
        Format::Md => {
            let cells: Vec<Vec<String>> = rows.iter().map(cells).collect();
            format!("# Assessments\n\n{}", markdown::table(&HEADER, &cells))
        }
    };
    ctx.out.write_all(text.as_bytes())?;
    for warning in &broken {
        writeln!(ctx.err, "{}", warning.render(ctx.err_colour))?;
    }
    let damaged = broken.iter().filter(|w| w.is_damaged()).count();
    if damaged > 0 {
        return Err(Error::Unreadable { count: damaged });
    }
    Ok(())
}

const HEADER: [&str; 7] = [
    "ID", "Person", "Assessor", "Roles", "Updated", "Rated", "Status",
];

fn row(assessment: &Summary) -> ListJson<'_> {
    ListJson {
        id: &assessment.id,
        person: &assessment.person,
        assessor: assessment.view(),
        framework: &assessment.framework,
        role: &assessment.role,
        to: assessment.to.as_deref(),
        started: assessment.started,
        updated: assessment.updated,
        completed: assessment.completed,
        rated: assessment.rated,
        total: assessment.total,
        status: assessment.status(),
    }
}

fn cells(row: &ListJson<'_>) -> Vec<String> {
    let roles = match row.to {
        Some(to) => format!("{} → {to}", row.role),
        None => row.role.to_string(),
    };
    let total = row.total.map_or_else(|| "?".to_string(), |t| t.to_string());
    vec![
        row.id.to_string(),
        row.person.to_string(),
        row.assessor.to_string(),
        roles,
        row.updated.format("%Y-%m-%d").to_string(),
        format!("{}/{total}", row.rated),
        row.status.as_str().to_string(),
    ]
}

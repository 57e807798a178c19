//! `rungs progress`: one person's assessments over time: readiness for the
//! next role as a chart, per-category met counts per date, what moved since
//! the previous assessment, and the agreed focus areas.

use serde::Serialize;

use crate::app::Context;
use crate::assessment::store::Store;
use crate::assessment::{Assessment, Timestamp};
use crate::catalog::Catalog;
use crate::cli::Format;
use crate::commands::{assessments_of, focus, gap};
use crate::error::Error;
use crate::gap::{Gap, Row};
use crate::render::{self, Style, markdown};

/// Columns of dates shown in the per-category table; older ones are in
/// the JSON.
const TABLE_DATES: usize = 6;

#[derive(Debug, Serialize)]
pub struct ProgressJson<'a> {
    pub person: &'a str,
    pub assessor: &'a str,
    pub assessments: Vec<PointJson<'a>>,
    /// Since the previous assessment: statements now met that were not.
    pub newly_met: Vec<&'a str>,
    /// Statements met before and not now.
    pub fell: Vec<&'a str>,
    /// The latest assessment's agreed focus, for people.
    pub focus: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PointJson<'a> {
    pub assessment: &'a str,
    pub date: Timestamp,
    pub role: &'a str,
    pub to: Option<&'a str>,
    pub readiness: Option<u8>,
    pub categories: Vec<Row>,
}

struct Point<'a> {
    assessment: &'a Assessment,
    gap: Gap<'a>,
}

fn date(assessment: &Assessment) -> Timestamp {
    assessment.completed.unwrap_or(assessment.updated)
}

pub fn run(
    person: &str,
    assessor: Option<&str>,
    format: Format,
    catalog: &Catalog,
    store: &Store,
    ctx: &mut Context<'_>,
) -> Result<(), Error> {
    let view = assessor.unwrap_or("self");
    let summaries = assessments_of(store, catalog, person, Some(view))?;
    if summaries.is_empty() {
        return Err(Error::NoAssessments {
            person: Some(person.to_string()),
        });
    }
    let mut assessments: Vec<Assessment> = summaries
        .iter()
        .map(|s| store.load(&s.id, catalog))
        .collect::<Result<_, _>>()?;
    assessments.sort_by_key(date);
    let mut points = Vec::new();
    for assessment in &assessments {
        points.push(Point {
            assessment,
            gap: gap::compute(catalog, assessment, None)?,
        });
    }
    let (newly_met, fell) = moved(&points);
    let focus = match points.last() {
        Some(point) => focus::lines(point.assessment, point.gap.framework),
        None => Vec::new(),
    };
    let text = match format {
        Format::Json => render::json(&ProgressJson {
            person: &assessments[0].person,
            assessor: view,
            assessments: points
                .iter()
                .map(|p| PointJson {
                    assessment: &p.assessment.id,
                    date: date(p.assessment),
                    role: &p.assessment.role,
                    to: p.gap.target.map(|t| t.code.as_str()),
                    readiness: p.gap.readiness,
                    categories: p.gap.rows.clone(),
                })
                .collect(),
            newly_met: newly_met.iter().map(|(id, _)| *id).collect(),
            fell: fell.iter().map(|(id, _)| *id).collect(),
            focus,
        }),
        Format::Table => table(&points, &newly_met, &fell, &focus, ctx.style),
        Format::Md => markdown_text(&points, &newly_met, &fell, &focus),
    };
    ctx.out.write_all(text.as_bytes())?;
    Ok(())
}

/// A statement's id and text.
type Moved<'a> = Vec<(&'a str, &'a str)>;

/// Statements newly met and fallen between the last two points, over the
/// statements both cover.
fn moved<'a>(points: &[Point<'a>]) -> (Moved<'a>, Moved<'a>) {
    let [.., before, after] = points else {
        return (Vec::new(), Vec::new());
    };
    let met = |point: &Point<'a>, id: &str| {
        point
            .assessment
            .rating(id)
            .is_some_and(|r| point.gap.framework.scale.is_met(r))
    };
    let mut newly_met = Vec::new();
    let mut fell = Vec::new();
    // A set, so this stays linear in the statements.
    let covered: std::collections::HashSet<&str> = before
        .gap
        .current_items
        .iter()
        .chain(&before.gap.next_items)
        .map(|i| i.statement.id.as_str())
        .collect();
    for item in after.gap.current_items.iter().chain(&after.gap.next_items) {
        let id = item.statement.id.as_str();
        if !covered.contains(id) {
            continue;
        }
        match (met(before, id), met(after, id)) {
            (false, true) => newly_met.push((id, item.statement.text.as_str())),
            (true, false) => fell.push((id, item.statement.text.as_str())),
            _ => {}
        }
    }
    (newly_met, fell)
}

/// A 20-cell bar of a percentage.
fn bar(percent: u8) -> String {
    let filled = usize::from(percent.min(100)) / 5;
    format!("{}{}", "█".repeat(filled), "░".repeat(20 - filled))
}

fn roles(point: &Point<'_>) -> String {
    match point.gap.target {
        Some(target) => format!("{} → {}", point.assessment.role, target.code),
        None => point.assessment.role.clone(),
    }
}

fn table(
    points: &[Point<'_>],
    newly_met: &[(&str, &str)],
    fell: &[(&str, &str)],
    focus: &[String],
    style: Style,
) -> String {
    let first = points[0].assessment;
    let mut out = format!(
        "{}\n",
        style.heading(&format!(
            "Progress · {} · {} {}",
            first.who(),
            points.len(),
            if points.len() == 1 {
                "assessment"
            } else {
                "assessments"
            }
        ))
    );
    out.push_str(&format!(
        "\n{}\n",
        style.heading("READINESS FOR THE NEXT ROLE OVER TIME")
    ));
    for point in points {
        let readiness = match point.gap.readiness {
            Some(r) => format!("{} {r:>3}%", bar(r)),
            None => "top of the ladder".to_string(),
        };
        out.push_str(&format!(
            "  {}  {:<12} {readiness}\n",
            date(point.assessment).format("%Y-%m-%d"),
            roles(point)
        ));
    }

    let shown = &points[points.len().saturating_sub(TABLE_DATES)..];
    out.push_str(&format!(
        "\n{}\n",
        style.heading("NEXT-ROLE STATEMENTS MET, BY CATEGORY")
    ));
    let dates: Vec<String> = shown
        .iter()
        .map(|p| date(p.assessment).format("%Y-%m-%d").to_string())
        .collect();
    let mut header = vec!["Category"];
    header.extend(dates.iter().map(String::as_str));
    let mut table = style.keyed_table(&header);
    for name in row_names(shown) {
        let mut cells = vec![name.clone()];
        for point in shown {
            cells.push(cell(point, &name));
        }
        table.add_row(cells);
    }
    out.push_str(&format!("{table}\n"));
    if points.len() > TABLE_DATES {
        out.push_str(&style.dim(&format!(
            "(the latest {TABLE_DATES} of {}; --format json has all)\n",
            points.len()
        )));
    }

    if let [.., before, _] = points {
        let since = date(before.assessment).format("%Y-%m-%d");
        out.push_str(&format!(
            "\n{}\n",
            style.heading(&format!("SINCE {since}: NEWLY MET ({})", newly_met.len()))
        ));
        out.push_str(&style.list(newly_met.iter().map(|(id, text)| [*id, *text]), "   "));
        out.push_str(&format!(
            "\n{}\n",
            style.heading(&format!("SINCE {since}: NO LONGER MET ({})", fell.len()))
        ));
        out.push_str(&style.list(fell.iter().map(|(id, text)| [*id, *text]), "   "));
    }
    if !focus.is_empty() {
        out.push_str(&format!("\n{}\n", style.heading("AGREED FOCUS")));
        for (n, line) in focus.iter().enumerate() {
            out.push_str(&format!("  {}. {line}\n", n + 1));
        }
    }
    out
}

/// "3/6": next-role statements met in a category at one point, or "-".
fn cell(point: &Point<'_>, name: &str) -> String {
    point
        .gap
        .rows
        .iter()
        .find(|r| r.name == name && r.next_total > 0)
        .map_or_else(
            || "-".to_string(),
            |r| format!("{}/{}", r.next_met, r.next_total),
        )
}

/// Category names in the order they first appear.
fn row_names(points: &[Point<'_>]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for row in points.iter().flat_map(|p| &p.gap.rows) {
        if row.next_total > 0 && !names.contains(&row.name) {
            names.push(row.name.clone());
        }
    }
    names
}

fn markdown_text(
    points: &[Point<'_>],
    newly_met: &[(&str, &str)],
    fell: &[(&str, &str)],
    focus: &[String],
) -> String {
    let first = points[0].assessment;
    let mut out = format!(
        "# Progress: {}\n\n## Readiness for the next role\n\n",
        markdown::escape(&first.who())
    );
    let rows: Vec<Vec<String>> = points
        .iter()
        .map(|p| {
            vec![
                date(p.assessment).format("%Y-%m-%d").to_string(),
                roles(p),
                p.gap
                    .readiness
                    .map_or_else(|| "-".to_string(), |r| format!("{r}%")),
            ]
        })
        .collect();
    out.push_str(&markdown::table(&["Date", "Roles", "Readiness"], &rows));
    out.push_str("\n## Next-role statements met, by category\n\n");
    let dates: Vec<String> = points
        .iter()
        .map(|p| date(p.assessment).format("%Y-%m-%d").to_string())
        .collect();
    let mut header = vec!["Category"];
    header.extend(dates.iter().map(String::as_str));
    let rows: Vec<Vec<String>> = row_names(points)
        .into_iter()
        .map(|name| {
            let mut cells = vec![name.clone()];
            cells.extend(points.iter().map(|p| cell(p, &name)));
            cells
        })
        .collect();
    out.push_str(&markdown::table(&header, &rows));
    if points.len() > 1 {
        for (title, list) in [("Newly met", newly_met), ("No longer met", fell)] {
            out.push_str(&format!(
                "\n## {title} since the previous assessment ({})\n\n",
                list.len()
            ));
            for (id, text) in list {
                out.push_str(&format!("- `{id}` {}\n", markdown::escape(text)));
            }
        }
    }
    if !focus.is_empty() {
        out.push_str("\n## Agreed focus\n\n");
        for (n, line) in focus.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", n + 1, markdown::escape(line)));
        }
    }
    out
}

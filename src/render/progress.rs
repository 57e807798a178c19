//! `rungs progress`: one person's assessments over time: readiness for the
//! next role as a chart, per-category met counts per date, what moved since
//! the previous assessment, and the agreed focus areas.

use serde::Serialize;

use super::{Render, Style, json, markdown};
use crate::assessment::{Assessment, AssessmentKind, Status, Timestamp};
use crate::report::gap::Row;
use crate::summary::Categories;

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
    /// Assessments of this view not charted: in progress or partial.
    pub left_out: &'a [LeftOut],
}

/// An assessment of the view that is not on the chart, and why.
#[derive(Debug, Clone, Serialize)]
pub struct LeftOut {
    pub id: String,
    pub status: Status,
}

#[derive(Debug, Serialize)]
pub struct PointJson<'a> {
    pub assessment: &'a str,
    pub date: Timestamp,
    pub role: &'a str,
    pub to: Option<&'a str>,
    /// `full`, or `check-in`: its readiness is indicative, from the
    /// target's core.
    pub kind: AssessmentKind,
    pub readiness: Option<u8>,
    pub categories: Vec<Row>,
}

/// One assessment on the chart: the numbers of its gap report (from the
/// index, so a long history is not read file by file).
#[derive(Debug)]
pub struct Point<'a> {
    pub id: &'a str,
    /// When it counts as taken; see [`date`].
    pub date: Timestamp,
    pub role: &'a str,
    /// The archetype its gap is against; none at the top of the ladder.
    pub target: Option<&'a str>,
    /// A full assessment or a check-in: one series, the kind marked.
    pub kind: AssessmentKind,
    pub readiness: Option<u8>,
    /// Its gap report's per-category counts, made into rows only for the
    /// points a view shows them of (the table shows the latest few).
    pub categories: &'a Categories,
}

/// A statement's id and text.
pub type Moved<'a> = Vec<(&'a str, &'a str)>;

/// One person's complete assessments in one view, oldest first (at least
/// one), and those of the view left out.
#[derive(Debug)]
pub struct Progress<'a> {
    pub person: &'a str,
    /// "Ada (self)", or "Ada, as seen by Grace (manager)".
    pub who: String,
    pub assessor: &'a str,
    pub points: Vec<Point<'a>>,
    pub newly_met: Moved<'a>,
    pub fell: Moved<'a>,
    /// The latest assessment's agreed focus, one line each.
    pub focus: Vec<String>,
    /// Assessments of the view left off the chart.
    pub left_out: Vec<LeftOut>,
}

/// When an assessment counts as taken: completed, or last updated.
pub fn date(assessment: &Assessment) -> Timestamp {
    assessment.completed.unwrap_or(assessment.updated)
}

impl Render for Progress<'_> {
    fn table(&self, style: &Style) -> String {
        table(
            &self.who,
            &self.points,
            &self.newly_met,
            &self.fell,
            &self.focus,
            *style,
        )
    }

    fn markdown(&self) -> String {
        markdown_text(
            &self.who,
            &self.points,
            &self.newly_met,
            &self.fell,
            &self.focus,
        )
    }

    fn json(&self) -> String {
        json(&ProgressJson {
            person: self.person,
            assessor: self.assessor,
            assessments: self
                .points
                .iter()
                .map(|p| PointJson {
                    assessment: p.id,
                    date: p.date,
                    role: p.role,
                    to: p.target,
                    kind: p.kind,
                    readiness: p.readiness,
                    categories: p.categories.rows(),
                })
                .collect(),
            newly_met: self.newly_met.iter().map(|(id, _)| *id).collect(),
            fell: self.fell.iter().map(|(id, _)| *id).collect(),
            focus: self.focus.clone(),
            left_out: &self.left_out,
        })
    }

    fn long(&self) -> bool {
        true
    }
}

/// A 20-cell bar of a percentage.
fn bar(percent: u8) -> String {
    let filled = usize::from(percent.min(100)) / 5;
    format!("{}{}", "█".repeat(filled), "░".repeat(20 - filled))
}

fn roles(point: &Point<'_>) -> String {
    match point.target {
        Some(target) => format!("{} → {target}", point.role),
        None => point.role.to_string(),
    }
}

fn table(
    who: &str,
    points: &[Point<'_>],
    newly_met: &[(&str, &str)],
    fell: &[(&str, &str)],
    focus: &[String],
    style: Style,
) -> String {
    let mut out = format!(
        "{}\n",
        style.heading(&format!(
            "Progress · {} · {} {}",
            who,
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
        let readiness = match point.readiness {
            Some(r) => format!("{} {r:>3}%", bar(r)),
            None => "top of the ladder".to_string(),
        };
        let kind = match point.kind {
            AssessmentKind::CheckIn => "  check-in, indicative",
            AssessmentKind::Full => "",
        };
        out.push_str(&format!(
            "  {}  {:<12} {readiness}{kind}\n",
            point.date.format("%Y-%m-%d"),
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
        .map(|p| p.date.format("%Y-%m-%d").to_string())
        .collect();
    let mut header = vec!["Category"];
    header.extend(dates.iter().map(String::as_str));
    let mut table = style.keyed_table(&header);
    let rows: Vec<Vec<Row>> = shown.iter().map(|p| p.categories.rows()).collect();
    for name in row_names(&rows) {
        let mut cells = vec![name.clone()];
        for point in &rows {
            cells.push(cell(point, &name));
        }
        table.add_row(cells);
    }
    out.push_str(&format!("{}\n", style.render_table(table)));
    if points.len() > TABLE_DATES {
        out.push_str(&style.dim(&format!(
            "(the latest {TABLE_DATES} of {}; --format json has all)\n",
            points.len()
        )));
    }

    if let [.., before, _] = points {
        let since = before.date.format("%Y-%m-%d");
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

/// "3/6": next-role statements met in a category at one point (its
/// rows), or "-".
fn cell(rows: &[Row], name: &str) -> String {
    rows.iter()
        .find(|r| r.name == name && r.next_total > 0)
        .map_or_else(
            || "-".to_string(),
            |r| format!("{}/{}", r.next_met, r.next_total),
        )
}

/// Category names in the order they first appear in the points' rows.
fn row_names(points: &[Vec<Row>]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for row in points.iter().flatten() {
        if row.next_total > 0 && !names.contains(&row.name) {
            names.push(row.name.clone());
        }
    }
    names
}

fn markdown_text(
    who: &str,
    points: &[Point<'_>],
    newly_met: &[(&str, &str)],
    fell: &[(&str, &str)],
    focus: &[String],
) -> String {
    let mut out = format!(
        "# Progress: {}\n\n## Readiness for the next role\n\n",
        markdown::escape(who)
    );
    let rows: Vec<Vec<String>> = points
        .iter()
        .map(|p| {
            vec![
                p.date.format("%Y-%m-%d").to_string(),
                roles(p),
                p.readiness.map_or_else(
                    || "-".to_string(),
                    |r| match p.kind {
                        AssessmentKind::CheckIn => format!("{r}% (check-in, indicative)"),
                        AssessmentKind::Full => format!("{r}%"),
                    },
                ),
            ]
        })
        .collect();
    out.push_str(&markdown::table(&["Date", "Roles", "Readiness"], &rows));
    out.push_str("\n## Next-role statements met, by category\n\n");
    let dates: Vec<String> = points
        .iter()
        .map(|p| p.date.format("%Y-%m-%d").to_string())
        .collect();
    let mut header = vec!["Category"];
    header.extend(dates.iter().map(String::as_str));
    let categories: Vec<Vec<Row>> = points.iter().map(|p| p.categories.rows()).collect();
    let rows: Vec<Vec<String>> = row_names(&categories)
        .into_iter()
        .map(|name| {
            let mut cells = vec![name.clone()];
            cells.extend(categories.iter().map(|p| cell(p, &name)));
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

//! `rungs progress`: one person's assessments in one view, oldest first,
//! each with its gap report, and what moved between the last two.

use crate::assessment::Assessment;
use crate::commands::{assessments_of, gap};
use crate::error::Error;
use crate::framework::Statement;
use crate::output::Output;
use crate::render::Format;
use crate::render::focus::lines;
use crate::render::progress::{Moved, Point, Progress, date};
use crate::session::Session;

pub fn run(
    session: &Session,
    person: &str,
    assessor: Option<&str>,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let catalog = session.catalog()?;
    let store = session.store()?;
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
        Some(point) => lines(point.assessment, point.gap.framework),
        None => Vec::new(),
    };
    let report = Progress {
        assessor: view,
        points,
        newly_met,
        fell,
        focus,
    };
    out.emit(&report, format)
}

/// Statements newly met and fallen between the last two points, over the
/// statements both cover.
fn moved<'a>(points: &[Point<'a>]) -> (Moved<'a>, Moved<'a>) {
    let [.., before, after] = points else {
        return (Vec::new(), Vec::new());
    };
    let met = |point: &Point<'a>, statement: &Statement| {
        point
            .assessment
            .rating(&statement.id)
            .is_some_and(|r| statement.is_met(r))
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
        match (met(before, item.statement), met(after, item.statement)) {
            (false, true) => newly_met.push((id, item.statement.text.as_str())),
            (true, false) => fell.push((id, item.statement.text.as_str())),
            _ => {}
        }
    }
    (newly_met, fell)
}

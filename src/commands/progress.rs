//! `rungs progress`: one person's assessments in one view, oldest first,
//! each with its gap report, and what moved between the last two.

use crate::assessment::Assessment;
use crate::commands::{assessments_of, gap};
use crate::error::Error;
use crate::framework::Statement;
use crate::gap::{Gap, Row};
use crate::output::Output;
use crate::render::Format;
use crate::render::focus::lines;
use crate::render::progress::{Moved, Point, Progress};
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
    let mut summaries = assessments_of(store, catalog, person, Some(view))?;
    if summaries.is_empty() {
        return Err(Error::NoAssessments {
            person: Some(person.to_string()),
        });
    }
    // By when each counts as taken; a stable sort keeps the order of
    // updates among equal dates.
    summaries.sort_by_key(|s| s.completed.unwrap_or(s.updated));
    // Every point from the index; only the last two files are read, for
    // what moved between them and the agreed focus.
    let mut points = Vec::new();
    for summary in &summaries {
        let framework = &catalog.find(&summary.framework)?.framework;
        // What the gap report would refuse, refused here too.
        framework.archetype(&summary.role)?;
        if let Some(to) = &summary.to {
            framework.archetype(to)?;
        }
        points.push(Point {
            id: &summary.id,
            date: summary.completed.unwrap_or(summary.updated),
            role: &summary.role,
            target: summary.target.as_deref(),
            readiness: summary.readiness,
            rows: summary.categories.iter().map(Row::from).collect(),
        });
    }
    let last: Vec<Assessment> = summaries[summaries.len().saturating_sub(2)..]
        .iter()
        .map(|s| store.load(&s.id, catalog))
        .collect::<Result<_, _>>()?;
    let gaps: Vec<Gap<'_>> = last
        .iter()
        .map(|a| gap::compute(catalog, a, None))
        .collect::<Result<_, _>>()?;
    let (newly_met, fell) = moved(&gaps);
    let focus = match gaps.last() {
        Some(gap) => lines(gap.assessment, gap.framework),
        None => Vec::new(),
    };
    let first = &summaries[0];
    let report = Progress {
        person: &first.person,
        who: first.who(),
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
fn moved<'a>(gaps: &[Gap<'a>]) -> (Moved<'a>, Moved<'a>) {
    let [.., before, after] = gaps else {
        return (Vec::new(), Vec::new());
    };
    let met = |gap: &Gap<'a>, statement: &Statement| {
        gap.assessment
            .rating(&statement.id)
            .is_some_and(|r| statement.is_met(r))
    };
    let mut newly_met = Vec::new();
    let mut fell = Vec::new();
    // A set, so this stays linear in the statements.
    let covered: std::collections::HashSet<&str> = before
        .current_items
        .iter()
        .chain(&before.next_items)
        .map(|i| i.statement.id.as_str())
        .collect();
    for item in after.current_items.iter().chain(&after.next_items) {
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

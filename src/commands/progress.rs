//! `rungs progress`: one person's complete assessments in one view, oldest
//! first, each with its gap report, and what moved between the last two.
//! Drafts and partial assessments are left out, and the command says which.

use crate::assessment::Assessment;
use crate::error::Error;
use crate::framework::Statement;
use crate::output::Output;
use crate::render::Format;
use crate::render::focus::lines;
use crate::render::progress::{LeftOut, Moved, Point, Progress};
use crate::report::gap::Gap;
use crate::select;
use crate::session::Session;
use crate::summary;
use crate::summary::latest::{self, Want};

pub fn run(
    session: &Session,
    person: Option<&str>,
    assessor: Option<&str>,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let catalog = session.catalog()?;
    let store = session.store()?;
    // As `gap` and `focus`: the person named last time by default, else
    // the person of the latest assessment in the view.
    let person = match person.map(str::to_string).or_else(|| store.last_person()) {
        Some(person) => person,
        None => {
            let everyone = summary::of_person(store, catalog, None, None)?;
            let want = Want {
                person: None,
                assessor,
                any_status: false,
            };
            latest::pick(&everyone, &want)?.person.to_string()
        }
    };
    let person = person.as_str();
    let want = Want {
        person: Some(person),
        assessor,
        any_status: false,
    };
    let view = want.view();
    let summaries = summary::of_person(store, catalog, Some(person), None)?;
    let (charted, left_out) = latest::complete_in_view(&summaries, &want);
    if charted.is_empty() {
        // The same error `gap --person` gives: what there is instead.
        latest::pick(&summaries, &want)?;
        return Err(Error::NoAssessments {
            person: Some(person.to_string()),
        });
    }
    let left_out: Vec<LeftOut> = left_out
        .iter()
        .map(|s| LeftOut {
            id: s.id.clone(),
            status: s.status,
        })
        .collect();
    out.note(&charting(charted.len(), person, view, &left_out))?;
    // `charted` is oldest first, by when each counts as taken.
    // Every point from the index; only the last two files are read, for
    // what moved between them and the agreed focus.
    let mut points = Vec::new();
    for summary in &charted {
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
            kind: summary.kind,
            readiness: summary.readiness,
            categories: &summary.categories,
        });
    }
    let last: Vec<Assessment> = charted[charted.len().saturating_sub(2)..]
        .iter()
        .map(|s| store.load(&s.id, catalog))
        .collect::<Result<_, _>>()?;
    let gaps: Vec<Gap<'_>> = last
        .iter()
        .map(|a| select::compute(catalog, a, None))
        .collect::<Result<_, _>>()?;
    let (newly_met, fell) = moved(&gaps);
    let focus = match gaps.last() {
        Some(gap) => lines(gap.assessment, gap.framework),
        None => Vec::new(),
    };
    let first = charted[0];
    let report = Progress {
        person: &first.person,
        who: first.who(),
        assessor: view,
        points,
        newly_met,
        fell,
        focus,
        left_out,
    };
    out.emit(&report, format)
}

/// "Charting 2 complete self-assessments of Ada; left out:
/// ada-spe-2026-11-26 (in progress)".
fn charting(count: usize, person: &str, view: &str, left_out: &[LeftOut]) -> String {
    let kind = if view.eq_ignore_ascii_case("self") {
        "self-assessment".to_string()
    } else {
        format!("assessment by {view}")
    };
    let plural = if count == 1 { "" } else { "s" };
    let mut line = format!("Charting {count} complete {kind}{plural} of {person}");
    if !left_out.is_empty() {
        let names: Vec<String> = left_out
            .iter()
            .map(|l| format!("{} ({})", l.id, l.status))
            .collect();
        line.push_str(&format!("; left out: {}", names.join(", ")));
    }
    line
}

/// Statements newly met and fallen between the last two points, over the
/// statements rated in both: an unrated, skipped or no-opportunity answer
/// is not a rating that fell.
fn moved<'a>(gaps: &[Gap<'a>]) -> (Moved<'a>, Moved<'a>) {
    let [.., before, after] = gaps else {
        return (Vec::new(), Vec::new());
    };
    let mut newly_met = Vec::new();
    let mut fell = Vec::new();
    for item in after.current_items.iter().chain(&after.next_items) {
        let id = item.statement.id.as_str();
        let (Some(was), Some(now)) = (before.assessment.rating(id), after.assessment.rating(id))
        else {
            continue;
        };
        let statement: &Statement = item.statement;
        match (statement.is_met(was), statement.is_met(now)) {
            (false, true) => newly_met.push((id, item.statement.text.as_str())),
            (true, false) => fell.push((id, item.statement.text.as_str())),
            _ => {}
        }
    }
    (newly_met, fell)
}

//! Choosing what a report is about, shared by `gap`, `focus`, `export`,
//! `progress`, `assess` and the packet: an assessment by id or "the latest"
//! of a person (see [`latest`]), its gap against a target, and the
//! person's journal attached as evidence.

use crate::assessment::Assessment;
use crate::assessment::answers::reachable_target;
use crate::assessment::store::Store;
use crate::catalog::Catalog;
use crate::error::Error;
use crate::journal::evidence;
use crate::journal::store::Journal;
use crate::output::Output;
use crate::report::gap::Gap;
use crate::summary;
use crate::summary::latest::{self, Want};

/// Which assessment and target the report is about.
#[derive(Debug, Default)]
pub struct Selection<'a> {
    pub id: Option<&'a str>,
    pub person: Option<&'a str>,
    pub assessor: Option<&'a str>,
    /// Any status, not only complete assessments.
    pub any_status: bool,
    pub to: Option<&'a str>,
}

/// The gap with the person's journal attached as dated evidence. A journal
/// that cannot be read is told as a warning; the report goes on without.
pub fn with_journal<'a>(
    mut gap: Gap<'a>,
    store: &Store,
    out: &mut Output<'_>,
) -> Result<Gap<'a>, Error> {
    let journal = Journal::new(store);
    match evidence::tagged(&journal, &gap.assessment.person, gap.framework, None) {
        Ok(tagged) => gap.journal = tagged,
        Err(error) => out.warn(&format!("the journal is left out: {error}"))?,
    }
    Ok(gap)
}

/// The gap of an assessment against `to`, or its own next archetype (the
/// role's first `next` when it has none recorded).
pub fn compute<'a>(
    catalog: &'a Catalog,
    assessment: &'a Assessment,
    to: Option<&str>,
) -> Result<Gap<'a>, Error> {
    let framework = &catalog.find(&assessment.framework)?.framework;
    let role = framework.archetype(&assessment.role)?;
    let target = match to {
        Some(code) => Some(reachable_target(framework, role, code)?),
        None => match &assessment.to {
            Some(code) => Some(framework.archetype(code)?),
            None => framework.next_of(role).next(),
        },
    };
    Ok(Gap::compute(framework, assessment, role, target))
}

/// The assessment named by id; otherwise the latest that the selection
/// asks for (see [`latest`]): by default the latest complete
/// self-assessment of the person named (or the one named last time). Says
/// which on standard error when it chose.
pub fn find(
    store: &Store,
    catalog: &Catalog,
    selection: &Selection<'_>,
    out: &mut Output<'_>,
) -> Result<Assessment, Error> {
    if let Some(id) = selection.id {
        return store.load(id, catalog);
    }
    let person = selection
        .person
        .map(str::to_string)
        .or_else(|| store.last_person());
    // Only assessments whose framework is loaded (the others are warned
    // about), in every view: the choice is the latest module's.
    let summaries = summary::of_person(store, catalog, person.as_deref(), None)?;
    let want = Want {
        person: person.as_deref(),
        assessor: selection.assessor,
        any_status: selection.any_status,
    };
    let chosen = latest::pick(&summaries, &want)?;
    out.note(&latest::using(chosen))?;
    store.load(&chosen.id, catalog)
}

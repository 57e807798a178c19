//! `rungs gap`: the gap report of one assessment against its next
//! archetype, or another one above it with `--to`.

use crate::assessment::answers::reachable_target;
use crate::assessment::store::Store;
use crate::assessment::{Assessment, index};
use crate::catalog::Catalog;
use crate::error::Error;
use crate::gap::Gap;
use crate::journal::evidence;
use crate::journal::store::Journal;
use crate::output::Output;
use crate::render::Format;
use crate::session::Session;

/// Which assessment and target the report is about.
#[derive(Debug, Default)]
pub struct Selection<'a> {
    pub id: Option<&'a str>,
    pub person: Option<&'a str>,
    pub assessor: Option<&'a str>,
    pub to: Option<&'a str>,
}

pub fn run(
    session: &Session,
    selection: &Selection<'_>,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let catalog = session.catalog()?;
    let store = session.store()?;
    let assessment = find(store, catalog, selection)?;
    let gap = with_journal(compute(catalog, &assessment, selection.to)?, store, out)?;
    out.emit(&gap, format)
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

/// The assessment named by id, or the latest (by last update) of the
/// person (the one named last time when not given) and assessor (any view
/// when not given; `self` for the person's own).
pub fn find(
    store: &Store,
    catalog: &Catalog,
    selection: &Selection<'_>,
) -> Result<Assessment, Error> {
    if let Some(id) = selection.id {
        return store.load(id, catalog);
    }
    let person = selection
        .person
        .map(str::to_string)
        .or_else(|| store.last_person());
    let latest = index::of_person(store, catalog, person.as_deref(), selection.assessor)?
        .pop()
        .ok_or(Error::NoAssessments { person })?;
    store.load(&latest.id, catalog)
}

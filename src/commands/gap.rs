//! `rungs gap`: the gap report of one assessment against its next
//! archetype, or another one above it with `--to`.

use crate::app::Context;
use crate::assessment::Assessment;
use crate::assessment::index;
use crate::assessment::store::Store;
use crate::catalog::Catalog;
use crate::cli::Format;
use crate::commands::assess::reachable_target;
use crate::error::Error;
use crate::gap::Gap;
use crate::render;

/// Which assessment and target the report is about.
#[derive(Debug, Default)]
pub struct Selection<'a> {
    pub id: Option<&'a str>,
    pub person: Option<&'a str>,
    pub assessor: Option<&'a str>,
    pub to: Option<&'a str>,
}

pub fn run(
    selection: &Selection<'_>,
    format: Format,
    catalog: &Catalog,
    store: &Store,
    ctx: &mut Context<'_>,
) -> Result<(), Error> {
    let assessment = find(store, catalog, selection)?;
    let text = report(&assessment, selection.to, format, catalog, ctx)?;
    ctx.out.write_all(text.as_bytes())?;
    Ok(())
}

/// The report text of an assessment.
pub fn report(
    assessment: &Assessment,
    to: Option<&str>,
    format: Format,
    catalog: &Catalog,
    ctx: &Context<'_>,
) -> Result<String, Error> {
    let gap = compute(catalog, assessment, to)?;
    Ok(match format {
        Format::Table => render::gap::table(&gap, ctx.style),
        Format::Md => render::gap::markdown(&gap),
        Format::Json => render::gap::json_object(&gap),
    })
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

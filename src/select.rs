//! Choosing what a report is about, shared by `gap`, `focus`, `export`,
//! `progress`, `assess` and the packet: an assessment by id or "the latest"
//! of a person (see [`latest`]), its gap against a target, and the
//! person's journal attached as evidence.

use crate::assessment::answers::reachable_target;
use crate::assessment::store::Store;
use crate::assessment::{Assessment, shell_word};
use crate::catalog::Catalog;
use crate::error::Error;
use crate::framework::Archetype;
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
        Some(code) => {
            let target = reachable_target(framework, role, code)?;
            not_assessed(assessment, target)?;
            Some(target)
        }
        None => match &assessment.to {
            Some(code) => Some(framework.archetype(code)?),
            None => framework.next_of(role).next(),
        },
    };
    Ok(Gap::compute(framework, assessment, role, target))
}

/// A role the assessment has no answer for at all is not reported on:
/// "Readiness for PA: 0%" with every statement "not rated" read as a
/// verdict (issue 28). Says so, and how to assess it.
fn not_assessed(assessment: &Assessment, target: &Archetype) -> Result<(), Error> {
    let total = target.statements().count();
    let answered = target
        .statements()
        .filter(|(_, s)| assessment.ratings.contains_key(&s.id))
        .count();
    if answered > 0 || total == 0 {
        return Ok(());
    }
    let assessed = assessment
        .to
        .as_deref()
        .map(|to| {
            format!(
                "; `rungs gap {}` reports on {to}, the role it was assessed against",
                assessment.id
            )
        })
        .unwrap_or_default();
    let mut flags = format!(
        "--person {} --role {} --to {}",
        shell_word(&assessment.person),
        assessment.role,
        target.code
    );
    if let Some(assessor) = &assessment.assessor {
        flags.push_str(&format!(" --assessor {}", shell_word(assessor)));
    }
    Err(Error::Usage {
        message: format!(
            "{} was not assessed in {}: none of its {total} statements has an answer",
            target.code, assessment.id
        ),
        help: format!("assess against it with `rungs assess {flags}`{assessed}"),
    })
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

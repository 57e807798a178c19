//! Commands that work on stored assessments, and on ladders to import.

pub mod assess;
pub mod browse;
pub mod compare;
pub mod delete;
pub mod exchange;
pub mod focus;
pub mod gap;
pub mod ladder;
pub mod list;
pub mod log;
pub mod packet;
pub mod progress;
pub mod rate;
pub mod share;
pub mod team;

use crate::assessment::store::Store;
use crate::catalog::Catalog;
use crate::cli::Pick;
use crate::error::Error;
use crate::output::Output;
use crate::select::Selection;
use crate::session::Session;
use crate::summary::{self, Summary};

/// A command: its arguments are its request (the clap structs of
/// [`crate::cli`]), and running it turns them into a report on `out`.
pub trait Run {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error>;
}

/// What an id and the `--person`, `--assessor` and `--any-status` flags
/// ask a report to be about.
pub fn selection<'a>(id: Option<&'a str>, pick: &'a Pick, to: Option<&'a str>) -> Selection<'a> {
    Selection {
        id,
        person: pick.person.as_deref(),
        assessor: pick.assessor.as_deref(),
        any_status: pick.any_status,
        to,
    }
}

/// A person's assessments (any case of the name), oldest first by last
/// update, in one view when `view` is given (`self` for the person's own),
/// whatever their status. For "the latest" that gap, progress and the
/// others use, see [`crate::summary::latest`].
pub fn assessments_of(
    store: &Store,
    catalog: &Catalog,
    person: &str,
    view: Option<&str>,
) -> Result<Vec<Summary>, Error> {
    summary::of_person(store, catalog, Some(person), view)
}

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
pub mod team;

use crate::assessment::store::Store;
use crate::catalog::Catalog;
use crate::error::Error;
use crate::summary::{self, Summary};

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

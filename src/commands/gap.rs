//! `rungs gap`: the gap report of one assessment against its next
//! archetype, or another one above it with `--to`.

use crate::error::Error;
use crate::output::Output;
use crate::render::Format;
use crate::select::{Selection, compute, find, with_journal};
use crate::session::Session;

pub fn run(
    session: &Session,
    selection: &Selection<'_>,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let catalog = session.catalog()?;
    let store = session.store()?;
    let assessment = find(store, catalog, selection, out)?;
    let gap = with_journal(compute(catalog, &assessment, selection.to)?, store, out)?;
    out.emit(&gap, format)
}

impl super::Run for crate::cli::GapArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        let selection = super::selection(self.id.as_deref(), &self.pick, self.to.as_deref());
        run(session, &selection, self.format.format, out)
    }
}

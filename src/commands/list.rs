//! `rungs list`: stored assessments, newest last, with how far each got.

use crate::assessment::Status;
use crate::assessment::index::{self, Summary};
use crate::error::Error;
use crate::output::Output;
use crate::render::Format;
use crate::render::list::List;
use crate::session::Session;

pub fn run(
    session: &Session,
    person: Option<&str>,
    status: Option<Status>,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let store = session.store()?;
    // With `--person`, only that person's folder is read.
    let folders = index::by_folder(store, session.catalog()?, person)?;
    let broken = store.take_warnings();
    // Oldest first, by when each was started as an instant; the times
    // sit beside the references, so the sort reads one array.
    let mut keyed: Vec<((i64, u32), &Summary)> = folders
        .iter()
        .flatten()
        .filter(|s| person.is_none_or(|p| s.person.eq_ignore_ascii_case(p.trim())))
        .filter(|s| status.is_none_or(|wanted| s.status == wanted))
        .map(|s| {
            (
                (s.started.timestamp(), s.started.timestamp_subsec_nanos()),
                s,
            )
        })
        .collect();
    keyed.sort_by(|(a_time, a), (b_time, b)| a_time.cmp(b_time).then_with(|| a.id.cmp(&b.id)));
    let shown: Vec<&Summary> = keyed.into_iter().map(|(_, s)| s).collect();
    out.emit(
        &List {
            summaries: &shown,
            person,
            status,
        },
        format,
    )?;
    // Each damaged file with its problems; anything else in one line.
    for warning in &broken {
        let colour = out.settings.err_colour;
        out.note(warning.render(colour).trim_end())?;
    }
    let damaged = broken.iter().filter(|w| w.is_damaged()).count();
    if damaged > 0 {
        return Err(Error::Unreadable { count: damaged });
    }
    Ok(())
}

//! `rungs list`: stored assessments, newest last, with how far each got.

use crate::assessment::{Status, index};
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
    let (mut summaries, broken) = index::summaries(&session.store()?, session.catalog()?, None)?;
    summaries.retain(|s| person.is_none_or(|p| s.person.eq_ignore_ascii_case(p.trim())));
    summaries.retain(|s| status.is_none_or(|wanted| s.status == wanted));
    summaries.sort_by(|a, b| (a.started, &a.id).cmp(&(b.started, &b.id)));
    out.emit(
        &List {
            summaries: &summaries,
            person,
            status,
        },
        format,
    )?;
    for error in &broken {
        out.error(error)?;
    }
    if !broken.is_empty() {
        return Err(Error::Unreadable {
            count: broken.len(),
        });
    }
    Ok(())
}

//! `rungs list`: stored assessments, newest last, with how far each got.

use crate::assessment::Status;
use crate::assessment::store::Warning;
use crate::error::Error;
use crate::output::Output;
use crate::render::Format;
use crate::render::list::List;
use crate::session::Session;
use crate::summary::{self, Summary};

pub fn run(
    session: &Session,
    person: Option<&str>,
    status: Option<Status>,
    verbose: bool,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let store = session.store()?;
    // With `--person`, only that person's folder is read.
    let folders = summary::by_folder(store, session.catalog()?, person)?;
    let broken = store.take_warnings();
    let shown = oldest_first(
        folders
            .iter()
            .flatten()
            .filter(|s| person.is_none_or(|p| s.person.eq_ignore_ascii_case(p.trim())))
            .filter(|s| status.is_none_or(|wanted| s.status == wanted)),
    );
    out.emit(
        &List {
            summaries: &shown,
            person,
            status,
        },
        format,
    )?;
    drop(shown);
    // The process ends after this, and returns all its memory at once:
    // freeing ten thousand summaries an allocation at a time first would
    // cost it a millisecond.
    std::mem::forget(folders);
    // One line a skipped file, the first few and a count of the rest
    // (an assessment dated in the future gave 2,700 lines on every `list`);
    // with --verbose, every problem of each with its lines.
    if verbose {
        for warning in &broken {
            out.problem(|colour| warning.render(colour).trim_end().to_string())?;
        }
    } else {
        for line in skipped_lines(&broken) {
            out.problem(|_| line)?;
        }
    }
    let damaged = broken.iter().filter(|w| w.is_damaged()).count();
    if damaged > 0 {
        return Err(Error::Unreadable { count: damaged });
    }
    Ok(())
}

/// Skipped files named one a line before the rest are counted.
const SKIPPED_SHOWN: usize = 5;

/// One line per skipped file, the first [`SKIPPED_SHOWN`], then one
/// line counting the others.
pub fn skipped_lines(warnings: &[Warning]) -> Vec<String> {
    let mut lines: Vec<String> = warnings
        .iter()
        .take(SKIPPED_SHOWN)
        .map(ToString::to_string)
        .collect();
    if warnings.len() > SKIPPED_SHOWN {
        lines.push(format!(
            "warning: and {} more files skipped; `rungs list --verbose` names every one",
            warnings.len() - SKIPPED_SHOWN
        ));
    }
    lines
}

/// Oldest first, by when each was started as an instant, then by id.
fn oldest_first<'s>(summaries: impl Iterator<Item = &'s Summary>) -> Vec<&'s Summary> {
    // The times sit beside the references, so the sort reads one array.
    let mut keyed: Vec<((i64, u32), &Summary)> = summaries
        .map(|s| {
            (
                (s.started.timestamp(), s.started.timestamp_subsec_nanos()),
                s,
            )
        })
        .collect();
    // Each folder's summaries come sorted by id and the folders in name
    // order, which nearly always puts every id in order: then a stable
    // sort by time alone keeps ties so, with no id compared.
    if keyed.is_sorted_by(|(_, a), (_, b)| a.id <= b.id) {
        keyed.sort_by_key(|&(time, _)| time);
    } else {
        keyed.sort_by(|(a_time, a), (b_time, b)| a_time.cmp(b_time).then_with(|| a.id.cmp(&b.id)));
    }
    keyed.into_iter().map(|(_, s)| s).collect()
}

impl super::Run for crate::cli::ListArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        let status = self.status.map(|status| match status {
            crate::cli::StatusArg::InProgress => Status::InProgress,
            crate::cli::StatusArg::Complete => Status::Complete,
            crate::cli::StatusArg::Partial => Status::Partial,
        });
        run(
            session,
            self.person.as_deref(),
            status,
            self.verbose,
            self.format.format,
            out,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assessment, time};

    /// By start time, ties by id, whether or not the ids come in order.
    #[test]
    fn oldest_first_then_by_id() {
        let summary = |id: &str, minute: u32| {
            let mut summary = Summary::of(&assessment(&[]), None);
            summary.id = id.into();
            summary.started = time(minute);
            summary
        };
        let summaries = [
            summary("a-1", 5),
            summary("a-2", 1),
            summary("b-1", 5),
            summary("b-2", 1),
            summary("c-1", 3),
        ];
        let ids = |shown: Vec<&Summary>| shown.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        let expected = ["a-2", "b-2", "c-1", "a-1", "b-1"];
        assert_eq!(ids(oldest_first(summaries.iter())), expected);
        assert_eq!(ids(oldest_first(summaries.iter().rev())), expected);
        let shuffled = [4, 2, 0, 3, 1].map(|n| &summaries[n]);
        assert_eq!(ids(oldest_first(shuffled.into_iter())), expected);
    }
}

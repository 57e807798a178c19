//! `rungs delete ID`: removes a stored assessment. On a terminal it asks
//! first; elsewhere it needs `--yes`. An assessment open in another
//! session (its lock held) is refused. The summary index forgets it.

use serde::Serialize;

use crate::error::Error;
use crate::output::Output;
use crate::render::Format;
use crate::render::message::Message;
use crate::session::Session;
use crate::summary::{self, latest};
use crate::tui::terminal::{self, Console, Setup};

/// What `delete` did, for scripts.
#[derive(Debug, Serialize)]
struct Deleted<'a> {
    id: &'a str,
    deleted: bool,
    path: String,
}

pub fn run(
    session: &Session,
    id: &str,
    yes: bool,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let store = session.store()?;
    let catalog = session.catalog()?;
    // An unknown id is told, with the nearest one.
    let Some(path) = store.find(id)? else {
        return store.load(id, catalog).map(|_| ());
    };
    let lock = store.lock(id)?;
    // What it is, as far as the file can be read: a damaged file may be
    // deleted too.
    let what = match store.load_path(&path, catalog) {
        Ok(assessment) => {
            let summary = summary::Summary::of(
                &assessment,
                catalog
                    .find(&assessment.framework)
                    .ok()
                    .map(|e| &e.framework),
            );
            let roles = match &summary.to {
                Some(to) => format!("{} → {to}", summary.role),
                None => summary.role.to_string(),
            };
            format!("{}, {roles}", latest::describe(&summary))
        }
        Err(Error::InvalidFile(_) | Error::Read(_)) => "a file that cannot be read".to_string(),
        Err(error) => return Err(error),
    };
    if !yes {
        if !terminal::can_prompt() {
            return Err(Error::Usage {
                message: format!("deleting {id} needs a confirmation"),
                help: format!(
                    "run it in a terminal to be asked, or add --yes: rungs delete {id} --yes"
                ),
            });
        }
        terminal::watch_interrupts();
        // In a git repository that has it, the history keeps it.
        let undo = match crate::share::find(store.data_dir()) {
            crate::share::Found::Repository(repository) if repository.keeps(&path) => {
                "Git keeps its last committed version"
            }
            _ => "It cannot be undone",
        };
        let question = format!("Delete {id} ({what})? {undo}");
        let confirmed = match Console::new().confirm(&question, false) {
            Ok(confirmed) => confirmed,
            Err(Error::Cancelled) => false,
            Err(Error::Interrupted(_)) => {
                return Err(Error::Interrupted(format!(
                    "Interrupted: {id} was not deleted."
                )));
            }
            Err(error) => return Err(error),
        };
        if !confirmed {
            return out.note(&format!(
                "Nothing deleted: {id} is still in {}.",
                path.display()
            ));
        }
    }
    store.remove(&path, &lock)?;
    summary::forget(store, &path);
    let message = Message {
        text: format!("Deleted {id} ({what}): removed {}", path.display()),
        data: Deleted {
            id,
            deleted: true,
            path: path.display().to_string(),
        },
    };
    out.emit(&message, format)
}

impl super::Run for crate::cli::DeleteArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        run(session, &self.id, self.yes, self.format.format, out)
    }
}

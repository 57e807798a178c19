//! `rungs init [--git]`, which makes the data directory (a git repository
//! with `--git`), and `rungs git ARGS`, which runs git there. The commits
//! each command makes are [`crate::share::Watch`]'s, started by the
//! dispatcher.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde::Serialize;

use crate::error::Error;
use crate::fsio;
use crate::output::Output;
use crate::render::Format;
use crate::render::message::Message;
use crate::session::Session;
use crate::share::{self, Failure, Found};

/// What `init` did, for scripts.
#[derive(Debug, Serialize)]
struct Initialised {
    data_dir: String,
    /// The repository's top folder, when the data directory is in one.
    repository: Option<String>,
    /// The first commit's short hash, when `--git` made one.
    commit: Option<String>,
}

fn data_dir(session: &Session) -> Result<&Path, Error> {
    session
        .paths
        .data_dir
        .as_deref()
        .ok_or_else(|| Error::Usage {
            message: "no data directory: this system has no home directory".into(),
            help: "set RUNGS_DATA_DIR or pass --data-dir DIR".into(),
        })
}

/// The data directory and its folders, owner-only.
fn make(dir: &Path) -> Result<(), Error> {
    for folder in
        std::iter::once(dir.to_path_buf()).chain(share::FOLDERS.iter().map(|f| dir.join(f)))
    {
        fsio::private_dir(&folder).map_err(|source| Error::Write {
            path: folder.clone(),
            source,
        })?;
    }
    Ok(())
}

pub fn init(
    session: &Session,
    git: bool,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let dir = data_dir(session)?;
    make(dir)?;
    let shown = dir.display().to_string();
    let mut done = Initialised {
        data_dir: shown.clone(),
        repository: None,
        commit: None,
    };
    let text = match (git, share::find(dir)) {
        (_, Found::Repository(repository)) => {
            let top = repository.top.display().to_string();
            done.repository = Some(top.clone());
            format!(
                "The data directory {shown} is in the git repository {top}: each command that \
                 changes it commits what it changed."
            )
        }
        (_, Found::Unusable(why)) => {
            return Err(Error::Usage {
                message: format!("the data directory {shown} is in a git repository: {why}"),
                help: "`rungs git status` shows what git says about it".into(),
            });
        }
        (false, Found::Nothing) => format!("The data directory {shown} is ready."),
        (true, Found::Nothing) => {
            let (repository, committed) = share::init(dir).map_err(|failure| Error::Usage {
                message: format!("cannot make {shown} a git repository: {failure}"),
                help: "install git, or run `rungs init` without --git".into(),
            })?;
            done.repository = Some(repository.top.display().to_string());
            match committed {
                Ok(hash) => {
                    let text = format!(
                        "The data directory {shown} is a git repository; committed {hash}."
                    );
                    done.commit = Some(hash);
                    text
                }
                Err(failure) => {
                    out.note(&format!(
                        "note: nothing committed yet ({failure}): tell git who you are with \
                         `rungs git config user.name NAME` and `rungs git config user.email \
                         ADDRESS`, then `rungs git commit`"
                    ))?;
                    format!("The data directory {shown} is a git repository.")
                }
            }
        }
    };
    out.emit(&Message { text, data: done }, format)
}

/// `rungs progress --at DAY`: progress as the data directory stood at the
/// last commit on or before `day`.
pub fn progress_at(
    session: &Session,
    day: chrono::NaiveDate,
    person: Option<&str>,
    assessor: Option<&str>,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let dir = data_dir(session)?;
    let repository = match share::find(dir) {
        Found::Repository(repository) => repository,
        Found::Nothing => {
            return Err(Error::Usage {
                message: format!(
                    "--at reads earlier states from git, and {} is not in a git repository",
                    dir.display()
                ),
                help: "`rungs init --git` starts keeping its history; without --at, progress \
                       charts every complete assessment"
                    .into(),
            });
        }
        Found::Unusable(why) => {
            return Err(Error::Usage {
                message: format!("cannot read the history of {}: {why}", dir.display()),
                help: "without --at, progress charts every complete assessment".into(),
            });
        }
    };
    let past = repository
        .at(day)
        .map_err(|failure| Error::Usage {
            message: format!("cannot read the history of {}: {failure}", dir.display()),
            help: "`rungs git log` shows what git holds".into(),
        })?
        .ok_or_else(|| Error::Usage {
            message: format!("the data directory's history starts after {day}"),
            help: "`rungs git log --reverse` shows its first commit".into(),
        })?;
    out.note(&format!(
        "As of commit {} ({}), the last on or before {day}",
        past.commit, past.day
    ))?;
    // The person named last time is remembered here, not in the past.
    let person = person
        .map(str::to_string)
        .or_else(|| session.store().ok()?.last_person());
    let then = session.elsewhere(past.dir.path());
    let result = super::progress::run(&then, person.as_deref(), assessor, format, out);
    for warning in then.take_warnings() {
        out.note(&warning.to_string())?;
    }
    result
}

/// Runs git in the data directory (made first, so that `rungs git init`
/// and `rungs git clone URL .` work on a new one). Standard input and
/// standard error are the terminal's, for questions and progress; what git
/// prints on standard output goes through the output layer.
pub fn git(session: &Session, args: &[OsString], out: &mut Output<'_>) -> Result<(), Error> {
    let dir: PathBuf = data_dir(session)?.to_path_buf();
    fsio::private_dir(&dir).map_err(|source| Error::Write {
        path: dir.clone(),
        source,
    })?;
    let mut command = std::process::Command::new("git");
    // Only what would send git to another repository: the rest of the
    // environment (an SSH command, a credential helper) is the person's.
    for name in [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_COMMON_DIR",
        "GIT_NAMESPACE",
        "GIT_CEILING_DIRECTORIES",
        "GIT_CONFIG_PARAMETERS",
        "GIT_CONFIG_COUNT",
    ] {
        command.env_remove(name);
    }
    let output = command
        .arg("-C")
        .arg(&dir)
        .args(["-c", "core.pager=cat", "-c", "color.ui=false"])
        .args(args)
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| Error::Usage {
            message: format!("{}", Failure::Missing(error.to_string())),
            help: "`rungs git ARGS` runs the git command installed on this system".into(),
        })?;
    let text = String::from_utf8_lossy(&output.stdout);
    if !text.is_empty() {
        out.emit(
            &Message {
                text: text.trim_end_matches('\n').to_string(),
                data: (),
            },
            Format::Table,
        )?;
    }
    match output.status.code() {
        Some(0) => Ok(()),
        Some(code) => Err(Error::Git {
            code: u8::try_from(code).unwrap_or(1).max(1),
        }),
        // Ended by a signal.
        None => Err(Error::Git { code: 1 }),
    }
}

impl super::Run for crate::cli::InitArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        init(session, self.git, self.format.format, out)
    }
}

impl super::Run for crate::cli::GitArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        git(session, &self.args, out)
    }
}

impl super::Run for crate::cli::ProgressArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        let (person, assessor) = (self.person.as_deref(), self.assessor.as_deref());
        match self.at {
            Some(day) => progress_at(session, day, person, assessor, self.format.format, out),
            None => super::progress::run(session, person, assessor, self.format.format, out),
        }
    }
}

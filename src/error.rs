//! The errors a person can meet, each with what to do about it and the exit
//! code it ends the process with. `main` prints them; nothing else exits.
//!
//! Exit codes:
//! - 0: success
//! - 1: something failed that is not the input's fault (a disk error)
//! - 2: the command line is wrong: a bad flag, an unknown role or framework
//! - 3: an input file is invalid: a framework, assessment or answers file,
//!   or one of a newer format; or a write would leave a file over the size
//!   rungs reads (it is refused, and nothing is written)
//! - 4: the assessment is open in another session, or a journal month is
//!   being written by another run for longer than rungs waits
//! - 5: an import would overwrite a different stored assessment
//! - `rungs git ARGS`: git's own exit code when it fails
//! - 130: interrupted with Ctrl-C (the shell's code for SIGINT)

use std::path::PathBuf;

use crate::diagnostic::{FileKind, InvalidFile};
use crate::framework::UnknownArchetype;
use crate::fsio::{ReadError, SourceError};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A framework, assessment, answers or settings file with problems.
    #[error(transparent)]
    InvalidFile(Box<InvalidFile>),

    /// A file that is not a regular file, too large, or unreadable.
    #[error(transparent)]
    Read(#[from] ReadError),

    /// Saving an assessment failed (a full disk, a read-only directory);
    /// the stored file is as it was.
    #[error("cannot save assessment `{id}` in {}: {source}", .path.display())]
    Save {
        id: String,
        path: PathBuf,
        source: std::io::Error,
    },

    /// Writing a file named with `--output` failed.
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("two framework files have the id `{id}`: {first} and {second}")]
    DuplicateFramework {
        id: String,
        first: String,
        second: String,
    },

    #[error("no framework with id `{id}`")]
    UnknownFramework {
        id: String,
        known: Vec<String>,
        suggestion: Option<String>,
        /// Where installed framework files go, for the advice.
        install_dir: Option<PathBuf>,
    },

    #[error(transparent)]
    UnknownArchetype(#[from] UnknownArchetype),

    /// `rungs validate` found problems; each file's were already printed.
    #[error("{invalid} of {total} framework files are invalid")]
    ValidationFailed { invalid: usize, total: usize },

    #[error("no assessment `{id}`")]
    UnknownAssessment {
        id: String,
        suggestion: Option<String>,
    },

    #[error("{}", match .person { Some(p) => format!("no assessments of {p} yet"), None => "no assessments yet".to_string() })]
    NoAssessments { person: Option<String> },

    /// Stored assessments that could not be read; each was already shown.
    #[error("{count} stored {} could not be read", if *.count == 1 { "assessment" } else { "assessments" })]
    Unreadable { count: usize },

    #[error("{} already holds a different assessment with id `{id}`; nothing was imported", .path.display())]
    Conflict { id: String, path: PathBuf },

    #[error("assessment `{id}` is open in another rungs session")]
    Locked { id: String },

    /// A file another run holds for longer than rungs waits for it.
    #[error("{what} is being written by another rungs run")]
    Busy { what: String },

    /// A write refused before anything was written: what it would leave
    /// is over a limit rungs reads, or an input is larger than it takes.
    #[error("{message}")]
    TooLarge { message: String, help: String },

    #[error("`rungs assess` asks its questions in a terminal, and there is none here")]
    NoTerminal,

    /// Esc at a question: the person chose to stop; the command says what
    /// was kept and ends normally.
    #[error("cancelled")]
    Cancelled,

    /// Ctrl-C: the line says what was saved, shown as it is.
    #[error("{}", if .0.is_empty() { "Interrupted." } else { .0.as_str() })]
    Interrupted(String),

    /// A flag value that does not fit the framework or the data.
    #[error("{message}")]
    Usage { message: String, help: String },

    /// `rungs git ARGS` where git failed: its own exit code, its own
    /// messages already shown.
    #[error("git ended with exit code {code}")]
    Git { code: u8 },

    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl From<InvalidFile> for Error {
    fn from(error: InvalidFile) -> Self {
        Error::InvalidFile(Box::new(error))
    }
}

impl From<SourceError> for Error {
    fn from(error: SourceError) -> Self {
        match error {
            SourceError::Read(error) => Error::Read(error),
            SourceError::Invalid(error) => error.into(),
        }
    }
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Io(_) | Error::Save { .. } | Error::Write { .. } => 1,
            // A path to a framework that is not there: the command line.
            Error::Read(ReadError::Io { kind, .. }) if *kind == FileKind::Framework => 2,
            Error::Read(ReadError::Io { .. }) => 1,
            Error::Read(_) => 3,
            Error::UnknownFramework { .. }
            | Error::UnknownArchetype(_)
            | Error::UnknownAssessment { .. }
            | Error::NoAssessments { .. }
            | Error::NoTerminal
            | Error::Usage { .. } => 2,
            Error::InvalidFile(_)
            | Error::DuplicateFramework { .. }
            | Error::ValidationFailed { .. }
            | Error::Unreadable { .. }
            | Error::TooLarge { .. } => 3,
            Error::Locked { .. } | Error::Busy { .. } => 4,
            Error::Conflict { .. } => 5,
            Error::Git { code } => *code,
            // Reached `main` only when a command did not handle it.
            Error::Cancelled => 1,
            Error::Interrupted(_) => 130,
        }
    }

    /// What to do about it, when the message alone does not say.
    pub fn help(&self) -> Option<String> {
        match self {
            Error::UnknownArchetype(error) => Some(error.help()),
            Error::UnknownFramework {
                known,
                suggestion,
                install_dir,
                ..
            } => {
                let mut help = crate::suggest::did_you_mean(
                    suggestion.as_deref(),
                    &format!(
                        "known frameworks: {}; `rungs frameworks` lists them. To load a framework \
                         file, pass `--framework FILE`",
                        known.join(", ")
                    ),
                );
                if let Some(dir) = install_dir {
                    help.push_str(&format!(
                        ", or copy it into {} to load it every time",
                        dir.display()
                    ));
                }
                Some(help)
            }
            Error::Read(error) => error.help(),
            Error::Save { .. } => Some(
                "make room on the disk or make the data directory writable, then run the command again"
                    .into(),
            ),
            Error::DuplicateFramework { .. } => {
                Some("change the `id` in one of the files, or remove one of them".into())
            }
            Error::ValidationFailed { .. } => {
                Some("fix the errors above and run `rungs validate` again".into())
            }
            Error::UnknownAssessment { suggestion, .. } => Some(crate::suggest::did_you_mean(
                suggestion.as_deref(),
                "`rungs list` shows every stored assessment",
            )),
            Error::NoAssessments { .. } => Some("record one with `rungs assess`".into()),
            Error::Unreadable { .. } => Some(
                "`rungs validate FILE` shows every problem of a file with its lines (`rungs list --verbose`, of all of them); fix the file, or move it out of the assessments directory; rungs leaves it as it is"
                    .into(),
            ),
            Error::Locked { .. } => {
                Some("finish or quit the other session first; nothing was changed here".into())
            }
            Error::NoTerminal => Some(
                "run it in a terminal, or record an assessment without prompts with \
                 `rungs assess --answers FILE` (see \"Answers files\" in the README)"
                    .into(),
            ),
            Error::Usage { help, .. } | Error::TooLarge { help, .. } => Some(help.clone()),
            Error::Busy { .. } => Some(
                "try again in a moment; if it stays busy, look for a rungs run that has stopped (`ps`) and end it".into(),
            ),
            Error::Conflict { .. } => Some(
                "if both are wanted, give the file being imported a new `id` and import it again".into(),
            ),
            Error::InvalidFile(_)
            | Error::Git { .. }
            | Error::Io(_)
            | Error::Write { .. }
            | Error::Cancelled
            | Error::Interrupted(_) => None,
        }
    }

    /// The full message for a person: the error, then advice.
    pub fn render(&self, colour: bool) -> String {
        if let Error::InvalidFile(error) = self {
            return error.render(colour);
        }
        // Not an error the person made: one plain line.
        match self {
            Error::Interrupted(_) => return self.to_string(),
            Error::Cancelled => return "Cancelled.".to_string(),
            _ => {}
        }
        let prefix = if colour {
            console::style("error:").red().bold().to_string()
        } else {
            "error:".to_string()
        };
        let mut out = format!("{prefix} {self}");
        if let Some(help) = self.help() {
            let label = if colour {
                console::style("help:").cyan().bold().to_string()
            } else {
                "help:".to_string()
            };
            out.push_str(&format!("\n  {label} {help}"));
        }
        out
    }
}

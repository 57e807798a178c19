//! The errors a person can meet, each with what to do about it and the exit
//! code it ends the process with. `main` prints them; nothing else exits.
//!
//! Exit codes:
//! - 0: success
//! - 1: something failed that is not the input's fault (a disk error)
//! - 2: the command line is wrong: a bad flag, an unknown role or framework
//! - 3: an input file is invalid: a framework or a newer-format file

use std::path::PathBuf;

use crate::framework::{FrameworkError, UnknownArchetype};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Framework(Box<FrameworkError>),

    /// The message of an `fs_err` error already names the path.
    #[error("cannot read framework file: {source}")]
    ReadFramework {
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
    },

    #[error(transparent)]
    UnknownArchetype(#[from] UnknownArchetype),

    /// `rungs validate` found problems; each file's were already printed.
    #[error("{invalid} of {total} framework files are invalid")]
    ValidationFailed { invalid: usize, total: usize },

    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Io(_) => 1,
            Error::UnknownFramework { .. }
            | Error::UnknownArchetype(_)
            | Error::ReadFramework { .. } => 2,
            Error::Framework(_)
            | Error::DuplicateFramework { .. }
            | Error::ValidationFailed { .. } => 3,
        }
    }

    /// What to do about it, when the message alone does not say.
    pub fn help(&self) -> Option<String> {
        match self {
            Error::UnknownArchetype(error) => Some(error.help()),
            Error::UnknownFramework {
                known, suggestion, ..
            } => {
                let mut help = String::new();
                if let Some(id) = suggestion {
                    help.push_str(&format!("did you mean `{id}`? "));
                }
                help.push_str(&format!(
                    "known frameworks: {}; `rungs frameworks` lists them",
                    known.join(", ")
                ));
                Some(help)
            }
            Error::ReadFramework { .. } => Some("check the path given to --framework".into()),
            Error::DuplicateFramework { .. } => {
                Some("change the `id` in one of the files, or remove one of them".into())
            }
            Error::ValidationFailed { .. } => {
                Some("fix the errors above and run `rungs validate` again".into())
            }
            Error::Framework(_) | Error::Io(_) => None,
        }
    }

    /// The full message for a person: the error, then advice.
    pub fn render(&self, colour: bool) -> String {
        if let Error::Framework(error) = self {
            return error.render(colour);
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

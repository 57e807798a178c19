//! `rungs ladder import` and `rungs ladder new`: a company's ladder from
//! its spreadsheet or pages into a framework file, or a starter file to
//! fill in.
//!
//! [`import`] returns an [`ImportOutcome`], plain data that
//! `render::imported` shows.

use std::path::{Path, PathBuf};

use crate::catalog;
use crate::diagnostic::{FileKind, SourceFile};
use crate::error::Error;
use crate::framework::{self, Framework};
use crate::fsio::{self, write_atomic};
use crate::ladder::{self, Draft, ImportOutcome, Options};
use crate::output::Output;
use crate::render::Format;

/// What `rungs ladder` was asked to do.
#[derive(Debug)]
pub enum Request {
    Import {
        files: Vec<PathBuf>,
        dry_run: bool,
        output: Option<PathBuf>,
        id: Option<String>,
        name: Option<String>,
        format: Format,
    },
    New {
        output: Option<PathBuf>,
    },
}

pub fn run(request: Request, out: &mut Output<'_>) -> Result<(), Error> {
    match request {
        Request::Import {
            files,
            dry_run,
            output,
            id,
            name,
            format,
        } => {
            let outcome = import(&files, output.as_deref(), id, name, dry_run)?;
            out.emit(&outcome, format)
        }
        // The starter is the project's own text, exactly as shipped.
        Request::New { output: None } => out.document(ladder::STARTER, true),
        Request::New { output: Some(path) } => {
            if std::fs::symlink_metadata(&path).is_ok() {
                return Err(Error::Usage {
                    message: format!("{} already exists", path.display()),
                    help: "choose another --output; a starter file never replaces a file".into(),
                });
            }
            write_atomic(&path, ladder::STARTER.as_bytes())?;
            out.line(&format!(
                "Wrote {}. Fill it in, then check it with `rungs validate {}`.",
                path.display(),
                path.display()
            ))
        }
    }
}

/// Reads the files, builds the framework and, unless `dry_run`, writes it.
pub fn import(
    files: &[PathBuf],
    output: Option<&Path>,
    id: Option<String>,
    name: Option<String>,
    dry_run: bool,
) -> Result<ImportOutcome, Error> {
    let mut draft = Draft::default();
    for path in files {
        ladder::read(&mut draft, read_source(path)?)?;
    }
    // The output's name depends on the id, which may come from a previous
    // import only when --output names it.
    let previous = match output {
        Some(path) => previous_import(path)?,
        None => None,
    };
    let options = Options {
        id: id.clone(),
        name,
        previous,
    };
    let imported = ladder::build(draft, options)?;
    let (output, imported) = match output {
        Some(path) => (path.to_path_buf(), imported),
        None => {
            let path = PathBuf::from(format!("{}.toml", imported.report.id));
            match previous_import(&path)? {
                // Build again with the previous import, to keep its ids.
                Some(previous) => {
                    let mut draft = Draft::default();
                    for file in files {
                        ladder::read(&mut draft, read_source(file)?)?;
                    }
                    let options = Options {
                        id: Some(imported.report.id.clone()),
                        name: Some(imported.report.name.clone()),
                        previous: Some(previous),
                    };
                    (path, ladder::build(draft, options)?)
                }
                None => (path, imported),
            }
        }
    };
    let mut imported = imported;
    let built_in = catalog::Catalog::load(None, &[])?;
    if built_in.find(&imported.report.id).is_ok() {
        imported.report.guesses.push(ladder::GuessReport {
            at: None,
            what: format!(
                "the id `{}` is a built-in framework's: installed, this file would replace it (set another with --id)",
                imported.report.id
            ),
        });
    }
    let replaced = output.exists();
    if !dry_run {
        write_atomic(&output, imported.toml.as_bytes())?;
    }
    Ok(ImportOutcome {
        archetypes: imported.framework.archetypes.len(),
        report: imported.report,
        output,
        written: !dry_run,
        replaced,
    })
}

/// A file to import, through the one reader of untrusted files: a regular
/// file within the ladder limit, UTF-8 (a bad byte is shown at its line
/// and column).
fn read_source(path: &Path) -> Result<SourceFile, Error> {
    Ok(fsio::read_source(path, FileKind::Ladder)?)
}

/// The output file, when it exists: the previous import of this ladder.
fn previous_import(path: &Path) -> Result<Option<Framework>, Error> {
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Error::Io(error)),
    };
    if !metadata.is_file() {
        return Err(Error::Usage {
            message: format!("{} exists and is not a regular file", path.display()),
            help:
                "choose another --output; the import replaces only a framework file it wrote before"
                    .into(),
        });
    }
    let source = catalog::read_framework(path)?;
    match framework::parse(&source) {
        Ok(framework) => Ok(Some(framework)),
        Err(_) => Err(Error::Usage {
            message: format!("{} exists and is not a valid framework file", path.display()),
            help: "choose another --output, or check it with `rungs validate`; the import replaces only a framework file".into(),
        }),
    }
}

impl super::Run for crate::cli::LadderCommand {
    fn run(&self, _: &crate::session::Session, out: &mut Output<'_>) -> Result<(), Error> {
        let request = match self {
            crate::cli::LadderCommand::Import {
                files,
                dry_run,
                output,
                id,
                name,
                format,
            } => Request::Import {
                files: files.clone(),
                dry_run: *dry_run,
                output: output.clone(),
                id: id.clone(),
                name: name.clone(),
                format: format.format,
            },
            crate::cli::LadderCommand::New { output } => Request::New {
                output: output.clone(),
            },
        };
        run(request, out)
    }
}

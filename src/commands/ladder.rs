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
use crate::ladder::{self, Draft, Hints, ImportOutcome, Levels, Options, Order, Sections};
use crate::output::Output;
use crate::render::Format;

/// What `rungs ladder import` was asked to do.
#[derive(Debug)]
pub struct ImportRequest {
    pub files: Vec<PathBuf>,
    pub dry_run: bool,
    pub output: Option<PathBuf>,
    /// Replace an output file the import did not write.
    pub force: bool,
    pub id: Option<String>,
    pub name: Option<String>,
    pub hints: Hints,
    pub scale: Option<Vec<String>>,
    pub format: Format,
}

/// What `rungs ladder` was asked to do.
#[derive(Debug)]
pub enum Request {
    Import(ImportRequest),
    New { output: Option<PathBuf> },
}

/// `--levels`, `--sections` and `--order` as the reader's hints.
pub fn hints(levels: &str, sections: &str, order: &str) -> Result<Hints, Error> {
    let depth = |text: &str| -> Option<u8> {
        let rest = text.strip_prefix(['h', 'H'])?;
        rest.parse::<u8>().ok().filter(|d| (1..=6).contains(d))
    };
    let levels = match levels.trim().to_ascii_lowercase().as_str() {
        "auto" => Levels::Auto,
        "files" | "file" | "pages" => Levels::Files,
        "rows" | "row" => Levels::Rows,
        "columns" | "column" | "cols" => Levels::Columns,
        other => match depth(other) {
            Some(d) => Levels::Heading(d),
            None => {
                return Err(Error::Usage {
                    message: format!(
                        "--levels `{}` is not a place levels can be",
                        crate::text::visible(levels)
                    ),
                    help: "use auto, files (each file is one level), h1 to h6 (headings of that depth), rows or columns (of a sheet or table)".into(),
                });
            }
        },
    };
    let sections = match sections.trim() {
        "auto" => Sections::Auto,
        "none" => Sections::None,
        "" => {
            return Err(Error::Usage {
                message: "--sections needs a value".into(),
                help: "use auto, none, h1 to h6, or the name of a sheet's column".into(),
            });
        }
        other => match depth(other) {
            Some(d) => Sections::Heading(d),
            None => Sections::Column(other.to_string()),
        },
    };
    let order = if order == "given" {
        Order::Given
    } else {
        Order::Auto
    };
    Ok(Hints {
        levels,
        sections,
        order,
    })
}

/// `--scale "Awareness, Working, Expert"` as labels, lowest first.
pub fn scale_labels(text: &str) -> Vec<String> {
    text.split(',')
        .map(|label| label.trim().to_string())
        .filter(|label| !label.is_empty())
        .collect()
}

pub fn run(request: Request, out: &mut Output<'_>) -> Result<(), Error> {
    match request {
        Request::Import(request) => {
            let format = request.format;
            let outcome = import(&request)?;
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

/// Reads every file into a new draft.
fn draft(request: &ImportRequest) -> Result<Draft, Error> {
    let mut draft = Draft::new(request.hints.clone());
    for path in &request.files {
        ladder::read(&mut draft, read_source(path)?)?;
    }
    Ok(draft)
}

/// Reads the files, builds the framework and, unless `dry_run`, writes it.
pub fn import(request: &ImportRequest) -> Result<ImportOutcome, Error> {
    let draft = draft(request)?;
    // The output's name depends on the id, which may come from a previous
    // import only when --output names it.
    let previous = match &request.output {
        Some(path) => previous_import(path, request.force)?,
        None => None,
    };
    let options = Options {
        id: request.id.clone(),
        name: request.name.clone(),
        scale: request.scale.clone(),
        previous,
    };
    let imported = ladder::build(draft, options)?;
    let (output, imported) = match &request.output {
        Some(path) => (path.clone(), imported),
        None => {
            let path = PathBuf::from(format!("{}.toml", imported.report.id));
            match previous_import(&path, request.force)? {
                // Build again with the previous import, to keep its ids.
                Some(previous) => {
                    let options = Options {
                        id: Some(imported.report.id.clone()),
                        name: Some(imported.report.name.clone()),
                        scale: request.scale.clone(),
                        previous: Some(previous),
                    };
                    (path, ladder::build(draft_again(request)?, options)?)
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
                "the id `{}` is a built-in framework's: installed, this file would replace it",
                imported.report.id
            ),
            fix: Some("--id".into()),
        });
    }
    // A file rungs would refuse to read is never written.
    let limit = fsio::size_limit(FileKind::Framework);
    if imported.toml.len() as u64 > limit {
        let message = format!(
            "the framework would be {:.1} MiB, over the {} MiB rungs reads of a framework",
            imported.toml.len() as f64 / f64::from(1 << 20),
            limit >> 20
        );
        let help = "split the ladder into several frameworks (one track each), or leave out what is not an expectation";
        return Err(match request.files.first() {
            Some(first) => crate::diagnostic::InvalidFile::new(
                FileKind::Ladder,
                &read_source(first)?,
                vec![
                    crate::diagnostic::Diagnostic::new(0..0, message)
                        .label("this ladder is too large for one framework")
                        .help(help),
                ],
            )
            .into(),
            None => Error::Usage {
                message,
                help: help.into(),
            },
        });
    }
    let replaced = output.exists();
    if !request.dry_run {
        fsio::write_reaping(&output, imported.toml.as_bytes())?;
    }
    Ok(ImportOutcome {
        archetypes: imported.framework.archetypes.len(),
        report: imported.report,
        output,
        written: !request.dry_run,
        replaced,
    })
}

fn draft_again(request: &ImportRequest) -> Result<Draft, Error> {
    draft(request)
}

/// A file to import, through the one reader of untrusted files: a regular
/// file within the ladder limit, UTF-8 (a bad byte is shown at its line
/// and column).
fn read_source(path: &Path) -> Result<SourceFile, Error> {
    Ok(fsio::read_source(path, FileKind::Ladder)?)
}

/// The output file, when it exists: the previous import of this ladder.
/// A file the import did not write (no mark on its first line: a framework
/// written by hand, or anything else) is replaced only with `--force`.
fn previous_import(path: &Path, force: bool) -> Result<Option<Framework>, Error> {
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
    let marked = source
        .text
        .trim_start_matches('\u{feff}')
        .starts_with(ladder::MARK);
    let parsed = framework::parse(&source);
    match (parsed, marked || force) {
        (Ok(framework), true) => Ok(Some(framework)),
        (Ok(_), false) => Err(Error::Usage {
            message: format!(
                "{} is a framework file that `rungs ladder import` did not write",
                path.display()
            ),
            help: "its comments, statements and scale would be lost: choose another --output, or pass --force to replace it (ids of statements with the same text are kept)".into(),
        }),
        (Err(_), true) if force => Ok(None),
        (Err(_), _) => Err(Error::Usage {
            message: format!("{} exists and is not a valid framework file", path.display()),
            help: "choose another --output, or check it with `rungs validate`; the import replaces only a framework file it wrote (or any file with --force)".into(),
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
                force,
                id,
                name,
                levels,
                sections,
                scale,
                order,
                format,
            } => Request::Import(ImportRequest {
                files: files.clone(),
                dry_run: *dry_run,
                output: output.clone(),
                force: *force,
                id: id.clone(),
                name: name.clone(),
                hints: hints(levels, sections, order)?,
                scale: scale.as_deref().map(scale_labels),
                format: format.format,
            }),
            crate::cli::LadderCommand::New { output } => Request::New {
                output: output.clone(),
            },
        };
        run(request, out)
    }
}

//! `rungs ladder import` and `rungs ladder new`: a company's ladder from
//! its spreadsheet or pages into a framework file, or a starter file to
//! fill in.
//!
//! [`import`] returns an [`ImportOutcome`], plain data; [`render_import`]
//! is its only text form.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::app::Context;
use crate::assessment::store::write_atomic;
use crate::catalog;
use crate::cli::LadderCommand;
use crate::diagnostic::{Origin, SourceFile};
use crate::error::Error;
use crate::framework::{self, Framework};
use crate::ladder::{self, Draft, MAX_FILE_BYTES, Options, Report};

/// What an import did: the report of what became what and what was
/// guessed, and where the file went.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportOutcome {
    pub report: Report,
    pub archetypes: usize,
    /// The file written, or that would be written with `--dry-run`.
    pub output: PathBuf,
    pub written: bool,
    /// The output file existed: it was read as the previous import, and
    /// replaced (unless `--dry-run`).
    pub replaced: bool,
}

pub fn run(command: LadderCommand, ctx: &mut Context<'_>) -> Result<(), Error> {
    match command {
        LadderCommand::Import {
            files,
            dry_run,
            output,
            id,
            name,
        } => {
            let outcome = import(&files, output.as_deref(), id, name, dry_run)?;
            ctx.out.write_all(render_import(&outcome).as_bytes())?;
            Ok(())
        }
        LadderCommand::New { output } => match output {
            None => {
                ctx.out.write_all(ladder::STARTER.as_bytes())?;
                Ok(())
            }
            Some(path) => {
                if std::fs::symlink_metadata(&path).is_ok() {
                    return Err(Error::Usage {
                        message: format!("{} already exists", path.display()),
                        help: "choose another --output; a starter file never replaces a file"
                            .into(),
                    });
                }
                write_atomic(&path, ladder::STARTER.as_bytes())?;
                writeln!(
                    ctx.out,
                    "Wrote {}. Fill it in, then check it with `rungs validate {}`.",
                    path.display(),
                    path.display()
                )?;
                Ok(())
            }
        },
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

/// A file to import: a regular file, at most [`MAX_FILE_BYTES`], UTF-8.
fn read_source(path: &Path) -> Result<SourceFile, Error> {
    let usage = |message: String, help: &str| Error::Usage {
        message,
        help: help.to_string(),
    };
    let metadata = fs_err::metadata(path)?;
    if !metadata.is_file() {
        return Err(usage(
            format!("{} is not a regular file", path.display()),
            "name a CSV file or a page (Markdown or plain text)",
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(usage(
            format!(
                "{} is larger than {} MB",
                path.display(),
                MAX_FILE_BYTES / 1024 / 1024
            ),
            "a ladder fits in far less; export only the ladder's sheet or page",
        ));
    }
    let mut bytes = Vec::new();
    fs_err::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    let text = String::from_utf8(bytes).map_err(|error| {
        usage(
            format!(
                "{} is not UTF-8 text (invalid byte at offset {})",
                path.display(),
                error.utf8_error().valid_up_to()
            ),
            "export it again as UTF-8 (in a spreadsheet: \"CSV UTF-8\")",
        )
    })?;
    Ok(SourceFile::new(Origin::File(path.to_path_buf()), text))
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

/// Text from a file on its way to a terminal: control characters (escape
/// sequences among them) are shown as `�`.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

/// What became what, what was guessed, and what was written.
pub fn render_import(outcome: &ImportOutcome) -> String {
    let report = &outcome.report;
    let mut out = String::from("Read:\n");
    for line in &report.read {
        out.push_str(&format!("  {}\n", clean(line)));
    }
    out.push_str(&format!(
        "\nFramework `{}`: {}\n\nLevels, lowest first:\n",
        clean(&report.id),
        clean(&report.name)
    ));
    for level in &report.levels {
        let next = if level.next.is_empty() {
            "top of the ladder".to_string()
        } else {
            format!("next {}", level.next.join(", "))
        };
        out.push_str(&format!(
            "  {} {} ({} statements, {next}) from \"{}\" at {}\n",
            clean(&level.code),
            clean(&level.title),
            level.statements,
            clean(&level.from),
            clean(&level.at)
        ));
    }
    out.push_str("\nSections:\n");
    for section in &report.sections {
        let groups = if section.groups.is_empty() {
            String::new()
        } else {
            format!(": {}", clean(&section.groups.join(", ")))
        };
        out.push_str(&format!(
            "  {} from \"{}\", {} statements in {}{groups}\n",
            clean(&section.id),
            clean(&section.from),
            section.statements,
            section.kind
        ));
    }
    out.push_str(&format!("\nStatements: {}", report.statements));
    if outcome.replaced {
        out.push_str(&format!(
            " ({} kept their ids from {}, {} new)",
            report.ids_kept,
            outcome.output.display(),
            report.ids_new
        ));
    }
    out.push('\n');
    if !report.guesses.is_empty() {
        out.push_str("\nGuessed (check these in the file):\n");
        for guess in &report.guesses {
            match &guess.at {
                Some(at) => out.push_str(&format!("  - {}: {}\n", clean(at), clean(&guess.what))),
                None => out.push_str(&format!("  - {}\n", clean(&guess.what))),
            }
        }
    }
    let path = outcome.output.display();
    if outcome.written {
        out.push_str(&format!(
            "\n{} {path} ({} archetypes, {} statements).\nCheck it: rungs validate {path}\nTry it:   rungs --framework {path} roles\n",
            if outcome.replaced { "Replaced" } else { "Wrote" },
            outcome.archetypes,
            report.statements
        ));
    } else {
        out.push_str(&format!(
            "\nNothing written (--dry-run); without it: {path}\n"
        ));
    }
    out
}

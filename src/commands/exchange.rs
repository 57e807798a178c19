//! `rungs export` and `rungs import`: the promotion packet (Markdown, HTML,
//! JSON), and assessments moved between data directories as TOML files,
//! so a manager and an engineer can share views with no server.

use std::path::Path;

use serde::Serialize;

use crate::assessment::Assessment;
use crate::assessment::store::Store;
use crate::assessment::{self, now};
use crate::commands::packet::{self, Shape};
use crate::diagnostic::{Diagnostic, FileKind, InvalidFile, SourceFile};
use crate::error::Error;
use crate::fsio;
use crate::journal::Entry;
use crate::journal::carried::{self, Choice};
use crate::journal::file as journal_file;
use crate::journal::store::{Journal, Span};
use crate::output::Output;
use crate::render::Format;
use crate::render::message::Message;
use crate::render::packet::ExportFormat;
use crate::select;
use crate::session::Session;

pub fn export(
    session: &Session,
    selection: &select::Selection<'_>,
    format: ExportFormat,
    shape: &Shape,
    journal: Choice,
    output: Option<&Path>,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    if journal != Choice::None && format != ExportFormat::Toml {
        return Err(Error::Usage {
            message: "--journal chooses what a --format toml export carries".into(),
            help: "the md, html and json packets list the journal's entries on their statements already".into(),
        });
    }
    if shape.is_shaped() && matches!(format, ExportFormat::Json | ExportFormat::Toml) {
        return Err(Error::Usage {
            message: "--panel and --with shape the md and html packets only".into(),
            help: "use --format md or --format html; the json packet holds every statement of one assessment".into(),
        });
    }
    let store = session.store()?;
    let catalog = session.catalog()?;
    let assessment = select::find(store, catalog, selection, out)?;
    let text = match format {
        // The file as stored, byte for byte, then the journal entries
        // chosen to go with it: what `import` reads.
        ExportFormat::Toml => {
            let stored = store.text(&assessment)?;
            let framework = &catalog.find(&assessment.framework)?.framework;
            let own = Journal::new(store).entries(&assessment.person, Span::default())?;
            let sent = carried::choose(own.clone(), &assessment, framework, journal);
            if journal == Choice::None {
                let tagged = carried::choose(own, &assessment, framework, Choice::Tagged);
                if !tagged.is_empty() {
                    out.note(&format!(
                        "{}'s journal stays here: --journal tagged sends the {} {} tagged to this assessment's statements, --journal all every one.",
                        assessment.person,
                        tagged.len(),
                        if tagged.len() == 1 { "entry" } else { "entries" }
                    ))?;
                }
            }
            carried::append(&stored, &sent)?
        }
        ExportFormat::Json => {
            let gap =
                select::with_journal(select::compute(catalog, &assessment, None)?, store, out)?;
            crate::render::Render::json(&gap)
        }
        ExportFormat::Md | ExportFormat::Html => {
            packet::document(&assessment, format, shape, catalog, store, out)?
        }
    };
    // Markdown and HTML are read by people, and may be printed to a
    // terminal: control characters are made visible (HTML is also
    // escaped by type). JSON and the stored file are exact.
    let exact = matches!(format, ExportFormat::Json | ExportFormat::Toml);
    match output {
        // Career notes: a new file is readable by its owner only; an
        // existing link, pipe or device is written through, as a shell's
        // redirection would.
        Some(path) => out.to_file(path, &text, exact),
        None => out.document(&text, exact),
    }
}

/// What `rungs import` did, for `--format json`.
#[derive(Debug, Serialize)]
struct Imported<'a> {
    id: &'a str,
    /// False when the same assessment was already here.
    imported: bool,
    path: Option<String>,
}

pub fn import(
    session: &Session,
    path: &Path,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let store = session.store()?;
    let catalog = session.catalog()?;
    let source = fsio::read_source(path, FileKind::Assessment)?;
    let (source, carried) = carried::split(&source);
    let mut assessment = assessment::read_import(&source, catalog)?;
    if !Store::belongs(&assessment.id, &assessment.person) {
        return Err(not_theirs(&source, &assessment).into());
    }
    let entries = match &carried {
        Some(carried) => journal_file::parse_carried(carried)
            .map_err(|problems| InvalidFile::new(FileKind::Assessment, carried, problems))?,
        None => Vec::new(),
    };
    let lock = store.lock(&assessment.id)?;
    if store.find(&assessment.id)?.is_some() {
        let existing = store.load(&assessment.id, catalog)?;
        if existing.same_as(&assessment) {
            let journal = journal_line(store, &assessment.person, entries)?;
            let message = Message {
                text: format!(
                    "{} is already here, unchanged: nothing to import.{journal}",
                    assessment.id
                ),
                data: Imported {
                    id: &assessment.id,
                    imported: false,
                    path: None,
                },
            };
            return out.emit(&message, format);
        }
        return Err(Error::Conflict {
            path: store.location(&assessment)?,
            id: assessment.id,
        });
    }
    // Marked, so it can be told apart from one recorded here.
    assessment.imported = Some(now());
    let target = store.save(&assessment, &lock)?;
    let journal = journal_line(store, &assessment.person, entries)?;
    let message = Message {
        text: format!(
            "Imported {} ({}, {} → {}) into {}{journal}",
            assessment.id,
            assessment.who(),
            assessment.role,
            assessment.to.as_deref().unwrap_or("-"),
            target.display()
        ),
        data: Imported {
            id: &assessment.id,
            imported: true,
            path: Some(target.display().to_string()),
        },
    };
    out.emit(&message, format)
}

/// An imported file whose id is not one rungs could have given its
/// person: refused at the id's line, since an assessment of the person the
/// id does name could later be given the same id.
fn not_theirs(source: &SourceFile, assessment: &Assessment) -> InvalidFile {
    #[derive(serde::Deserialize)]
    struct Id {
        id: toml::Spanned<serde::de::IgnoredAny>,
    }
    let span = toml::from_str::<Id>(&source.text).map_or(0..0, |id| id.id.span());
    let start = assessment::store::slug_start(&assessment.person);
    let diagnostic = Diagnostic::new(
        span,
        format!(
            "the id `{}` is not one of {}'s; nothing was imported",
            assessment.id, assessment.person
        ),
    )
    .label(format!("ids of {}'s assessments start `{start}-`", assessment.person))
    .help(format!(
        "ask for the file again from the rungs that wrote it, or give it a new `id` starting `{start}-` and import it again"
    ));
    InvalidFile::new(FileKind::Assessment, source, vec![diagnostic])
}

/// Records the journal entries that came with an imported assessment as
/// the person's imported entries; what to say about them ("" for none).
fn journal_line(store: &Store, person: &str, entries: Vec<Entry>) -> Result<String, Error> {
    if entries.is_empty() {
        return Ok(String::new());
    }
    let sent = entries.len();
    let new = Journal::imported(store).put(person, entries)?;
    let plural = |n: usize| if n == 1 { "entry" } else { "entries" };
    Ok(format!(
        "\nWith it, {sent} journal {} of {person}: {new} new or changed, kept as imported, apart from this journal.",
        plural(sent)
    ))
}

impl super::Run for crate::cli::ExportArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        let selection = super::selection(self.id.as_deref(), &self.pick, None);
        let shape = Shape {
            panel: self.packet.panel,
            with: self.packet.with.clone(),
        };
        export(
            session,
            &selection,
            self.format,
            &shape,
            self.journal,
            self.output.as_deref(),
            out,
        )
    }
}

impl super::Run for crate::cli::ImportArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        import(session, &self.file, self.format.format, out)
    }
}

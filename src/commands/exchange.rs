//! `rungs export` and `rungs import`: the promotion packet (Markdown, HTML,
//! JSON), and assessments moved between data directories as TOML files,
//! so a manager and an engineer can share views with no server.

use std::path::Path;

use crate::app::Context;
use crate::assessment::store::Store;
use crate::assessment::{self, now};
use crate::catalog::Catalog;
use crate::cli::ExportFormat;
use crate::commands::gap;
use crate::diagnostic::FileKind;
use crate::error::Error;
use crate::fsio;
use crate::render;

pub fn export(
    id: &str,
    format: ExportFormat,
    output: Option<&Path>,
    catalog: &Catalog,
    store: &Store,
    ctx: &mut Context<'_>,
) -> Result<(), Error> {
    let assessment = store.load(id, catalog)?;
    let text = match format {
        // The file as stored, byte for byte: what `import` reads.
        ExportFormat::Toml => store.text(&assessment)?,
        ExportFormat::Md | ExportFormat::Html | ExportFormat::Json => {
            let gap = gap::compute(catalog, &assessment, None)?;
            match format {
                ExportFormat::Md => render::gap::packet_markdown(&gap),
                ExportFormat::Html => render::html::packet(&gap),
                _ => render::gap::json_object(&gap),
            }
        }
    };
    match output {
        Some(path) => {
            // Career notes: a new file is readable by its owner only.
            let failed = |source| Error::Write {
                path: path.to_path_buf(),
                source,
            };
            fsio::write_output(path, text.as_bytes()).map_err(failed)?;
            writeln!(ctx.err, "Wrote {}", path.display())?;
        }
        None => ctx.out.write_all(text.as_bytes())?,
    }
    Ok(())
}

pub fn import(
    path: &Path,
    catalog: &Catalog,
    store: &Store,
    ctx: &mut Context<'_>,
) -> Result<(), Error> {
    let source = fsio::read_source(path, FileKind::Assessment)?;
    let mut assessment = assessment::read_import(&source, catalog)?;
    let lock = store.lock(&assessment.id)?;
    if store.find(&assessment.id)?.is_some() {
        let existing = store.load(&assessment.id, catalog)?;
        if existing.same_as(&assessment) {
            writeln!(
                ctx.out,
                "{} is already here, unchanged: nothing to import.",
                assessment.id
            )?;
            return Ok(());
        }
        return Err(Error::Conflict {
            path: store.location(&assessment)?,
            id: assessment.id,
        });
    }
    // Marked, so it can be told apart from one recorded here.
    assessment.imported = Some(now());
    let target = store.save(&assessment, &lock)?;
    writeln!(
        ctx.out,
        "Imported {} ({}, {} → {}) into {}",
        assessment.id,
        assessment.who(),
        assessment.role,
        assessment.to.as_deref().unwrap_or("-"),
        target.display()
    )?;
    Ok(())
}

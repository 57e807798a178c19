//! `rungs export` and `rungs import`: the promotion packet (Markdown, HTML,
//! JSON), and assessments moved between data directories as TOML files,
//! so a manager and an engineer can share views with no server.

use std::path::Path;

use crate::app::Context;
use crate::assessment::Assessment;
use crate::assessment::store::{Store, write_atomic};
use crate::catalog::Catalog;
use crate::cli::{ExportFormat, PacketArgs};
use crate::commands::{gap, packet};
use crate::diagnostic::{FileKind, InvalidFile, Origin, SourceFile};
use crate::error::Error;
use crate::render;

pub fn export(
    id: &str,
    format: ExportFormat,
    options: &PacketArgs,
    output: Option<&Path>,
    catalog: &Catalog,
    store: &Store,
    ctx: &mut Context<'_>,
) -> Result<(), Error> {
    let shaped = options.panel || options.with.is_some();
    if shaped && matches!(format, ExportFormat::Json | ExportFormat::Toml) {
        return Err(Error::Usage {
            message: "--panel and --with shape the md and html packets only".into(),
            help: "use --format md or --format html; the json packet holds every statement of one assessment".into(),
        });
    }
    let assessment = store.load(id)?;
    let text = match format {
        // The file as stored, byte for byte: what `import` reads.
        ExportFormat::Toml => fs_err::read_to_string(store.location(&assessment)?)?,
        ExportFormat::Json => render::gap::json_object(&gap::compute(catalog, &assessment, None)?),
        ExportFormat::Md | ExportFormat::Html => {
            packet::document(&assessment, format, options, catalog, store)?
        }
    };
    match output {
        Some(path) => {
            // Career notes: the file is created readable by its owner only.
            write_atomic(path, text.as_bytes())?;
            writeln!(ctx.err, "Wrote {}", path.display())?;
        }
        None => ctx.out.write_all(text.as_bytes())?,
    }
    Ok(())
}

pub fn import(path: &Path, store: &Store, ctx: &mut Context<'_>) -> Result<(), Error> {
    let text = fs_err::read_to_string(path)?;
    let source = SourceFile::new(Origin::File(path.to_path_buf()), text);
    let assessment = Assessment::parse(&source)
        .map_err(|d| Error::from(InvalidFile::new(FileKind::Assessment, &source, d)))?;
    check_id(&assessment.id)?;
    let lock = store.lock(&assessment.id)?;
    if store.find(&assessment.id)?.is_some() {
        let existing = store.load(&assessment.id)?;
        if existing == assessment {
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
    let target = store.save_text(&assessment, &source.text, &lock)?;
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

/// Ids become file names: letters, digits, `.`, `-`, `_`, not starting
/// with a dot.
fn check_id(id: &str) -> Result<(), Error> {
    let valid = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if valid {
        Ok(())
    } else {
        Err(Error::Usage {
            message: format!("the assessment id `{id}` cannot be a file name"),
            help: "use letters, digits, `.`, `-` and `_` only, starting with a letter or digit"
                .into(),
        })
    }
}

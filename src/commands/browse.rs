//! Commands that show the frameworks themselves: `roles`, `show`,
//! `frameworks`, `paths` and `validate`.

use std::path::PathBuf;

use serde::Serialize;

use crate::catalog;
use crate::diagnostic::Origin;
use crate::error::Error;
use crate::framework;
use crate::output::Output;
use crate::render::Format;
use crate::render::archetype::ArchetypeView;
use crate::render::frameworks::Frameworks;
use crate::render::ladder::Ladder;
use crate::render::message::Message;
use crate::render::paths::PathsView;
use crate::render::versus::Versus;
use crate::session::Session;

/// `rungs roles`.
pub fn roles(session: &Session, format: Format, out: &mut Output<'_>) -> Result<(), Error> {
    let framework = session.catalog()?.selected()?;
    out.emit(&Ladder { framework }, format)
}

/// `rungs show CODE [--vs CODE]`.
pub fn show(
    session: &Session,
    code: &str,
    vs: Option<&str>,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let framework = session.catalog()?.selected()?;
    let archetype = framework.archetype(code)?;
    match vs {
        Some(other) => {
            let to = framework.archetype(other)?;
            out.emit(
                &Versus {
                    framework,
                    from: archetype,
                    to,
                },
                format,
            )
        }
        None => out.emit(
            &ArchetypeView {
                framework,
                archetype,
            },
            format,
        ),
    }
}

/// `rungs frameworks`.
pub fn frameworks(session: &Session, format: Format, out: &mut Output<'_>) -> Result<(), Error> {
    let entries = session.catalog()?.entries();
    out.emit(&Frameworks { entries }, format)
}

/// `rungs paths`.
pub fn paths(session: &Session, format: Format, out: &mut Output<'_>) -> Result<(), Error> {
    let cache = session.store().ok().map(|store| store.cache().clone());
    out.emit(
        &PathsView {
            paths: &session.paths,
            cache: cache.as_ref().and_then(|cache| cache.dir()),
        },
        format,
    )
}

/// One valid file, for `rungs validate --format json`.
#[derive(Debug, Serialize)]
struct Valid {
    path: String,
    framework: String,
    version: String,
    archetypes: usize,
    statements: usize,
}

/// `rungs validate`: checks each file (or each `*.toml` of a directory)
/// on its own, a line per valid file on standard output and every problem
/// of each invalid one on standard error.
/// The file as an assessment to check, when it is one: TOML whose top
/// level names a `person` and holds no `archetype`.
fn assessment_source(path: &std::path::Path) -> Option<crate::diagnostic::SourceFile> {
    let source = crate::fsio::read_source(path, crate::diagnostic::FileKind::Assessment).ok()?;
    let table: toml::Table = toml::from_str(&source.text).ok()?;
    (table.contains_key("person") && !table.contains_key("archetype")).then_some(source)
}

pub fn validate(
    session: &Session,
    paths: &[PathBuf],
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(catalog::framework_files(path)?);
        } else {
            files.push(path.clone());
        }
    }
    let mut valid = Vec::new();
    let mut invalid = Vec::new();
    let mut assessments = Vec::new();
    for path in &files {
        // An assessment file (a `person` at the top, no archetypes) is
        // checked as every command reads it: the full diagnostic that
        // `list` names in one line.
        if let Some(source) = assessment_source(path) {
            match crate::assessment::read(&source, session.catalog()?) {
                Ok(assessment) => assessments.push(format!(
                    "ok: {} (assessment `{}`, {}, {} answers)",
                    Origin::File(path.clone()),
                    assessment.id,
                    assessment.who(),
                    assessment.ratings.len()
                )),
                Err(error) => invalid.push(error),
            }
            continue;
        }
        let checked = catalog::read_framework(path)
            .and_then(|source| framework::parse(&source).map_err(Error::from));
        match checked {
            Ok(framework) => valid.push(Valid {
                path: Origin::File(path.clone()).to_string(),
                version: framework.version.clone(),
                archetypes: framework.archetypes.len(),
                statements: framework.statement_count(),
                framework: framework.id,
            }),
            Err(error) => invalid.push(error),
        }
    }
    let mut lines: Vec<String> = valid
        .iter()
        .map(|v| {
            format!(
                "ok: {} (framework `{}` {}, {} archetypes, {} statements)",
                v.path, v.framework, v.version, v.archetypes, v.statements
            )
        })
        .collect();
    lines.extend(assessments.iter().cloned());
    let report = Message {
        text: lines.join("\n"),
        data: &valid,
    };
    if !lines.is_empty() || format == Format::Json {
        out.emit(&report, format)?;
    }
    for error in &invalid {
        out.error(error)?;
        out.note("")?;
    }
    if invalid.is_empty() {
        Ok(())
    } else {
        Err(Error::ValidationFailed {
            invalid: invalid.len(),
            total: files.len(),
        })
    }
}

impl super::Run for crate::cli::RolesArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        roles(session, self.format.format, out)
    }
}

impl super::Run for crate::cli::ShowArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        show(
            session,
            &self.code,
            self.vs.as_deref(),
            self.format.format,
            out,
        )
    }
}

impl super::Run for crate::cli::FrameworksArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        frameworks(session, self.format.format, out)
    }
}

impl super::Run for crate::cli::ValidateArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        validate(session, &self.paths, self.format.format, out)
    }
}

impl super::Run for crate::cli::PathsArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        paths(session, self.format.format, out)
    }
}

impl super::Run for crate::cli::CompletionsArgs {
    /// The script a shell sources to ask rungs for completions.
    fn run(&self, _: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        let shell = self.shell.name();
        let mut script = Vec::new();
        let shells = crate::complete::shells();
        let completer = shells.completer(shell).ok_or_else(|| Error::Usage {
            message: format!("no completions for {shell}"),
            help: "choose bash, zsh, fish, elvish or powershell".into(),
        })?;
        let var = crate::complete::COMPLETE_VAR;
        completer.write_registration(var, "rungs", "rungs", "rungs", &mut script)?;
        out.document(&String::from_utf8_lossy(&script), true)
    }
}

/// `rungs man`: the manual page, from the same definitions as `--help`.
pub fn man(out: &mut Output<'_>) -> Result<(), Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(<crate::cli::Cli as clap::CommandFactory>::command())
        .render(&mut page)?;
    out.document(&String::from_utf8_lossy(&page), true)
}

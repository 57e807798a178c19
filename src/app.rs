//! Runs one command: turns parsed arguments into work and writes the result.
//! Commands write to the `Write` they are given, so tests can capture it.

use std::io::Write;
use std::path::PathBuf;

use clap::CommandFactory;

use crate::assessment::store::Store;
use crate::catalog::{self, Catalog};
use crate::cli::{Cli, Command, Format};
use crate::commands;
use crate::diagnostic::Origin;
use crate::error::Error;
use crate::framework;
use crate::paths::Paths;
use crate::render::{self, Style};

/// What a run needs besides its arguments.
pub struct Context<'a> {
    /// Where results go: standard output in the binary.
    pub out: &'a mut dyn Write,
    /// Where per-file problems of `validate` go: standard error.
    pub err: &'a mut dyn Write,
    pub style: Style,
    /// Colour for `err`.
    pub err_colour: bool,
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("style", &self.style)
            .field("err_colour", &self.err_colour)
            .finish_non_exhaustive()
    }
}

pub fn run(cli: Cli, ctx: &mut Context<'_>) -> Result<(), Error> {
    let paths = Paths::resolve(cli.global.config_dir.clone(), cli.global.data_dir.clone());
    let data = paths.data_dir.as_ref().map(Store::new);
    let result = dispatch(cli, paths, data.as_ref(), ctx);
    // Entries of the data directory skipped on the way, one line each.
    for warning in data.iter().flat_map(Store::take_warnings) {
        writeln!(ctx.err, "{warning}")?;
    }
    result
}

fn dispatch(
    cli: Cli,
    paths: Paths,
    data: Option<&Store>,
    ctx: &mut Context<'_>,
) -> Result<(), Error> {
    match cli.command {
        Command::Roles { format } => {
            let catalog = load_catalog(&paths, &cli.global.framework)?;
            let framework = catalog.selected()?;
            let text = match format.format {
                Format::Table => render::ladder::table(framework, ctx.style),
                Format::Md => render::ladder::markdown(framework),
                Format::Json => render::ladder::json_array(framework),
            };
            write(ctx, &text)
        }
        Command::Show { code, vs, format } => {
            let catalog = load_catalog(&paths, &cli.global.framework)?;
            let framework = catalog.selected()?;
            let archetype = framework.archetype(&code)?;
            if let Some(other) = vs {
                let other = framework.archetype(&other)?;
                let text = match format.format {
                    Format::Table => render::versus::table(framework, archetype, other, ctx.style),
                    Format::Md => render::versus::markdown(framework, archetype, other),
                    Format::Json => render::versus::json_object(framework, archetype, other),
                };
                return write(ctx, &text);
            }
            let text = match format.format {
                Format::Table => render::archetype::table(framework, archetype, ctx.style),
                Format::Md => render::archetype::markdown(framework, archetype),
                Format::Json => render::archetype::json_object(framework, archetype),
            };
            write(ctx, &text)
        }
        Command::Frameworks { format } => {
            let catalog = load_catalog(&paths, &cli.global.framework)?;
            let text = match format.format {
                Format::Table => render::frameworks::table(catalog.entries(), ctx.style),
                Format::Md => render::frameworks::markdown(catalog.entries()),
                Format::Json => render::frameworks::json_array(catalog.entries()),
            };
            write(ctx, &text)
        }
        Command::Validate { paths } => validate(&paths, ctx),
        Command::Assess(args) => {
            let catalog = load_catalog(&paths, &cli.global.framework)?;
            commands::assess::run(args, &catalog, store(data)?, ctx)
        }
        Command::Gap {
            id,
            person,
            assessor,
            to,
            format,
        } => {
            let catalog = load_catalog(&paths, &cli.global.framework)?;
            let selection = commands::gap::Selection {
                id: id.as_deref(),
                person: person.as_deref(),
                assessor: assessor.as_deref(),
                to: to.as_deref(),
            };
            commands::gap::run(&selection, format.format, &catalog, store(data)?, ctx)
        }
        Command::Compare {
            ids,
            person,
            format,
        } => {
            let catalog = load_catalog(&paths, &cli.global.framework)?;
            commands::compare::run(
                &ids,
                person.as_deref(),
                format.format,
                &catalog,
                store(data)?,
                ctx,
            )
        }
        Command::Progress {
            person,
            assessor,
            format,
        } => {
            let catalog = load_catalog(&paths, &cli.global.framework)?;
            commands::progress::run(
                &person,
                assessor.as_deref(),
                format.format,
                &catalog,
                store(data)?,
                ctx,
            )
        }
        Command::Focus {
            id,
            person,
            assessor,
            add,
            action,
            due,
            remove,
            clear,
            format,
        } => {
            let catalog = load_catalog(&paths, &cli.global.framework)?;
            let selection = commands::gap::Selection {
                id: id.as_deref(),
                person: person.as_deref(),
                assessor: assessor.as_deref(),
                to: None,
            };
            let change = commands::focus::Change {
                add,
                action,
                due,
                remove,
                clear,
            };
            commands::focus::run(
                &selection,
                change,
                format.format,
                &catalog,
                store(data)?,
                ctx,
            )
        }
        Command::Export { id, format, output } => {
            let catalog = load_catalog(&paths, &cli.global.framework)?;
            commands::exchange::export(&id, format, output.as_deref(), &catalog, store(data)?, ctx)
        }
        Command::Import { file } => {
            let catalog = load_catalog(&paths, &cli.global.framework)?;
            commands::exchange::import(&file, &catalog, store(data)?, ctx)
        }
        Command::List { person, format } => {
            let catalog = load_catalog(&paths, &cli.global.framework)?;
            commands::list::run(
                person.as_deref(),
                format.format,
                &catalog,
                store(data)?,
                ctx,
            )
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "rungs", ctx.out);
            Ok(())
        }
    }
}

/// The assessments of the data directory.
fn store(data: Option<&Store>) -> Result<&Store, Error> {
    data.ok_or_else(|| Error::Usage {
        message: "no data directory: this system has no home directory".into(),
        help: "set RUNGS_DATA_DIR or pass --data-dir DIR".into(),
    })
}

fn load_catalog(paths: &Paths, framework_args: &[String]) -> Result<Catalog, Error> {
    Catalog::load(paths.user_frameworks_dir().as_deref(), framework_args)
}

fn write(ctx: &mut Context<'_>, text: &str) -> Result<(), Error> {
    ctx.out.write_all(text.as_bytes())?;
    Ok(())
}

/// Checks each file (or each `*.toml` of a directory) on its own, printing
/// a line per valid file and every problem of each invalid one.
fn validate(paths: &[PathBuf], ctx: &mut Context<'_>) -> Result<(), Error> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(catalog::framework_files(path)?);
        } else {
            files.push(path.clone());
        }
    }
    let mut invalid = 0;
    for path in &files {
        let checked = catalog::read_framework(path)
            .and_then(|source| framework::parse(&source).map_err(Error::from));
        match checked {
            Ok(framework) => writeln!(
                ctx.out,
                "ok: {} (framework `{}` {}, {} archetypes, {} statements)",
                Origin::File(path.clone()),
                framework.id,
                framework.version,
                framework.archetypes.len(),
                framework.statement_count()
            )?,
            Err(error) => {
                invalid += 1;
                writeln!(ctx.err, "{}\n", error.render(ctx.err_colour))?;
            }
        }
    }
    if invalid > 0 {
        return Err(Error::ValidationFailed {
            invalid,
            total: files.len(),
        });
    }
    Ok(())
}

//! The dispatcher: builds the [`Session`] once from the global options,
//! then hands each command its arguments, the session and the output.
//! Nothing here renders or computes; it only matches.

use clap::CommandFactory;

use crate::assessment::Status;
use crate::cli::{Cli, Command, LadderCommand, LogArgs, SortArg, StatusArg};
use crate::commands::{self, assess, browse, exchange, focus, gap};
use crate::complete::COMPLETE_VAR;
use crate::error::Error;
use crate::output::Output;
use crate::paths::Paths;
use crate::report::team::Sort;
use crate::select;
use crate::session::Session;

/// The session a command line asks for, with output settings decided
/// from the streams and the environment.
pub fn session(cli: &Cli) -> Session {
    let global = &cli.global;
    let paths = Paths::resolve(
        global.config_dir.clone(),
        global.data_dir.clone(),
        &|name| std::env::var_os(name),
    );
    let settings = crate::output::Settings::detect(global.color, global.no_pager);
    Session::new(paths, global.framework.clone(), settings)
}

pub fn run(cli: Cli, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
    let result = dispatch(cli, session, out);
    for notice in session.notices() {
        out.note(&format!("note: {notice}"))?;
    }
    // Entries of the data directory skipped on the way, one line each.
    for warning in session.take_warnings() {
        out.note(&warning.to_string())?;
    }
    result
}

fn dispatch(cli: Cli, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
    match cli.command {
        Command::Roles { format } => browse::roles(session, format.format, out),
        Command::Show { code, vs, format } => {
            browse::show(session, &code, vs.as_deref(), format.format, out)
        }
        Command::Frameworks { format } => browse::frameworks(session, format.format, out),
        Command::Paths { format } => browse::paths(session, format.format, out),
        Command::Validate { paths, format } => browse::validate(&paths, format.format, out),
        Command::Assess(args) => {
            let request = assess::Request {
                id: args.id,
                person: args.person,
                assessor: args.assessor,
                role: args.role,
                to: args.to,
                sections: args.sections,
                new: args.new,
                answers: args.answers,
            };
            assess::run(session, request, out)
        }
        Command::Rate {
            id,
            statement,
            rating,
            evidence,
            format,
        } => commands::rate::run(
            session,
            &id,
            &statement,
            &rating,
            evidence.as_deref(),
            format.format,
            out,
        ),
        Command::Delete { id, yes, format } => {
            commands::delete::run(session, &id, yes, format.format, out)
        }
        Command::Log(args) => {
            let format = args.format.format;
            commands::log::run(session, log_request(args), format, out)
        }
        Command::Gap {
            id,
            person,
            assessor,
            any_status,
            to,
            format,
        } => {
            let selection = select::Selection {
                id: id.as_deref(),
                person: person.as_deref(),
                assessor: assessor.as_deref(),
                any_status,
                to: to.as_deref(),
            };
            gap::run(session, &selection, format.format, out)
        }
        Command::Compare {
            ids,
            person,
            any_status,
            disconnects,
            format,
        } => commands::compare::run(
            session,
            &ids,
            person.as_deref(),
            any_status,
            disconnects,
            format.format,
            out,
        ),
        Command::Progress {
            person,
            assessor,
            format,
        } => commands::progress::run(session, &person, assessor.as_deref(), format.format, out),
        Command::Focus {
            id,
            assessment,
            person,
            assessor,
            any_status,
            add,
            action,
            due,
            remove,
            clear,
            format,
        } => {
            let selection = select::Selection {
                id: id.as_deref().or(assessment.as_deref()),
                person: person.as_deref(),
                assessor: assessor.as_deref(),
                any_status,
                to: None,
            };
            let change = focus::Change {
                add,
                action,
                due,
                remove,
                clear,
            };
            focus::run(session, &selection, change, format.format, out)
        }
        Command::Export {
            id,
            person,
            assessor,
            any_status,
            format,
            output,
            packet,
        } => {
            let selection = select::Selection {
                id: id.as_deref(),
                person: person.as_deref(),
                assessor: assessor.as_deref(),
                any_status,
                to: None,
            };
            let shape = commands::packet::Shape {
                panel: packet.panel,
                with: packet.with,
            };
            exchange::export(session, &selection, format, &shape, output.as_deref(), out)
        }
        Command::Import { file, format } => exchange::import(session, &file, format.format, out),
        Command::List {
            person,
            status,
            format,
        } => {
            let status = status.map(|status| match status {
                StatusArg::InProgress => Status::InProgress,
                StatusArg::Complete => Status::Complete,
                StatusArg::Partial => Status::Partial,
            });
            commands::list::run(session, person.as_deref(), status, format.format, out)
        }
        Command::Team(args) => {
            let request = commands::team::Request {
                from: args.from,
                cycle: args.cycle,
                sort: match args.sort {
                    SortArg::Attention => Sort::Attention,
                    SortArg::Name => Sort::Name,
                    SortArg::Readiness => Sort::Readiness,
                    SortArg::Due => Sort::Due,
                },
                roles: args.role,
                people: args.person,
                part: args.part,
                aggregate: args.aggregate,
                today: args.as_of,
                format: Some(args.format),
                output: args.output,
            };
            commands::team::run(session, request, out)
        }
        Command::Ladder(command) => {
            let request = match command {
                LadderCommand::Import {
                    files,
                    dry_run,
                    output,
                    id,
                    name,
                    format,
                } => commands::ladder::Request::Import {
                    files,
                    dry_run,
                    output,
                    id,
                    name,
                    format: format.format,
                },
                LadderCommand::New { output } => commands::ladder::Request::New { output },
            };
            commands::ladder::run(request, out)
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            let shells = crate::complete::shells();
            let completer = shells.completer(shell.name()).ok_or_else(|| Error::Usage {
                message: format!("no completions for {}", shell.name()),
                help: "choose bash, zsh, fish, elvish or powershell".into(),
            })?;
            completer.write_registration(COMPLETE_VAR, "rungs", "rungs", "rungs", &mut script)?;
            out.document(&String::from_utf8_lossy(&script), true)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            out.document(&String::from_utf8_lossy(&page), true)
        }
    }
}

/// `rungs log`'s flags as the command's request.
pub fn log_request(args: LogArgs) -> commands::log::Request {
    commands::log::Request {
        text: args.text,
        person: args.person,
        date: args.date,
        links: args.links,
        tags: args.tags,
        since: args.since,
        until: args.until,
        untagged: args.untagged,
        edit: args.edit,
        retag: args.retag,
        remove: args.remove,
        from_git: args.from_git,
        author: args.author,
        yes: args.yes,
    }
}

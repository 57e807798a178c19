//! The dispatcher: builds the [`Session`] once from the global options,
//! then runs the command (each command's arguments are its request, see
//! [`Run`]). Nothing here renders or computes; it only matches.

use crate::cli::{Cli, Command};
use crate::commands::{self, Run, browse};
use crate::error::Error;
use crate::output::Output;
use crate::paths::Paths;
use crate::session::Session;
use crate::share;

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
    // A data directory in git: what the command changes is committed once
    // it ends, whether it ends well or not (a walk stopped halfway has
    // saved its answers).
    let watch = match (
        changes_files(&cli.command),
        session.paths.data_dir.as_deref(),
    ) {
        (true, Some(dir)) => Some(share::Watch::start(dir)),
        _ => None,
    };
    let result = dispatch(cli, session, out);
    if let Some(line) = watch.and_then(share::Watch::finish) {
        out.note(&line)?;
    }
    for notice in session.notices() {
        out.note(&format!("note: {notice}"))?;
    }
    // Entries of the data directory skipped on the way, one line each,
    // the first few of them and a count of the rest.
    for line in commands::list::skipped_lines(&session.take_warnings()) {
        out.note(&line)?;
    }
    result
}

fn dispatch(cli: Cli, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
    let command: &dyn Run = match &cli.command {
        Command::Assess(args) => args,
        Command::Rate(args) => args,
        Command::Delete(args) => args,
        Command::Gap(args) => args,
        Command::Compare(args) => args,
        Command::Progress(args) => args,
        Command::Focus(args) => args,
        Command::Export(args) => args,
        Command::Import(args) => args,
        Command::List(args) => args,
        Command::Team(args) => args,
        Command::Log(args) => args,
        Command::Roles(args) => args,
        Command::Show(args) => args,
        Command::Frameworks(args) => args,
        Command::Validate(args) => args,
        Command::Paths(args) => args,
        Command::Ladder(args) => args,
        Command::Init(args) => args,
        Command::Git(args) => args,
        Command::Completions(args) => args,
        Command::Man => return browse::man(out),
    };
    command.run(session, out)
}

/// Whether `command` may change files of the data directory: only those
/// are watched for a commit, so a command that only reads never runs git.
fn changes_files(command: &Command) -> bool {
    match command {
        Command::Assess(_) | Command::Rate(_) | Command::Delete(_) | Command::Import(_) => true,
        Command::Log(args) => {
            !args.text.is_empty()
                || args.edit.is_some()
                || args.retag.is_some()
                || args.remove.is_some()
                || args.from_git.is_some()
        }
        Command::Focus(args) => {
            args.add.is_some()
                || args.remove.is_some()
                || args.done.is_some()
                || args.dropped.is_some()
                || args.clear
        }
        _ => false,
    }
}

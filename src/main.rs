//! The `rungs` binary: parse arguments, run, and turn any error into a
//! message and an exit code, in this one place.

use std::io;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use rungs::app;
use rungs::cli::Cli;
use rungs::complete::COMPLETE_VAR;
use rungs::output::Output;

fn main() -> ExitCode {
    // A shell asking for completions: answer and stop.
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(COMPLETE_VAR)
        .complete();
    let cli = Cli::parse();
    let session = app::session(&cli);
    let (mut stdout, mut stderr) = (io::stdout().lock(), io::stderr().lock());
    let mut out = Output::new(&mut stdout, &mut stderr, session.settings.clone());
    match app::run(cli, &session, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`rungs show SPE | head`) is the reader's choice.
        Err(rungs::Error::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = out.error(&error);
            ExitCode::from(error.exit_code())
        }
    }
}

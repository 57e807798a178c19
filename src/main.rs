//! The `rungs` binary: parse arguments, run, and turn any error into a
//! message and an exit code, in this one place.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use rungs::app;
use rungs::cli::Cli;
use rungs::complete::COMPLETE_VAR;
use rungs::output::ColorChoice;
use rungs::output::Output;
use rungs::text::terminal_safe;

fn main() -> ExitCode {
    // A shell asking for completions: answer and stop.
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(COMPLETE_VAR)
        .shells(rungs::complete::shells())
        .complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return clap_error(&error),
    };
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

/// clap's own messages (help, version, a bad flag) echo the arguments:
/// they pass the same sanitiser as everything else.
fn clap_error(error: &clap::Error) -> ExitCode {
    let to_stderr = error.use_stderr();
    let is_terminal = if to_stderr {
        io::stderr().is_terminal()
    } else {
        io::stdout().is_terminal()
    };
    let colour = ColorChoice::Auto.enabled(is_terminal, &|name| std::env::var(name).ok());
    let rendered = error.render();
    let text = if colour {
        rendered.ansi().to_string()
    } else {
        rendered.to_string()
    };
    let safe = terminal_safe(&text, colour);
    let written = if to_stderr {
        io::stderr().write_all(safe.as_bytes())
    } else {
        io::stdout().write_all(safe.as_bytes())
    };
    match written {
        Ok(()) => ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2)),
        Err(_) => ExitCode::from(1),
    }
}

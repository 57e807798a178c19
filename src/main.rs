//! The `rungs` binary: parse arguments, run, and turn any error into a
//! message and an exit code, in this one place.

use std::io;
use std::process::ExitCode;

use clap::Parser;
use rungs::app::{self, Context};
use rungs::cli::Cli;
use rungs::render::Style;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let stderr = io::stderr();
    let err_colour = console::colors_enabled_stderr();
    let mut ctx = Context {
        out: &mut stdout.lock(),
        err: &mut stderr.lock(),
        style: Style::for_stdout(),
        err_colour,
    };
    let result = app::run(cli, &mut ctx);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`rungs show SPE | head`) is the reader's choice.
        Err(rungs::Error::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = ctx.out.flush();
            let _ = writeln!(ctx.err, "{}", error.render(err_colour));
            ExitCode::from(error.exit_code())
        }
    }
}

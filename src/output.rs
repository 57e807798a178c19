//! Where reports go: standard output (through a pager when it is a
//! terminal and the report is long), a file named with `--output`, and
//! messages on standard error. Nothing else in `rungs` writes to standard
//! output.
//!
//! Every text this module writes passes [`text::terminal_safe`], so no
//! control sequence from a file, a name or an argument reaches a terminal;
//! JSON is written exactly as serialised.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::error::Error;
use crate::render::{Format, Render, Style};
use crate::text;

/// When to colour: `--color`, then `NO_COLOR` and `CLICOLOR_FORCE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE`
    /// forces it on.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream that is (or is not) a terminal.
    pub fn enabled(self, is_terminal: bool, env: &dyn Fn(&str) -> Option<String>) -> bool {
        let set = |name: &str| env(name).is_some_and(|v| !v.is_empty() && v != "0");
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if env("NO_COLOR").is_some_and(|v| !v.is_empty()) => false,
            ColorChoice::Auto if set("CLICOLOR_FORCE") => true,
            ColorChoice::Auto => is_terminal,
        }
    }
}

/// How output should look and where long output goes, decided once per
/// run from the flags, the environment and the streams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Colour and width of standard output.
    pub style: Style,
    /// Colour on standard error, for messages and prompts.
    pub err_colour: bool,
    /// The pager command for long reports, when standard output is a
    /// terminal and paging is not turned off.
    pub pager: Option<String>,
}

impl Settings {
    /// From the flags and the process's environment and streams.
    pub fn detect(colour: ColorChoice, no_pager: bool) -> Settings {
        let env = |name: &str| std::env::var(name).ok();
        let stdout_term = io::stdout().is_terminal();
        let stderr_term = io::stderr().is_terminal();
        // Piped into `less` or `head` from a terminal, standard error is
        // usually still that terminal: its width is the reader's.
        let width = if stdout_term {
            console::Term::stdout().size().1.max(40)
        } else if let Some(width) = columns(env("COLUMNS").as_deref()) {
            width
        } else if stderr_term {
            console::Term::stderr().size().1.max(40)
        } else {
            crate::render::PIPE_WIDTH
        };
        Settings {
            style: Style {
                colour: colour.enabled(stdout_term, &env),
                width,
            },
            err_colour: colour.enabled(stderr_term, &env),
            pager: (stdout_term && !no_pager)
                .then(|| pager_command(&env))
                .flatten(),
        }
    }

    /// Plain text at the pipe width, no pager: what tests use.
    pub fn plain() -> Settings {
        Settings {
            style: Style::plain(),
            err_colour: false,
            pager: None,
        }
    }
}

/// `COLUMNS`, when it holds a usable width.
fn columns(value: Option<&str>) -> Option<u16> {
    let width: u16 = value?.trim().parse().ok()?;
    (width >= 20).then_some(width)
}

/// `RUNGS_PAGER`, then `PAGER`, then `less -FRX`, as git does; an empty
/// value or `cat` means no pager.
fn pager_command(env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let chosen = env("RUNGS_PAGER")
        .or_else(|| env("PAGER"))
        .unwrap_or_else(|| "less".to_string());
    let chosen = chosen.trim();
    (!chosen.is_empty() && chosen != "cat").then(|| chosen.to_string())
}

/// The streams of one run.
pub struct Output<'a> {
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    pub settings: Settings,
}

impl std::fmt::Debug for Output<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Output")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl<'a> Output<'a> {
    pub fn new(out: &'a mut dyn Write, err: &'a mut dyn Write, settings: Settings) -> Output<'a> {
        Output { out, err, settings }
    }

    pub fn style(&self) -> &Style {
        &self.settings.style
    }

    /// Renders a report in `format` to standard output, through the pager
    /// when the report is long and standard output a terminal.
    pub fn emit(&mut self, report: &dyn Render, format: Format) -> Result<(), Error> {
        self.write_report(report, format, report.long())
    }

    /// Renders a report in the middle of an interactive flow, where a
    /// pager would stand between the person and the next question.
    pub fn emit_unpaged(&mut self, report: &dyn Render, format: Format) -> Result<(), Error> {
        self.write_report(report, format, false)
    }

    fn write_report(
        &mut self,
        report: &dyn Render,
        format: Format,
        paged: bool,
    ) -> Result<(), Error> {
        let text = report.render(format, &self.settings.style);
        if format == Format::Json {
            self.out.write_all(text.as_bytes())?;
            return Ok(self.out.flush()?);
        }
        let text = match format {
            Format::Table => text::fit_lines(&text, usize::from(self.settings.style.width)),
            _ => std::borrow::Cow::Borrowed(text.as_str()),
        };
        let safe = text::terminal_safe(&text, self.settings.style.colour);
        match &self.settings.pager {
            Some(pager) if paged => page(pager, &safe, &mut *self.out),
            _ => {
                self.out.write_all(safe.as_bytes())?;
                Ok(self.out.flush()?)
            }
        }
    }

    /// Writes text that is already a document (a packet, a file as
    /// stored): exactly as it is when `exact`, otherwise made safe.
    pub fn document(&mut self, text: &str, exact: bool) -> Result<(), Error> {
        if exact {
            self.out.write_all(text.as_bytes())?;
        } else {
            let safe = text::terminal_safe(text, self.settings.style.colour);
            self.out.write_all(safe.as_bytes())?;
        }
        Ok(self.out.flush()?)
    }

    /// Writes a document to the file a person named with `--output`
    /// (exactly, or made safe like text for a terminal), as a shell's
    /// redirection would, and says so on standard error.
    pub fn to_file(&mut self, path: &Path, text: &str, exact: bool) -> Result<(), Error> {
        let text = if exact {
            std::borrow::Cow::Borrowed(text)
        } else {
            text::terminal_safe(text, false)
        };
        crate::fsio::write_output(path, text.as_bytes()).map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })?;
        self.note(&format!("Wrote {}", path.display()))
    }

    /// A line for the person on standard error: progress, confirmations
    /// that are not the command's result.
    pub fn note(&mut self, line: &str) -> Result<(), Error> {
        writeln!(self.err, "{}", text::terminal_safe(line, false))?;
        Ok(())
    }

    /// A one-line warning on standard error.
    pub fn warn(&mut self, line: &str) -> Result<(), Error> {
        let label = if self.settings.err_colour {
            "\u{1b}[33mwarning:\u{1b}[0m"
        } else {
            "warning:"
        };
        writeln!(self.err, "{label} {}", text::terminal_safe(line, false))?;
        Ok(())
    }

    /// An error with its advice on standard error, as `main` prints the
    /// one that ends a run.
    pub fn error(&mut self, error: &Error) -> Result<(), Error> {
        let _ = self.out.flush();
        self.problem(|colour| error.render(colour))
    }

    /// A problem rendered for standard error (a damaged file with its
    /// source lines), in colour when standard error takes colour: `render`
    /// is told which, and its colour sequences are kept then.
    pub fn problem(&mut self, render: impl FnOnce(bool) -> String) -> Result<(), Error> {
        let colour = self.settings.err_colour;
        writeln!(self.err, "{}", text::terminal_safe(&render(colour), colour))?;
        Ok(())
    }

    /// Plain lines on standard output, for commands whose result is a
    /// sentence ("Imported ...").
    pub fn line(&mut self, line: &str) -> Result<(), Error> {
        let safe = text::terminal_safe(line, self.settings.style.colour);
        writeln!(self.out, "{safe}")?;
        Ok(self.out.flush()?)
    }
}

/// Writes `text` through the pager, as git does: `LESS=FRX` unless set,
/// so short output prints and exits at once and colours show. When the
/// pager cannot start, the text goes straight to `out`.
fn page(pager: &str, text: &str, out: &mut dyn Write) -> Result<(), Error> {
    let mut words = pager.split_whitespace();
    let Some(program) = words.next() else {
        out.write_all(text.as_bytes())?;
        return Ok(());
    };
    let mut command = Command::new(program);
    command.args(words).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    let Ok(mut child) = command.spawn() else {
        out.write_all(text.as_bytes())?;
        return Ok(out.flush()?);
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader quitting early (`q` in less) closes the pipe: not an
        // error.
        match stdin.write_all(text.as_bytes()) {
            Err(error) if error.kind() != io::ErrorKind::BrokenPipe => return Err(error.into()),
            _ => {}
        }
    }
    child.wait()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn colour_follows_the_flag_then_no_color_then_clicolor_force() {
        let none = env_of(&[]);
        assert!(ColorChoice::Auto.enabled(true, &none));
        assert!(!ColorChoice::Auto.enabled(false, &none));
        assert!(ColorChoice::Always.enabled(false, &none));
        assert!(!ColorChoice::Never.enabled(true, &none));
        let no_color = env_of(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]);
        assert!(!ColorChoice::Auto.enabled(true, &no_color));
        assert!(ColorChoice::Always.enabled(true, &no_color));
        let forced = env_of(&[("CLICOLOR_FORCE", "1")]);
        assert!(ColorChoice::Auto.enabled(false, &forced));
        let not_forced = env_of(&[("CLICOLOR_FORCE", "0")]);
        assert!(!ColorChoice::Auto.enabled(false, &not_forced));
    }

    #[test]
    fn the_pager_is_rungs_pager_then_pager_then_less() {
        assert_eq!(pager_command(&env_of(&[])).as_deref(), Some("less"));
        let both = env_of(&[("RUNGS_PAGER", "most"), ("PAGER", "more")]);
        assert_eq!(pager_command(&both).as_deref(), Some("most"));
        assert_eq!(pager_command(&env_of(&[("PAGER", "cat")])), None);
        assert_eq!(pager_command(&env_of(&[("RUNGS_PAGER", "")])), None);
    }

    #[test]
    fn columns_must_be_a_usable_width() {
        assert_eq!(columns(Some("80")), Some(80));
        assert_eq!(columns(Some(" 132 ")), Some(132));
        assert_eq!(columns(Some("5")), None);
        assert_eq!(columns(Some("wide")), None);
        assert_eq!(columns(None), None);
    }
}

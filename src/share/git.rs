//! Running the `git` binary for the data directory: never through a
//! shell, with no pager, no colour, no hooks and no file-system monitor,
//! and nothing taken from the environment's `GIT_*` variables (which
//! could point at another repository or configuration). Paths are given
//! as literal pathspecs, so a name is never a pattern.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Why git gave no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The binary could not be started: not installed, or not on PATH.
    Missing(String),
    /// git ran and refused: its first line of standard error.
    Refused(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Missing(why) => {
                write!(
                    f,
                    "git cannot be run ({why}): install git, or put it on PATH"
                )
            }
            Failure::Refused(why) => write!(f, "git: {why}"),
        }
    }
}

/// A `git` command for `dir`, with the settings above.
pub fn command(dir: &Path) -> Command {
    let mut command = Command::new("git");
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("GIT_") {
            command.env_remove(name);
        }
    }
    command
        .arg("-C")
        .arg(dir)
        .args([
            "--literal-pathspecs",
            "-c",
            "core.pager=cat",
            "-c",
            "color.ui=false",
            "-c",
            "core.fsmonitor=false",
            "-c",
            "core.quotePath=false",
            "-c",
            "i18n.logOutputEncoding=UTF-8",
            // Hooks are programs: a commit by rungs runs none.
            "-c",
            "core.hooksPath=/dev/null",
        ])
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null());
    command
}

/// Runs git in `dir` with `args`; standard output on success.
pub fn run<I, S>(dir: &Path, args: I) -> Result<Vec<u8>, Failure>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = command(dir)
        .args(args)
        .output()
        .map_err(|error| Failure::Missing(error.to_string()))?;
    finish(output)
}

fn finish(output: Output) -> Result<Vec<u8>, Failure> {
    if output.status.success() {
        return Ok(output.stdout);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let first = stderr
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with("hint:"))
        .unwrap_or("failed")
        .to_string();
    Err(Failure::Refused(first))
}

/// One line of git's output as text, trimmed.
pub fn line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim().to_string()
}

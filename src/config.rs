//! The settings file, `<config dir>/config.toml`:
//!
//! ```toml
//! format_version = 1
//! default_framework = "acme-engineering"   # what commands use without --framework
//! team_cycle = "90d"                         # how often `rungs team` expects an assessment
//! ```
//!
//! Absent, every setting has its default. Every problem is reported with
//! the file, line and column.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, FileKind, InvalidFile, Origin, SourceFile};
use crate::error::Error;

/// The newest settings format this build reads.
pub const CONFIG_VERSION: i64 = 1;

/// Settings files larger than this are refused.
const MAX_BYTES: u64 = 64 * 1024;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// Version of the settings format; see `CONFIG_VERSION`.
    format_version: Spanned<i64>,
    /// The id of the framework commands use when `--framework` is not given.
    #[serde(default)]
    default_framework: Option<Spanned<String>>,
    /// How often each person of a team is expected to be assessed:
    /// `90d`, `13w`.
    #[serde(default)]
    team_cycle: Option<Spanned<String>>,
}

/// Checked settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub source: SourceFile,
    /// The id, and where it is written, for errors about it.
    pub default_framework: Option<Spanned<String>>,
    /// Days between assessments, for `rungs team`.
    pub team_cycle: Option<u32>,
}

/// The longest cycle: ten years.
pub const MAX_CYCLE: u32 = 3660;

/// A cycle length: days (`90d`) or weeks (`13w`), 1 day to 10 years.
pub fn parse_cycle(text: &str) -> Option<u32> {
    let text = text.trim();
    let (at, _) = text.char_indices().last()?;
    let (number, unit) = text.split_at(at);
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) || number.len() > 5 {
        return None;
    }
    let number: u32 = number.parse().ok()?;
    let days = match unit {
        "d" | "D" => number,
        "w" | "W" => number.checked_mul(7)?,
        _ => return None,
    };
    (1..=MAX_CYCLE).contains(&days).then_some(days)
}

impl Config {
    /// An error pointing at `default_framework` in the file.
    pub fn error_at_default(&self, diagnostic: Diagnostic) -> Error {
        InvalidFile::new(FileKind::State, &self.source, vec![diagnostic]).into()
    }
}

/// `<config dir>/config.toml`.
pub fn path(config_dir: &Path) -> PathBuf {
    config_dir.join("config.toml")
}

/// Reads the settings file of `config_dir`; `None` when there is none.
pub fn load(config_dir: Option<&Path>) -> Result<Option<Config>, Error> {
    let Some(dir) = config_dir else {
        return Ok(None);
    };
    let path = path(dir);
    let metadata = match std::fs::metadata(&path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(Error::Io(std::io::Error::new(
                error.kind(),
                format!("cannot read {}: {error}", path.display()),
            )));
        }
    };
    if !metadata.is_file() || metadata.len() > MAX_BYTES {
        return Err(Error::Usage {
            message: format!("{} is not a settings file", path.display()),
            help: "it must be a small TOML file; move it away to use the defaults".into(),
        });
    }
    let text = fs_err::read_to_string(&path)?;
    parse(SourceFile::new(Origin::File(path), text)).map(Some)
}

/// Checks a settings file.
pub fn parse(source: SourceFile) -> Result<Config, Error> {
    let fail = |diagnostic: Diagnostic| -> Error {
        InvalidFile::new(FileKind::State, &source, vec![diagnostic]).into()
    };
    let raw: RawConfig = match toml::from_str(&source.text) {
        Ok(raw) => raw,
        Err(error) => return Err(fail(Diagnostic::from_toml(&error, &source))),
    };
    let version = *raw.format_version.get_ref();
    if version > CONFIG_VERSION {
        return Err(fail(
            Diagnostic::new(
                raw.format_version.span(),
                format!(
                    "this settings file uses format version {version}, newer than this rungs reads"
                ),
            )
            .label(format!("this rungs reads format version {CONFIG_VERSION}"))
            .help("upgrade rungs, or set `format_version = 1` and remove the newer settings"),
        ));
    }
    if version < 1 {
        return Err(fail(
            Diagnostic::new(
                raw.format_version.span(),
                format!("invalid format version {version}"),
            )
            .label("format versions start at 1")
            .help(format!("set `format_version = {CONFIG_VERSION}`")),
        ));
    }
    if let Some(id) = &raw.default_framework
        && id.get_ref().trim().is_empty()
    {
        return Err(fail(
            Diagnostic::new(id.span(), "empty `default_framework`")
                .label("a framework id goes here")
                .help("write the id of a framework, as `rungs frameworks` lists them, or remove the line"),
        ));
    }
    let team_cycle = match &raw.team_cycle {
        None => None,
        Some(cycle) => match parse_cycle(cycle.get_ref()) {
            Some(days) => Some(days),
            None => {
                return Err(fail(
                    Diagnostic::new(cycle.span(), "not a cycle length")
                        .label("days or weeks: \"90d\", \"13w\"")
                        .help(format!(
                            "write a number of days (`90d`) or weeks (`13w`), at most {MAX_CYCLE} days, or remove the line"
                        )),
                ));
            }
        },
    };
    Ok(Config {
        default_framework: raw.default_framework,
        team_cycle,
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<Config, Error> {
        parse(SourceFile::new(Origin::File("config.toml".into()), text))
    }

    fn location(text: &str) -> (usize, usize) {
        match check(text) {
            Err(Error::InvalidFile(error)) => error.locations()[0],
            other => panic!("expected an invalid file, got {other:?}"),
        }
    }

    #[test]
    fn a_default_framework_is_read() {
        let config = check("format_version = 1\ndefault_framework = \"acme\"\n").expect("valid");
        assert_eq!(
            config.default_framework.map(Spanned::into_inner).as_deref(),
            Some("acme")
        );
        assert!(
            check("format_version = 1\n")
                .expect("valid")
                .default_framework
                .is_none()
        );
    }

    #[test]
    fn a_team_cycle_is_days_or_weeks() {
        assert_eq!(parse_cycle("90d"), Some(90));
        assert_eq!(parse_cycle("13w"), Some(91));
        for bad in [
            "", "d", "90", "0d", "-5d", "9999w", "1.5d", "90 d", "３d", "9０",
        ] {
            assert_eq!(parse_cycle(bad), None, "{bad:?}");
        }
        let config = check("format_version = 1\nteam_cycle = \"6w\"\n").expect("valid");
        assert_eq!(config.team_cycle, Some(42));
        assert_eq!(
            location("format_version = 1\nteam_cycle = \"soon\"\n"),
            (2, 14)
        );
    }

    #[test]
    fn problems_name_the_line_and_column() {
        assert_eq!(
            location("format_version = 1\ndefault_frmework = \"a\"\n"),
            (2, 1)
        );
        assert_eq!(location("format_version = 2\n"), (1, 18));
        assert_eq!(
            location("format_version = 1\ndefault_framework = \" \"\n"),
            (2, 21)
        );
        assert_eq!(
            location("default_framework = \"a\"\n"),
            (1, 1),
            "missing version"
        );
    }
}

//! Every framework a run can see: the built-in ones, the user's files in
//! `<config dir>/frameworks/`, and files named with `--framework PATH`.
//!
//! A user framework with the id of a built-in one replaces it; a file named
//! with `--framework` replaces an installed one with its id (so an edited
//! copy can be tried), saying so; two installed files with one id are an
//! error, since neither is clearly meant. `default_framework` in the
//! settings file chooses the framework used without `--framework`.

use std::path::{Path, PathBuf};

use fs_err as fs;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, FileKind, Origin, SourceFile};
use crate::embedded::{BUILT_IN, DEFAULT_FRAMEWORK};
use crate::error::Error;
use crate::framework::{self, Framework};
use crate::fsio;
use crate::paths::looks_like_path;
use crate::suggest;

/// Where a framework in the catalog came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    BuiltIn,
    /// A file in the user's config directory.
    UserDir,
    /// A file named on the command line.
    CommandLine,
}

#[derive(Debug)]
pub struct Entry {
    pub framework: Framework,
    pub origin: Origin,
    pub provenance: Provenance,
    /// The built-in framework this one replaces, by id.
    pub replaces_built_in: bool,
}

/// The frameworks available to this run, built-in ones first.
#[derive(Debug)]
pub struct Catalog {
    entries: Vec<Entry>,
    /// The id chosen with `--framework`, if any.
    selected: Option<String>,
    /// The id the settings file names as the default, if any.
    default: Option<String>,
    /// Where installed framework files are, for advice.
    user_dir: Option<PathBuf>,
    /// What a person should know about how the catalog was put together.
    notices: Vec<String>,
}

impl Catalog {
    /// Loads every framework. `framework_args` are the `--framework` values:
    /// each a file to load or an id; the last one is the framework that
    /// commands working on one framework use.
    pub fn load(user_dir: Option<&Path>, framework_args: &[String]) -> Result<Catalog, Error> {
        let mut entries = Vec::new();
        for (name, json) in BUILT_IN {
            entries.push(Entry {
                framework: crate::embedded::load(json)?,
                origin: Origin::BuiltIn(name),
                provenance: Provenance::BuiltIn,
                replaces_built_in: false,
            });
        }
        let mut catalog = Catalog {
            entries,
            selected: None,
            default: None,
            user_dir: user_dir.map(Path::to_path_buf),
            notices: Vec::new(),
        };
        if let Some(dir) = user_dir {
            for path in framework_files(dir)? {
                catalog.add_file(&path, Provenance::UserDir)?;
            }
        }
        for arg in framework_args {
            let id = if looks_like_path(arg) {
                catalog.add_file(Path::new(arg), Provenance::CommandLine)?
            } else {
                catalog.find(arg)?.framework.id.clone()
            };
            catalog.selected = Some(id);
        }
        Ok(catalog)
    }

    fn add_file(&mut self, path: &Path, provenance: Provenance) -> Result<String, Error> {
        let source = read_framework(path)?;
        let framework = framework::parse(&source).map_err(Error::from)?;
        let id = framework.id.clone();
        let mut replaces_built_in = false;
        if let Some(index) = self.entries.iter().position(|e| e.framework.id == id) {
            let existing = &self.entries[index];
            if existing.origin == source.origin {
                return Ok(id); // the same file named twice
            }
            match (existing.provenance, provenance) {
                (Provenance::BuiltIn, _) => replaces_built_in = true,
                (Provenance::UserDir, Provenance::CommandLine) => {
                    self.notices.push(format!(
                        "using {} for framework `{id}`, instead of the installed {}",
                        source.origin, existing.origin
                    ));
                    replaces_built_in = existing.replaces_built_in;
                }
                _ => {
                    return Err(Error::DuplicateFramework {
                        id,
                        first: existing.origin.to_string(),
                        second: source.origin.to_string(),
                    });
                }
            }
            self.entries.remove(index);
        }
        self.entries.push(Entry {
            framework,
            origin: source.origin,
            provenance,
            replaces_built_in,
        });
        Ok(id)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Finds a framework by id, ignoring case.
    pub fn find(&self, id: &str) -> Result<&Entry, Error> {
        self.entries
            .iter()
            .find(|entry| entry.framework.id.eq_ignore_ascii_case(id))
            .ok_or_else(|| {
                let ids: Vec<&str> = self
                    .entries
                    .iter()
                    .map(|e| e.framework.id.as_str())
                    .collect();
                Error::UnknownFramework {
                    id: id.to_string(),
                    suggestion: suggest::nearest(id, ids.iter().copied()),
                    known: ids.iter().map(|s| s.to_string()).collect(),
                    install_dir: self.user_dir.clone(),
                }
            })
    }

    /// The framework to use without asking: the one `--framework` chose,
    /// the settings file's default, or the only one there is.
    pub fn unambiguous(&self) -> Option<&Framework> {
        if self.selected.is_some() || self.default.is_some() || self.entries.len() == 1 {
            self.selected().ok()
        } else {
            None
        }
    }

    /// The framework named by the last `--framework`, else the settings
    /// file's default, else the built-in default.
    pub fn selected(&self) -> Result<&Framework, Error> {
        let id = self
            .selected
            .as_deref()
            .or(self.default.as_deref())
            .unwrap_or(DEFAULT_FRAMEWORK);
        self.find(id).map(|entry| &entry.framework)
    }

    /// Makes the settings file's `default_framework` the framework used
    /// without `--framework`. An id that is not loaded is an error at its
    /// place in the file, saying how to load it.
    pub fn set_default(&mut self, config: &Config) -> Result<(), Error> {
        let Some(id) = &config.default_framework else {
            return Ok(());
        };
        match self.find(id.get_ref()) {
            Ok(entry) => {
                self.default = Some(entry.framework.id.clone());
                Ok(())
            }
            Err(error) => {
                let help = error.help().unwrap_or_default();
                Err(config.error_at_default(
                    Diagnostic::new(
                        id.span(),
                        format!("no framework with id `{}` is loaded", id.get_ref()),
                    )
                    .label("`default_framework` names it")
                    .help(help),
                ))
            }
        }
    }

    /// What a person should know about how the catalog was put together:
    /// a `--framework` file used instead of an installed copy.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }
}

/// Reads a framework file: a regular file within the size limit, UTF-8
/// (or an error at the first bad byte); a wrong path says what to do.
pub fn read_framework(path: &Path) -> Result<SourceFile, Error> {
    Ok(fsio::read_source(path, FileKind::Framework)?)
}

/// The `*.toml` files of a directory, sorted by name; none if it is absent.
pub fn framework_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(Error::Io(error)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(Error::Io)?.path();
        if path.extension().is_some_and(|ext| ext == "toml") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_frameworks_load_and_the_default_is_selected() {
        let catalog = Catalog::load(None, &[]).expect("built-ins load");
        assert_eq!(catalog.selected().expect("default").id, DEFAULT_FRAMEWORK);
        assert!(
            catalog
                .entries()
                .iter()
                .all(|e| e.provenance == Provenance::BuiltIn)
        );
    }

    #[test]
    fn an_unknown_id_suggests_the_nearest() {
        let catalog = Catalog::load(None, &[]).expect("built-ins load");
        match catalog.find("platform-engineerin") {
            Err(Error::UnknownFramework { suggestion, .. }) => {
                assert_eq!(suggestion.as_deref(), Some(DEFAULT_FRAMEWORK));
            }
            other => panic!("expected an unknown framework, got {other:?}"),
        }
    }
}

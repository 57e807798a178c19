//! Assessments on disk: one TOML file each in `<data dir>/assessments/`,
//! written atomically (temporary file, fsync, rename, fsync of the
//! directory), owner-only, and locked while a session edits one.
//!
//! A file that cannot be read (corrupt, truncated, of a newer format) is
//! reported and never written: nothing here writes a file it did not load
//! or create.
//!
//! Nothing but people's files is written in the data directory: the locks
//! and the name remembered for next time are kept with the data
//! directory's caches (see [`crate::cache`]).

use std::cell::RefCell;
use std::fmt;
use std::path::{Path, PathBuf};

use fs_err as fs;
use serde::{Deserialize, Serialize};

use super::{Assessment, Timestamp};
use crate::cache::Cache;
use crate::catalog::Catalog;
use crate::diagnostic::FileKind;
use crate::error::Error;
use crate::fsio::{self, Fnv1a, Stamp};
use crate::suggest;

/// The assessments of one data directory.
#[derive(Debug)]
pub struct Store {
    data_dir: PathBuf,
    /// The data directory's caches, locks and remembered name.
    cache: Cache,
    /// Entries skipped on the way (a directory named `x.toml`, a pipe, a
    /// damaged file), for the command to show; see [`Store::take_warnings`].
    warnings: RefCell<Vec<Warning>>,
    /// Where assessments were found or created this run, so saving one
    /// again during a walk looks at no other folder.
    known: RefCell<std::collections::HashMap<String, PathBuf>>,
    /// A folder rungs only reads: see [`Store::read_only`].
    read_only: bool,
}

/// An entry of the data directory that was skipped, and why.
#[derive(Debug)]
pub struct Warning {
    pub path: PathBuf,
    pub problem: Error,
}

impl Warning {
    /// A damaged or unreadable assessment file, rather than something that
    /// is not an assessment at all (a directory, a pipe).
    pub fn is_damaged(&self) -> bool {
        matches!(
            self.problem,
            Error::InvalidFile(_)
                | Error::Io(_)
                | Error::Read(fsio::ReadError::TooLarge { .. } | fsio::ReadError::Io { .. })
        )
    }

    /// Every problem of a damaged file with its source lines; one line for
    /// anything else.
    pub fn render(&self, colour: bool) -> String {
        match &self.problem {
            Error::InvalidFile(error) => format!("{}\n", error.render(colour)),
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for Warning {
    /// One line: `warning: skipping PATH: why`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match &self.problem {
            Error::InvalidFile(error) => {
                let (line, column) = error.locations().first().copied().unwrap_or((1, 1));
                let first = error.diagnostics.first().map_or("", |d| d.message.as_str());
                let more = error.diagnostics.len() - 1;
                let more = match more {
                    0 => String::new(),
                    1 => " (and 1 more problem)".to_string(),
                    n => format!(" (and {n} more problems)"),
                };
                format!(
                    "not a valid {} at {line}:{column}: {first}{more}",
                    error.kind
                )
            }
            // These name the path themselves.
            Error::Read(error) => {
                let text = error.to_string();
                let path = error.path().display().to_string();
                text.replacen(&format!("{path} "), "", 1)
            }
            other => other.to_string(),
        };
        write!(f, "warning: skipping {}: {why}", self.path.display())
    }
}

/// A directory of assessment files, and the name its part of the index
/// goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    pub name: String,
    pub path: PathBuf,
    /// Whether listing it may remove temporary files left by killed runs:
    /// never in a folder rungs only reads (`team --from`).
    pub tidy: bool,
}

/// An assessment file found in a folder.
#[derive(Debug)]
pub struct StoredFile {
    pub id: String,
    pub path: PathBuf,
    /// As it was when listed (through a symlink).
    pub stamp: Stamp,
}

/// What listing a folder found.
#[derive(Debug, Default)]
pub struct Listing {
    /// The assessment files, sorted by id.
    pub files: Vec<StoredFile>,
    /// The entries named `*.toml` that are not assessment files, with why.
    pub skipped: Skipped,
    /// Whether there were temporary files, of a write under way or a
    /// killed run's that is not yet old enough to remove.
    pub temps: bool,
}

/// Files of one folder sorted by id (each name is its id's alone): the
/// ids are sorted beside their places, and each file is moved once.
fn by_id(files: Vec<StoredFile>) -> Vec<StoredFile> {
    let mut order: Vec<(&str, usize)> = files
        .iter()
        .enumerate()
        .map(|(n, file)| (file.id.as_str(), n))
        .collect();
    if order.is_sorted() {
        return files;
    }
    order.sort_unstable();
    let order: Vec<usize> = order.into_iter().map(|(_, n)| n).collect();
    in_order(files, &order)
}

/// `items` in `order`, a permutation of their places, each moved once;
/// for sorting items too large to be swapped about.
fn in_order<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|&n| slots.get_mut(n)?.take())
        .collect()
}

/// The entries of a folder skipped, with why.
pub type Skipped = Vec<(PathBuf, Error)>;

impl Folder {
    /// The assessment files of this folder, sorted by id, and the entries
    /// named `*.toml` that are not (a directory, a pipe, a link to a
    /// device, a name that is not an id) with why. Temporary files are
    /// never listed, and those too old to belong to a running write are
    /// removed. Shares nothing, so folders can be listed on several
    /// threads.
    pub fn list(&self) -> Result<Listing, Error> {
        let entries = match fs::read_dir(&self.path) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Listing::default());
            }
            Err(error) => return Err(error.into()),
        };
        let mut files = Vec::new();
        let mut skipped = Vec::new();
        let mut temps = false;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                continue;
            };
            if fsio::is_temp(name) {
                temps = true;
                continue;
            }
            let Some(id) = name.strip_suffix(EXTENSION) else {
                continue;
            };
            if id.starts_with('.') {
                continue;
            }
            let path = entry.path();
            // Relative to the open folder (no walk down the whole path for
            // each of thousands of files), and through a symlink to what it
            // points at.
            let metadata = match entry.metadata() {
                Ok(metadata) if metadata.is_symlink() => std::fs::metadata(&path),
                found => found,
            };
            let metadata = match metadata {
                Ok(metadata) if metadata.is_file() => metadata,
                Ok(_) | Err(_) => {
                    if let Err(error) = fsio::read(&path, FileKind::Assessment) {
                        skipped.push((path, error.into()));
                    }
                    continue;
                }
            };
            if check_id(id).is_err() {
                skipped.push((
                    path,
                    Error::Usage {
                        message: "its name is not an assessment id (letters, digits, `.`, `-` and `_`, at most 200)".into(),
                        help: String::new(),
                    },
                ));
                continue;
            }
            files.push(StoredFile {
                id: id.to_string(),
                path,
                stamp: Stamp::of(&metadata),
            });
        }
        if temps && self.tidy {
            fsio::remove_stale(&self.path);
        }
        Ok(Listing {
            files: by_id(files),
            skipped,
            temps,
        })
    }
}

/// Reads and checks the assessment file at `path`: shares nothing, so
/// files can be read on several threads.
pub(crate) fn read_path(path: &Path, catalog: &Catalog) -> Result<Assessment, Error> {
    let source = fsio::read_source(path, FileKind::Assessment)?;
    super::read(&source, catalog)
}

/// What an assessment's file name adds to its id.
pub(crate) const EXTENSION: &str = ".toml";

/// The file name of the assessment `id`.
pub(crate) fn file_name(id: &str) -> String {
    format!("{id}{EXTENSION}")
}

/// The index name of `assessments/` itself; person directories are slugs,
/// which never start with `_`.
const TOP_FOLDER: &str = "_top";

/// Held while a session may write an assessment; released on drop (and by
/// the operating system if the process dies).
#[derive(Debug)]
pub struct Lock {
    _file: std::fs::File,
}

/// The longest assessment id: with `.toml`, `.lock` or the temporary
/// file's decorations it stays well inside the 255 bytes a file name may
/// have.
pub const MAX_ID: usize = 200;

/// Ids become file names: letters, digits, `.`, `-`, `_`, starting with a
/// letter or digit, at most [`MAX_ID`] bytes. Every id that reaches the
/// file system passes here, from an argument, a file or the index: none
/// can name a path outside the data directory.
pub fn check_id(id: &str) -> Result<(), Error> {
    // Bytes, not characters: any byte of a character beyond ASCII fails.
    let valid = id.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && id.len() <= MAX_ID
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if valid {
        Ok(())
    } else {
        Err(Error::Usage {
            message: format!(
                "the assessment id `{}` cannot be a file name",
                id.escape_debug()
            ),
            help: format!(
                "ids use letters, digits, `.`, `-` and `_` only, start with a letter or digit and are at most {MAX_ID} characters; `rungs list` shows them"
            ),
        })
    }
}

impl Store {
    /// The store of `data_dir`, with no caches: every run reads every file.
    pub fn new(data_dir: impl Into<PathBuf>) -> Store {
        Store::with_cache(data_dir, Cache::none())
    }

    pub fn with_cache(data_dir: impl Into<PathBuf>, cache: Cache) -> Store {
        Store {
            data_dir: data_dir.into(),
            cache,
            read_only: false,
            warnings: RefCell::new(Vec::new()),
            known: RefCell::new(std::collections::HashMap::new()),
        }
    }

    /// The store of a folder rungs only reads (a colleague's clone, a
    /// mounted share): listing it leaves even stale temporary files there.
    /// Nothing that writes is given such a store.
    pub fn read_only(data_dir: impl Into<PathBuf>, cache: Cache) -> Store {
        Store {
            read_only: true,
            ..Store::with_cache(data_dir, cache)
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn assessments_dir(&self) -> PathBuf {
        self.data_dir.join("assessments")
    }

    pub fn cache(&self) -> &Cache {
        &self.cache
    }

    /// Where lock files go: with the caches, so that a data directory
    /// kept in git holds nothing but people's files; in the data
    /// directory only when there is no cache directory to use.
    pub fn locks_dir(&self) -> PathBuf {
        if let Some(dir) = self.cache.path("locks")
            && fsio::private_dir(&dir).is_ok()
        {
            return dir;
        }
        self.data_dir.join("locks")
    }

    /// Where the name remembered for next time is kept (see
    /// [`Store::locks_dir`]).
    fn state_path(&self) -> PathBuf {
        self.cache
            .path(STATE_FILE)
            .unwrap_or_else(|| self.data_dir.join(STATE_FILE))
    }

    /// Notes an entry that was skipped.
    pub fn warn(&self, path: impl Into<PathBuf>, problem: Error) {
        self.warnings.borrow_mut().push(Warning {
            path: path.into(),
            problem,
        });
    }

    /// The entries skipped since the last call, each once, by path.
    pub fn take_warnings(&self) -> Vec<Warning> {
        let mut warnings = std::mem::take(&mut *self.warnings.borrow_mut());
        warnings.sort_by(|a, b| a.path.cmp(&b.path));
        warnings
    }

    /// Where a new assessment of `person` goes: a directory per person, so
    /// finding one person's assessments reads only their directory.
    fn new_path(&self, person: &str, id: &str) -> PathBuf {
        self.assessments_dir()
            .join(slug(person))
            .join(file_name(id))
    }

    /// The file of an assessment, wherever it is: in its person's directory,
    /// in another one, or directly in `assessments/` (where files copied by
    /// hand may be). An id that cannot be a file name is refused.
    pub fn find(&self, id: &str) -> Result<Option<PathBuf>, Error> {
        self.find_for(id, None)
    }

    /// [`Store::find`], looking first where it was last seen this run,
    /// then in `person`'s folder (and `assessments/` itself), and only
    /// then in every folder: saving during a walk does constant work.
    fn find_for(&self, id: &str, person: Option<&str>) -> Result<Option<PathBuf>, Error> {
        check_id(id)?;
        let name = file_name(id);
        let known = self.known.borrow().get(id).cloned();
        if let Some(path) = known
            && path.is_file()
        {
            return Ok(Some(path));
        }
        let mut looked = Vec::new();
        if let Some(person) = person {
            for folder in self.folders(Some(person))? {
                let path = folder.path.join(&name);
                if path.is_file() {
                    self.known.borrow_mut().insert(id.to_string(), path.clone());
                    return Ok(Some(path));
                }
                looked.push(folder.path);
            }
        }
        for folder in self.folders(None)? {
            if looked.contains(&folder.path) {
                continue;
            }
            let path = folder.path.join(&name);
            if path.is_file() {
                self.known.borrow_mut().insert(id.to_string(), path.clone());
                return Ok(Some(path));
            }
        }
        Ok(None)
    }

    /// Where an assessment is stored, or will be when first saved.
    pub fn location(&self, assessment: &Assessment) -> Result<PathBuf, Error> {
        // Made by `create` this run, under the lock held since: nowhere else.
        let known = self.known.borrow().get(&assessment.id).cloned();
        if let Some(path) = known
            && !path.exists()
        {
            return Ok(path);
        }
        Ok(
            match self.find_for(&assessment.id, Some(&assessment.person))? {
                Some(path) => path,
                None => self.new_path(&assessment.person, &assessment.id),
            },
        )
    }

    /// Creates the data directories, owner-only.
    fn ensure_dirs(&self) -> std::io::Result<()> {
        for dir in [&self.data_dir, &self.assessments_dir()] {
            fsio::private_dir(dir).map_err(|error| {
                std::io::Error::new(
                    error.kind(),
                    format!("cannot create the directory {}: {error}", dir.display()),
                )
            })?;
        }
        Ok(())
    }

    /// The folders holding assessment files: `assessments/` itself first,
    /// then one per person, sorted. With `person`, only that person's (and
    /// `assessments/` itself, for files placed there by hand).
    pub fn folders(&self, person: Option<&str>) -> Result<Vec<Folder>, Error> {
        let root = self.assessments_dir();
        let tidy = !self.read_only;
        let mut folders = vec![Folder {
            name: TOP_FOLDER.to_string(),
            path: root.clone(),
            tidy,
        }];
        if let Some(person) = person {
            // The folder of today's slug, and the one older versions of
            // rungs made (which dropped letters outside ASCII).
            let mut names = vec![slug(person), legacy_slug(person)];
            names.dedup();
            for name in names {
                let path = root.join(&name);
                if path.is_dir() {
                    folders.push(Folder { name, path, tidy });
                }
            }
            return Ok(folders);
        }
        let entries = match fs::read_dir(&root) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(folders),
            Err(error) => return Err(error.into()),
        };
        let mut people = Vec::new();
        for entry in entries.flatten() {
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                continue;
            };
            if !name.starts_with('.') && entry.file_type().is_ok_and(|t| t.is_dir()) {
                people.push(Folder {
                    name,
                    path: entry.path(),
                    tidy,
                });
            }
        }
        people.sort_by(|a, b| a.name.cmp(&b.name));
        folders.extend(people);
        Ok(folders)
    }

    /// The assessment files of one folder: (id, path), sorted by id. An
    /// entry named `*.toml` that is not a regular file (a directory, a
    /// pipe, a link to a device) is skipped with a warning; temporary files
    /// are never listed, and those too old to belong to a running write are
    /// removed.
    pub fn files(&self, folder: &Folder) -> Result<Vec<(String, PathBuf)>, Error> {
        Ok(self
            .files_with_stamps(folder)?
            .into_iter()
            .map(|file| (file.id, file.path))
            .collect())
    }

    /// Notes where the assessment `id` was found (by the index), so that
    /// loading or saving it looks there first.
    pub fn found_at(&self, id: String, path: PathBuf) {
        self.known.borrow_mut().insert(id, path);
    }

    /// [`Store::files`] with each file's stamp (through a symlink), as
    /// read to check it is a regular file.
    fn files_with_stamps(&self, folder: &Folder) -> Result<Vec<StoredFile>, Error> {
        let listing = folder.list()?;
        for (path, error) in listing.skipped {
            self.warn(path, error);
        }
        Ok(listing.files)
    }

    /// Ids of every stored assessment, sorted.
    pub fn ids(&self) -> Result<Vec<String>, Error> {
        let known = self.warnings.borrow().len();
        let mut ids = Vec::new();
        for folder in self.folders(None)? {
            ids.extend(self.files(&folder)?.into_iter().map(|(id, _)| id));
        }
        ids.sort();
        // Entries skipped while listing ids for a suggestion are no news.
        self.warnings.borrow_mut().truncate(known);
        Ok(ids)
    }

    /// Reads one assessment and checks it against its framework when that
    /// is loaded; a damaged, newer or inconsistent file is an error naming
    /// the line and column.
    pub fn load(&self, id: &str, catalog: &Catalog) -> Result<Assessment, Error> {
        match self.find(id)? {
            Some(path) => self.load_path(&path, catalog),
            None => {
                let ids = self.ids()?;
                Err(Error::UnknownAssessment {
                    id: id.to_string(),
                    suggestion: suggest::nearest(id, ids.iter().map(String::as_str)),
                })
            }
        }
    }

    /// Reads the assessment file at `path`; see [`Store::load`].
    pub fn load_path(&self, path: &Path, catalog: &Catalog) -> Result<Assessment, Error> {
        read_path(path, catalog)
    }

    /// The text of an assessment's file, as stored (for `export`).
    pub fn text(&self, assessment: &Assessment) -> Result<String, Error> {
        let path = self.location(assessment)?;
        Ok(fsio::read_source(&path, FileKind::Assessment)?.text)
    }

    /// Takes the lock of an assessment, or says another session has it.
    pub fn lock(&self, id: &str) -> Result<Lock, Error> {
        check_id(id)?;
        let dir = self.locks_dir();
        let path = dir.join(format!("{id}.lock"));
        let failed = |source| Error::Save {
            id: id.to_string(),
            path: path.clone(),
            source,
        };
        self.ensure_dirs()
            .and_then(|()| fsio::private_dir(&dir))
            .map_err(failed)?;
        let file = fsio::open_lock(&path).map_err(failed)?;
        match file.try_lock() {
            Ok(()) => Ok(Lock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked { id: id.to_string() }),
            Err(std::fs::TryLockError::Error(error)) => Err(error.into()),
        }
    }

    /// Writes an assessment atomically where it is stored (in its
    /// person's directory when new). The caller holds its lock, so any
    /// temporary file left for it by a killed run is no one's and goes.
    pub fn save(&self, assessment: &Assessment, _lock: &Lock) -> Result<PathBuf, Error> {
        let path = self.location(assessment)?;
        let failed = |source| Error::Save {
            id: assessment.id.clone(),
            path: path.clone(),
            source,
        };
        let text = assessment.to_toml().map_err(failed)?;
        // Written, a file over the limit would be refused by every command
        // after: refused now, with the stored file as it was.
        let limit = fsio::size_limit(FileKind::Assessment);
        if text.len() as u64 > limit {
            return Err(Error::TooLarge {
                message: format!(
                    "assessment `{}` would be larger than {} MiB, the most rungs reads of an assessment; nothing was saved",
                    assessment.id,
                    limit >> 20
                ),
                help: "keep evidence to what shows the statement is met, with links to the rest"
                    .into(),
            });
        }
        self.ensure_dirs().map_err(failed)?;
        let dir = fsio::parent_dir(&path);
        fsio::private_dir(dir).map_err(failed)?;
        fsio::remove_leftovers_of(dir, &assessment.id);
        fsio::write_atomic(&path, text.as_bytes()).map_err(failed)?;
        Ok(path)
    }

    /// Removes the assessment file at `path` and makes the removal
    /// durable. The caller holds its lock, so no session is writing it.
    pub fn remove(&self, path: &Path, _lock: &Lock) -> Result<(), Error> {
        fs::remove_file(path)?;
        let dir = fsio::parent_dir(path);
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|error| {
                std::io::Error::new(
                    error.kind(),
                    format!("cannot sync {}: {error}", dir.display()),
                )
            })?;
        Ok(())
    }

    /// A new assessment's id, locked: `ada-spe-2026-11-25`, with the
    /// assessor's name when there is one and a counter when the day
    /// already has one. The id is chosen under its lock, so sessions
    /// starting at once get distinct ids and none waits for another.
    pub fn create(
        &self,
        person: &str,
        role: &str,
        assessor: Option<&str>,
        at: &Timestamp,
    ) -> Result<(String, Lock), Error> {
        let mut base = format!(
            "{}-{}-{}",
            short_slug(person),
            slug(role),
            at.format("%Y-%m-%d")
        );
        if let Some(assessor) = assessor {
            base.push_str("-by-");
            base.push_str(&short_slug(assessor));
        }
        for n in 1..=100_000u32 {
            let id = match n {
                1 => base.clone(),
                n => format!("{base}-{n}"),
            };
            match self.lock(&id) {
                // Held by a session still writing it, new or old.
                Err(Error::Locked { .. }) => continue,
                Err(error) => return Err(error),
                Ok(lock) => {
                    if !self.taken(&id)? {
                        // Held under its lock, so no one else puts it
                        // anywhere else: its first save looks no further.
                        let path = self.new_path(person, &id);
                        self.known.borrow_mut().insert(id.clone(), path);
                        return Ok((id, lock));
                    }
                }
            }
        }
        Err(Error::Usage {
            message: format!("too many assessments named {base} today"),
            help: "remove some with `rungs delete ID`, or try again tomorrow".into(),
        })
    }

    /// Whether a file of assessment `id` is already anywhere in the data
    /// directory: `assessments/` itself or any folder in it. Ids start with
    /// their person's name, but a file moved by hand, or imported from a
    /// data directory where names differ, need not be in that person's
    /// folder: ids are unique across all of them (a look by name in each
    /// folder, not a listing).
    fn taken(&self, id: &str) -> Result<bool, Error> {
        if self.known.borrow().contains_key(id) {
            return Ok(true);
        }
        let name = file_name(id);
        for folder in self.folders(None)? {
            if fs::symlink_metadata(folder.path.join(&name)).is_ok() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Whether `id` is one rungs could have given an assessment of
    /// `person`: it starts with the start of their name, as today's and
    /// earlier versions write it. An imported file whose id does not is
    /// refused, since a later assessment of the person the id names could
    /// be given the same id.
    pub fn belongs(id: &str, person: &str) -> bool {
        let starts = |part: String| {
            !part.is_empty()
                && id
                    .strip_prefix(part.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
        };
        starts(short_slug(person)) || starts(cut(legacy_slug(person)))
    }

    /// The person named last time, offered as the default. Nothing when
    /// the file is missing, damaged or newer, or names no one a name could
    /// be (one on more than one line: the file was edited by hand).
    pub fn last_person(&self) -> Option<String> {
        let path = self.state_path();
        let text = fsio::read_source(&path, FileKind::State).ok()?.text;
        let state: State = toml::from_str(&text).ok()?;
        (state.format_version <= FORMAT_VERSION)
            .then_some(state.person)
            .flatten()
            .filter(|person| super::is_one_line(person) && !person.trim().is_empty())
    }

    pub fn remember_person(&self, person: &str) -> Result<(), Error> {
        if self.last_person().as_deref() == Some(person) {
            return Ok(());
        }
        let state = State {
            format_version: FORMAT_VERSION,
            person: Some(person.to_string()),
        };
        let text = toml::to_string(&state).map_err(std::io::Error::other)?;
        let path = self.state_path();
        fsio::private_dir(fsio::parent_dir(&path))
            .and_then(|()| fsio::write_atomic(&path, text.as_bytes()))
            .map_err(|source| Error::Write { path, source })
    }
}

const STATE_FILE: &str = "state.toml";
const FORMAT_VERSION: i64 = 1;

/// Small things remembered between runs.
#[derive(Debug, Serialize, Deserialize)]
struct State {
    format_version: i64,
    person: Option<String>,
}

/// The longest slug; longer names keep their start and a hash of the
/// whole, so they stay readable and distinct.
const MAX_SLUG: usize = 48;

/// Longest name part of an id: an id is typed and listed, so "Bartholomew
/// Fitzgerald (engineering manager)" becomes `bartholomew-fitzgerald`.
const ID_PART: usize = 24;

/// [`slug`], cut to at most [`ID_PART`] characters at a hyphen where one
/// is near the end; the full name stays in the file, and `create` keeps
/// ids unique.
fn short_slug(text: &str) -> String {
    cut(slug(text))
}

/// How the ids of `person`'s assessments start: `ada`.
pub fn slug_start(person: &str) -> String {
    short_slug(person)
}

/// A slug cut to at most [`ID_PART`] characters, at a hyphen where one is
/// near the end.
fn cut(full: String) -> String {
    if full.len() <= ID_PART {
        return full;
    }
    let cut = &full[..ID_PART];
    match cut.rfind('-') {
        Some(at) if at >= ID_PART / 2 => cut[..at].to_string(),
        _ => cut.trim_end_matches('-').to_string(),
    }
}

/// A name as part of a file name: letters transliterated to ASCII
/// ("Zoë" -> `zoe`, "李雷" -> `li-lei`), lowercase, other runs as one `-`.
/// A name with nothing left (private-use characters) or longer than [`MAX_SLUG`] gets
/// a short hash of the full name, which stays in the file.
pub fn slug(text: &str) -> String {
    let ascii = ascii_slug(&deunicode::deunicode(text));
    let hash = || format!("{:08x}", Fnv1a::default().text(text).finish() as u32);
    if ascii.is_empty() {
        return format!("x-{}", hash());
    }
    if ascii.len() <= MAX_SLUG {
        return ascii;
    }
    let keep = ascii[..MAX_SLUG - 9].trim_end_matches('-');
    format!("{keep}-{}", hash())
}

/// The slug of earlier versions: ASCII letters and digits only, "x" when
/// none are left. Still looked up, so existing folders keep working.
fn legacy_slug(text: &str) -> String {
    let slug = ascii_slug(text);
    if slug.is_empty() {
        "x".to_string()
    } else {
        slug
    }
}

fn ascii_slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::tests::sample;

    /// A folder's files come sorted by id, whatever order the directory
    /// gives them in.
    #[test]
    fn files_are_sorted_by_id_each_moved_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let ids = ["b-2", "a-10", "a-9", "c", "a-1"];
        for id in ids {
            std::fs::write(dir.path().join(format!("{id}.toml")), id).expect("write");
        }
        let folder = Folder {
            name: "x".into(),
            path: dir.path().to_path_buf(),
            tidy: true,
        };
        let listing = folder.list().expect("list");
        assert!(listing.skipped.is_empty() && !listing.temps);
        let listed: Vec<(&str, u64)> = listing
            .files
            .iter()
            .map(|file| (file.id.as_str(), file.stamp.size))
            .collect();
        let mut sorted = ids.map(|id| (id, id.len() as u64));
        sorted.sort();
        assert_eq!(listed, sorted);
        assert_eq!(in_order(vec!['a', 'b', 'c'], &[2, 0, 1]), ['c', 'a', 'b']);
    }

    #[test]
    fn slugs_are_lowercase_ascii_with_single_dashes() {
        assert_eq!(slug("Grace (manager)"), "grace-manager");
        assert_eq!(slug("  Ada  Lovelace "), "ada-lovelace");
        assert_eq!(slug("ÉÉ"), "ee");
    }

    /// Issue 10, item 6: names outside ASCII get distinct, readable
    /// folders; names with no letters at all, or too long, a short hash.
    #[test]
    fn names_are_transliterated_and_long_ones_shortened() {
        assert_eq!(slug("Zoë"), "zoe");
        assert_eq!(slug("Ólafur"), "olafur");
        assert_eq!(slug("李雷"), "li-lei");
        assert_eq!(slug("🚀"), "rocket");
        // Nothing to transliterate: a hash keeps such names apart.
        assert_ne!(slug("\u{E000}"), slug("\u{E001}"));
        assert!(slug("\u{E000}").starts_with("x-"), "{}", slug("\u{E000}"));
        let long = "Ada ".repeat(250);
        let short = slug(&long);
        assert!(
            short.len() <= MAX_SLUG && short.starts_with("ada-ada-"),
            "{short}"
        );
        assert_ne!(short, slug(&format!("{long}!")));
        // Folders made by earlier versions are still found.
        assert_eq!(legacy_slug("Zoë"), "zo");
        assert_eq!(legacy_slug("李雷"), "x");
    }

    /// Issue 11, item 3: ids that could name a path are refused before
    /// anything is read, written or locked.
    #[test]
    fn ids_that_could_name_a_path_are_refused_everywhere() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path().join("data"));
        let catalog = Catalog::load(None, &[]).expect("catalog");
        for id in [
            "../../outside/victim",
            "/etc/passwd",
            ".",
            "..",
            "a/b",
            "",
            ".hidden",
            &"a".repeat(MAX_ID + 1),
        ] {
            assert!(matches!(store.find(id), Err(Error::Usage { .. })), "{id}");
            assert!(
                matches!(store.load(id, &catalog), Err(Error::Usage { .. })),
                "{id}"
            );
            assert!(matches!(store.lock(id), Err(Error::Usage { .. })), "{id}");
        }
        assert!(
            !dir.path().join("data/locks").exists(),
            "nothing was created"
        );
    }

    #[test]
    fn saved_files_are_owner_only_and_load_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path().join("data"));
        let assessment = sample();
        let lock = store.lock(&assessment.id).expect("lock");
        let path = store.save(&assessment, &lock).expect("save");
        assert_eq!(
            store
                .load(&assessment.id, &crate::testing::catalog())
                .expect("load"),
            assessment
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&store.assessments_dir()), 0o700);
            assert_eq!(mode(path.parent().expect("person dir")), 0o700);
            assert_eq!(mode(store.data_dir()), 0o700);
        }
        // No temporary file is left behind.
        assert_eq!(store.ids().expect("ids"), vec![assessment.id.clone()]);
        assert_eq!(
            std::fs::read_dir(store.assessments_dir())
                .expect("dir")
                .count(),
            1
        );
    }

    #[test]
    fn a_second_lock_on_the_same_assessment_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let _held = store.lock("a").expect("first lock");
        assert!(matches!(store.lock("a"), Err(Error::Locked { .. })));
        assert!(store.lock("b").is_ok());
    }

    #[test]
    fn id_parts_are_cut_at_a_word_near_the_limit() {
        assert_eq!(short_slug("Ada"), "ada");
        assert_eq!(
            short_slug("Bartholomew Fitzgerald (engineering manager)"),
            "bartholomew-fitzgerald"
        );
        assert!(short_slug(&"x".repeat(300)).len() <= ID_PART);
    }

    #[test]
    fn new_ids_are_readable_and_unique() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let at: Timestamp = "2026-11-25T10:00:00+01:00".parse().expect("time");
        let (id, _) = store
            .create("Ada", "SPE", Some("Grace (manager)"), &at)
            .expect("id");
        assert_eq!(id, "ada-spe-2026-11-25-by-grace-manager");
        let mut assessment = sample();
        let (id, lock) = store.create("Ada", "SPE", None, &at).expect("id");
        assessment.id = id;
        store.save(&assessment, &lock).expect("save");
        drop(lock);
        assert_eq!(
            store.create("Ada", "SPE", None, &at).expect("id").0,
            "ada-spe-2026-11-25-2"
        );
    }

    /// A new id is free when no file of it is anywhere in the data
    /// directory. Issue 27, item 6: a file in another person's folder (an
    /// import, or a file moved by hand) was not looked for, and a new
    /// assessment was given its id.
    #[test]
    fn new_ids_are_unique_across_every_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let at: Timestamp = "2026-11-25T10:00:00+01:00".parse().expect("time");
        let put = |folder: &str, id: &str| {
            let folder = store.assessments_dir().join(folder);
            std::fs::create_dir_all(&folder).expect("folder");
            std::fs::write(folder.join(format!("{id}.toml")), "").expect("write");
        };
        put("bob", "ada-spe-2026-11-25");
        assert_eq!(
            store.create("Ada", "SPE", None, &at).expect("id").0,
            "ada-spe-2026-11-25-2"
        );
        put("ada-lovelace", "ada-spe-2026-11-25-2");
        assert_eq!(
            store.create("Ada", "SPE", None, &at).expect("id").0,
            "ada-spe-2026-11-25-3"
        );
        put("", "ada-spe-2026-11-25-3");
        assert_eq!(
            store.create("Ada", "SPE", None, &at).expect("id").0,
            "ada-spe-2026-11-25-4"
        );
    }

    /// An id belongs to a person when it starts with their name as ids
    /// are made, today or by earlier versions.
    #[test]
    fn ids_belong_to_the_person_they_start_with() {
        assert!(Store::belongs("ada-spe-2026-12-07-2", "Ada"));
        assert!(Store::belongs("ada-spe-2026-12-07-2", " ADA "));
        assert!(!Store::belongs("ada-spe-2026-12-07-2", "Bob"));
        assert!(!Store::belongs("adam-spe-2026-12-07", "Ada"));
        assert!(Store::belongs("zoe-spe-2026-12-07", "Zoë"));
        assert!(Store::belongs("zo-spe-2026-12-07", "Zoë"));
        assert!(Store::belongs(
            "bartholomew-fitzgerald-spe-2026-12-07",
            "Bartholomew Fitzgerald (engineering manager)"
        ));
    }

    /// Issue 11, item 2: an id held by a session that has not written its
    /// file yet is not handed out again, and no one is refused.
    #[test]
    fn an_id_being_created_is_not_given_twice() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let at: Timestamp = "2026-11-25T10:00:00+01:00".parse().expect("time");
        let (first, _held) = store.create("Ada", "SPE", None, &at).expect("first");
        let (second, _also) = store.create("Ada", "SPE", None, &at).expect("second");
        assert_eq!(first, "ada-spe-2026-11-25");
        assert_eq!(second, "ada-spe-2026-11-25-2");
    }

    /// Issue 11, item 11: a save that fails names the assessment, not the
    /// temporary file.
    #[test]
    fn a_failed_save_names_the_assessment() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let assessment = sample();
        let lock = store.lock(&assessment.id).expect("lock");
        let path = store.location(&assessment).expect("path");
        // A directory where the file goes: the rename fails.
        std::fs::create_dir_all(&path).expect("dir");
        let error = store.save(&assessment, &lock).expect_err("cannot save");
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("cannot save assessment `{}` in ", assessment.id)),
            "{message}"
        );
        assert!(!message.contains(".rungs-"), "{message}");
        assert!(
            std::fs::read_dir(path.parent().expect("dir"))
                .expect("dir")
                .count()
                == 1,
            "no temporary file is left"
        );
    }

    /// Saving looks where the file was, then in the person's folder: a
    /// file moved to another folder by hand is still found, and saved
    /// where it is.
    #[test]
    fn an_assessment_is_saved_where_it_is() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let at: Timestamp = "2026-11-25T10:00:00+01:00".parse().expect("time");
        let mut assessment = sample();
        let (id, lock) = store.create("Ada", "SPE", None, &at).expect("id");
        assessment.id = id;
        let first = store.save(&assessment, &lock).expect("save");
        assert_eq!(
            first,
            store
                .assessments_dir()
                .join("ada")
                .join(format!("{}.toml", assessment.id))
        );
        assert_eq!(store.save(&assessment, &lock).expect("save"), first);
        // Moved by hand into another folder: a new store finds it there.
        let elsewhere = store.assessments_dir().join("other");
        std::fs::create_dir_all(&elsewhere).expect("dir");
        let moved = elsewhere.join(format!("{}.toml", assessment.id));
        std::fs::rename(&first, &moved).expect("move");
        let store = Store::new(dir.path());
        assert_eq!(store.save(&assessment, &lock).expect("save"), moved);
        assert!(!first.exists());
    }

    #[test]
    fn the_last_person_is_remembered() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        assert_eq!(store.last_person(), None);
        store.remember_person("Ada").expect("save");
        assert_eq!(store.last_person().as_deref(), Some("Ada"));
        // Edited by hand into what no name can be: no default.
        for person in ["Ada\\nfake-1  Mallory  self", "  "] {
            let text = format!("format_version = 1\nperson = \"{person}\"\n");
            std::fs::write(dir.path().join(STATE_FILE), text).expect("edit");
            assert_eq!(store.last_person(), None, "{person:?}");
        }
    }
}

//! Assessments on disk: one TOML file each in `<data dir>/assessments/`,
//! written atomically (temporary file, fsync, rename, fsync of the
//! directory), owner-only, and locked while a session edits one.
//!
//! A file that cannot be read (corrupt, truncated, of a newer format) is
//! reported and never written: nothing here writes a file it did not load
//! or create.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use fs_err as fs;
use serde::{Deserialize, Serialize};

use super::{Assessment, Timestamp};
use crate::diagnostic::{FileKind, InvalidFile, Origin, SourceFile};
use crate::error::Error;
use crate::suggest;

/// The assessments of one data directory.
#[derive(Debug, Clone)]
pub struct Store {
    data_dir: PathBuf,
}

/// A directory of assessment files, and the name its part of the index
/// goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    pub name: String,
    pub path: PathBuf,
}

/// The index name of `assessments/` itself; person directories are slugs,
/// which never start with `_`.
const TOP_FOLDER: &str = "_top";

/// Held while a session may write an assessment; released on drop (and by
/// the operating system if the process dies).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Store {
    pub fn new(data_dir: impl Into<PathBuf>) -> Store {
        Store {
            data_dir: data_dir.into(),
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn assessments_dir(&self) -> PathBuf {
        self.data_dir.join("assessments")
    }

    fn locks_dir(&self) -> PathBuf {
        self.data_dir.join("locks")
    }

    /// Where a new assessment of `person` goes: a directory per person, so
    /// finding one person's assessments reads only their directory.
    fn new_path(&self, person: &str, id: &str) -> PathBuf {
        self.assessments_dir()
            .join(slug(person))
            .join(format!("{id}.toml"))
    }

    /// The file of an assessment, wherever it is: in its person's directory,
    /// in another one, or directly in `assessments/` (where files copied by
    /// hand may be).
    pub fn find(&self, id: &str) -> Result<Option<PathBuf>, Error> {
        let name = format!("{id}.toml");
        for folder in self.folders(None)? {
            let path = folder.path.join(&name);
            if path.is_file() {
                return Ok(Some(path));
            }
        }
        Ok(None)
    }

    /// Where an assessment is stored, or will be when first saved.
    pub fn location(&self, assessment: &Assessment) -> Result<PathBuf, Error> {
        Ok(match self.find(&assessment.id)? {
            Some(path) => path,
            None => self.new_path(&assessment.person, &assessment.id),
        })
    }

    /// Creates the data directories, owner-only.
    fn ensure_dirs(&self) -> Result<(), Error> {
        for dir in [&self.data_dir, &self.assessments_dir(), &self.locks_dir()] {
            private_dir(dir)?;
        }
        Ok(())
    }

    /// The folders holding assessment files: `assessments/` itself first,
    /// then one per person, sorted. With `person`, only that person's (and
    /// `assessments/` itself, for files placed there by hand).
    pub fn folders(&self, person: Option<&str>) -> Result<Vec<Folder>, Error> {
        let root = self.assessments_dir();
        let mut folders = vec![Folder {
            name: TOP_FOLDER.to_string(),
            path: root.clone(),
        }];
        if let Some(person) = person {
            let path = root.join(slug(person));
            if path.is_dir() {
                folders.push(Folder {
                    name: slug(person),
                    path,
                });
            }
            return Ok(folders);
        }
        let entries = match fs::read_dir(&root) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(folders),
            Err(error) => return Err(error.into()),
        };
        let mut people = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') && entry.file_type()?.is_dir() {
                people.push(Folder {
                    name,
                    path: entry.path(),
                });
            }
        }
        people.sort_by(|a, b| a.name.cmp(&b.name));
        folders.extend(people);
        Ok(folders)
    }

    /// The assessment files of one folder: (id, path), sorted by id.
    pub fn files(&self, folder: &Folder) -> Result<Vec<(String, PathBuf)>, Error> {
        let entries = match fs::read_dir(&folder.path) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(error.into()),
        };
        let mut files = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if let Some(id) = name.strip_suffix(".toml")
                && !id.starts_with('.')
            {
                files.push((id.to_string(), entry.path()));
            }
        }
        files.sort();
        Ok(files)
    }

    /// Ids of every stored assessment, sorted.
    pub fn ids(&self) -> Result<Vec<String>, Error> {
        let mut ids = Vec::new();
        for folder in self.folders(None)? {
            ids.extend(self.files(&folder)?.into_iter().map(|(id, _)| id));
        }
        ids.sort();
        Ok(ids)
    }

    /// Reads one assessment; a damaged or newer file is an error naming the
    /// line and column.
    pub fn load(&self, id: &str) -> Result<Assessment, Error> {
        match self.find(id)? {
            Some(path) => self.load_path(&path),
            None => {
                let ids = self.ids()?;
                Err(Error::UnknownAssessment {
                    id: id.to_string(),
                    suggestion: suggest::nearest(id, ids.iter().map(String::as_str)),
                })
            }
        }
    }

    /// Reads the assessment file at `path`.
    pub fn load_path(&self, path: &Path) -> Result<Assessment, Error> {
        let text = fs::read_to_string(path)?;
        parse_file(path.to_path_buf(), text)
    }

    /// Takes the lock of an assessment, or says another session has it.
    pub fn lock(&self, id: &str) -> Result<Lock, Error> {
        self.ensure_dirs()?;
        let path = self.locks_dir().join(format!("{id}.lock"));
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?
            .into_parts()
            .0;
        match file.try_lock() {
            Ok(()) => Ok(Lock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked { id: id.to_string() }),
            Err(std::fs::TryLockError::Error(error)) => Err(error.into()),
        }
    }

    /// Writes an assessment atomically where it is stored (in its
    /// person's directory when new). The caller holds its lock.
    pub fn save(&self, assessment: &Assessment, lock: &Lock) -> Result<PathBuf, Error> {
        self.save_text(assessment, &assessment.to_toml()?, lock)
    }

    /// Writes `text`, a checked form of `assessment`, as it is (for
    /// `import`). The caller holds its lock.
    pub fn save_text(
        &self,
        assessment: &Assessment,
        text: &str,
        _lock: &Lock,
    ) -> Result<PathBuf, Error> {
        self.ensure_dirs()?;
        let path = self.location(assessment)?;
        if let Some(dir) = path.parent() {
            private_dir(dir)?;
        }
        write_atomic(&path, text.as_bytes())?;
        Ok(path)
    }

    /// Removes the assessment file at `path` and makes the removal
    /// durable. The caller holds its lock, so no session is writing it.
    pub fn remove(&self, path: &Path, _lock: &Lock) -> Result<(), Error> {
        fs::remove_file(path)?;
        let dir = path.parent().unwrap_or(Path::new("."));
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|error| {
                std::io::Error::new(
                    error.kind(),
                    format!("cannot sync {}: {error}", dir.display()),
                )
            })?;
        Ok(())
    }

    /// A new, readable id: `ada-spe-2026-11-25`, with the assessor's name
    /// when there is one and a counter when the day already has one.
    pub fn new_id(
        &self,
        person: &str,
        role: &str,
        assessor: Option<&str>,
        at: &Timestamp,
    ) -> Result<String, Error> {
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
        let mut id = base.clone();
        let mut n = 2;
        while self.find(&id)?.is_some() {
            id = format!("{base}-{n}");
            n += 1;
        }
        Ok(id)
    }

    /// The person named last time, offered as the default.
    pub fn last_person(&self) -> Option<String> {
        let text = fs::read_to_string(self.data_dir.join(STATE_FILE)).ok()?;
        let state: State = toml::from_str(&text).ok()?;
        (state.format_version <= FORMAT_VERSION)
            .then_some(state.person)
            .flatten()
    }

    pub fn remember_person(&self, person: &str) -> Result<(), Error> {
        if self.last_person().as_deref() == Some(person) {
            return Ok(());
        }
        self.ensure_dirs()?;
        let state = State {
            format_version: FORMAT_VERSION,
            person: Some(person.to_string()),
        };
        let text = toml::to_string(&state).map_err(std::io::Error::other)?;
        write_atomic(&self.data_dir.join(STATE_FILE), text.as_bytes())
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

fn parse_file(path: PathBuf, text: String) -> Result<Assessment, Error> {
    let source = SourceFile::new(Origin::File(path), text);
    Assessment::parse(&source)
        .map_err(|diagnostics| InvalidFile::new(FileKind::Assessment, &source, diagnostics).into())
}

/// Lowercase ASCII letters and digits, other runs as one `-`.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "x".to_string()
    } else {
        slug
    }
}

/// Longest name part of an id: an id is typed and listed, so "Bartholomew
/// Fitzgerald (engineering manager)" becomes `bartholomew-fitzgerald`.
const ID_PART: usize = 24;

/// [`slug`], cut to at most [`ID_PART`] characters at a hyphen where one
/// is near the end; the full name stays in the file.
fn short_slug(text: &str) -> String {
    let full = slug(text);
    if full.len() <= ID_PART {
        return full;
    }
    let cut = &full[..ID_PART];
    match cut.rfind('-') {
        Some(at) if at >= ID_PART / 2 => cut[..at].to_string(),
        _ => cut.trim_end_matches('-').to_string(),
    }
}

/// Writes `bytes` to `path` so that a crash leaves either the old file or
/// the new one: a temporary file in the same directory (created 0600),
/// fsync, rename over the target, fsync of the directory. The temporary
/// file is removed if anything fails.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    // `Path::new("out.toml").parent()` is `Some("")`, which cannot be opened.
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".rungs-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|error| {
            std::io::Error::new(
                error.kind(),
                format!(
                    "cannot create a temporary file in {}: {error}",
                    dir.display()
                ),
            )
        })?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|error| {
        std::io::Error::new(
            error.error.kind(),
            format!("cannot replace {}: {}", path.display(), error.error),
        )
    })?;
    // Make the rename itself durable.
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|error| {
            std::io::Error::new(
                error.kind(),
                format!("cannot sync {}: {error}", dir.display()),
            )
        })?;
    Ok(())
}

/// Creates a directory readable by its owner only; tightens an existing
/// one, since it holds career notes.
pub(crate) fn private_dir(dir: &Path) -> Result<(), Error> {
    fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::tests::sample;

    #[test]
    fn slugs_are_lowercase_ascii_with_single_dashes() {
        assert_eq!(slug("Grace (manager)"), "grace-manager");
        assert_eq!(slug("  Ada  Lovelace "), "ada-lovelace");
        assert_eq!(slug("ÉÉ"), "x");
    }

    #[test]
    fn id_parts_are_cut_at_a_word_near_the_limit() {
        assert_eq!(short_slug("Ada"), "ada");
        assert_eq!(
            short_slug("Bartholomew Fitzgerald (engineering manager)"),
            "bartholomew-fitzgerald"
        );
        assert_eq!(short_slug(&"x".repeat(300)), "x".repeat(ID_PART));
    }

    #[test]
    fn saved_files_are_owner_only_and_load_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path().join("data"));
        let assessment = sample();
        let lock = store.lock(&assessment.id).expect("lock");
        let path = store.save(&assessment, &lock).expect("save");
        assert_eq!(store.load(&assessment.id).expect("load"), assessment);
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
    fn new_ids_are_readable_and_unique() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let at: Timestamp = "2026-11-25T10:00:00+01:00".parse().expect("time");
        let id = store
            .new_id("Ada", "SPE", Some("Grace (manager)"), &at)
            .expect("id");
        assert_eq!(id, "ada-spe-2026-11-25-by-grace-manager");
        let mut assessment = sample();
        assessment.id = store.new_id("Ada", "SPE", None, &at).expect("id");
        let lock = store.lock(&assessment.id).expect("lock");
        store.save(&assessment, &lock).expect("save");
        assert_eq!(
            store.new_id("Ada", "SPE", None, &at).expect("id"),
            "ada-spe-2026-11-25-2"
        );
    }

    #[test]
    fn the_last_person_is_remembered() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        assert_eq!(store.last_person(), None);
        store.remember_person("Ada").expect("save");
        assert_eq!(store.last_person().as_deref(), Some("Ada"));
    }
}

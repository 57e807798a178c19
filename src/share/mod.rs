//! Sharing a data directory through git: a data directory that is a git
//! repository (or inside one) gets one commit for each command that
//! changed people's files, with a message naming the person and what
//! changed; `rungs git ARGS` runs git there; `rungs init --git` starts
//! one. rungs never pushes or pulls by itself.
//!
//! Only files under `assessments/` and `journal/` that the command itself
//! changed are committed: what was already changed before it ran (an edit
//! by hand) is left for the person to commit, and so are temporary files
//! and anything else in the repository. Caches, locks and the remembered
//! name live in the cache directory, never here, so nothing rungs keeps for
//! itself is ever committed.
//!
//! git missing, a detached HEAD, or a merge, rebase or cherry-pick under
//! way: the command does its own work, and one line says why nothing was
//! committed.

pub mod git;
mod history;
mod message;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::fsio::{self, Stamp};

pub use git::Failure;
pub use history::Past;

/// The folders of the data directory that hold people's files: the only
/// ones rungs commits.
pub const FOLDERS: [&str; 2] = ["assessments", "journal"];

/// What `.gitignore` of a new repository holds: the temporary files a
/// killed run may leave behind.
pub const GITIGNORE: &str =
    "# Left by a rungs run killed while saving; never worth keeping.\n.rungs-*.tmp\n";

/// A data directory inside a git repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repository {
    /// The working tree's top folder, as git names it.
    pub top: PathBuf,
    /// The repository's own folder (`.git` of this working tree).
    git_dir: PathBuf,
    /// The data directory relative to `top`: empty when it is the top.
    prefix: PathBuf,
}

/// What the data directory is, as far as git goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Not inside a repository: nothing is committed, git never runs.
    Nothing,
    Repository(Repository),
    /// A `.git` is there but git cannot be used: why, in a line.
    Unusable(String),
}

/// Why a repository cannot take a commit now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    Detached,
    /// A merge, rebase, cherry-pick or revert under way: which.
    Midway(&'static str),
}

impl Busy {
    /// Why nothing is committed, and what to do.
    fn why(self) -> String {
        let then = "then `rungs git add -A assessments journal` and `rungs git commit`";
        match self {
            Busy::Detached => format!(
                "HEAD is detached, no branch is checked out: `rungs git switch BRANCH`, {then}"
            ),
            Busy::Midway(what) => {
                format!("a {what} is under way: finish it (`rungs git status` says how), {then}")
            }
        }
    }
}

/// Finds the repository holding `data_dir`, if any. Without a `.git` in
/// the data directory or above it, git is not run at all.
pub fn find(data_dir: &Path) -> Found {
    let resolved = resolve(data_dir);
    let Some(existing) = resolved.ancestors().find(|dir| dir.is_dir()) else {
        return Found::Nothing;
    };
    let marked = existing
        .ancestors()
        .any(|dir| std::fs::symlink_metadata(dir.join(".git")).is_ok());
    if !marked {
        return Found::Nothing;
    }
    let out = match git::run(
        existing,
        ["rev-parse", "--show-toplevel", "--absolute-git-dir"],
    ) {
        Ok(out) => out,
        Err(failure) => return Found::Unusable(failure.to_string()),
    };
    let text = String::from_utf8_lossy(&out);
    let mut lines = text.lines();
    let (Some(top), Some(git_dir)) = (lines.next(), lines.next()) else {
        return Found::Unusable("git did not name the repository's folders".into());
    };
    let top = std::fs::canonicalize(top).unwrap_or_else(|_| PathBuf::from(top));
    let Ok(prefix) = resolved.strip_prefix(&top) else {
        return Found::Unusable(format!(
            "the data directory is not inside the working tree {}",
            top.display()
        ));
    };
    Found::Repository(Repository {
        prefix: prefix.to_path_buf(),
        top,
        git_dir: PathBuf::from(git_dir),
    })
}

/// `path` made absolute with its existing part's symbolic links resolved,
/// as git names folders.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut at = absolute.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(at) {
            let mut real = real;
            real.extend(rest.iter().rev());
            return real;
        }
        match (at.file_name(), at.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return absolute,
        }
    }
}

impl Repository {
    /// The data directory's `folder` (or a file in it) relative to the
    /// top, as git takes paths.
    fn inside(&self, folder: &str) -> PathBuf {
        self.prefix.join(folder)
    }

    /// Why a commit cannot be made now, if it cannot.
    pub fn busy(&self) -> Option<Busy> {
        for (file, what) in [
            ("MERGE_HEAD", "merge"),
            ("rebase-merge", "rebase"),
            ("rebase-apply", "rebase"),
            ("CHERRY_PICK_HEAD", "cherry-pick"),
            ("REVERT_HEAD", "revert"),
        ] {
            if self.git_dir.join(file).exists() {
                return Some(Busy::Midway(what));
            }
        }
        // Exit code 1, quietly, when HEAD is not a branch.
        match git::run(&self.top, ["symbolic-ref", "-q", "HEAD"]) {
            Ok(_) => None,
            Err(_) => Some(Busy::Detached),
        }
    }

    /// Files of the data directory's folders that differ from the last
    /// commit (changed, added, removed or untracked), relative to the top,
    /// each with its stamp (`None` when it is gone).
    pub fn changes(&self) -> Result<Changes, Failure> {
        let mut args: Vec<OsString> = [
            "status",
            "--porcelain=v1",
            "-z",
            "--no-renames",
            "--untracked-files=all",
            "--",
        ]
        .iter()
        .map(OsString::from)
        .collect();
        args.extend(FOLDERS.iter().map(|f| self.inside(f).into_os_string()));
        let out = git::run(&self.top, &args)?;
        let mut files = BTreeMap::new();
        for record in out.split(|&b| b == 0) {
            // `XY path`: two status letters and a space.
            let Some(path) = record.get(3..).filter(|p| !p.is_empty()) else {
                continue;
            };
            let path = path_of(path);
            let stamp = std::fs::symlink_metadata(self.top.join(&path))
                .ok()
                .map(|m| Stamp::of(&m));
            files.insert(path, stamp);
        }
        Ok(Changes { files })
    }

    /// The file at `path` (relative to the top) as the last commit has
    /// it; `None` when it has none (new, or no commit yet).
    fn committed(&self, path: &Path) -> Option<Vec<u8>> {
        let mut spec = OsString::from("HEAD:");
        spec.push(path.as_os_str());
        git::run(&self.top, [OsString::from("cat-file"), "blob".into(), spec]).ok()
    }

    /// Whether the last commit has `file` (a path in the data directory)
    /// in some version: what the history keeps of it once it is deleted.
    pub fn keeps(&self, file: &Path) -> bool {
        let Ok(path) = resolve(file).strip_prefix(&self.top).map(Path::to_path_buf) else {
            return false;
        };
        let mut spec = OsString::from("HEAD:");
        spec.push(path.as_os_str());
        git::run(&self.top, [OsString::from("cat-file"), "-e".into(), spec]).is_ok()
    }

    /// Stages and commits `paths` (relative to the top) and nothing else
    /// staged, with `message`; the new commit's short hash.
    pub fn commit(&self, paths: &[PathBuf], message: &str) -> Result<String, Failure> {
        let mut add: Vec<OsString> = vec!["add".into(), "-A".into(), "--".into()];
        add.extend(paths.iter().map(|p| p.clone().into_os_string()));
        git::run(&self.top, &add)?;
        let mut commit: Vec<OsString> = vec![
            "commit".into(),
            "-q".into(),
            "--no-verify".into(),
            "--no-gpg-sign".into(),
            "-m".into(),
            message.into(),
            "--only".into(),
            "--".into(),
        ];
        commit.extend(paths.iter().map(|p| p.clone().into_os_string()));
        git::run(&self.top, &commit)?;
        let hash = git::run(&self.top, ["rev-parse", "--short", "HEAD"])?;
        Ok(git::line(&hash))
    }
}

/// A path from git's output: bytes as they are on Unix.
fn path_of(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// Files that differ from the last commit, each with its stamp.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    files: BTreeMap<PathBuf, Option<Stamp>>,
}

impl Changes {
    /// The files changed since `before` was taken: new to the list, or
    /// with another stamp. Temporary files are never among them.
    pub fn since(&self, before: &Changes) -> Vec<PathBuf> {
        self.files
            .iter()
            .filter(|(path, stamp)| before.files.get(*path) != Some(stamp))
            .map(|(path, _)| path.clone())
            .filter(|path| {
                !path
                    .file_name()
                    .is_some_and(|n| fsio::is_temp(&n.to_string_lossy()))
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// A command being watched: the repository as it was before, so that
/// what the command changed can be committed once it ends.
#[derive(Debug)]
pub struct Watch {
    state: State,
}

#[derive(Debug)]
enum State {
    /// Not a repository: nothing to do or say.
    Quiet,
    /// Nothing will be committed, for this reason.
    Skip(String),
    Ready {
        repository: Repository,
        before: Changes,
    },
}

impl Watch {
    /// Looks at the data directory before a command that may change it.
    pub fn start(data_dir: &Path) -> Watch {
        let state = match find(data_dir) {
            Found::Nothing => State::Quiet,
            Found::Unusable(why) => State::Skip(why),
            Found::Repository(repository) => match repository.busy() {
                Some(busy) => State::Skip(busy.why()),
                None => match repository.changes() {
                    Ok(before) => State::Ready { repository, before },
                    Err(failure) => State::Skip(failure.to_string()),
                },
            },
        };
        Watch { state }
    }

    /// Commits what the command changed; a line for the person either
    /// way, when the data directory is in a repository and something
    /// changed (or may have).
    pub fn finish(self) -> Option<String> {
        let (repository, before) = match self.state {
            State::Quiet => return None,
            State::Skip(why) => {
                return Some(format!(
                    "note: nothing committed to git, the command's changes are saved as files; {why}"
                ));
            }
            State::Ready { repository, before } => (repository, before),
        };
        let after = match repository.changes() {
            Ok(after) => after,
            Err(failure) => {
                return Some(format!(
                    "note: nothing committed to git, the command's changes are saved as files; {failure}"
                ));
            }
        };
        let changed = after.since(&before);
        if changed.is_empty() {
            return None;
        }
        let message = message::describe(&repository, &changed);
        Some(match repository.commit(&changed, &message.text()) {
            Ok(hash) => format!("Committed {hash}: {}", message.subject),
            Err(failure) => format!(
                "note: nothing committed to git, the command's changes are saved as files and \
                 staged; {failure}: fix that, then `rungs git commit`"
            ),
        })
    }
}

/// Makes `data_dir` (which exists) a git repository with a `.gitignore`
/// for temporary files, and commits what it already holds; the short
/// hash, or why there is no commit (git's identity not set, say).
pub fn init(data_dir: &Path) -> Result<(Repository, Result<String, Failure>), Failure> {
    git::run(data_dir, ["init", "-q"])?;
    let repository = match find(data_dir) {
        Found::Repository(repository) => repository,
        Found::Nothing => return Err(Failure::Refused("git init made no repository".into())),
        Found::Unusable(why) => return Err(Failure::Refused(why)),
    };
    let ignore = data_dir.join(".gitignore");
    if std::fs::symlink_metadata(&ignore).is_err() {
        fsio::write_atomic(&ignore, GITIGNORE.as_bytes())
            .map_err(|error| Failure::Refused(format!("cannot write .gitignore: {error}")))?;
    }
    let mut paths = vec![repository.inside(".gitignore")];
    let present = repository.changes()?;
    let files: Vec<PathBuf> = present.since(&Changes::default());
    paths.extend(files.iter().cloned());
    let mut message = message::describe(&repository, &files);
    message.subject = match files.len() {
        0 => "rungs: a new data directory".to_string(),
        n => format!(
            "rungs: the data directory as it was ({n} {})",
            if n == 1 { "file" } else { "files" }
        ),
    };
    let committed = repository.commit(&paths, &message.text());
    Ok((repository, committed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(size: u64) -> Option<Stamp> {
        Some(Stamp {
            size,
            modified: 1,
            inode: 1,
            changed: 1,
        })
    }

    #[test]
    fn only_what_changed_since_is_taken_and_never_a_temporary_file() {
        let before = Changes {
            files: BTreeMap::from([
                (
                    PathBuf::from("assessments/ada/edited-by-hand.toml"),
                    stamp(1),
                ),
                (
                    PathBuf::from("assessments/ada/written-again.toml"),
                    stamp(1),
                ),
                (PathBuf::from("journal/ada/gone-before.toml"), None),
            ]),
        };
        let after = Changes {
            files: BTreeMap::from([
                (
                    PathBuf::from("assessments/ada/edited-by-hand.toml"),
                    stamp(1),
                ),
                (
                    PathBuf::from("assessments/ada/written-again.toml"),
                    stamp(2),
                ),
                (PathBuf::from("journal/ada/gone-before.toml"), None),
                (PathBuf::from("journal/ada/2026-11.toml"), stamp(3)),
                (PathBuf::from("journal/ada/.rungs-2026-11-x1.tmp"), stamp(3)),
                (PathBuf::from("assessments/ada/deleted.toml"), None),
            ]),
        };
        let changed = after.since(&before);
        assert_eq!(
            changed,
            [
                "assessments/ada/deleted.toml",
                "assessments/ada/written-again.toml",
                "journal/ada/2026-11.toml"
            ]
            .map(PathBuf::from)
        );
    }

    #[test]
    fn a_folder_outside_any_repository_is_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A temporary folder may itself sit inside a repository; one of
        // its own below makes the answer certain only when it has none.
        if dir.path().ancestors().any(|d| d.join(".git").exists()) {
            return;
        }
        assert_eq!(find(&dir.path().join("not/yet/made")), Found::Nothing);
    }

    #[test]
    fn a_path_not_yet_made_resolves_under_its_real_parent() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = std::fs::canonicalize(dir.path()).expect("real");
        assert_eq!(resolve(&dir.path().join("a/b")), real.join("a/b"));
    }
}

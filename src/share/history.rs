//! Earlier states of a data directory kept in git: the people's files as
//! the last commit on or before a date had them, written into a private
//! temporary folder that commands read as a data directory of its own.
//!
//! Everything read from the repository is untrusted: only regular files
//! (never a link or a submodule) under `assessments/` and `journal/` are
//! written, each path checked to stay inside the folder, and files over
//! the size rungs reads are left out.

use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::Stdio;

use chrono::NaiveDate;

use super::{FOLDERS, Failure, Repository, git, path_of};
use crate::diagnostic::FileKind;
use crate::fsio;

/// The data directory as it was at one commit.
#[derive(Debug)]
pub struct Past {
    /// The temporary data directory: removed when this is dropped.
    pub dir: tempfile::TempDir,
    /// The commit's short hash and day.
    pub commit: String,
    pub day: String,
}

impl Repository {
    /// The people's files of the last commit on `day` or before it (on the
    /// first-parent line of HEAD); `None` when there is none so early.
    pub fn at(&self, day: NaiveDate) -> Result<Option<Past>, Failure> {
        let before = format!("--before={day}T23:59:59");
        let found = git::run(
            &self.top,
            [
                "log",
                "-1",
                "--first-parent",
                &before,
                "--format=%H %h %cs",
                "HEAD",
            ],
        );
        // A repository with no commit yet has no past.
        let Ok(found) = found else {
            return Ok(None);
        };
        let found = git::line(&found);
        let mut parts = found.split(' ');
        let (Some(hash), Some(short), Some(date)) = (parts.next(), parts.next(), parts.next())
        else {
            return Ok(None);
        };
        if !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let dir = tempfile::Builder::new()
            .prefix(".rungs-past-")
            .tempdir()
            .map_err(|error| {
                Failure::Refused(format!("cannot make a temporary folder: {error}"))
            })?;
        fsio::private_dir(dir.path()).map_err(|error| {
            Failure::Refused(format!("cannot make a temporary folder: {error}"))
        })?;
        self.write_tree(hash, dir.path())?;
        Ok(Some(Past {
            dir,
            commit: short.to_string(),
            day: date.to_string(),
        }))
    }

    /// Writes the files of the data directory's folders at `commit` into
    /// `into`.
    fn write_tree(&self, commit: &str, into: &Path) -> Result<(), Failure> {
        let mut args: Vec<std::ffi::OsString> =
            ["ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--"]
                .iter()
                .map(Into::into)
                .collect();
        args.extend(FOLDERS.iter().map(|f| self.inside(f).into_os_string()));
        let listing = git::run(&self.top, &args)?;
        let mut wanted: Vec<(String, PathBuf)> = Vec::new();
        for record in listing.split(|&b| b == 0).filter(|r| !r.is_empty()) {
            // `<mode> <type> <object> <size>\t<path>`
            let Some(tab) = record.iter().position(|&b| b == b'\t') else {
                continue;
            };
            let head = String::from_utf8_lossy(&record[..tab]);
            let fields: Vec<&str> = head.split_whitespace().collect();
            let [mode, kind, object, size] = fields[..] else {
                continue;
            };
            if kind != "blob" || !matches!(mode, "100644" | "100755") {
                continue;
            }
            let path = path_of(&record[tab + 1..]);
            let Some(relative) = self.relative(&path) else {
                continue;
            };
            let file_kind = match relative.components().next() {
                Some(Component::Normal(top)) if top == "journal" => FileKind::Journal,
                _ => FileKind::Assessment,
            };
            let fits = size
                .parse::<u64>()
                .is_ok_and(|size| size <= fsio::size_limit(file_kind));
            if fits && object.bytes().all(|b| b.is_ascii_hexdigit()) {
                wanted.push((object.to_string(), relative));
            }
        }
        let contents = self.blobs(wanted.iter().map(|(object, _)| object.as_str()))?;
        for ((_, relative), bytes) in wanted.iter().zip(contents) {
            let target = into.join(relative);
            let folder = fsio::parent_dir(&target);
            fsio::private_dir(folder)
                .and_then(|()| fsio::write_atomic(&target, &bytes))
                .map_err(|error| {
                    Failure::Refused(format!("cannot write {}: {error}", target.display()))
                })?;
        }
        Ok(())
    }

    /// `path` (from the top) relative to the data directory, when it is
    /// a plain path inside one of its folders: no `..`, no root, no
    /// `.git`.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        let relative = path.strip_prefix(&self.prefix).ok()?;
        let plain = relative.components().all(|c| match c {
            Component::Normal(name) => name != ".git",
            _ => false,
        });
        let top = relative.components().next()?;
        let inside = FOLDERS.iter().any(|f| top.as_os_str() == *f);
        (plain && inside && relative.components().count() >= 2).then(|| relative.to_path_buf())
    }

    /// The contents of `objects`, in order, read by one `git cat-file
    /// --batch` (asked from another thread, so neither side waits on a
    /// full pipe).
    fn blobs<'a>(&self, objects: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>, Failure> {
        let request: String = objects.map(|o| format!("{o}\n")).collect();
        if request.is_empty() {
            return Ok(Vec::new());
        }
        let mut child = git::command(&self.top)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| Failure::Missing(error.to_string()))?;
        let mut stdin = child
            .stdin
            .take()
            .ok_or_else(|| Failure::Refused("cat-file took no input".into()))?;
        let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
        let mut out = Vec::new();
        if let Some(mut stdout) = child.stdout.take() {
            stdout
                .read_to_end(&mut out)
                .map_err(|error| Failure::Refused(error.to_string()))?;
        }
        let _ = writer.join();
        let _ = child.wait();
        parse_batch(&out)
            .ok_or_else(|| Failure::Refused("cat-file's answer could not be read".into()))
    }
}

/// The contents in `git cat-file --batch` output: for each object a line
/// `<object> blob <size>`, the bytes, and a newline.
fn parse_batch(mut out: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut contents = Vec::new();
    while !out.is_empty() {
        let end = out.iter().position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&out[..end]).ok()?;
        let size: usize = header.rsplit(' ').next()?.parse().ok()?;
        let body = out.get(end + 1..end + 1 + size)?;
        contents.push(body.to_vec());
        out = out.get(end + 2 + size..)?;
    }
    Some(contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_output_is_split_by_the_sizes_it_gives() {
        let out = b"abc blob 3\nx\ny\ndef blob 0\n\n";
        assert_eq!(parse_batch(out), Some(vec![b"x\ny".to_vec(), Vec::new()]));
        assert_eq!(parse_batch(b"abc blob 9\nshort\n"), None);
        assert_eq!(parse_batch(b"abc missing\n"), None);
    }

    #[test]
    fn only_plain_paths_inside_the_folders_are_written() {
        let repository = Repository {
            top: PathBuf::from("/top"),
            git_dir: PathBuf::from("/top/.git"),
            prefix: PathBuf::from("data"),
        };
        let ok = |p: &str| repository.relative(Path::new(p));
        assert_eq!(
            ok("data/assessments/ada/a.toml"),
            Some(PathBuf::from("assessments/ada/a.toml"))
        );
        assert!(ok("data/journal/ada/2026-11.toml").is_some());
        for bad in [
            "data/assessments/../../etc/passwd",
            "data/assessments/.git/config",
            "other/assessments/a.toml",
            "data/notes/a.toml",
            "data/assessments",
        ] {
            assert_eq!(ok(bad), None, "{bad}");
        }
    }
}

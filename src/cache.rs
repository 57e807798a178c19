//! Caches: what rungs can always work out again from people's files (the
//! summary of each assessment, a journal month already parsed), kept in
//! the platform's cache directory and never in the data directory, so
//! that a data directory can be a git checkout, a folder a manager only
//! reads, or a read-only mount.
//!
//! Each data directory has a folder of its own under the cache directory
//! (`RUNGS_CACHE_DIR` overrides it), named after the data directory's
//! path. A cache file is a magic string, a format version, and the value
//! in postcard's compact binary encoding of its serde types. It is read
//! as every file is (regular files only, size-limited) and never trusted:
//! a file that is missing, damaged, too large, of another version, or not
//! a regular file is a miss, and a cache that cannot be written costs only
//! speed.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::diagnostic::FileKind;
use crate::fsio::{self, Fnv1a};

/// What every cache file starts with, before its version.
const MAGIC: &[u8] = b"rungs cache\n";

/// One data directory's caches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    /// `<cache dir>/<name of the data directory>`; `None` when there is no
    /// cache directory at all, and every read is a miss.
    dir: Option<PathBuf>,
}

impl Cache {
    /// The caches of `data_dir`, under `root` (the cache directory).
    pub fn new(root: Option<&Path>, data_dir: &Path) -> Cache {
        Cache {
            dir: root.map(|root| root.join(folder_name(data_dir))),
        }
    }

    /// A cache that holds nothing and keeps nothing.
    pub fn none() -> Cache {
        Cache { dir: None }
    }

    /// The data directory's own folder of caches.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Where the cache `name` (a relative path such as `index/ada.bin`,
    /// made by rungs from folder names, never from a file's content) is.
    pub fn path(&self, name: &str) -> Option<PathBuf> {
        self.dir.as_ref().map(|dir| dir.join(name))
    }

    /// The value cached as `name`, if it is there, whole, and written with
    /// format `version`.
    pub fn read<T: DeserializeOwned>(&self, name: &str, version: u32) -> Option<T> {
        let bytes = fsio::read(&self.path(name)?, FileKind::Cache).ok()?;
        decode(&bytes, version)
    }

    /// Keeps `value` as `name`; a failure is ignored (the next run reads
    /// people's files again).
    pub fn write<T: Serialize>(&self, name: &str, version: u32, value: &T) {
        let Some(path) = self.path(name) else {
            return;
        };
        let Some(bytes) = encode(value, version) else {
            return;
        };
        if fsio::private_dir(fsio::parent_dir(&path)).is_ok() {
            let _ = fsio::write_cache(&path, &bytes);
        }
    }

    /// Forgets the cache `name`.
    pub fn remove(&self, name: &str) {
        if let Some(path) = self.path(name) {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Removes temporary files left in the folder of `name` by killed runs.
    pub fn remove_stale(&self, folder: &str) {
        if let Some(path) = self.path(folder) {
            fsio::remove_stale(&path);
        }
    }
}

/// `work-data-1f2e3d4c5b6a7988`: the data directory's last component made
/// safe for a file name (for a person looking in the cache directory),
/// and a hash of its whole path, absolute where it can be resolved, so two
/// data directories never share a cache.
fn folder_name(data_dir: &Path) -> String {
    let absolute = std::fs::canonicalize(data_dir)
        .or_else(|_| std::path::absolute(data_dir))
        .unwrap_or_else(|_| data_dir.to_path_buf());
    let mut hash = Fnv1a::default();
    hash.bytes(absolute.as_os_str().as_encoded_bytes());
    let readable: String = absolute
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(32)
        .collect();
    match readable.is_empty() {
        true => hash.to_string(),
        false => format!("{readable}-{hash}"),
    }
}

fn encode<T: Serialize>(value: &T, version: u32) -> Option<Vec<u8>> {
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&version.to_le_bytes());
    postcard::to_extend(value, bytes).ok()
}

fn decode<T: DeserializeOwned>(bytes: &[u8], version: u32) -> Option<T> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (written, rest) = rest.split_first_chunk::<4>()?;
    if u32::from_le_bytes(*written) != version {
        return None;
    }
    match postcard::take_from_bytes(rest) {
        Ok((value, [])) => Some(value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
    struct Thing {
        name: String,
        numbers: Vec<u32>,
    }

    fn thing() -> Thing {
        Thing {
            name: "Zoë".into(),
            numbers: vec![1, 2, 3],
        }
    }

    #[test]
    fn a_value_comes_back_as_written_in_its_version_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::new(Some(dir.path()), Path::new("/some/data"));
        cache.write("index/a.bin", 3, &thing());
        assert_eq!(cache.read::<Thing>("index/a.bin", 3), Some(thing()));
        assert_eq!(cache.read::<Thing>("index/a.bin", 4), None);
        cache.remove("index/a.bin");
        assert_eq!(cache.read::<Thing>("index/a.bin", 3), None);
    }

    #[test]
    fn anything_damaged_is_a_miss() {
        let good = encode(&thing(), 1).expect("encodes");
        assert_eq!(decode::<Thing>(&good, 1), Some(thing()));
        for cut in 0..good.len() {
            assert_eq!(decode::<Thing>(&good[..cut], 1), None, "cut at {cut}");
        }
        let mut longer = good.clone();
        longer.push(0);
        assert_eq!(decode::<Thing>(&longer, 1), None);
        let mut other = good;
        other[0] = b'R';
        assert_eq!(decode::<Thing>(&other, 1), None);
    }

    #[test]
    fn no_cache_directory_means_nothing_is_kept() {
        let cache = Cache::none();
        cache.write("x.bin", 1, &thing());
        assert_eq!(cache.read::<Thing>("x.bin", 1), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_or_a_device_in_its_place_is_a_miss() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::new(Some(dir.path()), Path::new("/some/data"));
        let path = cache.path("journal/ada.bin").expect("a path");
        fsio::private_dir(fsio::parent_dir(&path)).expect("folder");
        std::os::unix::fs::symlink("/dev/zero", &path).expect("link");
        assert_eq!(cache.read::<Thing>("journal/ada.bin", 1), None);
    }

    #[test]
    fn data_directories_have_folders_of_their_own() {
        let a = folder_name(Path::new("/nonexistent/team/data"));
        let b = folder_name(Path::new("/nonexistent/other/data"));
        assert_ne!(a, b);
        assert!(a.starts_with("data-"), "{a}");
        assert_eq!(a, folder_name(Path::new("/nonexistent/team/data")));
    }
}

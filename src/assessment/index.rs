//! A summary index of the assessments directory, so `list` and the latest-
//! assessment lookups of `gap` do not parse every file on every run.
//!
//! `<data dir>/index/<folder>.json` caches each assessment's summary with
//! the size, modification time, change time (ctime, which no one can set
//! back, as git checks) and inode its file had when it was read. An entry
//! is used only while all still match the file, and its statement counts only
//! while the framework they were counted against is unchanged; anything
//! else is read from the file again. The index is a cache, never trusted
//! over the files: a damaged or newer index is ignored and rebuilt, and a
//! failure to write it only costs speed.

use std::collections::BTreeMap;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::store::{Folder, Store};
use super::{Assessment, Status, Timestamp};
use crate::catalog::Catalog;
use crate::diagnostic::FileKind;
use crate::error::Error;
use crate::framework::Framework;
use crate::fsio::{self, Fnv1a};

/// `<data dir>/index/`: one file per folder of assessments.
const INDEX_DIR: &str = "index";
/// 2: change times, the imported mark, a stable fingerprint.
/// 3: the status and the count of answers.
const INDEX_VERSION: u32 = 3;

/// What `list` shows of an assessment, and what lookups filter on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub id: String,
    pub person: String,
    pub assessor: Option<String>,
    pub framework: String,
    pub role: String,
    pub to: Option<String>,
    pub started: Timestamp,
    pub updated: Timestamp,
    /// When it became complete (or partial); `None` while in progress,
    /// whatever the file says.
    pub completed: Option<Timestamp>,
    /// In progress, complete or partial, counted against the framework;
    /// from the file's completion time when the framework is not loaded.
    pub status: Status,
    /// When it was imported from another data directory, if it was.
    #[serde(default)]
    pub imported: Option<Timestamp>,
    /// Statements of the assessment's walk with a rating.
    pub rated: usize,
    /// Statements of the walk with any answer: a rating, skipped, or no
    /// opportunity yet.
    pub answered: usize,
    /// Statements in the walk; `None` when the framework is not loaded.
    pub total: Option<usize>,
}

impl Summary {
    pub fn of(assessment: &Assessment, framework: Option<&Framework>) -> Summary {
        let (rated, answered, total, status) = match framework {
            Some(framework) => {
                let items = assessment.walk(framework);
                (
                    assessment.rated(&items),
                    assessment.answered(&items),
                    Some(items.len()),
                    assessment.status_of(framework, &items),
                )
            }
            None => (
                assessment
                    .ratings
                    .values()
                    .filter(|a| a.rating.is_some())
                    .count(),
                assessment.ratings.len(),
                None,
                Status::stored(assessment.completed.as_ref()),
            ),
        };
        Summary {
            id: assessment.id.clone(),
            person: assessment.person.clone(),
            assessor: assessment.assessor.clone(),
            framework: assessment.framework.clone(),
            role: assessment.role.clone(),
            to: assessment.to.clone(),
            started: assessment.started,
            updated: assessment.updated,
            completed: assessment.completed.filter(|_| status.is_finished()),
            status,
            imported: assessment.imported,
            rated,
            answered,
            total,
        }
    }

    pub fn view(&self) -> &str {
        super::view(self.assessor.as_deref())
    }

    pub fn status(&self) -> Status {
        self.status
    }

    /// "Ada (self)", or "Ada, as seen by Grace (manager)".
    pub fn who(&self) -> String {
        super::who(&self.person, self.assessor.as_deref())
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct IndexFile {
    version: u32,
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    size: u64,
    /// Nanoseconds since the epoch.
    modified: u128,
    /// Every save renames a new file into place, so a new inode tells a
    /// rewrite apart even within one tick of the file system's clock.
    inode: u64,
    /// Change time in nanoseconds since the epoch: an edit in place whose
    /// modification time was put back (`touch -d`) still changes it.
    changed: i128,
    /// Fingerprint of the framework the counts were made against; 0 when
    /// it was not loaded.
    counted_with: u64,
    summary: Summary,
}

/// Identifies a framework's statements, so counts made against another
/// version (or an edited file with the same version) are not reused. FNV-1a
/// over the bytes, so the value written to the index means the same to
/// every build of rungs (`DefaultHasher` may change between Rust releases).
fn fingerprint(framework: &Framework) -> u64 {
    let mut hasher = Fnv1a::default();
    hasher.text(&framework.id).text(&framework.version);
    for section in &framework.sections {
        hasher.text(&section.id);
    }
    for archetype in &framework.archetypes {
        hasher.text(&archetype.code);
        hasher.number(archetype.next.len() as u64);
        for next in &archetype.next {
            hasher.text(next);
        }
        for (group, statement) in archetype.statements() {
            hasher.number(group.section as u64).text(&statement.id);
        }
    }
    // 0 stands for "no framework".
    hasher.finish().max(1)
}

#[cfg(unix)]
fn inode(metadata: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(metadata)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

#[cfg(unix)]
fn changed(metadata: &std::fs::Metadata) -> i128 {
    use std::os::unix::fs::MetadataExt;
    i128::from(metadata.ctime()) * 1_000_000_000 + i128::from(metadata.ctime_nsec())
}

#[cfg(not(unix))]
fn changed(_: &std::fs::Metadata) -> i128 {
    0
}

/// Summaries of the readable assessments (every one, or only `person`'s
/// when given), sorted by id. A file that cannot be read, or anything else
/// in the way, is skipped and left as a warning in the store
/// ([`Store::take_warnings`]). Refreshes the index as a side effect.
///
/// With `person`, only that person's directory (and files placed directly
/// in `assessments/`) is read, so the cost does not grow with everyone
/// else's assessments. Summaries are still filtered by the `person` field
/// of each file by the callers: the directory is where files are put, the
/// file says whose it is.
pub fn summaries(
    store: &Store,
    catalog: &Catalog,
    person: Option<&str>,
) -> Result<Vec<Summary>, Error> {
    let fingerprints: BTreeMap<&str, u64> = catalog
        .entries()
        .iter()
        .map(|e| (e.framework.id.as_str(), fingerprint(&e.framework)))
        .collect();
    let mut summaries = Vec::new();
    for folder in store.folders(person)? {
        summarise_folder(store, catalog, &fingerprints, &folder, &mut summaries)?;
    }
    if person.is_none() {
        // Leftovers of killed runs that wrote the index or the settings.
        fsio::remove_stale(&store.data_dir().join(INDEX_DIR));
        fsio::remove_stale(store.data_dir());
    }
    summaries.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(summaries)
}

/// A person's assessments (any case of the name; everyone's when `None`)
/// whose framework is loaded, oldest first by last update, in one view
/// when `view` is given (`self` for the person's own). One whose framework
/// is not loaded is skipped with a warning.
pub fn of_person(
    store: &Store,
    catalog: &Catalog,
    person: Option<&str>,
    view: Option<&str>,
) -> Result<Vec<Summary>, Error> {
    let mut summaries = summaries(store, catalog, person)?;
    summaries.retain(|s| person.is_none_or(|p| s.person.eq_ignore_ascii_case(p)));
    summaries.retain(|s| view.is_none_or(|v| s.view().eq_ignore_ascii_case(v)));
    summaries.retain(|s| match catalog.find(&s.framework) {
        Ok(_) => true,
        Err(error) => {
            let path = store
                .find(&s.id)
                .ok()
                .flatten()
                .unwrap_or_else(|| s.id.clone().into());
            store.warn(path, error);
            false
        }
    });
    summaries.sort_by(|a, b| (a.updated, &a.id).cmp(&(b.updated, &b.id)));
    Ok(summaries)
}

/// Drops `id` from every part of the index, after its file was deleted.
/// The index would notice on the next read; this keeps it exact at once.
/// A cache: a failure here only costs a read later.
pub fn forget(store: &Store, id: &str) {
    let Ok(folders) = store.folders(None) else {
        return;
    };
    for folder in folders {
        let path = store
            .data_dir()
            .join(INDEX_DIR)
            .join(format!("{}.json", folder.name));
        let Some(mut index) = fsio::read(&path, FileKind::Index)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<IndexFile>(&bytes).ok())
        else {
            continue;
        };
        if index.entries.remove(id).is_some()
            && let Ok(json) = serde_json::to_vec(&index)
        {
            let _ = fsio::write_atomic(&path, &json);
        }
    }
}

/// One folder against its part of the index, `index/<folder>.json`.
fn summarise_folder(
    store: &Store,
    catalog: &Catalog,
    fingerprints: &BTreeMap<&str, u64>,
    folder: &Folder,
    summaries: &mut Vec<Summary>,
) -> Result<(), Error> {
    let dir = store.data_dir().join(INDEX_DIR);
    let path = dir.join(format!("{}.json", folder.name));
    // A cache: whatever is wrong with it (a pipe, too large, damaged, of
    // another version), the files are read instead.
    let mut index = fsio::read(&path, FileKind::Index)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<IndexFile>(&bytes).ok())
        .filter(|index| index.version == INDEX_VERSION)
        .unwrap_or(IndexFile {
            version: INDEX_VERSION,
            entries: BTreeMap::new(),
        });
    let files = match store.files(folder) {
        Ok(files) => files,
        // An unreadable folder costs its own assessments only.
        Err(error) => {
            store.warn(&folder.path, error);
            return Ok(());
        }
    };
    let mut dirty = index.entries.len() != files.len();
    let mut entries = BTreeMap::new();
    for (id, file) in files {
        let metadata = match std::fs::metadata(&file) {
            Ok(metadata) => metadata,
            // Removed since the directory was listed.
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => {
                store.warn(&file, Error::Io(error));
                continue;
            }
        };
        let size = metadata.len();
        let modified = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let inode = inode(&metadata);
        let changed = changed(&metadata);
        let cached = index.entries.remove(&id).filter(|entry| {
            let counted_with = fingerprints
                .get(entry.summary.framework.as_str())
                .copied()
                .unwrap_or(0);
            (
                entry.size,
                entry.modified,
                entry.inode,
                entry.changed,
                entry.counted_with,
            ) == (size, modified, inode, changed, counted_with)
                && entry.summary.id == id
        });
        let entry = match cached {
            Some(entry) => entry,
            None => match store.load_path(&file, catalog) {
                Ok(assessment) => {
                    dirty = true;
                    let framework = catalog
                        .find(&assessment.framework)
                        .ok()
                        .map(|e| &e.framework);
                    Entry {
                        size,
                        modified,
                        inode,
                        changed,
                        counted_with: framework.map_or(0, fingerprint),
                        summary: Summary::of(&assessment, framework),
                    }
                }
                Err(error) => {
                    store.warn(&file, error);
                    continue;
                }
            },
        };
        summaries.push(entry.summary.clone());
        entries.insert(id, entry);
    }
    if dirty || !index.entries.is_empty() {
        let fresh = IndexFile {
            version: INDEX_VERSION,
            entries,
        };
        // A cache: if it cannot be written, the next run reads the files.
        if let Ok(json) = serde_json::to_vec(&fresh)
            && fsio::private_dir(&dir).is_ok()
        {
            let _ = fsio::write_atomic(&path, &json);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::tests::sample;

    use crate::testing::catalog;

    fn save(store: &Store, assessment: &Assessment) {
        let lock = store.lock(&assessment.id).expect("lock");
        store.save(assessment, &lock).expect("save");
    }

    #[test]
    fn the_index_follows_the_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let catalog = catalog();
        let mut assessment = sample();
        save(&store, &assessment);

        let first = summaries(&store, &catalog, None).expect("summaries");
        assert!(store.take_warnings().is_empty());
        assert_eq!((first[0].rated, first[0].total), (1, Some(8)));
        assert!(dir.path().join(INDEX_DIR).join("ada.json").exists());

        // The same answer again from the index.
        let second = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(second, first);

        // A changed file is read again, whatever the index says.
        assessment.person = "Ada Lovelace".into();
        assessment.ratings.remove("e1.craft.1");
        save(&store, &assessment);
        let third = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(
            (third[0].person.as_str(), third[0].rated),
            ("Ada Lovelace", 0)
        );

        // A deleted file disappears; a damaged index is rebuilt.
        std::fs::write(dir.path().join(INDEX_DIR).join("ada.json"), "{ not json").expect("damage");
        let fourth = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(fourth, third);
        std::fs::remove_file(store.location(&assessment).expect("path")).expect("remove");
        assert!(
            summaries(&store, &catalog, None)
                .expect("summaries")
                .is_empty()
        );
    }

    #[test]
    fn counts_without_the_framework_are_redone_once_it_is_loaded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        save(&store, &sample());
        let built_in_only = Catalog::load(None, &[]).expect("catalog");
        let without = summaries(&store, &built_in_only, None).expect("summaries");
        assert_eq!(without[0].total, None);
        let with = summaries(&store, &catalog(), None).expect("summaries");
        assert_eq!(with[0].total, Some(8));
    }

    /// Issue 11, item 10: an edit in place that keeps the size and inode,
    /// with the modification time put back, is still seen.
    #[test]
    fn an_edit_with_the_time_put_back_is_seen() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let catalog = catalog();
        let assessment = sample();
        save(&store, &assessment);
        let path = store.location(&assessment).expect("path");
        let before = std::fs::metadata(&path).expect("meta");
        assert_eq!(
            summaries(&store, &catalog, None).expect("summaries")[0].person,
            "Ada"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        let text = std::fs::read_to_string(&path)
            .expect("read")
            .replace("\"Ada\"", "\"Eve\"");
        {
            use std::io::{Seek, Write};
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .expect("open");
            file.seek(std::io::SeekFrom::Start(0)).expect("seek");
            file.write_all(text.as_bytes()).expect("write");
            file.set_modified(before.modified().expect("mtime"))
                .expect("touch -d");
        }
        let after = std::fs::metadata(&path).expect("meta");
        assert_eq!((after.len(), inode(&after)), (before.len(), inode(&before)));
        assert_eq!(after.modified().ok(), before.modified().ok());
        assert_eq!(
            summaries(&store, &catalog, None).expect("summaries")[0].person,
            "Eve"
        );
    }

    /// Issue 10, item 6: the fingerprint is a named hash, the same for
    /// every build; this value is pinned so a change is noticed.
    #[test]
    fn the_fingerprint_is_stable() {
        let framework = crate::testing::acme();
        assert_eq!(fingerprint(&framework), fingerprint(&framework.clone()));
        assert_eq!(
            format!("{:016x}", fingerprint(&framework)),
            PINNED_FINGERPRINT
        );
    }

    const PINNED_FINGERPRINT: &str = "a6d7723d1b47586b";
}

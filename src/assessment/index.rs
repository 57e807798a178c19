//! A summary index of the assessments directory, so `list` and the latest-
//! assessment lookups of `gap` do not parse every file on every run.
//!
//! `<data dir>/index.json` caches each assessment's summary with the size
//! and modification time its file had when it was read. An entry is used
//! only while both still match the file, and its statement counts only
//! while the framework they were counted against is unchanged; anything
//! else is read from the file again. The index is a cache, never trusted
//! over the files: a damaged or newer index is ignored and rebuilt, and a
//! failure to write it only costs speed.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::UNIX_EPOCH;

use fs_err as fs;
use serde::{Deserialize, Serialize};

use super::store::{Folder, Store, write_atomic};
use super::{Assessment, Status, Timestamp};
use crate::catalog::Catalog;
use crate::error::Error;
use crate::framework::Framework;

/// `<data dir>/index/`: one file per folder of assessments.
const INDEX_DIR: &str = "index";
/// 2: the status and the count of answers.
const INDEX_VERSION: u32 = 2;

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
    /// Fingerprint of the framework the counts were made against; 0 when
    /// it was not loaded.
    counted_with: u64,
    summary: Summary,
}

/// Identifies a framework's statements, so counts made against another
/// version (or an edited file with the same version) are not reused.
fn fingerprint(framework: &Framework) -> u64 {
    let mut hasher = DefaultHasher::new();
    framework.id.hash(&mut hasher);
    framework.version.hash(&mut hasher);
    for section in &framework.sections {
        section.id.hash(&mut hasher);
    }
    for archetype in &framework.archetypes {
        archetype.code.hash(&mut hasher);
        archetype.next.hash(&mut hasher);
        for (group, statement) in archetype.statements() {
            group.section.hash(&mut hasher);
            statement.id.hash(&mut hasher);
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

/// Summaries of the readable assessments (every one, or only `person`'s
/// when given), sorted by id, and an error for each file that cannot be
/// read. Refreshes the index as a side effect.
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
) -> Result<(Vec<Summary>, Vec<Error>), Error> {
    let fingerprints: BTreeMap<&str, u64> = catalog
        .entries()
        .iter()
        .map(|e| (e.framework.id.as_str(), fingerprint(&e.framework)))
        .collect();
    let mut summaries = Vec::new();
    let mut errors = Vec::new();
    for folder in store.folders(person)? {
        summarise_folder(
            store,
            catalog,
            &fingerprints,
            &folder,
            &mut summaries,
            &mut errors,
        )?;
    }
    summaries.sort_by(|a, b| a.id.cmp(&b.id));
    Ok((summaries, errors))
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
        let Some(mut index) = fs::read_to_string(&path)
            .ok()
            .and_then(|text| serde_json::from_str::<IndexFile>(&text).ok())
        else {
            continue;
        };
        if index.entries.remove(id).is_some()
            && let Ok(json) = serde_json::to_vec(&index)
        {
            let _ = write_atomic(&path, &json);
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
    errors: &mut Vec<Error>,
) -> Result<(), Error> {
    let path = store
        .data_dir()
        .join(INDEX_DIR)
        .join(format!("{}.json", folder.name));
    let mut index = fs::read_to_string(&path)
        .ok()
        .and_then(|text| serde_json::from_str::<IndexFile>(&text).ok())
        .filter(|index| index.version == INDEX_VERSION)
        .unwrap_or(IndexFile {
            version: INDEX_VERSION,
            entries: BTreeMap::new(),
        });
    let files = store.files(folder)?;
    let mut dirty = index.entries.len() != files.len();
    let mut entries = BTreeMap::new();
    for (id, file) in files {
        let metadata = match fs::metadata(&file) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => return Err(error.into()),
        };
        let size = metadata.len();
        let modified = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let inode = inode(&metadata);
        let cached = index.entries.remove(&id).filter(|entry| {
            let counted_with = fingerprints
                .get(entry.summary.framework.as_str())
                .copied()
                .unwrap_or(0);
            (entry.size, entry.modified, entry.inode, entry.counted_with)
                == (size, modified, inode, counted_with)
        });
        let entry = match cached {
            Some(entry) => entry,
            None => match store.load_path(&file) {
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
                        counted_with: framework.map_or(0, fingerprint),
                        summary: Summary::of(&assessment, framework),
                    }
                }
                Err(error @ Error::InvalidFile(_)) => {
                    errors.push(error);
                    continue;
                }
                Err(error) => return Err(error),
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
        if let Ok(json) = serde_json::to_vec(&fresh) {
            let _ = fs::create_dir_all(store.data_dir().join(INDEX_DIR));
            let _ = write_atomic(&path, &json);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::tests::sample;

    fn catalog() -> Catalog {
        let acme = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme.toml").to_string();
        Catalog::load(None, &[acme]).expect("catalog")
    }

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

        let (first, errors) = summaries(&store, &catalog, None).expect("summaries");
        assert!(errors.is_empty());
        assert_eq!((first[0].rated, first[0].total), (1, Some(8)));
        assert!(dir.path().join(INDEX_DIR).join("ada.json").exists());

        // The same answer again from the index.
        let (second, _) = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(second, first);

        // A changed file is read again, whatever the index says.
        assessment.person = "Ada Lovelace".into();
        assessment.ratings.remove("e1.craft.1");
        save(&store, &assessment);
        let (third, _) = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(
            (third[0].person.as_str(), third[0].rated),
            ("Ada Lovelace", 0)
        );

        // A deleted file disappears; a damaged index is rebuilt.
        std::fs::write(dir.path().join(INDEX_DIR).join("ada.json"), "{ not json").expect("damage");
        let (fourth, _) = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(fourth, third);
        std::fs::remove_file(store.location(&assessment).expect("path")).expect("remove");
        assert!(
            summaries(&store, &catalog, None)
                .expect("summaries")
                .0
                .is_empty()
        );
    }

    #[test]
    fn counts_without_the_framework_are_redone_once_it_is_loaded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        save(&store, &sample());
        let built_in_only = Catalog::load(None, &[]).expect("catalog");
        let (without, _) = summaries(&store, &built_in_only, None).expect("summaries");
        assert_eq!(without[0].total, None);
        let (with, _) = summaries(&store, &catalog(), None).expect("summaries");
        assert_eq!(with[0].total, Some(8));
    }
}

//! A person's journal on disk: month files under
//! `<data dir>/journal/<person slug>/`, read with a size limit, written
//! atomically under a lock per month. See [`super`] for the layout.

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use fs_err as fs;

use super::cache::{self, Cache};
use super::file::{self, MonthFile};
use super::{Entry, EntryId, Month};
use crate::assessment::Timestamp;
use crate::assessment::store::{Store, slug};
use crate::diagnostic::{FileKind, InvalidFile, SourceFile};
use crate::error::Error;
use crate::fsio::{self, ReadError, SourceError, Stamp, private_dir, write_atomic};
use crate::suggest;

/// The journals of one data directory: each person's own, or the entries
/// others sent with an assessment (`rungs import`), kept apart in
/// `journal/<person>/imported/` and never merged into the person's own.
#[derive(Debug, Clone)]
pub struct Journal {
    data_dir: PathBuf,
    imported: bool,
}

/// What a new entry says; the journal gives it its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub date: NaiveDate,
    pub text: String,
    pub links: Vec<String>,
    pub tags: Vec<String>,
}

/// Held while a month file is read, changed and written; released on drop
/// (and by the operating system if the process dies).
#[derive(Debug)]
struct MonthLock {
    _file: File,
}

/// Which entries to read: dates from `since` to `until`, both included.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Span {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|since| date >= since) && self.until.is_none_or(|until| date <= until)
    }

    fn overlaps(&self, month: Month) -> bool {
        self.since.is_none_or(|since| month >= Month::of(since))
            && self.until.is_none_or(|until| month <= Month::of(until))
    }
}

impl Journal {
    pub fn new(store: &Store) -> Journal {
        Journal {
            data_dir: store.data_dir().to_path_buf(),
            imported: false,
        }
    }

    /// The entries imported with assessments from other data directories.
    pub fn imported(store: &Store) -> Journal {
        Journal {
            imported: true,
            ..Journal::new(store)
        }
    }

    /// The same data directory's imported entries.
    pub fn imported_shelf(&self) -> Journal {
        Journal {
            imported: true,
            ..self.clone()
        }
    }

    /// `<data dir>/journal`.
    pub fn root(&self) -> PathBuf {
        self.data_dir.join("journal")
    }

    /// The folder of one person's month files.
    pub fn folder(&self, person: &str) -> PathBuf {
        let own = self.root().join(slug(person));
        if self.imported {
            own.join("imported")
        } else {
            own
        }
    }

    pub fn path(&self, person: &str, month: Month) -> PathBuf {
        self.folder(person).join(month.file_name())
    }

    /// The months that have a file, oldest first. Other files in the
    /// folder (a README, temporary files) are left alone.
    pub fn months(&self, person: &str) -> Result<Vec<Month>, Error> {
        let entries = match fs::read_dir(self.folder(person)) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(error.into()),
        };
        let mut months = Vec::new();
        for entry in entries {
            let name = entry?.file_name();
            if let Some(month) = name
                .to_str()
                .and_then(|name| name.strip_suffix(".toml"))
                .and_then(Month::parse)
            {
                months.push(month);
            }
        }
        months.sort();
        Ok(months)
    }

    /// One month of a person's journal; `None` when it has no file.
    pub fn read(&self, person: &str, month: Month) -> Result<Option<MonthFile>, Error> {
        let path = self.path(person, month);
        let Some(source) = read_limited(&path)? else {
            return Ok(None);
        };
        file::parse(&source, month, Some(person))
            .map(Some)
            .map_err(|problems| InvalidFile::new(FileKind::Journal, &source, problems).into())
    }

    /// A person's entries dated within `span`, oldest first. Months whose
    /// files are unchanged since they were last read come from the cache
    /// (see [`super::cache`]).
    pub fn entries(&self, person: &str, span: Span) -> Result<Vec<Entry>, Error> {
        let all = self.months(person)?;
        let mut cache = Cache::load(self.cache_path(person));
        cache.keep_only(&all);
        let mut entries = Vec::new();
        let mut stale: Vec<(Month, Option<Stamp>)> = Vec::new();
        for month in all.into_iter().filter(|month| span.overlaps(*month)) {
            // Taken before the file is read: if it changes in between, the
            // next run sees a stamp that does not match and reads it again.
            let stamp = cache::stamp(&self.path(person, month));
            match stamp.and_then(|stamp| cache.get(month, stamp, person)) {
                Some(cached) => {
                    entries.extend(cached.iter().filter(|e| span.contains(e.date)).cloned());
                }
                None => stale.push((month, stamp)),
            }
        }
        let months: Vec<Month> = stale.iter().map(|(month, _)| *month).collect();
        for file in self.read_all(person, &months)? {
            if let Some((_, Some(stamp))) = stale.iter().find(|(month, _)| *month == file.month) {
                cache.put(file.month, *stamp, &file.person, &file.entries);
            }
            entries.extend(file.entries.into_iter().filter(|e| span.contains(e.date)));
        }
        cache.save();
        for entry in &mut entries {
            entry.imported = self.imported;
        }
        super::sort(&mut entries);
        Ok(entries)
    }

    fn cache_path(&self, person: &str) -> PathBuf {
        let shelf = if self.imported { ".imported" } else { "" };
        self.data_dir
            .join("index")
            .join("journal")
            .join(format!("{}{shelf}.json", slug(person)))
    }

    /// Stores entries sent by someone else, as they were written there:
    /// an entry already here unchanged is left alone, a newer version of
    /// one (the same id and time recorded) replaces it, and one whose id
    /// is taken by another gets the next free id of its day. How many
    /// were added or changed.
    pub fn put(&self, person: &str, incoming: Vec<Entry>) -> Result<usize, Error> {
        let months: BTreeSet<Month> = incoming
            .iter()
            .filter_map(|e| EntryId::parse(&e.id))
            .map(|id| id.month())
            .collect();
        let mut changed = 0;
        for month in months {
            let lock = self.lock(person, month)?;
            let mut file = self.read_or_new(person, month)?;
            let before = file.entries.clone();
            for entry in incoming
                .iter()
                .filter(|e| EntryId::parse(&e.id).is_some_and(|id| id.month() == month))
            {
                let mut entry = Entry {
                    imported: false,
                    ..entry.clone()
                };
                match file.entries.iter().position(|e| e.id == entry.id) {
                    Some(at) if file.entries[at] == entry => {}
                    Some(at) if file.entries[at].recorded == entry.recorded => {
                        file.entries[at] = entry;
                        changed += 1;
                    }
                    Some(_) => {
                        if file.entries.iter().any(|e| {
                            e.recorded == entry.recorded
                                && e.text == entry.text
                                && e.date == entry.date
                        }) {
                            continue;
                        }
                        entry.id = next_id(&file.entries, entry.date).to_string();
                        file.entries.push(entry);
                        changed += 1;
                    }
                    None => {
                        file.entries.push(entry);
                        changed += 1;
                    }
                }
            }
            if file.entries != before {
                self.write(&file, &lock)?;
            }
        }
        Ok(changed)
    }

    /// Reads several months, on as many threads as there are processors:
    /// parsing is most of the cost of listing a year. The first problem,
    /// in month order, is the one reported.
    fn read_all(&self, person: &str, months: &[Month]) -> Result<Vec<MonthFile>, Error> {
        let read_chunk = |chunk: &[Month]| -> Result<Vec<MonthFile>, Error> {
            let mut files = Vec::new();
            for &month in chunk {
                files.extend(self.read(person, month)?);
            }
            Ok(files)
        };
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        if workers < 2 || months.len() < 3 {
            return read_chunk(months);
        }
        let size = months.len().div_ceil(workers);
        std::thread::scope(|scope| {
            let readers: Vec<_> = months
                .chunks(size)
                .map(|chunk| scope.spawn(move || read_chunk(chunk)))
                .collect();
            let mut files = Vec::new();
            for reader in readers {
                let read = reader
                    .join()
                    .map_err(|_| std::io::Error::other("a journal reader stopped"))?;
                files.extend(read?);
            }
            Ok(files)
        })
    }

    /// One entry by id.
    pub fn find(&self, person: &str, id: &str) -> Result<Entry, Error> {
        let id = parse_id(id)?;
        let file = self.read(person, id.month())?;
        let entries = file.map(|f| f.entries).unwrap_or_default();
        position(&entries, person, &id).map(|i| entries[i].clone())
    }

    /// Records new entries, each month file read and written once, and
    /// returns them with their ids, in the order given.
    pub fn add(
        &self,
        person: &str,
        new: Vec<NewEntry>,
        recorded: Timestamp,
    ) -> Result<Vec<Entry>, Error> {
        let months: BTreeSet<Month> = new.iter().map(|n| Month::of(n.date)).collect();
        let mut added: Vec<Option<Entry>> = vec![None; new.len()];
        for month in months {
            let lock = self.lock(person, month)?;
            let mut file = self.read_or_new(person, month)?;
            for (slot, draft) in added.iter_mut().zip(&new) {
                if Month::of(draft.date) != month {
                    continue;
                }
                let entry = Entry {
                    id: next_id(&file.entries, draft.date).to_string(),
                    date: draft.date,
                    text: draft.text.trim().to_string(),
                    links: draft.links.clone(),
                    tags: draft.tags.clone(),
                    recorded,
                    imported: false,
                };
                file.entries.push(entry.clone());
                *slot = Some(entry);
            }
            self.write(&file, &lock)?;
        }
        Ok(added.into_iter().flatten().collect())
    }

    /// Changes one entry with `change`, which may move its date. An entry
    /// whose date moves to another month moves to that month's file with
    /// a new id; otherwise it keeps its id.
    pub fn edit(
        &self,
        person: &str,
        id: &str,
        change: impl FnOnce(&mut Entry),
    ) -> Result<Entry, Error> {
        let id = parse_id(id)?;
        let month = id.month();
        let lock = self.lock(person, month)?;
        let mut file = self.read_or_new(person, month)?;
        let index = position(&file.entries, person, &id)?;
        let mut entry = file.entries[index].clone();
        change(&mut entry);
        entry.text = entry.text.trim().to_string();
        if entry == file.entries[index] {
            return Ok(entry);
        }
        let target = Month::of(entry.date);
        if target == month {
            file.entries[index] = entry.clone();
            self.write(&file, &lock)?;
            return Ok(entry);
        }
        // Written to its new month first: a crash in between leaves the
        // entry twice, never lost.
        let target_lock = self.lock(person, target)?;
        let mut moved_to = self.read_or_new(person, target)?;
        entry.id = next_id(&moved_to.entries, entry.date).to_string();
        moved_to.entries.push(entry.clone());
        self.write(&moved_to, &target_lock)?;
        file.entries.remove(index);
        self.write(&file, &lock)?;
        Ok(entry)
    }

    /// Removes one entry and returns it. A month left empty loses its file.
    pub fn remove(&self, person: &str, id: &str) -> Result<Entry, Error> {
        let id = parse_id(id)?;
        let month = id.month();
        let lock = self.lock(person, month)?;
        let mut file = self.read_or_new(person, month)?;
        let index = position(&file.entries, person, &id)?;
        let entry = file.entries.remove(index);
        self.write(&file, &lock)?;
        Ok(entry)
    }

    fn read_or_new(&self, person: &str, month: Month) -> Result<MonthFile, Error> {
        Ok(self.read(person, month)?.unwrap_or_else(|| MonthFile {
            person: person.trim().to_string(),
            month,
            entries: Vec::new(),
        }))
    }

    /// Waits for the lock of one month file: writers hold it only while
    /// they read, change and write that file.
    fn lock(&self, person: &str, month: Month) -> Result<MonthLock, Error> {
        let dir = self.data_dir.join("locks");
        private_dir(&self.data_dir)?;
        private_dir(&dir)?;
        let shelf = if self.imported { "imported-" } else { "" };
        let path = dir.join(format!("journal-{shelf}{}-{month}.lock", slug(person)));
        let mut options = fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use fs_err::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(&path)?.into_parts().0;
        file.lock()?;
        Ok(MonthLock { _file: file })
    }

    /// Writes a month file atomically, or removes it when it has no
    /// entries left. The caller holds its lock.
    fn write(&self, file: &MonthFile, _lock: &MonthLock) -> Result<PathBuf, Error> {
        let path = self.path(&file.person, file.month);
        if file.entries.is_empty() {
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => return Err(error.into()),
            }
            return Ok(path);
        }
        private_dir(&self.data_dir)?;
        private_dir(&self.root())?;
        private_dir(&self.root().join(slug(&file.person)))?;
        private_dir(&self.folder(&file.person))?;
        write_atomic(&path, file::to_toml(file)?.as_bytes())?;
        Ok(path)
    }
}

/// The next free id of a day: one more than the highest in the file.
fn next_id(entries: &[Entry], date: NaiveDate) -> EntryId {
    let n = entries
        .iter()
        .filter_map(|e| EntryId::parse(&e.id))
        .filter(|id| id.date == date)
        .map(|id| id.n)
        .max()
        .unwrap_or(0);
    EntryId {
        date,
        n: n.saturating_add(1),
    }
}

fn parse_id(id: &str) -> Result<EntryId, Error> {
    EntryId::parse(id).ok_or_else(|| Error::Usage {
        message: format!("`{}` is not a journal entry id", id),
        help: "ids look like 2026-11-25-1; `rungs log` lists entries with their ids".into(),
    })
}

fn position(entries: &[Entry], person: &str, id: &EntryId) -> Result<usize, Error> {
    let wanted = id.to_string();
    entries.iter().position(|e| e.id == wanted).ok_or_else(|| {
        let near = suggest::nearest(&wanted, entries.iter().map(|e| e.id.as_str()));
        let first = NaiveDate::from_ymd_opt(id.date.year(), id.date.month(), 1).unwrap_or(id.date);
        let help = suggest::did_you_mean(
            near.as_deref(),
            &format!(
                "`rungs log --person \"{person}\" --since {first}` lists the entries from that month on, with their ids"
            ),
        );
        Error::Usage {
            message: format!("{}'s journal has no entry `{wanted}`", person),
            help,
        }
    })
}

/// Reads a journal file through the one reader of untrusted files: only a
/// regular file of at most the journal's limit, as UTF-8. `None` when it
/// does not exist.
fn read_limited(path: &Path) -> Result<Option<SourceFile>, Error> {
    match fsio::read_source(path, FileKind::Journal) {
        Ok(source) => Ok(Some(source)),
        Err(SourceError::Read(ReadError::Io { source, .. }))
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            Ok(None)
        }
        Err(error) => Err(error.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Timestamp {
        "2026-11-25T17:00:00+01:00".parse().expect("time")
    }

    fn new(date: &str, text: &str) -> NewEntry {
        NewEntry {
            date: date.parse().expect("date"),
            text: text.into(),
            links: Vec::new(),
            tags: Vec::new(),
        }
    }

    fn journal() -> (tempfile::TempDir, Journal) {
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = Journal::new(&Store::new(dir.path().join("data")));
        (dir, journal)
    }

    #[test]
    fn entries_get_ids_per_day_and_land_in_their_month_file() {
        let (_dir, journal) = journal();
        let added = journal
            .add(
                "Ada Lovelace",
                vec![
                    new("2026-11-25", "one"),
                    new("2026-10-31", "two"),
                    new("2026-11-25", " three "),
                ],
                at(),
            )
            .expect("add");
        let ids: Vec<&str> = added.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["2026-11-25-1", "2026-10-31-1", "2026-11-25-2"]);
        assert_eq!(added[2].text, "three");
        assert_eq!(
            journal.months("Ada Lovelace").expect("months"),
            [
                Month {
                    year: 2026,
                    month: 10
                },
                Month {
                    year: 2026,
                    month: 11
                }
            ]
        );
        assert!(journal.root().join("ada-lovelace/2026-11.toml").is_file());
        let all = journal
            .entries("ada lovelace", Span::default())
            .expect("all");
        let texts: Vec<&str> = all.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["two", "one", "three"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(
                mode(&journal.path("Ada Lovelace", Month::of(added[0].date))),
                0o600
            );
            assert_eq!(mode(&journal.folder("Ada Lovelace")), 0o700);
            assert_eq!(mode(&journal.root()), 0o700);
        }
    }

    #[test]
    fn a_span_reads_only_the_months_it_overlaps() {
        let (_dir, journal) = journal();
        journal
            .add(
                "Ada",
                vec![
                    new("2026-09-30", "a"),
                    new("2026-10-01", "b"),
                    new("2026-11-02", "c"),
                ],
                at(),
            )
            .expect("add");
        // A damaged file outside the span is not read.
        std::fs::write(
            journal.path("Ada", Month::parse("2026-09").expect("m")),
            "oops",
        )
        .expect("w");
        let span = Span {
            since: Some("2026-10-01".parse().expect("d")),
            until: Some("2026-10-31".parse().expect("d")),
        };
        let texts: Vec<String> = journal
            .entries("Ada", span)
            .expect("entries")
            .into_iter()
            .map(|e| e.text)
            .collect();
        assert_eq!(texts, ["b"]);
        assert!(matches!(
            journal.entries("Ada", Span::default()),
            Err(Error::InvalidFile(_))
        ));
    }

    #[test]
    fn listing_uses_the_cache_only_while_the_file_is_unchanged() {
        let (_dir, journal) = journal();
        journal
            .add(
                "Ada",
                vec![new("2026-10-01", "a"), new("2026-11-02", "b")],
                at(),
            )
            .expect("add");
        let texts = |journal: &Journal| -> Vec<String> {
            journal
                .entries("Ada", Span::default())
                .expect("entries")
                .into_iter()
                .map(|e| e.text)
                .collect()
        };
        assert_eq!(texts(&journal), ["a", "b"]);
        let cache = journal.cache_path("Ada");
        assert!(cache.is_file());
        // A change through rungs and one by hand are both seen.
        journal
            .edit("Ada", "2026-11-02-1", |e| e.text = "b2".into())
            .expect("edit");
        assert_eq!(texts(&journal), ["a", "b2"]);
        let path = journal.path("Ada", Month::parse("2026-10").expect("m"));
        let text = std::fs::read_to_string(&path)
            .expect("read")
            .replace("\"a\"", "\"a, longer\"");
        std::fs::write(&path, text).expect("write");
        assert_eq!(texts(&journal), ["a, longer", "b2"]);
        // An edit in place of the same size, the modification time put
        // back: only the change time tells.
        let before = std::fs::metadata(&path).expect("meta");
        crate::testing::edit_in_place_keeping_the_time(&path, "\"a, longer\"", "\"z, longer\"");
        let after = std::fs::metadata(&path).expect("meta");
        assert_eq!(
            (after.len(), after.modified().ok()),
            (before.len(), before.modified().ok())
        );
        assert_eq!(texts(&journal), ["z, longer", "b2"]);
        // A damaged cache is only a slower run.
        std::fs::write(&cache, "{ not json").expect("damage");
        assert_eq!(texts(&journal), ["z, longer", "b2"]);
        // A removed month leaves the cache.
        journal.remove("Ada", "2026-10-01-1").expect("remove");
        assert_eq!(texts(&journal), ["b2"]);
        assert!(
            !std::fs::read_to_string(&cache)
                .expect("cache")
                .contains("2026-10")
        );
    }

    #[test]
    fn edit_keeps_the_id_within_a_month_and_moves_across_months() {
        let (_dir, journal) = journal();
        journal
            .add(
                "Ada",
                vec![new("2026-11-25", "one"), new("2026-11-25", "two")],
                at(),
            )
            .expect("add");
        let edited = journal
            .edit("Ada", "2026-11-25-2", |e| {
                e.text = "two, better".into();
                e.date = "2026-11-20".parse().expect("d");
            })
            .expect("edit");
        assert_eq!(edited.id, "2026-11-25-2");
        let moved = journal
            .edit("Ada", "2026-11-25-1", |e| {
                e.date = "2026-12-01".parse().expect("d")
            })
            .expect("move");
        assert_eq!(moved.id, "2026-12-01-1");
        assert_eq!(
            journal.find("Ada", "2026-12-01-1").expect("find").text,
            "one"
        );
        assert!(matches!(
            journal.find("Ada", "2026-11-25-1"),
            Err(Error::Usage { .. })
        ));
        let removed = journal.remove("Ada", "2026-11-25-2").expect("remove");
        assert_eq!(removed.text, "two, better");
        assert!(
            !journal
                .path("Ada", Month::parse("2026-11").expect("m"))
                .exists()
        );
    }

    #[test]
    fn unknown_ids_say_what_exists() {
        let (_dir, journal) = journal();
        journal
            .add("Ada", vec![new("2026-11-25", "one")], at())
            .expect("add");
        match journal.remove("Ada", "2026-11-25-2") {
            Err(Error::Usage { message, help }) => {
                assert!(message.contains("no entry `2026-11-25-2`"), "{message}");
                assert!(help.contains("did you mean `2026-11-25-1`?"), "{help}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            journal.find("Ada", "yesterday"),
            Err(Error::Usage { .. })
        ));
    }

    #[test]
    fn a_damaged_newer_or_odd_file_is_refused_and_left_as_it_is() {
        let (_dir, journal) = journal();
        journal
            .add("Ada", vec![new("2026-11-25", "one")], at())
            .expect("add");
        let path = journal.path("Ada", Month::parse("2026-11").expect("m"));
        let newer = std::fs::read_to_string(&path)
            .expect("read")
            .replace("format_version = 1", "format_version = 2");
        std::fs::write(&path, &newer).expect("write");
        let result = journal.add("Ada", vec![new("2026-11-26", "two")], at());
        match result {
            Err(Error::InvalidFile(error)) => assert_eq!(error.locations(), [(1, 18)]),
            other => panic!("{other:?}"),
        }
        assert_eq!(std::fs::read_to_string(&path).expect("read"), newer);

        std::fs::write(&path, b"format_version = 1\nperson = \"Ada\xff\"\n").expect("write");
        match journal.entries("Ada", Span::default()) {
            Err(Error::InvalidFile(error)) => assert_eq!(error.locations(), [(2, 14)]),
            other => panic!("{other:?}"),
        }
        std::fs::remove_file(&path).expect("rm");
        std::fs::create_dir(&path).expect("a directory where a file should be");
        let error = journal
            .entries("Ada", Span::default())
            .expect_err("refused");
        assert!(error.to_string().contains("not a regular file"), "{error}");
    }
}

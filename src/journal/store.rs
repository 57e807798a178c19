//! A person's journal on disk: month files under
//! `<data dir>/journal/<person slug>/`, read with a size limit, written
//! atomically under a lock per month. See [`super`] for the layout.

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use fs_err as fs;

use super::cache::{self, Cache};
use super::file::{self, MonthFile};
use super::{Entry, EntryId, Month};
use crate::assessment::Timestamp;
use crate::assessment::store::{Store, slug};
use crate::diagnostic::{FileKind, InvalidFile, SourceFile};
use crate::error::Error;
use crate::fsio::{self, Fnv1a, ReadError, SourceError, Stamp, private_dir, write_atomic};
use crate::suggest;

/// The journals of one data directory.
#[derive(Debug, Clone)]
pub struct Journal {
    data_dir: PathBuf,
    /// The data directory's caches.
    cache: crate::cache::Cache,
    /// Where its lock files go (see [`Store::locks_dir`]).
    locks: PathBuf,
    /// The entries imported with assessments from other data directories
    /// (`journal/<person>/imported/`), never merged into the person's own.
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

/// A person's folder of month files, found once for each call: see
/// [`Journal::shelf`].
#[derive(Debug, Clone)]
struct Shelf {
    /// The folder's name: the person's slug, or the slug and a hash of
    /// the name when another name has the slug.
    name: String,
    dir: PathBuf,
}

/// How long a write waits for a month another run is writing: writers
/// hold a month only while they read, change and write it, so this is
/// far longer than any of them takes.
const LOCK_WAIT: Duration = Duration::from_secs(10);

impl Journal {
    pub fn new(store: &Store) -> Journal {
        Journal {
            data_dir: store.data_dir().to_path_buf(),
            cache: store.cache().clone(),
            locks: store.locks_dir(),
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

    /// The folder holding `person`'s month files. It is the person's slug
    /// (`journal/zoe`) unless the files there are another person's whose
    /// name transliterates alike ("Zoë" and "Zoe", "Ada" and "ÅDA"): then
    /// the slug and a hash of the name (`journal/zoe-1a2b3c4d`). Whoever
    /// wrote first keeps the plain folder, so no journal moves.
    ///
    /// A folder whose files cannot be read is taken to be the person's, as
    /// before there were two: reading a month then says what is wrong.
    fn shelf(&self, person: &str) -> Result<Shelf, Error> {
        let own = self.own_shelf(person)?;
        Ok(match self.imported {
            false => own,
            true => Shelf {
                name: format!("{}.imported", own.name),
                dir: own.dir.join("imported"),
            },
        })
    }

    /// [`Journal::shelf`] of the person's own entries.
    fn own_shelf(&self, person: &str) -> Result<Shelf, Error> {
        let base = slug(person);
        let hashed = format!("{base}-{}", name_hash(person));
        let mut free = None;
        for name in [base, hashed] {
            let dir = self.root().join(&name);
            let shelf = Shelf { name, dir };
            match owner(&shelf)? {
                Claim::Mine => return Ok(shelf),
                Claim::Unknown(Some(owner)) if same_person(&owner, person) => return Ok(shelf),
                Claim::Unknown(None) => {
                    if free.is_none() {
                        free = Some(shelf);
                    }
                }
                Claim::Unknown(Some(_)) => {}
            }
        }
        free.ok_or_else(|| Error::Usage {
            message: format!(
                "the journal folders for {} hold other people's entries",
                person.trim()
            ),
            help: format!(
                "two other names share the folders {}: move one of them out of the way",
                self.root().display()
            ),
        })
    }

    /// The folder of `person`'s month files (see [`Journal::shelf`]).
    pub fn folder(&self, person: &str) -> Result<PathBuf, Error> {
        Ok(self.shelf(person)?.dir)
    }

    /// The file of one month of `person`'s journal.
    pub fn path(&self, person: &str, month: Month) -> Result<PathBuf, Error> {
        Ok(self.shelf(person)?.path(month))
    }

    /// The months that have a file, oldest first. Other files in the
    /// folder (a README, temporary files) are left alone, but temporary
    /// files too old to belong to a running write are removed.
    pub fn months(&self, person: &str) -> Result<Vec<Month>, Error> {
        months_in(&self.shelf(person)?)
    }

    /// One month of a person's journal; `None` when it has no file.
    pub fn read(&self, person: &str, month: Month) -> Result<Option<MonthFile>, Error> {
        read_month(&self.shelf(person)?, person, month)
    }

    /// A person's entries dated within `span`, oldest first. Months whose
    /// files are unchanged since they were last read come from the cache
    /// (see [`super::cache`]).
    pub fn entries(&self, person: &str, span: Span) -> Result<Vec<Entry>, Error> {
        let shelf = self.shelf(person)?;
        let all = months_in(&shelf)?;
        let mut cache = Cache::load(&self.cache, &shelf.name);
        cache.keep_only(&all);
        let mut entries = Vec::new();
        let mut stale: Vec<(Month, Option<Stamp>)> = Vec::new();
        for month in all.into_iter().filter(|month| span.overlaps(*month)) {
            // Taken before the file is read: if it changes in between, the
            // next run sees a stamp that does not match and reads it again.
            let stamp = cache::stamp(&shelf.path(month));
            match stamp.and_then(|stamp| cache.get(month, stamp, person)) {
                Some(cached) => {
                    entries.extend(cached.iter().filter(|e| span.contains(e.date)).cloned());
                }
                None => stale.push((month, stamp)),
            }
        }
        let months: Vec<Month> = stale.iter().map(|(month, _)| *month).collect();
        for file in read_all(&shelf, person, &months)? {
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

    /// Stores entries sent by someone else, as they were written there:
    /// an entry already here unchanged is left alone, a newer version of
    /// one (the same id and time recorded) replaces it, and one whose id
    /// is taken by another gets the next free id of its day. How many
    /// were added or changed.
    pub fn put(&self, person: &str, incoming: Vec<Entry>) -> Result<usize, Error> {
        for entry in &incoming {
            super::check_input(&entry.text, &entry.links, &entry.tags, entry.date)?;
        }
        let shelf = self.shelf(person)?;
        let months: BTreeSet<Month> = incoming
            .iter()
            .filter_map(|e| EntryId::parse(&e.id))
            .map(|id| id.month())
            .collect();
        let mut changed = 0;
        for month in months {
            let lock = self.lock(&shelf, month)?;
            let mut file = read_or_new(&shelf, person, month)?;
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
                        entry.id = next_id(&file.entries, entry.date)?.to_string();
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
                let text = encode(&shelf, &file)?;
                write(&shelf, &file, &text, &lock)?;
            }
        }
        Ok(changed)
    }

    /// One entry by id.
    pub fn find(&self, person: &str, id: &str) -> Result<Entry, Error> {
        let id = parse_id(id)?;
        let file = self.read(person, id.month())?;
        let entries = file.map(|f| f.entries).unwrap_or_default();
        position(&entries, person, &id).map(|i| entries[i].clone())
    }

    /// Records new entries and returns them with their ids, in the order
    /// given. Every month they go to is locked (in order), read and
    /// checked before any is written: one that would grow past what
    /// rungs reads refuses them all.
    pub fn add(
        &self,
        person: &str,
        new: Vec<NewEntry>,
        recorded: Timestamp,
    ) -> Result<Vec<Entry>, Error> {
        for draft in &new {
            super::check_input(&draft.text, &draft.links, &draft.tags, draft.date)?;
        }
        let shelf = self.shelf(person)?;
        let months: BTreeSet<Month> = new.iter().map(|n| Month::of(n.date)).collect();
        let mut locks = Vec::new();
        for &month in &months {
            locks.push(self.lock(&shelf, month)?);
        }
        let mut added: Vec<Option<Entry>> = vec![None; new.len()];
        let mut files = Vec::new();
        for &month in &months {
            let mut file = read_or_new(&shelf, person, month)?;
            for (slot, draft) in added.iter_mut().zip(&new) {
                if Month::of(draft.date) != month {
                    continue;
                }
                let entry = Entry {
                    id: next_id(&file.entries, draft.date)?.to_string(),
                    date: draft.date,
                    text: draft.text.trim().to_string(),
                    links: trimmed(&draft.links),
                    tags: trimmed(&draft.tags),
                    recorded,
                    imported: false,
                };
                file.entries.push(entry.clone());
                *slot = Some(entry);
            }
            let text = encode(&shelf, &file)?;
            files.push((file, text));
        }
        for ((file, text), lock) in files.iter().zip(&locks) {
            write(&shelf, file, text, lock)?;
        }
        Ok(added.into_iter().flatten().collect())
    }

    /// Changes one entry with `change`, which may move its date. An entry
    /// whose date moves to another month moves to that month's file with
    /// a new id; otherwise it keeps its id.
    ///
    /// Both months are locked, in order, before either is read: two moves
    /// between the same months in opposite directions each wait their
    /// turn, rather than each holding the lock the other waits for.
    pub fn edit(
        &self,
        person: &str,
        id: &str,
        change: impl Fn(&mut Entry),
    ) -> Result<Entry, Error> {
        let id = parse_id(id)?;
        let shelf = self.shelf(person)?;
        let month = id.month();
        // Where the entry goes is known once it is read and changed; the
        // first guess is its own month, and a second pass holds both.
        let mut target = month;
        loop {
            let mut months = vec![month, target];
            months.sort();
            months.dedup();
            let mut locks = Vec::new();
            for &m in &months {
                locks.push((m, self.lock(&shelf, m)?));
            }
            let lock_of = |m: Month| locks.iter().find(|(held, _)| *held == m).map(|(_, l)| l);
            let mut file = read_or_new(&shelf, person, month)?;
            let index = position(&file.entries, person, &id)?;
            let mut entry = file.entries[index].clone();
            change(&mut entry);
            // As a file is read back: the same entry, whatever the change.
            entry.text = entry.text.trim().to_string();
            entry.links = trimmed(&entry.links);
            entry.tags = trimmed(&entry.tags);
            if entry == file.entries[index] {
                return Ok(entry);
            }
            super::check_input(&entry.text, &entry.links, &entry.tags, entry.date)?;
            let moved = Month::of(entry.date);
            let (Some(here), Some(there)) = (lock_of(month), lock_of(moved)) else {
                target = moved;
                continue;
            };
            if moved == month {
                file.entries[index] = entry.clone();
                let text = encode(&shelf, &file)?;
                write(&shelf, &file, &text, here)?;
                return Ok(entry);
            }
            let mut moved_to = read_or_new(&shelf, person, moved)?;
            entry.id = next_id(&moved_to.entries, entry.date)?.to_string();
            moved_to.entries.push(entry.clone());
            file.entries.remove(index);
            let (to_text, from_text) = (encode(&shelf, &moved_to)?, encode(&shelf, &file)?);
            // Written to its new month first: a crash in between leaves the
            // entry twice, never lost.
            write(&shelf, &moved_to, &to_text, there)?;
            write(&shelf, &file, &from_text, here)?;
            return Ok(entry);
        }
    }

    /// Removes one entry and returns it. A month left empty loses its file.
    pub fn remove(&self, person: &str, id: &str) -> Result<Entry, Error> {
        let id = parse_id(id)?;
        let shelf = self.shelf(person)?;
        let month = id.month();
        let lock = self.lock(&shelf, month)?;
        let mut file = read_or_new(&shelf, person, month)?;
        let index = position(&file.entries, person, &id)?;
        let entry = file.entries.remove(index);
        let text = encode(&shelf, &file)?;
        write(&shelf, &file, &text, &lock)?;
        Ok(entry)
    }

    /// The lock of one month file, waited for while another run holds it,
    /// but never for longer than [`LOCK_WAIT`]: a run that stopped holding
    /// it (suspended, or stuck) is reported rather than waited on for ever.
    fn lock(&self, shelf: &Shelf, month: Month) -> Result<MonthLock, Error> {
        let dir = &self.locks;
        private_dir(dir)?;
        let path = dir.join(format!("journal-{}-{month}.lock", shelf.name));
        let file = fsio::open_lock(&path).map_err(|error| {
            std::io::Error::new(
                error.kind(),
                format!("cannot open the lock {}: {error}", path.display()),
            )
        })?;
        let started = Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(MonthLock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(error)) => return Err(error.into()),
            }
            if started.elapsed() >= LOCK_WAIT {
                return Err(Error::Busy {
                    what: format!("the journal's {} ({})", month, shelf.path(month).display()),
                });
            }
            // Doubling pauses, each a little different so that runs
            // waiting together do not wake together.
            let jitter = Duration::from_micros(u64::from(started.elapsed().subsec_nanos() % 500));
            std::thread::sleep(pause + jitter);
            pause = (pause * 2).min(Duration::from_millis(50));
        }
    }
}

impl Shelf {
    fn path(&self, month: Month) -> PathBuf {
        self.dir.join(month.file_name())
    }
}

/// Whose a journal folder is, as far as its files say.
enum Claim {
    /// Unreadable files: taken to be the person asking.
    Mine,
    /// The name its files give; none when it has no month file.
    Unknown(Option<String>),
}

/// Whose the folder's month files are, from the newest one that says:
/// its header, in the first few kilobytes, or the whole file when the
/// header is not there.
fn owner(shelf: &Shelf) -> Result<Claim, Error> {
    const HEAD: u64 = 8 << 10;
    let months = months_in(shelf)?;
    for &month in months.iter().rev() {
        let path = shelf.path(month);
        let Ok(head) = fsio::read_head(&path, FileKind::Journal, HEAD) else {
            continue;
        };
        let head = String::from_utf8_lossy(&head);
        // The header ends where the first table starts.
        let found = match head.find("\n[") {
            Some(end) => header_person(&head[..=end]),
            None => None,
        };
        let found = match found {
            Some(person) => Some(person),
            None => match read_limited(&path) {
                Ok(Some(source)) => header_person(&source.text),
                _ => None,
            },
        };
        if let Some(person) = found {
            return Ok(Claim::Unknown(Some(person)));
        }
    }
    Ok(if months.is_empty() {
        Claim::Unknown(None)
    } else {
        Claim::Mine
    })
}

/// The `person` of a month file's text (its header, or all of it).
fn header_person(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Probe {
        person: Option<String>,
    }
    toml::from_str::<Probe>(text)
        .ok()
        .and_then(|p| p.person)
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
}

/// Two names of one person: the same, but for case of ASCII letters and
/// spaces at the ends (as assessments compare them).
fn same_person(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// A short hash of a name, the same for every spelling [`same_person`]
/// takes for it.
fn name_hash(person: &str) -> String {
    let key = person.trim().to_ascii_lowercase();
    format!("{:08x}", Fnv1a::default().text(&key).finish() as u32)
}

/// The months with a file in a person's folder, oldest first.
fn months_in(shelf: &Shelf) -> Result<Vec<Month>, Error> {
    let entries = match fs::read_dir(&shelf.dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error.into()),
    };
    let mut months = Vec::new();
    let mut temps = false;
    for entry in entries {
        let name = entry?.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if fsio::is_temp(name) {
            temps = true;
        } else if let Some(month) = name.strip_suffix(".toml").and_then(Month::parse) {
            months.push(month);
        }
    }
    if temps {
        fsio::remove_stale(&shelf.dir);
    }
    months.sort();
    Ok(months)
}

fn read_month(shelf: &Shelf, person: &str, month: Month) -> Result<Option<MonthFile>, Error> {
    let Some(source) = read_limited(&shelf.path(month))? else {
        return Ok(None);
    };
    file::parse(&source, month, Some(person))
        .map(Some)
        .map_err(|problems| InvalidFile::new(FileKind::Journal, &source, problems).into())
}

/// Reads several months, on as many threads as there are processors:
/// parsing is most of the cost of listing a year. The first problem,
/// in month order, is the one reported.
fn read_all(shelf: &Shelf, person: &str, months: &[Month]) -> Result<Vec<MonthFile>, Error> {
    let read_chunk = |chunk: &[Month]| -> Result<Vec<MonthFile>, Error> {
        let mut files = Vec::new();
        for &month in chunk {
            files.extend(read_month(shelf, person, month)?);
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

fn read_or_new(shelf: &Shelf, person: &str, month: Month) -> Result<MonthFile, Error> {
    Ok(
        read_month(shelf, person, month)?.unwrap_or_else(|| MonthFile {
            person: person.trim().to_string(),
            month,
            entries: Vec::new(),
        }),
    )
}

/// A month file's text, refused when it would be larger than rungs reads
/// of a journal file: written, it would lock its own entries out.
fn encode(shelf: &Shelf, file: &MonthFile) -> Result<String, Error> {
    let text = file::to_toml(file)?;
    let limit = fsio::size_limit(FileKind::Journal);
    if text.len() as u64 > limit {
        return Err(Error::TooLarge {
            message: format!(
                "{} would be larger than {} MiB, the most rungs reads of a journal file; nothing was written",
                shelf.path(file.month).display(),
                limit >> 20
            ),
            help: "keep entries to a paragraph, with links to the details; or move some of that month's entries to another month with `rungs log --edit ID --date DATE`".into(),
        });
    }
    Ok(text)
}

/// Writes a month file atomically, or removes it when it has no entries
/// left. The caller holds its lock, so any temporary file a killed write
/// of this month left is no one's, and goes.
fn write(shelf: &Shelf, file: &MonthFile, text: &str, _lock: &MonthLock) -> Result<PathBuf, Error> {
    let path = shelf.path(file.month);
    if shelf.dir.is_dir() {
        fsio::remove_leftovers_of(&shelf.dir, &file.month.to_string());
    }
    if file.entries.is_empty() {
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(error.into()),
        }
        return Ok(path);
    }
    if let Some(root) = shelf.dir.parent() {
        private_dir(root)?;
    }
    private_dir(&shelf.dir)?;
    write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// Links or tags as they are read back: without spaces at their ends.
fn trimmed(values: &[String]) -> Vec<String> {
    values.iter().map(|v| v.trim().to_string()).collect()
}

/// The next free id of a day: one more than the highest in the file. A
/// file whose highest is the largest number there is (edited by hand)
/// has none, and is refused rather than given a number twice.
fn next_id(entries: &[Entry], date: NaiveDate) -> Result<EntryId, Error> {
    let n = entries
        .iter()
        .filter_map(|e| EntryId::parse(&e.id))
        .filter(|id| id.date == date)
        .map(|id| id.n)
        .max()
        .unwrap_or(0);
    let n = n.checked_add(1).ok_or_else(|| Error::TooLarge {
        message: format!(
            "no entry number is left on {date}: the journal holds `{date}-{n}`, the largest there is"
        ),
        help: format!(
            "give that entry a smaller number in its month file (the next free one of {date}), then try again"
        ),
    })?;
    Ok(EntryId { date, n })
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
        let data = dir.path().join("data");
        let cache = crate::cache::Cache::new(Some(&dir.path().join("cache")), &data);
        let journal = Journal::new(&Store::with_cache(data, cache));
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
                mode(
                    &journal
                        .path("Ada Lovelace", Month::of(added[0].date))
                        .expect("path")
                ),
                0o600
            );
            assert_eq!(
                mode(&journal.folder("Ada Lovelace").expect("folder")),
                0o700
            );
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
            journal
                .path("Ada", Month::parse("2026-09").expect("m"))
                .expect("path"),
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
        let shelf = journal.shelf("Ada").expect("shelf");
        let cache = journal
            .cache
            .path(&format!("journal/{}.bin", shelf.name))
            .expect("a cache");
        assert!(cache.is_file());
        assert!(!journal.data_dir.join("index").exists());
        // A change through rungs and one by hand are both seen.
        journal
            .edit("Ada", "2026-11-02-1", |e| e.text = "b2".into())
            .expect("edit");
        assert_eq!(texts(&journal), ["a", "b2"]);
        let path = journal
            .path("Ada", Month::parse("2026-10").expect("m"))
            .expect("path");
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
        let cached = std::fs::read(&cache).expect("cache");
        assert!(!cached.windows(7).any(|w| w == b"2026-10"));
        assert!(cached.windows(7).any(|w| w == b"2026-11"));
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
                .expect("path")
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
        let path = journal
            .path("Ada", Month::parse("2026-11").expect("m"))
            .expect("path");
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

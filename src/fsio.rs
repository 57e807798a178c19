//! Reading and writing files, for every file rungs touches: frameworks,
//! assessments, answers files, imported files, the index and its settings.
//!
//! Reading: only regular files, and never more than a limit per kind of
//! file, so a named pipe, a device or a huge file can neither block rungs
//! nor exhaust its memory. Text must be UTF-8; where it is not, the error
//! names the line and column.
//!
//! Writing: files rungs owns are replaced atomically (a temporary file in
//! the same directory, fsync, rename, fsync of the directory); a file a
//! person names with `--output` is written as shell redirection would
//! (through a symlink, and straight into a pipe or a device). Files are
//! created 0600 and folders 0700, whatever the umask. Temporary files are
//! named `.rungs-<name>+<random>.tmp`, so leftovers of a killed run can be
//! recognised and removed.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::diagnostic::{Diagnostic, FileKind, InvalidFile, Origin, SourceFile};

/// The most bytes read of each kind of file. Large enough for a framework
/// and assessments of hundreds of thousands of statements.
pub fn size_limit(kind: FileKind) -> u64 {
    match kind {
        FileKind::Framework => 32 << 20,
        FileKind::Assessment | FileKind::Answers => 64 << 20,
        FileKind::Cache => 256 << 20,
        FileKind::State => 64 << 10,
        FileKind::Ladder => 8 << 20,
        FileKind::Journal => 4 << 20,
        FileKind::Evidence => 1 << 20,
    }
}

/// "64 MiB".
fn human(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes >> 10)
    }
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{} is {what}, not a regular file", .path.display())]
    NotRegular {
        path: PathBuf,
        kind: FileKind,
        what: &'static str,
    },
    #[error("{} is larger than {}, the most rungs reads of {}", .path.display(), human(*.limit), .kind.plural())]
    TooLarge {
        path: PathBuf,
        kind: FileKind,
        limit: u64,
    },
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        kind: FileKind,
        source: io::Error,
    },
}

impl ReadError {
    pub fn kind(&self) -> FileKind {
        match self {
            ReadError::NotRegular { kind, .. }
            | ReadError::TooLarge { kind, .. }
            | ReadError::Io { kind, .. } => *kind,
        }
    }

    pub fn path(&self) -> &Path {
        match self {
            ReadError::NotRegular { path, .. }
            | ReadError::TooLarge { path, .. }
            | ReadError::Io { path, .. } => path,
        }
    }

    /// What to do about it.
    pub fn help(&self) -> Option<String> {
        match self {
            ReadError::NotRegular { .. } => Some(
                "rungs reads only regular files: give it a file, not a directory, pipe or device"
                    .into(),
            ),
            ReadError::TooLarge { kind, .. } => Some(format!(
                "this is too large to be {}; check that the path names the file meant",
                kind.article()
            )),
            ReadError::Io { kind, .. } if *kind == FileKind::Framework => {
                Some("check the path of the framework file".into())
            }
            ReadError::Io { .. } => None,
        }
    }
}

/// A description of a file type that is not a regular file.
fn what(file_type: fs::FileType) -> &'static str {
    if file_type.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

/// Reads at most the limit of `kind` from `path`, which must be a regular
/// file (a symlink to one is followed).
pub fn read(path: &Path, kind: FileKind) -> Result<Vec<u8>, ReadError> {
    let io_error = |source| ReadError::Io {
        path: path.to_path_buf(),
        kind,
        source,
    };
    let check = |metadata: &fs::Metadata| {
        if metadata.is_file() {
            Ok(())
        } else {
            Err(ReadError::NotRegular {
                path: path.to_path_buf(),
                kind,
                what: what(metadata.file_type()),
            })
        }
    };
    // Checked before opening, since opening a named pipe waits for a
    // writer; and the handle checked again, in case the path was swapped
    // in between (non-blocking, so even that cannot hang).
    check(&fs::metadata(path).map_err(io_error)?)?;
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    check(&metadata)?;
    let limit = size_limit(kind);
    let too_large = || ReadError::TooLarge {
        path: path.to_path_buf(),
        kind,
        limit,
    };
    if metadata.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // A file growing while it is read stops at the limit all the same.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The first `max` bytes of `path` at most, with the checks of [`read`]:
/// a regular file (through a symlink), opened without waiting, and
/// within the limit of `kind` (a larger file is refused, not cut). For a
/// look at a file's header without reading all of it.
pub fn read_head(path: &Path, kind: FileKind, max: u64) -> Result<Vec<u8>, ReadError> {
    let io_error = |source| ReadError::Io {
        path: path.to_path_buf(),
        kind,
        source,
    };
    let not_regular = |metadata: &fs::Metadata| ReadError::NotRegular {
        path: path.to_path_buf(),
        kind,
        what: what(metadata.file_type()),
    };
    let metadata = fs::metadata(path).map_err(io_error)?;
    if !metadata.is_file() {
        return Err(not_regular(&metadata));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    if !metadata.is_file() {
        return Err(not_regular(&metadata));
    }
    let limit = size_limit(kind);
    if metadata.len() > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            kind,
            limit,
        });
    }
    let mut bytes = Vec::new();
    file.take(max.min(limit))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    Ok(bytes)
}

/// Why a source file could not be had: unreadable, or not UTF-8 (located).
#[derive(Debug)]
pub enum SourceError {
    Read(ReadError),
    Invalid(InvalidFile),
}

/// Reads a text file of `kind`; text that is not UTF-8 is an error at the
/// line and column of the first bad byte.
pub fn read_source(path: &Path, kind: FileKind) -> Result<SourceFile, SourceError> {
    let bytes = read(path, kind).map_err(SourceError::Read)?;
    let origin = Origin::File(path.to_path_buf());
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(origin, text)),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            // The text up to the bad byte is the same either way, so the
            // offset locates it in the lossy copy too.
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            let source = SourceFile::new(origin, text);
            let diagnostic = Diagnostic::new(at..end, "the file is not valid UTF-8")
                .label("this byte is not UTF-8 text")
                .help("save the file as UTF-8 (most editors offer it under \"encoding\")");
            Err(SourceError::Invalid(InvalidFile::new(
                kind,
                &source,
                vec![diagnostic],
            )))
        }
    }
}

/// Temporary files start with this and end with [`TEMP_SUFFIX`].
pub const TEMP_PREFIX: &str = ".rungs-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// True for the name of a temporary file of rungs.
pub fn is_temp(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// The part of a temporary file's name that says which file it was for:
/// the target's name without extension, cut to keep names short.
fn temp_stem(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut end = stem.len().min(200);
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    stem[..end].to_string()
}

/// The directory of `path`, `.` for a bare file name.
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` so that a crash leaves either the old file or
/// the new one: a temporary file in the same directory (0600), fsync,
/// rename over the target, fsync of the directory. The temporary file is
/// removed if anything fails. Whatever was at `path` (a symlink, a pipe) is
/// replaced: this is for files rungs owns. Errors do not name the
/// temporary file; callers say what was being saved.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, true)
}

/// [`write_atomic`] without waiting for the disk, for a cache whose reader
/// checks what it reads and rebuilds it when it is damaged: after a crash
/// it may be the old file, the new one or an empty one, never a mix.
/// Building the index of 10,000 assessments writes 40 such files, and
/// their two fsyncs each took 0.1-0.7 s of a 2.3-3.4 s build here.
pub fn write_cache(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, false)
}

/// A new temporary file in `dir` (0600), named for `stem` as every
/// temporary file of rungs is: `.rungs-<stem>+<random>.tmp`. It is removed
/// when dropped; one a killed run leaves is removed by the next run that
/// holds the lock of what it was for ([`remove_leftovers_of`]), or by any
/// run that lists `dir` once it is old ([`remove_stale`]).
pub fn temp_file(dir: &Path, stem: &str) -> io::Result<tempfile::NamedTempFile> {
    let prefix = format!("{TEMP_PREFIX}{stem}+");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o600));
    }
    let temp = builder.tempfile_in(dir)?;
    set_private(temp.as_file(), 0o600)?;
    Ok(temp)
}

fn replace(path: &Path, bytes: &[u8], durable: bool) -> io::Result<()> {
    let dir = parent_dir(path);
    let mut temp = temp_file(dir, &temp_stem(path))?;
    temp.write_all(bytes)?;
    if durable {
        temp.as_file().sync_all()?;
    }
    temp.persist(path).map_err(|error| error.error)?;
    if durable {
        // Make the rename itself durable.
        File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// [`write_atomic`] for a file no lock of rungs guards (an import's
/// output, which may be anywhere): the temporary file is locked while it
/// exists, and the temporary files of `path` that no run holds (left by a
/// killed write, whose lock ended with it) are removed first.
pub fn write_reaping(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    let stem = temp_stem(path);
    let prefix = format!("{TEMP_PREFIX}{stem}+");
    remove_temps(dir, |name, _| {
        name.strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
            .is_some_and(|random| random.chars().all(|c| c.is_ascii_alphanumeric()))
            && unheld(&dir.join(name))
    });
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o600));
    }
    // Another run may take the new file for a leftover between its
    // creation and its lock: then it is gone, and a new one is made.
    let mut temp = None;
    for _ in 0..3 {
        let made = builder.tempfile_in(dir)?;
        made.as_file().lock()?;
        if made.path().exists() {
            temp = Some(made);
            break;
        }
    }
    let mut temp = temp.ok_or_else(|| io::Error::other("the temporary file kept disappearing"))?;
    set_private(temp.as_file(), 0o600)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|error| error.error)?;
    File::open(dir)?.sync_all()?;
    Ok(())
}

/// True for a file no process holds a lock on.
fn unheld(path: &Path) -> bool {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    match options.open(path) {
        Ok(file) => file.try_lock().is_ok(),
        Err(_) => false,
    }
}

/// Writes a file a person named, as shell redirection would: through a
/// symlink to whatever it points at; straight into a pipe or a device,
/// never replacing it; and atomically (see [`write_atomic`]) for a regular
/// file or a new one.
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => {
            // Through any symlinks: the file itself is replaced, in its
            // own directory.
            write_atomic(&fs::canonicalize(path)?, bytes)
        }
        Ok(metadata) if metadata.is_dir() => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a directory",
        )),
        Ok(_) => {
            // A pipe, a device, /dev/stdout: written as it is, as `>` would.
            let mut file = OpenOptions::new().write(true).open(path)?;
            file.write_all(bytes)?;
            file.flush()
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            // Nothing there yet, or a symlink to a file yet to be created.
            write_atomic(&dangling_target(path)?, bytes)
        }
        Err(error) => Err(error),
    }
}

/// Where a chain of symlinks ends, for a path whose target does not exist
/// yet; the path itself when it is not a symlink.
fn dangling_target(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = parent_dir(&current).join(target);
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Sets a file's mode exactly, whatever the umask was when it was made.
pub fn set_private(file: &File, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if file.metadata()?.permissions().mode() & 0o777 != mode {
            file.set_permissions(fs::Permissions::from_mode(mode))?;
        }
    }
    let _ = (file, mode);
    Ok(())
}

/// Creates a directory (and its parents) readable by its owner only, and
/// tightens an existing one, since it holds career notes.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

/// Opens (creating it 0600) a lock file, never following a symlink and
/// never waiting on a pipe: only a regular file will do.
pub fn open_lock(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other(format!(
            "{} is not a regular file",
            path.display()
        )));
    }
    set_private(&file, 0o600)?;
    Ok(file)
}

/// How old a temporary file must be before any run may take it for a
/// leftover: no write takes this long.
pub const STALE_AFTER: Duration = Duration::from_secs(15 * 60);

/// Removes the temporary files left in `dir` by killed writes of the file
/// named `stem` (without extension). Only for a caller that holds the lock
/// every writer of that file takes, so none of them is in use.
pub fn remove_leftovers_of(dir: &Path, stem: &str) {
    let prefix = format!("{TEMP_PREFIX}{stem}+");
    remove_temps(dir, |name, _| {
        name.strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
            .is_some_and(|random| random.chars().all(|c| c.is_ascii_alphanumeric()))
    });
}

/// Removes temporary files in `dir` older than [`STALE_AFTER`], whatever
/// they were for: too old to belong to a write still going on.
pub fn remove_stale(dir: &Path) {
    let now = SystemTime::now();
    remove_temps(dir, |_, modified| {
        modified.is_some_and(|m| now.duration_since(m).is_ok_and(|age| age > STALE_AFTER))
    });
}

fn remove_temps(dir: &Path, remove: impl Fn(&str, Option<SystemTime>) -> bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if !is_temp(name) {
            continue;
        }
        let Ok(metadata) = entry.metadata() else {
            continue;
        };
        if metadata.is_file() && remove(name, metadata.modified().ok()) {
            // Best effort: another run may have removed it first.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A stable 64-bit FNV-1a hash: the same value for the same bytes on
/// every platform and with every Rust release, so it can be written to disk
/// (unlike `DefaultHasher`). Written out here: it is a dozen lines.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }

    /// A string, with its length first so that ("ab", "c") and ("a",
    /// "bc") differ.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.bytes(&(text.len() as u64).to_le_bytes())
            .bytes(text.as_bytes())
    }

    pub fn number(&mut self, n: u64) -> &mut Self {
        self.bytes(&n.to_le_bytes())
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

impl fmt::Display for Fnv1a {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// One state of a file, as a cache compares it: a cached reading of a
/// file is used only while all four still match. Every save renames a new
/// file into place, so a new inode tells a rewrite apart even within one
/// tick of the file system's clock; an edit in place whose modification
/// time was put back (`touch -d`) still moves the change time, which no
/// one can set back (git checks the same).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Stamp {
    pub size: u64,
    /// Modification time in nanoseconds since the epoch; 0 before it.
    pub modified: u128,
    pub inode: u64,
    /// Change time in nanoseconds since the epoch.
    pub changed: i128,
}

impl Stamp {
    /// The stamp of what `metadata` describes.
    #[cfg(unix)]
    pub fn of(metadata: &fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp::of_parts(
            i128::from(metadata.size()),
            (metadata.mtime(), metadata.mtime_nsec()),
            metadata.ino(),
            (metadata.ctime(), metadata.ctime_nsec()),
        )
    }

    /// The same numbers whichever call read them: `std`'s metadata or a
    /// look by name in a [`Dir`].
    #[cfg(unix)]
    fn of_parts(size: i128, modified: (i64, i64), inode: u64, changed: (i64, i64)) -> Stamp {
        let nanos =
            |(seconds, nanos): (i64, i64)| i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
        Stamp {
            size: u64::try_from(size).unwrap_or(0),
            modified: u128::try_from(nanos(modified)).unwrap_or(0),
            inode,
            changed: nanos(changed),
        }
    }

    /// Whether the file was last changed before `instant`: when that is
    /// longer ago than a tick of the file system's clock, a change after
    /// this stamp was read is sure to move its times.
    pub fn changed_before(&self, instant: SystemTime) -> bool {
        let Ok(before) = instant.duration_since(SystemTime::UNIX_EPOCH) else {
            return false;
        };
        let before = before.as_nanos();
        self.modified < before && u128::try_from(self.changed).is_ok_and(|c| c < before)
    }

    #[cfg(not(unix))]
    pub fn of(metadata: &fs::Metadata) -> Stamp {
        let modified = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        Stamp {
            size: metadata.len(),
            modified,
            inode: 0,
            changed: 0,
        }
    }
}

/// A directory held open, to look at files in it by name: each look
/// resolves one name rather than the whole path, and reads no listing.
/// A warm `list` looks at each file of a folder that was not changed since
/// it was last listed this way, which is what keeps it near its floor
/// (`benches/perf.py`); `std` has no call for a look by name (`fstatat`).
#[derive(Debug)]
pub struct Dir {
    #[cfg(unix)]
    dir: File,
}

impl Dir {
    /// Opens the directory at `path` (through a symlink). Anything else
    /// there is refused as it is opened: a named pipe put in its place
    /// cannot make the open wait for a writer.
    #[cfg(unix)]
    pub fn open(path: &Path) -> io::Result<Dir> {
        use std::os::unix::fs::OpenOptionsExt;
        let dir = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY | libc::O_NONBLOCK)
            .open(path)?;
        Ok(Dir { dir })
    }

    /// Not on this platform: callers list the directory instead.
    #[cfg(not(unix))]
    pub fn open(_: &Path) -> io::Result<Dir> {
        Err(io::ErrorKind::Unsupported.into())
    }

    /// The stamp of the directory itself: its times move when a file in
    /// it is added, removed or renamed, not when one is edited in place.
    #[cfg(unix)]
    pub fn stamp(&self) -> io::Result<Stamp> {
        Ok(Stamp::of(&self.dir.metadata()?))
    }

    #[cfg(not(unix))]
    pub fn stamp(&self) -> io::Result<Stamp> {
        Err(io::ErrorKind::Unsupported.into())
    }

    /// The stamp of the regular file `name` in this directory (through a
    /// symlink); `None` when there is none, or it is something else. The
    /// name must be one file's: a `/` in it is refused, not followed.
    #[cfg(unix)]
    pub fn file(&self, name: &str) -> Option<Stamp> {
        use rustix::fs::{AtFlags, FileType, statat};
        if name.contains('/') || name.is_empty() || name == "." || name == ".." {
            return None;
        }
        let stat = statat(&self.dir, name, AtFlags::empty()).ok()?;
        (FileType::from_raw_mode(stat.st_mode) == FileType::RegularFile).then(|| {
            Stamp::of_parts(
                i128::from(stat.st_size),
                (
                    stat.st_mtime,
                    i64::try_from(stat.st_mtime_nsec).unwrap_or(0),
                ),
                stat.st_ino,
                (
                    stat.st_ctime,
                    i64::try_from(stat.st_ctime_nsec).unwrap_or(0),
                ),
            )
        })
    }

    #[cfg(not(unix))]
    pub fn file(&self, _: &str) -> Option<Stamp> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file looked at by name in an open directory has the stamp its
    /// metadata gives (through a symlink); anything but a regular file,
    /// or a name that is not one file's, has none.
    #[cfg(unix)]
    #[test]
    fn a_file_by_name_has_the_stamp_of_its_metadata() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a.toml");
        fs::write(&file, "x = 1").expect("write");
        std::os::unix::fs::symlink(&file, dir.path().join("link.toml")).expect("link");
        fs::create_dir(dir.path().join("sub")).expect("dir");
        let open = Dir::open(dir.path()).expect("open");
        let stamp = Stamp::of(&fs::metadata(&file).expect("meta"));
        assert_eq!((stamp.size, stamp.inode > 0), (5, true));
        assert_eq!(open.file("a.toml"), Some(stamp));
        assert_eq!(open.file("link.toml"), Some(stamp));
        for name in ["sub", "gone.toml", "", ".", "..", "sub/../a.toml"] {
            assert_eq!(open.file(name), None, "{name}");
        }
        let folder = Stamp::of(&fs::metadata(dir.path()).expect("meta"));
        assert_eq!(open.stamp().expect("stamp"), folder);
        assert!(Dir::open(&file).is_err());
        let fifo = dir.path().join("pipe");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .expect("mkfifo")
                .success()
        );
        assert!(
            Dir::open(&fifo).is_err(),
            "a pipe is refused, not waited on"
        );

        let now = SystemTime::now();
        assert!(stamp.changed_before(now + Duration::from_secs(1)));
        assert!(!stamp.changed_before(now - Duration::from_secs(60)));
    }

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(Fnv1a::default().finish(), 0xcbf29ce484222325);
        assert_eq!(Fnv1a::default().bytes(b"a").finish(), 0xaf63dc4c8601ec8c);
        assert_eq!(
            Fnv1a::default().bytes(b"foobar").finish(),
            0x85944171f73967e8
        );
    }

    #[cfg(unix)]
    #[test]
    fn pipes_and_devices_are_refused_at_once() {
        let refused = read(Path::new("/dev/zero"), FileKind::Answers).expect_err("device");
        assert!(matches!(
            refused,
            ReadError::NotRegular {
                what: "a device",
                ..
            }
        ));
        let dir = tempfile::tempdir().expect("dir");
        let refused = read(dir.path(), FileKind::Assessment).expect_err("dir");
        assert!(matches!(
            refused,
            ReadError::NotRegular {
                what: "a directory",
                ..
            }
        ));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_and_names_it() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("state.toml");
        std::fs::write(
            &path,
            vec![b'#'; (size_limit(FileKind::State) + 1) as usize],
        )
        .expect("write");
        let error = read(&path, FileKind::State).expect_err("too large");
        assert!(
            error
                .to_string()
                .ends_with("is larger than 64 KiB, the most rungs reads of settings files"),
            "{error}"
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("f.toml");
        std::fs::write(&path, b"a = 1\nb = \"\xff\"\n").expect("write");
        let Err(SourceError::Invalid(error)) = read_source(&path, FileKind::Framework) else {
            panic!("expected a located error");
        };
        assert_eq!(error.locations(), [(2, 6)]);
    }

    #[test]
    fn a_bare_file_name_is_written_in_the_current_directory() {
        assert_eq!(parent_dir(Path::new("packet.html")), Path::new("."));
        assert_eq!(parent_dir(Path::new("/x/packet.html")), Path::new("/x"));
    }

    #[cfg(unix)]
    #[test]
    fn output_goes_through_symlinks_and_into_devices() {
        let dir = tempfile::tempdir().expect("dir");
        let real = dir.path().join("real.txt");
        std::fs::write(&real, "old").expect("write");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_output(&link, b"new").expect("through the link");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).expect("real"), "new");
        // A dangling link: its target is created.
        let dangling = dir.path().join("dangling.txt");
        std::os::unix::fs::symlink(dir.path().join("made.txt"), &dangling).expect("symlink");
        write_output(&dangling, b"made").expect("created");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("made.txt")).expect("made"),
            "made"
        );
        // A pipe is written to, not replaced.
        let fifo = dir.path().join("out.fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read"))
        };
        write_output(&fifo, b"piped").expect("pipe");
        assert_eq!(reader.join().expect("reader"), "piped");
        assert!(!std::fs::metadata(&fifo).expect("fifo").is_file());
    }

    #[test]
    fn leftovers_are_removed_only_for_their_file_or_when_stale() {
        let dir = tempfile::tempdir().expect("dir");
        let make = |name: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, "x").expect("write");
            path
        };
        let mine = make(".rungs-ada+abc123.tmp");
        let longer = make(".rungs-ada-2+abc123.tmp");
        let fresh = make(".rungs-index+zzz999.tmp");
        let old = make(".rungs-state+old000.tmp");
        File::options()
            .write(true)
            .open(&old)
            .expect("open")
            .set_modified(SystemTime::now() - Duration::from_secs(3600))
            .expect("age");
        remove_leftovers_of(dir.path(), "ada");
        assert!(!mine.exists() && longer.exists());
        remove_stale(dir.path());
        assert!(!old.exists() && fresh.exists() && longer.exists());
    }
}

//! The weekly drafts from git a person dropped on a terminal
//! (`rungs log --from-git`), remembered so a later run, `--yes` included,
//! does not propose them again. Kept beside the person's month files as
//! `dropped-drafts.toml`: a format version, the person, and one line per
//! dropped draft (its day and a fingerprint of its text, not the text).

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::store::Journal;
use crate::diagnostic::{Diagnostic, FileKind, InvalidFile};
use crate::error::Error;
use crate::fsio::{self, ReadError, SourceError};

const FORMAT_VERSION: i64 = 1;
const FILE: &str = "dropped-drafts.toml";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    format_version: i64,
    person: String,
    #[serde(default)]
    dropped: Vec<String>,
}

/// "2026-10-06 1a2b3c4d5e6f7a8b": a draft's day and the FNV-1a hash of
/// its text (a named algorithm, stable across builds).
pub fn fingerprint(date: NaiveDate, text: &str) -> String {
    let mut hash = fsio::Fnv1a::default();
    hash.bytes(text.trim().as_bytes());
    format!("{date} {hash}")
}

fn path(journal: &Journal, person: &str) -> Result<PathBuf, Error> {
    Ok(journal.folder(person)?.join(FILE))
}

/// The drafts this person dropped before.
pub fn read(journal: &Journal, person: &str) -> Result<BTreeSet<String>, Error> {
    let path = path(journal, person)?;
    let source = match fsio::read_source(&path, FileKind::Journal) {
        Ok(source) => source,
        Err(SourceError::Read(ReadError::Io { source, .. }))
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            return Ok(BTreeSet::new());
        }
        Err(error) => return Err(error.into()),
    };
    let invalid =
        |diagnostics| Error::from(InvalidFile::new(FileKind::Journal, &source, diagnostics));
    let stored: Stored = toml::from_str(&source.text)
        .map_err(|error| invalid(vec![Diagnostic::from_toml(&error, &source)]))?;
    if stored.format_version != FORMAT_VERSION {
        return Err(invalid(vec![Diagnostic::new(
            0..0,
            format!(
                "format version {} is not the one this rungs reads ({FORMAT_VERSION})",
                stored.format_version
            ),
        )]));
    }
    Ok(stored.dropped.into_iter().collect())
}

/// Adds dropped drafts to what is remembered.
pub fn remember(journal: &Journal, person: &str, dropped: &[String]) -> Result<(), Error> {
    if dropped.is_empty() {
        return Ok(());
    }
    let mut all = read(journal, person)?;
    all.extend(dropped.iter().cloned());
    let stored = Stored {
        format_version: FORMAT_VERSION,
        person: person.trim().to_string(),
        dropped: all.into_iter().collect(),
    };
    let text = toml::to_string(&stored).map_err(std::io::Error::other)?;
    let folder = journal.folder(person)?;
    if let Some(root) = folder.parent() {
        if let Some(data) = root.parent() {
            fsio::private_dir(data)?;
        }
        fsio::private_dir(root)?;
    }
    fsio::private_dir(&folder)?;
    fsio::write_atomic(&path(journal, person)?, text.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::store::Store;

    #[test]
    fn dropped_drafts_are_remembered_by_day_and_text() {
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = Journal::new(&Store::new(dir.path().join("data")));
        let day: NaiveDate = "2026-10-06".parse().expect("date");
        let one = fingerprint(day, "Add SLO dashboards");
        assert_eq!(one, fingerprint(day, " Add SLO dashboards "));
        assert_ne!(one, fingerprint(day, "Add SLO dashboard"));
        assert!(read(&journal, "Ada").expect("none yet").is_empty());
        remember(&journal, "Ada", std::slice::from_ref(&one)).expect("saved");
        assert!(read(&journal, "Ada").expect("read").contains(&one));
    }
}

//! The text of an index file: a line per record, fields separated by tabs,
//! in the manner of PostgreSQL's text `COPY` format. In text, `\\`, `\t`,
//! `\n` and `\r` stand for a backslash, a tab, a newline and a carriage
//! return; `\N` alone stands for nothing.
//!
//! ```text
//! rungs-index 7
//! folder  SIZE MODIFIED INODE CHANGED
//! label  NAME  SECTION  CATEGORY
//! entry  ID  SIZE MODIFIED INODE CHANGED  COUNTED-WITH  PERSON ASSESSOR
//!        FRAMEWORK ROLE TO  STARTED UPDATED COMPLETED  STATUS  IMPORTED
//!        RATED ANSWERED TOTAL  TARGET READINESS  COUNTS
//! ```
//!
//! The folder line, when there is one, gives the folder as it was when
//! it was last listed in full and every file in it had its entry here
//! (see [`super::Entries::listed`]); version 6, read as 7, has none.
//! Label lines come before the entries; an entry's COUNTS are
//! `LABEL,CURRENT-MET,CURRENT-TOTAL,NEXT-MET,NEXT-TOTAL` for each category,
//! separated by `;`, LABEL numbering the label lines from 0. Times are
//! `SECONDS,OFFSET` or `SECONDS,OFFSET,NANOSECONDS` (since the epoch, the
//! offset from UTC in seconds). Modified and changed times are nanoseconds
//! since the epoch.
//!
//! Text, so it diffs an assessment a line; read without a general parser,
//! so ten thousand entries take a few milliseconds.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use chrono::TimeZone;

use super::{
    COUNTS, Categories, Check, Count, Counts, Entries, INDEX_VERSION, Label, Stamp, Status,
    Summary, Timestamp,
};

const HEADER: &str = "rungs-index";
const FOLDER: &str = "folder";
/// Version 6 is read as 7 without a folder line.
const WITHOUT_FOLDER: u32 = 6;
const LABEL: &str = "label";
const ENTRY: &str = "entry";
const NOTHING: &str = "\\N";

/// The entries of an index file, in the order of its lines. Anything wrong
/// with it (another version, a line that does not read) and it counts as
/// empty: the files are read instead. An entry's COUNTS are read only when
/// asked for; counts that do not read are none.
pub(super) fn parse(bytes: &[u8]) -> Entries {
    read(bytes).unwrap_or_default()
}

fn read(bytes: &[u8]) -> Option<Entries> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut fields = Fields::of(text);
    fields.next_line().then_some(())?;
    let version = (fields.raw()? == HEADER).then(|| fields.number::<u32>())??;
    (version == INDEX_VERSION || version == WITHOUT_FOLDER).then_some(())?;
    fields.end()?;
    let mut labels = Vec::new();
    let mut entries = Entries::with_capacity(bytes.len() / 200);
    let mut labelled: Option<Arc<[Label]>> = None;
    let mut names = Names::default();
    // Every entry's COUNTS, one after another, and where each one's are.
    let mut written = String::with_capacity(bytes.len() / 5);
    let mut counts = Vec::with_capacity(bytes.len() / 200);
    let mut first = true;
    while fields.next_line() {
        match fields.raw()? {
            FOLDER if first && version == INDEX_VERSION => {
                entries.listed = Some(stamp(&mut fields)?);
                fields.end()?;
            }
            LABEL if labelled.is_none() => {
                labels.push(Label {
                    name: fields.text()?,
                    section: fields.text()?,
                    category: fields.optional_text()?,
                });
                fields.end()?;
            }
            ENTRY => {
                let labels = labelled.get_or_insert_with(|| std::mem::take(&mut labels).into());
                let (check, summary, field) = entry(&mut fields, labels, &mut names)?;
                let start = written.len();
                written.push_str(field);
                counts.push(start..written.len());
                entries.push(check, summary);
                fields.end()?;
            }
            _ => return None,
        }
        first = false;
    }
    let written = Arc::new(written);
    for (summary, range) in entries.summaries.iter_mut().zip(counts) {
        summary.categories.counts = Counts::Written {
            text: written.clone(),
            range,
        };
    }
    Some(entries)
}

/// An entry line's check and summary, and its COUNTS field, which the
/// summary's categories are yet to be given (see [`Counts::Written`]).
fn entry<'a>(
    fields: &mut Fields<'a>,
    labels: &Arc<[Label]>,
    names: &mut Names<'a>,
) -> Option<(Check, Summary, &'a str)> {
    let id = fields.text()?;
    let stamp = stamp(fields)?;
    let counted_with = fields.number()?;
    let summary = Summary {
        id,
        person: names.of(fields.raw()?)?,
        assessor: fields.optional(|field| names.of(field))?,
        framework: names.of(fields.raw()?)?,
        role: names.of(fields.raw()?)?,
        to: fields.optional(|field| names.of(field))?,
        started: fields.time()?,
        updated: fields.time()?,
        completed: fields.optional(time)?,
        status: status(fields.raw()?)?,
        imported: fields.optional(time)?,
        rated: fields.number()?,
        answered: fields.number()?,
        total: fields.optional(number)?,
        target: fields.optional(|field| names.of(field))?,
        readiness: fields.optional(number)?,
        categories: Categories {
            labels: labels.clone(),
            counts: Counts::default(),
        },
    };
    let counts = fields.raw()?;
    Some((
        Check {
            stamp,
            counted_with,
        },
        summary,
        counts,
    ))
}

/// `SIZE MODIFIED INODE CHANGED`, four fields.
fn stamp(fields: &mut Fields<'_>) -> Option<Stamp> {
    Some(Stamp {
        size: fields.number()?,
        modified: fields.number()?,
        inode: fields.number()?,
        changed: fields.number()?,
    })
}

/// A decimal number. Up to 19 digits, which hold every count, size and
/// time the index writes until 2262, are read into 64 bits with no check
/// per digit; anything else (a sign, more digits, 128 bits) as
/// `str::parse` reads it.
fn number<T: TryFrom<u64> + std::str::FromStr>(field: &str) -> Option<T> {
    let bytes = field.as_bytes();
    if bytes.is_empty() || bytes.len() > 19 {
        return field.parse().ok();
    }
    let mut value = 0u64;
    for &byte in bytes {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return field.parse().ok();
        }
        value = value * 10 + u64::from(digit);
    }
    T::try_from(value).ok()
}

/// The names of one index file's entries, each kept once: a folder's
/// assessments nearly all share a person, a framework and a few
/// archetypes, and one copy shared costs an allocation less per field.
#[derive(Default)]
struct Names<'a> {
    /// Each field as written, and what it reads as, the one used last at
    /// the end. Looked up one by one from the end: a file names a handful.
    seen: Vec<(&'a str, Arc<str>)>,
}

impl<'a> Names<'a> {
    /// At most this many are kept (a folder of many people's files): the
    /// one used longest ago makes room.
    const KEPT: usize = 32;
    /// Names this near the end are not moved when used again.
    const LEFT: usize = 6;

    fn of(&mut self, field: &'a str) -> Option<Arc<str>> {
        if let Some(at) = self.seen.iter().rposition(|(raw, _)| *raw == field) {
            // One of the last few is left where it is: an entry names four
            // or five, and moving each on every use costs more than it saves.
            let last = self.seen.len() - 1;
            if at + Self::LEFT < last {
                self.seen[at..].rotate_left(1);
                return Some(self.seen[last].1.clone());
            }
            return Some(self.seen[at].1.clone());
        }
        let name: Arc<str> = unescape(field)?.into();
        if self.seen.len() == Self::KEPT {
            self.seen.remove(0);
        }
        self.seen.push((field, name.clone()));
        Some(name)
    }
}

/// `0,10,20,13,25;1,2,3,3,3`, each group's first number one of `labels`
/// labels; `None` when it does not read. A byte at a time: a general
/// splitter costs more than the numbers on fields this short.
pub(super) fn counts(field: &str, labels: usize) -> Option<Vec<Count>> {
    // Most entries count every label once.
    let mut counts = Vec::with_capacity(labels);
    let mut count = [0u32; COUNTS];
    let mut at = 0;
    // The number being read: ten digits fit a u64 with no check per digit.
    let (mut value, mut digits) = (0u64, 0);
    for &byte in field.as_bytes() {
        let digit = byte.wrapping_sub(b'0');
        if digit < 10 && digits < 10 {
            value = value * 10 + u64::from(digit);
            digits += 1;
            continue;
        }
        (digits > 0).then_some(())?;
        count[at] = u32::try_from(value).ok()?;
        (value, digits) = (0, 0);
        match byte {
            b',' if at + 1 < COUNTS => at += 1,
            b';' if at + 1 == COUNTS => {
                counts.push(count);
                at = 0;
            }
            _ => return None,
        }
    }
    match digits {
        0 if counts.is_empty() && field.is_empty() => {}
        1.. if at + 1 == COUNTS => {
            count[at] = u32::try_from(value).ok()?;
            counts.push(count);
        }
        _ => return None,
    }
    counts
        .iter()
        .all(|c| usize::try_from(c[0]).is_ok_and(|label| label < labels))
        .then_some(counts)
}

fn status(field: &str) -> Option<Status> {
    match field {
        "in-progress" => Some(Status::InProgress),
        "complete" => Some(Status::Complete),
        "partial" => Some(Status::Partial),
        _ => None,
    }
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::InProgress => "in-progress",
        Status::Complete => "complete",
        Status::Partial => "partial",
    }
}

/// The fields of a text's lines, a line at a time, each field found
/// eight bytes at a time: the lines are not looked for first.
struct Fields<'a> {
    /// What follows the last field read.
    rest: &'a str,
    /// Whether that field ended its line (or none has been read).
    ended: bool,
}

impl<'a> Fields<'a> {
    fn of(text: &'a str) -> Fields<'a> {
        Fields {
            rest: text,
            ended: true,
        }
    }

    /// Moves on to the next line that is not empty, once the last one's
    /// fields are all read; false when there is none.
    fn next_line(&mut self) -> bool {
        self.rest = self.rest.trim_start_matches('\n');
        self.ended = self.rest.is_empty();
        !self.ended
    }

    /// The next field of this line.
    fn raw(&mut self) -> Option<&'a str> {
        if self.ended {
            return None;
        }
        let rest = self.rest;
        match field_end(rest.as_bytes()) {
            Some(at) => {
                self.ended = rest.as_bytes()[at] == b'\n';
                self.rest = &rest[at + 1..];
                Some(&rest[..at])
            }
            None => {
                self.ended = true;
                self.rest = "";
                Some(rest)
            }
        }
    }

    /// The line has no more fields.
    fn end(&self) -> Option<()> {
        self.ended.then_some(())
    }

    fn text(&mut self) -> Option<String> {
        unescape(self.raw()?)
    }

    fn optional_text(&mut self) -> Option<Option<String>> {
        self.optional(unescape)
    }

    fn number<T: TryFrom<u64> + std::str::FromStr>(&mut self) -> Option<T> {
        number(self.raw()?)
    }

    fn time(&mut self) -> Option<Timestamp> {
        time(self.raw()?)
    }

    /// `\N` for nothing, otherwise what `read` makes of the field.
    fn optional<T>(&mut self, read: impl FnOnce(&'a str) -> Option<T>) -> Option<Option<T>> {
        match self.raw()? {
            NOTHING => Some(None),
            field => read(field).map(Some),
        }
    }
}

/// Where the first tab or newline in `bytes` is, looked for eight bytes
/// at a time: in a word XORed with eight of the byte sought, a byte that
/// was that byte is zero, and the lowest zero byte is found with a
/// subtraction (the borrow can mark bytes above it, never below).
fn field_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let zeros = |word: u64| word.wrapping_sub(ONES) & !word & HIGH;
    let (words, tail) = bytes.as_chunks::<8>();
    for (n, word) in words.iter().enumerate() {
        let word = u64::from_le_bytes(*word);
        let found =
            zeros(word ^ (ONES * u64::from(b'\t'))) | zeros(word ^ (ONES * u64::from(b'\n')));
        if found != 0 {
            return Some(n * 8 + found.trailing_zeros() as usize / 8);
        }
    }
    let before = bytes.len() - tail.len();
    tail.iter()
        .position(|&b| b == b'\t' || b == b'\n')
        .map(|n| before + n)
}

/// `SECONDS,OFFSET` or `SECONDS,OFFSET,NANOSECONDS`.
fn time(field: &str) -> Option<Timestamp> {
    let comma = |text: &str| text.bytes().position(|b| b == b',');
    let at = comma(field)?;
    let (seconds, rest) = (&field[..at], &field[at + 1..]);
    let (offset, nanos) = match comma(rest) {
        Some(at) => (&rest[..at], number(&rest[at + 1..])?),
        None => (rest, 0),
    };
    let (seconds, offset): (i64, i32) = (number(seconds)?, number(offset)?);
    chrono::FixedOffset::east_opt(offset)?
        .timestamp_opt(seconds, nanos)
        .single()
}

fn unescape(field: &str) -> Option<String> {
    if !field.as_bytes().contains(&b'\\') {
        return Some(field.to_string());
    }
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            _ => return None,
        });
    }
    Some(out)
}

/// An index file of these entries, in the order given (by id), each
/// category label written once.
pub(super) fn write(entries: &Entries) -> String {
    let mut labels: Vec<&Label> = Vec::new();
    let mut numbers: HashMap<&Label, usize> = HashMap::new();
    let mut body = String::with_capacity(entries.len() * 240);
    for (check, summary) in entries.iter() {
        body.push_str(ENTRY);
        put(&mut body, &summary.id);
        put_stamp(&mut body, &check.stamp);
        let _ = write!(body, "\t{}", check.counted_with);
        put(&mut body, &summary.person);
        put_optional(&mut body, summary.assessor.as_deref());
        put(&mut body, &summary.framework);
        put(&mut body, &summary.role);
        put_optional(&mut body, summary.to.as_deref());
        put_time(&mut body, Some(&summary.started));
        put_time(&mut body, Some(&summary.updated));
        put_time(&mut body, summary.completed.as_ref());
        body.push('\t');
        body.push_str(status_word(summary.status));
        put_time(&mut body, summary.imported.as_ref());
        let _ = write!(body, "\t{}\t{}", summary.rated, summary.answered);
        put_number(&mut body, summary.total);
        put_optional(&mut body, summary.target.as_deref());
        put_number(&mut body, summary.readiness);
        body.push('\t');
        let categories = &summary.categories;
        let mut first = true;
        for [label, current_met, current_total, next_met, next_total] in categories.counts().iter()
        {
            let Some(label) = usize::try_from(*label)
                .ok()
                .and_then(|n| categories.labels.get(n))
            else {
                continue;
            };
            let number = *numbers.entry(label).or_insert_with(|| {
                labels.push(label);
                labels.len() - 1
            });
            if !first {
                body.push(';');
            }
            first = false;
            let _ = write!(
                body,
                "{number},{current_met},{current_total},{next_met},{next_total}"
            );
        }
        body.push('\n');
    }
    let mut out = format!("{HEADER}\t{INDEX_VERSION}\n");
    if let Some(listed) = &entries.listed {
        out.push_str(FOLDER);
        put_stamp(&mut out, listed);
        out.push('\n');
    }
    for label in labels {
        out.push_str(LABEL);
        put(&mut out, &label.name);
        put(&mut out, &label.section);
        put_optional(&mut out, label.category.as_deref());
        out.push('\n');
    }
    out.push_str(&body);
    out
}

/// The four numbers of a stamp, each after a tab.
fn put_stamp(out: &mut String, stamp: &Stamp) {
    let Stamp {
        size,
        modified,
        inode,
        changed,
    } = stamp;
    let _ = write!(out, "\t{size}\t{modified}\t{inode}\t{changed}");
}

/// A tab, then `text` escaped.
fn put(out: &mut String, text: &str) {
    out.push('\t');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn put_optional(out: &mut String, text: Option<&str>) {
    match text {
        Some(text) => put(out, text),
        None => {
            out.push('\t');
            out.push_str(NOTHING);
        }
    }
}

fn put_number(out: &mut String, number: Option<impl std::fmt::Display>) {
    match number {
        Some(number) => {
            let _ = write!(out, "\t{number}");
        }
        None => {
            out.push('\t');
            out.push_str(NOTHING);
        }
    }
}

fn put_time(out: &mut String, time: Option<&Timestamp>) {
    let Some(time) = time else {
        out.push('\t');
        out.push_str(NOTHING);
        return;
    };
    let _ = write!(
        out,
        "\t{},{}",
        time.timestamp(),
        time.offset().local_minus_utc()
    );
    match time.timestamp_subsec_nanos() {
        0 => {}
        nanos => {
            let _ = write!(out, ",{nanos}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(name: &str) -> Label {
        Label {
            name: name.into(),
            section: "behaviours".into(),
            category: None,
        }
    }

    fn entry(id: &str, person: &str, assessor: Option<&str>, started: &str) -> (Check, Summary) {
        let time = |text: &str| chrono::DateTime::parse_from_rfc3339(text).expect("time");
        (
            Check {
                stamp: Stamp {
                    size: 391,
                    modified: 1_795_624_487_820_216_129,
                    inode: 10_321_934,
                    changed: -5,
                },
                counted_with: u64::MAX,
            },
            Summary {
                id: id.into(),
                person: person.into(),
                assessor: assessor.map(Arc::from),
                framework: "platform-engineering".into(),
                role: "SPE".into(),
                to: None,
                started: time(started),
                updated: time("2026-11-25T10:00:00.000000123-03:30"),
                completed: None,
                status: Status::Partial,
                imported: Some(time("1969-07-20T20:17:40Z")),
                rated: 3,
                answered: 4,
                total: None,
                target: Some("LSE".into()),
                readiness: Some(59),
                categories: Categories {
                    labels: vec![label("Delivery"), label("Tab\there")].into(),
                    counts: Counts::Numbers(vec![[0, 2, 3, 4, 5], [1, 0, 0, 6, 7]]),
                },
            },
        )
    }

    fn same(a: &Entries, b: &Entries) {
        assert_eq!((&a.checks, &a.summaries), (&b.checks, &b.summaries));
    }

    /// Every field comes back as it went, whatever a name holds: tabs,
    /// newlines, backslashes, `\N` as text, nothing at all.
    #[test]
    fn entries_come_back_as_written() {
        let entries: Entries = [
            entry(
                "a-1",
                "Ada\tLovelace\n\\N",
                Some("\\N"),
                "2026-11-25T10:00:00+01:00",
            ),
            entry("a-2", "", Some(""), "2026-11-25T10:00:00Z"),
            entry("a-3", "Ada\r\\", None, "1900-01-01T00:00:00+14:00"),
        ]
        .into_iter()
        .collect();
        let text = write(&entries);
        assert_eq!(text.lines().count(), 1 + 2 + 3, "{text}");
        assert!(text.starts_with(&format!("rungs-index\t{INDEX_VERSION}\nlabel\tDelivery\t")));
        assert!(
            text.contains("label\tTab\\there\tbehaviours\t\\N\n"),
            "{text}"
        );
        same(&parse(text.as_bytes()), &entries);
    }

    /// A name written on many lines is read once and shared; names that
    /// differ only once unescaped, or that come after the names kept, still
    /// read as written.
    #[test]
    fn names_are_shared_and_read_as_written() {
        let mut entries: Vec<(Check, Summary)> = (0..Names::KEPT + 8)
            .map(|n| {
                entry(
                    &format!("a-{n:03}"),
                    &format!("Person {n}"),
                    None,
                    "2026-11-25T10:00:00Z",
                )
            })
            .collect();
        entries.push(entry(
            "b-1",
            "Ada\\tx",
            Some("Ada\\tx"),
            "2026-11-25T10:00:00Z",
        ));
        entries.push(entry(
            "b-2",
            "Ada\tx",
            Some("Ada\tx"),
            "2026-11-25T10:00:00Z",
        ));
        entries.push(entry(
            "b-3",
            "Ada\\tx",
            Some("Ada\\tx"),
            "2026-11-25T10:00:00Z",
        ));
        let entries: Entries = entries.into_iter().collect();
        let read = parse(write(&entries).as_bytes());
        same(&read, &entries);
        let summary = |id: &str| read.summaries.iter().find(|s| s.id == id).expect(id);
        let (first, last) = (summary("a-000"), summary("b-3"));
        assert!(Arc::ptr_eq(&first.framework, &last.framework));
        assert!(Arc::ptr_eq(&first.role, &last.role));
        assert!(Arc::ptr_eq(&summary("b-1").person, &last.person));
        assert!(!Arc::ptr_eq(&summary("b-2").person, &last.person));
        assert_eq!(&*summary("b-2").person, "Ada\tx");
    }

    /// The folder's stamp comes back as written; an index of version 6,
    /// which has none, is read as it is, and a folder line anywhere but
    /// straight after the header, or in a version 6 file, does not read.
    #[test]
    fn the_folder_line_and_version_6() {
        let mut entries: Entries = [entry("a-1", "Ada", None, "2026-11-25T10:00:00Z")]
            .into_iter()
            .collect();
        let stamp = Stamp {
            size: 4096,
            modified: 1_795_624_487_820_216_129,
            inode: 2,
            changed: 1_795_624_487_820_216_130,
        };
        entries.listed = Some(stamp);
        let text = write(&entries);
        let folder = "folder\t4096\t1795624487820216129\t2\t1795624487820216130\n";
        assert!(text.starts_with(&format!("rungs-index\t{INDEX_VERSION}\n{folder}label\t")));
        let read = parse(text.as_bytes());
        same(&read, &entries);
        assert_eq!(read.listed, Some(stamp));

        let header = format!("rungs-index\t{INDEX_VERSION}\n");
        let six = text
            .replace(&header, "rungs-index\t6\n")
            .replace(folder, "");
        let read = parse(six.as_bytes());
        same(&read, &entries);
        assert_eq!(read.listed, None);
        for broken in [
            text.replace(&header, "rungs-index\t6\n"),
            text.replace(folder, "") + folder,
            text.replace(folder, &format!("{folder}{folder}")),
            text.replace(folder, "folder\t4096\t1\t2\n"),
        ] {
            assert_eq!(parse(broken.as_bytes()).len(), 0, "{broken}");
        }
    }

    /// The end of a field is found eight bytes at a time as one at a time
    /// finds it: wherever it is, whatever bytes come before and after.
    #[test]
    fn fields_end_where_a_byte_at_a_time_says() {
        let naive = |bytes: &[u8]| bytes.iter().position(|&b| b == b'\t' || b == b'\n');
        // Bytes that come near a tab or a newline once XORed, or borrow.
        let alphabet = [
            0, 1, 8, 9, 10, 11, 0x7f, 0x80, 0x89, 0x8a, 0xff, b'a', b'\\',
        ];
        let mut seed = 7u32;
        for len in 0..40 {
            for _ in 0..200 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        alphabet[(seed >> 16) as usize % alphabet.len()]
                    })
                    .collect();
                assert_eq!(field_end(&bytes), naive(&bytes), "{bytes:?}");
            }
        }
    }

    /// Numbers read exactly as `str::parse` reads them, at every width.
    #[test]
    fn numbers_read_as_parse_reads_them() {
        fn agree<T: TryFrom<u64> + std::str::FromStr + PartialEq + std::fmt::Debug>(field: &str) {
            assert_eq!(number::<T>(field), field.parse::<T>().ok(), "{field:?}");
        }
        let nines = |n: usize| "9".repeat(n);
        let mut fields: Vec<String> = [
            "",
            "0",
            "007",
            "255",
            "256",
            "-0",
            "-5",
            "+5",
            "1a",
            "a1",
            " 1",
            "1 ",
            "٣",
            "1.5",
            "4294967295",
            "4294967296",
            "9223372036854775807",
            "9223372036854775808",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
        ]
        .map(String::from)
        .to_vec();
        fields.extend((17..=21).map(nines));
        for field in &fields {
            agree::<u8>(field);
            agree::<u32>(field);
            agree::<i32>(field);
            agree::<u64>(field);
            agree::<i64>(field);
            agree::<usize>(field);
            agree::<u128>(field);
            agree::<i128>(field);
        }
    }

    /// Counts up to `u32::MAX` and stamps past 64 bits read back; a count
    /// past 32 bits, or any stray byte, does not read.
    #[test]
    fn numbers_at_their_limits() {
        let read = |field: &str| counts(field, 2);
        assert_eq!(read(""), Some(vec![]));
        assert_eq!(
            read("0,4294967295,2,3,4;1,0,0,0,0"),
            Some(vec![[0, u32::MAX, 2, 3, 4], [1, 0, 0, 0, 0]])
        );
        for bad in [
            "0,4294967296,2,3,4",
            "0,00000000001,2,3,4",
            "0,1,2,3,4;",
            "0,1,,3,4",
            "0,1,2,3,4,5",
            "0,1,2,3",
            "2,1,2,3,4",
            "0,1,2,3,-4",
            ";",
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }

        let mut entries: Entries = [entry("a-1", "Ada", None, "2026-11-25T10:00:00Z")]
            .into_iter()
            .collect();
        entries.checks[0].stamp = Stamp {
            size: u64::MAX,
            modified: u128::MAX,
            inode: u64::MAX,
            changed: i128::MIN,
        };
        same(&parse(write(&entries).as_bytes()), &entries);
    }

    /// A line that does not read makes the whole file count as empty.
    #[test]
    fn anything_wrong_and_the_index_counts_as_empty() {
        let good = write(
            &[entry("a-1", "Ada", None, "2026-11-25T10:00:00Z")]
                .into_iter()
                .collect(),
        );
        assert_eq!(parse(good.as_bytes()).len(), 1);
        let header = format!("rungs-index\t{INDEX_VERSION}");
        let broken = [
            good.replace(&header, "rungs-index\t4"),
            good.replace(&header, &format!("{header}\textra")),
            good.replace("\tAda\t", "\tAda\\x\t"),
            good.replace("\tpartial\t", "\tdone\t"),
            good.replace("\t59\t", "\t59\t\t"),
            good.replace("entry\ta-1", "label\tx\ty\t\\N\nentry\ta-1") + "label\tz\ty\t\\N\n",
            good.replacen('\t', " ", 1),
            good.replace("entry", "other"),
            format!("{good}entry\tshort\n"),
            String::new(),
        ];
        for text in broken {
            assert_ne!(text, good);
            assert_eq!(parse(text.as_bytes()).len(), 0, "{text}");
        }
        assert_eq!(parse(&[header.as_bytes(), b"\n\xff\n"].concat()).len(), 0);

        // Counts are read only when asked for: ones that do not read
        // then are none, and the rest of the entry stands.
        for odd in [
            "2,2,3,4,5",
            "0,4294967296,3,4,5",
            "0,2,3,4",
            "0,2,3,4,5;;1,0,0,6,7",
            ",0,2,3,4",
            "0,2,,3,4",
            "0,2,3,4,x",
            "0,2,3,4,5;1,0,0,6,7;",
        ] {
            let read = parse(good.replace("0,2,3,4,5;1,0,0,6,7", odd).as_bytes());
            assert_eq!(read.len(), 1, "{odd}");
            assert_eq!(read.summaries[0].categories.rows(), [], "{odd}");
        }
        let read = parse(good.as_bytes());
        assert_eq!(read.summaries[0].categories.rows().len(), 2);

        // An entry shows its own counts, not the whole file's.
        let mut two: Entries = [
            entry("a-1", "Ada", None, "2026-11-25T10:00:00Z"),
            entry("a-2", "Ada", None, "2026-11-25T10:00:00Z"),
        ]
        .into_iter()
        .collect();
        two.summaries[1].categories.counts = Counts::Numbers(vec![[0, 9, 9, 9, 9]]);
        let read = parse(write(&two).as_bytes());
        let shown = format!("{:?}", read.summaries[0].categories);
        assert!(
            shown.contains("Written(Some(\"0,2,3,4,5;1,0,0,6,7\"))"),
            "{shown}"
        );
        assert!(!shown.contains("9,9"), "{shown}");
    }
}

//! `rungs log`: an entry recorded, changed or removed; a person's journal
//! as a list; entries drafted from a git history.

use super::{Render, Style, json, markdown};
use crate::journal::Entry;
use crate::journal::report::{Action, Done, Drafted, Listing, Outcome};
use crate::journal::tags::clip;
use crate::text;

/// File text made visible, as an owned string for building lines.
fn visible(text: &str) -> String {
    text::visible(text).into_owned()
}

/// A link or the tags, kept to one line: a line break in a link (a file
/// edited by hand) cannot print a `for:` line of its own.
fn one_line(text: &str) -> String {
    text::visible_line(text).into_owned()
}

impl Render for Outcome {
    fn table(&self, style: &Style) -> String {
        match self {
            Outcome::Done(done) => done_text(done, usize::from(style.width)),
            Outcome::Listing(listing) => listing_table(listing, *style),
            Outcome::Drafted(drafted) => drafted_text(drafted),
        }
    }

    fn markdown(&self) -> String {
        match self {
            Outcome::Done(done) => done_text(done, 100),
            Outcome::Listing(listing) => listing_markdown(listing),
            Outcome::Drafted(drafted) => drafted_text(drafted),
        }
    }

    fn json(&self) -> String {
        match self {
            Outcome::Done(done) => json(done),
            Outcome::Listing(listing) => json(listing),
            Outcome::Drafted(drafted) => json(drafted),
        }
    }
}

/// "2026-11-25-1 (2026-11-25): text", made safe for a terminal.
fn entry_line(entry: &Entry) -> String {
    format!("{} ({}): {}", entry.id, entry.date, visible(&entry.text))
}

fn done_text(done: &Done, width: usize) -> String {
    let entry = &done.entry;
    let whose = visible(&done.person);
    let mut out = match done.action {
        Action::Recorded => format!("Recorded in {whose}'s journal: {}\n", entry_line(entry)),
        Action::Changed => match &done.moved_from {
            Some(old) => format!("Changed, and moved from {old}: {}\n", entry_line(entry)),
            None => format!("Changed: {}\n", entry_line(entry)),
        },
        Action::Removed => format!("Removed from {whose}'s journal: {}\n", entry_line(entry)),
    };
    if done.action == Action::Removed {
        return out;
    }
    for link in &entry.links {
        out.push_str(&format!("  link: {}\n", one_line(link)));
    }
    if !entry.tags.is_empty() {
        out.push_str(&format!("  for: {}\n", one_line(&entry.tags.join(", "))));
    } else if done.suggestions.is_empty() {
        out.push_str("  untagged\n");
    } else {
        out.push_str("  untagged; it may be evidence for:\n");
        for suggestion in &done.suggestions {
            // One line each, cut between words to the width that is left.
            let room = width
                .saturating_sub(6 + text::width(&suggestion.id))
                .max(20);
            out.push_str(&format!(
                "    {}  {}\n",
                suggestion.id,
                clip(&suggestion.text, room)
            ));
        }
        out.push_str(&format!(
            "  tag it with: rungs log --retag {} --for ID\n",
            entry.id
        ));
    }
    out
}

const LIST_HEADER: [&str; 4] = ["ID", "Date", "Entry", "For"];

fn empty_listing(listing: &Listing) -> String {
    let whose = visible(&listing.person);
    if listing.filtered {
        format!("No entries of {whose}'s journal match.\n")
    } else {
        format!(
            "No journal entries of {whose} yet. Record one with `rungs log \"what happened\"`.\n"
        )
    }
}

/// One entry a block: id, date and the text wrapped beside them, then
/// its links and tags. Plain lines rather than a bordered table: a year
/// of entries is thousands of rows, and laying them out as one table
/// costs more than reading them.
fn listing_table(listing: &Listing, style: Style) -> String {
    if listing.entries.is_empty() {
        return empty_listing(listing);
    }
    let id_width = listing
        .entries
        .iter()
        .map(|e| e.id.chars().count())
        .max()
        .unwrap_or(0);
    let indent = " ".repeat(id_width + 2 + 10 + 2);
    let text_width = usize::from(style.width)
        .saturating_sub(indent.len())
        .max(30);
    let count = listing.entries.len();
    let mut out = format!(
        "{}'s journal: {count} {}\n\n",
        visible(&listing.person),
        if count == 1 { "entry" } else { "entries" }
    );
    for entry in &listing.entries {
        let text = text::wrap(&visible(&entry.text), text_width);
        for (n, line) in text.iter().enumerate() {
            if n == 0 {
                let id = format!("{:<id_width$}", entry.id);
                out.push_str(&format!("{}  {}  {line}\n", style.heading(&id), entry.date));
            } else {
                out.push_str(&format!("{indent}{line}\n"));
            }
        }
        for link in &entry.links {
            out.push_str(&format!(
                "{indent}{}\n",
                style.dim(&format!("→ {}", one_line(link)))
            ));
        }
        if !entry.tags.is_empty() {
            let tags = format!("for {}", one_line(&entry.tags.join(", ")));
            out.push_str(&format!("{indent}{}\n", style.dim(&tags)));
        }
    }
    out
}

fn listing_markdown(listing: &Listing) -> String {
    let mut out = format!(
        "# {}'s journal\n\n",
        markdown::escape(&visible(&listing.person))
    );
    if listing.entries.is_empty() {
        out.push_str(&markdown::escape(&empty_listing(listing)));
        out.push('\n');
        return out;
    }
    let rows: Vec<Vec<String>> = listing
        .entries
        .iter()
        .map(|entry| {
            let mut text = visible(&entry.text);
            for link in &entry.links {
                text.push_str(&format!(" ({})", one_line(link)));
            }
            vec![
                entry.id.clone(),
                entry.date.to_string(),
                text,
                one_line(&entry.tags.join(", ")),
            ]
        })
        .collect();
    out.push_str(&markdown::table(&LIST_HEADER, &rows));
    out
}

fn drafted_text(drafted: &Drafted) -> String {
    let mut out = format!(
        "{}: {} {} of commits since {}",
        visible(&drafted.repository),
        drafted.drafts.len(),
        if drafted.drafts.len() == 1 {
            "week"
        } else {
            "weeks"
        },
        drafted.since
    );
    let mut notes = Vec::new();
    if drafted.trivial > 0 {
        notes.push(format!("{} trivial left out", drafted.trivial));
    }
    if drafted.future > 0 {
        notes.push(format!("{} dated in the future left out", drafted.future));
    }
    if drafted.unreadable > 0 {
        notes.push(format!("{} unreadable left out", drafted.unreadable));
    }
    if drafted.already_recorded > 0 {
        notes.push(format!("{} already recorded", drafted.already_recorded));
    }
    if drafted.dropped_before > 0 {
        notes.push(format!("{} dropped before", drafted.dropped_before));
    }
    if !notes.is_empty() {
        out.push_str(&format!(" ({})", notes.join(", ")));
    }
    out.push('\n');
    if drafted.dry_run {
        for draft in &drafted.drafts {
            out.push_str(&format!(
                "  {}  {}  {}\n",
                draft.week,
                draft.date,
                visible(&draft.text)
            ));
        }
        if !drafted.drafts.is_empty() {
            out.push_str(
                "Nothing recorded. Run again with --yes to record these, or in a terminal to keep, edit, tag or drop each.\n",
            );
        }
        return out;
    }
    if drafted.recorded.is_empty() {
        out.push_str("Nothing recorded.\n");
        return out;
    }
    out.push_str(&format!(
        "Recorded in {}'s journal:\n",
        visible(&drafted.person)
    ));
    for entry in &drafted.recorded {
        out.push_str(&format!("  {}\n", entry_line(entry)));
    }
    out
}

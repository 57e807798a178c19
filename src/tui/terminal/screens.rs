//! The screens of the walk as text: a statement, a category at a glance,
//! and the review of every statement. Pure functions of what they show, the
//! width and the height, so tests read them; the console draws them.

use console::{Key, style};

use crate::assessment::{Answer, Assessment, Kind};
use crate::framework::{Framework, Scale};
use crate::text::{self, reflow as wrap};
use crate::tui::walk::{Category, Filter, Previous, Review, Screen};

pub fn dim(text: &str, colour: bool) -> String {
    if colour {
        style(text).dim().to_string()
    } else {
        text.to_string()
    }
}

pub fn bold(text: &str, colour: bool) -> String {
    if colour {
        style(text).bold().to_string()
    } else {
        text.to_string()
    }
}

pub fn indent(text: &str, by: &str) -> String {
    text.lines().map(|line| format!("{by}{line}\n")).collect()
}

/// Items joined with ` · ` into lines of at most `width` columns, an item
/// never split between two lines (unless it is wider than a line).
pub fn pack(items: &[String], width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for item in items {
        if line.is_empty() {
            line = item.clone();
        } else if text::width(&line) + 3 + text::width(item) <= width {
            line.push_str(" · ");
            line.push_str(item);
        } else {
            lines.push(std::mem::replace(&mut line, item.clone()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .iter()
        .flat_map(|l| text::wrap(l, width))
        .collect::<Vec<_>>()
        .join("\n")
}

/// "2 Demonstrated", "skipped", "no opportunity yet".
pub fn kind_label(scale: &Scale, kind: Kind) -> String {
    match kind {
        Kind::Rated(value) => match scale.level(value) {
            Some(level) => format!("{} {}", level.value, level.label),
            None => value.to_string(),
        },
        Kind::Skipped => "skipped".to_string(),
        Kind::NoOpportunity => "no opportunity yet".to_string(),
    }
}

/// [`kind_label`], or "not answered".
pub fn answer_label(scale: &Scale, answer: Option<&Answer>) -> String {
    answer.map_or_else(
        || "not answered".to_string(),
        |a| kind_label(scale, a.kind()),
    )
}

/// "Ada (self) · SPE → LSE", with `right` at the right edge.
fn title_line(assessment: &Assessment, right: &str, width: usize, colour: bool) -> String {
    let roles = match &assessment.to {
        Some(to) => format!("{} → {to}", assessment.role),
        None => assessment.role.clone(),
    };
    let left = format!("{} · {roles}", assessment.who());
    let gap = width
        .saturating_sub(text::width(&left) + text::width(right))
        .max(1);
    format!(
        "{left}{}{}\n{}\n",
        " ".repeat(gap),
        bold(right, colour),
        dim(&"─".repeat(width), colour)
    )
}

/// Evidence under a label, wrapped, every line indented.
fn evidence_block(label: &str, evidence: &str, width: usize, colour: bool) -> String {
    let mut out = dim(&format!("  {label}\n"), colour);
    let body = text::wrap(evidence, width.saturating_sub(6)).join("\n");
    out.push_str(&dim(&indent(&body, "    "), colour));
    out
}

/// `x` on a statement: the rating it is met at (when not the scale's),
/// what would show it, and what its section and category cover.
pub fn render_details(screen: &Screen<'_>, width: usize, colour: bool) -> String {
    let framework = screen.framework;
    let item = screen.item;
    let statement = item.statement;
    let text_width = width.saturating_sub(4);
    let mut out = format!("  {}\n", bold(&statement.id, colour));
    if let Some(expected) = framework.expected_label(statement) {
        out.push_str(&indent(
            &wrap(
                &format!("Met at {expected} for this statement."),
                text_width,
            ),
            "  ",
        ));
    }
    if statement.examples.is_empty() {
        out.push_str("  The framework gives no examples for this statement.\n");
    } else {
        out.push_str(&format!("  {}\n", bold("What would show it:", colour)));
        for example in &statement.examples {
            out.push_str(&indent(&wrap(&format!("- {example}"), text_width), "  "));
        }
    }
    let section = &framework.sections[item.group.section];
    let covers = [
        framework
            .group_title(item.group)
            .zip(framework.group_description(item.group)),
        section
            .description
            .as_deref()
            .map(|d| (section.name.as_str(), d)),
    ];
    for (name, description) in covers.into_iter().flatten() {
        out.push_str(&format!("\n  {}\n", bold(name, colour)));
        out.push_str(&indent(&wrap(description.trim(), text_width), "  "));
    }
    out.push('\n');
    out
}

/// A check-in's statement shows what would show it under the text, not
/// behind a key: with a few statements a quarter, the examples are what
/// keeps one rating honest.
fn check_in_examples(statement: &crate::framework::Statement, width: usize) -> String {
    let mut out = String::new();
    for example in &statement.examples {
        out.push_str(&indent(
            &wrap(&format!("· {example}"), width.saturating_sub(6)),
            "    ",
        ));
    }
    out
}

/// The keys of the statement screen, wrapped to the width.
pub fn statement_keys(scale: &Scale, width: usize) -> String {
    let keys = [
        format!("{}-{} rate", scale.lowest(), scale.highest()),
        "s skip".into(),
        "n no opportunity yet".into(),
        "Enter keep and go on".into(),
        "b back".into(),
        "k keep last time's".into(),
        "K keep the rest of the category".into(),
        "e editor".into(),
        "j journal".into(),
        "x examples".into(),
        "g category at a glance".into(),
        "r review".into(),
        "? help".into(),
        "q save and quit".into(),
    ];
    pack(&keys, width)
}

/// One statement's screen: progress, where it sits, the statement, this
/// time's and last time's answers, the scale, and the keys.
pub fn render_screen(screen: &Screen<'_>, width: usize, colour: bool) -> String {
    let framework = screen.framework;
    let scale = &framework.scale;
    let item = screen.item;
    let progress = format!("{}/{}", screen.position + 1, screen.total);
    let mut out = title_line(screen.assessment, &progress, width, colour);

    let section = &framework.sections[item.group.section];
    let mut place = vec![item.archetype.label(), section.name.clone()];
    place.extend(framework.group_title(item.group).map(str::to_string));
    // Where the statement sits, wrapped between words: a long group
    // name must not run past the edge.
    out.push_str(&dim(&wrap(&place.join(" › "), width), colour));
    out.push_str("\n\n");
    out.push_str(&indent(
        &bold(&wrap(&item.statement.text, width.saturating_sub(4)), colour),
        "  ",
    ));
    if screen.assessment.is_check_in() {
        out.push_str(&check_in_examples(item.statement, width));
    }
    out.push('\n');

    let mut notes = vec![item.statement.id.clone()];
    if let Some(current) = screen.current {
        notes.push(format!("this time: {}", answer_label(scale, Some(current))));
    }
    if let Some(previous) = screen.previous {
        notes.push(format!(
            "last time ({}): {}",
            previous.at.format("%Y-%m-%d"),
            kind_label(scale, previous.kind)
        ));
    }
    out.push_str(&dim(&format!("  {}\n", notes.join(" · ")), colour));
    let this_time = screen
        .current
        .and_then(|c| c.evidence.as_deref())
        .map(|e| ("evidence this time:", e))
        .or(screen
            .pending
            .map(|e| ("evidence written, saved with the answer:", e)));
    if let Some((label, evidence)) = this_time {
        out.push_str(&evidence_block(label, evidence, width, colour));
    }
    if let Some(evidence) = screen.previous.and_then(|p| p.evidence.as_deref())
        && this_time.is_none_or(|(_, shown)| shown != evidence)
    {
        out.push_str(&evidence_block(
            "evidence last time:",
            evidence,
            width,
            colour,
        ));
    }
    if let Some(newest) = screen.journal.first() {
        let count = screen.journal.len();
        let line = format!(
            "journal: {count} {} since last time; newest {}: {} (j adds {} to the evidence)",
            if count == 1 { "entry" } else { "entries" },
            newest.date,
            newest.first_line(),
            if count == 1 { "it" } else { "them" }
        );
        out.push_str(&dim(
            &indent(&wrap(&line, width.saturating_sub(4)), "  "),
            colour,
        ));
    }
    out.push('\n');

    let levels: Vec<String> = scale
        .levels
        .iter()
        .map(|level| format!("{} {}", bold(&level.value.to_string(), colour), level.label))
        .collect();
    out.push_str(&format!("  {}\n\n", levels.join("   ")));
    out.push_str(&dim(&statement_keys(scale, width), colour));
    out.push('\n');
    if let Some(note) = screen.note {
        out.push_str(&format!("\n{}\n", bold(note, colour)));
    }
    out
}

/// A category of a reassessment at a glance: each statement with last
/// time's answer, numbered to open one. With a `cursor`, a category of a
/// first walk at a glance: each statement with this time's answer, the
/// line under the cursor marked, to rate line by line.
pub fn render_category(
    category: &Category<'_>,
    cursor: Option<usize>,
    width: usize,
    colour: bool,
) -> String {
    if let Some(cursor) = cursor {
        return render_glance(category, cursor, width, colour);
    }
    let framework = category.framework;
    let scale = &framework.scale;
    let last = category.first + category.items.len();
    let progress = format!("{}-{last}/{}", category.first + 1, category.total);
    let mut out = title_line(category.assessment, &progress, width, colour);
    let Some(first) = category.items.first() else {
        return out;
    };
    let section = &framework.sections[first.group.section];
    let mut place = vec![first.archetype.label(), section.name.clone()];
    place.extend(framework.group_title(first.group).map(str::to_string));
    out.push_str(&bold(&wrap(&place.join(" › "), width), colour));
    let date = category
        .previous
        .iter()
        .flatten()
        .map(|p| p.at)
        .max()
        .map(|at| format!(", last time on {}", at.format("%Y-%m-%d")))
        .unwrap_or_default();
    out.push_str(&dim(
        &format!("\n{} statements{date}:\n\n", category.items.len()),
        colour,
    ));

    let labels: Vec<String> = category
        .items
        .iter()
        .zip(&category.previous)
        .map(
            |(item, previous)| match category.assessment.ratings.get(&item.statement.id) {
                Some(answer) => format!("{} (this time)", kind_label(scale, answer.kind())),
                None => previous.map_or_else(
                    || "not answered last time".to_string(),
                    |p: &Previous| kind_label(scale, p.kind),
                ),
            },
        )
        .collect();
    let label_width = labels.iter().map(|l| text::width(l)).max().unwrap_or(0);
    let journal_marks: Vec<String> = (0..category.items.len())
        .map(|n| match category.journal.get(n).copied().unwrap_or(0) {
            0 => String::new(),
            count => format!(" j{count}"),
        })
        .collect();
    let journal_width = journal_marks.iter().map(|m| m.len()).max().unwrap_or(0);
    let text_width = width
        .saturating_sub(label_width + 10 + journal_width)
        .max(20);
    for (n, (item, label)) in category.items.iter().zip(&labels).enumerate() {
        let number = if n < 9 {
            (n + 1).to_string()
        } else {
            "·".to_string()
        };
        let evidence = category.previous[n]
            .and_then(|p| p.evidence.as_ref())
            .map_or(" ", |_| "✎");
        let statement = text::shorten(&item.statement.text, text_width);
        let pad = " ".repeat(text_width.saturating_sub(text::width(&statement)));
        let label_pad = " ".repeat(label_width.saturating_sub(text::width(label)));
        let line = format!(
            "  {} {statement}{pad}  {label}{label_pad} {evidence}{}",
            bold(&format!("{number:>2}"), colour),
            journal_marks[n]
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let entries = category.journal_entries;
    if entries > 0 {
        let line = format!(
            "{entries} journal {} since last time (jN on a statement): open one and press j to add {} to its evidence.",
            if entries == 1 { "entry" } else { "entries" },
            if entries == 1 { "it" } else { "them" }
        );
        out.push('\n');
        out.push_str(&bold(&wrap(&line, width), colour));
        out.push('\n');
    }
    let count = category.items.len().min(9);
    let keys = [
        "K keep all as last time".to_string(),
        format!("1-{count} open one to change it"),
        "Enter go through them one by one".into(),
        "b back".into(),
        "r review".into(),
        "? help".into(),
        "q save and quit".into(),
        "✎ evidence written last time".into(),
    ];
    out.push('\n');
    out.push_str(&dim(&pack(&keys, width), colour));
    out.push('\n');
    out
}

/// A category of a first walk at a glance: one line a statement with
/// this time's answer, the cursor's line marked `›`.
fn render_glance(category: &Category<'_>, cursor: usize, width: usize, colour: bool) -> String {
    let framework = category.framework;
    let scale = &framework.scale;
    let last = category.first + category.items.len();
    let progress = format!("{}-{last}/{}", category.first + 1, category.total);
    let mut out = title_line(category.assessment, &progress, width, colour);
    let Some(first) = category.items.first() else {
        return out;
    };
    let section = &framework.sections[first.group.section];
    let mut place = vec![first.archetype.label(), section.name.clone()];
    place.extend(framework.group_title(first.group).map(str::to_string));
    out.push_str(&bold(&wrap(&place.join(" › "), width), colour));
    out.push_str(&dim(
        &format!("\n{} statements: rate each line\n\n", category.items.len()),
        colour,
    ));
    let labels: Vec<(String, bool)> = category
        .items
        .iter()
        .map(
            |item| match category.assessment.ratings.get(&item.statement.id) {
                Some(answer) => (kind_label(scale, answer.kind()), answer.evidence.is_some()),
                None => ("·".to_string(), false),
            },
        )
        .collect();
    let label_width = labels
        .iter()
        .map(|(l, _)| text::width(l))
        .max()
        .unwrap_or(0);
    let text_width = width.saturating_sub(label_width + 8).max(20);
    for (n, (item, (label, evidence))) in category.items.iter().zip(&labels).enumerate() {
        let statement = text::shorten(&item.statement.text, text_width);
        let pad = " ".repeat(text_width.saturating_sub(text::width(&statement)));
        let mark = if *evidence { "✎" } else { " " };
        let line = format!("{statement}{pad}  {label}");
        let line = if n == cursor {
            format!("› {}", bold(&line, colour))
        } else {
            format!("  {line}")
        };
        out.push_str(format!("{line} {mark}").trim_end());
        out.push('\n');
    }
    if let Some(note) = category.note {
        out.push_str(&format!("\n{}\n", bold(note, colour)));
    }
    let keys = [
        format!("{}-{} rate the line", scale.lowest(), scale.highest()),
        "s skip".into(),
        "n no opportunity yet".into(),
        "↑↓ move".into(),
        "Enter open it for evidence".into(),
        "a done, next category".into(),
        "b back".into(),
        "r review".into(),
        "? help".into(),
        "q save and quit".into(),
        "✎ evidence written".into(),
    ];
    out.push('\n');
    out.push_str(&dim(&pack(&keys, width), colour));
    out.push('\n');
    out
}

/// What a key does on the review screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewKey {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    /// A digit of a statement number to go to.
    Digit(char),
    Erase,
    /// Enter: the number typed, or the statement under the cursor.
    Open,
    Filter(Filter),
    /// Esc: back to the walk.
    Leave,
    Quit,
    Interrupt,
    Nothing,
}

pub fn review_key(key: &Key) -> ReviewKey {
    match key {
        Key::ArrowUp | Key::Char('k') => ReviewKey::Up,
        Key::ArrowDown | Key::Char('j') => ReviewKey::Down,
        Key::PageUp => ReviewKey::PageUp,
        Key::PageDown | Key::Char(' ') => ReviewKey::PageDown,
        Key::Home => ReviewKey::First,
        Key::End => ReviewKey::Last,
        Key::Char(c) if c.is_ascii_digit() => ReviewKey::Digit(*c),
        Key::Backspace => ReviewKey::Erase,
        Key::Enter => ReviewKey::Open,
        Key::Char('u') => ReviewKey::Filter(Filter::Unanswered),
        Key::Char('s') => ReviewKey::Filter(Filter::Skipped),
        Key::Char('n') => ReviewKey::Filter(Filter::NoOpportunity),
        Key::Char('m') => ReviewKey::Filter(Filter::Unmet),
        Key::Char('w') => ReviewKey::Filter(Filter::MetWithoutEvidence),
        Key::Escape | Key::ArrowLeft => ReviewKey::Leave,
        Key::Char('q') => ReviewKey::Quit,
        Key::CtrlC => ReviewKey::Interrupt,
        _ => ReviewKey::Nothing,
    }
}

/// Rows of the review list: a heading per category, a row per statement.
enum Row {
    Heading(String),
    Statement(usize),
}

fn review_rows(framework: &Framework, review: &Review<'_>) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut last = String::new();
    for (i, item) in review.items.iter().enumerate() {
        let section = &framework.sections[item.group.section].name;
        let mut place = format!("{} › {section}", item.archetype.code);
        if let Some(title) = framework.group_title(item.group) {
            place.push_str(&format!(" › {title}"));
        }
        if place != last {
            rows.push(Row::Heading(place.clone()));
            last = place;
        }
        rows.push(Row::Statement(i));
    }
    rows
}

/// Every statement with its answer, a window of them around the cursor,
/// and the statement under the cursor in full below.
pub fn render_review(
    review: &Review<'_>,
    cursor: usize,
    typed: &str,
    width: usize,
    height: usize,
    colour: bool,
) -> String {
    let framework = review.framework;
    let scale = &framework.scale;
    let assessment = review.assessment;
    let answered = review
        .items
        .iter()
        .filter(|i| assessment.ratings.contains_key(&i.statement.id))
        .count();
    let right = format!("review · {answered}/{} answered", review.items.len());
    let mut out = title_line(assessment, &right, width, colour);

    let id_width = review
        .items
        .iter()
        .map(|i| text::width(&i.statement.id))
        .max()
        .unwrap_or(0)
        .min(24);
    let number_width = review.items.len().to_string().len();
    let label_width = 18;
    let rows = review_rows(framework, review);
    let cursor_row = rows
        .iter()
        .position(|r| matches!(r, Row::Statement(i) if *i == cursor))
        .unwrap_or(0);

    // The statement under the cursor, in full.
    let mut detail = String::new();
    if let Some(item) = review.items.get(cursor) {
        let answer = assessment.ratings.get(&item.statement.id);
        // The statement whole (a 4-line one was cut to 3); the list above
        // gives up the rows it needs.
        for line in text::wrap(&item.statement.text, width.saturating_sub(2)).iter() {
            detail.push_str(&format!("{}\n", bold(line, colour)));
        }
        detail.push_str(&dim(
            &format!("{} · {}\n", item.statement.id, answer_label(scale, answer)),
            colour,
        ));
        if let Some(evidence) = answer.and_then(|a| a.evidence.as_deref()) {
            let lines = text::wrap(evidence, width.saturating_sub(4));
            for line in lines.iter().take(3) {
                detail.push_str(&dim(&format!("  {line}\n"), colour));
            }
            if lines.len() > 3 {
                detail.push_str(&dim("  …\n", colour));
            }
        }
    }
    let counts: Vec<String> = Filter::ALL
        .iter()
        .map(|&filter| {
            let n = review
                .items
                .iter()
                .filter(|i| filter.matches(assessment.ratings.get(&i.statement.id), i.statement))
                .count();
            let key = match filter {
                Filter::Unanswered => "u",
                Filter::Skipped => "s",
                Filter::NoOpportunity => "n",
                Filter::Unmet => "m",
                Filter::MetWithoutEvidence => "w",
            };
            format!("{key} next {} ({n})", filter.label())
        })
        .collect();
    let mut keys: Vec<String> = vec![
        "↑↓ PgUp PgDn move".into(),
        "Enter open".into(),
        "a number and Enter go to it".into(),
    ];
    keys.extend(counts);
    keys.extend(["Esc back".into(), "q save and quit".into()]);
    let keys = pack(&keys, width);
    let mut footer = String::new();
    if !typed.is_empty() {
        footer.push_str(&bold(&format!("go to statement {typed}"), colour));
        footer.push('\n');
    } else if let Some(note) = review.note {
        footer.push_str(&bold(note, colour));
        footer.push('\n');
    }
    footer.push_str(&dim(&keys, colour));
    footer.push('\n');

    let used = 2 + detail.lines().count() + footer.lines().count() + 2;
    let room = height.saturating_sub(used).max(3);
    let start = cursor_row
        .saturating_sub(room / 2)
        .min(rows.len().saturating_sub(room));
    for row in rows.iter().skip(start).take(room) {
        match row {
            Row::Heading(place) => {
                out.push_str(&dim(&text::shorten(place, width.saturating_sub(1)), colour));
                out.push('\n');
            }
            Row::Statement(i) => {
                let item = &review.items[*i];
                let answer = assessment.ratings.get(&item.statement.id);
                let mark = if *i == cursor { "▸" } else { " " };
                let label = answer_label(scale, answer);
                let evidence = match answer.and_then(|a| a.evidence.as_deref()) {
                    Some(evidence) => evidence.to_string(),
                    None if answer.is_some_and(
                        |a| matches!(a.kind(), Kind::Rated(v) if item.statement.is_met(v)),
                    ) =>
                    {
                        "(no evidence)".to_string()
                    }
                    None => String::new(),
                };
                let id = text::shorten(&item.statement.id, id_width);
                let fixed = 1 + 1 + number_width + 1 + id_width + 1 + label_width + 1;
                let line = format!(
                    "{mark} {:>number_width$} {id:<id_width$} {label:<label_width$} {}",
                    i + 1,
                    text::shorten(&evidence, width.saturating_sub(fixed + 1))
                );
                let line = line.trim_end().to_string();
                if *i == cursor {
                    out.push_str(&bold(&line, colour));
                } else {
                    out.push_str(&line);
                }
                out.push('\n');
            }
        }
    }
    out.push('\n');
    out.push_str(&detail);
    out.push('\n');
    out.push_str(&footer);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::assessment::{Answer, Kind};
    use crate::testing::{acme, assessment, time};
    use crate::tui::walk::Previous;

    #[test]
    fn the_review_lists_every_statement_with_its_answer_and_fits_the_screen() {
        let framework = acme();
        let mut a = assessment(&[
            (
                "e1.craft.1",
                Some(4),
                Some("Wrote tests for billing\nand for refunds"),
            ),
            ("e1.craft.2", None, None),
            ("e2.craft.1", Some(5), None),
        ]);
        a.ratings.insert(
            "e1.impact.1".into(),
            Answer::new(Kind::NoOpportunity, None, time(1)),
        );
        let items = a.walk(&framework);
        let review = Review {
            framework: &framework,
            assessment: &a,
            items: &items,
            cursor: 0,
            note: None,
        };
        let text = render_review(&review, 0, "", 80, 24, false);
        assert!(text.lines().count() <= 24, "{text}");
        assert!(text.lines().all(|l| text::width(l) <= 80), "{text}");
        assert!(text.contains("▸ 1 e1.craft.1  4 Proficient"), "{text}");
        assert!(text.contains("  2 e1.craft.2  skipped"), "{text}");
        assert!(
            text.contains("  3 e1.impact.1 no opportunity yet"),
            "{text}"
        );
        assert!(
            text.contains("  5 e2.craft.1  5 Expert           (no evidence)"),
            "{text}"
        );
        assert!(text.contains("  8 e2.impact.2 not answered"), "{text}");
        assert!(text.contains("E1 › Competencies › Craft"), "{text}");
        // The statement under the cursor in full, its evidence on its lines.
        assert!(
            text.contains("  Wrote tests for billing\n  and for refunds\n"),
            "{text}"
        );
        assert!(text.contains("u next unanswered (4)"), "{text}");
        assert!(text.contains("w next met-without-evidence (1)"), "{text}");
        let typed = render_review(&review, 0, "17", 80, 24, false);
        assert!(typed.contains("go to statement 17"), "{typed}");
    }

    #[test]
    fn the_category_screen_numbers_statements_with_last_times_answers() {
        let framework = acme();
        let a = assessment(&[]);
        let items = a.walk(&framework);
        let previous: BTreeMap<String, Previous> = [(
            "e1.craft.1".to_string(),
            Previous {
                kind: Kind::Rated(4),
                evidence: Some("Tests".into()),
                at: time(3),
            },
        )]
        .into_iter()
        .collect();
        let category = Category {
            framework: &framework,
            assessment: &a,
            items: &items[0..2],
            first: 0,
            total: items.len(),
            previous: vec![previous.get("e1.craft.1"), None],
            journal: vec![0, 2],
            journal_entries: 2,
            cursor: 0,
            rate: false,
            note: None,
        };
        let text = render_category(&category, None, 80, false);
        // Issue 28: K kept a category without showing its new entries.
        assert!(text.contains("not answered last time   j2\n"), "{text}");
        assert!(
            text.contains("2 journal entries since last time (jN on a statement)"),
            "{text}"
        );
        assert!(
            text.contains("E1 Engineer › Competencies › Craft"),
            "{text}"
        );
        assert!(
            text.contains("2 statements, last time on 2026-11-25"),
            "{text}"
        );
        assert!(text.contains(" 1 Ships changes with tests"), "{text}");
        assert!(text.contains("4 Proficient           ✎\n"), "{text}");
        assert!(text.contains("not answered last time"), "{text}");
        assert!(
            text.contains("K keep all as last time · 1-2 open one"),
            "{text}"
        );
        assert!(text.lines().all(|l| text::width(l) <= 80), "{text}");
    }

    #[test]
    fn a_category_at_a_glance_marks_the_cursor_and_shows_this_times_answers() {
        let framework = acme();
        let a = assessment(&[("e1.craft.2", Some(4), Some("Tests"))]);
        let items = a.walk(&framework);
        let category = Category {
            framework: &framework,
            assessment: &a,
            items: &items[0..2],
            first: 0,
            total: items.len(),
            previous: vec![None, None],
            journal: vec![0, 0],
            journal_entries: 0,
            cursor: 1,
            rate: true,
            note: Some("9 is not on the scale: 1 to 5."),
        };
        let text = render_category(&category, Some(1), 80, false);
        assert!(text.contains("1-2/8"), "{text}");
        assert!(text.contains("2 statements: rate each line"), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let first = lines
            .iter()
            .find(|l| l.contains("Ships changes with tests"))
            .expect("the first line");
        assert!(first.starts_with("  ") && first.ends_with('·'), "{text}");
        let second = lines
            .iter()
            .find(|l| l.starts_with("› "))
            .expect("the cursor's line");
        assert!(second.ends_with("4 Proficient ✎"), "{text}");
        assert!(text.contains("9 is not on the scale"), "{text}");
        assert!(text.contains("a done, next category"), "{text}");
        assert!(text.lines().all(|l| text::width(l) <= 80), "{text}");
    }

    #[test]
    fn review_keys_move_filter_and_leave() {
        assert_eq!(review_key(&Key::ArrowDown), ReviewKey::Down);
        assert_eq!(review_key(&Key::Char('7')), ReviewKey::Digit('7'));
        assert_eq!(
            review_key(&Key::Char('w')),
            ReviewKey::Filter(Filter::MetWithoutEvidence)
        );
        assert_eq!(review_key(&Key::Escape), ReviewKey::Leave);
        assert_eq!(review_key(&Key::CtrlC), ReviewKey::Interrupt);
    }
}

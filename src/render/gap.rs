//! `rungs gap`: the gap report as a terminal table, a Markdown document to
//! paste into a promotion case, or stable JSON for scripts.

use serde::Serialize;

use super::{Render, Style, json, markdown};
use crate::assessment::{AssessmentKind, Status, Timestamp};
use std::collections::BTreeMap;

use crate::framework::Statement;
use crate::journal::Entry;
use crate::journal::evidence;
use crate::report::gap::{Gap, Item, Row};

impl Render for Gap<'_> {
    fn table(&self, style: &Style) -> String {
        table(self, *style)
    }

    fn markdown(&self) -> String {
        markdown(self)
    }

    fn json(&self) -> String {
        json_object(self)
    }

    fn long(&self) -> bool {
        true
    }
}

/// `rungs gap --format json`. A stable interface, documented in the README.
#[derive(Debug, Serialize)]
pub struct GapJson<'a> {
    pub assessment: &'a str,
    pub person: &'a str,
    /// The assessor's name, or `self`.
    pub assessor: &'a str,
    pub framework: &'a str,
    pub framework_version: &'a str,
    pub role: &'a str,
    pub role_title: &'a str,
    /// The target archetype; null at the top of the ladder.
    pub to: Option<&'a str>,
    pub to_title: Option<&'a str>,
    /// "4-5 to 5-6" when both roles have SFIA levels.
    pub sfia_step: Option<String>,
    /// When the assessment was completed, or last updated.
    pub assessed: Timestamp,
    /// `in-progress`, `complete` or `partial`.
    pub status: Status,
    /// `full`, or `check-in`: then only the cores of both roles are
    /// counted, and the readiness is indicative.
    pub kind: AssessmentKind,
    /// When it was imported from another data directory; null when it
    /// was recorded here.
    pub imported: Option<Timestamp>,
    pub rated: usize,
    pub total: usize,
    /// Percentage (0 to 100, rounded down) of the target's statements met;
    /// null at the top of the ladder.
    pub readiness: Option<u8>,
    pub target_met: usize,
    pub target_total: usize,
    pub categories: &'a [Row],
    /// The target's statements not met, except those with no opportunity
    /// yet.
    pub unmet: Vec<ItemJson<'a>>,
    /// Statements of either role answered "no opportunity yet": counted as
    /// not met, listed on their own.
    pub no_opportunity: Vec<ItemJson<'a>>,
    pub unevidenced: Vec<ItemJson<'a>>,
    /// Names of up to three focus areas (categories, named groups or flat
    /// sections) with the largest gap, largest first.
    pub focus: Vec<&'a str>,
    /// The same areas in full: ids, counts met of total, and the rating
    /// steps still missing.
    pub focus_areas: &'a [crate::report::gap::FocusArea],
    /// Every statement of the target, met or not, with `met`.
    pub expectations: Vec<ExpectationJson<'a>>,
    /// The focus areas agreed and stored with the assessment.
    pub agreed_focus: &'a [crate::assessment::Focus],
}

#[derive(Debug, Serialize)]
pub struct ExpectationJson<'a> {
    #[serde(flatten)]
    pub item: ItemJson<'a>,
    pub met: bool,
}

#[derive(Debug, Serialize)]
pub struct ItemJson<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub archetype: &'a str,
    pub section: &'a str,
    pub group: Option<&'a str>,
    /// `rated`, `skipped`, `no-opportunity`, or `none` when not answered.
    pub answer: &'static str,
    /// Null unless rated.
    pub rating: Option<u8>,
    pub rating_label: Option<&'a str>,
    /// Exactly as written, line breaks included.
    pub evidence: Option<&'a str>,
    /// Journal entries tagged to the statement (or its category or
    /// section), newest first.
    pub journal: Vec<&'a Entry>,
    /// For a statement met without evidence: untagged journal entries
    /// that look like evidence for it.
    pub journal_suggested: Vec<&'a Entry>,
}

impl Serialize for Row {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut row = serializer.serialize_struct("Row", 7)?;
        row.serialize_field("name", &self.name)?;
        row.serialize_field("section", &self.section)?;
        row.serialize_field("category", &self.category)?;
        row.serialize_field("current_met", &self.current_met)?;
        row.serialize_field("current_total", &self.current_total)?;
        row.serialize_field("next_met", &self.next_met)?;
        row.serialize_field("next_total", &self.next_total)?;
        row.end()
    }
}
/// The agreed focus areas, one line each.
fn agreed_focus(gap: &Gap<'_>) -> Vec<String> {
    super::focus::lines(gap.assessment, gap.framework)
}

fn assessed(gap: &Gap<'_>) -> Timestamp {
    match gap.status {
        Status::InProgress => gap.assessment.updated,
        _ => gap.assessment.completed.unwrap_or(gap.assessment.updated),
    }
}

pub(crate) fn rating_label(gap: &Gap<'_>, item: &Item<'_>) -> String {
    match item.rating().and_then(|r| gap.framework.scale.level(r)) {
        Some(level) => format!("{} {}", level.value, level.label),
        None if item.is_no_opportunity() => "no opportunity yet".to_string(),
        None if item.answer.is_some() => "skipped".to_string(),
        None => "not rated".to_string(),
    }
}

/// The evidence for a terminal: its first line after `evidence:`, the
/// others indented below it.
fn evidence_text(item: &Item<'_>) -> String {
    match (item.evidence(), item.answer) {
        (Some(evidence), _) => format!("evidence: {}", evidence.replace('\n', "\n  ")),
        (None, Some(_)) => "no evidence written".to_string(),
        (None, None) => "no evidence yet".to_string(),
    }
}

/// The evidence inside one Markdown list item or table cell: its lines
/// joined with ` / `, so no line of it can start a list, a heading or a
/// row of its own.
pub(crate) fn evidence_one_line(evidence: &str) -> String {
    evidence
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// [`evidence_text`] for Markdown.
fn evidence_markdown(item: &Item<'_>) -> String {
    match item.evidence() {
        Some(evidence) => format!("evidence: {}", evidence_one_line(evidence)),
        None => evidence_text(item),
    }
}

/// `rated`, `skipped`, `no-opportunity` or `none`, for JSON.
fn answer_kind(item: &Item<'_>) -> &'static str {
    item.answer.map_or("none", |a| a.kind().as_str())
}

/// "Key responsibilities › Architecture across team boundaries".
pub(crate) fn place(gap: &Gap<'_>, item: &Item<'_>) -> String {
    let section = &gap.framework.sections[item.group.section].name;
    match gap.framework.group_title(item.group) {
        Some(title) => format!("{section} › {title}"),
        None => section.clone(),
    }
}

/// A ten-cell bar: `███████░░░`.
pub fn bar(met: usize, total: usize) -> String {
    const CELLS: usize = 10;
    let filled = (met * CELLS + total / 2).checked_div(total).unwrap_or(0);
    format!("{}{}", "█".repeat(filled), "░".repeat(CELLS - filled))
}

pub(crate) fn count_with_bar(met: usize, total: usize) -> String {
    if total == 0 {
        "-".to_string()
    } else {
        format!("{met:>2}/{total:<2} {}", bar(met, total))
    }
}

/// "Collaboration: 5 of 6 LSE statements not yet met".
/// "Collaboration: 3 of 6 LSE statements not yet met".
pub(crate) fn area_line(gap: &Gap<'_>, area: &crate::report::gap::FocusArea) -> String {
    let code = gap.target.map_or("", |t| t.code.as_str());
    format!(
        "{}: {} of {} {code} statements not yet met",
        area.name,
        area.unmet(),
        area.total
    )
}

pub(crate) fn focus_line(gap: &Gap<'_>, row: &Row) -> String {
    let code = gap.target.map_or("", |t| t.code.as_str());
    format!(
        "{}: {} of {} {code} statements not yet met",
        row.name,
        row.next_gap(),
        row.next_total
    )
}

fn header_lines(gap: &Gap<'_>) -> (String, String) {
    let who = gap.assessment.who();
    let roles = match gap.target {
        Some(target) => format!("{} → {}", gap.role.label(), target.label()),
        None => gap.role.label(),
    };
    let mut facts = Vec::new();
    facts.extend(gap.sfia_step().map(|s| format!("SFIA {s}")));
    facts.push(format!("assessed {}", assessed(gap).format("%Y-%m-%d")));
    facts.push(gap.status.to_string());
    facts.push(format!("{} of {} statements rated", gap.rated, gap.total));
    if let Some(imported) = gap.assessment.imported {
        facts.push(format!("imported {}", imported.format("%Y-%m-%d")));
    }
    (format!("Gap report · {who}\n{roles}"), facts.join(" · "))
}

pub fn table(gap: &Gap<'_>, style: Style) -> String {
    let (title, facts) = header_lines(gap);
    let mut out = format!("{}\n{}\n\n", style.heading(&title), style.dim(&facts));
    match (gap.target, gap.readiness) {
        (Some(target), Some(readiness)) => out.push_str(&format!(
            "{} {}\n\n",
            style.heading(&format!("Readiness for {}: {readiness}%", target.code)),
            style.dim(&format!(
                "({} of {} statements met{})",
                gap.target_met,
                gap.target_total,
                gap.indicative().map(|i| format!("; {i}")).unwrap_or_default()
            ))
        )),
        (Some(target), None) => out.push_str(&format!("{} has no statements yet.\n\n", target.label())),
        (None, _) => out.push_str(&format!(
            "{} is the top of this ladder: there is no next archetype. Coverage of the current role:\n\n",
            gap.role.code
        )),
    }

    let current = format!("{} (current)", gap.role.code);
    let next = gap.target.map(|t| format!("{} (next)", t.code));
    let mut header = vec!["Category", current.as_str()];
    header.extend(next.as_deref());
    let mut table = style.keyed_table(&header);
    for row in &gap.rows {
        table.add_row(category_cells(gap, row, count_with_bar));
    }
    out.push_str(&format!("{}\n", style.render_table(table)));

    if let Some(target) = gap.target {
        out.push_str(&format!(
            "\n{}\n",
            style.heading(&format!(
                "NOT YET MET FOR {} ({})",
                target.code.to_uppercase(),
                gap.unmet.len()
            ))
        ));
        if gap.unmet.is_empty() {
            out.push_str("Every statement is met.\n");
        }
        out.push_str(&item_list(gap, &gap.unmet, style, true));
    }

    if !gap.no_opportunity.is_empty() {
        out.push_str(&format!(
            "\n{}{}\n",
            style.heading(&format!(
                "NO OPPORTUNITY YET ({})",
                gap.no_opportunity.len()
            )),
            style.dim(": the situation has not arisen; counted as not met")
        ));
        out.push_str(&item_list(gap, &gap.no_opportunity, style, true));
    }

    if !gap.unevidenced.is_empty() {
        out.push_str(&format!(
            "\n{}{}\n",
            style.heading(&format!("MET WITHOUT EVIDENCE ({})", gap.unevidenced.len())),
            style.dim(": a promotion panel will ask for it")
        ));
        out.push_str(&item_list(gap, &gap.unevidenced, style, false));
    }

    if !gap.focus_areas.is_empty() {
        out.push_str(&format!("\n{}\n", style.heading("FOCUS AREAS")));
        for (n, area) in gap.focus_areas.iter().enumerate() {
            out.push_str(&format!("  {}. {}\n", n + 1, area_line(gap, area)));
        }
    }
    let agreed = agreed_focus(gap);
    if !agreed.is_empty() {
        out.push_str(&format!("\n{}\n", style.heading("AGREED FOCUS")));
        for (n, line) in agreed.iter().enumerate() {
            out.push_str(&format!("  {}. {line}\n", n + 1));
        }
    }
    out
}

/// Statements under their section and group headings, each with its
/// rating and, for gaps, its evidence.
fn item_list(gap: &Gap<'_>, items: &[Item<'_>], style: Style, with_evidence: bool) -> String {
    // Suggestions are for statements met without evidence: listed
    // without their evidence.
    let suggested = if with_evidence {
        BTreeMap::new()
    } else {
        suggested(gap)
    };
    let mut out = String::new();
    let mut last_place = String::new();
    let mut rows: Vec<(String, String)> = Vec::new();
    let flush = |rows: &mut Vec<(String, String)>, out: &mut String| {
        if !rows.is_empty() {
            out.push_str(&style.list(rows.iter().map(|(a, b)| [a.as_str(), b.as_str()]), "   "));
            rows.clear();
        }
    };
    for (index, item) in items.iter().enumerate() {
        let place = format!("{} › {}", item.archetype.code, place(gap, item));
        if place != last_place {
            flush(&mut rows, &mut out);
            out.push_str(&format!("\n  {}\n", style.heading(&place)));
            // Entries tagged to the whole category (or section): once
            // here, not under each of its statements.
            for line in journal_lines(&wider_entries(gap, items, index), "journal, whole category")
            {
                out.push_str(&format!("  {}\n", style.dim(&line)));
            }
            last_place = place;
        }
        let mut detail = rating_label(gap, item);
        if with_evidence {
            detail = format!("{detail} · {}", evidence_text(item));
        }
        let mut text = format!("{}\n{}", item.statement.text, style.dim(&detail));
        for line in journal_lines(&direct_entries(gap, item), "journal") {
            text.push_str(&format!("\n{}", style.dim(&line)));
        }
        if let Some(entries) = suggested.get(&item.statement.id) {
            for line in journal_lines(entries, "untagged journal entry") {
                text.push_str(&format!("\n{}", style.dim(&line)));
            }
        }
        rows.push((item.statement.id.clone(), text));
    }
    flush(&mut rows, &mut out);
    out
}

pub fn markdown(gap: &Gap<'_>) -> String {
    let assessment = gap.assessment;
    let mut out = format!("# Gap report: {}\n\n", markdown::escape(&assessment.person));
    let sfia = |a: &crate::framework::Archetype| {
        a.sfia
            .as_ref()
            .map(|s| format!(" (SFIA {s})"))
            .unwrap_or_default()
    };
    let mut facts = vec![
        vec!["Person".to_string(), assessment.person.clone()],
        vec!["Assessor".to_string(), assessment.view().to_string()],
        vec![
            "Current role".to_string(),
            format!("{}{}", gap.role.label(), sfia(gap.role)),
        ],
    ];
    match gap.target {
        Some(target) => facts.push(vec![
            "Next role".to_string(),
            format!("{}{}", target.label(), sfia(target)),
        ]),
        None => facts.push(vec![
            "Next role".to_string(),
            "none: top of the ladder".to_string(),
        ]),
    }
    if let Some(step) = gap.sfia_step() {
        facts.push(vec!["SFIA step".to_string(), step]);
    }
    facts.push(vec![
        "Assessed".to_string(),
        assessed(gap).format("%Y-%m-%d").to_string(),
    ]);
    facts.push(vec!["Status".to_string(), gap.status.to_string()]);
    facts.push(vec![
        "Statements rated".to_string(),
        format!("{} of {}", gap.rated, gap.total),
    ]);
    if let Some(readiness) = gap.readiness {
        facts.push(vec![
            "Readiness".to_string(),
            format!(
                "{readiness}% ({} of {} statements met{})",
                gap.target_met,
                gap.target_total,
                gap.indicative()
                    .map(|i| format!("; {i}"))
                    .unwrap_or_default()
            ),
        ]);
    }
    out.push_str(&markdown::table(&["", ""], &facts));

    out.push_str("\n## By category\n\n");
    let current = format!("{} met", gap.role.code);
    let next = gap.target.map(|t| format!("{} met", t.code));
    let mut header = vec!["Category", current.as_str()];
    header.extend(next.as_deref());
    let rows: Vec<Vec<String>> = gap
        .rows
        .iter()
        .map(|row| category_cells(gap, row, fraction))
        .collect();
    out.push_str(&markdown::table(&header, &rows));

    if let Some(target) = gap.target {
        out.push_str(&format!(
            "\n## Not yet met for {} ({})\n",
            markdown::escape(&target.code),
            gap.unmet.len()
        ));
        if gap.unmet.is_empty() {
            out.push_str("\nEvery statement is met.\n");
        }
        out.push_str(&markdown_items(gap, &gap.unmet, true));
    }
    if !gap.no_opportunity.is_empty() {
        out.push_str(&format!(
            "\n## No opportunity yet ({})\n\nThe situation has not arisen yet; counted as not met.\n",
            gap.no_opportunity.len()
        ));
        out.push_str(&markdown_items(gap, &gap.no_opportunity, true));
    }
    if !gap.unevidenced.is_empty() {
        out.push_str(&format!(
            "\n## Met without evidence ({})\n\nA promotion panel will ask for evidence of these.\n",
            gap.unevidenced.len()
        ));
        out.push_str(&markdown_items(gap, &gap.unevidenced, false));
    }
    if !gap.focus_areas.is_empty() {
        out.push_str("\n## Focus areas\n\n");
        for (n, area) in gap.focus_areas.iter().enumerate() {
            out.push_str(&format!(
                "{}. {}\n",
                n + 1,
                markdown::escape(&area_line(gap, area))
            ));
        }
    }
    let agreed = agreed_focus(gap);
    if !agreed.is_empty() {
        out.push_str("\n## Agreed focus\n\n");
        for (n, line) in agreed.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", n + 1, markdown::escape(line)));
        }
    }
    out
}

/// The promotion packet as Markdown: the gap report, then every
/// expectation of the target with its rating and evidence, gaps flagged.
pub fn packet_markdown(gap: &Gap<'_>) -> String {
    let mut out = markdown(gap).replacen("# Gap report:", "# Promotion packet:", 1);
    let Some(target) = gap.target else {
        return out;
    };
    out.push_str(&format!(
        "\n## Every expectation of {} ({} of {} met)\n",
        markdown::escape(&target.label()),
        gap.target_met,
        gap.target_total
    ));
    let mut last_place = String::new();
    for item in &gap.next_items {
        let place = place(gap, item);
        if place != last_place {
            out.push_str(&format!("\n### {}\n\n", markdown::escape(&place)));
            last_place = place;
        }
        let flag = markdown_flag(gap, item);
        out.push_str(&format!(
            "- {flag}`{}` {} *({}; {})*\n",
            item.statement.id,
            markdown::escape(&item.statement.text),
            markdown::escape(&rating_label(gap, item)),
            markdown::escape(&evidence_markdown(item))
        ));
    }
    out
}

/// A category's name and its met counts, current role then target, each
/// shown by `count` (`fraction` in documents, `count_with_bar` on a
/// terminal): how every category table starts.
pub(crate) fn category_cells(
    gap: &Gap<'_>,
    row: &Row,
    count: fn(usize, usize) -> String,
) -> Vec<String> {
    let mut cells = vec![row.name.clone(), count(row.current_met, row.current_total)];
    if gap.target.is_some() {
        cells.push(count(row.next_met, row.next_total));
    }
    cells
}

/// The flag in front of a statement in the Markdown documents.
pub(crate) fn markdown_flag(gap: &Gap<'_>, item: &Item<'_>) -> &'static str {
    match (gap.is_met(item), item.evidence()) {
        (false, _) if item.is_no_opportunity() => "**no opportunity yet** ",
        (false, _) => "**gap** ",
        (true, None) => "**evidence needed** ",
        (true, Some(_)) => "",
    }
}

/// "3/6", or "-" when the role has no statements there.
pub(crate) fn fraction(met: usize, total: usize) -> String {
    if total == 0 {
        "-".to_string()
    } else {
        format!("{met}/{total}")
    }
}

fn markdown_items(gap: &Gap<'_>, items: &[Item<'_>], with_evidence: bool) -> String {
    let suggested = if with_evidence {
        BTreeMap::new()
    } else {
        suggested(gap)
    };
    let mut out = String::new();
    let mut last_place = String::new();
    for (index, item) in items.iter().enumerate() {
        let place = format!("{} › {}", item.archetype.code, place(gap, item));
        if place != last_place {
            out.push_str(&format!("\n### {}\n\n", markdown::escape(&place)));
            for line in journal_lines(&wider_entries(gap, items, index), "Journal, whole category")
            {
                out.push_str(&format!("- {}\n", markdown::escape(&line)));
            }
            last_place = place;
        }
        let mut detail = rating_label(gap, item);
        if with_evidence {
            detail = format!("{detail}; {}", evidence_markdown(item));
        }
        out.push_str(&format!(
            "- `{}` {} *({})*\n",
            item.statement.id,
            markdown::escape(&item.statement.text),
            markdown::escape(&detail)
        ));
        let mut extra = journal_lines(&direct_entries(gap, item), "Journal");
        if let Some(entries) = suggested.get(&item.statement.id) {
            extra.extend(journal_lines(entries, "Untagged journal entry"));
        }
        for line in extra {
            out.push_str(&format!("  - {}\n", markdown::escape(&line)));
        }
    }
    out
}

fn item_json<'a>(gap: &'a Gap<'a>, item: &Item<'a>) -> ItemJson<'a> {
    ItemJson {
        id: &item.statement.id,
        text: &item.statement.text,
        archetype: &item.archetype.code,
        section: &gap.framework.sections[item.group.section].id,
        group: gap.framework.group_title(item.group),
        answer: answer_kind(item),
        rating: item.rating(),
        rating_label: item
            .rating()
            .and_then(|r| gap.framework.scale.level(r))
            .map(|l| l.label.as_str()),
        evidence: item.evidence(),
        journal: gap.journal.of(&item.statement.id),
        journal_suggested: Vec::new(),
    }
}

/// Untagged journal entries that look like evidence, by statement id, for
/// the statements of either role.
fn suggested<'g>(gap: &'g Gap<'_>) -> BTreeMap<String, Vec<&'g Entry>> {
    if gap.unevidenced.is_empty() || gap.journal.untagged().next().is_none() {
        return BTreeMap::new();
    }
    let scope: Vec<&Statement> = gap
        .current_items
        .iter()
        .chain(&gap.next_items)
        .map(|i| i.statement)
        .collect();
    evidence::untagged_matches(gap.journal.untagged(), &scope)
}

/// Entries shown under a statement before "and N more".
pub(crate) const JOURNAL_SHOWN: usize = 3;

/// "journal 2026-11-03: text (link)" lines for the entries of a statement,
/// newest first, at most [`JOURNAL_SHOWN`].
pub(crate) fn journal_lines(entries: &[&Entry], label: &str) -> Vec<String> {
    let mut lines: Vec<String> = entries
        .iter()
        .take(JOURNAL_SHOWN)
        .map(|entry| {
            let mut line = format!(
                "{label} {}{}: {}",
                entry.date,
                imported_mark(entry),
                entry_text(entry)
            );
            for link in &entry.links {
                line.push_str(&format!(" ({})", super::text::visible_line(link)));
            }
            line
        })
        .collect();
    if entries.len() > JOURNAL_SHOWN {
        lines.push(format!(
            "and {} more in the journal",
            entries.len() - JOURNAL_SHOWN
        ));
    }
    lines
}

/// True when an entry names the statement itself among its tags.
fn tagged_directly(entry: &Entry, statement_id: &str) -> bool {
    entry
        .tags
        .iter()
        .any(|tag| tag.trim().eq_ignore_ascii_case(statement_id))
}

/// The entries tagged to a statement by its own id.
pub(crate) fn direct_entries<'g>(gap: &'g Gap<'_>, item: &Item<'_>) -> Vec<&'g Entry> {
    let id = &item.statement.id;
    gap.journal
        .of(id)
        .into_iter()
        .filter(|entry| tagged_directly(entry, id))
        .collect()
}

/// The entries tagged to the category or section of the statements that
/// share a heading with `items[first]` (the items from `first` on with
/// the same place), newest first, each once: an entry tagged
/// `collaboration` was printed under every unmet collaboration statement,
/// five times in one report (issue 28).
pub(crate) fn wider_entries<'g>(
    gap: &'g Gap<'_>,
    items: &[Item<'_>],
    first: usize,
) -> Vec<&'g Entry> {
    let Some(head) = items.get(first) else {
        return Vec::new();
    };
    let here = place(gap, head);
    let mut entries: Vec<&Entry> = Vec::new();
    for item in items[first..]
        .iter()
        .take_while(|i| i.archetype.code == head.archetype.code && place(gap, i) == here)
    {
        for entry in gap.journal.of(&item.statement.id) {
            if !tagged_directly(entry, &item.statement.id)
                && !entries.iter().any(|e| std::ptr::eq(*e, entry))
            {
                entries.push(entry);
            }
        }
    }
    entries.sort_by_cached_key(|e| std::cmp::Reverse((e.date, e.recorded, e.id.clone())));
    entries
}

/// An entry's text on one line: its lines joined with ` / `, every one
/// kept (as evidence is in Markdown).
pub(crate) fn entry_text(entry: &Entry) -> String {
    entry
        .text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// " (imported)" for an entry sent with an imported assessment.
pub(crate) fn imported_mark(entry: &Entry) -> &'static str {
    if entry.imported { " (imported)" } else { "" }
}

pub fn json_object(gap: &Gap<'_>) -> String {
    let assessment = gap.assessment;
    json(&GapJson {
        assessment: &assessment.id,
        person: &assessment.person,
        assessor: assessment.view(),
        framework: &assessment.framework,
        framework_version: &assessment.framework_version,
        role: &gap.role.code,
        role_title: &gap.role.title,
        to: gap.target.map(|t| t.code.as_str()),
        to_title: gap.target.map(|t| t.title.as_str()),
        sfia_step: gap.sfia_step(),
        assessed: assessed(gap),
        status: gap.status,
        kind: gap.assessment.kind,
        imported: gap.assessment.imported,
        rated: gap.rated,
        total: gap.total,
        readiness: gap.readiness,
        target_met: gap.target_met,
        target_total: gap.target_total,
        categories: &gap.rows,
        unmet: gap.unmet.iter().map(|i| item_json(gap, i)).collect(),
        no_opportunity: gap
            .no_opportunity
            .iter()
            .map(|i| item_json(gap, i))
            .collect(),
        unevidenced: {
            let suggested = suggested(gap);
            gap.unevidenced
                .iter()
                .map(|i| ItemJson {
                    journal_suggested: suggested.get(&i.statement.id).cloned().unwrap_or_default(),
                    ..item_json(gap, i)
                })
                .collect()
        },
        focus: gap.focus_areas.iter().map(|a| a.name.as_str()).collect(),
        focus_areas: &gap.focus_areas,
        expectations: gap
            .next_items
            .iter()
            .map(|i| ExpectationJson {
                item: item_json(gap, i),
                met: gap.is_met(i),
            })
            .collect(),
        agreed_focus: &gap.assessment.focus,
    })
}

//! `rungs team`: the roster, the heatmap, the team's gaps and the
//! calibration, as a table for the terminal, Markdown, JSON, CSV for
//! spreadsheets and one self-contained HTML page; and the aggregate,
//! with no names and no evidence.
//!
//! Every name, id and piece of evidence is file text: made visible and
//! cut to one line in tables, escaped in Markdown, CSV and HTML (maud's
//! `html!` escapes every `(expr)`), exact in JSON.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::Serialize;

use super::{Cells, Render, Style, aligned_width, json, markdown, push_stacked};
use crate::report::team::{Aggregate, Apart, Cell, Due, Heatmap, Member, Team, View};
use crate::text;

/// What `rungs team` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TeamFormat {
    /// Tables for the terminal.
    Table,
    /// A Markdown document.
    Md,
    /// Stable JSON for scripts.
    Json,
    /// The roster with the heatmap's shares, one row per person, for spreadsheets.
    Csv,
    /// One self-contained, printable HTML page.
    Html,
}

/// The parts of the team view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Part {
    /// One row per person: roles, both views' readiness, due, drafts, focus, disconnects.
    Roster,
    /// Category × person: the share of the target role's statements met.
    Heatmap,
    /// The weakest categories, statements met by one person or by nobody, what the focus covers.
    Gaps,
    /// Each assessor's ratings beside the people's own views; the largest gaps.
    Calibration,
}

/// The team view as asked: every part, or one.
#[derive(Debug)]
pub struct TeamView<'a> {
    pub team: &'a Team,
    pub part: Option<Part>,
    /// The folders read, when given with `--from`.
    pub sources: &'a [String],
    /// Whether `--person` or `--role` narrowed the team.
    pub filtered: bool,
}

impl TeamView<'_> {
    fn shows(&self, part: Part) -> bool {
        self.part.is_none_or(|p| p == part)
    }

    fn title(&self) -> String {
        let team = self.team;
        format!(
            "Team of {}, as of {}, cycle {} days",
            plural(team.people.len(), "person", "people"),
            team.as_of,
            team.cycle_days
        )
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A piece of file text on one line of a terminal, at most `width`
/// columns.
fn line(text: &str, width: usize) -> String {
    let mut out = String::new();
    push_line(&mut out, text, width);
    out
}

/// [`line`], written at the end of `out`; returns its display width.
fn push_line(out: &mut String, text: &str, width: usize) -> usize {
    text::push_shortened(out, &text::visible_line(text), width)
}

fn percent(value: Option<u8>) -> String {
    value.map_or("–".to_string(), |v| format!("{v}%"))
}

fn roles(member: &Member) -> String {
    match &member.target {
        Some(target) => format!("{} → {target}", member.role),
        None => member.role.to_string(),
    }
}

/// The roster's cells, a row a person: see [`ROSTER`].
fn roster_cells(people: &[Member]) -> Cells {
    let mut cells = Cells::new(ROSTER.len(), people.len(), 8);
    for member in people {
        cells.push(|out| push_line(out, &member.person, 16));
        cells.push(|out| {
            let start = out.len();
            push_line(out, &roles(member), 24);
            if out[start..].contains(" → ") {
                let tight = out[start..].replace(" → ", "→");
                out.truncate(start);
                out.push_str(&tight);
            }
            text::width(&out[start..])
        });
        // "58/44": the own view's readiness and the other view's.
        let readiness = |view: &Option<View>| OrDash(view.as_ref().and_then(|v| v.readiness));
        cells.push_fmt(format_args!(
            "{}/{}",
            readiness(&member.own),
            readiness(&member.other)
        ));
        cells.push_fmt(format_args!("{}", OrDash(member.latest)));
        cells.push_fmt(format_args!("{}", OrDash(member.days_since)));
        cells.push_str(member.due.as_str());
        cells.push_fmt(format_args!("{}", member.drafts));
        match (member.focus.len(), member.overdue_focus()) {
            (0, _) => cells.push_str("–"),
            (n, 0) => cells.push_fmt(format_args!("{n}")),
            (n, late) => cells.push_fmt(format_args!("{n}, {late} late")),
        }
        cells.push_fmt(format_args!("{}", OrDash(member.disconnects)));
    }
    cells
}

/// A value, or `–` for none.
struct OrDash<T>(Option<T>);

impl<T: std::fmt::Display> std::fmt::Display for OrDash<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Some(value) => value.fmt(f),
            None => f.write_str("–"),
        }
    }
}

fn latest(member: &Member) -> String {
    match (member.latest, member.days_since) {
        (Some(day), Some(days)) => format!("{day} ({days} d)"),
        _ => "–".to_string(),
    }
}

fn disconnects(member: &Member) -> String {
    OrDash(member.disconnects).to_string()
}

/// The other views' assessors, with how many people each.
fn assessors(team: &Team) -> Vec<(String, usize)> {
    let mut found: Vec<(String, usize)> = Vec::new();
    for view in team.people.iter().filter_map(|m| m.other.as_ref()) {
        match found
            .iter_mut()
            .find(|(name, _)| name.eq_ignore_ascii_case(&view.assessor))
        {
            Some((_, n)) => *n += 1,
            None => found.push((view.assessor.to_string(), 1)),
        }
    }
    found
}

/// The glyph of a share: readable without colour.
fn glyph(share: Option<u8>) -> &'static str {
    match share {
        None => " ",
        Some(100) => "█",
        Some(s) if s >= 75 => "▓",
        Some(s) if s >= 50 => "▒",
        Some(s) if s >= 25 => "░",
        Some(_) => "·",
    }
}

/// The colour of a share on a terminal: red under a quarter, yellow under
/// half, green from three quarters.
fn colour_of(share: Option<u8>) -> Option<&'static str> {
    match share? {
        s if s < 25 => Some("31"),
        s if s < 50 => Some("33"),
        s if s >= 75 => Some("32"),
        _ => None,
    }
}

const LEGEND: &str = "█ all met  ▓ 75%+  ▒ 50%+  ░ 25%+  · under 25%";

const CELL: usize = 5;

/// The roster's columns, and which is the due one (coloured).
const ROSTER: [&str; 9] = [
    "Person", "Roles", "Ready", "Latest", "Days", "Due", "Drafts", "Focus", "Apart",
];
const DUE: usize = 5;

impl TeamView<'_> {
    fn roster_table(&self, style: &Style) -> String {
        let team = self.team;
        let cells = roster_cells(&team.people);
        let widths = cells.widths(&ROSTER);
        let mut out = style.heading("Roster");
        out.push('\n');
        if aligned_width(&widths) <= usize::from(style.width) {
            // Every row on one line, as the borderless table below would
            // lay it out, without a cell held on its own.
            let due: Vec<Option<String>> = team
                .people
                .iter()
                .enumerate()
                .map(|(n, member)| {
                    let (code, text) = (due_colour(member.due, style)?.1, cells.get(n, DUE).0);
                    Some(format!("\u{1b}[{code}m{text}\u{1b}[0m"))
                })
                .collect();
            out.push_str(&style.aligned(&ROSTER, &widths, cells.rows(), |n, c| {
                match (c, &due[n]) {
                    (DUE, Some(coloured)) => (coloured.as_str(), cells.get(n, c).1),
                    _ => cells.get(n, c),
                }
            }));
        } else {
            let rows = cells.owned_rows();
            // Borderless, so nine columns fit 80, wrapping where they must.
            let mut table = style.table(&ROSTER);
            table.load_style(comfy_table::presets::NOTHING);
            if style.colour {
                table.enforce_styling();
            }
            for (row, member) in rows.iter().zip(&team.people) {
                // comfy-table colours a cell itself, so wrapping never
                // splits a colour sequence.
                let cells = row.iter().enumerate().map(|(c, text)| {
                    let cell = comfy_table::Cell::new(text);
                    match due_colour(member.due, style).filter(|_| c == DUE) {
                        Some((colour, _)) => cell.fg(colour),
                        None => cell,
                    }
                });
                table.add_row(cells.collect::<Vec<_>>());
            }
            // Two spaces between columns and none before the first.
            for column in table.column_iter_mut() {
                column.set_padding((0, 2));
            }
            let table = style.render_table(table);
            let width = usize::from(style.width);
            if table
                .lines()
                .all(|row| text::width(row.trim_end()) <= width)
            {
                for row in table.lines() {
                    out.push_str(row.trim_end());
                    out.push('\n');
                }
            } else {
                out.push_str(&self.roster_stacked(&rows, style));
            }
        }
        let others = assessors(team);
        let others = match others.as_slice() {
            [] => "no other views".to_string(),
            list => list
                .iter()
                .map(|(name, n)| format!("{} ({n})", line(name, 40)))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let note = format!(
            "Ready: readiness for the target, in % of its statements met, in the latest complete own view / in the latest complete view by someone else ({others}), never averaged. Days since the latest. Due: against a cycle of {} days, due in its last {} days. Apart: statements the two views rate 2 or more apart.",
            team.cycle_days,
            crate::report::team::DUE_WITHIN
        );
        out.push_str(&style.dim(&text::wrap_joined(&note, usize::from(style.width))));
        out.push('\n');
        out
    }

    /// The roster narrower than the widest words of its nine columns: a
    /// person a heading, their facts packed below it. `rows` are the
    /// roster's cells, a row a person.
    fn roster_stacked(&self, rows: &[Vec<String>], style: &Style) -> String {
        let width = usize::from(style.width);
        let mut out = String::new();
        for (row, member) in rows.iter().zip(&self.team.people) {
            let due = match due_colour(member.due, style) {
                Some((_, code)) => format!("\u{1b}[{code}m{}\u{1b}[0m", row[DUE]),
                None => row[DUE].clone(),
            };
            let facts = [
                row[1].clone(),
                format!("ready {}", row[2]),
                match member.latest {
                    Some(_) => format!("latest {}, {} days", row[3], row[4]),
                    None => "no complete view".to_string(),
                },
                due,
                format!("drafts {}", row[6]),
                format!("focus {}", row[7]),
                format!("apart {}", row[8]),
            ];
            push_stacked(&mut out, style, &row[0], &facts, width);
        }
        out
    }

    fn heatmap_table(&self, style: &Style) -> String {
        let map = &self.team.heatmap;
        let mut out = style.heading("Heatmap");
        out.push('\n');
        let width = usize::from(style.width);
        if map.rows.is_empty() {
            out.push_str("No one has a complete own view yet.\n");
            return out;
        }
        out.push_str(&text::wrap_joined(&compared(map), width));
        out.push('\n');
        let names: Vec<String> = map
            .rows
            .iter()
            .map(|r| row_name(&r.person, r.target.as_deref(), 20))
            .collect();
        let name_widths: Vec<usize> = names.iter().map(|n| text::width(n)).collect();
        let name_width = name_widths.iter().copied().max().unwrap_or(0).max(6);
        let per_block = (width.saturating_sub(name_width + 1) / (CELL + 1)).max(1);
        let columns: Vec<usize> = (0..map.categories.len()).collect();
        for block in columns.chunks(per_block) {
            out.push('\n');
            let mut header = " ".repeat(name_width);
            for &n in block {
                let key = text::shorten(&text::visible_line(&map.categories[n].key), CELL);
                header.push(' ');
                header.push_str(&pad(&key, CELL));
            }
            out.push_str(&style.dim(header.trim_end()));
            out.push('\n');
            for ((row, name), used) in map.rows.iter().zip(&names).zip(&name_widths) {
                let start = out.len();
                out.push_str(name);
                super::pad(&mut out, name_width - used);
                for &n in block {
                    out.push(' ');
                    push_cell(&mut out, row.cells.get(n).copied(), style.colour);
                }
                out.truncate(start + out[start..].trim_end().len());
                out.push('\n');
            }
        }
        out.push('\n');
        out.push_str(&style.dim(LEGEND));
        out.push('\n');
        let keys: Vec<[String; 2]> = map
            .categories
            .iter()
            .map(|c| [text::visible_line(&c.key).into_owned(), line(&c.name, 60)])
            .collect();
        out.push_str(&style.list(keys.iter().map(|[k, v]| [k.as_str(), v.as_str()]), ""));
        if !map.missing.is_empty() {
            let names: Vec<String> = map.missing.iter().map(|n| line(n, 40)).collect();
            out.push_str(&text::wrap_joined(
                &format!(
                    "Not on the map (no complete own view): {}",
                    names.join(", ")
                ),
                width,
            ));
            out.push('\n');
        }
        out
    }

    fn gaps_table(&self, style: &Style) -> String {
        let gaps = &self.team.gaps;
        let width = usize::from(style.width);
        let mut out = style.heading("Where the team is thin");
        out.push('\n');
        if gaps.weakest.is_empty() {
            out.push_str("No categories to compare yet.\n");
        }
        for weak in gaps.weakest.iter().take(3) {
            out.push_str(&format!(
                "  {:<28} {:>4} met across the team, {} below half\n",
                line(&weak.name, 28),
                percent(weak.share),
                plural(weak.below_half, "person", "people")
            ));
        }
        let statements = |title: &str, list: &[crate::report::team::Holders]| {
            let mut out = format!("\n{title} ({}):\n", list.len());
            for holder in list.iter().take(SHOWN) {
                let who = match holder.met_by.as_slice() {
                    [] => format!("0 of {}", holder.of),
                    names => format!("{} of {}", line(&names.join(", "), 20), holder.of),
                };
                let id = line(&holder.id, 40);
                let room = width.saturating_sub(text::width(&id) + text::width(&who) + 5);
                out.push_str(&format!(
                    "  {id} {}  {who}\n",
                    line(&holder.text, room.max(20)),
                ));
            }
            if list.len() > SHOWN {
                out.push_str(&format!(
                    "  and {} more (--format md or json lists them all)\n",
                    list.len() - SHOWN
                ));
            }
            out
        };
        out.push_str(&statements(
            "Met by one person only: a single point of failure",
            &gaps.single,
        ));
        out.push_str(&statements("Met by nobody", &gaps.nobody));
        out.push_str(&format!(
            "\nOpen focus areas ({}):\n",
            gaps.focus.iter().map(|f| f.people.len()).sum::<usize>()
        ));
        for covered in &gaps.focus {
            let name = covered
                .name
                .as_deref()
                .map(|n| format!(" {}", line(n, 40)))
                .unwrap_or_default();
            let people: Vec<String> = covered.people.iter().map(|p| line(p, 24)).collect();
            out.push_str(&text::wrap_joined(
                &format!(
                    "  {}{name}: {}",
                    text::visible_line(&covered.target),
                    people.join(", ")
                ),
                width,
            ));
            out.push('\n');
        }
        if !gaps.uncovered.is_empty() {
            out.push_str(&text::wrap_joined(
                &format!(
                    "Weak categories no focus area names: {}",
                    gaps.uncovered
                        .iter()
                        .map(|n| line(n, 40))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                width,
            ));
            out.push('\n');
        }
        out
    }

    fn calibration_table(&self, style: &Style) -> String {
        let calibration = &self.team.calibration;
        let width = usize::from(style.width);
        let mut out = style.heading("Calibration");
        out.push('\n');
        let scale: Vec<u8> = calibration
            .assessors
            .iter()
            .flat_map(|a| a.ratings.keys().copied())
            .collect::<std::collections::BTreeSet<u8>>()
            .into_iter()
            .collect();
        let mut header: Vec<String> = vec!["Assessor".into(), "People".into()];
        header.extend(scale.iter().map(|v| format!("{v}s")));
        header.extend(["Ready".into(), "Own".into(), "vs self".into()]);
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut table = style.table(&header);
        let mut rows: Vec<Vec<String>> = Vec::new();
        for assessor in &calibration.assessors {
            let mut row = vec![line(&assessor.name, 24), assessor.people.to_string()];
            row.extend(
                scale
                    .iter()
                    .map(|v| assessor.ratings.get(v).copied().unwrap_or(0).to_string()),
            );
            row.push(percent(assessor.readiness));
            row.push(percent(assessor.own_readiness));
            row.push(match (assessor.against_self, assessor.leaning) {
                (Some(d), Some(leaning)) => format!("{d:+.2} {leaning}"),
                _ => "–".into(),
            });
            table.add_row(row.clone());
            rows.push(row);
        }
        let drawn = style.render_table(table);
        if drawn.lines().all(|l| text::width(l) <= width) {
            out.push_str(&drawn);
            out.push('\n');
        } else {
            // Narrower than the table's widest words: an assessor a
            // heading, their figures packed below it, as the roster does.
            for row in &rows {
                let facts: Vec<String> = header
                    .iter()
                    .zip(row)
                    .skip(1)
                    .map(|(title, cell)| format!("{} {cell}", title.to_lowercase()))
                    .collect();
                push_stacked(&mut out, style, &row[0], &facts, width);
            }
        }
        out.push_str(&style.dim(&text::wrap_joined(
            "Ratings given of each value; Ready: mean readiness of the people rated, in the assessor's view; Own: the same people's own views; vs self: the assessor's rating minus the own view's, on average.",
            width,
        )));
        out.push('\n');
        out.push_str(&format!(
            "\nLargest self/other gaps ({}):\n",
            calibration.largest.len()
        ));
        for apart in &calibration.largest {
            out.push_str(&apart_lines(apart, width));
        }
        out
    }
}

/// Statements listed in a table before "and N more".
const SHOWN: usize = 10;

fn apart_lines(apart: &Apart, width: usize) -> String {
    let head = format!(
        "{} · {}: {} by self, {} by {}",
        line(&apart.person, 24),
        text::visible_line(&apart.id),
        apart.own,
        apart.other,
        line(&apart.assessor, 24)
    );
    let mut out = format!("  {}\n", line(&head, width.saturating_sub(2)));
    out.push_str(&format!(
        "    {}\n",
        line(&apart.text, width.saturating_sub(4))
    ));
    let evidence = |who: &str, text: &Option<String>| {
        format!(
            "    {who}: {}\n",
            line(
                text.as_deref().unwrap_or("(no evidence)"),
                width.saturating_sub(6 + who.len())
            )
        )
    };
    out.push_str(&evidence("self", &apart.own_evidence));
    out.push_str(&evidence("other", &apart.other_evidence));
    out
}

fn row_name(person: &str, target: Option<&str>, width: usize) -> String {
    let name = line(person, width);
    match target {
        Some(t) => format!("{name} ({})", line(t, 8)),
        None => name,
    }
}

/// `text` padded with spaces to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    out.push_str(&" ".repeat(width.saturating_sub(text::width(text))));
    out
}

/// The colour of a roster's due cell: red for overdue or never, yellow
/// for due; comfy-table's colour and its ANSI code. None without colour.
fn due_colour(due: Due, style: &Style) -> Option<(comfy_table::Color, &'static str)> {
    match due {
        _ if !style.colour => None,
        Due::Overdue | Due::Never => Some((comfy_table::Color::Red, "31")),
        Due::Due => Some((comfy_table::Color::Yellow, "33")),
        Due::Ok => None,
    }
}

/// A heatmap cell, [`CELL`] columns wide: a glyph and the share, right
/// aligned. Written out a character at a time: a team of 300 has 3,300
/// of them, where formatting each cost more than the rest of its row.
fn push_cell(out: &mut String, cell: Option<Cell>, colour: bool) {
    let share = cell.and_then(|c| c.share);
    let code = colour_of(share).filter(|_| colour);
    if let Some(code) = code {
        out.push_str("\u{1b}[");
        out.push_str(code);
        out.push('m');
    }
    match share {
        Some(s) => {
            out.push_str(glyph(share));
            out.push(' ');
            let digit = |d: u8| char::from(b'0' + d);
            out.push(if s >= 100 { digit(s / 100) } else { ' ' });
            out.push(if s >= 10 { digit(s / 10 % 10) } else { ' ' });
            out.push(digit(s % 10));
        }
        None => {
            super::pad(out, CELL - 1);
            out.push('–');
        }
    }
    if code.is_some() {
        out.push_str("\u{1b}[0m");
    }
}

/// Which targets are compared, and on what.
fn compared(map: &Heatmap) -> String {
    let targets: Vec<String> = map
        .targets
        .iter()
        .map(|(t, n)| format!("{} ({n})", text::visible_line(t)))
        .collect();
    let mut out = format!(
        "Share of the target role's statements met, in each person's latest complete own view. Targets: {}.",
        targets.join(", ")
    );
    if map.targets.len() > 1 || !map.not_shared.is_empty() {
        out.push_str(&format!(
            " Compared on the {} categories every target shares",
            map.categories.len()
        ));
        if map.not_shared.is_empty() {
            out.push('.');
        } else {
            let names: Vec<String> = map.not_shared.iter().map(|n| line(n, 40)).collect();
            out.push_str(&format!("; left out: {}.", names.join(", ")));
        }
    }
    out
}

impl Render for TeamView<'_> {
    fn table(&self, style: &Style) -> String {
        let mut parts = Vec::new();
        if self.part.is_none() {
            let mut head = style.heading(&self.title());
            head.push('\n');
            if !self.sources.is_empty() {
                let sources: Vec<String> = self.sources.iter().map(|s| line(s, 60)).collect();
                head.push_str(&style.dim(&format!("From {}", sources.join(", "))));
                head.push('\n');
            }
            parts.push(head);
        }
        if self.team.people.is_empty() {
            parts.push(match self.sources {
                _ if self.filtered => "No one matches: no person with that name or current role here. `rungs team` without --person and --role lists everyone.\n".to_string(),
                [] => "No one here yet: no assessments in the data directory. Import the views your reports send with `rungs import FILE`, or read their folders with `--from DIR`.\n".to_string(),
                _ => "No one here yet: no assessments in these folders.\n".to_string(),
            });
            return parts.join("\n");
        }
        if self.shows(Part::Roster) {
            parts.push(self.roster_table(style));
        }
        if self.shows(Part::Heatmap) {
            parts.push(self.heatmap_table(style));
        }
        if self.shows(Part::Gaps) {
            parts.push(self.gaps_table(style));
        }
        if self.shows(Part::Calibration) {
            parts.push(self.calibration_table(style));
        }
        parts.join("\n")
    }

    fn markdown(&self) -> String {
        let team = self.team;
        let mut out = format!("# {}\n\n", markdown::escape(&self.title()));
        if !self.sources.is_empty() {
            let sources: Vec<String> = self.sources.iter().map(|s| markdown::escape(s)).collect();
            out.push_str(&format!("From {}.\n\n", sources.join(", ")));
        }
        if self.shows(Part::Roster) {
            out.push_str("## Roster\n\n");
            let rows: Vec<Vec<String>> = team
                .people
                .iter()
                .map(|m| {
                    let view = |v: &Option<View>| match v {
                        Some(v) => {
                            format!("{} ({}, {})", percent(v.readiness), v.assessor, v.completed)
                        }
                        None => "–".into(),
                    };
                    let focus: Vec<String> = m
                        .focus
                        .iter()
                        .map(|f| {
                            let due = match (f.due, f.overdue) {
                                (Some(d), true) => format!(" (due {d}, overdue)"),
                                (Some(d), false) => format!(" (due {d})"),
                                _ => String::new(),
                            };
                            format!("{}{due}", f.target)
                        })
                        .collect();
                    vec![
                        text::collapse(&m.person),
                        roles(m),
                        view(&m.own),
                        view(&m.other),
                        latest(m),
                        m.due.as_str().to_string(),
                        m.drafts.to_string(),
                        if focus.is_empty() {
                            "–".into()
                        } else {
                            focus.join("; ")
                        },
                        disconnects(m),
                    ]
                })
                .collect();
            out.push_str(&markdown::table(
                &[
                    "Person", "Roles", "Self", "Other", "Latest", "Due", "Drafts", "Focus", "Apart",
                ],
                &rows,
            ));
            out.push_str(&format!(
                "\nDue against a cycle of {} days. Apart: statements the two views rate 2 or more apart.\n\n",
                team.cycle_days
            ));
        }
        if self.shows(Part::Heatmap) {
            let map = &team.heatmap;
            out.push_str("## Heatmap\n\n");
            out.push_str(&markdown::escape(&compared(map)));
            out.push_str("\n\n");
            let mut header = vec!["Person".to_string()];
            header.extend(map.categories.iter().map(|c| c.name.clone()));
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let rows: Vec<Vec<String>> = map
                .rows
                .iter()
                .map(|r| {
                    // Escaped by the table, made visible on the way out.
                    let name = match &r.target {
                        Some(t) => format!("{} ({t})", text::collapse(&r.person)),
                        None => text::collapse(&r.person),
                    };
                    let mut row = vec![name];
                    row.extend(r.cells.iter().map(|c| percent(c.share)));
                    row
                })
                .collect();
            out.push_str(&markdown::table(&header, &rows));
            if !map.missing.is_empty() {
                out.push_str(&format!(
                    "\nNot on the map (no complete own view): {}.\n",
                    markdown::escape(&map.missing.join(", "))
                ));
            }
            out.push('\n');
        }
        if self.shows(Part::Gaps) {
            let gaps = &team.gaps;
            out.push_str("## Where the team is thin\n\n");
            let rows: Vec<Vec<String>> = gaps
                .weakest
                .iter()
                .map(|w| {
                    vec![
                        w.name.clone(),
                        percent(w.share),
                        format!("{} of {}", w.met, w.total),
                        w.below_half.to_string(),
                    ]
                })
                .collect();
            out.push_str(&markdown::table(
                &["Category", "Met", "Statements", "People below half"],
                &rows,
            ));
            for (title, list) in [
                ("Met by one person only", &gaps.single),
                ("Met by nobody", &gaps.nobody),
            ] {
                out.push_str(&format!("\n### {title} ({})\n\n", list.len()));
                for holder in list.iter() {
                    let who = if holder.met_by.is_empty() {
                        format!("0 of {}", holder.of)
                    } else {
                        format!("{} of {}", holder.met_by.join(", "), holder.of)
                    };
                    out.push_str(&format!(
                        "- `{}` {} ({})\n",
                        holder.id.replace('`', "'"),
                        markdown::escape(&holder.text),
                        markdown::escape(&who)
                    ));
                }
            }
            out.push_str("\n### Open focus areas\n\n");
            for covered in &gaps.focus {
                out.push_str(&format!(
                    "- {}{}: {}\n",
                    markdown::escape(&covered.target),
                    covered
                        .name
                        .as_deref()
                        .map(|n| format!(" ({})", markdown::escape(n)))
                        .unwrap_or_default(),
                    markdown::escape(&covered.people.join(", "))
                ));
            }
            if !gaps.uncovered.is_empty() {
                out.push_str(&format!(
                    "\nWeak categories no focus area names: {}.\n",
                    markdown::escape(&gaps.uncovered.join(", "))
                ));
            }
            out.push('\n');
        }
        if self.shows(Part::Calibration) {
            let calibration = &team.calibration;
            out.push_str("## Calibration\n\n");
            let rows: Vec<Vec<String>> = calibration
                .assessors
                .iter()
                .map(|a| {
                    let ratings: Vec<String> =
                        a.ratings.iter().map(|(v, n)| format!("{v}: {n}")).collect();
                    vec![
                        a.name.clone(),
                        a.people.to_string(),
                        ratings.join(", "),
                        percent(a.readiness),
                        percent(a.own_readiness),
                        match (a.against_self, a.leaning) {
                            (Some(d), Some(l)) => format!("{d:+.2} ({l})"),
                            _ => "–".into(),
                        },
                    ]
                })
                .collect();
            out.push_str(&markdown::table(
                &[
                    "Assessor",
                    "People",
                    "Ratings given",
                    "Readiness",
                    "Own views",
                    "Against self",
                ],
                &rows,
            ));
            out.push_str(&format!(
                "\n### Largest self/other gaps ({})\n\n",
                calibration.largest.len()
            ));
            for apart in &calibration.largest {
                out.push_str(&format!(
                    "- **{}**, `{}`: {} — self {}, {} {}\n  - self: {}\n  - {}: {}\n",
                    markdown::escape(&apart.person),
                    apart.id.replace('`', "'"),
                    markdown::escape(&apart.text),
                    apart.own,
                    markdown::escape(&apart.assessor),
                    apart.other,
                    markdown::escape(apart.own_evidence.as_deref().unwrap_or("(no evidence)")),
                    markdown::escape(&apart.assessor),
                    markdown::escape(apart.other_evidence.as_deref().unwrap_or("(no evidence)")),
                ));
            }
        }
        out.trim_end().to_string() + "\n"
    }

    fn json(&self) -> String {
        #[derive(Serialize)]
        struct Document<'a> {
            as_of: chrono::NaiveDate,
            cycle_days: u32,
            sources: &'a [String],
            #[serde(skip_serializing_if = "Option::is_none")]
            people: Option<&'a [Member]>,
            #[serde(skip_serializing_if = "Option::is_none")]
            heatmap: Option<&'a Heatmap>,
            #[serde(skip_serializing_if = "Option::is_none")]
            gaps: Option<&'a crate::report::team::Gaps>,
            #[serde(skip_serializing_if = "Option::is_none")]
            calibration: Option<&'a crate::report::team::Calibration>,
        }
        let team = self.team;
        json(&Document {
            as_of: team.as_of,
            cycle_days: team.cycle_days,
            sources: self.sources,
            people: self.shows(Part::Roster).then_some(team.people.as_slice()),
            heatmap: self.shows(Part::Heatmap).then_some(&team.heatmap),
            gaps: self.shows(Part::Gaps).then_some(&team.gaps),
            calibration: self.shows(Part::Calibration).then_some(&team.calibration),
        })
    }

    fn long(&self) -> bool {
        true
    }
}

/// A CSV field: quoted when it holds a comma, a quote or a line break; a
/// leading `=`, `+`, `-` or `@` is kept from a spreadsheet's formulas.
fn csv_field(text: &str) -> String {
    let text = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The roster, one row per person, with the heatmap's shares.
pub fn csv(team: &Team) -> String {
    let mut header: Vec<String> = [
        "person",
        "role",
        "target",
        "self_readiness",
        "self_assessment",
        "other_readiness",
        "other_assessor",
        "other_assessment",
        "latest",
        "days_since",
        "due",
        "drafts",
        "open_focus",
        "overdue_focus",
        "disconnects",
    ]
    .map(String::from)
    .to_vec();
    header.extend(team.heatmap.categories.iter().map(|c| c.name.clone()));
    let mut out = String::new();
    let write = |out: &mut String, cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    write(&mut out, header);
    let number = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
    for member in &team.people {
        let mut cells = vec![
            member.person.to_string(),
            member.role.to_string(),
            member.target.as_deref().unwrap_or_default().to_string(),
            number(member.own.as_ref().and_then(|v| v.readiness)),
            member
                .own
                .as_ref()
                .map(|v| v.assessment.clone())
                .unwrap_or_default(),
            number(member.other.as_ref().and_then(|v| v.readiness)),
            member
                .other
                .as_ref()
                .map(|v| v.assessor.to_string())
                .unwrap_or_default(),
            member
                .other
                .as_ref()
                .map(|v| v.assessment.clone())
                .unwrap_or_default(),
            member.latest.map(|d| d.to_string()).unwrap_or_default(),
            member.days_since.map(|d| d.to_string()).unwrap_or_default(),
            member.due.as_str().to_string(),
            member.drafts.to_string(),
            member.focus.len().to_string(),
            member.overdue_focus().to_string(),
            member
                .disconnects
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ];
        let row = team.heatmap.rows.iter().find(|r| r.person == member.person);
        cells.extend(team.heatmap.categories.iter().enumerate().map(|(n, _)| {
            row.and_then(|r| r.cells.get(n))
                .and_then(|c| c.share)
                .map(|s| s.to_string())
                .unwrap_or_default()
        }));
        write(&mut out, cells);
    }
    out
}

/// The background of a heatmap cell in HTML.
fn fill(share: Option<u8>) -> &'static str {
    match share {
        None => "#f4f5f7",
        Some(s) if s < 25 => "#f6d5d1",
        Some(s) if s < 50 => "#f9e7c4",
        Some(s) if s < 75 => "#e3ecd0",
        Some(s) if s < 100 => "#bfdcb4",
        Some(_) => "#8cc28a",
    }
}

/// The team view as one self-contained, printable page: no script,
/// nothing fetched.
pub fn html(view: &TeamView<'_>) -> String {
    let team = view.team;
    let markup = html! {
        (DOCTYPE) "\n"
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (view.title()) }
                style { (PreEscaped(CSS)) }
            }
            body {
                main.page {
                    h1 { (view.title()) }
                    @if !view.sources.is_empty() {
                        p.muted { "From " (view.sources.join(", ")) }
                    }
                    @if view.shows(Part::Roster) { (roster_html(team)) }
                    @if view.shows(Part::Heatmap) { (heatmap_html(&team.heatmap)) }
                    @if view.shows(Part::Gaps) { (gaps_html(team)) }
                    @if view.shows(Part::Calibration) { (calibration_html(team)) }
                }
            }
        }
    };
    let mut out = markup.into_string();
    out.push('\n');
    out
}

fn view_html(view: Option<&View>) -> Markup {
    html! {
        @match view {
            Some(v) => { (percent(v.readiness)) br; small.muted { (v.assessor) ", " (v.completed.to_string()) } }
            None => { "–" }
        }
    }
}

fn roster_html(team: &Team) -> Markup {
    html! {
        section {
            h2 { "Roster" }
            table.roster {
                thead { tr {
                    th { "Person" } th { "Roles" } th { "Self" } th { "Other" } th { "Latest" }
                    th { "Due" } th { "Drafts" } th { "Focus" } th { "Apart" }
                } }
                tbody {
                    @for m in &team.people {
                        tr {
                            td { (m.person) }
                            td { (roles(m)) }
                            td { (view_html(m.own.as_ref())) }
                            td { (view_html(m.other.as_ref())) }
                            td { (latest(m)) }
                            td class={ "due " (m.due.as_str()) } { (m.due.as_str()) }
                            td.num { (m.drafts) }
                            td {
                                @if m.focus.is_empty() { "–" }
                                @for f in &m.focus {
                                    div class=@if f.overdue { "overdue" } @else { "" } {
                                        (f.target)
                                        @if let Some(due) = f.due { " · due " (due.to_string()) }
                                        @if f.overdue { " · overdue" }
                                    }
                                }
                            }
                            td.num { (disconnects(m)) }
                        }
                    }
                }
            }
            p.muted { "Due against a cycle of " (team.cycle_days) " days. Apart: statements the two views rate 2 or more apart. Readiness is never averaged across views." }
        }
    }
}

fn heatmap_html(map: &Heatmap) -> Markup {
    html! {
        section {
            h2 { "Heatmap" }
            p { (compared(map)) }
            table.heatmap {
                thead { tr {
                    th { "Person" }
                    @for c in &map.categories { th.cat { (c.name) } }
                } }
                tbody {
                    @for r in &map.rows {
                        tr {
                            td { (row_name(&r.person, r.target.as_deref(), 60)) }
                            @for c in &r.cells {
                                td.cell style={ "background:" (fill(c.share)) } title={ (c.met) " of " (c.total) } {
                                    (percent(c.share))
                                }
                            }
                        }
                    }
                }
            }
            @if !map.missing.is_empty() {
                p.muted { "Not on the map (no complete own view): " (map.missing.join(", ")) }
            }
        }
    }
}

fn gaps_html(team: &Team) -> Markup {
    let gaps = &team.gaps;
    html! {
        section {
            h2 { "Where the team is thin" }
            table {
                thead { tr { th { "Category" } th { "Met" } th { "Statements" } th { "People below half" } } }
                tbody {
                    @for w in &gaps.weakest {
                        tr { td { (w.name) } td.num { (percent(w.share)) } td.num { (w.met) " of " (w.total) } td.num { (w.below_half) } }
                    }
                }
            }
            @for (title, list) in [("Met by one person only", &gaps.single), ("Met by nobody", &gaps.nobody)] {
                h3 { (title) " (" (list.len()) ")" }
                ul {
                    @for h in list.iter() {
                        li { code { (h.id) } " " (h.text) " "
                            span.muted { "(" @if h.met_by.is_empty() { "0" } @else { (h.met_by.join(", ")) } " of " (h.of) ")" } }
                    }
                }
            }
            h3 { "Open focus areas" }
            ul {
                @for c in &gaps.focus {
                    li { code { (c.target) } @if let Some(name) = &c.name { " " (name) } ": " (c.people.join(", ")) }
                }
            }
            @if !gaps.uncovered.is_empty() {
                p { "Weak categories no focus area names: " (gaps.uncovered.join(", ")) }
            }
        }
    }
}

fn calibration_html(team: &Team) -> Markup {
    let calibration = &team.calibration;
    html! {
        section {
            h2 { "Calibration" }
            table {
                thead { tr { th { "Assessor" } th { "People" } th { "Ratings given" } th { "Readiness" } th { "Own views" } th { "Against self" } } }
                tbody {
                    @for a in &calibration.assessors {
                        tr {
                            td { (a.name) }
                            td.num { (a.people) }
                            td { @for (v, n) in &a.ratings { span.rating { (v) ": " (n) } " " } }
                            td.num { (percent(a.readiness)) }
                            td.num { (percent(a.own_readiness)) }
                            td { @match (a.against_self, a.leaning) { (Some(d), Some(l)) => { (format!("{d:+.2}")) " " (l) } _ => { "–" } } }
                        }
                    }
                }
            }
            h3 { "Largest self/other gaps (" (calibration.largest.len()) ")" }
            @for a in &calibration.largest {
                div.apart {
                    p { strong { (a.person) } " · " code { (a.id) } " · self " (a.own) ", " (a.assessor) " " (a.other) }
                    p { (a.text) }
                    dl {
                        dt { "self" } dd.evidence { (a.own_evidence.as_deref().unwrap_or("(no evidence)")) }
                        dt { (a.assessor) } dd.evidence { (a.other_evidence.as_deref().unwrap_or("(no evidence)")) }
                    }
                }
            }
        }
    }
}

const CSS: &str = r#":root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #eceff3; color: #1f2933; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; overflow-wrap: anywhere; }
.page { max-width: 1100px; margin: 32px auto; padding: 40px 48px; background: #fff; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
h1 { font-size: 1.6em; margin: 0 0 .4em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .5em; border-bottom: 2px solid #243b63; padding-bottom: .2em; }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border: 1px solid #d9dee4; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f4f5f7; font-weight: 600; overflow-wrap: break-word; }
td.num, td.cell { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.heatmap th.cat { font-size: .8em; }
td.due.overdue, td.due.never, div.overdue { color: #a61b1b; font-weight: 600; }
td.due.due { color: #8a5a00; font-weight: 600; }
.muted { color: #616e7c; }
.evidence { white-space: pre-wrap; }
.apart { border-left: 3px solid #c4661f; padding: 2px 10px; margin: .6em 0; break-inside: avoid; }
.apart p { margin: .2em 0; }
dl { margin: .2em 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; }
dt { font-weight: 600; } dd { margin: 0; }
code { font-size: .9em; }
@page { size: A4 landscape; margin: 14mm 12mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #616e7c; } }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 9pt; }
  .page { margin: 0; padding: 0; box-shadow: none; max-width: none; }
  tr, .apart { break-inside: avoid; }
  h2, h3, h2 + p { break-after: avoid; }
  h2 + p { break-inside: avoid; }
  thead { display: table-header-group; }
}
"#;

/// The aggregate: no names, no evidence.
#[derive(Debug)]
pub struct AggregateView<'a> {
    pub aggregate: &'a Aggregate,
}

impl Render for AggregateView<'_> {
    fn table(&self, style: &Style) -> String {
        let a = self.aggregate;
        let mut out = style.heading(&format!(
            "Team of {} people, as of {}, cycle {} days: figures only",
            a.people, a.as_of, a.cycle_days
        ));
        out.push('\n');
        let rows = aggregate_rows(a);
        out.push_str(&style.list(rows.iter().map(|[k, v]| [k.as_str(), v.as_str()]), ""));
        out.push('\n');
        let mut table = style.table(&["Category", "Met", "Statements", "People below half"]);
        for w in &a.categories {
            table.add_row(vec![
                line(&w.name, 40),
                percent(w.share),
                format!("{} of {}", w.met, w.total),
                w.below_half.to_string(),
            ]);
        }
        out.push_str(&style.render_table(table));
        out.push('\n');
        out
    }

    fn markdown(&self) -> String {
        let a = self.aggregate;
        let mut out = format!(
            "# Team of {} people, as of {}, cycle {} days: figures only\n\n",
            a.people, a.as_of, a.cycle_days
        );
        for [k, v] in aggregate_rows(a) {
            out.push_str(&format!(
                "- {}: {}\n",
                markdown::escape(&k),
                markdown::escape(&v)
            ));
        }
        out.push('\n');
        let rows: Vec<Vec<String>> = a
            .categories
            .iter()
            .map(|w| {
                vec![
                    w.name.clone(),
                    percent(w.share),
                    format!("{} of {}", w.met, w.total),
                    w.below_half.to_string(),
                ]
            })
            .collect();
        out.push_str(&markdown::table(
            &["Category", "Met", "Statements", "People below half"],
            &rows,
        ));
        out
    }

    fn json(&self) -> String {
        json(self.aggregate)
    }
}

fn aggregate_rows(a: &Aggregate) -> Vec<[String; 2]> {
    let counts = |map: &std::collections::BTreeMap<&'static str, usize>, order: &[&str]| {
        order
            .iter()
            .map(|k| format!("{k} {}", map.get(k).copied().unwrap_or(0)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let targets: Vec<String> = a
        .targets
        .iter()
        .map(|(t, n)| format!("{} {n}", text::visible_line(t)))
        .collect();
    vec![
        [
            "Readiness".into(),
            counts(&a.readiness, &["0-24", "25-49", "50-74", "75-100", "none"]),
        ],
        [
            "Assessments".into(),
            counts(&a.due, &["ok", "due", "overdue", "never"]),
        ],
        ["Drafts".into(), a.drafts.to_string()],
        [
            "Focus areas".into(),
            format!("{} open, {} overdue", a.open_focus, a.overdue_focus),
        ],
        [
            "Disconnects".into(),
            format!(
                "{} across {} people with both views",
                a.disconnects, a.compared
            ),
        ],
        ["Targets".into(), targets.join(", ")],
    ]
}

pub fn aggregate_csv(a: &Aggregate) -> String {
    let mut out = String::from("category,met,total,share,people_below_half\r\n");
    for w in &a.categories {
        out.push_str(&format!(
            "{},{},{},{},{}\r\n",
            csv_field(&w.name),
            w.met,
            w.total,
            w.share.map(|s| s.to_string()).unwrap_or_default(),
            w.below_half
        ));
    }
    out
}

/// The aggregate as one self-contained, printable page.
pub fn aggregate_html(a: &Aggregate) -> String {
    let title = format!(
        "Team of {} people, as of {}, cycle {} days: figures only",
        a.people, a.as_of, a.cycle_days
    );
    let markup = html! {
        (DOCTYPE) "\n"
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                main.page {
                    h1 { (title) }
                    dl {
                        @for [k, v] in aggregate_rows(a) { dt { (k) } dd { (v) } }
                    }
                    table {
                        thead { tr { th { "Category" } th { "Met" } th { "Statements" } th { "People below half" } } }
                        tbody {
                            @for w in &a.categories {
                                tr { td { (w.name) } td.num style={ "background:" (fill(w.share)) } { (percent(w.share)) } td.num { (w.met) " of " (w.total) } td.num { (w.below_half) } }
                            }
                        }
                    }
                }
            }
        }
    };
    let mut out = markup.into_string();
    out.push('\n');
    out
}

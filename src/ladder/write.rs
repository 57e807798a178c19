//! From a [`Draft`] to a framework file: codes, section kinds, ids and
//! links decided, then the TOML written by hand so it reads like the files
//! people write (one inline table per statement, comments at the top).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::ids::{self, Slot};
use super::{
    Draft, GuessReport, LevelReport, Options, Report, SectionReport, StatementDraft, dedup,
    expected_value, normal,
};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::framework::Scale;

pub(super) struct Built {
    pub toml: String,
    pub report: Report,
}

/// How a section's groups are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Headings shared by levels: `categories` on the section.
    Categories,
    /// A heading per group, each level its own: `name` on the group.
    Named,
    /// No headings: one list per level.
    Flat,
}

struct SectionOut {
    id: String,
    kind: Kind,
    /// (id, name, description) in order, for `Categories`.
    categories: Vec<(String, String, Option<String>)>,
}

/// A group as written: its section, its category index or name, and its
/// statements with their ids.
struct GroupOut<'a> {
    section: usize,
    category: Option<usize>,
    name: Option<String>,
    statements: Vec<(&'a StatementDraft, String, Option<u8>)>,
}

/// "General": where statements without a heading go in a section whose
/// other statements have categories.
const GENERAL: &str = "General";

pub(super) fn build(draft: &mut Draft, options: &Options) -> Result<Built, Error> {
    if draft.levels.is_empty() || draft.statement_count() == 0 {
        let files: Vec<String> = draft.sources.iter().map(|s| s.origin.to_string()).collect();
        return Err(Error::Usage {
            message: format!("no statements found in {}", files.join(", ")),
            help: "a spreadsheet needs a row per statement (level, section, category, statement columns) or a row per competency with a column per level; a page needs headings for its sections and a bullet per statement".into(),
        });
    }
    let previous = options.previous.as_ref();
    let name = match (&options.name, &draft.name, previous) {
        (Some(name), _, _) => name.clone(),
        (None, Some(name), _) => name.clone(),
        (None, None, Some(previous)) => previous.name.clone(),
        (None, None, None) => {
            let stem = draft
                .sources
                .first()
                .map(|s| match &s.origin {
                    crate::diagnostic::Origin::File(path) => path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    crate::diagnostic::Origin::BuiltIn(name) => name.to_string(),
                })
                .unwrap_or_default();
            let name = stem.replace(['-', '_'], " ").trim().to_string();
            let name = if name.is_empty() {
                "Imported ladder".to_string()
            } else {
                name
            };
            draft.guess(
                None,
                format!("the ladder's name \"{name}\", from the file name (set it with --name)"),
            );
            name
        }
    };
    let id = match (&options.id, previous) {
        (Some(id), _) => {
            let valid = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
            if !valid {
                return Err(Error::Usage {
                    message: format!("invalid framework id `{id}`"),
                    help: "use letters, digits, `.`, `-` and `_`, starting with a letter or digit"
                        .into(),
                });
            }
            id.clone()
        }
        (None, Some(previous)) => previous.id.clone(),
        (None, None) => ids::slug(&name),
    };
    let scale = previous.map_or_else(Scale::default_scale, |p| p.scale.clone());

    let codes = codes(draft);
    let sections = sections(draft);
    let next = links(draft, &codes, previous);
    let lateral = lateral(&codes, &next, previous);

    // Groups of each level, in the order they are written.
    let mut level_groups: Vec<Vec<GroupOut<'_>>> = Vec::new();
    let mut slots: Vec<Slot> = Vec::new();
    for (l, level) in draft.levels.iter().enumerate() {
        let mut groups: Vec<GroupOut<'_>> = Vec::new();
        for group in &level.groups {
            let out = &sections[group.section];
            let (category, name) = match out.kind {
                Kind::Categories => {
                    let heading = group.heading.as_deref().unwrap_or(GENERAL);
                    let index = out
                        .categories
                        .iter()
                        .position(|(_, n, _)| normal(n) == normal(heading));
                    (index, None)
                }
                Kind::Named => (None, group.heading.clone()),
                Kind::Flat => (None, None),
            };
            let existing = groups.iter().position(|g| {
                g.section == group.section
                    && g.category == category
                    && g.name.as_deref().map(normal) == name.as_deref().map(normal)
            });
            let index = match existing {
                Some(index) => index,
                None => {
                    groups.push(GroupOut {
                        section: group.section,
                        category,
                        name,
                        statements: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
            for statement in &group.statements {
                groups[index]
                    .statements
                    .push((statement, String::new(), None));
            }
        }
        groups.sort_by_key(|g| (g.section, g.category.unwrap_or(0)));
        // A group's slug, qualified by its section's when two sections of
        // this level have groups of that slug.
        let slug_of = |g: &GroupOut<'_>| -> String {
            let out = &sections[g.section];
            match (g.category, &g.name) {
                (Some(c), _) => out.categories[c].0.clone(),
                (None, Some(name)) => ids::slug(name),
                (None, None) => out.id.clone(),
            }
        };
        let mut slug_sections: HashMap<String, HashSet<usize>> = HashMap::new();
        for g in &groups {
            slug_sections
                .entry(slug_of(g))
                .or_default()
                .insert(g.section);
        }
        let code = ids::slug(&codes[l]);
        for g in &groups {
            let slug = slug_of(g);
            let group_slug = if slug_sections.get(&slug).is_some_and(|s| s.len() > 1) {
                format!("{}-{slug}", sections[g.section].id)
            } else {
                slug
            };
            for (n, (statement, _, _)) in g.statements.iter().enumerate() {
                slots.push(Slot {
                    code: codes[l].clone(),
                    prefix: format!("{code}.{group_slug}."),
                    number: n + 1,
                    text: full_text(statement),
                });
            }
        }
        level_groups.push(groups);
    }
    let previous_statements: Vec<(String, String, String)> = previous
        .map(|p| {
            p.archetypes
                .iter()
                .flat_map(|a| {
                    a.statements()
                        .map(|(_, s)| (a.code.clone(), s.id.clone(), s.text.clone()))
                })
                .collect()
        })
        .unwrap_or_default();
    let previous_retired: std::collections::HashSet<String> = previous
        .map(|p| {
            p.archetypes
                .iter()
                .flat_map(|a| a.retired.iter().cloned())
                .collect()
        })
        .unwrap_or_default();
    let reconciled = ids::reconcile(&slots, &previous_statements, &previous_retired);
    let kept: std::collections::HashSet<&str> = reconciled.ids.iter().map(String::as_str).collect();
    let retired = retired(&codes, previous, &kept);
    let mut slot = 0;
    let mut problems = Vec::new();
    for groups in &mut level_groups {
        for group in groups.iter_mut() {
            for (statement, id, expected) in &mut group.statements {
                *id = reconciled.ids[slot].clone();
                if reconciled.reworded.contains(&slot) {
                    let at = draft.at(&statement.place);
                    draft.guesses.push(super::Guess {
                        at: Some(at),
                        what: format!("kept id `{id}` for a statement whose text changed at its place: a rewording; give it a new id in the file if it now asks something else"),
                    });
                }
                if let Some((written, place)) = &statement.expected {
                    match expected_value(written, &scale) {
                        Some(value) => *expected = Some(value),
                        None => {
                            let values: Vec<String> = scale
                                .levels
                                .iter()
                                .map(|l| format!("{} {}", l.value, l.label))
                                .collect();
                            problems.push(
                                draft.error(
                                    place,
                                    Diagnostic::new(
                                        place.span.clone(),
                                        format!("expected rating `{written}` is not on the scale"),
                                    )
                                    .label("not a value or a label of the scale")
                                    .help(format!("use one of: {}", values.join(", "))),
                                ),
                            );
                        }
                    }
                }
                slot += 1;
            }
        }
    }
    if let Some(problem) = problems.into_iter().next() {
        return Err(problem.into());
    }

    let uses_v2 = draft
        .levels
        .iter()
        .flat_map(|l| &l.groups)
        .flat_map(|g| &g.statements)
        .any(|s| !s.examples.is_empty() || s.expected.is_some())
        || sections
            .iter()
            .any(|s| s.categories.iter().any(|(_, _, d)| d.is_some()))
        || lateral.iter().any(|l| !l.is_empty());
    let uses_v3 = retired.iter().any(|r| !r.is_empty());

    // The text.
    let mut out = String::new();
    let files: Vec<String> = draft.sources.iter().map(|s| s.origin.to_string()).collect();
    let _ = writeln!(
        out,
        "# Imported with `rungs ladder import` from {}.",
        files.join(", ")
    );
    out.push_str("# Check it with `rungs validate FILE`. Statement ids are stable keys for\n");
    out.push_str("# ratings: import the edited sheet again over this file to keep them, and\n");
    out.push_str("# never change or reuse one by hand once people have rated it.\n\n");
    let format_version = if uses_v3 {
        3
    } else if uses_v2 {
        2
    } else {
        1
    };
    let _ = writeln!(out, "format_version = {format_version}");
    let _ = writeln!(out, "id = {}", quote(&id));
    let _ = writeln!(out, "name = {}", quote(&name));
    let version = previous.map_or("1", |p| p.version.as_str());
    let _ = writeln!(out, "version = {}", quote(version));
    if let Some(description) = previous.and_then(|p| p.description.as_deref()) {
        let _ = writeln!(out, "description = {}", quote(description));
    }
    if scale != Scale::default_scale() {
        let _ = writeln!(out, "\n[scale]\nmet = {}\nlevels = [", scale.met);
        for level in &scale.levels {
            let _ = write!(
                out,
                "  {{ value = {}, label = {}",
                level.value,
                quote(&level.label)
            );
            if !level.description.is_empty() {
                let _ = write!(out, ", description = {}", quote(&level.description));
            }
            out.push_str(" },\n");
        }
        out.push_str("]\n");
    }
    for (index, section) in sections.iter().enumerate() {
        let draft_section = &draft.sections[index];
        let _ = writeln!(
            out,
            "\n[[section]]\nid = {}\nname = {}",
            quote(&section.id),
            quote(&draft_section.name)
        );
        let description = draft_section.description.clone().or_else(|| {
            previous
                .and_then(|p| p.sections.iter().find(|s| s.id == section.id))
                .and_then(|s| s.description.clone())
        });
        if let Some(description) = description {
            let _ = writeln!(out, "description = {}", quote(&description));
        }
        if section.kind == Kind::Categories {
            out.push_str("categories = [\n");
            for (id, name, description) in &section.categories {
                let _ = write!(out, "  {{ id = {}, name = {}", quote(id), quote(name));
                if let Some(description) = description {
                    let _ = write!(out, ", description = {}", quote(description));
                }
                out.push_str(" },\n");
            }
            out.push_str("]\n");
        }
    }
    for (l, level) in draft.levels.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n[[archetype]]\ncode = {}\ntitle = {}",
            quote(&codes[l]),
            quote(&level.title)
        );
        let sfia = level.sfia.clone().or_else(|| {
            previous
                .and_then(|p| {
                    p.archetypes
                        .iter()
                        .find(|a| a.code.eq_ignore_ascii_case(&codes[l]))
                })
                .and_then(|a| a.sfia.as_ref().map(|s| s.levels().to_vec()))
        });
        if let Some(sfia) = sfia {
            let list: Vec<String> = sfia.iter().map(u8::to_string).collect();
            let _ = writeln!(out, "sfia = [{}]", list.join(", "));
        }
        if !next[l].is_empty() {
            let _ = writeln!(out, "next = [{}]", list(&next[l]));
        }
        if !lateral[l].is_empty() {
            let _ = writeln!(out, "lateral = [{}]", list(&lateral[l]));
        }
        if !retired[l].is_empty() {
            let _ = writeln!(out, "retired = [{}]", list(&retired[l]));
        }
        if !level.summary.is_empty() {
            let _ = writeln!(out, "summary = {}", quote(&level.summary.join("\n\n")));
        }
        for group in &level_groups[l] {
            let section = &sections[group.section];
            let _ = writeln!(
                out,
                "\n[[archetype.group]]\nsection = {}",
                quote(&section.id)
            );
            if let Some(c) = group.category {
                let _ = writeln!(out, "category = {}", quote(&section.categories[c].0));
            }
            if let Some(name) = &group.name {
                let _ = writeln!(out, "name = {}", quote(name));
            }
            out.push_str("statements = [\n");
            for (statement, id, expected) in &group.statements {
                let _ = write!(
                    out,
                    "  {{ id = {}, text = {}",
                    quote(id),
                    quote(&full_text(statement))
                );
                if !statement.examples.is_empty() {
                    let _ = write!(out, ", examples = [{}]", list(&statement.examples));
                }
                if let Some(expected) = expected {
                    let _ = write!(out, ", expected = {expected}");
                }
                out.push_str(" },\n");
            }
            out.push_str("]\n");
        }
    }

    let report = Report {
        id,
        name,
        read: draft.mapped.clone(),
        levels: draft
            .levels
            .iter()
            .enumerate()
            .map(|(l, level)| LevelReport {
                from: level.title.clone(),
                at: draft.at(&level.place),
                code: codes[l].clone(),
                title: level.title.clone(),
                statements: level.groups.iter().map(|g| g.statements.len()).sum(),
                next: next[l].clone(),
            })
            .collect(),
        sections: sections
            .iter()
            .enumerate()
            .map(|(index, section)| {
                let groups = match section.kind {
                    Kind::Categories => section
                        .categories
                        .iter()
                        .map(|(id, _, _)| id.clone())
                        .collect(),
                    Kind::Named => dedup(
                        draft
                            .levels
                            .iter()
                            .flat_map(|l| &l.groups)
                            .filter(|g| g.section == index)
                            .filter_map(|g| g.heading.clone())
                            .collect(),
                    ),
                    Kind::Flat => Vec::new(),
                };
                SectionReport {
                    from: draft.sections[index].name.clone(),
                    id: section.id.clone(),
                    kind: match section.kind {
                        Kind::Categories => "categories",
                        Kind::Named => "named groups",
                        Kind::Flat => "a flat list",
                    }
                    .to_string(),
                    groups,
                    statements: draft
                        .levels
                        .iter()
                        .flat_map(|l| &l.groups)
                        .filter(|g| g.section == index)
                        .map(|g| g.statements.len())
                        .sum(),
                }
            })
            .collect(),
        statements: slots.len(),
        ids_kept: if previous.is_some() {
            reconciled.same_text + reconciled.reworded.len()
        } else {
            0
        },
        ids_new: if previous.is_some() {
            reconciled.new
        } else {
            slots.len()
        },
        ids_retired: retired
            .iter()
            .flatten()
            .filter(|id| !previous_retired.contains(*id))
            .count(),
        guesses: draft
            .guesses
            .iter()
            .map(|g| GuessReport {
                at: g.at.clone(),
                what: g.what.clone(),
            })
            .collect(),
    };
    Ok(Built { toml: out, report })
}

/// The text as written in the file: a short title as a lead-in.
fn full_text(statement: &StatementDraft) -> String {
    match &statement.title {
        Some(title) => format!("{}: {}", title.trim_end_matches(':'), statement.text),
        None => statement.text.clone(),
    }
}

/// Every level's code: given, or derived, unique ignoring case.
fn codes(draft: &mut Draft) -> Vec<String> {
    let mut codes = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut guesses = Vec::new();
    // Initials for every level without a code, or positions for all of
    // them: `L1 Junior, ML Mid-level, L3 Senior` would read as two schemes.
    let initials: Vec<Option<String>> = draft
        .levels
        .iter()
        .map(|l| ids::initials_code(&l.title, &l.listed_codes))
        .collect();
    let all_initials = draft
        .levels
        .iter()
        .zip(&initials)
        .all(|(level, initials)| level.code.is_some() || initials.is_some());
    for (l, level) in draft.levels.iter().enumerate() {
        let (code, how) = match (&level.code, &initials[l]) {
            (Some(code), _) => (code.clone(), None),
            (None, Some(code)) if all_initials => (code.clone(), Some("from the title's initials")),
            (None, _) => (
                format!("L{}", l + 1),
                Some("from its position: not every level's title has initials to use"),
            ),
        };
        let mut unique = code.clone();
        let mut n = 2;
        while !taken.insert(unique.to_uppercase()) {
            unique = format!("{code}{n}");
            n += 1;
        }
        if let Some(how) = how {
            guesses.push((
                level.place.clone(),
                format!("code `{unique}` for \"{}\", {how}", level.title),
            ));
        } else if unique != code {
            guesses.push((
                level.place.clone(),
                format!(
                    "code `{unique}` for \"{}\": `{code}` was taken",
                    level.title
                ),
            ));
        }
        codes.push(unique);
    }
    for (place, what) in guesses {
        draft.guess(Some(&place), what);
    }
    codes
}

/// Section ids and kinds; category ids and descriptions.
fn sections(draft: &mut Draft) -> Vec<SectionOut> {
    let mut taken = HashSet::new();
    let mut out = Vec::new();
    let mut guesses = Vec::new();
    let level_count = draft.levels.len();
    for (index, section) in draft.sections.iter().enumerate() {
        let id = ids::unique(ids::slug(&section.name), &mut taken);
        let groups: Vec<(usize, Option<&str>)> = draft
            .levels
            .iter()
            .enumerate()
            .flat_map(|(l, level)| {
                level
                    .groups
                    .iter()
                    .filter(move |g| g.section == index)
                    .map(move |g| (l, g.heading.as_deref()))
            })
            .collect();
        let headings: Vec<&str> = groups.iter().filter_map(|(_, h)| *h).collect();
        let kind = if headings.is_empty() {
            Kind::Flat
        } else {
            let levels_of = |heading: &str| {
                groups
                    .iter()
                    .filter(|(_, h)| h.is_some_and(|h| normal(h) == normal(heading)))
                    .map(|(l, _)| *l)
                    .collect::<HashSet<_>>()
                    .len()
            };
            let levels_in_section = groups.iter().map(|(l, _)| *l).collect::<HashSet<_>>().len();
            if level_count == 1
                || levels_in_section == 1
                || headings.iter().any(|h| levels_of(h) > 1)
            {
                Kind::Categories
            } else {
                guesses.push((
                    section.place.clone(),
                    format!("the headings of \"{}\" differ from level to level: written as named groups, not shared categories", section.name),
                ));
                Kind::Named
            }
        };
        let mut categories = Vec::new();
        if kind == Kind::Categories {
            let mut names: Vec<String> = Vec::new();
            for (_, heading) in &groups {
                let name = heading.unwrap_or(GENERAL);
                if heading.is_none() && !names.iter().any(|n| n == GENERAL) {
                    guesses.push((
                        section.place.clone(),
                        format!(
                            "statements of \"{}\" under no heading: in a category \"{GENERAL}\"",
                            section.name
                        ),
                    ));
                }
                if !names.iter().any(|n| normal(n) == normal(name)) {
                    names.push(name.to_string());
                }
            }
            let mut category_ids = HashSet::new();
            for name in names {
                let description = section
                    .group_descriptions
                    .iter()
                    .find(|(h, _)| normal(h) == normal(&name))
                    .map(|(_, d)| d.clone());
                categories.push((
                    ids::unique(ids::slug(&name), &mut category_ids),
                    name,
                    description,
                ));
            }
        }
        out.push(SectionOut {
            id,
            kind,
            categories,
        });
    }
    for (place, what) in guesses {
        draft.guess(Some(&place), what);
    }
    out
}

/// Each level's `next`: kept from the previous import for a code it had,
/// else the following level, in the order found.
fn links(
    draft: &mut Draft,
    codes: &[String],
    previous: Option<&crate::framework::Framework>,
) -> Vec<Vec<String>> {
    let mut next = Vec::new();
    let mut guessed = false;
    for (l, code) in codes.iter().enumerate() {
        let kept = previous
            .and_then(|p| {
                p.archetypes
                    .iter()
                    .find(|a| a.code.eq_ignore_ascii_case(code))
            })
            .map(|a| {
                a.next
                    .iter()
                    .filter_map(|n| codes.iter().find(|c| c.eq_ignore_ascii_case(n)).cloned())
                    .collect::<Vec<_>>()
            });
        match kept {
            Some(kept) => next.push(kept),
            None => {
                guessed |= l + 1 < codes.len();
                next.push(codes.get(l + 1).cloned().into_iter().collect());
            }
        }
    }
    if guessed && codes.len() > 1 {
        draft.guess(
            None,
            format!(
                "the order of levels is the order found, each leading to the next: {} (edit `next` in the file for branches; a re-import keeps it)",
                codes.join(" → ")
            ),
        );
    }
    // A kept `next` could now close a cycle with a guessed one: fall back
    // to the order found.
    if has_cycle(codes, &next) {
        next = (0..codes.len())
            .map(|l| codes.get(l + 1).cloned().into_iter().collect())
            .collect();
    }
    next
}

fn above(codes: &[String], next: &[Vec<String>], from: usize) -> HashSet<usize> {
    let mut seen = HashSet::new();
    let mut queue = vec![from];
    while let Some(node) = queue.pop() {
        for code in &next[node] {
            if let Some(i) = codes.iter().position(|c| c == code)
                && seen.insert(i)
            {
                queue.push(i);
            }
        }
    }
    seen
}

fn has_cycle(codes: &[String], next: &[Vec<String>]) -> bool {
    (0..codes.len()).any(|l| above(codes, next, l).contains(&l))
}

/// Each level's `retired` ids: those the previous import's archetype of
/// the same code retired, and those of its statements no statement of
/// this import kept, so no later import can give one to another statement.
/// An archetype the new import no longer has takes its ids with it.
fn retired(
    codes: &[String],
    previous: Option<&crate::framework::Framework>,
    kept: &std::collections::HashSet<&str>,
) -> Vec<Vec<String>> {
    codes
        .iter()
        .map(|code| {
            let Some(archetype) = previous.and_then(|p| {
                p.archetypes
                    .iter()
                    .find(|a| a.code.eq_ignore_ascii_case(code))
            }) else {
                return Vec::new();
            };
            let mut retired = archetype.retired.clone();
            for (_, statement) in archetype.statements() {
                if !kept.contains(statement.id.as_str()) && !retired.contains(&statement.id) {
                    retired.push(statement.id.clone());
                }
            }
            retired
        })
        .collect()
}

/// `lateral` links of the previous import that still hold: both codes
/// present, neither above the other.
fn lateral(
    codes: &[String],
    next: &[Vec<String>],
    previous: Option<&crate::framework::Framework>,
) -> Vec<Vec<String>> {
    codes
        .iter()
        .enumerate()
        .map(|(l, code)| {
            let Some(archetype) = previous.and_then(|p| {
                p.archetypes
                    .iter()
                    .find(|a| a.code.eq_ignore_ascii_case(code))
            }) else {
                return Vec::new();
            };
            archetype
                .lateral
                .iter()
                .filter_map(|other| codes.iter().position(|c| c.eq_ignore_ascii_case(other)))
                .filter(|&o| {
                    o != l
                        && !above(codes, next, l).contains(&o)
                        && !above(codes, next, o).contains(&l)
                })
                .map(|o| codes[o].clone())
                .collect()
        })
        .collect()
}

fn list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| quote(v))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_survives_every_awkward_character() {
        let text = "a \"b\" \\ c\nd\t\u{7f}\u{1} 日本";
        let toml_text = format!("v = {}", quote(text));
        let value: toml::Table = toml::from_str(&toml_text).expect("valid TOML");
        assert_eq!(value["v"].as_str(), Some(text));
    }
}

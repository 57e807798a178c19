//! From a [`Draft`] to a framework file: codes, section kinds, ids, links
//! and the scale decided, then the TOML written by hand so it reads like
//! the files people write (one inline table per statement, comments at
//! the top).
//!
//! Linear in levels, sections, groups and statements: every lookup by
//! name or code goes through a map built once.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::ids::{self, Slot};
use super::{
    Draft, GroupReport, GuessReport, LevelReport, MARK, Options, Report, SectionReport,
    StatementDraft, dedup, expected_value, normal,
};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::framework::{Scale, ScaleLevel};

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
    /// Category index by normalised name.
    by_name: HashMap<String, usize>,
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

/// Most labels a scale made from words can have: values are one keypress,
/// 0 to 9, and 0 is "Not yet".
const MAX_WORDS: usize = 9;

pub(super) fn build(draft: &mut Draft, options: &Options) -> Result<Built, Error> {
    if draft.levels.is_empty() || draft.statement_count() == 0 {
        return Err(nothing_found(draft));
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
            draft.guess_fix(
                None,
                format!("the ladder's name \"{name}\", from the file name"),
                Some("--name"),
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
    let (scale, scale_made) = scale(draft, options)?;

    let codes = codes(draft);
    let sections = sections(draft);
    let next = links(draft, &codes, previous);
    let lateral = lateral(&codes, &next, previous);

    // Groups of each level, in the order they are written.
    let mut level_groups: Vec<Vec<GroupOut<'_>>> = Vec::with_capacity(draft.levels.len());
    let mut slots: Vec<Slot> = Vec::new();
    for (l, level) in draft.levels.iter().enumerate() {
        let mut groups: Vec<GroupOut<'_>> = Vec::new();
        let mut index_of: HashMap<(usize, Option<usize>, Option<String>), usize> = HashMap::new();
        for group in &level.groups {
            let out = &sections[group.section];
            let (category, name) = match out.kind {
                Kind::Categories => {
                    let heading = group.heading.as_deref().unwrap_or(GENERAL);
                    (out.by_name.get(&normal(heading)).copied(), None)
                }
                Kind::Named => (None, group.heading.clone()),
                Kind::Flat => (None, None),
            };
            let key = (group.section, category, name.as_deref().map(normal));
            let index = *index_of.entry(key).or_insert_with(|| {
                groups.push(GroupOut {
                    section: group.section,
                    category,
                    name,
                    statements: Vec::new(),
                });
                groups.len() - 1
            });
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
        let slugs: Vec<String> = groups.iter().map(slug_of).collect();
        let mut slug_sections: HashMap<&str, HashSet<usize>> = HashMap::new();
        for (g, slug) in groups.iter().zip(&slugs) {
            slug_sections.entry(slug).or_default().insert(g.section);
        }
        let code = ids::slug(&codes[l]);
        for (g, slug) in groups.iter().zip(&slugs) {
            let group_slug = if slug_sections
                .get(slug.as_str())
                .is_some_and(|s| s.len() > 1)
            {
                format!("{}-{slug}", sections[g.section].id)
            } else {
                slug.clone()
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
    let mut reworded: HashSet<usize> = reconciled.reworded.iter().copied().collect();
    for groups in &mut level_groups {
        for group in groups.iter_mut() {
            for (statement, id, expected) in &mut group.statements {
                *id = reconciled.ids[slot].clone();
                if reworded.remove(&slot) {
                    let at = draft.at(&statement.place);
                    draft.guesses.push(super::Guess {
                        at: Some(at),
                        what: format!("kept id `{id}` for a statement whose text changed at its place: a rewording; give it a new id in the file if it now asks something else"),
                        fix: None,
                    });
                }
                if let Some((written, place)) = &statement.expected {
                    match expected_value(written, &scale) {
                        Some(value) => *expected = Some(value),
                        None if problems.is_empty() => {
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
                                    .help(format!("use one of: {}; or name the scale's labels, lowest first, with --scale", values.join(", "))),
                                ),
                            );
                        }
                        None => {}
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
    let _ = writeln!(out, "{MARK} from {}.", files.join(", "));
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
    let previous_sections: HashMap<&str, &crate::framework::Section> = previous
        .map(|p| p.sections.iter().map(|s| (s.id.as_str(), s)).collect())
        .unwrap_or_default();
    for (index, section) in sections.iter().enumerate() {
        let draft_section = &draft.sections[index];
        let _ = writeln!(
            out,
            "\n[[section]]\nid = {}\nname = {}",
            quote(&section.id),
            quote(&draft_section.name)
        );
        let description = draft_section.description.clone().or_else(|| {
            previous_sections
                .get(section.id.as_str())
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
    let previous_archetypes: HashMap<String, &crate::framework::Archetype> = previous
        .map(|p| {
            p.archetypes
                .iter()
                .map(|a| (a.code.to_uppercase(), a))
                .collect()
        })
        .unwrap_or_default();
    for (l, level) in draft.levels.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n[[archetype]]\ncode = {}\ntitle = {}",
            quote(&codes[l]),
            quote(&level.title)
        );
        let sfia = level.sfia.clone().or_else(|| {
            previous_archetypes
                .get(&codes[l].to_uppercase())
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

    // Per section: its groups' headings and statement count, in one pass.
    let mut section_groups: Vec<Vec<String>> = vec![Vec::new(); sections.len()];
    let mut section_statements = vec![0usize; sections.len()];
    for group in draft.levels.iter().flat_map(|l| &l.groups) {
        section_statements[group.section] += group.statements.len();
        if let Some(heading) = &group.heading {
            section_groups[group.section].push(heading.clone());
        }
    }
    let levels = draft
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
            groups: level_groups[l]
                .iter()
                .map(|g| GroupReport {
                    section: draft.sections[g.section].name.clone(),
                    group: match (g.category, &g.name) {
                        (Some(c), _) => Some(sections[g.section].categories[c].1.clone()),
                        (None, name) => name.clone(),
                    },
                    statements: g.statements.len(),
                    first: g
                        .statements
                        .first()
                        .map(|(s, _, _)| full_text(s))
                        .unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    let report = Report {
        id,
        name,
        read: draft.mapped.clone(),
        levels,
        sections: sections
            .iter()
            .enumerate()
            .map(|(index, section)| SectionReport {
                from: draft.sections[index].name.clone(),
                id: section.id.clone(),
                kind: match section.kind {
                    Kind::Categories => "categories",
                    Kind::Named => "named groups",
                    Kind::Flat => "a flat list",
                }
                .to_string(),
                groups: match section.kind {
                    Kind::Categories => section
                        .categories
                        .iter()
                        .map(|(id, _, _)| id.clone())
                        .collect(),
                    Kind::Named => dedup(std::mem::take(&mut section_groups[index])),
                    Kind::Flat => Vec::new(),
                },
                statements: section_statements[index],
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
        scale: scale_made.then(|| {
            scale
                .levels
                .iter()
                .map(|l| l.label.clone())
                .collect::<Vec<_>>()
        }),
        guesses: reports(&draft.guesses),
        left_out: reports(&draft.left_out),
    };
    Ok(Built { toml: out, report })
}

fn reports(guesses: &[super::Guess]) -> Vec<GuessReport> {
    guesses
        .iter()
        .map(|g| GuessReport {
            at: g.at.clone(),
            what: g.what.clone(),
            fix: g.fix.clone(),
        })
        .collect()
}

/// No statement anywhere: an error at the first file, saying what was
/// read and left out, so a person knows which option to try.
fn nothing_found(draft: &Draft) -> Error {
    let files: Vec<String> = draft.sources.iter().map(|s| s.origin.to_string()).collect();
    let mut help = String::from(
        "a spreadsheet needs a row per statement (level, section, category, statement columns), a row per competency with a column per level, or a row per level with a column per competency; a page needs a heading per level or section and a bullet or paragraph per statement",
    );
    if !draft.left_out.is_empty() {
        let reasons: Vec<&str> = draft
            .left_out
            .iter()
            .take(3)
            .map(|g| g.what.as_str())
            .collect();
        help = format!("left out: {}; {help}", reasons.join("; "));
    }
    if draft.sources.is_empty() {
        return Error::Usage {
            message: "no statements found".into(),
            help,
        };
    }
    let place = super::Place {
        file: 0,
        span: 0..0,
    };
    draft
        .error(
            &place,
            Diagnostic::new(0..0, format!("no statements found in {}", files.join(", ")))
                .label("nothing here became a statement")
                .help(help),
        )
        .into()
}

/// The rating scale: `--scale`; else the previous import's, when every
/// expected rating is on it; else the default 0-3 scale when every
/// expected rating is on that; else one made from the sheet's own words,
/// in the order it first uses them. True when the scale was made here.
fn scale(draft: &mut Draft, options: &Options) -> Result<(Scale, bool), Error> {
    let written: Vec<(String, super::Place)> = draft
        .levels
        .iter()
        .flat_map(|l| &l.groups)
        .flat_map(|g| &g.statements)
        .filter_map(|s| s.expected.clone())
        .collect();
    if let Some(labels) = &options.scale {
        let scale = words_scale(labels).map_err(|message| Error::Usage {
            message,
            help: "name the labels lowest first, separated by commas: --scale \"Awareness,Working,Expert\"".into(),
        })?;
        return Ok((scale, true));
    }
    let fits = |scale: &Scale| {
        written
            .iter()
            .all(|(w, _)| expected_value(w, scale).is_some())
    };
    if let Some(previous) = &options.previous
        && fits(&previous.scale)
    {
        return Ok((previous.scale.clone(), false));
    }
    let default = Scale::default_scale();
    if fits(&default) {
        return Ok((default, false));
    }
    let mut words: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for (text, place) in &written {
        let text = text.trim();
        if text.parse::<u8>().is_ok() {
            continue;
        }
        if seen.insert(normal(text)) {
            if words.len() == MAX_WORDS {
                return Err(draft
                    .error(
                        place,
                        Diagnostic::new(
                            place.span.clone(),
                            format!("`{text}` would be the scale's {}th word", MAX_WORDS + 1),
                        )
                        .label("one word too many for a rating scale")
                        .help(format!("a rating is one keypress: at most {MAX_WORDS} words besides \"Not yet\"; name the scale with --scale, and use its words in the sheet")),
                    )
                    .into());
            }
            words.push(text.to_string());
        }
    }
    let scale = words_scale(&words).map_err(|message| Error::Usage {
        message,
        help: String::new(),
    })?;
    let order = words.join(" < ");
    draft.guess_fix(
        None,
        format!(
            "the rating scale from the sheet's own expected ratings, in the order it first uses them: Not yet < {order}; a statement without one is met at \"{}\"",
            words.first().map_or("", String::as_str)
        ),
        Some(format!("--scale \"{}\"", words.join(","))),
    );
    Ok((scale, true))
}

/// A scale of words, lowest first: "Not yet" at 0 (unless the first word
/// already says it), the words from 1; met at the first word above 0.
fn words_scale(labels: &[String]) -> Result<Scale, String> {
    let labels: Vec<String> = labels
        .iter()
        .map(|l| crate::text::collapse(l))
        .filter(|l| !l.is_empty())
        .collect();
    if labels.is_empty() {
        return Err("the scale needs at least one label".into());
    }
    let mut seen = HashSet::new();
    for label in &labels {
        if !seen.insert(normal(label)) {
            return Err(format!("the scale names `{label}` twice"));
        }
    }
    let first_is_none = matches!(
        normal(&labels[0]).as_str(),
        "not yet" | "none" | "no evidence" | "no evidence yet" | "n/a"
    );
    let mut all = Vec::new();
    if !first_is_none {
        all.push("Not yet".to_string());
    }
    all.extend(labels);
    if all.len() > 10 {
        return Err(format!(
            "a scale of {} labels: a rating is one keypress, 0 to 9",
            all.len()
        ));
    }
    let levels: Vec<ScaleLevel> = all
        .into_iter()
        .enumerate()
        .map(|(value, label)| ScaleLevel {
            value: value as u8,
            label,
            description: String::new(),
        })
        .collect();
    let met = if levels.len() > 1 { 1 } else { 0 };
    Ok(Scale { levels, met })
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
    let mut suffixes: HashMap<String, usize> = HashMap::new();
    let mut guesses = Vec::new();
    let mut derived: Vec<(String, String, &str)> = Vec::new();
    // Initials for every level without a code, or positions for all of
    // them: `L1 Junior, ML Mid-level, L3 Senior` would read as two schemes.
    let initials: Vec<Option<String>> = draft
        .levels
        .iter()
        .map(|l| ids::initials_code(&l.title, &l.listed_codes))
        .collect();
    let all_initials = draft.levels.iter().zip(&initials).all(|(level, initials)| {
        level.code.as_deref().is_some_and(ids::valid_code) || initials.is_some()
    });
    for (l, level) in draft.levels.iter().enumerate() {
        let given = level.code.as_ref().filter(|c| {
            let valid = ids::valid_code(c);
            if !valid {
                guesses.push((
                    level.place.clone(),
                    format!("`{}` is not a code (letters, digits, `.`, `-`, `_`): \"{}\" gets one of its own", crate::text::shorten(c, 30), level.title),
                ));
            }
            valid
        });
        let (code, how) = match (given, &initials[l]) {
            (Some(code), _) => (code.clone(), None),
            (None, Some(code)) if all_initials => (code.clone(), Some("from the titles' initials")),
            (None, _) => (
                format!("L{}", l + 1),
                Some("from positions, as not every level's title has initials to use"),
            ),
        };
        // A taken code gets `-2`, `-3`: a bare digit would read as another
        // level's number (`SE` and `SE2`).
        let mut unique = code.clone();
        if !taken.insert(unique.to_uppercase()) {
            let n = suffixes.entry(code.to_uppercase()).or_insert(1);
            loop {
                *n += 1;
                unique = format!("{code}-{n}");
                if taken.insert(unique.to_uppercase()) {
                    break;
                }
            }
        }
        match how {
            Some(how) => derived.push((unique.clone(), level.title.clone(), how)),
            None if unique != code => guesses.push((
                level.place.clone(),
                format!(
                    "code `{unique}` for \"{}\": `{code}` was taken",
                    level.title
                ),
            )),
            None => {}
        }
        codes.push(unique);
    }
    // One line for all derived codes, however many levels.
    let shown: Vec<String> = derived
        .iter()
        .take(6)
        .map(|(code, title, _)| format!("`{code}` {title}"))
        .collect();
    if let Some((_, _, how)) = derived.first() {
        let more = if derived.len() > shown.len() {
            format!(" and {} more", derived.len() - shown.len())
        } else {
            String::new()
        };
        draft.guess(
            None,
            format!(
                "codes {how}: {}{more} (edit `code` in the file; a re-import keeps ids by text)",
                shown.join(", ")
            ),
        );
    }
    for (place, what) in guesses {
        draft.guess(Some(&place), what);
    }
    codes
}

/// Section ids and kinds; category ids and descriptions. One pass over
/// every group, then one over each section's own groups.
fn sections(draft: &mut Draft) -> Vec<SectionOut> {
    let mut taken = ids::Taken::default();
    let mut out = Vec::new();
    let mut guesses = Vec::new();
    let level_count = draft.levels.len();
    // (level, heading) of each section's groups, in level order.
    let mut groups_of: Vec<Vec<(usize, Option<&str>)>> = vec![Vec::new(); draft.sections.len()];
    for (l, level) in draft.levels.iter().enumerate() {
        for group in &level.groups {
            groups_of[group.section].push((l, group.heading.as_deref()));
        }
    }
    for (index, section) in draft.sections.iter().enumerate() {
        let id = ids::unique(ids::slug(&section.name), &mut taken);
        let groups = &groups_of[index];
        // Levels each heading appears in.
        let mut levels_of: HashMap<String, HashSet<usize>> = HashMap::new();
        let mut levels_in_section = HashSet::new();
        let mut any_heading = false;
        for (l, heading) in groups {
            levels_in_section.insert(*l);
            if let Some(heading) = heading {
                any_heading = true;
                levels_of.entry(normal(heading)).or_default().insert(*l);
            }
        }
        let kind = if !any_heading {
            Kind::Flat
        } else if level_count == 1
            || levels_in_section.len() == 1
            || levels_of.values().any(|levels| levels.len() > 1)
        {
            Kind::Categories
        } else {
            guesses.push((
                section.place.clone(),
                format!("the headings of \"{}\" differ from level to level: written as named groups, not shared categories", section.name),
            ));
            Kind::Named
        };
        let mut categories = Vec::new();
        let mut by_name = HashMap::new();
        if kind == Kind::Categories {
            let descriptions: HashMap<String, &String> = section
                .group_descriptions
                .iter()
                .map(|(h, d)| (normal(h), d))
                .collect();
            let mut category_ids = ids::Taken::default();
            for (_, heading) in groups {
                let name = heading.unwrap_or(GENERAL);
                let key = normal(name);
                if by_name.contains_key(&key) {
                    continue;
                }
                if heading.is_none() {
                    guesses.push((
                        section.place.clone(),
                        format!(
                            "statements of \"{}\" under no heading: in a category \"{GENERAL}\"",
                            section.name
                        ),
                    ));
                }
                let description = descriptions.get(&key).map(|d| (*d).clone());
                by_name.insert(key, categories.len());
                categories.push((
                    ids::unique(ids::slug(name), &mut category_ids),
                    name.to_string(),
                    description,
                ));
            }
        }
        out.push(SectionOut {
            id,
            kind,
            categories,
            by_name,
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
    let by_code: HashMap<String, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.to_uppercase(), i))
        .collect();
    let previous_next: HashMap<String, &Vec<String>> = previous
        .map(|p| {
            p.archetypes
                .iter()
                .map(|a| (a.code.to_uppercase(), &a.next))
                .collect()
        })
        .unwrap_or_default();
    let mut next = Vec::new();
    let mut guessed = false;
    for (l, code) in codes.iter().enumerate() {
        let kept = previous_next.get(&code.to_uppercase()).map(|links| {
            links
                .iter()
                .filter_map(|n| by_code.get(&n.to_uppercase()).map(|&i| codes[i].clone()))
                .collect::<Vec<_>>()
        });
        match kept {
            Some(kept) => next.push(kept),
            None => {
                // The top of a track leads nowhere: the next level starts
                // another track.
                let same_track = draft
                    .levels
                    .get(l + 1)
                    .is_some_and(|n| n.track == draft.levels[l].track);
                guessed |= l + 1 < codes.len();
                next.push(
                    codes
                        .get(l + 1)
                        .filter(|_| same_track)
                        .cloned()
                        .into_iter()
                        .collect(),
                );
            }
        }
    }
    let tracks: Vec<String> = dedup(
        draft
            .levels
            .iter()
            .filter_map(|l| l.track.clone())
            .collect(),
    );
    if guessed && codes.len() > 1 {
        let chain = if codes.len() <= 12 {
            codes.join(" → ")
        } else {
            format!(
                "{} → … → {} ({} levels)",
                codes[..3].join(" → "),
                codes[codes.len() - 1],
                codes.len()
            )
        };
        let what = if tracks.len() > 1 {
            format!(
                "the order of levels is the order found, each leading to the next of its track ({}): {chain} (edit `next` in the file for branches; a re-import keeps it)",
                tracks.join(", ")
            )
        } else {
            format!(
                "the order of levels is the order found, each leading to the next: {chain} (edit `next` in the file for branches; a re-import keeps it)"
            )
        };
        draft.guess(None, what);
    }
    // A kept `next` could now close a cycle with a guessed one: fall back
    // to the order found.
    if has_cycle(&by_code, &next) {
        next = (0..codes.len())
            .map(|l| codes.get(l + 1).cloned().into_iter().collect())
            .collect();
    }
    next
}

/// Indices of the levels a level's `next` names.
fn edges<'a>(
    by_code: &'a HashMap<String, usize>,
    next: &'a [String],
) -> impl Iterator<Item = usize> + 'a {
    next.iter()
        .filter_map(|code| by_code.get(&code.to_uppercase()).copied())
}

/// Depth-first search with three colours, without recursion: linear in
/// levels and links.
fn has_cycle(by_code: &HashMap<String, usize>, next: &[Vec<String>]) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum Colour {
        New,
        Open,
        Done,
    }
    let mut colour = vec![Colour::New; next.len()];
    for start in 0..next.len() {
        if colour[start] != Colour::New {
            continue;
        }
        let mut stack: Vec<(usize, Vec<usize>)> =
            vec![(start, edges(by_code, &next[start]).collect())];
        colour[start] = Colour::Open;
        while let Some((node, pending)) = stack.last_mut() {
            match pending.pop() {
                Some(child) => match colour[child] {
                    Colour::Open => return true,
                    Colour::Done => {}
                    Colour::New => {
                        colour[child] = Colour::Open;
                        let children = edges(by_code, &next[child]).collect();
                        stack.push((child, children));
                    }
                },
                None => {
                    colour[*node] = Colour::Done;
                    stack.pop();
                }
            }
        }
    }
    false
}

/// The levels reachable from `from` along `next`.
fn above(by_code: &HashMap<String, usize>, next: &[Vec<String>], from: usize) -> HashSet<usize> {
    let mut seen = HashSet::new();
    let mut queue = vec![from];
    while let Some(node) = queue.pop() {
        for i in edges(by_code, &next[node]) {
            if seen.insert(i) {
                queue.push(i);
            }
        }
    }
    seen
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
    // By code, once: a lookup per level keeps a long ladder linear.
    let by_code: HashMap<String, &crate::framework::Archetype> = previous
        .map(|p| {
            p.archetypes
                .iter()
                .rev()
                .map(|a| (a.code.to_uppercase(), a))
                .collect()
        })
        .unwrap_or_default();
    codes
        .iter()
        .map(|code| {
            let Some(archetype) = by_code.get(&code.to_uppercase()) else {
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
/// present, neither above the other. Only levels with a lateral link are
/// searched from, once each.
fn lateral(
    codes: &[String],
    next: &[Vec<String>],
    previous: Option<&crate::framework::Framework>,
) -> Vec<Vec<String>> {
    let Some(previous) = previous else {
        return vec![Vec::new(); codes.len()];
    };
    let by_code: HashMap<String, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.to_uppercase(), i))
        .collect();
    let previous_lateral: HashMap<String, &Vec<String>> = previous
        .archetypes
        .iter()
        .filter(|a| !a.lateral.is_empty())
        .map(|a| (a.code.to_uppercase(), &a.lateral))
        .collect();
    let mut reach: HashMap<usize, HashSet<usize>> = HashMap::new();
    let mut above_of = |l: usize| -> HashSet<usize> {
        reach
            .entry(l)
            .or_insert_with(|| above(&by_code, next, l))
            .clone()
    };
    codes
        .iter()
        .enumerate()
        .map(|(l, code)| {
            let Some(lateral) = previous_lateral.get(&code.to_uppercase()) else {
                return Vec::new();
            };
            lateral
                .iter()
                .filter_map(|other| by_code.get(&other.to_uppercase()).copied())
                .filter(|&o| o != l && !above_of(l).contains(&o) && !above_of(o).contains(&l))
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

//! Reading a framework file: TOML syntax and shape first (stopping at the
//! first problem, as the parser must), then every semantic check, collecting
//! all the problems of the file so a person can fix them in one pass.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::raw::{RawArchetype, RawFramework, RawGroup, RawScale, RawSection, VersionProbe};
use super::{
    Archetype, Category, Framework, Group, Scale, ScaleLevel, Section, SfiaLevels, Statement,
};
use crate::diagnostic::{Diagnostic, FileKind, InvalidFile, SourceFile};
use crate::suggest;

/// The newest framework file format this build reads. Version 2 added
/// per-statement `examples`, category `description`s, `expected` ratings
/// per statement or group, and `lateral` links between archetypes; version
/// 3 added `retired` statement ids; version 4 added each archetype's
/// `core`, the statements a check-in rates. Every older file reads
/// unchanged.
pub const FORMAT_VERSION: i64 = 4;

/// Everything wrong with one framework file.
pub type FrameworkError = InvalidFile;

/// Parses and checks a framework file.
///
/// The file is parsed once; only when that fails is it read again for its
/// format version, so a newer file is refused with "upgrade" rather than
/// with whatever its new shape trips over first.
pub fn parse(source: &SourceFile) -> Result<Framework, FrameworkError> {
    let fail = |diagnostics| InvalidFile::new(FileKind::Framework, source, diagnostics);
    let raw: RawFramework = match toml::from_str(&source.text) {
        Ok(raw) => raw,
        Err(error) => {
            let probe: Result<VersionProbe, _> = toml::from_str(&source.text);
            if let Ok(probe) = probe {
                check_format_version(probe.format_version.as_ref()).map_err(|d| fail(vec![d]))?;
            }
            return Err(fail(vec![Diagnostic::from_toml(&error, source)]));
        }
    };
    check_format_version(Some(&raw.format_version)).map_err(|d| fail(vec![d]))?;
    let mut checker = Checker {
        version: *raw.format_version.get_ref(),
        diagnostics: Vec::new(),
    };
    let framework = checker.framework(raw);
    if checker.diagnostics.is_empty() {
        Ok(framework)
    } else {
        checker.diagnostics.sort_by_key(|d| d.span.start);
        Err(fail(checker.diagnostics))
    }
}

fn check_format_version(version: Option<&Spanned<i64>>) -> Result<(), Diagnostic> {
    let Some(version) = version else {
        return Err(Diagnostic::new(0..0, "missing `format_version`")
            .label("expected at the top of the file")
            .help(format!(
                "add `format_version = {FORMAT_VERSION}` as the first line"
            )));
    };
    match *version.get_ref() {
        v if v > FORMAT_VERSION => Err(Diagnostic::new(
            version.span(),
            format!("this file uses framework format version {v}, newer than this rungs reads"),
        )
        .label(format!("this rungs reads format version {FORMAT_VERSION}"))
        .help("upgrade rungs to a release that reads this format, then try again")),
        v if v < 1 => Err(
            Diagnostic::new(version.span(), format!("invalid format version {v}"))
                .label("format versions start at 1")
                .help(format!("set `format_version = {FORMAT_VERSION}`")),
        ),
        _ => Ok(()),
    }
}

/// Collects diagnostics while converting raw shapes into domain types.
struct Checker {
    /// The file's format version, which decides the fields it may use.
    version: i64,
    diagnostics: Vec<Diagnostic>,
}

impl Checker {
    fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// A field that format version `since` introduced, used in an older
    /// file: refused, so a file never depends on a field its own version
    /// line says it does not have.
    fn needs_version(&mut self, span: Range<usize>, field: &str, since: i64) -> bool {
        if self.version >= since {
            return true;
        }
        self.error(
            Diagnostic::new(
                span,
                format!("`{field}` needs framework format version {since}"),
            )
            .label(format!(
                "this file says `format_version = {}`",
                self.version
            ))
            .help(format!(
                "set `format_version = {since}` at the top of the file"
            )),
        );
        false
    }

    /// Examples of a statement: each a non-empty line of text.
    fn examples(&mut self, raw: Option<&Spanned<Vec<Spanned<String>>>>) -> Vec<String> {
        let Some(raw) = raw else {
            return Vec::new();
        };
        if !self.needs_version(raw.span(), "examples", 2) {
            return Vec::new();
        }
        let mut examples = Vec::new();
        for example in raw.get_ref() {
            if self.non_empty(example, "example") {
                examples.push(example.get_ref().trim().to_string());
            }
        }
        examples
    }

    /// An `expected` rating (format version 2): a value on the scale.
    fn expected(&mut self, raw: Option<&Spanned<i64>>, scale: &Scale) -> Option<u8> {
        let raw = raw?;
        if !self.needs_version(raw.span(), "expected", 2) {
            return None;
        }
        let value = *raw.get_ref();
        let on_scale = u8::try_from(value)
            .ok()
            .filter(|v| scale.level(*v).is_some());
        if on_scale.is_none() {
            let values: Vec<String> = scale
                .levels
                .iter()
                .map(|l| format!("{} {}", l.value, l.label))
                .collect();
            self.error(
                Diagnostic::new(
                    raw.span(),
                    format!("expected rating {value} is not a rating on the scale"),
                )
                .label("no level has this value")
                .help(format!("choose one of: {}", values.join(", "))),
            );
        }
        on_scale
    }

    fn framework(&mut self, raw: RawFramework) -> Framework {
        self.slug(&raw.id, "framework id");
        self.non_empty(&raw.name, "framework name");
        self.non_empty(&raw.version, "framework version");
        let scale = match raw.scale {
            Some(scale) => self.scale(scale),
            None => Scale::default_scale(),
        };
        let sections = self.sections(raw.section);
        let mut archetypes = self.archetypes(raw.archetype, &sections, &scale);
        self.ladder(&mut archetypes);
        Framework {
            id: raw.id.into_inner(),
            name: raw.name.into_inner(),
            version: raw.version.into_inner(),
            description: raw.description,
            scale,
            sections,
            archetypes: archetypes
                .into_iter()
                .map(|checked| checked.archetype)
                .collect(),
        }
    }

    fn non_empty(&mut self, value: &Spanned<String>, what: &str) -> bool {
        if value.get_ref().trim().is_empty() {
            self.error(
                Diagnostic::new(value.span(), format!("empty {what}"))
                    .label("write some text here"),
            );
            return false;
        }
        true
    }

    /// Ids that end up in file names and keys: ASCII letters, digits, `.`,
    /// `-` and `_`, starting with a letter or digit.
    fn slug(&mut self, value: &Spanned<String>, what: &str) -> bool {
        if !self.non_empty(value, what) {
            return false;
        }
        let text = value.get_ref();
        let valid = text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !valid {
            self.error(
                Diagnostic::new(value.span(), format!("invalid {what} `{text}`"))
                    .label("only letters, digits, `.`, `-` and `_`")
                    .help("start with a letter or digit and use no spaces"),
            );
        }
        valid
    }

    fn scale(&mut self, raw: Spanned<RawScale>) -> Scale {
        let span = raw.span();
        let raw = raw.into_inner();
        if raw.levels.is_empty() {
            self.error(
                Diagnostic::new(span.clone(), "the rating scale has no levels")
                    .label("no `levels` in this table")
                    .help("add `levels = [{ value = 0, label = \"...\" }, ...]`, or remove `[scale]` to use the default 0-3 scale"),
            );
        }
        let mut levels: Vec<ScaleLevel> = Vec::new();
        let mut seen: HashMap<i64, Range<usize>> = HashMap::new();
        for level in raw.levels {
            let level = level.into_inner();
            let value = *level.value.get_ref();
            self.non_empty(&level.label, "scale label");
            if !(0..=9).contains(&value) {
                self.error(
                    Diagnostic::new(
                        level.value.span(),
                        format!("rating value {value} is out of range"),
                    )
                    .label("must be 0 to 9")
                    .help("a rating is typed with one key, so values are single digits"),
                );
                continue;
            }
            if let Some(first) = seen.get(&value) {
                let first = first.clone();
                self.error(
                    Diagnostic::new(
                        level.value.span(),
                        format!("duplicate rating value {value}"),
                    )
                    .label("this value is already on the scale")
                    .help(format!(
                        "each value appears once; the first is at byte {}",
                        first.start
                    )),
                );
                continue;
            }
            seen.insert(value, level.value.span());
            levels.push(ScaleLevel {
                value: value as u8,
                label: level.label.into_inner(),
                description: level.description.unwrap_or_default(),
            });
        }
        levels.sort_by_key(|level| level.value);
        let met = match raw.met {
            None => {
                self.error(
                    Diagnostic::new(span, "the rating scale has no met threshold")
                        .label("no `met` in this table")
                        .help(
                            "add `met = N`: the lowest rating at which a statement counts as met",
                        ),
                );
                0
            }
            Some(met) => {
                let value = *met.get_ref();
                if !seen.contains_key(&value) {
                    let values: Vec<String> = levels.iter().map(|l| l.value.to_string()).collect();
                    self.error(
                        Diagnostic::new(
                            met.span(),
                            format!("met threshold {value} is not a rating on the scale"),
                        )
                        .label("no level has this value")
                        .help(format!(
                            "choose one of the scale's values: {}",
                            values.join(", ")
                        )),
                    );
                }
                u8::try_from(value).unwrap_or(0)
            }
        };
        Scale { levels, met }
    }

    fn sections(&mut self, raw: Vec<Spanned<RawSection>>) -> Vec<Section> {
        let mut sections = Vec::new();
        let mut seen = HashSet::new();
        for section in raw {
            let section = section.into_inner();
            if self.slug(&section.id, "section id") && !seen.insert(section.id.get_ref().clone()) {
                self.error(
                    Diagnostic::new(
                        section.id.span(),
                        format!("duplicate section id `{}`", section.id.get_ref()),
                    )
                    .label("declared before")
                    .help("give each [[section]] its own id"),
                );
            }
            self.non_empty(&section.name, "section name");
            let mut categories = Vec::new();
            let mut seen_categories = HashSet::new();
            for category in section.categories {
                let category = category.into_inner();
                if self.slug(&category.id, "category id")
                    && !seen_categories.insert(category.id.get_ref().clone())
                {
                    self.error(
                        Diagnostic::new(
                            category.id.span(),
                            format!("duplicate category id `{}`", category.id.get_ref()),
                        )
                        .label("declared before in this section")
                        .help("give each category its own id"),
                    );
                }
                self.non_empty(&category.name, "category name");
                let description = category.description.and_then(|description| {
                    (self.needs_version(description.span(), "description", 2)
                        && self.non_empty(&description, "category description"))
                    .then(|| description.into_inner().trim().to_string())
                });
                categories.push(Category {
                    id: category.id.into_inner(),
                    name: category.name.into_inner(),
                    description,
                });
            }
            sections.push(Section {
                id: section.id.into_inner(),
                name: section.name.into_inner(),
                description: section.description,
                categories,
            });
        }
        sections
    }

    /// Archetypes with the spans of their `next` and `lateral` entries,
    /// which the ladder checks need after the codes are known.
    fn archetypes(
        &mut self,
        raw: Vec<Spanned<RawArchetype>>,
        sections: &[Section],
        scale: &Scale,
    ) -> Vec<Checked> {
        let mut archetypes = Vec::new();
        let mut codes: HashMap<String, ()> = HashMap::new();
        let mut statement_ids: HashSet<String> = HashSet::new();
        let mut retired_spans: Vec<(String, Range<usize>)> = Vec::new();
        let index = Index::of(sections);
        for archetype in raw {
            let archetype = archetype.into_inner();
            let code = &archetype.code;
            if self.slug(code, "archetype code")
                && codes.insert(code.get_ref().to_uppercase(), ()).is_some()
            {
                self.error(
                    Diagnostic::new(
                        code.span(),
                        format!("duplicate archetype code `{}`", code.get_ref()),
                    )
                    .label("another archetype already has this code")
                    .help("codes are compared without case; give each archetype its own"),
                );
            }
            self.non_empty(&archetype.title, "archetype title");
            let sfia = archetype.sfia.and_then(|sfia| self.sfia(sfia));
            let mut groups = Vec::new();
            let mut categories_used = HashSet::new();
            for group in archetype.group {
                if let Some(group) = self.group(
                    group,
                    (sections, &index),
                    scale,
                    &mut categories_used,
                    &mut statement_ids,
                ) {
                    groups.push(group);
                }
            }
            groups.sort_by_key(|group| (group.section, group.category.unwrap_or(0)));
            let next_spans = archetype.next.iter().map(Spanned::span).collect();
            let lateral = match archetype.lateral {
                Some(lateral) if self.needs_version(lateral.span(), "lateral", 2) => {
                    lateral.into_inner()
                }
                _ => Vec::new(),
            };
            let lateral_spans = lateral.iter().map(Spanned::span).collect();
            let mut retired = Vec::new();
            if let Some(raw) = archetype.retired
                && self.needs_version(raw.span(), "retired", 3)
            {
                for id in raw.into_inner() {
                    if self.slug(&id, "retired statement id") {
                        retired_spans.push((id.get_ref().clone(), id.span()));
                        retired.push(id.into_inner());
                    }
                }
            }
            let core = match archetype.core {
                Some(raw) if self.needs_version(raw.span(), "core", 4) => {
                    self.core(raw.into_inner(), &archetype.code, &groups)
                }
                _ => Vec::new(),
            };
            archetypes.push(Checked {
                archetype: Archetype {
                    code: archetype.code.into_inner(),
                    title: archetype.title.into_inner(),
                    sfia,
                    next: archetype
                        .next
                        .into_iter()
                        .map(Spanned::into_inner)
                        .collect(),
                    lateral: lateral.into_iter().map(Spanned::into_inner).collect(),
                    retired,
                    core,
                    summary: archetype.summary,
                    groups,
                },
                next_spans,
                lateral_spans,
            });
        }
        self.retired(&retired_spans, &statement_ids);
        archetypes
    }

    /// An archetype's core: ids of its own statements, each once. A
    /// statement of another archetype would put a question of a different
    /// role into this one's check-in.
    fn core(
        &mut self,
        raw: Vec<Spanned<String>>,
        code: &Spanned<String>,
        groups: &[Group],
    ) -> Vec<String> {
        let code = code.get_ref();
        let mut core: Vec<String> = Vec::new();
        for id in raw {
            let span = id.span();
            let id = id.into_inner();
            let own = groups
                .iter()
                .flat_map(|group| &group.statements)
                .any(|statement| statement.id == id);
            if !own {
                self.error(
                    Diagnostic::new(span, format!("`{id}` is not a statement of {code}"))
                        .label("not among this archetype's statements")
                        .help(format!(
                            "the core of {code} lists ids of {code}'s own statements: check the spelling, or move the id to the archetype that has it"
                        )),
                );
            } else if core.contains(&id) {
                self.error(
                    Diagnostic::new(span, format!("`{id}` is in the core of {code} twice"))
                        .label("listed before")
                        .help("list each core statement once"),
                );
            } else {
                core.push(id);
            }
        }
        core
    }

    /// A retired id is retired once and is no statement's id: ratings
    /// people gave it stay in their files, and a new statement taking it
    /// would inherit them.
    fn retired(&mut self, retired: &[(String, Range<usize>)], live: &HashSet<String>) {
        let mut seen: HashSet<&str> = HashSet::new();
        for (id, span) in retired {
            if live.contains(id) {
                self.error(
                    Diagnostic::new(
                        span.clone(),
                        format!("statement id `{id}` is both retired and in use"),
                    )
                    .label("a statement of this file has this id")
                    .help(format!(
                        "a retired id is never used again: give that statement a new id, or remove `{id}` from `retired` if the statement still asks what it asked"
                    )),
                );
            } else if !seen.insert(id) {
                self.error(
                    Diagnostic::new(span.clone(), format!("`{id}` is retired twice"))
                        .label("retired before in this file")
                        .help("list each retired id once, on the archetype that had it"),
                );
            }
        }
    }

    fn sfia(&mut self, raw: Spanned<Vec<Spanned<i64>>>) -> Option<SfiaLevels> {
        let span = raw.span();
        let mut levels = Vec::new();
        for level in raw.into_inner() {
            let value = *level.get_ref();
            if !(1..=7).contains(&value) {
                self.error(
                    Diagnostic::new(level.span(), format!("SFIA level {value} does not exist"))
                        .label("SFIA levels are 1 to 7"),
                );
                return None;
            }
            levels.push(value as u8);
        }
        let levels = SfiaLevels::new(levels);
        if levels.is_none() {
            self.error(
                Diagnostic::new(span, "SFIA levels must be listed lowest first, each once")
                    .label("for example `sfia = [4, 5]`")
                    .help("remove `sfia` if the role has no SFIA mapping"),
            );
        }
        levels
    }

    fn group(
        &mut self,
        raw: Spanned<RawGroup>,
        (sections, index): (&[Section], &Index<'_>),
        scale: &Scale,
        categories_used: &mut HashSet<(usize, usize)>,
        statement_ids: &mut HashSet<String>,
    ) -> Option<Group> {
        let span = raw.span();
        let raw = raw.into_inner();
        let expected = self.expected(raw.expected.as_ref(), scale);
        let met = expected.unwrap_or(scale.met);
        let statements = self.statements(&raw, span.clone(), statement_ids, scale, met);
        let section_id = raw.section.get_ref();
        let Some(section) = index.sections.get(section_id.as_str()).copied() else {
            let mut help = format!(
                "declared sections: {}",
                sections
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            help = suggest::did_you_mean(
                suggest::nearest(section_id, sections.iter().map(|s| s.id.as_str())).as_deref(),
                &help,
            );
            if sections.is_empty() {
                help = "declare it first with a [[section]] table holding `id` and `name`".into();
            }
            self.error(
                Diagnostic::new(
                    raw.section.span(),
                    format!("unknown section `{section_id}`"),
                )
                .label("no [[section]] has this id")
                .help(help),
            );
            return None;
        };
        let declared = &sections[section];
        let category = match (&raw.category, declared.categories.is_empty()) {
            (None, true) => None,
            (Some(category), true) => {
                self.error(
                    Diagnostic::new(category.span(), format!("section `{}` has no categories", declared.id))
                        .label("not allowed here")
                        .help("use `name = \"...\"` for a free group, or declare `categories` on the section"),
                );
                return None;
            }
            (None, false) => {
                self.error(
                    Diagnostic::new(
                        raw.section.span(),
                        format!(
                            "this group needs a `category`: section `{}` declares categories",
                            declared.id
                        ),
                    )
                    .label("no `category` in this group")
                    .help(format!(
                        "add `category = \"...\"`, one of: {}",
                        category_ids(declared)
                    )),
                );
                return None;
            }
            (Some(category), false) => {
                let id = category.get_ref();
                let Some(index) = index.categories[section].get(id.as_str()).copied() else {
                    let mut help = format!(
                        "categories of `{}`: {}",
                        declared.id,
                        category_ids(declared)
                    );
                    help = suggest::did_you_mean(
                        suggest::nearest(id, declared.categories.iter().map(|c| c.id.as_str()))
                            .as_deref(),
                        &help,
                    );
                    self.error(
                        Diagnostic::new(category.span(), format!("unknown category `{id}`"))
                            .label(format!("not a category of section `{}`", declared.id))
                            .help(help),
                    );
                    return None;
                };
                if !categories_used.insert((section, index)) {
                    self.error(
                        Diagnostic::new(
                            category.span(),
                            format!("category `{id}` appears twice in this archetype"),
                        )
                        .label("a second group for the same category")
                        .help("put all of a category's statements in one group"),
                    );
                }
                if let Some(name) = &raw.name {
                    self.error(
                        Diagnostic::new(
                            name.span(),
                            "a category group takes its heading from the category",
                        )
                        .label("remove this `name`"),
                    );
                }
                Some(index)
            }
        };
        if let Some(name) = &raw.name {
            self.non_empty(name, "group name");
        }
        Some(Group {
            section,
            category,
            name: raw.name.map(Spanned::into_inner),
            statements,
        })
    }

    fn statements(
        &mut self,
        raw: &RawGroup,
        group_span: Range<usize>,
        statement_ids: &mut HashSet<String>,
        scale: &Scale,
        group_met: u8,
    ) -> Vec<Statement> {
        if raw.statements.is_empty() {
            self.error(
                Diagnostic::new(group_span, "a group with no statements")
                    .label("this group has no `statements`")
                    .help("add `statements = [{ id = \"...\", text = \"...\" }]`, or remove the group"),
            );
        }
        let mut statements = Vec::new();
        for statement in &raw.statements {
            let statement = statement.get_ref();
            if self.slug(&statement.id, "statement id")
                && !statement_ids.insert(statement.id.get_ref().clone())
            {
                self.error(
                    Diagnostic::new(statement.id.span(), format!("duplicate statement id `{}`", statement.id.get_ref()))
                        .label("another statement already has this id")
                        .help("ids are stable keys for ratings: give each statement its own, and never reuse one"),
                );
            }
            self.non_empty(&statement.text, "statement");
            let examples = self.examples(statement.examples.as_ref());
            let met = self
                .expected(statement.expected.as_ref(), scale)
                .unwrap_or(group_met);
            statements.push(Statement {
                id: statement.id.get_ref().clone(),
                text: statement.text.get_ref().trim().to_string(),
                examples,
                met,
            });
        }
        statements
    }

    /// Every `next` and `lateral` code exists (its spelling normalised to
    /// the declared code), none points to itself or twice to the same code,
    /// the ladder has no cycle, and a lateral archetype is neither above nor
    /// below along `next`.
    fn ladder(&mut self, archetypes: &mut [Checked]) {
        let codes: Vec<String> = archetypes
            .iter()
            .map(|c| c.archetype.code.clone())
            .collect();
        // Codes by their upper case: one lookup per link, so a ladder of
        // ten thousand archetypes is checked in linear time.
        let mut by_upper: HashMap<String, usize> = HashMap::new();
        for (i, code) in codes.iter().enumerate() {
            by_upper.entry(code.to_uppercase()).or_insert(i);
        }
        let codes = (codes.as_slice(), &by_upper);
        for checked in archetypes.iter_mut() {
            let archetype = &mut checked.archetype;
            let mut seen = HashSet::new();
            for (code, span) in archetype.next.iter_mut().zip(checked.next_spans.iter()) {
                if !self.resolve_code(code, span, codes, "next") {
                    continue;
                }
                if code.eq_ignore_ascii_case(&archetype.code) {
                    self.error(
                        Diagnostic::new(
                            span.clone(),
                            format!("archetype `{code}` leads to itself"),
                        )
                        .label("remove this code from `next`"),
                    );
                } else if !seen.insert(code.clone()) {
                    self.error(
                        Diagnostic::new(
                            span.clone(),
                            format!("`{code}` is listed twice in `next`"),
                        )
                        .label("remove the repeat"),
                    );
                }
            }
            let mut kept = Vec::new();
            let mut kept_spans = Vec::new();
            let mut seen = HashSet::new();
            for (mut code, span) in std::mem::take(&mut archetype.lateral)
                .into_iter()
                .zip(checked.lateral_spans.iter())
            {
                if !self.resolve_code(&mut code, span, codes, "lateral") {
                    continue;
                }
                if code.eq_ignore_ascii_case(&archetype.code) {
                    self.error(
                        Diagnostic::new(
                            span.clone(),
                            format!("archetype `{code}` is lateral to itself"),
                        )
                        .label("remove this code from `lateral`"),
                    );
                } else if !seen.insert(code.clone()) {
                    self.error(
                        Diagnostic::new(
                            span.clone(),
                            format!("`{code}` is listed twice in `lateral`"),
                        )
                        .label("remove the repeat"),
                    );
                } else if archetype.next.contains(&code) {
                    self.error(
                        Diagnostic::new(
                            span.clone(),
                            format!("`{code}` is in both `next` and `lateral`"),
                        )
                        .label("an archetype is either a step up or a move across, not both")
                        .help(format!(
                            "keep `{code}` in `next` if it is above `{}`, in `lateral` if it is on a parallel track",
                            archetype.code
                        )),
                    );
                } else {
                    kept.push(code);
                    kept_spans.push(span.clone());
                }
            }
            archetype.lateral = kept;
            checked.lateral_spans = kept_spans;
        }
        if self.cycles(archetypes) {
            self.lateral_not_above(archetypes);
        }
    }

    /// Normalises a code of `next` or `lateral` to the declared spelling;
    /// false, with an error, when no archetype has it.
    fn resolve_code(
        &mut self,
        code: &mut String,
        span: &Range<usize>,
        (codes, by_upper): (&[String], &HashMap<String, usize>),
        field: &str,
    ) -> bool {
        let found = by_upper
            .get(&code.to_uppercase())
            .map(|&i| &codes[i])
            .filter(|c| c.eq_ignore_ascii_case(code))
            .or_else(|| codes.iter().find(|c| c.eq_ignore_ascii_case(code)));
        let Some(declared) = found else {
            let mut help = format!("codes in this framework: {}", codes.join(", "));
            help = suggest::did_you_mean(
                suggest::nearest(code, codes.iter().map(String::as_str)).as_deref(),
                &help,
            );
            self.error(
                Diagnostic::new(
                    span.clone(),
                    format!("`{field}` names unknown archetype `{code}`"),
                )
                .label("no archetype has this code")
                .help(help),
            );
            return false;
        };
        *code = declared.clone();
        true
    }

    /// A lateral link joins archetypes on parallel tracks: one above the
    /// other along `next` belongs in `next`, or `gap --to` could lead down.
    fn lateral_not_above(&mut self, archetypes: &[Checked]) {
        let index: HashMap<&str, usize> = archetypes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.archetype.code.as_str(), i))
            .collect();
        let above = |from: usize| -> HashSet<usize> {
            let mut seen = HashSet::new();
            let mut queue = vec![from];
            while let Some(node) = queue.pop() {
                for code in &archetypes[node].archetype.next {
                    if let Some(&next) = index.get(code.as_str())
                        && seen.insert(next)
                    {
                        queue.push(next);
                    }
                }
            }
            seen
        };
        for (from, checked) in archetypes.iter().enumerate() {
            // Only archetypes with lateral links are searched from: a
            // search from every one would be quadratic in a long ladder.
            if checked.archetype.lateral.is_empty() {
                continue;
            }
            let from_above = above(from);
            for (code, span) in checked.archetype.lateral.iter().zip(&checked.lateral_spans) {
                let Some(&to) = index.get(code.as_str()) else {
                    continue;
                };
                let relation = if from_above.contains(&to) {
                    "above"
                } else if above(to).contains(&from) {
                    "below"
                } else {
                    continue;
                };
                self.error(
                    Diagnostic::new(
                        span.clone(),
                        format!(
                            "`{code}` is {relation} `{}` along `next`",
                            checked.archetype.code
                        ),
                    )
                    .label("a lateral archetype must be on a parallel track")
                    .help(format!(
                        "remove `{code}` from `lateral`: `gap --to` already reaches archetypes above"
                    )),
                );
            }
        }
    }

    /// Depth-first search over `next`; a back edge closes a cycle, reported
    /// once, at the `next` entry that closes it. True when there is none.
    fn cycles(&mut self, archetypes: &[Checked]) -> bool {
        let mut acyclic = true;
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            OnPath,
            Done,
        }
        let index: HashMap<&str, usize> = archetypes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.archetype.code.as_str(), i))
            .collect();
        let mut marks = vec![Mark::New; archetypes.len()];
        let mut path: Vec<usize> = Vec::new();
        // Explicit stack of (archetype, next entry to visit) so a long ladder
        // cannot overflow the call stack.
        for start in 0..archetypes.len() {
            if marks[start] != Mark::New {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            marks[start] = Mark::OnPath;
            path.push(start);
            while let Some((node, edge)) = stack.pop() {
                let Checked {
                    archetype,
                    next_spans: spans,
                    ..
                } = &archetypes[node];
                if edge == archetype.next.len() {
                    marks[node] = Mark::Done;
                    path.pop();
                    continue;
                }
                stack.push((node, edge + 1));
                let code = &archetype.next[edge];
                let Some(&target) = index.get(code.as_str()) else {
                    continue;
                };
                if target == node {
                    continue; // reported as "leads to itself"
                }
                match marks[target] {
                    Mark::New => {
                        marks[target] = Mark::OnPath;
                        path.push(target);
                        stack.push((target, 0));
                    }
                    Mark::OnPath => {
                        let from = path.iter().position(|&n| n == target).unwrap_or(0);
                        let mut cycle: Vec<&str> = path[from..]
                            .iter()
                            .map(|&n| archetypes[n].archetype.code.as_str())
                            .collect();
                        cycle.push(&archetypes[target].archetype.code);
                        acyclic = false;
                        self.error(
                            Diagnostic::new(
                                spans[edge].clone(),
                                format!("the ladder has a cycle: {}", cycle.join(" → ")),
                            )
                            .label("this step leads back down the ladder")
                            .help(
                                "`next` must always lead up the ladder; remove one of these steps",
                            ),
                        );
                    }
                    Mark::Done => {}
                }
            }
        }
        acyclic
    }
}

/// Sections and their categories by id, built once per file: a group
/// finds its section and category in one lookup each, so a framework of a
/// hundred thousand categories loads in linear time.
struct Index<'a> {
    sections: HashMap<&'a str, usize>,
    categories: Vec<HashMap<&'a str, usize>>,
}

impl<'a> Index<'a> {
    fn of(sections: &'a [Section]) -> Index<'a> {
        let mut by_id = HashMap::new();
        for (i, section) in sections.iter().enumerate() {
            by_id.entry(section.id.as_str()).or_insert(i);
        }
        let categories = sections
            .iter()
            .map(|section| {
                let mut by_id = HashMap::new();
                for (i, category) in section.categories.iter().enumerate() {
                    by_id.entry(category.id.as_str()).or_insert(i);
                }
                by_id
            })
            .collect();
        Index {
            sections: by_id,
            categories,
        }
    }
}

/// An archetype being checked, with where its `next` and `lateral` codes
/// are written.
struct Checked {
    archetype: Archetype,
    next_spans: Vec<Range<usize>>,
    lateral_spans: Vec<Range<usize>>,
}

fn category_ids(section: &Section) -> String {
    section
        .categories
        .iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Origin;

    const MINIMAL: &str = r#"
format_version = 1
id = "acme"
name = "Acme"
version = "1"

[[section]]
id = "craft"
name = "Craft"

[[archetype]]
code = "E1"
title = "Engineer"
next = ["E2"]

[[archetype.group]]
section = "craft"
statements = [{ id = "e1.1", text = "Ships a change." }]

[[archetype]]
code = "E2"
title = "Senior Engineer"
"#;

    fn load(text: &str) -> Result<Framework, FrameworkError> {
        parse(&SourceFile::new(Origin::File("t.toml".into()), text))
    }

    fn messages(text: &str) -> Vec<String> {
        match load(text) {
            Ok(_) => vec![],
            Err(error) => error.diagnostics.into_iter().map(|d| d.message).collect(),
        }
    }

    #[test]
    fn a_minimal_framework_loads_with_the_default_scale() {
        let framework = load(MINIMAL).expect("valid");
        assert_eq!(framework.scale, Scale::default_scale());
        assert_eq!(framework.archetypes.len(), 2);
        assert_eq!(framework.statement_count(), 1);
    }

    #[test]
    fn next_codes_are_matched_without_case_and_normalised() {
        let framework =
            load(&MINIMAL.replace(r#"next = ["E2"]"#, r#"next = ["e2"]"#)).expect("valid");
        assert_eq!(framework.archetypes[0].next, vec!["E2".to_string()]);
    }

    #[test]
    fn every_semantic_error_is_reported() {
        let text = MINIMAL
            .replace(r#"next = ["E2"]"#, r#"next = ["E3"]"#)
            .replace(r#"text = "Ships a change.""#, r#"text = "  ""#)
            .replace(r#"section = "craft""#, r#"section = "crafts""#);
        let found = messages(&text);
        assert!(
            found.contains(&"`next` names unknown archetype `E3`".to_string()),
            "{found:?}"
        );
        assert!(found.contains(&"empty statement".to_string()), "{found:?}");
        assert!(
            found.contains(&"unknown section `crafts`".to_string()),
            "{found:?}"
        );
    }

    #[test]
    fn a_cycle_is_reported_with_its_path() {
        let text = format!("{MINIMAL}next = [\"E1\"]\n");
        assert_eq!(
            messages(&text),
            vec!["the ladder has a cycle: E1 → E2 → E1".to_string()]
        );
    }

    #[test]
    fn a_newer_format_version_is_refused_before_unknown_keys() {
        let text = MINIMAL.replace("format_version = 1", "format_version = 99\nshiny = true");
        let found = messages(&text);
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("format version 99"), "{found:?}");
    }

    #[test]
    fn examples_load_in_version_two_and_are_refused_in_version_one() {
        let with_examples = MINIMAL.replace(
            r#"text = "Ships a change." }"#,
            r#"text = "Ships a change.", examples = [" A merged pull request. "] }"#,
        );
        assert_eq!(
            messages(&with_examples),
            vec!["`examples` needs framework format version 2".to_string()]
        );
        let v2 = with_examples.replace("format_version = 1", "format_version = 2");
        let framework = load(&v2).expect("valid");
        let statement = &framework.archetypes[0].groups[0].statements[0];
        assert_eq!(
            statement.examples,
            vec!["A merged pull request.".to_string()]
        );
        let empty = v2.replace("A merged pull request.", " ");
        assert_eq!(messages(&empty), vec!["empty example".to_string()]);
    }

    /// Two tracks above one entry role: IC2 (up) and M2 (up), which are
    /// parallel to each other; M3 above M2.
    const TRACKS: &str = r#"
format_version = 2
id = "tracks"
name = "Tracks"
version = "1"

[[section]]
id = "craft"
name = "Craft"
categories = [{ id = "code", name = "Code", description = "Writing and reviewing code." }]

[[archetype]]
code = "IC1"
title = "Engineer"
next = ["IC2", "M2"]

[[archetype.group]]
section = "craft"
category = "code"
expected = 3
statements = [
  { id = "ic1.1", text = "Ships a change." },
  { id = "ic1.2", text = "Reviews a change.", expected = 1 },
]

[[archetype]]
code = "IC2"
title = "Senior Engineer"
lateral = ["m2"]

[[archetype]]
code = "M2"
title = "Manager"
next = ["M3"]

[[archetype]]
code = "M3"
title = "Senior Manager"
"#;

    fn located(text: &str) -> Vec<(String, (usize, usize))> {
        match load(text) {
            Ok(_) => vec![],
            Err(error) => {
                let locations = error.locations();
                error
                    .diagnostics
                    .into_iter()
                    .map(|d| d.message)
                    .zip(locations)
                    .collect()
            }
        }
    }

    /// Line and column of the first occurrence of `needle` in `text`.
    fn position(text: &str, needle: &str) -> (usize, usize) {
        let offset = text.find(needle).expect("needle in text");
        SourceFile::new(Origin::File("t.toml".into()), text).line_col(offset)
    }

    #[test]
    fn version_two_fields_load() {
        let framework = load(TRACKS).expect("valid");
        let code = &framework.sections[0].categories[0];
        assert_eq!(
            code.description.as_deref(),
            Some("Writing and reviewing code.")
        );
        let statements = &framework.archetypes[0].groups[0].statements;
        assert_eq!(statements[0].met, 3, "the group's expected rating");
        assert_eq!(statements[1].met, 1, "the statement's own wins");
        assert_eq!(framework.archetypes[1].lateral, ["M2"], "normalised");
    }

    #[test]
    fn without_expected_the_scale_decides() {
        let framework = load(MINIMAL).expect("valid");
        let statement = &framework.archetypes[0].groups[0].statements[0];
        assert_eq!(statement.met, 2);
        assert!(!statement.is_met(1) && statement.is_met(2));
    }

    #[test]
    fn version_two_fields_are_refused_in_version_one() {
        let v1 = TRACKS.replace("format_version = 2", "format_version = 1");
        let found: Vec<String> = located(&v1).into_iter().map(|(m, _)| m).collect();
        assert_eq!(
            found,
            [
                "`description` needs framework format version 2",
                "`expected` needs framework format version 2",
                "`expected` needs framework format version 2",
                "`lateral` needs framework format version 2",
            ]
        );
    }

    #[test]
    fn an_expected_rating_off_the_scale_is_refused_where_it_is() {
        let text = TRACKS.replace("expected = 1 }", "expected = 7 }");
        assert_eq!(
            located(&text),
            [(
                "expected rating 7 is not a rating on the scale".to_string(),
                position(&text, "7 }")
            )]
        );
        let text = TRACKS.replace("expected = 3", "expected = -1");
        assert_eq!(
            located(&text),
            [(
                "expected rating -1 is not a rating on the scale".to_string(),
                position(&text, "-1")
            )]
        );
    }

    #[test]
    fn an_empty_category_description_is_refused() {
        let text = TRACKS.replace("Writing and reviewing code.", " ");
        assert_eq!(messages(&text), ["empty category description"]);
    }

    #[test]
    fn lateral_links_both_ways_are_not_a_cycle() {
        let text = TRACKS.replace(
            "title = \"Manager\"\n",
            "title = \"Manager\"\nlateral = [\"IC2\"]\n",
        );
        let framework = load(&text).expect("valid");
        assert_eq!(framework.archetypes[2].lateral, ["IC2"]);
    }

    #[test]
    fn bad_lateral_links_are_refused_where_they_are() {
        let cases = [
            (
                "lateral = [\"m2\"]",
                "lateral = [\"M9\"]",
                "\"M9\"",
                "`lateral` names unknown archetype `M9`",
            ),
            (
                "lateral = [\"m2\"]",
                "lateral = [\"IC2\"]",
                "\"IC2\"]",
                "archetype `IC2` is lateral to itself",
            ),
            (
                "lateral = [\"m2\"]",
                "lateral = [\"M2\", \"m2\"]",
                "\"m2\"",
                "`M2` is listed twice in `lateral`",
            ),
            (
                "next = [\"IC2\", \"M2\"]",
                "next = [\"IC2\", \"M2\"]\nlateral = [\"M2\"]",
                "\"M2\"]\n\n",
                "`M2` is in both `next` and `lateral`",
            ),
            (
                "lateral = [\"m2\"]",
                "lateral = [\"IC1\"]",
                "\"IC1\"]",
                "`IC1` is below `IC2` along `next`",
            ),
            (
                "lateral = [\"m2\"]",
                "lateral = [\"M2\"]\nnext = [\"M3\"]",
                "M3\"]\nnext",
                "",
            ),
        ];
        for (from, to, at, message) in cases {
            let text = TRACKS.replace(from, to);
            let found = located(&text);
            if message.is_empty() {
                // IC2 leads to M3 above M2: still parallel to M2.
                assert_eq!(found, [], "{to}");
                continue;
            }
            assert_eq!(found, [(message.to_string(), position(&text, at))], "{to}");
        }
        let above = TRACKS.replace(
            "title = \"Engineer\"\n",
            "title = \"Engineer\"\nlateral = [\"M3\"]\n",
        );
        assert_eq!(
            located(&above),
            [(
                "`M3` is above `IC1` along `next`".to_string(),
                position(&above, "\"M3\"]\nnext")
            )]
        );
    }

    #[test]
    fn a_core_loads_in_version_four_and_is_refused_before() {
        let v4 = TRACKS
            .replace("format_version = 2", "format_version = 4")
            .replace(
                "title = \"Engineer\"\n",
                "title = \"Engineer\"\ncore = [\"ic1.2\"]\n",
            );
        let framework = load(&v4).expect("valid");
        let ic1 = &framework.archetypes[0];
        assert_eq!(ic1.core, ["ic1.2"]);
        let core: Vec<&str> = ic1.core_statements().map(|(_, s)| s.id.as_str()).collect();
        assert_eq!(core, ["ic1.2"]);
        assert!(framework.archetypes[1].core.is_empty(), "none named");
        let v3 = v4.replace("format_version = 4", "format_version = 3");
        assert_eq!(
            located(&v3),
            [(
                "`core` needs framework format version 4".to_string(),
                position(&v3, "[\"ic1.2\"]")
            )]
        );
    }

    #[test]
    fn a_core_names_the_archetypes_own_statements_once() {
        let text = TRACKS
            .replace("format_version = 2", "format_version = 4")
            .replace(
                "title = \"Engineer\"\n",
                "title = \"Engineer\"\ncore = [\"ic1.1\", \"ic9.1\", \"ic1.1\"]\n",
            );
        assert_eq!(
            located(&text),
            [
                (
                    "`ic9.1` is not a statement of IC1".to_string(),
                    position(&text, "\"ic9.1\"")
                ),
                (
                    "`ic1.1` is in the core of IC1 twice".to_string(),
                    position(&text, "\"ic1.1\"]")
                ),
            ]
        );
    }

    #[test]
    fn retired_ids_load_in_version_three_and_are_refused_before() {
        let v3 = TRACKS
            .replace("format_version = 2", "format_version = 3")
            .replace(
                "title = \"Engineer\"\n",
                "title = \"Engineer\"\nretired = [\"ic1.3\", \"ic1.4\"]\n",
            );
        let framework = load(&v3).expect("valid");
        assert_eq!(framework.archetypes[0].retired, ["ic1.3", "ic1.4"]);
        assert_eq!(
            framework.retired_by("ic1.4").map(|a| a.code.as_str()),
            Some("IC1")
        );
        assert!(framework.retired_by("ic1.1").is_none(), "a live id");
        let v2 = v3.replace("format_version = 3", "format_version = 2");
        assert_eq!(
            located(&v2),
            [(
                "`retired` needs framework format version 3".to_string(),
                position(&v2, "[\"ic1.3\"")
            )]
        );
    }

    #[test]
    fn a_retired_id_in_use_retired_twice_or_malformed_is_refused_where_it_is() {
        let text = TRACKS
            .replace("format_version = 2", "format_version = 3")
            .replace(
                "title = \"Engineer\"\n",
                "title = \"Engineer\"\nretired = [\"ic1.2\", \"ic1.9\", \"bad id\"]\n",
            )
            .replace(
                "title = \"Manager\"\n",
                "title = \"Manager\"\nretired = [\"ic1.9\"]\n",
            );
        let found = located(&text);
        let messages: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "statement id `ic1.2` is both retired and in use",
                "invalid retired statement id `bad id`",
                "`ic1.9` is retired twice",
            ]
        );
        assert_eq!(found[0].1, position(&text, "\"ic1.2\", \"ic1.9"));
        assert_eq!(found[2].1, position(&text, "\"ic1.9\"]\n"));
    }

    #[test]
    fn scale_without_met_or_with_duplicates_is_refused() {
        let scale =
            "[scale]\nlevels = [{ value = 1, label = \"a\" }, { value = 1, label = \"b\" }]\n";
        let text = MINIMAL.replace("[[section]]", &format!("{scale}\n[[section]]"));
        let found = messages(&text);
        assert!(
            found.contains(&"duplicate rating value 1".to_string()),
            "{found:?}"
        );
        assert!(
            found.contains(&"the rating scale has no met threshold".to_string()),
            "{found:?}"
        );
    }
}

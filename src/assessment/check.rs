//! A stored or imported assessment checked against its framework as
//! strictly as an answers file is: the role and target exist and are in
//! order on the ladder, sections exist, every rating is on the scale, no
//! more than three focus areas, and no time far in the future (which would
//! make an assessment the "latest" for ever).
//!
//! Problems are found on the parsed assessment; only when there is one is
//! the file read again for the places to point at, so a valid file costs
//! one pass.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use serde::de::IgnoredAny;
use toml::Spanned;

use super::answers::{more_than_one_line, not_above, off_scale, unknown_code};
use super::store::check_id;
use super::{Assessment, MAX_FOCUS, Timestamp};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::framework::Framework;

/// How far ahead of this machine's clock a time may be: clocks of two
/// machines disagree, but not by days.
pub const FUTURE_TOLERANCE: chrono::TimeDelta = chrono::TimeDelta::days(1);

/// Where a problem is in the file.
#[derive(Debug)]
enum Place {
    Id,
    Person,
    Assessor,
    Framework,
    Role,
    To,
    Section(usize),
    Focus(usize),
    Time(&'static str),
    Rating(String),
    AnsweredAt(String),
}

/// Every value a problem can point at, with its place in the file.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Spans {
    id: Option<Spanned<IgnoredAny>>,
    person: Option<Spanned<IgnoredAny>>,
    assessor: Option<Spanned<IgnoredAny>>,
    framework: Option<Spanned<IgnoredAny>>,
    role: Option<Spanned<IgnoredAny>>,
    to: Option<Spanned<IgnoredAny>>,
    sections: Vec<Spanned<IgnoredAny>>,
    focus: Vec<Spanned<IgnoredAny>>,
    started: Option<Spanned<IgnoredAny>>,
    updated: Option<Spanned<IgnoredAny>>,
    completed: Option<Spanned<IgnoredAny>>,
    imported: Option<Spanned<IgnoredAny>>,
    ratings: BTreeMap<String, AnswerSpans>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AnswerSpans {
    rating: Option<Spanned<IgnoredAny>>,
    at: Option<Spanned<IgnoredAny>>,
}

impl Spans {
    fn of(place: &Place, spans: &Spans) -> Option<Range<usize>> {
        let span = |value: &Option<Spanned<IgnoredAny>>| value.as_ref().map(Spanned::span);
        match place {
            Place::Id => span(&spans.id),
            Place::Person => span(&spans.person),
            Place::Assessor => span(&spans.assessor),
            Place::Framework => span(&spans.framework),
            Place::Role => span(&spans.role),
            Place::To => span(&spans.to),
            Place::Section(i) => spans.sections.get(*i).map(Spanned::span),
            Place::Focus(i) => spans.focus.get(*i).map(Spanned::span),
            Place::Time("started") => span(&spans.started),
            Place::Time("updated") => span(&spans.updated),
            Place::Time("completed") => span(&spans.completed),
            Place::Time(_) => span(&spans.imported),
            Place::Rating(id) => spans.ratings.get(id).and_then(|a| span(&a.rating)),
            Place::AnsweredAt(id) => spans.ratings.get(id).and_then(|a| span(&a.at)),
        }
    }
}

/// Checks `assessment`, parsed from `source`, against `framework` (when it
/// is loaded; `require_framework` makes its absence a problem too).
pub fn check(
    source: &SourceFile,
    assessment: &Assessment,
    framework: Option<&Framework>,
    require_framework: bool,
    now: Timestamp,
) -> Result<(), Vec<Diagnostic>> {
    let problems = problems(assessment, framework, require_framework, now);
    if problems.is_empty() {
        return Ok(());
    }
    let spans: Spans = toml::from_str(&source.text).unwrap_or_default();
    let end = source.text.len();
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .map(|(place, make)| make(Spans::of(&place, &spans).unwrap_or(0..end.min(1))))
        .collect();
    diagnostics.sort_by_key(|d| d.span.start);
    Err(diagnostics)
}

/// A problem and how to describe it once its place is known.
type Problem<'a> = (Place, Box<dyn FnOnce(Range<usize>) -> Diagnostic + 'a>);

fn problems<'a>(
    assessment: &'a Assessment,
    framework: Option<&'a Framework>,
    require_framework: bool,
    now: Timestamp,
) -> Vec<Problem<'a>> {
    let mut problems: Vec<Problem<'a>> = Vec::new();

    // The id becomes a file name.
    if let Err(error) = check_id(&assessment.id) {
        let help = error.help().unwrap_or_default();
        problems.push((
            Place::Id,
            Box::new(move |span| {
                Diagnostic::new(span, error.to_string())
                    .label("not usable as a file name")
                    .help(help)
            }),
        ));
    }

    // Names head reports and fill a cell of `list`.
    let names = [
        (Place::Person, "person", Some(&assessment.person)),
        (Place::Assessor, "assessor", assessment.assessor.as_ref()),
    ];
    for (place, field, name) in names {
        if name.is_some_and(|name| !super::is_one_line(name)) {
            problems.push((place, Box::new(move |span| more_than_one_line(field, span))));
        }
    }

    // `self` and an empty name are the person's own view, not an
    // assessor's.
    if let Some(why) = assessment
        .assessor
        .as_deref()
        .and_then(super::assessor_problem)
    {
        problems.push((
            Place::Assessor,
            Box::new(move |span| {
                Diagnostic::new(span, format!("`assessor` {why}"))
                    .label("not an assessor's name")
                    .help(super::ASSESSOR_HELP)
            }),
        ));
    }

    // Times far in the future.
    let latest = now + FUTURE_TOLERANCE;
    let future = |field: String, at: Timestamp| {
        move |span| {
            Diagnostic::new(span, format!("`{field}` is in the future: {at}"))
                .label("later than this machine's clock by more than a day")
                .help("correct the time in the file, or the clock of the machine that wrote it")
        }
    };
    let times = [
        ("started", Some(assessment.started)),
        ("updated", Some(assessment.updated)),
        ("completed", assessment.completed),
        ("imported", assessment.imported),
    ];
    for (field, at) in times {
        if let Some(at) = at.filter(|at| *at > latest) {
            problems.push((Place::Time(field), Box::new(future(field.to_string(), at))));
        }
    }
    for (id, answer) in &assessment.ratings {
        if answer.at > latest {
            let field = format!("ratings.\"{id}\".at");
            problems.push((
                Place::AnsweredAt(id.clone()),
                Box::new(future(field, answer.at)),
            ));
        }
    }

    // A plan, not a wish list.
    if assessment.open_focus() > MAX_FOCUS {
        let count = assessment.open_focus();
        let fourth = assessment
            .focus
            .iter()
            .enumerate()
            .filter(|(_, f)| f.is_open())
            .nth(MAX_FOCUS)
            .map_or(MAX_FOCUS, |(i, _)| i);
        problems.push((
            Place::Focus(fourth),
            Box::new(move |span| {
                Diagnostic::new(
                    span,
                    format!("{count} focus areas, where {MAX_FOCUS} is the most"),
                )
                .label(format!("one more than {MAX_FOCUS}"))
                .help(format!(
                    "remove focus areas from the file until {MAX_FOCUS} are left"
                ))
            }),
        ));
    }

    let Some(framework) = framework else {
        if require_framework {
            let id = assessment.framework.clone();
            problems.push((
                Place::Framework,
                Box::new(move |span| {
                    Diagnostic::new(span, format!("framework `{id}` is not loaded"))
                        .label("neither built in nor among your framework files")
                        .help("load it first: put its file in your frameworks folder, or name it with `rungs --framework FILE import ...`; `rungs frameworks` lists those loaded")
                }),
            ));
        }
        return problems;
    };

    let role = match framework.archetype(&assessment.role) {
        Ok(role) => Some(role),
        Err(unknown) => {
            problems.push((
                Place::Role,
                Box::new(move |span| unknown_code(span, &unknown)),
            ));
            None
        }
    };
    if let Some(code) = &assessment.to {
        match framework.archetype(code) {
            Err(unknown) => problems.push((
                Place::To,
                Box::new(move |span| unknown_code(span, &unknown)),
            )),
            Ok(to) => {
                if let Some(role) = role
                    && !framework
                        .targets_from(role)
                        .iter()
                        .any(|a| a.code == to.code)
                {
                    problems.push((
                        Place::To,
                        Box::new(move |span| not_above(span, framework, to, role)),
                    ));
                }
            }
        }
    }
    for (index, section) in assessment.sections.iter().flatten().enumerate() {
        if !framework.sections.iter().any(|s| &s.id == section) {
            let ids: Vec<&str> = framework.sections.iter().map(|s| s.id.as_str()).collect();
            let help = format!("sections of {}: {}", framework.id, ids.join(", "));
            let message = format!("no section `{section}` in framework `{}`", framework.id);
            problems.push((
                Place::Section(index),
                Box::new(move |span| {
                    Diagnostic::new(span, message)
                        .label("unknown section")
                        .help(help)
                }),
            ));
        }
    }
    // Ratings of statements the framework no longer has are kept as they
    // are; a value off the scale is never counted.
    let scale = &framework.scale;
    for (id, answer) in &assessment.ratings {
        if let Some(value) = answer.rating
            && scale.level(value).is_none()
        {
            problems.push((
                Place::Rating(id.clone()),
                Box::new(move |span| off_scale(span, i64::from(value), scale)),
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{FileKind, InvalidFile, Origin};
    use crate::testing::{acme, assessment};

    fn located(text: &str, require: bool) -> Vec<((usize, usize), String)> {
        let source = SourceFile::new(Origin::File("a.toml".into()), text);
        let parsed = Assessment::parse(&source).expect("parses");
        let framework = acme();
        let now: Timestamp = "2026-11-25T10:00:00+00:00".parse().expect("time");
        let diagnostics = check(&source, &parsed, Some(&framework), require, now)
            .err()
            .unwrap_or_default();
        let error = InvalidFile::new(FileKind::Assessment, &source, diagnostics.clone());
        error
            .locations()
            .into_iter()
            .zip(diagnostics.into_iter().map(|d| d.message))
            .collect()
    }

    fn file(edit: impl Fn(&mut Assessment)) -> String {
        let mut a = assessment(&[("e1.craft.1", Some(4), None), ("e1.craft.2", None, None)]);
        edit(&mut a);
        a.to_toml().expect("toml")
    }

    #[test]
    fn a_consistent_file_passes() {
        assert!(located(&file(|_| {}), true).is_empty());
    }

    /// Issue 11, item 6: what an answers file would refuse, a stored file
    /// is refused for too, at its place.
    #[test]
    fn every_inconsistency_is_found_at_its_place() {
        let text = file(|a| {
            a.role = "E9".into();
            a.sections = Some(vec!["competencies".into(), "nope".into()]);
        })
        .replace("rating = 4", "rating = 9");
        let found = located(&text, false);
        let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "no archetype `E9` in framework `acme-engineering`",
                "no section `nope` in framework `acme-engineering`",
                "rating 9 is not on the scale",
            ],
            "{found:?}"
        );
        let line = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1);
        assert_eq!(found[0].0.0, line("role = ").expect("role"));
        assert_eq!(found[2].0.0, line("rating = 9").expect("rating"));
    }

    /// A name over a line break, in a file someone edited, is refused
    /// at its line.
    #[test]
    fn a_name_on_more_than_one_line_is_refused() {
        let text = file(|a| {
            a.person = "Ada\nfake-1  Mallory".into();
            a.assessor = Some("Grace\nHopper".into());
        });
        let found = located(&text, false);
        let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`person` is on more than one line",
                "`assessor` is on more than one line"
            ],
            "{found:?}"
        );
        let line = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1);
        assert_eq!(found[0].0.0, line("person = ").expect("person"));
        assert!(located(&file(|a| a.person = "Ada\tLovelace".into()), false).is_empty());
    }

    #[test]
    fn a_target_below_the_role_and_too_many_focus_areas_are_refused() {
        let text = file(|a| {
            a.role = "E2".into();
            a.to = Some("E1".into());
            let focus = crate::assessment::Focus {
                target: "craft".into(),
                action: "x".into(),
                due: None,
                agreed: a.started,
                done: None,
                dropped: None,
            };
            a.focus = vec![focus; 5];
        });
        let messages: Vec<String> = located(&text, false).into_iter().map(|(_, m)| m).collect();
        assert_eq!(
            messages,
            [
                "`E1` is not above `E2` on the ladder",
                "5 focus areas, where 3 is the most"
            ]
        );
    }

    /// Issue 11, item 3: an id in a file that would climb out of the data
    /// directory is an error at its place.
    #[test]
    fn an_id_that_cannot_be_a_file_name_is_refused() {
        let text = file(|a| a.id = "../../outside/victim".into());
        let found = located(&text, false);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, (2, 6));
        assert!(found[0].1.contains("cannot be a file name"), "{found:?}");
    }

    #[test]
    fn a_time_far_ahead_is_refused_and_a_little_ahead_is_not() {
        let far = file(|a| a.updated = "9999-12-31T23:59:59+14:00".parse().expect("time"));
        let found = located(&far, false);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].1.starts_with("`updated` is in the future"),
            "{found:?}"
        );
        let near = file(|a| a.updated = "2026-11-25T20:00:00+00:00".parse().expect("time"));
        assert!(located(&near, false).is_empty());
    }

    #[test]
    fn an_unknown_framework_is_a_problem_only_when_required() {
        let text = file(|a| a.framework = "elsewhere".into());
        let source = SourceFile::new(Origin::File("a.toml".into()), text.as_str());
        let parsed = Assessment::parse(&source).expect("parses");
        let now = crate::assessment::now();
        assert!(check(&source, &parsed, None, false, now).is_ok());
        let problems = check(&source, &parsed, None, true, now).expect_err("required");
        assert_eq!(problems[0].message, "framework `elsewhere` is not loaded");
    }
}

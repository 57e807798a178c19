//! Answers files: an assessment written by hand or by a script, recorded
//! with `rungs assess --answers FILE` and no prompts.
//!
//! ```toml
//! person = "Ada"
//! role = "SPE"
//! to = "LSE"
//! [ratings]
//! "spe.delivery.1" = { rating = 2, evidence = "Led the move to progressive delivery" }
//! "spe.reliability.3" = { no_opportunity = true, evidence = "No major incident this quarter" }
//! ```
//!
//! Every problem is reported at once, each with its line and column.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::{Answer, Assessment, AssessmentKind, Kind, Status, Timestamp, format_version_for};
use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, FileKind, InvalidFile, SourceFile};
use crate::error::Error;
use crate::framework::{Archetype, Framework, Scale, UnknownArchetype};
use crate::suggest;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswers {
    /// Whose assessment this is.
    person: Spanned<String>,
    /// Who gave the ratings, if not the person.
    #[serde(default)]
    assessor: Option<Spanned<String>>,
    /// Framework id; the command's framework when absent.
    #[serde(default)]
    framework: Option<Spanned<String>>,
    /// Current role code.
    role: Spanned<String>,
    /// Next archetype code; the role's first `next` when absent.
    #[serde(default)]
    to: Option<Spanned<String>>,
    /// `check-in` to rate only the cores of both roles; `full`, the
    /// default, for every statement.
    #[serde(default)]
    kind: Option<Spanned<String>>,
    /// Free text about the assessment.
    #[serde(default)]
    notes: Option<String>,
    /// Answers by statement id.
    #[serde(default)]
    ratings: BTreeMap<Spanned<String>, Spanned<RawAnswer>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    /// A value of the scale.
    #[serde(default)]
    rating: Option<Spanned<i64>>,
    /// `true`: the situation has not arisen yet; instead of a rating.
    #[serde(default)]
    no_opportunity: Option<Spanned<bool>>,
    #[serde(default)]
    evidence: Option<String>,
}

/// Unknown statement ids that get a "did you mean": the first few.
const SUGGESTED: usize = 20;

/// What an answers file asks for before it is checked against a framework:
/// the framework it names, if any.
pub fn framework_id(source: &SourceFile) -> Result<Option<String>, InvalidFile> {
    let raw = parse_raw(source)?;
    Ok(raw.framework.map(Spanned::into_inner))
}

/// The framework an answers file is checked against: the one it names
/// (an unknown id is an error at its place in the file), or the catalog's
/// selected one.
pub fn framework<'c>(
    source: &SourceFile,
    catalog: &'c Catalog,
) -> Result<&'c Framework, crate::error::Error> {
    let raw = parse_raw(source)?;
    let Some(id) = raw.framework else {
        return catalog.selected();
    };
    match catalog.find(id.get_ref()) {
        Ok(entry) => Ok(&entry.framework),
        Err(error) => {
            let mut diagnostic = Diagnostic::new(id.span(), error.to_string())
                .label("not a framework rungs has loaded");
            if let Some(help) = error.help() {
                diagnostic = diagnostic.help(help);
            }
            Err(InvalidFile::new(FileKind::Answers, source, vec![diagnostic]).into())
        }
    }
}

fn parse_raw(source: &SourceFile) -> Result<RawAnswers, InvalidFile> {
    toml::from_str(&source.text).map_err(|error| {
        InvalidFile::new(
            FileKind::Answers,
            source,
            vec![Diagnostic::from_toml(&error, source)],
        )
    })
}

/// Checks an answers file against `framework` and builds an assessment
/// from it, with an empty `id` for the caller to assign: complete (with a
/// completion time) only when it answers every statement of both roles.
pub fn parse(
    source: &SourceFile,
    framework: &Framework,
    at: Timestamp,
) -> Result<Assessment, InvalidFile> {
    let raw = parse_raw(source)?;
    let mut problems = Vec::new();
    let fail = |problems| InvalidFile::new(FileKind::Answers, source, problems);

    if raw.person.get_ref().trim().is_empty() {
        problems.push(
            Diagnostic::new(raw.person.span(), "empty `person`").label("whose assessment is this?"),
        );
    }
    let names = std::iter::once(("person", &raw.person))
        .chain(raw.assessor.iter().map(|a| ("assessor", a)));
    for (field, name) in names {
        if !super::is_one_line(name.get_ref()) {
            problems.push(more_than_one_line(field, name.span()));
        }
    }
    if let Some(assessor) = &raw.assessor
        && let Some(why) = super::assessor_problem(assessor.get_ref())
    {
        problems.push(
            Diagnostic::new(assessor.span(), format!("`assessor` {why}"))
                .label("not an assessor's name")
                .help(super::ASSESSOR_HELP),
        );
    }
    let role = match framework.archetype(raw.role.get_ref()) {
        Ok(role) => Some(role),
        Err(unknown) => {
            problems.push(unknown_code(raw.role.span(), &unknown));
            None
        }
    };
    let to = match (&raw.to, role) {
        (Some(code), Some(role)) => match framework.archetype(code.get_ref()) {
            Ok(to)
                if framework
                    .targets_from(role)
                    .iter()
                    .any(|a| a.code == to.code) =>
            {
                Some(to)
            }
            Ok(to) => {
                problems.push(not_above(code.span(), framework, to, role));
                None
            }
            Err(unknown) => {
                problems.push(unknown_code(code.span(), &unknown));
                None
            }
        },
        (None, Some(role)) => framework.next_of(role).next(),
        (_, None) => None,
    };

    let kind = match raw.kind.as_ref().map(|k| (k.get_ref().as_str(), k.span())) {
        None | Some(("full", _)) => AssessmentKind::Full,
        Some(("check-in", span)) => {
            if let Some(bare) = role
                .into_iter()
                .chain(to)
                .find(|archetype| archetype.core.is_empty())
            {
                problems.push(
                    Diagnostic::new(span, format!("{} has no core statements", bare.label()))
                        .label("a check-in rates the core of each role")
                        .help("leave `kind` out to record a full assessment, or name the core with `core = [...]` in the ladder file"),
                );
            }
            AssessmentKind::CheckIn
        }
        Some((other, span)) => {
            problems.push(
                Diagnostic::new(span, format!("unknown kind `{other}`"))
                    .label("not a kind of assessment")
                    .help("`kind` is `check-in` (the cores of both roles) or `full` (every statement)"),
            );
            AssessmentKind::Full
        }
    };
    let mut ratings = BTreeMap::new();
    if let Some(role) = role {
        let allowed: Vec<&Archetype> = std::iter::once(role).chain(to).collect();
        let ordered: Vec<&str> = allowed
            .iter()
            .flat_map(|a| {
                a.statements()
                    .filter(|(_, s)| kind.is_full() || a.is_core(&s.id))
                    .map(|(_, s)| s.id.as_str())
            })
            .collect();
        // A set, so checking every id stays linear in the file's size.
        let ids: HashSet<&str> = ordered.iter().copied().collect();
        let scale = &framework.scale;
        let mut suggestions = SUGGESTED;
        for (key, answer) in raw.ratings {
            if !ids.contains(&key.get_ref().as_str()) {
                if let Some(retiring) = framework.retired_by(key.get_ref()) {
                    problems.push(
                        Diagnostic::new(
                            key.span(),
                            format!("statement `{}` was retired", key.get_ref()),
                        )
                        .label(format!(
                            "{} no longer has it, in {} {}",
                            retiring.code, framework.id, framework.version
                        ))
                        .help(
                            "remove this answer: ratings already given to it stay in assessment files, but it is no longer asked or reported",
                        ),
                    );
                    continue;
                }
                let codes: Vec<&str> = allowed.iter().map(|a| a.code.as_str()).collect();
                if !kind.is_full()
                    && allowed
                        .iter()
                        .any(|a| a.statements().any(|(_, s)| s.id == *key.get_ref()))
                {
                    problems.push(
                        Diagnostic::new(
                            key.span(),
                            format!("`{}` is not a core statement", key.get_ref()),
                        )
                        .label("a check-in rates only the core of each role")
                        .help(
                            "remove this answer, or leave `kind` out to record a full assessment",
                        ),
                    );
                    continue;
                }
                let mut help = format!(
                    "rate statements of {}; `rungs show CODE` lists their ids",
                    codes.join(" and ")
                );
                // Each suggestion compares against every id: a few only.
                if suggestions > 0 {
                    suggestions -= 1;
                    help = suggest::did_you_mean(
                        suggest::nearest(key.get_ref(), ordered.iter().copied()).as_deref(),
                        &help,
                    );
                }
                problems.push(
                    Diagnostic::new(
                        key.span(),
                        format!("unknown statement id `{}`", key.get_ref()),
                    )
                    .label(format!("not a statement of {}", codes.join(" or ")))
                    .help(help),
                );
                continue;
            }
            let span = answer.span();
            let answer = answer.into_inner();
            let no_opportunity = answer.no_opportunity.as_ref().is_some_and(|n| *n.get_ref());
            let kind = match (&answer.rating, &answer.no_opportunity) {
                (Some(_), Some(flag)) if *flag.get_ref() => {
                    problems.push(
                        Diagnostic::new(
                            flag.span(),
                            "a rating and `no_opportunity = true` together",
                        )
                        .label("an answer is one or the other")
                        .help("keep the rating if the situation has arisen, otherwise remove it"),
                    );
                    continue;
                }
                (Some(rating), _) => {
                    let value = *rating.get_ref();
                    match on_scale(scale, value) {
                        Some(value) => Kind::Rated(value),
                        None => {
                            problems.push(off_scale(rating.span(), value, scale));
                            continue;
                        }
                    }
                }
                (None, _) if no_opportunity => Kind::NoOpportunity,
                (None, _) => {
                    problems.push(
                        Diagnostic::new(span, format!("no rating for `{}`", key.get_ref()))
                            .label("give a `rating`, or `no_opportunity = true`")
                            .help(format!("ratings: {}", scale_values(scale))),
                    );
                    continue;
                }
            };
            let evidence = answer.evidence.as_deref().and_then(super::evidence);
            ratings.insert(key.into_inner(), Answer::new(kind, evidence, at));
        }
    }
    let Some(role) = role else {
        return Err(fail(problems));
    };
    if !problems.is_empty() {
        problems.sort_by_key(|d| d.span.start);
        return Err(fail(problems));
    }
    let person = raw.person.into_inner().trim().to_string();
    let assessor = raw
        .assessor
        .map(|a| a.into_inner().trim().to_string())
        .filter(|a| !a.is_empty());
    let mut assessment = Assessment {
        format_version: format_version_for(kind),
        id: String::new(),
        framework: framework.id.clone(),
        framework_version: framework.version.clone(),
        person,
        assessor,
        role: role.code.clone(),
        to: to.map(|a| a.code.clone()),
        kind,
        sections: None,
        started: at,
        updated: at,
        completed: None,
        imported: None,
        notes: raw.notes.unwrap_or_default(),
        focus: Vec::new(),
        ratings,
    };
    assessment.settle(framework, Status::InProgress, at);
    Ok(assessment)
}

/// `value` as a rating, when it is on the scale.
pub fn on_scale(scale: &Scale, value: i64) -> Option<u8> {
    u8::try_from(value)
        .ok()
        .filter(|v| scale.level(*v).is_some())
}

/// "1 Not yet, 2 Learning, ...".
pub fn scale_values(scale: &Scale) -> String {
    scale
        .levels
        .iter()
        .map(|l| format!("{} {}", l.value, l.label))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An answers file to merge into `existing` (`rungs assess ID --answers
/// FILE`): checked as any answers file is, and about the same person, in
/// the same view, between the same roles. The answers, by statement id.
pub fn parse_for(
    source: &SourceFile,
    framework: &Framework,
    existing: &Assessment,
    at: Timestamp,
) -> Result<BTreeMap<String, Answer>, InvalidFile> {
    let parsed = parse(source, framework, at)?;
    let raw = parse_raw(source)?;
    let mut problems = Vec::new();
    let id = &existing.id;
    if !parsed.person.eq_ignore_ascii_case(&existing.person) {
        problems.push(
            Diagnostic::new(
                raw.person.span(),
                format!(
                    "this file is about {}, and {id} is about {}",
                    parsed.person, existing.person
                ),
            )
            .label("not the same person")
            .help("merge it into an assessment of the same person, or record it on its own with `rungs assess --answers FILE`"),
        );
    }
    let same_view = match (&parsed.assessor, &existing.assessor) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (None, None) => true,
        _ => false,
    };
    if !same_view {
        let span = raw
            .assessor
            .as_ref()
            .map_or_else(|| raw.person.span(), Spanned::span);
        problems.push(
            Diagnostic::new(
                span,
                format!(
                    "this file is {}'s view, and {id} is {}'s",
                    parsed.view(),
                    existing.view()
                ),
            )
            .label("not the same view")
            .help(format!(
                "set `assessor` to {} (or remove it for a self-assessment)",
                existing.view()
            )),
        );
    }
    if parsed.role != existing.role {
        problems.push(
            Diagnostic::new(
                raw.role.span(),
                format!(
                    "{id} is about the role {}, not {}",
                    existing.role, parsed.role
                ),
            )
            .label("not the same role")
            .help(format!("set `role = \"{}\"`", existing.role)),
        );
    } else if parsed.to != existing.to {
        let span = raw
            .to
            .as_ref()
            .map_or_else(|| raw.role.span(), Spanned::span);
        let theirs = existing.to.as_deref().unwrap_or("none");
        problems.push(
            Diagnostic::new(
                span,
                format!(
                    "{id} assesses against {theirs}, not {}",
                    parsed.to.as_deref().unwrap_or("none")
                ),
            )
            .label("not the same next role")
            .help(format!("set `to = \"{theirs}\"`")),
        );
    }
    if problems.is_empty() {
        Ok(parsed.ratings)
    } else {
        problems.sort_by_key(|d| d.span.start);
        Err(InvalidFile::new(FileKind::Answers, source, problems))
    }
}

/// A rating that is not a value of the scale, pointed at in the file.
pub(super) fn off_scale(span: std::ops::Range<usize>, value: i64, scale: &Scale) -> Diagnostic {
    let values: Vec<String> = scale
        .levels
        .iter()
        .map(|l| format!("{} {}", l.value, l.label))
        .collect();
    Diagnostic::new(span, format!("rating {value} is not on the scale"))
        .label(format!(
            "the scale runs {} to {}",
            scale.lowest(),
            scale.highest()
        ))
        .help(format!("use one of: {}", values.join(", ")))
}

/// A target that is not above the role along `next`.
pub(super) fn not_above(
    span: std::ops::Range<usize>,
    framework: &Framework,
    to: &Archetype,
    role: &Archetype,
) -> Diagnostic {
    Diagnostic::new(
        span,
        format!("`{}` is not above `{}` on the ladder", to.code, role.code),
    )
    .label("not reachable along `next`")
    .help(reachable_help(framework, role))
}

/// A role code the framework does not have, pointed at in the file.
pub(super) fn unknown_code(span: std::ops::Range<usize>, unknown: &UnknownArchetype) -> Diagnostic {
    Diagnostic::new(span, unknown.to_string())
        .label("unknown role code")
        .help(unknown.help())
}

/// `--to CODE`: any archetype above the role along `next`.
pub fn reachable_target<'a>(
    framework: &'a Framework,
    role: &'a Archetype,
    code: &str,
) -> Result<&'a Archetype, Error> {
    let target = framework.archetype(code)?;
    if framework
        .targets_from(role)
        .iter()
        .any(|a| a.code == target.code)
    {
        Ok(target)
    } else {
        Err(Error::Usage {
            message: format!("{} is not above {} on the ladder", target.code, role.code),
            help: reachable_help(framework, role),
        })
    }
}

/// "codes above SPE: LSE, PA", or, when lateral links lead further,
/// "codes above SPE or across from it: LSE, PA, TTL, EM, HoE, VP".
pub fn reachable_help(framework: &Framework, from: &Archetype) -> String {
    let targets = framework.targets_from(from);
    let codes: Vec<&str> = targets.iter().map(|a| a.code.as_str()).collect();
    let above = framework.reachable_from(from).count();
    if codes.is_empty() {
        format!("{} is at the top of the ladder", from.code)
    } else if codes.len() > above {
        format!(
            "codes above {} or across from it: {}",
            from.code,
            codes.join(", ")
        )
    } else {
        format!("codes above {}: {}", from.code, codes.join(", "))
    }
}

/// A name that runs over a line break.
pub(super) fn more_than_one_line(field: &str, span: std::ops::Range<usize>) -> Diagnostic {
    Diagnostic::new(span, format!("`{field}` is on more than one line"))
        .label("a name is one line")
        .help(format!("write `{field}` on one line"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Origin;
    use crate::testing::acme;

    fn check(text: &str) -> Result<Assessment, InvalidFile> {
        let at: Timestamp = "2026-11-25T10:00:00+00:00".parse().expect("time");
        let source = SourceFile::new(Origin::File("answers.toml".into()), text);
        parse(&source, &acme(), at)
    }

    #[test]
    fn a_valid_file_becomes_an_assessment_in_progress_until_all_is_answered() {
        let text = "person = \"Ada\"\nrole = \"e1\"\n[ratings]\n\"e1.craft.1\" = { rating = 4, evidence = \" Shipped it \" }\n\"e2.craft.1\" = { rating = 1 }\n";
        let assessment = check(text).expect("valid");
        assert_eq!(assessment.role, "E1");
        assert_eq!(
            assessment.to.as_deref(),
            Some("E2"),
            "defaults to the first next"
        );
        assert_eq!(assessment.rating("e1.craft.1"), Some(4));
        assert_eq!(
            assessment.ratings["e1.craft.1"].evidence.as_deref(),
            Some("Shipped it")
        );
        assert!(assessment.completed.is_none(), "2 of 8 answered");

        let all: String = ["e1.craft.1", "e1.craft.2", "e1.impact.1", "e1.impact.2"]
            .iter()
            .chain(&["e2.craft.1", "e2.craft.2", "e2.impact.1", "e2.impact.2"])
            .map(|id| format!("\"{id}\" = {{ rating = 3 }}\n"))
            .collect();
        let complete = check(&format!(
            "person = \"Ada\"\nrole = \"E1\"\n[ratings]\n{all}"
        ))
        .expect("valid");
        assert_eq!(complete.status(&acme()), Status::Complete);
        assert!(complete.completed.is_some());
    }

    #[test]
    fn every_problem_is_reported_with_its_place() {
        let text = "person = \"Ada\"\nrole = \"E1\"\n[ratings]\n\"e1.craft.9\" = { rating = 4 }\n\"e1.craft.2\" = { rating = 9 }\n";
        let error = check(text).expect_err("invalid");
        let messages: Vec<&str> = error
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "unknown statement id `e1.craft.9`",
                "rating 9 is not on the scale"
            ]
        );
        assert_eq!(error.locations(), [(4, 1), (5, 27)]);
    }

    #[test]
    fn no_opportunity_is_an_answer_and_a_rating_with_it_is_refused() {
        let text = "person = \"Ada\"\nrole = \"E1\"\n[ratings]\n\"e1.craft.1\" = { no_opportunity = true, evidence = \"none yet\" }\n";
        let assessment = check(text).expect("valid");
        assert_eq!(assessment.ratings["e1.craft.1"].kind(), Kind::NoOpportunity);
        let text = "person = \"Ada\"\nrole = \"E1\"\n[ratings]\n\"e1.craft.1\" = { rating = 4, no_opportunity = true }\n\"e1.craft.2\" = { evidence = \"x\" }\n";
        let error = check(text).expect_err("invalid");
        let messages: Vec<&str> = error
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "a rating and `no_opportunity = true` together",
                "no rating for `e1.craft.2`"
            ]
        );
        assert_eq!(error.locations(), [(4, 47), (5, 16)]);
    }

    #[test]
    fn a_target_that_is_not_above_the_role_is_refused() {
        let error = check("person = \"Ada\"\nrole = \"E2\"\nto = \"E1\"\n").expect_err("invalid");
        assert_eq!(
            error.diagnostics[0].message,
            "`E1` is not above `E2` on the ladder"
        );
        assert_eq!(
            error.diagnostics[0].help.as_deref(),
            Some("codes above E2: E3")
        );
    }

    #[test]
    fn a_missing_field_is_named() {
        let error = check("role = \"E1\"\n").expect_err("invalid");
        assert!(
            error.diagnostics[0]
                .message
                .contains("missing field `person`")
        );
    }

    /// Issue 11, item 5: recording 100,000 answers took 12.7 s in a
    /// release build (each id looked up in a list); it is linear now.
    #[test]
    fn a_hundred_thousand_answers_are_checked_in_linear_time() {
        let framework = crate::testing::big_framework(100_000);
        let mut text = String::from("person = \"Ada\"\nrole = \"A\"\n[ratings]\n");
        for archetype in &framework.archetypes {
            for (_, statement) in archetype.statements() {
                text.push_str(&format!("\"{}\" = {{ rating = 2 }}\n", statement.id));
            }
        }
        let source = SourceFile::new(Origin::File("answers.toml".into()), text);
        let at: Timestamp = "2026-11-25T10:00:00+00:00".parse().expect("time");
        let started = std::time::Instant::now();
        let assessment = parse(&source, &framework, at).expect("valid");
        let elapsed = started.elapsed();
        assert_eq!(assessment.ratings.len(), 100_000);
        assert!(
            elapsed < std::time::Duration::from_secs(20),
            "took {elapsed:?}"
        );
    }
}

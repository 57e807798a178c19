//! Content checks on the shipped Platform Engineering track.
//!
//! The loader checks that the file is well formed; these tests check what
//! it says: every step up the ladder asks for something the step below does
//! not, the Senior Platform Engineer keeps the shape of its source, each
//! term has one spelling, and every statement comes with evidence examples.
//! The thresholds and lists they use are the constants below.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;
use std::path::Path;

use rungs::diagnostic::{Origin, SourceFile};
use rungs::framework::{self, Archetype, Framework, Group, Statement};

/// The file under test, in `frameworks/`.
const TRACK: &str = "platform-engineering.toml";

/// Two statements of adjacent roles whose content words overlap this much
/// (Jaccard index, 0 to 1) read as one expectation with a different scope
/// word, not as a step up. The near-duplicates fixed in 2.0.0 scored 0.2
/// to 0.4 by this measure; after the rewrite the highest pair of adjacent
/// roles scores about 0.32, so the limit sits just above it and any new
/// near-duplicate fails.
const SIMILARITY_LIMIT: f64 = 0.35;

/// Pairs of statements of adjacent roles that may reach the limit on
/// purpose: `(lower role's id, higher role's id, why the repeat is right)`.
/// Keep it short: each entry is a step a reader will see as no step.
const ALLOWED_SIMILAR: &[(&str, &str, &str)] = &[];

/// A content word has at least this many letters.
const MIN_WORD_LETTERS: usize = 3;

/// Common English words that say nothing about what a statement asks
/// (words shorter than `MIN_WORD_LETTERS` are dropped anyway), separated
/// by spaces.
const STOP_WORDS: &str = "\
    about above after again against all also and any are aren because been before being \
    below between both but can cannot could couldn did didn does doesn doing don down \
    during each every few for from further had hadn has hasn have haven having her here \
    hers herself him himself his how into isn its itself just may might more most must \
    mustn myself needn nor not now off once only other our ours ourselves out over own \
    per rather same shan she should shouldn some such than that the their theirs them \
    themselves then there these they this those through too under until upon very via \
    was wasn were weren what when where whether which while who whom why will with \
    within without won would wouldn you your yours yourself yourselves";

/// Statements per role. A change here is a change to the ladder: say why
/// in the commit.
const STATEMENTS_PER_ROLE: &[(&str, usize)] = &[
    ("GPE", 61),
    ("JPE", 69),
    ("IMPE", 72),
    ("SPE", 80),
    ("TTL", 79),
    ("LSE", 84),
    ("EM", 84),
    ("PA", 83),
    ("HoE", 81),
    ("VP", 82),
];

/// The role whose statements follow a source text bullet for bullet.
const SOURCED_ROLE: &str = "SPE";

/// The source's shape: bullets under each heading. Key responsibilities
/// has four headings (Internal Developer Platform Ownership, Cloud
/// Architecture, Reliability Engineering at Scale, Technical Leadership and
/// Mentoring).
const SOURCE_RESPONSIBILITY_GROUPS: &[usize] = &[5, 5, 5, 5];
/// Role Specific: three focus areas.
const SOURCE_FOCUS: usize = 3;
/// Behaviours, in the order of the file's categories (the source's Learning
/// & Growth, Delivery, Quality & Craft, Communication, Collaboration,
/// Ownership, Technical Foundation).
const SOURCE_BEHAVIOURS: &[(&str, usize)] = &[
    ("learning", 6),
    ("delivery", 6),
    ("quality", 6),
    ("communication", 6),
    ("collaboration", 6),
    ("ownership", 6),
    ("foundation", 7),
];
/// Skills: eight lines.
const SOURCE_SKILLS: usize = 8;
/// AI & Automation Expectations: six bullets.
const SOURCE_AI: usize = 6;

/// Spellings the track does not use, each with the one it uses. Matched
/// without case.
const OTHER_SPELLINGS: &[(&str, &str)] = &[
    ("postmortem", "post-incident review"),
    ("post-mortem", "post-incident review"),
    ("post mortem", "post-incident review"),
    ("gameday", "game day"),
    ("game-day", "game day"),
];

/// Evidence examples each statement carries.
const EXAMPLES_PER_STATEMENT: RangeInclusive<usize> = 1..=3;

fn track() -> Framework {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("frameworks")
        .join(TRACK);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => panic!("{}: {error}", path.display()),
    };
    let source = SourceFile::new(Origin::File(path), text);
    match framework::parse(&source) {
        Ok(framework) => framework,
        Err(error) => panic!("{}", error.render(false)),
    }
}

fn statements(archetype: &Archetype) -> impl Iterator<Item = &Statement> {
    archetype.statements().map(|(_, statement)| statement)
}

fn section_id<'a>(framework: &'a Framework, group: &Group) -> &'a str {
    &framework.sections[group.section].id
}

fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.split_whitespace().any(|stop| stop == word)
}

/// Lowercase words of at least `MIN_WORD_LETTERS` letters, split on
/// anything that is not a letter, stop words left out.
fn content_words(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| word.chars().count() >= MIN_WORD_LETTERS && !is_stop_word(word))
        .map(str::to_string)
        .collect()
}

/// Jaccard index of two sets of words: shared words over all words.
fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let all = a.union(b).count();
    if all == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / all as f64
}

/// How alike two texts are: the Jaccard index of their content words.
fn similarity(a: &str, b: &str) -> f64 {
    jaccard(&content_words(a), &content_words(b))
}

/// Every piece of prose of the track, with where it is: summaries, group
/// names, statement texts and their examples.
fn prose(framework: &Framework) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    if let Some(description) = &framework.description {
        out.push(("description".to_string(), description.as_str()));
    }
    for archetype in &framework.archetypes {
        out.push((
            format!("{} title", archetype.code),
            archetype.title.as_str(),
        ));
        if let Some(summary) = &archetype.summary {
            out.push((format!("{} summary", archetype.code), summary.as_str()));
        }
        for group in &archetype.groups {
            if let Some(name) = &group.name {
                out.push((format!("{} group name", archetype.code), name.as_str()));
            }
            for statement in &group.statements {
                out.push((statement.id.clone(), statement.text.as_str()));
                for (n, example) in statement.examples.iter().enumerate() {
                    out.push((
                        format!("{} example {}", statement.id, n + 1),
                        example.as_str(),
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn the_overlap_measure_counts_content_words_only() {
    assert_eq!(
        content_words("Runs the on-call runbook for a DNS change, twice."),
        ["call", "change", "dns", "runbook", "runs", "twice"]
            .into_iter()
            .map(str::to_string)
            .collect()
    );
    assert_eq!(similarity("Writes the runbook.", "writes a RUNBOOK"), 1.0);
    assert_eq!(similarity("Writes runbooks.", "Reviews designs."), 0.0);
    assert_eq!(
        similarity("Owns the service roadmap.", "Owns the platform roadmap."),
        0.5
    );
}

#[test]
fn no_statement_text_is_repeated() {
    let framework = track();
    let mut ids_by_text: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for archetype in &framework.archetypes {
        for statement in statements(archetype) {
            let text = statement
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            ids_by_text
                .entry(text.to_lowercase())
                .or_default()
                .push(&statement.id);
        }
    }
    let repeats: Vec<String> = ids_by_text
        .iter()
        .filter(|(_, ids)| ids.len() > 1)
        .map(|(text, ids)| format!("  {}: {text}", ids.join(", ")))
        .collect();
    assert!(
        repeats.is_empty(),
        "{} statement texts appear more than once; each statement asks its own thing:\n{}",
        repeats.len(),
        repeats.join("\n")
    );
}

#[test]
fn no_two_statements_of_adjacent_roles_read_alike() {
    let framework = track();
    let allowed: BTreeSet<(&str, &str)> = ALLOWED_SIMILAR
        .iter()
        .map(|&(lower, higher, _)| (lower, higher))
        .collect();
    let words: BTreeMap<&str, BTreeSet<String>> = framework
        .archetypes
        .iter()
        .flat_map(statements)
        .map(|statement| (statement.id.as_str(), content_words(&statement.text)))
        .collect();
    let mut offending = Vec::new();
    let mut pairs_per_step: BTreeMap<String, usize> = BTreeMap::new();
    let mut allowed_seen = BTreeSet::new();
    for lower in &framework.archetypes {
        for higher in framework.next_of(lower) {
            for a in statements(lower) {
                for b in statements(higher) {
                    let score = jaccard(&words[a.id.as_str()], &words[b.id.as_str()]);
                    if score < SIMILARITY_LIMIT {
                        continue;
                    }
                    if allowed.contains(&(a.id.as_str(), b.id.as_str())) {
                        allowed_seen.insert((a.id.as_str(), b.id.as_str()));
                        continue;
                    }
                    let step = format!("{} -> {}", lower.code, higher.code);
                    *pairs_per_step.entry(step.clone()).or_default() += 1;
                    offending.push(format!(
                        "  {score:.2} {step}\n    {}: {}\n    {}: {}",
                        a.id, a.text, b.id, b.text
                    ));
                }
            }
        }
    }
    let stale: Vec<String> = allowed
        .difference(&allowed_seen)
        .map(|(lower, higher)| format!("  {lower} / {higher}"))
        .collect();
    assert!(
        offending.is_empty(),
        "{} pairs of statements of adjacent roles have a content-word overlap (Jaccard) of \
         {SIMILARITY_LIMIT} or more ({}); reword one side so the step up shows, or add the pair to \
         ALLOWED_SIMILAR with the reason:\n{}",
        offending.len(),
        pairs_per_step
            .iter()
            .map(|(step, n)| format!("{step}: {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        offending.join("\n"),
    );
    assert!(
        stale.is_empty(),
        "entries of ALLOWED_SIMILAR that no longer match a pair (remove them):\n{}",
        stale.join("\n")
    );
}

#[test]
fn each_role_has_its_pinned_number_of_statements() {
    let framework = track();
    let actual: BTreeMap<&str, usize> = framework
        .archetypes
        .iter()
        .map(|archetype| (archetype.code.as_str(), archetype.statement_count()))
        .collect();
    let pinned: BTreeMap<&str, usize> = STATEMENTS_PER_ROLE.iter().copied().collect();
    assert_eq!(
        actual, pinned,
        "statements per role (left: the file, right: STATEMENTS_PER_ROLE)"
    );
}

#[test]
fn the_sourced_role_keeps_the_shape_of_its_source() {
    let framework = track();
    let role = match framework.archetype(SOURCED_ROLE) {
        Ok(role) => role,
        Err(error) => panic!("{error}"),
    };
    let in_section = |id: &str| -> Vec<&Group> {
        role.groups
            .iter()
            .filter(|group| section_id(&framework, group) == id)
            .collect()
    };
    let sizes = |groups: Vec<&Group>| -> Vec<usize> {
        groups.iter().map(|group| group.statements.len()).collect()
    };
    let total =
        |groups: Vec<&Group>| -> usize { groups.iter().map(|group| group.statements.len()).sum() };

    assert_eq!(
        sizes(in_section("responsibilities")),
        SOURCE_RESPONSIBILITY_GROUPS,
        "{SOURCED_ROLE} responsibility groups and their statements"
    );
    assert_eq!(
        total(in_section("focus")),
        SOURCE_FOCUS,
        "{SOURCED_ROLE} focus areas"
    );
    let behaviours: Vec<(&str, usize)> = in_section("behaviours")
        .iter()
        .map(|group| {
            let section = &framework.sections[group.section];
            let category = group
                .category
                .map_or("(none)", |index| section.categories[index].id.as_str());
            (category, group.statements.len())
        })
        .collect();
    assert_eq!(
        behaviours, SOURCE_BEHAVIOURS,
        "{SOURCED_ROLE} behaviours per category, in the file's category order"
    );
    assert_eq!(
        total(in_section("skills")),
        SOURCE_SKILLS,
        "{SOURCED_ROLE} skills"
    );
    assert_eq!(
        total(in_section("ai")),
        SOURCE_AI,
        "{SOURCED_ROLE} AI statements"
    );
}

#[test]
fn each_term_has_one_spelling() {
    let framework = track();
    let mut found = Vec::new();
    for (place, text) in prose(&framework) {
        let lower = text.to_lowercase();
        for (other, ours) in OTHER_SPELLINGS {
            if lower.contains(other) {
                found.push(format!("  {place}: \"{other}\" (write \"{ours}\")"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} places use another spelling:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Letters-only words of a text, in order.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .collect()
}

/// Where `text` names a role title (or its plural, `Heads of Engineering`)
/// in other capitals than the title's.
fn miscapitalised_titles(text: &str, titles: &[Vec<&str>]) -> Vec<String> {
    let text_words = words(text);
    let mut found = Vec::new();
    for title in titles {
        for window in text_words.windows(title.len()) {
            let same_word = |word: &str, title_word: &str, exact: bool| {
                let plural = format!("{title_word}s");
                if exact {
                    word == title_word || word == plural
                } else {
                    word.eq_ignore_ascii_case(title_word) || word.eq_ignore_ascii_case(&plural)
                }
            };
            let named = window
                .iter()
                .zip(title)
                .all(|(w, t)| same_word(w, t, false));
            let exact = window.iter().zip(title).all(|(w, t)| same_word(w, t, true));
            if named && !exact {
                let written: Vec<String> = window
                    .iter()
                    .zip(title)
                    .map(|(w, t)| {
                        if w.len() > t.len() {
                            format!("{t}s")
                        } else {
                            t.to_string()
                        }
                    })
                    .collect();
                found.push(format!(
                    "\"{}\" (write \"{}\")",
                    window.join(" "),
                    written.join(" ")
                ));
            }
        }
    }
    found
}

#[test]
fn role_titles_are_capitalised_wherever_they_appear() {
    let framework = track();
    let titles: Vec<Vec<&str>> = framework
        .archetypes
        .iter()
        .map(|archetype| words(&archetype.title))
        .collect();
    let mut found = Vec::new();
    for (place, text) in prose(&framework) {
        for problem in miscapitalised_titles(text, &titles) {
            found.push(format!("  {place}: {problem}"));
        }
    }
    assert!(
        found.is_empty(),
        "{} role titles are not capitalised as the role is:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_title_check_finds_lowercase_and_plural_titles() {
    let titles = vec![
        vec!["Head", "of", "Engineering"],
        vec!["Platform", "Architect"],
    ];
    assert_eq!(
        miscapitalised_titles(
            "Agrees it with the heads of engineering and the Platform Architect.",
            &titles
        ),
        vec!["\"heads of engineering\" (write \"Heads of Engineering\")"]
    );
    assert!(miscapitalised_titles("Reviews the platform architecture.", &titles).is_empty());
}

#[test]
fn every_statement_has_one_to_three_examples_of_evidence() {
    let framework = track();
    let mut problems: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for archetype in &framework.archetypes {
        for statement in statements(archetype) {
            let count = statement.examples.len();
            let mut wrong = Vec::new();
            if !EXAMPLES_PER_STATEMENT.contains(&count) {
                wrong.push(format!("{count} examples"));
            }
            if statement.examples.iter().any(|e| e.trim().is_empty()) {
                wrong.push("an empty example".to_string());
            }
            let text = statement.text.trim();
            if statement
                .examples
                .iter()
                .any(|e| e.trim().eq_ignore_ascii_case(text))
            {
                wrong.push("an example that repeats the text".to_string());
            }
            if !wrong.is_empty() {
                problems
                    .entry(archetype.code.as_str())
                    .or_default()
                    .push(format!("{} ({})", statement.id, wrong.join(", ")));
            }
        }
    }
    let report: Vec<String> = problems
        .iter()
        .map(|(code, found)| {
            let total = framework
                .archetype(code)
                .map_or(0, |archetype| archetype.statement_count());
            let none = found.iter().all(|line| line.ends_with("(0 examples)"));
            if none && found.len() == total {
                format!("  {code}: none of its {total} statements has examples")
            } else {
                format!("  {code}: {} statements: {}", found.len(), found.join("; "))
            }
        })
        .collect();
    assert!(
        problems.is_empty(),
        "statements need {} to {} examples of evidence, none empty and none repeating the \
         statement:\n{}",
        EXAMPLES_PER_STATEMENT.start(),
        EXAMPLES_PER_STATEMENT.end(),
        report.join("\n")
    );
}

//! What an entry can be tagged with: statement, category or section ids of
//! a framework, or a few words matched against the statements' texts; and
//! which statements a tag covers (a category or section covers each of its
//! statements, in every role).

use std::collections::{BTreeSet, HashMap};

use super::rank::Index;
use crate::error::Error;
use crate::framework::{Framework, Statement};
use crate::suggest;

/// A best match this many times the score of the next one is clear
/// enough to tag with.
const CLEAR_LEAD: f64 = 1.5;

/// The most characters of one `--for` value: ids, or a few words.
const MAX_FOR: usize = 1000;

/// How much of a value an error message repeats.
const ECHO: usize = 80;

/// The ids of one framework, for checking and expanding tags.
#[derive(Debug)]
pub struct Vocabulary<'a> {
    framework: &'a Framework,
    /// Lower-cased statement id: the statement, its section id and its
    /// category id.
    statements: HashMap<String, (&'a Statement, &'a str, Option<&'a str>)>,
    /// Lower-cased category and section ids, as the framework spells them.
    groups: HashMap<String, &'a str>,
}

impl<'a> Vocabulary<'a> {
    pub fn new(framework: &'a Framework) -> Vocabulary<'a> {
        let mut statements = HashMap::new();
        for archetype in &framework.archetypes {
            for (group, statement) in archetype.statements() {
                let section = &framework.sections[group.section];
                let category = group.category.map(|c| section.categories[c].id.as_str());
                statements.insert(
                    statement.id.to_lowercase(),
                    (statement, section.id.as_str(), category),
                );
            }
        }
        let mut groups = HashMap::new();
        for section in &framework.sections {
            groups.insert(section.id.to_lowercase(), section.id.as_str());
            for category in &section.categories {
                groups.insert(category.id.to_lowercase(), category.id.as_str());
            }
        }
        Vocabulary {
            framework,
            statements,
            groups,
        }
    }

    pub fn framework(&self) -> &'a Framework {
        self.framework
    }

    /// The id as the framework spells it, when it names a statement, a
    /// category or a section (any case).
    pub fn canonical(&self, id: &str) -> Option<&'a str> {
        let key = id.trim().to_lowercase();
        self.statements
            .get(&key)
            .map(|(statement, _, _)| statement.id.as_str())
            .or_else(|| self.groups.get(&key).copied())
    }

    pub fn statement(&self, id: &str) -> Option<&'a Statement> {
        self.statements
            .get(&id.trim().to_lowercase())
            .map(|(statement, _, _)| *statement)
    }

    /// The statement ids a tag stands for: a statement itself, or every
    /// statement of a category or section. None for an unknown id.
    pub fn covers(&self, tag: &str) -> BTreeSet<&'a str> {
        let key = tag.trim().to_lowercase();
        if let Some((statement, _, _)) = self.statements.get(&key) {
            return BTreeSet::from([statement.id.as_str()]);
        }
        let Some(group) = self.groups.get(&key) else {
            return BTreeSet::new();
        };
        self.statements
            .values()
            .filter(|(_, section, category)| section == group || category == &Some(*group))
            .map(|(statement, _, _)| statement.id.as_str())
            .collect()
    }

    /// Every id a tag may use: statements, categories, sections.
    /// In the framework's order, so "did you mean" picks the same one
    /// every time.
    fn ids(&self) -> impl Iterator<Item = &'a str> + 'a {
        let framework = self.framework;
        framework
            .archetypes
            .iter()
            .flat_map(|a| a.statements().map(|(_, s)| s.id.as_str()))
            .chain(framework.focus_ids())
    }

    /// The tags a `--for` value stands for. An empty value stands for none
    /// (to untag); ids are matched in any case, several may be given
    /// separated by commas; anything else is taken as words and must match
    /// one statement of `index` clearly.
    ///
    /// `index` is asked for only when words are given: building it is the
    /// larger part of checking tags.
    pub fn resolve<'i>(
        &self,
        value: &str,
        index: impl FnOnce() -> &'i Index<'i>,
    ) -> Result<Vec<String>, Error> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(Vec::new());
        }
        if value.chars().count() > MAX_FOR {
            return Err(Error::TooLarge {
                message: format!(
                    "a --for value is longer than {MAX_FOR} characters: `{}`",
                    clip(value, ECHO)
                ),
                help: "give statement, category or section ids, or a few words of a statement"
                    .into(),
            });
        }
        if let Some(id) = self.canonical(value) {
            return Ok(vec![id.to_string()]);
        }
        let one_word = !value.contains(char::is_whitespace);
        if value.contains(',') && one_word {
            let mut ids = Vec::new();
            for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                match self.canonical(part) {
                    Some(id) => ids.push(id.to_string()),
                    None => {
                        let near = suggest::nearest(part, self.ids());
                        return Err(self.unknown(part, near.as_deref()));
                    }
                }
            }
            return Ok(ids);
        }
        if one_word {
            if let Some(near) = suggest::nearest(value, self.ids()) {
                return Err(self.unknown(value, Some(&near)));
            }
            if value.contains('.') {
                return Err(self.unknown(value, None));
            }
        }
        let hits = index().top(value, 3);
        match hits.as_slice() {
            [] => Err(Error::Usage {
                message: format!(
                    "no statement matches `{}`, and it is not an id of {}",
                    clip(value, ECHO),
                    self.framework.id
                ),
                help: self.id_help(),
            }),
            [best] => Ok(vec![best.statement.id.clone()]),
            [best, next, ..] if best.score >= CLEAR_LEAD * next.score => {
                Ok(vec![best.statement.id.clone()])
            }
            several => {
                let candidates: Vec<String> = several
                    .iter()
                    .map(|hit| format!("{}  {}", hit.statement.id, clip(&hit.statement.text, 70)))
                    .collect();
                Err(Error::Usage {
                    message: format!(
                        "`{}` matches several statements; give the id of the one meant",
                        clip(value, ECHO)
                    ),
                    help: format!("the best matches:\n    {}", candidates.join("\n    ")),
                })
            }
        }
    }

    fn unknown(&self, value: &str, near: Option<&str>) -> Error {
        let help = crate::suggest::did_you_mean(near, &self.id_help());
        Error::Usage {
            message: format!(
                "no statement, category or section `{}` in {}",
                clip(value, ECHO),
                self.framework.id
            ),
            help,
        }
    }

    fn id_help(&self) -> String {
        format!(
            "--for takes a statement id (`rungs show CODE` lists them), one of: {}, or a few words from a statement",
            self.framework.focus_ids().join(", ")
        )
    }
}

/// The first `width` characters of a text, with `…` when cut.
pub fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    // Between words where there is a space in the second half: a
    // suggestion cut mid-word read badly (issue 28).
    if let Some(space) = cut.rfind(' ')
        && cut[..space].chars().count() >= width / 2
    {
        cut.truncate(space);
    }
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::rank::scope;
    use crate::testing::acme;

    fn usage(result: Result<Vec<String>, Error>) -> (String, String) {
        match result {
            Err(Error::Usage { message, help }) => (message, help),
            other => panic!("expected a usage error, got {other:?}"),
        }
    }

    #[test]
    fn ids_of_any_case_are_spelt_as_the_framework_does() {
        let framework = acme();
        let vocabulary = Vocabulary::new(&framework);
        let index = Index::new(scope(&framework, &[]));
        let resolve = |value: &str| vocabulary.resolve(value, || &index);
        assert_eq!(resolve("E1.Craft.1").expect("id"), ["e1.craft.1"]);
        assert_eq!(resolve(" IMPACT ").expect("category"), ["impact"]);
        assert_eq!(resolve("competencies").expect("section"), ["competencies"]);
        assert_eq!(
            resolve("e1.craft.1,impact").expect("list"),
            ["e1.craft.1", "impact"]
        );
        assert!(resolve("").expect("none").is_empty());
        let (message, help) = usage(resolve("e1.craft.1,imapct"));
        assert!(message.contains("`imapct`"), "{message}");
        assert!(help.starts_with("did you mean `impact`?"), "{help}");
    }

    #[test]
    fn a_near_id_is_suggested_and_an_unknown_one_refused() {
        let framework = acme();
        let vocabulary = Vocabulary::new(&framework);
        let index = Index::new(scope(&framework, &[]));
        let (message, help) = usage(vocabulary.resolve("e1.craft.3", || &index));
        assert!(
            message.contains("no statement, category or section `e1.craft.3`"),
            "{message}"
        );
        assert!(help.starts_with("did you mean `e1.craft.1`?"), "{help}");
        let (_, help) = usage(vocabulary.resolve("imapct", || &index));
        assert!(help.starts_with("did you mean `impact`?"), "{help}");
        let (message, _) = usage(vocabulary.resolve("x9.zz.77", || &index));
        assert!(message.contains("`x9.zz.77`"), "{message}");
    }

    #[test]
    fn words_tag_the_one_statement_they_clearly_match() {
        let framework = acme();
        let vocabulary = Vocabulary::new(&framework);
        let index = Index::new(scope(&framework, &[]));
        assert_eq!(
            vocabulary
                .resolve("runbook for every page", || &index)
                .expect("clear"),
            ["e2.craft.2"]
        );
        assert_eq!(
            vocabulary
                .resolve("deployment pipeline", || &index)
                .expect("clear"),
            ["e1.craft.2"]
        );
        let (message, help) = usage(vocabulary.resolve("reviews", || &index));
        assert!(message.contains("matches several statements"), "{message}");
        assert!(
            help.contains("e2.craft.1") && help.contains("e2.impact.2"),
            "{help}"
        );
        let (message, _) = usage(vocabulary.resolve("quantum entanglement", || &index));
        assert!(message.starts_with("no statement matches"), "{message}");
    }

    #[test]
    fn categories_and_sections_cover_their_statements_in_every_role() {
        let framework = acme();
        let vocabulary = Vocabulary::new(&framework);
        assert_eq!(
            vocabulary.covers("Craft").into_iter().collect::<Vec<_>>(),
            [
                "e1.craft.1",
                "e1.craft.2",
                "e2.craft.1",
                "e2.craft.2",
                "e3.craft.1",
                "e3.craft.2"
            ]
        );
        assert_eq!(vocabulary.covers("competencies").len(), 12);
        assert_eq!(vocabulary.covers("e2.impact.1").len(), 1);
        assert!(vocabulary.covers("retired.1").is_empty());
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("keeps whole words here", 16), "keeps whole…");
    }
}

//! The assessment walk: one statement at a time, a rating, then optional
//! evidence, saved after every answer. The terminal is behind [`Prompter`],
//! so the walk runs the same with a real terminal or scripted answers.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use crate::assessment::{Answer, Assessment, Timestamp, WalkItem};
use crate::error::Error;
use crate::framework::{Framework, Scale};

/// What a person can do at a statement: one key each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A value of the scale.
    Rate(u8),
    /// Leave unrated and move on.
    Skip,
    /// Go to the previous statement.
    Back,
    /// Show what the ratings mean.
    Help,
    /// Stop; every answer so far is already saved.
    Quit,
}

/// Everything a prompter shows for one statement.
#[derive(Debug)]
pub struct Screen<'a> {
    pub framework: &'a Framework,
    pub assessment: &'a Assessment,
    pub item: WalkItem<'a>,
    /// Zero-based position in the walk.
    pub position: usize,
    pub total: usize,
    /// The answer given earlier in this assessment, when going back.
    pub current: Option<&'a Answer>,
    /// The person's latest answer to this statement in an earlier
    /// assessment.
    pub previous: Option<&'a Previous>,
}

/// An answer from an earlier assessment of the same person and view.
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    pub rating: Option<u8>,
    pub evidence: Option<String>,
    pub at: Timestamp,
}

/// The terminal, or a script standing in for it.
pub trait Prompter {
    /// Shows a statement and waits for one key.
    fn action(&mut self, screen: &Screen<'_>) -> Result<Action, Error>;
    /// Explains the rating scale; returns when the person has read it.
    fn explain(&mut self, scale: &Scale) -> Result<(), Error>;
    /// One line of evidence, starting from `initial`; Enter accepts it as
    /// it is, so an empty `initial` and Enter means no evidence.
    fn evidence(&mut self, initial: &str) -> Result<String, Error>;
    /// The walk is over: tidy the screen.
    fn done(&mut self) -> Result<(), Error> {
        Ok(())
    }
}

/// How a walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every statement has an answer.
    Completed,
    /// The person chose to stop.
    Quit,
}

/// What a walk goes through: the statements in order, and earlier answers
/// to pre-fill evidence from.
#[derive(Debug, Clone, Copy)]
pub struct Walk<'a> {
    pub framework: &'a Framework,
    pub items: &'a [WalkItem<'a>],
    pub previous: &'a BTreeMap<String, Previous>,
}

impl Walk<'_> {
    /// Walks from `start`, recording each answer in `assessment` and
    /// calling `save` the moment it changes. `now` stamps answers.
    pub fn run(
        &self,
        assessment: &mut Assessment,
        start: usize,
        prompter: &mut dyn Prompter,
        now: &mut dyn FnMut() -> Timestamp,
        save: &mut dyn FnMut(&Assessment) -> Result<(), Error>,
    ) -> Result<Outcome, Error> {
        let Walk {
            framework,
            items,
            previous,
        } = *self;
        let mut position = start.min(items.len());
        while position < items.len() {
            let item = items[position];
            let id = item.statement.id.clone();
            let action = {
                let screen = Screen {
                    framework,
                    assessment,
                    item,
                    position,
                    total: items.len(),
                    current: assessment.ratings.get(&id),
                    previous: previous.get(&id),
                };
                prompter.action(&screen)?
            };
            match action {
                Action::Rate(value) if framework.scale.level(value).is_some() => {
                    let at = now();
                    let evidence = assessment.ratings.get(&id).and_then(|a| a.evidence.clone());
                    assessment.ratings.insert(
                        id.clone(),
                        Answer {
                            rating: Some(value),
                            evidence: evidence.clone(),
                            at,
                        },
                    );
                    assessment.updated = at;
                    save(assessment)?;
                    let initial = evidence
                        .or_else(|| previous.get(&id).and_then(|p| p.evidence.clone()))
                        .unwrap_or_default();
                    let typed = prompter.evidence(&initial)?;
                    let typed = Some(typed.trim().to_string()).filter(|t| !t.is_empty());
                    if let Some(answer) = assessment.ratings.get_mut(&id)
                        && answer.evidence != typed
                    {
                        answer.evidence = typed;
                        save(assessment)?;
                    }
                    position += 1;
                }
                Action::Rate(_) => {} // not on the scale: ask again
                Action::Skip => {
                    if let Entry::Vacant(slot) = assessment.ratings.entry(id) {
                        let at = now();
                        slot.insert(Answer {
                            rating: None,
                            evidence: None,
                            at,
                        });
                        assessment.updated = at;
                        save(assessment)?;
                    }
                    position += 1;
                }
                Action::Back => position = position.saturating_sub(1),
                Action::Help => prompter.explain(&framework.scale)?,
                Action::Quit => {
                    prompter.done()?;
                    return Ok(Outcome::Quit);
                }
            }
        }
        prompter.done()?;
        if assessment.completed.is_none() {
            let at = now();
            assessment.completed = Some(at);
            assessment.updated = at;
            save(assessment)?;
        }
        Ok(Outcome::Completed)
    }
}

/// The latest answer of each statement across `earlier` assessments, for
/// pre-filling evidence. Only answers with a rating or evidence count.
pub fn latest_answers<'a>(
    earlier: impl IntoIterator<Item = &'a Assessment>,
) -> BTreeMap<String, Previous> {
    let mut latest: BTreeMap<String, Previous> = BTreeMap::new();
    for assessment in earlier {
        for (id, answer) in &assessment.ratings {
            if answer.rating.is_none() && answer.evidence.is_none() {
                continue;
            }
            let newer = latest.get(id).is_none_or(|p| p.at < answer.at);
            if newer {
                latest.insert(
                    id.clone(),
                    Previous {
                        rating: answer.rating,
                        evidence: answer.evidence.clone(),
                        at: answer.at,
                    },
                );
            }
        }
    }
    latest
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use super::*;
    use crate::testing::{acme, time};

    fn fresh() -> Assessment {
        crate::testing::assessment(&[])
    }

    /// Plays back keys and evidence lines, and records what it was shown.
    #[derive(Default)]
    struct Script {
        actions: VecDeque<Action>,
        evidence: VecDeque<&'static str>,
        shown: Vec<(usize, String)>,
        initial_evidence: Vec<String>,
        explained: usize,
    }

    impl Prompter for Script {
        fn action(&mut self, screen: &Screen<'_>) -> Result<Action, Error> {
            self.shown
                .push((screen.position, screen.item.statement.id.clone()));
            Ok(self.actions.pop_front().unwrap_or(Action::Quit))
        }
        fn explain(&mut self, _: &Scale) -> Result<(), Error> {
            self.explained += 1;
            Ok(())
        }
        fn evidence(&mut self, initial: &str) -> Result<String, Error> {
            self.initial_evidence.push(initial.to_string());
            // `None` plays Enter: keep what was offered.
            Ok(match self.evidence.pop_front() {
                Some(text) => text.to_string(),
                None => initial.to_string(),
            })
        }
    }

    fn run(
        assessment: &mut Assessment,
        script: &mut Script,
        start: usize,
        previous: &BTreeMap<String, Previous>,
    ) -> (Outcome, Vec<Assessment>) {
        let framework = acme();
        let items = assessment.walk(&framework);
        let mut saves = Vec::new();
        let mut minute = 0;
        let walk = Walk {
            framework: &framework,
            items: &items,
            previous,
        };
        let outcome = walk
            .run(
                assessment,
                start,
                script,
                &mut || {
                    minute += 1;
                    time(minute)
                },
                &mut |a| {
                    saves.push(a.clone());
                    Ok(())
                },
            )
            .expect("walk");
        (outcome, saves)
    }

    #[test]
    fn walks_the_current_role_then_the_next_and_completes() {
        let mut assessment = fresh();
        let mut script = Script {
            actions: [Action::Rate(4); 8].into_iter().collect(),
            ..Script::default()
        };
        let (outcome, saves) = run(&mut assessment, &mut script, 0, &BTreeMap::new());
        assert_eq!(outcome, Outcome::Completed);
        let ids: Vec<&str> = script.shown.iter().map(|(_, id)| id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "e1.craft.1",
                "e1.craft.2",
                "e1.impact.1",
                "e1.impact.2",
                "e2.craft.1",
                "e2.craft.2",
                "e2.impact.1",
                "e2.impact.2"
            ]
        );
        assert!(assessment.completed.is_some());
        // One save per rating, none for unchanged (empty) evidence, one to complete.
        assert_eq!(saves.len(), 9);
    }

    #[test]
    fn every_rating_is_saved_before_evidence_is_asked() {
        let mut assessment = fresh();
        let mut script = Script {
            actions: [Action::Rate(3)].into_iter().collect(),
            evidence: ["Wrote the tests for billing"].into_iter().collect(),
            ..Script::default()
        };
        let (outcome, saves) = run(&mut assessment, &mut script, 0, &BTreeMap::new());
        assert_eq!(outcome, Outcome::Quit);
        assert_eq!(saves[0].rating("e1.craft.1"), Some(3));
        assert_eq!(saves[0].ratings["e1.craft.1"].evidence, None);
        assert_eq!(
            saves[1].ratings["e1.craft.1"].evidence.as_deref(),
            Some("Wrote the tests for billing")
        );
    }

    #[test]
    fn skip_back_and_help_move_as_expected() {
        let mut assessment = fresh();
        let mut script = Script {
            actions: [
                Action::Skip,
                Action::Help,
                Action::Rate(2),
                Action::Back,
                Action::Back,
                Action::Rate(5),
                Action::Quit,
            ]
            .into_iter()
            .collect(),
            evidence: ["", "First evidence"].into_iter().collect(),
            ..Script::default()
        };
        run(&mut assessment, &mut script, 0, &BTreeMap::new());
        let positions: Vec<usize> = script.shown.iter().map(|(p, _)| *p).collect();
        // skip 0, help at 1, rate 1, back to 1, back to 0, rate 0, quit at 1.
        assert_eq!(positions, [0, 1, 1, 2, 1, 0, 1]);
        assert_eq!(script.explained, 1);
        assert_eq!(
            assessment.rating("e1.craft.1"),
            Some(5),
            "a skipped statement can be rated later"
        );
        assert_eq!(assessment.rating("e1.craft.2"), Some(2));
        assert!(assessment.completed.is_none());
    }

    #[test]
    fn a_rating_off_the_scale_asks_again() {
        let mut assessment = fresh();
        let mut script = Script {
            actions: [Action::Rate(0), Action::Rate(4)].into_iter().collect(),
            ..Script::default()
        };
        run(&mut assessment, &mut script, 0, &BTreeMap::new());
        assert_eq!(script.shown[0].0, script.shown[1].0);
        assert_eq!(assessment.rating("e1.craft.1"), Some(4));
    }

    #[test]
    fn evidence_is_prefilled_from_the_latest_earlier_answer_and_enter_keeps_it() {
        let mut earlier = fresh();
        let answer = |evidence: &str, minute| Answer {
            rating: Some(4),
            evidence: Some(evidence.into()),
            at: time(minute),
        };
        earlier
            .ratings
            .insert("e1.craft.1".into(), answer("old", 1));
        let mut later = fresh();
        later
            .ratings
            .insert("e1.craft.1".into(), answer("newer", 5));
        let previous = latest_answers([&later, &earlier]);
        let mut assessment = fresh();
        let mut script = Script {
            actions: [Action::Rate(5)].into_iter().collect(),
            ..Script::default()
        };
        run(&mut assessment, &mut script, 0, &previous);
        assert_eq!(script.initial_evidence, ["newer"]);
        assert_eq!(
            assessment.ratings["e1.craft.1"].evidence.as_deref(),
            Some("newer")
        );
    }

    #[test]
    fn resuming_starts_at_the_first_unanswered_statement() {
        let mut assessment = fresh();
        let mut script = Script {
            actions: [Action::Rate(4), Action::Skip, Action::Quit]
                .into_iter()
                .collect(),
            ..Script::default()
        };
        run(&mut assessment, &mut script, 0, &BTreeMap::new());
        let framework = acme();
        let items = assessment.walk(&framework);
        assert_eq!(assessment.first_unanswered(&items), Some(2));
        assert_eq!(assessment.rated(&items), 1);
    }
}

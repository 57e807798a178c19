//! "The latest": the assessment a command means when it is given a person
//! rather than an id. By default the person's latest *complete*
//! self-assessment by completion time, so a draft started this morning, a
//! partial one or a manager's view never stands in for it. An imported
//! assessment counts in the view its file names: the person's own view
//! when they sent their self-assessment (a manager's data directory holds
//! no other), someone else's view otherwise. Where it came from is shown
//! ("imported 2026-12-01"), never a reason to refuse it. (A file claiming
//! to be someone's self view that is not theirs is refused at import.)
//!
//! Works on index summaries only: no file is parsed to choose.

use super::Summary;
use crate::assessment::{Status, Timestamp};
use crate::error::Error;

/// What to choose among a person's assessments.
#[derive(Debug, Clone, Copy, Default)]
pub struct Want<'a> {
    /// Whose assessments; everyone's when `None`.
    pub person: Option<&'a str>,
    /// Whose view: an assessor's name, or `self` (the default).
    pub assessor: Option<&'a str>,
    /// Any status (in progress, partial, complete), latest by last update,
    /// rather than complete ones only, latest by completion.
    pub any_status: bool,
}

impl Want<'_> {
    /// The view asked for: `self` unless an assessor is named.
    pub fn view(&self) -> &str {
        self.assessor.unwrap_or("self")
    }

    fn person_matches(&self, summary: &Summary) -> bool {
        self.person
            .is_none_or(|p| summary.person.eq_ignore_ascii_case(p.trim()))
    }

    fn view_matches(&self, summary: &Summary) -> bool {
        summary.view().eq_ignore_ascii_case(self.view().trim())
    }

    fn status_matches(&self, summary: &Summary) -> bool {
        self.any_status || summary.status == Status::Complete
    }

    /// "self-assessment" or "assessment by Grace (manager)".
    fn kind(&self) -> String {
        match self.view() {
            view if view.eq_ignore_ascii_case("self") => "self-assessment".to_string(),
            view => format!("assessment by {view}"),
        }
    }
}

/// When an assessment counts as taken: its completion time once finished,
/// otherwise its last update.
pub fn taken(summary: &Summary) -> Timestamp {
    match summary.status {
        Status::InProgress => summary.updated,
        _ => summary.completed.unwrap_or(summary.updated),
    }
}

/// The latest of `summaries` that `want` asks for; an error that says what
/// there is instead when none fits.
pub fn pick<'s>(summaries: &'s [Summary], want: &Want<'_>) -> Result<&'s Summary, Error> {
    let order = |s: &&Summary| {
        let at = if want.any_status { s.updated } else { taken(s) };
        (at, s.id.clone())
    };
    summaries
        .iter()
        .filter(|s| want.person_matches(s) && want.view_matches(s) && want.status_matches(s))
        .max_by_key(order)
        .ok_or_else(|| missing(summaries, want))
}

/// The latest assessment of the person in any view other than their own
/// (a manager's, a peer's), complete unless `any_status`: the other side
/// of `compare --person`.
pub fn pick_other<'s>(
    summaries: &'s [Summary],
    person: &str,
    any_status: bool,
) -> Option<&'s Summary> {
    let want = Want {
        person: Some(person),
        assessor: None,
        any_status,
    };
    summaries
        .iter()
        .filter(|s| want.person_matches(s) && s.assessor.is_some() && want.status_matches(s))
        .max_by_key(|s| (if any_status { s.updated } else { taken(s) }, s.id.clone()))
}

/// The person's complete assessments in one view, oldest first, and the
/// others of that view that were left out (in progress or partial).
pub fn complete_in_view<'s>(
    summaries: &'s [Summary],
    want: &Want<'_>,
) -> (Vec<&'s Summary>, Vec<&'s Summary>) {
    let mut mine: Vec<&Summary> = summaries
        .iter()
        .filter(|s| want.person_matches(s) && want.view_matches(s))
        .collect();
    mine.sort_by_key(|s| (taken(s), s.id.clone()));
    mine.into_iter().partition(|s| s.status == Status::Complete)
}

/// Why nothing fits, and what there is instead.
fn missing(summaries: &[Summary], want: &Want<'_>) -> Error {
    let person = want.person.map(|p| p.trim().to_string());
    let theirs: Vec<&Summary> = summaries
        .iter()
        .filter(|s| want.person_matches(s))
        .collect();
    if theirs.is_empty() {
        return Error::NoAssessments { person };
    }
    let whose = person
        .as_deref()
        .map(|p| format!(" of {p}"))
        .unwrap_or_default();
    let in_view: Vec<&&Summary> = theirs.iter().filter(|s| want.view_matches(s)).collect();
    let Some(unfinished) = in_view.iter().max_by_key(|s| (s.updated, s.id.clone())) else {
        let views: Vec<String> = {
            let mut views: Vec<String> = theirs.iter().map(|s| s.view().to_string()).collect();
            views.sort();
            views.dedup();
            views
        };
        return Error::Usage {
            message: format!("no {}{whose} yet", want.kind()),
            help: format!(
                "there are assessments in these views: {}; choose one with --assessor NAME (`self` for the person's own), or by id (`rungs list` shows them)",
                views.join(", ")
            ),
        };
    };
    let answered = match unfinished.total {
        Some(total) => format!("{} of {total} answered", unfinished.answered),
        None => format!("{} answered", unfinished.answered),
    };
    let finish = match unfinished.status {
        Status::InProgress => format!(
            "finish it with `rungs assess {}`, or add --any-status to use it as it is",
            unfinished.id
        ),
        _ => "add --any-status to use it, or name it by id".to_string(),
    };
    Error::Usage {
        message: format!("no complete {}{whose} yet", want.kind()),
        help: format!(
            "{} is {} ({answered}): {finish}",
            unfinished.id, unfinished.status
        ),
    }
}

/// The line a command prints when it chose for the person: "Using
/// ada-spe-2026-11-25: Ada (self), complete 2026-11-25".
pub fn using(summary: &Summary) -> String {
    format!("Using {}: {}", summary.id, describe(summary))
}

/// "Ada (self), complete 2026-11-25", or "Ada, as seen by Grace (manager),
/// in progress (12 of 164 answered)".
pub fn describe(summary: &Summary) -> String {
    let state = match summary.status {
        Status::InProgress => {
            let total = summary
                .total
                .map(|t| format!(" of {t}"))
                .unwrap_or_default();
            format!("in progress ({}{total} answered)", summary.answered)
        }
        status => format!("{status} {}", taken(summary).format("%Y-%m-%d")),
    };
    let imported = summary
        .imported
        .map(|at| format!(", imported {}", at.format("%Y-%m-%d")))
        .unwrap_or_default();
    format!("{}, {state}{imported}", summary.who())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::time;

    fn summary(id: &str, assessor: Option<&str>, status: Status, minute: u32) -> Summary {
        Summary {
            id: id.into(),
            person: "Ada".into(),
            assessor: assessor.map(std::sync::Arc::from),
            framework: "acme-engineering".into(),
            role: "E1".into(),
            to: Some("E2".into()),
            kind: crate::assessment::AssessmentKind::Full,
            started: time(0),
            updated: time(minute),
            completed: status.is_finished().then(|| time(minute)),
            imported: None,
            status,
            rated: 1,
            answered: 1,
            total: Some(8),
            target: Some("E2".into()),
            readiness: None,
            categories: Default::default(),
        }
    }

    #[test]
    fn the_latest_is_the_latest_complete_self_assessment() {
        let all = [
            summary("old", None, Status::Complete, 1),
            summary("draft", None, Status::InProgress, 9),
            summary("skills", None, Status::Partial, 8),
            summary("grace", Some("Grace (manager)"), Status::Complete, 7),
        ];
        let want = Want {
            person: Some("ada"),
            ..Want::default()
        };
        assert_eq!(pick(&all, &want).expect("found").id, "old");
        let any = Want {
            any_status: true,
            ..want
        };
        assert_eq!(pick(&all, &any).expect("found").id, "draft");
        let grace = Want {
            assessor: Some("grace (MANAGER)"),
            ..want
        };
        assert_eq!(pick(&all, &grace).expect("found").id, "grace");
        assert_eq!(
            pick_other(&all, "Ada", false).map(|s| s.id.as_str()),
            Some("grace")
        );
        let (charted, left_out) = complete_in_view(&all, &want);
        assert_eq!(
            charted.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            ["old"]
        );
        assert_eq!(
            left_out.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            ["skills", "draft"]
        );
    }

    /// Issue 28: in a manager's data directory, the person's own
    /// self-assessment, imported, was refused as "no self-assessment of Ada
    /// yet" unless `--assessor self` was given.
    #[test]
    fn an_imported_self_assessment_is_the_persons_own_view_and_says_so() {
        let mut imported = summary("from-ada", None, Status::Complete, 9);
        imported.imported = Some(time(10));
        let all = [
            imported,
            summary("grace", Some("Grace (manager)"), Status::Complete, 5),
        ];
        let want = Want {
            person: Some("Ada"),
            ..Want::default()
        };
        let chosen = pick(&all, &want).expect("found");
        assert_eq!(chosen.id, "from-ada");
        assert_eq!(
            using(chosen),
            "Using from-ada: Ada (self), complete 2026-11-25, imported 2026-11-25"
        );
        assert_eq!(complete_in_view(&all, &want).0.len(), 1);
        // The manager's view stays the manager's.
        assert_eq!(
            pick_other(&all, "Ada", false).map(|s| s.id.as_str()),
            Some("grace")
        );
    }

    #[test]
    fn completion_time_orders_complete_assessments() {
        let mut later_finished = summary("a", None, Status::Complete, 2);
        later_finished.completed = Some(time(30));
        let all = [later_finished, summary("b", None, Status::Complete, 20)];
        assert_eq!(pick(&all, &Want::default()).expect("found").id, "a");
    }

    #[test]
    fn nothing_complete_says_what_there_is() {
        let all = [summary("draft", None, Status::InProgress, 9)];
        let want = Want {
            person: Some("Ada"),
            ..Want::default()
        };
        let error = pick(&all, &want).expect_err("none complete");
        assert_eq!(error.to_string(), "no complete self-assessment of Ada yet");
        let help = error.help().expect("help");
        assert!(
            help.contains("draft is in progress (1 of 8 answered)"),
            "{help}"
        );
        assert!(help.contains("rungs assess draft"), "{help}");

        let theirs = [summary("grace", Some("Grace"), Status::Complete, 1)];
        let error = pick(&theirs, &want).expect_err("no self view");
        assert_eq!(error.to_string(), "no self-assessment of Ada yet");
        assert!(error.help().expect("help").contains("Grace"));

        let nobody = Want {
            person: Some("Bo"),
            ..Want::default()
        };
        assert!(matches!(
            pick(&all, &nobody),
            Err(Error::NoAssessments { .. })
        ));
    }

    #[test]
    fn the_line_names_the_id_the_view_and_the_status() {
        let s = summary("ada-1", Some("Grace (manager)"), Status::Complete, 5);
        assert_eq!(
            using(&s),
            "Using ada-1: Ada, as seen by Grace (manager), complete 2026-11-25"
        );
        let d = summary("ada-2", None, Status::InProgress, 5);
        assert_eq!(
            using(&d),
            "Using ada-2: Ada (self), in progress (1 of 8 answered)"
        );
    }
}

//! `rungs rate ID STATEMENT RATING|skip|n/a [--evidence TEXT]`: one answer
//! set with no prompt, checked as an answers file is: the statement must
//! be one the assessment covers, the rating on the framework's scale.

use serde::Serialize;

use crate::assessment::answers::{on_scale, scale_values};
use crate::assessment::{Answer, Kind, Status, evidence, now};
use crate::error::Error;
use crate::output::Output;
use crate::render::Format;
use crate::render::message::Message;
use crate::session::Session;
use crate::suggest;

/// What `rate` did, for scripts.
#[derive(Debug, Serialize)]
struct Rated<'a> {
    assessment: &'a str,
    statement: &'a str,
    /// `rated`, `skipped` or `no-opportunity`.
    answer: &'static str,
    rating: Option<u8>,
    evidence: Option<&'a str>,
    status: Status,
    answered: usize,
    total: usize,
}

/// The answer a command-line word stands for.
fn kind_of(word: &str, scale: &crate::framework::Scale) -> Result<Kind, Error> {
    let word = word.trim();
    match word.to_ascii_lowercase().as_str() {
        "skip" | "skipped" => return Ok(Kind::Skipped),
        "n/a" | "na" | "no-opportunity" => return Ok(Kind::NoOpportunity),
        _ => {}
    }
    let value = word.parse::<i64>().ok();
    match value.and_then(|v| on_scale(scale, v)) {
        Some(value) => Ok(Kind::Rated(value)),
        None => Err(Error::Usage {
            message: match value {
                Some(value) => format!("rating {value} is not on the scale"),
                None => format!("`{word}` is not a rating"),
            },
            help: format!(
                "use one of: {}; or `skip`, or `n/a` for no opportunity yet",
                scale_values(scale)
            ),
        }),
    }
}

pub fn run(
    session: &Session,
    id: &str,
    statement: &str,
    rating: &str,
    given_evidence: Option<&str>,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let catalog = session.catalog()?;
    let store = session.store()?;
    let lock = store.lock(id)?;
    let mut assessment = store.load(id, catalog)?;
    let framework = &catalog.find(&assessment.framework)?.framework;
    let items = assessment.walk(framework);
    let statement = statement.trim();
    let Some(item) = items
        .iter()
        .find(|i| i.statement.id.eq_ignore_ascii_case(statement))
    else {
        if let Some(retiring) = framework.retired_by(statement) {
            return Err(Error::Usage {
                message: format!(
                    "statement `{statement}` was retired: {} no longer has it, in {} {}",
                    retiring.code, framework.id, framework.version
                ),
                help: "ratings already given to it stay in assessment files, but it is no longer asked or reported; `rungs show CODE` lists the statements there are".into(),
            });
        }
        let ids = items.iter().map(|i| i.statement.id.as_str());
        let roles = match &assessment.to {
            Some(to) => format!("{} and {to}", assessment.role),
            None => assessment.role.clone(),
        };
        return Err(Error::Usage {
            message: format!("{id} has no statement `{statement}`"),
            help: suggest::did_you_mean(
                suggest::nearest(statement, ids).as_deref(),
                &format!("it covers the statements of {roles}; `rungs show CODE` lists their ids"),
            ),
        });
    };
    let kind = kind_of(rating, &framework.scale)?;
    let statement = item.statement.id.clone();
    let kept = assessment
        .ratings
        .get(&statement)
        .and_then(|a| a.evidence.clone());
    let evidence = match given_evidence {
        Some(text) => evidence(text),
        None => kept,
    };
    let before = assessment.status_of(framework, &items);
    let at = now();
    assessment
        .ratings
        .insert(statement.clone(), Answer::new(kind, evidence, at));
    assessment.updated = at;
    assessment.settle(framework, before, at);
    store.save(&assessment, &lock)?;

    let status = assessment.status_of(framework, &items);
    let answered = assessment.answered(&items);
    let answer = &assessment.ratings[&statement];
    let label = crate::tui::terminal::screens::kind_label(&framework.scale, kind);
    let message = Message {
        text: format!(
            "{statement} in {id}: {label}{}. {answered} of {} statements answered, {status}.",
            if answer.evidence.is_some() {
                ", with evidence"
            } else {
                ""
            },
            items.len()
        ),
        data: Rated {
            assessment: id,
            statement: &statement,
            answer: kind.as_str(),
            rating: answer.rating,
            evidence: answer.evidence.as_deref(),
            status,
            answered,
            total: items.len(),
        },
    };
    out.emit(&message, format)
}

impl super::Run for crate::cli::RateArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        run(
            session,
            &self.id,
            &self.statement,
            &self.rating,
            self.evidence.as_deref(),
            self.format.format,
            out,
        )
    }
}

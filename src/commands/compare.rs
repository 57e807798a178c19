//! `rungs compare`: two assessments of one person side by side.

use crate::error::Error;
use crate::output::Output;
use crate::render::Format;
use crate::render::compare::Disconnects;
use crate::report::compare::Comparison;
use crate::session::Session;
use crate::summary;
use crate::summary::latest::{self, Want};

/// Which two views `compare` pairs when it is given no ids.
#[derive(Debug, Default)]
pub struct Views<'a> {
    /// Whose; the person named last time by default.
    pub person: Option<&'a str>,
    /// The other view; anyone's but the person's own by default.
    pub assessor: Option<&'a str>,
    pub any_status: bool,
}

pub fn run(
    session: &Session,
    ids: &[String],
    views: &Views<'_>,
    disconnects: bool,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let catalog = session.catalog()?;
    let store = session.store()?;
    let any_status = views.any_status;
    let (a, b) = match ids {
        [a, b] => (store.load(a, catalog)?, store.load(b, catalog)?),
        [] => {
            let Some(person) = views
                .person
                .map(str::to_string)
                .or_else(|| store.last_person())
            else {
                return Err(Error::Usage {
                    message: "compare needs two assessment ids, or --person".into(),
                    help: "rungs compare ID ID, or rungs compare --person Ada".into(),
                });
            };
            let person = person.as_str();
            // The person's latest complete self-assessment (imported or
            // not), and the latest complete one in the other view.
            let summaries = summary::of_person(store, catalog, Some(person), None)?;
            let own = latest::pick(
                &summaries,
                &Want {
                    person: Some(person),
                    assessor: None,
                    any_status,
                },
            )?;
            let other = match views.assessor {
                Some(assessor) => Some(latest::pick(
                    &summaries,
                    &Want {
                        person: Some(person),
                        assessor: Some(assessor),
                        any_status,
                    },
                )?),
                None => latest::pick_other(&summaries, person, any_status),
            };
            let Some(other) = other.filter(|other| other.id != own.id) else {
                let what = if any_status { "" } else { "complete " };
                return Err(Error::Usage {
                    message: format!("{person} needs a {what}self-assessment and a {what}one by someone else to compare"),
                    help: "record the other view with `rungs assess --person NAME --assessor NAME`, or import it with `rungs import FILE`; --any-status also uses unfinished ones".into(),
                });
            };
            out.note(&format!(
                "Comparing {} ({}) with {} ({})",
                own.id,
                latest::describe(own),
                other.id,
                latest::describe(other)
            ))?;
            (
                store.load(&own.id, catalog)?,
                store.load(&other.id, catalog)?,
            )
        }
        _ => {
            return Err(Error::Usage {
                message: "compare needs two assessment ids, or --person".into(),
                help: "rungs compare ID ID, or rungs compare --person Ada".into(),
            });
        }
    };
    if a.framework != b.framework {
        return Err(Error::Usage {
            message: format!(
                "{} uses framework `{}` and {} uses `{}`",
                a.id, a.framework, b.id, b.framework
            ),
            help: "compare two assessments made against the same framework".into(),
        });
    }
    let framework = &catalog.find(&a.framework)?.framework;
    let comparison = Comparison::new(framework, &a, &b);
    if disconnects {
        out.emit(&Disconnects(&comparison), format)
    } else {
        out.emit(&comparison, format)
    }
}

impl super::Run for crate::cli::CompareArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        let views = Views {
            person: self.person.as_deref(),
            assessor: self.assessor.as_deref(),
            any_status: self.any_status,
        };
        run(
            session,
            &self.ids,
            &views,
            self.disconnects,
            self.format.format,
            out,
        )
    }
}

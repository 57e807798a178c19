//! `rungs compare`: two assessments of one person side by side.

use crate::error::Error;
use crate::output::Output;
use crate::render::Format;
use crate::render::compare::Disconnects;
use crate::report::compare::Comparison;
use crate::session::Session;
use crate::summary;
use crate::summary::latest::{self, Want};

pub fn run(
    session: &Session,
    ids: &[String],
    person: Option<&str>,
    any_status: bool,
    disconnects: bool,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let catalog = session.catalog()?;
    let store = session.store()?;
    let (a, b) = match (ids, person) {
        ([a, b], _) => (store.load(a, catalog)?, store.load(b, catalog)?),
        ([], Some(person)) => {
            // The person's latest complete self-assessment, and the latest
            // complete one in anyone else's view.
            let summaries = summary::of_person(store, catalog, Some(person), None)?;
            let want = Want {
                person: Some(person),
                assessor: None,
                any_status,
            };
            let other = latest::pick_other(&summaries, person, any_status);
            match (latest::pick(&summaries, &want), other) {
                (Ok(own), Some(other)) => {
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
                (Err(error), _) => return Err(error),
                (Ok(_), None) => {
                    let what = if any_status { "" } else { "complete " };
                    return Err(Error::Usage {
                        message: format!("{person} needs a {what}self-assessment and a {what}one by someone else to compare"),
                        help: "record the other view with `rungs assess --person NAME --assessor NAME`, or import it with `rungs import FILE`; --any-status also uses unfinished ones".into(),
                    });
                }
            }
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

//! `rungs compare`: two assessments of one person side by side.

use crate::commands::assessments_of;
use crate::compare::Comparison;
use crate::error::Error;
use crate::output::Output;
use crate::render::Format;
use crate::render::compare::Disconnects;
use crate::session::Session;

pub fn run(
    session: &Session,
    ids: &[String],
    person: Option<&str>,
    disconnects: bool,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let catalog = session.catalog()?;
    let store = session.store()?;
    let (a, b) = match (ids, person) {
        ([a, b], _) => (store.load(a, catalog)?, store.load(b, catalog)?),
        ([], Some(person)) => {
            let all = assessments_of(store, catalog, person, None)?;
            let own = all.iter().rev().find(|s| s.assessor.is_none());
            let other = all.iter().rev().find(|s| s.assessor.is_some());
            match (own, other) {
                (Some(own), Some(other)) => (
                    store.load(&own.id, catalog)?,
                    store.load(&other.id, catalog)?,
                ),
                _ => {
                    return Err(Error::Usage {
                        message: format!("{person} needs both a self assessment and one by someone else to compare"),
                        help: "record the other view with `rungs assess --person NAME --assessor NAME`, or import it with `rungs import FILE`".into(),
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

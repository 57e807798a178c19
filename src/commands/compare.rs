//! `rungs compare`: two assessments of one person side by side.

use crate::app::Context;
use crate::assessment::store::Store;
use crate::catalog::Catalog;
use crate::cli::Format;
use crate::commands::assessments_of;
use crate::compare::Comparison;
use crate::error::Error;
use crate::render;

pub fn run(
    ids: &[String],
    person: Option<&str>,
    format: Format,
    catalog: &Catalog,
    store: &Store,
    ctx: &mut Context<'_>,
) -> Result<(), Error> {
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
    let text = match format {
        Format::Table => render::compare::table(&comparison, ctx.style),
        Format::Md => render::compare::markdown(&comparison),
        Format::Json => render::compare::json_object(&comparison),
    };
    ctx.out.write_all(text.as_bytes())?;
    Ok(())
}

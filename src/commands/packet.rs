//! The md and html promotion packets of `rungs export`: the full document
//! or the panel's, of one view or of several side by side.

use crate::assessment::Assessment;
use crate::assessment::store::Store;
use crate::catalog::Catalog;
use crate::error::Error;
use crate::output::Output;
use crate::render;
use crate::render::packet::ExportFormat;
use crate::report::packet::{Mismatch, Packet, Panel, roles};
use crate::select;

/// How the md and html packets are shaped.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    /// The panel's packet rather than the full document.
    pub panel: bool,
    /// Other views of the same person and roles, beside the exported one,
    /// in the order given.
    pub with: Vec<String>,
}

impl Shape {
    /// Anything other than the full document of one view.
    pub fn is_shaped(&self) -> bool {
        self.panel || !self.with.is_empty()
    }
}

/// The packet of `assessment` as `format` (md or html), shaped by
/// `options`.
pub fn document(
    assessment: &Assessment,
    format: ExportFormat,
    options: &Shape,
    catalog: &Catalog,
    store: &Store,
    out: &mut Output<'_>,
) -> Result<String, Error> {
    let first = select::with_journal(select::compute(catalog, assessment, None)?, store, out)?;
    let mut others = Vec::with_capacity(options.with.len());
    for id in &options.with {
        let other = store.load(id, catalog)?;
        if other.framework != assessment.framework {
            return Err(refused(
                &first,
                options.with.len(),
                Mismatch::Framework {
                    first: assessment.id.clone(),
                    first_framework: assessment.framework.clone(),
                    second: other.id.clone(),
                    second_framework: other.framework.clone(),
                },
            ));
        }
        others.push(other);
    }
    let gaps = others
        .iter()
        .map(|other| select::compute(catalog, other, None))
        .collect::<Result<Vec<_>, _>>()?;
    let gaps: Vec<_> = gaps.iter().collect();
    let packet = Packet::new(&first, &gaps).map_err(|m| refused(&first, options.with.len(), m))?;
    Ok(match (format, options.panel) {
        (ExportFormat::Html, true) => render::packet::panel_html(&Panel::new(packet)),
        (ExportFormat::Html, false) => render::html::full(&packet),
        (_, true) => render::packet::panel_markdown(&Panel::new(packet)),
        (_, false) => render::packet::full_markdown(&packet),
    })
}

/// Assessments that cannot share a packet, and what to pick instead.
fn refused(first: &crate::report::gap::Gap<'_>, others: usize, mismatch: Mismatch) -> Error {
    let person = &first.assessment.person;
    let these = if others > 1 {
        "these views"
    } else {
        "these two views"
    };
    Error::Usage {
        message: format!("cannot put {these} in one packet: {mismatch}"),
        help: format!(
            "--with takes someone else's view of {person}, {}: `rungs list --person {person}` lists the assessments",
            roles(first)
        ),
    }
}

//! `rungs focus`: the agreed focus areas of an assessment, and the line
//! each one gets wherever it is shown (the gap report, progress, the
//! packet).

use super::{Render, Style, json, markdown};
use crate::assessment::Assessment;
use crate::framework::Framework;

/// The focus areas of one assessment.
#[derive(Debug)]
pub struct FocusView<'a> {
    pub assessment: &'a Assessment,
    pub framework: &'a Framework,
}

impl Render for FocusView<'_> {
    fn table(&self, _style: &Style) -> String {
        let assessment = self.assessment;
        if assessment.focus.is_empty() {
            return format!(
                "No focus areas agreed for {} yet. Add one with `rungs focus --add ID --action TEXT`.\n",
                assessment.id
            );
        }
        let mut out = format!(
            "Agreed focus areas of {} ({}):\n",
            assessment.id,
            assessment.who()
        );
        for (n, line) in lines(assessment, self.framework).iter().enumerate() {
            out.push_str(&format!("  {}. {line}\n", n + 1));
        }
        out
    }

    fn markdown(&self) -> String {
        let mut out = format!(
            "## Agreed focus areas of {}\n\n",
            markdown::escape(&self.assessment.who())
        );
        for (n, line) in lines(self.assessment, self.framework).iter().enumerate() {
            out.push_str(&format!("{}. {}\n", n + 1, markdown::escape(line)));
        }
        out
    }

    fn json(&self) -> String {
        json(&self.assessment.focus)
    }
}

/// "Collaboration. Action: pair with the security team on the next review
/// (due 2027-01-31)".
pub fn lines(assessment: &Assessment, framework: &Framework) -> Vec<String> {
    assessment
        .focus
        .iter()
        .map(|focus| {
            let what = framework
                .describe(&focus.target)
                .unwrap_or_else(|| focus.target.clone());
            let due = focus.due.map(|d| format!(" (due {d})")).unwrap_or_default();
            let closed = match (focus.done, focus.dropped) {
                (Some(at), _) => format!(" [done {}]", at.format("%Y-%m-%d")),
                (None, Some(at)) => format!(" [dropped {}]", at.format("%Y-%m-%d")),
                (None, None) => String::new(),
            };
            // A statement's text ends with its own full stop: one, not two.
            let what = what.trim_end().trim_end_matches('.');
            format!("{what}. Action: {}{due}{closed}", focus.action)
        })
        .collect()
}

//! Commands that work on stored assessments.

pub mod assess;
pub mod gap;
pub mod list;

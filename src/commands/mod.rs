//! Commands that work on stored assessments.

pub mod assess;
pub mod browse;
pub mod compare;
pub mod delete;
pub mod exchange;
pub mod focus;
pub mod gap;
pub mod list;
pub mod progress;
pub mod rate;

//! The interactive walk through statements ([`walk`]) and the one module
//! that talks to the terminal ([`terminal`]), behind a trait the walk takes
//! so tests can answer it from a script.

pub mod terminal;
pub mod walk;

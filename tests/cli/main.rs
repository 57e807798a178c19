//! Integration tests: the real `rungs` binary, run against temporary
//! directories, never the user's own.

mod assess;
mod browse;
mod docs;
mod gap;
mod hardening;
mod one_on_one;
mod support;
mod validate;

//! Integration tests: the real `rungs` binary, run against temporary
//! directories, never the user's own.

mod agenda;
mod assess;
mod browse;
mod checkin;
mod docs;
mod gap;
mod hardening;
mod hostile;
mod journal;
mod json;
mod ladder;
mod lifecycle;
mod one_on_one;
mod output;
mod packet;
mod quarter;
mod readme;
mod readonly;
mod retired;
mod share;
mod support;
mod team;
mod validate;
mod walk;

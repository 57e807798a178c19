//! Reports computed from assessments: the gap of one to a target role,
//! two views side by side, and the promotion packet. Each is data; the
//! renderers in [`crate::render`] draw it.

pub mod compare;
pub mod gap;
pub mod packet;
pub mod team;

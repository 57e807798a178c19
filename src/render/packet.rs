//! The promotion packet: the gap report written for a promotion case, as
//! a Markdown document, one printable HTML page, or JSON.

use super::gap::{json_object, packet_markdown};
use super::html;
use crate::gap::Gap;

/// What `rungs export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The promotion packet as a Markdown document.
    Md,
    /// The promotion packet as one self-contained, printable HTML page.
    Html,
    /// The promotion packet as JSON.
    Json,
    /// The assessment file itself, for `rungs import` elsewhere.
    Toml,
}

impl ExportFormat {
    /// The packet format, or none for the stored file itself.
    pub fn packet(self) -> Option<PacketFormat> {
        match self {
            ExportFormat::Md => Some(PacketFormat::Md),
            ExportFormat::Html => Some(PacketFormat::Html),
            ExportFormat::Json => Some(PacketFormat::Json),
            ExportFormat::Toml => None,
        }
    }
}

/// The forms of the packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PacketFormat {
    Md,
    Html,
    Json,
}

/// The packet of one assessment.
#[derive(Debug)]
pub struct Packet<'a> {
    pub gap: &'a Gap<'a>,
}

impl Packet<'_> {
    pub fn render(&self, format: PacketFormat) -> String {
        match format {
            PacketFormat::Md => packet_markdown(self.gap),
            PacketFormat::Html => html::packet(self.gap),
            PacketFormat::Json => json_object(self.gap),
        }
    }
}

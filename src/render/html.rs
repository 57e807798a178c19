//! The promotion packet as one self-contained HTML page.

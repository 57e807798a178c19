//! The frameworks shipped inside the binary, so `cargo install` gives a
//! working tool anywhere. A test loads and checks every one of them.

/// File name under `frameworks/` and its text.
pub const BUILT_IN: &[(&str, &str)] = &[(
    "platform-engineering.toml",
    include_str!("../frameworks/platform-engineering.toml"),
)];

/// The framework used when none is named.
pub const DEFAULT_FRAMEWORK: &str = "platform-engineering";

//! The floor under a warm `rungs list`: listing each folder of assessments
//! and reading each file's metadata (what tells whether its index entry is
//! still good), and nothing else (no index, no output).
//!
//!     cargo run --release --example stat_floor -- DATA_DIR [THREADS]
//!
//! Folders are shared out over THREADS threads (the machine's cores when
//! not given), as `rungs list` does. Prints the number of files and the
//! milliseconds the looking took.

use std::path::Path;
use std::time::Instant;

mod floor;

/// Each file of a folder listed, and looked at through the listing.
fn list_folder(folder: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|entry| {
            entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.ends_with(".toml"))
                && entry.metadata().is_ok_and(|m| m.is_file())
        })
        .count()
}

fn main() {
    let (data, threads) = floor::args("stat_floor");
    let folders = floor::folders(&data);
    let start = Instant::now();
    let files = floor::on_threads(&folders, threads, |folder| list_folder(folder));
    println!(
        "{files} files in {:.1} ms on {threads} threads",
        start.elapsed().as_secs_f64() * 1000.0
    );
}

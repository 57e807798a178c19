//! The floor under a warm `rungs list`: listing every folder of assessments
//! and reading each file's metadata (what tells whether its index entry is
//! still good), and nothing else (no index, no output).
//!
//!     cargo run --release --example stat_floor -- DATA_DIR [THREADS]
//!
//! Folders are shared out over THREADS threads (the machine's cores when
//! not given), as `rungs list` does. Prints the number of files and the
//! milliseconds it took.

use std::path::Path;
use std::time::Instant;

mod floor;

fn stat_folder(folder: &Path) -> usize {
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
    let start = Instant::now();
    let files = floor::on_threads(&floor::folders(&data), threads, stat_folder);
    println!(
        "{files} files in {:.1} ms on {threads} threads",
        start.elapsed().as_secs_f64() * 1000.0
    );
}

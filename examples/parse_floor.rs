//! The floor under building the summary index: reading and parsing every
//! assessment file of a data directory with the same TOML crate and the
//! same types, and nothing else (no index, no checks, no output).
//!
//!     cargo run --release --example parse_floor -- DATA_DIR [THREADS]
//!
//! Folders are shared out over THREADS threads (the machine's cores when
//! not given), as the index build does. Prints the number of files parsed
//! and the milliseconds it took.

use std::path::Path;
use std::time::Instant;

use rungs::assessment::Assessment;

mod floor;

fn parse_folder(folder: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut count = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if !(path.extension().is_some_and(|e| e == "toml") && path.is_file()) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if toml::from_str::<Assessment>(&text).is_ok() {
            count += 1;
        }
    }
    count
}

fn main() {
    let (data, threads) = floor::args("parse_floor");
    let start = Instant::now();
    let parsed = floor::on_threads(&floor::folders(&data), threads, |folder| {
        parse_folder(folder)
    });
    println!(
        "{parsed} files in {:.1} ms on {threads} threads",
        start.elapsed().as_secs_f64() * 1000.0
    );
}

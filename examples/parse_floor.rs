//! The floor under building the summary index: reading and parsing every
//! assessment file of a data directory with the same TOML crate and the
//! same types, and nothing else (no index, no checks, no output).
//!
//!     cargo run --release --example parse_floor -- DATA_DIR [THREADS]
//!
//! Folders are shared out over THREADS threads (the machine's cores when
//! not given), as the index build does. Prints the number of files parsed
//! and the milliseconds it took.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rungs::assessment::Assessment;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
            out.push(path);
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(data) = args.next() else {
        eprintln!("usage: parse_floor DATA_DIR [THREADS]");
        std::process::exit(2);
    };
    let threads = args
        .next()
        .and_then(|t| t.parse::<usize>().ok())
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .max(1);
    let start = Instant::now();
    let root = Path::new(&data).join("assessments");
    let mut folders = vec![root.clone()];
    if let Ok(entries) = std::fs::read_dir(&root) {
        folders.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()));
    }
    let parsed: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|n| {
                let mine: Vec<&PathBuf> = folders.iter().skip(n).step_by(threads).collect();
                scope.spawn(move || {
                    let mut count = 0;
                    for folder in mine {
                        let mut paths = Vec::new();
                        files(folder, &mut paths);
                        for path in paths {
                            let Ok(text) = std::fs::read_to_string(&path) else {
                                continue;
                            };
                            if toml::from_str::<Assessment>(&text).is_ok() {
                                count += 1;
                            }
                        }
                    }
                    count
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or(0)).sum()
    });
    println!(
        "{parsed} files in {:.1} ms on {threads} threads",
        start.elapsed().as_secs_f64() * 1000.0
    );
}

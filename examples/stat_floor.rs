//! The floor under a warm `rungs list`: listing every folder of assessments
//! and reading each file's metadata (what tells whether its index entry is
//! still good), and nothing else (no index, no output).
//!
//!     cargo run --release --example stat_floor -- DATA_DIR [THREADS]
//!
//! Folders are shared out over THREADS threads (the machine's cores when
//! not given), as `rungs list` does. Prints the number of files and the
//! milliseconds it took.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(data) = args.next() else {
        eprintln!("usage: stat_floor DATA_DIR [THREADS]");
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
    let mut folders: Vec<PathBuf> = vec![root.clone()];
    if let Ok(entries) = std::fs::read_dir(&root) {
        folders.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()));
    }
    let next = AtomicUsize::new(0);
    let files: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut count = 0;
                    while let Some(folder) = folders.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let Ok(entries) = std::fs::read_dir(folder) else {
                            continue;
                        };
                        for entry in entries.flatten() {
                            let name = entry.file_name();
                            if name.to_str().is_some_and(|n| n.ends_with(".toml"))
                                && entry.metadata().is_ok_and(|m| m.is_file())
                            {
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
        "{files} files in {:.1} ms on {threads} threads",
        start.elapsed().as_secs_f64() * 1000.0
    );
}

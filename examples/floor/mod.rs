//! What the floor examples share: their arguments, the folders of
//! assessments of a data directory, and sharing folders out over threads
//! as `rungs` does.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// `DATA_DIR [THREADS]` from the command line; the machine's cores when
/// THREADS is not given. Exits with the usage line when DATA_DIR is not.
pub fn args(name: &str) -> (String, usize) {
    let mut args = std::env::args().skip(1);
    let Some(data) = args.next() else {
        eprintln!("usage: {name} DATA_DIR [THREADS]");
        std::process::exit(2);
    };
    let threads = args
        .next()
        .and_then(|t| t.parse::<usize>().ok())
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .max(1);
    (data, threads)
}

/// `assessments/` and each folder in it.
pub fn folders(data: &str) -> Vec<PathBuf> {
    let root = Path::new(data).join("assessments");
    let mut folders = vec![root.clone()];
    if let Ok(entries) = std::fs::read_dir(&root) {
        folders.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()));
    }
    folders
}

/// `count` run over every folder, the next free thread taking the next
/// folder; the sum of what it returned.
pub fn on_threads<T: Sync>(
    folders: &[T],
    threads: usize,
    count: impl Fn(&T) -> usize + Sync,
) -> usize {
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut total = 0;
                    while let Some(folder) = folders.get(next.fetch_add(1, Ordering::Relaxed)) {
                        total += count(folder);
                    }
                    total
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or(0)).sum()
    })
}

//! The floor under a warm `rungs list`: reading each folder's metadata and
//! each assessment file's by name (what tells whether its index entry is
//! still good), and nothing else (no index, no output).
//!
//!     cargo run --release --example stat_floor -- DATA_DIR [THREADS] [--names FILE] [--list]
//!
//! The names come from FILE (a line per file: its folder, a tab, its name),
//! as `rungs list` has them from its index; FILE is written by listing the
//! folders when it is not there (or when not given, each run lists them
//! first). With `--list`, each folder is listed instead and every file in
//! it looked at (what `list` does for a folder changed since it was last
//! listed). Folders are shared out over THREADS threads (the machine's
//! cores when not given), as `rungs list` does. Prints the number of files
//! and the milliseconds the looking took.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rustix::fs::{AtFlags, statat};

mod floor;

/// A folder and the names of the assessment files in it.
struct Known {
    folder: PathBuf,
    names: Vec<String>,
}

fn names(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".toml"))
        .collect()
}

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

/// The folder opened, its metadata read, each file looked at by name.
fn stat_folder(known: &Known) -> usize {
    let Ok(dir) = File::open(&known.folder) else {
        return 0;
    };
    if dir.metadata().is_err() {
        return 0;
    }
    known
        .names
        .iter()
        .filter(|name| statat(&dir, name.as_str(), AtFlags::empty()).is_ok())
        .count()
}

/// The names of the files in each folder, from `file` when it is there,
/// otherwise listed (and written to `file`).
fn known(folders: &[PathBuf], file: Option<&str>) -> Vec<Known> {
    if let Some(text) = file.and_then(|f| std::fs::read_to_string(f).ok()) {
        let mut known: Vec<Known> = Vec::new();
        for (folder, name) in text.lines().filter_map(|line| line.split_once('\t')) {
            match known.last_mut() {
                Some(last) if last.folder.as_os_str() == folder => last.names.push(name.into()),
                _ => known.push(Known {
                    folder: folder.into(),
                    names: vec![name.into()],
                }),
            }
        }
        return known;
    }
    let known: Vec<Known> = folders
        .iter()
        .map(|folder| Known {
            folder: folder.clone(),
            names: names(folder),
        })
        .collect();
    if let Some(file) = file {
        let mut text = String::new();
        for each in &known {
            for name in &each.names {
                text.push_str(&format!("{}\t{name}\n", each.folder.display()));
            }
        }
        if let Err(error) = std::fs::write(file, text) {
            eprintln!("stat_floor: cannot write {file}: {error}");
        }
    }
    known
}

fn main() {
    let (data, threads) = floor::args("stat_floor");
    let args: Vec<String> = std::env::args().collect();
    let list = args.iter().any(|a| a == "--list");
    let names_file = args
        .iter()
        .position(|a| a == "--names")
        .and_then(|at| args.get(at + 1));
    let folders = floor::folders(&data);
    let known = known(&folders, names_file.map(String::as_str));
    let start = Instant::now();
    let files = if list {
        floor::on_threads(&folders, threads, |folder| list_folder(folder))
    } else {
        floor::on_threads(&known, threads, stat_folder)
    };
    println!(
        "{files} files in {:.1} ms on {threads} threads",
        start.elapsed().as_secs_f64() * 1000.0
    );
}

//! Where `rungs` keeps things on disk, resolved once per run.
//!
//! Each directory can be overridden by a flag or an environment variable
//! (`RUNGS_CONFIG_DIR`, `RUNGS_DATA_DIR`), which every test uses so it never
//! touches a real home directory.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// The directories one run uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Holds `config.toml` and `frameworks/` with the user's own framework
    /// files. `None` when
    /// the platform has no home directory and nothing overrides it.
    pub config_dir: Option<PathBuf>,
    /// Holds `assessments/`. `None` when the platform has no home
    /// directory and nothing overrides it.
    pub data_dir: Option<PathBuf>,
}

impl Paths {
    /// Each argument is a flag merged with its environment variable by
    /// clap; without it, the platform's directory.
    pub fn resolve(config_dir: Option<PathBuf>, data_dir: Option<PathBuf>) -> Paths {
        let dirs = project_dirs();
        let config_dir = config_dir.or_else(|| dirs.as_ref().map(|d| d.config_dir().to_path_buf()));
        let data_dir = data_dir.or_else(|| dirs.as_ref().map(|d| d.data_dir().to_path_buf()));
        Paths {
            config_dir,
            data_dir,
        }
    }

    /// Where users drop their own framework files.
    pub fn user_frameworks_dir(&self) -> Option<PathBuf> {
        self.config_dir.as_deref().map(|dir| dir.join("frameworks"))
    }
}

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "rungs")
}

/// True for a `--framework` value that names a file rather than an id.
pub fn looks_like_path(value: &str) -> bool {
    value.ends_with(".toml")
        || value.contains('/')
        || value.contains('\\')
        || Path::new(value).is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_override_wins_over_the_platform_directory() {
        let paths = Paths::resolve(Some(PathBuf::from("/tmp/x")), None);
        assert_eq!(
            paths.user_frameworks_dir(),
            Some(PathBuf::from("/tmp/x/frameworks"))
        );
    }

    #[test]
    fn ids_and_paths_are_told_apart() {
        assert!(looks_like_path("acme.toml"));
        assert!(looks_like_path("./acme"));
        assert!(!looks_like_path("platform-engineering"));
    }
}

//! One run's set-up, built once from the global options: where things are
//! (and why), the framework catalog, the store of assessments, and how
//! output looks. Every command takes a [`Session`]; none builds its own.

use std::cell::OnceCell;

use crate::assessment::store::{Store, Warning};
use crate::cache::Cache;
use crate::catalog::Catalog;
use crate::config;
use crate::error::Error;
use crate::output::Settings;
use crate::paths::Paths;

/// Everything a command needs besides its own arguments.
#[derive(Debug)]
pub struct Session {
    pub paths: Paths,
    /// The `--framework` values, in order.
    framework_args: Vec<String>,
    /// Loaded on first use: `import` and `completions` never need it.
    catalog: OnceCell<Catalog>,
    /// One store a run, so what it skipped on the way is told once.
    store: OnceCell<Store>,
    pub settings: Settings,
}

impl Session {
    pub fn new(paths: Paths, framework_args: Vec<String>, settings: Settings) -> Session {
        Session {
            paths,
            framework_args,
            catalog: OnceCell::new(),
            store: OnceCell::new(),
            settings,
        }
    }

    /// The same run's settings on another data directory (an earlier state
    /// of this one), with no caches: it is read once and thrown away.
    pub fn elsewhere(&self, data_dir: &std::path::Path) -> Session {
        let mut paths = self.paths.clone();
        paths.data_dir = Some(data_dir.to_path_buf());
        paths.cache_dir = None;
        Session::new(paths, self.framework_args.clone(), self.settings.clone())
    }

    /// The built-in frameworks, the user's and those named on the command
    /// line, loaded once.
    pub fn catalog(&self) -> Result<&Catalog, Error> {
        if let Some(catalog) = self.catalog.get() {
            return Ok(catalog);
        }
        let mut catalog = Catalog::load(
            self.paths.user_frameworks_dir().as_deref(),
            &self.framework_args,
        )?;
        if let Some(config) = config::load(self.paths.config_dir.as_deref())? {
            catalog.set_default(&config)?;
        }
        Ok(self.catalog.get_or_init(|| catalog))
    }

    /// What a person should know about how the catalog was put together
    /// (a file named with `--framework` used instead of an installed one);
    /// nothing when no command needed the catalog.
    pub fn notices(&self) -> &[String] {
        self.catalog.get().map_or(&[], Catalog::notices)
    }

    /// The assessments of the data directory.
    pub fn store(&self) -> Result<&Store, Error> {
        if let Some(store) = self.store.get() {
            return Ok(store);
        }
        let dir = self.paths.data_dir.as_ref().ok_or_else(|| Error::Usage {
            message: "no data directory: this system has no home directory".into(),
            help: "set RUNGS_DATA_DIR or pass --data-dir DIR".into(),
        })?;
        let cache = Cache::new(self.paths.cache_dir.as_deref(), dir);
        Ok(self.store.get_or_init(|| Store::with_cache(dir, cache)))
    }

    /// Entries of the data directory skipped so far, and why; each is
    /// told once.
    pub fn take_warnings(&self) -> Vec<Warning> {
        self.store
            .get()
            .map(Store::take_warnings)
            .unwrap_or_default()
    }
}

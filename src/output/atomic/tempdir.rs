//! A temporary directory, registered so that a signal removes it too.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use super::registry::{COUNTER, registry};
use crate::error::{Error, Result};

/// A directory removed on drop and by [`remove_temporaries_and_exit`](super::remove_temporaries_and_exit)
/// (`sixalign bench` generates its corpus in one).
#[derive(Debug)]
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// Creates a fresh directory `PREFIX-PID-N` under the system's
    /// temporary directory.
    pub fn new(prefix: &str) -> Result<TempDir> {
        let mut reg = registry();
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("{prefix}-{}-{n}", std::process::id()));
        fs::create_dir(&path).map_err(|e| Error::from(e).with_path(&path))?;
        reg.dirs.insert(path.clone());
        Ok(TempDir { path })
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `bytes` to `path` (inside this directory), making its parent
    /// directories, under the registry's lock: a cleanup that has begun (a
    /// signal) holds that lock until the process exits, so no file or
    /// directory can appear in the directory while it is being removed, or
    /// after (`create_dir_all` would make the whole chain again).
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        let _reg = registry();
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::from(e).with_path(parent))?;
        }
        fs::write(path, bytes).map_err(|e| Error::from(e).with_path(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let mut reg = registry();
        let _ = fs::remove_dir_all(&self.path);
        reg.dirs.remove(&self.path);
    }
}

//! The process-wide registry of live temporary files and directories, and
//! the cleanup a signal handler runs over it.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Mutex, MutexGuard};

/// Temporary files and directories alive in this process.
pub(super) struct Registry {
    pub(super) files: BTreeSet<PathBuf>,
    pub(super) dirs: BTreeSet<PathBuf>,
}

static LIVE: Mutex<Registry> = Mutex::new(Registry {
    files: BTreeSet::new(),
    dirs: BTreeSet::new(),
});

pub(super) static COUNTER: AtomicU64 = AtomicU64::new(0);

pub(super) fn registry() -> MutexGuard<'static, Registry> {
    // A panic while holding the lock leaves the set as it was: still usable.
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Ends every external converter with all it started, removes every
/// temporary file and registered temporary directory of this process (the
/// converters' working directories too), then exits with `code`, holding the registry's lock so no new
/// temporary file appears meanwhile. For signal handlers (run it on a normal
/// thread, as `signal_hook::iterator::Signals` does, not in the handler).
pub fn remove_temporaries_and_exit(code: i32) -> ! {
    let reg = registry();
    // The converters first: a killed `soffice` writes nothing more into
    // its directory, and none starts once this has begun.
    crate::load::convert::stop_all();
    for f in &reg.files {
        let _ = fs::remove_file(f);
    }
    for d in &reg.dirs {
        let _ = fs::remove_dir_all(d);
    }
    let _ = io::stdout().flush();
    std::process::exit(code)
}

/// The temporary files alive now (for tests and diagnostics).
pub fn live_temporaries() -> Vec<PathBuf> {
    registry().files.iter().cloned().collect()
}

/// Removes the temporary files in `dir` left by runs that were killed
/// outright (SIGKILL, a power cut: no handler runs): hidden `.NAME.PID.N.partial`
/// files whose process is gone, and the `.NAME.partial` files of older
/// versions. Files of live processes are left alone. Returns how many were
/// removed. A corpus run calls it on each output directory it writes.
pub fn remove_stale_temporaries(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let Some(stem) = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".partial"))
        else {
            continue;
        };
        // `NAME.PID.N`: the process is the second field from the end.
        let mut parts = stem.rsplit('.');
        let (n, pid) = (parts.next(), parts.next());
        let owner = match (n.map(|n| n.parse::<u64>()), pid.map(|p| p.parse::<u32>())) {
            (Some(Ok(_)), Some(Ok(pid))) => Some(pid),
            _ => None,
        };
        let alive = owner.is_some_and(|pid| {
            // Without /proc (not Linux) a process cannot be told dead: keep.
            pid == std::process::id()
                || !cfg!(target_os = "linux")
                || Path::new(&format!("/proc/{pid}")).exists()
        });
        if !alive && e.file_type().is_ok_and(|t| t.is_file()) && fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

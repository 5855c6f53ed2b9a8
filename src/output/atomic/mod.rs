//! The one way every output reaches the disk.
//!
//! Every file sixalign writes (`align -o`, the Moses files, `qa --html`, the
//! corpus outputs and `--report`, batch bead files) goes through
//! [`AtomicFile`] or, for files that belong together, [`AtomicSet`]:
//!
//! 1. **Check the target first**, naming the path the user gave: a path
//!    that names a directory (`-o out/`), a missing parent directory, and an
//!    existing file that is not a regular file (a FIFO, a device, a socket)
//!    are refused before anything is written. A symbolic link is written
//!    *through*: the file it points to is replaced and the link stays (a
//!    chain of links is followed; a dangling link creates its target).
//! 2. **Write a temporary file in the target's directory**,
//!    `.NAME.PID.N.partial` (hidden, so corpus walks skip it; unique per
//!    process and writer), created exclusively and given the permissions of
//!    the file it replaces.
//! 3. **Commit**: flush, rename over the target. A reader (and a run that
//!    crashed or was killed) sees the old file or the new one, never half of
//!    one. A set renames all of its files only once every one is written,
//!    and removes those already renamed if a later rename fails. With
//!    [`set_durable`] (or `SIXALIGN_DURABLE=1`) each file is also `fsync`ed
//!    before its rename and the directory after it, so the outputs survive a
//!    power loss too; that is off by default, because a corpus run writes a
//!    file per document and pair, and a sync each made `sixalign bench
//!    --docs 300` four to six times slower on one thread.
//!
//! Dropping an uncommitted file removes its temporary file. Every live
//! temporary path is kept in a process-wide registry, so that a signal
//! handler can remove them all ([`remove_temporaries_and_exit`]): the CLI
//! installs one for SIGINT, SIGTERM and SIGHUP, and an interrupted run
//! leaves no `.partial` file behind. Creating, renaming and removing take
//! the registry's lock, so no temporary file can escape a cleanup that has
//! begun.
//!
//! [`refuse_inputs`] and [`refuse_duplicates`] are the checks every command
//! makes before it writes: no output may be one of the inputs (compared by
//! device and inode, so a hard link, a symbolic link or a path spelled
//! differently is caught too), and no two outputs may be the same file.
//!
//! This file holds the atomic files and sets; the registry of live
//! temporaries and the signal cleanup (`registry.rs`), temporary directories
//! (`tempdir.rs`) and file identity with the checks built on it
//! (`identity.rs`) are rooms of their own.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};

use crate::error::io_at;
use crate::error::{Error, Result};
use crate::input::kind_name;

mod identity;
mod registry;
mod tempdir;

pub(crate) use identity::lexical;
pub use identity::{
    FileId, check_extra_output, check_outputs, refuse_duplicates, refuse_inputs,
    refuse_repeated_inputs,
};
pub use registry::{live_temporaries, remove_stale_temporaries, remove_temporaries_and_exit};
pub use tempdir::TempDir;

use registry::{COUNTER, Registry, registry};

/// 0: not decided yet (read `SIXALIGN_DURABLE`), 1: off, 2: on.
static DURABLE: AtomicU8 = AtomicU8::new(0);

/// Whether every output is synced to the disk before it is renamed into
/// place (default: off, or `SIXALIGN_DURABLE=1` in the environment). Atomic
/// either way: a crash or a kill leaves the old file or the new one.
pub fn set_durable(on: bool) {
    DURABLE.store(if on { 2 } else { 1 }, Ordering::Relaxed);
}

fn durable() -> bool {
    match DURABLE.load(Ordering::Relaxed) {
        0 => {
            let on = std::env::var_os("SIXALIGN_DURABLE").is_some_and(|v| v == "1");
            set_durable(on);
            on
        }
        v => v == 2,
    }
}

/// How many symbolic links are followed before giving up (as Linux does).
const MAX_LINKS: usize = 40;

/// Checks that `path` may receive an output and returns the file that will
/// actually be replaced or created (the end of a symbolic-link chain).
/// Errors name `path` as the user gave it.
pub fn resolve_target(path: &Path) -> Result<PathBuf> {
    let shown = path;
    let names_dir = path.as_os_str().to_string_lossy().ends_with('/')
        || path.file_name().is_none()
        || path.as_os_str() == ".";
    if names_dir {
        return Err(
            Error::usage("names a directory; give a file name for the output (DIR/NAME)")
                .with_path(shown),
        );
    }
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(&at).map_err(|e| Error::from(e).with_path(shown))?;
                at = match at.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            Ok(m) if m.is_file() => return Ok(at),
            Ok(m) if m.is_dir() => {
                return Err(Error::usage(
                    "is a directory; give a file name for the output (DIR/NAME)",
                )
                .with_path(shown));
            }
            Ok(m) => {
                return Err(Error::usage(format!(
                    "is {}, not a regular file: outputs only create or replace regular files (use - for standard output)",
                    kind_name(&m)
                ))
                .with_path(shown));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let dir = parent_dir(&at);
                return match fs::metadata(&dir) {
                    Ok(m) if m.is_dir() => Ok(at),
                    Ok(_) => Err(
                        Error::usage(format!("{} is not a directory", dir.display()))
                            .with_path(shown),
                    ),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Error::usage(format!(
                        "the directory {} does not exist",
                        dir.display()
                    ))
                    .with_path(shown)),
                    Err(e) => Err(Error::from(e).with_path(shown)),
                };
            }
            Err(e) => return Err(Error::from(e).with_path(shown)),
        }
    }
    Err(Error::usage("too many levels of symbolic links").with_path(shown))
}

fn parent_dir(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// One output file being written under a temporary name (see the [module
/// docs](self)). Write to it, then [`commit`](AtomicFile::commit); dropping
/// it uncommitted removes the temporary file.
#[derive(Debug)]
pub struct AtomicFile {
    shown: PathBuf,
    target: PathBuf,
    tmp: PathBuf,
    file: Option<File>,
    committed: bool,
}

impl AtomicFile {
    /// Checks `path` ([`resolve_target`]) and creates the temporary file
    /// beside the file that will be replaced. Errors name `path`.
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let target = resolve_target(path)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let perms = fs::metadata(&target).ok().map(|m| m.permissions());
        let mut reg = registry();
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = target.with_file_name(format!(".{name}.{}.{n}.partial", std::process::id()));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| Error::from(e).with_path(path))?;
        reg.files.insert(tmp.clone());
        drop(reg);
        if let Some(p) = perms {
            let _ = file.set_permissions(p);
        }
        Ok(AtomicFile {
            shown: path.to_path_buf(),
            target,
            tmp,
            file: Some(file),
            committed: false,
        })
    }

    /// The path as the user gave it.
    pub fn path(&self) -> &Path {
        &self.shown
    }

    /// A buffered writer on the temporary file (a second handle, so the
    /// writer can be owned by a format writer while this keeps the file).
    /// Its write errors name the file as the user gave it.
    pub fn writer(&self) -> Result<io::BufWriter<NamedWriter<File>>> {
        let f = self.handle()?;
        let dup = f
            .try_clone()
            .map_err(|e| Error::from(e).with_path(&self.shown))?;
        Ok(io::BufWriter::new(NamedWriter::new(dup, &self.shown)))
    }

    fn handle(&self) -> Result<&File> {
        self.file
            .as_ref()
            .ok_or_else(|| Error::usage("the output is closed").with_path(&self.shown))
    }

    /// Closes the file before any rename of its set, flushing it to the disk
    /// first when outputs are [durable](set_durable).
    fn sync(&mut self) -> Result<()> {
        let f = self.handle()?;
        if durable() {
            f.sync_all()
                .map_err(|e| Error::from(e).with_path(&self.shown))?;
        }
        self.file = None;
        Ok(())
    }

    fn rename(&mut self, reg: &mut Registry) -> Result<()> {
        fs::rename(&self.tmp, &self.target).map_err(|e| Error::from(e).with_path(&self.shown))?;
        reg.files.remove(&self.tmp);
        self.committed = true;
        Ok(())
    }

    /// Syncs the file and renames it into place.
    pub fn commit(self) -> Result<()> {
        AtomicSet { files: vec![self] }.commit()
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.file.as_mut() {
            Some(f) => f.write(buf).map_err(|e| io_at(&self.shown, e)),
            None => Err(io_at(&self.shown, io::Error::other("the output is closed"))),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush().map_err(|e| io_at(&self.shown, e)),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            self.file = None;
            let mut reg = registry();
            let _ = fs::remove_file(&self.tmp);
            reg.files.remove(&self.tmp);
        }
    }
}

/// A writer whose errors name what it writes to (a file as the user gave
/// it, or standard output): a full disk under `-o out.tsv` says
/// `out.tsv: No space left on device`, however deep in a format writer the
/// write failed.
#[derive(Debug)]
pub struct NamedWriter<W> {
    inner: W,
    name: PathBuf,
}

impl<W: Write> NamedWriter<W> {
    /// `inner`, whose errors will name `name`.
    pub fn new(inner: W, name: impl AsRef<Path>) -> NamedWriter<W> {
        NamedWriter {
            inner,
            name: name.as_ref().to_path_buf(),
        }
    }
}

impl<W: Write> Write for NamedWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).map_err(|e| io_at(&self.name, e))
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf).map_err(|e| io_at(&self.name, e))
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|e| io_at(&self.name, e))
    }
}

/// What errors on standard output are named by.
pub const STDOUT_NAME: &str = "standard output";

/// Standard output, buffered, its errors naming it.
pub fn stdout() -> io::BufWriter<NamedWriter<io::StdoutLock<'static>>> {
    io::BufWriter::new(NamedWriter::new(io::stdout().lock(), STDOUT_NAME))
}

/// Files that are committed together (the Moses files of one alignment,
/// the outputs of one corpus document): all appear, or none does.
#[derive(Debug, Default)]
pub struct AtomicSet {
    files: Vec<AtomicFile>,
}

impl AtomicSet {
    /// An empty set.
    pub fn new() -> AtomicSet {
        AtomicSet::default()
    }

    /// Creates one more file of the set ([`AtomicFile::create`]); its index.
    pub fn create(&mut self, path: &Path) -> Result<usize> {
        self.files.push(AtomicFile::create(path)?);
        Ok(self.files.len() - 1)
    }

    /// Adds a file created elsewhere.
    pub fn push(&mut self, f: AtomicFile) {
        self.files.push(f);
    }

    /// Moves the files of `other` into this set.
    pub fn extend(&mut self, other: AtomicSet) {
        let mut other = other;
        self.files.append(&mut other.files);
    }

    /// The files, in the order they were created.
    pub fn files(&self) -> &[AtomicFile] {
        &self.files
    }

    /// The paths as the user gave them.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(AtomicFile::path)
    }

    /// Syncs every file, then renames them all into place. When a rename
    /// fails, the files of the set already renamed are removed, so the set
    /// is never found in part; the error names the file.
    pub fn commit(mut self) -> Result<()> {
        for f in &mut self.files {
            f.sync()?;
        }
        let mut reg = registry();
        for i in 0..self.files.len() {
            if let Err(e) = self.files[i].rename(&mut reg) {
                for done in &self.files[..i] {
                    let _ = fs::remove_file(&done.target);
                }
                return Err(e);
            }
        }
        drop(reg);
        if !durable() {
            return Ok(());
        }
        let mut dirs: Vec<PathBuf> = self.files.iter().map(|f| parent_dir(&f.target)).collect();
        dirs.sort();
        dirs.dedup();
        for d in dirs {
            // Best effort: makes the renames durable where directories can
            // be synced; the data itself was synced above.
            if let Ok(dir) = File::open(&d) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    }
}

/// Writes `path` atomically with `write` (a report, a summary file).
pub fn write_file(
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<NamedWriter<File>>) -> io::Result<()>,
) -> Result<()> {
    let f = AtomicFile::create(path)?;
    let mut w = f.writer()?;
    write(&mut w).map_err(|e| Error::from(e).with_path(path))?;
    w.flush().map_err(|e| Error::from(e).with_path(path))?;
    drop(w);
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_and_drop() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"hello").unwrap();
        assert!(!p.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        f.commit().unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"hello");
        let g = AtomicFile::create(&dir.path().join("b.txt")).unwrap();
        drop(g);
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.txt"]);
    }

    #[test]
    fn duplicates_by_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("x.beads");
        let b = dir.path().join(".").join("x.beads");
        let e = refuse_duplicates([&a, &b]).unwrap_err();
        assert!(e.to_string().contains("twice"), "{e}");
        refuse_duplicates([&a, &dir.path().join("y.beads")]).unwrap();
    }
}

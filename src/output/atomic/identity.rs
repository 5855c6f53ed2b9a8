//! File identity: whether two paths are the same file (device and inode,
//! however the path is spelled), and the checks every command makes with it
//! before it writes: no output is an input, no two outputs are one file.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::resolve_target;
use crate::error::{Error, Result};

/// The identity of an existing file: (device, inode) on Unix, its canonical
/// path elsewhere. `None` when it does not exist (or is `-`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(FileIdInner);

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum FileIdInner {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

impl FileId {
    /// The identity of `path` (following symbolic links).
    pub fn of(path: &Path) -> Option<FileId> {
        if path.as_os_str() == "-" {
            return None;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = fs::metadata(path).ok()?;
            Some(FileId(FileIdInner::Inode(m.dev(), m.ino())))
        }
        #[cfg(not(unix))]
        {
            fs::canonicalize(path)
                .ok()
                .map(|p| FileId(FileIdInner::Path(p)))
        }
    }
}

/// Refuses when any of `outputs` is one of `inputs` (the same file, however
/// it is spelled); the message names both paths as given. Call it before
/// anything is written.
pub fn refuse_inputs<O, I>(outputs: O, inputs: I) -> Result<()>
where
    O: IntoIterator,
    O::Item: AsRef<Path>,
    I: IntoIterator,
    I::Item: AsRef<Path>,
{
    let mut ins: HashMap<FileId, PathBuf> = HashMap::new();
    for p in inputs {
        if let Some(id) = FileId::of(p.as_ref()) {
            ins.entry(id).or_insert_with(|| p.as_ref().to_path_buf());
        }
    }
    if ins.is_empty() {
        return Ok(());
    }
    for out in outputs {
        let out = out.as_ref();
        if let Some(id) = FileId::of(out)
            && let Some(inp) = ins.get(&id)
        {
            return Err(Error::usage(format!(
                "the output is the input {}; refusing to overwrite an input (give another output name)",
                inp.display()
            ))
            .with_path(out));
        }
    }
    Ok(())
}

/// Refuses an input given twice (the same path, or two names of one file):
/// aligning a text with itself is a slip, not a request. `-` counts once.
pub fn refuse_repeated_inputs<I>(inputs: I) -> Result<()>
where
    I: IntoIterator,
    I::Item: AsRef<Path>,
{
    let mut seen: Vec<(PathBuf, Option<FileId>)> = Vec::new();
    for p in inputs {
        let p = p.as_ref();
        let id = FileId::of(p);
        if let Some((first, _)) = seen
            .iter()
            .find(|(q, i)| q == p || (id.is_some() && *i == id))
        {
            let also = if first == p {
                "given twice".to_string()
            } else {
                format!("the same file as {}", first.display())
            };
            return Err(
                Error::usage(format!("{also}: give each language version once")).with_path(p),
            );
        }
        seen.push((p.to_path_buf(), id));
    }
    Ok(())
}

/// The checks every command makes on its outputs before reading or
/// writing anything: each target may be written ([`resolve_target`]), no
/// two are the same file ([`refuse_duplicates`]), none is an input
/// ([`refuse_inputs`]).
pub fn check_outputs(outputs: &[PathBuf], inputs: &[PathBuf]) -> Result<()> {
    for o in outputs {
        resolve_target(o)?;
    }
    refuse_duplicates(outputs)?;
    refuse_inputs(outputs, inputs)
}

/// Checks one more output of a command (`--save-lexicon`) against the
/// outputs it already writes and the files it reads, before anything is
/// written: `extra` may be written ([`resolve_target`]), it is none of
/// `outputs` (the same path, or two names of one existing file) and none of
/// `inputs`. The message names `extra` as given. Linear in the number of
/// paths (a corpus run writes thousands).
pub fn check_extra_output<O, I>(extra: &Path, outputs: O, inputs: I) -> Result<()>
where
    O: IntoIterator,
    O::Item: AsRef<Path>,
    I: IntoIterator,
    I::Item: AsRef<Path>,
{
    resolve_target(extra)?;
    let key = lexical(extra);
    let id = FileId::of(extra);
    for out in outputs {
        let out = out.as_ref();
        if lexical(out) == key || (id.is_some() && FileId::of(out) == id) {
            return Err(Error::usage(format!(
                "is also the output {}; every output needs its own file (give another name)",
                out.display()
            ))
            .with_path(extra));
        }
    }
    refuse_inputs([extra], inputs)
}

/// Refuses when two of `outputs` are the same file (the same path, or two
/// names of one existing file); the message names both.
pub fn refuse_duplicates<O>(outputs: O) -> Result<()>
where
    O: IntoIterator,
    O::Item: AsRef<Path>,
{
    let mut seen: Vec<(PathBuf, Option<FileId>)> = Vec::new();
    for out in outputs {
        let out = out.as_ref();
        let id = FileId::of(out);
        let key = lexical(out);
        if let Some((first, _)) = seen
            .iter()
            .find(|(p, i)| lexical(p) == key || (id.is_some() && *i == id))
        {
            return Err(Error::usage(format!(
                "given twice as an output (also as {}); every output needs its own file",
                first.display()
            ))
            .with_path(out));
        }
        seen.push((out.to_path_buf(), id));
    }
    Ok(())
}

/// A path with `.` components and repeated separators dropped, and its
/// directory made canonical when it exists (`out/./a` and `out//a` are one).
pub(crate) fn lexical(p: &Path) -> PathBuf {
    let clean: PathBuf = p.components().collect();
    match (clean.parent(), clean.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            fs::canonicalize(dir).map(|d| d.join(name)).unwrap_or(clean)
        }
        _ => clean,
    }
}

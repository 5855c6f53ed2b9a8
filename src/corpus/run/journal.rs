//! The run's journal, `OUT/.sixalign-journal`: one line per document
//! aligned, read back by a resumed run for its report and summary.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

use super::report::{DocReport, DocStatus};

/// The journal's file name in the output directory.
pub(super) const JOURNAL: &str = ".sixalign-journal";

/// A document done in an earlier run, with the figures that run recorded
/// for the language pairs it is done for now.
pub(super) fn recorded(done: &DocReport, before: &DocReport) -> DocReport {
    let mut r = before.clone();
    r.status = DocStatus::Done;
    r.reason = None;
    r.missing = done.missing.clone();
    r.errors = Vec::new();
    r.pairs.retain(|p| !done.missing.contains(&p.lang));
    r
}

/// The documents an earlier run recorded, by id (the last record of an id
/// wins; a line cut short by a killed run, or not a record, is left out).
pub(super) fn read_journal(path: &Path) -> BTreeMap<String, DocReport> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter_map(|l| serde_json::from_str::<DocReport>(l).ok())
        .map(|d| (d.id.clone(), d))
        .collect()
}

/// The run's journal, appended a line per document aligned (see the
/// [module docs](self)). It is a log, not an output: each line is written
/// whole and flushed after each chunk, and a reader skips a cut line.
pub(super) struct Journal {
    path: PathBuf,
    w: io::BufWriter<crate::output::atomic::NamedWriter<std::fs::File>>,
}

impl Journal {
    pub(super) fn open(path: &Path, append: bool) -> Result<Journal> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(append)
            .write(true)
            .truncate(!append)
            .open(path)
            .map_err(|e| Error::from(e).with_path(path))?;
        Ok(Journal {
            path: path.to_path_buf(),
            w: io::BufWriter::new(crate::output::atomic::NamedWriter::new(file, path)),
        })
    }

    pub(super) fn record(&mut self, d: &DocReport) -> Result<()> {
        let mut line = serde_json::to_vec(d).map_err(|e| Error::from(io::Error::from(e)))?;
        line.push(b'\n');
        self.w
            .write_all(&line)
            .map_err(|e| Error::from(e).with_path(&self.path))
    }

    pub(super) fn flush(&mut self) -> Result<()> {
        self.w
            .flush()
            .map_err(|e| Error::from(e).with_path(&self.path))
    }
}

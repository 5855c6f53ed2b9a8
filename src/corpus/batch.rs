//! Batches of pre-split sentence files (`align --lines --batch JOBFILE`).
//!
//! A job file has one job per line, `src<TAB>tgt<TAB>out`, the form
//! Hunalign's `-batch` users know: two files with one sentence per line,
//! and where to write the bead file. Jobs run in parallel (rayon over
//! pairs); every bead file is written under a temporary name and renamed
//! when complete, and a bad pair is reported in its [`JobResult`] while the
//! batch goes on.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::engine::{Aligner, LineFile};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::output::{partial_path, write_beads};

/// One pair of sentence-per-line files to align.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Job {
    /// Source sentences, one per line.
    pub src: PathBuf,
    /// Target sentences, one per line.
    pub tgt: PathBuf,
    /// The bead file to write.
    pub out: PathBuf,
    /// The job file line it came from (1-based; 0 when built in code).
    pub line: usize,
}

/// The outcome of one job.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobResult {
    /// The job's output file.
    pub out: PathBuf,
    /// Source sentences read.
    pub src_sentences: usize,
    /// Target sentences read.
    pub tgt_sentences: usize,
    /// Beads written.
    pub beads: usize,
    /// Why the job failed, naming the file; `None` when it succeeded.
    pub error: Option<String>,
}

/// Reads a job file: `src<TAB>tgt<TAB>out` per line; blank lines and lines
/// starting with `#` are ignored. Relative paths are taken as they are
/// (relative to the working directory), as Hunalign does.
pub fn read_jobfile(path: &Path) -> Result<Vec<Job>> {
    let file = std::fs::File::open(path).map_err(|e| Error::from(e).with_path(path))?;
    let mut jobs = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Error::from(e).with_path(path).with_line(n + 1))?;
        let t = line.trim_end_matches('\r');
        if t.trim().is_empty() || t.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = t.split('\t').collect();
        if f.len() != 3 || f.iter().any(|x| x.trim().is_empty()) {
            return Err(Error::malformed(format!(
                "expected src<TAB>tgt<TAB>out, found {} field(s)",
                f.len()
            ))
            .with_path(path)
            .with_line(n + 1));
        }
        jobs.push(Job {
            src: PathBuf::from(f[0]),
            tgt: PathBuf::from(f[1]),
            out: PathBuf::from(f[2]),
            line: n + 1,
        });
    }
    Ok(jobs)
}

/// Aligns every job (in parallel), writing one bead file each; results in
/// job order. Every file is read through the one reader
/// ([`LineFile::read`]); the languages are detected per file when not given.
pub fn run_batch(
    jobs: &[Job],
    src_lang: Option<Lang>,
    tgt_lang: Option<Lang>,
    aligner: &Aligner,
) -> Vec<JobResult> {
    jobs.par_iter()
        .map(|job| {
            let mut r = JobResult {
                out: job.out.clone(),
                src_sentences: 0,
                tgt_sentences: 0,
                beads: 0,
                error: None,
            };
            if let Err(e) = run_job(job, src_lang, tgt_lang, aligner, &mut r) {
                r.error = Some(e.to_string());
            }
            r
        })
        .collect()
}

fn run_job(
    job: &Job,
    src_lang: Option<Lang>,
    tgt_lang: Option<Lang>,
    aligner: &Aligner,
    r: &mut JobResult,
) -> Result<()> {
    let src = LineFile::read(&job.src, src_lang)?;
    let tgt = LineFile::read(&job.tgt, tgt_lang)?;
    let (src_lines, tgt_lines) = (src.lines(), tgt.lines());
    r.src_sentences = src_lines.len();
    r.tgt_sentences = tgt_lines.len();
    let beads = aligner.align_lines(src.lang, tgt.lang, &src_lines, &tgt_lines);
    r.beads = beads.len();
    let tmp = partial_path(&job.out);
    let res = std::fs::File::create(&tmp).and_then(|f| {
        let mut w = BufWriter::new(f);
        write_beads(&mut w, &beads)?;
        w.flush()?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()
    });
    let res = res.and_then(|()| std::fs::rename(&tmp, &job.out));
    if let Err(e) = res {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::from(e).with_path(&job.out));
    }
    Ok(())
}

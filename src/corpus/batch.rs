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

use crate::engine::{Aligner, LEARN_MIN_SCORE, confident_links};
use crate::error::{Error, ErrorKind, Result};
use crate::lang::{self, Lang};
use crate::output::{partial_path, write_beads};
use crate::score::Lexicon;

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

/// Aligns every job (in parallel) with `aligner`, writing one bead file
/// each; results in job order. The languages are detected per file when not
/// given. When the aligner learns, the lexicon is learned once over the
/// whole batch ([`learn_batch`]) before the jobs are aligned.
pub fn run_batch(
    jobs: &[Job],
    src_lang: Option<Lang>,
    tgt_lang: Option<Lang>,
    aligner: &Aligner,
) -> Vec<JobResult> {
    if aligner.learns() {
        let learned = learn_batch(jobs, src_lang, tgt_lang, aligner);
        return run_batch(jobs, src_lang, tgt_lang, &aligner.with_learned(learned));
    }
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

fn read_lines(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::from(e).with_path(path))?;
    let s = String::from_utf8(bytes).map_err(|e| {
        Error::new(ErrorKind::InvalidUtf8 {
            offset: e.utf8_error().valid_up_to(),
        })
        .with_path(path)
    })?;
    Ok(s)
}

fn lang_of(path: &Path, given: Option<Lang>, text: &str) -> Result<Lang> {
    given
        .or_else(|| lang::detect(text))
        .ok_or_else(|| Error::new(ErrorKind::UnknownLanguage).with_path(path))
}

/// A job's two texts and their languages.
fn read_job(
    job: &Job,
    src_lang: Option<Lang>,
    tgt_lang: Option<Lang>,
) -> Result<(String, String, Lang, Lang)> {
    let src_text = read_lines(&job.src)?;
    let tgt_text = read_lines(&job.tgt)?;
    let sl = lang_of(&job.src, src_lang, &src_text)?;
    let tl = lang_of(&job.tgt, tgt_lang, &tgt_text)?;
    Ok((src_text, tgt_text, sl, tl))
}

/// The first pass over a batch: every job that reads is aligned once (in
/// parallel) and the confident 1-1 beads of all of them teach one lexicon
/// per language pair, in the order of the pairs; jobs that fail to read are
/// left out (the real run reports them). Deterministic whatever the threads.
pub fn learn_batch(
    jobs: &[Job],
    src_lang: Option<Lang>,
    tgt_lang: Option<Lang>,
    aligner: &Aligner,
) -> Vec<Lexicon> {
    let first = aligner.single_pass();
    let read: Vec<(String, String, Lang, Lang, Vec<crate::align::Bead>)> = jobs
        .par_iter()
        .filter_map(|job| read_job(job, src_lang, tgt_lang).ok())
        .map(|(s, t, sl, tl)| {
            let beads = {
                let src: Vec<&str> = s.lines().collect();
                let tgt: Vec<&str> = t.lines().collect();
                first.align_lines(&src, &tgt, sl, tl)
            };
            (s, t, sl, tl, beads)
        })
        .collect();
    let mut langs: Vec<(Lang, Lang)> = read.iter().map(|r| (r.2, r.3)).collect();
    langs.sort();
    langs.dedup();
    langs
        .into_iter()
        .map(|(sl, tl)| {
            let mut links: Vec<(&str, &str)> = Vec::new();
            for (s, t, _, _, beads) in read.iter().filter(|r| (r.2, r.3) == (sl, tl)) {
                let src: Vec<&str> = s.lines().collect();
                let tgt: Vec<&str> = t.lines().collect();
                links.extend(confident_links(&src, &tgt, beads, LEARN_MIN_SCORE));
            }
            Lexicon::learn(sl, tl, &links)
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
    let (src_text, tgt_text, sl, tl) = read_job(job, src_lang, tgt_lang)?;
    let src: Vec<&str> = src_text.lines().collect();
    let tgt: Vec<&str> = tgt_text.lines().collect();
    r.src_sentences = src.len();
    r.tgt_sentences = tgt.len();
    let beads = aligner.align_lines(&src, &tgt, sl, tl);
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

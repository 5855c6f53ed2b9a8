//! Batches of pre-split sentence files (`align --lines --batch JOBFILE`).
//!
//! A job file has one job per line, `src<TAB>tgt<TAB>out`, the form
//! Hunalign's `-batch` users know: two files with one sentence per line,
//! and where to write the bead file. Jobs run in parallel (rayon over
//! pairs); every bead file is written under a temporary name and renamed
//! when complete, and a bad pair is reported in its [`JobResult`] while the
//! batch goes on.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use std::sync::Arc;

use crate::align::{Bead, Pass};
use crate::engine::{Aligner, LEARN_MIN_SCORE, LineFile, confident_links};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::output::atomic::{self, FileId};
use crate::output::write_beads;
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

impl JobResult {
    /// A job not run yet: nothing read, nothing written, no error.
    fn new(out: &Path) -> JobResult {
        JobResult {
            out: out.to_path_buf(),
            src_sentences: 0,
            tgt_sentences: 0,
            beads: 0,
            error: None,
        }
    }
}

/// Reads a job file: `src<TAB>tgt<TAB>out` per line; blank lines and lines
/// starting with `#` are ignored. Relative paths are taken as they are
/// (relative to the working directory), as Hunalign does.
pub fn read_jobfile(path: &Path) -> Result<Vec<Job>> {
    let text = crate::load::read_text_file(path)?;
    let mut jobs = Vec::new();
    for (n, line) in crate::load::lines(&text).enumerate() {
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
        // Standard output would mix every job's beads in one stream, and a
        // file named `-` is never what was meant.
        if let Some(which) = ["source", "target", "output"]
            .iter()
            .zip(&f)
            .find(|(_, x)| x.trim() == "-")
            .map(|(w, _)| w)
        {
            return Err(Error::usage(format!(
                "the {which} is `-`: a batch job reads and writes files only (standard input and output are for one pair: align --lines SRC TGT -o -); give a file name"
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

/// The checks made on a whole batch before any job runs, so that no job
/// can destroy another's input or output: every output may be written
/// (not a directory, FIFO or device; its directory exists), no output is
/// given twice, and no output is an input of any job or the job file
/// itself. Errors name the job file and line.
pub fn check_jobs(jobs: &[Job], jobfile: Option<&Path>) -> Result<()> {
    use std::collections::HashMap;
    let at = |e: Error, line: usize| match jobfile {
        Some(p) => e.with_path(p).with_line(line),
        None => e,
    };
    let mut inputs: HashMap<FileId, (PathBuf, usize)> = HashMap::new();
    if let Some(p) = jobfile
        && let Some(id) = FileId::of(p)
    {
        inputs.insert(id, (p.to_path_buf(), 0));
    }
    for j in jobs {
        for p in [&j.src, &j.tgt] {
            if let Some(id) = FileId::of(p) {
                inputs.entry(id).or_insert_with(|| (p.clone(), j.line));
            }
        }
    }
    let mut outs: HashMap<PathBuf, usize> = HashMap::new();
    let mut out_ids: HashMap<FileId, usize> = HashMap::new();
    for j in jobs {
        atomic::resolve_target(&j.out).map_err(|e| at(e, j.line))?;
        let id = FileId::of(&j.out);
        let first = outs
            .get(&atomic::lexical(&j.out))
            .or_else(|| id.as_ref().and_then(|i| out_ids.get(i)));
        if let Some(first) = first {
            return Err(at(
                Error::usage(format!(
                    "the output {} is given twice (also at line {first}); every job needs its own output",
                    j.out.display()
                )),
                j.line,
            ));
        }
        if let Some((inp, line)) = id.as_ref().and_then(|i| inputs.get(i)) {
            let whose = if *line == 0 {
                "the job file".to_string()
            } else {
                format!("an input at line {line}")
            };
            return Err(at(
                Error::usage(format!(
                    "the output {} is {whose} ({}); refusing to overwrite an input",
                    j.out.display(),
                    inp.display()
                )),
                j.line,
            ));
        }
        outs.insert(atomic::lexical(&j.out), j.line);
        if let Some(i) = id {
            out_ids.insert(i, j.line);
        }
    }
    Ok(())
}

/// Aligns every job (in parallel), writing one bead file each; results in
/// job order. Every file is read through the one reader
/// ([`LineFile::read`]); the languages are detected per file when not given.
/// When the aligner learns, the lexicon is learned once over the whole
/// batch ([`learn_batch`]) before the jobs are aligned again.
pub fn run_batch(
    jobs: &[Job],
    src_lang: Option<Lang>,
    tgt_lang: Option<Lang>,
    aligner: &Aligner,
) -> Vec<JobResult> {
    match run_batch_keeping(jobs, src_lang, tgt_lang, aligner, |_| Ok(())) {
        Ok(results) => results,
        Err(_) => unreachable!("keeping nothing cannot fail"),
    }
}

/// [`run_batch`], handing the lexicons a learning aligner's first pass
/// learned (one per language pair) to `keep` before the second pass writes
/// any job (`sixalign align --lines --batch --save-lexicon` saves them
/// there). An error from `keep` ends the batch before any job is written;
/// `keep` is not called when the aligner does not learn.
pub fn run_batch_keeping(
    jobs: &[Job],
    src_lang: Option<Lang>,
    tgt_lang: Option<Lang>,
    aligner: &Aligner,
    keep: impl FnOnce(&[Lexicon]) -> Result<()>,
) -> Result<Vec<JobResult>> {
    if aligner.learns() {
        let first = learn_batch(jobs, src_lang, tgt_lang, aligner);
        keep(&first.lexicons)?;
        return Ok(run_batch_guided(jobs, src_lang, tgt_lang, aligner, first));
    }
    Ok(run_jobs(jobs, src_lang, tgt_lang, aligner))
}

/// The second pass of a learning [`run_batch`]: every job aligned with the
/// lexicons `first` learned, near its first-pass path; a job whose lines
/// and features the first pass kept is not read again.
pub fn run_batch_guided(
    jobs: &[Job],
    src_lang: Option<Lang>,
    tgt_lang: Option<Lang>,
    aligner: &Aligner,
    first: FirstPass,
) -> Vec<JobResult> {
    let learned: Vec<Arc<Lexicon>> = first.lexicons.into_iter().map(Arc::new).collect();
    let second = aligner.with_learned_tables(learned.iter().cloned());
    jobs.par_iter()
        .zip(first.jobs.into_par_iter())
        .map(|(job, done)| {
            let mut r = JobResult::new(&job.out);
            let done = match done {
                Some(JobFirst {
                    beads,
                    kept: Some((src, tgt, pass)),
                }) => {
                    let (src_lines, tgt_lines) = (src.lines(), tgt.lines());
                    r.src_sentences = src_lines.len();
                    r.tgt_sentences = tgt_lines.len();
                    let again = aligner.align_lines_again(
                        pass, src.lang, tgt.lang, &src_lines, &tgt_lines, &learned, &beads,
                    );
                    r.beads = again.len();
                    atomic::write_file(&job.out, |w| write_beads(w, &again))
                }
                other => {
                    let path = other.map(|d| d.beads);
                    run_job(job, src_lang, tgt_lang, &second, path.as_deref(), &mut r)
                }
            };
            if let Err(e) = done {
                r.error = Some(e.to_string());
            }
            r
        })
        .collect()
}

fn run_jobs(
    jobs: &[Job],
    src_lang: Option<Lang>,
    tgt_lang: Option<Lang>,
    aligner: &Aligner,
) -> Vec<JobResult> {
    jobs.par_iter()
        .map(|job| {
            let mut r = JobResult::new(&job.out);
            if let Err(e) = run_job(job, src_lang, tgt_lang, aligner, None, &mut r) {
                r.error = Some(e.to_string());
            }
            r
        })
        .collect()
}

/// Input bytes of the jobs whose lines and features the first pass keeps
/// for the second (beyond this, the second pass reads them again): memory
/// stays bounded however long the batch.
const KEEP_BYTES: u64 = 128 << 20;

/// What the first pass over a batch gives: the lexicons learned, and what
/// each job's first pass left (`None` for a job that did not read).
#[derive(Debug)]
pub struct FirstPass {
    /// One lexicon per language pair among the jobs.
    pub lexicons: Vec<Lexicon>,
    jobs: Vec<Option<JobFirst>>,
}

/// One job's first pass: its beads, and (within [`KEEP_BYTES`]) its lines
/// and features.
#[derive(Debug)]
struct JobFirst {
    beads: Vec<Bead>,
    kept: Option<(LineFile, LineFile, Pass)>,
}

/// A job read and aligned once: its lines, beads and features.
type Read = (LineFile, LineFile, Vec<Bead>, Pass);

/// The first pass over a batch: every job that reads is aligned once (in
/// parallel) and the confident 1-1 beads of all of them teach one lexicon
/// per language pair, in the order of the pairs; jobs that fail to read are
/// left out (the real run reports them). Deterministic whatever the threads.
pub fn learn_batch(
    jobs: &[Job],
    src_lang: Option<Lang>,
    tgt_lang: Option<Lang>,
    aligner: &Aligner,
) -> FirstPass {
    let keep = super::keep_within(jobs.iter().map(|j| [&j.src, &j.tgt]), KEEP_BYTES);
    let first = aligner.single_pass();
    let all: Vec<Option<Read>> = jobs
        .par_iter()
        .map(|job| {
            let src = LineFile::read(&job.src, src_lang).ok()?;
            let tgt = LineFile::read(&job.tgt, tgt_lang).ok()?;
            let (beads, pass) =
                first.align_lines_once(src.lang, tgt.lang, &src.lines(), &tgt.lines());
            Some((src, tgt, beads, pass))
        })
        .collect();
    let read: Vec<&Read> = all.iter().flatten().collect();
    let mut langs: Vec<(Lang, Lang)> = read.iter().map(|r| (r.0.lang, r.1.lang)).collect();
    langs.sort();
    langs.dedup();
    let lexicons = langs
        .into_iter()
        .map(|(sl, tl)| {
            let mut links: Vec<(&str, &str)> = Vec::new();
            for (s, t, beads, _) in read.iter().filter(|r| (r.0.lang, r.1.lang) == (sl, tl)) {
                links.extend(confident_links(
                    &s.lines(),
                    &t.lines(),
                    beads,
                    LEARN_MIN_SCORE,
                ));
            }
            Lexicon::learn(sl, tl, &links)
        })
        .collect();
    let jobs = all
        .into_iter()
        .zip(keep)
        .map(|(r, keep)| {
            r.map(|(src, tgt, beads, pass)| JobFirst {
                beads,
                kept: keep.then_some((src, tgt, pass)),
            })
        })
        .collect();
    FirstPass { lexicons, jobs }
}

fn run_job(
    job: &Job,
    src_lang: Option<Lang>,
    tgt_lang: Option<Lang>,
    aligner: &Aligner,
    path: Option<&[Bead]>,
    r: &mut JobResult,
) -> Result<()> {
    let src = LineFile::read(&job.src, src_lang)?;
    let tgt = LineFile::read(&job.tgt, tgt_lang)?;
    let (src_lines, tgt_lines) = (src.lines(), tgt.lines());
    r.src_sentences = src_lines.len();
    r.tgt_sentences = tgt_lines.len();
    let beads = match path {
        Some(p) => aligner.align_lines_near(src.lang, tgt.lang, &src_lines, &tgt_lines, p),
        None => aligner.align_lines(src.lang, tgt.lang, &src_lines, &tgt_lines),
    };
    r.beads = beads.len();
    atomic::write_file(&job.out, |w| write_beads(w, &beads))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A job file's worth of jobs: two pairs of line files in `dir`.
    fn jobs(dir: &Path) -> Vec<Job> {
        let zh = "大会于2019年通过第74/28号决议。\n会议有193个会员国参加。\n";
        let en = "The Assembly adopted resolution 74/28 in 2019.\nIt was attended by 193 Member States.\n";
        (1..=2)
            .map(|i| {
                let (src, tgt) = (dir.join(format!("{i}.zh")), dir.join(format!("{i}.en")));
                std::fs::write(&src, zh).unwrap();
                std::fs::write(&tgt, en).unwrap();
                Job {
                    src,
                    tgt,
                    out: dir.join(format!("{i}.beads")),
                    line: i,
                }
            })
            .collect()
    }

    #[test]
    fn the_lexicons_learned_are_kept_before_any_job_is_written() {
        let d = tempfile::tempdir().unwrap();
        let jobs = jobs(d.path());
        let learning = Aligner::builder().learn_lexicon(true).build();
        let mut kept = Vec::new();
        let results = run_batch_keeping(&jobs, None, None, &learning, |l| {
            assert!(
                jobs.iter().all(|j| !j.out.exists()),
                "kept before the second pass"
            );
            kept.extend(l.iter().map(|l| (l.src_lang, l.tgt_lang)));
            Ok(())
        })
        .unwrap();
        assert_eq!(kept, [(Some(Lang::Zh), Some(Lang::En))]);
        assert_eq!(results, run_batch(&jobs, None, None, &learning));
        assert!(results.iter().all(|r| r.error.is_none() && r.beads == 2));
        // An error while keeping them: no job is written.
        let e = tempfile::tempdir().unwrap();
        let jobs = super::tests::jobs(e.path());
        let failed = run_batch_keeping(&jobs, None, None, &learning, |_| {
            Err(Error::usage("no room"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "no room");
        assert!(jobs.iter().all(|j| !j.out.exists()));
        // An aligner that does not learn keeps nothing.
        let once = run_batch_keeping(&jobs, None, None, &Aligner::new(), |_| {
            panic!("nothing learned")
        });
        assert_eq!(once.unwrap().len(), 2);
    }
}

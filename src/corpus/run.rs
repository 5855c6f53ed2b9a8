//! The streaming run over a corpus.
//!
//! **Bounded memory.** Documents are taken a chunk at a time (by default
//! four per rayon thread); the chunk is loaded, parsed, aligned and written
//! in parallel, each document to its own files, and only a small
//! [`DocReport`] per document survives the chunk. Peak memory is therefore
//! set by the chunk size and the largest documents, not by the corpus.
//! Inside a document, rayon also runs the language pairs and the anchored
//! regions in parallel.
//!
//! **Output layout and atomicity.** Each document gets one output per
//! language pair: `OUT/zh-en/A_RES_74_28.jsonl` (Moses:
//! `OUT/zh-en/A_RES_74_28.zh` and `.en`). Every file is written under a
//! temporary name through [`Output`] and renamed when complete, so a file
//! that exists is whole. A document's outputs are all written before any is
//! renamed.
//!
//! **Resume.** A document is done when every output it should have exists
//! (one per language pair whose two versions were found). `--resume` skips
//! those; a document interrupted between two renames is simply redone. No
//! sidecar state can disagree with the files, because the files are the state.
//!
//! **Journal.** What a document's alignment looked like (its [`DocReport`])
//! is appended, once its outputs are renamed into place, to the run's
//! journal, `OUT/.sixalign-journal` (one JSON line per document aligned;
//! hidden, so a corpus walk never takes it for a document). It decides
//! nothing: a resumed run reads it back only so that its report and summary
//! cover the whole corpus, the documents done in earlier runs with the
//! figures those runs recorded. A document done without a record (a journal
//! removed, or a run killed between a rename and the journal line) is
//! reported done, without figures. A run without `--resume` starts a new
//! journal.
//!
//! **Stopping.** [`RunOptions::stop`] is a flag a Ctrl-C handler sets: the
//! run then starts no new document, lets those in flight finish, and returns
//! with [`Summary::interrupted`] set; the report is written for what was done.
//!
//! **Determinism.** Each document's output depends on that document only,
//! and reports are gathered in document-id order, so output and report are
//! the same bytes whatever the number of threads.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::DocFiles;
use crate::engine::{Aligner, PairAlignment, Stats};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::load::Text;
use crate::output::atomic::{self, AtomicFile, AtomicSet};
use crate::output::{self, Format, Output, Target, write_alignment};
use crate::parse::{self, ParseOptions};

/// How a corpus is aligned and written.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// The hub language (normally Chinese).
    pub hub: Lang,
    /// The other languages to align with the hub (the hub itself is ignored).
    pub langs: Vec<Lang>,
    /// The output format.
    pub format: Format,
    /// The directory outputs are written under.
    pub out_dir: PathBuf,
    /// Skip documents whose outputs all exist.
    pub resume: bool,
    /// Documents in flight at once; 0 means four per rayon thread.
    pub chunk: usize,
    /// The tags TMX output names languages with (`zh-CN`).
    pub tmx_tags: crate::output::LangTags,
    /// Leave paragraph labels out of segments ([`crate::output::labels`]).
    pub strip_labels: bool,
    /// When set (by a Ctrl-C handler), the run and the learning pass start
    /// no new document; see the [module docs](self).
    pub stop: Option<Arc<AtomicBool>>,
}

impl RunOptions {
    /// Defaults: hub Chinese, the five other languages, JSON Lines, no resume.
    pub fn new(out_dir: impl Into<PathBuf>) -> RunOptions {
        RunOptions {
            hub: Lang::Zh,
            langs: Lang::ALL.to_vec(),
            format: Format::Jsonl,
            out_dir: out_dir.into(),
            resume: false,
            chunk: 0,
            tmx_tags: crate::output::LangTags::default(),
            strip_labels: false,
            stop: None,
        }
    }

    /// Whether the run was asked to stop.
    pub fn stopped(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
    }

    /// The run's journal (see the [module docs](self)).
    pub fn journal(&self) -> PathBuf {
        self.out_dir.join(JOURNAL)
    }

    fn others(&self) -> Vec<Lang> {
        let mut v: Vec<Lang> = self
            .langs
            .iter()
            .copied()
            .filter(|&l| l != self.hub)
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The output files of document `id` for the pair hub–`lang`.
    pub fn outputs(&self, id: &str, lang: Lang) -> Vec<PathBuf> {
        let prefix = self.prefix(id, lang);
        match self.format {
            Format::Moses => vec![
                output::moses_path(&prefix, self.hub),
                output::moses_path(&prefix, lang),
            ],
            f => vec![with_ext(&prefix, f.name())],
        }
    }

    fn pair_dir(&self, lang: Lang) -> PathBuf {
        self.out_dir.join(format!("{}-{}", self.hub, lang))
    }

    fn prefix(&self, id: &str, lang: Lang) -> PathBuf {
        self.pair_dir(lang).join(output_stem(id))
    }
}

/// The journal's file name in the output directory.
const JOURNAL: &str = ".sixalign-journal";

fn with_ext(prefix: &Path, ext: &str) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

/// The file-name stem of a document's outputs: its id with `/` and any
/// character unsafe in file names replaced by `_` (`A/RES/74/28` gives
/// `A_RES_74_28`).
pub fn output_stem(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .collect();
    // A leading dot would hide the file (and look like a partial file).
    if s.starts_with('.') || s.is_empty() {
        format!("_{s}")
    } else {
        s
    }
}

/// What happened to one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocStatus {
    /// Aligned and written (perhaps with some languages missing or failed).
    Aligned,
    /// Left out by `--resume`: its outputs were complete (its figures, when
    /// an earlier run recorded them, are that run's).
    Done,
    /// Not aligned; see the reason.
    Skipped,
}

/// The figures of one language pair of one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairReport {
    /// The other language.
    pub lang: Lang,
    /// Counts of the alignment.
    pub stats: Stats,
}

/// What happened to one document, with its figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocReport {
    /// The document id.
    pub id: String,
    /// Aligned, done already, or skipped.
    pub status: DocStatus,
    /// Why it was skipped (a short category: `no hub version`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Languages asked for but not found.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Lang>,
    /// Errors met (a version that would not load or parse, a failed write).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
    /// Versions whose text is not in the language their name or manifest
    /// gives (aligned as given, as `align --lang` does, and flagged):
    /// `PATH: the language given is en but the text looks like fr`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub language_mismatch: Vec<String>,
    /// One entry per language pair aligned.
    pub pairs: Vec<PairReport>,
    /// Bytes of input read.
    pub bytes: u64,
}

impl DocReport {
    fn new(id: &str, status: DocStatus) -> DocReport {
        DocReport {
            id: id.to_string(),
            status,
            reason: None,
            missing: Vec::new(),
            errors: Vec::new(),
            language_mismatch: Vec::new(),
            pairs: Vec::new(),
            bytes: 0,
        }
    }

    fn skipped(mut self, reason: &str) -> DocReport {
        self.status = DocStatus::Skipped;
        self.reason = Some(reason.to_string());
        self
    }
}

/// The figures of a whole run.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Documents in the corpus.
    pub corpus_documents: usize,
    /// Documents considered (fewer than `corpus_documents` when interrupted).
    pub documents: usize,
    /// The run was stopped (Ctrl-C) before every document was considered;
    /// `--resume` goes on where it stopped.
    pub interrupted: bool,
    /// Documents aligned.
    pub aligned: usize,
    /// Documents left out by `--resume`.
    pub done: usize,
    /// Documents skipped, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Documents missing a language, by language.
    pub missing: BTreeMap<Lang, usize>,
    /// Errors met (documents may be aligned in part despite them).
    pub errors: usize,
    /// Versions whose text is not in their declared language.
    #[serde(default)]
    pub language_mismatch: usize,
    /// Files found but left out of the run (listed in the report's
    /// `skipped_files`): hidden, not a document, no language, …
    #[serde(default)]
    pub skipped_files: usize,
    /// Counts over every pair aligned, in this run and (with `--resume`,
    /// as recorded in the journal) in earlier ones.
    pub stats: Stats,
    /// Bytes of input of those pairs' documents.
    pub bytes: u64,
    /// Sentence pairs aligned by this run (the rates count these).
    pub run_pairs: usize,
    /// Bytes read by this run.
    pub run_bytes: u64,
    /// Wall-clock seconds of the run.
    pub seconds: f64,
    /// Wall-clock seconds of the learning pass before it (0 without one);
    /// rates count both.
    pub learn_seconds: f64,
}

impl Summary {
    /// Seconds end to end: the learning pass and the run.
    pub fn total_seconds(&self) -> f64 {
        self.seconds + self.learn_seconds
    }

    /// Adds one document's figures.
    pub fn add(&mut self, d: &DocReport) {
        self.documents += 1;
        match d.status {
            DocStatus::Aligned => self.aligned += 1,
            DocStatus::Done => self.done += 1,
            DocStatus::Skipped => {
                *self
                    .skipped
                    .entry(d.reason.clone().unwrap_or_default())
                    .or_default() += 1
            }
        }
        for &l in &d.missing {
            *self.missing.entry(l).or_default() += 1;
        }
        self.errors += d.errors.len();
        self.language_mismatch += d.language_mismatch.len();
        for p in &d.pairs {
            merge_stats(&mut self.stats, &p.stats);
        }
        self.bytes += d.bytes;
        if d.status == DocStatus::Aligned {
            self.run_pairs += d.pairs.iter().map(|p| p.stats.linked_beads).sum::<usize>();
            self.run_bytes += d.bytes;
        }
    }

    /// Sentence pairs (beads linking both sides) aligned by this run per second.
    pub fn pairs_per_sec(&self) -> f64 {
        rate(self.run_pairs as f64, self.total_seconds())
    }

    /// Documents per second (aligned ones).
    pub fn docs_per_sec(&self) -> f64 {
        rate(self.aligned as f64, self.total_seconds())
    }

    /// Megabytes (10^6 bytes) of input read by this run per second.
    pub fn mb_per_sec(&self) -> f64 {
        rate(self.run_bytes as f64 / 1e6, self.total_seconds())
    }

    /// A few lines for people (the end-of-run summary on stderr).
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "{} documents: {} aligned, {} done already, {} skipped\n",
            self.documents,
            self.aligned,
            self.done,
            self.skipped.values().sum::<usize>()
        );
        if self.interrupted {
            s.push_str(&format!(
                "  interrupted: {} of {} documents not reached (rerun with --resume)\n",
                self.corpus_documents - self.documents.min(self.corpus_documents),
                self.corpus_documents
            ));
        }
        for (why, n) in &self.skipped {
            s.push_str(&format!("  skipped {n}: {why}\n"));
        }
        for (l, n) in &self.missing {
            s.push_str(&format!("  missing {l}: {n} documents\n"));
        }
        if self.errors > 0 {
            s.push_str(&format!(
                "  {} errors (see the report for which)\n",
                self.errors
            ));
        }
        if self.language_mismatch > 0 {
            s.push_str(&format!(
                "  {} versions not in the language their name or manifest gives (aligned as given; see the report)\n",
                self.language_mismatch
            ));
        }
        if self.skipped_files > 0 {
            s.push_str(&format!(
                "  {} files left out (hidden, not a document, no language, …; listed in the report)\n",
                self.skipped_files
            ));
        }
        let beads: Vec<String> = self
            .stats
            .beads_by_type
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        s.push_str(&format!(
            "{} sentence pairs ({}), mean score {:.3}\n",
            self.stats.linked_beads,
            beads.join(", "),
            self.stats.mean_score()
        ));
        if self.done > 0 {
            s.push_str(&format!(
                "  (with the {} documents done in earlier runs; this run aligned {} pairs)\n",
                self.done, self.run_pairs
            ));
        }
        if self.learn_seconds > 0.0 {
            s.push_str(&format!(
                "{:.2} s learning a lexicon (first pass), {:.2} s aligning; end to end:\n",
                self.learn_seconds, self.seconds
            ));
        }
        s.push_str(&format!(
            "{:.2} s, {:.0} pairs/s, {:.1} documents/s, {:.2} MB/s\n",
            self.total_seconds(),
            self.pairs_per_sec(),
            self.docs_per_sec(),
            self.mb_per_sec()
        ));
        s
    }
}

fn rate(x: f64, secs: f64) -> f64 {
    if secs > 0.0 { x / secs } else { 0.0 }
}

fn merge_stats(into: &mut Stats, s: &Stats) {
    into.pairs += s.pairs;
    into.regions += s.regions;
    into.anchored_regions += s.anchored_regions;
    into.src_sentences += s.src_sentences;
    into.tgt_sentences += s.tgt_sentences;
    for (k, v) in &s.beads_by_type {
        *into.beads_by_type.entry(k.clone()).or_default() += v;
    }
    into.score_sum += s.score_sum;
    into.linked_beads += s.linked_beads;
}

/// Aligns and writes every document, a chunk at a time (see the [module
/// docs](self)), calling `on_doc` for each in document order. With `report`,
/// writes a JSON report there (atomically): `{"documents":[…],"summary":{…}}`.
///
/// Fails only when the output directory or the report cannot be created;
/// a bad document is reported and the run goes on.
pub fn run(
    docs: &[DocFiles],
    opts: &RunOptions,
    aligner: &Aligner,
    loaded: Loaded,
    report: Option<&Path>,
    on_doc: &mut dyn FnMut(&DocReport),
) -> Result<Summary> {
    run_inner(docs, &[], opts, aligner, loaded, report, on_doc)
}

/// [`run()`] over what [`super::discover`] found: the report also lists
/// every file left out (`"skipped_files":[{"path":…,"reason":…}]`: hidden,
/// not a document, no language, a second version, …), and the summary
/// counts them.
pub fn run_found(
    found: &super::Discovery,
    opts: &RunOptions,
    aligner: &Aligner,
    loaded: Loaded,
    report: Option<&Path>,
    on_doc: &mut dyn FnMut(&DocReport),
) -> Result<Summary> {
    let mut files: Vec<&super::Problem> = found.problems.iter().chain(&found.left_out).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    run_inner(&found.docs, &files, opts, aligner, loaded, report, on_doc)
}

fn run_inner(
    docs: &[DocFiles],
    skipped_files: &[&super::Problem],
    opts: &RunOptions,
    aligner: &Aligner,
    loaded: Loaded,
    report: Option<&Path>,
    on_doc: &mut dyn FnMut(&DocReport),
) -> Result<Summary> {
    let start = Instant::now();
    let others = opts.others();
    check_outputs(docs, opts, report)?;
    for &l in &others {
        let dir = opts.pair_dir(l);
        std::fs::create_dir_all(&dir).map_err(|e| Error::from(e).with_path(&dir))?;
        atomic::remove_stale_temporaries(&dir);
    }
    std::fs::create_dir_all(&opts.out_dir).map_err(|e| Error::from(e).with_path(&opts.out_dir))?;
    let earlier = if opts.resume {
        read_journal(&opts.journal())
    } else {
        BTreeMap::new()
    };
    let mut journal = Journal::open(&opts.journal(), opts.resume)?;
    let mut rep = report.map(ReportFile::create).transpose()?;
    let chunk = if opts.chunk == 0 {
        4 * rayon::current_num_threads()
    } else {
        opts.chunk
    };
    let mut summary = Summary {
        corpus_documents: docs.len(),
        skipped_files: skipped_files.len(),
        ..Summary::default()
    };
    for batch in docs.chunks(chunk.max(1)) {
        if opts.stopped() {
            break;
        }
        // A document not started when the stop came is left for `--resume`.
        let reports: Vec<Option<DocReport>> = batch
            .par_iter()
            .map(|d| (!opts.stopped()).then(|| align_doc(d, opts, &others, aligner, &loaded)))
            .collect();
        for r in reports.iter().flatten() {
            let r = match (r.status, earlier.get(&r.id)) {
                (DocStatus::Done, Some(before)) => &recorded(r, before),
                _ => r,
            };
            summary.add(r);
            if r.status == DocStatus::Aligned {
                journal.record(r)?;
            }
            if let Some(f) = rep.as_mut() {
                f.document(r)?;
            }
            on_doc(r);
        }
        journal.flush()?;
    }
    summary.interrupted = summary.documents < docs.len();
    summary.seconds = start.elapsed().as_secs_f64();
    if let Some(f) = rep {
        f.finish(skipped_files, &summary)?;
    }
    Ok(summary)
}

/// A document done in an earlier run, with the figures that run recorded
/// for the language pairs it is done for now.
fn recorded(done: &DocReport, before: &DocReport) -> DocReport {
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
fn read_journal(path: &Path) -> BTreeMap<String, DocReport> {
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
struct Journal {
    path: PathBuf,
    w: io::BufWriter<crate::output::atomic::NamedWriter<std::fs::File>>,
}

impl Journal {
    fn open(path: &Path, append: bool) -> Result<Journal> {
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

    fn record(&mut self, d: &DocReport) -> Result<()> {
        let mut line = serde_json::to_vec(d).map_err(|e| Error::from(io::Error::from(e)))?;
        line.push(b'\n');
        self.w
            .write_all(&line)
            .map_err(|e| Error::from(e).with_path(&self.path))
    }

    fn flush(&mut self) -> Result<()> {
        self.w
            .flush()
            .map_err(|e| Error::from(e).with_path(&self.path))
    }
}

/// Before anything is written: the output directory is a directory (or
/// can be made), the report may be written, and neither the report nor any
/// document output is one of the corpus's inputs.
fn check_outputs(docs: &[DocFiles], opts: &RunOptions, report: Option<&Path>) -> Result<()> {
    let out = &opts.out_dir;
    match std::fs::metadata(out) {
        Ok(m) if !m.is_dir() => {
            return Err(Error::usage(format!(
                "is {}; the output (-o) of a corpus run is a directory",
                crate::input::kind_name(&m)
            ))
            .with_path(out));
        }
        _ => {}
    }
    let inputs = docs.iter().flat_map(|d| d.files.values());
    let mut outputs: Vec<PathBuf> = Vec::new();
    if let Some(r) = report {
        atomic::resolve_target(r)?;
        outputs.push(r.to_path_buf());
    }
    outputs.extend(planned_outputs(docs, opts));
    outputs.push(opts.journal());
    atomic::refuse_inputs(&outputs, inputs)
}

/// Every file a run over `docs` writes in the output directory (one, or
/// two for Moses, per document and language pair found).
pub fn planned_outputs(docs: &[DocFiles], opts: &RunOptions) -> Vec<PathBuf> {
    let mut outputs = Vec::new();
    for d in docs {
        for &l in d.files.keys() {
            if l != opts.hub && opts.langs.contains(&l) {
                outputs.extend(opts.outputs(&d.id, l));
            }
        }
    }
    outputs
}

/// Reads and parses one language version of a document; its size in bytes.
fn load_version(path: &Path, lang: Lang, id: &str) -> Result<(crate::Document, u64)> {
    let bytes = crate::input::read_regular_file(path)?;
    let n = bytes.len() as u64;
    let text = Text::from_bytes(&path.to_string_lossy(), &bytes)?;
    let doc = parse::parse(
        &text,
        &ParseOptions {
            lang: Some(lang),
            symbol: Some(id.to_string()),
        },
    )?;
    Ok((doc, n))
}

/// Documents the first pass of `sixalign corpus` learns from by default.
pub const LEARN_DOCS: usize = 200;

/// Input bytes of the documents a learning pass keeps loaded for the run
/// (beyond this, the run reads them again): the sample is bounded in
/// documents, this bounds it in memory too (a parsed document holds some
/// 10 to 20 bytes per input byte).
const KEEP_BYTES: u64 = 16 << 20;

/// What the learning pass gives the run: the lexicons learned, how many
/// documents taught them, and the documents it read and parsed (up to
/// [`KEEP_BYTES`] of input), so the run does not read and parse them again.
pub struct Learned {
    /// One lexicon per language pair.
    pub lexicons: Vec<crate::score::Lexicon>,
    /// Documents the first pass read (those with a hub version and at least
    /// one other version that loaded, among the first `sample`).
    pub documents: usize,
    /// The versions read, by path.
    pub loaded: Loaded,
}

/// Versions already read and parsed, by path: each is taken once by the
/// run (and its memory freed with the document's alignment).
#[derive(Default)]
pub struct Loaded(std::sync::Mutex<std::collections::HashMap<PathBuf, (crate::Document, u64)>>);

impl Loaded {
    fn take(&self, path: &Path) -> Option<(crate::Document, u64)> {
        self.0.lock().ok()?.remove(path)
    }
}

/// A first pass over the first `sample` documents that have a hub version:
/// their confident 1-1 beads teach one lexicon per language pair (see
/// [`crate::engine::learn_lexicons`]) for the real run, which also gets the
/// documents read ([`Learned::loaded`]). Versions that do not load are
/// left out here; the real run reports them.
pub fn learn_lexicons(
    docs: &[DocFiles],
    opts: &RunOptions,
    sample: usize,
    aligner: &Aligner,
) -> Learned {
    learn_lexicons_with(docs, opts, sample, aligner, &|| {})
}

/// The documents a first pass of `sample` documents reads: the first
/// `sample` with a hub version (for a progress bar's length).
pub fn learning_sample(docs: &[DocFiles], opts: &RunOptions, sample: usize) -> usize {
    docs.iter()
        .filter(|d| d.files.contains_key(&opts.hub))
        .take(sample)
        .count()
}

/// [`learn_lexicons`], calling `on_doc` as each document of the first pass
/// is done (from any thread). A [stop](RunOptions::stop) leaves the
/// documents not started out.
pub fn learn_lexicons_with(
    docs: &[DocFiles],
    opts: &RunOptions,
    sample: usize,
    aligner: &Aligner,
    on_doc: &(dyn Fn() + Sync),
) -> Learned {
    let others = opts.others();
    let picked: Vec<&DocFiles> = docs
        .iter()
        .filter(|d| d.files.contains_key(&opts.hub))
        .take(sample)
        .collect();
    let keep = super::keep_within(picked.iter().map(|d| d.files.values()), KEEP_BYTES);
    let aligner = aligner.single_pass();
    let loaded = Loaded::default();
    let per_doc: Vec<Vec<crate::engine::PairAlignment>> = picked
        .par_iter()
        .zip(&keep)
        .map(|(d, &keep)| {
            if opts.stopped() {
                return Vec::new();
            }
            let aligned = (|| {
                let Ok(hub) = load_version(&d.files[&opts.hub], opts.hub, &d.id) else {
                    return Vec::new();
                };
                let mut read: Vec<(&PathBuf, u64)> = Vec::new();
                let mut versions: Vec<crate::Document> = Vec::new();
                for l in &others {
                    if let Some(p) = d.files.get(l)
                        && let Ok((v, n)) = load_version(p, *l, &d.id)
                    {
                        read.push((p, n));
                        versions.push(v);
                    }
                }
                let aligned = aligner.align_all(&hub.0, &versions);
                if keep && let Ok(mut m) = loaded.0.lock() {
                    m.insert(d.files[&opts.hub].clone(), hub);
                    for ((p, n), v) in read.into_iter().zip(versions) {
                        m.insert(p.clone(), (v, n));
                    }
                }
                aligned
            })();
            on_doc();
            aligned
        })
        .collect();
    let documents = per_doc.iter().filter(|p| !p.is_empty()).count();
    let pairs: Vec<crate::engine::PairAlignment> = per_doc.into_iter().flatten().collect();
    Learned {
        lexicons: crate::engine::learn_lexicons(&pairs, crate::engine::LEARN_MIN_SCORE),
        documents,
        loaded,
    }
}

fn align_doc(
    d: &DocFiles,
    opts: &RunOptions,
    others: &[Lang],
    aligner: &Aligner,
    loaded: &Loaded,
) -> DocReport {
    let mut rep = DocReport::new(&d.id, DocStatus::Aligned);
    rep.missing = others
        .iter()
        .copied()
        .filter(|l| !d.files.contains_key(l))
        .collect();
    let present: Vec<Lang> = others
        .iter()
        .copied()
        .filter(|l| d.files.contains_key(l))
        .collect();
    let Some(hub_path) = d.files.get(&opts.hub) else {
        return rep.skipped(&format!("no {} (hub) version", opts.hub));
    };
    if present.is_empty() {
        return rep.skipped("no version in another language asked for");
    }
    if opts.resume
        && present
            .iter()
            .all(|&l| opts.outputs(&d.id, l).iter().all(|p| p.is_file()))
    {
        rep.status = DocStatus::Done;
        return rep;
    }
    let load = |lang: Lang, path: &Path| match loaded.take(path) {
        Some(v) => Ok(v),
        None => load_version(path, lang, &d.id),
    };
    let hub = match load(opts.hub, hub_path) {
        Ok((doc, n)) => {
            rep.bytes += n;
            flag_mismatch(&mut rep, hub_path, &doc);
            doc
        }
        Err(e) => {
            rep.errors.push(e.to_string());
            return rep.skipped("hub version unreadable");
        }
    };
    let mut versions = Vec::with_capacity(present.len());
    for &l in &present {
        match load(l, &d.files[&l]) {
            Ok((doc, n)) => {
                rep.bytes += n;
                flag_mismatch(&mut rep, &d.files[&l], &doc);
                versions.push(doc);
            }
            Err(e) => rep.errors.push(e.to_string()),
        }
    }
    if versions.is_empty() {
        return rep.skipped("no other version readable");
    }
    let mut aligned = aligner.align_all(&hub, &versions);
    if opts.strip_labels {
        for (a, v) in aligned.iter_mut().zip(&versions) {
            crate::output::strip_labels(a, hub.text.original(), v.text.original());
        }
    }
    if let Err(e) = write_doc(&d.id, opts, &aligned) {
        rep.errors.push(e.to_string());
        return rep.skipped("write failed");
    }
    rep.pairs = aligned
        .iter()
        .map(|a| PairReport {
            lang: a.tgt_lang,
            stats: a.stats(),
        })
        .collect();
    rep
}

/// Notes a version whose text is not in the language it was given.
fn flag_mismatch(rep: &mut DocReport, path: &Path, doc: &crate::Document) {
    for f in &doc.findings {
        if f.kind == crate::finding::FindingKind::LanguageMismatch {
            rep.language_mismatch
                .push(format!("{}: {}", path.display(), f.message));
        }
    }
}

/// Writes every pair of a document as one [`AtomicSet`]: all its files are
/// renamed once all are written, or none is; on failure no temporary file
/// is left behind.
fn write_doc(id: &str, opts: &RunOptions, aligned: &[PairAlignment]) -> Result<()> {
    // One set for the whole document: its files appear together or not at all.
    let mut set = AtomicSet::new();
    for a in aligned {
        let target = match opts.format {
            Format::Moses => Target::Path(opts.prefix(id, a.tgt_lang)),
            f => Target::Path(with_ext(&opts.prefix(id, a.tgt_lang), f.name())),
        };
        let mut out = Output::open_tagged(
            opts.format,
            &target,
            &[a.src_lang, a.tgt_lang],
            &opts.tmx_tags,
        )?;
        let w = out.writer();
        w.begin()?;
        write_alignment(w, a)?;
        set.extend(out.finish()?);
    }
    set.commit()
}

/// The JSON report, written as the run goes so it costs no memory per
/// document, through the [atomic writer](crate::output::atomic) until the
/// summary closes it.
struct ReportFile {
    file: AtomicFile,
    path: PathBuf,
    w: io::BufWriter<crate::output::atomic::NamedWriter<std::fs::File>>,
    first: bool,
}

impl ReportFile {
    fn create(path: &Path) -> Result<ReportFile> {
        let file = AtomicFile::create(path)?;
        let mut w = file.writer()?;
        w.write_all(b"{\"documents\":[")
            .map_err(|e| Error::from(e).with_path(path))?;
        Ok(ReportFile {
            file,
            path: path.to_path_buf(),
            w,
            first: true,
        })
    }

    fn document(&mut self, d: &DocReport) -> Result<()> {
        let w = &mut self.w;
        let res = (|| -> io::Result<()> {
            if !self.first {
                w.write_all(b",")?;
            }
            w.write_all(b"\n")?;
            serde_json::to_writer(&mut *w, d)?;
            Ok(())
        })();
        self.first = false;
        res.map_err(|e| Error::from(e).with_path(&self.path))
    }

    fn finish(self, skipped_files: &[&super::Problem], s: &Summary) -> Result<()> {
        let ReportFile {
            file, path, mut w, ..
        } = self;
        #[derive(Serialize)]
        struct Tail<'a> {
            #[serde(flatten)]
            s: &'a Summary,
            pairs_per_sec: f64,
            docs_per_sec: f64,
            mb_per_sec: f64,
            mean_score: f64,
        }
        let res = (|| -> io::Result<()> {
            w.write_all(b"\n],\"skipped_files\":")?;
            serde_json::to_writer(&mut w, skipped_files)?;
            w.write_all(b",\"summary\":")?;
            serde_json::to_writer(
                &mut w,
                &Tail {
                    s,
                    pairs_per_sec: s.pairs_per_sec(),
                    docs_per_sec: s.docs_per_sec(),
                    mb_per_sec: s.mb_per_sec(),
                    mean_score: s.stats.mean_score(),
                },
            )?;
            w.write_all(b"}\n")?;
            w.flush()
        })();
        res.map_err(|e| Error::from(e).with_path(&path))?;
        drop(w);
        file.commit()
    }
}

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
//!
//! This file holds the run itself; what it reports (`report.rs`), its
//! journal (`journal.rs`) and the learning pass before it (`learn.rs`) are
//! rooms of their own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use crate::corpus::DocFiles;
use crate::engine::{Aligner, PairAlignment};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::load::Text;
use crate::output::atomic::{self, AtomicSet};
use crate::output::{self, Format, Output, Target, write_alignment};
use crate::parse::{self, ParseOptions};

mod journal;
mod learn;
mod report;

pub use learn::{
    LEARN_DOCS, Learned, Loaded, learn_lexicons, learn_lexicons_with, learning_sample,
};
pub use report::{DocReport, DocStatus, PairFigures, Summary};

use journal::{JOURNAL, Journal, read_journal, recorded};
use report::ReportFile;

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
        .map(|a| PairFigures {
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

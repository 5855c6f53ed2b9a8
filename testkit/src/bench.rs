//! The corpus benchmark behind `sixalign bench`: synthetic documents
//! generated into a directory tree, then aligned by [`corpus::run()`] with one
//! thread and with many, giving throughput, peak memory, the speed-up and
//! whether the two outputs are byte-identical.

use std::path::{Path, PathBuf};

use crate::synth::{self, Corpus, SynthConfig};
use sixalign::corpus::{self, RunOptions, Summary};
use sixalign::engine::Aligner;
use sixalign::error::{Error, Result};
use sixalign::lang::Lang;
use sixalign::output::atomic;

/// What to benchmark.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// Synthetic documents to generate.
    pub docs: usize,
    /// Languages aligned with the Chinese hub (`zh` itself is ignored).
    pub langs: Vec<Lang>,
    /// Threads of the parallel run (default: all).
    pub threads: Option<usize>,
    /// Keep the generated corpus and outputs here (default: a temporary
    /// directory, removed at the end).
    pub dir: Option<PathBuf>,
}

/// One timed run.
#[derive(Clone, Debug)]
pub struct BenchRun {
    /// Threads it ran on.
    pub threads: usize,
    /// The corpus run's counts and times.
    pub summary: Summary,
    /// Peak resident memory during the run, in bytes, where known.
    pub peak_rss: Option<u64>,
}

/// What a benchmark measured.
#[derive(Clone, Debug)]
pub struct BenchReport {
    /// Where the sentences came from.
    pub source: String,
    /// The run with one thread, then the parallel run (when more than one thread).
    pub runs: Vec<BenchRun>,
    /// Whether the outputs of the two runs are byte-identical (`None` with one run).
    pub identical: Option<bool>,
}

impl BenchReport {
    /// The table `sixalign bench` prints.
    pub fn write_table(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        writeln!(
            out,
            "threads  learn s  align s  documents/s  sentence pairs/s  MB/s    peak RSS MB  speed-up"
        )?;
        let base = self.runs.first().map_or(0.0, |r| r.summary.pairs_per_sec());
        for r in &self.runs {
            let s = &r.summary;
            writeln!(
                out,
                "{:>7}  {:>7.2}  {:>7.2}  {:>11.1}  {:>16.0}  {:>6.2}  {:>11}  {:>7.2}x",
                r.threads,
                s.learn_seconds,
                s.seconds,
                s.docs_per_sec(),
                s.pairs_per_sec(),
                s.mb_per_sec(),
                r.peak_rss
                    .map_or("n/a".to_string(), |b| format!("{:.1}", b as f64 / 1e6)),
                if base > 0.0 {
                    s.pairs_per_sec() / base
                } else {
                    0.0
                }
            )?;
        }
        if let Some(r) = self.runs.first() {
            writeln!(
                out,
                "{} documents, {} sentence pairs, {:.2} MB input; rates end to end (a learning pass over the first {} documents, then the run), after an untimed warm-up run over {} documents; source: {}",
                r.summary.aligned,
                r.summary.stats.linked_beads,
                r.summary.bytes as f64 / 1e6,
                r.summary.aligned.min(corpus::LEARN_DOCS),
                r.summary.aligned.min(WARM_UP_DOCS),
                self.source
            )?;
        }
        if let (Some(same), Some(last)) = (self.identical, self.runs.last()) {
            writeln!(
                out,
                "outputs with 1 and {} threads identical: {}",
                last.threads,
                if same { "yes" } else { "NO" }
            )?;
        }
        Ok(())
    }
}

/// The sentences the synthetic corpus is built from, and where they come
/// from: the UNv1 test and dev sets for zh-en when `../shared/data` is
/// there, else the UDHR articles built in.
pub fn sentences(langs: &[Lang]) -> Result<(Corpus, String)> {
    let shared = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/data/unv1"
    ));
    if langs == [Lang::En] && shared.join("testset.zh").is_file() {
        let mut c = Corpus::from_line_files(&[
            (Lang::Zh, &shared.join("testset.zh")),
            (Lang::En, &shared.join("testset.en")),
        ])?;
        c.extend(Corpus::from_line_files(&[
            (Lang::Zh, &shared.join("devset.zh")),
            (Lang::En, &shared.join("devset.en")),
        ])?)?;
        // The path as a person reads it, without the `/../` it is built with.
        let shown = shared
            .canonicalize()
            .unwrap_or_else(|_| shared.to_path_buf());
        return Ok((
            c,
            format!("UNv1 test+dev sets, zh-en ({})", shown.display()),
        ));
    }
    let mut with_hub = vec![Lang::Zh];
    with_hub.extend_from_slice(langs);
    Ok((
        Corpus::udhr_articles(&with_hub),
        "UDHR articles (data/udhr, built in)".to_string(),
    ))
}

/// Generator settings for a sentence source: small documents from a small
/// one ([`SynthConfig::small_documents`]).
fn config(seed: u64, docs: usize, small_source: bool) -> SynthConfig {
    let cfg = SynthConfig {
        seed,
        docs,
        ..SynthConfig::default()
    };
    if small_source {
        cfg.small_documents()
    } else {
        cfg
    }
}

/// The most threads a bench starts: far above any machine it measures, low
/// enough that a typo (`--threads 10000`) is refused rather than starting
/// thousands of threads.
const MAX_THREADS: usize = 256;

/// Documents of the untimed warm-up run.
const WARM_UP_DOCS: usize = 20;

/// Generates `docs_wanted` documents (zh + `langs`) from `sentences` into
/// `input`, a batch at a time: through `temp`'s cleanup when the bench
/// made its directory, else as plain files.
fn write_corpus(
    sentences: &Corpus,
    langs: &[Lang],
    docs_wanted: usize,
    input: &Path,
    temp: Option<&atomic::TempDir>,
) -> Result<()> {
    let mut written = 0usize;
    let mut batch = 0u64;
    while written < docs_wanted {
        let cfg = config(
            1 + batch,
            GEN_BATCH.min(docs_wanted - written),
            sentences.len() < 1000,
        );
        let docs = synth::generate(sentences, Lang::Zh, langs, &cfg);
        if docs.is_empty() {
            return Err(Error::usage(
                "the sentence source is too small to generate documents",
            ));
        }
        for d in docs {
            let stem = format!("A_RES_99_{}", written + 1);
            for (l, text) in &d.texts {
                let p = input.join(l.code()).join(format!("{stem}.txt"));
                match temp {
                    // Under the cleanup's lock: an interrupt removes it all.
                    Some(t) => t.write(&p, text.as_bytes())?,
                    None => {
                        if let Some(parent) = p.parent() {
                            std::fs::create_dir_all(parent)
                                .map_err(|e| Error::from(e).with_path(parent))?;
                        }
                        std::fs::write(&p, text).map_err(|e| Error::from(e).with_path(&p))?;
                    }
                }
            }
            written += 1;
        }
        batch += 1;
    }
    Ok(())
}

/// Documents generated per call to the generator, so generation never holds
/// the whole corpus either.
const GEN_BATCH: usize = 100;

/// Generates the corpus and runs the benchmark; `note` hears what is being
/// generated where.
pub fn run(args: &BenchOptions, note: &mut dyn FnMut(&str)) -> Result<BenchReport> {
    let langs: Vec<Lang> = args
        .langs
        .iter()
        .copied()
        .filter(|&l| l != Lang::Zh)
        .collect();
    if langs.is_empty() {
        return Err(Error::usage("--langs needs a language other than zh"));
    }
    if args.docs == 0 {
        return Err(Error::usage(
            "--docs 0: the bench needs at least one document to align (the default is 200)",
        ));
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = args.threads.unwrap_or(cores);
    if threads == 0 || threads > MAX_THREADS {
        return Err(Error::usage(format!(
            "--threads {threads}: give 1 to {MAX_THREADS} (this machine has {cores} cores)"
        )));
    }
    let (sentences, source) = sentences(&langs)?;
    // A temporary directory is removed however the bench ends: on return,
    // on error (drop) and on SIGINT/SIGTERM (the atomic writer's registry).
    let temp = match &args.dir {
        Some(_) => None,
        None => Some(atomic::TempDir::new("sixalign-bench")?),
    };
    let dir = match &temp {
        Some(t) => t.path().to_path_buf(),
        None => {
            // Made now so that it can be printed canonical (no `/../`).
            let d = args.dir.clone().unwrap_or_default();
            std::fs::create_dir_all(&d).map_err(|e| Error::from(e).with_path(&d))?;
            let dir = d.canonicalize().map_err(|e| Error::from(e).with_path(&d))?;
            reuse_dir(&dir, &d)?;
            dir
        }
    };
    let input = dir.join("input");
    note(&format!(
        "generating {} documents (zh + {}) from {source} into {}",
        args.docs,
        langs.iter().map(|l| l.code()).collect::<Vec<_>>().join(","),
        input.display()
    ));
    write_corpus(&sentences, &langs, args.docs, &input, temp.as_ref())?;
    let found = corpus::discover(&input)?;
    // An untimed warm-up over a few documents first: the first run would
    // otherwise also pay for what is done once per process (the built-in
    // lexicon's automaton, the thread pool, the allocator's arenas, the
    // page cache), and the speed-up of the second would be overstated.
    {
        let warm = &found.docs[..found.docs.len().min(WARM_UP_DOCS)];
        let opts = RunOptions {
            langs: langs.clone(),
            ..RunOptions::new(dir.join("out-warm-up"))
        };
        let mut builder = Aligner::builder();
        let first = corpus::learn_lexicons(warm, &opts, corpus::LEARN_DOCS, &Aligner::new());
        for lex in first.lexicons {
            builder.add_lexicon(std::sync::Arc::new(lex));
        }
        corpus::run(
            warm,
            &opts,
            &builder.build(),
            first.loaded,
            None,
            &mut |_| {},
        )?;
        let _ = std::fs::remove_dir_all(dir.join("out-warm-up"));
    }
    let mut runs: Vec<BenchRun> = Vec::new();
    let mut counts = vec![1];
    if threads != 1 {
        counts.push(threads);
    }
    for &t in &counts {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build()
            .map_err(|e| Error::usage(format!("cannot start {t} threads: {e}")))?;
        let opts = RunOptions {
            langs: langs.clone(),
            ..RunOptions::new(dir.join(format!("out-{t}")))
        };
        reset_peak_rss();
        // As `sixalign corpus` runs by default: a learning pass over the
        // first documents, then the run with the lexicons learned.
        let summary = pool.install(|| {
            let start = std::time::Instant::now();
            let mut builder = Aligner::builder();
            let first =
                corpus::learn_lexicons(&found.docs, &opts, corpus::LEARN_DOCS, &Aligner::new());
            for lex in first.lexicons {
                builder.add_lexicon(std::sync::Arc::new(lex));
            }
            let learn_seconds = start.elapsed().as_secs_f64();
            let aligner = builder.build();
            corpus::run(
                &found.docs,
                &opts,
                &aligner,
                first.loaded,
                None,
                &mut |_| {},
            )
            .map(|mut s| {
                s.learn_seconds = learn_seconds;
                s
            })
        })?;
        runs.push(BenchRun {
            threads: t,
            summary,
            peak_rss: peak_rss(),
        });
    }
    let identical = if runs.len() == 2 {
        Some(same_tree(
            &dir.join("out-1"),
            &dir.join(format!("out-{threads}")),
        )?)
    } else {
        None
    };
    drop(temp);
    Ok(BenchReport {
        source,
        runs,
        identical,
    })
}

/// Whether two output trees hold the same files with the same bytes.
fn same_tree(a: &Path, b: &Path) -> Result<bool> {
    let list = |root: &Path| -> Result<Vec<PathBuf>> {
        let mut v = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).map_err(|e| Error::from(e).with_path(&d))? {
                let p = e.map_err(|e| Error::from(e).with_path(&d))?.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    v.push(p.strip_prefix(root).unwrap_or(&p).to_path_buf());
                }
            }
        }
        v.sort();
        Ok(v)
    };
    let (la, lb) = (list(a)?, list(b)?);
    if la != lb {
        return Ok(false);
    }
    for rel in &la {
        let x = std::fs::read(a.join(rel)).map_err(|e| Error::from(e).with_path(a.join(rel)))?;
        let y = std::fs::read(b.join(rel)).map_err(|e| Error::from(e).with_path(b.join(rel)))?;
        if x != y {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Peak resident memory of this process so far (`VmHWM`), in bytes; `None`
/// where `/proc` is not available.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// Resets the peak-memory mark to the current resident size (Linux ≥ 4.0),
/// so that [`peak_rss`] measures one phase; returns false where it cannot.
pub fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The file that marks a `--dir` as a bench's own.
const BENCH_MARK: &str = ".sixalign-bench";

/// Makes `dir` (as the user gave it: `shown`) ready for a new corpus: a
/// directory an earlier bench made (it holds [`BENCH_MARK`]) is emptied of
/// that bench's corpus and outputs, so no document of an older, larger or
/// other-language corpus is measured with the new one; a directory that is
/// not empty and was not made by a bench is refused, so that nothing of the
/// user's is overwritten.
fn reuse_dir(dir: &Path, shown: &Path) -> Result<()> {
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::from(e).with_path(shown))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()
        .map_err(|e| Error::from(e).with_path(shown))?;
    let mark = dir.join(BENCH_MARK);
    if !entries.is_empty() && !mark.is_file() {
        return Err(Error::usage(format!(
            "--dir is not empty and was not made by sixalign bench (no {BENCH_MARK} in it); give a new or empty directory"
        ))
        .with_path(shown));
    }
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name == "input" || name.starts_with("out-") {
            let r = if p.is_dir() && !p.is_symlink() {
                std::fs::remove_dir_all(&p)
            } else {
                std::fs::remove_file(&p)
            };
            r.map_err(|e| Error::from(e).with_path(&p))?;
        }
    }
    std::fs::write(
        &mark,
        "a corpus generated by `sixalign bench --dir`; the next bench replaces it\n",
    )
    .map_err(|e| Error::from(e).with_path(&mark))
}

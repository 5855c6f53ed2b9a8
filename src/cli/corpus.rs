//! `sixalign corpus`, `sixalign pipe` and `sixalign bench`.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use sixalign::corpus::{self, DocStatus, RunOptions, Summary, run::peak_rss, run::reset_peak_rss};
use sixalign::engine::Aligner;
use sixalign::output::Format;
use sixalign::synth::{self, SynthConfig};
use sixalign::{Error, Lang, Result};

use super::parse_lang;

fn parse_format(s: &str) -> std::result::Result<Format, String> {
    s.parse::<Format>().map_err(|e| e.to_string())
}

/// Arguments of `sixalign corpus`.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// A directory tree of documents, or a manifest (.csv or .jsonl with id, lang, path).
    pub input: PathBuf,
    /// The output directory: one file per document and language pair (OUT/zh-en/A_RES_74_28.jsonl).
    #[arg(short, long)]
    pub out: PathBuf,
    /// The hub language.
    #[arg(long, default_value = "zh", value_parser = parse_lang)]
    pub hub: Lang,
    /// The languages to align with the hub, comma-separated.
    #[arg(long, default_value = "ar,en,es,fr,ru", value_delimiter = ',', value_parser = parse_lang)]
    pub langs: Vec<Lang>,
    /// Output format: tsv, jsonl, tmx, moses, beads.
    #[arg(long, default_value = "jsonl", value_parser = parse_format)]
    pub format: Format,
    /// Skip documents whose outputs are all present (from an earlier, interrupted run).
    #[arg(long)]
    pub resume: bool,
    /// No progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Write a JSON report with per-document figures to this file.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Documents in flight at once (default: four per thread).
    #[arg(long, default_value_t = 0)]
    pub chunk: usize,
    /// Learn a lexicon per language pair from a first pass over the first N
    /// documents (in parallel), and use it in the real run (0: no first pass).
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub learn_lexicon: usize,
    /// Lexicon options.
    #[command(flatten)]
    pub lex: super::LexiconArgs,
}

/// Arguments of `sixalign pipe`.
#[derive(Debug, Args)]
pub struct PipeArgs {
    /// The hub language.
    #[arg(long, default_value = "zh", value_parser = parse_lang)]
    pub hub: Lang,
    /// The languages to align with the hub, comma-separated.
    #[arg(long, default_value = "ar,en,es,fr,ru", value_delimiter = ',', value_parser = parse_lang)]
    pub langs: Vec<Lang>,
}

/// Arguments of `sixalign bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Synthetic documents to generate.
    #[arg(long, default_value_t = 200)]
    pub docs: usize,
    /// Threads of the parallel run (default: all).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Languages aligned with the Chinese hub, comma-separated.
    #[arg(long, default_value = "en", value_delimiter = ',', value_parser = parse_lang)]
    pub langs: Vec<Lang>,
    /// Keep the generated corpus and outputs in this directory (default: a temporary one, removed).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

/// `sixalign corpus`.
pub fn run_corpus(args: &CorpusArgs) -> Result<ExitCode> {
    let found = corpus::discover(&args.input)?;
    for p in &found.problems {
        eprintln!("sixalign: {}: {}", p.path.display(), p.reason);
    }
    let opts = RunOptions {
        hub: args.hub,
        langs: args.langs.clone(),
        format: args.format,
        out_dir: args.out.clone(),
        resume: args.resume,
        chunk: args.chunk,
    };
    let bar = if args.quiet || !io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let b = ProgressBar::with_draw_target(
            Some(found.docs.len() as u64),
            ProgressDrawTarget::stderr(),
        );
        b.set_style(
            ProgressStyle::with_template(
                "{bar:30} {pos}/{len} documents  {msg}  {elapsed_precise} ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b.enable_steady_tick(Duration::from_millis(200));
        b
    };
    let start = std::time::Instant::now();
    let mut builder = args.lex.builder()?;
    if args.lex.save_lexicon.is_some() && args.learn_lexicon == 0 {
        return Err(sixalign::Error::usage(
            "--save-lexicon writes the lexicon learned in a first pass: give --learn-lexicon N > 0",
        ));
    }
    if args.learn_lexicon > 0 && !args.lex.no_lexicon {
        let learned =
            corpus::learn_lexicons(&found.docs, &opts, args.learn_lexicon, &builder.build());
        args.lex.save(&learned)?;
        for lex in learned {
            if !args.quiet {
                eprintln!(
                    "sixalign: learned a {}-{} lexicon of {} entries from the first {} documents",
                    lex.src_lang.map_or("?", Lang::code),
                    lex.tgt_lang.map_or("?", Lang::code),
                    lex.len(),
                    args.learn_lexicon
                );
            }
            builder.add_lexicon(std::sync::Arc::new(lex));
        }
    }
    let aligner = builder.build();
    let mut pairs = 0usize;
    let mut bad = 0usize;
    let summary = corpus::run(
        &found.docs,
        &opts,
        &aligner,
        args.report.as_deref(),
        &mut |d| {
            pairs += d.pairs.iter().map(|p| p.stats.linked_beads).sum::<usize>();
            if d.status == DocStatus::Skipped || !d.errors.is_empty() {
                bad += 1;
                bar.suspend(|| {
                    let why = d.reason.as_deref().unwrap_or("errors");
                    eprintln!("sixalign: {}: {why}", d.id);
                    for e in &d.errors {
                        eprintln!("  {e}");
                    }
                });
            }
            let secs = start.elapsed().as_secs_f64().max(1e-9);
            bar.set_message(format!("{:.0} pairs/s", pairs as f64 / secs));
            bar.inc(1);
        },
    )?;
    bar.finish_and_clear();
    if !args.quiet {
        eprint!("{}", summary.to_text());
    }
    Ok(if bad > 0 || !found.problems.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `sixalign pipe`.
pub fn run_pipe(args: &PipeArgs) -> Result<ExitCode> {
    let opts = corpus::PipeOptions {
        hub: args.hub,
        langs: args.langs.clone(),
    };
    let s = corpus::pipe(
        io::stdin().lock(),
        io::stdout().lock(),
        io::stderr().lock(),
        &opts,
        &Aligner::new(),
    )?;
    Ok(if s.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

const UDHR: [(Lang, &str); 6] = [
    (Lang::Ar, include_str!("../../data/udhr/ar.txt")),
    (Lang::Zh, include_str!("../../data/udhr/zh.txt")),
    (Lang::En, include_str!("../../data/udhr/en.txt")),
    (Lang::Es, include_str!("../../data/udhr/es.txt")),
    (Lang::Fr, include_str!("../../data/udhr/fr.txt")),
    (Lang::Ru, include_str!("../../data/udhr/ru.txt")),
];

/// The UDHR's articles: the last 80 lines of every version are the 30
/// article headings and their paragraphs, line-parallel (the preambles
/// split differently, so they are left out).
const UDHR_ARTICLE_LINES: usize = 80;

/// The sentences the synthetic corpus is built from, and where they come from.
fn bench_sentences(langs: &[Lang]) -> Result<(synth::Corpus, String)> {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/unv1"));
    if langs == [Lang::En] && shared.join("testset.zh").is_file() {
        let mut c = synth::Corpus::from_line_files(&[
            (Lang::Zh, &shared.join("testset.zh")),
            (Lang::En, &shared.join("testset.en")),
        ])?;
        c.extend(synth::Corpus::from_line_files(&[
            (Lang::Zh, &shared.join("devset.zh")),
            (Lang::En, &shared.join("devset.en")),
        ])?)?;
        return Ok((
            c,
            format!("UNv1 test+dev sets, zh-en ({})", shared.display()),
        ));
    }
    let mut lines = BTreeMap::new();
    for (l, text) in UDHR {
        if l == Lang::Zh || langs.contains(&l) {
            let all: Vec<&str> = text.lines().collect();
            let tail = &all[all.len().saturating_sub(UDHR_ARTICLE_LINES)..];
            lines.insert(
                l,
                tail.iter().map(|s| strip_number(s).to_string()).collect(),
            );
        }
    }
    Ok((
        synth::Corpus::new(lines)?,
        "UDHR articles (data/udhr, built in)".to_string(),
    ))
}

/// A numbered UDHR paragraph (`2. Everyone …`) without its number, so the
/// generator can use it as a sentence.
fn strip_number(line: &str) -> &str {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    match line[digits..].strip_prefix(". ") {
        Some(rest) if digits > 0 => rest,
        _ => line,
    }
}

/// Generator settings for a sentence source: the UDHR gives only about 50
/// usable sentences and the generator never repeats one inside a document
/// (it loops looking for an unused one when there is none), so its
/// documents are kept small enough to leave some spare.
fn bench_config(seed: u64, docs: usize, small_source: bool) -> SynthConfig {
    let mut cfg = SynthConfig {
        seed,
        docs,
        ..SynthConfig::default()
    };
    if small_source {
        cfg.preamble_paras = 2..5;
        cfg.operative_paras = 3..6;
        cfg.subparagraphs = 0.15;
    }
    cfg
}

/// Documents generated per call to the generator, so generation never holds
/// the whole corpus either.
const GEN_BATCH: usize = 100;

/// `sixalign bench`.
pub fn run_bench(args: &BenchArgs) -> Result<ExitCode> {
    let langs: Vec<Lang> = args
        .langs
        .iter()
        .copied()
        .filter(|&l| l != Lang::Zh)
        .collect();
    if langs.is_empty() {
        return Err(Error::usage("--langs needs a language other than zh"));
    }
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let (sentences, source) = bench_sentences(&langs)?;
    let (dir, keep) = match &args.dir {
        Some(d) => (d.clone(), true),
        None => (
            std::env::temp_dir().join(format!("sixalign-bench-{}", std::process::id())),
            false,
        ),
    };
    let input = dir.join("input");
    eprintln!(
        "generating {} documents (zh + {}) from {source} into {}",
        args.docs,
        langs.iter().map(|l| l.code()).collect::<Vec<_>>().join(","),
        input.display()
    );
    let mut written = 0usize;
    let mut batch = 0u64;
    while written < args.docs {
        let cfg = bench_config(
            1 + batch,
            GEN_BATCH.min(args.docs - written),
            sentences.len() < 1000,
        );
        let docs = synth::generate(&sentences, Lang::Zh, &langs, &cfg);
        if docs.is_empty() {
            return Err(Error::usage(
                "the sentence source is too small to generate documents",
            ));
        }
        for d in docs {
            let stem = format!("A_RES_99_{}", written + 1);
            for (l, text) in &d.texts {
                let p = input.join(l.code()).join(format!("{stem}.txt"));
                if let Some(parent) = p.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| Error::from(e).with_path(parent))?;
                }
                std::fs::write(&p, text).map_err(|e| Error::from(e).with_path(&p))?;
            }
            written += 1;
        }
        batch += 1;
    }
    let found = corpus::discover(&input)?;
    let mut runs: Vec<(usize, Summary, Option<u64>)> = Vec::new();
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
        let s =
            pool.install(|| corpus::run(&found.docs, &opts, &Aligner::new(), None, &mut |_| {}))?;
        runs.push((t, s, peak_rss()));
    }
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "threads  documents/s  sentence pairs/s  MB/s    peak RSS MB  speed-up"
    )?;
    let base = runs.first().map_or(0.0, |r| r.1.pairs_per_sec());
    for (t, s, rss) in &runs {
        writeln!(
            out,
            "{t:>7}  {:>11.1}  {:>16.0}  {:>6.2}  {:>11}  {:>7.2}x",
            s.docs_per_sec(),
            s.pairs_per_sec(),
            s.mb_per_sec(),
            rss.map_or("n/a".to_string(), |b| format!("{:.1}", b as f64 / 1e6)),
            if base > 0.0 {
                s.pairs_per_sec() / base
            } else {
                0.0
            }
        )?;
    }
    if let Some((_, s, _)) = runs.first() {
        writeln!(
            out,
            "{} documents, {} sentence pairs, {:.2} MB input; source: {source}",
            s.aligned,
            s.stats.linked_beads,
            s.bytes as f64 / 1e6
        )?;
    }
    if runs.len() == 2 {
        let same = same_tree(&dir.join("out-1"), &dir.join(format!("out-{threads}")))?;
        writeln!(
            out,
            "outputs with 1 and {threads} threads identical: {}",
            if same { "yes" } else { "NO" }
        )?;
    }
    if !keep {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(ExitCode::SUCCESS)
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

//! `sixalign corpus`, `sixalign pipe` and `sixalign bench`.

use std::io;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use sixalign::corpus::{self, DocStatus};
use sixalign::engine::Aligner;
use sixalign::{Lang, Result};
use sixalign_testkit::bench::{self, BenchOptions};

use super::args::{BenchArgs, CorpusArgs, PipeArgs};
use super::config::Terminal;
use super::config::corpus::Corpus;
use super::exit;

/// `sixalign corpus`.
pub fn run_corpus(args: &CorpusArgs, term: Terminal) -> Result<ExitCode> {
    let c = Corpus::new(args, term)?;
    let found = corpus::discover(&c.input)?;
    for p in &found.problems {
        eprintln!("sixalign: {}: {}", p.path.display(), p.reason);
    }
    c.check_outputs(&found)?;
    let start = std::time::Instant::now();
    let mut aligner = c.lex.aligner()?;
    // From here on the first Ctrl-C stops the run between documents.
    let mut opts = c.opts.clone();
    opts.stop = Some(super::interrupt::arm());
    let learning = std::time::Instant::now();
    let mut loaded = corpus::Loaded::default();
    if c.learn_docs > 0 {
        let n = corpus::learning_sample(&found.docs, &opts, c.learn_docs);
        let bar = progress_bar(
            c.progress,
            n,
            "learning lexicons {bar:30} {pos}/{len} documents  {elapsed_precise} ETA {eta}",
        );
        let learned =
            corpus::learn_lexicons_with(&found.docs, &opts, c.learn_docs, &aligner, &|| bar.inc(1));
        bar.finish_and_clear();
        if !opts.stopped() {
            c.lex.save(&learned.lexicons)?;
        }
        loaded = learned.loaded;
        if !c.quiet {
            for lex in &learned.lexicons {
                eprintln!(
                    "sixalign: learned a {}-{} lexicon of {} entries from the first {} documents",
                    lex.src_lang.map_or("?", Lang::code),
                    lex.tgt_lang.map_or("?", Lang::code),
                    lex.len(),
                    learned.documents
                );
            }
        }
        aligner = aligner.with_tables(learned.lexicons.into_iter().map(Arc::new));
    }
    let learn_seconds = if c.learn_docs > 0 {
        learning.elapsed().as_secs_f64()
    } else {
        0.0
    };
    let bar = progress_bar(
        c.progress,
        found.docs.len(),
        "{bar:30} {pos}/{len} documents  {msg}  {elapsed_precise} ETA {eta}",
    );
    let mut pairs = 0usize;
    let mut bad = 0usize;
    let result = corpus::run_found(
        &found,
        &opts,
        &aligner,
        loaded,
        c.report.as_deref(),
        &mut |d| {
            if !d.language_mismatch.is_empty() {
                bar.suspend(|| {
                    for m in &d.language_mismatch {
                        eprintln!("sixalign: {}: {m}", d.id);
                    }
                });
            }
            if d.status == corpus::DocStatus::Aligned {
                pairs += d.pairs.iter().map(|p| p.stats.linked_beads).sum::<usize>();
            }
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
    );
    super::interrupt::disarm();
    let mut summary = result?;
    summary.learn_seconds = learn_seconds;
    finish_bar(&bar, &summary);
    if !c.quiet {
        eprint!("{}", summary.to_text());
    }
    if summary.interrupted {
        return Ok(ExitCode::from(exit::INTERRUPTED));
    }
    Ok(exit::found_if(bad > 0 || !found.problems.is_empty()))
}

/// Closes the progress bar of a run: cleared when the run is done, kept
/// with how far it got when it was interrupted.
fn finish_bar(bar: &ProgressBar, summary: &corpus::Summary) {
    if !summary.interrupted {
        bar.finish_and_clear();
        return;
    }
    let msg = format!(
        "interrupted: {} of {} done, rerun with --resume",
        summary.documents, summary.corpus_documents
    );
    if bar.is_hidden() {
        eprintln!("sixalign: {msg}");
    } else {
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} documents  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.abandon_with_message(msg);
    }
}

/// A progress bar on standard error with `template`, or a hidden one.
fn progress_bar(show: bool, len: usize, template: &str) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let b = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    b.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    b.enable_steady_tick(Duration::from_millis(200));
    b
}

/// `sixalign pipe`.
pub fn run_pipe(args: &PipeArgs) -> Result<ExitCode> {
    let opts = corpus::PipeOptions {
        hub: args.hub.hub,
        langs: args.hub.langs.clone(),
    };
    let s = corpus::pipe(
        io::stdin().lock(),
        sixalign::output::atomic::NamedWriter::new(
            io::stdout().lock(),
            sixalign::output::atomic::STDOUT_NAME,
        ),
        io::stderr().lock(),
        &opts,
        &Aligner::new(),
    )?;
    Ok(exit::found_if(s.errors > 0))
}

/// `sixalign bench`.
pub fn run_bench(args: &BenchArgs) -> Result<ExitCode> {
    let opts = BenchOptions {
        docs: args.docs,
        langs: args.langs.clone(),
        threads: args.threads,
        dir: args.dir.clone(),
    };
    let report = bench::run(&opts, &mut |m| eprintln!("{m}"))?;
    let mut out = sixalign::output::atomic::stdout();
    report.write_table(&mut out)?;
    io::Write::flush(&mut out)?;
    let langs = args.langs.iter().filter(|&&l| l != Lang::Zh).count();
    let wrong = check_bench(&report, args.docs, langs);
    for w in &wrong {
        eprintln!("sixalign bench: {w}");
    }
    Ok(exit::found_if(!wrong.is_empty()))
}

/// What a bench run must give whatever the speed (as aho-corasick's benches
/// state their counts, so that a fast wrong engine fails): every generated
/// document aligned with every language asked for, no error, and the
/// parallel run giving the one-thread run's output, byte for byte and bead
/// for bead. Each broken rule, said.
fn check_bench(report: &bench::BenchReport, docs: usize, langs: usize) -> Vec<String> {
    let mut wrong = Vec::new();
    for r in &report.runs {
        let s = &r.summary;
        let t = r.threads;
        if s.aligned != docs || s.errors != 0 || !s.skipped.is_empty() {
            wrong.push(format!(
                "{t} thread(s): {} of {docs} documents aligned, {} errors, {} skipped",
                s.aligned,
                s.errors,
                s.skipped.values().sum::<usize>()
            ));
        }
        if s.stats.pairs != docs * langs {
            wrong.push(format!(
                "{t} thread(s): {} language pairs aligned, not {docs} documents × {langs}",
                s.stats.pairs
            ));
        }
    }
    if let [one, many] = report.runs.as_slice() {
        let (a, b) = (&one.summary.stats, &many.summary.stats);
        if (a.src_sentences, a.tgt_sentences, &a.beads_by_type)
            != (b.src_sentences, b.tgt_sentences, &b.beads_by_type)
        {
            wrong.push(format!(
                "the runs with 1 and {} threads counted other sentences or beads",
                many.threads
            ));
        }
    }
    if report.identical == Some(false) {
        wrong.push("the outputs with 1 thread and with many differ".to_string());
    }
    wrong
}

#[cfg(test)]
mod tests {
    use super::*;
    use sixalign::corpus::Summary;

    fn run(threads: usize, aligned: usize, pairs: usize, one_one: usize) -> bench::BenchRun {
        let mut summary = Summary {
            aligned,
            ..Summary::default()
        };
        summary.stats.pairs = pairs;
        summary
            .stats
            .beads_by_type
            .insert("1-1".to_string(), one_one);
        bench::BenchRun {
            threads,
            summary,
            peak_rss: None,
        }
    }

    fn report(runs: Vec<bench::BenchRun>, identical: Option<bool>) -> bench::BenchReport {
        bench::BenchReport {
            source: String::new(),
            runs,
            identical,
        }
    }

    #[test]
    fn the_bench_check_passes_a_whole_run_and_fails_a_wrong_one() {
        let good = report(vec![run(1, 3, 6, 40), run(2, 3, 6, 40)], Some(true));
        assert!(check_bench(&good, 3, 2).is_empty());
        // A document dropped, by the parallel run only.
        let dropped = report(vec![run(1, 3, 6, 40), run(2, 2, 4, 27)], Some(false));
        let wrong = check_bench(&dropped, 3, 2);
        assert_eq!(wrong.len(), 4, "{wrong:?}");
        assert!(wrong[0].contains("2 of 3 documents"), "{wrong:?}");
        assert!(wrong[1].contains("4 language pairs"), "{wrong:?}");
        // Other beads with as many documents: one thread's output differs.
        let other = report(vec![run(1, 3, 6, 40), run(2, 3, 6, 39)], Some(true));
        assert_eq!(check_bench(&other, 3, 2).len(), 1);
    }
}

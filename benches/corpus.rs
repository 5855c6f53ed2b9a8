//! The corpus pipeline end to end (read, parse, anchor, segment, align,
//! write JSON Lines, one file per document) on 20 synthetic documents, and
//! `align --lines --batch` on 20 pairs of line files. Each checks its output
//! first: the synthetic documents against their gold alignment, the line
//! files against the line-parallel text they are cut from (`common`).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use sixalign::Lang;
use sixalign::corpus;
use sixalign::engine::Aligner;

mod common;

fn end_to_end(c: &mut Criterion) {
    let input = common::CorpusInput::new(20);
    common::expect("corpus/end_to_end_20_docs", input.check(&input.run()));
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(input.bytes));
    g.bench_function("end_to_end_20_docs", |b| b.iter(|| input.run()));
    g.finish();
}

/// `align --lines --batch`: 20 pairs of 300-line files, in parallel.
fn batch(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let jobs = common::batch_jobs(dir.path(), 20, 300);
    let aligner = Aligner::new();
    let run = || corpus::run_batch(&jobs, Some(Lang::Zh), Some(Lang::En), &aligner);
    run();
    let outs: Vec<_> = jobs.iter().map(|j| j.out.clone()).collect();
    common::expect(
        "corpus/batch_20x300_sentences",
        common::check_batch(&outs, 300),
    );
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Elements(20 * 300));
    g.bench_function("batch_20x300_sentences", |b| b.iter(run));
    g.finish();
}

criterion_group!(benches, end_to_end, batch);
criterion_main!(benches);

//! The sentence aligner on `--lines`-style input of growing size: coarse to
//! fine should make time grow linearly with the number of sentences.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use sixalign::Lang;
use sixalign::align::{self, Params};

mod common;

fn lines(c: &mut Criterion) {
    let corpus = common::udhr(&[Lang::Zh, Lang::En]);
    let (zh, en) = (&corpus.lines[&Lang::Zh], &corpus.lines[&Lang::En]);
    let mut g = c.benchmark_group("align_lines");
    g.sample_size(10);
    for n in [1_000usize, 10_000] {
        let src: Vec<&str> = (0..n).map(|i| zh[i % zh.len()].as_str()).collect();
        // Drop every 50th target line so the program has gaps to find.
        let tgt: Vec<&str> = (0..n)
            .filter(|i| i % 50 != 7)
            .map(|i| en[i % en.len()].as_str())
            .collect();
        let p = Params::estimate(Lang::Zh, Lang::En, &src, &tgt);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| black_box(align::align(&src, &tgt, &p)))
        });
    }
    g.finish();
}

criterion_group!(benches, lines);
criterion_main!(benches);

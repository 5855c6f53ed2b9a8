//! The sentence aligner and the whole document pipeline, on the bundled
//! UDHR (data/udhr, in the repository, so the benches run anywhere).
//!
//! - `dp/region`: the dynamic program on one region-sized input (40 × 42
//!   sentences), the unit of work in document mode;
//! - `dp/lines/N`: `--lines` input of N sentence pairs (the UDHR sentences
//!   repeated with distinct numbers, one sentence in fifty dropped on the
//!   target side), coarse to fine;
//! - `document/udhr-zh-en` and `document/udhr-zh-5`: parse nothing, anchor,
//!   segment and align the parsed declaration, zh with en and with all five.
//!
//! Each checks its output first against what the input is built to give
//! (`common`: the numbered lines' own links, the declaration's 30 articles
//! and line-parallel article lines).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sixalign::align::{self, Params};
use sixalign::engine::Aligner;
use sixalign::{Document, Lang};

mod common;

fn dp(c: &mut Criterion) {
    let pairs = common::sentence_pairs();
    let mut g = c.benchmark_group("dp");
    let region = common::numbered_lines(&pairs, 42, 40);
    let s: Vec<&str> = region.src.iter().map(String::as_str).collect();
    let t: Vec<&str> = region.tgt.iter().map(String::as_str).collect();
    let params = Params::estimate(Lang::Zh, Lang::En, &s, &t);
    let fs = params.src_features(&s);
    let ft = params.tgt_features(&t);
    common::expect(
        "dp/region",
        common::check_numbered(&region, &align::align_features(&fs, &ft, &params)),
    );
    g.throughput(Throughput::Elements(s.len() as u64));
    g.bench_function("region", |b| {
        b.iter(|| align::align_features(black_box(&fs), black_box(&ft), &params))
    });
    for n in [1_000usize, 10_000] {
        let lines = common::numbered_lines(&pairs, n, n);
        let s: Vec<&str> = lines.src.iter().map(String::as_str).collect();
        let t: Vec<&str> = lines.tgt.iter().map(String::as_str).collect();
        let params = Params::estimate(Lang::Zh, Lang::En, &s, &t);
        common::expect(
            &format!("dp/lines/{n}"),
            common::check_numbered(&lines, &align::align(&s, &t, &params)),
        );
        g.throughput(Throughput::Elements(n as u64));
        g.sample_size(10);
        g.bench_with_input(BenchmarkId::new("lines", n), &n, |b, _| {
            b.iter(|| align::align(black_box(&s), black_box(&t), &params))
        });
    }
    g.finish();
}

fn document(c: &mut Criterion) {
    let zh = common::udhr_doc(Lang::Zh);
    let others: Vec<Document> = [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru]
        .into_iter()
        .map(common::udhr_doc)
        .collect();
    let aligner = Aligner::new();
    common::expect(
        "document/udhr-zh-en",
        common::check_udhr(&aligner.align_pair(&zh, &others[1])),
    );
    for p in aligner.align_all(&zh, &others) {
        common::expect("document/udhr-zh-5", common::check_udhr(&p));
    }
    let mut g = c.benchmark_group("document");
    let sentences = aligner.align_pair(&zh, &others[1]).src.len() as u64;
    g.throughput(Throughput::Elements(sentences));
    g.bench_function("udhr-zh-en", |b| {
        b.iter(|| aligner.align_pair(black_box(&zh), black_box(&others[1])))
    });
    g.throughput(Throughput::Elements(sentences * 5));
    g.bench_function("udhr-zh-5", |b| {
        b.iter(|| aligner.align_all(black_box(&zh), black_box(&others)))
    });
    g.finish();
}

criterion_group!(benches, dp, document);
criterion_main!(benches);

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

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sixalign::align::{self, Params};
use sixalign::engine::Aligner;
use sixalign::parse::{ParseOptions, parse_path};
use sixalign::{Document, Lang};

fn udhr(lang: Lang) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/udhr/{}.txt", lang.code()));
    parse_path(
        &path,
        &ParseOptions {
            lang: Some(lang),
            symbol: None,
        },
    )
    .expect("the bundled UDHR parses")
}

/// The UDHR's zh and en sentences (from a document alignment), 1-1 pairs only.
fn sentence_pairs() -> Vec<(String, String)> {
    let p = Aligner::new().align_pair(&udhr(Lang::Zh), &udhr(Lang::En));
    p.beads()
        .filter(|b| b.src.len() == 1 && b.tgt.len() == 1)
        .map(|b| {
            (
                p.src[b.src.start].text.clone(),
                p.tgt[b.tgt.start].text.clone(),
            )
        })
        .collect()
}

fn lines(pairs: &[(String, String)], n: usize) -> (Vec<String>, Vec<String>) {
    let mut src = Vec::with_capacity(n);
    let mut tgt = Vec::with_capacity(n);
    for k in 0..n {
        let (s, t) = &pairs[k % pairs.len()];
        src.push(format!("{k}. {s}"));
        if k % 50 != 17 {
            tgt.push(format!("{k}. {t}"));
        }
    }
    (src, tgt)
}

fn dp(c: &mut Criterion) {
    let pairs = sentence_pairs();
    let mut g = c.benchmark_group("dp");
    let (src, tgt) = lines(&pairs, 42);
    let s: Vec<&str> = src.iter().map(String::as_str).take(40).collect();
    let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
    let params = Params::estimate(Lang::Zh, Lang::En, &s, &t);
    let fs = params.src_features(&s);
    let ft = params.tgt_features(&t);
    g.throughput(Throughput::Elements(s.len() as u64));
    g.bench_function("region", |b| {
        b.iter(|| align::align_features(black_box(&fs), black_box(&ft), &params))
    });
    for n in [1_000usize, 10_000] {
        let (src, tgt) = lines(&pairs, n);
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let params = Params::estimate(Lang::Zh, Lang::En, &s, &t);
        g.throughput(Throughput::Elements(n as u64));
        g.sample_size(10);
        g.bench_with_input(BenchmarkId::new("lines", n), &n, |b, _| {
            b.iter(|| align::align(black_box(&s), black_box(&t), &params))
        });
    }
    g.finish();
}

fn document(c: &mut Criterion) {
    let zh = udhr(Lang::Zh);
    let others: Vec<Document> = [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru]
        .into_iter()
        .map(udhr)
        .collect();
    let aligner = Aligner::new();
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

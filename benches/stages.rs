//! One bench per pipeline stage on the same synthetic zh–en documents:
//! load (decode + normalized view), parse, segment, DP (features + banded
//! program over a whole document's sentences), write (JSON Lines).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use sixalign::Lang;
use sixalign::align::{self, Params};
use sixalign::engine::Aligner;
use sixalign::load::Text;
use sixalign::output::{JsonlWriter, PairWriter, write_alignment};
use sixalign::parse::{ParseOptions, parse};
use sixalign::segment::segment;

mod common;

fn stages(c: &mut Criterion) {
    let docs = common::docs(20);
    let zh: Vec<&str> = docs.iter().map(|d| d.texts[&Lang::Zh].as_str()).collect();
    let en: Vec<&str> = docs.iter().map(|d| d.texts[&Lang::En].as_str()).collect();
    let bytes: u64 = zh.iter().chain(&en).map(|t| t.len() as u64).sum();
    let opts = |lang| ParseOptions {
        lang: Some(lang),
        symbol: None,
    };

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("load", |b| {
        b.iter(|| {
            for t in zh.iter().chain(&en) {
                black_box(Text::from_bytes("bench", t.as_bytes()).unwrap());
            }
        })
    });
    let texts: Vec<(Text, Lang)> = zh
        .iter()
        .map(|t| (Text::from_bytes("zh", t.as_bytes()).unwrap(), Lang::Zh))
        .chain(
            en.iter()
                .map(|t| (Text::from_bytes("en", t.as_bytes()).unwrap(), Lang::En)),
        )
        .collect();
    g.bench_function("parse", |b| {
        b.iter(|| {
            for (t, l) in &texts {
                black_box(parse(t, &opts(*l)).unwrap());
            }
        })
    });
    let parsed: Vec<_> = texts
        .iter()
        .map(|(t, l)| parse(t, &opts(*l)).unwrap())
        .collect();
    g.bench_function("segment", |b| {
        b.iter(|| {
            for d in &parsed {
                for block in &d.blocks {
                    black_box(segment(&block.text, d.lang));
                }
            }
        })
    });
    let n = docs.len();
    let sentences = |d: &sixalign::Document| -> Vec<String> {
        d.blocks
            .iter()
            .flat_map(|b| {
                segment(&b.text, d.lang)
                    .into_iter()
                    .map(|r| b.text[r].to_string())
            })
            .collect()
    };
    let pairs: Vec<(Vec<String>, Vec<String>)> = (0..n)
        .map(|i| (sentences(&parsed[i]), sentences(&parsed[n + i])))
        .collect();
    g.bench_function("dp", |b| {
        b.iter(|| {
            for (s, t) in &pairs {
                let s: Vec<&str> = s.iter().map(String::as_str).collect();
                let t: Vec<&str> = t.iter().map(String::as_str).collect();
                let p = Params::estimate(Lang::Zh, Lang::En, &s, &t);
                black_box(align::align(&s, &t, &p));
            }
        })
    });
    let aligner = Aligner::new();
    let aligned: Vec<_> = (0..n)
        .map(|i| aligner.align_pair(&parsed[i], &parsed[n + i]))
        .collect();
    g.bench_function("write_jsonl", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 20);
            let mut w = JsonlWriter::new(&mut out);
            for a in &aligned {
                write_alignment(&mut w, a).unwrap();
            }
            w.finish().unwrap();
            black_box(out)
        })
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);

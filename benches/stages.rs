//! One bench per pipeline stage on the same synthetic zh–en documents:
//! load (decode + normalized view), parse, segment, DP (features + banded
//! program over a whole document's sentences), write (JSON Lines).
//!
//! Before timing, the outputs are checked against the documents' gold
//! alignment (`common::check_stages`): the DP stage's beads, the whole
//! pipeline's, and the JSON Lines written from them.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use sixalign::Lang;
use sixalign::load::Text;
use sixalign::output::{JsonlWriter, PairWriter, write_alignment};
use sixalign::parse::parse;
use sixalign::segment::segment;

mod common;

fn stages(c: &mut Criterion) {
    let docs = common::docs(20);
    let zh: Vec<&str> = docs.iter().map(|d| d.texts[&Lang::Zh].as_str()).collect();
    let en: Vec<&str> = docs.iter().map(|d| d.texts[&Lang::En].as_str()).collect();
    let bytes: u64 = zh.iter().chain(&en).map(|t| t.len() as u64).sum();

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("load", |b| {
        b.iter(|| {
            for t in zh.iter().chain(&en) {
                black_box(Text::from_bytes("bench", t.as_bytes()).unwrap());
            }
        })
    });
    let texts = common::stage_texts(&docs);
    g.bench_function("parse", |b| {
        b.iter(|| {
            for (t, l) in &texts {
                black_box(parse(t, &common::parse_options(*l)).unwrap());
            }
        })
    });
    let parsed = common::stage_parse(&texts);
    g.bench_function("segment", |b| {
        b.iter(|| {
            for d in &parsed {
                for block in &d.blocks {
                    black_box(segment(&block.text, d.lang));
                }
            }
        })
    });
    let pairs = common::stage_sentences(&parsed);
    let aligned = common::stage_align(&parsed);
    common::expect("stage", common::check_stages(&docs, &pairs, &aligned));
    g.bench_function("dp", |b| {
        b.iter(|| {
            for (s, t) in &pairs {
                black_box(common::dp_stage(s, t));
            }
        })
    });
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

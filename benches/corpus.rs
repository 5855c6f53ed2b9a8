//! The corpus pipeline end to end (read, parse, anchor, segment, align,
//! write JSON Lines, one file per document) on 20 synthetic documents.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use sixalign::Lang;
use sixalign::corpus::{self, RunOptions};
use sixalign::engine::Aligner;

mod common;

fn end_to_end(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let mut bytes = 0u64;
    for (k, d) in common::docs(20).iter().enumerate() {
        for (l, text) in &d.texts {
            let p = input.join(l.code()).join(format!("A_RES_99_{}.txt", k + 1));
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, text).unwrap();
            bytes += text.len() as u64;
        }
    }
    let docs = corpus::discover(&input).unwrap().docs;
    let opts = RunOptions {
        langs: vec![Lang::En],
        ..RunOptions::new(dir.path().join("out"))
    };
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("end_to_end_20_docs", |b| {
        b.iter(|| {
            corpus::run(
                &docs,
                &opts,
                &Aligner::new(),
                Default::default(),
                None,
                &mut |_| {},
            )
            .unwrap()
        })
    });
    g.finish();
}

/// `align --lines --batch`: 20 pairs of 300-line files, in parallel.
fn batch(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = common::udhr(&[Lang::Zh, Lang::En]);
    let (zh, en) = (&corpus.lines[&Lang::Zh], &corpus.lines[&Lang::En]);
    let mut jobs = Vec::new();
    for k in 0..20 {
        let src: Vec<&str> = (0..300).map(|i| zh[(i + k) % zh.len()].as_str()).collect();
        let tgt: Vec<&str> = (0..300).map(|i| en[(i + k) % en.len()].as_str()).collect();
        let (s, t) = (
            dir.path().join(format!("{k}.zh")),
            dir.path().join(format!("{k}.en")),
        );
        std::fs::write(&s, src.join("\n")).unwrap();
        std::fs::write(&t, tgt.join("\n")).unwrap();
        jobs.push(corpus::Job {
            src: s,
            tgt: t,
            out: dir.path().join(format!("{k}.beads")),
            line: k + 1,
        });
    }
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Elements(20 * 300));
    g.bench_function("batch_20x300_sentences", |b| {
        let aligner = Aligner::new();
        b.iter(|| corpus::run_batch(&jobs, Some(Lang::Zh), Some(Lang::En), &aligner))
    });
    g.finish();
}

criterion_group!(benches, end_to_end, batch);
criterion_main!(benches);

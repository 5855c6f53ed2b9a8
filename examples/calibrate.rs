//! Fits the bead-score calibration ([`sixalign::score::Calibration`]) on the
//! UNv1 **dev** set and prints the threshold curve:
//!
//! ```text
//! cargo run --release --example calibrate -- ../shared/data
//! ```
//!
//! Samples: hard `--lines` sets cut from `unv1/devset.{zh,en}` (8 × 500
//! lines, 30 % noise, labels removed, as `examples/hard_lines.rs` makes them)
//! and the same with 10 % noise, each aligned four ways (no lexicon,
//! CC-CEDICT, learned, both). Every output bead that links both sides is one
//! sample, `[length, tokens, lexicon + cognates, not 1-1]` → correct (the gold
//! has the same bead) or not. The logistic regression is fitted by Newton's
//! method with a small ridge. Then, for the calibration the library has now
//! (`Calibration::FITTED`), the share of linked beads kept and their
//! precision at each score threshold, on the dev samples and (held out, never
//! fitted on) on SDG `--lines` sets for zh–ar/en/es/fr/ru.

#![allow(clippy::needless_range_loop)] // small dense matrices read best indexed

use std::path::{Path, PathBuf};

use sixalign::Lang;
use sixalign::align::{Bead, align_features};
use sixalign::engine::Aligner;
use sixalign::score::Calibration;
use sixalign_testkit::synth::{NoisyLines, noisy_line_sets, strip_labels};

struct Sample {
    x: [f64; 5],
    right: bool,
    score: f32,
}

fn read(p: &Path, tsv: bool) -> Vec<String> {
    std::fs::read_to_string(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .lines()
        .map(|l| {
            if tsv {
                l.split_once('\t').map_or(l, |x| x.1).to_string()
            } else {
                l.to_string()
            }
        })
        .collect()
}

/// Aligns one set with `aligner` and turns its linked beads into samples.
fn samples(set: &NoisyLines, langs: (Lang, Lang), aligner: &Aligner, out: &mut Vec<Sample>) {
    let s: Vec<&str> = set.src.iter().map(String::as_str).collect();
    let t: Vec<&str> = set.tgt.iter().map(String::as_str).collect();
    let aligner = if aligner.learns() {
        aligner.with_learned(vec![aligner.learn_from_lines(langs.0, langs.1, &s, &t)])
    } else {
        aligner.clone()
    };
    let p = aligner.params(langs.0, langs.1, &s, &t);
    let (fs, ft) = (p.src_features(&s), p.tgt_features(&t));
    let beads = align_features(&fs, &ft, &p);
    let gold: std::collections::HashSet<(usize, usize, usize, usize)> = set
        .gold
        .iter()
        .map(|b| (b.src.start, b.src.end, b.tgt.start, b.tgt.end))
        .collect();
    for b in beads
        .iter()
        .filter(|b: &&Bead| !b.src.is_empty() && !b.tgt.is_empty())
    {
        // The terms the program priced the bead with.
        let terms = p.link_terms(&fs[b.src.clone()], &ft[b.tgt.clone()]);
        let one = b.src.len() == 1 && b.tgt.len() == 1;
        out.push(Sample {
            x: [
                1.0,
                f64::from(terms.length),
                f64::from(terms.tokens),
                f64::from(terms.lexicon + terms.cognates),
                if one { 0.0 } else { 1.0 },
            ],
            right: gold.contains(&(b.src.start, b.src.end, b.tgt.start, b.tgt.end)),
            score: b.score,
        });
    }
}

fn configs() -> Vec<(&'static str, Aligner)> {
    let mk = |builtin: bool, learn: bool| {
        Aligner::builder()
            .builtin_lexicon(builtin)
            .learn_lexicon(learn)
            .build()
    };
    vec![
        ("none", mk(false, false)),
        ("cedict", mk(true, false)),
        ("learned", mk(false, true)),
        ("both", mk(true, true)),
    ]
}

/// Newton's method for logistic regression with a ridge of `l2`.
fn fit(samples: &[Sample], l2: f64) -> [f64; 5] {
    let mut w = [0.0f64; 5];
    for _ in 0..30 {
        let mut g = [0.0f64; 5];
        let mut h = [[0.0f64; 5]; 5];
        for s in samples {
            let z: f64 = (0..5).map(|k| w[k] * s.x[k]).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let y = if s.right { 1.0 } else { 0.0 };
            for a in 0..5 {
                g[a] += (p - y) * s.x[a];
                for b in 0..5 {
                    h[a][b] += p * (1.0 - p) * s.x[a] * s.x[b];
                }
            }
        }
        for a in 0..5 {
            g[a] += l2 * w[a];
            h[a][a] += l2;
        }
        let step = solve(h, g);
        for k in 0..5 {
            w[k] -= step[k];
        }
    }
    w
}

fn solve(mut a: [[f64; 5]; 5], mut b: [f64; 5]) -> [f64; 5] {
    for c in 0..5 {
        let p = (c..5)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        b.swap(c, p);
        for r in 0..5 {
            if r != c && a[c][c] != 0.0 {
                let f = a[r][c] / a[c][c];
                for k in 0..5 {
                    a[r][k] -= f * a[c][k];
                }
                b[r] -= f * b[c];
            }
        }
    }
    let mut x = [0.0; 5];
    for k in 0..5 {
        x[k] = if a[k][k] == 0.0 { 0.0 } else { b[k] / a[k][k] };
    }
    x
}

fn curve(name: &str, samples: &[Sample]) {
    println!(
        "{name}: {} linked beads, {:.4} right",
        samples.len(),
        samples.iter().filter(|s| s.right).count() as f64 / samples.len().max(1) as f64
    );
    println!("  threshold  kept    precision");
    for t in [0.1f32, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95] {
        let kept: Vec<&Sample> = samples.iter().filter(|s| s.score >= t).collect();
        let right = kept.iter().filter(|s| s.right).count();
        println!(
            "  {t:>9.2}  {:.4}  {:.4}",
            kept.len() as f64 / samples.len().max(1) as f64,
            right as f64 / kept.len().max(1) as f64
        );
    }
}

fn main() {
    let data = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data".into()),
    );
    let zh = strip_labels(read(&data.join("unv1/devset.zh"), false));
    let en = strip_labels(read(&data.join("unv1/devset.en"), false));
    let zh_en = (Lang::Zh, Lang::En);
    let mut dev = Vec::new();
    for (noise, seed) in [(0.3, 2), (0.1, 3)] {
        for set in noisy_line_sets(&zh, &en, zh_en, 500, noise, seed) {
            for (_, a) in configs() {
                samples(&set, zh_en, &a, &mut dev);
            }
        }
    }
    let w = fit(&dev, 1e-3);
    println!(
        "fitted on {} UNv1 dev beads: bias {:.3}, length {:.3}, tokens {:.3}, words {:.3}, merged {:.3}",
        dev.len(),
        w[0],
        w[1],
        w[2],
        w[3],
        w[4]
    );
    println!("library now: {:?}", Calibration::FITTED);
    curve("UNv1 dev zh-en, --lines, all four lexicon settings", &dev);
    for (name, a) in configs() {
        let mut v = Vec::new();
        for set in noisy_line_sets(&zh, &en, zh_en, 500, 0.3, 2) {
            samples(&set, zh_en, &a, &mut v);
        }
        curve(
            &format!("UNv1 dev zh-en, --lines, 30 % noise, lexicon {name}"),
            &v,
        );
    }
    let sdg = |l: Lang| -> Vec<String> {
        let mut v = read(&data.join(format!("sdg/targets.{}.tsv", l.code())), true);
        v.extend(read(
            &data.join(format!("sdg/indicators.{}.tsv", l.code())),
            true,
        ));
        v
    };
    let szh = sdg(Lang::Zh);
    for other in [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru] {
        let so = sdg(other);
        let mut v = Vec::new();
        for set in noisy_line_sets(&szh, &so, (Lang::Zh, other), 200, 0.3, 4) {
            let a = Aligner::builder().learn_lexicon(true).build();
            samples(&set, (Lang::Zh, other), &a, &mut v);
        }
        curve(
            &format!("SDG zh-{other} (held out), --lines, 30 % noise, built-in (zh-en) + learned"),
            &v,
        );
    }
}

//! Strict F1 on synthetic UN-shaped documents (see `sixalign_testkit::synth`) under
//! each lexicon setting, for the measurements in the README:
//!
//! ```text
//! cargo run --release --example measure_docs -- DATA_DIR sdg|unv1-test|unv1-dev NOISE [LEXICON_FILE…]
//! ```
//!
//! 60 documents (seed 7 for SDG, 11 for the UNv1 test set, 5 for dev);
//! `NOISE` is the share of sentences merged, split, dropped or added (the
//! generator's default is 0.06). Settings: no lexicon at all, the built-in
//! CC-CEDICT (zh–en only), learned over the 60 documents (two passes, as
//! `corpus --learn-lexicon 60`), both, and each extra table given (added to
//! the learned setting).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sixalign::Lang;
use sixalign::align::Bead;
use sixalign::engine::{Aligner, LEARN_MIN_SCORE, learn_lexicons};
use sixalign::eval::score_all;
use sixalign::score::Lexicon;
use sixalign_testkit::synth::{Corpus, SynthConfig, SynthDoc, align_projected, generate};

fn corpus(data: &Path, set: &str) -> Corpus {
    if let Some(unv1) = set.strip_prefix("unv1-") {
        let d = data.join("unv1");
        return Corpus::from_line_files(&[
            (Lang::Zh, &d.join(format!("{unv1}set.zh"))),
            (Lang::En, &d.join(format!("{unv1}set.en"))),
        ])
        .expect("UNv1 files load");
    }
    let d = data.join("sdg");
    let load = |kind: &str| {
        let f: Vec<(Lang, PathBuf)> = Lang::ALL
            .iter()
            .map(|&l| (l, d.join(format!("{kind}.{}.tsv", l.code()))))
            .collect();
        let refs: Vec<(Lang, &Path)> = f.iter().map(|(l, p)| (*l, p.as_path())).collect();
        Corpus::from_id_tsv(&refs).expect("SDG files load")
    };
    let mut c = load("targets");
    c.extend(load("indicators")).expect("same languages");
    c
}

fn f1(docs: &[SynthDoc], other: Lang, aligner: &Aligner) -> f64 {
    let tests: Vec<Vec<Bead>> = docs
        .iter()
        .map(|d| align_projected(d, Lang::Zh, other, aligner).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    score_all(
        docs.iter()
            .zip(&tests)
            .map(|(d, t)| (d.gold[&other].as_slice(), t.as_slice())),
    )
    .strict
    .f1
}

/// The first pass over all documents teaches the lexicon of the second.
fn learned(docs: &[SynthDoc], other: Lang, base: &Aligner) -> Aligner {
    let first = base.single_pass();
    let pairs: Vec<_> = docs
        .iter()
        .map(|d| first.align_pair(&d.parse_version(Lang::Zh), &d.parse_version(other)))
        .collect();
    base.with_learned(learn_lexicons(&pairs, LEARN_MIN_SCORE))
}

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    if a.len() < 3 {
        eprintln!("usage: measure_docs DATA_DIR sdg|unv1-test|unv1-dev NOISE [LEXICON_FILE…]");
        std::process::exit(2);
    }
    let data = PathBuf::from(&a[0]);
    let set = a[1].as_str();
    let noise: f64 = a[2].parse().expect("a number");
    let extra: Vec<Arc<Lexicon>> = a[3..]
        .iter()
        .flat_map(|p| Lexicon::read(p).unwrap_or_else(|e| panic!("{e}")))
        .map(Arc::new)
        .collect();
    let c = corpus(&data, set);
    let others: Vec<Lang> = if set == "sdg" {
        vec![Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru]
    } else {
        vec![Lang::En]
    };
    let seed = match set {
        "sdg" => 7,
        "unv1-test" => 11,
        _ => 5,
    };
    let cfg = SynthConfig {
        seed,
        docs: 60,
        noise,
        ..SynthConfig::default()
    };
    let docs = generate(&c, Lang::Zh, &others, &cfg);
    println!("{set}, 60 documents, noise {noise}: strict F1");
    for other in others {
        let none = Aligner::builder().builtin_lexicon(false).build();
        let builtin = Aligner::new();
        let mut row = format!(
            "zh-{other}: none {:.4} | built-in {:.4} | learned {:.4} | built-in + learned {:.4}",
            f1(&docs, other, &none),
            f1(&docs, other, &builtin),
            f1(&docs, other, &learned(&docs, other, &none)),
            f1(&docs, other, &learned(&docs, other, &builtin)),
        );
        for lex in extra.iter().filter(|l| l.fits(Lang::Zh, other)) {
            let mut b = Aligner::builder();
            b.builtin_lexicon(false).add_lexicon(Arc::clone(lex));
            let with = b.build();
            row += &format!(
                " | table {:.4} | table + learned {:.4}",
                f1(&docs, other, &with),
                f1(&docs, other, &learned(&docs, other, &with))
            );
        }
        println!("{row}");
    }
}

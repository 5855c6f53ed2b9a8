//! The alignment engine end to end: the UDHR in six languages, invariants
//! of the dynamic program, and thread-count independence.

use std::path::Path;
use std::process::Command;

use proptest::prelude::*;
use sixalign::align::{self, Bead, Params};
use sixalign::anchor::RegionKind;
use sixalign::engine::{Aligner, PairAlignment};
use sixalign::parse::{ParseOptions, parse_path};
use sixalign::{Document, Lang};

fn udhr(lang: Lang) -> Document {
    let path = Path::new(crate::ROOT).join(format!("data/udhr/{}.txt", lang.code()));
    parse_path(
        &path,
        &ParseOptions {
            lang: Some(lang),
            symbol: None,
        },
    )
    .expect("UDHR parses")
}

/// Every sentence of both sides once, in order, no empty bead.
fn assert_covers(beads: &[Bead], n: usize, m: usize) {
    let (mut i, mut j) = (0, 0);
    for b in beads {
        assert_eq!(
            (b.src.start, b.tgt.start),
            (i, j),
            "bead {b:?} does not continue at {i}:{j}"
        );
        assert!(!(b.src.is_empty() && b.tgt.is_empty()), "empty bead {b:?}");
        assert!((0.0..=1.0).contains(&b.score), "score out of range {b:?}");
        i = b.src.end;
        j = b.tgt.end;
    }
    assert_eq!((i, j), (n, m), "beads end at {i}:{j}");
}

#[test]
fn udhr_articles_anchor_to_the_same_article_in_every_language() {
    let zh = udhr(Lang::Zh);
    let others: Vec<Document> = [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru]
        .into_iter()
        .map(udhr)
        .collect();
    let pairs = Aligner::new().align_all(&zh, &others);
    for p in &pairs {
        let articles: Vec<&str> = p
            .regions
            .iter()
            .filter(|r| r.region.kind == RegionKind::Anchored && r.region.label.starts_with("art"))
            .map(|r| r.region.label.as_str())
            .collect();
        let want: Vec<String> = (1..=30).map(|n| format!("art{n}")).collect();
        assert_eq!(articles, want, "zh-{}: anchored articles", p.tgt_lang);
        for r in p
            .regions
            .iter()
            .filter(|r| r.region.label.starts_with("art"))
        {
            // The region holds article n on both sides: the units carry the same label.
            assert_eq!(
                r.region.src.len(),
                1,
                "zh-{} {}",
                p.tgt_lang,
                r.region.label
            );
            assert_eq!(
                r.region.tgt.len(),
                1,
                "zh-{} {}",
                p.tgt_lang,
                r.region.label
            );
            assert!(
                !r.beads.is_empty(),
                "zh-{} {} has no beads",
                p.tgt_lang,
                r.region.label
            );
            // Sentence beads inside: every bead stays within the region's sentences.
            for b in &r.beads {
                assert!(r.src.start <= b.src.start && b.src.end <= r.src.end);
                assert!(r.tgt.start <= b.tgt.start && b.tgt.end <= r.tgt.end);
            }
        }
        let beads: Vec<Bead> = p.beads().cloned().collect();
        assert_covers(&beads, p.src.len(), p.tgt.len());
        let stats = p.stats();
        let one_one = stats.beads_by_type.get("1-1").copied().unwrap_or(0);
        // Most of the declaration is sentence-for-sentence.
        assert!(
            one_one * 10 >= stats.beads() * 8,
            "zh-{}: {:?}",
            p.tgt_lang,
            stats.beads_by_type
        );
        assert!(
            stats.mean_score() > 0.7,
            "zh-{}: mean score {}",
            p.tgt_lang,
            stats.mean_score()
        );
    }
}

#[test]
fn udhr_article_1_is_aligned_sentence_by_sentence() {
    let zh = udhr(Lang::Zh);
    let en = udhr(Lang::En);
    let p: PairAlignment = Aligner::new().align_pair(&zh, &en);
    let r = p
        .regions
        .iter()
        .find(|r| r.region.label == "art1")
        .expect("article 1");
    let pairs: Vec<(String, String)> = r
        .beads
        .iter()
        .map(|b| {
            let s: Vec<&str> = p.src[b.src.clone()]
                .iter()
                .map(|s| s.text.as_str())
                .collect();
            let t: Vec<&str> = p.tgt[b.tgt.clone()]
                .iter()
                .map(|s| s.text.as_str())
                .collect();
            (s.concat(), t.join(" "))
        })
        .collect();
    assert_eq!(pairs.len(), 2, "{pairs:?}");
    assert!(
        pairs[0].0.starts_with("人人生而自由") && pairs[0].1.starts_with("All human beings"),
        "{pairs:?}"
    );
    assert!(pairs[1].1.starts_with("They are endowed"), "{pairs:?}");
}

fn sentences() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[a-z]{1,12}( [a-z0-9]{1,9}){0,12}\\.", 0..40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the input, the beads are monotone and cover every sentence
    /// of both sides exactly once.
    #[test]
    fn beads_are_monotone_and_cover_everything(src in sentences(), tgt in sentences()) {
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let p = Params::estimate(Lang::En, Lang::Fr, &s, &t);
        let beads = align::align(&s, &t, &p);
        assert_covers(&beads, s.len(), t.len());
    }

    /// Long inputs go through the coarse-to-fine path; the invariant holds there too.
    #[test]
    fn long_inputs_are_covered_too(n in 600usize..900, m in 600usize..900, seed in 0u64..1000) {
        let src: Vec<String> = (0..n).map(|k| format!("第{}段{}。", k + seed as usize, "字".repeat(3 + k % 17))).collect();
        let tgt: Vec<String> = (0..m).map(|k| format!("Paragraph {} {}.", k + seed as usize, "word ".repeat(1 + k % 9))).collect();
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let beads = align::align(&s, &t, &Params::estimate(Lang::Zh, Lang::En, &s, &t));
        assert_covers(&beads, n, m);
    }
}

fn run_align(threads: &str, out: &Path) -> Vec<u8> {
    let root = Path::new(crate::ROOT);
    let status = Command::new(env!("CARGO_BIN_EXE_sixalign"))
        .current_dir(root)
        .env("RAYON_NUM_THREADS", threads)
        .args([
            "align",
            "data/udhr/zh.txt",
            "data/udhr/ar.txt",
            "data/udhr/en.txt",
            "data/udhr/es.txt",
        ])
        .args([
            "data/udhr/fr.txt",
            "data/udhr/ru.txt",
            "--six-way",
            "--format",
            "jsonl",
            "-q",
            "-o",
        ])
        .arg(out)
        .status()
        .expect("sixalign runs");
    assert!(status.success());
    std::fs::read(out).expect("output written")
}

#[test]
fn output_is_byte_identical_with_1_and_4_threads() {
    let dir = tempfile::tempdir().unwrap();
    let one = run_align("1", &dir.path().join("one.jsonl"));
    let four = run_align("4", &dir.path().join("four.jsonl"));
    assert!(one.len() > 10_000, "output too small: {} bytes", one.len());
    assert!(one == four, "1 and 4 threads differ");
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

//! The benches' output checks as tests (`benches/common`): each bench's
//! input aligned once and held to what the input is built to give, so that
//! an engine that is fast but wrong fails here before anyone times it. The
//! 10,000-line input of `dp/lines` is left to the bench; its 1,000-line
//! sibling runs here.

use sixalign::Lang;
use sixalign::align::{self, Bead, Params};
use sixalign::corpus;
use sixalign::engine::Aligner;

#[path = "../benches/common/mod.rs"]
mod common;

fn ok(check: Result<String, String>) -> String {
    check.unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn dp_region_and_lines_give_the_numbered_links() {
    let pairs = common::sentence_pairs();
    let region = common::numbered_lines(&pairs, 42, 40);
    // By construction: 40 source lines, 41 target lines (line 17 dropped), 39 links.
    assert_eq!(
        (region.src.len(), region.tgt.len(), region.links.len()),
        (40, 41, 39)
    );
    let s: Vec<&str> = region.src.iter().map(String::as_str).collect();
    let t: Vec<&str> = region.tgt.iter().map(String::as_str).collect();
    let params = Params::estimate(Lang::Zh, Lang::En, &s, &t);
    let beads = align::align_features(&params.src_features(&s), &params.tgt_features(&t), &params);
    println!("dp/region: {}", ok(common::check_numbered(&region, &beads)));

    let lines = common::numbered_lines(&pairs, 1000, 1000);
    assert_eq!(lines.links.len(), 980, "one line in fifty dropped");
    let s: Vec<&str> = lines.src.iter().map(String::as_str).collect();
    let t: Vec<&str> = lines.tgt.iter().map(String::as_str).collect();
    let beads = align::align(&s, &t, &Params::estimate(Lang::Zh, Lang::En, &s, &t));
    println!(
        "dp/lines/1000: {}",
        ok(common::check_numbered(&lines, &beads))
    );
}

#[test]
fn the_numbered_check_fails_a_wrong_alignment() {
    let pairs = common::sentence_pairs();
    let lines = common::numbered_lines(&pairs, 100, 100);
    // The diagonal: right up to the dropped line 17, one off after it.
    let n = lines.tgt.len();
    let mut beads: Vec<Bead> = (0..n)
        .map(|i| Bead {
            src: i..i + 1,
            tgt: i..i + 1,
            score: 1.0,
        })
        .collect();
    beads.extend((n..lines.src.len()).map(|i| Bead {
        src: i..i + 1,
        tgt: n..n,
        score: 1.0,
    }));
    let e = common::check_numbered(&lines, &beads).unwrap_err();
    assert!(e.contains("links target line 17 (number 18)"), "{e}");
    // Beads that leave a sentence out.
    beads.pop();
    let e = common::check_numbered(&lines, &beads).unwrap_err();
    assert!(e.contains("beads end at"), "{e}");
    // Right links, but every line beside a gap joined to it and one more
    // 2-2 bead: one 1-1 bead fewer than the gaps allow.
    let mut beads = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < lines.src.len() {
        let (a, b) = if common::dropped(i + 1) || i == 40 {
            (2, 1)
        } else {
            (1, 1)
        };
        let b = if i == 40 { 2 } else { b };
        beads.push(Bead {
            src: i..i + a,
            tgt: j..j + b,
            score: 1.0,
        });
        (i, j) = (i + a, j + b);
    }
    let e = common::check_numbered(&lines, &beads).unwrap_err();
    assert!(
        e.starts_with("94 1-1 beads: fewer than the 98 links less the 2"),
        "{e}"
    );
}

#[test]
fn udhr_documents_anchor_every_article_and_keep_article_lines_together() {
    let zh = common::udhr_doc(Lang::Zh);
    let others: Vec<_> = [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru]
        .into_iter()
        .map(common::udhr_doc)
        .collect();
    for p in Aligner::new().align_all(&zh, &others) {
        println!("document: {}", ok(common::check_udhr(&p)));
    }
}

#[test]
fn stages_reach_the_synthetic_gold() {
    let docs = common::docs(20);
    let parsed = common::stage_parse(&common::stage_texts(&docs));
    let pairs = common::stage_sentences(&parsed);
    let aligned = common::stage_align(&parsed);
    println!(
        "stage: {}",
        ok(common::check_stages(&docs, &pairs, &aligned))
    );
}

#[test]
fn the_synthetic_check_fails_a_wrong_alignment() {
    let docs = common::docs(3);
    let aligner = Aligner::new();
    let parsed = common::stage_parse(&common::stage_texts(&docs));
    // Every document's sentences shifted by one against the other side.
    let e = common::check_synth(&docs, Lang::En, |k, _| {
        let (s, t, _) = common::of_alignment(&aligner.align_pair(&parsed[k], &parsed[3 + k]));
        let mut beads = vec![Bead {
            src: 0..1,
            tgt: 0..0,
            score: 0.0,
        }];
        let m = (s.len() - 1).min(t.len());
        beads.extend((0..m).map(|i| Bead {
            src: i + 1..i + 2,
            tgt: i..i + 1,
            score: 0.0,
        }));
        beads.push(Bead {
            src: m + 1..s.len(),
            tgt: m..t.len(),
            score: 0.0,
        });
        (s, t, beads)
    })
    .unwrap_err();
    assert!(e.starts_with("strict F1 0."), "{e}");
}

#[test]
fn corpus_run_and_batch_reach_their_gold() {
    let input = common::CorpusInput::new(20);
    println!("corpus: {}", ok(input.check(&input.run())));

    let dir = tempfile::tempdir().unwrap();
    let jobs = common::batch_jobs(&dir.path().join("batch"), 20, 300);
    corpus::run_batch(&jobs, Some(Lang::Zh), Some(Lang::En), &Aligner::new());
    let outs: Vec<_> = jobs.iter().map(|j| j.out.clone()).collect();
    println!("batch: {}", ok(common::check_batch(&outs, 300)));
}

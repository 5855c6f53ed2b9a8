//! Lexicons: the built-in CC-CEDICT, learned tables in every mode, the
//! table format, and the calibrated bead score. The figures come from hard
//! `--lines` sets and noisy documents built from ../shared/data (the UNv1
//! **test** set; everything was fitted on the dev set), with floors just
//! below what was measured.

use std::path::Path;
use std::process::Command;

use sixalign::Lang;
use sixalign::align::Bead;
use sixalign::engine::Aligner;
use sixalign::eval::{Scores, score_all};
use sixalign::score::{Features, Lexicon};
use sixalign_testkit::synth::{NoisyLines, noisy_line_sets, strip_labels};

use crate::quality::shared_data;

const BIN: &str = env!("CARGO_BIN_EXE_sixalign");

fn read_lines(p: &Path) -> Vec<String> {
    std::fs::read_to_string(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .lines()
        .map(str::to_string)
        .collect()
}

/// The hard sets of `examples/hard_lines.rs` with its defaults: 8 × 500
/// lines of the UNv1 test set, labels removed, 30 % noise, seed 1.
fn unv1_test_hard_sets() -> Vec<NoisyLines> {
    let d = shared_data().join("unv1");
    let zh = strip_labels(read_lines(&d.join("testset.zh")));
    let en = strip_labels(read_lines(&d.join("testset.en")));
    noisy_line_sets(&zh, &en, (Lang::Zh, Lang::En), 500, 0.3, 1)
}

fn align_sets(sets: &[NoisyLines], aligner: &Aligner) -> Vec<Vec<Bead>> {
    sets.iter()
        .map(|s| {
            let a: Vec<&str> = s.src.iter().map(String::as_str).collect();
            let b: Vec<&str> = s.tgt.iter().map(String::as_str).collect();
            aligner.align_lines(Lang::Zh, Lang::En, &a, &b)
        })
        .collect()
}

fn scores(sets: &[NoisyLines], tests: &[Vec<Bead>]) -> Scores {
    score_all(
        sets.iter()
            .zip(tests)
            .map(|(s, t)| (s.gold.as_slice(), t.as_slice())),
    )
}

fn aligner(builtin: bool, learn: bool) -> Aligner {
    Aligner::builder()
        .builtin_lexicon(builtin)
        .learn_lexicon(learn)
        .build()
}

#[test]
fn hard_lines_from_the_unv1_test_set_per_lexicon_setting() {
    let sets = unv1_test_hard_sets();
    let odd = sets
        .iter()
        .flat_map(|s| &s.gold)
        .filter(|b| b.src.len() != 1 || b.tgt.len() != 1)
        .count();
    let all: usize = sets.iter().map(|s| s.gold.len()).sum();
    assert!(odd * 100 >= 15 * all, "{odd} of {all} gold beads not 1-1");
    let mut f1 = Vec::new();
    for (name, a, floor) in [
        ("no lexicon", aligner(false, false), 0.88),
        ("defaults (CC-CEDICT)", aligner(true, false), 0.935),
        ("learned only", aligner(false, true), 0.905),
        ("CC-CEDICT + learned", aligner(true, true), 0.937),
    ] {
        let s = scores(&sets, &align_sets(&sets, &a));
        println!(
            "UNv1 test hard --lines, {name:<22} strict P {:.4} R {:.4} F1 {:.4}",
            s.strict.precision, s.strict.recall, s.strict.f1
        );
        assert!(s.strict.f1 >= floor, "{name}: strict F1 {:.4}", s.strict.f1);
        f1.push(s.strict.f1);
    }
    assert!(f1[1] > f1[0] + 0.03, "CC-CEDICT gains too little: {f1:?}");
    assert!(f1[2] > f1[0] + 0.01, "learning gains too little: {f1:?}");
}

#[test]
fn calibrated_scores_hold_on_held_out_sets() {
    // Fitted on dev; here on the test set: the share of linked beads that
    // are exactly right among those at or above a threshold.
    let sets = unv1_test_hard_sets();
    let tests = align_sets(&sets, &Aligner::new());
    let (mut n, mut right, mut n9, mut right9) = (0, 0, 0, 0);
    for (s, t) in sets.iter().zip(&tests) {
        for b in t.iter().filter(|b| !b.src.is_empty() && !b.tgt.is_empty()) {
            assert!((0.0..=1.0).contains(&b.score), "{b:?}");
            let ok = s.gold.iter().any(|g| g.src == b.src && g.tgt == b.tgt);
            n += 1;
            right += usize::from(ok);
            if b.score >= 0.9 {
                n9 += 1;
                right9 += usize::from(ok);
            }
        }
    }
    let (p, p9) = (right as f64 / n as f64, right9 as f64 / n9 as f64);
    let mean: f64 = tests
        .iter()
        .flatten()
        .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
        .map(|b| f64::from(b.score))
        .sum::<f64>()
        / n as f64;
    println!(
        "calibration on UNv1 test hard sets: mean score {mean:.4}, precision {p:.4}; score >= 0.9 keeps {:.4} at precision {p9:.4}",
        n9 as f64 / n as f64
    );
    // A probability: its mean is near the share of right links.
    assert!(
        (mean - p).abs() < 0.03,
        "mean score {mean:.4} vs precision {p:.4}"
    );
    assert!(p9 >= p && p9 >= 0.95, "{p9:.4}");
}

#[test]
fn builtin_cedict_is_complete_and_explains_un_terms() {
    let ce = Lexicon::cedict();
    assert!(ce.len() > 100_000, "{} headwords", ce.len());
    assert!(ce.fits(Lang::En, Lang::Zh) && !ce.is_learned());
    let zh = Features::new("联合国大会通过了可持续发展决议", Lang::Zh, Some(&ce));
    let en = Features::new(
        "The United Nations General Assembly adopted a resolution on sustainable development",
        Lang::En,
        Some(&ce),
    );
    let hits = zh
        .lex()
        .iter()
        .filter(|i| en.lex().binary_search(i).is_ok())
        .count();
    assert!(hits >= 5, "{hits} of {} words explained", en.lex_total());
    // Traditional headwords explain the same words.
    let hant = Features::new("聯合國大會通過了可持續發展決議", Lang::Zh, Some(&ce));
    let hits_hant = hant
        .lex()
        .iter()
        .filter(|i| en.lex().binary_search(i).is_ok())
        .count();
    assert!(
        hits_hant >= 5,
        "{hits_hant} words explained from Traditional"
    );
}

#[test]
fn lexicon_tables_round_trip_and_bad_headers_name_the_line() {
    let pairs = [
        (
            "委员会决定继续审议这个问题",
            "La Commission décide de poursuivre l'examen de la question",
        ),
        (
            "委员会通过了决议草案",
            "La Commission adopte le projet de résolution",
        ),
        (
            "委员会请秘书长提交报告",
            "La Commission prie le Secrétaire général de présenter un rapport",
        ),
        (
            "大会决定继续审议这个问题",
            "L'Assemblée décide de poursuivre l'examen de la question",
        ),
    ];
    let lex = Lexicon::learn(Lang::Zh, Lang::Fr, &pairs);
    assert!(!lex.is_empty());
    let mut text = Vec::new();
    lex.write_tsv(&mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.starts_with("# sixalign lexicon zh-fr learned\n"),
        "{text}"
    );
    let back = Lexicon::parse(&text, Path::new("t.tsv")).unwrap();
    assert_eq!(back.len(), 1);
    let mut again = Vec::new();
    back[0].write_tsv(&mut again).unwrap();
    assert_eq!(text, String::from_utf8(again).unwrap());
    assert!(back[0].is_learned() && back[0].fits(Lang::Fr, Lang::Zh));

    let err = Lexicon::parse(
        "大会\tassembly\n# sixalign lexicon zh-xx\n",
        Path::new("bad.tsv"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("bad.tsv") && err.contains('2'), "{err}");
}

/// Writes hard set 0 of the UNv1 test set to `dir` as `s.zh`, `s.en`.
fn write_set(dir: &Path) -> NoisyLines {
    let set = unv1_test_hard_sets().swap_remove(0);
    std::fs::write(dir.join("s.zh"), set.src.join("\n") + "\n").unwrap();
    std::fs::write(dir.join("s.en"), set.tgt.join("\n") + "\n").unwrap();
    set
}

fn lines_run(dir: &Path, threads: &str, out: &str, extra: &[&str]) -> Vec<u8> {
    let st = Command::new(BIN)
        .current_dir(dir)
        .env("RAYON_NUM_THREADS", threads)
        .args([
            "align", "--lines", "s.zh", "s.en", "-f", "beads", "-q", "-o", out,
        ])
        .args(extra)
        .output()
        .unwrap();
    assert!(st.status.success(), "{st:?}");
    std::fs::read(dir.join(out)).unwrap()
}

#[test]
fn lines_learning_changes_the_alignment_and_a_saved_table_reproduces_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_set(d);
    // The defaults learn (two passes) on top of CC-CEDICT.
    let learned = lines_run(d, "2", "learned", &["--save-lexicon", "l.tsv"]);
    let learned1 = lines_run(d, "1", "learned1", &[]);
    let once = lines_run(d, "2", "once", &["--no-learn"]);
    let none = lines_run(d, "2", "none", &["--no-lexicon"]);
    assert!(once != none, "--no-lexicon changed nothing");
    assert!(learned != once, "learning changed nothing under --lines");
    assert!(learned == learned1, "1 and 2 threads differ");
    let table = std::fs::read_to_string(d.join("l.tsv")).unwrap();
    assert!(table.starts_with("# sixalign lexicon zh-en learned\n"));
    assert!(
        table.lines().count() > 100,
        "{} lines",
        table.lines().count()
    );
    // The second pass re-estimates the shape priors from the first; with
    // the default priors kept, one pass with the saved table is the same.
    let fixed = lines_run(d, "2", "fixed", &["--fixed-priors"]);
    assert!(fixed != learned, "re-estimated priors changed nothing");
    let reread = lines_run(d, "2", "reread", &["--no-learn", "--lexicon", "l.tsv"]);
    assert!(
        reread == fixed,
        "the saved table does not reproduce the learned run"
    );
    let st = Command::new(BIN)
        .current_dir(d)
        .args([
            "align",
            "--lines",
            "s.zh",
            "s.en",
            "--no-learn",
            "--save-lexicon",
            "x.tsv",
        ])
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&st.stderr).contains("--no-learn"));
}

#[test]
fn batch_learns_once_over_the_jobs_identically_with_1_and_2_threads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sets = unv1_test_hard_sets();
    let mut jobs = String::new();
    for (k, s) in sets.iter().take(3).enumerate() {
        std::fs::write(d.join(format!("{k}.zh")), s.src.join("\n") + "\n").unwrap();
        std::fs::write(d.join(format!("{k}.en")), s.tgt.join("\n") + "\n").unwrap();
        jobs += &format!("{k}.zh\t{k}.en\t{k}.out\n");
    }
    std::fs::write(d.join("jobs.tsv"), jobs).unwrap();
    let mut runs = Vec::new();
    for threads in ["1", "2"] {
        let st = Command::new(BIN)
            .current_dir(d)
            .env("RAYON_NUM_THREADS", threads)
            .args(["align", "--lines", "--batch", "jobs.tsv", "-q"])
            .args(["--save-lexicon", &format!("lex{threads}.tsv")])
            .output()
            .unwrap();
        assert!(st.status.success(), "{st:?}");
        let outs: Vec<Vec<u8>> = (0..3)
            .map(|k| std::fs::read(d.join(format!("{k}.out"))).unwrap())
            .collect();
        runs.push((
            outs,
            std::fs::read(d.join(format!("lex{threads}.tsv"))).unwrap(),
        ));
    }
    assert!(runs[0] == runs[1], "1 and 2 threads differ");
    // Learned over the three jobs together, not per job: it holds more than
    // one job's table.
    let one = sixalign::score::Lexicon::parse(
        &String::from_utf8(runs[0].1.clone()).unwrap(),
        Path::new("lex1.tsv"),
    )
    .unwrap();
    let s = &sets[0];
    let a: Vec<&str> = s.src.iter().map(String::as_str).collect();
    let b: Vec<&str> = s.tgt.iter().map(String::as_str).collect();
    let single = Aligner::builder()
        .learn_lexicon(true)
        .build()
        .learn_from_lines(Lang::Zh, Lang::En, &a, &b);
    assert!(
        one[0].len() > single.len(),
        "{} vs {}",
        one[0].len(),
        single.len()
    );
    let got =
        sixalign::output::parse_beads(&String::from_utf8(runs[0].0[0].clone()).unwrap()).unwrap();
    let sc = score_all([(s.gold.as_slice(), got.as_slice())]);
    assert!(sc.strict.f1 >= 0.9, "{:.4}", sc.strict.f1);
}

#[test]
fn heavy_noise_documents_gain_from_lexicons_for_every_pair() {
    use crate::quality::{documents, documents_two_pass, documents_with, report, sdg, unv1_corpus};
    use sixalign_testkit::synth::{SynthConfig, generate};
    // 17 % of sentences merged, split, dropped or added (the generator's
    // default is 6 %).
    let cfg = |seed| SynthConfig {
        seed,
        docs: 60,
        noise: 0.17,
        ..SynthConfig::default()
    };
    let docs = generate(&unv1_corpus("testset"), Lang::Zh, &[Lang::En], &cfg(11));
    let none = documents(&docs, Lang::En);
    let ce = documents_with(&docs, Lang::En, &Aligner::new());
    report("UNv1 test zh-en, noise 17 %, no lexicon", &none);
    report("UNv1 test zh-en, noise 17 %, CC-CEDICT", &ce);
    assert!(none.strict.f1 >= 0.965, "{:.4}", none.strict.f1);
    assert!(
        ce.strict.f1 >= 0.98 && ce.strict.f1 > none.strict.f1 + 0.01,
        "{:.4}",
        ce.strict.f1
    );

    let others = [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru];
    let docs = generate(&sdg(), Lang::Zh, &others, &cfg(7));
    let mut failures = Vec::new();
    for (other, floor) in others.into_iter().zip([0.978, 0.983, 0.985, 0.978, 0.968]) {
        let none = documents(&docs, other);
        let (learned, size) = documents_two_pass(&docs, other);
        report(&format!("SDG zh-{other}, noise 17 %, no lexicon"), &none);
        report(
            &format!("SDG zh-{other}, noise 17 %, learned {size}"),
            &learned,
        );
        if learned.strict.f1 < floor || learned.strict.f1 <= none.strict.f1 {
            failures.push(format!(
                "zh-{other}: learned {:.4}, none {:.4}",
                learned.strict.f1, none.strict.f1
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}

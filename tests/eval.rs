//! `eval` is `score.py`: the figures of bead files scored by the reference
//! implementation itself (Vecalign's `score.py`, see
//! tests/fixtures/eval/README.md for how `expected.json` was made), on each
//! pair alone and on a directory of them, through the library and the CLI.

use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use sixalign::eval::{Link, Scores, Tally, eval_paths, parse_links, score_links};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/eval");

fn expected() -> serde_json::Value {
    let p = Path::new(DIR).join("expected.json");
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).expect("expected.json")
}

/// The six figures of `score.py` from sixalign's scores.
fn figures(s: &Scores) -> [(&'static str, f64); 6] {
    [
        ("precision_strict", s.strict.precision),
        ("recall_strict", s.strict.recall),
        ("f1_strict", s.strict.f1),
        ("precision_lax", s.lax.precision),
        ("recall_lax", s.lax.recall),
        ("f1_lax", s.lax.f1),
    ]
}

#[track_caller]
fn assert_same(name: &str, got: &[(&str, f64)], want: &serde_json::Value) {
    for (k, v) in got {
        let w = want[name][k]
            .as_f64()
            .unwrap_or_else(|| panic!("{name}.{k} in expected.json"));
        assert!(
            (v - w).abs() < 1e-12,
            "{name} {k}: sixalign {v}, score.py {w}"
        );
    }
}

#[test]
fn eval_gives_the_figures_of_score_py() {
    let want = expected();
    for name in ["a", "b", "c", "d"] {
        let gold: PathBuf = Path::new(DIR).join("gold").join(format!("{name}.txt"));
        let test: PathBuf = Path::new(DIR).join("test").join(format!("{name}.txt"));
        let s = eval_paths(&gold, &test).unwrap_or_else(|e| panic!("{name}: {e}"));
        println!("{name}: {:?}", figures(&s));
        assert_same(name, &figures(&s), &want);
    }
    let s = eval_paths(&Path::new(DIR).join("gold"), &Path::new(DIR).join("test")).expect("dirs");
    assert_eq!(s.files, 4);
    assert_same("all", &figures(&s), &want);
}

#[test]
fn eval_cli_gives_the_figures_of_score_py() {
    let out = Command::new(env!("CARGO_BIN_EXE_sixalign"))
        .args(["eval", "--json"])
        .arg(Path::new(DIR).join("gold"))
        .arg(Path::new(DIR).join("test"))
        .output()
        .expect("run sixalign");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let got = [
        (
            "precision_strict",
            j["strict"]["precision"].as_f64().expect("p"),
        ),
        ("recall_strict", j["strict"]["recall"].as_f64().expect("r")),
        ("f1_strict", j["strict"]["f1"].as_f64().expect("f")),
        ("precision_lax", j["lax"]["precision"].as_f64().expect("p")),
        ("recall_lax", j["lax"]["recall"].as_f64().expect("r")),
        ("f1_lax", j["lax"]["f1"].as_f64().expect("f")),
    ];
    assert_same("all", &got, &expected());
}

/// What `score.py` reads, sixalign reads; what it refuses is refused with
/// the line named.
#[test]
fn bead_lines_as_score_py_reads_them() {
    let links =
        parse_links("[49, 51, 53]:[51]\n[1,0]:[2,]:0.7\n[]:[]\n\n(3, 4):[5]\n").expect("parse");
    assert_eq!(links[0].src, vec![49, 51, 53]);
    assert_eq!(links[1].src, vec![1, 0]);
    assert_eq!(links[1].tgt, vec![2]);
    assert!(links[2].src.is_empty() && links[2].tgt.is_empty());
    assert_eq!(links[3].src, vec![3, 4]);
    for bad in ["[1]\n", "[1]:[x]\n", "1:[2]\n", "[1]:[2\n"] {
        let e = parse_links(bad).expect_err(bad).to_string();
        assert!(e.contains("line 1"), "{bad:?}: {e}");
    }
}

/// `score.py`'s `_precision` written out as it reads (a set of the test
/// links; a gold source index -> the union of its links' targets), to hold
/// the indexed version in the library to it.
fn reference_tally(gold: &[Link], test: &[Link]) -> Tally {
    use std::collections::{HashMap, HashSet};
    let keep = |v: &[Link]| -> HashSet<Link> {
        v.iter()
            .filter(|l| !l.src.is_empty() || !l.tgt.is_empty())
            .cloned()
            .collect()
    };
    let (gold, test) = (keep(gold), keep(test));
    let mut by_src: HashMap<i64, HashSet<i64>> = HashMap::new();
    for g in &gold {
        for &i in &g.src {
            by_src.entry(i).or_default().extend(&g.tgt);
        }
    }
    let mut t = Tally::default();
    for l in &test {
        t.total += 1;
        if gold.contains(l) {
            t.strict += 1;
            t.lax += 1;
        } else if l.src.iter().any(|i| {
            by_src
                .get(i)
                .is_some_and(|ts| l.tgt.iter().any(|x| ts.contains(x)))
        }) {
            t.lax += 1;
        }
    }
    t
}

fn small_links() -> impl Strategy<Value = Vec<Link>> {
    let side = || proptest::collection::vec(0i64..12, 0..4);
    proptest::collection::vec(
        (side(), side()).prop_map(|(src, tgt)| Link { src, tgt }),
        0..14,
    )
}

proptest! {
    /// The library's counts are those of the reference on random links
    /// (repeated, unordered, overlapping, empty on a side).
    #[test]
    fn score_links_is_score_py(gold in small_links(), test in small_links()) {
        let full = |v: &[Link]| -> Vec<Link> {
            v.iter().filter(|l| !l.src.is_empty() && !l.tgt.is_empty()).cloned().collect()
        };
        let got = score_links(&gold, &test);
        prop_assert_eq!(got.precision, reference_tally(&gold, &test));
        prop_assert_eq!(got.recall, reference_tally(&full(&test), &full(&gold)));
    }
}

//! `eval` is `score.py`: the figures of bead files scored by the reference
//! implementation itself (Vecalign's `score.py`, see
//! tests/fixtures/eval/README.md for how `expected.json` was made), on each
//! pair alone and on a directory of them, through the library and the CLI.

use std::path::{Path, PathBuf};
use std::process::Command;

use sixalign::eval::{Scores, eval_paths, parse_links};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/eval");

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

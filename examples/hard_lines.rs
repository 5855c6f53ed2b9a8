//! Writes hard `--lines` sets with gold beads from a line-parallel corpus
//! (see `sixalign_testkit::synth::noisy_lines`):
//!
//! ```text
//! cargo run --release --example hard_lines -- SRC_FILE TGT_FILE SRC_LANG TGT_LANG OUT_DIR [SETS] [LINES] [NOISE] [SEED]
//! ```
//!
//! The corpus is cut into `SETS` consecutive slices of `LINES` lines
//! (default 8 × 500); each becomes `OUT_DIR/NN.SRC_LANG`, `OUT_DIR/NN.TGT_LANG`
//! and the gold `OUT_DIR/gold/NN` (bead format, for `sixalign eval`). Lines
//! inserted as noise come from the other slices. Leading paragraph and list labels are removed (no structure). Default
//! noise 0.3, seed 1.

use std::fs;
use std::path::PathBuf;

use sixalign::Lang;
use sixalign::output::write_beads;
use sixalign_testkit::synth::{noisy_line_sets, strip_labels};

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    if a.len() < 5 {
        eprintln!(
            "usage: hard_lines SRC_FILE TGT_FILE SRC_LANG TGT_LANG OUT_DIR [SETS] [LINES] [NOISE] [SEED]"
        );
        std::process::exit(2);
    }
    let read = |p: &str| -> Vec<String> {
        fs::read_to_string(p)
            .unwrap_or_else(|e| panic!("{p}: {e}"))
            .lines()
            .map(str::to_string)
            .collect()
    };
    // No structure: paragraph and list labels (`2.`, `(a)`, `二、`) go.
    let (src, tgt) = (strip_labels(read(&a[0])), strip_labels(read(&a[1])));
    let lang = |s: &str| s.parse::<Lang>().unwrap_or_else(|e| panic!("{e}"));
    let (sl, tl) = (lang(&a[2]), lang(&a[3]));
    let out = PathBuf::from(&a[4]);
    let num = |k: usize, d: f64| a.get(k).map_or(d, |s| s.parse().expect("a number"));
    let sets = num(5, 8.0) as usize;
    let size = num(6, 500.0) as usize;
    let noise = num(7, 0.3);
    let seed = num(8, 1.0) as u64;
    fs::create_dir_all(out.join("gold")).expect("output folder");
    let n = (sets * size).min(src.len());
    let all = noisy_line_sets(&src[..n], &tgt[..n], (sl, tl), size, noise, seed);
    for (k, set) in all.iter().enumerate() {
        let name = format!("{k:02}");
        fs::write(
            out.join(format!("{name}.{}", sl.code())),
            set.src.join("\n") + "\n",
        )
        .expect("write");
        fs::write(
            out.join(format!("{name}.{}", tl.code())),
            set.tgt.join("\n") + "\n",
        )
        .expect("write");
        let mut gold = Vec::new();
        write_beads(&mut gold, &set.gold).expect("in memory");
        fs::write(out.join("gold").join(&name), gold).expect("write");
    }
}

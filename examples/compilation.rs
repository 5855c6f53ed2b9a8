//! Writes a compilation of resolutions in Chinese and English, numbered as
//! compilations are: every resolution restarts at `1.`. Built from the SDG
//! targets in `../shared/data/sdg` (never copied into the repository), for
//! measuring memory and time on a long document:
//!
//! ```text
//! cargo run --release --example compilation -- 50 /tmp/comp
//! /usr/bin/time -f "%e s %M KB" target/release/sixalign align -q -f tsv \
//!     --lang zh=/tmp/comp.zh.txt --lang en=/tmp/comp.en.txt -o /tmp/comp.tsv
//! ```
//!
//! The first argument is the size of each version in MB, the second the
//! output prefix (`PREFIX.zh.txt`, `PREFIX.en.txt`).

use std::io::Write;
use std::path::Path;

fn targets(lang: &str) -> Vec<String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../shared/data/sdg/targets.{lang}.tsv"));
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the shared data set must sit beside the project)",
            p.display()
        )
    });
    text.lines()
        .filter_map(|l| l.split_once('\t').map(|(_, t)| t.trim().to_string()))
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mb: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    let prefix = args.get(2).cloned().unwrap_or_else(|| "compilation".into());
    let (zh, en) = (targets("zh"), targets("en"));
    let n = zh.len().min(en.len());
    let mut out_zh =
        std::io::BufWriter::new(std::fs::File::create(format!("{prefix}.zh.txt")).expect("create"));
    let mut out_en =
        std::io::BufWriter::new(std::fs::File::create(format!("{prefix}.en.txt")).expect("create"));
    let (mut written, mut k, mut res) = (0usize, 0usize, 0usize);
    while written < mb * 1_000_000 {
        res += 1;
        let mut z = format!("第{res}号决议\n大会，\n");
        let mut e = format!("Resolution {res}\nThe General Assembly,\n");
        for _ in 0..3 {
            z.push_str(&format!("{}，\n", zh[k % n].trim_end_matches(['。', '.'])));
            e.push_str(&format!("{},\n", en[k % n].trim_end_matches('.')));
            k += 1;
        }
        // Numbering restarts at 1 in every resolution.
        for p in 1..=(8 + res % 7) {
            z.push_str(&format!(
                "{p}. {}；\n",
                zh[k % n].trim_end_matches(['。', '.'])
            ));
            e.push_str(&format!("{p}. {};\n", en[k % n].trim_end_matches('.')));
            k += 1;
        }
        z.push_str(&format!("第 {} 次全体会议\n\n", res % 90 + 1));
        e.push_str(&format!("{}th plenary meeting\n\n", res % 90 + 1));
        written += e.len();
        out_zh.write_all(z.as_bytes()).expect("write");
        out_en.write_all(e.as_bytes()).expect("write");
    }
    out_zh.flush().expect("flush");
    out_en.flush().expect("flush");
    eprintln!("{res} resolutions, {written} bytes of English");
}

//! The long fuzz run, outside CI: seeded cases of every stage (see
//! `tests/fuzz/harness.rs`), panics caught and counted, time per case
//! measured.
//!
//! ```text
//! nice cargo run --release --example fuzz -- --cases 150000 [--seed N] [--target load,parse] [--first I] [--max-ms 5000]
//! ```
//!
//! Prints one line per target (cases, panics, slowest case) and exits
//! with 1 when any case panicked or took longer than `--max-ms`.

#[path = "../tests/fuzz/harness.rs"]
mod harness;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use harness::{Seeds, Target, run};

fn main() -> ExitCode {
    let mut cases: u64 = 10_000;
    let mut seed: u64 = 1;
    let mut first: u64 = 0;
    let mut max_ms: u64 = 5_000;
    let mut targets: Vec<Target> = Target::ALL.to_vec();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().cloned().unwrap_or_default();
        match a.as_str() {
            "--cases" => cases = val().parse().expect("--cases N"),
            "--seed" => seed = val().parse().expect("--seed N"),
            "--first" => first = val().parse().expect("--first N"),
            "--max-ms" => max_ms = val().parse().expect("--max-ms N"),
            "--target" => {
                let v = val();
                targets = v
                    .split(',')
                    .map(|n| {
                        *Target::ALL
                            .iter()
                            .find(|t| t.name() == n)
                            .unwrap_or_else(|| panic!("unknown target {n}"))
                    })
                    .collect();
            }
            other => panic!("unknown argument {other}"),
        }
    }
    // Panics are counted, not printed one by one.
    std::panic::set_hook(Box::new(|_| {}));
    let seeds = Seeds::load(true);
    let (mut total, mut bad) = (0u64, 0u64);
    let start = Instant::now();
    for t in targets {
        let began = Instant::now();
        let out = run(t, seed, first, cases, &seeds);
        total += out.cases;
        let slow = out.slowest > Duration::from_millis(max_ms);
        bad += out.panics.len() as u64 + u64::from(slow);
        println!(
            "{:8} cases {:>9}  panics {:>4}  slowest {:>8.1} ms (case {})  {:.1} s{}",
            t.name(),
            out.cases,
            out.panics.len(),
            out.slowest.as_secs_f64() * 1e3,
            out.slowest_case,
            began.elapsed().as_secs_f64(),
            if slow { "  TOO SLOW" } else { "" }
        );
        for (i, msg) in out.panics.iter().take(5) {
            println!("    case {i}: {}", msg.lines().next().unwrap_or(""));
        }
    }
    println!(
        "total    cases {total:>9}  failures {bad}  seed {seed}  {:.1} s",
        start.elapsed().as_secs_f64()
    );
    if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

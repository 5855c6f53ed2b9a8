//! The short fuzz slice that CI runs: every target of the harness for a
//! bounded number of seeded cases (the long run is `examples/fuzz.rs`).
//! Any panic or broken invariant fails, naming the case to replay with
//! `cargo run --release --example fuzz -- --target NAME --first CASE --cases 1`.

pub mod harness;

use harness::{Seeds, Target, run};

/// Cases per target in the CI slice: a few seconds in all in release.
const CI_CASES: u64 = 300;

/// The seed of the CI slice (the long run uses others).
const CI_SEED: u64 = 0x5158_A11C;

fn slice(target: Target) {
    let seeds = Seeds::load(true);
    let out = run(target, CI_SEED, 0, CI_CASES, &seeds);
    assert_eq!(out.cases, CI_CASES);
    assert!(
        out.panics.is_empty(),
        "{}: {} panics, first at case {}: {}",
        target.name(),
        out.panics.len(),
        out.panics[0].0,
        out.panics[0].1
    );
}

#[test]
fn fuzz_slice_load() {
    slice(Target::Load);
}

#[test]
fn fuzz_slice_parse() {
    slice(Target::Parse);
}

#[test]
fn fuzz_slice_segment() {
    slice(Target::Segment);
}

#[test]
fn fuzz_slice_anchor() {
    slice(Target::Anchor);
}

#[test]
fn fuzz_slice_align() {
    slice(Target::Align);
}

#[test]
fn fuzz_slice_engine() {
    slice(Target::Engine);
}

#[test]
fn fuzz_slice_writers() {
    slice(Target::Writers);
}

#[test]
fn fuzz_slice_pipe() {
    slice(Target::Pipe);
}

#[test]
fn fuzz_slice_files() {
    slice(Target::Files);
}

#[test]
fn fuzz_slice_qa() {
    slice(Target::Qa);
}

#[test]
fn fuzz_slice_word() {
    slice(Target::Word);
}

#[test]
fn fuzz_slice_html() {
    slice(Target::Html);
}

#[test]
fn fuzz_slice_pdftext() {
    slice(Target::PdfText);
}

#[test]
fn fuzz_slice_lexicon() {
    slice(Target::Lexicon);
}

#[test]
fn fuzz_slice_manifest() {
    slice(Target::Manifest);
}

#[test]
fn fuzz_slice_jobfile() {
    slice(Target::JobFile);
}

//! # sixalign-testkit
//!
//! Test tooling of `sixalign`, outside the library so that the product does
//! not carry it: the synthetic-document generator with its gold alignment
//! and the projection of an aligner's beads onto the gold units
//! ([`synth`]), and the corpus benchmark behind `sixalign bench`
//! ([`bench`](mod@bench)). The integration tests, benches and examples use it as a
//! dev-dependency, the command (`cli/`) as a dependency; the library never
//! does (`tests/architecture.rs` checks it).
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod bench;
pub mod synth;

/// The repository's root, where `data/` is, for the tests and benches of
/// every package of the workspace.
pub const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

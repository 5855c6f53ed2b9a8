//! One integration test binary, one module per feature. They run the
//! command, so they are the tests of its package (`cli/Cargo.toml`); the
//! samples and fixtures they read are the repository's.

/// The repository's root (`CARGO_MANIFEST_DIR` is `cli/`).
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

mod align;
mod architecture;
mod bad_input;
mod benches;
mod cli;
mod corpus;
mod eval;
mod fidelity;
mod formats;
mod function_length;
mod fuzz;
mod hardening;
mod lexicon;
mod offsets;
mod output;
mod parse;
mod qa;
mod quality;
mod review;
mod segment;
mod send_sync;
mod tmx_dtd;
mod traditional;
mod variants;

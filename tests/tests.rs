//! One integration test binary, one module per feature.

mod align;
mod architecture;
mod bad_input;
mod benches;
mod cli;
mod corpus;
mod eval;
mod fidelity;
mod formats;
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

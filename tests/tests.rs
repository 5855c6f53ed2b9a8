//! One integration test binary, one module per feature.

mod align;
mod architecture;
mod bad_input;
mod corpus;
mod formats;
mod fuzz;
mod hardening;
mod lexicon;
mod offsets;
mod output;
mod parse;
mod qa;
mod quality;
mod segment;
mod tmx_dtd;
mod traditional;
mod variants;

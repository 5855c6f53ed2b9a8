//! One integration test binary, one module per feature.

mod bad_input;
mod parse;
mod segment;

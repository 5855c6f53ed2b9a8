//! One integration test binary, one module per feature.

mod qa;
mod segment;

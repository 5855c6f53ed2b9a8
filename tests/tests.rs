//! One integration test binary, one module per feature.

mod quality;
mod segment;

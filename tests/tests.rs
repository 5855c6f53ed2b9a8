//! One integration test binary, one module per feature.

mod align;
mod output;
mod quality;
mod segment;

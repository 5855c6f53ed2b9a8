//! One integration test binary, one module per feature.

mod align;
mod output;
mod qa;
mod quality;
mod segment;

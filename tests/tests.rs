//! One integration test binary, one module per feature.

mod corpus;
mod segment;

//! The `Aligner`: runs the stages, in parallel.

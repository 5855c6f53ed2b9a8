//! Alignment of block sequences by their labels.

//! Scorers for candidate beads.

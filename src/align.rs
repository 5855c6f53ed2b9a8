//! The banded dynamic program over beads.

use std::ops::Range;

use serde::Serialize;

/// One link of an alignment: source sentences `src` correspond to target
/// sentences `tgt` (either range may be empty for 1-0 and 0-1 beads).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bead {
    /// Source sentence indices.
    pub src: Range<usize>,
    /// Target sentence indices.
    pub tgt: Range<usize>,
    /// How good the link is, higher is better (0 to 1).
    pub score: f32,
}

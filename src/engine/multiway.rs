//! Six-way rows: pair alignments that share one hub combined into one row
//! per group of hub sentences.

use std::ops::Range;

use serde::Serialize;

use super::alignment::PairAlignment;

/// One row of a six-way alignment: a group of hub sentences and, for each
/// other language, the sentences that correspond to it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MultiRow {
    /// The region label of the row's first hub sentence.
    pub region: String,
    /// Hub sentence indices.
    pub hub: Range<usize>,
    /// Per other language (in the order of the pair alignments): sentence
    /// indices and the lowest bead score in the row (`None` when no bead links
    /// both sides).
    pub cells: Vec<(Range<usize>, Option<f32>)>,
}

/// Combines pair alignments that share one hub into rows: the finest grouping
/// of hub sentences that every pair alignment respects.
///
/// All `pairs` must come from the same hub document (same sentences).
pub fn multiway(pairs: &[PairAlignment]) -> Vec<MultiRow> {
    let Some(first) = pairs.first() else {
        return Vec::new();
    };
    let n = first.src.len();
    // A cut at hub position p is allowed by a pair when one of its beads ends
    // there; a row boundary needs every pair to allow it.
    let mut allowed = vec![pairs.len(); n + 1];
    for p in pairs {
        let mut seen = vec![false; n + 1];
        for b in p.beads() {
            if !b.src.is_empty() {
                seen[b.src.start] = true;
                seen[b.src.end] = true;
            }
        }
        for (a, s) in allowed.iter_mut().zip(&seen) {
            if !*s {
                *a -= 1;
            }
        }
    }
    let mut cuts: Vec<usize> = (1..n).filter(|&p| allowed[p] == pairs.len()).collect();
    cuts.insert(0, 0);
    cuts.push(n);
    cuts.dedup();
    let hubs: Vec<Range<usize>> = if n == 0 {
        std::iter::once(0..0).collect()
    } else {
        cuts.windows(2).map(|w| w[0]..w[1]).collect()
    };
    // Row index of every hub position; position n belongs to the last row.
    let mut row_at = vec![hubs.len() - 1; n + 1];
    for (k, h) in hubs.iter().enumerate() {
        for x in h.clone() {
            row_at[x] = k;
        }
    }

    let mut rows: Vec<MultiRow> = hubs
        .iter()
        .map(|h| MultiRow {
            region: first
                .src
                .get(h.start)
                .map(|s| first.regions[s.region].region.label.clone())
                .unwrap_or_default(),
            hub: h.clone(),
            cells: Vec::with_capacity(pairs.len()),
        })
        .collect();
    for p in pairs {
        let mut cells: Vec<(Option<Range<usize>>, Option<f32>)> = vec![(None, None); rows.len()];
        for b in p.beads() {
            // Added text (0-1) goes with the row it follows, or the first row at the start.
            let k = if b.src.is_empty() {
                row_at[b.src.start.saturating_sub(1)]
            } else {
                row_at[b.src.start]
            };
            let cell = &mut cells[k];
            if !b.tgt.is_empty() {
                cell.0 = Some(match cell.0.take() {
                    None => b.tgt.clone(),
                    Some(r) => r.start.min(b.tgt.start)..r.end.max(b.tgt.end),
                });
            }
            if !b.src.is_empty() && !b.tgt.is_empty() {
                cell.1 = Some(cell.1.map_or(b.score, |s: f32| s.min(b.score)));
            }
        }
        // A row with no target text still has a place in the target sequence.
        let mut next = 0;
        for (row, (range, score)) in rows.iter_mut().zip(cells) {
            let range = range.unwrap_or(next..next);
            next = range.end;
            row.cells.push((range, score));
        }
    }
    rows
}

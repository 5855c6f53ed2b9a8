//! The lexicon term of the program, row by row, without merged lists.
//!
//! A bead's lexical evidence is how many content words of its word side
//! (per sentence, distinct) are among the translations of its gloss side
//! (the whole run, pooled). The program fills its table a row (source
//! position) at a time; for a row, [`RowHits`] answers that count for every
//! bead shape ending at every column of the row's band, from one pass over
//! the ids of the sentences involved:
//!
//! * gloss side = rows (zh → en, the usual case): a byte per id (ids are
//!   dense, see `shared_vocabulary`) says, for each id translated by the
//!   last [`MAX_RUN`] source units, how far back the nearest one lies; one
//!   pass over each target unit's ids then counts its hits for every source
//!   run length, and prefix sums over the columns give every target run
//!   length as one subtraction.
//! * gloss side = columns (the lexicon runs the other way): the bytes say,
//!   for each word of the last source units, which of them hold it; each
//!   target unit's translations are looked up once, and the hits of a
//!   target run are the distinct translations of its units.

use super::table::Lists;

/// The longest run of units on either side of a bead.
pub(super) const MAX_RUN: usize = 5;

/// The hits of every shape ending in the columns of one row.
///
/// Gloss side = rows: prefix sums over the columns, entry `[k][di - 1]`
/// the hits of the columns `base..base + k` against the `di` source units
/// ending at the row's unit, so a run of any length is one subtraction.
/// Gloss side = columns: entry `[q][dj - 1][di - 1]` for the run of `dj`
/// target units ending at target unit `base + q` against the `di` source
/// units ending at the row's unit.
pub(super) struct RowHits {
    table: IdTable,
    base: usize,
    gloss_rows: bool,
    prefix: Vec<[u32; MAX_RUN]>,
    hits: Vec<[[u32; MAX_RUN]; MAX_RUN]>,
    /// Scratch (reverse): per target unit, the (id, mask) of translations found.
    found: Vec<Vec<(u32, u8)>>,
}

impl RowHits {
    pub(super) fn new() -> RowHits {
        RowHits {
            table: IdTable::default(),
            base: 0,
            gloss_rows: true,
            prefix: Vec::new(),
            hits: Vec::new(),
            found: Vec::new(),
        }
    }

    /// Fills the hits for row unit `p` (entry of `rows`, 1-based) against
    /// the runs ending at target units `cols.start..=cols.end`, for units
    /// from `first` on (runs never reach before it). `gloss_rows`: whether
    /// the rows hold the translations (else the columns do).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn fill(
        &mut self,
        vocabulary: usize,
        rows: &Lists<u32>,
        cols: &Lists<u32>,
        p: usize,
        first_row: usize,
        (first_col, q0, q1): (usize, usize, usize),
        gloss_rows: bool,
    ) {
        // Row units p, p-1, … (distance 1, 2, …), not before `first_row`.
        self.table.clear(vocabulary);
        for d in 1..=MAX_RUN {
            if p + 1 < d + first_row || p < d {
                break;
            }
            for &id in rows.get(p + 1 - d) {
                self.table.mark(id, d as u8, gloss_rows);
            }
        }
        let lo = q0.saturating_sub(MAX_RUN - 1).max(first_col);
        self.base = lo;
        self.gloss_rows = gloss_rows;
        let units = q1 + 1 - lo;
        if gloss_rows {
            self.prefix.clear();
            self.prefix.resize(units + 1, [0; MAX_RUN]);
            if self.table.is_empty() {
                return;
            }
            let mut sum = [0u32; MAX_RUN];
            for (k, u) in (lo..=q1).enumerate() {
                // Found at distance `near`: a hit for every source run at
                // least that long; counted per distance, then accumulated.
                let mut by_distance = [0u32; MAX_RUN];
                for &id in cols.get(u) {
                    let near = self.table.get(id);
                    if near > 0 {
                        by_distance[near as usize - 1] += 1;
                    }
                }
                let mut run = 0;
                for (s, x) in sum.iter_mut().zip(by_distance) {
                    run += x;
                    *s += run;
                }
                self.prefix[k + 1] = sum;
            }
            return;
        }
        self.hits.clear();
        self.hits.resize(units, [[0; MAX_RUN]; MAX_RUN]);
        if self.table.is_empty() {
            return;
        }
        if self.found.len() < units {
            self.found.resize_with(units, Vec::new);
        }
        for u in lo..=q1 {
            let f = &mut self.found[u - lo];
            f.clear();
            // Column lists are sorted and distinct: so is `f`.
            for &id in cols.get(u) {
                let mask = self.table.get(id);
                if mask != 0 {
                    f.push((id, mask));
                }
            }
        }
        let mut pooled: Vec<(u32, u8)> = Vec::new();
        for q in lo..=q1 {
            let k = q - lo;
            for dj in 1..=MAX_RUN.min(k + 1) {
                pooled.clear();
                for u in q + 1 - dj..=q {
                    pooled.extend_from_slice(&self.found[u - lo]);
                }
                if dj > 1 {
                    pooled.sort_unstable();
                    pooled.dedup_by_key(|x| x.0);
                }
                let mut sum = [0u32; MAX_RUN];
                for &(_, mask) in &pooled {
                    for (di, s) in sum.iter_mut().enumerate() {
                        // Source units within distance di + 1 holding the word.
                        *s += (mask & ((1u8 << (di + 1)) - 1)).count_ones();
                    }
                }
                self.hits[k][dj - 1] = sum;
            }
        }
    }

    /// Hits of the bead of `di` row units and `dj` column units ending at
    /// column unit `q`.
    #[inline]
    pub(super) fn get(&self, q: usize, di: usize, dj: usize) -> usize {
        let k = q - self.base;
        if self.gloss_rows {
            (self.prefix[k + 1][di - 1] - self.prefix[k + 1 - dj][di - 1]) as usize
        } else {
            self.hits[k][dj - 1][di - 1] as usize
        }
    }
}

/// A byte per id of the vocabulary (ids are dense, see
/// `shared_vocabulary`), reset after each row by the list of those set.
#[derive(Default)]
struct IdTable {
    vals: Vec<u8>,
    used: Vec<u32>,
}

impl IdTable {
    fn clear(&mut self, vocabulary: usize) {
        for &id in &self.used {
            self.vals[id as usize] = 0;
        }
        self.used.clear();
        if self.vals.len() < vocabulary {
            self.vals.resize(vocabulary, 0);
        }
    }

    fn is_empty(&self) -> bool {
        self.used.is_empty()
    }

    /// Gloss side: keeps the smallest distance; word side: sets bit
    /// `distance - 1`.
    fn mark(&mut self, id: u32, d: u8, nearest: bool) {
        let v = &mut self.vals[id as usize];
        if *v == 0 {
            self.used.push(id);
            *v = if nearest { d } else { 1 << (d - 1) };
        } else if nearest {
            *v = (*v).min(d);
        } else {
            *v |= 1 << (d - 1);
        }
    }

    fn get(&self, id: u32) -> u8 {
        self.vals[id as usize]
    }
}

//! The table of the dynamic program: a band of cells, filled row by row.
//!
//! Each cell `(i, j)` holds the cheapest path to source position `i` and
//! target position `j`; each bead shape ending there is priced from the
//! cell it starts at. Most shapes cannot win: a bound from the counts of
//! each side (lengths, token and name counts, the lexicon hits of
//! [`RowHits`]) rules them out before any list is intersected. Those sums
//! are taken once per row and once per column, not per shape and cell, so
//! that a shape that cannot win costs a few comparisons.

use super::hits::{MAX_RUN, RowHits};
use super::price::gloss_and_words;
use super::table::{Lists, RunTable, Runs};
use super::{Bead, Params, RARE, SHAPES};

/// The cells of the table that are filled: row `i` (source position) spans
/// target positions `lo[i]..=hi[i]`.
pub(super) struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    /// Index of the first cell of each row in the flat tables.
    offset: Vec<usize>,
}

impl Band {
    pub(super) fn full(n: usize, m: usize) -> Band {
        Band::new(vec![0; n + 1], vec![m; n + 1])
    }

    fn new(lo: Vec<usize>, hi: Vec<usize>) -> Band {
        let mut offset = Vec::with_capacity(lo.len() + 1);
        let mut at = 0;
        for (l, h) in lo.iter().zip(&hi) {
            offset.push(at);
            at += h - l + 1;
        }
        offset.push(at);
        Band { lo, hi, offset }
    }

    /// A band around a coarse path (beads over groups of `g` sentences),
    /// widened by `margin` positions on every side.
    pub(super) fn around(coarse: &[Bead], n: usize, m: usize, g: usize, margin: usize) -> Band {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0; n + 1];
        // Inside a coarse bead the fine path runs near its diagonal: a row
        // sees the diagonal's target position, not the bead's whole width.
        for b in coarse {
            let (s0, s1) = ((b.src.start * g).min(n), (b.src.end * g).min(n));
            let (t0, t1) = ((b.tgt.start * g).min(m), (b.tgt.end * g).min(m));
            if s0 == s1 {
                lo[s0] = lo[s0].min(t0);
                hi[s0] = hi[s0].max(t1);
                continue;
            }
            for i in s0..=s1 {
                let a = t0 + (t1 - t0) * (i - s0) / (s1 - s0);
                let b = t0 + ((t1 - t0) * (i - s0)).div_ceil(s1 - s0);
                lo[i] = lo[i].min(a);
                hi[i] = hi[i].max(b);
            }
        }
        // Widen vertically (rows near a row see its span) and horizontally.
        let mut wlo = vec![0; n + 1];
        let mut whi = vec![0; n + 1];
        for i in 0..=n {
            let a = i.saturating_sub(margin);
            let b = (i + margin).min(n);
            wlo[i] = lo[a..=b]
                .iter()
                .copied()
                .min()
                .unwrap_or(0)
                .saturating_sub(margin);
            whi[i] = (hi[a..=b].iter().copied().max().unwrap_or(m) + margin).min(m);
        }
        // Monotone edges keep every row connected to the next.
        for i in 1..=n {
            whi[i] = whi[i].max(whi[i - 1]);
        }
        for i in (0..n).rev() {
            wlo[i] = wlo[i].min(wlo[i + 1]);
        }
        wlo[0] = 0;
        whi[n] = m;
        for i in 0..=n {
            wlo[i] = wlo[i].min(whi[i]);
        }
        Band::new(wlo, whi)
    }

    /// The rows `from.0..=to.0` of this band, clamped to the columns
    /// `from.1..=to.1` and shifted so that `from` is the origin.
    pub(super) fn piece(&self, from: (usize, usize), to: (usize, usize)) -> Band {
        let rows = from.0..=to.0;
        let lo = self.lo[rows.clone()]
            .iter()
            .map(|&l| l.clamp(from.1, to.1) - from.1);
        let hi = self.hi[rows]
            .iter()
            .map(|&h| h.clamp(from.1, to.1) - from.1);
        let (mut lo, mut hi): (Vec<usize>, Vec<usize>) = (lo.collect(), hi.collect());
        lo[0] = 0;
        let last = hi.len() - 1;
        hi[last] = to.1 - from.1;
        for i in 0..lo.len() {
            lo[i] = lo[i].min(hi[i]);
        }
        Band::new(lo, hi)
    }

    fn cell(&self, i: usize, j: usize) -> Option<usize> {
        (j >= self.lo[i] && j <= self.hi[i]).then(|| self.offset[i] + j - self.lo[i])
    }
}

/// What a bound on a link's cost needs of one side's run of units, summed
/// by [`RunTable::sums`] as the merged tables are (so that the bound and
/// the tables agree to the bit): length, strong tokens, names, content words.
#[derive(Clone, Copy, Default)]
struct Side {
    len: f32,
    invariant: u32,
    names: u32,
    lex_total: u32,
}

/// The [`Side`]s of the runs of `1..=MAX_RUN` units of `t` ending at unit
/// `at`, entry `d - 1` for `d` units; runs reaching before unit `first`
/// are left empty (no bead reaches back past the table's origin).
fn sides(t: &RunTable, at: usize, first: usize) -> [Side; MAX_RUN] {
    let mut out = [Side::default(); MAX_RUN];
    for (d, side) in (1..=MAX_RUN).zip(out.iter_mut()) {
        if at + 1 < d + first {
            break;
        }
        let from = at + 1 - d;
        let (len, lex_total, _) = t.sums(from..at + 1);
        let count = |l: &Lists<u32>| l.end[at] - l.end[from - 1];
        *side = Side {
            len,
            invariant: count(&t.invariant),
            names: count(&t.names),
            lex_total,
        };
    }
    out
}

/// Fills the table over `band`, whose cell `(0, 0)` is position `origin` of
/// the runs; `None` when the band's last cell is not reachable. Beads do not
/// reach back past the origin, and come out in absolute positions.
pub(super) fn dp(
    rs: &Runs,
    rt: &Runs,
    params: &Params,
    band: &Band,
    (i0, j0): (usize, usize),
) -> Option<Vec<Bead>> {
    let n = band.lo.len() - 1;
    let m = band.hi[n];
    let cells = band.offset[n + 1];
    let mut cost = vec![f32::INFINITY; cells];
    let mut back = vec![u8::MAX; cells];
    let has_lexicon = params.lexicon.is_some();
    // The lexicon price of the winning shape, for the path's scores.
    let mut lex = vec![0f32; if has_lexicon { cells } else { 0 }];
    let prior = &params.priors.cost;
    // A shape whose prior is ruled out (documents keep the short ones,
    // [`super::ShapePriors::short_only`]) can never win: not even tried.
    let shapes: Vec<usize> = (0..SHAPES.len())
        .filter(|&k| prior[k].is_finite())
        .collect();
    let mut row = RowHits::new();
    // Runs longer than the merged tables', merged on demand.
    let (mut ms, mut mt) = (RunTable::empty(), RunTable::empty());
    let gloss_rows = params.lexicon.as_ref().is_some_and(|l| l.gloss_is_src);
    // The lowest lexicon price a link can have: every word explained (a
    // link explains at most all its words, `hits <= total`).
    let lex_min = params.lex_price(1, 1).min(0.0);
    // Column sums of the band's columns (runs ending at each column).
    let col_lo = band.lo.iter().copied().min().unwrap_or(0);
    let cols: Vec<[Side; MAX_RUN]> = (col_lo..=m)
        .map(|j| {
            if j == 0 {
                [Side::default(); MAX_RUN]
            } else {
                sides(rt.one, j0 + j, j0 + 1)
            }
        })
        .collect();
    cost[band.cell(0, 0)?] = 0.0;
    for i in 0..=n {
        if i > 0 && has_lexicon {
            row.fill(
                rs.one.vocabulary,
                &rs.one.lex,
                &rt.one.lex,
                i0 + i,
                i0 + 1,
                (j0 + 1, j0 + band.lo[i], j0 + band.hi[i]),
                gloss_rows,
            );
        }
        let srow = if i > 0 {
            sides(rs.one, i0 + i, i0 + 1)
        } else {
            [Side::default(); MAX_RUN]
        };
        // The rows a bead ending in this row starts in: their first and
        // last column and where their cells begin.
        let mut from_rows = [(1usize, 0usize, 0usize); MAX_RUN + 1];
        for (di, r) in from_rows.iter_mut().enumerate().take(i.min(MAX_RUN) + 1) {
            let f = i - di;
            *r = (band.lo[f], band.hi[f], band.offset[f]);
        }
        for j in band.lo[i]..=band.hi[i] {
            let here = band.offset[i] + j - band.lo[i];
            if i == 0 && j == 0 {
                continue;
            }
            let col = &cols[j - col_lo];
            let mut best = f32::INFINITY;
            let mut arg = u8::MAX;
            let mut best_lex = 0.0;
            for &k in &shapes {
                let (di, dj, _) = SHAPES[k];
                if di > i || dj > j {
                    continue;
                }
                let (lo, hi, offset) = from_rows[di];
                let pj = j - dj;
                if pj < lo || pj > hi {
                    continue;
                }
                let c0 = cost[offset + pj - lo];
                if !c0.is_finite() {
                    continue;
                }
                let base = c0 + prior[k];
                let mut lx = 0.0;
                let c = if di == 0 || dj == 0 {
                    base + params.skip_penalty
                } else {
                    let (a, b) = (&srow[di - 1], &col[dj - 1]);
                    // Ties go to the earlier shape, so skipping a shape
                    // whose best case only ties changes nothing. First
                    // the best case of the lexicon (every word explained),
                    // then its exact price: float sums are monotone, so
                    // the first bound is never above the second.
                    let tokens = params.floor_of(
                        a.invariant as usize,
                        b.invariant as usize,
                        a.names.min(b.names) as usize,
                        0.0,
                    );
                    if base + (tokens + lex_min) >= best {
                        continue;
                    }
                    if has_lexicon {
                        let (_, words) = gloss_and_words(gloss_rows, a, b);
                        let total = words.lex_total;
                        lx = params.lex_price(total, row.get(j0 + j, di, dj));
                    }
                    let floor = base + (tokens + lx);
                    if floor >= best {
                        continue;
                    }
                    // The rare shapes (past 1-3) rarely fit the lengths:
                    // a bound on the length cost rules most of them out
                    // before any list is merged or intersected.
                    if k >= RARE && floor + params.length.cost_floor(a.len, b.len) >= best {
                        continue;
                    }
                    let s = rs.side(i0 + i, di, &mut ms);
                    let t = rt.side(j0 + j, dj, &mut mt);
                    match params.run_cost_below(s, t, lx, best, base) {
                        Some(c) => base + c,
                        None => continue,
                    }
                };
                if c < best {
                    best = c;
                    arg = k as u8;
                    best_lex = lx;
                }
            }
            cost[here] = best;
            back[here] = arg;
            if let Some(x) = lex.get_mut(here) {
                *x = best_lex;
            }
        }
    }
    let filled = Filled { cost, back, lex };
    trace_back(
        (rs, rt),
        params,
        band,
        (i0, j0),
        &filled,
        (&mut ms, &mut mt),
    )
}

/// The table the program filled, per cell of the band: the cheapest cost
/// of a path to it, the shape of its last bead, and that bead's lexicon
/// price (empty without a lexicon).
struct Filled {
    cost: Vec<f32>,
    back: Vec<u8>,
    lex: Vec<f32>,
}

/// The beads of the cheapest path to the band's last cell, each scored
/// ([`Params::run_score`]; runs longer than the merged tables' merged into
/// `scratch`); `None` when the last cell is not reachable.
fn trace_back(
    (rs, rt): (&Runs, &Runs),
    params: &Params,
    band: &Band,
    (i0, j0): (usize, usize),
    filled: &Filled,
    (ms, mt): (&mut RunTable, &mut RunTable),
) -> Option<Vec<Bead>> {
    let Filled { cost, back, lex } = filled;
    let n = band.lo.len() - 1;
    let m = band.hi[n];
    let end = band.cell(n, m)?;
    if !cost[end].is_finite() {
        return None;
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let here = band.cell(i, j)?;
        let k = back[here] as usize;
        let (di, dj, _) = SHAPES[k];
        let score = if di == 0 || dj == 0 {
            0.0
        } else {
            let lx = lex.get(here).copied().unwrap_or(0.0);
            params.run_score(
                rs.side(i0 + i, di, ms),
                rt.side(j0 + j, dj, mt),
                lx,
                di == 1 && dj == 1,
            )
        };
        beads.push(Bead {
            src: i0 + i - di..i0 + i,
            tgt: j0 + j - dj..j0 + j,
            score,
        });
        i -= di;
        j -= dj;
    }
    beads.reverse();
    Some(beads)
}

//! Long alignments: the fine table filled around a guide path, in pieces
//! filled in parallel and joined where their paths meet.

use rayon::prelude::*;

use super::dp::{Band, dp};
use super::table::{RunTable, Runs};
use super::{Bead, Params};

/// A path the fine table is filled around: beads over groups of `g`
/// sentences (a coarse level), or over sentences (`g` = 1: an earlier
/// pass), and how far from it the band reaches at first.
pub(super) struct Guide<'a> {
    pub(super) path: &'a [Bead],
    pub(super) g: usize,
    pub(super) margin: usize,
}

/// How far (in sentences) a second pass's band first reaches from the
/// first pass's path; widened where the path's end cannot be reached.
/// Two (the band reaches two rows up and down, then two columns either
/// side, so about nine cells a row) gives the very outputs four gave on
/// the UNv1 dev hard `--lines` sets and Bertalign's MAC dev set (strict
/// F1 .9613 and .7844 with either), for a second pass that costs about
/// half as much; one lowers MAC dev to .7824.
pub(super) const NEAR_MARGIN: usize = 2;

/// The fine table around `guide`, in pieces of about `piece` rows filled
/// in parallel.
pub(super) fn refine(
    src: &RunTable,
    tgt: &RunTable,
    params: &Params,
    guide: &Guide,
    piece: usize,
) -> Vec<Bead> {
    let (n, m) = (src.runs(), tgt.runs());
    let (rs, rt) = (Runs::new(src), Runs::new(tgt));
    let band = Band::around(guide.path, n, m, guide.g, guide.margin);
    let corners = corners(guide.path, n, m, guide.g);
    let cuts = cuts(&corners, piece);
    if cuts.len() == 2 {
        return fine_piece(&rs, &rt, params, &band, guide, (n, m), (0, 0), (n, m));
    }
    // Long inputs: pieces that overlap by OVERLAP rows on each side of every
    // cut, filled in parallel, then joined at a corner both paths share
    // inside the overlap (paths from different starts meet within a few
    // sentences, so the join is where the whole table's path runs too).
    let spans: Vec<((usize, usize), (usize, usize))> = (0..cuts.len() - 1)
        .map(|k| {
            let from = if k == 0 {
                corners[0]
            } else {
                corners[cuts[k] - OVERLAP_CORNERS.min(cuts[k])]
            };
            let to = if k + 2 == cuts.len() {
                corners[corners.len() - 1]
            } else {
                corners[(cuts[k + 1] + OVERLAP_CORNERS).min(corners.len() - 1)]
            };
            (from, to)
        })
        .collect();
    let pieces: Vec<Vec<Bead>> = spans
        .par_iter()
        .map(|&(from, to)| fine_piece(&rs, &rt, params, &band, guide, (n, m), from, to))
        .collect();
    let mut beads: Vec<Bead> = Vec::with_capacity(n.max(m));
    let mut pieces = pieces.into_iter();
    beads.extend(pieces.next().expect("at least one piece"));
    for (k, next) in pieces.enumerate() {
        join(&mut beads, next, corners[cuts[k + 1]], |from, to| {
            fine_piece(&rs, &rt, params, &band, guide, (n, m), from, to)
        });
    }
    beads
}

/// Coarse path corners (bead ends in fine positions) per piece overlap.
pub(super) const OVERLAP_CORNERS: usize = 32;

/// Appends `next` (a path starting before the end of `path`) to `path` at
/// the corner both share nearest to `cut`. Without a shared corner, the
/// stretch between the two paths' corners around the overlap is aligned
/// again with `fill`.
pub(super) fn join(
    path: &mut Vec<Bead>,
    next: Vec<Bead>,
    cut: (usize, usize),
    fill: impl Fn((usize, usize), (usize, usize)) -> Vec<Bead>,
) {
    let ends =
        |b: &[Bead]| -> Vec<(usize, usize)> { b.iter().map(|x| (x.src.end, x.tgt.end)).collect() };
    let start = (next[0].src.start, next[0].tgt.start);
    // `path`'s corners from `start` on, and `next`'s corners (with its start).
    let first = path.partition_point(|b| b.src.end < start.0);
    let mine: Vec<(usize, usize)> = ends(&path[first..]);
    let mut theirs = vec![start];
    theirs.extend(ends(&next));
    let shared = mine
        .iter()
        .filter(|c| theirs.binary_search(c).is_ok())
        .min_by_key(|c| (c.0.abs_diff(cut.0), c.0));
    match shared {
        Some(&c) => {
            let keep = path.partition_point(|b| (b.src.end, b.tgt.end) <= c);
            path.truncate(keep);
            let from = theirs.binary_search(&c).expect("shared corner");
            path.extend(next.into_iter().skip(from));
        }
        None => {
            // Join `path`'s last corner before the cut to `next`'s first
            // corner after it, realigning the stretch in between.
            let a = path
                .iter()
                .rev()
                .map(|x| (x.src.end, x.tgt.end))
                .find(|c| c.0 <= cut.0 && c.1 <= cut.1)
                .unwrap_or((0, 0));
            let (at, &b) = theirs
                .iter()
                .enumerate()
                .find(|(_, c)| c.0 >= a.0.max(cut.0) && c.1 >= a.1.max(cut.1))
                .expect("a piece ends past its cut");
            let keep = path.partition_point(|x| (x.src.end, x.tgt.end) <= a);
            path.truncate(keep);
            if b != a {
                path.extend(fill(a, b));
            }
            path.extend(next.into_iter().skip(at));
        }
    }
}

/// The corners of a coarse path in fine positions: `(0, 0)` and the end of
/// every bead.
pub(super) fn corners(coarse: &[Bead], n: usize, m: usize, g: usize) -> Vec<(usize, usize)> {
    let mut c = vec![(0, 0)];
    c.extend(
        coarse
            .iter()
            .map(|b| ((b.src.end * g).min(n), (b.tgt.end * g).min(m))),
    );
    c
}

/// Where a long fine table is cut into pieces: indices into `corners`, the
/// first and last corner and between them corners at least `piece` rows
/// apart. Found from the data alone, so the result does not depend on the
/// number of threads.
pub(super) fn cuts(corners: &[(usize, usize)], piece: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    let last = corners.len() - 1;
    for (k, c) in corners
        .iter()
        .enumerate()
        .take(last.saturating_sub(OVERLAP_CORNERS))
    {
        if k > OVERLAP_CORNERS && c.0 >= corners[cuts[cuts.len() - 1]].0.saturating_add(piece) {
            cuts.push(k);
        }
    }
    cuts.push(last);
    cuts
}

/// The fine alignment between two cuts, in `band` (around the coarse
/// path), widened until it reaches the piece's end.
#[allow(clippy::too_many_arguments)]
pub(super) fn fine_piece(
    rs: &Runs,
    rt: &Runs,
    params: &Params,
    band: &Band,
    guide: &Guide,
    (n, m): (usize, usize),
    from: (usize, usize),
    to: (usize, usize),
) -> Vec<Bead> {
    if let Some(b) = dp(rs, rt, params, &band.piece(from, to), from) {
        return b;
    }
    let mut margin = guide.margin;
    loop {
        // Unreachable end: the band was too tight; widen it.
        margin *= 4;
        let band = Band::around(guide.path, n, m, guide.g, margin).piece(from, to);
        if let Some(b) = dp(rs, rt, params, &band, from) {
            return b;
        }
        if margin > n.max(m) {
            let band = Band::full(to.0 - from.0, to.1 - from.1);
            return dp(rs, rt, params, &band, from).expect("a full table always reaches its end");
        }
    }
}

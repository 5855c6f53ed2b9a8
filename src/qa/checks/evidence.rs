//! Evidence that text is missing on one side, where the aligner may have
//! hidden it: a sentence with no counterpart merged into its neighbour's
//! bead, a labelled block whose label and text are both gone.
//!
//! Two tests, both on lengths in hub characters (the other side scaled by
//! the pair's ratio):
//! - a bead is weighed with and without a run of sentences at either end of
//!   one side; when it balances far better without them, they have no
//!   counterpart ([`Ctx::surplus`]);
//! - a labelled unit the other version has no label for is weighed against
//!   its region: the length, the paragraphs and the sentences of the
//!   region's two sides each vote for "its text is there, unlabelled" or
//!   "its text is missing" ([`Ctx::region_lacks`]).

use std::ops::Range;

use crate::align::Bead;
use crate::lang::labels;
use crate::qa::{FindingKind, Severity, Side};

use super::{Ctx, len_chars};

/// How much better (in squared robust z) a bead must balance without a run
/// of its sentences for the run to count as having no counterpart. The
/// faithful UDHR pairs stay below 4; a sentence deleted from one version
/// and merged into its neighbour's bead scores 6 and more.
const SURPLUS_GAIN: f64 = 6.0;
/// Without the run, the bead must look like an ordinary bead of the pair.
const SURPLUS_FIT: f64 = 2.0;
/// The gain asked of the sentences of a labelled unit whose label the other
/// version lacks ([`Ctx::merged_without_counterpart`]).
const UNIT_GAIN: f64 = 4.0;

/// The pair's spread of bead lengths: median and robust standard deviation
/// of the length residual of its linked beads.
#[derive(Clone, Copy, Debug)]
pub(super) struct Spread {
    med: f64,
    sigma: f64,
}

/// The length residual of hub length `x` against other length `y` (both in
/// hub characters): the difference over the square root of the mean, as in
/// Gale and Church, so that it spreads alike for short and long beads.
fn residual(x: f64, y: f64) -> f64 {
    (y - x) / ((x + y) / 2.0 + 1.0).sqrt()
}

/// A run of sentences at one end of one side of a bead that has no
/// counterpart.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Surplus {
    /// The side the sentences are on.
    pub side: Side,
    /// The sentences.
    pub run: Range<usize>,
    /// Their length in hub characters.
    pub chars: f64,
}

impl Ctx<'_> {
    pub(super) fn src_chars(&self, r: &Range<usize>) -> f64 {
        r.clone()
            .map(|i| len_chars(&self.pa.src[i].text) as f64)
            .sum()
    }

    pub(super) fn tgt_chars(&self, r: &Range<usize>) -> f64 {
        r.clone()
            .map(|i| len_chars(&self.pa.tgt[i].text) as f64)
            .sum::<f64>()
            * self.ratio
    }

    /// The spread of the pair's linked beads; `None` with fewer than eight.
    pub(super) fn spread(&self) -> Option<Spread> {
        let mut es: Vec<f64> = self
            .pa
            .beads()
            .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
            .map(|b| residual(self.src_chars(&b.src), self.tgt_chars(&b.tgt)))
            .collect();
        if es.len() < 8 {
            return None;
        }
        es.sort_by(f64::total_cmp);
        let med = es[es.len() / 2];
        let mut dev: Vec<f64> = es.iter().map(|e| (e - med).abs()).collect();
        dev.sort_by(f64::total_cmp);
        // Never narrower than a faithful pair's spread: a short document
        // whose few beads happen to agree must not make every bead an
        // outlier.
        let sigma = (1.4826 * dev[dev.len() / 2]).max(0.6);
        Some(Spread { med, sigma })
    }

    /// The gain of weighing `b` without `run` (sentences of `side` at one
    /// end of the bead), when without them the bead looks ordinary.
    fn gain_without(
        &self,
        b: &Bead,
        side: Side,
        run: &Range<usize>,
        spread: Spread,
    ) -> Option<f64> {
        let (x, y) = (self.src_chars(&b.src), self.tgt_chars(&b.tgt));
        let z = |x: f64, y: f64| (residual(x, y) - spread.med) / spread.sigma;
        let with = z(x, y);
        let without = if side == Side::Tgt {
            z(x, y - self.tgt_chars(run))
        } else {
            z(x - self.src_chars(run), y)
        };
        (without.abs() <= SURPLUS_FIT).then_some(with * with - without * without)
    }

    /// Whether the sentences `sents` of a unit of `side` that the other
    /// version has no label for are merged into beads that balance better
    /// without them: the sentences of each bead that are the unit's, at one
    /// end of it, beside sentences of other units. A weaker test than
    /// [`Ctx::surplus`]: the missing label already points at the unit.
    pub(super) fn merged_without_counterpart(&self, side: Side, sents: &Range<usize>) -> bool {
        let Some(spread) = self.spread() else {
            return false;
        };
        let mut any = false;
        for b in self.pa.beads() {
            let r = if side == Side::Tgt { &b.tgt } else { &b.src };
            let run = r.start.max(sents.start)..r.end.min(sents.end);
            if run.is_empty() || b.src.is_empty() || b.tgt.is_empty() {
                continue;
            }
            if run == *r || (run.start != r.start && run.end != r.end) {
                // The bead is the unit's alone, or the unit sits inside it.
                return false;
            }
            match self.gain_without(b, side, &run, spread) {
                Some(g) if g >= UNIT_GAIN => any = true,
                _ => return false,
            }
        }
        any
    }

    /// The run of sentences at either end of either side of `b` without
    /// which the bead balances much better, if there is one.
    pub(super) fn surplus(&self, b: &Bead, spread: Spread) -> Option<Surplus> {
        if b.src.is_empty() || b.tgt.is_empty() {
            return None;
        }
        let (x, y) = (self.src_chars(&b.src), self.tgt_chars(&b.tgt));
        let z = |x: f64, y: f64| (residual(x, y) - spread.med) / spread.sigma;
        let with = z(x, y);
        let mut best: Option<(f64, Surplus)> = None;
        for side in [Side::Src, Side::Tgt] {
            let r = if side == Side::Src { &b.src } else { &b.tgt };
            for k in 1..r.len() {
                for run in [r.start..r.start + k, r.end - k..r.end] {
                    let (chars, without) = if side == Side::Src {
                        let c = self.src_chars(&run);
                        (c, z(x - c, y))
                    } else {
                        let c = self.tgt_chars(&run);
                        (c, z(x, y - c))
                    };
                    let gain = with * with - without * without;
                    if without.abs() > SURPLUS_FIT || gain < SURPLUS_GAIN {
                        continue;
                    }
                    if best.as_ref().is_none_or(|(g, _)| gain > *g) {
                        best = Some((gain, Surplus { side, run, chars }));
                    }
                }
            }
        }
        best.map(|(_, s)| s)
    }

    /// Whether the region of unit `u` of `side` (a labelled unit the other
    /// version has no label for) lacks its text on the other side: the
    /// region's length, paragraphs and sentences each vote, and the text
    /// is missing when they say so by two votes or more.
    pub(super) fn region_lacks(&self, side: Side, u: usize) -> bool {
        let range = match side {
            Side::Tgt => self.t_sents[u].clone(),
            _ => self.s_sents[u].clone(),
        };
        let first = match side {
            Side::Tgt => self.pa.tgt.get(range.start),
            _ => self.pa.src.get(range.start),
        };
        let Some(r) = first.and_then(|s| self.pa.regions.get(s.region)) else {
            return false;
        };
        let paragraphs = |units: &[crate::anchor::Unit<'_>], us: &Range<usize>| -> usize {
            units[us.clone()]
                .iter()
                .map(|u| u.text.split('\n').filter(|p| !p.trim().is_empty()).count())
                .sum()
        };
        // Here: the side the unit is on; there: the other side.
        let (here_len, there_len, unit_len) = match side {
            Side::Tgt => (
                self.tgt_chars(&r.tgt),
                self.src_chars(&r.src),
                self.tgt_chars(&range),
            ),
            _ => (
                self.src_chars(&r.src),
                self.tgt_chars(&r.tgt),
                self.src_chars(&range),
            ),
        };
        let (here_par, there_par, unit_par) = match side {
            Side::Tgt => (
                paragraphs(&self.tu, &r.region.tgt),
                paragraphs(&self.su, &r.region.src),
                paragraphs(&self.tu, &(u..u + 1)),
            ),
            _ => (
                paragraphs(&self.su, &r.region.src),
                paragraphs(&self.tu, &r.region.tgt),
                paragraphs(&self.su, &(u..u + 1)),
            ),
        };
        let (here_n, there_n, unit_n) = match side {
            Side::Tgt => (r.tgt.len(), r.src.len(), range.len()),
            _ => (r.src.len(), r.tgt.len(), range.len()),
        };
        // +1: the other side is short by about the unit; -1: it is as long.
        let count_vote = |here: usize, there: usize, unit: usize| -> i32 {
            if there + unit <= here {
                1
            } else if there >= here {
                -1
            } else {
                0
            }
        };
        let length_vote = if here_len - there_len >= unit_len / 2.0 {
            1
        } else {
            -1
        };
        let votes = length_vote
            + count_vote(here_par, there_par, unit_par)
            + count_vote(here_n, there_n, unit_n);
        votes >= 2
    }
}

/// The number of the paragraph a sentence opens (`2.`, `二、`), if any.
fn paragraph_number(text: &str) -> Option<u32> {
    let t: String = unicode_normalization::UnicodeNormalization::nfkc(text.trim_start()).collect();
    labels::operative(&t)
        .map(|(n, _)| n)
        .or_else(|| labels::zh_para(&t).map(|(n, _, _)| n))
}

/// The numbered paragraphs of a run of sentences: number and sentences.
fn numbered_paragraphs(
    sents: &[crate::engine::Sentence],
    range: &Range<usize>,
) -> Vec<(u32, Range<usize>)> {
    let mut out: Vec<(u32, Range<usize>)> = Vec::new();
    for i in range.clone() {
        match paragraph_number(&sents[i].text) {
            Some(n) => out.push((n, i..i + 1)),
            None => {
                if let Some(last) = out.last_mut() {
                    last.1.end = i + 1;
                }
            }
        }
    }
    out
}

impl Ctx<'_> {
    /// Numbered paragraphs inside a block (`1.` `2.` `3.` of an article)
    /// that the same block of the other version numbers without them: its
    /// numbers are a part of this side's, one or more left out. The
    /// paragraph's text is missing when the block's length or its sentences
    /// say so too; it is reported as unaligned, once.
    pub(super) fn inner_paragraphs(&mut self) {
        let mut found: Vec<(Side, String, u32, Range<usize>)> = Vec::new();
        for r in &self.pa.regions {
            if r.region.kind != crate::anchor::RegionKind::Anchored {
                continue;
            }
            let (a, b) = (r.region.src.start, r.region.tgt.start);
            let (sa, tb) = (self.s_sents[a].clone(), self.t_sents[b].clone());
            let ps = numbered_paragraphs(&self.pa.src, &sa);
            let pt = numbered_paragraphs(&self.pa.tgt, &tb);
            if ps.is_empty() || pt.is_empty() {
                continue;
            }
            let (ls, lt) = (self.src_chars(&sa), self.tgt_chars(&tb));
            for (side, here, there, here_len, there_len, here_n, there_n) in [
                (Side::Src, &ps, &pt, ls, lt, sa.len(), tb.len()),
                (Side::Tgt, &pt, &ps, lt, ls, tb.len(), sa.len()),
            ] {
                let nums_there: Vec<u32> = there.iter().map(|p| p.0).collect();
                // A renumbering, not an omission.
                if nums_there.iter().any(|n| !here.iter().any(|p| p.0 == *n)) {
                    continue;
                }
                for (n, sents) in here.iter().filter(|p| !nums_there.contains(&p.0)) {
                    let len = match side {
                        Side::Tgt => self.tgt_chars(sents),
                        _ => self.src_chars(sents),
                    };
                    let length_vote = here_len - there_len >= len / 2.0;
                    let count_vote = there_n + sents.len() <= here_n;
                    if length_vote || count_vote || self.merged_without_counterpart(side, sents) {
                        found.push((side, r.region.label.clone(), *n, sents.clone()));
                    }
                }
            }
        }
        let (sl, tl) = (self.pa.src_lang, self.pa.tgt_lang);
        for (side, label, n, sents) in found {
            let (src, tgt, lang, there) = match side {
                Side::Tgt => {
                    let at = self.counterpart_before(Side::Tgt, sents.start);
                    (at..at, sents.clone(), tl, sl)
                }
                _ => {
                    let at = self.counterpart_before(Side::Src, sents.start);
                    (sents.clone(), at..at, sl, tl)
                }
            };
            let set = match side {
                Side::Tgt => &mut self.t_reported,
                _ => &mut self.s_reported,
            };
            set.extend(sents.clone());
            let chars = match side {
                Side::Tgt => self.tgt_chars(&sents),
                _ => self.src_chars(&sents),
            };
            let severity = if chars >= self.th.unaligned_error_chars / 2.0 {
                Severity::Error
            } else {
                Severity::Warning
            };
            self.push_at(
                FindingKind::Unaligned,
                severity,
                side,
                src,
                tgt,
                format!("paragraph {n} of {label} in {lang} with no counterpart in {there}"),
            );
        }
    }

    /// Where, on the other side, the text before sentence `i` of `side`
    /// ends: the end of the other side of the last bead before `i`.
    pub(super) fn counterpart_before(&self, side: Side, i: usize) -> usize {
        let mut at = 0;
        for b in self.pa.beads() {
            let (here, there) = match side {
                Side::Tgt => (&b.tgt, &b.src),
                _ => (&b.src, &b.tgt),
            };
            if here.start >= i && !here.is_empty() {
                break;
            }
            at = there.end;
        }
        at
    }
}

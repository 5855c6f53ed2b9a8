//! The prices the program pays for a bead of merged runs: the terms of
//! [`Params::link_cost`] taken from the run tables, a bound below them for
//! the shapes that cannot win, and the calibrated score of the final path.

use super::Params;
use super::table::RunTable;
use crate::score::{self, LinkTerms};

impl Params {
    /// The lexicon's price of a link whose word side has `total` content
    /// words of which `hits` are explained (0 without a lexicon or words).
    pub(super) fn lex_price(&self, total: u32, hits: usize) -> f32 {
        match &self.lexicon {
            Some(l) if total > 0 => l.scorer.price(hits, total),
            _ => 0.0,
        }
    }

    /// The content words of the word side of a link of two merged runs.
    pub(super) fn lex_total(&self, (s, i): (&RunTable, usize), (t, j): (&RunTable, usize)) -> u32 {
        match &self.lexicon {
            Some(l) if l.gloss_is_src => t.lex_total[j],
            Some(_) => s.lex_total[i],
            None => 0,
        }
    }

    /// [`Params::link_cost`] of two merged runs whose lexicon price is
    /// `lexicon`, or `None` when `base` plus the cost cannot be below
    /// `best`. The length cost (−ln of a probability, never negative) is
    /// the dearest term and is added last, only when the rest leaves room:
    /// float sums are monotone, so the skip is exact.
    pub(super) fn run_cost_below(
        &self,
        (s, i): (&RunTable, usize),
        (t, j): (&RunTable, usize),
        lexicon: f32,
        best: f32,
        base: f32,
    ) -> Option<f32> {
        let (ss, ts) = (s.strong.get(i), t.strong.get(j));
        let m = score::intersect(ss, ts);
        let names = score::intersect(s.names.get(i), t.names.get(j));
        let tokens = self.tokens.price(m, ss.len() + ts.len() - 2 * m, names);
        let cognates = self.cognates.as_ref().map(|cg| {
            let (sw, tw) = (s.weak.get(i), t.weak.get(j));
            cg.price(score::intersect(sw, tw), sw.len() + tw.len())
        });
        // The terms in the order the whole cost adds them: length, tokens,
        // cognates, lexicon.
        let punct = self.punctuation.cost(s.punct[i], t.punct[j]);
        let sum = |length: f32| {
            let mut c = length + tokens + punct;
            if let Some(x) = cognates {
                c += x;
            }
            if self.lexicon.is_some() {
                c += lexicon;
            }
            c
        };
        if base + sum(0.0) >= best {
            return None;
        }
        Some(sum(self.length.cost_of(s.len[i], t.len[j])))
    }

    /// The calibrated score of a link of two merged runs (see
    /// [`Params::link_score`]) whose lexicon price is `lexicon`; only for
    /// the beads of the final path.
    pub(super) fn run_score(
        &self,
        (s, i): (&RunTable, usize),
        (t, j): (&RunTable, usize),
        lexicon: f32,
        one: bool,
    ) -> f32 {
        let (ss, ts) = (s.strong.get(i), t.strong.get(j));
        let m = score::intersect(ss, ts);
        let names = score::intersect(s.names.get(i), t.names.get(j));
        let terms = LinkTerms {
            length: self.length.cost_of(s.len[i], t.len[j]),
            tokens: self.tokens.price(m, ss.len() + ts.len() - 2 * m, names),
            cognates: self.cognates.as_ref().map_or(0.0, |cg| {
                let (sw, tw) = (s.weak.get(i), t.weak.get(j));
                cg.price(score::intersect(sw, tw), sw.len() + tw.len())
            }),
            lexicon,
        };
        self.calibration.score(&terms, one)
    }

    /// A bound no link between two merged runs (lexicon price `lexicon`,
    /// exact) can cost less than, from their counts of strong tokens
    /// (`a`, `b`) and the smaller count of names, so that the program can
    /// skip pricing bead shapes that cannot win: at most the smaller count
    /// of tokens can be shared, and the difference between the counts is
    /// unmatched whatever is shared.
    pub(super) fn floor_of(&self, a: usize, b: usize, names: usize, lexicon: f32) -> f32 {
        let mut floor = self.tokens.price(a.min(b), a.abs_diff(b), names);
        if let Some(cg) = &self.cognates {
            floor -= cg.weight;
        }
        floor + lexicon
    }
}

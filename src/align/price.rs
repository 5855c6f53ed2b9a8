//! The price of a link, in one place: each term of its cost taken from the
//! run tables ([`Params::run_terms`]), their sum for the program
//! ([`Params::run_cost_below`], with a bound below it for the shapes that
//! cannot win, [`Params::floor_of`]) and the calibrated score of the final
//! path ([`Params::run_score`]). [`Params::link_terms`] prices a bead over
//! sentence features through the same functions.

use super::hits::{MAX_RUN, RowHits};
use super::table::{RunTable, shared_vocabulary};
use super::{PairLexicons, Params};
use crate::score::{self, Features, LinkTerms};

/// A run of merged units: a table and its entry.
type Run<'a> = (&'a RunTable, usize);

impl PairLexicons {
    /// `(gloss, words)` of a pair given as `(src, tgt)`: the side whose
    /// lexicon ids are translations (the lexicons' source language) and
    /// the side whose own content words they explain, which holds the
    /// totals a hit count is a share of. Swapping is its own inverse, so
    /// it also gives `(src, tgt)` back from `(gloss, words)`.
    #[inline]
    pub(super) fn gloss_and_words<T>(&self, src: T, tgt: T) -> (T, T) {
        gloss_and_words(self.gloss_is_src, src, tgt)
    }
}

/// [`PairLexicons::gloss_and_words`] when the gloss side is the source
/// (`gloss_is_src`) or the target.
#[inline]
pub(super) fn gloss_and_words<T>(gloss_is_src: bool, src: T, tgt: T) -> (T, T) {
    if gloss_is_src { (src, tgt) } else { (tgt, src) }
}

impl Params {
    /// The lexicon's price of a link whose word side has `total` content
    /// words of which `hits` are explained (0 without a lexicon or words).
    #[inline]
    pub(super) fn lex_price(&self, total: u32, hits: usize) -> f32 {
        match &self.lexicon {
            Some(l) if total > 0 => l.scorer.price(hits, total),
            _ => 0.0,
        }
    }

    /// The content words of the word side of a link of two merged runs.
    pub(super) fn lex_total(&self, (s, i): Run, (t, j): Run) -> u32 {
        self.lexicon.as_ref().map_or(0, |l| {
            let (_, words) = l.gloss_and_words(s.lex_total[i], t.lex_total[j]);
            words
        })
    }

    /// The lexicon price of linking unit 1 of `s` with unit 1 of `t`, one
    /// sentence (or group) each: the word side's distinct words among the
    /// gloss side's translations.
    pub(super) fn one_lex(&self, s: &RunTable, t: &RunTable) -> f32 {
        let hits = score::intersect(s.lex.get(1), t.lex.get(1));
        self.lex_price(self.lex_total((s, 1), (t, 1)), hits)
    }

    /// The token and cognate terms of a link of two merged runs (the
    /// cognate term `None` unless the pair has one). Inlined into the
    /// program's inner loop, as if written there.
    #[inline(always)]
    fn word_terms(&self, (s, i): Run, (t, j): Run) -> (f32, Option<f32>) {
        let (ss, ts) = (s.invariant.get(i), t.invariant.get(j));
        let m = score::intersect(ss, ts);
        let names = score::intersect(s.names.get(i), t.names.get(j));
        let tokens = self.tokens.price(m, ss.len() + ts.len() - 2 * m, names);
        let cognates = self.cognates.as_ref().map(|cg| {
            let (sw, tw) = (s.cognates.get(i), t.cognates.get(j));
            cg.price(score::intersect(sw, tw), sw.len() + tw.len())
        });
        (tokens, cognates)
    }

    /// The length term of a link of two merged runs.
    #[inline]
    fn length_term(&self, (s, i): Run, (t, j): Run) -> f32 {
        self.length.cost_of(s.len[i], t.len[j])
    }

    /// The cost of a link of two merged runs whose lexicon price is
    /// `lexicon` (without the prior of its shape), or `None` when `base`
    /// plus the cost cannot be below `best`. The length cost (−ln of a
    /// probability, never negative) is the dearest term and is added last,
    /// only when the rest leaves room: float sums are monotone, so the skip
    /// is exact.
    #[inline]
    pub(super) fn run_cost_below(
        &self,
        s: Run,
        t: Run,
        lexicon: f32,
        best: f32,
        base: f32,
    ) -> Option<f32> {
        let (tokens, cognates) = self.word_terms(s, t);
        // The terms in the order the whole cost adds them: length, tokens,
        // punctuation, cognates, lexicon.
        let punct = self.punctuation.cost(s.0.punct[s.1], t.0.punct[t.1]);
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
        Some(sum(self.length_term(s, t)))
    }

    /// The terms of a link of two merged runs whose lexicon price is
    /// `lexicon`: what its calibrated score is computed from.
    pub(super) fn run_terms(&self, s: Run, t: Run, lexicon: f32) -> LinkTerms {
        let (tokens, cognates) = self.word_terms(s, t);
        LinkTerms {
            length: self.length_term(s, t),
            tokens,
            cognates: cognates.unwrap_or(0.0),
            lexicon,
        }
    }

    /// The calibrated score (0 to 1, the probability that the link is
    /// right, see [`crate::score::Calibration`]) of a link of two merged
    /// runs whose lexicon price is `lexicon`; only for the beads of the
    /// final path.
    pub(super) fn run_score(&self, s: Run, t: Run, lexicon: f32, one: bool) -> f32 {
        self.calibration.score(&self.run_terms(s, t, lexicon), one)
    }

    /// A bound no link between two merged runs (lexicon price `lexicon`,
    /// exact) can cost less than, from their counts of strong tokens
    /// (`a`, `b`) and the smaller count of names, so that the program can
    /// skip pricing bead shapes that cannot win: at most the smaller count
    /// of tokens can be shared, and the difference between the counts is
    /// unmatched whatever is shared.
    #[inline]
    pub(super) fn floor_of(&self, a: usize, b: usize, names: usize, lexicon: f32) -> f32 {
        let mut floor = self.tokens.price(a.min(b), a.abs_diff(b), names);
        if let Some(cg) = &self.cognates {
            floor -= cg.weight;
        }
        floor + lexicon
    }

    /// The terms of the bead linking the sentences `src` with the sentences
    /// `tgt` (one [`Features`] each, 1 to 5 a side), as the program prices
    /// it: the same run tables, the same lexicon hits, the same terms.
    ///
    /// # Panics
    ///
    /// When a side is empty or longer than five sentences.
    pub fn link_terms(&self, src: &[Features], tgt: &[Features]) -> LinkTerms {
        let (n, m) = (src.len(), tgt.len());
        assert!(
            (1..=MAX_RUN).contains(&n) && (1..=MAX_RUN).contains(&m),
            "a bead links 1 to {MAX_RUN} sentences a side, not {n}-{m}"
        );
        let (mut s, mut t) = (RunTable::new(src), RunTable::new(tgt));
        shared_vocabulary(&mut s, &mut t);
        let (ms, mt) = (merged(&s, n), merged(&t, m));
        let lexicon = match &self.lexicon {
            Some(l) => {
                let mut row = RowHits::new();
                row.fill(
                    s.vocabulary,
                    &s.lex,
                    &t.lex,
                    n,
                    1,
                    (1, m, m),
                    l.gloss_is_src,
                );
                self.lex_price(self.lex_total((&ms, 1), (&mt, 1)), row.get(m, n, m))
            }
            None => 0.0,
        };
        self.run_terms((&ms, 1), (&mt, 1), lexicon)
    }
}

/// The table holding the run of all `n` units of `units` as entry 1.
fn merged(units: &RunTable, n: usize) -> RunTable {
    let mut t = RunTable::empty();
    t.set_merge(units, n, n);
    t
}

//! The banded dynamic program over beads.
//!
//! [`align`] links a run of source sentences with a run of target sentences
//! by beads of up to [`MAX_RUN`] sentences on a side (1-1, 1-0, 0-1, 2-1,
//! 1-2, 2-2, 3-1, 1-3, 2-3, 3-2, 3-3, 4-1, 1-4, 2-4, 4-2, 5-1, 1-5),
//! minimizing the sum of bead costs: the scorers of [`crate::score`] plus a
//! prior per bead type.
//!
//! Small inputs (an anchored region of a document) get the full table. Large
//! ones (`--lines` input of a million sentences) are aligned coarse to fine,
//! as Vecalign does: consecutive sentences are merged into groups of
//! [`GROUP`], the groups are aligned (recursively), and the fine table is
//! only filled in a band around the coarse path, so cost grows linearly with
//! the number of sentences, not quadratically.

mod dp;
mod hits;

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::lang::Lang;
use crate::lexicon::Lexicon;
use crate::score::{
    self, Calibration, CognateScorer, Features, LengthScorer, LexiconScorer, LinkTerms, Scorer,
    TokenScorer,
};
use dp::{Band, dp};
use hits::MAX_RUN;

/// One link of an alignment: source sentences `src` correspond to target
/// sentences `tgt` (either range may be empty for 1-0 and 0-1 beads).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bead {
    /// Source sentence indices.
    pub src: Range<usize>,
    /// Target sentence indices.
    pub tgt: Range<usize>,
    /// How good the link is, higher is better (0 to 1; 0 for 1-0 and 0-1).
    pub score: f32,
}

/// Bead shapes the program may use, with their prior probability. The
/// shapes past 3-1 and 1-3 are those of translators who split a long
/// sentence at its commas and colons into four or five (literary text,
/// Bertalign's MAC dev set: 2.2 % 1-4, 0.9 % 2-3, 0.3 % 1-5 and 3-2 of the
/// gold beads); their priors are set far below those counts (a tenth of
/// the trial values .002 for 1-4, .001 for 2-3: on the UNv1 hard `--lines`
/// sets without a lexicon those cost .013 strict F1, a tenth nothing), so
/// that they win only on strong evidence, or where a first pass found
/// them often enough to raise them ([`ShapePriors::from_path`]).
const SHAPES: [(usize, usize, f32); 17] = [
    (1, 1, 0.89),
    (1, 0, 0.005),
    (0, 1, 0.005),
    (2, 1, 0.04),
    (1, 2, 0.04),
    (2, 2, 0.006),
    (3, 1, 0.004),
    (1, 3, 0.004),
    (2, 3, 0.0001),
    (3, 2, 0.0001),
    (3, 3, 0.00003),
    (4, 1, 0.0002),
    (1, 4, 0.0002),
    (2, 4, 0.00003),
    (4, 2, 0.00003),
    (5, 1, 0.00005),
    (1, 5, 0.00005),
];

/// The shapes from this index of [`SHAPES`] on are rare: the program
/// bounds their length cost before intersecting any list.
const RARE: usize = 8;

/// The longest run merged beforehand (see [`Runs`]); longer ones are
/// merged on demand, for the cells whose bound leaves them a chance.
const MERGED: usize = 3;

// Every shape fits the rows and columns the lexicon term looks back over.
const _: () = {
    let mut k = 0;
    while k < SHAPES.len() {
        assert!(SHAPES[k].0 <= MAX_RUN && SHAPES[k].1 <= MAX_RUN);
        k += 1;
    }
};

/// The lexicon price of linking the first unit of `src` with the first of
/// `tgt`: the word side's distinct words among the gloss side's translations.
fn one_lex(src: &RunTable, tgt: &RunTable, params: &Params) -> f32 {
    let hits = score::intersect(src.lex.get(1), tgt.lex.get(1));
    params.lex_price(params.lex_total((src, 1), (tgt, 1)), hits)
}

/// Sentences merged into one group at each coarse level.
pub const GROUP: usize = 8;

/// Tables up to this many cells are filled completely.
const FULL_CELLS: usize = 1 << 12;

/// The share of length spread that does not shrink with length.
const RELATIVE: f32 = 0.1;

/// The lexicons of one language pair, all in one direction: their
/// translations are pooled (a dictionary and a table learned from the
/// first pass are kept apart and added when a sentence is looked up).
#[derive(Clone, Debug)]
pub struct PairLexicons {
    /// The tables.
    pub tables: Vec<Arc<Lexicon>>,
    /// How much explained words weigh.
    pub scorer: LexiconScorer,
    /// Whether the source side holds the keys (and the target side the
    /// words they explain), as zh → en does; else the other way round.
    pub gloss_is_src: bool,
}

impl PairLexicons {
    fn refs(&self) -> Vec<&Lexicon> {
        self.tables.iter().map(|t| &**t).collect()
    }
}

/// Everything the program needs for one language pair.
#[derive(Clone, Debug)]
pub struct Params {
    /// Source language.
    pub src_lang: Lang,
    /// Target language.
    pub tgt_lang: Lang,
    /// The length model.
    pub length: LengthScorer,
    /// Shared numbers, symbols, dates and names.
    pub tokens: TokenScorer,
    /// Cognates, for two Latin-script languages.
    pub cognates: Option<CognateScorer>,
    /// The bilingual lexicons of the pair and how much they weigh.
    pub lexicon: Option<PairLexicons>,
    /// Extra cost added to every 1-0 and 0-1 bead (beyond its prior).
    pub skip_penalty: f32,
    /// How bead scores are computed from the link's terms.
    pub calibration: Calibration,
    /// The prior of each bead shape.
    pub priors: ShapePriors,
    /// Whether a second pass ([`align_learning`], [`align_near`]) takes
    /// its shape priors from the earlier pass's beads
    /// ([`ShapePriors::from_path`]); else it keeps `priors`.
    pub adapt_priors: bool,
}

/// The prior probability of each bead shape the program may use: the
/// defaults, or re-estimated from an earlier pass over the same text (a
/// novel split into many more 1-2 and 1-4 beads than a resolution).
#[derive(Clone, Debug, PartialEq)]
pub struct ShapePriors {
    /// Per shape of `SHAPES`, −ln of its probability.
    cost: [f32; SHAPES.len()],
}

impl Default for ShapePriors {
    fn default() -> ShapePriors {
        ShapePriors {
            cost: SHAPES.map(|s| -s.2.ln()),
        }
    }
}

/// How many beads the default priors weigh as when they are re-estimated
/// from a path: a path much shorter barely moves them. Chosen on the MAC
/// dev set (50: strict F1 .779, 200: .770, 1000: .747); the UNv1 hard
/// `--lines` sets gain too (.946 → .965 at 50, .962 at 200).
const PRIOR_WEIGHT: f32 = 50.0;

impl ShapePriors {
    /// The defaults without the long shapes (up to 2-2, 3-1 and 1-3).
    pub fn short_only() -> ShapePriors {
        let mut p = ShapePriors::default();
        p.cost[RARE..].fill(f32::INFINITY);
        p
    }

    /// The priors re-estimated from the beads of an earlier pass: each
    /// shape's share of `path`, smoothed towards its default as if the
    /// defaults had been seen over [`PRIOR_WEIGHT`] beads.
    pub fn from_path(path: &[Bead]) -> ShapePriors {
        let mut count = [0f32; SHAPES.len()];
        for b in path {
            let shape = (b.src.len(), b.tgt.len());
            if let Some(k) = SHAPES.iter().position(|s| (s.0, s.1) == shape) {
                count[k] += 1.0;
            }
        }
        let total: f32 = count.iter().sum();
        let mut cost = [0f32; SHAPES.len()];
        for (k, c) in cost.iter_mut().enumerate() {
            let p = (count[k] + PRIOR_WEIGHT * SHAPES[k].2) / (total + PRIOR_WEIGHT);
            *c = -p.ln();
        }
        ShapePriors { cost }
    }
}

impl Params {
    /// Parameters for `src_lang` → `tgt_lang`, with the length ratio estimated
    /// from the texts to be aligned (total target characters per source
    /// character), and the variance of the length model scaled to it.
    pub fn estimate(src_lang: Lang, tgt_lang: Lang, src: &[&str], tgt: &[&str]) -> Params {
        let ls: f32 = src.iter().map(|s| score::length(s, src_lang)).sum();
        let lt: f32 = tgt.iter().map(|s| score::length(s, tgt_lang)).sum();
        let ratio = if ls >= 20.0 && lt >= 20.0 {
            lt / ls
        } else {
            default_ratio(src_lang) / default_ratio(tgt_lang)
        };
        Params::with_ratio(src_lang, tgt_lang, ratio)
    }

    /// Parameters with a given length ratio (target per source character).
    pub fn with_ratio(src_lang: Lang, tgt_lang: Lang, ratio: f32) -> Params {
        let ratio = ratio.clamp(0.05, 20.0);
        Params {
            src_lang,
            tgt_lang,
            // Gale–Church found a variance of 6.8 for a ratio near 1; the
            // spread of target lengths grows with the ratio.
            length: LengthScorer {
                ratio,
                variance: 6.8 * ratio.max(1.0 / ratio),
                relative: RELATIVE,
            },
            tokens: TokenScorer {
                hit: 1.0,
                miss: 0.7,
            },
            cognates: (src_lang.is_latin() && tgt_lang.is_latin())
                .then_some(CognateScorer { weight: 2.0 }),
            lexicon: None,
            skip_penalty: 0.0,
            calibration: Calibration::FITTED,
            priors: ShapePriors::default(),
            adapt_priors: true,
        }
    }

    /// The same parameters with a bilingual lexicon as one more scorer. It is
    /// used only when its languages are this pair's (in either direction).
    pub fn with_lexicon(self, lexicon: Arc<Lexicon>) -> Params {
        self.with_lexicons(vec![lexicon])
    }

    /// The same parameters with the lexicons of this pair among `tables`
    /// (the others are left out), pooled: those in the direction of the
    /// first that fits; tables the other way round are left out, never
    /// mixed.
    pub fn with_lexicons(mut self, tables: Vec<Arc<Lexicon>>) -> Params {
        let fitting: Vec<Arc<Lexicon>> = tables
            .into_iter()
            .filter(|t| t.fits(self.src_lang, self.tgt_lang))
            .collect();
        let Some(first) = fitting.first() else {
            return self;
        };
        let gloss_is_src = first.src_lang == Some(self.src_lang);
        let src = first.src_lang;
        let tables: Vec<Arc<Lexicon>> = fitting.into_iter().filter(|t| t.src_lang == src).collect();
        // Weights tuned on the UNv1 dev set (CC-CEDICT) and on SDG
        // documents (learned); see tests/quality.rs. A dictionary among
        // the tables weighs as a dictionary.
        let scorer = if tables.iter().all(|t| t.is_learned()) {
            LexiconScorer {
                weight: 3.0,
                baseline: 0.15,
            }
        } else {
            LexiconScorer {
                weight: 8.0,
                baseline: 0.05,
            }
        };
        self.lexicon = Some(PairLexicons {
            tables,
            scorer,
            gloss_is_src,
        });
        self
    }

    /// Features of source sentences (in parallel, in order).
    pub fn src_features(&self, texts: &[&str]) -> Vec<Features> {
        self.features(texts, self.src_lang)
    }

    /// Features of target sentences (in parallel, in order).
    pub fn tgt_features(&self, texts: &[&str]) -> Vec<Features> {
        self.features(texts, self.tgt_lang)
    }

    fn features(&self, texts: &[&str], lang: Lang) -> Vec<Features> {
        let lex = self
            .lexicon
            .as_ref()
            .map(PairLexicons::refs)
            .unwrap_or_default();
        let cognates = self.cognates.is_some();
        if texts.len() < 256 {
            texts
                .iter()
                .map(|t| Features::build(t, lang, &lex, cognates))
                .collect()
        } else {
            texts
                .par_iter()
                .map(|t| Features::build(t, lang, &lex, cognates))
                .collect()
        }
    }

    /// The terms of the cost of linking two non-empty runs.
    pub fn link_terms(&self, src: &[Features], tgt: &[Features]) -> LinkTerms {
        LinkTerms {
            length: self.length.cost(src, tgt),
            tokens: self.tokens.cost(src, tgt),
            cognates: self.cognates.as_ref().map_or(0.0, |c| c.cost(src, tgt)),
            lexicon: self
                .lexicon
                .as_ref()
                .map_or(0.0, |l| l.scorer.cost(src, tgt)),
        }
    }

    /// The calibrated score (0 to 1, the probability that the link is
    /// right, see [`Calibration`]) of a bead linking the sentences `src`
    /// with the sentences `tgt` (one [`Features`] per sentence).
    pub fn link_score(&self, src: &[Features], tgt: &[Features]) -> f32 {
        let one_to_one = src.len() == 1 && tgt.len() == 1;
        self.calibration
            .score(&self.link_terms(src, tgt), one_to_one)
    }

    /// Cost of linking two non-empty runs, without the prior of the shape.
    pub fn link_cost(&self, src: &[Features], tgt: &[Features]) -> f32 {
        let mut c = self.length.cost(src, tgt) + self.tokens.cost(src, tgt);
        if let Some(cg) = &self.cognates {
            c += cg.cost(src, tgt);
        }
        if let Some(lx) = &self.lexicon {
            c += lx.scorer.cost(src, tgt);
        }
        c
    }
}

/// Rough characters per unit of meaning, for when a text is too short to
/// estimate the ratio from.
fn default_ratio(lang: Lang) -> f32 {
    match lang {
        Lang::Zh => 1.0,
        Lang::Ar => 2.6,
        Lang::En => 2.9,
        Lang::Ru => 3.2,
        Lang::Es | Lang::Fr => 3.3,
    }
}

/// The score (0 to 1) of a link of the given cost.
pub fn score_of(cost: f32) -> f32 {
    1.0 / (1.0 + (cost - 3.0).exp())
}

/// Aligns source sentences with target sentences. The beads cover every
/// sentence of both sides exactly once, in order.
pub fn align(src: &[&str], tgt: &[&str], params: &Params) -> Vec<Bead> {
    // Features are built a chunk at a time and kept only in flat form, so a
    // million-sentence input never holds a `Features` per sentence.
    let (mut s, mut t) = tables(src, tgt, params);
    shared_vocabulary(&mut s, &mut t);
    align_runs(&s, &t, params, PIECE)
}

/// The tables of both sides. With a lexicon, the side of its words comes
/// first, and the other keeps only the translations among those words
/// (the rest can never be a hit): the translations of a dictionary are
/// many, most of them not in a given text.
fn tables(src: &[&str], tgt: &[&str], params: &Params) -> (RunTable, RunTable) {
    let Some(gloss_src) = params.lexicon.as_ref().map(|l| l.gloss_is_src) else {
        return rayon::join(
            || RunTable::of_texts(src, params.src_lang, params, None),
            || RunTable::of_texts(tgt, params.tgt_lang, params, None),
        );
    };
    let (gloss, words) = if gloss_src {
        ((src, params.src_lang), (tgt, params.tgt_lang))
    } else {
        ((tgt, params.tgt_lang), (src, params.src_lang))
    };
    let w = RunTable::of_texts(words.0, words.1, params, None);
    let keep: std::collections::HashSet<u32, crate::lexicon::IdHash> =
        w.lex.data.iter().copied().collect();
    let g = RunTable::of_texts(gloss.0, gloss.1, params, Some(&keep));
    if gloss_src { (g, w) } else { (w, g) }
}

/// [`align`] in a band around `path`, beads over the same sentences from
/// an earlier pass (a second pass with a learned lexicon): no coarse
/// level, the fine table only near the path, and the shape priors
/// re-estimated from the path ([`ShapePriors::from_path`]) unless
/// [`Params::adapt_priors`] is off.
pub fn align_near(src: &[&str], tgt: &[&str], params: &Params, path: &[Bead]) -> Vec<Bead> {
    let (mut s, mut t) = tables(src, tgt, params);
    shared_vocabulary(&mut s, &mut t);
    let mut params = params.clone();
    if params.adapt_priors {
        params.priors = ShapePriors::from_path(path);
    }
    align_runs_near(&s, &t, &params, path, PIECE)
}

/// Aligns twice over one set of features: `learn` gets the first pass's
/// beads and may give a lexicon (learned from them) for a second pass,
/// which reuses every feature but the lexicon ids of the side it changes,
/// takes its shape priors from the first pass's beads
/// ([`ShapePriors::from_path`]) and is filled in a band around the first
/// pass's path. Returns the second pass's beads, or the first's when
/// nothing was learned.
pub fn align_learning(
    src: &[&str],
    tgt: &[&str],
    params: &Params,
    learn: impl FnOnce(&[Bead]) -> Option<Arc<Lexicon>>,
) -> Vec<Bead> {
    let (first, pass) = align_once(src, tgt, params);
    match learn(&first) {
        Some(learned) => pass.again(src, tgt, params, &[learned], &first),
        None => first,
    }
}

/// The features of a pair after a first pass ([`align_once`]), kept for a
/// second pass with more lexicons ([`Pass::again`]): a batch learns its
/// lexicon from every job's first pass, then aligns each job again
/// without building its features twice.
pub struct Pass {
    s: RunTable,
    t: RunTable,
    /// The word side's lexicon lists as looked up (before renumbering).
    words: Option<Lists<u32>>,
    /// Dense id → id of the first pass's shared vocabulary.
    common: Vec<u32>,
}

impl std::fmt::Debug for Pass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pass")
            .field("src_sentences", &self.s.runs())
            .field("tgt_sentences", &self.t.runs())
            .finish()
    }
}

/// [`align`], keeping the features for a second pass ([`Pass::again`]).
pub fn align_once(src: &[&str], tgt: &[&str], params: &Params) -> (Vec<Bead>, Pass) {
    let (mut s, mut t) = tables(src, tgt, params);
    // The first pass keeps only the ids both sides share, renumbered. The
    // word side's own words are kept as they were (a learned lexicon may
    // explain words no dictionary did); the gloss side's translations of
    // words the other side lacks stay useless, so its lists are mapped back.
    let words = match params.lexicon.as_ref().map(|l| l.gloss_is_src) {
        Some(true) => Some(t.lex.clone()),
        Some(false) => Some(s.lex.clone()),
        None => None,
    };
    let common = shared_vocabulary(&mut s, &mut t);
    let beads = align_runs(&s, &t, params, PIECE);
    (
        beads,
        Pass {
            s,
            t,
            words,
            common,
        },
    )
}

impl Pass {
    /// The second pass over the same sentences (`src`, `tgt`, aligned
    /// first under `params` into `path`), with the `learned` tables added
    /// to the pair's lexicons: only the lexicon ids of the side they
    /// change are looked up again, the shape priors are re-estimated from
    /// `path` ([`ShapePriors::from_path`], unless [`Params::adapt_priors`]
    /// is off), and the table is filled in a band around `path`.
    pub fn again(
        self,
        src: &[&str],
        tgt: &[&str],
        params: &Params,
        learned: &[Arc<Lexicon>],
        path: &[Bead],
    ) -> Vec<Bead> {
        let Pass {
            mut s,
            mut t,
            words,
            common,
        } = self;
        let mut tables = params
            .lexicon
            .as_ref()
            .map(|l| l.tables.clone())
            .unwrap_or_default();
        tables.extend(learned.iter().cloned());
        let mut second = params.clone();
        second.lexicon = None;
        if params.adapt_priors {
            second.priors = ShapePriors::from_path(path);
        }
        let second = second.with_lexicons(tables);
        let gloss_src = params.lexicon.as_ref().map(|l| l.gloss_is_src);
        if let (Some(gloss_src), Some(words)) = (gloss_src, words) {
            let (gloss, word) = if gloss_src {
                (&mut s, &mut t)
            } else {
                (&mut t, &mut s)
            };
            gloss
                .lex
                .data
                .iter_mut()
                .for_each(|d| *d = common[*d as usize]);
            word.lex = words;
        }
        rayon::join(
            || s.relex(src, params.src_lang, params, &second),
            || t.relex(tgt, params.tgt_lang, params, &second),
        );
        shared_vocabulary(&mut s, &mut t);
        align_runs_near(&s, &t, &second, path, PIECE)
    }
}

/// [`align`] over sentence features computed beforehand.
pub fn align_features(src: &[Features], tgt: &[Features], params: &Params) -> Vec<Bead> {
    let (mut s, mut t) = (RunTable::new(src), RunTable::new(tgt));
    shared_vocabulary(&mut s, &mut t);
    align_runs(&s, &t, params, PIECE)
}

/// Keeps in both sides' lexicon lists only the ids both sides hold (an id
/// one side lacks can never be a hit), renumbered `0..n` in the order of
/// the ids, so lists stay sorted and the program can index by id.
/// Returns the ids in their order (dense id → id).
fn shared_vocabulary(s: &mut RunTable, t: &mut RunTable) -> Vec<u32> {
    use std::collections::{HashMap, HashSet};
    type Ids = crate::lexicon::IdHash;
    if s.lex.data.is_empty() || t.lex.data.is_empty() {
        s.lex.clear_lists();
        t.lex.clear_lists();
        return Vec::new();
    }
    let (a, b) = rayon::join(
        || s.lex.data.iter().copied().collect::<HashSet<u32, Ids>>(),
        || t.lex.data.iter().copied().collect::<HashSet<u32, Ids>>(),
    );
    let (small, large) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let mut common: Vec<u32> = small
        .iter()
        .copied()
        .filter(|x| large.contains(x))
        .collect();
    common.sort_unstable();
    let dense: HashMap<u32, u32, Ids> = common
        .iter()
        .enumerate()
        .map(|(n, &id)| (id, n as u32))
        .collect();
    rayon::join(|| s.lex.renumber(&dense), || t.lex.renumber(&dense));
    s.vocabulary = common.len();
    t.vocabulary = common.len();
    common
}

/// Sentences per independent piece of a long alignment: past this many
/// source rows, the fine table is cut at a confident point of the coarse
/// path and the pieces are filled in parallel.
const PIECE: usize = 4096;

/// Aligns two tables of single sentences (or groups, at coarse levels),
/// in pieces of about `piece` rows.
fn align_runs(src: &RunTable, tgt: &RunTable, params: &Params, piece: usize) -> Vec<Bead> {
    let (n, m) = (src.runs(), tgt.runs());
    if n == 0 || m == 0 {
        let mut beads: Vec<Bead> = (0..n).map(|i| skip(i..i + 1, 0..0)).collect();
        beads.extend((0..m).map(|j| skip(n..n, j..j + 1)));
        return beads;
    }
    if n == 1 && m == 1 {
        // One sentence on each side of a region that corresponds (by its
        // label, or by lying between two anchors): they are linked, however
        // badly they match; the score says how badly.
        return vec![Bead {
            src: 0..1,
            tgt: 0..1,
            score: params.run_score((src, 1), (tgt, 1), one_lex(src, tgt, params), true),
        }];
    }
    if (n + 1).saturating_mul(m + 1) <= FULL_CELLS {
        let (rs, rt) = (Runs::new(src), Runs::new(tgt));
        let band = Band::full(n, m);
        if let Some(b) = dp(&rs, &rt, params, &band, (0, 0)) {
            return b;
        }
    }
    // Coarse level: groups of GROUP sentences.
    let coarse = align_runs(&src.grouped(GROUP), &tgt.grouped(GROUP), params, piece);
    let guide = Guide {
        path: &coarse,
        g: GROUP,
        margin: GROUP / 2,
    };
    refine(src, tgt, params, &guide, piece)
}

/// A path the fine table is filled around: beads over groups of `g`
/// sentences (a coarse level), or over sentences (`g` = 1: an earlier
/// pass), and how far from it the band reaches at first.
struct Guide<'a> {
    path: &'a [Bead],
    g: usize,
    margin: usize,
}

/// How far (in sentences) a second pass's band first reaches from the
/// first pass's path; widened where the path's end cannot be reached.
/// Two (the band reaches two rows up and down, then two columns either
/// side, so about nine cells a row) gives the very outputs four gave on
/// the UNv1 dev hard `--lines` sets and Bertalign's MAC dev set (strict
/// F1 .9613 and .7844 with either), for a second pass that costs about
/// half as much; one lowers MAC dev to .7824.
const NEAR_MARGIN: usize = 2;

/// Aligns in a band around `path` (beads over the same sentences, from an
/// earlier pass with other parameters): the fine table only, no coarse
/// level. Small inputs get the full table, as [`align`] gives them.
fn align_runs_near(
    src: &RunTable,
    tgt: &RunTable,
    params: &Params,
    path: &[Bead],
    piece: usize,
) -> Vec<Bead> {
    let (n, m) = (src.runs(), tgt.runs());
    let ends = path.last().map_or((0, 0), |b| (b.src.end, b.tgt.end));
    if (n + 1).saturating_mul(m + 1) <= FULL_CELLS || ends != (n, m) {
        return align_runs(src, tgt, params, piece);
    }
    let guide = Guide {
        path,
        g: 1,
        margin: NEAR_MARGIN,
    };
    refine(src, tgt, params, &guide, piece)
}

/// The fine table around `guide`, in pieces of about `piece` rows filled
/// in parallel.
fn refine(
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
const OVERLAP_CORNERS: usize = 32;

/// Appends `next` (a path starting before the end of `path`) to `path` at
/// the corner both share nearest to `cut`. Without a shared corner, the
/// stretch between the two paths' corners around the overlap is aligned
/// again with `fill`.
fn join(
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
fn corners(coarse: &[Bead], n: usize, m: usize, g: usize) -> Vec<(usize, usize)> {
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
fn cuts(corners: &[(usize, usize)], piece: usize) -> Vec<usize> {
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
fn fine_piece(
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

fn skip(src: Range<usize>, tgt: Range<usize>) -> Bead {
    Bead {
        src,
        tgt,
        score: 0.0,
    }
}

/// Sorted lists of many runs, back to back: run `r`'s list is
/// `data[end[r - 1]..end[r]]`. One allocation for all of them, where a
/// [`Features`] per run would hold four.
#[derive(Clone, Default)]
struct Lists<T> {
    data: Vec<T>,
    end: Vec<u32>,
}

impl Lists<u32> {
    /// Appends one more run: the given sorted 64-bit hash lists, folded to
    /// 32 bits, as one sorted multiset.
    fn push_folded<'a>(&mut self, parts: impl Iterator<Item = &'a [u64]>) {
        let at = self.data.len();
        for p in parts {
            self.data.extend(p.iter().map(|&h| (h ^ (h >> 32)) as u32));
        }
        self.data[at..].sort_unstable();
        self.end.push(self.data.len() as u32);
    }
}

impl Lists<u32> {
    /// Keeps the ids `dense` maps, mapped (in place).
    fn renumber(&mut self, dense: &std::collections::HashMap<u32, u32, crate::lexicon::IdHash>) {
        let mut w = 0;
        let mut start = 0;
        for r in 0..self.end.len() {
            let end = self.end[r] as usize;
            for k in start..end {
                if let Some(&d) = dense.get(&self.data[k]) {
                    self.data[w] = d;
                    w += 1;
                }
            }
            start = end;
            self.end[r] = w as u32;
        }
        self.data.truncate(w);
        self.data.shrink_to_fit();
    }
}

impl<T: Copy + Ord> Lists<T> {
    fn get(&self, r: usize) -> &[T] {
        let start = if r == 0 { 0 } else { self.end[r - 1] as usize };
        &self.data[start..self.end[r] as usize]
    }

    /// Appends one more run: the given sorted lists, as one sorted list
    /// (a multiset; a set when `dedup`).
    fn push<'a>(&mut self, parts: impl Iterator<Item = &'a [T]>, dedup: bool)
    where
        T: 'a,
    {
        let at = self.data.len();
        let mut count = 0;
        for p in parts {
            self.data.extend_from_slice(p);
            count += 1;
        }
        if count > 1 {
            // A few sorted runs back to back: the stable sort finds the runs
            // and merges them in linear time.
            self.data[at..].sort();
        }
        if dedup {
            let mut w = at;
            for r in at..self.data.len() {
                if w == at || self.data[w - 1] != self.data[r] {
                    self.data[w] = self.data[r];
                    w += 1;
                }
            }
            self.data.truncate(w);
        }
        self.end.push(self.data.len() as u32);
    }

    /// Empties every run's list (the runs stay).
    fn clear_lists(&mut self) {
        self.data.clear();
        self.end.iter_mut().for_each(|e| *e = 0);
    }

    fn reserve(&mut self, runs: usize, data: usize) {
        self.end.reserve_exact(runs);
        self.data.reserve_exact(data);
    }

    fn shrink_to_fit(&mut self) {
        self.end.shrink_to_fit();
        self.data.shrink_to_fit();
    }
}

/// What the scorers read of a sequence of runs of consecutive sentences, in
/// flat arrays. Entry `0` is empty; entry `i` is the `i`-th run (a sentence,
/// a group of sentences at a coarse level, or the run of `d` units ending at
/// unit `i`). Runs are merged as [`Features::merge`] merges, so a link
/// prices the same as over [`Features`].
#[derive(Default)]
struct RunTable {
    /// Lexicon ids lie in `0..vocabulary` (see [`shared_vocabulary`]).
    vocabulary: usize,
    len: Vec<f32>,
    lex_total: Vec<u32>,
    // Token hashes folded to 32 bits: half the memory of a million-sentence
    // input; two tokens of one sentence pair meet by accident about once in
    // four billion.
    strong: Lists<u32>,
    names: Lists<u32>,
    weak: Lists<u32>,
    lex: Lists<u32>,
}

impl RunTable {
    /// A table with only the empty entry 0.
    fn empty() -> RunTable {
        let mut t = RunTable::default();
        t.push_parts(&[], false);
        t
    }

    /// The table of the sentences `f`, one entry each (runs of several are
    /// [`RunTable::runs_of`]).
    fn new(f: &[Features]) -> RunTable {
        let mut t = RunTable::empty();
        t.push_sentences(f);
        t
    }

    /// One entry per sentence of `f`, appended.
    fn push_sentences(&mut self, f: &[Features]) {
        for x in f {
            self.push_parts(std::slice::from_ref(x), false);
        }
    }

    /// The sentences' table, their features built in parallel a chunk at a time.
    /// `keep`: the lexicon ids to keep (all when `None`).
    fn of_texts(
        texts: &[&str],
        lang: Lang,
        params: &Params,
        keep: Option<&std::collections::HashSet<u32, crate::lexicon::IdHash>>,
    ) -> RunTable {
        const CHUNK: usize = 2048;
        let mut t = RunTable::empty();
        t.reserve(texts.len());
        for c in texts.chunks(CHUNK) {
            // Built in parallel inside the chunk, then flattened in order.
            let mut f = params.features(c, lang);
            if let Some(keep) = keep {
                for x in &mut f {
                    x.lex.retain(|id| keep.contains(id));
                }
            }
            t.push_sentences(&f);
        }
        t.shrink_to_fit();
        t
    }

    /// The lexicon ids of these sentences (`texts`, in `lang`) under
    /// `after`'s lexicons, where they were looked up under `before`'s:
    /// the content words of a target side stay; a source side adds the
    /// translations of the tables `after` adds; anything else is looked up
    /// again.
    fn relex(&mut self, texts: &[&str], lang: Lang, before: &Params, after: &Params) {
        // Some(true): the side holds the keys; Some(false): the words.
        let role = |p: &Params| {
            p.lexicon
                .as_ref()
                .map(|l| l.tables[0].src_lang == Some(lang))
        };
        let added: Vec<&Lexicon> = match (role(before), role(after)) {
            (Some(false), Some(false)) => return,
            (Some(true), Some(true)) => {
                let old = &before.lexicon.as_ref().expect("a role").tables;
                let added: Vec<&Lexicon> = after
                    .lexicon
                    .as_ref()
                    .expect("a role")
                    .tables
                    .iter()
                    .filter(|t| !old.iter().any(|o| Arc::ptr_eq(o, t)))
                    .map(|t| &**t)
                    .collect();
                if added.is_empty() {
                    return;
                }
                added
            }
            _ => {
                // Looked up again from nothing: every sentence gets a list
                // (an empty one when `after` has no lexicon for this side).
                let mut fresh = Lists::default();
                fresh.reserve(texts.len() + 1, 0);
                fresh.push(std::iter::empty(), false);
                self.lex = fresh;
                self.lex_total.iter_mut().for_each(|x| *x = 0);
                after
                    .lexicon
                    .as_ref()
                    .map(PairLexicons::refs)
                    .unwrap_or_default()
            }
        };
        const CHUNK: usize = 2048;
        let mut lists = Lists::default();
        lists.reserve(self.lex.end.len(), self.lex.data.len());
        lists.push(std::iter::empty(), false);
        for (c, chunk) in texts.chunks(CHUNK).enumerate() {
            let found: Vec<(Vec<u32>, u32)> = chunk
                .par_iter()
                .enumerate()
                .map(|(k, text)| {
                    let mut f = Features::default();
                    f.set_lex(text, lang, &added);
                    // Entry 0 is the empty run: sentence `r` is entry `r + 1`.
                    let r = c * CHUNK + k + 1;
                    if r < self.lex.end.len() {
                        f.lex.extend_from_slice(self.lex.get(r));
                        f.lex.sort_unstable();
                        f.lex.dedup();
                    }
                    (f.lex, f.lex_total)
                })
                .collect();
            for (k, (ids, total)) in found.into_iter().enumerate() {
                lists.push(std::iter::once(&ids[..]), false);
                self.lex_total[c * CHUNK + k + 1] += total;
            }
        }
        lists.shrink_to_fit();
        self.lex = lists;
    }

    /// Room for `runs` more runs (lists grow as they come).
    fn reserve(&mut self, runs: usize) {
        self.len.reserve_exact(runs);
        self.lex_total.reserve_exact(runs);
        self.strong.reserve(runs, 0);
        self.names.reserve(runs, 0);
        self.weak.reserve(runs, 0);
        self.lex.reserve(runs, 0);
    }

    fn shrink_to_fit(&mut self) {
        self.strong.shrink_to_fit();
        self.names.shrink_to_fit();
        self.weak.shrink_to_fit();
        self.lex.shrink_to_fit();
    }

    fn push_parts(&mut self, part: &[Features], dedup_lex: bool) {
        let mut len = 0.0;
        let mut lex_total = 0;
        for p in part {
            len += p.len;
            lex_total += p.lex_total;
        }
        self.len.push(len);
        self.lex_total.push(lex_total);
        self.strong.push_folded(part.iter().map(|p| &p.strong[..]));
        self.names.push_folded(part.iter().map(|p| &p.names[..]));
        self.weak.push_folded(part.iter().map(|p| &p.weak[..]));
        self.lex.push(part.iter().map(|p| &p.lex[..]), dedup_lex);
    }

    /// Number of runs (entries after the empty one).
    fn runs(&self) -> usize {
        self.len.len() - 1
    }

    /// A table whose entry `r + 1` merges this table's entries `parts[r]`.
    /// `width` is how many entries a part spans at most, for sizing.
    /// `lex`: whether to merge the lexicon ids too (groups at a coarse
    /// level do; runs of a few sentences do not, the program reads their
    /// sentences' ids, see [`hits`]).
    fn merged(
        &self,
        parts: impl ExactSizeIterator<Item = Range<usize>>,
        width: usize,
        lex: bool,
    ) -> RunTable {
        let mut t = RunTable::empty();
        t.vocabulary = self.vocabulary;
        let runs = parts.len();
        t.len.reserve_exact(runs);
        t.lex_total.reserve_exact(runs);
        t.strong.reserve(runs, self.strong.data.len() * width);
        t.names.reserve(runs, self.names.data.len() * width);
        t.weak.reserve(runs, self.weak.data.len() * width);
        if lex {
            t.lex.reserve(runs, self.lex.data.len() * width);
        }
        for r in parts {
            let mut len = 0.0;
            let mut lex_total = 0;
            for e in r.clone() {
                len += self.len[e];
                lex_total += self.lex_total[e];
            }
            t.len.push(len);
            t.lex_total.push(lex_total);
            t.strong.push(r.clone().map(|e| self.strong.get(e)), false);
            t.names.push(r.clone().map(|e| self.names.get(e)), false);
            t.weak.push(r.clone().map(|e| self.weak.get(e)), false);
            if lex {
                t.lex.push(r.map(|e| self.lex.get(e)), true);
            } else {
                t.lex.push(std::iter::empty(), false);
            }
        }
        t.shrink_to_fit();
        t
    }

    /// Makes this table (entry 0 and one run) hold the run of `from`'s
    /// entries `i + 1 - d..=i` as entry 1, merged as [`RunTable::merged`]
    /// merges (without lexicon ids).
    fn set_merge(&mut self, from: &RunTable, i: usize, d: usize) {
        let r = i + 1 - d..i + 1;
        for l in [
            &mut self.strong,
            &mut self.names,
            &mut self.weak,
            &mut self.lex,
        ] {
            l.data.clear();
            l.end.truncate(1);
        }
        self.len.truncate(1);
        self.lex_total.truncate(1);
        let mut len = 0.0;
        let mut lex_total = 0;
        for e in r.clone() {
            len += from.len[e];
            lex_total += from.lex_total[e];
        }
        self.len.push(len);
        self.lex_total.push(lex_total);
        self.strong
            .push(r.clone().map(|e| from.strong.get(e)), false);
        self.names.push(r.clone().map(|e| from.names.get(e)), false);
        self.weak.push(r.map(|e| from.weak.get(e)), false);
        self.lex.push(std::iter::empty(), false);
    }

    /// Consecutive runs of `g` taken as one, for the coarse level.
    fn grouped(&self, g: usize) -> RunTable {
        let n = self.runs();
        self.merged(
            (0..n.div_ceil(g)).map(|k| k * g + 1..((k + 1) * g).min(n) + 1),
            1,
            true,
        )
    }

    /// The runs of `d` consecutive entries ending at each entry (empty
    /// where fewer than `d` precede).
    fn runs_of(&self, d: usize) -> RunTable {
        let n = self.runs();
        self.merged(
            (1..n + 1).map(|i| if i < d { 0..0 } else { i + 1 - d..i + 1 }),
            d,
            false,
        )
    }
}

/// The runs of one to three consecutive sentences ending at each position,
/// merged once, so that pricing a 2-1 or 1-3 bead is as cheap as pricing a
/// 1-1 bead.
struct Runs<'a> {
    one: &'a RunTable,
    two: RunTable,
    three: RunTable,
}

impl<'a> Runs<'a> {
    fn new(one: &'a RunTable) -> Runs<'a> {
        let (two, three) = rayon::join(|| one.runs_of(2), || one.runs_of(3));
        Runs { one, two, three }
    }

    /// Run `i - d..i` (1 ≤ d ≤ 3, d ≤ i) as (table, entry).
    fn get(&self, i: usize, d: usize) -> (&RunTable, usize) {
        let t = match d {
            1 => self.one,
            2 => &self.two,
            _ => &self.three,
        };
        (t, i)
    }

    /// Run `i - d..i` (1 ≤ d ≤ [`MAX_RUN`], d ≤ i) as (table, entry): from
    /// the merged tables, or merged into `scratch` when longer.
    fn side<'s>(&'s self, i: usize, d: usize, scratch: &'s mut RunTable) -> (&'s RunTable, usize) {
        if d <= MERGED {
            return self.get(i, d);
        }
        scratch.set_merge(self.one, i, d);
        (scratch, 1)
    }
}

impl Params {
    /// The lexicon's price of a link whose word side has `total` content
    /// words of which `hits` are explained (0 without a lexicon or words).
    fn lex_price(&self, total: u32, hits: usize) -> f32 {
        match &self.lexicon {
            Some(l) if total > 0 => l.scorer.price(hits, total),
            _ => 0.0,
        }
    }

    /// The content words of the word side of a link of two merged runs.
    fn lex_total(&self, (s, i): (&RunTable, usize), (t, j): (&RunTable, usize)) -> u32 {
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
    fn run_cost_below(
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
        let sum = |length: f32| {
            let mut c = length + tokens;
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
    fn run_score(
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
    fn floor_of(&self, a: usize, b: usize, names: usize, lexicon: f32) -> f32 {
        let mut floor = self.tokens.price(a.min(b), a.abs_diff(b), names);
        if let Some(cg) = &self.cognates {
            floor -= cg.weight;
        }
        floor + lexicon
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covers(beads: &[Bead], n: usize, m: usize) -> bool {
        let (mut i, mut j) = (0, 0);
        for b in beads {
            if b.src.start != i || b.tgt.start != j || (b.src.is_empty() && b.tgt.is_empty()) {
                return false;
            }
            i = b.src.end;
            j = b.tgt.end;
        }
        i == n && j == m
    }

    #[test]
    fn numbers_pull_the_right_pairs_together() {
        let zh = [
            "大会于2019年12月12日通过第74/28号决议。",
            "会议有193个会员国参加。",
            "秘书长提交了A/74/363号报告。",
        ];
        let en = [
            "The General Assembly adopted resolution 74/28 on 12 December 2019.",
            "The meeting was attended by 193 Member States.",
            "The Secretary-General submitted report A/74/363.",
        ];
        let p = Params::estimate(Lang::Zh, Lang::En, &zh, &en);
        let beads = align(&zh, &en, &p);
        let shape: Vec<(Range<usize>, Range<usize>)> = beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect();
        assert_eq!(shape, vec![(0..1, 0..1), (1..2, 1..2), (2..3, 2..3)]);
        assert!(beads.iter().all(|b| b.score > 0.5), "{beads:?}");
    }

    #[test]
    fn a_sentence_split_in_two_becomes_a_1_2_bead() {
        let zh = [
            "会员国应当加强合作，并向秘书长报告其在2020年采取的措施。",
            "大会决定继续审议该问题。",
        ];
        let en = [
            "Member States should strengthen their cooperation.",
            "They should report to the Secretary-General on the measures they took in 2020.",
            "The General Assembly decides to remain seized of the matter.",
        ];
        let p = Params::estimate(Lang::Zh, Lang::En, &zh, &en);
        let beads = align(&zh, &en, &p);
        assert_eq!(beads.len(), 2, "{beads:?}");
        assert_eq!((beads[0].src.clone(), beads[0].tgt.clone()), (0..1, 0..2));
    }

    /// Sentences of clauses `first..` (a clause: a resolution number and a
    /// year), `sizes[k]` clauses in sentence `k`, in Chinese or English.
    fn clauses(first: usize, sizes: &[usize], zh: bool) -> Vec<String> {
        let mut next = first;
        sizes
            .iter()
            .map(|&n| {
                let parts: Vec<String> = (next..next + n)
                    .map(|c| {
                        let (r, y) = (100 + 7 * c, 1950 + 3 * c);
                        if zh {
                            format!("第{r}号决议于{y}年通过")
                        } else {
                            format!("resolution {r} was adopted in {y}")
                        }
                    })
                    .collect();
                next += n;
                if zh {
                    parts.join("，") + "。"
                } else {
                    let s = parts.join(", and ") + ".";
                    s[..1].to_uppercase() + &s[1..]
                }
            })
            .collect()
    }

    #[test]
    fn every_shape_up_to_five_on_a_side_is_found() {
        // Per shape, how the clauses are spread over its sentences: no
        // sentence boundary inside the bead falls on both sides at once,
        // so only the whole bead pairs every number with its partner.
        let rows: [(&[usize], &[usize]); 9] = [
            (&[4], &[1, 1, 1, 1]),
            (&[1, 1, 1, 1], &[4]),
            (&[2, 2], &[1, 2, 1]),
            (&[1, 2, 1], &[2, 2]),
            (&[5], &[1, 1, 1, 1, 1]),
            (&[1, 1, 1, 1, 1], &[5]),
            (&[2, 3], &[1, 2, 1, 1]),
            (&[1, 2, 1, 1], &[2, 3]),
            (&[1, 3, 2], &[2, 3, 1]),
        ];
        for (zs, es) in rows {
            assert_eq!(zs.iter().sum::<usize>(), es.iter().sum::<usize>());
            let inner = zs.iter().sum::<usize>();
            // One-clause sentences on both sides around the bead.
            let mut zh = clauses(0, &[1, 1], true);
            let mut en = clauses(0, &[1, 1], false);
            zh.extend(clauses(2, zs, true));
            en.extend(clauses(2, es, false));
            zh.extend(clauses(2 + inner, &[1, 1], true));
            en.extend(clauses(2 + inner, &[1, 1], false));
            let z: Vec<&str> = zh.iter().map(String::as_str).collect();
            let e: Vec<&str> = en.iter().map(String::as_str).collect();
            let p = Params::estimate(Lang::Zh, Lang::En, &z, &e);
            let beads = align(&z, &e, &p);
            let shape: Vec<(Range<usize>, Range<usize>)> = beads
                .iter()
                .map(|b| (b.src.clone(), b.tgt.clone()))
                .collect();
            let (a, b) = (zs.len(), es.len());
            assert_eq!(
                shape,
                vec![
                    (0..1, 0..1),
                    (1..2, 1..2),
                    (2..2 + a, 2..2 + b),
                    (2 + a..3 + a, 2 + b..3 + b),
                    (3 + a..4 + a, 3 + b..4 + b),
                ],
                "{a}-{b}: {zh:?} {en:?}"
            );
        }
    }

    #[test]
    fn priors_follow_the_shapes_of_an_earlier_pass() {
        let b = |s: Range<usize>, t: Range<usize>| skip(s, t);
        let d = ShapePriors::default();
        // No beads: the defaults.
        assert_eq!(ShapePriors::from_path(&[]), d);
        // A path of 1-2 beads only (a translator who splits every
        // sentence): 1-2 dearer no more, 1-1 dearer than by default.
        let path: Vec<Bead> = (0..400).map(|k| b(k..k + 1, 2 * k..2 * k + 2)).collect();
        let p = ShapePriors::from_path(&path);
        let at = |s: (usize, usize)| SHAPES.iter().position(|x| (x.0, x.1) == s).unwrap();
        assert!(p.cost[at((1, 2))] < 0.2, "{p:?}");
        assert!(p.cost[at((1, 1))] > d.cost[at((1, 1))] + 1.0);
        // Unseen shapes keep their order among themselves.
        assert!(p.cost[at((1, 4))] < p.cost[at((2, 4))]);
    }

    #[test]
    fn empty_sides_give_skips_only() {
        let p = Params::with_ratio(Lang::Zh, Lang::Fr, 3.0);
        let b = align(&["一。", "二。"], &[], &p);
        assert!(covers(&b, 2, 0) && b.len() == 2);
        let b = align(&[], &["Un.", "Deux.", "Trois."], &p);
        assert!(covers(&b, 0, 3) && b.len() == 3);
        assert!(align(&[], &[], &p).is_empty());
    }

    #[test]
    fn coarse_to_fine_matches_the_full_table_on_a_long_input() {
        // Sentences with distinct numbers and lengths, one side with a drop.
        let src: Vec<String> = (0..900)
            .map(|k| format!("第{k}段{}。", "字".repeat(5 + k % 23)))
            .collect();
        let mut tgt: Vec<String> = (0..900)
            .map(|k| format!("Paragraph {k} {}.", "word ".repeat(2 + (k % 23) / 2)))
            .collect();
        tgt.remove(450);
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let p = Params::estimate(Lang::Zh, Lang::En, &s, &t);
        let fs = p.src_features(&s);
        let ft = p.tgt_features(&t);
        assert!((fs.len() + 1) * (ft.len() + 1) > FULL_CELLS);
        let banded = align_features(&fs, &ft, &p);
        let (rs, rt) = (RunTable::new(&fs), RunTable::new(&ft));
        let full = dp(
            &Runs::new(&rs),
            &Runs::new(&rt),
            &p,
            &Band::full(fs.len(), ft.len()),
            (0, 0),
        )
        .unwrap();
        assert!(covers(&banded, 900, 899));
        assert_eq!(banded, full);
        assert!(
            banded
                .iter()
                .any(|b| b.src == (450..451) && b.tgt.is_empty())
        );
    }

    /// A long input with drops and merges, as `--lines` sees it.
    fn long_input(n: usize) -> (Vec<String>, Vec<String>) {
        let mut src = Vec::new();
        let mut tgt = Vec::new();
        for k in 0..n {
            let zh = format!("第{k}段{}。", "字".repeat(5 + (k * 7) % 31));
            let en = format!("Paragraph {k} {}.", "word ".repeat(2 + ((k * 7) % 31) / 2));
            src.push(zh);
            match k % 97 {
                13 => {}
                41 => {
                    let last: &mut String = tgt.last_mut().unwrap();
                    last.push(' ');
                    last.push_str(&en);
                }
                _ => tgt.push(en),
            }
        }
        (src, tgt)
    }

    #[test]
    fn pieces_give_the_whole_tables_path_and_do_not_depend_on_threads() {
        let (src, tgt) = long_input(3 * PIECE + 500);
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let p = Params::estimate(Lang::Zh, Lang::En, &s, &t);
        let (fs, ft) = (p.src_features(&s), p.tgt_features(&t));
        let (rs, rt) = (RunTable::new(&fs), RunTable::new(&ft));
        let corners = {
            let coarse = align_runs(&rs.grouped(GROUP), &rt.grouped(GROUP), &p, PIECE);
            corners(&coarse, s.len(), t.len(), GROUP)
        };
        assert!(cuts(&corners, PIECE).len() >= 4, "the input is cut");
        let whole = align_runs(&rs, &rt, &p, usize::MAX);
        let on = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| align(&s, &t, &p))
        };
        let pieces = on(1);
        assert!(covers(&pieces, s.len(), t.len()));
        assert_eq!(pieces, whole);
        assert_eq!(on(3), pieces);
    }

    #[test]
    fn long_shapes_and_reestimated_priors_do_not_depend_on_threads() {
        // Every 37th Chinese sentence is split into four English ones.
        let mut src = Vec::new();
        let mut tgt = Vec::new();
        for k in 0..PIECE + 900 {
            let pad = "字".repeat(5 + (k * 7) % 31);
            let words = "word ".repeat(2 + ((k * 7) % 31) / 2);
            if k % 37 == 5 {
                let n = 100_000 + 3 * k;
                src.push(format!(
                    "第{k}段{pad}，第{n}项，第{}项，第{}项。",
                    n + 1,
                    n + 2
                ));
                tgt.push(format!("Paragraph {k} {words}."));
                for x in n..n + 3 {
                    tgt.push(format!("Item {x} is listed."));
                }
            } else {
                src.push(format!("第{k}段{pad}。"));
                tgt.push(format!("Paragraph {k} {words}."));
            }
        }
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let p = Params::estimate(Lang::Zh, Lang::En, &s, &t);
        let on = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| {
                    let first = align(&s, &t, &p);
                    let second = align_near(&s, &t, &p, &first);
                    (first, second)
                })
        };
        let (first, second) = on(1);
        assert!(covers(&first, s.len(), t.len()) && covers(&second, s.len(), t.len()));
        let fours = second.iter().filter(|b| b.tgt.len() == 4).count();
        assert_eq!(fours, (0..s.len()).filter(|k| k % 37 == 5).count());
        assert_eq!(on(2), (first, second));
    }

    #[test]
    fn join_prefers_a_shared_corner_and_realigns_without_one() {
        let b = |s: Range<usize>, t: Range<usize>| Bead {
            src: s,
            tgt: t,
            score: 0.9,
        };
        // Two paths that meet at (3, 3).
        let mut path = vec![b(0..1, 0..1), b(1..2, 1..2), b(2..3, 2..3), b(3..5, 3..4)];
        let next = vec![b(2..3, 2..4), b(3..4, 4..5), b(4..6, 5..6)];
        // `next` starts at (2, 2), a corner of `path`: joined there.
        join(&mut path, next.clone(), (3, 3), |_, _| unreachable!());
        assert_eq!(path[..2], [b(0..1, 0..1), b(1..2, 1..2)]);
        assert_eq!(path[2..], next[..]);
        // No shared corner: the stretch between is filled.
        let mut path = vec![b(0..2, 0..1), b(2..4, 1..3)];
        let next = vec![b(1..3, 1..2), b(3..5, 2..5), b(5..6, 5..6)];
        join(&mut path, next, (4, 3), |from, to| {
            assert_eq!((from, to), ((4, 3), (5, 5)));
            vec![b(4..5, 3..5)]
        });
        assert_eq!(
            path,
            vec![b(0..2, 0..1), b(2..4, 1..3), b(4..5, 3..5), b(5..6, 5..6)]
        );
    }
}

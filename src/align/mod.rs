//! The banded dynamic program over beads.
//!
//! [`align`] links a run of source sentences with a run of target sentences
//! by beads of up to five sentences on a side (1-1, 1-0, 0-1, 2-1,
//! 1-2, 2-2, 3-1, 1-3, 2-3, 3-2, 3-3, 4-1, 1-4, 2-4, 4-2, 5-1, 1-5),
//! minimizing the sum of bead costs: the terms of [`crate::score`] plus a
//! prior per bead type.
//!
//! Small inputs (an anchored region of a document) get the full table. Large
//! ones (`--lines` input of a million sentences) are aligned coarse to fine,
//! as Vecalign does: consecutive sentences are merged into groups of
//! eight, the groups are aligned (recursively), and the fine table is
//! only filled in a band around the coarse path, so cost grows linearly with
//! the number of sentences, not quadratically.

mod dp;
mod hits;
mod pieces;
mod price;
mod table;

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::lang::Lang;
use crate::lexicon::Lexicon;
use crate::score::{
    self, Calibration, CognateScorer, Features, LengthScorer, LexiconScorer, NameReadings,
    TokenScorer,
};
use dp::{Band, dp};
use hits::MAX_RUN;
use pieces::{Guide, NEAR_MARGIN, refine};
use table::{Lists, RunTable, Runs, shared_vocabulary};

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

/// Sentences merged into one group at each coarse level.
const GROUP: usize = 8;

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
    /// What punctuation on one side of a link only costs.
    pub punctuation: Punctuation,
    /// Whether a second pass ([`align_learning`], [`align_near`]) takes
    /// its shape priors from the earlier pass's beads
    /// ([`ShapePriors::from_path`]); else it keeps `priors`.
    pub adapt_priors: bool,
}

/// The cost (nats, never negative) of each kind of punctuation
/// ([`score::punctuation_mask`]) found on one side of a link but not the
/// other: a question mark, an exclamation mark, a quotation mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Punctuation {
    /// Per bit of the mask.
    pub miss: [f32; 3],
}

impl Default for Punctuation {
    /// −ln of how much likelier a kind is on one side only of a wrong link
    /// than of a right one, measured on the gold beads of Bertalign's MAC
    /// dev set (six chapters, 1,337 beads linking both sides; add-one
    /// smoothed): on one side only, `?` in 5.2 % of gold links against
    /// 16.1 % with the target two sentences off, `!` 8.1 % against 14.1 %,
    /// quotation marks 23.7 % against 29.6 % (`scripts/punctuation_rates.py`).
    /// Never negative, so every bound on a link's cost stays one.
    fn default() -> Punctuation {
        Punctuation {
            miss: [1.14, 0.55, 0.22],
        }
    }
}

impl Punctuation {
    /// The cost of a link whose sides hold the kinds `a` and `b`.
    #[inline]
    fn cost(&self, a: u8, b: u8) -> f32 {
        let x = a ^ b;
        if x == 0 {
            return 0.0;
        }
        let mut c = 0.0;
        for (k, m) in self.miss.iter().enumerate() {
            if (x >> k) & 1 != 0 {
                c += m;
            }
        }
        c
    }
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
    pub(crate) fn short_only() -> ShapePriors {
        ShapePriors::default().without_rare()
    }

    /// These priors with the long shapes (past 2-2, 3-1 and 1-3) ruled out.
    fn without_rare(&self) -> ShapePriors {
        let mut p = self.clone();
        p.cost[RARE..].fill(f32::INFINITY);
        p
    }

    /// The priors re-estimated from the beads of an earlier pass: each
    /// shape's share of `path`, smoothed towards its default as if the
    /// defaults had been seen over `PRIOR_WEIGHT` (50) beads.
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
        // Lengths measured in parallel, summed in order (the same sum
        // whatever the threads).
        let total = |texts: &[&str], lang: Lang| -> f32 {
            if texts.len() < 4096 {
                return texts.iter().map(|s| score::length(s, lang)).sum();
            }
            let lengths: Vec<f32> = texts.par_iter().map(|s| score::length(s, lang)).collect();
            lengths.iter().sum()
        };
        let (ls, lt) = rayon::join(|| total(src, src_lang), || total(tgt, tgt_lang));
        let ratio = if ls >= 20.0 && lt >= 20.0 {
            lt / ls
        } else {
            src_lang.chars_per_meaning() / tgt_lang.chars_per_meaning()
        };
        Params::with_ratio(src_lang, tgt_lang, ratio)
    }

    /// Parameters with a given length ratio (target per source character).
    fn with_ratio(src_lang: Lang, tgt_lang: Lang, ratio: f32) -> Params {
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
            punctuation: Punctuation::default(),
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
        self.features_keeping(texts, lang, None, None)
    }

    /// [`Params::features`] keeping only the lexicon ids in `keep` (all
    /// when `None`), with the names of `names` read as pinyin.
    fn features_keeping(
        &self,
        texts: &[&str],
        lang: Lang,
        keep: Option<&score::IdSet>,
        names: Option<&NameReadings>,
    ) -> Vec<Features> {
        let lex = self
            .lexicon
            .as_ref()
            .map(PairLexicons::refs)
            .unwrap_or_default();
        let cognates = self.cognates.is_some();
        if texts.len() < 256 {
            texts
                .iter()
                .map(|t| Features::build_keeping(t, lang, &lex, cognates, keep, names))
                .collect()
        } else {
            texts
                .par_iter()
                .map(|t| Features::build_keeping(t, lang, &lex, cognates, keep, names))
                .collect()
        }
    }
}

/// Aligns source sentences with target sentences. The beads cover every
/// sentence of both sides exactly once, in order.
pub fn align(src: &[&str], tgt: &[&str], params: &Params) -> Vec<Bead> {
    // Features are built a chunk at a time and kept only in flat form, so a
    // million-sentence input never holds a `Features` per sentence.
    let (mut s, mut t) = tables(src, tgt, params);
    shared_vocabulary(&mut s, &mut t);
    align_runs(&s, &t, params, PIECE, 0)
}

/// The tables of both sides. With a lexicon, the side of its words comes
/// first, and the other keeps only the translations among those words
/// (the rest can never be a hit): the translations of a dictionary are
/// many, most of them not in a given text. Between Chinese and a
/// Latin-script language, the names of the Latin side are read first, and
/// both sides get the keys of those the Chinese side writes by reading
/// ([`NameReadings`]; [`Params::src_features`] and
/// [`Params::tgt_features`], which see one side only, do not read names).
fn tables(src: &[&str], tgt: &[&str], params: &Params) -> (RunTable, RunTable) {
    let names = NameReadings::applies(params.src_lang, params.tgt_lang)
        .then(|| {
            NameReadings::of_latin(if params.src_lang == Lang::Zh {
                tgt
            } else {
                src
            })
        })
        .filter(|n| !n.is_empty());
    let names = names.as_ref();
    let Some(lexicon) = &params.lexicon else {
        return rayon::join(
            || RunTable::of_texts(src, params.src_lang, params, None, names),
            || RunTable::of_texts(tgt, params.tgt_lang, params, None, names),
        );
    };
    let (gloss, words) = lexicon.gloss_and_words((src, params.src_lang), (tgt, params.tgt_lang));
    let w = RunTable::of_texts(words.0, words.1, params, None, names);
    let keep: score::IdSet = w.lex.data.iter().copied().collect();
    let g = RunTable::of_texts(gloss.0, gloss.1, params, Some(&keep), names);
    // (src, tgt) back from (gloss, words).
    lexicon.gloss_and_words(g, w)
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
        Some(learned) => pass.again(src, tgt, &[learned], &first),
        None => first,
    }
}

/// The features of a pair after a first pass ([`align_once`]), kept for a
/// second pass with more lexicons ([`Pass::again`]): a batch learns its
/// lexicon from every job's first pass, then aligns each job again
/// without building its features twice.
pub struct Pass {
    /// The first pass's parameters (its length ratio estimated from the
    /// texts: the second pass does not estimate it again).
    params: Params,
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
    let words = params
        .lexicon
        .as_ref()
        .map(|l| l.gloss_and_words(&s, &t).1.lex.clone());
    let common = shared_vocabulary(&mut s, &mut t);
    let beads = align_runs(&s, &t, params, PIECE, 0);
    (
        beads,
        Pass {
            params: params.clone(),
            s,
            t,
            words,
            common,
        },
    )
}

impl Pass {
    /// The second pass over the same sentences (`src`, `tgt`, aligned
    /// first into `path` under the parameters kept), with the `learned` tables added
    /// to the pair's lexicons: only the lexicon ids of the side they
    /// change are looked up again, the shape priors are re-estimated from
    /// `path` ([`ShapePriors::from_path`], unless [`Params::adapt_priors`]
    /// is off), and the table is filled in a band around `path`.
    pub fn again(
        self,
        src: &[&str],
        tgt: &[&str],
        learned: &[Arc<Lexicon>],
        path: &[Bead],
    ) -> Vec<Bead> {
        let Pass {
            params,
            mut s,
            mut t,
            words,
            common,
        } = self;
        let params = &params;
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
        if let (Some(lexicon), Some(words)) = (&params.lexicon, words) {
            let (gloss, word) = lexicon.gloss_and_words(&mut s, &mut t);
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
    align_runs(&s, &t, params, PIECE, 0)
}

/// Sentences per independent piece of a long alignment: past this many
/// source rows, the fine table is cut at a confident point of the coarse
/// path and the pieces are filled in parallel.
const PIECE: usize = 4096;

/// Aligns two tables of single sentences (`level` 0) or of groups of
/// `GROUP^level` sentences (coarse levels), in pieces of about `piece` rows.
fn align_runs(
    src: &RunTable,
    tgt: &RunTable,
    params: &Params,
    piece: usize,
    level: usize,
) -> Vec<Bead> {
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
            score: params.run_score((src, 1), (tgt, 1), params.one_lex(src, tgt), true),
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
    // Groups of 64 sentences and more take the short shapes only: a rare
    // shape there spans hundreds of sentences, whose lists are merged on
    // demand at great cost, and the level below finds the rare beads
    // (one 100,000-line document: 7 % fewer instructions, 29.8 G → 27.9 G,
    // the same strict F1; the UNv1 dev hard sets joined into one document
    // the same, MAC dev joined .7781 → .7814).
    let without_rare;
    let coarse_params = if level >= 1 {
        without_rare = params.without_rare_shapes();
        &without_rare
    } else {
        params
    };
    let coarse = align_runs(
        &src.grouped(GROUP),
        &tgt.grouped(GROUP),
        coarse_params,
        piece,
        level + 1,
    );
    let guide = Guide {
        path: &coarse,
        g: GROUP,
        margin: GROUP / 2,
    };
    refine(src, tgt, params, &guide, piece)
}

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
        return align_runs(src, tgt, params, piece, 0);
    }
    let guide = Guide {
        path,
        g: 1,
        margin: NEAR_MARGIN,
    };
    refine(src, tgt, params, &guide, piece)
}

fn skip(src: Range<usize>, tgt: Range<usize>) -> Bead {
    Bead {
        src,
        tgt,
        score: 0.0,
    }
}

impl Params {
    /// The same parameters with the long bead shapes ruled out
    /// ([`ShapePriors::without_rare`]).
    fn without_rare_shapes(&self) -> Params {
        let mut p = self.clone();
        p.priors = self.priors.without_rare();
        p
    }
}

#[cfg(test)]
mod tests;

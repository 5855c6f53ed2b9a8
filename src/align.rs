//! The banded dynamic program over beads.
//!
//! [`align`] links a run of source sentences with a run of target sentences
//! by beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1 and 1-3, minimizing the sum of
//! bead costs: the scorers of [`crate::score`] plus a prior per bead type.
//!
//! Small inputs (an anchored region of a document) get the full table. Large
//! ones (`--lines` input of a million sentences) are aligned coarse to fine,
//! as Vecalign does: consecutive sentences are merged into groups of
//! [`GROUP`], the groups are aligned (recursively), and the fine table is
//! only filled in a band around the coarse path, so cost grows linearly with
//! the number of sentences, not quadratically.

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::lang::Lang;
use crate::score::{
    self, Calibration, CognateScorer, Features, LengthScorer, Lexicon, LexiconScorer, LinkTerms,
    Scorer, TokenScorer,
};

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

/// Bead shapes the program may use, with their prior probability.
const SHAPES: [(usize, usize, f32); 8] = [
    (1, 1, 0.89),
    (1, 0, 0.005),
    (0, 1, 0.005),
    (2, 1, 0.04),
    (1, 2, 0.04),
    (2, 2, 0.006),
    (3, 1, 0.004),
    (1, 3, 0.004),
];

/// Sentences merged into one group at each coarse level.
pub const GROUP: usize = 8;

/// Tables up to this many cells are filled completely.
const FULL_CELLS: usize = 1 << 18;

/// The share of length spread that does not shrink with length.
const RELATIVE: f32 = 0.1;

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
    /// A bilingual lexicon and how much it weighs.
    pub lexicon: Option<(Arc<Lexicon>, LexiconScorer)>,
    /// Extra cost added to every 1-0 and 0-1 bead (beyond its prior).
    pub skip_penalty: f32,
    /// How bead scores are computed from the link's terms.
    pub calibration: Calibration,
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
        }
    }

    /// The same parameters with a bilingual lexicon as one more scorer. It is
    /// used only when its languages are this pair's (in either direction).
    pub fn with_lexicon(mut self, lexicon: Arc<Lexicon>) -> Params {
        let fits = |a: Option<Lang>, b: Option<Lang>| {
            (a == Some(self.src_lang) && b == Some(self.tgt_lang))
                || (a == Some(self.tgt_lang) && b == Some(self.src_lang))
        };
        if fits(lexicon.src_lang, lexicon.tgt_lang) {
            // Weights tuned on the UNv1 dev set (CC-CEDICT) and on SDG
            // documents (learned); see tests/quality.rs.
            let scorer = if lexicon.is_learned() {
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
            self.lexicon = Some((lexicon, scorer));
        }
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
        let lex = self.lexicon.as_ref().map(|(l, _)| &**l);
        let cognates = self.cognates.is_some();
        if texts.len() < 256 {
            texts
                .iter()
                .map(|t| Features::build(t, lang, lex, cognates))
                .collect()
        } else {
            texts
                .par_iter()
                .map(|t| Features::build(t, lang, lex, cognates))
                .collect()
        }
    }

    /// The terms of the cost of linking two non-empty runs.
    pub fn link_terms(&self, src: &[Features], tgt: &[Features]) -> LinkTerms {
        LinkTerms {
            length: self.length.cost(src, tgt),
            tokens: self.tokens.cost(src, tgt),
            cognates: self.cognates.as_ref().map_or(0.0, |c| c.cost(src, tgt)),
            lexicon: self.lexicon.as_ref().map_or(0.0, |(_, l)| l.cost(src, tgt)),
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
        if let Some((_, lx)) = &self.lexicon {
            c += lx.cost(src, tgt);
        }
        c
    }

    /// A bound no link between these runs can cost less than: every shared
    /// token matched, a perfect cognate and lexicon score, the best length.
    /// Lets the program skip pricing bead shapes that cannot win.
    pub fn link_floor(&self, src: &Features, tgt: &Features) -> f32 {
        let tokens = (src.strong.len() + src.names.len()).min(tgt.strong.len() + tgt.names.len());
        let mut floor = -self.tokens.hit * tokens as f32;
        if let Some(cg) = &self.cognates {
            floor -= cg.weight;
        }
        if let Some((_, lx)) = &self.lexicon {
            floor -= lx.weight * (1.0 - lx.baseline).max(0.0);
        }
        floor
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

/// Aligns source sentences with target sentences. The beads cover every
/// sentence of both sides exactly once, in order.
pub fn align(src: &[&str], tgt: &[&str], params: &Params) -> Vec<Bead> {
    let fs = params.src_features(src);
    let ft = params.tgt_features(tgt);
    align_features(&fs, &ft, params)
}

/// [`align`] over sentence features computed beforehand.
pub fn align_features(src: &[Features], tgt: &[Features], params: &Params) -> Vec<Bead> {
    let (n, m) = (src.len(), tgt.len());
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
            score: params.calibration.score(&params.link_terms(src, tgt), true),
        }];
    }
    if (n + 1).saturating_mul(m + 1) <= FULL_CELLS {
        let band = Band::full(n, m);
        if let Some(b) = dp(src, tgt, params, &band) {
            return b;
        }
    }
    // Coarse level: groups of GROUP sentences.
    let cs = coarsen(src);
    let ct = coarsen(tgt);
    let coarse = align_features(&cs, &ct, params);
    let mut margin = GROUP / 2;
    loop {
        let band = Band::around(&coarse, n, m, GROUP, margin);
        if let Some(b) = dp(src, tgt, params, &band) {
            return b;
        }
        // Unreachable end: the band was too tight; widen it.
        margin *= 4;
        if margin > n.max(m) {
            let band = Band::full(n, m);
            return dp(src, tgt, params, &band).expect("a full table always reaches its end");
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

fn coarsen(f: &[Features]) -> Vec<Features> {
    f.chunks(GROUP).map(Features::merge).collect()
}

/// The cells of the table that are filled: row `i` (source position) spans
/// target positions `lo[i]..=hi[i]`.
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    /// Index of the first cell of each row in the flat tables.
    offset: Vec<usize>,
}

impl Band {
    fn full(n: usize, m: usize) -> Band {
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
    fn around(coarse: &[Bead], n: usize, m: usize, g: usize, margin: usize) -> Band {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0; n + 1];
        for b in coarse {
            let (s0, s1) = ((b.src.start * g).min(n), (b.src.end * g).min(n));
            let (t0, t1) = ((b.tgt.start * g).min(m), (b.tgt.end * g).min(m));
            for i in s0..=s1 {
                lo[i] = lo[i].min(t0);
                hi[i] = hi[i].max(t1);
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

    fn cell(&self, i: usize, j: usize) -> Option<usize> {
        (j >= self.lo[i] && j <= self.hi[i]).then(|| self.offset[i] + j - self.lo[i])
    }
}

/// The features of every run of one to three consecutive sentences ending
/// at each position, merged once, so that pricing a 2-1 or 1-3 bead is as
/// cheap as pricing a 1-1 bead.
struct Runs<'a> {
    /// The sentences themselves.
    one: &'a [Features],
    /// `two[i]`: sentences `i - 2..i` as one (empty when `i < 2`); `three` likewise.
    two: Vec<Features>,
    three: Vec<Features>,
}

impl<'a> Runs<'a> {
    fn new(f: &'a [Features]) -> Runs<'a> {
        let run = |d: usize| -> Vec<Features> {
            (0..=f.len())
                .map(|i| {
                    if i < d {
                        Features::default()
                    } else {
                        Features::merge(&f[i - d..i])
                    }
                })
                .collect()
        };
        Runs {
            one: f,
            two: run(2),
            three: run(3),
        }
    }

    /// Sentences `i - d..i` (1 ≤ d ≤ 3, d ≤ i).
    fn get(&self, i: usize, d: usize) -> &Features {
        match d {
            1 => &self.one[i - 1],
            2 => &self.two[i],
            _ => &self.three[i],
        }
    }
}

/// Fills the table over `band`; `None` when the end is not reachable.
fn dp(src: &[Features], tgt: &[Features], params: &Params, band: &Band) -> Option<Vec<Bead>> {
    let (n, m) = (src.len(), tgt.len());
    let (rs, rt) = (Runs::new(src), Runs::new(tgt));
    let link = |i: usize, di: usize, j: usize, dj: usize| {
        params.link_cost(
            std::slice::from_ref(rs.get(i, di)),
            std::slice::from_ref(rt.get(j, dj)),
        )
    };
    let cells = band.offset[n + 1];
    let mut cost = vec![f32::INFINITY; cells];
    let mut back = vec![u8::MAX; cells];
    let prior: Vec<f32> = SHAPES.iter().map(|s| -s.2.ln()).collect();
    cost[band.cell(0, 0)?] = 0.0;
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let here = band.offset[i] + j - band.lo[i];
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = f32::INFINITY;
            let mut arg = u8::MAX;
            for (k, &(di, dj, _)) in SHAPES.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let Some(from) = band.cell(i - di, j - dj) else {
                    continue;
                };
                let c0 = cost[from];
                if !c0.is_finite() {
                    continue;
                }
                let base = c0 + prior[k];
                let c = if di == 0 || dj == 0 {
                    base + params.skip_penalty
                } else {
                    let (s, t) = (rs.get(i, di), rt.get(j, dj));
                    // Ties go to the earlier shape, so skipping a shape
                    // whose best case only ties changes nothing.
                    if base + params.link_floor(s, t) >= best {
                        continue;
                    }
                    base + link(i, di, j, dj)
                };
                if c < best {
                    best = c;
                    arg = k as u8;
                }
            }
            cost[here] = best;
            back[here] = arg;
        }
    }
    let end = band.cell(n, m)?;
    if !cost[end].is_finite() {
        return None;
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let k = back[band.cell(i, j)?] as usize;
        let (di, dj, _) = SHAPES[k];
        let score = if di == 0 || dj == 0 {
            0.0
        } else {
            let terms = params.link_terms(
                std::slice::from_ref(rs.get(i, di)),
                std::slice::from_ref(rt.get(j, dj)),
            );
            params.calibration.score(&terms, di == 1 && dj == 1)
        };
        beads.push(Bead {
            src: i - di..i,
            tgt: j - dj..j,
            score,
        });
        i -= di;
        j -= dj;
    }
    beads.reverse();
    Some(beads)
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
        let full = dp(&fs, &ft, &p, &Band::full(fs.len(), ft.len())).unwrap();
        assert!(covers(&banded, 900, 899));
        assert_eq!(banded, full);
        assert!(
            banded
                .iter()
                .any(|b| b.src == (450..451) && b.tgt.is_empty())
        );
    }
}

//! The evidence of candidate beads and the price of each kind.
//!
//! Every sentence is turned once into [`Features`] (length, tokens that
//! survive translation, cognate keys, lexicon keys); the aligner prices a
//! candidate link between a run of source sentences and a run of target
//! sentences as a cost in nats (lower is better, may be negative for strong
//! evidence), the sum of one term per kind of evidence, each priced here
//! from the counts the aligner takes of the link (the aligner's `price`
//! module is the one place that takes them, for the program and for
//! [`crate::align::Params::link_terms`] alike):
//!
//! * [`LengthScorer`]: Gale–Church, with the character ratio and variance
//!   estimated from the data ([`crate::align::Params::estimate`]).
//! * [`TokenScorer`]: numbers (any digit system, any grouping or decimal
//!   separator), document symbols (`A/RES/74/28`), resolution numbers,
//!   months of dates, Latin names and acronyms embedded in any script.
//! * [`CognateScorer`]: shared word prefixes between Latin-script languages.
//! * [`LexiconScorer`]: the share of target words explained by a bilingual
//!   [`Lexicon`] (CC-CEDICT for zh–en, or one learned from first-pass beads).

use std::cell::RefCell;

use unicode_normalization::UnicodeNormalization;

use crate::lang::Lang;

mod readings;
mod tokens;
use crate::lexicon::key::{is_han, words};
pub use crate::lexicon::{Lexicon, gloss_words};
pub(crate) use readings::NameReadings;
use tokens::{hash, leading_label, strong_tokens};
pub(crate) use tokens::{is_digit_space, normalize_char};

/// A set of lexicon ids.
pub(crate) type IdSet = std::collections::HashSet<u32, crate::lexicon::IdHash>;

/// What the scorers need to know about one sentence (or, at coarse levels of
/// the aligner, a run of sentences).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    /// Length in characters, white space and tatweel not counted.
    pub(crate) len: f32,
    /// Tokens that survive translation unchanged, hashed and sorted:
    /// numbers, symbols, months of dates.
    pub(crate) invariant: Vec<u64>,
    /// Latin-script names and acronyms, hashed and sorted: evidence when
    /// shared, none when not (a name is often translated, `Hague` / `海牙`).
    pub(crate) names: Vec<u64>,
    /// Cognate keys (4-letter prefixes of Latin-script words), hashed, sorted.
    pub(crate) cognates: Vec<u64>,
    /// Lexicon ids ([`crate::lexicon::key::stem_id`]), sorted and distinct:
    /// on the lexicons' source side the ids of the translations of the keys
    /// found, on their target side the ids of the sentence's own content
    /// words (whatever lexicon is used: they do not change when one is
    /// learned).
    pub(crate) lex: Vec<u32>,
    /// On the lexicons' target side, the number of content words, repeats
    /// counted (what `lex` hits are a share of); 0 on the source side.
    pub(crate) lex_total: u32,
    /// The punctuation kinds the sentence holds ([`punctuation_mask`]).
    pub(crate) punct: u8,
}

/// A question mark (any language's form), as a bit of [`punctuation_mask`].
pub const PUNCT_QUESTION: u8 = 1;
/// An exclamation mark, as a bit of [`punctuation_mask`].
pub const PUNCT_EXCLAIM: u8 = 2;
/// A quotation mark (any of the six languages' forms), as a bit of
/// [`punctuation_mask`].
pub const PUNCT_QUOTE: u8 = 4;

/// The kind ([`punctuation_mask`]) of one character.
fn punctuation_kind(c: char) -> u8 {
    match c {
        '?' | '？' | '¿' | '؟' => PUNCT_QUESTION,
        '!' | '！' | '¡' => PUNCT_EXCLAIM,
        '"' | '“' | '”' | '„' | '«' | '»' | '「' | '」' | '『' | '』' | '＂' => {
            PUNCT_QUOTE
        }
        _ => 0,
    }
}

/// The kinds of punctuation that usually survive translation which `text`
/// holds, as bits: [`PUNCT_QUESTION`], [`PUNCT_EXCLAIM`], [`PUNCT_QUOTE`]
/// ([`Features::build`] reads them in its pass over the characters).
pub fn punctuation_mask(text: &str) -> u8 {
    text.chars().fold(0, |m, c| m | punctuation_kind(c))
}

impl Features {
    /// The length the length model reads ([`length`]).
    pub fn length(&self) -> f32 {
        self.len
    }

    /// The lexicon ids, sorted and distinct: on a lexicon's source side the
    /// ids of the translations of the keys found, on its target side the
    /// ids of the sentence's own content words.
    pub fn lex(&self) -> &[u32] {
        &self.lex
    }

    /// On a lexicon's target side, the number of content words, repeats
    /// counted (what [`Features::lex`] hits are a share of); 0 on the
    /// source side.
    pub fn lex_total(&self) -> u32 {
        self.lex_total
    }

    /// Features of `text` in `lang`; `lexicon` (if any) decides the lex keys.
    pub fn new(text: &str, lang: Lang, lexicon: Option<&Lexicon>) -> Features {
        Features::build(text, lang, lexicon.as_slice(), lang.is_latin())
    }

    /// [`Features::new`] with the lexicons of one language pair (all in
    /// one direction: their translations are pooled), computing cognate
    /// keys only when `cognates` is set (they serve only between two
    /// Latin-script languages).
    pub fn build(text: &str, lang: Lang, lexicons: &[&Lexicon], cognates: bool) -> Features {
        Features::build_keeping(text, lang, lexicons, cognates, None, None)
    }

    /// [`Features::build`] keeping only the lexicon ids in `keep` (all
    /// when `None`): what the aligner needs of a side whose translations
    /// are many and mostly absent from the other side; with `names`, the
    /// names of a Chinese–Latin text pair read as pinyin (`readings`).
    pub(crate) fn build_keeping(
        text: &str,
        lang: Lang,
        lexicons: &[&Lexicon],
        cognates: bool,
        keep: Option<&IdSet>,
        names: Option<&NameReadings>,
    ) -> Features {
        let mut f = Features {
            len: length(text, lang),
            ..Features::default()
        };
        // The normalized text as chars and as a string, in one pass.
        let mut norm: Vec<char> = Vec::with_capacity(text.len());
        let mut norm_text = String::with_capacity(text.len());
        let mut punct = 0;
        for c in text.chars().filter_map(normalize_char) {
            // Full-width forms come out as ASCII, of the same kind.
            punct |= punctuation_kind(c);
            norm.push(c);
            norm_text.push(c);
        }
        f.punct = punct;
        // A paragraph number opening the sentence (`1.`) is structure, which
        // one version may have lost: evidence when both have it (as a name
        // is), never against the link when one has not.
        let skip = leading_label(&norm);
        if skip > 0 {
            // ASCII digits: as many bytes as chars.
            f.names.push(hash(&("#", &norm_text[..skip - 1])));
        }
        strong_tokens(
            &norm[skip..],
            &norm_text[skip..],
            lang,
            &mut f.invariant,
            &mut f.names,
        );
        if let Some(names) = names {
            readings::name_keys(text, &norm[skip..], lang, names, &mut f.names);
        }
        f.invariant.sort_unstable();
        f.names.sort_unstable();
        if cognates && lang.is_latin() {
            for w in words(text) {
                if w.chars().count() >= 4 {
                    // Only the first four folded letters count: decompose no further.
                    let p: String = w
                        .nfd()
                        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                        .take(4)
                        .collect();
                    f.cognates.push(hash(&("C", p)));
                }
            }
            f.cognates.sort_unstable();
        }
        f.set_lex_keeping(text, lang, lexicons, keep);
        // Millions of these may be held at once (`--lines`).
        f.invariant.shrink_to_fit();
        f.names.shrink_to_fit();
        f.cognates.shrink_to_fit();
        f.lex.shrink_to_fit();
        f
    }

    /// Fills `lex` and `lex_total` for `lexicons`: the translations of
    /// the keys of `text` when `lang` is their source language, its content
    /// words when it is their target language.
    pub fn set_lex(&mut self, text: &str, lang: Lang, lexicons: &[&Lexicon]) {
        self.set_lex_keeping(text, lang, lexicons, None);
    }

    /// [`Features::set_lex`] keeping only the ids in `keep` (all when
    /// `None`); they are dropped before the rest are sorted.
    fn set_lex_keeping(
        &mut self,
        text: &str,
        lang: Lang,
        lexicons: &[&Lexicon],
        keep: Option<&IdSet>,
    ) {
        thread_local! {
            static IDS: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
        }
        self.lex_total = 0;
        // Ids gather in a buffer kept per thread; the sentence keeps an
        // exact-sized copy (millions of sentences may be held at once).
        IDS.with(|ids| {
            let ids = &mut *ids.borrow_mut();
            ids.clear();
            let mut source = false;
            for l in lexicons.iter().filter(|l| l.src_lang == Some(lang)) {
                l.gloss(text, ids);
                source = true;
            }
            if let Some(keep) = keep {
                ids.retain(|id| keep.contains(id));
            }
            if source {
                ids.sort_unstable();
                ids.dedup();
            } else if lexicons.iter().any(|l| l.tgt_lang == Some(lang)) {
                self.lex_total = crate::lexicon::content_words(text, ids);
            }
            self.lex.clear();
            self.lex.reserve_exact(ids.len());
            self.lex.extend_from_slice(ids);
        });
    }

    /// The features of several consecutive sentences taken as one.
    pub fn merge(parts: &[Features]) -> Features {
        let mut f = Features::default();
        for p in parts {
            f.len += p.len;
            f.invariant.extend_from_slice(&p.invariant);
            f.names.extend_from_slice(&p.names);
            f.cognates.extend_from_slice(&p.cognates);
            f.lex.extend_from_slice(&p.lex);
            f.lex_total += p.lex_total;
            f.punct |= p.punct;
        }
        f.invariant.sort_unstable();
        f.names.sort_unstable();
        f.cognates.sort_unstable();
        // Distinct ids of the run, on either side (a group at a coarse
        // level of the aligner counts as one sentence).
        f.lex.sort_unstable();
        f.lex.dedup();
        f.invariant.shrink_to_fit();
        f.names.shrink_to_fit();
        f.cognates.shrink_to_fit();
        f.lex.shrink_to_fit();
        f
    }
}

const TATWEEL: char = '\u{0640}';

/// Length of a sentence for the length model, in characters: white space
/// and tatweel do not count, and in Chinese a character that is not Han
/// (digits, Latin names, symbols such as `A/74/363`) counts a third, since
/// it stays one character in translation where a Han character becomes three.
pub fn length(text: &str, lang: Lang) -> f32 {
    if lang == Lang::Zh {
        let (mut han, mut other) = (0u32, 0u32);
        for c in text.chars() {
            if is_han(c) || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}') {
                han += 1;
            } else if !c.is_whitespace() {
                other += 1;
            }
        }
        han as f32 + other as f32 / 3.0
    } else {
        char_count(text) as f32
    }
}

/// The characters of a text that count for its length in a language other
/// than Chinese ([`length`]): white space and tatweel left out. QA counts
/// with it, on the text the scorer reads.
pub fn char_count(text: &str) -> usize {
    if text.is_ascii() {
        // ASCII white space is `\t` to `\r` and the space (as
        // `char::is_whitespace` has it); no tatweel.
        text.bytes()
            .filter(|b| !matches!(b, b'\t'..=b'\r' | b' '))
            .count()
    } else {
        text.chars()
            .filter(|&c| !c.is_whitespace() && c != TATWEEL)
            .count()
    }
}

/// Gale–Church length cost: target length is normal around `ratio` times
/// the source length with variance `variance` times the source length.
#[derive(Clone, Copy, Debug)]
pub struct LengthScorer {
    /// Expected target characters per source character.
    pub ratio: f32,
    /// Variance of target length per source character.
    pub variance: f32,
    /// Spread of the length ratio that does not shrink with length (a
    /// translator may write 20 % more in a long sentence as in a short one),
    /// as a share of the expected length.
    pub relative: f32,
}

impl LengthScorer {
    /// The cost of linking `l1` source characters with `l2` target characters.
    pub fn cost_of(&self, l1: f32, l2: f32) -> f32 {
        // Mean of the two lengths on the source scale, as Gale–Church do, so
        // that a very short source does not make any target look unlikely.
        let base = ((l1 + l2 / self.ratio) / 2.0).max(1.0);
        let spread = self.relative * self.ratio * base;
        let delta = (l2 - self.ratio * l1) / (self.variance * base + spread * spread).sqrt();
        neg_ln_two_tail(delta.abs())
    }

    /// A bound [`LengthScorer::cost_of`] is never below, without its
    /// square root and logarithm: P(|Z| ≥ x) ≤ exp(−x²/2), so the cost is
    /// at least x²/2 (a little less, for rounding).
    pub(crate) fn cost_floor(&self, l1: f32, l2: f32) -> f32 {
        let base = ((l1 + l2 / self.ratio) / 2.0).max(1.0);
        let spread = self.relative * self.ratio * base;
        let d = l2 - self.ratio * l1;
        0.499 * d * d / (self.variance * base + spread * spread)
    }
}

/// −ln P(|Z| ≥ x) for a standard normal Z.
fn neg_ln_two_tail(x: f32) -> f32 {
    let x = f64::from(x);
    // Abramowitz–Stegun 7.1.26 for erfc(x/√2), asymptotic form far out.
    let z = x / std::f64::consts::SQRT_2;
    let v = if z < 4.0 {
        let t = 1.0 / (1.0 + 0.327_591_1 * z);
        let poly = t
            * (0.254_829_592
                + t * (-0.284_496_736
                    + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
        -(poly.ln() - z * z)
    } else {
        z * z + (z * std::f64::consts::PI.sqrt()).ln()
    };
    v as f32
}

/// Size of the multiset intersection of two sorted lists.
pub(crate) fn intersect<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Shared translation-invariant tokens: each match is evidence for the
/// link, each token without a partner evidence against it.
#[derive(Clone, Copy, Debug)]
pub struct TokenScorer {
    /// Reward (nats) per shared token.
    pub hit: f32,
    /// Penalty (nats) per token found on one side only.
    pub miss: f32,
}

impl TokenScorer {
    /// The cost of `shared` strong tokens found on both sides, `unmatched`
    /// found on one side only, and `names` shared names.
    pub fn price(&self, shared: usize, unmatched: usize, names: usize) -> f32 {
        // Linear in the counts, so that a 2-2 bead scores what its two 1-1
        // halves score together and merging earns nothing by itself.
        -self.hit * (shared + names) as f32 + self.miss * unmatched as f32
    }
}

/// Cognates between Latin-script languages: Dice overlap of 4-letter word
/// prefixes (`résolution`/`resolution`, `desarrollo`/`développement` miss).
#[derive(Clone, Copy, Debug)]
pub struct CognateScorer {
    /// Weight (nats) of a perfect overlap.
    pub weight: f32,
}

impl CognateScorer {
    /// The cost of `shared` keys found on both sides out of `total` keys.
    pub fn price(&self, shared: usize, total: usize) -> f32 {
        if total == 0 {
            return 0.0;
        }
        -self.weight * (2 * shared) as f32 / total as f32
    }
}

/// The terms of a link's cost as the program adds them, in nats (lower is
/// better): what the calibrated bead score is computed from.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LinkTerms {
    /// [`LengthScorer`].
    pub length: f32,
    /// [`TokenScorer`].
    pub tokens: f32,
    /// [`CognateScorer`] (0 unless both languages are in Latin script).
    pub cognates: f32,
    /// [`LexiconScorer`] (0 without a lexicon for the pair).
    pub lexicon: f32,
}

/// The bead score: the probability that a link is exactly right, from a
/// logistic regression over its [`LinkTerms`] and its shape.
///
/// The weights ([`Calibration::FITTED`]) were fitted on the UNv1 **dev** set
/// only (`examples/calibrate.rs`): hard `--lines` sets cut from it (30 %
/// merged, split, dropped or inserted lines, labels removed), aligned with
/// no lexicon, CC-CEDICT, a learned lexicon and both; every output bead
/// linking both sides is one sample, labelled correct when the gold has
/// the very same bead. The cognate term, which zh–en never has, shares the
/// lexicon's weight (both are word evidence in nats). Because the score is
/// a probability and not a raw cost, a threshold means the same for every
/// pair and every lexicon: `score >= 0.5` keeps links more likely right
/// than wrong.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Calibration {
    /// Intercept.
    pub bias: f32,
    /// Weight of the length term.
    pub length: f32,
    /// Weight of the token term.
    pub tokens: f32,
    /// Weight of the lexicon and cognate terms.
    pub words: f32,
    /// Added for beads that are not 1-1 (2-1, 1-2, 2-2, 3-1, 1-3).
    pub merged: f32,
}

impl Calibration {
    /// The weights fitted on the UNv1 dev set (see [`Calibration`]).
    pub const FITTED: Calibration = Calibration {
        bias: 3.745,
        length: -0.926,
        tokens: -0.260,
        words: -0.289,
        merged: -2.678,
    };

    /// The probability that a link with these terms and this shape is right.
    pub fn score(&self, t: &LinkTerms, one_to_one: bool) -> f32 {
        let z = self.bias
            + self.length * t.length
            + self.tokens * t.tokens
            + self.words * (t.lexicon + t.cognates)
            + if one_to_one { 0.0 } else { self.merged };
        1.0 / (1.0 + (-z).exp())
    }
}

/// The share of target content words that a lexicon translation of the
/// source explains (or the other way round when the lexicon's source
/// language is the aligner's target).
#[derive(Clone, Copy, Debug)]
pub struct LexiconScorer {
    /// Weight (nats) of a full explanation.
    pub weight: f32,
    /// Share expected between unrelated sentences; below it is evidence against.
    pub baseline: f32,
}

impl LexiconScorer {
    /// The cost of `hits` content words explained out of `total` (> 0).
    pub fn price(&self, hits: usize, total: u32) -> f32 {
        -self.weight * (hits as f32 / total as f32 - self.baseline)
    }
}

#[cfg(test)]
mod tests;

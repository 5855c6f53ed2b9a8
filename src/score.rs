//! Scorers for candidate beads.
//!
//! Every sentence is turned once into [`Features`] (length, tokens that
//! survive translation, cognate keys, lexicon keys); a [`Scorer`] then prices
//! a candidate link between a run of source sentences and a run of target
//! sentences as a cost in nats (lower is better, may be negative for strong
//! evidence). The aligner adds the costs of several scorers:
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
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, ErrorKind, Result};
use crate::lang::Lang;

/// What the scorers need to know about one sentence (or, at coarse levels of
/// the aligner, a run of sentences).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    /// Length in characters, white space and tatweel not counted.
    pub len: f32,
    /// Tokens that survive translation unchanged, hashed and sorted:
    /// numbers, symbols, months of dates.
    pub strong: Vec<u64>,
    /// Latin-script names and acronyms, hashed and sorted: evidence when
    /// shared, none when not (a name is often translated, `Hague` / `海牙`).
    pub names: Vec<u64>,
    /// Cognate keys (4-letter prefixes of Latin-script words), hashed, sorted.
    pub weak: Vec<u64>,
    /// Lexicon ids, sorted and deduplicated: on the lexicon's source side the
    /// ids of the translations of the words found, on its target side the ids
    /// of the words themselves.
    pub lex: Vec<u32>,
    /// On the lexicon's target side, the number of content words (what `lex`
    /// hits are a share of); 0 on the source side.
    pub lex_total: u32,
}

impl Features {
    /// Features of `text` in `lang`; `lexicon` (if any) decides the lex keys.
    pub fn new(text: &str, lang: Lang, lexicon: Option<&Lexicon>) -> Features {
        Features::build(text, lang, lexicon, lang.is_latin())
    }

    /// [`Features::new`], computing cognate keys only when `cognates` is set
    /// (they serve only between two Latin-script languages).
    pub fn build(text: &str, lang: Lang, lexicon: Option<&Lexicon>, cognates: bool) -> Features {
        let mut f = Features {
            len: length(text, lang),
            ..Features::default()
        };
        let norm: Vec<char> = text.chars().filter_map(normalize_char).collect();
        // A paragraph number opening the sentence (`1.`) is structure, which
        // one version may have lost: evidence when both have it (as a name
        // is), never against the link when one has not.
        let skip = leading_label(&norm);
        if skip > 0 {
            let n: String = norm[..skip - 1].iter().collect();
            f.names.push(hash(&("#", n)));
        }
        strong_tokens(&norm[skip..], lang, &mut f.strong, &mut f.names);
        f.strong.sort_unstable();
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
                    f.weak.push(hash(&("C", p)));
                }
            }
            f.weak.sort_unstable();
        }
        if let Some(lex) = lexicon {
            lex.keys_of(text, lang, &mut f);
        }
        // Millions of these may be held at once (`--lines`).
        f.strong.shrink_to_fit();
        f.names.shrink_to_fit();
        f.weak.shrink_to_fit();
        f.lex.shrink_to_fit();
        f
    }

    /// The features of several consecutive sentences taken as one.
    pub fn merge(parts: &[Features]) -> Features {
        let mut f = Features::default();
        for p in parts {
            f.len += p.len;
            f.strong.extend_from_slice(&p.strong);
            f.names.extend_from_slice(&p.names);
            f.weak.extend_from_slice(&p.weak);
            f.lex.extend_from_slice(&p.lex);
            f.lex_total += p.lex_total;
        }
        f.strong.sort_unstable();
        f.names.sort_unstable();
        f.weak.sort_unstable();
        f.lex.sort_unstable();
        f.lex.dedup();
        f.strong.shrink_to_fit();
        f.names.shrink_to_fit();
        f.weak.shrink_to_fit();
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
        text.chars()
            .filter(|&c| !c.is_whitespace() && c != TATWEEL)
            .count() as f32
    }
}

/// Folds digit systems and full-width forms onto ASCII; drops tatweel.
fn normalize_char(c: char) -> Option<char> {
    let u = c as u32;
    Some(match u {
        0x0640 => return None,
        0x0660..=0x0669 => char::from_u32(u - 0x0660 + '0' as u32)?,
        0x06F0..=0x06F9 => char::from_u32(u - 0x06F0 + '0' as u32)?,
        0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0)?,
        0x066B => '.', // Arabic decimal separator
        0x066C => ',', // Arabic thousands separator
        _ => c,
    })
}

fn hash<T: Hash>(t: &T) -> u64 {
    // SipHash with fixed zero keys: identical across runs and threads.
    let mut h = DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

/// Lower-cased alphabetic words of `text` (tatweel removed).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphabetic() || c == TATWEEL))
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .filter(|&c| c != TATWEEL)
                .flat_map(char::to_lowercase)
                .collect()
        })
}

/// Lower case without diacritics, for cognate keys (`développement` ~ `development`).
fn fold(w: &str) -> String {
    w.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// The length of a paragraph number (`1. `, `12.`) opening a text, or 0.
fn leading_label(s: &[char]) -> usize {
    let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=3).contains(&digits) || s.get(digits) != Some(&'.') {
        return 0;
    }
    match s.get(digits + 1) {
        Some(c) if c.is_ascii_digit() => 0,
        _ => digits + 1,
    }
}

/// Years, months and days written in Chinese numerals (`一九四二年一月一日`,
/// `二〇一九年`) give the tokens their figures give.
fn zh_numeral_dates(run: &[char], out: &mut Vec<u64>) {
    let is_num = is_zh_numeral;
    let mut k = 0;
    while k < run.len() {
        if !is_num(run[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < run.len() && is_num(run[k]) {
            k += 1;
        }
        let Some(&unit) = run.get(k) else { break };
        let numeral: String = run[start..k].iter().collect();
        let value = crate::lang::tables::chinese_number(&numeral);
        match (unit, value) {
            // A year is written digit by digit (`一九四二`), never with `十`.
            ('年', Some(y)) if k - start == 4 && !numeral.contains('十') => {
                out.push(hash(&("#", y.to_string())));
            }
            ('月', Some(m @ 1..=12)) => out.push(hash(&("M", m as u8))),
            ('日', Some(d @ 1..=31)) => out.push(hash(&("#", d.to_string()))),
            _ => {}
        }
    }
}

fn is_zh_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Number-grouping characters that may sit between digits.
fn is_group_sep(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'')
}

/// Collects the hashed translation-invariant tokens of a normalized text.
fn strong_tokens(s: &[char], lang: Lang, out: &mut Vec<u64>, names: &mut Vec<u64>) {
    let n = s.len();
    let digit = |k: usize| k < n && s[k].is_ascii_digit();
    let alnum = |k: usize| k < n && s[k].is_ascii_alphanumeric();
    // One buffer for every token's characters, not an allocation each.
    let mut run = String::new();
    // Numbers in words (lang::numerals): a percentage is its figure, a
    // fraction its value; other numbers only count when shared.
    run.extend(s);
    for x in crate::lang::numerals::numerals(&run, lang) {
        // `百分之25`: the digits are a token already.
        if run[x.range.clone()].bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        match (x.kind, x.value) {
            (crate::lang::numerals::NumeralKind::Percent, Some(v)) => {
                out.push(hash(&("#", v.to_string())))
            }
            (crate::lang::numerals::NumeralKind::Number, Some(v)) => names.push(hash(&("N", v))),
            _ => out.push(hash(&("F", x.key))),
        }
    }
    let mut i = 0;
    while i < n {
        let c = s[i];
        if c.is_ascii_alphanumeric() {
            let start = i;
            let mut j = i + 1;
            loop {
                if alnum(j) {
                    j += 1;
                } else if j + 1 < n
                    && ((matches!(s[j], '/' | '-' | '.' | '_') && alnum(j + 1))
                        || (s[j] == ',' && digit(j - 1) && digit(j + 1)))
                {
                    j += 2;
                } else if j < n
                    && is_group_sep(s[j])
                    && digit(j - 1)
                    && digit(j + 1)
                    && digit(j + 2)
                    && digit(j + 3)
                    && !digit(j + 4)
                {
                    // `437 100`: a thousands group, not two numbers.
                    j += 4;
                } else {
                    break;
                }
            }
            run.clear();
            run.extend(&s[start..j]);
            token_of_run(&run, s.get(j).copied(), lang, out, names);
            i = j;
        } else if lang == Lang::Zh {
            // Chinese has no month words: besides ASCII runs, only dates
            // and years in Chinese numerals (`一九四二年一月一日`) count.
            if is_zh_numeral(c) {
                let start = i;
                while i < n && (is_zh_numeral(s[i]) || matches!(s[i], '年' | '月' | '日')) {
                    i += 1;
                }
                zh_numeral_dates(&s[start..i], out);
            } else {
                i += 1;
            }
        } else if c.is_alphabetic() {
            // A non-ASCII word: only months are translation-invariant.
            let start = i;
            while i < n && s[i].is_alphabetic() && !s[i].is_ascii() {
                i += 1;
            }
            // No month name is longer than 16 letters.
            if i - start <= 16 {
                let w: String = s[start..i].iter().flat_map(|c| c.to_lowercase()).collect();
                if let Some(m) = crate::lang::month_number(&w, lang) {
                    out.push(hash(&("M", m)));
                }
            }
            if i == start {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
}

fn token_of_run(
    run: &str,
    next: Option<char>,
    lang: Lang,
    out: &mut Vec<u64>,
    names: &mut Vec<u64>,
) {
    let has_digit = run.bytes().any(|b| b.is_ascii_digit());
    let has_alpha = run.bytes().any(|b| b.is_ascii_alphabetic());
    if has_digit && !has_alpha && !run.contains(['/', '-', '_']) {
        let digits: String = run.chars().filter(char::is_ascii_digit).collect();
        let digits = digits.trim_start_matches('0');
        if lang == Lang::Zh && next == Some('月') {
            if let Ok(m) = digits.parse::<u8>() {
                out.push(hash(&("M", m)));
                return;
            }
        }
        out.push(hash(&("#", digits)));
    } else if has_digit && has_alpha && !run.contains(['/', '-', '.']) {
        // Ordinals `1st`, `2e`, `3rd`, `4o` are the number; `G20` is a name.
        let d: String = run.chars().take_while(char::is_ascii_digit).collect();
        let rest = run[d.len()..].to_ascii_lowercase();
        if !d.is_empty()
            && matches!(
                rest.as_str(),
                "st" | "nd" | "rd" | "th" | "e" | "er" | "re" | "eme" | "o" | "a"
            )
        {
            out.push(hash(&("#", d.trim_start_matches('0'))));
        } else {
            out.push(hash(&("S", run.to_ascii_uppercase())));
        }
    } else if has_digit {
        out.push(hash(&("S", run.to_ascii_uppercase())));
    } else {
        let lower = run.to_ascii_lowercase();
        if lang.is_latin() {
            if let Some(m) = crate::lang::month_number(&lower, lang) {
                // `may` is a verb; only the capitalized form is the month.
                if lower != "may" || run.starts_with('M') {
                    out.push(hash(&("M", m)));
                }
                return;
            }
        }
        // Latin names and acronyms: in zh/ar/ru text they are names kept in
        // Latin script; in Latin-script text only the capitalized ones.
        let capital = run.chars().next().is_some_and(|c| c.is_ascii_uppercase());
        let keep = if lang.is_latin() {
            capital && run.len() >= 3
        } else {
            run.len() >= 2
        };
        if keep {
            names.push(hash(&("W", lower)));
        }
    }
}

/// Prices the link between a run of source and a run of target sentences.
pub trait Scorer: Send + Sync {
    /// Cost in nats of linking `src` with `tgt` (both non-empty runs of
    /// consecutive sentences); lower is better, negative is evidence for.
    fn cost(&self, src: &[Features], tgt: &[Features]) -> f32;
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

impl Scorer for LengthScorer {
    fn cost(&self, src: &[Features], tgt: &[Features]) -> f32 {
        let l1: f32 = src.iter().map(|f| f.len).sum();
        let l2: f32 = tgt.iter().map(|f| f.len).sum();
        self.cost_of(l1, l2)
    }
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

thread_local! {
    static SCRATCH: RefCell<(Vec<u64>, Vec<u64>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

/// Size of the multiset intersection of the concatenated sorted lists.
fn shared(
    src: &[Features],
    tgt: &[Features],
    get: impl Fn(&Features) -> &[u64],
) -> (usize, usize, usize) {
    if src.len() == 1 && tgt.len() == 1 {
        let (a, b) = (get(&src[0]), get(&tgt[0]));
        return (intersect(a, b), a.len(), b.len());
    }
    SCRATCH.with(|s| {
        let (a, b) = &mut *s.borrow_mut();
        a.clear();
        b.clear();
        for f in src {
            a.extend_from_slice(get(f));
        }
        for f in tgt {
            b.extend_from_slice(get(f));
        }
        if src.len() > 1 {
            a.sort_unstable();
        }
        if tgt.len() > 1 {
            b.sort_unstable();
        }
        (intersect(a, b), a.len(), b.len())
    })
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

impl Scorer for TokenScorer {
    fn cost(&self, src: &[Features], tgt: &[Features]) -> f32 {
        let (m, a, b) = shared(src, tgt, |f| &f.strong);
        let (names, _, _) = shared(src, tgt, |f| &f.names);
        self.price(m, a + b - 2 * m, names)
    }
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

impl Scorer for CognateScorer {
    fn cost(&self, src: &[Features], tgt: &[Features]) -> f32 {
        let (m, a, b) = shared(src, tgt, |f| &f.weak);
        self.price(m, a + b)
    }
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

impl Scorer for LexiconScorer {
    fn cost(&self, src: &[Features], tgt: &[Features]) -> f32 {
        let (gloss, words) = if src.iter().any(|f| f.lex_total > 0) {
            (tgt, src)
        } else {
            (src, tgt)
        };
        let total: u32 = words.iter().map(|f| f.lex_total).sum();
        if total == 0 {
            return 0.0;
        }
        self.price(lex_hits(gloss, words), total)
    }
}

impl LexiconScorer {
    /// The cost of `hits` content words explained out of `total` (> 0).
    pub fn price(&self, hits: usize, total: u32) -> f32 {
        -self.weight * (hits as f32 / total as f32 - self.baseline)
    }
}

fn lex_hits(gloss: &[Features], words: &[Features]) -> usize {
    if gloss.len() == 1 && words.len() == 1 {
        return intersect(&gloss[0].lex, &words[0].lex);
    }
    let mut g: Vec<u32> = gloss.iter().flat_map(|f| f.lex.iter().copied()).collect();
    g.sort_unstable();
    g.dedup();
    let mut w: Vec<u32> = words.iter().flat_map(|f| f.lex.iter().copied()).collect();
    w.sort_unstable();
    intersect(&g, &w)
}

/// A bilingual lexicon from a source language (usually zh) to a target
/// language: source keys (words or, when learned from Chinese, character
/// bigrams) map to ids of target words.
///
/// Tables are read from and written to one text format, a section per
/// language pair:
///
/// ```text
/// # sixalign lexicon zh-fr learned
/// 决议<TAB>résol
/// 大会<TAB>assem génér
/// ```
///
/// A header `# sixalign lexicon SRC-TGT` (with `learned` when the entries
/// were learned from aligned text) starts a section; each line below it is
/// `key<TAB>translations`. Lines before any header are a zh–en dictionary
/// (`headword<TAB>English gloss`, as `cedict.zh-en.tsv`); other `#` lines are
/// comments.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Language of the keys.
    pub src_lang: Option<Lang>,
    /// Language of the translations.
    pub tgt_lang: Option<Lang>,
    keys: HashMap<String, Vec<u32>>,
    vocab: HashMap<String, u32>,
    max_key_chars: usize,
    learned: bool,
}

/// Function words that explain nothing.
const STOP: &[&str] = &[
    "the", "and", "for", "with", "from", "that", "this", "are", "was", "were", "has", "have",
    "its", "their", "which", "who", "not", "all", "any", "other", "such", "also", "been", "des",
    "les", "une", "pour", "dans", "par", "sur", "qui", "que", "est", "aux", "del", "los", "las",
    "con", "por", "para", "una", "que", "como", "sus", "это", "для", "что", "как", "при",
];

/// Word key: lower-cased, folded, cut to a 5-letter stem so that
/// `resolutions`/`resolution` and `developing`/`development` meet.
fn stem(w: &str) -> Option<String> {
    let f = fold(w);
    if f.chars().count() < 3 || STOP.contains(&f.as_str()) {
        return None;
    }
    let s: String = f.chars().take(5).collect();
    // A stem is its own stem (a saved table reads back the same): `others`
    // goes with `other`.
    (!STOP.contains(&s.as_str())).then_some(s)
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF)
}

/// The content words of a dictionary gloss, as the lexicon keeps them
/// (lower-cased, no function words, at most 12): what a compact copy of a
/// dictionary needs to hold.
pub fn gloss_words(gloss: &str) -> Vec<String> {
    words(gloss)
        .filter(|w| stem(w).is_some())
        .take(12)
        .collect()
}

/// The compact CC-CEDICT shipped with the library (`data/lexicon/`, built by
/// `examples/compact_cedict.rs`; CC BY-SA 4.0, CC-CEDICT by MDBG).
static CEDICT: &[u8] = include_bytes!("../data/lexicon/cedict.zh-en.lex.deflate");

impl Lexicon {
    /// The zh–en lexicon shipped with the library: CC-CEDICT (CC BY-SA 4.0,
    /// MDBG, <https://www.mdbg.net/chinese/dictionary?page=cc-cedict>),
    /// simplified headwords with the content words of their glosses. Decoded
    /// once per process.
    pub fn cedict() -> Arc<Lexicon> {
        static LEX: OnceLock<Arc<Lexicon>> = OnceLock::new();
        Arc::clone(LEX.get_or_init(|| {
            let bytes = miniz_oxide::inflate::decompress_to_vec(CEDICT)
                .expect("the embedded CC-CEDICT is valid deflate data");
            let text = String::from_utf8(bytes).expect("the embedded CC-CEDICT is UTF-8");
            let mut v = Lexicon::parse(&text, Path::new("(embedded CC-CEDICT)"))
                .expect("the embedded CC-CEDICT parses");
            Arc::new(v.remove(0))
        }))
    }

    /// Whether the built-in CC-CEDICT serves `a`–`b` (zh–en either way).
    pub fn cedict_fits(a: Lang, b: Lang) -> bool {
        matches!((a, b), (Lang::Zh, Lang::En) | (Lang::En, Lang::Zh))
    }

    /// Loads the first table of a lexicon file (see [`Lexicon`] for the
    /// format), such as CC-CEDICT converted to `cedict.zh-en.tsv`.
    pub fn from_tsv(path: impl AsRef<Path>) -> Result<Lexicon> {
        let path = path.as_ref();
        let mut v = Lexicon::read(path)?;
        Ok(v.remove(0))
    }

    /// Loads every table of a lexicon file (see [`Lexicon`] for the format).
    pub fn read(path: impl AsRef<Path>) -> Result<Vec<Lexicon>> {
        let path = path.as_ref();
        let bytes = crate::input::read_input(path)?;
        let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(&bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| {
            Error::new(ErrorKind::InvalidUtf8 {
                offset: e.valid_up_to(),
            })
            .with_path(path)
        })?;
        Lexicon::parse(text, path)
    }

    /// Parses lexicon text (see [`Lexicon`]); `path` names it in errors.
    /// Never empty: a text without tables gives one empty zh–en table.
    pub fn parse(text: &str, path: &Path) -> Result<Vec<Lexicon>> {
        let mut out: Vec<Lexicon> = Vec::new();
        let fresh = |s: Lang, t: Lang, learned: bool| Lexicon {
            src_lang: Some(s),
            tgt_lang: Some(t),
            learned,
            ..Lexicon::default()
        };
        let mut cur = fresh(Lang::Zh, Lang::En, false);
        let mut started = false;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if let Some(rest) = line.strip_prefix('#') {
                let f: Vec<&str> = rest.split_whitespace().collect();
                if f.len() >= 3 && f[0] == "sixalign" && f[1] == "lexicon" {
                    let pair = f[2]
                        .split_once('-')
                        .and_then(|(a, b)| Some((Lang::from_code(a)?, Lang::from_code(b)?)));
                    let Some((a, b)) = pair.filter(|(a, b)| a != b) else {
                        return Err(Error::new(ErrorKind::Malformed(format!(
                            "`{}` is not a language pair such as zh-fr",
                            f[2]
                        )))
                        .with_path(path)
                        .with_line(n + 1));
                    };
                    if started || !cur.is_empty() {
                        out.push(std::mem::take(&mut cur));
                    }
                    cur = fresh(a, b, f.get(3) == Some(&"learned"));
                    started = true;
                }
                continue;
            }
            let Some((head, gloss)) = line.split_once('\t') else {
                if line.trim().is_empty() {
                    continue;
                }
                return Err(Error::new(ErrorKind::Malformed(
                    "expected `headword<TAB>gloss`".to_string(),
                ))
                .with_path(path)
                .with_line(n + 1));
            };
            cur.add_entry(head.trim(), gloss);
        }
        out.push(cur);
        Ok(out)
    }

    /// Adds `key → content words of gloss`; keys the scorer cannot use are
    /// left out (Chinese keys must be 2 to 6 Han characters: single
    /// characters have dozens of senses and add noise).
    fn add_entry(&mut self, head: &str, gloss: &str) {
        let key = if self.src_lang == Some(Lang::Zh) {
            let chars = head.chars().count();
            if !(2..=6).contains(&chars) || !head.chars().all(is_han) {
                return;
            }
            head.to_string()
        } else {
            match words(head).next().as_deref().and_then(stem) {
                Some(k) => k,
                None => return,
            }
        };
        let ids: Vec<u32> = words(gloss)
            .filter_map(|w| stem(&w))
            .take(12)
            .map(|w| self.word_id(w))
            .collect();
        if ids.is_empty() {
            return;
        }
        self.max_key_chars = self.max_key_chars.max(key.chars().count());
        let e = self.keys.entry(key).or_default();
        e.extend(ids);
        e.sort_unstable();
        e.dedup();
    }

    /// Writes the lexicon as one table of the text format (see [`Lexicon`]),
    /// keys and translations sorted, so the same lexicon gives the same bytes.
    pub fn write_tsv<W: std::io::Write>(&self, mut w: W) -> std::io::Result<()> {
        let (Some(s), Some(t)) = (self.src_lang, self.tgt_lang) else {
            return Ok(());
        };
        let learned = if self.learned { " learned" } else { "" };
        writeln!(w, "# sixalign lexicon {}-{}{learned}", s.code(), t.code())?;
        let mut word = vec![""; self.vocab.len()];
        for (k, &id) in &self.vocab {
            word[id as usize] = k;
        }
        let mut keys: Vec<(&String, &Vec<u32>)> = self.keys.iter().collect();
        keys.sort_unstable();
        let mut line = String::new();
        for (k, ids) in keys {
            let mut ws: Vec<&str> = ids.iter().map(|&i| word[i as usize]).collect();
            ws.sort_unstable();
            // A reader keeps 12 words of a line, as of a dictionary gloss.
            for chunk in ws.chunks(12) {
                line.clear();
                line.push_str(k);
                line.push('\t');
                line.push_str(&chunk.join(" "));
                writeln!(w, "{line}")?;
            }
        }
        Ok(())
    }

    /// Both lexicons in one, for the same language pair: every key with the
    /// translations of either. Dictionary entries outweigh learned ones, so
    /// the union is learned only when both are.
    pub fn union(&self, other: &Lexicon) -> Lexicon {
        let mut out = self.clone();
        out.learned = self.learned && other.learned;
        let mut word = vec![""; other.vocab.len()];
        for (k, &id) in &other.vocab {
            word[id as usize] = k;
        }
        // Ids in the order of `other`'s ids, so the union is deterministic.
        let map: Vec<u32> = word.iter().map(|w| out.word_id((*w).to_string())).collect();
        let mut keys: Vec<(&String, &Vec<u32>)> = other.keys.iter().collect();
        keys.sort_unstable();
        for (k, ids) in keys {
            let e = out.keys.entry(k.clone()).or_default();
            e.extend(ids.iter().map(|&i| map[i as usize]));
            e.sort_unstable();
            e.dedup();
        }
        out.max_key_chars = out.max_key_chars.max(other.max_key_chars);
        out
    }

    /// Learns a lexicon from aligned sentence pairs (anchored paragraphs and
    /// first-pass beads of high confidence): source keys (Chinese character
    /// bigrams, or word stems) and target word stems that co-occur with a
    /// Dice coefficient of at least 0.3 in at least 3 pairs. Counting runs in
    /// parallel over shards of the source keys; the result does not depend
    /// on the number of threads.
    pub fn learn(src_lang: Lang, tgt_lang: Lang, pairs: &[(&str, &str)]) -> Lexicon {
        let mut lex = Lexicon {
            src_lang: Some(src_lang),
            tgt_lang: Some(tgt_lang),
            learned: true,
            ..Lexicon::default()
        };
        // Intern both sides once: counting then works on integer ids.
        let mut src_ids: HashMap<String, u32> = HashMap::new();
        let mut docs: Vec<(Vec<u32>, Vec<u32>)> = Vec::with_capacity(pairs.len());
        for (s, t) in pairs {
            let mut sk: Vec<u32> = source_keys(s, src_lang)
                .into_iter()
                .map(|k| {
                    let next = src_ids.len() as u32;
                    *src_ids.entry(k).or_insert(next)
                })
                .collect();
            sk.sort_unstable();
            sk.dedup();
            let mut tk: Vec<u32> = words(t)
                .filter_map(|w| stem(&w))
                .map(|w| lex.word_id(w))
                .collect();
            tk.sort_unstable();
            tk.dedup();
            docs.push((sk, tk));
        }
        let mut src_count = vec![0u32; src_ids.len()];
        let mut tgt_count = vec![0u32; lex.vocab.len()];
        for (sk, tk) in &docs {
            for &k in sk {
                src_count[k as usize] += 1;
            }
            for &w in tk {
                tgt_count[w as usize] += 1;
            }
        }
        // A pair seen fewer than 3 times is never kept: neither is a key or
        // word seen fewer than 3 times, so they are not counted at all.
        let docs: Vec<(Vec<u32>, Vec<u32>)> = docs
            .into_iter()
            .map(|(sk, tk)| {
                (
                    sk.into_iter()
                        .filter(|&k| src_count[k as usize] >= 3)
                        .collect(),
                    tk.into_iter()
                        .filter(|&w| tgt_count[w as usize] >= 3)
                        .collect(),
                )
            })
            .collect();
        const SHARDS: u32 = 16;
        let found: Vec<Vec<(u32, u32)>> = (0..SHARDS)
            .into_par_iter()
            .map(|shard| {
                let mut count: HashMap<u64, u32, IdHash> = HashMap::default();
                for (sk, tk) in &docs {
                    for &k in sk.iter().filter(|&&k| k % SHARDS == shard) {
                        for &w in tk {
                            *count.entry(u64::from(k) << 32 | u64::from(w)).or_default() += 1;
                        }
                    }
                }
                let mut kept: Vec<(u32, u32)> = count
                    .into_iter()
                    .filter(|&(kw, c)| {
                        let (k, w) = ((kw >> 32) as usize, (kw & 0xFFFF_FFFF) as usize);
                        c >= 3 && 2.0 * c as f32 / (src_count[k] + tgt_count[w]) as f32 >= 0.3
                    })
                    .map(|(kw, _)| ((kw >> 32) as u32, kw as u32))
                    .collect();
                kept.sort_unstable();
                kept
            })
            .collect();
        let mut key_of = vec![String::new(); src_ids.len()];
        for (k, id) in src_ids {
            key_of[id as usize] = k;
        }
        for (k, w) in found.into_iter().flatten() {
            let key = &key_of[k as usize];
            lex.max_key_chars = lex.max_key_chars.max(key.chars().count());
            lex.keys.entry(key.clone()).or_default().push(w);
        }
        for ids in lex.keys.values_mut() {
            ids.sort_unstable();
        }
        lex
    }

    /// Whether it was learned from aligned text ([`Lexicon::learn`]) rather
    /// than read from a dictionary: learned entries are noisier and weigh less.
    pub fn is_learned(&self) -> bool {
        self.learned
    }

    /// Whether this lexicon is for `a`–`b`, in either direction.
    pub fn fits(&self, a: Lang, b: Lang) -> bool {
        (self.src_lang == Some(a) && self.tgt_lang == Some(b))
            || (self.src_lang == Some(b) && self.tgt_lang == Some(a))
    }

    /// Number of source keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    fn word_id(&mut self, w: String) -> u32 {
        let next = self.vocab.len() as u32;
        *self.vocab.entry(w).or_insert(next)
    }

    /// Fills `f.lex` (and `f.lex_total`) for a sentence in `lang`.
    fn keys_of(&self, text: &str, lang: Lang, f: &mut Features) {
        if Some(lang) == self.src_lang {
            if lang == Lang::Zh {
                let han: Vec<char> = text.chars().collect();
                let mut key = String::new();
                for i in 0..han.len() {
                    if !is_han(han[i]) {
                        continue;
                    }
                    key.clear();
                    for &c in han[i..].iter().take(self.max_key_chars) {
                        if !is_han(c) {
                            break;
                        }
                        key.push(c);
                        if let Some(ids) = self.keys.get(&key) {
                            f.lex.extend_from_slice(ids);
                        }
                    }
                }
            } else {
                for w in words(text) {
                    if let Some(ids) = stem(&w).and_then(|k| self.keys.get(&k)) {
                        f.lex.extend_from_slice(ids);
                    }
                }
            }
            f.lex.sort_unstable();
            f.lex.dedup();
        } else if Some(lang) == self.tgt_lang {
            for w in words(text) {
                if let Some(k) = stem(&w) {
                    f.lex_total += 1;
                    if let Some(&id) = self.vocab.get(&k) {
                        f.lex.push(id);
                    }
                }
            }
            f.lex.sort_unstable();
        }
    }
}

/// Hashes the packed (key, word) ids of [`Lexicon::learn`]: one multiply,
/// since the keys are already well spread integers.
#[derive(Clone, Copy, Default)]
struct IdHash;

impl std::hash::BuildHasher for IdHash {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(0)
    }
}

struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Keys a learned lexicon uses for a source sentence.
fn source_keys(text: &str, lang: Lang) -> Vec<String> {
    if lang == Lang::Zh {
        let han: Vec<char> = text.chars().filter(|&c| is_han(c)).collect();
        han.windows(2).map(|w| w.iter().collect()).collect()
    } else {
        words(text).filter_map(|w| stem(&w)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strong(text: &str, lang: Lang) -> Vec<u64> {
        Features::new(text, lang, None).strong
    }

    #[test]
    fn numbers_meet_across_digit_systems_and_separators() {
        let en = strong("It costs 437,100 dollars, 1.25 per day in 2019.", Lang::En);
        let zh = strong("费用为437 100美元，2019年每天1.25", Lang::Zh);
        let fr = strong("Il coûte 437 100 dollars, 1,25 par jour en 2019.", Lang::Fr);
        let ar = strong("٤٣٧ ١٠٠ دولار و1.25 في عام ٢٠١٩", Lang::Ar);
        assert_eq!(en.len(), 3);
        for other in [&zh, &fr, &ar] {
            assert_eq!(intersect(&en, other), 3, "{other:?}");
        }
    }

    #[test]
    fn dates_in_chinese_numerals_meet_their_figures() {
        assert_eq!(
            strong("一九四二年一月一日", Lang::Zh),
            strong("1 January 1942", Lang::En)
        );
        assert_eq!(strong("二〇一九年", Lang::Zh), strong("2019", Lang::En));
        // `十年` is a decade, not a year; `1.` opening a paragraph is its label.
        assert!(strong("十年", Lang::Zh).is_empty());
        assert_eq!(strong("1. 到2030年", Lang::Zh), strong("2030", Lang::En));
    }

    #[test]
    fn dates_meet_through_the_month() {
        let en = strong("on 12 December 2019", Lang::En);
        let zh = strong("2019年12月12日", Lang::Zh);
        let ru = strong("12 декабря 2019 года", Lang::Ru);
        let ar = strong("12 كانون الأول/ديسمبر 2019", Lang::Ar);
        for other in [&zh, &ru, &ar] {
            assert_eq!(intersect(&en, other), 3, "{other:?}");
        }
    }

    #[test]
    fn symbols_are_one_token() {
        let en = strong("resolution A/RES/74/28 and 73/266", Lang::En);
        let zh = strong("第A/RES/74/28号决议和第73/266号", Lang::Zh);
        assert_eq!(en.len(), 2);
        assert_eq!(intersect(&en, &zh), 2);
    }

    #[test]
    fn length_cost_grows_with_mismatch() {
        let s = LengthScorer {
            ratio: 3.0,
            variance: 20.0,
            relative: 0.1,
        };
        let f = |n: f32| Features {
            len: n,
            ..Features::default()
        };
        let good = s.cost(&[f(10.0)], &[f(30.0)]);
        let bad = s.cost(&[f(10.0)], &[f(90.0)]);
        assert!(good < 0.1 && bad > good + 2.0, "{good} {bad}");
    }
}

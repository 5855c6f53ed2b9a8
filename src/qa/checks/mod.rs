//! The checks of a pair of versions, over their alignment.
//!
//! Structure is checked on blocks (units), everything else on sentences and
//! beads. A fault is reported once, where it is most specific: a paragraph
//! missing from one version is a `missing_block`, and its sentences are not
//! reported again as unaligned; a number that differs is looked for in the
//! whole region first, so that a bead boundary drawn one sentence off does
//! not turn into a false `number_mismatch`.

mod alignment;
mod evidence;
mod numbers;
mod structure;
mod untranslated;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::anchor::{self, Unit};
use crate::document::Document;
use crate::engine::PairAlignment;
use crate::lang::Lang;

use super::tokens::{Token, tokens};
use super::{FindingKind, PairFinding, Severity, Side, sort_findings};

/// The numbers that decide when a bead is reported.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    /// Beads scoring below this are `low_score` (scores run from 0 to 1).
    pub low_score: f32,
    /// Robust z-score of the log length ratio beyond which a bead is a
    /// `length_outlier` (median and MAD of the pair's own beads).
    pub length_z: f64,
    /// Beads shorter than this many characters on the hub side are not
    /// tested for length: short segments vary too much.
    pub length_min_chars: usize,
    /// Unaligned text at least this long (in hub-equivalent characters) is an
    /// error; shorter is a warning.
    pub unaligned_error_chars: f64,
    /// Share of a target sentence's letters in the hub's script above which
    /// it is `untranslated`.
    pub hub_script_share: f64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            low_score: 0.05,
            length_z: 4.0,
            length_min_chars: 12,
            unaligned_error_chars: 12.0,
            hub_script_share: 0.5,
        }
    }
}

/// Checks a pair with the default [`Thresholds`]; findings sorted.
pub fn check_pair(hub: &Document, other: &Document, alignment: &PairAlignment) -> Vec<PairFinding> {
    check_pair_with(hub, other, alignment, &Thresholds::default())
}

/// Checks a pair with the given thresholds; findings sorted and deduplicated.
pub fn check_pair_with(
    hub: &Document,
    other: &Document,
    alignment: &PairAlignment,
    th: &Thresholds,
) -> Vec<PairFinding> {
    let mut c = Ctx::new(hub, other, alignment, th);
    c.structure();
    c.inner_paragraphs();
    c.parser_findings();
    c.preamble();
    c.footnote_refs();
    c.footnote_texts();
    c.untranslated();
    c.numbers();
    c.beads();
    let mut out = c.out;
    sort_findings(&mut out);
    out
}

struct Ctx<'a> {
    hub: &'a Document,
    other: &'a Document,
    pa: &'a PairAlignment,
    th: &'a Thresholds,
    su: Vec<Unit<'a>>,
    tu: Vec<Unit<'a>>,
    /// Sentence range of every unit.
    s_sents: Vec<Range<usize>>,
    t_sents: Vec<Range<usize>>,
    /// Units already reported as missing or relabelled: their sentences are
    /// not reported again as unaligned.
    s_explained: BTreeSet<usize>,
    t_explained: BTreeSet<usize>,
    /// Target sentences reported as untranslated.
    t_untranslated: BTreeSet<usize>,
    /// For a region and side where a unit was reported missing, how many
    /// of the unit's sentences the aligner linked all the same: they took
    /// the place of as many sentences of that side, which then look
    /// unaligned although the fault is the missing unit.
    displaced: BTreeMap<(usize, Side), usize>,
    /// Sentences already reported as having no counterpart (a numbered
    /// paragraph left out): not reported again bead by bead.
    s_reported: BTreeSet<usize>,
    t_reported: BTreeSet<usize>,
    /// The tokens of every sentence, computed once.
    s_tokens: Vec<Vec<Token>>,
    t_tokens: Vec<Vec<Token>>,
    /// The 1-based line of every sentence in its version.
    s_lines: Vec<usize>,
    t_lines: Vec<usize>,
    /// Hub characters per target character, for lengths on one scale.
    ratio: f64,
    out: Vec<PairFinding>,
}

/// The line of each sentence: the line of the part of its block's text
/// (an article's paragraph) its span starts in, or the block's line.
fn sentence_lines(
    doc: &Document,
    units: &[Unit<'_>],
    sents: &[crate::engine::Sentence],
) -> Vec<usize> {
    let mut out = Vec::with_capacity(sents.len());
    // The unit last looked at, and where in the original each of its parts
    // after the first starts.
    let mut parts: (usize, Vec<usize>) = (usize::MAX, Vec::new());
    for s in sents {
        let Some(u) = units.get(s.unit) else {
            out.push(0);
            continue;
        };
        // Footnotes follow the blocks among the units, and have one line.
        let block = doc.blocks.get(s.unit).filter(|b| b.text.as_str() == u.text);
        let Some(b) = block.filter(|b| b.lines.len() == u.text.matches('\n').count() + 1) else {
            out.push(u.line);
            continue;
        };
        if parts.0 != s.unit {
            let starts = u.text.match_indices('\n');
            let starts = starts.map(|(at, _)| u.offsets.original(at + 1..at + 1).start);
            parts = (s.unit, starts.collect());
        }
        let part = parts.1.partition_point(|&start| start <= s.span.start);
        out.push(b.lines[part]);
    }
    out
}

/// The length of a sentence as written, in characters: the scorer's count
/// ([`crate::score::char_count`]) of the text it reads.
fn len_chars(s: &str) -> usize {
    crate::score::char_count(&crate::engine::scored_text(s))
}

impl<'a> Ctx<'a> {
    fn new(
        hub: &'a Document,
        other: &'a Document,
        pa: &'a PairAlignment,
        th: &'a Thresholds,
    ) -> Ctx<'a> {
        let su = anchor::units(hub);
        let tu = anchor::units(other);
        let (s_lines, t_lines) = (
            sentence_lines(hub, &su, &pa.src),
            sentence_lines(other, &tu, &pa.tgt),
        );
        // The engine's map from units to sentences, not rebuilt here.
        let s_sents = pa.src_units.clone();
        let t_sents = pa.tgt_units.clone();
        let ls: usize = pa.src.iter().map(|s| len_chars(&s.text)).sum();
        let lt: usize = pa.tgt.iter().map(|s| len_chars(&s.text)).sum();
        let ratio = if ls > 0 && lt > 0 {
            ls as f64 / lt as f64
        } else {
            1.0
        };
        Ctx {
            hub,
            other,
            pa,
            th,
            su,
            tu,
            s_sents,
            t_sents,
            s_explained: BTreeSet::new(),
            t_explained: BTreeSet::new(),
            t_untranslated: BTreeSet::new(),
            displaced: BTreeMap::new(),
            s_reported: BTreeSet::new(),
            t_reported: BTreeSet::new(),
            s_tokens: pa
                .src
                .iter()
                .map(|x| tokens(&crate::engine::scored_text(&x.text), pa.src_lang))
                .collect(),
            t_tokens: pa
                .tgt
                .iter()
                .map(|x| tokens(&crate::engine::scored_text(&x.text), pa.tgt_lang))
                .collect(),
            ratio,
            s_lines,
            t_lines,
            out: Vec::new(),
        }
    }

    fn join(&self, side: Side, r: &Range<usize>) -> String {
        let (sents, lang) = match side {
            Side::Tgt => (&self.pa.tgt, self.pa.tgt_lang),
            _ => (&self.pa.src, self.pa.src_lang),
        };
        let sep = if lang == Lang::Zh { "" } else { " " };
        sents
            .get(r.clone())
            .unwrap_or_default()
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(sep)
    }

    fn region_of(&self, src: &Range<usize>, tgt: &Range<usize>) -> usize {
        if let Some(s) = self.pa.src.get(src.start).filter(|_| !src.is_empty()) {
            return s.region;
        }
        if let Some(t) = self.pa.tgt.get(tgt.start).filter(|_| !tgt.is_empty()) {
            return t.region;
        }
        // An empty pair of ranges: the region whose hub range holds the position.
        self.pa
            .regions
            .iter()
            .position(|r| r.src.start <= src.start && src.start <= r.src.end)
            .unwrap_or(0)
    }

    fn unit_key(&self, side: Side, sent: &Range<usize>) -> (Option<String>, Option<usize>) {
        let (sents, units) = match side {
            Side::Tgt => (&self.pa.tgt, &self.tu),
            _ => (&self.pa.src, &self.su),
        };
        if sent.is_empty() {
            return (None, None);
        }
        let lines = match side {
            Side::Tgt => &self.t_lines,
            _ => &self.s_lines,
        };
        match sents.get(sent.start).and_then(|s| units.get(s.unit)) {
            Some(u) => (
                u.key.clone(),
                lines.get(sent.start).copied().or(Some(u.line)),
            ),
            None => (None, None),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: FindingKind,
        severity: Severity,
        side: Side,
        label: Option<String>,
        src: Range<usize>,
        tgt: Range<usize>,
        lines: (Option<usize>, Option<usize>),
        message: String,
    ) {
        let region = self
            .pa
            .regions
            .get(self.region_of(&src, &tgt))
            .map(|r| r.region.label.clone())
            .unwrap_or_default();
        let src_text = self.join(Side::Src, &src);
        let tgt_text = self.join(Side::Tgt, &tgt);
        self.out.push(PairFinding {
            kind,
            category: kind.category(),
            severity,
            doc: self.pa.doc.clone(),
            src_lang: self.pa.src_lang,
            tgt_lang: self.pa.tgt_lang,
            side,
            region,
            label,
            src,
            tgt,
            src_line: lines.0,
            tgt_line: lines.1,
            src_text,
            tgt_text,
            message,
        });
    }

    /// A finding on sentence ranges; label and lines from the units there.
    fn push_at(
        &mut self,
        kind: FindingKind,
        severity: Severity,
        side: Side,
        src: Range<usize>,
        tgt: Range<usize>,
        message: String,
    ) {
        let (sk, sl) = self.unit_key(Side::Src, &src);
        let (tk, tl) = self.unit_key(Side::Tgt, &tgt);
        self.push(kind, severity, side, sk.or(tk), src, tgt, (sl, tl), message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Aligner;
    use crate::load::Text;
    use crate::parse::{ParseOptions, parse};

    fn doc(text: &str) -> Document {
        let t = Text::from_bytes("t.txt", text.as_bytes()).expect("load");
        let options = ParseOptions {
            lang: Some(Lang::En),
            symbol: None,
        };
        parse(&t, &options).expect("parse")
    }

    /// A sentence's line is the line of the article paragraph its span
    /// starts in, also when an earlier paragraph holds the same words.
    #[test]
    fn a_sentence_is_on_the_line_of_its_paragraph() {
        let d = doc("Article 1\n\
            1. Everyone has the right to life.\n\
            2. Everyone has the right to life. No one shall be held in slavery.\n\
            3. Everyone has the right to life.\n\
            Article 2\n\
            No one shall be subjected to torture.\n");
        let pa = Aligner::new().align_pair(&d, &d);
        let lines = sentence_lines(&d, &anchor::units(&d), &pa.src);
        let got: Vec<(&str, usize)> = pa
            .src
            .iter()
            .zip(&lines)
            .map(|(s, &l)| (s.text.as_str(), l))
            .collect();
        let want = [
            ("1. Everyone has the right to life.", 2),
            ("2. Everyone has the right to life.", 3),
            ("No one shall be held in slavery.", 3),
            ("3. Everyone has the right to life.", 4),
            ("No one shall be subjected to torture.", 6),
        ];
        assert_eq!(got, want);
    }
}

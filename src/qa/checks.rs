//! The checks of a pair of versions, over their alignment.
//!
//! Structure is checked on blocks (units), everything else on sentences and
//! beads. A fault is reported once, where it is most specific: a paragraph
//! missing from one version is a `missing_block`, and its sentences are not
//! reported again as unaligned; a number that differs is looked for in the
//! whole region first, so that a bead boundary drawn one sentence off does
//! not turn into a false `number_mismatch`.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::anchor::{self, RegionKind, Unit};
use crate::document::{BlockKind, Document};
use crate::engine::PairAlignment;
use crate::lang::Lang;

use super::tokens::{Token, TokenKind, tokens};
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
    /// The tokens of every sentence, computed once.
    s_tokens: Vec<Vec<Token>>,
    t_tokens: Vec<Vec<Token>>,
    /// Hub characters per target character, for lengths on one scale.
    ratio: f64,
    out: Vec<PairFinding>,
}

fn len_chars(s: &str) -> usize {
    s.chars()
        .filter(|&c| !c.is_whitespace() && c != '\u{0640}')
        .count()
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
            s_tokens: pa
                .src
                .iter()
                .map(|x| tokens(&x.text, pa.src_lang))
                .collect(),
            t_tokens: pa
                .tgt
                .iter()
                .map(|x| tokens(&x.text, pa.tgt_lang))
                .collect(),
            ratio,
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
        match sents.get(sent.start).and_then(|s| units.get(s.unit)) {
            Some(u) => (u.key.clone(), Some(u.line)),
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

    /// Blocks and footnotes in one version only, and labels that differ.
    fn structure(&mut self) {
        let (sl, tl) = (self.pa.src_lang, self.pa.tgt_lang);
        // Relabelling: the same number of labelled blocks under one parent
        // in both versions, with different labels, is a renumbering, not a
        // paragraph missing on one side and added on the other.
        let groups = |units: &[Unit<'_>]| {
            let mut g: BTreeMap<(u8, String), Vec<usize>> = BTreeMap::new();
            for (i, u) in units.iter().enumerate() {
                let (Some(kind), Some(key)) = (u.kind, &u.key) else {
                    continue;
                };
                let (k, parent) = match kind {
                    BlockKind::Operative => (0, String::new()),
                    BlockKind::Article => (1, String::new()),
                    BlockKind::Subparagraph => {
                        (2, key.rfind('(').map_or("", |p| &key[..p]).to_string())
                    }
                    BlockKind::Heading => (3, String::new()),
                    _ => continue,
                };
                g.entry((k, parent)).or_default().push(i);
            }
            g
        };
        let sg = groups(&self.su);
        let tg = groups(&self.tu);
        for (g, s_units) in &sg {
            let Some(t_units) = tg.get(g) else { continue };
            if s_units.len() != t_units.len() {
                continue;
            }
            for (&a, &b) in s_units.iter().zip(t_units) {
                let (ka, kb) = (
                    self.su[a].key.clone().unwrap_or_default(),
                    self.tu[b].key.clone().unwrap_or_default(),
                );
                if ka == kb {
                    continue;
                }
                self.s_explained.insert(a);
                self.t_explained.insert(b);
                let (ra, rb) = (
                    self.su[a].raw_label.unwrap_or(&ka).to_string(),
                    self.tu[b].raw_label.unwrap_or(&kb).to_string(),
                );
                let (lines, s, t) = (
                    (Some(self.su[a].line), Some(self.tu[b].line)),
                    self.s_sents[a].clone(),
                    self.t_sents[b].clone(),
                );
                self.push(
                    FindingKind::NumberingDiffers,
                    Severity::Error,
                    Side::Both,
                    Some(ka.clone()),
                    s,
                    t,
                    lines,
                    format!(
                        "{ka} in {sl}{} is numbered {kb} in {tl}{}",
                        written(&ka, &ra),
                        written(&kb, &rb)
                    ),
                );
            }
        }
        for k in 0..self.pa.regions.len() {
            let r = &self.pa.regions[k].region;
            if r.kind != RegionKind::Gap {
                continue;
            }
            let (rs, rt) = (r.src.clone(), r.tgt.clone());
            for u in rs {
                if !self.s_explained.contains(&u) {
                    self.missing(Side::Src, u);
                }
            }
            for u in rt {
                if !self.t_explained.contains(&u) {
                    self.missing(Side::Tgt, u);
                }
            }
        }
    }

    /// Unit `u` of `side` (labelled, in a gap) has no counterpart.
    fn missing(&mut self, side: Side, u: usize) {
        let (units, sents, here, there) = match side {
            Side::Tgt => (&self.tu, &self.t_sents, self.pa.tgt_lang, self.pa.src_lang),
            _ => (&self.su, &self.s_sents, self.pa.src_lang, self.pa.tgt_lang),
        };
        let unit = &units[u];
        let Some(key) = unit.key.clone() else { return };
        let (kind, what, severity) = match unit.kind {
            None => (FindingKind::MissingFootnote, "footnote", Severity::Error),
            Some(BlockKind::Heading) => (FindingKind::MissingBlock, "heading", Severity::Warning),
            Some(k) => (FindingKind::MissingBlock, k.name(), Severity::Error),
        };
        let raw = unit.raw_label.unwrap_or(&key).to_string();
        let line = unit.line;
        let range = sents[u].clone();
        // The empty range on the other side sits where the unit's region
        // starts there.
        let first = sents[u].start.min(if side == Side::Tgt {
            self.pa.tgt.len()
        } else {
            self.pa.src.len()
        });
        let (src, tgt, lines) = match side {
            Side::Tgt => {
                let at = self
                    .pa
                    .tgt
                    .get(first)
                    .map(|s| self.pa.regions[s.region].src.start)
                    .unwrap_or(self.pa.src.len());
                self.t_explained.insert(u);
                (at..at, range, (None, Some(line)))
            }
            _ => {
                let at = self
                    .pa
                    .src
                    .get(first)
                    .map(|s| self.pa.regions[s.region].tgt.start)
                    .unwrap_or(self.pa.tgt.len());
                self.s_explained.insert(u);
                (range, at..at, (Some(line), None))
            }
        };
        self.push(
            kind,
            severity,
            side,
            Some(key),
            src,
            tgt,
            lines,
            format!("{what} {raw} is in {here} but not in {there}"),
        );
    }

    /// Numbering and footnote findings of the parser that one version has
    /// and the other has not.
    fn parser_findings(&mut self) {
        let relevant = |k: FindingKind| {
            matches!(
                k,
                FindingKind::NumberingGap
                    | FindingKind::NumberingRepeat
                    | FindingKind::NumberingOrder
                    | FindingKind::FootnoteUnmatched
            )
        };
        let key = |f: &crate::finding::Finding| (f.kind.name(), f.label.clone());
        let hub_keys: BTreeSet<_> = self.hub.findings.iter().map(key).collect();
        let other_keys: BTreeSet<_> = self.other.findings.iter().map(key).collect();
        let mut add = Vec::new();
        for (side, doc, others) in [
            (Side::Src, self.hub, &other_keys),
            (Side::Tgt, self.other, &hub_keys),
        ] {
            for f in &doc.findings {
                if relevant(f.kind) && !others.contains(&key(f)) {
                    add.push((side, doc.lang, f.clone()));
                }
            }
        }
        for (side, lang, f) in add {
            // The sentences of the block the finding names, when it has one.
            let (units, sents) = match side {
                Side::Tgt => (&self.tu, &self.t_sents),
                _ => (&self.su, &self.s_sents),
            };
            let u = units.iter().position(|u| {
                f.line == Some(u.line)
                    && (u.key == f.label || u.key == f.label.as_ref().map(|l| format!("fn{l}")))
            });
            let range = u.map(|u| sents[u].clone()).unwrap_or(0..0);
            let (src, tgt, lines) = match side {
                Side::Tgt => (0..0, range, (None, f.line)),
                _ => (range, 0..0, (f.line, None)),
            };
            self.push(
                f.kind,
                f.severity,
                side,
                f.label.clone(),
                src,
                tgt,
                lines,
                format!("{lang}: {}", f.message),
            );
        }
    }

    fn preamble(&mut self) {
        let count = |d: &Document| {
            d.blocks
                .iter()
                .filter(|b| b.kind == BlockKind::Preamble)
                .count()
        };
        let (a, b) = (count(self.hub), count(self.other));
        if a == b {
            return;
        }
        // Preambles are split differently by different translators (the
        // UDHR has 8 preambular paragraphs in zh, 10 in en); what matters is
        // whether text is left over once the sentences are aligned.
        let mut s = 0..0;
        let mut t = 0..0;
        let mut unaligned = false;
        for r in &self.pa.regions {
            if r.region.label == "preamble" {
                s = r.src.clone();
                t = r.tgt.clone();
                unaligned = r.beads.iter().any(|b| b.src.is_empty() || b.tgt.is_empty());
                break;
            }
        }
        let severity = if unaligned {
            Severity::Warning
        } else {
            Severity::Info
        };
        let (sl, tl) = (self.pa.src_lang, self.pa.tgt_lang);
        self.push(
            FindingKind::PreambleCount,
            severity,
            Side::Both,
            Some("preamble".into()),
            s,
            t,
            (None, None),
            format!("{a} preambular paragraphs in {sl}, {b} in {tl}"),
        );
    }

    fn block_refs(&self, side: Side, units: Range<usize>) -> Vec<String> {
        let doc = if side == Side::Tgt {
            self.other
        } else {
            self.hub
        };
        units
            .filter_map(|u| doc.blocks.get(u))
            .flat_map(|b| b.footnote_refs.iter().cloned())
            .collect()
    }

    fn footnote_refs(&mut self) {
        let (sl, tl) = (self.pa.src_lang, self.pa.tgt_lang);
        for k in 0..self.pa.regions.len() {
            let ra = &self.pa.regions[k];
            let a = self.block_refs(Side::Src, ra.region.src.clone());
            let b = self.block_refs(Side::Tgt, ra.region.tgt.clone());
            if a == b {
                continue;
            }
            let (s, t) = (ra.src.clone(), ra.tgt.clone());
            let show = |v: &[String]| {
                if v.is_empty() {
                    "none".to_string()
                } else {
                    v.join(", ")
                }
            };
            let msg = format!(
                "footnotes cited: {} in {sl}, {} in {tl}",
                show(&a),
                show(&b)
            );
            self.push_at(
                FindingKind::FootnoteRef,
                Severity::Error,
                Side::Both,
                s,
                t,
                msg,
            );
        }
    }

    fn is_footnote_region(&self, k: usize) -> bool {
        let r = &self.pa.regions[k].region;
        r.kind == RegionKind::Anchored && self.su.get(r.src.start).is_some_and(|u| u.kind.is_none())
    }

    fn footnote_texts(&mut self) {
        for k in 0..self.pa.regions.len() {
            if !self.is_footnote_region(k) {
                continue;
            }
            let ra = &self.pa.regions[k];
            let (s, t) = (ra.src.clone(), ra.tgt.clone());
            let a = self.tokens_of(Side::Src, &s);
            let b = self.tokens_of(Side::Tgt, &t);
            let (la, lb) = diff(&a, &b);
            if la.is_empty() && lb.is_empty() {
                continue;
            }
            let msg = format!(
                "footnote texts differ: {}",
                describe(&la, &lb, self.pa.src_lang, self.pa.tgt_lang)
            );
            self.push_at(
                FindingKind::FootnoteMismatch,
                Severity::Error,
                Side::Both,
                s,
                t,
                msg,
            );
        }
    }

    fn tokens_of(&self, side: Side, r: &Range<usize>) -> Vec<Token> {
        let all = match side {
            Side::Tgt => &self.t_tokens,
            _ => &self.s_tokens,
        };
        all.get(r.clone())
            .unwrap_or_default()
            .iter()
            .flatten()
            .cloned()
            .collect()
    }

    /// Target sentences in the hub's script, or copied from the hub.
    fn untranslated(&mut self) {
        let (sl, tl) = (self.pa.src_lang, self.pa.tgt_lang);
        let mut found = Vec::new();
        if script(sl) != script(tl) {
            for (i, s) in self.pa.tgt.iter().enumerate() {
                let (hub, letters) = script_share(&s.text, script(sl));
                if hub >= 3 && hub as f64 >= self.th.hub_script_share * letters as f64 {
                    found.push((i, format!("the {tl} text is written in {sl} script")));
                }
            }
        }
        let beads: Vec<_> = self.pa.beads().cloned().collect();
        for b in &beads {
            if b.src.is_empty() || b.tgt.is_empty() {
                continue;
            }
            let a = squash(&self.join(Side::Src, &b.src));
            let t = squash(&self.join(Side::Tgt, &b.tgt));
            // Names, addresses and figures are the same in every language;
            // a copied sentence has words.
            let words = self.join(Side::Tgt, &b.tgt).split_whitespace().count();
            if words >= 3 && a.chars().filter(|c| c.is_alphabetic()).count() >= 4 && a == t {
                for i in b.tgt.clone() {
                    if !found.iter().any(|(j, _)| *j == i) {
                        found.push((i, format!("the {tl} text is identical to the {sl} text")));
                    }
                }
            }
        }
        for (i, msg) in found {
            self.t_untranslated.insert(i);
            // The hub counterpart: the bead holding the sentence.
            let src = beads
                .iter()
                .find(|b| b.tgt.contains(&i))
                .map(|b| b.src.clone())
                .unwrap_or(0..0);
            self.push_at(
                FindingKind::Untranslated,
                Severity::Error,
                Side::Tgt,
                src,
                i..i + 1,
                msg,
            );
        }
    }

    /// Numbers, dates and symbols: compared region by region, reported bead by bead.
    fn numbers(&mut self) {
        let (sl, tl) = (self.pa.src_lang, self.pa.tgt_lang);
        for k in 0..self.pa.regions.len() {
            if self.is_footnote_region(k) {
                continue;
            }
            let ra = &self.pa.regions[k];
            let a = self.tokens_of(Side::Src, &ra.src);
            let b = self.tokens_of(Side::Tgt, &ra.tgt);
            let (la, lb) = diff(&a, &b);
            if la.is_empty() && lb.is_empty() {
                continue;
            }
            let mut left_a: Vec<String> = la.iter().map(|t| t.key.clone()).collect();
            let mut left_b: Vec<String> = lb.iter().map(|t| t.key.clone()).collect();
            let beads = ra.beads.clone();
            for bead in beads {
                // Unaligned text is reported as such.
                if bead.src.is_empty() || bead.tgt.is_empty() {
                    continue;
                }
                if bead.tgt.clone().any(|i| self.t_untranslated.contains(&i)) {
                    continue;
                }
                let ba = self.tokens_of(Side::Src, &bead.src);
                let bb = self.tokens_of(Side::Tgt, &bead.tgt);
                let (da, db) = diff(&ba, &bb);
                let keep = |d: Vec<Token>, left: &mut Vec<String>| -> Vec<Token> {
                    d.into_iter()
                        .filter(|t| match left.iter().position(|k| *k == t.key) {
                            Some(p) => {
                                left.remove(p);
                                true
                            }
                            None => false,
                        })
                        .collect()
                };
                let da = keep(da, &mut left_a);
                let db = keep(db, &mut left_b);
                if da.is_empty() && db.is_empty() {
                    continue;
                }
                let severity = if da.iter().chain(&db).any(significant) {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                self.push_at(
                    FindingKind::NumberMismatch,
                    severity,
                    Side::Both,
                    bead.src.clone(),
                    bead.tgt.clone(),
                    describe(&da, &db, sl, tl),
                );
            }
        }
    }

    /// Unaligned text, weak links and length outliers.
    fn beads(&mut self) {
        let beads: Vec<_> = self.pa.beads().cloned().collect();
        // Robust centre and spread of the log length ratio over the pair's
        // own linked beads.
        let logs: Vec<f64> = beads
            .iter()
            .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
            .filter_map(|b| self.log_ratio(&b.src, &b.tgt))
            .collect();
        let (med, mad) = median_mad(&logs);
        let (sl, tl) = (self.pa.src_lang, self.pa.tgt_lang);
        // Hub text with no counterpart right next to target text with no
        // counterpart, in the same region: both versions have text there,
        // the aligner found it too unlike to link. That is one weak link,
        // not an omission plus an addition.
        let mut crossed = BTreeSet::new();
        for (i, w) in beads.windows(2).enumerate() {
            let (a, b) = (&w[0], &w[1]);
            let one_sided = |x: &crate::align::Bead| x.src.is_empty() != x.tgt.is_empty();
            if !(one_sided(a) && one_sided(b) && a.src.is_empty() != b.src.is_empty()) {
                continue;
            }
            if crossed.contains(&i) {
                continue;
            }
            let src = if a.src.is_empty() {
                b.src.clone()
            } else {
                a.src.clone()
            };
            let tgt = if a.tgt.is_empty() {
                b.tgt.clone()
            } else {
                a.tgt.clone()
            };
            let same_region = self.region_of(&src, &(0..0)) == self.region_of(&(0..0), &tgt);
            let explained = src
                .clone()
                .any(|x| self.s_explained.contains(&self.pa.src[x].unit))
                || tgt
                    .clone()
                    .any(|x| self.t_explained.contains(&self.pa.tgt[x].unit))
                || tgt.clone().any(|x| self.t_untranslated.contains(&x));
            if !same_region || explained {
                continue;
            }
            crossed.insert(i);
            crossed.insert(i + 1);
            self.push_at(
                FindingKind::LowScore,
                Severity::Warning,
                Side::Both,
                src,
                tgt,
                "no link found: these sentences do not read as translations of each other"
                    .to_string(),
            );
        }
        for (i, b) in beads.iter().enumerate() {
            if crossed.contains(&i) {
                continue;
            }
            let s_units: BTreeSet<usize> = b.src.clone().map(|i| self.pa.src[i].unit).collect();
            let t_units: BTreeSet<usize> = b.tgt.clone().map(|i| self.pa.tgt[i].unit).collect();
            if b.tgt.clone().any(|i| self.t_untranslated.contains(&i)) {
                continue;
            }
            if b.src.is_empty() || b.tgt.is_empty() {
                if s_units.iter().all(|u| self.s_explained.contains(u))
                    && t_units.iter().all(|u| self.t_explained.contains(u))
                {
                    continue;
                }
                let (side, text, lang, there) = if b.tgt.is_empty() {
                    (Side::Src, self.join(Side::Src, &b.src), sl, tl)
                } else {
                    (Side::Tgt, self.join(Side::Tgt, &b.tgt), tl, sl)
                };
                let chars =
                    len_chars(&text) as f64 * if side == Side::Tgt { self.ratio } else { 1.0 };
                let severity = if chars >= self.th.unaligned_error_chars {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                let n = b.src.len().max(b.tgt.len());
                let what = if n == 1 {
                    "sentence".to_string()
                } else {
                    format!("{n} sentences")
                };
                self.push_at(
                    FindingKind::Unaligned,
                    severity,
                    side,
                    b.src.clone(),
                    b.tgt.clone(),
                    format!("{what} in {lang} with no counterpart in {there}"),
                );
                continue;
            }
            let outlier = match (self.log_ratio(&b.src, &b.tgt), mad) {
                (Some(l), Some(mad)) => {
                    let z = 0.6745 * (l - med) / mad;
                    (z.abs() >= self.th.length_z).then_some(z)
                }
                _ => None,
            };
            if let Some(z) = outlier {
                let msg = format!(
                    "the {tl} text is {} than usual for this pair (robust z = {z:.1})",
                    if z > 0.0 { "longer" } else { "shorter" }
                );
                self.push_at(
                    FindingKind::LengthOutlier,
                    Severity::Warning,
                    Side::Both,
                    b.src.clone(),
                    b.tgt.clone(),
                    msg,
                );
            } else if b.score < self.th.low_score {
                self.push_at(
                    FindingKind::LowScore,
                    Severity::Warning,
                    Side::Both,
                    b.src.clone(),
                    b.tgt.clone(),
                    format!("weak link (score {:.2})", b.score),
                );
            }
        }
    }

    fn log_ratio(&self, s: &Range<usize>, t: &Range<usize>) -> Option<f64> {
        let ls: usize = s.clone().map(|i| len_chars(&self.pa.src[i].text)).sum();
        let lt: usize = t.clone().map(|i| len_chars(&self.pa.tgt[i].text)).sum();
        (ls >= self.th.length_min_chars).then(|| ((lt as f64 + 1.0) / (ls as f64 + 1.0)).ln())
    }
}

/// `, written (ب)` when the label as written says more than its key.
fn written(key: &str, raw: &str) -> String {
    let r = raw.trim().trim_end_matches(['.', ' ', '-']);
    if key.contains(r) {
        String::new()
    } else {
        format!(" (written {})", raw.trim())
    }
}

/// Median and (scaled-free) median absolute deviation; no spread when there
/// are too few values or they are all equal.
fn median_mad(xs: &[f64]) -> (f64, Option<f64>) {
    if xs.len() < 8 {
        return (0.0, None);
    }
    let med = median(xs.to_vec());
    let mad = median(xs.iter().map(|x| (x - med).abs()).collect());
    (med, (mad > 1e-9).then_some(mad))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// A number that is written in figures in every language: not a small one,
/// which one version may write out as a word.
fn significant(t: &Token) -> bool {
    match t.kind {
        TokenKind::Number => t.key.contains('.') || t.key.parse::<u64>().map_or(true, |v| v > 10),
        _ => true,
    }
}

/// What is left of each side once the tokens that correspond are removed.
/// Keys match exactly; then a date or percentage on one side matches the
/// plain numbers it is made of on the other (a form not recognized there).
pub(crate) fn diff(a: &[Token], b: &[Token]) -> (Vec<Token>, Vec<Token>) {
    let mut la: Vec<Token> = Vec::new();
    let mut lb: Vec<Token> = b.to_vec();
    for t in a {
        match lb.iter().position(|u| u.key == t.key) {
            Some(p) => {
                lb.remove(p);
            }
            None => la.push(t.clone()),
        }
    }
    // Dates that agree wherever both give a part (`5月7日` / `7 May 2015`).
    la.retain(|t| {
        let Some(x) = t.date_parts() else { return true };
        let agree = |a: Option<&str>, b: Option<&str>| a.is_none() || b.is_none() || a == b;
        match lb.iter().position(|u| {
            u.date_parts()
                .is_some_and(|y| agree(x.0, y.0) && agree(x.1, y.1) && agree(x.2, y.2))
        }) {
            Some(p) => {
                lb.remove(p);
                false
            }
            None => true,
        }
    });
    consume_composites(&mut la, &mut lb);
    consume_composites(&mut lb, &mut la);
    // The same figures grouped differently on the two sides.
    let atoms = |v: &[Token]| {
        let mut a: Vec<String> = v.iter().flat_map(Token::atoms).collect();
        a.sort();
        a
    };
    // Numbers in words are evidence when they match, not when they do not.
    la.retain(|t| !t.soft);
    lb.retain(|t| !t.soft);
    if !la.is_empty() && !lb.is_empty() && atoms(&la) == atoms(&lb) {
        return (Vec::new(), Vec::new());
    }
    (la, lb)
}

/// Removes from `xs` the dates and percentages whose numbers are all plain
/// numbers left in `ys`, and those numbers from `ys`.
fn consume_composites(xs: &mut Vec<Token>, ys: &mut Vec<Token>) {
    // A clock time against a military-style figure (`11时15分` / `At 1115`).
    xs.retain(|t| {
        if t.kind != TokenKind::Time {
            return true;
        }
        let hhmm = t.key.replace(':', "");
        match ys
            .iter()
            .position(|u| u.kind == TokenKind::Number && u.key == hhmm)
        {
            Some(p) => {
                ys.remove(p);
                false
            }
            None => true,
        }
    });
    {
        xs.retain(|t| {
            let parts = t.parts();
            if parts.is_empty() {
                return true;
            }
            let mut pos = Vec::new();
            for p in &parts {
                match ys.iter().enumerate().position(|(i, u)| {
                    !pos.contains(&i)
                        && matches!(u.kind, TokenKind::Number | TokenKind::Year)
                        && u.key == *p
                }) {
                    Some(i) => pos.push(i),
                    None => return true,
                }
            }
            pos.sort_unstable();
            for i in pos.into_iter().rev() {
                ys.remove(i);
            }
            false
        });
    }
}

fn describe(la: &[Token], lb: &[Token], sl: Lang, tl: Lang) -> String {
    let list = |v: &[Token]| {
        v.iter()
            .map(|t| {
                if t.text == t.key {
                    format!("{} {}", t.kind.name(), t.text)
                } else {
                    format!("{} {} ({})", t.kind.name(), t.text, t.key)
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (la.is_empty(), lb.is_empty()) {
        (false, true) => format!("{} in {sl}, not in {tl}", list(la)),
        (true, false) => format!("{} in {tl}, not in {sl}", list(lb)),
        _ => format!("{} in {sl}; {} in {tl} instead", list(la), list(lb)),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Han,
    Arabic,
    Cyrillic,
    Latin,
}

fn script(l: Lang) -> Script {
    match l {
        Lang::Zh => Script::Han,
        Lang::Ar => Script::Arabic,
        Lang::Ru => Script::Cyrillic,
        Lang::En | Lang::Es | Lang::Fr => Script::Latin,
    }
}

fn script_of(c: char) -> Option<Script> {
    match c {
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => {
            Some(Script::Han)
        }
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FEFC}' => {
            Some(Script::Arabic)
        }
        '\u{0400}'..='\u{04FF}' => Some(Script::Cyrillic),
        c if c.is_alphabetic() && (c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c)) => {
            Some(Script::Latin)
        }
        _ => None,
    }
}

/// Letters in script `s`, and all letters, of a text. A Han character counts
/// as much as a word's worth of alphabetic letters would.
fn script_share(text: &str, s: Script) -> (usize, usize) {
    let (mut hit, mut all) = (0, 0);
    for c in text.chars() {
        if let Some(x) = script_of(c) {
            let w = if x == Script::Han { 3 } else { 1 };
            all += w;
            if x == s {
                hit += w;
            }
        }
    }
    (hit, all)
}

/// Lower-case letters and digits only, for telling copied text.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

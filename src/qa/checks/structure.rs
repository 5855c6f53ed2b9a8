//! Structure: blocks, labels and footnotes in one version only, numbering
//! that differs, the parser's findings, preambles.

use std::collections::{BTreeMap, BTreeSet};

use crate::anchor::{self, RegionKind, Unit};
use crate::document::{BlockKind, Document};
use crate::lang::labels;
use crate::qa::{FindingKind, Severity, Side};

use super::Ctx;

impl Ctx<'_> {
    /// Blocks and footnotes in one version only, and labels that differ.
    pub(super) fn structure(&mut self) {
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
        self.unmatched_labels();
        self.inner_numbering();
    }

    /// Labelled units without a counterpart label. Those whose text the
    /// aligner linked to text of the other version are structure (numbering
    /// one version lost, a heading one version added): counted, one finding
    /// per kind. Those whose text has no counterpart are missing.
    fn unmatched_labels(&mut self) {
        let anchored = |pick: fn(&anchor::Region) -> usize| -> BTreeSet<usize> {
            self.pa
                .regions
                .iter()
                .filter(|r| r.region.kind == RegionKind::Anchored)
                .map(|r| pick(&r.region))
                .collect()
        };
        let (s_anchor, t_anchor) = (anchored(|r| r.src.start), anchored(|r| r.tgt.start));
        let (s_linked, t_linked) = self.linked_sentences();
        let mut structural: BTreeMap<(Side, &'static str), Vec<usize>> = BTreeMap::new();
        for (side, n) in [(Side::Src, self.su.len()), (Side::Tgt, self.tu.len())] {
            for u in 0..n {
                let (units, sents, anchors, linked, explained) = match side {
                    Side::Tgt => (
                        &self.tu,
                        &self.t_sents,
                        &t_anchor,
                        &t_linked,
                        &self.t_explained,
                    ),
                    _ => (
                        &self.su,
                        &self.s_sents,
                        &s_anchor,
                        &s_linked,
                        &self.s_explained,
                    ),
                };
                if units[u].key.is_none() || anchors.contains(&u) || explained.contains(&u) {
                    continue;
                }
                let range = sents[u].clone();
                let text_linked = linked[range.clone()].iter().filter(|&&l| l).count();
                // Linked text may still be missing: a sentence merged into
                // its neighbour's bead, or a region whose other side is short
                // by the unit (headings in one version only are structure).
                let heading = units[u].kind == Some(BlockKind::Heading);
                let present = range.is_empty()
                    || (2 * text_linked >= range.len()
                        && (heading
                            || !(self.region_lacks(side, u)
                                || self.merged_without_counterpart(side, &range))));
                if present {
                    structural
                        .entry((side, what_unit(&units[u])))
                        .or_default()
                        .push(u);
                    match side {
                        Side::Tgt => self.t_explained.insert(u),
                        _ => self.s_explained.insert(u),
                    };
                } else {
                    self.missing(side, u);
                }
            }
        }
        let (sl, tl) = (self.pa.src_lang, self.pa.tgt_lang);
        for ((side, what), us) in structural {
            let (units, lang, there) = match side {
                Side::Tgt => (&self.tu, tl, sl),
                _ => (&self.su, sl, tl),
            };
            let shown: Vec<&str> = us
                .iter()
                .take(4)
                .map(|&u| units[u].raw_label.or(units[u].key.as_deref()).unwrap_or(""))
                .collect();
            let more = if us.len() > 4 { " …" } else { "" };
            let first = units[us[0]].line;
            let lines = match side {
                Side::Tgt => (None, Some(first)),
                _ => (Some(first), None),
            };
            self.push(
                FindingKind::StructureDiffers,
                Severity::Warning,
                side,
                units[us[0]].key.clone(),
                0..0,
                0..0,
                lines,
                format!(
                    "{what} in {lang} only, their text aligned with unlabelled text in {there}: {} ({}{more})",
                    us.len(),
                    shown.join(" ")
                ),
            );
        }
    }

    /// Whether each sentence of each side is in a bead that links text to
    /// text, and is not a run of that bead which has no counterpart
    /// ([`Ctx::surplus`]).
    fn linked_sentences(&self) -> (Vec<bool>, Vec<bool>) {
        let mut s = vec![false; self.pa.src.len()];
        let mut t = vec![false; self.pa.tgt.len()];
        let spread = self.spread();
        for b in self.pa.beads() {
            if b.src.is_empty() || b.tgt.is_empty() {
                continue;
            }
            for i in b.src.clone() {
                s[i] = true;
            }
            for i in b.tgt.clone() {
                t[i] = true;
            }
            if let Some(x) = spread.and_then(|sp| self.surplus(b, sp)) {
                let v = if x.side == Side::Tgt { &mut t } else { &mut s };
                for i in x.run {
                    v[i] = false;
                }
            }
        }
        (s, t)
    }

    /// Paragraphs numbered inside articles (`1.`, `一、`, `（一）`) in one
    /// version only: one finding with the count.
    fn inner_numbering(&mut self) {
        let count = |d: &Document| -> (usize, Option<usize>) {
            let mut n = 0;
            let mut line = None;
            for b in d.blocks.iter().filter(|b| b.kind == BlockKind::Article) {
                let numbered = b.text.split('\n').filter(|p| {
                    let p: String = unicode_normalization::UnicodeNormalization::nfkc(*p).collect();
                    labels::operative(&p).is_some() || labels::zh_para(&p).is_some()
                });
                let c = numbered.count();
                if c > 0 && line.is_none() {
                    line = Some(b.line);
                }
                n += c;
            }
            (n, line)
        };
        let (a, b) = (count(self.hub), count(self.other));
        let (sl, tl) = (self.pa.src_lang, self.pa.tgt_lang);
        let (side, n, lang, line) = match (a, b) {
            ((n, line), (0, _)) if n > 0 => (Side::Src, n, sl, (line, None)),
            ((0, _), (n, line)) if n > 0 => (Side::Tgt, n, tl, (None, line)),
            _ => return,
        };
        self.push(
            FindingKind::StructureDiffers,
            Severity::Warning,
            side,
            None,
            0..0,
            0..0,
            line,
            format!("paragraph numbering inside articles is in {lang} only: {n} paragraphs"),
        );
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
        let linked = self
            .pa
            .beads()
            .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
            .map(|b| {
                let r = if side == Side::Tgt { &b.tgt } else { &b.src };
                r.end
                    .min(range.end)
                    .saturating_sub(r.start.max(range.start))
            })
            .sum::<usize>();
        let sent = match side {
            Side::Tgt => self.pa.tgt.get(range.start),
            _ => self.pa.src.get(range.start),
        };
        if let Some(s) = sent
            && linked > 0
        {
            *self.displaced.entry((s.region, side)).or_default() += linked;
        }
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
    pub(super) fn parser_findings(&mut self) {
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

    pub(super) fn preamble(&mut self) {
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
}

/// What a unit is, in the plural, for a count of units.
fn what_unit(u: &Unit<'_>) -> &'static str {
    match u.kind {
        None => "footnotes",
        Some(BlockKind::Heading) if u.key.as_deref().is_some_and(|k| k.starts_with("ch")) => {
            "chapter headings"
        }
        Some(BlockKind::Heading) => "section headings",
        Some(BlockKind::Subparagraph) => "numbered sub-paragraphs",
        Some(BlockKind::Article) => "articles",
        Some(BlockKind::Operative) => "numbered paragraphs",
        Some(_) => "labelled blocks",
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

//! Anchoring: aligning the block sequences of two language versions by their
//! labels, so that the sentence aligner only ever works inside small regions.
//!
//! Labels are compared by their language-independent key (`2(b)`, `art12`,
//! `fn3`). The matching is a longest-common-subsequence over keys, not a zip,
//! so a label missing, added or repeated on one side costs only that label:
//! the blocks around it still anchor. Everything that is not anchored (the
//! title and preamble, a paragraph present on one side only, the closing)
//! falls into the gap region between two anchors, which the sentence aligner
//! handles like any other region. Every unit of both documents ends up in
//! exactly one region.

use std::ops::Range;

use serde::Serialize;

use crate::document::{Block, BlockKind, Document};
use crate::load::Offsets;

/// One alignable unit of a document: a block, or a footnote.
#[derive(Clone, Debug, PartialEq)]
pub struct Unit<'a> {
    /// The anchoring key (`3`, `2(b)`, `art12`, `fn1`), when the unit is labelled.
    pub key: Option<String>,
    /// The label as written, when any.
    pub raw_label: Option<&'a str>,
    /// What the unit is (footnotes are reported as `None`).
    pub kind: Option<BlockKind>,
    /// The unit's text, original characters.
    pub text: &'a str,
    /// The way from its text back to the original.
    pub offsets: &'a Offsets,
    /// 1-based line in the original.
    pub line: usize,
}

/// The units of a document in the order they are aligned: the blocks in
/// document order, then the footnotes by order of appearance.
pub fn units(doc: &Document) -> Vec<Unit<'_>> {
    let blocks = doc.blocks.iter().map(|b: &Block| Unit {
        // The opener ("大会，", "The General Assembly,") and the agenda item
        // occur once per resolution in every language: anchors without labels.
        key: b
            .label
            .as_ref()
            .map(|l| l.key.clone())
            .or_else(|| match b.kind {
                BlockKind::Opener => Some("opener".to_string()),
                BlockKind::Agenda => Some("agenda".to_string()),
                _ => None,
            }),
        raw_label: b.label.as_ref().map(|l| l.raw.as_str()),
        kind: Some(b.kind),
        text: &b.text,
        offsets: &b.offsets,
        line: b.line,
    });
    let notes = doc.footnotes.iter().map(|f| Unit {
        key: Some(format!("fn{}", f.label)),
        raw_label: Some(f.label.as_str()),
        kind: None,
        text: &f.text,
        offsets: &f.offsets,
        line: f.line,
    });
    blocks.chain(notes).collect()
}

/// Whether a region was fixed by a shared label or lies between two anchors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionKind {
    /// A unit pair with the same label key on both sides.
    Anchored,
    /// The units between two anchors (either side may be empty).
    Gap,
}

/// A pair of unit ranges that correspond.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Region {
    /// The label key for an anchored region; for a gap, a name for what it
    /// holds (`preamble`, `closing`, `after 3`).
    pub label: String,
    /// Anchored or gap.
    pub kind: RegionKind,
    /// Indices into the hub's [`units`].
    pub src: Range<usize>,
    /// Indices into the other version's [`units`].
    pub tgt: Range<usize>,
}

/// Aligns two unit sequences by label key.
///
/// The regions are in order, monotone, and together cover every unit of
/// both sides exactly once.
pub fn anchor(src: &[Unit<'_>], tgt: &[Unit<'_>]) -> Vec<Region> {
    let pairs = match_keys(src, tgt);
    let mut regions = Vec::with_capacity(pairs.len() * 2 + 1);
    let (mut i, mut j) = (0, 0);
    let mut prev_key: Option<&str> = None;
    for &(a, b) in &pairs {
        push_gap(&mut regions, src, tgt, i..a, j..b, prev_key);
        let key = src[a].key.as_deref().unwrap_or_default();
        regions.push(Region {
            label: key.to_string(),
            kind: RegionKind::Anchored,
            src: a..a + 1,
            tgt: b..b + 1,
        });
        prev_key = Some(key);
        i = a + 1;
        j = b + 1;
    }
    push_gap(&mut regions, src, tgt, i..src.len(), j..tgt.len(), prev_key);
    regions
}

fn push_gap(
    regions: &mut Vec<Region>,
    src: &[Unit<'_>],
    tgt: &[Unit<'_>],
    s: Range<usize>,
    t: Range<usize>,
    prev_key: Option<&str>,
) {
    if s.is_empty() && t.is_empty() {
        return;
    }
    let label = gap_label(&src[s.clone()], &tgt[t.clone()], prev_key);
    regions.push(Region {
        label,
        kind: RegionKind::Gap,
        src: s,
        tgt: t,
    });
}

/// Names a gap after what it holds, so that a reader of the output can find
/// it: the preamble, the closing, or else the anchor it follows.
fn gap_label(src: &[Unit<'_>], tgt: &[Unit<'_>], prev_key: Option<&str>) -> String {
    let has = |k: BlockKind| src.iter().chain(tgt).any(|u| u.kind == Some(k));
    if has(BlockKind::Preamble) {
        return "preamble".to_string();
    }
    if has(BlockKind::Closing) {
        return "closing".to_string();
    }
    match prev_key {
        None => "front".to_string(),
        Some(k) => format!("after {k}"),
    }
}

/// Longest common subsequence of the two key sequences (unlabelled units
/// never match). Ties are broken towards the earliest pairing, so the result
/// does not depend on anything but the input.
fn match_keys(src: &[Unit<'_>], tgt: &[Unit<'_>]) -> Vec<(usize, usize)> {
    // Only labelled units take part; the DP is over those, which keeps it
    // small (a resolution has tens of labels, a long report a few thousand).
    let s: Vec<(usize, &str)> = labelled(src);
    let t: Vec<(usize, &str)> = labelled(tgt);
    let (n, m) = (s.len(), t.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    // Suffix LCS lengths, so that the forward walk below can prefer early matches.
    let width = m + 1;
    let mut lcs = vec![0u32; (n + 1) * width];
    for a in (0..n).rev() {
        for b in (0..m).rev() {
            lcs[a * width + b] = if s[a].1 == t[b].1 {
                lcs[(a + 1) * width + b + 1] + 1
            } else {
                lcs[(a + 1) * width + b].max(lcs[a * width + b + 1])
            };
        }
    }
    let mut pairs = Vec::with_capacity(lcs[0] as usize);
    let (mut a, mut b) = (0, 0);
    while a < n && b < m {
        if s[a].1 == t[b].1 && lcs[a * width + b] == lcs[(a + 1) * width + b + 1] + 1 {
            pairs.push((s[a].0, t[b].0));
            a += 1;
            b += 1;
        } else if lcs[(a + 1) * width + b] >= lcs[a * width + b + 1] {
            a += 1;
        } else {
            b += 1;
        }
    }
    pairs
}

fn labelled<'u>(units: &'u [Unit<'_>]) -> Vec<(usize, &'u str)> {
    units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| u.key.as_deref().map(|k| (i, k)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(key: Option<&str>, kind: BlockKind) -> Unit<'static> {
        Unit {
            key: key.map(str::to_string),
            raw_label: None,
            kind: Some(kind),
            text: "",
            offsets: &NO_OFFSETS,
            line: 1,
        }
    }

    static NO_OFFSETS: Offsets = Offsets::EMPTY;

    fn seq(spec: &str) -> Vec<Unit<'static>> {
        spec.split_whitespace()
            .map(|w| match w {
                "P" => unit(None, BlockKind::Preamble),
                "T" => unit(None, BlockKind::Title),
                "C" => unit(None, BlockKind::Closing),
                k => unit(
                    Some(Box::leak(k.to_string().into_boxed_str())),
                    BlockKind::Operative,
                ),
            })
            .collect()
    }

    fn check_cover(regions: &[Region], n: usize, m: usize) {
        let (mut i, mut j) = (0, 0);
        for r in regions {
            assert_eq!(r.src.start, i, "src gap or overlap at {r:?}");
            assert_eq!(r.tgt.start, j, "tgt gap or overlap at {r:?}");
            assert!(!(r.src.is_empty() && r.tgt.is_empty()));
            i = r.src.end;
            j = r.tgt.end;
        }
        assert_eq!((i, j), (n, m));
    }

    #[test]
    fn identical_structure_anchors_every_label() {
        let a = seq("T P P 1 2 2(a) 2(b) 3 C");
        let b = seq("T P P P 1 2 2(a) 2(b) 3 C");
        let r = anchor(&a, &b);
        check_cover(&r, a.len(), b.len());
        let labels: Vec<&str> = r.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            ["preamble", "1", "2", "2(a)", "2(b)", "3", "closing"]
        );
        assert_eq!(r[0].src, 0..3);
        assert_eq!(r[0].tgt, 0..4);
    }

    #[test]
    fn missing_extra_and_repeated_labels_cost_only_themselves() {
        // hub lacks 3, other repeats 2 and has an extra 9
        let a = seq("1 2 4 5");
        let b = seq("1 2 2 3 4 9 5");
        let r = anchor(&a, &b);
        check_cover(&r, a.len(), b.len());
        let anchored: Vec<&str> = r
            .iter()
            .filter(|r| r.kind == RegionKind::Anchored)
            .map(|r| r.label.as_str())
            .collect();
        assert_eq!(anchored, ["1", "2", "4", "5"]);
        let gaps: Vec<(&str, usize, usize)> = r
            .iter()
            .filter(|r| r.kind == RegionKind::Gap)
            .map(|r| (r.label.as_str(), r.src.len(), r.tgt.len()))
            .collect();
        assert_eq!(gaps, [("after 2", 0, 2), ("after 4", 0, 1)]);
    }

    #[test]
    fn renumbered_paragraphs_fall_into_a_gap() {
        let a = seq("1 2 3 4");
        let b = seq("1 3 2 4");
        let r = anchor(&a, &b);
        check_cover(&r, a.len(), b.len());
        let anchored = r.iter().filter(|r| r.kind == RegionKind::Anchored).count();
        assert_eq!(anchored, 3, "LCS keeps 1, one of 2/3, and 4: {r:?}");
    }

    #[test]
    fn no_labels_at_all_is_one_gap() {
        let a = seq("T P P");
        let b = seq("T P");
        let r = anchor(&a, &b);
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].src.clone(), r[0].tgt.clone()), (0..3, 0..2));
        assert!(anchor(&[], &[]).is_empty());
        let one_sided = anchor(&a, &[]);
        check_cover(&one_sided, 3, 0);
    }
}

//! Anchoring: aligning the block sequences of two language versions by their
//! labels, so that the sentence aligner only ever works inside small regions.
//!
//! Labels are compared by their language-independent key (`2(b)`, `art12`,
//! `fn3`). The matching is a longest-common-subsequence over keys, not a zip,
//! so a label missing, added or repeated on one side costs only that label:
//! the blocks around it still anchor. Everything that is not anchored (the
//! title and preamble, a paragraph present on one side only, the closing)
//! falls into the gap region between two anchors, which the sentence aligner
//! handles like any other region; what one side only has between two anchors
//! joins the region before it. Every unit of both documents ends up in
//! exactly one region. The matching takes memory linear in the labels.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use crate::document::{Block, BlockKind, Document};
use crate::lang::labels::{self, SubMark, ZhMark};
use crate::lang::tables;
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
/// both sides exactly once. A label the other side lacks never strands its
/// text: units between two anchors that one side only has (a sub-paragraph
/// whose lettering the other version lost, a chapter heading in one
/// version only) join the region before them, so the sentence aligner sees
/// them beside their counterpart's text. Gaps with units on both sides stay
/// regions of their own.
pub fn anchor(src: &[Unit<'_>], tgt: &[Unit<'_>]) -> Vec<Region> {
    // Blocks and footnotes are anchored apart: a footnote one version lacks
    // must not join the text of the last paragraph.
    let cut = |u: &[Unit<'_>]| u.iter().position(|x| x.kind.is_none()).unwrap_or(u.len());
    let (cs, ct) = (cut(src), cut(tgt));
    let mut regions = anchor_part(&src[..cs], &tgt[..ct]);
    regions.extend(
        anchor_part(&src[cs..], &tgt[ct..])
            .into_iter()
            .map(|mut r| {
                r.src = r.src.start + cs..r.src.end + cs;
                r.tgt = r.tgt.start + ct..r.tgt.end + ct;
                r
            }),
    );
    regions
}

fn anchor_part(src: &[Unit<'_>], tgt: &[Unit<'_>]) -> Vec<Region> {
    let pairs = match_keys(src, tgt);
    let mut regions: Vec<Region> = Vec::with_capacity(pairs.len() * 2 + 1);
    let (mut i, mut j) = (0, 0);
    let mut prev_key: Option<&str> = None;
    for &(a, b) in &pairs {
        push_gap(&mut regions, src, tgt, i..a, j..b, prev_key);
        let key = src[a].key.as_deref().unwrap_or_default();
        let region = Region {
            label: key.to_string(),
            kind: RegionKind::Anchored,
            src: a..a + 1,
            tgt: b..b + 1,
        };
        absorb_front(&mut regions, region);
        prev_key = Some(key);
        i = a + 1;
        j = b + 1;
    }
    push_gap(&mut regions, src, tgt, i..src.len(), j..tgt.len(), prev_key);
    regions
}

/// Pushes `region`; a one-sided gap at the very front (nothing before it to
/// join) is taken into it instead.
fn absorb_front(regions: &mut Vec<Region>, mut region: Region) {
    if let [only] = regions.as_slice()
        && only.kind == RegionKind::Gap
        && (only.src.is_empty() || only.tgt.is_empty())
    {
        region.src.start = only.src.start;
        region.tgt.start = only.tgt.start;
        regions.clear();
    }
    regions.push(region);
}

fn push_gap(
    regions: &mut Vec<Region>,
    src: &[Unit<'_>],
    tgt: &[Unit<'_>],
    s: Range<usize>,
    t: Range<usize>,
    prev_key: Option<&str>,
) {
    // The sub-paragraphs of the anchor before (`5(a)` after `5`, `1.1`
    // after `1`) that the other version does not label are still its text.
    // So are the paragraphs that go on numbering after it (`5(b)` `5(c)`
    // after `5(a)`, `8` after `7`) where the other version ran them on in
    // the anchor's line (`(a)…; (b)…`) or merged them into it: when the
    // other version has nothing numbered before the next anchor (only a
    // closing, a heading), or when they are all this side has there.
    let (mut s, mut t) = (s, t);
    if let (Some(k), Some(last)) = (prev_key, regions.last_mut())
        && last.kind == RegionKind::Anchored
    {
        let numbered = |units: &[Unit<'_>], r: &Range<usize>| {
            units[r.clone()].iter().any(|u| {
                u.key.is_some()
                    && matches!(
                        u.kind,
                        Some(BlockKind::Operative | BlockKind::Subparagraph | BlockKind::Article)
                    )
            })
        };
        let count = |units: &[Unit<'_>], r: &Range<usize>, on: bool| {
            units[r.clone()]
                .iter()
                .take_while(|u| {
                    u.key.as_deref().is_some_and(|c| {
                        is_child(c, k)
                            || (on
                                && matches!(
                                    u.kind,
                                    Some(BlockKind::Operative | BlockKind::Subparagraph)
                                )
                                && numbers_on(c, k))
                    })
                })
                .count()
        };
        let children = |units: &[Unit<'_>], r: &Range<usize>, other_numbered: bool| {
            let all = count(units, r, true);
            if !other_numbered || all == r.len() {
                all
            } else {
                count(units, r, false)
            }
        };
        let (ns, nt) = (numbered(src, &s), numbered(tgt, &t));
        let (cs, ct) = (children(src, &s, nt), children(tgt, &t, ns));
        s.start += cs;
        t.start += ct;
        last.src.end = s.start;
        last.tgt.end = t.start;
    }
    if s.is_empty() && t.is_empty() {
        return;
    }
    if (s.is_empty() || t.is_empty())
        && let Some(last) = regions.last_mut()
    {
        // One side only: the units go with the text before them.
        last.src.end = s.end;
        last.tgt.end = t.end;
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

/// `5(a)`, `5(a)(ii)`, `1.1`, `1.a` under `5` or `1`.
fn is_child(key: &str, parent: &str) -> bool {
    key.strip_prefix(parent)
        .is_some_and(|rest| rest.starts_with('(') || rest.starts_with('.'))
}

/// Whether the paragraph `key` comes after `prev` in the numbering: a later
/// sub-paragraph of the same paragraph (`5(b)` after `5(a)`), or a later
/// paragraph (`8` or `8(a)` after `7` or `7(c)`).
fn numbers_on(key: &str, prev: &str) -> bool {
    let top = |k: &str| -> Option<u32> {
        let d = k.bytes().take_while(u8::is_ascii_digit).count();
        k[..d].parse().ok()
    };
    let (Some(a), Some(b)) = (top(key), top(prev)) else {
        return false;
    };
    if a != b {
        return a > b;
    }
    // The same paragraph: a later letter under the same parent.
    fn split(k: &str) -> Option<(&str, &str)> {
        k.rfind('(').map(|i| k.split_at(i))
    }
    match (split(key), split(prev)) {
        (Some((pk, lk)), Some((pp, lp))) => pk == pp && (lk.len(), lk) > (lp.len(), lp),
        _ => false,
    }
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
    if prev_key.is_none() && src.iter().chain(tgt).all(|u| u.kind.is_none()) {
        return "footnotes".to_string();
    }
    match prev_key {
        None => "front".to_string(),
        Some(k) => format!("after {k}"),
    }
}

/// Characters of text, beyond which label matches are only looked for
/// near the same relative place in the other version. Below it (every
/// ordinary document) the matching is a plain longest common subsequence.
const NEAR_CHARS: f64 = 100_000.0;

/// Longest common subsequence of the two key sequences (unlabelled units
/// never match), by Hunt–Szymanski: the matching pairs, hub order ascending
/// and other order descending, reduced to their longest increasing run.
/// Memory is linear in the number of matching pairs, never an n×m table.
///
/// In a long compilation whose numbering restarts (`1.` in every
/// resolution), a key matches thousands of places; only those within
/// [`NEAR_CHARS`] of the same relative text position are tried, so the
/// pairs stay a small multiple of the labels.
fn match_keys(src: &[Unit<'_>], tgt: &[Unit<'_>]) -> Vec<(usize, usize)> {
    let s = labelled(src);
    let t = labelled(tgt);
    if s.is_empty() || t.is_empty() {
        return Vec::new();
    }
    let (sp, tp) = (positions(src, &s), positions(tgt, &t));
    let total: usize = tgt.iter().map(|u| u.text.len()).sum();
    let near = if total as f64 > NEAR_CHARS {
        NEAR_CHARS / total as f64
    } else {
        f64::INFINITY
    };
    let mut by_key: HashMap<&str, Vec<u32>> = HashMap::new();
    for (k, &(_, key)) in t.iter().enumerate() {
        by_key.entry(key).or_default().push(k as u32);
    }
    const NONE: u32 = u32::MAX;
    // Every pair that extended or improved a run: (hub, other, previous node).
    let mut nodes: Vec<(u32, u32, u32)> = Vec::new();
    // tails[k]: the node ending the best run of length k + 1 (smallest other index).
    let mut tails: Vec<u32> = Vec::new();
    for (a, &(_, key)) in s.iter().enumerate() {
        let Some(list) = by_key.get(key) else {
            continue;
        };
        let (lo, hi) = if near.is_finite() {
            let lo = list.partition_point(|&b| tp[b as usize] < sp[a] - near);
            let hi = list.partition_point(|&b| tp[b as usize] <= sp[a] + near);
            (lo, hi)
        } else {
            (0, list.len())
        };
        for &b in list[lo..hi].iter().rev() {
            let k = tails.partition_point(|&n| nodes[n as usize].1 < b);
            let prev = if k == 0 { NONE } else { tails[k - 1] };
            nodes.push((a as u32, b, prev));
            let id = (nodes.len() - 1) as u32;
            if k == tails.len() {
                tails.push(id);
            } else {
                tails[k] = id;
            }
        }
    }
    let mut pairs = Vec::with_capacity(tails.len());
    let mut n = tails.last().copied().unwrap_or(NONE);
    while n != NONE {
        let (a, b, prev) = nodes[n as usize];
        pairs.push((s[a as usize].0, t[b as usize].0));
        n = prev;
    }
    pairs.reverse();
    pairs
}

/// Relative text position (0 to 1) at which each labelled unit starts.
fn positions(units: &[Unit<'_>], labelled: &[(usize, &str)]) -> Vec<f64> {
    let total: usize = units.iter().map(|u| u.text.len()).sum::<usize>().max(1);
    let mut before = Vec::with_capacity(units.len());
    let mut acc = 0usize;
    for u in units {
        before.push(acc);
        acc += u.text.len();
    }
    labelled
        .iter()
        .map(|&(i, _)| before[i] as f64 / total as f64)
        .collect()
}

fn labelled<'u>(units: &'u [Unit<'_>]) -> Vec<(usize, &'u str)> {
    units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| u.key.as_deref().map(|k| (i, k)))
        .collect()
}

// --- the inner level: paragraphs inside an anchored article ----------------

/// The label a line opens with, folded as the normalized view folds it
/// (full-width forms, ideographic space and Eastern Arabic digits): the
/// article text is in original characters.
fn fold_label(line: &str) -> String {
    line.chars()
        .take(24)
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '٠'..='٩' => char::from_u32(c as u32 - '٠' as u32 + '0' as u32).unwrap_or(c),
            '۰'..='۹' => char::from_u32(c as u32 - '۰' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The number of a paragraph inside an article, the same in every
/// language: `1` for `1.`, `١ -`, `１．`, `一、`, `一  `, `第一款`; `(a)` for
/// `(a)`, `a)`, `а)`, `(أ)`, `（一）`. Roman sub-sub-paragraphs are left out.
fn inner_label(line: &str) -> Option<(bool, String)> {
    let l = fold_label(line);
    if let Some((n, mark, _)) = labels::zh_para(&l) {
        return Some(match mark {
            ZhMark::Paren => (
                false,
                format!("({})", tables::letter_key(n.checked_sub(1)? as usize)),
            ),
            _ => (true, n.to_string()),
        });
    }
    if let Some((n, _)) = labels::operative(&l) {
        return Some((true, n.to_string()));
    }
    match labels::sub(&l)? {
        (SubMark::Letter { index, .. }, _) => {
            Some((false, format!("({})", tables::letter_key(index))))
        }
        _ => None,
    }
}

/// For each sentence of an article's text (`ranges` into `text`, as the
/// segmenter cut it), the key of the paragraph number it opens with: `2`,
/// `2(a)` (a lettered paragraph under the number before it), `None` for a
/// sentence that does not open a numbered line.
pub fn inner_keys(text: &str, ranges: &[Range<usize>]) -> Vec<Option<String>> {
    let mut top: Option<String> = None;
    ranges
        .iter()
        .map(|r| {
            let line_start = text[..r.start]
                .trim_end_matches([' ', '\t'])
                .ends_with('\n')
                || text[..r.start].trim().is_empty();
            if !line_start {
                return None;
            }
            let (is_top, key) = inner_label(text.get(r.clone())?)?;
            if is_top {
                top = Some(key.clone());
                Some(key)
            } else {
                Some(format!("{}{key}", top.as_deref().unwrap_or("")))
            }
        })
        .collect()
}

/// Inside an anchored article, the sentences that open paragraphs with the
/// same number on both sides (`一、` ↔ `1.`, `（一）` ↔ `(a)`): pairs of
/// indices into `src` and `tgt`, in order (the longest common subsequence
/// of the keys, so a number one side lacks costs only itself). The
/// sentence aligner then works between two such anchors. None when either
/// side numbers nothing, or the article is too long to compare (a table of
/// keys is quadratic).
pub fn inner_anchors(src: &[Option<String>], tgt: &[Option<String>]) -> Vec<(usize, usize)> {
    let s: Vec<(usize, &str)> = src
        .iter()
        .enumerate()
        .filter_map(|(i, k)| k.as_deref().map(|k| (i, k)))
        .collect();
    let t: Vec<(usize, &str)> = tgt
        .iter()
        .enumerate()
        .filter_map(|(i, k)| k.as_deref().map(|k| (i, k)))
        .collect();
    let (n, m) = (s.len(), t.len());
    if n == 0 || m == 0 || n.saturating_mul(m) > 1 << 20 {
        return Vec::new();
    }
    // lcs[i][j]: the longest common subsequence of s[i..] and t[j..].
    let w = m + 1;
    let mut lcs = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if s[i].1 == t[j].1 {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n && j < m {
        if s[i].1 == t[j].1 {
            out.push((s[i].0, t[j].0));
            i += 1;
            j += 1;
        } else if lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
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
        // hub lacks 3, other repeats 2 and has an extra 9: those join the
        // region before them, never a region of their own.
        let a = seq("1 2 4 5");
        let b = seq("1 2 2 3 4 9 5");
        let r = anchor(&a, &b);
        check_cover(&r, a.len(), b.len());
        let got: Vec<(&str, RegionKind, Range<usize>, Range<usize>)> = r
            .iter()
            .map(|r| (r.label.as_str(), r.kind, r.src.clone(), r.tgt.clone()))
            .collect();
        use RegionKind::Anchored as A;
        assert_eq!(
            got,
            [
                ("1", A, 0..1, 0..1),
                ("2", A, 1..2, 1..4),
                ("4", A, 2..3, 4..6),
                ("5", A, 3..4, 6..7)
            ]
        );
    }

    #[test]
    fn labels_one_side_lacks_never_make_a_one_sided_region() {
        // zh letters its sub-paragraphs, the other version lost them; a
        // title only in the other version opens the document.
        let a = seq("1 2 2(a) 2(b) 3 3(a)");
        let b = seq("T 1 2 3");
        let r = anchor(&a, &b);
        check_cover(&r, a.len(), b.len());
        for x in &r {
            assert!(!x.src.is_empty() && !x.tgt.is_empty(), "one-sided {x:?}");
        }
        let spans: Vec<(Range<usize>, Range<usize>)> =
            r.iter().map(|r| (r.src.clone(), r.tgt.clone())).collect();
        assert_eq!(spans, [(0..1, 0..2), (1..4, 2..3), (4..6, 3..4)]);
    }

    #[test]
    fn sub_paragraphs_the_other_side_lost_stay_with_their_paragraph() {
        // The other version lost the letters of 2(a)–(c): they belong to
        // paragraph 2's region, not to the closing gap after it.
        let a = seq("1 2 2(a) 2(b) 2(c) C");
        let b = seq("1 2 C C");
        let r = anchor(&a, &b);
        check_cover(&r, a.len(), b.len());
        let spans: Vec<(&str, Range<usize>, Range<usize>)> = r
            .iter()
            .map(|r| (r.label.as_str(), r.src.clone(), r.tgt.clone()))
            .collect();
        assert_eq!(
            spans,
            [
                ("1", 0..1, 0..1),
                ("2", 1..5, 1..2),
                ("closing", 5..6, 2..4)
            ]
        );
    }

    #[test]
    fn paragraphs_run_on_or_merged_in_one_version_stay_with_the_paragraph_they_follow() {
        // zh ran 2(b) and 2(c) on in the line of 2(a) (or merged 8 into 7);
        // the other version's are their own paragraphs, and a closing follows.
        for (a, b, want) in [
            (
                "1 2 2(a) C",
                "1 2 2(a) 2(b) 2(c) C",
                vec![
                    ("1", 0..1, 0..1),
                    ("2", 1..2, 1..2),
                    ("2(a)", 2..3, 2..5),
                    ("closing", 3..4, 5..6),
                ],
            ),
            (
                "6 7 8 8(a) C",
                "6 7 C",
                vec![
                    ("6", 0..1, 0..1),
                    ("7", 1..4, 1..2),
                    ("closing", 4..5, 2..3),
                ],
            ),
            // The other side lost a number and starts its letters again:
            // what follows the anchor on both sides is one region.
            (
                "1 1(a) 1(b) 2 2(a) 2(b) 3",
                "1 1(a) 1(b) 1(a) 1(b) 3",
                vec![
                    ("1", 0..1, 0..1),
                    ("1(a)", 1..2, 1..2),
                    ("1(b)", 2..6, 2..5),
                    ("3", 6..7, 5..6),
                ],
            ),
        ] {
            let (a, b) = (seq(a), seq(b));
            let r = anchor(&a, &b);
            check_cover(&r, a.len(), b.len());
            let got: Vec<(&str, Range<usize>, Range<usize>)> = r
                .iter()
                .map(|r| (r.label.as_str(), r.src.clone(), r.tgt.clone()))
                .collect();
            assert_eq!(got, want);
        }
        // A paragraph the other version numbers differently is no
        // continuation: the gap stays a region of its own.
        let (a, b) = (seq("1 2 5 C"), seq("1 2 3 C"));
        let r = anchor(&a, &b);
        let labels: Vec<&str> = r.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["1", "2", "closing"]);
        assert!(numbers_on("5(b)", "5(a)") && numbers_on("8", "7(c)") && numbers_on("2.1", "1.3"));
        assert!(
            !numbers_on("5(a)", "5(b)")
                && !numbers_on("5(a)", "5(a)")
                && !numbers_on("art3", "art2")
        );
    }

    #[test]
    fn restarting_numbering_anchors_each_resolution() {
        // A compilation: numbering restarts in each of three resolutions;
        // the other version lost paragraph 2 of the second.
        let a = seq("1 2 3 1 2 3 1 2 3");
        let b = seq("1 2 3 1 3 1 2 3");
        let r = anchor(&a, &b);
        check_cover(&r, a.len(), b.len());
        let pairs: Vec<(usize, usize)> = r
            .iter()
            .filter(|r| r.kind == RegionKind::Anchored)
            .map(|r| (r.src.start, r.tgt.start))
            .collect();
        assert_eq!(
            pairs,
            [
                (0, 0),
                (1, 1),
                (2, 2),
                (3, 3),
                (5, 4),
                (6, 5),
                (7, 6),
                (8, 7)
            ]
        );
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

    #[test]
    fn paragraphs_inside_articles_anchor_across_numbering_systems() {
        let keys = |text: &str| {
            let mut ranges = Vec::new();
            let mut at = 0;
            for line in text.split('\n') {
                ranges.push(at..at + line.len());
                at += line.len() + 1;
            }
            inner_keys(text, &ranges)
        };
        let zh = keys("一、締約國承允。\n二、本公約：\n（一）所稱；\n（二）所述。\n三、附則。");
        let en =
            keys("1. States undertake.\n2. This Convention:\n(a) means;\n(b) says.\n3. Annex.");
        let want: Vec<Option<String>> = ["1", "2", "2(a)", "2(b)", "3"]
            .iter()
            .map(|k| Some(k.to_string()))
            .collect();
        assert_eq!(zh, want);
        assert_eq!(en, want);
        for (a, b) in [
            ("一  締約國", "1"),
            ("第二款 人人", "2"),
            ("１．人人", "1"),
            ("١ - يحق", "1"),
            ("б) текст", "(b)"),
            ("(ب) نص", "(b)"),
            ("a) texto", "(a)"),
        ] {
            assert_eq!(keys(a), [Some(b.to_string())], "{a}");
        }
        // A paragraph one side lacks costs only itself.
        let fr = keys("1. Les États.\n2. La Convention :\n(b) dit.\n3. Annexe.");
        assert_eq!(inner_anchors(&zh, &fr), [(0, 0), (1, 1), (3, 2), (4, 3)]);
        // Nothing numbered on one side: no anchor.
        assert!(inner_anchors(&zh, &keys("States undertake.\nThis Convention")).is_empty());
        // Only sentences opening a line count.
        let text = "1. One. 2. Two.";
        assert_eq!(
            inner_keys(text, &[0..7, 8..15]),
            [Some("1".to_string()), None]
        );
    }
}

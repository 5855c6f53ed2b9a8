//! What the parser reports on the numbering it read: gaps, repeats and
//! order of paragraphs, articles and sub-paragraph letters, footnotes
//! without their references; and Chinese `一、` headings read as the
//! paragraph numbering where a version has no other.

use crate::document::{Block, BlockKind};
use crate::finding::{Finding, FindingKind, Severity};
use crate::lang::{Lang, labels, tables};

use super::Parser;

impl Parser<'_> {
    /// `一、` over short titles reads as a section heading (`I.`) where the
    /// document numbers its paragraphs `1.`. In a version that has no
    /// arabic paragraph numbers at all, `一、` is the paragraph numbering
    /// that other versions write `1.`: those headings become numbered
    /// paragraphs, and their `（一）` sub-paragraphs take them as parent.
    pub(super) fn promote_zh_numbering(&mut self) {
        if self.lang != Lang::Zh || self.blocks.iter().any(|b| b.kind == BlockKind::Operative) {
            return;
        }
        let dun = |b: &Block| {
            b.kind == BlockKind::Heading && b.label.as_ref().is_some_and(|l| l.raw.ends_with('、'))
        };
        if self.blocks.iter().filter(|b| dun(b)).count() < 2 {
            return;
        }
        let mut parent: Option<String> = None;
        for b in &mut self.blocks {
            if dun(b) {
                if let Some(l) = &mut b.label {
                    let n = labels::zh_para(&l.raw).map(|x| x.0).or_else(|| {
                        let v = tables::chinese_number(l.raw.trim_end_matches('、'))?;
                        Some(v)
                    });
                    if let Some(n) = n {
                        b.kind = BlockKind::Operative;
                        l.key = n.to_string();
                        parent = Some(l.key.clone());
                    }
                }
            } else if b.kind == BlockKind::Subparagraph
                && let (Some(p), Some(l)) = (&parent, &mut b.label)
                && l.key.starts_with('(')
            {
                l.key = format!("{p}{}", l.key);
            } else if b.kind == BlockKind::Heading {
                parent = None;
            }
        }
    }

    /// Numbering that skips, repeats or goes back is reported, never renumbered.
    pub(super) fn check_numbering(&mut self) {
        let mut out = Vec::new();
        for kind in [BlockKind::Operative, BlockKind::Article] {
            let mut prev: Option<u32> = None;
            for b in self.blocks.iter().filter(|b| b.kind == kind) {
                let Some(label) = &b.label else { continue };
                // Outline labels (`1.1`) sit under their number, not in its run.
                let Ok(n) = label.key.trim_start_matches("art").parse::<u32>() else {
                    continue;
                };
                let expected = prev.map_or(1, |p| p + 1);
                if n != expected {
                    let (fk, what) = match prev {
                        Some(p) if n == p => (FindingKind::NumberingRepeat, "repeats"),
                        Some(p) if n < p => (FindingKind::NumberingOrder, "goes back"),
                        _ => (FindingKind::NumberingGap, "skips"),
                    };
                    out.push(Finding {
                        kind: fk,
                        severity: Severity::Warning,
                        label: Some(label.key.clone()),
                        line: Some(b.line),
                        message: format!(
                            "{} numbering {what}: {} where {expected} was expected",
                            kind.name(),
                            label.raw
                        ),
                    });
                }
                prev = Some(n);
            }
        }
        // Sub-paragraph letters under one parent: a, b, c …
        let mut last: Option<(String, usize)> = None;
        for b in &self.blocks {
            if b.kind != BlockKind::Subparagraph {
                if matches!(b.kind, BlockKind::Operative | BlockKind::Article) {
                    last = None;
                }
                continue;
            }
            let Some(label) = &b.label else { continue };
            let Some((parent, letter)) = split_letter(&label.key) else {
                continue;
            };
            let expected = match &last {
                Some((p, l)) if *p == parent => l + 1,
                _ => 0,
            };
            if letter != expected {
                let kind = if letter + 1 == expected {
                    FindingKind::NumberingRepeat
                } else if letter < expected {
                    FindingKind::NumberingOrder
                } else {
                    FindingKind::NumberingGap
                };
                out.push(Finding {
                    kind,
                    severity: Severity::Warning,
                    label: Some(label.key.clone()),
                    line: Some(b.line),
                    message: format!(
                        "sub-paragraph lettering: {} where ({}) was expected",
                        label.raw,
                        tables::letter_key(expected)
                    ),
                });
            }
            last = Some((parent, letter));
        }
        let numbered = self
            .blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::Operative | BlockKind::Article));
        if !numbered {
            out.push(Finding {
                kind: FindingKind::NoNumbering,
                severity: Severity::Warning,
                label: None,
                line: None,
                message: "no numbered paragraphs or articles: the document aligns by order only"
                    .into(),
            });
        }
        let opener = self.blocks.iter().any(|b| b.kind == BlockKind::Opener);
        let preamble_heading = self
            .blocks
            .iter()
            .any(|b| b.kind == BlockKind::Heading && b.label.is_none());
        if !opener && !preamble_heading && numbered {
            out.push(Finding {
                kind: FindingKind::NoOpener,
                severity: Severity::Info,
                label: None,
                line: None,
                message: "no preamble opener (\"The General Assembly,\") found".into(),
            });
        }
        self.findings.extend(out);
    }

    pub(super) fn check_footnotes(&mut self) {
        let mut out = Vec::new();
        let cited: std::collections::HashSet<&String> = self
            .blocks
            .iter()
            .flat_map(|b| b.footnote_refs.iter())
            .collect();
        let texts: std::collections::HashSet<&String> =
            self.footnotes.iter().map(|f| &f.label).collect();
        for f in &self.footnotes {
            if !cited.contains(&f.label) {
                out.push(Finding {
                    kind: FindingKind::FootnoteUnmatched,
                    severity: Severity::Info,
                    label: Some(f.label.clone()),
                    line: Some(f.line),
                    message: format!("footnote {} is never cited", f.label),
                });
            }
        }
        let mut seen = std::collections::HashSet::new();
        for b in &self.blocks {
            for r in &b.footnote_refs {
                if !texts.contains(r) && seen.insert(r) {
                    out.push(Finding {
                        kind: FindingKind::FootnoteUnmatched,
                        severity: Severity::Warning,
                        label: Some(r.clone()),
                        line: Some(b.line),
                        message: format!("footnote {r} is cited but its text is missing"),
                    });
                }
            }
        }
        self.findings.extend(out);
    }
}

/// `2(b)` → (`2`, 1); keys ending in a roman sub-sub-paragraph give `None`.
fn split_letter(key: &str) -> Option<(String, usize)> {
    let open = key.find('(')?;
    let inner = key[open + 1..].strip_suffix(')')?;
    if inner.contains('(') || inner.is_empty() {
        return None;
    }
    let first = inner.chars().next()?;
    if !inner.chars().all(|c| c == first) || !first.is_ascii_lowercase() {
        return None;
    }
    let index = (first as u8 - b'a') as usize + 26 * (inner.len() - 1);
    Some((key[..open].to_string(), index))
}

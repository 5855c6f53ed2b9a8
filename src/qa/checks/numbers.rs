//! Footnote references and texts, and numbers, dates and symbols.

use std::ops::Range;

use crate::anchor::RegionKind;
use crate::lang::Lang;
use crate::qa::tokens::{Token, TokenKind};
use crate::qa::{FindingKind, Severity, Side};

use super::Ctx;

impl Ctx<'_> {
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

    pub(super) fn footnote_refs(&mut self) {
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

    pub(super) fn footnote_texts(&mut self) {
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

    /// Numbers, dates and symbols: compared region by region, reported bead by bead.
    pub(super) fn numbers(&mut self) {
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
fn diff(a: &[Token], b: &[Token]) -> (Vec<Token>, Vec<Token>) {
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
    // Numbers in words are evidence when they match, not when they do not;
    // but a fraction is written in words in every language, so one left on
    // each side is a changed value (`四分之三` / `two thirds`).
    let fraction = |v: &[Token]| v.iter().any(|t| t.kind == TokenKind::Fraction);
    let fractions = fraction(&la) && fraction(&lb);
    let kept = |t: &Token| !t.soft || (fractions && t.kind == TokenKind::Fraction);
    la.retain(kept);
    lb.retain(kept);
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

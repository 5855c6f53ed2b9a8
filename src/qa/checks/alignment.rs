//! The beads themselves: unaligned text, weak links and length outliers.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::qa::{FindingKind, Severity, Side};

use super::evidence::Surplus;
use super::{Ctx, len_chars};
use crate::align::Bead;

/// The robust centre and spread of the log length ratio over a pair's
/// linked beads, against which one bead's lengths are an outlier.
struct LengthNorm {
    med: f64,
    mad: Option<f64>,
}

impl Ctx<'_> {
    /// Unaligned text, weak links and length outliers.
    pub(super) fn beads(&mut self) {
        let beads: Vec<_> = self.pa.beads().cloned().collect();
        // Robust centre and spread of the log length ratio over the pair's
        // own linked beads.
        let logs: Vec<f64> = beads
            .iter()
            .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
            .filter_map(|b| self.log_ratio(&b.src, &b.tgt))
            .collect();
        let (med, mad) = median_mad(&logs);
        let norm = LengthNorm { med, mad };
        let spread = self.spread();
        let crossed = self.crossed(&beads);
        for (i, b) in beads.iter().enumerate() {
            if crossed.contains(&i) || b.tgt.clone().any(|i| self.t_untranslated.contains(&i)) {
                continue;
            }
            if b.src.is_empty() || b.tgt.is_empty() {
                self.unaligned(b);
                continue;
            }
            // A sentence with no counterpart that the aligner merged into
            // its neighbour's bead: the bead balances far better without it.
            if self.reported(b) {
                continue;
            }
            if let Some(x) = spread.and_then(|sp| self.surplus(b, sp)) {
                self.joined_surplus(b, &x);
                continue;
            }
            self.outlier_or_weak(b, &norm);
        }
    }

    /// Hub text with no counterpart right next to target text with no
    /// counterpart, in the same region: both versions have text there, the
    /// aligner found it too unlike to link. That is one weak link, reported
    /// here, not an omission plus an addition. Returns the indices of the
    /// beads so reported.
    fn crossed(&mut self, beads: &[Bead]) -> BTreeSet<usize> {
        let mut crossed = BTreeSet::new();
        for (i, w) in beads.windows(2).enumerate() {
            let (a, b) = (&w[0], &w[1]);
            let one_sided = |x: &Bead| x.src.is_empty() != x.tgt.is_empty();
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
        crossed
    }

    /// A one-sided bead: `unaligned`, unless its units were reported
    /// already (missing, relabelled, displaced, left out).
    fn unaligned(&mut self, b: &Bead) {
        let (sl, tl) = (self.pa.src_lang, self.pa.tgt_lang);
        let s_units: BTreeSet<usize> = b.src.clone().map(|i| self.pa.src[i].unit).collect();
        let t_units: BTreeSet<usize> = b.tgt.clone().map(|i| self.pa.tgt[i].unit).collect();
        if s_units.iter().all(|u| self.s_explained.contains(u))
            && t_units.iter().all(|u| self.t_explained.contains(u))
        {
            return;
        }
        if self.take_displaced(b) || self.reported(b) {
            return;
        }
        let (side, text, lang, there) = if b.tgt.is_empty() {
            (Side::Src, self.join(Side::Src, &b.src), sl, tl)
        } else {
            (Side::Tgt, self.join(Side::Tgt, &b.tgt), tl, sl)
        };
        let chars = len_chars(&text) as f64 * if side == Side::Tgt { self.ratio } else { 1.0 };
        let severity = if chars >= self.th.unaligned_error_chars && !self.region_holds_it(b, chars)
        {
            Severity::Error
        } else {
            Severity::Warning
        };
        let n = b.src.len().max(b.tgt.len());
        self.push_at(
            FindingKind::Unaligned,
            severity,
            side,
            b.src.clone(),
            b.tgt.clone(),
            format!("{} in {lang} with no counterpart in {there}", sentences(n)),
        );
    }

    /// The surplus `x` of a linked bead `b` (sentences the bead balances far
    /// better without): `unaligned`, unless their units were reported.
    fn joined_surplus(&mut self, b: &Bead, x: &Surplus) {
        let (sl, tl) = (self.pa.src_lang, self.pa.tgt_lang);
        let explained = match x.side {
            Side::Tgt => x
                .run
                .clone()
                .any(|i| self.t_explained.contains(&self.pa.tgt[i].unit)),
            _ => x
                .run
                .clone()
                .any(|i| self.s_explained.contains(&self.pa.src[i].unit)),
        };
        let (src, tgt, lang, there) = match x.side {
            Side::Tgt => {
                let at = b.src.end;
                (at..at, x.run.clone(), tl, sl)
            }
            _ => {
                let at = if x.run.start == b.src.start {
                    b.tgt.start
                } else {
                    b.tgt.end
                };
                (x.run.clone(), at..at, sl, tl)
            }
        };
        let one_sided = Bead {
            src: src.clone(),
            tgt: tgt.clone(),
            score: 0.0,
        };
        if explained || self.take_displaced(&one_sided) {
            return;
        }
        let severity = if x.chars >= self.th.unaligned_error_chars {
            Severity::Error
        } else {
            Severity::Warning
        };
        self.push_at(
            FindingKind::Unaligned,
            severity,
            x.side,
            src,
            tgt,
            format!(
                "{} in {lang} with no counterpart in {there} (joined to a neighbour's link, whose lengths agree only without it)",
                sentences(x.run.len())
            ),
        );
    }

    /// A linked bead whose length ratio is far from the pair's
    /// (`length_outlier`), or else whose score is low (`low_score`).
    fn outlier_or_weak(&mut self, b: &Bead, norm: &LengthNorm) {
        let tl = self.pa.tgt_lang;
        let outlier = match (self.log_ratio(&b.src, &b.tgt), norm.mad) {
            (Some(l), Some(mad)) => {
                let z = 0.6745 * (l - norm.med) / mad;
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

    /// Whether the region of a one-sided bead has, on its other side, text
    /// for it: both sides of the region are about as long as each other, as
    /// when the aligner drew a boundary one sentence off inside a paragraph,
    /// not shorter by the bead's text, as when the text is missing. Then the
    /// bead is a warning, not an error.
    fn region_holds_it(&self, b: &Bead, chars: f64) -> bool {
        let Some(r) = self.pa.regions.get(self.region_of(&b.src, &b.tgt)) else {
            return false;
        };
        let sum = |sents: &[crate::engine::Sentence], x: &Range<usize>| -> f64 {
            sents
                .get(x.clone())
                .unwrap_or_default()
                .iter()
                .map(|s| len_chars(&s.text) as f64)
                .sum()
        };
        let (s, t) = (
            sum(&self.pa.src, &r.src),
            sum(&self.pa.tgt, &r.tgt) * self.ratio,
        );
        // Hub text left over: the other side would be `chars` shorter if it
        // were missing; target text left over: the hub side would.
        let (with, without) = if b.tgt.is_empty() {
            ((t - s).abs(), (t - (s - chars)).abs())
        } else {
            ((s - t).abs(), (s - (t - chars)).abs())
        };
        with < without
    }

    /// Whether sentences of `b` were reported already as having no
    /// counterpart (a numbered paragraph left out).
    fn reported(&self, b: &Bead) -> bool {
        b.src.clone().any(|i| self.s_reported.contains(&i))
            || b.tgt.clone().any(|i| self.t_reported.contains(&i))
    }

    /// Whether the one-sided bead `b` is text the aligner displaced with
    /// the sentences of a unit reported missing in its region (see
    /// `Ctx::displaced`); if so, it is counted off.
    fn take_displaced(&mut self, b: &Bead) -> bool {
        let side = if b.tgt.is_empty() {
            Side::Src
        } else {
            Side::Tgt
        };
        let n = b.src.len().max(b.tgt.len());
        let region = self.region_of(&b.src, &b.tgt);
        match self.displaced.get_mut(&(region, side)) {
            Some(left) if *left >= n => {
                *left -= n;
                true
            }
            _ => false,
        }
    }

    fn log_ratio(&self, s: &Range<usize>, t: &Range<usize>) -> Option<f64> {
        let ls: usize = s.clone().map(|i| len_chars(&self.pa.src[i].text)).sum();
        let lt: usize = t.clone().map(|i| len_chars(&self.pa.tgt[i].text)).sum();
        (ls >= self.th.length_min_chars).then(|| ((lt as f64 + 1.0) / (ls as f64 + 1.0)).ln())
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

/// `sentence` or `n sentences`.
fn sentences(n: usize) -> String {
    if n == 1 {
        "sentence".to_string()
    } else {
        format!("{n} sentences")
    }
}

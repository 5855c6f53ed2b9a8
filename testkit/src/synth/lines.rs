//! Hard sentence-per-line sets: line-parallel text with no structure at all
//! and heavy noise, as a researcher builds to test a sentence aligner
//! (`align --lines`): merges and splits on either side, dropped lines and
//! unrelated lines inserted, with the gold beads.

use sixalign::align::Bead;
use sixalign::lang::Lang;

use super::plan::{Rng, bare};
use super::render::{merge, split};

/// A pair of line files with their gold alignment.
#[derive(Clone, Debug, PartialEq)]
pub struct NoisyLines {
    /// Source lines.
    pub src: Vec<String>,
    /// Target lines.
    pub tgt: Vec<String>,
    /// Gold beads over the lines.
    pub gold: Vec<Bead>,
}

/// The lines without their leading paragraph or list label (`2.`, `(a)`,
/// `b)`, `二、`), so that a set has no structure left to go by; a line that
/// is nothing but a label stays as it is.
pub fn strip_labels(lines: Vec<String>) -> Vec<String> {
    let label = regex::Regex::new(
        r"^\s*(?:\(?[0-9A-Za-z一二三四五六七八九十]{1,4}[.)、．]|\([0-9A-Za-z一二三四五六七八九十]{1,4}\))\s*",
    )
    .expect("a valid pattern");
    lines
        .into_iter()
        .map(|l| {
            let rest = label.replace(&l, "");
            if rest.trim().is_empty() {
                l
            } else {
                rest.into_owned()
            }
        })
        .collect()
}

/// Cuts parallel lines into consecutive slices of `size` and makes each a
/// hard set with [`noisy_lines`] (seed `seed * 1000 + k` for slice `k`);
/// lines inserted as noise come from the other slices.
pub fn noisy_line_sets(
    src: &[String],
    tgt: &[String],
    langs: (Lang, Lang),
    size: usize,
    noise: f64,
    seed: u64,
) -> Vec<NoisyLines> {
    let n = src.len().min(tgt.len());
    (0..n.div_ceil(size.max(1)))
        .map(|k| {
            let r = k * size..((k + 1) * size).min(n);
            let extra: Vec<String> = tgt[..n]
                .iter()
                .enumerate()
                .filter(|(i, _)| !r.contains(i))
                .map(|(_, t)| t.clone())
                .collect();
            noisy_lines(
                &src[r.clone()],
                &tgt[r],
                langs,
                &extra,
                noise,
                seed.wrapping_mul(1000).wrapping_add(k as u64),
            )
        })
        .collect()
}

/// Makes a hard `--lines` set from parallel lines `src[i]` ↔ `tgt[i]`: each
/// source line starts, with probability `noise`, one of seven events drawn
/// uniformly: two lines merged into one on the target side (2-1) or on the
/// source side (1-2), a line split in two on either side (1-2, 2-1), a line
/// dropped from either side (1-0, 0-1), or an unrelated line from `extra`
/// inserted on the target side (0-1). Deterministic in `seed`.
pub fn noisy_lines(
    src: &[String],
    tgt: &[String],
    langs: (Lang, Lang),
    extra: &[String],
    noise: f64,
    seed: u64,
) -> NoisyLines {
    let (sl, tl) = langs;
    let mut rng = Rng::new(seed);
    let mut out = NoisyLines {
        src: Vec::new(),
        tgt: Vec::new(),
        gold: Vec::new(),
    };
    let n = src.len().min(tgt.len());
    let mut k = 0;
    let bead = |s: std::ops::Range<usize>, t: std::ops::Range<usize>| Bead {
        src: s,
        tgt: t,
        score: 1.0,
    };
    while k < n {
        let (i, j) = (out.src.len(), out.tgt.len());
        let (s, t) = (src[k].clone(), tgt[k].clone());
        if rng.chance(noise) {
            match rng.below(7) {
                0 if k + 1 < n => {
                    out.src.push(s);
                    out.src.push(src[k + 1].clone());
                    out.tgt.push(merge(tl, bare(&t), &tgt[k + 1]));
                    out.gold.push(bead(i..i + 2, j..j + 1));
                    k += 2;
                    continue;
                }
                1 if k + 1 < n => {
                    out.src.push(merge(sl, bare(&s), &src[k + 1]));
                    out.tgt.push(t);
                    out.tgt.push(tgt[k + 1].clone());
                    out.gold.push(bead(i..i + 1, j..j + 2));
                    k += 2;
                    continue;
                }
                2 => {
                    if let Some((a, b)) = split(tl, &t) {
                        out.src.push(s);
                        out.tgt.push(a);
                        out.tgt.push(b);
                        out.gold.push(bead(i..i + 1, j..j + 2));
                        k += 1;
                        continue;
                    }
                }
                3 => {
                    if let Some((a, b)) = split(sl, &s) {
                        out.src.push(a);
                        out.src.push(b);
                        out.tgt.push(t);
                        out.gold.push(bead(i..i + 2, j..j + 1));
                        k += 1;
                        continue;
                    }
                }
                4 => {
                    out.src.push(s);
                    out.gold.push(bead(i..i + 1, j..j));
                    k += 1;
                    continue;
                }
                5 => {
                    out.tgt.push(t);
                    out.gold.push(bead(i..i, j..j + 1));
                    k += 1;
                    continue;
                }
                6 if !extra.is_empty() => {
                    out.src.push(s);
                    out.tgt.push(t);
                    out.gold.push(bead(i..i + 1, j..j + 1));
                    out.tgt.push(extra[rng.below(extra.len())].clone());
                    out.gold.push(bead(i + 1..i + 1, j + 1..j + 2));
                    k += 1;
                    continue;
                }
                _ => {}
            }
        }
        out.src.push(s);
        out.tgt.push(t);
        out.gold.push(bead(i..i + 1, j..j + 1));
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_covers_both_sides_and_noise_is_heavy() {
        let src: Vec<String> = (0..400)
            .map(|i| format!("第{i}条，委员会决定继续审议这个问题并向大会报告。"))
            .collect();
        let tgt: Vec<String> = (0..400)
            .map(|i| format!("Article {i}, the Committee decided to continue, and to report."))
            .collect();
        let extra = vec!["An unrelated line.".to_string()];
        let s = noisy_lines(&src, &tgt, (Lang::Zh, Lang::En), &extra, 0.2, 3);
        let (mut i, mut j) = (0, 0);
        for b in &s.gold {
            assert_eq!((b.src.start, b.tgt.start), (i, j));
            i = b.src.end;
            j = b.tgt.end;
        }
        assert_eq!((i, j), (s.src.len(), s.tgt.len()));
        let odd = s
            .gold
            .iter()
            .filter(|b| b.src.len() != 1 || b.tgt.len() != 1);
        let share = odd.count() as f64 / s.gold.len() as f64;
        assert!(share > 0.15, "{share}");
    }
}

//! Strict and lax precision, recall and F1 against a gold alignment.
//!
//! The scoring is the one Vecalign's `score.py` implements (after Sennrich &
//! Volk's lax/strict measures, also used by Bertalign), so figures compare
//! with published ones:
//!
//! - A bead file is read as `score.py` reads it ([`read_links`]): each side a
//!   list of sentence indices as written, not necessarily consecutive
//!   (`[49, 51, 53]:[51]`); two links are equal when their lists are.
//! - Each file's beads are taken as a set (duplicates count once), and beads
//!   empty on both sides are dropped.
//! - **Precision** looks at every test bead, 1-0 and 0-1 beads included: a
//!   strict hit is a bead that is also in the gold set; a lax hit is a strict
//!   hit or a bead that shares a source sentence *and* a target sentence with
//!   some gold bead. So a test 1-0 bead is a hit only when gold has the very
//!   same 1-0 bead, and a gold 1-0 bead is never a lax match of a test bead
//!   that links its source sentence to something (`[137]:[247, 248]` against
//!   gold `[137]:[]`).
//! - **Recall** does the same with the roles swapped, after dropping the 1-0
//!   and 0-1 beads from *both* sides.
//! - Counts are summed over all files first; precision, recall and F1 come
//!   from the sums (F1 from P and R, 0 when both are 0).
//!
//! ```
//! use sixalign::align::Bead;
//! use sixalign::eval::{score_pair, Scores};
//!
//! let b = |s: std::ops::Range<usize>, t: std::ops::Range<usize>| Bead { src: s, tgt: t, score: 0.0 };
//! let gold = [b(0..1, 0..1), b(1..2, 1..2)];
//! let test = [b(0..2, 0..2)]; // merged: a lax hit, a strict miss
//! let s = Scores::from_counts(score_pair(&gold, &test), 1, gold.len(), test.len());
//! assert_eq!((s.strict.precision, s.lax.precision), (0.0, 1.0));
//! assert_eq!((s.strict.recall, s.lax.recall), (0.0, 1.0));
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::ops::{Add, AddAssign, Range};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::align::Bead;
use crate::error::{Error, Result};
use crate::output::parse_beads;

/// Hits and total for one direction (precision or recall).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Beads matched exactly.
    pub strict: usize,
    /// Beads matched exactly or overlapping on both sides.
    pub lax: usize,
    /// Beads looked at (the denominator).
    pub total: usize,
}

/// The raw counts of one or more files; add them up, then make [`Scores`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BeadCounts {
    /// Test beads checked against gold.
    pub precision: Tally,
    /// Gold beads (1-0/0-1 excluded) checked against test (1-0/0-1 excluded).
    pub recall: Tally,
}

impl AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.strict += o.strict;
        self.lax += o.lax;
        self.total += o.total;
    }
}

impl AddAssign for BeadCounts {
    fn add_assign(&mut self, o: BeadCounts) {
        self.precision += o.precision;
        self.recall += o.recall;
    }
}

impl Add for BeadCounts {
    type Output = BeadCounts;
    fn add(mut self, o: BeadCounts) -> BeadCounts {
        self += o;
        self
    }
}

impl std::iter::Sum for BeadCounts {
    fn sum<I: Iterator<Item = BeadCounts>>(iter: I) -> BeadCounts {
        iter.fold(BeadCounts::default(), Add::add)
    }
}

/// Precision, recall and F1 of one kind (strict or lax), with the counts behind them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Hits among test beads / test beads.
    pub precision: f64,
    /// Hits among gold beads / gold beads.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Test beads that are hits.
    pub precision_hits: usize,
    /// Test beads scored (precision denominator).
    pub test_links: usize,
    /// Gold beads that are hits.
    pub recall_hits: usize,
    /// Gold beads scored (recall denominator).
    pub gold_links: usize,
}

impl Prf {
    fn new(precision_hits: usize, test_links: usize, recall_hits: usize, gold_links: usize) -> Prf {
        // Vecalign scores 0 whenever a denominator is 0.
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(precision_hits, test_links);
        let recall = ratio(recall_hits, gold_links);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
            precision_hits,
            test_links,
            recall_hits,
            gold_links,
        }
    }
}

/// The result of an evaluation: strict and lax figures over all files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Exact bead matches.
    pub strict: Prf,
    /// Overlap on both sides.
    pub lax: Prf,
    /// Number of gold/test file pairs scored.
    pub files: usize,
    /// Beads read from the gold files (all kinds, before any filtering).
    pub gold_beads: usize,
    /// Beads read from the test files (all kinds, before any filtering).
    pub test_beads: usize,
}

impl Scores {
    /// Figures from summed counts.
    pub fn from_counts(
        c: BeadCounts,
        files: usize,
        gold_beads: usize,
        test_beads: usize,
    ) -> Scores {
        Scores {
            strict: Prf::new(
                c.precision.strict,
                c.precision.total,
                c.recall.strict,
                c.recall.total,
            ),
            lax: Prf::new(
                c.precision.lax,
                c.precision.total,
                c.recall.lax,
                c.recall.total,
            ),
            files,
            gold_beads,
            test_beads,
        }
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} file{}, {} gold beads, {} test beads",
            self.files,
            if self.files == 1 { "" } else { "s" },
            self.gold_beads,
            self.test_beads
        )?;
        writeln!(f, "             strict     lax")?;
        let (s, l) = (&self.strict, &self.lax);
        writeln!(f, "precision    {:.4}   {:.4}", s.precision, l.precision)?;
        writeln!(f, "recall       {:.4}   {:.4}", s.recall, l.recall)?;
        write!(f, "F1           {:.4}   {:.4}", s.f1, l.f1)
    }
}

/// One link of a bead file as `score.py` reads it: the source and target
/// sentence indices in the order written. They need not be consecutive or
/// ascending (published gold sets have links like `[49, 51, 53]:[51]`);
/// two links are the same when their lists are.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Link {
    /// Source sentence indices.
    pub src: Vec<i64>,
    /// Target sentence indices.
    pub tgt: Vec<i64>,
}

impl From<&Bead> for Link {
    fn from(b: &Bead) -> Link {
        let list = |r: &Range<usize>| r.clone().map(|i| i as i64).collect();
        Link {
            src: list(&b.src),
            tgt: list(&b.tgt),
        }
    }
}

/// `score.py`'s `_precision`: the distinct `test` links (those empty on
/// both sides left out) that are in `gold` (strict), or that share a source
/// sentence with a gold link and a target sentence with that same gold link
/// (lax). A gold link empty on one side is never a lax match of anything
/// but itself.
///
/// Memory and time stay linear in the links' indices: a gold link is kept
/// as (source index, its target list) pairs, never as the product of its
/// sides, so one link of 100,000 indices a side costs 100,000 pairs, not
/// 10^10; links are compared by reference, not cloned.
fn tally<'a>(
    gold: impl IntoIterator<Item = &'a Link>,
    test: impl IntoIterator<Item = &'a Link>,
) -> Tally {
    let distinct = |v: &mut dyn Iterator<Item = &'a Link>| -> Vec<&'a Link> {
        let mut v: Vec<&Link> = v
            .filter(|l| !l.src.is_empty() || !l.tgt.is_empty())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (gold, test) = (
        distinct(&mut gold.into_iter()),
        distinct(&mut test.into_iter()),
    );
    // The distinct target lists of the gold links, sorted (one per list,
    // however many links share it), and source index -> target list.
    let mut targets: Vec<Vec<i64>> = Vec::new();
    let mut target_id: HashMap<&[i64], u32> = HashMap::new();
    let mut by_src: Vec<(i64, u32)> = Vec::new();
    for g in &gold {
        if g.tgt.is_empty() {
            continue;
        }
        let id = *target_id.entry(&g.tgt).or_insert_with(|| {
            let mut t = g.tgt.clone();
            t.sort_unstable();
            t.dedup();
            targets.push(t);
            (targets.len() - 1) as u32
        });
        by_src.extend(g.src.iter().map(|&i| (i, id)));
    }
    by_src.sort_unstable();
    by_src.dedup();
    // Which target lists the current test link has already tried.
    let mut tried = vec![usize::MAX; targets.len()];
    let mut out = Tally::default();
    for (n, link) in test.iter().enumerate() {
        out.total += 1;
        // `gold` is sorted: a lookup without hashing every index list.
        if gold.binary_search(link).is_ok() {
            out.strict += 1;
            out.lax += 1;
            continue;
        }
        let mut tgt: Vec<i64> = link.tgt.clone();
        tgt.sort_unstable();
        tgt.dedup();
        let shares_target = |list: &[i64]| -> bool {
            // Look the shorter list up in the longer.
            let (short, long) = if list.len() < tgt.len() {
                (list, &tgt[..])
            } else {
                (&tgt[..], list)
            };
            short.iter().any(|t| long.binary_search(t).is_ok())
        };
        let lax = link.src.iter().any(|&i| {
            let from = by_src.partition_point(|&(s, _)| s < i);
            by_src[from..]
                .iter()
                .take_while(|&&(s, _)| s == i)
                .any(|&(_, id)| {
                    let id = id as usize;
                    if tried[id] == n {
                        return false;
                    }
                    tried[id] = n;
                    shares_target(&targets[id])
                })
        });
        if lax {
            out.lax += 1;
        }
    }
    out
}

/// Scores one test alignment against its gold alignment, as `score.py`:
/// precision over all test links, recall over the gold links with both
/// sides non-empty against the test links with both sides non-empty.
pub fn score_links(gold: &[Link], test: &[Link]) -> BeadCounts {
    fn full(v: &[Link]) -> impl Iterator<Item = &Link> {
        v.iter().filter(|l| !l.src.is_empty() && !l.tgt.is_empty())
    }
    BeadCounts {
        precision: tally(gold, test),
        recall: tally(full(test), full(gold)),
    }
}

/// Scores one test alignment against its gold alignment.
pub fn score_pair(gold: &[Bead], test: &[Bead]) -> BeadCounts {
    let links = |v: &[Bead]| -> Vec<Link> { v.iter().map(Link::from).collect() };
    score_links(&links(gold), &links(test))
}

/// Scores several (gold, test) alignments, summing counts over them.
pub fn score_all<'a, I>(pairs: I) -> Scores
where
    I: IntoIterator<Item = (&'a [Bead], &'a [Bead])>,
{
    let (mut counts, mut files, mut gold_beads, mut test_beads) = (BeadCounts::default(), 0, 0, 0);
    for (gold, test) in pairs {
        counts += score_pair(gold, test);
        files += 1;
        gold_beads += gold.len();
        test_beads += test.len();
    }
    Scores::from_counts(counts, files, gold_beads, test_beads)
}

/// Reads and parses one bead file; errors name the file (and line).
pub fn read_beads(path: &Path) -> Result<Vec<Bead>> {
    let text = crate::load::read_text_file(path)?;
    parse_beads(&text).map_err(|e| e.with_path(path))
}

/// Reads a bead file as `score.py` does: every line `SRC:TGT`, each a
/// bracketed list of integers (`[3]`, `[49, 51, 53]`, `[]`), in any order;
/// what follows a second `:` (a score) is ignored. Blank lines are skipped.
/// Errors name the file and line.
pub fn read_links(path: &Path) -> Result<Vec<Link>> {
    let text = crate::load::read_text_file(path)?;
    parse_links(&text).map_err(|e| e.with_path(path))
}

/// Parses the text of a bead file into links (see [`read_links`]).
pub fn parse_links(text: &str) -> Result<Vec<Link>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut out = Vec::new();
    for (n, line) in crate::load::lines(text).enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |msg: &str| {
            Error::malformed(format!("bead line {:?}: {msg}", line.trim())).with_line(n + 1)
        };
        let fields: Vec<&str> = line
            .split(':')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect();
        let [src, tgt, ..] = fields[..] else {
            return Err(bad("expected `[source indices]:[target indices]`"));
        };
        let src = parse_list(src).map_err(|e| bad(&format!("source side: {e}")))?;
        let tgt = parse_list(tgt).map_err(|e| bad(&format!("target side: {e}")))?;
        out.push(Link { src, tgt });
    }
    Ok(out)
}

/// `[1, 2]`, `[]`, `(1, 2)`, `[1, 2,]`: a bracketed list of integers.
fn parse_list(field: &str) -> std::result::Result<Vec<i64>, String> {
    let inner = field
        .strip_prefix('[')
        .and_then(|f| f.strip_suffix(']'))
        .or_else(|| field.strip_prefix('(').and_then(|f| f.strip_suffix(')')))
        .ok_or_else(|| format!("{field:?} is not a bracketed list like [0, 1]"))?;
    let mut v = Vec::new();
    let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
    for (k, p) in parts.iter().enumerate() {
        // One trailing comma is allowed, as in Python.
        if p.is_empty() && k + 1 == parts.len() && (k > 0 || inner.trim().is_empty()) {
            continue;
        }
        v.push(
            p.parse::<i64>()
                .map_err(|_| format!("{p:?} is not a sentence index"))?,
        );
    }
    Ok(v)
}

/// Regular, non-hidden files directly in `dir`, by name.
fn bead_files(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let io_err = |e: std::io::Error| Error::from(e).with_path(dir);
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(io_err)? {
        let entry = entry.map_err(io_err)?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !path.is_file() {
            continue;
        }
        out.push((name, path));
    }
    out.sort();
    Ok(out)
}

/// Evaluates `test` against `gold`: two bead files, or two directories whose
/// files are matched by name (every file needs its counterpart; the error
/// names the one that has none).
pub fn eval_paths(gold: &Path, test: &Path) -> Result<Scores> {
    // A missing path is missing, not a file compared with a directory.
    for p in [gold, test] {
        if p != Path::new("-") {
            std::fs::metadata(p).map_err(|e| Error::from(e).with_path(p))?;
        }
    }
    let pairs: Vec<(PathBuf, PathBuf)> = match (gold.is_dir(), test.is_dir()) {
        (false, false) => vec![(gold.to_path_buf(), test.to_path_buf())],
        (true, true) => {
            let golds = bead_files(gold)?;
            let tests = bead_files(test)?;
            if golds.is_empty() {
                return Err(Error::usage("no bead files in the gold directory").with_path(gold));
            }
            let test_names: HashSet<&str> = tests.iter().map(|(n, _)| n.as_str()).collect();
            let gold_names: HashSet<&str> = golds.iter().map(|(n, _)| n.as_str()).collect();
            if let Some((name, _)) = golds.iter().find(|(n, _)| !test_names.contains(n.as_str())) {
                return Err(Error::usage(format!(
                    "gold file {name} has no test file of the same name"
                ))
                .with_path(test.join(name)));
            }
            if let Some((name, _)) = tests.iter().find(|(n, _)| !gold_names.contains(n.as_str())) {
                return Err(Error::usage(format!(
                    "test file {name} has no gold file of the same name"
                ))
                .with_path(gold.join(name)));
            }
            golds
                .into_iter()
                .map(|(name, g)| (g, test.join(name)))
                .collect()
        }
        _ => {
            return Err(Error::usage(format!(
                "compare a file with a file or a directory with a directory, not {} with {}",
                gold.display(),
                test.display()
            )));
        }
    };
    let (mut counts, mut gold_beads, mut test_beads) = (BeadCounts::default(), 0, 0);
    for (g, t) in &pairs {
        let (g, t) = (read_links(g)?, read_links(t)?);
        counts += score_links(&g, &t);
        gold_beads += g.len();
        test_beads += t.len();
    }
    Ok(Scores::from_counts(
        counts,
        pairs.len(),
        gold_beads,
        test_beads,
    ))
}

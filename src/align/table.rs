//! The features of many sentences in flat tables, and runs of them merged.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use crate::lang::Lang;
use crate::lexicon::Lexicon;
use crate::score::{Features, IdSet, NameReadings};

use super::{MERGED, PairLexicons, Params};

/// Sorted lists of many runs, back to back: run `r`'s list is
/// `data[end[r - 1]..end[r]]`. One allocation for all of them, where a
/// [`Features`] per run would hold four.
#[derive(Clone, Default)]
pub(super) struct Lists<T> {
    pub(super) data: Vec<T>,
    pub(super) end: Vec<u32>,
}

impl Lists<u32> {
    /// Appends one more run: the given sorted 64-bit hash lists, folded to
    /// 32 bits, as one sorted multiset.
    pub(super) fn push_folded<'a>(&mut self, parts: impl Iterator<Item = &'a [u64]>) {
        let at = self.data.len();
        for p in parts {
            self.data.extend(p.iter().map(|&h| (h ^ (h >> 32)) as u32));
        }
        self.data[at..].sort_unstable();
        self.end.push(self.data.len() as u32);
    }
}

impl Lists<u32> {
    /// Appends one more run: the given sorted lists, as one sorted list
    /// (a multiset; a set when `dedup`).
    pub(super) fn push<'a>(&mut self, parts: impl Iterator<Item = &'a [u32]>, dedup: bool) {
        thread_local! {
            static SCRATCH: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
        }
        let at = self.data.len();
        SCRATCH.with(|scratch| self.merge_into(at, parts, &mut scratch.borrow_mut()));
        if dedup {
            let mut w = at;
            for r in at..self.data.len() {
                if w == at || self.data[w - 1] != self.data[r] {
                    self.data[w] = self.data[r];
                    w += 1;
                }
            }
            self.data.truncate(w);
        }
        self.end.push(self.data.len() as u32);
    }

    /// Appends each of `parts` (sorted) to the sorted list from `at` on,
    /// merged: the list so far is moved aside into `scratch`, then both are
    /// merged back from the front, never past the unread part of the new
    /// one, which lies after.
    fn merge_into<'a>(
        &mut self,
        at: usize,
        parts: impl Iterator<Item = &'a [u32]>,
        scratch: &mut Vec<u32>,
    ) {
        for p in parts {
            let mid = self.data.len();
            self.data.extend_from_slice(p);
            if mid == at || p.is_empty() || self.data[mid - 1] <= self.data[mid] {
                continue;
            }
            scratch.clear();
            scratch.extend_from_slice(&self.data[at..mid]);
            let end = self.data.len();
            let (mut w, mut b) = (at, mid);
            for &x in scratch.iter() {
                while b < end && self.data[b] < x {
                    self.data[w] = self.data[b];
                    b += 1;
                    w += 1;
                }
                self.data[w] = x;
                w += 1;
            }
        }
    }

    /// Appends the runs of each of `tables` (lists of the same kind, each
    /// with its empty entry 0), in order.
    pub(super) fn append_all(&mut self, tables: &[&Lists<u32>]) {
        let data: usize = tables.iter().map(|l| l.data.len()).sum();
        let runs: usize = tables.iter().map(|l| l.end.len() - 1).sum();
        self.data.reserve_exact(data);
        self.end.reserve_exact(runs);
        for l in tables {
            let base = self.data.len() as u32;
            self.data.extend_from_slice(&l.data);
            self.end.extend(l.end[1..].iter().map(|&e| base + e));
        }
    }

    /// Keeps the ids `dense` maps, mapped (in place).
    pub(super) fn renumber(
        &mut self,
        dense: &std::collections::HashMap<u32, u32, crate::lexicon::IdHash>,
    ) {
        let mut w = 0;
        let mut start = 0;
        for r in 0..self.end.len() {
            let end = self.end[r] as usize;
            for k in start..end {
                if let Some(&d) = dense.get(&self.data[k]) {
                    self.data[w] = d;
                    w += 1;
                }
            }
            start = end;
            self.end[r] = w as u32;
        }
        self.data.truncate(w);
        self.data.shrink_to_fit();
    }
}

impl<T: Copy + Ord> Lists<T> {
    pub(super) fn get(&self, r: usize) -> &[T] {
        let start = if r == 0 { 0 } else { self.end[r - 1] as usize };
        &self.data[start..self.end[r] as usize]
    }

    /// Empties every run's list (the runs stay).
    pub(super) fn clear_lists(&mut self) {
        self.data.clear();
        self.end.iter_mut().for_each(|e| *e = 0);
    }

    pub(super) fn reserve(&mut self, runs: usize, data: usize) {
        self.end.reserve_exact(runs);
        self.data.reserve_exact(data);
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.end.shrink_to_fit();
        self.data.shrink_to_fit();
    }
}

/// What the scorers read of a sequence of runs of consecutive sentences, in
/// flat arrays. Entry `0` is empty; entry `i` is the `i`-th run (a sentence,
/// a group of sentences at a coarse level, or the run of `d` units ending at
/// unit `i`). Runs are merged as [`Features::merge`] merges, so a link
/// prices the same as over [`Features`].
#[derive(Default)]
pub(super) struct RunTable {
    /// Lexicon ids lie in `0..vocabulary` (see [`shared_vocabulary`]).
    pub(super) vocabulary: usize,
    pub(super) len: Vec<f32>,
    pub(super) lex_total: Vec<u32>,
    /// The punctuation kinds of the run (OR of its sentences').
    pub(super) punct: Vec<u8>,
    // Token hashes folded to 32 bits: half the memory of a million-sentence
    // input; two tokens of one sentence pair meet by accident about once in
    // four billion.
    pub(super) invariant: Lists<u32>,
    pub(super) names: Lists<u32>,
    pub(super) cognates: Lists<u32>,
    pub(super) lex: Lists<u32>,
}

impl RunTable {
    /// A table with only the empty entry 0.
    pub(super) fn empty() -> RunTable {
        let mut t = RunTable::default();
        t.push_parts(&[], false);
        t
    }

    /// The table of the sentences `f`, one entry each (runs of several are
    /// [`RunTable::runs_of`]).
    pub(super) fn new(f: &[Features]) -> RunTable {
        let mut t = RunTable::empty();
        t.push_sentences(f);
        t
    }

    /// One entry per sentence of `f`, appended.
    pub(super) fn push_sentences(&mut self, f: &[Features]) {
        for x in f {
            self.push_parts(std::slice::from_ref(x), false);
        }
    }

    /// The sentences' table, their features built in parallel a chunk at a time.
    /// `keep`: the lexicon ids to keep (all when `None`).
    pub(super) fn of_texts(
        texts: &[&str],
        lang: Lang,
        params: &Params,
        keep: Option<&IdSet>,
        names: Option<&NameReadings>,
    ) -> RunTable {
        const CHUNK: usize = 2048;
        let mut t = RunTable::empty();
        t.reserve(texts.len());
        for c in texts.chunks(CHUNK) {
            // Built in parallel inside the chunk, then flattened in order.
            let f = params.features_keeping(c, lang, keep, names);
            t.push_sentences(&f);
        }
        t.shrink_to_fit();
        t
    }

    /// The lexicon ids of these sentences (`texts`, in `lang`) under
    /// `after`'s lexicons, where they were looked up under `before`'s:
    /// the content words of a target side stay; a source side adds the
    /// translations of the tables `after` adds; anything else is looked up
    /// again.
    pub(super) fn relex(&mut self, texts: &[&str], lang: Lang, before: &Params, after: &Params) {
        // Some(true): the side holds the keys; Some(false): the words.
        let role = |p: &Params| {
            p.lexicon
                .as_ref()
                .map(|l| l.tables[0].src_lang == Some(lang))
        };
        let added: Vec<&Lexicon> = match (role(before), role(after)) {
            (Some(false), Some(false)) => return,
            (Some(true), Some(true)) => {
                let old = &before.lexicon.as_ref().expect("a role").tables;
                let added: Vec<&Lexicon> = after
                    .lexicon
                    .as_ref()
                    .expect("a role")
                    .tables
                    .iter()
                    .filter(|t| !old.iter().any(|o| Arc::ptr_eq(o, t)))
                    .map(|t| &**t)
                    .collect();
                if added.is_empty() {
                    return;
                }
                added
            }
            _ => {
                // Looked up again from nothing: every sentence gets a list
                // (an empty one when `after` has no lexicon for this side).
                let mut fresh = Lists::default();
                fresh.reserve(texts.len() + 1, 0);
                fresh.push(std::iter::empty(), false);
                self.lex = fresh;
                self.lex_total.iter_mut().for_each(|x| *x = 0);
                after
                    .lexicon
                    .as_ref()
                    .map(PairLexicons::refs)
                    .unwrap_or_default()
            }
        };
        const CHUNK: usize = 2048;
        let mut lists = Lists::default();
        lists.reserve(self.lex.end.len(), self.lex.data.len());
        lists.push(std::iter::empty(), false);
        for (c, chunk) in texts.chunks(CHUNK).enumerate() {
            let found: Vec<(Vec<u32>, u32)> = chunk
                .par_iter()
                .enumerate()
                .map(|(k, text)| {
                    let mut f = Features::default();
                    f.set_lex(text, lang, &added);
                    // Entry 0 is the empty run: sentence `r` is entry `r + 1`.
                    let r = c * CHUNK + k + 1;
                    if r < self.lex.end.len() {
                        f.lex.extend_from_slice(self.lex.get(r));
                        f.lex.sort_unstable();
                        f.lex.dedup();
                    }
                    (f.lex, f.lex_total)
                })
                .collect();
            for (k, (ids, total)) in found.into_iter().enumerate() {
                lists.push(std::iter::once(&ids[..]), false);
                self.lex_total[c * CHUNK + k + 1] += total;
            }
        }
        lists.shrink_to_fit();
        self.lex = lists;
    }

    /// Room for `runs` more runs (lists grow as they come).
    pub(super) fn reserve(&mut self, runs: usize) {
        self.len.reserve_exact(runs);
        self.lex_total.reserve_exact(runs);
        self.punct.reserve_exact(runs);
        self.invariant.reserve(runs, 0);
        self.names.reserve(runs, 0);
        self.cognates.reserve(runs, 0);
        self.lex.reserve(runs, 0);
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.invariant.shrink_to_fit();
        self.names.shrink_to_fit();
        self.cognates.shrink_to_fit();
        self.lex.shrink_to_fit();
    }

    pub(super) fn push_parts(&mut self, part: &[Features], dedup_lex: bool) {
        let mut len = 0.0;
        let mut lex_total = 0;
        let mut punct = 0;
        for p in part {
            len += p.len;
            lex_total += p.lex_total;
            punct |= p.punct;
        }
        self.len.push(len);
        self.lex_total.push(lex_total);
        self.punct.push(punct);
        self.invariant
            .push_folded(part.iter().map(|p| &p.invariant[..]));
        self.names.push_folded(part.iter().map(|p| &p.names[..]));
        self.cognates
            .push_folded(part.iter().map(|p| &p.cognates[..]));
        self.lex.push(part.iter().map(|p| &p.lex[..]), dedup_lex);
    }

    /// Number of runs (entries after the empty one).
    pub(super) fn runs(&self) -> usize {
        self.len.len() - 1
    }

    /// A table whose entry `r + 1` merges this table's entries `parts[r]`.
    /// `width` is how many entries a part spans at most, for sizing.
    /// `lex`: whether to merge the lexicon ids too (groups at a coarse
    /// level do; runs of a few sentences do not, the program reads their
    /// sentences' ids, see [`hits`]). Long tables are merged a chunk of
    /// parts at a time in parallel, the chunks appended in order.
    pub(super) fn merged(
        &self,
        parts: impl ExactSizeIterator<Item = Range<usize>>,
        width: usize,
        lex: bool,
    ) -> RunTable {
        const CHUNK: usize = 4096;
        let total = parts.len();
        if total <= CHUNK {
            return self.merged_serial(parts, width, lex, total);
        }
        let parts: Vec<Range<usize>> = parts.collect();
        let chunks: Vec<RunTable> = parts
            .par_chunks(CHUNK)
            .map(|c| self.merged_serial(c.iter().cloned(), width, lex, total))
            .collect();
        let mut t = RunTable::empty();
        t.vocabulary = self.vocabulary;
        let runs: usize = chunks.iter().map(RunTable::runs).sum();
        t.len.reserve_exact(runs);
        t.lex_total.reserve_exact(runs);
        t.punct.reserve_exact(runs);
        for c in &chunks {
            t.len.extend_from_slice(&c.len[1..]);
            t.lex_total.extend_from_slice(&c.lex_total[1..]);
            t.punct.extend_from_slice(&c.punct[1..]);
        }
        for (to, from) in [
            (
                &mut t.invariant,
                chunks.iter().map(|c| &c.invariant).collect::<Vec<_>>(),
            ),
            (&mut t.names, chunks.iter().map(|c| &c.names).collect()),
            (
                &mut t.cognates,
                chunks.iter().map(|c| &c.cognates).collect(),
            ),
            (&mut t.lex, chunks.iter().map(|c| &c.lex).collect()),
        ] {
            to.append_all(&from);
        }
        t
    }

    /// [`RunTable::merged`] of some of `total` parts, in one thread.
    fn merged_serial(
        &self,
        parts: impl ExactSizeIterator<Item = Range<usize>>,
        width: usize,
        lex: bool,
        total: usize,
    ) -> RunTable {
        let mut t = RunTable::empty();
        t.vocabulary = self.vocabulary;
        let runs = parts.len();
        // Sized for these parts' share of all of them.
        let share = |l: &Lists<u32>| (l.data.len() * width).div_ceil(total.max(1)) * runs;
        t.len.reserve_exact(runs);
        t.lex_total.reserve_exact(runs);
        t.punct.reserve_exact(runs);
        t.invariant.reserve(runs, share(&self.invariant));
        t.names.reserve(runs, share(&self.names));
        t.cognates.reserve(runs, share(&self.cognates));
        if lex {
            t.lex.reserve(runs, share(&self.lex));
        }
        for r in parts {
            t.push_merged(self, r, lex);
        }
        t.shrink_to_fit();
        t
    }

    /// Makes this table (entry 0 and one run) hold the run of `from`'s
    /// entries `i + 1 - d..=i` as entry 1, merged as [`RunTable::merged`]
    /// merges (without lexicon ids).
    pub(super) fn set_merge(&mut self, from: &RunTable, i: usize, d: usize) {
        for l in [
            &mut self.invariant,
            &mut self.names,
            &mut self.cognates,
            &mut self.lex,
        ] {
            l.data.clear();
            l.end.truncate(1);
        }
        self.len.truncate(1);
        self.lex_total.truncate(1);
        self.punct.truncate(1);
        self.push_merged(from, i + 1 - d..i + 1, false);
    }

    /// The length, content words and punctuation kinds of the entries `r`
    /// taken as one: summed in order, so that every run of the same
    /// entries (a merged table's, a bound's in the program) has the very
    /// same length.
    pub(super) fn sums(&self, r: Range<usize>) -> (f32, u32, u8) {
        let mut len = 0.0;
        let mut lex_total = 0;
        let mut punct = 0;
        for e in r {
            len += self.len[e];
            lex_total += self.lex_total[e];
            punct |= self.punct[e];
        }
        (len, lex_total, punct)
    }

    /// Appends one entry: `from`'s entries `r` taken as one (lengths and
    /// counts summed, punctuation kinds joined, token lists merged; the
    /// lexicon ids merged and made distinct when `lex`, else left empty).
    fn push_merged(&mut self, from: &RunTable, r: Range<usize>, lex: bool) {
        let (len, lex_total, punct) = from.sums(r.clone());
        self.len.push(len);
        self.lex_total.push(lex_total);
        self.punct.push(punct);
        self.invariant
            .push(r.clone().map(|e| from.invariant.get(e)), false);
        self.names.push(r.clone().map(|e| from.names.get(e)), false);
        self.cognates
            .push(r.clone().map(|e| from.cognates.get(e)), false);
        if lex {
            self.lex.push(r.map(|e| from.lex.get(e)), true);
        } else {
            self.lex.push(std::iter::empty(), false);
        }
    }

    /// Consecutive runs of `g` taken as one, for the coarse level.
    pub(super) fn grouped(&self, g: usize) -> RunTable {
        let n = self.runs();
        self.merged(
            (0..n.div_ceil(g)).map(|k| k * g + 1..((k + 1) * g).min(n) + 1),
            1,
            true,
        )
    }

    /// The runs of `d` consecutive entries ending at each entry (empty
    /// where fewer than `d` precede).
    pub(super) fn runs_of(&self, d: usize) -> RunTable {
        let n = self.runs();
        self.merged(
            (1..n + 1).map(|i| if i < d { 0..0 } else { i + 1 - d..i + 1 }),
            d,
            false,
        )
    }
}

/// The runs of one to three consecutive sentences ending at each position,
/// merged once, so that pricing a 2-1 or 1-3 bead is as cheap as pricing a
/// 1-1 bead.
pub(super) struct Runs<'a> {
    pub(super) one: &'a RunTable,
    pub(super) two: RunTable,
    pub(super) three: RunTable,
}

impl<'a> Runs<'a> {
    pub(super) fn new(one: &'a RunTable) -> Runs<'a> {
        let (two, three) = rayon::join(|| one.runs_of(2), || one.runs_of(3));
        Runs { one, two, three }
    }

    /// Run `i - d..i` (1 ≤ d ≤ 3, d ≤ i) as (table, entry).
    pub(super) fn get(&self, i: usize, d: usize) -> (&RunTable, usize) {
        let t = match d {
            1 => self.one,
            2 => &self.two,
            _ => &self.three,
        };
        (t, i)
    }

    /// Run `i - d..i` (1 ≤ d ≤ [`MAX_RUN`], d ≤ i) as (table, entry): from
    /// the merged tables, or merged into `scratch` when longer.
    pub(super) fn side<'s>(
        &'s self,
        i: usize,
        d: usize,
        scratch: &'s mut RunTable,
    ) -> (&'s RunTable, usize) {
        if d <= MERGED {
            return self.get(i, d);
        }
        scratch.set_merge(self.one, i, d);
        (scratch, 1)
    }
}

/// Keeps in both sides' lexicon lists only the ids both sides hold (an id
/// one side lacks can never be a hit), renumbered `0..n` in the order of
/// the ids, so lists stay sorted and the program can index by id.
/// Returns the ids in their order (dense id → id).
pub(super) fn shared_vocabulary(s: &mut RunTable, t: &mut RunTable) -> Vec<u32> {
    use std::collections::{HashMap, HashSet};
    type Ids = crate::lexicon::IdHash;
    if s.lex.data.is_empty() || t.lex.data.is_empty() {
        s.lex.clear_lists();
        t.lex.clear_lists();
        return Vec::new();
    }
    let (a, b) = rayon::join(
        || s.lex.data.iter().copied().collect::<HashSet<u32, Ids>>(),
        || t.lex.data.iter().copied().collect::<HashSet<u32, Ids>>(),
    );
    let (small, large) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let mut common: Vec<u32> = small
        .iter()
        .copied()
        .filter(|x| large.contains(x))
        .collect();
    common.sort_unstable();
    let dense: HashMap<u32, u32, Ids> = common
        .iter()
        .enumerate()
        .map(|(n, &id)| (id, n as u32))
        .collect();
    rayon::join(|| s.lex.renumber(&dense), || t.lex.renumber(&dense));
    s.vocabulary = common.len();
    t.vocabulary = common.len();
    common
}

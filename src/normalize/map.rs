//! The map from each byte of the view back to the original, run-length
//! encoded.
//!
//! Byte `i` of the view comes from a byte range of the original: the
//! character it is part of when the view copies the original (most of a
//! document), or the whole piece it stands for when the view changed it
//! (an NFKC fold, `٣` → `3`, a joined line break → a space). A map of one
//! `[start, end)` pair per byte took 8 bytes per byte of input, the largest
//! single table of a document (a 6 MB pair of versions: 49 MB). Here a
//! stretch copied from one stretch of the original is one run, and so is a
//! piece that stands for one range: about 12 bytes per line or per change.
//!
//! Every lookup answers what the per-byte table answered, to the byte
//! (`tests::agrees_with_the_table_per_byte`).

/// One run: view bytes from `at` up to the next run's `at`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    /// First view byte of the run.
    at: u32,
    /// [`COPY`]: the view copies the original from byte `start` on, each
    /// character to the character in the same place. Otherwise every byte
    /// of the run maps to `start..end`.
    start: u32,
    end: u32,
}

/// `Run::end` of a run that copies the original.
const COPY: u32 = u32::MAX;

impl Run {
    fn copies(&self) -> bool {
        self.end == COPY
    }
}

/// Where a stretch of the view comes from ([`ByteMap::pieces`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Copied from the original starting at this byte, character for
    /// character.
    Copy(usize),
    /// Standing, every byte of it, for this range of the original.
    Same(std::ops::Range<usize>),
}

/// The byte map of a text (a view, or one line of it while it is built).
/// Lookups take the text the map is of: a copied character's range is the
/// character's own bytes, shifted.
#[derive(Clone, Debug, Default)]
pub(crate) struct ByteMap {
    runs: Vec<Run>,
    len: usize,
}

impl ByteMap {
    /// The number of view bytes mapped.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Maps the next `s.len()` view bytes (the text `s`, just appended to
    /// the text) to `from` in the original.
    pub(crate) fn push(&mut self, s: &str, from: std::ops::Range<usize>) {
        // One character over a range of its own length is a copy (the
        // per-byte table gives each of its bytes the character's range).
        if s.chars().nth(1).is_none() && s.len() == from.len() {
            self.copy(s.len(), from.start);
            return;
        }
        let (at, len) = (self.len as u32, s.len());
        self.add_run(
            Run {
                at,
                start: from.start as u32,
                end: from.end as u32,
            },
            len,
        );
    }

    /// Maps the next `len` view bytes, a stretch of characters copied from
    /// the original at `from`, each to its own place (as a [`push`] of each
    /// character would).
    ///
    /// [`push`]: ByteMap::push
    pub(crate) fn copy(&mut self, len: usize, from: usize) {
        let at = self.len as u32;
        self.add_run(
            Run {
                at,
                start: from as u32,
                end: COPY,
            },
            len,
        );
    }

    /// Maps the next `len` view bytes by `r` (which starts at the end of
    /// the map): it continues the last run when that maps its bytes the
    /// same way (a copy at the same shift, or the same range).
    fn add_run(&mut self, r: Run, len: usize) {
        if len == 0 {
            return;
        }
        self.len += len;
        let continues = self
            .runs
            .last()
            .is_some_and(|last| match (last.copies(), r.copies()) {
                (true, true) => {
                    i64::from(last.start) - i64::from(last.at)
                        == i64::from(r.start) - i64::from(r.at)
                }
                (false, false) => (last.start, last.end) == (r.start, r.end),
                _ => false,
            });
        if !continues {
            self.runs.push(r);
        }
    }

    /// Keeps the first `keep` bytes (a character boundary of the text).
    pub(crate) fn truncate(&mut self, keep: usize) {
        if keep >= self.len {
            return;
        }
        let k = self.runs.partition_point(|r| (r.at as usize) < keep);
        self.runs.truncate(k);
        self.len = keep;
    }

    /// Drops the first `n` bytes (a character boundary of the text).
    pub(crate) fn drain_front(&mut self, n: usize) {
        if n == 0 {
            return;
        }
        if n >= self.len {
            *self = ByteMap::default();
            return;
        }
        // The run holding byte `n` becomes the first.
        let k = self.runs.partition_point(|r| r.at as usize <= n) - 1;
        self.runs.drain(..k);
        let first = &mut self.runs[0];
        if first.copies() {
            first.start += n as u32 - first.at;
        }
        first.at = n as u32;
        for r in &mut self.runs {
            r.at -= n as u32;
        }
        self.len -= n;
    }

    /// Appends the map of a text appended after this map's text.
    pub(crate) fn append(&mut self, other: &ByteMap) {
        let shift = self.len as u32;
        for (k, r) in other.runs.iter().enumerate() {
            let next = other.runs.get(k + 1).map_or(other.len, |n| n.at as usize);
            let len = next - r.at as usize;
            self.add_run(
                Run {
                    at: r.at + shift,
                    ..*r
                },
                len,
            );
        }
    }

    /// The original range of view byte `i` of `text` (the text this map
    /// is of); `None` past its end.
    pub(crate) fn get(&self, text: &str, i: usize) -> Option<[u32; 2]> {
        if i >= self.len {
            return None;
        }
        let k = self.runs.partition_point(|r| r.at as usize <= i) - 1;
        Some(self.resolve(k, text, i))
    }

    /// The range of the first byte, of the last byte.
    pub(crate) fn first(&self, text: &str) -> Option<[u32; 2]> {
        self.get(text, 0)
    }

    pub(crate) fn last(&self, text: &str) -> Option<[u32; 2]> {
        self.len.checked_sub(1).and_then(|i| self.get(text, i))
    }

    /// Byte `i` of `text`, known to lie in run `k`.
    fn resolve(&self, k: usize, text: &str, i: usize) -> [u32; 2] {
        let r = self.runs[k];
        if !r.copies() {
            return [r.start, r.end];
        }
        let bytes = text.as_bytes();
        let mut a = i;
        while a > 0 && !text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = i + 1;
        while b < bytes.len() && !text.is_char_boundary(b) {
            b += 1;
        }
        let shift = |v: usize| r.start + (v as u32 - r.at);
        [shift(a), shift(b)]
    }

    /// The pieces of `range` (on character boundaries of the text): each a
    /// stretch of view bytes with where it comes from, in order.
    pub(crate) fn pieces(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (std::ops::Range<usize>, Piece)> + '_ {
        let first = self
            .runs
            .partition_point(|r| r.at as usize <= range.start)
            .saturating_sub(1);
        let end = range.end.min(self.len);
        self.runs[first.min(self.runs.len())..]
            .iter()
            .enumerate()
            .map_while(move |(n, r)| {
                let next = self
                    .runs
                    .get(first + n + 1)
                    .map_or(self.len, |x| x.at as usize);
                let from = (r.at as usize).max(range.start);
                let to = next.min(end);
                (from < end).then(|| {
                    let piece = if r.copies() {
                        Piece::Copy(r.start as usize + (from - r.at as usize))
                    } else {
                        Piece::Same(r.start as usize..r.end as usize)
                    };
                    (from..to, piece)
                })
            })
            .filter(|(r, _)| !r.is_empty())
    }

    /// The number of runs.
    #[cfg(test)]
    pub(crate) fn runs(&self) -> usize {
        self.runs.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The per-byte table the map replaces.
    #[derive(Default)]
    struct Table(Vec<[u32; 2]>);

    impl Table {
        fn push(&mut self, s: &str, from: std::ops::Range<usize>) {
            let m = [from.start as u32, from.end as u32];
            self.0.extend(std::iter::repeat_n(m, s.len()));
        }
    }

    /// Pieces as the view is built from them: a character copied at its
    /// place, or replaced by another text standing for a range.
    fn piece() -> impl Strategy<Value = (String, bool, u8)> {
        (
            prop::sample::select(vec!["a", "é", "中", "😀", " ", "\n", "fi", "3", "ab"]),
            any::<bool>(),
            0u8..4,
        )
            .prop_map(|(s, copy, gap)| (s.to_string(), copy, gap))
    }

    proptest! {
        #[test]
        fn agrees_with_the_table_per_byte(
            pieces in prop::collection::vec(piece(), 0..60),
            cut_front in 0usize..20,
            cut_back in 0usize..20,
            second in prop::collection::vec(piece(), 0..20),
        ) {
            let build = |pieces: &[(String, bool, u8)]| {
                let (mut text, mut map, mut table) = (String::new(), ByteMap::default(), Table::default());
                let mut orig = 0usize;
                for (s, copy, gap) in pieces {
                    orig += *gap as usize;
                    // A copy spans the text's own length; a replacement
                    // stands for a range of another length (maybe empty).
                    let len = if *copy && s.chars().count() == 1 { s.len() } else { *gap as usize };
                    text.push_str(s);
                    map.push(s, orig..orig + len);
                    table.push(s, orig..orig + len);
                    orig += len;
                }
                (text, map, table)
            };
            let (mut text, mut map, mut table) = build(&pieces);
            // Drop a prefix and a suffix at character boundaries.
            let mut front = cut_front.min(text.len());
            while !text.is_char_boundary(front) { front -= 1; }
            text.drain(..front);
            map.drain_front(front);
            table.0.drain(..front);
            let mut keep = text.len().saturating_sub(cut_back);
            while !text.is_char_boundary(keep) { keep -= 1; }
            text.truncate(keep);
            map.truncate(keep);
            table.0.truncate(keep);
            let (t2, m2, tab2) = build(&second);
            text.push_str(&t2);
            map.append(&m2);
            table.0.extend(tab2.0);
            prop_assert_eq!(map.len(), table.0.len());
            for i in 0..text.len() {
                prop_assert_eq!(map.get(&text, i), Some(table.0[i]), "byte {}", i);
            }
            prop_assert_eq!(map.get(&text, text.len()), None);
            prop_assert_eq!(map.first(&text), table.0.first().copied());
            prop_assert_eq!(map.last(&text), table.0.last().copied());
            // Pieces cover a range in order, and give each byte the
            // table's range.
            for s0 in (0..=text.len()).filter(|&s0| text.is_char_boundary(s0)) {
                let mut at = s0;
                for (r, p) in map.pieces(s0..text.len()) {
                    prop_assert_eq!(r.start, at);
                    at = r.end;
                    for (ci, c) in text[r.clone()].char_indices() {
                        for b in 0..c.len_utf8() {
                            let want = table.0[r.start + ci + b];
                            let got = match &p {
                                Piece::Same(o) => [o.start as u32, o.end as u32],
                                Piece::Copy(o) => [(o + ci) as u32, (o + ci + c.len_utf8()) as u32],
                            };
                            prop_assert_eq!(got, want);
                        }
                    }
                }
                prop_assert_eq!(at, text.len());
            }
        }
    }

    #[test]
    fn a_copied_line_is_one_run() {
        let line = "Чело\u{AD}век — 第一条 and café";
        let mut map = ByteMap::default();
        for (i, c) in line.char_indices() {
            map.push(c.encode_utf8(&mut [0; 4]), 100 + i..100 + i + c.len_utf8());
        }
        assert_eq!(map.runs(), 1);
        assert_eq!(map.get(line, 1), Some([100, 102]));
    }
}

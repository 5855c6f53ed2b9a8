//! The way back from a text the reader built (a block's, a sentence's) to
//! the original: [`Offsets`], and the [`Copier`] that builds the original
//! text behind a stretch of the view with them.

use std::ops::Range;

use crate::normalize::{self, Piece, View};

/// The original text behind `view[r]` with its offsets (see
/// [`super::Text::original_text_trimmed`]).
pub(super) fn original_text_offsets(
    original: &str,
    view_of: &View,
    r: Range<usize>,
) -> (String, Offsets) {
    let view = &view_of.text;
    let end = r.end.min(view.len());
    let mut acc = Copier {
        original,
        out: String::with_capacity(end.saturating_sub(r.start)),
        offsets: Offsets::default(),
        copy: None,
        last: None,
    };
    if view.get(r.start..end).is_none() {
        return (acc.out, acc.offsets);
    }
    for (vr, piece) in view_of.map.pieces(r.start..end) {
        let text = &view[vr.clone()];
        match piece {
            Piece::Same(o) => {
                if let Some(ch) = text.chars().next() {
                    acc.one(ch, [o.start, o.end]);
                }
            }
            Piece::Copy(o) => {
                // Line breaks of the original go one at a time (the
                // view may have a space there: a joined line), the
                // stretches between them each as one. A copied
                // character has its original's length, so a break
                // byte stands for a one-byte view character.
                let orig = &original.as_bytes()[o..o + vr.len()];
                let mut from = 0;
                for (i, &b) in orig.iter().enumerate() {
                    if (b == b'\n' || b == b'\r')
                        && let Some(ch) = text.get(i..).and_then(|t| t.chars().next())
                    {
                        acc.stretch(&text[from..i], o + from);
                        acc.one(ch, [o + i, o + i + ch.len_utf8()]);
                        from = i + ch.len_utf8();
                    }
                }
                acc.stretch(&text[from..], o + from);
            }
        }
    }
    acc.flush();
    (acc.out, acc.offsets)
}

/// The original text behind a stretch of the view, built a character or a
/// stretch at a time ([`original_text_offsets`]).
struct Copier<'a> {
    original: &'a str,
    out: String,
    offsets: Offsets,
    /// Characters copied from one stretch of the original, back to back,
    /// are copied as one (the offsets would have joined them).
    copy: Option<Range<usize>>,
    /// The range the last character stood for: the characters after it
    /// that stand for the same range add nothing.
    last: Option<[usize; 2]>,
}

impl Copier<'_> {
    fn flush(&mut self) {
        if let Some(c) = self.copy.take() {
            self.offsets.push(self.out.len(), c.start, true);
            self.out.push_str(&self.original[c]);
        }
    }

    /// A stretch of view characters copied from the original at `o`,
    /// without line breaks: its first character as any other, the rest
    /// appended to it.
    fn stretch(&mut self, text: &str, o: usize) {
        let mut chars = text.char_indices();
        let Some((_, ch)) = chars.next() else {
            return;
        };
        let first = ch.len_utf8();
        self.one(ch, [o, o + first]);
        if let Some(c) = &mut self.copy
            && c.end == o + first
        {
            c.end = o + text.len();
            let back = text.chars().next_back().map_or(0, char::len_utf8);
            self.last = Some([o + text.len() - back, o + text.len()]);
            return;
        }
        for (i, ch) in chars {
            self.one(ch, [o + i, o + i + ch.len_utf8()]);
        }
    }

    /// One view character `ch` standing for `original[a..b]`.
    fn one(&mut self, ch: char, [a, b]: [usize; 2]) {
        if self.last == Some([a, b]) {
            return;
        }
        self.last = Some([a, b]);
        let orig = &self.original.as_bytes()[a..b];
        // A view character that stands for a line break (or a joined
        // break) is output as the view has it: the break is furniture.
        if orig.is_empty() || orig.iter().any(|&x| x == b'\n' || x == b'\r') {
            self.flush();
            self.offsets.push(self.out.len(), a, false);
            self.out.push(ch);
            return;
        }
        match &mut self.copy {
            Some(c) if c.end == a => c.end = b,
            _ => {
                self.flush();
                self.copy = Some(a..b);
            }
        }
    }
}

/// The way back from a text built out of the original (a block's or a
/// footnote's text) to the original: runs of bytes copied unchanged, each
/// with the original offset it starts at.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Offsets {
    /// `[text offset, original offset, copied]`: from `text offset` on the
    /// text continues the original at `original offset` (`copied` = 1), or
    /// stands for it (a line break written as a space, `copied` = 0).
    runs: Vec<[u32; 3]>,
    /// Length of the original, to keep ends in range.
    len: u32,
}

impl Offsets {
    /// No text.
    pub const EMPTY: Offsets = Offsets {
        runs: Vec::new(),
        len: 0,
    };

    fn push(&mut self, text: usize, orig: usize, copied: bool) {
        if let Some(&[t, o, 1]) = self.runs.last()
            && copied
            && (o as usize) + (text - t as usize) == orig
        {
            return; // continues the run
        }
        self.runs
            .push([text as u32, orig as u32, u32::from(copied)]);
    }

    /// The offsets of the text with its first `lead` bytes dropped.
    pub(super) fn shifted(mut self, lead: usize, len: usize) -> Offsets {
        self.len = len as u32;
        if lead == 0 {
            return self;
        }
        let lead = lead as u32;
        // Runs that start inside the dropped lead begin at offset 0 instead.
        let first = self
            .runs
            .partition_point(|r| r[0] <= lead)
            .saturating_sub(1);
        let mut runs: Vec<[u32; 3]> = self.runs.drain(first..).collect();
        if let Some(r) = runs.first_mut() {
            if r[2] == 1 {
                r[1] += lead - r[0];
            }
            r[0] = lead;
        }
        for r in &mut runs {
            r[0] -= lead;
        }
        self.runs = runs;
        self
    }

    /// Keeps only the room the runs take (they grow as paragraphs are
    /// appended; a parsed document holds them while it is aligned).
    pub(crate) fn shrink_to_fit(&mut self) {
        self.runs.shrink_to_fit();
    }

    /// Appends `other` (the offsets of a text appended after `at` bytes and
    /// one separator byte, as an article's paragraphs are joined with `\n`).
    pub fn append(&mut self, at: usize, other: &Offsets) {
        if let Some(first) = other.runs.first() {
            // The separator stands for the gap before the next paragraph.
            self.runs.push([at as u32, first[1], 0]);
        }
        let base = at as u32 + 1;
        self.runs
            .extend(other.runs.iter().map(|r| [r[0] + base, r[1], r[2]]));
        self.len = self.len.max(other.len);
    }

    /// The original text of `text[r]`, where `text` is the text these
    /// offsets belong to and `original` the document's original: the bytes
    /// every character was copied from (so NFKC, NBSP, presentation forms
    /// are as in the original), with the characters the view drops in place
    /// (soft hyphens, word joiners, tatweel, direction marks) kept where
    /// they sit between two copied characters. A character that stands for
    /// a line break stays as `text` has it, and other gaps (furniture,
    /// footnote marks, markup, a line-end hyphen) stay out. Where the
    /// sentence is one plain stretch of the original, the result is
    /// `original[self.original(r)]`.
    pub fn original_text(&self, text: &str, original: &str, r: Range<usize>) -> String {
        let end = r.end.min(text.len());
        let mut out = String::with_capacity(end.saturating_sub(r.start) + 8);
        // End in the original of the last copied byte written, while the
        // next copied byte may continue it.
        let mut prev: Option<usize> = None;
        let first = self
            .runs
            .partition_point(|run| run[0] as usize <= r.start)
            .saturating_sub(1);
        for k in first..self.runs.len() {
            let [t, o, copied] = self.runs[k];
            let run_end = self.runs.get(k + 1).map_or(text.len(), |n| n[0] as usize);
            let from = (t as usize).max(r.start);
            let to = run_end.min(end);
            if from >= to {
                if t as usize >= end {
                    break;
                }
                continue;
            }
            let Some(piece) = text.get(from..to) else {
                continue;
            };
            let src = o as usize + (from - t as usize)..o as usize + (to - t as usize);
            match (copied, original.get(src.clone())) {
                (1, Some(orig)) => {
                    if let Some(gap) = prev
                        .filter(|&p| p < src.start)
                        .and_then(|p| original.get(p..src.start))
                        .filter(|g| g.chars().all(normalize::is_invisible))
                    {
                        out.push_str(gap);
                    }
                    out.push_str(orig);
                    prev = Some(src.end);
                }
                _ => {
                    out.push_str(piece);
                    prev = None;
                }
            }
        }
        out
    }

    /// The original byte offset of text byte `i`.
    fn at(&self, i: usize) -> usize {
        let k = self.runs.partition_point(|r| r[0] as usize <= i);
        match k.checked_sub(1).map(|k| self.runs[k]) {
            Some([t, o, 1]) => o as usize + (i - t as usize),
            Some([_, o, _]) => o as usize,
            None => 0,
        }
    }

    /// The byte range of the original a range of the text comes from: from
    /// its first byte's source to just after its last byte's source.
    pub fn original(&self, r: Range<usize>) -> Range<usize> {
        if self.runs.is_empty() {
            return 0..0;
        }
        let start = self.at(r.start);
        if r.is_empty() {
            return start..start;
        }
        let end = (self.at(r.end - 1) + 1).min(self.len as usize);
        start..end.max(start)
    }
}

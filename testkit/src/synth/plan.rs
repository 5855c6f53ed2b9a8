//! The plan of a document, before any language: its parts, slots,
//! footnotes and facts; what a corpus line may be; and the seeded random
//! generator every draw goes through.

use std::ops::Range;

/// SplitMix64: tiny, seedable and the same on every platform.
#[derive(Clone, Debug)]
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub(super) fn in_range(&mut self, r: &Range<usize>) -> usize {
        if r.end <= r.start {
            r.start
        } else {
            r.start + self.below(r.end - r.start)
        }
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub(super) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// What a paragraph is in the resolution.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Part {
    Front,
    Opener,
    Preamble,
    /// Operative paragraph `n`; `subs` sub-paragraphs follow; `last` ends the resolution.
    Operative {
        n: usize,
        subs: bool,
        last: bool,
    },
    /// Sub-paragraph `k` (0-based) of operative paragraph `n`; `last` ends the resolution.
    Sub {
        n: usize,
        k: usize,
        last: bool,
    },
    Closing,
}

/// A unit before rendering in a language.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Slot {
    Line(usize),
    Session,
    Agenda,
    Adopted,
    Committee,
    Title(usize),
    Opener,
    Meeting,
    Date,
}

#[derive(Clone, Debug)]
pub(super) struct Para {
    pub(super) part: Part,
    pub(super) slots: Vec<Slot>,
    /// Footnotes cited at the end of the paragraph.
    pub(super) notes: Vec<usize>,
}

/// The language-independent facts of one document.
pub(super) struct Facts {
    pub(super) id: String,
    pub(super) resolution: usize,
    pub(super) agenda: usize,
    pub(super) committee: Option<usize>,
    pub(super) meeting: usize,
    pub(super) day: usize,
    pub(super) month: usize,
    pub(super) notes: Vec<Note>,
    pub(super) arabic_digits: bool,
}

#[derive(Clone, Copy)]
pub(super) enum Note {
    Symbol(usize),
    See(usize),
    Resolution(usize, usize),
    Records(usize, usize),
}

pub(super) const YEAR: usize = 2044;

/// Whether a line (or the rest of a line after a break) starts like a
/// paragraph label, bullet or page furniture.
pub(super) fn looks_like_label(t: &str) -> bool {
    let mut cs = t.chars();
    let Some(c0) = cs.next() else {
        return false;
    };
    let c1 = cs.next();
    if c0.is_ascii_digit() || c0.is_numeric() {
        return true;
    }
    if matches!(
        c0,
        '(' | '（' | '[' | '【' | '-' | '–' | '—' | '•' | '▪' | '●' | '+' | '=' | '"' | '“'
    ) {
        return true;
    }
    if c0.is_alphabetic() && matches!(c1, Some(')' | '.')) {
        return true;
    }
    let first_word: String = t.chars().take_while(|c| !c.is_whitespace()).collect();
    let roman = first_word
        .trim_end_matches('.')
        .chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'));
    if roman && first_word.ends_with('.') {
        return true;
    }
    [
        "Article",
        "Artículo",
        "Статья",
        "المادة",
        "第",
        "一、",
        "二、",
        "三、",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// A sentence without its final punctuation, so that the paragraph can give
/// it the punctuation its place needs.
pub(super) fn bare(s: &str) -> &str {
    s.trim()
        .trim_end_matches([
            '.', '。', ';', '；', ',', '，', ':', '：', '،', '؛', ' ', '\u{a0}',
        ])
        .trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_is_fixed() {
        let mut r = Rng::new(7);
        let a: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        let mut r = Rng::new(7);
        let b: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        assert_eq!(a, b);
        assert_ne!(a[0], a[1]);
    }

    #[test]
    fn labels_are_recognised() {
        for s in [
            "1. Decides",
            "(a) To",
            "a) Para",
            "а) Для",
            "IV. Title",
            "12 -",
            "第一条",
        ] {
            assert!(looks_like_label(s), "{s}");
        }
        for s in ["Decides to", "United Nations", "决定", "Ibid."] {
            assert!(!looks_like_label(s), "{s}");
        }
    }
}

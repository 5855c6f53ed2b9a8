//! Generation: the language-independent plan of each document (its parts,
//! slots, footnotes and facts) and the draw of sentences from the corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::lang::Lang;

use super::layout::*;
use super::render::*;
use super::{Corpus, SynthConfig, SynthDoc};

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

/// Generates `cfg.docs` documents, each in `hub` and every language of `others`.
///
/// Languages missing from the corpus are skipped; with too few usable lines
/// (fewer than about one hundred) documents repeat sentences across each other,
/// never inside one document.
pub fn generate(corpus: &Corpus, hub: Lang, others: &[Lang], cfg: &SynthConfig) -> Vec<SynthDoc> {
    let mut langs: Vec<Lang> = Vec::with_capacity(others.len() + 1);
    langs.push(hub);
    langs.extend(others.iter().copied().filter(|&l| l != hub));
    langs.retain(|l| corpus.lines.contains_key(l));
    if !langs.contains(&hub) {
        return Vec::new();
    }
    let usable: Vec<usize> = (0..corpus.len())
        .filter(|&i| langs.iter().all(|l| usable_line(&corpus.lines[l][i])))
        .collect();
    if usable.len() < 8 {
        return Vec::new();
    }
    let hub_len = |i: usize| corpus.lines[&hub][i].chars().count();
    let mut titles: Vec<usize> = usable
        .iter()
        .copied()
        .filter(|&i| {
            langs.iter().all(|l| {
                let n = corpus.lines[l][i].chars().count();
                if *l == Lang::Zh { n <= 40 } else { n <= 90 }
            })
        })
        .collect();
    if titles.is_empty() {
        titles = usable.clone();
        titles.sort_by_key(|&i| (hub_len(i), i));
        titles.truncate(8);
    }

    let mut rng = Rng::new(cfg.seed);
    let mut pool: Vec<usize> = Vec::new();
    (0..cfg.docs)
        .map(|d| {
            let mut doc_rng = Rng::new(rng.next_u64());
            make_doc(
                corpus,
                &langs,
                &usable,
                &titles,
                &mut pool,
                &mut rng,
                &mut doc_rng,
                d,
                cfg,
            )
        })
        .collect()
}

/// A line that can stand as a sentence in a paragraph: not empty, no
/// markup, and not starting with something a parser would take for a label
/// or a bullet.
pub(super) fn usable_line(s: &str) -> bool {
    let t = s.trim();
    if t.chars().count() < 4 || bare(t).is_empty() {
        return false;
    }
    if t.contains(['<', '>', '\t', '|', '`', '*', '#', '_', '\u{0c}']) || t.contains("](") {
        return false;
    }
    !looks_like_label(t)
}

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

#[allow(clippy::too_many_arguments)]
pub(super) fn make_doc(
    corpus: &Corpus,
    langs: &[Lang],
    usable: &[usize],
    titles: &[usize],
    pool: &mut Vec<usize>,
    pool_rng: &mut Rng,
    rng: &mut Rng,
    index: usize,
    cfg: &SynthConfig,
) -> SynthDoc {
    let resolution = 10 + index * 7 % 290 + rng.below(7);
    let id = format!("A/RES/99/{resolution}");

    // The document's sentences: distinct inside the document.
    let mut used = BTreeSet::new();
    let title = titles[rng.below(titles.len())];
    used.insert(title);
    let mut draw = |rng_pool: &mut Rng| -> usize {
        loop {
            if pool.is_empty() {
                pool.extend_from_slice(usable);
                rng_pool.shuffle(pool);
            }
            let i = pool.pop().unwrap_or(usable[0]);
            if used.insert(i) || used.len() >= usable.len() {
                return i;
            }
        }
    };

    let committee = rng.chance(0.6).then(|| rng.below(3));
    let mut paras = vec![
        front(Slot::Session),
        front(Slot::Agenda),
        front(Slot::Adopted),
    ];
    if committee.is_some() {
        paras.push(front(Slot::Committee));
    }
    paras.push(front(Slot::Title(title)));
    paras.push(Para {
        part: Part::Opener,
        slots: vec![Slot::Opener],
        notes: Vec::new(),
    });
    let n_pre = rng.in_range(&cfg.preamble_paras);
    for _ in 0..n_pre {
        let k = if rng.chance(cfg.multi_sentence) { 2 } else { 1 };
        let slots = (0..k).map(|_| Slot::Line(draw(pool_rng))).collect();
        paras.push(Para {
            part: Part::Preamble,
            slots,
            notes: Vec::new(),
        });
    }
    let n_op = rng.in_range(&cfg.operative_paras).max(1);
    let mut n_subs = 0;
    for n in 1..=n_op {
        let last = n == n_op;
        let subs = if rng.chance(cfg.subparagraphs) {
            2 + rng.below(3)
        } else {
            0
        };
        let k = if subs == 0 && rng.chance(cfg.multi_sentence) {
            2 + rng.below(2)
        } else {
            1
        };
        let slots = (0..k).map(|_| Slot::Line(draw(pool_rng))).collect();
        paras.push(Para {
            part: Part::Operative {
                n,
                subs: subs > 0,
                last: last && subs == 0,
            },
            slots,
            notes: Vec::new(),
        });
        for k in 0..subs {
            let m = if rng.chance(cfg.multi_sentence / 2.0) {
                2
            } else {
                1
            };
            let slots = (0..m).map(|_| Slot::Line(draw(pool_rng))).collect();
            paras.push(Para {
                part: Part::Sub {
                    n,
                    k,
                    last: last && k + 1 == subs,
                },
                slots,
                notes: Vec::new(),
            });
        }
        n_subs += subs;
    }
    paras.push(Para {
        part: Part::Closing,
        slots: vec![Slot::Meeting, Slot::Date],
        notes: Vec::new(),
    });

    let notes = cite_notes(&mut paras, cfg, rng);

    let facts = Facts {
        id: id.clone(),
        resolution,
        agenda: 10 + rng.below(140),
        committee,
        meeting: 20 + rng.below(80),
        day: 1 + rng.below(28),
        month: 9 + rng.below(4),
        notes,
        arabic_digits: rng.chance(0.3),
    };

    let (texts, units, gold) = render_all(corpus, langs, usable, &used, &paras, &facts, cfg, rng);
    SynthDoc {
        id,
        texts,
        units,
        gold,
        preamble: n_pre,
        operative: n_op,
        subparagraphs: n_subs,
        footnotes: facts.notes.len(),
    }
}

/// Footnotes: cited at the end of distinct body paragraphs, numbered in
/// order of citation.
fn cite_notes(paras: &mut [Para], cfg: &SynthConfig, rng: &mut Rng) -> Vec<Note> {
    let citable: Vec<usize> = (0..paras.len())
        .filter(|&p| {
            matches!(
                paras[p].part,
                Part::Preamble | Part::Operative { .. } | Part::Sub { .. }
            )
        })
        .collect();
    let n_notes = rng.in_range(&cfg.footnotes).min(citable.len());
    let mut citing: Vec<usize> = citable.clone();
    rng.shuffle(&mut citing);
    citing.truncate(n_notes);
    citing.sort_unstable();
    let mut notes = Vec::with_capacity(n_notes);
    for (k, &p) in citing.iter().enumerate() {
        paras[p].notes.push(k + 1);
        let doc = 100 + rng.below(800);
        notes.push(match rng.below(4) {
            0 => Note::Symbol(doc),
            1 => Note::See(doc),
            2 => Note::Resolution(90 + rng.below(9), 1 + rng.below(300)),
            _ => Note::Records(1 + rng.below(50), doc),
        });
    }
    notes
}

/// Each language version rendered and laid out: the texts, the gold units
/// and (non-hub) the gold beads.
#[allow(clippy::too_many_arguments)]
fn render_all(
    corpus: &Corpus,
    langs: &[Lang],
    usable: &[usize],
    used: &BTreeSet<usize>,
    paras: &[Para],
    facts: &Facts,
    cfg: &SynthConfig,
    rng: &mut Rng,
) -> Versions {
    let hub = langs[0];
    let mut texts = BTreeMap::new();
    let mut units = BTreeMap::new();
    let mut gold = BTreeMap::new();
    let hub_render = render_hub(corpus, hub, paras, facts);
    for &lang in langs {
        let mut lang_rng = Rng::new(rng.next_u64() ^ lang as u64);
        let rendered = if lang == hub {
            hub_render.clone()
        } else {
            // Added sentences come from outside the document when the
            // corpus has any left; a small corpus may have none.
            let free: Vec<usize> = usable
                .iter()
                .copied()
                .filter(|i| !used.contains(i))
                .collect();
            let pool = if free.is_empty() { usable } else { &free[..] };
            let extras: Vec<usize> = (0..64).map(|_| pool[lang_rng.below(pool.len())]).collect();
            let r = render_noisy(corpus, hub, lang, paras, facts, cfg, &mut lang_rng, &extras);
            gold.insert(lang, r.gold.clone());
            r
        };
        let text = layout(lang, &rendered, facts, cfg, &mut lang_rng);
        texts.insert(lang, text);
        units.insert(lang, rendered.units());
    }
    (texts, units, gold)
}

/// What [`render_all`] gives: texts, units and gold beads by language.
type Versions = (
    BTreeMap<Lang, String>,
    BTreeMap<Lang, Vec<String>>,
    BTreeMap<Lang, Vec<crate::align::Bead>>,
);

pub(super) fn front(slot: Slot) -> Para {
    Para {
        part: Part::Front,
        slots: vec![slot],
        notes: Vec::new(),
    }
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

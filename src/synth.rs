//! Synthetic UN documents with a gold alignment, built from line-parallel
//! sentences, for measuring alignment quality where no aligned real
//! documents exist.
//!
//! Each generated document is a General Assembly resolution in every
//! language asked for: session, agenda item, adoption line, optional
//! committee line and the numbered title; the language's own preamble
//! opener; preambular clauses; numbered operative paragraphs (`1.`, Arabic
//! `1 -`), some with lettered sub-paragraphs (`(a)`, `a)`, `а)`, `(أ)`) and
//! some with several sentences; footnotes cited with `<sup>N</sup>` and
//! placed differently in each language; and the closing (meeting and date,
//! date first in Chinese as in the real documents). The text is laid out as
//! a PDF conversion would give it: hard line breaks inside paragraphs
//! (Chinese anywhere at about 35 characters, the others at a space at about
//! 70, with the odd hyphenated word), page numbers and a running header
//! repeating the symbol. The sentences come from a line-parallel [`Corpus`];
//! on the non-hub side, noise merges two sentences into one, splits one in
//! two, drops one or adds one from elsewhere in the corpus.
//!
//! **Units.** The gold alignment is over *units*, in the order the aligner
//! reads a document (body blocks in document order, then the footnotes in
//! order of appearance). A unit is one sentence of a paragraph (a corpus
//! line, punctuated as the paragraph needs, without the paragraph's label),
//! one front-matter line (session, agenda item, adoption line, committee
//! line, numbered title), the opener, one closing line (meeting, date) or
//! one footnote text (without its number). The running header and page
//! numbers are furniture, never units.
//!
//! Aligner output is scored through [`project`], which maps the aligner's
//! sentences onto these units by content, so the score does not depend on
//! where the segmenter splits.
//!
//! Everything is deterministic: the same corpus, hub, languages and
//! [`SynthConfig`] give the same bytes on every platform.
//!
//! ```
//! use std::collections::BTreeMap;
//! use sixalign::Lang;
//! use sixalign::synth::{generate, Corpus, SynthConfig};
//!
//! let mut lines = BTreeMap::new();
//! lines.insert(Lang::Zh, (0..40).map(|i| format!("委员会通过了第{i}项决定。")).collect());
//! lines.insert(Lang::En, (0..40).map(|i| format!("Decision {i} was adopted.")).collect());
//! let corpus = Corpus::new(lines).unwrap();
//! let docs = generate(&corpus, Lang::Zh, &[Lang::En], &SynthConfig::default());
//! assert_eq!(docs.len(), SynthConfig::default().docs);
//! let d = &docs[0];
//! assert!(d.texts[&Lang::En].contains("The General Assembly,"));
//! // The gold beads cover every unit of both sides.
//! let covered: usize = d.gold[&Lang::En].iter().map(|b| b.tgt.len()).sum();
//! assert_eq!(covered, d.units[&Lang::En].len());
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::align::Bead;
use crate::error::{Error, Result};
use crate::lang::Lang;

mod lines;
pub use lines::{NoisyLines, noisy_line_sets, noisy_lines, strip_labels};

/// Line-parallel sentences in several languages: line `i` of every language
/// is a translation of line `i` of every other.
#[derive(Clone, Debug, PartialEq)]
pub struct Corpus {
    /// The languages, in [`Lang`] order.
    pub langs: Vec<Lang>,
    /// The lines of each language, all of the same length.
    pub lines: BTreeMap<Lang, Vec<String>>,
}

impl Corpus {
    /// A corpus from lines already in memory; fails unless every language
    /// has the same number of lines and there is at least one language.
    pub fn new(lines: BTreeMap<Lang, Vec<String>>) -> Result<Corpus> {
        let mut counts = lines.iter().map(|(l, v)| (*l, v.len()));
        let Some((first, n)) = counts.next() else {
            return Err(Error::usage("a corpus needs at least one language"));
        };
        if let Some((l, m)) = counts.find(|&(_, m)| m != n) {
            return Err(Error::malformed(format!(
                "corpus is not line-parallel: {first} has {n} lines, {l} has {m}"
            )));
        }
        Ok(Corpus {
            langs: lines.keys().copied().collect(),
            lines,
        })
    }

    /// Reads one plain-text file per language, one sentence per line
    /// (the UNv1 test and dev sets).
    pub fn from_line_files(files: &[(Lang, &Path)]) -> Result<Corpus> {
        let mut lines = BTreeMap::new();
        for &(lang, path) in files {
            let text = read(path)?;
            lines.insert(lang, text.lines().map(str::to_string).collect());
        }
        Corpus::new(lines)
    }

    /// Reads one `id<TAB>text` file per language (the SDG target and
    /// indicator files) and checks that the ids agree line by line.
    pub fn from_id_tsv(files: &[(Lang, &Path)]) -> Result<Corpus> {
        let mut lines = BTreeMap::new();
        let mut ids: Option<(Lang, &Path, Vec<String>)> = None;
        for &(lang, path) in files {
            let text = read(path)?;
            let mut these = Vec::new();
            let mut texts = Vec::new();
            for (n, line) in text.lines().enumerate() {
                let Some((id, t)) = line.split_once('\t') else {
                    return Err(Error::malformed("expected id<TAB>text")
                        .with_path(path)
                        .with_line(n + 1));
                };
                these.push(id.to_string());
                texts.push(t.to_string());
            }
            if let Some((l0, p0, first)) = &ids {
                if let Some(n) =
                    (0..first.len().max(these.len())).find(|&i| first.get(i) != these.get(i))
                {
                    return Err(Error::malformed(format!(
                        "ids are not line-parallel with {} ({l0}): {:?} here, {:?} there",
                        p0.display(),
                        these.get(n),
                        first.get(n)
                    ))
                    .with_path(path)
                    .with_line(n + 1));
                }
            } else {
                ids = Some((lang, path, these));
            }
            lines.insert(lang, texts);
        }
        Corpus::new(lines)
    }

    /// Appends another corpus with the same languages (targets, then indicators).
    pub fn extend(&mut self, other: Corpus) -> Result<()> {
        if other.langs != self.langs {
            return Err(Error::usage(format!(
                "cannot join corpora in {:?} and {:?}",
                self.langs, other.langs
            )));
        }
        for (lang, v) in other.lines {
            self.lines.entry(lang).or_default().extend(v);
        }
        Ok(())
    }

    /// Number of lines (the same in every language).
    pub fn len(&self) -> usize {
        self.lines.values().next().map_or(0, Vec::len)
    }

    /// No lines at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::from(e).with_path(path))
}

/// How documents are generated. The defaults give resolutions of a usual
/// size with moderate noise.
#[derive(Clone, Debug, PartialEq)]
pub struct SynthConfig {
    /// Seed of the random generator.
    pub seed: u64,
    /// Number of documents.
    pub docs: usize,
    /// Number of preambular paragraphs (half-open range).
    pub preamble_paras: Range<usize>,
    /// Number of operative paragraphs (half-open range).
    pub operative_paras: Range<usize>,
    /// Chance that an operative paragraph has two or three sentences
    /// (a preambular one, two).
    pub multi_sentence: f64,
    /// Chance that an operative paragraph has lettered sub-paragraphs (two to four).
    pub subparagraphs: f64,
    /// Number of footnotes per document (half-open range).
    pub footnotes: Range<usize>,
    /// Chance, per sentence on the non-hub side, of a merge, split, drop or addition.
    pub noise: f64,
    /// Lay the text out as a PDF conversion would: hard line breaks,
    /// hyphenation, page numbers, running headers. Without it every
    /// paragraph is one line and the symbol is not in the text.
    pub furniture: bool,
}

impl Default for SynthConfig {
    fn default() -> SynthConfig {
        SynthConfig {
            seed: 1,
            docs: 20,
            preamble_paras: 3..9,
            operative_paras: 4..13,
            multi_sentence: 0.3,
            subparagraphs: 0.25,
            footnotes: 0..4,
            noise: 0.06,
            furniture: true,
        }
    }
}

/// One generated document in every language, with its gold alignment.
#[derive(Clone, Debug, PartialEq)]
pub struct SynthDoc {
    /// The document symbol (`A/RES/99/17`); fictitious, session 99.
    pub id: String,
    /// The whole text of each language version, as a converted file holds it.
    pub texts: BTreeMap<Lang, String>,
    /// The gold units of each language version, in aligner order.
    pub units: BTreeMap<Lang, Vec<String>>,
    /// For each non-hub language: the gold beads, hub units to its units.
    pub gold: BTreeMap<Lang, Vec<Bead>>,
    /// Preambular paragraphs (the same in every language).
    pub preamble: usize,
    /// Operative paragraphs.
    pub operative: usize,
    /// Sub-paragraphs, all operative paragraphs together.
    pub subparagraphs: usize,
    /// Footnotes.
    pub footnotes: usize,
}

/// SplitMix64: tiny, seedable and the same on every platform.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    fn in_range(&mut self, r: &Range<usize>) -> usize {
        if r.end <= r.start {
            r.start
        } else {
            r.start + self.below(r.end - r.start)
        }
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// What a paragraph is in the resolution.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
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
enum Slot {
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
struct Para {
    part: Part,
    slots: Vec<Slot>,
    /// Footnotes cited at the end of the paragraph.
    notes: Vec<usize>,
}

/// The language-independent facts of one document.
struct Facts {
    id: String,
    resolution: usize,
    agenda: usize,
    committee: Option<usize>,
    meeting: usize,
    day: usize,
    month: usize,
    notes: Vec<Note>,
    arabic_digits: bool,
}

#[derive(Clone, Copy)]
enum Note {
    Symbol(usize),
    See(usize),
    Resolution(usize, usize),
    Records(usize, usize),
}

const YEAR: usize = 2044;

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
fn usable_line(s: &str) -> bool {
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
fn looks_like_label(t: &str) -> bool {
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
fn bare(s: &str) -> &str {
    s.trim()
        .trim_end_matches([
            '.', '。', ';', '；', ',', '，', ':', '：', '،', '؛', ' ', '\u{a0}',
        ])
        .trim_end()
}

#[allow(clippy::too_many_arguments)]
fn make_doc(
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
    let hub = langs[0];
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

    // Footnotes: cited at the end of distinct body paragraphs, numbered in
    // order of citation.
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

    let mut texts = BTreeMap::new();
    let mut units = BTreeMap::new();
    let mut gold = BTreeMap::new();
    let hub_render = render_hub(corpus, hub, &paras, &facts);
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
            let r = render_noisy(
                corpus,
                hub,
                lang,
                &paras,
                &facts,
                cfg,
                &mut lang_rng,
                &extras,
            );
            gold.insert(lang, r.gold.clone());
            r
        };
        let text = layout(lang, &rendered, &facts, cfg, &mut lang_rng);
        texts.insert(lang, text);
        units.insert(lang, rendered.units());
    }
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

fn front(slot: Slot) -> Para {
    Para {
        part: Part::Front,
        slots: vec![slot],
        notes: Vec::new(),
    }
}

/// One language version, rendered: paragraphs of punctuated units.
#[derive(Clone, Debug)]
struct Rendered {
    paras: Vec<RenderedPara>,
    notes: Vec<String>,
    gold: Vec<Bead>,
}

#[derive(Clone, Debug)]
struct RenderedPara {
    part: Part,
    units: Vec<String>,
    notes: Vec<usize>,
}

impl Rendered {
    fn units(&self) -> Vec<String> {
        self.paras
            .iter()
            .flat_map(|p| p.units.iter().cloned())
            .chain(self.notes.iter().cloned())
            .collect()
    }
}

fn render_hub(corpus: &Corpus, lang: Lang, paras: &[Para], f: &Facts) -> Rendered {
    let paras = paras
        .iter()
        .map(|p| {
            let pieces: Vec<String> = p
                .slots
                .iter()
                .map(|s| slot_text(corpus, lang, *s, f))
                .collect();
            RenderedPara {
                part: p.part,
                units: punctuate(lang, p.part, pieces),
                notes: p.notes.clone(),
            }
        })
        .collect();
    Rendered {
        paras,
        notes: f.notes.iter().map(|n| note_text(lang, *n)).collect(),
        gold: Vec::new(),
    }
}

/// A non-hub version: the hub's structure, with noise on the sentences.
#[allow(clippy::too_many_arguments)]
fn render_noisy(
    corpus: &Corpus,
    hub: Lang,
    lang: Lang,
    paras: &[Para],
    f: &Facts,
    cfg: &SynthConfig,
    rng: &mut Rng,
    extras: &[usize],
) -> Rendered {
    let mut out = Vec::with_capacity(paras.len());
    let mut gold = Vec::new();
    let (mut i, mut j) = (0usize, 0usize);
    let mut next_extra = 0;
    for p in paras {
        let noisy = matches!(
            p.part,
            Part::Preamble | Part::Operative { .. } | Part::Sub { .. }
        );
        let texts: Vec<String> = p
            .slots
            .iter()
            .map(|s| slot_text(corpus, lang, *s, f))
            .collect();
        let mut pieces: Vec<String> = Vec::with_capacity(texts.len() + 1);
        if p.part == Part::Closing && closing_order(hub) != closing_order(lang) {
            // The hub and this language write the date and the meeting in a
            // different order: one 2-2 bead, as a human annotator would mark it.
            let mut t = texts;
            if closing_order(lang) {
                t.reverse();
            }
            pieces.extend(t);
            gold.push(bead(i..i + 2, j..j + 2));
            i += 2;
            j += 2;
        } else if !noisy {
            for t in texts {
                pieces.push(t);
                gold.push(bead(i..i + 1, j..j + 1));
                i += 1;
                j += 1;
            }
        } else {
            let n = texts.len();
            let mut k = 0;
            while k < n {
                let t = bare(&texts[k]).to_string();
                if rng.chance(cfg.noise) {
                    match rng.below(4) {
                        0 if k + 1 < n => {
                            pieces.push(merge(lang, &t, bare(&texts[k + 1])));
                            gold.push(bead(i..i + 2, j..j + 1));
                            i += 2;
                            j += 1;
                            k += 2;
                            continue;
                        }
                        1 => {
                            if let Some((a, b)) = split(lang, &t) {
                                pieces.push(a);
                                pieces.push(b);
                                gold.push(bead(i..i + 1, j..j + 2));
                                i += 1;
                                j += 2;
                                k += 1;
                                continue;
                            }
                        }
                        2 if n >= 2 && (k + 1 < n || !pieces.is_empty()) => {
                            gold.push(bead(i..i + 1, j..j));
                            i += 1;
                            k += 1;
                            continue;
                        }
                        3 => {
                            pieces.push(t);
                            gold.push(bead(i..i + 1, j..j + 1));
                            let e = extras[next_extra % extras.len()];
                            next_extra += 1;
                            pieces.push(bare(&corpus.lines[&lang][e]).to_string());
                            gold.push(bead(i + 1..i + 1, j + 1..j + 2));
                            i += 1;
                            j += 2;
                            k += 1;
                            continue;
                        }
                        _ => {}
                    }
                }
                pieces.push(t);
                gold.push(bead(i..i + 1, j..j + 1));
                i += 1;
                j += 1;
                k += 1;
            }
        }
        out.push(RenderedPara {
            part: p.part,
            units: if noisy {
                punctuate(lang, p.part, pieces)
            } else {
                pieces
            },
            notes: p.notes.clone(),
        });
    }
    for _ in &f.notes {
        gold.push(bead(i..i + 1, j..j + 1));
        i += 1;
        j += 1;
    }
    Rendered {
        paras: out,
        notes: f.notes.iter().map(|n| note_text(lang, *n)).collect(),
        gold,
    }
}

fn bead(src: Range<usize>, tgt: Range<usize>) -> Bead {
    Bead {
        src,
        tgt,
        score: 1.0,
    }
}

/// Chinese puts the date before the meeting in the closing; the others after.
fn closing_order(lang: Lang) -> bool {
    lang == Lang::Zh
}

fn slot_text(corpus: &Corpus, lang: Lang, slot: Slot, f: &Facts) -> String {
    match slot {
        Slot::Line(i) => bare(&corpus.lines[&lang][i]).to_string(),
        Slot::Session => session(lang).to_string(),
        Slot::Agenda => agenda(lang, f.agenda),
        Slot::Adopted => adopted(lang, f),
        Slot::Committee => committee(lang, f.committee.unwrap_or(0), f.resolution),
        Slot::Title(i) => {
            let sep = if lang == Lang::Ar { " - " } else { ". " };
            format!("99/{}{sep}{}", f.resolution, bare(&corpus.lines[&lang][i]))
        }
        Slot::Opener => opener(lang).to_string(),
        // The closing lines come in the language's own order; see `closing_order`.
        Slot::Meeting | Slot::Date => {
            let meeting_first = !closing_order(lang);
            if (slot == Slot::Meeting) == meeting_first {
                meeting(lang, f.meeting)
            } else {
                date(lang, f.day, f.month)
            }
        }
    }
}

/// Gives each sentence of a paragraph its final punctuation: a full stop
/// inside the paragraph, and at its end what its place in the resolution needs.
fn punctuate(lang: Lang, part: Part, pieces: Vec<String>) -> Vec<String> {
    let end = match part {
        Part::Preamble => comma(lang),
        Part::Operative { subs: true, .. } => colon(lang),
        Part::Operative { last: true, .. } | Part::Sub { last: true, .. } => stop(lang),
        Part::Operative { .. } | Part::Sub { .. } => semicolon(lang),
        _ => return pieces,
    };
    let n = pieces.len();
    pieces
        .into_iter()
        .enumerate()
        .map(|(k, p)| {
            let b = bare(&p).to_string();
            b + if k + 1 == n { end } else { stop(lang) }
        })
        .collect()
}

fn stop(lang: Lang) -> &'static str {
    if lang == Lang::Zh { "。" } else { "." }
}

fn comma(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "，",
        Lang::Ar => "،",
        _ => ",",
    }
}

fn semicolon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "；",
        Lang::Ar => "؛",
        Lang::Fr => "\u{a0};",
        _ => ";",
    }
}

fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::Fr => "\u{a0}:",
        _ => ":",
    }
}

/// Two sentences made one by a translator: joined with a semicolon.
fn merge(lang: Lang, a: &str, b: &str) -> String {
    let joint = match lang {
        Lang::Zh => "；",
        Lang::Ar => "؛ ",
        Lang::Fr => "\u{a0}; ",
        _ => "; ",
    };
    format!("{a}{joint}{b}")
}

/// One sentence made two by a translator: cut at a comma near the middle
/// (else at a space, or anywhere in Chinese), the second half capitalised.
fn split(lang: Lang, s: &str) -> Option<(String, String)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    if n < 12 {
        return None;
    }
    let mid = n / 2;
    let (lo, hi) = (n / 4, n * 3 / 4);
    let best = |pred: &dyn Fn(usize) -> bool| -> Option<usize> {
        (lo..hi)
            .filter(|&k| pred(k))
            .min_by_key(|&k| (k as isize - mid as isize).unsigned_abs())
    };
    let is_comma = |k: usize| {
        let c = chars[k].1;
        let spaced = chars.get(k + 1).is_some_and(|x| x.1 == ' ');
        matches!(c, '，' | '、') || (matches!(c, ',' | '،') && (spaced || lang == Lang::Zh))
    };
    // The cut removes the comma (and the space after it).
    let (cut_a, cut_b) = if let Some(k) = best(&is_comma) {
        let after = chars.get(k + 1).map_or(s.len(), |x| x.0);
        let skip = if s[after..].starts_with(' ') { 1 } else { 0 };
        (chars[k].0, after + skip)
    } else if lang == Lang::Zh {
        let ok = |k: usize| {
            let (a, b) = (chars[k - 1].1, chars[k].1);
            !(b.is_ascii_punctuation() || (a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()))
        };
        let k = best(&|k| k > 0 && ok(k))?;
        (chars[k].0, chars[k].0)
    } else {
        let k = best(&|k| chars[k].1 == ' ')?;
        (chars[k].0, chars[k].0 + 1)
    };
    let a = bare(&s[..cut_a]).to_string();
    let mut b = s[cut_b..].trim().to_string();
    if a.chars().count() < 4 || b.chars().count() < 4 {
        return None;
    }
    if let Some(c) = b.chars().next() {
        if c.is_lowercase() {
            b = c.to_uppercase().chain(b.chars().skip(1)).collect();
        }
    }
    Some((a, b))
}

fn session(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "الدورة التاسعة والتسعون",
        Lang::Zh => "第九十九届会议",
        Lang::En => "Ninety-ninth session",
        Lang::Es => "Nonagésimo noveno período de sesiones",
        Lang::Fr => "Quatre-vingt-dix-neuvième session",
        Lang::Ru => "Девяносто девятая сессия",
    }
}

fn agenda(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ar => format!("البند {n} من جدول الأعمال"),
        Lang::Zh => format!("议程项目 {n}"),
        Lang::En => format!("Agenda item {n}"),
        Lang::Es => format!("Tema {n} del programa"),
        Lang::Fr => format!("Point {n} de l’ordre du jour"),
        Lang::Ru => format!("Пункт {n} повестки дня"),
    }
}

fn opener(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "إن الجمعية العامة،",
        Lang::Zh => "大会，",
        Lang::En => "The General Assembly,",
        Lang::Es => "La Asamblea General,",
        Lang::Fr => "L’Assemblée générale,",
        Lang::Ru => "Генеральная Ассамблея,",
    }
}

fn date(lang: Lang, d: usize, m: usize) -> String {
    use crate::lang::{MONTHS_AR, MONTHS_EN, MONTHS_ES, MONTHS_FR};
    let i = m.clamp(1, 12) - 1;
    match lang {
        Lang::Zh => format!("{YEAR} 年 {m} 月 {d} 日"),
        Lang::En => {
            let (first, rest) = MONTHS_EN[i].split_at(1);
            format!("{d} {}{rest} {YEAR}", first.to_uppercase())
        }
        Lang::Fr => format!("{d} {} {YEAR}", MONTHS_FR[i]),
        Lang::Es => format!("{d} de {} de {YEAR}", MONTHS_ES[i]),
        // The parser's table holds the genitive forms dates use.
        Lang::Ru => format!(
            "{d} {} {YEAR} года",
            crate::lang::tables::table(Lang::Ru).months[i]
        ),
        Lang::Ar => {
            let (egy, lev) = MONTHS_AR[i];
            format!("{d} {lev}/{} {YEAR}", egy[0])
        }
    }
}

fn adopted(lang: Lang, f: &Facts) -> String {
    let d = date(lang, f.day, f.month);
    match lang {
        Lang::Ar => format!("قرار اتخذته الجمعية العامة في {d}"),
        Lang::Zh => format!("{d}大会决议"),
        Lang::En => format!("Resolution adopted by the General Assembly on {d}"),
        Lang::Es => format!("Resolución aprobada por la Asamblea General el {d}"),
        Lang::Fr => format!("Résolution adoptée par l’Assemblée générale le {d}"),
        Lang::Ru => format!("Резолюция, принятая Генеральной Ассамблеей {d}"),
    }
}

fn committee(lang: Lang, which: usize, resolution: usize) -> String {
    let report = format!("A/99/{}", 300 + resolution % 200);
    let k = which.min(2);
    let name = match lang {
        Lang::Ar => ["الأولى", "الثانية", "الثالثة"][k],
        Lang::Zh => ["一", "二", "三"][k],
        Lang::En => ["First", "Second", "Third"][k],
        Lang::Es => ["Primera", "Segunda", "Tercera"][k],
        Lang::Fr => ["Première", "Deuxième", "Troisième"][k],
        Lang::Ru => ["Первого", "Второго", "Третьего"][k],
    };
    match lang {
        Lang::Ar => format!("[بناء على تقرير اللجنة {name} ({report})]"),
        Lang::Zh => format!("[根据第{name}委员会的报告({report})通过]"),
        Lang::En => format!("[on the report of the {name} Committee ({report})]"),
        Lang::Es => format!("[sobre la base del informe de la {name} Comisión ({report})]"),
        Lang::Fr => format!("[sur la base du rapport de la {name} Commission ({report})]"),
        Lang::Ru => format!("[по докладу {name} комитета ({report})]"),
    }
}

fn meeting(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ar => format!("الجلسة العامة {n}"),
        Lang::Zh => format!("第 {n} 次全体会议"),
        Lang::En => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix} plenary meeting")
        }
        Lang::Es => format!("{n}ª sesión plenaria"),
        Lang::Fr => format!("{n}e séance plénière"),
        Lang::Ru => format!("{n}-е пленарное заседание"),
    }
}

fn note_text(lang: Lang, note: Note) -> String {
    match note {
        Note::Symbol(d) => format!("A/98/{d}{}", stop(lang)),
        Note::See(d) => match lang {
            Lang::Ar => format!("انظر A/98/{d}."),
            Lang::Zh => format!("见 A/98/{d}。"),
            Lang::En => format!("See A/98/{d}."),
            Lang::Es => format!("Véase A/98/{d}."),
            Lang::Fr => format!("Voir A/98/{d}."),
            Lang::Ru => format!("См. A/98/{d}."),
        },
        Note::Resolution(s, n) => match lang {
            Lang::Ar => format!("القرار {s}/{n}، المرفق."),
            Lang::Zh => format!("第 {s}/{n} 号决议，附件。"),
            Lang::En => format!("Resolution {s}/{n}, annex."),
            Lang::Es => format!("Resolución {s}/{n}, anexo."),
            Lang::Fr => format!("Résolution {s}/{n}, annexe."),
            Lang::Ru => format!("Резолюция {s}/{n}, приложение."),
        },
        Note::Records(k, d) => match lang {
            Lang::Ar => format!(
                "الوثائق الرسمية للجمعية العامة، الدورة الثامنة والتسعون، الملحق رقم {k} (A/98/{k})، الفقرة {d}."
            ),
            Lang::Zh => {
                format!("《大会正式记录，第九十八届会议，补编第 {k} 号》(A/98/{k})，第 {d} 段。")
            }
            Lang::En => format!(
                "Official Records of the General Assembly, Ninety-eighth Session, Supplement No. {k} (A/98/{k}), para. {d}."
            ),
            Lang::Es => format!(
                "Documentos Oficiales de la Asamblea General, nonagésimo octavo período de sesiones, suplemento núm. {k} (A/98/{k}), párr. {d}."
            ),
            Lang::Fr => format!(
                "Documents officiels de l’Assemblée générale, quatre-vingt-dix-huitième session, Supplément no {k} (A/98/{k}), par. {d}."
            ),
            Lang::Ru => format!(
                "Официальные отчеты Генеральной Ассамблеи, девяносто восьмая сессия, Дополнение № {k} (A/98/{k}), пункт {d}."
            ),
        },
    }
}

/// Where a language version puts its footnote texts.
#[derive(Clone, Copy, PartialEq)]
enum Placement {
    /// Right after the paragraph that cites them.
    AfterCiting,
    /// At the bottom of the page, at the last paragraph end before the page break.
    PageBottom,
    /// All together after the closing.
    End,
}

fn placement(lang: Lang) -> Placement {
    match lang {
        Lang::Zh => Placement::AfterCiting,
        Lang::En | Lang::Ar => Placement::End,
        Lang::Es | Lang::Fr | Lang::Ru => Placement::PageBottom,
    }
}

fn op_label(lang: Lang, n: usize, eastern: bool) -> String {
    if lang == Lang::Ar {
        let digits: String = if eastern {
            n.to_string()
                .chars()
                .map(|c| char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c))
                .collect()
        } else {
            n.to_string()
        };
        format!("{digits} -")
    } else {
        format!("{n}.")
    }
}

fn sub_label(lang: Lang, k: usize) -> String {
    const LATIN: [&str; 8] = ["a", "b", "c", "d", "e", "f", "g", "h"];
    const CYRILLIC: [&str; 8] = ["а", "б", "в", "г", "д", "е", "ж", "з"];
    const ABJAD: [&str; 8] = ["أ", "ب", "ج", "د", "هـ", "و", "ز", "ح"];
    let k = k.min(7);
    match lang {
        Lang::Zh | Lang::En => format!("({})", LATIN[k]),
        Lang::Fr | Lang::Es => format!("{})", LATIN[k]),
        Lang::Ru => format!("{})", CYRILLIC[k]),
        Lang::Ar => format!("({})", ABJAD[k]),
    }
}

/// A footnote reference mark stands in the text as one private-use
/// character until the layout is done, so that no line break falls inside it.
const MARK_BASE: u32 = 0xF0000;

/// Lays a rendered version out as the text of a converted PDF.
fn layout(lang: Lang, r: &Rendered, f: &Facts, cfg: &SynthConfig, rng: &mut Rng) -> String {
    let sep = if lang == Lang::Zh { "" } else { " " };
    // Each paragraph as one logical line, label included, marks as placeholders.
    let mut logical: Vec<(String, &RenderedPara)> = Vec::with_capacity(r.paras.len());
    for p in &r.paras {
        let label = match p.part {
            Part::Operative { n, .. } => Some(op_label(lang, n, f.arabic_digits)),
            Part::Sub { k, .. } => Some(sub_label(lang, k)),
            _ => None,
        };
        let mut s = String::new();
        if let Some(l) = label {
            s.push_str(&l);
            s.push(' ');
        }
        // The closing is two short lines, as on the page.
        s.push_str(
            &p.units
                .join(if p.part == Part::Closing { "\n" } else { sep }),
        );
        for &n in &p.notes {
            s.push(char::from_u32(MARK_BASE + n as u32).unwrap_or('\u{F0000}'));
        }
        logical.push((s, p));
    }
    let width = if lang == Lang::Zh {
        30 + rng.below(11)
    } else {
        60 + rng.below(21)
    };
    let wrapped: Vec<Vec<String>> = logical
        .iter()
        .map(|(s, p)| {
            if p.part == Part::Closing {
                s.split('\n').map(str::to_string).collect()
            } else if !cfg.furniture {
                vec![s.clone()]
            } else {
                wrap(lang, s, width, rng)
            }
        })
        .collect();
    let note_line = |n: usize| format!("<sup>{n}</sup> {}", r.notes[n - 1]);

    let body_lines: usize = wrapped.iter().map(|w| w.len() + 1).sum();
    // At least two pages, so that the running header repeats.
    let page_len = (30 + rng.below(16)).min(body_lines / 2).max(6);
    let place = placement(lang);

    let mut out: Vec<String> = Vec::new();
    let mut page = 1;
    let mut on_page = 0;
    let mut pending: Vec<usize> = Vec::new();
    if cfg.furniture {
        out.push(f.id.clone());
        out.push(String::new());
    }
    let page_break = |out: &mut Vec<String>, page: &mut usize, on_page: &mut usize| {
        out.push(page.to_string());
        *page += 1;
        out.push(f.id.clone());
        *on_page = 0;
    };
    for (k, lines) in wrapped.iter().enumerate() {
        let p = logical[k].1;
        if p.part == Part::Closing && place != Placement::End {
            flush_notes(&mut out, &mut pending, &note_line);
        }
        if cfg.furniture
            && place == Placement::PageBottom
            && !pending.is_empty()
            && on_page + lines.len() > page_len
        {
            flush_notes(&mut out, &mut pending, &note_line);
            page_break(&mut out, &mut page, &mut on_page);
            out.push(String::new());
        }
        for line in lines {
            if cfg.furniture && on_page >= page_len {
                page_break(&mut out, &mut page, &mut on_page);
            }
            out.push(line.clone());
            on_page += 1;
        }
        out.push(String::new());
        on_page += 1;
        pending.extend(p.notes.iter().copied());
        if place == Placement::AfterCiting {
            flush_notes(&mut out, &mut pending, &note_line);
        }
    }
    flush_notes(&mut out, &mut pending, &note_line);
    if cfg.furniture {
        out.push(page.to_string());
    }
    let mut text = String::with_capacity(out.iter().map(|l| l.len() + 1).sum());
    for line in out {
        for c in line.chars() {
            match (c as u32).checked_sub(MARK_BASE) {
                Some(n) if n < 1000 => {
                    text.push_str("<sup>");
                    text.push_str(&n.to_string());
                    text.push_str("</sup>");
                }
                _ => text.push(c),
            }
        }
        text.push('\n');
    }
    text
}

fn flush_notes(out: &mut Vec<String>, pending: &mut Vec<usize>, line: &dyn Fn(usize) -> String) {
    for n in pending.drain(..) {
        out.push(line(n));
        out.push(String::new());
    }
}

fn is_mark(c: char) -> bool {
    (MARK_BASE..MARK_BASE + 1000).contains(&(c as u32))
}

/// Hard line breaks as a PDF conversion leaves them. A break never falls
/// where the next line would start like a label (a paragraph number, `(`)
/// or before a footnote mark.
fn wrap(lang: Lang, s: &str, width: usize, rng: &mut Rng) -> Vec<String> {
    if lang == Lang::Zh {
        wrap_chars(s, width)
    } else {
        wrap_words(s, width, rng)
    }
}

fn wrap_chars(s: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    while chars.len() - start > width {
        let mut cut = start + width;
        // Move the cut forward past places a typesetter would not break.
        while cut < chars.len() {
            let (a, b) = (chars[cut - 1], chars[cut]);
            let inside_word = a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric();
            let rest: String = chars[cut..chars.len().min(cut + 6)].iter().collect();
            // Chinese typesetting never starts a line with closing punctuation.
            let closing = "，。、；：？！）》」』”,.;:?!)]".contains(b);
            if inside_word || closing || is_mark(b) || b == ' ' || looks_like_label(&rest) {
                cut += 1;
            } else {
                break;
            }
        }
        if cut >= chars.len() {
            break;
        }
        lines.push(chars[start..cut].iter().collect());
        start = cut;
    }
    lines.push(chars[start..].iter().collect());
    lines
}

fn wrap_words(s: &str, width: usize, rng: &mut Rng) -> Vec<String> {
    let words: Vec<&str> = s.split(' ').filter(|w| !w.is_empty()).collect();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    let mut k = 0;
    while k < words.len() {
        let w = words[k];
        let wl = w.chars().filter(|c| !is_mark(*c)).count();
        let fits = len == 0 || len + 1 + wl <= width;
        if fits || looks_like_label(w) {
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            line.push_str(w);
            len += wl;
            k += 1;
            continue;
        }
        // A long word that does not fit is sometimes hyphenated.
        let chars: Vec<char> = w.chars().collect();
        let room = width.saturating_sub(len + 2);
        if chars.len() >= 9
            && room >= 4
            && chars.iter().all(|c| c.is_alphabetic())
            && rng.chance(0.35)
        {
            // Hyphenate after a vowel and before a consonant, as a dictionary would, roughly.
            let vowel =
                |c: char| "aeiouyàâéèêëîïôûüáíóúаеёиоуыэюя".contains(c.to_ascii_lowercase());
            let cut = (4..=room.min(chars.len() - 4))
                .rev()
                .find(|&c| vowel(chars[c - 1]) && !vowel(chars[c]))
                .unwrap_or(0);
            if cut >= 4 && chars[cut].is_lowercase() {
                line.push(' ');
                line.extend(&chars[..cut]);
                line.push('-');
                lines.push(std::mem::take(&mut line));
                line.extend(&chars[cut..]);
                len = chars.len() - cut;
                k += 1;
                continue;
            }
        }
        lines.push(std::mem::take(&mut line));
        len = 0;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The characters compared when mapping sentences onto units: NFKC, with
/// white space, hyphens, soft hyphens, tatweel and zero-width characters
/// left out (line-break repair and PDF justification change those and
/// nothing else).
fn key_chars(s: &str, out: &mut Vec<char>) {
    for c in s.chars() {
        if ignorable(c) {
            continue;
        }
        let mut buf = [0u8; 4];
        for k in c.encode_utf8(&mut buf).nfkc() {
            if !ignorable(k) {
                out.push(k);
            }
        }
    }
}

fn ignorable(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{2010}' | '\u{2011}' | '\u{00AD}' | '\u{0640}' | '\u{200B}'
                ..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// For each text, the range of key characters it covers in the concatenation.
fn key_spans(texts: &[&str]) -> (Vec<char>, Vec<Range<usize>>) {
    let mut key = Vec::new();
    let mut spans = Vec::with_capacity(texts.len());
    for t in texts {
        let a = key.len();
        key_chars(t, &mut key);
        spans.push(a..key.len());
    }
    (key, spans)
}

/// Maps each sentence to the units it covers, checking that the sentences
/// hold exactly the units' text.
fn sentence_units(
    side: &str,
    units: &[String],
    sents: &[&str],
) -> Result<Vec<Range<usize>>, String> {
    let unit_refs: Vec<&str> = units.iter().map(String::as_str).collect();
    let (ukey, uspans) = key_spans(&unit_refs);
    let (skey, sspans) = key_spans(sents);
    if let Some(p) = (0..ukey.len().max(skey.len())).find(|&p| ukey.get(p) != skey.get(p)) {
        let unit = uspans.iter().position(|r| r.end > p).unwrap_or(units.len());
        let sent = sspans.iter().position(|r| r.end > p).unwrap_or(sents.len());
        let ctx = |k: &[char]| -> String {
            k[p.saturating_sub(20).min(k.len())..(p + 20).min(k.len())]
                .iter()
                .collect()
        };
        return Err(format!(
            "{side}: the aligner's text differs from the gold units at key character {p} \
             (gold unit {unit}, aligner sentence {sent}): gold …{}… vs aligner …{}…",
            ctx(&ukey),
            ctx(&skey)
        ));
    }
    // The unit holding key position `p`.
    let unit_at = |p: usize| -> usize {
        uspans
            .iter()
            .position(|r| r.end > p)
            .unwrap_or(units.len().saturating_sub(1))
    };
    Ok(sspans
        .iter()
        .map(|r| {
            if r.is_empty() {
                let u = unit_at(r.start);
                u..u
            } else {
                unit_at(r.start)..unit_at(r.end - 1) + 1
            }
        })
        .collect())
}

/// Parses the `hub` and `other` versions of a generated document, aligns
/// them with `aligner` and projects the beads onto the gold units (see
/// [`project`]), ready to be scored against `doc.gold[&other]`.
///
/// # Errors
///
/// When a version does not parse, or the projection fails (text lost or
/// added by the parser, beads that do not cover every sentence).
pub fn align_projected(
    doc: &SynthDoc,
    hub: Lang,
    other: Lang,
    aligner: &crate::engine::Aligner,
) -> Result<Vec<Bead>, String> {
    let parse = |lang: Lang| {
        let text = doc
            .texts
            .get(&lang)
            .ok_or_else(|| format!("{}: no {lang} version", doc.id))?;
        let loaded = crate::load::Text::from_string(&format!("{}.{lang}", doc.id), text.clone())
            .map_err(|e| e.to_string())?;
        crate::parse::parse(
            &loaded,
            &crate::parse::ParseOptions {
                lang: Some(lang),
                symbol: Some(doc.id.clone()),
            },
        )
        .map_err(|e| e.to_string())
    };
    let (h, o) = (parse(hub)?, parse(other)?);
    let pa = aligner.align_pair(&h, &o);
    let src: Vec<&str> = pa.src.iter().map(|s| s.text.as_str()).collect();
    let tgt: Vec<&str> = pa.tgt.iter().map(|s| s.text.as_str()).collect();
    let beads: Vec<Bead> = pa.beads().cloned().collect();
    project(&doc.units[&hub], &doc.units[&other], &src, &tgt, &beads)
        .map_err(|e| format!("{} {hub}-{other}: {e}", doc.id))
}

/// A projected bead under construction: unit ranges of both sides and a score.
type Group = (Option<Range<usize>>, Option<Range<usize>>, f32);

/// Projects an aligner's beads over sentences onto gold units.
///
/// Each sentence is mapped to the units whose text it holds (comparing the
/// concatenations with white space, hyphens and tatweel ignored), then beads
/// that share a unit are merged into one. A bead finer than gold but
/// consistent with it thus becomes the gold bead; a bead that joins two gold
/// beads stays one bead and is a strict miss.
///
/// # Errors
///
/// When the sentences do not hold exactly the text of the units (the parser
/// lost or added text: the message names the first differing position), or
/// the beads do not cover every sentence once, in order.
pub fn project(
    units_src: &[String],
    units_tgt: &[String],
    sents_src: &[&str],
    sents_tgt: &[&str],
    beads: &[Bead],
) -> Result<Vec<Bead>, String> {
    let su = sentence_units("source", units_src, sents_src)?;
    let tu = sentence_units("target", units_tgt, sents_tgt)?;
    let (mut i, mut j) = (0, 0);
    for (k, b) in beads.iter().enumerate() {
        if b.src.start != i || b.tgt.start != j || b.src.end < i || b.tgt.end < j {
            return Err(format!(
                "bead {k} ({:?}:{:?}) does not continue at sentences {i}:{j}",
                b.src, b.tgt
            ));
        }
        i = b.src.end;
        j = b.tgt.end;
    }
    if i != sents_src.len() || j != sents_tgt.len() {
        return Err(format!(
            "beads end at sentences {i}:{j}, not {}:{}",
            sents_src.len(),
            sents_tgt.len()
        ));
    }

    // Unit ranges of each bead; empty sides sit where the bead is.
    let span = |map: &[Range<usize>], r: &Range<usize>| -> Option<Range<usize>> {
        let mut it = map[r.clone()].iter().filter(|x| !x.is_empty());
        let first = it.next()?;
        let last = it.next_back().unwrap_or(first);
        Some(first.start..last.end)
    };
    let mut groups: Vec<Group> = Vec::new();
    for b in beads {
        let mut g = (span(&su, &b.src), span(&tu, &b.tgt), b.score);
        // Merge with every earlier group it shares a unit with, and with
        // everything between, so that groups stay contiguous.
        let overlaps = |a: &Option<Range<usize>>, b: &Option<Range<usize>>| match (a, b) {
            (Some(a), Some(b)) => a.start < b.end && b.start < a.end,
            _ => false,
        };
        if let Some(k) = groups
            .iter()
            .position(|h| overlaps(&h.0, &g.0) || overlaps(&h.1, &g.1))
        {
            for h in groups.drain(k..) {
                g.0 = union(h.0, g.0);
                g.1 = union(h.1, g.1);
                g.2 = g.2.min(h.2);
            }
        }
        groups.push(g);
    }
    // Give empty sides their position, and check the result covers every unit once.
    let mut out = Vec::with_capacity(groups.len());
    let (mut i, mut j) = (0, 0);
    for (s, t, score) in groups {
        let src = s.unwrap_or(i..i);
        let tgt = t.unwrap_or(j..j);
        if src.start != i || tgt.start != j {
            return Err(format!(
                "projected beads are not contiguous at units {i}:{j} ({src:?}:{tgt:?})"
            ));
        }
        i = src.end;
        j = tgt.end;
        out.push(Bead { src, tgt, score });
    }
    if i != units_src.len() || j != units_tgt.len() {
        return Err(format!(
            "projected beads end at units {i}:{j}, not {}:{}",
            units_src.len(),
            units_tgt.len()
        ));
    }
    Ok(out)
}

fn union(a: Option<Range<usize>>, b: Option<Range<usize>>) -> Option<Range<usize>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.start.min(b.start)..a.end.max(b.end)),
        (a, None) => a,
        (None, b) => b,
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

    #[test]
    fn split_cuts_at_a_comma_near_the_middle() {
        let (a, b) = split(
            Lang::En,
            "The Committee met twice, and it adopted its report",
        )
        .unwrap();
        assert_eq!(a, "The Committee met twice");
        assert_eq!(b, "And it adopted its report");
        let (a, b) = split(Lang::Zh, "委员会举行了两次会议，并通过了其报告").unwrap();
        assert_eq!(
            (a.as_str(), b.as_str()),
            ("委员会举行了两次会议", "并通过了其报告")
        );
        assert!(split(Lang::En, "Too short").is_none());
    }

    #[test]
    fn words_wrap_at_width_and_rejoin() {
        let s = "Recognizing that the dissemination and use of information technologies affect the interests of the entire international community";
        let mut rng = Rng::new(3);
        let lines = wrap_words(s, 40, &mut rng);
        assert!(lines.len() >= 3);
        assert!(lines.iter().all(|l| l.chars().count() <= 41), "{lines:?}");
        let mut k1 = Vec::new();
        let mut k2 = Vec::new();
        key_chars(s, &mut k1);
        key_chars(&lines.concat(), &mut k2);
        assert_eq!(k1, k2);
    }
}

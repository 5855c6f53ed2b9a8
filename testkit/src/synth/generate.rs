//! Generation: the plan of each document (see [`super::plan`]) drawn from
//! the corpus, then rendered and laid out in every language.

use std::collections::{BTreeMap, BTreeSet};

use sixalign::lang::Lang;

use super::layout::layout;
use super::plan::{Facts, Note, Para, Part, Rng, Slot, bare, looks_like_label};
use super::render::{render_hub, render_noisy};
use super::{Corpus, SynthConfig, SynthDoc};

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
    BTreeMap<Lang, Vec<sixalign::align::Bead>>,
);

pub(super) fn front(slot: Slot) -> Para {
    Para {
        part: Part::Front,
        slots: vec![slot],
        notes: Vec::new(),
    }
}

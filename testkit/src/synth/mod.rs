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
//! Aligner output is scored through [`project`], which maps the
//! aligner's sentences onto these units by content, so the score does not
//! depend on where the segmenter splits.
//!
//! Everything is deterministic: the same corpus, hub, languages and
//! [`SynthConfig`] give the same bytes on every platform.
//!
//! ```
//! use std::collections::BTreeMap;
//! use sixalign::Lang;
//! use sixalign_testkit::synth::{generate, Corpus, SynthConfig};
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

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

mod generate;
mod layout;
mod lines;
mod plan;
mod project;
mod render;
mod udhr;

pub use generate::generate;
pub use lines::{NoisyLines, noisy_line_sets, noisy_lines, strip_labels};
pub use project::{align_projected, project};
pub use udhr::UDHR_ARTICLE_LINES;

use sixalign::align::Bead;
use sixalign::error::{Error, Result};
use sixalign::lang::Lang;

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

impl SynthConfig {
    /// These settings with documents small enough for a small sentence
    /// source such as [`Corpus::udhr_articles`] (about 50 usable
    /// sentences): 2 to 4 preambular and 3 to 5 operative paragraphs, fewer
    /// sub-paragraphs. The generator never repeats a sentence inside a
    /// document (it loops looking for an unused one when there is none), so
    /// a small source needs small documents, with some sentences to spare.
    pub fn small_documents(self) -> SynthConfig {
        SynthConfig {
            preamble_paras: 2..5,
            operative_paras: 3..6,
            subparagraphs: 0.15,
            ..self
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

/// Wraps `s` at about `width` as the layout does (seeded), for the test of
/// the projection that must see through line breaks.
#[cfg(test)]
pub(crate) fn wrap_for_test(s: &str, width: usize, seed: u64) -> Vec<String> {
    layout::wrap_words(s, width, &mut plan::Rng::new(seed))
}

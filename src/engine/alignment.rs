//! What an alignment gives back: the sentences of each side with their
//! spans, the regions with their beads, and counts for summaries.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use crate::align::Bead;
use crate::anchor::{self, Region};
use crate::lang::Lang;

/// One sentence of a document, original characters.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sentence {
    /// The sentence text as output writes it: the original at
    /// [`span`](Sentence::span), soft hyphens, word joiners, NBSP and
    /// presentation forms included (the scorer reads the normalized view).
    pub text: String,
    /// Index of the unit (block or footnote, see [`anchor::units`]) it comes from.
    pub unit: usize,
    /// Index of the region it belongs to.
    pub region: usize,
    /// Byte range in the original text of its document
    /// ([`Document::text`](crate::Document::text)): the sentence is these
    /// bytes, less the furniture the reader left out (page headers, footnote
    /// marks, markup) and with broken lines rejoined.
    pub span: Range<usize>,
}

/// The alignment of one anchored region.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegionAlignment {
    /// The region, in unit indices.
    pub region: Region,
    /// Its hub sentences (indices into [`PairAlignment::src`]).
    pub src: Range<usize>,
    /// Its other-language sentences (indices into [`PairAlignment::tgt`]).
    pub tgt: Range<usize>,
    /// The beads, in document-wide sentence indices.
    pub beads: Vec<Bead>,
}

/// The alignment of the hub with one other language version.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairAlignment {
    /// Document id: the symbol when known, else the hub's name.
    pub doc: String,
    /// The hub language.
    pub src_lang: Lang,
    /// The other language.
    pub tgt_lang: Lang,
    /// Hub sentences in document order.
    pub src: Vec<Sentence>,
    /// Other-language sentences in document order.
    pub tgt: Vec<Sentence>,
    /// For each hub unit ([`anchor::units`]), its sentences (indices into
    /// `src`); a unit without sentences sits where the next one's start.
    #[serde(skip)]
    pub src_units: Vec<Range<usize>>,
    /// For each other-language unit, its sentences (indices into `tgt`).
    #[serde(skip)]
    pub tgt_units: Vec<Range<usize>>,
    /// The regions in order; their beads together cover every sentence once.
    pub regions: Vec<RegionAlignment>,
}

impl PairAlignment {
    /// All beads in order.
    pub fn beads(&self) -> impl Iterator<Item = &Bead> {
        self.regions.iter().flat_map(|r| r.beads.iter())
    }

    /// Counts for a summary.
    pub fn stats(&self) -> Stats {
        let mut s = Stats::default();
        s.add_pair(self);
        s
    }
}

/// Counts over one or more alignments, for summaries and reports.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Stats {
    /// Language pairs aligned.
    pub pairs: usize,
    /// Regions aligned.
    pub regions: usize,
    /// Regions fixed by a shared label.
    pub anchored_regions: usize,
    /// Hub sentences.
    pub src_sentences: usize,
    /// Other-language sentences.
    pub tgt_sentences: usize,
    /// Beads by type (`1-1`, `2-1`, `0-1` …).
    pub beads_by_type: BTreeMap<String, usize>,
    /// Sum of bead scores over beads with both sides non-empty.
    pub score_sum: f64,
    /// Beads with both sides non-empty.
    pub linked_beads: usize,
}

impl Stats {
    /// Adds one pair alignment to the counts.
    pub fn add_pair(&mut self, p: &PairAlignment) {
        self.pairs += 1;
        self.regions += p.regions.len();
        self.anchored_regions += p
            .regions
            .iter()
            .filter(|r| r.region.kind == anchor::RegionKind::Anchored)
            .count();
        self.src_sentences += p.src.len();
        self.tgt_sentences += p.tgt.len();
        self.add_beads(p.beads());
    }

    /// Adds beads to the counts by type and to the score sum.
    pub fn add_beads<'a>(&mut self, beads: impl IntoIterator<Item = &'a Bead>) {
        for b in beads {
            *self
                .beads_by_type
                .entry(format!("{}-{}", b.src.len(), b.tgt.len()))
                .or_default() += 1;
            if !b.src.is_empty() && !b.tgt.is_empty() {
                self.score_sum += f64::from(b.score);
                self.linked_beads += 1;
            }
        }
    }

    /// All beads counted.
    pub fn beads(&self) -> usize {
        self.beads_by_type.values().sum()
    }

    /// Mean score of beads with both sides non-empty (0 when there are none).
    pub fn mean_score(&self) -> f64 {
        if self.linked_beads == 0 {
            0.0
        } else {
            self.score_sum / self.linked_beads as f64
        }
    }
}

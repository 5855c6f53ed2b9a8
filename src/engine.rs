//! The [`Aligner`]: runs anchor → segment → score+align over parsed
//! documents, with rayon over regions and over language versions.
//!
//! Results do not depend on the number of threads: every parallel step
//! collects into a vector in input order, and nothing is reduced in an order
//! that depends on scheduling.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::align::{self, Bead, Params};
use crate::anchor::{self, Region};
use crate::document::Document;
use crate::error::{Error, ErrorKind, Result};
use crate::lang::{self, Lang};
use crate::lexicon::Lexicon;
use crate::load;
use crate::segment;

/// Builds an [`Aligner`]; every setting has a default that works.
#[derive(Clone, Debug)]
pub struct AlignerBuilder {
    lexicons: Vec<Arc<Lexicon>>,
    builtin: bool,
    learn: bool,
    fixed_priors: bool,
}

impl Default for AlignerBuilder {
    fn default() -> AlignerBuilder {
        AlignerBuilder {
            lexicons: Vec::new(),
            builtin: true,
            learn: false,
            fixed_priors: false,
        }
    }
}

impl AlignerBuilder {
    /// A builder with the defaults.
    pub fn new() -> AlignerBuilder {
        AlignerBuilder::default()
    }

    /// A bilingual lexicon used as one more scoring signal; replaces any
    /// given before (the built-in CC-CEDICT is set apart, see
    /// [`AlignerBuilder::builtin_lexicon`]).
    pub fn lexicon(&mut self, lexicon: Option<Arc<Lexicon>>) -> &mut AlignerBuilder {
        self.lexicons = lexicon.into_iter().collect();
        self
    }

    /// One more lexicon, for any language pair: the lexicons given for the
    /// same pair are used together (their translations pooled).
    pub fn add_lexicon(&mut self, lexicon: Arc<Lexicon>) -> &mut AlignerBuilder {
        self.lexicons.push(lexicon);
        self
    }

    /// Whether zh–en pairs use the CC-CEDICT lexicon shipped with the
    /// library ([`Lexicon::cedict`]); default: yes.
    pub fn builtin_lexicon(&mut self, yes: bool) -> &mut AlignerBuilder {
        self.builtin = yes;
        self
    }

    /// Whether to align twice, the second time with a lexicon per language
    /// pair learned from the first ([`learn_lexicons`]: anchored paragraphs
    /// and confident 1-1 beads); default: no. Applies to
    /// [`Aligner::align_pair`], [`Aligner::align_all`] and
    /// [`Aligner::align_lines`]; a corpus learns once over many documents
    /// instead (`corpus::learn_lexicons`) and gives the result to
    /// [`AlignerBuilder::add_lexicon`] with learning off.
    pub fn learn_lexicon(&mut self, yes: bool) -> &mut AlignerBuilder {
        self.learn = yes;
        self
    }

    /// Whether a second pass keeps the default bead shape priors instead of
    /// re-estimating them from the first pass's beads
    /// ([`align::ShapePriors::from_path`]); default: no. With fixed
    /// priors, a one-pass run with the learned table saved
    /// (`--save-lexicon`) reproduces the two-pass run.
    pub fn fixed_priors(&mut self, yes: bool) -> &mut AlignerBuilder {
        self.fixed_priors = yes;
        self
    }

    /// The aligner with these settings. The builder can be used again.
    pub fn build(&self) -> Aligner {
        let tables: Vec<Arc<Lexicon>> = self
            .lexicons
            .iter()
            .filter(|l| l.src_lang.is_some() && l.tgt_lang.is_some())
            .cloned()
            .collect();
        Aligner {
            tables,
            builtin: self.builtin,
            learn: self.learn,
            fixed_priors: self.fixed_priors,
        }
    }
}

/// Aligns the hub version of a document with its other language versions.
#[derive(Clone, Debug)]
pub struct Aligner {
    tables: Vec<Arc<Lexicon>>,
    builtin: bool,
    learn: bool,
    fixed_priors: bool,
}

impl Default for Aligner {
    fn default() -> Aligner {
        Aligner::new()
    }
}

/// Confident 1-1 beads (calibrated score, see [`crate::score::Calibration`])
/// that teach a learned lexicon.
pub const LEARN_MIN_SCORE: f32 = 0.8;

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
    /// ([`Document::text`]): the sentence is these bytes, less the
    /// furniture the reader left out (page headers, footnote marks, markup)
    /// and with broken lines rejoined.
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

/// Sentences of one document, with their spans in the original and the
/// sentence range of each unit.
struct Segmented {
    /// The text segmentation and scoring read (the units' text).
    sentences: Vec<String>,
    /// The same sentences as output writes them: the original at their
    /// spans ([`Offsets::original_text`](crate::load::Offsets::original_text)).
    originals: Vec<String>,
    spans: Vec<Range<usize>>,
    unit_sents: Vec<Range<usize>>,
    /// Per sentence, the number of the article paragraph it opens
    /// ([`anchor::inner_keys`]); `None` outside articles.
    inner: Vec<Option<String>>,
    /// Per unit, whether it is an article.
    article: Vec<bool>,
}

fn segment_units(units: &[anchor::Unit<'_>], lang: Lang, original: &str) -> Segmented {
    let mut sentences = Vec::new();
    let mut originals = Vec::new();
    let mut spans = Vec::new();
    let mut unit_sents = Vec::with_capacity(units.len());
    let mut inner = Vec::new();
    let mut article = Vec::with_capacity(units.len());
    for u in units {
        let start = sentences.len();
        let ranges = segment::segment(u.text, lang);
        let is_article = u.kind == Some(crate::document::BlockKind::Article);
        if is_article {
            inner.extend(anchor::inner_keys(u.text, &ranges));
        } else {
            inner.resize(inner.len() + ranges.len(), None);
        }
        for r in ranges {
            spans.push(u.offsets.original(r.clone()));
            originals.push(u.offsets.original_text(u.text, original, r.clone()));
            sentences.push(u.text[r].to_string());
        }
        unit_sents.push(start..sentences.len());
        article.push(is_article);
    }
    Segmented {
        sentences,
        originals,
        spans,
        unit_sents,
        inner,
        article,
    }
}

/// The sentence range spanned by a unit range.
fn sentence_span(seg: &Segmented, units: &Range<usize>) -> Range<usize> {
    if units.is_empty() {
        // An empty unit range sits just before unit `start`.
        let at = seg
            .unit_sents
            .get(units.start)
            .map_or(seg.sentences.len(), |r| r.start);
        return at..at;
    }
    seg.unit_sents[units.start].start..seg.unit_sents[units.end - 1].end
}

impl Aligner {
    /// An aligner with the default settings.
    pub fn new() -> Aligner {
        AlignerBuilder::new().build()
    }

    /// A builder for an aligner with other settings.
    pub fn builder() -> AlignerBuilder {
        AlignerBuilder::new()
    }

    /// The lexicons used for `a`–`b` (either direction): CC-CEDICT for
    /// zh–en unless turned off, then the tables given for the pair. They
    /// are used together, in the direction of the first (see
    /// [`Params::with_lexicons`]).
    pub fn lexicons_for(&self, a: Lang, b: Lang) -> Vec<Arc<Lexicon>> {
        let mut v = Vec::new();
        if self.builtin && Lexicon::cedict_fits(a, b) {
            v.push(Lexicon::cedict());
        }
        v.extend(self.tables.iter().filter(|t| t.fits(a, b)).cloned());
        v
    }

    /// Whether this aligner aligns twice, learning a lexicon in between.
    pub fn learns(&self) -> bool {
        self.learn
    }

    /// The same aligner aligning once (no learning).
    pub fn single_pass(&self) -> Aligner {
        let mut a = self.clone();
        a.learn = false;
        a
    }

    /// The same aligner, single pass, with `learned` added to its tables.
    pub fn with_learned(&self, learned: Vec<Lexicon>) -> Aligner {
        self.with_learned_tables(learned.into_iter().map(Arc::new))
    }

    /// [`Aligner::with_learned`] with tables already shared (the empty
    /// ones are left out).
    pub fn with_learned_tables(&self, learned: impl IntoIterator<Item = Arc<Lexicon>>) -> Aligner {
        let mut b = AlignerBuilder {
            lexicons: self.tables.clone(),
            builtin: self.builtin,
            learn: false,
            fixed_priors: self.fixed_priors,
        };
        for l in learned {
            if !l.is_empty() {
                b.add_lexicon(l);
            }
        }
        b.build()
    }

    /// Parameters of the program for one language pair, the length ratio
    /// estimated from the texts to be aligned, with the pair's lexicon.
    pub fn params(&self, src_lang: Lang, tgt_lang: Lang, src: &[&str], tgt: &[&str]) -> Params {
        let mut p = Params::estimate(src_lang, tgt_lang, src, tgt)
            .with_lexicons(self.lexicons_for(src_lang, tgt_lang));
        p.adapt_priors = !self.fixed_priors;
        p
    }

    /// Aligns two lists of sentences that carry no structure (one sentence
    /// per line, as sentence-split corpora come): one region, the banded DP
    /// over the whole, with the length ratio estimated from these lines and
    /// the first lexicon given for the pair. Bead ranges index `src` and `tgt`.
    ///
    /// ```
    /// use sixalign::engine::Aligner;
    /// use sixalign::Lang;
    ///
    /// let zh = ["大会于2019年通过第74/28号决议。", "会议有193个会员国参加。"];
    /// let en = ["The Assembly adopted resolution 74/28 in 2019.", "It was attended by 193 Member States."];
    /// let beads = Aligner::new().align_lines(Lang::Zh, Lang::En, &zh, &en);
    /// assert_eq!(beads.len(), 2);
    /// assert_eq!((beads[1].src.clone(), beads[1].tgt.clone()), (1..2, 1..2));
    /// ```
    ///
    /// Twice when the aligner learns ([`AlignerBuilder::learn_lexicon`]):
    /// the second pass is scored with a lexicon learned from the first's
    /// confident 1-1 beads.
    pub fn align_lines(
        &self,
        src_lang: Lang,
        tgt_lang: Lang,
        src: &[&str],
        tgt: &[&str],
    ) -> Vec<Bead> {
        if !self.learn {
            return align::align(src, tgt, &self.params(src_lang, tgt_lang, src, tgt));
        }
        self.align_lines_learning(src_lang, tgt_lang, src, tgt).0
    }

    /// [`Aligner::align_lines`] in two passes whatever the setting, with
    /// the lexicon learned from the first pass's confident 1-1 beads: the
    /// second pass reuses the first's features and is filled near its path
    /// ([`align::align_learning`]).
    pub fn align_lines_learning(
        &self,
        src_lang: Lang,
        tgt_lang: Lang,
        src: &[&str],
        tgt: &[&str],
    ) -> (Vec<Bead>, Lexicon) {
        let params = self.params(src_lang, tgt_lang, src, tgt);
        let mut learned = None;
        let beads = align::align_learning(src, tgt, &params, |first| {
            let lex = Arc::new(Lexicon::learn(
                src_lang,
                tgt_lang,
                &confident_links(src, tgt, first, LEARN_MIN_SCORE),
            ));
            learned = Some(Arc::clone(&lex));
            (!lex.is_empty()).then_some(lex)
        });
        let lex = learned.expect("the first pass always learns");
        (beads, Arc::unwrap_or_clone(lex))
    }

    /// One pass of [`Aligner::align_lines`] filled near `path`, the beads
    /// of an earlier pass over the same lines ([`align::align_near`]).
    pub fn align_lines_near(
        &self,
        src_lang: Lang,
        tgt_lang: Lang,
        src: &[&str],
        tgt: &[&str],
        path: &[Bead],
    ) -> Vec<Bead> {
        align::align_near(src, tgt, &self.params(src_lang, tgt_lang, src, tgt), path)
    }

    /// One pass of [`Aligner::align_lines`] (whatever the setting), keeping
    /// the features for a second ([`Aligner::align_lines_again`]).
    pub fn align_lines_once(
        &self,
        src_lang: Lang,
        tgt_lang: Lang,
        src: &[&str],
        tgt: &[&str],
    ) -> (Vec<Bead>, align::Pass) {
        align::align_once(src, tgt, &self.params(src_lang, tgt_lang, src, tgt))
    }

    /// The second pass over lines aligned by [`Aligner::align_lines_once`]
    /// into `path`, with the tables of `learned` that fit the pair added:
    /// the first pass's features and parameters are reused
    /// ([`align::Pass::again`]).
    #[allow(clippy::too_many_arguments)]
    pub fn align_lines_again(
        &self,
        pass: align::Pass,
        src_lang: Lang,
        tgt_lang: Lang,
        src: &[&str],
        tgt: &[&str],
        learned: &[Arc<Lexicon>],
        path: &[Bead],
    ) -> Vec<Bead> {
        let learned: Vec<Arc<Lexicon>> = learned
            .iter()
            .filter(|l| l.fits(src_lang, tgt_lang) && !l.is_empty())
            .cloned()
            .collect();
        pass.again(src, tgt, &learned, path)
    }

    /// The first pass of [`Aligner::align_lines`]: aligns once and learns a
    /// lexicon from the confident 1-1 beads.
    pub fn learn_from_lines(
        &self,
        src_lang: Lang,
        tgt_lang: Lang,
        src: &[&str],
        tgt: &[&str],
    ) -> Lexicon {
        let first = self.single_pass().align_lines(src_lang, tgt_lang, src, tgt);
        Lexicon::learn(
            src_lang,
            tgt_lang,
            &confident_links(src, tgt, &first, LEARN_MIN_SCORE),
        )
    }

    /// The first pass of [`Aligner::align_all`]: aligns once and learns a
    /// lexicon per language pair (see [`learn_lexicons`]).
    pub fn learn_from_documents(&self, hub: &Document, others: &[Document]) -> Vec<Lexicon> {
        learn_lexicons(&self.single_pass().align_all(hub, others), LEARN_MIN_SCORE)
    }

    /// Aligns the hub document with one other language version (twice when
    /// the aligner learns, see [`AlignerBuilder::learn_lexicon`]).
    pub fn align_pair(&self, hub: &Document, other: &Document) -> PairAlignment {
        if self.learn {
            return self
                .align_all(hub, std::slice::from_ref(other))
                .pop()
                .expect("one alignment per version");
        }
        self.align_pair_once(hub, other)
    }

    fn align_pair_once(&self, hub: &Document, other: &Document) -> PairAlignment {
        let src_units = anchor::units(hub);
        let tgt_units = anchor::units(other);
        let regions = anchor::anchor(&src_units, &tgt_units);
        let src_seg = segment_units(&src_units, hub.lang, hub.text.original());
        let tgt_seg = segment_units(&tgt_units, other.lang, other.text.original());

        // The length ratio is a property of the language pair and of the
        // document's translator, so it is estimated once over the whole document.
        let src_texts: Vec<&str> = src_seg.sentences.iter().map(String::as_str).collect();
        let tgt_texts: Vec<&str> = tgt_seg.sentences.iter().map(String::as_str).collect();
        let mut params = self.params(hub.lang, other.lang, &src_texts, &tgt_texts);
        // Between anchors, a region of a UN document is short and its
        // translators rarely split a sentence in four: the long shapes
        // would mostly swallow a dropped sentence.
        params.priors = align::ShapePriors::short_only();

        let aligned: Vec<RegionAlignment> = regions
            .into_par_iter()
            .map(|region| {
                let s = sentence_span(&src_seg, &region.src);
                let t = sentence_span(&tgt_seg, &region.tgt);
                // An article anchored on both sides: its numbered paragraphs
                // anchor too, and the sentences align between them.
                let inner = if region.kind == anchor::RegionKind::Anchored
                    && region.src.len() == 1
                    && region.tgt.len() == 1
                    && src_seg.article[region.src.start]
                    && tgt_seg.article[region.tgt.start]
                {
                    anchor::inner_anchors(&src_seg.inner[s.clone()], &tgt_seg.inner[t.clone()])
                } else {
                    Vec::new()
                };
                let cuts = std::iter::once((0, 0))
                    .chain(inner)
                    .chain(std::iter::once((s.len(), t.len())));
                let mut beads = Vec::new();
                let mut from = (0, 0);
                for (i, j) in cuts.skip(1) {
                    let (ps, pt) = (s.start + from.0..s.start + i, t.start + from.1..t.start + j);
                    from = (i, j);
                    if ps.is_empty() && pt.is_empty() {
                        continue;
                    }
                    beads.extend(
                        align::align(&src_texts[ps.clone()], &tgt_texts[pt.clone()], &params)
                            .into_iter()
                            .map(|b| Bead {
                                src: b.src.start + ps.start..b.src.end + ps.start,
                                tgt: b.tgt.start + pt.start..b.tgt.end + pt.start,
                                score: b.score,
                            }),
                    );
                }
                RegionAlignment {
                    region,
                    src: s,
                    tgt: t,
                    beads,
                }
            })
            .collect();

        let sentences = |seg: Segmented, pick: fn(&RegionAlignment) -> &Range<usize>| {
            let mut region_of = vec![0; seg.sentences.len()];
            for (k, r) in aligned.iter().enumerate() {
                for x in pick(r).clone() {
                    region_of[x] = k;
                }
            }
            let mut unit_of = vec![0; seg.sentences.len()];
            for (u, r) in seg.unit_sents.iter().enumerate() {
                for x in r.clone() {
                    unit_of[x] = u;
                }
            }
            let sents = seg
                .originals
                .into_iter()
                .zip(seg.spans)
                .enumerate()
                .map(|(i, (text, span))| Sentence {
                    text,
                    unit: unit_of[i],
                    region: region_of[i],
                    span,
                })
                .collect::<Vec<_>>();
            (sents, seg.unit_sents)
        };
        let (src, src_units) = sentences(src_seg, |r| &r.src);
        let (tgt, tgt_units) = sentences(tgt_seg, |r| &r.tgt);
        PairAlignment {
            doc: doc_id(hub),
            src_lang: hub.lang,
            tgt_lang: other.lang,
            src,
            tgt,
            src_units,
            tgt_units,
            regions: aligned,
        }
    }

    /// Aligns the hub with each other version (in parallel); results in the
    /// order of `others`.
    pub fn align_all(&self, hub: &Document, others: &[Document]) -> Vec<PairAlignment> {
        if !self.learn {
            return others
                .par_iter()
                .map(|o| self.align_pair_once(hub, o))
                .collect();
        }
        self.with_learned(self.learn_from_documents(hub, others))
            .align_all(hub, others)
    }
}

/// A file of sentences, one per line, read through the one reader
/// ([`load::read_plain`]: byte-order marks, UTF-16, binary refused), with its
/// language as given or detected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineFile {
    /// The path as given, for messages.
    pub name: String,
    /// The language.
    pub lang: Lang,
    /// The decoded text.
    pub text: String,
}

impl LineFile {
    /// Reads `path`; the language is `lang` when given, else detected from
    /// the text (an error naming the file when it cannot be told).
    pub fn read(path: &Path, lang: Option<Lang>) -> Result<LineFile> {
        let text = load::read_plain(path)?;
        let lang = match lang.or_else(|| lang::detect(&text)) {
            Some(l) => l,
            None => return Err(Error::new(ErrorKind::UnknownLanguage).with_path(path)),
        };
        Ok(LineFile {
            name: path.to_string_lossy().into_owned(),
            lang,
            text,
        })
    }

    /// The sentences: the lines, without their line ends (`\n`, `\r\n`
    /// or a lone `\r`, see [`load::lines`]).
    pub fn lines(&self) -> Vec<&str> {
        load::lines(&self.text).collect()
    }
}

/// Separates the Chinese hub from the other versions, refusing two versions
/// in one language (naming both) and a set without a Chinese version.
pub fn split_hub(docs: Vec<Document>) -> Result<(Document, Vec<Document>)> {
    for (i, d) in docs.iter().enumerate() {
        if let Some(e) = docs[..i].iter().find(|e| e.lang == d.lang) {
            return Err(Error::usage(format!(
                "{} and {} are both {} (give the language with --lang xx=FILE if one was detected wrongly)",
                e.name, d.name, d.lang
            )));
        }
    }
    let Some(h) = docs.iter().position(|d| d.lang == Lang::Zh) else {
        return Err(Error::usage(
            "no Chinese version among the inputs: Chinese is the hub every version is aligned to (give it with --lang zh=FILE if it was detected wrongly)",
        ));
    };
    let mut others = docs;
    let hub = others.remove(h);
    Ok((hub, others))
}

/// Learns a bilingual lexicon from first-pass alignments: the 1-1 beads
/// scoring at least `min_score` are taken as translations, and hub keys and
/// target words that co-occur in them often enough are paired (see
/// [`Lexicon::learn`]). Pass the result to [`AlignerBuilder::lexicon`] for a
/// second pass. `None` when `pairs` is empty or mixes language pairs.
pub fn learn_lexicon(pairs: &[PairAlignment], min_score: f32) -> Option<Lexicon> {
    let refs: Vec<&PairAlignment> = pairs.iter().collect();
    learn_from(&refs, min_score)
}

fn learn_from(pairs: &[&PairAlignment], min_score: f32) -> Option<Lexicon> {
    let first = pairs.first()?;
    if pairs
        .iter()
        .any(|p| p.src_lang != first.src_lang || p.tgt_lang != first.tgt_lang)
    {
        return None;
    }
    // Paragraphs fixed by their numbering correspond before any sentence is
    // aligned; inside them, and elsewhere, confident 1-1 beads.
    let mut joined: Vec<(String, String)> = Vec::new();
    let mut single: Vec<(String, String)> = Vec::new();
    for p in pairs {
        for r in &p.regions {
            let (ns, nt) = (r.src.len(), r.tgt.len());
            if r.region.kind == anchor::RegionKind::Anchored
                && (ns > 1 || nt > 1)
                && (1..=4).contains(&ns)
                && (1..=4).contains(&nt)
            {
                let text = |s: &[Sentence]| -> String {
                    s.iter()
                        .map(|x| scored_text(&x.text))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                joined.push((text(&p.src[r.src.clone()]), text(&p.tgt[r.tgt.clone()])));
            }
        }
        for b in p.beads() {
            if b.src.len() == 1 && b.tgt.len() == 1 && b.score >= min_score {
                single.push((
                    scored_text(&p.src[b.src.start].text).into_owned(),
                    scored_text(&p.tgt[b.tgt.start].text).into_owned(),
                ));
            }
        }
    }
    let links: Vec<(&str, &str)> = single
        .iter()
        .chain(&joined)
        .map(|(s, t)| (s.as_str(), t.as_str()))
        .collect();
    Some(Lexicon::learn(first.src_lang, first.tgt_lang, &links))
}

/// A sentence's output text as the scorer saw it: less the characters the
/// view drops in place (soft hyphens, word joiners, tatweel), which output
/// keeps.
pub(crate) fn scored_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(crate::normalize::is_invisible) {
        text.chars()
            .filter(|&c| !crate::normalize::is_invisible(c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// [`learn_lexicon`] for each language pair among `pairs`, in the order of
/// the target languages: the lexicons for a second pass over a corpus in
/// several languages (give each to [`AlignerBuilder::add_lexicon`]).
pub fn learn_lexicons(pairs: &[PairAlignment], min_score: f32) -> Vec<Lexicon> {
    let mut langs: Vec<(Lang, Lang)> = pairs.iter().map(|p| (p.src_lang, p.tgt_lang)).collect();
    langs.sort();
    langs.dedup();
    langs
        .into_iter()
        .filter_map(|(s, t)| {
            let these: Vec<&PairAlignment> = pairs
                .iter()
                .filter(|p| p.src_lang == s && p.tgt_lang == t)
                .collect();
            learn_from(&these, min_score)
        })
        .collect()
}

/// The sentence pairs of the confident 1-1 beads of an alignment of `src`
/// with `tgt`: what a learned lexicon is learned from.
pub fn confident_links<'a>(
    src: &[&'a str],
    tgt: &[&'a str],
    beads: &[Bead],
    min_score: f32,
) -> Vec<(&'a str, &'a str)> {
    beads
        .iter()
        .filter(|b| b.src.len() == 1 && b.tgt.len() == 1 && b.score >= min_score)
        .map(|b| (src[b.src.start], tgt[b.tgt.start]))
        .collect()
}

/// The id a document is known by in the output: its symbol; else its file
/// name without extension and language code (`A-RES-74-28.zh.md` →
/// `A-RES-74-28`), or the folder's name when the file is named by its
/// language alone (`udhr/zh.txt` → `udhr`).
pub fn doc_id(doc: &Document) -> String {
    if let Some(s) = &doc.symbol {
        return s.clone();
    }
    let path = std::path::Path::new(&doc.name);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let is_code = |s: &str| Lang::from_code(&s.to_ascii_lowercase()).is_some();
    let trimmed = stem
        .rsplit_once(['.', '_', '-'])
        .filter(|(_, code)| is_code(code))
        .map_or(stem.as_str(), |(rest, _)| rest);
    if !trimmed.is_empty() && !is_code(trimmed) {
        return trimmed.to_string();
    }
    path.parent()
        .and_then(|p| p.file_name())
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| doc.name.clone())
}

/// One row of a six-way alignment: a group of hub sentences and, for each
/// other language, the sentences that correspond to it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MultiRow {
    /// The region label of the row's first hub sentence.
    pub region: String,
    /// Hub sentence indices.
    pub hub: Range<usize>,
    /// Per other language (in the order of the pair alignments): sentence
    /// indices and the lowest bead score in the row (`None` when no bead links
    /// both sides).
    pub cells: Vec<(Range<usize>, Option<f32>)>,
}

/// Combines pair alignments that share one hub into rows: the finest grouping
/// of hub sentences that every pair alignment respects.
///
/// All `pairs` must come from the same hub document (same sentences).
pub fn multiway(pairs: &[PairAlignment]) -> Vec<MultiRow> {
    let Some(first) = pairs.first() else {
        return Vec::new();
    };
    let n = first.src.len();
    // A cut at hub position p is allowed by a pair when one of its beads ends
    // there; a row boundary needs every pair to allow it.
    let mut allowed = vec![pairs.len(); n + 1];
    for p in pairs {
        let mut seen = vec![false; n + 1];
        for b in p.beads() {
            if !b.src.is_empty() {
                seen[b.src.start] = true;
                seen[b.src.end] = true;
            }
        }
        for (a, s) in allowed.iter_mut().zip(&seen) {
            if !*s {
                *a -= 1;
            }
        }
    }
    let mut cuts: Vec<usize> = (1..n).filter(|&p| allowed[p] == pairs.len()).collect();
    cuts.insert(0, 0);
    cuts.push(n);
    cuts.dedup();
    let hubs: Vec<Range<usize>> = if n == 0 {
        std::iter::once(0..0).collect()
    } else {
        cuts.windows(2).map(|w| w[0]..w[1]).collect()
    };
    // Row index of every hub position; position n belongs to the last row.
    let mut row_at = vec![hubs.len() - 1; n + 1];
    for (k, h) in hubs.iter().enumerate() {
        for x in h.clone() {
            row_at[x] = k;
        }
    }

    let mut rows: Vec<MultiRow> = hubs
        .iter()
        .map(|h| MultiRow {
            region: first
                .src
                .get(h.start)
                .map(|s| first.regions[s.region].region.label.clone())
                .unwrap_or_default(),
            hub: h.clone(),
            cells: Vec::with_capacity(pairs.len()),
        })
        .collect();
    for p in pairs {
        let mut cells: Vec<(Option<Range<usize>>, Option<f32>)> = vec![(None, None); rows.len()];
        for b in p.beads() {
            // Added text (0-1) goes with the row it follows, or the first row at the start.
            let k = if b.src.is_empty() {
                row_at[b.src.start.saturating_sub(1)]
            } else {
                row_at[b.src.start]
            };
            let cell = &mut cells[k];
            if !b.tgt.is_empty() {
                cell.0 = Some(match cell.0.take() {
                    None => b.tgt.clone(),
                    Some(r) => r.start.min(b.tgt.start)..r.end.max(b.tgt.end),
                });
            }
            if !b.src.is_empty() && !b.tgt.is_empty() {
                cell.1 = Some(cell.1.map_or(b.score, |s: f32| s.min(b.score)));
            }
        }
        // A row with no target text still has a place in the target sequence.
        let mut next = 0;
        for (row, (range, score)) in rows.iter_mut().zip(cells) {
            let range = range.unwrap_or(next..next);
            next = range.end;
            row.cells.push((range, score));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Document {
        Document {
            name: name.to_string(),
            lang: Lang::Zh,
            symbol: None,
            blocks: Vec::new(),
            footnotes: Vec::new(),
            findings: Vec::new(),
            text: std::sync::Arc::new(
                crate::load::Text::from_string(name, "-".to_string()).unwrap(),
            ),
        }
    }

    #[test]
    fn doc_ids_drop_extension_and_language() {
        let id = |name: &str| doc_id(&named(name));
        assert_eq!(id("data/udhr/zh.txt"), "udhr");
        assert_eq!(id("in/A-RES-74-28.zh.md"), "A-RES-74-28");
        assert_eq!(id("A_RES_74_28_C.txt"), "A_RES_74_28_C");
        assert_eq!(id("report.txt"), "report");
        let mut d = named("x/zh.txt");
        d.symbol = Some("A/RES/74/28".to_string());
        assert_eq!(doc_id(&d), "A/RES/74/28");
    }
}

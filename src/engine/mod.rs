//! The [`Aligner`]: runs anchor → segment → score+align over parsed
//! documents, with rayon over regions and over language versions.
//!
//! Results do not depend on the number of threads: every parallel step
//! collects into a vector in input order, and nothing is reduced in an order
//! that depends on scheduling.
//!
//! The rooms: [`Aligner`] and its builder here; the result types
//! ([`PairAlignment`], [`Sentence`], [`Stats`]) in `alignment`; a pair of
//! documents (segmenting, regions, the document id) in `pair`; the versions
//! of a document parsed and the hub split out in `versions`; line files in
//! `lines`; learning a lexicon from a first pass in `learn`; six-way rows in
//! `multiway`.

mod alignment;
mod learn;
mod lines;
mod multiway;
mod pair;
mod versions;

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::align::{self, Bead, Params};
use crate::document::Document;
use crate::error::Result;
use crate::lang::Lang;
use crate::lexicon::Lexicon;

pub use alignment::{PairAlignment, RegionAlignment, Sentence, Stats};
pub(crate) use learn::scored_text;
pub use learn::{LEARN_MIN_SCORE, confident_links, learn_lexicon, learn_lexicons};
pub use lines::LineFile;
pub use multiway::{MultiRow, multiway};
pub(crate) use pair::doc_id;
pub use versions::{LangHints, parse_versions, split_hub, split_hub_with};

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

    /// Every table of the lexicon file `path` ([`Lexicon::read`]: a file
    /// `--save-lexicon` wrote, or `headword<TAB>English gloss` lines), each
    /// added as [`AlignerBuilder::add_lexicon`] adds one.
    pub fn add_lexicon_file(&mut self, path: &Path) -> Result<&mut AlignerBuilder> {
        for lex in Lexicon::read(path)? {
            self.add_lexicon(Arc::new(lex));
        }
        Ok(self)
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
        self.with_tables(learned.into_iter().filter(|l| !l.is_empty()))
    }

    /// The same aligner, single pass, with every one of `tables` added to
    /// its own, even one without entries (a table for a pair, empty or
    /// not, turns the pair's lexicon scorer on). A corpus run's second
    /// aligner is this, with the lexicons its first pass learned
    /// (`corpus::learn_lexicons`); [`Aligner::with_learned_tables`] leaves
    /// the empty ones out.
    pub fn with_tables(&self, tables: impl IntoIterator<Item = Arc<Lexicon>>) -> Aligner {
        let mut b = AlignerBuilder {
            lexicons: self.tables.clone(),
            builtin: self.builtin,
            learn: false,
            fixed_priors: self.fixed_priors,
        };
        for t in tables {
            b.add_lexicon(t);
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

    /// [`Aligner::align_lines`], with the lexicon its first pass learned
    /// (`None` when the aligner does not learn), for a caller that keeps
    /// it (`--save-lexicon`), as [`Aligner::align_all_learned`] does for
    /// documents.
    pub fn align_lines_learned(
        &self,
        src_lang: Lang,
        tgt_lang: Lang,
        src: &[&str],
        tgt: &[&str],
    ) -> (Vec<Bead>, Option<Lexicon>) {
        if !self.learn {
            return (self.align_lines(src_lang, tgt_lang, src, tgt), None);
        }
        let (beads, learned) = self.align_lines_learning(src_lang, tgt_lang, src, tgt);
        (beads, Some(learned))
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

    /// Aligns the hub with each other version (in parallel); results in the
    /// order of `others`.
    pub fn align_all(&self, hub: &Document, others: &[Document]) -> Vec<PairAlignment> {
        self.align_all_learned(hub, others).0
    }

    /// [`Aligner::align_all`], with the lexicons its first pass learned
    /// (one per language pair; none when the aligner does not learn), for a
    /// caller that keeps them (`--save-lexicon`).
    pub fn align_all_learned(
        &self,
        hub: &Document,
        others: &[Document],
    ) -> (Vec<PairAlignment>, Vec<Arc<Lexicon>>) {
        if !self.learn {
            let pairs = others
                .par_iter()
                .map(|o| self.align_pair_once(hub, o))
                .collect();
            return (pairs, Vec::new());
        }
        let learned: Vec<Arc<Lexicon>> = self
            .learn_from_documents(hub, others)
            .into_iter()
            .map(Arc::new)
            .collect();
        let pairs = self
            .with_learned_tables(learned.iter().cloned())
            .align_all(hub, others);
        (pairs, learned)
    }
}

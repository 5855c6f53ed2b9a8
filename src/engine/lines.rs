//! Line files (one sentence per line, no structure) and the passes of
//! [`Aligner::align_lines`] that the batch runs one at a time.

use std::path::Path;
use std::sync::Arc;

use super::Aligner;
use super::learn::{LEARN_MIN_SCORE, confident_links};
use crate::align::{self, Bead};
use crate::error::{Error, ErrorKind, Result};
use crate::lang::{self, Lang};
use crate::lexicon::Lexicon;
use crate::load;

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

impl Aligner {
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
}

//! Moses: line-parallel plain text, one file per language.
//!
//! Every record writes exactly one line to every file, so line `n` of each
//! file belongs to the same record; a side with no sentences (a 1-0 or 0-1
//! bead) is an empty line. Tabs, newlines and the other line-break characters
//! inside a segment (CR, VT, FF, U+001C–U+001E, NEL, U+2028, U+2029: the ones
//! Python's `splitlines` breaks on) become one space each, so no tool can
//! split a segment over two lines.

use std::io::{self, Write};

use super::{Pair, PairWriter, Row, join_segment, write_flat};
use crate::lang::Lang;

/// Writes pairs (and, with [`MosesWriter::per_lang`], six-way rows) as
/// line-parallel files.
#[derive(Debug)]
pub struct MosesWriter<W> {
    outs: Outs<W>,
}

#[derive(Debug)]
enum Outs<W> {
    /// Source side, target side, whatever their languages.
    Pair(W, W),
    /// One writer per language.
    PerLang(Vec<(Lang, W)>),
}

fn line<W: Write>(w: &mut W, lang: Lang, sentences: &[&str]) -> io::Result<()> {
    write_flat(w, &join_segment(lang, sentences))?;
    w.write_all(b"\n")
}

impl<W: Write> MosesWriter<W> {
    /// A bilingual writer: the hub side of each pair goes to `src`, the
    /// other side to `tgt`. Six-way rows need [`MosesWriter::per_lang`].
    pub fn new(src: W, tgt: W) -> MosesWriter<W> {
        MosesWriter {
            outs: Outs::Pair(src, tgt),
        }
    }

    /// One writer per language. Each record writes one line to each writer:
    /// the text in that language, or an empty line if the record has none.
    pub fn per_lang(outs: Vec<(Lang, W)>) -> MosesWriter<W> {
        MosesWriter {
            outs: Outs::PerLang(outs),
        }
    }

    /// Gives the underlying writers back, with their languages when known.
    pub fn into_inner(self) -> Vec<(Option<Lang>, W)> {
        match self.outs {
            Outs::Pair(s, t) => vec![(None, s), (None, t)],
            Outs::PerLang(v) => v.into_iter().map(|(l, w)| (Some(l), w)).collect(),
        }
    }
}

impl<W: Write> PairWriter for MosesWriter<W> {
    fn write_pair(&mut self, p: &Pair) -> io::Result<()> {
        match &mut self.outs {
            Outs::Pair(s, t) => {
                line(s, p.src_lang, p.src)?;
                line(t, p.tgt_lang, p.tgt)
            }
            Outs::PerLang(outs) => {
                for (lang, w) in outs.iter_mut() {
                    let sentences: &[&str] = if *lang == p.src_lang {
                        p.src
                    } else if *lang == p.tgt_lang {
                        p.tgt
                    } else {
                        &[]
                    };
                    line(w, *lang, sentences)?;
                }
                Ok(())
            }
        }
    }

    fn write_row(&mut self, r: &Row) -> io::Result<()> {
        match &mut self.outs {
            Outs::Pair(..) => Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "a two-file Moses writer cannot hold a six-way row; use one file per language",
            )),
            Outs::PerLang(outs) => {
                for (lang, w) in outs.iter_mut() {
                    let sentences = r
                        .cells
                        .iter()
                        .find(|c| c.lang == *lang)
                        .map_or(&[][..], |c| c.sentences);
                    line(w, *lang, sentences)?;
                }
                Ok(())
            }
        }
    }

    fn finish(&mut self) -> io::Result<()> {
        match &mut self.outs {
            Outs::Pair(s, t) => {
                s.flush()?;
                t.flush()
            }
            Outs::PerLang(outs) => outs.iter_mut().try_for_each(|(_, w)| w.flush()),
        }
    }
}

//! Tab-separated values.
//!
//! A pair is `doc  region  <hub text>  <other text>  score`; a six-way row is
//! `doc  region  <text per language…>  <score per non-hub language…>`. A
//! header line naming the columns (`doc region zh en score`, or
//! `… score_en score_fr …` for rows) precedes the first record unless turned
//! off with [`TsvWriter::no_header`].
//!
//! TSV has no quoting, so tabs, newlines and the other line-break characters
//! inside any field are replaced by one space each. Scores are printed with 4
//! decimals; a missing score is an empty field.

use std::io::{self, Write};

use super::{Pair, PairWriter, Row, join_segment, round4, write_flat};

/// Writes pairs and rows as TSV.
#[derive(Debug)]
pub struct TsvWriter<W> {
    wtr: W,
    header: bool,
    started: bool,
}

impl<W: Write> TsvWriter<W> {
    /// A writer that puts a header line before the first record.
    pub fn new(wtr: W) -> TsvWriter<W> {
        TsvWriter {
            wtr,
            header: true,
            started: false,
        }
    }

    /// Leaves the header line out (for appending to an existing file).
    pub fn no_header(mut self) -> TsvWriter<W> {
        self.header = false;
        self
    }

    /// Gives the underlying writer back.
    pub fn into_inner(self) -> W {
        self.wtr
    }

    fn score(&mut self, score: Option<f32>) -> io::Result<()> {
        match score {
            Some(s) => write!(self.wtr, "{:.4}", round4(s)),
            None => Ok(()),
        }
    }
}

impl<W: Write> PairWriter for TsvWriter<W> {
    fn write_pair(&mut self, p: &Pair) -> io::Result<()> {
        if self.header && !self.started {
            writeln!(
                self.wtr,
                "doc\tregion\t{}\t{}\tscore",
                p.src_lang, p.tgt_lang
            )?;
        }
        self.started = true;
        write_flat(&mut self.wtr, p.doc)?;
        self.wtr.write_all(b"\t")?;
        write_flat(&mut self.wtr, p.region)?;
        self.wtr.write_all(b"\t")?;
        write_flat(&mut self.wtr, &join_segment(p.src_lang, p.src))?;
        self.wtr.write_all(b"\t")?;
        write_flat(&mut self.wtr, &join_segment(p.tgt_lang, p.tgt))?;
        self.wtr.write_all(b"\t")?;
        self.score(Some(p.score))?;
        self.wtr.write_all(b"\n")
    }

    fn write_row(&mut self, r: &Row) -> io::Result<()> {
        if self.header && !self.started {
            self.wtr.write_all(b"doc\tregion")?;
            for c in r.cells {
                write!(self.wtr, "\t{}", c.lang)?;
            }
            for c in r.cells.iter().skip(1) {
                write!(self.wtr, "\tscore_{}", c.lang)?;
            }
            self.wtr.write_all(b"\n")?;
        }
        self.started = true;
        write_flat(&mut self.wtr, r.doc)?;
        self.wtr.write_all(b"\t")?;
        write_flat(&mut self.wtr, r.region)?;
        for c in r.cells {
            self.wtr.write_all(b"\t")?;
            write_flat(&mut self.wtr, &join_segment(c.lang, c.sentences))?;
        }
        for c in r.cells.iter().skip(1) {
            self.wtr.write_all(b"\t")?;
            self.score(c.score)?;
        }
        self.wtr.write_all(b"\n")
    }

    fn finish(&mut self) -> io::Result<()> {
        self.wtr.flush()
    }
}

//! JSON Lines: one object per line.
//!
//! A pair:
//! `{"doc":…,"region":…,"src_lang":"zh","tgt_lang":"en","src":"…","tgt":"…","src_sents":[s,e],"tgt_sents":[s,e],"score":0.93}`
//!
//! A six-way row (languages in cell order, hub first):
//! `{"doc":…,"region":…,"zh":"…","en":"…",…,"ranges":{"zh":[s,e],…},"scores":{"en":0.9,…}}`
//!
//! Sentence ranges are half-open `[start, end)` sentence indices. Text is the
//! original, exactly (several sentences joined by [`join_segment`]'s rule).
//! Scores are rounded to 4 decimals; a non-finite score is `null`.
//!
//! [`join_segment`]: super::join_segment

use std::fmt;
use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{Cell, Pair, PairWriter, Row, round4};
use crate::lang::Lang;

/// Writes pairs and rows as JSON Lines.
#[derive(Debug)]
pub struct JsonlWriter<W> {
    wtr: W,
}

impl<W: Write> JsonlWriter<W> {
    /// A writer over `wtr`.
    pub fn new(wtr: W) -> JsonlWriter<W> {
        JsonlWriter { wtr }
    }

    /// Gives the underlying writer back.
    pub fn into_inner(self) -> W {
        self.wtr
    }

    fn line<T: Serialize>(&mut self, value: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.wtr, value).map_err(io::Error::from)?;
        self.wtr.write_all(b"\n")
    }
}

/// The sentences of one side, joined only while being serialized: serde_json
/// escapes `collect_str` output as it streams, so no segment string is built.
struct Joined<'a> {
    lang: Lang,
    sentences: &'a [&'a str],
}

impl fmt::Display for Joined<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sep = if self.lang == Lang::Zh { "" } else { " " };
        for (i, s) in self.sentences.iter().enumerate() {
            if i > 0 {
                f.write_str(sep)?;
            }
            f.write_str(s)?;
        }
        Ok(())
    }
}

impl Serialize for Joined<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn span(r: &Range<usize>) -> [usize; 2] {
    [r.start, r.end]
}

#[derive(Serialize)]
struct PairRecord<'a> {
    doc: &'a str,
    region: &'a str,
    src_lang: Lang,
    tgt_lang: Lang,
    src: Joined<'a>,
    tgt: Joined<'a>,
    src_sents: [usize; 2],
    tgt_sents: [usize; 2],
    score: f64,
}

struct RowRecord<'a, 'b>(&'b Row<'a>);
struct Ranges<'a, 'b>(&'b [Cell<'a>]);
struct Scores<'a, 'b>(&'b [Cell<'a>]);

impl Serialize for RowRecord<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = s.serialize_map(Some(r.cells.len() + 4))?;
        m.serialize_entry("doc", r.doc)?;
        m.serialize_entry("region", r.region)?;
        for c in r.cells {
            m.serialize_entry(
                c.lang.code(),
                &Joined {
                    lang: c.lang,
                    sentences: c.sentences,
                },
            )?;
        }
        m.serialize_entry("ranges", &Ranges(r.cells))?;
        m.serialize_entry("scores", &Scores(r.cells))?;
        m.end()
    }
}

impl Serialize for Ranges<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for c in self.0 {
            m.serialize_entry(c.lang.code(), &span(&c.range))?;
        }
        m.end()
    }
}

impl Serialize for Scores<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for c in self.0 {
            if let Some(score) = c.score {
                m.serialize_entry(c.lang.code(), &round4(score))?;
            }
        }
        m.end()
    }
}

impl<W: Write> PairWriter for JsonlWriter<W> {
    fn write_pair(&mut self, p: &Pair) -> io::Result<()> {
        self.line(&PairRecord {
            doc: p.doc,
            region: p.region,
            src_lang: p.src_lang,
            tgt_lang: p.tgt_lang,
            src: Joined {
                lang: p.src_lang,
                sentences: p.src,
            },
            tgt: Joined {
                lang: p.tgt_lang,
                sentences: p.tgt,
            },
            src_sents: span(&p.src_range),
            tgt_sents: span(&p.tgt_range),
            score: round4(p.score),
        })
    }

    fn write_row(&mut self, r: &Row) -> io::Result<()> {
        self.line(&RowRecord(r))
    }

    fn finish(&mut self) -> io::Result<()> {
        self.wtr.flush()
    }
}

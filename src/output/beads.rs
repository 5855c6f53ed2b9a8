//! Bead files: one link per line, `[0]:[0, 1]:0.93`.
//!
//! This is the format Vecalign and Bertalign read and gold sets use: the
//! source sentence indices, the target sentence indices, and an optional
//! score (readers of gold files ignore a third field). `[]:[3]` is a 0-1
//! bead, `[4, 5]:[]` a 1-0 bead. Indices are 0-based and, since a
//! [`Bead`] holds ranges, must be consecutive and ascending within a list.
//!
//! The writer prints the score in Rust's shortest form that reads back to
//! the same `f32`, so `parse_beads(write_beads(x)) == x`.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;

use super::{Pair, PairWriter, Row};
use crate::align::Bead;
use crate::error::{Error, Result};

/// Writes pairs as bead lines (source and target sentence indices and the score).
#[derive(Debug)]
pub struct BeadsWriter<W> {
    wtr: W,
}

impl<W: Write> BeadsWriter<W> {
    /// A writer over `wtr`.
    pub fn new(wtr: W) -> BeadsWriter<W> {
        BeadsWriter { wtr }
    }

    /// Gives the underlying writer back.
    pub fn into_inner(self) -> W {
        self.wtr
    }
}

impl<W: Write> PairWriter for BeadsWriter<W> {
    fn write_pair(&mut self, p: &Pair) -> io::Result<()> {
        write_bead_line(&mut self.wtr, &p.src_range, &p.tgt_range, p.score)
    }

    fn write_row(&mut self, _: &Row) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "a bead file holds one language pair; use jsonl, tsv or tmx for six-way output",
        ))
    }

    fn finish(&mut self) -> io::Result<()> {
        self.wtr.flush()
    }
}

fn write_list<W: Write>(w: &mut W, r: &Range<usize>) -> io::Result<()> {
    // One small buffer per list instead of a write call per index.
    let mut s = String::with_capacity(2 + 8 * r.len());
    s.push('[');
    for (k, i) in r.clone().enumerate() {
        if k > 0 {
            s.push_str(", ");
        }
        let _ = write!(s, "{i}");
    }
    s.push(']');
    w.write_all(s.as_bytes())
}

fn write_bead_line<W: Write>(
    w: &mut W,
    src: &Range<usize>,
    tgt: &Range<usize>,
    score: f32,
) -> io::Result<()> {
    write_list(w, src)?;
    w.write_all(b":")?;
    write_list(w, tgt)?;
    writeln!(w, ":{score}")
}

/// Writes `beads`, one line each.
pub fn write_beads<W: Write>(mut w: W, beads: &[Bead]) -> io::Result<()> {
    for b in beads {
        write_bead_line(&mut w, &b.src, &b.tgt, b.score)?;
    }
    w.flush()
}

/// Reads a bead file.
///
/// Blank lines are skipped. A bead without a score gets `0.0`. An empty side
/// (`[]`) is placed where the previous bead's same side ended (0 at the
/// start), which is its true position in a monotone alignment. Errors carry
/// the 1-based line.
pub fn parse_beads(text: &str) -> Result<Vec<Bead>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut beads = Vec::new();
    let (mut src_end, mut tgt_end) = (0, 0);
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bead = parse_line(line, src_end, tgt_end).map_err(|msg| {
            Error::malformed(format!("bead line {:?}: {msg}", line.trim())).with_line(n + 1)
        })?;
        src_end = bead.src.end;
        tgt_end = bead.tgt.end;
        beads.push(bead);
    }
    Ok(beads)
}

fn parse_line(line: &str, src_end: usize, tgt_end: usize) -> Result<Bead, String> {
    let fields: Vec<&str> = line
        .split(':')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    let (src, tgt, score) = match fields[..] {
        [s, t] => (s, t, None),
        [s, t, sc] => (s, t, Some(sc)),
        _ => {
            return Err(
                "expected `[source indices]:[target indices]` with an optional `:score`".into(),
            );
        }
    };
    let score = match score {
        None => 0.0,
        Some(s) => s
            .parse::<f32>()
            .map_err(|_| format!("the score {s:?} is not a number"))?,
    };
    Ok(Bead {
        src: parse_list(src, src_end).map_err(|e| format!("source side: {e}"))?,
        tgt: parse_list(tgt, tgt_end).map_err(|e| format!("target side: {e}"))?,
        score,
    })
}

fn parse_list(field: &str, empty_at: usize) -> Result<Range<usize>, String> {
    let inner = field
        .strip_prefix('[')
        .and_then(|f| f.strip_suffix(']'))
        .ok_or_else(|| format!("{field:?} is not a bracketed list like [0, 1]"))?;
    if inner.trim().is_empty() {
        return Ok(empty_at..empty_at);
    }
    let mut range: Option<Range<usize>> = None;
    for item in inner.split(',') {
        let item = item.trim();
        let i: usize = item
            .parse()
            .map_err(|_| format!("{item:?} is not a sentence index"))?;
        let next = i
            .checked_add(1)
            .ok_or_else(|| format!("the index {i} is too large"))?;
        range = Some(match range {
            None => i..next,
            Some(r) if r.end == i => r.start..next,
            Some(_) => {
                return Err(format!(
                    "indices in {field} are not consecutive and ascending"
                ));
            }
        });
    }
    range.ok_or_else(|| "empty list".to_string())
}

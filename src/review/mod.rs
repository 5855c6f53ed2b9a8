//! Review and correct an alignment in the browser, and take the corrections
//! back.
//!
//! A [`Review`] is everything the review page needs and everything it gives
//! back: the hub's sentences, each other version's sentences, the beads of
//! each pair (with the aligner's scores, and which beads a reviewer confirmed
//! or changed), the region labels and the QA findings. It is one JSON
//! document (schema `sixalign-review/1`):
//!
//! - [`page::write_page`] embeds it in one self-contained HTML page (inline
//!   script and style, nothing fetched) where the alignment is edited;
//! - the page saves it back, edited, as a file ("Save work"), and
//!   [`Review::read`] reads that file;
//! - [`Review::alignments`] turns it into [`PairAlignment`]s, which the
//!   [output writers](crate::output) write exactly as `sixalign align` does:
//!   an unedited review gives `align`'s bytes, an edited one the corrected
//!   alignment (the page's own TMX, JSONL and TSV export gives the same bytes).
//!
//! A bead in the file is an array
//! `[src_start, src_end, tgt_start, tgt_end, score, score4, region, flags]`:
//! half-open sentence ranges, the score (`f32`), the score rounded to four
//! decimals as every text format prints it, an index into `regions`, and
//! flags (1 confirmed, 2 changed by the reviewer). A bead the reviewer made
//! has score 1 when it links text on both sides, 0 when one side is empty
//! (as the aligner scores 1-0 and 0-1 beads); a bead that is back to the
//! ranges of one of the aligner's gets the aligner's score back.
//!
//! ```
//! use sixalign::engine::Aligner;
//! use sixalign::load::Text;
//! use sixalign::parse::{parse, ParseOptions};
//! use sixalign::review::Review;
//! use sixalign::Lang;
//!
//! let doc = |name: &str, text: &str, lang| {
//!     let t = Text::from_bytes(name, text.as_bytes()).unwrap();
//!     parse(&t, &ParseOptions { lang: Some(lang), symbol: None }).unwrap()
//! };
//! let zh = doc("x.zh", "1. 大会欢迎报告。\n\n2. 决定继续审议。\n", Lang::Zh);
//! let en = doc("x.en", "1. The Assembly welcomes the report.\n\n2. Decides to continue.\n", Lang::En);
//! let pairs = Aligner::new().align_all(&zh, std::slice::from_ref(&en));
//! let review = Review::new(&zh, &[&en], &pairs, &[]);
//! assert_eq!(review.pairs[0].beads.len(), 2);
//! let back = review.alignments().unwrap();
//! assert_eq!(back[0].beads().count(), 2);
//! ```

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::align::Bead;
use crate::anchor::{Region, RegionKind};
use crate::document::Document;
use crate::engine::{PairAlignment, RegionAlignment, Sentence};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::output::{join_segment, round4};
use crate::qa::{PairFinding, Side};

pub mod page;

/// The schema name a review file carries.
pub const FORMAT: &str = "sixalign-review/1";

/// A bead flag: a reviewer confirmed the bead.
pub const CONFIRMED: u8 = 1;
/// A bead flag: a reviewer changed the bead (its ranges are not the aligner's).
pub const CHANGED: u8 = 2;

/// An alignment under review: the versions, the beads of every pair, the
/// findings. See the [module documentation](self).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// Always [`FORMAT`].
    pub format: String,
    /// The sixalign version that made it (the TMX header names it).
    pub version: String,
    /// The document id every output record carries.
    pub doc: String,
    /// The hub version.
    pub hub: Version,
    /// Region labels; beads refer to them by index.
    pub regions: Vec<String>,
    /// One per other version, in the order given.
    pub pairs: Vec<ReviewPair>,
}

/// One language version: its name and its sentences, original text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Version {
    /// Its language.
    pub lang: Lang,
    /// Its name (the path it was read from).
    pub name: String,
    /// Its sentences in document order.
    pub sentences: Vec<String>,
}

/// The hub with one other version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewPair {
    /// The other version.
    pub other: Version,
    /// The beads in order; together they cover every sentence of both sides once.
    pub beads: Vec<ReviewBead>,
    /// What QA found in this pair.
    #[serde(default)]
    pub findings: Vec<ReviewFinding>,
}

/// One bead under review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "BeadArray", into = "BeadArray")]
pub struct ReviewBead {
    /// Hub sentence indices.
    pub src: Range<usize>,
    /// Other-language sentence indices.
    pub tgt: Range<usize>,
    /// The score (0 to 1).
    pub score: f32,
    /// Index into [`Review::regions`].
    pub region: usize,
    /// [`CONFIRMED`] and [`CHANGED`] bits.
    pub flags: u8,
}

impl ReviewBead {
    /// A reviewer confirmed it.
    pub fn confirmed(&self) -> bool {
        self.flags & CONFIRMED != 0
    }

    /// A reviewer changed it.
    pub fn changed(&self) -> bool {
        self.flags & CHANGED != 0
    }
}

/// The file form of a bead (see the module documentation); the rounded
/// score is written for the page and ignored when read.
type BeadArray = (usize, usize, usize, usize, f32, f64, usize, u8);

impl From<BeadArray> for ReviewBead {
    fn from(a: BeadArray) -> ReviewBead {
        ReviewBead {
            src: a.0..a.1,
            tgt: a.2..a.3,
            score: a.4,
            region: a.6,
            flags: a.7,
        }
    }
}

impl From<ReviewBead> for BeadArray {
    fn from(b: ReviewBead) -> BeadArray {
        (
            b.src.start,
            b.src.end,
            b.tgt.start,
            b.tgt.end,
            b.score,
            round4(b.score),
            b.region,
            b.flags,
        )
    }
}

/// A QA finding, as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewFinding {
    /// The kind's name (`missing_block`, `number_mismatch`, …).
    pub kind: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// `src`, `tgt` or `both`.
    pub side: String,
    /// Hub sentences concerned.
    pub src: [usize; 2],
    /// Other-language sentences concerned.
    pub tgt: [usize; 2],
    /// The label of the block, or the region.
    pub label: String,
    /// A sentence for people.
    pub message: String,
}

impl ReviewFinding {
    fn of(f: &PairFinding) -> ReviewFinding {
        ReviewFinding {
            kind: f.kind.name().to_string(),
            severity: f.severity.name().to_string(),
            side: match f.side {
                Side::Src => "src",
                Side::Tgt => "tgt",
                Side::Both => "both",
            }
            .to_string(),
            src: [f.src.start, f.src.end],
            tgt: [f.tgt.start, f.tgt.end],
            label: f.label.clone().unwrap_or_else(|| f.region.clone()),
            message: f.message.clone(),
        }
    }
}

impl Review {
    /// The review of `pairs`, the alignments of `hub` with `others` (in the
    /// same order), with the QA findings of each pair (`findings[i]` for
    /// `pairs[i]`; fewer lists than pairs mean no findings for the rest).
    pub fn new(
        hub: &Document,
        others: &[&Document],
        pairs: &[PairAlignment],
        findings: &[Vec<PairFinding>],
    ) -> Review {
        let mut regions: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut intern = |label: &str| -> usize {
            if let Some(&i) = index.get(label) {
                return i;
            }
            regions.push(label.to_string());
            index.insert(label.to_string(), regions.len() - 1);
            regions.len() - 1
        };
        let hub_sentences = pairs
            .first()
            .map(|p| p.src.iter().map(|s| s.text.clone()).collect())
            .unwrap_or_default();
        let mut out = Vec::with_capacity(pairs.len());
        for (k, p) in pairs.iter().enumerate() {
            let mut beads = Vec::new();
            for r in &p.regions {
                let region = intern(&r.region.label);
                beads.extend(r.beads.iter().map(|b| ReviewBead {
                    src: b.src.clone(),
                    tgt: b.tgt.clone(),
                    score: b.score,
                    region,
                    flags: 0,
                }));
            }
            out.push(ReviewPair {
                other: Version {
                    lang: p.tgt_lang,
                    name: others.get(k).map_or_else(String::new, |d| d.name.clone()),
                    sentences: p.tgt.iter().map(|s| s.text.clone()).collect(),
                },
                beads,
                findings: findings
                    .get(k)
                    .map(|f| f.iter().map(ReviewFinding::of).collect())
                    .unwrap_or_default(),
            });
        }
        Review {
            format: FORMAT.to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            doc: pairs
                .first()
                .map_or_else(|| crate::engine::doc_id(hub), |p| p.doc.clone()),
            hub: Version {
                lang: hub.lang,
                name: hub.name.clone(),
                sentences: hub_sentences,
            },
            regions,
            pairs: out,
        }
    }

    /// Reads a review file (the page's "Save work"), checking that its beads
    /// cover every sentence of both sides once, in order. Errors name the file.
    pub fn read(path: &Path) -> Result<Review> {
        let bytes = crate::input::read_input(path)?;
        Review::from_json(&bytes).map_err(|e| e.with_path(path))
    }

    /// Reads a review from JSON and checks it (see [`Review::check`]).
    pub fn from_json(bytes: &[u8]) -> Result<Review> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let r: Review = serde_json::from_slice(bytes).map_err(|e| {
            Error::malformed(format!(
                "not a sixalign review file ({e}); save it from the review page with \"Save work\""
            ))
        })?;
        if r.format != FORMAT {
            return Err(Error::malformed(format!(
                "a review file of format {:?}; this sixalign reads {FORMAT:?}",
                r.format
            )));
        }
        r.check()?;
        Ok(r)
    }

    /// The review as JSON (the form the page embeds and saves).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a review serializes")
    }

    /// Checks the invariant every edit keeps: in each pair the beads cover
    /// the hub's sentences and the other version's, each exactly once and in
    /// order; no bead is empty on both sides; every region index exists.
    pub fn check(&self) -> Result<()> {
        let nsrc = self.hub.sentences.len();
        for p in &self.pairs {
            let name = format!("{}-{}", self.hub.lang, p.other.lang);
            let ntgt = p.other.sentences.len();
            let (mut s, mut t) = (0, 0);
            for (k, b) in p.beads.iter().enumerate() {
                let bad = |what: &str| {
                    Error::malformed(format!(
                        "{name} bead {k} ([{}, {}):[{}, {})): {what}",
                        b.src.start, b.src.end, b.tgt.start, b.tgt.end
                    ))
                };
                if b.src.start != s || b.tgt.start != t {
                    return Err(bad(&format!(
                        "does not start where the previous bead ends (hub sentence {s}, other sentence {t})"
                    )));
                }
                if b.src.end < b.src.start || b.tgt.end < b.tgt.start {
                    return Err(bad("a range ends before it starts"));
                }
                if b.src.is_empty() && b.tgt.is_empty() {
                    return Err(bad("empty on both sides"));
                }
                if b.region >= self.regions.len() {
                    return Err(bad("names a region that does not exist"));
                }
                s = b.src.end;
                t = b.tgt.end;
            }
            if s != nsrc || t != ntgt {
                return Err(Error::malformed(format!(
                    "{name}: the beads cover {s} of {nsrc} hub sentences and {t} of {ntgt} other sentences"
                )));
            }
        }
        Ok(())
    }

    /// The alignments the review holds, one per pair, ready for the
    /// [output writers](crate::output): consecutive beads of one region form
    /// one region. Only what the writers read is filled in (sentence text,
    /// region labels, beads); sentence spans and units are empty.
    pub fn alignments(&self) -> Result<Vec<PairAlignment>> {
        self.check()?;
        let sentences = |texts: &[String]| -> Vec<Sentence> {
            texts
                .iter()
                .map(|t| Sentence {
                    text: t.clone(),
                    unit: 0,
                    region: 0,
                    span: 0..0,
                })
                .collect()
        };
        let mut out = Vec::with_capacity(self.pairs.len());
        for p in &self.pairs {
            let mut src = sentences(&self.hub.sentences);
            let mut tgt = sentences(&p.other.sentences);
            let mut regions: Vec<(usize, RegionAlignment)> = Vec::new();
            for b in &p.beads {
                let bead = Bead {
                    src: b.src.clone(),
                    tgt: b.tgt.clone(),
                    score: b.score,
                };
                match regions.last_mut() {
                    Some((label, r)) if *label == b.region => {
                        r.src.end = b.src.end;
                        r.tgt.end = b.tgt.end;
                        r.beads.push(bead);
                    }
                    _ => regions.push((
                        b.region,
                        RegionAlignment {
                            region: Region {
                                label: self.regions[b.region].clone(),
                                kind: RegionKind::Gap,
                                src: 0..0,
                                tgt: 0..0,
                            },
                            src: b.src.clone(),
                            tgt: b.tgt.clone(),
                            beads: vec![bead],
                        },
                    )),
                }
                let k = regions.len() - 1;
                for i in b.src.clone() {
                    src[i].region = k;
                }
                for i in b.tgt.clone() {
                    tgt[i].region = k;
                }
            }
            out.push(PairAlignment {
                doc: self.doc.clone(),
                src_lang: self.hub.lang,
                tgt_lang: p.other.lang,
                src,
                tgt,
                src_units: Vec::new(),
                tgt_units: Vec::new(),
                regions: regions.into_iter().map(|(_, r)| r).collect(),
            });
        }
        Ok(out)
    }

    /// Replaces the beads of every pair with those of a JSONL alignment
    /// (`sixalign align -f jsonl`, or the page's export) of the same
    /// versions: each record's sentence ranges, score and region. The
    /// records' text must be the sentences of those ranges, and the records
    /// of each pair must cover both sides once, in order; every pair of the
    /// review must have records. Errors carry the 1-based line.
    pub fn load_jsonl(&mut self, text: &str) -> Result<()> {
        #[derive(Deserialize)]
        struct Record {
            region: String,
            src_lang: Lang,
            tgt_lang: Lang,
            src: String,
            tgt: String,
            src_sents: [usize; 2],
            tgt_sents: [usize; 2],
            score: Option<f64>,
        }
        let mut beads: Vec<Vec<ReviewBead>> = vec![Vec::new(); self.pairs.len()];
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = |e: Error| e.with_line(n + 1);
            let r: Record = serde_json::from_str(line).map_err(|e| {
                at(Error::malformed(format!(
                    "not a pair record of `sixalign align -f jsonl` ({e}); six-way rows cannot be reviewed"
                )))
            })?;
            if r.src_lang != self.hub.lang {
                return Err(at(Error::malformed(format!(
                    "the record's hub is {}, the documents' is {}",
                    r.src_lang, self.hub.lang
                ))));
            }
            let k = self
                .pairs
                .iter()
                .position(|p| p.other.lang == r.tgt_lang)
                .ok_or_else(|| {
                    at(Error::usage(format!(
                        "a {}-{} record, but no {} version was given",
                        r.src_lang, r.tgt_lang, r.tgt_lang
                    )))
                })?;
            let (src, tgt) = (
                r.src_sents[0]..r.src_sents[1],
                r.tgt_sents[0]..r.tgt_sents[1],
            );
            let pair = &self.pairs[k];
            let joined = |lang: Lang, all: &[String], range: &Range<usize>| -> Option<String> {
                let s: Vec<&str> = all.get(range.clone())?.iter().map(String::as_str).collect();
                Some(join_segment(lang, &s))
            };
            if joined(self.hub.lang, &self.hub.sentences, &src).as_deref() != Some(r.src.as_str())
                || joined(pair.other.lang, &pair.other.sentences, &tgt).as_deref()
                    != Some(r.tgt.as_str())
            {
                return Err(at(Error::malformed(format!(
                    "the record's text is not sentences {}..{} / {}..{} of the documents: \
                     give the versions the alignment was made from",
                    src.start, src.end, tgt.start, tgt.end
                ))));
            }
            let region = match self.regions.iter().position(|l| *l == r.region) {
                Some(i) => i,
                None => {
                    self.regions.push(r.region.clone());
                    self.regions.len() - 1
                }
            };
            beads[k].push(ReviewBead {
                src,
                tgt,
                score: r.score.map_or(f32::NAN, |s| s as f32),
                region,
                flags: 0,
            });
        }
        for (p, b) in self.pairs.iter_mut().zip(beads) {
            if b.is_empty() {
                return Err(Error::usage(format!(
                    "the alignment has no {}-{} records: give only the versions it aligns",
                    self.hub.lang, p.other.lang
                )));
            }
            p.beads = b;
        }
        self.check()
    }
}

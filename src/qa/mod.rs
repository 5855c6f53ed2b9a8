//! Translation QA: what does not correspond between two language versions,
//! or what looks wrong in one of them.
//!
//! [`Finding`] is what the parser notices in one document. [`check_pair`]
//! compares the hub with another version through their alignment and gives
//! [`PairFinding`]s: structure (a paragraph or footnote missing, numbering
//! that differs, a different number of preambular paragraphs), numbers and
//! symbols, footnotes, alignment (unaligned text, weak links, length
//! outliers) and untranslated text. [`html::write_html`] renders reports side
//! by side; [`write_json`] gives the stable JSON form.
//!
//! ```
//! use sixalign::engine::Aligner;
//! use sixalign::load::Text;
//! use sixalign::parse::{parse, ParseOptions};
//! use sixalign::qa::{check_pair, FindingKind};
//!
//! let zh = parse(&Text::from_bytes("zh", "大会，\n\n1. 决定拨款 500 美元。\n\n2. 请秘书长提交报告。\n".as_bytes())?, &ParseOptions::default())?;
//! let en = parse(&Text::from_bytes("en", "The General Assembly,\n\n1. Decides to allocate 600 dollars.\n\n2. Requests the Secretary-General to report.\n".as_bytes())?, &ParseOptions::default())?;
//! let pair = Aligner::new().align_pair(&zh, &en);
//! let found = check_pair(&zh, &en, &pair);
//! assert!(found.iter().any(|f| f.kind == FindingKind::NumberMismatch && f.label.as_deref() == Some("1")));
//! # Ok::<(), sixalign::Error>(())
//! ```

mod checks;
pub mod html;
pub mod tokens;

use std::fmt;
use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::document::Document;
use crate::engine::{Aligner, PairAlignment};
use crate::lang::Lang;

pub use crate::finding::{Category, Finding, FindingKind, Severity};
pub use checks::{Thresholds, check_pair, check_pair_with};

/// Which version a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The hub (source) version.
    Src,
    /// The other (target) version.
    Tgt,
    /// Both: a difference between them.
    Both,
}

/// A finding about a pair of versions: where it is in both and what the
/// texts say there.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairFinding {
    /// What was found.
    pub kind: FindingKind,
    /// Its group.
    pub category: Category,
    /// How serious.
    pub severity: Severity,
    /// The document id (symbol, else the hub's name).
    pub doc: String,
    /// The hub language.
    pub src_lang: Lang,
    /// The other language.
    pub tgt_lang: Lang,
    /// Which version it is about.
    pub side: Side,
    /// The label of the region it sits in (`3`, `2(b)`, `fn1`, `preamble`, `after 3`).
    pub region: String,
    /// The label of the block concerned (`3`, `2(b)`, `art12`, `fn2`), when it has one.
    pub label: Option<String>,
    /// Hub sentence indices (0-based, end exclusive, into [`PairAlignment::src`]).
    pub src: Range<usize>,
    /// Other-language sentence indices (into [`PairAlignment::tgt`]).
    pub tgt: Range<usize>,
    /// 1-based line in the hub file, when known.
    pub src_line: Option<usize>,
    /// 1-based line in the other file, when known.
    pub tgt_line: Option<usize>,
    /// The hub text concerned, original characters.
    pub src_text: String,
    /// The other-language text concerned, original characters.
    pub tgt_text: String,
    /// A sentence for people.
    pub message: String,
}

impl PairFinding {
    /// The order reports use: by position in the hub, then in the other
    /// version, then kind and message.
    fn sort_key(&self) -> (usize, usize, usize, std::cmp::Reverse<Severity>, &str) {
        (
            self.src.start,
            self.tgt.start,
            self.kind.order(),
            std::cmp::Reverse(self.severity),
            &self.message,
        )
    }
}

impl fmt::Display for PairFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}-{} [{}] {}: {}",
            self.severity.name(),
            self.src_lang,
            self.tgt_lang,
            self.label.as_deref().unwrap_or(&self.region),
            self.kind.name(),
            self.message
        )
    }
}

/// Sorts findings into report order and removes exact duplicates.
pub fn sort_findings(findings: &mut Vec<PairFinding>) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    /// Findings of severity error.
    pub error: usize,
    /// Findings of severity warning.
    pub warning: usize,
    /// Findings of severity info.
    pub info: usize,
}

impl SeverityCounts {
    /// Counts the findings given.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a PairFinding>) -> SeverityCounts {
        let mut c = SeverityCounts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
            }
        }
        c
    }

    /// All findings counted.
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
}

/// The QA of one pair: the alignment and what was found in it.
#[derive(Clone, Debug, PartialEq)]
pub struct PairReport {
    /// The name of the other version (its path).
    pub other_name: String,
    /// The alignment the findings refer to.
    pub alignment: PairAlignment,
    /// The findings, sorted.
    pub findings: Vec<PairFinding>,
}

impl PairReport {
    /// Aligns `hub` with `other` and checks the pair.
    pub fn new(aligner: &Aligner, hub: &Document, other: &Document) -> PairReport {
        let alignment = aligner.align_pair(hub, other);
        let findings = check_pair(hub, other, &alignment);
        PairReport {
            other_name: other.name.clone(),
            alignment,
            findings,
        }
    }

    /// Counts of findings by severity.
    pub fn counts(&self) -> SeverityCounts {
        SeverityCounts::of(&self.findings)
    }
}

/// The version of the JSON schema written by [`write_json`].
pub const JSON_SCHEMA: &str = "sixalign-qa/1";

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    hub: JsonHub<'a>,
    counts: SeverityCounts,
    pairs: Vec<JsonPair<'a>>,
}

#[derive(Serialize)]
struct JsonHub<'a> {
    name: &'a str,
    lang: Lang,
    symbol: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonPair<'a> {
    doc: &'a str,
    src_lang: Lang,
    tgt_lang: Lang,
    other: &'a str,
    src_sentences: usize,
    tgt_sentences: usize,
    counts: SeverityCounts,
    findings: &'a [PairFinding],
}

/// Writes the reports of one hub as one JSON object (schema [`JSON_SCHEMA`],
/// described in the README) followed by a newline.
pub fn write_json(hub: &Document, reports: &[PairReport], out: &mut impl Write) -> io::Result<()> {
    let j = JsonReport {
        schema: JSON_SCHEMA,
        hub: JsonHub {
            name: &hub.name,
            lang: hub.lang,
            symbol: hub.symbol.as_deref(),
        },
        counts: SeverityCounts::of(reports.iter().flat_map(|r| &r.findings)),
        pairs: reports
            .iter()
            .map(|r| JsonPair {
                doc: &r.alignment.doc,
                src_lang: r.alignment.src_lang,
                tgt_lang: r.alignment.tgt_lang,
                other: &r.other_name,
                src_sentences: r.alignment.src.len(),
                tgt_sentences: r.alignment.tgt.len(),
                counts: r.counts(),
                findings: &r.findings,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &j).map_err(io::Error::from)?;
    writeln!(out)
}

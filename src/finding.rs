//! What the parser and QA report: a [`Finding`] in one document, its
//! [`FindingKind`], [`Severity`] and [`Category`].
//!
//! The lowest floor beside [`crate::error`], so that `parse` can report what it
//! notices without depending on `qa`.

use std::fmt;

use serde::Serialize;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look.
    Info,
    /// Probably a problem.
    Warning,
    /// Certainly a problem (a missing paragraph, a changed number).
    Error,
}

/// What kind of thing was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FindingKind {
    /// Numbering skips a number (`1.` `2.` `4.`).
    NumberingGap,
    /// Numbering repeats a number.
    NumberingRepeat,
    /// Numbering goes backwards or is otherwise out of order.
    NumberingOrder,
    /// The document has no numbered paragraphs or articles at all.
    NoNumbering,
    /// No preamble opener (`The General Assembly,`) was found.
    NoOpener,
    /// The symbol could not be found in the text.
    NoSymbol,
    /// A footnote reference with no footnote text, or a footnote never cited.
    FootnoteUnmatched,
    /// The language given differs from the language the text looks like.
    LanguageMismatch,
    /// A block present in one version has no counterpart in the other.
    MissingBlock,
    /// Text aligned to nothing (1-0 or 0-1 bead).
    Unaligned,
    /// A bead whose score is low.
    LowScore,
    /// A number, symbol or date in one sentence and not in its counterpart.
    NumberMismatch,
    /// Length ratio far from the pair's own distribution.
    LengthOutlier,
    /// A target segment left in the source language, or identical to it.
    Untranslated,
    /// The same block carries a different label in the two versions (`2(b)` / `2(c)`).
    NumberingDiffers,
    /// The versions have different numbers of preambular paragraphs.
    PreambleCount,
    /// A footnote present in one version has no counterpart in the other.
    MissingFootnote,
    /// Corresponding paragraphs cite different footnote numbers.
    FootnoteRef,
    /// Corresponding footnotes differ in their numbers or symbols.
    FootnoteMismatch,
}

impl FindingKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [FindingKind; 19] = [
        FindingKind::MissingBlock,
        FindingKind::NumberingDiffers,
        FindingKind::NumberingGap,
        FindingKind::NumberingRepeat,
        FindingKind::NumberingOrder,
        FindingKind::PreambleCount,
        FindingKind::NoNumbering,
        FindingKind::NoOpener,
        FindingKind::NoSymbol,
        FindingKind::LanguageMismatch,
        FindingKind::NumberMismatch,
        FindingKind::MissingFootnote,
        FindingKind::FootnoteRef,
        FindingKind::FootnoteMismatch,
        FindingKind::FootnoteUnmatched,
        FindingKind::Unaligned,
        FindingKind::LowScore,
        FindingKind::LengthOutlier,
        FindingKind::Untranslated,
    ];

    /// The snake-case name used in JSON, on screen and in the HTML filter.
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::NumberingGap => "numbering_gap",
            FindingKind::NumberingRepeat => "numbering_repeat",
            FindingKind::NumberingOrder => "numbering_order",
            FindingKind::NoNumbering => "no_numbering",
            FindingKind::NoOpener => "no_opener",
            FindingKind::NoSymbol => "no_symbol",
            FindingKind::FootnoteUnmatched => "footnote_unmatched",
            FindingKind::LanguageMismatch => "language_mismatch",
            FindingKind::MissingBlock => "missing_block",
            FindingKind::Unaligned => "unaligned",
            FindingKind::LowScore => "low_score",
            FindingKind::NumberMismatch => "number_mismatch",
            FindingKind::LengthOutlier => "length_outlier",
            FindingKind::Untranslated => "untranslated",
            FindingKind::NumberingDiffers => "numbering_differs",
            FindingKind::PreambleCount => "preamble_count",
            FindingKind::MissingFootnote => "missing_footnote",
            FindingKind::FootnoteRef => "footnote_ref",
            FindingKind::FootnoteMismatch => "footnote_mismatch",
        }
    }

    /// The group a kind belongs to in reports.
    pub fn category(self) -> Category {
        match self {
            FindingKind::NumberMismatch => Category::Numbers,
            FindingKind::MissingFootnote
            | FindingKind::FootnoteRef
            | FindingKind::FootnoteMismatch
            | FindingKind::FootnoteUnmatched => Category::Footnotes,
            FindingKind::Unaligned | FindingKind::LowScore | FindingKind::LengthOutlier => {
                Category::Alignment
            }
            FindingKind::Untranslated | FindingKind::LanguageMismatch => Category::Untranslated,
            _ => Category::Structure,
        }
    }

    pub(crate) fn order(self) -> usize {
        FindingKind::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or(FindingKind::ALL.len())
    }
}

/// The groups of finding kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Blocks, numbering, preamble.
    Structure,
    /// Numbers, years, dates, symbols, resolution numbers, percentages.
    Numbers,
    /// Footnote references and texts.
    Footnotes,
    /// Unaligned text, weak links, length outliers.
    Alignment,
    /// Text left in the hub's language or script, or copied unchanged.
    Untranslated,
}

impl Severity {
    /// The lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// What was found.
    pub kind: FindingKind,
    /// How serious.
    pub severity: Severity,
    /// The block label concerned, when any.
    pub label: Option<String>,
    /// 1-based line in the original text, when known.
    pub line: Option<usize>,
    /// A sentence for people.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{sev}")?;
        if let Some(line) = self.line {
            write!(f, " (line {line})")?;
        }
        if let Some(label) = &self.label {
            write!(f, " [{label}]")?;
        }
        write!(f, ": {}", self.message)
    }
}

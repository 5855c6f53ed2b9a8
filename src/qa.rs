//! Findings: what does not correspond, or what looks wrong in one version.

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

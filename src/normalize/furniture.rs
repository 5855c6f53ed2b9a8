//! Page furniture: the lines a printed or converted page adds around the
//! text (page numbers, job numbers, barcodes, "Please recycle", rules,
//! running headers repeating the document symbol), which the view drops.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

pub(super) static RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([-*_=—–]\s*){3,}$").unwrap());

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*/\s*\d{1,4}|(page|página|страница|стр\.|الصفحة)\s*\d{1,4}(\s*(of|de|sur|из)\s*\d{1,4})?)\s*$",
    )
    .unwrap()
});

/// A UN job number (`19-21972`, `19-21972 (C)`), alone or with a page number:
/// the footer of a printed page.
static JOB_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:\d{1,4}\s*/\s*\d{1,4}\s+)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{1,4}\s*/\s*\d{1,4})?\s*$",
    )
    .unwrap()
});

/// The barcode of a printed UN page (`*1921813*`).
static BARCODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\*\d{6,9}\*\s*$").unwrap());

/// The recycling line at the foot of a first page.
static RECYCLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*♲?\s*please\s+recycle\s*♲?\s*$").unwrap());

/// A line that is printed page furniture whatever the document: a page
/// number, a job number, a barcode, "Please recycle", a document symbol
/// alone (a running header when it repeats). The PDF reader asks this to
/// see through page breaks.
pub(crate) fn is_page_furniture(line: &str) -> bool {
    PAGE_NUMBER.is_match(line)
        || JOB_LINE.is_match(line)
        || BARCODE.is_match(line)
        || RECYCLE.is_match(line)
}

/// A line of a page margin made only of furniture pieces: job number,
/// `(C)`, barcode, page number (`3`, `3/12`), document symbol, "Please
/// recycle" (`19-21813 (C)  *1921813*`, `A/RES/74/28  3`), also as
/// pdftotext reorders them on an Arabic page (`)C( 19-21813`, `**1921813`).
pub(crate) fn is_margin_furniture(line: &str) -> bool {
    static PIECE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(\d{2}-\d{5}|\([A-Z]\)|\)[A-Z]\(|\*{1,2}\d{6,9}\*{0,2}|\d{1,4}(/\d{1,4})?|[A-Z]{1,4}(/[A-Z0-9.\-]+)+|please|recycle|♲)$").unwrap()
    });
    let mut any = false;
    for w in line.split_whitespace() {
        if !PIECE.is_match(w) {
            return false;
        }
        any = true;
    }
    any
}

pub(super) fn count_symbol_lines(
    s: &str,
    lines: &[(Range<usize>, Range<usize>)],
) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for (r, _) in lines {
        if let Some(sym) = crate::lang::symbol::running_header(&s[r.clone()]) {
            *counts.entry(sym.to_string()).or_insert(0) += 1;
        }
    }
    counts
}

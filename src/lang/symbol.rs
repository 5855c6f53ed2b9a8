//! The UN document symbol (`A/RES/74/28`, `A/74/363`, `S/2019/1`,
//! `E/CN.4/2005/L.10`): one pattern, in the forms the stages look for it.
//!
//! A symbol is a series of one to four capitals, then parts separated by `/`
//! made of capitals, digits, `.` and `-`. Symbols are written in Latin
//! letters and digits in every language version, which makes them the
//! strongest cross-language signal there is.
//!
//! - [`document_symbol`]: the document's own symbol (parse, corpus discovery);
//! - [`running_header`]: the symbol of a page's running header (normalize);
//! - [`in_brackets`]: the symbol of a report in the bracketed line under a title;
//! - [`in_text`]: every symbol cited in running text (QA).
//!
//! ```
//! use sixalign::lang::symbol;
//!
//! assert_eq!(symbol::document_symbol("Distr.: General\nA/RES/74/28\n大会"), Some("A/RES/74/28"));
//! assert_eq!(symbol::running_header("A/74/363      Advancing responsible State behaviour"), Some("A/74/363"));
//! assert_eq!(symbol::in_brackets("[on the report of the First Committee (A/74/363)]"), Some("A/74/363"));
//! let cited: Vec<&str> = symbol::in_text("见A/74/363号文件和 and/or").map(|r| &"见A/74/363号文件和 and/or"[r]).collect();
//! assert_eq!(cited, ["A/74/363"]);
//! ```

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// The series: one to four capitals.
const SERIES: &str = r"[A-Z]{1,4}";
/// One `/`-separated part of a symbol.
const PART: &str = r"/[A-Z0-9.\-]+";

/// A resolution symbol anywhere: `A/RES/74/28`, `E/RES/2019/1 (XXV)`.
static RESOLUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([AES]/RES/\d{1,4}/\d{1,4}(?:\s?\([A-Z]+\))?)").expect("resolution symbol")
});
/// A symbol of three parts or more standing alone on a line.
static ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s*({SERIES}(?:{PART}){{2,}})\s*$")).expect("symbol alone")
});
/// A line that is only a symbol, perhaps with a page number before or after.
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(\d{{1,4}}\s+)?({SERIES}(?:{PART})+)(\s+\d{{1,4}})?\s*$"
    ))
    .expect("symbol line")
});
/// A running header printed beside a short title, set apart by a wide gap
/// (`A/RES/74/28      Advancing responsible State behaviour`, or the other way round).
static HEADER_BESIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?:({SERIES}(?:{PART})+)(?: {{3,}}|\t)\S.{{0,120}}|\S.{{0,120}}?(?: {{3,}}|\t)({SERIES}(?:{PART})+))\s*$"
    ))
    .expect("symbol beside a title")
});
/// A symbol in brackets, perhaps with an addendum: `(A/74/363 and Add.1)`.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\(\s*({SERIES}(?:{PART})+(?:\s+and\s+Add\.\s*\d+)?)\s*\)"
    ))
    .expect("bracketed symbol")
});
/// A symbol cited in running text, where committee series (`A/C.3/74/L.1`),
/// lower-case parts (`Add.1`) and a session in brackets follow.
static IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Z]{1,6}(?:\.\d+)?(?:/[A-Za-z0-9.\-]*[A-Za-z0-9])+(?:\s?\([A-Z]+\))?")
        .expect("symbol in text")
});

/// The first resolution symbol in `text` (`A/RES/74/28`).
pub fn resolution(text: &str) -> Option<&str> {
    RESOLUTION
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

/// The symbol on a line that holds nothing else (three parts or more, so
/// that `and/or` or a date is never one).
pub fn alone(line: &str) -> Option<&str> {
    ALONE
        .captures(line)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

/// Lines of the front matter searched for a symbol standing alone.
const FRONT_LINES: usize = 40;

/// A document's own symbol from its text: a resolution symbol anywhere, else
/// a symbol alone on a line of the front matter (the first 40 lines).
pub fn document_symbol(text: &str) -> Option<&str> {
    resolution(text).or_else(|| text.lines().take(FRONT_LINES).find_map(alone))
}

/// The symbol of a line that may be a running header: the symbol alone
/// (with a page number, perhaps), or beside a title across a wide gap.
pub fn running_header(line: &str) -> Option<&str> {
    // Most lines are neither: a symbol has a `/` (one memchr), then the
    // cheaper test, captures on a match.
    if !line.contains('/') {
        return None;
    }
    if HEADER_LINE.is_match(line)
        && let Some(c) = HEADER_LINE.captures(line)
    {
        return c.get(2).map(|m| m.as_str());
    }
    if !HEADER_BESIDE.is_match(line) {
        return None;
    }
    let c = HEADER_BESIDE.captures(line)?;
    c.get(1).or_else(|| c.get(2)).map(|m| m.as_str())
}

/// The first symbol in brackets (`(A/74/363)`, `(A/74/363 and Add.1)`).
pub fn in_brackets(text: &str) -> Option<&str> {
    BRACKETED
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

/// The byte ranges of the symbols cited in `text`: a letter prefix and at
/// least one digit (`A/74/363`), which rules out `and/or` and
/// `كانون الأول/ديسمبر`, not glued to a Latin letter or digit before it.
pub fn in_text(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    IN_TEXT.find_iter(text).filter_map(move |m| {
        // Word boundaries by hand: `\b` is Unicode-aware and sees none
        // between `件` and `A` in `号文件A/74/363`.
        let glued = text[..m.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        (!glued && m.as_str().bytes().any(|b| b.is_ascii_digit())).then(|| m.range())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(resolution("see A/RES/74/28 and"), Some("A/RES/74/28"));
        assert_eq!(resolution("A/74/363"), None);
        assert_eq!(alone("  A/74/363 "), Some("A/74/363"));
        assert_eq!(alone("and/or"), None);
        assert_eq!(alone("A/74"), None);
        assert_eq!(running_header("12 A/74/363"), Some("A/74/363"));
        assert_eq!(running_header("A/74"), Some("A/74"));
        assert_eq!(
            running_header("Some title\tA/RES/74/28"),
            Some("A/RES/74/28")
        );
        assert_eq!(running_header("The General Assembly,"), None);
        assert_eq!(
            in_brackets("[on the report (A/74/363 and Add.1)]"),
            Some("A/74/363 and Add.1")
        );
        assert_eq!(document_symbol("no symbol here"), None);
    }
}

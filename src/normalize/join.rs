//! Joining the lines of a paragraph: whether two consecutive lines are one
//! paragraph broken by the converter (a PDF's hard line breaks, a
//! hyphenated word) or two paragraphs, per script.
//! The same rules tell the PDF reader how a line it knows to be wrapped
//! joins the next ([`wrap`]).

use crate::lang::{labels, tables};

use super::chars::{is_arabic, is_cjk};
use super::frag::{Frag, Kind};

/// How two consecutive lines of one paragraph are joined, if they are.
pub(super) enum Join {
    /// Separate paragraphs.
    No,
    /// Joined with nothing between (Chinese).
    Tight,
    /// Joined with one space.
    Space,
    /// The first line's final hyphen dropped, then joined tight.
    Dehyphen,
}

pub(super) fn is_compound(a: &str, b: &str) -> bool {
    let before = a
        .trim_end_matches(['-', '\u{2010}'])
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let after = b.to_lowercase();
    tables::COMPOUND_FIRST.contains(&before.as_str())
        || tables::COMPOUND_SECOND.iter().any(|p| after.starts_with(p))
}

/// Lines that stay apart whatever they look like: a markdown hard break or
/// header, a footnote opening the next line, a label or the preamble opener
/// (which stands on its own line, however long the title line before it),
/// and text set in columns (`General Assembly      Distr.: General`), which
/// is page layout, not a sentence running on. The last and first characters
/// of the two lines otherwise.
pub(super) fn join_ends(a: &Frag, b: &Frag) -> Option<(char, char)> {
    if a.hard_break || a.header || b.header || !b.marks.is_empty() && b.marks[0].line_start {
        return None;
    }
    let ends = (a.text.chars().next_back()?, b.text.chars().next()?);
    let closed = matches!(
        ends.0,
        '.' | ';' | ':' | ',' | '。' | '；' | '：' | '，' | '!' | '?' | '؛' | '،'
    );
    if labels::starts_like_label(&b.text, closed)
        || labels::is_opener(&b.text)
        || a.text.contains("      ")
        || b.text.contains("      ")
    {
        return None;
    }
    Some(ends)
}

pub(super) fn join(a: &Frag, b: &Frag) -> Join {
    let Some((last, first)) = join_ends(a, b) else {
        return Join::No;
    };
    let len = a.text.chars().count();
    // No paragraph opens with a comma, stop or closing bracket: the line
    // before was cut just ahead of it (`《联合国宪章》` / `，对维护…`).
    if matches!(
        first,
        ',' | ';' | ':' | '.' | '、' | '。' | ')' | ']' | '》' | '」' | '』' | '”' | '،' | '؛'
    ) {
        return Join::Tight;
    }
    if matches!(last, '-' | '\u{2010}')
        && a.text.chars().rev().nth(1).is_some_and(char::is_alphabetic)
        && (30..=140).contains(&len)
    {
        // A line cut at the hyphen of a compound keeps it
        // (`Secretary-` / `General`, `self-` / `determination`,
        // `государств-` / `членов`); a word hyphenated by the typesetter loses it.
        if first.is_uppercase() || is_compound(&a.text, &b.text) {
            return Join::Tight;
        }
        if first.is_lowercase() {
            return Join::Dehyphen;
        }
    }
    // Paragraphs end with a stop, a colon or (preambular) a comma.
    if ends_clause(last) {
        return Join::No;
    }
    // A short line without a stop is a title or a heading, not a broken sentence.
    // A line far longer than a printed line is a whole paragraph, not a wrap
    // (one-paragraph-per-line text ends paragraphs with "; и" and the like).
    if is_cjk(last) && (is_cjk(first) || first.is_ascii_digit()) && (15..=60).contains(&len) {
        return Join::Tight;
    }
    // A Chinese line may also be cut after a number or a Latin word
    // (`2000 年 11` / `月 20 日`); its Chinese characters tell it from a title.
    if last.is_ascii_alphanumeric()
        && is_cjk(first)
        && (15..=80).contains(&len)
        && a.text.chars().filter(|&c| is_cjk(c)).count() >= 8
    {
        return Join::Tight;
    }
    // "…; и" / "…; and": a conjunction after a semicolon closes a paragraph.
    if a.text
        .rsplit_once(';')
        .is_some_and(|(_, w)| w.trim().chars().count() <= 3)
    {
        return Join::No;
    }
    if !last.is_alphanumeric() || len > 140 {
        return Join::No;
    }
    // Arabic has no capitals to tell a new paragraph: only long lines join.
    // A line may also break before a number (`… of 4 December` / `1999 and …`);
    // a number that is a label was ruled out above.
    let digit = first.is_ascii_digit();
    if (is_arabic(last) && (is_arabic(first) || digit) && len >= 60)
        || ((first.is_lowercase() || digit) && len >= 30)
        // Before a capital only a full printed line runs on (`… continue to
        // inform` / `Генерального секретаря …`); a shorter one is a title.
        || (first.is_uppercase() && len >= 55)
    {
        return Join::Space;
    }
    Join::No
}

/// Whether the document separates its paragraphs with blank lines (as
/// PDF-to-markdown conversions do): then a single line break inside a
/// paragraph is a wrap, whatever character ends the line.
pub(super) fn blank_line_paragraphs(frags: &[Frag]) -> bool {
    let (mut with_blank, mut without) = (0usize, 0usize);
    let mut seen_content = false;
    let mut blank = false;
    for f in frags {
        match f.kind {
            Kind::Blank => blank = true,
            Kind::Furniture => {}
            Kind::Content => {
                if seen_content {
                    if blank {
                        with_blank += 1;
                    } else {
                        without += 1;
                    }
                }
                seen_content = true;
                blank = false;
            }
        }
    }
    // A wrapped paragraph has several breaks per blank line; one-paragraph-
    // per-line text has (almost) no blank lines at all.
    with_blank >= 4 && with_blank * 8 >= without
}

/// How two lines with no blank line between are joined in a document whose
/// paragraphs are separated by blank lines: as [`join`] says when it joins
/// them; otherwise a full line is a wrap (an Arabic line ending in a word,
/// a Chinese line ending in a digit), and a short one (a title line, the
/// date above the meeting line) or an overlong one ends its paragraph.
pub(super) fn wrap_join(a: &Frag, b: &Frag) -> Join {
    let how = join(a, b);
    if !matches!(how, Join::No) {
        return how;
    }
    let Some((last, first)) = join_ends(a, b) else {
        return Join::No;
    };
    let len = a.text.chars().filter(|c| !c.is_whitespace()).count();
    let cjk = is_cjk(last) || is_cjk(first);
    let (short, long) = if cjk { (20, 80) } else { (40, 160) };
    if len < short || len > long {
        return Join::No;
    }
    if cjk { Join::Tight } else { Join::Space }
}

/// The line ends a paragraph (or a clause of one): a stop, a colon, a
/// comma, a closing quote or bracket. A line with no text ends nothing.
pub(super) fn ends_paragraph(f: &Frag) -> bool {
    f.text.chars().next_back().is_none_or(ends_clause)
}

pub(super) fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '.' | '。'
            | ';'
            | ':'
            | ','
            | '!'
            | '?'
            | ')'
            | ']'
            | '"'
            | '”'
            | '»'
            | '】'
            | '）'
            | '؛'
            | '،'
            | '؟'
    )
}

/// How a line wrapped inside a paragraph joins the next one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wrap {
    /// Directly (Chinese, or a line cut before punctuation).
    Tight,
    /// With a space.
    Space,
    /// Dropping the hyphen that ends the first line (a word the typesetter hyphenated).
    Dehyphen,
}

/// How `a`, a line known to be wrapped inside a paragraph, joins `b`: the
/// same rules as the view uses for wrapped lines (a compound such as
/// `Secretary-General` keeps its hyphen).
pub(crate) fn wrap(a: &str, b: &str) -> Wrap {
    let (Some(last), Some(first)) = (
        a.trim_end().chars().next_back(),
        b.trim_start().chars().next(),
    ) else {
        return Wrap::Tight;
    };
    // Only a plain hyphen can be the typesetter's: U+2010 is one the author typed (`co‐operation`).
    if last == '-'
        && a.trim_end()
            .chars()
            .rev()
            .nth(1)
            .is_some_and(char::is_alphabetic)
        && first.is_lowercase()
        && !is_compound(a.trim_end(), b.trim_start())
    {
        return Wrap::Dehyphen;
    }
    if matches!(last, '-' | '\u{2010}' | '/') {
        return Wrap::Tight;
    }
    let cjk_punct =
        |c: char| ('\u{3000}'..='\u{303f}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c);
    let cjk_last = is_cjk(last) || cjk_punct(last);
    let cjk_first = is_cjk(first) || cjk_punct(first);
    // Chinese runs on without a space, whatever punctuation or number the
    // line was cut at (`保护,` / `以免`, `2000 年 11` / `月`).
    if cjk_last && !first.is_ascii_alphabetic() || cjk_first && !last.is_ascii_alphabetic() {
        return Wrap::Tight;
    }
    Wrap::Space
}

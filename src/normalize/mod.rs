//! The normalized view of a document, built in one pass that keeps, for every
//! byte of the view, the byte range of the original it came from (the way
//! huggingface tokenizers' `NormalizedString` does).
//!
//! What the view changes, and why:
//! - NFKC, so full-width digits and punctuation and compatibility characters
//!   match their plain forms; Eastern Arabic digits become ASCII digits;
//! - tatweel, soft hyphens and zero-width characters go (PDF justification);
//! - conversion furniture goes: markdown `#` headers, `<sup>N</sup>` marks,
//!   superscript digits `¹` `⁽¹⁾` and the bare numbers of footnote lines under
//!   an underscore separator (all kept aside as [`FootnoteMark`]s),
//!   `[text](url)` links (text kept), `*emphasis*` delimiters, `---` rules,
//!   list bullets, page numbers,
//!   job-number page footers (`19-21972  1/3`), barcodes (`*1921813*`),
//!   "Please recycle", running headers repeating the document symbol, alone
//!   or beside a title;
//! - in text extracted from a PDF (`build_pdf_text`), footnote reference
//!   digits glued to the word or the closing punctuation before them
//!   (`Declaration8`, `…行动纲领》2`, `Secretary-General;6`) are taken aside
//!   as references;
//! - a line broken inside a sentence is joined to the next one (without a
//!   space in Chinese; dropping the hyphen of a word the typesetter
//!   hyphenated, keeping the hyphen of a compound such as `Secretary-General`).
//!   Labels, the preamble opener and text set in columns never join.

use std::ops::Range;

mod chars;
mod frag;
mod furniture;
mod join;
mod map;
mod marks;
#[cfg(test)]
mod tests;

pub(crate) use chars::is_invisible;
pub(crate) use furniture::{is_margin_furniture, is_page_furniture};
pub(crate) use join::{Wrap, wrap};

use chars::is_cjk;
use frag::{Frag, Kind, frag};
use furniture::count_symbol_lines;
use join::{Join, blank_line_paragraphs, ends_paragraph, join, wrap_join};
pub(crate) use map::{ByteMap, Piece};
use marks::{FOOTNOTE_NUMBER, FOOTNOTE_RULE};

/// A footnote mark taken out of the normalized view (`<sup>1</sup>`, `¹`).
///
/// A mark at the start of a line opens the footnote's own text; anywhere else
/// it is a reference to the footnote from the surrounding paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FootnoteMark {
    /// The footnote number as written inside the mark (`1`).
    pub label: String,
    /// Byte range of the whole mark in the original text.
    pub original: Range<usize>,
    /// Byte offset in the normalized view where the mark was removed.
    pub normalized: usize,
    /// The mark opens its line (after bullets and markup): a footnote text, not a reference.
    pub line_start: bool,
}

/// The normalized text with its map back to the original.
#[derive(Clone, Debug, Default)]
pub(crate) struct View {
    /// The normalized text: one paragraph per line.
    pub text: String,
    /// For each byte of `text`, the `[start, end)` byte range in the
    /// original (run-length encoded: lookups take `text`).
    pub map: ByteMap,
    /// Footnote marks removed from the text.
    pub marks: Vec<FootnoteMark>,
}

/// Builds the view of `original`.
pub(crate) fn build(original: &str) -> View {
    build_with(original, false)
}

/// Builds the view of text extracted from a PDF: as [`build`], and footnote
/// reference digits glued to the word or punctuation before them
/// (`Declaration8`, `《宣言》8`) are taken aside as references. Only for PDF
/// text: elsewhere `últimos12` is a typo and `、1直布罗陀` the text itself.
pub(crate) fn build_pdf_text(original: &str) -> View {
    build_with(original, true)
}

fn build_with(original: &str, glued: bool) -> View {
    let lines = split_lines(original);
    let symbol_counts = count_symbol_lines(original, &lines);
    let mut frags: Vec<Frag> = Vec::with_capacity(lines.len());
    // Under a footnote separator (a line of underscores, as Word and PDF
    // conversions print it) a line opening with a bare number is a footnote,
    // until a blank line or page furniture ends the block of footnotes.
    let mut footnote_zone = false;
    for (k, (content, brk)) in lines.iter().enumerate() {
        let line = &original[content.clone()];
        // The next line of text (past page furniture): where a number cut
        // by the line break goes on.
        let next = glued
            .then(|| {
                lines[k + 1..]
                    .iter()
                    .map(|(r, _)| original[r.clone()].trim())
                    .find(|l| {
                        !l.is_empty()
                            && !is_page_furniture(l)
                            && !is_margin_furniture(l)
                            && crate::lang::symbol::running_header(l).is_none()
                    })
            })
            .flatten();
        let mut f = frag(
            original,
            content.clone(),
            brk.clone(),
            &symbol_counts,
            glued.then_some(next),
        );
        if footnote_zone && f.kind == Kind::Content {
            number_footnote(&mut f, content.start);
        }
        footnote_zone = match f.kind {
            Kind::Furniture => FOOTNOTE_RULE.is_match(line),
            Kind::Blank => false,
            Kind::Content => footnote_zone,
        };
        frags.push(f);
    }
    assemble(original, frags)
}

/// Turns the bare number opening a footnote line (`1 A/65/201.`, `(1) A/65/201.`)
/// into a footnote mark, as `<sup>1</sup>` would be.
fn number_footnote(f: &mut Frag, base: usize) {
    if !f.marks.is_empty() {
        return;
    }
    let Some(c) = FOOTNOTE_NUMBER.captures(&f.text) else {
        return;
    };
    let (Some(all), Some(num)) = (c.get(0), c.get(1).or_else(|| c.get(2))) else {
        return;
    };
    let cut = all.end();
    // `1 - text` is an Arabic operative label, `1 .` a stray full stop.
    if f.text[cut..].is_empty() || f.text[cut..].starts_with(['.', '-', '–', '—']) {
        return;
    }
    // The number's place in the original line, for the mark's range.
    let start = f.map.first(&f.text).map_or(base, |m| m[0] as usize);
    let end = f.map.get(&f.text, cut - 1).map_or(start, |m| m[1] as usize);
    f.marks.push(FootnoteMark {
        label: num.as_str().to_string(),
        original: start..end,
        normalized: 0,
        line_start: true,
    });
    f.text.drain(..cut);
    f.map.drain_front(cut);
}

/// Content and terminator ranges of each line (LF, CRLF or CR).
fn split_lines(s: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push((start..i, i..i + 1));
                i += 1;
                start = i;
            }
            b'\r' => {
                let end = if b.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                out.push((start..i, i..end));
                i = end;
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < b.len() {
        out.push((start..b.len(), b.len()..b.len()));
    }
    out
}

/// Whether the lines of the document are paragraphs, not printed lines:
/// a printed page has lines of about one width (the longest ones are about
/// as long as the median), a text with one paragraph per line has many lines
/// far longer than its median. Then a line break is never a wrap: a goal
/// without a final stop (`End poverty in all its forms everywhere`) does
/// not run on into the target after it. Widths count a CJK character twice.
fn unwrapped_lines(frags: &[Frag]) -> bool {
    let mut widths: Vec<usize> = frags
        .iter()
        .filter(|f| matches!(f.kind, Kind::Content))
        .map(|f| f.text.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum())
        .collect();
    if widths.len() < 8 {
        return false;
    }
    widths.sort_unstable();
    let median = widths[widths.len() / 2];
    let p90 = widths[widths.len() * 9 / 10];
    p90 > 120 && p90 * 10 > median * 16
}

fn assemble(original: &str, frags: Vec<Frag>) -> View {
    let blank_mode = blank_line_paragraphs(&frags);
    let unwrapped = !blank_mode && unwrapped_lines(&frags);
    let mut view = View {
        text: String::with_capacity(original.len()),
        map: ByteMap::default(),
        marks: Vec::new(),
    };
    // The previous body line and where the original gap after it starts.
    let mut prev: Option<usize> = None;
    let mut gap_start = 0usize;
    let mut blank_between = false;
    // Page furniture or footnotes between two lines: a page break, which may
    // fall inside a paragraph.
    let mut page_between = false;
    // Footnote lines met inside an unfinished paragraph wait until it ends,
    // so that its two halves join around them.
    let mut pending: Vec<usize> = Vec::new();
    let mut deferring = false;
    for (k, f) in frags.iter().enumerate() {
        match f.kind {
            Kind::Blank => {
                blank_between = true;
                deferring = false;
                continue;
            }
            Kind::Furniture => {
                page_between = true;
                deferring = false;
                continue;
            }
            Kind::Content => {}
        }
        let prev_open = prev.is_some_and(|p| !ends_paragraph(&frags[p]));
        let opens_footnote = f.marks.first().is_some_and(|m| m.line_start);
        if prev_open && (opens_footnote || deferring) {
            pending.push(k);
            deferring = true;
            page_between = true;
            continue;
        }
        if let Some(p) = prev {
            let how = if (blank_between && !(page_between && prev_open)) || unwrapped {
                Join::No
            } else if blank_mode {
                wrap_join(&frags[p], f)
            } else {
                join(&frags[p], f)
            };
            match how {
                Join::No => {
                    for q in pending.drain(..) {
                        push_frag(&mut view, &frags[q], "\n", &mut gap_start);
                    }
                    push_frag(&mut view, f, "\n", &mut gap_start);
                }
                Join::Space => push_frag(&mut view, f, " ", &mut gap_start),
                Join::Tight => push_frag(&mut view, f, "", &mut gap_start),
                Join::Dehyphen => {
                    let keep = view.text.trim_end_matches(['-', '\u{2010}']).len();
                    view.text.truncate(keep);
                    view.map.truncate(keep);
                    for m in view.marks.iter_mut().rev() {
                        if m.normalized <= keep {
                            break;
                        }
                        m.normalized = keep;
                    }
                    push_frag(&mut view, f, "", &mut gap_start);
                }
            }
        } else {
            push_frag(&mut view, f, "", &mut gap_start);
        }
        prev = Some(k);
        blank_between = false;
        page_between = false;
    }
    for q in pending {
        push_frag(&mut view, &frags[q], "\n", &mut gap_start);
    }
    view
}

/// Appends a line to the view after `sep`, which stands for the original
/// gap since the line before.
fn push_frag(view: &mut View, f: &Frag, sep: &str, gap_start: &mut usize) {
    if !sep.is_empty() {
        let gap_end = f.map.first(&f.text).map_or(f.brk.start, |m| m[0] as usize);
        push_mapped(
            view,
            sep,
            [*gap_start as u32, gap_end.max(*gap_start) as u32],
        );
    }
    let shift = view.text.len();
    view.text.push_str(&f.text);
    view.map.append(&f.map);
    view.marks.extend(f.marks.iter().cloned().map(|mut m| {
        m.normalized += shift;
        m
    }));
    *gap_start = f.map.last(&f.text).map_or(f.brk.start, |m| m[1] as usize);
}

fn push_mapped(view: &mut View, s: &str, m: [u32; 2]) {
    view.text.push_str(s);
    view.map.push(s, m[0] as usize..m[1] as usize);
}

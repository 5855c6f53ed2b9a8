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
//! - in text extracted from a PDF ([`build_pdf_text`]), footnote reference
//!   digits glued to the word or the closing punctuation before them
//!   (`Declaration8`, `…行动纲领》2`, `Secretary-General;6`) are taken aside
//!   as references;
//! - a line broken inside a sentence is joined to the next one (without a
//!   space in Chinese; dropping the hyphen of a word the typesetter
//!   hyphenated, keeping the hyphen of a compound such as `Secretary-General`).
//!   Labels, the preamble opener and text set in columns never join.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

mod join;
use join::{Join, blank_line_paragraphs, ends_paragraph, join, wrap_join};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

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
    /// For each byte of `text`, the `[start, end)` byte range in the original.
    pub map: Vec<[u32; 2]>,
    /// Footnote marks removed from the text.
    pub marks: Vec<FootnoteMark>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Blank,
    Furniture,
    Content,
}

#[derive(Debug)]
struct Frag {
    kind: Kind,
    text: String,
    map: Vec<[u32; 2]>,
    marks: Vec<FootnoteMark>,
    /// Markdown hard break (two trailing spaces or a backslash).
    hard_break: bool,
    /// Was a markdown `#` header: always its own paragraph.
    header: bool,
    /// The original line terminator.
    brk: Range<usize>,
}

impl Frag {
    fn push(&mut self, s: &str, from: Range<usize>) {
        self.text.push_str(s);
        let m = [from.start as u32, from.end as u32];
        self.map.extend(std::iter::repeat_n(m, s.len()));
    }

    fn trim_end(&mut self) {
        let keep = self.text.trim_end().len();
        self.text.truncate(keep);
        self.map.truncate(keep);
        // A mark after trailing spaces now sits at the end of the text.
        for m in &mut self.marks {
            m.normalized = m.normalized.min(keep);
        }
    }
}

static RULE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*([-*_=—–]\s*){3,}$").unwrap());
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
/// The separator above the footnotes of a page: a line of underscores.
static FOOTNOTE_RULE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*_{5,}\s*$").unwrap());
/// A footnote's number opening its line under the separator, and the space after it.
static FOOTNOTE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\((\d{1,3})\)|(\d{1,3}))\s+").unwrap());
static HEADER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*#{1,6}\s+").unwrap());
static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*[-*•+▪●]\s+").unwrap());
static SUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^<sup>\s*\(?\s*([0-9A-Za-z*]{1,4})\s*\)?\s*</sup>").unwrap());
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[([^\[\]\n]*)\]\(([^()\s]*)\)").unwrap());

/// A line that is printed page furniture whatever the document: a page
/// number, a job number, a barcode, "Please recycle", a document symbol
/// alone (a running header when it repeats). The PDF reader asks this to
/// see through page breaks.
pub fn is_page_furniture(line: &str) -> bool {
    PAGE_NUMBER.is_match(line)
        || JOB_LINE.is_match(line)
        || BARCODE.is_match(line)
        || RECYCLE.is_match(line)
}

/// A line of a page margin made only of furniture pieces: job number,
/// `(C)`, barcode, page number (`3`, `3/12`), document symbol, "Please
/// recycle" (`19-21813 (C)  *1921813*`, `A/RES/74/28  3`), also as
/// pdftotext reorders them on an Arabic page (`)C( 19-21813`, `**1921813`).
pub fn is_margin_furniture(line: &str) -> bool {
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

/// How a line wrapped inside a paragraph joins the next one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wrap {
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
pub fn wrap(a: &str, b: &str) -> Wrap {
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
        && !join::is_compound(a.trim_end(), b.trim_start())
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

/// Footnote reference digits glued by PDF extraction to what comes before
/// them: after a lower-case word of four letters or more (`Declaration8`),
/// or after closing punctuation that does not follow a digit (`》2`, `;6`),
/// and before the end of the line, a space, punctuation or a Chinese
/// character. Their byte length.
fn glued_reference(line: &str, i: usize, next: Option<&str>) -> Option<usize> {
    let before = line[..i].chars().next_back()?;
    let run = line[i..].bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&run) || line[i..].starts_with('0') {
        return None;
    }
    let after = line[i + run..].chars().next();
    // A number cut by the line break (`两周，7` / `个代表团`, `20` / `10`)
    // goes on at the start of the next line.
    let units = "年月日时分份个位名人家国次件起种类项条款段届号多余倍万亿千百十%";
    let goes_on = next.is_some_and(|n| {
        let digits = n.bytes().take_while(u8::is_ascii_digit).count();
        // `2. 欢迎…` opens the next paragraph: the number before is a reference.
        let label = digits > 0 && n[digits..].trim_start().starts_with(['.', '．', ')', '-']);
        n.starts_with(|c: char| units.contains(c)) || digits > 0 && !label
    });
    if line[i + run..].trim().is_empty() && goes_on {
        return None;
    }
    let after_ok = after.is_none_or(|c| {
        c.is_whitespace()
            || is_cjk(c)
            || matches!(c, ',' | ';' | ':' | '，' | '。' | '；' | '：' | '、')
    }) || after == Some('.') && line[i + run + 1..].trim().is_empty();
    if !after_ok {
        return None;
    }
    let word: Vec<char> = line[..i]
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    // The word may be capitalized (`Declaration8`), not in capitals (`G77`).
    let lower_word = |w: &[char]| w.len() >= 4 && w[..w.len() - 1].iter().all(|c| c.is_lowercase());
    let glued = if before.is_lowercase() {
        lower_word(&word)
    } else if before == '。' {
        line[i + run..].trim().is_empty()
    } else if before == '.' {
        // `States.3` at the end of a paragraph; not `Rev.1`, `No.5` or `1.5`.
        let w: Vec<char> = line[..i - 1]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        lower_word(&w) && line[i + run..].trim().is_empty()
    } else {
        let prev = line[..i].chars().rev().nth(1);
        let after_text = line[i + run..].trim_start();
        let at_end = after_text.is_empty();
        // `，22份`, `、4月8日`: a count or a date, not a reference.
        let unit = after.is_some_and(|c| units.contains(c));
        prev.is_some_and(|p| !p.is_ascii_digit() && !p.is_whitespace())
            && match before {
                // A closing bracket or quote: `《宣言》8`, `》2执行情况`.
                '》' | '」' | '』' | '”' | '）' => at_end || !unit,
                ')' => at_end || after.is_some_and(char::is_whitespace),
                // `Secretary-General;6`, `2001-2010,2 including`.
                ';' | ',' => {
                    at_end
                        || after.is_some_and(char::is_whitespace)
                            && after_text.starts_with(|c: char| c.is_ascii_lowercase())
                }
                // Chinese punctuation: only at the end of the extracted line.
                '，' | '；' | '、' => at_end,
                _ => false,
            }
    };
    glued.then_some(run)
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
    let start = f.map.first().map_or(base, |m| m[0] as usize);
    let end = f.map.get(cut - 1).map_or(start, |m| m[1] as usize);
    f.marks.push(FootnoteMark {
        label: num.as_str().to_string(),
        original: start..end,
        normalized: 0,
        line_start: true,
    });
    f.text.drain(..cut);
    f.map.drain(..cut);
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

fn count_symbol_lines(
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

fn frag(
    original: &str,
    content: Range<usize>,
    brk: Range<usize>,
    symbols: &std::collections::HashMap<String, usize>,
    // `Some(next line of text)` when glued references are read.
    glued: Option<Option<&str>>,
) -> Frag {
    let line = &original[content.clone()];
    let mut f = Frag {
        kind: Kind::Content,
        text: String::new(),
        map: Vec::new(),
        marks: Vec::new(),
        hard_break: line.ends_with("  ") || line.ends_with('\\'),
        header: false,
        brk,
    };
    if line.trim().is_empty() {
        f.kind = Kind::Blank;
        return f;
    }
    // A symbol line is a running header only when it repeats: once, it is
    // the masthead or the document's own symbol line.
    let running_header = crate::lang::symbol::running_header(line)
        .is_some_and(|sym| symbols.get(sym).copied().unwrap_or(0) > 1);
    if RULE.is_match(line) || is_page_furniture(line) || running_header {
        f.kind = Kind::Furniture;
        return f;
    }
    // Leading furniture: indentation, a markdown header mark, a list bullet.
    let mut i = line.len() - line.trim_start().len();
    if let Some(m) = HEADER.find(&line[i..]) {
        f.header = true;
        i += m.end();
    }
    if let Some(m) = BULLET.find(&line[i..]) {
        // A bullet that is really an Arabic label dash (`1 -`) never opens a line.
        i += m.end();
    }
    let base = content.start;
    // Markdown emphasis (`*Recalling*`, `**Decides**`) comes in pairs; an odd
    // count means a literal asterisk somewhere, and then none is touched.
    let emphasis_ok = line.matches('*').count() % 2 == 0;
    let mut link_close: Option<(usize, usize)> = None;
    // One buffer for every character that NFKC changes.
    let mut run = String::new();
    while i < line.len() {
        let rest = &line[i..];
        if let Some((at, after)) = link_close
            && i == at
        {
            i = after;
            link_close = None;
            continue;
        }
        if rest.starts_with("<sup>")
            && let Some(c) = SUP.captures(rest)
        {
            let len = c.get(0).map_or(0, |m| m.end());
            f.marks.push(FootnoteMark {
                label: c[1].to_string(),
                original: base + i..base + i + len,
                normalized: f.text.len(),
                line_start: f.text.trim().is_empty(),
            });
            i += len;
            continue;
        }
        if rest.starts_with('[')
            && link_close.is_none()
            && let Some(c) = LINK.captures(rest)
        {
            let text_end = i + 1 + c[1].len();
            let all_end = i + c.get(0).map_or(0, |m| m.end());
            link_close = Some((text_end, all_end));
            i += 1;
            continue;
        }
        let Some(ch) = rest.chars().next() else { break };
        if let Some((label, len)) =
            superscript_mark(rest).filter(|_| !is_unit_exponent(&line[..i], ch))
        {
            f.marks.push(FootnoteMark {
                label,
                original: base + i..base + i + len,
                normalized: f.text.len(),
                line_start: f.text.trim().is_empty(),
            });
            i += len;
            continue;
        }
        if ch.is_ascii_digit()
            && let Some(next) = glued
            && let Some(len) = glued_reference(line, i, next)
        {
            f.marks.push(FootnoteMark {
                label: line[i..i + len].to_string(),
                original: base + i..base + i + len,
                normalized: f.text.len(),
                line_start: false,
            });
            i += len;
            continue;
        }
        if is_invisible(ch) {
            i += ch.len_utf8();
            continue;
        }
        if ch == '*'
            && let Some(len) = emphasis_mark(line, i, emphasis_ok)
        {
            i += len;
            continue;
        }
        if let Some(d) = eastern_digit(ch) {
            f.push(
                d.encode_utf8(&mut [0; 4]),
                base + i..base + i + ch.len_utf8(),
            );
            i += ch.len_utf8();
            continue;
        }
        if ch.is_ascii() {
            let c = if ch == '\t' { ' ' } else { ch };
            f.push(c.encode_utf8(&mut [0; 4]), base + i..base + i + 1);
            i += 1;
            continue;
        }
        // A base character with its combining marks normalizes as one unit.
        let mut j = i + ch.len_utf8();
        for c in line[j..].chars() {
            if c.is_ascii() || is_plain(c) || canonical_combining_class(c) == 0 {
                break;
            }
            j += c.len_utf8();
        }
        let one = j == i + ch.len_utf8();
        if one && (is_plain(ch) || is_nfkc_quick(std::iter::once(ch)) == IsNormalized::Yes) {
            // Most characters are their own NFKC form (a Han character,
            // a Cyrillic or Arabic letter): no normalizer to run.
            f.push(ch.encode_utf8(&mut [0; 4]), base + i..base + j);
        } else {
            run.clear();
            run.extend(line[i..j].nfkc());
            f.push(&run, base + i..base + j);
        }
        i = j;
    }
    f.trim_end();
    // Leading spaces left by removed marks or bullets.
    let lead = f.text.len() - f.text.trim_start().len();
    if lead > 0 {
        f.text.drain(..lead);
        f.map.drain(..lead);
        for m in &mut f.marks {
            m.normalized = m.normalized.saturating_sub(lead);
        }
    }
    if f.text.is_empty() {
        f.kind = if f.marks.is_empty() {
            Kind::Furniture
        } else {
            Kind::Content
        };
    }
    f
}

/// A letter that is its own NFKC form and no combining mark, known without
/// the normalizer's tables: Latin-1 letters, basic Cyrillic, Arabic
/// letters, CJK unified ideographs (the bulk of the six languages' text).
fn is_plain(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{FF}' | '\u{410}'..='\u{44F}' | '\u{621}'..='\u{63A}' | '\u{641}'..='\u{64A}' | '\u{4E00}'..='\u{9FFF}')
}

/// The byte length of a markdown emphasis delimiter (`*`, `**`, `***`) at
/// `i`: a run touching a word on one side only (`*Recalling*`, not `2 * 3`
/// or `A*B`).
fn emphasis_mark(line: &str, i: usize, allowed: bool) -> Option<usize> {
    if !allowed {
        return None;
    }
    let run = line[i..].bytes().take_while(|&b| b == b'*').count();
    if run > 3 {
        return None;
    }
    let before = line[..i].chars().next_back();
    let after = line[i + run..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    (word(before) != word(after)).then_some(run)
}

/// A run of superscript digits at the start of `s`, perhaps in superscript
/// brackets (`¹`, `¹²`, `⁽³⁾` as Arabic documents write them): one footnote
/// mark, its number and byte length.
fn superscript_mark(s: &str) -> Option<(String, usize)> {
    let mut label = String::new();
    let mut len = 0;
    let mut chars = s.chars().peekable();
    let open = chars.peek() == Some(&'⁽');
    if open {
        chars.next();
        len += '⁽'.len_utf8();
    }
    while let Some(d) = chars.peek().copied().and_then(superscript_digit) {
        label.push(d);
        len += chars.next().map_or(0, char::len_utf8);
    }
    if label.is_empty() {
        return None;
    }
    if open {
        // An unclosed bracket stays a mark: the digits are what counts.
        if chars.peek() == Some(&'⁾') {
            len += '⁾'.len_utf8();
        }
    }
    Some((label, len))
}

/// `km²`, `m³`, `平方公里²`: a square or cube after a unit of measure is
/// part of the text, not a footnote mark.
fn is_unit_exponent(before: &str, c: char) -> bool {
    if !matches!(c, '²' | '³') {
        return false;
    }
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    matches!(
        word.as_str(),
        "m" | "km" | "cm" | "mm" | "ft" | "mi" | "м" | "км" | "см" | "мм" | "米" | "公里"
    )
}

fn superscript_digit(c: char) -> Option<char> {
    Some(match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴' => '4',
        '⁵' => '5',
        '⁶' => '6',
        '⁷' => '7',
        '⁸' => '8',
        '⁹' => '9',
        _ => return None,
    })
}

fn eastern_digit(c: char) -> Option<char> {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        _ => None,
    }
}

/// A character the view drops where it stands (PDF justification, soft
/// hyphens, joiners, direction marks); output keeps it between the
/// characters around it ([`crate::load::Offsets::original_text`]).
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{0640}' | '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}'
    )
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{3001}' | '\u{300A}'..='\u{300B}' | '\u{201C}' | '\u{201D}')
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
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
        map: Vec::with_capacity(original.len()),
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
        let gap_end = f.map.first().map_or(f.brk.start, |m| m[0] as usize);
        push_mapped(
            view,
            sep,
            [*gap_start as u32, gap_end.max(*gap_start) as u32],
        );
    }
    let shift = view.text.len();
    view.text.push_str(&f.text);
    view.map.extend_from_slice(&f.map);
    view.marks.extend(f.marks.iter().cloned().map(|mut m| {
        m.normalized += shift;
        m
    }));
    *gap_start = f.map.last().map_or(f.brk.start, |m| m[1] as usize);
}

fn push_mapped(view: &mut View, s: &str, m: [u32; 2]) {
    view.text.push_str(s);
    view.map.extend(std::iter::repeat_n(m, s.len()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_letters_are_their_own_nfkc_form_and_no_combining_mark() {
        let wrong: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c))
            .filter(|&c| {
                canonical_combining_class(c) != 0
                    || is_nfkc_quick(std::iter::once(c)) != IsNormalized::Yes
                    || std::iter::once(c).nfkc().ne(std::iter::once(c))
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    fn v(s: &str) -> String {
        build(s).text
    }

    #[test]
    fn unit_exponents_are_text() {
        assert_eq!(v("2.5 million km² of land"), "2.5 million km2 of land");
        assert_eq!(v("report²"), "report");
    }

    #[test]
    fn strips_furniture() {
        assert_eq!(v("## Title\n\n---\n\n  - (a) item;\n"), "Title\n(a) item;");
        assert_eq!(v("see [A/65/201](#)."), "see A/65/201.");
        assert_eq!(v("report,<sup>3</sup>\n"), "report,");
        assert_eq!(v("text,\n\n12\n\nmore"), "text,\nmore");
    }

    #[test]
    fn running_header_needs_repeats() {
        assert_eq!(v("A/RES/74/28\nbody,\nA/RES/74/28\nend."), "body,\nend.");
        assert_eq!(v("A/RES/74/28\nbody,"), "A/RES/74/28\nbody,");
    }

    #[test]
    fn page_footers_and_headers_beside_a_title() {
        let page = "text of the page,\n19-21972                 1/3\nA/RES/74/28      Short title\nmore text,\n19-21972 (C)\nShort title      A/RES/74/28\nend.";
        assert_eq!(v(page), "text of the page,\nmore text,\nend.");
        // Once only, a symbol beside a title is a masthead the parser reads.
        assert_eq!(
            v("United Nations      A/RES/74/28\nbody,"),
            "United Nations      A/RES/74/28\nbody,"
        );
    }

    #[test]
    fn long_paragraph_numbers_stay_apart_years_join() {
        assert_eq!(
            v("Notes the report;\n1000. Decides"),
            "Notes the report;\n1000. Decides"
        );
        assert_eq!(v("注意到报告；\n12345. 决定"), "注意到报告;\n12345. 决定");
        assert_eq!(
            v("Recalling its resolution 53/70 of 4 December\n2017. Decides"),
            "Recalling its resolution 53/70 of 4 December 2017. Decides"
        );
    }

    #[test]
    fn joins_before_a_number_but_not_a_label_or_columns() {
        assert_eq!(
            v("Recalling its resolution 53/70 of 4 December\n1998 and 54/49,"),
            "Recalling its resolution 53/70 of 4 December 1998 and 54/49,"
        );
        assert_eq!(
            v("Recalling its resolution 53/70 of 4 December\n2017."),
            "Recalling its resolution 53/70 of 4 December 2017."
        );
        assert_eq!(
            v("Recalling its resolution 53/70 of 4 December\n2. Decides"),
            "Recalling its resolution 53/70 of 4 December\n2. Decides"
        );
        assert_eq!(
            v("General Assembly            Distr.: General\n18 December 2019"),
            "General Assembly            Distr.: General\n18 December 2019"
        );
        // Outline labels, chapters and `第一款` open their own paragraph.
        for next in [
            "1.1 By 2030, end",
            "1.a Ensure significant",
            "Chapter II",
            "第二款 人人",
        ] {
            let text = format!("End poverty in all its forms everywhere and for all time\n{next}");
            assert_eq!(v(&text), text, "{next}");
        }
    }

    #[test]
    fn one_paragraph_per_line_text_never_joins() {
        // Goals without a final stop, each followed by its targets: lines of
        // very different lengths are paragraphs, not a printed page.
        let long = "By 2030, eradicate extreme poverty for all people everywhere, currently measured as people living on less than $1.25 a day, and reduce poverty";
        let mut text = String::new();
        for k in 0..6 {
            text.push_str(&format!(
                "End poverty in all its forms everywhere number {k}\n{long}.\n"
            ));
        }
        assert_eq!(v(&text), text.trim_end());
    }

    #[test]
    fn markdown_emphasis_goes_literal_asterisks_stay() {
        assert_eq!(
            v("*Recalling* its resolution 53/70,\n1. **Decides** to act;"),
            "Recalling its resolution 53/70,\n1. Decides to act;"
        );
        assert_eq!(v("2 * 3 = 6, A*B"), "2 * 3 = 6, A*B");
        assert_eq!(
            v("Reissued for technical reasons*"),
            "Reissued for technical reasons*"
        );
    }

    #[test]
    fn hyphen_at_a_line_end() {
        let cases = [
            (
                "Recognizing that the dissemination of information tech-\nnologies affects everyone,",
                "Recognizing that the dissemination of information technologies affects everyone,",
            ),
            (
                "Requests the Secretary-General and the Under-Secretary-\nGeneral to report,",
                "Requests the Secretary-General and the Under-Secretary-General to report,",
            ),
            (
                "Reaffirming the right of all peoples to self-\ndetermination, in accordance with the Charter,",
                "Reaffirming the right of all peoples to self-determination, in accordance with the Charter,",
            ),
            (
                "Decides to include in the provisional agenda of its seventy-\nfifth session the item,",
                "Decides to include in the provisional agenda of its seventy-fifth session the item,",
            ),
            (
                "призывает все заинтересованные государства-\nчлены продолжать сотрудничество,",
                "призывает все заинтересованные государства-члены продолжать сотрудничество,",
            ),
            (
                "подчеркивает важность использования информа-\nционных технологий в мирных целях,",
                "подчеркивает важность использования информационных технологий в мирных целях,",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(v(input), want);
        }
    }

    #[test]
    fn a_long_title_does_not_swallow_the_opener() {
        let t = "Advancing responsible State behaviour in cyberspace in the context of international security\nThe General Assembly,\nRecalling its resolutions,";
        assert_eq!(v(t), t);
    }

    #[test]
    fn joins_broken_lines() {
        let zh = "注意到在发展和应用最新的信息技术和电信手段\n方面取得了显著进展，";
        assert_eq!(
            v(zh),
            "注意到在发展和应用最新的信息技术和电信手段方面取得了显著进展,"
        );
        let en =
            "Recognizing that the dissemination of information tech-\nnologies affects everyone,";
        assert_eq!(
            v(en),
            "Recognizing that the dissemination of information technologies affects everyone,"
        );
        let en2 =
            "Recognizing that the dissemination of information\ntechnologies affects everyone,";
        assert_eq!(
            v(en2),
            "Recognizing that the dissemination of information technologies affects everyone,"
        );
        assert_eq!(v("Preamble\nWhereas"), "Preamble\nWhereas");
    }

    #[test]
    fn glued_footnote_digits() {
        // (line, references taken aside, view text)
        let rows: [(&str, &[&str], &str); 13] = [
            (
                "Reaffirms its commitment to the Declaration8 adopted",
                &["8"],
                "Reaffirms its commitment to the Declaration adopted",
            ),
            (
                "1. Takes note of the report of the Secretary-General;6",
                &["6"],
                "1. Takes note of the report of the Secretary-General;",
            ),
            ("2. 欢迎《行动纲领》2", &["2"], "2. 欢迎《行动纲领》"),
            ("3. 通过的《宣言》8", &["8"], "3. 通过的《宣言》"),
            ("战略》，7", &["7"], "战略》,"),
            (
                "achieved by the States.3",
                &["3"],
                "achieved by the States.",
            ),
            // Not references: counts, dates, versions, decimals, codes.
            (
                "有3份的评级为总体无保留，22份为部分满意",
                &[],
                "有3份的评级为总体无保留,22份为部分满意",
            ),
            (
                "4月8日和9日在西乌韦勒县、4月6日",
                &[],
                "4月8日和9日在西乌韦勒县、4月6日",
            ),
            ("see A/CONF.199/20/Rev.1", &[], "see A/CONF.199/20/Rev.1"),
            (
                "a rate of 1.5 per cent; 2 cases",
                &[],
                "a rate of 1.5 per cent; 2 cases",
            ),
            ("the Group of 77 and G77", &[], "the Group of 77 and G77"),
            ("少于两周，7\n个代表团", &[], "少于两周,7\n个代表团"),
            (
                "paragraph 2;3 of the annex",
                &[],
                "paragraph 2;3 of the annex",
            ),
        ];
        for (line, refs, text) in rows {
            let view = build_pdf_text(line);
            assert!(
                build(line).marks.is_empty(),
                "plain text keeps its digits: {line}"
            );
            let got: Vec<&str> = view.marks.iter().map(|m| m.label.as_str()).collect();
            assert_eq!(got, refs, "{line}");
            assert_eq!(view.text, text, "{line}");
        }
    }

    #[test]
    fn wrapped_lines_join() {
        let rows = [
            ("支援最不发达国家行动纲领", "科托努战略", Wrap::Tight),
            ("人人有权享受平等保护,", "以免受违反", Wrap::Tight),
            ("the Secretary-", "General", Wrap::Tight),
            ("develop-", "ment of", Wrap::Dehyphen),
            ("self-", "determination", Wrap::Tight),
            ("co\u{2010}", "operation", Wrap::Tight),
            ("to the", "report", Wrap::Space),
        ];
        for (a, b, want) in rows {
            assert_eq!(wrap(a, b), want, "{a} / {b}");
        }
    }

    #[test]
    fn page_furniture_lines() {
        for l in [
            "19-21813 (C)",
            "*1921813*",
            "Please recycle",
            "♲ Please recycle ♲",
            "3/12",
        ] {
            assert!(is_page_furniture(l), "{l}");
        }
        for l in [
            "A/RES/74/28  3",
            "19-21813 (C)  *1921813*",
            "2 A/74/100",
            ")C( 19-21813",
            "**1921813",
        ] {
            assert!(is_margin_furniture(l), "{l}");
        }
        for l in ["Article 12", "1. Decides to continue", "19 December 2019"] {
            assert!(!is_page_furniture(l) && !is_margin_furniture(l), "{l}");
        }
    }
}

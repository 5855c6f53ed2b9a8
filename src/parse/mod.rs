//! The structure of a UN document: from a loaded [`Text`] to a [`Document`].
//!
//! Recognized, in the six languages: title lines, the agenda item, the
//! preamble opener (`大会，`, `The General Assembly,` …), unlabelled
//! preambular paragraphs, numbered operative paragraphs (`1.`, `1 -`, `١ -`,
//! full-width digits), sub-paragraphs attached to their parent (`2(a)`,
//! `2(a)(ii)`; `a)`, `а)`, `(أ)`, mirrored brackets), headings (`I.`, `A.`,
//! `一、`, `أولا -`), articles (`Article 1`, `Article premier`, `第一条`,
//! `Статья 1`, `Artículo 1`, `المادة 1`), footnotes wherever they sit, and
//! the closing (date and meeting: `46th plenary meeting`, or a Council's
//! one-line `Adopted by the Security Council at its 8688th meeting, on …`).
//! [`Document::agenda_item`], [`Document::report_symbol`],
//! [`Document::resolution_number`], [`Document::meeting`] and
//! [`Document::date`] read those facts back.
//!
//! Numbering that skips or repeats is kept as written and reported as a
//! [`Finding`].
//!
//! ```
//! use sixalign::load::Text;
//! use sixalign::parse::{parse, ParseOptions};
//! use sixalign::{BlockKind, Lang};
//!
//! let text = Text::from_bytes("memo", "大会，\n\n回顾其决议，\n\n1. 促请会员国：\n(a) 支持；\n".as_bytes())?;
//! let doc = parse(&text, &ParseOptions::default())?;
//! assert_eq!(doc.lang, Lang::Zh);
//! let keys: Vec<_> = doc.blocks.iter().filter_map(|b| b.label.as_ref()).map(|l| l.key.as_str()).collect();
//! assert_eq!(keys, ["1", "1(a)"]);
//! assert_eq!(doc.blocks[1].kind, BlockKind::Preamble);
//! assert_eq!(doc.blocks[1].text, "回顾其决议，");
//! # Ok::<(), sixalign::Error>(())
//! ```

mod checks;
mod lines;
mod readers;

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::document::{Block, BlockKind, Document, Footnote, Label};
use crate::error::{Error, ErrorKind, Result};
use crate::finding::{Finding, FindingKind, Severity};
use crate::lang::labels::{self, SubMark, ZhMark};
use crate::lang::{self, Lang, tables};
use crate::load::Text;

use lines::{with_bare_labels_joined, with_inline_labels_split, with_lettered_runs_split};
use readers::find_symbol;

/// What the caller knows about the document.
#[derive(Clone, Debug, Default)]
pub struct ParseOptions {
    /// The language; detected from the text when `None`.
    pub lang: Option<Lang>,
    /// The document symbol (`A/RES/74/28`); looked for in the text when `None`.
    pub symbol: Option<String>,
}

/// Loads and parses a file (`-` for standard input).
pub fn parse_path(path: &Path, opts: &ParseOptions) -> Result<Document> {
    let text = Text::from_path(path)?;
    parse_text(text, opts).map_err(|e| e.with_path(path))
}

/// Where the parser is in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Title,
    Preamble,
    Body,
}

/// Parses a loaded text into its blocks and footnotes.
///
/// Fails only when the language cannot be told and was not given; every
/// other oddity (no numbering, numbering gaps, no opener) is a finding.
/// The document keeps a copy of `text` ([`Document::text`]); [`parse_text`]
/// takes it without copying.
pub fn parse(text: &Text, opts: &ParseOptions) -> Result<Document> {
    parse_text(text.clone(), opts)
}

/// [`parse`], keeping `text` in the document without a copy.
pub fn parse_text(text: Text, opts: &ParseOptions) -> Result<Document> {
    parse_view(&Arc::new(text), opts)
}

fn parse_view(text: &Arc<Text>, opts: &ParseOptions) -> Result<Document> {
    let view = text.normalized();
    let detected = lang::detect(view);
    let lang = match (opts.lang, detected) {
        (Some(l), _) => l,
        (None, Some(l)) => l,
        (None, None) => {
            return Err(Error::new(ErrorKind::UnknownLanguage).with_path(text.name()));
        }
    };
    let mut p = Parser {
        text,
        lang,
        blocks: Vec::new(),
        footnotes: Vec::new(),
        findings: Vec::new(),
        phase: Phase::Title,
        parent: None,
        in_article: false,
        outline: false,
    };
    if let (Some(given), Some(seen)) = (opts.lang, detected)
        && given != seen
    {
        p.finding(
            FindingKind::LanguageMismatch,
            Severity::Warning,
            None,
            None,
            format!("the language given is {given} but the text looks like {seen}"),
        );
    }
    let mut paras = with_bare_labels_joined(view, text.paragraphs().collect());
    if lang == Lang::Zh {
        paras = with_inline_labels_split(view, paras);
    }
    paras = with_lettered_runs_split(view, paras);
    let body_start = title_end(view, &paras);
    for (i, r) in paras.iter().enumerate() {
        if i == body_start && p.phase == Phase::Title {
            p.phase = Phase::Preamble;
        }
        p.paragraph(r.clone());
    }
    // A block's text, offsets and lines grew a paragraph at a time: keep
    // what they hold, not the room they grew into (up to twice their
    // length, held while the document is aligned).
    for b in &mut p.blocks {
        b.text.shrink_to_fit();
        b.offsets.shrink_to_fit();
        b.lines.shrink_to_fit();
    }
    // So does the list of blocks (a block a line in a long unnumbered text).
    p.blocks.shrink_to_fit();
    let symbol = opts.symbol.clone().or_else(|| find_symbol(text, &p.blocks));
    if symbol.is_none() {
        p.finding(
            FindingKind::NoSymbol,
            Severity::Info,
            None,
            None,
            "no document symbol found in the text; give it with --symbol".into(),
        );
    }
    p.promote_zh_numbering();
    p.check_numbering();
    p.check_footnotes();
    Ok(Document {
        name: text.name().to_string(),
        lang,
        symbol,
        blocks: p.blocks,
        footnotes: p.footnotes,
        findings: p.findings,
        text: Arc::clone(text),
    })
}

/// Index of the first paragraph after the title lines.
///
/// The opener or a "Preamble" heading ends the title; without them, the
/// first labelled paragraph or the first paragraph that reads like a clause
/// (long, ending in a comma, semicolon or stop) does, or the section
/// headings right before it.
fn title_end(view: &str, paras: &[Range<usize>]) -> usize {
    for (i, r) in paras.iter().enumerate() {
        let s = &view[r.clone()];
        if labels::is_opener(s) || labels::is_preamble_heading(s) {
            return i;
        }
    }
    for (i, r) in paras.iter().enumerate() {
        let s = &view[r.clone()];
        let clause =
            s.chars().count() >= 40 && s.trim_end().ends_with([',', ';', '.', '。', ':', '،', '؛']);
        if clause
            || labels::operative(s).is_some()
            || labels::article(s).is_some()
            || labels::division(s).is_some()
            || labels::zh_para(s).is_some()
            || labels::outline(s).is_some()
        {
            // A section heading just before the first numbered paragraph
            // (`I. Introduction` / `1. The present report…`) opens the body too.
            let mut start = i;
            while start > 0 && {
                let p = &view[paras[start - 1].clone()];
                labels::heading(p).is_some() || labels::division(p).is_some()
            } {
                start -= 1;
            }
            return start;
        }
    }
    paras.len()
}

struct Parser<'t> {
    text: &'t Text,
    lang: Lang,
    blocks: Vec<Block>,
    footnotes: Vec<Footnote>,
    findings: Vec<Finding>,
    phase: Phase,
    /// Key of the operative paragraph or article sub-paragraphs attach to,
    /// and the last sub-paragraph letter seen under it.
    parent: Option<Parent>,
    in_article: bool,
    /// An outline label (`1.1`) has been read: the document is numbered so.
    outline: bool,
}

#[derive(Clone, Debug)]
struct Parent {
    key: String,
    letter: Option<(usize, String)>,
    last_roman: Option<u32>,
}

impl Parent {
    /// A numbered paragraph or article with no sub-paragraph seen yet.
    fn new(key: String) -> Parent {
        Parent {
            key,
            letter: None,
            last_roman: None,
        }
    }
}

impl Parser<'_> {
    fn paragraph(&mut self, r: Range<usize>) {
        let view = self.text.normalized();
        let s = &view[r.clone()];
        if self.footnote(&r) {
            return;
        }
        if self.phase != Phase::Title && self.closing(&r, s) {
            return;
        }
        if let Some((n, sub, len)) = labels::article_key(s) {
            self.phase = Phase::Body;
            self.in_article = true;
            let key = labels::article_label_key(n, sub);
            self.parent = Some(Parent::new(key.clone()));
            self.push(BlockKind::Article, Some((len, key)), r);
            return;
        }
        if self.phase != Phase::Title
            && let Some((d, n, len)) = labels::division(s)
        {
            self.phase = Phase::Body;
            self.in_article = false;
            self.parent = None;
            self.push(
                BlockKind::Heading,
                Some((len, labels::division_key(d, n))),
                r,
            );
            return;
        }
        // `一、`, `（一）`, `第一款` inside an article number its paragraphs,
        // as `1.` does in the other versions: part of the article.
        if self.in_article && labels::zh_para(s).is_some() {
            self.append(r);
            return;
        }
        if self.phase != Phase::Title
            && let Some((n, mark, len)) = labels::zh_para(s)
            && (mark == ZhMark::Kuan || (mark == ZhMark::Dun && reads_as_clause(&s[len..])))
        {
            // `一、` before a sentence is a numbered paragraph (`1.`); before
            // a title, a section heading (`I.`).
            self.phase = Phase::Body;
            let key = n.to_string();
            self.parent = Some(Parent::new(key.clone()));
            self.push(BlockKind::Operative, Some((len, key)), r);
            return;
        }
        if labels::is_preamble_heading(s) {
            self.phase = Phase::Preamble;
            self.in_article = false;
            self.push(BlockKind::Heading, None, r);
            return;
        }
        if self.phase != Phase::Title
            && let Some((key, len)) = labels::heading(s)
        {
            self.in_article = false;
            self.parent = None;
            self.push(BlockKind::Heading, Some((len, key)), r);
            return;
        }
        if self.in_article {
            self.append(r);
            return;
        }
        if self.phase != Phase::Title
            && let Some((key, parts, len)) = labels::outline(s)
            && self.in_outline(&parts)
        {
            self.phase = Phase::Body;
            self.outline = true;
            self.parent = Some(Parent::new(key.clone()));
            self.push(BlockKind::Operative, Some((len, key)), r);
            return;
        }
        if self.phase != Phase::Title
            && let Some((n, len)) = labels::operative(s)
        {
            self.phase = Phase::Body;
            let key = n.to_string();
            self.parent = Some(Parent::new(key.clone()));
            self.push(BlockKind::Operative, Some((len, key)), r);
            return;
        }
        if self.phase != Phase::Title
            && let Some((mark, len)) = labels::sub(s)
        {
            let key = self.sub_key(mark);
            self.push(BlockKind::Subparagraph, Some((len, key)), r);
            return;
        }
        // The blocks so far are searched only for an opener (a search per
        // line made a document of many short paragraphs quadratic).
        if self.phase != Phase::Body
            && labels::is_opener(s)
            && !self.blocks.iter().any(|b| b.kind == BlockKind::Preamble)
        {
            self.phase = Phase::Preamble;
            self.push(BlockKind::Opener, None, r);
            return;
        }
        match self.phase {
            Phase::Title => {
                // Every agenda pattern holds a digit.
                if let Some(c) = has_digit(s)
                    .then(|| tables::compiled(self.lang).agenda().captures(s))
                    .flatten()
                {
                    let key = format!("agenda{}", &c[1]);
                    // The label is the number; the agenda line keeps its words.
                    self.push(BlockKind::Agenda, None, r);
                    if let Some(b) = self.blocks.last_mut() {
                        b.label = Some(Label {
                            raw: c[1].to_string(),
                            key,
                        });
                    }
                } else {
                    self.push(BlockKind::Title, None, r);
                }
            }
            Phase::Preamble => self.push(BlockKind::Preamble, None, r),
            Phase::Body => self.append(r),
        }
    }

    /// Whether an outline label (`1.1`, `1.a`, `A.1`) numbers a paragraph
    /// here: under its own parent (`1.` then `1.1`), in a document already
    /// numbered so, or as the first of a list (`1.1`, `1.a`). `1.5 million`
    /// opening a paragraph elsewhere is text.
    fn in_outline(&self, parts: &[&str]) -> bool {
        let top = self
            .parent
            .as_ref()
            .and_then(|p| p.key.split(['.', '(']).next().map(str::to_string));
        self.outline
            || top.as_deref() == parts.first().copied()
            || parts.get(1).is_some_and(|p| *p == "1" || *p == "a")
    }

    /// The key of a sub-paragraph under the current parent, `2(b)` or `2(b)(ii)`.
    fn sub_key(&mut self, mark: SubMark) -> String {
        let parent = self
            .parent
            .get_or_insert_with(|| Parent::new(String::new()));
        let prev_letter = parent.letter.as_ref().map(|(i, _)| *i);
        let as_roman = match mark {
            SubMark::Roman(v) => Some(v),
            // `(i)` right after `(h)` is the letter i; otherwise a roman one.
            SubMark::Letter {
                index,
                roman: Some(v),
            } => {
                let follows_letter = prev_letter.is_some_and(|p| p + 1 == index)
                    || (prev_letter.is_none() && index == 0);
                let in_roman_run = parent.last_roman.is_some_and(|r| r + 1 == v);
                // A roman run opens with `(i)`; `(c)` after `(a)` is a skipped letter.
                let opens_run = v == 1 && prev_letter.is_some();
                (!follows_letter && (opens_run || in_roman_run)).then_some(v)
            }
            SubMark::Letter { .. } => None,
        };
        match (as_roman, mark) {
            (Some(v), _) => {
                parent.last_roman = Some(v);
                let base = match &parent.letter {
                    Some((_, k)) => k.clone(),
                    None => parent.key.to_string(),
                };
                format!("{base}({})", tables::roman(v).to_lowercase())
            }
            (None, SubMark::Letter { index, .. }) => {
                // Letters starting again at (a) under a numbered paragraph
                // whose list went past (a), with no number between: that
                // number was lost (run into the line before, or dropped in
                // conversion), and they are the next paragraph's.
                if index == 0
                    && prev_letter.is_some_and(|p| p > 0)
                    && let Ok(n) = parent.key.parse::<u32>()
                {
                    *parent = Parent::new((n + 1).to_string());
                }
                let key = format!("{}({})", parent.key, tables::letter_key(index));
                parent.letter = Some((index, key.clone()));
                parent.last_roman = None;
                key
            }
            (None, SubMark::Roman(_)) => unreachable!("a roman mark is always roman"),
        }
    }

    fn push(&mut self, kind: BlockKind, label: Option<(usize, String)>, r: Range<usize>) {
        let (text_range, label) = match label {
            Some((len, key)) => {
                let raw = self.text.original_text(r.start..r.start + len);
                (
                    r.start + len..r.end,
                    Some(Label {
                        raw: raw.trim().to_string(),
                        key,
                    }),
                )
            }
            None => (r.clone(), None),
        };
        let span = self.text.to_original(r.clone()).unwrap_or(0..0);
        let (text, offsets) = self.text.original_text_trimmed(text_range.clone());
        let line = self.text.line_of(span.start);
        let block = Block {
            kind,
            label,
            text,
            line,
            lines: vec![line],
            span,
            normalized: text_range,
            offsets,
            footnote_refs: self.refs(&r),
        };
        self.blocks.push(block);
    }

    /// Adds a paragraph to the block before it (an article's paragraphs,
    /// an unlabelled continuation of an operative paragraph).
    fn append(&mut self, r: Range<usize>) {
        let refs = self.refs(&r);
        let (add, add_offsets) = self.text.original_text_trimmed(r.clone());
        let span = self.text.to_original(r.clone()).unwrap_or(0..0);
        match self.blocks.last_mut() {
            Some(b) => {
                let line = self.text.line_of(span.start);
                if b.text.is_empty() {
                    b.offsets = add_offsets;
                    b.lines = vec![line];
                } else {
                    b.offsets.append(b.text.len(), &add_offsets);
                    b.text.push('\n');
                    b.lines.push(line);
                }
                b.text.push_str(&add);
                b.span.end = b.span.end.max(span.end);
                b.normalized.end = b.normalized.end.max(r.end);
                b.footnote_refs.extend(refs);
            }
            None => self.push(BlockKind::Preamble, None, r),
        }
    }

    /// The marks whose position lies in `r` (both ends included): marks are
    /// in document order, so a binary search finds them without a scan.
    fn marks_in(&self, r: &Range<usize>) -> &[crate::normalize::FootnoteMark] {
        let marks = self.text.footnote_marks();
        let lo = marks.partition_point(|m| m.normalized < r.start);
        let hi = marks.partition_point(|m| m.normalized <= r.end);
        marks.get(lo..hi.max(lo)).unwrap_or(&[])
    }

    fn refs(&self, r: &Range<usize>) -> Vec<String> {
        self.marks_in(r)
            .iter()
            .filter(|m| !m.line_start)
            .map(|m| m.label.clone())
            .collect()
    }

    /// A paragraph opening with a footnote mark is that footnote's text.
    fn footnote(&mut self, r: &Range<usize>) -> bool {
        let Some(mark) = self
            .marks_in(&(r.start..r.start))
            .iter()
            .find(|m| m.line_start)
            .cloned()
        else {
            return false;
        };
        let (text, offsets) = self.text.original_text_trimmed(r.clone());
        let span_end = self
            .text
            .to_original(r.clone())
            .map_or(mark.original.end, |s| s.end);
        self.footnotes.push(Footnote {
            label: mark.label.clone(),
            text,
            span: mark.original.start..span_end.max(mark.original.end),
            offsets,
            line: self.text.line_of(mark.original.start),
        });
        true
    }

    /// The closing: a date line or a meeting line after the body.
    /// Consecutive closing lines make one block.
    fn closing(&mut self, r: &Range<usize>, s: &str) -> bool {
        // A numbered paragraph citing a meeting or a date is not the closing.
        // Every date and meeting pattern holds a digit.
        if !has_digit(s) || labels::operative(s).is_some() || labels::sub(s).is_some() {
            return false;
        }
        let c = tables::compiled(self.lang);
        let len = s.chars().count();
        let date = c.date().find(s);
        // `46th plenary meeting` alone, or a Council's one-line closing
        // (`Adopted by the Security Council at its 8688th meeting, on 16 December 2019`).
        let one_line_closing = self.phase == Phase::Body
            && date.is_some()
            && len < 130
            && !s.trim_end().ends_with([',', ';', ':', '،', '؛']);
        // Alone, the meeting is nearly the whole line (`第 46 次全体会议`,
        // `46-е пленарное заседание,`), not a clause citing a meeting.
        let alone = |m: regex::Match| len - s[m.range()].chars().count() < 6;
        let is_meeting = c
            .meeting()
            .find(s)
            .is_some_and(|m| alone(m) || one_line_closing);
        let is_date = date.is_some_and(alone);
        if !is_meeting && !is_date {
            return false;
        }
        if self
            .blocks
            .last()
            .is_some_and(|b| b.kind == BlockKind::Closing)
        {
            self.append(r.clone());
        } else {
            self.in_article = false;
            self.push(BlockKind::Closing, None, r.clone());
        }
        true
    }

    fn finding(
        &mut self,
        kind: FindingKind,
        severity: Severity,
        label: Option<String>,
        line: Option<usize>,
        message: String,
    ) {
        self.findings.push(Finding {
            kind,
            severity,
            label,
            line,
            message,
        });
    }
}

/// Text that reads as a clause, not a title: long, or ending like a
/// sentence or a clause.
fn reads_as_clause(s: &str) -> bool {
    let t = s.trim_end();
    t.chars().count() >= 30 || t.ends_with([',', ';', '.', '。', ':', '，', '；', '：'])
}

/// Whether `s` holds a decimal digit of any script (`\d`, which
/// `char::is_numeric` covers): what the agenda, meeting and date patterns
/// need before they are worth asking.
fn has_digit(s: &str) -> bool {
    // ASCII by bytes; Han characters, most of a Chinese line, are no digit
    // (`〇` is outside their blocks) and need no table look-up.
    s.chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_digit()
        } else {
            !crate::lang::letters::is_han(c) && c.is_numeric()
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn has_digit_is_any_numeric_character() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            assert_eq!(super::has_digit(s), c.is_numeric(), "{:X}", c as u32);
        }
        assert!(super::has_digit("第 46 次全体会议") && !super::has_digit("大会，"));
    }
}

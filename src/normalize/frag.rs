//! One line of the original as the view reads it: its kind (blank, page
//! furniture, content), its text folded (NFKC, Eastern Arabic digits, no
//! invisible characters) with the byte map back to the original, markdown
//! markup taken off (headers, bullets, links, emphasis) and its footnote
//! marks taken aside.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::FootnoteMark;
use super::chars::{eastern_digit, is_invisible, is_plain};
use super::furniture::{RULE, is_page_furniture};
use super::map::ByteMap;
use super::marks::{SUP, glued_reference, is_unit_exponent, superscript_mark};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Blank,
    Furniture,
    Content,
}

#[derive(Debug)]
pub(super) struct Frag {
    pub(super) kind: Kind,
    pub(super) text: String,
    pub(super) map: ByteMap,
    pub(super) marks: Vec<FootnoteMark>,
    /// Markdown hard break (two trailing spaces or a backslash).
    pub(super) hard_break: bool,
    /// Was a markdown `#` header: always its own paragraph.
    pub(super) header: bool,
    /// The original line terminator.
    pub(super) brk: Range<usize>,
}

impl Frag {
    fn push(&mut self, s: &str, from: Range<usize>) {
        self.text.push_str(s);
        self.map.push(s, from);
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

static HEADER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*#{1,6}\s+").unwrap());

static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*[-*•+▪●]\s+").unwrap());

static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[([^\[\]\n]*)\]\(([^()\s]*)\)").unwrap());

/// Reads one line of `original` (its text `content`, its terminator
/// `brk`); `symbols` counts the document symbols heading lines, so that a
/// repeated one is a running header.
pub(super) fn frag(
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
        map: ByteMap::default(),
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
    let from = f.skip_leading_markup(line);
    f.read(line, from, content.start, glued);
    f.finish();
    f
}

impl Frag {
    /// Where the text of `line` starts after its leading furniture:
    /// indentation, a markdown header mark (the line is a header), a list
    /// bullet.
    fn skip_leading_markup(&mut self, line: &str) -> usize {
        let mut i = line.len() - line.trim_start().len();
        if let Some(m) = HEADER.find(&line[i..]) {
            self.header = true;
            i += m.end();
        }
        if let Some(m) = BULLET.find(&line[i..]) {
            // A bullet that is really an Arabic label dash (`1 -`) never opens a line.
            i += m.end();
        }
        i
    }

    /// Reads `line` (at byte `base` of the original) from byte `i` on:
    /// its text folded, markup taken off, footnote marks taken aside.
    #[inline]
    fn read(&mut self, line: &str, mut i: usize, base: usize, glued: Option<Option<&str>>) {
        let f = self;
        // Markdown emphasis (`*Recalling*`, `**Decides**`) comes in pairs; an odd
        // count means a literal asterisk somewhere, and then none is touched.
        let emphasis_ok = line.matches('*').count() % 2 == 0;
        let mut link_close: Option<(usize, usize)> = None;
        // One buffer for every character that NFKC changes.
        let mut run = String::new();
        // Whether the text so far is blank, and up to where it was looked at
        // (the text only grows here): a mark opens the line when it is.
        let mut blank = (true, 0);
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
                    line_start: still_blank(&f.text, &mut blank),
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
            // The bulk of a line: characters the view copies as they are, one
            // stretch at a time.
            let stop = link_close.map_or(line.len(), |(at, _)| at.max(i));
            let copied = if char_by_char() {
                0
            } else {
                plain_stretch(&line[i..stop], glued.is_some())
            };
            if copied > 0 {
                f.text.push_str(&line[i..i + copied]);
                f.map.copy(copied, base + i);
                i += copied;
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
                    line_start: still_blank(&f.text, &mut blank),
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
            i = f.push_folded(line, i, ch, base, &mut run);
        }
    }

    /// Pushes the character `ch` at byte `i` of `line` folded (Eastern
    /// Arabic digits as ASCII, a tab as a space, a base character with its
    /// combining marks as their NFKC form, `run` the buffer for it);
    /// returns the byte after what it took.
    #[inline]
    fn push_folded(
        &mut self,
        line: &str,
        i: usize,
        ch: char,
        base: usize,
        run: &mut String,
    ) -> usize {
        if let Some(d) = eastern_digit(ch) {
            self.push(
                d.encode_utf8(&mut [0; 4]),
                base + i..base + i + ch.len_utf8(),
            );
            return i + ch.len_utf8();
        }
        if ch.is_ascii() {
            let c = if ch == '\t' { ' ' } else { ch };
            self.push(c.encode_utf8(&mut [0; 4]), base + i..base + i + 1);
            return i + 1;
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
            self.push(ch.encode_utf8(&mut [0; 4]), base + i..base + j);
        } else {
            run.clear();
            run.extend(line[i..j].nfkc());
            self.push(run, base + i..base + j);
        }
        j
    }

    /// Trims the text read and tells what is left: a line that held only
    /// markup is furniture, one that held only footnote marks content.
    fn finish(&mut self) {
        self.trim_end();
        // Leading spaces left by removed marks or bullets.
        let lead = self.text.len() - self.text.trim_start().len();
        if lead > 0 {
            self.text.drain(..lead);
            self.map.drain_front(lead);
            for m in &mut self.marks {
                m.normalized = m.normalized.saturating_sub(lead);
            }
        }
        if self.text.is_empty() {
            self.kind = if self.marks.is_empty() {
                Kind::Furniture
            } else {
                Kind::Content
            };
        }
    }
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

#[cfg(test)]
thread_local! {
    /// Tests turn the stretches off, to check them against the character
    /// by character path.
    pub(super) static CHAR_BY_CHAR: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
fn char_by_char() -> bool {
    CHAR_BY_CHAR.with(std::cell::Cell::get)
}

#[cfg(not(test))]
fn char_by_char() -> bool {
    false
}

/// The length of the stretch at the start of `s` that the view copies
/// character for character: ASCII but for the characters that open markup,
/// marks or a tab (and digits where glued references are read), and the
/// letters that are their own NFKC form ([`is_plain`]). The last character
/// is left out when a character that may be a combining mark follows it,
/// which the view normalizes with it.
fn plain_stretch(s: &str, glued: bool) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    // Where the last character before `i` starts.
    let mut last = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if matches!(b, b'<' | b'[' | b'*' | b'\t') || (glued && b.is_ascii_digit()) {
                return i;
            }
            last = i;
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if !is_plain(c) {
            // Maybe a combining mark: the character before it goes with it.
            return last;
        }
        last = i;
        i += c.len_utf8();
    }
    i
}

/// Whether `text` is blank (white space only), given `blank`: whether it
/// was up to the byte it was last looked at (`text` only grows), so that a
/// line of many marks is read in linear time.
fn still_blank(text: &str, blank: &mut (bool, usize)) -> bool {
    if blank.0 {
        blank.0 = text[blank.1..].trim().is_empty();
        blank.1 = text.len();
    }
    blank.0
}

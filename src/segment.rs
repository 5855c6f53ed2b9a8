//! Sentence segmentation per language.
//!
//! [`segment`] cuts a text into sentence-like segments and returns byte
//! ranges into the original text, so that output can always quote the
//! original bytes. The rules are deliberately conservative: a missed cut
//! costs the aligner a 1-2 bead (which it handles), a wrong cut inside
//! `A/RES/74/28` or `1.5` produces junk segments that match nothing.
//!
//! * A `'\n'` is always a hard boundary (blocks join their paragraphs with it).
//! * zh: `。！？；` (and the ASCII / half-width forms of `!?;`); never an
//!   ASCII `.`, which in Chinese text is a decimal point or ends a symbol.
//! * en, es, fr, ru: `. ! ? ;` followed by white space; `.` is not a cut
//!   after an abbreviation (`No.`, `art.`, `para.`, `Mr.`, `т.е.`, `Sr.` …),
//!   an initialism (`U.N.`), a single letter, a bare paragraph label (`1.`,
//!   `IV.`), or before a lower-case word.
//! * ar: `.` `؟` `؛` (and `!?;`) followed by white space.
//!
//! A UN preambular paragraph ends with a comma (`,` / `，` / `،`); it is one
//! segment because the paragraph ends there, so commas never cut.
//!
//! ```
//! use sixalign::{segment::segment, Lang};
//! let text = "Recalling resolution A/RES/74/28. It grew by 1.5 per cent; see para. 5.";
//! let cut: Vec<&str> = segment(text, Lang::En).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(cut, ["Recalling resolution A/RES/74/28.", "It grew by 1.5 per cent;", "see para. 5."]);
//! ```

use std::ops::Range;

use crate::lang::{Lang, labels};

/// Cuts `text` into sentences of language `lang`.
///
/// Returns byte ranges into `text`: in order, non-overlapping, non-empty,
/// trimmed of surrounding white space, and together holding every
/// non-white-space character of `text` exactly once.
pub fn segment(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        segment_line(text, start, start + line.len(), lang, &mut out);
        start += line.len() + 1;
    }
    // A paragraph number (`1.`, `１．`, `一、`) alone, on its own line or cut
    // off by its full stop, is not a sentence: it opens the one after it.
    let mut k = 0;
    while k + 1 < out.len() {
        if crate::lang::labels::is_label_alone(&text[out[k].clone()]) {
            out[k] = out[k].start..out[k + 1].end;
            out.remove(k + 1);
        } else {
            k += 1;
        }
    }
    out
}

/// Pushes `text[start..end]` trimmed, unless only white space is left.
fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[start..end];
    let t = s.trim_start();
    let lead = s.len() - t.len();
    let t = t.trim_end();
    if !t.is_empty() {
        out.push(start + lead..start + lead + t.len());
    }
}

fn segment_line(text: &str, start: usize, end: usize, lang: Lang, out: &mut Vec<Range<usize>>) {
    let chars: Vec<(usize, char)> = text[start..end]
        .char_indices()
        .map(|(i, c)| (start + i, c))
        .collect();
    let n = chars.len();
    let mut seg_start = start;
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if !is_terminator(c, lang) {
            i += 1;
            continue;
        }
        // A run of terminators and closing quotes/brackets ends together:
        // `?!`, `...`, `."`, `。”`, `.)`.
        let mut j = i + 1;
        while j < n {
            let d = chars[j].1;
            if is_terminator(d, lang) || is_closer(d, text, seg_start, chars[j].0) {
                j += 1;
            } else {
                break;
            }
        }
        let cut = if j < n { chars[j].0 } else { end };
        if should_cut(text, seg_start, &chars, i, j, lang) {
            push_trimmed(text, seg_start, cut, out);
            seg_start = cut;
        }
        i = j;
    }
    push_trimmed(text, seg_start, end, out);
}

fn is_terminator(c: char, lang: Lang) -> bool {
    match lang {
        Lang::Zh => matches!(
            c,
            '。' | '！' | '？' | '；' | '｡' | '!' | '?' | ';' | '．' | '‼' | '⁇'
        ),
        Lang::Ar => matches!(c, '.' | '؟' | '؛' | '!' | '?' | ';' | '۔'),
        _ => matches!(c, '.' | '!' | '?' | ';' | '…'),
    }
}

/// Closing quotes and brackets that stay with the sentence they close. An
/// ASCII `"` or `'` closes only when the segment so far holds an odd number of
/// them; otherwise it opens the next sentence.
fn is_closer(c: char, text: &str, seg_start: usize, pos: usize) -> bool {
    match c {
        '”' | '’' | '»' | ')' | ']' | '}' | '）' | '」' | '』' | '﹂' | '﹄' | '】' | '》'
        | '〉' | '〕' | '›' | '］' => true,
        '"' | '\'' => text[seg_start..pos].matches(c).count() % 2 == 1,
        _ => false,
    }
}

/// Whether the run of terminators `chars[i..j]` ends the sentence.
fn should_cut(
    text: &str,
    seg_start: usize,
    chars: &[(usize, char)],
    i: usize,
    j: usize,
    lang: Lang,
) -> bool {
    let c = chars[i].1;
    let next = chars.get(j).map(|&(_, d)| d);
    if lang == Lang::Zh {
        // Full-width terminators need no space after them; ASCII ones inside
        // Chinese text are cuts unless glued to Latin text (`&amp;`, `a?b`).
        return !matches!(c, '!' | '?' | ';') || !next.is_some_and(|d| d.is_ascii_alphanumeric());
    }
    if next.is_some_and(|d| !d.is_whitespace()) {
        return false;
    }
    let only_dots = chars[i..j]
        .iter()
        .all(|&(_, d)| !is_terminator(d, lang) || d == '.');
    if !only_dots {
        return true;
    }
    // From here: a full stop (or ellipsis) followed by white space or the end.
    if let Some(d) = chars[j..]
        .iter()
        .map(|&(_, d)| d)
        .find(|d| !d.is_whitespace())
    {
        if d.is_lowercase() {
            return false;
        }
    }
    let dot = chars[i].0;
    let before = &text[seg_start..dot];
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '[', '"', '\'', '«', '“', '‘', '¿', '¡']);
    if word.is_empty() {
        return true;
    }
    // French elision: `l'art.` is the abbreviation `art.`.
    let word = word.rsplit(['\'', '’']).next().unwrap_or(word);
    if labels::is_bare_label(before.trim()) {
        return false;
    }
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next()) {
        // A lone letter: an initial (`J. Smith`) or a list label (`A.`).
        if first.is_alphabetic() {
            return false;
        }
    }
    // `a.m.` and `p.m.` end sentences ("… at 10 a.m. The Group …") as
    // often as not; before a capital they are taken to.
    if matches!(word, "a.m" | "p.m") {
        return chars[j..]
            .iter()
            .map(|&(_, d)| d)
            .find(|d| !d.is_whitespace())
            .is_some_and(char::is_uppercase);
    }
    if is_initialism(word) {
        return false;
    }
    let lower = word.to_lowercase();
    !crate::lang::tables::abbreviations(lang).contains(&lower.as_str())
}

/// `U.N`, `e.g`, `т.е`, `EE.UU`: letters in short runs joined by dots.
fn is_initialism(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 3 && p.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str, lang: Lang) -> Vec<&str> {
        segment(text, lang).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn initialism_is_not_a_cut() {
        assert_eq!(
            cut("The U.N. Secretariat met. It agreed.", Lang::En),
            ["The U.N. Secretariat met.", "It agreed."]
        );
    }

    #[test]
    fn ascii_quote_opening_next_sentence_stays_with_it() {
        assert_eq!(
            cut("他说。\"这是\"那样", Lang::Zh),
            ["他说。", "\"这是\"那样"]
        );
    }
}

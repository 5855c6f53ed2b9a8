//! Paragraph labels out of segments (`--strip-labels`), for translation
//! memories: a segment `2. Everyone has the right…` becomes `Everyone has
//! the right…`.
//!
//! A block's own label is never in its text (the parser keeps it apart);
//! what remains are the labels of paragraphs *inside* a block, such as an
//! article's numbered paragraphs (`1.`, `2.`) or lettered subparagraphs
//! (`(a)`), and the Chinese forms (`一、`, `（一）`). A label is left out only
//! where a paragraph starts (the sentence begins a line of the original),
//! so a sentence that merely begins with a number keeps it. The sentence's
//! [`span`](crate::engine::Sentence::span) moves past the label, so it is
//! still exactly the bytes of the (shorter) sentence in the original.

use crate::engine::{PairAlignment, Sentence};
use crate::lang::labels;

/// Leaves the paragraph labels that open sentences out of both sides of
/// `a`; `hub` and `other` are the original texts of the documents aligned
/// ([`crate::load::Text::original`]). Sentence indices do not change.
pub fn strip_labels(a: &mut PairAlignment, hub: &str, other: &str) {
    for s in &mut a.src {
        strip(s, hub);
    }
    for s in &mut a.tgt {
        strip(s, other);
    }
}

/// The length of the label (and the spaces after it) that opens `s`, when
/// text follows it.
fn leading_label(s: &str) -> Option<usize> {
    let n = labels::operative(s)
        .map(|(_, n)| n)
        .or_else(|| labels::sub(s).map(|(_, n)| n))
        .or_else(|| labels::zh_para(s).map(|(_, _, n)| n))?;
    let rest = s.get(n..)?.trim_start();
    (!rest.is_empty()).then_some(s.len() - rest.len())
}

fn strip(s: &mut Sentence, original: &str) {
    let Some(n) = leading_label(&s.text) else {
        return;
    };
    let Some(start) = at_line_start(original, s.span.start)
        .then(|| past(&s.text[..n], original, s.span.start))
        .flatten()
    else {
        return;
    };
    // The span must still end after its new start and begin where the
    // remaining text does.
    let rest = &s.text[n..];
    let first = rest.chars().next();
    if start >= s.span.end || original[start..].chars().next() != first {
        return;
    }
    s.text = rest.to_string();
    s.span.start = start;
}

/// Whether `at` begins a line of `text` (only spaces before it on its line).
fn at_line_start(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let line = before.rsplit('\n').next().unwrap_or(before);
    line.chars()
        .all(|c| c == ' ' || c == '\t' || c == '\u{3000}')
}

/// Where `original` continues after `label` read from `from`: its
/// characters one by one, any run of white space matching any run (a line
/// the reader rejoined). `None` when the original says something else.
fn past(label: &str, original: &str, from: usize) -> Option<usize> {
    let mut pos = from;
    let skip_space = |pos: &mut usize| {
        while let Some(c) = original.get(*pos..).and_then(|t| t.chars().next()) {
            if !c.is_whitespace() {
                break;
            }
            *pos += c.len_utf8();
        }
    };
    for c in label.chars() {
        if c.is_whitespace() {
            skip_space(&mut pos);
            continue;
        }
        let o = original.get(pos..)?.chars().next()?;
        if o != c {
            return None;
        }
        pos += o.len_utf8();
    }
    skip_space(&mut pos);
    Some(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_their_lengths() {
        for (s, n) in [
            ("2. Everyone has", Some(3)),
            ("(a) To promote", Some(4)),
            ("一、人人有权", Some(6)),
            ("1.5 million people", None),
            ("2.", None),
            ("Everyone has", None),
        ] {
            assert_eq!(leading_label(s), n, "{s}");
        }
    }

    #[test]
    fn the_original_is_followed_across_a_rejoined_line() {
        let original = "Article 1\n2.\n  Everyone";
        let from = original.find("2.").unwrap();
        assert_eq!(past("2. ", original, from), original.find("Everyone"));
        assert_eq!(past("3. ", original, from), None);
        assert!(at_line_start(original, from));
        assert!(!at_line_start(original, from + 1));
    }
}

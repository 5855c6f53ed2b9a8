//! How the lines of a text become paragraphs before the parser reads
//! them: a number alone on its line joined to the paragraph it opens, a
//! Chinese line holding several numbered paragraphs or a glued heading
//! cut, and lettered sub-paragraphs run on in a line cut, in any language.

use std::ops::Range;

use crate::lang::labels::{self, SubMark, ZhMark};

/// A paragraph number alone on its line (`1.`, `(a)`, `一、`) opens the
/// paragraph after it: the two are one paragraph.
pub(super) fn with_bare_labels_joined(view: &str, paras: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(paras.len());
    let mut pending: Option<usize> = None;
    let n = paras.len();
    for (i, r) in paras.into_iter().enumerate() {
        let r = match pending.take() {
            Some(start) => start..r.end,
            None => r,
        };
        if i + 1 < n && labels::is_label_alone(&view[r.clone()]) {
            pending = Some(r.start);
            continue;
        }
        out.push(r);
    }
    out
}

/// How a paragraph number inside a line is written: a cut needs the same
/// form as the label before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Zh(ZhMark),
    Arabic,
    Letter,
}

/// The paragraph number `s` opens with, and its value (`(b)` is 2).
fn inline_label(s: &str) -> Option<(Form, u32)> {
    if let Some((n, mark, _)) = labels::zh_para(s) {
        return Some((Form::Zh(mark), n));
    }
    if let Some((n, _)) = labels::operative(s) {
        return Some((Form::Arabic, n));
    }
    match labels::sub(s)? {
        (SubMark::Letter { index, .. }, _) => Some((Form::Letter, u32::try_from(index).ok()? + 1)),
        _ => None,
    }
}

/// Where a new paragraph may start inside `s`: after a sentence's or a
/// clause's end (`。；：！？`, the view writes the last four in ASCII),
/// closing quotes and white space. Byte offsets into `s`.
fn inline_starts(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut after_end = false;
    for (i, c) in s.char_indices() {
        if matches!(c, '。' | ';' | ':' | '!' | '?' | '；' | '：' | '！' | '？') {
            after_end = true;
        } else if after_end
            && (c.is_whitespace() || matches!(c, '」' | '』' | '”' | '’' | ')' | '）'))
        {
        } else {
            if after_end && i > 0 {
                out.push(i);
            }
            after_end = false;
        }
    }
    out
}

/// A Chinese line that holds several numbered paragraphs (`一  締約國……。二
/// ……`, `一、……。二、……`, `(一)……;(二)……`, `１．……。２．……`, as treaties
/// run the paragraphs of an article on one line), or a Part or Chapter
/// heading glued to the end of the line before it (`……。第二編 總則`), is
/// cut into paragraphs of their own, as the other versions write them.
///
/// A number cuts only inside an article (the paragraphs stay part of its
/// text), and only where it continues the numbering of the line: the same
/// form as the label before it and the next value, or a new run from one
/// that goes on to two; never a Latin letter (`(a)`, a list running in a
/// sentence in every version). An article heading cuts only as the next
/// article. A numeral in a sentence never cuts.
pub(super) fn with_inline_labels_split(view: &str, paras: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(paras.len());
    let mut last_article: Option<u32> = None;
    for r in paras {
        let s = &view[r.clone()];
        if labels::division(s).is_some() {
            last_article = None;
        }
        // Runs of labels: (form, last value, cut offsets); the line's own
        // label opens the first (after the article heading it may follow:
        // `第五條 一、……`).
        let mut runs: Vec<(Form, u32, Vec<usize>)> = Vec::new();
        let own = match labels::article_key(s) {
            Some((n, _, len)) => {
                last_article = Some(n);
                len
            }
            None => 0,
        };
        if let Some((f, v)) = inline_label(&s[own..]) {
            runs.push((f, v, vec![own]));
        }
        let mut cuts: Vec<usize> = Vec::new();
        for p in inline_starts(s) {
            let t = &s[p..];
            if labels::division(t).is_some() {
                // A heading ends the line (it is short and has no stop).
                cuts.push(p);
                break;
            }
            if let Some((n, 0, _)) = labels::article_key(t)
                && last_article.is_some_and(|a| a + 1 == n)
            {
                cuts.push(p);
                last_article = Some(n);
                continue;
            }
            // Numbers cut inside articles only, where the paragraphs stay
            // in the article's text; a lettered list running in a sentence
            // (`包括(a)……;(b)……`) is written so in every version.
            let Some((f, v)) = inline_label(t).filter(|(f, _)| *f != Form::Letter) else {
                continue;
            };
            if last_article.is_none() {
                continue;
            }
            if let Some(run) = runs.iter_mut().rev().find(|x| x.0 == f)
                && run.1 + 1 == v
            {
                run.1 = v;
                run.2.push(p);
            } else if v == 1 {
                runs.push((f, 1, vec![p]));
            }
        }
        for (_, _, at) in runs.into_iter().filter(|x| x.2.len() >= 2) {
            cuts.extend(at.into_iter().filter(|&p| p > 0));
        }
        cuts.sort_unstable();
        cuts.dedup();
        push_pieces(s, r.start, cuts, &mut out);
    }
    out
}

/// Where a list of lettered sub-paragraphs runs on in a line, in any
/// language (`(a)……；(b)……；(c)……`, `a) … ; b) …`): the offsets into `s`
/// of the letters after the line's own. The run opens with the line's own
/// letter and goes on with the next letter after the `;` that ends the one
/// before; a list lettered inside a sentence (`including: (a) …; (b) …`,
/// `包括(a)……;(b)……`), written so in every version, is not cut.
fn lettered_run_cuts(s: &str) -> Vec<usize> {
    let letter = |t: &str| match labels::sub(t) {
        Some((SubMark::Letter { index, .. }, _)) => Some(index),
        _ => None,
    };
    // The open run: its last letter and the offsets of its labels.
    let mut run: Option<(usize, Vec<usize>)> = letter(s).map(|i| (i, vec![0]));
    let mut cuts = Vec::new();
    let close = |run: Option<(usize, Vec<usize>)>, cuts: &mut Vec<usize>| {
        if let Some((_, at)) = run.filter(|r| r.1.len() >= 2) {
            cuts.extend(at.into_iter().filter(|&p| p > 0));
        }
    };
    for p in inline_starts(s) {
        let Some(index) = letter(&s[p..]) else {
            continue;
        };
        let end = s[..p]
            .trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, '」' | '』' | '”' | '’' | ')' | '）')
            })
            .chars()
            .next_back();
        let semicolon = matches!(end, Some(';' | '；' | '؛'));
        // A list lettered inside the sentence since the run's last label
        // (`(a) 比例,包括(a)立法机构;(b)公务制度`): the `(b)` is that list's.
        let inside = |from: usize| {
            let skip = s[from..].chars().next().map_or(0, char::len_utf8);
            has_letter_label(&s[from + skip..p])
        };
        match &mut run {
            Some((last, at)) if semicolon && *last + 1 == index && !inside(at[at.len() - 1]) => {
                *last = index;
                at.push(p);
            }
            _ => {}
        }
    }
    close(run, &mut cuts);
    cuts
}

/// Whether `t` holds a lettered label (`(b)`, `b)`, `)ب(`) anywhere.
fn has_letter_label(t: &str) -> bool {
    t.char_indices().any(|(i, c)| {
        let starts = matches!(c, '(' | ')')
            || (c.is_alphabetic() && t[..i].ends_with(|d: char| d.is_whitespace() || d == ','));
        starts && matches!(labels::sub(&t[i..]), Some((SubMark::Letter { .. }, _)))
    })
}

/// Lines holding a run of lettered sub-paragraphs ([`lettered_run_cuts`])
/// cut into a paragraph each, as the other versions mostly write them; a
/// version that runs them on too keeps them in its paragraph, and the
/// anchoring takes the ones one version only has with the paragraph they
/// follow.
pub(super) fn with_lettered_runs_split(view: &str, paras: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(paras.len());
    for r in paras {
        let s = &view[r.clone()];
        let cuts = lettered_run_cuts(s);
        if cuts.is_empty() {
            out.push(r);
            continue;
        }
        push_pieces(s, r.start, cuts, &mut out);
    }
    out
}

/// Pushes the pieces of the paragraph `s` (starting at view byte `at`)
/// between the sorted byte offsets `cuts`, each trimmed, the blank ones
/// left out.
fn push_pieces(s: &str, at: usize, cuts: Vec<usize>, out: &mut Vec<Range<usize>>) {
    let mut start = 0;
    for p in cuts.into_iter().chain(std::iter::once(s.len())) {
        let piece = &s[start..p];
        let lead = piece.len() - piece.trim_start().len();
        let t = piece.trim();
        if !t.is_empty() {
            let a = at + start + lead;
            out.push(a..a + t.len());
        }
        start = p;
    }
}

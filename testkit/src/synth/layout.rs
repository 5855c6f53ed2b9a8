//! Layout: a rendered version as the text of a converted PDF (hard line
//! breaks, hyphenation, page numbers, running headers, footnote marks).

use sixalign::lang::Lang;

use super::SynthConfig;
use super::plan::{Facts, Part, Rng, looks_like_label};
use super::render::{Placement, Rendered, RenderedPara, op_label, placement, sub_label};

/// A footnote reference mark stands in the text as one private-use
/// character until the layout is done, so that no line break falls inside it.
pub(super) const MARK_BASE: u32 = 0xF0000;

/// Lays a rendered version out as the text of a converted PDF.
pub(super) fn layout(
    lang: Lang,
    r: &Rendered,
    f: &Facts,
    cfg: &SynthConfig,
    rng: &mut Rng,
) -> String {
    let sep = if lang == Lang::Zh { "" } else { " " };
    // Each paragraph as one logical line, label included, marks as placeholders.
    let mut logical: Vec<(String, &RenderedPara)> = Vec::with_capacity(r.paras.len());
    for p in &r.paras {
        let label = match p.part {
            Part::Operative { n, .. } => Some(op_label(lang, n, f.arabic_digits)),
            Part::Sub { k, .. } => Some(sub_label(lang, k)),
            _ => None,
        };
        let mut s = String::new();
        if let Some(l) = label {
            s.push_str(&l);
            s.push(' ');
        }
        // The closing is two short lines, as on the page.
        s.push_str(
            &p.units
                .join(if p.part == Part::Closing { "\n" } else { sep }),
        );
        for &n in &p.notes {
            s.push(char::from_u32(MARK_BASE + n as u32).unwrap_or('\u{F0000}'));
        }
        logical.push((s, p));
    }
    let width = if lang == Lang::Zh {
        30 + rng.below(11)
    } else {
        60 + rng.below(21)
    };
    let wrapped: Vec<Vec<String>> = logical
        .iter()
        .map(|(s, p)| {
            if p.part == Part::Closing {
                s.split('\n').map(str::to_string).collect()
            } else if !cfg.furniture {
                vec![s.clone()]
            } else {
                wrap(lang, s, width, rng)
            }
        })
        .collect();
    let note_line = |n: usize| format!("<sup>{n}</sup> {}", r.notes[n - 1]);

    let body_lines: usize = wrapped.iter().map(|w| w.len() + 1).sum();
    // At least two pages, so that the running header repeats.
    let page_len = (30 + rng.below(16)).min(body_lines / 2).max(6);
    let place = placement(lang);

    let mut out: Vec<String> = Vec::new();
    let mut page = 1;
    let mut on_page = 0;
    let mut pending: Vec<usize> = Vec::new();
    if cfg.furniture {
        out.push(f.id.clone());
        out.push(String::new());
    }
    let page_break = |out: &mut Vec<String>, page: &mut usize, on_page: &mut usize| {
        out.push(page.to_string());
        *page += 1;
        out.push(f.id.clone());
        *on_page = 0;
    };
    for (k, lines) in wrapped.iter().enumerate() {
        let p = logical[k].1;
        if p.part == Part::Closing && place != Placement::End {
            flush_notes(&mut out, &mut pending, &note_line);
        }
        if cfg.furniture
            && place == Placement::PageBottom
            && !pending.is_empty()
            && on_page + lines.len() > page_len
        {
            flush_notes(&mut out, &mut pending, &note_line);
            page_break(&mut out, &mut page, &mut on_page);
            out.push(String::new());
        }
        for line in lines {
            if cfg.furniture && on_page >= page_len {
                page_break(&mut out, &mut page, &mut on_page);
            }
            out.push(line.clone());
            on_page += 1;
        }
        out.push(String::new());
        on_page += 1;
        pending.extend(p.notes.iter().copied());
        if place == Placement::AfterCiting {
            flush_notes(&mut out, &mut pending, &note_line);
        }
    }
    flush_notes(&mut out, &mut pending, &note_line);
    if cfg.furniture {
        out.push(page.to_string());
    }
    let mut text = String::with_capacity(out.iter().map(|l| l.len() + 1).sum());
    for line in out {
        for c in line.chars() {
            match (c as u32).checked_sub(MARK_BASE) {
                Some(n) if n < 1000 => {
                    text.push_str("<sup>");
                    text.push_str(&n.to_string());
                    text.push_str("</sup>");
                }
                _ => text.push(c),
            }
        }
        text.push('\n');
    }
    text
}

pub(super) fn flush_notes(
    out: &mut Vec<String>,
    pending: &mut Vec<usize>,
    line: &dyn Fn(usize) -> String,
) {
    for n in pending.drain(..) {
        out.push(line(n));
        out.push(String::new());
    }
}

pub(super) fn is_mark(c: char) -> bool {
    (MARK_BASE..MARK_BASE + 1000).contains(&(c as u32))
}

/// Hard line breaks as a PDF conversion leaves them. A break never falls
/// where the next line would start like a label (a paragraph number, `(`)
/// or before a footnote mark.
pub(super) fn wrap(lang: Lang, s: &str, width: usize, rng: &mut Rng) -> Vec<String> {
    if lang == Lang::Zh {
        wrap_chars(s, width)
    } else {
        wrap_words(s, width, rng)
    }
}

pub(super) fn wrap_chars(s: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    while chars.len() - start > width {
        let mut cut = start + width;
        // Move the cut forward past places a typesetter would not break.
        while cut < chars.len() {
            let (a, b) = (chars[cut - 1], chars[cut]);
            let inside_word = a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric();
            let rest: String = chars[cut..chars.len().min(cut + 6)].iter().collect();
            // Chinese typesetting never starts a line with closing punctuation.
            let closing = "，。、；：？！）》」』”,.;:?!)]".contains(b);
            if inside_word || closing || is_mark(b) || b == ' ' || looks_like_label(&rest) {
                cut += 1;
            } else {
                break;
            }
        }
        if cut >= chars.len() {
            break;
        }
        lines.push(chars[start..cut].iter().collect());
        start = cut;
    }
    lines.push(chars[start..].iter().collect());
    lines
}

pub(super) fn wrap_words(s: &str, width: usize, rng: &mut Rng) -> Vec<String> {
    let words: Vec<&str> = s.split(' ').filter(|w| !w.is_empty()).collect();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    let mut k = 0;
    while k < words.len() {
        let w = words[k];
        let wl = w.chars().filter(|c| !is_mark(*c)).count();
        let fits = len == 0 || len + 1 + wl <= width;
        if fits || looks_like_label(w) {
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            line.push_str(w);
            len += wl;
            k += 1;
            continue;
        }
        // A long word that does not fit is sometimes hyphenated.
        let chars: Vec<char> = w.chars().collect();
        let room = width.saturating_sub(len + 2);
        if chars.len() >= 9
            && room >= 4
            && chars.iter().all(|c| c.is_alphabetic())
            && rng.chance(0.35)
        {
            // Hyphenate after a vowel and before a consonant, as a dictionary would, roughly.
            let vowel =
                |c: char| "aeiouyàâéèêëîïôûüáíóúаеёиоуыэюя".contains(c.to_ascii_lowercase());
            let cut = (4..=room.min(chars.len() - 4))
                .rev()
                .find(|&c| vowel(chars[c - 1]) && !vowel(chars[c]))
                .unwrap_or(0);
            if cut >= 4 && chars[cut].is_lowercase() {
                line.push(' ');
                line.extend(&chars[..cut]);
                line.push('-');
                lines.push(std::mem::take(&mut line));
                line.extend(&chars[cut..]);
                len = chars.len() - cut;
                k += 1;
                continue;
            }
        }
        lines.push(std::mem::take(&mut line));
        len = 0;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

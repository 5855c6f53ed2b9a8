//! The tokens of a sentence that survive translation, as the scorer reads
//! them: numbers (any digit system, any grouping), document symbols,
//! resolution numbers, months of dates, Latin names and acronyms, each
//! hashed ([`super::Features::strong`], [`super::Features::names`]).
//!
//! One pass over the characters, built for speed: every sentence of every
//! pair goes through it. QA reads the values themselves (which number
//! changed, `2019-12-12` for a date in any language) with the slower scans
//! of `crate::qa::tokens`, which fold figures with [`normalize_char`] and
//! group digits with the spaces of [`is_digit_space`] as this file does.

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::lang::Lang;
use crate::lang::letters::is_letter;
use crate::lang::numerals::is_date_numeral;

/// Folds digit systems and full-width forms onto ASCII; drops tatweel (the
/// one fold of figures: QA's reading of values, `crate::qa::tokens`, folds
/// with it too).
pub(crate) fn normalize_char(c: char) -> Option<char> {
    let u = c as u32;
    Some(match u {
        0x0640 => return None,
        0x0660..=0x0669 => char::from_u32(u - 0x0660 + '0' as u32)?,
        0x06F0..=0x06F9 => char::from_u32(u - 0x06F0 + '0' as u32)?,
        0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0)?,
        0x066B => '.', // Arabic decimal separator
        0x066C => ',', // Arabic thousands separator
        _ => c,
    })
}

pub(super) fn hash<T: Hash>(t: &T) -> u64 {
    // SipHash with fixed zero keys: identical across runs and threads.
    let mut h = DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

/// The length of a paragraph number (`1. `, `12.`) opening a text, or 0.
pub(super) fn leading_label(s: &[char]) -> usize {
    let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=3).contains(&digits) || s.get(digits) != Some(&'.') {
        return 0;
    }
    match s.get(digits + 1) {
        Some(c) if c.is_ascii_digit() => 0,
        _ => digits + 1,
    }
}

/// Years, months and days written in Chinese numerals (`一九四二年一月一日`,
/// `二〇一九年`) give the tokens their figures give.
fn zh_numeral_dates(run: &[char], out: &mut Vec<u64>) {
    let is_num = is_date_numeral;
    let mut k = 0;
    while k < run.len() {
        if !is_num(run[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < run.len() && is_num(run[k]) {
            k += 1;
        }
        let Some(&unit) = run.get(k) else { break };
        let numeral: String = run[start..k].iter().collect();
        let value = crate::lang::tables::chinese_number(&numeral);
        match (unit, value) {
            // A year is written digit by digit (`一九四二`), never with `十`.
            ('年', Some(y)) if k - start == 4 && !numeral.contains('十') => {
                out.push(hash(&("#", y.to_string())));
            }
            ('月', Some(m @ 1..=12)) => out.push(hash(&("M", m as u8))),
            ('日', Some(d @ 1..=31)) => out.push(hash(&("#", d.to_string()))),
            _ => {}
        }
    }
}

/// Number-grouping characters that may sit between digits.
fn is_group_sep(c: char) -> bool {
    matches!(c, ' ' | '\'') || is_digit_space(c)
}

/// The spaces other than the plain one that group digits (`437 100`):
/// no-break, narrow no-break and thin.
pub(crate) fn is_digit_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Collects the hashed translation-invariant tokens of a normalized text,
/// given as chars (`s`) and as the string of those chars (`text`).
pub(super) fn strong_tokens(
    s: &[char],
    text: &str,
    lang: Lang,
    out: &mut Vec<u64>,
    names: &mut Vec<u64>,
) {
    let n = s.len();
    let digit = |k: usize| k < n && s[k].is_ascii_digit();
    let alnum = |k: usize| k < n && s[k].is_ascii_alphanumeric();
    // One buffer for every token's characters, not an allocation each.
    let mut run = String::new();
    // Numbers in words (lang::numerals): a percentage is its figure, a
    // fraction its value; other numbers only count when shared.
    for x in crate::lang::numerals::numerals(text, lang) {
        // `百分之25`: the digits are a token already.
        if text[x.range.clone()].bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        match (x.kind, x.value) {
            (crate::lang::numerals::NumeralKind::Percent, Some(v)) => {
                out.push(hash(&("#", v.to_string())))
            }
            (crate::lang::numerals::NumeralKind::Number, Some(v)) => names.push(hash(&("N", v))),
            _ => out.push(hash(&("F", x.key))),
        }
    }
    let mut i = 0;
    while i < n {
        let c = s[i];
        if c.is_ascii_alphanumeric() {
            let start = i;
            let mut j = i + 1;
            loop {
                if alnum(j) {
                    j += 1;
                } else if j + 1 < n
                    && ((matches!(s[j], '/' | '-' | '.' | '_') && alnum(j + 1))
                        || (s[j] == ',' && digit(j - 1) && digit(j + 1)))
                {
                    j += 2;
                } else if j < n
                    && is_group_sep(s[j])
                    && digit(j - 1)
                    && digit(j + 1)
                    && digit(j + 2)
                    && digit(j + 3)
                    && !digit(j + 4)
                {
                    // `437 100`: a thousands group, not two numbers.
                    j += 4;
                } else {
                    break;
                }
            }
            run.clear();
            run.extend(&s[start..j]);
            token_of_run(&run, s.get(j).copied(), lang, out, names);
            i = j;
        } else if lang == Lang::Zh {
            // Chinese has no month words: besides ASCII runs, only dates
            // and years in Chinese numerals (`一九四二年一月一日`) count.
            if is_date_numeral(c) {
                let start = i;
                while i < n && (is_date_numeral(s[i]) || matches!(s[i], '年' | '月' | '日')) {
                    i += 1;
                }
                zh_numeral_dates(&s[start..i], out);
            } else {
                i += 1;
            }
        } else if is_letter(c) {
            // A non-ASCII word: only months are translation-invariant.
            let start = i;
            while i < n && is_letter(s[i]) && !s[i].is_ascii() {
                i += 1;
            }
            // No month name is longer than 16 letters.
            if i - start <= 16 {
                run.clear();
                run.extend(s[start..i].iter().flat_map(|c| c.to_lowercase()));
                if let Some(m) = crate::lang::month_number(&run, lang) {
                    out.push(hash(&("M", m)));
                }
            }
            if i == start {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
}

fn token_of_run(
    run: &str,
    next: Option<char>,
    lang: Lang,
    out: &mut Vec<u64>,
    names: &mut Vec<u64>,
) {
    let has_digit = run.bytes().any(|b| b.is_ascii_digit());
    let has_alpha = run.bytes().any(|b| b.is_ascii_alphabetic());
    if has_digit && !has_alpha && !run.contains(['/', '-', '_']) {
        let digits: String = run.chars().filter(char::is_ascii_digit).collect();
        let digits = digits.trim_start_matches('0');
        if lang == Lang::Zh && next == Some('月') {
            if let Ok(m) = digits.parse::<u8>() {
                out.push(hash(&("M", m)));
                return;
            }
        }
        out.push(hash(&("#", digits)));
    } else if has_digit && has_alpha && !run.contains(['/', '-', '.']) {
        // Ordinals `1st`, `2e`, `3rd`, `4o` are the number; `G20` is a name.
        let d: String = run.chars().take_while(char::is_ascii_digit).collect();
        let rest = run[d.len()..].to_ascii_lowercase();
        if !d.is_empty()
            && matches!(
                rest.as_str(),
                "st" | "nd" | "rd" | "th" | "e" | "er" | "re" | "eme" | "o" | "a"
            )
        {
            out.push(hash(&("#", d.trim_start_matches('0'))));
        } else {
            out.push(hash(&("S", run.to_ascii_uppercase())));
        }
    } else if has_digit {
        out.push(hash(&("S", run.to_ascii_uppercase())));
    } else {
        // Lower-cased on the stack: most words are neither months nor
        // names, and need no allocation (no month is longer than 16).
        let mut buf = [0u8; 16];
        if lang.is_latin() && run.len() <= buf.len() {
            let lower = &mut buf[..run.len()];
            lower.copy_from_slice(run.as_bytes());
            lower.make_ascii_lowercase();
            let lower = std::str::from_utf8(lower).unwrap_or_default();
            if let Some(m) = crate::lang::month_number(lower, lang) {
                // `may` is a verb; only the capitalized form is the month.
                if lower != "may" || run.starts_with('M') {
                    out.push(hash(&("M", m)));
                }
                return;
            }
        }
        // Latin names and acronyms: in zh/ar/ru text they are names kept in
        // Latin script; in Latin-script text only the capitalized ones.
        let capital = run.chars().next().is_some_and(|c| c.is_ascii_uppercase());
        let keep = if lang.is_latin() {
            capital && run.len() >= 3
        } else {
            run.len() >= 2
        };
        if keep {
            names.push(hash(&("W", run.to_ascii_lowercase())));
        }
    }
}

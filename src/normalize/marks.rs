//! Footnote marks in a line: `<sup>N</sup>`, superscript digits (`¹`,
//! `⁽¹⁾`), the bare number opening a footnote under the separator, and in
//! PDF text reference digits glued to the word before them.

use std::sync::LazyLock;

use regex::Regex;

use super::chars::is_cjk;

/// The separator above the footnotes of a page: a line of underscores.
pub(super) static FOOTNOTE_RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*_{5,}\s*$").unwrap());

/// A footnote's number opening its line under the separator, and the space after it.
pub(super) static FOOTNOTE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\((\d{1,3})\)|(\d{1,3}))\s+").unwrap());

pub(super) static SUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^<sup>\s*\(?\s*([0-9A-Za-z*]{1,4})\s*\)?\s*</sup>").unwrap());

/// A run of superscript digits at the start of `s`, perhaps in superscript
/// brackets (`¹`, `¹²`, `⁽³⁾` as Arabic documents write them): one footnote
/// mark, its number and byte length.
pub(super) fn superscript_mark(s: &str) -> Option<(String, usize)> {
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
pub(super) fn is_unit_exponent(before: &str, c: char) -> bool {
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

/// Footnote reference digits glued by PDF extraction to what comes before
/// them: after a lower-case word of four letters or more (`Declaration8`),
/// or after closing punctuation that does not follow a digit (`》2`, `;6`),
/// and before the end of the line, a space, punctuation or a Chinese
/// character. Their byte length.
pub(super) fn glued_reference(line: &str, i: usize, next: Option<&str>) -> Option<usize> {
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

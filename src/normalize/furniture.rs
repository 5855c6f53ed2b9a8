//! Page furniture: the lines a printed or converted page adds around the
//! text (page numbers, job numbers, barcodes, "Please recycle", rules,
//! running headers repeating the document symbol), which the view drops.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

pub(super) static RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([-*_=—–]\s*){3,}$").unwrap());

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

/// A line that is printed page furniture whatever the document: a page
/// number, a job number, a barcode, "Please recycle", a document symbol
/// alone (a running header when it repeats). The PDF reader asks this to
/// see through page breaks.
pub(crate) fn is_page_furniture(line: &str) -> bool {
    let Some(m) = Marks::of(line) else {
        return false;
    };
    (m.digits > 0 && m.page_letters_only && PAGE_NUMBER.is_match(line))
        || (m.digits >= 7 && m.dash && JOB_LINE.is_match(line))
        || (m.digits >= 6 && m.star && BARCODE.is_match(line))
        || (m.y && RECYCLE.is_match(line))
}

/// What a line must hold for each of [`is_page_furniture`]'s patterns to
/// match it, read in one pass; most lines are ruled out without a pattern
/// (nor its compilation, for a short file).
struct Marks {
    /// Decimal digits (`\d`: of any script, which `char::is_numeric`
    /// covers); a job line has seven, a barcode six.
    digits: usize,
    /// A `-` (a job line's `19-21813`).
    dash: bool,
    /// A `*` (a barcode's).
    star: bool,
    /// A `y` ("Please recycle").
    y: bool,
    /// Every letter is one of the page number's words (`page`, `página`,
    /// `страница`, `стр.`, `الصفحة`, `of`, `de`, `sur`, `из`) in either
    /// case, as the pattern's `(?i)` folds them (`ſ` is an `s`).
    page_letters_only: bool,
}

impl Marks {
    /// `None` for a line of more than 29 characters besides white space
    /// (`\s`, the White_Space property): the longest a pattern takes is a
    /// job line with a page number on both sides, `1234/1234 19-21813 (C)
    /// 1234/1234`.
    fn of(line: &str) -> Option<Marks> {
        const MAX_VISIBLE: usize = 29;
        // Long lines, most of them, are told by a cheap count first.
        let mut visible = 0;
        for c in line.chars() {
            if !is_white_space(c) {
                visible += 1;
                if visible > MAX_VISIBLE {
                    return None;
                }
            }
        }
        let mut m = Marks {
            digits: 0,
            dash: false,
            star: false,
            y: false,
            page_letters_only: true,
        };
        for c in line.chars() {
            if c.is_ascii() {
                m.digits += usize::from(c.is_ascii_digit());
                m.dash |= c == '-';
                m.star |= c == '*';
                m.y |= matches!(c, 'y' | 'Y');
                if c.is_ascii_alphabetic() && !is_page_letter(c) {
                    m.page_letters_only = false;
                }
            } else if crate::lang::letters::is_han(c) {
                // A Han character: a letter of no page word, and no digit.
                m.page_letters_only = false;
            } else if c.is_numeric() {
                m.digits += 1;
            } else if c.is_alphabetic() && !is_page_letter(c) {
                m.page_letters_only = false;
            }
        }
        Some(m)
    }
}

/// A letter of one of the page number pattern's words in any case the
/// pattern's `(?i)` takes it in: lower-cased, or one of the few letters
/// Unicode folds onto one (`ſ` onto `s`, the rounded Cyrillic `ᲃ` onto `с`,
/// `ᲄ` `ᲅ` onto `т`).
fn is_page_letter(c: char) -> bool {
    if c.is_ascii() {
        return is_page_word_letter(c.to_ascii_lowercase());
    }
    matches!(c, 'ſ' | '\u{1C83}' | '\u{1C84}' | '\u{1C85}')
        || c.to_lowercase().all(is_page_word_letter)
}

/// A letter (in lower case) of one of the page number pattern's words.
fn is_page_word_letter(l: char) -> bool {
    matches!(
        l,
        'p' | 'a'
            | 'g'
            | 'e'
            | 'á'
            | 'i'
            | 'n'
            | 'o'
            | 'f'
            | 'd'
            | 's'
            | 'ſ'
            | 'u'
            | 'r'
            | 'с'
            | 'т'
            | 'р'
            | 'а'
            | 'н'
            | 'и'
            | 'ц'
            | 'з'
            | 'ا'
            | 'ل'
            | 'ص'
            | 'ف'
            | 'ح'
            | 'ة'
    )
}

/// `char::is_whitespace` (the White_Space property, which the patterns'
/// `\s` is) spelled out, without a table lookup per character.
fn is_white_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
}

/// A line of a page margin made only of furniture pieces: job number,
/// `(C)`, barcode, page number (`3`, `3/12`), document symbol, "Please
/// recycle" (`19-21813 (C)  *1921813*`, `A/RES/74/28  3`), also as
/// pdftotext reorders them on an Arabic page (`)C( 19-21813`, `**1921813`).
pub(crate) fn is_margin_furniture(line: &str) -> bool {
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

pub(super) fn count_symbol_lines(
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether any of the patterns behind [`is_page_furniture`] matches.
    fn by_patterns(line: &str) -> bool {
        PAGE_NUMBER.is_match(line)
            || JOB_LINE.is_match(line)
            || BARCODE.is_match(line)
            || RECYCLE.is_match(line)
    }

    #[test]
    fn every_character_the_page_pattern_folds_onto_its_letters_is_one() {
        // The letters of the page number pattern's words, as its `(?i)`
        // reads them: whatever character it takes for one, the sieve does.
        let letters = Regex::new("(?i)^[pageáinofdsurстраницзالصفحة]$").unwrap();
        let mut buf = [0u8; 4];
        let mut taken = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if letters.is_match(c.encode_utf8(&mut buf)) {
                taken += 1;
                assert!(is_page_letter(c), "{c} U+{:04X}", c as u32);
            }
        }
        assert!(taken > 40, "{taken}");
        // "Please recycle" is asked only of a line with a `y`: no other
        // character folds onto one.
        let y = Regex::new("(?i)^y$").unwrap();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                y.is_match(c.encode_utf8(&mut buf)),
                matches!(c, 'y' | 'Y'),
                "{c}"
            );
        }
    }

    #[test]
    fn white_space_is_the_property() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_white_space(c), c.is_whitespace(), "{:X}", c as u32);
        }
    }

    #[test]
    fn the_sieve_keeps_every_line_a_pattern_matches() {
        // Lines built from the patterns' pieces (digits of several scripts,
        // dashes, slashes, stars, the words, ♲, spaces, case variants),
        // short and long: whatever a pattern matches, the sieve lets through.
        let pieces = [
            "1",
            "12",
            "2019",
            "٣",
            "٤٥",
            "۷",
            "१",
            "19-21813",
            "*1921813*",
            "/",
            " / ",
            "-",
            "–",
            " ",
            "  ",
            "\t",
            "(C)",
            "Page",
            "PAGE",
            "página",
            "PÁGINA",
            "страница",
            "СТРАНИЦА",
            "стр.",
            "Стр.",
            "الصفحة",
            "of",
            "OF",
            "de",
            "sur",
            "ſur",
            "SUR",
            "из",
            "ИЗ",
            "*",
            "**",
            "Please",
            "PLEASE",
            "pleaſe",
            "recycle",
            "RECYCLE",
            "♲",
            "x",
            "Article",
            "第",
            "〇",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut matched = 0;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = 1 + (seed % 12) as usize;
            let mut line = String::new();
            let mut s = seed;
            for _ in 0..n {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                line.push_str(pieces[(s >> 33) as usize % pieces.len()]);
            }
            if by_patterns(&line) {
                matched += 1;
                assert!(Marks::of(&line).is_some(), "{line:?}");
            }
            assert_eq!(is_page_furniture(&line), by_patterns(&line), "{line:?}");
        }
        // The lines exercise the patterns.
        assert!(matched > 1_000, "{matched}");
        for l in [
            "♲ Please recycle ♲",
            "pleaſe  recycle",
            "٣",
            "- 3 -",
            "19-21813 (C)",
            "1234/1234 19-21813 (C) 1234/1234",
            "  1234 /  1234\t19-21813  (C)  1234 / 1234  ",
            "страница 1234 из 1234",
        ] {
            assert!(by_patterns(l) && is_page_furniture(l), "{l}");
        }
        // Past 29 characters besides white space, no pattern is tried.
        for l in [
            "The General Assembly, recalling its resolutions",
            "12345/1234 19-21813 (C) 1234/1234",
        ] {
            assert!(Marks::of(l).is_none() && !by_patterns(l), "{l}");
        }
        // A label line has a digit, but letters no page number has.
        let m = Marks::of("Article 12").expect("short");
        assert!(m.digits == 2 && !m.page_letters_only);
        assert!(
            Marks::of("Página 3 de 12")
                .expect("short")
                .page_letters_only
        );
    }
}

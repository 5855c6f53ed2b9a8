//! Recognizers for the labels that open a paragraph, in all six languages.
//!
//! Each takes a paragraph of the normalized view and returns what the label
//! is and the byte length of the label (with the space after it), so the
//! block text can start after it.

use std::sync::LazyLock;

use regex::Regex;

use super::tables::{
    ABJAD_LETTERS, ARABIC_LETTER_NAMES, ARABIC_ORDINALS, ARTICLE_WORDS, CYRILLIC_CAPITALS,
    CYRILLIC_LETTERS, FIRST_WORDS, TABLES, chinese_number, letter_key, roman, roman_value,
};

/// A sub-paragraph mark as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubMark {
    /// A letter by its position (0 = a); `roman` is its value when the
    /// letter could also be a roman numeral (`i`, `v`, `x`).
    Letter {
        /// 0-based position in its alphabet.
        index: usize,
        /// Its value as a roman numeral, when it is one.
        roman: Option<u32>,
    },
    /// A roman numeral of more than one letter (`ii`, `iv`).
    Roman(u32),
}

/// `1.`, `1 -`, `١ -` (digits are ASCII in the view): number and label length.
pub fn operative(s: &str) -> Option<(u32, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    // Any paragraph number a u32 holds is a label (long reports pass 1000).
    if digits == 0 || digits > 9 {
        return None;
    }
    let n: u32 = s[..digits].parse().ok()?;
    let rest = &s[digits..];
    let after_space = rest.trim_start();
    let mut chars = after_space.chars();
    let delim = chars.next()?;
    if !matches!(delim, '.' | '-' | '–' | '—') {
        return None;
    }
    let tail = chars.as_str();
    // `1.5 million` and `1-2` are numbers, not labels.
    if tail.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // A dash label needs a space on one side (`1 -`, `1- `) to differ from `1-bis`.
    if delim != '.' && rest.len() == after_space.len() && !tail.starts_with(' ') {
        return None;
    }
    let tail_trim = tail.trim_start();
    if tail_trim.is_empty() {
        return None;
    }
    Some((n, s.len() - tail_trim.len()))
}

/// `(a)`, `a)`, `а)`, `(أ)`, `)أ(`, `(ii)`: the mark and label length.
pub fn sub(s: &str) -> Option<(SubMark, usize)> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    let (inner, end) = match first {
        '(' | ')' => {
            let close = if first == '(' { ')' } else { '(' };
            let end = s[1..].find(close)? + 1;
            (&s[1..end], end + 1)
        }
        _ => {
            let end = s.find(')')?;
            (&s[..end], end + 1)
        }
    };
    let inner = inner.trim();
    let count = inner.chars().count();
    if count == 0 || count > 5 {
        return None;
    }
    let bare = first != '(' && first != ')';
    let rest = &s[end..];
    // `a)` without an opening bracket must be followed by a space.
    if bare && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let label_len = s.len() - rest.trim_start().len();
    if rest.trim().is_empty() {
        return None;
    }
    let mark = if count == 1 {
        let c = inner.chars().next()?;
        if c.is_ascii_lowercase() {
            SubMark::Letter {
                index: (c as u8 - b'a') as usize,
                roman: roman_value(inner),
            }
        } else if let Some(i) = CYRILLIC_LETTERS.iter().position(|&l| l == c) {
            SubMark::Letter {
                index: i,
                roman: None,
            }
        } else if let Some(i) = abjad(inner) {
            SubMark::Letter {
                index: i,
                roman: None,
            }
        } else {
            return None;
        }
    } else if let Some(i) = abjad(inner) {
        SubMark::Letter {
            index: i,
            roman: None,
        }
    } else if let Some(i) = doubled_letter(inner) {
        SubMark::Letter {
            index: i,
            roman: None,
        }
    } else if inner.chars().all(|c| c.is_ascii_lowercase()) {
        SubMark::Roman(roman_value(inner)?)
    } else {
        return None;
    };
    Some((mark, label_len))
}

/// `aa`, `bb` … after `z`: the letter's index in a second round. `ii` is
/// the roman two, the common case; `xx` and `cc` come after `ww` and `bb`.
fn doubled_letter(s: &str) -> Option<usize> {
    let mut chars = s.chars();
    let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) else {
        return None;
    };
    (a == b && a.is_ascii_lowercase() && a != 'i').then(|| 26 + (a as u8 - b'a') as usize)
}

fn abjad(s: &str) -> Option<usize> {
    let s = match s {
        "ا" | "إ" | "آ" => "أ",
        "هـ" => "ه",
        other => other,
    };
    ABJAD_LETTERS.iter().position(|&l| l == s)
}

static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    let words = ARTICLE_WORDS.join("|");
    let firsts = FIRST_WORDS.join("|");
    Regex::new(&format!(
        r"(?i)^(?:{words})\s+(\d{{1,9}}|{firsts})\s*(?:[.:\-–—]\s*|$)"
    ))
    .expect("article pattern")
});
static ARTICLE_ZH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^第\s*([〇零一二三四五六七八九十百\d]+)\s*条\s*(?:[.:\-–—、]\s*|$)")
        .expect("zh article")
});

/// `Article 12`, `Article premier`, `第十二条`, `Статья 12`, `المادة 12`:
/// the article number and label length. Text may follow the heading.
pub fn article(s: &str) -> Option<(u32, usize)> {
    if let Some(c) = ARTICLE.captures(s) {
        let n = &c[1];
        let n = if FIRST_WORDS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(n) || *w == n.to_lowercase())
        {
            1
        } else {
            n.parse().ok()?
        };
        return Some((n, c.get(0)?.end()));
    }
    let c = ARTICLE_ZH.captures(s)?;
    Some((chinese_number(&c[1])?, c.get(0)?.end()))
}

static HEAD_ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXLC]{1,6})\s*\.\s+\S").expect("roman heading"));
static HEAD_LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-ZА-Я])\s*\.\s+\S").expect("letter heading"));
static HEAD_ZH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([一二三四五六七八九十]{1,3})、\s*\S").expect("zh heading"));
static HEAD_AR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Arabic}+?)[\u{064B}\u{064C}\u{064D}]?\s*[-–—:]\s*\S").expect("ar heading")
});

/// `I.`, `A.`, `А.`, `一、`, `أولا -`, `ألف -`: the heading key and label length.
pub fn heading(s: &str) -> Option<(String, usize)> {
    let len_to_text =
        |m_end: usize| m_end - s[..m_end].chars().next_back().map_or(0, char::len_utf8);
    if let Some(c) = HEAD_ROMAN.captures(s) {
        let v = roman_value(&c[1])?;
        return Some((roman(v), len_to_text(c.get(0)?.end())));
    }
    if let Some(c) = HEAD_LETTER.captures(s) {
        let ch = c[1].chars().next()?;
        let key = if ch.is_ascii_uppercase() {
            ch.to_string()
        } else {
            let i = CYRILLIC_CAPITALS.iter().position(|&l| l == ch)?;
            letter_key(i).to_uppercase()
        };
        return Some((key, len_to_text(c.get(0)?.end())));
    }
    if let Some(c) = HEAD_ZH.captures(s) {
        let v = chinese_number(&c[1])?;
        return Some((roman(v), len_to_text(c.get(0)?.end())));
    }
    if let Some(c) = HEAD_AR.captures(s) {
        let w = &c[1];
        let end = len_to_text(c.get(0)?.end());
        if let Some(i) = ARABIC_ORDINALS.iter().position(|&o| o == w) {
            return Some((roman(i as u32 + 1), end));
        }
        if let Some(i) = ARABIC_LETTER_NAMES.iter().position(|&o| o == w) {
            return Some((letter_key(i).to_uppercase(), end));
        }
    }
    None
}

/// The "Preamble" heading line, in any of the six languages.
pub fn is_preamble_heading(s: &str) -> bool {
    let s = s.trim().trim_end_matches([':', '.']);
    TABLES
        .iter()
        .flat_map(|t| t.preamble.iter())
        .any(|w| w.to_lowercase() == s.to_lowercase())
}

/// The preamble opener (`大会,` in the view, `The General Assembly,`).
///
/// The final comma is required: without it the same words are the name of
/// the organ in the masthead (`General Assembly`, `الجمعية العامة`).
pub fn is_opener(s: &str) -> bool {
    let s = s.trim();
    let Some(s) = s.strip_suffix([',', '،', ':']) else {
        return false;
    };
    let s = s.trim_end().replace('’', "'");
    TABLES
        .iter()
        .flat_map(|t| t.openers.iter())
        .any(|o| o.eq_ignore_ascii_case(&s) || o.to_lowercase() == s.to_lowercase())
}

/// What a paragraph opening with a label looks like, in any of the six
/// languages: a quick test on a raw line (before the paragraph is built),
/// so that the line-joiner never runs a label into the line before it.
static LABEL_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{1,3}\s*[.\-–)](?:\s|$|\D)|[(\[]|\)[^\s()]{1,4}\(|[a-zа-я]\)|[IVXLC]+\.\s|[A-ZА-Я]\.\s|(Article|Artículo|Статья|المادة)\s|第\S{1,6}条|[一二三四五六七八九十]+、)",
    )
    .expect("label start")
});

/// A paragraph number of four digits or more (`1000. Decides`): a label
/// only with text after it and after a line that closed its paragraph, so
/// a year carried over a line break (`4 December` / `2017.`) still joins.
static LONG_LABEL_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{4,9}\s*[.\-–)]\s+\S").expect("long label start"));

/// Whether `line` starts like a paragraph label ([`operative`], [`sub`],
/// [`article`], [`heading`] tell which); `after_closed`: the line before
/// ended its clause, so a long paragraph number (`1000.`) counts too.
pub fn starts_like_label(line: &str, after_closed: bool) -> bool {
    LABEL_START.is_match(line) || (after_closed && LONG_LABEL_START.is_match(line))
}

/// `1`, `12`, `IV`, `(a)`, `A`, `74/28`: what is left before a full stop when
/// a sentence so far is only a paragraph or heading label (the segmenter
/// does not end a sentence there).
pub fn is_bare_label(s: &str) -> bool {
    let inner = s.trim_start_matches('(').trim_end_matches(')');
    // A resolution number heading its title: `74/28.`
    if let Some((a, b)) = inner.split_once('/') {
        let digits =
            |x: &str| !x.is_empty() && x.len() <= 4 && x.chars().all(|c| c.is_ascii_digit());
        return digits(a) && digits(b);
    }
    if inner.is_empty() || inner.chars().count() > 5 {
        return false;
    }
    inner.chars().all(|c| c.is_ascii_digit())
        || inner.chars().all(|c| "IVXLCivxlc".contains(c))
        || (inner.chars().count() == 1 && inner.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operative_forms() {
        assert_eq!(operative("1. Urges"), Some((1, 3)));
        assert_eq!(operative("12 - يقرر"), Some((12, 5)));
        assert_eq!(operative("3.促请"), Some((3, 2)));
        assert_eq!(operative("1.5 million"), None);
        assert_eq!(operative("2019 年"), None);
        assert_eq!(operative("1-2 of"), None);
    }

    #[test]
    fn sub_forms() {
        assert_eq!(
            sub("(a) text").map(|x| x.0),
            Some(SubMark::Letter {
                index: 0,
                roman: None
            })
        );
        assert_eq!(sub("(ii) text").map(|x| x.0), Some(SubMark::Roman(2)));
        assert_eq!(
            sub(")ب( نص").map(|x| x.0),
            Some(SubMark::Letter {
                index: 1,
                roman: None
            })
        );
        assert_eq!(
            sub("б) текст").map(|x| x.0),
            Some(SubMark::Letter {
                index: 1,
                roman: None
            })
        );
        assert_eq!(sub("(A/74/363) text"), None);
        assert_eq!(sub("a)b"), None);
    }
}

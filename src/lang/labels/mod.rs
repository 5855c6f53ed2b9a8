//! Recognizers for the labels that open a paragraph, in all six languages.
//!
//! Each takes a paragraph of the normalized view and returns what the label
//! is and the byte length of the label (with the space after it), so the
//! block text can start after it.

use std::sync::LazyLock;

use regex::Regex;

use crate::lang::tables::{
    ABJAD_LETTERS, ARABIC_LETTER_NAMES, ARABIC_ORDINALS, ARTICLE_SUFFIXES, ARTICLE_WORDS,
    CYRILLIC_CAPITALS, CYRILLIC_LETTERS, DIVISION_WORDS, Division, FIRST_WORDS, HEAVENLY_STEMS,
    TABLES, ZH_DIVISIONS, chinese_number, letter_key, roman, roman_value, stem_index,
    zh_numeral_chars,
};

/// `[…]` of the Chinese numeral characters (both scripts, financial forms).
static ZH_NUM: LazyLock<String> = LazyLock::new(|| format!("[{}]", zh_numeral_chars()));

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

/// How far [`sub`] looks for the closing bracket: five characters of at
/// most four bytes and generous white space around them.
const SUB_MARK_MAX_BYTES: usize = 64;

/// The largest char boundary of `s` at or before `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    (0..=i).rev().find(|&j| s.is_char_boundary(j)).unwrap_or(0)
}

/// `(a)`, `a)`, `а)`, `(أ)`, `)أ(`, `(ii)`: the mark and label length.
pub fn sub(s: &str) -> Option<(SubMark, usize)> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    // `甲、` (a Heavenly Stem and an enumeration comma), as some Chinese
    // texts letter sub-paragraphs; `甲、乙雙方` (parties A and B) is text.
    if let Some(index) = stem_index(first)
        && let Some(after) = s[first.len_utf8()..].strip_prefix('、')
    {
        let text = after.trim_start();
        return match text.chars().next() {
            Some(c) if stem_index(c).is_none() => {
                Some((SubMark::Letter { index, roman: None }, s.len() - text.len()))
            }
            _ => None,
        };
    }
    // A mark is at most five characters between its brackets: the closing
    // bracket is looked for near the start only, so that asking at every
    // sentence of a line costs the mark, not the rest of the line.
    let head = &s[..floor_boundary(s, SUB_MARK_MAX_BYTES)];
    let (inner, end) = match first {
        '(' | ')' => {
            let close = if first == '(' { ')' } else { '(' };
            let end = head[1..].find(close)? + 1;
            (&s[1..end], end + 1)
        }
        _ => {
            let end = head.find(')')?;
            (&s[..end], end + 1)
        }
    };
    let inner = inner.trim();
    let count = inner.chars().count();
    if count == 0 || count > 5 {
        return None;
    }
    // `(一)` (`（一）` before normalization) is the Chinese `(a)`, and so is
    // `(甲)` in older treaties.
    let zh_numeral = inner.chars().all(super::tables::is_zh_numeral);
    let stem = (count == 1)
        .then(|| inner.chars().next().and_then(stem_index))
        .flatten();

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
    let mark = if let Some(index) = stem {
        SubMark::Letter { index, roman: None }
    } else if zh_numeral {
        SubMark::Letter {
            index: (chinese_number(inner)? as usize).checked_sub(1)?,
            roman: None,
        }
    } else if count == 1 {
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
    let suffixes: Vec<&str> = ARTICLE_SUFFIXES.iter().map(|(w, _)| *w).collect();
    Regex::new(&format!(
        r"(?i)^(?:{words})\s+(\d{{1,9}}|{firsts})(?:\s*(?:(?:-\s*)?({})\b|-(\d{{1,2}})\b))?\s*(?:[.:\-–—]\s*|$)",
        suffixes.join("|")
    ))
    .expect("article pattern")
});
/// `Article 5 Crimes within the jurisdiction of the Court`: an article
/// heading with its title on the same line, as treaties are often converted
/// (the title must then open with a capital and end without a stop, which
/// `Article 5 of the Convention provides …` does not).
static ARTICLE_TITLED: LazyLock<Regex> = LazyLock::new(|| {
    let words = ARTICLE_WORDS.join("|");
    let firsts = FIRST_WORDS.join("|");
    let suffixes: Vec<&str> = ARTICLE_SUFFIXES.iter().map(|(w, _)| *w).collect();
    Regex::new(&format!(
        r"^(?i:{words})\s+(\d{{1,9}}|(?i:{firsts}))(?:\s+({})\b)?\s+",
        suffixes.join("|")
    ))
    .expect("titled article pattern")
});

/// The characters an article heading can open with: the first letter of
/// each article word in either case, and `第`.
static ARTICLE_FIRST: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut firsts: Vec<char> = ARTICLE_WORDS
        .iter()
        .filter_map(|w| w.chars().next())
        .flat_map(|c| c.to_lowercase().chain(c.to_uppercase()))
        .chain(['第'])
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    firsts
});

/// The longest title [`ARTICLE_TITLED`] takes, in characters.
const ARTICLE_TITLE_MAX: usize = 120;

/// `第十二条`, `第十二條`, `第一百二十三條`, `第十二條之一` (an article inserted
/// after 12, the Latin `12 bis`); text may follow on the line after a space.
static ARTICLE_ZH: LazyLock<Regex> = LazyLock::new(|| {
    let num = ZH_NUM.as_str();
    Regex::new(&format!(
        r"^第\s*((?:{num}|\d)+)\s*[条條](?:\s*之\s*((?:{num}|\d)+))?\s*(?:[.:\-–—、]\s*|\s+|$)"
    ))
    .expect("zh article")
});

/// `Article 12`, `Article premier`, `第十二条`, `第十二條`, `Статья 12`,
/// `المادة 12`: the article number and label length. Text may follow the heading.
pub fn article(s: &str) -> Option<(u32, usize)> {
    article_key(s).map(|(n, _, len)| (n, len))
}

/// [`article`] with the number of an inserted article: `第十二條之一`,
/// `Article 12 bis` and `Article 12-1` are (12, 1, len); `第十二條` (12, 0, len).
pub fn article_key(s: &str) -> Option<(u32, u32, usize)> {
    // Every pattern opens with an article word or `第`: most paragraphs are
    // ruled out by their first character, before any pattern runs.
    if !s.chars().next().is_some_and(|c| ARTICLE_FIRST.contains(&c)) {
        return None;
    }
    let titled = || {
        let c = ARTICLE_TITLED.captures(s)?;
        let title = s[c.get(0)?.end()..].trim_end();
        let capital = title.chars().next().is_some_and(char::is_uppercase);
        let stop = title.ends_with(['.', ';', ':', ',', '!', '?']);
        (capital && !stop && title.chars().count() <= ARTICLE_TITLE_MAX).then_some(c)
    };
    if let Some(c) = ARTICLE.captures(s).or_else(titled) {
        let n = &c[1];
        let n = if FIRST_WORDS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(n) || *w == n.to_lowercase())
        {
            1
        } else {
            n.parse().ok()?
        };
        let sub = if let Some(w) = c.get(2) {
            let w = w.as_str().to_lowercase();
            ARTICLE_SUFFIXES.iter().find(|(x, _)| *x == w)?.1
        } else if let Some(d) = c.get(3) {
            d.as_str().parse().ok()?
        } else {
            0
        };
        return Some((n, sub, c.get(0)?.end()));
    }
    let c = ARTICLE_ZH.captures(s)?;
    let sub = match c.get(2) {
        Some(m) => chinese_number(m.as_str())?,
        None => 0,
    };
    Some((chinese_number(&c[1])?, sub, c.get(0)?.end()))
}

/// The key of an article: `art12`, `art12-1` for an inserted one (`第十二條之一`, `12 bis`).
pub fn article_label_key(n: u32, sub: u32) -> String {
    if sub == 0 {
        format!("art{n}")
    } else {
        format!("art{n}-{sub}")
    }
}

static HEAD_ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXLC]{1,6})\s*\.\s+\S").expect("roman heading"));
static HEAD_LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-ZА-Я])\s*\.\s+\S").expect("letter heading"));
static HEAD_ZH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^({}{{1,4}})、\s*\S", ZH_NUM.as_str())).expect("zh heading")
});
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

static OUTLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:\d{1,3}|[A-Z])(?:\.(?:\d{1,3}|[a-z])){1,3})\.?(?:\s+|$)")
        .expect("outline label")
});

/// A decimal outline label (`1.1`, `1.2.3`, `1.a`, `A.1`, as the SDG
/// targets and most reports number their paragraphs): the label, its
/// parts and the label length. `1.5 million` reads the same; the parser
/// takes it for a label only in an outline (see `parse`).
pub fn outline(s: &str) -> Option<(String, Vec<&str>, usize)> {
    let c = OUTLINE.captures(s)?;
    let label = c.get(1)?.as_str();
    let len = c.get(0)?.end();
    // A label opens a paragraph: some text follows.
    if s[len..].trim().is_empty() {
        return None;
    }
    Some((label.to_string(), label.split('.').collect(), len))
}

static ZH_PARA: LazyLock<Regex> = LazyLock::new(|| {
    let num = ZH_NUM.as_str();
    let kuan: String = ZH_DIVISIONS
        .iter()
        .filter(|(_, d)| *d == Division::Paragraph)
        .map(|(w, _)| *w)
        .collect();
    let stems: String = HEAVENLY_STEMS.iter().collect();
    Regex::new(&format!(
        r"^(?:({num}{{1,4}})、|\(({num}{{1,4}})\)|第((?:{num}|\d){{1,4}})[{kuan}]|({num}{{1,3}})\s+[^\s\x00-\x7F]|\(([{stems}])\))\s*"
    ))
    .expect("zh paragraph label")
});

/// How a Chinese paragraph label is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZhMark {
    /// `一、`: a paragraph, or a section heading outside articles.
    Dun,
    /// `（一）` (`(一)` in the view): a sub-paragraph.
    Paren,
    /// `第一款`, `第一項`: a paragraph of an article.
    Kuan,
    /// `一  `: a numeral and white space before the text, as treaties
    /// number the paragraphs of an article (`一  締約國……`).
    Space,
}

/// `一、`, `（一）`, `第一款`, `第一項`, `一  `: the Chinese paragraph
/// numbering that other versions write `1.`, `(a)` or `(1)`. Its value,
/// form and label length.
pub fn zh_para(s: &str) -> Option<(u32, ZhMark, usize)> {
    let c = ZH_PARA.captures(s)?;
    let (n, mark, len) = if let Some(m) = c.get(1) {
        (m.as_str(), ZhMark::Dun, c.get(0)?.end())
    } else if let Some(m) = c.get(2) {
        (m.as_str(), ZhMark::Paren, c.get(0)?.end())
    } else if let Some(m) = c.get(3) {
        (m.as_str(), ZhMark::Kuan, c.get(0)?.end())
    } else if let Some(m) = c.get(5) {
        // `(甲)`: the first letter, as `(一)` is.
        let len = c.get(0)?.end();
        if s[len..].trim().is_empty() {
            return None;
        }
        let i = stem_index(m.as_str().chars().next()?)?;
        return Some((u32::try_from(i).ok()? + 1, ZhMark::Paren, len));
    } else {
        // `一  締約國`: the label is the numeral and the space; the
        // character matched after it is text.
        let m = c.get(4)?;
        let rest = &s[m.end()..];
        (m.as_str(), ZhMark::Space, s.len() - rest.trim_start().len())
    };
    if s[len..].trim().is_empty() {
        return None;
    }
    Some((chinese_number(n)?, mark, len))
}

static DIVISION: LazyLock<Regex> = LazyLock::new(|| {
    let num = ZH_NUM.as_str();
    let zh: Vec<&str> = ZH_DIVISIONS
        .iter()
        .filter(|(_, d)| *d != Division::Paragraph)
        .map(|(w, _)| *w)
        .collect();
    let words: Vec<&str> = DIVISION_WORDS.iter().map(|(w, _)| *w).collect();
    Regex::new(&format!(
        r"(?i)^(?:第\s*((?:{num}|\d){{1,4}})\s*({})|({})\s+([ivxlc]{{1,6}}|\d{{1,3}}|premier|première|primero|primera|\p{{Arabic}}+))\s*(?:[.:\-–—]\s*|\s|$)",
        zh.join("|"),
        words.join("|")
    ))
    .expect("division heading")
});

/// A heading of a part, chapter or section: `第一編`, `第壹編`, `第一部分`,
/// `Part I`, `第二章`, `Chapter II`, `第三節`, `Section 3` (words in
/// [`DIVISION_WORDS`] and [`ZH_DIVISIONS`]): what it divides, its number
/// and the label length. A heading is short and ends without a clause's stop.
pub fn division(s: &str) -> Option<(Division, u32, usize)> {
    let c = DIVISION.captures(s)?;
    let len = c.get(0)?.end();
    // A heading is short and ends without a clause's stop; `Chapter 7 of
    // the report shows …` is a sentence.
    let rest = s[len..].trim_end();
    // (`nth`, not a count: a heading word opening each sentence of a long
    // line must not cost the rest of the line each time.)
    if rest.chars().nth(80).is_some() || rest.ends_with(['.', ';', ',', '。', '；', '，']) {
        return None;
    }
    let (kind, n) = if let Some(m) = c.get(1) {
        let w = c.get(2)?.as_str();
        let kind = ZH_DIVISIONS.iter().find(|(x, _)| *x == w)?.1;
        (kind, chinese_number(m.as_str())?)
    } else {
        let word = c.get(3)?.as_str().to_lowercase();
        let kind = DIVISION_WORDS
            .iter()
            .find(|(x, _)| x.to_lowercase() == word)?
            .1;
        let w = c.get(4)?.as_str();
        let lower = w.to_lowercase();
        let n = if let Ok(n) = w.parse() {
            n
        } else if let Some(v) = roman_value(&lower) {
            v
        } else if FIRST_WORDS
            .iter()
            .chain(&["primera"])
            .any(|f| f.eq_ignore_ascii_case(w))
        {
            1
        } else {
            let bare = w.strip_prefix("ال").unwrap_or(w);
            let i = ARABIC_CHAPTER_ORDINALS.iter().position(|&o| o == bare)?;
            i as u32 + 1
        };
        (kind, n)
    };
    Some((kind, n, len))
}

/// The key of a division heading: `part2`, `ch3`, `sec1`.
pub fn division_key(d: Division, n: u32) -> String {
    let p = match d {
        Division::Part => "part",
        Division::Chapter => "ch",
        Division::Section => "sec",
        Division::Paragraph => "para",
    };
    format!("{p}{n}")
}

/// Arabic ordinals as chapters are numbered (`الفصل الأول`), without the article.
const ARABIC_CHAPTER_ORDINALS: &[&str] = &[
    "أول", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر",
];

/// A line that is only a label (`1.`, `(a)`, `1.1`, `一、`), as conversions
/// leave paragraph numbers on a line of their own: it belongs to the
/// paragraph after it.
pub fn is_label_alone(s: &str) -> bool {
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\d{1,3}\s*[.\-–—．]|(?:\d{1,3}|[A-Z])(?:\.(?:\d{1,3}|[a-z])){1,3}\.?|[(\[]?[a-zа-я]{1,4}[)\]]|[(\[]\p{Arabic}{1,3}[)\]]|\)\p{Arabic}{1,3}\(|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|[IVXLC]{1,6}\.|[A-ZА-Я]\.)$")
            .expect("bare label")
    });
    BARE.is_match(s.trim())
}

/// The "Preamble" heading line, in any of the six languages.
pub fn is_preamble_heading(s: &str) -> bool {
    let s = s.trim().trim_end_matches([':', '.']);
    lowered_in(s, &PREAMBLES)
}

/// A table's words in lower case, with the longest one's length in bytes.
struct Lowered {
    words: Vec<String>,
    longest: usize,
}

impl Lowered {
    fn of<'a>(words: impl Iterator<Item = &'a &'static str>) -> Lowered {
        let words: Vec<String> = words.map(|w| w.to_lowercase()).collect();
        let longest = words.iter().map(String::len).max().unwrap_or(0);
        Lowered { words, longest }
    }
}

static PREAMBLES: LazyLock<Lowered> =
    LazyLock::new(|| Lowered::of(TABLES.iter().flat_map(|t| t.preamble.iter())));
static OPENERS: LazyLock<Lowered> =
    LazyLock::new(|| Lowered::of(TABLES.iter().flat_map(|t| t.openers.iter())));

/// `s` is one of `table`'s words, in any letter case. Most lines tried are
/// far longer than any of them: lower-casing can at most triple a length
/// in bytes, so those are refused before `s` is lower-cased.
fn lowered_in(s: &str, table: &Lowered) -> bool {
    if s.len() > 3 * table.longest {
        return false;
    }
    let s = s.to_lowercase();
    table.words.contains(&s)
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
    let s = s.trim_end();
    // `’` (3 bytes) becomes `'` (1 byte), then lower case may shrink 3×.
    if s.len() > 9 * OPENERS.longest {
        return false;
    }
    lowered_in(&s.replace('’', "'"), &OPENERS)
}

/// What a paragraph opening with a label looks like, in any of the six
/// languages: a quick test on a raw line (before the paragraph is built),
/// so that the line-joiner never runs a label into the line before it.
static LABEL_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{1,3}\s*[.\-–)．](?:\s|$|\D)|(?:\d{1,3}|[A-Z])(?:\.(?:\d{1,3}|[a-z]))+\.?(?:\s|$)|[(\[（]|\)[^\s()]{1,4}\(|[a-zа-я]\)|[IVXLC]+\.\s|[A-ZА-Я]\.\s|(Article|Artículo|Статья|المادة|Chapter|Chapitre|Capítulo|Глава|الفصل)\s|(?:Part|PART|Partie|PARTIE|Parte|PARTE|Часть|ЧАСТЬ|Section|Sección|Раздел)\s+(?:[IVXLC]{1,6}|\d{1,3})\b|第\S{1,8}?[条條章款項项编編节節]|第\S{1,6}部分|[一二三四五六七八九十壹貳贰參叁肆伍陸陆柒捌玖拾]+、)",
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
    may_start_label(line)
        && (LABEL_START.is_match(line) || (after_closed && LONG_LABEL_START.is_match(line)))
}

/// What the first characters of a line must be for [`LABEL_START`] or
/// [`LONG_LABEL_START`] to match it (a digit, a bracket, a capital, `第`,
/// a Chinese numeral, an Arabic word's alif, a letter before `)`): most
/// lines of running text are ruled out here, before a pattern runs. Kept
/// in step with the patterns by `tests::the_label_sieve_keeps_every_label`.
fn may_start_label(line: &str) -> bool {
    let mut cs = line.chars();
    match cs.next() {
        Some(c) if c.is_numeric() => true,
        Some('(' | '[' | '（' | ')' | '第' | 'ا' | 'A'..='Z' | 'А'..='Я') => true,
        Some('a'..='z' | 'а'..='я') => cs.next() == Some(')'),
        Some(c) => "一二三四五六七八九十壹貳贰參叁肆伍陸陆柒捌玖拾".contains(c),
        None => false,
    }
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
mod tests;

//! Numbers in a sentence, in digits in each language's grouping
//! (`1,234.5`, `1 234,5`, `١٬٢٣٤٫٥`), in words, in Chinese numerals and as
//! percentages, each with its canonical key.

use std::sync::LazyLock;

use regex::Regex;

use crate::lang::{Lang, tables};

use super::{Scan, TokenKind};

static EN_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(one|two|three|four|five|six|seven|eight|nine))?|(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))\b")
        .expect("en number words regex")
});

static EN_ORDINALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth)\b")
        .expect("en ordinal regex")
});

static ZH_PERCENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"百分之\s*(\d+(?:\.\d+)?)").expect("zh percent regex"));

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d+(?:[ ,.']\d+)*(?:\s*(?:%|per cent|percent|pour cent|por ciento|процент[а-я]*|في المائة|في المئة))?")
        .expect("number regex")
});

/// A scale word after a number (`10万`, `100 billion`, `1,5 млрд`): the
/// value is multiplied out, so `10万` and `100,000` compare equal.
static SCALE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:([万萬])|([亿億])|(?i:(mil millones|billions?|milliards?|миллиард[а-я]*|млрд\.?|بليون|مليار))|(?i:(millions?|mill[oó]n(?:es)?|миллион[а-я]*|млн\.?|مليون|ملايين)))")
        .expect("scale regex")
});

pub(super) fn percent_zh(sc: &mut Scan, s: &str, lang: Lang) {
    for c in ZH_PERCENT.captures_iter(s) {
        let (Some(m), Some(n)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if sc.free(&m.range())
            && let Some(v) = number_key(n.as_str(), lang)
        {
            sc.take(m.range(), TokenKind::Percent, format!("{v}%"));
        }
    }
}

/// Percentages and fractions written in words (`百分之一`, `one per cent`,
/// `三分之二`, `deux tiers`), and in French, Spanish, Russian and Arabic
/// numbers in words (`vingt et un`): a percentage is a figure like `1 %`;
/// a fraction or a number in words only supports a match (but two fractions
/// that differ are a mismatch: every language writes them in words).
pub(super) fn in_words(sc: &mut Scan, s: &str, lang: Lang) {
    use crate::lang::numerals::{NumeralKind, numerals};
    for n in numerals(s, lang) {
        if !sc.free(&n.range) {
            continue;
        }
        match n.kind {
            NumeralKind::Percent => sc.take(n.range, TokenKind::Percent, n.key),
            NumeralKind::Fraction => sc.take_soft(n.range, TokenKind::Fraction, n.key),
            // English and Chinese numbers in words have their own passes.
            NumeralKind::Number if !matches!(lang, Lang::En | Lang::Zh) => {
                sc.push(n.range, TokenKind::Number, n.key, true)
            }
            NumeralKind::Number => {}
        }
    }
}

fn year_or_number(v: &str) -> TokenKind {
    if v.len() == 4 && (v.starts_with("19") || v.starts_with("20")) {
        TokenKind::Year
    } else {
        TokenKind::Number
    }
}

/// Figures: numbers, years and percentages, with scale words multiplied out.
pub(super) fn numbers(sc: &mut Scan, s: &str, lang: Lang) {
    for m in NUMBER.find_iter(s) {
        let r = m.range();
        let before = s[..r.start].chars().next_back();
        // One or two digits glued to Latin letters are part of a name
        // (`G20`, `H5N1`) that another language may translate; longer
        // figures are figures (`Euro475,000`, `UNSCR1540`).
        let short = m.as_str().bytes().take_while(u8::is_ascii_digit).count() <= 2;
        if (short && before.is_some_and(|c| c.is_ascii_alphabetic())) || !sc.free(&r) {
            continue;
        }
        let t = m.as_str();
        let digits_end = t
            .char_indices()
            .filter(|(_, c)| c.is_ascii_digit())
            .map(|(i, _)| i + 1)
            .next_back()
            .unwrap_or(t.len());
        let (num, suffix) = t.split_at(digits_end);
        let Some(v) = number_key(num, lang) else {
            continue;
        };
        let (mut r, mut v) = (r, v);
        if suffix.trim().is_empty()
            && let Some(c) = SCALE.captures(&s[r.end..])
        {
            let zeros = if c.get(1).is_some() {
                4
            } else if c.get(2).is_some() {
                8
            } else if c.get(3).is_some() {
                9
            } else {
                6
            };
            if let Some(x) = scaled(&v, zeros) {
                v = x;
                r = r.start..r.end + c.get(0).map_or(0, |m| m.len());
            }
        }
        let (kind, key) = if !suffix.trim().is_empty() {
            (TokenKind::Percent, format!("{v}%"))
        } else {
            (year_or_number(&v), v)
        };
        // A thousands group split by a space is one number only when every
        // group has three digits; otherwise `1998 100` is two numbers.
        if num.contains(' ') && !groups_ok(num, ' ') {
            let mut at = r.start;
            for part in num.split(' ') {
                let pr = at..at + part.len();
                at += part.len() + 1;
                if let Some(v) = number_key(part, lang) {
                    sc.take(pr, year_or_number(&v), v);
                }
            }
            continue;
        }
        // A figure glued to the punctuation after a word (`Committee,16`)
        // is a footnote mark that lost its superscript in conversion.
        let mut back = s[..r.start].chars().rev();
        let mark = lang != Lang::Zh
            && back
                .next()
                .is_some_and(|c| matches!(c, ',' | '.' | ';' | ':' | ')' | '"' | '”'))
            && back.next().is_some_and(char::is_alphabetic)
            && kind == TokenKind::Number;
        if mark {
            sc.take_soft(r, kind, key);
        } else {
            sc.take(r, kind, key);
        }
    }
}

/// English numbers in words (`twenty-one`, `fifth`): they only support a match.
pub(super) fn number_words_en(sc: &mut Scan, s: &str) {
    use tables::{EN_ORDINAL_WORDS as ORD, EN_TENS as TENS, EN_UNITS as UNITS};
    let pos = |list: &[&str], w: &str| list.iter().position(|x| x.eq_ignore_ascii_case(w));
    for c in EN_ORDINALS.captures_iter(s) {
        let (Some(m), Some(o)) = (c.get(0), c.get(2)) else {
            continue;
        };
        let Some(k) = pos(&ORD, o.as_str()) else {
            continue;
        };
        let mut v = if k < 19 { k + 1 } else { 20 + 10 * (k - 19) };
        if let Some(t) = c.get(1).and_then(|t| pos(&TENS, t.as_str())) {
            v += 20 + 10 * t;
        }
        if sc.free(&m.range()) {
            sc.take_soft(m.range(), TokenKind::Number, v.to_string());
        }
    }
    for c in EN_WORDS.captures_iter(s) {
        let Some(m) = c.get(0) else { continue };
        let v = match (c.get(1), c.get(2), c.get(3)) {
            (Some(t), u, _) => pos(&TENS, t.as_str())
                .map(|t| 20 + 10 * t)
                .map(|t| t + u.and_then(|u| pos(&UNITS, u.as_str())).map_or(0, |u| u + 1)),
            (None, _, Some(u)) => pos(&UNITS, u.as_str()).map(|u| u + 1),
            _ => None,
        };
        if let (Some(v), true) = (v, sc.free(&m.range())) {
            sc.push(m.range(), TokenKind::Number, v.to_string(), true);
        }
    }
}

/// Chinese numerals (`十五`, `一百二十`): they only support a match.
pub(super) fn numerals_zh(sc: &mut Scan, s: &str) {
    // The paragraph label that opens the sentence (`一、`, `（一）`, `一  `),
    // which the other versions write `1.`, `(1)`.
    let lead = s.len() - s.trim_start().len();
    let label = crate::lang::labels::zh_para(&s[lead..]).map(|(_, _, len)| lead..lead + len);
    for m in ZH_NUMERAL.find_iter(s) {
        let t = m.as_str();
        // A lone `一` is in too many words (`一切`, `统一`) to mean one,
        // except as a label or an ordinal (`第一項`, `paragraph 1`).
        let in_label = label
            .as_ref()
            .is_some_and(|l| l.start <= m.start() && m.end() <= l.end);
        let ordinal = s[..m.start()].ends_with('第');
        if (t == "一" && !in_label && !ordinal) || !sc.free(&m.range()) {
            continue;
        }
        if let Some(v) = tables::chinese_value(t) {
            sc.push(m.range(), TokenKind::Number, v.to_string(), true);
        }
    }
}

static ZH_NUMERAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("[{}]+", tables::zh_numeral_chars())).expect("zh numeral regex")
});

/// `v` (a canonical number) times 10^`zeros`, canonical again.
fn scaled(v: &str, zeros: usize) -> Option<String> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if frac.len() > zeros {
        return None;
    }
    let digits = format!("{int}{frac}{}", "0".repeat(zeros - frac.len()));
    let t = digits.trim_start_matches('0');
    Some(if t.is_empty() { "0".into() } else { t.into() })
}

/// Every group after the first has exactly three digits.
fn groups_ok(num: &str, sep: char) -> bool {
    num.split(sep).skip(1).all(|g| g.len() == 3)
}

/// The canonical value of a number as written in `lang`: grouping removed,
/// decimal point `.`, no leading zeros, no trailing decimal zeros.
fn number_key(num: &str, lang: Lang) -> Option<String> {
    let seps: Vec<char> = num.chars().filter(|c| !c.is_ascii_digit()).collect();
    let decimal_comma = matches!(lang, Lang::Fr | Lang::Es | Lang::Ru);
    // Which separator, if any, is the decimal one: the last separator when it
    // is the only one of its kind and is not followed by a group of three
    // digits, or when it is the language's decimal mark and differs from the
    // grouping marks before it.
    let last = seps.last().copied();
    let decimal = match last {
        None => None,
        Some(c) => {
            let tail = num.rsplit(c).next().unwrap_or("");
            let only = seps.iter().filter(|&&s| s == c).count() == 1;
            let mixed = seps.iter().any(|&s| s != c);
            if c == ' ' || c == '\'' {
                None
            } else if only && (mixed || tail.len() != 3) {
                Some(c)
            } else if only {
                // `1,234` or `1.234`: the language's decimal mark decides.
                let is_decimal = if c == ',' {
                    decimal_comma
                } else {
                    !decimal_comma
                };
                is_decimal.then_some(c)
            } else {
                None
            }
        }
    };
    let (int, frac) = match decimal {
        Some(c) => {
            let at = num.rfind(c)?;
            (&num[..at], &num[at + c.len_utf8()..])
        }
        None => (num, ""),
    };
    let int: String = int.chars().filter(char::is_ascii_digit).collect();
    let frac = frac.trim_end_matches('0');
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if frac.is_empty() {
        Some(int.to_string())
    } else {
        Some(format!("{int}.{frac}"))
    }
}

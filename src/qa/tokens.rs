//! Numbers, years, dates, percentages, document symbols and resolution
//! numbers of one sentence, as values that can be compared across languages.
//!
//! The scorers in [`crate::score`] hash such tokens for speed; QA needs the
//! values themselves, to say which number changed. Every token keeps the
//! text as written (for messages) and a canonical key that is the same in
//! every language: `12 December 2019`, `2019年12月12日`, `12 декабря 2019 года`
//! and `12 كانون الأول/ديسمبر 2019` all give `2019-12-12`; `1,234.5`,
//! `1 234,5` and `١٬٢٣٤٫٥` all give `1234.5`.
//!
//! ```
//! use sixalign::qa::tokens::{tokens, TokenKind};
//! use sixalign::Lang;
//! let en = tokens("Recalling resolution 73/266 of 22 December 2018 and document A/74/363,", Lang::En);
//! let zh = tokens("回顾其2018年12月22日第73/266号决议和A/74/363号文件,", Lang::Zh);
//! let keys = |t: &[sixalign::qa::tokens::Token]| t.iter().map(|t| t.key.clone()).collect::<Vec<_>>();
//! assert_eq!(keys(&en), ["73/266", "2018-12-22", "A/74/363"]);
//! assert_eq!(keys(&zh), ["2018-12-22", "73/266", "A/74/363"]);
//! assert_eq!(en[1].kind, TokenKind::Date);
//! ```

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::lang::{
    Lang, MONTH_STEMS_RU, MONTHS_AR, MONTHS_EN, MONTHS_ES, MONTHS_FR, symbol, tables,
};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A document symbol (`A/74/363`, `A/RES/74/28`, `E/CN.4/2019/1`).
    Symbol,
    /// A resolution or decision number (`73/266`).
    Resolution,
    /// A date, day optional (`2019-12-12`, `2019-12`).
    Date,
    /// A percentage (`25%`).
    Percent,
    /// A fraction (`2/3`: `三分之二`, `two thirds`, `deux tiers`).
    Fraction,
    /// A time of day (`10:15`; a.m./p.m. are not compared).
    Time,
    /// A year (a four-digit number from 1900 to 2099).
    Year,
    /// Any other number.
    Number,
}

impl TokenKind {
    /// The lower-case name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Symbol => "document symbol",
            TokenKind::Resolution => "resolution number",
            TokenKind::Date => "date",
            TokenKind::Percent => "percentage",
            TokenKind::Fraction => "fraction",
            TokenKind::Time => "time",
            TokenKind::Year => "year",
            TokenKind::Number => "number",
        }
    }
}

/// One token of a sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// The canonical key, equal across languages (`2019-12-12`, `1234.5`, `25%`).
    pub key: String,
    /// The token as written in the sentence.
    pub text: String,
    /// A number written in words (Chinese numerals: `二十五`, `十年`): it
    /// matches a figure on the other side, but is never reported missing,
    /// since the other language may write it in words too.
    pub soft: bool,
}

impl Token {
    /// The plain numbers a composite token (date, percentage, time) shows
    /// as figures in any language, as they would be keyed when the other
    /// language's form was not recognized (the month of a date is a word in
    /// most languages, so it is left out).
    pub fn parts(&self) -> Vec<String> {
        match self.kind {
            TokenKind::Date => {
                let p: Vec<&str> = self.key.split('-').collect();
                // `2019-12-12`, `2019-12`, `--12-12`: year first, day last.
                let mut out = Vec::new();
                if let Some(y) = p.first().filter(|y| !y.is_empty()) {
                    out.push(y.to_string());
                }
                if let Some((_, _, Some(d))) = self.date_parts() {
                    out.push(d.trim_start_matches('0').to_string());
                }
                out
            }
            TokenKind::Percent => vec![self.key.trim_end_matches('%').to_string()],
            TokenKind::Time => self
                .key
                .split(':')
                .map(|x| {
                    let t = x.trim_start_matches('0');
                    if t.is_empty() { "0".into() } else { t.into() }
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Every figure the token is made of, month included: what is left of
    /// two sentences compares equal on these when they only group the same
    /// figures differently (`2015年5月13日至14日` / `13 and 14 May 2015`).
    pub fn atoms(&self) -> Vec<String> {
        match self.kind {
            TokenKind::Date | TokenKind::Time => self
                .key
                .split(['-', ':'])
                .filter(|x| !x.is_empty())
                .map(|x| {
                    let t = x.trim_start_matches('0');
                    if t.is_empty() { "0".into() } else { t.into() }
                })
                .collect(),
            TokenKind::Percent => vec![self.key.trim_end_matches('%').to_string()],
            _ => vec![self.key.clone()],
        }
    }

    /// The year, month and day of a date token (any may be absent).
    pub fn date_parts(&self) -> Option<(Option<&str>, Option<&str>, Option<&str>)> {
        if self.kind != TokenKind::Date {
            return None;
        }
        let p: Vec<&str> = self.key.split('-').collect();
        let nz = |s: &&str| !s.is_empty();
        Some(if let Some(rest) = self.key.strip_prefix("--") {
            let mut it = rest.split('-');
            (None, it.next().filter(nz), it.next().filter(nz))
        } else {
            (
                p.first().copied().filter(nz),
                p.get(1).copied().filter(nz),
                p.get(2).copied().filter(nz),
            )
        })
    }
}

/// A text with digits and full-width forms folded to ASCII and tatweel
/// removed, with the byte offset in the original of every byte.
struct Folded {
    text: String,
    orig: Vec<usize>,
}

fn fold(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut orig = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let u = c as u32;
        let f = match u {
            0x0640 => continue,
            0x0660..=0x0669 => char::from_u32(u - 0x0660 + '0' as u32),
            0x06F0..=0x06F9 => char::from_u32(u - 0x06F0 + '0' as u32),
            0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0),
            0x066B => Some('.'),
            0x066C => Some(','),
            0x00A0 | 0x202F | 0x2009 | 0x3000 => Some(' '),
            _ => Some(c),
        }
        .unwrap_or(c);
        for _ in 0..f.len_utf8() {
            orig.push(i);
        }
        text.push(f);
    }
    orig.push(s.len());
    Folded { text, orig }
}

impl Folded {
    fn original<'a>(&self, s: &'a str, r: Range<usize>) -> &'a str {
        let a = self.orig[r.start];
        // The end maps to the byte after the last folded character's source.
        let b = if r.end >= self.orig.len() - 1 {
            s.len()
        } else {
            self.orig[r.end]
        };
        s.get(a..b).unwrap_or("")
    }
}

static RESOLUTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{1,3}/\d{1,4}").expect("resolution regex"));
static ZH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|(\d{1,2})\s*月\s*(\d{1,2})\s*日",
    )
    .expect("zh date regex")
});
/// A clock time: `10 h 15`, `10.15 a.m.`, `3 p.m.`, `10.00 horas`,
/// `上午10时15分`, `10时15分`. Durations (`48 horas`, `24小时`) have no
/// minutes and no a.m./p.m., so they stay numbers.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d{1,2})\s*[hч]\.?\s*(\d{2})\b|(\d{1,2})(?:[.:](\d{2}))?\s*(?:a\.\s?m\.|p\.\s?m\.)|(\d{1,2})[.:](\d{2})\s*(?:horas|heures|h\b|ч\.)|(?:上午|下午|中午|晚上|凌晨)\s*(\d{1,2})\s*[时時](?:\s*(\d{1,2})\s*分)?|(\d{1,2})\s*[时時]\s*(\d{1,2})\s*分|\b([01]\d|2[0-3])([0-5]\d)\s+hours\b")
        .expect("time regex")
});
static ZH_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,2})\s*月").expect("zh month regex"));
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

/// Day (optional), month name, year (optional) in one language.
static DATES: LazyLock<[Regex; 5]> = LazyLock::new(|| {
    let alt = |names: &[&str]| names.join("|");
    let en = format!(
        r"(?i)(?:\b(\d{{1,2}})(?:st|nd|rd|th)?\s+)?\b({})\b(?:,?\s+(\d{{4}})\b|\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?)?",
        alt(&MONTHS_EN)
    );
    let fr = format!(
        r"(?i)(?:\b(\d{{1,2}})(?:er|e)?\s+)?\b({})(?:\s+(\d{{4}})\b)?",
        alt(&MONTHS_FR)
    );
    let es = format!(
        r"(?i)(?:\b(\d{{1,2}})(?:º|°|o)?\s+de\s+)?\b({})\b(?:\s+de(?:l)?\s+(\d{{4}})\b)?",
        alt(&MONTHS_ES)
    );
    // A stem and any case ending (`ма` is May, `май` or `мая`).
    let ru_names: Vec<String> = MONTH_STEMS_RU
        .iter()
        .map(|m| {
            if *m == "ма" {
                "ма[йя]".to_string()
            } else {
                format!("{m}[а-я]*")
            }
        })
        .collect();
    let ru = format!(
        r"(?i)(?:\b(\d{{1,2}})\s+)?({})(?:\s+(\d{{4}}))?",
        ru_names.join("|")
    );
    let egy: Vec<&str> = MONTHS_AR
        .iter()
        .flat_map(|(e, _)| e.iter().copied())
        .collect();
    let lev: Vec<&str> = MONTHS_AR.iter().map(|(_, l)| *l).collect();
    let ar = format!(
        r"(?:(\d{{1,2}})\s+)?((?:(?:{lev})\s*/\s*)?(?:{egy})|(?:{lev}))(?:\s+(\d{{4}}))?",
        lev = alt(&lev),
        egy = alt(&egy)
    );
    [en, fr, es, ru, ar].map(|p| Regex::new(&p).expect("date regex"))
});

fn month_number(word: &str, lang: Lang) -> Option<u32> {
    crate::lang::month_number(word, lang).map(u32::from)
}

/// The tokens of `text` written in `lang`, in order of appearance.
pub fn tokens(text: &str, lang: Lang) -> Vec<Token> {
    let f = fold(text);
    let s = f.text.as_str();
    let mut sc = Scan {
        text,
        f: &f,
        taken: vec![false; s.len()],
        out: Vec::new(),
    };
    // Order matters: a pass only takes text no earlier pass took.
    symbols_and_resolutions(&mut sc, s);
    if lang == Lang::Zh {
        dates_zh(&mut sc, s);
    } else {
        dates_named(&mut sc, s, lang);
    }
    times(&mut sc, s);
    if lang == Lang::Zh {
        percent_zh(&mut sc, s, lang);
    }
    in_words(&mut sc, s, lang);
    numbers(&mut sc, s, lang);
    if lang == Lang::En {
        number_words_en(&mut sc, s);
    }
    if lang == Lang::Zh {
        numerals_zh(&mut sc, s);
    }
    let mut out = sc.out;
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, t)| t).collect()
}

/// The state of one tokenization: which bytes of the folded text are taken,
/// and the tokens found so far with their position.
struct Scan<'a> {
    text: &'a str,
    f: &'a Folded,
    taken: Vec<bool>,
    out: Vec<(usize, Token)>,
}

impl Scan<'_> {
    /// No earlier token covers any of `r`.
    fn free(&self, r: &Range<usize>) -> bool {
        !self.taken[r.clone()].iter().any(|&t| t)
    }

    /// A token over `r`, which no later pass can take.
    fn take(&mut self, r: Range<usize>, kind: TokenKind, key: String) {
        for t in &mut self.taken[r.clone()] {
            *t = true;
        }
        self.push(r, kind, key, false);
    }

    /// A token that only supports a match (see [`Token::soft`]), taking `r`.
    fn take_soft(&mut self, r: Range<usize>, kind: TokenKind, key: String) {
        self.take(r, kind, key);
        if let Some((_, t)) = self.out.last_mut() {
            t.soft = true;
        }
    }

    /// A token that leaves `r` free for later passes.
    fn push(&mut self, r: Range<usize>, kind: TokenKind, key: String, soft: bool) {
        self.out.push((
            r.start,
            Token {
                kind,
                key,
                text: self.f.original(self.text, r).to_string(),
                soft,
            },
        ));
    }
}

fn symbols_and_resolutions(sc: &mut Scan, s: &str) {
    for r in symbol::in_text(s) {
        if sc.free(&r) {
            let key: String = s[r.clone()]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            sc.take(r, TokenKind::Symbol, key.to_ascii_uppercase());
        }
    }
    for m in RESOLUTION.find_iter(s) {
        let r = m.range();
        let before = s[..r.start].chars().next_back();
        let after = s[r.end..].chars().next();
        let joined = |c: Option<char>| c.is_some_and(|c| c == '/' || c.is_ascii_alphanumeric());
        if joined(before) || joined(after) || !sc.free(&r) {
            continue;
        }
        let key = m
            .as_str()
            .split('/')
            .map(|p| p.trim_start_matches('0'))
            .collect::<Vec<_>>()
            .join("/");
        sc.take(r, TokenKind::Resolution, key);
    }
}

fn dates_zh(sc: &mut Scan, s: &str) {
    for c in ZH_DATE.captures_iter(s) {
        let Some(m) = c.get(0) else { continue };
        if !sc.free(&m.range()) {
            continue;
        }
        let num = |i: usize| c.get(i).and_then(|g| g.as_str().parse::<u32>().ok());
        let key = match (num(1), num(2), num(3), num(4), num(5)) {
            (Some(y), Some(mo), Some(d), _, _) => date_key(Some(y), mo, Some(d)),
            (Some(y), Some(mo), None, _, _) => date_key(Some(y), mo, None),
            (None, None, None, Some(mo), Some(d)) => date_key(None, mo, Some(d)),
            _ => None,
        };
        if let Some(key) = key {
            sc.take(m.range(), TokenKind::Date, key);
        }
    }
    for c in ZH_MONTH.captures_iter(s) {
        let (Some(m), Some(mo)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if let (true, Ok(mo @ 1..=12)) = (sc.free(&m.range()), mo.as_str().parse::<u32>()) {
            sc.take_soft(m.range(), TokenKind::Date, format!("--{mo:02}"));
        }
    }
}

/// Dates with a month name (`12 December 2019`, `June 25, 2014`).
fn dates_named(sc: &mut Scan, s: &str, lang: Lang) {
    let re = &DATES[match lang {
        Lang::En => 0,
        Lang::Fr => 1,
        Lang::Es => 2,
        Lang::Ru => 3,
        _ => 4,
    }];
    for c in re.captures_iter(s) {
        let Some(m) = c.get(0) else { continue };
        // English also writes `June 25, 2014`.
        let (day, year) = (c.get(1).or(c.get(4)), c.get(3).or(c.get(5)));
        let (Some(month), day, year) = (c.get(2), day, year) else {
            continue;
        };
        if !sc.free(&m.range()) {
            continue;
        }
        let Some(mo) = month_number(month.as_str(), lang) else {
            continue;
        };
        // A month name alone (`from May to November 1947`) only supports
        // a match; `may` in lower case is a verb.
        if day.is_none() && year.is_none() {
            if lang != Lang::En || month.as_str().starts_with(char::is_uppercase) {
                sc.take_soft(m.range(), TokenKind::Date, format!("--{mo:02}"));
            }
            continue;
        }
        let d = day.and_then(|g| g.as_str().parse().ok());
        let y = year.and_then(|g| g.as_str().parse().ok());
        if let Some(key) = date_key(y, mo, d) {
            sc.take(m.range(), TokenKind::Date, key);
        }
    }
}

fn times(sc: &mut Scan, s: &str) {
    for c in TIME.captures_iter(s) {
        let Some(m) = c.get(0) else { continue };
        if !sc.free(&m.range()) {
            continue;
        }
        let num = |i: usize| c.get(i).and_then(|g| g.as_str().parse::<u32>().ok());
        let Some(g) = (1..=11).step_by(2).find(|&g| c.get(g).is_some()) else {
            continue;
        };
        let (Some(h), mi) = (num(g), num(g + 1).unwrap_or(0)) else {
            continue;
        };
        if h <= 24 && mi < 60 {
            sc.take(m.range(), TokenKind::Time, format!("{h}:{mi:02}"));
        }
    }
}

fn percent_zh(sc: &mut Scan, s: &str, lang: Lang) {
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
fn in_words(sc: &mut Scan, s: &str, lang: Lang) {
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
fn numbers(sc: &mut Scan, s: &str, lang: Lang) {
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
fn number_words_en(sc: &mut Scan, s: &str) {
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
fn numerals_zh(sc: &mut Scan, s: &str) {
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

fn date_key(y: Option<u32>, m: u32, d: Option<u32>) -> Option<String> {
    if !(1..=12).contains(&m) || d.is_some_and(|d| !(1..=31).contains(&d)) {
        return None;
    }
    Some(match (y, d) {
        (Some(y), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (Some(y), None) => format!("{y:04}-{m:02}"),
        (None, Some(d)) => format!("--{m:02}-{d:02}"),
        (None, None) => return None,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, lang: Lang) -> Vec<String> {
        tokens(text, lang).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn dates_in_six_languages_give_one_key() {
        let want = ["2019-12-12"];
        assert_eq!(keys("adopted on 12 December 2019", Lang::En), want);
        assert_eq!(keys("2019 年 12 月 12 日大会决议", Lang::Zh), want);
        assert_eq!(keys("2019年12月12日", Lang::Zh), want);
        assert_eq!(keys("от 12 декабря 2019 года", Lang::Ru), want);
        assert_eq!(keys("المؤرخ 12 كانون الأول/ديسمبر 2019", Lang::Ar), want);
        assert_eq!(keys("المؤرخ ١٢ كانون الأول/ديسمبر ٢٠١٩", Lang::Ar), want);
        assert_eq!(keys("du 12 décembre 2019", Lang::Fr), want);
        assert_eq!(keys("de 12 de diciembre de 2019", Lang::Es), want);
        assert_eq!(keys("le 1er janvier 2020", Lang::Fr), ["2020-01-01"]);
    }

    #[test]
    fn numbers_across_conventions() {
        assert_eq!(keys("US$ 437,100 and 1.25", Lang::En), ["437100", "1.25"]);
        assert_eq!(keys("437 100美元, 1.25美元", Lang::Zh), ["437100", "1.25"]);
        assert_eq!(keys("437 100 dollars, 1,25", Lang::Fr), ["437100", "1.25"]);
        assert_eq!(keys("25 per cent; 25 %", Lang::En), ["25%", "25%"]);
        assert_eq!(keys("百分之25", Lang::Zh), ["25%"]);
        assert_eq!(
            keys("in 1998 and 2015-2030", Lang::En),
            ["1998", "2015", "2030"]
        );
        assert_eq!(keys("G20 and the 3rd", Lang::En), ["3"]);
        assert_eq!(
            keys("每10万例, 1000亿美元", Lang::Zh),
            ["100000", "100000000000"]
        );
        assert_eq!(
            keys("100,000 and 100 billion", Lang::En),
            ["100000", "100000000000"]
        );
        assert_eq!(keys("1,5 млрд", Lang::Ru), ["1500000000"]);
        assert_eq!(
            keys("at 10.15 a.m. and 3 p.m.", Lang::En),
            ["10:15", "3:00"]
        );
        assert_eq!(keys("上午10时15分和下午3时", Lang::Zh), ["10:15", "3:00"]);
        assert_eq!(keys("à 10 h 15", Lang::Fr), ["10:15"]);
        assert_eq!(keys("at 1855 hours", Lang::En), ["18:55"]);
        assert_eq!(keys("Euro475,000 and G20", Lang::En), ["475000"]);
        let t = tokens("the Advisory Committee,16 and 16 States", Lang::En);
        assert_eq!((t[0].soft, t[1].soft), (true, false));
        let en = tokens(
            "nine meetings, twenty-five States, from May to 3 June",
            Lang::En,
        );
        let got: Vec<(&str, bool)> = en.iter().map(|t| (t.key.as_str(), t.soft)).collect();
        assert_eq!(
            got,
            [
                ("9", true),
                ("25", true),
                ("--05", true),
                ("--06-03", false)
            ]
        );
        assert_eq!(
            keys("On June 25 and September 20, 2014", Lang::En),
            ["--06-25", "2014-09-20"]
        );
        assert_eq!(
            keys("the nineteenth and the seventy-fourth", Lang::En),
            ["19", "74"]
        );
        let zh = tokens(
            "第二十三和二十四条, 十年, 一百零八, 三千万, 二〇一五年",
            Lang::Zh,
        );
        let got: Vec<(&str, bool)> = zh.iter().map(|t| (t.key.as_str(), t.soft)).collect();
        assert_eq!(
            got,
            [
                ("23", true),
                ("24", true),
                ("10", true),
                ("108", true),
                ("30000000", true),
                ("2015", true)
            ]
        );
    }

    #[test]
    fn a_chinese_paragraph_label_is_its_number() {
        // `一` alone is a word (`一切`, `统一`), but as the label that opens
        // a sentence it is the `1.` of the other versions; soft, like every
        // Chinese numeral.
        for s in [
            "一、所有民族均享有自決權。",
            "一  所有民族均享有自決權。",
            "一\u{3000}所有民族均享有自決權。",
            "（一）確保任何人所享本公約確認之權利。",
            "(一)确保任何人所享本公约确认之权利。",
            "第一項 締約國應尊重。",
        ] {
            let t = tokens(s, Lang::Zh);
            let got: Vec<(&str, bool)> = t.iter().map(|t| (t.key.as_str(), t.soft)).collect();
            assert_eq!(got, [("1", true)], "{s}");
        }
        assert_eq!(keys("二、第一項關於用語之規定", Lang::Zh), ["2", "1"]);
        for s in ["一切形式的奴隸制度", "统一、团结", "人人有权享有生命。一、"]
        {
            assert!(tokens(s, Lang::Zh).is_empty(), "{s}");
        }
        assert_eq!(keys("二、所有民族", Lang::Zh), ["2"]);
    }

    #[test]
    fn fractions_have_their_own_kind() {
        for (s, l) in [
            ("三分之二的締約國", Lang::Zh),
            ("two thirds of the States", Lang::En),
            ("les deux tiers des États", Lang::Fr),
            ("dos tercios de los Estados", Lang::Es),
            ("две трети государств", Lang::Ru),
        ] {
            let t = tokens(s, l);
            let got: Vec<(TokenKind, &str, bool)> =
                t.iter().map(|t| (t.kind, t.key.as_str(), t.soft)).collect();
            assert_eq!(got, [(TokenKind::Fraction, "2/3", true)], "{s}");
        }
    }

    #[test]
    fn symbols_and_resolutions() {
        let t = tokens("A/RES/74/28, E/CN.4/2019/1 and resolution 73/266", Lang::En);
        let got: Vec<(TokenKind, &str)> = t.iter().map(|t| (t.kind, t.key.as_str())).collect();
        assert_eq!(
            got,
            [
                (TokenKind::Symbol, "A/RES/74/28"),
                (TokenKind::Symbol, "E/CN.4/2019/1"),
                (TokenKind::Resolution, "73/266")
            ]
        );
        assert!(tokens("and/or كانون الأول/ديسمبر", Lang::En).is_empty());
    }
}

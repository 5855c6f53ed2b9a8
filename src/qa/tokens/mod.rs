//! Numbers, years, dates, percentages, document symbols and resolution
//! numbers of one sentence, as values that can be compared across languages.
//!
//! The scorer reads figures too (`score/tokens.rs`), in one fast pass that
//! keeps hashes: enough to tell which sentences share figures, not which
//! figure changed. QA needs the values themselves, so it reads them here,
//! with the scorer's fold of digit systems and full-width forms
//! (`score::normalize_char`). The two readings differ where a
//! value matters to a reader and not to a link: QA multiplies out scale
//! words (`10万` is 100000, the scorer sees 10), reads decimal commas and
//! times (`1,25` is 1.25, `10.15 a.m.` is 10:15, the scorer keeps the
//! digits 125 and 1015), joins a date into one key, splits a range
//! (`2001-2010`, one symbol to the scorer) and reads numbers in Chinese
//! numerals outside dates; the scorer alone keeps Latin names and codes
//! (`G20`). A test holds them to agree on every plain figure. Every token
//! keeps the text as written (for messages) and a canonical key that is
//! the same in every language: `12 December 2019`, `2019年12月12日`, `12 декабря 2019 года`
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
//!
//! This file holds the tokens, the scan that takes them in order and the
//! document symbols; dates and times (`dates.rs`) and numbers in figures,
//! words and Chinese numerals (`numbers.rs`) are read in rooms of their own.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::lang::{Lang, symbol};
use crate::score::{is_digit_space, normalize_char};

mod dates;
mod numbers;

use dates::{dates_named, dates_zh, times};
use numbers::{in_words, number_words_en, numbers, numerals_zh, percent_zh};

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

/// A text with digits and full-width forms folded to ASCII, tatweel
/// removed and the spaces that group digits made plain (the scorer's fold,
/// [`crate::score::normalize_char`]), with the byte offset in the original
/// of every byte.
struct Folded {
    text: String,
    orig: Vec<usize>,
}

fn fold(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut orig = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        // The scorer's fold of figures; every space that may group digits,
        // and the ideographic one, a plain space.
        let f = if is_digit_space(c) || c == '\u{3000}' {
            ' '
        } else {
            match normalize_char(c) {
                Some(f) => f,
                None => continue,
            }
        };
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

static RESOLUTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{1,3}/\d{1,4}").expect("resolution regex"));

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

    /// Where the two readings of figures must agree: a plain figure QA
    /// would report (a number or year written in digits alone, grouping
    /// aside) is one the scorer sees in the same sentence, so that a
    /// `number_mismatch` is never about a figure the alignment ignored;
    /// ranges (`2001-2010`) are the one exception, counted.
    /// Read over the six versions of the Universal Declaration and the
    /// PDF pair, line by line.
    #[test]
    fn every_plain_figure_qa_reads_is_a_token_of_the_scorer() {
        let root = env!("CARGO_MANIFEST_DIR");
        let files = [
            ("data/udhr/zh.txt", Lang::Zh),
            ("data/udhr/ar.txt", Lang::Ar),
            ("data/udhr/en.txt", Lang::En),
            ("data/udhr/es.txt", Lang::Es),
            ("data/udhr/fr.txt", Lang::Fr),
            ("data/udhr/ru.txt", Lang::Ru),
            ("../shared/data/pdftext/ldc-poa.zh.txt", Lang::Zh),
            ("../shared/data/pdftext/ldc-poa.en.txt", Lang::En),
        ];
        let (mut checked, mut ranges, mut misses) = (0, 0, Vec::new());
        for (path, lang) in files {
            let Ok(text) = std::fs::read_to_string(format!("{root}/{path}")) else {
                assert!(path.starts_with("../"), "{path} is part of the repository");
                continue;
            };
            for line in text.lines() {
                // A paragraph number opening the line (`1.`) the scorer keeps
                // among the names, as evidence only when both sides have it.
                let f = crate::score::Features::new(line, lang, None);
                let seen = |h: &u64| f.invariant.binary_search(h).is_ok() || f.names.contains(h);
                for t in tokens(line, lang) {
                    let digits: String = fold(&t.text)
                        .text
                        .chars()
                        .filter(char::is_ascii_digit)
                        .collect();
                    let plain = !t.soft
                        && matches!(t.kind, TokenKind::Number | TokenKind::Year)
                        && digits == t.key;
                    if !plain {
                        continue;
                    }
                    let alone = crate::score::Features::new(&t.key, lang, None).invariant;
                    // The one known difference: a range `2001-2010` is two
                    // years to QA, one symbol to the scorer (as `A/74/363`
                    // is), which matches it whole when both sides write it.
                    let range = [format!("{}-", t.text), format!("-{}", t.text)]
                        .iter()
                        .any(|r| line.contains(r.as_str()));
                    if !alone.iter().all(seen) {
                        if range {
                            ranges += 1;
                        } else {
                            misses.push(format!("{path}: {:?} in {line:?}", t.text));
                        }
                    }
                    checked += 1;
                }
            }
        }
        assert!(
            misses.is_empty(),
            "read by QA, not by the scorer:\n{}",
            misses.join("\n")
        );
        assert!(checked > 100, "only {checked} figures checked");
        // The PDF pair writes `2001-2010` (not part of the repository).
        let pdf = std::path::Path::new(root).join("../shared/data/pdftext/ldc-poa.en.txt");
        assert!(ranges > 0 || !pdf.exists(), "no range met");
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

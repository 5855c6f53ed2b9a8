//! Numbers written in words, in the six languages, as values: cardinal
//! words (`twenty-one`, `vingt et un`, `veintiuno`, `двадцать один`,
//! `واحد وعشرون`, `二十一`), percentages (`百分之二十五`, `one per cent`)
//! and fractions (`三分之二`, `two thirds`, `deux tiers`, `две трети`,
//! `ثلثي`). The scorer and QA read them, so that `百分之一` and `1 per cent`
//! are the same figure.
//!
//! The words are data (one table per language, below); the readers only
//! add them up.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use super::Lang;
use super::letters::{is_letter, is_upper};
use super::tables::{chinese_value, is_zh_numeral};

/// What a number in words is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NumeralKind {
    /// A cardinal number (`twenty-one`, `二十一`).
    Number,
    /// A percentage (`百分之二十五`, `five per cent`).
    Percent,
    /// A fraction (`三分之二`, `two thirds`).
    Fraction,
}

/// One number written in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Numeral {
    /// Byte range in the text read.
    pub range: Range<usize>,
    /// What it is.
    pub kind: NumeralKind,
    /// The value, as QA keys figures: `21`, `25%` (a percentage), `2/3`.
    pub key: String,
    /// The plain number a figure in another version would show: `21`,
    /// `25` for `25%`; `None` for a fraction.
    pub value: Option<u64>,
}

/// One language's number words: (word, value, how it combines).
type Words = &'static [(&'static str, u64, Op)];

/// How a number word combines with the words before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    /// Added (`twenty` `one`).
    Add,
    /// Multiplies what came before (`two` `hundred`; `quatre` `vingts`).
    Mul,
    /// Closes a group of thousands (`two thousand` `five`).
    Thousand,
}

const EN: Words = &[
    ("one", 1, Op::Add),
    ("two", 2, Op::Add),
    ("three", 3, Op::Add),
    ("four", 4, Op::Add),
    ("five", 5, Op::Add),
    ("six", 6, Op::Add),
    ("seven", 7, Op::Add),
    ("eight", 8, Op::Add),
    ("nine", 9, Op::Add),
    ("ten", 10, Op::Add),
    ("eleven", 11, Op::Add),
    ("twelve", 12, Op::Add),
    ("thirteen", 13, Op::Add),
    ("fourteen", 14, Op::Add),
    ("fifteen", 15, Op::Add),
    ("sixteen", 16, Op::Add),
    ("seventeen", 17, Op::Add),
    ("eighteen", 18, Op::Add),
    ("nineteen", 19, Op::Add),
    ("twenty", 20, Op::Add),
    ("thirty", 30, Op::Add),
    ("forty", 40, Op::Add),
    ("fifty", 50, Op::Add),
    ("sixty", 60, Op::Add),
    ("seventy", 70, Op::Add),
    ("eighty", 80, Op::Add),
    ("ninety", 90, Op::Add),
    ("hundred", 100, Op::Mul),
    ("thousand", 1000, Op::Thousand),
];

const FR: Words = &[
    ("un", 1, Op::Add),
    ("une", 1, Op::Add),
    ("deux", 2, Op::Add),
    ("trois", 3, Op::Add),
    ("quatre", 4, Op::Add),
    ("cinq", 5, Op::Add),
    ("six", 6, Op::Add),
    ("sept", 7, Op::Add),
    ("huit", 8, Op::Add),
    ("neuf", 9, Op::Add),
    ("dix", 10, Op::Add),
    ("onze", 11, Op::Add),
    ("douze", 12, Op::Add),
    ("treize", 13, Op::Add),
    ("quatorze", 14, Op::Add),
    ("quinze", 15, Op::Add),
    ("seize", 16, Op::Add),
    ("vingt", 20, Op::Add),
    ("vingts", 20, Op::Mul),
    ("trente", 30, Op::Add),
    ("quarante", 40, Op::Add),
    ("cinquante", 50, Op::Add),
    ("soixante", 60, Op::Add),
    ("cent", 100, Op::Mul),
    ("cents", 100, Op::Mul),
    ("mille", 1000, Op::Thousand),
];

const ES: Words = &[
    ("uno", 1, Op::Add),
    ("una", 1, Op::Add),
    ("dos", 2, Op::Add),
    ("tres", 3, Op::Add),
    ("cuatro", 4, Op::Add),
    ("cinco", 5, Op::Add),
    ("seis", 6, Op::Add),
    ("siete", 7, Op::Add),
    ("ocho", 8, Op::Add),
    ("nueve", 9, Op::Add),
    ("diez", 10, Op::Add),
    ("once", 11, Op::Add),
    ("doce", 12, Op::Add),
    ("trece", 13, Op::Add),
    ("catorce", 14, Op::Add),
    ("quince", 15, Op::Add),
    ("dieciséis", 16, Op::Add),
    ("diecisiete", 17, Op::Add),
    ("dieciocho", 18, Op::Add),
    ("diecinueve", 19, Op::Add),
    ("veinte", 20, Op::Add),
    ("veintiuno", 21, Op::Add),
    ("veintiún", 21, Op::Add),
    ("veintidós", 22, Op::Add),
    ("veintitrés", 23, Op::Add),
    ("veinticuatro", 24, Op::Add),
    ("veinticinco", 25, Op::Add),
    ("veintiséis", 26, Op::Add),
    ("veintisiete", 27, Op::Add),
    ("veintiocho", 28, Op::Add),
    ("veintinueve", 29, Op::Add),
    ("treinta", 30, Op::Add),
    ("cuarenta", 40, Op::Add),
    ("cincuenta", 50, Op::Add),
    ("sesenta", 60, Op::Add),
    ("setenta", 70, Op::Add),
    ("ochenta", 80, Op::Add),
    ("noventa", 90, Op::Add),
    ("cien", 100, Op::Add),
    ("ciento", 100, Op::Add),
    ("doscientos", 200, Op::Add),
    ("doscientas", 200, Op::Add),
    ("trescientos", 300, Op::Add),
    ("trescientas", 300, Op::Add),
    ("cuatrocientos", 400, Op::Add),
    ("quinientos", 500, Op::Add),
    ("seiscientos", 600, Op::Add),
    ("setecientos", 700, Op::Add),
    ("ochocientos", 800, Op::Add),
    ("novecientos", 900, Op::Add),
    ("mil", 1000, Op::Thousand),
];

const RU: Words = &[
    ("один", 1, Op::Add),
    ("одна", 1, Op::Add),
    ("одно", 1, Op::Add),
    ("два", 2, Op::Add),
    ("две", 2, Op::Add),
    ("двух", 2, Op::Add),
    ("три", 3, Op::Add),
    ("трех", 3, Op::Add),
    ("трёх", 3, Op::Add),
    ("четыре", 4, Op::Add),
    ("четырех", 4, Op::Add),
    ("пять", 5, Op::Add),
    ("пяти", 5, Op::Add),
    ("шесть", 6, Op::Add),
    ("семь", 7, Op::Add),
    ("восемь", 8, Op::Add),
    ("девять", 9, Op::Add),
    ("десять", 10, Op::Add),
    ("десяти", 10, Op::Add),
    ("одиннадцать", 11, Op::Add),
    ("двенадцать", 12, Op::Add),
    ("тринадцать", 13, Op::Add),
    ("четырнадцать", 14, Op::Add),
    ("пятнадцать", 15, Op::Add),
    ("шестнадцать", 16, Op::Add),
    ("семнадцать", 17, Op::Add),
    ("восемнадцать", 18, Op::Add),
    ("девятнадцать", 19, Op::Add),
    ("двадцать", 20, Op::Add),
    ("тридцать", 30, Op::Add),
    ("сорок", 40, Op::Add),
    ("пятьдесят", 50, Op::Add),
    ("шестьдесят", 60, Op::Add),
    ("семьдесят", 70, Op::Add),
    ("восемьдесят", 80, Op::Add),
    ("девяносто", 90, Op::Add),
    ("сто", 100, Op::Add),
    ("двести", 200, Op::Add),
    ("триста", 300, Op::Add),
    ("четыреста", 400, Op::Add),
    ("пятьсот", 500, Op::Add),
    ("тысяча", 1000, Op::Thousand),
    ("тысячи", 1000, Op::Thousand),
    ("тысяч", 1000, Op::Thousand),
];

const AR: Words = &[
    ("واحد", 1, Op::Add),
    ("اثنان", 2, Op::Add),
    ("اثنين", 2, Op::Add),
    ("ثلاثة", 3, Op::Add),
    ("ثلاث", 3, Op::Add),
    ("أربعة", 4, Op::Add),
    ("أربع", 4, Op::Add),
    ("خمسة", 5, Op::Add),
    ("خمس", 5, Op::Add),
    ("ستة", 6, Op::Add),
    ("سبعة", 7, Op::Add),
    ("سبع", 7, Op::Add),
    ("ثمانية", 8, Op::Add),
    ("ثماني", 8, Op::Add),
    ("تسعة", 9, Op::Add),
    ("تسع", 9, Op::Add),
    ("عشرة", 10, Op::Add),
    ("عشر", 10, Op::Add),
    ("عشرون", 20, Op::Add),
    ("عشرين", 20, Op::Add),
    ("ثلاثون", 30, Op::Add),
    ("ثلاثين", 30, Op::Add),
    ("أربعون", 40, Op::Add),
    ("أربعين", 40, Op::Add),
    ("خمسون", 50, Op::Add),
    ("خمسين", 50, Op::Add),
    ("ستون", 60, Op::Add),
    ("ستين", 60, Op::Add),
    ("سبعون", 70, Op::Add),
    ("سبعين", 70, Op::Add),
    ("ثمانون", 80, Op::Add),
    ("ثمانين", 80, Op::Add),
    ("تسعون", 90, Op::Add),
    ("تسعين", 90, Op::Add),
    ("مائة", 100, Op::Mul),
    ("مئة", 100, Op::Mul),
    ("ألف", 1000, Op::Thousand),
];

/// Words that join the parts of one number (`one hundred and five`,
/// `vingt et un`, `treinta y uno`); Arabic joins with the prefix `و`.
const JOINERS: &[(Lang, &str)] = &[(Lang::En, "and"), (Lang::Fr, "et"), (Lang::Es, "y")];

/// Words after a number that make it a percentage.
const PERCENT: &[(Lang, &[&str])] = &[
    (Lang::En, &["per cent", "percent"]),
    (Lang::Fr, &["pour cent", "pour-cent"]),
    (Lang::Es, &["por ciento"]),
    (Lang::Ru, &["процент", "процента", "процентов"]),
    (Lang::Ar, &["في المائة", "في المئة"]),
];

/// Fraction words: (word, numerator, denominator); the numerator 0 takes
/// the number before it (`two thirds`), else the word holds it (`ثلثي`
/// is two thirds).
/// (word, numerator, denominator).
type Fractions = &'static [(&'static str, u64, u64)];

const FRACTIONS: &[(Lang, Fractions)] = &[
    (
        Lang::En,
        &[
            ("thirds", 0, 3),
            ("third", 0, 3),
            ("quarters", 0, 4),
            ("quarter", 0, 4),
            ("fifths", 0, 5),
            ("half", 1, 2),
        ],
    ),
    (
        Lang::Fr,
        &[
            ("tiers", 0, 3),
            ("quarts", 0, 4),
            ("quart", 0, 4),
            ("moitié", 1, 2),
        ],
    ),
    (
        Lang::Es,
        &[("tercios", 0, 3), ("tercio", 0, 3), ("mitad", 1, 2)],
    ),
    (
        Lang::Ru,
        &[
            ("трети", 0, 3),
            ("треть", 0, 3),
            ("четверти", 0, 4),
            ("половина", 1, 2),
        ],
    ),
    (
        Lang::Ar,
        &[
            ("ثلثي", 2, 3),
            ("ثلثا", 2, 3),
            ("ثلث", 1, 3),
            ("ربع", 1, 4),
            ("نصف", 1, 2),
        ],
    ),
];

fn words_of(lang: Lang) -> Words {
    match lang {
        Lang::En => EN,
        Lang::Fr => FR,
        Lang::Es => ES,
        Lang::Ru => RU,
        Lang::Ar => AR,
        Lang::Zh => &[],
    }
}

/// The numbers written in words in `text` (in `lang`), in order.
///
/// A lone `one`, `un`, `uno`, `один`, `واحد` (an article or a pronoun as
/// often as a number) counts only before a percentage or a fraction
/// word; a lone Chinese `一` likewise.
///
/// ```
/// use sixalign::lang::numerals::{numerals, NumeralKind};
/// use sixalign::Lang;
/// let keys = |t: &str, l: Lang| numerals(t, l).into_iter().map(|n| n.key).collect::<Vec<_>>();
/// assert_eq!(keys("百分之一的人口和三分之二的締約國", Lang::Zh), ["1%", "2/3"]);
/// assert_eq!(keys("one per cent of the population and two thirds of States", Lang::En), ["1%", "2/3"]);
/// assert_eq!(keys("vingt et un États", Lang::Fr), ["21"]);
/// ```
pub fn numerals(text: &str, lang: Lang) -> Vec<Numeral> {
    if lang == Lang::Zh {
        return zh(text);
    }
    words(text, lang)
}

fn zh(text: &str) -> Vec<Numeral> {
    // Every numeral found below is a percentage or a fraction (`…分之…`)
    // or a run of two numeral characters or more: a text with neither
    // has none, and most sentences are told so in one pass.
    let mut prev = false;
    let pair = text.chars().any(|c| {
        let z = is_zh_numeral(c);
        let both = z && prev;
        prev = z;
        both
    });
    if !pair && !text.contains("分之") {
        return Vec::new();
    }
    zh_scan(text)
}

/// [`zh`] without the first pass that rules most texts out.
fn zh_scan(text: &str) -> Vec<Numeral> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let num_run = |mut k: usize| {
        while k < n && is_zh_numeral(chars[k].1) {
            k += 1;
        }
        k
    };
    let ascii_run = |mut k: usize| {
        while k < n
            && (chars[k].1.is_ascii_digit()
                || (chars[k].1 == '.' && k + 1 < n && chars[k + 1].1.is_ascii_digit()))
        {
            k += 1;
        }
        k
    };
    let at = |k: usize, s: &str| {
        let b = end_of(k);
        text[b..].starts_with(s)
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < n {
        // `百分之二十五`, `百分之25`: a percentage.
        if at(k, "百分之") {
            let v0 = k + 3;
            let (v1, value) = {
                let e = num_run(v0);
                if e > v0 {
                    let s = &text[end_of(v0)..end_of(e)];
                    (e, chinese_value(s).map(|v| v.to_string()))
                } else {
                    let e = ascii_run(v0);
                    (e, (e > v0).then(|| text[end_of(v0)..end_of(e)].to_string()))
                }
            };
            if let Some(v) = value {
                out.push(Numeral {
                    range: end_of(k)..end_of(v1),
                    kind: NumeralKind::Percent,
                    value: v.parse().ok(),
                    key: format!("{v}%"),
                });
                k = v1;
                continue;
            }
        }
        if !is_zh_numeral(chars[k].1) {
            k += 1;
            continue;
        }
        let e = num_run(k);
        let first = &text[end_of(k)..end_of(e)];
        // `三分之二`: a fraction.
        if at(e, "分之") {
            let d0 = e + 2;
            let d1 = num_run(d0);
            if d1 > d0
                && let (Some(den), Some(num)) = (
                    chinese_value(first),
                    chinese_value(&text[end_of(d0)..end_of(d1)]),
                )
                && den > 0
            {
                out.push(Numeral {
                    range: end_of(k)..end_of(d1),
                    kind: NumeralKind::Fraction,
                    key: format!("{num}/{den}"),
                    value: None,
                });
                k = d1;
                continue;
            }
        }
        // A number of its own: two characters or more (`二十一`, `兩百`),
        // not `十分` (very) nor a lone digit (`一切`, `统一`, `两性`).
        let very = first == "十" && at(e, "分");
        if e - k >= 2
            && !very
            && let Some(v) = chinese_value(first)
        {
            out.push(Numeral {
                range: end_of(k)..end_of(e),
                kind: NumeralKind::Number,
                key: v.to_string(),
                value: Some(v),
            });
        }
        k = e;
    }
    out
}

/// One language's words, looked up by their lower-case form: the number
/// words, the fraction words, the first words of the percent phrases and
/// the joiner. Built once per language from the tables above.
struct Vocab {
    words: WordMap<Entry>,
    percent: &'static [&'static str],
    /// The longest word of any table, in bytes: longer words are none.
    longest: usize,
    /// Per length in bytes (15 for 15 or more), a bit per first letter
    /// (lower case, 6 bits of it) of the table's words: most words of a
    /// text are no table word, and this says so without hashing them.
    sieve: [u64; 16],
}

/// The bit of `w`'s first letter, in lower case, in [`Vocab::sieve`].
fn sieve_bit(w: &str) -> u64 {
    let c = w.chars().next().unwrap_or(' ');
    let c = if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    };
    1 << (c as u32 & 63)
}

impl Vocab {
    /// Whether `w` may be a table word (in any letter case: lower case
    /// keeps the length, as [`lower`] asks).
    fn may_hold(&self, w: &str) -> bool {
        w.len() <= self.longest && self.sieve[w.len().min(15)] & sieve_bit(w) != 0
    }
}

/// What a word is in a language's tables.
#[derive(Clone, Copy, Default)]
struct Entry {
    /// A number word: its value and how it combines.
    number: Option<(u64, Op)>,
    /// A fraction word: (numerator, 0 to take the number before; denominator).
    fraction: Option<(u64, u64)>,
    /// `cent` of `pour cent`: a two-word percent phrase opens with it.
    percent_first: bool,
    /// The word joining the parts of a number (`and`, `et`, `y`).
    joiner: bool,
}

fn vocab(lang: Lang) -> &'static Vocab {
    static VOCABS: OnceLock<Vec<(Lang, Vocab)>> = OnceLock::new();
    let all = VOCABS.get_or_init(|| {
        Lang::ALL
            .iter()
            .map(|&l| {
                let mut words: WordMap<Entry> = WordMap::default();
                for &(w, value, op) in words_of(l) {
                    words.entry(w).or_default().number = Some((value, op));
                }
                for (_, f) in FRACTIONS.iter().filter(|(x, _)| *x == l) {
                    for &(w, num, den) in f.iter() {
                        words.entry(w).or_default().fraction = Some((num, den));
                    }
                }
                let percent = PERCENT
                    .iter()
                    .find(|(x, _)| *x == l)
                    .map_or(&[][..], |(_, w)| *w);
                for p in percent.iter().filter(|p| p.contains(' ')) {
                    if let Some(first) = p.split(' ').next() {
                        words.entry(first).or_default().percent_first = true;
                    }
                }
                for &(_, w) in JOINERS.iter().filter(|(x, _)| *x == l) {
                    words.entry(w).or_default().joiner = true;
                }
                let longest = words.keys().map(|w| w.len()).max().unwrap_or(0);
                let mut sieve = [0u64; 16];
                for w in words.keys() {
                    sieve[w.len().min(15)] |= sieve_bit(w);
                }
                let v = Vocab {
                    words,
                    percent,
                    longest,
                    sieve,
                };
                (l, v)
            })
            .collect()
    });
    &all.iter()
        .find(|(l, _)| *l == lang)
        .expect("every language")
        .1
}

/// `w` in lower case as the tables spell their words, when it keeps its
/// length in lower case (the tables' letters do); borrowed when it is lower
/// case already. [`Vocab::may_hold`] has ruled out longer words.
fn lower(w: &str) -> Option<Cow<'_, str>> {
    if !w.chars().any(is_upper) {
        return Some(Cow::Borrowed(w));
    }
    let l: String = w.chars().flat_map(char::to_lowercase).collect();
    (l.len() == w.len()).then_some(Cow::Owned(l))
}

/// FNV-1a over the bytes of a word: the tables' words are few and short,
/// and a lookup per word of text must cost little.
#[derive(Default)]
struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type WordMap<V> = HashMap<&'static str, V, std::hash::BuildHasherDefault<WordHasher>>;

/// The words of `text`: byte range and text.
fn word_list(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    // ASCII bytes are told apart without decoding; a character outside
    // ASCII is decoded once.
    while i <= bytes.len() {
        let (letter, width) = match bytes.get(i) {
            None => (false, 1),
            Some(&b) if b < 0x80 => (b.is_ascii_alphabetic(), 1),
            Some(_) => {
                let c = text[i..].chars().next().expect("a char boundary");
                (is_letter(c), c.len_utf8())
            }
        };
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s..i, &text[s..i]));
                start = None;
            }
            _ => {}
        }
        i += width;
    }
    out
}

fn words(text: &str, lang: Lang) -> Vec<Numeral> {
    let v = vocab(lang);
    let ws = word_list(text);
    // Each word looked up once: its table entry, and its value as a
    // number word (an Arabic one perhaps behind the conjunction `و`, which
    // joins the parts: `واحد وعشرون`).
    let entry = |w: &str| -> Entry {
        if !v.may_hold(w) {
            return Entry::default();
        }
        lower(w)
            .and_then(|l| v.words.get(&*l).copied())
            .unwrap_or_default()
    };
    let es: Vec<(Entry, Option<(u64, Op)>)> = ws
        .iter()
        .map(|&(_, w)| {
            let e = entry(w);
            let number = e.number.or_else(|| {
                (lang == Lang::Ar)
                    .then(|| entry(w.strip_prefix('و')?).number)
                    .flatten()
            });
            (e, number)
        })
        .collect();
    let percent = v.percent;
    let mut out = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        // `cent` in `25 pour cent`, `ciento` in `por ciento`: the percent
        // words, not a number.
        let after_percent_word = k > 0 && lang != Lang::Ar && es[k - 1].0.percent_first;
        if after_percent_word || es[k].1.is_none() {
            // `half`, `ثلثي`: a fraction word with its own numerator.
            if let Some((num, den)) = es[k].0.fraction.filter(|&(num, _)| num > 0) {
                out.push(Numeral {
                    range: ws[k].0.clone(),
                    kind: NumeralKind::Fraction,
                    key: format!("{num}/{den}"),
                    value: None,
                });
            }
            k += 1;
            continue;
        }
        // The longest run of number words, joined by space, hyphen or the joiner.
        let (mut total, mut cur) = (0u64, 0u64);
        let mut parts = 0;
        let mut j = k;
        let mut end = k;
        while j < ws.len() {
            if j > k {
                let gap = text.get(ws[j - 1].0.end..ws[j].0.start).unwrap_or("");
                if !(gap.trim().is_empty() || gap.trim() == "-") {
                    break;
                }
            }
            if let Some((v, op)) = es[j].1 {
                match op {
                    Op::Add if lang == Lang::Fr && v == 20 && cur % 100 == 4 => {
                        // `quatre-vingt`: four twenties.
                        cur = cur - 4 + 80;
                    }
                    Op::Add => cur = cur.saturating_add(v),
                    Op::Mul => {
                        let base = cur % 100;
                        cur = (cur - base).saturating_add(base.max(1).saturating_mul(v));
                    }
                    Op::Thousand => {
                        total = total.saturating_add(cur.max(1).saturating_mul(v));
                        cur = 0;
                    }
                }
                parts += 1;
                end = j;
                j += 1;
            } else if es[j].0.joiner && es.get(j + 1).is_some_and(|e| e.1.is_some()) {
                j += 1;
            } else {
                break;
            }
        }
        let value = total.saturating_add(cur);
        let range = ws[k].0.start..ws[end].0.end;
        // What follows: a percentage or a fraction word.
        let rest = &text[range.end..];
        let rest_l = rest.trim_start().to_lowercase();
        let next = ws.get(end + 1);
        let tight = next.is_some_and(|n| {
            let g = text[range.end..n.0.start].trim();
            g.is_empty() || g == "-"
        });
        let whole = |p: &&&str| {
            rest_l.starts_with(**p) && !rest_l[p.len()..].starts_with(char::is_alphabetic)
        };
        if let Some(p) = percent.iter().find(whole) {
            let lead = rest.len() - rest.trim_start().len();
            // The percent words are ASCII or keep their length when lower-cased.
            let stop = range.end + lead + p.len();
            out.push(Numeral {
                range: range.start..stop.min(text.len()),
                kind: NumeralKind::Percent,
                key: format!("{value}%"),
                value: Some(value),
            });
            // The percent words are read.
            while ws.get(end + 1).is_some_and(|w| w.0.end <= stop) {
                end += 1;
            }
        } else if let (true, Some(n)) = (tight, next)
            && let Some((_, den)) = es[end + 1].0.fraction.filter(|&(num, _)| num == 0)
        {
            out.push(Numeral {
                range: range.start..n.0.end,
                kind: NumeralKind::Fraction,
                key: format!("{value}/{den}"),
                value: None,
            });
            end += 1;
        } else if !(parts == 1 && value == 1) {
            out.push(Numeral {
                range,
                kind: NumeralKind::Number,
                key: value.to_string(),
                value: Some(value),
            });
        }
        k = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_first_pass_over_chinese_rules_out_only_texts_without_numerals() {
        // Random texts over numerals, `分之`, `百`, ASCII digits and other
        // characters: the quick answer is the full scan's.
        let alphabet: Vec<char> = "一二三十百千万兩〇零分之的年月日%5 .，。国"
            .chars()
            .collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut t = String::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 59) as usize;
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            let keys =
                |v: Vec<Numeral>| v.into_iter().map(|n| (n.range, n.key)).collect::<Vec<_>>();
            assert_eq!(keys(zh(&t)), keys(zh_scan(&t)), "{t}");
        }
    }
    use super::*;

    #[test]
    fn words_in_capitals_are_read() {
        assert_eq!(
            keys("TWENTY-ONE States and Two thirds", Lang::En),
            ["21", "2/3"]
        );
        assert_eq!(keys("Двадцать один государство", Lang::Ru), ["21"]);
        assert_eq!(keys("Vingt et un États", Lang::Fr), ["21"]);
    }

    fn keys(t: &str, l: Lang) -> Vec<String> {
        numerals(t, l).into_iter().map(|n| n.key).collect()
    }

    /// Every form, one row per language: the keys read.
    #[test]
    fn numbers_in_words_in_six_languages() {
        let rows: &[(Lang, &str, &[&str])] = &[
            (Lang::Zh, "百分之一", &["1%"]),
            (Lang::Zh, "百分之二十五點", &["25%"]),
            (Lang::Zh, "百分之2.5的", &["2.5%"]),
            (Lang::Zh, "三分之二多數", &["2/3"]),
            (Lang::Zh, "四分之一", &["1/4"]),
            (Lang::Zh, "二十一個國家和兩百名代表", &["21", "200"]),
            (Lang::Zh, "貳拾參", &["23"]),
            (Lang::Zh, "一切權利十分重要，统一", &[]),
            (Lang::En, "twenty-one States", &["21"]),
            (Lang::En, "one hundred and five members", &["105"]),
            (Lang::En, "two thousand five hundred", &["2500"]),
            (Lang::En, "one per cent", &["1%"]),
            (Lang::En, "two percentage points", &["2"]),
            (Lang::En, "a two-thirds majority", &["2/3"]),
            (Lang::En, "one of the States", &[]),
            (Lang::En, "half of them", &["1/2"]),
            (Lang::Fr, "vingt et un États", &["21"]),
            (Lang::Fr, "quatre-vingt-dix-neuf", &["99"]),
            (Lang::Fr, "soixante et onze", &["71"]),
            (Lang::Fr, "deux cents", &["200"]),
            (Lang::Fr, "un pour cent", &["1%"]),
            (Lang::Fr, "25 pour cent", &[]),
            (Lang::Es, "25 por ciento", &[]),
            (Lang::En, "Twenty-One", &["21"]),
            (Lang::Fr, "les deux tiers des membres", &["2/3"]),
            (Lang::Es, "veintiuno Estados", &["21"]),
            (Lang::Es, "treinta y cinco", &["35"]),
            (Lang::Es, "doscientos", &["200"]),
            (Lang::Es, "uno por ciento", &["1%"]),
            (Lang::Es, "dos tercios", &["2/3"]),
            (Lang::Ru, "двадцать один", &["21"]),
            (Lang::Ru, "один процент", &["1%"]),
            (Lang::Ru, "две трети", &["2/3"]),
            (Lang::Ru, "сто пять", &["105"]),
            (Lang::Ar, "واحد وعشرون", &["21"]),
            (Lang::Ar, "خمسة في المائة", &["5%"]),
            (Lang::Ar, "بأغلبية ثلثي الأعضاء", &["2/3"]),
        ];
        for (l, t, want) in rows {
            assert_eq!(keys(t, *l), *want, "{l}: {t}");
        }
    }

    #[test]
    fn ranges_hold_the_words() {
        let t = "Some twenty-one States, one per cent.";
        let got: Vec<&str> = numerals(t, Lang::En)
            .iter()
            .map(|n| &t[n.range.clone()])
            .collect();
        assert_eq!(got, ["twenty-one", "one per cent"]);
        let t = "約百分之一與三分之二";
        let got: Vec<&str> = numerals(t, Lang::Zh)
            .iter()
            .map(|n| &t[n.range.clone()])
            .collect();
        assert_eq!(got, ["百分之一", "三分之二"]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "",
            "百分之",
            "分之",
            "三分之",
            "百",
            "per cent",
            "and",
            "y",
            "و",
            "ثلثي",
            "quatre",
            "vingts",
            "𝟙百分之",
            "thousand thousand thousand thousand thousand thousand thousand thousand",
        ] {
            for l in Lang::ALL {
                let _ = numerals(t, l);
            }
        }
    }
}

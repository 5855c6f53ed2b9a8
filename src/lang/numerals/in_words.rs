//! Numbers written in words in the alphabetic languages, read with each
//! language's vocabulary (built once from the tables) and added up.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::lang::Lang;
use crate::lang::letters::{is_letter, is_upper};

use super::table::{FRACTIONS, JOINERS, Op, PERCENT, words_of};
use super::{Numeral, NumeralKind};

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

pub(super) fn words(text: &str, lang: Lang) -> Vec<Numeral> {
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

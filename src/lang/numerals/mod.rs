//! Numbers written in words, in the six languages, as values: cardinal
//! words (`twenty-one`, `vingt et un`, `veintiuno`, `двадцать один`,
//! `واحد وعشرون`, `二十一`), percentages (`百分之二十五`, `one per cent`)
//! and fractions (`三分之二`, `two thirds`, `deux tiers`, `две трети`,
//! `ثلثي`). The scorer and QA read them, so that `百分之一` and `1 per cent`
//! are the same figure.
//!
//! The words are data (one table per language, in `table.rs`); the readers
//! (`in_words.rs`, and `zh.rs` for Chinese numerals) only add them up.

use std::ops::Range;

use crate::lang::Lang;

mod in_words;
mod table;
mod zh;

use in_words::words;
use zh::zh;
pub(crate) use zh::{chinese_counting, is_date_numeral};

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
    use super::zh::zh_scan;
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

//! The number words of each language, as data: cardinal words with how
//! each combines with the words before it, the joiners between them, the
//! words of percentages and of fractions.

use crate::lang::Lang;

/// One language's number words: (word, value, how it combines).
type Words = &'static [(&'static str, u64, Op)];

/// How a number word combines with the words before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Op {
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
pub(super) const JOINERS: &[(Lang, &str)] = &[(Lang::En, "and"), (Lang::Fr, "et"), (Lang::Es, "y")];

/// Words after a number that make it a percentage.
pub(super) const PERCENT: &[(Lang, &[&str])] = &[
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

pub(super) const FRACTIONS: &[(Lang, Fractions)] = &[
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

pub(super) fn words_of(lang: Lang) -> Words {
    match lang {
        Lang::En => EN,
        Lang::Fr => FR,
        Lang::Es => ES,
        Lang::Ru => RU,
        Lang::Ar => AR,
        Lang::Zh => &[],
    }
}

//! Per-language tables: one row per language, as data.
//!
//! Everything here is matched against the normalized view (NFKC: full-width
//! punctuation is ASCII there, so `大会，` is written `大会,`).

use std::sync::OnceLock;

use regex::Regex;

use crate::lang::Lang;

/// What the parser needs to know about one language.
pub struct LangTable {
    /// The language.
    pub lang: Lang,
    /// Preamble openers, without their final comma.
    pub openers: &'static [&'static str],
    /// The word for "Preamble" used as a heading (compared case-insensitively).
    pub preamble: &'static [&'static str],
    /// Agenda item line; group 1 is the item number.
    pub agenda: &'static str,
    /// The closing's meeting (plenary, or a Council's numbered meeting); group 1 is its number.
    pub meeting: &'static str,
    /// A date; named groups `d`, `m` (number or month name) and `y`; `{months}`
    /// stands for the language's month names (from [`crate::lang`]).
    pub date: &'static str,
}

/// The six rows.
pub const TABLES: [LangTable; 6] = [
    LangTable {
        lang: Lang::Ar,
        openers: &[
            "إن الجمعية العامة",
            "الجمعية العامة",
            "إن مجلس الأمن",
            "فإن الجمعية العامة",
        ],
        preamble: &["الديباجة"],
        agenda: r"^البند\s+(\d+)\s+من\s+جدول\s+الأعمال",
        meeting: r"(?:الجلسة\s+العامة|جلسته)\s+(\d+)",
        date: r"(?P<d>\d{1,2})\s+(?:[^\s/]+\s+)?(?:[^\s/]+/)?(?P<m>{months})\s+(?P<y>\d{4})",
    },
    LangTable {
        lang: Lang::Zh,
        // Simplified and Traditional forms.
        openers: &[
            "大会",
            "安全理事会",
            "经济及社会理事会",
            "人权理事会",
            "大會",
            "安全理事會",
            "經濟及社會理事會",
            "人權理事會",
        ],
        preamble: &["序言"],
        agenda: r"^[议議]程[项項]目\s*(\d+)",
        meeting: r"第\s*(\d+)\s*次(?:全[体體])?[会會][议議]",
        date: r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日",
    },
    LangTable {
        lang: Lang::En,
        openers: &[
            "The General Assembly",
            "The Security Council",
            "The Economic and Social Council",
            "The Human Rights Council",
        ],
        preamble: &["Preamble"],
        agenda: r"(?i)^agenda\s+items?\s+(\d+)",
        meeting: r"(?i)(\d+)(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting",
        date: r"(?i)(?P<d>\d{1,2})\s+(?P<m>{months})\s+(?P<y>\d{4})",
    },
    LangTable {
        lang: Lang::Es,
        openers: &[
            "La Asamblea General",
            "El Consejo de Seguridad",
            "El Consejo Económico y Social",
            "El Consejo de Derechos Humanos",
        ],
        preamble: &["Preámbulo"],
        agenda: r"(?i)^temas?\s+(\d+)\s+del\s+programa",
        meeting: r"(?i)(\d+)\s*[ªa]\s+sesión(?:\s+plenaria)?",
        date: r"(?i)(?P<d>\d{1,2})\s+de\s+(?P<m>{months})\s+de\s+(?P<y>\d{4})",
    },
    LangTable {
        lang: Lang::Fr,
        openers: &[
            "L'Assemblée générale",
            "Le Conseil de sécurité",
            "Le Conseil économique et social",
            "Le Conseil des droits de l'homme",
        ],
        preamble: &["Préambule"],
        agenda: r"(?i)^points?\s+(\d+)\s+de\s+l['’]ordre\s+du\s+jour",
        meeting: r"(?i)(\d+)\s*(?:e|re|ème)\s+séance(?:\s+plénière)?",
        date: r"(?i)(?P<d>\d{1,2})(?:er)?\s+(?P<m>{months})\s+(?P<y>\d{4})",
    },
    LangTable {
        lang: Lang::Ru,
        openers: &[
            "Генеральная Ассамблея",
            "Совет Безопасности",
            "Экономический и Социальный Совет",
            "Совет по правам человека",
        ],
        preamble: &["Преамбула"],
        agenda: r"(?i)^пункты?\s+(\d+)\s+повестки",
        meeting: r"(?i)(\d+)\s*-?[а-я]{0,2}\s+(?:пленарн\w*\s+)?заседани\w*",
        date: r"(?i)(?P<d>\d{1,2})\s+(?P<m>{months})\s+(?P<y>\d{4})",
    },
];

/// A row's patterns, each compiled on first use: a run reads two or three
/// languages, most lines are asked none of them, and compiling every row's
/// patterns was most of a short file's run time.
pub struct Compiled {
    row: usize,
    agenda: OnceLock<Regex>,
    meeting: OnceLock<Regex>,
    date: OnceLock<Regex>,
}

impl Compiled {
    const fn of_row(row: usize) -> Compiled {
        Compiled {
            row,
            agenda: OnceLock::new(),
            meeting: OnceLock::new(),
            date: OnceLock::new(),
        }
    }

    /// Agenda item line (every row's holds a digit).
    pub fn agenda(&self) -> &Regex {
        self.agenda
            .get_or_init(|| Regex::new(TABLES[self.row].agenda).expect("agenda pattern"))
    }

    /// Meeting number (every row's holds a digit).
    pub fn meeting(&self) -> &Regex {
        self.meeting
            .get_or_init(|| Regex::new(TABLES[self.row].meeting).expect("meeting pattern"))
    }

    /// Date (every row's holds a digit).
    pub fn date(&self) -> &Regex {
        self.date.get_or_init(|| {
            let t = &TABLES[self.row];
            Regex::new(&t.date.replace("{months}", &month_names(t.lang).join("|")))
                .expect("date pattern")
        })
    }
}

static COMPILED: [Compiled; TABLES.len()] = [
    Compiled::of_row(0),
    Compiled::of_row(1),
    Compiled::of_row(2),
    Compiled::of_row(3),
    Compiled::of_row(4),
    Compiled::of_row(5),
];

/// Every spelling of the month names a date in `lang` may use (none for
/// Chinese, which writes months as numbers).
fn month_names(lang: Lang) -> Vec<&'static str> {
    use crate::lang::{MONTHS_AR, MONTHS_EN, MONTHS_ES, MONTHS_FR, MONTHS_RU};
    match lang {
        Lang::En => MONTHS_EN.to_vec(),
        Lang::Fr => MONTHS_FR.to_vec(),
        Lang::Es => {
            let mut v = MONTHS_ES.to_vec();
            v.push("setiembre");
            v
        }
        Lang::Ru => MONTHS_RU.to_vec(),
        Lang::Ar => MONTHS_AR
            .iter()
            .flat_map(|(e, _)| e.iter().copied())
            .collect(),
        Lang::Zh => Vec::new(),
    }
}

/// The compiled patterns of `lang`'s row.
pub fn compiled(lang: Lang) -> &'static Compiled {
    let i = TABLES.iter().position(|t| t.lang == lang).unwrap_or(1);
    &COMPILED[i]
}

/// Words that name an article, per language, and how article 1 may be spelled.
pub const ARTICLE_WORDS: &[&str] = &["article", "artículo", "articulo", "статья", "المادة"];
/// Spellings of "first" used for article 1 (`Article premier`).
pub const FIRST_WORDS: &[&str] = &["premier", "première", "primero", "1er", "первая"];

/// Frequent characters written differently in Simplified and Traditional
/// Chinese, (Simplified, Traditional), each form used by one script only:
/// enough of them tell a text's script.
pub const HANS_HANT: &[(char, char)] = &[
    ('这', '這'),
    ('们', '們'),
    ('国', '國'),
    ('会', '會'),
    ('与', '與'),
    ('为', '為'),
    ('个', '個'),
    ('对', '對'),
    ('说', '說'),
    ('关', '關'),
    ('条', '條'),
    ('权', '權'),
    ('议', '議'),
    ('发', '發'),
    ('经', '經'),
    ('时', '時'),
    ('动', '動'),
    ('进', '進'),
    ('应', '應'),
    ('实', '實'),
    ('现', '現'),
    ('员', '員'),
    ('问', '問'),
    ('间', '間'),
    ('过', '過'),
    ('还', '還'),
    ('两', '兩'),
    ('东', '東'),
    ('书', '書'),
    ('长', '長'),
    ('义', '義'),
    ('产', '產'),
    ('业', '業'),
    ('务', '務'),
    ('机', '機'),
    ('开', '開'),
    ('体', '體'),
    ('该', '該'),
    ('认', '認'),
    ('级', '級'),
    ('约', '約'),
    ('组', '組'),
    ('织', '織'),
    ('济', '濟'),
    ('际', '際'),
    ('难', '難'),
    ('题', '題'),
    ('决', '決'),
    ('处', '處'),
    ('区', '區'),
    ('报', '報'),
    ('护', '護'),
    ('无', '無'),
    ('称', '稱'),
    ('统', '統'),
    ('则', '則'),
    ('规', '規'),
    ('视', '視'),
    ('负', '負'),
    ('责', '責'),
    ('缔', '締'),
    ('宪', '憲'),
    ('门', '門'),
    ('从', '從'),
    ('众', '眾'),
    ('将', '將'),
    ('给', '給'),
    ('样', '樣'),
    ('华', '華'),
    ('联', '聯'),
];

/// Latin words after an article number that mark an article inserted after
/// it (`Article 12 bis`), and which inserted one it is (`第十二條之一`).
pub const ARTICLE_SUFFIXES: &[(&str, u32)] = &[
    ("bis", 1),
    ("ter", 2),
    ("quater", 3),
    ("quinquies", 4),
    ("sexies", 5),
];

/// What a structural heading divides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Division {
    /// A part of a treaty (`第一編`, `第壹編`, `第一部分`, `Part I`).
    Part,
    /// A chapter (`第一章`, `Chapter I`).
    Chapter,
    /// A section (`第一節`, `Section 1`).
    Section,
    /// A paragraph of an article (`第一款`, `第一項`): a label, not a heading.
    Paragraph,
}

/// Chinese words after `第N` that name a division, Simplified and
/// Traditional (`第一编` / `第一編`). Articles (`条`/`條`) are apart
/// ([`crate::lang::labels::article`]). Mainland treaties number the
/// paragraphs of an article `第一款`, Taiwanese ones `第一項`.
pub const ZH_DIVISIONS: &[(&str, Division)] = &[
    ("编", Division::Part),
    ("編", Division::Part),
    ("部分", Division::Part),
    ("章", Division::Chapter),
    ("节", Division::Section),
    ("節", Division::Section),
    ("款", Division::Paragraph),
    ("項", Division::Paragraph),
    ("项", Division::Paragraph),
];

/// Words that open a division heading in the other five languages
/// (compared case-insensitively; a number follows: `Part IV`, `Глава 2`).
pub const DIVISION_WORDS: &[(&str, Division)] = &[
    ("part", Division::Part),
    ("partie", Division::Part),
    ("parte", Division::Part),
    ("часть", Division::Part),
    ("الجزء", Division::Part),
    ("chapter", Division::Chapter),
    ("chapitre", Division::Chapter),
    ("capítulo", Division::Chapter),
    ("capitulo", Division::Chapter),
    ("глава", Division::Chapter),
    ("الفصل", Division::Chapter),
    ("section", Division::Section),
    ("sección", Division::Section),
    ("seccion", Division::Section),
    ("раздел", Division::Section),
    ("الفرع", Division::Section),
];

/// Cyrillic sub-paragraph letters in order: `а)` is `a`, `б)` is `b` …
pub const CYRILLIC_LETTERS: &[char] = &[
    'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т', 'у',
    'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'э', 'ю', 'я',
];

/// Arabic sub-paragraph letters in abjad order: `(أ)` is `a`, `(ب)` is `b` …
/// (`هـ` loses its tatweel in the normalized view, so it is `ه` here).
pub const ABJAD_LETTERS: &[&str] = &[
    "أ", "ب", "ج", "د", "ه", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق",
    "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ",
];

/// Arabic ordinal words for headings: `أولا` is `I` …
pub const ARABIC_ORDINALS: &[&str] = &[
    "أولا",
    "ثانيا",
    "ثالثا",
    "رابعا",
    "خامسا",
    "سادسا",
    "سابعا",
    "ثامنا",
    "تاسعا",
    "عاشرا",
];

/// Arabic letter names for lettered headings: `ألف` is `A` …
pub const ARABIC_LETTER_NAMES: &[&str] = &[
    "ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف", "لام",
];

/// Cyrillic capitals used for lettered headings (`А.`, `Б.`), in order.
pub const CYRILLIC_CAPITALS: &[char] = &[
    'А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З', 'И', 'К', 'Л', 'М', 'Н', 'О', 'П',
];

/// The value of a label's number: ASCII digits, or a Chinese numeral
/// (`十二` is 12, `三十` is 30, `一百零一` is 101; see [`chinese_value`]).
pub fn chinese_number(s: &str) -> Option<u32> {
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    chinese_value(s).and_then(|v| u32::try_from(v).ok())
}

/// Chinese digits and their values, Simplified and Traditional alike:
/// the common forms, `两`/`兩` (two before a unit), `〇`/`零`, and the
/// financial forms (`壹贰叁` / `壹貳參`) that Traditional texts number parts with.
pub const ZH_DIGITS: &[(char, u8)] = &[
    ('〇', 0),
    ('零', 0),
    ('一', 1),
    ('壹', 1),
    ('弌', 1),
    ('二', 2),
    ('两', 2),
    ('兩', 2),
    ('贰', 2),
    ('貳', 2),
    ('三', 3),
    ('叁', 3),
    ('參', 3),
    ('参', 3),
    ('四', 4),
    ('肆', 4),
    ('五', 5),
    ('伍', 5),
    ('六', 6),
    ('陆', 6),
    ('陸', 6),
    ('七', 7),
    ('柒', 7),
    ('八', 8),
    ('捌', 8),
    ('九', 9),
    ('玖', 9),
];

/// Chinese numeral units and their values (`十`/`拾`, `百`/`佰`, `千`/`仟`,
/// `万`/`萬`, `亿`/`億`); `廿` and `卅` are twenty and thirty.
pub const ZH_UNITS: &[(char, u64)] = &[
    ('十', 10),
    ('拾', 10),
    ('廿', 20),
    ('卅', 30),
    ('百', 100),
    ('佰', 100),
    ('千', 1000),
    ('仟', 1000),
    ('万', 10_000),
    ('萬', 10_000),
    ('亿', 100_000_000),
    ('億', 100_000_000),
];

/// The value of a Chinese digit character ([`ZH_DIGITS`]).
pub fn zh_digit(c: char) -> Option<u8> {
    ZH_DIGITS.iter().find(|(d, _)| *d == c).map(|&(_, v)| v)
}

/// The value of a Chinese numeral unit character ([`ZH_UNITS`]).
pub fn zh_unit(c: char) -> Option<u64> {
    ZH_UNITS.iter().find(|(d, _)| *d == c).map(|&(_, v)| v)
}

/// A bit per value of a char's low byte, set for the low bytes of the
/// chars of [`ZH_DIGITS`] and [`ZH_UNITS`]: most chars are ruled out by
/// one test, without searching the tables.
const ZH_NUMERAL_BITS: [u64; 4] = {
    let mut bits = [0u64; 4];
    let mut k = 0;
    while k < ZH_DIGITS.len() {
        let b = ZH_DIGITS[k].0 as u32 & 255;
        bits[(b >> 6) as usize] |= 1 << (b & 63);
        k += 1;
    }
    let mut k = 0;
    while k < ZH_UNITS.len() {
        let b = ZH_UNITS[k].0 as u32 & 255;
        bits[(b >> 6) as usize] |= 1 << (b & 63);
        k += 1;
    }
    bits
};

/// Whether `c` is a Chinese digit or numeral unit, in either script.
pub fn is_zh_numeral(c: char) -> bool {
    let b = c as u32 & 255;
    if (ZH_NUMERAL_BITS[(b >> 6) as usize] >> (b & 63)) & 1 == 0 {
        return false;
    }
    zh_digit(c).is_some() || zh_unit(c).is_some()
}

/// The ten Heavenly Stems, in order: the Chinese texts of older treaties
/// (the Vienna Conventions, the Charter) letter their sub-paragraphs `(甲)`
/// `(乙)` `(丙)` where the other versions write `(a)` `(b)` `(c)`.
pub const HEAVENLY_STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];

/// The position of a Heavenly Stem (`甲` 0, `乙` 1): the letter it stands for.
pub fn stem_index(c: char) -> Option<usize> {
    HEAVENLY_STEMS.iter().position(|&s| s == c)
}

/// Every Chinese digit and unit character, for patterns (`[…]` classes).
pub fn zh_numeral_chars() -> String {
    ZH_DIGITS
        .iter()
        .map(|&(c, _)| c)
        .chain(ZH_UNITS.iter().map(|&(c, _)| c))
        .collect()
}

/// The value of a Chinese numeral: `二十五` 25, `十` 10, `一百零八` 108,
/// `三千万` 30000000, `二〇一五` 2015 (digit by digit), `第一百二十三` 123,
/// Traditional `兩萬` 20000, financial `貳拾參` 23, `廿一` 21.
pub fn chinese_value(t: &str) -> Option<u64> {
    if t.is_empty() {
        return None;
    }
    if t.chars().all(|c| zh_digit(c).is_some()) {
        return t.chars().try_fold(0u64, |acc, c| {
            acc.checked_mul(10)?.checked_add(u64::from(zh_digit(c)?))
        });
    }
    let (mut total, mut section, mut current) = (0u64, 0u64, 0u64);
    for c in t.chars() {
        if let Some(d) = zh_digit(c) {
            current = u64::from(d);
            continue;
        }
        let unit = zh_unit(c)?;
        if unit >= 10_000 {
            section = section.checked_add(current)?.checked_mul(unit)?;
            total = total.checked_add(section)?;
            section = 0;
        } else if unit == 20 || unit == 30 {
            // `廿`, `卅`: a ready-made tens figure.
            section = section.checked_add(unit)?;
        } else {
            let n = if current == 0 { 1 } else { current };
            section = section.checked_add(n.checked_mul(unit)?)?;
        }
        current = 0;
    }
    total.checked_add(section)?.checked_add(current)
}

/// A number as an upper-case roman numeral (heading keys).
pub fn roman(mut n: u32) -> String {
    const PARTS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in PARTS {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The value of a roman numeral, either case; `None` if it is not one.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let v = |c: char| match c.to_ascii_lowercase() {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        _ => None,
    };
    let vals: Option<Vec<u32>> = s.chars().map(v).collect();
    let vals = vals?;
    // Subtractive pairs (`iv`) lower the running sum before the larger value
    // comes, so the sum must be signed.
    let mut total = 0i64;
    for (i, &x) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|&n| n > x) {
            total -= i64::from(x);
        } else {
            total += i64::from(x);
        }
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0)?;
    // Only canonical spellings: `iiii` or `vx` are not numerals.
    (roman(total).eq_ignore_ascii_case(s)).then_some(total)
}

/// A letter index (0 = a) as a key letter: `a` … `z`, then `aa`, `bb` …
pub fn letter_key(i: usize) -> String {
    let c = (b'a' + (i % 26) as u8) as char;
    std::iter::repeat_n(c, i / 26 + 1).collect()
}

/// Words that end in a full stop without ending the sentence (`No.`, `art.`,
/// `párr.`, `г.`), lower case, without the stop: what the segmenter must not
/// split after.
pub fn abbreviations(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "no", "nos", "art", "arts", "para", "paras", "mr", "mrs", "ms", "dr", "prof", "sr",
            "jr", "st", "vol", "vols", "p", "pp", "cf", "approx", "fig", "figs", "rev", "corr",
            "add", "suppl", "ed", "eds", "op", "cit", "ibid", "inc", "ltd", "co", "sect", "sec",
            "chap", "ch", "gen", "lt", "col", "messrs", "hon", "amb", "jan", "feb", "mar", "apr",
            "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "al", "annex",
        ],
        Lang::Fr => &[
            "no", "nos", "n°", "art", "arts", "par", "para", "paras", "m", "mm", "mme", "mmes",
            "mlle", "dr", "pr", "p", "pp", "vol", "cf", "al", "ex", "av", "bd", "réf", "chap",
            "suppl", "rev", "corr", "add", "sect", "st", "ste", "env", "janv", "févr", "avr",
            "juill", "sept", "oct", "nov", "déc",
        ],
        Lang::Es => &[
            "núm", "núms", "no", "nos", "art", "arts", "párr", "párrs", "sr", "sra", "sres",
            "sras", "srta", "dr", "dra", "d", "dña", "p", "pág", "págs", "vol", "cf", "ej", "ud",
            "uds", "av", "avda", "cap", "rev", "corr", "add", "suppl", "sec", "ene", "feb", "abr",
            "jun", "jul", "ago", "sept", "oct", "nov", "dic", "etc",
        ],
        Lang::Ru => &[
            "no", "г", "гг", "т", "е", "см", "ст", "п", "пп", "р", "руб", "им", "проф", "г-н",
            "г-жа", "гн", "др", "пр", "тыс", "млн", "млрд", "стр", "рез", "прим", "рис", "табл",
            "ок", "напр", "англ", "вып", "ред", "изд", "т.е", "т.д", "т.п", "и.о", "д-р", "ул",
            "янв", "февр", "авг", "сент", "окт", "нояб", "дек",
        ],
        Lang::Ar | Lang::Zh => &[],
    }
}

/// English cardinal words one to nineteen, in order.
pub const EN_UNITS: [&str; 19] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// English tens, twenty to ninety.
pub const EN_TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// English ordinal words: first to nineteenth, then the tens (twentieth to ninetieth).
pub const EN_ORDINAL_WORDS: [&str; 27] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

/// First parts of English compounds that keep their hyphen in UN style, and
/// second parts of Russian ones: a line break after their hyphen is not
/// typesetter's hyphenation.
pub const COMPOUND_FIRST: &[&str] = &[
    "self", "non", "follow", "well", "counter", "cross", "long", "short", "medium", "high", "low",
    "small", "large", "post", "ex", "anti", "semi", "quasi", "all", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety",
];
/// Second parts of Russian compounds (`государств-` / `членов`).
pub const COMPOUND_SECOND: &[&str] = &["член"];

#[cfg(test)]
mod tests;

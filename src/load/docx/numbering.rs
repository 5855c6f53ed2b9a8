//! Word's automatic list numbers: `numbering.xml` read into levels and
//! numbering instances, and a level's number written in its format
//! (decimal, letters, roman, Chinese counting, ideographs, Arabic and
//! Cyrillic letters).

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{attr, val};

/// One level of a list definition.
#[derive(Clone, Debug, Default)]
pub(super) struct Level {
    pub(super) start: i64,
    pub(super) fmt: String,
    pub(super) text: String,
    pub(super) suffix: String,
    /// `w:lvlRestart`: restart after this (1-based) level; 0 never.
    pub(super) restart: Option<usize>,
    pub(super) legal: bool,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Num {
    pub(super) abstract_id: String,
    /// Per level: a start override, and perhaps a whole level redefinition.
    pub(super) overrides: HashMap<usize, (Option<i64>, Option<Level>)>,
}

/// `numbering.xml`: abstract list definitions and the numbering instances over them.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    pub(super) abstracts: HashMap<String, HashMap<usize, Level>>,
    /// Abstract definitions that take their levels from a style's numbering.
    pub(super) num_style_link: HashMap<String, String>,
    pub(super) nums: HashMap<String, Num>,
}

impl Numbering {
    pub(super) fn read(xml: &str) -> Result<Numbering, quick_xml::Error> {
        let mut n = Numbering::default();
        let mut r = Reader::from_str(xml);
        let mut abs: Option<String> = None;
        let mut num: Option<(String, Num)> = None;
        let mut ovr: Option<usize> = None;
        let mut lvl: Option<(usize, Level)> = None;
        loop {
            let ev = r.read_event()?;
            let (e, empty) = match &ev {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "abstractNum" => abs = None,
                        "num" => {
                            if let Some((id, x)) = num.take() {
                                n.nums.insert(id, x);
                            }
                        }
                        "lvlOverride" => ovr = None,
                        "lvl" => {
                            if let Some((i, l)) = lvl.take() {
                                if let (Some((_, x)), Some(o)) = (num.as_mut(), ovr) {
                                    x.overrides.entry(o).or_default().1 = Some(l);
                                } else if let Some(a) = &abs {
                                    n.abstracts.entry(a.clone()).or_default().insert(i, l);
                                }
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            match e.local_name().as_ref() {
                "abstractNum" if !empty => abs = attr(e, "abstractNumId"),
                "num" if !empty => {
                    num = attr(e, "numId").map(|id| (id, Num::default()));
                }
                "abstractNumId" => {
                    if let (Some((_, x)), Some(v)) = (num.as_mut(), val(e)) {
                        x.abstract_id = v;
                    }
                }
                "lvlOverride" if !empty => {
                    ovr = attr(e, "ilvl").and_then(|v| v.parse().ok());
                }
                "startOverride" => {
                    if let (Some((_, x)), Some(o)) = (num.as_mut(), ovr) {
                        x.overrides.entry(o).or_default().0 = val(e).and_then(|v| v.parse().ok());
                    }
                }
                "numStyleLink" => {
                    if let (Some(a), Some(v)) = (&abs, val(e)) {
                        n.num_style_link.insert(a.clone(), v);
                    }
                }
                "lvl" if !empty => {
                    let i = attr(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    lvl = Some((
                        i,
                        Level {
                            start: 1,
                            fmt: "decimal".into(),
                            suffix: "tab".into(),
                            ..Level::default()
                        },
                    ));
                }
                name => {
                    if let Some((_, l)) = lvl.as_mut() {
                        match name {
                            "start" => l.start = val(e).and_then(|v| v.parse().ok()).unwrap_or(1),
                            "numFmt" => l.fmt = val(e).unwrap_or_default(),
                            "lvlText" => l.text = val(e).unwrap_or_default(),
                            "suff" => l.suffix = val(e).unwrap_or_default(),
                            "lvlRestart" => l.restart = val(e).and_then(|v| v.parse().ok()),
                            "isLgl" => l.legal = val(e).is_none_or(|v| v != "0" && v != "false"),
                            _ => {}
                        }
                    }
                }
            }
        }
        Ok(n)
    }
}

/// The largest number written in letters (`zzz…z`, 30 letters, as Word
/// stops); larger ones are written in digits, so a label stays short.
const MAX_LETTER_NUMBER: i64 = 26 * 30;

/// Counter `n` written in a Word number format.
pub(super) fn format_number(n: i64, fmt: &str) -> String {
    const ARABIC_ALPHA: [&str; 28] = [
        "أ", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض", "ط", "ظ", "ع",
        "غ", "ف", "ق", "ك", "ل", "م", "ن", "هـ", "و", "ي",
    ];
    const ARABIC_ABJAD: [&str; 28] = [
        "أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص",
        "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ",
    ];
    const RUSSIAN: [char; 28] = [
        'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т',
        'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'э', 'ю', 'я',
    ];
    const HEAVENLY: [char; 10] = crate::lang::tables::HEAVENLY_STEMS;
    let cycle = |len: i64| ((n.max(1) - 1) % len) as usize;
    let letters = |base: u8| {
        // Word repeats the letter: a … z, aa … zz, up to 780 (30 letters);
        // past that (an absurd start, 2,000,000,000 would be 77 million
        // letters) the number is written in digits.
        if n > MAX_LETTER_NUMBER {
            return n.to_string();
        }
        let k = (n.max(1) - 1) as usize;
        std::iter::repeat_n((base + (k % 26) as u8) as char, k / 26 + 1).collect::<String>()
    };
    // The decimal digits of `n` from the script whose zero is `zero` (a
    // sign stays as it is).
    let digits = |zero: u32| -> String {
        n.to_string()
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .and_then(|d| char::from_u32(zero + d))
                    .unwrap_or(c)
            })
            .collect()
    };
    match fmt {
        "lowerLetter" => letters(b'a'),
        "upperLetter" => letters(b'A'),
        "lowerRoman" => crate::load::html::roman(n).to_lowercase(),
        "upperRoman" => crate::load::html::roman(n),
        "decimalZero" => format!("{n:02}"),
        "decimalFullWidth" | "decimalFullWidth2" => digits(0xFF10),
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographLegalTraditional"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting" => crate::lang::numerals::chinese_counting(n),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .and_then(|d| "〇一二三四五六七八九".chars().nth(d as usize))
                    .unwrap_or(c)
            })
            .collect(),
        "ideographTraditional" => HEAVENLY[cycle(10)].to_string(),
        "arabicAlpha" => ARABIC_ALPHA[cycle(28)].to_string(),
        "arabicAbjad" => ARABIC_ABJAD[cycle(28)].to_string(),
        "russianLower" => RUSSIAN[cycle(28)].to_string(),
        "russianUpper" => RUSSIAN[cycle(28)].to_uppercase().collect(),
        "hindiNumbers" | "arabicNumbers" => digits(0x0660),
        _ => n.to_string(),
    }
}

//! The six official languages of the United Nations.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};

/// One of the six official UN languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Arabic.
    Ar,
    /// Chinese (the hub).
    Zh,
    /// English.
    En,
    /// Spanish.
    Es,
    /// French.
    Fr,
    /// Russian.
    Ru,
}

impl Lang {
    /// All six, in the UN's alphabetical order of English names.
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::Zh, Lang::En, Lang::Fr, Lang::Ru, Lang::Es];

    /// The two-letter ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
        }
    }

    /// Parses a two-letter code (case-insensitive; `zh-Hans`, `zh-CN` and the
    /// three-letter codes `ara`, `chi`/`zho`/`cmn`, `eng`, `spa`, `fra`/`fre`, `rus` are accepted too).
    pub fn from_code(code: &str) -> Option<Lang> {
        let c = code.trim().to_ascii_lowercase();
        let base = c.split(['-', '_']).next().unwrap_or("");
        Some(match base {
            "ar" | "ara" | "arb" => Lang::Ar,
            "zh" | "chi" | "zho" | "cmn" | "ch" => Lang::Zh,
            "en" | "eng" => Lang::En,
            "es" | "spa" | "sp" => Lang::Es,
            "fr" | "fra" | "fre" => Lang::Fr,
            "ru" | "rus" => Lang::Ru,
            _ => return None,
        })
    }

    /// Written right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// Written in the Latin alphabet (en, es, fr).
    pub fn is_latin(self) -> bool {
        matches!(self, Lang::En | Lang::Es | Lang::Fr)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = Error;
    fn from_str(s: &str) -> Result<Lang, Error> {
        Lang::from_code(s).ok_or_else(|| Error::new(ErrorKind::BadLanguageCode(s.to_string())))
    }
}

/// Tells the language of a text by its script, then, for Latin script, by a
/// handful of stop words. `None` when there is too little letter text to tell.
///
/// ```
/// use sixalign::lang::{detect, Lang};
/// assert_eq!(detect("大会，回顾其决议，"), Some(Lang::Zh));
/// assert_eq!(detect("The General Assembly, recalling its resolutions on the matter,"), Some(Lang::En));
/// assert_eq!(detect("L’Assemblée générale, rappelant ses résolutions sur la question,"), Some(Lang::Fr));
/// ```
pub fn detect(text: &str) -> Option<Lang> {
    let (mut han, mut arabic, mut cyrillic, mut latin) = (0usize, 0usize, 0usize, 0usize);
    // A sample is enough; whole documents can be large.
    for c in text.chars().take(20_000) {
        match c {
            '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' => han += 1,
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FEFC}' => {
                arabic += 1
            }
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            c if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) => latin += 1,
            _ => {}
        }
    }
    // Chinese needs fewer characters than alphabetic scripts for the same text.
    let scores = [
        (han * 3, Lang::Zh),
        (arabic, Lang::Ar),
        (cyrillic, Lang::Ru),
        (latin, Lang::En),
    ];
    let (best, lang) = scores.iter().copied().max_by_key(|&(n, _)| n)?;
    if best < 3 {
        return None;
    }
    if lang != Lang::En {
        return Some(lang);
    }
    const STOP: [(Lang, &[&str]); 3] = [
        (
            Lang::En,
            &[
                "the", "of", "and", "to", "in", "that", "is", "for", "with", "its", "on",
            ],
        ),
        (
            Lang::Es,
            &[
                "de", "la", "que", "el", "los", "las", "y", "en", "del", "por", "con", "su",
            ],
        ),
        (
            Lang::Fr,
            &[
                "de", "la", "le", "les", "des", "et", "du", "que", "en", "à", "dans", "une", "sur",
            ],
        ),
    ];
    let mut counts = [0usize; 3];
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(5_000)
    {
        let w = w.to_lowercase();
        for (k, (_, words)) in STOP.iter().enumerate() {
            if words.contains(&w.as_str()) {
                counts[k] += 1;
            }
        }
    }
    let k = (0..3).max_by_key(|&k| counts[k]).unwrap_or(0);
    Some(STOP[k].0)
}

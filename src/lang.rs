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

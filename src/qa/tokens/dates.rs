//! Dates and times in a sentence: `12 December 2019`, `2019年12月12日`,
//! `12 декабря 2019 года`, `10 a.m.`, each with its ISO key.

use std::sync::LazyLock;

use regex::Regex;

use crate::lang::{Lang, MONTH_STEMS_RU, MONTHS_AR, MONTHS_EN, MONTHS_ES, MONTHS_FR};

use super::{Scan, TokenKind};

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

pub(super) fn dates_zh(sc: &mut Scan, s: &str) {
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
pub(super) fn dates_named(sc: &mut Scan, s: &str, lang: Lang) {
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

pub(super) fn times(sc: &mut Scan, s: &str) {
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

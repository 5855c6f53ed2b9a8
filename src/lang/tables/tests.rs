//! Tests of the per-language tables.

use super::*;

#[test]
fn the_numeral_bits_rule_out_no_numeral() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        assert_eq!(
            is_zh_numeral(c),
            zh_digit(c).is_some() || zh_unit(c).is_some(),
            "{c}"
        );
    }
}

#[test]
fn dates_use_the_month_names_of_lang() {
    // Every spelling `lang::MONTHS_*` knows, not a copy of them.
    let rows = [
        (Lang::Ar, "10 حزيران/يونيو 2019", "يونيو"),
        (Lang::Ar, "10 حزيران/يونيه 2019", "يونيه"),
        (Lang::En, "12 December 2019", "December"),
        (Lang::Es, "12 de setiembre de 2019", "setiembre"),
        (Lang::Fr, "1er août 2019", "août"),
        (Lang::Ru, "12 декабря 2019 года", "декабря"),
    ];
    for (lang, text, month) in rows {
        let c = compiled(lang).date().captures(text);
        assert_eq!(
            c.map(|c| c["m"].to_string()).as_deref(),
            Some(month),
            "{text}"
        );
        assert!(crate::lang::month_number(month, lang).is_some(), "{month}");
    }
}

#[test]
fn numerals() {
    assert_eq!(chinese_number("一"), Some(1));
    assert_eq!(chinese_number("十"), Some(10));
    assert_eq!(chinese_number("十二"), Some(12));
    assert_eq!(chinese_number("二十"), Some(20));
    assert_eq!(chinese_number("三十"), Some(30));
    assert_eq!(chinese_number("二十九"), Some(29));
    assert_eq!(chinese_number("一百零一"), Some(101));
    assert_eq!(chinese_number("条"), None);
    assert_eq!(chinese_number(""), None);
    // Every numeral form, Simplified and Traditional.
    for (s, v) in [
        ("〇", 0),
        ("零", 0),
        ("兩", 2),
        ("两", 2),
        ("兩百", 200),
        ("一千零二十", 1020),
        ("二〇一九", 2019),
        ("二零一九", 2019),
        ("壹", 1),
        ("貳", 2),
        ("贰", 2),
        ("參", 3),
        ("叁", 3),
        ("肆拾伍", 45),
        ("陸佰", 600),
        ("陆佰", 600),
        ("柒仟捌佰玖拾", 7890),
        ("拾", 10),
        ("廿", 20),
        ("廿三", 23),
        ("卅", 30),
        ("三萬", 30_000),
        ("三万", 30_000),
        ("兩億", 200_000_000),
        ("一百二十三", 123),
    ] {
        assert_eq!(chinese_value(s), Some(v), "{s}");
    }
    for s in ["條", "一條", "百分"] {
        assert_eq!(chinese_value(s), None, "{s}");
    }
    assert_eq!(
        chinese_value("九九九九九九九九九九九九九九九九九九九九九"),
        None
    );
    assert_eq!(roman_value("iv"), Some(4));
    assert_eq!(roman_value("XIV"), Some(14));
    assert_eq!(roman_value("iiii"), None);
    assert_eq!(roman(19), "XIX");
    assert_eq!(letter_key(0), "a");
    assert_eq!(letter_key(27), "bb");
}

#[test]
fn simplified_and_traditional_forms_differ() {
    for &(a, b) in HANS_HANT {
        assert_ne!(a, b);
        assert!(!HANS_HANT.iter().any(|&(x, _)| x == b), "{b} is both");
    }
}

#[test]
fn every_pattern_compiles() {
    for t in &TABLES {
        let c = compiled(t.lang);
        let _ = (c.agenda(), c.meeting(), c.date());
    }
}

#[test]
fn every_agenda_meeting_and_date_pattern_needs_a_digit() {
    // The parser asks them only of lines with a digit. A `\d` that is
    // not optional in each: the pattern with its digits taken out
    // matches nothing its own language writes.
    for t in &TABLES {
        for p in [t.agenda, t.meeting, t.date] {
            assert!(p.contains(r"\d"), "{p}");
        }
    }
    let lines = [
        (
            Lang::En,
            "Agenda item 12 46th plenary meeting 12 December 2019",
        ),
        (Lang::Zh, "议程项目12 第46次全体会议 2019年12月12日"),
        (
            Lang::Fr,
            "Point 12 de l'ordre du jour 46e séance plénière 12 décembre 2019",
        ),
        (
            Lang::Es,
            "Tema 12 del programa 46ª sesión plenaria 12 de diciembre de 2019",
        ),
        (
            Lang::Ru,
            "Пункт 12 повестки 46-е пленарное заседание 12 декабря 2019",
        ),
    ];
    for (lang, line) in lines {
        let c = compiled(lang);
        let bare: String = line.chars().filter(|c| !c.is_numeric()).collect();
        for (name, r) in [
            ("agenda", c.agenda()),
            ("meeting", c.meeting()),
            ("date", c.date()),
        ] {
            assert!(!r.is_match(&bare), "{lang:?} {name}: {bare}");
        }
        assert!(
            c.meeting().is_match(line) && c.date().is_match(line),
            "{line}"
        );
    }
}

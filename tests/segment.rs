//! Sentence segmentation: one row per language and rule, plus the coverage invariant.

use proptest::prelude::*;
use sixalign::Lang;
use sixalign::segment::segment;

fn cut(text: &str, lang: Lang) -> Vec<&str> {
    segment(text, lang).into_iter().map(|r| &text[r]).collect()
}

struct Row {
    name: &'static str,
    lang: Lang,
    text: &'static str,
    want: &'static [&'static str],
}

const ROWS: &[Row] = &[
    Row {
        name: "zh Traditional corner quotes close with their sentence, as curly ones do",
        lang: Lang::Zh,
        text: "他說：「本公約所稱『酷刑』。」締約國應承允。﹁引文。﹂其後",
        want: &[
            "他說：「本公約所稱『酷刑』。」",
            "締約國應承允。",
            "﹁引文。﹂",
            "其後",
        ],
    },
    Row {
        name: "zh Simplified curly quotes, the same cuts",
        lang: Lang::Zh,
        text: "他说：“本公约所称‘酷刑’。”缔约国应承允。",
        want: &["他说：“本公约所称‘酷刑’。”", "缔约国应承允。"],
    },
    Row {
        name: "en a.m. before a capital ends the sentence, before a number it does not",
        lang: Lang::En,
        text: "To be held at 10.15 a.m. The Group met. It met at 3 p.m. 5 times.",
        want: &[
            "To be held at 10.15 a.m.",
            "The Group met.",
            "It met at 3 p.m. 5 times.",
        ],
    },
    Row {
        name: "ru resolution number before its title is not a sentence",
        lang: Lang::Ru,
        text: "99/36. Доля населения. Второе предложение.",
        want: &["99/36. Доля населения.", "Второе предложение."],
    },
    Row {
        name: "zh full stop and semicolon, not the dot of a symbol",
        lang: Lang::Zh,
        text: "回顾其第74/28.号决议；决定继续审议。大会还请秘书长提交报告！",
        want: &[
            "回顾其第74/28.号决议；",
            "决定继续审议。",
            "大会还请秘书长提交报告！",
        ],
    },
    Row {
        name: "zh decimal and closing quote",
        lang: Lang::Zh,
        text: "标准是每人每日不足1.25美元。”新的句子？是的",
        want: &["标准是每人每日不足1.25美元。”", "新的句子？", "是的"],
    },
    Row {
        name: "zh preambular clause ending in a comma is one segment",
        lang: Lang::Zh,
        text: "回顾其关于体育促进发展与和平的各项决议，",
        want: &["回顾其关于体育促进发展与和平的各项决议，"],
    },
    Row {
        name: "newline is a hard boundary, commas never cut",
        lang: Lang::Zh,
        text: "大会，\n回顾其各项决议，\n1. 决定继续审议",
        want: &["大会，", "回顾其各项决议，", "1. 决定继续审议"],
    },
    Row {
        name: "en symbol, decimal, abbreviation",
        lang: Lang::En,
        text: "Recalling resolution A/RES/74/28. It grew by 1.5 per cent; see para. 5 of No. 3. Mr. Smith agreed!",
        want: &[
            "Recalling resolution A/RES/74/28.",
            "It grew by 1.5 per cent;",
            "see para. 5 of No. 3.",
            "Mr. Smith agreed!",
        ],
    },
    Row {
        name: "en initialism and lower-case continuation",
        lang: Lang::En,
        text: "The U.N. Secretariat, e.g. the Office, reported. Then etc. and more.",
        want: &[
            "The U.N. Secretariat, e.g. the Office, reported.",
            "Then etc. and more.",
        ],
    },
    Row {
        name: "en paragraph label is not a sentence",
        lang: Lang::En,
        text: "1. Decides to continue; 2. Requests the Secretary-General.",
        want: &[
            "1. Decides to continue;",
            "2. Requests the Secretary-General.",
        ],
    },
    Row {
        name: "en quote closes with the sentence",
        lang: Lang::En,
        text: "It said \"no more.\" The Assembly met (in 2019.) Members (in 2020.) agreed.",
        want: &[
            "It said \"no more.\"",
            "The Assembly met (in 2019.)",
            "Members (in 2020.) agreed.",
        ],
    },
    Row {
        name: "fr abbreviations and decimal comma",
        lang: Lang::Fr,
        text: "Voir l'art. 5 et le par. 3. M. Dupont a parlé de 1,25 dollar. Fin.",
        want: &[
            "Voir l'art. 5 et le par. 3.",
            "M. Dupont a parlé de 1,25 dollar.",
            "Fin.",
        ],
    },
    Row {
        name: "es abbreviations and inverted marks",
        lang: Lang::Es,
        text: "El Sr. Pérez citó el párr. 4. ¿Qué dijo? Nada; terminó.",
        want: &[
            "El Sr. Pérez citó el párr. 4.",
            "¿Qué dijo?",
            "Nada;",
            "terminó.",
        ],
    },
    Row {
        name: "ru abbreviations",
        lang: Lang::Ru,
        text: "Г-н Иванов, т.е. докладчик, выступил. См. п. 5. Конец.",
        want: &[
            "Г-н Иванов, т.е. докладчик, выступил.",
            "См. п. 5.",
            "Конец.",
        ],
    },
    Row {
        name: "ar question mark, semicolon and full stop",
        lang: Lang::Ar,
        text: "إن الجمعية العامة، تقرر ذلك؛ ثم ماذا؟ انتهى. 1.25 دولار",
        want: &[
            "إن الجمعية العامة، تقرر ذلك؛",
            "ثم ماذا؟",
            "انتهى.",
            "1.25 دولار",
        ],
    },
];

#[test]
fn table() {
    for row in ROWS {
        assert_eq!(cut(row.text, row.lang), row.want, "row: {}", row.name);
    }
}

#[test]
fn empty_and_blank_give_nothing() {
    for lang in Lang::ALL {
        assert!(segment("", lang).is_empty());
        assert!(segment(" \n\t\n ", lang).is_empty());
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "B", "No", "U", "N", "1", "5", "74/28", " ", "  ", "\n", "\t", ".", "!", "?", ";",
        ",", "。", "！", "？", "；", "，", "\"", "'", "”", ")", "（", "）", "大会", "т", "е", "Г",
        "؟", "؛", "،", "ـ", "ال", "é", "\u{a0}", "\r",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn ranges_partition_the_non_space_characters(text in text_strategy(), li in 0usize..6) {
        let lang = Lang::ALL[li];
        let ranges = segment(&text, lang);
        let mut prev_end = 0;
        for r in &ranges {
            prop_assert!(r.start >= prev_end, "overlap or disorder: {:?}", ranges);
            prop_assert!(r.start < r.end, "empty range");
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let s = &text[r.clone()];
            prop_assert_eq!(s.trim(), s, "untrimmed");
            prev_end = r.end;
        }
        for (i, c) in text.char_indices() {
            let holders = ranges.iter().filter(|r| r.contains(&i)).count();
            if c.is_whitespace() {
                prop_assert!(holders <= 1);
            } else {
                prop_assert_eq!(holders, 1, "char {:?} at {} held {} times", c, i, holders);
            }
        }
    }
}

use super::*;

#[test]
fn sub_marks_are_found_near_the_start_only() {
    let long = format!("(a) {}", "x ".repeat(100_000));
    assert_eq!(sub(&long).map(|(_, len)| len), Some(4));
    assert!(sub("(   b   ) padded").is_some(), "white space inside");
    // A bracket closed only far along the line opens no mark, however
    // short what lies between might look after trimming.
    let far = format!("({}a) text", " ".repeat(200));
    assert!(sub(&far).is_none());
    let far_bare = format!("a{}) text", "\u{3000}".repeat(40));
    assert!(sub(&far_bare).is_none());
    assert_eq!(floor_boundary("a字", 2), 1);
    assert_eq!(floor_boundary("a字", 9), 4);
}

#[test]
fn operative_forms() {
    assert_eq!(operative("1. Urges"), Some((1, 3)));
    assert_eq!(operative("12 - يقرر"), Some((12, 5)));
    assert_eq!(operative("3.促请"), Some((3, 2)));
    assert_eq!(operative("1.5 million"), None);
    assert_eq!(operative("2019 年"), None);
    assert_eq!(operative("1-2 of"), None);
}

#[test]
fn outline_chapter_and_chinese_paragraph_labels() {
    let key = |s: &str| outline(s).map(|(k, _, len)| (k, len));
    assert_eq!(key("1.1 End poverty"), Some(("1.1".to_string(), 4)));
    assert_eq!(key("1.a Ensure"), Some(("1.a".to_string(), 4)));
    assert_eq!(key("A.1 Text"), Some(("A.1".to_string(), 4)));
    assert_eq!(key("1.2.3. Text"), Some(("1.2.3".to_string(), 7)));
    assert_eq!(key("1. Text"), None);
    assert_eq!(key("1.1"), None);
    assert_eq!(zh_para("一、人人"), Some((1, ZhMark::Dun, 6)));
    assert_eq!(zh_para("(十二)人人"), Some((12, ZhMark::Paren, 8)));
    assert_eq!(
        zh_para("第三款 人人").map(|x| (x.0, x.1)),
        Some((3, ZhMark::Kuan))
    );
    assert_eq!(zh_para("一般而言"), None);
    // Older treaties letter sub-paragraphs with the Heavenly Stems.
    assert_eq!(zh_para("(甲)稱「條約」者"), Some((1, ZhMark::Paren, 5)));
    assert_eq!(zh_para("(丙) 人人"), Some((3, ZhMark::Paren, 6)));
    assert_eq!(zh_para("(甲)"), None);
    assert_eq!(zh_para("甲方"), None);
    assert_eq!(
        sub("乙、稱「批准」者"),
        Some((
            SubMark::Letter {
                index: 1,
                roman: None
            },
            6
        ))
    );
    assert_eq!(sub("甲、乙雙方同意"), None);
    assert_eq!(sub("甲方同意"), None);
    assert_eq!(sub("甲、"), None);
    assert_eq!(
        sub("(乙)稱「批准」者").map(|x| x.0),
        Some(SubMark::Letter {
            index: 1,
            roman: None
        })
    );
    for (s, n) in [
        ("第一章", 1),
        ("第十二章 总则", 12),
        ("Chapter IV", 4),
        ("CHAPTER 7. Final", 7),
        ("Chapitre premier", 1),
        ("Capítulo II", 2),
        ("Глава III", 3),
        ("الفصل الأول", 1),
        ("الفصل 3", 3),
    ] {
        assert_eq!(
            division(s).map(|c| (c.0, c.1)),
            Some((Division::Chapter, n)),
            "{s}"
        );
    }
    assert_eq!(division("Chapters of the report"), None);
    for s in [
        "1.", "12 -", "(a)", "б)", "1.1", "1.a", "一、", "(三)", "IV.", "１．",
    ] {
        assert!(is_label_alone(s), "{s}");
    }
    for s in ["1. Text", "2019", "12", "(A/74/363)", "Article 1"] {
        assert!(!is_label_alone(s), "{s}");
    }
}

#[test]
fn sub_forms() {
    assert_eq!(
        sub("(a) text").map(|x| x.0),
        Some(SubMark::Letter {
            index: 0,
            roman: None
        })
    );
    assert_eq!(sub("(ii) text").map(|x| x.0), Some(SubMark::Roman(2)));
    assert_eq!(
        sub(")ب( نص").map(|x| x.0),
        Some(SubMark::Letter {
            index: 1,
            roman: None
        })
    );
    assert_eq!(
        sub("б) текст").map(|x| x.0),
        Some(SubMark::Letter {
            index: 1,
            roman: None
        })
    );
    assert_eq!(sub("(A/74/363) text"), None);
    assert_eq!(sub("a)b"), None);
}

/// Every Chinese label system, Simplified and Traditional, with every
/// numeral form: what it reads as, and its label length in characters.
#[test]
fn chinese_label_systems_in_both_scripts() {
    // Articles: (text, number, inserted, label chars).
    for (s, n, sub, chars) in [
        ("第一条", 1, 0, 3),
        ("第一條", 1, 0, 3),
        ("第十二條", 12, 0, 4),
        ("第一百二十三條", 123, 0, 7),
        ("第一百零一條", 101, 0, 6),
        ("第兩百條", 200, 0, 4),
        ("第貳拾參條", 23, 0, 5),
        ("第廿一條", 21, 0, 4),
        ("第 5 條", 5, 0, 5),
        ("第十二條之一", 12, 1, 6),
        ("第十二条之二", 12, 2, 6),
        ("第三條 人人有權", 3, 0, 4),
        ("第三條、人人有權", 3, 0, 4),
        ("Article 12 bis", 12, 1, 14),
        ("Article 12-1", 12, 1, 12),
        ("Article premier", 1, 0, 15),
        // The title on the heading's line.
        (
            "Article 5 Crimes within the jurisdiction of the Court",
            5,
            0,
            10,
        ),
        ("Article premier Portée de la présente Convention", 1, 0, 16),
        ("Artículo 2 Términos empleados", 2, 0, 11),
        ("Статья 3 Международные соглашения", 3, 0, 9),
        ("Article 12 bis Entry into force", 12, 1, 15),
    ] {
        let got = article_key(s).map(|(n, sub, len)| (n, sub, s[..len].chars().count()));
        assert_eq!(got, Some((n, sub, chars)), "{s}");
    }
    for s in [
        "第三條規定的權利",
        "第一条规定",
        "第條",
        "条约第一条",
        "Article 13 of the Universal Declaration provides for the right to freedom of movement.",
        "Article 2 reads:",
        "Article 5 Crimes against humanity, as defined in the Statute, include murder.",
    ] {
        assert_eq!(article_key(s), None, "{s}");
    }
    assert_eq!(article_label_key(12, 0), "art12");
    assert_eq!(article_label_key(12, 1), "art12-1");

    // Parts, chapters, sections.
    for (s, d, n) in [
        ("第一編", Division::Part, 1),
        ("第一编 总则", Division::Part, 1),
        ("第貳編", Division::Part, 2),
        ("第壹編 總則", Division::Part, 1),
        ("第二部分", Division::Part, 2),
        ("Part II", Division::Part, 2),
        ("PART IV. GENERAL PROVISIONS", Division::Part, 4),
        ("Partie III", Division::Part, 3),
        ("Часть 2", Division::Part, 2),
        ("第三章", Division::Chapter, 3),
        ("第參章 程序", Division::Chapter, 3),
        ("第一節", Division::Section, 1),
        ("第一节", Division::Section, 1),
        ("Section 2", Division::Section, 2),
        ("Раздел II", Division::Section, 2),
    ] {
        assert_eq!(division(s).map(|x| (x.0, x.1)), Some((d, n)), "{s}");
    }
    for s in [
        "第一編所載的權利。",
        "Part of the report shows that more is needed.",
    ] {
        assert_eq!(division(s), None, "{s}");
    }
    assert_eq!(division_key(Division::Part, 2), "part2");
    assert_eq!(division_key(Division::Section, 1), "sec1");

    // Paragraphs inside articles: value, form, the text after the label.
    for (s, n, mark, rest) in [
        ("一、締約國", 1, ZhMark::Dun, "締約國"),
        ("壹、前言", 1, ZhMark::Dun, "前言"),
        ("十二、人人", 12, ZhMark::Dun, "人人"),
        ("(一)人人", 1, ZhMark::Paren, "人人"),
        ("(十一) 人人", 11, ZhMark::Paren, "人人"),
        ("第一款 人人", 1, ZhMark::Kuan, "人人"),
        ("第二項 人人", 2, ZhMark::Kuan, "人人"),
        ("第二项人人", 2, ZhMark::Kuan, "人人"),
        ("一  締約國", 1, ZhMark::Space, "締約國"),
        ("二 本公約", 2, ZhMark::Space, "本公約"),
        ("兩 人", 2, ZhMark::Space, "人"),
    ] {
        let got = zh_para(s).map(|(n, m, len)| (n, m, &s[len..]));
        assert_eq!(got, Some((n, mark, rest)), "{s}");
    }
    for s in ["一般而言", "一 ", "一 2019", "一切", "(A/74/363) 文件"] {
        assert_eq!(zh_para(s), None, "{s}");
    }
    // `(一)` and `（一）` (the view folds full width) are the letter a.
    assert_eq!(
        sub("(三)人人").map(|x| x.0),
        Some(SubMark::Letter {
            index: 2,
            roman: None
        })
    );
    assert_eq!(heading("壹、前言").map(|x| x.0), Some("I".to_string()));
    // The line joiner never runs these into the line before.
    for s in [
        "第一條",
        "第十二條之一",
        "第貳編 總則",
        "第一項 人人",
        "第二部分",
        "壹、前言",
        "Part II",
    ] {
        assert!(starts_like_label(s, false), "{s}");
    }
    assert!(!starts_like_label("Part of the text", false));
}

/// The first-character sieve of [`article_key`] never rules out a heading
/// the patterns take: every article word in lower, upper and title case.
#[test]
fn the_article_sieve_keeps_every_article_word_in_any_case() {
    for w in crate::lang::tables::ARTICLE_WORDS {
        let title: String = w
            .chars()
            .take(1)
            .flat_map(char::to_uppercase)
            .chain(w.chars().skip(1))
            .collect();
        for form in [w.to_string(), w.to_uppercase(), title] {
            let s = format!("{form} 12");
            assert_eq!(article_key(&s).map(|(n, _, _)| n), Some(12), "{s}");
        }
    }
    assert_eq!(article_key("第十二条").map(|(n, _, _)| n), Some(12));
    assert_eq!(
        article_key("第十二條之一").map(|(n, sub, _)| (n, sub)),
        Some((12, 1))
    );
}

/// [`may_start_label`] never rules out a line the label patterns match:
/// on every line of the bundled UDHR in six languages and on lines built
/// from the pieces labels are made of.
#[test]
fn the_label_sieve_keeps_every_label() {
    let matched = |s: &str| LABEL_START.is_match(s) || LONG_LABEL_START.is_match(s);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/udhr");
    let mut labels = 0;
    for lang in ["ar", "en", "es", "fr", "ru", "zh"] {
        let text = std::fs::read_to_string(format!("{dir}/{lang}.txt")).expect("bundled UDHR");
        for line in text.lines() {
            for s in [line, line.trim_start()] {
                if matched(s) {
                    labels += 1;
                    assert!(may_start_label(s), "{s}");
                }
            }
        }
    }
    assert!(
        labels > 100,
        "the UDHR's articles and sub-paragraphs: {labels}"
    );
    let pieces = [
        "1",
        "12",
        "1000",
        "٣",
        "３",
        ".",
        ")",
        "(",
        "[",
        "（",
        "a",
        "b",
        "z",
        "а",
        "я",
        "I",
        "V",
        "X",
        "A",
        "Z",
        "А",
        "Я",
        "Article",
        "Статья",
        "المادة",
        "Chapter",
        "Capítulo",
        "Глава",
        "الفصل",
        "Part",
        "PARTE",
        "Часть",
        "Раздел",
        "Section",
        "第",
        "十二",
        "条",
        "部分",
        "一",
        "壹",
        "、",
        " ",
        "-",
        "–",
        "．",
        "x",
        "é",
        "中",
    ];
    // Every sequence of up to three pieces.
    let n = pieces.len();
    for k in 0..n * n * n {
        let s = format!(
            "{}{}{}",
            pieces[k % n],
            pieces[k / n % n],
            pieces[k / n / n]
        );
        if matched(&s) {
            assert!(may_start_label(&s), "{s}");
        }
    }
}

//! The parser on the seed resolution, the UDHR in six languages, and every
//! label form, one row per language.

use sixalign::load::Text;
use sixalign::parse::{ParseOptions, parse, parse_path};
use sixalign::{Block, BlockKind, Document, Lang};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/A-RES-74-28.zh.md");

fn udhr_path(lang: Lang) -> String {
    format!("{}/data/udhr/{}.txt", crate::ROOT, lang.code())
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn seed() -> Document {
    parse_path(SEED.as_ref(), &ParseOptions::default())
        .unwrap_or_else(|e| panic!("the seed does not parse: {e}"))
}

fn of_kind(doc: &Document, kind: BlockKind) -> Vec<&Block> {
    doc.blocks.iter().filter(|b| b.kind == kind).collect()
}

fn key(b: &Block) -> &str {
    b.label.as_ref().map_or("", |l| l.key.as_str())
}

#[test]
fn seed_identity() {
    let doc = seed();
    assert_eq!(doc.lang, Lang::Zh);
    assert_eq!(doc.symbol.as_deref(), Some("A/RES/74/28"));
    assert_eq!(doc.resolution_number().as_deref(), Some("74/28"));
    assert_eq!(doc.agenda_item(), Some("93"));
    assert_eq!(doc.report_symbol().as_deref(), Some("A/74/363"));
    assert_eq!(doc.meeting(), Some(46));
    assert_eq!(doc.date().as_deref(), Some("2019-12-12"));
    // The seed is well formed: nothing to report.
    assert!(doc.findings.is_empty(), "{:?}", doc.findings);
}

#[test]
fn seed_structure() {
    let doc = seed();
    let kinds: Vec<&str> = doc.blocks.iter().map(|b| b.kind.name()).collect();
    let mut want = vec![
        "title", "agenda", "title", "title", "title", "title", "opener",
    ];
    want.extend(["preamble"; 15]);
    want.extend([
        "operative",
        "subparagraph",
        "subparagraph",
        "operative",
        "subparagraph",
        "subparagraph",
        "operative",
        "operative",
        "operative",
        "closing",
    ]);
    assert_eq!(kinds, want);

    let opener = of_kind(&doc, BlockKind::Opener);
    assert_eq!(opener.len(), 1);
    assert_eq!(opener[0].text, "大会，");

    let pre = of_kind(&doc, BlockKind::Preamble);
    assert_eq!(pre.len(), 15);
    assert!(
        pre[0]
            .text
            .starts_with("回顾其 1998 年 12 月 4 日第 53/70 号")
    );
    assert!(pre[0].text.ends_with("第 72/512 号决定，"));
    assert!(pre[1].text.starts_with("注意到在发展和应用最新的信息技术"));
    assert!(pre[4].text.starts_with("确认信息和通信技术属于两用技术"));
    // The three blank lines after the fifth paragraph do not swallow or split anything.
    assert!(pre[5].text.starts_with("强调指出促进为和平目的使用"));
    assert!(pre[14].text.starts_with("强调指出虽然各国对维持一个安全"));
    assert!(pre[14].text.ends_with("将有利于开展有效合作，"));
    for b in &pre {
        assert!(b.label.is_none());
        assert!(b.text.ends_with('，'), "preambular paragraph: {}", b.text);
    }

    let ops: Vec<&str> = of_kind(&doc, BlockKind::Operative)
        .into_iter()
        .map(key)
        .collect();
    assert_eq!(ops, ["1", "2", "3", "4", "5"]);
    let subs: Vec<&str> = of_kind(&doc, BlockKind::Subparagraph)
        .into_iter()
        .map(key)
        .collect();
    assert_eq!(subs, ["1(a)", "1(b)", "2(a)", "2(b)"]);
    let raw: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| b.label.as_ref())
        .map(|l| l.raw.as_str())
        .collect();
    assert_eq!(
        raw,
        [
            "93", "1.", "(a)", "(b)", "2.", "(a)", "(b)", "3.", "4.", "5."
        ]
    );

    let by_key = |k: &str| {
        doc.blocks
            .iter()
            .find(|b| key(b) == k)
            .unwrap_or_else(|| panic!("no block {k}"))
    };
    assert_eq!(by_key("1").text, "促请会员国：");
    // The footnote block between 1(b) and 2 neither ends 1(b) early nor joins 2 to it.
    let b1b = by_key("1(b)");
    assert!(
        b1b.text
            .starts_with("为执行政府专家组报告所载合作措施提供支持")
    );
    assert!(b1b.text.ends_with("但须顾及维护信息自由流通的需要；"));
    assert!(!b1b.text.contains("A/65/201"));
    let op2 = by_key("2");
    assert!(op2.text.starts_with("邀请所有会员国在考虑到政府专家组报告"));
    assert!(op2.text.ends_with("对下列问题的看法和评估意见："));
    assert!(!op2.text.contains("A/"));
    assert_eq!(by_key("2(b)").text, "政府专家组各项报告所述概念的内容；");
    assert!(
        by_key("5")
            .text
            .ends_with("列入大会第七十五届会议临时议程。")
    );

    let fns: Vec<(&str, &str)> = doc
        .footnotes
        .iter()
        .map(|f| (f.label.as_str(), f.text.as_str()))
        .collect();
    assert_eq!(
        fns,
        [("1", "A/65/201。"), ("2", "A/68/98。"), ("3", "A/70/174。")]
    );

    // Footnote references stay on the paragraphs that cite them, and only there.
    let citing: Vec<(&str, &[String])> = doc
        .blocks
        .iter()
        .filter(|b| !b.footnote_refs.is_empty())
        .map(|b| (b.text.as_str(), b.footnote_refs.as_slice()))
        .collect();
    assert_eq!(citing.len(), 2, "{citing:?}");
    assert!(citing[0].0.starts_with("欢迎从国际安全"));
    assert_eq!(citing[0].1, ["1", "2", "3"]);
    assert_eq!(by_key("1(a)").footnote_refs, ["1", "2", "3"]);
    // The marks are gone from the text but the words around them are not.
    assert!(by_key("1(a)").text.contains("2010 年、"));
    assert!(!by_key("1(a)").text.contains("<sup>"));

    let closing = of_kind(&doc, BlockKind::Closing);
    assert_eq!(closing.len(), 1);
    assert!(closing[0].text.contains("2019 年 12 月 12 日"));
    assert!(closing[0].text.contains("第 46 次全体会议"));
}

/// Non-white-space characters of the seed's preamble and operative part, in
/// order, with the conversion furniture taken out by plain string handling
/// (not by the code under test): footnote lines, `<sup>` marks, `---` rules,
/// list bullets.
fn seed_body_chars(original: &str) -> String {
    let start = original.find("\n大会，").expect("opener in the seed") + "\n大会，".len();
    let end = original
        .rfind("2019 年 12 月 12 日")
        .expect("closing date in the seed");
    let mut out = String::new();
    for line in original[start..end].lines() {
        let line = line.trim();
        if line.starts_with("<sup>") || line == "---" {
            continue;
        }
        let line = line.strip_prefix("- ").unwrap_or(line);
        let mut rest = line;
        while let Some(i) = rest.find("<sup>") {
            out.extend(rest[..i].chars().filter(|c| !c.is_whitespace()));
            let close = rest[i..].find("</sup>").expect("closed <sup>") + i;
            rest = &rest[close + "</sup>".len()..];
        }
        out.extend(rest.chars().filter(|c| !c.is_whitespace()));
    }
    out
}

#[test]
fn seed_body_text_is_all_there_once() {
    let original = read(SEED);
    let want = seed_body_chars(&original);
    assert!(
        want.chars().count() > 1500,
        "body check built on too little text"
    );
    let doc = seed();
    let mut got = String::new();
    for b in &doc.blocks {
        if !matches!(
            b.kind,
            BlockKind::Preamble | BlockKind::Operative | BlockKind::Subparagraph
        ) {
            continue;
        }
        if let Some(l) = &b.label {
            got.extend(l.raw.chars().filter(|c| !c.is_whitespace()));
        }
        got.extend(b.text.chars().filter(|c| !c.is_whitespace()));
    }
    if got != want {
        let at = got
            .chars()
            .zip(want.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let show = |s: &str| {
            s.chars()
                .skip(at.saturating_sub(10))
                .take(40)
                .collect::<String>()
        };
        panic!(
            "body text differs at character {at}:\n blocks: {}\n source: {}",
            show(&got),
            show(&want)
        );
    }
}

#[test]
fn seed_spans_and_lines_point_into_the_original() {
    let original = read(SEED);
    let doc = seed();
    for b in &doc.blocks {
        let at = original
            .get(b.span.clone())
            .unwrap_or_else(|| panic!("span {:?} outside the text", b.span));
        let head: String = b.text.chars().take(4).collect();
        assert!(at.contains(&head), "span of {:?} holds {at:?}", b.text);
        let line = original.lines().nth(b.line - 1).unwrap_or("");
        assert!(line.contains(&head), "line {} is {line:?}", b.line);
    }
    let fn1 = &doc.footnotes[0];
    assert_eq!(
        original.lines().nth(fn1.line - 1),
        Some("<sup>1</sup> [A/65/201](#)。")
    );
}

/// Lines between the "Preamble" heading and the first article, counted in the
/// file itself: each is one preambular paragraph.
fn udhr_preamble_lines(raw: &str, heading: &str, first_article: &str) -> usize {
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    let h = lines
        .iter()
        .position(|l| *l == heading)
        .expect("preamble heading");
    let a = lines
        .iter()
        .position(|l| *l == first_article)
        .expect("first article");
    lines[h + 1..a].iter().filter(|l| !l.is_empty()).count()
}

#[test]
fn udhr_six_languages() {
    let rows: [(Lang, usize, &str, &str, &str); 6] = [
        (Lang::Ar, 9, "الديباجة", "المادة 1", "المادة 30"),
        (Lang::Zh, 8, "序言", "第一条", "第三十条"),
        (Lang::En, 10, "Preamble", "Article 1", "Article 30"),
        (Lang::Es, 10, "Preámbulo", "Artículo 1", "Artículo 30"),
        (Lang::Fr, 9, "Préambule", "Article premier", "Article 30"),
        (Lang::Ru, 9, "ПРЕАМБУЛА", "Статья 1", "Статья 30"),
    ];
    let want_keys: Vec<String> = (1..=30).map(|n| format!("art{n}")).collect();
    for (lang, n_pre, heading, first, last) in rows {
        let path = udhr_path(lang);
        let raw = read(&path);
        assert_eq!(
            udhr_preamble_lines(&raw, heading, first),
            n_pre,
            "{lang}: preamble lines in the file"
        );
        // Detected, not given.
        let doc = parse_path(path.as_ref(), &ParseOptions::default())
            .unwrap_or_else(|e| panic!("{lang}: {e}"));
        assert_eq!(doc.lang, lang);
        assert_eq!(doc.report_symbol(), None, "{lang}");
        assert_eq!(doc.agenda_item(), None, "{lang}");
        assert_eq!(doc.meeting(), None, "{lang}");
        let heads = of_kind(&doc, BlockKind::Heading);
        assert_eq!(heads.len(), 1, "{lang}");
        assert_eq!(heads[0].text, heading);
        assert!(heads[0].label.is_none());
        let pre = of_kind(&doc, BlockKind::Preamble);
        assert_eq!(pre.len(), n_pre, "{lang}: preambular paragraphs");
        let arts = of_kind(&doc, BlockKind::Article);
        let keys: Vec<&str> = arts.iter().map(|b| key(b)).collect();
        assert_eq!(keys, want_keys, "{lang}: article keys");
        assert_eq!(arts[0].label.as_ref().map(|l| l.raw.as_str()), Some(first));
        assert_eq!(arts[29].label.as_ref().map(|l| l.raw.as_str()), Some(last));
        // Preamble first, then the articles, nothing else after the title.
        let first_article = doc
            .blocks
            .iter()
            .position(|b| b.kind == BlockKind::Article)
            .unwrap_or(0);
        assert!(
            doc.blocks[first_article..]
                .iter()
                .all(|b| b.kind == BlockKind::Article),
            "{lang}"
        );
        // Article 26 holds its three numbered paragraphs, in order.
        let a26 = arts[25];
        let paras: Vec<&str> = a26.text.split('\n').collect();
        assert_eq!(paras.len(), 3, "{lang}: article 26 is {:?}", a26.text);
        for (i, p) in paras.iter().enumerate() {
            let n = format!("{}. ", i + 1);
            assert!(p.starts_with(&n), "{lang}: article 26 paragraph {p:?}");
        }
        // Article 2 has two unnumbered paragraphs.
        assert_eq!(arts[1].text.split('\n').count(), 2, "{lang}: article 2");
        let numbering: Vec<_> = doc
            .findings
            .iter()
            .filter(|f| f.kind != sixalign::qa::FindingKind::NoSymbol)
            .collect();
        assert!(numbering.is_empty(), "{lang}: {numbering:?}");
    }
}

/// One document per row: its label keys in order.
struct Row {
    name: &'static str,
    lang: Lang,
    text: &'static str,
    keys: &'static [&'static str],
    raw: &'static [&'static str],
}

const ROWS: &[Row] = &[
    Row {
        name: "zh full-width digits, (a), sub-sub (i) (ii)",
        lang: Lang::Zh,
        text: "大会，\n\n回顾其决议，\n\n１．促请会员国：\n(a) 支持合作；\n(i) 第一项；\n(ii) 第二项；\n(b) 提供援助；\n２．决定继续审议。\n",
        keys: &["1", "1(a)", "1(a)(i)", "1(a)(ii)", "1(b)", "2"],
        raw: &["１．", "(a)", "(i)", "(ii)", "(b)", "２．"],
    },
    Row {
        name: "zh heading 一、 and full-width brackets",
        lang: Lang::Zh,
        text: "大会，\n\n回顾其决议，\n\n一、总则\n\n1. 决定：\n（a） 支持；\n（b） 合作；\n二、执行\n\n2. 请秘书长提交报告。\n",
        keys: &["I", "1", "1(a)", "1(b)", "II", "2"],
        raw: &["一、", "1.", "（a）", "（b）", "二、", "2."],
    },
    Row {
        name: "ar Eastern digits with dash, mirrored brackets, ordinal headings",
        lang: Lang::Ar,
        text: "إن الجمعية العامة،\n\nإذ تشير إلى قراراتها السابقة،\n\nأولا - مبادئ عامة\n\n١ - تحث الدول الأعضاء على ما يلي:\n)أ( دعم التعاون الدولي؛\n)ب( تعزيز القدرات الوطنية؛\nثانيا - التنفيذ\n\n٢ - تقرر مواصلة النظر في المسألة.\n",
        keys: &["I", "1", "1(a)", "1(b)", "II", "2"],
        raw: &["أولا -", "١ -", ")أ(", ")ب(", "ثانيا -", "٢ -"],
    },
    Row {
        name: "ar ASCII digits, brackets the right way round, letter-name heading",
        lang: Lang::Ar,
        text: "إن الجمعية العامة،\n\nإذ تشير إلى قراراتها السابقة،\n\nألف - مبادئ عامة\n\n1 - تحث الدول الأعضاء على ما يلي:\n(أ) دعم التعاون الدولي؛\n(ب) تعزيز القدرات الوطنية؛\n(ج) تبادل المعلومات؛\nباء - التنفيذ\n\n2 - تقرر مواصلة النظر في المسألة.\n",
        keys: &["A", "1", "1(a)", "1(b)", "1(c)", "B", "2"],
        raw: &["ألف -", "1 -", "(أ)", "(ب)", "(ج)", "باء -", "2 -"],
    },
    Row {
        name: "en roman and letter headings, (a) (i) (ii), letter (i) after (h)",
        lang: Lang::En,
        text: "The General Assembly,\n\nRecalling its resolutions,\n\nI. General principles\n\nA. Scope\n\n1. Urges Member States:\n(a) To cooperate;\n(i) First item;\n(ii) Second item;\n(b) To report;\n2. Decides:\n(a) a;\n(b) b;\n(c) c;\n(d) d;\n(e) e;\n(f) f;\n(g) g;\n(h) h;\n(i) i;\nII. Follow-up\n\n3. Decides to remain seized of the matter.\n",
        keys: &[
            "I", "A", "1", "1(a)", "1(a)(i)", "1(a)(ii)", "1(b)", "2", "2(a)", "2(b)", "2(c)",
            "2(d)", "2(e)", "2(f)", "2(g)", "2(h)", "2(i)", "II", "3",
        ],
        raw: &[
            "I.", "A.", "1.", "(a)", "(i)", "(ii)", "(b)", "2.", "(a)", "(b)", "(c)", "(d)", "(e)",
            "(f)", "(g)", "(h)", "(i)", "II.", "3.",
        ],
    },
    Row {
        name: "fr a) b) and sub-sub i) ii)",
        lang: Lang::Fr,
        text: "L'Assemblée générale,\n\nRappelant ses résolutions antérieures,\n\n1. Engage les États Membres :\na) À coopérer ;\nb) À faire rapport :\ni) premier point ;\nii) second point ;\n2. Décide de rester saisie de la question.\n",
        keys: &["1", "1(a)", "1(b)", "1(b)(i)", "1(b)(ii)", "2"],
        raw: &["1.", "a)", "b)", "i)", "ii)", "2."],
    },
    Row {
        name: "es a) b) c) and a lettered heading",
        lang: Lang::Es,
        text: "La Asamblea General,\n\nRecordando sus resoluciones anteriores,\n\nA. Principios\n\n1. Insta a los Estados Miembros a que:\na) Cooperen;\nb) Informen;\nc) Compartan información;\n2. Decide seguir ocupándose de la cuestión.\n",
        keys: &["A", "1", "1(a)", "1(b)", "1(c)", "2"],
        raw: &["A.", "1.", "a)", "b)", "c)", "2."],
    },
    Row {
        name: "ru Cyrillic а) б) в) and a Cyrillic heading",
        lang: Lang::Ru,
        text: "Генеральная Ассамблея,\n\nссылаясь на свои предыдущие резолюции,\n\nI. Общие принципы\n\nБ. Сфера\n\n1. настоятельно призывает государства-члены:\nа) сотрудничать;\nб) представлять доклады;\nв) обмениваться информацией;\n2. постановляет продолжать заниматься этим вопросом.\n",
        keys: &["I", "B", "1", "1(a)", "1(b)", "1(c)", "2"],
        raw: &["I.", "Б.", "1.", "а)", "б)", "в)", "2."],
    },
];

fn parse_str(name: &str, text: &str, lang: Option<Lang>) -> Document {
    let t = Text::from_bytes(name, text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
    parse(&t, &ParseOptions { lang, symbol: None }).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn label_forms_one_row_per_language() {
    for row in ROWS {
        let doc = parse_str(row.name, row.text, None);
        assert_eq!(doc.lang, row.lang, "{}: detected language", row.name);
        let labelled: Vec<&Block> = doc.blocks.iter().filter(|b| b.label.is_some()).collect();
        let keys: Vec<&str> = labelled.iter().map(|b| key(b)).collect();
        assert_eq!(keys, row.keys, "{}", row.name);
        let raw: Vec<&str> = labelled
            .iter()
            .filter_map(|b| b.label.as_ref())
            .map(|l| l.raw.as_str())
            .collect();
        assert_eq!(raw, row.raw, "{}", row.name);
        // Labels are not part of the text, and no labelled block is empty.
        for b in &labelled {
            assert!(!b.text.is_empty(), "{}: empty block {}", row.name, key(b));
        }
        assert_eq!(of_kind(&doc, BlockKind::Opener).len(), 1, "{}", row.name);
        assert_eq!(of_kind(&doc, BlockKind::Preamble).len(), 1, "{}", row.name);
        let numbering: Vec<_> = doc
            .findings
            .iter()
            .filter(|f| f.kind != sixalign::qa::FindingKind::NoSymbol)
            .collect();
        assert!(numbering.is_empty(), "{}: {numbering:?}", row.name);
    }
}

#[test]
fn article_headings_one_row_per_language() {
    let rows: &[(Lang, &str, &str, &str)] = &[
        (Lang::En, "Article 1", "Article 12", "art12"),
        (Lang::Fr, "Article premier", "Article 12", "art12"),
        (Lang::Es, "Artículo 1", "Artículo 12", "art12"),
        (Lang::Ru, "Статья 1", "Статья 12", "art12"),
        (Lang::Ar, "المادة 1", "المادة ١٢", "art12"),
        (Lang::Zh, "第一条", "第十二条", "art12"),
        (Lang::Zh, "第一条", "第二十九条", "art29"),
        (Lang::Zh, "第一条", "第一百零一条", "art101"),
    ];
    let body = |lang: Lang| match lang {
        Lang::Ar => "لكل فرد الحق في الحياة والحرية.",
        Lang::Zh => "人人有权享有生命、自由和人身安全。",
        Lang::En => "Everyone has the right to life.",
        Lang::Es => "Todo individuo tiene derecho a la vida.",
        Lang::Fr => "Tout individu a droit à la vie.",
        Lang::Ru => "Каждый человек имеет право на жизнь.",
    };
    for &(lang, first, second, second_key) in rows {
        let text = format!("{first}\n{}\n{second}\n{}\n", body(lang), body(lang));
        let doc = parse_str(first, &text, Some(lang));
        let arts = of_kind(&doc, BlockKind::Article);
        let got: Vec<(&str, &str, &str)> = arts
            .iter()
            .map(|b| {
                let l = b.label.as_ref().expect("article label");
                (l.raw.as_str(), l.key.as_str(), b.text.as_str())
            })
            .collect();
        assert_eq!(
            got,
            [
                (first, "art1", body(lang)),
                (second, second_key, body(lang))
            ],
            "{lang} {second}"
        );
        // Only 1 → 12 (or 29, 101) is a skip, and it is reported, not renumbered.
        let gaps: Vec<_> = doc
            .findings
            .iter()
            .filter(|f| f.kind == sixalign::qa::FindingKind::NumberingGap)
            .map(|f| f.label.as_deref())
            .collect();
        assert_eq!(gaps, [Some(second_key)], "{lang} {second}");
    }
}

#[test]
fn numbering_that_skips_or_repeats_is_kept_and_reported() {
    use sixalign::qa::FindingKind;
    let doc = parse_str(
        "gaps",
        "The General Assembly,\n\nRecalling its resolutions,\n\n1. Urges States;\n3. Decides;\n3. Requests;\n(a) first;\n(c) third;\n",
        None,
    );
    let keys: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.label.is_some())
        .map(key)
        .collect();
    assert_eq!(keys, ["1", "3", "3", "3(a)", "3(c)"]);
    let found: Vec<(FindingKind, Option<&str>)> = doc
        .findings
        .iter()
        .filter(|f| f.kind != FindingKind::NoSymbol)
        .map(|f| (f.kind, f.label.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (FindingKind::NumberingGap, Some("3")),
            (FindingKind::NumberingRepeat, Some("3")),
            (FindingKind::NumberingGap, Some("3(c)")),
        ]
    );
}

#[test]
fn symbol_given_wins_over_text() {
    let t = Text::from_bytes("s", read(SEED).as_bytes()).expect("seed loads");
    let doc = parse(
        &t,
        &ParseOptions {
            lang: Some(Lang::Zh),
            symbol: Some("A/RES/74/28 (given)".into()),
        },
    )
    .expect("parses");
    assert_eq!(doc.symbol.as_deref(), Some("A/RES/74/28 (given)"));
    // Given the wrong language, the parser says so.
    let doc = parse(
        &t,
        &ParseOptions {
            lang: Some(Lang::En),
            symbol: None,
        },
    )
    .expect("parses");
    assert!(
        doc.findings
            .iter()
            .any(|f| f.kind == sixalign::qa::FindingKind::LanguageMismatch)
    );
}

fn inspect_seed(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sixalign"))
        .arg("inspect")
        .arg(SEED)
        .args(args)
        .output()
        .expect("run sixalign inspect");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn inspect_json_snapshot() {
    let out = inspect_seed(&["--json"]);
    // One object on one line.
    assert_eq!(out.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("inspect --json is JSON");
    assert_eq!(v["blocks"].as_array().map(Vec::len), Some(32));
    // Named without the module path: this file also builds as its own test
    // target (Cargo's auto-discovery), and both must find the same snapshot.
    insta::with_settings!({prepend_module_to_snapshot => false}, {
        insta::assert_json_snapshot!("inspect_json_seed", v);
    });
}

#[test]
fn inspect_human_snapshot() {
    let out = inspect_seed(&[]).replace(SEED, "data/A-RES-74-28.zh.md");
    insta::with_settings!({prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("inspect_seed", out);
    });
}

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data");

/// The gold anchors of the shared UDHR (`preamble.pK`, `artN`, `artN.pK`,
/// `artN.K` with their text): every article holds exactly its gold
/// paragraphs, in order, word for word, and the preamble its paragraphs.
#[test]
fn udhr_paragraphs_match_shared_gold_anchors() {
    for lang in Lang::ALL {
        let tsv_path = format!("{SHARED}/udhr/{}.tsv", lang.code());
        let tsv = std::fs::read_to_string(&tsv_path).unwrap_or_else(|e| {
            panic!(
                "shared test data missing: {tsv_path}: {e} (see /work/shared/data/PROVENANCE.md)"
            )
        });
        let mut want_pre: Vec<&str> = Vec::new();
        let mut want_art: Vec<Vec<&str>> = vec![Vec::new(); 30];
        for line in tsv.lines() {
            let (anchor, text) = line.split_once('\t').expect("anchor<TAB>text");
            if anchor.starts_with("preamble.") {
                want_pre.push(text);
            } else if let Some(rest) = anchor.strip_prefix("art")
                && let Some((n, _)) = rest.split_once('.')
            {
                let n: usize = n.parse().expect("article number");
                want_art[n - 1].push(text);
            }
        }
        let doc = parse_path(udhr_path(lang).as_ref(), &ParseOptions::default())
            .unwrap_or_else(|e| panic!("{lang}: {e}"));
        let pre: Vec<&str> = of_kind(&doc, BlockKind::Preamble)
            .iter()
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(pre, want_pre, "{lang}: preamble");
        let arts = of_kind(&doc, BlockKind::Article);
        assert_eq!(arts.len(), 30, "{lang}");
        for (i, (b, want)) in arts.iter().zip(&want_art).enumerate() {
            let got: Vec<&str> = b.text.split('\n').collect();
            assert_eq!(&got, want, "{lang}: article {}", i + 1);
        }
    }
}

/// A PDF-to-text conversion of an English resolution page layout: masthead,
/// indented paragraphs wrapped at the printed line (before words, numbers
/// and a hyphen), a page footer with the job number, a running header with
/// the symbol and title, superscript footnote marks, footnotes under a rule.
const EN_PDF: &str = r#"United Nations                                                    A/RES/74/28
General Assembly                                     Distr.: General
                                                     18 December 2019

Seventy-fourth session
Agenda item 93
Developments in the field of information and telecommunications in the
context of international security

          Resolution adopted by the General Assembly on 12 December 2019

                    [on the report of the First Committee (A/74/363)]

74/28. Advancing responsible State behaviour in cyberspace in the
context of international security

     The General Assembly,

     Recalling its resolutions 53/70 of 4 December 1998, 54/49 of 1 December
1999 and 73/266 of 22 December 2018, and its decision 72/512 of 4 December
2017,

     Noting that considerable progress has been achieved in developing and
applying the latest information technologies and means of telecommunica-
tion,

     Welcoming the effective work of the Group of Governmental Experts and the
2010,¹ 2013² and 2015³ reports transmitted by the Secretary-General,

     1.   Calls upon Member States:

    (a) To be guided in their use of information and communications technologies
by the 2010,1 2013 and 2015 reports of the Group of Governmental Experts;

19-21972                                                                  1/3
A/RES/74/28         Advancing responsible State behaviour in cyberspace

    (b) To support the implementation of cooperative measures, as identified in
the reports of the Group of Governmental Experts;

     2.   Invites all Member States to continue to inform the Secretary-General of
their views and assessments on the following questions:
     (a)   General appreciation of the issues of information security;
     (b)   The content of the concepts mentioned in the reports;

__________________
  ¹ A/65/201.
  ² A/68/98.
  ³ A/70/174.

     3.   Decides to include in the provisional agenda of its seventy-fifth session
the item entitled "Developments in the field of information and telecommunications
in the context of international security".

                                                                 46th plenary meeting
                                                                    12 December 2019
"#;

#[test]
fn pdf_conversion_furniture_en() {
    let doc = parse_str("en-pdf", EN_PDF, None);
    assert_eq!(doc.lang, Lang::En);
    assert_eq!(doc.symbol.as_deref(), Some("A/RES/74/28"));
    assert_eq!(doc.agenda_item(), Some("93"));
    assert_eq!(doc.report_symbol().as_deref(), Some("A/74/363"));
    assert_eq!(doc.meeting(), Some(46));
    assert_eq!(doc.date().as_deref(), Some("2019-12-12"));
    let pre: Vec<&str> = of_kind(&doc, BlockKind::Preamble)
        .iter()
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        pre,
        [
            "Recalling its resolutions 53/70 of 4 December 1998, 54/49 of 1 December 1999 and 73/266 of 22 December 2018, and its decision 72/512 of 4 December 2017,",
            "Noting that considerable progress has been achieved in developing and applying the latest information technologies and means of telecommunication,",
            "Welcoming the effective work of the Group of Governmental Experts and the 2010, 2013 and 2015 reports transmitted by the Secretary-General,",
        ]
    );
    assert_eq!(
        of_kind(&doc, BlockKind::Preamble)[2].footnote_refs,
        ["1", "2", "3"]
    );
    let labelled: Vec<(&str, &str)> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Operative | BlockKind::Subparagraph))
        .map(|b| (key(b), b.text.as_str()))
        .collect();
    assert_eq!(
        labelled,
        [
            ("1", "Calls upon Member States:"),
            (
                "1(a)",
                "To be guided in their use of information and communications technologies by the 2010,1 2013 and 2015 reports of the Group of Governmental Experts;"
            ),
            (
                "1(b)",
                "To support the implementation of cooperative measures, as identified in the reports of the Group of Governmental Experts;"
            ),
            (
                "2",
                "Invites all Member States to continue to inform the Secretary-General of their views and assessments on the following questions:"
            ),
            (
                "2(a)",
                "General appreciation of the issues of information security;"
            ),
            (
                "2(b)",
                "The content of the concepts mentioned in the reports;"
            ),
            (
                "3",
                "Decides to include in the provisional agenda of its seventy-fifth session the item entitled \"Developments in the field of information and telecommunications in the context of international security\"."
            ),
        ]
    );
    let fns: Vec<(&str, &str)> = doc
        .footnotes
        .iter()
        .map(|f| (f.label.as_str(), f.text.as_str()))
        .collect();
    assert_eq!(
        fns,
        [("1", "A/65/201."), ("2", "A/68/98."), ("3", "A/70/174.")]
    );
    // Page furniture is in no block.
    for b in &doc.blocks {
        assert!(!b.text.contains("19-21972"), "{:?}", b.text);
        assert!(!b.text.contains("1/3"), "{:?}", b.text);
        assert!(!b.text.contains("cyberspace\n"), "{:?}", b.text);
    }
    let closing = of_kind(&doc, BlockKind::Closing);
    assert_eq!(closing.len(), 1);
    assert_eq!(closing[0].text, "46th plenary meeting\n12 December 2019");
    assert!(doc.findings.is_empty(), "{:?}", doc.findings);
}

/// The same resolution as printed in Russian: Cyrillic `а)` `б)` set in
/// columns, a page footer and running header in the middle of paragraph 2's
/// neighbourhood, a line wrapped before a capitalized word.
const RU_PDF: &str = r#"Организация Объединенных Наций                                    A/RES/74/28
Генеральная Ассамблея

Семьдесят четвертая сессия
Пункт 93 повестки дня

Резолюция, принятая Генеральной Ассамблеей 12 декабря 2019 года

[по докладу Первого комитета (A/74/363)]

74/28. Поощрение ответственного поведения государств в киберпространстве в
контексте международной безопасности

     Генеральная Ассамблея,

     ссылаясь на свои резолюции 53/70 от 4 декабря 1998 года, 54/49 от 1 декабря
1999 года и 73/266 от 22 декабря 2018 года,

     отмечая, что достигнут значительный прогресс в разработке и применении
новейших информационных технологий и средств телекоммуникации,

     приветствуя эффективную работу Группы правительственных экспертов и доклады
2010¹, 2013² и 2015³ годов,

     1.   призывает государства-члены:
     а)   руководствоваться докладами Группы правительственных экспертов;
     б)   поддерживать осуществление мер сотрудничества;

19-21972                                                                  3/5
A/RES/74/28     Поощрение ответственного поведения государств в киберпространстве

     2.   предлагает всем государствам-членам продолжать информировать
Генерального секретаря о своих мнениях и оценках по следующим вопросам:
     а)   общая оценка проблем информационной безопасности;
     б)   содержание концепций, упомянутых в докладах;
_______________
   ¹ A/65/201.
   ² A/68/98.
   ³ A/70/174.

     3.   постановляет включить в предварительную повестку дня своей семьдесят
пятой сессии пункт, озаглавленный «Достижения в сфере информатизации и
телекоммуникаций в контексте международной безопасности».

                                                          46-е пленарное заседание,
                                                                 12 декабря 2019 года
"#;

/// The same in Arabic: Eastern Arabic `١ -` labels, mirrored `)أ(` and plain
/// `(أ)` brackets, tatweel, superscript marks in superscript brackets `⁽¹⁾`,
/// the resolution number `74/28 -` as the only symbol.
const AR_PDF: &str = r#"الجمعية العامة

الدورة الرابعة والسبعون
البند 93 من جدول الأعمال

قرار اتخذته الجمعية العامة في 12 كانون الأول/ديسمبر 2019

[بناء على تقرير اللجنة الأولى (A/74/363)]

74/28 - النهوض بسلوك الدول المسؤول في الفضاء الإلكتروني في سياق الأمن الدولي

إن الجمعية العامة،

إذ تشير إلى قراراتها 53/70 المؤرخ 4 كانون الأول/ديسمبر 1998 و 54/49 المؤرخ 1 كانون الأول/ديسمبر 1999،

وإذ تلاحـظ أنه قد أُحرز تقدم كبير في تطوير وتطبيق أحدث تكنولوجيات المعلومات ووسائط الاتصال السلكية واللاسلكية،

وإذ ترحب بالعمل الفعال لفريق الخبراء الحكوميين وبتقارير الأعوام 2010⁽¹⁾ و 2013⁽²⁾ و 2015⁽³⁾،

١ - تهيب بالدول الأعضاء:

)أ( أن تسترشد في استخدامها لتكنولوجيا المعلومات والاتصالات بتقارير فريق الخبراء الحكوميين؛

)ب( أن تدعم تنفيذ التدابير التعاونية؛

٢ - تدعو جميع الدول الأعضاء إلى مواصلة إبلاغ الأمين العام بآرائها وتقييماتها بشأن المسائل التالية:

(أ) التقييم العام لمسائل أمن المعلومات؛

(ب) مضمون المفاهيم الواردة في التقارير؛

__________
⁽¹⁾ A/65/201.
⁽²⁾ A/68/98.
⁽³⁾ A/70/174.


٣ - تقرر أن تدرج في جدول الأعمال المؤقت لدورتها الخامسة والسبعين البند المعنون ”التطورات في ميدان المعلومات والاتصالات السلكية واللاسلكية في سياق الأمن الدولي“.

الجلسة العامة 46
12 كانون الأول/ديسمبر 2019
"#;

#[test]
fn pdf_conversion_ru_and_ar() {
    for (lang, text, first_pre, op2) in [
        (
            Lang::Ru,
            RU_PDF,
            "ссылаясь на свои резолюции 53/70 от 4 декабря 1998 года, 54/49 от 1 декабря 1999 года и 73/266 от 22 декабря 2018 года,",
            "предлагает всем государствам-членам продолжать информировать Генерального секретаря о своих мнениях и оценках по следующим вопросам:",
        ),
        (
            Lang::Ar,
            AR_PDF,
            "إذ تشير إلى قراراتها 53/70 المؤرخ 4 كانون الأول/ديسمبر 1998 و 54/49 المؤرخ 1 كانون الأول/ديسمبر 1999،",
            "تدعو جميع الدول الأعضاء إلى مواصلة إبلاغ الأمين العام بآرائها وتقييماتها بشأن المسائل التالية:",
        ),
    ] {
        let doc = parse_str(lang.code(), text, None);
        assert_eq!(doc.lang, lang);
        assert_eq!(doc.symbol.as_deref(), Some("A/RES/74/28"), "{lang}");
        assert_eq!(doc.resolution_number().as_deref(), Some("74/28"), "{lang}");
        assert_eq!(doc.agenda_item(), Some("93"), "{lang}");
        assert_eq!(doc.report_symbol().as_deref(), Some("A/74/363"), "{lang}");
        assert_eq!(doc.meeting(), Some(46), "{lang}");
        assert_eq!(doc.date().as_deref(), Some("2019-12-12"), "{lang}");
        // The masthead's organ name is a title line, not the opener.
        assert_eq!(doc.blocks[0].kind, BlockKind::Title, "{lang}");
        let openers = of_kind(&doc, BlockKind::Opener);
        assert_eq!(openers.len(), 1, "{lang}");
        assert!(openers[0].text.ends_with([',', '،']), "{lang}");
        let pre = of_kind(&doc, BlockKind::Preamble);
        assert_eq!(pre.len(), 3, "{lang}");
        assert_eq!(pre[0].text, first_pre);
        assert_eq!(pre[2].footnote_refs, ["1", "2", "3"], "{lang}");
        assert!(
            !pre[2].text.contains(['⁽', '⁾', '¹']),
            "{lang}: {}",
            pre[2].text
        );
        let keys: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Operative | BlockKind::Subparagraph))
            .map(key)
            .collect();
        assert_eq!(
            keys,
            ["1", "1(a)", "1(b)", "2", "2(a)", "2(b)", "3"],
            "{lang}"
        );
        let by_key = |k: &str| {
            doc.blocks
                .iter()
                .find(|b| key(b) == k)
                .map(|b| b.text.as_str())
        };
        assert_eq!(by_key("2"), Some(op2), "{lang}");
        for b in &doc.blocks {
            assert!(!b.text.contains("19-21972"), "{lang}: {:?}", b.text);
            assert!(!b.text.contains("A/RES/74/28"), "{lang}: {:?}", b.text);
        }
        let fns: Vec<(&str, &str)> = doc
            .footnotes
            .iter()
            .map(|f| (f.label.as_str(), f.text.as_str()))
            .collect();
        assert_eq!(
            fns,
            [("1", "A/65/201."), ("2", "A/68/98."), ("3", "A/70/174.")],
            "{lang}"
        );
        assert!(doc.findings.is_empty(), "{lang}: {:?}", doc.findings);
    }
}

#[test]
fn agenda_meeting_and_date_one_row_per_language() {
    // (lang, agenda line, opener, a preambular paragraph, an operative paragraph, closing lines)
    let rows: &[(Lang, &str, &str, &str, &str, &str)] = &[
        (
            Lang::Ar,
            "البند 93 من جدول الأعمال",
            "إن الجمعية العامة،",
            "إذ تشير إلى قراراتها السابقة،",
            "١ - تقرر مواصلة النظر في المسألة.",
            "الجلسة العامة 46\n12 كانون الأول/ديسمبر 2019",
        ),
        (
            Lang::Zh,
            "议程项目 93",
            "大会，",
            "回顾其以往各项决议，",
            "１．决定继续审议此问题。",
            "２０１９年１２月１２日\n第４６次全体会议",
        ),
        (
            Lang::En,
            "Agenda item 93",
            "The General Assembly,",
            "Recalling its previous resolutions,",
            "1. Decides to remain seized of the matter.",
            "46th plenary meeting\n12 December 2019",
        ),
        (
            Lang::Es,
            "Tema 93 del programa",
            "La Asamblea General,",
            "Recordando sus resoluciones anteriores,",
            "1. Decide seguir ocupándose de la cuestión.",
            "46ª sesión plenaria\n12 de diciembre de 2019",
        ),
        (
            Lang::Fr,
            "Point 93 de l’ordre du jour",
            "L’Assemblée générale,",
            "Rappelant ses résolutions antérieures,",
            "1. Décide de rester saisie de la question.",
            "46e séance plénière\n12 décembre 2019",
        ),
        (
            Lang::Ru,
            "Пункт 93 повестки дня",
            "Генеральная Ассамблея,",
            "ссылаясь на свои предыдущие резолюции,",
            "1. постановляет продолжать заниматься этим вопросом.",
            "46-е пленарное заседание,\n12 декабря 2019 года",
        ),
    ];
    for &(lang, agenda, opener, pre, op, closing) in rows {
        let text = format!("{agenda}\n\n74/28. Title\n\n{opener}\n\n{pre}\n\n{op}\n\n{closing}\n");
        let doc = parse_str(lang.code(), &text, None);
        assert_eq!(doc.lang, lang);
        let kinds: Vec<&str> = doc.blocks.iter().map(|b| b.kind.name()).collect();
        assert_eq!(
            kinds,
            [
                "agenda",
                "title",
                "opener",
                "preamble",
                "operative",
                "closing"
            ],
            "{lang}"
        );
        assert_eq!(doc.agenda_item(), Some("93"), "{lang}");
        assert_eq!(doc.symbol.as_deref(), Some("A/RES/74/28"), "{lang}");
        assert_eq!(doc.meeting(), Some(46), "{lang}");
        assert_eq!(doc.date().as_deref(), Some("2019-12-12"), "{lang}");
        assert_eq!(of_kind(&doc, BlockKind::Opener)[0].text, opener, "{lang}");
        assert!(doc.findings.is_empty(), "{lang}: {:?}", doc.findings);
    }
}

#[test]
fn plain_numbered_footnotes_under_a_separator() {
    let text = EN_PDF.replace(
        "  ¹ A/65/201.\n  ² A/68/98.\n  ³ A/70/174.",
        "  1 A/65/201.\n  2 A/68/98.\n  3 A/70/174, see also the report of the Secretary-General on the\n    subject.",
    );
    assert_ne!(text, EN_PDF, "the fixture changed: update the replacement");
    let doc = parse_str("en-plain-footnotes", &text, None);
    let fns: Vec<(&str, &str)> = doc
        .footnotes
        .iter()
        .map(|f| (f.label.as_str(), f.text.as_str()))
        .collect();
    assert_eq!(
        fns,
        [
            ("1", "A/65/201."),
            ("2", "A/68/98."),
            (
                "3",
                "A/70/174, see also the report of the Secretary-General on the subject."
            ),
        ]
    );
    // The footnotes are not swallowed by the paragraph above them.
    let b2 = doc.blocks.iter().find(|b| key(b) == "2(b)").expect("2(b)");
    assert_eq!(
        b2.text,
        "The content of the concepts mentioned in the reports;"
    );
    // The span of a footnote starts at its number in the original.
    let f1 = &doc.footnotes[0];
    assert!(
        text[f1.span.clone()].starts_with("1 A/65/201."),
        "{:?}",
        &text[f1.span.clone()]
    );
    // A numbered operative paragraph right after a blank line is not a footnote.
    let keys: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Operative)
        .map(key)
        .collect();
    assert_eq!(keys, ["1", "2", "3"]);
}

/// Chinese as a PDF conversion prints it: lines cut after a number, before
/// a full-width comma, before digits, with superscript footnote marks.
const ZH_PDF: &str = "大会，\n\
\n\
回顾其 1998 年 12 月 4 日第 53/70 号、1999 年 12 月 1 日第 54/49 号、2000 年 11\n\
月 20 日第 55/28 号决议，\n\
\n\
欢迎从国际安全角度看信息和电信领域的发展政府专家组的有效工作以及秘书长转递的\n\
2010 年、¹ 2013 年² 和 2015 年报告，³\n\
\n\
确认政府专家组 2013 年和 2015 年报告的结论意见，即国际法，尤其是《联合国宪章》\n\
，对维护和平与稳定是适用的，\n\
\n\
1. 欢迎秘书长根据第 73/266 号决议在公平区域分配基础上设立的政府专家组开始工\n\
作，该决议第 3 段规定了专家组的任务；\n\
\n\
2. 决定将题为“从国际安全角度看信息和电信领域的发展”的项目列入大会第七十五届\n\
会议临时议程。\n\
";

#[test]
fn pdf_line_breaks_zh() {
    let doc = parse_str("zh-pdf", ZH_PDF, None);
    assert_eq!(doc.lang, Lang::Zh);
    let texts: Vec<(&str, &str)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind.name(), b.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            ("opener", "大会，"),
            (
                "preamble",
                "回顾其 1998 年 12 月 4 日第 53/70 号、1999 年 12 月 1 日第 54/49 号、2000 年 11月 20 日第 55/28 号决议，"
            ),
            (
                "preamble",
                "欢迎从国际安全角度看信息和电信领域的发展政府专家组的有效工作以及秘书长转递的2010 年、 2013 年 和 2015 年报告，"
            ),
            (
                "preamble",
                "确认政府专家组 2013 年和 2015 年报告的结论意见，即国际法，尤其是《联合国宪章》，对维护和平与稳定是适用的，"
            ),
            (
                "operative",
                "欢迎秘书长根据第 73/266 号决议在公平区域分配基础上设立的政府专家组开始工作，该决议第 3 段规定了专家组的任务；"
            ),
            (
                "operative",
                "决定将题为“从国际安全角度看信息和电信领域的发展”的项目列入大会第七十五届会议临时议程。"
            ),
        ]
    );
    assert_eq!(doc.blocks[2].footnote_refs, ["1", "2", "3"]);
}

#[test]
fn report_headings_before_the_first_paragraph() {
    let doc = parse_str(
        "report",
        "Report of the Secretary-General\n\nI. Introduction\n\n1. The present report is submitted pursuant to resolution 74/28.\n\n2. It contains the views of States.\n\nII. Replies received from Governments\n\nA. Argentina\n\n3. Argentina attaches importance to the matter.\n",
        None,
    );
    let got: Vec<(&str, &str, &str)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind.name(), key(b), b.text.get(..12).unwrap_or(&b.text)))
        .collect();
    assert_eq!(
        got,
        [
            ("title", "", "Report of th"),
            ("heading", "I", "Introduction"),
            ("operative", "1", "The present "),
            ("operative", "2", "It contains "),
            ("heading", "II", "Replies rece"),
            ("heading", "A", "Argentina"),
            ("operative", "3", "Argentina at"),
        ]
    );
}

#[test]
fn lettering_past_z_goes_on_with_doubled_letters() {
    let mut text =
        String::from("The General Assembly,\n\nRecalling its resolutions,\n\n1. Decides:\n");
    let letters: Vec<String> = ('a'..='z')
        .map(|c| c.to_string())
        .chain(["aa", "bb", "cc"].map(String::from))
        .collect();
    for l in &letters {
        text.push_str(&format!("({l}) item {l};\n"));
    }
    let doc = parse_str("past-z", &text, None);
    let keys: Vec<&str> = of_kind(&doc, BlockKind::Subparagraph)
        .into_iter()
        .map(key)
        .collect();
    let want: Vec<String> = letters.iter().map(|l| format!("1({l})")).collect();
    assert_eq!(keys, want);
    assert!(
        doc.findings
            .iter()
            .all(|f| f.kind == sixalign::qa::FindingKind::NoSymbol),
        "{:?}",
        doc.findings
    );
}

#[test]
fn council_closing_one_row_per_language() {
    let rows: &[(Lang, &str, &str, &str)] = &[
        (
            Lang::Ar,
            "إن مجلس الأمن،",
            "١ - يقرر أن يبقي المسألة قيد نظره الفعلي.",
            "اتخذه مجلس الأمن في جلسته 8688 المعقودة في 16 كانون الأول/ديسمبر 2019",
        ),
        (
            Lang::Zh,
            "安全理事会，",
            "1. 决定继续积极处理此案。",
            "2019年12月16日安全理事会第8688次会议通过",
        ),
        (
            Lang::En,
            "The Security Council,",
            "1. Decides to remain actively seized of the matter.",
            "Adopted by the Security Council at its 8688th meeting, on 16 December 2019",
        ),
        (
            Lang::Es,
            "El Consejo de Seguridad,",
            "1. Decide seguir ocupándose activamente de la cuestión.",
            "Aprobada por el Consejo de Seguridad en su 8688ª sesión, celebrada el 16 de diciembre de 2019",
        ),
        (
            Lang::Fr,
            "Le Conseil de sécurité,",
            "1. Décide de rester activement saisi de la question.",
            "Adoptée par le Conseil de sécurité à sa 8688e séance, le 16 décembre 2019",
        ),
        (
            Lang::Ru,
            "Совет Безопасности,",
            "1. постановляет продолжать активно заниматься этим вопросом.",
            "Принята Советом Безопасности на его 8688-м заседании 16 декабря 2019 года",
        ),
    ];
    for &(lang, opener, op, closing) in rows {
        // The preambular paragraph cites a meeting and a date: it stays preamble.
        let pre = match lang {
            Lang::Zh => "回顾其 2018 年 12 月 4 日第 8400 次会议，",
            Lang::Ar => "إذ يشير إلى جلسته 8400 المعقودة في 4 كانون الأول/ديسمبر 2018،",
            Lang::En => "Recalling its 8400th meeting, on 4 December 2018,",
            Lang::Es => "Recordando su 8400ª sesión, celebrada el 4 de diciembre de 2018,",
            Lang::Fr => "Rappelant sa 8400e séance, le 4 décembre 2018,",
            Lang::Ru => "ссылаясь на свое 8400-е заседание 4 декабря 2018 года,",
        };
        let text = format!("{opener}\n\n{pre}\n\n{op}\n\n{closing}\n");
        let doc = parse_str(lang.code(), &text, None);
        assert_eq!(doc.lang, lang);
        let kinds: Vec<&str> = doc.blocks.iter().map(|b| b.kind.name()).collect();
        assert_eq!(
            kinds,
            ["opener", "preamble", "operative", "closing"],
            "{lang}"
        );
        assert_eq!(
            doc.blocks[2].text,
            op.split_once(' ')
                .map_or(op, |x| x.1)
                .trim_start_matches("- "),
            "{lang}"
        );
        assert_eq!(doc.meeting(), Some(8688), "{lang}");
        assert_eq!(doc.date().as_deref(), Some("2019-12-16"), "{lang}");
    }
}

#[test]
fn a_paragraph_broken_by_a_page_with_footnotes_stays_whole() {
    let from = "applying the latest information technologies and means of telecommunica-\ntion,";
    let to = "applying the latest information technologies and means of\n\n__________________\n  ⁴ A/74/120.\n\n19-21972                                                                  1/3\nA/RES/74/28         Advancing responsible State behaviour in cyberspace\n\ntelecommunication,⁴";
    assert!(
        EN_PDF.contains(from),
        "the fixture changed: update the replacement"
    );
    let text = EN_PDF.replace(from, to);
    let doc = parse_str("en-page-break", &text, None);
    let pre = of_kind(&doc, BlockKind::Preamble);
    assert_eq!(pre.len(), 3);
    assert_eq!(
        pre[1].text,
        "Noting that considerable progress has been achieved in developing and applying the latest information technologies and means of telecommunication,"
    );
    assert_eq!(pre[1].footnote_refs, ["4"]);
    let fns: Vec<(&str, &str)> = doc
        .footnotes
        .iter()
        .map(|f| (f.label.as_str(), f.text.as_str()))
        .collect();
    assert_eq!(
        fns,
        [
            ("4", "A/74/120."),
            ("1", "A/65/201."),
            ("2", "A/68/98."),
            ("3", "A/70/174.")
        ]
    );
    assert!(doc.findings.is_empty(), "{:?}", doc.findings);
}

/// A treaty in Traditional Chinese: articles `第N條` (an inserted `第N條之一`),
/// parts `第貳編` glued to the end of the line before, paragraphs numbered
/// inside one line (`一  ……。二  ……`, `一、……。二、……`, `（一）……；（二）……`,
/// `１．……。２．……`): each becomes a paragraph of its own, as the other
/// versions write them; a numeral in a sentence never cuts.
#[test]
fn traditional_treaty_numbering_inside_the_line() {
    let text = "\
公民及政治權利國際公約
第壹編
第一條
一  所有民族均享有自決權。二  所有民族得為本身之目的，自由處置其天然財富及資源。三  本公約締約國應促進自決權之實現。
第二條
一、本公約締約國承允尊重並確保所有境內受其管轄之人。二、凡未經現行立法規定者，締約國承允依照本國憲法程序採取措施。
第二條之一
締約國承允：（一）確保任何人所享本公約確認之權利；（二）確保上述救濟之主管當局。
第三條
１．締約國承允確保男女平等。２．本條所稱權利應予尊重。第貳編 實施
第四條
本條所稱十二個國家。三分之二之締約國。二  國家不得有所減免。
";
    let doc = parse_str("iccpr.zh-hant", text, None);
    assert_eq!(doc.lang, Lang::Zh);
    assert_eq!(doc.zh_script(), Some(sixalign::lang::Script::Hant));
    let keys: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| b.label.as_ref())
        .map(|l| l.key.as_str())
        .collect();
    assert_eq!(
        keys,
        ["part1", "art1", "art2", "art2-1", "art3", "part2", "art4"]
    );
    let article = |k: &str| {
        doc.blocks
            .iter()
            .find(|b| key(b) == k)
            .unwrap_or_else(|| panic!("{k}"))
    };
    let paras = |k: &str| {
        article(k)
            .text
            .split('\n')
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        paras("art1"),
        [
            "一  所有民族均享有自決權。",
            "二  所有民族得為本身之目的，自由處置其天然財富及資源。",
            "三  本公約締約國應促進自決權之實現。"
        ]
    );
    assert_eq!(paras("art2").len(), 2, "{:?}", paras("art2"));
    assert!(paras("art2")[1].starts_with("二、凡未經"));
    assert_eq!(
        paras("art2-1"),
        [
            "締約國承允：",
            "（一）確保任何人所享本公約確認之權利；",
            "（二）確保上述救濟之主管當局。"
        ]
    );
    assert_eq!(
        paras("art3"),
        ["１．締約國承允確保男女平等。", "２．本條所稱權利應予尊重。"]
    );
    // The glued part heading is a heading of its own, with its title.
    let part2 = article("part2");
    assert_eq!(part2.kind, BlockKind::Heading);
    assert_eq!(part2.text, "實施");
    // `二  ` after `三分之二…。` opens no run (no `一` before it): one line.
    assert_eq!(paras("art4").len(), 1, "{:?}", paras("art4"));
    // Spans still point at the original bytes.
    for b in &doc.blocks {
        assert!(text[b.span.clone()].contains(b.text.split('\n').next().unwrap_or("")));
    }
}

/// The same numbering in Simplified characters reads the same; a line
/// that only cites numbers is left alone.
#[test]
fn simplified_numbering_inside_the_line_and_lines_left_alone() {
    let doc = parse_str(
        "t.zh",
        "第一条\n一、所有民族均享有自决权。二、所有民族得自由处置其天然财富。\n第二条\n缔约国应于第一款所述期限内报告。二十五个国家已经批准。\n",
        Some(Lang::Zh),
    );
    assert_eq!(doc.zh_script(), Some(sixalign::lang::Script::Hans));
    let art: Vec<&Block> = of_kind(&doc, BlockKind::Article);
    assert_eq!(art.len(), 2);
    assert_eq!(art[0].text.split('\n').count(), 2, "{}", art[0].text);
    assert_eq!(art[1].text.split('\n').count(), 1, "{}", art[1].text);
}

/// The keys of the labelled blocks and the text of each block, in order.
fn keyed(text: &str, lang: Lang) -> Vec<(String, String)> {
    parse_str("runon", text, Some(lang))
        .blocks
        .iter()
        .filter(|b| b.label.is_some())
        .map(|b| (key(b).to_string(), b.text.clone()))
        .collect()
}

/// Lettered sub-paragraphs run on in one line after the `;` ending the one
/// before are a paragraph each, in every language; a letter in a sentence,
/// or one that does not go on from the letter before, is text.
#[test]
fn lettered_sub_paragraphs_run_on_in_a_line_are_cut() {
    let rows: [(Lang, &str, &[&str]); 9] = [
        (
            Lang::Zh,
            "大会，\n\n回顾其决议，\n\n1. 促请会员国：\n(a) 支持方案；(b) 提供资源；(c) 报告进展。\n2. 决定继续审议。\n",
            &["1", "1(a)", "1(b)", "1(c)", "2"],
        ),
        (
            Lang::En,
            "The General Assembly,\n\nRecalling its resolutions,\n\n1. Urges Member States:\n(a) To support the programme; (b) To provide resources;\n2. Decides to remain seized.\n",
            &["1", "1(a)", "1(b)", "2"],
        ),
        (
            Lang::Fr,
            "L’Assemblée générale,\n\nRappelant ses résolutions,\n\n1. Prie les États :\na) D’appuyer le programme ; b) De fournir des ressources ;\n2. Décide de rester saisie.\n",
            &["1", "1(a)", "1(b)", "2"],
        ),
        (
            Lang::Ru,
            "Генеральная Ассамблея,\n\nссылаясь на свои резолюции,\n\n1. призывает государства:\nа) поддержать программу; б) предоставить ресурсы;\n2. постановляет продолжить рассмотрение.\n",
            &["1", "1(a)", "1(b)", "2"],
        ),
        (
            Lang::Zh,
            "大會，\n\n回顧其決議，\n\n1. 為本公約之目的：\n甲、稱「條約」者，謂國家間所締結之協定；乙、稱「批准」者，謂國家確定其同意。\n2. 決定繼續審議。\n",
            &["1", "1(a)", "1(b)", "2"],
        ),
        // A list lettered inside a sentence, after a colon or inside the
        // sentence of a lettered paragraph: written so in every version.
        (
            Lang::En,
            "The General Assembly,\n\nRecalling its resolutions,\n\n1. Urges Member States, including: (a) legislatures; (b) courts;\n2. Decides to remain seized.\n",
            &["1", "2"],
        ),
        (
            Lang::Zh,
            "大会，\n\n回顾其决议，\n\n1. 促请会员国：\n(a) 提高比例,包括(a)立法机构;(b)公务制度;(c)司法机构；\n2. 决定继续审议。\n",
            &["1", "1(a)", "2"],
        ),
        // Not a run: `(b)` after a comma, and a letter that does not go on.
        (
            Lang::En,
            "The General Assembly,\n\nRecalling its resolutions,\n\n1. Recalls paragraphs (a) and (b) of its resolution; (c) of the annex applies.\n2. Decides to remain seized.\n",
            &["1", "2"],
        ),
        (
            Lang::Zh,
            "大会，\n\n回顾其决议，\n\n1. 回顾其决议第5段(a)和(b)分段；(d)分段亦然。\n2. 决定继续审议。\n",
            &["1", "2"],
        ),
    ];
    for (lang, text, want) in rows {
        let got = keyed(text, lang);
        let keys: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, want, "{lang}: {text}");
        // Every cut piece keeps its own text, and only it.
        for (k, t) in &got {
            assert!(!t.is_empty(), "{lang} {k}: empty");
            if k.ends_with("(a)") && want.iter().any(|w| w.ends_with("(b)")) {
                assert!(!t.contains("(b)") && !t.contains("b)"), "{lang} {k}: {t}");
            }
        }
    }
}

/// A lettered list that starts again at (a) under the same number, with
/// no number between, belongs to the next paragraph: its number was run
/// into the line before or lost.
#[test]
fn letters_starting_again_belong_to_the_next_paragraph() {
    let text = "The General Assembly,\n\nRecalling its resolutions,\n\n1. Urges States:\n(a) To act;\n(b) To report; Requests the Secretary-General:\n(a) To assist;\n(b) To inform;\n3. Decides to remain seized.\n";
    let keys: Vec<String> = keyed(text, Lang::En).into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["1", "1(a)", "1(b)", "2(a)", "2(b)", "3"]);
}

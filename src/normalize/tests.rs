use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::chars::is_plain;
use super::*;

#[test]
fn plain_letters_are_their_own_nfkc_form_and_no_combining_mark() {
    let wrong: Vec<char> = (0..=0x10FFFF)
        .filter_map(char::from_u32)
        .filter(|&c| is_plain(c))
        .filter(|&c| {
            canonical_combining_class(c) != 0
                || is_nfkc_quick(std::iter::once(c)) != IsNormalized::Yes
                || std::iter::once(c).nfkc().ne(std::iter::once(c))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
}

fn v(s: &str) -> String {
    build(s).text
}

#[test]
fn unit_exponents_are_text() {
    assert_eq!(v("2.5 million km² of land"), "2.5 million km2 of land");
    assert_eq!(v("report²"), "report");
}

#[test]
fn strips_furniture() {
    assert_eq!(v("## Title\n\n---\n\n  - (a) item;\n"), "Title\n(a) item;");
    assert_eq!(v("see [A/65/201](#)."), "see A/65/201.");
    assert_eq!(v("report,<sup>3</sup>\n"), "report,");
    assert_eq!(v("text,\n\n12\n\nmore"), "text,\nmore");
}

#[test]
fn running_header_needs_repeats() {
    assert_eq!(v("A/RES/74/28\nbody,\nA/RES/74/28\nend."), "body,\nend.");
    assert_eq!(v("A/RES/74/28\nbody,"), "A/RES/74/28\nbody,");
}

#[test]
fn page_footers_and_headers_beside_a_title() {
    let page = "text of the page,\n19-21972                 1/3\nA/RES/74/28      Short title\nmore text,\n19-21972 (C)\nShort title      A/RES/74/28\nend.";
    assert_eq!(v(page), "text of the page,\nmore text,\nend.");
    // Once only, a symbol beside a title is a masthead the parser reads.
    assert_eq!(
        v("United Nations      A/RES/74/28\nbody,"),
        "United Nations      A/RES/74/28\nbody,"
    );
}

#[test]
fn long_paragraph_numbers_stay_apart_years_join() {
    assert_eq!(
        v("Notes the report;\n1000. Decides"),
        "Notes the report;\n1000. Decides"
    );
    assert_eq!(v("注意到报告；\n12345. 决定"), "注意到报告;\n12345. 决定");
    assert_eq!(
        v("Recalling its resolution 53/70 of 4 December\n2017. Decides"),
        "Recalling its resolution 53/70 of 4 December 2017. Decides"
    );
}

#[test]
fn joins_before_a_number_but_not_a_label_or_columns() {
    assert_eq!(
        v("Recalling its resolution 53/70 of 4 December\n1998 and 54/49,"),
        "Recalling its resolution 53/70 of 4 December 1998 and 54/49,"
    );
    assert_eq!(
        v("Recalling its resolution 53/70 of 4 December\n2017."),
        "Recalling its resolution 53/70 of 4 December 2017."
    );
    assert_eq!(
        v("Recalling its resolution 53/70 of 4 December\n2. Decides"),
        "Recalling its resolution 53/70 of 4 December\n2. Decides"
    );
    assert_eq!(
        v("General Assembly            Distr.: General\n18 December 2019"),
        "General Assembly            Distr.: General\n18 December 2019"
    );
    // Outline labels, chapters and `第一款` open their own paragraph.
    for next in [
        "1.1 By 2030, end",
        "1.a Ensure significant",
        "Chapter II",
        "第二款 人人",
    ] {
        let text = format!("End poverty in all its forms everywhere and for all time\n{next}");
        assert_eq!(v(&text), text, "{next}");
    }
}

#[test]
fn one_paragraph_per_line_text_never_joins() {
    // Goals without a final stop, each followed by its targets: lines of
    // very different lengths are paragraphs, not a printed page.
    let long = "By 2030, eradicate extreme poverty for all people everywhere, currently measured as people living on less than $1.25 a day, and reduce poverty";
    let mut text = String::new();
    for k in 0..6 {
        text.push_str(&format!(
            "End poverty in all its forms everywhere number {k}\n{long}.\n"
        ));
    }
    assert_eq!(v(&text), text.trim_end());
}

#[test]
fn markdown_emphasis_goes_literal_asterisks_stay() {
    assert_eq!(
        v("*Recalling* its resolution 53/70,\n1. **Decides** to act;"),
        "Recalling its resolution 53/70,\n1. Decides to act;"
    );
    assert_eq!(v("2 * 3 = 6, A*B"), "2 * 3 = 6, A*B");
    assert_eq!(
        v("Reissued for technical reasons*"),
        "Reissued for technical reasons*"
    );
}

#[test]
fn hyphen_at_a_line_end() {
    let cases = [
        (
            "Recognizing that the dissemination of information tech-\nnologies affects everyone,",
            "Recognizing that the dissemination of information technologies affects everyone,",
        ),
        (
            "Requests the Secretary-General and the Under-Secretary-\nGeneral to report,",
            "Requests the Secretary-General and the Under-Secretary-General to report,",
        ),
        (
            "Reaffirming the right of all peoples to self-\ndetermination, in accordance with the Charter,",
            "Reaffirming the right of all peoples to self-determination, in accordance with the Charter,",
        ),
        (
            "Decides to include in the provisional agenda of its seventy-\nfifth session the item,",
            "Decides to include in the provisional agenda of its seventy-fifth session the item,",
        ),
        (
            "призывает все заинтересованные государства-\nчлены продолжать сотрудничество,",
            "призывает все заинтересованные государства-члены продолжать сотрудничество,",
        ),
        (
            "подчеркивает важность использования информа-\nционных технологий в мирных целях,",
            "подчеркивает важность использования информационных технологий в мирных целях,",
        ),
    ];
    for (input, want) in cases {
        assert_eq!(v(input), want);
    }
}

#[test]
fn a_long_title_does_not_swallow_the_opener() {
    let t = "Advancing responsible State behaviour in cyberspace in the context of international security\nThe General Assembly,\nRecalling its resolutions,";
    assert_eq!(v(t), t);
}

#[test]
fn joins_broken_lines() {
    let zh = "注意到在发展和应用最新的信息技术和电信手段\n方面取得了显著进展，";
    assert_eq!(
        v(zh),
        "注意到在发展和应用最新的信息技术和电信手段方面取得了显著进展,"
    );
    let en = "Recognizing that the dissemination of information tech-\nnologies affects everyone,";
    assert_eq!(
        v(en),
        "Recognizing that the dissemination of information technologies affects everyone,"
    );
    let en2 = "Recognizing that the dissemination of information\ntechnologies affects everyone,";
    assert_eq!(
        v(en2),
        "Recognizing that the dissemination of information technologies affects everyone,"
    );
    assert_eq!(v("Preamble\nWhereas"), "Preamble\nWhereas");
}

#[test]
fn glued_footnote_digits() {
    // (line, references taken aside, view text)
    let rows: [(&str, &[&str], &str); 13] = [
        (
            "Reaffirms its commitment to the Declaration8 adopted",
            &["8"],
            "Reaffirms its commitment to the Declaration adopted",
        ),
        (
            "1. Takes note of the report of the Secretary-General;6",
            &["6"],
            "1. Takes note of the report of the Secretary-General;",
        ),
        ("2. 欢迎《行动纲领》2", &["2"], "2. 欢迎《行动纲领》"),
        ("3. 通过的《宣言》8", &["8"], "3. 通过的《宣言》"),
        ("战略》，7", &["7"], "战略》,"),
        (
            "achieved by the States.3",
            &["3"],
            "achieved by the States.",
        ),
        // Not references: counts, dates, versions, decimals, codes.
        (
            "有3份的评级为总体无保留，22份为部分满意",
            &[],
            "有3份的评级为总体无保留,22份为部分满意",
        ),
        (
            "4月8日和9日在西乌韦勒县、4月6日",
            &[],
            "4月8日和9日在西乌韦勒县、4月6日",
        ),
        ("see A/CONF.199/20/Rev.1", &[], "see A/CONF.199/20/Rev.1"),
        (
            "a rate of 1.5 per cent; 2 cases",
            &[],
            "a rate of 1.5 per cent; 2 cases",
        ),
        ("the Group of 77 and G77", &[], "the Group of 77 and G77"),
        ("少于两周，7\n个代表团", &[], "少于两周,7\n个代表团"),
        (
            "paragraph 2;3 of the annex",
            &[],
            "paragraph 2;3 of the annex",
        ),
    ];
    for (line, refs, text) in rows {
        let view = build_pdf_text(line);
        assert!(
            build(line).marks.is_empty(),
            "plain text keeps its digits: {line}"
        );
        let got: Vec<&str> = view.marks.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(got, refs, "{line}");
        assert_eq!(view.text, text, "{line}");
    }
}

#[test]
fn wrapped_lines_join() {
    let rows = [
        ("支援最不发达国家行动纲领", "科托努战略", Wrap::Tight),
        ("人人有权享受平等保护,", "以免受违反", Wrap::Tight),
        ("the Secretary-", "General", Wrap::Tight),
        ("develop-", "ment of", Wrap::Dehyphen),
        ("self-", "determination", Wrap::Tight),
        ("co\u{2010}", "operation", Wrap::Tight),
        ("to the", "report", Wrap::Space),
    ];
    for (a, b, want) in rows {
        assert_eq!(wrap(a, b), want, "{a} / {b}");
    }
}

#[test]
fn page_furniture_lines() {
    for l in [
        "19-21813 (C)",
        "*1921813*",
        "Please recycle",
        "♲ Please recycle ♲",
        "3/12",
    ] {
        assert!(is_page_furniture(l), "{l}");
    }
    for l in [
        "A/RES/74/28  3",
        "19-21813 (C)  *1921813*",
        "2 A/74/100",
        ")C( 19-21813",
        "**1921813",
    ] {
        assert!(is_margin_furniture(l), "{l}");
    }
    for l in ["Article 12", "1. Decides to continue", "19 December 2019"] {
        assert!(!is_page_furniture(l) && !is_margin_furniture(l), "{l}");
    }
}

proptest::proptest! {
    /// The view copies plain stretches in one piece: the text, the map
    /// (every byte) and the marks are what the character by character path
    /// gives, on lines mixing markup, marks, combining characters, tabs,
    /// invisible characters, digits and the six languages' letters.
    #[test]
    fn stretches_give_what_characters_give(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "a", "Z", " ", "\t", "7", "12", ".", "*", "**", "[", "](x)", "<sup>3</sup>", "¹", "²",
            "e\u{301}", "é", "\u{301}", "\u{AD}", "\u{2060}", "ﬁ", "Ａ", "٣", "ـ", "中", "。", "，",
            "Ж", "ж", "ب", "ل", "\u{FEFF}", "“", "”", "km", "-", "\n", "\r\n", "  \n", "# ", "- ",
            "A/RES/74/28", "_____", "\n\n", "(a)", "1.", "\u{3000}",
        ]), 0..40),
        pdf in proptest::prelude::any::<bool>(),
    ) {
        let original: String = pieces.concat();
        let build = |slow: bool| {
            frag::CHAR_BY_CHAR.with(|c| c.set(slow));
            let v = if pdf { build_pdf_text(&original) } else { build(&original) };
            frag::CHAR_BY_CHAR.with(|c| c.set(false));
            v
        };
        let (fast, slow) = (build(false), build(true));
        proptest::prop_assert_eq!(&fast.text, &slow.text);
        proptest::prop_assert_eq!(fast.map.len(), slow.map.len());
        for i in 0..fast.text.len() {
            proptest::prop_assert_eq!(fast.map.get(&fast.text, i), slow.map.get(&slow.text, i));
        }
        proptest::prop_assert_eq!(format!("{:?}", fast.marks), format!("{:?}", slow.marks));
    }
}

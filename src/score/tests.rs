//! Tests of the features and scorers.
use super::*;

fn strong(text: &str, lang: Lang) -> Vec<u64> {
    Features::new(text, lang, None).invariant
}

#[test]
fn numbers_meet_across_digit_systems_and_separators() {
    let en = strong("It costs 437,100 dollars, 1.25 per day in 2019.", Lang::En);
    let zh = strong("费用为437 100美元，2019年每天1.25", Lang::Zh);
    let fr = strong("Il coûte 437 100 dollars, 1,25 par jour en 2019.", Lang::Fr);
    let ar = strong("٤٣٧ ١٠٠ دولار و1.25 في عام ٢٠١٩", Lang::Ar);
    assert_eq!(en.len(), 3);
    for other in [&zh, &fr, &ar] {
        assert_eq!(intersect(&en, other), 3, "{other:?}");
    }
}

#[test]
fn dates_in_chinese_numerals_meet_their_figures() {
    assert_eq!(
        strong("一九四二年一月一日", Lang::Zh),
        strong("1 January 1942", Lang::En)
    );
    assert_eq!(strong("二〇一九年", Lang::Zh), strong("2019", Lang::En));
    // `十年` is a decade, not a year; `1.` opening a paragraph is its label.
    assert!(strong("十年", Lang::Zh).is_empty());
    assert_eq!(strong("1. 到2030年", Lang::Zh), strong("2030", Lang::En));
}

#[test]
fn dates_meet_through_the_month() {
    let en = strong("on 12 December 2019", Lang::En);
    let zh = strong("2019年12月12日", Lang::Zh);
    let ru = strong("12 декабря 2019 года", Lang::Ru);
    let ar = strong("12 كانون الأول/ديسمبر 2019", Lang::Ar);
    for other in [&zh, &ru, &ar] {
        assert_eq!(intersect(&en, other), 3, "{other:?}");
    }
}

#[test]
fn symbols_are_one_token() {
    let en = strong("resolution A/RES/74/28 and 73/266", Lang::En);
    let zh = strong("第A/RES/74/28号决议和第73/266号", Lang::Zh);
    assert_eq!(en.len(), 2);
    assert_eq!(intersect(&en, &zh), 2);
}

#[test]
fn ascii_length_counts_as_the_general_rule_does() {
    let general = |t: &str| {
        t.chars()
            .filter(|&c| !c.is_whitespace() && c != TATWEEL)
            .count() as f32
    };
    let mut all = String::new();
    for b in 0u8..0x80 {
        let c = b as char;
        all.push(c);
        let t = format!("a{c}b {c}");
        assert_eq!(length(&t, Lang::En), general(&t), "{b:#x}");
    }
    assert_eq!(length(&all, Lang::Fr), general(&all));
    assert_eq!(length("the General Assembly,\r\n", Lang::En), 19.0);
}

#[test]
fn length_cost_grows_with_mismatch() {
    let s = LengthScorer {
        ratio: 3.0,
        variance: 20.0,
        relative: 0.1,
    };
    let good = s.cost_of(10.0, 30.0);
    let bad = s.cost_of(10.0, 90.0);
    assert!(good < 0.1 && bad > good + 2.0, "{good} {bad}");
}

#[test]
fn punctuation_is_read_from_every_character_as_its_kind() {
    // Every character alone, and after and before others (a byte
    // scan must not read across characters).
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let k = punctuation_kind(c);
        assert_eq!(punctuation_mask(&c.to_string()), k, "{c:?}");
        assert_eq!(punctuation_mask(&format!("é{c}中")), k, "{c:?}");
        let text = format!("a{c}");
        let f = Features::build(&text, Lang::Zh, &[], false);
        assert_eq!(f.punct, k, "{c:?}");
    }
    let all = "他问：「你来吗？」“Yes!” «¿Sí?» ¡Hola! ؟ „Ja“ 『好』＂！";
    assert_eq!(
        punctuation_mask(all),
        PUNCT_QUESTION | PUNCT_EXCLAIM | PUNCT_QUOTE
    );
    assert_eq!(punctuation_mask("你来吗？"), PUNCT_QUESTION);
    assert_eq!(punctuation_mask("好！"), PUNCT_EXCLAIM);
    assert_eq!(punctuation_mask("『好』"), PUNCT_QUOTE);
    assert_eq!(punctuation_mask("«Oui»"), PUNCT_QUOTE);
    assert_eq!(punctuation_mask("Il a dit. 他说。"), 0);
}

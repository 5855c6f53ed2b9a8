//! Chinese numerals: `二十一`, `百分之二十五`, `三分之二`.

use crate::lang::tables::{chinese_value, is_zh_numeral};

use super::{Numeral, NumeralKind};

pub(super) fn zh(text: &str) -> Vec<Numeral> {
    // Every numeral found below is a percentage or a fraction (`…分之…`)
    // or a run of two numeral characters or more: a text with neither
    // has none, and most sentences are told so in one pass.
    let mut prev = false;
    let pair = text.chars().any(|c| {
        let z = is_zh_numeral(c);
        let both = z && prev;
        prev = z;
        both
    });
    if !pair && !text.contains("分之") {
        return Vec::new();
    }
    zh_scan(text)
}

/// [`zh`] without the first pass that rules most texts out.
pub(super) fn zh_scan(text: &str) -> Vec<Numeral> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let num_run = |mut k: usize| {
        while k < n && is_zh_numeral(chars[k].1) {
            k += 1;
        }
        k
    };
    let ascii_run = |mut k: usize| {
        while k < n
            && (chars[k].1.is_ascii_digit()
                || (chars[k].1 == '.' && k + 1 < n && chars[k + 1].1.is_ascii_digit()))
        {
            k += 1;
        }
        k
    };
    let at = |k: usize, s: &str| {
        let b = end_of(k);
        text[b..].starts_with(s)
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < n {
        // `百分之二十五`, `百分之25`: a percentage.
        if at(k, "百分之") {
            let v0 = k + 3;
            let (v1, value) = {
                let e = num_run(v0);
                if e > v0 {
                    let s = &text[end_of(v0)..end_of(e)];
                    (e, chinese_value(s).map(|v| v.to_string()))
                } else {
                    let e = ascii_run(v0);
                    (e, (e > v0).then(|| text[end_of(v0)..end_of(e)].to_string()))
                }
            };
            if let Some(v) = value {
                out.push(Numeral {
                    range: end_of(k)..end_of(v1),
                    kind: NumeralKind::Percent,
                    value: v.parse().ok(),
                    key: format!("{v}%"),
                });
                k = v1;
                continue;
            }
        }
        if !is_zh_numeral(chars[k].1) {
            k += 1;
            continue;
        }
        let e = num_run(k);
        let first = &text[end_of(k)..end_of(e)];
        // `三分之二`: a fraction.
        if at(e, "分之") {
            let d0 = e + 2;
            let d1 = num_run(d0);
            if d1 > d0
                && let (Some(den), Some(num)) = (
                    chinese_value(first),
                    chinese_value(&text[end_of(d0)..end_of(d1)]),
                )
                && den > 0
            {
                out.push(Numeral {
                    range: end_of(k)..end_of(d1),
                    kind: NumeralKind::Fraction,
                    key: format!("{num}/{den}"),
                    value: None,
                });
                k = d1;
                continue;
            }
        }
        // A number of its own: two characters or more (`二十一`, `兩百`),
        // not `十分` (very) nor a lone digit (`一切`, `统一`, `两性`).
        let very = first == "十" && at(e, "分");
        if e - k >= 2
            && !very
            && let Some(v) = chinese_value(first)
        {
            out.push(Numeral {
                range: end_of(k)..end_of(e),
                kind: NumeralKind::Number,
                key: v.to_string(),
                value: Some(v),
            });
        }
        k = e;
    }
    out
}

/// A number as Word's Chinese counting writes it (1 to 9999; others in
/// digits): 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
pub(crate) fn chinese_counting(n: i64) -> String {
    const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if !(1..10_000).contains(&n) {
        return n.to_string();
    }
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ["千", "百", "十", ""];
    let mut s = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero = !s.is_empty();
            continue;
        }
        if zero {
            s.push('零');
            zero = false;
        }
        // 十二, not 一十二, when the tens open the number.
        if !(i == 2 && d == 1 && s.is_empty()) {
            s.push(D[d as usize]);
        }
        s.push_str(units[i]);
    }
    s
}

/// The characters of a year, month or day written in Chinese numerals
/// (`一九四二年一月一日`, `二〇一九年`, `十二月`): the ten digits, both zeros
/// and ten.
pub(crate) fn is_date_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

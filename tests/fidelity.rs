//! Output is the original text, in every writer: on the UDHR in six
//! languages with soft hyphens inside words, word joiners, no-break spaces,
//! tatweel and Arabic presentation forms put in, and CRLF line endings, every
//! sentence the aligner hands to a writer is the original at its span, and
//! every segment of every format (pair and six-way JSONL, TSV, TMX, Moses)
//! is those sentences joined (TSV and Moses flatten line breaks and tabs, as
//! documented; TMX after XML unescaping).

use std::ops::Range;

use serde_json::Value;
use sixalign::engine::{Aligner, PairAlignment, Sentence};
use sixalign::load::Text;
use sixalign::output::{
    JsonlWriter, MosesWriter, PairWriter, TmxWriter, TsvWriter, join_segment, write_alignment,
    write_multiway,
};
use sixalign::parse::{ParseOptions, parse_text};
use sixalign::{Document, Lang};

const LANGS: [Lang; 6] = [Lang::Zh, Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru];

/// The UDHR in `lang`, with what typesetting and conversion leave in real
/// documents put into it, deterministically.
fn noisy(lang: Lang) -> String {
    let path = format!("{}/data/udhr/{}.txt", crate::ROOT, lang.code());
    let clean = std::fs::read_to_string(path).expect("udhr");
    let mut out = String::with_capacity(clean.len() * 2);
    let mut word = 0usize;
    for line in clean.lines() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_alphabetic() && (i == 0 || !chars[i - 1].is_alphabetic()) {
                // A word: its letters, with a soft hyphen or a word joiner
                // after the third letter of every long one.
                let mut j = i;
                while j < chars.len() && chars[j].is_alphabetic() {
                    j += 1;
                }
                word += 1;
                for (k, &ch) in chars[i..j].iter().enumerate() {
                    let ch = match (lang, ch) {
                        // Presentation forms: isolated alef, lam-alef ligature.
                        (Lang::Ar, 'ا') if word % 3 == 0 => '\u{FE8D}',
                        _ => ch,
                    };
                    out.push(ch);
                    if k == 2 && j - i >= 6 {
                        match (lang, word % 4) {
                            (Lang::Zh, 0) => out.push('\u{2060}'),
                            (Lang::Zh, _) => {}
                            (Lang::Ar, 1) => out.push('\u{0640}'),
                            (_, 2) => out.push('\u{2060}'),
                            _ => out.push('\u{00AD}'),
                        }
                    }
                }
                i = j;
                continue;
            }
            if c == ' ' && word % 5 == 0 {
                out.push('\u{00A0}');
            } else {
                out.push(c);
            }
            i += 1;
        }
        out.push_str("\r\n");
    }
    if lang == Lang::Ar {
        out = out.replacen("لا", "\u{FEFB}", 40);
    }
    out
}

fn docs() -> (Document, Vec<Document>) {
    let mut docs: Vec<Document> = LANGS
        .iter()
        .map(|&l| {
            let text = noisy(l);
            let t = Text::from_string(&format!("udhr/{}.txt", l.code()), text).expect("text");
            parse_text(
                t,
                &ParseOptions {
                    lang: Some(l),
                    symbol: None,
                },
            )
            .expect("parses")
        })
        .collect();
    let hub = docs.remove(0);
    (hub, docs)
}

fn at<'a>(doc: &'a Document, span: &Range<usize>) -> &'a str {
    &doc.text.original()[span.clone()]
}

/// The original of sentences `r`, joined as writers join a segment.
fn original(doc: &Document, sents: &[Sentence], r: &Range<usize>, lang: Lang) -> String {
    let t: Vec<&str> = sents[r.clone()].iter().map(|s| at(doc, &s.span)).collect();
    join_segment(lang, &t)
}

/// As TSV and Moses write text: tabs and line breaks (every character
/// some tool splits lines or fields at) become one space each.
fn flat(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t'
            | '\n'
            | '\r'
            | '\u{0B}'
            | '\u{0C}'
            | '\u{1C}'..='\u{1E}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}' => ' ',
            c => c,
        })
        .collect()
}

fn written(p: &PairAlignment, w: &mut dyn PairWriter) {
    w.begin().unwrap();
    write_alignment(w, p).unwrap();
    w.finish().unwrap();
}

fn the_noise_is_there(docs: &[&Document]) {
    for (c, what) in [
        ('\u{00AD}', "soft hyphen"),
        ('\u{2060}', "word joiner"),
        ('\u{00A0}', "no-break space"),
        ('\r', "CRLF"),
    ] {
        assert!(
            docs.iter().any(|d| d.text.original().contains(c)),
            "no {what} in the input"
        );
    }
    let ar = docs.iter().find(|d| d.lang == Lang::Ar).unwrap();
    assert!(ar.text.original().contains(['\u{FEFB}', '\u{FE8D}']));
}

/// Pair sides (in JSONL) that differ from the original at their spans.
fn differing_sides(p: &PairAlignment, hub: &Document, other: &Document) -> (usize, usize) {
    let mut w = JsonlWriter::new(Vec::new());
    written(p, &mut w);
    let out = String::from_utf8(w.into_inner()).unwrap();
    let (mut differ, mut sides) = (0, 0);
    for (line, b) in out.lines().zip(p.beads()) {
        let v: Value = serde_json::from_str(line).unwrap();
        for (field, doc, sents, r, lang) in [
            ("src", hub, &p.src, &b.src, p.src_lang),
            ("tgt", other, &p.tgt, &b.tgt, p.tgt_lang),
        ] {
            if r.is_empty() {
                continue;
            }
            sides += 1;
            if v[field].as_str().unwrap() != original(doc, sents, r, lang) {
                differ += 1;
            }
        }
    }
    (differ, sides)
}

#[test]
fn every_sentence_is_the_original_at_its_span() {
    let (hub, others) = docs();
    let mut all = vec![&hub];
    all.extend(&others);
    the_noise_is_there(&all);
    let pairs = Aligner::new().align_all(&hub, &others);
    let (mut differ, mut sides, mut noisy_sents) = (0, 0, 0);
    let (mut wrong, mut sentences, mut first_wrong) = (0, 0, None);
    for (p, other) in pairs.iter().zip(&others) {
        for (doc, sents) in [(&hub, &p.src), (other, &p.tgt)] {
            for (i, s) in sents.iter().enumerate() {
                sentences += 1;
                if s.text != at(doc, &s.span) {
                    wrong += 1;
                    first_wrong.get_or_insert_with(|| {
                        format!(
                            "{} sentence {i} at {:?}: {:?} is not {:?}",
                            doc.name,
                            s.span,
                            s.text,
                            at(doc, &s.span)
                        )
                    });
                }
                if s.text
                    .contains(['\u{00AD}', '\u{2060}', '\u{00A0}', '\u{FEFB}'])
                {
                    noisy_sents += 1;
                }
            }
        }
        let (d, n) = differing_sides(p, &hub, other);
        differ += d;
        sides += n;
    }
    println!(
        "{wrong} of {sentences} sentences and {differ} of {sides} pair sides differ from the input"
    );
    assert!(noisy_sents > 100, "only {noisy_sents} sentences hold noise");
    assert_eq!(
        (wrong, differ),
        (0, 0),
        "{wrong} of {sentences} sentences and {differ} of {sides} pair sides differ from the input; first: {}",
        first_wrong.unwrap_or_default()
    );
}

#[test]
fn every_pair_format_writes_the_original() {
    let (hub, others) = docs();
    let pairs = Aligner::new().align_all(&hub, &others);
    for (p, other) in pairs.iter().zip(&others) {
        let beads: Vec<_> = p.beads().cloned().collect();
        let want: Vec<(String, String)> = beads
            .iter()
            .map(|b| {
                (
                    original(&hub, &p.src, &b.src, p.src_lang),
                    original(other, &p.tgt, &b.tgt, p.tgt_lang),
                )
            })
            .collect();
        let name = format!("{}-{}", p.src_lang, p.tgt_lang);

        let mut w = JsonlWriter::new(Vec::new());
        written(p, &mut w);
        let out = String::from_utf8(w.into_inner()).unwrap();
        let got: Vec<(String, String)> = out
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                (
                    v["src"].as_str().unwrap().to_string(),
                    v["tgt"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(got, want, "{name} jsonl");

        let mut w = TsvWriter::new(Vec::new());
        written(p, &mut w);
        let out = String::from_utf8(w.into_inner()).unwrap();
        let got: Vec<(String, String)> = out
            .lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f[2].to_string(), f[3].to_string())
            })
            .collect();
        let flat_want: Vec<(String, String)> =
            want.iter().map(|(s, t)| (flat(s), flat(t))).collect();
        assert_eq!(got, flat_want, "{name} tsv");

        let mut w = TmxWriter::new(Vec::new());
        written(p, &mut w);
        let (_, segs) = crate::output::tmx_segments(&String::from_utf8(w.into_inner()).unwrap());
        let got: Vec<(String, String)> = segs
            .chunks(2)
            .map(|c| (c[0].1.clone(), c[1].1.clone()))
            .collect();
        assert_eq!(got, want, "{name} tmx");

        let mut w = MosesWriter::new(Vec::new(), Vec::new());
        written(p, &mut w);
        let files: Vec<String> = w
            .into_inner()
            .into_iter()
            .map(|(_, b)| String::from_utf8(b).unwrap())
            .collect();
        let got: Vec<(String, String)> = files[0]
            .lines()
            .zip(files[1].lines())
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, flat_want, "{name} moses");
    }
}

#[test]
fn every_six_way_format_writes_the_original() {
    let (hub, others) = docs();
    let pairs = Aligner::new().align_all(&hub, &others);
    let langs: Vec<Lang> = LANGS.to_vec();
    let mut w = JsonlWriter::new(Vec::new());
    w.begin().unwrap();
    write_multiway(&mut w, &pairs).unwrap();
    w.finish().unwrap();
    let out = String::from_utf8(w.into_inner()).unwrap();
    // Per row, the original of each language's cell, from the row's ranges.
    let mut want: Vec<Vec<String>> = Vec::new();
    for line in out.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let mut row = Vec::new();
        for (k, &l) in langs.iter().enumerate() {
            let r = &v["ranges"][l.code()];
            let r = r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize;
            let cell = if k == 0 {
                original(&hub, &pairs[0].src, &r, l)
            } else {
                original(&others[k - 1], &pairs[k - 1].tgt, &r, l)
            };
            assert_eq!(v[l.code()].as_str().unwrap(), cell, "six-way jsonl {l}");
            row.push(cell);
        }
        want.push(row);
    }
    assert!(!want.is_empty());

    let mut w = TsvWriter::new(Vec::new());
    w.begin().unwrap();
    write_multiway(&mut w, &pairs).unwrap();
    w.finish().unwrap();
    let out = String::from_utf8(w.into_inner()).unwrap();
    let header: Vec<&str> = out.lines().next().unwrap().split('\t').collect();
    for (line, row) in out.lines().skip(1).zip(&want) {
        let f: Vec<&str> = line.split('\t').collect();
        for (l, cell) in langs.iter().zip(row) {
            let col = header.iter().position(|h| *h == l.code()).expect("column");
            assert_eq!(f[col], flat(cell), "six-way tsv {l}");
        }
    }
    assert_eq!(out.lines().count(), want.len() + 1);

    let mut w = TmxWriter::new(Vec::new());
    w.begin().unwrap();
    write_multiway(&mut w, &pairs).unwrap();
    w.finish().unwrap();
    let (_, segs) = crate::output::tmx_segments(&String::from_utf8(w.into_inner()).unwrap());
    let got: Vec<String> = segs.into_iter().map(|(_, t)| t).collect();
    let all: Vec<String> = want.iter().flatten().cloned().collect();
    assert_eq!(got, all, "six-way tmx");

    let mut w = MosesWriter::per_lang(langs.iter().map(|&l| (l, Vec::new())).collect());
    w.begin().unwrap();
    write_multiway(&mut w, &pairs).unwrap();
    w.finish().unwrap();
    for (k, (l, bytes)) in w.into_inner().into_iter().enumerate() {
        let text = String::from_utf8(bytes).unwrap();
        let got: Vec<&str> = text.lines().collect();
        let col: Vec<String> = want.iter().map(|r| flat(&r[k])).collect();
        assert_eq!(got, col, "six-way moses {l:?}");
    }
}

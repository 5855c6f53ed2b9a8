//! Offsets to the original, to the end: every sentence the aligner hands to
//! a writer carries its byte span in the original text its document keeps,
//! and every output segment, in every format, is found again by slicing the
//! original there. On real data: the UDHR in six languages, a PDF
//! conversion (page furniture, broken lines) and the SDG targets.

use std::ops::Range;
use std::path::PathBuf;

use serde_json::Value;
use sixalign::engine::{Aligner, PairAlignment, Sentence};
use sixalign::load::Text;
use sixalign::output::{
    BeadsWriter, JsonlWriter, MosesWriter, PairWriter, TmxWriter, TsvWriter, join_segment,
    parse_beads, write_alignment,
};
use sixalign::parse::{ParseOptions, parse_path, parse_text};
use sixalign::{Document, Lang};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data");

fn shared(rel: &str) -> PathBuf {
    let p = PathBuf::from(SHARED).join(rel);
    assert!(
        p.exists(),
        "shared test data missing: {} (expected the project's shared/data next to the repository)",
        p.display()
    );
    p
}

fn udhr() -> (Document, Vec<Document>) {
    let path = |l: Lang| PathBuf::from(format!("{}/data/udhr/{}.txt", crate::ROOT, l.code()));
    let opts = ParseOptions::default();
    let hub = parse_path(&path(Lang::Zh), &opts).expect("udhr zh");
    let others = [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru]
        .iter()
        .map(|&l| parse_path(&path(l), &opts).expect("udhr version"))
        .collect();
    (hub, others)
}

fn pdf_conversion() -> (Document, Vec<Document>) {
    let opts = ParseOptions::default();
    let hub = parse_path(&shared("pdftext/ldc-poa.zh.txt"), &opts).expect("poa zh");
    let en = parse_path(&shared("pdftext/ldc-poa.en.txt"), &opts).expect("poa en");
    (hub, vec![en])
}

/// The SDG targets of every goal as numbered paragraphs, one document per language.
fn sdg() -> (Document, Vec<Document>) {
    let doc = |lang: Lang| {
        let tsv = std::fs::read_to_string(shared(&format!("sdg/targets.{}.tsv", lang.code())))
            .expect("sdg targets");
        let mut text = String::new();
        for (n, line) in tsv.lines().filter_map(|l| l.split_once('\t')).enumerate() {
            text.push_str(&format!("{}. {}\n\n", n + 1, line.1));
        }
        let t = Text::from_string(&format!("sdg.{}", lang.code()), text).expect("sdg text");
        parse_text(
            t,
            &ParseOptions {
                lang: Some(lang),
                symbol: Some("SDG".into()),
            },
        )
        .expect("sdg parses")
    };
    let others = [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru]
        .iter()
        .map(|&l| doc(l))
        .collect();
    (doc(Lang::Zh), others)
}

/// Characters the reader may leave out of a line (markup, footnote marks,
/// tatweel, invisible format characters) or that stand for a line break.
fn plain(slice: &str) -> bool {
    !slice.chars().any(|c| {
        matches!(
            c,
            '\n' | '\r' | '<' | '>' | '[' | ']' | '*' | '#' | '_' | '|' | '\u{0640}' | '\u{00AD}'
        ) || ('\u{2070}'..='\u{209F}').contains(&c)
            || matches!(c, '\u{00B2}' | '\u{00B3}' | '\u{00B9}')
            || ('\u{200B}'..='\u{200F}').contains(&c)
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2060}'..='\u{206F}').contains(&c)
            || c == '\u{FEFF}'
    })
}

/// `text`'s characters (white space aside) in order inside `slice`, with
/// the slice starting at the text's first character and ending at its last.
fn holds(slice: &str, text: &str) -> Result<(), String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(());
    }
    let (first, last) = (t.chars().next().unwrap(), t.chars().next_back().unwrap());
    if !slice.starts_with(first) || !slice.ends_with(last) {
        return Err(format!("slice {slice:?} does not start and end as {t:?}"));
    }
    let mut rest = slice.chars();
    for c in t.chars().filter(|c| !c.is_whitespace()) {
        if !rest.any(|s| s == c) {
            return Err(format!("{c:?} of {t:?} is not in the slice {slice:?}"));
        }
    }
    Ok(())
}

fn slice<'a>(doc: &'a Document, span: &Range<usize>) -> &'a str {
    doc.text.original().get(span.clone()).unwrap_or_else(|| {
        panic!(
            "{}: span {span:?} is not a slice of the original ({} bytes)",
            doc.name,
            doc.text.original().len()
        )
    })
}

/// Every sentence is the original at its span: exactly where the slice is
/// one plain line, less only what the reader leaves out elsewhere; the
/// sentences of one unit follow each other in the original.
fn check_sentences(doc: &Document, sents: &[Sentence]) -> usize {
    let mut exact = 0;
    for (i, s) in sents.iter().enumerate() {
        let at = slice(doc, &s.span);
        if plain(at) {
            assert_eq!(at, s.text, "{}: sentence {i} at {:?}", doc.name, s.span);
            exact += 1;
        } else if let Err(e) = holds(at, &s.text) {
            panic!("{}: sentence {i}: {e}", doc.name);
        }
        if i > 0 && sents[i - 1].unit == s.unit {
            assert!(
                sents[i - 1].span.end <= s.span.start,
                "{}: sentences {} and {i} overlap ({:?}, {:?})",
                doc.name,
                i - 1,
                sents[i - 1].span,
                s.span
            );
        }
    }
    exact
}

/// An output segment: the original sliced from its first sentence's start
/// to its last sentence's end holds it.
fn check_segment(doc: &Document, sents: &[Sentence], range: &Range<usize>, text: &str, what: &str) {
    if range.is_empty() {
        assert!(
            text.trim().is_empty(),
            "{what}: an empty bead side wrote {text:?}"
        );
        return;
    }
    let span = sents[range.start].span.start..sents[range.end - 1].span.end;
    if let Err(e) = holds(slice(doc, &span), text) {
        panic!("{what}: segment {range:?}: {e}");
    }
}

fn write(p: &PairAlignment, w: &mut dyn PairWriter) {
    w.begin().unwrap();
    write_alignment(w, p).unwrap();
    w.finish().unwrap();
}

fn beads(p: &PairAlignment) -> Vec<(Range<usize>, Range<usize>)> {
    p.beads().map(|b| (b.src.clone(), b.tgt.clone())).collect()
}

/// Every format's segments, in bead order, as (hub text, other text).
fn segments(p: &PairAlignment) -> Vec<(&'static str, Vec<(String, String)>)> {
    let mut out = Vec::new();

    let mut w = JsonlWriter::new(Vec::new());
    write(p, &mut w);
    let jsonl = String::from_utf8(w.into_inner()).unwrap();
    let mut segs = Vec::new();
    for (line, (s, t)) in jsonl.lines().zip(beads(p)) {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["src_sents"], serde_json::json!([s.start, s.end]));
        assert_eq!(v["tgt_sents"], serde_json::json!([t.start, t.end]));
        segs.push((
            v["src"].as_str().unwrap().to_string(),
            v["tgt"].as_str().unwrap().to_string(),
        ));
    }
    out.push(("jsonl", segs));

    let mut w = TsvWriter::new(Vec::new());
    write(p, &mut w);
    let tsv = String::from_utf8(w.into_inner()).unwrap();
    let segs = tsv
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[2].to_string(), f[3].to_string())
        })
        .collect();
    out.push(("tsv", segs));

    let mut w = TmxWriter::new(Vec::new());
    write(p, &mut w);
    let (_, tmx) = crate::output::tmx_segments(&String::from_utf8(w.into_inner()).unwrap());
    out.push((
        "tmx",
        tmx.chunks(2)
            .map(|c| (c[0].1.clone(), c[1].1.clone()))
            .collect(),
    ));

    let mut w = MosesWriter::new(Vec::new(), Vec::new());
    write(p, &mut w);
    let files: Vec<String> = w
        .into_inner()
        .into_iter()
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .collect();
    out.push((
        "moses",
        files[0]
            .lines()
            .zip(files[1].lines())
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
    ));

    let mut w = BeadsWriter::new(Vec::new());
    write(p, &mut w);
    let read = parse_beads(&String::from_utf8(w.into_inner()).unwrap()).unwrap();
    let join = |sents: &[Sentence], r: &Range<usize>, lang: Lang| {
        let t: Vec<&str> = sents[r.clone()].iter().map(|s| s.text.as_str()).collect();
        join_segment(lang, &t)
    };
    out.push((
        "beads",
        read.iter()
            .map(|b| {
                (
                    join(&p.src, &b.src, p.src_lang),
                    join(&p.tgt, &b.tgt, p.tgt_lang),
                )
            })
            .collect(),
    ));
    out
}

fn check_set(name: &str, hub: &Document, others: &[Document]) {
    let pairs = Aligner::new().align_all(hub, others);
    let mut exact = 0;
    let mut sentences = 0;
    for (p, other) in pairs.iter().zip(others) {
        exact += check_sentences(hub, &p.src) + check_sentences(other, &p.tgt);
        sentences += p.src.len() + p.tgt.len();
        let bs = beads(p);
        assert!(!bs.is_empty(), "{name}: no beads");
        for (format, segs) in segments(p) {
            assert_eq!(
                segs.len(),
                bs.len(),
                "{name} {format}: one segment per bead"
            );
            for ((s, t), (src, tgt)) in bs.iter().zip(&segs) {
                let what = format!("{name} {}-{} {format}", p.src_lang, p.tgt_lang);
                check_segment(hub, &p.src, s, src, &what);
                check_segment(other, &p.tgt, t, tgt, &what);
            }
        }
    }
    // Plain one-line slices are common in all three sets: the exact check
    // is not vacuous.
    assert!(
        exact * 2 > sentences,
        "{name}: {exact} of {sentences} sentences sliced exactly"
    );
}

#[test]
fn udhr_segments_slice_the_original_in_every_format() {
    let (hub, others) = udhr();
    check_set("udhr", &hub, &others);
}

#[test]
fn pdf_conversion_segments_slice_the_original_in_every_format() {
    let (hub, others) = pdf_conversion();
    check_set("ldc-poa", &hub, &others);
}

#[test]
fn sdg_segments_slice_the_original_in_every_format() {
    let (hub, others) = sdg();
    check_set("sdg", &hub, &others);
}

#[test]
fn spans_survive_joined_lines_and_furniture() {
    // A line broken inside a sentence and a footnote mark: the block's text
    // spans all of it, and is the original's characters without the mark.
    let zh = "大会，\n\n1. 决定为本组织的各项方案拨款<sup>1</sup> 500 美元，并请秘书长在下届\n会议上提交关于执行情况的报告。\n\n2. 请秘书长提交报告。\n\n<sup>1</sup> 见A/65/201。\n";
    let doc = parse_text(
        Text::from_string("zh", zh.to_string()).unwrap(),
        &ParseOptions::default(),
    )
    .unwrap();
    for b in &doc.blocks {
        let whole = b.offsets.original(0..b.text.len());
        holds(slice(&doc, &whole), &b.text).unwrap();
        assert!(
            whole.start >= b.span.start && whole.end <= b.span.end,
            "{b:?}"
        );
    }
    let f = &doc.footnotes[0];
    assert_eq!(
        slice(&doc, &f.offsets.original(0..f.text.len())),
        f.text,
        "a footnote's text is one plain slice"
    );
}

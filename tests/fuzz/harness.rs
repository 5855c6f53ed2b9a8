//! The fuzz harness, shared by the short CI slice (`tests/fuzz/mod.rs`) and
//! the long run (`examples/fuzz.rs`): seeded, deterministic inputs for each
//! stage — random bytes, random Unicode with bidi, zero-width and combining
//! marks, and mutations of the real documents in `data/` and `../shared/data`
//! — run under `catch_unwind`, with the time of every case measured.
//!
//! Every target also checks what must hold whatever the input (ranges in
//! bounds and on character boundaries, JSON output that parses), so a wrong
//! answer is found as well as a panic.

#![allow(dead_code)]

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use sixalign::align::{self, Params};
use sixalign::anchor;
use sixalign::corpus::{PipeOptions, pipe};
use sixalign::engine::Aligner;
use sixalign::load::Text;
use sixalign::output::write_inspect_json;
use sixalign::output::{
    self, BeadsWriter, Cell, Format, JsonlWriter, MosesWriter, Output, Pair, PairWriter, Row,
    Target as OutTarget, TmxWriter, TsvWriter, write_alignment, write_multiway,
};
use sixalign::parse::{self, ParseOptions};
use sixalign::qa;
use sixalign::segment::segment;
use sixalign::{Document, Lang};

/// SplitMix64: small, fast, and the same on every machine.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// The stages fuzzed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Bytes to `Text` (decoding, checks, the normalized view and its map).
    Load,
    /// `Text` to `Document`.
    Parse,
    /// Sentence splitting.
    Segment,
    /// Anchoring the units of two parsed documents.
    Anchor,
    /// Line alignment (`align::align`).
    Align,
    /// The whole engine on two documents, then every writer on its output.
    Engine,
    /// Every writer on random records.
    Writers,
    /// Pipe mode on random lines.
    Pipe,
    /// The atomic writer: every format into real files, committed or dropped.
    Files,
    /// Translation QA on an aligned pair, and its JSON and HTML writers.
    Qa,
    /// The Word reader: generated WordprocessingML (lists, numbering with
    /// wild values, footnotes, runs) zipped, then zip bytes mutated.
    Word,
    /// The HTML reader: tag soup of real text, `<sup>`, lists, entities.
    Html,
    /// The PDF-text reader (`pdftotext` output: form feeds, running heads).
    PdfText,
    /// The lexicon table reader (`--lexicon`).
    Lexicon,
    /// The corpus manifest reader.
    Manifest,
    /// The batch job-file reader.
    JobFile,
}

impl Target {
    pub const ALL: [Target; 16] = [
        Target::Load,
        Target::Parse,
        Target::Segment,
        Target::Anchor,
        Target::Align,
        Target::Engine,
        Target::Writers,
        Target::Pipe,
        Target::Files,
        Target::Qa,
        Target::Word,
        Target::Html,
        Target::PdfText,
        Target::Lexicon,
        Target::Manifest,
        Target::JobFile,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Target::Load => "load",
            Target::Parse => "parse",
            Target::Segment => "segment",
            Target::Anchor => "anchor",
            Target::Align => "align",
            Target::Engine => "engine",
            Target::Writers => "writers",
            Target::Pipe => "pipe",
            Target::Files => "files",
            Target::Qa => "qa",
            Target::Word => "word",
            Target::Html => "html",
            Target::PdfText => "pdftext",
            Target::Lexicon => "lexicon",
            Target::Manifest => "manifest",
            Target::JobFile => "jobfile",
        }
    }
}

/// The real documents mutations start from.
pub struct Seeds {
    pub docs: Vec<(Lang, String)>,
}

impl Seeds {
    /// The documents of `data/` and, when `shared` is true, of
    /// `../shared/data` (which must then exist: a missing directory fails).
    pub fn load(shared: bool) -> Seeds {
        let root = Path::new(sixalign_testkit::REPO);
        let mut docs = Vec::new();
        let mut add = |lang: Lang, p: &Path, max: usize| {
            let t = std::fs::read_to_string(p)
                .unwrap_or_else(|e| panic!("fuzz seed {}: {e}", p.display()));
            let cut = floor_char(&t, max.min(t.len()));
            docs.push((lang, t[..cut].to_string()));
        };
        add(Lang::Zh, &root.join("data/A-RES-74-28.zh.md"), usize::MAX);
        for l in Lang::ALL {
            add(
                l,
                &root.join(format!("data/udhr/{}.txt", l.code())),
                usize::MAX,
            );
        }
        if shared {
            let s = root.join("../shared/data");
            assert!(
                s.is_dir(),
                "{} is missing: the fuzz seeds need it",
                s.display()
            );
            for l in [Lang::Zh, Lang::En] {
                add(
                    l,
                    &s.join(format!("pdftext/ldc-poa.{}.txt", l.code())),
                    20_000,
                );
                add(l, &s.join(format!("unv1/devset.{}", l.code())), 20_000);
            }
        }
        Seeds { docs }
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Pieces that stress the parser and normalizer: numbering, markup,
/// bidi and format characters, zero-width and combining marks, odd breaks.
const PIECES: &[&str] = &[
    "1. ",
    "12. ",
    "1000. ",
    "99999999999999999999. ",
    "(a) ",
    "(iv) ",
    "一、",
    "（一）",
    "第一条",
    "١. ",
    "٣٤. ",
    "１．",
    "A/RES/74/28",
    "A/74/L.1",
    "<sup>1</sup>",
    "¹",
    "[1](#)",
    "**",
    "# ",
    "## ",
    "---",
    "| a | b |",
    "- ",
    "• ",
    "\u{200E}",
    "\u{200F}",
    "\u{202A}",
    "\u{202B}",
    "\u{202C}",
    "\u{202D}",
    "\u{202E}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{00AD}",
    "\u{0301}",
    "\u{0308}",
    "\u{064B}",
    "\u{0651}",
    "\u{0640}",
    "\u{3000}",
    "\u{00A0}",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\t",
    "\u{0B}",
    "\u{0C}",
    "\u{1C}",
    "。",
    "；",
    "，",
    "：",
    ".",
    ";",
    ",",
    "?",
    "!",
    "…",
    "«",
    "»",
    "“",
    "”",
    "大会，",
    "The General Assembly,",
    "Asamblea General",
    "L'Assemblée générale",
    "Генеральная Ассамблея",
    "إن الجمعية العامة",
    "Decides",
    "决定",
    "Notes",
    "10 December 2019",
    "2019年12月10日",
    "\u{1F600}",
    "\u{10FFFF}",
    "\u{E000}",
    "ﬁ",
    "Ⅻ",
    "①",
    "⑴",
    "🇺🇳",
    "e\u{301}\u{301}\u{301}\u{301}",
];

fn random_char(rng: &mut Rng) -> char {
    loop {
        let c = match rng.below(6) {
            0 => rng.below(0x80) as u32,
            1 => 0x4E00 + rng.below(0x5000) as u32,
            2 => 0x0600 + rng.below(0x100) as u32,
            3 => 0x0400 + rng.below(0x100) as u32,
            4 => 0x2000 + rng.below(0x70) as u32,
            _ => rng.below(0x11_0000) as u32,
        };
        if let Some(c) = char::from_u32(c) {
            return c;
        }
    }
}

/// Random Unicode: pieces and characters, up to `max` of them.
pub fn random_text(rng: &mut Rng, max: usize) -> String {
    let n = rng.below(max + 1);
    let mut s = String::new();
    for _ in 0..n {
        if rng.chance(0.5) {
            let p: &&str = rng.pick(PIECES);
            s.push_str(p);
        } else {
            s.push(random_char(rng));
        }
    }
    s
}

/// A window of a real document with a few mutations (bytes flipped,
/// pieces inserted, ranges deleted, duplicated or spliced from another
/// document, a cut inside a character).
pub fn mutated_doc(rng: &mut Rng, seeds: &Seeds) -> (Lang, Vec<u8>) {
    let (lang, doc) = rng.pick(&seeds.docs);
    let bytes = doc.as_bytes();
    let len = 64 + rng.below(6000);
    let start = rng.below(bytes.len().saturating_sub(len).max(1));
    let mut b = bytes[start..(start + len).min(bytes.len())].to_vec();
    for _ in 0..rng.below(8) {
        mutate(rng, &mut b, seeds);
    }
    (*lang, b)
}

fn mutate(rng: &mut Rng, b: &mut Vec<u8>, seeds: &Seeds) {
    let at = rng.below(b.len() + 1);
    match rng.below(7) {
        0 if !b.is_empty() => {
            let i = rng.below(b.len());
            b[i] ^= 1 << rng.below(8);
        }
        1 => {
            let p = rng.pick(PIECES).as_bytes().to_vec();
            b.splice(at..at, p);
        }
        2 => {
            let end = (at + rng.below(200)).min(b.len());
            b.drain(at..end);
        }
        3 => {
            let end = (at + rng.below(400)).min(b.len());
            let copy = b[at..end].to_vec();
            b.splice(at..at, copy);
        }
        4 => {
            let (_, other) = rng.pick(&seeds.docs);
            let o = other.as_bytes();
            let s = rng.below(o.len());
            let e = (s + rng.below(500)).min(o.len());
            b.splice(at..at, o[s..e].iter().copied());
        }
        5 => b.truncate(at),
        _ => {
            let t = random_text(rng, 8);
            b.splice(at..at, t.into_bytes());
        }
    }
}

/// One input: random bytes, random Unicode or a mutated real document.
pub fn input(rng: &mut Rng, seeds: &Seeds) -> (Option<Lang>, Vec<u8>) {
    match rng.below(10) {
        0 => {
            let n = rng.below(600);
            (None, (0..n).map(|_| rng.next() as u8).collect())
        }
        1..=3 => (None, random_text(rng, 300).into_bytes()),
        _ => {
            let (l, b) = mutated_doc(rng, seeds);
            (Some(l), b)
        }
    }
}

fn lang_or_random(rng: &mut Rng, l: Option<Lang>) -> Option<Lang> {
    match rng.below(4) {
        0 => None,
        1 => Some(*rng.pick(&Lang::ALL)),
        _ => l,
    }
}

fn parsed(rng: &mut Rng, seeds: &Seeds) -> Option<Document> {
    let (l, b) = input(rng, seeds);
    let text = Text::from_bytes("fuzz", &b).ok()?;
    let lang = lang_or_random(rng, l);
    parse::parse(&text, &ParseOptions { lang, symbol: None }).ok()
}

/// A document in `lang` (for the hub and a version of another language).
fn parsed_in(rng: &mut Rng, seeds: &Seeds, lang: Lang) -> Option<Document> {
    let (_, b) = input(rng, seeds);
    let text = Text::from_bytes("fuzz", &b).ok()?;
    parse::parse(
        &text,
        &ParseOptions {
            lang: Some(lang),
            symbol: Some("A/RES/1/1".into()),
        },
    )
    .ok()
}

fn check_text(t: &Text, rng: &mut Rng) {
    let n = t.normalized().len();
    for _ in 0..4 {
        let a = rng.below(n + 2);
        let b = a + rng.below(n + 2 - a.min(n + 1));
        let _ = t.original_range_of(a);
        if let Some(r) = t.to_original(a..b) {
            assert!(
                r.start <= r.end && r.end <= t.original().len(),
                "to_original {r:?}"
            );
        }
        if t.normalized().is_char_boundary(a.min(n)) && t.normalized().is_char_boundary(b.min(n)) {
            let _ = t.original_text(a.min(n)..b.min(n));
        }
        let _ = t.line_of(rng.below(t.original().len() + 2));
    }
    for p in t.paragraphs() {
        assert!(t.normalized().get(p.clone()).is_some(), "paragraph {p:?}");
    }
}

/// Every writer, into memory, over `f`'s records; the JSONL output must parse.
/// `six_way` gives the two languages of the rows (Moses then writes one
/// file per language); `None` for pairs.
fn all_writers(f: &dyn Fn(&mut dyn PairWriter) -> std::io::Result<()>, six_way: Option<[Lang; 2]>) {
    let mut bufs: Vec<Vec<u8>> = vec![Vec::new(); 6];
    {
        let (a, rest) = bufs.split_at_mut(1);
        let (b, rest) = rest.split_at_mut(1);
        let (c, rest) = rest.split_at_mut(1);
        let (d, rest) = rest.split_at_mut(1);
        let (e, g) = rest.split_at_mut(1);
        let mut ws: Vec<Box<dyn PairWriter + '_>> = vec![
            Box::new(JsonlWriter::new(&mut a[0])),
            Box::new(TsvWriter::new(&mut b[0])),
            Box::new(TmxWriter::new(&mut c[0])),
            match six_way {
                None => Box::new(MosesWriter::new(&mut d[0], &mut e[0])),
                Some([x, y]) => {
                    Box::new(MosesWriter::per_lang(vec![(x, &mut d[0]), (y, &mut e[0])]))
                }
            },
        ];
        if six_way.is_none() {
            ws.push(Box::new(BeadsWriter::new(&mut g[0])));
        }
        for w in &mut ws {
            w.begin().expect("in memory");
            f(w.as_mut()).expect("in memory");
            w.finish().expect("in memory");
        }
    }
    for line in String::from_utf8(bufs[0].clone())
        .expect("JSONL is UTF-8")
        .lines()
    {
        serde_json::from_str::<serde_json::Value>(line).expect("every JSONL line parses");
    }
    let (src, tgt) = (&bufs[3], &bufs[4]);
    {
        assert_eq!(
            src.iter().filter(|&&b| b == b'\n').count(),
            tgt.iter().filter(|&&b| b == b'\n').count(),
            "Moses files stay line-parallel"
        );
    }
}

/// A piece of a real document (or random text), escaped for XML.
fn xml_text(rng: &mut Rng, seeds: &Seeds) -> String {
    let t = if rng.chance(0.8) {
        let (_, d) = rng.pick(&seeds.docs);
        let a = floor_char(d, rng.below(d.len()));
        let b = floor_char(d, (a + rng.below(300)).min(d.len()));
        d[a..b].to_string()
    } else {
        random_text(rng, 20)
    };
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A random number as list numbering may hold it (wild values included).
fn wild_number(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => (rng.next() as i64).to_string(),
        1 => "2000000000".into(),
        2 => "-3".into(),
        3 => "x".into(),
        _ => rng.below(30).to_string(),
    }
}

/// A generated .docx: paragraphs with numbering, footnote references,
/// tracked changes; numbering and footnote parts; then mutated bytes.
fn word_bytes(rng: &mut Rng, seeds: &Seeds) -> Vec<u8> {
    use std::io::Write;
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let fmts = [
        "decimal",
        "lowerLetter",
        "upperRoman",
        "lowerRoman",
        "chineseCounting",
        "ideographTraditional",
        "bullet",
        "arabicAbjad",
        "nonsense",
    ];
    let mut body = String::new();
    for _ in 0..rng.below(12) {
        body.push_str("<w:p>");
        if rng.chance(0.5) {
            body.push_str(&format!(
                "<w:pPr><w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{}\"/></w:numPr></w:pPr>",
                wild_number(rng),
                wild_number(rng)
            ));
        }
        for _ in 0..rng.below(4) {
            match rng.below(6) {
                0 => body.push_str(&format!(
                    "<w:r><w:footnoteReference w:id=\"{}\"/></w:r>",
                    wild_number(rng)
                )),
                1 => body.push_str(&format!(
                    "<w:del><w:r><w:delText>{}</w:delText></w:r></w:del>",
                    xml_text(rng, seeds)
                )),
                2 => body.push_str("<w:r><w:tab/><w:br/></w:r>"),
                _ => body.push_str(&format!(
                    "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                    xml_text(rng, seeds)
                )),
            }
        }
        body.push_str("</w:p>");
    }
    let mut numbering = format!("<w:numbering {W}>");
    for _ in 0..rng.below(4) {
        numbering.push_str(&format!(
            "<w:abstractNum w:abstractNumId=\"{}\"><w:lvl w:ilvl=\"{}\"><w:start w:val=\"{}\"/><w:numFmt w:val=\"{}\"/><w:lvlText w:val=\"%1.%2)\"/></w:lvl></w:abstractNum><w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{}\"/></w:num>",
            wild_number(rng), wild_number(rng), wild_number(rng), rng.pick(&fmts), wild_number(rng), wild_number(rng)
        ));
    }
    numbering.push_str("</w:numbering>");
    let mut notes = format!("<w:footnotes {W}>");
    for _ in 0..rng.below(4) {
        notes.push_str(&format!(
            "<w:footnote w:id=\"{}\"><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:footnote>",
            wild_number(rng),
            xml_text(rng, seeds)
        ));
    }
    notes.push_str("</w:footnotes>");
    let mut parts = vec![
        (
            "word/document.xml",
            format!("<w:document {W}><w:body>{body}</w:body></w:document>"),
        ),
        ("word/numbering.xml", numbering),
        ("word/footnotes.xml", notes),
    ];
    // Cut or mutate one part's XML now and then.
    if rng.chance(0.2) {
        let i = rng.below(parts.len());
        let mut b = parts[i].1.clone().into_bytes();
        for _ in 0..1 + rng.below(4) {
            mutate(rng, &mut b, seeds);
        }
        parts[i].1 = String::from_utf8_lossy(&b).into_owned();
    }
    let mut buf = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for (name, body) in &parts {
            z.start_file(*name, opts).expect("zip");
            z.write_all(body.as_bytes()).expect("zip");
        }
        z.finish().expect("zip");
    }
    let mut b = buf.into_inner();
    // And the archive's bytes now and then.
    if rng.chance(0.1) {
        for _ in 0..1 + rng.below(3) {
            if b.is_empty() {
                break;
            }
            let i = rng.below(b.len());
            b[i] ^= 1 << rng.below(8);
        }
    }
    b
}

/// Tag soup: real text among `<p>`, `<sup>`, lists, tables, entities,
/// comments and scripts, some unclosed.
fn html_text(rng: &mut Rng, seeds: &Seeds) -> String {
    const TAGS: &[&str] = &[
        "<p>",
        "</p>",
        "<sup>",
        "</sup>",
        "<sup>1</sup>",
        "<ol start=\"7\">",
        "<ol type=\"a\" start=\"-2\">",
        "<ol start=\"99999999999\">",
        "<li>",
        "</li>",
        "</ol>",
        "<ul>",
        "</ul>",
        "<table><tr><td>",
        "</td></tr></table>",
        "<br>",
        "<br/>",
        "<div>",
        "</div>",
        "<script>var a='<p>';</script>",
        "<style>p{}</style>",
        "<!-- c -->",
        "<!--",
        "&amp;",
        "&#x4E00;",
        "&#99999999;",
        "&nbsp;",
        "&bogus;",
        "<a href=\"#fn1\">",
        "</a>",
        "<h1>",
        "</h1>",
        "<title>",
        "</title>",
        "<![CDATA[x]]>",
        "<",
        ">",
        "<p class=\"x",
        "<?xml?>",
    ];
    let mut s = String::new();
    if rng.chance(0.7) {
        s.push_str("<!DOCTYPE html><html><body>");
    }
    for _ in 0..rng.below(40) {
        if rng.chance(0.5) {
            let t: &&str = rng.pick(TAGS);
            s.push_str(t);
        } else {
            s.push_str(&xml_text(rng, seeds));
        }
    }
    s
}

/// Runs one case of `target`.
pub fn run_case(target: Target, rng: &mut Rng, seeds: &Seeds) {
    match target {
        Target::Word => {
            let b = word_bytes(rng, seeds);
            if let Ok(t) = Text::from_bytes("fuzz.docx", &b) {
                check_text(&t, rng);
            }
        }
        Target::Html => {
            let h = html_text(rng, seeds);
            let mut b = h.into_bytes();
            if rng.chance(0.2) {
                mutate(rng, &mut b, seeds);
            }
            if let Ok(t) = Text::from_bytes("fuzz.html", &b) {
                check_text(&t, rng);
            }
        }
        Target::PdfText => {
            let (_, b) = mutated_doc(rng, seeds);
            let mut s = String::from_utf8_lossy(&b).into_owned();
            // pdftotext's page breaks, running heads and hyphenation.
            for _ in 0..rng.below(6) {
                let at = floor_char(&s, rng.below(s.len() + 1));
                let piece = *rng.pick(&[
                    "\u{c}",
                    "\u{c}A/RES/74/28\n",
                    "\n3\n\u{c}",
                    "-\n",
                    "\n\n",
                    "   ",
                    "\u{c}\u{c}",
                ]);
                s.insert_str(at, piece);
            }
            if let Ok(t) = Text::from_pdf_text("fuzz.pdf", s) {
                check_text(&t, rng);
            }
        }
        Target::Lexicon => {
            let mut s = String::new();
            for _ in 0..rng.below(12) {
                match rng.below(5) {
                    0 => s.push_str(&format!("# sixalign lexicon {}\n", random_text(rng, 6))),
                    1 => s.push_str(&format!(
                        "# sixalign lexicon zh-{}\n",
                        rng.pick(&["en", "fr", "ru", "ar", "es", "zh", "xx", ""])
                    )),
                    2 => s.push_str(&format!(
                        "{}\t{}\n",
                        xml_text(rng, seeds),
                        xml_text(rng, seeds)
                    )),
                    3 => s.push_str(&format!(
                        "{}\t{}\t{}\r",
                        random_text(rng, 4),
                        random_text(rng, 4),
                        random_text(rng, 4)
                    )),
                    _ => s.push_str(&random_text(rng, 10)),
                }
            }
            let _ = sixalign::score::Lexicon::parse(&s, Path::new("fuzz.tsv"));
        }
        Target::Manifest | Target::JobFile => {
            let dir = tempfile::tempdir().expect("temp dir");
            let mut s = String::new();
            for _ in 0..rng.below(10) {
                let f = |rng: &mut Rng| -> String {
                    match rng.below(5) {
                        0 => "zh/a.txt".into(),
                        1 => "../x".into(),
                        2 => "-".into(),
                        3 => String::new(),
                        _ => random_text(rng, 6),
                    }
                };
                let sep = *rng.pick(&["\t", " ", ",", "\t\t"]);
                let end = *rng.pick(&["\n", "\r\n", "\r", ""]);
                let head = if rng.chance(0.1) { "# " } else { "" };
                s.push_str(&format!(
                    "{head}{}{sep}{}{sep}{}{end}",
                    f(rng),
                    f(rng),
                    f(rng)
                ));
            }
            let mut b = s.into_bytes();
            if rng.chance(0.2) {
                mutate(rng, &mut b, seeds);
            }
            let p = dir.path().join("list.tsv");
            std::fs::write(&p, &b).expect("write");
            if target == Target::Manifest {
                let _ = sixalign::corpus::read_manifest(&p);
            } else if let Ok(jobs) = sixalign::corpus::read_jobfile(&p) {
                let _ = sixalign::corpus::check_jobs(&jobs, Some(&p));
            }
        }
        Target::Load => {
            let (_, b) = input(rng, seeds);
            if let Ok(t) = Text::from_bytes("fuzz", &b) {
                check_text(&t, rng);
            }
        }
        Target::Parse => {
            if let Some(d) = parsed(rng, seeds) {
                for b in &d.blocks {
                    assert!(b.line >= 1, "block lines are 1-based: {b:?}");
                }
                let mut j = Vec::new();
                write_inspect_json(&d, &mut j).expect("in memory");
                serde_json::from_slice::<serde_json::Value>(&j).expect("inspect JSON parses");
            }
        }
        Target::Segment => {
            let (l, b) = input(rng, seeds);
            let s = String::from_utf8_lossy(&b);
            let lang = l.unwrap_or(*rng.pick(&Lang::ALL));
            let mut last = 0;
            for r in segment(&s, lang) {
                assert!(
                    r.start >= last && r.start <= r.end && r.end <= s.len(),
                    "{r:?}"
                );
                assert!(
                    s.is_char_boundary(r.start) && s.is_char_boundary(r.end),
                    "{r:?}"
                );
                last = r.end;
            }
        }
        Target::Anchor => {
            let (Some(a), Some(b)) = (parsed(rng, seeds), parsed(rng, seeds)) else {
                return;
            };
            let (ua, ub) = (anchor::units(&a), anchor::units(&b));
            let _ = anchor::anchor(&ua, &ub);
        }
        Target::Align => {
            let lines = |rng: &mut Rng| -> Vec<String> {
                let (_, b) = input(rng, seeds);
                String::from_utf8_lossy(&b)
                    .lines()
                    .map(str::to_string)
                    .collect()
            };
            let (s, t) = (lines(rng), lines(rng));
            let s: Vec<&str> = s.iter().map(String::as_str).collect();
            let t: Vec<&str> = t.iter().map(String::as_str).collect();
            let (sl, tl) = (*rng.pick(&Lang::ALL), *rng.pick(&Lang::ALL));
            let beads = align::align(&s, &t, &Params::estimate(sl, tl, &s, &t));
            let (mut i, mut j) = (0, 0);
            for b in &beads {
                assert_eq!((b.src.start, b.tgt.start), (i, j), "beads cover in order");
                i = b.src.end;
                j = b.tgt.end;
            }
            assert_eq!((i, j), (s.len(), t.len()), "beads cover every line");
        }
        Target::Engine => {
            let other = *rng.pick(&[Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru]);
            let (Some(hub), Some(doc)) = (
                parsed_in(rng, seeds, Lang::Zh),
                parsed_in(rng, seeds, other),
            ) else {
                return;
            };
            let aligner = Aligner::new();
            let pairs = aligner.align_all(&hub, std::slice::from_ref(&doc));
            all_writers(
                &|w| {
                    for p in &pairs {
                        write_alignment(w, p)?;
                    }
                    Ok(())
                },
                None,
            );
            all_writers(&|w| write_multiway(w, &pairs), Some([Lang::Zh, other]));
        }
        Target::Writers => {
            let texts: Vec<String> = (0..4).map(|_| random_text(rng, 40)).collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let doc = random_text(rng, 10);
            let region = random_text(rng, 6);
            let score = f32::from_bits(rng.next() as u32);
            let score = if rng.chance(0.7) {
                (score.abs() % 1.0).max(0.0)
            } else {
                score
            };
            let sl = *rng.pick(&Lang::ALL);
            let tl = *rng.pick(&Lang::ALL[..5]);
            let tl = if tl == sl { Lang::ALL[5] } else { tl };
            all_writers(
                &|w| {
                    w.write_pair(&Pair {
                        doc: &doc,
                        region: &region,
                        src_lang: sl,
                        tgt_lang: tl,
                        src: &refs[..2],
                        tgt: &refs[2..],
                        src_range: 0..2,
                        tgt_range: 3..5,
                        score,
                    })
                },
                None,
            );
            let cells = [
                Cell {
                    lang: sl,
                    sentences: &refs[..1],
                    range: 0..1,
                    score: None,
                },
                Cell {
                    lang: tl,
                    sentences: &refs[1..],
                    range: 1..4,
                    score: Some(score),
                },
            ];
            all_writers(
                &|w| {
                    w.write_row(&Row {
                        doc: &doc,
                        region: &region,
                        cells: &cells,
                    })
                },
                Some([sl, tl]),
            );
        }
        Target::Files => files_case(rng),
        Target::Qa => {
            let other = *rng.pick(&[Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru]);
            let (Some(hub), Some(doc)) = (
                parsed_in(rng, seeds, Lang::Zh),
                parsed_in(rng, seeds, other),
            ) else {
                return;
            };
            let alignment = Aligner::new().align_pair(&hub, &doc);
            let findings = qa::check_pair(&hub, &doc, &alignment);
            let reports = [qa::PairReport {
                other_name: "fuzz".into(),
                alignment,
                findings,
            }];
            let mut j = Vec::new();
            qa::write_json(&hub, &reports, &mut j).expect("in memory");
            serde_json::from_slice::<serde_json::Value>(&j).expect("QA JSON parses");
            let mut h = Vec::new();
            qa::html::write_html(&hub, &reports, &mut h).expect("in memory");
            assert!(
                String::from_utf8(h)
                    .expect("UTF-8 HTML")
                    .contains("</html>")
            );
        }
        Target::Pipe => {
            let mut lines = Vec::new();
            for _ in 0..rng.below(4) + 1 {
                let line: Vec<u8> = match rng.below(4) {
                    0 => input(rng, seeds).1,
                    1 => random_text(rng, 60).into_bytes(),
                    _ => {
                        let mut obj = serde_json::Map::new();
                        obj.insert("id".into(), serde_json::Value::String(random_text(rng, 5)));
                        for l in [Lang::Zh, Lang::En, Lang::Fr] {
                            if rng.chance(0.8) {
                                let (_, b) = mutated_doc(rng, seeds);
                                obj.insert(
                                    l.code().into(),
                                    String::from_utf8_lossy(&b).into_owned().into(),
                                );
                            }
                        }
                        let mut s = serde_json::Value::Object(obj).to_string().into_bytes();
                        if rng.chance(0.2) {
                            mutate(rng, &mut s, seeds);
                        }
                        s
                    }
                };
                lines.extend(line);
                lines.push(b'\n');
            }
            let (mut out, mut err) = (Vec::new(), Vec::new());
            pipe(
                Cursor::new(lines),
                &mut out,
                &mut err,
                &PipeOptions::default(),
                &Aligner::new(),
            )
            .expect("pipe into memory never fails");
            for l in String::from_utf8(out).expect("UTF-8 out").lines() {
                serde_json::from_str::<serde_json::Value>(l).expect("records parse");
            }
            for l in String::from_utf8(err).expect("UTF-8 errors").lines() {
                let v: serde_json::Value = serde_json::from_str(l).expect("error records parse");
                assert!(v["line"].as_u64().is_some_and(|n| n >= 1), "{l}");
            }
        }
    }
}

/// Writes random records through [`Output`] into a fresh directory, then
/// commits or drops the output: committed, every file is there and whole;
/// dropped, nothing is; never a temporary file left.
fn files_case(rng: &mut Rng) {
    let dir = tempfile::tempdir().expect("temp dir");
    let format = *rng.pick(&Format::ALL);
    let target = OutTarget::Path(dir.path().join("out"));
    let langs = [Lang::Zh, Lang::En];
    let mut out = Output::open(format, &target, &langs).expect("a fresh directory");
    let texts: Vec<String> = (0..4).map(|_| random_text(rng, 30)).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let n = rng.below(5);
    let w = out.writer();
    w.begin().expect("begin");
    for k in 0..n {
        w.write_pair(&Pair {
            doc: "fuzz",
            region: &texts[0],
            src_lang: Lang::Zh,
            tgt_lang: Lang::En,
            src: &refs[..2],
            tgt: &refs[2..],
            src_range: 2 * k..2 * k + 2,
            tgt_range: 2 * k..2 * k + 2,
            score: 0.5,
        })
        .expect("write");
    }
    let paths = output::target_paths(format, &target, &langs);
    let commit = rng.chance(0.5);
    if commit {
        out.commit().expect("commit");
    } else {
        drop(out);
    }
    let mut found: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut want: Vec<String> = if commit {
        paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    } else {
        Vec::new()
    };
    want.sort();
    assert_eq!(found, want, "{format}: committed {commit}");
}

/// What a run of one target found.
#[derive(Debug, Default)]
pub struct Outcome {
    pub cases: u64,
    pub panics: Vec<(u64, String)>,
    pub slowest: Duration,
    pub slowest_case: u64,
}

/// Runs `cases` cases of `target`, case `i` seeded from `seed` and `i`
/// (so any case replays alone). Panics are caught and recorded.
pub fn run(target: Target, seed: u64, first: u64, cases: u64, seeds: &Seeds) -> Outcome {
    let mut out = Outcome::default();
    for i in first..first + cases {
        let mut rng = Rng::new(seed ^ (i.wrapping_mul(0xA24B_AED4_963E_E407)) ^ target as u64);
        let t = Instant::now();
        let r = catch_unwind(AssertUnwindSafe(|| run_case(target, &mut rng, seeds)));
        let dt = t.elapsed();
        if dt > out.slowest {
            out.slowest = dt;
            out.slowest_case = i;
        }
        out.cases += 1;
        if let Err(p) = r {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".into());
            out.panics.push((i, msg));
        }
    }
    out
}

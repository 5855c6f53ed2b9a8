//! Bad and awkward input: every case ends in a typed error naming the file,
//! or in a parsed document with findings, never in a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sixalign::parse::{ParseOptions, parse_path};
use sixalign::qa::FindingKind;
use sixalign::{Document, Error, ErrorKind, Lang};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/A-RES-74-28.zh.md");

fn seed_text() -> String {
    std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("cannot read {SEED}: {e}"))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()));
    p
}

fn load(path: &Path) -> Result<Document, Error> {
    parse_path(path, &ParseOptions::default())
}

fn must_fail(path: &Path) -> Error {
    match load(path) {
        Ok(doc) => panic!(
            "{} parsed into {} blocks; an error was expected",
            path.display(),
            doc.blocks.len()
        ),
        Err(e) => {
            assert_eq!(e.path(), Some(path), "the error names the file: {e}");
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
            assert!(e.to_string().contains(name), "message names the file: {e}");
            e
        }
    }
}

/// What the parser made of a document, without positions: equal for the same
/// text whatever its encoding or line ends.
/// Kind, label (`raw=key`), text, line, footnote references.
type Shape = (String, Option<String>, String, usize, Vec<String>);

fn shape(doc: &Document) -> Vec<Shape> {
    doc.blocks
        .iter()
        .map(|b| {
            (
                b.kind.name().to_string(),
                b.label.as_ref().map(|l| format!("{}={}", l.raw, l.key)),
                b.text.clone(),
                b.line,
                b.footnote_refs.clone(),
            )
        })
        .collect()
}

fn utf16(s: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in s.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn empty_and_blank_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", &b"  \n\r\n\t\n"[..]),
        ("bom-only.txt", &b"\xEF\xBB\xBF"[..]),
    ] {
        let e = must_fail(&write(dir.path(), name, bytes));
        assert!(matches!(e.kind(), ErrorKind::Empty), "{name}: {e}");
        assert!(e.to_string().contains("empty"), "{e}");
    }
}

#[test]
fn binary_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let e = must_fail(&write(
        dir.path(),
        "nul.bin",
        b"The General Assembly,\0\x01\x02",
    ));
    match e.kind() {
        ErrorKind::Binary { offset } => assert_eq!(*offset, 21),
        other => panic!("expected Binary, got {other:?}"),
    }
    assert!(e.to_string().contains("byte 21"), "{e}");
    // UTF-16 without a byte-order mark is full of NUL bytes: binary, not garbage text.
    let mut no_bom = utf16("The General Assembly,", true);
    no_bom.drain(..2);
    let e = must_fail(&write(dir.path(), "utf16-no-bom.txt", &no_bom));
    assert!(
        matches!(e.kind(), ErrorKind::Binary { offset: 1 }),
        "{:?}",
        e.kind()
    );
    // A PDF is read as a PDF, not as "invalid UTF-8": this one is cut short.
    let e = must_fail(&write(
        dir.path(),
        "report.pdf",
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n",
    ));
    match e.kind() {
        ErrorKind::Unreadable { format, reason, .. } => {
            assert_eq!(*format, "PDF");
            assert!(reason.contains("truncated"), "{reason}");
        }
        other => panic!("expected Unreadable, got {other:?}"),
    }
    // Dense control characters without NUL.
    let ctl: Vec<u8> = (0..400u32)
        .map(|i| [b'a', 0x01, 0x02, 0x7F][i as usize % 4])
        .collect();
    let e = must_fail(&write(dir.path(), "controls.bin", &ctl));
    match e.kind() {
        ErrorKind::Binary { offset } => assert_eq!(*offset, 1),
        other => panic!("expected Binary, got {other:?}"),
    }
}

#[test]
fn invalid_utf8_names_the_byte() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut bytes = "大会，\n\n回顾其决议，\n".as_bytes().to_vec();
    let at = bytes.len();
    bytes.extend(b"\xFF\xFE 1. text");
    let e = must_fail(&write(dir.path(), "bad-utf8.txt", &bytes));
    match e.kind() {
        ErrorKind::InvalidUtf8 { offset } => assert_eq!(*offset, at),
        other => panic!("expected InvalidUtf8, got {other:?}"),
    }
    assert!(e.to_string().contains(&format!("byte {at}")), "{e}");
    // After a UTF-8 byte-order mark the offset still counts from the file's first byte.
    let mut with_bom = b"\xEF\xBB\xBFabc".to_vec();
    with_bom.push(0xC3);
    with_bom.extend(b"(d)");
    let e = must_fail(&write(dir.path(), "bom-bad.txt", &with_bom));
    assert!(
        matches!(e.kind(), ErrorKind::InvalidUtf8 { offset: 6 }),
        "{:?}",
        e.kind()
    );
}

#[test]
fn truncated_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = seed_text();
    let cut = seed.find("(b) 为执行").expect("1(b) in the seed") + "(b) 为执行".len();
    // Cut inside a three-byte character: invalid UTF-8 exactly there.
    let bytes = &seed.as_bytes()[..cut + 1];
    let e = must_fail(&write(dir.path(), "cut-mid-char.md", bytes));
    match e.kind() {
        ErrorKind::InvalidUtf8 { offset } => assert_eq!(*offset, cut),
        other => panic!("expected InvalidUtf8, got {other:?}"),
    }
    // Cut on a character boundary: it parses, and the footnotes cited but
    // lost with the rest of the file are reported.
    let p = write(dir.path(), "cut.md", &seed.as_bytes()[..cut]);
    let doc = load(&p).unwrap_or_else(|e| panic!("{e}"));
    let keys: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| b.label.as_ref())
        .map(|l| l.key.as_str())
        .collect();
    assert_eq!(keys, ["agenda93", "1", "1(a)", "1(b)"]);
    assert_eq!(doc.blocks.last().map(|b| b.text.as_str()), Some("为执行"));
    assert!(doc.footnotes.is_empty());
    let missing: Vec<Option<&str>> = doc
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::FootnoteUnmatched)
        .map(|f| f.label.as_deref())
        .collect();
    assert_eq!(missing, [Some("1"), Some("2"), Some("3")]);
    // Odd byte count in UTF-16: the last unit is cut.
    let mut odd = utf16("大会，", true);
    odd.push(0x41);
    let e = must_fail(&write(dir.path(), "odd.utf16", &odd));
    // The offset is that of the dangling last byte.
    match e.kind() {
        ErrorKind::InvalidUtf16 { offset } => assert_eq!(*offset, odd.len() - 1),
        other => panic!("expected InvalidUtf16, got {other:?}"),
    }
    // A lone surrogate.
    let e = must_fail(&write(
        dir.path(),
        "surrogate.utf16",
        &[0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x41, 0x00],
    ));
    assert!(
        matches!(e.kind(), ErrorKind::InvalidUtf16 { offset: 4 }),
        "{:?}",
        e.kind()
    );
}

#[test]
fn encodings_and_line_ends_parse_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = seed_text();
    let base = load(SEED.as_ref()).unwrap_or_else(|e| panic!("{e}"));
    let want = shape(&base);
    assert_eq!(base.blocks.len(), 32);
    let mut bom8 = b"\xEF\xBB\xBF".to_vec();
    bom8.extend(seed.as_bytes());
    let variants: [(&str, Vec<u8>); 6] = [
        ("utf16le.md", utf16(&seed, true)),
        ("utf16be.md", utf16(&seed, false)),
        ("utf8bom.md", bom8),
        ("crlf.md", seed.replace('\n', "\r\n").into_bytes()),
        ("cr.md", seed.replace('\n', "\r").into_bytes()),
        ("crlf-utf16le.md", utf16(&seed.replace('\n', "\r\n"), true)),
    ];
    for (name, bytes) in variants {
        let p = write(dir.path(), name, &bytes);
        let doc = load(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.lang, Lang::Zh, "{name}");
        assert_eq!(doc.symbol.as_deref(), Some("A/RES/74/28"), "{name}");
        assert_eq!(shape(&doc), want, "{name}");
        let fns: Vec<(&str, &str)> = doc
            .footnotes
            .iter()
            .map(|f| (f.label.as_str(), f.text.as_str()))
            .collect();
        assert_eq!(
            fns,
            [("1", "A/65/201。"), ("2", "A/68/98。"), ("3", "A/70/174。")],
            "{name}"
        );
        assert_eq!(doc.date().as_deref(), Some("2019-12-12"), "{name}");
        assert_eq!(doc.meeting(), Some(46), "{name}");
        // No line-end character leaks into a block.
        for b in &doc.blocks {
            assert!(!b.text.contains('\r'), "{name}: {:?}", b.text);
        }
    }
}

#[test]
fn ten_megabyte_single_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let unit = "the Assembly notes the report of the Secretary-General and ";
    let n = 10 * 1024 * 1024 / unit.len() + 1;
    let text = unit.repeat(n);
    assert!(text.len() >= 10 * 1024 * 1024);
    let p = write(dir.path(), "one-line.txt", text.as_bytes());
    let doc = load(&p).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.lang, Lang::En);
    assert_eq!(doc.blocks.len(), 1);
    // Nothing lost: the one block is the whole line, trailing space aside.
    assert_eq!(doc.blocks[0].text.len(), text.trim_end().len());
    assert_eq!(doc.blocks[0].span, 0..text.trim_end().len());
    assert!(
        doc.findings
            .iter()
            .any(|f| f.kind == FindingKind::NoNumbering)
    );
}

#[test]
fn no_numbering_is_a_finding() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = write(
        dir.path(),
        "prose.txt",
        "The General Assembly,\n\nRecalling its resolutions on the matter,\n\nNoting with concern the situation in the region,\n".as_bytes(),
    );
    let doc = load(&p).unwrap_or_else(|e| panic!("{e}"));
    let kinds: Vec<&str> = doc.blocks.iter().map(|b| b.kind.name()).collect();
    assert_eq!(kinds, ["opener", "preamble", "preamble"]);
    let found: Vec<FindingKind> = doc.findings.iter().map(|f| f.kind).collect();
    assert!(found.contains(&FindingKind::NoNumbering), "{found:?}");
}

#[test]
fn unknown_language_and_missing_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let e = must_fail(&write(dir.path(), "digits.txt", b"1234 5678\n90 -- 12\n"));
    assert!(matches!(e.kind(), ErrorKind::UnknownLanguage), "{e}");
    assert!(e.to_string().contains("--lang"), "{e}");
    let gone = dir.path().join("no-such-file.md");
    let e = must_fail(&gone);
    assert!(matches!(e.kind(), ErrorKind::Io(_)), "{e}");
}

fn inspect(args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sixalign"));
    cmd.arg("inspect").args(args);
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run sixalign");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(bytes).expect("write stdin");
    }
    child.wait_with_output().expect("sixalign output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn cli_exit_codes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path_str = |p: &Path| p.to_str().expect("utf-8 temp path").to_string();

    let empty = path_str(&write(dir.path(), "empty.txt", b""));
    let o = inspect(&[&empty], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(&empty), "{}", stderr(&o));
    assert!(stderr(&o).contains("empty"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());

    let bad = path_str(&write(dir.path(), "bad.txt", b"abc\xFFdef"));
    let o = inspect(&[&bad, "--json"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid UTF-8 at byte 3"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains(&bad), "{}", stderr(&o));

    let nul = path_str(&write(dir.path(), "nul.bin", b"ab\0cd"));
    let o = inspect(&[&nul], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("binary data at byte 2"),
        "{}",
        stderr(&o)
    );

    let o = inspect(&[SEED, "--lang", "xx"], None);
    assert_eq!(o.status.code(), Some(2), "bad --lang is a usage error");
    assert!(stderr(&o).contains("xx"), "{}", stderr(&o));

    // Findings: 0 by default, 1 with --strict.
    let prose = path_str(&write(
        dir.path(),
        "prose.txt",
        b"The General Assembly,\n\nRecalling its resolutions on the matter,\n",
    ));
    let o = inspect(&[&prose], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("no numbered paragraphs"), "{out}");
    let o = inspect(&[&prose, "--strict"], None);
    assert_eq!(o.status.code(), Some(1));
    // The seed has no findings: 0 even with --strict.
    let o = inspect(&[SEED, "--strict"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // UTF-16 on standard input.
    let o = inspect(&["-", "--json"], Some(&utf16(&seed_text(), false)));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    assert_eq!(v["lang"], "zh");
    assert_eq!(v["symbol"], "A/RES/74/28");
    assert_eq!(v["blocks"].as_array().map(Vec::len), Some(32));
}

mod fuzz {
    use proptest::prelude::*;
    use sixalign::load::Text;
    use sixalign::parse::{ParseOptions, parse};

    /// Pieces a UN document is made of, in every script, plus the awkward bits.
    const PIECES: &[&str] = &[
        "1. ",
        "١ - ",
        "１．",
        "(a) ",
        "a) ",
        "а) ",
        "(أ) ",
        ")ب( ",
        "(ii) ",
        "(i) ",
        "I. ",
        "A. ",
        "一、",
        "أولا - ",
        "Article 1",
        "Article premier",
        "第十二条",
        "Статья 3",
        "المادة ٤",
        "大会，",
        "The General Assembly,",
        "回顾其决议，",
        "Recalling",
        " text ",
        "文字",
        "نص",
        "текст",
        "<sup>1</sup>",
        "<sup>",
        "</sup>",
        "¹",
        "⁽²⁾",
        "⁽",
        "[A/65/201](#)",
        "[",
        "](",
        "## ",
        "---",
        "  - ",
        "A/RES/74/28",
        "19-21972",
        "1/3",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "  ",
        "\t",
        ",",
        "，",
        ";",
        "；",
        "。",
        ".",
        "-",
        "\u{0640}",
        "\u{200B}",
        "\u{FEFF}",
        "é",
        "e\u{0301}",
        "2019 年 12 月 12 日",
        "第 46 次全体会议",
        "46th plenary meeting",
        "12 December 2019",
        "议程项目 93",
        "Agenda item 93",
        "(",
        ")",
        "第",
        "条",
        "\u{1F600}",
        "__________",
        "1 ",
        "(2) ",
        "12 - ",
        "tech-",
        "*",
        "**Decides**",
        "nologies",
        "Secretary-",
        "General",
    ];

    fn check(text: &Text) {
        // Footnote marks are in view order and inside the view: the parser
        // finds them by binary search.
        let marks = text.footnote_marks();
        assert!(
            marks.windows(2).all(|w| w[0].normalized <= w[1].normalized),
            "{marks:?}"
        );
        assert!(
            marks
                .iter()
                .all(|m| m.normalized <= text.normalized().len())
        );
        for lang in [None, Some(sixalign::Lang::Ar), Some(sixalign::Lang::Zh)] {
            let Ok(doc) = parse(text, &ParseOptions { lang, symbol: None }) else {
                continue;
            };
            let orig = text.original();
            // Lines end in LF, CRLF or a lone CR.
            let lines = orig.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1;
            for b in &doc.blocks {
                assert!(orig.get(b.span.clone()).is_some(), "span {:?}", b.span);
                assert!(
                    b.line >= 1 && b.line <= lines,
                    "line {} of {lines}: {orig:?}",
                    b.line
                );
                assert!(!b.text.contains('\r'));
            }
            for f in &doc.footnotes {
                assert!(
                    orig.get(f.span.clone()).is_some(),
                    "footnote span {:?}",
                    f.span
                );
            }
            let _ = (
                doc.agenda_item(),
                doc.meeting(),
                doc.date(),
                doc.resolution_number(),
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            if let Ok(text) = Text::from_bytes("fuzz", &bytes) {
                check(&text);
            }
        }

        #[test]
        fn document_pieces_never_panic(idx in proptest::collection::vec(0..PIECES.len(), 0..60)) {
            let s: String = idx.iter().map(|&i| PIECES[i]).collect();
            match Text::from_bytes("fuzz", s.as_bytes()) {
                Ok(text) => {
                    // The original is kept as it is, byte-order mark aside.
                    prop_assert_eq!(text.original(), s.strip_prefix('\u{FEFF}').unwrap_or(&s));
                    check(&text);
                }
                Err(e) => prop_assert!(e.to_string().starts_with("fuzz: "), "{}", e),
            }
        }
    }
}

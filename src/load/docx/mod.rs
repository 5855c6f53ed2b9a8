//! Word documents (`.docx`, Office Open XML) to text.
//!
//! - Paragraphs of the body in document order, one per line, blank-line
//!   separated; table cells one paragraph each, row by row.
//! - Automatic list numbers are not text in Word: the label of a numbered
//!   paragraph is rebuilt from `w:numPr` (on the paragraph or its style) and
//!   `numbering.xml` — the level's `w:numFmt` (decimal, letters, roman,
//!   Chinese counting, ideographs, Arabic letters, Cyrillic letters…), its
//!   `w:lvlText` (`%1.`, `(%2)`), `w:start`, restarts of lower levels, and
//!   the `w:lvlOverride`/`w:startOverride` of a `w:num` — and written before
//!   the text as a typed label would be (`1. `, `(a) `, `一、`).
//! - A footnote reference becomes `<sup>N</sup>` (N counting references in
//!   order, as Word numbers them) and the footnote texts follow the body,
//!   each opening with its mark, as the normalized view reads them.
//! - Headers and footers are other parts of the package: never read.
//! - Tracked changes are resolved to the final text: insertions and moves
//!   kept, deletions and the old side of moves dropped, old formatting
//!   (`w:pPrChange`, the numbering it held) ignored.
//!
//! This file opens the package and checks its parts; the body
//! (`body.rs`), the list numbering (`numbering.rs`) and the styles that
//! carry numbering (`styles.rs`) are read in rooms of their own.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::error::ErrorKind;

mod body;
mod numbering;
mod styles;

use body::Body;
use numbering::Numbering;
use styles::Styles;

const FORMAT: &str = "Word (.docx)";

fn unreadable(reason: impl Into<String>, fix: &str) -> ErrorKind {
    ErrorKind::Unreadable {
        format: FORMAT,
        reason: reason.into(),
        fix: fix.into(),
    }
}

const RESAVE: &str =
    "open it in Word or LibreOffice and save it again as .docx, or save it as plain text";

/// The text of a `.docx` file.
pub(super) fn to_text(bytes: &[u8]) -> Result<String, ErrorKind> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        unreadable(
            format!("it is not a readable zip archive, perhaps corrupt or truncated ({e})"),
            RESAVE,
        )
    })?;
    if zip.by_name("word/document.xml").is_err() {
        let has = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, n: &str| zip.by_name(n).is_ok();
        let what = if has(&mut zip, "xl/workbook.xml") {
            "an Excel workbook"
        } else if has(&mut zip, "ppt/presentation.xml") {
            "a PowerPoint presentation"
        } else if has(&mut zip, "content.xml") {
            "an OpenDocument file"
        } else {
            "a zip archive"
        };
        return Err(unreadable(
            format!("it is {what}, not a Word document (no word/document.xml)"),
            "give the Word (.docx), PDF, HTML or text version of the document",
        ));
    }
    // The parts inflated, together, are held to the input size limit: a
    // zip bomb (megabytes that inflate to gigabytes) is read until the limit
    // and refused, in bounded memory.
    let limit = crate::input::max_input();
    let mut left = limit;
    let mut part = |name: &str| -> Result<Option<String>, ErrorKind> {
        let f = match zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(unreadable(format!("cannot open {name}: {e}"), RESAVE)),
        };
        // The size the archive declares refuses most bombs before a byte is
        // inflated; the reading is bounded whatever it declares.
        if f.size() > left {
            return Err(inflates_past(name, limit));
        }
        let buf = read_part(f, name, &mut left, limit)?;
        let s = super::decode(&buf)
            .map_err(|e| unreadable(format!("{name} is not text: {e}"), RESAVE))?;
        Ok(Some(s))
    };
    let document = part("word/document.xml")?.unwrap_or_default();
    let numbering = part("word/numbering.xml")?;
    let styles = part("word/styles.xml")?;
    let footnotes = part("word/footnotes.xml")?;

    // Well-formed and of the right kind, so that a broken part is called
    // broken, not read as a document without text.
    check_part("word/document.xml", &document, "document")?;
    for (name, x, root) in [
        ("word/numbering.xml", &numbering, "numbering"),
        ("word/styles.xml", &styles, "styles"),
        ("word/footnotes.xml", &footnotes, "footnotes"),
    ] {
        if let Some(x) = x {
            check_part(name, x, root)?;
        }
    }
    let numbering = match numbering {
        Some(x) => Numbering::read(&x).map_err(|e| bad_xml("word/numbering.xml", e))?,
        None => Numbering::default(),
    };
    let styles = match styles {
        Some(x) => Styles::read(&x).map_err(|e| bad_xml("word/styles.xml", e))?,
        None => Styles::default(),
    };
    let mut body = Body::new(&numbering, &styles);
    body.read(&document, None)
        .map_err(|e| bad_xml("word/document.xml", e))?;
    let mut out = std::mem::take(&mut body.out);
    if !body.notes.is_empty()
        && let Some(x) = footnotes
    {
        let refs = std::mem::take(&mut body.notes);
        let mut notes = Body::new(&numbering, &styles);
        let mut texts: HashMap<String, String> = HashMap::new();
        notes
            .read_notes(&x, &mut texts)
            .map_err(|e| bad_xml("word/footnotes.xml", e))?;
        for (id, n) in refs {
            if let Some(t) = texts.get(&id) {
                out.push_str(&format!("<sup>{n}</sup> {}\n\n", t.trim()));
            }
        }
    }
    Ok(out)
}

/// Inflates one part, at most `left` bytes (what the input size limit
/// leaves after the parts already read); one more is refused.
fn read_part(f: impl Read, name: &str, left: &mut u64, limit: u64) -> Result<Vec<u8>, ErrorKind> {
    let mut buf = Vec::new();
    f.take(left.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| unreadable(format!("cannot read {name}: {e}"), RESAVE))?;
    if buf.len() as u64 > *left {
        return Err(inflates_past(name, limit));
    }
    *left -= buf.len() as u64;
    Ok(buf)
}

fn inflates_past(name: &str, limit: u64) -> ErrorKind {
    unreadable(
        format!(
            "its XML ({name}) inflates past the input size limit of {} (a zip bomb, or a document far larger than any UN document)",
            crate::error::human_bytes(limit)
        ),
        "if it is genuine, raise the limit with --max-input SIZE or SIXALIGN_MAX_INPUT",
    )
}

/// Checks that `xml`, the part `name`, is one element named `root` (any
/// prefix: `<w:document>`) closed at the end, as the parser itself does not
/// when the text just stops.
fn check_part(name: &str, xml: &str, root: &str) -> Result<(), ErrorKind> {
    let mut r = Reader::from_str(xml);
    let mut depth = 0usize;
    let mut seen_root = false;
    loop {
        let ev = r.read_event().map_err(|e| bad_xml(name, e))?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) if !seen_root => {
                if e.local_name().as_ref() != root {
                    return Err(unreadable(
                        format!(
                            "{name} is not WordprocessingML: its root element is <{}>, not <w:{root}>",
                            e.name().as_ref()
                        ),
                        RESAVE,
                    ));
                }
                seen_root = true;
                // An empty root (`<w:document/>`) is closed already.
                depth = usize::from(matches!(ev, Event::Start(_)));
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err(unreadable(
            format!("{name} holds no XML element (nothing, or cut short before its root)"),
            RESAVE,
        ));
    }
    if depth > 0 {
        return Err(unreadable(
            format!(
                "{name} is not well-formed XML: it ends with {depth} element{} not closed (cut short?)",
                if depth == 1 { "" } else { "s" }
            ),
            RESAVE,
        ));
    }
    Ok(())
}

fn bad_xml(part: &str, e: quick_xml::Error) -> ErrorKind {
    unreadable(format!("{part} is not well-formed XML ({e})"), RESAVE)
}

/// The value of attribute `local` (any prefix).
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local).then(|| super::html::decode_entities(&a.value))
    })
}

fn val(e: &BytesStart) -> Option<String> {
    attr(e, "val")
}

/// Property changes hold the old formatting of tracked changes: never read.
fn is_change(name: &str) -> bool {
    matches!(
        name,
        "pPrChange"
            | "rPrChange"
            | "sectPrChange"
            | "tblPrChange"
            | "trPrChange"
            | "tcPrChange"
            | "numberingChange"
            | "tblGridChange"
    )
}

#[cfg(test)]
mod tests {
    use super::numbering::format_number;
    use super::*;

    #[test]
    fn letters_are_bounded() {
        assert_eq!(format_number(780, "lowerLetter"), "z".repeat(30));
        assert_eq!(format_number(781, "lowerLetter"), "781");
        assert_eq!(format_number(2_000_000_000, "upperLetter"), "2000000000");
        assert_eq!(format_number(i64::MAX, "lowerLetter"), i64::MAX.to_string());
        // Every format, at the extremes: short, and no overflow.
        for fmt in [
            "decimal",
            "lowerLetter",
            "upperLetter",
            "lowerRoman",
            "upperRoman",
            "decimalZero",
            "decimalFullWidth",
            "chineseCounting",
            "ideographDigital",
            "ideographTraditional",
            "arabicAlpha",
            "arabicAbjad",
            "russianLower",
            "russianUpper",
            "hindiNumbers",
        ] {
            for n in [i64::MIN, -5, 0, 2_000_000_000, i64::MAX] {
                let s = format_number(n, fmt);
                assert!(s.chars().count() <= 40, "{fmt} {n}: {s}");
            }
        }
        assert_eq!(format_number(-12, "decimalFullWidth"), "-１２");
        assert_eq!(format_number(-12, "hindiNumbers"), "-١٢");
    }

    #[test]
    fn parts_are_read_to_the_limit_only() {
        // A part that declares nothing and inflates forever stops at the limit.
        let mut left = 1000;
        let e = read_part(std::io::repeat(b'x'), "word/document.xml", &mut left, 1000).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("word/document.xml") && msg.contains("--max-input"),
            "{msg}"
        );
        // Parts share the limit.
        let mut left = 1000;
        assert_eq!(
            read_part(&[b'a'; 600][..], "a", &mut left, 1000)
                .unwrap()
                .len(),
            600
        );
        assert_eq!(left, 400);
        assert!(read_part(&[b'a'; 600][..], "b", &mut left, 1000).is_err());
        assert_eq!(
            read_part(&[b'a'; 400][..], "c", &mut left, 1000)
                .unwrap()
                .len(),
            400
        );
    }

    #[test]
    fn number_formats() {
        let rows: [(i64, &str, &str); 14] = [
            (3, "decimal", "3"),
            (2, "lowerLetter", "b"),
            (27, "lowerLetter", "aa"),
            (4, "lowerRoman", "iv"),
            (9, "upperRoman", "IX"),
            (1, "chineseCounting", "一"),
            (10, "chineseCountingThousand", "十"),
            (12, "chineseCounting", "十二"),
            (105, "chineseCounting", "一百零五"),
            (3, "ideographTraditional", "丙"),
            (10, "ideographDigital", "一〇"),
            (3, "arabicAbjad", "ج"),
            (3, "arabicAlpha", "ت"),
            (2, "russianLower", "б"),
        ];
        for (n, fmt, want) in rows {
            assert_eq!(format_number(n, fmt), want, "{n} {fmt}");
        }
    }
}

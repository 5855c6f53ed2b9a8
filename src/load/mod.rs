//! Loading a document: bytes to [`Text`].
//!
//! The format is told by content ([`sniff`]), not by the file name:
//! - plain text and markdown: UTF-8 (with or without a byte-order mark) and
//!   UTF-16 LE/BE with a byte-order mark; binary files and invalid encodings
//!   are refused with an error naming the byte offset;
//! - Word `.docx` (`docx`): paragraphs in order, automatic list numbers
//!   written out as labels, footnotes appended, tables cell by cell, headers
//!   and footers dropped, tracked changes resolved to the final text;
//! - PDF (`pdf`, through poppler's `pdftotext`): page furniture dropped,
//!   lines rejoined into paragraphs, page-foot footnotes moved to the end;
//! - HTML (`html`): block elements to paragraphs, `<ol>` numbers to labels;
//! - legacy Word `.doc` and RTF: converted to `.docx` by LibreOffice
//!   (`soffice`) when it is installed.
//!
//! The external converters run in their own process group, under a time
//! limit, and are ended with everything they started when sixalign stops
//! ([`convert`]).
//!
//! A converted format's "original" is the text extracted from it (one
//! paragraph per line, blank-line separated): byte offsets, lines and
//! [`Text::original`] refer to that text, not to the bytes of the file.
//! Then the normalized view used for matching is built (see
//! [`crate::normalize`]). The original text is kept unchanged so that every
//! later stage can output it.
//!
//! ```
//! use sixalign::load::Text;
//!
//! let text = Text::from_bytes("memo", "1. Ｕｒｇｅｓ States;\r\n".as_bytes()).unwrap();
//! assert_eq!(text.original(), "1. Ｕｒｇｅｓ States;\r\n");
//! assert_eq!(text.normalized(), "1. Urges States;");
//! // The view maps back to the original characters.
//! assert_eq!(text.original_text(3..8), "Ｕｒｇｅｓ");
//! ```

use std::ops::Range;
use std::path::Path;

use crate::error::{Error, ErrorKind, Result};
use crate::input::read_input;
pub use crate::normalize::FootnoteMark;
use crate::normalize::{self, View};

pub mod convert;
pub(crate) mod docx;
mod format;
pub(crate) mod html;
mod offsets;
pub(crate) mod pdf;

pub use format::{SourceFormat, sniff};
pub use offsets::Offsets;

/// A decoded document: the original text plus a normalized view with
/// offsets back into the original.
///
/// The normalized view is NFKC (full-width digits and punctuation become
/// ASCII), Eastern Arabic digits become ASCII, tatweel and zero-width
/// characters are dropped, conversion furniture (markdown headers, `<sup>`
/// marks, `[text](#)` links, `---` rules, list bullets, page numbers, running
/// headers with the symbol) is stripped, and lines broken inside a sentence
/// are rejoined. Paragraphs are separated by a single `\n`.
#[derive(Clone, Debug)]
pub struct Text {
    name: String,
    format: SourceFormat,
    original: String,
    view: View,
    line_starts: Vec<usize>,
}

impl Text {
    /// Reads a document from a file; `-` reads standard input.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Text> {
        let path = path.as_ref();
        let name = path.to_string_lossy().into_owned();
        let bytes = read_bytes(path)?;
        Text::from_bytes(&name, &bytes)
    }

    /// Reads a document held in memory, in any of the formats [`sniff`]
    /// tells; `name` is used in errors and reports.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Text> {
        let format = sniff(bytes);
        let original = extract(format, bytes).map_err(|k| Error::new(k).with_path(name))?;
        Text::build(name, original, format)
    }

    /// Wraps text that was extracted from a PDF by another tool (such as
    /// `pdftotext`): as [`Text::from_string`], and footnote reference
    /// digits glued to a word (`Declaration8`, `《宣言》8`) are read as
    /// references, as for a PDF file.
    pub fn from_pdf_text(name: &str, text: String) -> Result<Text> {
        Text::build(name, text, SourceFormat::Pdf)
    }

    /// Wraps text that is already decoded (still checked for binary content).
    pub fn from_string(name: &str, original: String) -> Result<Text> {
        Text::build(name, original, SourceFormat::Text)
    }

    fn build(name: &str, original: String, format: SourceFormat) -> Result<Text> {
        check_text(&original).map_err(|k| Error::new(k).with_path(name))?;
        let view = if format == SourceFormat::Pdf {
            normalize::build_pdf_text(&original)
        } else {
            normalize::build(&original)
        };
        let mut line_starts = vec![0];
        let bytes = original.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let is_break = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if is_break {
                line_starts.push(i + 1);
            }
        }
        Ok(Text {
            name: name.to_string(),
            format,
            original,
            view,
            line_starts,
        })
    }

    /// The name given when loading (a path, `-`, or an id).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The format the document was read from.
    pub fn format(&self) -> SourceFormat {
        self.format
    }

    /// The decoded text, exactly as in the file (byte-order mark removed);
    /// for a converted format (Word, PDF, HTML), the text extracted from it.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The normalized view used for matching. Never output it.
    pub fn normalized(&self) -> &str {
        &self.view.text
    }

    /// The original byte range that normalized byte `i` comes from.
    ///
    /// `None` when `i` is out of range.
    pub fn original_range_of(&self, i: usize) -> Option<Range<usize>> {
        self.view
            .map
            .get(&self.view.text, i)
            .map(|[s, e]| s as usize..e as usize)
    }

    /// Converts a byte range of the normalized view to the byte range of the
    /// original text it covers. `None` when the range is out of bounds.
    pub fn to_original(&self, r: Range<usize>) -> Option<Range<usize>> {
        let (map, text) = (&self.view.map, &self.view.text);
        if r.start > r.end || r.end > map.len() {
            return None;
        }
        if r.start == r.end {
            let at = match map.get(text, r.start) {
                Some([s, _]) => s as usize,
                None => self.original.len(),
            };
            return Some(at..at);
        }
        let start = map.get(text, r.start)?[0] as usize;
        let end = map.get(text, r.end - 1)?[1] as usize;
        Some(start..end.max(start))
    }

    /// The original characters behind a range of the normalized view, with the
    /// furniture the view dropped left out and broken lines rejoined as in
    /// the view. This is the text later stages output.
    pub fn original_text(&self, r: Range<usize>) -> String {
        self.original_text_offsets(r).0
    }

    /// [`original_text`](Text::original_text) with its way back: the
    /// offsets of every byte of the returned text in the original, trimmed
    /// of white space at both ends as blocks are.
    pub fn original_text_trimmed(&self, r: Range<usize>) -> (String, Offsets) {
        let (out, offsets) = self.original_text_offsets(r);
        let lead = out.len() - out.trim_start().len();
        let text = out.trim().to_string();
        (text, offsets.shifted(lead, self.original.len()))
    }

    fn original_text_offsets(&self, r: Range<usize>) -> (String, Offsets) {
        offsets::original_text_offsets(&self.original, &self.view, r)
    }

    /// Footnote marks removed from the view, in document order.
    pub fn footnote_marks(&self) -> &[FootnoteMark] {
        &self.view.marks
    }

    /// The 1-based line of the original text holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// The paragraphs of the normalized view: byte ranges of its non-empty lines.
    pub fn paragraphs(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let text = &self.view.text;
        let mut start = 0;
        text.split('\n').filter_map(move |line| {
            let r = start..start + line.len();
            start += line.len() + 1;
            (!line.trim().is_empty()).then_some(r)
        })
    }
}

/// The bytes of a file, or of standard input for `-`, through the one
/// reader ([`crate::input::read_input`]: size limit, no devices).
fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    read_input(path)
}

/// Reads a plain text file (`-` for standard input) with the same decoding
/// and checks as [`Text::from_path`], but without the normalized view: for
/// sentence-per-line input, which has no document structure to find.
pub fn read_plain(path: impl AsRef<Path>) -> Result<String> {
    let path = path.as_ref();
    let bytes = read_bytes(path)?;
    let text = decode(&bytes).map_err(|k| Error::new(k).with_path(path))?;
    check_text(&text).map_err(|k| Error::new(k).with_path(path))?;
    Ok(text)
}

/// Reads a small text input (a manifest, a job file, a lexicon, a bead
/// file) through [`read_input`] and decodes it as documents are (UTF-8 with
/// or without a byte-order mark, UTF-16 with one); empty is allowed.
pub fn read_text_file(path: impl AsRef<Path>) -> Result<String> {
    let path = path.as_ref();
    let bytes = read_input(path)?;
    if bytes.is_empty() {
        return Ok(String::new());
    }
    decode(&bytes).map_err(|k| Error::new(k).with_path(path))
}

/// The text of a file of this format.
fn extract(format: SourceFormat, bytes: &[u8]) -> std::result::Result<String, ErrorKind> {
    if bytes.len() > u32::MAX as usize - 8 {
        return Err(ErrorKind::TooLarge { len: bytes.len() });
    }
    match format {
        SourceFormat::Text => decode(bytes),
        SourceFormat::Html => decode(bytes).map(|s| html::to_text(&s)),
        SourceFormat::Docx => docx::to_text(bytes),
        SourceFormat::Pdf => pdf::to_text(bytes),
        SourceFormat::Doc | SourceFormat::Rtf => legacy_to_text(format, bytes),
        SourceFormat::Encrypted => Err(ErrorKind::Unreadable {
            format: "Office",
            reason: "it is encrypted (protected by a password)".into(),
            fix: "open it in Word or LibreOffice, remove the password, and save it again as .docx"
                .into(),
        }),
    }
}

/// A Word 97–2003 or RTF file, converted to `.docx` by LibreOffice, in
/// its own process group, under the time limit, from a copy in a private
/// working directory (see [`convert`]).
fn legacy_to_text(format: SourceFormat, bytes: &[u8]) -> std::result::Result<String, ErrorKind> {
    let missing = ErrorKind::MissingTool {
        format: format.name(),
        tool: "soffice",
        package: "libreoffice-writer-nogui",
    };
    let soffice = find_program("soffice").ok_or(missing)?;
    let input_name = if format == SourceFormat::Rtf {
        "input.rtf"
    } else {
        "input.doc"
    };
    let dir = convert::WorkDir::with_file("doc", input_name, bytes)?;
    let mut cmd = std::process::Command::new(&soffice);
    cmd.args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(dir.path())
        .arg(dir.path().join(input_name))
        // A private profile: a running LibreOffice would otherwise take the job.
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ));
    let unreadable = |reason: String, fix: &str| ErrorKind::Unreadable {
        format: format.name(),
        reason,
        fix: fix.into(),
    };
    let out =
        convert::run("soffice", cmd, None).map_err(|f| unreadable(f.reason("soffice"), f.fix()))?;
    match std::fs::read(dir.path().join("input.docx")) {
        // The file the user gave is a .doc or an RTF: so say its errors.
        Ok(docx) => docx::to_text(&docx).map_err(|e| match e {
            ErrorKind::Unreadable { reason, fix, .. } => ErrorKind::Unreadable {
                format: format.name(),
                reason: format!("converted by LibreOffice, {reason}"),
                fix,
            },
            e => e,
        }),
        Err(_) => Err(unreadable(
            format!(
                "LibreOffice could not convert it ({})",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
            "check that it opens in Word or LibreOffice, and save it as .docx",
        )),
    }
}

/// The lines of `text` without their ends, as [`str::lines`], but a lone
/// `\r` (classic Mac OS line ends) ends a line too, as it does for
/// documents ([`Text::line_of`]): sentence-per-line files, job files,
/// manifests and bead files read the same whatever their line ends.
///
/// ```
/// let lines: Vec<&str> = sixalign::load::lines("a\rb\r\nc\nd\r").collect();
/// assert_eq!(lines, ["a", "b", "c", "d"]);
/// ```
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
            None => (rest, ""),
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], &rest[i + skip..])
            }
        };
        rest = next;
        Some(line)
    })
}

/// The full path of a program on `PATH`.
pub(crate) fn find_program(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Decodes bytes by their byte-order mark; plain UTF-8 otherwise.
fn decode(bytes: &[u8]) -> std::result::Result<String, ErrorKind> {
    if bytes.len() > u32::MAX as usize - 8 {
        return Err(ErrorKind::TooLarge { len: bytes.len() });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest, 3);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    utf8(bytes, 0)
}

fn utf8(bytes: &[u8], shift: usize) -> std::result::Result<String, ErrorKind> {
    // NUL first: a binary file is better reported as binary than as bad UTF-8.
    if let Some(p) = memchr::memchr(0, bytes) {
        return Err(ErrorKind::Binary { offset: p + shift });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        // A PDF opens with a line of text but is not one: "convert to UTF-8"
        // would send the user the wrong way.
        Err(e) if bytes.starts_with(b"%PDF-") => Err(ErrorKind::Binary {
            offset: e.valid_up_to() + shift,
        }),
        Err(e) => Err(ErrorKind::InvalidUtf8 {
            offset: e.valid_up_to() + shift,
        }),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> std::result::Result<String, ErrorKind> {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len());
    let mut offset = 2;
    for ch in char::decode_utf16(units) {
        match ch {
            // Reported here so that the offset counts bytes of the file.
            Ok('\0') => return Err(ErrorKind::Binary { offset }),
            Ok(c) => {
                out.push(c);
                offset += 2 * c.len_utf16();
            }
            Err(_) => return Err(ErrorKind::InvalidUtf16 { offset }),
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(ErrorKind::InvalidUtf16 {
            offset: bytes.len() + 1,
        });
    }
    Ok(out)
}

/// Refuses empty text and text that is mostly control characters.
fn check_text(s: &str) -> std::result::Result<(), ErrorKind> {
    if let Some(p) = s.find('\0') {
        return Err(ErrorKind::Binary { offset: p });
    }
    if s.trim().is_empty() {
        return Err(ErrorKind::Empty);
    }
    // Over the first 65,536 characters, by bytes: a control character
    // (`char::is_control`: U+0000–U+001F, U+007F–U+009F) is one ASCII
    // byte, or 0xC2 followed by 0x80–0x9F; a character starts at every
    // byte that is not a continuation byte.
    let b = s.as_bytes();
    let mut chars = 0usize;
    let mut controls = 0usize;
    let mut first = None;
    for (i, &x) in b.iter().enumerate() {
        if x & 0xC0 == 0x80 {
            continue;
        }
        if chars == 65_536 {
            break;
        }
        chars += 1;
        let control = match x {
            b'\n' | b'\r' | b'\t' | 0x0C => false,
            0x00..=0x1F | 0x7F => true,
            0xC2 => matches!(b.get(i + 1), Some(0x80..=0x9F)),
            _ => false,
        };
        if control {
            controls += 1;
            first.get_or_insert(i);
        }
    }
    // A stray control character is a conversion slip; one in twenty is a binary file.
    if controls >= 3 && controls * 20 > chars {
        return Err(ErrorKind::Binary {
            offset: first.unwrap_or(0),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`check_text`] by characters, as it was written first.
    fn check_text_by_chars(s: &str) -> std::result::Result<(), ErrorKind> {
        if let Some(p) = s.find('\0') {
            return Err(ErrorKind::Binary { offset: p });
        }
        if s.trim().is_empty() {
            return Err(ErrorKind::Empty);
        }
        let (mut chars, mut controls, mut first) = (0usize, 0usize, None);
        for (i, c) in s.char_indices().take(65_536) {
            chars += 1;
            if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c') {
                controls += 1;
                first.get_or_insert(i);
            }
        }
        if controls >= 3 && controls * 20 > chars {
            return Err(ErrorKind::Binary {
                offset: first.unwrap_or(0),
            });
        }
        Ok(())
    }

    #[test]
    fn check_text_by_bytes_agrees_with_chars() {
        let pieces = [
            "a", "大", "é", "\u{85}", "\u{9f}", "\u{a0}", "\u{7f}", "\u{1}", "\n", "\r", "\t",
            "\x0c", "\u{1b}", "Ж", "ـ", "𝄞", "\u{80}", "\u{c2}",
        ];
        let mut seed = 12345u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n
        };
        for _ in 0..3000 {
            let len = 1 + next(60);
            let s: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
            assert_eq!(
                format!("{:?}", check_text(&s)),
                format!("{:?}", check_text_by_chars(&s)),
                "{s:?}"
            );
        }
        // Controls past the first 65,536 characters do not count.
        for lead in ["a", "大"] {
            let mut s = lead.repeat(65_535);
            s.push_str(&"\u{1}\u{85}\u{2}".repeat(10));
            assert_eq!(
                format!("{:?}", check_text(&s)),
                format!("{:?}", check_text_by_chars(&s))
            );
            let s = "\u{85}".repeat(70_000);
            assert!(check_text(&s).is_err());
        }
    }

    #[test]
    fn utf16_offsets() {
        let mut b = vec![0xFF, 0xFE];
        b.extend([0x41, 0x00, 0x00, 0xD8, 0x41, 0x00]);
        match decode(&b) {
            Err(ErrorKind::InvalidUtf16 { offset }) => assert_eq!(offset, 4),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn utf16_nul_offset_counts_file_bytes() {
        // BOM, "大", "a", NUL: the NUL unit starts at byte 6 of the file.
        let b = [0xFE, 0xFF, 0x59, 0x27, 0x00, 0x61, 0x00, 0x00];
        match decode(&b) {
            Err(ErrorKind::Binary { offset }) => assert_eq!(offset, 6),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn line_of_counts_cr_and_crlf() {
        let t = Text::from_bytes("x", b"a\r\nb\rc\nd").unwrap();
        assert_eq!(t.line_of(0), 1);
        assert_eq!(t.line_of(3), 2);
        assert_eq!(t.line_of(5), 3);
        assert_eq!(t.line_of(7), 4);
    }
}

//! Loading a document: bytes to [`Text`].
//!
//! Decodes UTF-8 (with or without a byte-order mark) and UTF-16 LE/BE with a
//! byte-order mark, refuses binary files and invalid encodings with an error
//! naming the byte offset, and builds the normalized view used for matching
//! (see [`crate::normalize`]). The original text is kept unchanged so that
//! every later stage can output it.
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

use std::io::Read;
use std::ops::Range;
use std::path::Path;

use crate::error::{Error, ErrorKind, Result};
pub use crate::normalize::FootnoteMark;
use crate::normalize::{self, View};

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

    /// Decodes a document held in memory; `name` is used in errors and reports.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Text> {
        let original = decode(bytes).map_err(|k| Error::new(k).with_path(name))?;
        Text::from_string(name, original)
    }

    /// Wraps text that is already decoded (still checked for binary content).
    pub fn from_string(name: &str, original: String) -> Result<Text> {
        check_text(&original).map_err(|k| Error::new(k).with_path(name))?;
        let view = normalize::build(&original);
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
            original,
            view,
            line_starts,
        })
    }

    /// The name given when loading (a path, `-`, or an id).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The decoded text, exactly as in the file (byte-order mark removed).
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
        self.view.map.get(i).map(|&[s, e]| s as usize..e as usize)
    }

    /// Converts a byte range of the normalized view to the byte range of the
    /// original text it covers. `None` when the range is out of bounds.
    pub fn to_original(&self, r: Range<usize>) -> Option<Range<usize>> {
        if r.start > r.end || r.end > self.view.map.len() {
            return None;
        }
        if r.start == r.end {
            let at = match self.view.map.get(r.start) {
                Some(&[s, _]) => s as usize,
                None => self.original.len(),
            };
            return Some(at..at);
        }
        let start = self.view.map[r.start][0] as usize;
        let end = self.view.map[r.end - 1][1] as usize;
        Some(start..end.max(start))
    }

    /// The original characters behind a range of the normalized view, with the
    /// furniture the view dropped left out and broken lines rejoined as in
    /// the view. This is the text later stages output.
    pub fn original_text(&self, r: Range<usize>) -> String {
        let view = &self.view.text;
        let end = r.end.min(view.len());
        let mut out = String::with_capacity(end.saturating_sub(r.start));
        let Some(slice) = view.get(r.start..end) else {
            return out;
        };
        let mut last: Option<[u32; 2]> = None;
        for (i, ch) in slice.char_indices() {
            let m = self.view.map[r.start + i];
            if last == Some(m) {
                continue;
            }
            last = Some(m);
            let orig = &self.original[m[0] as usize..m[1] as usize];
            // A view character that stands for a line break (or a joined
            // break) is output as the view has it: the break is furniture.
            if orig.contains(['\n', '\r']) || orig.is_empty() {
                out.push(ch);
            } else {
                out.push_str(orig);
            }
        }
        out
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

/// The bytes of a file, or of standard input for `-`.
fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| Error::from(e).with_path("-"))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| Error::from(e).with_path(path))
    }
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
    let mut chars = 0usize;
    let mut controls = 0usize;
    let mut first = None;
    for (i, c) in s.char_indices().take(65_536) {
        chars += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c') {
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

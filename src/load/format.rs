//! Telling a file's format by its content, not by its name.

use std::fmt;

/// The format a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SourceFormat {
    /// Plain text or markdown (UTF-8, or UTF-16 with a byte-order mark).
    Text,
    /// An HTML page.
    Html,
    /// A Word document (Office Open XML, `.docx`).
    Docx,
    /// A PDF file.
    Pdf,
    /// A legacy Word 97–2003 document (`.doc`), converted through LibreOffice.
    Doc,
    /// A Rich Text Format file (`.rtf`), converted through LibreOffice.
    Rtf,
    /// An Office file protected by a password (an OLE container holding an encrypted package).
    Encrypted,
}

impl SourceFormat {
    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Html => "HTML",
            SourceFormat::Docx => "Word (.docx)",
            SourceFormat::Pdf => "PDF",
            SourceFormat::Doc => "Word 97-2003 (.doc)",
            SourceFormat::Rtf => "RTF",
            SourceFormat::Encrypted => "password-protected Office",
        }
    }
}

impl fmt::Display for SourceFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The compound-file (OLE) signature of Word 97–2003 and of encrypted Office files.
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The format of `bytes`, by magic numbers (`%PDF-`, `PK\x03\x04`, the OLE
/// signature, `{\rtf`) and, for HTML, a doctype or `<html` opening the text.
///
/// ```
/// use sixalign::load::{SourceFormat, sniff};
/// assert_eq!(sniff(b"%PDF-1.7\n..."), SourceFormat::Pdf);
/// assert_eq!(sniff(b"<!DOCTYPE html><p>x</p>"), SourceFormat::Html);
/// assert_eq!(sniff("1. 决定".as_bytes()), SourceFormat::Text);
/// ```
pub fn sniff(bytes: &[u8]) -> SourceFormat {
    // A PDF may carry a few bytes of junk before its header.
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return SourceFormat::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return SourceFormat::Docx;
    }
    if bytes.starts_with(&OLE) {
        // An encrypted OOXML file is an OLE container with `EncryptionInfo`
        // and `EncryptedPackage` streams; an encrypted Word 97–2003 file
        // says so in its File Information Block.
        if ole_stream(bytes, "EncryptedPackage").is_some()
            || ole_stream(bytes, "EncryptionInfo").is_some()
            || word97_encrypted(bytes)
        {
            return SourceFormat::Encrypted;
        }
        return SourceFormat::Doc;
    }
    if bytes.starts_with(b"{\\rtf") {
        return SourceFormat::Rtf;
    }
    if looks_like_html(head) {
        return SourceFormat::Html;
    }
    SourceFormat::Text
}

/// The directory entry of the stream `name` in an OLE compound file: its
/// first sector and size. Directory entries are 128 bytes, at 128-byte
/// offsets after the 512-byte header; an entry is taken only with its name
/// length and stream type in place, so text that happens to hold the name
/// in UTF-16 is not taken for it.
fn ole_stream(bytes: &[u8], name: &str) -> Option<(u32, u64)> {
    let utf16: Vec<u8> = name
        .encode_utf16()
        .chain(std::iter::once(0))
        .flat_map(u16::to_le_bytes)
        .collect();
    let u16_at = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    memchr::memmem::find_iter(bytes, &utf16)
        .filter(|&at| at >= 512 && at % 128 == 0)
        .find_map(|at| {
            let e = bytes.get(at..at + 128)?;
            // Name length in bytes with its NUL; type 2 is a stream.
            if usize::from(u16_at(e, 0x40)) != utf16.len() || e[0x42] != 2 {
                return None;
            }
            // Version 3 files (512-byte sectors) leave the size's high half
            // undefined.
            let size = u64::from(u32_at(e, 0x78));
            Some((u32_at(e, 0x74), size))
        })
}

/// Whether a Word 97–2003 file is encrypted (or obfuscated): the
/// `fEncrypted` bit of the File Information Block at the start of its
/// `WordDocument` stream. A stream under 4096 bytes lives in the mini
/// stream and is not looked at (no Word document is that small).
fn word97_encrypted(bytes: &[u8]) -> bool {
    let Some((start, size)) = ole_stream(bytes, "WordDocument") else {
        return false;
    };
    if size < 4096 || bytes.len() < 0x20 {
        return false;
    }
    let shift = u16::from_le_bytes([bytes[0x1E], bytes[0x1F]]);
    if !(7..=16).contains(&shift) {
        return false;
    }
    let Some(at) = (u64::from(start) + 1)
        .checked_shl(u32::from(shift))
        .and_then(|a| usize::try_from(a).ok())
    else {
        return false;
    };
    let Some(fib) = bytes.get(at..at + 12) else {
        return false;
    };
    let ident = u16::from_le_bytes([fib[0], fib[1]]);
    let flags = u16::from_le_bytes([fib[0x0A], fib[0x0B]]);
    ident == 0xA5EC && flags & 0x0100 != 0
}

fn looks_like_html(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut s = text.trim_start_matches('\u{feff}').trim_start();
    // Comments and an XML declaration may come first.
    loop {
        if let Some(r) = s.strip_prefix("<!--") {
            match r.find("-->") {
                Some(p) => s = r[p + 3..].trim_start(),
                None => return false,
            }
        } else if let Some(r) = s.strip_prefix("<?xml") {
            match r.find("?>") {
                Some(p) => s = r[p + 2..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    s.starts_with("<!doctype html") || s.starts_with("<html") || s.starts_with("<!doctype xhtml")
}

//! Telling a file's format by its content, not by its name.

use std::fmt;

/// The format a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
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

impl Format {
    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "HTML",
            Format::Docx => "Word (.docx)",
            Format::Pdf => "PDF",
            Format::Doc => "Word 97-2003 (.doc)",
            Format::Rtf => "RTF",
            Format::Encrypted => "password-protected Office",
        }
    }
}

impl fmt::Display for Format {
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
/// use sixalign::load::{Format, sniff};
/// assert_eq!(sniff(b"%PDF-1.7\n..."), Format::Pdf);
/// assert_eq!(sniff(b"<!DOCTYPE html><p>x</p>"), Format::Html);
/// assert_eq!(sniff("1. 决定".as_bytes()), Format::Text);
/// ```
pub fn sniff(bytes: &[u8]) -> Format {
    // A PDF may carry a few bytes of junk before its header.
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Format::Docx;
    }
    if bytes.starts_with(&OLE) {
        // An encrypted OOXML file is an OLE container with an
        // `EncryptedPackage` stream (its directory names are UTF-16).
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if memchr::memmem::find(bytes, &name).is_some() {
            return Format::Encrypted;
        }
        return Format::Doc;
    }
    if bytes.starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    if looks_like_html(head) {
        return Format::Html;
    }
    Format::Text
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

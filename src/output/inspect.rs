//! The structure of one parsed document as one JSON object, the output of
//! `sixalign inspect --json` (and of the Python package's `inspect`):
//!
//! `{"lang":"zh","script":"Hans","symbol":…,"blocks":[{"kind":…,"label":…,"text":…,"footnote_refs":[…]}],"footnotes":[{"label":…,"text":…}],"findings":[…]}`
//!
//! `script` is the Chinese script the text is written in (`Hans` or
//! `Hant`, see [`crate::lang::zh_script`]); `null` for other languages, or
//! when too few characters tell. `footnote_refs` is left out when the block
//! cites no footnote.

use std::io::{self, Write};

use serde::Serialize;

use crate::document::Document;
use crate::finding::Finding;
use crate::lang::Lang;

/// Serialize-only borrows of the document.
#[derive(Serialize)]
struct JsonDoc<'a> {
    lang: Lang,
    script: Option<&'static str>,
    symbol: Option<&'a str>,
    blocks: Vec<JsonBlock<'a>>,
    footnotes: Vec<JsonFootnote<'a>>,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct JsonBlock<'a> {
    kind: &'static str,
    label: Option<&'a str>,
    text: &'a str,
    /// The footnotes the block cites: their marks are not in `text`.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    footnote_refs: &'a [String],
}

#[derive(Serialize)]
struct JsonFootnote<'a> {
    label: &'a str,
    text: &'a str,
}

/// Writes the document's structure as one JSON object and a newline.
pub fn write_inspect_json(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    let j = JsonDoc {
        lang: doc.lang,
        script: doc.zh_script().map(|s| s.code()),
        symbol: doc.symbol.as_deref(),
        blocks: doc
            .blocks
            .iter()
            .map(|b| JsonBlock {
                kind: b.kind.name(),
                label: b.label.as_ref().map(|l| l.key.as_str()),
                text: &b.text,
                footnote_refs: &b.footnote_refs,
            })
            .collect(),
        footnotes: doc
            .footnotes
            .iter()
            .map(|f| JsonFootnote {
                label: &f.label,
                text: &f.text,
            })
            .collect(),
        findings: &doc.findings,
    };
    serde_json::to_writer(&mut *out, &j).map_err(io::Error::from)?;
    writeln!(out)
}

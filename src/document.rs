//! The structure of one language version of a UN document: what the parser
//! produces and every later stage reads.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::finding::Finding;
use crate::lang::Lang;
use crate::load::{Offsets, Text};

/// What a block is in the structure of a UN document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// Title lines: session, document title, resolution title.
    Title,
    /// A section heading (`I.`, `A.`, `一、`, `أولا -`, `Preamble`).
    Heading,
    /// The agenda item line (`议程项目 93`, `Agenda item 93`).
    Agenda,
    /// The preamble opener (`大会，`, `The General Assembly,`).
    Opener,
    /// An unnumbered preambular paragraph.
    Preamble,
    /// An article (`Article 1`, `第一条`) with its paragraphs.
    Article,
    /// A numbered operative paragraph.
    Operative,
    /// A lettered or roman sub-paragraph, attached to its parent (`2(a)`, `2(a)(i)`).
    Subparagraph,
    /// The closing: meeting number and date.
    Closing,
}

impl BlockKind {
    /// The lower-case name used in JSON and on screen.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Heading => "heading",
            BlockKind::Agenda => "agenda",
            BlockKind::Opener => "opener",
            BlockKind::Preamble => "preamble",
            BlockKind::Article => "article",
            BlockKind::Operative => "operative",
            BlockKind::Subparagraph => "subparagraph",
            BlockKind::Closing => "closing",
        }
    }
}

/// A paragraph label: as written, and as a key that is the same in every language.
///
/// The key is what anchoring compares: operative `3`, sub-paragraph `2(b)`
/// (Cyrillic `б)` and Arabic `(ب)` both give `b`), sub-sub-paragraph `2(b)(ii)`,
/// article `art12` (`Article premier`, `第十二条`, `Статья 12`, `المادة 12`),
/// heading `I` or `A` (Arabic ordinal words and Chinese `一、` mapped to them).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Label {
    /// The label as written in the document (`(б)`, `١ -`, `第十二条`).
    pub raw: String,
    /// The language-independent key (`2(b)`, `1`, `art12`).
    pub key: String,
}

/// One block of a document: a paragraph, heading or article.
#[derive(Clone, Debug, Serialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its label, for numbered and lettered blocks.
    pub label: Option<Label>,
    /// The text, in the original characters (not normalized), with conversion
    /// furniture removed and broken lines rejoined. Lines that are separate
    /// paragraphs inside one block (an article's paragraphs) are joined by `\n`.
    /// The label itself is not part of the text.
    pub text: String,
    /// Byte range of the block in the original decoded text.
    pub span: Range<usize>,
    /// Byte range of the block's text (label left out) in the normalized
    /// view ([`Text::normalized`] of [`Document::text`]).
    pub normalized: Range<usize>,
    /// The way from every byte of [`text`](Block::text) back to the original.
    #[serde(skip)]
    pub offsets: Offsets,
    /// 1-based line in the original text where the block starts.
    pub line: usize,
    /// Footnote numbers cited in the block, in order of citation.
    pub footnote_refs: Vec<String>,
}

/// A footnote, found by its number wherever it sits in the document.
#[derive(Clone, Debug, Serialize)]
pub struct Footnote {
    /// The footnote number as written (`1`).
    pub label: String,
    /// The footnote text, original characters.
    pub text: String,
    /// Byte range in the original decoded text.
    pub span: Range<usize>,
    /// The way from every byte of [`text`](Footnote::text) back to the original.
    #[serde(skip)]
    pub offsets: Offsets,
    /// 1-based line in the original text.
    pub line: usize,
}

/// One language version of a UN document, parsed.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// Where it came from (a path, `-` for stdin, or an id).
    pub name: String,
    /// Its language.
    pub lang: Lang,
    /// The document symbol (`A/RES/74/28`) when found or given.
    pub symbol: Option<String>,
    /// The blocks in document order.
    pub blocks: Vec<Block>,
    /// The footnotes by number, in order of appearance.
    pub footnotes: Vec<Footnote>,
    /// What the parser noticed (numbering that skips or repeats, no numbering at all …).
    pub findings: Vec<Finding>,
    /// The text it was parsed from: the original every span points into,
    /// and the normalized view.
    #[serde(skip)]
    pub text: Arc<Text>,
}

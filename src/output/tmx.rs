//! TMX 1.4b translation memory.
//!
//! ```text
//! <?xml version="1.0" encoding="UTF-8"?>
//! <tmx version="1.4">
//!   <header creationtool="sixalign" creationtoolversion="…" datatype="plaintext"
//!           segtype="sentence" adminlang="en" srclang="zh" o-tmf="sixalign"/>
//!   <body>
//!     <tu>
//!       <prop type="x-doc">A/RES/74/28</prop>
//!       <prop type="x-region">1</prop>
//!       <prop type="x-score">0.9300</prop>
//!       <tuv xml:lang="zh"><seg>…</seg></tuv>
//!       <tuv xml:lang="en"><seg>…</seg></tuv>
//!     </tu>
//!   </body>
//! </tmx>
//! ```
//!
//! Languages are named by their two-letter code (`zh`), or by the tag given
//! for them ([`TmxWriter::lang_tags`], `--tmx-lang zh=zh-CN`): tools such as
//! OmegaT match a project's region (`ZH-CN`) against it.
//!
//! A six-way row gives one `<tuv>` per language (hub first) and one
//! `<prop type="x-score-LANG">` per non-hub language that has a score.
//! Every cell gets its `<tuv>`, even an empty one, so the TMX holds exactly
//! what the aligner produced.
//!
//! Text handling: `&`, `<`, `>`, `"` and `'` are escaped; carriage return is
//! written as `&#13;` so XML parsers do not turn it into a line feed (the
//! text reads back exactly). XML 1.0 forbids the other C0 control characters
//! (and U+FFFE, U+FFFF) even as character references, so they cannot be kept:
//! vertical tab and form feed (page breaks from PDF conversions) become a
//! space, every other forbidden character becomes U+FFFD REPLACEMENT CHARACTER
//! so the damage stays visible. Tab and line feed are kept as they are.

use std::io::{self, Write};

use super::{LangTags, Pair, PairWriter, Row, join_segment, round4};
use crate::lang::Lang;

/// Writes pairs and rows as a TMX 1.4b document.
#[derive(Debug)]
pub struct TmxWriter<W> {
    wtr: W,
    srclang: Lang,
    tags: LangTags,
    begun: bool,
    finished: bool,
}

impl<W: Write> TmxWriter<W> {
    /// A writer over `wtr`. The header is written by [`PairWriter::begin`]
    /// (or before the first record), the closing tags by [`PairWriter::finish`].
    pub fn new(wtr: W) -> TmxWriter<W> {
        TmxWriter {
            wtr,
            srclang: Lang::Zh,
            tags: LangTags::default(),
            begun: false,
            finished: false,
        }
    }

    /// The source language the header names (default: Chinese, the hub);
    /// the source side of `--lines` may be another.
    pub fn srclang(mut self, lang: Lang) -> TmxWriter<W> {
        self.srclang = lang;
        self
    }

    /// The tags written for languages (`zh-CN` for `zh`); a language
    /// without one is written as its two-letter code.
    pub fn lang_tags(mut self, tags: LangTags) -> TmxWriter<W> {
        self.tags = tags;
        self
    }

    /// Gives the underlying writer back.
    pub fn into_inner(self) -> W {
        self.wtr
    }

    fn prop(&mut self, kind: &str, value: &str) -> io::Result<()> {
        write!(self.wtr, "      <prop type=\"{kind}\">")?;
        write_escaped(&mut self.wtr, value)?;
        self.wtr.write_all(b"</prop>\n")
    }

    fn tuv(&mut self, lang: Lang, sentences: &[&str]) -> io::Result<()> {
        write!(
            self.wtr,
            "      <tuv xml:lang=\"{}\"><seg>",
            self.tags.tag(lang)
        )?;
        write_escaped(&mut self.wtr, &join_segment(lang, sentences))?;
        self.wtr.write_all(b"</seg></tuv>\n")
    }
}

/// Replacement for characters XML 1.0 does not allow, `None` when `c` is allowed.
fn forbidden(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{0B}' | '\u{0C}' => Some(' '),
        '\u{00}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => Some('\u{FFFD}'),
        _ => None,
    }
}

/// Writes `s` as XML character data (also safe inside a quoted attribute).
pub fn write_escaped<W: Write>(w: &mut W, s: &str) -> io::Result<()> {
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let rep: &str = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            '\r' => "&#13;",
            _ => match forbidden(c) {
                Some(' ') => " ",
                Some(_) => "\u{FFFD}",
                None => continue,
            },
        };
        w.write_all(&s.as_bytes()[start..i])?;
        w.write_all(rep.as_bytes())?;
        start = i + c.len_utf8();
    }
    w.write_all(&s.as_bytes()[start..])
}

impl<W: Write> PairWriter for TmxWriter<W> {
    fn begin(&mut self) -> io::Result<()> {
        if self.begun {
            return Ok(());
        }
        self.begun = true;
        write!(
            self.wtr,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <tmx version=\"1.4\">\n  \
             <header creationtool=\"sixalign\" creationtoolversion=\"{}\" datatype=\"plaintext\" \
             segtype=\"sentence\" adminlang=\"en\" srclang=\"{}\" o-tmf=\"sixalign\"/>\n  \
             <body>\n",
            env!("CARGO_PKG_VERSION"),
            self.tags.tag(self.srclang)
        )
    }

    fn write_pair(&mut self, p: &Pair) -> io::Result<()> {
        self.begin()?;
        self.wtr.write_all(b"    <tu>\n")?;
        self.prop("x-doc", p.doc)?;
        self.prop("x-region", p.region)?;
        self.prop("x-score", &format!("{:.4}", round4(p.score)))?;
        self.tuv(p.src_lang, p.src)?;
        self.tuv(p.tgt_lang, p.tgt)?;
        self.wtr.write_all(b"    </tu>\n")
    }

    fn write_row(&mut self, r: &Row) -> io::Result<()> {
        self.begin()?;
        self.wtr.write_all(b"    <tu>\n")?;
        self.prop("x-doc", r.doc)?;
        self.prop("x-region", r.region)?;
        for c in r.cells {
            if let Some(s) = c.score {
                self.prop(&format!("x-score-{}", c.lang), &format!("{:.4}", round4(s)))?;
            }
        }
        for c in r.cells {
            self.tuv(c.lang, c.sentences)?;
        }
        self.wtr.write_all(b"    </tu>\n")
    }

    fn finish(&mut self) -> io::Result<()> {
        if !self.finished {
            self.begin()?;
            self.finished = true;
            self.wtr.write_all(b"  </body>\n</tmx>\n")?;
        }
        self.wtr.flush()
    }
}

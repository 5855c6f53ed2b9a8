//! One writer per output format, each over any [`io::Write`].
//!
//! The aligner hands out records ([`Pair`] for a bilingual alignment, [`Row`]
//! for a six-way one) and a [`PairWriter`] turns them into bytes. Every format
//! is one small type in its own file, so tests write into a `Vec<u8>`:
//!
//! ```
//! use sixalign::output::{JsonlWriter, Pair, PairWriter};
//! use sixalign::Lang;
//!
//! let mut out = Vec::new();
//! let mut w = JsonlWriter::new(&mut out);
//! w.write_pair(&Pair {
//!     doc: "A/RES/74/28",
//!     region: "1",
//!     src_lang: Lang::Zh,
//!     tgt_lang: Lang::En,
//!     src: &["大会，"],
//!     tgt: &["The General Assembly,"],
//!     src_range: 0..1,
//!     tgt_range: 0..1,
//!     score: 0.93,
//! })?;
//! w.finish()?;
//! let line = String::from_utf8(out).unwrap();
//! assert!(line.starts_with(r#"{"doc":"A/RES/74/28","region":"1","src_lang":"zh""#));
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! Formats and what they do with awkward text:
//!
//! - [`TsvWriter`]: tab-separated, one pair (or six-way row) per line. Tabs,
//!   newlines and other line breaks inside a field become one space each,
//!   because TSV has no quoting.
//! - [`JsonlWriter`]: one JSON object per line; text is kept exactly.
//! - [`TmxWriter`]: TMX 1.4b; text is kept exactly except for characters XML
//!   1.0 forbids (see [`tmx`]).
//! - [`MosesWriter`]: line-parallel plain files, one per language; line breaks
//!   and tabs inside a segment become spaces so the files stay parallel.
//! - [`BeadsWriter`]: sentence-index beads `[0]:[0, 1]:0.93`, the gold-set
//!   format, plus the reader [`parse_beads`].

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::engine::{PairAlignment, multiway};
use crate::error::{Error, Result};
use crate::lang::Lang;

pub mod atomic;
pub mod beads;
pub mod inspect;
pub mod jsonl;
pub mod labels;
pub mod moses;
pub mod tmx;
pub mod tsv;

pub use atomic::{AtomicFile, AtomicSet};
pub use beads::{BeadsWriter, parse_beads, write_beads};
pub use inspect::write_inspect_json;
pub use jsonl::JsonlWriter;
pub use labels::strip_labels;
pub use moses::MosesWriter;
pub use tmx::TmxWriter;
pub use tsv::TsvWriter;

/// One aligned pair: a group of hub sentences and its counterpart.
#[derive(Clone, Debug)]
pub struct Pair<'a> {
    /// Document id (usually the UN symbol or the file stem).
    pub doc: &'a str,
    /// Label of the anchored region (paragraph number, `preamble`, …).
    pub region: &'a str,
    /// Language of `src` (the hub, normally Chinese).
    pub src_lang: Lang,
    /// Language of `tgt`.
    pub tgt_lang: Lang,
    /// The hub sentences of the bead, original text.
    pub src: &'a [&'a str],
    /// The counterpart sentences, original text.
    pub tgt: &'a [&'a str],
    /// Sentence indices of `src` within the document.
    pub src_range: Range<usize>,
    /// Sentence indices of `tgt` within the document.
    pub tgt_range: Range<usize>,
    /// How good the link is (0 to 1).
    pub score: f32,
}

/// One six-way row: a group of hub sentences and the counterpart in each other language.
#[derive(Clone, Debug)]
pub struct Row<'a> {
    /// Document id.
    pub doc: &'a str,
    /// Label of the anchored region.
    pub region: &'a str,
    /// One cell per language, the hub first.
    pub cells: &'a [Cell<'a>],
}

/// One language's part of a [`Row`].
#[derive(Clone, Debug)]
pub struct Cell<'a> {
    /// The language of the sentences.
    pub lang: Lang,
    /// The sentences, original text (may be empty when nothing corresponds).
    pub sentences: &'a [&'a str],
    /// Sentence indices within this language's document.
    pub range: Range<usize>,
    /// Score of the link to the hub; `None` for the hub itself.
    pub score: Option<f32>,
}

/// A sink for aligned records, one implementation per [`Format`].
///
/// Call [`begin`](PairWriter::begin) once, then any number of
/// [`write_pair`](PairWriter::write_pair) / [`write_row`](PairWriter::write_row),
/// then [`finish`](PairWriter::finish), which writes any trailer and flushes.
pub trait PairWriter {
    /// Writes whatever precedes the records (a TMX header, …).
    fn begin(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// Writes one bilingual pair.
    fn write_pair(&mut self, p: &Pair) -> io::Result<()>;
    /// Writes one six-way row. Formats that hold only one language pair
    /// (beads) return an [`io::ErrorKind::Unsupported`] error.
    fn write_row(&mut self, r: &Row) -> io::Result<()>;
    /// Writes whatever follows the records and flushes.
    fn finish(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<T: PairWriter + ?Sized> PairWriter for Box<T> {
    fn begin(&mut self) -> io::Result<()> {
        (**self).begin()
    }
    fn write_pair(&mut self, p: &Pair) -> io::Result<()> {
        (**self).write_pair(p)
    }
    fn write_row(&mut self, r: &Row) -> io::Result<()> {
        (**self).write_row(r)
    }
    fn finish(&mut self) -> io::Result<()> {
        (**self).finish()
    }
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Tab-separated values.
    Tsv,
    /// JSON Lines.
    Jsonl,
    /// TMX 1.4b translation memory.
    Tmx,
    /// Moses: line-parallel plain text files, one per language.
    Moses,
    /// Bead files `[0]:[0, 1]`, as gold sets use.
    Beads,
}

impl Format {
    /// All formats, in the order help texts list them.
    pub const ALL: [Format; 5] = [
        Format::Tsv,
        Format::Jsonl,
        Format::Tmx,
        Format::Moses,
        Format::Beads,
    ];

    /// The format a file's extension names (`.tsv`, `.jsonl`, `.json`,
    /// `.ndjson`, `.tmx`, `.beads`, in any case): what a command writes to
    /// `-o FILE` when no format is asked for. Moses writes one file per
    /// language from a prefix, so no extension names it.
    ///
    /// ```
    /// use sixalign::output::Format;
    /// assert_eq!(Format::of_path("out/udhr.TSV".as_ref()), Some(Format::Tsv));
    /// assert_eq!(Format::of_path("udhr.tmx".as_ref()), Some(Format::Tmx));
    /// assert_eq!(Format::of_path("udhr.txt".as_ref()), None);
    /// ```
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "tsv" => Format::Tsv,
            "jsonl" | "json" | "ndjson" => Format::Jsonl,
            "tmx" => Format::Tmx,
            "beads" => Format::Beads,
            _ => return None,
        })
    }

    /// The name used on the command line (`tsv`, `jsonl`, `tmx`, `moses`, `beads`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
            Format::Tmx => "tmx",
            Format::Moses => "moses",
            Format::Beads => "beads",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        let lower = s.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == lower)
            .ok_or_else(|| {
                Error::usage(format!(
                    "unknown output format {s:?}: expected one of tsv, jsonl, tmx, moses, beads"
                ))
            })
    }
}

/// Joins the sentences of one side of a bead into one segment: with a single
/// space for ar/en/es/fr/ru, with nothing for Chinese (which does not put
/// spaces between sentences).
pub fn join_segment(lang: Lang, sentences: &[&str]) -> String {
    let sep = if lang == Lang::Zh { "" } else { " " };
    sentences.join(sep)
}

/// True for characters that some tool treats as a line break or field
/// separator: tab, LF, CR, VT, FF, the information separators U+001C–U+001E,
/// NEL, and the Unicode line/paragraph separators. Python's `splitlines`
/// breaks on all of these, which is how Moses files silently lose parallelism.
pub(crate) fn is_break(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{1C}'
            ..='\u{1E}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Writes `s` with every [`is_break`] character replaced by a space.
pub(crate) fn write_flat<W: io::Write>(w: &mut W, s: &str) -> io::Result<()> {
    let mut rest = s;
    while let Some(i) = rest.find(is_break) {
        w.write_all(&rest.as_bytes()[..i])?;
        w.write_all(b" ")?;
        let len = rest[i..].chars().next().map_or(1, char::len_utf8);
        rest = &rest[i + len..];
    }
    w.write_all(rest.as_bytes())
}

/// A score rounded to 4 decimals, as every text format prints it, so output
/// does not depend on float formatting details.
pub(crate) fn round4(score: f32) -> f64 {
    (f64::from(score) * 10_000.0).round() / 10_000.0
}

/// Where output goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Standard output (not possible for Moses, which needs one file per language).
    Stdout,
    /// A file. For Moses this is a prefix: `OUT` gives `OUT.zh`, `OUT.en`, ….
    Path(PathBuf),
}

impl Target {
    /// `-` means standard output, anything else a path.
    pub fn from_arg(arg: &str) -> Target {
        if arg == "-" {
            Target::Stdout
        } else {
            Target::Path(PathBuf::from(arg))
        }
    }
}

/// The Moses file for one language: `PREFIX.<code>`.
pub fn moses_path(prefix: &Path, lang: Lang) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(".");
    s.push(lang.code());
    PathBuf::from(s)
}

/// Refuses a Moses prefix that is a device, a FIFO or a socket
/// (`-o /dev/full`, `-o /dev/stdout`): Moses writes `PREFIX.<code>` beside
/// it, which is never what such a name means (and under `/dev` would
/// create files there). Any other prefix is checked file by file later
/// ([`atomic::check_outputs`]).
pub fn check_moses_prefix(format: Format, target: &Target) -> Result<()> {
    let (Format::Moses, Target::Path(prefix)) = (format, target) else {
        return Ok(());
    };
    // `/dev/stdout` is a link to `/proc/self/fd/1`, a regular file when
    // standard output is one: a name under /dev or /proc is never a prefix.
    let special = |p: &Path| p.starts_with("/dev") || p.starts_with("/proc");
    let kind = match std::fs::metadata(prefix) {
        Ok(m) if !m.is_file() && !m.is_dir() => Some(crate::input::kind_name(&m)),
        _ if special(prefix) || std::fs::canonicalize(prefix).is_ok_and(|c| special(&c)) => {
            Some("a special file")
        }
        _ => None,
    };
    match kind {
        Some(kind) => Err(Error::usage(format!(
            "is {}, not a prefix for files: the moses format writes one file per language ({}, {}, …); give a prefix such as OUT (OUT.zh, OUT.en, …), or another format (-f tsv, jsonl, tmx) for standard output",
            kind,
            moses_path(prefix, Lang::Zh).display(),
            moses_path(prefix, Lang::En).display(),
        ))
        .with_path(prefix)),
        None => Ok(()),
    }
}

/// The files an output to `target` in `format` writes, in the order
/// [`Output::open`] creates them (none for standard output): the path, or
/// for Moses one `PREFIX.<code>` per language. For the checks made before a
/// run ([`atomic::refuse_inputs`]).
pub fn target_paths(format: Format, target: &Target, langs: &[Lang]) -> Vec<PathBuf> {
    match (format, target) {
        (_, Target::Stdout) => Vec::new(),
        (Format::Moses, Target::Path(prefix)) => {
            let mut v: Vec<PathBuf> = Vec::with_capacity(langs.len());
            for &lang in langs {
                let p = moses_path(prefix, lang);
                if !v.contains(&p) {
                    v.push(p);
                }
            }
            v
        }
        (_, Target::Path(p)) => vec![p.clone()],
    }
}

/// The language tags a TMX file names its languages with: a BCP 47 tag
/// given per language (`zh` → `zh-CN`), the two-letter code for the others.
///
/// ```
/// use sixalign::output::LangTags;
/// use sixalign::Lang;
///
/// let mut tags = LangTags::default();
/// tags.set_spec("zh=zh-CN")?;
/// assert_eq!(tags.tag(Lang::Zh), "zh-CN");
/// assert_eq!(tags.tag(Lang::En), "en");
/// assert!(tags.set_spec("zh=en-US").is_err(), "a tag of another language");
/// # Ok::<(), sixalign::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LangTags(BTreeMap<Lang, String>);

impl LangTags {
    /// Sets the tag of `lang`: a BCP 47 tag whose language is `lang`
    /// (`zh-CN`, `zh-Hans-CN`, `es-419`, `en-GB`).
    pub fn set(&mut self, lang: Lang, tag: &str) -> Result<()> {
        let tag = tag.trim();
        let mut parts = tag.split('-');
        let primary = parts.next().unwrap_or("");
        let well_formed = (2..=3).contains(&primary.len())
            && primary.bytes().all(|b| b.is_ascii_alphabetic())
            && parts.all(|p| {
                (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        if !well_formed {
            return Err(Error::usage(format!(
                "{tag:?} is not a language tag (BCP 47: zh-CN, zh-Hans, es-419)"
            )));
        }
        if Lang::from_code(primary) != Some(lang) {
            return Err(Error::usage(format!(
                "the tag {tag:?} is not a tag of {lang}: give one that starts with {} ({}-…)",
                lang.code(),
                lang.code()
            )));
        }
        self.0.insert(lang, tag.to_string());
        Ok(())
    }

    /// Sets a tag from `LANG=TAG` (`zh=zh-CN`), as `--tmx-lang` gives it.
    pub fn set_spec(&mut self, spec: &str) -> Result<()> {
        let (code, tag) = spec.split_once('=').ok_or_else(|| {
            Error::usage(format!(
                "--tmx-lang takes LANG=TAG (zh=zh-CN), not {spec:?}"
            ))
        })?;
        let lang: Lang = code.parse()?;
        self.set(lang, tag)
    }

    /// The tag of `lang`: the one given, or its two-letter code.
    pub fn tag(&self, lang: Lang) -> &str {
        self.0.get(&lang).map_or(lang.code(), String::as_str)
    }
}

/// An output being written: the writer for the chosen format and the files
/// it writes, through the [atomic writer](atomic). [`Output::commit`]
/// finishes the writer and renames the files into place, all of them or
/// none; dropping an uncommitted `Output` removes them, so an interrupted
/// or failed run never leaves a half-written file that looks whole.
pub struct Output {
    writer: Option<Box<dyn PairWriter>>,
    files: AtomicSet,
}

impl fmt::Debug for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Output")
            .field("files", &self.files)
            .finish()
    }
}

impl Output {
    /// Opens `format` into `target`, creating the (temporary) files right
    /// away so a bad path fails before any work is done; the error names the
    /// file.
    ///
    /// `langs` are the languages of the run, hub first (`[Zh, En]` for a
    /// bilingual run, all six for a six-way one); only Moses needs them, to
    /// write one file per language (`PREFIX.zh`, `PREFIX.en`, …).
    pub fn open(format: Format, target: &Target, langs: &[Lang]) -> Result<Output> {
        Output::open_tagged(format, target, langs, &LangTags::default())
    }

    /// [`Output::open`], with the language tags a TMX file names its
    /// languages with (the other formats use codes: `zh`, `en`).
    pub fn open_tagged(
        format: Format,
        target: &Target,
        langs: &[Lang],
        tags: &LangTags,
    ) -> Result<Output> {
        let mut files = AtomicSet::new();
        let mut sink = |path: &Path| -> Result<Box<dyn io::Write>> {
            let i = files.create(path)?;
            Ok(Box::new(files.files()[i].writer()?))
        };
        let writer: Box<dyn PairWriter> = match (format, target) {
            (Format::Moses, Target::Stdout) => {
                return Err(Error::usage(
                    "the moses format writes one file per language; give an output prefix with -o (OUT gives OUT.zh, OUT.en, …)",
                ));
            }
            (Format::Moses, Target::Path(prefix)) => {
                check_moses_prefix(format, target)?;
                if langs.len() < 2 {
                    return Err(Error::usage(
                        "the moses format needs at least two languages",
                    ));
                }
                let mut outs: Vec<(Lang, Box<dyn io::Write>)> = Vec::with_capacity(langs.len());
                for &lang in langs {
                    if outs.iter().any(|(l, _)| *l == lang) {
                        continue;
                    }
                    outs.push((lang, sink(&moses_path(prefix, lang))?));
                }
                Box::new(MosesWriter::per_lang(outs))
            }
            (format, target) => {
                let out: Box<dyn io::Write> = match target {
                    Target::Stdout => Box::new(atomic::stdout()),
                    Target::Path(p) => sink(p)?,
                };
                match format {
                    Format::Tsv => Box::new(TsvWriter::new(out)),
                    Format::Jsonl => Box::new(JsonlWriter::new(out)),
                    Format::Tmx => Box::new(
                        TmxWriter::new(out)
                            .srclang(langs.first().copied().unwrap_or(Lang::Zh))
                            .lang_tags(tags.clone()),
                    ),
                    Format::Beads | Format::Moses => Box::new(BeadsWriter::new(out)),
                }
            }
        };
        Ok(Output {
            writer: Some(writer),
            files,
        })
    }

    /// The writer to send records to (after [`PairWriter::begin`]).
    pub fn writer(&mut self) -> &mut dyn PairWriter {
        self.writer
            .as_deref_mut()
            .expect("the writer is only taken by commit, which consumes the output")
    }

    /// The final paths of the files this output writes (none for stdout).
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.paths()
    }

    /// Finishes the writer (trailers, flush) and renames every file into
    /// place, all or none ([`AtomicSet::commit`]).
    pub fn commit(self) -> Result<()> {
        self.finish()?.commit()
    }

    /// Finishes the writer (trailers, flush) and hands over its files, still
    /// under their temporary names, to be committed with others in one set
    /// (the outputs of one corpus document).
    pub fn finish(mut self) -> Result<AtomicSet> {
        if let Some(mut w) = self.writer.take() {
            let first = self.files.paths().next().map(Path::to_path_buf);
            w.finish().map_err(|e| match &first {
                Some(p) => Error::from(e).with_path(p),
                None => Error::from(e),
            })?;
        }
        Ok(std::mem::take(&mut self.files))
    }
}

/// Writes every bead of a bilingual alignment as one [`Pair`], in order.
pub fn write_alignment(w: &mut dyn PairWriter, a: &PairAlignment) -> io::Result<()> {
    let src: Vec<&str> = a.src.iter().map(|s| s.text.as_str()).collect();
    let tgt: Vec<&str> = a.tgt.iter().map(|s| s.text.as_str()).collect();
    let langs = (a.src_lang, a.tgt_lang);
    for r in &a.regions {
        let sides = (&src[..], &tgt[..]);
        write_pairs(w, &a.doc, &r.region.label, langs, sides, &r.beads)?;
    }
    Ok(())
}

/// Writes the beads of two sentence lists with no structure
/// ([`Aligner::align_lines`](crate::engine::Aligner::align_lines)) as one
/// [`Pair`] each, in order, with an empty region.
pub fn write_line_beads(
    w: &mut dyn PairWriter,
    doc: &str,
    langs: (Lang, Lang),
    src: &[&str],
    tgt: &[&str],
    beads: &[crate::align::Bead],
) -> io::Result<()> {
    write_pairs(w, doc, "", langs, (src, tgt), beads)
}

/// One [`Pair`] per bead; bead ranges index `sides`.
fn write_pairs(
    w: &mut dyn PairWriter,
    doc: &str,
    region: &str,
    (src_lang, tgt_lang): (Lang, Lang),
    (src, tgt): (&[&str], &[&str]),
    beads: &[crate::align::Bead],
) -> io::Result<()> {
    for b in beads {
        w.write_pair(&Pair {
            doc,
            region,
            src_lang,
            tgt_lang,
            src: &src[b.src.clone()],
            tgt: &tgt[b.tgt.clone()],
            src_range: b.src.clone(),
            tgt_range: b.tgt.clone(),
            score: b.score,
        })?;
    }
    Ok(())
}

/// Writes the alignments of one document: six-way rows
/// ([`write_multiway`]) or every pair in turn ([`write_alignment`]).
pub fn write_alignments(
    w: &mut dyn PairWriter,
    pairs: &[PairAlignment],
    six_way: bool,
) -> io::Result<()> {
    if six_way {
        return write_multiway(w, pairs);
    }
    for p in pairs {
        write_alignment(w, p)?;
    }
    Ok(())
}

/// Writes the alignments of one hub with several languages as six-way rows
/// (see [`multiway`]): one row per group of hub sentences, a cell per language.
pub fn write_multiway(w: &mut dyn PairWriter, pairs: &[PairAlignment]) -> io::Result<()> {
    let Some(first) = pairs.first() else {
        return Ok(());
    };
    let hub: Vec<&str> = first.src.iter().map(|s| s.text.as_str()).collect();
    let others: Vec<Vec<&str>> = pairs
        .iter()
        .map(|p| p.tgt.iter().map(|s| s.text.as_str()).collect())
        .collect();
    for row in multiway(pairs) {
        let mut cells = Vec::with_capacity(pairs.len() + 1);
        cells.push(Cell {
            lang: first.src_lang,
            sentences: &hub[row.hub.clone()],
            range: row.hub.clone(),
            score: None,
        });
        for ((p, texts), (range, score)) in pairs.iter().zip(&others).zip(&row.cells) {
            cells.push(Cell {
                lang: p.tgt_lang,
                sentences: &texts[range.clone()],
                range: range.clone(),
                score: Some(score.unwrap_or(0.0)),
            });
        }
        w.write_row(&Row {
            doc: &first.doc,
            region: &row.region,
            cells: &cells,
        })?;
    }
    Ok(())
}

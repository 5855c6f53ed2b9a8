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

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::error::ErrorKind;

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

/// One level of a list definition.
#[derive(Clone, Debug, Default)]
struct Level {
    start: i64,
    fmt: String,
    text: String,
    suffix: String,
    /// `w:lvlRestart`: restart after this (1-based) level; 0 never.
    restart: Option<usize>,
    legal: bool,
}

#[derive(Clone, Debug, Default)]
struct Num {
    abstract_id: String,
    /// Per level: a start override, and perhaps a whole level redefinition.
    overrides: HashMap<usize, (Option<i64>, Option<Level>)>,
}

/// `numbering.xml`: abstract list definitions and the numbering instances over them.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<usize, Level>>,
    /// Abstract definitions that take their levels from a style's numbering.
    num_style_link: HashMap<String, String>,
    nums: HashMap<String, Num>,
}

impl Numbering {
    fn read(xml: &str) -> Result<Numbering, quick_xml::Error> {
        let mut n = Numbering::default();
        let mut r = Reader::from_str(xml);
        let mut abs: Option<String> = None;
        let mut num: Option<(String, Num)> = None;
        let mut ovr: Option<usize> = None;
        let mut lvl: Option<(usize, Level)> = None;
        loop {
            let ev = r.read_event()?;
            let (e, empty) = match &ev {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "abstractNum" => abs = None,
                        "num" => {
                            if let Some((id, x)) = num.take() {
                                n.nums.insert(id, x);
                            }
                        }
                        "lvlOverride" => ovr = None,
                        "lvl" => {
                            if let Some((i, l)) = lvl.take() {
                                if let (Some((_, x)), Some(o)) = (num.as_mut(), ovr) {
                                    x.overrides.entry(o).or_default().1 = Some(l);
                                } else if let Some(a) = &abs {
                                    n.abstracts.entry(a.clone()).or_default().insert(i, l);
                                }
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            match e.local_name().as_ref() {
                "abstractNum" if !empty => abs = attr(e, "abstractNumId"),
                "num" if !empty => {
                    num = attr(e, "numId").map(|id| (id, Num::default()));
                }
                "abstractNumId" => {
                    if let (Some((_, x)), Some(v)) = (num.as_mut(), val(e)) {
                        x.abstract_id = v;
                    }
                }
                "lvlOverride" if !empty => {
                    ovr = attr(e, "ilvl").and_then(|v| v.parse().ok());
                }
                "startOverride" => {
                    if let (Some((_, x)), Some(o)) = (num.as_mut(), ovr) {
                        x.overrides.entry(o).or_default().0 = val(e).and_then(|v| v.parse().ok());
                    }
                }
                "numStyleLink" => {
                    if let (Some(a), Some(v)) = (&abs, val(e)) {
                        n.num_style_link.insert(a.clone(), v);
                    }
                }
                "lvl" if !empty => {
                    let i = attr(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    lvl = Some((
                        i,
                        Level {
                            start: 1,
                            fmt: "decimal".into(),
                            suffix: "tab".into(),
                            ..Level::default()
                        },
                    ));
                }
                name => {
                    if let Some((_, l)) = lvl.as_mut() {
                        match name {
                            "start" => l.start = val(e).and_then(|v| v.parse().ok()).unwrap_or(1),
                            "numFmt" => l.fmt = val(e).unwrap_or_default(),
                            "lvlText" => l.text = val(e).unwrap_or_default(),
                            "suff" => l.suffix = val(e).unwrap_or_default(),
                            "lvlRestart" => l.restart = val(e).and_then(|v| v.parse().ok()),
                            "isLgl" => l.legal = val(e).is_none_or(|v| v != "0" && v != "false"),
                            _ => {}
                        }
                    }
                }
            }
        }
        Ok(n)
    }
}

type StyleNum = (Option<String>, Option<usize>, Option<String>);

/// `styles.xml`: the numbering a paragraph style carries, through `w:basedOn`.
#[derive(Debug, Default)]
struct Styles {
    /// Style id → (numId, ilvl, basedOn).
    styles: HashMap<String, StyleNum>,
}

impl Styles {
    fn read(xml: &str) -> Result<Styles, quick_xml::Error> {
        let mut s = Styles::default();
        let mut r = Reader::from_str(xml);
        let mut cur: Option<String> = None;
        let mut skip = 0usize;
        loop {
            match r.read_event()? {
                Event::Start(e) => {
                    if skip > 0 || is_change(e.local_name().as_ref()) {
                        skip += 1;
                        continue;
                    }
                    if e.local_name().as_ref() == "style" {
                        cur = attr(&e, "styleId");
                    }
                }
                Event::Empty(e) if skip == 0 => {
                    let Some(id) = &cur else { continue };
                    let entry = s.styles.entry(id.clone()).or_default();
                    match e.local_name().as_ref() {
                        "numId" => entry.0 = val(&e),
                        "ilvl" => entry.1 = val(&e).and_then(|v| v.parse().ok()),
                        "basedOn" => entry.2 = val(&e),
                        _ => {}
                    }
                }
                Event::End(e) => {
                    if skip > 0 {
                        skip -= 1;
                    } else if e.local_name().as_ref() == "style" {
                        cur = None;
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(s)
    }

    /// The numbering of a style, following `basedOn` (at most 16 steps).
    fn numbering(&self, style: &str) -> (Option<String>, Option<usize>) {
        let (mut num, mut lvl) = (None, None);
        let mut id = Some(style.to_string());
        for _ in 0..16 {
            let Some(st) = id.as_ref().and_then(|i| self.styles.get(i)) else {
                break;
            };
            num = num.or(st.0.clone());
            lvl = lvl.or(st.1);
            id = st.2.clone();
        }
        (num, lvl)
    }
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

/// Content that is not in the final text: deletions, the old side of a
/// move, the fallback copy of alternate content, field instructions.
fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "del" | "moveFrom" | "Fallback" | "instrText" | "delText" | "delInstrText"
    ) || is_change(name)
}

/// Paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: Option<usize>,
    style: Option<String>,
    in_ppr: bool,
}

struct Body<'a> {
    numbering: &'a Numbering,
    styles: &'a Styles,
    /// Counters per abstract list definition, one per level.
    counters: HashMap<String, Vec<Option<i64>>>,
    /// Numbering instances already met (their overrides apply once, at first use).
    started: std::collections::HashSet<String>,
    out: String,
    /// Footnote references in order: (id, number shown).
    notes: Vec<(String, usize)>,
}

impl<'a> Body<'a> {
    fn new(numbering: &'a Numbering, styles: &'a Styles) -> Body<'a> {
        Body {
            numbering,
            styles,
            counters: HashMap::new(),
            started: Default::default(),
            out: String::new(),
            notes: Vec::new(),
        }
    }

    /// Reads `document.xml` (or the paragraphs of one footnote when `note`
    /// collects them) into `out`.
    fn read(&mut self, xml: &str, mut note: Option<&mut String>) -> Result<(), quick_xml::Error> {
        let mut r = Reader::from_str(xml);
        let mut paras: Vec<Para> = Vec::new();
        let mut skip = 0usize;
        let mut in_t = false;
        loop {
            let ev = r.read_event()?;
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let name = e.local_name();
                    let name = name.as_ref();
                    if skip > 0 {
                        if !empty {
                            skip += 1;
                        }
                        continue;
                    }
                    if is_dropped(name) {
                        if !empty {
                            skip = 1;
                        }
                        continue;
                    }
                    match name {
                        "p" if !empty => paras.push(Para::default()),
                        "p" => self.emit(Para::default(), note.as_deref_mut()),
                        "pPr" if !empty => {
                            if let Some(p) = paras.last_mut() {
                                p.in_ppr = true;
                            }
                        }
                        "pStyle" => {
                            if let Some(p) = paras.last_mut().filter(|p| p.in_ppr) {
                                p.style = val(e);
                            }
                        }
                        "numId" => {
                            if let Some(p) = paras.last_mut().filter(|p| p.in_ppr) {
                                p.num_id = val(e);
                            }
                        }
                        "ilvl" => {
                            if let Some(p) = paras.last_mut().filter(|p| p.in_ppr) {
                                p.ilvl = val(e).and_then(|v| v.parse().ok());
                            }
                        }
                        "t" if !empty => in_t = true,
                        "tab" | "br" | "cr" | "noBreakHyphen" | "softHyphen" => {
                            if let Some(p) = paras.last_mut().filter(|p| !p.in_ppr) {
                                match name {
                                    "noBreakHyphen" => p.text.push('-'),
                                    "softHyphen" => {}
                                    _ => p.text.push(' '),
                                }
                            }
                        }
                        "footnoteReference" => {
                            if let (Some(p), Some(id)) = (paras.last_mut(), attr(e, "id")) {
                                let n = self.notes.len() + 1;
                                self.notes.push((id, n));
                                p.text.push_str(&format!("<sup>{n}</sup>"));
                            }
                        }
                        "sym" => {
                            if let (Some(p), Some(c)) = (
                                paras.last_mut(),
                                attr(e, "char")
                                    .and_then(|h| u32::from_str_radix(&h, 16).ok())
                                    .and_then(char::from_u32),
                            ) {
                                p.text.push(c);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(ref e) => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    match e.local_name().as_ref() {
                        "p" => {
                            if let Some(p) = paras.pop() {
                                self.emit(p, note.as_deref_mut());
                            }
                        }
                        "pPr" => {
                            if let Some(p) = paras.last_mut() {
                                p.in_ppr = false;
                            }
                        }
                        "t" => in_t = false,
                        _ => {}
                    }
                }
                Event::Text(ref t) if in_t && skip == 0 => {
                    if let Some(p) = paras.last_mut() {
                        p.text.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(ref g) if in_t && skip == 0 => {
                    if let Some(p) = paras.last_mut() {
                        if let Ok(Some(c)) = g.resolve_char_ref() {
                            p.text.push(c);
                        } else if let Some(s) =
                            quick_xml::escape::resolve_predefined_entity(&g.xml10_content())
                        {
                            p.text.push_str(s);
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    /// Reads `footnotes.xml`: the text of each footnote by its id.
    fn read_notes(
        &mut self,
        xml: &str,
        texts: &mut HashMap<String, String>,
    ) -> Result<(), quick_xml::Error> {
        // Split the part by footnote, then read each as a body of its own.
        let mut r = Reader::from_str(xml);
        loop {
            match r.read_event()? {
                Event::Start(e) if e.local_name().as_ref() == "footnote" => {
                    let id = attr(&e, "id").unwrap_or_default();
                    let kind = attr(&e, "type").unwrap_or_default();
                    let span = r.read_to_end(e.name())?;
                    if kind == "separator" || kind == "continuationSeparator" {
                        continue;
                    }
                    let inner = &xml[span.start as usize..span.end as usize];
                    let mut text = String::new();
                    self.read(inner, Some(&mut text))?;
                    texts.insert(id, text);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    fn emit(&mut self, p: Para, note: Option<&mut String>) {
        let label = self.label(&p);
        let text = p.text.trim();
        if text.is_empty() && label.is_empty() {
            return;
        }
        match note {
            Some(n) => {
                if !n.is_empty() {
                    n.push(' ');
                }
                n.push_str(&label);
                n.push_str(text);
            }
            None => {
                self.out.push_str(&label);
                self.out.push_str(text);
                self.out.push_str("\n\n");
            }
        }
    }

    /// The list label of a paragraph with its separator, or "".
    fn label(&mut self, p: &Para) -> String {
        let (style_num, style_lvl) = p
            .style
            .as_deref()
            .map(|s| self.styles.numbering(s))
            .unwrap_or_default();
        let Some(num_id) = p.num_id.clone().or(style_num) else {
            return String::new();
        };
        if num_id == "0" {
            return String::new();
        }
        let ilvl = p.ilvl.or(style_lvl).unwrap_or(0).min(8);
        let Some(num) = self.numbering.nums.get(&num_id) else {
            return String::new();
        };
        let mut abs_id = num.abstract_id.clone();
        // A definition that only links to a numbering style takes that style's list.
        if let Some(style) = self.numbering.num_style_link.get(&abs_id)
            && let (Some(n), _) = self.styles.numbering(style)
            && let Some(linked) = self.numbering.nums.get(&n)
        {
            abs_id = linked.abstract_id.clone();
        }
        let Some(levels) = self.numbering.abstracts.get(&abs_id) else {
            return String::new();
        };
        let level_of = |i: usize| -> Level {
            num.overrides
                .get(&i)
                .and_then(|o| o.1.clone())
                .or_else(|| levels.get(&i).cloned())
                .unwrap_or(Level {
                    start: 1,
                    fmt: "decimal".into(),
                    ..Level::default()
                })
        };
        let counters = self
            .counters
            .entry(abs_id.clone())
            .or_insert_with(|| vec![None; 9]);
        if self.started.insert(num_id.clone()) {
            // First use of this instance: its start overrides restart those levels.
            for (&i, o) in &num.overrides {
                let start = o.0.or(o.1.as_ref().map(|l| l.start));
                if let (Some(s), true) = (start, i < 9) {
                    counters[i] = Some(s.saturating_sub(1));
                }
            }
        }
        let lvl = level_of(ilvl);
        counters[ilvl] = Some(counters[ilvl].map_or(lvl.start, |c| c.saturating_add(1)));
        // Deeper levels restart, unless told to restart only after a higher one.
        for (d, c) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = level_of(d).restart;
            if restart.is_none_or(|r| r != 0 && r > ilvl) {
                *c = None;
            }
        }
        if lvl.fmt == "bullet" || lvl.fmt == "none" {
            return String::new();
        }
        let mut label = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            {
                chars.next();
                let k = (d as usize).saturating_sub(1).min(8);
                let l = level_of(k);
                let n = counters[k].unwrap_or(l.start);
                let fmt = if lvl.legal && k < ilvl {
                    "decimal"
                } else {
                    l.fmt.as_str()
                };
                label.push_str(&format_number(n, fmt));
            } else {
                label.push(c);
            }
        }
        if label.is_empty() {
            return label;
        }
        // `、` and a full-width stop carry their own spacing in Chinese.
        if lvl.suffix != "nothing" && !label.ends_with(['、', '．', '）']) {
            label.push(' ');
        }
        label
    }
}

/// The largest number written in letters (`zzz…z`, 30 letters, as Word
/// stops); larger ones are written in digits, so a label stays short.
const MAX_LETTER_NUMBER: i64 = 26 * 30;

/// Counter `n` written in a Word number format.
fn format_number(n: i64, fmt: &str) -> String {
    const ARABIC_ALPHA: [&str; 28] = [
        "أ", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض", "ط", "ظ", "ع",
        "غ", "ف", "ق", "ك", "ل", "م", "ن", "هـ", "و", "ي",
    ];
    const ARABIC_ABJAD: [&str; 28] = [
        "أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص",
        "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ",
    ];
    const RUSSIAN: [char; 28] = [
        'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т',
        'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'э', 'ю', 'я',
    ];
    const HEAVENLY: [char; 10] = crate::lang::tables::HEAVENLY_STEMS;
    let cycle = |len: i64| ((n.max(1) - 1) % len) as usize;
    let letters = |base: u8| {
        // Word repeats the letter: a … z, aa … zz, up to 780 (30 letters);
        // past that (an absurd start, 2,000,000,000 would be 77 million
        // letters) the number is written in digits.
        if n > MAX_LETTER_NUMBER {
            return n.to_string();
        }
        let k = (n.max(1) - 1) as usize;
        std::iter::repeat_n((base + (k % 26) as u8) as char, k / 26 + 1).collect::<String>()
    };
    // The decimal digits of `n` from the script whose zero is `zero` (a
    // sign stays as it is).
    let digits = |zero: u32| -> String {
        n.to_string()
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .and_then(|d| char::from_u32(zero + d))
                    .unwrap_or(c)
            })
            .collect()
    };
    match fmt {
        "lowerLetter" => letters(b'a'),
        "upperLetter" => letters(b'A'),
        "lowerRoman" => super::html::roman(n).to_lowercase(),
        "upperRoman" => super::html::roman(n),
        "decimalZero" => format!("{n:02}"),
        "decimalFullWidth" | "decimalFullWidth2" => digits(0xFF10),
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographLegalTraditional"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting" => chinese_counting(n),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .and_then(|d| "〇一二三四五六七八九".chars().nth(d as usize))
                    .unwrap_or(c)
            })
            .collect(),
        "ideographTraditional" => HEAVENLY[cycle(10)].to_string(),
        "arabicAlpha" => ARABIC_ALPHA[cycle(28)].to_string(),
        "arabicAbjad" => ARABIC_ABJAD[cycle(28)].to_string(),
        "russianLower" => RUSSIAN[cycle(28)].to_string(),
        "russianUpper" => RUSSIAN[cycle(28)].to_uppercase().collect(),
        "hindiNumbers" | "arabicNumbers" => digits(0x0660),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
fn chinese_counting(n: i64) -> String {
    const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if !(1..10_000).contains(&n) {
        return n.to_string();
    }
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ["千", "百", "十", ""];
    let mut s = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero = !s.is_empty();
            continue;
        }
        if zero {
            s.push('零');
            zero = false;
        }
        // 十二, not 一十二, when the tens open the number.
        if !(i == 2 && d == 1 && s.is_empty()) {
            s.push(D[d as usize]);
        }
        s.push_str(units[i]);
    }
    s
}

#[cfg(test)]
mod tests {
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

//! PDF files to text, through poppler's `pdftotext` (Debian `poppler-utils`).
//!
//! `pdftotext` gives the text in reading order with correct bidirectional
//! order for Arabic; its `-bbox-layout` output gives, for the same lines,
//! the page geometry and poppler's grouping of lines into blocks. From both:
//! - a block is a paragraph; its lines are rejoined (no space between
//!   Chinese characters, a typesetter's hyphen dropped, the hyphen of a
//!   compound kept — the view's own rules, `normalize::wrap`);
//! - lines in the top and bottom margins that are page furniture (page
//!   numbers, the symbol, the job number, barcodes, "Please recycle", see
//!   `normalize::is_page_furniture`) or that repeat on several
//!   pages (running headers) are dropped;
//! - small-type blocks at the foot of a page that open with a number are
//!   footnotes: they move to the end of the text, as `<sup>N</sup> text`;
//! - a paragraph cut by a page break (no closing punctuation before the
//!   break) is joined to its continuation on the next page.
//!
//! Footnote reference digits that extraction glues to a word
//! (`Declaration8`) are read by the normalized view.

use std::collections::HashMap;
use std::process::Command;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::error::ErrorKind;
use crate::normalize::{self, Wrap};

const FORMAT: &str = "PDF";

fn unreadable(reason: impl Into<String>, fix: &str) -> ErrorKind {
    ErrorKind::Unreadable {
        format: FORMAT,
        reason: reason.into(),
        fix: fix.into(),
    }
}

/// One line of a page, with its place.
#[derive(Clone, Debug)]
struct Line {
    page: usize,
    block: usize,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    text: String,
}

#[derive(Clone, Copy, Debug, Default)]
struct Page {
    height: f64,
}

/// The text of a PDF file.
pub(super) fn to_text(bytes: &[u8]) -> Result<String, ErrorKind> {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if memchr::memmem::find(tail, b"%%EOF").is_none() {
        return Err(unreadable(
            "it has no end-of-file marker: it is truncated or damaged",
            "download or export it again",
        ));
    }
    let exe = super::find_program("pdftotext").ok_or(ErrorKind::MissingTool {
        format: FORMAT,
        tool: "pdftotext",
        package: "poppler-utils",
    })?;
    let plain = run(&exe, bytes, &[])?;
    let bbox = run(&exe, bytes, &["-bbox-layout"])?;
    if plain.chars().all(|c| c.is_whitespace()) {
        return Err(unreadable(
            "it has no text layer (a scanned image?)",
            "run it through OCR first (for instance ocrmypdf, Debian package ocrmypdf), or give the Word or text version",
        ));
    }
    let (pages, geometry) = read_bbox(&bbox).map_err(|e| {
        unreadable(
            format!("pdftotext gave unreadable layout ({e})"),
            "report it",
        )
    })?;
    let lines = match attach(&plain, &geometry) {
        Some(lines) => lines,
        // The two outputs disagree: keep the text, and let the view rejoin lines.
        None => return Ok(plain.replace('\x0c', "\n")),
    };
    Ok(assemble(&pages, lines))
}

fn run(exe: &std::path::Path, bytes: &[u8], extra: &[&str]) -> Result<String, ErrorKind> {
    let mut cmd = Command::new(exe);
    cmd.args(["-enc", "UTF-8"]).args(extra).args(["-", "-"]);
    // Its own process group, under the time limit (see super::convert).
    let out = super::convert::run("pdftotext", cmd, Some(bytes.to_vec()))
        .map_err(|f| unreadable(f.reason("pdftotext"), f.fix()))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
        // Exit status 3 is poppler's "permission" error; a user password gives 1.
        let locked = out.status.code() == Some(3)
            || memchr::memmem::find(bytes, b"/Encrypt").is_some()
            || err.to_ascii_lowercase().contains("password")
            || err.contains("Copying of text");
        return Err(if locked {
            unreadable(
                "it is encrypted (protected by a password, or text copying is not allowed)",
                "open it with its password and save or print an unprotected copy",
            )
        } else {
            let why = if err.is_empty() {
                format!("pdftotext failed ({})", out.status)
            } else {
                format!("pdftotext: {}", err.lines().next().unwrap_or_default())
            };
            unreadable(
                format!("it is damaged ({why})"),
                "download or export it again",
            )
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// One line of the layout output.
struct LineBox {
    page: usize,
    block: usize,
    rect: [f64; 4],
    /// Words set in superscript that are numbers: footnote references.
    sups: Vec<String>,
}

type Geometry = Vec<LineBox>;

/// Pages and, for every line in order, its place and superscript numbers.
fn read_bbox(xml: &str) -> Result<(Vec<Page>, Geometry), quick_xml::Error> {
    let mut r = Reader::from_str(xml);
    let mut pages = Vec::new();
    let mut lines: Vec<LineBox> = Vec::new();
    let mut block = 0usize;
    // Words of the current line: text, height, bottom.
    let mut words: Vec<(String, f64, f64)> = Vec::new();
    let mut in_word: Option<f64> = None;
    let num = |e: &quick_xml::events::BytesStart, k: &str| -> f64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == k)
            .and_then(|a| a.value.parse().ok())
            .unwrap_or(0.0)
    };
    loop {
        match r.read_event()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "page" => pages.push(Page {
                    height: num(&e, "height"),
                }),
                "block" => block += 1,
                "line" => {
                    words.clear();
                    lines.push(LineBox {
                        page: pages.len().saturating_sub(1),
                        block,
                        rect: [
                            num(&e, "xMin"),
                            num(&e, "yMin"),
                            num(&e, "xMax"),
                            num(&e, "yMax"),
                        ],
                        sups: Vec::new(),
                    });
                }
                "word" => {
                    in_word = Some(num(&e, "yMax") - num(&e, "yMin"));
                    words.push((String::new(), in_word.unwrap_or(0.0), num(&e, "yMax")));
                }
                _ => {}
            },
            Event::Text(t) if in_word.is_some() => {
                if let Some(w) = words.last_mut() {
                    w.0.push_str(&t.xml10_content());
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "word" => in_word = None,
                "line" => {
                    let tallest = words.iter().map(|w| w.1).fold(0.0, f64::max);
                    let bottom = words.iter().map(|w| w.2).fold(0.0, f64::max);
                    if let Some(l) = lines.last_mut() {
                        // Any word of the line: the reference ends an Arabic
                        // line, which is the first word of the layout.
                        l.sups = words
                            .iter()
                            .filter(|w| {
                                (1..=3).contains(&w.0.len())
                                    && w.0.bytes().all(|b| b.is_ascii_digit())
                                    // Smaller type, raised above the baseline.
                                    && w.1 < tallest * 0.9
                                    && w.2 < bottom - tallest * 0.2
                            })
                            .map(|w| w.0.clone())
                            .collect();
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((pages, lines))
}

/// The plain text's lines with the layout's geometry, when both list the
/// same number of lines on every page.
fn attach(plain: &str, geometry: &Geometry) -> Option<Vec<Line>> {
    let mut out = Vec::with_capacity(geometry.len());
    let mut g = geometry.iter();
    for (page, text) in plain.split('\x0c').enumerate() {
        for l in text.lines().filter(|l| !l.trim().is_empty()) {
            let lb = g.next()?;
            if lb.page != page {
                return None;
            }
            let [x0, y0, x1, y1] = lb.rect;
            out.push(Line {
                page,
                block: lb.block,
                x0,
                x1,
                y0,
                y1,
                text: mark_sups(&unbidi(l.trim()), &lb.sups),
            });
        }
    }
    g.next().is_none().then_some(out)
}

/// Writes the superscript numbers of a line as `<sup>N</sup>` glued to what
/// comes before them, from the end of the line backwards.
fn mark_sups(line: &str, sups: &[String]) -> String {
    let mut s = line.to_string();
    let mut end = s.len();
    for n in sups.iter().rev() {
        let Some(p) = s[..end].rfind(n.as_str()) else {
            continue;
        };
        let after_ok = s[p + n.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_ascii_digit());
        let before_ok = s[..p]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_ascii_digit());
        if !(after_ok && before_ok) {
            end = p;
            continue;
        }
        let start = s[..p].trim_end().len();
        s = format!("{}<sup>{n}</sup>{}", &s[..start], &s[p + n.len()..]);
        end = start;
    }
    s
}

/// A line without the bidirectional embedding controls pdftotext puts
/// around Arabic runs, and with the label a right-to-left line shows as
/// `.1` or `- 1` at its start written back in logical order (`1.`, `1 -`).
fn unbidi(line: &str) -> String {
    let rtl = line.trim_start().starts_with('\u{202b}');
    // A left-to-right run inside Arabic text comes with the space that
    // separates it from the next word at its start (`البند [LRE] 139[PDF]من`): the
    // space goes after the run.
    let mut s = String::with_capacity(line.len());
    let mut run: Option<String> = None;
    for c in line.chars() {
        match c {
            '\u{202a}' => run = Some(String::new()),
            '\u{202c}' => {
                if let Some(r) = run.take() {
                    if r.starts_with(' ') && !r.ends_with(' ') {
                        s.push_str(r.trim_start());
                        s.push(' ');
                    } else {
                        s.push_str(&r);
                    }
                }
            }
            '\u{200e}' | '\u{200f}' | '\u{202b}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => match &mut run {
                Some(r) => r.push(c),
                None => s.push(c),
            },
        }
    }
    if let Some(r) = run {
        s.push_str(&r);
    }
    let is_arabic = |c: char| ('\u{600}'..='\u{6ff}').contains(&c);
    // A line with no Arabic letter on a right-to-left page comes out word by
    // word backwards, with its brackets mirrored and a closing stop in
    // front (`.A/98/416 1`, `)C( 19-21813`).
    if rtl && !s.chars().any(is_arabic) {
        let words: Vec<String> = s
            .split_whitespace()
            .rev()
            .map(|w| {
                let w: String = w
                    .chars()
                    .map(|c| match c {
                        '(' => ')',
                        ')' => '(',
                        c => c,
                    })
                    .collect();
                match w.strip_prefix(['.', ',', ';', ':']) {
                    Some(rest) if !rest.is_empty() => format!("{rest}{}", &w[..1]),
                    _ => w,
                }
            })
            .collect();
        s = words.join(" ");
    }
    if s.chars().any(is_arabic) {
        s = fix_lam_alef(&s);
    }
    let s = s.trim();
    let arabic_after = |rest: &str| rest.trim_start().chars().next().is_some_and(is_arabic);
    for (mark, label_end) in [(".", "."), ("- ", " -")] {
        if let Some(r) = s.strip_prefix(mark) {
            let digits = r.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=3).contains(&digits) && arabic_after(&r[digits..]) {
                return format!("{}{label_end} {}", &r[..digits], r[digits..].trim_start());
            }
        }
    }
    s.to_string()
}

/// pdftotext writes the lam-alef ligature backwards (`اإلعالن` for
/// `الإعلان`). Where that gives a spelling Arabic never has, two alefs
/// opening a word (after an optional `و` `ف` `ب` `ك`), the article is put
/// back: `األعمال` → `الأعمال`, `االعتراف` → `الاعتراف`, `باإلضافة` →
/// `بالإضافة`. The same reversal inside a word (`السالم` for `السلام`)
/// cannot be told from a real word and stays.
fn fix_lam_alef(s: &str) -> String {
    static SWAPPED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(^|[^\p{Arabic}])([وفبك]?)ا([اأإآ])ل").expect("valid pattern")
    });
    // Twice: a match consumes the character before the next word.
    let once = SWAPPED.replace_all(s, "${1}${2}ال${3}");
    SWAPPED.replace_all(&once, "${1}${2}ال${3}").into_owned()
}

/// Pieces of one printed line that poppler gave as lines of their own (a
/// superscript footnote number beside its text, a label set off by a tab):
/// consecutive lines on the same page sharing most of their height.
fn merge_pieces(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for l in lines {
        if let Some(p) = out.last_mut() {
            let overlap = p.y1.min(l.y1) - p.y0.max(l.y0);
            let h = (p.y1 - p.y0).min(l.y1 - l.y0);
            if p.page == l.page && h > 0.0 && overlap > h * 0.5 && l.x0 >= p.x1 - 1.0 {
                // A superscript number after the text is a footnote
                // reference: glued, as the view reads references.
                let sup = (1..=3).contains(&l.text.len())
                    && l.text.bytes().all(|b| b.is_ascii_digit())
                    && l.y1 - l.y0 < (p.y1 - p.y0) * 0.85;
                let sep = if sup { "" } else { " " };
                p.text = format!("{}{sep}{}", p.text, l.text);
                p.x1 = l.x1;
                p.y0 = p.y0.min(l.y0);
                p.y1 = p.y1.max(l.y1);
                continue;
            }
        }
        out.push(l);
    }
    out
}

fn assemble(pages: &[Page], lines: Vec<Line>) -> String {
    let lines = merge_pieces(lines);
    // Lines in the margins: the top and bottom 8% of a page.
    let in_margin = |l: &Line| {
        let h = pages.get(l.page).map_or(0.0, |p| p.height);
        h > 0.0 && (l.y1 < h * 0.08 || l.y0 > h * 0.92)
    };
    // A running title repeats word for word; a heading that happens to
    // open several pages (`Article 10`, `Article 12`) does not.
    let mut repeats: HashMap<String, std::collections::HashSet<usize>> = HashMap::new();
    for l in lines.iter().filter(|l| in_margin(l)) {
        repeats.entry(l.text.clone()).or_default().insert(l.page);
    }
    let furniture = |l: &Line| {
        normalize::is_page_furniture(&l.text)
            || in_margin(l)
                && (normalize::is_margin_furniture(&l.text)
                    || repeats.get(&l.text).is_some_and(|p| p.len() >= 3))
    };
    let body: Vec<Line> = lines.into_iter().filter(|l| !furniture(l)).collect();

    // The body's type size: the median line height.
    let mut heights: Vec<f64> = body.iter().map(|l| l.y1 - l.y0).collect();
    heights.sort_by(f64::total_cmp);
    let body_height = heights.get(heights.len() / 2).copied().unwrap_or(0.0);

    // The width of a full line of each page.
    let mut full = vec![0.0f64; pages.len().max(1)];
    for l in &body {
        if let Some(w) = full.get_mut(l.page) {
            *w = w.max(l.x1 - l.x0);
        }
    }
    let is_full = |l: &Line| l.x1 - l.x0 >= full.get(l.page).copied().unwrap_or(0.0) * 0.85;
    // Blocks, in order. Poppler keeps list items and evenly spaced
    // paragraphs in one block: a line opening with a label, or following a
    // short line that closes a sentence, starts a paragraph of its own.
    let mut blocks: Vec<Vec<Line>> = Vec::new();
    for l in body {
        match blocks.last_mut() {
            Some(b)
                if b[0].block == l.block
                    && !starts_with_label(&l.text)
                    && b.last().is_some_and(|p| {
                        let (hp, hl) = (p.y1 - p.y0, l.y1 - l.y0);
                        // The same type size, and not after a short line closing a sentence.
                        (hp - hl).abs() <= hp.max(hl) * 0.25
                            && (is_full(p) || !p.text.trim_end().ends_with(is_stop))
                    }) =>
            {
                b.push(l)
            }
            _ => blocks.push(vec![l]),
        }
    }
    // Footnotes: small-type blocks opening with a number, at the foot of a
    // page (nothing but other footnotes below them).
    let mut is_note = vec![false; blocks.len()];
    for k in (0..blocks.len()).rev() {
        let b = &blocks[k];
        let below_only_notes = blocks
            .get(k + 1)
            .is_none_or(|n| n[0].page != b[0].page || is_note[k + 1]);
        let small = b.iter().all(|l| l.y1 - l.y0 < body_height * 0.85);
        if below_only_notes && small && note_number(&b[0].text).is_some() {
            is_note[k] = true;
        }
    }

    let mut out = String::new();
    let mut notes = String::new();
    let mut open: Option<String> = None;
    let mut open_page = 0;
    let mut open_full = false;
    for (k, b) in blocks.iter().enumerate() {
        let text = join_lines(b);
        if is_note[k] {
            let (n, rest) = note_number(&text).unwrap_or(("", &text));
            notes.push_str(&format!("<sup>{n}</sup> {}\n\n", rest.trim()));
            continue;
        }
        if let Some(prev) = open.take() {
            // A paragraph cut by the page break runs on.
            let lower = text.chars().next().is_some_and(char::is_lowercase);
            // A full last line ending in a comma runs on too (a comma
            // also ends a preambular paragraph, but rarely on a full line).
            let end = prev.trim_end();
            let cut = b[0].page != open_page
                && !starts_with_label(&text)
                && (!end.ends_with(is_closing) && (open_full || lower)
                    || end.ends_with([',', '，', '、']) && open_full);
            if cut {
                let joined = join_two(&prev, &text);
                open = Some(joined);
                let last = &b[b.len() - 1];
                open_page = last.page;
                open_full = is_full(last);
                continue;
            }
            out.push_str(&prev);
            out.push_str("\n\n");
        }
        open = Some(text);
        let last = &b[b.len() - 1];
        open_page = last.page;
        // Only a paragraph whose last line fills the column runs on.
        open_full = is_full(last);
    }
    if let Some(prev) = open {
        out.push_str(&prev);
        out.push_str("\n\n");
    }
    out.push_str(&notes);
    out
}

fn join_lines(b: &[Line]) -> String {
    let mut s = String::new();
    for l in b {
        if s.is_empty() {
            s.push_str(&l.text);
        } else {
            s = join_two(&s, &l.text);
        }
    }
    s
}

fn join_two(a: &str, b: &str) -> String {
    let mut s = a.trim_end().to_string();
    match normalize::wrap(&s, b) {
        Wrap::Tight => {}
        Wrap::Space => s.push(' '),
        Wrap::Dehyphen => {
            s.pop();
        }
    }
    s.push_str(b.trim_start());
    s
}

/// A sentence ends here: a stop, a colon, a semicolon.
fn is_stop(c: char) -> bool {
    matches!(
        c,
        '.' | '。' | ';' | '；' | ':' | '：' | '!' | '?' | '؛' | '؟' | '？'
    )
}

/// A paragraph may end here: a stop, a colon, a semicolon, a comma.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '.' | '。' | ';' | '；' | ':' | '：' | ',' | '，' | '!' | '?' | '؛' | '،' | '؟' | '？'
    )
}

/// A line opening with a paragraph or sub-paragraph label: `1.`, `1 -`,
/// `١ -`, `(a)`, `a)`, `а)`, `(أ)`, `一、`.
fn starts_with_label(s: &str) -> bool {
    let s = s.trim_start();
    let digits: usize = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('\u{660}'..='\u{669}').contains(c))
        .map(char::len_utf8)
        .sum();
    if digits > 0 {
        let rest = &s[digits..];
        return rest.starts_with(". ") || rest.starts_with(" -") || rest.starts_with(".\u{a0}");
    }
    if let Some(r) = s.strip_prefix(['(', '（']) {
        let inner: String = r.chars().take_while(|&c| c != ')' && c != '）').collect();
        return (1..=4).contains(&inner.chars().count())
            && r[inner.len()..].starts_with([')', '）'])
            && inner.chars().all(char::is_alphanumeric);
    }
    let mut cs = s.chars();
    if let (Some(a), Some(b)) = (cs.next(), cs.next())
        && a.is_lowercase()
        && b == ')'
    {
        return true;
    }
    let head: String = s
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .collect();
    !head.is_empty() && s[head.len()..].starts_with('、')
}

/// The number opening a footnote (`1 Resolution 55/2.`, `12 A/65/201`) and the rest.
fn note_number(s: &str) -> Option<(&str, &str)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = &s[digits..];
    // `1. text` is a numbered paragraph, not a footnote.
    (rest.starts_with(char::is_whitespace) || rest.starts_with(|c: char| c.is_alphabetic()))
        .then(|| (&s[..digits], rest))
}

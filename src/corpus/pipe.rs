//! Pipe mode: one document per JSON line in, aligned pairs as JSON lines out.
//!
//! Each input line is an object with an `id` and one text per language code
//! (`{"id":"A/RES/74/28","zh":"…","en":"…"}`); other fields are ignored.
//! For each line, every language present (among those asked for) is aligned
//! with the hub and written as [JSON Lines](crate::output::jsonl) records,
//! then one closing record, `{"doc":"A/RES/74/28","end":true,"pairs":N}`
//! (N the pair records written for the document just before it), so a
//! consumer knows the document is complete; then the output is flushed, so
//! a cluster engine (Spark `RDD.pipe`, Hadoop streaming) sees each
//! document's pairs as soon as they exist. A closing record is the only
//! record with `end`; pair records have `src` and `tgt`. Memory holds one
//! document at a time.
//!
//! A line that cannot be used (invalid UTF-8, not JSON, not an object, no
//! id, no hub text, a language field that is not a string, a text that will
//! not parse, a line over the input size limit — read and dropped without
//! being held) gives one error record on the error stream,
//! `{"line":7,"id":"…","lang":"en","error":"…"}`, and the run goes on: no
//! later document is lost.

use std::io::{BufRead, Write};

use serde::Serialize;
use serde_json::Value;

use crate::engine::Aligner;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::load::Text;
use crate::output::{JsonlWriter, PairWriter, write_alignment};
use crate::parse::{self, ParseOptions};

/// What pipe mode aligns.
#[derive(Clone, Debug)]
pub struct PipeOptions {
    /// The hub language.
    pub hub: Lang,
    /// The other languages to align (languages not in a line are left out).
    pub langs: Vec<Lang>,
}

impl Default for PipeOptions {
    fn default() -> PipeOptions {
        PipeOptions {
            hub: Lang::Zh,
            langs: Lang::ALL.to_vec(),
        }
    }
}

/// The record closing a document's pairs.
#[derive(Serialize)]
struct EndRecord<'a> {
    doc: &'a str,
    end: bool,
    pairs: usize,
}

/// Counts of a pipe run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PipeSummary {
    /// Input lines read (blank lines included).
    pub lines: usize,
    /// Documents that gave output.
    pub documents: usize,
    /// Pair records written (closing records not counted).
    pub records: usize,
    /// Error records written.
    pub errors: usize,
}

/// Reads one line (up to `\n`, which is dropped with a `\r` before it) into
/// `buf`, keeping at most `limit` bytes; the rest of a longer line is read
/// and thrown away, so one huge line costs no memory. Returns the bytes read
/// (0 at the end) and whether the line was whole.
fn read_line(
    input: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: u64,
) -> std::io::Result<(usize, bool)> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut total = 0usize;
    let mut whole = true;
    loop {
        let chunk = match input.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if whole {
            let room = limit.saturating_sub(buf.len());
            if take > room + usize::from(done) {
                whole = false;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        input.consume(take);
        total += take;
        if done {
            break;
        }
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    Ok((total, whole))
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[derive(Serialize)]
struct ErrorRecord<'a> {
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<Lang>,
    error: String,
}

/// Runs pipe mode from `input` to `out`, error records to `err`. Fails only
/// when reading the input or writing the output fails (a closed pipe ends
/// the run); bad lines are reported on `err`.
pub fn pipe(
    input: impl BufRead,
    mut out: impl Write,
    mut err: impl Write,
    opts: &PipeOptions,
    aligner: &Aligner,
) -> Result<PipeSummary> {
    let mut summary = PipeSummary::default();
    let others: Vec<Lang> = Lang::ALL
        .into_iter()
        .filter(|l| *l != opts.hub && opts.langs.contains(l))
        .collect();
    let limit = crate::input::max_input();
    let mut input = input;
    let mut buf: Vec<u8> = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        let (read, whole) = read_line(&mut input, &mut buf, limit)
            .map_err(|e| Error::from(e).with_line(line_no + 1))?;
        if read == 0 {
            break;
        }
        line_no += 1;
        summary.lines += 1;
        let mut report = |id: Option<&str>, lang: Option<Lang>, msg: String| -> Result<()> {
            summary.errors += 1;
            serde_json::to_writer(
                &mut err,
                &ErrorRecord {
                    line: line_no,
                    id,
                    lang,
                    error: msg,
                },
            )
            .map_err(std::io::Error::from)?;
            err.write_all(b"\n")?;
            err.flush()?;
            Ok(())
        };
        let Some((id, obj)) = record(&buf, whole, limit, &mut report)? else {
            continue;
        };
        let Some((hub, versions)) = documents(&id, &obj, opts, &others, &mut report)? else {
            continue;
        };
        summary.records += write_document(&mut out, aligner, &id, &hub, &versions)?;
        summary.documents += 1;
    }
    out.flush()?;
    Ok(summary)
}

/// What a line that cannot be used is reported with: the document id and
/// the language when known, and what is wrong.
type Report<'a> = dyn FnMut(Option<&str>, Option<Lang>, String) -> Result<()> + 'a;

/// The id and the object of one input line (`buf`, read whole or not, with
/// `limit` the size limit), or `None` when the line is blank or cannot be
/// used (then reported).
fn record(
    buf: &[u8],
    whole: bool,
    limit: u64,
    report: &mut Report,
) -> Result<Option<(String, serde_json::Map<String, Value>)>> {
    if !whole {
        report(
            None,
            None,
            format!(
                "the line is over the input size limit of {} bytes (--max-input); skipped",
                limit
            ),
        )?;
        return Ok(None);
    }
    let line = match std::str::from_utf8(buf) {
        Ok(s) => s,
        Err(e) => {
            report(
                None,
                None,
                format!(
                    "invalid UTF-8 at byte {} of the line; JSON lines must be UTF-8",
                    e.valid_up_to()
                ),
            )?;
            return Ok(None);
        }
    };
    if line.trim().is_empty() {
        return Ok(None);
    }
    let obj = match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(o)) => o,
        Ok(_) => {
            report(None, None, "expected a JSON object".into())?;
            return Ok(None);
        }
        Err(e) => {
            report(None, None, format!("not JSON: {e}"))?;
            return Ok(None);
        }
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::Number(x)) => x.to_string(),
        _ => {
            report(None, None, "no \"id\" (a string or number)".into())?;
            return Ok(None);
        }
    };
    Ok(Some((id, obj)))
}

/// The hub document and the other versions (`others`, those present) of
/// the record `obj` of document `id`, parsed; `None` when there is no hub
/// or no other version to align it with. What cannot be used is reported:
/// a field that is not text (for the hub, the record is left out), a
/// version that will not parse.
fn documents(
    id: &str,
    obj: &serde_json::Map<String, Value>,
    opts: &PipeOptions,
    others: &[Lang],
    report: &mut Report,
) -> Result<Option<(crate::Document, Vec<crate::Document>)>> {
    // A language field that is there but not a string is a mistake worth
    // a record, not a version silently left out.
    let mut bad_field = None;
    for l in std::iter::once(opts.hub).chain(others.iter().copied()) {
        match obj.get(l.code()) {
            None | Some(Value::String(_)) | Some(Value::Null) => {}
            Some(v) => {
                bad_field = Some((l, kind_of(v)));
                break;
            }
        }
    }
    if let Some((l, kind)) = bad_field {
        report(
            Some(id),
            Some(l),
            format!("the {:?} field is {kind}, not a string of text", l.code()),
        )?;
        if l == opts.hub {
            return Ok(None);
        }
    }
    let text_of = |l: Lang| obj.get(l.code()).and_then(Value::as_str);
    let parse_one = |l: Lang, s: &str| -> Result<crate::Document> {
        let text = Text::from_string(id, s.to_string())?;
        parse::parse(
            &text,
            &ParseOptions {
                lang: Some(l),
                symbol: Some(id.to_string()),
            },
        )
    };
    let Some(hub_text) = text_of(opts.hub) else {
        report(
            Some(id),
            Some(opts.hub),
            format!("no {:?} text (the hub)", opts.hub.code()),
        )?;
        return Ok(None);
    };
    let hub = match parse_one(opts.hub, hub_text) {
        Ok(d) => d,
        Err(e) => {
            report(Some(id), Some(opts.hub), e.to_string())?;
            return Ok(None);
        }
    };
    let mut versions = Vec::new();
    for &l in others {
        let Some(t) = text_of(l) else { continue };
        match parse_one(l, t) {
            Ok(d) => versions.push(d),
            Err(e) => report(Some(id), Some(l), e.to_string())?,
        }
    }
    if versions.is_empty() {
        report(
            Some(id),
            None,
            "no text in another language asked for".into(),
        )?;
        return Ok(None);
    }
    Ok(Some((hub, versions)))
}

/// Aligns `hub` of document `id` with `versions` and writes the pair
/// records, then the closing record, flushed; returns the pair records
/// written.
fn write_document(
    mut out: impl Write,
    aligner: &Aligner,
    id: &str,
    hub: &crate::Document,
    versions: &[crate::Document],
) -> Result<usize> {
    let aligned = aligner.align_all(hub, versions);
    let mut w = JsonlWriter::new(&mut out);
    let mut pairs = 0;
    for a in &aligned {
        write_alignment(&mut w, a)?;
        pairs += a.beads().count();
    }
    w.finish()?;
    // The pair records' own `doc`, so the two match.
    let doc = aligned.first().map_or(id, |a| a.doc.as_str());
    serde_json::to_writer(
        &mut out,
        &EndRecord {
            doc,
            end: true,
            pairs,
        },
    )
    .map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(pairs)
}

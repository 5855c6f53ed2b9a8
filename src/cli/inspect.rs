//! `sixalign inspect`: the structure the parser finds in one document.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use sixalign::parse::{ParseOptions, parse_path};
use sixalign::qa::Finding;
use sixalign::{Document, Lang, Result};

use super::InspectArgs;

pub(crate) fn run(args: &InspectArgs) -> Result<ExitCode> {
    let opts = ParseOptions {
        lang: args.lang,
        symbol: args.symbol.clone(),
    };
    let doc = parse_path(&args.file, &opts)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.json {
        write_json(&doc, &mut out)?;
    } else {
        write_human(&doc, &mut out)?;
    }
    out.flush()?;
    if args.strict && !doc.findings.is_empty() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The structure as `inspect --json` prints it: one object, serialize-only borrows.
#[derive(Serialize)]
struct JsonDoc<'a> {
    lang: Lang,
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

fn write_json(doc: &Document, out: &mut impl Write) -> Result<()> {
    let j = JsonDoc {
        lang: doc.lang,
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
    writeln!(out)?;
    Ok(())
}

fn write_human(doc: &Document, out: &mut impl Write) -> Result<()> {
    write!(
        out,
        "{}  lang {}  symbol {}",
        doc.name,
        doc.lang,
        doc.symbol.as_deref().unwrap_or("-")
    )?;
    // What the title and closing say, when they say it.
    let facts = [
        ("agenda", doc.agenda_item().map(str::to_string)),
        ("report", doc.report_symbol()),
        ("meeting", doc.meeting().map(|m| m.to_string())),
        ("date", doc.date()),
    ];
    for (name, value) in facts {
        if let Some(v) = value {
            write!(out, "  {name} {v}")?;
        }
    }
    writeln!(out)?;
    for b in &doc.blocks {
        let label = b.label.as_ref().map_or("", |l| l.key.as_str());
        writeln!(
            out,
            "{:<12} {:<9} {}",
            b.kind.name(),
            label,
            first_chars(&b.text, 40)
        )?;
    }
    for f in &doc.footnotes {
        writeln!(
            out,
            "{:<12} {:<9} {}",
            "footnote",
            f.label,
            first_chars(&f.text, 40)
        )?;
    }
    for f in &doc.findings {
        writeln!(out, "{f}")?;
    }
    Ok(())
}

/// The first `n` characters of the first line, for a one-line summary.
fn first_chars(s: &str, n: usize) -> String {
    let line = s.lines().next().unwrap_or("");
    let mut t: String = line.chars().take(n).collect();
    if line.chars().count() > n || s.contains('\n') {
        t.push('…');
    }
    t
}

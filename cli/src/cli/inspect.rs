//! `sixalign inspect`: the structure the parser finds in one document.

use std::io::Write;
use std::process::ExitCode;

use sixalign::output::write_inspect_json;
use sixalign::parse::{ParseOptions, parse_path};
use sixalign::{Document, Result};

use super::args::InspectArgs;
use super::config::Inspect;
use super::exit;

pub(crate) fn run(args: &InspectArgs) -> Result<ExitCode> {
    let c = Inspect::new(args)?;
    let opts = ParseOptions {
        lang: c.lang,
        symbol: c.symbol.clone(),
    };
    let doc = parse_path(&c.file, &opts)?;
    let mut out = sixalign::output::atomic::stdout();
    if c.json {
        write_inspect_json(&doc, &mut out)?;
    } else {
        write_human(&doc, &mut out)?;
    }
    out.flush()?;
    if c.strict && !doc.findings.is_empty() {
        return Ok(ExitCode::from(exit::FOUND));
    }
    Ok(ExitCode::SUCCESS)
}

fn write_human(doc: &Document, out: &mut impl Write) -> Result<()> {
    // Chinese says its script: `zh-Hans`, `zh-Hant`.
    let lang = match doc.zh_script() {
        Some(s) => format!("{}-{}", doc.lang, s.code()),
        None => doc.lang.to_string(),
    };
    write!(
        out,
        "{}  lang {}  symbol {}",
        doc.name,
        lang,
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

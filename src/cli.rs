//! Command-line arguments and one function per subcommand. No parsing or
//! alignment logic lives here: the library does the work.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use sixalign::parse::{ParseOptions, parse_path};
use sixalign::qa::Finding;
use sixalign::{Document, Lang, Result};

/// Align UN documents across the six official languages.
#[derive(Debug, Parser)]
#[command(name = "sixalign", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the structure the parser finds in one document.
    Inspect(InspectArgs),
}

/// Arguments of `sixalign inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The document (`-` reads standard input).
    pub file: PathBuf,
    /// Its language (ar, zh, en, es, fr, ru); detected when not given.
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Its symbol (A/RES/74/28); looked for in the text when not given.
    #[arg(long)]
    pub symbol: Option<String>,
    /// One JSON object instead of lines for people.
    #[arg(long)]
    pub json: bool,
    /// Exit with 1 when the parser reports findings.
    #[arg(long)]
    pub strict: bool,
}

fn parse_lang(s: &str) -> std::result::Result<Lang, String> {
    s.parse::<Lang>().map_err(|e| e.to_string())
}

/// Runs a parsed command line; the exit code on success.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Inspect(args) => inspect(&args),
    }
}

fn inspect(args: &InspectArgs) -> Result<ExitCode> {
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
    writeln!(
        out,
        "{}  lang {}  symbol {}",
        doc.name,
        doc.lang,
        doc.symbol.as_deref().unwrap_or("-")
    )?;
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

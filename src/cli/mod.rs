//! Command-line arguments and one function per subcommand. No parsing or
//! alignment logic lives here: the library does the work.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use sixalign::{Lang, Result};

mod inspect;
mod qa;

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
    /// Translation QA: what does not correspond between the hub and each other version.
    Qa(QaArgs),
}

/// Arguments of `sixalign qa`.
#[derive(Debug, Args)]
pub struct QaArgs {
    /// The hub version (Chinese).
    #[arg(value_name = "ZH_FILE")]
    pub hub: PathBuf,
    /// The other language versions.
    #[arg(value_name = "OTHER_FILE", required = true)]
    pub others: Vec<PathBuf>,
    /// The language of a file, when it cannot be told from the text (`ar=FILE`); repeatable.
    #[arg(long, value_name = "xx=FILE")]
    pub lang: Vec<String>,
    /// One JSON object (schema sixalign-qa/1) instead of the summary.
    #[arg(long)]
    pub json: bool,
    /// Also write a self-contained side-by-side HTML report here.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
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
        Command::Inspect(args) => inspect::run(&args),
        Command::Qa(args) => qa::run(&args),
    }
}

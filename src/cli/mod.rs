//! Command-line arguments and one function per subcommand. No parsing or
//! alignment logic lives here: the library does the work.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use sixalign::{Lang, Result};

mod corpus;
mod inspect;

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
    /// Align a whole corpus: a directory tree or a manifest of documents.
    Corpus(corpus::CorpusArgs),
    /// Read documents as JSON lines on stdin, write aligned pairs as JSON lines (for cluster engines).
    Pipe(corpus::PipeArgs),
    /// Measure end-to-end throughput on a generated corpus, with 1 thread and with all.
    Bench(corpus::BenchArgs),
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
        Command::Corpus(args) => corpus::run_corpus(&args),
        Command::Pipe(args) => corpus::run_pipe(&args),
        Command::Bench(args) => corpus::run_bench(&args),
    }
}

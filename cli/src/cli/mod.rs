//! Command-line arguments (as clap parses them) and one function per
//! subcommand, each of which first turns its arguments into a checked
//! configuration ([`config`]). No parsing or alignment logic lives here:
//! the library does the work.

use std::path::PathBuf;
use std::process::ExitCode;

use sixalign::engine::{self, LangHints};
use sixalign::parse::{ParseOptions, parse_path};
use sixalign::{Lang, Result};

pub use args::Cli;
use args::Command;

mod align;
mod args;
mod config;
mod corpus;
mod eval;
mod inspect;
mod qa;
mod review;
mod style;
mod write;

/// Parses the versions (in parallel; errors in input order) and separates
/// the Chinese hub, wherever it was given ([`engine::parse_versions`]).
pub(crate) fn read_versions(
    inputs: &[(PathBuf, Option<Lang>)],
    symbol: Option<&str>,
) -> Result<(sixalign::Document, Vec<sixalign::Document>)> {
    let parse = |(path, lang): &(PathBuf, Option<Lang>)| {
        let opts = ParseOptions {
            lang: *lang,
            symbol: symbol.map(str::to_string),
        };
        parse_path(path, &opts)
    };
    engine::parse_versions(inputs, parse, LangHints::COMMAND)
}

/// The exit codes, one table (the README's "Exit codes").
pub(crate) mod exit {
    use std::process::ExitCode;

    /// The run did all it was asked and found nothing wrong.
    pub(crate) const OK: u8 = 0;
    /// The run finished, but something was found or skipped: a QA error
    /// finding, a parser finding with `inspect --strict`, a document, job or
    /// pipe line that failed while the others went on.
    pub(crate) const FOUND: u8 = 1;
    /// A usage or input error (named, with its file): nothing was written.
    pub(crate) const ERROR: u8 = 2;
    /// Stopped by Ctrl-C (128 + SIGINT, as shells report it); a corpus run
    /// wrote what it had done, and `--resume` goes on.
    pub(crate) const INTERRUPTED: u8 = 130;

    /// [`FOUND`] when `found`, else [`OK`].
    pub(crate) fn found_if(found: bool) -> ExitCode {
        ExitCode::from(if found { FOUND } else { OK })
    }
}

/// Ctrl-C during a corpus run: the first stops the run between documents
/// (what was done is reported, and `--resume` goes on); a second one, or
/// Ctrl-C in any other command, ends the process at once (`main` removes
/// every temporary file).
pub(crate) mod interrupt {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};

    static STOP: Mutex<Option<Arc<AtomicBool>>> = Mutex::new(None);

    fn slot() -> std::sync::MutexGuard<'static, Option<Arc<AtomicBool>>> {
        STOP.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A flag the next Ctrl-C sets instead of ending the process.
    pub(crate) fn arm() -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        *slot() = Some(flag.clone());
        flag
    }

    /// Ctrl-C ends the process again.
    pub(crate) fn disarm() {
        *slot() = None;
    }

    /// For the signal thread on SIGINT: true when a run was armed and has
    /// now been asked to stop (the process goes on); false when the process
    /// should end now (nothing armed, or asked to stop already).
    pub(crate) fn request_stop() -> bool {
        match &*slot() {
            Some(flag) => !flag.swap(true, Ordering::SeqCst),
            None => false,
        }
    }
}

/// Runs a parsed command line; the exit code on success. The options of
/// every command and the terminal are read once here; each command turns
/// its own arguments into a checked configuration ([`config`]) first.
pub fn run(cli: Cli) -> Result<ExitCode> {
    config::Limits::new(&cli, |name| std::env::var(name).ok())?.apply();
    let term = config::Terminal::read();
    match cli.command {
        Command::Inspect(args) => inspect::run(&args),
        Command::Align(args) => align::run(&args, term),
        Command::Eval(args) => eval::run(&args),
        Command::Qa(args) => qa::run(&args, term),
        Command::Review(args) => review::run(&args),
        Command::Corpus(args) => corpus::run_corpus(&args, term),
        Command::Pipe(args) => corpus::run_pipe(&args),
        Command::Bench(args) => corpus::run_bench(&args),
    }
}

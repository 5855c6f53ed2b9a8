//! Command-line arguments (as clap parses them) and one function per
//! subcommand, each of which first turns its arguments into a checked
//! configuration ([`config`]). No parsing or alignment logic lives here:
//! the library does the work.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use sixalign::engine::{self, LangHints};
use sixalign::output::Format;
use sixalign::parse::{ParseOptions, parse_path};
use sixalign::{Lang, Result};

mod align;
mod config;
mod corpus;
mod eval;
mod inspect;
mod qa;
mod review;
mod style;
mod write;

/// Align UN documents across the six official languages.
#[derive(Debug, Parser)]
#[command(name = "sixalign", version, about)]
pub struct Cli {
    /// Refuse any input larger than SIZE (bytes, or with K, M, G: 64M, 1G);
    /// default 256M, or the SIXALIGN_MAX_INPUT environment variable.
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size)]
    pub max_input: Option<u64>,
    /// Stop an external converter (soffice for .doc/.rtf, pdftotext) that
    /// runs longer than SECS seconds, failing its document; 0: no limit.
    /// Default 120, or the SIXALIGN_CONVERT_TIMEOUT environment variable.
    #[arg(long, global = true, value_name = "SECS", value_parser = parse_seconds)]
    pub convert_timeout: Option<std::time::Duration>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the structure the parser finds in one document.
    Inspect(InspectArgs),
    /// Align the Chinese version with other versions of the same document.
    Align(AlignArgs),
    /// Score an alignment against a gold alignment (precision, recall, F1).
    Eval(EvalArgs),
    /// Translation QA: what does not correspond between the hub and each other version.
    Qa(QaArgs),
    /// Review and correct an alignment in the browser (one self-contained
    /// page), and write the corrected alignment (`--apply`).
    Review(review::ReviewArgs),
    /// Align a whole corpus: a directory tree or a manifest of documents.
    Corpus(corpus::CorpusArgs),
    /// Read documents as JSON lines on stdin, write aligned pairs as JSON lines (for cluster engines).
    Pipe(corpus::PipeArgs),
    /// Measure end-to-end throughput on a generated corpus, with 1 thread and with all.
    Bench(corpus::BenchArgs),
}

/// Arguments of `sixalign align`.
#[derive(Debug, Args)]
#[command(mut_arg("files", |a| a.help(
    "The Chinese version and the others, in any order (languages detected; Chinese is the hub); with `--lines`, SRC and TGT"
)))]
pub struct AlignArgs {
    /// The versions of the document.
    #[command(flatten)]
    pub versions: VersionsArgs,
    /// Output format and what goes into segments.
    #[command(flatten)]
    pub format: FormatArgs,
    /// Output file (`-` or absent: standard output); for moses a prefix
    /// (`OUT` gives `OUT.zh`, `OUT.en`, …). Written under a temporary name and
    /// renamed when complete.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// One row per group of Chinese sentences with every language in it,
    /// instead of one record per language pair.
    #[arg(long)]
    pub six_way: bool,
    /// Inputs hold one sentence per line and no structure: align the lines.
    #[arg(long)]
    pub lines: bool,
    /// With `--lines`: align many pairs, one job per line of JOBFILE
    /// (`src<TAB>tgt<TAB>out`, as Hunalign's `-batch`); each output is a bead
    /// file written atomically; a bad pair is reported and the batch goes on.
    #[arg(long, value_name = "JOBFILE", requires = "lines")]
    pub batch: Option<PathBuf>,
    /// With `--lines`: the source language (detected when not given).
    #[arg(long, value_name = "LANG", value_parser = parsed::<Lang>)]
    pub src_lang: Option<Lang>,
    /// With `--lines`: the target language (detected when not given).
    #[arg(long, value_name = "LANG", value_parser = parsed::<Lang>)]
    pub tgt_lang: Option<Lang>,
    /// With `--lines`: keep the default bead shape priors in the second
    /// pass. By default it re-estimates them from the first pass's beads (a
    /// novel's translator splits far more sentences than a resolution's);
    /// with fixed priors, `--no-learn --lexicon` with the table
    /// `--save-lexicon` wrote reproduces the two-pass run.
    #[arg(long, requires = "lines")]
    pub fixed_priors: bool,
    /// The document symbol, when the text does not say it.
    #[arg(long)]
    pub symbol: Option<String>,
    /// Lexicon options.
    #[command(flatten)]
    pub lex: LexiconArgs,
    /// Quiet.
    #[command(flatten)]
    pub quiet: QuietArg,
}

/// The versions of one document, as `align`, `qa` and `review` take them.
#[derive(Debug, Args)]
pub struct VersionsArgs {
    /// The Chinese version and the others, in any order (languages detected;
    /// Chinese is the hub).
    pub files: Vec<PathBuf>,
    /// A version with its language given: `--lang en=report.en.txt` (repeatable).
    #[arg(long, value_name = "LANG=FILE")]
    pub lang: Vec<String>,
}

impl VersionsArgs {
    /// The files, then each `--lang` version with its language ([`versions`]).
    pub(crate) fn versions(&self) -> Result<Vec<(PathBuf, Option<Lang>)>> {
        versions(&self.files, &self.lang)
    }

    /// Whether no version was given at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.files.is_empty() && self.lang.is_empty()
    }
}

/// `-f/--format` of the commands that write alignments (`align`, `corpus`).
#[derive(Debug, Args)]
pub struct FormatArgs {
    /// Output format: tsv, jsonl (default), tmx, moses or beads.
    #[arg(long, short = 'f', value_parser = parsed::<Format>)]
    pub format: Option<Format>,
    /// With `-f tmx`: the language tag (BCP 47) TMX names a language with,
    /// `--tmx-lang zh=zh-CN` (repeatable; default the two-letter code).
    #[arg(long, value_name = "LANG=TAG")]
    pub tmx_lang: Vec<String>,
    /// Leave paragraph labels (`2.`, `(a)`, `一、`) that open a paragraph
    /// out of the segments (for translation memories); sentence numbers and
    /// spans stay those of the document.
    #[arg(long)]
    pub strip_labels: bool,
}

/// `-q/--quiet`, the same in every command.
#[derive(Debug, Args)]
pub struct QuietArg {
    /// No progress bar and no summary on standard error (errors are still
    /// printed, and the exit code still tells).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `--hub` and `--langs` of `corpus` and `pipe`.
#[derive(Debug, Args)]
pub struct HubArgs {
    /// The hub language.
    #[arg(long, value_name = "LANG", default_value = "zh", value_parser = parsed::<Lang>)]
    pub hub: Lang,
    /// The languages to align with the hub, comma-separated.
    #[arg(long, value_name = "LANGS", default_value = "ar,en,es,fr,ru", value_delimiter = ',', value_parser = parsed::<Lang>)]
    pub langs: Vec<Lang>,
}

/// Lexicon and learning options of `align`, `corpus` and `review`.
#[derive(Debug, Args)]
pub struct LexiconArgs {
    /// A lexicon table for any language pair: a file written by
    /// `--save-lexicon` (`# sixalign lexicon zh-fr` sections of
    /// `key<TAB>words`), or `headword<TAB>English gloss` lines (zh–en, e.g.
    /// CC-CEDICT). Repeatable; tables for the same pair are used together.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// No lexicon: neither the built-in CC-CEDICT (zh–en) nor learned ones;
    /// only the tables given with `--lexicon`.
    #[arg(long)]
    pub no_lexicon: bool,
    /// Without the built-in CC-CEDICT (zh–en), still learning.
    #[arg(long)]
    pub no_builtin_lexicon: bool,
    /// Write the lexicons learned in the first pass to FILE (the format
    /// `--lexicon` reads).
    #[arg(long, value_name = "FILE")]
    pub save_lexicon: Option<PathBuf>,
    /// Align once, without learning. By default a first pass teaches a
    /// lexicon per language pair (from anchored paragraphs and confident 1-1
    /// beads) that scores the real alignment: the first pass runs over the
    /// document (`align`, `review`), over the whole job file (`align --lines
    /// --batch`), or over the first `--learn-lexicon N` documents (`corpus`,
    /// where `--no-learn` is `--learn-lexicon 0`).
    #[arg(long)]
    pub no_learn: bool,
}

/// Arguments of `sixalign eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The gold bead file, or a directory of them.
    pub gold: PathBuf,
    /// The bead file to score, or a directory with files of the same names.
    pub test: PathBuf,
    /// One JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `sixalign qa`.
#[derive(Debug, Args)]
#[command(mut_arg("quiet", |a| a.help(
    "No summary: only the exit code tells whether an error was found (`--json` and `--html` are still written)"
)))]
pub struct QaArgs {
    /// The versions of the document.
    #[command(flatten)]
    pub versions: VersionsArgs,
    /// One JSON object (schema sixalign-qa/1) instead of the summary.
    #[arg(long)]
    pub json: bool,
    /// Also write a self-contained side-by-side HTML report here.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Quiet.
    #[command(flatten)]
    pub quiet: QuietArg,
}

/// Arguments of `sixalign inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The document (`-` reads standard input); or give it with `--lang`.
    pub file: Option<PathBuf>,
    /// The document with its language given, `--lang en=report.en.txt` (as
    /// in `align` and `qa`); `--lang en` gives the language of FILE. Detected
    /// when not given.
    #[arg(long, value_name = "LANG=FILE")]
    pub lang: Option<String>,
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

/// One `--lang LANG=FILE`.
pub(crate) fn lang_spec(spec: &str) -> Result<(PathBuf, Lang)> {
    let (code, path) = spec.split_once('=').ok_or_else(|| {
        sixalign::Error::usage(format!(
            "--lang takes LANG=FILE (en=report.en.txt), not {spec:?}"
        ))
    })?;
    let lang: Lang = code.parse()?;
    if path.is_empty() {
        return Err(sixalign::Error::usage(format!(
            "--lang {spec}: the file name is empty; give --lang {code}=FILE"
        )));
    }
    Ok((PathBuf::from(path), lang))
}

/// The versions given on a command line: the files, then each `--lang
/// LANG=FILE` with its language. `align` and `qa` take them alike.
pub(crate) fn versions(
    files: &[PathBuf],
    specs: &[String],
) -> Result<Vec<(PathBuf, Option<Lang>)>> {
    let mut v: Vec<(PathBuf, Option<Lang>)> = files.iter().map(|p| (p.clone(), None)).collect();
    for spec in specs {
        let (path, lang) = lang_spec(spec)?;
        v.push((path, Some(lang)));
    }
    if v.len() < 2 {
        return Err(sixalign::Error::usage(
            "give the Chinese version and at least one other (zh.txt en.txt …, or --lang en=FILE)",
        ));
    }
    sixalign::output::atomic::refuse_repeated_inputs(v.iter().map(|(p, _)| p))?;
    Ok(v)
}

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

/// A value the library reads from text (`-f tmx`, `--src-lang en`), refused
/// with the library's message: one parser for every such option.
fn parsed<T>(s: &str) -> std::result::Result<T, String>
where
    T: std::str::FromStr<Err = sixalign::Error>,
{
    s.parse::<T>().map_err(|e| e.to_string())
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

/// `1048576`, `64K`, `256M`, `1G` (binary units; `Ki`, `KiB`, `MB`, … alike).
fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits.parse().map_err(|_| {
        format!("{s:?} is not a size: give bytes, or a number with K, M or G (64M)")
    })?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KI" | "KIB" => 10,
        "M" | "MB" | "MI" | "MIB" => 20,
        "G" | "GB" | "GI" | "GIB" => 30,
        _ => return Err(format!("{s:?}: unknown unit {unit:?} (use K, M or G)")),
    };
    let bytes = n
        .checked_mul(1 << shift)
        .filter(|&b| b > 0)
        .ok_or_else(|| format!("{s:?}: the size must be at least 1 byte and fit in 64 bits"))?;
    Ok(bytes)
}

/// `120`, `2.5`, `0` (no limit): seconds, for `--convert-timeout`.
fn parse_seconds(s: &str) -> std::result::Result<std::time::Duration, String> {
    let secs: f64 = s.trim().parse().map_err(|_| {
        format!("{s:?} is not a number of seconds: give one such as 120 or 2.5 (0: no limit)")
    })?;
    if !(0.0..=1e9).contains(&secs) {
        return Err(format!(
            "{s:?}: give a number of seconds from 0 (no limit) to 1000000000"
        ));
    }
    Ok(std::time::Duration::from_secs_f64(secs))
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

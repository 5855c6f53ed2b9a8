//! Command-line arguments and one function per subcommand. No parsing or
//! alignment logic lives here: the library does the work.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use std::sync::Arc;

use sixalign::engine::{Aligner, AlignerBuilder};
use sixalign::output::Format;
use sixalign::score::Lexicon;
use sixalign::{Lang, Result};

mod align;
mod corpus;
mod eval;
mod inspect;
mod qa;
mod review;
mod style;

/// Align UN documents across the six official languages.
#[derive(Debug, Parser)]
#[command(name = "sixalign", version, about)]
pub struct Cli {
    /// Refuse any input larger than SIZE (bytes, or with K, M, G: 64M, 1G);
    /// default 256M, or the SIXALIGN_MAX_INPUT environment variable.
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size)]
    pub max_input: Option<u64>,
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
pub struct AlignArgs {
    /// The Chinese version, then the others (languages detected); with
    /// `--lines`, SRC and TGT.
    pub files: Vec<PathBuf>,
    /// A version with its language given: `--lang en=report.en.txt` (repeatable).
    #[arg(long, value_name = "LANG=FILE")]
    pub lang: Vec<String>,
    /// Output format: tsv, jsonl (default), tmx, moses or beads.
    #[arg(long, short = 'f', value_parser = parse_format)]
    pub format: Option<Format>,
    /// Output file (`-` or absent: standard output); for moses a prefix
    /// (`OUT` gives `OUT.zh`, `OUT.en`, …). Written under a temporary name and
    /// renamed when complete.
    #[arg(long, short = 'o')]
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
    #[arg(long, value_parser = parse_lang)]
    pub src_lang: Option<Lang>,
    /// With `--lines`: the target language (detected when not given).
    #[arg(long, value_parser = parse_lang)]
    pub tgt_lang: Option<Lang>,
    /// The document symbol, when the text does not say it.
    #[arg(long)]
    pub symbol: Option<String>,
    /// Lexicon options.
    #[command(flatten)]
    pub lex: LexiconArgs,
    /// Align once, without learning. By default the aligner aligns twice: a
    /// lexicon per language pair learned from the first pass (anchored
    /// paragraphs and confident 1-1 beads) scores the second; with `--lines
    /// --batch` it is learned once over the whole batch.
    #[arg(long)]
    pub no_learn: bool,
    /// Keep the default bead shape priors in the second pass. By default it
    /// re-estimates them from the first pass's beads (a novel's translator
    /// splits far more sentences than a resolution's); with fixed priors,
    /// `--no-learn --lexicon` with the table `--save-lexicon` wrote
    /// reproduces the two-pass run.
    #[arg(long)]
    pub fixed_priors: bool,
    /// No summary on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Lexicon options of `align` and `corpus`.
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
}

impl LexiconArgs {
    /// A builder with the built-in lexicon unless `--no-lexicon`, and every
    /// table of every `--lexicon` file.
    pub fn builder(&self) -> Result<AlignerBuilder> {
        let mut b = Aligner::builder();
        b.builtin_lexicon(!self.no_lexicon && !self.no_builtin_lexicon);
        for path in &self.lexicon {
            for lex in Lexicon::read(path)? {
                b.add_lexicon(Arc::new(lex));
            }
        }
        Ok(b)
    }

    /// Before anything is read or written: the `--save-lexicon` file, if
    /// one was given, may be written and is neither one of the command's
    /// other `outputs` nor one of the files it reads (`inputs` and every
    /// `--lexicon` table), so that saving a lexicon replaces no document, no
    /// table being read and no alignment.
    pub fn check_save<O, I>(&self, outputs: O, inputs: I) -> Result<()>
    where
        O: IntoIterator,
        O::Item: AsRef<std::path::Path>,
        I: IntoIterator,
        I::Item: AsRef<std::path::Path>,
    {
        let Some(save) = &self.save_lexicon else {
            return Ok(());
        };
        let inputs: Vec<PathBuf> = inputs
            .into_iter()
            .map(|p| p.as_ref().to_path_buf())
            .chain(self.lexicon.iter().cloned())
            .collect();
        sixalign::output::atomic::check_extra_output(save, outputs, &inputs)
    }

    /// Writes `learned` to the `--save-lexicon` file, if one was given
    /// (atomically: a temporary name renamed when complete).
    pub fn save(&self, learned: &[Lexicon]) -> Result<()> {
        let Some(path) = &self.save_lexicon else {
            return Ok(());
        };
        sixalign::output::atomic::write_file(path, |w| {
            for l in learned {
                l.write_tsv(&mut *w)?;
            }
            Ok(())
        })
    }
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

fn parse_format(s: &str) -> std::result::Result<Format, String> {
    s.parse::<Format>().map_err(|e| e.to_string())
}

/// Arguments of `sixalign qa`.
#[derive(Debug, Args)]
pub struct QaArgs {
    /// The Chinese version and the others, in any order (languages
    /// detected; Chinese is the hub, as in `align`).
    pub files: Vec<PathBuf>,
    /// A version with its language given: `--lang en=report.en.txt` (repeatable).
    #[arg(long, value_name = "LANG=FILE")]
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

/// The versions given on a command line: the files, then each `--lang
/// LANG=FILE` with its language. `align` and `qa` take them alike.
pub(crate) fn versions(
    files: &[PathBuf],
    specs: &[String],
) -> Result<Vec<(PathBuf, Option<Lang>)>> {
    let mut v: Vec<(PathBuf, Option<Lang>)> = files.iter().map(|p| (p.clone(), None)).collect();
    for spec in specs {
        let (code, path) = spec.split_once('=').ok_or_else(|| {
            sixalign::Error::usage(format!(
                "--lang takes LANG=FILE (en=report.en.txt), not {spec:?}"
            ))
        })?;
        let lang: Lang = code.parse()?;
        v.push((PathBuf::from(path), Some(lang)));
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
/// the Chinese hub, wherever it was given ([`sixalign::engine::split_hub`]).
pub(crate) fn read_versions(
    inputs: &[(PathBuf, Option<Lang>)],
    symbol: Option<&str>,
) -> Result<(sixalign::Document, Vec<sixalign::Document>)> {
    use rayon::prelude::*;
    let docs = inputs
        .par_iter()
        .map(|(path, lang)| {
            sixalign::parse::parse_path(
                path,
                &sixalign::parse::ParseOptions {
                    lang: *lang,
                    symbol: symbol.map(str::to_string),
                },
            )
        })
        .collect::<Result<Vec<_>>>()?;
    sixalign::engine::split_hub(docs)
}

fn parse_lang(s: &str) -> std::result::Result<Lang, String> {
    s.parse::<Lang>().map_err(|e| e.to_string())
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

    /// [`FOUND`] when `found`, else [`OK`].
    pub(crate) fn found_if(found: bool) -> ExitCode {
        ExitCode::from(if found { FOUND } else { OK })
    }
}

/// `1048576`, `64K`, `256M`, `1G` (binary units; `KiB`, `MB`, … alike).
fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits.parse().map_err(|_| {
        format!("{s:?} is not a size: give bytes, or a number with K, M or G (64M)")
    })?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => return Err(format!("{s:?}: unknown unit {unit:?} (use K, M or G)")),
    };
    let bytes = n
        .checked_mul(1 << shift)
        .filter(|&b| b > 0)
        .ok_or_else(|| format!("{s:?}: the size must be at least 1 byte and fit in 64 bits"))?;
    Ok(bytes)
}

/// Runs a parsed command line; the exit code on success.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let limit = match cli.max_input {
        Some(n) => Some(n),
        None => match std::env::var("SIXALIGN_MAX_INPUT") {
            Ok(v) if !v.trim().is_empty() => Some(
                parse_size(&v)
                    .map_err(|e| sixalign::Error::usage(format!("SIXALIGN_MAX_INPUT: {e}")))?,
            ),
            _ => None,
        },
    };
    if let Some(n) = limit {
        sixalign::input::set_max_input(n);
    }
    match cli.command {
        Command::Inspect(args) => inspect::run(&args),
        Command::Align(args) => align::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Qa(args) => qa::run(&args),
        Command::Review(args) => review::run(&args),
        Command::Corpus(args) => corpus::run_corpus(&args),
        Command::Pipe(args) => corpus::run_pipe(&args),
        Command::Bench(args) => corpus::run_bench(&args),
    }
}

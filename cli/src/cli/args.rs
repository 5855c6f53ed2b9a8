//! The command line as clap parses it (ripgrep's "low" arguments): one
//! struct per subcommand and per group of options shared by several. They
//! hold what was typed; each command turns its struct into a checked
//! configuration first ([`super::config`]), and reads only that.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use sixalign::Lang;
use sixalign::corpus;
use sixalign::output::Format;

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
    Review(ReviewArgs),
    /// Align a whole corpus: a directory tree or a manifest of documents.
    Corpus(CorpusArgs),
    /// Read documents as JSON lines on stdin, write aligned pairs as JSON lines (for cluster engines).
    Pipe(PipeArgs),
    /// Measure end-to-end throughput on a generated corpus, with 1 thread and with all.
    Bench(BenchArgs),
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
    /// Whether no version was given at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.files.is_empty() && self.lang.is_empty()
    }
}

/// `-f/--format` of the commands that write alignments (`align`, `corpus`).
#[derive(Debug, Args)]
pub struct FormatArgs {
    /// Output format: tsv, jsonl, tmx, moses or beads (default: the one an
    /// output file's extension names, .tsv .jsonl .tmx .beads; else jsonl).
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

/// Arguments of `sixalign corpus`.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// A directory tree of documents, or a manifest (.csv or .jsonl with id, lang, path).
    pub input: PathBuf,
    /// The output directory: one file per document and language pair
    /// (DIR/zh-en/A_RES_74_28.jsonl). (`--out` is an older name for it.)
    #[arg(short = 'o', long = "output", alias = "out", value_name = "DIR")]
    pub output: PathBuf,
    /// The hub and the languages aligned with it.
    #[command(flatten)]
    pub hub: HubArgs,
    /// Output format and what goes into segments.
    #[command(flatten)]
    pub format: FormatArgs,
    /// Skip documents whose outputs are all present (from an earlier, interrupted run).
    #[arg(long)]
    pub resume: bool,
    /// Quiet.
    #[command(flatten)]
    pub quiet: QuietArg,
    /// Write a JSON report with per-document figures to this file.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Documents in flight at once (default: four per thread).
    #[arg(long, value_name = "N")]
    pub chunk: Option<usize>,
    /// Learn a lexicon per language pair from a first pass over the first N
    /// documents (in parallel), and use it in the real run (0, or
    /// `--no-learn`: no first pass).
    #[arg(long, value_name = "N", default_value_t = corpus::LEARN_DOCS, conflicts_with = "no_learn")]
    pub learn_lexicon: usize,
    /// Lexicon options.
    #[command(flatten)]
    pub lex: LexiconArgs,
}

/// Arguments of `sixalign pipe`.
#[derive(Debug, Args)]
pub struct PipeArgs {
    /// The hub and the languages aligned with it.
    #[command(flatten)]
    pub hub: HubArgs,
}

/// Arguments of `sixalign bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Synthetic documents to generate.
    #[arg(long, default_value_t = 200)]
    pub docs: usize,
    /// Threads of the parallel run (default: all).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Languages aligned with the Chinese hub, comma-separated.
    #[arg(long, value_name = "LANGS", default_value = "en", value_delimiter = ',', value_parser = parsed::<Lang>)]
    pub langs: Vec<Lang>,
    /// Keep the generated corpus and outputs in this directory (default: a temporary one, removed). A directory an earlier bench made is regenerated; one not empty and not made by bench is refused.
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

/// Arguments of `sixalign review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The versions of the document.
    #[command(flatten)]
    pub versions: VersionsArgs,
    /// Where to write: the page (default `review.html`), or with `--apply`
    /// the corrected alignment (default standard output; `-` too).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Review this alignment (`sixalign align -f jsonl` output of the same
    /// versions) instead of aligning.
    #[arg(long, value_name = "PAIRS.jsonl", conflicts_with = "apply")]
    pub from: Option<PathBuf>,
    /// Write the corrected alignment of a work file saved from the page
    /// ("save"), in `--format`, exactly as `sixalign align` writes beads.
    #[arg(long, value_name = "EDITS")]
    pub apply: Option<PathBuf>,
    /// With `--apply`: tsv, jsonl, tmx, moses or beads (default: the one an
    /// output file's extension names, .tsv .jsonl .tmx .beads; else jsonl).
    #[arg(long, short = 'f', value_parser = parsed::<Format>, requires = "apply")]
    pub format: Option<Format>,
    /// With `--apply`: one row per group of Chinese sentences with every language in it.
    #[arg(long, requires = "apply")]
    pub six_way: bool,
    /// With `--apply`: only the pair of the hub with this language (`en`),
    /// as a bead file needs.
    #[arg(long, value_name = "LANG", value_parser = parsed::<Lang>, requires = "apply")]
    pub pair: Option<Lang>,
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

/// A value the library reads from text (`-f tmx`, `--src-lang en`), refused
/// with the library's message: one parser for every such option.
fn parsed<T>(s: &str) -> std::result::Result<T, String>
where
    T: std::str::FromStr<Err = sixalign::Error>,
{
    s.parse::<T>().map_err(|e| e.to_string())
}

/// `1048576`, `64K`, `256M`, `1G` (binary units; `Ki`, `KiB`, `MB`, … alike).
pub(crate) fn parse_size(s: &str) -> std::result::Result<u64, String> {
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
pub(crate) fn parse_seconds(s: &str) -> std::result::Result<std::time::Duration, String> {
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

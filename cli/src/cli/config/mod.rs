//! The configuration step, ripgrep's way: each command's arguments as clap
//! parsed them (the structs of `args.rs`, ripgrep's "low" arguments) are
//! turned once, at the start, into a checked configuration (its "high"
//! arguments). Values are resolved there (the output format and where it
//! goes, the lexicons and whether a first pass learns, the style of the
//! terminal), every check of the arguments is made there and every bad
//! combination refused there, with its message; the commands only read the
//! result. The terminal is looked at once ([`Terminal`]).
//!
//! A few checks need what the inputs hold (the languages a Moses output is
//! written in, the documents a corpus walk finds, the pairs of a review's
//! work file): they are methods of the configuration, here too, called as
//! soon as that is known and before anything is written.

pub(crate) mod align;
pub(crate) mod corpus;
pub(crate) mod qa;
pub(crate) mod review;

use std::path::{Path, PathBuf};
use std::time::Duration;

use sixalign::engine::Aligner;
use sixalign::output::{self, Format, LangTags, Target, atomic};
use sixalign::score::Lexicon;
use sixalign::{Error, Lang, Result};

use super::args::{self, Cli, FormatArgs, InspectArgs, LexiconArgs, VersionsArgs};
use super::style::{Stream, Style};

/// What the terminal is, read once per run: the style of each stream
/// (colour, bold, progress bars; see [`Style`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Terminal {
    /// Standard output's (`qa`'s summary).
    pub(crate) stdout: Style,
    /// Standard error's (summaries and progress bars).
    pub(crate) stderr: Style,
}

impl Terminal {
    /// This process's streams, and `NO_COLOR`.
    pub(crate) fn read() -> Terminal {
        Terminal {
            stdout: Style::of(Stream::Stdout),
            stderr: Style::of(Stream::Stderr),
        }
    }

    /// No terminal anywhere (for tests).
    #[cfg(test)]
    pub(crate) fn none() -> Terminal {
        Terminal {
            stdout: Style::plain(),
            stderr: Style::plain(),
        }
    }
}

/// The options of every command, resolved with their environment
/// variables: the input size limit and the converters' time limit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Limits {
    /// `--max-input`, else `SIXALIGN_MAX_INPUT`; the library's default when neither.
    pub(crate) max_input: Option<u64>,
    /// `--convert-timeout`, else `SIXALIGN_CONVERT_TIMEOUT`; zero: no limit.
    pub(crate) convert_timeout: Option<Duration>,
}

impl Limits {
    /// The limits `cli` gives, else those of the environment as `env`
    /// reads it (an empty variable is not set).
    pub(crate) fn new(cli: &Cli, env: impl Fn(&str) -> Option<String>) -> Result<Limits> {
        let var = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        let convert_timeout = match cli.convert_timeout {
            Some(t) => Some(t),
            None => match var("SIXALIGN_CONVERT_TIMEOUT") {
                Some(v) => Some(
                    args::parse_seconds(&v)
                        .map_err(|e| Error::usage(format!("SIXALIGN_CONVERT_TIMEOUT: {e}")))?,
                ),
                None => None,
            },
        };
        let max_input = match cli.max_input {
            Some(n) => Some(n),
            None => match var("SIXALIGN_MAX_INPUT") {
                Some(v) => Some(
                    args::parse_size(&v)
                        .map_err(|e| Error::usage(format!("SIXALIGN_MAX_INPUT: {e}")))?,
                ),
                None => None,
            },
        };
        Ok(Limits {
            max_input,
            convert_timeout,
        })
    }

    /// Sets the limits given in the library (those not given keep its defaults).
    pub(crate) fn apply(&self) {
        if let Some(t) = self.convert_timeout {
            sixalign::load::convert::set_timeout(Some(t).filter(|t| !t.is_zero()));
        }
        if let Some(n) = self.max_input {
            sixalign::input::set_max_input(n);
        }
    }
}

/// The lexicons that score an alignment and the learning around them, as
/// the lexicon options resolve them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Lexicons {
    /// The built-in CC-CEDICT for zh–en pairs.
    pub(crate) builtin: bool,
    /// The `--lexicon` tables, read when the aligner is built.
    pub(crate) tables: Vec<PathBuf>,
    /// Whether the aligner aligns twice, learning a lexicon per language
    /// pair in between.
    pub(crate) learn: bool,
    /// `--fixed-priors`: a second pass keeps the default bead shape priors.
    pub(crate) fixed_priors: bool,
    /// Where the lexicons learned are written (`--save-lexicon`).
    pub(crate) save: Option<PathBuf>,
}

impl Lexicons {
    /// The lexicon options, with learning as the command decides it.
    fn of(args: &LexiconArgs, learn: bool) -> Lexicons {
        Lexicons {
            builtin: !args.no_lexicon && !args.no_builtin_lexicon,
            tables: args.lexicon.clone(),
            learn,
            fixed_priors: false,
            save: args.save_lexicon.clone(),
        }
    }

    /// `--save-lexicon` refused where nothing is learned: `why` says what
    /// to drop or give instead.
    fn refuse_save_unless(self, learns: bool, why: &str) -> Result<Lexicons> {
        if self.save.is_some() && !learns {
            return Err(Error::usage(format!(
                "--save-lexicon writes the lexicon learned in a first pass: {why}"
            )));
        }
        Ok(self)
    }

    /// The aligner: the built-in lexicon unless turned off, every table of
    /// every `--lexicon` file (read now), learning as resolved.
    pub(crate) fn aligner(&self) -> Result<Aligner> {
        let mut b = Aligner::builder();
        b.builtin_lexicon(self.builtin);
        for path in &self.tables {
            b.add_lexicon_file(path)?;
        }
        b.learn_lexicon(self.learn).fixed_priors(self.fixed_priors);
        Ok(b.build())
    }

    /// Before anything is read or written: the `--save-lexicon` file, if
    /// one was given, may be written and is neither one of the command's
    /// other `outputs` nor one of the files it reads (`inputs` and every
    /// `--lexicon` table), so that saving a lexicon replaces no document, no
    /// table being read and no alignment.
    pub(crate) fn check_save<O, I>(&self, outputs: O, inputs: I) -> Result<()>
    where
        O: IntoIterator,
        O::Item: AsRef<Path>,
        I: IntoIterator,
        I::Item: AsRef<Path>,
    {
        let Some(save) = &self.save else {
            return Ok(());
        };
        let inputs: Vec<PathBuf> = inputs
            .into_iter()
            .map(|p| p.as_ref().to_path_buf())
            .chain(self.tables.iter().cloned())
            .collect();
        atomic::check_extra_output(save, outputs, &inputs)
    }

    /// Writes `learned` to the `--save-lexicon` file, if one was given
    /// (atomically: a temporary name renamed when complete).
    pub(crate) fn save<'a>(&self, learned: impl IntoIterator<Item = &'a Lexicon>) -> Result<()> {
        let Some(path) = &self.save else {
            return Ok(());
        };
        atomic::write_file(path, |w| {
            for l in learned {
                l.write_tsv(&mut *w)?;
            }
            Ok(())
        })
    }
}

/// One `--lang LANG=FILE`.
fn lang_spec(spec: &str) -> Result<(PathBuf, Lang)> {
    let (code, path) = spec.split_once('=').ok_or_else(|| {
        Error::usage(format!(
            "--lang takes LANG=FILE (en=report.en.txt), not {spec:?}"
        ))
    })?;
    let lang: Lang = code.parse()?;
    if path.is_empty() {
        return Err(Error::usage(format!(
            "--lang {spec}: the file name is empty; give --lang {code}=FILE"
        )));
    }
    Ok((PathBuf::from(path), lang))
}

/// The versions given on a command line: the files, then each `--lang
/// LANG=FILE` with its language; two at least, each once. `align`, `qa`
/// and `review` take them alike.
fn versions(args: &VersionsArgs) -> Result<Vec<(PathBuf, Option<Lang>)>> {
    let mut v: Vec<(PathBuf, Option<Lang>)> =
        args.files.iter().map(|p| (p.clone(), None)).collect();
    for spec in &args.lang {
        let (path, lang) = lang_spec(spec)?;
        v.push((path, Some(lang)));
    }
    if v.len() < 2 {
        return Err(Error::usage(
            "give the Chinese version and at least one other (zh.txt en.txt …, or --lang en=FILE)",
        ));
    }
    atomic::refuse_repeated_inputs(v.iter().map(|(p, _)| p))?;
    Ok(v)
}

/// The format asked for; when none was, the one the extension of the
/// output file names (`-o out.tsv`, [`Format::of_path`]), else JSON Lines.
fn format_for(asked: Option<Format>, output: Option<&Path>) -> Format {
    asked
        .or_else(|| output.and_then(Format::of_path))
        .unwrap_or(Format::Jsonl)
}

/// The format ([`format_for`] the output file `output`, if any) and the
/// `--tmx-lang` tags, checked (and refused with another format).
fn format_and_tags(args: &FormatArgs, output: Option<&Path>) -> Result<(Format, LangTags)> {
    let format = format_for(args.format, output);
    let mut tags = LangTags::default();
    if !args.tmx_lang.is_empty() && format != Format::Tmx {
        return Err(Error::usage(format!(
            "--tmx-lang names languages in TMX output; add -f tmx (the {format} format uses codes)"
        )));
    }
    for spec in &args.tmx_lang {
        tags.set_spec(spec)?;
    }
    Ok((format, tags))
}

/// Where `-o` sends an output in `format` (standard output when absent or
/// `-`); a Moses prefix that is a device is refused.
fn target(output: Option<&Path>, format: Format) -> Result<Target> {
    let target = match output {
        Some(p) => Target::from_arg(&p.to_string_lossy()),
        None => Target::Stdout,
    };
    output::check_moses_prefix(format, &target)?;
    Ok(target)
}

/// Bead files hold one language pair: no six-way rows in them.
fn refuse_six_way_beads(format: Format, six_way: bool) -> Result<()> {
    if six_way && format == Format::Beads {
        return Err(Error::usage(
            "bead files hold one language pair; --six-way needs tsv, jsonl, tmx or moses",
        ));
    }
    Ok(())
}

/// `sixalign inspect`, checked: the document and its language if given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Inspect {
    /// The document (`-`: standard input).
    pub(crate) file: PathBuf,
    /// Its language, when given.
    pub(crate) lang: Option<Lang>,
    /// Its symbol, when given.
    pub(crate) symbol: Option<String>,
    /// One JSON object instead of lines for people.
    pub(crate) json: bool,
    /// Exit with 1 when the parser reports findings.
    pub(crate) strict: bool,
}

impl Inspect {
    /// FILE with `--lang LANG`, or `--lang LANG=FILE` alone.
    pub(crate) fn new(args: &InspectArgs) -> Result<Inspect> {
        let spec = args.lang.as_deref();
        let (file, lang) = match (&args.file, spec.map(|s| s.split_once('='))) {
            (Some(_), Some(Some(_))) => {
                return Err(Error::usage(
                    "give the document once: FILE (with --lang LANG), or --lang LANG=FILE",
                ));
            }
            (None, Some(Some((code, path)))) => (PathBuf::from(path), Some(code.parse()?)),
            (Some(file), Some(None)) => (file.clone(), Some(spec.unwrap_or_default().parse()?)),
            (Some(file), None) => (file.clone(), None),
            (None, _) => {
                return Err(Error::usage(
                    "give the document: sixalign inspect FILE, or --lang LANG=FILE",
                ));
            }
        };
        Ok(Inspect {
            file,
            lang,
            symbol: args.symbol.clone(),
            json: args.json,
            strict: args.strict,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use clap::Parser;

    /// The command line `sixalign ARGS…`, as clap parses it.
    pub(crate) fn cli(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("sixalign").chain(args.iter().copied()))
            .unwrap_or_else(|e| panic!("{args:?}: {e}"))
    }

    /// The message of a refusal.
    pub(crate) fn refused<T: std::fmt::Debug>(r: Result<T>) -> String {
        match r {
            Ok(v) => panic!("accepted: {v:?}"),
            Err(e) => {
                assert!(
                    matches!(e.kind(), sixalign::ErrorKind::Usage(_)),
                    "not a usage error: {e}"
                );
                e.to_string()
            }
        }
    }

    fn inspect(args: &[&str]) -> Result<Inspect> {
        match cli(args).command {
            super::super::args::Command::Inspect(a) => Inspect::new(&a),
            c => panic!("{c:?}"),
        }
    }

    #[test]
    fn limits_come_from_the_options_then_the_environment() {
        let none = |_: &str| None;
        let env = |name: &str| match name {
            "SIXALIGN_MAX_INPUT" => Some("1K".to_string()),
            "SIXALIGN_CONVERT_TIMEOUT" => Some(" ".to_string()),
            _ => None,
        };
        let given = Limits::new(&cli(&["--max-input", "64M", "eval", "a", "b"]), env).unwrap();
        assert_eq!(given.max_input, Some(64 << 20));
        let from_env = Limits::new(&cli(&["eval", "a", "b"]), env).unwrap();
        assert_eq!(from_env.max_input, Some(1024));
        assert_eq!(
            from_env.convert_timeout, None,
            "an empty variable is not set"
        );
        assert_eq!(
            Limits::new(&cli(&["eval", "a", "b"]), none).unwrap(),
            Limits {
                max_input: None,
                convert_timeout: None
            }
        );
        let bad = |name: &'static str, value: &'static str| {
            move |n: &str| (n == name).then(|| value.to_string())
        };
        let e = refused(Limits::new(
            &cli(&["eval", "a", "b"]),
            bad("SIXALIGN_MAX_INPUT", "lots"),
        ));
        assert!(
            e.starts_with("SIXALIGN_MAX_INPUT: \"lots\" is not a size"),
            "{e}"
        );
        let e = refused(Limits::new(
            &cli(&["eval", "a", "b"]),
            bad("SIXALIGN_CONVERT_TIMEOUT", "-1"),
        ));
        assert!(e.starts_with("SIXALIGN_CONVERT_TIMEOUT: \"-1\""), "{e}");
    }

    #[test]
    fn inspect_takes_the_document_once() {
        let a = inspect(&["inspect", "r.txt", "--lang", "en"]).unwrap();
        assert_eq!(
            (a.file.as_path(), a.lang),
            (Path::new("r.txt"), Some(Lang::En))
        );
        let b = inspect(&["inspect", "--lang", "fr=r.txt", "--strict"]).unwrap();
        assert_eq!(
            (b.file.as_path(), b.lang, b.strict),
            (Path::new("r.txt"), Some(Lang::Fr), true)
        );
        let twice = refused(inspect(&["inspect", "r.txt", "--lang", "en=s.txt"]));
        assert!(twice.starts_with("give the document once"), "{twice}");
        let none = refused(inspect(&["inspect", "--lang", "en"]));
        assert!(
            none.starts_with("give the document: sixalign inspect FILE"),
            "{none}"
        );
        let none = refused(inspect(&["inspect", "--json"]));
        assert!(
            none.starts_with("give the document: sixalign inspect FILE"),
            "{none}"
        );
    }

    #[test]
    fn tmx_tags_need_tmx_and_valid_tags() {
        let f = |format: Option<Format>, tags: &[&str]| FormatArgs {
            format,
            tmx_lang: tags.iter().map(|t| t.to_string()).collect(),
            strip_labels: false,
        };
        let (format, tags) = format_and_tags(&f(Some(Format::Tmx), &["zh=zh-CN"]), None).unwrap();
        assert_eq!((format, tags.tag(Lang::Zh)), (Format::Tmx, "zh-CN"));
        assert_eq!(
            format_and_tags(&f(None, &[]), None).unwrap().0,
            Format::Jsonl
        );
        let e = refused(format_and_tags(&f(Some(Format::Tsv), &["zh=zh-CN"]), None));
        assert_eq!(
            e,
            "--tmx-lang names languages in TMX output; add -f tmx (the tsv format uses codes)"
        );
        assert!(format_and_tags(&f(Some(Format::Tmx), &["zh=en-US"]), None).is_err());
        // With `--tmx-lang`, `-o out.tmx` is the TMX the tags are for.
        let out = Path::new("out.tmx");
        let (format, _) = format_and_tags(&f(None, &["zh=zh-CN"]), Some(out)).unwrap();
        assert_eq!(format, Format::Tmx);
    }

    #[test]
    fn the_output_file_names_the_format_when_none_is_asked_for() {
        let at = |asked: Option<Format>, out: &str| format_for(asked, Some(Path::new(out)));
        assert_eq!(at(None, "udhr.tsv"), Format::Tsv);
        assert_eq!(at(None, "out/udhr.TMX"), Format::Tmx);
        assert_eq!(at(None, "udhr.jsonl"), Format::Jsonl);
        assert_eq!(at(None, "gold/01.beads"), Format::Beads);
        // No extension, or one no format has (a Moses prefix): JSON Lines.
        assert_eq!(at(None, "udhr"), Format::Jsonl);
        assert_eq!(at(None, "udhr.txt"), Format::Jsonl);
        assert_eq!(format_for(None, None), Format::Jsonl);
        // Asked for, the format stands whatever the name.
        assert_eq!(at(Some(Format::Jsonl), "udhr.tsv"), Format::Jsonl);
        assert_eq!(at(Some(Format::Moses), "udhr.tmx"), Format::Moses);
    }
}

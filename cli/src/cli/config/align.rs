//! `sixalign align`, checked: documents, two line files (`--lines`), or a
//! job file of line files (`--lines --batch`).

use std::path::{Path, PathBuf};

use sixalign::corpus::{Job, check_jobs, read_jobfile};
use sixalign::output::{self, Format, LangTags, Target, atomic};
use sixalign::{Error, Lang, Result};

use super::super::args::AlignArgs;
use super::super::style::Style;
use super::{Lexicons, Terminal, format_and_tags, refuse_six_way_beads, target};

/// `sixalign align`: one of its three ways, checked.
#[derive(Debug)]
pub(crate) enum Align {
    /// The hub and other versions of a document.
    Documents(Documents),
    /// `--lines SRC TGT`.
    Lines(Lines),
    /// `--lines --batch JOBFILE`.
    Batch(Batch),
}

/// What an alignment is written as and where.
#[derive(Debug)]
pub(crate) struct Written {
    /// The format (`-f`; JSON Lines by default).
    pub(crate) format: Format,
    /// The TMX language tags (`--tmx-lang`).
    pub(crate) tags: LangTags,
    /// The file, prefix (Moses) or standard output (`-o`).
    pub(crate) target: Target,
}

impl Written {
    /// The files written that are known before the inputs are read: none
    /// for Moses (one per language found, see [`Written::check_moses`]),
    /// the one file otherwise.
    fn known_outputs(&self, langs: &[Lang]) -> Vec<PathBuf> {
        match self.format {
            Format::Moses => Vec::new(),
            _ => output::target_paths(self.format, &self.target, langs),
        }
    }

    /// Once the languages are known: Moses writes `PREFIX.<code>` for
    /// exactly the languages found; those files, and no others, may replace
    /// none of the files `read` and may not be the `--save-lexicon` file.
    /// Checked before anything is written.
    pub(crate) fn check_moses(
        &self,
        langs: &[Lang],
        read: &[PathBuf],
        lex: &Lexicons,
    ) -> Result<()> {
        if self.format != Format::Moses {
            return Ok(());
        }
        let outputs = output::target_paths(self.format, &self.target, langs);
        atomic::check_outputs(&outputs, read)?;
        lex.check_save(&outputs, read)
    }
}

/// The versions of a document, aligned with the hub.
#[derive(Debug)]
pub(crate) struct Documents {
    /// The versions, with their language when given.
    pub(crate) inputs: Vec<(PathBuf, Option<Lang>)>,
    /// `--symbol`.
    pub(crate) symbol: Option<String>,
    /// The output.
    pub(crate) written: Written,
    /// `--strip-labels`.
    pub(crate) strip_labels: bool,
    /// `--six-way`.
    pub(crate) six_way: bool,
    /// The lexicons and learning.
    pub(crate) lex: Lexicons,
    /// Every file read (the versions, the lexicon tables): no output may
    /// replace one.
    pub(crate) read: Vec<PathBuf>,
    /// The summary's style on standard error; `None` with `--quiet`.
    pub(crate) summary: Option<Style>,
}

/// Two files of one sentence per line.
#[derive(Debug)]
pub(crate) struct Lines {
    /// The source file.
    pub(crate) src: PathBuf,
    /// The target file.
    pub(crate) tgt: PathBuf,
    /// `--src-lang` (detected when not given).
    pub(crate) src_lang: Option<Lang>,
    /// `--tgt-lang` (detected when not given).
    pub(crate) tgt_lang: Option<Lang>,
    /// The output.
    pub(crate) written: Written,
    /// The lexicons, learning and `--fixed-priors`.
    pub(crate) lex: Lexicons,
    /// Every file read (the two files, the lexicon tables).
    pub(crate) read: Vec<PathBuf>,
    /// The summary's style on standard error; `None` with `--quiet`.
    pub(crate) summary: Option<Style>,
}

/// Many pairs of line files, one job per line of a job file.
#[derive(Debug)]
pub(crate) struct Batch {
    /// The jobs, read and checked.
    pub(crate) jobs: Vec<Job>,
    /// `--src-lang` (detected per file when not given).
    pub(crate) src_lang: Option<Lang>,
    /// `--tgt-lang` (detected per file when not given).
    pub(crate) tgt_lang: Option<Lang>,
    /// The lexicons, learning and `--fixed-priors`.
    pub(crate) lex: Lexicons,
    /// `--quiet`: no summary line (each failed job is still reported).
    pub(crate) quiet: bool,
}

impl Align {
    /// Checks `args` and resolves them; refuses every bad combination
    /// before anything is read (but a job file) or written.
    pub(crate) fn new(args: &AlignArgs, term: Terminal) -> Result<Align> {
        let (format, tags) = format_and_tags(&args.format, args.output.as_deref())?;
        let summary = (!args.quiet.quiet).then_some(term.stderr);
        match (args.lines, &args.batch) {
            (true, Some(jobfile)) => Batch::new(args, jobfile).map(Align::Batch),
            (true, None) => Lines::new(args, format, tags, summary).map(Align::Lines),
            (false, _) => Documents::new(args, format, tags, summary).map(Align::Documents),
        }
    }
}

/// The lexicons `align` resolves: learning unless `--no-learn` or
/// `--no-lexicon`, which `--save-lexicon` needs.
fn lexicons(args: &AlignArgs) -> Result<Lexicons> {
    let learn = !args.lex.no_learn && !args.lex.no_lexicon;
    let mut lex = Lexicons::of(&args.lex, learn)
        .refuse_save_unless(learn, "drop --no-learn / --no-lexicon")?;
    lex.fixed_priors = args.fixed_priors;
    Ok(lex)
}

/// The files read: `inputs`, then every lexicon table.
fn with_tables(inputs: &[&Path], lex: &Lexicons) -> Vec<PathBuf> {
    let inputs = inputs.iter().map(|p| p.to_path_buf());
    inputs.chain(lex.tables.iter().cloned()).collect()
}

impl Documents {
    fn new(
        args: &AlignArgs,
        format: Format,
        tags: LangTags,
        summary: Option<Style>,
    ) -> Result<Documents> {
        let inputs = super::versions(&args.versions)?;
        // The hub is one of the inputs: each other one is a language pair.
        if inputs.len() > 2 && !args.six_way && matches!(format, Format::Moses | Format::Beads) {
            return Err(Error::usage(format!(
                "the {format} format holds one language pair; align one other version, or add --six-way (moses)"
            )));
        }
        refuse_six_way_beads(format, args.six_way)?;
        let lex = lexicons(args)?;
        let written = Written {
            format,
            tags,
            target: target(args.output.as_deref(), format)?,
        };
        let paths: Vec<&Path> = inputs.iter().map(|(p, _)| p.as_path()).collect();
        let read = with_tables(&paths, &lex);
        // Moses writes PREFIX.<code> for the languages found: checked once
        // they are ([`Written::check_moses`]); every other format now.
        let outputs = written.known_outputs(&[Lang::Zh]);
        atomic::check_outputs(&outputs, &read)?;
        lex.check_save(&outputs, &read)?;
        Ok(Documents {
            inputs,
            symbol: args.symbol.clone(),
            written,
            strip_labels: args.format.strip_labels,
            six_way: args.six_way,
            lex,
            read,
            summary,
        })
    }
}

impl Lines {
    fn new(
        args: &AlignArgs,
        format: Format,
        tags: LangTags,
        summary: Option<Style>,
    ) -> Result<Lines> {
        let [src, tgt] = args.versions.files.as_slice() else {
            return Err(Error::usage(
                "--lines takes exactly two files: SRC TGT (one sentence per line)",
            ));
        };
        if !args.versions.lang.is_empty() {
            return Err(Error::usage(
                "with --lines give the languages with --src-lang and --tgt-lang",
            ));
        }
        if args.format.strip_labels {
            return Err(Error::usage(
                "--strip-labels reads the paragraphs of documents; --lines files have none",
            ));
        }
        let lex = lexicons(args)?;
        atomic::refuse_repeated_inputs([src, tgt])?;
        let written = Written {
            format,
            tags,
            target: target(args.output.as_deref(), format)?,
        };
        let read = with_tables(&[src, tgt], &lex);
        let outputs = written.known_outputs(&[]);
        atomic::check_outputs(&outputs, &read)?;
        lex.check_save(&outputs, &read)?;
        Ok(Lines {
            src: src.clone(),
            tgt: tgt.clone(),
            src_lang: args.src_lang,
            tgt_lang: args.tgt_lang,
            written,
            lex,
            read,
            summary,
        })
    }
}

impl Batch {
    /// Reads the job file and checks its jobs with the options.
    fn new(args: &AlignArgs, jobfile: &Path) -> Result<Batch> {
        if !args.versions.files.is_empty()
            || args.output.is_some()
            || args.format.format.is_some_and(|f| f != Format::Beads)
        {
            return Err(Error::usage(
                "--batch takes its inputs and outputs from the job file and writes bead files: give no FILES or -o, and no --format but beads",
            ));
        }
        let lex = lexicons(args)?;
        let jobs = read_jobfile(jobfile)?;
        check_jobs(&jobs, Some(jobfile))?;
        // No job may replace a `--lexicon` table, and `--save-lexicon` may
        // replace no job's input or output, nor the job file.
        let outs: Vec<&Path> = jobs.iter().map(|j| j.out.as_path()).collect();
        atomic::refuse_inputs(&outs, &lex.tables)?;
        let read: Vec<&Path> = jobs
            .iter()
            .flat_map(|j| [j.src.as_path(), j.tgt.as_path()])
            .chain([jobfile])
            .collect();
        lex.check_save(&outs, &read)?;
        Ok(Batch {
            jobs,
            src_lang: args.src_lang,
            tgt_lang: args.tgt_lang,
            lex,
            quiet: args.quiet.quiet,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{cli, refused};
    use super::*;

    fn align(args: &[&str]) -> Result<Align> {
        let mut all = vec!["align"];
        all.extend(args);
        match cli(&all).command {
            super::super::super::args::Command::Align(a) => Align::new(&a, Terminal::none()),
            c => panic!("{c:?}"),
        }
    }

    /// A directory with `a.zh`, `a.en`, `a.fr` and a job file of two jobs.
    fn files() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for f in ["a.zh", "a.en", "a.fr", "lex.tsv"] {
            std::fs::write(d.path().join(f), "x\n").unwrap();
        }
        let p = |f: &str| d.path().join(f).display().to_string();
        let jobs = format!(
            "{}\t{}\t{}\n{}\t{}\t{}\n",
            p("a.zh"),
            p("a.en"),
            p("1.beads"),
            p("a.zh"),
            p("a.fr"),
            p("2.beads")
        );
        std::fs::write(d.path().join("jobs.tsv"), jobs).unwrap();
        d
    }

    #[test]
    fn documents_are_resolved() {
        let d = files();
        let p = |f: &str| d.path().join(f).display().to_string();
        let (zh, en, fr) = (p("a.zh"), p("a.en"), p("a.fr"));
        let Align::Documents(c) = align(&[&zh, &en, "--lang", &format!("fr={fr}"), "-q"]).unwrap()
        else {
            panic!("documents")
        };
        assert_eq!(c.inputs.len(), 3);
        assert_eq!(c.inputs[2].1, Some(Lang::Fr));
        assert_eq!(c.written.format, Format::Jsonl);
        assert!(matches!(c.written.target, Target::Stdout));
        assert!(c.lex.learn && c.lex.builtin && c.summary.is_none());
        let Align::Documents(c) = align(&[&zh, &en, "--no-lexicon", "-o", &p("o.tsv")]).unwrap()
        else {
            panic!("documents")
        };
        assert!(!c.lex.learn && !c.lex.builtin && c.summary.is_some());
        assert_eq!(c.written.target, Target::Path(d.path().join("o.tsv")));
    }

    #[test]
    fn documents_refuse_bad_combinations() {
        let d = files();
        let p = |f: &str| d.path().join(f).display().to_string();
        let (zh, en, fr) = (p("a.zh"), p("a.en"), p("a.fr"));
        let e = refused(align(&[&zh]));
        assert!(
            e.starts_with("give the Chinese version and at least one other"),
            "{e}"
        );
        let e = refused(align(&[&zh, &en, &fr, "-f", "beads"]));
        assert_eq!(
            e,
            "the beads format holds one language pair; align one other version, or add --six-way (moses)"
        );
        let e = refused(align(&[&zh, &en, "-f", "beads", "--six-way"]));
        assert!(
            e.starts_with("bead files hold one language pair; --six-way"),
            "{e}"
        );
        let e = refused(align(&[
            &zh,
            &en,
            "--no-learn",
            "--save-lexicon",
            &p("l.tsv"),
        ]));
        assert_eq!(
            e,
            "--save-lexicon writes the lexicon learned in a first pass: drop --no-learn / --no-lexicon"
        );
        let e = refused(align(&[&zh, &en, "-o", &en]));
        assert!(e.contains("the output is the input"), "{e}");
        let e = refused(align(&[
            &zh,
            &en,
            "--lexicon",
            &p("lex.tsv"),
            "-o",
            &p("lex.tsv"),
        ]));
        assert!(e.contains("the output is the input"), "{e}");
        let e = refused(align(&[&zh, &en, "--save-lexicon", &zh]));
        assert!(e.contains("refusing to overwrite an input"), "{e}");
        let e = refused(align(&[&zh, &en, "-o", &p("o"), "--save-lexicon", &p("o")]));
        assert!(e.contains("every output needs its own file"), "{e}");
        let e = refused(align(&[&zh, &zh]));
        assert!(e.contains("given twice"), "{e}");
        let e = refused(align(&[&zh, &en, "-f", "moses", "-o", "/dev/null"]));
        assert!(e.contains("not a prefix for files"), "{e}");
        let e = refused(align(&[&zh, &en, "--tmx-lang", "zh=zh-CN"]));
        assert!(
            e.starts_with("--tmx-lang names languages in TMX output"),
            "{e}"
        );
    }

    #[test]
    fn moses_outputs_are_checked_once_the_languages_are_known() {
        let d = files();
        let p = |f: &str| d.path().join(f).display().to_string();
        let prefix = p("a");
        let Align::Documents(c) =
            align(&[&p("a.zh"), &p("a.en"), "-f", "moses", "-o", &prefix]).unwrap()
        else {
            panic!("documents")
        };
        // `a.zh` and `a.en` are the inputs: PREFIX.zh would replace one.
        let e = refused(
            c.written
                .check_moses(&[Lang::Zh, Lang::En], &c.read, &c.lex),
        );
        assert!(e.contains("the output is the input"), "{e}");
        // Another format is checked before anything is read.
        let tsv = Written {
            format: Format::Tsv,
            tags: LangTags::default(),
            target: Target::Stdout,
        };
        assert!(tsv.check_moses(&[Lang::Zh], &c.read, &c.lex).is_ok());
    }

    #[test]
    fn lines_are_two_files_with_their_languages_as_options() {
        let d = files();
        let p = |f: &str| d.path().join(f).display().to_string();
        let (zh, en) = (p("a.zh"), p("a.en"));
        let Align::Lines(c) =
            align(&["--lines", &zh, &en, "--src-lang", "zh", "--fixed-priors"]).unwrap()
        else {
            panic!("lines")
        };
        assert_eq!((c.src_lang, c.tgt_lang), (Some(Lang::Zh), None));
        assert!(c.lex.fixed_priors && c.lex.learn);
        let e = refused(align(&["--lines", &zh]));
        assert_eq!(
            e,
            "--lines takes exactly two files: SRC TGT (one sentence per line)"
        );
        let e = refused(align(&["--lines", &zh, "--lang", &format!("en={en}")]));
        assert_eq!(
            e,
            "--lines takes exactly two files: SRC TGT (one sentence per line)"
        );
        let e = refused(align(&["--lines", &zh, &en, "--lang", "en=x"]));
        assert_eq!(
            e,
            "with --lines give the languages with --src-lang and --tgt-lang"
        );
        let e = refused(align(&["--lines", &zh, &en, "--strip-labels"]));
        assert!(
            e.starts_with("--strip-labels reads the paragraphs of documents"),
            "{e}"
        );
        let e = refused(align(&[
            "--lines",
            &zh,
            &en,
            "--no-lexicon",
            "--save-lexicon",
            "l",
        ]));
        assert!(
            e.starts_with("--save-lexicon writes the lexicon learned"),
            "{e}"
        );
        let e = refused(align(&["--lines", &zh, &zh]));
        assert!(e.contains("given twice"), "{e}");
        let e = refused(align(&["--lines", &zh, &en, "-o", &en]));
        assert!(e.contains("the output is the input"), "{e}");
    }

    #[test]
    fn a_batch_takes_everything_from_its_job_file() {
        let d = files();
        let p = |f: &str| d.path().join(f).display().to_string();
        let jobs = p("jobs.tsv");
        let Align::Batch(c) = align(&["--lines", "--batch", &jobs, "-q"]).unwrap() else {
            panic!("batch")
        };
        assert_eq!(c.jobs.len(), 2);
        assert!(c.quiet && c.lex.learn);
        assert!(matches!(
            align(&["--lines", "--batch", &jobs, "-f", "beads"]),
            Ok(Align::Batch(_))
        ));
        let given = "--batch takes its inputs and outputs from the job file and writes bead files: give no FILES or -o, and no --format but beads";
        for extra in [&["-o", "x"][..], &["-f", "tsv"], &[&p("a.zh")]] {
            let mut args = vec!["--lines", "--batch", &jobs];
            args.extend(extra);
            assert_eq!(refused(align(&args)), given, "{extra:?}");
        }
        let e = refused(align(&[
            "--lines",
            "--batch",
            &jobs,
            "--no-learn",
            "--save-lexicon",
            "l",
        ]));
        assert!(
            e.starts_with("--save-lexicon writes the lexicon learned"),
            "{e}"
        );
        let e = refused(align(&[
            "--lines",
            "--batch",
            &jobs,
            "--save-lexicon",
            &p("1.beads"),
        ]));
        assert!(e.contains("every output needs its own file"), "{e}");
        let e = refused(align(&[
            "--lines",
            "--batch",
            &jobs,
            "--save-lexicon",
            &jobs,
        ]));
        assert!(e.contains("refusing to overwrite an input"), "{e}");
        let e = align(&["--lines", "--batch", &p("none.tsv")]).unwrap_err();
        assert!(e.to_string().contains("none.tsv"), "{e}");
    }
}

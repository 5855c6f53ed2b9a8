//! `sixalign corpus`, checked.

use std::path::PathBuf;

use sixalign::Result;
use sixalign::corpus::{self, Discovery, RunOptions};
use sixalign::output::atomic;

use super::super::args::CorpusArgs;
use super::{Lexicons, Terminal, format_and_tags};

/// `sixalign corpus`: the run's options, the lexicons and the first pass.
#[derive(Debug)]
pub(crate) struct Corpus {
    /// The directory tree or manifest.
    pub(crate) input: PathBuf,
    /// How the corpus is aligned and written (no stop flag yet: the run
    /// sets it).
    pub(crate) opts: RunOptions,
    /// `--report`.
    pub(crate) report: Option<PathBuf>,
    /// The lexicons (the aligner itself never learns: the first pass
    /// over the corpus does, see [`Corpus::learn_docs`]).
    pub(crate) lex: Lexicons,
    /// Documents the first pass learns a lexicon per language pair from;
    /// 0: no first pass (`--no-learn`, `--learn-lexicon 0`, `--no-lexicon`).
    pub(crate) learn_docs: usize,
    /// `--quiet`.
    pub(crate) quiet: bool,
    /// Whether progress bars are drawn: on a terminal, not quiet.
    pub(crate) progress: bool,
}

impl Corpus {
    /// Checks `args` and resolves them, before the corpus is walked.
    pub(crate) fn new(args: &CorpusArgs, term: Terminal) -> Result<Corpus> {
        // `-o` is a directory here: its name names no format.
        let (format, tmx_tags) = format_and_tags(&args.format, None)?;
        let first_pass = if args.lex.no_learn {
            0
        } else {
            args.learn_lexicon
        };
        let lex = Lexicons::of(&args.lex, false).refuse_save_unless(
            first_pass > 0,
            "drop --no-learn, or give --learn-lexicon N > 0",
        )?;
        if let Some(r) = &args.report {
            // The manifest is an input too (the documents are checked
            // once found, see `check_outputs`).
            atomic::check_outputs(std::slice::from_ref(r), std::slice::from_ref(&args.input))?;
        }
        let opts = RunOptions {
            hub: args.hub.hub,
            langs: args.hub.langs.clone(),
            format,
            out_dir: args.output.clone(),
            resume: args.resume,
            chunk: args.chunk.unwrap_or(0),
            tmx_tags,
            strip_labels: args.format.strip_labels,
            stop: None,
        };
        Ok(Corpus {
            input: args.input.clone(),
            opts,
            report: args.report.clone(),
            learn_docs: if args.lex.no_lexicon { 0 } else { first_pass },
            lex,
            quiet: args.quiet.quiet,
            progress: !args.quiet.quiet && term.stderr.progress(),
        })
    }

    /// Once the documents are found, before anything is written: the
    /// lexicon saved after the first pass replaces no document, no table
    /// read, the manifest, the report or an alignment; nor may an alignment
    /// or the report replace a `--lexicon` table.
    pub(crate) fn check_outputs(&self, found: &Discovery) -> Result<()> {
        let mut outputs = corpus::run::planned_outputs(&found.docs, &self.opts);
        outputs.extend(self.report.iter().cloned());
        let mut read: Vec<PathBuf> = found
            .docs
            .iter()
            .flat_map(|d| d.files.values().cloned())
            .collect();
        read.push(self.input.clone());
        self.lex.check_save(&outputs, &read)?;
        atomic::refuse_inputs(&outputs, &self.lex.tables)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{cli, refused};
    use super::*;
    use sixalign::Lang;
    use sixalign::output::Format;

    fn corpus(args: &[&str]) -> Result<Corpus> {
        let mut all = vec!["corpus"];
        all.extend(args);
        match cli(&all).command {
            super::super::super::args::Command::Corpus(a) => Corpus::new(&a, Terminal::none()),
            c => panic!("{c:?}"),
        }
    }

    #[test]
    fn a_corpus_run_is_resolved() {
        let c = corpus(&["in", "-o", "out", "--langs", "en,fr", "-f", "tsv"]).unwrap();
        assert_eq!(c.opts.langs, [Lang::En, Lang::Fr]);
        assert_eq!((c.opts.format, c.opts.chunk), (Format::Tsv, 0));
        assert_eq!(c.learn_docs, corpus::LEARN_DOCS);
        assert!(
            !c.lex.learn,
            "the aligner does not learn: the first pass does"
        );
        assert!(!c.progress, "no terminal");
        assert_eq!(
            corpus(&["in", "-o", "o", "--no-learn"]).unwrap().learn_docs,
            0
        );
        assert_eq!(
            corpus(&["in", "-o", "o", "--learn-lexicon", "7"])
                .unwrap()
                .learn_docs,
            7
        );
        let none = corpus(&["in", "-o", "o", "--no-lexicon"]).unwrap();
        assert_eq!((none.learn_docs, none.lex.builtin), (0, false));
    }

    #[test]
    fn a_corpus_run_refuses_bad_combinations() {
        let e = refused(corpus(&[
            "in",
            "-o",
            "o",
            "--no-learn",
            "--save-lexicon",
            "l",
        ]));
        assert_eq!(
            e,
            "--save-lexicon writes the lexicon learned in a first pass: drop --no-learn, or give --learn-lexicon N > 0"
        );
        let e = refused(corpus(&[
            "in",
            "-o",
            "o",
            "--learn-lexicon",
            "0",
            "--save-lexicon",
            "l",
        ]));
        assert!(
            e.starts_with("--save-lexicon writes the lexicon learned"),
            "{e}"
        );
        let e = refused(corpus(&["in", "-o", "o", "--tmx-lang", "zh=zh-CN"]));
        assert!(
            e.starts_with("--tmx-lang names languages in TMX output"),
            "{e}"
        );
        let d = tempfile::tempdir().unwrap();
        let manifest = d.path().join("m.csv");
        std::fs::write(&manifest, "id,lang,path\n").unwrap();
        let m = manifest.display().to_string();
        let e = refused(corpus(&[&m, "-o", "o", "--report", &m]));
        assert!(e.contains("the output is the input"), "{e}");
    }

    #[test]
    fn the_outputs_of_the_documents_found_are_checked() {
        let d = tempfile::tempdir().unwrap();
        let input = d.path().join("in");
        std::fs::create_dir(&input).unwrap();
        std::fs::write(input.join("A_1.zh.txt"), "一。\n").unwrap();
        std::fs::write(input.join("A_1.en.txt"), "One.\n").unwrap();
        let found = corpus::discover(&input).unwrap();
        assert_eq!(found.docs.len(), 1);
        let i = input.display().to_string();
        let zh = input.join("A_1.zh.txt").display().to_string();
        let out = d.path().join("out").display().to_string();
        let c = corpus(&[&i, "-o", &out, "--langs", "en", "--save-lexicon", &zh]).unwrap();
        let e = refused(c.check_outputs(&found));
        assert!(e.contains("refusing to overwrite an input"), "{e}");
        let fine = corpus(&[&i, "-o", &out, "--langs", "en"]).unwrap();
        assert!(fine.check_outputs(&found).is_ok());
        // An alignment would replace a `--lexicon` table.
        let table = d.path().join("out/zh-en/A_1.jsonl");
        std::fs::create_dir_all(table.parent().unwrap()).unwrap();
        std::fs::write(&table, "").unwrap();
        let t = table.display().to_string();
        let c = corpus(&[&i, "-o", &out, "--langs", "en", "--lexicon", &t]).unwrap();
        let e = refused(c.check_outputs(&found));
        assert!(e.contains("the output is the input"), "{e}");
    }
}

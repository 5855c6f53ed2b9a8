//! `sixalign review`, checked: a review page, or a work file applied.

use std::path::{Path, PathBuf};

use sixalign::output::{self, Format, Target, atomic};
use sixalign::{Error, Lang, Result};

use super::super::args::ReviewArgs;
use super::{Lexicons, format_for, refuse_six_way_beads, target};

/// `sixalign review`: one of its two ways, checked.
#[derive(Debug)]
pub(crate) enum Review {
    /// The page of an alignment made here or read with `--from`.
    Page(Page),
    /// `--apply EDITS`.
    Apply(Apply),
}

/// The review page to write.
#[derive(Debug)]
pub(crate) struct Page {
    /// The versions, with their language when given.
    pub(crate) inputs: Vec<(PathBuf, Option<Lang>)>,
    /// `--symbol`.
    pub(crate) symbol: Option<String>,
    /// The page (`review.html` by default); `None`: standard output.
    pub(crate) out: Option<PathBuf>,
    /// `--from`: the alignment to review instead of aligning.
    pub(crate) from: Option<PathBuf>,
    /// The lexicons; learning unless `--no-learn`, `--no-lexicon` or `--from`.
    pub(crate) lex: Lexicons,
    /// `--quiet`.
    pub(crate) quiet: bool,
}

/// The corrected alignment of a work file, to write.
#[derive(Debug)]
pub(crate) struct Apply {
    /// The work file.
    pub(crate) edits: PathBuf,
    /// `-f` (JSON Lines by default).
    pub(crate) format: Format,
    /// `-o` (standard output by default).
    pub(crate) target: Target,
    /// `--six-way`.
    pub(crate) six_way: bool,
    /// `--pair`: only the hub's pair with this language.
    pub(crate) pair: Option<Lang>,
    /// `--quiet`.
    pub(crate) quiet: bool,
}

impl Review {
    /// Checks `args` and resolves them, before anything is read or written.
    pub(crate) fn new(args: &ReviewArgs) -> Result<Review> {
        match &args.apply {
            Some(edits) => Apply::new(args, edits).map(Review::Apply),
            None => Page::new(args).map(Review::Page),
        }
    }
}

impl Page {
    fn new(args: &ReviewArgs) -> Result<Page> {
        if args.versions.files.len() + args.versions.lang.len() < 2 {
            return Err(Error::usage(
                "give the Chinese version and at least one other (sixalign review zh.txt en.txt …), or --apply FILE",
            ));
        }
        let inputs = super::versions(&args.versions)?;
        let learn = !args.lex.no_learn && !args.lex.no_lexicon && args.from.is_none();
        let lex = Lexicons::of(&args.lex, learn);
        let out = args
            .output
            .clone()
            .unwrap_or_else(|| PathBuf::from("review.html"));
        let out = (out.as_os_str() != "-").then_some(out);
        let mut read: Vec<PathBuf> = inputs.iter().map(|(p, _)| p.clone()).collect();
        read.extend(args.from.iter().cloned());
        read.extend(lex.tables.iter().cloned());
        let outputs: Vec<PathBuf> = out.iter().cloned().collect();
        atomic::check_outputs(&outputs, &read)?;
        lex.check_save(&outputs, &read)?;
        Ok(Page {
            inputs,
            symbol: args.symbol.clone(),
            out,
            from: args.from.clone(),
            lex,
            quiet: args.quiet.quiet,
        })
    }
}

impl Apply {
    fn new(args: &ReviewArgs, edits: &Path) -> Result<Apply> {
        if !args.versions.is_empty() {
            return Err(Error::usage(
                "--apply reads everything from the work file: give no documents",
            ));
        }
        if args.lex.save_lexicon.is_some() {
            return Err(Error::usage(
                "--apply learns no lexicon: drop --save-lexicon (it writes what `review` learns when it builds a page)",
            ));
        }
        let format = format_for(args.format, args.output.as_deref());
        refuse_six_way_beads(format, args.six_way)?;
        let target = target(args.output.as_deref(), format)?;
        // Moses writes one file per language of the work file: checked
        // once it is read ([`Apply::check_pairs`]).
        if format != Format::Moses {
            atomic::check_outputs(
                &output::target_paths(format, &target, &[]),
                &[edits.to_path_buf()],
            )?;
        }
        Ok(Apply {
            edits: edits.to_path_buf(),
            format,
            target,
            six_way: args.six_way,
            pair: args.pair,
            quiet: args.quiet.quiet,
        })
    }

    /// Once the work file is read, with the languages of its pairs
    /// (`others`, after `--pair`): one pair at least, and only one in a
    /// format that holds one; the outputs replace not the work file.
    pub(crate) fn check_pairs(&self, hub: Lang, others: &[Lang]) -> Result<()> {
        if let (Some(lang), []) = (self.pair, others) {
            return Err(
                Error::usage(format!("the work file has no {hub}-{lang} pair"))
                    .with_path(&self.edits),
            );
        }
        let format = self.format;
        if others.len() > 1 && !self.six_way && matches!(format, Format::Moses | Format::Beads) {
            let codes: Vec<&str> = others.iter().map(|l| l.code()).collect();
            return Err(Error::usage(format!(
                "the {format} format holds one language pair and the work file has {} ({}): choose one with --pair {}{}",
                others.len(),
                codes.join(", "),
                codes[0],
                if format == Format::Moses {
                    ", or add --six-way"
                } else {
                    ""
                }
            )));
        }
        let mut langs = vec![hub];
        langs.extend(others);
        atomic::check_outputs(
            &output::target_paths(format, &self.target, &langs),
            std::slice::from_ref(&self.edits),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{cli, refused};
    use super::*;

    fn review(args: &[&str]) -> Result<Review> {
        let mut all = vec!["review"];
        all.extend(args);
        match cli(&all).command {
            super::super::super::args::Command::Review(a) => Review::new(&a),
            c => panic!("{c:?}"),
        }
    }

    #[test]
    fn a_page_is_resolved_and_checked() {
        let Review::Page(p) = review(&["zh.txt", "en.txt"]).unwrap() else {
            panic!("page")
        };
        assert_eq!(p.out.as_deref(), Some(Path::new("review.html")));
        assert!(p.lex.learn);
        let Review::Page(p) =
            review(&["zh.txt", "en.txt", "-o", "-", "--from", "p.jsonl"]).unwrap()
        else {
            panic!("page")
        };
        assert_eq!(p.out, None);
        assert!(!p.lex.learn, "a page of an alignment read learns nothing");
        let e = refused(review(&["zh.txt"]));
        assert!(
            e.starts_with("give the Chinese version and at least one other (sixalign review"),
            "{e}"
        );
        let d = tempfile::tempdir().unwrap();
        let zh = d.path().join("zh.txt");
        std::fs::write(&zh, "x").unwrap();
        let zh = zh.display().to_string();
        let e = refused(review(&[&zh, "en.txt", "-o", &zh]));
        assert!(e.contains("the output is the input"), "{e}");
    }

    #[test]
    fn apply_refuses_what_it_does_not_do() {
        let e = refused(review(&["--apply", "w.json", "zh.txt"]));
        assert_eq!(
            e,
            "--apply reads everything from the work file: give no documents"
        );
        let e = refused(review(&["--apply", "w.json", "--save-lexicon", "l.tsv"]));
        assert!(
            e.starts_with("--apply learns no lexicon: drop --save-lexicon"),
            "{e}"
        );
        let e = refused(review(&["--apply", "w.json", "--six-way", "-f", "beads"]));
        assert!(e.starts_with("bead files hold one language pair"), "{e}");
        let d = tempfile::tempdir().unwrap();
        let w = d.path().join("w.json");
        std::fs::write(&w, "{}").unwrap();
        let w = w.display().to_string();
        let e = refused(review(&["--apply", &w, "-o", &w]));
        assert!(e.contains("the output is the input"), "{e}");
    }

    #[test]
    fn apply_checks_the_pairs_of_the_work_file() {
        let Review::Apply(a) =
            review(&["--apply", "w.json", "-f", "beads", "--pair", "fr"]).unwrap()
        else {
            panic!("apply")
        };
        let e = refused(a.check_pairs(Lang::Zh, &[]));
        assert_eq!(e, "w.json: the work file has no zh-fr pair");
        assert!(a.check_pairs(Lang::Zh, &[Lang::Fr]).is_ok());
        let Review::Apply(a) = review(&["--apply", "w.json", "-f", "moses", "-o", "out"]).unwrap()
        else {
            panic!("apply")
        };
        let e = refused(a.check_pairs(Lang::Zh, &[Lang::En, Lang::Fr]));
        assert_eq!(
            e,
            "the moses format holds one language pair and the work file has 2 (en, fr): choose one with --pair en, or add --six-way"
        );
    }
}

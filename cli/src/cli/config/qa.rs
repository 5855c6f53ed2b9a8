//! `sixalign qa`, checked.

use std::path::PathBuf;

use sixalign::output::atomic;
use sixalign::{Lang, Result};

use super::super::args::QaArgs;
use super::super::style::Style;
use super::Terminal;

/// `sixalign qa`: the versions and what is written.
#[derive(Debug)]
pub(crate) struct Qa {
    /// The versions, with their language when given.
    pub(crate) inputs: Vec<(PathBuf, Option<Lang>)>,
    /// `--html`: the side-by-side report.
    pub(crate) html: Option<PathBuf>,
    /// `--json`: one JSON object on standard output.
    pub(crate) json: bool,
    /// The summary's style on standard output; `None` with `--quiet` (or
    /// `--json`, which prints the object instead).
    pub(crate) summary: Option<Style>,
}

impl Qa {
    /// Checks `args` and resolves them, before anything is read or written.
    pub(crate) fn new(args: &QaArgs, term: Terminal) -> Result<Qa> {
        let inputs = super::versions(&args.versions)?;
        if let Some(html) = &args.html {
            let paths: Vec<PathBuf> = inputs.iter().map(|(p, _)| p.clone()).collect();
            atomic::check_outputs(std::slice::from_ref(html), &paths)?;
        }
        Ok(Qa {
            inputs,
            html: args.html.clone(),
            json: args.json,
            summary: (!args.json && !args.quiet.quiet).then_some(term.stdout),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{cli, refused};
    use super::*;

    fn qa(args: &[&str]) -> Result<Qa> {
        let mut all = vec!["qa"];
        all.extend(args);
        match cli(&all).command {
            super::super::super::args::Command::Qa(a) => Qa::new(&a, Terminal::none()),
            c => panic!("{c:?}"),
        }
    }

    #[test]
    fn qa_is_resolved_and_checked() {
        let q = qa(&["zh.txt", "--lang", "en=e.txt"]).unwrap();
        assert_eq!(q.inputs[1], (PathBuf::from("e.txt"), Some(Lang::En)));
        assert!(q.summary.is_some());
        assert!(
            qa(&["zh.txt", "e.txt", "--json"])
                .unwrap()
                .summary
                .is_none()
        );
        assert!(qa(&["zh.txt", "e.txt", "-q"]).unwrap().summary.is_none());
        let e = refused(qa(&["zh.txt", "--lang", "en"]));
        assert_eq!(e, "--lang takes LANG=FILE (en=report.en.txt), not \"en\"");
        let e = refused(qa(&["zh.txt", "--lang", "en="]));
        assert!(e.contains("the file name is empty"), "{e}");
        let d = tempfile::tempdir().unwrap();
        let zh = d.path().join("zh.txt");
        std::fs::write(&zh, "x").unwrap();
        let zh = zh.display().to_string();
        let e = refused(qa(&[&zh, "e.txt", "--html", &zh]));
        assert!(e.contains("the output is the input"), "{e}");
    }
}

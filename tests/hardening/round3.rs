//! Hostile inputs, round three (issue 24): every output option checked
//! like `-o` (`--save-lexicon` included), decompression and list-numbering
//! bounds. Each case checks the exit code, the message naming the user's
//! path, no panic, nothing lost and nothing left behind.

use super::*;

/// The bytes of `path`, to compare before and after a refused run.
fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// `--save-lexicon` may replace no input, no `--lexicon` table and no
/// other output, in every command that takes it.
mod save_lexicon {
    use super::*;

    const LEX: &[u8] = "大会\tassembly\n".as_bytes();

    /// A directory with zh.txt, en.txt and lex.tsv.
    fn setup() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        copy(d.path(), "zh", "zh.txt");
        copy(d.path(), "en", "en.txt");
        std::fs::write(d.path().join("lex.tsv"), LEX).unwrap();
        d
    }

    /// Nothing changed: the inputs are whole and no other file appeared.
    fn unchanged(d: &Path) {
        assert_eq!(bytes(&d.join("zh.txt")), bytes(&udhr("zh")), "zh.txt kept");
        assert_eq!(bytes(&d.join("en.txt")), bytes(&udhr("en")), "en.txt kept");
        assert_eq!(bytes(&d.join("lex.tsv")), LEX, "lex.tsv kept");
        assert_eq!(names(d), ["en.txt", "lex.tsv", "zh.txt"], "nothing written");
    }

    #[test]
    fn align_refuses_an_input_a_lexicon_or_the_output() {
        let d = setup();
        let base = ["align", "zh.txt", "en.txt", "--lexicon", "lex.tsv"];
        for (extra, named) in [
            (&["--save-lexicon", "zh.txt"][..], "zh.txt"),
            (&["--save-lexicon", "./en.txt"][..], "./en.txt"),
            (&["--save-lexicon", "lex.tsv"][..], "lex.tsv"),
            // The same new file as -o: one would replace the other.
            (
                &["-o", "out.jsonl", "--save-lexicon", "out.jsonl"][..],
                "out.jsonl",
            ),
            (
                &["-o", "out.jsonl", "--save-lexicon", "./out.jsonl"][..],
                "./out.jsonl",
            ),
            // A Moses file the run writes.
            (
                &["-f", "moses", "-o", "doc", "--save-lexicon", "doc.en"][..],
                "doc.en",
            ),
        ] {
            let args: Vec<&str> = base.iter().chain(extra).copied().collect();
            let o = run_in(d.path(), &args);
            refused(&o, named);
            unchanged(d.path());
        }
    }

    #[test]
    fn align_refuses_an_existing_output_or_a_link_to_an_input() {
        let d = setup();
        std::fs::write(d.path().join("old.jsonl"), "old\n").unwrap();
        std::os::unix::fs::symlink("lex.tsv", d.path().join("link.tsv")).unwrap();
        for (extra, named) in [
            (
                &["-o", "old.jsonl", "--save-lexicon", "old.jsonl"][..],
                "old.jsonl",
            ),
            (
                &["--lexicon", "lex.tsv", "--save-lexicon", "link.tsv"][..],
                "link.tsv",
            ),
            (&["--save-lexicon", "."][..], "."),
        ] {
            let args: Vec<&str> = ["align", "zh.txt", "en.txt"]
                .iter()
                .chain(extra)
                .copied()
                .collect();
            let o = run_in(d.path(), &args);
            refused(&o, named);
            assert_eq!(bytes(&d.path().join("old.jsonl")), b"old\n");
            assert_eq!(bytes(&d.path().join("lex.tsv")), LEX);
            no_partial(d.path());
        }
    }

    #[test]
    fn align_writes_both_when_they_differ() {
        let d = setup();
        let o = run_in(
            d.path(),
            &[
                "align",
                "zh.txt",
                "en.txt",
                "--lexicon",
                "lex.tsv",
                "-o",
                "out.jsonl",
                "--save-lexicon",
                "learned.tsv",
                "-q",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!bytes(&d.path().join("out.jsonl")).is_empty());
        let learned = String::from_utf8(bytes(&d.path().join("learned.tsv"))).unwrap();
        assert!(learned.contains("# sixalign lexicon"), "{learned}");
        assert_eq!(bytes(&d.path().join("lex.tsv")), LEX);
        no_partial(d.path());
    }

    #[test]
    fn align_lines_refuses_an_input_a_lexicon_or_the_output() {
        let d = setup();
        let base = [
            "align",
            "--lines",
            "zh.txt",
            "en.txt",
            "--lexicon",
            "lex.tsv",
        ];
        for (extra, named) in [
            (&["--save-lexicon", "en.txt"][..], "en.txt"),
            (&["--save-lexicon", "lex.tsv"][..], "lex.tsv"),
            (
                &["-o", "b.tsv", "-f", "tsv", "--save-lexicon", "b.tsv"][..],
                "b.tsv",
            ),
        ] {
            let args: Vec<&str> = base.iter().chain(extra).copied().collect();
            let o = run_in(d.path(), &args);
            refused(&o, named);
            unchanged(d.path());
        }
    }

    #[test]
    fn batch_refuses_a_job_input_a_job_output_or_the_job_file() {
        let d = setup();
        let jobs = "zh.txt\ten.txt\tok.beads\n";
        std::fs::write(d.path().join("jobs.tsv"), jobs).unwrap();
        for named in ["en.txt", "ok.beads", "jobs.tsv", "lex.tsv"] {
            let o = run_in(
                d.path(),
                &[
                    "align",
                    "--lines",
                    "--batch",
                    "jobs.tsv",
                    "--lexicon",
                    "lex.tsv",
                    "--save-lexicon",
                    named,
                ],
            );
            refused(&o, named);
            assert!(!d.path().join("ok.beads").exists(), "no job ran");
            assert_eq!(bytes(&d.path().join("jobs.tsv")), jobs.as_bytes());
            assert_eq!(bytes(&d.path().join("en.txt")), bytes(&udhr("en")));
            assert_eq!(bytes(&d.path().join("lex.tsv")), LEX);
            no_partial(d.path());
        }
        // Nor may a job's output replace a lexicon being read.
        std::fs::write(d.path().join("jobs.tsv"), "zh.txt\ten.txt\tlex.tsv\n").unwrap();
        let o = run_in(
            d.path(),
            &[
                "align",
                "--lines",
                "--batch",
                "jobs.tsv",
                "--lexicon",
                "lex.tsv",
            ],
        );
        refused(&o, "lex.tsv");
        assert_eq!(bytes(&d.path().join("lex.tsv")), LEX);
    }

    #[test]
    fn corpus_refuses_a_document_the_manifest_the_report_or_an_output() {
        let d = tempfile::tempdir().unwrap();
        udhr_corpus(&d.path().join("in"), 1);
        std::fs::write(d.path().join("lex.tsv"), LEX).unwrap();
        std::fs::write(
            d.path().join("m.csv"),
            "id,lang,path\nA/RES/99/1,zh,in/zh/A_RES_99_1.txt\nA/RES/99/1,en,in/en/A_RES_99_1.txt\n",
        )
        .unwrap();
        let manifest = bytes(&d.path().join("m.csv"));
        for (input, extra, named) in [
            (
                "in",
                &["--save-lexicon", "in/en/A_RES_99_1.txt"][..],
                "in/en/A_RES_99_1.txt",
            ),
            ("m.csv", &["--save-lexicon", "m.csv"][..], "m.csv"),
            ("in", &["--save-lexicon", "lex.tsv"][..], "lex.tsv"),
            (
                "in",
                &["--report", "r.json", "--save-lexicon", "r.json"][..],
                "r.json",
            ),
            (
                "in",
                &["--save-lexicon", "out/zh-en/A_RES_99_1.jsonl"][..],
                "out/zh-en/A_RES_99_1.jsonl",
            ),
        ] {
            let mut args = vec![
                "corpus",
                input,
                "-o",
                "out",
                "-q",
                "--langs",
                "en",
                "--learn-lexicon",
                "1",
                "--lexicon",
                "lex.tsv",
            ];
            args.extend(extra);
            let o = run_in(d.path(), &args);
            refused(&o, named);
            assert!(!d.path().join("out").exists(), "nothing written");
            assert!(!d.path().join("r.json").exists(), "no report");
            assert_eq!(bytes(&d.path().join("m.csv")), manifest);
            assert_eq!(bytes(&d.path().join("lex.tsv")), LEX);
            for l in ["zh", "en"] {
                assert_eq!(
                    bytes(&d.path().join(format!("in/{l}/A_RES_99_1.txt"))),
                    bytes(&udhr(l))
                );
            }
            no_partial(d.path());
        }
        // A corpus output may not replace a lexicon being read either.
        std::fs::create_dir_all(d.path().join("out/zh-en")).unwrap();
        std::fs::write(d.path().join("out/zh-en/A_RES_99_1.jsonl"), LEX).unwrap();
        let o = run_in(
            d.path(),
            &[
                "corpus",
                "in",
                "-o",
                "out",
                "-q",
                "--langs",
                "en",
                "--lexicon",
                "out/zh-en/A_RES_99_1.jsonl",
            ],
        );
        refused(&o, "out/zh-en/A_RES_99_1.jsonl");
        assert_eq!(bytes(&d.path().join("out/zh-en/A_RES_99_1.jsonl")), LEX);
        // And apart, both are written.
        std::fs::remove_dir_all(d.path().join("out")).unwrap();
        let o = run_in(
            d.path(),
            &[
                "corpus",
                "in",
                "-o",
                "out",
                "-q",
                "--langs",
                "en",
                "--learn-lexicon",
                "1",
                "--save-lexicon",
                "learned.tsv",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(d.path().join("out/zh-en/A_RES_99_1.jsonl").exists());
        assert!(d.path().join("learned.tsv").exists());
    }

    #[test]
    fn review_refuses_an_input_a_lexicon_or_the_page() {
        let d = setup();
        let base = ["review", "zh.txt", "en.txt", "--lexicon", "lex.tsv"];
        for (extra, named) in [
            (&["--save-lexicon", "en.txt"][..], "en.txt"),
            (&["--save-lexicon", "lex.tsv"][..], "lex.tsv"),
            (
                &["-o", "page.html", "--save-lexicon", "page.html"][..],
                "page.html",
            ),
            // The page's default name.
            (&["--save-lexicon", "review.html"][..], "review.html"),
            // The page is an input.
            (&["-o", "en.txt"][..], "en.txt"),
        ] {
            let args: Vec<&str> = base.iter().chain(extra).copied().collect();
            let o = run_in(d.path(), &args);
            refused(&o, named);
            unchanged(d.path());
        }
    }

    #[test]
    fn review_apply_checks_its_outputs_and_learns_nothing() {
        let d = setup();
        let o = run_in(
            d.path(),
            &["review", "zh.txt", "en.txt", "-o", "page.html", "-q"],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        // A work file as the page would save it: the page itself holds one.
        std::fs::write(d.path().join("work.jsonl"), "{}\n").unwrap();
        for (extra, named) in [
            (&["-o", "work.jsonl"][..], "work.jsonl"),
            (
                &["-o", "out.tmx", "--save-lexicon", "learned.tsv"][..],
                "--save-lexicon",
            ),
        ] {
            let args: Vec<&str> = ["review", "--apply", "work.jsonl"]
                .iter()
                .chain(extra)
                .copied()
                .collect();
            let o = run_in(d.path(), &args);
            refused(&o, named);
            assert_eq!(bytes(&d.path().join("work.jsonl")), b"{}\n");
            assert!(!d.path().join("out.tmx").exists());
            assert!(!d.path().join("learned.tsv").exists());
            no_partial(d.path());
        }
    }

    #[test]
    fn qa_html_is_checked_like_every_output() {
        let d = setup();
        std::fs::write(d.path().join("old.html"), "old").unwrap();
        for named in ["zh.txt", "./en.txt", "."] {
            let o = run_in(d.path(), &["qa", "zh.txt", "en.txt", "--html", named]);
            refused(&o, named);
            assert_eq!(bytes(&d.path().join("zh.txt")), bytes(&udhr("zh")));
            assert_eq!(bytes(&d.path().join("en.txt")), bytes(&udhr("en")));
            no_partial(d.path());
        }
    }
}

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

/// A Word file is read no further than the input size limit, however far
/// its XML inflates, and its list numbering stays bounded.
mod decompression {
    use super::*;
    use std::io::Write;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    /// A .docx of `parts`; the part named `bomb` gets `zeros` zero bytes
    /// inside a text run, deflated (100 MB become about 100 KB).
    fn docx(path: &Path, parts: &[(&str, String)], bomb: Option<(&str, usize)>) {
        let f = std::fs::File::create(path).unwrap();
        let mut z = zip::ZipWriter::new(f);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        for (name, body) in parts {
            z.start_file(*name, opts).unwrap();
            z.write_all(body.as_bytes()).unwrap();
        }
        if let Some((name, zeros)) = bomb {
            z.start_file(name, opts).unwrap();
            z.write_all(format!("<w:document {W}><w:body><w:p><w:r><w:t>").as_bytes())
                .unwrap();
            let chunk = vec![0u8; 1 << 20];
            let mut left = zeros;
            while left > 0 {
                let n = left.min(chunk.len());
                z.write_all(&chunk[..n]).unwrap();
                left -= n;
            }
            z.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
                .unwrap();
        }
        z.finish().unwrap();
    }

    fn document(paras: &str) -> String {
        format!("<w:document {W}><w:body>{paras}</w:body></w:document>")
    }

    /// Runs `args` in `dir` under an address-space limit of `mib` MiB: an
    /// input read past the limit would abort (or fail) instead of passing.
    fn run_bounded(dir: &Path, mib: u64, args: &[&str]) -> Output {
        let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
        Command::new("sh")
            .current_dir(dir)
            .env("MALLOC_ARENA_MAX", "2")
            .arg("-c")
            .arg(format!(
                "ulimit -v {} && exec '{BIN}' {}",
                mib * 1024,
                quoted.join(" ")
            ))
            .stdin(Stdio::null())
            .output()
            .expect("sh runs")
    }

    #[test]
    fn a_zip_bomb_is_refused_at_the_limit_in_bounded_memory() {
        let d = tempfile::tempdir().unwrap();
        let bomb = d.path().join("bomb.docx");
        docx(&bomb, &[], Some(("word/document.xml", 100 << 20)));
        let packed = std::fs::metadata(&bomb).unwrap().len();
        assert!(
            packed < 2 << 20,
            "a bomb: {packed} bytes inflate to 100 MiB"
        );
        copy(d.path(), "en", "en.txt");
        for args in [
            &[
                "align",
                "bomb.docx",
                "en.txt",
                "--max-input",
                "16M",
                "-o",
                "out.jsonl",
            ][..],
            &["inspect", "bomb.docx", "--max-input", "16M"][..],
        ] {
            let o = run_bounded(d.path(), 160, args);
            let e = refused(&o, "bomb.docx");
            assert!(e.contains("inflates past") && e.contains("16 MiB"), "{e}");
            assert!(e.contains("--max-input"), "says how to raise it: {e}");
            assert_eq!(names(d.path()), ["bomb.docx", "en.txt"], "nothing written");
        }
    }

    #[test]
    fn every_part_counts_against_the_limit() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("styles.docx");
        let doc = document("<w:p><w:r><w:t>The General Assembly,</w:t></w:r></w:p>");
        docx(
            &p,
            &[("word/document.xml", doc.clone())],
            Some(("word/styles.xml", 8 << 20)),
        );
        let o = run_in(d.path(), &["inspect", "styles.docx", "--max-input", "1M"]);
        let e = refused(&o, "styles.docx");
        assert!(
            e.contains("word/styles.xml") && e.contains("inflates past"),
            "{e}"
        );
        // Under the limit the same parts are read.
        let ok = d.path().join("ok.docx");
        docx(&ok, &[("word/document.xml", doc)], None);
        let o = run_in(d.path(), &["inspect", "ok.docx", "--max-input", "1M"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }

    /// A list whose counters start at absurd values.
    fn absurd_list(fmt: &str, start: &str) -> (String, String) {
        let numbering = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num></w:numbering>"#
        );
        let p = |num: u32, t: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
            )
        };
        let body = [
            p(1, "Decides to remain seized of the matter."),
            p(1, "Requests the Secretary-General to report."),
            p(2, "Invites Member States to contribute."),
        ]
        .concat();
        (document(&body), numbering)
    }

    #[test]
    fn absurd_list_numbering_is_bounded() {
        let d = tempfile::tempdir().unwrap();
        for (fmt, start, label) in [
            ("lowerLetter", "2000000000", "(2000000000)"),
            (
                "upperLetter",
                "9223372036854775807",
                "(9223372036854775807)",
            ),
            ("decimal", "9223372036854775807", "(9223372036854775807)"),
            ("decimalFullWidth", "-9223372036854775808", "(-"),
            ("hindiNumbers", "-5", "(-٥)"),
            ("upperRoman", "2000000000", "(MMMCMXCIX)"),
        ] {
            let (doc, numbering) = absurd_list(fmt, start);
            let p = d.path().join("list.docx");
            docx(
                &p,
                &[
                    ("word/document.xml", doc),
                    ("word/numbering.xml", numbering),
                ],
                None,
            );
            let o = run_bounded(d.path(), 400, &["inspect", "list.docx", "--lang", "en"]);
            let out = String::from_utf8_lossy(&o.stdout).into_owned();
            assert!(o.status.success(), "{fmt} {start}: {}", stderr(&o));
            assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
            assert!(
                out.contains(label),
                "{fmt} {start}: the label {label} in {out}"
            );
            assert!(
                out.len() < 20_000,
                "{fmt} {start}: {} bytes of output",
                out.len()
            );
        }
    }
}

/// `bench` interrupted while it generates its corpus removes all of it.
mod bench_interrupted {
    use super::*;

    /// Files under `dir`, recursively (0 while it cannot be read).
    fn count(dir: &Path) -> usize {
        let mut n = 0;
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    fn a_signal_while_generating_removes_the_directory() {
        // At several moments of the generation (the race between writing
        // the corpus and removing it is what is under test), each signal.
        for (sig, code, after) in [
            ("-INT", 130, 1),
            ("-INT", 130, 40),
            ("-TERM", 143, 120),
            ("-HUP", 129, 250),
            ("-INT", 130, 400),
        ] {
            let d = tempfile::tempdir().unwrap();
            let mut child = Command::new(BIN)
                .env("TMPDIR", d.path())
                .args(["bench", "--docs", "3000", "--threads", "1"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            while count(d.path()) < after {
                assert!(
                    child.try_wait().unwrap().is_none(),
                    "bench ended before {after} files were generated"
                );
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            kill(&child, sig);
            let out = child.wait_with_output().unwrap();
            assert_eq!(out.status.code(), Some(code), "{sig}: {}", stderr(&out));
            assert!(
                names(d.path()).is_empty(),
                "{sig} after {after} files: left {} files",
                count(d.path())
            );
        }
    }
}

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

    pub(super) const W: &str =
        r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    /// A .docx of `parts`; the part named `bomb` gets `zeros` zero bytes
    /// inside a text run, deflated (100 MB become about 100 KB).
    pub(super) fn docx(path: &Path, parts: &[(&str, String)], bomb: Option<(&str, usize)>) {
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

    pub(super) fn document(paras: &str) -> String {
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

/// The external converters (`soffice` for .doc and RTF, `pdftotext`), faked
/// by shell scripts on PATH: each runs in its own process group under a
/// time limit, and SIGINT, SIGTERM or SIGHUP end it with everything it
/// started and remove the copy of the document handed to it.
mod converters {
    use super::*;
    use std::time::{Duration, Instant};

    /// A converter that ignores the signals a terminal sends, records its
    /// process id and that of a child it starts, and never ends.
    const HUNG: &str = "#!/bin/sh\ntrap '' INT TERM HUP\nsleep 1000 &\necho $! > \"$MARK/child\"\necho $$ > \"$MARK/leader\"\nwait\n";

    /// A converter that dies of SIGKILL.
    const KILLED: &str = "#!/bin/sh\nkill -9 $$\n";

    /// LibreOffice as far as sixalign sees it: `--outdir DIR` (the fifth
    /// argument) receives `input.docx`, a copy of `$DOCX`.
    const CONVERTS: &str = "#!/bin/sh\ncp \"$DOCX\" \"$5/input.docx\"\n";

    /// A scratch directory: `bin/` (the fake converters), `tmp/` (TMPDIR),
    /// `mark/` (the process ids a converter records) and `work/`, where the
    /// documents are.
    struct Scene {
        root: tempfile::TempDir,
    }

    impl Scene {
        fn new(tool: &str, script: &str) -> Scene {
            let root = tempfile::tempdir().unwrap();
            for d in ["bin", "tmp", "mark", "work"] {
                std::fs::create_dir(root.path().join(d)).unwrap();
            }
            let exe = root.path().join("bin").join(tool);
            std::fs::write(&exe, script).unwrap();
            let st = Command::new("chmod").arg("+x").arg(&exe).status().unwrap();
            assert!(st.success());
            Scene { root }
        }

        fn path(&self, sub: &str) -> PathBuf {
            self.root.path().join(sub)
        }

        /// sixalign in `work/`, the fake converters first on PATH.
        fn command(&self, args: &[&str]) -> Command {
            let path = std::env::var_os("PATH").unwrap_or_default();
            let mut dirs = vec![self.path("bin")];
            dirs.extend(std::env::split_paths(&path));
            let mut cmd = Command::new(BIN);
            cmd.current_dir(self.path("work"))
                .env("PATH", std::env::join_paths(dirs).unwrap())
                .env("TMPDIR", self.path("tmp"))
                .env("MARK", self.path("mark"))
                .env_remove("SIXALIGN_CONVERT_TIMEOUT")
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            cmd
        }

        /// The process ids the hung converter recorded, once it has.
        fn wait_for_converter(&self, child: &mut Child) -> Vec<u32> {
            loop {
                let ids: Vec<u32> = ["leader", "child"]
                    .iter()
                    .filter_map(|f| std::fs::read_to_string(self.path("mark").join(f)).ok())
                    .filter_map(|s| s.trim().parse().ok())
                    .collect();
                if ids.len() == 2 {
                    return ids;
                }
                if let Some(st) = child.try_wait().unwrap() {
                    panic!("sixalign ended ({st}) before the converter started");
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        }

        /// Nothing left: no converter process, nothing in TMPDIR.
        fn nothing_left(&self, ids: &[u32]) {
            for &id in ids {
                assert!(!alive(id), "converter process {id} still runs");
            }
            assert_eq!(names(&self.path("tmp")), Vec::<String>::new(), "TMPDIR");
        }
    }

    /// Whether a process runs (a zombie, dead but not yet reaped by
    /// whoever adopted it, does not).
    fn alive(pid: u32) -> bool {
        // Killed processes are reaped by their new parent soon after.
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            let state = std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .ok()
                .and_then(|s| s.rsplit_once(')').map(|(_, r)| r.trim().to_string()));
            match state {
                None => return false,
                Some(s) if s.starts_with('Z') || s.starts_with('X') => return false,
                Some(_) if Instant::now() >= deadline => return true,
                Some(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }

    /// A PDF as far as sixalign looks before it calls pdftotext.
    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

    #[test]
    fn a_hung_converter_is_stopped_at_the_time_limit() {
        // soffice for a .doc (the option) and an RTF file (the variable),
        // pdftotext for a PDF.
        let ole = {
            let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
            b.resize(2048, 0);
            b
        };
        let cases: [(&str, &str, &[u8], bool, &str); 3] = [
            ("soffice", "old.doc", &ole, false, "Word 97-2003 (.doc)"),
            ("soffice", "memo.rtf", b"{\\rtf1 Hello}", true, "RTF file"),
            ("pdftotext", "report.pdf", PDF, false, "PDF file"),
        ];
        for (tool, name, body, by_env, format) in cases {
            let s = Scene::new(tool, HUNG);
            std::fs::write(s.path("work").join(name), body).unwrap();
            let mut cmd = if by_env {
                let mut c = s.command(&["inspect", name]);
                c.env("SIXALIGN_CONVERT_TIMEOUT", "1");
                c
            } else {
                s.command(&["inspect", name, "--convert-timeout", "1"])
            };
            let start = Instant::now();
            let mut child = cmd.spawn().unwrap();
            let ids = s.wait_for_converter(&mut child);
            let out = child.wait_with_output().unwrap();
            let took = start.elapsed();
            let e = refused(&out, name);
            assert!(
                e.contains(&format!("`{tool}` did not finish within 1 s")),
                "{name}: {e}"
            );
            assert!(e.contains(format), "{name} is called a {format}: {e}");
            assert!(e.contains("--convert-timeout"), "says what to do: {e}");
            assert!(out.stdout.is_empty(), "no half output");
            assert!(took < Duration::from_secs(15), "{name}: took {took:?}");
            s.nothing_left(&ids);
            assert_eq!(bytes(&s.path("work").join(name)), body, "input kept");
        }
    }

    #[test]
    fn a_signal_ends_the_converter_and_removes_the_copy() {
        for (tool, name, body, sig, code) in [
            (
                "soffice",
                "en.rtf",
                b"{\\rtf1 Hello}".as_slice(),
                "-INT",
                130,
            ),
            (
                "soffice",
                "en.rtf",
                b"{\\rtf1 Hello}".as_slice(),
                "-TERM",
                143,
            ),
            (
                "soffice",
                "en.rtf",
                b"{\\rtf1 Hello}".as_slice(),
                "-HUP",
                129,
            ),
            ("pdftotext", "en.pdf", PDF, "-INT", 130),
            ("pdftotext", "en.pdf", PDF, "-TERM", 143),
        ] {
            let s = Scene::new(tool, HUNG);
            let work = s.path("work");
            copy(&work, "zh", "zh.txt");
            std::fs::write(work.join(name), body).unwrap();
            std::fs::write(work.join("out.jsonl"), "old\n").unwrap();
            // The default limit (two minutes) is far away.
            let mut child = s
                .command(&["align", "zh.txt", name, "-o", "out.jsonl"])
                .spawn()
                .unwrap();
            let ids = s.wait_for_converter(&mut child);
            kill(&child, sig);
            let out = child.wait_with_output().unwrap();
            assert_eq!(out.status.code(), Some(code), "{sig}: {}", stderr(&out));
            s.nothing_left(&ids);
            assert_eq!(
                names(&work),
                [name, "out.jsonl", "zh.txt"],
                "nothing written"
            );
            assert_eq!(bytes(&work.join("out.jsonl")), b"old\n", "output untouched");
            assert_eq!(bytes(&work.join(name)), body, "input kept");
        }
    }

    #[test]
    fn a_converter_killed_by_a_signal_is_named() {
        for (tool, name, body) in [
            ("soffice", "memo.rtf", b"{\\rtf1 Hello}".as_slice()),
            ("pdftotext", "report.pdf", PDF),
        ] {
            let s = Scene::new(tool, KILLED);
            std::fs::write(s.path("work").join(name), body).unwrap();
            let out = s.command(&["inspect", name]).output().unwrap();
            let e = refused(&out, name);
            assert!(
                e.contains(&format!("`{tool}` was killed by signal 9")),
                "{name}: {e}"
            );
            assert!(!e.contains("damaged"), "not called damaged: {e}");
            s.nothing_left(&[]);
        }
    }

    #[test]
    fn a_converter_that_converts_is_read_and_cleaned_up() {
        let s = Scene::new("soffice", CONVERTS);
        let docx = s.path("mark").join("made.docx");
        {
            use std::io::Write;
            let mut z = zip::ZipWriter::new(std::fs::File::create(&docx).unwrap());
            let opts = zip::write::SimpleFileOptions::default();
            z.start_file("word/document.xml", opts).unwrap();
            z.write_all(
                br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>1. Decides to remain seized of the matter.</w:t></w:r></w:p></w:body></w:document>"#,
            )
            .unwrap();
            z.finish().unwrap();
        }
        std::fs::write(s.path("work").join("memo.rtf"), b"{\\rtf1 Hello}").unwrap();
        let out = s
            .command(&["inspect", "memo.rtf"])
            .env("DOCX", &docx)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("remain seized"), "{text}");
        s.nothing_left(&[]);
    }

    #[test]
    fn a_bad_time_limit_is_refused() {
        let s = Scene::new("soffice", KILLED);
        for bad in ["abc", "-1", "inf"] {
            let out = s
                .command(&["inspect", "x.txt", &format!("--convert-timeout={bad}")])
                .output()
                .unwrap();
            let e = refused(&out, "--convert-timeout");
            assert!(e.contains(bad), "{e}");
            let out = s
                .command(&["inspect", "x.txt"])
                .env("SIXALIGN_CONVERT_TIMEOUT", bad)
                .output()
                .unwrap();
            let e = refused(&out, "SIXALIGN_CONVERT_TIMEOUT");
            assert!(e.contains("seconds"), "{e}");
        }
    }
}

/// Moses writes `PREFIX.<code>` for the languages found, and only those
/// files are checked against the inputs and `--save-lexicon`.
mod moses_outputs {
    use super::*;

    const LEX: &[u8] = "大会\tassembly\n".as_bytes();

    #[test]
    fn only_the_files_moses_writes_are_checked() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        copy(w, "zh", "zh.txt");
        copy(w, "en", "en.txt");
        // A lexicon and a French version named like Moses files of
        // languages this run does not write.
        std::fs::write(w.join("m.ru"), LEX).unwrap();
        copy(w, "fr", "m.fr");
        let o = run_in(
            w,
            &[
                "align",
                "zh.txt",
                "en.txt",
                "-f",
                "moses",
                "-o",
                "m",
                "--lexicon",
                "m.ru",
                "-q",
            ],
        );
        assert!(o.status.success(), "m.ru is not written: {}", stderr(&o));
        assert!(
            std::fs::read_to_string(w.join("m.en"))
                .unwrap()
                .lines()
                .count()
                > 50
        );
        assert_eq!(bytes(&w.join("m.ru")), LEX, "lexicon kept");
        assert_eq!(bytes(&w.join("m.fr")), bytes(&udhr("fr")), "m.fr kept");
        // --save-lexicon to a Moses name of another language is fine …
        let o = run_in(
            w,
            &[
                "align",
                "zh.txt",
                "en.txt",
                "-f",
                "moses",
                "-o",
                "m",
                "--save-lexicon",
                "m.ar",
                "-q",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(bytes(&w.join("m.ar")).contains(&b'\t'), "a lexicon in m.ar");
        // … and so are --lines outputs.
        let o = run_in(
            w,
            &[
                "align",
                "--lines",
                "zh.txt",
                "en.txt",
                "-f",
                "moses",
                "-o",
                "m",
                "--lexicon",
                "m.ru",
                "-q",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(bytes(&w.join("m.ru")), LEX, "lexicon kept");
        no_partial(w);
    }

    #[test]
    fn the_files_moses_writes_are_still_refused() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        copy(w, "zh", "zh.txt");
        copy(w, "en", "en.txt");
        copy(w, "fr", "m.fr");
        std::fs::write(w.join("m.en"), LEX).unwrap();
        let before = names(w);
        // The French version is the file Moses would write for French.
        let o = run_in(w, &["align", "zh.txt", "m.fr", "-f", "moses", "-o", "m"]);
        let e = refused(&o, "m.fr");
        assert!(e.contains("input"), "{e}");
        // A lexicon read from the file Moses would write for English.
        let o = run_in(
            w,
            &[
                "align",
                "zh.txt",
                "en.txt",
                "-f",
                "moses",
                "-o",
                "m",
                "--lexicon",
                "m.en",
            ],
        );
        refused(&o, "m.en");
        // --save-lexicon onto a file the run writes.
        let o = run_in(
            w,
            &[
                "align",
                "zh.txt",
                "en.txt",
                "-f",
                "moses",
                "-o",
                "m",
                "--save-lexicon",
                "m.zh",
            ],
        );
        refused(&o, "m.zh");
        let o = run_in(
            w,
            &[
                "align",
                "--lines",
                "zh.txt",
                "en.txt",
                "-f",
                "moses",
                "-o",
                "m",
                "--lexicon",
                "m.en",
            ],
        );
        refused(&o, "m.en");
        assert_eq!(names(w), before, "nothing written");
        assert_eq!(bytes(&w.join("m.fr")), bytes(&udhr("fr")), "m.fr kept");
        assert_eq!(bytes(&w.join("m.en")), LEX, "m.en kept");
    }
}

/// Messages that say what is wrong.
mod messages {
    use super::*;

    #[test]
    fn an_empty_lang_file_name_says_so() {
        let d = tempfile::tempdir().unwrap();
        copy(d.path(), "zh", "zh.txt");
        for cmd in ["align", "qa", "review"] {
            let o = run_in(d.path(), &[cmd, "zh.txt", "--lang", "en="]);
            let e = refused(&o, "--lang en=");
            assert!(e.contains("file name is empty"), "{cmd}: {e}");
            assert!(!e.contains("No such file"), "{cmd}: {e}");
        }
        assert_eq!(names(d.path()), ["zh.txt"], "nothing written");
    }

    #[test]
    fn binary_units_with_or_without_b() {
        let d = tempfile::tempdir().unwrap();
        copy(d.path(), "zh", "zh.txt");
        let full = run_in(d.path(), &["inspect", "zh.txt"]);
        assert!(full.status.success(), "{}", stderr(&full));
        for size in ["64Mi", "64MiB", "64M", "1Gi", "65536Ki"] {
            let o = run_in(d.path(), &["--max-input", size, "inspect", "zh.txt"]);
            assert!(o.status.success(), "{size}: {}", stderr(&o));
            assert_eq!(o.stdout, full.stdout, "{size}");
        }
        // The limit is applied, not just accepted: 4Ki is too small.
        let o = run_in(d.path(), &["--max-input", "4Ki", "inspect", "zh.txt"]);
        let e = refused(&o, "zh.txt");
        assert!(e.contains("4 KiB"), "{e}");
    }

    #[test]
    fn eval_on_a_missing_path_says_it_is_missing() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        copy(w, "zh", "zh.txt");
        copy(w, "en", "en.txt");
        let o = run_in(
            w,
            &[
                "align", "zh.txt", "en.txt", "-f", "beads", "-o", "g.beads", "-q",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        std::fs::create_dir(w.join("gold")).unwrap();
        std::fs::copy(w.join("g.beads"), w.join("gold/a.beads")).unwrap();
        for (gold, test, missing) in [
            ("g.beads", "nothere.beads", "nothere.beads"),
            ("nothere.beads", "g.beads", "nothere.beads"),
            ("gold", "nodir", "nodir"),
            ("nodir", "gold", "nodir"),
        ] {
            let o = run_in(w, &["eval", gold, test]);
            let e = refused(&o, missing);
            assert!(e.contains("No such file"), "{gold} {test}: {e}");
            assert!(!e.contains("compare a file with"), "{gold} {test}: {e}");
        }
    }
}

/// Corpus runs say what they passed over and what is not what it claims.
mod corpus_walk {
    use super::*;

    fn report(path: &Path) -> serde_json::Value {
        let text = std::fs::read_to_string(path).unwrap();
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    #[test]
    fn a_version_not_in_its_declared_language_is_flagged_and_counted() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        for l in ["zh", "en", "fr"] {
            std::fs::create_dir_all(w.join("in").join(l)).unwrap();
        }
        copy(&w.join("in/zh"), "zh", "A_1.txt");
        // The English directory holds the French text.
        copy(&w.join("in/en"), "fr", "A_1.txt");
        copy(&w.join("in/fr"), "fr", "A_1.txt");
        // And a manifest that calls the English text Russian.
        std::fs::write(
            w.join("list.csv"),
            format!(
                "id,lang,path\nB/1,zh,{}\nB/1,ru,{}\n",
                udhr("zh").display(),
                udhr("en").display()
            ),
        )
        .unwrap();
        for (input, out, want) in [
            (
                "in",
                "out1",
                "in/en/A_1.txt: the language given is en but the text looks like fr",
            ),
            (
                "list.csv",
                "out2",
                "the language given is ru but the text looks like en",
            ),
        ] {
            let o = run_in(w, &["corpus", input, "-o", out, "--report", "r.json"]);
            let e = stderr(&o);
            assert_eq!(o.status.code(), Some(0), "aligned as given: {e}");
            assert!(e.contains(want), "flagged on stderr: {e}");
            assert!(e.contains("1 versions not in the language"), "counted: {e}");
            let r = report(&w.join("r.json"));
            assert_eq!(r["summary"]["language_mismatch"], 1, "{r}");
            let flagged = r["documents"][0]["language_mismatch"].to_string();
            assert!(flagged.contains(want), "{flagged}");
            // The French version in its own directory is not flagged.
            assert!(!flagged.contains("in/fr"), "{flagged}");
        }
    }

    #[test]
    fn every_file_the_walk_skips_is_in_the_report_with_its_reason() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        udhr_corpus(&w.join("in"), 1);
        let dir = w.join("in");
        std::fs::write(dir.join("en/.notes.txt"), "hidden").unwrap();
        std::fs::create_dir(dir.join(".git")).unwrap();
        std::fs::write(dir.join(".git/HEAD"), "ref").unwrap();
        std::fs::write(dir.join("en/README"), "read me").unwrap();
        std::fs::write(dir.join("notes.txt"), "12345").unwrap();
        use std::os::unix::ffi::OsStrExt;
        let bad = dir.join(std::ffi::OsStr::from_bytes(b"en/A_RES_99_\xff.txt"));
        std::fs::copy(udhr("en"), &bad).unwrap();
        let o = run_in(
            w,
            &["corpus", "in", "-o", "out", "-q", "--report", "r.json"],
        );
        let e = stderr(&o);
        assert!(!e.contains("panicked"), "{e}");
        // Names that give no language are problems (exit code 1), as before.
        assert_eq!(o.status.code(), Some(1), "{e}");
        let r = report(&w.join("r.json"));
        let files = r["skipped_files"].as_array().expect("skipped_files");
        let listed: Vec<(String, String)> = files
            .iter()
            .map(|f| {
                (
                    f["path"].as_str().unwrap().to_string(),
                    f["reason"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        for (path, why) in [
            ("in/.git", "hidden directory"),
            ("in/en/.notes.txt", "hidden file"),
            ("in/en/README", "not a document by its extension"),
            ("in/notes.txt", "gives no language"),
            ("in/en/A_RES_99_\u{fffd}.txt", "not valid UTF-8"),
        ] {
            assert!(
                listed.iter().any(|(p, r)| p == path && r.contains(why)),
                "{path} ({why}) in {listed:?}"
            );
        }
        assert_eq!(
            listed.len(),
            5,
            "the hidden directory is one entry: {listed:?}"
        );
        assert_eq!(r["summary"]["skipped_files"], 5);
        assert_eq!(r["summary"]["aligned"], 1, "the document is still aligned");
        assert!(w.join("out/zh-en/A_RES_99_1.jsonl").is_file());
    }
}

/// CR-only line ends (classic Mac OS) read as `\n` and `\r\n` do, in
/// every mode that reads lines.
mod cr_line_ends {
    use super::*;

    /// `dir/lf` and `dir/cr` each get zh.txt and en.txt, with LF and CR ends.
    fn versions(dir: &Path) {
        for sub in ["lf", "cr"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
            for l in ["zh", "en"] {
                let text = std::fs::read_to_string(udhr(l))
                    .unwrap()
                    .replace("\r\n", "\n");
                let text = if sub == "cr" {
                    text.replace('\n', "\r")
                } else {
                    text
                };
                std::fs::write(dir.join(sub).join(format!("{l}.txt")), text).unwrap();
            }
        }
    }

    #[test]
    fn documents_lines_batches_gold_files_and_manifests() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        versions(w);
        let both = |args: &[&str]| -> Vec<Vec<u8>> {
            ["lf", "cr"]
                .iter()
                .map(|sub| {
                    let o = run_in(&w.join(sub), args);
                    assert!(o.status.success(), "{sub} {args:?}: {}", stderr(&o));
                    o.stdout
                })
                .collect()
        };
        for args in [
            &["align", "zh.txt", "en.txt", "-q", "-f", "tsv"][..],
            &["align", "--lines", "zh.txt", "en.txt", "-q", "-f", "tsv"],
        ] {
            let out = both(args);
            assert!(out[0].len() > 1000, "{args:?}");
            assert_eq!(
                String::from_utf8_lossy(&out[0]),
                String::from_utf8_lossy(&out[1]),
                "{args:?}"
            );
        }
        // --lines: one bead per line of each side, not one for the file.
        let lines = String::from_utf8_lossy(
            &both(&["align", "--lines", "zh.txt", "en.txt", "-q", "-f", "tsv"])[1],
        )
        .lines()
        .count();
        assert!(lines > 80, "{lines} rows");
        // A job file, a gold file and a manifest with CR ends.
        for sub in ["lf", "cr"] {
            let dir = w.join(sub);
            let end = if sub == "cr" { "\r" } else { "\n" };
            std::fs::write(
                dir.join("jobs.tsv"),
                format!("# jobs{end}zh.txt\ten.txt\ta.beads{end}zh.txt\ten.txt\tb.beads{end}"),
            )
            .unwrap();
            let o = run_in(
                &dir,
                &[
                    "align",
                    "--lines",
                    "--batch",
                    "jobs.tsv",
                    "-q",
                    "--src-lang",
                    "zh",
                    "--tgt-lang",
                    "en",
                ],
            );
            assert!(o.status.success(), "{sub}: {}", stderr(&o));
            let beads = std::fs::read_to_string(dir.join("a.beads")).unwrap();
            assert!(beads.lines().count() > 80, "{sub}: {beads}");
            assert_eq!(beads, std::fs::read_to_string(dir.join("b.beads")).unwrap());
            // The bead file as gold, with CR ends, scores 1.0 against itself.
            std::fs::write(dir.join("gold.beads"), beads.replace('\n', end)).unwrap();
            let o = run_in(&dir, &["eval", "gold.beads", "a.beads", "--json"]);
            assert!(o.status.success(), "{sub}: {}", stderr(&o));
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            assert_eq!(v["strict"]["f1"], 1.0, "{sub}: {v}");
            assert!(v["gold_beads"].as_u64() > Some(80), "{sub}: {v}");
            std::fs::write(
                dir.join("list.csv"),
                format!("id,lang,path{end}A/1,zh,zh.txt{end}A/1,en,en.txt{end}"),
            )
            .unwrap();
            let o = run_in(&dir, &["corpus", "list.csv", "-o", "out", "-q"]);
            assert!(o.status.success(), "{sub}: {}", stderr(&o));
            assert!(dir.join("out/zh-en/A_1.jsonl").is_file(), "{sub}");
        }
    }
}

/// A batch job's `-` is refused, naming the job file and line, not made
/// into a file named `-`.
mod batch_dash {
    use super::*;

    #[test]
    fn a_dash_in_a_job_is_refused_with_the_job_file_and_line() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        copy(w, "zh", "zh.txt");
        copy(w, "en", "en.txt");
        for (job, which) in [
            ("zh.txt\ten.txt\t-", "output"),
            ("-\ten.txt\tout.beads", "source"),
            ("zh.txt\t-\tout.beads", "target"),
        ] {
            std::fs::write(w.join("jobs.tsv"), format!("# one job\n{job}\n")).unwrap();
            let o = run_in(w, &["align", "--lines", "--batch", "jobs.tsv", "-q"]);
            let e = refused(&o, "jobs.tsv:2");
            assert!(e.contains(&format!("the {which} is `-`")), "{e}");
            assert!(o.stdout.is_empty(), "nothing on stdout");
            assert_eq!(
                names(w),
                ["en.txt", "jobs.tsv", "zh.txt"],
                "no file named -"
            );
        }
    }
}

/// Linear cost under the limit: a document on one line, a gold file with a
/// huge link. These check behaviour at modest sizes (the timings are in the
/// issue's report, not in tests).
mod linear {
    use super::*;

    /// The UDHR version `code` on one line, repeated to about `bytes`.
    fn one_line(dir: &Path, code: &str, bytes: usize) -> PathBuf {
        let t = std::fs::read_to_string(udhr(code))
            .unwrap()
            .replace('\n', " ");
        let p = dir.join(format!("one.{code}.txt"));
        std::fs::write(&p, t.repeat(bytes / t.len() + 1) + "\n").unwrap();
        p
    }

    #[test]
    fn a_document_on_one_line_is_aligned_whole() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        one_line(w, "zh", 400_000);
        one_line(w, "en", 400_000);
        let o = run_in(
            w,
            &[
                "align",
                "-q",
                "-f",
                "tsv",
                "one.zh.txt",
                "one.en.txt",
                "-o",
                "out.tsv",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"));
        // Nothing lost: every Chinese character of the input is in the
        // output's Chinese column (white space aside).
        let out = std::fs::read_to_string(w.join("out.tsv")).unwrap();
        let zh: String = out
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').nth(2))
            .collect::<String>()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let input: String = std::fs::read_to_string(w.join("one.zh.txt"))
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(
            zh.chars().count(),
            input.chars().count(),
            "every character kept"
        );
        no_partial(w);
    }

    /// One gold link of 40,000 indices a side: scored from its indices, not
    /// from their 1.6 billion (source, target) pairs.
    #[test]
    fn eval_of_a_huge_link_is_linear() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        let list = |r: std::ops::Range<u32>| r.map(|i| i.to_string()).collect::<Vec<_>>().join(",");
        let gold = format!(
            "[{}]:[{}]\n[40000]:[40000]\n",
            list(0..40_000),
            list(0..40_000)
        );
        std::fs::write(w.join("gold.txt"), &gold).unwrap();
        // Test: the huge link split in two (lax hits, not strict), and a
        // link sharing nothing.
        let test = format!(
            "[{}]:[{}]\n[{}]:[{}]\n[40000]:[39999,40001]\n",
            list(0..20_000),
            list(0..20_000),
            list(20_000..40_000),
            list(20_000..40_000)
        );
        std::fs::write(w.join("test.txt"), &test).unwrap();
        let o = run_in(w, &["eval", "--json", "gold.txt", "test.txt"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(j["strict"]["precision"].as_f64(), Some(0.0), "{j}");
        // The two halves share a source and a target with the gold link;
        // the third shares its source with `[40000]:[40000]` but no target.
        let lax = j["lax"]["precision"].as_f64().unwrap();
        assert!((lax - 2.0 / 3.0).abs() < 1e-9, "{j}");
    }
}

/// Every write error names what was being written: a file as the user
/// gave it (a file size limit stands in for a full disk: the write fails
/// with EFBIG part way, as it would with ENOSPC), or standard output
/// (`/dev/full`). Nothing half-written is left.
mod write_errors {
    use super::*;
    use std::os::unix::process::CommandExt;

    /// `sixalign ARGS` in `dir` with files limited to `limit` bytes.
    fn run_limited(dir: &Path, args: &[&str], limit: u64) -> Output {
        let mut c = Command::new(BIN);
        c.current_dir(dir).args(args).stdin(Stdio::null());
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            c.pre_exec(move || {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                let r = libc::rlimit {
                    rlim_cur: limit,
                    rlim_max: limit,
                };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &r) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        c.output().expect("sixalign runs")
    }

    #[test]
    fn a_file_that_cannot_be_written_is_named() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        copy(w, "zh", "zh.txt");
        copy(w, "en", "en.txt");
        let cases: &[(&[&str], &str)] = &[
            (
                &["align", "-q", "zh.txt", "en.txt", "-o", "out.jsonl"],
                "out.jsonl",
            ),
            (
                &[
                    "align", "-q", "-f", "tsv", "zh.txt", "en.txt", "-o", "out.tsv",
                ],
                "out.tsv",
            ),
            (
                &[
                    "align", "-q", "-f", "tmx", "zh.txt", "en.txt", "-o", "out.tmx",
                ],
                "out.tmx",
            ),
            (
                &["align", "-q", "-f", "moses", "zh.txt", "en.txt", "-o", "m"],
                "m.en",
            ),
            (
                &[
                    "align", "-q", "--lines", "zh.txt", "en.txt", "-o", "l.jsonl",
                ],
                "l.jsonl",
            ),
            (
                &["qa", "-q", "zh.txt", "en.txt", "--html", "qa.html"],
                "qa.html",
            ),
            (
                &["review", "zh.txt", "en.txt", "-o", "review.html"],
                "review.html",
            ),
        ];
        for (args, named) in cases {
            let o = run_limited(w, args, 2048);
            let e = refused(&o, named);
            assert!(e.contains("File too large"), "{args:?}: {e}");
            assert_eq!(names(w), ["en.txt", "zh.txt"], "{args:?}: nothing left");
        }
    }

    #[test]
    fn standard_output_that_cannot_be_written_is_named() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        copy(w, "zh", "zh.txt");
        copy(w, "en", "en.txt");
        std::fs::write(w.join("b.txt"), "[0]:[0]\n[1]:[1]\n").unwrap();
        for args in [
            &["align", "-q", "zh.txt", "en.txt"][..],
            &["align", "-q", "-f", "tmx", "zh.txt", "en.txt"],
            &["inspect", "zh.txt"],
            &["qa", "zh.txt", "en.txt"],
            &["review", "zh.txt", "en.txt", "-o", "-"],
            &["eval", "b.txt", "b.txt"],
            &["eval", "--json", "b.txt", "b.txt"],
        ] {
            let full = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap();
            let o = Command::new(BIN)
                .current_dir(w)
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::from(full))
                .output()
                .expect("sixalign runs");
            let e = refused(&o, "standard output");
            assert!(e.contains("No space left on device"), "{args:?}: {e}");
        }
    }
}

/// Word files that cannot be read say why: encrypted (of any kind), a
/// broken or foreign XML part (not "the document is empty"), and an RTF
/// file is called RTF.
mod word_messages {
    use super::decompression::{W, document, docx};
    use super::*;

    /// An OLE compound file (version 3, 512-byte sectors): the header, the
    /// directory in sector 0 with a root entry and `streams` (name, first
    /// sector, size), then `sectors` from sector 1.
    fn ole(streams: &[(&str, u32, u32)], sectors: &[Vec<u8>]) -> Vec<u8> {
        let mut b = vec![0u8; 512];
        b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        b[0x1A] = 0x3E; // minor version
        b[0x1C..0x1E].copy_from_slice(&3u16.to_le_bytes());
        b[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes()); // 512-byte sectors
        b[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
        let entry = |name: &str, kind: u8, start: u32, size: u32| {
            let mut e = vec![0u8; 128];
            let utf16: Vec<u8> = name
                .encode_utf16()
                .chain(std::iter::once(0))
                .flat_map(u16::to_le_bytes)
                .collect();
            e[..utf16.len()].copy_from_slice(&utf16);
            e[0x40..0x42].copy_from_slice(&(utf16.len() as u16).to_le_bytes());
            e[0x42] = kind;
            e[0x74..0x78].copy_from_slice(&start.to_le_bytes());
            e[0x78..0x7C].copy_from_slice(&size.to_le_bytes());
            e
        };
        let mut dir = entry("Root Entry", 5, 0xFFFF_FFFE, 0);
        for (name, start, size) in streams {
            dir.extend(entry(name, 2, *start, *size));
        }
        dir.resize(512, 0);
        b.extend(dir);
        for s in sectors {
            let mut s = s.clone();
            s.resize(s.len().div_ceil(512).max(1) * 512, 0);
            b.extend(s);
        }
        b
    }

    /// A Word 97 `WordDocument` stream of 4096 bytes opening with a File
    /// Information Block whose flags are `flags`.
    fn word97(flags: u16) -> Vec<u8> {
        let mut s = vec![0u8; 4096];
        s[..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
        s[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
        s[0x0A..0x0C].copy_from_slice(&flags.to_le_bytes());
        s
    }

    #[test]
    fn an_encrypted_word_file_of_any_kind_says_so() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        let cases = [
            // Encrypted OOXML (Agile or Standard): both streams, or the
            // information stream alone.
            (
                "agile.docx",
                ole(
                    &[("EncryptionInfo", 1, 200), ("EncryptedPackage", 2, 700)],
                    &[vec![4; 200], vec![7; 700]],
                ),
            ),
            (
                "info.docx",
                ole(&[("EncryptionInfo", 1, 200)], &[vec![4; 200]]),
            ),
            // A Word 97-2003 file with fEncrypted set (RC4 or XOR).
            (
                "rc4.doc",
                ole(&[("WordDocument", 1, 4096)], &[word97(0x0100)]),
            ),
        ];
        for (name, bytes) in &cases {
            std::fs::write(w.join(name), bytes).unwrap();
            let o = run_in(w, &["inspect", name]);
            let e = refused(&o, name);
            assert!(
                e.contains("encrypted (protected by a password)"),
                "{name}: {e}"
            );
            assert!(
                !e.contains("soffice"),
                "{name}: not a converter question: {e}"
            );
        }
        // Not encrypted: a Word 97 file without the flag, and an OLE file
        // whose content (not its directory) holds the stream's name.
        let name_in_text: Vec<u8> = "x EncryptedPackage y"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        for (name, bytes) in [
            ("plain.doc", ole(&[("WordDocument", 1, 4096)], &[word97(0)])),
            (
                "text.doc",
                ole(
                    &[("WordDocument", 1, 4096)],
                    &[{
                        let mut s = word97(0);
                        s[1024..1024 + name_in_text.len()].copy_from_slice(&name_in_text);
                        s
                    }],
                ),
            ),
        ] {
            std::fs::write(w.join(name), &bytes).unwrap();
            let o = Command::new(BIN)
                .current_dir(w)
                .args(["inspect", name])
                .env("PATH", "/nonexistent")
                .stdin(Stdio::null())
                .output()
                .unwrap();
            let e = refused(&o, name);
            assert!(!e.contains("encrypted"), "{name}: {e}");
            assert!(e.contains("Word 97-2003 (.doc)"), "{name}: {e}");
        }
    }

    /// Editing restrictions in settings.xml (a password to edit, not to
    /// open) leave the text readable: it is read.
    #[test]
    fn a_word_file_protected_for_editing_is_read() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("protected.docx");
        let body = document(
            "<w:p><w:r><w:t>The General Assembly decides to adopt the text.</w:t></w:r></w:p>",
        );
        let settings = format!(
            r#"<w:settings {W}><w:documentProtection w:edit="readOnly" w:enforcement="1" w:cryptProviderType="rsaAES" w:hashValue="abc=" w:saltValue="def="/></w:settings>"#
        );
        docx(
            &p,
            &[("word/document.xml", body), ("word/settings.xml", settings)],
            None,
        );
        let o = run(&["inspect", p.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(String::from_utf8_lossy(&o.stdout).contains("lang en"));
    }

    #[test]
    fn a_broken_or_foreign_xml_part_is_not_an_empty_document() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        let good = document("<w:p><w:r><w:t>The General Assembly decides.</w:t></w:r></w:p>");
        let cut = good[..good.find("</w:body>").unwrap()].to_string();
        type Case<'a> = (&'a str, Vec<(&'a str, String)>, &'a str);
        let cases: Vec<Case> = vec![
            (
                "cut.docx",
                vec![("word/document.xml", cut)],
                "word/document.xml is not well-formed XML: it ends with 2 elements not closed",
            ),
            (
                "foreign.docx",
                vec![("word/document.xml", "<doc><p>hello</p></doc>".into())],
                "word/document.xml is not WordprocessingML: its root element is <doc>",
            ),
            (
                "blank.docx",
                vec![("word/document.xml", "<?xml version=\"1.0\"?>\n".into())],
                "word/document.xml holds no XML element",
            ),
            (
                "notes.docx",
                vec![
                    ("word/document.xml", good.clone()),
                    (
                        "word/footnotes.xml",
                        format!("<w:footnotes {W}><w:footnote>"),
                    ),
                ],
                "word/footnotes.xml is not well-formed XML",
            ),
        ];
        for (name, parts, says) in cases {
            docx(&w.join(name), &parts, None);
            let o = run_in(w, &["inspect", name]);
            let e = refused(&o, name);
            assert!(e.contains(says), "{name}: {e}");
            assert!(
                !e.contains("empty document") && !e.contains("is empty"),
                "{name}: {e}"
            );
        }
        // The document itself, well formed, is read.
        docx(&w.join("good.docx"), &[("word/document.xml", good)], None);
        assert!(run_in(w, &["inspect", "good.docx"]).status.success());
    }

    #[test]
    fn an_rtf_file_is_called_rtf() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        std::fs::write(
            w.join("res.rtf"),
            "{\\rtf1\\ansi The General Assembly decides.}",
        )
        .unwrap();
        let o = Command::new(BIN)
            .current_dir(w)
            .args(["inspect", "res.rtf"])
            .env("PATH", "/nonexistent")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let e = refused(&o, "res.rtf");
        assert!(e.contains("reading an RTF file needs `soffice`"), "{e}");
        assert!(!e.contains(".doc"), "{e}");
    }
}

/// `bench --dir` over an earlier bench's directory regenerates the corpus
/// (no document of the older, larger one is measured again); over a
/// directory a bench did not make, it refuses and touches nothing.
mod bench_dir {
    use super::*;

    fn count(dir: &Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |r| r.count())
    }

    #[test]
    fn an_older_bench_corpus_is_regenerated() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        let o = run_in(w, &["bench", "--docs", "6", "--dir", "b"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(count(&w.join("b/input/zh")), 6);
        // A stray file an older version left in the corpus goes too.
        std::fs::write(w.join("b/input/zh/A_RES_99_77.txt"), "旧").unwrap();
        let o = run_in(w, &["bench", "--docs", "3", "--dir", "b"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(count(&w.join("b/input/zh")), 3, "only the new corpus");
        assert!(String::from_utf8_lossy(&o.stdout).contains("3 documents"));
    }

    #[test]
    fn a_directory_not_made_by_bench_is_refused() {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        std::fs::create_dir_all(w.join("mine/input/zh")).unwrap();
        std::fs::write(w.join("mine/input/zh/A_RES_99_1.txt"), "我的").unwrap();
        let o = run_in(w, &["bench", "--docs", "3", "--dir", "mine"]);
        let e = refused(&o, "mine");
        assert!(e.contains("not made by sixalign bench"), "{e}");
        assert_eq!(
            names(&w.join("mine")),
            ["input", "input/zh", "input/zh/A_RES_99_1.txt"]
        );
        assert_eq!(
            std::fs::read_to_string(w.join("mine/input/zh/A_RES_99_1.txt")).unwrap(),
            "我的"
        );
    }
}

/// HTML read by a standards-compliant parser (html5ever) in time and
/// memory linear in the page: nesting stops at the reader's depth limit
/// (as in browsers), so deep or unclosed markup cannot make tree
/// construction quadratic, and no text is lost on the way.
mod html_bounds {
    use super::*;
    use std::time::{Duration, Instant};

    /// A page: a UDHR paragraph, then `hostile`, then another paragraph.
    fn page(dir: &Path, hostile: &str) -> PathBuf {
        let p = dir.join("page.html");
        let html = format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>T</title></head><body>\
             <p>All human beings are born free and equal in dignity and rights.</p>{hostile}\
             <p>Everyone has the right to life, liberty and security of person.</p></body></html>"
        );
        std::fs::write(&p, html).unwrap();
        p
    }

    /// `inspect --json` of the page under an address-space limit and a
    /// time bound: both paragraphs are read.
    fn read_whole(hostile: String, what: &str) {
        let d = tempfile::tempdir().unwrap();
        page(d.path(), &hostile);
        let start = Instant::now();
        let o = Command::new("sh")
            .current_dir(d.path())
            .env("MALLOC_ARENA_MAX", "2")
            .arg("-c")
            .arg(format!(
                "ulimit -v {} && exec '{BIN}' inspect --json page.html",
                2048 * 1024
            ))
            .stdin(Stdio::null())
            .output()
            .expect("sh runs");
        let took = start.elapsed();
        let e = stderr(&o);
        assert!(o.status.success(), "{what}: {e}");
        assert!(!e.contains("panicked"), "{what}: {e}");
        assert!(
            took < Duration::from_secs(60),
            "{what}: linear, not quadratic: {took:?}"
        );
        let out = String::from_utf8_lossy(&o.stdout);
        for text in ["born free and equal", "liberty and security"] {
            assert!(out.contains(text), "{what}: {text:?} is read: {out:.300}");
        }
        assert_eq!(names(d.path()), ["page.html"], "nothing written");
    }

    const MIB: usize = 1 << 20;

    #[test]
    fn a_page_of_24_mib_of_sup_is_read_in_bounded_time_and_memory() {
        read_whole("<sup>".repeat(24 * MIB / 5), "unclosed <sup>");
        // Marks after words, as footnote references stand.
        read_whole(
            "Word<sup>1</sup> ".repeat(24 * MIB / 17),
            "<sup>1</sup> pairs",
        );
        // A paragraph of marks alone (each asked whether the line before
        // it was blank: once a scan of the whole line so far).
        read_whole("<sup>1</sup> ".repeat(8 * MIB / 13), "<sup>1</sup> alone");
        // Many one-word paragraphs (each looked back over every block
        // before it for a preamble).
        read_whole("<p>x</p>".repeat(4 * MIB / 8), "one-word paragraphs");
    }

    #[test]
    fn deep_nesting_is_read_in_bounded_time_and_memory() {
        // Each shape is quadratic in html5ever without a depth limit
        // (servo/html5ever#788: 512 KB of `<ul><li>` took 94 s).
        read_whole("<div>".repeat(24 * MIB / 5), "nested <div>");
        read_whole("<ul><li>".repeat(24 * MIB / 8), "nested <ul><li>");
        read_whole(
            format!("{}{}", "<span>".repeat(1000), "</p>".repeat(24 * MIB / 4)),
            "stray </p> under deep <span>",
        );
        read_whole(
            (0..24 * MIB / 14).map(|i| format!("<b id={i}>")).collect(),
            "formatting elements that differ",
        );
    }
}

/// A Moses prefix that is a device, a FIFO or standard output is refused
/// before anything is read or written: Moses would write PREFIX.zh and
/// PREFIX.en beside it (`/dev/full.zh`).
mod moses_prefix {
    use super::*;

    #[test]
    fn a_device_fifo_or_standard_output_is_not_a_prefix() {
        let d = tempfile::tempdir().unwrap();
        copy(d.path(), "zh", "zh.txt");
        copy(d.path(), "en", "en.txt");
        mkfifo(&d.path().join("pipe"));
        for prefix in ["/dev/full", "/dev/null", "/dev/stdout", "pipe"] {
            for args in [
                &[
                    "align", "-q", "-f", "moses", "zh.txt", "en.txt", "-o", prefix,
                ][..],
                &[
                    "align",
                    "-q",
                    "-f",
                    "moses",
                    "--lines",
                    "--src-lang",
                    "zh",
                    "--tgt-lang",
                    "en",
                    "zh.txt",
                    "en.txt",
                    "-o",
                    prefix,
                ][..],
            ] {
                let o = run_in(d.path(), args);
                let e = refused(&o, prefix);
                assert!(e.contains("not a prefix"), "{e}");
                assert!(!Path::new(&format!("{prefix}.zh")).exists(), "{prefix}.zh");
                assert!(!Path::new(&format!("{prefix}.en")).exists(), "{prefix}.en");
                assert_eq!(names(d.path()), ["en.txt", "pipe", "zh.txt"]);
            }
        }
        // A plain prefix still writes its two files.
        let o = run_in(
            d.path(),
            &[
                "align", "-q", "-f", "moses", "zh.txt", "en.txt", "-o", "out",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(
            names(d.path()),
            ["en.txt", "out.en", "out.zh", "pipe", "zh.txt"]
        );
    }
}

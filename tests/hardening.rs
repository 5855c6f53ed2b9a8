//! Hostile and mistaken input through the command line, one module per
//! class of the hardening list: every case checks the exit code, that the
//! message names the path the user gave, that nothing panicked, and that
//! nothing was lost (inputs unchanged, no output or `.partial` left over).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_sixalign");
const ROOT: &str = crate::ROOT;

fn udhr(code: &str) -> PathBuf {
    Path::new(ROOT).join(format!("data/udhr/{code}.txt"))
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("sixalign runs")
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("sixalign runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit code 2, no panic, and a message naming `path` as given.
fn refused(o: &Output, path: &str) -> String {
    let e = stderr(o);
    assert_eq!(o.status.code(), Some(2), "exit code 2 expected: {e}");
    assert!(!e.contains("panicked"), "no panic: {e}");
    assert!(e.contains(path), "the message names {path:?}: {e}");
    e
}

/// Copies a bundled UDHR version into `dir` as `name`.
fn copy(dir: &Path, code: &str, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::copy(udhr(code), &p).expect("copy");
    p
}

/// Every file name under `dir`, recursively (relative, sorted).
fn names(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir") {
            let p = e.expect("entry").path();
            if p.is_dir() && !p.is_symlink() {
                stack.push(p.clone());
            }
            out.push(p.strip_prefix(dir).unwrap().display().to_string());
        }
    }
    out.sort();
    out
}

fn no_partial(dir: &Path) {
    let n = names(dir);
    assert!(
        !n.iter().any(|f| f.contains(".partial")),
        "no temporary file is left in {}: {n:?}",
        dir.display()
    );
}

fn mkfifo(p: &Path) {
    let st = Command::new("mkfifo").arg(p).status().expect("mkfifo runs");
    assert!(st.success(), "mkfifo {}", p.display());
}

fn kill(child: &Child, sig: &str) {
    // The shell's own `kill`: no dependency on procps.
    let st = Command::new("sh")
        .arg("-c")
        .arg(format!("kill {sig} {}", child.id()))
        .status()
        .expect("sh runs");
    assert!(st.success());
}

/// Waits (polling, without a deadline: the test harness has one) until
/// `dir` holds a `.partial` file.
fn wait_for_partial(dir: &Path, child: &mut Child) {
    loop {
        if names(dir).iter().any(|f| f.contains(".partial")) {
            return;
        }
        if let Some(st) = child.try_wait().expect("wait") {
            panic!("sixalign ended ({st}) before its temporary file appeared");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// A corpus of `n` copies of the UDHR, zh and en, as `zh/A_RES_99_k.txt`.
fn udhr_corpus(dir: &Path, n: usize) {
    for l in ["zh", "en"] {
        std::fs::create_dir_all(dir.join(l)).unwrap();
        for k in 1..=n {
            std::fs::copy(udhr(l), dir.join(l).join(format!("A_RES_99_{k}.txt"))).unwrap();
        }
    }
}

/// An output path that is an input is refused before anything is written.
mod output_is_input {
    use super::*;

    #[test]
    fn align_output_is_the_hub() {
        let d = tempfile::tempdir().unwrap();
        let zh = copy(d.path(), "zh", "zh.txt");
        copy(d.path(), "en", "en.txt");
        let o = run_in(d.path(), &["align", "zh.txt", "en.txt", "-o", "zh.txt"]);
        refused(&o, "zh.txt");
        assert_eq!(
            std::fs::read(&zh).unwrap(),
            std::fs::read(udhr("zh")).unwrap()
        );
        no_partial(d.path());
    }

    #[test]
    fn align_output_is_a_lang_input_spelled_differently() {
        let d = tempfile::tempdir().unwrap();
        copy(d.path(), "zh", "zh.txt");
        let en = copy(d.path(), "en", "en.txt");
        let o = run_in(
            d.path(),
            &[
                "align",
                "zh.txt",
                "--lang",
                "en=en.txt",
                "-o",
                "./sub/../en.txt",
            ],
        );
        // `sub` does not exist: the missing directory is reported first, by name.
        refused(&o, "./sub/../en.txt");
        let o = run_in(
            d.path(),
            &["align", "zh.txt", "--lang", "en=en.txt", "-o", "././en.txt"],
        );
        let e = refused(&o, "././en.txt");
        assert!(e.contains("input"), "{e}");
        assert_eq!(
            std::fs::read(&en).unwrap(),
            std::fs::read(udhr("en")).unwrap()
        );
    }

    #[test]
    fn align_output_is_a_hard_link_or_symlink_of_an_input() {
        let d = tempfile::tempdir().unwrap();
        copy(d.path(), "zh", "zh.txt");
        copy(d.path(), "en", "en.txt");
        std::fs::hard_link(d.path().join("en.txt"), d.path().join("hard.jsonl")).unwrap();
        std::os::unix::fs::symlink("en.txt", d.path().join("soft.jsonl")).unwrap();
        for out in ["hard.jsonl", "soft.jsonl"] {
            let o = run_in(d.path(), &["align", "zh.txt", "en.txt", "-o", out]);
            refused(&o, out);
        }
        assert_eq!(
            std::fs::read(d.path().join("en.txt")).unwrap(),
            std::fs::read(udhr("en")).unwrap()
        );
    }

    #[test]
    fn align_moses_prefix_that_names_an_input() {
        let d = tempfile::tempdir().unwrap();
        copy(d.path(), "zh", "doc.zh");
        copy(d.path(), "en", "doc.en");
        let o = run_in(
            d.path(),
            &["align", "doc.zh", "doc.en", "-f", "moses", "-o", "doc"],
        );
        refused(&o, "doc.zh");
        assert_eq!(names(d.path()), ["doc.en", "doc.zh"]);
    }

    #[test]
    fn align_lines_output_is_the_source_or_the_lexicon() {
        let d = tempfile::tempdir().unwrap();
        copy(d.path(), "zh", "s.txt");
        copy(d.path(), "en", "t.txt");
        std::fs::write(d.path().join("lex.tsv"), "大会\tassembly\n").unwrap();
        let o = run_in(
            d.path(),
            &["align", "--lines", "s.txt", "t.txt", "-o", "s.txt"],
        );
        refused(&o, "s.txt");
        let o = run_in(
            d.path(),
            &[
                "align",
                "--lines",
                "s.txt",
                "t.txt",
                "--lexicon",
                "lex.tsv",
                "-o",
                "lex.tsv",
            ],
        );
        refused(&o, "lex.tsv");
        assert_eq!(
            std::fs::read(d.path().join("lex.tsv")).unwrap(),
            b"\xe5\xa4\xa7\xe4\xbc\x9a\tassembly\n"
        );
    }

    #[test]
    fn qa_html_is_an_input() {
        let d = tempfile::tempdir().unwrap();
        copy(d.path(), "zh", "zh.txt");
        let en = copy(d.path(), "en", "en.txt");
        let o = run_in(d.path(), &["qa", "zh.txt", "en.txt", "--html", "en.txt"]);
        refused(&o, "en.txt");
        assert_eq!(
            std::fs::read(&en).unwrap(),
            std::fs::read(udhr("en")).unwrap()
        );
        no_partial(d.path());
    }

    #[test]
    fn corpus_report_is_the_manifest_or_a_document() {
        let d = tempfile::tempdir().unwrap();
        udhr_corpus(&d.path().join("in"), 1);
        let manifest = d.path().join("m.csv");
        std::fs::write(
            &manifest,
            "id,lang,path\nA/RES/99/1,zh,in/zh/A_RES_99_1.txt\nA/RES/99/1,en,in/en/A_RES_99_1.txt\n",
        )
        .unwrap();
        let before = std::fs::read(&manifest).unwrap();
        let o = run_in(
            d.path(),
            &["corpus", "m.csv", "-o", "out", "-q", "--report", "m.csv"],
        );
        refused(&o, "m.csv");
        assert_eq!(std::fs::read(&manifest).unwrap(), before);
        let o = run_in(
            d.path(),
            &[
                "corpus",
                "in",
                "-o",
                "out",
                "-q",
                "--report",
                "in/en/A_RES_99_1.txt",
            ],
        );
        refused(&o, "in/en/A_RES_99_1.txt");
        assert!(
            !d.path().join("out/zh-en/A_RES_99_1.jsonl").exists(),
            "nothing written"
        );
        assert_eq!(
            std::fs::read(d.path().join("in/en/A_RES_99_1.txt")).unwrap(),
            std::fs::read(udhr("en")).unwrap()
        );
    }

    #[test]
    fn corpus_output_file_is_an_input() {
        let d = tempfile::tempdir().unwrap();
        // The manifest takes its English version from where the zh-en
        // output of the document will be written.
        std::fs::create_dir_all(d.path().join("out/zh-en")).unwrap();
        copy(d.path(), "zh", "zh.txt");
        copy(d.path(), "en", "out/zh-en/A_RES_99_1.jsonl");
        std::fs::write(
            d.path().join("m.csv"),
            "id,lang,path\nA/RES/99/1,zh,zh.txt\nA/RES/99/1,en,out/zh-en/A_RES_99_1.jsonl\n",
        )
        .unwrap();
        let o = run_in(
            d.path(),
            &["corpus", "m.csv", "-o", "out", "-q", "--langs", "en"],
        );
        refused(&o, "A_RES_99_1.jsonl");
        assert_eq!(
            std::fs::read(d.path().join("out/zh-en/A_RES_99_1.jsonl")).unwrap(),
            std::fs::read(udhr("en")).unwrap()
        );
    }

    #[test]
    fn batch_output_is_an_input_or_the_job_file() {
        let d = tempfile::tempdir().unwrap();
        copy(d.path(), "zh", "a.zh");
        copy(d.path(), "en", "a.en");
        for (jobs, named) in [
            ("a.zh\ta.en\ta.zh\n", "a.zh"),
            ("a.zh\ta.en\tok.beads\na.zh\ta.en\ta.en\n", "a.en"),
            ("a.zh\ta.en\tjobs.tsv\n", "jobs.tsv"),
        ] {
            std::fs::write(d.path().join("jobs.tsv"), jobs).unwrap();
            let o = run_in(d.path(), &["align", "--lines", "--batch", "jobs.tsv"]);
            let e = refused(&o, named);
            assert!(
                e.contains("jobs.tsv:"),
                "the job file and line are named: {e}"
            );
            assert!(!d.path().join("ok.beads").exists(), "no job ran");
            assert_eq!(
                std::fs::read(d.path().join("jobs.tsv")).unwrap(),
                jobs.as_bytes()
            );
        }
        assert_eq!(
            std::fs::read(d.path().join("a.en")).unwrap(),
            std::fs::read(udhr("en")).unwrap()
        );
    }
}

/// Outputs never replace a device, FIFO or other non-regular file, write
/// through symbolic links, and name the user's path for `DIR/` and a
/// missing directory.
mod output_targets {
    use super::*;

    fn align_to(dir: &Path, out: &str) -> Output {
        let zh = udhr("zh");
        let en = udhr("en");
        run_in(
            dir,
            &[
                "align",
                zh.to_str().unwrap(),
                en.to_str().unwrap(),
                "-q",
                "-o",
                out,
            ],
        )
    }

    #[test]
    fn a_directory_with_a_slash_or_without() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("outdir")).unwrap();
        let e = refused(&align_to(d.path(), "outdir/"), "outdir/");
        assert!(e.contains("directory"), "{e}");
        let e = refused(&align_to(d.path(), "outdir"), "outdir");
        assert!(e.contains("directory"), "{e}");
        assert_eq!(names(d.path()), ["outdir"]);
    }

    #[test]
    fn a_missing_directory() {
        let d = tempfile::tempdir().unwrap();
        let e = refused(
            &align_to(d.path(), "nowhere/out.jsonl"),
            "nowhere/out.jsonl",
        );
        assert!(e.contains("does not exist"), "{e}");
        assert!(names(d.path()).is_empty());
    }

    #[test]
    fn a_fifo_is_never_replaced() {
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("pipe.jsonl");
        mkfifo(&fifo);
        let e = refused(&align_to(d.path(), "pipe.jsonl"), "pipe.jsonl");
        assert!(e.contains("FIFO"), "{e}");
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
        no_partial(d.path());
    }

    #[test]
    fn a_device_is_never_replaced() {
        let d = tempfile::tempdir().unwrap();
        let e = refused(&align_to(d.path(), "/dev/null"), "/dev/null");
        assert!(e.contains("device"), "{e}");
        let zh = udhr("zh");
        let o = run(&[
            "qa",
            zh.to_str().unwrap(),
            udhr("en").to_str().unwrap(),
            "--html",
            "/dev/null",
        ]);
        refused(&o, "/dev/null");
    }

    #[test]
    fn a_symlink_is_written_through() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("real")).unwrap();
        std::fs::write(d.path().join("real/out.jsonl"), "old\n").unwrap();
        std::os::unix::fs::symlink("real/out.jsonl", d.path().join("link.jsonl")).unwrap();
        let o = align_to(d.path(), "link.jsonl");
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            d.path().join("link.jsonl").is_symlink(),
            "the link stays a link"
        );
        let text = std::fs::read_to_string(d.path().join("real/out.jsonl")).unwrap();
        assert!(
            text.starts_with("{\"doc\""),
            "the target holds the output: {text:.60}"
        );
        // A dangling link creates its target.
        std::os::unix::fs::symlink("real/new.jsonl", d.path().join("dangling.jsonl")).unwrap();
        let o = align_to(d.path(), "dangling.jsonl");
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(d.path().join("real/new.jsonl").is_file());
        no_partial(d.path());
    }

    #[test]
    fn moses_and_corpus_outputs_go_through_the_same_checks() {
        let d = tempfile::tempdir().unwrap();
        let zh = udhr("zh");
        let en = udhr("en");
        let o = run_in(
            d.path(),
            &[
                "align",
                zh.to_str().unwrap(),
                en.to_str().unwrap(),
                "-f",
                "moses",
                "-o",
                "gone/x",
            ],
        );
        refused(&o, "gone/x");
        std::fs::write(d.path().join("afile"), "x").unwrap();
        udhr_corpus(&d.path().join("in"), 1);
        let o = run_in(d.path(), &["corpus", "in", "-o", "afile", "-q"]);
        refused(&o, "afile");
        let o = run_in(
            d.path(),
            &[
                "corpus",
                "in",
                "-o",
                "out",
                "-q",
                "--report",
                "nodir/r.json",
            ],
        );
        refused(&o, "nodir/r.json");
        assert!(!d.path().join("out/zh-en/A_RES_99_1.jsonl").exists());
    }
}

/// Only regular files in corpus trees; devices and endless inputs on the
/// command line refused or capped; every input read against a size limit.
mod reader {
    use super::*;

    #[test]
    fn devices_on_the_command_line_are_refused() {
        for dev in ["/dev/zero", "/dev/urandom"] {
            let o = run(&["inspect", dev]);
            let e = refused(&o, dev);
            assert!(e.contains("device"), "{e}");
            let o = run(&["align", dev, udhr("en").to_str().unwrap()]);
            refused(&o, dev);
            let o = run(&["align", "--lines", udhr("zh").to_str().unwrap(), dev]);
            refused(&o, dev);
        }
    }

    #[test]
    fn a_directory_as_input() {
        let d = tempfile::tempdir().unwrap();
        let o = run_in(d.path(), &["inspect", "."]);
        let e = refused(&o, ".");
        assert!(e.contains("directory"), "{e}");
    }

    #[test]
    fn an_endless_stream_is_capped() {
        let zero = std::fs::File::open("/dev/zero").unwrap();
        let o = Command::new(BIN)
            .args(["--max-input", "1M", "inspect", "-"])
            .stdin(zero)
            .output()
            .unwrap();
        let e = refused(&o, "-");
        assert!(e.contains("1 MiB"), "{e}");
        // The same through a FIFO fed without end.
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("endless.txt");
        mkfifo(&fifo);
        let mut feeder = Command::new("sh")
            .arg("-c")
            .arg(format!("cat /dev/zero > '{}'", fifo.display()))
            .spawn()
            .unwrap();
        let o = Command::new(BIN)
            .args(["inspect", "--max-input", "2M", fifo.to_str().unwrap()])
            .output()
            .unwrap();
        let _ = feeder.kill();
        let _ = feeder.wait();
        let e = refused(&o, "endless.txt");
        assert!(e.contains("2 MiB"), "{e}");
    }

    #[test]
    fn the_limit_is_configurable_and_applies_to_every_input() {
        let d = tempfile::tempdir().unwrap();
        copy(d.path(), "zh", "zh.txt");
        copy(d.path(), "en", "en.txt");
        let o = run_in(
            d.path(),
            &["--max-input", "4K", "align", "zh.txt", "en.txt"],
        );
        let e = refused(&o, "zh.txt");
        assert!(e.contains("4 KiB") && e.contains("--max-input"), "{e}");
        let o = Command::new(BIN)
            .current_dir(d.path())
            .env("SIXALIGN_MAX_INPUT", "4K")
            .args(["qa", "zh.txt", "en.txt"])
            .output()
            .unwrap();
        refused(&o, "zh.txt");
        let o = Command::new(BIN)
            .current_dir(d.path())
            .env("SIXALIGN_MAX_INPUT", "lots")
            .args(["inspect", "zh.txt"])
            .output()
            .unwrap();
        refused(&o, "SIXALIGN_MAX_INPUT");
        // A lexicon too: the documents fit in 64 KiB, the lexicon does not.
        std::fs::write(d.path().join("lex.tsv"), "大会\tassembly\n".repeat(6000)).unwrap();
        let o = run_in(
            d.path(),
            &[
                "align",
                "--max-input",
                "64K",
                "zh.txt",
                "en.txt",
                "--lexicon",
                "lex.tsv",
            ],
        );
        let e = refused(&o, "lex.tsv");
        assert!(e.contains("64 KiB"), "{e}");
        // With the default limit, everything passes.
        let o = run_in(
            d.path(),
            &["align", "-q", "zh.txt", "en.txt", "-o", "out.jsonl"],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }

    #[test]
    fn corpus_trees_read_regular_files_only() {
        let d = tempfile::tempdir().unwrap();
        let input = d.path().join("in");
        udhr_corpus(&input, 2);
        mkfifo(&input.join("en/A_RES_99_3.txt"));
        let sock = input.join("zh/A_RES_99_3.txt");
        let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
        std::os::unix::fs::symlink("/dev/zero", input.join("en/A_RES_99_4.txt")).unwrap();
        let o = run_in(d.path(), &["corpus", "in", "-o", "out", "-q"]);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "problems give exit code 1: {e}");
        assert!(!e.contains("panicked"), "{e}");
        for (name, what) in [
            ("en/A_RES_99_3.txt", "FIFO"),
            ("zh/A_RES_99_3.txt", "socket"),
            ("en/A_RES_99_4.txt", "device"),
        ] {
            assert!(
                e.lines()
                    .any(|l| l.contains(name) && l.contains(what) && l.contains("skipped")),
                "{name} is skipped as a {what}: {e}"
            );
        }
        assert!(d.path().join("out/zh-en/A_RES_99_1.jsonl").is_file());
        assert!(d.path().join("out/zh-en/A_RES_99_2.jsonl").is_file());
    }
}

/// SIGINT/SIGTERM remove temporary files; no `.partial` is left behind.
mod signals {
    use super::*;

    #[test]
    fn sigint_during_align_reading_a_slow_fifo() {
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("zh.fifo");
        mkfifo(&fifo);
        let mut child = Command::new(BIN)
            .current_dir(d.path())
            .args([
                "align",
                "zh.fifo",
                udhr("en").to_str().unwrap(),
                "-o",
                "out.jsonl",
            ])
            .stdin(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Hold the FIFO open without writing: sixalign waits for its input,
        // with its output's temporary file already made.
        let writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
        wait_for_partial(d.path(), &mut child);
        kill(&child, "-INT");
        let out = child.wait_with_output().unwrap();
        drop(writer);
        assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
        assert_eq!(
            names(d.path()),
            ["zh.fifo"],
            "no output and no temporary file"
        );
    }

    #[test]
    fn sigterm_during_a_corpus_run() {
        let d = tempfile::tempdir().unwrap();
        let input = d.path().join("in");
        udhr_corpus(&input, 300);
        let mut child = Command::new(BIN)
            .current_dir(d.path())
            .args(["corpus", "in", "-o", "out", "-q", "--report", "report.json"])
            .stdin(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The report is written under a temporary name for the whole run.
        wait_for_partial(d.path(), &mut child);
        kill(&child, "-TERM");
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(143),
            "killed mid-run: {}",
            stderr(&out)
        );
        no_partial(d.path());
        assert!(
            !d.path().join("report.json").exists(),
            "no report that looks whole"
        );
        // Every output that exists is whole: one JSON record per line.
        for n in names(&d.path().join("out")) {
            if n.ends_with(".jsonl") {
                let text = std::fs::read_to_string(d.path().join("out").join(&n)).unwrap();
                assert!(text.ends_with('\n'), "{n} is whole");
                for l in text.lines() {
                    serde_json::from_str::<serde_json::Value>(l).expect("whole records");
                }
            }
        }
    }

    #[test]
    fn sigint_during_bench_removes_its_directory() {
        let d = tempfile::tempdir().unwrap();
        let mut child = Command::new(BIN)
            .env("TMPDIR", d.path())
            .args(["bench", "--docs", "2000", "--threads", "1"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        loop {
            if !names(d.path()).is_empty() {
                break;
            }
            assert!(child.try_wait().unwrap().is_none(), "bench ended early");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        kill(&child, "-INT");
        let st = child.wait().unwrap();
        assert_eq!(st.code(), Some(130));
        assert!(names(d.path()).is_empty(), "{:?}", names(d.path()));
    }

    #[test]
    fn a_killed_run_leaves_partials_the_next_corpus_run_removes() {
        let d = tempfile::tempdir().unwrap();
        udhr_corpus(&d.path().join("in"), 1);
        std::fs::create_dir_all(d.path().join("out/zh-en")).unwrap();
        // As SIGKILL would leave them: a dead process's file, and one of
        // the older naming.
        for stale in [
            ".A_RES_99_1.jsonl.999999999.0.partial",
            ".A_RES_99_1.jsonl.partial",
        ] {
            std::fs::write(d.path().join("out/zh-en").join(stale), "half").unwrap();
        }
        let o = run_in(
            d.path(),
            &["corpus", "in", "-o", "out", "-q", "--langs", "en"],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(
            names(&d.path().join("out")),
            [".sixalign-journal", "zh-en", "zh-en/A_RES_99_1.jsonl"]
        );
    }
}

/// `pipe`: any bad line gives an error record with its line number and the
/// run goes on; no later document is lost.
mod pipe {
    use super::*;
    use std::io::Write;

    #[test]
    fn every_bad_line_is_reported_and_the_run_goes_on() {
        let zh = std::fs::read_to_string(udhr("zh")).unwrap();
        let en = std::fs::read_to_string(udhr("en")).unwrap();
        let good = serde_json::json!({"id": "A/RES/217(III)", "zh": zh, "en": en}).to_string();
        let mut input: Vec<u8> = Vec::new();
        let bad: Vec<Vec<u8>> = vec![
            b"{\"id\":\"x\",\"zh\":\"\xff\xfe\"}".to_vec(), // 1 invalid UTF-8
            b"{not json".to_vec(),                          // 2 malformed JSON
            br#"{"zh":"a","en":"b"}"#.to_vec(),             // 3 no id
            br#"{"id":"x","zh":5,"en":"b"}"#.to_vec(),      // 4 zh not a string
            r#"{"id":"x","zh":"大会，","en":["a"]}"#.as_bytes().to_vec(), // 5 en not a string
            format!(r#"{{"id":"big","zh":"{}"}}"#, "大".repeat(400_000)).into_bytes(), // 6 oversized
            b"[1,2]".to_vec(), // 7 not an object
        ];
        for b in &bad {
            input.extend(b);
            input.push(b'\n');
        }
        input.extend(good.as_bytes());
        input.push(b'\n');
        let mut child = Command::new(BIN)
            .args(["pipe", "--max-input", "1M"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let feeder = std::thread::spawn(move || stdin.write_all(&input));
        let out = child.wait_with_output().unwrap();
        feeder.join().unwrap().unwrap();
        assert_eq!(out.status.code(), Some(1), "errors give exit code 1");
        let errs: Vec<serde_json::Value> = String::from_utf8(out.stderr)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).expect("error records are JSON"))
            .collect();
        let lines: Vec<u64> = errs.iter().map(|e| e["line"].as_u64().unwrap()).collect();
        assert!(
            (1..=7).all(|n| lines.contains(&n)),
            "one record for each bad line: {errs:?}"
        );
        let msg = |n: u64| {
            errs.iter()
                .find(|e| e["line"] == n)
                .map(|e| e["error"].as_str().unwrap().to_string())
                .unwrap()
        };
        assert!(msg(1).contains("UTF-8"), "{}", msg(1));
        assert!(msg(2).contains("JSON"), "{}", msg(2));
        assert!(msg(4).contains("not a string"), "{}", msg(4));
        assert!(msg(5).contains("not a string"), "{}", msg(5));
        assert!(msg(6).contains("limit"), "{}", msg(6));
        let records = String::from_utf8(out.stdout).unwrap();
        assert!(
            records
                .lines()
                .filter(|l| l.contains("A/RES/217(III)"))
                .count()
                > 10,
            "the good document after the bad lines is aligned"
        );
    }
}

/// Batch: duplicate output paths refused before the run; the same reader
/// and checks as every other command.
mod batch {
    use super::*;

    #[test]
    fn duplicate_outputs_are_refused_before_any_job_runs() {
        let d = tempfile::tempdir().unwrap();
        copy(d.path(), "zh", "a.zh");
        copy(d.path(), "en", "a.en");
        for jobs in [
            "a.zh\ta.en\tx.beads\na.zh\ta.en\tx.beads\n",
            "a.zh\ta.en\tx.beads\na.zh\ta.en\t./x.beads\n",
        ] {
            std::fs::write(d.path().join("jobs.tsv"), jobs).unwrap();
            let o = run_in(d.path(), &["align", "--lines", "--batch", "jobs.tsv"]);
            let e = refused(&o, "x.beads");
            assert!(e.contains("jobs.tsv:2") && e.contains("line 1"), "{e}");
            assert_eq!(
                names(d.path()),
                ["a.en", "a.zh", "jobs.tsv"],
                "nothing written"
            );
        }
    }

    #[test]
    fn batch_reads_like_every_other_command() {
        let d = tempfile::tempdir().unwrap();
        // A UTF-8 BOM and a UTF-16 file are decoded, NUL bytes refused, a
        // device refused, the size limit applied.
        let zh = std::fs::read(udhr("zh")).unwrap();
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(&zh);
        std::fs::write(d.path().join("bom.zh"), &bom).unwrap();
        let en = std::fs::read_to_string(udhr("en")).unwrap();
        let mut u16 = vec![0xFF, 0xFE];
        for u in en.encode_utf16() {
            u16.extend(u.to_le_bytes());
        }
        std::fs::write(d.path().join("u16.en"), &u16).unwrap();
        std::fs::write(d.path().join("nul.en"), b"a\0b\n").unwrap();
        copy(d.path(), "zh", "plain.zh");
        copy(d.path(), "en", "plain.en");
        std::fs::write(
            d.path().join("jobs.tsv"),
            "bom.zh\tu16.en\tok.beads\nbom.zh\tnul.en\tnul.beads\nbom.zh\t/dev/zero\tdev.beads\nplain.zh\tplain.en\tplain.beads\n",
        )
        .unwrap();
        let o = run_in(d.path(), &["align", "--lines", "--batch", "jobs.tsv"]);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{e}");
        assert!(e.contains("nul.en") && e.contains("binary"), "{e}");
        assert!(e.contains("/dev/zero") && e.contains("device"), "{e}");
        assert_eq!(
            std::fs::read(d.path().join("ok.beads")).unwrap(),
            std::fs::read(d.path().join("plain.beads")).unwrap(),
            "a BOM and UTF-16 align as the plain UTF-8 text does"
        );
        assert!(!d.path().join("nul.beads").exists() && !d.path().join("dev.beads").exists());
        let o = run_in(
            d.path(),
            &[
                "--max-input",
                "1K",
                "align",
                "--lines",
                "--batch",
                "jobs.tsv",
            ],
        );
        assert!(
            stderr(&o).contains("the input size limit of 1 KiB"),
            "{}",
            stderr(&o)
        );
        no_partial(d.path());
    }
}

/// Paragraph numbers of any size are labels; bidi and format characters do
/// not stop label detection.
mod labels {
    use super::*;

    fn operative_labels(text: &str) -> Vec<String> {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("doc.txt"), text).unwrap();
        let o = run_in(d.path(), &["inspect", "--lang", "zh", "doc.txt"]);
        assert!(o.status.success(), "{}", stderr(&o));
        String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .filter_map(|l| l.strip_prefix("operative"))
            .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn numbers_past_999_are_labels() {
        // Blank lines between paragraphs, or none (the line before closes).
        let text =
            "大会，\n\n998. 决定。\n\n999. 请。\n1000. 注意到。\n1001. 重申；\n\n123456. 欢迎。\n";
        assert_eq!(
            operative_labels(text),
            ["998", "999", "1000", "1001", "123456"]
        );
    }

    #[test]
    fn bidi_and_format_characters_do_not_hide_labels() {
        let marks = [
            "\u{200F}", "\u{200E}", "\u{202E}", "\u{202B}", "\u{200D}", "\u{FEFF}", "\u{2067}",
            "\u{2069}", "\u{061C}",
        ];
        let mut text = String::from("大会，\n\n");
        for (i, m) in marks.iter().enumerate() {
            text.push_str(&format!("{m}{}. 决定第{i}项。\n\n", i + 1));
        }
        let want: Vec<String> = (1..=marks.len()).map(|n| n.to_string()).collect();
        assert_eq!(operative_labels(&text), want);
    }
}

/// `align` and `qa` refuse the same file twice and two versions in one
/// language alike.
mod same_input_twice {
    use super::*;

    #[test]
    fn align_and_qa_refuse_a_file_given_twice() {
        let d = tempfile::tempdir().unwrap();
        copy(d.path(), "zh", "zh.txt");
        copy(d.path(), "en", "en.txt");
        std::os::unix::fs::symlink("en.txt", d.path().join("also-en.txt")).unwrap();
        for args in [
            vec!["align", "zh.txt", "en.txt", "en.txt"],
            vec!["align", "zh.txt", "en.txt", "--lang", "fr=en.txt"],
            vec!["align", "zh.txt", "en.txt", "also-en.txt"],
            vec!["align", "--lines", "en.txt", "./en.txt"],
            vec!["qa", "zh.txt", "en.txt", "en.txt"],
            vec!["qa", "zh.txt", "en.txt", "also-en.txt"],
            vec!["qa", "zh.txt", "zh.txt"],
        ] {
            let o = run_in(d.path(), &args);
            let e = refused(&o, args.last().unwrap().trim_start_matches("fr="));
            assert!(
                e.contains("twice") || e.contains("same file"),
                "{args:?}: {e}"
            );
        }
    }

    #[test]
    fn align_and_qa_refuse_two_versions_in_one_language() {
        let d = tempfile::tempdir().unwrap();
        copy(d.path(), "zh", "zh.txt");
        copy(d.path(), "en", "en.txt");
        copy(d.path(), "en", "en2.txt");
        for cmd in ["align", "qa"] {
            let o = run_in(d.path(), &[cmd, "zh.txt", "en.txt", "en2.txt"]);
            let e = refused(&o, "en2.txt");
            assert!(e.contains("both en") && e.contains("en.txt"), "{cmd}: {e}");
        }
    }
}

/// `bench` bounds its threads, always removes its temporary directory and
/// says what is wrong with `--docs 0`.
mod bench {
    use super::*;

    #[test]
    fn bad_counts_are_explained() {
        let o = run(&["bench", "--docs", "0"]);
        let e = refused(&o, "--docs 0");
        assert!(e.contains("at least one"), "{e}");
        for t in ["0", "100000"] {
            let o = run(&["bench", "--docs", "1", "--threads", t]);
            let e = refused(&o, &format!("--threads {t}"));
            assert!(e.contains("1 to 256"), "{e}");
        }
    }

    #[test]
    fn the_temporary_directory_is_removed() {
        let d = tempfile::tempdir().unwrap();
        let o = Command::new(BIN)
            .env("TMPDIR", d.path())
            .args(["bench", "--docs", "3", "--threads", "2"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(String::from_utf8_lossy(&o.stdout).contains("identical: yes"));
        assert!(names(d.path()).is_empty(), "{:?}", names(d.path()));
    }
}

/// Round three (issue 24): output options, decompression bounds.
mod round3;

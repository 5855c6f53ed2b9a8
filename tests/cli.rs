//! The command line: one vocabulary of options across subcommands, the
//! corpus run's interruption and resumed report, and the options of the
//! formats (TMX language tags, labels out of segments).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_sixalign");
const UDHR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/udhr");

fn udhr(code: &str) -> PathBuf {
    Path::new(UDHR).join(format!("{code}.txt"))
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn help(sub: &str) -> String {
    let o = run(&[sub, "--help"]);
    assert!(o.status.success(), "{sub} --help: {}", stderr(&o));
    stdout(&o)
}

/// The option lines of a help text, by long name: `--output` → the line.
fn options(help: &str) -> BTreeMap<String, String> {
    help.lines()
        .filter_map(|l| {
            let t = l.trim_start();
            let long = t
                .split_whitespace()
                .find(|w| w.starts_with("--"))?
                .trim_end_matches(',');
            Some((long.to_string(), t.to_string()))
        })
        .collect()
}

/// A corpus of `n` copies of the UDHR (zh, en) as `LANG/A_RES_99_k.txt`.
fn udhr_corpus(dir: &Path, n: usize) {
    for l in ["zh", "en"] {
        std::fs::create_dir_all(dir.join(l)).unwrap();
        for k in 1..=n {
            std::fs::copy(udhr(l), dir.join(l).join(format!("A_RES_99_{k}.txt"))).unwrap();
        }
    }
}

/// Every file under `root` with its bytes, by relative path (hidden files
/// of the run left out).
fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().unwrap().to_string_lossy().starts_with('.') {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

mod vocabulary {
    use super::*;

    #[test]
    fn cli_every_command_writing_alignments_takes_output_format_quiet_and_no_learn() {
        for sub in ["align", "corpus"] {
            let o = options(&help(sub));
            for (long, short) in [("--output", "-o,"), ("--format", "-f,"), ("--quiet", "-q,")] {
                let line = o.get(long).unwrap_or_else(|| panic!("{sub} has no {long}"));
                assert!(line.starts_with(short), "{sub}: {line}");
            }
            assert!(o.contains_key("--no-learn"), "{sub} has no --no-learn");
            // The same text wherever the option is the same.
            assert_eq!(o["--format"], options(&help("align"))["--format"], "{sub}");
        }
        for sub in ["review", "qa"] {
            let o = options(&help(sub));
            assert!(o["--quiet"].starts_with("-q,"), "{sub}: {:?}", o["--quiet"]);
        }
        assert!(options(&help("review")).contains_key("--no-learn"));
    }

    #[test]
    fn cli_the_output_file_names_the_format_when_none_is_asked_for() {
        let d = tempfile::tempdir().unwrap();
        let (zh, en) = (udhr("zh"), udhr("en"));
        let (zh, en) = (zh.to_str().unwrap(), en.to_str().unwrap());
        for (name, asked) in [("a.tsv", None), ("b.jsonl", Some("tsv")), ("c.tmx", None)] {
            let out = d.path().join(name);
            let mut args = vec!["align", zh, en, "-q", "-o", out.to_str().unwrap()];
            args.extend(asked.map(|f| ["-f", f]).into_iter().flatten());
            let o = run(&args);
            assert!(o.status.success(), "{name}: {}", stderr(&o));
            let text = std::fs::read_to_string(&out).unwrap();
            let first = text.lines().next().unwrap_or_default();
            match name {
                // TSV rows are tab-separated text, no JSON; `-f` wins over the name.
                "a.tsv" | "b.jsonl" => {
                    assert!(
                        first.contains('\t') && !first.starts_with('{'),
                        "{name}: {first}"
                    )
                }
                _ => assert!(text.starts_with("<?xml") && text.contains("<tmx"), "{name}"),
            }
        }
    }

    #[test]
    fn cli_lang_placeholder_is_the_same_everywhere() {
        let mut seen = 0;
        for sub in ["align", "qa", "review", "inspect", "corpus", "pipe", "eval"] {
            if let Some(line) = options(&help(sub)).get("--lang") {
                seen += 1;
                assert!(line.starts_with("--lang <LANG=FILE>"), "{sub}: {line}");
            }
        }
        assert_eq!(seen, 4, "align, qa, review and inspect take --lang");
        // Language options name their value LANG.
        for (sub, long) in [
            ("align", "--src-lang"),
            ("align", "--tgt-lang"),
            ("corpus", "--hub"),
            ("pipe", "--hub"),
            ("review", "--pair"),
        ] {
            let line = &options(&help(sub))[long];
            assert!(line.contains(&format!("{long} <LANG>")), "{sub}: {line}");
        }
    }

    #[test]
    fn cli_chunk_help_does_not_contradict_itself() {
        let line = &options(&help("corpus"))["--chunk"];
        assert!(line.contains("four per thread"), "{line}");
        assert!(!line.contains("[default:"), "{line}");
        // The older `--out` works and is not shown.
        let h = help("corpus");
        assert!(!h.contains("--out "), "{h}");
        assert!(h.contains("--output <DIR>"), "{h}");
    }

    #[test]
    fn cli_corpus_out_is_an_alias_of_output_and_f_chooses_the_format() {
        let d = tempfile::tempdir().unwrap();
        udhr_corpus(&d.path().join("in"), 2);
        let old = run_in(
            d.path(),
            &["corpus", "in", "--out", "old", "-q", "--format", "tsv"],
        );
        assert!(old.status.success(), "{}", stderr(&old));
        let new = run_in(d.path(), &["corpus", "in", "-o", "new", "-q", "-f", "tsv"]);
        assert!(new.status.success(), "{}", stderr(&new));
        let (a, b) = (tree(&d.path().join("old")), tree(&d.path().join("new")));
        assert_eq!(
            a.keys().collect::<Vec<_>>(),
            [
                Path::new("zh-en/A_RES_99_1.tsv"),
                Path::new("zh-en/A_RES_99_2.tsv")
            ]
        );
        assert_eq!(a, b);
        // Long and short forms of the output option cannot both be given.
        let both = run_in(d.path(), &["corpus", "in", "-o", "x", "--out", "y"]);
        assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
    }

    #[test]
    fn cli_corpus_no_learn_is_learn_lexicon_0() {
        let d = tempfile::tempdir().unwrap();
        udhr_corpus(&d.path().join("in"), 2);
        let no = run_in(d.path(), &["corpus", "in", "-o", "no", "--no-learn"]);
        assert!(no.status.success(), "{}", stderr(&no));
        let zero = run_in(
            d.path(),
            &["corpus", "in", "-o", "zero", "--learn-lexicon", "0"],
        );
        assert!(zero.status.success(), "{}", stderr(&zero));
        let learn = run_in(d.path(), &["corpus", "in", "-o", "learn"]);
        assert!(learn.status.success(), "{}", stderr(&learn));
        assert!(!stderr(&no).contains("learned"), "{}", stderr(&no));
        assert!(stderr(&learn).contains("learned"), "{}", stderr(&learn));
        let (n, z) = (tree(&d.path().join("no")), tree(&d.path().join("zero")));
        assert_eq!(n.len(), 2);
        assert_eq!(n, z);
        // A first pass of N documents and none at all: refused together.
        let both = run_in(
            d.path(),
            &[
                "corpus",
                "in",
                "-o",
                "x",
                "--no-learn",
                "--learn-lexicon",
                "5",
            ],
        );
        assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
        assert!(!d.path().join("x").exists());
        let save = run_in(
            d.path(),
            &[
                "corpus",
                "in",
                "-o",
                "x",
                "--no-learn",
                "--save-lexicon",
                "l.tsv",
            ],
        );
        assert_eq!(save.status.code(), Some(2), "{}", stderr(&save));
        assert!(stderr(&save).contains("--no-learn"), "{}", stderr(&save));
    }

    #[test]
    fn cli_qa_quiet_prints_nothing_and_keeps_the_exit_code() {
        let d = tempfile::tempdir().unwrap();
        // English without its Article 3: an error finding, exit 1.
        let en = std::fs::read_to_string(udhr("en")).unwrap();
        let cut = en.replace(
            "Article 3\nEveryone has the right to life, liberty and the security of person.\n",
            "",
        );
        assert_ne!(cut, en, "the article is in the text");
        std::fs::write(d.path().join("en.txt"), cut).unwrap();
        let zh = udhr("zh");
        let zh = zh.to_str().unwrap();
        for (file, code) in [(udhr("en"), 0), (d.path().join("en.txt"), 1)] {
            let file = file.to_str().unwrap();
            let loud = run(&["qa", zh, file]);
            assert_eq!(loud.status.code(), Some(code), "{}", stderr(&loud));
            assert!(stdout(&loud).contains("errors"), "{}", stdout(&loud));
            for q in ["-q", "--quiet"] {
                let quiet = run(&["qa", zh, file, q]);
                assert_eq!(quiet.status.code(), Some(code), "{}", stderr(&quiet));
                assert_eq!(stdout(&quiet), "", "{q}");
                assert_eq!(stderr(&quiet), "", "{q}");
            }
            // `--json` is asked for: still written.
            let json = run(&["qa", zh, file, "-q", "--json"]);
            assert_eq!(json.status.code(), Some(code));
            serde_json::from_slice::<serde_json::Value>(&json.stdout).expect("one JSON object");
        }
    }

    #[test]
    fn cli_inspect_takes_lang_as_align_does() {
        let en = udhr("en");
        let en = en.to_str().unwrap();
        let a = run(&["inspect", "--json", en, "--lang", "en"]);
        assert!(a.status.success(), "{}", stderr(&a));
        let spec = format!("en={en}");
        let b = run(&["inspect", "--json", "--lang", &spec]);
        assert!(b.status.success(), "{}", stderr(&b));
        assert_eq!(a.stdout, b.stdout);
        let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
        assert_eq!(v["lang"], "en", "{v}");
        // Given twice, or not at all: a usage error naming the forms.
        let twice = run(&["inspect", en, "--lang", &spec]);
        assert_eq!(twice.status.code(), Some(2));
        assert!(stderr(&twice).contains("LANG=FILE"), "{}", stderr(&twice));
        let none = run(&["inspect"]);
        assert_eq!(none.status.code(), Some(2));
        let bad = run(&["inspect", en, "--lang", "xx"]);
        assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    }
}

mod corpus_runs {
    use super::*;
    use serde_json::Value;
    use std::process::Stdio;

    fn report(p: &Path) -> Value {
        serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
    }

    /// Document id → its figures (`pairs` and `bytes`) in a report.
    fn figures(r: &Value) -> BTreeMap<String, (Value, Value)> {
        r["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["id"].as_str().unwrap().to_string(),
                    (d["pairs"].clone(), d["bytes"].clone()),
                )
            })
            .collect()
    }

    #[test]
    fn corpus_ctrl_c_reports_what_was_done_and_a_resumed_report_covers_the_corpus() {
        let d = tempfile::tempdir().unwrap();
        let n = 400;
        udhr_corpus(&d.path().join("in"), n);
        // One thread, one document at a time: slow enough to be stopped.
        let child = Command::new(BIN)
            .current_dir(d.path())
            .env("RAYON_NUM_THREADS", "1")
            .args(["corpus", "in", "-o", "out", "--chunk", "1", "--no-learn"])
            .args(["--report", "first.json"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Ctrl-C once a few documents are recorded as done.
        let journal = d.path().join("out/.sixalign-journal");
        let started = std::time::Instant::now();
        loop {
            let lines = std::fs::read_to_string(&journal).map_or(0, |t| t.lines().count());
            if lines >= 3 {
                break;
            }
            assert!(started.elapsed().as_secs() < 60, "no document done");
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        // SAFETY: kill(2) on our own child's pid.
        assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGINT) }, 0);
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(130), "{err}");
        let first = report(&d.path().join("first.json"));
        let done = first["documents"].as_array().unwrap().len();
        assert!(done >= 3 && done < n, "{done} of {n}");
        assert!(
            err.contains(&format!(
                "interrupted: {done} of {n} done, rerun with --resume"
            )),
            "{err}"
        );
        assert_eq!(first["summary"]["interrupted"], true);
        assert_eq!(first["summary"]["corpus_documents"], n);
        assert_eq!(first["summary"]["documents"], done);
        // The report names exactly the documents whose outputs exist.
        let written = tree(&d.path().join("out"));
        assert_eq!(written.len(), done, "{:?}", written.keys());
        for id in figures(&first).keys() {
            let stem = id.replace('/', "_");
            assert!(written.contains_key(&PathBuf::from(format!("zh-en/{stem}.jsonl"))));
        }
        // Resumed: the report covers the whole corpus, the documents of
        // the first run with the figures it recorded.
        let again = run_in(
            d.path(),
            &["corpus", "in", "-o", "out", "--resume", "--no-learn", "-q"],
        );
        assert!(again.status.success(), "{}", stderr(&again));
        let resumed = run_in(
            d.path(),
            &[
                "corpus",
                "in",
                "-o",
                "out",
                "--resume",
                "--no-learn",
                "-q",
                "--report",
                "resumed.json",
            ],
        );
        assert!(resumed.status.success(), "{}", stderr(&resumed));
        let resumed = report(&d.path().join("resumed.json"));
        assert_eq!(resumed["summary"]["documents"], n);
        assert_eq!(resumed["summary"]["done"], n);
        assert_eq!(resumed["summary"]["interrupted"], false);
        // The same figures as one uninterrupted run.
        let whole = run_in(
            d.path(),
            &[
                "corpus",
                "in",
                "-o",
                "whole",
                "--no-learn",
                "-q",
                "--report",
                "whole.json",
            ],
        );
        assert!(whole.status.success(), "{}", stderr(&whole));
        let whole = report(&d.path().join("whole.json"));
        assert_eq!(figures(&resumed), figures(&whole));
        assert_eq!(resumed["summary"]["stats"], whole["summary"]["stats"]);
        assert_eq!(resumed["summary"]["bytes"], whole["summary"]["bytes"]);
        for k in figures(&first).keys() {
            assert_eq!(figures(&first)[k], figures(&whole)[k], "{k}");
        }
        assert_eq!(tree(&d.path().join("out")), tree(&d.path().join("whole")));
    }

    #[test]
    fn corpus_says_how_many_documents_taught_the_lexicon() {
        let d = tempfile::tempdir().unwrap();
        udhr_corpus(&d.path().join("in"), 3);
        for (args, n) in [(&[][..], 3), (&["--learn-lexicon", "2"][..], 2)] {
            let o = Command::new(BIN)
                .current_dir(d.path())
                .args(["corpus", "in", "-o", "out"])
                .args(args)
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", stderr(&o));
            let e = stderr(&o);
            assert!(
                e.contains("learned a zh-en lexicon of")
                    && e.contains(&format!("entries from the first {n} documents")),
                "{args:?}: {e}"
            );
        }
    }

    #[test]
    fn bench_prints_canonical_paths_and_warms_up_untimed() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("x")).unwrap();
        let o = run_in(
            d.path(),
            &[
                "bench",
                "--docs",
                "3",
                "--threads",
                "2",
                "--langs",
                "fr",
                "--dir",
                "x/../kept",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let e = stderr(&o);
        let kept = d.path().join("kept").canonicalize().unwrap();
        assert!(
            e.contains(&format!("into {}", kept.join("input").display())),
            "{e}"
        );
        assert!(!e.contains("/../") && !stdout(&o).contains("/../"), "{e}");
        assert!(stdout(&o).contains("untimed warm-up"), "{}", stdout(&o));
        // The warm-up leaves nothing of its own behind.
        let mut names: Vec<String> = std::fs::read_dir(&kept)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        // (The mark that lets a later bench regenerate the directory.)
        assert_eq!(names, [".sixalign-bench", "input", "out-1", "out-2"]);
    }
}

mod formats {
    use super::*;
    use serde_json::Value;
    use sixalign::engine::Aligner;
    use sixalign::parse::{ParseOptions, parse_path};

    fn jsonl(o: &Output) -> Vec<Value> {
        stdout(o)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn tmx_lang_gives_region_tags_in_align_and_corpus() {
        let (zh, en) = (udhr("zh"), udhr("en"));
        let (zh, en) = (zh.to_str().unwrap(), en.to_str().unwrap());
        let o = run(&[
            "align",
            zh,
            en,
            "-q",
            "-f",
            "tmx",
            "--tmx-lang",
            "zh=zh-CN",
            "--tmx-lang",
            "en=en-GB",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let t = stdout(&o);
        assert!(t.contains("srclang=\"zh-CN\""), "{}", &t[..400]);
        let tuvs = t.matches("<tuv ").count();
        assert!(tuvs > 100);
        assert_eq!(t.matches("xml:lang=\"zh-CN\"").count(), tuvs / 2);
        assert_eq!(t.matches("xml:lang=\"en-GB\"").count(), tuvs / 2);
        // Untagged: the bare codes, as before.
        let plain = stdout(&run(&["align", zh, en, "-q", "-f", "tmx"]));
        assert_eq!(plain.matches("xml:lang=\"zh\"").count(), tuvs / 2);
        assert_eq!(
            plain
                .replace("xml:lang=\"zh\"", "xml:lang=\"zh-CN\"")
                .replace("xml:lang=\"en\"", "xml:lang=\"en-GB\"")
                .replace("srclang=\"zh\"", "srclang=\"zh-CN\""),
            t,
            "only the tags differ"
        );
        // Refused: a tag of another language, a malformed one, another format.
        for bad in [
            &["-f", "tmx", "--tmx-lang", "zh=en-US"][..],
            &["-f", "tmx", "--tmx-lang", "zh=zh_CN!"][..],
            &["-f", "tmx", "--tmx-lang", "zh"][..],
            &["-f", "tsv", "--tmx-lang", "zh=zh-CN"][..],
        ] {
            let mut args = vec!["align", zh, en, "-q"];
            args.extend(bad);
            let o = run(&args);
            assert_eq!(o.status.code(), Some(2), "{bad:?}");
            assert!(
                stderr(&o).contains("--tmx-lang") || stderr(&o).contains("tag"),
                "{}",
                stderr(&o)
            );
        }
        // The corpus writes the same tags.
        let d = tempfile::tempdir().unwrap();
        udhr_corpus(&d.path().join("in"), 1);
        let c = run_in(
            d.path(),
            &[
                "corpus",
                "in",
                "-o",
                "out",
                "-q",
                "-f",
                "tmx",
                "--tmx-lang",
                "zh=zh-Hans-CN",
            ],
        );
        assert!(c.status.success(), "{}", stderr(&c));
        let t = std::fs::read_to_string(d.path().join("out/zh-en/A_RES_99_1.tmx")).unwrap();
        assert!(t.contains("srclang=\"zh-Hans-CN\""));
        assert!(t.contains("xml:lang=\"zh-Hans-CN\"") && t.contains("xml:lang=\"en\""));
    }

    #[test]
    fn strip_labels_leaves_labels_out_and_keeps_sentences_and_spans() {
        let (zh, en) = (udhr("zh"), udhr("en"));
        let (zh, en) = (zh.to_str().unwrap(), en.to_str().unwrap());
        let with = run(&["align", zh, en, "-q", "--strip-labels"]);
        assert!(with.status.success(), "{}", stderr(&with));
        let without = run(&["align", zh, en, "-q"]);
        let (a, b) = (jsonl(&with), jsonl(&without));
        assert_eq!(a.len(), b.len());
        let opens = |v: &Value, k: &str| {
            let s = v[k].as_str().unwrap();
            s.starts_with("1. ") || s.starts_with("2. ")
        };
        let labelled = b
            .iter()
            .filter(|r| opens(r, "src") || opens(r, "tgt"))
            .count();
        assert!(
            labelled >= 20,
            "the UDHR has numbered paragraphs: {labelled}"
        );
        for (x, y) in a.iter().zip(&b) {
            // The same beads, sentences and regions; only the text differs.
            for k in ["region", "src_sents", "tgt_sents", "score"] {
                assert_eq!(x[k], y[k], "{k}");
            }
            assert!(!opens(x, "src") && !opens(x, "tgt"), "{x}");
            for k in ["src", "tgt"] {
                let (sx, sy) = (x[k].as_str().unwrap(), y[k].as_str().unwrap());
                assert!(sy.ends_with(sx), "{sy:?} → {sx:?}");
            }
        }
        // The library: every span is still the sentence's bytes.
        let opts = ParseOptions::default();
        let hub = parse_path(Path::new(zh), &opts).unwrap();
        let other = parse_path(Path::new(en), &opts).unwrap();
        let mut p = Aligner::new()
            .align_all(&hub, std::slice::from_ref(&other))
            .remove(0);
        let before = p.clone();
        sixalign::output::strip_labels(&mut p, hub.text.original(), other.text.original());
        let mut stripped = 0;
        for (side, original, old) in [
            (&p.src, hub.text.original(), &before.src),
            (&p.tgt, other.text.original(), &before.tgt),
        ] {
            for (s, o) in side.iter().zip(old) {
                if s.text != o.text {
                    stripped += 1;
                    assert!(o.text.ends_with(&s.text));
                    assert!(s.span.start > o.span.start && s.span.end == o.span.end);
                }
                if original[o.span.clone()] == o.text {
                    assert_eq!(original[s.span.clone()], s.text, "{:?}", s.span);
                }
            }
        }
        assert!(stripped >= 20, "{stripped}");
        // A sentence-per-line file has no paragraphs to take labels from.
        let lines = run(&["align", "--lines", zh, en, "--strip-labels"]);
        assert_eq!(lines.status.code(), Some(2));
    }

    #[test]
    fn pipe_closes_each_document_with_a_record() {
        use std::io::Write;
        let zh = std::fs::read_to_string(udhr("zh")).unwrap();
        let en = std::fs::read_to_string(udhr("en")).unwrap();
        let input: String = ["d1", "d2"]
            .iter()
            .map(|id| serde_json::json!({"id": id, "zh": zh, "en": en}).to_string() + "\n")
            .collect::<String>()
            + "{\"id\":\"bad\"}\n";
        let mut child = Command::new(BIN)
            .args(["pipe", "--langs", "en"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let records = jsonl(&out);
        let ends: Vec<usize> = records
            .iter()
            .enumerate()
            .filter(|(_, r)| r.get("end").is_some())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(ends.len(), 2, "one closing record per document aligned");
        assert_eq!(ends[1], records.len() - 1, "the last record closes d2");
        let mut from = 0;
        for (&e, id) in ends.iter().zip(["d1", "d2"]) {
            let end = &records[e];
            assert_eq!(end["doc"], id);
            assert_eq!(end["end"], true);
            let pairs = &records[from..e];
            assert_eq!(end["pairs"], pairs.len());
            assert!(pairs.len() > 50);
            assert!(
                pairs
                    .iter()
                    .all(|p| p["doc"] == id && p.get("end").is_none())
            );
            from = e + 1;
        }
        // The document that failed has an error record and no closing one.
        assert!(stderr(&out).contains("\"id\":\"bad\""), "{}", stderr(&out));
        assert_eq!(out.status.code(), Some(1));
    }
}

//! Corpus mode: pairing by file name, report-and-skip, determinism across
//! thread counts, resume, atomic outputs, the pipe contract and job batches.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;
use sixalign::Lang;
use sixalign::corpus::{self, DocStatus, Job, RunOptions, key_from_path};
use sixalign::engine::Aligner;
use sixalign_testkit::synth::{self, SynthConfig};

const BIN: &str = env!("CARGO_BIN_EXE_sixalign");

/// Writes `n` generated documents as `LANG/A_RES_99_K.txt` under `dir`.
fn generate(dir: &Path, n: usize, langs: &[Lang]) -> Vec<String> {
    let mut all = vec![Lang::Zh];
    all.extend(langs);
    let cfg = SynthConfig {
        docs: n,
        ..SynthConfig::default()
    }
    .small_documents();
    let docs = synth::generate(&synth::Corpus::udhr_articles(&all), Lang::Zh, langs, &cfg);
    assert_eq!(docs.len(), n);
    let mut ids = Vec::new();
    for (k, d) in docs.iter().enumerate() {
        let stem = format!("A_RES_99_{}", k + 1);
        for (l, text) in &d.texts {
            let p = dir.join(l.code()).join(format!("{stem}.txt"));
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, text).unwrap();
        }
        ids.push(format!("A/RES/99/{}", k + 1));
    }
    ids
}

/// Every file under `root` with its bytes, by relative path.
fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
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

#[test]
fn pairing_by_file_name() {
    let rows: &[(&str, Option<(&str, Lang)>)] = &[
        ("A_RES_74_28_C.txt", Some(("A/RES/74/28", Lang::Zh))),
        ("A_RES_74_28_A.txt", Some(("A/RES/74/28", Lang::Ar))),
        ("A_RES_74_28_E.txt", Some(("A/RES/74/28", Lang::En))),
        ("A_RES_74_28_F.txt", Some(("A/RES/74/28", Lang::Fr))),
        ("A_RES_74_28_R.txt", Some(("A/RES/74/28", Lang::Ru))),
        ("A_RES_74_28_S.txt", Some(("A/RES/74/28", Lang::Es))),
        ("A-RES-74-28-ZH.md", Some(("A/RES/74/28", Lang::Zh))),
        ("A-RES-74-28-ru.md", Some(("A/RES/74/28", Lang::Ru))),
        ("A-RES-74-28.fr.md", Some(("A/RES/74/28", Lang::Fr))),
        ("zh/A_RES_74_28.txt", Some(("A/RES/74/28", Lang::Zh))),
        ("ar/A-RES-74-28.md", Some(("A/RES/74/28", Lang::Ar))),
        ("en/2019/a/res/74/28.txt", Some(("A/RES/74/28", Lang::En))),
        ("es/a/c.3/74/l.5.txt", Some(("A/C.3/74/L.5", Lang::Es))),
        ("A_C.3_74_L.5_R.txt", Some(("A/C.3/74/L.5", Lang::Ru))),
        // No language in the name: left to the text.
        ("A_RES_74_28.txt", None),
        ("notes.txt", None),
    ];
    for (path, want) in rows {
        let got = key_from_path(Path::new(path)).map(|k| (k.id, k.lang));
        let want = want.map(|(id, l)| (id.to_string(), l));
        assert_eq!(got, want, "{path}");
    }
}

#[test]
fn discovery_groups_every_form_and_reads_the_rest_from_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let put = |rel: &str, text: &str| {
        let p = d.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    put("A_RES_74_28_C.txt", "大会，\n\n1. 决定。\n");
    put(
        "A-RES-74-28-EN.md",
        "The General Assembly,\n\n1. Decides.\n",
    );
    put(
        "fr/A_RES_74_28.txt",
        "L'Assemblée générale,\n\n1. Décide.\n",
    );
    put(
        "ru/2019/a/res/74/28.txt",
        "Генеральная Ассамблея,\n\n1. Постановляет.\n",
    );
    // Neither language nor symbol in the name: both from the text.
    put(
        "misc/scan-0001.txt",
        "A/RES/74/28\n\nLa Asamblea General,\n\n1. Decide que la cuestión de la paz y de los derechos sea examinada.\n",
    );
    put("misc/blank.txt", "   \n");
    // A second English version of the same document is reported, not used.
    put(
        "en/A_RES_74_28.txt",
        "The General Assembly,\n\n1. Decides again.\n",
    );
    // Partial files of an interrupted run are not documents.
    put("zh/.A_RES_74_29.txt.partial", "大会，\n");

    let found = corpus::discover(d).unwrap();
    assert_eq!(found.docs.len(), 1, "{found:?}");
    let doc = &found.docs[0];
    assert_eq!(doc.id, "A/RES/74/28");
    let langs: Vec<Lang> = doc.files.keys().copied().collect();
    assert_eq!(
        langs,
        [Lang::Zh, Lang::En, Lang::Es, Lang::Fr, Lang::Ru],
        "{doc:?}"
    );
    assert_eq!(
        doc.files[&Lang::Es],
        d.join("misc/scan-0001.txt"),
        "the symbol and language found in the text"
    );
    let problems: Vec<String> = found
        .problems
        .iter()
        .map(|p| p.path.strip_prefix(d).unwrap().display().to_string())
        .collect();
    assert!(
        problems.contains(&"misc/blank.txt".to_string()),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 2, "{:?}", found.problems);
    assert!(
        found
            .problems
            .iter()
            .any(|p| p.reason.contains("second en")),
        "{:?}",
        found.problems
    );
}

#[test]
fn manifest_csv_and_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), "大会，\n").unwrap();
    std::fs::write(d.join("b.txt"), "The General Assembly,\n").unwrap();
    std::fs::write(
        d.join("m.csv"),
        "path,lang,id\na.txt,zh,\"doc, one\"\nb.txt,en,\"doc, one\"\n",
    )
    .unwrap();
    std::fs::write(
        d.join("m.jsonl"),
        "{\"id\":\"d1\",\"lang\":\"zh\",\"path\":\"a.txt\"}\n\n{\"id\":\"d1\",\"lang\":\"en\",\"path\":\"b.txt\"}\n",
    )
    .unwrap();
    let csv = corpus::discover(&d.join("m.csv")).unwrap();
    assert_eq!(csv.docs.len(), 1);
    assert_eq!(csv.docs[0].id, "doc, one");
    assert_eq!(csv.docs[0].files[&Lang::En], d.join("b.txt"));
    let jsonl = corpus::discover(&d.join("m.jsonl")).unwrap();
    assert_eq!(jsonl.docs[0].files[&Lang::Zh], d.join("a.txt"));

    std::fs::write(d.join("bad.csv"), "id,lang,path\nx,klingon,a.txt\n").unwrap();
    let err = corpus::discover(&d.join("bad.csv")).unwrap_err();
    assert_eq!(err.line(), Some(2), "{err}");
    assert!(err.to_string().contains("klingon"), "{err}");
}

#[test]
fn missing_hub_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    generate(&input, 3, &[Lang::En]);
    std::fs::remove_file(input.join("zh/A_RES_99_2.txt")).unwrap();
    let found = corpus::discover(&input).unwrap();
    let opts = RunOptions {
        langs: vec![Lang::En, Lang::Fr],
        ..RunOptions::new(dir.path().join("out"))
    };
    let mut seen = Vec::new();
    let s = corpus::run(
        &found.docs,
        &opts,
        &Aligner::new(),
        Default::default(),
        None,
        &mut |d| seen.push(d.clone()),
    )
    .unwrap();
    let ids: Vec<&str> = seen.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["A/RES/99/1", "A/RES/99/2", "A/RES/99/3"]);
    assert_eq!(seen[1].status, DocStatus::Skipped);
    assert_eq!(seen[1].reason.as_deref(), Some("no zh (hub) version"));
    assert_eq!(seen[0].status, DocStatus::Aligned);
    assert_eq!(seen[0].missing, [Lang::Fr], "fr was asked for, not found");
    assert_eq!(s.aligned, 2);
    assert_eq!(s.skipped.values().sum::<usize>(), 1);
    assert_eq!(s.missing[&Lang::Fr], 3);
    assert!(s.stats.linked_beads > 20, "{s:?}");
    assert!(dir.path().join("out/zh-en/A_RES_99_1.jsonl").is_file());
    assert!(!dir.path().join("out/zh-en/A_RES_99_2.jsonl").exists());

    // The command says so in its exit code and its report.
    let report = dir.path().join("r.json");
    let st = Command::new(BIN)
        .args(["corpus", "--quiet", "--langs", "en", "--report"])
        .arg(&report)
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("out2"))
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(1), "{st:?}");
    let r: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(r["documents"][1]["status"], "skipped");
    assert_eq!(r["summary"]["aligned"], 2);
    assert!(String::from_utf8_lossy(&st.stderr).contains("A/RES/99/2: no zh (hub) version"));
}

#[test]
fn one_and_two_threads_give_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    generate(&input, 8, &[Lang::En, Lang::Fr, Lang::Ar]);
    for format in ["jsonl", "tmx", "moses"] {
        let mut trees = Vec::new();
        for threads in ["1", "2"] {
            let out = dir.path().join(format!("out-{format}-{threads}"));
            let st = Command::new(BIN)
                .env("RAYON_NUM_THREADS", threads)
                .args(["corpus", "--quiet", "--langs", "en,fr,ar", "--chunk", "3"])
                .args(["--format", format])
                .arg(&input)
                .arg("-o")
                .arg(&out)
                .output()
                .unwrap();
            assert!(st.status.success(), "{st:?}");
            trees.push(tree(&out));
        }
        let per_doc = if format == "moses" { 2 } else { 1 };
        // The outputs, and the run's journal (the same bytes too).
        assert_eq!(trees[0].len(), 8 * 3 * per_doc + 1, "{format}");
        assert!(trees[0].contains_key(Path::new(".sixalign-journal")));
        assert!(trees[0].values().all(|b| !b.is_empty()));
        assert!(
            trees[0] == trees[1],
            "{format} outputs differ between 1 and 2 threads"
        );
    }
}

#[test]
fn resume_skips_completed_documents_only() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    generate(&input, 4, &[Lang::En]);
    let out = dir.path().join("out");
    let run = |resume: bool| {
        let report = dir.path().join("r.json");
        let mut cmd = Command::new(BIN);
        cmd.args(["corpus", "--quiet", "--langs", "en", "--report"])
            .arg(&report)
            .arg(&input)
            .arg("-o")
            .arg(&out);
        if resume {
            cmd.arg("--resume");
        }
        let st = cmd.output().unwrap();
        assert!(st.status.success(), "{st:?}");
        let r: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
        r["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["status"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(false), ["aligned"; 4]);
    let first = tree(&out);
    // Document 2 lost its output; document 3 has only a partial file left
    // by an interrupted run, which must not count as done.
    std::fs::remove_file(out.join("zh-en/A_RES_99_2.jsonl")).unwrap();
    std::fs::rename(
        out.join("zh-en/A_RES_99_3.jsonl"),
        out.join("zh-en/.A_RES_99_3.jsonl.partial"),
    )
    .unwrap();
    // Document 4's output is tampered with: resume trusts complete files.
    std::fs::write(out.join("zh-en/A_RES_99_4.jsonl"), "kept\n").unwrap();
    assert_eq!(run(true), ["done", "aligned", "aligned", "done"]);
    let second = tree(&out);
    assert_eq!(second[Path::new("zh-en/A_RES_99_4.jsonl")], b"kept\n");
    for k in 1..=3 {
        let p = PathBuf::from(format!("zh-en/A_RES_99_{k}.jsonl"));
        assert_eq!(first[&p], second[&p], "{}", p.display());
    }
    assert!(
        !second
            .keys()
            .any(|p| p.to_string_lossy().contains("partial")),
        "{:?}",
        second.keys()
    );
}

#[test]
fn a_failed_write_leaves_no_file_that_looks_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    generate(&input, 2, &[Lang::En, Lang::Fr]);
    let out = dir.path().join("out");
    // A directory where the zh-en output of document 1 should go makes its
    // rename fail after everything was written.
    std::fs::create_dir_all(out.join("zh-en/A_RES_99_1.jsonl")).unwrap();
    let found = corpus::discover(&input).unwrap();
    let opts = RunOptions {
        langs: vec![Lang::En, Lang::Fr],
        ..RunOptions::new(&out)
    };
    let mut seen = Vec::new();
    corpus::run(
        &found.docs,
        &opts,
        &Aligner::new(),
        Default::default(),
        None,
        &mut |d| seen.push(d.clone()),
    )
    .unwrap();
    assert_eq!(seen[0].status, DocStatus::Skipped);
    assert_eq!(seen[0].reason.as_deref(), Some("write failed"));
    assert!(!seen[0].errors.is_empty());
    assert_eq!(seen[1].status, DocStatus::Aligned, "the batch went on");
    let files = tree(&out);
    let names: Vec<String> = files.keys().map(|p| p.display().to_string()).collect();
    assert_eq!(
        names,
        [
            ".sixalign-journal",
            "zh-en/A_RES_99_2.jsonl",
            "zh-fr/A_RES_99_2.jsonl"
        ],
        "no partial file and no fr output for the failed document"
    );
}

fn pipe_line(id: &str, zh: &str, en: &str) -> String {
    serde_json::json!({"id": id, "zh": zh, "en": en}).to_string()
}

#[test]
fn pipe_contract() {
    let zh = "大会，\n\n回顾其第73/1号决议，\n\n1. 促请所有会员国支持该方案。\n\n2. 决定在第七十五届会议上继续审议这个问题。";
    let en = "The General Assembly,\n\nRecalling its resolution 73/1,\n\n1. Urges all Member States to support the programme.\n\n2. Decides to continue its consideration of the question at its seventy-fifth session.";
    let input = [
        pipe_line("doc-1", zh, en),
        "this is not json".to_string(),
        serde_json::json!({"id": "doc-x", "en": en}).to_string(),
        String::new(),
        pipe_line("doc-2", zh, en),
    ]
    .join("\n");
    let mut child = Command::new(BIN)
        .args(["pipe", "--langs", "en"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "errors make the exit code 1");

    let records: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let docs: Vec<&str> = records.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    let first_2 = docs.iter().position(|d| *d == "doc-2").unwrap();
    assert!(first_2 > 0);
    assert!(docs[..first_2].iter().all(|d| *d == "doc-1"));
    assert!(docs[first_2..].iter().all(|d| *d == "doc-2"));
    assert_eq!(records.len(), 2 * first_2, "same document, same records");
    let urges = records
        .iter()
        .find(|r| r["tgt"].as_str().unwrap().starts_with("Urges"))
        .expect("operative paragraph 1 aligned");
    assert_eq!(urges["src"], "促请所有会员国支持该方案。");
    assert_eq!(urges["src_lang"], "zh");
    assert_eq!(urges["tgt_lang"], "en");

    let errors: Vec<Value> = String::from_utf8(out.stderr)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("error records are JSON"))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0]["line"], 2);
    assert!(errors[0]["error"].as_str().unwrap().contains("not JSON"));
    assert_eq!(errors[1]["line"], 3);
    assert_eq!(errors[1]["id"], "doc-x");
    assert_eq!(errors[1]["lang"], "zh");
}

#[test]
fn pipe_flushes_each_document_before_reading_the_next() {
    let zh = "大会，\n\n1. 促请所有会员国支持该方案。";
    let en = "The General Assembly,\n\n1. Urges all Member States to support the programme.";
    let mut child = Command::new(BIN)
        .args(["pipe", "--langs", "en"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    writeln!(stdin, "{}", pipe_line("d1", zh, en)).unwrap();
    stdin.flush().unwrap();
    // With stdin still open, the first document's records must arrive.
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
    let r: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(r["doc"], "d1");
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn job_batch_reports_a_bad_pair_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let zh = synth::Corpus::udhr_articles(&[Lang::Zh, Lang::En]);
    std::fs::write(d.join("a.zh"), zh.lines[&Lang::Zh][..40].join("\n")).unwrap();
    std::fs::write(d.join("a.en"), zh.lines[&Lang::En][..40].join("\n")).unwrap();
    std::fs::write(d.join("b.zh"), zh.lines[&Lang::Zh][40..].join("\n")).unwrap();
    std::fs::write(d.join("b.en"), zh.lines[&Lang::En][40..].join("\n")).unwrap();
    let p = |n: &str| d.join(n).display().to_string();
    std::fs::write(
        d.join("jobs.tsv"),
        format!(
            "{}\t{}\t{}\n# a comment\n{}\t{}\t{}\n{}\t{}\t{}\n",
            p("a.zh"),
            p("a.en"),
            p("a.beads"),
            p("missing.zh"),
            p("a.en"),
            p("bad.beads"),
            p("b.zh"),
            p("b.en"),
            p("b.beads"),
        ),
    )
    .unwrap();
    let jobs: Vec<Job> = corpus::read_jobfile(&d.join("jobs.tsv")).unwrap();
    assert_eq!(jobs.len(), 3);
    assert_eq!(jobs[2].line, 4);
    let res = corpus::run_batch(&jobs, None, None, &Aligner::new());
    assert!(res[0].error.is_none() && res[2].error.is_none(), "{res:?}");
    assert!(res[1].error.as_deref().unwrap().contains("missing.zh"));
    assert!(!d.join("bad.beads").exists());
    assert!(!d.join(".bad.beads.partial").exists());
    let beads = sixalign::output::parse_beads(&std::fs::read_to_string(d.join("a.beads")).unwrap())
        .unwrap();
    assert_eq!(beads.len(), res[0].beads);
    // The UDHR articles are 1-1 line for line.
    let one_one = beads
        .iter()
        .filter(|b| b.src.len() == 1 && b.tgt.len() == 1)
        .count();
    assert!(one_one >= 36, "{beads:?}");
    assert_eq!(beads.last().unwrap().src.end, 40);

    std::fs::write(d.join("short.tsv"), "a\tb\n").unwrap();
    let err = corpus::read_jobfile(&d.join("short.tsv")).unwrap_err();
    assert_eq!(err.line(), Some(1));
}

#[test]
fn a_learned_lexicon_from_a_first_pass_is_used_and_stays_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    generate(&input, 6, &[Lang::En, Lang::Ru]);
    let mut trees = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.path().join(format!("out-{threads}"));
        let st = Command::new(BIN)
            .env("RAYON_NUM_THREADS", threads)
            .args(["corpus", "--langs", "en,ru", "--learn-lexicon", "6"])
            .arg("--save-lexicon")
            .arg(dir.path().join(format!("lex-{threads}.tsv")))
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert!(st.status.success(), "{st:?}");
        let err = String::from_utf8_lossy(&st.stderr);
        for pair in ["zh-en lexicon", "zh-ru lexicon"] {
            assert!(err.contains(pair), "no {pair} learned: {err}");
        }
        trees.push(tree(&out));
    }
    assert_eq!(trees[0].len(), 6 * 2 + 1, "the outputs and the journal");
    assert!(
        trees[0] == trees[1],
        "outputs differ between 1 and 2 threads"
    );
    // What was learned, saved: the same bytes, both pairs.
    let lex = |t: &str| std::fs::read_to_string(dir.path().join(format!("lex-{t}.tsv"))).unwrap();
    let one = lex("1");
    assert_eq!(one, lex("2"));
    for header in [
        "# sixalign lexicon zh-en learned",
        "# sixalign lexicon zh-ru learned",
    ] {
        assert!(one.contains(header), "{header} missing");
    }
}

#[test]
fn job_batch_reads_through_the_one_reader() {
    // A UTF-8 byte-order mark is not part of the first sentence, UTF-16 with
    // its mark is decoded, and a file with NUL bytes is refused naming it:
    // as `align --lines` and every other command read them.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let zh = "大会于2019年通过第74/28号决议。\n会议有193个会员国参加。\n";
    let en =
        "The Assembly adopted resolution 74/28 in 2019.\nIt was attended by 193 Member States.\n";
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(zh.as_bytes());
    std::fs::write(d.join("bom.zh"), &bom).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in en.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(d.join("utf16.en"), &utf16).unwrap();
    std::fs::write(d.join("nul.en"), format!("{en}\0\0\0")).unwrap();
    let job = |src: &str, tgt: &str, out: &str| Job {
        src: d.join(src),
        tgt: d.join(tgt),
        out: d.join(out),
        line: 0,
    };
    let jobs = [
        job("bom.zh", "utf16.en", "a.beads"),
        job("bom.zh", "nul.en", "b.beads"),
    ];
    let res = corpus::run_batch(&jobs, None, None, &Aligner::new());
    assert!(res[0].error.is_none(), "{res:?}");
    assert_eq!((res[0].src_sentences, res[0].tgt_sentences), (2, 2));
    let beads = sixalign::output::parse_beads(&std::fs::read_to_string(d.join("a.beads")).unwrap())
        .unwrap();
    assert_eq!(beads.len(), 2, "{beads:?}");
    let err = res[1]
        .error
        .as_deref()
        .expect("a NUL-bearing file is refused");
    assert!(err.contains("nul.en"), "{err}");
    assert!(!d.join("b.beads").exists());
    // The same reader: the first sentence has no byte-order mark.
    let read = sixalign::engine::LineFile::read(&d.join("bom.zh"), None).unwrap();
    assert_eq!(read.lang, Lang::Zh);
    assert_eq!(read.lines()[0], "大会于2019年通过第74/28号决议。");
}

#[test]
fn bench_reports_both_runs_and_identical_outputs() {
    // The corpus benchmark (testkit/src/bench.rs), as `sixalign bench` prints it.
    let dir = tempfile::tempdir().unwrap();
    let keep = dir.path().join("bench");
    let r = Command::new(BIN)
        .args([
            "bench",
            "--docs",
            "3",
            "--threads",
            "2",
            "--langs",
            "fr",
            "--dir",
        ])
        .arg(&keep)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let out = String::from_utf8_lossy(&r.stdout);
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with(['1', '2']))
        .collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(out.contains("3 documents"), "{out}");
    // The learning pass `sixalign corpus` runs by default is timed and counted.
    assert!(
        out.contains("learn s") && out.contains("learning pass"),
        "{out}"
    );
    assert!(out.contains("identical: yes"), "{out}");
    assert!(keep.join("input/fr").is_dir(), "--dir keeps the corpus");
}

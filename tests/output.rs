//! The output formats through the command line: TMX is XML that round-trips
//! the text, Moses files stay line-parallel, JSONL and TSV hold the same
//! pairs, bead files cover every sentence, and a failed run leaves no file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::Value;

fn sixalign(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sixalign"))
        .current_dir(crate::ROOT)
        .args(args)
        .output()
        .expect("sixalign runs")
}

fn align_to(dir: &Path, format: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join(format!("udhr.{format}"));
    let mut args = vec![
        "align",
        "data/udhr/zh.txt",
        "data/udhr/en.txt",
        "-q",
        "-f",
        format,
        "-o",
    ];
    let o = out.to_str().unwrap().to_string();
    args.push(&o);
    args.extend_from_slice(extra);
    let r = sixalign(&args);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    out
}

/// (zh, en) text of every pair, from the JSONL output.
fn jsonl_pairs(dir: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(align_to(dir, "jsonl", &[])).unwrap();
    text.lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("each line is JSON");
            assert_eq!(v["src_lang"], "zh");
            assert_eq!(v["tgt_lang"], "en");
            (
                v["src"].as_str().unwrap().to_string(),
                v["tgt"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A TMX file's `srclang` and its segments as (`xml:lang`, text), in order.
pub(crate) fn tmx_segments(xml: &str) -> (Option<String>, Vec<(String, String)>) {
    let mut reader = Reader::from_str(xml);
    let (mut srclang, mut lang, mut in_seg) = (None, None, false);
    let mut segs: Vec<(String, String)> = Vec::new();
    let mut text = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Empty(e) | Event::Start(e) if e.name().as_ref() == "header" => {
                let a = e.try_get_attribute("srclang").unwrap().expect("srclang");
                srclang = Some(
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned(),
                );
            }
            Event::Start(e) if e.name().as_ref() == "tuv" => {
                let a = e.try_get_attribute("xml:lang").unwrap().expect("xml:lang");
                lang = Some(
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned(),
                );
            }
            Event::Start(e) if e.name().as_ref() == "seg" => {
                in_seg = true;
                text.clear();
            }
            Event::Text(t) if in_seg => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_seg => {
                let name = (*r).to_string();
                assert!(!r.is_char_ref(), "no character references expected");
                text.push_str(match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Event::Empty(e) if e.name().as_ref() == "seg" => {
                let l = lang.take().expect("seg inside tuv");
                segs.push((l, String::new()));
            }
            Event::End(e) if e.name().as_ref() == "seg" => {
                in_seg = false;
                let l = lang.take().expect("seg inside tuv");
                segs.push((l, std::mem::take(&mut text)));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (srclang, segs)
}

#[test]
fn tmx_is_xml_and_round_trips_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let want = jsonl_pairs(dir.path());
    let xml = std::fs::read_to_string(align_to(dir.path(), "tmx", &[])).unwrap();
    let (srclang, segs) = tmx_segments(&xml);
    assert_eq!(srclang.as_deref(), Some("zh"));
    let got: Vec<(String, String)> = segs
        .chunks(2)
        .map(|c| {
            assert_eq!((c[0].0.as_str(), c[1].0.as_str()), ("zh", "en"));
            (c[0].1.clone(), c[1].1.clone())
        })
        .collect();
    // Pairs with an empty side have an empty seg; the texts are exactly JSONL's.
    assert_eq!(got, want);
}

#[test]
fn moses_files_are_line_parallel_and_match_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let want = jsonl_pairs(dir.path());
    let prefix = align_to(dir.path(), "moses", &[]);
    let zh = std::fs::read_to_string(format!("{}.zh", prefix.display())).unwrap();
    let en = std::fs::read_to_string(format!("{}.en", prefix.display())).unwrap();
    assert_eq!(zh.lines().count(), en.lines().count());
    assert_eq!(zh.lines().count(), want.len());
    let first = want
        .iter()
        .position(|(z, e)| !z.is_empty() && !e.is_empty())
        .unwrap();
    assert_eq!(zh.lines().nth(first).unwrap(), want[first].0);
    assert_eq!(en.lines().nth(first).unwrap(), want[first].1);
}

#[test]
fn tsv_has_a_header_and_one_row_per_pair() {
    let dir = tempfile::tempdir().unwrap();
    let want = jsonl_pairs(dir.path());
    let tsv = std::fs::read_to_string(align_to(dir.path(), "tsv", &[])).unwrap();
    let mut lines = tsv.lines();
    assert_eq!(lines.next(), Some("doc\tregion\tzh\ten\tscore"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), want.len());
    assert!(rows.iter().all(|r| r.len() == 5));
    assert!(rows.iter().any(|r| r[1] == "art1"));
}

#[test]
fn six_way_jsonl_has_every_language_in_each_row() {
    let r = sixalign(&[
        "align",
        "data/udhr/zh.txt",
        "data/udhr/ar.txt",
        "data/udhr/en.txt",
        "data/udhr/es.txt",
        "data/udhr/fr.txt",
        "data/udhr/ru.txt",
        "--six-way",
        "-q",
    ]);
    assert!(r.status.success());
    let text = String::from_utf8(r.stdout).unwrap();
    let rows: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(rows.len() > 60, "{} rows", rows.len());
    for row in &rows {
        for lang in ["zh", "ar", "en", "es", "fr", "ru"] {
            assert!(row.get(lang).is_some(), "row without {lang}: {row}");
        }
    }
    // The hub's text, in order, is the whole Chinese declaration once.
    let zh: String = rows.iter().map(|r| r["zh"].as_str().unwrap()).collect();
    assert!(zh.starts_with("世界人权宣言"));
    assert!(zh.contains("人人生而自由"));
}

#[test]
fn a_failed_run_leaves_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"\x00\x01\x02binary\x00").unwrap();
    let r = sixalign(&[
        "align",
        "data/udhr/zh.txt",
        bad.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("bad.txt"), "the error names the file: {err}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "only the input is there"
    );

    let nowhere = dir.path().join("no/such/dir/out.jsonl");
    let r = sixalign(&[
        "align",
        "data/udhr/zh.txt",
        "data/udhr/en.txt",
        "-o",
        nowhere.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("out.jsonl"));
}

#[test]
fn lines_mode_writes_beads_covering_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src.zh");
    let tgt = dir.path().join("tgt.en");
    std::fs::write(
        &src,
        "大会于2019年通过第74/28号决议。\n会议有193个会员国参加。\n秘书长提交了报告。\n",
    )
    .unwrap();
    std::fs::write(
        &tgt,
        "The Assembly adopted resolution 74/28 in 2019.\nIt was attended by 193 Member States.\nThe meeting was long.\nThe Secretary-General submitted a report.\n",
    )
    .unwrap();
    let r = sixalign(&[
        "align",
        "--lines",
        src.to_str().unwrap(),
        tgt.to_str().unwrap(),
        "-f",
        "beads",
        "-q",
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let beads = sixalign::output::parse_beads(&String::from_utf8(r.stdout).unwrap()).unwrap();
    let (mut i, mut j) = (0, 0);
    for b in &beads {
        assert_eq!((b.src.start, b.tgt.start), (i, j));
        i = b.src.end;
        j = b.tgt.end;
    }
    assert_eq!((i, j), (3, 4));
    assert_eq!((beads[0].src.clone(), beads[0].tgt.clone()), (0..1, 0..1));
}

#[test]
fn eval_scores_a_bead_file_against_itself_and_a_worse_one() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold");
    let test = dir.path().join("test");
    std::fs::write(&gold, "[0]:[0]\n[1]:[1]\n[2]:[2, 3]\n").unwrap();
    std::fs::write(&test, "[0]:[0]\n[1, 2]:[1, 2, 3]\n").unwrap();
    let r = sixalign(&[
        "eval",
        gold.to_str().unwrap(),
        test.to_str().unwrap(),
        "--json",
    ]);
    assert!(r.status.success());
    let v: Value = serde_json::from_slice(&r.stdout).unwrap();
    // Strict: one of two test beads is in gold, one of three gold beads is found.
    assert_eq!(v["strict"]["precision"], 0.5);
    assert!((v["strict"]["recall"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(v["lax"]["precision"], 1.0);
    assert_eq!(v["lax"]["recall"], 1.0);
}

#[test]
fn lines_batch_aligns_each_job_and_reports_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("a.zh"),
        "大会于2019年通过第74/28号决议。\n会议有193个会员国参加。\n",
    )
    .unwrap();
    std::fs::write(
        d.join("a.en"),
        "The Assembly adopted resolution 74/28 in 2019.\nIt was attended by 193 Member States.\n",
    )
    .unwrap();
    let jobs = format!(
        "{0}/a.zh\t{0}/a.en\t{0}/a.beads\n{0}/missing.zh\t{0}/a.en\t{0}/b.beads\n",
        d.display()
    );
    std::fs::write(d.join("jobs.tsv"), jobs).unwrap();
    let r = sixalign(&[
        "align",
        "--lines",
        "--batch",
        d.join("jobs.tsv").to_str().unwrap(),
    ]);
    assert_eq!(
        r.status.code(),
        Some(1),
        "a failed job makes the exit code 1"
    );
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("missing.zh") && err.contains("1 of 2 jobs"),
        "{err}"
    );
    let beads = std::fs::read_to_string(d.join("a.beads")).unwrap();
    let parsed = sixalign::output::parse_beads(&beads).unwrap();
    assert_eq!(parsed.len(), 2);
    assert_eq!((parsed[1].src.clone(), parsed[1].tgt.clone()), (1..2, 1..2));
    assert!(!d.join("b.beads").exists());
}

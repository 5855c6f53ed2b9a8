//! TMX output is valid against the TMX 1.4b DTD (LISA's `tmx14.dtd`, in
//! `tests/fixtures` with its source), checked by a real validator:
//! `xmllint --dtdvalid` from Debian's `libxml2-utils`, which `.ci/test`
//! installs. Without xmllint these tests fail; they never skip.

use std::path::{Path, PathBuf};
use std::process::Command;

const DTD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/tmx14.dtd");

fn sixalign(args: &[&str]) {
    let r = Command::new(env!("CARGO_BIN_EXE_sixalign"))
        .current_dir(crate::ROOT)
        .args(args)
        .output()
        .expect("sixalign runs");
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
}

/// Runs xmllint against the DTD: `Ok` when valid, else its messages.
fn validate(tmx: &Path) -> Result<(), String> {
    let r = Command::new("xmllint")
        .args(["--noout", "--dtdvalid", DTD])
        .arg(tmx)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "xmllint is needed to validate TMX ({e}); install Debian's libxml2-utils (bash .ci/test does)"
            )
        });
    if r.status.success() {
        Ok(())
    } else {
        Err(format!(
            "exit {:?}: {}",
            r.status.code(),
            String::from_utf8_lossy(&r.stderr)
        ))
    }
}

fn tus(tmx: &Path) -> usize {
    std::fs::read_to_string(tmx)
        .unwrap()
        .matches("<tu>")
        .count()
}

fn out(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

#[test]
fn pairs_are_valid_tmx_1_4b() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = out(dir.path(), "pairs.tmx");
    let o = tmx.to_str().unwrap();
    sixalign(&[
        "align",
        "data/udhr/zh.txt",
        "data/udhr/en.txt",
        "data/udhr/fr.txt",
        "-q",
        "-f",
        "tmx",
        "-o",
        o,
    ]);
    assert!(tus(&tmx) > 100, "expected the UDHR's pairs");
    validate(&tmx).unwrap();
}

#[test]
fn six_way_rows_are_valid_tmx_1_4b() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = out(dir.path(), "six.tmx");
    let o = tmx.to_str().unwrap();
    sixalign(&[
        "align",
        "data/udhr/zh.txt",
        "data/udhr/ar.txt",
        "data/udhr/en.txt",
        "data/udhr/es.txt",
        "data/udhr/fr.txt",
        "data/udhr/ru.txt",
        "--six-way",
        "-q",
        "-f",
        "tmx",
        "-o",
        o,
    ]);
    let xml = std::fs::read_to_string(&tmx).unwrap();
    assert!(xml.contains("xml:lang=\"ar\"") && xml.contains("xml:lang=\"ru\""));
    assert!(tus(&tmx) > 50);
    validate(&tmx).unwrap();
}

#[test]
fn awkward_text_stays_valid_tmx() {
    // Markup characters, quotes, carriage returns and control characters
    // from PDF conversions, through the sentence-per-line path.
    let dir = tempfile::tempdir().unwrap();
    let src = out(dir.path(), "src.txt");
    let tgt = out(dir.path(), "tgt.txt");
    std::fs::write(
        &src,
        "大会注意到<第 1 条>和“A & B”。\r\n报告\u{0C}第二页\u{01}。\n第三句\u{0B}结束。\n",
    )
    .unwrap();
    std::fs::write(
        &tgt,
        "The Assembly notes <article 1> and \"A & B\" 'quoted'.\r\nReport\u{0C}page two\u{01}.\nThird\u{0B}sentence ends.\n",
    )
    .unwrap();
    let tmx = out(dir.path(), "awkward.tmx");
    sixalign(&[
        "align",
        "--lines",
        src.to_str().unwrap(),
        tgt.to_str().unwrap(),
        "--src-lang",
        "zh",
        "--tgt-lang",
        "en",
        "-q",
        "-f",
        "tmx",
        "-o",
        tmx.to_str().unwrap(),
    ]);
    assert_eq!(tus(&tmx), 3);
    validate(&tmx).unwrap();

    // The header names the source side of the pairs, here not Chinese.
    let fr = out(dir.path(), "fr.txt");
    std::fs::write(&fr, "Première phrase.\nDeuxième phrase.\n").unwrap();
    std::fs::write(&tgt, "First sentence.\nSecond sentence.\n").unwrap();
    let tmx = out(dir.path(), "en-fr.tmx");
    sixalign(&[
        "align",
        "--lines",
        tgt.to_str().unwrap(),
        fr.to_str().unwrap(),
        "--src-lang",
        "en",
        "--tgt-lang",
        "fr",
        "-q",
        "-f",
        "tmx",
        "-o",
        tmx.to_str().unwrap(),
    ]);
    let xml = std::fs::read_to_string(&tmx).unwrap();
    assert!(xml.contains(" srclang=\"en\" "), "{xml}");
    validate(&tmx).unwrap();
}

#[test]
fn the_validator_rejects_what_the_dtd_forbids() {
    // The check is real: the same output without a required header
    // attribute, or with an element the DTD does not know, fails.
    let dir = tempfile::tempdir().unwrap();
    let tmx = out(dir.path(), "good.tmx");
    sixalign(&[
        "align",
        "data/udhr/zh.txt",
        "data/udhr/en.txt",
        "-q",
        "-f",
        "tmx",
        "-o",
        tmx.to_str().unwrap(),
    ]);
    let xml = std::fs::read_to_string(&tmx).unwrap();
    validate(&tmx).unwrap();
    for (name, bad) in [
        ("no-srclang.tmx", xml.replacen(" srclang=\"zh\"", "", 1)),
        (
            "extra-element.tmx",
            xml.replacen("<tu>", "<tu><score>1</score>", 1),
        ),
    ] {
        assert_ne!(bad, xml);
        let p = out(dir.path(), name);
        std::fs::write(&p, bad).unwrap();
        let err = validate(&p).expect_err(name);
        assert!(err.contains("validity error"), "{name}: {err}");
    }
}

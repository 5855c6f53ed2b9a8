//! Chinese as people have it (issue 22): the UDHR in Traditional Chinese
//! (the OHCHR text, `../shared/data/udhr/extra/zh-hant.txt`, with its gold
//! `.tsv`) as the hub against the five other UDHR versions.
//!
//! Every sentence is traced back to its gold block by its text (the `.tsv`
//! ids `artN.K` / `artN.pK`), so the measure does not depend on how the
//! parser labelled anything: an article is linked when some bead links a
//! sentence of article N on the hub side to a sentence of article N on the
//! other side; a linking bead is misplaced when its two sides come from
//! different articles.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use sixalign::engine::{Aligner, PairAlignment};
use sixalign::load::Text;
use sixalign::parse::{ParseOptions, parse};
use sixalign::{Document, Lang};

const OTHERS: [Lang; 5] = [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru];

fn shared(rel: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel);
    assert!(
        p.exists(),
        "shared test data missing: {} (these tests need ../shared/data beside the project)",
        p.display()
    );
    p
}

fn read(rel: &str) -> String {
    let p = shared(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn doc(name: &str, text: &str, lang: Option<Lang>) -> Document {
    let t = Text::from_bytes(name, text.as_bytes()).expect("load");
    parse(&t, &ParseOptions { lang, symbol: None }).expect("parse")
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}' | '\u{640}'))
        .collect()
}

/// The gold `.tsv`: (id, text) per line.
fn gold(rel: &str) -> Vec<(String, String)> {
    read(rel)
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The article (`art12`) or part (`preamble`, `title`) each sentence comes
/// from, traced by its text through the gold blocks in order; `None` for a
/// sentence without letters (a label alone) or not found.
fn articles_of(gold: &[(String, String)], sents: &[&str]) -> Vec<Option<String>> {
    let mut all = String::new();
    let mut ends: Vec<(usize, String)> = Vec::new();
    for (id, t) in gold {
        all.push_str(&squash(t));
        let art = id.split('.').next().unwrap_or(id).to_string();
        ends.push((all.len(), art));
    }
    let at = |pos: usize| {
        let k = ends.partition_point(|(e, _)| *e <= pos);
        ends.get(k).map(|(_, b)| b.clone())
    };
    let mut cursor = 0;
    sents
        .iter()
        .map(|s| {
            let sq = squash(s);
            if !sq.chars().any(char::is_alphabetic) {
                return None;
            }
            for (k, _) in sq.char_indices().take(8) {
                let probe = &sq[k..];
                if let Some(p) = all[cursor..].find(probe) {
                    let pos = cursor + p;
                    cursor = pos + probe.len();
                    return at(pos + probe.len() / 2);
                }
            }
            None
        })
        .collect()
}

/// Articles linked (of 30: some bead links the article to itself and no
/// bead links any of its sentences across articles), linking beads, and
/// the misplaced ones.
fn measure(
    hub: &[(String, String)],
    other: &[(String, String)],
    pa: &PairAlignment,
) -> (usize, usize, Vec<String>) {
    let s: Vec<&str> = pa.src.iter().map(|x| x.text.as_str()).collect();
    let t: Vec<&str> = pa.tgt.iter().map(|x| x.text.as_str()).collect();
    let (sa, ta) = (articles_of(hub, &s), articles_of(other, &t));
    let mut linked = BTreeSet::new();
    let mut links = 0;
    let mut misplaced = Vec::new();
    // Articles with a sentence in a bead that crosses articles.
    let mut bad = BTreeSet::new();
    for b in pa.beads() {
        if b.src.is_empty() || b.tgt.is_empty() {
            continue;
        }
        let set = |r: std::ops::Range<usize>, m: &[Option<String>]| -> BTreeSet<String> {
            r.filter_map(|i| m[i].clone()).collect()
        };
        let (a, c) = (set(b.src.clone(), &sa), set(b.tgt.clone(), &ta));
        if a.is_empty() || c.is_empty() {
            continue;
        }
        links += 1;
        if a == c {
            linked.extend(a.iter().filter(|x| x.starts_with("art")).cloned());
        } else {
            bad.extend(a.iter().chain(&c).cloned());
            misplaced.push(format!(
                "{a:?} {} <-> {c:?} {}",
                b.src
                    .clone()
                    .map(|i| s[i].chars().take(20).collect::<String>())
                    .collect::<Vec<_>>()
                    .join("|"),
                b.tgt
                    .clone()
                    .map(|i| t[i].chars().take(30).collect::<String>())
                    .collect::<Vec<_>>()
                    .join("|")
            ));
        }
    }
    (linked.difference(&bad).count(), links, misplaced)
}

/// The goal: the Traditional-Chinese hub links 30/30 articles in
/// all five pairs, every linking bead inside its own article.
#[test]
fn udhr_traditional_hub_links_every_article_in_every_pair() {
    let text = read("udhr/extra/zh-hant.txt");
    let hub_gold = gold("udhr/extra/zh-hant.tsv");
    // The language is told from the text, as a user running it would.
    let hub = doc("zh-hant.txt", &text, None);
    assert_eq!(hub.lang, Lang::Zh, "Traditional Chinese is Chinese");
    let arts = hub
        .blocks
        .iter()
        .filter(|b| b.kind == sixalign::BlockKind::Article)
        .count();
    let aligner = Aligner::new();
    let mut failures = Vec::new();
    println!("zh-hant: {arts} article headings read");
    if arts != 30 {
        failures.push(format!("{arts} of 30 第N條 headings read as articles"));
    }
    for l in OTHERS {
        let other = doc(
            &format!("{l}.txt"),
            &read(&format!("udhr/{}.txt", l.code())),
            Some(l),
        );
        let pa = aligner.align_pair(&hub, &other);
        let other_gold = gold(&format!("udhr/{}.tsv", l.code()));
        let (linked, links, misplaced) = measure(&hub_gold, &other_gold, &pa);
        let anchored = pa
            .regions
            .iter()
            .filter(|r| r.region.kind == sixalign::anchor::RegionKind::Anchored)
            .count();
        println!(
            "zh-hant-{l}: articles linked {linked}/30, anchored regions {anchored}, linking beads {links}, misplaced {}",
            misplaced.len()
        );
        for m in &misplaced {
            println!("    {m}");
        }
        if linked != 30 || !misplaced.is_empty() {
            failures.push(format!(
                "zh-hant-{l}: {linked}/30 articles linked, {} of {links} beads misplaced",
                misplaced.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `inspect` says which script a Chinese version is in: the OHCHR UDHR in
/// Traditional characters is `zh-Hant`, the UN's in Simplified `zh-Hans`;
/// other languages have none.
#[test]
fn inspect_names_the_chinese_script() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_sixalign"))
            .arg("inspect")
            .args(args)
            .output()
            .expect("run sixalign inspect");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let hant = shared("udhr/extra/zh-hant.txt");
    let hans = shared("udhr/zh.txt");
    let en = shared("udhr/en.txt");
    let first = |s: String| s.lines().next().unwrap_or_default().to_string();
    assert!(first(run(&[hant.to_str().unwrap()])).contains("lang zh-Hant"));
    assert!(first(run(&[hans.to_str().unwrap()])).contains("lang zh-Hans"));
    let json = |p: &Path| -> serde_json::Value {
        serde_json::from_str(&run(&["--json", p.to_str().unwrap()])).expect("JSON")
    };
    assert_eq!(json(&hant)["script"], "Hant");
    assert_eq!(json(&hans)["script"], "Hans");
    assert!(json(&en)["script"].is_null());
    assert!(first(run(&[en.to_str().unwrap()])).contains("lang en "));
}

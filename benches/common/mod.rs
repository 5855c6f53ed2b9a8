//! Shared inputs of the benches, and what each bench's output must be.
//!
//! The inputs are built from the UDHR in `data/udhr` (always in the
//! repository): the parsed declaration, numbered sentence lines, and
//! synthetic resolutions. Each input comes with its expected output, known
//! from how the input is built and not from a run of the aligner (as
//! aho-corasick's benchmarks state their expected counts), so that an engine
//! that is fast but wrong fails the bench. Every bench checks its output once
//! before it is timed; `tests/benches.rs` runs the same checks as tests.

// Each bench uses a part of this module.
#![allow(dead_code)]
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use sixalign::align::Bead;
use sixalign::engine::{Aligner, PairAlignment};
use sixalign::eval::{Scores, score_all};
use sixalign::parse::{ParseOptions, parse_path};
use sixalign::{Document, Lang};
use sixalign_testkit::synth::{self, SynthConfig, SynthDoc, UDHR_ARTICLE_LINES};

/// A bench's output is wrong: says which bench and what is wrong.
pub fn expect(bench: &str, check: Result<String, String>) {
    match check {
        Ok(_) => {}
        Err(e) => panic!("bench {bench}: wrong output, not timed: {e}"),
    }
}

/// The lowest strict F1 a bench on synthetic documents accepts: the aligner
/// scores above 0.98 on them (`tests/quality.rs`); an engine that lost its
/// way falls far below.
pub const MIN_STRICT_F1: f64 = 0.95;

/// The number of articles of the Universal Declaration.
pub const UDHR_ARTICLES: usize = 30;

/// `data/udhr/<lang>.txt` (from the repository's root: this module is built
/// into the library's benches and into the command's tests).
pub fn udhr_path(lang: Lang) -> PathBuf {
    Path::new(sixalign_testkit::REPO).join(format!("data/udhr/{}.txt", lang.code()))
}

/// The bundled UDHR in `lang`, parsed.
pub fn udhr_doc(lang: Lang) -> Document {
    parse_path(
        &udhr_path(lang),
        &ParseOptions {
            lang: Some(lang),
            symbol: None,
        },
    )
    .expect("the bundled UDHR parses")
}

/// `n` synthetic zh + en documents (small enough for the UDHR's ~50 sentences).
pub fn docs(n: usize) -> Vec<SynthDoc> {
    let cfg = SynthConfig {
        docs: n,
        ..SynthConfig::default()
    }
    .small_documents();
    synth::generate(
        &synth::Corpus::udhr_articles(&[Lang::Zh, Lang::En]),
        Lang::Zh,
        &[Lang::En],
        &cfg,
    )
}

/// The UDHR's zh and en sentences (from a document alignment), 1-1 pairs
/// only: the text the numbered lines are made of.
pub fn sentence_pairs() -> Vec<(String, String)> {
    let p = Aligner::new().align_pair(&udhr_doc(Lang::Zh), &udhr_doc(Lang::En));
    p.beads()
        .filter(|b| b.src.len() == 1 && b.tgt.len() == 1)
        .map(|b| {
            (
                p.src[b.src.start].text.clone(),
                p.tgt[b.tgt.start].text.clone(),
            )
        })
        .collect()
}

/// Sentence lines whose alignment is known by construction: line `k` of
/// each side is `k. ` and the two halves of pair `k mod len`, and the target
/// leaves out every line with `k mod 50 == 17` ([`dropped`]). Whatever the
/// pairs hold, the numbers say which line goes with which.
#[derive(Clone, Debug)]
pub struct NumberedLines {
    /// zh lines.
    pub src: Vec<String>,
    /// en lines.
    pub tgt: Vec<String>,
    /// The gold: the 1-1 links, source line to target line.
    pub links: Vec<(usize, usize)>,
}

/// Whether line `k` is left out of the target of [`numbered_lines`].
pub fn dropped(k: usize) -> bool {
    k % 50 == 17
}

/// `n` numbered lines a side (fewer on the target), see [`NumberedLines`];
/// the source keeps only its first `src_len` lines (a region of a longer
/// document), the target all of its own.
pub fn numbered_lines(pairs: &[(String, String)], n: usize, src_len: usize) -> NumberedLines {
    let mut out = NumberedLines {
        src: Vec::with_capacity(n),
        tgt: Vec::with_capacity(n),
        links: Vec::with_capacity(n),
    };
    for k in 0..n {
        let (s, t) = &pairs[k % pairs.len()];
        if k < src_len {
            out.src.push(format!("{k}. {s}"));
        }
        if !dropped(k) {
            if k < src_len {
                out.links.push((k, out.tgt.len()));
            }
            out.tgt.push(format!("{k}. {t}"));
        }
    }
    out
}

/// Whether `beads` cover `n` source and `m` target sentences once each, in order.
fn covers(beads: &[Bead], n: usize, m: usize) -> Result<(), String> {
    let (mut i, mut j) = (0, 0);
    for (k, b) in beads.iter().enumerate() {
        if b.src.start != i || b.tgt.start != j || b.src.end < i || b.tgt.end < j {
            return Err(format!(
                "bead {k} ({:?}:{:?}) does not continue at {i}:{j}",
                b.src, b.tgt
            ));
        }
        (i, j) = (b.src.end, b.tgt.end);
    }
    if (i, j) != (n, m) {
        return Err(format!("beads end at {i}:{j}, not {n}:{m}"));
    }
    Ok(())
}

/// The alignment of [`numbered_lines`]. What the numbers give: no bead
/// links a target line to a source line of another number, and every line
/// present on both sides shares a bead with its counterpart. Where a line
/// is on one side only, the aligner may join it to a neighbour (a 2-1 bead
/// instead of a 1-0 and a 1-1), so each such line may cost one 1-1 bead and
/// no more.
pub fn check_numbered(lines: &NumberedLines, beads: &[Bead]) -> Result<String, String> {
    covers(beads, lines.src.len(), lines.tgt.len())?;
    // The number of each target line: its source line, or none.
    let mut counterpart = vec![None; lines.tgt.len()];
    for &(k, j) in &lines.links {
        counterpart[j] = Some(k);
    }
    let mut bead_of_src = vec![0; lines.src.len()];
    for (n, b) in beads.iter().enumerate() {
        for k in b.src.clone() {
            bead_of_src[k] = n;
        }
        for j in b.tgt.clone() {
            if let Some(k) = counterpart[j] {
                if !b.src.contains(&k) {
                    return Err(format!(
                        "bead {:?}:{:?} links target line {j} (number {k}) to other source lines",
                        b.src, b.tgt
                    ));
                }
            }
        }
    }
    for &(k, j) in &lines.links {
        if !beads[bead_of_src[k]].tgt.contains(&j) {
            return Err(format!(
                "source line {k} is not in one bead with target line {j}"
            ));
        }
    }
    let one_side = lines.src.len() + lines.tgt.len() - 2 * lines.links.len();
    let one_one = beads
        .iter()
        .filter(|b| b.src.len() == 1 && b.tgt.len() == 1)
        .count();
    if one_one + one_side < lines.links.len() {
        return Err(format!(
            "{one_one} 1-1 beads: fewer than the {} links less the {one_side} lines on one side only",
            lines.links.len()
        ));
    }
    Ok(format!(
        "{one_one} 1-1 beads of {} links ({one_side} lines on one side only)",
        lines.links.len()
    ))
}

/// Line of the file each sentence starts on, counted from the end (the
/// last line is 1).
fn lines_from_end(text: &str, spans: impl Iterator<Item = Range<usize>>) -> Vec<usize> {
    let total = text.trim_end_matches('\n').lines().count();
    spans
        .map(|r| total - text[..r.start].matches('\n').count())
        .collect()
}

/// The declaration aligned with one other version: its 30 articles are
/// anchored to each other, the beads cover every sentence once, no bead
/// joins sentences of different article lines (they are line-parallel,
/// [`UDHR_ARTICLE_LINES`]), and every paragraph line of the articles (all
/// but the 30 headings) has sentences on both sides, linked.
pub fn check_udhr(p: &PairAlignment) -> Result<String, String> {
    let pair = format!("zh-{}", p.tgt_lang);
    let articles: Vec<&str> = p
        .regions
        .iter()
        .map(|r| r.region.label.as_str())
        .filter(|l| l.starts_with("art"))
        .collect();
    let want: Vec<String> = (1..=UDHR_ARTICLES).map(|n| format!("art{n}")).collect();
    if articles != want {
        return Err(format!("{pair}: article regions {articles:?}"));
    }
    let beads: Vec<Bead> = p.beads().cloned().collect();
    covers(&beads, p.src.len(), p.tgt.len()).map_err(|e| format!("{pair}: {e}"))?;
    let read = |l: Lang| std::fs::read_to_string(udhr_path(l)).expect("data/udhr");
    let src_line = lines_from_end(&read(p.src_lang), p.src.iter().map(|s| s.span.clone()));
    let tgt_line = lines_from_end(&read(p.tgt_lang), p.tgt.iter().map(|s| s.span.clone()));
    let tail = |r: usize| r <= UDHR_ARTICLE_LINES;
    let mut linked = BTreeSet::new();
    for b in &beads {
        let lines: BTreeSet<usize> = b
            .src
            .clone()
            .map(|i| src_line[i])
            .chain(b.tgt.clone().map(|j| tgt_line[j]))
            .collect();
        if lines.iter().any(|&r| tail(r)) && lines.len() > 1 {
            return Err(format!(
                "{pair}: bead {:?}:{:?} joins article lines {lines:?} (from the end)",
                b.src, b.tgt
            ));
        }
        if !b.src.is_empty() && !b.tgt.is_empty() {
            linked.extend(lines.into_iter().filter(|&r| tail(r)));
        }
    }
    let both: BTreeSet<usize> = src_line
        .iter()
        .copied()
        .filter(|&r| tail(r) && tgt_line.contains(&r))
        .collect();
    let unlinked: Vec<&usize> = both.difference(&linked).collect();
    if !unlinked.is_empty() {
        return Err(format!(
            "{pair}: article lines (from the end) {unlinked:?} have sentences on both sides but no bead links them"
        ));
    }
    // The article lines less the headings (`Article 1`, a label, no sentence).
    if both.len() != UDHR_ARTICLE_LINES - UDHR_ARTICLES {
        return Err(format!(
            "{pair}: {} article lines with sentences on both sides, not the {} paragraphs",
            both.len(),
            UDHR_ARTICLE_LINES - UDHR_ARTICLES
        ));
    }
    Ok(format!("{pair}: {} article lines linked", both.len()))
}

/// One document's source and target sentences, and the beads over them.
pub type Aligned = (Vec<String>, Vec<String>, Vec<Bead>);

/// Strict F1 of alignments of synthetic documents against their gold:
/// `sentences(d)` gives each document's hub and other sentences and the
/// beads over them, projected onto the gold units ([`synth::project`]).
pub fn check_synth<'a>(
    docs: &'a [SynthDoc],
    other: Lang,
    sentences: impl FnMut(usize, &'a SynthDoc) -> Aligned,
) -> Result<String, String> {
    check_synth_units(docs, other, false, sentences)
}

/// As [`check_synth`], for sentences of the body only (no footnotes): the
/// gold without its footnote units, which come last on both sides.
pub fn check_synth_body<'a>(
    docs: &'a [SynthDoc],
    other: Lang,
    sentences: impl FnMut(usize, &'a SynthDoc) -> Aligned,
) -> Result<String, String> {
    check_synth_units(docs, other, true, sentences)
}

fn check_synth_units<'a>(
    docs: &'a [SynthDoc],
    other: Lang,
    body_only: bool,
    mut sentences: impl FnMut(usize, &'a SynthDoc) -> Aligned,
) -> Result<String, String> {
    let mut golds = Vec::with_capacity(docs.len());
    let mut tests = Vec::with_capacity(docs.len());
    for (k, d) in docs.iter().enumerate() {
        let (units_s, units_t) = (&d.units[&Lang::Zh], &d.units[&other]);
        let notes = if body_only { d.footnotes } else { 0 };
        let (n, m) = (units_s.len() - notes, units_t.len() - notes);
        let gold: Vec<Bead> = d.gold[&other]
            .iter()
            .filter(|b| b.src.end <= n && b.tgt.end <= m)
            .cloned()
            .collect();
        covers(&gold, n, m).map_err(|e| format!("{}: the body's gold: {e}", d.id))?;
        let (s, t, beads) = sentences(k, d);
        let s: Vec<&str> = s.iter().map(String::as_str).collect();
        let t: Vec<&str> = t.iter().map(String::as_str).collect();
        let projected = synth::project(&units_s[..n], &units_t[..m], &s, &t, &beads)
            .map_err(|e| format!("{}: {e}", d.id))?;
        golds.push(gold);
        tests.push(projected);
    }
    let scores = score_all(
        golds
            .iter()
            .zip(&tests)
            .map(|(g, t)| (g.as_slice(), t.as_slice())),
    );
    at_least(&scores, docs.len(), "documents")
}

/// The sentences and beads of a document alignment, for [`check_synth`].
pub fn of_alignment(p: &PairAlignment) -> Aligned {
    (
        p.src.iter().map(|s| s.text.clone()).collect(),
        p.tgt.iter().map(|s| s.text.clone()).collect(),
        p.beads().cloned().collect(),
    )
}

/// The aligner the benches on synthetic documents run, as `align` does by default.
pub fn aligner() -> Aligner {
    Aligner::new()
}

/// The sentences and beads a JSON Lines alignment of one document holds
/// (each line's `src` and `tgt` taken as one sentence, for [`check_synth`],
/// which maps sentences onto units by their text).
pub fn of_jsonl(text: &str) -> Result<Aligned, String> {
    let (mut src, mut tgt, mut beads) = (Vec::new(), Vec::new(), Vec::new());
    for (n, line) in text.lines().enumerate() {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let side =
            |text: &str, range: &str, out: &mut Vec<String>| -> Result<Range<usize>, String> {
                let r = &v[range];
                let empty = r[0].as_u64().is_some_and(|a| r[1].as_u64() == Some(a));
                let s = v[text]
                    .as_str()
                    .ok_or_else(|| format!("line {}: no {text}", n + 1))?;
                let at = out.len();
                if !empty {
                    out.push(s.to_string());
                }
                Ok(at..out.len())
            };
        let s = side("src", "src_sents", &mut src)?;
        let t = side("tgt", "tgt_sents", &mut tgt)?;
        beads.push(Bead {
            src: s,
            tgt: t,
            score: 0.0,
        });
    }
    Ok((src, tgt, beads))
}

/// The bead files a batch wrote: `lines` sentences a side, line `i` of
/// the target the translation of line `i` of the source (both cut from the
/// line-parallel UDHR articles at the same place), so the gold is `lines`
/// 1-1 beads; the strict F1 over all files must reach [`MIN_STRICT_F1`].
pub fn check_batch(outs: &[PathBuf], lines: usize) -> Result<String, String> {
    let gold: Vec<Bead> = (0..lines)
        .map(|i| Bead {
            src: i..i + 1,
            tgt: i..i + 1,
            score: 0.0,
        })
        .collect();
    let mut tests = Vec::new();
    for out in outs {
        let text = std::fs::read_to_string(out).map_err(|e| format!("{}: {e}", out.display()))?;
        let beads =
            sixalign::output::parse_beads(&text).map_err(|e| format!("{}: {e}", out.display()))?;
        covers(&beads, lines, lines).map_err(|e| format!("{}: {e}", out.display()))?;
        tests.push(beads);
    }
    let scores = score_all(tests.iter().map(|t| (gold.as_slice(), t.as_slice())));
    at_least(&scores, outs.len(), "files")
}

/// Strict F1 over `expected` documents or files, held to [`MIN_STRICT_F1`].
fn at_least(scores: &Scores, expected: usize, what: &str) -> Result<String, String> {
    if scores.strict.f1 < MIN_STRICT_F1 || scores.files != expected {
        return Err(format!(
            "strict F1 {:.4} over {} {what} (at least {MIN_STRICT_F1} over {expected} expected)",
            scores.strict.f1, scores.files,
        ));
    }
    Ok(format!("strict F1 {:.4}", scores.strict.f1))
}

/// The corpus bench: `n` synthetic documents written as a corpus tree
/// (`in/<lang>/A_RES_99_<k>.txt`, `k` from 1) in a temporary directory,
/// discovered, and the options of a zh–en run into `out/`.
pub struct CorpusInput {
    /// The temporary directory (removed on drop).
    pub dir: tempfile::TempDir,
    /// The documents with their gold.
    pub synthetic: Vec<SynthDoc>,
    /// The documents as the corpus run found them.
    pub docs: Vec<sixalign::corpus::DocFiles>,
    /// Options of the run.
    pub opts: sixalign::corpus::RunOptions,
    /// Bytes of input written.
    pub bytes: u64,
}

impl CorpusInput {
    /// Generates, writes and discovers `n` documents.
    pub fn new(n: usize) -> CorpusInput {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        let synthetic = docs(n);
        let mut bytes = 0u64;
        for (k, d) in synthetic.iter().enumerate() {
            for (l, text) in &d.texts {
                let p = input.join(l.code()).join(format!("A_RES_99_{}.txt", k + 1));
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(&p, text).unwrap();
                bytes += text.len() as u64;
            }
        }
        let docs = sixalign::corpus::discover(&input).unwrap().docs;
        let opts = sixalign::corpus::RunOptions {
            langs: vec![Lang::En],
            ..sixalign::corpus::RunOptions::new(dir.path().join("out"))
        };
        CorpusInput {
            dir,
            synthetic,
            docs,
            opts,
            bytes,
        }
    }

    /// One corpus run, as the bench times it.
    pub fn run(&self) -> sixalign::corpus::Summary {
        sixalign::corpus::run(
            &self.docs,
            &self.opts,
            &Aligner::new(),
            Default::default(),
            None,
            &mut |_| {},
        )
        .unwrap()
    }

    /// A run's output against the synthetic gold: every document aligned,
    /// and the JSON Lines file of each (found by its name, `A_RES_99_<k>`)
    /// scored through [`check_synth`].
    pub fn check(&self, summary: &sixalign::corpus::Summary) -> Result<String, String> {
        check_corpus(&self.synthetic, summary, &self.opts, &self.docs)
    }
}

fn check_corpus(
    docs: &[SynthDoc],
    summary: &sixalign::corpus::Summary,
    opts: &sixalign::corpus::RunOptions,
    found: &[sixalign::corpus::DocFiles],
) -> Result<String, String> {
    if summary.aligned != docs.len() || summary.errors != 0 || !summary.skipped.is_empty() {
        return Err(format!(
            "{} of {} documents aligned, {} errors, skipped {:?}",
            summary.aligned,
            docs.len(),
            summary.errors,
            summary.skipped
        ));
    }
    check_synth(docs, Lang::En, |k, _| {
        let stem = format!("A_RES_99_{}.txt", k + 1);
        let d = found
            .iter()
            .find(|d| {
                d.files[&Lang::Zh]
                    .file_name()
                    .is_some_and(|n| n == stem.as_str())
            })
            .unwrap_or_else(|| panic!("{stem} was discovered"));
        let out = &opts.outputs(&d.id, Lang::En)[0];
        let text =
            std::fs::read_to_string(out).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
        of_jsonl(&text).unwrap_or_else(|e| panic!("{}: {e}", out.display()))
    })
}

/// The batch bench's jobs: `jobs` pairs of `lines`-line files under `dir`,
/// job `k` the UDHR article lines from line `k` on, cyclically, on both
/// sides (see [`check_batch`]).
pub fn batch_jobs(dir: &Path, jobs: usize, lines: usize) -> Vec<sixalign::corpus::Job> {
    let corpus = synth::Corpus::udhr_articles(&[Lang::Zh, Lang::En]);
    let (zh, en) = (&corpus.lines[&Lang::Zh], &corpus.lines[&Lang::En]);
    std::fs::create_dir_all(dir).unwrap();
    let mut out = Vec::new();
    for k in 0..jobs {
        let src: Vec<&str> = (0..lines)
            .map(|i| zh[(i + k) % zh.len()].as_str())
            .collect();
        let tgt: Vec<&str> = (0..lines)
            .map(|i| en[(i + k) % en.len()].as_str())
            .collect();
        let (s, t) = (dir.join(format!("{k}.zh")), dir.join(format!("{k}.en")));
        std::fs::write(&s, src.join("\n")).unwrap();
        std::fs::write(&t, tgt.join("\n")).unwrap();
        out.push(sixalign::corpus::Job {
            src: s,
            tgt: t,
            out: dir.join(format!("{k}.beads")),
            line: k + 1,
        });
    }
    out
}

/// What the stage bench parses with: the language given, no symbol.
pub fn parse_options(lang: Lang) -> ParseOptions {
    ParseOptions {
        lang: Some(lang),
        symbol: None,
    }
}

/// The stage bench's loaded texts: every zh version, then every en one.
pub fn stage_texts(docs: &[SynthDoc]) -> Vec<(sixalign::load::Text, Lang)> {
    [Lang::Zh, Lang::En]
        .into_iter()
        .flat_map(|l| {
            docs.iter().map(move |d| {
                let name = l.code();
                let t = sixalign::load::Text::from_bytes(name, d.texts[&l].as_bytes()).unwrap();
                (t, l)
            })
        })
        .collect()
}

/// The stage bench's parsed documents, in the order of [`stage_texts`].
pub fn stage_parse(texts: &[(sixalign::load::Text, Lang)]) -> Vec<Document> {
    texts
        .iter()
        .map(|(t, l)| sixalign::parse::parse(t, &parse_options(*l)).unwrap())
        .collect()
}

/// Each document's zh and en sentences as the segment stage gives them
/// (block by block), for the DP stage.
pub fn stage_sentences(parsed: &[Document]) -> Vec<(Vec<String>, Vec<String>)> {
    let sentences = |d: &Document| -> Vec<String> {
        d.blocks
            .iter()
            .flat_map(|b| {
                sixalign::segment::segment(&b.text, d.lang)
                    .into_iter()
                    .map(|r| b.text[r].to_string())
            })
            .collect()
    };
    let n = parsed.len() / 2;
    (0..n)
        .map(|i| (sentences(&parsed[i]), sentences(&parsed[n + i])))
        .collect()
}

/// The whole pipeline on the stage bench's documents: zh `i` with en `i`.
pub fn stage_align(parsed: &[Document]) -> Vec<PairAlignment> {
    let aligner = Aligner::new();
    let n = parsed.len() / 2;
    (0..n)
        .map(|i| aligner.align_pair(&parsed[i], &parsed[n + i]))
        .collect()
}

/// The DP stage: features and the banded program over a whole document's
/// sentences, no anchors.
pub fn dp_stage(src: &[String], tgt: &[String]) -> Vec<Bead> {
    let s: Vec<&str> = src.iter().map(String::as_str).collect();
    let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
    let params = sixalign::align::Params::estimate(Lang::Zh, Lang::En, &s, &t);
    sixalign::align::align(&s, &t, &params)
}

/// The stage bench's outputs against the gold ([`check_synth`]): the DP
/// stage's beads over the segmented sentences of the body, the whole pipeline's
/// alignments, and the JSON Lines written from them.
pub fn check_stages(
    docs: &[SynthDoc],
    pairs: &[(Vec<String>, Vec<String>)],
    aligned: &[PairAlignment],
) -> Result<String, String> {
    let dp = check_synth_body(docs, Lang::En, |k, _| {
        let (s, t) = &pairs[k];
        (s.clone(), t.clone(), dp_stage(s, t))
    })
    .map_err(|e| format!("dp: {e}"))?;
    let whole = check_synth(docs, Lang::En, |k, _| of_alignment(&aligned[k]))
        .map_err(|e| format!("pipeline: {e}"))?;
    let jsonl = check_synth(docs, Lang::En, |k, _| {
        use sixalign::output::PairWriter;
        let mut out = Vec::new();
        let mut w = sixalign::output::JsonlWriter::new(&mut out);
        sixalign::output::write_alignment(&mut w, &aligned[k]).unwrap();
        w.finish().unwrap();
        of_jsonl(std::str::from_utf8(&out).unwrap()).unwrap()
    })
    .map_err(|e| format!("write_jsonl: {e}"))?;
    Ok(format!("dp {dp}; pipeline {whole}; jsonl {jsonl}"))
}

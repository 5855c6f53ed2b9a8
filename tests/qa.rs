//! Translation QA: injected faults in real text (UDHR, SDG targets, UNv1
//! sentences) and in a small resolution written by us, each found with the
//! right kind and label; the unaltered UDHR pairs give no error; the HTML
//! report checked in headless Chromium; the CLI's exit codes and JSON.

use std::path::{Path, PathBuf};
use std::process::Command;

use sixalign::engine::Aligner;
use sixalign::load::Text;
use sixalign::parse::{ParseOptions, parse};
use sixalign::qa::{self, FindingKind, PairFinding, PairReport, Severity};
use sixalign::{Document, Lang};

const UDHR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/udhr");
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data");

fn shared(rel: &str) -> PathBuf {
    let p = Path::new(SHARED).join(rel);
    assert!(
        p.exists(),
        "shared test data missing: {} (expected the project's shared/data next to the repository)",
        p.display()
    );
    p
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn doc(name: &str, text: &str, lang: Lang) -> Document {
    let t = Text::from_bytes(name, text.as_bytes()).expect("load");
    parse(
        &t,
        &ParseOptions {
            lang: Some(lang),
            symbol: None,
        },
    )
    .expect("parse")
}

fn udhr(lang: Lang) -> String {
    read(&Path::new(UDHR).join(format!("{}.txt", lang.code())))
}

fn check(hub: &Document, other: &Document) -> Vec<PairFinding> {
    let pa = Aligner::new().align_pair(hub, other);
    qa::check_pair(hub, other, &pa)
}

fn errors(f: &[PairFinding]) -> Vec<&PairFinding> {
    f.iter().filter(|f| f.severity == Severity::Error).collect()
}

fn show(f: &[PairFinding]) -> String {
    f.iter().map(|f| format!("  {f}\n")).collect()
}

/// The findings must include one of `kind` at `label`.
#[track_caller]
fn assert_found<'a>(f: &'a [PairFinding], kind: FindingKind, label: &str) -> &'a PairFinding {
    f.iter()
        .find(|x| x.kind == kind && x.label.as_deref() == Some(label))
        .unwrap_or_else(|| panic!("no {} at {label} in:\n{}", kind.name(), show(f)))
}

// ---------------------------------------------------------------------------
// A small resolution WRITTEN BY US (the sixalign authors) for these tests, in
// Chinese and English. It is not a UN text and quotes none; its wording only
// imitates the conventions of a General Assembly resolution.
// ---------------------------------------------------------------------------

const OURS_ZH: &str = "第七十四届会议
议程项目 99

大会，

回顾其2015年9月25日第70/1号决议，

注意到秘书长的报告，<sup>1</sup>

1. 欢迎秘书长的报告（A/74/363）；

2. 决定为该方案拨款437 100美元，其中25%用于培训；

3. 请会员国在2020年12月31日前提交意见；

4. 鼓励各国：

(a) 加强区域合作；

(b) 支持青年参与；

(c) 分享最佳做法；

5. 请秘书长向大会第七十五届会议报告本决议的执行情况。

<sup>1</sup> A/74/100。
";

const OURS_EN: &str = "Seventy-fourth session
Agenda item 99

The General Assembly,

Recalling its resolution 70/1 of 25 September 2015,

Taking note of the report of the Secretary-General,<sup>1</sup>

1. Welcomes the report of the Secretary-General (A/74/363);

2. Decides to allocate 437,100 dollars to the programme, of which 25 per cent is for training;

3. Invites Member States to submit their views by 31 December 2020;

4. Encourages States:

(a) To strengthen regional cooperation;

(b) To support the participation of young people;

(c) To share best practices;

5. Requests the Secretary-General to report to the General Assembly at its seventy-fifth session on the implementation of the present resolution.

<sup>1</sup> A/74/100.
";

fn ours(en: &str) -> Vec<PairFinding> {
    check(
        &doc("ours.zh", OURS_ZH, Lang::Zh),
        &doc("ours.en", en, Lang::En),
    )
}

fn replaced(text: &str, from: &str, to: &str) -> String {
    assert!(
        text.contains(from),
        "fault not injected: {from:?} not in text"
    );
    text.replacen(from, to, 1)
}

#[test]
fn ours_clean_has_no_error() {
    let f = ours(OURS_EN);
    assert!(errors(&f).is_empty(), "clean pair:\n{}", show(&f));
}

#[test]
fn ours_deleted_operative_paragraph() {
    let en = replaced(
        OURS_EN,
        "3. Invites Member States to submit their views by 31 December 2020;\n\n",
        "",
    );
    let f = ours(&en);
    let m = assert_found(&f, FindingKind::MissingBlock, "3");
    assert_eq!(m.severity, Severity::Error);
    assert!(m.src_text.contains("2020年12月31日"), "{m:?}");
    assert!(m.tgt_text.is_empty());
    // The paragraph's date is not reported again as a number mismatch.
    assert!(
        errors(&f).iter().all(|e| e.label.as_deref() == Some("3")),
        "{}",
        show(&f)
    );
}

#[test]
fn ours_changed_number_and_date() {
    let en = replaced(OURS_EN, "437,100 dollars", "473,100 dollars");
    let en = replaced(&en, "31 December 2020", "30 December 2020");
    let f = ours(&en);
    let n = assert_found(&f, FindingKind::NumberMismatch, "2");
    assert_eq!(n.severity, Severity::Error);
    assert!(
        n.message.contains("437100") && n.message.contains("473,100"),
        "{}",
        n.message
    );
    let d = assert_found(&f, FindingKind::NumberMismatch, "3");
    assert!(d.message.contains("2020-12-31"), "{}", d.message);
    assert_eq!(errors(&f).len(), 2, "{}", show(&f));
}

#[test]
fn ours_swapped_symbol() {
    let f = ours(&replaced(OURS_EN, "(A/74/363)", "(A/74/336)"));
    let s = assert_found(&f, FindingKind::NumberMismatch, "1");
    assert!(
        s.message.contains("A/74/363") && s.message.contains("A/74/336"),
        "{}",
        s.message
    );
    assert!(
        s.tgt_text.contains("A/74/336"),
        "original text quoted: {s:?}"
    );
    assert_eq!(errors(&f).len(), 1, "{}", show(&f));
}

#[test]
fn ours_renumbered_subparagraph() {
    let f = ours(&replaced(OURS_EN, "(c) To share", "(b) To share"));
    let r = assert_found(&f, FindingKind::NumberingDiffers, "4(c)");
    assert_eq!(r.severity, Severity::Error);
    assert!(r.message.contains("4(b)"), "{}", r.message);
}

#[test]
fn ours_untranslated_sentence() {
    let en = replaced(
        OURS_EN,
        "Requests the Secretary-General to report to the General Assembly at its seventy-fifth session on the implementation of the present resolution.",
        "请秘书长向大会第七十五届会议报告本决议的执行情况。",
    );
    let f = ours(&en);
    let u = assert_found(&f, FindingKind::Untranslated, "5");
    assert_eq!(u.severity, Severity::Error);
    assert_eq!(errors(&f).len(), 1, "{}", show(&f));
}

#[test]
fn ours_dropped_footnote() {
    let en = replaced(
        OURS_EN,
        "Secretary-General,<sup>1</sup>",
        "Secretary-General,",
    );
    let en = replaced(&en, "<sup>1</sup> A/74/100.\n", "");
    let f = ours(&en);
    let m = assert_found(&f, FindingKind::MissingFootnote, "fn1");
    assert!(m.src_text.contains("A/74/100"), "{m:?}");
    let r = f
        .iter()
        .find(|x| x.kind == FindingKind::FootnoteRef)
        .unwrap_or_else(|| panic!("no footnote_ref:\n{}", show(&f)));
    assert_eq!(r.region, "preamble");
}

#[test]
fn ours_missing_preambular_paragraph() {
    let f = ours(&replaced(
        OURS_EN,
        "Recalling its resolution 70/1 of 25 September 2015,\n\n",
        "",
    ));
    let p = assert_found(&f, FindingKind::PreambleCount, "preamble");
    assert_eq!(p.severity, Severity::Warning, "text is left unaligned");
    assert!(
        p.message.contains("2 preambular paragraphs in zh, 1 in en"),
        "{}",
        p.message
    );
    let u = f
        .iter()
        .find(|x| x.kind == FindingKind::Unaligned)
        .unwrap_or_else(|| panic!("no unaligned:\n{}", show(&f)));
    assert_eq!(
        (u.region.as_str(), u.severity),
        ("preamble", Severity::Error)
    );
    assert!(u.src_text.contains("第70/1号决议"), "{u:?}");
}

#[test]
fn ours_footnote_text_differs() {
    let f = ours(&replaced(OURS_EN, "A/74/100.", "A/74/101."));
    let m = assert_found(&f, FindingKind::FootnoteMismatch, "fn1");
    assert!(m.message.contains("A/74/101"), "{}", m.message);
}

// --- UDHR: real text in the six languages ----------------------------------

#[test]
fn udhr_clean_pairs_have_no_error() {
    let zh = doc("udhr.zh", &udhr(Lang::Zh), Lang::Zh);
    let mut total = 0;
    for lang in [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru] {
        let other = doc("udhr", &udhr(lang), lang);
        let f = check(&zh, &other);
        let c = qa::SeverityCounts::of(&f);
        println!(
            "UDHR zh-{lang}: {} findings ({} error, {} warning, {} info)\n{}",
            c.total(),
            c.error,
            c.warning,
            c.info,
            show(&f)
        );
        assert_eq!(c.error, 0, "zh-{lang}:\n{}", show(&f));
        assert!(
            c.warning <= 2,
            "too many warnings on clean zh-{lang}:\n{}",
            show(&f)
        );
        total += c.total();
    }
    println!("UDHR clean pairs: {total} findings in all");
}

fn udhr_en_without_article_5() -> String {
    let en = udhr(Lang::En);
    let art5 = "Article 5\nNo one shall be subjected to torture or to cruel, inhuman or degrading treatment or punishment.\n";
    replaced(&en, art5, "")
}

#[test]
fn udhr_deleted_article() {
    let zh = doc("udhr.zh", &udhr(Lang::Zh), Lang::Zh);
    let f = check(&zh, &doc("udhr.en", &udhr_en_without_article_5(), Lang::En));
    let m = assert_found(&f, FindingKind::MissingBlock, "art5");
    assert_eq!(m.severity, Severity::Error);
    assert!(m.src_text.contains("酷刑"), "{m:?}");
    assert!(
        errors(&f)
            .iter()
            .all(|e| e.label.as_deref() == Some("art5")),
        "{}",
        show(&f)
    );
}

#[test]
fn udhr_untranslated_sentence_in_russian() {
    let zh_text = udhr(Lang::Zh);
    let zh = doc("udhr.zh", &zh_text, Lang::Zh);
    let ru = udhr(Lang::Ru);
    // Article 3 left in Chinese in the Russian version.
    let art3_ru = ru
        .lines()
        .skip_while(|l| !l.starts_with("Статья 3"))
        .nth(1)
        .expect("ru article 3");
    let art3_zh = zh_text
        .lines()
        .skip_while(|l| !l.starts_with("第三条"))
        .nth(1)
        .expect("zh article 3");
    let ru = replaced(&ru, art3_ru, art3_zh);
    let f = check(&zh, &doc("udhr.ru", &ru, Lang::Ru));
    let u = assert_found(&f, FindingKind::Untranslated, "art3");
    assert_eq!(u.tgt_text, art3_zh);
    assert_eq!(errors(&f).len(), 1, "{}", show(&f));
}

#[test]
fn udhr_sentence_dropped_inside_article_in_arabic() {
    let zh = doc("udhr.zh", &udhr(Lang::Zh), Lang::Zh);
    let ar = udhr(Lang::Ar);
    // Article 13 has two numbered paragraphs; the second is dropped.
    let lines: Vec<&str> = ar.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == "المادة 13")
        .expect("ar article 13");
    let second = lines[at + 2];
    assert!(second.starts_with("2. "), "{second}");
    let ar = replaced(&ar, &format!("{second}\n"), "");
    let f = check(&zh, &doc("udhr.ar", &ar, Lang::Ar));
    let u = assert_found(&f, FindingKind::Unaligned, "art13");
    assert_eq!(u.severity, Severity::Error);
    assert!(u.tgt_text.is_empty() && !u.src_text.is_empty(), "{u:?}");
}

// --- Deleted content, every article, paragraph and sentence (issue 26) -------

/// The lines of the UDHR in `lang` with the line ranges of its articles
/// (heading line to the line before the next heading).
fn udhr_articles(lang: Lang) -> (Vec<String>, Vec<std::ops::Range<usize>>) {
    let text = udhr(lang);
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let heading = |l: &str| match lang {
        Lang::Zh => l.starts_with('第') && l.ends_with('条'),
        _ => l.starts_with("Article "),
    };
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| heading(&lines[i])).collect();
    assert_eq!(starts.len(), 30, "{lang}: 30 article headings");
    let ranges = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| s..starts.get(k + 1).copied().unwrap_or(lines.len()))
        .collect();
    (lines, ranges)
}

fn joined(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// Deleting any one article from the English or the French version gives a
/// `missing_block` error for it, with the Chinese text and line of that
/// article, and no other error.
#[test]
fn udhr_every_deleted_article_is_a_missing_block() {
    let zh = doc("udhr.zh", &udhr(Lang::Zh), Lang::Zh);
    let (zh_lines, zh_arts) = udhr_articles(Lang::Zh);
    let mut failures = Vec::new();
    for lang in [Lang::En, Lang::Fr] {
        let (lines, arts) = udhr_articles(lang);
        let mut found = 0;
        for (k, art) in arts.iter().enumerate() {
            let label = format!("art{}", k + 1);
            let cut: Vec<String> = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| !art.contains(i))
                .map(|(_, l)| l.clone())
                .collect();
            let f = check(&zh, &doc("udhr", &joined(&cut), lang));
            let body = &zh_lines[zh_arts[k].start + 1];
            let zh_rows = zh_arts[k].start + 1..=zh_arts[k].start + 2;
            let ok = f.iter().any(|x| {
                x.kind == FindingKind::MissingBlock
                    && x.severity == Severity::Error
                    && x.label.as_deref() == Some(label.as_str())
                    && x.tgt_text.is_empty()
                    && x.src_text
                        .contains(body.get(..body.len().min(12)).unwrap_or(body))
                    && x.src_line.is_some_and(|l| zh_rows.contains(&l))
            });
            let others: Vec<&PairFinding> = errors(&f)
                .into_iter()
                .filter(|x| x.label.as_deref() != Some(label.as_str()))
                .collect();
            if ok && others.is_empty() {
                found += 1;
            } else {
                failures.push(format!(
                    "{lang} without {label}: missing_block {ok}, other errors:\n{}",
                    show(&f)
                ));
            }
        }
        println!("UDHR zh-{lang}, one article deleted: {found} of 30 found as missing_block");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Deleting any one paragraph of an article that has several gives an
/// error for that article whose text is the Chinese paragraph's, and no
/// other error.
#[test]
fn udhr_every_deleted_paragraph_is_found() {
    let zh = doc("udhr.zh", &udhr(Lang::Zh), Lang::Zh);
    let mut failures = Vec::new();
    for lang in [Lang::En, Lang::Fr] {
        let (lines, arts) = udhr_articles(lang);
        let (mut found, mut cases) = (0, 0);
        for (k, art) in arts.iter().enumerate() {
            let label = format!("art{}", k + 1);
            let body: Vec<usize> = (art.start + 1..art.end)
                .filter(|&i| !lines[i].trim().is_empty())
                .collect();
            if body.len() < 2 {
                continue;
            }
            for &gone in &body {
                cases += 1;
                let mut cut = lines.clone();
                cut.remove(gone);
                let f = check(&zh, &doc("udhr", &joined(&cut), lang));
                let ok = f.iter().any(|x| {
                    x.severity == Severity::Error
                        && matches!(x.kind, FindingKind::Unaligned | FindingKind::MissingBlock)
                        && x.label.as_deref() == Some(label.as_str())
                        && x.tgt_text.is_empty()
                        && !x.src_text.is_empty()
                });
                let others = errors(&f)
                    .iter()
                    .filter(|x| x.label.as_deref() != Some(label.as_str()))
                    .count();
                if ok && others == 0 {
                    found += 1;
                } else {
                    failures.push(format!(
                        "{lang} {label} without {:?}: found {ok}, {others} other errors:\n{}",
                        lines[gone],
                        show(&f)
                    ));
                }
            }
        }
        println!("UDHR zh-{lang}, one paragraph deleted: {found} of {cases} found");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Deleting one sentence from a paragraph that has several. Where the
/// faithful alignment links that sentence alone to Chinese sentences, the
/// Chinese sentences have no counterpart left: an error at that article
/// showing Chinese text. Where it shares its link with other sentences
/// (the Chinese says it inside a longer sentence), part of a link is
/// missing: a finding at that article (a length or number difference).
/// Either way no error elsewhere.
///
/// Not every such deletion is found: a short sentence deleted next to a
/// long one whose Chinese counterpart is one sentence of several in a link
/// leaves lengths that still agree, and the aligner may shift a whole
/// article's links by one (UDHR fr article 26). Measured when written: en
/// 22 of 24 and fr 17 of 25 linked alone, 5 of 6 sharing a link; the test
/// holds two thirds of each, and no false error anywhere.
#[test]
fn udhr_every_deleted_sentence_is_found() {
    let zh = doc("udhr.zh", &udhr(Lang::Zh), Lang::Zh);
    let mut failures = Vec::new();
    for lang in [Lang::En, Lang::Fr] {
        let text = udhr(lang);
        let other = doc("udhr", &text, lang);
        let pa = Aligner::new().align_pair(&zh, &other);
        let (mut whole, mut whole_found, mut part, mut part_found) = (0, 0, 0, 0);
        for b in pa.beads() {
            for i in b.tgt.clone() {
                let s = &pa.tgt[i];
                let label = pa.regions[s.region].region.label.clone();
                if !label.starts_with("art") {
                    continue;
                }
                // Only sentences that share their line with another.
                let line_of = |j: usize| {
                    let sp = &pa.tgt[j].span;
                    text[..sp.start].matches('\n').count()
                };
                let shares = [i.wrapping_sub(1), i + 1]
                    .iter()
                    .any(|&j| j < pa.tgt.len() && line_of(j) == line_of(i));
                if !shares {
                    continue;
                }
                let Some(orig) = text.get(s.span.clone()) else {
                    continue;
                };
                if orig != s.text {
                    continue;
                }
                // The sentence and the space after it go.
                let end = s.span.end + text[s.span.end..].find(|c: char| c != ' ').unwrap_or(0);
                let cut = format!("{}{}", &text[..s.span.start], &text[end..]);
                let f = check(&zh, &doc("udhr", &cut, lang));
                let alone = b.tgt.len() == 1;
                let at_label = |x: &&PairFinding| x.label.as_deref() == Some(label.as_str());
                let ok = if alone {
                    f.iter().filter(at_label).any(|x| {
                        x.severity == Severity::Error
                            && matches!(x.kind, FindingKind::Unaligned | FindingKind::MissingBlock)
                            && x.tgt_text.is_empty()
                            && !x.src_text.is_empty()
                    })
                } else {
                    f.iter()
                        .filter(at_label)
                        .any(|x| x.severity >= Severity::Warning)
                };
                let others = errors(&f).iter().filter(|x| !at_label(x)).count();
                if alone {
                    whole += 1;
                } else {
                    part += 1;
                }
                if ok {
                    if alone {
                        whole_found += 1;
                    } else {
                        part_found += 1;
                    }
                } else {
                    println!("  not found: {lang} {label} without {:?}", s.text);
                }
                if others > 0 {
                    failures.push(format!(
                        "{lang} {label} without {:?}: {others} errors elsewhere:\n{}",
                        s.text,
                        show(&f)
                    ));
                }
            }
        }
        println!(
            "UDHR zh-{lang}, one sentence deleted: {whole_found} of {whole} linked alone found as errors, {part_found} of {part} sharing a link found"
        );
        assert!(whole >= 20, "{lang}: too few sentences to delete ({whole})");
        assert!(
            3 * whole_found >= 2 * whole && 3 * part_found >= 2 * part,
            "{lang}: {whole_found} of {whole} and {part_found} of {part} found"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// --- SDG targets: real text, numbers written per language -------------------

/// The targets of the first `goals` goals as numbered paragraphs.
fn sdg(lang: Lang, goals: usize) -> (String, Vec<String>) {
    let text = read(&shared(&format!("sdg/targets.{}.tsv", lang.code())));
    let mut out = String::new();
    let mut ids = Vec::new();
    for line in text.lines() {
        let Some((id, t)) = line.split_once('\t') else {
            continue;
        };
        let goal: usize = id
            .split('.')
            .next()
            .and_then(|g| g.parse().ok())
            .unwrap_or(0);
        if goal == 0 || goal > goals {
            continue;
        }
        ids.push(id.to_string());
        out.push_str(&format!("{}. {t}\n\n", ids.len()));
    }
    assert!(ids.len() >= goals * 5, "too few SDG targets read");
    (out, ids)
}

#[test]
fn sdg_clean_pairs_have_no_number_error() {
    let (zh_text, _) = sdg(Lang::Zh, 17);
    let zh = doc("sdg.zh", &zh_text, Lang::Zh);
    for lang in [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru] {
        let (t, _) = sdg(lang, 17);
        let f = check(&zh, &doc("sdg", &t, lang));
        let nums: Vec<&PairFinding> = f
            .iter()
            .filter(|f| f.kind == FindingKind::NumberMismatch)
            .collect();
        let c = qa::SeverityCounts::of(&f);
        println!(
            "SDG targets zh-{lang}: {} findings ({} error, {} warning, {} info), {} number_mismatch",
            c.total(),
            c.error,
            c.warning,
            c.info,
            nums.len()
        );
        println!(
            "{}",
            show(&nums.iter().map(|f| (*f).clone()).collect::<Vec<_>>())
        );
        // The Arabic targets really differ from the Chinese in a few places
        // (`by 2030` left out, `2030` for `2020` in 4.b); the other
        // languages follow the Chinese figures closely.
        let limit = if lang == Lang::Ar { 6 } else { 1 };
        assert!(
            nums.iter()
                .filter(|f| f.severity == Severity::Error)
                .count()
                <= limit,
            "zh-{lang} number errors on clean SDG targets:\n{}",
            show(&f)
        );
    }
}

#[test]
fn sdg_changed_decimal_in_french() {
    let (zh_text, ids) = sdg(Lang::Zh, 1);
    let (fr, _) = sdg(Lang::Fr, 1);
    // Target 1.1: "1,25 dollar" in French, "1.25美元" in Chinese.
    let fr = replaced(&fr, "1,25 dollar", "1,52 dollar");
    let f = check(
        &doc("sdg.zh", &zh_text, Lang::Zh),
        &doc("sdg.fr", &fr, Lang::Fr),
    );
    let label = (ids.iter().position(|i| i == "1.1").expect("1.1") + 1).to_string();
    let n = assert_found(&f, FindingKind::NumberMismatch, &label);
    assert!(
        n.message.contains("1.25") && n.message.contains("1.52"),
        "{}",
        n.message
    );
    assert_eq!(errors(&f).len(), 1, "{}", show(&f));
}

#[test]
fn sdg_deleted_target_in_spanish() {
    let (zh_text, _) = sdg(Lang::Zh, 2);
    let (es, _) = sdg(Lang::Es, 2);
    // Paragraph 4 (target 1.4) removed, numbering kept.
    let start = es.find("\n\n4. ").expect("para 4") + 2;
    let end = es.find("\n\n5. ").expect("para 5") + 2;
    let es = format!("{}{}", &es[..start], &es[end..]);
    let f = check(
        &doc("sdg.zh", &zh_text, Lang::Zh),
        &doc("sdg.es", &es, Lang::Es),
    );
    assert_found(&f, FindingKind::MissingBlock, "4");
    assert!(
        errors(&f).iter().all(|e| e.label.as_deref() == Some("4")),
        "{}",
        show(&f)
    );
}

// --- UNv1: real zh-en sentences ---------------------------------------------

fn unv1(lang: &str, n: usize) -> Vec<String> {
    read(&shared(&format!("unv1/testset.{lang}")))
        .lines()
        .take(n)
        .map(str::to_string)
        .collect()
}

fn numbered(lines: &[String]) -> String {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{}. {l}\n\n", i + 1))
        .collect()
}

#[test]
fn unv1_changed_number_and_changed_date() {
    let zh = unv1("zh", 4000);
    let en = unv1("en", 4000);
    let num = regex::Regex::new(r"\b\d{3,}\b").expect("re");
    let date = regex::Regex::new(
        r"\b(\d{1,2}) (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b",
    )
    .expect("re");
    // The first line whose figure of three digits or more is in both
    // languages, and the first with a full date in English.
    let k_num = (0..zh.len())
        .find(|&i| num.find(&en[i]).is_some_and(|m| zh[i].contains(m.as_str())))
        .expect("a line with a number");
    let k_date = (0..zh.len())
        .find(|&i| i > k_num + 40 && date.is_match(&en[i]))
        .expect("a line with a date");
    let mut total_clean = 0;
    for (k, pattern) in [(k_num, &num), (k_date, &date)] {
        let lo = k.saturating_sub(15);
        let zs = &zh[lo..lo + 30];
        let mut es: Vec<String> = en[lo..lo + 30].to_vec();
        let hub = doc("unv1.zh", &numbered(zs), Lang::Zh);
        let clean = check(&hub, &doc("unv1.en", &numbered(&es), Lang::En));
        println!(
            "UNv1 test lines {lo}..{}: {} findings on the clean pair, {} errors\n{}",
            lo + 30,
            clean.len(),
            errors(&clean).len(),
            show(&clean)
        );
        total_clean += errors(&clean).len();
        let m = pattern
            .find(&es[k - lo])
            .expect("token")
            .as_str()
            .to_string();
        // Change the first digit (the day of a date, the lead digit of a figure).
        let first = m.chars().next().expect("digit");
        let other = if first == '1' { '2' } else { '1' };
        let changed = format!("{other}{}", &m[1..]);
        es[k - lo] = es[k - lo].replacen(&m, &changed, 1);
        let f = check(&hub, &doc("unv1.en", &numbered(&es), Lang::En));
        let label = (k - lo + 1).to_string();
        let n = assert_found(&f, FindingKind::NumberMismatch, &label);
        assert_eq!(n.severity, Severity::Error);
        assert!(n.message.contains(&changed), "{}", n.message);
        assert_eq!(
            errors(&f).len(),
            errors(&clean).len() + 1,
            "the fault should add exactly one error:\n{}",
            show(&f)
        );
    }
    assert!(
        total_clean <= 1,
        "{total_clean} errors on 60 clean UNv1 lines"
    );
}

#[test]
fn unv1_first_500_sentences_few_errors() {
    let zh = doc("unv1.zh", &numbered(&unv1("zh", 500)), Lang::Zh);
    let en = doc("unv1.en", &numbered(&unv1("en", 500)), Lang::En);
    let f = check(&zh, &en);
    let c = qa::SeverityCounts::of(&f);
    println!(
        "UNv1 test set, first 500 sentence pairs: {} errors, {} warnings, {} info\n{}",
        c.error,
        c.warning,
        c.info,
        show(&errors(&f).into_iter().cloned().collect::<Vec<_>>())
    );
    // The corpus pairs are not all exact translations (some differ in a
    // year or leave a date out); 1% of the pairs is the ceiling.
    assert!(c.error <= 5, "{} errors:\n{}", c.error, show(&f));
}

// --- HTML in a real browser ---------------------------------------------------

fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
            let p = dir.join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!(
        "chromium not found: the HTML report test needs headless Chromium \
         (apt-get install -y chromium; .ci/run installs it)"
    );
}

fn run_chromium(args: &[&str], url: &str) -> std::process::Output {
    let profile = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new(chromium());
    cmd.args([
        "--headless",
        "--disable-gpu",
        "--no-sandbox",
        "--no-first-run",
        "--disable-extensions",
        "--allow-file-access-from-files",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(args)
    .arg(url);
    let out = cmd.output().expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn html_report_renders_in_chromium() {
    let zh = doc("udhr.zh", &udhr(Lang::Zh), Lang::Zh);
    let ar = doc("udhr.ar", &udhr(Lang::Ar), Lang::Ar);
    let en_text = udhr_en_without_article_5();
    let en_text = replaced(
        &en_text,
        "Everyone has the right to life, liberty and the security of person.",
        "人人有权享有生命、自由和人身安全。",
    );
    let en = doc("udhr.en", &en_text, Lang::En);
    let aligner = Aligner::new();
    let reports = vec![
        PairReport::new(&aligner, &zh, &ar),
        PairReport::new(&aligner, &zh, &en),
    ];
    let mut html = Vec::new();
    qa::html::write_html(&zh, &reports, &mut html).expect("write html");
    let html = String::from_utf8(html).expect("utf-8");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network"
    );
    assert!(
        !html.contains("<script src") && !html.contains("<link"),
        "self-contained"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.html");
    std::fs::write(&path, &html).expect("write");
    let url = format!("file://{}", path.display());

    let out = run_chromium(&["--dump-dom"], &url);
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("data-ready=\"1\""),
        "the inline script did not run"
    );
    let rows = dom.matches("class=\"row").count();
    assert!(rows > 60, "{rows} rows rendered");
    // Every Arabic cell is right to left as the browser computes it.
    let rtl = dom.matches("data-computed-dir=\"rtl\"").count();
    assert!(
        rtl >= rows,
        "{rtl} right-to-left Arabic cells for {rows} rows"
    );
    assert_eq!(
        rtl,
        dom.matches("<td lang=\"ar\" dir=\"rtl\"").count(),
        "an Arabic cell is not right to left in the browser"
    );
    assert!(
        !dom.contains("<td lang=\"en\" dir="),
        "only Arabic is right to left"
    );
    // The findings are highlighted and linked to rows that exist.
    assert!(dom.contains("hl-error"), "no highlighted error");
    for kind in ["missing_block", "untranslated"] {
        let needle = format!("data-kind=\"{kind}\"");
        let at = dom
            .find(&needle)
            .unwrap_or_else(|| panic!("no {kind} in the finding list"));
        let href = &dom[at..];
        let start = href.find("href=\"#").expect("link") + 7;
        let id: String = href[start..].chars().take_while(|c| *c != '"').collect();
        assert!(
            dom.contains(&format!("<tr id=\"{id}\"")),
            "{kind} links to missing row {id}"
        );
    }
    // The filter has a box per kind present.
    assert!(dom.contains("type=\"checkbox\" checked=\"\" data-kind=\"untranslated\""));

    // The screenshot shows only the rows with findings, to show highlighting.
    let first_error = "#only-findings";
    let shot = dir.path().join("qa-report.png");
    run_chromium(
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,900",
            "--hide-scrollbars",
        ],
        &format!("{url}{first_error}"),
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    if std::env::var_os("QA_DEBUG").is_some() {
        std::fs::copy(&shot, "/tmp/qa-debug.png").ok();
    }
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000,
        "screenshot of {url}{first_error}: {} bytes",
        png.len()
    );
    // `SIXALIGN_QA_SCREENSHOT=docs/qa-report.png` refreshes the README's picture.
    if let Some(dest) = std::env::var_os("SIXALIGN_QA_SCREENSHOT") {
        let dest = Path::new(crate::ROOT).join(dest);
        std::fs::copy(&shot, dest).expect("copy screenshot");
    }
}

// --- CLI ----------------------------------------------------------------------

fn sixalign(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sixalign"))
        .args(args)
        .output()
        .expect("run sixalign")
}

#[test]
fn cli_exit_codes_json_and_html() {
    let dir = tempfile::tempdir().expect("tempdir");
    let zh = Path::new(UDHR).join("zh.txt");
    let es = Path::new(UDHR).join("es.txt");
    let (zh, es) = (zh.to_str().expect("path"), es.to_str().expect("path"));

    let clean = sixalign(&["qa", zh, es]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stderr)
    );

    let bad = dir.path().join("en.txt");
    std::fs::write(&bad, udhr_en_without_article_5()).expect("write");
    let html = dir.path().join("out.html");
    let out = sixalign(&[
        "qa",
        zh,
        bad.to_str().expect("path"),
        "--json",
        "--html",
        html.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(j["schema"], "sixalign-qa/1");
    assert_eq!(j["pairs"][0]["tgt_lang"], "en");
    let f = &j["pairs"][0]["findings"];
    let missing = f
        .as_array()
        .expect("findings")
        .iter()
        .find(|x| x["kind"] == "missing_block")
        .expect("missing_block in JSON");
    for key in [
        "kind", "category", "severity", "doc", "src_lang", "tgt_lang", "side", "region", "label",
        "src", "tgt", "src_line", "tgt_line", "src_text", "tgt_text", "message",
    ] {
        assert!(missing.get(key).is_some(), "JSON finding lacks {key}");
    }
    assert_eq!(missing["label"], "art5");
    assert!(j["counts"]["error"].as_u64().unwrap_or(0) >= 1);
    let page = std::fs::read_to_string(&html).expect("html written");
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary file left behind");

    // The summary for people: grouped by severity, no colour into a pipe.
    let human = sixalign(&["qa", zh, bad.to_str().expect("path"), es]);
    assert_eq!(human.status.code(), Some(1));
    let text = String::from_utf8_lossy(&human.stdout);
    let (e, w) = (
        text.find("\nerror (").expect("error group"),
        text.find("\nwarning (").expect("warning group"),
    );
    assert!(e < w, "errors listed first:\n{text}");
    assert!(text.contains("zh-en [art5] missing_block"), "{text}");
    assert!(!text.contains('\x1b'), "colour codes written to a pipe");

    let missing_file = sixalign(&["qa", zh, "/nonexistent/file.txt"]);
    assert_eq!(missing_file.status.code(), Some(2));
    let bad_lang = sixalign(&["qa", zh, es, "--lang", "xx=foo"]);
    assert_eq!(bad_lang.status.code(), Some(2));
}

#[test]
fn html_escapes_text() {
    let zh = doc(
        "z",
        "大会，\n\n1. 决定<script>alert(1)</script>拨款。\n",
        Lang::Zh,
    );
    let en = doc(
        "e",
        "The General Assembly,\n\n1. Decides \"x\" & <b>y</b>.\n",
        Lang::En,
    );
    let r = PairReport::new(&Aligner::new(), &zh, &en);
    let mut html = Vec::new();
    qa::html::write_html(&zh, &[r], &mut html).expect("html");
    let html = String::from_utf8(html).expect("utf-8");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;x&quot; &amp; &lt;b&gt;y&lt;/b&gt;"));
    assert_eq!(html.matches("<script>").count(), 1, "only our own script");
}

#[test]
fn findings_do_not_depend_on_threads() {
    let zh = doc("udhr.zh", &udhr(Lang::Zh), Lang::Zh);
    let others: Vec<Document> = [Lang::Ar, Lang::En, Lang::Ru]
        .into_iter()
        .map(|l| doc("udhr", &udhr(l), l))
        .collect();
    let json = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        pool.install(|| {
            let reports: Vec<PairReport> = others
                .iter()
                .map(|o| PairReport::new(&Aligner::new(), &zh, o))
                .collect();
            let mut out = Vec::new();
            qa::write_json(&zh, &reports, &mut out).expect("json");
            let mut html = Vec::new();
            qa::html::write_html(&zh, &reports, &mut html).expect("html");
            (out, html)
        })
    };
    assert!(json(1) == json(4), "output differs between 1 and 4 threads");
}

#[test]
fn findings_are_deterministic_and_sorted() {
    let zh = doc("udhr.zh", &udhr(Lang::Zh), Lang::Zh);
    let en = doc("udhr.en", &udhr_en_without_article_5(), Lang::En);
    let a = check(&zh, &en);
    let b = check(&zh, &en);
    assert_eq!(a, b);
    let mut sorted = a.clone();
    qa::sort_findings(&mut sorted);
    assert_eq!(a, sorted);
}

/// `qa` takes its inputs as `align` does: the Chinese version is the hub
/// wherever it is given, `--lang xx=FILE` adds a version, a file given
/// twice is refused, naming it.
#[test]
fn cli_qa_takes_inputs_as_align_does() {
    let zh = Path::new(UDHR).join("zh.txt");
    let en = Path::new(UDHR).join("en.txt");
    let (zh, en) = (zh.to_str().expect("path"), en.to_str().expect("path"));
    let json = |args: &[&str]| -> serde_json::Value {
        let out = sixalign(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let hub_first = json(&["qa", zh, en, "--json"]);
    assert_eq!(hub_first["hub"]["lang"], "zh");
    assert_eq!(hub_first["pairs"][0]["src_lang"], "zh");
    assert_eq!(hub_first["pairs"][0]["tgt_lang"], "en");
    let hub_last = json(&["qa", en, zh, "--json"]);
    assert_eq!(hub_last, hub_first, "qa en zh must be qa zh en");
    let with_lang = json(&["qa", zh, "--lang", &format!("en={en}"), "--json"]);
    assert_eq!(
        with_lang["pairs"][0]["findings"],
        hub_first["pairs"][0]["findings"]
    );

    let twice = sixalign(&["qa", zh, en, "--lang", &format!("en={en}")]);
    assert_eq!(twice.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&twice.stderr);
    assert!(msg.contains("en.txt") && msg.contains("twice"), "{msg}");
    let no_hub = sixalign(&["qa", en, &Path::new(UDHR).join("fr.txt").to_string_lossy()]);
    assert_eq!(no_hub.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&no_hub.stderr).contains("no Chinese version"),
        "{}",
        String::from_utf8_lossy(&no_hub.stderr)
    );
}

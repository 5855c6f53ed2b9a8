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
    let p = Path::new(crate::ROOT).join("../shared/data").join(rel);
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

/// A gold `.tsv`: (id, text) per line.
type Gold = Vec<(String, String)>;

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
    blocks_of(gold, sents, true)
}

/// The gold block (`art12.2`), or with `article` its article (`art12`), of
/// each sentence, as [`articles_of`].
fn blocks_of(gold: &[(String, String)], sents: &[&str], article: bool) -> Vec<Option<String>> {
    let mut all = String::new();
    let mut ends: Vec<(usize, String)> = Vec::new();
    for (id, t) in gold {
        all.push_str(&squash(t));
        let art = if article {
            id.split('.').next().unwrap_or(id).to_string()
        } else {
            id.clone()
        };
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

/// Part of a treaty as Traditional-Chinese translations have it (the first
/// articles of the Covenant on Civil and Political Rights in the Taiwanese
/// wording, with an article 3 bis WRITTEN BY US to hold a percentage, a
/// fraction and a date in Chinese numerals): Part headings glued to the
/// line before, paragraphs numbered `一  ` and `一、` run on in one line,
/// sub-paragraphs `（一）`; the English has one paragraph a line.
const TREATY_ZH: &str = "公民及政治權利國際公約
第壹編
第一條
一  所有民族均享有自決權，根據此種權利，自由決定其政治地位並自由從事其經濟、社會與文化之發展。二  所有民族得為本身之目的，自由處置其天然財富及資源，但不得妨害因基於互惠原則之國際經濟合作及因國際法而生之任何義務。無論在何種情形下，民族之生計，不容剝奪。三  本公約締約國，包括負責管理非自治及託管領土之國家在內，均應遵照聯合國憲章規定，促進自決權之實現，並尊重此種權利。第貳編
第二條
一、本公約締約國承允尊重並確保所有境內受其管轄之人，無分種族、膚色、性別、語言、宗教、政見或其他主張、民族本源或社會階級、財產、出生或其他身分等等，一律享受本公約所確認之權利。二、本公約締約國承允遇現行立法或其他措施尚無規定時，各依本國憲法程序，並遵照本公約規定，採取必要之立法或其他措施，以實現本公約所確認之權利。
三、本公約締約國承允：（一）確保任何人所享本公約確認之權利或自由如遭受侵害，均獲有效之救濟，公務員執行職務所犯之侵權行為，亦不例外；（二）確保上項救濟聲請人之救濟權利，由主管司法、行政或立法當局裁定，或由該國法律制度規定之其他主管當局裁定，並推廣司法救濟之機會；（三）確保上項救濟一經核准，主管當局概予執行。
第三條之一
本公約締約國承允確保本公約所載一切公民及政治權利之享受，男女權利，一律平等。本條適用於百分之一的人口和三分之二的締約國，自一九六六年十二月十六日起生效。
";

const TREATY_EN: &str = "International Covenant on Civil and Political Rights
PART I
Article 1
1. All peoples have the right of self-determination. By virtue of that right they freely determine their political status and freely pursue their economic, social and cultural development.
2. All peoples may, for their own ends, freely dispose of their natural wealth and resources without prejudice to any obligations arising out of international economic co-operation, based upon the principle of mutual benefit, and international law. In no case may a people be deprived of its own means of subsistence.
3. The States Parties to the present Covenant, including those having responsibility for the administration of Non-Self-Governing and Trust Territories, shall promote the realization of the right of self-determination, and shall respect that right, in conformity with the provisions of the Charter of the United Nations.
PART II
Article 2
1. Each State Party to the present Covenant undertakes to respect and to ensure to all individuals within its territory and subject to its jurisdiction the rights recognized in the present Covenant, without distinction of any kind, such as race, colour, sex, language, religion, political or other opinion, national or social origin, property, birth or other status.
2. Where not already provided for by existing legislative or other measures, each State Party to the present Covenant undertakes to take the necessary steps, in accordance with its constitutional processes and with the provisions of the present Covenant, to adopt such laws or other measures as may be necessary to give effect to the rights recognized in the present Covenant.
3. Each State Party to the present Covenant undertakes:
(a) To ensure that any person whose rights or freedoms as herein recognized are violated shall have an effective remedy, notwithstanding that the violation has been committed by persons acting in an official capacity;
(b) To ensure that any person claiming such a remedy shall have his right thereto determined by competent judicial, administrative or legislative authorities, or by any other competent authority provided for by the legal system of the State, and to develop the possibilities of judicial remedy;
(c) To ensure that the competent authorities shall enforce such remedies when granted.
Article 3 bis
The States Parties to the present Covenant undertake to ensure the equal right of men and women to the enjoyment of all civil and political rights set forth in the present Covenant. This article applies to 1 per cent of the population and two thirds of the States Parties, from 16 December 1966.
";

fn treaty_check(zh: &str, en: &str) -> (PairAlignment, Vec<sixalign::qa::PairFinding>) {
    let hub = doc("treaty.zh", zh, None);
    let other = doc("treaty.en", en, Some(Lang::En));
    let pa = Aligner::new().align_pair(&hub, &other);
    let f = sixalign::qa::check_pair(&hub, &other, &pa);
    (pa, f)
}

/// The faithful pair: every paragraph numbered inside the Chinese line
/// pairs with its own English line, and QA finds nothing wrong with the
/// numbers (`一、` is the `1.` of the English, `百分之一` its `1 per cent`,
/// `三分之二` its `two thirds`, `一九六六年十二月十六日` its date).
#[test]
fn treaty_numbered_inside_the_line_pairs_and_checks_clean() {
    let (pa, f) = treaty_check(TREATY_ZH, TREATY_EN);
    let shown: String = f.iter().map(|x| format!("  {x}\n")).collect();
    assert!(
        f.iter().all(|x| x.severity != sixalign::qa::Severity::Error
            && x.kind != sixalign::qa::FindingKind::NumberMismatch),
        "findings on a faithful pair:\n{shown}"
    );
    // Each English paragraph (by its opening words) is linked to the
    // Chinese paragraph that has the same number in the same article.
    let s: Vec<&str> = pa.src.iter().map(|x| x.text.as_str()).collect();
    let t: Vec<&str> = pa.tgt.iter().map(|x| x.text.as_str()).collect();
    let pairs = [
        ("一  所有民族均享有", "1. All peoples have"),
        ("二  所有民族得為", "2. All peoples may"),
        ("三  本公約締約國，包括", "3. The States Parties"),
        ("一、本公約締約國承允尊重", "1. Each State Party"),
        ("二、本公約締約國承允遇", "2. Where not already"),
        ("三、本公約締約國承允：", "3. Each State Party"),
        ("（一）確保任何人", "(a) To ensure"),
        ("（二）確保上項救濟聲請人", "(b) To ensure"),
        ("（三）確保上項救濟一經核准", "(c) To ensure"),
    ];
    for (zh, en) in pairs {
        let linked = pa.beads().any(|b| {
            b.src.clone().any(|i| s[i].starts_with(zh))
                && b.tgt.clone().any(|i| t[i].starts_with(en))
        });
        assert!(linked, "{zh} is not linked to {en}");
    }
}

/// A fraction, a percentage or a date changed in the Chinese is found,
/// written in words as it is: fractions are written in words in every
/// language, so two that differ are a mismatch, not a wording.
#[test]
fn treaty_changed_fraction_percentage_or_date_is_found() {
    for (from, to) in [
        ("三分之二", "四分之三"),
        ("三分之二", "三分之一"),
        ("百分之一的", "百分之兩的"),
        ("一九六六年", "一九六七年"),
    ] {
        assert!(TREATY_ZH.contains(from));
        let (_, f) = treaty_check(&TREATY_ZH.replace(from, to), TREATY_EN);
        let found = f.iter().any(|x| {
            x.kind == sixalign::qa::FindingKind::NumberMismatch
                && x.severity == sixalign::qa::Severity::Error
                && x.label.as_deref() == Some("art3-1")
        });
        let shown: String = f.iter().map(|x| format!("  {x}\n")).collect();
        assert!(found, "{from} → {to} not found:\n{shown}");
    }
}

/// How a treaty in Traditional Chinese may number the paragraphs of an
/// article that the OHCHR text numbers `1.`.
#[derive(Clone, Copy, Debug)]
enum TreatyForm {
    /// `一、`, each paragraph on its own line.
    Dun,
    /// `一、` run on in the article's one line.
    DunInline,
    /// `一　` (ideographic space) run on in one line.
    SpaceInline,
    /// `１．` (full-width) run on in one line.
    FullWidthInline,
}

/// The real zh-Hant UDHR rewritten as treaties have it: its `1.` paragraph
/// numbers in `form`, and chapter headings (`第貳章` …, present in the
/// Chinese only) glued to the end of the line before articles 11 and 21.
fn treaty_form(text: &str, form: TreatyForm) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let numbered = line
            .split_once(". ")
            .and_then(|(n, rest)| Some((n.parse::<usize>().ok()?, rest)));
        match numbered {
            Some((n, rest)) => {
                let label = match form {
                    TreatyForm::Dun | TreatyForm::DunInline => {
                        format!("{}、", crate::variants::zh_numeral(n))
                    }
                    TreatyForm::SpaceInline => {
                        format!("{}\u{3000}", crate::variants::zh_numeral(n))
                    }
                    TreatyForm::FullWidthInline => format!(
                        "{}．",
                        n.to_string()
                            .chars()
                            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
                            .collect::<String>()
                    ),
                };
                let inline = !matches!(form, TreatyForm::Dun);
                if n > 1 && inline && out.ends_with('\n') {
                    out.pop();
                }
                out.push_str(&label);
                out.push_str(rest);
            }
            None => {
                let chapter = match line {
                    "第十一條" => Some("第貳章"),
                    "第二十一條" => Some("第參章"),
                    _ => None,
                };
                if let Some(c) = chapter {
                    out.pop();
                    out.push_str(c);
                    out.push('\n');
                }
                out.push_str(line);
            }
        }
        out.push('\n');
    }
    out
}

/// Numbered paragraphs (`art11.1`) linked alone: some bead links the
/// paragraph to itself and no bead links it to another paragraph; and how
/// many numbered paragraphs the two versions share.
fn numbered_paragraphs_linked(
    hub: &[(String, String)],
    other: &[(String, String)],
    pa: &PairAlignment,
) -> (usize, usize) {
    let numbered = |g: &[(String, String)]| -> BTreeSet<String> {
        g.iter()
            .map(|(id, _)| id.clone())
            .filter(|id| {
                id.split_once('.')
                    .is_some_and(|(_, k)| k.parse::<u32>().is_ok())
            })
            .collect()
    };
    let shared: BTreeSet<String> = numbered(hub)
        .intersection(&numbered(other))
        .cloned()
        .collect();
    let s: Vec<&str> = pa.src.iter().map(|x| x.text.as_str()).collect();
    let t: Vec<&str> = pa.tgt.iter().map(|x| x.text.as_str()).collect();
    let (sb, tb) = (blocks_of(hub, &s, false), blocks_of(other, &t, false));
    let (mut linked, mut bad) = (BTreeSet::new(), BTreeSet::new());
    for b in pa.beads() {
        let set = |r: std::ops::Range<usize>, m: &[Option<String>]| -> BTreeSet<String> {
            r.filter_map(|i| m[i].clone()).collect()
        };
        let (a, c) = (set(b.src.clone(), &sb), set(b.tgt.clone(), &tb));
        if a.is_empty() || c.is_empty() {
            continue;
        }
        // A bead of two paragraphs on each side links neither alone.
        if a == c && a.len() == 1 {
            linked.extend(a);
        } else if a != c {
            bad.extend(a.into_iter().chain(c));
        }
    }
    let ok = shared
        .iter()
        .filter(|id| linked.contains(*id) && !bad.contains(*id))
        .count();
    (ok, shared.len())
}

/// The real Traditional UDHR in treaty forms still links 30/30 articles
/// in all five pairs, every bead inside its own article, every numbered
/// paragraph to its own, and QA finds no more errors than on the text as
/// published.
#[test]
fn udhr_traditional_in_treaty_forms_links_every_article() {
    let text = read("udhr/extra/zh-hant.txt");
    let hub_gold = gold("udhr/extra/zh-hant.tsv");
    let aligner = Aligner::new();
    let others: Vec<(Lang, Document, Gold)> = OTHERS
        .iter()
        .map(|&l| {
            let d = doc(
                &format!("{l}.txt"),
                &read(&format!("udhr/{}.txt", l.code())),
                Some(l),
            );
            (l, d, gold(&format!("udhr/{}.tsv", l.code())))
        })
        .collect();
    let errors = |hub: &Document, other: &Document, pa: &PairAlignment| {
        sixalign::qa::check_pair(hub, other, pa)
            .iter()
            .filter(|f| f.severity == sixalign::qa::Severity::Error)
            .count()
    };
    let published = doc("zh-hant.txt", &text, None);
    let base: Vec<usize> = others
        .iter()
        .map(|(_, o, _)| errors(&published, o, &aligner.align_pair(&published, o)))
        .collect();
    let mut failures = Vec::new();
    for form in [
        TreatyForm::Dun,
        TreatyForm::DunInline,
        TreatyForm::SpaceInline,
        TreatyForm::FullWidthInline,
    ] {
        let t = treaty_form(&text, form);
        assert!(t.contains("第貳章第十一條") || t.contains("第貳章\n第十一條"));
        let hub = doc("zh-hant.treaty.txt", &t, None);
        assert_eq!(hub.lang, Lang::Zh);
        for ((l, other, other_gold), base) in others.iter().zip(&base) {
            let pa = aligner.align_pair(&hub, other);
            let (linked, links, misplaced) = measure(&hub_gold, other_gold, &pa);
            let e = errors(&hub, other, &pa);
            let (paras, para_total) = numbered_paragraphs_linked(&hub_gold, other_gold, &pa);
            println!(
                "zh-hant {form:?}-{l}: articles linked {linked}/30, numbered paragraphs linked {paras}/{para_total}, linking beads {links}, misplaced {}, qa errors {e} (published {base})",
                misplaced.len()
            );
            if paras != para_total {
                failures.push(format!(
                    "{form:?} zh-hant-{l}: {paras} of {para_total} numbered paragraphs linked alone"
                ));
            }
            for m in &misplaced {
                println!("    {m}");
            }
            if linked != 30 || !misplaced.is_empty() || e > *base {
                failures.push(format!(
                    "{form:?} zh-hant-{l}: {linked}/30 linked, {} of {links} misplaced, {e} qa errors (published {base})",
                    misplaced.len()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Article 2 of the Vienna Convention on the Law of Treaties as its Chinese
/// text has it (Traditional characters, sub-paragraphs lettered with the
/// Heavenly Stems `（甲）（乙）（丙）`, `「」` quotes, articles and parts with
/// their titles on the heading's line), and its English.
const VCLT_ZH: &str = "維也納條約法公約
第一編 導言
第一條 本公約之範圍
本公約適用於國家間之條約。
第二條 用語
一、就適用本公約而言：
（甲）稱「條約」者，謂國家間所締結而以國際法為準之國際書面協定，不論其載於一項單獨文書或兩項以上相互有關之文書內，亦不論其特定名稱為何；
（乙）稱「批准」、「接受」、「贊同」及「加入」者，各依本義指一國據以在國際上確定其同意承受條約拘束之國際行為；
（丙）稱「全權證書」者，謂一國主管當局所頒發，指派一人或數人代表該國談判、議定或認證條約約文，表示該國同意承受條約拘束，或完成有關條約之任何其他行為之文件；
二、第一項關於本公約內各項用語之規定不妨礙此等用語在任何國家國內法上之使用或所具有之意義。
";

const VCLT_EN: &str = "Vienna Convention on the Law of Treaties
PART I. INTRODUCTION
Article 1 Scope of the present Convention
The present Convention applies to treaties between States.
Article 2 Use of terms
1. For the purposes of the present Convention:
(a) \"treaty\" means an international agreement concluded between States in written form and governed by international law, whether embodied in a single instrument or in two or more related instruments and whatever its particular designation;
(b) \"ratification\", \"acceptance\", \"approval\" and \"accession\" mean in each case the international act so named whereby a State establishes on the international plane its consent to be bound by a treaty;
(c) \"full powers\" means a document emanating from the competent authority of a State designating a person or persons to represent the State for negotiating, adopting or authenticating the text of a treaty, for expressing the consent of the State to be bound by a treaty, or for accomplishing any other act with respect to a treaty;
2. The provisions of paragraph 1 regarding the use of terms in the present Convention are without prejudice to the use of those terms or to the meanings which may be given to them in the internal law of any State.
";

/// `（甲）` is the `(a)` of the English, on its own line or run on in the
/// line of its paragraph; `Article 1 Scope of …` is an article heading as
/// `第一條 本公約之範圍` is; QA finds nothing (`第一項` is `paragraph 1`).
#[test]
fn vienna_convention_stems_and_titled_articles() {
    let run_on = VCLT_ZH
        .replace("而言：\n（", "而言：（")
        .replace("；\n（", "；（")
        .replace("；\n二、", "；二、");
    assert_ne!(run_on, VCLT_ZH);
    for zh in [VCLT_ZH, run_on.as_str()] {
        let (pa, f) = treaty_check(zh, VCLT_EN);
        let shown: String = f.iter().map(|x| format!("  {x}\n")).collect();
        assert!(f.is_empty(), "findings on a faithful pair:\n{shown}");
        let s: Vec<&str> = pa.src.iter().map(|x| x.text.as_str()).collect();
        let t: Vec<&str> = pa.tgt.iter().map(|x| x.text.as_str()).collect();
        let pairs = [
            ("本公約之範圍", "Scope of the present"),
            ("本公約適用於", "The present Convention applies"),
            ("用語", "Use of terms"),
            ("一、就適用", "1. For the purposes"),
            ("（甲）", "(a)"),
            ("（乙）", "(b)"),
            ("（丙）", "(c)"),
            ("二、第一項", "2. The provisions"),
        ];
        for (z, e) in pairs {
            let linked = pa.beads().any(|b| {
                b.src.len() == 1
                    && b.tgt.len() == 1
                    && s[b.src.start].starts_with(z)
                    && t[b.tgt.start].starts_with(e)
            });
            assert!(linked, "{z} is not linked alone to {e}");
        }
    }
}

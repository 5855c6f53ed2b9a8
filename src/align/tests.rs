//! Tests of the program: shapes, priors, pieces, threads.

use super::pieces::{corners, cuts, join};
use super::*;

fn covers(beads: &[Bead], n: usize, m: usize) -> bool {
    let (mut i, mut j) = (0, 0);
    for b in beads {
        if b.src.start != i || b.tgt.start != j || (b.src.is_empty() && b.tgt.is_empty()) {
            return false;
        }
        i = b.src.end;
        j = b.tgt.end;
    }
    i == n && j == m
}

#[test]
fn numbers_pull_the_right_pairs_together() {
    let zh = [
        "大会于2019年12月12日通过第74/28号决议。",
        "会议有193个会员国参加。",
        "秘书长提交了A/74/363号报告。",
    ];
    let en = [
        "The General Assembly adopted resolution 74/28 on 12 December 2019.",
        "The meeting was attended by 193 Member States.",
        "The Secretary-General submitted report A/74/363.",
    ];
    let p = Params::estimate(Lang::Zh, Lang::En, &zh, &en);
    let beads = align(&zh, &en, &p);
    let shape: Vec<(Range<usize>, Range<usize>)> = beads
        .iter()
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .collect();
    assert_eq!(shape, vec![(0..1, 0..1), (1..2, 1..2), (2..3, 2..3)]);
    assert!(beads.iter().all(|b| b.score > 0.5), "{beads:?}");
}

#[test]
fn a_sentence_split_in_two_becomes_a_1_2_bead() {
    let zh = [
        "会员国应当加强合作，并向秘书长报告其在2020年采取的措施。",
        "大会决定继续审议该问题。",
    ];
    let en = [
        "Member States should strengthen their cooperation.",
        "They should report to the Secretary-General on the measures they took in 2020.",
        "The General Assembly decides to remain seized of the matter.",
    ];
    let p = Params::estimate(Lang::Zh, Lang::En, &zh, &en);
    let beads = align(&zh, &en, &p);
    assert_eq!(beads.len(), 2, "{beads:?}");
    assert_eq!((beads[0].src.clone(), beads[0].tgt.clone()), (0..1, 0..2));
}

/// Sentences of clauses `first..` (a clause: a resolution number and a
/// year), `sizes[k]` clauses in sentence `k`, in Chinese or English.
fn clauses(first: usize, sizes: &[usize], zh: bool) -> Vec<String> {
    let mut next = first;
    sizes
        .iter()
        .map(|&n| {
            let parts: Vec<String> = (next..next + n)
                .map(|c| {
                    let (r, y) = (100 + 7 * c, 1950 + 3 * c);
                    if zh {
                        format!("第{r}号决议于{y}年通过")
                    } else {
                        format!("resolution {r} was adopted in {y}")
                    }
                })
                .collect();
            next += n;
            if zh {
                parts.join("，") + "。"
            } else {
                let s = parts.join(", and ") + ".";
                s[..1].to_uppercase() + &s[1..]
            }
        })
        .collect()
}

#[test]
fn every_shape_up_to_five_on_a_side_is_found() {
    // Per shape, how the clauses are spread over its sentences: no
    // sentence boundary inside the bead falls on both sides at once,
    // so only the whole bead pairs every number with its partner.
    let rows: [(&[usize], &[usize]); 9] = [
        (&[4], &[1, 1, 1, 1]),
        (&[1, 1, 1, 1], &[4]),
        (&[2, 2], &[1, 2, 1]),
        (&[1, 2, 1], &[2, 2]),
        (&[5], &[1, 1, 1, 1, 1]),
        (&[1, 1, 1, 1, 1], &[5]),
        (&[2, 3], &[1, 2, 1, 1]),
        (&[1, 2, 1, 1], &[2, 3]),
        (&[1, 3, 2], &[2, 3, 1]),
    ];
    for (zs, es) in rows {
        assert_eq!(zs.iter().sum::<usize>(), es.iter().sum::<usize>());
        let inner = zs.iter().sum::<usize>();
        // One-clause sentences on both sides around the bead.
        let mut zh = clauses(0, &[1, 1], true);
        let mut en = clauses(0, &[1, 1], false);
        zh.extend(clauses(2, zs, true));
        en.extend(clauses(2, es, false));
        zh.extend(clauses(2 + inner, &[1, 1], true));
        en.extend(clauses(2 + inner, &[1, 1], false));
        let z: Vec<&str> = zh.iter().map(String::as_str).collect();
        let e: Vec<&str> = en.iter().map(String::as_str).collect();
        let p = Params::estimate(Lang::Zh, Lang::En, &z, &e);
        let beads = align(&z, &e, &p);
        let shape: Vec<(Range<usize>, Range<usize>)> = beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect();
        let (a, b) = (zs.len(), es.len());
        assert_eq!(
            shape,
            vec![
                (0..1, 0..1),
                (1..2, 1..2),
                (2..2 + a, 2..2 + b),
                (2 + a..3 + a, 2 + b..3 + b),
                (3 + a..4 + a, 3 + b..4 + b),
            ],
            "{a}-{b}: {zh:?} {en:?}"
        );
    }
}

#[test]
fn priors_follow_the_shapes_of_an_earlier_pass() {
    let b = |s: Range<usize>, t: Range<usize>| skip(s, t);
    let d = ShapePriors::default();
    // No beads: the defaults.
    assert_eq!(ShapePriors::from_path(&[]), d);
    // A path of 1-2 beads only (a translator who splits every
    // sentence): 1-2 dearer no more, 1-1 dearer than by default.
    let path: Vec<Bead> = (0..400).map(|k| b(k..k + 1, 2 * k..2 * k + 2)).collect();
    let p = ShapePriors::from_path(&path);
    let at = |s: (usize, usize)| SHAPES.iter().position(|x| (x.0, x.1) == s).unwrap();
    assert!(p.cost[at((1, 2))] < 0.2, "{p:?}");
    assert!(p.cost[at((1, 1))] > d.cost[at((1, 1))] + 1.0);
    // Unseen shapes keep their order among themselves.
    assert!(p.cost[at((1, 4))] < p.cost[at((2, 4))]);
}

#[test]
fn empty_sides_give_skips_only() {
    let p = Params::with_ratio(Lang::Zh, Lang::Fr, 3.0);
    let b = align(&["一。", "二。"], &[], &p);
    assert!(covers(&b, 2, 0) && b.len() == 2);
    let b = align(&[], &["Un.", "Deux.", "Trois."], &p);
    assert!(covers(&b, 0, 3) && b.len() == 3);
    assert!(align(&[], &[], &p).is_empty());
}

#[test]
fn coarse_to_fine_matches_the_full_table_on_a_long_input() {
    // Sentences with distinct numbers and lengths, one side with a drop.
    let src: Vec<String> = (0..900)
        .map(|k| format!("第{k}段{}。", "字".repeat(5 + k % 23)))
        .collect();
    let mut tgt: Vec<String> = (0..900)
        .map(|k| format!("Paragraph {k} {}.", "word ".repeat(2 + (k % 23) / 2)))
        .collect();
    tgt.remove(450);
    let s: Vec<&str> = src.iter().map(String::as_str).collect();
    let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
    let p = Params::estimate(Lang::Zh, Lang::En, &s, &t);
    let fs = p.src_features(&s);
    let ft = p.tgt_features(&t);
    assert!((fs.len() + 1) * (ft.len() + 1) > FULL_CELLS);
    let banded = align_features(&fs, &ft, &p);
    let (rs, rt) = (RunTable::new(&fs), RunTable::new(&ft));
    let full = dp(
        &Runs::new(&rs),
        &Runs::new(&rt),
        &p,
        &Band::full(fs.len(), ft.len()),
        (0, 0),
    )
    .unwrap();
    assert!(covers(&banded, 900, 899));
    assert_eq!(banded, full);
    assert!(
        banded
            .iter()
            .any(|b| b.src == (450..451) && b.tgt.is_empty())
    );
}

/// A long input with drops and merges, as `--lines` sees it.
fn long_input(n: usize) -> (Vec<String>, Vec<String>) {
    let mut src = Vec::new();
    let mut tgt = Vec::new();
    for k in 0..n {
        let zh = format!("第{k}段{}。", "字".repeat(5 + (k * 7) % 31));
        let en = format!("Paragraph {k} {}.", "word ".repeat(2 + ((k * 7) % 31) / 2));
        src.push(zh);
        match k % 97 {
            13 => {}
            41 => {
                let last: &mut String = tgt.last_mut().unwrap();
                last.push(' ');
                last.push_str(&en);
            }
            _ => tgt.push(en),
        }
    }
    (src, tgt)
}

#[test]
fn pieces_give_the_whole_tables_path_and_do_not_depend_on_threads() {
    let (src, tgt) = long_input(3 * PIECE + 500);
    let s: Vec<&str> = src.iter().map(String::as_str).collect();
    let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
    let p = Params::estimate(Lang::Zh, Lang::En, &s, &t);
    let (fs, ft) = (p.src_features(&s), p.tgt_features(&t));
    let (rs, rt) = (RunTable::new(&fs), RunTable::new(&ft));
    let corners = {
        let coarse = align_runs(&rs.grouped(GROUP), &rt.grouped(GROUP), &p, PIECE, 1);
        corners(&coarse, s.len(), t.len(), GROUP)
    };
    assert!(cuts(&corners, PIECE).len() >= 4, "the input is cut");
    let whole = align_runs(&rs, &rt, &p, usize::MAX, 0);
    let on = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| align(&s, &t, &p))
    };
    let pieces = on(1);
    assert!(covers(&pieces, s.len(), t.len()));
    assert_eq!(pieces, whole);
    assert_eq!(on(3), pieces);
}

#[test]
fn long_shapes_and_reestimated_priors_do_not_depend_on_threads() {
    // Every 37th Chinese sentence is split into four English ones.
    let mut src = Vec::new();
    let mut tgt = Vec::new();
    for k in 0..PIECE + 900 {
        let pad = "字".repeat(5 + (k * 7) % 31);
        let words = "word ".repeat(2 + ((k * 7) % 31) / 2);
        if k % 37 == 5 {
            let n = 100_000 + 3 * k;
            src.push(format!(
                "第{k}段{pad}，第{n}项，第{}项，第{}项。",
                n + 1,
                n + 2
            ));
            tgt.push(format!("Paragraph {k} {words}."));
            for x in n..n + 3 {
                tgt.push(format!("Item {x} is listed."));
            }
        } else {
            src.push(format!("第{k}段{pad}。"));
            tgt.push(format!("Paragraph {k} {words}."));
        }
    }
    let s: Vec<&str> = src.iter().map(String::as_str).collect();
    let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
    let p = Params::estimate(Lang::Zh, Lang::En, &s, &t);
    let on = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| {
                let first = align(&s, &t, &p);
                let second = align_near(&s, &t, &p, &first);
                (first, second)
            })
    };
    let (first, second) = on(1);
    assert!(covers(&first, s.len(), t.len()) && covers(&second, s.len(), t.len()));
    let fours = second.iter().filter(|b| b.tgt.len() == 4).count();
    assert_eq!(fours, (0..s.len()).filter(|k| k % 37 == 5).count());
    assert_eq!(on(2), (first, second));
}

#[test]
fn join_prefers_a_shared_corner_and_realigns_without_one() {
    let b = |s: Range<usize>, t: Range<usize>| Bead {
        src: s,
        tgt: t,
        score: 0.9,
    };
    // Two paths that meet at (3, 3).
    let mut path = vec![b(0..1, 0..1), b(1..2, 1..2), b(2..3, 2..3), b(3..5, 3..4)];
    let next = vec![b(2..3, 2..4), b(3..4, 4..5), b(4..6, 5..6)];
    // `next` starts at (2, 2), a corner of `path`: joined there.
    join(&mut path, next.clone(), (3, 3), |_, _| unreachable!());
    assert_eq!(path[..2], [b(0..1, 0..1), b(1..2, 1..2)]);
    assert_eq!(path[2..], next[..]);
    // No shared corner: the stretch between is filled.
    let mut path = vec![b(0..2, 0..1), b(2..4, 1..3)];
    let next = vec![b(1..3, 1..2), b(3..5, 2..5), b(5..6, 5..6)];
    join(&mut path, next, (4, 3), |from, to| {
        assert_eq!((from, to), ((4, 3), (5, 5)));
        vec![b(4..5, 3..5)]
    });
    assert_eq!(
        path,
        vec![b(0..2, 0..1), b(2..4, 1..3), b(4..5, 3..5), b(5..6, 5..6)]
    );
}

/// Three Chinese sentences of one length against two English ones of one
/// length: the middle Chinese sentence joins the first or the last, the
/// lengths cannot tell which. `mark` is the middle one's punctuation kind,
/// put into the first English sentence when `first`, else the second.
/// Returns the beads with the default costs and with punctuation costing
/// nothing.
fn middle_joins(zh_mid: &str, en_marked: &str, first: bool) -> (Vec<Bead>, Vec<Bead>) {
    let plain = "bbbb bbbb bbbb bbbb bbbb bbbb bb.";
    assert_eq!(plain.chars().count(), en_marked.chars().count());
    let zh = ["甲甲甲甲甲甲。", zh_mid, "丙丙丙丙丙丙。"];
    let en = if first {
        [en_marked, plain]
    } else {
        [plain, en_marked]
    };
    let p = Params::estimate(Lang::Zh, Lang::En, &zh, &en);
    let blind = Params {
        punctuation: Punctuation { miss: [0.0; 3] },
        ..p.clone()
    };
    (align(&zh, &en, &p), align(&zh, &en, &blind))
}

fn shape(beads: &[Bead]) -> Vec<(Range<usize>, Range<usize>)> {
    beads
        .iter()
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .collect()
}

/// Checks that the middle sentence joins the side its kind of punctuation
/// is on, both ways, and that without the evidence one way goes wrong.
fn punctuation_decides(zh_mid: &str, en_marked: &str) {
    let (front, front_blind) = middle_joins(zh_mid, en_marked, true);
    let (back, back_blind) = middle_joins(zh_mid, en_marked, false);
    assert_eq!(shape(&front), vec![(0..2, 0..1), (2..3, 1..2)]);
    assert_eq!(shape(&back), vec![(0..1, 0..1), (1..3, 1..2)]);
    // The lengths alone give one answer both ways.
    assert_eq!(shape(&front_blind), shape(&back_blind));
}

#[test]
fn a_question_mark_pulls_the_right_pair_together() {
    punctuation_decides("乙乙乙乙乙乙？", "bbbb bbbb bbbb bbbb bbbb bbbb bb?");
}

#[test]
fn an_exclamation_mark_pulls_the_right_pair_together() {
    punctuation_decides("乙乙乙乙乙乙！", "bbbb bbbb bbbb bbbb bbbb bbbb bb!");
}

#[test]
fn quotation_marks_pull_the_right_pair_together() {
    punctuation_decides("「乙乙乙乙」。", "\"bbb bbbb bbbb bbbb bbbb bbbb b\".");
}

#[test]
fn merged_runs_hold_the_punctuation_of_their_sentences() {
    let f: Vec<Features> = ["他来了吗？", "「好！」", "是的。"]
        .iter()
        .map(|t| Features::new(t, Lang::Zh, None))
        .collect();
    let one = RunTable::new(&f);
    let runs = Runs::new(&one);
    use crate::score::{PUNCT_EXCLAIM, PUNCT_QUESTION, PUNCT_QUOTE};
    assert_eq!(
        runs.get(2, 2).0.punct[2],
        PUNCT_QUESTION | PUNCT_EXCLAIM | PUNCT_QUOTE
    );
    assert_eq!(runs.get(3, 2).0.punct[3], PUNCT_EXCLAIM | PUNCT_QUOTE);
    assert_eq!(
        runs.get(3, 3).0.punct[3],
        PUNCT_QUESTION | PUNCT_EXCLAIM | PUNCT_QUOTE
    );
    let mut scratch = RunTable::empty();
    scratch.set_merge(&one, 3, 2);
    assert_eq!(scratch.punct[1], PUNCT_EXCLAIM | PUNCT_QUOTE);
    assert_eq!(
        one.grouped(2).punct[1..],
        [PUNCT_QUESTION | PUNCT_EXCLAIM | PUNCT_QUOTE, 0]
    );
}

/// The beads of `zh` and `en` as (source, target) ranges.
fn shapes_of(zh: &[&str], en: &[&str]) -> Vec<(Range<usize>, Range<usize>)> {
    let p = Params::estimate(Lang::Zh, Lang::En, zh, en);
    align(zh, en, &p)
        .iter()
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .collect()
}

#[test]
fn names_read_as_pinyin_are_shared_by_the_right_links() {
    let zh = ["贾瑞听了这话，连忙答应着去了。", "陈清扬笑了。"];
    let en = [
        "Jia Rui heard this and went off at once.",
        "Chen Qingyang laughed.",
    ];
    let names = |other: Lang| {
        let p = Params::estimate(Lang::Zh, other, &zh, &en);
        let (s, t) = tables(&zh, &en, &p);
        let shared = |i, j| score::intersect(s.names.get(i), t.names.get(j));
        [shared(1, 1), shared(2, 2), shared(1, 2), shared(2, 1)]
    };
    // `jiarui`; `chenqingyang` and `qingyang`; none across.
    assert_eq!(names(Lang::En), [1, 2, 0, 0]);
    // Read between Chinese and Latin-script languages only.
    assert_eq!(names(Lang::Ru), [0, 0, 0, 0]);
}

#[test]
fn common_words_are_not_read_as_names() {
    // `Women` reads as 我们 (`women`), `Take` as 他可 (`take`): no names.
    let zh = [
        "我们认为他可以来。",
        "贾瑞听了这话，心里暗喜，连忙答应着去了。",
    ];
    let en = ["Women think so too, and they have said it many times."];
    assert_eq!(
        shapes_of(&zh, &en),
        shapes_of(
            &zh,
            &["Men think so too, and they have said it many times."]
        )
    );
}

#[test]
fn link_terms_price_each_bead_as_the_program_scored_it() {
    let read = |lang: &str| {
        let path = format!("{}/data/udhr/{lang}.txt", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).expect("the UDHR")
    };
    let (zh, en, fr) = (read("zh"), read("en"), read("fr"));
    let lines = |t: &str| t.lines().map(str::to_owned).collect::<Vec<_>>();
    let (zh, en, fr) = (lines(&zh), lines(&en), lines(&fr));
    // Both sides of the lexicon (its keys on the source side, then on the
    // target side), and cognates.
    let pairs = [
        (Lang::Zh, Lang::En, &zh, &en, true),
        (Lang::En, Lang::Zh, &en, &zh, true),
        (Lang::Fr, Lang::En, &fr, &en, false),
    ];
    for (sl, tl, s, t, lexicon) in pairs {
        let s: Vec<&str> = s.iter().map(String::as_str).collect();
        let t: Vec<&str> = t.iter().map(String::as_str).collect();
        let mut p = Params::estimate(sl, tl, &s, &t);
        if lexicon {
            p = p.with_lexicon(Lexicon::cedict());
        }
        assert_eq!(p.lexicon.is_some(), lexicon);
        let (fs, ft) = (p.src_features(&s), p.tgt_features(&t));
        let beads = align_features(&fs, &ft, &p);
        let (mut merged, mut words) = (0, 0);
        for b in beads
            .iter()
            .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
        {
            let terms = p.link_terms(&fs[b.src.clone()], &ft[b.tgt.clone()]);
            let one = b.src.len() == 1 && b.tgt.len() == 1;
            assert_eq!(
                p.calibration.score(&terms, one),
                b.score,
                "{sl:?}-{tl:?} {b:?}"
            );
            merged += usize::from(!one);
            words += usize::from(terms.lexicon + terms.cognates != 0.0);
        }
        assert!(merged > 0 && words > 10, "{sl:?}-{tl:?}: {merged} {words}");
    }
}

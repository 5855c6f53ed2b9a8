//! Rendering: a planned document in one language, punctuated as its place
//! needs, with the language's own front matter, opener, closing, labels and
//! footnotes, and the noise of the non-hub side (merges, splits, drops,
//! additions) with the gold beads it implies.

use std::ops::Range;

use sixalign::align::Bead;
use sixalign::lang::Lang;

use super::plan::{Facts, Note, Para, Part, Rng, Slot, YEAR, bare};
use super::{Corpus, SynthConfig};

/// One language version, rendered: paragraphs of punctuated units.
#[derive(Clone, Debug)]
pub(super) struct Rendered {
    pub(super) paras: Vec<RenderedPara>,
    pub(super) notes: Vec<String>,
    pub(super) gold: Vec<Bead>,
}

#[derive(Clone, Debug)]
pub(super) struct RenderedPara {
    pub(super) part: Part,
    pub(super) units: Vec<String>,
    pub(super) notes: Vec<usize>,
}

impl Rendered {
    pub(super) fn units(&self) -> Vec<String> {
        self.paras
            .iter()
            .flat_map(|p| p.units.iter().cloned())
            .chain(self.notes.iter().cloned())
            .collect()
    }
}

pub(super) fn render_hub(corpus: &Corpus, lang: Lang, paras: &[Para], f: &Facts) -> Rendered {
    let paras = paras
        .iter()
        .map(|p| {
            let pieces: Vec<String> = p
                .slots
                .iter()
                .map(|s| slot_text(corpus, lang, *s, f))
                .collect();
            RenderedPara {
                part: p.part,
                units: punctuate(lang, p.part, pieces),
                notes: p.notes.clone(),
            }
        })
        .collect();
    Rendered {
        paras,
        notes: f.notes.iter().map(|n| note_text(lang, *n)).collect(),
        gold: Vec::new(),
    }
}

/// A non-hub version: the hub's structure, with noise on the sentences.
#[allow(clippy::too_many_arguments)]
pub(super) fn render_noisy(
    corpus: &Corpus,
    hub: Lang,
    lang: Lang,
    paras: &[Para],
    f: &Facts,
    cfg: &SynthConfig,
    rng: &mut Rng,
    extras: &[usize],
) -> Rendered {
    let mut out = Vec::with_capacity(paras.len());
    let mut gold = Vec::new();
    let (mut i, mut j) = (0usize, 0usize);
    let mut next_extra = 0;
    for p in paras {
        let noisy = matches!(
            p.part,
            Part::Preamble | Part::Operative { .. } | Part::Sub { .. }
        );
        let texts: Vec<String> = p
            .slots
            .iter()
            .map(|s| slot_text(corpus, lang, *s, f))
            .collect();
        let mut pieces: Vec<String> = Vec::with_capacity(texts.len() + 1);
        if p.part == Part::Closing && closing_order(hub) != closing_order(lang) {
            // The hub and this language write the date and the meeting in a
            // different order: one 2-2 bead, as a human annotator would mark it.
            let mut t = texts;
            if closing_order(lang) {
                t.reverse();
            }
            pieces.extend(t);
            gold.push(bead(i..i + 2, j..j + 2));
            i += 2;
            j += 2;
        } else if !noisy {
            for t in texts {
                pieces.push(t);
                gold.push(bead(i..i + 1, j..j + 1));
                i += 1;
                j += 1;
            }
        } else {
            let n = texts.len();
            let mut k = 0;
            while k < n {
                let t = bare(&texts[k]).to_string();
                if rng.chance(cfg.noise) {
                    match rng.below(4) {
                        0 if k + 1 < n => {
                            pieces.push(merge(lang, &t, bare(&texts[k + 1])));
                            gold.push(bead(i..i + 2, j..j + 1));
                            i += 2;
                            j += 1;
                            k += 2;
                            continue;
                        }
                        1 => {
                            if let Some((a, b)) = split(lang, &t) {
                                pieces.push(a);
                                pieces.push(b);
                                gold.push(bead(i..i + 1, j..j + 2));
                                i += 1;
                                j += 2;
                                k += 1;
                                continue;
                            }
                        }
                        2 if n >= 2 && (k + 1 < n || !pieces.is_empty()) => {
                            gold.push(bead(i..i + 1, j..j));
                            i += 1;
                            k += 1;
                            continue;
                        }
                        3 => {
                            pieces.push(t);
                            gold.push(bead(i..i + 1, j..j + 1));
                            let e = extras[next_extra % extras.len()];
                            next_extra += 1;
                            pieces.push(bare(&corpus.lines[&lang][e]).to_string());
                            gold.push(bead(i + 1..i + 1, j + 1..j + 2));
                            i += 1;
                            j += 2;
                            k += 1;
                            continue;
                        }
                        _ => {}
                    }
                }
                pieces.push(t);
                gold.push(bead(i..i + 1, j..j + 1));
                i += 1;
                j += 1;
                k += 1;
            }
        }
        out.push(RenderedPara {
            part: p.part,
            units: if noisy {
                punctuate(lang, p.part, pieces)
            } else {
                pieces
            },
            notes: p.notes.clone(),
        });
    }
    for _ in &f.notes {
        gold.push(bead(i..i + 1, j..j + 1));
        i += 1;
        j += 1;
    }
    Rendered {
        paras: out,
        notes: f.notes.iter().map(|n| note_text(lang, *n)).collect(),
        gold,
    }
}

pub(super) fn bead(src: Range<usize>, tgt: Range<usize>) -> Bead {
    Bead {
        src,
        tgt,
        score: 1.0,
    }
}

/// Chinese puts the date before the meeting in the closing; the others after.
pub(super) fn closing_order(lang: Lang) -> bool {
    lang == Lang::Zh
}

pub(super) fn slot_text(corpus: &Corpus, lang: Lang, slot: Slot, f: &Facts) -> String {
    match slot {
        Slot::Line(i) => bare(&corpus.lines[&lang][i]).to_string(),
        Slot::Session => session(lang).to_string(),
        Slot::Agenda => agenda(lang, f.agenda),
        Slot::Adopted => adopted(lang, f),
        Slot::Committee => committee(lang, f.committee.unwrap_or(0), f.resolution),
        Slot::Title(i) => {
            let sep = if lang == Lang::Ar { " - " } else { ". " };
            format!("99/{}{sep}{}", f.resolution, bare(&corpus.lines[&lang][i]))
        }
        Slot::Opener => opener(lang).to_string(),
        // The closing lines come in the language's own order; see `closing_order`.
        Slot::Meeting | Slot::Date => {
            let meeting_first = !closing_order(lang);
            if (slot == Slot::Meeting) == meeting_first {
                meeting(lang, f.meeting)
            } else {
                date(lang, f.day, f.month)
            }
        }
    }
}

/// Gives each sentence of a paragraph its final punctuation: a full stop
/// inside the paragraph, and at its end what its place in the resolution needs.
pub(super) fn punctuate(lang: Lang, part: Part, pieces: Vec<String>) -> Vec<String> {
    let end = match part {
        Part::Preamble => comma(lang),
        Part::Operative { subs: true, .. } => colon(lang),
        Part::Operative { last: true, .. } | Part::Sub { last: true, .. } => stop(lang),
        Part::Operative { .. } | Part::Sub { .. } => semicolon(lang),
        _ => return pieces,
    };
    let n = pieces.len();
    pieces
        .into_iter()
        .enumerate()
        .map(|(k, p)| {
            let b = bare(&p).to_string();
            b + if k + 1 == n { end } else { stop(lang) }
        })
        .collect()
}

pub(super) fn stop(lang: Lang) -> &'static str {
    if lang == Lang::Zh { "。" } else { "." }
}

pub(super) fn comma(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "，",
        Lang::Ar => "،",
        _ => ",",
    }
}

pub(super) fn semicolon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "；",
        Lang::Ar => "؛",
        Lang::Fr => "\u{a0};",
        _ => ";",
    }
}

pub(super) fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::Fr => "\u{a0}:",
        _ => ":",
    }
}

/// Two sentences made one by a translator: joined with a semicolon.
pub(super) fn merge(lang: Lang, a: &str, b: &str) -> String {
    let joint = match lang {
        Lang::Zh => "；",
        Lang::Ar => "؛ ",
        Lang::Fr => "\u{a0}; ",
        _ => "; ",
    };
    format!("{a}{joint}{b}")
}

/// One sentence made two by a translator: cut at a comma near the middle
/// (else at a space, or anywhere in Chinese), the second half capitalised.
pub(super) fn split(lang: Lang, s: &str) -> Option<(String, String)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    if n < 12 {
        return None;
    }
    let mid = n / 2;
    let (lo, hi) = (n / 4, n * 3 / 4);
    let best = |pred: &dyn Fn(usize) -> bool| -> Option<usize> {
        (lo..hi)
            .filter(|&k| pred(k))
            .min_by_key(|&k| (k as isize - mid as isize).unsigned_abs())
    };
    let is_comma = |k: usize| {
        let c = chars[k].1;
        let spaced = chars.get(k + 1).is_some_and(|x| x.1 == ' ');
        matches!(c, '，' | '、') || (matches!(c, ',' | '،') && (spaced || lang == Lang::Zh))
    };
    // The cut removes the comma (and the space after it).
    let (cut_a, cut_b) = if let Some(k) = best(&is_comma) {
        let after = chars.get(k + 1).map_or(s.len(), |x| x.0);
        let skip = if s[after..].starts_with(' ') { 1 } else { 0 };
        (chars[k].0, after + skip)
    } else if lang == Lang::Zh {
        let ok = |k: usize| {
            let (a, b) = (chars[k - 1].1, chars[k].1);
            !(b.is_ascii_punctuation() || (a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()))
        };
        let k = best(&|k| k > 0 && ok(k))?;
        (chars[k].0, chars[k].0)
    } else {
        let k = best(&|k| chars[k].1 == ' ')?;
        (chars[k].0, chars[k].0 + 1)
    };
    let a = bare(&s[..cut_a]).to_string();
    let mut b = s[cut_b..].trim().to_string();
    if a.chars().count() < 4 || b.chars().count() < 4 {
        return None;
    }
    if let Some(c) = b.chars().next() {
        if c.is_lowercase() {
            b = c.to_uppercase().chain(b.chars().skip(1)).collect();
        }
    }
    Some((a, b))
}

pub(super) fn session(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "الدورة التاسعة والتسعون",
        Lang::Zh => "第九十九届会议",
        Lang::En => "Ninety-ninth session",
        Lang::Es => "Nonagésimo noveno período de sesiones",
        Lang::Fr => "Quatre-vingt-dix-neuvième session",
        Lang::Ru => "Девяносто девятая сессия",
    }
}

pub(super) fn agenda(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ar => format!("البند {n} من جدول الأعمال"),
        Lang::Zh => format!("议程项目 {n}"),
        Lang::En => format!("Agenda item {n}"),
        Lang::Es => format!("Tema {n} del programa"),
        Lang::Fr => format!("Point {n} de l’ordre du jour"),
        Lang::Ru => format!("Пункт {n} повестки дня"),
    }
}

pub(super) fn opener(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "إن الجمعية العامة،",
        Lang::Zh => "大会，",
        Lang::En => "The General Assembly,",
        Lang::Es => "La Asamblea General,",
        Lang::Fr => "L’Assemblée générale,",
        Lang::Ru => "Генеральная Ассамблея,",
    }
}

pub(super) fn date(lang: Lang, d: usize, m: usize) -> String {
    use sixalign::lang::{MONTHS_AR, MONTHS_EN, MONTHS_ES, MONTHS_FR};
    let i = m.clamp(1, 12) - 1;
    match lang {
        Lang::Zh => format!("{YEAR} 年 {m} 月 {d} 日"),
        Lang::En => {
            let (first, rest) = MONTHS_EN[i].split_at(1);
            format!("{d} {}{rest} {YEAR}", first.to_uppercase())
        }
        Lang::Fr => format!("{d} {} {YEAR}", MONTHS_FR[i]),
        Lang::Es => format!("{d} de {} de {YEAR}", MONTHS_ES[i]),
        Lang::Ru => format!("{d} {} {YEAR} года", sixalign::lang::MONTHS_RU[i]),
        Lang::Ar => {
            let (egy, lev) = MONTHS_AR[i];
            format!("{d} {lev}/{} {YEAR}", egy[0])
        }
    }
}

pub(super) fn adopted(lang: Lang, f: &Facts) -> String {
    let d = date(lang, f.day, f.month);
    match lang {
        Lang::Ar => format!("قرار اتخذته الجمعية العامة في {d}"),
        Lang::Zh => format!("{d}大会决议"),
        Lang::En => format!("Resolution adopted by the General Assembly on {d}"),
        Lang::Es => format!("Resolución aprobada por la Asamblea General el {d}"),
        Lang::Fr => format!("Résolution adoptée par l’Assemblée générale le {d}"),
        Lang::Ru => format!("Резолюция, принятая Генеральной Ассамблеей {d}"),
    }
}

pub(super) fn committee(lang: Lang, which: usize, resolution: usize) -> String {
    let report = format!("A/99/{}", 300 + resolution % 200);
    let k = which.min(2);
    let name = match lang {
        Lang::Ar => ["الأولى", "الثانية", "الثالثة"][k],
        Lang::Zh => ["一", "二", "三"][k],
        Lang::En => ["First", "Second", "Third"][k],
        Lang::Es => ["Primera", "Segunda", "Tercera"][k],
        Lang::Fr => ["Première", "Deuxième", "Troisième"][k],
        Lang::Ru => ["Первого", "Второго", "Третьего"][k],
    };
    match lang {
        Lang::Ar => format!("[بناء على تقرير اللجنة {name} ({report})]"),
        Lang::Zh => format!("[根据第{name}委员会的报告({report})通过]"),
        Lang::En => format!("[on the report of the {name} Committee ({report})]"),
        Lang::Es => format!("[sobre la base del informe de la {name} Comisión ({report})]"),
        Lang::Fr => format!("[sur la base du rapport de la {name} Commission ({report})]"),
        Lang::Ru => format!("[по докладу {name} комитета ({report})]"),
    }
}

pub(super) fn meeting(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ar => format!("الجلسة العامة {n}"),
        Lang::Zh => format!("第 {n} 次全体会议"),
        Lang::En => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix} plenary meeting")
        }
        Lang::Es => format!("{n}ª sesión plenaria"),
        Lang::Fr => format!("{n}e séance plénière"),
        Lang::Ru => format!("{n}-е пленарное заседание"),
    }
}

pub(super) fn note_text(lang: Lang, note: Note) -> String {
    match note {
        Note::Symbol(d) => format!("A/98/{d}{}", stop(lang)),
        Note::See(d) => match lang {
            Lang::Ar => format!("انظر A/98/{d}."),
            Lang::Zh => format!("见 A/98/{d}。"),
            Lang::En => format!("See A/98/{d}."),
            Lang::Es => format!("Véase A/98/{d}."),
            Lang::Fr => format!("Voir A/98/{d}."),
            Lang::Ru => format!("См. A/98/{d}."),
        },
        Note::Resolution(s, n) => match lang {
            Lang::Ar => format!("القرار {s}/{n}، المرفق."),
            Lang::Zh => format!("第 {s}/{n} 号决议，附件。"),
            Lang::En => format!("Resolution {s}/{n}, annex."),
            Lang::Es => format!("Resolución {s}/{n}, anexo."),
            Lang::Fr => format!("Résolution {s}/{n}, annexe."),
            Lang::Ru => format!("Резолюция {s}/{n}, приложение."),
        },
        Note::Records(k, d) => match lang {
            Lang::Ar => format!(
                "الوثائق الرسمية للجمعية العامة، الدورة الثامنة والتسعون، الملحق رقم {k} (A/98/{k})، الفقرة {d}."
            ),
            Lang::Zh => {
                format!("《大会正式记录，第九十八届会议，补编第 {k} 号》(A/98/{k})，第 {d} 段。")
            }
            Lang::En => format!(
                "Official Records of the General Assembly, Ninety-eighth Session, Supplement No. {k} (A/98/{k}), para. {d}."
            ),
            Lang::Es => format!(
                "Documentos Oficiales de la Asamblea General, nonagésimo octavo período de sesiones, suplemento núm. {k} (A/98/{k}), párr. {d}."
            ),
            Lang::Fr => format!(
                "Documents officiels de l’Assemblée générale, quatre-vingt-dix-huitième session, Supplément no {k} (A/98/{k}), par. {d}."
            ),
            Lang::Ru => format!(
                "Официальные отчеты Генеральной Ассамблеи, девяносто восьмая сессия, Дополнение № {k} (A/98/{k}), пункт {d}."
            ),
        },
    }
}

/// Where a language version puts its footnote texts.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Placement {
    /// Right after the paragraph that cites them.
    AfterCiting,
    /// At the bottom of the page, at the last paragraph end before the page break.
    PageBottom,
    /// All together after the closing.
    End,
}

pub(super) fn placement(lang: Lang) -> Placement {
    match lang {
        Lang::Zh => Placement::AfterCiting,
        Lang::En | Lang::Ar => Placement::End,
        Lang::Es | Lang::Fr | Lang::Ru => Placement::PageBottom,
    }
}

pub(super) fn op_label(lang: Lang, n: usize, eastern: bool) -> String {
    if lang == Lang::Ar {
        let digits: String = if eastern {
            n.to_string()
                .chars()
                .map(|c| char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c))
                .collect()
        } else {
            n.to_string()
        };
        format!("{digits} -")
    } else {
        format!("{n}.")
    }
}

pub(super) fn sub_label(lang: Lang, k: usize) -> String {
    const LATIN: [&str; 8] = ["a", "b", "c", "d", "e", "f", "g", "h"];
    const CYRILLIC: [&str; 8] = ["а", "б", "в", "г", "д", "е", "ж", "з"];
    const ABJAD: [&str; 8] = ["أ", "ب", "ج", "د", "هـ", "و", "ز", "ح"];
    let k = k.min(7);
    match lang {
        Lang::Zh | Lang::En => format!("({})", LATIN[k]),
        Lang::Fr | Lang::Es => format!("{})", LATIN[k]),
        Lang::Ru => format!("{})", CYRILLIC[k]),
        Lang::Ar => format!("({})", ABJAD[k]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_cuts_at_a_comma_near_the_middle() {
        let (a, b) = split(
            Lang::En,
            "The Committee met twice, and it adopted its report",
        )
        .unwrap();
        assert_eq!(a, "The Committee met twice");
        assert_eq!(b, "And it adopted its report");
        let (a, b) = split(Lang::Zh, "委员会举行了两次会议，并通过了其报告").unwrap();
        assert_eq!(
            (a.as_str(), b.as_str()),
            ("委员会举行了两次会议", "并通过了其报告")
        );
        assert!(split(Lang::En, "Too short").is_none());
    }
}

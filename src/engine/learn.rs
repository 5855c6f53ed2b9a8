//! Learning a lexicon from a first pass: the confident 1-1 beads, and
//! the paragraphs fixed by their numbering, taken as translations.

use std::borrow::Cow;

use super::alignment::{PairAlignment, Sentence};
use crate::align::Bead;
use crate::anchor;
use crate::lang::Lang;
use crate::lexicon::Lexicon;

/// Confident 1-1 beads (calibrated score, see [`crate::score::Calibration`])
/// that teach a learned lexicon.
pub const LEARN_MIN_SCORE: f32 = 0.8;

/// Learns a bilingual lexicon from first-pass alignments: the 1-1 beads
/// scoring at least `min_score` are taken as translations, and hub keys and
/// target words that co-occur in them often enough are paired (see
/// [`Lexicon::learn`]). Pass the result to
/// [`AlignerBuilder::lexicon`](super::AlignerBuilder::lexicon) for a second
/// pass. `None` when `pairs` is empty or mixes language pairs.
pub fn learn_lexicon(pairs: &[PairAlignment], min_score: f32) -> Option<Lexicon> {
    let refs: Vec<&PairAlignment> = pairs.iter().collect();
    learn_from(&refs, min_score)
}

fn learn_from(pairs: &[&PairAlignment], min_score: f32) -> Option<Lexicon> {
    let first = pairs.first()?;
    if pairs
        .iter()
        .any(|p| p.src_lang != first.src_lang || p.tgt_lang != first.tgt_lang)
    {
        return None;
    }
    // Paragraphs fixed by their numbering correspond before any sentence is
    // aligned; inside them, and elsewhere, confident 1-1 beads.
    let mut joined: Vec<(String, String)> = Vec::new();
    // Borrowed from the alignments (copied only when the scorer's text
    // differs): every confident bead's text, a copy of most of the input.
    let mut single: Vec<(Cow<'_, str>, Cow<'_, str>)> = Vec::new();
    for p in pairs {
        for r in &p.regions {
            let (ns, nt) = (r.src.len(), r.tgt.len());
            if r.region.kind == anchor::RegionKind::Anchored
                && (ns > 1 || nt > 1)
                && (1..=4).contains(&ns)
                && (1..=4).contains(&nt)
            {
                let text = |s: &[Sentence]| -> String {
                    s.iter()
                        .map(|x| scored_text(&x.text))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                joined.push((text(&p.src[r.src.clone()]), text(&p.tgt[r.tgt.clone()])));
            }
        }
        for b in p.beads() {
            if b.src.len() == 1 && b.tgt.len() == 1 && b.score >= min_score {
                single.push((
                    scored_text(&p.src[b.src.start].text),
                    scored_text(&p.tgt[b.tgt.start].text),
                ));
            }
        }
    }
    let links: Vec<(&str, &str)> = single
        .iter()
        .map(|(s, t)| (&**s, &**t))
        .chain(joined.iter().map(|(s, t)| (s.as_str(), t.as_str())))
        .collect();
    Some(Lexicon::learn(first.src_lang, first.tgt_lang, &links))
}

/// A sentence's output text as the scorer saw it: less the characters the
/// view drops in place (soft hyphens, word joiners, tatweel), which output
/// keeps.
pub(crate) fn scored_text(text: &str) -> Cow<'_, str> {
    if text.chars().any(crate::normalize::is_invisible) {
        text.chars()
            .filter(|&c| !crate::normalize::is_invisible(c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// [`learn_lexicon`] for each language pair among `pairs`, in the order of
/// the target languages: the lexicons for a second pass over a corpus in
/// several languages (give each to
/// [`AlignerBuilder::add_lexicon`](super::AlignerBuilder::add_lexicon)).
pub fn learn_lexicons(pairs: &[PairAlignment], min_score: f32) -> Vec<Lexicon> {
    let mut langs: Vec<(Lang, Lang)> = pairs.iter().map(|p| (p.src_lang, p.tgt_lang)).collect();
    langs.sort();
    langs.dedup();
    langs
        .into_iter()
        .filter_map(|(s, t)| {
            let these: Vec<&PairAlignment> = pairs
                .iter()
                .filter(|p| p.src_lang == s && p.tgt_lang == t)
                .collect();
            learn_from(&these, min_score)
        })
        .collect()
}

/// The sentence pairs of the confident 1-1 beads of an alignment of `src`
/// with `tgt`: what a learned lexicon is learned from.
pub fn confident_links<'a>(
    src: &[&'a str],
    tgt: &[&'a str],
    beads: &[Bead],
    min_score: f32,
) -> Vec<(&'a str, &'a str)> {
    beads
        .iter()
        .filter(|b| b.src.len() == 1 && b.tgt.len() == 1 && b.score >= min_score)
        .map(|b| (src[b.src.start], tgt[b.tgt.start]))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::super::Aligner;
    use crate::lang::Lang;
    use crate::lexicon::Lexicon;

    const ZH: [&str; 3] = [
        "大会于2019年通过第74/28号决议。",
        "会议有193个会员国参加。",
        "秘书长提交了报告。",
    ];
    const EN: [&str; 3] = [
        "The Assembly adopted resolution 74/28 in 2019.",
        "It was attended by 193 Member States.",
        "The Secretary-General submitted the report.",
    ];

    #[test]
    fn lines_aligned_with_learning_give_their_lexicon_and_the_same_beads() {
        let learning = Aligner::builder().learn_lexicon(true).build();
        let (beads, learned) = learning.align_lines_learned(Lang::Zh, Lang::En, &ZH, &EN);
        assert_eq!(beads, learning.align_lines(Lang::Zh, Lang::En, &ZH, &EN));
        let learned = learned.expect("a learning aligner learns");
        assert_eq!(
            (learned.src_lang, learned.tgt_lang),
            (Some(Lang::Zh), Some(Lang::En))
        );
        assert!(learned.is_learned());
        let once = Aligner::new();
        let (beads, learned) = once.align_lines_learned(Lang::Zh, Lang::En, &ZH, &EN);
        assert_eq!(beads, once.align_lines(Lang::Zh, Lang::En, &ZH, &EN));
        assert!(
            learned.is_none(),
            "an aligner that does not learn learns nothing"
        );
    }

    #[test]
    fn with_tables_keeps_an_empty_table_and_with_learned_tables_does_not() {
        let empty = Arc::new(Lexicon::learn(Lang::Zh, Lang::Fr, &[]));
        assert!(empty.is_empty());
        let base = Aligner::builder().learn_lexicon(true).build();
        let kept = base.with_tables([empty.clone()]);
        assert_eq!(kept.lexicons_for(Lang::Zh, Lang::Fr).len(), 1);
        assert!(!kept.learns(), "the second aligner aligns once");
        let left = base.with_learned_tables([empty]);
        assert!(left.lexicons_for(Lang::Zh, Lang::Fr).is_empty());
    }
}

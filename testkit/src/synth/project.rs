//! Scoring an aligner on synthetic documents: its beads over sentences
//! projected onto the generator's gold units ([`project`]), so the score does
//! not depend on where the segmenter splits.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use super::SynthDoc;
use sixalign::align::Bead;
use sixalign::engine::Aligner;
use sixalign::lang::Lang;
use sixalign::load::Text;
use sixalign::parse::{self, ParseOptions};

/// The characters compared when mapping sentences onto units: NFKC, with
/// white space, hyphens, soft hyphens, tatweel and zero-width characters
/// left out (line-break repair and PDF justification change those and
/// nothing else).
fn key_chars(s: &str, out: &mut Vec<char>) {
    for c in s.chars() {
        if ignorable(c) {
            continue;
        }
        let mut buf = [0u8; 4];
        for k in c.encode_utf8(&mut buf).nfkc() {
            if !ignorable(k) {
                out.push(k);
            }
        }
    }
}

fn ignorable(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{2010}' | '\u{2011}' | '\u{00AD}' | '\u{0640}' | '\u{200B}'
                ..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// For each text, the range of key characters it covers in the concatenation.
fn key_spans(texts: &[&str]) -> (Vec<char>, Vec<Range<usize>>) {
    let mut key = Vec::new();
    let mut spans = Vec::with_capacity(texts.len());
    for t in texts {
        let a = key.len();
        key_chars(t, &mut key);
        spans.push(a..key.len());
    }
    (key, spans)
}

/// Maps each sentence to the units it covers, checking that the sentences
/// hold exactly the units' text.
fn sentence_units(
    side: &str,
    units: &[String],
    sents: &[&str],
) -> Result<Vec<Range<usize>>, String> {
    let unit_refs: Vec<&str> = units.iter().map(String::as_str).collect();
    let (ukey, uspans) = key_spans(&unit_refs);
    let (skey, sspans) = key_spans(sents);
    if let Some(p) = (0..ukey.len().max(skey.len())).find(|&p| ukey.get(p) != skey.get(p)) {
        let unit = uspans.iter().position(|r| r.end > p).unwrap_or(units.len());
        let sent = sspans.iter().position(|r| r.end > p).unwrap_or(sents.len());
        let ctx = |k: &[char]| -> String {
            k[p.saturating_sub(20).min(k.len())..(p + 20).min(k.len())]
                .iter()
                .collect()
        };
        return Err(format!(
            "{side}: the aligner's text differs from the gold units at key character {p} \
             (gold unit {unit}, aligner sentence {sent}): gold …{}… vs aligner …{}…",
            ctx(&ukey),
            ctx(&skey)
        ));
    }
    // The unit holding key position `p`.
    let unit_at = |p: usize| -> usize {
        uspans
            .iter()
            .position(|r| r.end > p)
            .unwrap_or(units.len().saturating_sub(1))
    };
    Ok(sspans
        .iter()
        .map(|r| {
            if r.is_empty() {
                let u = unit_at(r.start);
                u..u
            } else {
                unit_at(r.start)..unit_at(r.end - 1) + 1
            }
        })
        .collect())
}

impl SynthDoc {
    /// The `lang` version parsed as a file named by the document's id would
    /// be (no symbol given), for a first pass that learns a lexicon.
    ///
    /// # Panics
    ///
    /// When the document has no `lang` version or it does not parse (the
    /// generator's text always does).
    pub fn parse_version(&self, lang: Lang) -> sixalign::Document {
        let t = Text::from_string(&self.id, self.texts[&lang].clone()).expect("loads");
        parse::parse(
            &t,
            &ParseOptions {
                lang: Some(lang),
                symbol: None,
            },
        )
        .expect("parses")
    }
}

/// Parses the `hub` and `other` versions of a generated document, aligns
/// them with `aligner` and projects the beads onto the gold units (see
/// [`project`]), ready to be scored against `doc.gold[&other]`.
///
/// # Errors
///
/// When a version does not parse, or the projection fails (text lost or
/// added by the parser, beads that do not cover every sentence).
pub fn align_projected(
    doc: &SynthDoc,
    hub: Lang,
    other: Lang,
    aligner: &Aligner,
) -> Result<Vec<Bead>, String> {
    let parse = |lang: Lang| {
        let text = doc
            .texts
            .get(&lang)
            .ok_or_else(|| format!("{}: no {lang} version", doc.id))?;
        let loaded = Text::from_string(&format!("{}.{lang}", doc.id), text.clone())
            .map_err(|e| e.to_string())?;
        parse::parse(
            &loaded,
            &ParseOptions {
                lang: Some(lang),
                symbol: Some(doc.id.clone()),
            },
        )
        .map_err(|e| e.to_string())
    };
    let (h, o) = (parse(hub)?, parse(other)?);
    let pa = aligner.align_pair(&h, &o);
    let src: Vec<&str> = pa.src.iter().map(|s| s.text.as_str()).collect();
    let tgt: Vec<&str> = pa.tgt.iter().map(|s| s.text.as_str()).collect();
    let beads: Vec<Bead> = pa.beads().cloned().collect();
    project(&doc.units[&hub], &doc.units[&other], &src, &tgt, &beads)
        .map_err(|e| format!("{} {hub}-{other}: {e}", doc.id))
}

/// A projected bead under construction: unit ranges of both sides and a score.
type Group = (Option<Range<usize>>, Option<Range<usize>>, f32);

/// Projects an aligner's beads over sentences onto gold units.
///
/// Each sentence is mapped to the units whose text it holds (comparing the
/// concatenations with white space, hyphens and tatweel ignored), then beads
/// that share a unit are merged into one. A bead finer than gold but
/// consistent with it thus becomes the gold bead; a bead that joins two gold
/// beads stays one bead and is a strict miss.
///
/// # Errors
///
/// When the sentences do not hold exactly the text of the units (the parser
/// lost or added text: the message names the first differing position), or
/// the beads do not cover every sentence once, in order.
pub fn project(
    units_src: &[String],
    units_tgt: &[String],
    sents_src: &[&str],
    sents_tgt: &[&str],
    beads: &[Bead],
) -> Result<Vec<Bead>, String> {
    let su = sentence_units("source", units_src, sents_src)?;
    let tu = sentence_units("target", units_tgt, sents_tgt)?;
    let (mut i, mut j) = (0, 0);
    for (k, b) in beads.iter().enumerate() {
        if b.src.start != i || b.tgt.start != j || b.src.end < i || b.tgt.end < j {
            return Err(format!(
                "bead {k} ({:?}:{:?}) does not continue at sentences {i}:{j}",
                b.src, b.tgt
            ));
        }
        i = b.src.end;
        j = b.tgt.end;
    }
    if i != sents_src.len() || j != sents_tgt.len() {
        return Err(format!(
            "beads end at sentences {i}:{j}, not {}:{}",
            sents_src.len(),
            sents_tgt.len()
        ));
    }

    // Unit ranges of each bead; empty sides sit where the bead is.
    let span = |map: &[Range<usize>], r: &Range<usize>| -> Option<Range<usize>> {
        let mut it = map[r.clone()].iter().filter(|x| !x.is_empty());
        let first = it.next()?;
        let last = it.next_back().unwrap_or(first);
        Some(first.start..last.end)
    };
    let mut groups: Vec<Group> = Vec::new();
    for b in beads {
        let mut g = (span(&su, &b.src), span(&tu, &b.tgt), b.score);
        // Merge with every earlier group it shares a unit with, and with
        // everything between, so that groups stay contiguous.
        let overlaps = |a: &Option<Range<usize>>, b: &Option<Range<usize>>| match (a, b) {
            (Some(a), Some(b)) => a.start < b.end && b.start < a.end,
            _ => false,
        };
        if let Some(k) = groups
            .iter()
            .position(|h| overlaps(&h.0, &g.0) || overlaps(&h.1, &g.1))
        {
            for h in groups.drain(k..) {
                g.0 = union(h.0, g.0);
                g.1 = union(h.1, g.1);
                g.2 = g.2.min(h.2);
            }
        }
        groups.push(g);
    }
    // Give empty sides their position, and check the result covers every unit once.
    let mut out = Vec::with_capacity(groups.len());
    let (mut i, mut j) = (0, 0);
    for (s, t, score) in groups {
        let src = s.unwrap_or(i..i);
        let tgt = t.unwrap_or(j..j);
        if src.start != i || tgt.start != j {
            return Err(format!(
                "projected beads are not contiguous at units {i}:{j} ({src:?}:{tgt:?})"
            ));
        }
        i = src.end;
        j = tgt.end;
        out.push(Bead { src, tgt, score });
    }
    if i != units_src.len() || j != units_tgt.len() {
        return Err(format!(
            "projected beads end at units {i}:{j}, not {}:{}",
            units_src.len(),
            units_tgt.len()
        ));
    }
    Ok(out)
}

fn union(a: Option<Range<usize>>, b: Option<Range<usize>>) -> Option<Range<usize>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.start.min(b.start)..a.end.max(b.end)),
        (a, None) => a,
        (None, b) => b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_width_and_rejoin() {
        let s = "Recognizing that the dissemination and use of information technologies affect the interests of the entire international community";
        let lines = crate::synth::wrap_for_test(s, 40, 3);
        assert!(lines.len() >= 3);
        assert!(lines.iter().all(|l| l.chars().count() <= 41), "{lines:?}");
        let mut k1 = Vec::new();
        let mut k2 = Vec::new();
        key_chars(s, &mut k1);
        key_chars(&lines.concat(), &mut k2);
        assert_eq!(k1, k2);
    }
}

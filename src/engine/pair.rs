//! One pair of documents: each side cut into units and sentences, the
//! regions between anchors aligned in parallel (an anchored article's
//! numbered paragraphs anchoring too), and the document id.

use std::ops::Range;

use rayon::prelude::*;

use super::Aligner;
use super::alignment::{PairAlignment, RegionAlignment, Sentence};
use crate::align::{self, Bead};
use crate::anchor;
use crate::document::Document;
use crate::lang::Lang;
use crate::segment;

/// Sentences of one document, with their spans in the original and the
/// sentence range of each unit.
struct Segmented<'a> {
    /// The text segmentation and scoring read (slices of the units' text,
    /// which the document holds: not copied).
    sentences: Vec<&'a str>,
    /// The same sentences as output writes them: the original at their
    /// spans ([`Offsets::original_text`](crate::load::Offsets::original_text)).
    originals: Vec<String>,
    spans: Vec<Range<usize>>,
    unit_sents: Vec<Range<usize>>,
    /// Per sentence, the number of the article paragraph it opens
    /// ([`anchor::inner_keys`]); `None` outside articles.
    inner: Vec<Option<String>>,
    /// Per unit, whether it is an article.
    article: Vec<bool>,
}

fn segment_units<'a>(units: &[anchor::Unit<'a>], lang: Lang, original: &str) -> Segmented<'a> {
    let mut sentences = Vec::new();
    let mut originals = Vec::new();
    let mut spans = Vec::new();
    let mut unit_sents = Vec::with_capacity(units.len());
    let mut inner = Vec::new();
    let mut article = Vec::with_capacity(units.len());
    for u in units {
        let start = sentences.len();
        let ranges = segment::segment(u.text, lang);
        let is_article = u.kind == Some(crate::document::BlockKind::Article);
        if is_article {
            inner.extend(anchor::inner_keys(u.text, &ranges));
        } else {
            inner.resize(inner.len() + ranges.len(), None);
        }
        for r in ranges {
            spans.push(u.offsets.original(r.clone()));
            originals.push(u.offsets.original_text(u.text, original, r.clone()));
            sentences.push(&u.text[r]);
        }
        unit_sents.push(start..sentences.len());
        article.push(is_article);
    }
    Segmented {
        sentences,
        originals,
        spans,
        unit_sents,
        inner,
        article,
    }
}

/// The sentence range spanned by a unit range.
fn sentence_span(seg: &Segmented, units: &Range<usize>) -> Range<usize> {
    if units.is_empty() {
        // An empty unit range sits just before unit `start`.
        let at = seg
            .unit_sents
            .get(units.start)
            .map_or(seg.sentences.len(), |r| r.start);
        return at..at;
    }
    seg.unit_sents[units.start].start..seg.unit_sents[units.end - 1].end
}

impl Aligner {
    /// One pass of [`Aligner::align_pair`], whatever the setting.
    pub(super) fn align_pair_once(&self, hub: &Document, other: &Document) -> PairAlignment {
        let src_units = anchor::units(hub);
        let tgt_units = anchor::units(other);
        let regions = anchor::anchor(&src_units, &tgt_units);
        let src_seg = segment_units(&src_units, hub.lang, hub.text.original());
        let tgt_seg = segment_units(&tgt_units, other.lang, other.text.original());

        // The length ratio is a property of the language pair and of the
        // document's translator, so it is estimated once over the whole document.
        let (src_texts, tgt_texts) = (&src_seg.sentences, &tgt_seg.sentences);
        let mut params = self.params(hub.lang, other.lang, src_texts, tgt_texts);
        // Between anchors, a region of a UN document is short and its
        // translators rarely split a sentence in four: the long shapes
        // would mostly swallow a dropped sentence.
        params.priors = align::ShapePriors::short_only();

        let aligned: Vec<RegionAlignment> = regions
            .into_par_iter()
            .map(|region| {
                let s = sentence_span(&src_seg, &region.src);
                let t = sentence_span(&tgt_seg, &region.tgt);
                // An article anchored on both sides: its numbered paragraphs
                // anchor too, and the sentences align between them.
                let inner = if region.kind == anchor::RegionKind::Anchored
                    && region.src.len() == 1
                    && region.tgt.len() == 1
                    && src_seg.article[region.src.start]
                    && tgt_seg.article[region.tgt.start]
                {
                    anchor::inner_anchors(&src_seg.inner[s.clone()], &tgt_seg.inner[t.clone()])
                } else {
                    Vec::new()
                };
                let cuts = std::iter::once((0, 0))
                    .chain(inner)
                    .chain(std::iter::once((s.len(), t.len())));
                let mut beads = Vec::new();
                let mut from = (0, 0);
                for (i, j) in cuts.skip(1) {
                    let (ps, pt) = (s.start + from.0..s.start + i, t.start + from.1..t.start + j);
                    from = (i, j);
                    if ps.is_empty() && pt.is_empty() {
                        continue;
                    }
                    beads.extend(
                        align::align(&src_texts[ps.clone()], &tgt_texts[pt.clone()], &params)
                            .into_iter()
                            .map(|b| Bead {
                                src: b.src.start + ps.start..b.src.end + ps.start,
                                tgt: b.tgt.start + pt.start..b.tgt.end + pt.start,
                                score: b.score,
                            }),
                    );
                }
                RegionAlignment {
                    region,
                    src: s,
                    tgt: t,
                    beads,
                }
            })
            .collect();

        let sentences = |seg: Segmented, pick: fn(&RegionAlignment) -> &Range<usize>| {
            let mut region_of = vec![0; seg.sentences.len()];
            for (k, r) in aligned.iter().enumerate() {
                for x in pick(r).clone() {
                    region_of[x] = k;
                }
            }
            let mut unit_of = vec![0; seg.sentences.len()];
            for (u, r) in seg.unit_sents.iter().enumerate() {
                for x in r.clone() {
                    unit_of[x] = u;
                }
            }
            let sents = seg
                .originals
                .into_iter()
                .zip(seg.spans)
                .enumerate()
                .map(|(i, (text, span))| Sentence {
                    text,
                    unit: unit_of[i],
                    region: region_of[i],
                    span,
                })
                .collect::<Vec<_>>();
            (sents, seg.unit_sents)
        };
        let (src, src_units) = sentences(src_seg, |r| &r.src);
        let (tgt, tgt_units) = sentences(tgt_seg, |r| &r.tgt);
        PairAlignment {
            doc: doc_id(hub),
            src_lang: hub.lang,
            tgt_lang: other.lang,
            src,
            tgt,
            src_units,
            tgt_units,
            regions: aligned,
        }
    }
}

/// The id a document is known by in the output: its symbol; else its file
/// name without extension and language code (`A-RES-74-28.zh.md` →
/// `A-RES-74-28`), or the folder's name when the file is named by its
/// language alone (`udhr/zh.txt` → `udhr`).
pub(crate) fn doc_id(doc: &Document) -> String {
    if let Some(s) = &doc.symbol {
        return s.clone();
    }
    let path = std::path::Path::new(&doc.name);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let is_code = |s: &str| Lang::from_code(&s.to_ascii_lowercase()).is_some();
    let trimmed = stem
        .rsplit_once(['.', '_', '-'])
        .filter(|(_, code)| is_code(code))
        .map_or(stem.as_str(), |(rest, _)| rest);
    if !trimmed.is_empty() && !is_code(trimmed) {
        return trimmed.to_string();
    }
    path.parent()
        .and_then(|p| p.file_name())
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| doc.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Document {
        Document {
            name: name.to_string(),
            lang: Lang::Zh,
            symbol: None,
            blocks: Vec::new(),
            footnotes: Vec::new(),
            findings: Vec::new(),
            text: std::sync::Arc::new(
                crate::load::Text::from_string(name, "-".to_string()).unwrap(),
            ),
        }
    }

    #[test]
    fn doc_ids_drop_extension_and_language() {
        let id = |name: &str| doc_id(&named(name));
        assert_eq!(id("data/udhr/zh.txt"), "udhr");
        assert_eq!(id("in/A-RES-74-28.zh.md"), "A-RES-74-28");
        assert_eq!(id("A_RES_74_28_C.txt"), "A_RES_74_28_C");
        assert_eq!(id("report.txt"), "report");
        let mut d = named("x/zh.txt");
        d.symbol = Some("A/RES/74/28".to_string());
        assert_eq!(doc_id(&d), "A/RES/74/28");
    }
}

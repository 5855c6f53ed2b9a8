//! A lexicon learned from aligned sentence pairs, counted over integers:
//! Chinese character pairs packed in a `u64`, word stems by their id.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{Draft, IdHash, Lexicon, key, pack, unpack};
use crate::lang::Lang;

/// Pairs a lexicon is learned from at most: past it, evenly spaced pairs
/// stand for the rest. An entry needs 3 co-occurrences and a Dice of 0.3,
/// which tens of thousands of pairs settle as well as millions; counting
/// grows with the pairs (each key against each word of its pairs).
pub const MAX_PAIRS: usize = 20_000;

/// See [`Lexicon::learn`].
pub(super) fn learn(src_lang: Lang, tgt_lang: Lang, pairs: &[(&str, &str)]) -> Lexicon {
    let sample: Vec<(&str, &str)>;
    let pairs = if pairs.len() > MAX_PAIRS {
        sample = (0..MAX_PAIRS)
            .map(|k| pairs[k * pairs.len() / MAX_PAIRS])
            .collect();
        &sample[..]
    } else {
        pairs
    };
    let counts = Counts::of(keys_and_words(src_lang, pairs));
    let all = counts.entries();
    drop(counts);
    let texts = stem_texts(src_lang, pairs, &all);
    draft(src_lang, &all, &texts).finish(src_lang, tgt_lang, true)
}

/// Keys and words of every pair as sorted, distinct integers, built in
/// parallel, without a string per word: the text of the few stems kept
/// is found again at the end ([`stem_texts`]).
fn keys_and_words(src_lang: Lang, pairs: &[(&str, &str)]) -> Vec<(Vec<u64>, Vec<u32>)> {
    pairs
        .par_iter()
        .map(|(s, t)| {
            let mut buf = (String::new(), String::new());
            // Sized once (a Han character takes three bytes, a word at
            // least two): the lists of 20,000 pairs are held together.
            let mut sk: Vec<u64> = Vec::with_capacity(if src_lang == Lang::Zh {
                s.len() / 3
            } else {
                s.len() / 2 + 1
            });
            if src_lang == Lang::Zh {
                let mut prev = None;
                for c in s.chars().filter(|&c| key::is_han(c)) {
                    if let Some(p) = prev {
                        sk.push(pack(p, c));
                    }
                    prev = Some(c);
                }
            } else {
                key::for_each_stem(s, &mut buf, |w| sk.push(u64::from(key::stem_id(w))));
            }
            sk.sort_unstable();
            sk.dedup();
            let mut tk: Vec<u32> = Vec::with_capacity(t.len() / 2 + 1);
            key::for_each_stem(t, &mut buf, |w| tk.push(key::stem_id(w)));
            tk.sort_unstable();
            tk.dedup();
            (sk, tk)
        })
        .collect()
}

/// The keys and words seen often enough to be kept, numbered densely, and
/// where each occurs: what the co-occurrences are counted over.
struct Counts {
    /// The keys kept, sorted: key number → key.
    keys: Vec<u64>,
    /// The words kept, sorted: word number → word id.
    words: Vec<u32>,
    /// Per key number, how many pairs hold it.
    key_count: Vec<u32>,
    /// Per word number, how many pairs hold it.
    word_count: Vec<u32>,
    /// Per key number, the pairs holding it (an inverted index).
    postings: Vec<Vec<u32>>,
    /// Per pair, the numbers of its words kept, by count.
    doc_words: Vec<Vec<u32>>,
}

/// The items counted at least 3 times, sorted, and each one's number in
/// that order.
fn kept<K: Copy + Ord + std::hash::Hash>(
    count: &HashMap<K, u32, IdHash>,
) -> (Vec<K>, HashMap<K, u32, IdHash>) {
    let mut kept: Vec<K> = count
        .iter()
        .filter(|&(_, &c)| c >= 3)
        .map(|(&k, _)| k)
        .collect();
    kept.sort_unstable();
    let number = kept
        .iter()
        .enumerate()
        .map(|(n, &k)| (k, n as u32))
        .collect();
    (kept, number)
}

impl Counts {
    /// Counts the keys and words of `docs` (per pair, as
    /// [`keys_and_words`] gives them), which it drops as soon as it can.
    fn of(docs: Vec<(Vec<u64>, Vec<u32>)>) -> Counts {
        let mut src_count: HashMap<u64, u32, IdHash> = HashMap::default();
        let mut tgt_count: HashMap<u32, u32, IdHash> = HashMap::default();
        for (sk, tk) in &docs {
            for &k in sk {
                *src_count.entry(k).or_default() += 1;
            }
            for &w in tk {
                *tgt_count.entry(w).or_default() += 1;
            }
        }
        // A pair seen fewer than 3 times is never kept: neither is a key or
        // word seen fewer than 3 times, so they are not counted at all. Those
        // kept get dense numbers, in sorted order (deterministic).
        let (keys, key_no) = kept(&src_count);
        let (words, word_no) = kept(&tgt_count);
        // Each kept key's pairs (an inverted index), and each pair's words.
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); keys.len()];
        let mut doc_words: Vec<Vec<u32>> = Vec::with_capacity(docs.len());
        for (d, (sk, tk)) in docs.iter().enumerate() {
            for k in sk {
                if let Some(&n) = key_no.get(k) {
                    postings[n as usize].push(d as u32);
                }
            }
            doc_words.push(tk.iter().filter_map(|w| word_no.get(w).copied()).collect());
        }
        drop(docs);
        let key_count: Vec<u32> = keys.iter().map(|k| src_count[k]).collect();
        let word_count: Vec<u32> = words.iter().map(|w| tgt_count[w]).collect();
        drop((src_count, tgt_count, key_no, word_no));
        // A pair can reach the Dice threshold only when the two counts are
        // within a factor 1.7/0.3 of each other (it co-occurs at most as often
        // as the rarer one): each pair's words sorted by count, a key counts
        // only the slice of words whose counts it could match.
        for ws in &mut doc_words {
            ws.sort_unstable_by_key(|&w| (word_count[w as usize], w));
        }
        Counts {
            keys,
            words,
            key_count,
            word_count,
            postings,
            doc_words,
        }
    }

    /// The (key, word id) entries of the lexicon, sorted: those seen
    /// together in at least 3 pairs with a Dice of at least 0.3.
    fn entries(&self) -> Vec<(u64, u32)> {
        let Counts {
            keys,
            words,
            key_count,
            word_count,
            postings,
            doc_words,
        } = self;
        let reach = |ck: u32| -> (u32, u32) {
            let ck = f64::from(ck);
            // Slightly wide: the exact test below decides.
            (
                (ck * 0.3 / 1.7 * 0.99).floor() as u32,
                (ck * 1.7 / 0.3 * 1.01).ceil() as u32,
            )
        };
        // Keys in parallel, each counting its words in a dense array (one per
        // thread, in cache), not a hash table of pairs.
        let found: Vec<Vec<(u32, u32)>> = postings
            .par_iter()
            .enumerate()
            .map_init(
                || (vec![0u32; words.len()], Vec::<u32>::new()),
                |(count, touched), (k, docs_of)| {
                    let (lo, hi) = reach(key_count[k]);
                    for &d in docs_of {
                        let ws = &doc_words[d as usize];
                        let a = ws.partition_point(|&w| word_count[w as usize] < lo);
                        let b = ws.partition_point(|&w| word_count[w as usize] <= hi);
                        for &w in &ws[a..b.max(a)] {
                            if count[w as usize] == 0 {
                                touched.push(w);
                            }
                            count[w as usize] += 1;
                        }
                    }
                    let mut kept = Vec::new();
                    for &w in touched.iter() {
                        let c = count[w as usize];
                        count[w as usize] = 0;
                        let dice = 2.0 * c as f32 / (key_count[k] + word_count[w as usize]) as f32;
                        if c >= 3 && dice >= 0.3 {
                            kept.push((k as u32, w));
                        }
                    }
                    touched.clear();
                    kept
                },
            )
            .collect();
        let found: Vec<Vec<(u64, u32)>> = found
            .into_iter()
            .map(|v| {
                v.into_iter()
                    .map(|(k, w)| (keys[k as usize], words[w as usize]))
                    .collect()
            })
            .collect();
        let mut all: Vec<(u64, u32)> = found.into_iter().flatten().collect();
        all.sort_unstable();
        all
    }
}

/// The texts of stems, by id: a source stem's id (a key when the source is
/// not Chinese) as it is, a target word's with the top bit set.
type StemTexts = HashMap<u64, Option<Box<str>>, IdHash>;

/// The text of the stems the entries `all` hold, from the first pairs that
/// hold them.
fn stem_texts(src_lang: Lang, pairs: &[(&str, &str)], all: &[(u64, u32)]) -> StemTexts {
    let mut wanted: StemTexts = HashMap::default();
    for &(k, w) in all {
        if src_lang != Lang::Zh {
            wanted.insert(k, None);
        }
        wanted.insert(u64::from(w) | 1 << 63, None);
    }
    let mut missing = wanted.len();
    let mut buf = (String::new(), String::new());
    for (s, t) in pairs {
        if missing == 0 {
            break;
        }
        let mut note = |id: u64, w: &str| {
            if let Some(slot @ None) = wanted.get_mut(&id) {
                *slot = Some(w.into());
                missing -= 1;
            }
        };
        if src_lang != Lang::Zh {
            key::for_each_stem(s, &mut buf, |w| note(u64::from(key::stem_id(w)), w));
        }
        key::for_each_stem(t, &mut buf, |w| {
            note(u64::from(key::stem_id(w)) | 1 << 63, w)
        });
    }
    wanted
}

/// The lexicon of the entries `all` (sorted by key), the stems written
/// out from `texts`.
fn draft(src_lang: Lang, all: &[(u64, u32)], texts: &StemTexts) -> Draft {
    let mut d = Draft::default();
    let text = |id: u64| -> &str { texts.get(&id).and_then(|x| x.as_deref()).unwrap_or("") };
    let mut at = 0;
    while at < all.len() {
        let k = all[at].0;
        let end = at + all[at..].partition_point(|x| x.0 == k);
        let key = if src_lang == Lang::Zh {
            unpack(k)
        } else {
            text(k).to_string()
        };
        let ids: Vec<u32> = all[at..end]
            .iter()
            .map(|&(_, w)| {
                d.word_text
                    .entry(w)
                    .or_insert_with(|| text(u64::from(w) | 1 << 63).into());
                w
            })
            .collect();
        d.add(&key, ids);
        at = end;
    }
    d
}

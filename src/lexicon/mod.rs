//! Bilingual lexicons as integers.
//!
//! A [`Lexicon`] maps source keys (Chinese words or character pairs, or
//! word stems) to the ids of target word stems ([`key::stem_id`]). A
//! sentence is looked up once, when its features are built: on the source
//! side the ids its keys translate to ([`Lexicon::gloss`]), on the target
//! side the ids of its own stems ([`content_words`]); the aligner then only
//! compares integers. Chinese keys are found in one pass over the text by
//! an Aho–Corasick automaton (daachorse); the built-in CC-CEDICT is that
//! automaton compiled ahead of time and embedded in the binary
//! ([`embedded`]), so it is ready without parsing.

pub mod embedded;
pub mod key;
// `key` reads them as `super::letters` and `super::function_words` here
// and in `build.rs`.
use crate::lang::{function_words, letters};
pub mod learn;

use std::collections::HashMap;
use std::fmt;
use std::hash::Hasher;
use std::path::Path;
use std::sync::Arc;

use daachorse::CharwiseDoubleArrayAhoCorasick;

use crate::error::{Error, ErrorKind, Result};
use crate::lang::Lang;

pub use key::is_han;

/// A bilingual lexicon from a source language (usually zh) to a target
/// language: source keys (words or, when learned from Chinese, character
/// bigrams) map to ids of target words.
///
/// Tables are read from and written to one text format, a section per
/// language pair:
///
/// ```text
/// # sixalign lexicon zh-fr learned
/// 决议<TAB>résol
/// 大会<TAB>assem génér
/// ```
///
/// A header `# sixalign lexicon SRC-TGT` (with `learned` when the entries
/// were learned from aligned text) starts a section; each line below it is
/// `key<TAB>translations`. Lines before any header are a zh–en dictionary
/// (`headword<TAB>English gloss`, as `cedict.zh-en.tsv`); other `#` lines are
/// comments.
#[derive(Clone)]
pub struct Lexicon {
    /// Language of the keys.
    pub src_lang: Option<Lang>,
    /// Language of the translations.
    pub tgt_lang: Option<Lang>,
    learned: bool,
    /// Entry `e`'s target word ids are `ids[start[e]..start[e + 1]]`,
    /// sorted and distinct.
    start: Vec<u32>,
    ids: Vec<u32>,
    keys: Keys,
    /// The text of each entry's key and of each word id, for writing the
    /// table (empty for the embedded CC-CEDICT, which keeps its own).
    key_text: Vec<Box<str>>,
    word_text: HashMap<u32, Box<str>, IdHash>,
    embedded: bool,
}

/// How source keys find their entries.
#[derive(Clone)]
enum Keys {
    /// Chinese keys: those of three or more characters in an automaton,
    /// the two-character ones (all that learning finds) in a map of packed
    /// character pairs.
    Han {
        automaton: Option<Arc<CharwiseDoubleArrayAhoCorasick<u32>>>,
        pairs: HashMap<u64, u32, IdHash>,
    },
    /// Word-stem keys, by stem id.
    Stems(HashMap<u32, u32, IdHash>),
}

impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon {
            src_lang: None,
            tgt_lang: None,
            learned: false,
            start: vec![0],
            ids: Vec::new(),
            keys: Keys::Stems(HashMap::default()),
            key_text: Vec::new(),
            word_text: HashMap::default(),
            embedded: false,
        }
    }
}

impl fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lexicon")
            .field("src_lang", &self.src_lang)
            .field("tgt_lang", &self.tgt_lang)
            .field("learned", &self.learned)
            .field("entries", &self.len())
            .finish()
    }
}

/// Two Han characters as one integer key.
fn pack(a: char, b: char) -> u64 {
    u64::from(a) << 21 | u64::from(b)
}

fn unpack(k: u64) -> String {
    [(k >> 21) as u32, (k & 0x1F_FFFF) as u32]
        .into_iter()
        .filter_map(char::from_u32)
        .collect()
}

/// The ids of the content-word stems of `text` (a sentence on a lexicon's
/// target side), sorted and distinct, into `out`; returns how many content
/// words it has (repeats counted), what the share of explained words is
/// taken of.
pub fn content_words(text: &str, out: &mut Vec<u32>) -> u32 {
    let mut buf = (String::new(), String::new());
    let at = out.len();
    let mut total = 0;
    key::for_each_stem(text, &mut buf, |s| {
        total += 1;
        out.push(key::stem_id(s));
    });
    out[at..].sort_unstable();
    let mut w = at;
    for r in at..out.len() {
        if w == at || out[w - 1] != out[r] {
            out[w] = out[r];
            w += 1;
        }
    }
    out.truncate(w);
    total
}

/// The content words of a dictionary gloss, as the lexicon keeps them
/// (lower-cased, no function words, at most 12): what a compact copy of a
/// dictionary needs to hold.
pub fn gloss_words(gloss: &str) -> Vec<String> {
    key::words(gloss)
        .filter(|w| key::stem(w).is_some())
        .take(12)
        .collect()
}

/// A table as it is read or learned, before its keys are indexed.
#[derive(Default)]
struct Draft {
    entry_of: HashMap<String, u32>,
    key_text: Vec<Box<str>>,
    ids: Vec<Vec<u32>>,
    word_text: HashMap<u32, Box<str>, IdHash>,
}

impl Draft {
    /// Adds `key → ids` (merged with what the key has).
    fn add(&mut self, key: &str, ids: impl IntoIterator<Item = u32>) {
        let e = match self.entry_of.get(key) {
            Some(&e) => e,
            None => {
                let e = self.key_text.len() as u32;
                self.entry_of.insert(key.to_string(), e);
                self.key_text.push(key.into());
                self.ids.push(Vec::new());
                e
            }
        };
        self.ids[e as usize].extend(ids);
    }

    fn word(&mut self, stem: &str) -> u32 {
        let id = key::stem_id(stem);
        self.word_text.entry(id).or_insert_with(|| stem.into());
        id
    }

    fn finish(self, src: Lang, tgt: Lang, learned: bool) -> Lexicon {
        let mut start = Vec::with_capacity(self.ids.len() + 1);
        start.push(0);
        let mut ids = Vec::new();
        for mut v in self.ids {
            v.sort_unstable();
            v.dedup();
            ids.extend(v);
            start.push(ids.len() as u32);
        }
        let keys = if src == Lang::Zh {
            let mut pairs: HashMap<u64, u32, IdHash> = HashMap::default();
            let mut long: Vec<(&str, u32)> = Vec::new();
            for (e, k) in self.key_text.iter().enumerate() {
                let mut cs = k.chars();
                match (cs.next(), cs.next(), cs.next()) {
                    (Some(a), Some(b), None) => {
                        pairs.insert(pack(a, b), e as u32);
                    }
                    _ => long.push((k, e as u32)),
                }
            }
            let automaton = (!long.is_empty()).then(|| {
                Arc::new(
                    CharwiseDoubleArrayAhoCorasick::with_values(long)
                        .expect("distinct non-empty keys build an automaton"),
                )
            });
            Keys::Han { automaton, pairs }
        } else {
            Keys::Stems(
                self.key_text
                    .iter()
                    .enumerate()
                    .map(|(e, k)| (key::stem_id(k), e as u32))
                    .collect(),
            )
        };
        Lexicon {
            src_lang: Some(src),
            tgt_lang: Some(tgt),
            learned,
            start,
            ids,
            keys,
            key_text: self.key_text,
            word_text: self.word_text,
            embedded: false,
        }
    }
}

impl Lexicon {
    /// The zh–en lexicon shipped with the library: CC-CEDICT (CC BY-SA 4.0,
    /// MDBG, <https://www.mdbg.net/chinese/dictionary?page=cc-cedict>),
    /// simplified headwords with the content words of their glosses,
    /// compiled into the binary ([`embedded`]); made once per process.
    pub fn cedict() -> Arc<Lexicon> {
        embedded::cedict()
    }

    /// Whether the built-in CC-CEDICT serves `a`–`b` (zh–en either way).
    pub fn cedict_fits(a: Lang, b: Lang) -> bool {
        matches!((a, b), (Lang::Zh, Lang::En) | (Lang::En, Lang::Zh))
    }

    /// Loads the first table of a lexicon file (see [`Lexicon`] for the
    /// format), such as CC-CEDICT converted to `cedict.zh-en.tsv`.
    pub fn from_tsv(path: impl AsRef<Path>) -> Result<Lexicon> {
        let path = path.as_ref();
        let mut v = Lexicon::read(path)?;
        Ok(v.remove(0))
    }

    /// Loads every table of a lexicon file (see [`Lexicon`] for the format).
    pub fn read(path: impl AsRef<Path>) -> Result<Vec<Lexicon>> {
        let path = path.as_ref();
        let bytes = crate::input::read_input(path)?;
        let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(&bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| {
            Error::new(ErrorKind::InvalidUtf8 {
                offset: e.valid_up_to(),
            })
            .with_path(path)
        })?;
        Lexicon::parse(text, path)
    }

    /// Parses lexicon text (see [`Lexicon`]); `path` names it in errors.
    /// Never empty: a text without tables gives one empty zh–en table.
    pub fn parse(text: &str, path: &Path) -> Result<Vec<Lexicon>> {
        let mut out: Vec<Lexicon> = Vec::new();
        let mut cur = (Lang::Zh, Lang::En, false, Draft::default());
        let mut started = false;
        // LF, CRLF and a lone CR end a line, as in every line reader.
        for (n, line) in crate::load::lines(text).enumerate() {
            if let Some(rest) = line.strip_prefix('#') {
                let f: Vec<&str> = rest.split_whitespace().collect();
                if f.len() >= 3 && f[0] == "sixalign" && f[1] == "lexicon" {
                    let pair = f[2]
                        .split_once('-')
                        .and_then(|(a, b)| Some((Lang::from_code(a)?, Lang::from_code(b)?)));
                    let Some((a, b)) = pair.filter(|(a, b)| a != b) else {
                        return Err(Error::new(ErrorKind::Malformed(format!(
                            "`{}` is not a language pair such as zh-fr",
                            f[2]
                        )))
                        .with_path(path)
                        .with_line(n + 1));
                    };
                    let next = (a, b, f.get(3) == Some(&"learned"), Draft::default());
                    let (s, t, l, d) = std::mem::replace(&mut cur, next);
                    if started || !d.key_text.is_empty() {
                        out.push(d.finish(s, t, l));
                    }
                    started = true;
                }
                continue;
            }
            let Some((head, gloss)) = line.split_once('\t') else {
                if line.trim().is_empty() {
                    continue;
                }
                return Err(Error::new(ErrorKind::Malformed(
                    "expected `headword<TAB>gloss`".to_string(),
                ))
                .with_path(path)
                .with_line(n + 1));
            };
            add_entry(&mut cur.3, cur.0, head.trim(), gloss);
        }
        let (s, t, l, d) = cur;
        out.push(d.finish(s, t, l));
        Ok(out)
    }

    /// Writes the lexicon as one table of the text format (see [`Lexicon`]),
    /// keys and translations sorted, so the same lexicon gives the same bytes.
    pub fn write_tsv<W: std::io::Write>(&self, mut w: W) -> std::io::Result<()> {
        let (Some(s), Some(t)) = (self.src_lang, self.tgt_lang) else {
            return Ok(());
        };
        let learned = if self.learned { " learned" } else { "" };
        writeln!(w, "# sixalign lexicon {}-{}{learned}", s.code(), t.code())?;
        let (keys, words) = self.texts();
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]));
        let mut line = String::new();
        for e in order {
            let mut ws: Vec<&str> = self
                .entry(e as u32)
                .iter()
                .filter_map(|id| words.get(id).map(|x| &**x))
                .collect();
            ws.sort_unstable();
            // A reader keeps 12 words of a line, as of a dictionary gloss.
            for chunk in ws.chunks(12) {
                line.clear();
                line.push_str(&keys[e]);
                line.push('\t');
                line.push_str(&chunk.join(" "));
                writeln!(w, "{line}")?;
            }
        }
        Ok(())
    }

    /// The text of every entry's key (by entry) and of every word id.
    fn texts(&self) -> (Vec<Box<str>>, HashMap<u32, Box<str>, IdHash>) {
        if !self.embedded {
            return (self.key_text.clone(), self.word_text.clone());
        }
        let mut keys = vec![Box::<str>::from(""); self.len()];
        if let Keys::Han {
            automaton: Some(a), ..
        } = &self.keys
        {
            for (k, e) in a.iter() {
                keys[e as usize] = k.into();
            }
        }
        let words = embedded::WORDS
            .lines()
            .map(|w| (key::stem_id(w), w.into()))
            .collect();
        (keys, words)
    }

    /// Learns a lexicon from aligned sentence pairs (anchored paragraphs and
    /// first-pass beads of high confidence): source keys (Chinese character
    /// bigrams, or word stems) and target word stems that co-occur with a
    /// Dice coefficient of at least 0.3 in at least 3 pairs; from at most
    /// [`learn::MAX_PAIRS`] pairs, evenly spaced. The result does not
    /// depend on the number of threads.
    pub fn learn(src_lang: Lang, tgt_lang: Lang, pairs: &[(&str, &str)]) -> Lexicon {
        learn::learn(src_lang, tgt_lang, pairs)
    }

    /// Whether it was learned from aligned text ([`Lexicon::learn`]) rather
    /// than read from a dictionary: learned entries are noisier and weigh less.
    pub fn is_learned(&self) -> bool {
        self.learned
    }

    /// Whether this lexicon is for `a`–`b`, in either direction.
    pub fn fits(&self, a: Lang, b: Lang) -> bool {
        (self.src_lang == Some(a) && self.tgt_lang == Some(b))
            || (self.src_lang == Some(b) && self.tgt_lang == Some(a))
    }

    /// Number of source keys.
    pub fn len(&self) -> usize {
        self.start.len() - 1
    }

    /// Whether the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn entry(&self, e: u32) -> &[u32] {
        let e = e as usize;
        &self.ids[self.start[e] as usize..self.start[e + 1] as usize]
    }

    /// Appends the target word ids that the keys of `text` (a sentence in
    /// the lexicon's source language) translate to; not sorted, may repeat.
    pub fn gloss(&self, text: &str, out: &mut Vec<u32>) {
        match &self.keys {
            Keys::Han { automaton, pairs } => {
                if let Some(a) = automaton {
                    for m in a.find_overlapping_iter(text) {
                        out.extend_from_slice(self.entry(m.value()));
                    }
                }
                if !pairs.is_empty() {
                    let mut prev = None;
                    for c in text.chars() {
                        let han = is_han(c);
                        if let (true, Some(p)) = (han, prev) {
                            if let Some(&e) = pairs.get(&pack(p, c)) {
                                out.extend_from_slice(self.entry(e));
                            }
                        }
                        prev = han.then_some(c);
                    }
                }
            }
            Keys::Stems(map) => {
                let mut buf = (String::new(), String::new());
                key::for_each_stem(text, &mut buf, |s| {
                    if let Some(&e) = map.get(&key::stem_id(s)) {
                        out.extend_from_slice(self.entry(e));
                    }
                });
            }
        }
    }
}

/// Adds `key → content words of gloss` to a table whose keys are in `src`;
/// keys the scorer cannot use are left out (Chinese keys must be 2 to 6 Han
/// characters: single characters have dozens of senses and add noise).
fn add_entry(d: &mut Draft, src: Lang, head: &str, gloss: &str) {
    let key = if src == Lang::Zh {
        let chars = head.chars().count();
        if !(2..=6).contains(&chars) || !head.chars().all(is_han) {
            return;
        }
        head.to_string()
    } else {
        match key::words(head).next().as_deref().and_then(key::stem) {
            Some(k) => k,
            None => return,
        }
    };
    let stems: Vec<String> = key::words(gloss)
        .filter_map(|w| key::stem(&w))
        .take(12)
        .collect();
    if stems.is_empty() {
        return;
    }
    let ids: Vec<u32> = stems.iter().map(|s| d.word(s)).collect();
    d.add(&key, ids);
}

/// Hashes integer keys (packed characters, stem ids, pairs of them): a
/// multiply and a fold per integer, deterministic.
#[derive(Clone, Copy, Default)]
pub(crate) struct IdHash;

impl std::hash::BuildHasher for IdHash {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(0)
    }
}

pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        // Several writes (a tuple) combine; the fold brings the high bits of
        // the product down to the low bits the table indexes by.
        let x = (self.0.rotate_left(23) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = x ^ (x >> 32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_without_allocation_are_the_stems_of_the_words() {
        let texts = [
            "The General Assembly, recalling its resolutions 70/1 and others,",
            "L'Assemblée générale, rappelant ses résolutions, décide de poursuivre l'examen",
            "Генеральная Ассамблея, ссылаясь на свои резолюции,",
            "إن الجمعية العامة، إذ تشير إلى قراراتها ـــ السابقة",
            "naïve coöperation Ǆemal e\u{301}lan ÉTATS-UNIS fooébar xyz ab",
            "",
            "大会 recalls 决议 de 2019",
        ];
        for t in texts {
            let old: Vec<String> = key::words(t).filter_map(|w| key::stem(&w)).collect();
            let mut new = Vec::new();
            key::for_each_stem(t, &mut (String::new(), String::new()), |s| {
                new.push(s.to_string())
            });
            assert_eq!(new, old, "{t}");
        }
    }

    #[test]
    fn chinese_keys_of_every_length_are_found_once_per_occurrence() {
        let lex = Lexicon::parse(
            "# sixalign lexicon zh-en\n大会\tassembly\n联合国大会\tgeneral assembly nations\n决议\tresolution\n",
            Path::new("t"),
        )
        .unwrap()
        .remove(0);
        let mut g = Vec::new();
        lex.gloss("联合国大会通过决议。大会", &mut g);
        g.sort_unstable();
        let mut want: Vec<u32> = ["assem", "assem", "gener", "natio", "resol", "assem"]
            .iter()
            .map(|s| key::stem_id(s))
            .collect();
        want.sort_unstable();
        assert_eq!(g, want);
    }

    #[test]
    fn a_table_with_cr_line_ends_reads_as_with_lf() {
        let lf = "# sixalign lexicon zh-en\n大会\tassembly\n决议\tresolution\n";
        let read = |t: &str| {
            let lex = Lexicon::parse(t, Path::new("t")).unwrap().remove(0);
            let mut g = Vec::new();
            lex.gloss("大会通过决议", &mut g);
            g.sort_unstable();
            (lex.len(), g)
        };
        let want = read(lf);
        assert_eq!(want.0, 2);
        assert_eq!(read(&lf.replace('\n', "\r")), want);
        assert_eq!(read(&lf.replace('\n', "\r\n")), want);
    }
}

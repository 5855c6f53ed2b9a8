//! Names by reading: a Chinese name (`贾瑞`, `陈清扬`, `苏丹`) and the
//! same name in pinyin in Latin-script text ("Jia Rui", "Chen Qingyang",
//! "Sudan") give a shared name key, evidence for the link like a name kept
//! in Latin script.
//!
//! The Latin side is read first, for a whole text pair: its names are the
//! capitalized words that can be cut into two to four pinyin syllables
//! (`lang::readings`), and pairs of adjacent capitalized words ("Jia Rui"
//! → `jiarui`). A word found only opening a sentence that the text also
//! writes in lower case (`Ensure`, `Change`) is a word, not a name, and so
//! are a few common words that read as common Chinese ones ([`STOP`]:
//! `women`, 我们). Then each Chinese sentence gets a
//! key for every run of two to four Han characters one of whose readings
//! spells one of those names; characters whose readings start no name are
//! passed over at the cost of a table look-up, so a text pair without
//! names costs next to nothing.

use std::collections::HashSet;

use rayon::prelude::*;

use super::hash;
use crate::lang::Lang;
use crate::lang::readings::{MAX_SYLLABLE, PINYIN_LOOKALIKES as STOP, Readings, readings};

/// The numbers of syllables a name may have, as bits (a name of one
/// syllable is too common a reading to tell anything).
const SYLLABLES: u8 = (1 << 2) | (1 << 3) | (1 << 4);

/// The longest word read, in letters.
const LONGEST: usize = 24;

/// The most reading combinations tried from one character.
const MAX_COMBINATIONS: usize = 64;

/// The names of the Latin-script side of a text pair that the Chinese side
/// may write by reading, as a letter trie: the Chinese side spells its
/// characters' readings along it, the Latin side its words.
#[derive(Debug, Default)]
pub(crate) struct NameReadings {
    /// Per node, its children by letter (0: none; the root, node 0, is no
    /// one's child).
    trie: Vec<[u32; 26]>,
    /// Per node, the key of the name ending there, or 0.
    keys: Vec<u64>,
    /// Bit per syllable id: whether some name starts with that syllable.
    first: Vec<u64>,
    /// Bit per character ([`Readings::offset`]): whether one of its
    /// readings starts a name.
    han: Vec<u64>,
    /// The letters (a bit each) a Latin word of a name may open with: a
    /// name's first, or the second word's of a pair.
    capitals: u32,
}

/// One word of Latin-script text: its byte range, and whether it is
/// capitalized (`Qingyang`).
#[derive(Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    capitalized: bool,
}

/// Whether the character ending at byte `i` of `text` (if any) is a letter
/// or digit.
fn alnum_before(text: &str, i: usize) -> bool {
    match text.as_bytes()[..i].last() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
    }
}

/// The word starting at byte `start` of `text` (a letter or digit): runs
/// of letters and digits, joined by [`syllable_joiner`]s.
fn word_at(text: &str, start: usize) -> Word {
    let bytes = text.as_bytes();
    let mut i = start;
    let (mut upper, mut lower, mut other) = (0usize, 0usize, false);
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_lowercase() {
            lower += 1;
            i += 1;
        } else if b.is_ascii_uppercase() {
            other |= i > start;
            upper += 1;
            i += 1;
        } else if b.is_ascii_digit() {
            other = true;
            i += 1;
        } else if let Some(n) = syllable_joiner(&bytes[i..]).filter(|_| i > start) {
            i += n;
        } else if b >= 0x80 {
            match text[i..].chars().next() {
                Some(c) if c.is_alphanumeric() => {
                    other = true;
                    i += c.len_utf8();
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    Word {
        start,
        end: i,
        capitalized: !other && upper == 1 && lower > 0,
    }
}

/// The capitalized words of `text` (`Qingyang`, `Zhan'ao`: one capital,
/// then lower-case ASCII letters, nothing else) whose first letter is one
/// of `firsts` (a bit per letter), found by their capital
/// alone: most of a text is passed over a byte at a time.
fn capitalized_words(text: &str, firsts: u32) -> impl Iterator<Item = Word> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let bytes = text.as_bytes();
        while i < bytes.len() {
            // Eight bytes without a capital at a time.
            while let Some(chunk) = bytes.get(i..i + 8) {
                let x = u64::from_le_bytes(chunk.try_into().ok()?);
                if has_capital(x) {
                    break;
                }
                i += 8;
            }
            let Some(&b) = bytes.get(i) else {
                break;
            };
            if b.is_ascii_uppercase() && firsts & (1 << (b - b'A')) != 0 && !alnum_before(text, i) {
                let w = word_at(text, i);
                i = w.end;
                if w.capitalized {
                    return Some(w);
                }
            } else {
                i += 1;
            }
        }
        None
    })
}

/// Whether one of the eight bytes of `x` is an ASCII capital (`A`..=`Z`):
/// the high bit of each byte of the sums below is set for bytes from `A`
/// on and, in the second, past `Z` (bytes from 0x80 are neither).
fn has_capital(x: u64) -> bool {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = x & LOW7;
    let from_a = low + 0x3F3F_3F3F_3F3F_3F3F; // 0x80 - b'A'
    let past_z = low + 0x2525_2525_2525_2525; // 0x80 - b'Z' - 1
    from_a & !past_z & !x & HIGH != 0
}

/// The letters (a bit each) under which a trie node has children.
fn letter_mask<T: Copy + Default + PartialEq>(children: &[T; 26]) -> u32 {
    (0..26)
        .filter(|&k| children[k] != T::default())
        .fold(0, |m, k| m | 1 << k)
}

/// The length of an apostrophe (`'` or `’`) that pinyin writes before a
/// syllable opening with a vowel (`Zhan'ao`, `Xi'an`), or of a hyphen
/// before a lower-case syllable (`Ban-er`), or `None` (`'s`).
fn syllable_joiner(b: &[u8]) -> Option<usize> {
    match b {
        [b'\'', b'a' | b'e' | b'o', ..] => Some(1),
        [0xE2, 0x80, 0x99, b'a' | b'e' | b'o', ..] => Some(3),
        // `Ban-er`, `Bao-yu`: a hyphen inside a given name.
        [b'-', c, ..] if c.is_ascii_lowercase() => Some(1),
        _ => None,
    }
}

/// The letters of a word, lower-cased (no joiner).
fn letters<'t>(text: &'t str, w: &Word) -> impl Iterator<Item = u8> + 't {
    text.as_bytes()[w.start..w.end]
        .iter()
        .filter(|b| b.is_ascii_alphabetic())
        .map(u8::to_ascii_lowercase)
}

/// Whether two words are adjacent as the parts of a name are: one space
/// or a hyphen between them.
fn adjacent(text: &str, a: &Word, b: &Word) -> bool {
    matches!(&text[a.end..b.start], " " | "-")
}

/// The names found in some texts, before the words the texts also write
/// in lower case are taken out of the single ones.
#[derive(Default)]
struct Found {
    /// Single words found past the opening word of their sentence.
    singles: HashSet<String>,
    /// Single words found only as the opening word (so far).
    openers: HashSet<String>,
    pairs: HashSet<String>,
    /// The first letters of the second words of pairs, a bit each.
    seconds: u32,
}

impl Found {
    fn read(&mut self, text: &str, r: &Readings) {
        // Where the sentence's opening word starts.
        let opening = text
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric())
            .map_or(0, |(i, _)| i);
        let mut prev: Option<(Word, usize)> = None;
        let mut buf = [0u8; 2 * LONGEST];
        for w in capitalized_words(text, letter_mask(&r.syllable_starts())) {
            if w.end - w.start > LONGEST {
                prev = None;
                continue;
            }
            // This word's letters after the previous name word's, if any.
            let at = match prev {
                Some((p, n)) if adjacent(text, &p, &w) => n,
                _ => 0,
            };
            let mut n = at;
            for b in letters(text, &w) {
                buf[n] = b;
                n += 1;
            }
            let word = &buf[at..n];
            let counts = r.syllable_counts(word);
            if counts == 0 {
                prev = None;
                continue;
            }
            let word_text = std::str::from_utf8(word).unwrap_or_default();
            if word.len() >= 4
                && counts & SYLLABLES != 0
                && !STOP.contains(&word_text)
                && !self.singles.contains(word_text)
            {
                if w.start > opening {
                    self.openers.remove(word_text);
                    self.singles.insert(word_text.to_string());
                } else if !self.openers.contains(word_text) {
                    self.openers.insert(word_text.to_string());
                }
            }
            if at > 0 && r.syllable_counts(&buf[..n]) & SYLLABLES != 0 {
                let both = std::str::from_utf8(&buf[..n]).unwrap_or_default();
                if !self.pairs.contains(both) {
                    self.pairs.insert(both.to_string());
                }
                self.seconds |= 1 << (buf[at] - b'a');
            }
            // The next word pairs with this one alone.
            buf.copy_within(at..n, 0);
            prev = Some((w, n - at));
        }
    }

    fn merge(mut self, other: Found) -> Found {
        self.singles.extend(other.singles);
        self.seconds |= other.seconds;
        self.openers.extend(other.openers);
        self.openers.retain(|w| !self.singles.contains(w));
        self.pairs.extend(other.pairs);
        self
    }
}

/// Whether `text` writes `word` (lower-case, found by `finder`) as a
/// whole word: between characters that are not letters or digits.
fn in_lower_case(text: &str, word: &memchr::memmem::Finder<'_>) -> bool {
    let n = word.needle().len();
    word.find_iter(text.as_bytes()).any(|at| {
        let after = text[at + n..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        !after && !alnum_before(text, at)
    })
}

impl NameReadings {
    /// Whether a pair of languages reads names: Chinese with a
    /// Latin-script language.
    pub(crate) fn applies(src: Lang, tgt: Lang) -> bool {
        (src == Lang::Zh && tgt.is_latin()) || (tgt == Lang::Zh && src.is_latin())
    }

    /// The names of the Latin-script sentences `texts` (one side of a
    /// text pair).
    pub(crate) fn of_latin(texts: &[&str]) -> NameReadings {
        let r = readings();
        let read = |chunk: &[&str]| {
            let mut f = Found::default();
            for t in chunk {
                f.read(t, r);
            }
            f
        };
        // Sets: the same whatever the order they are merged in.
        let Found {
            mut singles,
            openers,
            pairs,
            seconds,
        } = if texts.len() < 512 {
            read(texts)
        } else {
            texts
                .par_chunks(256)
                .map(read)
                .reduce(Found::default, Found::merge)
        };
        // A word found only opening a sentence is a name only if the text
        // never writes it in lower case (`Ensure`, `Change`); a word found
        // inside one is a name (few of those, and few sought).
        let mut openers: Vec<String> = openers.into_iter().collect();
        openers.sort_unstable();
        let lower = |w: &String| {
            let finder = memchr::memmem::Finder::new(w.as_bytes());
            if texts.len() < 512 {
                texts.iter().any(|t| in_lower_case(t, &finder))
            } else {
                texts.par_iter().any(|t| in_lower_case(t, &finder))
            }
        };
        singles.extend(openers.into_iter().filter(|w| !lower(w)));
        let mut names = NameReadings {
            trie: vec![[0; 26]],
            keys: vec![0],
            first: vec![0; r.syllables().div_ceil(64)],
            han: Vec::new(),
            capitals: 0,
        };
        // Sorted: the trie's numbering is the same in every run.
        let mut all: Vec<String> = singles.into_iter().chain(pairs).collect();
        all.sort_unstable();
        all.dedup();
        for name in &all {
            names.insert(name, r);
        }
        names.capitals = letter_mask(&names.trie[0]) | seconds;
        names.han = vec![0; Readings::CHARS.div_ceil(64)];
        for id in 0..r.syllables() as u16 {
            if names.starts_a_name(id) {
                for &c in r.chars_of(id) {
                    names.han[c as usize / 64] |= 1 << (c % 64);
                }
            }
        }
        names
    }

    fn insert(&mut self, name: &str, r: &Readings) {
        let mut node = 0usize;
        for b in name.bytes() {
            let k = (b.wrapping_sub(b'a') as usize).min(25);
            if self.trie[node][k] == 0 {
                self.trie[node][k] = self.trie.len() as u32;
                self.trie.push([0; 26]);
                self.keys.push(0);
            }
            node = self.trie[node][k] as usize;
        }
        self.keys[node] = key(name);
        for k in 1..=MAX_SYLLABLE.min(name.len()) {
            if let Some(id) = r.id(&name[..k]) {
                self.first[id as usize / 64] |= 1 << (id % 64);
            }
        }
    }

    /// Whether no name was found (nothing to look for).
    pub(crate) fn is_empty(&self) -> bool {
        self.trie.len() <= 1
    }

    /// The node `letters` (lower-case) lead to from `node`, if any.
    fn walk(&self, node: usize, letters: impl IntoIterator<Item = u8>) -> Option<usize> {
        let mut node = node;
        for b in letters {
            let k = b.wrapping_sub(b'a');
            if k >= 26 {
                return None;
            }
            node = match self.trie[node][k as usize] {
                0 => return None,
                n => n as usize,
            };
        }
        Some(node)
    }

    /// The key of the name ending at `node`, if one does.
    fn key_at(&self, node: usize) -> Option<u64> {
        Some(self.keys[node]).filter(|&k| k != 0)
    }

    fn starts_a_name(&self, id: u16) -> bool {
        self.first[id as usize / 64] & (1 << (id % 64)) != 0
    }
}

/// The key of a name, on either side.
fn key(name: &str) -> u64 {
    hash(&("P", name)).max(1)
}

/// Adds to `out` the name keys of a sentence: `text` as it stands, `chars`
/// normalized (full-width forms folded), in `lang`.
pub(crate) fn name_keys(
    text: &str,
    chars: &[char],
    lang: Lang,
    names: &NameReadings,
    out: &mut Vec<u64>,
) {
    if names.is_empty() {
        return;
    }
    if lang == Lang::Zh {
        han_keys(chars, readings(), names, out);
    } else if lang.is_latin() {
        latin_keys(text, names, out);
    }
}

/// A name's key for each capitalized word, and each pair of adjacent
/// ones, that spells a name.
fn latin_keys(text: &str, names: &NameReadings, out: &mut Vec<u64>) {
    let mut prev: Option<(Word, Option<usize>)> = None;
    for w in capitalized_words(text, names.capitals) {
        if w.end - w.start > LONGEST {
            prev = None;
            continue;
        }
        let node = names.walk(0, letters(text, &w));
        if let Some(k) = node.and_then(|n| names.key_at(n)) {
            out.push(k);
        }
        if let Some((p, Some(pn))) = prev {
            if adjacent(text, &p, &w) {
                if let Some(k) = names
                    .walk(pn, letters(text, &w))
                    .and_then(|n| names.key_at(n))
                {
                    out.push(k);
                }
            }
        }
        prev = Some((w, node));
    }
}

/// A name's key for each run of two to four Han characters one of whose
/// readings spells a name.
fn han_keys(chars: &[char], r: &Readings, names: &NameReadings, out: &mut Vec<u64>) {
    for i in 0..chars.len() {
        let starts = Readings::offset(chars[i]).is_some_and(|k| {
            names
                .han
                .get(k / 64)
                .is_some_and(|b| b & (1 << (k % 64)) != 0)
        });
        if !starts {
            continue;
        }
        let mut tried = 0;
        let run = &chars[i..(i + 4).min(chars.len())];
        spell(run, 0, 0, r, names, &mut tried, out);
    }
}

/// Spells each reading of `run[depth]` on from trie node `node` (where the
/// readings of the characters before it led), depth first, keeping the
/// names of two characters or more.
fn spell(
    run: &[char],
    depth: usize,
    node: usize,
    r: &Readings,
    names: &NameReadings,
    tried: &mut usize,
    out: &mut Vec<u64>,
) {
    let Some(&c) = run.get(depth) else {
        return;
    };
    for &id in r.of(c) {
        if *tried >= MAX_COMBINATIONS {
            return;
        }
        *tried += 1;
        let Some(next) = names.walk(node, r.syllable(id).bytes()) else {
            continue;
        };
        if depth >= 1 {
            if let Some(k) = names.key_at(next) {
                out.push(k);
            }
        }
        spell(run, depth + 1, next, r, names, tried, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{Features, intersect};

    fn features(text: &str, lang: Lang, names: &NameReadings) -> Features {
        Features::build_keeping(text, lang, &[], false, None, Some(names))
    }

    fn shared(zh: &str, latin: &str) -> usize {
        shared_in(zh, latin, &[latin])
    }

    /// Name keys shared by `zh` and `latin`, the Latin side's names read
    /// from `doc` (the whole text the sentence is part of).
    fn shared_in(zh: &str, latin: &str, doc: &[&str]) -> usize {
        let names = NameReadings::of_latin(doc);
        let a = features(zh, Lang::Zh, &names).names;
        let b = features(latin, Lang::En, &names).names;
        intersect(&a, &b)
    }

    #[test]
    fn chinese_names_meet_their_pinyin() {
        assert_eq!(shared("贾瑞说", "Jia Rui said"), 1);
        assert_eq!(shared("陈清扬把我拽住", "Chen Qingyang caught me"), 2);
        assert_eq!(shared("林黛玉笑道", "Daiyu laughed"), 1);
        // Traditional characters.
        assert_eq!(shared("賈瑞說", "Jia Rui dit"), 1);
        assert_eq!(shared("苏丹和也门", "the Sudan and Yemen"), 2);
        // The apostrophe before a syllable opening with a vowel.
        assert_eq!(shared("余占鳌的头皮", "Yu Zhan’ao's head"), 2);
        assert_eq!(shared("余占的头皮", "Yu Zhan’ao's head"), 0);
        assert_eq!(shared("领着板儿", "with little Ban-er"), 1);
    }

    #[test]
    fn words_are_not_names() {
        // Not capitalized, or written in lower case elsewhere in the text.
        assert_eq!(shared("我们认为", "we think women"), 0);
        assert_eq!(shared("我们认为", "Women think"), 0);
        let doc = ["Sudan grass grows", "where sudan grass grows"];
        assert_eq!(shared_in("苏丹草", "Sudan grass grows", &doc), 0);
        assert_eq!(shared_in("苏丹草", "Sudan grass grows", &doc[..1]), 1);
        // One syllable is too common a reading; not pinyin at all.
        assert_eq!(shared("王说", "Wang said"), 0);
        assert_eq!(shared("大会", "The General Assembly"), 0);
        // A name the other sentence does not hold.
        assert_eq!(shared("贾瑞说", "Chen Qingyang said"), 0);
    }

    #[test]
    fn capitals_are_found_eight_bytes_at_a_time() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut x = *b"a\xE9 z\x80\xFF@[";
                x[at] = b;
                let capital = x.iter().any(u8::is_ascii_uppercase);
                assert_eq!(
                    has_capital(u64::from_le_bytes(x)),
                    capital,
                    "{b:#x} at {at}"
                );
            }
        }
        // A capital straddling the eight-byte steps, and one at the end.
        let names = NameReadings::of_latin(&["and then Qingyang", "abcdefgQingyang"]);
        let keys = |t: &str| {
            let all = features(t, Lang::En, &names).names.len();
            all - Features::build(t, Lang::En, &[], false).names.len()
        };
        assert_eq!(keys("and then Qingyang"), 1);
        assert_eq!(keys("1234567 Qingyang"), 1);
        assert_eq!(keys("abcdefgQingyang"), 0);
    }

    #[test]
    fn any_input_is_read_without_panic() {
        let doc = ["Jia Rui", "É Ça-va Xi'an A-B", "", "ĲJia\u{301}Rui 𝐀bc"];
        let names = NameReadings::of_latin(&doc);
        for t in [
            "",
            "贾",
            "贾瑞贾瑞贾瑞",
            "\u{20000}贾\u{301}瑞",
            "Jia\tRui",
            "JIA RUI",
        ] {
            features(t, Lang::Zh, &names);
            features(t, Lang::Fr, &names);
        }
        // Characters with many readings: the combinations are bounded.
        let many = "长长长长长长长长行行行行了了了";
        features(many, Lang::Zh, &names);
    }
}

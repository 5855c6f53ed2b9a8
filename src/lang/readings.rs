//! Mandarin readings of Han characters, without tones: how a Chinese name
//! (`贾瑞`, `陈清扬`) is written in Latin-script text ("Jia Rui", "Chen
//! Qingyang").
//!
//! The table is `data/lexicon/cedict.readings.txt` (the readings of
//! CC-CEDICT's single-character entries, made by
//! `scripts/cedict_readings.py`; CC BY-SA 4.0, see `data/README.md`),
//! embedded in the binary and indexed once per process.

use std::sync::OnceLock;

static TABLE: &str = include_str!("../../data/lexicon/cedict.readings.txt");

/// The characters the table indexes (CJK Unified Ideographs and
/// Extension A).
const FIRST: u32 = 0x3400;
const LAST: u32 = 0x9FFF;

/// The longest syllable (`chuang`, `zhuang`, `shuang`).
pub const MAX_SYLLABLE: usize = 6;

/// Common English words that read as pinyin and as common Chinese words
/// (`women`, 我们; `take`, 他可): never names, even where a text only
/// writes them capitalized.
pub const PINYIN_LOOKALIKES: [&str; 16] = [
    "aide", "along", "anti", "base", "change", "date", "house", "human", "line", "make", "mine",
    "more", "open", "take", "time", "women",
];

/// The readings of the characters U+3400..U+9FFF.
pub struct Readings {
    /// The syllables, sorted: a reading's id is its index.
    syllables: Vec<&'static str>,
    /// Per character (offset from [`FIRST`]), where its ids start in `ids`;
    /// one entry more than characters.
    start: Vec<u32>,
    ids: Vec<u16>,
    /// Per syllable id, where its characters (offsets from [`FIRST`])
    /// start in `chars`; one entry more than syllables.
    chars_start: Vec<u32>,
    chars: Vec<u16>,
    /// The syllables as a letter trie ([`syllable_trie`]).
    trie: Vec<[u16; 26]>,
    terminal: Vec<bool>,
}

/// The table, indexed on first use.
pub fn readings() -> &'static Readings {
    static R: OnceLock<Readings> = OnceLock::new();
    R.get_or_init(|| Readings::parse(TABLE))
}

impl Readings {
    /// Reads `reading<TAB>characters` lines (`#` opens a comment line).
    fn parse(text: &'static str) -> Readings {
        let mut syllables: Vec<&'static str> = Vec::new();
        let mut pairs: Vec<(u32, u16)> = Vec::new();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((reading, chars)) = line.split_once('\t') else {
                continue;
            };
            // Lower-case ASCII letters (`scripts/cedict_readings.py`).
            if reading.is_empty() || !reading.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            let id = syllables.len() as u16;
            syllables.push(reading);
            pairs.extend(
                chars
                    .chars()
                    .map(|c| c as u32)
                    .filter(|c| (FIRST..=LAST).contains(c))
                    .map(|c| (c - FIRST, id)),
            );
        }
        // Ids are given in the table's order, which is sorted.
        debug_assert!(syllables.windows(2).all(|w| w[0] < w[1]));
        pairs.sort_unstable();
        let chars = (LAST - FIRST + 1) as usize;
        let mut start = vec![0u32; chars + 1];
        for &(c, _) in &pairs {
            start[c as usize + 1] += 1;
        }
        for k in 0..chars {
            start[k + 1] += start[k];
        }
        let (trie, terminal) = syllable_trie(&syllables);
        let mut by_syllable: Vec<(u16, u16)> =
            pairs.iter().map(|&(c, id)| (id, c as u16)).collect();
        by_syllable.sort_unstable();
        let mut chars_start = vec![0u32; syllables.len() + 1];
        for &(id, _) in &by_syllable {
            chars_start[id as usize + 1] += 1;
        }
        for k in 0..syllables.len() {
            chars_start[k + 1] += chars_start[k];
        }
        Readings {
            chars_start,
            chars: by_syllable.into_iter().map(|(_, c)| c).collect(),
            syllables,
            start,
            ids: pairs.into_iter().map(|(_, id)| id).collect(),
            trie,
            terminal,
        }
    }

    /// The ids of the readings of `c` (none for a character the table
    /// does not hold).
    pub fn of(&self, c: char) -> &[u16] {
        let u = c as u32;
        if !(FIRST..=LAST).contains(&u) {
            return &[];
        }
        let k = (u - FIRST) as usize;
        &self.ids[self.start[k] as usize..self.start[k + 1] as usize]
    }

    /// The characters (as offsets from the first the table indexes, see
    /// [`Readings::offset`]) one of whose readings is the syllable `id`.
    pub fn chars_of(&self, id: u16) -> &[u16] {
        let k = id as usize;
        &self.chars[self.chars_start[k] as usize..self.chars_start[k + 1] as usize]
    }

    /// The offset of `c` among the characters the table indexes, if it is
    /// one of them.
    pub fn offset(c: char) -> Option<usize> {
        let u = c as u32;
        (FIRST..=LAST).contains(&u).then(|| (u - FIRST) as usize)
    }

    /// How many characters the table indexes (offsets are below this).
    pub const CHARS: usize = (LAST - FIRST + 1) as usize;

    /// The syllable of a reading id.
    pub fn syllable(&self, id: u16) -> &'static str {
        self.syllables[id as usize]
    }

    /// The id of a syllable (lower-case, no tone).
    pub fn id(&self, syllable: &str) -> Option<u16> {
        self.syllables
            .binary_search(&syllable)
            .ok()
            .map(|k| k as u16)
    }

    /// How many syllables there are (ids are below this).
    pub fn syllables(&self) -> usize {
        self.syllables.len()
    }

    /// The numbers of syllables (as bits: bit `k` for `k` syllables, up to
    /// 7) `word` (lower-case ASCII letters) can be cut into; 0 when it is
    /// not pinyin. `qingyang` → bit 2; `xian` → bits 1 and 2 (`xian`,
    /// `xi an`). Most words fail within their first letters (`th`).
    pub fn syllable_counts(&self, word: &[u8]) -> u8 {
        if word.len() > 32 {
            return 0;
        }
        // counts[i]: the syllable counts that cut `word[..i]` exactly.
        let mut counts = [0u8; 33];
        counts[0] = 1;
        for i in 0..word.len() {
            if counts[i] == 0 {
                continue;
            }
            let mut node = 0usize;
            for (j, &b) in word.iter().enumerate().skip(i) {
                let Some(next) = self.child(node, b) else {
                    break;
                };
                node = next;
                if self.terminal[node] {
                    counts[j + 1] |= counts[i] << 1;
                }
            }
        }
        counts[word.len()] & !1
    }

    /// Per letter, whether a syllable starts with it (not `i`, `u`, `v`).
    pub fn syllable_starts(&self) -> [u16; 26] {
        self.trie[0]
    }

    /// The node of the syllable trie under `node` by the letter `b`.
    fn child(&self, node: usize, b: u8) -> Option<usize> {
        let k = b.wrapping_sub(b'a');
        if k >= 26 {
            return None;
        }
        match self.trie[node][k as usize] {
            0 => None,
            n => Some(n as usize),
        }
    }
}

/// A letter trie over `syllables` (lower-case ASCII): per node its 26
/// children (0: none; the root, node 0, is no one's child), and whether a
/// syllable ends there.
fn syllable_trie(syllables: &[&str]) -> (Vec<[u16; 26]>, Vec<bool>) {
    let mut trie = vec![[0u16; 26]];
    let mut terminal = vec![false];
    for s in syllables {
        let mut node = 0;
        for b in s.bytes() {
            let k = (b.wrapping_sub(b'a') as usize).min(25);
            if trie[node][k] == 0 {
                trie[node][k] = trie.len() as u16;
                trie.push([0; 26]);
                terminal.push(false);
            }
            node = trie[node][k] as usize;
        }
        terminal[node] = true;
    }
    (trie, terminal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_their_pinyin() {
        let r = readings();
        let read = |c: char| -> Vec<&str> { r.of(c).iter().map(|&id| r.syllable(id)).collect() };
        assert_eq!(read('瑞'), ["rui"]);
        // Every reading, the surname's among them; ü as `u`.
        assert!(read('贾').contains(&"jia") && read('贾').contains(&"gu"));
        assert!(read('賈').contains(&"jia"));
        assert!(read('吕').contains(&"lu"));
        assert!(read('清').contains(&"qing"));
        // Not Han, or outside the table.
        assert!(read('a').is_empty() && read('。').is_empty() && read('\u{20000}').is_empty());
        // The inverse index.
        let rui = r.id("rui").expect("a syllable");
        let at = Readings::offset('瑞').expect("indexed");
        assert!(r.chars_of(rui).contains(&(at as u16)));
        assert!(
            !r.chars_of(rui)
                .contains(&(Readings::offset('贾').expect("indexed") as u16))
        );
        assert!((380..450).contains(&r.syllables()), "{}", r.syllables());
        assert_eq!(r.id("zhuang").map(|id| r.syllable(id)), Some("zhuang"));
        assert_eq!(r.id("th"), None);
        // Ids are the table's order, which `id` searches: sorted.
        assert!(r.syllables.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn words_are_cut_into_syllables() {
        let r = readings();
        assert_eq!(r.syllable_counts(b"qingyang"), 1 << 2);
        assert_eq!(r.syllable_counts(b"xian"), (1 << 1) | (1 << 2));
        // `ji a` as well as `jia`.
        assert_eq!(r.syllable_counts(b"jia"), (1 << 1) | (1 << 2));
        assert_eq!(r.syllable_counts(b"assembly"), 0);
        assert_eq!(r.syllable_counts(b"the"), 0);
        assert_eq!(r.syllable_counts(b""), 0);
        assert_eq!(r.syllable_counts("a".repeat(40).as_bytes()), 0);
    }
}

//! Lexicon keys as integers: word stems hashed to `u32`, Han characters.
//!
//! Shared with `build.rs`, which compiles the built-in CC-CEDICT with the
//! same stems and the same hash, so this file uses nothing of the crate
//! (std, `unicode-normalization`, `lang/letters.rs` and
//! `lang/function_words.rs`, which `build.rs` includes too).

use unicode_normalization::UnicodeNormalization;

use super::function_words::FUNCTION_WORDS;
use super::letters::is_letter;

const TATWEEL: char = '\u{0640}';

/// Function words that explain nothing (`lang::function_words`, a language fact).
pub const STOP: &[&str] = FUNCTION_WORDS;

/// Up to eight bytes of a word as one integer (0 for longer words: no
/// function word is longer).
const fn packed(w: &[u8]) -> u64 {
    if w.len() > 8 {
        return 0;
    }
    let mut k = 0u64;
    let mut i = 0;
    while i < w.len() {
        k = k << 8 | w[i] as u64;
        i += 1;
    }
    // The length in the top byte keeps `ab` and `\0ab` apart.
    k | (w.len() as u64) << 56
}

/// [`STOP`] packed and sorted, for a binary search instead of a scan with
/// a string comparison per function word (once per word of every text).
const STOP_KEYS: [u64; STOP.len()] = {
    let mut keys = [0u64; STOP.len()];
    let mut i = 0;
    while i < STOP.len() {
        keys[i] = packed(STOP[i].as_bytes());
        i += 1;
    }
    // Insertion sort: const code has no `sort`.
    let mut i = 1;
    while i < keys.len() {
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let t = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    keys
};

/// Whether `w` is a function word ([`STOP`]).
pub fn is_stop(w: &str) -> bool {
    w.len() <= 8 && STOP_KEYS.binary_search(&packed(w.as_bytes())).is_ok()
}

/// Characters of a stem: words are cut to this many letters, so that
/// `resolutions`/`resolution` and `developing`/`development` meet.
pub const STEM_CHARS: usize = 5;

// Han characters are a language fact (`lang::letters`), shared with build.rs.
pub use super::letters::is_han;

/// The id of a stem: FNV-1a over its UTF-8 bytes, folded to 32 bits.
/// Fixed across runs, threads and builds; two stems of one sentence pair
/// share an id by accident about once in four billion.
pub fn stem_id(stem: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in stem.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h ^ (h >> 32)) as u32
}

/// Lower case without diacritics (`développement` ~ `development`).
pub fn fold(w: &str) -> String {
    w.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// Word key: lower-cased, folded, cut to a [`STEM_CHARS`]-letter stem;
/// `None` for function words and words under three letters. A stem is its
/// own stem (a saved table reads back the same): `others` goes with `other`.
pub fn stem(w: &str) -> Option<String> {
    let f = fold(w);
    if f.chars().count() < 3 || is_stop(&f) {
        return None;
    }
    let s: String = f.chars().take(STEM_CHARS).collect();
    (!is_stop(&s)).then_some(s)
}

/// Lower-cased alphabetic words of `text` (tatweel removed).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(is_letter(c) || c == TATWEEL))
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .filter(|&c| c != TATWEEL)
                .flat_map(char::to_lowercase)
                .collect()
        })
}

/// Calls `f` with the stem of every content word of `text`, in order: what
/// `words(text).filter_map(|w| stem(&w))` gives, without an allocation for
/// a word of ASCII letters (most words of en, fr, es text). `buf` is
/// scratch space for the other words.
pub fn for_each_stem(text: &str, buf: &mut (String, String), mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphabetic() {
            // An ASCII word ends at a byte that is not an ASCII letter; if
            // that byte starts a non-ASCII letter (or tatweel), the word goes
            // on: take the general path for the whole word.
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            if i < bytes.len() && bytes[i] >= 0x80 {
                let c = text[i..].chars().next().unwrap_or(' ');
                if is_letter(c) || c == TATWEEL {
                    i = general_word(text, start, buf, &mut f);
                    continue;
                }
            }
            ascii_word(&bytes[start..i], &mut f);
        } else if b < 0x80 {
            i += 1;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if is_letter(c) || c == TATWEEL {
                i = general_word(text, i, buf, &mut f);
            } else {
                i += c.len_utf8();
            }
        }
    }
}

fn ascii_word(w: &[u8], f: &mut impl FnMut(&str)) {
    if w.len() < 3 {
        return;
    }
    let mut low = [0u8; STEM_CHARS];
    let n = w.len().min(STEM_CHARS);
    for (d, s) in low.iter_mut().zip(w) {
        *d = s.to_ascii_lowercase();
    }
    // ASCII letters: always UTF-8.
    let stem = std::str::from_utf8(&low[..n]).unwrap_or_default();
    // The whole word is a function word only when it is as short as one
    // (no function word is longer than a stem); the stem itself may be one.
    if is_stop(stem) {
        return;
    }
    f(stem);
}

/// The word starting at byte `start`, through the general path; returns
/// the byte where it ends.
fn general_word(
    text: &str,
    start: usize,
    buf: &mut (String, String),
    f: &mut impl FnMut(&str),
) -> usize {
    let (word, folded) = buf;
    word.clear();
    let mut end = text.len();
    for (k, c) in text[start..].char_indices() {
        if !(is_letter(c) || c == TATWEEL) {
            end = start + k;
            break;
        }
        if c != TATWEEL {
            word.extend(c.to_lowercase());
        }
    }
    if word.is_empty() {
        return end.max(start + 1);
    }
    folded.clear();
    folded.extend(
        word.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c)),
    );
    if folded.chars().count() < 3 || is_stop(folded) {
        return end;
    }
    let cut = folded
        .char_indices()
        .nth(STEM_CHARS)
        .map_or(folded.len(), |(k, _)| k);
    let stem = &folded[..cut];
    if !is_stop(stem) {
        f(stem);
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_found_by_their_packed_form() {
        for w in STOP {
            assert!(is_stop(w), "{w}");
        }
        for w in [
            "th",
            "them",
            "andes",
            "pourq",
            "это!",
            "",
            "thee",
            "whichever",
        ] {
            assert!(!is_stop(w), "{w}");
        }
    }
}

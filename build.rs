//! Compiles the built-in CC-CEDICT (`data/lexicon/cedict.zh-en.lex.deflate`,
//! the compact lexicon text that `examples/compact_cedict.rs` writes) into
//! what the library uses without parsing (`src/lexicon/embedded.rs`):
//!
//! * `cedict.daac`: a character-wise double-array Aho–Corasick automaton
//!   (daachorse) over the headwords, each with its entry number;
//! * `cedict.ids`: the entries' target word ids, little-endian `u32`: the
//!   number of entries, then each entry's end offset, then the ids;
//! * `cedict.words`: the target stems, one per line (to write a table).
//!
//! The stems and ids are those of `src/lexicon/key.rs`, included here, so
//! the runtime and this script cannot disagree.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

#[path = "src/lang/letters.rs"]
#[allow(dead_code)]
mod letters;

#[path = "src/lang/function_words.rs"]
mod function_words;

#[path = "src/lexicon/key.rs"]
#[allow(dead_code)]
mod key;

const SOURCE: &str = "data/lexicon/cedict.zh-en.lex.deflate";

fn main() {
    println!("cargo::rerun-if-changed={SOURCE}");
    println!("cargo::rerun-if-changed=src/lexicon/key.rs");
    println!("cargo::rerun-if-changed=src/lang/letters.rs");
    let packed = std::fs::read(SOURCE).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let text = miniz_oxide::inflate::decompress_to_vec(&packed)
        .unwrap_or_else(|e| panic!("{SOURCE}: not deflate data: {e:?}"));
    let text = String::from_utf8(text).unwrap_or_else(|e| panic!("{SOURCE}: not UTF-8: {e}"));

    // The same rules as the text reader (`Lexicon::parse`): keys of 2 to 6
    // Han characters, at most 12 content words per line, entries merged.
    let mut entries: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
    let mut words: BTreeSet<String> = BTreeSet::new();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((head, gloss)) = line.split_once('\t') else {
            continue;
        };
        let head = head.trim();
        let chars = head.chars().count();
        if !(2..=6).contains(&chars) || !head.chars().all(key::is_han) {
            continue;
        }
        let stems: Vec<String> = key::words(gloss)
            .filter_map(|w| key::stem(&w))
            .take(12)
            .collect();
        if stems.is_empty() {
            continue;
        }
        let e = entries.entry(head).or_default();
        for s in stems {
            e.insert(key::stem_id(&s));
            words.insert(s);
        }
    }

    let automaton = daachorse::CharwiseDoubleArrayAhoCorasick::<u32>::with_values(
        entries
            .keys()
            .enumerate()
            .map(|(k, head)| (*head, k as u32)),
    )
    .expect("CC-CEDICT headwords build an automaton");
    let mut ids: Vec<u8> = Vec::new();
    ids.extend((entries.len() as u32).to_le_bytes());
    let mut end = 0u32;
    for set in entries.values() {
        end += set.len() as u32;
        ids.extend(end.to_le_bytes());
    }
    for set in entries.values() {
        for id in set {
            ids.extend(id.to_le_bytes());
        }
    }
    let mut vocab = String::new();
    for w in &words {
        vocab.push_str(w);
        vocab.push('\n');
    }

    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("cedict.daac"), automaton.serialize()).expect("write cedict.daac");
    std::fs::write(out.join("cedict.ids"), ids).expect("write cedict.ids");
    std::fs::write(out.join("cedict.words"), vocab).expect("write cedict.words");
}

//! Builds the compact CC-CEDICT that the library embeds
//! (`data/lexicon/cedict.zh-en.lex.deflate`, compiled by `build.rs`) from
//! `cedict.zh-en.tsv` (`simplified<TAB>gloss`, made from the CC-CEDICT
//! release by `shared/data/scripts/cedict2tsv.py`) and the same for the
//! traditional headwords (`scripts/cedict_trad_tsv.py`):
//!
//! ```text
//! python3 scripts/cedict_trad_tsv.py ../shared/data/lexicon/source/cedict_1_0_ts_utf-8_mdbg.txt.gz /tmp/cedict.trad.tsv
//! cargo run --release --example compact_cedict -- ../shared/data/lexicon/cedict.zh-en.tsv /tmp/cedict.trad.tsv data/lexicon/cedict.zh-en.lex.deflate
//! ```
//!
//! Only what the scorer uses is kept: headwords of 2 to 6 Han characters
//! and, per headword, the content words of its glosses (lower-cased, no
//! function words, no pinyin or Chinese cross-references, at most 12 per
//! gloss), in the lexicon text format, deflate-compressed. The result is an
//! adaptation of CC-CEDICT and stays under CC BY-SA 4.0 (see
//! `data/README.md`). Deterministic: the same input gives the same bytes.

use std::collections::BTreeMap;
use std::fs;

use sixalign::score::gloss_words;

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let [inputs @ .., output] = a.as_slice() else {
        eprintln!("usage: compact_cedict CEDICT_TSV… OUT_FILE");
        std::process::exit(2);
    };
    if inputs.is_empty() {
        eprintln!("usage: compact_cedict CEDICT_TSV… OUT_FILE");
        std::process::exit(2);
    }
    let text: String = inputs
        .iter()
        .map(|input| fs::read_to_string(input).unwrap_or_else(|e| panic!("{input}: {e}")))
        .collect::<Vec<String>>()
        .join("\n");
    let xref = regex::Regex::new(r"\[[^\]]*\]|[\p{Han}|]+").expect("a valid pattern");
    let han = |c: char| matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF);
    // Headwords in dictionary order of first appearance would do as well;
    // sorted keeps the file stable under reordering of the source.
    let mut entries: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for line in text.lines() {
        let Some((head, gloss)) = line.split_once('\t') else {
            continue;
        };
        let n = head.chars().count();
        if !(2..=6).contains(&n) || !head.chars().all(han) {
            continue;
        }
        let words = gloss_words(&xref.replace_all(gloss, " "));
        if words.is_empty() {
            continue;
        }
        let e = entries.entry(head).or_default();
        for w in words {
            if !e.contains(&w) {
                e.push(w);
            }
        }
    }
    let mut out = String::from(
        "# sixalign lexicon zh-en\n# CC-CEDICT (MDBG, https://www.mdbg.net/chinese/dictionary?page=cc-cedict), CC BY-SA 4.0; modified: simplified and traditional headwords of 2-6 Han characters with the content words of their glosses\n",
    );
    for (head, words) in &entries {
        // The reader keeps at most 12 words of a line, as of a gloss.
        for chunk in words.chunks(12) {
            out.push_str(head);
            out.push('\t');
            out.push_str(&chunk.join(" "));
            out.push('\n');
        }
    }
    let packed = miniz_oxide::deflate::compress_to_vec(out.as_bytes(), 10);
    fs::write(output, &packed).unwrap_or_else(|e| panic!("{output}: {e}"));
    eprintln!(
        "{} headwords, {} bytes of text, {} bytes compressed",
        entries.len(),
        out.len(),
        packed.len()
    );
}

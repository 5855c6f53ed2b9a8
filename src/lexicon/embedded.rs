//! The built-in CC-CEDICT, compiled by `build.rs` into an automaton and id
//! tables embedded in the binary: ready in a few milliseconds, nothing to
//! parse (CC BY-SA 4.0, CC-CEDICT by MDBG; see `data/README.md`).

use std::sync::{Arc, OnceLock};

use daachorse::CharwiseDoubleArrayAhoCorasick;

use super::{Keys, Lexicon};
use crate::lang::Lang;

static AUTOMATON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cedict.daac"));
static IDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cedict.ids"));
/// The target stems, one per line: only read to write the table out.
pub(super) static WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/cedict.words"));

fn u32_at(bytes: &[u8], k: usize) -> u32 {
    u32::from_le_bytes(bytes[4 * k..4 * k + 4].try_into().expect("four bytes"))
}

/// The zh–en lexicon shipped with the library, made once per process.
pub fn cedict() -> Arc<Lexicon> {
    static LEX: OnceLock<Arc<Lexicon>> = OnceLock::new();
    Arc::clone(LEX.get_or_init(|| {
        let (automaton, _) = CharwiseDoubleArrayAhoCorasick::<u32>::deserialize(AUTOMATON)
            .expect("the embedded CC-CEDICT automaton is valid");
        let entries = u32_at(IDS, 0) as usize;
        let mut start = Vec::with_capacity(entries + 1);
        start.push(0);
        start.extend((1..=entries).map(|k| u32_at(IDS, k)));
        let ids: Vec<u32> = (entries + 1..IDS.len() / 4)
            .map(|k| u32_at(IDS, k))
            .collect();
        Arc::new(Lexicon {
            src_lang: Some(Lang::Zh),
            tgt_lang: Some(Lang::En),
            learned: false,
            start,
            ids,
            keys: Keys::Han {
                automaton: Some(Arc::new(automaton)),
                pairs: Default::default(),
            },
            key_text: Vec::new(),
            word_text: Default::default(),
            embedded: true,
        })
    }))
}

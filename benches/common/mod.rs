//! Shared inputs of the benches: synthetic resolutions built from the UDHR
//! articles in `data/udhr` (always in the repository).

// Each bench uses a part of this module.
#![allow(dead_code)]
use std::collections::BTreeMap;
use std::path::Path;

use sixalign::Lang;
use sixalign::synth::{self, SynthConfig, SynthDoc};

/// The UDHR articles, line-parallel: the last 80 lines of every version,
/// with paragraph numbers (`2. `) taken off so they read as sentences.
pub fn udhr(langs: &[Lang]) -> synth::Corpus {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/udhr"));
    let mut lines = BTreeMap::new();
    for &l in langs {
        let text = std::fs::read_to_string(dir.join(format!("{}.txt", l.code())))
            .expect("data/udhr is part of the repository");
        let all: Vec<&str> = text.lines().collect();
        let tail = all[all.len() - 80..]
            .iter()
            .map(|s| {
                let digits = s.bytes().take_while(u8::is_ascii_digit).count();
                match s[digits..].strip_prefix(". ") {
                    Some(rest) if digits > 0 => rest.to_string(),
                    _ => s.to_string(),
                }
            })
            .collect();
        lines.insert(l, tail);
    }
    synth::Corpus::new(lines).expect("line-parallel")
}

/// `n` synthetic zh + en documents (small enough for the UDHR's ~50 sentences).
pub fn docs(n: usize) -> Vec<SynthDoc> {
    let cfg = SynthConfig {
        docs: n,
        preamble_paras: 2..5,
        operative_paras: 3..6,
        subparagraphs: 0.15,
        ..SynthConfig::default()
    };
    synth::generate(&udhr(&[Lang::Zh, Lang::En]), Lang::Zh, &[Lang::En], &cfg)
}

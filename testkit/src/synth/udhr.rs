//! The UDHR's articles, built in: a small line-parallel corpus that is
//! always there (tests, benches, `sixalign bench` without the shared data).

use std::collections::BTreeMap;

use super::Corpus;
use sixalign::lang::Lang;

const UDHR: [(Lang, &str); 6] = [
    (Lang::Ar, include_str!("../../../data/udhr/ar.txt")),
    (Lang::Zh, include_str!("../../../data/udhr/zh.txt")),
    (Lang::En, include_str!("../../../data/udhr/en.txt")),
    (Lang::Es, include_str!("../../../data/udhr/es.txt")),
    (Lang::Fr, include_str!("../../../data/udhr/fr.txt")),
    (Lang::Ru, include_str!("../../../data/udhr/ru.txt")),
];

/// The UDHR's articles: the last 80 lines of every version are the 30
/// article headings and their paragraphs, line-parallel (the preambles
/// split differently, so they are left out).
pub const UDHR_ARTICLE_LINES: usize = 80;

impl Corpus {
    /// The UDHR's articles in `langs` (`data/udhr`, built in): the last
    /// [`UDHR_ARTICLE_LINES`] lines of every version, line-parallel, with
    /// the numbers of numbered paragraphs (`2. `) taken off so that they read
    /// as sentences. About 50 lines are usable sentences: keep generated
    /// documents small ([`SynthConfig`](super::SynthConfig)'s paragraph
    /// counts), since the generator never repeats a sentence inside one.
    ///
    /// ```
    /// use sixalign::Lang;
    /// use sixalign_testkit::synth::Corpus;
    ///
    /// let c = Corpus::udhr_articles(&[Lang::Zh, Lang::En]);
    /// assert_eq!(c.len(), 80);
    /// assert_eq!(c.lines[&Lang::En][0], "Article 1");
    /// ```
    pub fn udhr_articles(langs: &[Lang]) -> Corpus {
        let mut lines = BTreeMap::new();
        for (l, text) in UDHR {
            if langs.contains(&l) {
                let all: Vec<&str> = text.lines().collect();
                let tail = &all[all.len().saturating_sub(UDHR_ARTICLE_LINES)..];
                lines.insert(
                    l,
                    tail.iter().map(|s| strip_number(s).to_string()).collect(),
                );
            }
        }
        Corpus::new(lines).expect("the built-in UDHR articles are line-parallel")
    }
}

/// A numbered UDHR paragraph (`2. Everyone …`) without its number, so the
/// generator can use it as a sentence.
fn strip_number(line: &str) -> &str {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    match line[digits..].strip_prefix(". ") {
        Some(rest) if digits > 0 => rest,
        _ => line,
    }
}

//! Function words of the alphabetic languages: words that explain nothing
//! in a translation, left out of lexicon keys and of the content words a
//! lexicon hit is a share of.
//!
//! Data only, with nothing of the crate: `build.rs` includes this file too,
//! so that the built-in CC-CEDICT is compiled with the same words left out.

/// The function words (lower case) of English, French, Spanish and Russian
/// that a word stem could otherwise be made of.
pub const FUNCTION_WORDS: &[&str] = &[
    "the", "and", "for", "with", "from", "that", "this", "are", "was", "were", "has", "have",
    "its", "their", "which", "who", "not", "all", "any", "other", "such", "also", "been", "des",
    "les", "une", "pour", "dans", "par", "sur", "qui", "que", "est", "aux", "del", "los", "las",
    "con", "por", "para", "una", "que", "como", "sus", "это", "для", "что", "как", "при",
];

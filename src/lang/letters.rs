//! `char::is_alphabetic` and `char::is_uppercase` with fast paths for the
//! six languages' letters.
//!
//! The standard test is a table search for every character past ASCII
//! (a few hundred instructions); the scorer, the lexicon and the number
//! reader ask it of every character of Chinese, Arabic and Russian text.
//! The ranges below are letters in every Unicode version Rust has shipped;
//! anything else is asked of the standard test, so the answer is always
//! the same. Shared with `build.rs` (std only).

/// Whether `c` is a Han character: the CJK Unified Ideographs, their
/// Extension A and the Compatibility Ideographs (the blocks the lexicon keys
/// use). Every one is a letter, none a digit.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF)
}

/// Whether `c` is alphabetic (exactly `c.is_alphabetic()`).
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' => false,
        // Latin-1 letters (not × and ÷), basic Cyrillic, Arabic letters,
        // CJK unified ideographs.
        '\u{C0}'..='\u{D6}'
        | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{FF}'
        | '\u{410}'..='\u{44F}'
        | '\u{621}'..='\u{64A}'
        | '\u{4E00}'..='\u{9FFF}' => true,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` is upper case (exactly `c.is_uppercase()`), without the
/// table search for the scripts that have no case (Arabic, Han) or for
/// basic Cyrillic.
#[inline]
pub fn is_upper(c: char) -> bool {
    match c {
        'A'..='Z' | '\u{410}'..='\u{42F}' => true,
        '\0'..='\u{7F}'
        | '\u{430}'..='\u{44F}'
        | '\u{600}'..='\u{6FF}'
        | '\u{4E00}'..='\u{9FFF}' => false,
        _ => c.is_uppercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_answer_as_the_standard_test_for_every_char() {
        let wrong: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_letter(c) != c.is_alphabetic())
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn is_upper_is_is_uppercase_for_every_char() {
        let wrong: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_upper(c) != c.is_uppercase())
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }
}

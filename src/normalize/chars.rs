//! What a character is to the view: the letters that are their own NFKC
//! form, the digits it folds, the characters it drops, and the scripts the
//! joining rules ask about.

/// A letter that is its own NFKC form and no combining mark, known without
/// the normalizer's tables: Latin-1 letters, basic Cyrillic, Arabic
/// letters, CJK unified ideographs (the bulk of the six languages' text).
pub(super) fn is_plain(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{FF}' | '\u{410}'..='\u{44F}' | '\u{621}'..='\u{63A}' | '\u{641}'..='\u{64A}' | '\u{4E00}'..='\u{9FFF}')
}

pub(super) fn eastern_digit(c: char) -> Option<char> {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        _ => None,
    }
}

/// A character the view drops where it stands (PDF justification, soft
/// hyphens, joiners, direction marks); output keeps it between the
/// characters around it ([`crate::load::Offsets::original_text`]).
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{0640}' | '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}'
    )
}

pub(super) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{3001}' | '\u{300A}'..='\u{300B}' | '\u{201C}' | '\u{201D}')
}

pub(super) fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

//! Untranslated text: target sentences in the hub's script, or copied from it.

use crate::lang::Lang;
use crate::qa::{FindingKind, Severity, Side};

use super::Ctx;

impl Ctx<'_> {
    /// Target sentences in the hub's script, or copied from the hub.
    pub(super) fn untranslated(&mut self) {
        let (sl, tl) = (self.pa.src_lang, self.pa.tgt_lang);
        let mut found = Vec::new();
        if script(sl) != script(tl) {
            for (i, s) in self.pa.tgt.iter().enumerate() {
                let (hub, letters) = script_share(&s.text, script(sl));
                if hub >= 3 && hub as f64 >= self.th.hub_script_share * letters as f64 {
                    found.push((i, format!("the {tl} text is written in {sl} script")));
                }
            }
        }
        let beads: Vec<_> = self.pa.beads().cloned().collect();
        for b in &beads {
            if b.src.is_empty() || b.tgt.is_empty() {
                continue;
            }
            let a = squash(&self.join(Side::Src, &b.src));
            let t = squash(&self.join(Side::Tgt, &b.tgt));
            // Names, addresses and figures are the same in every language;
            // a copied sentence has words.
            let words = self.join(Side::Tgt, &b.tgt).split_whitespace().count();
            if words >= 3 && a.chars().filter(|c| c.is_alphabetic()).count() >= 4 && a == t {
                for i in b.tgt.clone() {
                    if !found.iter().any(|(j, _)| *j == i) {
                        found.push((i, format!("the {tl} text is identical to the {sl} text")));
                    }
                }
            }
        }
        for (i, msg) in found {
            self.t_untranslated.insert(i);
            // The hub counterpart: the bead holding the sentence.
            let src = beads
                .iter()
                .find(|b| b.tgt.contains(&i))
                .map(|b| b.src.clone())
                .unwrap_or(0..0);
            self.push_at(
                FindingKind::Untranslated,
                Severity::Error,
                Side::Tgt,
                src,
                i..i + 1,
                msg,
            );
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Han,
    Arabic,
    Cyrillic,
    Latin,
}

fn script(l: Lang) -> Script {
    match l {
        Lang::Zh => Script::Han,
        Lang::Ar => Script::Arabic,
        Lang::Ru => Script::Cyrillic,
        Lang::En | Lang::Es | Lang::Fr => Script::Latin,
    }
}

fn script_of(c: char) -> Option<Script> {
    match c {
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => {
            Some(Script::Han)
        }
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FEFC}' => {
            Some(Script::Arabic)
        }
        '\u{0400}'..='\u{04FF}' => Some(Script::Cyrillic),
        c if c.is_alphabetic() && (c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c)) => {
            Some(Script::Latin)
        }
        _ => None,
    }
}

/// Letters in script `s`, and all letters, of a text. A Han character counts
/// as much as a word's worth of alphabetic letters would.
fn script_share(text: &str, s: Script) -> (usize, usize) {
    let (mut hit, mut all) = (0, 0);
    for c in text.chars() {
        if let Some(x) = script_of(c) {
            let w = if x == Script::Han { 3 } else { 1 };
            all += w;
            if x == s {
                hit += w;
            }
        }
    }
    (hit, all)
}

/// Lower-case letters and digits only, for telling copied text.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

//! The facts of a parsed document read back: its symbol, script, agenda
//! item, resolution number, report symbol, meeting and date.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Block, BlockKind, Document};
use crate::lang::{self, Lang, symbol, tables};
use crate::load::Text;

static RES_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{2,3})/(\d{1,4})\s*[.\-–—]\s").expect("resolution title"));
/// The document's own symbol: an `A/RES/…` symbol in the original text, a
/// symbol standing alone on a line, or the number of the resolution title
/// (`74/28.` is `A/RES/74/28`).
pub(super) fn find_symbol(text: &Text, blocks: &[Block]) -> Option<String> {
    if let Some(s) = symbol::document_symbol(text.original()) {
        return Some(s.to_string());
    }
    for b in blocks.iter().filter(|b| b.kind == BlockKind::Title) {
        let probe = text.normalized().get(b.normalized.clone()).unwrap_or("");
        if let Some(c) = RES_TITLE.captures(probe.trim_start()) {
            return Some(format!("A/RES/{}/{}", &c[1], &c[2]));
        }
    }
    None
}

impl Document {
    /// The normalized view of a block's text (NFKC, ASCII digits, furniture
    /// and footnote marks out): what matching reads, normalized once by
    /// the reader, never again.
    pub fn normalized(&self, b: &Block) -> &str {
        self.text
            .normalized()
            .get(b.normalized.clone())
            .unwrap_or("")
    }

    /// The script of a Chinese version (`Hans` or `Hant`, see
    /// [`lang::zh_script`]); `None` for other languages or when the text
    /// does not tell.
    pub fn zh_script(&self) -> Option<lang::Script> {
        (self.lang == Lang::Zh)
            .then(|| lang::zh_script(self.text.normalized()))
            .flatten()
    }

    /// The agenda item number (`93`), from the agenda block.
    pub fn agenda_item(&self) -> Option<&str> {
        self.blocks
            .iter()
            .find(|b| b.kind == BlockKind::Agenda)
            .and_then(|b| b.label.as_ref())
            .map(|l| l.raw.as_str())
    }

    /// The resolution number (`74/28`), from the symbol or the title.
    pub fn resolution_number(&self) -> Option<String> {
        if let Some(s) = &self.symbol
            && let Some(rest) = s.split("/RES/").nth(1)
        {
            return Some(rest.split_whitespace().next().unwrap_or(rest).to_string());
        }
        self.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Title)
            .find_map(|b| {
                RES_TITLE
                    .captures(self.normalized(b))
                    .map(|c| format!("{}/{}", &c[1], &c[2]))
            })
    }

    /// The symbol in the bracketed line under the title: the Main Committee's
    /// report the resolution was adopted on (`A/74/363` from
    /// `[on the report of the First Committee (A/74/363)]`), or the draft
    /// when it was adopted without reference to a committee.
    pub fn report_symbol(&self) -> Option<String> {
        self.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Title)
            .find_map(|b| {
                let t = self.normalized(b);
                if !t.trim_start().starts_with('[') {
                    return None;
                }
                symbol::in_brackets(t).map(str::to_string)
            })
    }

    /// The meeting number in the closing (`46`).
    pub fn meeting(&self) -> Option<u32> {
        let closing = self.blocks.iter().rfind(|b| b.kind == BlockKind::Closing)?;
        let c = tables::compiled(self.lang)
            .meeting()
            .captures(self.normalized(closing))?;
        c[1].parse().ok()
    }

    /// The date in the closing, as `YYYY-MM-DD`.
    pub fn date(&self) -> Option<String> {
        let closing = self.blocks.iter().rfind(|b| b.kind == BlockKind::Closing)?;
        let c = tables::compiled(self.lang)
            .date()
            .captures(self.normalized(closing))?;
        let m = &c["m"];
        let month = match m.parse::<u32>() {
            Ok(n) => n,
            Err(_) => u32::from(lang::month_number(m, self.lang)?),
        };
        let d: u32 = c["d"].parse().ok()?;
        let y: u32 = c["y"].parse().ok()?;
        Some(format!("{y:04}-{month:02}-{d:02}"))
    }
}

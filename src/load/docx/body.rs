//! The document body: paragraphs in order, list labels rebuilt, footnote
//! references marked, tracked changes resolved to the final text.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::numbering::{Level, Numbering, format_number};
use super::styles::Styles;
use super::{attr, is_change, val};

/// Content that is not in the final text: deletions, the old side of a
/// move, the fallback copy of alternate content, field instructions.
fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "del" | "moveFrom" | "Fallback" | "instrText" | "delText" | "delInstrText"
    ) || is_change(name)
}

/// Paragraph being read.
#[derive(Default)]
struct Para {
    pub(super) text: String,
    pub(super) num_id: Option<String>,
    pub(super) ilvl: Option<usize>,
    pub(super) style: Option<String>,
    pub(super) in_ppr: bool,
}

pub(super) struct Body<'a> {
    pub(super) numbering: &'a Numbering,
    pub(super) styles: &'a Styles,
    /// Counters per abstract list definition, one per level.
    pub(super) counters: HashMap<String, Vec<Option<i64>>>,
    /// Numbering instances already met (their overrides apply once, at first use).
    pub(super) started: std::collections::HashSet<String>,
    pub(super) out: String,
    /// Footnote references in order: (id, number shown).
    pub(super) notes: Vec<(String, usize)>,
}

impl<'a> Body<'a> {
    pub(super) fn new(numbering: &'a Numbering, styles: &'a Styles) -> Body<'a> {
        Body {
            numbering,
            styles,
            counters: HashMap::new(),
            started: Default::default(),
            out: String::new(),
            notes: Vec::new(),
        }
    }

    /// Reads `document.xml` (or the paragraphs of one footnote when `note`
    /// collects them) into `out`.
    pub(super) fn read(
        &mut self,
        xml: &str,
        mut note: Option<&mut String>,
    ) -> Result<(), quick_xml::Error> {
        let mut r = Reader::from_str(xml);
        let mut paras: Vec<Para> = Vec::new();
        let mut skip = 0usize;
        let mut in_t = false;
        loop {
            let ev = r.read_event()?;
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let name = e.local_name();
                    let name = name.as_ref();
                    if skip > 0 {
                        if !empty {
                            skip += 1;
                        }
                        continue;
                    }
                    if is_dropped(name) {
                        if !empty {
                            skip = 1;
                        }
                        continue;
                    }
                    match name {
                        "p" if !empty => paras.push(Para::default()),
                        "p" => self.emit(Para::default(), note.as_deref_mut()),
                        "pPr" if !empty => {
                            if let Some(p) = paras.last_mut() {
                                p.in_ppr = true;
                            }
                        }
                        "pStyle" => {
                            if let Some(p) = paras.last_mut().filter(|p| p.in_ppr) {
                                p.style = val(e);
                            }
                        }
                        "numId" => {
                            if let Some(p) = paras.last_mut().filter(|p| p.in_ppr) {
                                p.num_id = val(e);
                            }
                        }
                        "ilvl" => {
                            if let Some(p) = paras.last_mut().filter(|p| p.in_ppr) {
                                p.ilvl = val(e).and_then(|v| v.parse().ok());
                            }
                        }
                        "t" if !empty => in_t = true,
                        "tab" | "br" | "cr" | "noBreakHyphen" | "softHyphen" => {
                            if let Some(p) = paras.last_mut().filter(|p| !p.in_ppr) {
                                match name {
                                    "noBreakHyphen" => p.text.push('-'),
                                    "softHyphen" => {}
                                    _ => p.text.push(' '),
                                }
                            }
                        }
                        "footnoteReference" => {
                            if let (Some(p), Some(id)) = (paras.last_mut(), attr(e, "id")) {
                                let n = self.notes.len() + 1;
                                self.notes.push((id, n));
                                p.text.push_str(&format!("<sup>{n}</sup>"));
                            }
                        }
                        "sym" => {
                            if let (Some(p), Some(c)) = (
                                paras.last_mut(),
                                attr(e, "char")
                                    .and_then(|h| u32::from_str_radix(&h, 16).ok())
                                    .and_then(char::from_u32),
                            ) {
                                p.text.push(c);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(ref e) => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    match e.local_name().as_ref() {
                        "p" => {
                            if let Some(p) = paras.pop() {
                                self.emit(p, note.as_deref_mut());
                            }
                        }
                        "pPr" => {
                            if let Some(p) = paras.last_mut() {
                                p.in_ppr = false;
                            }
                        }
                        "t" => in_t = false,
                        _ => {}
                    }
                }
                Event::Text(ref t) if in_t && skip == 0 => {
                    if let Some(p) = paras.last_mut() {
                        p.text.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(ref g) if in_t && skip == 0 => {
                    if let Some(p) = paras.last_mut() {
                        if let Ok(Some(c)) = g.resolve_char_ref() {
                            p.text.push(c);
                        } else if let Some(s) =
                            quick_xml::escape::resolve_predefined_entity(&g.xml10_content())
                        {
                            p.text.push_str(s);
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    /// Reads `footnotes.xml`: the text of each footnote by its id.
    pub(super) fn read_notes(
        &mut self,
        xml: &str,
        texts: &mut HashMap<String, String>,
    ) -> Result<(), quick_xml::Error> {
        // Split the part by footnote, then read each as a body of its own.
        let mut r = Reader::from_str(xml);
        loop {
            match r.read_event()? {
                Event::Start(e) if e.local_name().as_ref() == "footnote" => {
                    let id = attr(&e, "id").unwrap_or_default();
                    let kind = attr(&e, "type").unwrap_or_default();
                    let span = r.read_to_end(e.name())?;
                    if kind == "separator" || kind == "continuationSeparator" {
                        continue;
                    }
                    let inner = &xml[span.start as usize..span.end as usize];
                    let mut text = String::new();
                    self.read(inner, Some(&mut text))?;
                    texts.insert(id, text);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    fn emit(&mut self, p: Para, note: Option<&mut String>) {
        let label = self.label(&p);
        let text = p.text.trim();
        if text.is_empty() && label.is_empty() {
            return;
        }
        match note {
            Some(n) => {
                if !n.is_empty() {
                    n.push(' ');
                }
                n.push_str(&label);
                n.push_str(text);
            }
            None => {
                self.out.push_str(&label);
                self.out.push_str(text);
                self.out.push_str("\n\n");
            }
        }
    }

    /// The list label of a paragraph with its separator, or "".
    fn label(&mut self, p: &Para) -> String {
        let (style_num, style_lvl) = p
            .style
            .as_deref()
            .map(|s| self.styles.numbering(s))
            .unwrap_or_default();
        let Some(num_id) = p.num_id.clone().or(style_num) else {
            return String::new();
        };
        if num_id == "0" {
            return String::new();
        }
        let ilvl = p.ilvl.or(style_lvl).unwrap_or(0).min(8);
        let Some(num) = self.numbering.nums.get(&num_id) else {
            return String::new();
        };
        let mut abs_id = num.abstract_id.clone();
        // A definition that only links to a numbering style takes that style's list.
        if let Some(style) = self.numbering.num_style_link.get(&abs_id)
            && let (Some(n), _) = self.styles.numbering(style)
            && let Some(linked) = self.numbering.nums.get(&n)
        {
            abs_id = linked.abstract_id.clone();
        }
        let Some(levels) = self.numbering.abstracts.get(&abs_id) else {
            return String::new();
        };
        let level_of = |i: usize| -> Level {
            num.overrides
                .get(&i)
                .and_then(|o| o.1.clone())
                .or_else(|| levels.get(&i).cloned())
                .unwrap_or(Level {
                    start: 1,
                    fmt: "decimal".into(),
                    ..Level::default()
                })
        };
        let counters = self
            .counters
            .entry(abs_id.clone())
            .or_insert_with(|| vec![None; 9]);
        if self.started.insert(num_id.clone()) {
            // First use of this instance: its start overrides restart those levels.
            for (&i, o) in &num.overrides {
                let start = o.0.or(o.1.as_ref().map(|l| l.start));
                if let (Some(s), true) = (start, i < 9) {
                    counters[i] = Some(s.saturating_sub(1));
                }
            }
        }
        let lvl = level_of(ilvl);
        counters[ilvl] = Some(counters[ilvl].map_or(lvl.start, |c| c.saturating_add(1)));
        // Deeper levels restart, unless told to restart only after a higher one.
        for (d, c) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = level_of(d).restart;
            if restart.is_none_or(|r| r != 0 && r > ilvl) {
                *c = None;
            }
        }
        if lvl.fmt == "bullet" || lvl.fmt == "none" {
            return String::new();
        }
        let mut label = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            {
                chars.next();
                let k = (d as usize).saturating_sub(1).min(8);
                let l = level_of(k);
                let n = counters[k].unwrap_or(l.start);
                let fmt = if lvl.legal && k < ilvl {
                    "decimal"
                } else {
                    l.fmt.as_str()
                };
                label.push_str(&format_number(n, fmt));
            } else {
                label.push(c);
            }
        }
        if label.is_empty() {
            return label;
        }
        // `、` and a full-width stop carry their own spacing in Chinese.
        if lvl.suffix != "nothing" && !label.ends_with(['、', '．', '）']) {
            label.push(' ');
        }
        label
    }
}

//! The text of the tree: a walk in document order, blocks to paragraphs,
//! list items to labels, footnote references kept as `<sup>N</sup>`.

use html5ever::tendril::StrTendril;
use html5ever::{LocalName, ns};

use super::dom::{Data, Dom, Node};
use super::{Kind, NONE, kind};

struct List {
    ordered: bool,
    kind: char,
    next: i64,
}

#[derive(Default)]
struct Out {
    text: String,
    para: String,
    label: Option<String>,
}

impl Out {
    fn block(&mut self) {
        let p = self.para.trim();
        if !p.is_empty() {
            self.text.push_str(p);
            self.text.push_str("\n\n");
        }
        self.para.clear();
    }

    fn push_text(&mut self, s: &str) {
        for ch in s.chars() {
            // The back-link of a footnote (`↩︎`, as pandoc writes it) is navigation.
            if matches!(ch, '↩' | '\u{fe0e}') {
                continue;
            }
            if ch.is_whitespace() && ch != '\u{a0}' {
                if !self.para.is_empty() && !self.para.ends_with(' ') {
                    self.para.push(' ');
                }
            } else {
                if let Some(l) = self.label.take() {
                    self.para.push_str(&l);
                }
                self.para.push(ch);
            }
        }
    }
}

/// Reads the text of the tree in document order.
struct Reader<'a> {
    attrs: &'a [Vec<(LocalName, StrTendril)>],
    out: Out,
    lists: Vec<List>,
    /// The element (`<section class="footnotes">`…) the footnote list is in.
    notes: Option<u32>,
    /// The outermost open `<sup>` and its text so far.
    sup: Option<(u32, String)>,
}

impl Reader<'_> {
    fn attr(&self, attrs: u32, key: &str) -> Option<&str> {
        if attrs == NONE {
            return None;
        }
        self.attrs[attrs as usize]
            .iter()
            .find(|(k, _)| &**k == key)
            .map(|(_, v)| &**v)
    }

    /// A `<sup>` not closed by its end (a block inside it) is plain text.
    fn flush_sup(&mut self) {
        if let Some((_, s)) = self.sup.take() {
            self.out.push_text(&s);
        }
    }

    /// Enters element `node`; false when its content is not read.
    fn enter(&mut self, node: u32, local: &LocalName, attrs: u32) -> bool {
        match kind(local) {
            Kind::Skipped => return false,
            Kind::Sup => {
                if self.sup.is_none() {
                    self.sup = Some((node, String::new()));
                }
                return true;
            }
            Kind::Inline => return true,
            Kind::Block => {}
        }
        self.flush_sup();
        self.out.block();
        if attrs == NONE && !matches!(&**local, "ol" | "ul" | "li") {
            return true;
        }
        let id_class = format!(
            "{} {}",
            self.attr(attrs, "id").unwrap_or_default(),
            self.attr(attrs, "class").unwrap_or_default()
        )
        .to_ascii_lowercase();
        if self.notes.is_none() && (id_class.contains("footnote") || id_class.contains("endnote")) {
            self.notes = Some(node);
        }
        match &**local {
            "ol" | "ul" => {
                let start = self
                    .attr(attrs, "start")
                    .and_then(|s| s.trim().parse().ok());
                let kind = self
                    .attr(attrs, "type")
                    .and_then(|t| t.trim().chars().next())
                    .unwrap_or('1');
                self.lists.push(List {
                    ordered: &**local == "ol",
                    kind,
                    next: start.unwrap_or(1),
                });
            }
            "li" => {
                let fn_item =
                    self.notes.is_some() || id_class.starts_with("fn") || id_class.contains(" fn");
                let value = self
                    .attr(attrs, "value")
                    .and_then(|s| s.trim().parse::<i64>().ok());
                if let Some(list) = self.lists.last_mut().filter(|l| l.ordered) {
                    if let Some(v) = value {
                        list.next = v;
                    }
                    let n = list.next;
                    list.next = n.saturating_add(1);
                    self.out.label = Some(if fn_item {
                        format!("<sup>{n}</sup> ")
                    } else {
                        format!("{} ", list_label(n, list.kind))
                    });
                }
            }
            _ => {}
        }
        true
    }

    fn leave(&mut self, node: u32, local: &LocalName) {
        let k = kind(local);
        if k == Kind::Sup {
            if self.sup.as_ref().is_some_and(|(n, _)| *n == node)
                && let Some((_, s)) = self.sup.take()
            {
                let s = s.trim();
                let is_ref = !s.is_empty()
                    && s.chars().count() <= 4
                    && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '*');
                if is_ref {
                    // The view takes `<sup>N</sup>` aside as a footnote mark.
                    self.out.push_text(&format!("<sup>{s}</sup>"));
                } else {
                    self.out.push_text(s);
                }
            }
            return;
        }
        if k != Kind::Block {
            return;
        }
        self.flush_sup();
        self.out.block();
        if self.notes == Some(node) {
            self.notes = None;
        }
        match &**local {
            "ol" | "ul" => {
                self.lists.pop();
            }
            "li" => self.out.label = None,
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        match &mut self.sup {
            Some((_, s)) => s.push_str(t),
            None => self.out.push_text(t),
        }
    }
}

/// The text of the tree: a walk in document order along the links (no
/// recursion, so any depth is safe).
pub(super) fn read(dom: &Dom) -> String {
    let nodes = dom.nodes.borrow();
    let attrs = dom.attrs.borrow();
    let mut r = Reader {
        attrs: &attrs,
        out: Out::default(),
        lists: Vec::new(),
        notes: None,
        sup: None,
    };
    let html = |n: &Node| match &n.data {
        Data::Element { name, attrs, .. } if name.ns == ns!(html) => {
            Some((name.local.clone(), *attrs))
        }
        _ => None,
    };
    let mut at = nodes[0].first;
    while at != NONE {
        let n = &nodes[at as usize];
        let descend = match &n.data {
            Data::Text(t) => {
                r.text(t);
                false
            }
            Data::Element { .. } => match html(n) {
                Some((local, attrs)) => r.enter(at, &local, attrs),
                // Foreign content (SVG, MathML) is not text of the document.
                None => false,
            },
            Data::Document | Data::Other => false,
        };
        if descend && n.first != NONE {
            at = n.first;
            continue;
        }
        // Leave `at` (if it was entered) and every ancestor it ends.
        let mut cur = at;
        loop {
            let c = &nodes[cur as usize];
            if descend || cur != at {
                if let Some((local, _)) = html(c) {
                    r.leave(cur, &local);
                }
            }
            if c.next != NONE {
                at = c.next;
                break;
            }
            cur = c.parent;
            if cur == 0 || cur == NONE {
                at = NONE;
                break;
            }
        }
    }
    r.flush_sup();
    r.out.block();
    r.out.text
}

/// The label a browser shows for item `n` of an `<ol type=kind>`, in the
/// form UN documents type it: `1.`, `(a)`, `A.`, `(i)`, `I.`.
pub(super) fn list_label(n: i64, kind: char) -> String {
    match kind {
        'a' => format!("({})", letters(n, b'a')),
        'A' => format!("{}.", letters(n, b'A')),
        'i' => format!("({})", roman(n).to_lowercase()),
        'I' => format!("{}.", roman(n)),
        _ => format!("{n}."),
    }
}

fn letters(n: i64, base: u8) -> String {
    let mut n = n.max(1) as u64;
    let mut s = Vec::new();
    while n > 0 {
        n -= 1;
        s.push(base + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

pub(in crate::load) fn roman(n: i64) -> String {
    // Roman numerals stop at 3999; the one table is in `lang`.
    crate::lang::tables::roman(n.clamp(1, 3999) as u32)
}
